//! A comparison block as a list of its rows: open, move, delete, add, renumber.

use egui::{RichText, Ui};

use super::EditorCtx;
use super::widgets::{icon_button, status_badge};
use crate::app::state::Selection;
use crate::app::tree::{excerpt, row_label};
use crate::app::ui_command::Action;
use crate::edit::Command;
use crate::model::{BlockKind, SideKind};

pub fn block_ui(ui: &mut Ui, cx: &mut EditorCtx<'_>, policy: usize, kind: BlockKind) {
    let Some(p) = cx.draft.policies.get(policy) else {
        ui.label("施策大項目が見つかりません。");
        return;
    };
    ui.label(RichText::new(p.label()).small().weak());
    ui.label(RichText::new(kind.label()).heading());
    let rows = p.block(kind);
    if rows.is_empty() {
        ui.label(RichText::new("まだ行がありません。").weak());
    }
    let n = rows.len();
    for (i, r) in rows.iter().enumerate() {
        let label = row_label(r, kind);
        let text = r
            .side(SideKind::Revised)
            .or(r.side(SideKind::Current))
            .map(|s| s.text(kind))
            .unwrap_or_default();
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal_top(|ui| {
                ui.allocate_ui_with_layout(
                    egui::vec2(72.0, 18.0),
                    egui::Layout::left_to_right(egui::Align::Min),
                    |ui| {
                        ui.set_width(72.0);
                        if let Some(s) = r.status {
                            status_badge(ui, s);
                        }
                    },
                );
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                    if icon_button(ui, "×", &format!("{label} を削除"), true) {
                        cx.actions
                            .push(Action::Edit(Command::DeleteRow { row: r.id.clone() }));
                    }
                    if icon_button(ui, "▼", &format!("{label} を下へ"), i + 1 < n) {
                        cx.actions.push(Action::Edit(Command::MoveRow {
                            row: r.id.clone(),
                            to: i + 1,
                        }));
                    }
                    if icon_button(ui, "▲", &format!("{label} を上へ"), i > 0) {
                        cx.actions.push(Action::Edit(Command::MoveRow {
                            row: r.id.clone(),
                            to: i - 1,
                        }));
                    }
                    ui.with_layout(egui::Layout::top_down(egui::Align::Min), |ui| {
                        ui.set_width(ui.available_width());
                        if ui
                            .link(&label)
                            .on_hover_text("この行を開きます")
                            .accessible_name(format!("開く: {label}"))
                            .clicked()
                        {
                            cx.actions
                                .push(Action::Select(Selection::Row(r.id.clone())));
                        }
                        let body: Vec<&str> = text.lines().filter(|l| *l != label).collect();
                        if let Some(first) = body.first() {
                            ui.label(RichText::new(excerpt(first, 80)).small().weak());
                        }
                    });
                });
            });
        });
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui
            .button(format!("＋ {}を追加", kind.item_label()))
            .on_hover_text("末尾に新規の行を追加します（番号は続きの番号）")
            .clicked()
        {
            cx.actions.push(Action::Edit(Command::AddRow {
                policy,
                block: kind,
            }));
        }
        if kind.is_numbered()
            && ui
                .button("番号を振り直す")
                .on_hover_text(
                    "改定案の番号を上から 1, 2, 3 … と振り直します（削除の行は飛ばします）",
                )
                .clicked()
        {
            cx.actions.push(Action::Edit(Command::Renumber {
                policy,
                block: kind,
            }));
        }
    });
    ui.add_space(4.0);
    ui.label(
        RichText::new("現行計画にある行を削除すると、行は残したまま変更区分が「削除」になります。")
            .small()
            .weak(),
    );
}
