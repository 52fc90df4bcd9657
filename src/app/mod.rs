//! The desktop editor (eframe/egui): 企画課 staff open a draft, move through it in the tree,
//! set each row's status, write the revised text and save.
//!
//! Structure (after rerun's viewer): panels read the draft and queue [`Action`]s; once per
//! frame [`ShinkyuApp`] drains them — document changes go to [`crate::edit::Document::apply`],
//! which records undo — and file work runs off the UI thread ([`jobs`]). The OS is reached
//! through seams tests can replace ([`platform::FileDialogs`], the settings folder).
//!
//! The checker, the export and the preview (each in its own files):
//! - 検査結果 panel ([`panels::findings`], [`checking`]): checks run on a worker with a clone of
//!   the draft [`checking::DEBOUNCE`] seconds after the last edit; results for an older
//!   [`Document::revision`] are dropped. A click queues `Action::Findings(GoTo)`: the row (or
//!   page) is selected and [`focus`] selects the span in its text field once it is drawn. Fixes
//!   and suppressions become `Command::Batch` / `Command::AddSuppression` — undoable like any
//!   edit.
//! - 出力 ([`export`]): `UiCommand::Export` (Ctrl+E) opens its own modal; the save dialog is
//!   [`platform::FileDialogs::pick_export`], the export runs on a worker with a progress bar,
//!   and the result is opened through [`platform::Launcher`].
//! - 新旧対照表 preview ([`panels::report_preview`]): `Selection::Report`, drawn by
//!   `central_ui` outside the editor's scroll area, kept between frames and rebuilt per row.
//!
//! Still to plug in — 閲覧モード: a mode in [`state::ViewState`]; the row editor then passes
//! `editable = false` for both sides and shows the comment thread; review edits are
//! `Command::Review(ReviewEdit)` (already undoable); the tree filter gains the review states.

pub mod checking;
pub mod dialogs;
pub mod export;
pub mod focus;
pub mod fonts;
pub mod jobs;
pub mod panels;
pub mod platform;
pub mod recovery;
pub mod review_mode;
pub mod state;
pub mod tree;
pub mod ui_command;

use std::path::{Path, PathBuf};
use std::time::Instant;

use egui::ViewportCommand;

use crate::edit::{Document, Target};
use crate::io::LoadError;
use crate::model::Draft;
use dialogs::{Choice, Dialog};
use jobs::{AfterSave, JobResult, Jobs, SaveFailure, SaveJob};
use panels::EditorCtx;
use panels::menu::{MenuInfo, STATUS_SECONDS, StatusMessage};
use panels::preview::PreviewCache;
use platform::{FileDialogs, RendererChoice, RfdDialogs};
use recovery::RecoveryInfo;
use state::{ExpandKey, FileInfo, Selection, ViewState};
use tree::Tree;
use ui_command::{Action, UiCommand};

/// The application id (ASCII): the settings folder's name and the window class.
pub const APP_ID: &str = crate::io::APP_ID;

/// How often unsaved work is copied to the recovery folder (seconds).
pub const RECOVERY_INTERVAL: f64 = 5.0;

/// Recent files kept.
const MAX_RECENT: usize = 10;

const KEY_RECENT: &str = "recent_files";
const KEY_ZOOM: &str = "zoom";
const KEY_THEME: &str = "theme";
const KEY_EXPORT: &str = "export";
const KEY_FINDINGS_OPEN: &str = "findings_open";
const KEY_AUTHOR: &str = "suppression_author";

/// What the editor remembers between sessions (in eframe's storage, `settings.ron` in the
/// settings folder). Drafts themselves are never kept there.
#[derive(Clone, Debug, PartialEq)]
pub struct Prefs {
    pub recent: Vec<PathBuf>,
    pub zoom: f32,
    pub theme: egui::ThemePreference,
    /// The options of the last 出力.
    pub export: export::ExportPrefs,
    /// The 検査結果 panel is open (closed at first).
    pub findings_open: bool,
    /// Who ignores checker findings (無視する…).
    pub author: String,
}

impl Prefs {
    /// Reads the preferences; defaults for anything missing or unreadable.
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Prefs {
        let get_recent = |s| eframe::get_value::<Vec<PathBuf>>(s, KEY_RECENT);
        Prefs {
            recent: storage.and_then(get_recent).unwrap_or_default(),
            zoom: storage
                .and_then(|s| eframe::get_value::<f32>(s, KEY_ZOOM))
                .unwrap_or(1.0)
                .clamp(0.5, 3.0),
            // Documents are read and printed on white: light unless the user chose otherwise.
            theme: storage
                .and_then(|s| eframe::get_value::<egui::ThemePreference>(s, KEY_THEME))
                .unwrap_or(egui::ThemePreference::Light),
            export: storage
                .and_then(|s| eframe::get_value(s, KEY_EXPORT))
                .unwrap_or_default(),
            // Closed until the user opens it (the toolbar and the status bar show the counts):
            // it would take a third of a small office screen from the editor.
            findings_open: storage
                .and_then(|s| eframe::get_value(s, KEY_FINDINGS_OPEN))
                .unwrap_or(false),
            author: storage
                .and_then(|s| eframe::get_value(s, KEY_AUTHOR))
                .unwrap_or_default(),
        }
    }

    pub fn store(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, KEY_RECENT, &self.recent);
        eframe::set_value(storage, KEY_ZOOM, &self.zoom);
        eframe::set_value(storage, KEY_THEME, &self.theme);
        eframe::set_value(storage, KEY_EXPORT, &self.export);
        eframe::set_value(storage, KEY_FINDINGS_OPEN, &self.findings_open);
        eframe::set_value(storage, KEY_AUTHOR, &self.author);
    }
}

/// What the editor opens at start.
#[derive(Clone, Debug)]
pub enum StartWith {
    /// The draft embedded in the program.
    Bundled,
    /// A file (read off the UI thread; errors are shown in the window).
    File(PathBuf),
    /// A draft in memory (tests).
    Draft { draft: Box<Draft>, name: String },
}

/// How the editor is set up; tests replace the dialogs and the settings folder.
pub struct AppOptions {
    pub start: StartWith,
    pub dialogs: Box<dyn FileDialogs>,
    /// Where recovery copies go; `None` turns them off.
    pub settings_dir: Option<PathBuf>,
    /// Offer recovery copies found at start.
    pub offer_recovery: bool,
    /// Shown in the status bar and the about box.
    pub renderer: String,
    /// Opens exported files and their folders.
    pub launcher: Box<dyn platform::Launcher>,
}

impl AppOptions {
    /// The options of the real program.
    pub fn desktop(start: StartWith) -> AppOptions {
        AppOptions {
            start,
            dialogs: Box::new(RfdDialogs),
            settings_dir: platform::settings_dir(),
            offer_recovery: true,
            renderer: String::new(),
            launcher: Box::new(platform::SystemLauncher),
        }
    }
}

/// Why the document could not be loaded at start (shown in the centre instead of the editor).
#[derive(Clone, Debug)]
struct LoadFailure {
    path: PathBuf,
    error: LoadError,
}

/// The editor.
pub struct ShinkyuApp {
    doc: Option<Document>,
    file: FileInfo,
    view: ViewState,
    tree: Tree,
    preview: PreviewCache,
    dialogs: Box<dyn FileDialogs>,
    jobs: Jobs,
    dialog: Option<Dialog>,
    load_failure: Option<LoadFailure>,
    loading: Option<PathBuf>,
    saving: bool,
    recent: Vec<PathBuf>,
    settings_dir: Option<PathBuf>,
    status: Option<StatusMessage>,
    /// The user confirmed closing; the next close request goes through.
    allow_close: bool,
    /// The user chose to discard unsaved work: its recovery copy goes on exit.
    discard_on_exit: bool,
    title: String,
    /// What the recovery copy written in this session holds: the draft's revision and the
    /// words in comment boxes, hashed (`keep_recovery_copy`).
    recovery_written: Option<u64>,
    recovery_time: f64,
    recovery_pending: bool,
    renderer: String,
    epoch: u64,
    zoom: f32,
    theme: egui::ThemePreference,
    actions: Vec<Action>,
    started: Instant,
    first_frame_reported: bool,
    checks: checking::Checks,
    findings_panel: panels::findings::PanelState,
    findings_open: bool,
    report_preview: panels::report_preview::ReportPreview,
    exports: export::ExportState,
    launcher: Box<dyn platform::Launcher>,
    /// 閲覧モード, comments, version comparison, merging reviewers' copies.
    review: review_mode::ReviewUi,
}

impl ShinkyuApp {
    /// Creates the editor inside eframe's creation callback.
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> ShinkyuApp {
        let ctx = &cc.egui_ctx;
        fonts::install_fonts(ctx);
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let mut renderer = options.renderer.clone();
        if renderer.is_empty() {
            renderer = if cc.wgpu_render_state.is_some() {
                "wgpu".into()
            } else if cc.gl.is_some() {
                "glow".into()
            } else {
                "なし".into()
            };
        }
        let Prefs {
            recent,
            zoom,
            theme,
            export,
            findings_open,
            author,
        } = Prefs::load(cc.storage);
        let mut checks = checking::Checks::new(ctx.clone());
        checks.author = author;
        ctx.set_zoom_factor(zoom);
        ctx.set_theme(theme);
        let mut app = ShinkyuApp {
            doc: None,
            file: FileInfo::default(),
            view: ViewState::new(&Draft::default()),
            tree: Tree::default(),
            preview: PreviewCache::default(),
            dialogs: options.dialogs,
            jobs: Jobs::new(ctx.clone()),
            dialog: None,
            load_failure: None,
            loading: None,
            saving: false,
            recent,
            settings_dir: options.settings_dir,
            status: None,
            allow_close: false,
            discard_on_exit: false,
            title: String::new(),
            recovery_written: None,
            recovery_time: 0.0,
            recovery_pending: false,
            renderer,
            epoch: 0,
            zoom,
            theme,
            actions: Vec::new(),
            started: Instant::now(),
            first_frame_reported: false,
            checks,
            findings_panel: Default::default(),
            findings_open,
            report_preview: Default::default(),
            exports: export::ExportState::new(ctx.clone(), export),
            launcher: options.launcher,
            review: review_mode::ReviewUi::new(review_mode::ReviewPrefs::load(cc.storage)),
        };
        match options.start {
            StartWith::Bundled => app.open_bundled(),
            StartWith::File(path) => app.start_load(path),
            StartWith::Draft { draft, name } => app.set_document(
                Document::new(*draft),
                FileInfo {
                    name,
                    ..FileInfo::default()
                },
            ),
        }
        if options.offer_recovery
            && let Some(dir) = &app.settings_dir
        {
            let entries = recovery::list(dir);
            if !entries.is_empty() {
                app.dialog = Some(Dialog::Recovery { entries });
            }
        }
        app
    }

    // --- queries (also used by tests) ---------------------------------------------------

    /// The open document.
    pub fn document(&self) -> Option<&Document> {
        self.doc.as_ref()
    }

    /// The open file.
    pub fn file(&self) -> &FileInfo {
        &self.file
    }

    pub fn selection(&self) -> &Selection {
        &self.view.selection
    }

    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    /// True while a file is loaded or saved in the background, a check waits or runs, or an
    /// export runs.
    pub fn busy(&self) -> bool {
        self.jobs.busy()
            || (self.doc.is_some() && self.checks.busy())
            || self.exports.busy()
            || self.report_preview.building()
    }

    /// True while the 検査結果 panel is shown.
    pub fn findings_open(&self) -> bool {
        self.findings_open
    }

    /// The 新旧対照表 preview (for tests).
    pub fn report_preview(&self) -> &panels::report_preview::ReportPreview {
        &self.report_preview
    }

    pub fn recent_files(&self) -> &[PathBuf] {
        &self.recent
    }

    /// The status bar's message.
    pub fn status_text(&self) -> Option<&str> {
        self.status.as_ref().map(|s| s.text.as_str())
    }

    /// The window title the app asks for: the file name, with ● when unsaved.
    pub fn window_title(&self) -> String {
        let dirty = self.doc.as_ref().is_some_and(Document::is_dirty);
        let name = if self.file.name.is_empty() {
            "（無題）"
        } else {
            &self.file.name
        };
        let bundled = if self.file.bundled {
            "（同梱）"
        } else {
            ""
        };
        let mode = if self.view.review_mode {
            "［閲覧モード］"
        } else {
            ""
        };
        format!(
            "{}{name}{bundled}{mode} — shinkyu 新旧",
            if dirty { "● " } else { "" }
        )
    }

    pub fn renderer(&self) -> &str {
        &self.renderer
    }

    // --- documents -----------------------------------------------------------------------

    fn set_document(&mut self, doc: Document, file: FileInfo) {
        self.review.forget_document();
        // A reviewer's copy opens in 閲覧モード.
        self.review.pending_enter |= doc.draft().review_base.is_some();
        self.view = ViewState::new(doc.draft());
        self.tree = Tree::default();
        self.preview = PreviewCache::default();
        self.checks.reset();
        self.report_preview.reset();
        self.doc = Some(doc);
        self.file = file;
        self.load_failure = None;
        self.epoch += 1;
        self.recovery_written = None;
        self.discard_on_exit = false;
    }

    fn open_bundled(&mut self) {
        match crate::io::load_bytes(crate::BUNDLED_DRAFT.as_bytes()) {
            Ok(loaded) => self.set_document(Document::new(loaded.draft), FileInfo::bundled()),
            Err(error) => {
                // A bug in the build; say so instead of crashing.
                self.load_failure = Some(LoadFailure {
                    path: PathBuf::from(crate::BUNDLED_DRAFT_NAME),
                    error,
                });
            }
        }
    }

    fn start_load(&mut self, path: PathBuf) {
        if self.doc.is_none() {
            self.file.name = state::file_name(&path);
        }
        self.loading = Some(path.clone());
        self.jobs.load(path);
    }

    fn recovery_key(&self) -> String {
        recovery::key_for(self.file.path.as_deref())
    }

    fn remove_recovery(&self) {
        if let Some(dir) = &self.settings_dir {
            recovery::remove(dir, &self.recovery_key());
        }
    }

    fn add_recent(&mut self, path: &Path) {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &abs);
        self.recent.insert(0, abs);
        self.recent.truncate(MAX_RECENT);
    }

    fn is_dirty(&self) -> bool {
        self.doc.as_ref().is_some_and(Document::is_dirty)
    }

    fn message(&mut self, ctx: &egui::Context, text: impl Into<String>, error: bool) {
        self.status = Some(StatusMessage {
            text: text.into(),
            error,
            since: ctx.input(|i| i.time),
        });
    }

    /// Comment boxes whose words are not in the draft yet.
    fn unposted_comments(&self) -> Vec<review_mode::Unposted> {
        match &self.doc {
            Some(doc) => self.review.comments.unposted(doc.draft()),
            None => Vec::new(),
        }
    }

    /// The question to ask before leaving a document whose comment boxes hold words.
    fn unposted_dialog(&self, then: AfterSave) -> Option<Dialog> {
        let unposted = self.unposted_comments();
        let first = unposted.first()?.clone();
        Some(Dialog::UnpostedComments {
            count: unposted.len(),
            first,
            then,
        })
    }

    /// Leaves the current document (after asking when comments are being written or it has
    /// unsaved changes).
    fn leave_then(&mut self, ctx: &egui::Context, frame: &eframe::Frame, then: AfterSave) {
        if let Some(dialog) = self.unposted_dialog(then.clone()) {
            self.dialog = Some(dialog);
        } else if self.is_dirty() {
            self.dialog = Some(Dialog::Unsaved {
                name: self.file.name.clone(),
                then,
            });
        } else {
            self.perform(ctx, frame, then);
        }
    }

    /// Does what was waiting for a save or a decision.
    fn perform(&mut self, ctx: &egui::Context, frame: &eframe::Frame, then: AfterSave) {
        match then {
            AfterSave::Nothing => {}
            AfterSave::Quit => {
                // The close request comes back through `logic`, which now lets it pass.
                self.allow_close = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
            AfterSave::Open(path) => self.start_load(path),
            AfterSave::OpenDialog => {
                let start = self.start_dir();
                if let Some(path) = self.dialogs.pick_open(frame, start.as_deref()) {
                    self.start_load(path);
                }
            }
            AfterSave::OpenBundled => self.open_bundled(),
        }
    }

    fn start_dir(&self) -> Option<PathBuf> {
        self.file
            .path
            .as_ref()
            .or(self.recent.first())
            .and_then(|p| p.parent().map(Path::to_path_buf))
    }

    fn save(&mut self, ctx: &egui::Context, frame: &eframe::Frame, then: AfterSave) {
        if self.saving {
            self.message(ctx, "保存中です。終わるまでお待ちください。", false);
            return;
        }
        match self.file.path.clone() {
            Some(path) => self.save_to(path, self.file.stamp, then),
            None => self.save_as(frame, then),
        }
    }

    fn save_as(&mut self, frame: &eframe::Frame, then: AfterSave) {
        let suggested = if self.file.name.ends_with(".ron") {
            self.file.name.clone()
        } else {
            format!("{}.ron", self.file.name)
        };
        let start = self.start_dir();
        if let Some(path) = self.dialogs.pick_save(frame, start.as_deref(), &suggested) {
            // The dialog asked about replacing an existing file; no stamp check.
            self.save_to(path, None, then);
        }
    }

    fn save_to(&mut self, path: PathBuf, expected: Option<crate::io::FileStamp>, then: AfterSave) {
        let Some(doc) = &self.doc else { return };
        self.saving = true;
        self.jobs.save(SaveJob {
            path,
            draft: doc.draft().clone(),
            state_id: doc.state_id(),
            expected,
            then,
        });
    }

    // --- frame work ------------------------------------------------------------------------

    fn handle_job(&mut self, ctx: &egui::Context, frame: &eframe::Frame, job: JobResult) {
        match job {
            JobResult::Loaded { path, result } => {
                self.loading = None;
                match *result {
                    Ok(loaded) => {
                        if std::env::var_os("SHINKYU_STARTUP_TIMING").is_some() {
                            eprintln!(
                                "shinkyu: 「{}」の読み込み完了 {} ms（{} 行）",
                                state::file_name(&path),
                                self.started.elapsed().as_millis(),
                                loaded.draft.rows().count()
                            );
                        }
                        let file = FileInfo::from_path(path.clone(), Some(loaded.stamp));
                        self.set_document(Document::new(loaded.draft), file);
                        self.add_recent(&path);
                        if loaded.notes.is_empty() {
                            self.message(
                                ctx,
                                format!("「{}」を開きました。", self.file.name),
                                false,
                            );
                        } else {
                            self.dialog = Some(Dialog::Message {
                                title: "読み込みについてのお知らせ".into(),
                                text: loaded.notes.join("\n"),
                                detail: None,
                            });
                        }
                    }
                    Err(error) => {
                        if matches!(&error, LoadError::Io { .. }) && !path.exists() {
                            // A recent file that was moved or deleted: drop it from the list.
                            let abs = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
                            self.recent.retain(|p| p != &abs);
                        }
                        if self.doc.is_none() {
                            self.load_failure = Some(LoadFailure { path, error });
                        } else {
                            self.dialog = Some(load_error_dialog(&path, &error));
                        }
                    }
                }
            }
            JobResult::Saved {
                path,
                state_id,
                result,
                then,
            } => {
                self.saving = false;
                match result {
                    Ok((outcome, stamp)) => {
                        let old_key = self.recovery_key();
                        if let Some(doc) = &mut self.doc {
                            doc.mark_saved(state_id);
                        }
                        self.file = FileInfo::from_path(path.clone(), stamp);
                        self.add_recent(&path);
                        if let Some(dir) = &self.settings_dir {
                            recovery::remove(dir, &old_key);
                            if !self.is_dirty() {
                                recovery::remove(dir, &self.recovery_key());
                            }
                        }
                        // Words still in comment boxes get a new copy under the saved name.
                        self.recovery_written = None;
                        let backup = outcome
                            .backup
                            .map(|b| format!("（前の版は {} に残しました）", state::file_name(&b)))
                            .unwrap_or_default();
                        self.message(
                            ctx,
                            format!("「{}」に保存しました。{backup}", self.file.name),
                            false,
                        );
                        self.perform(ctx, frame, then);
                    }
                    Err(SaveFailure::ChangedOnDisk) => {
                        self.dialog = Some(Dialog::ChangedOnDisk { path, then });
                    }
                    Err(SaveFailure::Error(text)) => {
                        self.message(ctx, "保存できませんでした。", true);
                        self.dialog = Some(Dialog::Message {
                            title: "保存できませんでした".into(),
                            text,
                            detail: None,
                        });
                    }
                }
            }
            JobResult::RecoveryWritten { state, result } => {
                self.recovery_pending = false;
                match result {
                    Ok(()) => self.recovery_written = Some(state),
                    Err(e) => eprintln!("shinkyu: 自動保存に失敗しました: {e}"),
                }
            }
            JobResult::Review(job) => self.handle_review_job(ctx, job),
        }
    }

    fn handle_choice(&mut self, ctx: &egui::Context, frame: &eframe::Frame, choice: Choice) {
        self.dialog = None;
        match choice {
            Choice::Close => {}
            Choice::SaveThen(then) => self.save(ctx, frame, then),
            Choice::DiscardThen(then) => {
                self.remove_recovery();
                self.discard_on_exit = true;
                self.perform(ctx, frame, then);
            }
            Choice::DiscardCommentsThen(then) => {
                self.review.comments = review_mode::CommentDrafts::default();
                self.leave_then(ctx, frame, then);
            }
            Choice::BackToComment(unposted) => {
                if unposted.comment_box == review_mode::CommentBox::New && !self.view.review_mode {
                    self.enter_review_mode(ctx);
                }
                self.review.comments.focus = Some(unposted.field());
                self.select(Selection::Row(unposted.row), true);
            }
            Choice::Overwrite(then) => {
                if let Some(path) = self.file.path.clone() {
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
                    self.set_document(Document::new_unsaved(draft), file);
                    let comments = entry.info.comments.len();
                    // Show where the first of the restored comments was being written.
                    if let Some(first) = entry.info.comments.first() {
                        self.review.comments.focus = Some(first.field());
                        self.select(Selection::Row(first.row.clone()), true);
                    }
                    self.review.comments.restore(entry.info.comments);
                    let text = if comments == 0 {
                        "自動保存から復元しました。保存すると確定します。".to_string()
                    } else {
                        format!(
                            "自動保存から復元しました（記録していなかったコメント {comments} 件も入力欄に戻しました）。保存すると確定します。"
                        )
                    };
                    self.message(ctx, text, false);
                }
                Err(e) => {
                    self.dialog = Some(load_error_dialog(&entry.draft_path, &e));
                }
            },
            Choice::DiscardRecovery(entry) => {
                let _ = std::fs::remove_file(&entry.info_path);
                let _ = std::fs::remove_file(&entry.draft_path);
                if let Some(dir) = &self.settings_dir {
                    let rest = recovery::list(dir);
                    if !rest.is_empty() {
                        self.dialog = Some(Dialog::Recovery { entries: rest });
                    }
                }
            }
        }
    }

    /// Keyboard shortcuts, matched before any widget sees the keys. A focused text field keeps
    /// Ctrl+Z / Ctrl+Y for its own undo; bare keys (Enter, Backspace, arrows) are never taken.
    fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.dialog.is_some()
            || self.review.modal_open()
            || self.exports.dialog.is_some()
            || self.checks.suppress_dialog.is_some()
        {
            return;
        }
        let text_focused = ctx.text_edit_focused();
        for cmd in UiCommand::SHORTCUT_ORDER {
            if text_focused && cmd.yields_to_text_field() {
                continue;
            }
            for sc in cmd.shortcuts() {
                if ctx.input_mut(|i| i.consume_shortcut(&sc)) {
                    self.actions.push(Action::Ui(cmd));
                    break;
                }
            }
        }
    }

    fn drain_actions(&mut self, ctx: &egui::Context, frame: &eframe::Frame) {
        let actions = std::mem::take(&mut self.actions);
        if !actions.is_empty() {
            ctx.request_repaint();
        }
        let now = ctx.input(|i| i.time);
        for action in actions {
            match action {
                Action::Ui(cmd) => self.run_command(ctx, frame, cmd),
                Action::Edit(cmd) => {
                    if self.view.review_mode && !review_mode::allowed_in_review_mode(&cmd) {
                        self.message(ctx, "閲覧モードでは本文を変更できません。", true);
                        continue;
                    }
                    let Some(doc) = &mut self.doc else { continue };
                    match doc.apply(cmd, now) {
                        Ok(applied) => {
                            if let Some(n) = applied.outcome.notice {
                                self.message(ctx, n, false);
                            }
                            if let Some(id) = applied.outcome.created {
                                self.select(Selection::Row(id), true);
                            }
                        }
                        Err(e) => self.message(ctx, e.to_string(), true),
                    }
                }
                Action::Select(sel) => self.select(sel, false),
                Action::OpenPath(path) => self.leave_then(ctx, frame, AfterSave::Open(path)),
                Action::ToggleExpand(key) => {
                    if !self.view.expanded.remove(&key) {
                        self.view.expanded.insert(key);
                    }
                    self.view.touch_tree();
                }
                Action::SealUndo => {
                    if let Some(doc) = &mut self.doc {
                        doc.seal();
                    }
                }
                Action::SetTheme(pref) => {
                    self.theme = pref;
                    ctx.set_theme(pref);
                }
                Action::Findings(a) => self.handle_findings_action(ctx, a),
                Action::Review(a) => self.handle_review_action(ctx, a),
                Action::SetCurrentUnlocked(id, on) => {
                    if on && self.view.review_mode {
                        continue;
                    }
                    if on {
                        self.view.unlocked.insert(id);
                    } else {
                        self.view.unlocked.remove(&id);
                    }
                }
            }
        }
    }

    fn select(&mut self, sel: Selection, reveal: bool) {
        if let Some(doc) = &mut self.doc {
            doc.seal();
            if reveal {
                let draft = doc.draft();
                self.view.reveal(draft, &sel);
            }
        }
        self.view.selection = sel;
    }

    /// After undo/redo: show where the change happened, unless the user is already there.
    fn go_to_target(&mut self, target: Target) {
        let Some(doc) = &self.doc else { return };
        let draft = doc.draft();
        let current_policy = match &self.view.selection {
            Selection::Policy(p)
            | Selection::Page { policy: p, .. }
            | Selection::Block { policy: p, .. } => Some(*p),
            Selection::Row(id) => draft.find_row(id).map(|p| p.policy),
            Selection::Field | Selection::Report => None,
        };
        let sel = match target {
            Target::Meta => Some(Selection::Field),
            Target::Policy(p) => (current_policy != Some(p)).then_some(Selection::Policy(p)),
            Target::Block { policy, block } => Some(Selection::Block { policy, block }),
            Target::Row(id) => {
                if draft.find_row(&id).is_some() {
                    Some(Selection::Row(id))
                } else {
                    None
                }
            }
        };
        if let Some(sel) = sel
            && sel != self.view.selection
        {
            self.select(sel, true);
        }
    }

    fn run_command(&mut self, ctx: &egui::Context, frame: &eframe::Frame, cmd: UiCommand) {
        match cmd {
            UiCommand::Open => self.leave_then(ctx, frame, AfterSave::OpenDialog),
            UiCommand::OpenBundled => self.leave_then(ctx, frame, AfterSave::OpenBundled),
            UiCommand::Save => {
                if self.doc.is_some() {
                    self.save(ctx, frame, AfterSave::Nothing)
                }
            }
            UiCommand::SaveAs => {
                if self.doc.is_some() && !self.saving {
                    self.save_as(frame, AfterSave::Nothing)
                }
            }
            UiCommand::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            UiCommand::Undo | UiCommand::Redo => {
                let Some(doc) = &mut self.doc else { return };
                let review_only = if cmd == UiCommand::Undo {
                    doc.undo_is_review_only()
                } else {
                    doc.redo_is_review_only()
                };
                let can = if cmd == UiCommand::Undo {
                    doc.can_undo()
                } else {
                    doc.can_redo()
                };
                if self.view.review_mode && can && !review_only {
                    self.message(
                        ctx,
                        "閲覧モードでは、コメントと確認状態の変更だけを元に戻せます。",
                        false,
                    );
                    return;
                }
                let label = if cmd == UiCommand::Undo {
                    doc.undo_label()
                } else {
                    doc.redo_label()
                }
                .map(str::to_string);
                let target = if cmd == UiCommand::Undo {
                    doc.undo()
                } else {
                    doc.redo()
                };
                match (target, label) {
                    (Some(t), Some(l)) => {
                        self.epoch += 1;
                        self.go_to_target(t);
                        let verb = if cmd == UiCommand::Undo {
                            "元に戻しました"
                        } else {
                            "やり直しました"
                        };
                        self.message(ctx, format!("{verb}：{l}"), false);
                    }
                    _ => {
                        let what = if cmd == UiCommand::Undo {
                            "元に戻す"
                        } else {
                            "やり直す"
                        };
                        self.message(ctx, format!("{what}変更がありません。"), false);
                    }
                }
            }
            UiCommand::Find => self.view.focus_search = true,
            UiCommand::ZoomIn => self.set_zoom(ctx, self.zoom + 0.1),
            UiCommand::ZoomOut => self.set_zoom(ctx, self.zoom - 0.1),
            UiCommand::ZoomReset => self.set_zoom(ctx, 1.0),
            UiCommand::ExpandAll => {
                if let Some(doc) = &self.doc {
                    let d = doc.draft();
                    self.view.expanded.insert(ExpandKey::Field);
                    for (pi, p) in d.policies.iter().enumerate() {
                        self.view.expanded.insert(ExpandKey::Policy(pi));
                        for k in crate::model::BlockKind::ALL {
                            if !k.is_single_row() && !p.block(k).is_empty() {
                                self.view.expanded.insert(ExpandKey::Block(pi, k));
                            }
                        }
                    }
                    self.view.touch_tree();
                }
            }
            UiCommand::CollapseAll => {
                self.view.expanded.clear();
                self.view.expanded.insert(ExpandKey::Field);
                self.view.touch_tree();
            }
            UiCommand::ClearFilters => panels::tree::clear_filters(&mut self.view),
            UiCommand::About => {
                self.dialog = Some(Dialog::About {
                    renderer: self.renderer.clone(),
                })
            }
            UiCommand::Export => {
                if self.doc.is_some() {
                    self.exports.open_dialog();
                }
            }
            UiCommand::ToggleFindings => self.findings_open = !self.findings_open,
            UiCommand::ShowReport => {
                if self.view.selection == Selection::Report {
                    let back = self
                        .report_preview
                        .return_to
                        .take()
                        .unwrap_or(Selection::Field);
                    self.select(back, true);
                } else if self.doc.is_some() {
                    let from = self.view.selection.clone();
                    if let Selection::Row(id) = &from {
                        self.report_preview.scroll_to = Some(id.clone());
                    }
                    self.report_preview.return_to = Some(from);
                    self.select(Selection::Report, false);
                }
            }
            UiCommand::Recheck => {
                self.handle_findings_action(ctx, checking::FindingsAction::Recheck)
            }
            UiCommand::ToggleReviewMode
            | UiCommand::NextNeedsFix
            | UiCommand::NextUncommented
            | UiCommand::ReviewerName
            | UiCommand::CompareVersions
            | UiCommand::ImportReview => self.run_review_command(ctx, frame, cmd),
        }
    }

    fn set_zoom(&mut self, ctx: &egui::Context, zoom: f32) {
        self.zoom = ((zoom * 10.0).round() / 10.0).clamp(0.5, 3.0);
        ctx.set_zoom_factor(self.zoom);
        self.message(
            ctx,
            format!("表示倍率 {} %", (self.zoom * 100.0).round()),
            false,
        );
    }

    /// Writes a recovery copy every few seconds while there is unsaved work.
    fn keep_recovery_copy(&mut self, ctx: &egui::Context) {
        let Some(dir) = self.settings_dir.clone() else {
            return;
        };
        let Some(doc) = &self.doc else { return };
        let comments = self.review.comments.unposted(doc.draft());
        if !doc.is_dirty() && comments.is_empty() {
            // Nothing left to lose (saved, or the words in the boxes cleared): a copy written
            // in this session goes.
            if self.recovery_written.take().is_some() && !self.recovery_pending {
                recovery::remove(&dir, &self.recovery_key());
            }
            return;
        }
        // What the copy holds: the draft's revision and the words in the comment boxes.
        let state = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            doc.revision().hash(&mut h);
            comments.hash(&mut h);
            h.finish()
        };
        if self.recovery_pending || self.recovery_written == Some(state) {
            return;
        }
        let now = ctx.input(|i| i.time);
        if now - self.recovery_time < RECOVERY_INTERVAL {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                RECOVERY_INTERVAL - (now - self.recovery_time) + 0.05,
            ));
            return;
        }
        let stamp = self.file.stamp;
        let info = RecoveryInfo {
            key: self.recovery_key(),
            original: self.file.path.clone(),
            name: self.file.name.clone(),
            written_at: recovery::now_unix(),
            stamp_len: stamp.map(|s| s.len),
            stamp_hash: stamp.map(|s| s.hash),
            comments,
        };
        self.recovery_pending = true;
        self.recovery_time = now;
        self.jobs
            .write_recovery(dir, info, doc.draft().clone(), state);
    }

    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next()
            && self.dialog.is_none()
        {
            self.actions.push(Action::OpenPath(path));
        }
    }

    fn central_ui(&mut self, ui: &mut egui::Ui) {
        if let Some(path) = &self.loading
            && self.doc.is_none()
        {
            ui.centered_and_justified(|ui| {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(format!("「{}」を読み込んでいます…", state::file_name(path)));
                });
            });
            return;
        }
        if let Some(f) = &self.load_failure {
            load_failure_ui(ui, f, &mut self.actions);
            return;
        }
        let Some(doc) = &self.doc else {
            ui.label("下書きが開かれていません。「ファイル」→「開く」から開いてください。");
            return;
        };
        if self.view.review_mode {
            panels::comments::review_banner(ui, self.review.reviewer(), &mut self.actions);
        }
        if self.view.selection == Selection::Report {
            panels::report_preview::report_preview_ui(
                ui,
                &mut self.report_preview,
                doc.draft(),
                doc.revision(),
                &mut self.actions,
            );
            return;
        }
        let mut cx = EditorCtx {
            draft: doc.draft(),
            revision: doc.revision(),
            view: &mut self.view,
            actions: &mut self.actions,
            epoch: self.epoch,
            preview: &mut self.preview,
            review: &mut self.review,
        };
        panels::editor_panel(ui, &mut cx);
    }
}

fn load_error_dialog(path: &Path, error: &LoadError) -> Dialog {
    let detail = match error {
        LoadError::Syntax(s) => Some(format!("{}行目: {}", s.line, s.source_line.trim_end())),
        _ => None,
    };
    Dialog::Message {
        title: "ファイルを開けませんでした".into(),
        text: format!("{}\n\n{}", path.display(), error),
        detail,
    }
}

fn load_failure_ui(ui: &mut egui::Ui, f: &LoadFailure, actions: &mut Vec<Action>) {
    ui.add_space(20.0);
    ui.label(egui::RichText::new("ファイルを開けませんでした").heading());
    ui.label(egui::RichText::new(f.path.display().to_string()).weak());
    ui.add_space(8.0);
    ui.label(f.error.to_string());
    if let LoadError::Syntax(s) = &f.error {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(
                egui::RichText::new(format!("{}行目: {}", s.line, s.source_line.trim_end()))
                    .monospace(),
            );
        });
    }
    ui.add_space(8.0);
    ui.label("ファイルは変更していません。");
    ui.horizontal(|ui| {
        if ui.button("別のファイルを開く…").clicked() {
            actions.push(Action::Ui(UiCommand::Open));
        }
        if ui.button("同梱の下書きを開く").clicked() {
            actions.push(Action::Ui(UiCommand::OpenBundled));
        }
    });
}

impl eframe::App for ShinkyuApp {
    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        for job in self.jobs.poll() {
            self.handle_job(ctx, frame, job);
        }
        self.checks.poll(self.doc.as_ref(), ctx.input(|i| i.time));
        focus::expire(ctx);

        // Closing with unsaved changes or comments being written: cancel in the same pass,
        // then ask (about the comments first: saving would not keep them).
        if ctx.input(|i| i.viewport().close_requested())
            && !self.allow_close
            && (self.is_dirty() || self.saving || !self.unposted_comments().is_empty())
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            let asking = matches!(
                self.dialog,
                Some(Dialog::Unsaved { .. } | Dialog::UnpostedComments { .. })
            );
            if !asking {
                let dialog =
                    self.unposted_dialog(AfterSave::Quit)
                        .unwrap_or_else(|| Dialog::Unsaved {
                            name: self.file.name.clone(),
                            then: AfterSave::Quit,
                        });
                self.dialog = Some(dialog);
            }
        }
        self.keep_recovery_copy(ctx);
        self.dropped_files(ctx);

        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        if let Some(s) = &self.status
            && ctx.input(|i| i.time) - s.since > STATUS_SECONDS
        {
            self.status = None;
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.shortcuts(&ctx);
        self.review_frame(&ctx);

        if let Some(doc) = &self.doc {
            self.tree.refresh(doc.draft(), doc.revision(), &self.view);
        }
        let review_mode = self.view.review_mode;
        // 閲覧モード undoes comments and review states only.
        let info = MenuInfo {
            has_doc: self.doc.is_some(),
            undo: self
                .doc
                .as_ref()
                .filter(|d| !review_mode || d.undo_is_review_only())
                .and_then(Document::undo_label),
            redo: self
                .doc
                .as_ref()
                .filter(|d| !review_mode || d.redo_is_review_only())
                .and_then(Document::redo_label),
            recent: &self.recent,
            busy: self.jobs.busy(),
            findings: self.checks.has_result().then(|| self.checks.counts()),
            findings_open: self.findings_open,
            report_open: self.view.selection == Selection::Report,
            review_mode,
            comparing: self.review.comparison.is_some(),
        };
        egui::Panel::top("menu").show(ui, |ui| {
            panels::menu::menu_bar(ui, &info, &mut self.actions);
            panels::menu::toolbar(ui, &info, &mut self.actions);
        });
        let file_label = match (&self.file.path, self.file.bundled) {
            (Some(p), _) => p.display().to_string(),
            (None, true) => format!(
                "{}（プログラムに同梱・保存すると別のファイルになります）",
                self.file.name
            ),
            (None, false) => format!("{}（未保存）", self.file.name),
        };
        let dirty = self.is_dirty();
        let revision = self.doc.as_ref().map(Document::revision);
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                if self.doc.is_some() {
                    panels::findings::status_counts(ui, &self.checks, revision);
                    ui.separator();
                }
                panels::menu::status_bar(
                    ui,
                    &file_label,
                    dirty,
                    self.status.as_ref(),
                    &self.renderer,
                );
            });
        });
        if self.doc.is_some() && self.findings_open {
            egui::Panel::bottom("findings")
                .resizable(true)
                .default_size(230.0)
                .size_range(120.0..=700.0)
                .show(ui, |ui| {
                    panels::findings::findings_panel(
                        ui,
                        &self.checks,
                        &mut self.findings_panel,
                        revision,
                        &mut self.actions,
                    );
                });
        }
        if let Some(doc) = &self.doc {
            egui::Panel::left("tree")
                .resizable(true)
                .default_size(420.0)
                .size_range(240.0..=700.0)
                .show(ui, |ui| {
                    panels::tree::tree_panel(
                        ui,
                        doc.draft(),
                        &self.tree,
                        &mut self.view,
                        &mut self.actions,
                    );
                });
        }
        if let (Some(c), Some(doc)) = (&mut self.review.comparison, &self.doc) {
            egui::Panel::right("versions")
                .resizable(true)
                .default_size(440.0)
                .size_range(280.0..=800.0)
                .show(ui, |ui| {
                    panels::versions::versions_panel(
                        ui,
                        c,
                        doc.draft(),
                        &self.view.selection,
                        &mut self.actions,
                    );
                });
        }
        egui::CentralPanel::default_margins().show(ui, |ui| self.central_ui(ui));

        if let Some(dialog) = &self.dialog
            && let Some(choice) = dialogs::show(&ctx, dialog)
        {
            self.handle_choice(&ctx, frame, choice);
        }
        self.export_ui(&ctx, frame);
        if let Some(a) = panels::findings::suppress_dialog(&ctx, &mut self.checks) {
            self.actions.push(Action::Findings(a));
        }
        self.review_dialogs(&ctx);

        self.drain_actions(&ctx, frame);

        if !self.first_frame_reported {
            self.first_frame_reported = true;
            if std::env::var_os("SHINKYU_STARTUP_TIMING").is_some() {
                eprintln!(
                    "shinkyu: 最初の画面まで {} ms（描画方式 {}）",
                    self.started.elapsed().as_millis(),
                    self.renderer
                );
            }
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        Prefs {
            recent: self.recent.clone(),
            zoom: self.zoom,
            theme: self.theme,
            export: self.exports.prefs.clone(),
            findings_open: self.findings_open,
            author: self.checks.author.clone(),
        }
        .store(storage);
        self.review.prefs.store(storage);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if (!self.is_dirty() && self.unposted_comments().is_empty()) || self.discard_on_exit {
            self.remove_recovery();
        }
    }

    fn persist_egui_memory(&self) -> bool {
        false
    }
}

/// Starts the desktop editor; returns the process exit code. Tries the renderers in order
/// (wgpu, then glow, unless one is asked for) and reports which one ran.
/// `review` starts in 閲覧モード (`--review`).
pub fn run(file: Option<PathBuf>, renderer: Option<RendererChoice>, review: bool) -> i32 {
    let started = Instant::now();
    let (order, warning) = platform::renderer_order(renderer);
    if let Some(w) = warning {
        eprintln!("shinkyu: {w}");
    }
    let settings = platform::settings_dir();
    let mut last_error = String::new();
    for (i, choice) in order.iter().copied().enumerate() {
        let created = std::rc::Rc::new(std::cell::Cell::new(false));
        let created_in = created.clone();
        let start = match &file {
            Some(p) => StartWith::File(p.clone()),
            None => StartWith::Bundled,
        };
        let options = eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default()
                .with_app_id(APP_ID)
                .with_title(match &file {
                    Some(p) => format!("{} — shinkyu 新旧", state::file_name(p)),
                    None => "shinkyu 新旧".to_string(),
                })
                .with_inner_size([1360.0, 860.0])
                .with_min_inner_size([720.0, 480.0])
                .with_drag_and_drop(true)
                .with_icon(
                    eframe::icon_data::from_png_bytes(include_bytes!(
                        "../../assets/shinkyu-128.png"
                    ))
                    .unwrap_or_default(),
                ),
            renderer: choice.to_eframe(),
            // A file: eframe keeps the recent files, zoom and theme in it.
            persistence_path: settings.as_ref().map(|d| d.join("settings.ron")),
            ..Default::default()
        };
        let result = eframe::run_native(
            APP_ID,
            options,
            Box::new(move |cc| {
                created_in.set(true);
                let mut opts = AppOptions::desktop(start);
                opts.renderer = choice.name().to_string();
                eprintln!("shinkyu: 描画方式 {}", choice.name());
                let mut app = ShinkyuApp::new(cc, opts);
                app.started = started;
                if review {
                    app.request_review_mode();
                }
                Ok(Box::new(app))
            }),
        );
        match result {
            Ok(()) => return 0,
            Err(e) => {
                last_error = e.to_string();
                if created.get() {
                    eprintln!(
                        "shinkyu: 画面の処理中にエラーが起きました（{}）: {e}",
                        choice.name()
                    );
                    return 1;
                }
                if let Some(next) = order.get(i + 1) {
                    eprintln!(
                        "shinkyu: {} で画面を開けませんでした（{e}）。{} で再試行します。",
                        choice.name(),
                        next.name()
                    );
                }
            }
        }
    }
    eprintln!(
        "shinkyu: 画面を開けませんでした（{last_error}）。`--renderer glow` または `--renderer wgpu` を試してください。"
    );
    1
}
