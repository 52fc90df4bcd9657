//! Small widgets shared by the panels: labelled text fields that report changes as new text,
//! status badges, icon buttons with Japanese names.

use egui::{Color32, CornerRadius, Id, Response, RichText, TextEdit, Ui, Vec2};

use crate::app::ui_command::Action;
use crate::model::ChangeStatus;

/// The width (points) from which the two sides of a row — 現行 and 改定案 — stand side by side;
/// on a narrower window one stands above the other.
pub const SIDE_BY_SIDE: f32 = 560.0;

/// Whether a text field can be edited, and if not, why (its tooltip says so).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Edit,
    /// The plan in force (現行), locked until 「現行を編集する」 is ticked.
    LockedCurrent,
    /// 閲覧モード: the text is read-only.
    Review,
}

impl From<bool> for Access {
    /// `true`: editable; `false`: the plan in force, locked.
    fn from(editable: bool) -> Access {
        if editable {
            Access::Edit
        } else {
            Access::LockedCurrent
        }
    }
}

/// How a text field is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lines {
    Single,
    Multi(usize),
}

/// A text field bound to `value`. Returns the new text when the user changed it; queues
/// [`Action::SealUndo`] when the user leaves the field. `name` is the accessible name (what a
/// screen reader says and what tests query). Read-only fields still allow selecting and
/// copying.
#[allow(clippy::too_many_arguments)]
pub fn text_field(
    ui: &mut Ui,
    actions: &mut Vec<Action>,
    id: Id,
    name: &str,
    value: &str,
    lines: Lines,
    editable: impl Into<Access>,
    hint: &str,
) -> Option<String> {
    text_field_w(
        ui,
        actions,
        id,
        name,
        value,
        lines,
        editable,
        hint,
        f32::INFINITY,
    )
}

/// [`text_field`] with a width.
#[allow(clippy::too_many_arguments)]
pub fn text_field_w(
    ui: &mut Ui,
    actions: &mut Vec<Action>,
    id: Id,
    name: &str,
    value: &str,
    lines: Lines,
    editable: impl Into<Access>,
    hint: &str,
    width: f32,
) -> Option<String> {
    let access = editable.into();
    let editable = access == Access::Edit;
    let mut buf = value.to_string();
    let mut ro: &str = value;
    // A click on a checker finding may be waiting to select characters in this field.
    let took_focus = crate::app::focus::before_field(ui.ctx(), id, value);
    let response = if editable {
        let te = match lines {
            Lines::Single => TextEdit::singleline(&mut buf),
            Lines::Multi(rows) => TextEdit::multiline(&mut buf).desired_rows(rows),
        };
        ui.add(te.id(id).desired_width(width).hint_text(hint))
    } else {
        let te = match lines {
            Lines::Single => TextEdit::singleline(&mut ro),
            Lines::Multi(_) => TextEdit::multiline(&mut ro).desired_rows(1),
        };
        ui.add(
            te.id(id)
                .desired_width(width)
                .background_color(ui.visuals().faint_bg_color)
                .text_color(ui.visuals().weak_text_color().gamma_multiply(1.6)),
        )
        .on_hover_text(if access == Access::Review {
            "閲覧モードのため編集できません（文字を選んでコピーはできます）。"
        } else {
            "現行計画の内容です（読み取り専用）。編集するには「現行を編集する」にチェックを入れてください。"
        })
    };
    let response = response.accessible_name(name);
    crate::app::focus::after_field(&response, took_focus);
    if response.lost_focus() {
        actions.push(Action::SealUndo);
    }
    (editable && response.changed() && buf != value).then_some(buf)
}

/// A small caption above a field.
pub fn caption(ui: &mut Ui, text: &str) -> Response {
    ui.label(RichText::new(text).small().strong())
}

/// Paints a small badge (rounded fill, text) vertically centred on `y`, whose left edge
/// (`Align::Min`) or right edge (`Align::Max`) is at `x`; returns its width. The tree's status
/// and review badges use it.
pub fn paint_badge(
    painter: &egui::Painter,
    (x, align): (f32, egui::Align),
    y: f32,
    text: &str,
    (fill, color): (Color32, Color32),
    font: &egui::FontId,
) -> f32 {
    let galley = painter.layout_no_wrap(text.to_string(), font.clone(), color);
    let size = galley.size() + Vec2::new(8.0, 2.0);
    let left = match align {
        egui::Align::Max => x - size.x,
        _ => x,
    };
    let rect = egui::Rect::from_min_size(egui::pos2(left, y - size.y / 2.0), size);
    painter.rect_filled(rect, 3.0, fill);
    painter.galley(
        egui::Align2::CENTER_CENTER
            .anchor_size(rect.center(), galley.size())
            .min,
        galley,
        color,
    );
    size.x
}

/// Colours of a status badge (fill, text). The label is always written out as well: colour is
/// never the only signal.
pub fn status_colors(status: ChangeStatus, dark: bool) -> (Color32, Color32) {
    let (fill, text) = match status {
        ChangeStatus::Unchanged => (
            Color32::from_rgb(0xE4, 0xE7, 0xEB),
            Color32::from_rgb(0x37, 0x41, 0x51),
        ),
        ChangeStatus::Modified => (
            Color32::from_rgb(0xFF, 0xE8, 0xB0),
            Color32::from_rgb(0x7A, 0x4B, 0x00),
        ),
        ChangeStatus::New => (
            Color32::from_rgb(0xCF, 0xF2, 0xD4),
            Color32::from_rgb(0x11, 0x5E, 0x2B),
        ),
        ChangeStatus::Deleted => (
            Color32::from_rgb(0xFB, 0xD5, 0xD5),
            Color32::from_rgb(0x99, 0x1B, 0x1B),
        ),
    };
    if dark {
        (text.gamma_multiply(0.9), fill)
    } else {
        (fill, text)
    }
}

/// A status badge: the status's label on its colour.
pub fn status_badge(ui: &mut Ui, status: ChangeStatus) -> Response {
    let (fill, text) = status_colors(status, ui.visuals().dark_mode);
    egui::Frame::new()
        .fill(fill)
        .corner_radius(CornerRadius::same(3))
        .inner_margin(egui::Margin::symmetric(5, 1))
        .show(ui, |ui| {
            ui.label(RichText::new(status.label()).small().color(text))
        })
        .response
}

/// A compact icon button with a Japanese accessible name and tooltip.
pub fn icon_button(ui: &mut Ui, icon: &str, name: &str, enabled: bool) -> bool {
    ui.add_enabled(
        enabled,
        egui::Button::new(icon).min_size(Vec2::new(22.0, 0.0)),
    )
    .on_hover_text(name)
    .on_disabled_hover_text(name)
    .accessible_name(name)
    .clicked()
}

/// A section heading inside the editor.
pub fn section(ui: &mut Ui, text: &str) {
    ui.add_space(6.0);
    ui.label(RichText::new(text).strong().size(15.0));
}
