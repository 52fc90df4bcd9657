//! Offline review: section managers comment on a copy of the draft; 企画課 compares versions
//! and brings the comments back. Pure functions on drafts, no GUI.

mod fingerprint;
mod merge;
mod version;

pub use fingerprint::{row_fingerprint, start_review};
pub use merge::{
    Conflict, ConflictKind, MergeEvent, MergeOutcome, MergeRefusal, MergeResult, Resolution,
    merge_review,
};
pub use version::{RowChange, VersionDiff, compare_versions};

use crate::model::{Comment, Draft, ReviewState, RowId};

/// What a reviewer can change in 閲覧モード. Everything else about the draft is read-only there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewEdit {
    AddComment {
        row: RowId,
        comment: Comment,
    },
    EditComment {
        row: RowId,
        id: String,
        text: String,
    },
    DeleteComment {
        row: RowId,
        id: String,
    },
    SetState {
        row: RowId,
        state: ReviewState,
    },
}

impl ReviewEdit {
    /// The row the edit is about.
    pub fn row(&self) -> &RowId {
        match self {
            ReviewEdit::AddComment { row, .. }
            | ReviewEdit::EditComment { row, .. }
            | ReviewEdit::DeleteComment { row, .. }
            | ReviewEdit::SetState { row, .. } => row,
        }
    }
}

/// Applies a review edit; returns false when the row or comment does not exist. The only way
/// review mode changes a draft, so it cannot touch the text.
pub fn apply_review_edit(draft: &mut Draft, edit: &ReviewEdit) -> bool {
    let Some(path) = draft.find_row(edit.row()) else {
        return false;
    };
    let Some(row) = draft.row_mut(path) else {
        return false;
    };
    let review = &mut row.review;
    match edit {
        ReviewEdit::AddComment { comment, .. } => {
            review.comments.push(comment.clone());
            true
        }
        ReviewEdit::EditComment { id, text, .. } => {
            match review.comments.iter_mut().find(|c| &c.id == id) {
                Some(c) => {
                    c.text = text.clone();
                    true
                }
                None => false,
            }
        }
        ReviewEdit::DeleteComment { id, .. } => {
            let before = review.comments.len();
            review.comments.retain(|c| &c.id != id);
            review.comments.len() != before
        }
        ReviewEdit::SetState { state, .. } => {
            review.state = *state;
            true
        }
    }
}

/// A fresh comment id, unique within the draft.
pub fn fresh_comment_id(draft: &Draft) -> String {
    let used: std::collections::HashSet<&str> = draft
        .rows()
        .flat_map(|(_, _, r)| r.review.comments.iter().map(|c| c.id.as_str()))
        .collect();
    loop {
        let candidate = draft.fresh_id("c").0;
        if !used.contains(candidate.as_str()) {
            return candidate;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_review_edit_names_its_row() {
        let edits = [
            ReviewEdit::AddComment {
                row: RowId::new("a"),
                comment: Comment::default(),
            },
            ReviewEdit::EditComment {
                row: RowId::new("b"),
                id: "c1".into(),
                text: String::new(),
            },
            ReviewEdit::DeleteComment {
                row: RowId::new("c"),
                id: "c1".into(),
            },
            ReviewEdit::SetState {
                row: RowId::new("d"),
                state: ReviewState::Checked,
            },
        ];
        let rows: Vec<&str> = edits.iter().map(|e| e.row().as_str()).collect();
        assert_eq!(rows, ["a", "b", "c", "d"]);
    }
}
