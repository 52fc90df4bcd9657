//! What a rule reports.

use serde::Serialize;

use crate::model::{BlockKind, Draft, RowId, RowPath, SideField, SideKind};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Severity {
    /// エラー: the draft is wrong and must not leave 企画課 like this.
    Error,
    /// 警告: probably wrong; look at it.
    Warning,
    /// 情報: worth knowing.
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "エラー",
            Severity::Warning => "警告",
            Severity::Info => "情報",
        }
    }
}

/// A character range within one text field, in characters (not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// What a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Target {
    /// The draft as a whole or its metadata.
    Draft,
    /// A 施策大項目's header (name, rename, survey, voices, SDGs, indicators).
    Policy { policy: usize },
    /// A comparison row.
    Row {
        #[serde(skip)]
        path: RowPath,
        id: RowId,
    },
}

/// Where a finding is, in the seed's own names.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Location {
    pub target: Target,
    /// 現行 or 改定案, when the finding is about one side's text.
    pub side: Option<SideKind>,
    /// The field within the side.
    pub field: Option<SideField>,
    /// The exact characters within the field.
    pub span: Option<Span>,
    /// e.g. 「2. 効率的・効果的な行政経営の推進 › 施策中項目 › 3 組織、機構の見直し › 改定案」.
    pub display: String,
}

impl Location {
    /// The location of a whole row, or of one side of it.
    pub fn row(draft: &Draft, path: RowPath, side: Option<SideKind>) -> Location {
        let policy = &draft.policies[path.policy];
        let row = &policy.block(path.block)[path.row];
        let mut parts = vec![policy.label(), path.block.label().to_string()];
        let label = row.label(path.block);
        parts.push(if label.is_empty() {
            unlabelled_row(path.block, path.row)
        } else {
            label
        });
        if let Some(s) = side {
            parts.push(s.label().to_string());
        }
        Location {
            target: Target::Row {
                path,
                id: row.id.clone(),
            },
            side,
            field: None,
            span: None,
            display: parts.join(" › "),
        }
    }

    /// The location of a 施策大項目 header item, e.g. `関連するSDGs`.
    pub fn policy(draft: &Draft, policy: usize, what: &str) -> Location {
        let p = &draft.policies[policy];
        Location {
            target: Target::Policy { policy },
            side: None,
            field: None,
            span: None,
            display: format!("{} › {what}", p.label()),
        }
    }

    /// The draft as a whole.
    pub fn draft(what: &str) -> Location {
        Location {
            target: Target::Draft,
            side: None,
            field: None,
            span: None,
            display: what.to_string(),
        }
    }

    /// Sort key for document order.
    pub fn order_key(&self) -> (usize, usize, usize, usize, usize) {
        let side = self.side.map_or(0, |s| s as usize + 1);
        match &self.target {
            Target::Draft => (0, 0, 0, 0, 0),
            Target::Policy { policy } => (1 + policy, 0, 0, 0, side),
            Target::Row { path, .. } => {
                (1 + path.policy, 1 + path.block as usize, path.row, 0, side)
            }
        }
    }
}

/// How to name a row that has no label of its own (めざす姿 bullets, 現況と課題).
fn unlabelled_row(block: BlockKind, index: usize) -> String {
    if block.is_single_row() {
        "本文".to_string()
    } else {
        format!("{}番目", index + 1)
    }
}

/// One thing the checker found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// Stable rule code, e.g. `STR001`.
    pub code: &'static str,
    /// What is wrong and how to fix it, in Japanese.
    pub message: String,
    pub location: Location,
    /// The text the finding is about (the span's characters, or a short quote).
    pub excerpt: String,
}
