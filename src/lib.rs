//! shinkyu (新旧): drafting and reviewing the revision of a comprehensive plan, and exporting
//! its 新旧対照表.
//!
//! The core — [`model`], [`io`], [`check`], [`diff`], [`report`], [`edit`], [`import`] — has no
//! GUI dependency and is used by both the command line and the desktop editor.

#[cfg(feature = "gui")]
pub mod app;
pub mod check;
pub mod cli;
pub mod console;
pub mod diff;
pub mod edit;
pub mod import;
pub mod io;
pub mod model;
pub mod report;
pub mod review;

/// The bundled draft of 本庄市's 6. 行財政経営分野, embedded so that the program shows real
/// content on first start.
pub const BUNDLED_DRAFT: &str = include_str!("../drafts/honjo-6-gyozaisei.ron");

/// The bundled draft's file name, for titles and suggested paths.
pub const BUNDLED_DRAFT_NAME: &str = "honjo-6-gyozaisei.ron";
