//! The left panel: search, filters and the tree 分野 → 施策大項目 → block → row. Only the
//! visible lines are laid out (`ScrollArea::show_rows`), so a draft many times the seed's size
//! scrolls as smoothly as the seed.

use egui::{
    Align, Color32, FontId, Id, Rect, RichText, Role, Sense, Stroke, Ui, WidgetInfo, pos2, vec2,
};

use super::widgets::{paint_badge, status_colors};
use crate::app::state::{Filters, ViewState};
use crate::app::tree::{Line, Tree};
use crate::app::ui_command::{Action, UiCommand};
use crate::model::{ChangeStatus, Draft};

/// The search box's id, so Ctrl+F can focus it.
pub fn search_id() -> Id {
    Id::unique("shinkyu-tree-search")
}

const INDENT: f32 = 14.0;

/// Short forms of the status labels for the counts on tree nodes (the full labels are in the
/// tooltip and on the row badges).
fn short(status: ChangeStatus) -> &'static str {
    match status {
        ChangeStatus::Unchanged => "なし",
        ChangeStatus::Modified => "あり",
        ChangeStatus::New => "新規",
        ChangeStatus::Deleted => "削除",
    }
}

/// Draws the filters and the tree. In 閲覧モード (`review_mode`) the nodes count review states
/// instead of change statuses, and the review filter is always shown.
pub fn tree_panel(
    ui: &mut Ui,
    draft: &Draft,
    tree: &Tree,
    view: &mut ViewState,
    review_mode: bool,
    actions: &mut Vec<Action>,
) {
    filters_ui(ui, tree, view, review_mode, actions);
    ui.separator();
    lines_ui(ui, draft, tree, view, review_mode, actions);
}

fn filters_ui(
    ui: &mut Ui,
    tree: &Tree,
    view: &mut ViewState,
    review_mode: bool,
    actions: &mut Vec<Action>,
) {
    let mut filters = view.filters.clone();
    ui.horizontal(|ui| {
        let r = ui.add(
            egui::TextEdit::singleline(&mut filters.search)
                .id(search_id())
                .hint_text("検索（Ctrl+F）")
                .desired_width((ui.available_width() - 40.0).max(40.0)),
        );
        let r = r
            .accessible_name("検索語")
            .on_hover_text("現行・改定案・メモから探します。該当する行だけを一覧に表示します。");
        if view.focus_search {
            r.request_focus();
            view.focus_search = false;
        }
        if super::widgets::icon_button(ui, "×", "検索語を消す", !filters.search.is_empty()) {
            filters.search.clear();
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("変更区分").small());
        for (i, s) in ChangeStatus::ALL.into_iter().enumerate() {
            ui.checkbox(&mut filters.statuses[i], s.label())
                .on_hover_text(format!("「{}」の行を表示します", s.label()));
        }
    });
    if review_mode || tree.has_review || filters.review_filter_active() {
        super::comments::review_filter_ui(ui, &mut filters);
    }
    ui.horizontal(|ui| {
        let label = ui.label(RichText::new("部署").small());
        let selected = filters
            .department
            .clone()
            .unwrap_or_else(|| "すべての部署".into());
        let r = egui::ComboBox::from_id_salt("shinkyu-dept-filter")
            .selected_text(selected)
            .width((ui.available_width() - 16.0).max(60.0))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filters.department, None, "すべての部署");
                for d in &tree.departments {
                    ui.selectable_value(&mut filters.department, Some(d.clone()), d);
                }
            });
        r.response
            .labelled_by(label.id)
            .on_hover_text("評価回答部署で絞り込みます。部署の書かれていない行は、その部署が回答する施策大項目にあれば表示します。");
    });
    if filters.is_active() {
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("絞り込み中：{} 行が該当", tree.matching_rows)).small());
            if ui
                .small_button("解除")
                .on_hover_text(UiCommand::ClearFilters.tooltip())
                .clicked()
            {
                actions.push(Action::Ui(UiCommand::ClearFilters));
            }
        });
    }
    if filters != view.filters {
        view.filters = filters;
        view.touch_tree();
    }
}

fn lines_ui(
    ui: &mut Ui,
    draft: &Draft,
    tree: &Tree,
    view: &mut ViewState,
    review_mode: bool,
    actions: &mut Vec<Action>,
) {
    let row_h = (ui.text_style_height(&egui::TextStyle::Body) + 6.0).round();
    let spacing = ui.spacing().item_spacing.y;
    let mut area = egui::ScrollArea::vertical()
        .id_salt("shinkyu-tree")
        .auto_shrink([false, false]);
    if view.scroll_tree_to_selection {
        view.scroll_tree_to_selection = false;
        if let Some(i) = tree.position_of(draft, &view.selection) {
            let top = i as f32 * (row_h + spacing);
            let visible = ui.available_height();
            let offset = ui
                .ctx()
                .data(|d| d.get_temp::<f32>(Id::unique("shinkyu-tree-offset")))
                .unwrap_or(0.0);
            if top < offset || top + row_h > offset + visible {
                area = area.vertical_scroll_offset((top - visible / 3.0).max(0.0));
            }
        }
    }
    let out = area.show_rows(ui, row_h, tree.lines.len(), |ui, range| {
        for i in range {
            line_ui(ui, draft, &tree.lines[i], row_h, view, review_mode, actions);
        }
    });
    ui.ctx().data_mut(|d| {
        d.insert_temp(
            Id::unique("shinkyu-tree-offset"),
            out.state.clamped_offset().y,
        )
    });
}

fn line_ui(
    ui: &mut Ui,
    draft: &Draft,
    line: &Line,
    row_h: f32,
    view: &ViewState,
    review_mode: bool,
    actions: &mut Vec<Action>,
) {
    let selection = line.node.selection(draft);
    let selected = selection == view.selection;
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width(), row_h), Sense::click());
    response.widget_info(|| WidgetInfo::selected(Role::TreeItem, true, selected, &line.label));
    let visuals = ui.visuals().clone();
    let painter = ui.painter_at(rect);
    if selected {
        painter.rect_filled(rect, 2.0, visuals.selection.bg_fill);
    } else if response.hovered() {
        painter.rect_filled(rect, 2.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let text_color = if selected {
        visuals.selection.stroke.color
    } else {
        visuals.text_color()
    };
    let x0 = rect.left() + 2.0 + line.depth as f32 * INDENT;
    let toggle = Rect::from_min_size(pos2(x0, rect.top()), vec2(14.0, rect.height()));
    if line.expandable {
        let c = toggle.center();
        let s = 4.0;
        let points = if line.expanded {
            vec![
                pos2(c.x - s, c.y - s * 0.6),
                pos2(c.x + s, c.y - s * 0.6),
                pos2(c.x, c.y + s * 0.7),
            ]
        } else {
            vec![
                pos2(c.x - s * 0.6, c.y - s),
                pos2(c.x - s * 0.6, c.y + s),
                pos2(c.x + s * 0.7, c.y),
            ]
        };
        painter.add(egui::Shape::convex_polygon(
            points,
            text_color,
            Stroke::NONE,
        ));
    }
    let mut x = toggle.right() + 3.0;

    // The row's own status, written out.
    let small = FontId::proportional(11.5);
    if let Some(status) = line.status {
        x += paint_badge(
            &painter,
            (x, Align::Min),
            rect.center().y,
            status.label(),
            status_colors(status, visuals.dark_mode),
            &small,
        ) + 5.0;
    }

    // Review marks (comments, 確認状態), then counts per status, right-aligned — as many as
    // leave the label at least 40 % of the line (a narrow tree drops counts, not the names;
    // the tooltip has them all).
    let label_min = x + (rect.width() * 0.4).max(40.0);
    let mut right = super::comments::paint_tree_marks(
        ui,
        &painter,
        line,
        rect.center().y,
        rect.right() - 4.0,
        label_min,
        review_mode,
    );
    if let Some(counts) = &line.counts
        && !review_mode
    {
        let items: Vec<(ChangeStatus, usize)> = counts.nonzero().collect();
        for (status, n) in items.into_iter().rev() {
            let text = format!("{}{}", short(status), n);
            let w = text_width(ui, &text, &small) + 8.0;
            if right - w < label_min {
                break;
            }
            paint_badge(
                &painter,
                (right - w, Align::Min),
                rect.center().y,
                &text,
                status_colors(status, visuals.dark_mode),
                &small,
            );
            right -= w + 3.0;
        }
    }

    // The label, cut to the space left.
    let font = if line.depth <= 1 {
        FontId::proportional(14.0)
    } else {
        FontId::proportional(13.5)
    };
    let width = (right - x - 4.0).max(10.0);
    let mut job = egui::text::LayoutJob::simple_singleline(line.label.clone(), font, text_color);
    job.wrap = egui::text::TextWrapping::truncate_at_width(width);
    let galley = painter.layout_job(job);
    let truncated = galley.elided;
    painter.galley(
        pos2(x, rect.center().y - galley.size().y / 2.0),
        galley,
        text_color,
    );

    let mut response = response;
    let reviewed = line.comments > 0
        || line
            .review
            .is_some_and(|s| s != crate::model::ReviewState::Unchecked);
    if truncated || line.counts.is_some() || reviewed {
        let tip = match (&line.counts, line.review) {
            (Some(c), _) if review_mode => {
                format!("{}\n{}", line.label, c.describe_review())
            }
            (Some(c), _) => format!("{}\n{}", line.label, c.describe()),
            (None, Some(state)) if reviewed => format!(
                "{}\n確認状態：{}、コメント {} 件",
                line.label,
                state.label(),
                line.comments
            ),
            (None, _) => line.label.clone(),
        };
        response = response.on_hover_text(tip);
    }
    if response.clicked() {
        let on_toggle = response
            .interact_pointer_pos()
            .is_some_and(|p| toggle.expand(3.0).contains(p));
        if let Some(key) = line.node.expand_key()
            && line.expandable
            && (on_toggle || selected || !line.expanded)
        {
            // Clicking the arrow toggles; clicking a collapsed node opens it; clicking the
            // selected node again closes it.
            actions.push(Action::ToggleExpand(key));
        }
        if !on_toggle {
            actions.push(Action::Select(selection));
        }
    }
    if response.double_clicked()
        && let Some(key) = line.node.expand_key()
    {
        actions.push(Action::ToggleExpand(key));
    }
}

fn text_width(ui: &Ui, text: &str, font: &FontId) -> f32 {
    ui.painter()
        .layout_no_wrap(text.to_string(), font.clone(), Color32::WHITE)
        .size()
        .x
}

/// Clears every filter.
pub fn clear_filters(view: &mut ViewState) {
    view.filters = Filters::default();
    view.touch_tree();
}
