//! What the centre shows when no draft is open: the file being read, why the last one could
//! not be opened (in Japanese, with the line for a syntax error), or how to open one. When a
//! file could not be opened, this is all the window says: no file name with 「保存済み」 in the
//! status bar, no 「検査中…」 on the toolbar.

use std::path::Path;

use egui::{RichText, Ui};

use crate::app::state::{LoadFailure, file_name};
use crate::app::ui_command::{Action, UiCommand};
use crate::io::LoadError;

/// The centre without a draft.
pub fn no_draft_ui(
    ui: &mut Ui,
    loading: Option<&Path>,
    failure: Option<&LoadFailure>,
    actions: &mut Vec<Action>,
) {
    if let Some(path) = loading {
        ui.centered_and_justified(|ui| {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!("「{}」を読み込んでいます…", file_name(path)));
            });
        });
    } else if let Some(f) = failure {
        failure_ui(ui, f, actions);
    } else {
        ui.label("下書きが開かれていません。「ファイル」→「開く」から開いてください。");
    }
}

fn failure_ui(ui: &mut Ui, f: &LoadFailure, actions: &mut Vec<Action>) {
    ui.add_space(20.0);
    ui.label(RichText::new("ファイルを開けませんでした").heading());
    ui.label(RichText::new(f.path.display().to_string()).weak());
    ui.add_space(8.0);
    ui.label(f.error.to_string());
    if let LoadError::Syntax(s) = &f.error {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(
                RichText::new(format!("{}行目: {}", s.line, s.source_line.trim_end())).monospace(),
            );
        });
    }
    ui.add_space(8.0);
    ui.label("ファイルは変更していません。");
    ui.horizontal_wrapped(|ui| {
        if ui.button("別のファイルを開く…").clicked() {
            actions.push(Action::Ui(UiCommand::Open));
        }
        if ui.button("同梱の下書きを開く").clicked() {
            actions.push(Action::Ui(UiCommand::OpenBundled));
        }
    });
}
