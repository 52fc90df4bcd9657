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

/// One button of the toolbar.
struct Tool {
    cmd: UiCommand,
    text: egui::WidgetText,
    /// What screen readers and tests call it.
    name: String,
    enabled: bool,
    /// Shown pressed or not (閲覧モード, 検査結果); `None` for plain buttons.
    selected: Option<bool>,
    /// Tools of one group stand between separators.
    group: u8,
}

/// The toolbar's buttons, in order.
fn tools(ui: &Ui, info: &MenuInfo<'_>) -> Vec<Tool> {
    let tool = |cmd: UiCommand, text: &str, enabled: bool, group: u8| Tool {
        cmd,
        text: text.into(),
        name: text.to_string(),
        enabled,
        selected: None,
        group,
    };
    let mut all = vec![
        tool(UiCommand::Open, "開く", !info.busy, 0),
        tool(UiCommand::Save, "保存", info.has_doc && !info.busy, 0),
        tool(UiCommand::Undo, "元に戻す", info.undo.is_some(), 1),
        tool(UiCommand::Redo, "やり直し", info.redo.is_some(), 1),
        tool(UiCommand::Find, "検索", info.has_doc, 2),
        tool(UiCommand::ShowReport, "新旧対照表", info.has_doc, 3),
        tool(UiCommand::Export, "出力", info.has_doc, 3),
        Tool {
            selected: Some(info.review_mode),
            ..tool(UiCommand::ToggleReviewMode, "閲覧モード", info.has_doc, 4)
        },
    ];
    if info.review_mode {
        all.push(tool(UiCommand::NextNeedsFix, "次の要修正", info.has_doc, 4));
        all.push(tool(
            UiCommand::NextUncommented,
            "次の未コメント",
            info.has_doc,
            4,
        ));
    }
    all.push(tool(UiCommand::ZoomOut, "縮小", true, 5));
    all.push(tool(UiCommand::ZoomIn, "拡大", true, 5));
    all.push(findings_tool(ui, info));
    all
}

/// The 検査結果 button, showing the counts (marks and words, not colour alone).
fn findings_tool(ui: &Ui, info: &MenuInfo<'_>) -> Tool {
    let font = egui::FontId::proportional(13.0);
    let plain = |text: &str| {
        egui::text::LayoutJob::simple_singleline(
            text.into(),
            font.clone(),
            ui.visuals().text_color(),
        )
    };
    let (text, name) = match (info.has_doc, info.findings) {
        (true, Some(c)) => (
            super::findings::counts_job(ui, c, font.clone()),
            format!("検査結果 {}", super::findings::counts_text(c)),
        ),
        (true, None) => (plain("検査中…"), "検査結果（検査中）".to_string()),
        // No draft: nothing to check.
        (false, _) => (plain("検査結果"), "検査結果".to_string()),
    };
    Tool {
        cmd: UiCommand::ToggleFindings,
        text: text.into(),
        name,
        enabled: info.has_doc,
        selected: Some(info.findings_open),
        group: 6,
    }
}

impl Tool {
    fn tooltip(&self, ui: &Ui) -> String {
        match self.cmd.shortcut() {
            Some(sc) => format!(
                "{}（{}）",
                self.cmd.tooltip(),
                ui.ctx().format_shortcut(&sc)
            ),
            None => self.cmd.tooltip().to_string(),
        }
    }

    fn show(&self, ui: &mut Ui, actions: &mut Vec<Action>) -> egui::Response {
        let mut button = egui::Button::new(self.text.clone());
        if let Some(on) = self.selected {
            button = button.selected(on);
        }
        let tip = self.tooltip(ui);
        let r = ui
            .add_enabled(self.enabled, button)
            .on_hover_text(&tip)
            .on_disabled_hover_text(&tip)
            .accessible_name(&self.name);
        if r.clicked() {
            actions.push(Action::Ui(self.cmd));
        }
        r
    }

    /// The width of the button before it was ever drawn.
    fn estimated_width(&self, ui: &Ui) -> f32 {
        let galley = self.text.clone().into_galley(
            ui,
            Some(egui::TextWrapMode::Extend),
            f32::INFINITY,
            egui::TextStyle::Button,
        );
        galley.size().x + 2.0 * ui.spacing().button_padding.x + 2.0
    }
}

/// The widths the toolbar's parts had when last drawn, to know what fits.
#[derive(Clone, Debug, Default)]
struct Widths {
    tools: std::collections::HashMap<UiCommand, f32>,
    separator: Option<f32>,
    more: Option<f32>,
}

/// The toolbar. What does not fit the window's width goes, in order, into the 「…」 menu at
/// its end, so on a small screen (720 × 480) every button stays reachable.
pub fn toolbar(ui: &mut Ui, info: &MenuInfo<'_>, actions: &mut Vec<Action>) {
    let tools = tools(ui, info);
    let id = egui::Id::unique("shinkyu-toolbar-widths");
    let mut widths: Widths = ui.data(|d| d.get_temp(id)).unwrap_or_default();
    ui.horizontal(|ui| {
        let gap = ui.spacing().item_spacing.x;
        let separator = widths.separator.unwrap_or(6.0) + gap;
        let busy = if info.busy { 90.0 } else { 0.0 };
        let available = ui.available_width() - busy;
        // What each tool takes, with the separator before it.
        let cost: Vec<f32> = tools
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let w = widths.tools.get(&t.cmd).copied();
                let w = w.unwrap_or_else(|| t.estimated_width(ui)) + gap;
                let starts_group = i > 0 && tools[i - 1].group != t.group;
                w + if starts_group { separator } else { 0.0 }
            })
            .collect();
        let shown = if cost.iter().sum::<f32>() <= available {
            tools.len()
        } else {
            let more = widths.more.unwrap_or(28.0) + gap + separator;
            let mut used = 0.0;
            cost.iter()
                .take_while(|c| {
                    used += *c;
                    used + more <= available
                })
                .count()
        };
        for (i, t) in tools[..shown].iter().enumerate() {
            if i > 0 && tools[i - 1].group != t.group {
                widths.separator = Some(ui.separator().rect.width());
            }
            let r = t.show(ui, actions);
            widths.tools.insert(t.cmd, r.rect.width());
        }
        if shown < tools.len() {
            ui.separator();
            let rest = &tools[shown..];
            let r = ui.menu_button("…", |ui| {
                for (i, t) in rest.iter().enumerate() {
                    if i > 0 && rest[i - 1].group != t.group {
                        ui.separator();
                    }
                    t.show(ui, actions);
                }
            });
            let names: Vec<&str> = rest.iter().map(|t| t.name.as_str()).collect();
            let r = r
                .response
                .on_hover_text(format!("ほかのボタン：{}", names.join("、")))
                .accessible_name("ほかのボタン");
            widths.more = Some(r.rect.width());
        }
        if info.busy {
            ui.separator();
            ui.spinner();
            ui.label(RichText::new("処理中…").small());
        }
    });
    ui.data_mut(|d| d.insert_temp(id, widths));
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

/// The status bar's contents, in the row it is given: the open draft's file and whether it is
/// saved (`file`: its label and whether it has unsaved changes; `None` when no draft is open),
/// the last message, the renderer. On a narrow window the file's name is shortened (in full in
/// its tooltip) and a long message goes on over more lines instead of running off the edge.
pub fn status_bar(
    ui: &mut Ui,
    file: Option<(&str, bool)>,
    message: Option<&StatusMessage>,
    renderer: &str,
) {
    let renderer = RichText::new(format!("描画: {renderer}")).small().weak();
    let bar = ui.available_width();
    if let Some((file_label, dirty)) = file {
        let label = egui::Label::new(RichText::new(file_label).small()).truncate();
        let height = ui.spacing().interact_size.y;
        ui.allocate_ui(egui::vec2(bar * 0.4, height), |ui| ui.add(label))
            .inner
            .on_hover_text(file_label);
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
        // Leave room for the renderer on the right.
        let rest = ui.available_width() - 90.0;
        ui.allocate_ui(egui::vec2(rest.max(120.0), 0.0), |ui| {
            ui.add(egui::Label::new(t).wrap())
        });
    }
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        ui.label(renderer);
    });
}
