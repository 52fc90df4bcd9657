//! A comparison row (one line of the 新旧対照表) and its two sides.

use serde::{Deserialize, Serialize};

use super::block::BlockKind;
use super::numbering::circled_number;
use super::review::Review;
use super::status::ChangeStatus;

/// A stable row identifier. It is assigned once, when the row is created, and never derived
/// from the row's number or name again, so it survives reordering and renaming. Comments,
/// suppressions and version comparison refer to rows by it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[serde(transparent)]
pub struct RowId(pub String);

impl RowId {
    pub fn new(id: impl Into<String>) -> RowId {
        RowId(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for RowId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One side of a comparison row: 現行 (the plan in force) or 改定案 (the revision).
/// Which fields a block uses is given by [`BlockKind::fields`]; unused fields stay empty.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct Side {
    /// 施策中項目 number (1, 2, …) or 事業 number (① = 1, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// 施策中項目名, 計画名, 事業名.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// 評価回答部署, in the order written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub departments: Vec<String>,
    /// 期間 of a related plan, as written (e.g. `H30-R4年度`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub period: String,
    /// 概要 / 事業概要, a めざす姿 bullet, or a note such as `(現行計画に記載なし)`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// ● paragraphs (内容 of a 施策中項目, 現況と課題, 協働による取組), without the leading ●.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bullets: Vec<String>,
}

impl Side {
    /// What the list of 評価回答部署 is called.
    pub const DEPARTMENTS: &'static str = "評価回答部署";
    /// What a list of ● bullets is called where the block gives it no other name
    /// (see [`BlockKind::bullets_label`]).
    pub const BULLETS: &'static str = "●項目";

    /// True when the side holds no text at all.
    pub fn is_blank(&self) -> bool {
        self.number.is_none()
            && self.name.trim().is_empty()
            && self.departments.iter().all(|d| d.trim().is_empty())
            && self.period.trim().is_empty()
            && self.summary.trim().is_empty()
            && self.bullets.iter().all(|b| b.trim().is_empty())
    }

    /// The row label as the seed writes it: `1 広報広聴活動の充実`, `①広報活動の充実`, a plan's
    /// name; empty for blocks whose rows have no label.
    pub fn label(&self, kind: BlockKind) -> String {
        match kind {
            BlockKind::Measures => match self.number {
                Some(n) => format!("{n} {}", self.name),
                None => self.name.clone(),
            },
            BlockKind::Projects => match self.number {
                Some(n) => format!("{}{}", circled_number(n), self.name),
                None => self.name.clone(),
            },
            BlockKind::RelatedPlans => self.name.clone(),
            BlockKind::Issues | BlockKind::Vision | BlockKind::Collaboration => String::new(),
        }
    }

    /// The side's text as lines, in the fields' fixed order: label, 評価回答部署, 期間, summary,
    /// bullets (each with its ●). This is what the CSV's 現行/改定案 cells and the diff use.
    pub fn lines(&self, kind: BlockKind) -> Vec<String> {
        let mut lines = Vec::new();
        let label = self.label(kind);
        if !label.is_empty() {
            lines.push(label);
        }
        if !self.departments.is_empty() {
            lines.push(format!(
                "{}：{}",
                Side::DEPARTMENTS,
                self.departments.join("、")
            ));
        }
        if !self.period.is_empty() {
            lines.push(format!("{}：{}", SideField::Period.label(), self.period));
        }
        if !self.summary.is_empty() {
            lines.push(self.summary.clone());
        }
        for b in &self.bullets {
            lines.push(format!("●{b}"));
        }
        lines
    }

    /// [`Side::lines`] joined by line breaks.
    pub fn text(&self, kind: BlockKind) -> String {
        self.lines(kind).join("\n")
    }

    /// Every free-text field of the side with its field, for search and checks.
    pub fn texts(&self) -> Vec<(SideField, &str)> {
        let mut out = Vec::new();
        if !self.name.is_empty() {
            out.push((SideField::Name, self.name.as_str()));
        }
        for (i, d) in self.departments.iter().enumerate() {
            out.push((SideField::Department(i), d.as_str()));
        }
        if !self.period.is_empty() {
            out.push((SideField::Period, self.period.as_str()));
        }
        if !self.summary.is_empty() {
            out.push((SideField::Summary, self.summary.as_str()));
        }
        for (i, b) in self.bullets.iter().enumerate() {
            out.push((SideField::Bullet(i), b.as_str()));
        }
        out
    }

    /// The text of one field, if the side has it.
    pub fn field(&self, field: SideField) -> Option<&str> {
        match field {
            SideField::Name => Some(&self.name),
            SideField::Department(i) => self.departments.get(i).map(String::as_str),
            SideField::Period => Some(&self.period),
            SideField::Summary => Some(&self.summary),
            SideField::Bullet(i) => self.bullets.get(i).map(String::as_str),
        }
    }

    /// Mutable access to one field's text, if the side has it.
    pub fn field_mut(&mut self, field: SideField) -> Option<&mut String> {
        match field {
            SideField::Name => Some(&mut self.name),
            SideField::Department(i) => self.departments.get_mut(i),
            SideField::Period => Some(&mut self.period),
            SideField::Summary => Some(&mut self.summary),
            SideField::Bullet(i) => self.bullets.get_mut(i),
        }
    }

    /// Two sides compared the way staff compare them: ignoring white space differences.
    pub fn same_text(&self, other: &Side) -> bool {
        fn norm(s: &str) -> String {
            s.chars().filter(|c| !c.is_whitespace()).collect()
        }
        let a: Vec<String> = self.texts().iter().map(|(_, t)| norm(t)).collect();
        let b: Vec<String> = other.texts().iter().map(|(_, t)| norm(t)).collect();
        a == b && self.number == other.number
    }
}

/// A text field of a [`Side`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SideField {
    Name,
    Department(usize),
    Period,
    Summary,
    Bullet(usize),
}

impl SideField {
    /// Japanese name of the field where the block is not known (undo labels, the JSON of a
    /// finding): 名称, 評価回答部署1, 期間, 概要, ●1.
    pub fn label(self) -> String {
        match self {
            SideField::Name => "名称".to_string(),
            SideField::Department(i) => format!("{}{}", Side::DEPARTMENTS, i + 1),
            SideField::Period => "期間".to_string(),
            SideField::Summary => "概要".to_string(),
            SideField::Bullet(i) => format!("●{}", i + 1),
        }
    }

    /// The field's name in a row of `block`, as the editor captions it and the findings'
    /// locations name it: 事業名, 計画名, 事業概要, めざす姿 (a めざす姿 row's text), 内容●2 …
    pub fn label_in(self, block: BlockKind) -> String {
        match self {
            SideField::Name => block.name_label().to_string(),
            SideField::Summary => block.summary_label().to_string(),
            SideField::Bullet(i) => format!("{}{}", block.bullet_label(), i + 1),
            SideField::Department(_) | SideField::Period => self.label(),
        }
    }
}

/// Which side of a row: 現行 or 改定案.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SideKind {
    Current,
    Revised,
}

impl SideKind {
    pub fn label(self) -> &'static str {
        match self {
            SideKind::Current => "現行",
            SideKind::Revised => "改定案",
        }
    }
}

/// One comparison row: a めざす姿 bullet, a 施策中項目, a 関連計画, a 事業, or the whole 現況と課題
/// or 協働による取組 of a 施策大項目.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct Row {
    pub id: RowId,
    /// 変更区分. `None` where the block carries no status (現況と課題, 協働による取組) or where the
    /// source left it out.
    #[serde(default)]
    pub status: Option<ChangeStatus>,
    /// 現行計画の内容. `None` for a 新規 row.
    #[serde(default)]
    pub current: Option<Side>,
    /// 次期計画素案. `None` for a 削除 row.
    #[serde(default)]
    pub revised: Option<Side>,
    /// 変更理由・各課意見, and transcription notes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub memo: String,
    /// Section managers' comments and review state (閲覧モード).
    #[serde(default, skip_serializing_if = "Review::is_empty")]
    pub review: Review,
}

impl Row {
    /// The row's label: the current side's, or the revised side's for a 新規 row.
    pub fn label(&self, kind: BlockKind) -> String {
        let from = |s: &Option<Side>| s.as_ref().map(|s| s.label(kind)).unwrap_or_default();
        let current = from(&self.current);
        if current.trim().is_empty() {
            from(&self.revised)
        } else {
            current
        }
    }

    pub fn side(&self, which: SideKind) -> Option<&Side> {
        match which {
            SideKind::Current => self.current.as_ref(),
            SideKind::Revised => self.revised.as_ref(),
        }
    }

    pub fn side_mut(&mut self, which: SideKind) -> Option<&mut Side> {
        match which {
            SideKind::Current => self.current.as_mut(),
            SideKind::Revised => self.revised.as_mut(),
        }
    }

    /// The whole text of one side (empty if the side is absent).
    pub fn side_text(&self, which: SideKind, kind: BlockKind) -> String {
        self.side(which).map(|s| s.text(kind)).unwrap_or_default()
    }

    /// Every department named on either side, for filtering.
    pub fn departments(&self) -> impl Iterator<Item = &str> {
        self.current
            .iter()
            .chain(self.revised.iter())
            .flat_map(|s| s.departments.iter().map(String::as_str))
    }
}
