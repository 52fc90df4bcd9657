//! Fixes as data: what the GUI applies through its own undoable command, and [`apply_fix`]
//! for tests and the command line.

use serde::Serialize;

use super::finding::Span;
use crate::model::{ChangeStatus, Draft, RowId, SideField, SideKind};

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
    /// Japanese name of the field, for messages and JSON.
    pub fn label(self) -> String {
        match self {
            PolicyField::RenamedName => "大項目名の変更".to_string(),
            PolicyField::SurveyItem => "市民アンケート結果の項目名".to_string(),
            PolicyField::VoiceQuote(i) => format!("市民の声{}", i + 1),
            PolicyField::VoiceContext(i) => format!("市民の声{}の前書き", i + 1),
            PolicyField::SdgName(i) => format!("関連するSDGs{}", i + 1),
            PolicyField::IndicatorName(i) => format!("成果指標/現状{}", i + 1),
            PolicyField::IndicatorChange(i) => format!("成果指標/現状{}の変更内容", i + 1),
            PolicyField::IndicatorOpinion => "各課意見".to_string(),
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
    /// Set a row's 変更区分.
    SetStatus {
        row: RowId,
        status: Option<ChangeStatus>,
    },
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
    pub fn set_status(row: RowId, status: Option<ChangeStatus>) -> Fix {
        let label = match status {
            Some(s) => format!("変更区分を「{}」にする", s.label()),
            None => "変更区分を外す".to_string(),
        };
        Fix {
            label,
            edits: vec![Edit::SetStatus { row, status }],
        }
    }
}

/// Why a fix could not be applied. The draft is left unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FixError {
    /// The row or 施策大項目 no longer exists.
    NotFound(String),
    /// The text changed since the check ran.
    Stale { expected: String, found: String },
}

impl std::fmt::Display for FixError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FixError::NotFound(what) => write!(
                f,
                "修正先（{what}）が見つかりません。もう一度検査してから修正してください。"
            ),
            FixError::Stale { expected, found } => write!(
                f,
                "本文が検査の後に変わっています（「{expected}」のはずが「{found}」）。もう一度検査してから修正してください。"
            ),
        }
    }
}

impl std::error::Error for FixError {}

/// Applies a fix to the draft: all its edits or, on any error, none.
pub fn apply_fix(draft: &mut Draft, fix: &Fix) -> Result<(), FixError> {
    let mut work = draft.clone();
    // Replacements in one field are applied from the end so earlier spans stay valid.
    let mut edits: Vec<&Edit> = fix.edits.iter().collect();
    // Status changes go last, so an explicit status wins over the one a replacement implies.
    edits.sort_by_key(|e| match e {
        Edit::ReplaceText { span, .. } => (false, std::cmp::Reverse(span.start)),
        Edit::SetStatus { .. } => (true, std::cmp::Reverse(0)),
    });
    for edit in edits {
        apply_edit(&mut work, edit)?;
    }
    *draft = work;
    Ok(())
}

fn apply_edit(draft: &mut Draft, edit: &Edit) -> Result<(), FixError> {
    match edit {
        Edit::SetStatus { row, status } => {
            let path = draft
                .find_row(row)
                .ok_or_else(|| FixError::NotFound(row.to_string()))?;
            if let Some(r) = draft.row_mut(path) {
                r.status = *status;
            }
            Ok(())
        }
        Edit::ReplaceText {
            at,
            span,
            expected,
            replacement,
        } => {
            let text = text_mut(draft, at)?;
            let chars: Vec<char> = text.chars().collect();
            if span.start > span.end || span.end > chars.len() {
                return Err(FixError::Stale {
                    expected: expected.clone(),
                    found: String::new(),
                });
            }
            let found: String = chars[span.start..span.end].iter().collect();
            if &found != expected {
                return Err(FixError::Stale {
                    expected: expected.clone(),
                    found,
                });
            }
            let mut out: String = chars[..span.start].iter().collect();
            out.push_str(replacement);
            out.extend(&chars[span.end..]);
            *text = out;
            Ok(())
        }
    }
}

/// The text at `at`, mutably. A 改定案 address on a 変更なし row without a 改定案 side
/// copies the 現行 side first and marks the row 変更あり.
fn text_mut<'a>(draft: &'a mut Draft, at: &TextAddr) -> Result<&'a mut String, FixError> {
    match at {
        TextAddr::Row { row, side, field } => {
            let path = draft
                .find_row(row)
                .ok_or_else(|| FixError::NotFound(row.to_string()))?;
            let r = draft
                .row_mut(path)
                .ok_or_else(|| FixError::NotFound(row.to_string()))?;
            if *side == SideKind::Revised
                && r.revised.is_none()
                && let Some(cur) = r.current.clone()
            {
                r.revised = Some(cur);
                if matches!(r.status, Some(ChangeStatus::Unchanged)) {
                    r.status = Some(ChangeStatus::Modified);
                }
            }
            r.side_mut(*side)
                .and_then(|s| s.field_mut(*field))
                .ok_or_else(|| FixError::NotFound(format!("{row} {}", field.label())))
        }
        TextAddr::Policy { policy, field } => {
            let p = draft
                .policies
                .iter_mut()
                .find(|p| &p.id == policy)
                .ok_or_else(|| FixError::NotFound(policy.to_string()))?;
            let missing = || FixError::NotFound(format!("{policy} {field:?}"));
            match *field {
                PolicyField::RenamedName => match &mut p.rename {
                    crate::model::Rename::Renamed(n) => Ok(n),
                    crate::model::Rename::Unchanged => Err(missing()),
                },
                PolicyField::SurveyItem => {
                    p.survey.as_mut().map(|s| &mut s.item).ok_or_else(missing)
                }
                PolicyField::VoiceQuote(i) => p
                    .voices
                    .get_mut(i)
                    .map(|v| &mut v.quote)
                    .ok_or_else(missing),
                PolicyField::VoiceContext(i) => p
                    .voices
                    .get_mut(i)
                    .map(|v| &mut v.context)
                    .ok_or_else(missing),
                PolicyField::SdgName(i) => {
                    p.sdgs.get_mut(i).map(|s| &mut s.name).ok_or_else(missing)
                }
                PolicyField::IndicatorName(i) => p
                    .indicators
                    .get_mut(i)
                    .map(|x| &mut x.name)
                    .ok_or_else(missing),
                PolicyField::IndicatorChange(i) => p
                    .indicators
                    .get_mut(i)
                    .map(|x| &mut x.change)
                    .ok_or_else(missing),
                PolicyField::IndicatorOpinion => Ok(&mut p.indicator_opinion),
            }
        }
    }
}
