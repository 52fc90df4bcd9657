//! The 分野 page: the draft's metadata and a summary of statuses per 施策大項目.

use egui::{Id, RichText, Ui};

use super::EditorCtx;
use super::widgets::section;
use crate::app::state::Selection;
use crate::app::tree::Counts;
use crate::app::ui_command::Action;
use crate::edit::Command;
use crate::model::{ChangeStatus, Meta};

pub fn field_ui(ui: &mut Ui, cx: &mut EditorCtx<'_>) {
    let draft = cx.draft;
    let m = &draft.meta;
    ui.label(RichText::new("分野").small().weak());
    ui.label(
        RichText::new(if m.field_name.is_empty() {
            "（分野名なし）".to_string()
        } else {
            m.field_label()
        })
        .heading(),
    );

    section(ui, "下書きの情報");
    let mut new: Meta = m.clone();
    let epoch = cx.epoch;
    egui::Grid::new("meta")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let mut row = |ui: &mut Ui, label: &str, value: &str, hint: &str| -> Option<String> {
                let l = ui.label(label);
                let mut buf = value.to_string();
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut buf)
                            .id(Id::unique(("meta", label, epoch)))
                            .desired_width(f32::INFINITY)
                            .hint_text(hint),
                    )
                    .labelled_by(l.id);
                if r.lost_focus() {
                    cx.actions.push(Action::SealUndo);
                }
                ui.end_row();
                (r.changed() && buf != value).then_some(buf)
            };
            if let Some(t) = row(
                ui,
                "計画名",
                &m.plan_name,
                "例: ○○市総合振興計画 後期基本計画",
            ) {
                new.plan_name = t;
            }
            if let Some(t) = row(ui, "表題", &m.title, "") {
                new.title = t;
            }
            if let Some(t) = row(ui, "分野名", &m.field_name, "例: 行財政経営分野") {
                new.field_name = t;
            }
            if let Some(t) = row(ui, "版", &m.version_label, "例: 素案1") {
                new.version_label = t;
            }
            if let Some(t) = row(ui, "日付", &m.date, "YYYY-MM-DD") {
                new.date = t;
            }
            if let Some(t) = row(ui, "作成課", &m.author_section, "例: 企画課") {
                new.author_section = t;
            }
            let l = ui.label("分野番号");
            let mut n = m.field_number;
            if ui
                .add(egui::DragValue::new(&mut n).range(0..=99))
                .labelled_by(l.id)
                .changed()
            {
                new.field_number = n;
            }
            ui.end_row();
        });
    if new != *m {
        cx.actions.push(Action::Edit(Command::SetMeta(new)));
    }

    section(ui, "変更区分の集計");
    if draft.policies.is_empty() {
        ui.label(RichText::new("施策大項目がありません。").weak());
        return;
    }
    // Long 施策大項目 names wrap (at most 40 % of the page), so the counts stay in view.
    egui::Grid::new("field-summary")
        .num_columns(6)
        .striped(true)
        .spacing([14.0, 4.0])
        .max_col_width((ui.available_width() * 0.4).max(120.0))
        .show(ui, |ui| {
            ui.label(RichText::new("施策大項目").strong());
            for s in ChangeStatus::ALL {
                ui.label(RichText::new(s.label()).strong());
            }
            ui.label(RichText::new("計").strong());
            ui.end_row();
            let mut all = Counts::default();
            for (i, p) in draft.policies.iter().enumerate() {
                let mut c = Counts::default();
                for (_, _, r) in draft.rows().filter(|(path, _, _)| path.policy == i) {
                    c.add(r.status);
                }
                all.merge(c);
                if ui.link(p.label()).clicked() {
                    cx.actions.push(Action::Select(Selection::Policy(i)));
                }
                for n in c.0 {
                    ui.label(n.to_string());
                }
                ui.label(c.total().to_string());
                ui.end_row();
            }
            ui.label(RichText::new("合計").strong());
            for n in all.0 {
                ui.label(RichText::new(n.to_string()).strong());
            }
            ui.label(RichText::new(all.total().to_string()).strong());
            ui.end_row();
        });
}
