//! The comparison with a previous version (ファイル › 前の版と比較…): the rows that changed
//! between that version and the open draft, each with what changed and the changed words
//! underlined; a click goes to the row. Rows removed since cannot be gone to: they are listed
//! with their old text.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::preview::underlined_label;
use crate::app::review_mode::ReviewAction;
use crate::app::state::{Selection, file_name};
use crate::app::ui_command::Action;
use crate::diff::TextDiff;
use crate::model::Draft;
use crate::review::{RowChange, VersionDiff, compare_versions};

/// A previous version and how the open draft differs from it.
pub struct Comparison {
    /// The previous version's file.
    pub path: PathBuf,
    /// The previous version.
    pub old: Draft,
    pub diff: VersionDiff,
    /// The draft revision the diff was computed for.
    pub revision: u64,
    /// When it was last computed (egui time), to limit recomputing while the user types.
    pub computed_at: f64,
}

impl Comparison {
    pub fn new(path: PathBuf, old: Draft, diff: VersionDiff, revision: u64) -> Comparison {
        Comparison {
            path,
            old,
            diff,
            revision,
            computed_at: f64::NEG_INFINITY,
        }
    }

    /// Compares again if the draft changed since.
    pub fn refresh(&mut self, current: &Draft, revision: u64) {
        if revision != self.revision {
            self.diff = compare_versions(&self.old, current);
            self.revision = revision;
        }
    }
}

/// The old and the new text of one changed field, one above the other.
fn text_diff_ui(ui: &mut Ui, what: &str, d: &TextDiff) {
    ui.label(RichText::new(what).small().strong());
    egui::Grid::new(ui.next_auto_id())
        .num_columns(2)
        .spacing([6.0, 2.0])
        .show(ui, |ui| {
            ui.label(RichText::new("前の版").small().weak());
            ui.vertical(|ui| underlined_label(ui, &d.old, 13.0));
            ui.end_row();
            ui.label(RichText::new("この版").small().weak());
            ui.vertical(|ui| underlined_label(ui, &d.new, 13.0));
            ui.end_row();
        });
}

/// The comparison panel (on the right of the editor).
pub fn versions_panel(
    ui: &mut Ui,
    c: &Comparison,
    draft: &Draft,
    selection: &Selection,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("前の版との比較").heading());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("比較を閉じる")
                .on_hover_text("比較の一覧を閉じて、編集の画面に戻ります")
                .clicked()
            {
                actions.push(Action::Review(ReviewAction::CloseComparison));
            }
        });
    });
    let label = |v: &str| {
        if v.is_empty() {
            "版の表示なし".to_string()
        } else {
            v.to_string()
        }
    };
    ui.label(format!(
        "前の版：{}（{}）",
        label(&c.old.meta.version_label),
        file_name(&c.path)
    ));
    ui.label(format!("この下書き：{}", label(&draft.meta.version_label)));
    let changes = &c.diff.changes;
    let added = changes.iter().filter(|x| x.added).count();
    let removed = changes.iter().filter(|x| x.removed).count();
    let moved = changes.iter().filter(|x| x.moved).count();
    ui.label(
        RichText::new(format!(
            "修正のあった行：{} 行（追加 {added}、削除 {removed}、移動 {moved}）",
            changes.len()
        ))
        .strong(),
    );
    if !c.diff.headers.is_empty() {
        ui.label(
            RichText::new(format!(
                "見出し・アンケート・市民の声・SDGs・成果指標の修正：{}",
                c.diff.headers.join("、")
            ))
            .small(),
        );
    }
    ui.label(
        RichText::new("行の場所を押すと、その行を開きます。変更された語句に下線を引いています。")
            .small()
            .weak(),
    );
    ui.separator();
    if c.diff.is_empty() {
        ui.label("前の版との違いはありません。");
        return;
    }
    let current = match selection {
        Selection::Row(id) => Some(id),
        _ => None,
    };
    egui::ScrollArea::vertical()
        .id_salt("versions-list")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for ch in changes {
                change_ui(ui, ch, current == Some(&ch.id), actions);
            }
        });
}

fn change_ui(ui: &mut Ui, ch: &RowChange, selected: bool, actions: &mut Vec<Action>) {
    let mut frame = egui::Frame::group(ui.style());
    if selected {
        frame = frame.stroke(ui.visuals().selection.stroke);
    }
    frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        if ch.removed {
            ui.label(RichText::new(&ch.location).strong());
            ui.label(
                RichText::new("この行はこの版で取り除かれたため、開くことはできません。")
                    .small()
                    .weak(),
            );
        } else if ui
            .link(&ch.location)
            .on_hover_text("この行を開きます")
            .clicked()
        {
            actions.push(Action::Review(ReviewAction::JumpTo(ch.id.clone())));
        }
        ui.label(RichText::new(ch.summary()).small());
        if let Some(from) = &ch.moved_from {
            ui.label(RichText::new(format!("移動前：{from}")).small().weak());
        }
        if let Some((a, b)) = &ch.departments {
            let list = |v: &Vec<String>| {
                if v.is_empty() {
                    "（なし）".to_string()
                } else {
                    v.join("、")
                }
            };
            ui.label(RichText::new(format!("評価回答部署：{} → {}", list(a), list(b))).small());
        }
        if ch.added || ch.removed {
            for t in &ch.texts {
                let text = if ch.added { &t.new } else { &t.old };
                ui.label(RichText::new(t.what.as_str()).small().strong());
                ui.label(RichText::new(text).size(13.0));
            }
            return;
        }
        for (what, d) in [
            ("現行", &ch.current),
            ("改定案", &ch.revised),
            ("メモ", &ch.memo),
        ] {
            if let Some(d) = d {
                text_diff_ui(ui, what, d);
            }
        }
    });
}
