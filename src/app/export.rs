//! ファイル › 出力… (Ctrl+E): the 新旧対照表 as HTML, Word, Excel, CSV or JSON. A dialog with the
//! format and the options (remembered in the settings), the save dialog with a suggested
//! Windows-safe name, the export on a worker thread with a progress bar, errors in Japanese,
//! and at the end 「ファイルを開く」 and 「フォルダーを開く」 (through [`super::platform::Launcher`],
//! so tests launch nothing).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui::{Id, Modal, RichText, Ui};
use serde::{Deserialize, Serialize};

use super::ShinkyuApp;
use super::state::file_name;
use crate::io::{self, SaveOptions};
use crate::model::Draft;
use crate::report::{
    self, ColumnOrder, ComparisonView, ExportOptions, Format, HtmlOptions, JsonContent,
    UnchangedRows, ViewOptions, XlsxOptions,
};

/// The options of the last export, kept in the settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportPrefs {
    /// `html`, `docx`, `xlsx`, `csv` or `json`.
    pub format: String,
    /// 改定案 left (例規 order).
    pub revised_left: bool,
    /// Unchanged rows as （変更なし）.
    pub unchanged_placeholder: bool,
    pub memo_column: bool,
    /// 検査結果 as an appendix (HTML, Word) or a sheet (Excel).
    pub findings: bool,
    /// 確認状況（コメント） column (HTML, Word).
    pub review_column: bool,
    /// JSON: the comparison view instead of the whole draft.
    pub json_comparison: bool,
    /// Where the last export went.
    pub last_dir: Option<PathBuf>,
}

impl Default for ExportPrefs {
    fn default() -> Self {
        ExportPrefs {
            format: "html".into(),
            revised_left: false,
            unchanged_placeholder: false,
            memo_column: false,
            findings: false,
            review_column: false,
            json_comparison: false,
            last_dir: None,
        }
    }
}

impl ExportPrefs {
    pub fn format(&self) -> Format {
        Format::ALL
            .into_iter()
            .find(|f| f.extension() == self.format)
            .unwrap_or(Format::Html)
    }

    /// The exporters' options (the findings and the version comparison are added by the job).
    pub fn options(&self) -> ExportOptions {
        ExportOptions {
            view: ViewOptions::default(),
            html: HtmlOptions {
                column_order: if self.revised_left {
                    ColumnOrder::RevisedLeft
                } else {
                    ColumnOrder::CurrentLeft
                },
                unchanged: if self.unchanged_placeholder {
                    UnchangedRows::Placeholder
                } else {
                    UnchangedRows::Full
                },
                memo_column: self.memo_column,
                findings: None,
                review_column: self.review_column,
                changes: None,
            },
            xlsx: XlsxOptions { findings: None },
            json: if self.json_comparison {
                JsonContent::Comparison
            } else {
                JsonContent::Draft
            },
        }
    }
}

/// The previous version chosen for 前回の版と比較.
#[derive(Clone, Debug)]
pub enum Previous {
    Loading(PathBuf),
    Loaded {
        path: PathBuf,
        draft: Arc<Draft>,
        /// How many rows differ from the open draft (when it was chosen).
        changes: usize,
    },
    Failed {
        path: PathBuf,
        error: String,
    },
}

/// Where the dialog is.
#[derive(Clone, Debug)]
pub enum Stage {
    Options,
    Running {
        path: PathBuf,
        started: Instant,
    },
    Done {
        path: PathBuf,
        bytes: usize,
        elapsed: Duration,
        /// A message after 開く failed.
        launch_error: Option<String>,
    },
    Failed {
        error: String,
    },
}

/// The 出力 dialog.
#[derive(Clone, Debug)]
pub struct ExportDialog {
    pub prefs: ExportPrefs,
    /// 前回の版と比較 ticked.
    pub compare: bool,
    pub previous: Option<Previous>,
    pub stage: Stage,
}

/// Progress of a running export: (what, done, total).
pub type Progress = Arc<Mutex<(&'static str, usize, usize)>>;

enum Msg {
    Previous {
        path: PathBuf,
        result: Result<(Arc<Draft>, usize), String>,
    },
    Exported {
        path: PathBuf,
        result: Result<usize, String>,
        elapsed: Duration,
    },
}

/// The export state of the app: the remembered options, the dialog and the worker.
pub struct ExportState {
    pub prefs: ExportPrefs,
    pub dialog: Option<ExportDialog>,
    progress: Progress,
    running: bool,
    loading: bool,
    tx: Sender<Msg>,
    rx: Receiver<Msg>,
    ctx: egui::Context,
}

impl ExportState {
    pub fn new(ctx: egui::Context, prefs: ExportPrefs) -> ExportState {
        let (tx, rx) = channel();
        ExportState {
            prefs,
            dialog: None,
            progress: Arc::new(Mutex::new(("", 0, 0))),
            running: false,
            loading: false,
            tx,
            rx,
            ctx,
        }
    }

    /// True while an export or the previous version is being read.
    pub fn busy(&self) -> bool {
        self.running || self.loading
    }

    pub fn open_dialog(&mut self) {
        if self.dialog.is_none() {
            self.dialog = Some(ExportDialog {
                prefs: self.prefs.clone(),
                compare: false,
                previous: None,
                stage: Stage::Options,
            });
        }
    }

    fn spawn(&self, name: &str, job: impl FnOnce() -> Msg + Send + 'static) -> bool {
        super::jobs::spawn_worker(name, &self.tx, &self.ctx, job)
    }

    fn load_previous(&mut self, path: PathBuf, current: Draft) {
        let p = path.clone();
        self.loading = self.spawn("previous", move || {
            let result = io::load_draft(&p)
                .map(|loaded| {
                    let changes = crate::review::compare_versions(&loaded.draft, &current)
                        .changes
                        .len();
                    (Arc::new(loaded.draft), changes)
                })
                .map_err(|e| e.to_string());
            Msg::Previous { path: p, result }
        });
        if let Some(d) = &mut self.dialog {
            d.previous = Some(Previous::Loading(path));
        }
    }

    fn start(&mut self, job: ExportJob) {
        *self.progress.lock().expect("progress") = ("準備", 0, 0);
        let progress = self.progress.clone();
        let path = job.path.clone();
        self.running = self.spawn("export", move || {
            let t = Instant::now();
            let result = job.run(&progress);
            Msg::Exported {
                path,
                result,
                elapsed: t.elapsed(),
            }
        });
        if !self.running
            && let Some(d) = &mut self.dialog
        {
            d.stage = Stage::Failed {
                error: "出力の処理を開始できませんでした。".into(),
            };
        }
    }

    /// Takes finished work.
    pub fn poll(&mut self) {
        for msg in self.rx.try_iter().collect::<Vec<_>>() {
            match msg {
                Msg::Previous { path, result } => {
                    self.loading = false;
                    let Some(d) = &mut self.dialog else { continue };
                    // Only the file chosen last counts.
                    if !matches!(&d.previous, Some(Previous::Loading(p)) if *p == path) {
                        continue;
                    }
                    d.previous = Some(match result {
                        Ok((draft, changes)) => Previous::Loaded {
                            path,
                            draft,
                            changes,
                        },
                        Err(error) => Previous::Failed { path, error },
                    });
                }
                Msg::Exported {
                    path,
                    result,
                    elapsed,
                } => {
                    self.running = false;
                    let stage = match result {
                        Ok(bytes) => Stage::Done {
                            path,
                            bytes,
                            elapsed,
                            launch_error: None,
                        },
                        Err(error) => Stage::Failed { error },
                    };
                    match &mut self.dialog {
                        Some(d) => d.stage = stage,
                        None => {
                            self.dialog = Some(ExportDialog {
                                prefs: self.prefs.clone(),
                                compare: false,
                                previous: None,
                                stage,
                            })
                        }
                    }
                }
            }
        }
    }
}

/// One export, run on a worker thread.
pub struct ExportJob {
    pub draft: Draft,
    pub format: Format,
    pub options: ExportOptions,
    /// Add the checker's findings (HTML and Word appendix, Excel sheet).
    pub findings: bool,
    /// Compare with this previous version (HTML, Word: 前回からの主な修正内容).
    pub previous: Option<Arc<Draft>>,
    pub path: PathBuf,
}

impl ExportJob {
    /// Builds the report and writes it atomically; returns the file's size.
    pub fn run(self, progress: &Progress) -> Result<usize, String> {
        let set = |what: &'static str, done: usize, total: usize| {
            if let Ok(mut p) = progress.lock() {
                *p = (what, done, total);
            }
        };
        let ExportJob {
            draft,
            format,
            mut options,
            findings,
            previous,
            path,
        } = self;
        if findings && (format.is_printable() || format == Format::Xlsx) {
            set("検査", 0, 1);
            let entries = report::findings_appendix(&draft);
            options.html.findings = Some(entries.clone());
            options.xlsx.findings = Some(entries);
        }
        if let Some(old) = &previous
            && format.is_printable()
        {
            set("前の版との比較", 0, 1);
            options.html.changes = Some(crate::review::compare_versions(old, &draft));
        }
        let bytes = if format == Format::Json && options.json == JsonContent::Draft {
            report::json::to_json(&draft)
        } else {
            let total = draft.policies.len();
            set("新旧対照表の作成", 0, total);
            let view =
                ComparisonView::build_with_progress(&draft, &options.view, &mut |done, total| {
                    set("新旧対照表の作成", done, total)
                });
            set("ファイルの作成", total, total);
            report::export_view(&draft, &view, format, &options).map_err(|e| e.to_string())?
        };
        set("書き込み", 1, 1);
        let save = SaveOptions {
            backup: false,
            ..SaveOptions::default()
        };
        io::write_atomic(&path, &bytes, &save).map_err(|e| e.to_string())?;
        Ok(bytes.len())
    }
}

fn format_help(f: Format) -> &'static str {
    match f {
        Format::Html => "1つのファイルで完結し、ブラウザーで開いて A4 横で印刷できます",
        Format::Docx => "Word で開いて見出し・注記・表紙などを編集できます（A4 横）",
        Format::Xlsx => "集計シートと施策大項目ごとのシート。庁内照会にそのまま使えます",
        Format::Csv => "1行に1比較行（UTF-8 BOM 付き、Excel で開けます）",
        Format::Json => "ほかのプログラムで読むためのデータ",
    }
}

fn size_label(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / 1024.0 / 1024.0)
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// What the user did in the dialog.
enum Choice {
    Close,
    PickPrevious,
    Export,
    OpenFile(PathBuf),
    OpenFolder(PathBuf),
    BackToOptions,
}

fn options_ui(ui: &mut Ui, d: &mut ExportDialog, out: &mut Option<Choice>) {
    ui.label(RichText::new("形式").strong());
    let mut format = d.prefs.format();
    for f in Format::ALL {
        ui.radio_value(&mut format, f, f.label())
            .on_hover_text(format_help(f));
    }
    d.prefs.format = format.extension().to_string();
    ui.label(RichText::new(format_help(format)).small().weak());
    ui.add_space(6.0);

    let html = format.is_printable();
    ui.label(RichText::new("HTML・Word の設定").strong());
    ui.add_enabled_ui(html, |ui| {
        ui.horizontal(|ui| {
            ui.label("列の並び");
            ui.radio_value(&mut d.prefs.revised_left, false, "現行｜改定案");
            ui.radio_value(
                &mut d.prefs.revised_left,
                true,
                "改定案｜現行（例規の並び）",
            );
        });
        ui.horizontal(|ui| {
            ui.label("変更のない行");
            ui.radio_value(&mut d.prefs.unchanged_placeholder, false, "両欄に全文");
            ui.radio_value(
                &mut d.prefs.unchanged_placeholder,
                true,
                "改定案欄は（変更なし）",
            );
        });
        ui.checkbox(
            &mut d.prefs.memo_column,
            "備考列（変更理由・各課意見）を付ける",
        );
        ui.checkbox(&mut d.prefs.review_column, "確認状況（コメント）列を付ける")
            .on_hover_text("課長の確認状態とコメントを行ごとに表示します");
        ui.horizontal(|ui| {
            ui.checkbox(&mut d.compare, "前回の版と比較する")
                .on_hover_text("「前回からの主な修正内容」を集計の後に付けます");
            if d.compare
                && ui
                    .button("前の版を選ぶ…")
                    .on_hover_text("比べる前の版の下書き（.ron）を選びます")
                    .clicked()
            {
                *out = Some(Choice::PickPrevious);
            }
        });
        if d.compare {
            let text = match &d.previous {
                None => "前の版がまだ選ばれていません。".to_string(),
                Some(Previous::Loading(p)) => format!("「{}」を読み込んでいます…", file_name(p)),
                Some(Previous::Loaded { path, changes, .. }) => {
                    format!(
                        "「{}」と比較します（{changes} 行に違いがあります）",
                        file_name(path)
                    )
                }
                Some(Previous::Failed { path, error }) => {
                    format!("「{}」を読み込めませんでした：{error}", file_name(path))
                }
            };
            ui.label(RichText::new(text).small());
        }
    });
    ui.add_enabled_ui(html || format == Format::Xlsx, |ui| {
        ui.checkbox(
            &mut d.prefs.findings,
            "検査結果を付ける（HTML・Word は付録、Excel はシート）",
        );
    });
    if format == Format::Json {
        ui.horizontal(|ui| {
            ui.label("JSON の内容");
            ui.radio_value(&mut d.prefs.json_comparison, false, "下書き全体");
            ui.radio_value(
                &mut d.prefs.json_comparison,
                true,
                "新旧対照表の行と変更箇所",
            );
        });
    }
    ui.add_space(10.0);
    let waiting = d.compare && html && !matches!(d.previous, Some(Previous::Loaded { .. }));
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!waiting, egui::Button::new("出力先を選んで出力…"))
            .on_disabled_hover_text("比較する前の版を選んでください")
            .clicked()
        {
            *out = Some(Choice::Export);
        }
        if ui.button("キャンセル").clicked() {
            *out = Some(Choice::Close);
        }
    });
}

fn dialog_ui(ui: &mut Ui, d: &mut ExportDialog, progress: &Progress, out: &mut Option<Choice>) {
    ui.set_min_width(480.0);
    ui.set_max_width(560.0);
    ui.label(RichText::new("新旧対照表の出力").heading());
    ui.add_space(4.0);
    match &d.stage {
        Stage::Options => options_ui(ui, d, out),
        Stage::Running { path, started } => {
            ui.label(format!("「{}」を作成しています…", file_name(path)));
            let (what, done, total) = *progress.lock().expect("progress");
            let fraction = if total > 0 {
                done as f32 / total as f32
            } else {
                0.0
            };
            let text = if total > 1 {
                format!("{what}（{done} / {total}）")
            } else {
                what.to_string()
            };
            ui.add(egui::ProgressBar::new(fraction).text(text))
                .accessible_name("出力の進み具合");
            ui.label(
                RichText::new(format!("経過 {:.1} 秒", started.elapsed().as_secs_f32()))
                    .small()
                    .weak(),
            );
            ui.ctx().request_repaint_after(Duration::from_millis(100));
        }
        Stage::Done {
            path,
            bytes,
            elapsed,
            launch_error,
        } => {
            ui.label(format!("「{}」に出力しました。", file_name(path)));
            ui.label(
                RichText::new(format!(
                    "{}（{}、{:.1} 秒）",
                    path.display(),
                    size_label(*bytes),
                    elapsed.as_secs_f32()
                ))
                .small()
                .weak(),
            );
            if let Some(e) = launch_error {
                ui.label(
                    RichText::new(format!("開けませんでした：{e}"))
                        .color(ui.visuals().error_fg_color),
                );
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .button("ファイルを開く")
                    .on_hover_text("既定のプログラム（ブラウザー・Word・Excel など）で開きます")
                    .clicked()
                {
                    *out = Some(Choice::OpenFile(path.clone()));
                }
                if ui
                    .button("フォルダーを開く")
                    .on_hover_text("出力したファイルのあるフォルダーを開きます")
                    .clicked()
                {
                    *out = Some(Choice::OpenFolder(path.clone()));
                }
                if ui.button("閉じる").clicked() {
                    *out = Some(Choice::Close);
                }
            });
        }
        Stage::Failed { error } => {
            ui.label(
                RichText::new("出力できませんでした")
                    .strong()
                    .color(ui.visuals().error_fg_color),
            );
            ui.label(error);
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("設定に戻る").clicked() {
                    *out = Some(Choice::BackToOptions);
                }
                if ui.button("閉じる").clicked() {
                    *out = Some(Choice::Close);
                }
            });
        }
    }
}

impl ShinkyuApp {
    /// The export state (for tests).
    pub fn exports(&self) -> &ExportState {
        &self.exports
    }

    /// Shows the 出力 dialog and carries out what the user chose in it.
    pub(super) fn export_ui(&mut self, ctx: &egui::Context, frame: &eframe::Frame) {
        self.exports.poll();
        let progress = self.exports.progress.clone();
        let Some(d) = &mut self.exports.dialog else {
            return;
        };
        let mut out = None;
        let modal = Modal::new(Id::unique("shinkyu-export")).show(ctx, |ui| {
            dialog_ui(ui, d, &progress, &mut out);
        });
        let running = matches!(d.stage, Stage::Running { .. });
        if out.is_none() && modal.should_close() && !running {
            out = Some(Choice::Close);
        }
        let Some(choice) = out else { return };
        match choice {
            Choice::Close => self.exports.dialog = None,
            Choice::BackToOptions => {
                if let Some(d) = &mut self.exports.dialog {
                    d.stage = Stage::Options;
                }
            }
            Choice::PickPrevious => {
                let start = self.export_start_dir();
                if let Some(path) =
                    self.dialogs
                        .pick_open_titled(frame, start.as_deref(), "比較する前の版を開く")
                    && let Some(doc) = &self.doc
                {
                    let current = doc.draft().clone();
                    self.exports.load_previous(path, current);
                }
            }
            Choice::Export => self.start_export(ctx, frame),
            Choice::OpenFile(_) | Choice::OpenFolder(_) => {
                let (folder, path) = match choice {
                    Choice::OpenFolder(p) => (true, p),
                    Choice::OpenFile(p) => (false, p),
                    _ => unreachable!("matched above"),
                };
                let result = if folder {
                    self.launcher.show_in_folder(&path)
                } else {
                    self.launcher.open_file(&path)
                };
                match result {
                    Ok(()) => self.exports.dialog = None,
                    Err(e) => {
                        if let Some(ExportDialog {
                            stage: Stage::Done { launch_error, .. },
                            ..
                        }) = &mut self.exports.dialog
                        {
                            *launch_error = Some(e);
                        }
                    }
                }
            }
        }
    }

    fn export_start_dir(&self) -> Option<PathBuf> {
        self.exports
            .prefs
            .last_dir
            .clone()
            .filter(|d| d.is_dir())
            .or_else(|| self.start_dir())
    }

    fn start_export(&mut self, ctx: &egui::Context, frame: &eframe::Frame) {
        let Some(doc) = &self.doc else { return };
        let Some(d) = &self.exports.dialog else {
            return;
        };
        let prefs = d.prefs.clone();
        let format = prefs.format();
        let previous = match (&d.previous, d.compare && format.is_printable()) {
            (Some(Previous::Loaded { draft, .. }), true) => Some(draft.clone()),
            _ => None,
        };
        let suggested = io::suggest_export_name(&doc.draft().meta, format.extension());
        let start = self.export_start_dir();
        let Some(path) = self.dialogs.pick_export(
            frame,
            start.as_deref(),
            &suggested,
            format.label(),
            format.extension(),
        ) else {
            return;
        };
        if let Some(open) = &self.file.path
            && crate::io::same_file(&path, open)
        {
            if let Some(d) = &mut self.exports.dialog {
                d.stage = Stage::Failed {
                    error: "出力先が開いている下書きと同じファイルです。別の名前を選んでください。"
                        .into(),
                };
            }
            return;
        }
        self.exports.prefs = prefs.clone();
        self.exports.prefs.last_dir = path.parent().map(Path::to_path_buf);
        let job = ExportJob {
            draft: doc.draft().clone(),
            format,
            options: prefs.options(),
            findings: prefs.findings,
            previous,
            path: path.clone(),
        };
        if let Some(d) = &mut self.exports.dialog {
            d.stage = Stage::Running {
                path,
                started: Instant::now(),
            };
        }
        self.exports.start(job);
        ctx.request_repaint();
    }
}
