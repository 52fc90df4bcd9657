//! Commands that change the draft's shape: 施策大項目 as units (add, move, renumber, delete,
//! restore), a row moved to another 施策大項目, and whole rows brought in from outside (a
//! paste). Applied by [`crate::edit::apply_to_draft`], which calls these.
//!
//! The rules, as 企画課 staff work:
//! - a 施策大項目 of the plan in force is never erased: deleting it marks it 削除 and its rows of
//!   the plan in force 削除 (their 現行 text stays; rows added in this revision go, as
//!   [`crate::edit::Command::DeleteRow`] does with one row);
//! - one added in this revision (新規) is removed by deleting it;
//! - the numbers of the revised plan follow the order of the 施策大項目 that are not 削除: adding
//!   or moving one keeps the set of numbers in use and hands them out in order, removing a 新規
//!   one closes up; a 削除 one keeps its number in force.

use super::apply::{EditError, Outcome};
use super::status::{next_number, revised_edited, set_status};
use crate::model::{BlockKind, ChangeStatus, Draft, Policy, PolicyStatus, Row, RowId, Side};

/// Hands the numbers `numbers` (sorted here) to the 施策大項目 that are not 削除, in document
/// order; 削除 ones keep theirs. Extra numbers are left unused; missing ones continue from the
/// last. Returns how many 施策大項目 changed number.
pub fn renumber_policies_in_order(policies: &mut [Policy], mut numbers: Vec<u32>) -> usize {
    numbers.sort_unstable();
    let mut numbers = numbers.into_iter();
    let mut last = 0;
    let mut changed = 0;
    for p in policies
        .iter_mut()
        .filter(|p| p.status != PolicyStatus::Deleted)
    {
        let n = numbers.next().unwrap_or(last + 1);
        last = n;
        if p.number != n {
            p.number = n;
            changed += 1;
        }
    }
    changed
}

/// The numbers of the 施策大項目 that are not 削除.
fn numbers_in_use(policies: &[Policy]) -> Vec<u32> {
    policies
        .iter()
        .filter(|p| p.status != PolicyStatus::Deleted)
        .map(|p| p.number)
        .collect()
}

fn not_allowed(message: impl Into<String>) -> EditError {
    EditError::NotAllowed(message.into())
}

pub(super) fn add_policy(
    draft: &mut Draft,
    after: Option<usize>,
    name: &str,
    status: PolicyStatus,
    out: &mut Outcome,
) -> Result<(), EditError> {
    if status == PolicyStatus::Deleted {
        return Err(not_allowed(
            "削除の施策大項目は追加できません。現行計画にある施策大項目か、新規の施策大項目として追加してください。",
        ));
    }
    let at = match after {
        Some(a) if a >= draft.policies.len() => return Err(EditError::NoSuchPolicy(a)),
        Some(a) => a + 1,
        None => 0,
    };
    let id = draft.fresh_id("policy");
    let mut numbers = numbers_in_use(&draft.policies);
    let max = numbers.iter().copied().max().unwrap_or(0);
    numbers.push(max + 1);
    let mut p = Policy::new(id.as_str(), max + 1, name.trim());
    p.status = status;
    draft.policies.insert(at, p);
    let shifted = renumber_policies_in_order(&mut draft.policies, numbers);
    let number = draft.policies[at].number;
    let what = match status {
        PolicyStatus::New => "新規の施策大項目",
        _ => "施策大項目",
    };
    out.notice = Some(if shifted > 1 {
        format!("{what}を{number}番として追加し、後ろの施策大項目の番号を一つずつ繰り下げました。")
    } else {
        format!("{what}を{number}番として追加しました。")
    });
    Ok(())
}

pub(super) fn move_policy(
    draft: &mut Draft,
    policy: usize,
    to: usize,
    out: &mut Outcome,
) -> Result<(), EditError> {
    let len = draft.policies.len();
    if policy >= len {
        return Err(EditError::NoSuchPolicy(policy));
    }
    let to = to.min(len - 1);
    if to == policy {
        out.changed = false;
        return Ok(());
    }
    let numbers = numbers_in_use(&draft.policies);
    let p = draft.policies.remove(policy);
    draft.policies.insert(to, p);
    let n = renumber_policies_in_order(&mut draft.policies, numbers);
    if n > 0 {
        out.notice = Some(format!(
            "並べ替えに合わせて{n}件の施策大項目の番号を振り直しました。"
        ));
    }
    Ok(())
}

pub(super) fn renumber_policies(draft: &mut Draft, out: &mut Outcome) {
    let count = draft
        .policies
        .iter()
        .filter(|p| p.status != PolicyStatus::Deleted)
        .count() as u32;
    let n = renumber_policies_in_order(&mut draft.policies, (1..=count).collect());
    out.changed = n > 0;
    out.notice = Some(if n > 0 {
        format!("{n}件の施策大項目の番号を振り直しました。")
    } else {
        "施策大項目の番号はすでに連番です。".into()
    });
}

pub(super) fn delete_policy(
    draft: &mut Draft,
    policy: usize,
    out: &mut Outcome,
) -> Result<(), EditError> {
    let status = draft
        .policies
        .get(policy)
        .ok_or(EditError::NoSuchPolicy(policy))?
        .status;
    match status {
        PolicyStatus::Deleted => {
            out.changed = false;
            out.notice = Some("この施策大項目はすでに「削除」です。".into());
        }
        PolicyStatus::New => {
            let label = draft.policies[policy].label();
            let mut numbers = numbers_in_use(&draft.policies);
            numbers.sort_unstable();
            numbers.pop();
            draft.policies.remove(policy);
            renumber_policies_in_order(&mut draft.policies, numbers);
            out.notice = Some(format!("新規の施策大項目「{label}」を取り除きました。"));
        }
        PolicyStatus::InForce => {
            let p = &mut draft.policies[policy];
            p.status = PolicyStatus::Deleted;
            let mut removed = 0;
            for kind in BlockKind::ALL {
                if kind.is_single_row() {
                    let r = &mut p.block_mut(kind)[0];
                    if has_text(&r.current) {
                        r.revised = None;
                    } else {
                        r.current = None;
                        r.revised = None;
                    }
                    continue;
                }
                let rows = p.block_vec_mut(kind).expect("a multi-row block");
                let before = rows.len();
                rows.retain(|r| has_text(&r.current));
                removed += before - rows.len();
                for r in rows.iter_mut() {
                    if r.status != Some(ChangeStatus::Deleted) || r.revised.is_some() {
                        set_status(r, ChangeStatus::Deleted);
                    }
                }
            }
            let mut notice = format!(
                "「{}」は現行計画にある施策大項目のため、消さずに「削除」にしました（その行も変更区分「削除」）。",
                p.label()
            );
            if removed > 0 {
                notice.push_str(&format!(
                    "この改定で加えた{removed}行は取り除きました（元に戻すで復元できます）。"
                ));
            }
            out.notice = Some(notice);
        }
    }
    Ok(())
}

pub(super) fn restore_policy(
    draft: &mut Draft,
    policy: usize,
    out: &mut Outcome,
) -> Result<(), EditError> {
    let p = draft
        .policies
        .get_mut(policy)
        .ok_or(EditError::NoSuchPolicy(policy))?;
    if p.status != PolicyStatus::Deleted {
        out.changed = false;
        out.notice = Some("この施策大項目は「削除」ではありません。".into());
        return Ok(());
    }
    p.status = PolicyStatus::InForce;
    for kind in BlockKind::ALL {
        for r in p.block_mut(kind) {
            if kind.is_single_row() {
                if r.revised.is_none() {
                    r.revised = r.current.clone();
                }
            } else if r.status == Some(ChangeStatus::Deleted) {
                set_status(r, ChangeStatus::Unchanged);
            }
        }
    }
    out.notice = Some(format!(
        "「{}」の削除を取り消し、削除の行を「変更なし」に戻しました。",
        p.label()
    ));
    Ok(())
}

fn has_text(side: &Option<Side>) -> bool {
    side.as_ref().is_some_and(|s| !s.is_blank())
}

pub(super) fn move_row_to_policy(
    draft: &mut Draft,
    id: &RowId,
    policy: usize,
    out: &mut Outcome,
) -> Result<(), EditError> {
    let path = draft
        .find_row(id)
        .ok_or_else(|| EditError::NoSuchRow(id.clone()))?;
    if path.block.is_single_row() {
        return Err(EditError::SingleRowBlock(path.block));
    }
    if policy >= draft.policies.len() {
        return Err(EditError::NoSuchPolicy(policy));
    }
    if policy == path.policy {
        out.changed = false;
        return Ok(());
    }
    let source = draft.policies[path.policy]
        .block_vec_mut(path.block)
        .expect("a multi-row block");
    let mut row = source.remove(path.row);
    let old_number = row.revised.as_ref().and_then(|s| s.number);
    let numbered = path.block.is_numbered();
    let mut closed = 0;
    if numbered && let Some(gone) = old_number {
        // The source's later numbers close up (⑤ moved away: ⑥ becomes ⑤ …).
        for r in source.iter_mut() {
            if let Some(s) = r.revised.as_mut()
                && let Some(n) = s.number
                && n > gone
            {
                s.number = Some(n - 1);
                closed += 1;
                revised_edited(r);
            }
        }
    }
    let dest_policy = &mut draft.policies[policy];
    let dest_label = dest_policy.label();
    let dest = dest_policy
        .block_vec_mut(path.block)
        .expect("a multi-row block");
    if numbered && let Some(side) = row.revised.as_mut() {
        let n = next_number(dest);
        if side.number != Some(n) {
            side.number = Some(n);
            revised_edited(&mut row);
        }
    }
    dest.push(row);
    let mut notice = format!("行を「{dest_label}」の{}へ移しました。", path.block.label());
    if closed > 0 {
        notice.push_str(&format!("移動元の{closed}行の番号を詰めました。"));
    }
    out.notice = Some(notice);
    Ok(())
}

pub(super) fn insert_rows(
    draft: &mut Draft,
    policy: usize,
    block: BlockKind,
    at: usize,
    rows: &[Row],
    out: &mut Outcome,
) -> Result<(), EditError> {
    if policy >= draft.policies.len() {
        return Err(EditError::NoSuchPolicy(policy));
    }
    if block.is_single_row() {
        return Err(EditError::SingleRowBlock(block));
    }
    if rows.is_empty() {
        out.changed = false;
        return Ok(());
    }
    // A row brought in again (the same 照会 answer imported twice) is already there: the same
    // id in the same block, saying the same (its memo may have taken opinions since). It is
    // skipped; any other use of its id is refused.
    let already = |r: &Row| {
        draft.find_row(&r.id).is_some_and(|path| {
            path.policy == policy
                && path.block == block
                && draft.row(path).is_some_and(|d| {
                    d.status == r.status && d.current == r.current && d.revised == r.revised
                })
        })
    };
    let new_rows: Vec<Row> = rows.iter().filter(|r| !already(r)).cloned().collect();
    let mut used: std::collections::HashSet<&str> = draft.all_ids().map(RowId::as_str).collect();
    for r in &new_rows {
        if r.id.as_str().trim().is_empty() {
            return Err(not_allowed(
                "追加する行にIDがないため、追加できません。取り込みをやり直してください。",
            ));
        }
        if !used.insert(r.id.as_str()) {
            return Err(EditError::IdInUse(r.id.clone()));
        }
    }
    let Some(first) = new_rows.first().map(|r| r.id.clone()) else {
        out.changed = false;
        return Ok(());
    };
    let list = draft.policies[policy]
        .block_vec_mut(block)
        .expect("a multi-row block");
    let at = at.min(list.len());
    list.splice(at..at, new_rows);
    out.created = Some(first);
    Ok(())
}

pub(super) fn replace_row(
    draft: &mut Draft,
    row: &Row,
    out: &mut Outcome,
) -> Result<(), EditError> {
    let path = draft
        .find_row(&row.id)
        .ok_or_else(|| EditError::NoSuchRow(row.id.clone()))?;
    let slot = draft.row_mut(path).expect("found above");
    out.changed = slot != row;
    *slot = row.clone();
    Ok(())
}
