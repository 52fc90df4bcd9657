//! The draft's text as a flat list of units (one text field each), built once per check and
//! shared by the rule families.

use super::finding::{Finding, Location, Severity};
use super::text;
use crate::model::{
    BlockKind, ChangeStatus, Draft, PolicyField, Row, RowPath, Side, SideField, SideKind, Span,
    TextAddr,
};

/// What kind of text a unit holds; rules decide by kind which units they look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitKind {
    /// Body text of a comparison row: 名称 (施策中項目, 事業), 概要, ● bullets.
    Body,
    /// 評価回答部署.
    Department,
    /// 関連計画 の 期間.
    Period,
    /// 関連計画 の 計画名: the proper name of another document.
    PlanName,
    /// Header text written by the city: the new name of a 施策大項目, the survey item,
    /// indicators and 各課意見.
    Header,
    /// A 市民の声 quotation: citizens' own words, exempt from style rules.
    Quote,
    /// A 市民の声 entry written by the city (a summary) or the context of a quotation.
    VoiceNote,
    /// The name of a 関連するSDGs entry (checked against the canonical names only).
    SdgName,
}

/// One text field.
#[derive(Clone, Debug)]
pub struct Unit {
    pub chars: Vec<char>,
    pub addr: TextAddr,
    /// Index of the 施策大項目.
    pub policy: usize,
    /// The row, for row text.
    pub path: Option<RowPath>,
    /// The side, for row text.
    pub side: Option<SideKind>,
    pub field: Option<SideField>,
    pub kind: UnitKind,
    /// Whether the text is part of the revised plan (what will be printed next): the 改定案
    /// side of every row that is not 削除 (the 現行 side of a 変更なし row stored without a
    /// 改定案 side), and the 施策大項目 headers.
    pub plan: bool,
    /// The unit shows the 現行 side's text on the 改定案 side (see [`Location::borrowed`]).
    pub borrowed: bool,
}

impl Unit {
    /// Whether style rules (width, 表記ゆれ, ※) apply: plan text that is not a quotation.
    pub fn styled(&self) -> bool {
        self.plan && !matches!(self.kind, UnitKind::Quote | UnitKind::SdgName)
    }

    /// Whether the unit is row text on the 現行 side (the plan in force, quoted as is).
    pub fn is_current(&self) -> bool {
        self.side == Some(SideKind::Current)
    }
}

/// All text fields of a draft.
pub struct Corpus<'a> {
    pub draft: &'a Draft,
    pub units: Vec<Unit>,
}

/// The side of a row that the revised plan prints, and whether it is borrowed from 現行.
pub fn plan_side(row: &Row) -> Option<(&Side, bool)> {
    if row.status == Some(ChangeStatus::Deleted) {
        return None;
    }
    match (&row.revised, &row.current) {
        (Some(r), _) => Some((r, false)),
        (None, Some(c)) if matches!(row.status, None | Some(ChangeStatus::Unchanged)) => {
            Some((c, true))
        }
        _ => None,
    }
}

impl<'a> Corpus<'a> {
    pub fn new(draft: &'a Draft) -> Corpus<'a> {
        let mut units = Vec::new();
        for (pi, p) in draft.policies.iter().enumerate() {
            let mut header = |text: &'a str, field: PolicyField, kind: UnitKind| {
                if !text.is_empty() {
                    units.push(Unit {
                        chars: text.chars().collect(),
                        addr: TextAddr::Policy {
                            policy: p.id.clone(),
                            field,
                        },
                        policy: pi,
                        path: None,
                        side: None,
                        field: None,
                        kind,
                        plan: true,
                        borrowed: false,
                    });
                }
            };
            if let crate::model::Rename::Renamed(n) = &p.rename {
                header(n, PolicyField::RenamedName, UnitKind::Header);
            }
            if let Some(s) = &p.survey {
                header(&s.item, PolicyField::SurveyItem, UnitKind::Header);
            }
            for (i, v) in p.voices.iter().enumerate() {
                header(
                    &v.context,
                    PolicyField::VoiceContext(i),
                    UnitKind::VoiceNote,
                );
                let kind = match v.form {
                    crate::model::VoiceForm::Quote => UnitKind::Quote,
                    crate::model::VoiceForm::Summary => UnitKind::VoiceNote,
                };
                header(&v.quote, PolicyField::VoiceQuote(i), kind);
            }
            for (i, s) in p.sdgs.iter().enumerate() {
                header(&s.name, PolicyField::SdgName(i), UnitKind::SdgName);
            }
            for (i, ind) in p.indicators.iter().enumerate() {
                header(&ind.name, PolicyField::IndicatorName(i), UnitKind::Header);
                header(
                    &ind.change,
                    PolicyField::IndicatorChange(i),
                    UnitKind::Header,
                );
            }
            header(
                &p.indicator_opinion,
                PolicyField::IndicatorOpinion,
                UnitKind::Header,
            );
            for kind in BlockKind::ALL {
                for (ri, row) in p.block(kind).iter().enumerate() {
                    let path = RowPath {
                        policy: pi,
                        block: kind,
                        row: ri,
                    };
                    if let Some(cur) = &row.current
                        && row.status != Some(ChangeStatus::New)
                    {
                        push_side(&mut units, row, path, SideKind::Current, cur, false, false);
                    }
                    if let Some((side, borrowed)) = plan_side(row) {
                        push_side(
                            &mut units,
                            row,
                            path,
                            SideKind::Revised,
                            side,
                            true,
                            borrowed,
                        );
                    }
                }
            }
        }
        Corpus { draft, units }
    }

    /// Units of the revised plan.
    pub fn plan(&self) -> impl Iterator<Item = &Unit> {
        self.units.iter().filter(|u| u.plan)
    }

    /// Units style rules look at.
    pub fn styled(&self) -> impl Iterator<Item = &Unit> {
        self.units.iter().filter(|u| u.styled())
    }

    /// The location of `span` in `unit`.
    pub fn location(&self, unit: &Unit, span: Option<Span>) -> Location {
        let mut loc = match (&unit.addr, unit.path) {
            (TextAddr::Row { side, field, .. }, Some(path)) => {
                Location::row_field(self.draft, path, *side, *field, span)
            }
            (TextAddr::Policy { field, .. }, _) => {
                Location::policy_field(self.draft, unit.policy, *field, span)
            }
            (addr, None) => Location::text(self.draft, addr, span),
        };
        loc.borrowed = unit.borrowed;
        loc
    }

    /// A finding about `start..end` of `unit`, with the span's characters as excerpt.
    pub fn finding(
        &self,
        unit: &Unit,
        start: usize,
        end: usize,
        severity: Severity,
        code: &'static str,
        message: impl Into<String>,
    ) -> Finding {
        Finding::new(
            severity,
            code,
            message,
            self.location(unit, Some(Span::new(start, end))),
            text::slice(&unit.chars, start, end),
        )
    }
}

fn push_side(
    units: &mut Vec<Unit>,
    row: &Row,
    path: RowPath,
    side_kind: SideKind,
    side: &Side,
    plan: bool,
    borrowed: bool,
) {
    for (field, text) in side.texts() {
        let kind = match (path.block, field) {
            (_, SideField::Department(_)) => UnitKind::Department,
            (_, SideField::Period) => UnitKind::Period,
            (BlockKind::RelatedPlans, SideField::Name) => UnitKind::PlanName,
            _ => UnitKind::Body,
        };
        units.push(Unit {
            chars: text.chars().collect(),
            addr: TextAddr::Row {
                row: row.id.clone(),
                side: side_kind,
                field,
            },
            policy: path.policy,
            path: Some(path),
            side: Some(side_kind),
            field: Some(field),
            kind,
            plan,
            borrowed,
        });
    }
}
