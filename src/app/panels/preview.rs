//! The live preview of a row's change: both sides as the 新旧対照表 prints them, with the
//! changed words underlined on both sides (deleted words on the current side, added words on
//! the revised side) — underlines, not colour alone, as the printed report does. The row is
//! built with the report's own [`RowView::build`], so the preview and every exporter agree.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, RichText, Stroke, Ui};

use crate::diff::{DiffOptions, Precision, Segment};
use crate::model::{Row, RowId, RowPath};
use crate::report::view::RowView;

/// The view of the selected row, built once per row and draft revision (a diff may take up to
/// [`crate::diff::DIFF_TIMEOUT`] on pathological text).
#[derive(Default)]
pub struct PreviewCache {
    key: Option<(RowId, u64)>,
    view: Option<RowView>,
}

impl PreviewCache {
    fn get(&mut self, row: &Row, path: RowPath, revision: u64) -> &RowView {
        let key = (row.id.clone(), revision);
        if self.key.as_ref() != Some(&key) || self.view.is_none() {
            self.view = Some(RowView::build(
                row,
                path,
                path.row + 1,
                &DiffOptions::default(),
            ));
            self.key = Some(key);
        }
        self.view.as_ref().expect("just built")
    }
}

/// Shows the preview of `row`.
pub fn preview_ui(ui: &mut Ui, cache: &mut PreviewCache, row: &Row, path: RowPath, revision: u64) {
    let view = cache.get(row, path, revision).clone();
    let current = |ui: &mut Ui| {
        ui.label(RichText::new("現行").strong());
        match &view.current {
            None => placeholder(ui, "（新規）"),
            Some(_) => underlined_label(ui, &view.diff.old, 14.0),
        }
    };
    let revised = |ui: &mut Ui| {
        ui.label(RichText::new("改定案").strong());
        match &view.revised {
            None => placeholder(ui, "（削除）"),
            Some(_) => underlined_label(ui, &view.diff.new, 14.0),
        }
    };
    // Side by side where both fit, as the report prints them; one above the other otherwise.
    if ui.available_width() >= super::widgets::SIDE_BY_SIDE {
        ui.columns(2, |cols| {
            current(&mut cols[0]);
            revised(&mut cols[1]);
        });
    } else {
        current(ui);
        ui.add_space(4.0);
        revised(ui);
    }
    match view.precision {
        Precision::Grapheme => {}
        Precision::Line => note(ui, "文章が長いため、一部は行単位で変更箇所を示しています。"),
        Precision::Whole => note(ui, "文章が長いため、全体を変更箇所として示しています。"),
    }
    if view.is_unchanged() {
        note(ui, "現行と改定案に違いはありません。");
    }
}

fn note(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).small().weak());
}

fn placeholder(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).weak());
}

/// Text with the changed segments underlined and lightly marked (underline first, colour
/// second, as the printed 新旧対照表), wrapped at `width`. Every on-screen diff uses it: this
/// preview, the 新旧対照表 preview, the version comparison and the merge dialog.
pub fn underlined_job(ui: &Ui, segments: &[Segment], size: f32, width: f32) -> LayoutJob {
    let font = FontId::proportional(size);
    let color = ui.visuals().text_color();
    let mark_bg = if ui.visuals().dark_mode {
        Color32::from_rgb(0x5A, 0x4A, 0x10)
    } else {
        Color32::from_rgb(0xFF, 0xF1, 0xB8)
    };
    let mut job = LayoutJob::default();
    for seg in segments {
        let mut fmt = TextFormat::simple(font.clone(), color);
        if seg.changed {
            fmt.underline = Stroke::new(1.5, color);
            fmt.background = mark_bg;
        }
        job.append(&seg.text, 0.0, fmt);
    }
    job.wrap.max_width = width;
    job
}

/// [`underlined_job`] as a label in the available width, or 「（空欄）」 for an empty text.
pub fn underlined_label(ui: &mut Ui, segments: &[Segment], size: f32) {
    if segments.iter().all(|s| s.text.is_empty()) {
        placeholder(ui, "（空欄）");
    } else {
        let job = underlined_job(ui, segments, size, ui.available_width());
        ui.label(job);
    }
}
