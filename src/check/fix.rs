//! Fixes as data: what a finding offers to change ([`Fix`], shown as a button and written to
//! JSON), and the one editing command that makes the change ([`Fix::command`]), applied like
//! every other edit by [`crate::edit::apply_to_draft`] — undoably through
//! [`crate::edit::Document::apply`] in the editor.

use serde::Serialize;

use crate::edit::Command;
use crate::model::{ChangeStatus, RowId, Span, TextAddr};

/// One change to the draft.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Edit {
    /// Replace the characters `span` of a field, which must currently read `expected`, with
    /// `replacement`. When the field is the 改定案 side of a 変更なし row stored without one,
    /// the 現行 side is first copied to the 改定案 side and the status becomes 変更あり.
    ReplaceText {
        at: TextAddr,
        span: Span,
        expected: String,
        replacement: String,
    },
    /// Set a row's 変更区分 (with the status helpers, as the editor's status selector does).
    SetStatus { row: RowId, status: ChangeStatus },
}

impl Edit {
    /// The editing command that makes this change.
    pub fn command(&self) -> Command {
        match self {
            Edit::ReplaceText {
                at,
                span,
                expected,
                replacement,
            } => Command::ReplaceText {
                at: at.clone(),
                span: *span,
                expected: expected.clone(),
                replacement: replacement.clone(),
            },
            Edit::SetStatus { row, status } => Command::SetStatus {
                row: row.clone(),
                status: *status,
            },
        }
    }
}

/// A fix: a short Japanese label for the button and the edits, applied together (one undo
/// step).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fix {
    /// e.g. 「「にを」を「を」に直す」.
    pub label: String,
    pub edits: Vec<Edit>,
}

impl Fix {
    /// A fix that replaces one span.
    pub fn replace(
        label: impl Into<String>,
        at: TextAddr,
        span: Span,
        expected: impl Into<String>,
        replacement: impl Into<String>,
    ) -> Fix {
        Fix {
            label: label.into(),
            edits: vec![Edit::ReplaceText {
                at,
                span,
                expected: expected.into(),
                replacement: replacement.into(),
            }],
        }
    }

    /// A fix that sets a row's status.
    pub fn set_status(row: RowId, status: ChangeStatus) -> Fix {
        Fix {
            label: format!("変更区分を「{}」にする", status.label()),
            edits: vec![Edit::SetStatus { row, status }],
        }
    }

    /// The fix as one editing command: a [`Command::Batch`] named 「修正「…」」, all or nothing.
    /// Replacements run from the end of their field so that earlier spans stay valid, and
    /// status changes last, so an explicit status wins over the one a replacement implies.
    /// Applying it to a draft whose text changed since the check is refused
    /// ([`crate::edit::EditError::StaleText`]) and changes nothing.
    pub fn command(&self) -> Command {
        let mut edits: Vec<&Edit> = self.edits.iter().collect();
        edits.sort_by_key(|e| match e {
            Edit::ReplaceText { span, .. } => (false, std::cmp::Reverse(span.start)),
            Edit::SetStatus { .. } => (true, std::cmp::Reverse(0)),
        });
        Command::Batch {
            label: format!("修正「{}」", self.label),
            commands: edits.into_iter().map(Edit::command).collect(),
        }
    }
}
