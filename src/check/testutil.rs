//! Small synthetic drafts for the rules' unit tests.

use super::{Finding, Fix, check_draft};
use crate::edit::{EditError, apply_to_draft};
use crate::model::{ChangeStatus, Draft, Meta, Policy, Row, SCHEMA_VERSION, SdgRef, Side};

pub fn draft(policies: Vec<Policy>) -> Draft {
    Draft {
        schema_version: SCHEMA_VERSION,
        meta: Meta {
            plan_name: "テスト市総合振興計画".into(),
            field_number: 6,
            field_name: "行財政経営分野".into(),
            version_label: "素案1".into(),
            author_section: "企画課".into(),
            ..Meta::default()
        },
        policies,
        ..Draft::default()
    }
}

/// A 施策大項目 with empty blocks and ids derived from its number.
pub fn policy(number: u32, name: &str) -> Policy {
    Policy::new(&format!("p{number}"), number, name)
}

pub fn row(
    id: &str,
    status: Option<ChangeStatus>,
    current: Option<Side>,
    revised: Option<Side>,
) -> Row {
    Row::new(id, status, current, revised)
}

pub fn bullets(items: &[&str]) -> Side {
    Side::with_bullets(items)
}

pub fn summary(text: &str) -> Side {
    Side::with_summary(text)
}

/// A 施策中項目 side.
pub fn measure(number: u32, name: &str, depts: &[&str], items: &[&str]) -> Side {
    Side::measure(number, name, depts, items)
}

/// A 事業 side.
pub fn project(number: u32, name: &str, text: &str) -> Side {
    Side::project(number, name, text)
}

/// A 関連計画 side.
pub fn plan(name: &str, period: &str, text: &str) -> Side {
    Side::plan(name, period, text)
}

pub fn sdg(number: u32, name: &str) -> SdgRef {
    SdgRef::new(number, name)
}

/// A draft with one 施策大項目 whose 現況と課題 holds `text` on both sides (変更なし-like).
pub fn one_text(text: &str) -> Draft {
    let mut p = policy(1, "市政情報の提供の充実");
    p.issues.current = Some(bullets(&["現行の文です。"]));
    p.issues.revised = Some(bullets(&[text]));
    draft(vec![p])
}

/// Checks the draft and returns the findings with `code`.
pub fn run(draft: &Draft, code: &str) -> Vec<Finding> {
    check_draft(draft)
        .into_iter()
        .filter(|f| f.code == code)
        .collect()
}

/// Checks a single revised 現況と課題 text and returns the findings with `code`.
pub fn run_text(text: &str, code: &str) -> Vec<Finding> {
    run(&one_text(text), code)
}

/// Applies a finding's fix as the editor does: its command, through [`apply_to_draft`].
pub fn apply_fix(draft: &mut Draft, fix: &Fix) -> Result<(), EditError> {
    apply_to_draft(draft, &fix.command()).map(|_| ())
}
