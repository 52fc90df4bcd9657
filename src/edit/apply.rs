//! Applying a [`Command`] to a [`Draft`]: the one place where the draft changes.

use std::fmt;

use super::command::{Command, ListOp, MemoTarget, RowList};
use super::status::{
    current_edited, next_number, renumber_from_one, renumber_in_order, revised_edited, set_status,
};
use super::structure;
use crate::model::{
    BlockKind, ChangeStatus, Draft, Indicator, IndicatorKind, Meta, Row, RowId, RowPath, Side,
    SideKind, Span, TextAddr, Voice,
};

/// What applying a command did, beyond changing the draft.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    /// A row the command created (select it).
    pub created: Option<RowId>,
    /// Something the user should be told (e.g. the status was switched to 変更あり).
    pub notice: Option<String>,
    /// False when the command turned out to change nothing (no undo step is recorded).
    pub changed: bool,
}

/// Why a command could not be applied. The draft is left as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    NoSuchRow(RowId),
    NoSuchPolicy(usize),
    NoSuchItem {
        what: &'static str,
        index: usize,
    },
    /// The row has no such side (a 新規 row has no 現行, a 削除 row no 改定案).
    NoSuchSide(SideKind),
    /// The block holds exactly one row (現況と課題, 協働による取組).
    SingleRowBlock(BlockKind),
    /// The text field a fix addresses does not exist (any more).
    NoSuchText(TextAddr),
    /// The characters a fix replaces are no longer what the check saw.
    StaleText {
        expected: String,
        found: String,
    },
    /// Another row already has this id.
    IdInUse(RowId),
    /// The change is not possible as asked; the message says why, in Japanese.
    NotAllowed(String),
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EditError::NoSuchRow(id) => write!(f, "対象の行（{id}）が見つかりません。"),
            EditError::NoSuchPolicy(i) => {
                write!(
                    f,
                    "施策大項目（{}番目）が見つかりません。",
                    i.saturating_add(1)
                )
            }
            EditError::NoSuchItem { what, index } => {
                write!(f, "{what}の{}番目が見つかりません。", index + 1)
            }
            EditError::NoSuchSide(side) => write!(
                f,
                "この行には{}の欄がありません。先に変更区分を変えてください。",
                side.label()
            ),
            EditError::SingleRowBlock(kind) => write!(
                f,
                "「{}」は1行だけの欄のため、行を追加・削除・移動できません。",
                kind.label()
            ),
            EditError::NoSuchText(at) => write!(
                f,
                "修正先（{at}）が見つかりません。もう一度検査してから修正してください。"
            ),
            EditError::StaleText { expected, found } => write!(
                f,
                "本文が検査の後に変わっています（「{expected}」のはずが「{found}」）。もう一度検査してから修正してください。"
            ),
            EditError::IdInUse(id) => write!(f, "行ID（{id}）はすでに別の行が使っています。"),
            EditError::NotAllowed(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for EditError {}

fn locate(draft: &Draft, id: &RowId) -> Result<RowPath, EditError> {
    draft
        .find_row(id)
        .ok_or_else(|| EditError::NoSuchRow(id.clone()))
}

fn row_at<'d>(draft: &'d mut Draft, id: &RowId) -> Result<(RowPath, &'d mut Row), EditError> {
    let path = locate(draft, id)?;
    let row = draft
        .row_mut(path)
        .ok_or_else(|| EditError::NoSuchRow(id.clone()))?;
    Ok((path, row))
}

/// Applies one command to the draft. On error nothing is changed.
pub fn apply_to_draft(draft: &mut Draft, cmd: &Command) -> Result<Outcome, EditError> {
    let mut out = Outcome {
        changed: true,
        ..Outcome::default()
    };
    match cmd {
        Command::SetRowText {
            row,
            side,
            field,
            text,
        } => {
            let (_, r) = row_at(draft, row)?;
            let s = r.side_mut(*side).ok_or(EditError::NoSuchSide(*side))?;
            let slot = s.field_mut(*field).ok_or(EditError::NoSuchItem {
                what: "欄",
                index: match field {
                    crate::model::SideField::Department(i) | crate::model::SideField::Bullet(i) => {
                        *i
                    }
                    _ => 0,
                },
            })?;
            if slot == text {
                out.changed = false;
                return Ok(out);
            }
            *slot = text.clone();
            side_edited(r, *side, &mut out);
        }
        Command::ReplaceText {
            at,
            span,
            expected,
            replacement,
        } => match at {
            TextAddr::Row { row, side, field } => {
                let (_, r) = row_at(draft, row)?;
                // A 変更なし row stored without a 改定案 shows its 現行 text there.
                let borrowed = *side == SideKind::Revised && r.revised.is_none();
                let source = if borrowed {
                    r.current.as_ref()
                } else {
                    r.side(*side)
                };
                let text = source
                    .and_then(|s| s.field(*field))
                    .ok_or_else(|| EditError::NoSuchText(at.clone()))?;
                let new = replaced(text, *span, expected, replacement)?;
                if new == text {
                    out.changed = false;
                    return Ok(out);
                }
                if borrowed {
                    r.revised = r.current.clone();
                }
                let slot = r
                    .side_mut(*side)
                    .and_then(|s| s.field_mut(*field))
                    .ok_or_else(|| EditError::NoSuchText(at.clone()))?;
                *slot = new;
                side_edited(r, *side, &mut out);
            }
            TextAddr::Policy { policy, field } => {
                let slot = draft
                    .policies
                    .iter_mut()
                    .find(|p| &p.id == policy)
                    .and_then(|p| p.field_text_mut(*field))
                    .ok_or_else(|| EditError::NoSuchText(at.clone()))?;
                let new = replaced(slot, *span, expected, replacement)?;
                out.changed = new != *slot;
                *slot = new;
            }
        },
        Command::SetRowNumber { row, side, number } => {
            let (_, r) = row_at(draft, row)?;
            let s = r.side_mut(*side).ok_or(EditError::NoSuchSide(*side))?;
            if s.number == *number {
                out.changed = false;
                return Ok(out);
            }
            s.number = *number;
            side_edited(r, *side, &mut out);
        }
        Command::SetMemo { row, text } => {
            let (_, r) = row_at(draft, row)?;
            out.changed = r.memo != *text;
            r.memo = text.clone();
        }
        Command::SetStatus { row, status } => {
            let (_, r) = row_at(draft, row)?;
            let before = r.clone();
            out.notice = set_status(r, *status);
            out.changed = *r != before;
        }
        Command::EditRowList {
            row,
            side,
            list,
            op,
        } => {
            let (_, r) = row_at(draft, row)?;
            let s = r.side_mut(*side).ok_or(EditError::NoSuchSide(*side))?;
            let items = match list {
                RowList::Bullets => &mut s.bullets,
                RowList::Departments => &mut s.departments,
            };
            if !op.apply_to(items, String::new) {
                return Err(list_error(list.label(), *op));
            }
            side_edited(r, *side, &mut out);
        }
        Command::AddRow { policy, block } => {
            let id = draft.fresh_id(block.id_prefix());
            let p = draft
                .policies
                .get_mut(*policy)
                .ok_or(EditError::NoSuchPolicy(*policy))?;
            let rows = p
                .block_vec_mut(*block)
                .ok_or(EditError::SingleRowBlock(*block))?;
            let number = block.is_numbered().then(|| next_number(rows));
            rows.push(Row {
                id: id.clone(),
                status: Some(ChangeStatus::New),
                current: None,
                revised: Some(Side {
                    number,
                    ..Side::default()
                }),
                ..Row::default()
            });
            out.created = Some(id);
        }
        Command::DeleteRow { row } => {
            let path = locate(draft, row)?;
            if path.block.is_single_row() {
                return Err(EditError::SingleRowBlock(path.block));
            }
            let p = &mut draft.policies[path.policy];
            let rows = p
                .block_vec_mut(path.block)
                .ok_or(EditError::SingleRowBlock(path.block))?;
            let r = &mut rows[path.row];
            if r.current.as_ref().is_some_and(|c| !c.is_blank()) {
                if r.status == Some(ChangeStatus::Deleted) && r.revised.is_none() {
                    out.changed = false;
                    out.notice = Some("この行はすでに「削除」です。".into());
                } else {
                    set_status(r, ChangeStatus::Deleted);
                    out.notice = Some(
                        "現行計画にある行のため、消さずに変更区分を「削除」にしました。".into(),
                    );
                }
            } else {
                rows.remove(path.row);
                out.notice = Some("新規の行を取り除きました。".into());
            }
        }
        Command::MoveRow { row, to } => {
            let path = locate(draft, row)?;
            if path.block.is_single_row() {
                return Err(EditError::SingleRowBlock(path.block));
            }
            let rows = draft.policies[path.policy]
                .block_vec_mut(path.block)
                .ok_or(EditError::SingleRowBlock(path.block))?;
            let to = (*to).min(rows.len().saturating_sub(1));
            if to == path.row {
                out.changed = false;
                return Ok(out);
            }
            let r = rows.remove(path.row);
            rows.insert(to, r);
            if path.block.is_numbered() {
                let n = renumber_in_order(rows);
                if n > 0 {
                    out.notice = Some(format!("並べ替えに合わせて{n}行の番号を振り直しました。"));
                }
            }
        }
        Command::Renumber { policy, block } => {
            if !block.is_numbered() {
                out.changed = false;
                out.notice = Some(format!("「{}」の行には番号がありません。", block.label()));
                return Ok(out);
            }
            let p = draft
                .policies
                .get_mut(*policy)
                .ok_or(EditError::NoSuchPolicy(*policy))?;
            let n = renumber_from_one(p.block_mut(*block));
            out.changed = n > 0;
            out.notice = Some(if n > 0 {
                format!("{n}行の番号を振り直しました。")
            } else {
                "番号はすでに連番です。".into()
            });
        }
        Command::SetRename { policy, rename } => {
            let p = policy_mut(draft, *policy)?;
            out.changed = p.rename != *rename;
            p.rename = rename.clone();
        }
        Command::SetSurvey { policy, survey } => {
            let p = policy_mut(draft, *policy)?;
            out.changed = p.survey != *survey;
            p.survey = survey.clone();
        }
        Command::SetVoice {
            policy,
            index,
            voice,
        } => {
            let p = policy_mut(draft, *policy)?;
            let v = p.voices.get_mut(*index).ok_or(EditError::NoSuchItem {
                what: "市民の声",
                index: *index,
            })?;
            out.changed = v != voice;
            *v = voice.clone();
        }
        Command::EditVoices { policy, op } => {
            let p = policy_mut(draft, *policy)?;
            let source = p
                .voices
                .last()
                .map(|v| v.source.clone())
                .unwrap_or_else(|| "市民アンケート".into());
            if !op.apply_to(&mut p.voices, || Voice {
                source,
                ..Voice::default()
            }) {
                return Err(list_error("市民の声", *op));
            }
        }
        Command::SetSdgs { policy, sdgs } => {
            let p = policy_mut(draft, *policy)?;
            out.changed = p.sdgs != *sdgs;
            p.sdgs = sdgs.clone();
        }
        Command::SetIndicator {
            policy,
            index,
            indicator,
        } => {
            let p = policy_mut(draft, *policy)?;
            let i = p.indicators.get_mut(*index).ok_or(EditError::NoSuchItem {
                what: "成果指標",
                index: *index,
            })?;
            out.changed = i != indicator;
            *i = indicator.clone();
        }
        Command::EditIndicators { policy, op } => {
            let id = draft.fresh_id("indicator");
            let p = policy_mut(draft, *policy)?;
            if !op.apply_to(&mut p.indicators, || Indicator {
                id,
                kind: IndicatorKind::Outcome,
                as_current: false,
                name: String::new(),
                verdict: None,
                change: String::new(),
                memo: String::new(),
            }) {
                return Err(list_error("成果指標", *op));
            }
        }
        Command::SetIndicatorOpinion { policy, text } => {
            let p = policy_mut(draft, *policy)?;
            out.changed = p.indicator_opinion != *text;
            p.indicator_opinion = text.clone();
        }
        Command::SetPolicyMemo { policy, text } => {
            let p = policy_mut(draft, *policy)?;
            out.changed = p.memo != *text;
            p.memo = text.clone();
        }
        Command::SetMeta(meta) => {
            // The identity is the draft's own, whatever the command carries.
            let meta = Meta {
                draft_id: draft.meta.draft_id.clone(),
                ..meta.clone()
            };
            out.changed = draft.meta != meta;
            draft.meta = meta;
        }
        Command::SetMetaText { field, text } => {
            let slot = draft.meta.text_mut(*field);
            out.changed = slot != text;
            *slot = text.clone();
        }
        Command::SetFieldNumber { number } => {
            out.changed = draft.meta.field_number != *number;
            draft.meta.field_number = *number;
        }
        Command::SetPolicyName { policy, name } => {
            let p = policy_mut(draft, *policy)?;
            out.changed = p.name != *name;
            p.name = name.clone();
        }
        Command::AddPolicy {
            after,
            name,
            status,
        } => structure::add_policy(draft, *after, name, *status, &mut out)?,
        Command::MovePolicy { policy, to } => {
            structure::move_policy(draft, *policy, *to, &mut out)?
        }
        Command::RenumberPolicies => structure::renumber_policies(draft, &mut out),
        Command::DeletePolicy { policy } => structure::delete_policy(draft, *policy, &mut out)?,
        Command::RestorePolicy { policy } => structure::restore_policy(draft, *policy, &mut out)?,
        Command::MoveRowToPolicy { row, policy } => {
            structure::move_row_to_policy(draft, row, *policy, &mut out)?
        }
        Command::InsertRows {
            policy,
            block,
            at,
            rows,
        } => structure::insert_rows(draft, *policy, *block, *at, rows, &mut out)?,
        Command::ReplaceRow { row } => structure::replace_row(draft, row, &mut out)?,
        Command::Review(edit) => {
            let before = review_of(draft, edit);
            if !crate::review::apply_review_edit(draft, edit) {
                return Err(EditError::NoSuchItem {
                    what: "コメント",
                    index: 0,
                });
            }
            out.changed = review_of(draft, edit) != before;
        }
        Command::Batch { commands, .. } => {
            // All or nothing: a failing command puts the draft back as it was.
            let backup = (commands.len() > 1).then(|| draft.clone());
            out.changed = false;
            let mut notices = Vec::new();
            for c in commands {
                match apply_to_draft(draft, c) {
                    Ok(o) => {
                        out.changed |= o.changed;
                        out.created = o.created.or(out.created);
                        notices.extend(o.notice);
                    }
                    Err(e) => {
                        if let Some(b) = backup {
                            *draft = b;
                        }
                        return Err(e);
                    }
                }
            }
            out.notice = (!notices.is_empty()).then(|| notices.join(" "));
        }
        Command::AddSuppression { suppression, .. } => {
            match draft
                .suppressions
                .iter_mut()
                .find(|s| s.key == suppression.key)
            {
                Some(s) => {
                    out.changed = s != suppression;
                    *s = suppression.clone();
                }
                None => draft.suppressions.push(suppression.clone()),
            }
        }
        Command::RemoveSuppression { key, .. } => {
            let before = draft.suppressions.len();
            draft.suppressions.retain(|s| &s.key != key);
            out.changed = draft.suppressions.len() != before;
        }
        Command::StartReview { reviewer, now } => {
            out.changed = crate::review::start_review(draft, reviewer, now);
        }
        Command::SetRevised {
            row,
            status,
            revised,
        } => {
            let (_, r) = row_at(draft, row)?;
            out.changed = r.status != *status || r.revised != *revised;
            r.status = *status;
            r.revised = revised.clone();
        }
        Command::AddMemoLine { to, line } => {
            let memo = match to {
                MemoTarget::Row(row) => &mut row_at(draft, row)?.1.memo,
                MemoTarget::IndicatorOpinion(policy) => {
                    &mut policy_mut(draft, *policy)?.indicator_opinion
                }
            };
            out.changed = add_line(memo, line);
        }
        Command::ReplaceDraft { draft: new, .. } => {
            out.changed = **new != *draft;
            if out.changed {
                *draft = (**new).clone();
            }
        }
    }
    Ok(out)
}

/// The review (comments, state) of the row a review edit is about.
fn review_of(draft: &Draft, edit: &crate::review::ReviewEdit) -> Option<crate::model::Review> {
    draft
        .find_row(edit.row())
        .and_then(|p| draft.row(p))
        .map(|r| r.review.clone())
}

/// Adds `line` (which may span several lines) to `memo` on lines of its own, unless `memo`
/// already holds exactly those lines. Returns whether the memo changed.
fn add_line(memo: &mut String, line: &str) -> bool {
    let line = line.trim();
    let held = memo.trim() == line
        || memo.starts_with(&format!("{line}\n"))
        || memo.contains(&format!("\n{line}\n"))
        || memo.trim_end().ends_with(&format!("\n{line}"));
    if line.is_empty() || held {
        return false;
    }
    if !memo.trim().is_empty() {
        let trimmed = memo.trim_end().len();
        memo.truncate(trimmed);
        memo.push('\n');
    } else {
        memo.clear();
    }
    memo.push_str(line);
    true
}

fn side_edited(r: &mut Row, side: SideKind, out: &mut Outcome) {
    match side {
        SideKind::Current => current_edited(r),
        SideKind::Revised => out.notice = revised_edited(r),
    }
}

fn policy_mut(draft: &mut Draft, index: usize) -> Result<&mut crate::model::Policy, EditError> {
    draft
        .policies
        .get_mut(index)
        .ok_or(EditError::NoSuchPolicy(index))
}

/// `text` with the characters `span` (which must read `expected`) replaced.
fn replaced(
    text: &str,
    span: Span,
    expected: &str,
    replacement: &str,
) -> Result<String, EditError> {
    let chars: Vec<char> = text.chars().collect();
    let found: String = chars
        .get(span.start..span.end)
        .map(|c| c.iter().collect())
        .unwrap_or_default();
    if span.start > span.end || span.end > chars.len() || found != expected {
        return Err(EditError::StaleText {
            expected: expected.to_string(),
            found,
        });
    }
    let mut out: String = chars[..span.start].iter().collect();
    out.push_str(replacement);
    out.extend(&chars[span.end..]);
    Ok(out)
}

fn list_error(what: &'static str, op: ListOp) -> EditError {
    let index = match op {
        ListOp::Insert { at } => at,
        ListOp::Remove { index } => index,
        ListOp::Move { from, .. } => from,
    };
    EditError::NoSuchItem { what, index }
}
