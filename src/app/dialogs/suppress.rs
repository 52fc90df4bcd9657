//! 無視する…: the dialog asking why a checker finding is ignored (a reason is required) and who
//! ignores it (optional, remembered). The suppression is stored in the draft, undoably.

use egui::{Id, RichText};

use crate::app::checking::FindingsAction;
use crate::app::ui_command::Action;
use crate::check::Finding;

/// The finding to ignore and what has been typed.
#[derive(Clone, Debug, PartialEq)]
pub struct SuppressDialog {
    pub finding: Box<Finding>,
    pub reason: String,
    pub author: String,
}

impl SuppressDialog {
    /// Shows the dialog; false once the user answered (無視する queues
    /// [`FindingsAction::Suppress`]; キャンセル and Escape just close it).
    pub fn show(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) -> bool {
        let mut keep_open = true;
        let modal = egui::Modal::new(Id::unique("shinkyu-suppress")).show(ctx, |ui| {
            ui.set_max_width(520.0);
            ui.label(RichText::new("この指摘を無視する").heading());
            let f = &self.finding;
            ui.label(
                RichText::new(format!("{} {}：{}", f.severity.label(), f.code, f.message)).small(),
            );
            ui.label(RichText::new(&f.location.display).small().weak());
            ui.add_space(6.0);
            let l = ui.label("理由（必須。下書きに保存されます）");
            let r = ui
                .add(
                    egui::TextEdit::multiline(&mut self.reason)
                        .desired_rows(2)
                        .desired_width(f32::INFINITY)
                        .hint_text("例: 原文（市民の声）のまま引用するため"),
                )
                .labelled_by(l.id)
                .accessible_name("無視する理由");
            if ui.memory(|m| m.focused().is_none()) {
                r.request_focus();
            }
            let l = ui.label("担当（任意）");
            ui.add(
                egui::TextEdit::singleline(&mut self.author)
                    .desired_width(240.0)
                    .hint_text("例: 企画課 山田"),
            )
            .labelled_by(l.id)
            .accessible_name("無視した担当");
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let ok = !self.reason.trim().is_empty();
                if ui
                    .add_enabled(ok, egui::Button::new("無視する"))
                    .on_disabled_hover_text("理由を書いてください")
                    .clicked()
                {
                    actions.push(Action::Findings(FindingsAction::Suppress {
                        finding: self.finding.clone(),
                        reason: self.reason.clone(),
                        author: self.author.clone(),
                    }));
                    keep_open = false;
                }
                if ui.button("キャンセル").clicked() {
                    keep_open = false;
                }
            });
        });
        keep_open && !modal.should_close()
    }
}
