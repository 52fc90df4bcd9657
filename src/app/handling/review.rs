//! 閲覧モード and the rest of offline review: entering and leaving the mode (the reviewer's
//! name first), 「次の要修正」/「次の未コメント」, posting comments, the comparison with a
//! previous version and bringing a reviewer's copy back (read and merged off the UI thread,
//! shown in the merge dialog, applied as one undoable change).

use crate::app::ShinkyuApp;
use crate::app::dialogs::Modal;
use crate::app::dialogs::merge::MergeDialog;
use crate::app::dialogs::message::Dialog;
use crate::app::dialogs::reviewer_name::NameDialog;
use crate::app::jobs::JobResult;
use crate::app::panels::versions::Comparison;
use crate::app::review_mode::{AfterName, NextKind, ReviewAction, ReviewJob, ReviewMode, next_row};
use crate::app::state::{Selection, file_name};
use crate::app::ui_command::UiCommand;
use crate::edit::Command;
use crate::model::Comment;
use crate::review::{ReviewEdit, fresh_comment_id, merge_review};

impl ShinkyuApp {
    /// Starts the editor in 閲覧モード once the document is open (`--review`).
    pub fn request_review_mode(&mut self) {
        if !self.review_mode.is_on() {
            self.review_mode = ReviewMode::Requested;
        }
    }

    pub(in crate::app) fn run_review_command(
        &mut self,
        ctx: &egui::Context,
        frame: &eframe::Frame,
        cmd: UiCommand,
    ) {
        match cmd {
            UiCommand::ToggleReviewMode => {
                if self.review_mode.is_on() {
                    self.leave_review_mode(ctx);
                } else {
                    self.enter_review_mode(ctx);
                }
            }
            UiCommand::NextNeedsFix => self.go_next(ctx, NextKind::NeedsFix),
            UiCommand::NextUncommented => self.go_next(ctx, NextKind::Uncommented),
            UiCommand::ReviewerName => {
                let dialog = NameDialog::new(&self.prefs.reviewer, AfterName::Nothing);
                self.modals.open(Modal::ReviewerName(dialog));
            }
            UiCommand::CompareVersions => self.compare_versions(frame),
            UiCommand::ImportReview => self.import_review(ctx, frame),
            _ => {}
        }
    }

    /// 前の版と比較…: reads the chosen version and compares it with the draft, off the UI
    /// thread.
    fn compare_versions(&mut self, frame: &eframe::Frame) {
        let Some(path) = self.pick_draft(frame, "比較する前の版を開く") else {
            return;
        };
        let Some(d) = &self.draft else { return };
        let current = d.doc.draft().clone();
        let revision = d.doc.revision();
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

    /// 確認者の写しを取り込む…: reads the reviewer's copy and merges it into the draft, off the
    /// UI thread; the merge dialog shows the result.
    fn import_review(&mut self, ctx: &egui::Context, frame: &eframe::Frame) {
        if self.review_mode.is_on() {
            let text = "閲覧モードでは取り込めません。閲覧モードを終了してから取り込んでください。";
            self.message(ctx, text, true);
            return;
        }
        let Some(path) = self.pick_draft(frame, "取り込む確認者の写しを開く") else {
            return;
        };
        let Some(d) = &self.draft else { return };
        if let Some(own) = &d.file.path
            && crate::io::same_file(own, &path)
        {
            self.modals.open(Modal::Dialog(Dialog::Message {
                title: "取り込めません".into(),
                text: "開いている下書きと同じファイルです。課長から戻ってきた写し（別のファイル）を選んでください。".into(),
                detail: None,
            }));
            return;
        }
        let master = d.doc.draft().clone();
        let revision = d.doc.revision();
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

    pub(in crate::app) fn handle_review_job(&mut self, ctx: &egui::Context, job: ReviewJob) {
        let Some(d) = &mut self.draft else { return };
        let doc = &d.doc;
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
                    let name = file_name(&c.path);
                    d.comparison = Some(c);
                    let text = format!("「{name}」と比較しました（修正のあった行 {n} 行）。");
                    self.message(ctx, text, false);
                }
                Err(error) => self
                    .modals
                    .open(Modal::Dialog(Dialog::load_error(&path, &error))),
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
                            let dialog = MergeDialog::new(path, &reviewed, outcome, doc.revision());
                            self.modals.open(Modal::Merge(Box::new(dialog)));
                        }
                        // A copy of another draft: nothing is applied, the message names both.
                        Err(refusal) => self.modals.open(Modal::Dialog(Dialog::Message {
                            title: "取り込めません".into(),
                            text: format!("{}\n\n{refusal}", path.display()),
                            detail: None,
                        })),
                    }
                }
                Err(error) => self
                    .modals
                    .open(Modal::Dialog(Dialog::load_error(&path, &error))),
            },
        }
    }

    /// Enters 閲覧モード: asks the reviewer's name first if it is not known; records the
    /// review base on a draft that has none (one undoable change).
    pub(in crate::app) fn enter_review_mode(&mut self, ctx: &egui::Context) {
        if self.review_mode.is_on() {
            return;
        }
        self.review_mode = ReviewMode::Off;
        let Some(d) = &mut self.draft else { return };
        if self.prefs.reviewer.is_empty() {
            let dialog = NameDialog::new("", AfterName::EnterReview);
            self.modals.open(Modal::ReviewerName(dialog));
            return;
        }
        // Whatever a text field held is not the document's any more.
        ctx.memory_mut(|m| {
            if let Some(id) = m.focused() {
                m.surrender_focus(id);
            }
        });
        self.review_mode = ReviewMode::On;
        d.view.unlocked.clear();
        d.view.touch_tree();
        // Start on the review's summary unless a row or a block is open.
        if matches!(d.view.selection, Selection::Policy(_)) {
            d.view.selection = Selection::Field;
        }
        let doc = &mut d.doc;
        doc.seal();
        if doc.draft().review_base.is_none() {
            let now = ctx.input(|i| i.time);
            let reviewer = self.prefs.reviewer.clone();
            let start = Command::StartReview {
                reviewer,
                now: crate::clock::now_jst(),
            };
            let _ = doc.apply(start, now);
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
        self.review_mode = ReviewMode::Off;
        let Some(d) = &mut self.draft else { return };
        d.view.touch_tree();
        let text = if d.doc.draft().review_base.is_some() {
            "閲覧モードを終了しました。この写しの本文を変えると、取り込むときに企画課の確認が必要になります。"
        } else {
            "閲覧モードを終了しました。本文を編集できます。"
        };
        self.message(ctx, text, false);
    }

    fn go_next(&mut self, ctx: &egui::Context, kind: NextKind) {
        let Some(d) = &self.draft else { return };
        let draft = d.doc.draft();
        match next_row(draft, &d.view.selection, kind) {
            Some((id, total)) => {
                let location = draft
                    .find_row(&id)
                    .map(|p| draft.row_location(p))
                    .unwrap_or_default();
                self.select(Selection::Row(id), true);
                let text = format!("{}（全 {total} 行）：{location}", kind.what());
                self.message(ctx, text, false);
            }
            None => self.message(ctx, format!("{}はありません。", kind.what()), false),
        }
    }

    pub(in crate::app) fn handle_review_action(
        &mut self,
        ctx: &egui::Context,
        action: ReviewAction,
    ) {
        match action {
            ReviewAction::Post {
                row,
                reply_to,
                text,
            } => self.post_comment(ctx, row, reply_to, text),
            ReviewAction::SetName { name, then } => {
                let name = name.trim().to_string();
                if name.is_empty() {
                    return;
                }
                self.prefs.reviewer = name;
                match then {
                    AfterName::Nothing => self.message(ctx, "確認者の名前を記録しました。", false),
                    AfterName::EnterReview => self.enter_review_mode(ctx),
                    AfterName::Then(next) => self.handle_review_action(ctx, *next),
                }
            }
            ReviewAction::JumpTo(id) => {
                let exists = self
                    .draft
                    .as_ref()
                    .is_some_and(|d| d.doc.draft().find_row(&id).is_some());
                if exists {
                    self.select(Selection::Row(id), true);
                } else {
                    self.message(ctx, "この行は今の下書きにありません。", true);
                }
            }
            ReviewAction::CloseComparison => {
                if let Some(d) = &mut self.draft {
                    d.comparison = None;
                }
            }
            ReviewAction::CancelMerge => {
                let text = "取り込みを中止しました（下書きは変わっていません）。";
                self.message(ctx, text, false);
            }
            ReviewAction::ApplyMerge {
                path,
                reviewer,
                summary,
                outcome,
            } => {
                if outcome.unresolved() > 0 {
                    // The button is disabled until every conflict has a choice.
                    return;
                }
                let Some(d) = &mut self.draft else { return };
                let label = match &reviewer {
                    Some(r) if !r.is_empty() => format!("確認者の写しの取り込み（{r}）"),
                    _ => "確認者の写しの取り込み".to_string(),
                };
                let doc = &mut d.doc;
                doc.seal();
                let now = ctx.input(|i| i.time);
                let merged = Box::new(outcome.merged);
                let result = doc.apply(
                    Command::ReplaceDraft {
                        draft: merged,
                        label,
                    },
                    now,
                );
                doc.seal();
                match result {
                    Ok(applied) => {
                        self.epoch += 1;
                        let text = if applied.outcome.changed {
                            format!(
                                "「{}」から取り込みました（{summary}）。元に戻す（Ctrl+Z）で取り込み全体を取り消せます。",
                                file_name(&path)
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

    /// Records a comment signed with the reviewer's name (asked first if not known) and the
    /// time, and clears the box it came from.
    fn post_comment(
        &mut self,
        ctx: &egui::Context,
        row: crate::model::RowId,
        reply_to: Option<String>,
        text: String,
    ) {
        if text.trim().is_empty() {
            return;
        }
        if self.prefs.reviewer.is_empty() {
            let then = AfterName::Then(Box::new(ReviewAction::Post {
                row,
                reply_to,
                text,
            }));
            self.modals
                .open(Modal::ReviewerName(NameDialog::new("", then)));
            return;
        }
        let Some(d) = &mut self.draft else { return };
        let comment = Comment {
            id: fresh_comment_id(d.doc.draft()),
            author: self.prefs.reviewer.clone(),
            date: crate::clock::now_jst(),
            text: text.trim_end().to_string(),
            reply_to: reply_to.clone(),
        };
        d.doc.seal();
        let now = ctx.input(|i| i.time);
        let add = Command::Review(ReviewEdit::AddComment {
            row: row.clone(),
            comment,
        });
        match d.doc.apply(add, now) {
            Ok(_) => {
                d.doc.seal();
                // The text is in the draft now: clear the box it came from.
                match reply_to {
                    Some(_) => d.comments.reply = None,
                    None => {
                        d.comments.new.remove(&row);
                    }
                }
                self.message(ctx, "コメントを記録しました。", false);
            }
            Err(e) => self.message(ctx, e.to_string(), true),
        }
    }

    /// Per frame: enter 閲覧モード when asked and possible; keep the comparison current.
    pub(in crate::app) fn review_frame(&mut self, ctx: &egui::Context) {
        if self.review_mode == ReviewMode::Requested
            && self.draft.is_some()
            && self.loading.is_none()
            && !self.modals.is_open()
        {
            self.enter_review_mode(ctx);
        }
        let Some(d) = &mut self.draft else { return };
        if let Some(c) = &mut d.comparison
            && c.revision != d.doc.revision()
        {
            // Compare again after an edit, at most twice a second while the user types.
            let now = ctx.input(|i| i.time);
            if now - c.computed_at >= 0.5 {
                c.refresh(d.doc.draft(), d.doc.revision());
                c.computed_at = now;
            } else {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                    0.5 - (now - c.computed_at) + 0.02,
                ));
            }
        }
    }
}
