//! The 検査結果 panel: the checker's findings grouped by 施策大項目 with counts per severity
//! (written out, with a shape per severity — never colour alone). A click shows the place in
//! the editor and selects the characters; the detail on the right has the full message, the
//! fix button and 無視する…. Only the visible lines are laid out (`ScrollArea::show_rows`).

use std::collections::HashSet;

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{
    Align, Color32, FontId, Layout, Rect, RichText, Role, Sense, Ui, WidgetInfo, pos2, vec2,
};

use crate::app::checking::{Checks, FindingsAction, Group, finding_ident};
use crate::app::ui_command::{Action, UiCommand};
use crate::check::{Finding, Severity};

/// What the panel shows (not part of the document).
#[derive(Clone, Debug)]
pub struct PanelState {
    /// エラー, 警告, 情報 shown.
    pub show: [bool; 3],
    /// Show the findings the draft ignores (dimmed, with their reason).
    pub show_suppressed: bool,
    /// Groups folded, by 施策大項目 index (`None`: the draft as a whole).
    pub collapsed: HashSet<Option<usize>>,
    /// Words every finding shown must contain (in its code, place, message or text).
    pub filter: String,
}

impl Default for PanelState {
    fn default() -> Self {
        PanelState {
            show: [true; 3],
            show_suppressed: true,
            collapsed: HashSet::new(),
            filter: String::new(),
        }
    }
}

/// The mark of a severity: a shape as well as a colour.
pub fn severity_mark(s: Severity) -> &'static str {
    match s {
        Severity::Error => "■",
        Severity::Warning => "▲",
        Severity::Info => "●",
    }
}

pub fn severity_color(s: Severity, dark: bool) -> Color32 {
    match (s, dark) {
        (Severity::Error, false) => Color32::from_rgb(0xB4, 0x1C, 0x1C),
        (Severity::Error, true) => Color32::from_rgb(0xFF, 0x7A, 0x7A),
        (Severity::Warning, false) => Color32::from_rgb(0x94, 0x5A, 0x00),
        (Severity::Warning, true) => Color32::from_rgb(0xF0, 0xB4, 0x50),
        (Severity::Info, false) => Color32::from_rgb(0x1E, 0x55, 0xA0),
        (Severity::Info, true) => Color32::from_rgb(0x8C, 0xB4, 0xF0),
    }
}

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// 「エラー 9・警告 13・情報 18」.
pub fn counts_text(c: (usize, usize, usize)) -> String {
    format!("エラー {}・警告 {}・情報 {}", c.0, c.1, c.2)
}

/// The counts as coloured marks and words, e.g. in the status bar.
pub fn counts_job(ui: &Ui, c: (usize, usize, usize), font: FontId) -> LayoutJob {
    let dark = ui.visuals().dark_mode;
    let text = ui.visuals().text_color();
    let mut job = LayoutJob::default();
    for (i, (s, n)) in SEVERITIES.into_iter().zip([c.0, c.1, c.2]).enumerate() {
        if i > 0 {
            job.append("・", 0.0, TextFormat::simple(font.clone(), text));
        }
        job.append(
            severity_mark(s),
            0.0,
            TextFormat::simple(font.clone(), severity_color(s, dark)),
        );
        job.append(
            &format!("{} {n}", s.label()),
            2.0,
            TextFormat::simple(font.clone(), text),
        );
    }
    job
}

/// The checker's state in the status bar: counts, or that a check runs.
pub fn status_counts(ui: &mut Ui, checks: &Checks, revision: Option<u64>) {
    let font = FontId::proportional(12.0);
    if !checks.has_result() {
        ui.label(RichText::new("検査中…").small());
        return;
    }
    ui.label(counts_job(ui, checks.counts(), font))
        .on_hover_text("検査結果（表示 › 検査結果 で一覧を開きます）");
    if checks.checked_revision() != revision {
        ui.label(RichText::new("（入力中）").small().weak());
    }
}

/// One line of the list.
#[derive(Clone, Copy, Debug)]
enum Line {
    Group(usize),
    Finding(usize),
}

fn visible(f: &Finding, state: &PanelState) -> bool {
    state.show[f.severity as usize]
        && (f.is_active() || state.show_suppressed)
        && (state.filter.trim().is_empty() || {
            let hay = format!(
                "{} {} {} {} {}",
                f.code,
                f.severity.label(),
                f.location.display,
                f.message,
                f.excerpt
            );
            state.filter.split_whitespace().all(|w| hay.contains(w))
        })
}

fn lines(groups: &[Group], findings: &[Finding], state: &PanelState) -> Vec<Line> {
    let mut out = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let items: Vec<usize> = g
            .items
            .iter()
            .copied()
            .filter(|&i| visible(&findings[i], state))
            .collect();
        if items.is_empty() {
            continue;
        }
        out.push(Line::Group(gi));
        if !state.collapsed.contains(&g.policy) {
            out.extend(items.into_iter().map(Line::Finding));
        }
    }
    out
}

/// Draws the panel. In 閲覧モード (`review_mode`) findings are read, not fixed or ignored.
pub fn findings_panel(
    ui: &mut Ui,
    checks: &Checks,
    state: &mut PanelState,
    revision: Option<u64>,
    review_mode: bool,
    actions: &mut Vec<Action>,
) {
    // Fill the panel: a resizable panel keeps the size its content had (a short "checking"
    // message on the first frame would otherwise shrink it for good).
    ui.set_min_height(ui.available_height());
    header(ui, checks, state, revision, actions);
    ui.separator();
    if !checks.has_result() {
        // No spinner (it would repaint every frame); the worker wakes the UI when done.
        ui.label("検査しています…");
        return;
    }
    let findings = checks.findings();
    if findings.is_empty() {
        ui.label("指摘はありません。");
        return;
    }
    egui::Panel::right("finding-detail")
        .resizable(true)
        .default_size(ui.available_width() * 0.42)
        .size_range(260.0..=900.0)
        .show(ui, |ui| detail(ui, checks, review_mode, actions));
    let all = lines(checks.groups(), findings, state);
    if all.is_empty() {
        ui.label(
            RichText::new("表示する指摘はありません（上の絞り込みを確認してください）。").weak(),
        );
        return;
    }
    let line_h = ui.text_style_height(&egui::TextStyle::Body);
    let row_h = (line_h * 2.0 + 8.0).round();
    let selected = checks.selected.as_deref();
    egui::ScrollArea::vertical()
        .id_salt("shinkyu-findings")
        .auto_shrink([false, false])
        .show_rows(ui, row_h, all.len(), |ui, range| {
            for line in &all[range] {
                match *line {
                    Line::Group(gi) => group_line(ui, &checks.groups()[gi], row_h, state),
                    Line::Finding(i) => {
                        let f = &findings[i];
                        let is_sel = selected.is_some_and(|k| k == finding_ident(f));
                        finding_line(ui, f, row_h, is_sel, review_mode, actions);
                    }
                }
            }
        });
}

fn header(
    ui: &mut Ui,
    checks: &Checks,
    state: &mut PanelState,
    revision: Option<u64>,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("検査結果").strong());
        let (e, w, i) = checks.counts();
        let dark = ui.visuals().dark_mode;
        for (k, (s, n)) in SEVERITIES.into_iter().zip([e, w, i]).enumerate() {
            let mut job = LayoutJob::default();
            let font = FontId::proportional(13.0);
            job.append(
                severity_mark(s),
                0.0,
                TextFormat::simple(font.clone(), severity_color(s, dark)),
            );
            job.append(
                &format!("{} {n}", s.label()),
                3.0,
                TextFormat::simple(font, ui.visuals().text_color()),
            );
            let r = ui
                .selectable_label(state.show[k], job)
                .on_hover_text(format!("{}を表示する／隠す", s.label()));
            if r.clicked() {
                state.show[k] = !state.show[k];
            }
        }
        let n = checks.suppressed();
        if ui
            .selectable_label(state.show_suppressed, format!("無視 {n}"))
            .on_hover_text("無視した指摘（理由付き）を表示する／隠す")
            .clicked()
        {
            state.show_suppressed = !state.show_suppressed;
        }
        ui.add(
            egui::TextEdit::singleline(&mut state.filter)
                .desired_width(180.0)
                .hint_text("絞り込み（コード・場所・文言）"),
        )
        .accessible_name("検査結果の絞り込み")
        .on_hover_text("入力した語をすべて含む指摘だけを表示します（空白で区切って複数）");
        ui.separator();
        let status = if checks.running() {
            "検査中…"
        } else if checks.has_result() && checks.checked_revision() != revision {
            "入力が止まると検査し直します"
        } else if checks.has_result() {
            "検査済み"
        } else {
            ""
        };
        let r = ui.label(RichText::new(status).small().weak());
        if let Some(t) = checks.last_elapsed() {
            r.on_hover_text(format!(
                "入力が止まって約{:.1}秒後に、別のスレッドで検査し直します。前回の検査にかかった時間: {} ms",
                crate::app::checking::DEBOUNCE,
                t.as_millis()
            ));
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui
                .small_button("×")
                .on_hover_text("検査結果を閉じる（表示 › 検査結果 でまた開きます）")
                .accessible_name("検査結果を閉じる")
                .clicked()
            {
                actions.push(Action::Ui(UiCommand::ToggleFindings));
            }
            if ui
                .small_button("再検査")
                .on_hover_text("いますぐ検査し直します")
                .clicked()
            {
                actions.push(Action::Findings(FindingsAction::Recheck));
            }
        });
    });
}

fn group_line(ui: &mut Ui, g: &Group, row_h: f32, state: &mut PanelState) {
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width(), row_h), Sense::click());
    let folded = state.collapsed.contains(&g.policy);
    let counts = format!(
        "エラー {}・警告 {}・情報 {}{}",
        g.counts[0],
        g.counts[1],
        g.counts[2],
        if g.suppressed > 0 {
            format!("（無視 {}）", g.suppressed)
        } else {
            String::new()
        }
    );
    let label = format!("{}　{counts}", g.title);
    response.widget_info(|| WidgetInfo::selected(Role::TreeItem, true, !folded, &label));
    let visuals = ui.visuals().clone();
    let painter = ui.painter_at(rect);
    // The group's band: the lower part of the line (the upper part keeps the groups apart).
    let band = Rect::from_min_max(pos2(rect.left(), rect.center().y - 4.0), rect.max);
    painter.rect_filled(
        band,
        2.0,
        if response.hovered() {
            visuals.widgets.hovered.weak_bg_fill
        } else {
            visuals.faint_bg_color
        },
    );
    let y = band.center().y;
    let arrow = if folded { "▶" } else { "▼" };
    let font = FontId::proportional(13.0);
    let strong = visuals.strong_text_color();
    painter.text(
        pos2(rect.left() + 2.0, y),
        egui::Align2::LEFT_CENTER,
        arrow,
        FontId::proportional(10.0),
        strong,
    );
    let title = painter.layout_no_wrap(g.title.clone(), font.clone(), strong);
    let tw = title.size().x;
    painter.galley(
        pos2(rect.left() + 16.0, y - title.size().y / 2.0),
        title,
        strong,
    );
    painter.text(
        pos2(rect.left() + 16.0 + tw + 12.0, y),
        egui::Align2::LEFT_CENTER,
        counts,
        FontId::proportional(12.0),
        visuals.weak_text_color(),
    );
    if response.clicked() {
        if folded {
            state.collapsed.remove(&g.policy);
        } else {
            state.collapsed.insert(g.policy);
        }
    }
}

/// One line of text cut to `width` with … at the end.
fn one_line(text: &str, font: FontId, color: Color32, width: f32) -> LayoutJob {
    let mut job = LayoutJob::simple_singleline(text.to_string(), font, color);
    job.wrap = TextWrapping {
        max_width: width.max(10.0),
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    job
}

/// What a finding's line is called (screen readers, tests): severity, code, place — with the
/// character position when the place has more than one — and message.
pub fn line_label(f: &Finding) -> String {
    let at = match f.location.span {
        Some(s) => format!("（{}文字目）", s.start + 1),
        None => String::new(),
    };
    format!(
        "{} {} {}{at}：{}",
        f.severity.label(),
        f.code,
        f.location.display,
        f.message
    )
}

fn finding_line(
    ui: &mut Ui,
    f: &Finding,
    row_h: f32,
    selected: bool,
    review_mode: bool,
    actions: &mut Vec<Action>,
) {
    let (rect, response) =
        ui.allocate_exact_size(vec2(ui.available_width(), row_h), Sense::click());
    let label = line_label(f);
    response.widget_info(|| WidgetInfo::selected(Role::ListItem, true, selected, &label));
    let visuals = ui.visuals().clone();
    let painter = ui.painter_at(rect);
    if selected {
        painter.rect_filled(rect, 2.0, visuals.selection.bg_fill);
    } else if response.hovered() {
        painter.rect_filled(rect, 2.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let active = f.is_active();
    let text_color = if selected {
        visuals.selection.stroke.color
    } else if active {
        visuals.text_color()
    } else {
        visuals.weak_text_color()
    };
    let weak = if selected {
        visuals.selection.stroke.color.gamma_multiply(0.8)
    } else {
        visuals.weak_text_color()
    };
    let mark_color = if active {
        severity_color(f.severity, visuals.dark_mode)
    } else {
        weak
    };
    let font = FontId::proportional(13.0);
    let small = FontId::proportional(11.5);
    let line_h = (row_h - 8.0) / 2.0;
    let top = rect.top() + 3.0;
    let left = rect.left() + 24.0;
    let right = rect.right() - 4.0;

    // Line 1: the severity (mark and word), the code, the message.
    let mut x = left;
    let sev = format!("{} {}", severity_mark(f.severity), f.severity.label());
    let g = painter.layout_no_wrap(sev, font.clone(), mark_color);
    let w = g.size().x;
    painter.galley(pos2(x, top + (line_h - g.size().y) / 2.0), g, mark_color);
    x += w.max(56.0) + 6.0;
    let g = painter.layout_no_wrap(f.code.to_string(), small.clone(), weak);
    let w = g.size().x;
    painter.galley(pos2(x, top + (line_h - g.size().y) / 2.0), g, weak);
    x += w + 8.0;
    let msg = if active {
        f.message.clone()
    } else {
        format!("（無視）{}", f.message)
    };
    let g = painter.layout_job(one_line(&msg, font, text_color, right - x));
    painter.galley(pos2(x, top + (line_h - g.size().y) / 2.0), g, text_color);

    // Line 2: where (without the 施策大項目: the group says it), and the characters (or the
    // reason it is ignored).
    let place = match &f.location.target {
        crate::check::Target::Draft => f.location.display.as_str(),
        _ => f
            .location
            .display
            .split_once(" › ")
            .map_or(f.location.display.as_str(), |(_, rest)| rest),
    };
    let second = match &f.suppressed {
        Some(s) => format!("{place}　無視の理由：{}", s.reason),
        None if !f.excerpt.is_empty() && f.code != "SUP001" => {
            format!("{place}　「{}」", f.excerpt)
        }
        None => place.to_string(),
    };
    let g = painter.layout_job(one_line(&second, small, weak, right - left));
    painter.galley(
        pos2(left, top + line_h + 2.0 + (line_h - g.size().y) / 2.0),
        g,
        weak,
    );

    let response = response.on_hover_text(&f.message);
    if response.clicked() {
        actions.push(Action::Findings(FindingsAction::GoTo(Box::new(f.clone()))));
    }
    response.context_menu(|ui| {
        if ui.button("この箇所へ移動").clicked() {
            actions.push(Action::Findings(FindingsAction::GoTo(Box::new(f.clone()))));
        }
        if review_mode {
            return;
        }
        if let Some(fix) = &f.fix
            && active
            && ui.button(format!("修正：{}", fix.label)).clicked()
        {
            actions.push(Action::Findings(FindingsAction::ApplyFix(Box::new(
                f.clone(),
            ))));
        }
        if active {
            if ui.button("無視する…").clicked() {
                actions.push(Action::Findings(FindingsAction::AskSuppress(Box::new(
                    f.clone(),
                ))));
            }
        } else if ui.button("無視をやめる").clicked() {
            actions.push(Action::Findings(FindingsAction::Unsuppress(Box::new(
                f.clone(),
            ))));
        }
    });
}

/// The selected finding in full, with its buttons.
fn detail(ui: &mut Ui, checks: &Checks, read_only: bool, actions: &mut Vec<Action>) {
    // Keep the pane's width whatever it shows (a resizable panel keeps its content's size).
    ui.set_min_width(ui.available_width());
    // 閲覧モード (`read_only`): reviewers read findings but do not fix or ignore them.
    let Some(f) = checks.selected_finding() else {
        ui.add_space(6.0);
        if checks.selected.is_some() {
            ui.label("この指摘は解消しました。次の指摘を左の一覧から選んでください。");
        } else {
            ui.label(RichText::new("左の一覧から指摘を選ぶと、その箇所を表示し、詳しい内容と修正のボタンをここに表示します。").weak());
        }
        return;
    };
    egui::ScrollArea::vertical()
        .id_salt("shinkyu-finding-detail")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let dark = ui.visuals().dark_mode;
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "{} {}",
                        severity_mark(f.severity),
                        f.severity.label()
                    ))
                    .color(severity_color(f.severity, dark))
                    .strong(),
                );
                let title = crate::check::rule(f.code).map(|r| r.title).unwrap_or("");
                ui.label(RichText::new(format!("{}　{title}", f.code)).weak());
            });
            ui.horizontal_wrapped(|ui| {
                if (f.location.row_id().is_some() || f.location.policy_index().is_some())
                    && ui.button("この箇所へ移動").clicked()
                {
                    actions.push(Action::Findings(FindingsAction::GoTo(Box::new(f.clone()))));
                }
                if read_only {
                    ui.label(
                        RichText::new("閲覧モードでは修正・無視はできません")
                            .small()
                            .weak(),
                    );
                    return;
                }
                if let Some(fix) = &f.fix
                    && f.is_active()
                    && ui
                        .button(format!("修正：{}", fix.label))
                        .on_hover_text("この修正を適用します（元に戻す Ctrl+Z で取り消せます）")
                        .clicked()
                {
                    actions.push(Action::Findings(FindingsAction::ApplyFix(Box::new(
                        f.clone(),
                    ))));
                }
                if f.code == "SUP001" {
                    if ui
                        .button("この抑止を削除")
                        .on_hover_text("下書きからこの抑止を取り除きます")
                        .clicked()
                    {
                        actions.push(Action::Findings(FindingsAction::Unsuppress(Box::new(
                            f.clone(),
                        ))));
                    }
                } else if f.is_active() {
                    if ui
                        .button("無視する…")
                        .on_hover_text(
                            "理由を書いて、この指摘を無視します（理由は下書きに保存されます）",
                        )
                        .clicked()
                    {
                        actions.push(Action::Findings(FindingsAction::AskSuppress(Box::new(
                            f.clone(),
                        ))));
                    }
                } else if ui
                    .button("無視をやめる")
                    .on_hover_text("この指摘をまた数えるようにします")
                    .clicked()
                {
                    actions.push(Action::Findings(FindingsAction::Unsuppress(Box::new(
                        f.clone(),
                    ))));
                }
            });
            ui.add_space(4.0);
            if let Some(s) = &f.suppressed {
                let who: Vec<&str> = [s.author.as_str(), s.date.as_str()]
                    .into_iter()
                    .filter(|x| !x.is_empty())
                    .collect();
                let who = if who.is_empty() {
                    String::new()
                } else {
                    format!("（{}）", who.join("、"))
                };
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.label(RichText::new(format!("無視しています{who}")).strong());
                    ui.label(format!("理由：{}", s.reason));
                });
            }
            ui.add_space(4.0);
            ui.label(RichText::new(&f.location.display).small());
            ui.add_space(4.0);
            ui.label(&f.message);
            if !f.excerpt.is_empty() && f.code != "SUP001" {
                ui.add_space(2.0);
                ui.label(RichText::new(format!("該当箇所：「{}」", f.excerpt)).small());
            }
        });
}
