//! Rows a department added under a table: which block they belong to, the 新規 row they
//! become, and not twice.

use std::collections::{BTreeSet, HashMap};

use super::Problem;
use super::layout::{SheetKind, squeeze};
use super::matching::{RowAnswer, changes_between, memo_line, row_texts};
use super::read::{AddedRow, AnswerWorkbook};
use crate::edit::{Command, MemoTarget, next_number};
use crate::model::{BlockKind, ChangeStatus, Draft, Row, RowId, Side};

/// The 施策大項目 of a row a department added: the one its 施策大項目 cell names (by number
/// or name), else the only one the sheet asked about.
fn policy_of_added(
    draft: &Draft,
    wb: &AnswerWorkbook,
    row: &AddedRow,
    kind: SheetKind,
) -> Option<usize> {
    let asked: BTreeSet<usize> = wb
        .sent
        .values()
        .filter(|s| s.sheet == kind)
        .map(|s| s.policy)
        .filter(|p| *p < draft.policies.len())
        .collect();
    let text = squeeze(&row.policy);
    if text.is_empty() {
        return (asked.len() == 1).then(|| *asked.first().expect("one"));
    }
    if let Some(p) = asked.iter().find(|p| {
        let pol = &draft.policies[**p];
        text == squeeze(&pol.label())
            || text == squeeze(&pol.name)
            || text == squeeze(pol.revised_name())
    }) {
        return Some(*p);
    }
    let digits: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_digit(c as u32 - '０' as u32, 10).unwrap_or(c),
            c => c,
        })
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let n: u32 = digits.parse().ok()?;
    asked
        .iter()
        .copied()
        .find(|p| draft.policies[*p].number == n)
}

pub(super) fn propose_added(
    draft: &Draft,
    wb: &AnswerWorkbook,
    row: &AddedRow,
    minted: &mut BTreeSet<RowId>,
    next_numbers: &mut HashMap<(usize, BlockKind), u32>,
    earlier: &[RowAnswer],
) -> Result<Option<RowAnswer>, Problem> {
    let written: Vec<String> = row
        .fields
        .iter()
        .filter(|f| !f.text.is_empty())
        .map(|f| format!("{}「{}」", f.field.label(), f.text))
        .chain((!row.opinion.is_empty()).then(|| format!("意見「{}」", row.opinion)))
        .collect();
    let problem = |msg: &str| {
        Problem::at(
            &wb.file,
            &row.sheet,
            &row.cell,
            format!(
                "表の下に加えられた行: {msg}（この行は取り込みません。記入：{}）。",
                written.join("、")
            ),
        )
    };
    let kind = match row.kind {
        Some(SheetKind::Block(k)) if !k.is_single_row() => k,
        Some(SheetKind::Block(k)) => {
            return Err(problem(&format!(
                "「{}」は1行だけの欄のため、行を加えられません。（案）の欄に書き足してください",
                k.label()
            )));
        }
        Some(SheetKind::Indicators) => {
            return Err(problem(
                "成果指標・現状の追加はこの様式では取り込めません。企画課に連絡してください",
            ));
        }
        None => return Err(problem("どの表の行か分かりません")),
    };
    let sheet = SheetKind::Block(kind);
    let Some(policy) = policy_of_added(draft, wb, row, sheet) else {
        return Err(problem(if row.policy.is_empty() {
            "どの施策大項目の行か分かりません。施策大項目の欄に番号か名前を記入してください"
        } else {
            "施策大項目の欄に書かれた施策大項目が、このシートで照会したものの中にありません"
        }));
    };
    let mut side = Side::default();
    for f in &row.fields {
        f.field.set(&mut side, &f.text);
    }
    if side.is_blank() {
        return Err(problem(
            "（案）の欄が空です。加える行の内容を（案）の欄に書いてください",
        ));
    }
    let mut notes = Vec::new();
    if !row.status.is_empty() && ChangeStatus::from_label(&row.status) != Some(ChangeStatus::New) {
        notes.push(format!(
            "表の下に加えられた行の変更区分「{}」は「新規」として取り込みます。",
            row.status
        ));
    }
    let p = &draft.policies[policy];
    // The same row brought in before (or by another department in this import).
    let same = |r: &Row| {
        r.status == Some(ChangeStatus::New)
            && r.revised
                .as_ref()
                .is_some_and(|s| squeeze_side(s) == squeeze_side(&side))
    };
    if p.block(kind).iter().any(same) {
        if row.opinion.is_empty() {
            return Ok(None);
        }
        notes.push("同じ内容の新規の行がすでにあるため、行は加えず意見だけを取り込みます。".into());
    }
    let existing = p.block(kind).iter().find(|r| same(r)).map(|r| r.id.clone());
    let earlier_same = earlier.iter().find(|a| {
        a.commands.iter().any(|c| matches!(c, Command::InsertRows { policy: pp, block, rows, .. } if *pp == policy && *block == kind && rows.iter().any(|r| r.revised.as_ref().is_some_and(|s| squeeze_side(s) == squeeze_side(&side)))))
    });
    let mut commands = Vec::new();
    let id = if let Some(id) = existing {
        id
    } else if let Some(e) = earlier_same {
        notes.push(format!("{}も同じ行を加えています。", e.department));
        commands.extend(
            e.commands
                .iter()
                .filter(|c| matches!(c, Command::InsertRows { .. }))
                .cloned(),
        );
        e.row.clone()
    } else {
        let mut id = draft.fresh_id(kind.id_prefix());
        while minted.contains(&id) {
            id = draft.fresh_id(kind.id_prefix());
        }
        minted.insert(id.clone());
        if kind.is_numbered() {
            let n = next_numbers
                .entry((policy, kind))
                .or_insert_with(|| next_number(p.block(kind)));
            side.number = Some(*n);
            *n += 1;
        }
        commands.push(Command::InsertRows {
            policy,
            block: kind,
            at: usize::MAX,
            rows: vec![Row {
                id: id.clone(),
                status: Some(ChangeStatus::New),
                current: None,
                revised: Some(side.clone()),
                ..Row::default()
            }],
        });
        id
    };
    if !row.opinion.is_empty() {
        commands.push(Command::AddMemoLine {
            to: MemoTarget::Row(id.clone()),
            line: memo_line(&wb.department, &row.opinion),
        });
    }
    let after = row_texts(sheet, Some(ChangeStatus::New), Some(&side));
    let before = row_texts(sheet, None, None);
    Ok(Some(RowAnswer {
        department: wb.department.clone(),
        file: wb.file.clone(),
        sheet: row.sheet.clone(),
        cell: row.cell.clone(),
        row: id,
        location: format!(
            "{} › {} › （新規）{}",
            p.label(),
            kind.label(),
            side.label(kind)
        ),
        added: true,
        status_before: String::new(),
        status_after: ChangeStatus::New.label().to_string(),
        changes: changes_between(&before, &after),
        opinion: row.opinion.clone(),
        notes,
        commands,
    }))
}

fn squeeze_side(s: &Side) -> Vec<String> {
    s.texts().iter().map(|(_, t)| squeeze(t)).collect()
}
