//! The blocks of a 施策大項目 that are not comparison rows: the name and its rename, 市民アンケート
//! 結果, 市民の声, 関連するSDGs and 成果指標/現状 with 各課意見.

use egui::{Id, RichText, Ui};

use super::EditorCtx;
use super::widgets::{Lines, caption, icon_button, section, text_field, text_field_w};
use crate::app::state::{PolicyPage, Selection};
use crate::app::tree::Counts;
use crate::app::ui_command::Action;
use crate::edit::{Command, ListOp};
use crate::model::{
    BlockKind, IndicatorKind, IndicatorVerdict, Policy, Rank, Rename, SDG_NAMES, SdgRef, Survey,
    VoiceForm, sdg_name,
};

fn heading(ui: &mut Ui, p: &Policy, what: &str) {
    ui.label(RichText::new(p.label()).small().weak());
    ui.label(RichText::new(what).heading());
}

/// The 施策大項目 itself: its name, 大項目名の変更必要性, a summary of its blocks, its memo.
pub fn policy_ui(ui: &mut Ui, cx: &mut EditorCtx<'_>, policy: usize) {
    let Some(p) = cx.draft.policies.get(policy) else {
        return;
    };
    ui.label(RichText::new("施策大項目").small().weak());
    ui.label(RichText::new(p.label()).heading());

    section(ui, "大項目名の変更必要性");
    let renamed = matches!(p.rename, Rename::Renamed(_));
    ui.horizontal(|ui| {
        if ui.radio(!renamed, "なし").clicked() && renamed {
            cx.actions.push(Action::Edit(Command::SetRename {
                policy,
                rename: Rename::Unchanged,
            }));
        }
        if ui.radio(renamed, "あり").clicked() && !renamed {
            cx.actions.push(Action::Edit(Command::SetRename {
                policy,
                rename: Rename::Renamed(String::new()),
            }));
        }
    });
    if let Rename::Renamed(name) = &p.rename {
        caption(ui, "新しい大項目名（番号なし）");
        if let Some(t) = text_field(
            ui,
            cx.actions,
            Id::unique(("rename", policy, cx.epoch)),
            "新しい大項目名",
            name,
            Lines::Single,
            true,
            "例: 行政のデジタル化の推進",
        ) {
            cx.actions.push(Action::Edit(Command::SetRename {
                policy,
                rename: Rename::Renamed(t),
            }));
        }
        ui.label(
            RichText::new(format!("現行の名称: {}", p.name))
                .small()
                .weak(),
        );
    }

    section(ui, "内容");
    egui::Grid::new(("policy-summary", policy))
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for page in PolicyPage::ALL {
                if ui.link(page.label()).clicked() {
                    cx.actions
                        .push(Action::Select(Selection::Page { policy, page }));
                }
                // The last column wraps at the page's width (a grid does not wrap by itself).
                ui.add(egui::Label::new(page_summary(p, page)).wrap());
                ui.end_row();
            }
            for kind in BlockKind::ALL {
                if ui.link(kind.label()).clicked() {
                    let sel = if kind.is_single_row() {
                        Selection::Row(p.block(kind)[0].id.clone())
                    } else {
                        Selection::Block {
                            policy,
                            block: kind,
                        }
                    };
                    cx.actions.push(Action::Select(sel));
                }
                let mut c = Counts::default();
                for r in p.block(kind) {
                    c.add(r.status);
                }
                let summary = if kind.carries_status() {
                    format!("{} 行（{}）", p.block(kind).len(), c.describe())
                } else {
                    "1 行".to_string()
                };
                ui.add(egui::Label::new(summary).wrap());
                ui.end_row();
            }
        });

    section(ui, "メモ");
    if let Some(t) = text_field(
        ui,
        cx.actions,
        Id::unique(("policy-memo", policy, cx.epoch)),
        "施策大項目のメモ",
        &p.memo,
        Lines::Multi(2),
        true,
        "",
    ) {
        cx.actions
            .push(Action::Edit(Command::SetPolicyMemo { policy, text: t }));
    }
}

fn page_summary(p: &Policy, page: PolicyPage) -> String {
    match page {
        PolicyPage::Survey => match &p.survey {
            Some(s) => format!("{}（{}）", s.item, s.years.join("・")),
            None => "なし".into(),
        },
        PolicyPage::Voices => format!("{} 件", p.voices.len()),
        PolicyPage::Sdgs => {
            let nums: Vec<String> = p.sdgs.iter().map(|s| s.number.to_string()).collect();
            if nums.is_empty() {
                "なし".into()
            } else {
                format!("目標 {}", nums.join("、"))
            }
        }
        PolicyPage::Indicators => format!("{} 件", p.indicators.len()),
    }
}

/// One of the pages of a 施策大項目.
pub fn page_ui(ui: &mut Ui, cx: &mut EditorCtx<'_>, policy: usize, page: PolicyPage) {
    let Some(p) = cx.draft.policies.get(policy) else {
        return;
    };
    heading(ui, p, page.label());
    match page {
        PolicyPage::Survey => survey_ui(ui, cx, policy, p),
        PolicyPage::Voices => voices_ui(ui, cx, policy, p),
        PolicyPage::Sdgs => sdgs_ui(ui, cx, policy, p),
        PolicyPage::Indicators => indicators_ui(ui, cx, policy, p),
    }
}

fn survey_ui(ui: &mut Ui, cx: &mut EditorCtx<'_>, policy: usize, p: &Policy) {
    let Some(s) = &p.survey else {
        ui.label("この施策大項目には市民アンケート結果がありません。");
        if ui.button("市民アンケート結果を追加").clicked() {
            cx.actions.push(Action::Edit(Command::SetSurvey {
                policy,
                survey: Some(Survey {
                    years: vec!["R3年".into()],
                    satisfaction: vec![0.0],
                    importance: vec![0.0],
                    ..Survey::default()
                }),
            }));
        }
        return;
    };
    let mut new = s.clone();
    let epoch = cx.epoch;
    caption(ui, "項目名");
    if let Some(t) = text_field(
        ui,
        cx.actions,
        Id::unique(("survey-item", policy, epoch)),
        "アンケートの項目名",
        &s.item,
        Lines::Multi(1),
        true,
        "市民が評価した項目",
    ) {
        new.item = t;
    }
    ui.add_space(4.0);
    let years = s.years.len();
    egui::Grid::new(("survey", policy))
        .num_columns(years + 1)
        .min_col_width(76.0)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            ui.label(RichText::new("調査年度").strong());
            for (i, y) in s.years.iter().enumerate() {
                if let Some(t) = text_field_w(
                    ui,
                    cx.actions,
                    Id::unique(("survey-year", policy, i, epoch)),
                    &format!("調査年度{}", i + 1),
                    y,
                    Lines::Single,
                    true,
                    "R3年",
                    68.0,
                ) {
                    new.years[i] = t;
                }
            }
            ui.end_row();
            for (label, values, target) in
                [("満足度", &s.satisfaction, 0), ("重要度", &s.importance, 1)]
            {
                let l = ui.label(RichText::new(label).strong());
                for i in 0..years {
                    let mut v = values.get(i).copied().unwrap_or(0.0);
                    let r = ui
                        .add(
                            egui::DragValue::new(&mut v)
                                .range(-2.0..=2.0)
                                .speed(0.01)
                                .fixed_decimals(2),
                        )
                        .labelled_by(l.id)
                        .accessible_name(format!("{label}（{}）", s.years[i]));
                    if r.changed() {
                        let list = if target == 0 {
                            &mut new.satisfaction
                        } else {
                            &mut new.importance
                        };
                        list.resize(years, 0.0);
                        list[i] = v;
                    }
                }
                ui.end_row();
            }
        });
    ui.add_space(4.0);
    for (label, rank, which) in [
        ("満足度の参考順位", s.satisfaction_rank, 0),
        ("重要度の参考順位", s.importance_rank, 1),
    ] {
        ui.horizontal(|ui| {
            let mut has = rank.is_some();
            let mut r = rank.unwrap_or(Rank { rank: 1, of: 36 });
            let mut changed = ui.checkbox(&mut has, label).changed();
            if has {
                changed |= ui
                    .add(egui::DragValue::new(&mut r.rank).range(1..=999))
                    .accessible_name(format!("{label}（順位）"))
                    .changed();
                ui.label("/");
                changed |= ui
                    .add(egui::DragValue::new(&mut r.of).range(1..=999))
                    .accessible_name(format!("{label}（項目数）"))
                    .changed();
                ui.label("位");
            }
            if changed {
                let v = has.then_some(r);
                if which == 0 {
                    new.satisfaction_rank = v;
                } else {
                    new.importance_rank = v;
                }
            }
        });
    }
    ui.horizontal(|ui| {
        if ui.button("＋ 調査年度を追加").clicked() {
            new.years.push(String::new());
            new.satisfaction.resize(years + 1, 0.0);
            new.importance.resize(years + 1, 0.0);
        }
        if ui
            .add_enabled(years > 0, egui::Button::new("最後の年度を削除"))
            .clicked()
        {
            new.years.pop();
            new.satisfaction.truncate(years - 1);
            new.importance.truncate(years - 1);
        }
        if ui.button("アンケート結果を削除").clicked() {
            cx.actions.push(Action::Edit(Command::SetSurvey {
                policy,
                survey: None,
            }));
        }
    });
    ui.label(
        RichText::new(
            "満足度・重要度は −2〜+2 の評点です。ドラッグするか、クリックして数値を入力します。",
        )
        .small()
        .weak(),
    );
    if new != *s {
        cx.actions.push(Action::Edit(Command::SetSurvey {
            policy,
            survey: Some(new),
        }));
    }
}

fn voices_ui(ui: &mut Ui, cx: &mut EditorCtx<'_>, policy: usize, p: &Policy) {
    let n = p.voices.len();
    let epoch = cx.epoch;
    for (i, v) in p.voices.iter().enumerate() {
        let mut new = v.clone();
        egui::Frame::group(ui.style()).show(ui, |ui| {
            // Wraps on a narrow window, so the buttons at the end stay in view.
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("{}.", i + 1)).strong());
                ui.label("出典");
                if let Some(t) = text_field_w(
                    ui,
                    cx.actions,
                    Id::unique(("voice-source", policy, i, epoch)),
                    &format!("市民の声{}の出典", i + 1),
                    &v.source,
                    Lines::Single,
                    true,
                    "市民アンケート／ワークショップ",
                    160.0,
                ) {
                    new.source = t;
                }
                ui.radio_value(&mut new.form, VoiceForm::Quote, "引用（「」）");
                ui.radio_value(&mut new.form, VoiceForm::Summary, "要約");
                if icon_button(ui, "▲", &format!("市民の声{}を上へ", i + 1), i > 0) {
                    cx.actions.push(Action::Edit(Command::EditVoices {
                        policy,
                        op: ListOp::Move { from: i, to: i - 1 },
                    }));
                }
                if icon_button(ui, "▼", &format!("市民の声{}を下へ", i + 1), i + 1 < n) {
                    cx.actions.push(Action::Edit(Command::EditVoices {
                        policy,
                        op: ListOp::Move { from: i, to: i + 1 },
                    }));
                }
                if icon_button(ui, "×", &format!("市民の声{}を削除", i + 1), true) {
                    cx.actions.push(Action::Edit(Command::EditVoices {
                        policy,
                        op: ListOp::Remove { index: i },
                    }));
                }
            });
            caption(ui, "（ ）内の前置き（問いや場面。なければ空欄）");
            if let Some(t) = text_field(
                ui,
                cx.actions,
                Id::unique(("voice-context", policy, i, epoch)),
                &format!("市民の声{}の前置き", i + 1),
                &v.context,
                Lines::Single,
                true,
                "",
            ) {
                new.context = t;
            }
            caption(ui, "声（「」は付けずに）");
            if let Some(t) = text_field(
                ui,
                cx.actions,
                Id::unique(("voice-quote", policy, i, epoch)),
                &format!("市民の声{}", i + 1),
                &v.quote,
                Lines::Multi(2),
                true,
                "",
            ) {
                new.quote = t;
            }
        });
        if new != *v {
            cx.actions.push(Action::Edit(Command::SetVoice {
                policy,
                index: i,
                voice: new,
            }));
        }
    }
    if ui.button("＋ 市民の声を追加").clicked() {
        cx.actions.push(Action::Edit(Command::EditVoices {
            policy,
            op: ListOp::Insert { at: n },
        }));
    }
}

/// Compares SDG names the way the checker does: ignoring spaces and 、.
fn same_sdg_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && *c != '、' && *c != '　')
            .collect()
    };
    norm(a) == norm(b)
}

fn sdgs_ui(ui: &mut Ui, cx: &mut EditorCtx<'_>, policy: usize, p: &Policy) {
    ui.label("関連する目標にチェックを入れます。名称は国連広報センターの正式名称で記入されます。");
    ui.add_space(4.0);
    let mut new = p.sdgs.clone();
    // Two columns where they fit, one on a narrow window; long names wrap.
    let columns = if ui.available_width() >= 560.0 { 2 } else { 1 };
    egui::Grid::new(("sdgs", policy))
        .num_columns(columns)
        .spacing([24.0, 4.0])
        .max_col_width((ui.available_width() - 24.0) / columns as f32)
        .show(ui, |ui| {
            for (i, name) in SDG_NAMES.iter().enumerate() {
                let n = i as u32 + 1;
                let mut on = p.sdgs.iter().any(|s| s.number == n);
                if ui.checkbox(&mut on, format!("{n} {name}")).changed() {
                    if on {
                        let at = new.iter().position(|s| s.number > n).unwrap_or(new.len());
                        new.insert(
                            at,
                            SdgRef {
                                number: n,
                                name: name.to_string(),
                            },
                        );
                    } else {
                        new.retain(|s| s.number != n);
                    }
                }
                if (i + 1) % columns == 0 {
                    ui.end_row();
                }
            }
        });
    // Entries as written, where they differ from the canonical names.
    let odd: Vec<(usize, &SdgRef)> = p
        .sdgs
        .iter()
        .enumerate()
        .filter(|(_, s)| sdg_name(s.number).is_none_or(|c| !same_sdg_name(c, &s.name)))
        .collect();
    if !odd.is_empty() {
        section(ui, "正式名称と異なる記載");
        for (i, s) in odd {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("{} {}", s.number, s.name));
                match sdg_name(s.number) {
                    Some(canon) => {
                        ui.label(RichText::new(format!("（正式名称: {canon}）")).weak());
                        if ui
                            .button("正式名称にする")
                            .accessible_name(format!("目標{}を正式名称にする", s.number))
                            .clicked()
                        {
                            new[i].name = canon.to_string();
                        }
                    }
                    None => {
                        ui.label(RichText::new("（1〜17 以外の番号です）").weak());
                        if ui
                            .button("この記載を削除")
                            .accessible_name(format!("番号{}の記載を削除", s.number))
                            .clicked()
                        {
                            new.remove(i);
                        }
                    }
                }
            });
        }
    }
    if new != p.sdgs {
        cx.actions
            .push(Action::Edit(Command::SetSdgs { policy, sdgs: new }));
    }
}

fn indicators_ui(ui: &mut Ui, cx: &mut EditorCtx<'_>, policy: usize, p: &Policy) {
    let n = p.indicators.len();
    let epoch = cx.epoch;
    if n == 0 {
        ui.label(RichText::new("成果指標・現状の項目はまだありません。").weak());
    }
    for (i, ind) in p.indicators.iter().enumerate() {
        let mut new = ind.clone();
        let k = i + 1;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("{k}.")).strong());
                egui::ComboBox::from_id_salt(("ind-kind", policy, i))
                    .selected_text(new.kind.label())
                    .show_ui(ui, |ui| {
                        for kind in IndicatorKind::ALL {
                            ui.selectable_value(&mut new.kind, kind, kind.label());
                        }
                    })
                    .response
                    .accessible_name(format!("指標{k}の種別"));
                ui.checkbox(&mut new.as_current, "現行通り");
                let verdict = new.verdict.map(|v| v.label()).unwrap_or("未回答");
                egui::ComboBox::from_id_salt(("ind-verdict", policy, i))
                    .selected_text(verdict)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut new.verdict, None, "未回答");
                        for v in IndicatorVerdict::ALL {
                            ui.selectable_value(&mut new.verdict, Some(v), v.label());
                        }
                    })
                    .response
                    .accessible_name(format!("指標{k}の回答（問題なし／要変更）"));
                if icon_button(ui, "▲", &format!("指標{k}を上へ"), i > 0) {
                    cx.actions.push(Action::Edit(Command::EditIndicators {
                        policy,
                        op: ListOp::Move { from: i, to: i - 1 },
                    }));
                }
                if icon_button(ui, "▼", &format!("指標{k}を下へ"), i + 1 < n) {
                    cx.actions.push(Action::Edit(Command::EditIndicators {
                        policy,
                        op: ListOp::Move { from: i, to: i + 1 },
                    }));
                }
                if icon_button(ui, "×", &format!("指標{k}を削除"), true) {
                    cx.actions.push(Action::Edit(Command::EditIndicators {
                        policy,
                        op: ListOp::Remove { index: i },
                    }));
                }
            });
            caption(ui, "指標名");
            if let Some(t) = text_field(
                ui,
                cx.actions,
                Id::unique(("ind-name", policy, i, epoch)),
                &format!("指標{k}の名称"),
                &ind.name,
                Lines::Single,
                true,
                "",
            ) {
                new.name = t;
            }
            if ind.verdict == Some(IndicatorVerdict::NeedsChange) || !ind.change.is_empty() {
                caption(ui, "変更内容（要変更のとき）");
                if let Some(t) = text_field(
                    ui,
                    cx.actions,
                    Id::unique(("ind-change", policy, i, epoch)),
                    &format!("指標{k}の変更内容"),
                    &ind.change,
                    Lines::Single,
                    true,
                    "何をどう変えるか",
                ) {
                    new.change = t;
                }
            }
        });
        if new != *ind {
            cx.actions.push(Action::Edit(Command::SetIndicator {
                policy,
                index: i,
                indicator: new,
            }));
        }
    }
    if ui.button("＋ 指標を追加").clicked() {
        cx.actions.push(Action::Edit(Command::EditIndicators {
            policy,
            op: ListOp::Insert { at: n },
        }));
    }
    section(ui, "各課意見");
    if let Some(t) = text_field(
        ui,
        cx.actions,
        Id::unique(("ind-opinion", policy, epoch)),
        "各課意見",
        &p.indicator_opinion,
        Lines::Multi(3),
        true,
        "成果指標についての各課の意見",
    ) {
        cx.actions.push(Action::Edit(Command::SetIndicatorOpinion {
            policy,
            text: t,
        }));
    }
}
