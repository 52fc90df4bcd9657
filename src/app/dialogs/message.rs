//! Questions about the open document and messages: unsaved changes, comments written but not
//! recorded, a file changed by someone else, recovery of unsaved work, error messages, and the
//! about box. The answer is queued as [`Action::Dialog`].

use std::path::{Path, PathBuf};

use egui::{Id, Modal, RichText, Ui};

use crate::app::jobs::AfterSave;
use crate::app::panels::comment_drafts::Unposted;
use crate::app::recovery::RecoveryEntry;
use crate::app::ui_command::{Action, Choice};
use crate::io::LoadError;

/// A question or a message.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    /// The draft has unsaved changes and the user is about to leave it.
    Unsaved {
        name: String,
        then: AfterSave,
    },
    /// Comment boxes hold words that are not in the draft yet, and the user is about to leave
    /// the document (they would be lost: saving does not record them).
    UnpostedComments {
        count: usize,
        first: Unposted,
        then: AfterSave,
    },
    /// The file on disk changed since it was read.
    ChangedOnDisk {
        path: PathBuf,
        then: AfterSave,
    },
    /// Unsaved work from a previous session was found.
    Recovery {
        entries: Vec<RecoveryEntry>,
    },
    Message {
        title: String,
        text: String,
        detail: Option<String>,
    },
    About {
        renderer: String,
    },
}

fn verb(then: &AfterSave) -> &'static str {
    match then {
        AfterSave::Quit => "終了",
        AfterSave::Nothing => "続ける",
        _ => "開く",
    }
}

fn buttons(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    ui.add_space(8.0);
    ui.horizontal(add);
}

impl Dialog {
    /// A file could not be read: why, with the line for a syntax error.
    pub fn load_error(path: &Path, error: &LoadError) -> Dialog {
        let detail = match error {
            LoadError::Syntax(s) => Some(format!("{}行目: {}", s.line, s.source_line.trim_end())),
            _ => None,
        };
        Dialog::Message {
            title: "ファイルを開けませんでした".into(),
            text: format!("{}\n\n{}", path.display(), error),
            detail,
        }
    }

    /// Shows the dialog; false once the user answered (the answer is queued in `actions`).
    pub fn show(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) -> bool {
        let Some(answer) = answer(ctx, self) else {
            return true;
        };
        if let Some(choice) = answer {
            actions.push(Action::Dialog(choice));
        }
        false
    }
}

/// Shows the dialog; `Some` once the user answered: with a choice to carry out, or `None` for
/// キャンセル, OK, あとで (the dialog just closes).
fn answer(ctx: &egui::Context, dialog: &Dialog) -> Option<Option<Choice>> {
    let mut choice: Option<Option<Choice>> = None;
    let modal = Modal::new(Id::unique("shinkyu-dialog")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        match dialog {
            Dialog::Unsaved { name, then } => {
                ui.label(RichText::new("保存されていない変更があります").heading());
                ui.label(format!("「{name}」への変更はまだ保存されていません。保存しますか？"));
                let v = verb(then);
                buttons(ui, |ui| {
                    if ui.button(format!("保存して{v}")).clicked() {
                        choice = Some(Some(Choice::SaveThen(then.clone())));
                    }
                    if ui.button(format!("保存せずに{v}")).clicked() {
                        choice = Some(Some(Choice::DiscardThen(then.clone())));
                    }
                    if ui.button("キャンセル").clicked() {
                        choice = Some(None);
                    }
                });
            }
            Dialog::UnpostedComments { count, first, then } => {
                ui.label(RichText::new("記録していないコメントがあります").heading());
                ui.label(format!(
                    "入力中のコメント（{count} 件）は、まだ下書きに記録されていません。\n「コメントを記録」を押すまでは、保存しても残りません。"
                ));
                let v = verb(then);
                buttons(ui, |ui| {
                    if ui.button("コメントに戻る").clicked() {
                        choice = Some(Some(Choice::BackToComment(first.clone())));
                    }
                    if ui.button(format!("コメントを破棄して{v}")).clicked() {
                        choice = Some(Some(Choice::DiscardCommentsThen(then.clone())));
                    }
                });
            }
            Dialog::ChangedOnDisk { path, then } => {
                ui.label(RichText::new("ファイルが他で変更されています").heading());
                ui.label(format!(
                    "「{}」は、読み込んだ後に他の人（または他のプログラム）が変更しています。\n上書きすると、その変更は失われます（前の内容は .bak に残ります）。",
                    path.display()
                ));
                buttons(ui, |ui| {
                    if ui.button("上書き保存").clicked() {
                        choice = Some(Some(Choice::Overwrite(then.clone())));
                    }
                    if ui.button("名前を付けて保存…").clicked() {
                        choice = Some(Some(Choice::SaveAsInstead));
                    }
                    if ui.button("キャンセル").clicked() {
                        choice = Some(None);
                    }
                });
            }
            Dialog::Recovery { entries } => {
                ui.label(RichText::new("保存されていない作業が見つかりました").heading());
                ui.label("前回、保存しないまま shinkyu が終了しました。自動で保存しておいた内容を復元できます。");
                ui.add_space(6.0);
                let now = crate::clock::now_unix();
                for e in entries {
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.label(RichText::new(&e.info.name).strong());
                        if let Some(p) = &e.info.original {
                            ui.label(RichText::new(p.display().to_string()).small().weak());
                        }
                        ui.label(RichText::new(format!("自動保存: {}", e.info.age_label(now))).small());
                        if !e.info.comments.is_empty() {
                            ui.label(
                                RichText::new(format!(
                                    "記録していなかったコメント {} 件を含みます（入力欄に戻します）",
                                    e.info.comments.len()
                                ))
                                .small(),
                            );
                        }
                        ui.horizontal(|ui| {
                            if ui.button("復元する").clicked() {
                                choice = Some(Some(Choice::Restore(e.clone())));
                            }
                            if ui
                                .button("破棄する")
                                .on_hover_text("この自動保存を削除します。元に戻せません。")
                                .clicked()
                            {
                                choice = Some(Some(Choice::DiscardRecovery(e.clone())));
                            }
                        });
                    });
                }
                buttons(ui, |ui| {
                    if ui
                        .button("あとで")
                        .on_hover_text("今は復元しません。次に起動したときにもう一度表示します。")
                        .clicked()
                    {
                        choice = Some(None);
                    }
                });
            }
            Dialog::Message {
                title,
                text,
                detail,
            } => {
                ui.label(RichText::new(title).heading());
                ui.label(text);
                if let Some(d) = detail {
                    ui.add_space(4.0);
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.label(RichText::new(d).monospace().small());
                    });
                }
                buttons(ui, |ui| {
                    if ui.button("OK").clicked() {
                        choice = Some(None);
                    }
                });
            }
            Dialog::About { renderer } => {
                ui.label(RichText::new("shinkyu（新旧）").heading());
                ui.label(format!("版 {}", env!("CARGO_PKG_VERSION")));
                ui.label("総合振興計画 改定案の編集・検査・新旧対照表の出力");
                ui.label(format!("描画方式: {renderer}"));
                ui.add_space(6.0);
                ui.label("画面のフォント: BIZ UDPゴシック（株式会社モリサワ、SIL Open Font License 1.1）");
                egui::CollapsingHeader::new("フォントのライセンス全文").show(ui, |ui| {
                    egui::ScrollArea::vertical().max_height(200.0).show(ui, |ui| {
                        ui.label(RichText::new(crate::app::fonts::UI_FONT_LICENSE).small());
                    });
                });
                buttons(ui, |ui| {
                    if ui.button("閉じる").clicked() {
                        choice = Some(None);
                    }
                });
            }
        }
    });
    // Escape or a click outside cancels, except where a decision is required.
    if choice.is_none() && modal.should_close() {
        match dialog {
            Dialog::UnpostedComments { first, .. } => {
                choice = Some(Some(Choice::BackToComment(first.clone())));
            }
            Dialog::Unsaved { .. }
            | Dialog::ChangedOnDisk { .. }
            | Dialog::Message { .. }
            | Dialog::About { .. } => choice = Some(None),
            Dialog::Recovery { .. } => {}
        }
    }
    choice
}
