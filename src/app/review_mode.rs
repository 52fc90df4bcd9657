//! 閲覧モード (review mode) and the other parts of offline review in the editor: the reviewer's
//! name, comments, 「次の要修正」/「次の未コメント」, the comparison with a previous version and
//! bringing a reviewer's copy back.
//!
//! In 閲覧モード the draft's text is read-only: the panels draw it without editing widgets, and
//! [`ShinkyuApp`] refuses every [`Command`] but [`Command::Review`] (and the one
//! [`Command::StartReview`] that records the review base) — two locks, so that a widget that
//! forgot to check the mode still cannot change the text. Undo in 閲覧モード undoes comments and
//! review states only.
//!
//! The core does the work ([`crate::review`]); this module keeps the UI state, runs the file
//! work through [`super::jobs::Jobs`] and turns the user's choices into commands.

use std::path::PathBuf;

use egui::{Id, Modal, RichText};
use serde::{Deserialize, Serialize};

use super::ShinkyuApp;
use super::dialogs::Dialog;
use super::jobs::JobResult;
use super::panels::merge::MergeDialog;
use super::panels::versions::Comparison;
use super::state::Selection;
use super::ui_command::{Action, UiCommand};
use crate::edit::Command;
use crate::io::LoadError;
use crate::model::{Comment, Draft, ReviewState, Row, RowId};
use crate::review::{MergeResult, ReviewEdit, fresh_comment_id, merge_review};

const KEY_REVIEWER: &str = "reviewer_name";

/// What the editor remembers about the reviewer (in eframe's storage, next to [`super::Prefs`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReviewPrefs {
    /// The name comments are signed with; asked once.
    pub reviewer: String,
}

impl ReviewPrefs {
    pub fn load(storage: Option<&dyn eframe::Storage>) -> ReviewPrefs {
        ReviewPrefs {
            reviewer: storage
                .and_then(|s| eframe::get_value::<String>(s, KEY_REVIEWER))
                .map(|n| n.trim().to_string())
                .unwrap_or_default(),
        }
    }

    pub fn store(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, KEY_REVIEWER, &self.reviewer);
    }
}

/// Something the review panels ask for (queued as [`Action::Review`]).
#[derive(Clone, Debug, PartialEq)]
pub enum ReviewAction {
    /// Post a new comment (or a reply) signed with the reviewer's name and the time.
    Post {
        row: RowId,
        reply_to: Option<String>,
        text: String,
    },
    /// The name dialog was confirmed.
    SetName(String),
    /// The name dialog was cancelled.
    CancelName,
    /// Go to a row (from the comparison list), revealing it in the tree.
    JumpTo(RowId),
    CloseComparison,
    /// Apply the merge dialog's result as one undoable change.
    ApplyMerge,
    CancelMerge,
}

/// What to do once the reviewer has given a name.
#[derive(Clone, Debug, PartialEq)]
pub enum AfterName {
    Nothing,
    EnterReview,
    Then(Box<ReviewAction>),
}

/// The small dialog that asks for the reviewer's name.
#[derive(Clone, Debug, PartialEq)]
pub struct NameDialog {
    pub text: String,
    pub then: AfterName,
    /// The name field has been given the keyboard focus.
    pub focused: bool,
}

/// Text being written in the comment boxes, kept per row while the user moves around (a
/// comment is not part of the draft until it is posted).
#[derive(Clone, Debug, Default)]
pub struct CommentDrafts {
    /// A new top-level comment per row.
    pub new: std::collections::HashMap<RowId, String>,
    /// The reply being written: (row, the comment answered, text).
    pub reply: Option<(RowId, String, String)>,
    /// The comment being edited: (row, comment id, text).
    pub editing: Option<(RowId, String, String)>,
    /// A comment box that should take the keyboard focus when it appears.
    pub focus: Option<Id>,
}

/// Which comment box of a row holds the words.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CommentBox {
    /// A new top-level comment (its box is shown in 閲覧モード only).
    New,
    /// A reply to the comment with this id.
    Reply(String),
    /// The comment with this id, being edited.
    Edit(String),
}

/// Words in a comment box that are not in the draft yet. Kept with the recovery copy, so a
/// crash does not lose them either.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Unposted {
    pub row: RowId,
    #[serde(rename = "box")]
    pub comment_box: CommentBox,
    pub text: String,
}

impl Unposted {
    /// The text field to focus to show the words.
    pub fn field(&self) -> Id {
        use super::panels::comments::{edit_id, new_comment_id, reply_id};
        match &self.comment_box {
            CommentBox::New => new_comment_id(&self.row),
            CommentBox::Reply(parent) => reply_id(&self.row, parent),
            CommentBox::Edit(comment) => edit_id(&self.row, comment),
        }
    }
}

impl CommentDrafts {
    /// The comment boxes that hold words not yet in the draft, in document order: new comments
    /// and replies with text, and comments being edited whose text differs from the recorded
    /// one. Closing the window or opening another file asks before they go.
    pub fn unposted(&self, draft: &Draft) -> Vec<Unposted> {
        let mut found = Vec::new();
        for (row, text) in &self.new {
            if !text.trim().is_empty() {
                found.push(Unposted {
                    row: row.clone(),
                    comment_box: CommentBox::New,
                    text: text.clone(),
                });
            }
        }
        if let Some((row, parent, text)) = &self.reply
            && !text.trim().is_empty()
        {
            found.push(Unposted {
                row: row.clone(),
                comment_box: CommentBox::Reply(parent.clone()),
                text: text.clone(),
            });
        }
        if let Some((row, id, text)) = &self.editing {
            let recorded = draft
                .find_row(row)
                .and_then(|p| draft.row(p))
                .and_then(|r| r.review.comments.iter().find(|c| &c.id == id))
                .map(|c| c.text.as_str());
            if recorded.is_some_and(|old| old.trim_end() != text.trim_end()) {
                found.push(Unposted {
                    row: row.clone(),
                    comment_box: CommentBox::Edit(id.clone()),
                    text: text.clone(),
                });
            }
        }
        // Rows that are no longer in the draft (undo of an added row) have nothing to show.
        found.retain(|u| draft.find_row(&u.row).is_some());
        found.sort_by_key(|u| draft.find_row(&u.row));
        found
    }

    /// Puts words back into their boxes (restoring a recovery copy).
    pub fn restore(&mut self, unposted: Vec<Unposted>) {
        for u in unposted {
            match u.comment_box {
                CommentBox::New => {
                    self.new.insert(u.row, u.text);
                }
                CommentBox::Reply(parent) => self.reply = Some((u.row, parent, u.text)),
                CommentBox::Edit(comment) => self.editing = Some((u.row, comment, u.text)),
            }
        }
    }
}

/// Background work of the review features.
#[derive(Debug)]
pub enum ReviewJob {
    /// A previous version was read and compared with the open draft.
    Compared {
        path: PathBuf,
        revision: u64,
        result: Box<Result<(Draft, crate::review::VersionDiff), LoadError>>,
    },
    /// A reviewer's copy was read and merged into the open draft.
    Merged {
        path: PathBuf,
        revision: u64,
        result: Box<Result<(Draft, MergeResult), LoadError>>,
    },
}

/// The review features' state in the app.
#[derive(Default)]
pub struct ReviewUi {
    pub prefs: ReviewPrefs,
    /// Enter 閲覧モード as soon as a document is open (`--review`, a reviewer's copy).
    pub pending_enter: bool,
    pub name_dialog: Option<NameDialog>,
    pub comments: CommentDrafts,
    pub comparison: Option<Comparison>,
    pub merge: Option<MergeDialog>,
    /// A file being read for a comparison or a merge.
    pub loading: Option<PathBuf>,
}

impl ReviewUi {
    pub fn new(prefs: ReviewPrefs) -> ReviewUi {
        ReviewUi {
            prefs,
            ..ReviewUi::default()
        }
    }

    pub fn reviewer(&self) -> &str {
        &self.prefs.reviewer
    }

    /// A review dialog is open (shortcuts wait).
    pub fn modal_open(&self) -> bool {
        self.name_dialog.is_some() || self.merge.is_some()
    }

    /// Another document was opened: what belonged to the previous one goes.
    pub fn forget_document(&mut self) {
        self.comments = CommentDrafts::default();
        self.comparison = None;
        self.merge = None;
    }
}

/// Comment dates: JST, `YYYY-MM-DDTHH:MM` (see [`crate::model::jst`]).
pub use crate::model::jst::{jst_from_unix, now_jst};

/// A recorded date as people read it: `2026-11-24T09:30` → `2026/11/24 09:30`. Anything else
/// is shown as written.
pub fn display_date(date: &str) -> String {
    let b = date.as_bytes();
    if b.len() >= 16 && b[4] == b'-' && b[7] == b'-' && b[10] == b'T' && b[13] == b':' {
        format!(
            "{}/{}/{} {}",
            &date[0..4],
            &date[5..7],
            &date[8..10],
            &date[11..16]
        )
    } else {
        date.to_string()
    }
}

/// What 「次の…」 looks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextKind {
    /// A row marked 要修正.
    NeedsFix,
    /// A row without comments.
    Uncommented,
}

impl NextKind {
    fn matches(self, row: &Row) -> bool {
        match self {
            NextKind::NeedsFix => row.review.state == ReviewState::NeedsFix,
            NextKind::Uncommented => row.review.comments.is_empty(),
        }
    }

    fn what(self) -> &'static str {
        match self {
            NextKind::NeedsFix => "要修正の行",
            NextKind::Uncommented => "コメントのない行",
        }
    }
}

/// The next row of `kind` after the selection, in document order, wrapping around; the search
/// starts at the selected row (after it), or at the start of the selected block or 施策大項目.
/// Returns the row and how many rows of that kind there are.
pub fn next_row(draft: &Draft, selection: &Selection, kind: NextKind) -> Option<(RowId, usize)> {
    let rows: Vec<(crate::model::RowPath, &Row)> = draft.rows().map(|(p, _, r)| (p, r)).collect();
    let total = rows.iter().filter(|(_, r)| kind.matches(r)).count();
    if total == 0 {
        return None;
    }
    let start = match selection {
        Selection::Row(id) => rows
            .iter()
            .position(|(_, r)| &r.id == id)
            .map_or(0, |i| i + 1),
        Selection::Block { policy, block } => rows
            .iter()
            .position(|(p, _)| (p.policy, p.block) >= (*policy, *block))
            .unwrap_or(0),
        Selection::Policy(policy) | Selection::Page { policy, .. } => rows
            .iter()
            .position(|(p, _)| p.policy >= *policy)
            .unwrap_or(0),
        Selection::Field | Selection::Report => 0,
    };
    (0..rows.len())
        .map(|k| &rows[(start + k) % rows.len()])
        .find(|(_, r)| kind.matches(r))
        .map(|(_, r)| (r.id.clone(), total))
}

fn flag_id() -> Id {
    Id::unique("shinkyu-review-mode-on")
}

/// Whether 閲覧モード is on, for widgets that only see the `egui::Context` (set every frame by
/// the app).
pub fn is_on(ctx: &egui::Context) -> bool {
    ctx.data(|d| d.get_temp::<bool>(flag_id())).unwrap_or(false)
}

fn set_on(ctx: &egui::Context, on: bool) {
    ctx.data_mut(|d| d.insert_temp(flag_id(), on));
}

/// The commands 閲覧モード lets through: review edits and the start of the review.
pub fn allowed_in_review_mode(cmd: &Command) -> bool {
    cmd.is_review_only() || matches!(cmd, Command::StartReview { .. })
}

impl ShinkyuApp {
    /// Starts the editor in 閲覧モード once the document is open (`--review`).
    pub fn request_review_mode(&mut self) {
        self.review.pending_enter = true;
    }

    /// True in 閲覧モード.
    pub fn review_mode(&self) -> bool {
        self.view.review_mode
    }

    /// The reviewer's name as remembered.
    pub fn reviewer_name(&self) -> &str {
        self.review.reviewer()
    }

    /// The comparison with a previous version, when one is shown.
    pub fn comparison(&self) -> Option<&Comparison> {
        self.review.comparison.as_ref()
    }

    /// The merge dialog, when it is open.
    pub fn merge_dialog(&self) -> Option<&MergeDialog> {
        self.review.merge.as_ref()
    }

    /// The name dialog, when it is open.
    pub fn name_dialog(&self) -> Option<&NameDialog> {
        self.review.name_dialog.as_ref()
    }

    /// The tree on the left as it was last built (its lines and their counts).
    pub fn tree(&self) -> &super::tree::Tree {
        &self.tree
    }

    pub(super) fn run_review_command(
        &mut self,
        ctx: &egui::Context,
        frame: &eframe::Frame,
        cmd: UiCommand,
    ) {
        match cmd {
            UiCommand::ToggleReviewMode => {
                if self.view.review_mode {
                    self.leave_review_mode(ctx);
                } else {
                    self.enter_review_mode(ctx);
                }
            }
            UiCommand::NextNeedsFix => self.go_next(ctx, NextKind::NeedsFix),
            UiCommand::NextUncommented => self.go_next(ctx, NextKind::Uncommented),
            UiCommand::ReviewerName => {
                self.review.name_dialog = Some(NameDialog {
                    text: self.review.prefs.reviewer.clone(),
                    then: AfterName::Nothing,
                    focused: false,
                });
            }
            UiCommand::CompareVersions => {
                let Some(doc) = &self.doc else { return };
                let start = self.start_dir();
                let Some(path) =
                    self.dialogs
                        .pick_open_titled(frame, start.as_deref(), "比較する前の版を開く")
                else {
                    return;
                };
                let current = doc.draft().clone();
                let revision = doc.revision();
                self.review.loading = Some(path.clone());
                self.jobs.spawn("compare", move || {
                    let result = crate::io::load_draft(&path).map(|loaded| {
                        let diff = crate::review::compare_versions(&loaded.draft, &current);
                        (loaded.draft, diff)
                    });
                    JobResult::Review(ReviewJob::Compared {
                        path,
                        revision,
                        result: Box::new(result),
                    })
                });
            }
            UiCommand::ImportReview => {
                if self.view.review_mode {
                    self.message(
                        ctx,
                        "閲覧モードでは取り込めません。閲覧モードを終了してから取り込んでください。",
                        true,
                    );
                    return;
                }
                let Some(doc) = &self.doc else { return };
                let start = self.start_dir();
                let Some(path) = self.dialogs.pick_open_titled(
                    frame,
                    start.as_deref(),
                    "取り込む確認者の写しを開く",
                ) else {
                    return;
                };
                if let Some(own) = &self.file.path
                    && crate::io::same_file(own, &path)
                {
                    self.dialog = Some(Dialog::Message {
                        title: "取り込めません".into(),
                        text: "開いている下書きと同じファイルです。課長から戻ってきた写し（別のファイル）を選んでください。".into(),
                        detail: None,
                    });
                    return;
                }
                let master = doc.draft().clone();
                let revision = doc.revision();
                self.review.loading = Some(path.clone());
                self.jobs.spawn("merge", move || {
                    let result = crate::io::load_draft(&path).map(|loaded| {
                        let outcome = merge_review(&master, &loaded.draft);
                        (loaded.draft, outcome)
                    });
                    JobResult::Review(ReviewJob::Merged {
                        path,
                        revision,
                        result: Box::new(result),
                    })
                });
            }
            _ => {}
        }
    }

    pub(super) fn handle_review_job(&mut self, ctx: &egui::Context, job: ReviewJob) {
        self.review.loading = None;
        let Some(doc) = &self.doc else { return };
        match job {
            ReviewJob::Compared {
                path,
                revision,
                result,
            } => match *result {
                Ok((old, diff)) => {
                    let mut c = Comparison::new(path, old, diff, revision);
                    // The draft changed while the file was read: compare again.
                    c.refresh(doc.draft(), doc.revision());
                    let n = c.diff.changes.len();
                    let name = super::state::file_name(&c.path);
                    self.review.comparison = Some(c);
                    self.message(
                        ctx,
                        format!("「{name}」と比較しました（修正のあった行 {n} 行）。"),
                        false,
                    );
                }
                Err(error) => self.dialog = Some(super::load_error_dialog(&path, &error)),
            },
            ReviewJob::Merged {
                path,
                revision,
                result,
            } => match *result {
                Ok((reviewed, outcome)) => {
                    let outcome = if revision == doc.revision() {
                        outcome
                    } else {
                        merge_review(doc.draft(), &reviewed)
                    };
                    match outcome {
                        Ok(outcome) => {
                            self.review.merge =
                                Some(MergeDialog::new(path, &reviewed, outcome, doc.revision()))
                        }
                        // A copy of another draft: nothing is applied, the message names both.
                        Err(refusal) => {
                            self.dialog = Some(Dialog::Message {
                                title: "取り込めません".into(),
                                text: format!("{}\n\n{refusal}", path.display()),
                                detail: None,
                            })
                        }
                    }
                }
                Err(error) => self.dialog = Some(super::load_error_dialog(&path, &error)),
            },
        }
    }

    /// Enters 閲覧モード: asks the reviewer's name first if it is not known; records the
    /// review base on a draft that has none (one undoable change).
    pub(super) fn enter_review_mode(&mut self, ctx: &egui::Context) {
        self.review.pending_enter = false;
        if self.doc.is_none() || self.view.review_mode {
            return;
        }
        if self.review.prefs.reviewer.is_empty() {
            self.review.name_dialog = Some(NameDialog {
                text: String::new(),
                then: AfterName::EnterReview,
                focused: false,
            });
            return;
        }
        // Whatever a text field held is not the document's any more.
        ctx.memory_mut(|m| {
            if let Some(id) = m.focused() {
                m.surrender_focus(id);
            }
        });
        self.view.review_mode = true;
        self.view.unlocked.clear();
        self.view.touch_tree();
        // Start on the review's summary unless a row or a block is open.
        if matches!(self.view.selection, Selection::Policy(_)) {
            self.view.selection = Selection::Field;
        }
        let reviewer = self.review.prefs.reviewer.clone();
        let Some(doc) = &mut self.doc else { return };
        doc.seal();
        if doc.draft().review_base.is_none() {
            let now = ctx.input(|i| i.time);
            let _ = doc.apply(
                Command::StartReview {
                    reviewer,
                    now: now_jst(),
                },
                now,
            );
            doc.seal();
            self.message(
                ctx,
                "閲覧モードを開始しました。本文は変更できません。保存すると、このファイルは確認用の写し（企画課が取り込むファイル）になります。",
                false,
            );
        } else {
            self.message(
                ctx,
                "閲覧モードです。本文は変更できません。コメントと確認状態を記録できます。",
                false,
            );
        }
    }

    fn leave_review_mode(&mut self, ctx: &egui::Context) {
        self.view.review_mode = false;
        self.view.touch_tree();
        let copy = self
            .doc
            .as_ref()
            .is_some_and(|d| d.draft().review_base.is_some());
        self.message(
            ctx,
            if copy {
                "閲覧モードを終了しました。この写しの本文を変えると、取り込むときに企画課の確認が必要になります。"
            } else {
                "閲覧モードを終了しました。本文を編集できます。"
            },
            false,
        );
    }

    fn go_next(&mut self, ctx: &egui::Context, kind: NextKind) {
        let Some(doc) = &self.doc else { return };
        let draft = doc.draft();
        match next_row(draft, &self.view.selection, kind) {
            Some((id, total)) => {
                let location = draft
                    .find_row(&id)
                    .map(|p| draft.row_location(p))
                    .unwrap_or_default();
                self.select(Selection::Row(id), true);
                self.message(
                    ctx,
                    format!("{}（全 {total} 行）：{location}", kind.what()),
                    false,
                );
            }
            None => self.message(ctx, format!("{}はありません。", kind.what()), false),
        }
    }

    pub(super) fn handle_review_action(&mut self, ctx: &egui::Context, action: ReviewAction) {
        match action {
            ReviewAction::Post {
                row,
                reply_to,
                text,
            } => {
                if text.trim().is_empty() {
                    return;
                }
                if self.review.prefs.reviewer.is_empty() {
                    self.review.name_dialog = Some(NameDialog {
                        text: String::new(),
                        then: AfterName::Then(Box::new(ReviewAction::Post {
                            row,
                            reply_to,
                            text,
                        })),
                        focused: false,
                    });
                    return;
                }
                let Some(doc) = &mut self.doc else { return };
                let comment = Comment {
                    id: fresh_comment_id(doc.draft()),
                    author: self.review.prefs.reviewer.clone(),
                    date: now_jst(),
                    text: text.trim_end().to_string(),
                    reply_to: reply_to.clone(),
                };
                doc.seal();
                let now = ctx.input(|i| i.time);
                match doc.apply(
                    Command::Review(ReviewEdit::AddComment {
                        row: row.clone(),
                        comment,
                    }),
                    now,
                ) {
                    Ok(_) => {
                        doc.seal();
                        // The text is in the draft now: clear the box it came from.
                        let c = &mut self.review.comments;
                        match reply_to {
                            Some(_) => c.reply = None,
                            None => {
                                c.new.remove(&row);
                            }
                        }
                        self.message(ctx, "コメントを記録しました。", false);
                    }
                    Err(e) => self.message(ctx, e.to_string(), true),
                }
            }
            ReviewAction::SetName(name) => {
                let name = name.trim().to_string();
                if name.is_empty() {
                    return;
                }
                let Some(dialog) = self.review.name_dialog.take() else {
                    return;
                };
                self.review.prefs.reviewer = name;
                match dialog.then {
                    AfterName::Nothing => self.message(ctx, "確認者の名前を記録しました。", false),
                    AfterName::EnterReview => self.enter_review_mode(ctx),
                    AfterName::Then(next) => self.handle_review_action(ctx, *next),
                }
            }
            ReviewAction::CancelName => {
                self.review.name_dialog = None;
            }
            ReviewAction::JumpTo(id) => {
                let exists = self
                    .doc
                    .as_ref()
                    .is_some_and(|d| d.draft().find_row(&id).is_some());
                if exists {
                    self.select(Selection::Row(id), true);
                } else {
                    self.message(ctx, "この行は今の下書きにありません。", true);
                }
            }
            ReviewAction::CloseComparison => self.review.comparison = None,
            ReviewAction::CancelMerge => {
                self.review.merge = None;
                self.message(
                    ctx,
                    "取り込みを中止しました（下書きは変わっていません）。",
                    false,
                );
            }
            ReviewAction::ApplyMerge => {
                let Some(dialog) = self.review.merge.take() else {
                    return;
                };
                if dialog.outcome.unresolved() > 0 {
                    // The button is disabled until every conflict has a choice.
                    self.review.merge = Some(dialog);
                    return;
                }
                let Some(doc) = &mut self.doc else { return };
                let summary = dialog.summary();
                let label = match &dialog.reviewer {
                    Some(r) if !r.is_empty() => format!("確認者の写しの取り込み（{r}）"),
                    _ => "確認者の写しの取り込み".to_string(),
                };
                doc.seal();
                let now = ctx.input(|i| i.time);
                match doc.apply(
                    Command::ReplaceDraft {
                        draft: Box::new(dialog.outcome.merged),
                        label,
                    },
                    now,
                ) {
                    Ok(applied) => {
                        doc.seal();
                        self.epoch += 1;
                        let text = if applied.outcome.changed {
                            format!(
                                "「{}」から取り込みました（{summary}）。元に戻す（Ctrl+Z）で取り込み全体を取り消せます。",
                                super::state::file_name(&dialog.path)
                            )
                        } else {
                            "取り込む内容はありませんでした（下書きは変わっていません）。".into()
                        };
                        self.message(ctx, text, false);
                    }
                    Err(e) => self.message(ctx, e.to_string(), true),
                }
            }
        }
    }

    /// Per frame: enter 閲覧モード when asked and possible; keep the comparison current.
    pub(super) fn review_frame(&mut self, ctx: &egui::Context) {
        set_on(ctx, self.view.review_mode);
        if self.review.pending_enter
            && self.doc.is_some()
            && self.loading.is_none()
            && self.dialog.is_none()
            && !self.review.modal_open()
        {
            self.enter_review_mode(ctx);
        }
        if let (Some(c), Some(doc)) = (&mut self.review.comparison, &self.doc)
            && c.revision != doc.revision()
        {
            // Compare again after an edit, at most twice a second while the user types.
            let now = ctx.input(|i| i.time);
            if now - c.computed_at >= 0.5 {
                c.refresh(doc.draft(), doc.revision());
                c.computed_at = now;
            } else {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                    0.5 - (now - c.computed_at) + 0.02,
                ));
            }
        }
    }

    /// The review dialogs (name, merge), drawn after the panels.
    pub(super) fn review_dialogs(&mut self, ctx: &egui::Context) {
        if let Some(d) = &mut self.review.name_dialog
            && let Some(a) = name_dialog_ui(ctx, d)
        {
            self.actions.push(Action::Review(a));
        }
        if let Some(d) = &mut self.review.merge
            && let Some(a) = super::panels::merge::merge_dialog_ui(ctx, d)
        {
            self.actions.push(Action::Review(a));
        }
    }
}

/// Shows the name dialog; returns the user's answer.
fn name_dialog_ui(ctx: &egui::Context, d: &mut NameDialog) -> Option<ReviewAction> {
    let mut out = None;
    let modal = Modal::new(Id::unique("shinkyu-reviewer-name")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.label(RichText::new("お名前を入力してください").heading());
        ui.label(
            "コメントと確認状態に記録する名前です（例：総務課長 田中）。一度入力すると、このパソコンでは次回から入力不要です。",
        );
        ui.add_space(6.0);
        let label = ui.label("名前");
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut d.text)
                    .id(Id::unique("shinkyu-reviewer-name-field"))
                    .desired_width(f32::INFINITY)
                    .hint_text("所属と名前"),
            )
            .labelled_by(label.id)
            .accessible_name("確認者の名前");
        if !d.focused {
            r.request_focus();
            d.focused = true;
        }
        let ok = !d.text.trim().is_empty();
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.add_enabled(ok, egui::Button::new("OK")).clicked() || (ok && enter) {
                out = Some(ReviewAction::SetName(d.text.clone()));
            }
            if ui.button("キャンセル").clicked() {
                out = Some(ReviewAction::CancelName);
            }
        });
    });
    if out.is_none() && modal.should_close() {
        out = Some(ReviewAction::CancelName);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::synthetic::sample_draft;

    #[test]
    fn jst_dates() {
        assert_eq!(jst_from_unix(0), "1970-01-01T09:00");
        // 2026-11-24 00:30 UTC is 09:30 in Japan.
        assert_eq!(jst_from_unix(1_795_480_200), "2026-11-24T09:30");
        // 2024-02-29 15:00 UTC is already 1 March in Japan.
        assert_eq!(jst_from_unix(1_709_218_800), "2024-03-01T00:00");
        assert_eq!(display_date("2026-11-24T09:30"), "2026/11/24 09:30");
        assert_eq!(display_date("昨日"), "昨日");
    }

    #[test]
    fn unposted_comments_are_the_boxes_with_new_words_in_document_order() {
        let mut d = sample_draft();
        let ids: Vec<RowId> = d.rows().map(|(_, _, r)| r.id.clone()).collect();
        let (first, later) = (ids[0].clone(), ids[ids.len() - 1].clone());
        let path = d.find_row(&first).unwrap();
        d.row_mut(path).unwrap().review.comments.push(Comment {
            id: "c1".into(),
            author: "総務課長".into(),
            date: "2026-11-24T09:30".into(),
            text: "出典は？".into(),
            reply_to: None,
        });

        let mut drafts = CommentDrafts::default();
        assert!(drafts.unposted(&d).is_empty());
        // Blank boxes and an edit that changes nothing (but trailing space) hold no words.
        drafts.new.insert(later.clone(), "  \n".into());
        drafts.reply = Some((first.clone(), "c1".into(), String::new()));
        drafts.editing = Some((first.clone(), "c1".into(), "出典は？\n".into()));
        assert!(drafts.unposted(&d).is_empty());

        drafts
            .new
            .insert(later.clone(), "表記を直してください".into());
        drafts.editing = Some((first.clone(), "c1".into(), "出典はどこですか".into()));
        let found = drafts.unposted(&d);
        let rows: Vec<&RowId> = found.iter().map(|u| &u.row).collect();
        assert_eq!(rows, [&first, &later], "document order");
        assert_eq!(found[0].comment_box, CommentBox::Edit("c1".into()));
        assert_eq!(found[0].text, "出典はどこですか");
        assert_eq!(found[1].comment_box, CommentBox::New);

        // What is found can be put back, box by box (a recovery copy).
        let mut restored = CommentDrafts::default();
        restored.restore(found.clone());
        assert_eq!(restored.unposted(&d), found);

        // A row that is gone (its addition undone) has nothing to show.
        drafts.reply = Some((RowId::new("gone"), "c1".into(), "返信".into()));
        assert_eq!(drafts.unposted(&d).len(), 2);
    }

    #[test]
    fn next_row_wraps_and_counts() {
        let mut d = sample_draft();
        let ids: Vec<RowId> = d.rows().map(|(_, _, r)| r.id.clone()).collect();
        assert!(next_row(&d, &Selection::Field, NextKind::NeedsFix).is_none());
        for i in [2, 5] {
            let path = d.find_row(&ids[i]).unwrap();
            d.row_mut(path).unwrap().review.state = ReviewState::NeedsFix;
        }
        let first = next_row(&d, &Selection::Field, NextKind::NeedsFix).unwrap();
        assert_eq!(first, (ids[2].clone(), 2));
        let second = next_row(&d, &Selection::Row(ids[2].clone()), NextKind::NeedsFix).unwrap();
        assert_eq!(second.0, ids[5]);
        // Wraps around after the last one.
        let again = next_row(&d, &Selection::Row(ids[5].clone()), NextKind::NeedsFix).unwrap();
        assert_eq!(again.0, ids[2]);
        // Uncommented: every row but the one with a comment.
        let path = d.find_row(&ids[0]).unwrap();
        d.row_mut(path).unwrap().review.comments.push(Comment {
            id: "c1".into(),
            text: "x".into(),
            ..Comment::default()
        });
        let (next, total) = next_row(&d, &Selection::Field, NextKind::Uncommented).unwrap();
        assert_eq!(next, ids[1]);
        assert_eq!(total, ids.len() - 1);
        // From a block: its first matching row.
        let p = d.find_row(&ids[5]).unwrap();
        let from_block = Selection::Block {
            policy: p.policy,
            block: p.block,
        };
        assert_eq!(
            next_row(&d, &from_block, NextKind::NeedsFix).unwrap().0,
            ids[5]
        );
    }

    #[test]
    fn only_review_commands_pass_in_review_mode() {
        let id = RowId::new("x");
        assert!(allowed_in_review_mode(&Command::Review(
            ReviewEdit::SetState {
                row: id.clone(),
                state: ReviewState::Checked
            }
        )));
        assert!(allowed_in_review_mode(&Command::StartReview {
            reviewer: "a".into(),
            now: "b".into()
        }));
        assert!(!allowed_in_review_mode(&Command::SetMemo {
            row: id.clone(),
            text: String::new()
        }));
        assert!(!allowed_in_review_mode(&Command::DeleteRow { row: id }));
        assert!(!allowed_in_review_mode(&Command::ReplaceDraft {
            draft: Box::new(sample_draft()),
            label: String::new()
        }));
    }
}
