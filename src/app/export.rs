//! ファイル › 出力… (Ctrl+E): the 新旧対照表 as HTML, Word, Excel, CSV or JSON. The options
//! (remembered in the settings), the export on a worker thread with its progress, and the
//! previous version read for 前回の版と比較. The dialog is [`super::dialogs::export`]; the app
//! asks for the file name with a suggested Windows-safe name and opens the result through
//! [`super::platform::Launcher`] (so tests launch nothing) in `handling/export.rs`.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

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

/// Progress of a running export: (what, done, total).
pub type Progress = Arc<Mutex<(&'static str, usize, usize)>>;

/// What the export's workers report.
pub enum ExportMsg {
    /// The previous version for 前回の版と比較 was read (and compared: how many rows differ).
    Previous {
        path: PathBuf,
        result: Result<(Arc<Draft>, usize), String>,
    },
    /// The file was written (its size) or not (why).
    Exported {
        path: PathBuf,
        result: Result<usize, String>,
        elapsed: Duration,
    },
}

/// The export's workers.
pub struct ExportState {
    running: bool,
    loading: bool,
    tx: Sender<ExportMsg>,
    rx: Receiver<ExportMsg>,
    ctx: egui::Context,
}

impl ExportState {
    pub fn new(ctx: egui::Context) -> ExportState {
        let (tx, rx) = channel();
        ExportState {
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

    fn spawn(&self, name: &str, job: impl FnOnce() -> ExportMsg + Send + 'static) -> bool {
        super::jobs::spawn_worker(name, &self.tx, &self.ctx, job)
    }

    /// Reads the previous version for 前回の版と比較 and counts the rows that differ from
    /// `current`.
    pub fn load_previous(&mut self, path: PathBuf, current: Draft) {
        self.loading = self.spawn("previous", move || {
            let result = io::load_draft(&path)
                .map(|loaded| {
                    let changes = crate::review::compare_versions(&loaded.draft, &current)
                        .changes
                        .len();
                    (Arc::new(loaded.draft), changes)
                })
                .map_err(|e| e.to_string());
            ExportMsg::Previous { path, result }
        });
    }

    /// Starts the export on a worker; returns its progress, or `None` when no worker could be
    /// started.
    pub fn start(&mut self, job: ExportJob) -> Option<Progress> {
        let progress: Progress = Arc::new(Mutex::new(("準備", 0, 0)));
        let shared = progress.clone();
        let path = job.path.clone();
        self.running = self.spawn("export", move || {
            let t = Instant::now();
            let result = job.run(&shared);
            ExportMsg::Exported {
                path,
                result,
                elapsed: t.elapsed(),
            }
        });
        self.running.then_some(progress)
    }

    /// What the workers finished.
    pub fn poll(&mut self) -> Vec<ExportMsg> {
        let done: Vec<ExportMsg> = self.rx.try_iter().collect();
        for msg in &done {
            match msg {
                ExportMsg::Previous { .. } => self.loading = false,
                ExportMsg::Exported { .. } => self.running = false,
            }
        }
        done
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
