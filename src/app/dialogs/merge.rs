//! The dialog of ファイル › 確認者の写しを取り込む…: what the merge of a reviewer's copy brings
//! in, and each conflict with both versions side by side (the differing words underlined) and
//! a choice 「元の下書きを採用」/「確認者の写しを採用」, one by one or for all. Nothing changes
//! until the user presses 「取り込む」; then the merged draft replaces the open one in one
//! undoable step. キャンセル (or Escape) leaves the draft as it was.

use std::path::PathBuf;

use egui::{Id, Key, Modal, RichText, Ui};

use crate::app::panels::preview::underlined_label;
use crate::app::review_mode::ReviewAction;
use crate::app::state::file_name;
use crate::app::ui_command::Action;
use crate::clock::display_date;
use crate::diff::{TextDiff, diff_text};
use crate::model::{BlockKind, Draft, Row, SideKind};
use crate::review::{ConflictKind, MergeEvent, MergeOutcome, Resolution};

/// The differing parts of one conflict, master (old) against the reviewer's copy (new).
#[derive(Clone, Debug)]
struct ConflictView {
    parts: Vec<(String, TextDiff)>,
}

/// The merge waiting for the user's decision.
#[derive(Clone, Debug)]
pub struct MergeDialog {
    /// The reviewer's copy.
    pub path: PathBuf,
    /// Who reviewed, and since when (from the copy's review base).
    pub reviewer: Option<String>,
    pub started: Option<String>,
    pub outcome: MergeOutcome,
    /// The open draft's revision the merge was made against.
    pub revision: u64,
    views: Vec<ConflictView>,
}

impl MergeDialog {
    pub fn new(path: PathBuf, reviewed: &Draft, outcome: MergeOutcome, revision: u64) -> Self {
        let views = outcome
            .conflicts
            .iter()
            .map(|c| {
                let kind = outcome
                    .merged
                    .find_row(&c.row)
                    .map_or(BlockKind::Vision, |p| p.block);
                ConflictView {
                    parts: conflict_parts(&c.kind, kind),
                }
            })
            .collect();
        MergeDialog {
            path,
            reviewer: reviewed.review_base.as_ref().map(|b| b.reviewer.clone()),
            started: reviewed.review_base.as_ref().map(|b| b.started.clone()),
            outcome,
            revision,
            views,
        }
    }

    /// 「コメント 3 件、確認状態 2 件」: what the merge brings in.
    pub fn summary(&self) -> String {
        let count =
            |f: fn(&MergeEvent) -> bool| self.outcome.events.iter().filter(|e| f(e)).count();
        let mut parts = Vec::new();
        for (n, what) in [
            (
                count(|e| matches!(e, MergeEvent::CommentAdded { .. })),
                "コメント",
            ),
            (
                count(|e| matches!(e, MergeEvent::StateTaken { .. })),
                "確認状態",
            ),
            (count(|e| matches!(e, MergeEvent::TextTaken { .. })), "本文"),
            (
                count(|e| matches!(e, MergeEvent::RowAdded { .. })),
                "行の追加",
            ),
        ] {
            if n > 0 {
                parts.push(format!("{what} {n} 件"));
            }
        }
        let conflicts = self.outcome.conflicts.len();
        if conflicts > 0 {
            parts.push(format!("競合 {conflicts} 件"));
        }
        if parts.is_empty() {
            "取り込む内容はありません".into()
        } else {
            parts.join("、")
        }
    }
}

/// The parts of a conflict that differ, each as a diff from the master's text to the
/// reviewer's.
fn conflict_parts(kind: &ConflictKind, block: BlockKind) -> Vec<(String, TextDiff)> {
    match kind {
        ConflictKind::Text { master, reviewed } => row_parts(master, reviewed, block),
        ConflictKind::State { master, reviewed } => {
            vec![(
                "確認状態".into(),
                diff_text(master.label(), reviewed.label()),
            )]
        }
        ConflictKind::Comment { master, reviewed } => {
            vec![(
                format!("{} さんのコメント", reviewed.author),
                diff_text(&master.text, &reviewed.text),
            )]
        }
    }
}

fn row_parts(master: &Row, reviewed: &Row, block: BlockKind) -> Vec<(String, TextDiff)> {
    let mut parts = Vec::new();
    if master.status != reviewed.status {
        let l = |r: &Row| r.status.map_or("（なし）", |s| s.label()).to_string();
        parts.push((
            "変更区分".to_string(),
            TextDiff::whole(&l(master), &l(reviewed)),
        ));
    }
    for which in [SideKind::Current, SideKind::Revised] {
        let (a, b) = (
            master.side_text(which, block),
            reviewed.side_text(which, block),
        );
        if a != b {
            parts.push((which.label().to_string(), diff_text(&a, &b)));
        }
    }
    if master.memo != reviewed.memo {
        parts.push(("メモ".to_string(), diff_text(&master.memo, &reviewed.memo)));
    }
    parts
}

/// What differs, in the dialog's words (元の下書き / 確認者の写し).
fn what_conflicts(kind: &ConflictKind) -> &'static str {
    match kind {
        ConflictKind::Text { .. } => {
            "本文が元の下書きと確認者の写しの両方で変更されています。どちらかを選んでください。"
        }
        ConflictKind::State { .. } => "確認状態が元の下書きと確認者の写しで違います。",
        ConflictKind::Comment { .. } => "同じコメントの内容が違います。",
    }
}

impl MergeDialog {
    /// Shows the dialog; false once 取り込む or キャンセル was chosen (queued as
    /// [`ReviewAction::ApplyMerge`] / [`ReviewAction::CancelMerge`]). Choices per conflict are
    /// applied to the dialog's outcome at once (the document does not change until 取り込む).
    pub fn show(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) -> bool {
        match dialog_ui(ctx, self) {
            None => true,
            Some(a) => {
                actions.push(Action::Review(a));
                false
            }
        }
    }
}

fn dialog_ui(ctx: &egui::Context, d: &mut MergeDialog) -> Option<ReviewAction> {
    let mut out = None;
    let screen = ctx.content_rect();
    Modal::new(Id::unique("shinkyu-merge-dialog")).show(ctx, |ui| {
        ui.set_width((screen.width() - 80.0).clamp(360.0, 1100.0));
        ui.label(RichText::new("確認者の写しを取り込む").heading());
        ui.label(format!("写し：{}", file_name(&d.path)));
        match (&d.reviewer, &d.started) {
            (Some(r), Some(s)) => {
                ui.label(format!(
                    "確認者：{r}（{} に確認を開始）",
                    display_date(s)
                ));
            }
            _ => {
                ui.label(
                    RichText::new(
                        "この写しには閲覧モードの開始の記録がありません。本文が違う行は、どちらが変えたのか分からないため、すべて競合として示します。",
                    )
                    .color(ui.visuals().warn_fg_color),
                );
            }
        }
        ui.label(RichText::new(d.summary()).strong());
        ui.add_space(4.0);

        let max_h = (screen.height() - 260.0).max(200.0);
        egui::ScrollArea::vertical()
            .id_salt("merge-dialog-scroll")
            .max_height(max_h)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                body_ui(ui, d);
            });

        ui.separator();
        let unresolved = d.outcome.unresolved();
        if unresolved > 0 {
            ui.label(
                RichText::new(format!(
                    "まだ選んでいない競合が {unresolved} 件あります。すべて選ぶと取り込めます。"
                ))
                .color(ui.visuals().warn_fg_color),
            );
        }
        ui.label(
            RichText::new(
                "「取り込む」を押すまで下書きは変わりません。取り込んだ後も、元に戻す（Ctrl+Z）で取り込み全体を取り消せます。",
            )
            .small()
            .weak(),
        );
        ui.horizontal(|ui| {
            let nothing = d.outcome.events.is_empty() && d.outcome.conflicts.is_empty();
            if !nothing
                && ui
                    .add_enabled(unresolved == 0, egui::Button::new("取り込む"))
                    .on_hover_text("選んだ内容で下書きに取り込みます（元に戻すで取り消せます）")
                    .on_disabled_hover_text("競合をすべて選んでください")
                    .clicked()
            {
                out = Some(ReviewAction::ApplyMerge {
                    path: d.path.clone(),
                    reviewer: d.reviewer.clone(),
                    summary: d.summary(),
                    outcome: Box::new(d.outcome.clone()),
                });
            }
            let cancel = if nothing { "閉じる" } else { "キャンセル" };
            if ui.button(cancel).clicked() {
                out = Some(ReviewAction::CancelMerge);
            }
        });
        if out.is_none() && ui.input(|i| i.key_pressed(Key::Escape)) {
            out = Some(ReviewAction::CancelMerge);
        }
    });
    out
}

fn body_ui(ui: &mut Ui, d: &mut MergeDialog) {
    let events = &d.outcome.events;
    egui::CollapsingHeader::new(format!("取り込む内容（{} 件）", events.len()))
        .id_salt("merge-events")
        .default_open(true)
        .show(ui, |ui| {
            if events.is_empty() {
                ui.label(RichText::new("取り込む内容はありません。").weak());
            }
            for e in events {
                ui.label(RichText::new(e.describe()).small());
            }
        });

    let n = d.outcome.conflicts.len();
    if n == 0 {
        return;
    }
    ui.add_space(6.0);
    ui.label(
        RichText::new(format!(
            "競合（{n} 件）：元の下書きと確認者の写しで内容が違います"
        ))
        .strong()
        .size(15.0),
    );
    ui.horizontal(|ui| {
        if ui
            .button("すべて元の下書きを採用")
            .on_hover_text("すべての競合で、今開いている下書きの内容を残します")
            .clicked()
        {
            for i in 0..n {
                d.outcome.resolve(i, Resolution::Master);
            }
        }
        if ui
            .button("すべて確認者の写しを採用")
            .on_hover_text("すべての競合で、確認者の写しの内容にします")
            .clicked()
        {
            for i in 0..n {
                d.outcome.resolve(i, Resolution::Reviewed);
            }
        }
    });
    for i in 0..n {
        let c = &d.outcome.conflicts[i];
        let chosen = c.resolution;
        let mut choice = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(format!("競合{}：{}", i + 1, c.location)).strong());
            ui.label(RichText::new(what_conflicts(&c.kind)).small().weak());
            ui.columns(2, |cols| {
                cols[0].label(RichText::new("元の下書き").strong());
                cols[1].label(RichText::new("確認者の写し").strong());
                for (what, diff) in &d.views[i].parts {
                    cols[0].label(RichText::new(what.as_str()).small().weak());
                    cols[1].label(RichText::new(what.as_str()).small().weak());
                    underlined_label(&mut cols[0], &diff.old, 13.5);
                    underlined_label(&mut cols[1], &diff.new, 13.5);
                }
                for (col, res, text) in [
                    (0, Resolution::Master, "元の下書きを採用"),
                    (1, Resolution::Reviewed, "確認者の写しを採用"),
                ] {
                    let r = cols[col]
                        .add(egui::Button::new(text).selected(chosen == Some(res)))
                        .accessible_name(format!("競合{}：{text}", i + 1));
                    if r.clicked() {
                        choice = Some(res);
                    }
                }
            });
            let state = match chosen {
                None => "未選択",
                Some(Resolution::Master) => "元の下書きの内容を残します",
                Some(Resolution::Reviewed) => "確認者の写しの内容にします",
            };
            ui.label(RichText::new(state).small());
        });
        if let Some(res) = choice {
            d.outcome.resolve(i, res);
        }
    }
}
