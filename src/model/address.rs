//! Addresses inside a draft: one text field ([`TextAddr`], by stable ids) and characters within
//! it ([`Span`]). The checker reports findings at them, and the editing commands that fix
//! those findings change the text there.

use serde::Serialize;

use super::draft::{Draft, Policy, Rename};
use super::row::{RowId, SideField, SideKind};

/// A character range within one text field, counted in characters (not bytes), end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
}

/// A part of a 施策大項目's header, as the document heads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PolicySection {
    /// 大項目名の変更必要性.
    Rename,
    /// 市民アンケート結果.
    Survey,
    /// 市民の声.
    Voices,
    /// 関連するSDGs.
    Sdgs,
    /// 「成果指標」「現状」の項目案 and 各課意見 on them.
    Indicators,
}

impl PolicySection {
    /// The section's name in the editor, the findings and the reports.
    pub fn label(self) -> &'static str {
        match self {
            PolicySection::Rename => "大項目名の変更",
            PolicySection::Survey => "市民アンケート結果",
            PolicySection::Voices => "市民の声",
            PolicySection::Sdgs => "関連するSDGs",
            PolicySection::Indicators => "成果指標/現状",
        }
    }
}

/// A text field of a 施策大項目 header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum PolicyField {
    /// The new name of a renamed 施策大項目 (大項目名の変更 あり).
    RenamedName,
    /// 市民アンケート結果 の項目名.
    SurveyItem,
    /// The words of 市民の声 entry `i`.
    VoiceQuote(usize),
    /// The context （…） of 市民の声 entry `i`.
    VoiceContext(usize),
    /// The name of 関連するSDGs entry `i`.
    SdgName(usize),
    /// The name of 成果指標/現状 entry `i`.
    IndicatorName(usize),
    /// What changes, for 成果指標/現状 entry `i`.
    IndicatorChange(usize),
    /// 各課意見 on the indicators.
    IndicatorOpinion,
}

impl PolicyField {
    /// The header section the field belongs to.
    pub fn section(self) -> PolicySection {
        match self {
            PolicyField::RenamedName => PolicySection::Rename,
            PolicyField::SurveyItem => PolicySection::Survey,
            PolicyField::VoiceQuote(_) | PolicyField::VoiceContext(_) => PolicySection::Voices,
            PolicyField::SdgName(_) => PolicySection::Sdgs,
            PolicyField::IndicatorName(_)
            | PolicyField::IndicatorChange(_)
            | PolicyField::IndicatorOpinion => PolicySection::Indicators,
        }
    }

    /// Japanese name of the field within its section, e.g. 「1番目（前書き）」, 「各課意見」;
    /// `None` for the section's only field. Items are named by position;
    /// [`PolicyField::item_label`] names them by their text.
    fn item(self) -> Option<String> {
        Some(match self {
            PolicyField::RenamedName => return None,
            PolicyField::SurveyItem => "項目名".to_string(),
            PolicyField::VoiceQuote(i) => format!("{}番目", i + 1),
            PolicyField::VoiceContext(i) => format!("{}番目（前書き）", i + 1),
            PolicyField::SdgName(i) | PolicyField::IndicatorName(i) => {
                format!("{}番目", i + 1)
            }
            PolicyField::IndicatorChange(i) => format!("{}番目（変更内容）", i + 1),
            PolicyField::IndicatorOpinion => "各課意見".to_string(),
        })
    }

    /// Japanese name of the field, e.g. 「市民の声 › 1番目（前書き）」, 「大項目名の変更」: for
    /// messages, JSON and undo labels.
    pub fn label(self) -> String {
        match self.item() {
            Some(item) => format!("{} › {item}", self.section().label()),
            None => self.section().label().to_string(),
        }
    }

    /// The field named by what it holds in `policy` where that says more than a position:
    /// 「関連するSDGs › 17 パートナーシップで目標を達成しよう」, 「成果指標/現状 › 職員研修の受講者数
    /// （変更内容）」. This is how locations name it.
    pub fn item_label(self, policy: &Policy) -> String {
        let section = self.section().label();
        match self {
            PolicyField::SdgName(i) => match policy.sdgs.get(i) {
                Some(s) => format!("{section} › {} {}", s.number, s.name),
                None => section.to_string(),
            },
            PolicyField::IndicatorName(i) | PolicyField::IndicatorChange(i) => {
                let name = policy.indicators.get(i).map_or("", |x| x.name.as_str());
                let what = if matches!(self, PolicyField::IndicatorChange(_)) {
                    "（変更内容）"
                } else {
                    ""
                };
                format!("{section} › {name}{what}")
            }
            _ => self.label(),
        }
    }
}

/// The address of one text field in a draft, by stable ids.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum TextAddr {
    /// A field of one side of a comparison row.
    Row {
        row: RowId,
        side: SideKind,
        field: SideField,
    },
    /// A field of a 施策大項目 header.
    Policy { policy: RowId, field: PolicyField },
}

impl std::fmt::Display for TextAddr {
    /// The id and the field's name, for messages about an address that is gone.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TextAddr::Row { row, side, field } => {
                write!(f, "{row} {} {}", side.label(), field.label())
            }
            TextAddr::Policy { policy, field } => write!(f, "{policy} {}", field.label()),
        }
    }
}

impl Policy {
    /// The text of a header field, if the 施策大項目 has it.
    pub fn field_text(&self, field: PolicyField) -> Option<&str> {
        Some(match field {
            PolicyField::RenamedName => match &self.rename {
                Rename::Renamed(n) => n,
                Rename::Unchanged => return None,
            },
            PolicyField::SurveyItem => &self.survey.as_ref()?.item,
            PolicyField::VoiceQuote(i) => &self.voices.get(i)?.quote,
            PolicyField::VoiceContext(i) => &self.voices.get(i)?.context,
            PolicyField::SdgName(i) => &self.sdgs.get(i)?.name,
            PolicyField::IndicatorName(i) => &self.indicators.get(i)?.name,
            PolicyField::IndicatorChange(i) => &self.indicators.get(i)?.change,
            PolicyField::IndicatorOpinion => &self.indicator_opinion,
        })
    }

    /// Mutable access to a header field's text, if the 施策大項目 has it.
    pub fn field_text_mut(&mut self, field: PolicyField) -> Option<&mut String> {
        Some(match field {
            PolicyField::RenamedName => match &mut self.rename {
                Rename::Renamed(n) => n,
                Rename::Unchanged => return None,
            },
            PolicyField::SurveyItem => &mut self.survey.as_mut()?.item,
            PolicyField::VoiceQuote(i) => &mut self.voices.get_mut(i)?.quote,
            PolicyField::VoiceContext(i) => &mut self.voices.get_mut(i)?.context,
            PolicyField::SdgName(i) => &mut self.sdgs.get_mut(i)?.name,
            PolicyField::IndicatorName(i) => &mut self.indicators.get_mut(i)?.name,
            PolicyField::IndicatorChange(i) => &mut self.indicators.get_mut(i)?.change,
            PolicyField::IndicatorOpinion => &mut self.indicator_opinion,
        })
    }
}

impl Draft {
    /// The index of the 施策大項目 with `id`.
    pub fn policy_index(&self, id: &RowId) -> Option<usize> {
        self.policies.iter().position(|p| &p.id == id)
    }

    /// The index of the 施策大項目 that holds the row with `id`, or that has `id` itself.
    pub fn policy_of(&self, id: &RowId) -> Option<usize> {
        self.find_row(id)
            .map(|p| p.policy)
            .or_else(|| self.policy_index(id))
    }
}
