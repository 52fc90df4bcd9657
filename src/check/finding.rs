//! What a rule reports: severity, code, message, location, excerpt and an optional fix.

use serde::Serialize;

use super::fix::Fix;
use crate::model::{Draft, PolicyField, RowId, RowPath, SideField, SideKind, Span, TextAddr};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Severity {
    /// エラー: the draft is wrong and must not leave 企画課 like this.
    Error,
    /// 警告: probably wrong; look at it.
    Warning,
    /// 情報: worth knowing (style, or text of the plan in force).
    Info,
}

impl Severity {
    /// エラー / 警告 / 情報.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "エラー",
            Severity::Warning => "警告",
            Severity::Info => "情報",
        }
    }

    /// `error` / `warning` / `info`, for machines.
    pub fn id(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// What a finding is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Target {
    /// The draft as a whole, its metadata or its 用語解説.
    Draft,
    /// A 施策大項目's header: name, rename, survey, voices, SDGs, indicators.
    Policy { policy: usize, id: RowId },
    /// A comparison row.
    Row {
        #[serde(skip)]
        path: RowPath,
        id: RowId,
    },
}

/// The field a finding points into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Field {
    /// A text field of a row's side (use with [`Location::side`]).
    Side(SideField),
    /// The row's 変更区分.
    Status,
    /// A field of the 施策大項目 header.
    Policy(PolicyField),
}

/// Where a finding is, in the seed's own names, plus what the GUI needs to select it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Location {
    pub target: Target,
    /// 現行 or 改定案, when the finding is about one side.
    pub side: Option<SideKind>,
    /// The field within the side or header.
    pub field: Option<Field>,
    /// The exact characters within the field.
    pub span: Option<Span>,
    /// e.g. 「2. 効率的・効果的な行政経営の推進 › 施策中項目 › 3 組織、機構の見直し › 改定案」,
    /// followed by the field (「› ●1」) when the finding is about one field.
    pub display: String,
    /// For text of a 変更なし row stored without a 改定案 side: the text shown on the 改定案
    /// side is the 現行 side's, and a fix first copies it into a 改定案 side.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub borrowed: bool,
}

impl Location {
    /// The location of a whole row, or of one side of it.
    pub fn row(draft: &Draft, path: RowPath, side: Option<SideKind>) -> Location {
        let mut display = draft.row_location(path);
        if let Some(s) = side {
            display = format!("{display} › {}", s.label());
        }
        Location {
            target: Target::Row {
                path,
                id: draft.row(path).map(|r| r.id.clone()).unwrap_or_default(),
            },
            side,
            field: None,
            span: None,
            display,
            borrowed: false,
        }
    }

    /// The location of one field of a row's side, with an optional span.
    pub fn row_field(
        draft: &Draft,
        path: RowPath,
        side: SideKind,
        field: SideField,
        span: Option<Span>,
    ) -> Location {
        let mut loc = Location::row(draft, path, Some(side));
        loc.display = format!("{} › {}", loc.display, field.label_in(path.block));
        loc.field = Some(Field::Side(field));
        loc.span = span;
        loc
    }

    /// The location of a 施策大項目 header item, e.g. `関連するSDGs`.
    pub fn policy(draft: &Draft, policy: usize, what: &str) -> Location {
        let p = &draft.policies[policy];
        Location {
            target: Target::Policy {
                policy,
                id: p.id.clone(),
            },
            side: None,
            field: None,
            span: None,
            display: format!("{} › {what}", p.label()),
            borrowed: false,
        }
    }

    /// The location of a text field of a 施策大項目 header, with an optional span.
    pub fn policy_field(
        draft: &Draft,
        policy: usize,
        field: PolicyField,
        span: Option<Span>,
    ) -> Location {
        let what = field.item_label(&draft.policies[policy]);
        let mut loc = Location::policy(draft, policy, &what);
        loc.field = Some(Field::Policy(field));
        loc.span = span;
        loc
    }

    /// The draft as a whole.
    pub fn draft(what: &str) -> Location {
        Location {
            target: Target::Draft,
            side: None,
            field: None,
            span: None,
            display: what.to_string(),
            borrowed: false,
        }
    }

    /// The location of a text address with a span.
    pub fn text(draft: &Draft, addr: &TextAddr, span: Option<Span>) -> Location {
        match addr {
            TextAddr::Row { row, side, field } => match draft.find_row(row) {
                Some(path) => Location::row_field(draft, path, *side, *field, span),
                None => Location::draft(row.as_str()),
            },
            TextAddr::Policy { policy, field } => {
                match draft.policies.iter().position(|p| &p.id == policy) {
                    Some(pi) => Location::policy_field(draft, pi, *field, span),
                    None => Location::draft(policy.as_str()),
                }
            }
        }
    }

    /// Where the finding is, as the editor's undo target (to show it again after undo).
    pub fn edit_target(&self) -> crate::edit::Target {
        match &self.target {
            Target::Draft => crate::edit::Target::Meta,
            Target::Policy { policy, .. } => crate::edit::Target::Policy(*policy),
            Target::Row { id, .. } => crate::edit::Target::Row(id.clone()),
        }
    }

    /// The row id, when the finding is about a row.
    pub fn row_id(&self) -> Option<&RowId> {
        match &self.target {
            Target::Row { id, .. } => Some(id),
            _ => None,
        }
    }

    /// The index of the 施策大項目 the finding is in, for grouping.
    pub fn policy_index(&self) -> Option<usize> {
        match &self.target {
            Target::Draft => None,
            Target::Policy { policy, .. } => Some(*policy),
            Target::Row { path, .. } => Some(path.policy),
        }
    }

    /// Sort key for document order.
    pub fn order_key(&self) -> (usize, usize, usize, usize, Option<Field>, usize) {
        let side = self.side.map_or(0, |s| s as usize + 1);
        let start = self.span.map_or(0, |s| s.start);
        match &self.target {
            Target::Draft => (0, 0, 0, 0, self.field, start),
            Target::Policy { policy, .. } => (1 + policy, 0, 0, side, self.field, start),
            Target::Row { path, .. } => (
                1 + path.policy,
                1 + path.block as usize,
                path.row,
                side,
                self.field,
                start,
            ),
        }
    }
}

/// A suppression that matched a finding: the finding is still reported, marked as suppressed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suppressed {
    pub reason: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub author: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub date: String,
}

/// One thing the checker found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// Stable rule code, e.g. `JPN001`.
    pub code: &'static str,
    /// What is wrong and how to fix it, in Japanese.
    pub message: String,
    pub location: Location,
    /// The text the finding is about (the span's characters, or a short quote).
    pub excerpt: String,
    /// A fix the GUI can offer as a button; `None` where no fix is clear.
    pub fix: Option<Fix>,
    /// Set when the draft holds a suppression for this finding.
    pub suppressed: Option<Suppressed>,
}

impl Finding {
    /// A finding without fix or suppression.
    pub fn new(
        severity: Severity,
        code: &'static str,
        message: impl Into<String>,
        location: Location,
        excerpt: impl Into<String>,
    ) -> Finding {
        Finding {
            severity,
            code,
            message: message.into(),
            location,
            excerpt: excerpt.into(),
            fix: None,
            suppressed: None,
        }
    }

    /// Adds a fix.
    pub fn with_fix(mut self, fix: Fix) -> Finding {
        self.fix = Some(fix);
        self
    }

    /// The stable key a [`crate::model::Suppression`] stores: the rule code, the id of the row
    /// or 施策大項目 it is about, the side and the excerpt. It survives edits elsewhere in the
    /// draft, reordering and renaming; it changes when the offending text itself changes.
    pub fn key(&self) -> String {
        let id = match &self.location.target {
            Target::Draft => "draft".to_string(),
            Target::Policy { id, .. } | Target::Row { id, .. } => id.to_string(),
        };
        let side = self.location.side.map_or("-", |s| s.label());
        format!("{}|{}|{}|{}", self.code, id, side, self.excerpt)
    }

    /// Whether the finding counts against the draft (not suppressed).
    pub fn is_active(&self) -> bool {
        self.suppressed.is_none()
    }
}

impl Finding {
    /// The finding as one JSON object for the command line and other tools: severity,
    /// code, message, location (the display string), excerpt and span, plus the row id,
    /// side, field, suppression key, fix and suppression.
    pub fn to_json(&self) -> serde_json::Value {
        let field = self
            .location
            .field
            .map(|f| match (f, &self.location.target) {
                (Field::Side(s), Target::Row { path, .. }) => s.label_in(path.block),
                (Field::Side(s), _) => s.label(),
                (Field::Status, _) => "変更区分".to_string(),
                (Field::Policy(p), _) => p.label(),
            });
        serde_json::json!({
            "severity": self.severity.label(),
            "level": self.severity.id(),
            "code": self.code,
            "rule": super::rule(self.code).map(|r| r.title),
            "message": self.message,
            "location": self.location.display,
            "excerpt": self.excerpt,
            "span": self.location.span,
            "policy": self.location.policy_index().map(|i| i + 1),
            "row_id": self.location.row_id().map(|i| i.as_str()),
            "side": self.location.side.map(|s| s.label()),
            "field": field,
            "key": self.key(),
            "fix": self.fix,
            "suppressed": self.suppressed,
        })
    }
}
