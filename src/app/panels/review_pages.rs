//! The centre panel's pages in 閲覧モード, where the draft's text is read-only: the 分野 as a
//! summary of the review, a block as a list of its rows with their review states and comment
//! counts, and the pages of a 施策大項目 drawn as in the editor but without any control that
//! could change them. Rows use the row editor, which reads the mode itself.

use egui::{RichText, Ui};

use super::EditorCtx;
use super::comments::review_badge;
use super::widgets::{section, status_badge};
use crate::app::state::Selection;
use crate::app::tree::{Counts, excerpt, row_label};
use crate::app::ui_command::Action;
use crate::clock::display_date;
use crate::model::{BlockKind, ReviewState, SideKind};

/// Draws the 閲覧モード page of `selection`; false when the normal page applies (a row).
pub fn review_page_ui(ui: &mut Ui, cx: &mut EditorCtx<'_>, selection: &Selection) -> bool {
    match selection {
        // The 新旧対照表 preview is read-only anyway and drawn by the app.
        Selection::Row(_) | Selection::Report => false,
        Selection::Field => {
            summary_ui(ui, cx);
            true
        }
        Selection::Block { policy, block } => {
            block_ui(ui, cx, *policy, *block);
            true
        }
        Selection::Policy(p) => {
            read_only(ui, |ui| super::policy::policy_ui(ui, cx, *p));
            true
        }
        Selection::Page { policy, page } => {
            read_only(ui, |ui| super::policy::page_ui(ui, cx, *policy, *page));
            true
        }
    }
}

/// Draws an editor page with every control disabled, at nearly full contrast so it still reads
/// well.
fn read_only(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    ui.label(
        RichText::new("閲覧モードのため、このページは読むだけです。コメントは各行に記録します。")
            .small()
            .weak(),
    );
    ui.scope(|ui| {
        ui.visuals_mut().disabled_alpha = 0.85;
        ui.disable();
        add(ui);
    });
}

/// The 分野 in 閲覧モード: who reviews since when, and the review's progress per 施策大項目.
fn summary_ui(ui: &mut Ui, cx: &mut EditorCtx<'_>) {
    let draft = cx.draft;
    ui.label(RichText::new("分野").small().weak());
    ui.label(RichText::new(draft.meta.field_label()).heading());
    let m = &draft.meta;
    ui.label(format!(
        "{} {}（{}）",
        m.plan_name,
        m.version_label,
        if m.date.is_empty() {
            "日付なし"
        } else {
            &m.date
        }
    ));
    if let Some(base) = &draft.review_base {
        ui.label(
            RichText::new(format!(
                "確認用の写し：{} さんが {} に確認を始めました。",
                base.reviewer,
                display_date(&base.started)
            ))
            .weak(),
        );
    }

    section(ui, "確認の状況");
    egui::Grid::new("review-summary")
        .num_columns(5)
        .striped(true)
        .spacing([14.0, 4.0])
        .max_col_width((ui.available_width() * 0.4).max(120.0))
        .show(ui, |ui| {
            ui.label(RichText::new("施策大項目").strong());
            for s in ReviewState::ALL {
                ui.label(RichText::new(s.label()).strong());
            }
            ui.label(RichText::new("コメント").strong());
            ui.end_row();
            let mut all = Counts::default();
            let mut all_comments = 0;
            for (i, p) in draft.policies.iter().enumerate() {
                let mut c = Counts::default();
                let mut comments = 0;
                for (_, _, r) in draft.rows().filter(|(path, _, _)| path.policy == i) {
                    c.add_review(r.review.state);
                    comments += r.review.comments.len();
                }
                all.merge(c);
                all_comments += comments;
                if ui.link(p.label()).clicked() {
                    cx.actions.push(Action::Select(Selection::Policy(i)));
                }
                for n in c.1 {
                    ui.label(n.to_string());
                }
                ui.label(comments.to_string());
                ui.end_row();
            }
            ui.label(RichText::new("合計").strong());
            for n in all.1 {
                ui.label(RichText::new(n.to_string()).strong());
            }
            ui.label(RichText::new(all_comments.to_string()).strong());
            ui.end_row();
        });
    ui.add_space(8.0);
    ui.label(
        RichText::new(
            "左の一覧から行を選び、内容を読んで確認状態を選び、必要ならコメントを書きます。F8 で次の「要修正」、Shift+F8 で次のコメントのない行へ移ります。",
        )
        .small()
        .weak(),
    );
}

/// A block in 閲覧モード: its rows with change status, review state and comment count.
fn block_ui(ui: &mut Ui, cx: &mut EditorCtx<'_>, policy: usize, kind: BlockKind) {
    let Some(p) = cx.draft.policies.get(policy) else {
        ui.label("施策大項目が見つかりません。");
        return;
    };
    ui.label(RichText::new(p.label()).small().weak());
    ui.label(RichText::new(kind.label()).heading());
    let rows = p.block(kind);
    if rows.is_empty() {
        ui.label(RichText::new("行がありません。").weak());
    }
    for r in rows {
        let label = row_label(r, kind);
        let text = r
            .side(SideKind::Revised)
            .or(r.side(SideKind::Current))
            .map(|s| s.text(kind))
            .unwrap_or_default();
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                if let Some(s) = r.status {
                    status_badge(ui, s);
                }
                review_badge(ui, r.review.state);
                if ui
                    .link(&label)
                    .on_hover_text("この行を開きます")
                    .accessible_name(format!("開く: {label}"))
                    .clicked()
                {
                    cx.actions
                        .push(Action::Select(Selection::Row(r.id.clone())));
                }
                let n = r.review.comments.len();
                if n > 0 {
                    ui.label(RichText::new(format!("コメント {n} 件")).small());
                }
            });
            let body: Vec<&str> = text.lines().filter(|l| *l != label).collect();
            if let Some(first) = body.first() {
                ui.label(RichText::new(excerpt(first, 80)).small().weak());
            }
        });
    }
}
