//! What the app does with what the user asked for, once per frame after the panels and dialogs
//! are drawn (after rerun's `command_handling.rs`): each file extends [`super::ShinkyuApp`].
//! Only these files and the app's root use the app itself; the panels, dialogs and state they
//! work on do not know it.
//!
//! - `commands.rs`: keyboard shortcuts, the action queue, [`super::UiCommand`]s (undo, zoom,
//!   the tree, the preview …).
//! - `documents.rs`: opening, saving, leaving a draft (the questions on the way), results of
//!   file work, recovery copies, dropped files.
//! - `findings.rs`: the 検査結果 panel's actions (go to, fix, ignore).
//! - `review.rs`: 閲覧モード, comments, the comparison with a previous version, the merge of a
//!   reviewer's copy.
//! - `export.rs`: the 出力 dialog's actions and the export's results.

mod commands;
mod documents;
mod export;
mod findings;
mod review;
