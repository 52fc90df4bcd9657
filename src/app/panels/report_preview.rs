//! The 新旧対照表 preview: the whole draft as the report prints it — per 施策大項目 the table
//! 項目 | 現行 | 改定案 | 変更区分 with the changed words underlined on both sides (the report's
//! own [`RowView`]s, so the underlines are the same) — read-only; a click on a row opens it in
//! the editor.
//!
//! Kept between frames: the rows are built once on a worker thread, then after each edit only
//! the rows whose content changed are built again (a row is compared with the copy its view
//! was built from). Only the rows on screen are laid out (`ScrollArea::show_viewport`): heights
//! of rows not yet seen are estimated from their length and corrected once drawn.

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use egui::{
    Align, FontId, Id, Label, Layout, Rect, RichText, Role, Sense, Stroke, Ui, UiBuilder,
    WidgetInfo, pos2, vec2,
};

use super::preview::underlined_job;
use super::widgets::status_colors;
use crate::app::state::Selection;
use crate::app::ui_command::{Action, UiCommand};
use crate::diff::{DiffOptions, Segment, TextDiff, diff_text};
use crate::model::{BlockKind, ChangeStatus, Draft, Row, RowId};
use crate::report::html::{DELETED_PLACEHOLDER, EMPTY_PLACEHOLDER, NEW_PLACEHOLDER};
use crate::report::{ComparisonView, RowView, StatusCounts, ViewOptions};

/// A row's view and the row it was built from.
struct Cached {
    row: Row,
    view: RowView,
    /// Measured height at a column width (rounded).
    height: Option<(u32, f32)>,
    /// Estimated height at a column width, until it is measured.
    estimate: Option<(u32, f32)>,
}

/// The header of a 施策大項目 in the preview.
struct PolicyHead {
    label: String,
    /// 大項目名の変更: the name's diff.
    rename: Option<TextDiff>,
    counts: StatusCounts,
    height: Option<(u32, f32)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Item {
    Policy(usize),
    Row(RowId),
}

struct Built {
    generation: u64,
    revision: u64,
    draft: Draft,
    view: ComparisonView,
    elapsed: std::time::Duration,
}

/// Policies built so far and in all, while the worker builds the rows.
type BuildProgress = Arc<Mutex<(usize, usize)>>;

/// The preview's state, kept between frames.
#[derive(Default)]
pub struct ReportPreview {
    generation: u64,
    /// The document revision the rows reflect.
    revision: Option<u64>,
    rows: HashMap<RowId, Cached>,
    policies: Vec<PolicyHead>,
    items: Vec<Item>,
    /// Show only rows that change.
    pub only_changed: bool,
    /// Scroll to this row on the next frame.
    pub scroll_to: Option<RowId>,
    /// What was selected before the preview was opened (to go back to).
    pub return_to: Option<Selection>,
    building: Option<(Receiver<Built>, BuildProgress)>,
    /// Rows built again after edits (for tests and measurements).
    rebuilt: usize,
    /// Time of the first build on the worker.
    pub build_time: Option<std::time::Duration>,
    items_filter: bool,
}

impl ReportPreview {
    /// Forgets everything: another document was opened.
    pub fn reset(&mut self) {
        let only_changed = self.only_changed;
        *self = ReportPreview {
            generation: self.generation + 1,
            only_changed,
            ..ReportPreview::default()
        };
    }

    /// True while the rows are built on the worker.
    pub fn building(&self) -> bool {
        self.building.is_some()
    }

    /// Rows built again after edits since the first build.
    pub fn rebuilt_rows(&self) -> usize {
        self.rebuilt
    }

    /// Rows in the preview.
    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    /// The view of a row, as the preview shows it.
    pub fn row_view(&self, id: &RowId) -> Option<&RowView> {
        self.rows.get(id).map(|c| &c.view)
    }

    /// Brings the preview up to date with the draft: the first time on a worker thread, then
    /// row by row.
    pub fn refresh(&mut self, ctx: &egui::Context, draft: &Draft, revision: u64) {
        if let Some((rx, _)) = &self.building {
            match rx.try_recv() {
                Ok(built) if built.generation == self.generation => {
                    self.building = None;
                    self.build_time = Some(built.elapsed);
                    if std::env::var_os(crate::app::checking::TIMING_ENV).is_some() {
                        eprintln!(
                            "shinkyu: 新旧対照表プレビュー {} 行を {:.0} ms で作成（別スレッド）",
                            built.draft.rows().count(),
                            built.elapsed.as_secs_f64() * 1000.0
                        );
                    }
                    self.take_built(built);
                }
                Ok(_) => self.building = None,
                Err(std::sync::mpsc::TryRecvError::Empty) => return,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.building = None,
            }
        }
        if self.revision.is_none() && self.building.is_none() {
            self.start_build(ctx, draft, revision);
            return;
        }
        if self.revision != Some(revision) || self.items_filter != self.only_changed {
            self.update(draft);
            self.revision = Some(revision);
        }
    }

    fn start_build(&mut self, ctx: &egui::Context, draft: &Draft, revision: u64) {
        let (tx, rx) = channel();
        let progress = Arc::new(Mutex::new((0, draft.policies.len())));
        let p = progress.clone();
        let draft = draft.clone();
        let generation = self.generation;
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("shinkyu-preview".into())
            .spawn(move || {
                let t = Instant::now();
                let view = ComparisonView::build_with_progress(
                    &draft,
                    &ViewOptions::default(),
                    &mut |done, total| {
                        if let Ok(mut g) = p.lock() {
                            *g = (done, total);
                        }
                    },
                );
                let _ = tx.send(Built {
                    generation,
                    revision,
                    draft,
                    view,
                    elapsed: t.elapsed(),
                });
                ctx.request_repaint();
            });
        if spawned.is_ok() {
            self.building = Some((rx, progress));
        }
    }

    fn take_built(&mut self, built: Built) {
        let mut views: HashMap<RowId, RowView> = built
            .view
            .rows()
            .map(|(_, r)| (r.id.clone(), r.clone()))
            .collect();
        self.rows = built
            .draft
            .rows()
            .filter_map(|(_, _, row)| {
                let view = views.remove(&row.id)?;
                Some((
                    row.id.clone(),
                    Cached {
                        row: row.clone(),
                        view,
                        height: None,
                        estimate: None,
                    },
                ))
            })
            .collect();
        self.revision = Some(built.revision);
        // The draft may have changed while the worker ran: the next refresh catches up.
        self.update(&built.draft);
    }

    /// Rebuilds the views of rows that changed, the headers and the list of items.
    fn update(&mut self, draft: &Draft) {
        let opts = DiffOptions::default();
        let mut seen: HashMap<&RowId, ()> = HashMap::with_capacity(self.rows.len());
        for (path, _, row) in draft.rows() {
            seen.insert(&row.id, ());
            match self.rows.get_mut(&row.id) {
                Some(c) if c.row == *row && c.view.block == path.block => {
                    if c.view.path != path {
                        c.view.path = path;
                        c.view.ordinal = path.row + 1;
                    }
                }
                _ => {
                    self.rebuilt += 1;
                    self.rows.insert(
                        row.id.clone(),
                        Cached {
                            row: row.clone(),
                            view: RowView::build(row, path, path.row + 1, &opts),
                            height: None,
                            estimate: None,
                        },
                    );
                }
            }
        }
        self.rows.retain(|id, _| seen.contains_key(id));

        let old_heights: Vec<Option<(u32, f32)>> = self.policies.iter().map(|p| p.height).collect();
        self.policies = draft
            .policies
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut counts = StatusCounts::default();
                for kind in BlockKind::ALL {
                    for r in p.block(kind) {
                        counts.add(r.status);
                    }
                }
                let rename = match &p.rename {
                    crate::model::Rename::Renamed(n) => Some(diff_text(&p.name, n)),
                    crate::model::Rename::Unchanged => None,
                };
                let label = p.marked_label();
                let height = old_heights.get(i).copied().flatten();
                PolicyHead {
                    label,
                    rename,
                    counts,
                    height,
                }
            })
            .collect();

        self.items.clear();
        self.items_filter = self.only_changed;
        for (pi, p) in draft.policies.iter().enumerate() {
            self.items.push(Item::Policy(pi));
            for kind in BlockKind::ALL {
                for r in p.block(kind) {
                    if self.only_changed && self.rows.get(&r.id).is_some_and(|c| unchanged(&c.view))
                    {
                        continue;
                    }
                    self.items.push(Item::Row(r.id.clone()));
                }
            }
        }
    }
}

/// A row the report shows as 変更なし (both sides, same text).
fn unchanged(v: &RowView) -> bool {
    v.is_unchanged() && v.status != Some(ChangeStatus::Modified)
}

/// Column widths: 項目, 現行, 改定案, 変更区分.
#[derive(Clone, Copy)]
struct Columns {
    item: f32,
    side: f32,
    status: f32,
    gap: f32,
}

impl Columns {
    fn new(width: f32) -> Columns {
        let item = (width * 0.16).clamp(120.0, 220.0);
        let status = 76.0;
        let gap = 12.0;
        let side = ((width - item - status - gap * 4.0) / 2.0).max(80.0);
        Columns {
            item,
            side,
            status,
            gap,
        }
    }

    fn key(&self) -> u32 {
        self.side.round() as u32
    }

    /// Left edges of the four columns, from `left`.
    fn lefts(&self, left: f32) -> [f32; 4] {
        let a = left + self.gap / 2.0;
        let b = a + self.item + self.gap;
        let c = b + self.side + self.gap;
        let d = c + self.side + self.gap;
        [a, b, c, d]
    }
}

const BODY: f32 = 14.0;

fn estimate_lines(text: &str, width: f32) -> f32 {
    let per_line = (width / BODY).max(4.0);
    text.split('\n')
        .map(|l| (l.chars().count() as f32 / per_line).ceil().max(1.0))
        .sum()
}

fn estimate_row(v: &RowView, cols: &Columns) -> f32 {
    let line = BODY * 1.3;
    let side = |t: &Option<String>| t.as_deref().map_or(1.0, |t| estimate_lines(t, cols.side));
    let lines = side(&v.current)
        .max(side(&v.revised))
        .max(1.0 + estimate_lines(&v.label, cols.item));
    lines * line + 12.0
}

/// The underlined words of a side, for screen readers (and tests): 「下線：「…」「…」」.
fn underlined(segments: &[Segment]) -> String {
    let parts: Vec<String> = segments
        .iter()
        .filter(|s| s.changed && !s.text.trim().is_empty())
        .map(|s| format!("「{}」", s.text.trim()))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("下線（変更箇所）：{}", parts.join(""))
    }
}

/// Draws the preview of the draft.
pub fn report_preview_ui(
    ui: &mut Ui,
    preview: &mut ReportPreview,
    draft: &Draft,
    revision: u64,
    actions: &mut Vec<Action>,
) {
    preview.refresh(ui.ctx(), draft, revision);
    ui.horizontal(|ui| {
        ui.label(RichText::new("新旧対照表プレビュー").heading());
        ui.add_space(12.0);
        let mut only = preview.only_changed;
        if ui
            .checkbox(&mut only, "変更のある行だけ")
            .on_hover_text("変更なしの行を隠します")
            .changed()
        {
            preview.only_changed = only;
            preview.refresh(ui.ctx(), draft, revision);
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui
                .button("出力…")
                .on_hover_text("この新旧対照表をファイルに出力します（Ctrl+E）")
                .clicked()
            {
                actions.push(Action::Ui(UiCommand::Export));
            }
        });
    });
    ui.label(
        RichText::new("変更箇所は両欄に下線で示します（印刷と同じ）。行をクリックすると、その行の編集画面を開きます。")
            .small()
            .weak(),
    );
    if let Some((_, progress)) = &preview.building {
        let (done, total) = *progress.lock().expect("progress");
        ui.add_space(12.0);
        // No spinner (it repaints every frame): the bar is refreshed ten times a second, and the
        // worker wakes the UI when it is done.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(100));
        let fraction = if total > 0 {
            done as f32 / total as f32
        } else {
            0.0
        };
        ui.add(
            egui::ProgressBar::new(fraction)
                .desired_width(360.0)
                .text(format!("新旧対照表を作成しています…（{done} / {total}）")),
        );
        return;
    }
    if draft.policies.is_empty() {
        ui.label("施策大項目がありません。");
        return;
    }

    let cols = Columns::new(ui.available_width() - 14.0);
    // The column header stays on top while the rows scroll.
    let (hrect, _) = ui.allocate_exact_size(vec2(ui.available_width(), 24.0), Sense::hover());
    let painter = ui.painter_at(hrect);
    painter.rect_filled(hrect, 0.0, ui.visuals().faint_bg_color);
    let strong = ui.visuals().strong_text_color();
    for (x, text) in
        cols.lefts(hrect.left())
            .into_iter()
            .zip(["項目", "現行", "改定案", "変更区分"])
    {
        painter.text(
            pos2(x, hrect.center().y),
            egui::Align2::LEFT_CENTER,
            text,
            FontId::proportional(13.0),
            strong,
        );
    }

    let key = cols.key();
    // Heights: measured where the row was drawn at this width, else estimated once (an
    // estimate reads the row's text; doing that every frame would cost as much as the draft).
    let mut heights = Vec::with_capacity(preview.items.len());
    for item in &preview.items {
        heights.push(match item {
            Item::Policy(i) => match preview.policies.get(*i).and_then(|h| h.height) {
                Some((k, h)) if k == key => h,
                _ => 64.0,
            },
            Item::Row(id) => match preview.rows.get_mut(id) {
                Some(c) => match (c.height, c.estimate) {
                    (Some((k, h)), _) if k == key => h,
                    (_, Some((k, h))) if k == key => h,
                    _ => {
                        let h = estimate_row(&c.view, &cols);
                        c.estimate = Some((key, h));
                        h
                    }
                },
                None => 30.0,
            },
        });
    }
    let mut tops = Vec::with_capacity(heights.len() + 1);
    let mut y = 0.0;
    for h in &heights {
        tops.push(y);
        y += h;
    }
    tops.push(y);
    let total = y;

    let mut area = egui::ScrollArea::vertical()
        .id_salt("shinkyu-report-preview")
        .auto_shrink([false, false]);
    if let Some(id) = preview.scroll_to.take()
        && let Some(i) = preview
            .items
            .iter()
            .position(|it| matches!(it, Item::Row(r) if *r == id))
    {
        area = area.vertical_scroll_offset((tops[i] - 40.0).max(0.0));
    }
    let mut measured: Vec<(Item, f32)> = Vec::new();
    area.show_viewport(ui, |ui, viewport| {
        let origin = ui.max_rect().min;
        ui.set_height(total);
        let width = ui.available_width();
        let first = tops
            .partition_point(|t| *t <= viewport.min.y)
            .saturating_sub(1);
        let mut i = first;
        while i < preview.items.len() && tops[i] < viewport.max.y {
            let item = preview.items[i].clone();
            let top = origin.y + tops[i];
            let rect = Rect::from_min_size(pos2(origin.x, top), vec2(width, 10_000.0));
            let h = match &item {
                Item::Policy(pi) => policy_ui(ui, rect, &preview.policies[*pi]),
                Item::Row(id) => match preview.rows.get(id) {
                    Some(c) => row_ui(ui, rect, &c.view, &cols, actions),
                    None => 30.0,
                },
            };
            if (h - heights[i]).abs() > 0.5 {
                measured.push((item, h));
            }
            i += 1;
        }
    });
    if !measured.is_empty() {
        for (item, h) in measured {
            match item {
                Item::Policy(i) => {
                    if let Some(p) = preview.policies.get_mut(i) {
                        p.height = Some((key, h));
                    }
                }
                Item::Row(id) => {
                    if let Some(c) = preview.rows.get_mut(&id) {
                        c.height = Some((key, h));
                    }
                }
            }
        }
        ui.ctx().request_repaint();
    }
}

fn policy_ui(ui: &mut Ui, rect: Rect, p: &PolicyHead) -> f32 {
    let mut child = ui.new_child(UiBuilder::new().max_rect(rect.shrink2(vec2(4.0, 0.0))));
    child.add_space(10.0);
    child.label(RichText::new(&p.label).heading().strong());
    if let Some(diff) = &p.rename {
        child.horizontal_wrapped(|ui| {
            ui.label(RichText::new("大項目名の変更：").small());
            let w = ui.available_width();
            ui.add(Label::new(underlined_job(ui, &diff.new, BODY, w)).selectable(false));
        });
    }
    let c = &p.counts;
    let counts: Vec<String> = ChangeStatus::ALL
        .into_iter()
        .map(|s| format!("{} {}", s.label(), c.get(s)))
        .collect();
    child.label(RichText::new(counts.join("・")).small().weak());
    child.add_space(4.0);
    child.min_rect().height()
}

fn cell<R>(ui: &mut Ui, left: f32, top: f32, width: f32, add: impl FnOnce(&mut Ui) -> R) -> f32 {
    let rect = Rect::from_min_size(pos2(left, top), vec2(width, 10_000.0));
    let mut child = ui.new_child(
        UiBuilder::new()
            .max_rect(rect)
            .layout(Layout::top_down(Align::Min)),
    );
    child.set_width(width);
    add(&mut child);
    child.min_rect().height()
}

fn side_cell(
    ui: &mut Ui,
    text: &Option<String>,
    segments: &[Segment],
    placeholder: &str,
    width: f32,
    what: &str,
) {
    match text {
        None => {
            ui.add(Label::new(RichText::new(placeholder).weak()).selectable(false));
        }
        Some(_) => {
            let job = underlined_job(ui, segments, BODY, width);
            let r = ui.add(Label::new(job).selectable(false));
            let desc = underlined(segments);
            let name = what.to_string();
            ui.ctx().accesskit_node_builder(r.id, |b| {
                if !desc.is_empty() {
                    b.set_description(desc);
                }
                b.set_role_description(name);
            });
        }
    }
}

fn row_ui(ui: &mut Ui, rect: Rect, v: &RowView, cols: &Columns, actions: &mut Vec<Action>) -> f32 {
    let top = rect.top() + 6.0;
    let [a, b, c, d] = cols.lefts(rect.left());
    let (block, label) = v.item();
    let h_item = cell(ui, a, top, cols.item, |ui| {
        ui.add(Label::new(RichText::new(block).small().weak()).selectable(false));
        if !label.is_empty() {
            ui.add(Label::new(RichText::new(&label).size(13.0)).selectable(false));
        }
    });
    let (left, right) = (&v.diff.old, &v.diff.new);
    let both_empty = v.current.is_none() && v.revised.is_none();
    let cur_placeholder = if both_empty {
        EMPTY_PLACEHOLDER
    } else {
        NEW_PLACEHOLDER
    };
    let rev_placeholder = if both_empty {
        EMPTY_PLACEHOLDER
    } else {
        DELETED_PLACEHOLDER
    };
    let h_cur = cell(ui, b, top, cols.side, |ui| {
        side_cell(ui, &v.current, left, cur_placeholder, cols.side, "現行")
    });
    let h_rev = cell(ui, c, top, cols.side, |ui| {
        side_cell(ui, &v.revised, right, rev_placeholder, cols.side, "改定案")
    });
    // Blocks without a status (現況と課題, 協働による取組) leave the cell empty, as the report does.
    let h_status = cell(ui, d, top, cols.status, |ui| {
        if let Some(s) = v.status {
            let (fill, text) = status_colors(s, ui.visuals().dark_mode);
            egui::Frame::new()
                .fill(fill)
                .corner_radius(3)
                .inner_margin(egui::Margin::symmetric(5, 1))
                .show(ui, |ui| {
                    ui.add(
                        Label::new(RichText::new(s.label()).small().color(text)).selectable(false),
                    )
                });
        }
    });
    let h = h_item.max(h_cur).max(h_rev).max(h_status) + 12.0;
    let row_rect = Rect::from_min_size(rect.min, vec2(rect.width(), h));
    let response = ui.interact(row_rect, Id::unique(("preview-row", &v.id)), Sense::click());
    let name = if label.is_empty() {
        block.to_string()
    } else {
        format!("{block} {label}")
    };
    response.widget_info(|| WidgetInfo::labeled(Role::Row, true, &name));
    let painter = ui.painter();
    let line = Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color);
    if response.hovered() {
        painter.rect_stroke(
            row_rect.shrink(1.0),
            2.0,
            Stroke::new(1.5, ui.visuals().selection.bg_fill),
            egui::StrokeKind::Inside,
        );
    }
    painter.hline(row_rect.x_range(), row_rect.bottom(), line);
    for x in [b, c, d] {
        painter.vline(x - cols.gap / 2.0, row_rect.y_range(), line);
    }
    let response = response.on_hover_text("クリックでこの行を編集します");
    if response.clicked() {
        actions.push(Action::Select(Selection::Row(v.id.clone())));
    }
    h
}
