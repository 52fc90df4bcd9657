//! 閲覧モード (review mode) as state: whether it is on, what the review panels ask for
//! ([`ReviewAction`]), the review's background work ([`ReviewJob`]) and 「次の要修正」 /
//! 「次の未コメント」 ([`next_row`]).
//!
//! In 閲覧モード the draft's text is read-only: the panels draw it without editing widgets (they
//! are told the mode in [`super::panels::EditorCtx::review_mode`]), and the app refuses every
//! [`Command`] but [`Command::Review`] (and the one [`Command::StartReview`] that records the
//! review base) — two locks, so that a widget that forgot to check the mode still cannot change
//! the text. Undo in 閲覧モード undoes comments and review states only. The app carries out the
//! actions in `handling/review.rs`; the core does the work ([`crate::review`]).

use std::path::PathBuf;

use super::state::Selection;
use crate::edit::Command;
use crate::io::LoadError;
use crate::model::{Draft, ReviewState, Row, RowId};
use crate::review::{MergeOutcome, MergeResult};

/// 閲覧モード, stored once (the app's `review_mode`) and handed to the panels.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReviewMode {
    /// The draft's text can be edited.
    #[default]
    Off,
    /// Asked for (`--review`, or a reviewer's copy was opened): entered as soon as a draft is
    /// open and no dialog is shown (the reviewer's name may have to be asked first).
    Requested,
    /// The text is read-only; comments and review states are recorded.
    On,
}

impl ReviewMode {
    pub fn is_on(self) -> bool {
        self == ReviewMode::On
    }
}

/// Something the review panels and dialogs ask for (queued as
/// [`super::ui_command::Action::Review`]).
#[derive(Clone, Debug, PartialEq)]
pub enum ReviewAction {
    /// Post a new comment (or a reply) signed with the reviewer's name and the time.
    Post {
        row: RowId,
        reply_to: Option<String>,
        text: String,
    },
    /// The reviewer gave their name (the name dialog); then do `then`.
    SetName {
        name: String,
        then: AfterName,
    },
    /// Go to a row (from the comparison list), revealing it in the tree.
    JumpTo(RowId),
    CloseComparison,
    /// Apply what the merge dialog shows (every conflict chosen) as one undoable change.
    ApplyMerge {
        /// The reviewer's copy.
        path: PathBuf,
        reviewer: Option<String>,
        /// What the merge brings in, in words (「コメント 3 件、確認状態 2 件」).
        summary: String,
        outcome: Box<MergeOutcome>,
    },
    /// The merge dialog was closed without bringing anything in.
    CancelMerge,
}

/// What to do once the reviewer has given a name.
#[derive(Clone, Debug, PartialEq)]
pub enum AfterName {
    Nothing,
    EnterReview,
    Then(Box<ReviewAction>),
}

/// Background work of the review features.
#[derive(Debug)]
pub enum ReviewJob {
    /// A previous version was read and compared with the open draft.
    Compared {
        path: PathBuf,
        revision: u64,
        result: Box<Result<(Draft, crate::review::VersionDiff), LoadError>>,
    },
    /// A reviewer's copy was read and merged into the open draft.
    Merged {
        path: PathBuf,
        revision: u64,
        result: Box<Result<(Draft, MergeResult), LoadError>>,
    },
}

/// What 「次の…」 looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextKind {
    /// A row marked 要修正.
    NeedsFix,
    /// A row without comments.
    Uncommented,
}

impl NextKind {
    pub fn matches(self, row: &Row) -> bool {
        match self {
            NextKind::NeedsFix => row.review.state == ReviewState::NeedsFix,
            NextKind::Uncommented => row.review.comments.is_empty(),
        }
    }

    /// What is looked for, in the status bar's words.
    pub fn what(self) -> &'static str {
        match self {
            NextKind::NeedsFix => "要修正の行",
            NextKind::Uncommented => "コメントのない行",
        }
    }
}

/// The next row of `kind` after the selection, in document order, wrapping around; the search
/// starts at the selected row (after it), or at the start of the selected block or 施策大項目.
/// Returns the row and how many rows of that kind there are.
pub fn next_row(draft: &Draft, selection: &Selection, kind: NextKind) -> Option<(RowId, usize)> {
    let rows: Vec<(crate::model::RowPath, &Row)> = draft.rows().map(|(p, _, r)| (p, r)).collect();
    let total = rows.iter().filter(|(_, r)| kind.matches(r)).count();
    if total == 0 {
        return None;
    }
    let start = match selection {
        Selection::Row(id) => rows
            .iter()
            .position(|(_, r)| &r.id == id)
            .map_or(0, |i| i + 1),
        Selection::Block { policy, block } => rows
            .iter()
            .position(|(p, _)| (p.policy, p.block) >= (*policy, *block))
            .unwrap_or(0),
        Selection::Policy(policy) | Selection::Page { policy, .. } => rows
            .iter()
            .position(|(p, _)| p.policy >= *policy)
            .unwrap_or(0),
        Selection::Field | Selection::Report => 0,
    };
    (0..rows.len())
        .map(|k| &rows[(start + k) % rows.len()])
        .find(|(_, r)| kind.matches(r))
        .map(|(_, r)| (r.id.clone(), total))
}

/// The commands 閲覧モード lets through: review edits and the start of the review.
pub fn allowed_in_review_mode(cmd: &Command) -> bool {
    cmd.is_review_only() || matches!(cmd, Command::StartReview { .. })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::synthetic::sample_draft;
    use crate::model::Comment;
    use crate::review::ReviewEdit;

    #[test]
    fn next_row_wraps_and_counts() {
        let mut d = sample_draft();
        let ids: Vec<RowId> = d.rows().map(|(_, _, r)| r.id.clone()).collect();
        assert!(next_row(&d, &Selection::Field, NextKind::NeedsFix).is_none());
        for i in [2, 5] {
            let path = d.find_row(&ids[i]).unwrap();
            d.row_mut(path).unwrap().review.state = ReviewState::NeedsFix;
        }
        let first = next_row(&d, &Selection::Field, NextKind::NeedsFix).unwrap();
        assert_eq!(first, (ids[2].clone(), 2));
        let second = next_row(&d, &Selection::Row(ids[2].clone()), NextKind::NeedsFix).unwrap();
        assert_eq!(second.0, ids[5]);
        // Wraps around after the last one.
        let again = next_row(&d, &Selection::Row(ids[5].clone()), NextKind::NeedsFix).unwrap();
        assert_eq!(again.0, ids[2]);
        // Uncommented: every row but the one with a comment.
        let path = d.find_row(&ids[0]).unwrap();
        d.row_mut(path).unwrap().review.comments.push(Comment {
            id: "c1".into(),
            text: "x".into(),
            ..Comment::default()
        });
        let (next, total) = next_row(&d, &Selection::Field, NextKind::Uncommented).unwrap();
        assert_eq!(next, ids[1]);
        assert_eq!(total, ids.len() - 1);
        // From a block: its first matching row.
        let p = d.find_row(&ids[5]).unwrap();
        let from_block = Selection::Block {
            policy: p.policy,
            block: p.block,
        };
        assert_eq!(
            next_row(&d, &from_block, NextKind::NeedsFix).unwrap().0,
            ids[5]
        );
    }

    #[test]
    fn only_review_commands_pass_in_review_mode() {
        let id = RowId::new("x");
        assert!(allowed_in_review_mode(&Command::Review(
            ReviewEdit::SetState {
                row: id.clone(),
                state: ReviewState::Checked
            }
        )));
        assert!(allowed_in_review_mode(&Command::StartReview {
            reviewer: "a".into(),
            now: "b".into()
        }));
        assert!(!allowed_in_review_mode(&Command::SetMemo {
            row: id.clone(),
            text: String::new()
        }));
        assert!(!allowed_in_review_mode(&Command::DeleteRow { row: id }));
        assert!(!allowed_in_review_mode(&Command::ReplaceDraft {
            draft: Box::new(sample_draft()),
            label: String::new()
        }));
    }
}
