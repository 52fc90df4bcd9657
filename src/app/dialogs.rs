//! Modal dialogs: unsaved changes, comments written but not recorded, a file changed by
//! someone else, recovery of unsaved work, error messages, and the about box. At most one is open; each returns the user's choice.

use std::path::PathBuf;

use egui::{Id, Modal, RichText, Ui};

use super::jobs::AfterSave;
use super::recovery::{RecoveryEntry, now_unix};
use super::review_mode::Unposted;

/// The dialog on screen.
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

/// What the user chose.
#[derive(Clone, Debug, PartialEq)]
pub enum Choice {
    SaveThen(AfterSave),
    DiscardThen(AfterSave),
    Overwrite(AfterSave),
    SaveAsInstead,
    Restore(RecoveryEntry),
    DiscardRecovery(RecoveryEntry),
    /// Drop the comments being written, then go on leaving (which may still ask about saving).
    DiscardCommentsThen(AfterSave),
    /// Show the comment being written, with the keyboard focus in its box.
    BackToComment(Unposted),
    /// Close the dialog (キャンセル, OK, あとで).
    Close,
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

/// Shows the dialog; returns a choice when the user made one.
pub fn show(ctx: &egui::Context, dialog: &Dialog) -> Option<Choice> {
    let mut choice = None;
    let modal = Modal::new(Id::unique("shinkyu-dialog")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        match dialog {
            Dialog::Unsaved { name, then } => {
                ui.label(RichText::new("保存されていない変更があります").heading());
                ui.label(format!("「{name}」への変更はまだ保存されていません。保存しますか？"));
                let v = verb(then);
                buttons(ui, |ui| {
                    if ui.button(format!("保存して{v}")).clicked() {
                        choice = Some(Choice::SaveThen(then.clone()));
                    }
                    if ui.button(format!("保存せずに{v}")).clicked() {
                        choice = Some(Choice::DiscardThen(then.clone()));
                    }
                    if ui.button("キャンセル").clicked() {
                        choice = Some(Choice::Close);
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
                        choice = Some(Choice::BackToComment(first.clone()));
                    }
                    if ui.button(format!("コメントを破棄して{v}")).clicked() {
                        choice = Some(Choice::DiscardCommentsThen(then.clone()));
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
                        choice = Some(Choice::Overwrite(then.clone()));
                    }
                    if ui.button("名前を付けて保存…").clicked() {
                        choice = Some(Choice::SaveAsInstead);
                    }
                    if ui.button("キャンセル").clicked() {
                        choice = Some(Choice::Close);
                    }
                });
            }
            Dialog::Recovery { entries } => {
                ui.label(RichText::new("保存されていない作業が見つかりました").heading());
                ui.label("前回、保存しないまま shinkyu が終了しました。自動で保存しておいた内容を復元できます。");
                ui.add_space(6.0);
                let now = now_unix();
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
                                choice = Some(Choice::Restore(e.clone()));
                            }
                            if ui
                                .button("破棄する")
                                .on_hover_text("この自動保存を削除します。元に戻せません。")
                                .clicked()
                            {
                                choice = Some(Choice::DiscardRecovery(e.clone()));
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
                        choice = Some(Choice::Close);
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
                        choice = Some(Choice::Close);
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
                        ui.label(RichText::new(super::fonts::UI_FONT_LICENSE).small());
                    });
                });
                buttons(ui, |ui| {
                    if ui.button("閉じる").clicked() {
                        choice = Some(Choice::Close);
                    }
                });
            }
        }
    });
    // Escape or a click outside cancels, except where a decision is required.
    if choice.is_none() && modal.should_close() {
        match dialog {
            Dialog::UnpostedComments { first, .. } => {
                choice = Some(Choice::BackToComment(first.clone()));
            }
            Dialog::Unsaved { .. }
            | Dialog::ChangedOnDisk { .. }
            | Dialog::Message { .. }
            | Dialog::About { .. } => choice = Some(Choice::Close),
            Dialog::Recovery { .. } => {}
        }
    }
    choice
}
