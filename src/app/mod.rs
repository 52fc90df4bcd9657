//! The desktop editor (eframe/egui): 企画課 staff open a draft, move through it in the tree,
//! set each row's status, write the revised text and save; section managers review it in
//! 閲覧モード.
//!
//! Structure (after rerun's viewer and Ruffle's desktop GUI):
//! - [`ShinkyuApp`] (this file) holds the state and lays out the window once per frame; it
//!   depends on everything below, nothing below depends on it.
//! - Panels ([`panels`], one file each) and dialogs ([`dialogs`], one file each, one on screen
//!   at a time) read the state they are given and queue [`Action`]s; they never change the
//!   draft.
//! - `handling/` carries the actions out at the end of the frame: [`UiCommand`]s and the queue
//!   (`commands.rs`), opening and saving files and recovery copies (`documents.rs`), checker
//!   findings, 閲覧モード and 出力 (`findings.rs`, `review.rs`, `export.rs`). Document changes go
//!   to [`crate::edit::Document::apply`], which records undo.
//! - The state: the open draft as one [`OpenDraft`] (document, file, view, caches, findings,
//!   comments being written, recovery copy), [`ReviewMode`] stored once, the dialogs
//!   ([`Modals`]), the preferences ([`Prefs`], one serde struct).
//! - File work, checks, exports and comparisons run off the UI thread ([`jobs`], [`checking`],
//!   [`export`]); the OS is reached through seams tests replace ([`platform::FileDialogs`],
//!   [`platform::Launcher`], the settings folder). [`native`] starts the window with a
//!   renderer fallback.

pub mod checking;
pub mod dialogs;
pub mod export;
pub mod focus;
pub mod fonts;
mod handling;
pub mod jobs;
mod layout;
pub mod native;
pub mod open_draft;
pub mod panels;
pub mod platform;
pub mod prefs;
pub mod recovery;
pub mod review_mode;
pub mod state;
pub mod tree;
pub mod ui_command;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use egui::ViewportCommand;

use crate::check::Checker;
use crate::edit::Document;
use crate::model::Draft;
use dialogs::message::Dialog;
use dialogs::{Modal, Modals};
use jobs::{AfterSave, Jobs};
pub use native::run;
use open_draft::OpenDraft;

use panels::menu::{STATUS_SECONDS, StatusMessage};
use platform::{FileDialogs, RfdDialogs};
pub use prefs::Prefs;
use review_mode::ReviewMode;
use state::{FileInfo, LoadFailure, Selection};
pub use ui_command::{Action, UiCommand};

/// The application id (ASCII): the settings folder's name and the window class.
pub const APP_ID: &str = crate::io::APP_ID;

/// How often unsaved work is copied to the recovery folder (seconds).
pub const RECOVERY_INTERVAL: f64 = 5.0;

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

/// The editor.
pub struct ShinkyuApp {
    /// The open draft; `None` before the first one is read, or when it could not be.
    draft: Option<OpenDraft>,
    /// A file being read.
    loading: Option<PathBuf>,
    /// Why the last file could not be opened while no draft was open.
    load_failure: Option<LoadFailure>,
    /// 閲覧モード, stored here only: panels are told it.
    review_mode: ReviewMode,
    /// The dialog on screen and the ones waiting.
    modals: Modals,
    prefs: Prefs,
    /// What the panels and dialogs asked for this frame.
    actions: Vec<Action>,
    status: Option<StatusMessage>,
    /// Salt for text field ids: bumped on undo/redo and when a draft is opened, so that text
    /// fields drop their own (now stale) undo history.
    epoch: u64,
    /// The 検査結果 panel's filters and folds.
    findings_panel: panels::findings::PanelState,
    /// The checker with its dictionary, shared by the drafts' checks.
    checker: Arc<Checker>,
    jobs: Jobs,
    exports: export::ExportState,
    dialogs: Box<dyn FileDialogs>,
    launcher: Box<dyn platform::Launcher>,
    settings_dir: Option<PathBuf>,
    renderer: String,
    /// The user confirmed closing; the next close request goes through.
    allow_close: bool,
    title: String,
    started: Instant,
    first_frame_reported: bool,
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
        let prefs = Prefs::load(cc.storage);
        ctx.set_zoom_factor(prefs.zoom);
        ctx.set_theme(prefs.theme);
        let mut app = ShinkyuApp {
            draft: None,
            loading: None,
            load_failure: None,
            review_mode: ReviewMode::Off,
            modals: Modals::default(),
            prefs,
            actions: Vec::new(),
            status: None,
            epoch: 0,
            findings_panel: Default::default(),
            checker: Arc::new(Checker::default()),
            jobs: Jobs::new(ctx.clone()),
            exports: export::ExportState::new(ctx.clone()),
            dialogs: options.dialogs,
            launcher: options.launcher,
            settings_dir: options.settings_dir,
            renderer,
            allow_close: false,
            title: String::new(),
            started: Instant::now(),
            first_frame_reported: false,
        };
        match options.start {
            StartWith::Bundled => app.open_bundled(ctx),
            StartWith::File(path) => app.start_load(path),
            StartWith::Draft { draft, name } => app.set_document(
                ctx,
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
                app.modals.open(Modal::Dialog(Dialog::Recovery { entries }));
            }
        }
        app
    }

    // --- queries (the tests' view of the app) ------------------------------------------------

    /// The open document.
    pub fn document(&self) -> Option<&Document> {
        self.draft.as_ref().map(|d| &d.doc)
    }

    /// The open draft with everything that belongs to it.
    pub fn open_draft(&self) -> Option<&OpenDraft> {
        self.draft.as_ref()
    }

    /// The open draft's file (an empty one when no draft is open).
    pub fn file(&self) -> &FileInfo {
        static NONE: FileInfo = FileInfo::none();
        self.draft.as_ref().map_or(&NONE, |d| &d.file)
    }

    /// What the centre shows (the 分野 when no draft is open).
    pub fn selection(&self) -> &Selection {
        static NONE: Selection = Selection::Field;
        self.draft.as_ref().map_or(&NONE, |d| &d.view.selection)
    }

    /// The dialog on screen.
    pub fn modal(&self) -> Option<&Modal> {
        self.modals.current()
    }

    /// The question or message on screen.
    pub fn dialog(&self) -> Option<&Dialog> {
        match self.modals.current()? {
            Modal::Dialog(d) => Some(d),
            _ => None,
        }
    }

    /// The 出力 dialog, when it is on screen.
    pub fn export_dialog(&self) -> Option<&dialogs::export::ExportDialog> {
        match self.modals.current()? {
            Modal::Export(d) => Some(d),
            _ => None,
        }
    }

    /// The merge dialog, when it is on screen.
    pub fn merge_dialog(&self) -> Option<&dialogs::merge::MergeDialog> {
        match self.modals.current()? {
            Modal::Merge(d) => Some(d),
            _ => None,
        }
    }

    /// The reviewer's name dialog, when it is on screen.
    pub fn name_dialog(&self) -> Option<&dialogs::reviewer_name::NameDialog> {
        match self.modals.current()? {
            Modal::ReviewerName(d) => Some(d),
            _ => None,
        }
    }

    /// True while a file is loaded or saved in the background, a check waits or runs, or an
    /// export runs.
    pub fn busy(&self) -> bool {
        self.jobs.busy()
            || self.exports.busy()
            || self
                .draft
                .as_ref()
                .is_some_and(|d| d.checks.busy() || d.report_preview.building())
    }

    /// The preferences as they would be stored now.
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// True while the 検査結果 panel is shown.
    pub fn findings_open(&self) -> bool {
        self.prefs.findings_open
    }

    pub fn recent_files(&self) -> &[PathBuf] {
        &self.prefs.recent
    }

    /// The status bar's message.
    pub fn status_text(&self) -> Option<&str> {
        self.status.as_ref().map(|s| s.text.as_str())
    }

    pub fn renderer(&self) -> &str {
        &self.renderer
    }

    /// True in 閲覧モード.
    pub fn review_mode(&self) -> bool {
        self.review_mode.is_on()
    }

    /// The reviewer's name as remembered.
    pub fn reviewer_name(&self) -> &str {
        &self.prefs.reviewer
    }

    /// The comparison with a previous version, when one is shown.
    pub fn comparison(&self) -> Option<&panels::versions::Comparison> {
        self.draft.as_ref()?.comparison.as_ref()
    }

    fn open(&self) -> &OpenDraft {
        self.draft.as_ref().expect("a draft is open")
    }

    /// The open draft's checks. Panics when no draft is open.
    pub fn checks(&self) -> &checking::Checks {
        &self.open().checks
    }

    /// The 新旧対照表 preview. Panics when no draft is open.
    pub fn report_preview(&self) -> &panels::report_preview::ReportPreview {
        &self.open().report_preview
    }

    /// The tree on the left as it was last built. Panics when no draft is open.
    pub fn tree(&self) -> &tree::Tree {
        &self.open().tree
    }

    /// The window title the app asks for: the file name, with ● when unsaved.
    pub fn window_title(&self) -> String {
        let name = match (&self.draft, &self.loading, &self.load_failure) {
            (Some(d), _, _) => d.file.name.clone(),
            (None, Some(path), _) | (None, None, Some(LoadFailure { path, .. })) => {
                state::file_name(path)
            }
            (None, None, None) => String::new(),
        };
        let name = if name.is_empty() {
            "（無題）".to_string()
        } else {
            name
        };
        let bundled = if self.file().bundled {
            "（同梱）"
        } else {
            ""
        };
        let mode = if self.review_mode.is_on() {
            "［閲覧モード］"
        } else {
            ""
        };
        let dirty = if self.is_dirty() { "● " } else { "" };
        format!("{dirty}{name}{bundled}{mode} — shinkyu 新旧")
    }

    // --- the frame -------------------------------------------------------------------------

    fn message(&mut self, ctx: &egui::Context, text: impl Into<String>, error: bool) {
        self.status = Some(StatusMessage {
            text: text.into(),
            error,
            since: ctx.input(|i| i.time),
        });
    }

    fn is_dirty(&self) -> bool {
        self.draft.as_ref().is_some_and(OpenDraft::is_dirty)
    }
}

impl eframe::App for ShinkyuApp {
    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        for job in self.jobs.poll() {
            self.handle_job(ctx, frame, job);
        }
        self.export_results();
        if let Some(d) = &mut self.draft {
            d.checks.poll(&d.doc, ctx.input(|i| i.time));
        }
        focus::expire(ctx);

        // Closing with unsaved changes or comments being written: cancel in the same pass,
        // then ask (about the comments first: saving would not keep them).
        if ctx.input(|i| i.viewport().close_requested())
            && !self.allow_close
            && self.draft.as_ref().is_some_and(OpenDraft::has_unsaved_work)
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            let asking = matches!(
                self.modals.current(),
                Some(Modal::Dialog(
                    Dialog::Unsaved { .. } | Dialog::UnpostedComments { .. }
                ))
            );
            if !asking {
                let question = self.leave_question(AfterSave::Quit);
                self.modals
                    .open_first(Modal::Dialog(question.unwrap_or_else(|| {
                        Dialog::Unsaved {
                            name: self
                                .draft
                                .as_ref()
                                .map_or_else(String::new, |d| d.file.name.clone()),
                            then: AfterSave::Quit,
                        }
                    })));
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
        if let Some(d) = &mut self.draft {
            d.tree.refresh(d.doc.draft(), d.doc.revision(), &d.view);
        }
        self.panels_ui(ui);
        self.modals.show(&ctx, &mut self.actions);
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
        self.prefs.store(storage);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        let Some(d) = &self.draft else { return };
        if (!d.is_dirty() && d.unposted().is_empty()) || d.recovery.discard_on_exit {
            self.remove_recovery();
        }
    }

    fn persist_egui_memory(&self) -> bool {
        false
    }
}
