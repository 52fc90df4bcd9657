//! Bringing a reviewer's comments and review states back into the master draft.
//!
//! Rows are matched by stable id. The reviewer's copy records, when 閲覧モード started, what
//! every row said ([`crate::model::ReviewBase`]); with it the merge tells who changed a text or
//! a state. What only one side changed is taken from that side; what both changed differently
//! is a conflict: the master's version stays in the merged draft until the user chooses, and
//! both versions are kept in the conflict. Nothing is dropped silently.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Serialize;

use super::fingerprint::row_fingerprint;
use crate::model::{Comment, Draft, ReviewBaseRow, ReviewState, Row, RowId, RowPath};

/// Something the merge did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum MergeEvent {
    /// A comment of the reviewer's copy was added to the master.
    CommentAdded {
        row: RowId,
        location: String,
        author: String,
    },
    /// The review state was taken from the reviewer's copy.
    StateTaken {
        row: RowId,
        location: String,
        state: ReviewState,
    },
    /// The reviewer changed a row's text and the master had not: the reviewer's text was taken.
    TextTaken { row: RowId, location: String },
    /// A row that exists only in the reviewer's copy was added.
    RowAdded { row: RowId, location: String },
    /// A row the reviewer's copy no longer has was kept in the master.
    RowKept { row: RowId, location: String },
    /// A row only the reviewer's copy has could not be placed (its 施策大項目 is not in the
    /// master); it is left out of the merge, and still in the reviewer's file.
    RowNotAdded { row: RowId, location: String },
}

impl MergeEvent {
    /// Whether this event brought something from the reviewer's copy into the master (a comment,
    /// a state, a text, a row). [`MergeEvent::RowKept`] and [`MergeEvent::RowNotAdded`] report
    /// what was *not* taken in.
    pub fn is_taken_in(&self) -> bool {
        match self {
            MergeEvent::CommentAdded { .. }
            | MergeEvent::StateTaken { .. }
            | MergeEvent::TextTaken { .. }
            | MergeEvent::RowAdded { .. } => true,
            MergeEvent::RowKept { .. } | MergeEvent::RowNotAdded { .. } => false,
        }
    }

    /// A one-line Japanese description.
    pub fn describe(&self) -> String {
        match self {
            MergeEvent::CommentAdded {
                location, author, ..
            } => format!("{location}: {author} さんのコメントを追加しました"),
            MergeEvent::StateTaken {
                location, state, ..
            } => format!("{location}: 確認状態を「{}」にしました", state.label()),
            MergeEvent::TextTaken { location, .. } => {
                format!("{location}: 確認者の版で変更された本文を取り込みました")
            }
            MergeEvent::RowAdded { location, .. } => {
                format!("{location}: 確認者の版にだけある行を追加しました")
            }
            MergeEvent::RowKept { location, .. } => {
                format!("{location}: 確認者の版にはない行ですが、マスターに残しました")
            }
            MergeEvent::RowNotAdded { location, .. } => format!(
                "{location}: 確認者の版にだけある行ですが、マスターに該当する施策大項目がないため取り込めませんでした（確認者のファイルには残っています）"
            ),
        }
    }
}

/// What both sides changed differently.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum ConflictKind {
    /// The row's text (status, sides, memo) differs and both changed it (or the copy has no
    /// review base to tell).
    Text {
        master: Box<Row>,
        reviewed: Box<Row>,
    },
    /// The review state.
    State {
        master: ReviewState,
        reviewed: ReviewState,
    },
    /// A comment with the same id but different text.
    Comment {
        master: Box<Comment>,
        reviewed: Box<Comment>,
    },
}

/// A conflict, where it is, and how it stands.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Conflict {
    pub row: RowId,
    pub location: String,
    pub kind: ConflictKind,
    /// `None` until the user chooses; the merged draft holds the master's version meanwhile.
    pub resolution: Option<Resolution>,
}

impl Conflict {
    /// A one-line Japanese description.
    pub fn describe(&self) -> String {
        let what = match &self.kind {
            ConflictKind::Text { .. } => "本文がマスターと確認者の版の両方で変更されています",
            ConflictKind::State { .. } => "確認状態がマスターと確認者の版で異なります",
            ConflictKind::Comment { .. } => "同じコメントの内容が異なります",
        };
        format!("{}: {what}", self.location)
    }
}

/// Which version a conflict keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Resolution {
    Master,
    Reviewed,
}

/// The merged draft, what was done, and what needs a choice.
#[derive(Clone, Debug, PartialEq)]
pub struct MergeOutcome {
    pub merged: Draft,
    pub events: Vec<MergeEvent>,
    pub conflicts: Vec<Conflict>,
}

impl MergeOutcome {
    /// Applies a choice to conflict `index`, updating the merged draft.
    pub fn resolve(&mut self, index: usize, resolution: Resolution) {
        let Some(conflict) = self.conflicts.get_mut(index) else {
            return;
        };
        conflict.resolution = Some(resolution);
        let Some(path) = self.merged.find_row(&conflict.row) else {
            return;
        };
        let Some(row) = self.merged.row_mut(path) else {
            return;
        };
        match &conflict.kind {
            ConflictKind::Text { master, reviewed } => {
                let from = match resolution {
                    Resolution::Master => master,
                    Resolution::Reviewed => reviewed,
                };
                row.status = from.status;
                row.current = from.current.clone();
                row.revised = from.revised.clone();
                row.memo = from.memo.clone();
            }
            ConflictKind::State { master, reviewed } => {
                row.review.state = match resolution {
                    Resolution::Master => *master,
                    Resolution::Reviewed => *reviewed,
                };
            }
            ConflictKind::Comment { master, reviewed } => {
                let chosen = match resolution {
                    Resolution::Master => master,
                    Resolution::Reviewed => reviewed,
                };
                if let Some(c) = row.review.comments.iter_mut().find(|c| c.id == chosen.id) {
                    *c = (**chosen).clone();
                }
            }
        }
    }

    /// Chooses the same version for every open conflict.
    pub fn resolve_all(&mut self, resolution: Resolution) {
        for i in 0..self.conflicts.len() {
            if self.conflicts[i].resolution.is_none() {
                self.resolve(i, resolution);
            }
        }
    }

    /// How many things were really brought in from the reviewer's copy (see
    /// [`MergeEvent::is_taken_in`]).
    pub fn taken_in(&self) -> usize {
        self.events.iter().filter(|e| e.is_taken_in()).count()
    }

    /// How many rows of the reviewer's copy could not be placed in the master.
    pub fn not_taken_in(&self) -> usize {
        self.events
            .iter()
            .filter(|e| matches!(e, MergeEvent::RowNotAdded { .. }))
            .count()
    }

    pub fn unresolved(&self) -> usize {
        self.conflicts
            .iter()
            .filter(|c| c.resolution.is_none())
            .count()
    }
}

/// Why a reviewer's copy is not merged at all. Nothing is applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeRefusal {
    /// The copy is of another draft ([`Draft::same_draft`] is false): row ids such as
    /// `p1.measure.1` are the same in every city's draft, so merging it would attach its
    /// comments to rows whose text the reviewer never saw. Both drafts by
    /// [`Draft::display_name`].
    OtherDraft { master: String, reviewed: String },
}

impl fmt::Display for MergeRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MergeRefusal::OtherDraft { master, reviewed } => write!(
                f,
                "取り込めません: 確認者の写しは別の下書き「{reviewed}」の写しです（元の下書きは「{master}」）。同じ下書きから作った写しを選んでください。何も取り込んでいません。"
            ),
        }
    }
}

impl std::error::Error for MergeRefusal {}

/// What [`merge_review`] gives: the outcome to show, or why nothing is merged.
pub type MergeResult = Result<MergeOutcome, MergeRefusal>;

/// Merges the comments, review states and (where only the reviewer changed them) texts of a
/// reviewer's copy into the master. Refuses a copy of another draft
/// ([`MergeRefusal::OtherDraft`]) before looking at any row.
pub fn merge_review(master: &Draft, reviewed: &Draft) -> MergeResult {
    if !master.same_draft(reviewed) {
        let (mut m, mut r) = (master.display_name(), reviewed.display_name());
        // Two cities may name their plans alike: then the identities tell them apart.
        if m == r {
            m.push_str(&short_id(master));
            r.push_str(&short_id(reviewed));
        }
        return Err(MergeRefusal::OtherDraft {
            master: m,
            reviewed: r,
        });
    }
    let mut merged = master.clone();
    let mut events = Vec::new();
    let mut conflicts = Vec::new();
    let base: HashMap<&RowId, &ReviewBaseRow> = reviewed
        .review_base
        .iter()
        .flat_map(|b| b.rows.iter().map(|r| (&r.id, r)))
        .collect();
    let reviewed_ids: HashSet<&RowId> = reviewed.rows().map(|(_, _, r)| &r.id).collect();

    for (rpath, _, rrow) in reviewed.rows() {
        let Some(mpath) = merged.find_row(&rrow.id) else {
            events.push(match add_row(&mut merged, reviewed, rpath, rrow) {
                Some(location) => MergeEvent::RowAdded {
                    row: rrow.id.clone(),
                    location,
                },
                None => MergeEvent::RowNotAdded {
                    row: rrow.id.clone(),
                    location: reviewed.row_location(rpath),
                },
            });
            continue;
        };
        let location = merged.row_location(mpath);
        let mrow = merged.row_mut(mpath).expect("found");
        let b = base.get(&rrow.id).copied();

        // Text: taken from whichever side changed it; a conflict when both did.
        let (m_text, r_text) = (row_fingerprint(mrow), row_fingerprint(rrow));
        if m_text != r_text {
            match b.map(|b| b.text.as_str()) {
                Some(bt) if bt == r_text => {} // only the master moved on
                Some(bt) if bt == m_text => {
                    mrow.status = rrow.status;
                    mrow.current = rrow.current.clone();
                    mrow.revised = rrow.revised.clone();
                    mrow.memo = rrow.memo.clone();
                    events.push(MergeEvent::TextTaken {
                        row: rrow.id.clone(),
                        location: location.clone(),
                    });
                }
                _ => conflicts.push(Conflict {
                    row: rrow.id.clone(),
                    location: location.clone(),
                    kind: ConflictKind::Text {
                        master: Box::new(mrow.clone()),
                        reviewed: Box::new(rrow.clone()),
                    },
                    resolution: None,
                }),
            }
        }

        // Review state, the same way; without a base an untouched state yields to a set one.
        let (ms, rs) = (mrow.review.state, rrow.review.state);
        if ms != rs {
            let base_state = b.map(|b| b.state);
            let take_reviewed = match base_state {
                Some(bs) if bs == rs => Some(false),
                Some(bs) if bs == ms => Some(true),
                Some(_) => None,
                None if ms == ReviewState::Unchecked => Some(true),
                None if rs == ReviewState::Unchecked => Some(false),
                None => None,
            };
            match take_reviewed {
                Some(true) => {
                    mrow.review.state = rs;
                    events.push(MergeEvent::StateTaken {
                        row: rrow.id.clone(),
                        location: location.clone(),
                        state: rs,
                    });
                }
                Some(false) => {}
                None => conflicts.push(Conflict {
                    row: rrow.id.clone(),
                    location: location.clone(),
                    kind: ConflictKind::State {
                        master: ms,
                        reviewed: rs,
                    },
                    resolution: None,
                }),
            }
        }

        // Comments: the union, by id; the same comment with different texts is a conflict.
        for rc in &rrow.review.comments {
            match mrow.review.comments.iter().find(|c| c.id == rc.id) {
                None => {
                    mrow.review.comments.push(rc.clone());
                    events.push(MergeEvent::CommentAdded {
                        row: rrow.id.clone(),
                        location: location.clone(),
                        author: rc.author.clone(),
                    });
                }
                Some(mc) if mc != rc => conflicts.push(Conflict {
                    row: rrow.id.clone(),
                    location: location.clone(),
                    kind: ConflictKind::Comment {
                        master: Box::new(mc.clone()),
                        reviewed: Box::new(rc.clone()),
                    },
                    resolution: None,
                }),
                Some(_) => {}
            }
        }
    }

    // Rows the reviewer's copy had when the review started but no longer has.
    for (mpath, _, mrow) in master.rows() {
        if base.contains_key(&mrow.id) && !reviewed_ids.contains(&mrow.id) {
            events.push(MergeEvent::RowKept {
                row: mrow.id.clone(),
                location: master.row_location(mpath),
            });
        }
    }

    Ok(MergeOutcome {
        merged,
        events,
        conflicts,
    })
}

/// `（ID 1a2b3c4d）`: the start of a draft's identity, to tell apart two drafts named alike.
fn short_id(draft: &Draft) -> String {
    let id = draft.meta.draft_id.trim();
    if id.is_empty() {
        "（IDなし）".into()
    } else {
        format!("（ID {}）", id.chars().take(8).collect::<String>())
    }
}

/// Adds a row that only the reviewer's copy has, after the row that precedes it there (or at
/// the start of its block). Returns its location, or `None` if it has no place in the master.
fn add_row(merged: &mut Draft, reviewed: &Draft, rpath: RowPath, row: &Row) -> Option<String> {
    let rpolicy = &reviewed.policies[rpath.policy];
    let pi = merged.policies.iter().position(|p| p.id == rpolicy.id)?;
    let previous = rpath
        .row
        .checked_sub(1)
        .map(|i| rpolicy.block(rpath.block)[i].id.clone());
    let policy = &mut merged.policies[pi];
    // 現況と課題 and 協働による取組 hold one row each: no place for a second one.
    let rows = policy.block_vec_mut(rpath.block)?;
    let at = previous
        .and_then(|id| rows.iter().position(|r| r.id == id))
        .map_or(0, |i| i + 1);
    rows.insert(at, row.clone());
    Some(merged.row_location(RowPath {
        policy: pi,
        block: rpath.block,
        row: at,
    }))
}
