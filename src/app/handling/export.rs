//! What the 出力 dialog asks for: choosing the previous version, asking where to write and
//! starting the export, opening the result; and the export workers' results, shown in the
//! dialog (or in a new one, if it was closed meanwhile).

use std::path::Path;
use std::time::Instant;

use crate::app::ShinkyuApp;
use crate::app::dialogs::Modal;
use crate::app::dialogs::export::{ExportDialog, Previous, Stage};
use crate::app::export::{ExportJob, ExportMsg};
use crate::app::ui_command::ExportAction;

impl ShinkyuApp {
    /// The 出力 dialog, on screen or waiting.
    fn export_dialog_mut(&mut self) -> Option<&mut ExportDialog> {
        self.modals.find_map_mut(|m| match m {
            Modal::Export(d) => Some(d),
            _ => None,
        })
    }

    /// ファイル › 出力…: the dialog with the options of the last export.
    pub(in crate::app) fn open_export_dialog(&mut self) {
        if self.draft.is_some() && self.export_dialog_mut().is_none() {
            let dialog = ExportDialog::new(self.prefs.export.clone(), Stage::Options);
            self.modals.open(Modal::Export(dialog));
        }
    }

    /// Once per frame: what the export's workers finished.
    pub(in crate::app) fn export_results(&mut self) {
        for msg in self.exports.poll() {
            match msg {
                ExportMsg::Previous { path, result } => {
                    let Some(d) = self.export_dialog_mut() else {
                        continue;
                    };
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
                ExportMsg::Exported {
                    path,
                    result,
                    elapsed,
                } => {
                    let stage = match result {
                        Ok(bytes) => Stage::Done {
                            path,
                            bytes,
                            elapsed,
                            launch_error: None,
                        },
                        Err(error) => Stage::Failed { error },
                    };
                    match self.export_dialog_mut() {
                        Some(d) => d.stage = stage,
                        None => {
                            let dialog = ExportDialog::new(self.prefs.export.clone(), stage);
                            self.modals.open(Modal::Export(dialog));
                        }
                    }
                }
            }
        }
    }

    pub(in crate::app) fn handle_export_action(
        &mut self,
        ctx: &egui::Context,
        frame: &eframe::Frame,
        action: ExportAction,
    ) {
        match action {
            ExportAction::PickPrevious => {
                let start = self.export_start_dir();
                let title = "比較する前の版を開く";
                if let Some(path) = self
                    .dialogs
                    .pick_open_titled(frame, start.as_deref(), title)
                    && let Some(d) = &self.draft
                {
                    let current = d.doc.draft().clone();
                    self.exports.load_previous(path.clone(), current);
                    if let Some(dialog) = self.export_dialog_mut() {
                        dialog.previous = Some(Previous::Loading(path));
                    }
                }
            }
            ExportAction::Export => self.start_export(ctx, frame),
            ExportAction::OpenFile(path) => {
                let result = self.launcher.open_file(&path);
                self.launched(result);
            }
            ExportAction::OpenFolder(path) => {
                let result = self.launcher.show_in_folder(&path);
                self.launched(result);
            }
        }
    }

    /// After 「ファイルを開く」/「フォルダーを開く」: the dialog closes, or says why it could not.
    fn launched(&mut self, result: Result<(), String>) {
        match result {
            Ok(()) => self.modals.retain(|m| !matches!(m, Modal::Export(_))),
            Err(e) => {
                if let Some(ExportDialog {
                    stage: Stage::Done { launch_error, .. },
                    ..
                }) = self.export_dialog_mut()
                {
                    *launch_error = Some(e);
                }
            }
        }
    }

    /// Where the export's file dialogs start: the folder of the last export, or the draft's.
    fn export_start_dir(&self) -> Option<std::path::PathBuf> {
        self.prefs
            .export
            .last_dir
            .clone()
            .filter(|d| d.is_dir())
            .or_else(|| self.start_dir())
    }

    /// Asks where to write (a Windows-safe name suggested), then exports on a worker.
    fn start_export(&mut self, ctx: &egui::Context, frame: &eframe::Frame) {
        let Some(draft) = self.draft.as_ref().map(|d| d.doc.draft().clone()) else {
            return;
        };
        let own = self.file().path.clone();
        let Some(d) = self.export_dialog_mut() else {
            return;
        };
        let prefs = d.prefs.clone();
        let format = prefs.format();
        let previous = match (&d.previous, d.compare && format.is_printable()) {
            (Some(Previous::Loaded { draft, .. }), true) => Some(draft.clone()),
            _ => None,
        };
        let suggested = crate::io::suggest_export_name(&draft.meta, format.extension());
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
        if let Some(open) = &own
            && crate::io::same_file(&path, open)
        {
            if let Some(d) = self.export_dialog_mut() {
                d.stage = Stage::Failed {
                    error: "出力先が開いている下書きと同じファイルです。別の名前を選んでください。"
                        .into(),
                };
            }
            return;
        }
        self.prefs.export = prefs.clone();
        self.prefs.export.last_dir = path.parent().map(Path::to_path_buf);
        let job = ExportJob {
            draft,
            format,
            options: prefs.options(),
            findings: prefs.findings,
            previous,
            path: path.clone(),
        };
        let stage = match self.exports.start(job) {
            Some(progress) => Stage::Running {
                path,
                started: Instant::now(),
                progress,
            },
            None => Stage::Failed {
                error: "出力の処理を開始できませんでした。".into(),
            },
        };
        if let Some(d) = self.export_dialog_mut() {
            d.stage = stage;
        }
        ctx.request_repaint();
    }
}
