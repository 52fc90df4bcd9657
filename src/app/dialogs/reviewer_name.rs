//! The small dialog that asks for the reviewer's name (閲覧モード): comments and review states
//! are signed with it. Asked once; the name is remembered in the settings.

use egui::{Id, Modal, RichText};

use crate::app::review_mode::{AfterName, ReviewAction};
use crate::app::ui_command::Action;

/// The name being typed, and what to do once it is given.
#[derive(Clone, Debug, PartialEq)]
pub struct NameDialog {
    pub text: String,
    pub then: AfterName,
    /// The name field has been given the keyboard focus.
    pub focused: bool,
}

impl NameDialog {
    pub fn new(text: &str, then: AfterName) -> NameDialog {
        NameDialog {
            text: text.to_string(),
            then,
            focused: false,
        }
    }

    /// Shows the dialog; false once the user answered (OK queues [`ReviewAction::SetName`];
    /// キャンセル and Escape just close it).
    pub fn show(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) -> bool {
        let mut keep_open = true;
        let modal = Modal::new(Id::unique("shinkyu-reviewer-name")).show(ctx, |ui| {
            ui.set_width(420.0_f32.min(ctx.content_rect().width() - 40.0));
            ui.label(RichText::new("お名前を入力してください").heading());
            ui.label(
                "コメントと確認状態に記録する名前です（例：総務課長 田中）。一度入力すると、このパソコンでは次回から入力不要です。",
            );
            ui.add_space(6.0);
            let label = ui.label("名前");
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut self.text)
                        .id(Id::unique("shinkyu-reviewer-name-field"))
                        .desired_width(f32::INFINITY)
                        .hint_text("所属と名前"),
                )
                .labelled_by(label.id)
                .accessible_name("確認者の名前");
            if !self.focused {
                r.request_focus();
                self.focused = true;
            }
            let ok = !self.text.trim().is_empty();
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.add_enabled(ok, egui::Button::new("OK")).clicked() || (ok && enter) {
                    actions.push(Action::Review(ReviewAction::SetName {
                        name: self.text.clone(),
                        then: self.then.clone(),
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
