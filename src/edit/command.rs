//! Every change a user can make to a draft, as data.
//!
//! The GUI never mutates the draft: it sends a [`Command`]; [`crate::edit::Document::apply`]
//! applies it, records undo and marks the document changed. Commands address rows by their
//! stable [`RowId`] (so a command stays valid when rows move) and 施策大項目 by their index in
//! the draft as it is when the command is applied. Commands that add, remove or move 施策大項目
//! span the whole draft ([`Scope::Draft`]); undo is strictly last-in first-out, so the indices
//! in earlier steps are valid again by the time those steps are undone.

use crate::model::{
    BlockKind, ChangeStatus, Draft, Indicator, Meta, MetaField, PolicyStatus, Rename, Row, RowId,
    SdgRef, SideField, SideKind, Suppression, Survey, Voice,
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

    // --- rows from outside (貼り付けて取り込む) ----------------------------------------------
    /// Insert whole rows (with their ids, which must be new to the draft) into a block at
    /// index `at` (clamped to the end).
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
    /// Several commands as one undo step, all or nothing (a checker fix that needs more than
    /// one change). `label` names the step in 元に戻す／やり直し.
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

    // --- the whole draft -------------------------------------------------------------------
    /// Replace the whole draft, e.g. with the result of merging a reviewer's copy
    /// ([`crate::review::merge_review`]): one undo step restores everything. `label` is what
    /// 元に戻す shows.
    ReplaceDraft { draft: Box<Draft>, label: String },
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
    /// Where the row or 施策大項目 the command addresses lives, given a lookup from row id to
    /// 施策大項目 index. `None` when the row does not exist.
    pub fn scope(&self, policy_of_row: impl Fn(&RowId) -> Option<usize>) -> Option<Scope> {
        self.scope_dyn(&policy_of_row)
    }

    fn scope_dyn(&self, policy_of_row: &dyn Fn(&RowId) -> Option<usize>) -> Option<Scope> {
        use Command::*;
        Some(match self {
            SetRowText { row, .. }
            | SetRowNumber { row, .. }
            | SetMemo { row, .. }
            | SetStatus { row, .. }
            | EditRowList { row, .. }
            | DeleteRow { row }
            | MoveRow { row, .. } => Scope::Policy(policy_of_row(row)?),
            ReplaceRow { row } => Scope::Policy(policy_of_row(&row.id)?),
            Review(edit) => Scope::Policy(policy_of_row(review_row(edit))?),
            MoveRowToPolicy { row, .. } => {
                policy_of_row(row)?;
                Scope::Draft
            }
            AddPolicy { .. }
            | MovePolicy { .. }
            | RenumberPolicies
            | DeletePolicy { .. }
            | RestorePolicy { .. } => Scope::Draft,
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
            | InsertRows { policy, .. } => Scope::Policy(*policy),
            SetMeta(_) | SetMetaText { .. } | SetFieldNumber { .. } => Scope::Meta,
            AddSuppression { .. } | RemoveSuppression { .. } => Scope::Suppressions,
            Batch { commands, .. } => {
                let mut scopes = commands.iter().map(|c| c.scope_dyn(policy_of_row));
                let first = scopes.next()??;
                let mut all_same = true;
                for s in scopes {
                    all_same &= s? == first;
                }
                if all_same { first } else { Scope::Draft }
            }
            StartReview { .. } | ReplaceDraft { .. } => Scope::Draft,
        })
    }

    /// What the command is about.
    pub fn target(&self) -> Target {
        use Command::*;
        match self {
            SetRowText { row, .. }
            | SetRowNumber { row, .. }
            | SetMemo { row, .. }
            | SetStatus { row, .. }
            | EditRowList { row, .. }
            | DeleteRow { row }
            | MoveRow { row, .. }
            | MoveRowToPolicy { row, .. } => Target::Row(row.clone()),
            ReplaceRow { row } => Target::Row(row.id.clone()),
            Review(edit) => Target::Row(review_row(edit).clone()),
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
            | SetPolicyMemo { policy, .. } => Target::Policy(*policy),
            AddSuppression { about, .. } | RemoveSuppression { about, .. } => about.clone(),
            Batch { commands, .. } => commands.first().map_or(Target::Meta, Command::target),
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
            Batch { label, .. } => label.clone(),
            AddSuppression { .. } => "検査結果の無視".into(),
            RemoveSuppression { .. } => "検査結果の無視の取り消し".into(),
            StartReview { .. } => "閲覧モードの開始".into(),
            ReplaceDraft { label, .. } => label.clone(),
        }
    }

    /// True for the changes 閲覧モード allows a reviewer to make and to undo: comments and review
    /// states. Everything else changes the draft's text.
    pub fn is_review_only(&self) -> bool {
        matches!(self, Command::Review(_))
    }
}

fn review_row(edit: &ReviewEdit) -> &RowId {
    match edit {
        ReviewEdit::AddComment { row, .. }
        | ReviewEdit::EditComment { row, .. }
        | ReviewEdit::DeleteComment { row, .. }
        | ReviewEdit::SetState { row, .. } => row,
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
