//! Checker findings as the report's appendix prints them.
//!
//! The report depends on the checker only here: [`FindingEntry`] holds the few texts the
//! appendix shows, so the checker's types can grow without touching the exporters.

use serde::Serialize;

use crate::check::{self, Finding};
use crate::model::Draft;

/// One line of the appendix 検査結果.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FindingEntry {
    /// エラー / 警告 / 情報.
    pub severity: String,
    /// The rule's code, e.g. `STR001`.
    pub code: String,
    /// Where, in the document's own names.
    pub location: String,
    pub message: String,
    /// The text the finding is about.
    pub excerpt: String,
    /// The reason staff gave for ignoring it (a suppression in the draft); such findings are
    /// listed, marked, and not counted.
    pub suppressed: Option<String>,
}

impl FindingEntry {
    pub fn from_finding(f: &Finding) -> FindingEntry {
        FindingEntry {
            severity: f.severity.label().to_string(),
            code: f.code.to_string(),
            location: f.location.display.clone(),
            message: f.message.clone(),
            excerpt: f.excerpt.clone(),
            suppressed: f.suppressed.as_ref().map(|s| s.reason.clone()),
        }
    }

    /// The message as printed: with 「（無視：理由）」 for an ignored finding.
    pub fn printed_message(&self) -> String {
        match &self.suppressed {
            Some(reason) => format!("{}（無視：{reason}）", self.message),
            None => self.message.clone(),
        }
    }
}

/// Runs the checker on the draft and returns its findings for the appendix.
pub fn findings_appendix(draft: &Draft) -> Vec<FindingEntry> {
    check::check_draft(draft)
        .iter()
        .map(FindingEntry::from_finding)
        .collect()
}
