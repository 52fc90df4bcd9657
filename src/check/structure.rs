//! Structure: the draft's ids and block shapes are sound.

use std::collections::HashMap;

use super::{Finding, Location, Severity};
use crate::model::Draft;

/// STR001 重複したID: two rows, 施策大項目 or indicators share an id.
///
/// Why: comments, suppressions and version comparison find rows by id; a duplicate makes them
/// attach to the wrong row. Example: a row copied by hand in a text editor keeps its `id`.
pub const DUPLICATE_ID: &str = "STR001";

/// STR002 空のID: an id is empty.
///
/// Why: as for STR001, a row without an id cannot be referred to.
pub const EMPTY_ID: &str = "STR002";

pub(super) fn check(draft: &Draft, out: &mut Vec<Finding>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for id in draft.all_ids() {
        *seen.entry(id.as_str()).or_default() += 1;
    }
    for (path, _, row) in draft.rows() {
        let id = row.id.as_str();
        if id.trim().is_empty() {
            out.push(Finding {
                severity: Severity::Error,
                code: EMPTY_ID,
                message:
                    "行のIDが空です。テキストエディタで編集した場合は、一意のIDを付けてください。"
                        .into(),
                location: Location::row(draft, path, None),
                excerpt: String::new(),
            });
        } else if seen.get(id).copied().unwrap_or(0) > 1 {
            out.push(Finding {
                severity: Severity::Error,
                code: DUPLICATE_ID,
                message: format!(
                    "ID「{id}」が複数の行で使われています。行を複製した場合は、片方に新しいIDを付けてください。"
                ),
                location: Location::row(draft, path, None),
                excerpt: id.to_string(),
            });
        }
    }
}
