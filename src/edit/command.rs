//! Every change a user can make to a draft, as data.
//!
//! The GUI never mutates the draft: it sends a [`Command`]; [`crate::edit::Document::apply`]
//! applies it, records undo and marks the document changed. Commands address rows by their
//! stable [`RowId`] (so a command stays valid when rows move) and 施策大項目 by their index in
//! the draft as it is when the command is applied. Commands that add, remove or move 施策大項目
//! span the whole draft ([`Scope::Draft`]); undo is strictly last-in first-out, so the indices
//! in earlier steps are valid again by the time those steps are undone.

use super::apply::EditError;
use crate::model::{
    BlockKind, ChangeStatus, Draft, Indicator, Meta, MetaField, PolicyStatus, Rename, Row, RowId,
    SdgRef, Side, SideField, SideKind, Span, Suppression, Survey, TextAddr, Voice,
};
use crate::review::ReviewEdit;

/// A change to a draft.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    // --- comparison rows -------------------------------------------------------------------
    /// Replace the text of one field of one side of a row. Editing the revised side of a
    /// 変更なし row makes it 変更あり; editing the current side of a 変更なし row keeps the
    /// revised side equal to it.
    SetRowText {
        row: RowId,
        side: SideKind,
        field: SideField,
        text: String,
    },
    /// Set the number (施策中項目 1, 2 …; 事業 ①, ② …) of one side of a row.
    SetRowNumber {
        row: RowId,
        side: SideKind,
        number: Option<u32>,
    },
    /// Replace the memo (変更理由・各課意見) of a row.
    SetMemo { row: RowId, text: String },
    /// Set the change status, with the status helpers (see [`crate::edit::set_status`]).
    SetStatus { row: RowId, status: ChangeStatus },
    /// Add, remove or move a ● bullet or a department of one side of a row.
    EditRowList {
        row: RowId,
        side: SideKind,
        list: RowList,
        op: ListOp,
    },
    /// Append a new row (status 新規, the next number) to a block.
    AddRow { policy: usize, block: BlockKind },
    /// Delete a row: a row that exists in the plan in force is marked 削除 and kept; a row
    /// that does not (新規) is removed.
    DeleteRow { row: RowId },
    /// Move a row to another position in its block; numbered blocks are renumbered.
    MoveRow { row: RowId, to: usize },
    /// Number the revised side of a numbered block 1, 2, 3 … in order.
    Renumber { policy: usize, block: BlockKind },

    // --- the blocks of a 施策大項目 ---------------------------------------------------------
    /// 大項目名の変更必要性: なし, or あり with the new name.
    SetRename { policy: usize, rename: Rename },
    /// 市民アンケート結果 (None removes it).
    SetSurvey {
        policy: usize,
        survey: Option<Survey>,
    },
    /// Replace one 市民の声 entry.
    SetVoice {
        policy: usize,
        index: usize,
        voice: Voice,
    },
    /// Add, remove or move a 市民の声 entry.
    EditVoices { policy: usize, op: ListOp },
    /// Replace the 関連するSDGs list.
    SetSdgs { policy: usize, sdgs: Vec<SdgRef> },
    /// Replace one 成果指標/現状 line.
    SetIndicator {
        policy: usize,
        index: usize,
        indicator: Indicator,
    },
    /// Add, remove or move a 成果指標/現状 line.
    EditIndicators { policy: usize, op: ListOp },
    /// 各課意見 on the indicators.
    SetIndicatorOpinion { policy: usize, text: String },
    /// The 施策大項目's own memo.
    SetPolicyMemo { policy: usize, text: String },
    /// The 施策大項目's name in the plan in force (a 新規 one: its name), e.g. to fix a typo.
    /// The revised plan's name is [`Command::SetRename`].
    SetPolicyName { policy: usize, name: String },

    // --- 施策大項目 as units -----------------------------------------------------------------
    /// Insert a new 施策大項目 after the one at `after` (`None`: first), every block empty.
    /// `status` is [`PolicyStatus::New`] for one added in this revision, or
    /// [`PolicyStatus::InForce`] for one of the plan in force that is being transcribed (the
    /// new-draft flow). The numbers of the revised plan follow the order (see
    /// [`crate::edit::renumber_policies_in_order`]).
    AddPolicy {
        after: Option<usize>,
        name: String,
        status: PolicyStatus,
    },
    /// Move the 施策大項目 at `policy` so that it ends up at index `to`; numbers follow the order.
    MovePolicy { policy: usize, to: usize },
    /// Number the 施策大項目 of the revised plan 1, 2, 3 … in order (削除 ones keep their number
    /// in force).
    RenumberPolicies,
    /// Delete a 施策大項目: one of the plan in force is marked 削除 and kept (its rows of the plan
    /// in force 削除, its rows added in this revision removed); a 新規 one is removed and the
    /// numbers after it close up.
    DeletePolicy { policy: usize },
    /// Undo a 削除 of a 施策大項目 later on: it is in force again and its 削除 rows 変更なし.
    RestorePolicy { policy: usize },
    /// Move a row (施策中項目, 事業, 関連計画, めざす姿 …) to the end of the same block of another
    /// 施策大項目, keeping its id, memo and review. In numbered blocks the row's 改定案 gets the
    /// next number of the destination, and the source's later 改定案 numbers close up.
    MoveRowToPolicy { row: RowId, policy: usize },

    // --- rows from outside (貼り付けて取り込む, a department's 新規 rows) ----------------------
    /// Insert whole rows (with their own ids) into a block at index `at` (clamped to the end:
    /// `usize::MAX` appends). A row that is already in that block with its id and the same
    /// status and sides (brought in twice) is skipped; an id used by any other row is refused
    /// ([`super::EditError::IdInUse`]), the draft left as it was.
    InsertRows {
        policy: usize,
        block: BlockKind,
        at: usize,
        rows: Vec<Row>,
    },
    /// Replace the row with `row.id` by `row` (same place), e.g. 現況と課題 with pasted bullets.
    ReplaceRow { row: Box<Row> },

    // --- the draft -------------------------------------------------------------------------
    /// The draft's metadata (plan name, version label, date …). The draft's identity
    /// (`draft_id`) is never changed by it: the draft keeps its own whatever `Meta` says.
    SetMeta(Meta),
    /// One text field of the draft's own data; typing in one field is one undo step.
    SetMetaText { field: MetaField, text: String },
    /// 分野番号.
    SetFieldNumber { number: u32 },

    // --- 閲覧モード ------------------------------------------------------------------------
    /// A reviewer's comment or review state (the only change review mode allows; see
    /// [`crate::review::apply_review_edit`]). Undoable like any other command.
    Review(ReviewEdit),
    /// Record the review base of a reviewer's copy (what every row says now; see
    /// [`crate::review::start_review`]) when 閲覧モード starts on a draft without one.
    StartReview { reviewer: String, now: String },

    // --- checker -------------------------------------------------------------------------
    /// Replace the characters `span` of one text field of a row or a 施策大項目 header, which
    /// must still read `expected`, with `replacement` (a checker fix, see
    /// [`crate::check::Fix::command`]). Refused with [`EditError::StaleText`] when the text
    /// changed since the check. As with typing, editing the 改定案 makes a 変更なし row
    /// 変更あり; a 変更なし row stored without a 改定案 first gets a copy of its 現行 side.
    ReplaceText {
        at: TextAddr,
        span: Span,
        expected: String,
        replacement: String,
    },
    /// Several commands as one undo step, all or nothing (a checker fix). `label` names the
    /// step in 元に戻す／やり直し. An empty batch changes nothing.
    Batch {
        label: String,
        commands: Vec<Command>,
    },
    /// Ignore a checker finding: store its suppression (with the reason) in the draft.
    /// `about` is where the finding is, to show it again after undo.
    AddSuppression {
        suppression: Suppression,
        about: Target,
    },
    /// Stop ignoring: remove the suppression with this key.
    RemoveSuppression { key: String, about: Target },

    // --- answers from outside (庁内照会) --------------------------------------------------------
    /// Set a row's 変更区分 and its whole revised side at once, as a department's answer gives
    /// them; the current side is left alone. Applying it twice changes nothing the second time.
    SetRevised {
        row: RowId,
        status: Option<ChangeStatus>,
        revised: Option<Side>,
    },
    /// Add a line (e.g. 「行政管理課：…」) to a memo, unless the memo already holds exactly that
    /// line — so an opinion brought in twice is written once.
    AddMemoLine { to: MemoTarget, line: String },

    // --- the whole draft -------------------------------------------------------------------
    /// Replace the whole draft, e.g. with the result of merging a reviewer's copy
    /// ([`crate::review::merge_review`]): one undo step restores everything. `label` is what
    /// 元に戻す shows.
    ReplaceDraft { draft: Box<Draft>, label: String },
}

/// A memo a line can be added to ([`Command::AddMemoLine`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MemoTarget {
    /// The memo (変更理由・各課意見) of a comparison row.
    Row(RowId),
    /// 各課意見 on the 成果指標/現状 of a 施策大項目.
    IndicatorOpinion(usize),
}

/// A list inside one side of a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RowList {
    /// ● bullets (内容, 現況と課題 …).
    Bullets,
    /// 評価回答部署.
    Departments,
}

impl RowList {
    pub fn label(self) -> &'static str {
        match self {
            RowList::Bullets => "●項目",
            RowList::Departments => "評価回答部署",
        }
    }
}

/// An operation on a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ListOp {
    /// Insert an empty item at `at` (clamped to the end).
    Insert { at: usize },
    /// Remove the item at `index`.
    Remove { index: usize },
    /// Move the item at `from` so that it ends up at `to`.
    Move { from: usize, to: usize },
}

/// What part of the draft a command may change: the unit the undo history snapshots.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The metadata only.
    Meta,
    /// One 施策大項目 (its blocks and rows).
    Policy(usize),
    /// Anything (for commands that span 施策大項目, e.g. a future replace-all).
    Draft,
    /// The draft's list of suppressed checker findings.
    Suppressions,
}

/// What a command is about, for moving the selection there after undo/redo.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Meta,
    Policy(usize),
    Block { policy: usize, block: BlockKind },
    Row(RowId),
}

/// Commands with equal keys, sent in quick succession, are merged into one undo step
/// (typing a word is one step, not one per character).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MergeKey {
    RowText(RowId, SideKind, SideField),
    RowNumber(RowId, SideKind),
    Memo(RowId),
    Rename(usize),
    Survey(usize),
    Voice(usize, usize),
    Indicator(usize, usize),
    IndicatorOpinion(usize),
    PolicyMemo(usize),
    PolicyName(usize),
    Meta,
    MetaText(MetaField),
    FieldNumber,
    Comment(RowId, String),
}

impl Command {
    /// The part of `draft` the command may change (what undo snapshots). Fails when a row or
    /// 施策大項目 it addresses does not exist.
    pub fn scope(&self, draft: &Draft) -> Result<Scope, EditError> {
        use Command::*;
        let row_scope = |row: &RowId| {
            draft
                .find_row(row)
                .map(|p| Scope::Policy(p.policy))
                .ok_or_else(|| EditError::NoSuchRow(row.clone()))
        };
        let policy_scope = |policy: usize| {
            if policy < draft.policies.len() {
                Ok(Scope::Policy(policy))
            } else {
                Err(EditError::NoSuchPolicy(policy))
            }
        };
        match self {
            SetRowText { row, .. }
            | SetRowNumber { row, .. }
            | SetMemo { row, .. }
            | SetStatus { row, .. }
            | EditRowList { row, .. }
            | DeleteRow { row }
            | MoveRow { row, .. }
            | SetRevised { row, .. }
            | AddMemoLine {
                to: MemoTarget::Row(row),
                ..
            } => row_scope(row),
            Review(edit) => row_scope(edit.row()),
            ReplaceText { at, .. } => match at {
                TextAddr::Row { row, .. } => row_scope(row),
                TextAddr::Policy { .. } => match self.target(draft) {
                    Target::Policy(i) => policy_scope(i),
                    _ => Err(EditError::NoSuchText(at.clone())),
                },
            },
            ReplaceRow { row } => row_scope(&row.id),
            MoveRowToPolicy { row, .. } => {
                row_scope(row)?;
                Ok(Scope::Draft)
            }
            AddPolicy { .. }
            | MovePolicy { .. }
            | RenumberPolicies
            | DeletePolicy { .. }
            | RestorePolicy { .. } => Ok(Scope::Draft),
            AddRow { policy, .. }
            | Renumber { policy, .. }
            | SetRename { policy, .. }
            | SetSurvey { policy, .. }
            | SetVoice { policy, .. }
            | EditVoices { policy, .. }
            | SetSdgs { policy, .. }
            | SetIndicator { policy, .. }
            | EditIndicators { policy, .. }
            | SetIndicatorOpinion { policy, .. }
            | SetPolicyMemo { policy, .. }
            | SetPolicyName { policy, .. }
            | InsertRows { policy, .. }
            | AddMemoLine {
                to: MemoTarget::IndicatorOpinion(policy),
                ..
            } => policy_scope(*policy),
            SetMeta(_) | SetMetaText { .. } | SetFieldNumber { .. } => Ok(Scope::Meta),
            AddSuppression { .. } | RemoveSuppression { .. } => Ok(Scope::Suppressions),
            Batch { commands, .. } => {
                let mut scope = None;
                for c in commands {
                    let s = c.scope(draft)?;
                    scope = match scope {
                        None => Some(s),
                        Some(first) if first == s => Some(first),
                        Some(_) => Some(Scope::Draft),
                    };
                }
                // An empty batch changes nothing; the metadata is the smallest snapshot.
                Ok(scope.unwrap_or(Scope::Meta))
            }
            StartReview { .. } | ReplaceDraft { .. } => Ok(Scope::Draft),
        }
    }

    /// What the command is about in `draft`.
    pub fn target(&self, draft: &Draft) -> Target {
        use Command::*;
        match self {
            ReplaceText { at, .. } => match at {
                TextAddr::Row { row, .. } => Target::Row(row.clone()),
                TextAddr::Policy { policy, .. } => draft
                    .policy_index(policy)
                    .map_or(Target::Meta, Target::Policy),
            },
            SetRowText { row, .. }
            | SetRowNumber { row, .. }
            | SetMemo { row, .. }
            | SetStatus { row, .. }
            | EditRowList { row, .. }
            | DeleteRow { row }
            | MoveRow { row, .. }
            | SetRevised { row, .. }
            | AddMemoLine {
                to: MemoTarget::Row(row),
                ..
            }
            | MoveRowToPolicy { row, .. } => Target::Row(row.clone()),
            ReplaceRow { row } => Target::Row(row.id.clone()),
            Review(edit) => Target::Row(edit.row().clone()),
            InsertRows { policy, block, .. } => Target::Block {
                policy: *policy,
                block: *block,
            },
            AddPolicy { after, .. } => Target::Policy(after.map_or(0, |a| a + 1)),
            MovePolicy { to: policy, .. }
            | DeletePolicy { policy }
            | RestorePolicy { policy }
            | SetPolicyName { policy, .. } => Target::Policy(*policy),
            RenumberPolicies => Target::Meta,
            AddRow { policy, block } | Renumber { policy, block } => Target::Block {
                policy: *policy,
                block: *block,
            },
            SetRename { policy, .. }
            | SetSurvey { policy, .. }
            | SetVoice { policy, .. }
            | EditVoices { policy, .. }
            | SetSdgs { policy, .. }
            | SetIndicator { policy, .. }
            | EditIndicators { policy, .. }
            | SetIndicatorOpinion { policy, .. }
            | SetPolicyMemo { policy, .. }
            | AddMemoLine {
                to: MemoTarget::IndicatorOpinion(policy),
                ..
            } => Target::Policy(*policy),
            AddSuppression { about, .. } | RemoveSuppression { about, .. } => about.clone(),
            Batch { commands, .. } => commands.first().map_or(Target::Meta, |c| c.target(draft)),
            SetMeta(_)
            | SetMetaText { .. }
            | SetFieldNumber { .. }
            | StartReview { .. }
            | ReplaceDraft { .. } => Target::Meta,
        }
    }

    /// The merge key of continuous edits (typing, dragging a number); `None` for discrete
    /// changes, which are always their own undo step.
    pub fn merge_key(&self) -> Option<MergeKey> {
        use Command::*;
        Some(match self {
            SetRowText {
                row, side, field, ..
            } => MergeKey::RowText(row.clone(), *side, *field),
            SetRowNumber { row, side, .. } => MergeKey::RowNumber(row.clone(), *side),
            SetMemo { row, .. } => MergeKey::Memo(row.clone()),
            SetRename {
                policy,
                rename: Rename::Renamed(_),
            } => MergeKey::Rename(*policy),
            SetSurvey {
                policy,
                survey: Some(_),
            } => MergeKey::Survey(*policy),
            SetVoice { policy, index, .. } => MergeKey::Voice(*policy, *index),
            SetIndicator { policy, index, .. } => MergeKey::Indicator(*policy, *index),
            SetIndicatorOpinion { policy, .. } => MergeKey::IndicatorOpinion(*policy),
            SetPolicyMemo { policy, .. } => MergeKey::PolicyMemo(*policy),
            SetPolicyName { policy, .. } => MergeKey::PolicyName(*policy),
            SetMeta(_) => MergeKey::Meta,
            SetMetaText { field, .. } => MergeKey::MetaText(*field),
            SetFieldNumber { .. } => MergeKey::FieldNumber,
            Review(ReviewEdit::EditComment { row, id, .. }) => {
                MergeKey::Comment(row.clone(), id.clone())
            }
            _ => return None,
        })
    }

    /// A short Japanese description, for 元に戻す／やり直し menu entries.
    pub fn describe(&self) -> String {
        use Command::*;
        match self {
            SetRowText { side, field, .. } => {
                format!("{}の{}の入力", side.label(), field.label())
            }
            SetRowNumber { side, .. } => format!("{}の番号の変更", side.label()),
            SetMemo { .. } => "メモの入力".into(),
            SetStatus { status, .. } => format!("変更区分を「{}」に変更", status.label()),
            EditRowList { list, op, .. } => format!("{}の{}", list.label(), op.label()),
            AddRow { block, .. } => format!("{}の行の追加", block.label()),
            DeleteRow { .. } => "行の削除".into(),
            MoveRow { .. } => "行の並べ替え".into(),
            Renumber { block, .. } => format!("{}の番号の振り直し", block.label()),
            SetRename { .. } => "大項目名の変更".into(),
            SetSurvey { .. } => "市民アンケート結果の変更".into(),
            SetVoice { .. } => "市民の声の入力".into(),
            EditVoices { op, .. } => format!("市民の声の{}", op.label()),
            SetSdgs { .. } => "関連するSDGsの変更".into(),
            SetIndicator { .. } => "成果指標の変更".into(),
            EditIndicators { op, .. } => format!("成果指標の{}", op.label()),
            SetIndicatorOpinion { .. } => "各課意見の入力".into(),
            SetPolicyMemo { .. } => "施策大項目のメモの入力".into(),
            SetPolicyName { .. } => "施策大項目名の入力".into(),
            AddPolicy { .. } => "施策大項目の追加".into(),
            MovePolicy { .. } => "施策大項目の並べ替え".into(),
            RenumberPolicies => "施策大項目の番号の振り直し".into(),
            DeletePolicy { .. } => "施策大項目の削除".into(),
            RestorePolicy { .. } => "施策大項目の削除の取り消し".into(),
            MoveRowToPolicy { .. } => "行の別の施策大項目への移動".into(),
            InsertRows { block, rows, .. } => {
                format!("{}への{}行の追加", block.label(), rows.len())
            }
            ReplaceRow { .. } => "行の内容の置き換え".into(),
            SetMeta(_) => "下書きの情報の変更".into(),
            SetMetaText { field, .. } => format!("{}の入力", field.label()),
            SetFieldNumber { .. } => "分野番号の変更".into(),
            Review(ReviewEdit::AddComment { .. }) => "コメントの追加".into(),
            Review(ReviewEdit::EditComment { .. }) => "コメントの編集".into(),
            Review(ReviewEdit::DeleteComment { .. }) => "コメントの削除".into(),
            Review(ReviewEdit::SetState { state, .. }) => {
                format!("確認状態を「{}」に変更", state.label())
            }
            ReplaceText { at, .. } => match at {
                TextAddr::Row { side, field, .. } => {
                    format!("{}の{}の修正", side.label(), field.label())
                }
                TextAddr::Policy { field, .. } => format!("{}の修正", field.label()),
            },
            Batch { label, .. } => label.clone(),
            AddSuppression { .. } => "検査結果の無視".into(),
            RemoveSuppression { .. } => "検査結果の無視の取り消し".into(),
            StartReview { .. } => "閲覧モードの開始".into(),
            ReplaceDraft { label, .. } => label.clone(),
            SetRevised { .. } => "改定案の取り込み".into(),
            AddMemoLine { .. } => "意見の取り込み".into(),
        }
    }

    /// True for the changes 閲覧モード allows a reviewer to make and to undo: comments and review
    /// states. Everything else changes the draft's text.
    pub fn is_review_only(&self) -> bool {
        matches!(self, Command::Review(_))
    }
}

impl ListOp {
    pub fn label(self) -> &'static str {
        match self {
            ListOp::Insert { .. } => "追加",
            ListOp::Remove { .. } => "削除",
            ListOp::Move { .. } => "並べ替え",
        }
    }

    /// Applies the operation to a list, making new items with `make`. Returns false (and
    /// changes nothing) when an index is out of range.
    pub fn apply_to<T>(self, list: &mut Vec<T>, make: impl FnOnce() -> T) -> bool {
        match self {
            ListOp::Insert { at } => {
                let at = at.min(list.len());
                list.insert(at, make());
                true
            }
            ListOp::Remove { index } => {
                if index < list.len() {
                    list.remove(index);
                    true
                } else {
                    false
                }
            }
            ListOp::Move { from, to } => {
                if from < list.len() && to < list.len() {
                    let item = list.remove(from);
                    list.insert(to, item);
                    true
                } else {
                    false
                }
            }
        }
    }
}
