//! What a row says, reduced to a fingerprint, and the review base a reviewer's copy records.

use crate::model::{Draft, ReviewBase, ReviewBaseRow, Row};

/// A fingerprint of a row's text: its status, both sides and its memo (not its review).
/// Equal rows have equal fingerprints; stable across runs and platforms.
pub fn row_fingerprint(row: &Row) -> String {
    let content = (&row.status, &row.current, &row.revised, &row.memo);
    let json = serde_json::to_string(&content).expect("row content always serializes");
    // FNV-1a, 64 bits.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in json.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Records what every row says now, as the base of a review. Call when 閲覧モード starts on a
/// copy that has no base yet. Returns false (and changes nothing) if there already is one.
pub fn start_review(draft: &mut Draft, reviewer: &str, now: &str) -> bool {
    if draft.review_base.is_some() {
        return false;
    }
    let rows = draft
        .rows()
        .map(|(_, _, r)| ReviewBaseRow {
            id: r.id.clone(),
            text: row_fingerprint(r),
            state: r.review.state,
        })
        .collect();
    draft.review_base = Some(ReviewBase {
        started: now.to_string(),
        reviewer: reviewer.to_string(),
        rows,
    });
    true
}
