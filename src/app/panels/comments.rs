//! Under each row: its review state (未確認 / 確認済 / 要修正) and its comment thread. In
//! 閲覧モード the reviewer sets the state, comments, replies, and edits or deletes their own
//! comments; in the normal mode the thread is shown read-only with 「返信」, so 企画課 can
//! answer. Also the 閲覧モード banner, the tree's review filter and the review badges.

use std::collections::HashMap;

use egui::{Align, Align2, Color32, FontId, Id, Key, Modifiers, RichText, Stroke, Ui, pos2, vec2};

use super::EditorCtx;
use super::comment_drafts::{edit_id, new_comment_id, reply_id};
use super::widgets::{paint_badge, section};
use crate::app::review_mode::ReviewAction;
use crate::app::state::Filters;
use crate::app::tree::Line;
use crate::app::ui_command::{Action, UiCommand};
use crate::clock::display_date;
use crate::edit::Command;
use crate::model::{Comment, ReviewState, Row, RowId};
use crate::review::ReviewEdit;

/// Replies are indented up to this depth; deeper ones stay at it.
const MAX_DEPTH: usize = 4;

/// Colours of a review state's badge (fill, text). The state is always written out too.
pub fn review_colors(state: ReviewState, dark: bool) -> (Color32, Color32) {
    match (state, dark) {
        (ReviewState::Unchecked, false) => (
            Color32::from_rgb(0xF1, 0xF2, 0xF4),
            Color32::from_rgb(0x4B, 0x55, 0x63),
        ),
        (ReviewState::Unchecked, true) => (
            Color32::from_rgb(0x3A, 0x3D, 0x42),
            Color32::from_rgb(0xD1, 0xD5, 0xDB),
        ),
        (ReviewState::Checked, false) => (
            Color32::from_rgb(0xDB, 0xEA, 0xFE),
            Color32::from_rgb(0x1E, 0x40, 0xAF),
        ),
        (ReviewState::Checked, true) => (
            Color32::from_rgb(0x1E, 0x3A, 0x8A),
            Color32::from_rgb(0xDB, 0xEA, 0xFE),
        ),
        // The one to act on: strong, and unlike every change-status badge.
        (ReviewState::NeedsFix, _) => (Color32::from_rgb(0xC2, 0x41, 0x0C), Color32::WHITE),
    }
}

fn state_help(s: ReviewState) -> &'static str {
    match s {
        ReviewState::Unchecked => "まだ確認していない行です",
        ReviewState::Checked => "確認しました。修正は不要です",
        ReviewState::NeedsFix => "修正が必要です。理由をコメントに書いてください",
    }
}

/// A review-state badge in a layout.
pub fn review_badge(ui: &mut Ui, state: ReviewState) -> egui::Response {
    let (fill, text) = review_colors(state, ui.visuals().dark_mode);
    egui::Frame::new()
        .fill(fill)
        .corner_radius(3)
        .inner_margin(egui::Margin::symmetric(5, 1))
        .show(ui, |ui| {
            ui.label(RichText::new(state.label()).small().color(text))
        })
        .response
}

/// The 閲覧モード banner above the editor.
pub fn review_banner(ui: &mut Ui, reviewer: &str, actions: &mut Vec<Action>) {
    let dark = ui.visuals().dark_mode;
    let (fill, stroke) = if dark {
        (
            Color32::from_rgb(0x1F, 0x2A, 0x44),
            Color32::from_rgb(0x3B, 0x5B, 0xA5),
        )
    } else {
        (
            Color32::from_rgb(0xE8, 0xF0, 0xFE),
            Color32::from_rgb(0x9D, 0xB7, 0xE8),
        )
    };
    egui::Frame::new()
        .fill(fill)
        .stroke(Stroke::new(1.0, stroke))
        .corner_radius(4)
        .inner_margin(egui::Margin::symmetric(10, 6))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("閲覧モード").strong());
                ui.label("本文は変更できません。行ごとに確認状態とコメントを記録します。");
                ui.label(RichText::new(format!("確認者：{reviewer}")).strong());
                if ui
                    .small_button("名前を変える")
                    .on_hover_text(UiCommand::ReviewerName.tooltip())
                    .clicked()
                {
                    actions.push(Action::Ui(UiCommand::ReviewerName));
                }
                if ui
                    .small_button("閲覧モードを終了")
                    .on_hover_text("本文を編集できる通常の画面に戻ります")
                    .clicked()
                {
                    actions.push(Action::Ui(UiCommand::ToggleReviewMode));
                }
            });
        });
    ui.add_space(4.0);
}

/// The tree's filter by review state.
pub fn review_filter_ui(ui: &mut Ui, filters: &mut Filters) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("確認状態").small());
        for (i, s) in ReviewState::ALL.into_iter().enumerate() {
            ui.checkbox(&mut filters.review[i], s.label())
                .on_hover_text(format!("確認状態が「{}」の行を表示します", s.label()));
        }
    });
}

fn short(state: ReviewState) -> &'static str {
    match state {
        ReviewState::Unchecked => "未",
        ReviewState::Checked => "済",
        ReviewState::NeedsFix => "要修正",
    }
}

/// Paints a speech bubble with the number of comments, right edge at `right`; returns its width.
fn paint_comment_count(
    painter: &egui::Painter,
    right: f32,
    y: f32,
    n: usize,
    color: Color32,
    font: &FontId,
) -> f32 {
    let galley = painter.layout_no_wrap(n.to_string(), font.clone(), color);
    let size = vec2(galley.size().x.max(8.0) + 8.0, galley.size().y);
    let rect = egui::Rect::from_min_size(pos2(right - size.x, y - size.y / 2.0 - 1.0), size);
    painter.rect_stroke(rect, 4.0, Stroke::new(1.0, color), egui::StrokeKind::Inside);
    // The bubble's tail.
    let tail = [
        pos2(rect.left() + 3.0, rect.bottom() - 0.5),
        pos2(rect.left() + 2.0, rect.bottom() + 3.0),
        pos2(rect.left() + 7.0, rect.bottom() - 0.5),
    ];
    painter.add(egui::Shape::line(tail.to_vec(), Stroke::new(1.0, color)));
    painter.galley(
        Align2::CENTER_CENTER
            .anchor_size(rect.center(), galley.size())
            .min,
        galley,
        color,
    );
    size.x
}

/// The review marks of a tree line, painted from `right` leftwards (not past `min_x`): on a
/// row, its comment count and its state unless 未確認; on a node in 閲覧モード, its counts per
/// state. Returns the new right edge. The tooltip text for the counts is
/// [`crate::app::tree::Counts::describe_review`].
pub fn paint_tree_marks(
    ui: &Ui,
    painter: &egui::Painter,
    line: &Line,
    y: f32,
    mut right: f32,
    min_x: f32,
    review_mode: bool,
) -> f32 {
    let font = FontId::proportional(11.5);
    let dark = ui.visuals().dark_mode;
    if line.comments > 0 {
        let color = ui.visuals().text_color();
        right -= paint_comment_count(painter, right, y, line.comments, color, &font) + 4.0;
    }
    if let Some(state) = line.review
        && state != ReviewState::Unchecked
    {
        right -= paint_badge(
            painter,
            (right, Align::Max),
            y,
            state.label(),
            review_colors(state, dark),
            &font,
        ) + 3.0;
    }
    if review_mode && let Some(counts) = &line.counts {
        let items: Vec<(ReviewState, usize)> = counts.review_nonzero().collect();
        for (state, n) in items.into_iter().rev() {
            let text = format!("{}{n}", short(state));
            let w = painter
                .layout_no_wrap(text.clone(), font.clone(), Color32::WHITE)
                .size()
                .x
                + 8.0;
            if right - w < min_x {
                break;
            }
            right -= paint_badge(
                painter,
                (right, Align::Max),
                y,
                &text,
                review_colors(state, dark),
                &font,
            ) + 3.0;
        }
    }
    right
}

/// The review state and the comment thread of `row`, under the row editor. Shown in the normal
/// mode only when the row has been reviewed or commented.
pub fn review_section(ui: &mut Ui, cx: &mut EditorCtx<'_>, row: &Row) {
    let review_mode = cx.review_mode;
    if !review_mode && row.review.is_empty() {
        return;
    }
    section(ui, "確認状態とコメント");
    ui.horizontal_wrapped(|ui| {
        ui.label("確認状態");
        if review_mode {
            for s in ReviewState::ALL {
                let r = ui
                    .radio(row.review.state == s, s.label())
                    .on_hover_text(state_help(s));
                if r.clicked() && row.review.state != s {
                    cx.actions
                        .push(Action::Edit(Command::Review(ReviewEdit::SetState {
                            row: row.id.clone(),
                            state: s,
                        })));
                }
            }
        } else {
            review_badge(ui, row.review.state);
            ui.label(
                RichText::new("（確認状態は課長が閲覧モードで記録します）")
                    .small()
                    .weak(),
            );
        }
    });
    ui.add_space(4.0);

    let comments = &row.review.comments;
    if comments.is_empty() {
        ui.label(RichText::new("コメントはまだありません。").weak());
    } else {
        let known: HashMap<&str, usize> = comments
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut roots = Vec::new();
        for (i, c) in comments.iter().enumerate() {
            match c.reply_to.as_deref().filter(|p| known.contains_key(p)) {
                Some(parent) if parent != c.id => children.entry(parent).or_default().push(i),
                _ => roots.push(i),
            }
        }
        let mut thread = Thread {
            row,
            children: &children,
            reviewer: cx.reviewer.to_string(),
        };
        let mut seen = vec![false; comments.len()];
        for i in roots {
            thread.comment_ui(ui, cx, i, 0, &mut seen);
        }
    }

    if review_mode {
        ui.add_space(6.0);
        new_comment_ui(ui, cx, &row.id);
    } else {
        ui.label(
            RichText::new("コメントに答えるには、そのコメントの「返信」を押します。")
                .small()
                .weak(),
        );
    }
}

struct Thread<'a> {
    row: &'a Row,
    children: &'a HashMap<&'a str, Vec<usize>>,
    reviewer: String,
}

impl Thread<'_> {
    fn comment_ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut EditorCtx<'_>,
        i: usize,
        depth: usize,
        seen: &mut [bool],
    ) {
        if seen[i] {
            return; // a reply cycle in a hand-edited file
        }
        seen[i] = true;
        let c: &Comment = &self.row.review.comments[i];
        let n = i + 1;
        let own = !self.reviewer.is_empty() && c.author == self.reviewer;
        let replies: &[usize] = self
            .children
            .get(c.id.as_str())
            .map_or(&[], |v| v.as_slice());
        let row_id = &self.row.id;
        let indent = |d: usize| egui::Margin {
            left: (d.min(MAX_DEPTH) * 22) as i8,
            ..egui::Margin::ZERO
        };
        {
            egui::Frame::group(ui.style())
                .fill(ui.visuals().faint_bg_color)
                .outer_margin(indent(depth))
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        if depth > 0 {
                            ui.label(RichText::new("返信").small().weak());
                        }
                        ui.label(RichText::new(&c.author).strong());
                        ui.label(RichText::new(display_date(&c.date)).small().weak());
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if own {
                                let has_replies = !replies.is_empty();
                                let tip = if has_replies {
                                    "返信のあるコメントは削除できません"
                                } else {
                                    "このコメントを削除します（元に戻すで取り消せます）"
                                };
                                if ui
                                    .add_enabled(!has_replies, egui::Button::new("削除").small())
                                    .on_hover_text(tip)
                                    .on_disabled_hover_text(tip)
                                    .accessible_name(format!("{n}件目のコメントを削除"))
                                    .clicked()
                                {
                                    cx.actions.push(Action::Edit(Command::Review(
                                        ReviewEdit::DeleteComment {
                                            row: row_id.clone(),
                                            id: c.id.clone(),
                                        },
                                    )));
                                }
                                if ui
                                    .small_button("編集")
                                    .on_hover_text("自分のコメントを書き直します")
                                    .accessible_name(format!("{n}件目のコメントを編集"))
                                    .clicked()
                                {
                                    cx.comments.editing =
                                        Some((row_id.clone(), c.id.clone(), c.text.clone()));
                                    cx.comments.focus = Some(edit_id(row_id, &c.id));
                                }
                            }
                            if ui
                                .small_button("返信")
                                .on_hover_text("このコメントに返信します")
                                .accessible_name(format!("{n}件目のコメントに返信"))
                                .clicked()
                            {
                                cx.comments.reply =
                                    Some((row_id.clone(), c.id.clone(), String::new()));
                                cx.comments.focus = Some(reply_id(row_id, &c.id));
                            }
                        });
                    });
                    let editing = matches!(
                        &cx.comments.editing,
                        Some((r, id, _)) if r == row_id && *id == c.id
                    );
                    if editing {
                        edit_comment_ui(ui, cx, row_id, &c.id, &c.text);
                    } else {
                        ui.label(&c.text);
                    }
                });
        }
        let replying = matches!(
            &cx.comments.reply,
            Some((r, id, _)) if r == row_id && *id == c.id
        );
        if replying {
            egui::Frame::new()
                .outer_margin(indent(depth + 1))
                .show(ui, |ui| reply_ui(ui, cx, row_id, &c.id, &c.author));
        }
        for &r in replies {
            self.comment_ui(ui, cx, r, depth + 1, seen);
        }
    }
}

/// What the user did with a comment form this frame.
#[derive(PartialEq)]
enum FormOutcome {
    Typing,
    Submit,
    Cancel,
}

/// A comment form: a multi-line box (Ctrl+Enter submits), its button, and キャンセル where
/// the form can be closed. Submitting needs some text. `focus` asks for the keyboard focus
/// once (a reply or an edit just opened).
struct CommentForm<'a> {
    id: Id,
    /// Accessible name of the box.
    name: &'a str,
    hint: &'a str,
    submit: &'a str,
    submit_help: Option<&'a str>,
    cancellable: bool,
}

impl CommentForm<'_> {
    fn show(&self, ui: &mut Ui, text: &mut String, focus: &mut Option<Id>) -> FormOutcome {
        let had_focus = ui.memory(|m| m.has_focus(self.id));
        let ctrl_enter =
            had_focus && ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::Enter));
        let r = ui
            .add(
                egui::TextEdit::multiline(text)
                    .id(self.id)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY)
                    .hint_text(self.hint),
            )
            .accessible_name(self.name);
        if *focus == Some(self.id) {
            r.request_focus();
            *focus = None;
        }
        let ready = !text.trim().is_empty();
        let mut submit = ctrl_enter && ready;
        let mut cancel = false;
        ui.horizontal(|ui| {
            let mut button = ui.add_enabled(ready, egui::Button::new(self.submit));
            if let Some(help) = self.submit_help {
                button = button.on_hover_text(help);
            }
            submit |= button.clicked();
            cancel = self.cancellable && ui.button("キャンセル").clicked();
        });
        if cancel {
            FormOutcome::Cancel
        } else if submit {
            FormOutcome::Submit
        } else {
            FormOutcome::Typing
        }
    }
}

fn new_comment_ui(ui: &mut Ui, cx: &mut EditorCtx<'_>, row: &RowId) {
    let mut text = cx.comments.new.get(row).cloned().unwrap_or_default();
    let form = CommentForm {
        id: new_comment_id(row),
        name: "コメントの入力",
        hint: "この行へのコメント（Ctrl+Enter で記録）",
        submit: "コメントを記録",
        submit_help: Some("コメントを確認者の名前と日時つきで記録します（Ctrl+Enter）"),
        cancellable: false,
    };
    if form.show(ui, &mut text, &mut cx.comments.focus) == FormOutcome::Submit {
        cx.actions.push(Action::Review(ReviewAction::Post {
            row: row.clone(),
            reply_to: None,
            text: text.clone(),
        }));
    }
    if text.is_empty() {
        cx.comments.new.remove(row);
    } else {
        cx.comments.new.insert(row.clone(), text);
    }
}

fn reply_ui(ui: &mut Ui, cx: &mut EditorCtx<'_>, row: &RowId, parent: &str, to: &str) {
    let Some((_, _, mut text)) = cx.comments.reply.clone() else {
        return;
    };
    let hint = format!("{to} さんへの返信（Ctrl+Enter で記録）");
    let form = CommentForm {
        id: reply_id(row, parent),
        name: "返信の入力",
        hint: &hint,
        submit: "返信を記録",
        submit_help: None,
        cancellable: true,
    };
    match form.show(ui, &mut text, &mut cx.comments.focus) {
        FormOutcome::Cancel => {
            cx.comments.reply = None;
            return;
        }
        FormOutcome::Submit => cx.actions.push(Action::Review(ReviewAction::Post {
            row: row.clone(),
            reply_to: Some(parent.to_string()),
            text: text.clone(),
        })),
        FormOutcome::Typing => {}
    }
    cx.comments.reply = Some((row.clone(), parent.to_string(), text));
}

fn edit_comment_ui(ui: &mut Ui, cx: &mut EditorCtx<'_>, row: &RowId, id: &str, old: &str) {
    let Some((_, _, mut text)) = cx.comments.editing.clone() else {
        return;
    };
    let form = CommentForm {
        id: edit_id(row, id),
        name: "コメントの編集",
        hint: "",
        submit: "編集を保存",
        submit_help: None,
        cancellable: true,
    };
    match form.show(ui, &mut text, &mut cx.comments.focus) {
        FormOutcome::Cancel => cx.comments.editing = None,
        FormOutcome::Submit => {
            let new = text.trim_end().to_string();
            if new != old {
                cx.actions
                    .push(Action::Edit(Command::Review(ReviewEdit::EditComment {
                        row: row.clone(),
                        id: id.to_string(),
                        text: new,
                    })));
            }
            cx.comments.editing = None;
        }
        FormOutcome::Typing => {
            cx.comments.editing = Some((row.clone(), id.to_string(), text));
        }
    }
}
