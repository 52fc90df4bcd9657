//! Editing a draft: every change as a [`Command`], one [`apply_to_draft`] that performs it, and
//! a [`Document`] that records undo/redo and knows whether the draft is saved.
//!
//! No egui here: the desktop editor (`crate::app`) sends commands, and the core (a future
//! batch fix, a merge of reviewers' copies) can reuse the same commands and status helpers.

mod apply;
mod command;
mod history;
mod status;
mod structure;
pub mod synthetic;

pub use apply::{EditError, Outcome, apply_to_draft};
pub use command::{Command, ListOp, MemoTarget, MergeKey, RowList, Scope, Target};
pub use history::{Applied, Document, MAX_UNDO, MERGE_WINDOW};
pub use status::{
    current_edited, next_number, renumber_from_one, renumber_in_order, revised_edited, set_status,
};
pub use structure::renumber_policies_in_order;
