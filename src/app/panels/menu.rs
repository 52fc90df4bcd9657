//! The menu bar, the toolbar and the status bar.

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::app::state::file_name;
use crate::app::ui_command::{Action, UiCommand};

/// What the menus need to know about the app.
pub struct MenuInfo<'a> {
    pub has_doc: bool,
    pub undo: Option<&'a str>,
    pub redo: Option<&'a str>,
    pub recent: &'a [PathBuf],
    pub busy: bool,
    /// Active findings per severity (エラー, 警告, 情報), once the draft was checked.
    pub findings: Option<(usize, usize, usize)>,
    /// The 検査結果 panel is open.
    pub findings_open: bool,
    /// The 新旧対照表 preview is shown.
    pub report_open: bool,
    /// 閲覧モード is on.
    pub review_mode: bool,
    /// A comparison with a previous version is shown.
    pub comparing: bool,
}

fn command_button(ui: &mut Ui, cmd: UiCommand, enabled: bool, actions: &mut Vec<Action>) {
    command_button_text(ui, cmd, cmd.text(), enabled, actions);
}

fn command_button_text(
    ui: &mut Ui,
    cmd: UiCommand,
    text: &str,
    enabled: bool,
    actions: &mut Vec<Action>,
) {
    let mut b = egui::Button::new(text);
    if let Some(sc) = cmd.shortcut() {
        b = b.shortcut_text(ui.ctx().format_shortcut(&sc));
    }
    if ui
        .add_enabled(enabled, b)
        .on_hover_text(cmd.tooltip())
        .clicked()
    {
        actions.push(Action::Ui(cmd));
    }
}

pub fn menu_bar(ui: &mut Ui, info: &MenuInfo<'_>, actions: &mut Vec<Action>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("ファイル", |ui| {
            command_button(ui, UiCommand::Open, !info.busy, actions);
            ui.menu_button("最近使ったファイル", |ui| {
                if info.recent.is_empty() {
                    ui.label(RichText::new("（まだありません）").weak());
                }
                for p in info.recent {
                    if ui
                        .button(file_name(p))
                        .on_hover_text(p.display().to_string())
                        .clicked()
                    {
                        actions.push(Action::OpenPath(p.clone()));
                    }
                }
            });
            command_button(ui, UiCommand::OpenBundled, !info.busy, actions);
            ui.separator();
            command_button(ui, UiCommand::Save, info.has_doc && !info.busy, actions);
            command_button(ui, UiCommand::SaveAs, info.has_doc && !info.busy, actions);
            ui.separator();
            command_button(ui, UiCommand::Export, info.has_doc, actions);
            ui.separator();
            command_button(
                ui,
                UiCommand::CompareVersions,
                info.has_doc && !info.busy,
                actions,
            );
            command_button(
                ui,
                UiCommand::ImportReview,
                info.has_doc && !info.busy && !info.review_mode,
                actions,
            );
            ui.separator();
            command_button(ui, UiCommand::Quit, true, actions);
        });
        ui.menu_button("編集", |ui| {
            let undo = match info.undo {
                Some(l) => format!("元に戻す（{l}）"),
                None => "元に戻す".into(),
            };
            command_button_text(ui, UiCommand::Undo, &undo, info.undo.is_some(), actions);
            let redo = match info.redo {
                Some(l) => format!("やり直し（{l}）"),
                None => "やり直し".into(),
            };
            command_button_text(ui, UiCommand::Redo, &redo, info.redo.is_some(), actions);
            ui.separator();
            command_button(ui, UiCommand::Find, info.has_doc, actions);
        });
        ui.menu_button("表示", |ui| {
            let mut on = info.review_mode;
            if ui
                .add_enabled(
                    info.has_doc,
                    egui::Checkbox::new(&mut on, UiCommand::ToggleReviewMode.text()),
                )
                .on_hover_text(UiCommand::ToggleReviewMode.tooltip())
                .clicked()
            {
                actions.push(Action::Ui(UiCommand::ToggleReviewMode));
            }
            command_button(ui, UiCommand::NextNeedsFix, info.has_doc, actions);
            command_button(ui, UiCommand::NextUncommented, info.has_doc, actions);
            command_button(ui, UiCommand::ReviewerName, true, actions);
            ui.separator();
            for (cmd, on) in [
                (UiCommand::ToggleFindings, info.findings_open),
                (UiCommand::ShowReport, info.report_open),
            ] {
                let mut on = on;
                let mut text = cmd.text().to_string();
                if let Some(sc) = cmd.shortcut() {
                    text = format!("{text}（{}）", ui.ctx().format_shortcut(&sc));
                }
                if ui
                    .add_enabled(info.has_doc, egui::Checkbox::new(&mut on, text))
                    .on_hover_text(cmd.tooltip())
                    .clicked()
                {
                    actions.push(Action::Ui(cmd));
                }
            }
            command_button(ui, UiCommand::Recheck, info.has_doc, actions);
            ui.separator();
            command_button(ui, UiCommand::ExpandAll, info.has_doc, actions);
            command_button(ui, UiCommand::CollapseAll, info.has_doc, actions);
            command_button(ui, UiCommand::ClearFilters, info.has_doc, actions);
            ui.separator();
            command_button(ui, UiCommand::ZoomIn, true, actions);
            command_button(ui, UiCommand::ZoomOut, true, actions);
            command_button(ui, UiCommand::ZoomReset, true, actions);
            ui.separator();
            let current = ui.ctx().options(|o| o.theme_preference);
            for (pref, label) in [
                (egui::ThemePreference::Light, "明るい配色"),
                (egui::ThemePreference::Dark, "暗い配色"),
                (egui::ThemePreference::System, "OS の設定に合わせる"),
            ] {
                if ui.radio(current == pref, label).clicked() && current != pref {
                    actions.push(Action::SetTheme(pref));
                }
            }
        });
        ui.menu_button("ヘルプ", |ui| {
            command_button(ui, UiCommand::About, true, actions);
        });
    });
}

pub fn toolbar(ui: &mut Ui, info: &MenuInfo<'_>, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        let mut tool = |ui: &mut Ui, cmd: UiCommand, text: &str, enabled: bool| {
            let tip = match cmd.shortcut() {
                Some(sc) => format!("{}（{}）", cmd.tooltip(), ui.ctx().format_shortcut(&sc)),
                None => cmd.tooltip().to_string(),
            };
            if ui
                .add_enabled(enabled, egui::Button::new(text))
                .on_hover_text(&tip)
                .on_disabled_hover_text(&tip)
                .clicked()
            {
                actions.push(Action::Ui(cmd));
            }
        };
        tool(ui, UiCommand::Open, "開く", !info.busy);
        tool(ui, UiCommand::Save, "保存", info.has_doc && !info.busy);
        ui.separator();
        tool(ui, UiCommand::Undo, "元に戻す", info.undo.is_some());
        tool(ui, UiCommand::Redo, "やり直し", info.redo.is_some());
        ui.separator();
        tool(ui, UiCommand::Find, "検索", info.has_doc);
        ui.separator();
        tool(ui, UiCommand::ShowReport, "新旧対照表", info.has_doc);
        tool(ui, UiCommand::Export, "出力", info.has_doc);
        ui.separator();
        let tip = UiCommand::ToggleReviewMode.tooltip();
        let toggled = ui
            .add_enabled(
                info.has_doc,
                egui::Button::new("閲覧モード").selected(info.review_mode),
            )
            .on_hover_text(tip)
            .clicked();
        if info.review_mode {
            tool(ui, UiCommand::NextNeedsFix, "次の要修正", info.has_doc);
            tool(
                ui,
                UiCommand::NextUncommented,
                "次の未コメント",
                info.has_doc,
            );
        }
        ui.separator();
        tool(ui, UiCommand::ZoomOut, "縮小", true);
        tool(ui, UiCommand::ZoomIn, "拡大", true);
        if toggled {
            actions.push(Action::Ui(UiCommand::ToggleReviewMode));
        }
        ui.separator();
        findings_button(ui, info, actions);
        if info.busy {
            ui.separator();
            ui.spinner();
            ui.label(RichText::new("処理中…").small());
        }
    });
}

/// The toolbar button of the 検査結果 panel, showing the counts (marks and words, not colour
/// alone).
fn findings_button(ui: &mut Ui, info: &MenuInfo<'_>, actions: &mut Vec<Action>) {
    let cmd = UiCommand::ToggleFindings;
    let plain = |text: &str| {
        egui::text::LayoutJob::simple_singleline(
            text.into(),
            egui::FontId::proportional(13.0),
            ui.visuals().text_color(),
        )
    };
    let (text, name) = match (info.has_doc, info.findings) {
        (true, Some(c)) => (
            super::findings::counts_job(ui, c, egui::FontId::proportional(13.0)),
            format!("検査結果 {}", super::findings::counts_text(c)),
        ),
        (true, None) => (plain("検査中…"), "検査結果（検査中）".to_string()),
        // No draft: nothing to check.
        (false, _) => (plain("検査結果"), "検査結果".to_string()),
    };
    let tip = match cmd.shortcut() {
        Some(sc) => format!("{}（{}）", cmd.tooltip(), ui.ctx().format_shortcut(&sc)),
        None => cmd.tooltip().to_string(),
    };
    let r = ui
        .add_enabled(
            info.has_doc,
            egui::Button::new(text).selected(info.findings_open),
        )
        .on_hover_text(&tip)
        .accessible_name(name);
    if r.clicked() {
        actions.push(Action::Ui(cmd));
    }
}

/// A message in the status bar.
#[derive(Clone, Debug, PartialEq)]
pub struct StatusMessage {
    pub text: String,
    pub error: bool,
    /// When it was shown (egui time, seconds).
    pub since: f64,
}

/// How long a status message stays.
pub const STATUS_SECONDS: f64 = 12.0;

/// The status bar: the open draft's file and whether it is saved (`file`: its label and
/// whether it has unsaved changes; `None` when no draft is open), the last message, the
/// renderer.
pub fn status_bar(
    ui: &mut Ui,
    file: Option<(&str, bool)>,
    message: Option<&StatusMessage>,
    renderer: &str,
) {
    ui.horizontal(|ui| {
        if let Some((file_label, dirty)) = file {
            ui.label(RichText::new(file_label).small());
            ui.separator();
            if dirty {
                ui.label(RichText::new("● 未保存の変更があります").small().strong());
            } else {
                ui.label(RichText::new("保存済み").small());
            }
        }
        if let Some(m) = message {
            if file.is_some() {
                ui.separator();
            }
            let mut t = RichText::new(&m.text).small();
            if m.error {
                t = t.color(ui.visuals().error_fg_color).strong();
            }
            ui.label(t);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(RichText::new(format!("描画: {renderer}")).small().weak());
        });
    });
}
