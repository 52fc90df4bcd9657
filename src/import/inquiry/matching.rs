//! Matching answered workbooks against the draft: per department and row what the answer
//! changes, which answers conflict, and the commands that apply the clear ones.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::Problem;
use super::added::propose_added;
use super::layout::{AnswerField, SentContent, SheetKind, squeeze};
use super::read::{AnswerRow, AnswerWorkbook};
use crate::edit::{Command, MemoTarget};
use crate::model::{BlockKind, ChangeStatus, Draft, Indicator, IndicatorVerdict, RowId, Side};

/// The label of the undo step that applies answers.
pub const IMPORT_LABEL: &str = "各課の回答の取り込み";

/// One field of a row: its text in the draft now and as answered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// 名称, 内容, 期間, 概要, 変更区分 …
    pub field: String,
    pub before: String,
    pub after: String,
}

/// One department's answer to one row (or a row it added), ready to accept or skip.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RowAnswer {
    pub department: String,
    pub file: String,
    pub sheet: String,
    /// The answer's 変更区分 cell (or the added row's first answer cell).
    pub cell: String,
    /// The row's id; for an added row, the id it gets.
    pub row: RowId,
    /// Where the row is: `2. … › 施策中項目 › 3 組織、機構の見直し`.
    pub location: String,
    /// A row the department added (新規).
    pub added: bool,
    /// 変更区分 (問題なし/要変更 for 成果指標) in the draft now and as answered; equal when
    /// the answer keeps it.
    pub status_before: String,
    pub status_after: String,
    /// The fields the answer changes, with the draft's text and the answer's.
    pub changes: Vec<FieldChange>,
    /// 意見・変更理由 as written.
    pub opinion: String,
    /// Things the user should know about how the answer was read.
    pub notes: Vec<String>,
    /// What applying the answer does: set the row, add the opinion to the memo, add the row.
    #[serde(skip)]
    pub commands: Vec<Command>,
}

impl RowAnswer {
    /// Whether the answer changes the row's text or status (not only its memo).
    pub fn changes_row(&self) -> bool {
        !self.changes.is_empty() || self.status_before != self.status_after || self.added
    }

    /// The commands that apply this answer.
    pub fn commands(&self) -> &[Command] {
        &self.commands
    }
}

/// Why answers to a row were not applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ConflictKind {
    /// Two or more departments answered a shared row differently.
    Departments,
    /// 企画課 changed the row in the draft after the workbook was made.
    DraftChanged,
}

impl ConflictKind {
    pub fn label(self) -> &'static str {
        match self {
            ConflictKind::Departments => "回答が課によって異なります",
            ConflictKind::DraftChanged => "照会の後で下書きのこの行が変わっています",
        }
    }
}

/// Answers to one row that cannot be applied without a person choosing. The row stays as in
/// the draft until someone accepts one of `answers`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Conflict {
    pub row: RowId,
    pub location: String,
    pub kind: ConflictKind,
    /// The row's fields (and 変更区分) in the draft now.
    pub now: Vec<(String, String)>,
    /// The same when the workbook(s) were made, for [`ConflictKind::DraftChanged`].
    pub sent: Vec<(String, String)>,
    /// Every answer to the row, each with its own commands.
    pub answers: Vec<RowAnswer>,
}

/// Counts for the summary.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// Workbooks given, and how many of them could be read.
    pub workbooks: usize,
    pub workbooks_read: usize,
    /// Rows a department answered (changed, marked, commented on or added).
    pub rows_answered: usize,
    /// Rows the clear answers change (text or status) or add.
    pub rows_changed: usize,
    pub conflicts: usize,
    pub problems: usize,
}

/// Per workbook.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WorkbookSummary {
    pub file: String,
    pub department: String,
    pub read: bool,
    pub rows_answered: usize,
    pub rows_changed: usize,
    pub conflicts: usize,
    pub problems: usize,
}

/// Everything the answers would do to the draft, for a preview before anything changes.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ImportPlan {
    pub summary: ImportSummary,
    pub workbooks: Vec<WorkbookSummary>,
    /// Clear answers, in workbook and sheet order.
    pub answers: Vec<RowAnswer>,
    pub conflicts: Vec<Conflict>,
    /// What could not be taken (the rows stay as in the draft), naming file, sheet and cell.
    pub problems: Vec<Problem>,
    /// What was taken but is worth knowing.
    pub notes: Vec<Problem>,
}

impl ImportPlan {
    /// One command ([`Command::Batch`], one undo step) applying the accepted answers;
    /// `None` when they change nothing. Commands two answers share are applied once.
    pub fn command(&self, accept: impl Fn(&RowAnswer) -> bool) -> Option<Command> {
        let chosen = self
            .answers
            .iter()
            .chain(self.conflicts.iter().flat_map(|c| c.answers.iter()))
            .filter(|a| accept(a));
        let mut commands: Vec<Command> = Vec::new();
        for a in chosen {
            for c in &a.commands {
                if !commands.contains(c) {
                    commands.push(c.clone());
                }
            }
        }
        (!commands.is_empty()).then(|| Command::Batch {
            label: IMPORT_LABEL.to_string(),
            commands,
        })
    }

    /// The command applying every clear answer (conflicts left out): what the command line does.
    pub fn command_for_clear_answers(&self) -> Option<Command> {
        let clear: BTreeSet<(String, String, RowId)> = self
            .answers
            .iter()
            .map(|a| (a.file.clone(), a.cell.clone(), a.row.clone()))
            .collect();
        self.command(|a| clear.contains(&(a.file.clone(), a.cell.clone(), a.row.clone())))
    }
}

/// What one answer would make of a row.
#[derive(Clone, Debug, PartialEq)]
enum Content {
    Row {
        status: Option<ChangeStatus>,
        revised: Option<Side>,
    },
    Indicator(Indicator),
}

struct Proposal {
    answer: RowAnswer,
    /// `None` when the answer leaves the row as the draft has it now (only an opinion, or
    /// already applied).
    content: Option<Content>,
    /// Whether the row in the draft is still as it was sent.
    sent_is_now: bool,
    now: Vec<(String, String)>,
    sent: Vec<(String, String)>,
}

/// Where a row lives in the draft.
#[derive(Clone, Copy)]
enum Place {
    Row(crate::model::RowPath),
    Indicator { policy: usize, index: usize },
}

/// Matches the workbooks (as read, or why not) against the draft.
pub fn plan_import(draft: &Draft, workbooks: &[Result<AnswerWorkbook, Problem>]) -> ImportPlan {
    let mut plan = ImportPlan::default();
    let mut proposals: Vec<Proposal> = Vec::new();
    let mut added: Vec<RowAnswer> = Vec::new();
    let mut minted: BTreeSet<RowId> = BTreeSet::new();
    let mut next_numbers: HashMap<(usize, BlockKind), u32> = HashMap::new();
    let index = places(draft);
    for wb in workbooks {
        let wb = match wb {
            Ok(wb) => wb,
            Err(p) => {
                plan.workbooks.push(WorkbookSummary {
                    file: p.file.clone(),
                    problems: 1,
                    ..WorkbookSummary::default()
                });
                plan.problems.push(p.clone());
                continue;
            }
        };
        let origin = wb.origin_draft();
        if !draft.same_draft(&origin) {
            plan.workbooks.push(WorkbookSummary {
                file: wb.file.clone(),
                department: wb.department.clone(),
                problems: 1,
                ..WorkbookSummary::default()
            });
            plan.problems.push(Problem::new(
                &wb.file,
                format!(
                    "このブックは別の下書き「{}」の照会様式です（取り込み先は「{}」）。取り込みません。",
                    origin.display_name(),
                    draft.display_name()
                ),
            ));
            continue;
        }
        plan.workbooks.push(WorkbookSummary {
            file: wb.file.clone(),
            department: wb.department.clone(),
            read: true,
            problems: wb.problems.len(),
            ..WorkbookSummary::default()
        });
        plan.problems.extend(wb.problems.iter().cloned());
        plan.notes.extend(wb.notes.iter().cloned());
        for ar in &wb.rows {
            match propose(draft, &index, wb, ar) {
                Ok(Some(p)) => proposals.push(p),
                Ok(None) => {}
                Err(p) => plan.problems.push(p),
            }
        }
        for row in &wb.added {
            match propose_added(draft, wb, row, &mut minted, &mut next_numbers, &added) {
                Ok(Some(a)) => added.push(a),
                Ok(None) => {}
                Err(p) => plan.problems.push(p),
            }
        }
    }

    // Group by row, in order of first appearance.
    let mut order: Vec<RowId> = Vec::new();
    let mut groups: HashMap<RowId, Vec<Proposal>> = HashMap::new();
    for p in proposals {
        if !groups.contains_key(&p.answer.row) {
            order.push(p.answer.row.clone());
        }
        groups.entry(p.answer.row.clone()).or_default().push(p);
    }
    for id in order {
        let group = groups.remove(&id).unwrap_or_default();
        let changing: Vec<&Proposal> = group.iter().filter(|p| p.content.is_some()).collect();
        let draft_changed = changing.iter().any(|p| !p.sent_is_now);
        let mut contents: Vec<&Content> = Vec::new();
        for p in &changing {
            if let Some(c) = &p.content
                && !contents.contains(&c)
            {
                contents.push(c);
            }
        }
        let kind = if draft_changed {
            Some(ConflictKind::DraftChanged)
        } else if contents.len() > 1 {
            Some(ConflictKind::Departments)
        } else {
            None
        };
        match kind {
            Some(kind) => {
                let first = &group[0];
                plan.conflicts.push(Conflict {
                    row: id.clone(),
                    location: first.answer.location.clone(),
                    kind,
                    now: first.now.clone(),
                    sent: if kind == ConflictKind::DraftChanged {
                        group
                            .iter()
                            .find(|p| !p.sent_is_now)
                            .map_or_else(Vec::new, |p| p.sent.clone())
                    } else {
                        Vec::new()
                    },
                    answers: group.into_iter().map(|p| p.answer).collect(),
                });
            }
            None => plan.answers.extend(group.into_iter().map(|p| p.answer)),
        }
    }
    plan.answers.extend(added);

    // Counts.
    for ws in plan.workbooks.iter_mut().filter(|w| w.read) {
        let mine = |a: &&RowAnswer| a.file == ws.file;
        ws.rows_answered = plan.answers.iter().filter(mine).count()
            + plan
                .conflicts
                .iter()
                .flat_map(|c| c.answers.iter())
                .filter(mine)
                .count();
        ws.rows_changed = plan
            .answers
            .iter()
            .filter(mine)
            .filter(|a| a.changes_row())
            .count();
        ws.conflicts = plan
            .conflicts
            .iter()
            .filter(|c| c.answers.iter().any(|a| a.file == ws.file))
            .count();
        ws.problems = plan.problems.iter().filter(|p| p.file == ws.file).count();
    }
    let changed: BTreeSet<&RowId> = plan
        .answers
        .iter()
        .filter(|a| a.changes_row())
        .map(|a| &a.row)
        .collect();
    plan.summary = ImportSummary {
        workbooks: plan.workbooks.len(),
        workbooks_read: plan.workbooks.iter().filter(|w| w.read).count(),
        rows_answered: plan.workbooks.iter().map(|w| w.rows_answered).sum(),
        rows_changed: changed.len(),
        conflicts: plan.conflicts.len(),
        problems: plan.problems.len(),
    };
    plan
}

/// Where every row and 成果指標 of the draft is, by id (looked up once per answer).
fn places(draft: &Draft) -> HashMap<RowId, Place> {
    let mut map: HashMap<RowId, Place> = draft
        .rows()
        .map(|(path, _, r)| (r.id.clone(), Place::Row(path)))
        .collect();
    for (pi, p) in draft.policies.iter().enumerate() {
        for (index, i) in p.indicators.iter().enumerate() {
            map.insert(i.id.clone(), Place::Indicator { policy: pi, index });
        }
    }
    map
}

fn locate(places: &HashMap<RowId, Place>, id: &RowId, sheet: SheetKind) -> Option<Place> {
    let place = *places.get(id)?;
    match (sheet, place) {
        (SheetKind::Indicators, Place::Indicator { .. }) => Some(place),
        (SheetKind::Block(kind), Place::Row(path)) if path.block == kind => Some(place),
        _ => None,
    }
}

fn status_label(s: Option<ChangeStatus>) -> String {
    s.map_or(String::new(), |s| s.label().to_string())
}

fn verdict_label(v: Option<IndicatorVerdict>) -> String {
    v.map_or(String::new(), |v| v.label().to_string())
}

/// The fields of a side as (label, cell text), 変更区分 first.
pub(super) fn row_texts(
    sheet: SheetKind,
    status: Option<ChangeStatus>,
    side: Option<&Side>,
) -> Vec<(String, String)> {
    let mut v = vec![("変更区分".to_string(), status_label(status))];
    for f in sheet.fields() {
        v.push((
            f.label().to_string(),
            side.map(|s| f.cell_text(s)).unwrap_or_default(),
        ));
    }
    v
}

fn indicator_texts(i: &Indicator) -> Vec<(String, String)> {
    let mut v = vec![("変更区分".to_string(), verdict_label(i.verdict))];
    for f in SheetKind::Indicators.fields() {
        v.push((f.label().to_string(), f.indicator_text(i)));
    }
    v
}

/// The fields that differ between two lists of (label, text), as changes.
pub(super) fn changes_between(
    before: &[(String, String)],
    after: &[(String, String)],
) -> Vec<FieldChange> {
    before
        .iter()
        .zip(after)
        .skip(1) // 変更区分 is shown on its own
        .filter(|(b, a)| b.1 != a.1)
        .map(|(b, a)| FieldChange {
            field: b.0.clone(),
            before: b.1.clone(),
            after: a.1.clone(),
        })
        .collect()
}

pub(super) fn memo_line(department: &str, opinion: &str) -> String {
    format!("{department}：{opinion}")
}

fn propose(
    draft: &Draft,
    places: &HashMap<RowId, Place>,
    wb: &AnswerWorkbook,
    ar: &AnswerRow,
) -> Result<Option<Proposal>, Problem> {
    let problem = |cell: &str, msg: String| Problem::at(&wb.file, &ar.sheet, cell, msg);
    let Some(sent) = wb.sent.get(&ar.id) else {
        return Ok(None);
    };
    let Some(place) = locate(places, &ar.id, ar.kind) else {
        return Err(problem(
            ar.cell(),
            format!(
                "行ID「{}」の行は下書きにありません（照会の後で取り除かれたようです。この行は取り込みません）。",
                ar.id
            ),
        ));
    };
    let mut answer = RowAnswer {
        department: wb.department.clone(),
        file: wb.file.clone(),
        sheet: ar.sheet.clone(),
        cell: ar.cell().to_string(),
        row: ar.id.clone(),
        location: String::new(),
        added: false,
        status_before: String::new(),
        status_after: String::new(),
        changes: Vec::new(),
        opinion: ar.opinion.clone(),
        notes: Vec::new(),
        commands: Vec::new(),
    };
    let status_problem = |choices: &str| {
        problem(
            &ar.status_cell,
            format!(
                "変更区分「{}」は選べません。{choices} のどれかにしてください（この行は取り込みません）。",
                ar.status
            ),
        )
    };
    let (content, sent_is_now, now_texts, sent_texts, memo_to) = match (place, &sent.content) {
        (Place::Indicator { policy, index }, SentContent::Indicator(sent_ind)) => {
            let now = &draft.policies[policy].indicators[index];
            answer.location = format!(
                "{} › 成果指標・現状 › {}",
                draft.policies[policy].label(),
                now.name
            );
            let mut proposed = now.clone();
            proposed.name = sent_ind.name.clone();
            proposed.change = sent_ind.change.clone();
            proposed.verdict = sent_ind.verdict;
            let mut edited = false;
            for fa in &ar.fields {
                if squeeze(&fa.field.indicator_text(sent_ind)) != squeeze(&fa.text) {
                    fa.field.set_indicator(&mut proposed, &fa.text);
                    edited = true;
                }
            }
            if !ar.status.is_empty() {
                proposed.verdict = Some(match ar.status.as_str() {
                    "問題なし" | "変更なし" => IndicatorVerdict::NoProblem,
                    "要変更" | "変更あり" => IndicatorVerdict::NeedsChange,
                    _ => return Err(status_problem("問題なし・要変更")),
                });
            }
            let status_changed = proposed.verdict != sent_ind.verdict;
            if !edited && !status_changed && ar.opinion.is_empty() {
                return Ok(None);
            }
            let core = |i: &Indicator| {
                (
                    i.kind,
                    i.as_current,
                    i.name.clone(),
                    i.verdict,
                    i.change.clone(),
                )
            };
            let sent_is_now = core(sent_ind) == core(now);
            let changes = core(&proposed) != core(now);
            answer.status_before = verdict_label(now.verdict);
            answer.status_after = verdict_label(proposed.verdict);
            answer.changes = changes_between(&indicator_texts(now), &indicator_texts(&proposed));
            if changes {
                answer.commands.push(Command::SetIndicator {
                    policy,
                    index,
                    indicator: proposed.clone(),
                });
            }
            (
                changes.then_some(Content::Indicator(proposed)),
                sent_is_now,
                indicator_texts(now),
                indicator_texts(sent_ind),
                MemoTarget::IndicatorOpinion(policy),
            )
        }
        (
            Place::Row(path),
            SentContent::Row {
                status: sent_status,
                current: sent_current,
                revised: sent_revised,
            },
        ) => {
            let now = draft.row(path).expect("located row");
            answer.location = draft.row_location(path);
            let kind = path.block;
            let base = sent_revised.clone().unwrap_or_default();
            let mut proposed = base.clone();
            let mut edited: Vec<AnswerField> = Vec::new();
            for fa in &ar.fields {
                if !fa.field.same_as(&base, &fa.text) {
                    fa.field.set(&mut proposed, &fa.text);
                    edited.push(fa.field);
                }
            }
            let mut status = *sent_status;
            if kind.carries_status() && !ar.status.is_empty() {
                status = Some(
                    ChangeStatus::from_label(&ar.status)
                        .ok_or_else(|| status_problem("変更なし・変更あり・新規・削除"))?,
                );
            }
            let status_changed = status != *sent_status;
            if edited.is_empty() && !status_changed && ar.opinion.is_empty() {
                return Ok(None);
            }
            let current = now.current.as_ref().filter(|c| !c.is_blank());
            let mut revised = if sent_revised.is_none() && edited.is_empty() {
                None
            } else {
                Some(proposed)
            };
            if !edited.is_empty() || status_changed {
                let reject = |msg: &str| {
                    problem(
                        &ar.status_cell,
                        format!("{msg}（この行は取り込みません）。"),
                    )
                };
                match status {
                    Some(ChangeStatus::Unchanged) if !edited.is_empty() => {
                        if status_changed {
                            return Err(reject(
                                "変更区分を「変更なし」にしていますが、（案）の欄も書き換えています。どちらが正しいか確かめてください",
                            ));
                        }
                        status = Some(ChangeStatus::Modified);
                        answer.notes.push(
                            "（案）が書き換えられているため、変更区分を「変更あり」として取り込みます。"
                                .into(),
                        );
                    }
                    Some(ChangeStatus::Unchanged) => {
                        let Some(c) = current else {
                            return Err(reject("現行のない行に「変更なし」が付いています"));
                        };
                        revised = Some(c.clone());
                    }
                    Some(ChangeStatus::Deleted) => {
                        if current.is_none() {
                            return Err(reject(
                                "現行のない行（新規）に「削除」が付いています。この行を取り除くかどうかは企画課で判断してください",
                            ));
                        }
                        if !edited.is_empty() {
                            answer.notes.push(format!(
                                "変更区分が「削除」のため、（案）の欄の記入（{}）は取り込みません。",
                                edited.iter().map(|f| f.label()).collect::<Vec<_>>().join("・")
                            ));
                        }
                        revised = None;
                    }
                    _ => {}
                }
                match status {
                    Some(ChangeStatus::Modified) => match current {
                        None => {
                            return Err(reject(
                                "現行のない行に「変更あり」が付いています（新しく加える行は「新規」です）",
                            ));
                        }
                        Some(c) if revised.as_ref().is_some_and(|r| r.same_text(c)) => {
                            return Err(reject(
                                "変更区分が「変更あり」ですが、（案）が現行と同じです。変えたい箇所を（案）の欄に書くか、「変更なし」にしてください",
                            ));
                        }
                        _ => {}
                    },
                    Some(ChangeStatus::New) if current.is_some() => {
                        return Err(reject(
                            "現行にある行に「新規」が付いています（書き換える行は「変更あり」です）",
                        ));
                    }
                    _ => {}
                }
            }
            let sent_is_now = now.status == *sent_status
                && now.current == *sent_current
                && now.revised == *sent_revised;
            let changes = status != now.status || revised != now.revised;
            let sheet = SheetKind::Block(kind);
            let now_texts = row_texts(sheet, now.status, now.revised.as_ref());
            answer.status_before = status_label(now.status);
            answer.status_after = status_label(status);
            answer.changes =
                changes_between(&now_texts, &row_texts(sheet, status, revised.as_ref()));
            if changes {
                answer.commands.push(Command::SetRevised {
                    row: ar.id.clone(),
                    status,
                    revised: revised.clone(),
                });
            }
            (
                changes.then_some(Content::Row { status, revised }),
                sent_is_now,
                now_texts,
                row_texts(sheet, *sent_status, sent_revised.as_ref()),
                MemoTarget::Row(ar.id.clone()),
            )
        }
        _ => {
            return Err(problem(
                ar.cell(),
                format!(
                    "行ID「{}」の送付時の内容が表の種類と合いません（この行は取り込みません）。",
                    ar.id
                ),
            ));
        }
    };
    if content.is_none() && ar.opinion.is_empty() {
        // The draft already says what the department answered (imported before).
        return Ok(None);
    }
    if !ar.opinion.is_empty() {
        answer.commands.push(Command::AddMemoLine {
            to: memo_to,
            line: memo_line(&wb.department, &ar.opinion),
        });
    }
    Ok(Some(Proposal {
        answer,
        content,
        sent_is_now,
        now: now_texts,
        sent: sent_texts,
    }))
}
