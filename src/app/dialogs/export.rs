//! The 出力 dialog (ファイル › 出力…, Ctrl+E): the format and its options, 前回の版と比較, then
//! the progress of the export and its result with 「ファイルを開く」 / 「フォルダーを開く」. What
//! needs the app (the save dialog, the worker, the launcher) is queued as [`ExportAction`]s;
//! the export itself runs in [`crate::app::export`].

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use egui::{Id, Modal, RichText, Ui};

use crate::app::export::{ExportPrefs, Progress};
use crate::app::state::file_name;
use crate::app::ui_command::{Action, ExportAction};
use crate::model::Draft;
use crate::report::Format;

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
        /// What the worker is doing: (what, done, total).
        progress: Progress,
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

impl ExportDialog {
    /// The dialog with the remembered options, at `stage`.
    pub fn new(prefs: ExportPrefs, stage: Stage) -> ExportDialog {
        ExportDialog {
            prefs,
            compare: false,
            previous: None,
            stage,
        }
    }

    /// Shows the dialog; false once it is closed (閉じる, キャンセル, Escape — not while the
    /// export runs).
    pub fn show(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) -> bool {
        let mut out = None;
        let modal = Modal::new(Id::unique("shinkyu-export")).show(ctx, |ui| {
            dialog_ui(ui, self, &mut out);
        });
        let running = matches!(self.stage, Stage::Running { .. });
        if out.is_none() && modal.should_close() && !running {
            out = Some(Choice::Close);
        }
        match out {
            None => true,
            Some(Choice::Close) => false,
            Some(Choice::BackToOptions) => {
                self.stage = Stage::Options;
                true
            }
            Some(Choice::App(a)) => {
                actions.push(Action::Export(a));
                true
            }
        }
    }
}

/// What the user did in the dialog.
enum Choice {
    Close,
    BackToOptions,
    App(ExportAction),
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
                *out = Some(Choice::App(ExportAction::PickPrevious));
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
            *out = Some(Choice::App(ExportAction::Export));
        }
        if ui.button("キャンセル").clicked() {
            *out = Some(Choice::Close);
        }
    });
}

fn dialog_ui(ui: &mut Ui, d: &mut ExportDialog, out: &mut Option<Choice>) {
    ui.set_min_width(480.0);
    ui.set_max_width(560.0);
    ui.label(RichText::new("新旧対照表の出力").heading());
    ui.add_space(4.0);
    match &d.stage {
        Stage::Options => options_ui(ui, d, out),
        Stage::Running {
            path,
            started,
            progress,
        } => {
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
                    *out = Some(Choice::App(ExportAction::OpenFile(path.clone())));
                }
                if ui
                    .button("フォルダーを開く")
                    .on_hover_text("出力したファイルのあるフォルダーを開きます")
                    .clicked()
                {
                    *out = Some(Choice::App(ExportAction::OpenFolder(path.clone())));
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
