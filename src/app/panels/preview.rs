//! The live preview of a row's change: both sides as the 新旧対照表 prints them, with the
//! changed words underlined on both sides (deleted words on the current side, added words on
//! the revised side) — underlines, not colour alone, as the printed report does.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, RichText, Stroke, Ui};

use crate::diff::{Segment, TextDiff, diff_text};
use crate::model::{BlockKind, ChangeStatus, Row, RowId, SideKind};

/// The diff of the selected row, computed once per row and draft revision (a diff may take up
/// to [`crate::diff::DIFF_TIMEOUT`] on pathological text).
#[derive(Default)]
pub struct PreviewCache {
    key: Option<(RowId, u64)>,
    diff: TextDiff,
}

impl PreviewCache {
    fn get(&mut self, row: &Row, kind: BlockKind, revision: u64) -> &TextDiff {
        let key = (row.id.clone(), revision);
        if self.key.as_ref() != Some(&key) {
            let current = row.side_text(SideKind::Current, kind);
            let revised = row.side_text(SideKind::Revised, kind);
            self.diff = diff_text(&current, &revised);
            self.key = Some(key);
        }
        &self.diff
    }
}

/// Shows the preview of `row`.
pub fn preview_ui(
    ui: &mut Ui,
    cache: &mut PreviewCache,
    row: &Row,
    kind: BlockKind,
    revision: u64,
) {
    let diff = cache.get(row, kind, revision).clone();
    let status = row.status;
    ui.columns(2, |cols| {
        cols[0].label(RichText::new("現行").strong());
        cols[1].label(RichText::new("改定案").strong());
        match (&row.current, status) {
            (None, _) => placeholder(&mut cols[0], "（新規）"),
            _ => side(&mut cols[0], &diff.old),
        }
        match (&row.revised, status) {
            (None, _) | (_, Some(ChangeStatus::Deleted)) => placeholder(&mut cols[1], "（削除）"),
            _ => side(&mut cols[1], &diff.new),
        }
    });
    if diff.is_unchanged() && row.current.is_some() && row.revised.is_some() {
        ui.label(
            RichText::new("現行と改定案に違いはありません。")
                .small()
                .weak(),
        );
    }
}

fn placeholder(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).weak());
}

fn side(ui: &mut Ui, segments: &[Segment]) {
    let font = FontId::proportional(14.0);
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
    job.wrap.max_width = ui.available_width();
    if segments.iter().all(|s| s.text.is_empty()) {
        placeholder(ui, "（空欄）");
    } else {
        ui.label(job);
    }
}
