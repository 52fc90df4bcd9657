//! Opening, saving and leaving a draft: the questions on the way (unsaved changes, comments
//! being written, a file changed on disk), the results of the file work done off the UI
//! thread, recovery copies of unsaved work, files dropped on the window.

use std::path::{Path, PathBuf};

use crate::app::checking::Checks;
use crate::app::dialogs::Modal;
use crate::app::dialogs::message::Dialog;
use crate::app::jobs::{AfterSave, JobResult, SaveFailure, SaveJob};
use crate::app::open_draft::OpenDraft;
use crate::app::panels::comment_drafts::{CommentBox, CommentDrafts};
use crate::app::recovery;
use crate::app::review_mode::ReviewMode;
use crate::app::state::{FileInfo, LoadFailure, Selection, file_name};
use crate::app::ui_command::{Action, Choice};
use crate::app::{RECOVERY_INTERVAL, ShinkyuApp};
use crate::edit::Document;
use crate::io::LoadError;

impl ShinkyuApp {
    /// Makes `doc` the open draft; everything of the previous one goes with it.
    pub(in crate::app) fn set_document(
        &mut self,
        ctx: &egui::Context,
        doc: Document,
        file: FileInfo,
    ) {
        // A reviewer's copy opens in 閲覧モード; otherwise the mode ends with the draft.
        if doc.draft().review_base.is_some() || self.review_mode == ReviewMode::Requested {
            self.review_mode = ReviewMode::Requested;
        } else {
            self.review_mode = ReviewMode::Off;
        }
        self.modals.retain(|m| !m.belongs_to_draft());
        let checks = Checks::new(ctx.clone(), self.checker.clone());
        self.draft = Some(OpenDraft::new(doc, file, checks));
        self.load_failure = None;
        self.epoch += 1;
    }

    pub(in crate::app) fn open_bundled(&mut self, ctx: &egui::Context) {
        match crate::io::load_bytes(crate::BUNDLED_DRAFT.as_bytes()) {
            Ok(loaded) => self.set_document(ctx, Document::new(loaded.draft), FileInfo::bundled()),
            Err(error) => {
                // A bug in the build; say so instead of crashing.
                let path = PathBuf::from(crate::BUNDLED_DRAFT_NAME);
                self.load_failure = Some(LoadFailure { path, error });
            }
        }
    }

    /// Reads `path` off the UI thread ([`ShinkyuApp::handle_job`] takes the result).
    pub(in crate::app) fn start_load(&mut self, path: PathBuf) {
        self.loading = Some(path.clone());
        self.jobs.load(path);
    }

    pub(in crate::app) fn remove_recovery(&self) {
        if let (Some(dir), Some(d)) = (&self.settings_dir, &self.draft) {
            recovery::remove(dir, &d.recovery_key());
        }
    }

    /// The question to ask before leaving the draft: about words in its comment boxes first
    /// (saving would not keep them), then about unsaved changes.
    pub(in crate::app) fn leave_question(&self, then: AfterSave) -> Option<Dialog> {
        let d = self.draft.as_ref()?;
        let unposted = d.unposted();
        if let Some(first) = unposted.first() {
            return Some(Dialog::UnpostedComments {
                count: unposted.len(),
                first: first.clone(),
                then,
            });
        }
        d.is_dirty().then(|| Dialog::Unsaved {
            name: d.file.name.clone(),
            then,
        })
    }

    /// Leaves the current draft (after asking when comments are being written or it has
    /// unsaved changes).
    pub(in crate::app) fn leave_then(
        &mut self,
        ctx: &egui::Context,
        frame: &eframe::Frame,
        then: AfterSave,
    ) {
        match self.leave_question(then.clone()) {
            Some(question) => self.modals.open(Modal::Dialog(question)),
            None => self.perform(ctx, frame, then),
        }
    }

    /// Does what was waiting for a save or a decision.
    fn perform(&mut self, ctx: &egui::Context, frame: &eframe::Frame, then: AfterSave) {
        match then {
            AfterSave::Nothing => {}
            AfterSave::Quit => {
                // The close request comes back through `logic`, which now lets it pass.
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            AfterSave::Open(path) => self.start_load(path),
            AfterSave::OpenDialog => {
                let start = self.start_dir();
                if let Some(path) = self.dialogs.pick_open(frame, start.as_deref()) {
                    self.start_load(path);
                }
            }
            AfterSave::OpenBundled => self.open_bundled(ctx),
        }
    }

    /// Where file dialogs start: the open file's folder, or the last file's.
    pub(in crate::app) fn start_dir(&self) -> Option<PathBuf> {
        self.draft
            .as_ref()
            .and_then(|d| d.file.path.as_ref())
            .or(self.prefs.recent.first())
            .and_then(|p| p.parent().map(Path::to_path_buf))
    }

    /// Asks for another draft file (a previous version, a reviewer's copy) with the dialog's
    /// `title`, starting where the open one is; `None` without an open draft or when the user
    /// cancels.
    pub(in crate::app) fn pick_draft(
        &mut self,
        frame: &eframe::Frame,
        title: &str,
    ) -> Option<PathBuf> {
        self.draft.as_ref()?;
        let start = self.start_dir();
        self.dialogs
            .pick_open_titled(frame, start.as_deref(), title)
    }

    pub(in crate::app) fn save(
        &mut self,
        ctx: &egui::Context,
        frame: &eframe::Frame,
        then: AfterSave,
    ) {
        let Some(d) = &self.draft else { return };
        if d.saving {
            self.message(ctx, "保存中です。終わるまでお待ちください。", false);
            return;
        }
        match d.file.path.clone() {
            Some(path) => self.save_to(path, d.file.stamp, then),
            None => self.save_as(frame, then),
        }
    }

    pub(in crate::app) fn save_as(&mut self, frame: &eframe::Frame, then: AfterSave) {
        let Some(d) = &self.draft else { return };
        let name = &d.file.name;
        let suggested = if name.ends_with(".ron") {
            name.clone()
        } else {
            format!("{name}.ron")
        };
        let start = self.start_dir();
        if let Some(path) = self.dialogs.pick_save(frame, start.as_deref(), &suggested) {
            // The dialog asked about replacing an existing file; no stamp check.
            self.save_to(path, None, then);
        }
    }

    fn save_to(&mut self, path: PathBuf, expected: Option<crate::io::FileStamp>, then: AfterSave) {
        let Some(d) = &mut self.draft else { return };
        d.saving = true;
        self.jobs.save(SaveJob {
            path,
            draft: d.doc.draft().clone(),
            state_id: d.doc.state_id(),
            expected,
            then,
        });
    }

    /// A file job finished.
    pub(in crate::app) fn handle_job(
        &mut self,
        ctx: &egui::Context,
        frame: &eframe::Frame,
        job: JobResult,
    ) {
        match job {
            JobResult::Loaded { path, result } => {
                self.loading = None;
                match *result {
                    Ok(loaded) => {
                        if std::env::var_os("SHINKYU_STARTUP_TIMING").is_some() {
                            eprintln!(
                                "shinkyu: 「{}」の読み込み完了 {} ms（{} 行）",
                                file_name(&path),
                                self.started.elapsed().as_millis(),
                                loaded.draft.rows().count()
                            );
                        }
                        let file = FileInfo::from_path(path.clone(), Some(loaded.stamp));
                        let name = file.name.clone();
                        self.set_document(ctx, Document::new(loaded.draft), file);
                        self.prefs.add_recent(&path);
                        if loaded.notes.is_empty() {
                            self.message(ctx, format!("「{name}」を開きました。"), false);
                        } else {
                            self.modals.open(Modal::Dialog(Dialog::Message {
                                title: "読み込みについてのお知らせ".into(),
                                text: loaded.notes.join("\n"),
                                detail: None,
                            }));
                        }
                    }
                    Err(error) => {
                        if matches!(&error, LoadError::Io { .. }) && !path.exists() {
                            // A recent file that was moved or deleted: drop it from the list.
                            self.prefs.forget_recent(&path);
                        }
                        if self.draft.is_none() {
                            self.load_failure = Some(LoadFailure { path, error });
                        } else {
                            self.modals
                                .open(Modal::Dialog(Dialog::load_error(&path, &error)));
                        }
                    }
                }
            }
            JobResult::Saved {
                path,
                state_id,
                result,
                then,
            } => self.saved(ctx, frame, path, state_id, result, then),
            JobResult::RecoveryWritten { state, result } => {
                let Some(d) = &mut self.draft else { return };
                d.recovery.pending = false;
                match result {
                    Ok(()) => d.recovery.written = Some(state),
                    Err(e) => eprintln!("shinkyu: 自動保存に失敗しました: {e}"),
                }
            }
            JobResult::Review(job) => self.handle_review_job(ctx, job),
        }
    }

    fn saved(
        &mut self,
        ctx: &egui::Context,
        frame: &eframe::Frame,
        path: PathBuf,
        state_id: u64,
        result: Result<(crate::io::SaveOutcome, Option<crate::io::FileStamp>), SaveFailure>,
        then: AfterSave,
    ) {
        let Some(d) = &mut self.draft else { return };
        d.saving = false;
        match result {
            Ok((outcome, stamp)) => {
                let old_key = d.recovery_key();
                d.doc.mark_saved(state_id);
                d.file = FileInfo::from_path(path.clone(), stamp);
                if let Some(dir) = &self.settings_dir {
                    recovery::remove(dir, &old_key);
                    if !d.is_dirty() {
                        recovery::remove(dir, &d.recovery_key());
                    }
                }
                // Words still in comment boxes get a new copy under the saved name.
                d.recovery.written = None;
                let name = d.file.name.clone();
                self.prefs.add_recent(&path);
                let backup = outcome
                    .backup
                    .map(|b| format!("（前の版は {} に残しました）", file_name(&b)))
                    .unwrap_or_default();
                self.message(ctx, format!("「{name}」に保存しました。{backup}"), false);
                self.perform(ctx, frame, then);
            }
            Err(SaveFailure::ChangedOnDisk) => {
                self.modals
                    .open(Modal::Dialog(Dialog::ChangedOnDisk { path, then }));
            }
            Err(SaveFailure::Error(text)) => {
                self.message(ctx, "保存できませんでした。", true);
                self.modals.open(Modal::Dialog(Dialog::Message {
                    title: "保存できませんでした".into(),
                    text,
                    detail: None,
                }));
            }
        }
    }

    /// The user answered a question about the open draft.
    pub(in crate::app) fn handle_choice(
        &mut self,
        ctx: &egui::Context,
        frame: &eframe::Frame,
        choice: Choice,
    ) {
        match choice {
            Choice::SaveThen(then) => self.save(ctx, frame, then),
            Choice::DiscardThen(then) => {
                self.remove_recovery();
                if let Some(d) = &mut self.draft {
                    d.recovery.discard_on_exit = true;
                }
                self.perform(ctx, frame, then);
            }
            Choice::DiscardCommentsThen(then) => {
                if let Some(d) = &mut self.draft {
                    d.comments = CommentDrafts::default();
                }
                self.leave_then(ctx, frame, then);
            }
            Choice::BackToComment(unposted) => {
                if unposted.comment_box == CommentBox::New && !self.review_mode.is_on() {
                    self.enter_review_mode(ctx);
                }
                if let Some(d) = &mut self.draft {
                    d.comments.focus = Some(unposted.field());
                }
                self.select(Selection::Row(unposted.row), true);
            }
            Choice::Overwrite(then) => {
                if let Some(path) = self.draft.as_ref().and_then(|d| d.file.path.clone()) {
                    self.save_to(path, None, then);
                }
            }
            Choice::SaveAsInstead => self.save_as(frame, AfterSave::Nothing),
            Choice::Restore(entry) => match recovery::load(&entry) {
                Ok(draft) => {
                    let info = &entry.info;
                    let file = match &info.original {
                        Some(p) => FileInfo::from_path(p.clone(), info.stamp()),
                        None => FileInfo {
                            name: info.name.clone(),
                            bundled: info.key == "bundled",
                            ..FileInfo::default()
                        },
                    };
                    self.set_document(ctx, Document::new_unsaved(draft), file);
                    let comments = entry.info.comments;
                    let count = comments.len();
                    // Show where the first of the restored comments was being written.
                    if let Some(first) = comments.first() {
                        let (field, row) = (first.field(), first.row.clone());
                        if let Some(d) = &mut self.draft {
                            d.comments.focus = Some(field);
                        }
                        self.select(Selection::Row(row), true);
                    }
                    if let Some(d) = &mut self.draft {
                        d.comments.restore(comments);
                    }
                    let text = if count == 0 {
                        "自動保存から復元しました。保存すると確定します。".to_string()
                    } else {
                        format!(
                            "自動保存から復元しました（記録していなかったコメント {count} 件も入力欄に戻しました）。保存すると確定します。"
                        )
                    };
                    self.message(ctx, text, false);
                }
                Err(e) => {
                    let dialog = Dialog::load_error(&entry.draft_path, &e);
                    self.modals.open(Modal::Dialog(dialog));
                }
            },
            Choice::DiscardRecovery(entry) => {
                let _ = std::fs::remove_file(&entry.info_path);
                let _ = std::fs::remove_file(&entry.draft_path);
                if let Some(dir) = &self.settings_dir {
                    let rest = recovery::list(dir);
                    if !rest.is_empty() {
                        self.modals
                            .open(Modal::Dialog(Dialog::Recovery { entries: rest }));
                    }
                }
            }
        }
    }

    /// Writes a recovery copy every few seconds while there is unsaved work.
    pub(in crate::app) fn keep_recovery_copy(&mut self, ctx: &egui::Context) {
        let (Some(dir), Some(d)) = (self.settings_dir.clone(), &mut self.draft) else {
            return;
        };
        let comments = d.unposted();
        if !d.is_dirty() && comments.is_empty() {
            // Nothing left to lose (saved, or the words in the boxes cleared): a copy written
            // in this session goes.
            if d.recovery.written.take().is_some() && !d.recovery.pending {
                recovery::remove(&dir, &d.recovery_key());
            }
            return;
        }
        let state = d.unsaved_state(&comments);
        if d.recovery.pending || d.recovery.written == Some(state) {
            return;
        }
        let now = ctx.input(|i| i.time);
        let since = now - d.recovery.started_at;
        if since < RECOVERY_INTERVAL {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                RECOVERY_INTERVAL - since + 0.05,
            ));
            return;
        }
        let info = d.recovery_info(comments);
        d.recovery.pending = true;
        d.recovery.started_at = now;
        self.jobs
            .write_recovery(dir, info, d.doc.draft().clone(), state);
    }

    /// A file dropped on the window is opened (after the usual questions).
    pub(in crate::app) fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Option<PathBuf> =
            ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_path_buf()));
        if let Some(path) = dropped
            && !self.modals.is_open()
        {
            self.actions.push(Action::OpenPath(path));
        }
    }
}
