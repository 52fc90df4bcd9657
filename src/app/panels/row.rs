//! The editor of one comparison row: status selector, current side (read-only unless
//! unlocked: it is the plan in force), revised side, memo, and the live preview of the change.

use egui::{Id, RichText, Ui};

use super::EditorCtx;
use super::preview::preview_ui;
use super::widgets::{
    Access, Lines, SIDE_BY_SIDE, caption, icon_button, section, status_badge, text_field,
    text_field_w,
};
use crate::app::tree::row_label;
use crate::app::ui_command::Action;
use crate::edit::{Command, ListOp, RowList};
use crate::model::{
    BlockKind, ChangeStatus, Row, RowId, Side, SideField, SideKind, circled_number,
};

fn status_help(s: ChangeStatus) -> &'static str {
    match s {
        ChangeStatus::Unchanged => {
            "改定案を現行と同じにします（改定案を編集すると「変更あり」になります）"
        }
        ChangeStatus::Modified => "改定案を現行の写しから書き直します",
        ChangeStatus::New => "現行計画にない新しい行です（現行欄はありません）",
        ChangeStatus::Deleted => "改定案から削除します（現行の内容は残ります）",
    }
}

/// Draws the editor of the row `id`.
pub fn row_ui(ui: &mut Ui, cx: &mut EditorCtx<'_>, id: &RowId) {
    let Some(path) = cx.draft.find_row(id) else {
        ui.label("この行は見つかりません（取り除かれた可能性があります）。左の一覧から選び直してください。");
        return;
    };
    let draft = cx.draft;
    let policy = &draft.policies[path.policy];
    let Some(row) = draft.row(path) else {
        return;
    };
    let kind = path.block;
    let rows_in_block = policy.block(kind).len();
    // 閲覧モード: the text is read-only; comments and the review state are edited below.
    let review = cx.review_mode;

    ui.label(
        RichText::new(format!("{} › {}", policy.label(), kind.label()))
            .small()
            .weak(),
    );
    ui.horizontal(|ui| {
        if let Some(s) = row.status {
            status_badge(ui, s);
        }
        let title = if kind.is_single_row() {
            kind.label().to_string()
        } else {
            row_label(row, kind)
        };
        ui.add(egui::Label::new(RichText::new(title).heading()).wrap());
    });

    // The status selector.
    if kind.carries_status() {
        ui.add_enabled_ui(!review, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label("変更区分");
                for s in ChangeStatus::ALL {
                    let r = ui
                        .radio(row.status == Some(s), s.label())
                        .on_hover_text(status_help(s));
                    if r.clicked() && row.status != Some(s) {
                        cx.actions.push(Action::Edit(Command::SetStatus {
                            row: id.clone(),
                            status: s,
                        }));
                    }
                }
            });
        });
    } else {
        ui.label(
            RichText::new("この欄は全体を書き換える欄のため、変更区分はありません。")
                .small()
                .weak(),
        );
    }

    // Row actions.
    if !kind.is_single_row() && !review {
        ui.horizontal_wrapped(|ui| {
            if ui
                .add_enabled(path.row > 0, egui::Button::new("▲ 上へ"))
                .on_hover_text("この行を一つ上へ移します（番号は並びに合わせて振り直します）")
                .clicked()
            {
                cx.actions.push(Action::Edit(Command::MoveRow {
                    row: id.clone(),
                    to: path.row - 1,
                }));
            }
            if ui
                .add_enabled(path.row + 1 < rows_in_block, egui::Button::new("▼ 下へ"))
                .on_hover_text("この行を一つ下へ移します（番号は並びに合わせて振り直します）")
                .clicked()
            {
                cx.actions.push(Action::Edit(Command::MoveRow {
                    row: id.clone(),
                    to: path.row + 1,
                }));
            }
            let deletable = row.status != Some(ChangeStatus::Deleted) || row.current.is_none();
            if ui
                .add_enabled(deletable, egui::Button::new("行を削除"))
                .on_hover_text("現行計画にある行は「削除」にします。新規の行は取り除きます。")
                .clicked()
            {
                cx.actions
                    .push(Action::Edit(Command::DeleteRow { row: id.clone() }));
            }
            let add = format!("＋ {}を追加", kind.item_label());
            if ui
                .button(&add)
                .on_hover_text("このブロックの末尾に新規の行を追加します（番号は続きの番号）")
                .clicked()
            {
                cx.actions.push(Action::Edit(Command::AddRow {
                    policy: path.policy,
                    block: kind,
                }));
            }
        });
    }
    ui.separator();

    // The two sides.
    let unlocked = cx.view.unlocked.contains(id) && !review;
    let (current, revised) = match (review, unlocked) {
        (true, _) => (Access::Review, Access::Review),
        (false, true) => (Access::Edit, Access::Edit),
        (false, false) => (Access::LockedCurrent, Access::Edit),
    };
    let epoch = cx.epoch;
    let actions = &mut *cx.actions;
    let side = |ui: &mut Ui, which: SideKind, actions: &mut Vec<Action>| {
        ui.horizontal_wrapped(|ui| {
            ui.set_min_height(ui.spacing().interact_size.y);
            if which == SideKind::Revised {
                ui.label(RichText::new("改定案（次期計画素案）").strong());
                return;
            }
            ui.label(RichText::new("現行（現行計画の内容）").strong());
            if row.current.is_some() && !review {
                let mut on = unlocked;
                if ui
                    .checkbox(&mut on, "現行を編集する")
                    .on_hover_text("現行計画の内容です。転記の誤りを直すときだけ編集してください。")
                    .changed()
                {
                    actions.push(Action::SetCurrentUnlocked(id.clone(), on));
                }
            }
        });
        let access = match which {
            SideKind::Current => current,
            SideKind::Revised => revised,
        };
        side_ui(ui, actions, epoch, row, kind, which, access);
    };
    // Side by side where both fit; one above the other on a narrow window.
    if ui.available_width() >= SIDE_BY_SIDE {
        ui.columns(2, |cols| {
            side(&mut cols[0], SideKind::Current, actions);
            side(&mut cols[1], SideKind::Revised, actions);
        });
    } else {
        side(ui, SideKind::Current, actions);
        ui.add_space(6.0);
        side(ui, SideKind::Revised, actions);
    }

    section(ui, "メモ（変更理由・各課意見）");
    if let Some(text) = text_field(
        ui,
        cx.actions,
        Id::unique(("row-memo", id, epoch)),
        "メモ（変更理由・各課意見）",
        &row.memo,
        Lines::Multi(2),
        revised,
        "変更の理由や各課の意見を書きます",
    ) {
        cx.actions.push(Action::Edit(Command::SetMemo {
            row: id.clone(),
            text,
        }));
    }

    section(ui, "変更の表示（変更箇所に下線）");
    egui::Frame::group(ui.style()).show(ui, |ui| {
        preview_ui(ui, cx.preview, row, path, cx.revision);
    });

    super::comments::review_section(ui, cx, row);
}

fn side_ui(
    ui: &mut Ui,
    actions: &mut Vec<Action>,
    epoch: u64,
    row: &Row,
    kind: BlockKind,
    which: SideKind,
    access: Access,
) {
    let editable = access == Access::Edit;
    let Some(side) = row.side(which) else {
        let text = match which {
            SideKind::Current => "（新規：現行計画にない行です）",
            SideKind::Revised => "（削除：改定案にはこの行がありません）",
        };
        ui.label(RichText::new(text).weak());
        if which == SideKind::Revised
            && editable
            && row.status == Some(ChangeStatus::Deleted)
            && ui
                .horizontal(|ui| ui.button("削除を取り消す"))
                .inner
                .on_hover_text(
                    "変更区分を「変更あり」にして、現行の写しから改定案を書けるようにします",
                )
                .clicked()
        {
            actions.push(Action::Edit(Command::SetStatus {
                row: row.id.clone(),
                status: ChangeStatus::Modified,
            }));
        }
        return;
    };
    let f = kind.fields();
    let prefix = which.label();
    let id = &row.id;
    let fid = |field: &str, i: usize| Id::unique(("row-field", id, which, field, i, epoch));
    let set = |actions: &mut Vec<Action>, field: SideField, text: String| {
        actions.push(Action::Edit(Command::SetRowText {
            row: id.clone(),
            side: which,
            field,
            text,
        }));
    };
    let list = |actions: &mut Vec<Action>, list: RowList, op: ListOp| {
        actions.push(Action::Edit(Command::EditRowList {
            row: id.clone(),
            side: which,
            list,
            op,
        }));
    };

    if f.number {
        ui.horizontal(|ui| {
            let label = ui.label(RichText::new("番号").small().strong());
            match side.number {
                Some(n) if editable => {
                    let mut v = n;
                    let r = ui
                        .add(egui::DragValue::new(&mut v).range(1..=99))
                        .labelled_by(label.id)
                        .accessible_name(format!("{prefix}の番号"));
                    if r.changed() && v != n {
                        actions.push(Action::Edit(Command::SetRowNumber {
                            row: id.clone(),
                            side: which,
                            number: Some(v),
                        }));
                    }
                    if r.lost_focus() || r.drag_stopped() {
                        actions.push(Action::SealUndo);
                    }
                }
                Some(n) => {
                    ui.label(n.to_string());
                }
                None => {
                    ui.label(RichText::new("なし").weak());
                }
            }
            if kind == BlockKind::Projects
                && let Some(n) = side.number
            {
                ui.label(RichText::new(format!("（{}）", circled_number(n))).weak());
            }
        });
    }
    if f.name {
        caption(ui, kind.name_label());
        if let Some(t) = text_field(
            ui,
            actions,
            fid("name", 0),
            &format!("{prefix}の{}", kind.name_label()),
            &side.name,
            Lines::Single,
            access,
            "",
        ) {
            set(actions, SideField::Name, t);
        }
    }
    if f.departments {
        caption(ui, Side::DEPARTMENTS);
        list_items(
            ui,
            actions,
            &side.departments,
            &format!("{prefix}の{}", Side::DEPARTMENTS),
            |i| fid("dept", i),
            Lines::Single,
            access,
            |actions, i, t| set(actions, SideField::Department(i), t),
            |actions, op| list(actions, RowList::Departments, op),
            "＋ 部署を追加",
            "",
        );
    }
    if f.period {
        caption(ui, &SideField::Period.label());
        if let Some(t) = text_field(
            ui,
            actions,
            fid("period", 0),
            &format!("{prefix}の期間"),
            &side.period,
            Lines::Single,
            access,
            "例: R5-R9年度",
        ) {
            set(actions, SideField::Period, t);
        }
    }
    if f.summary {
        caption(ui, kind.summary_label());
        if let Some(t) = text_field(
            ui,
            actions,
            fid("summary", 0),
            &format!("{prefix}の{}", kind.summary_label()),
            &side.summary,
            Lines::Multi(2),
            access,
            "",
        ) {
            set(actions, SideField::Summary, t);
        }
    }
    if f.bullets {
        caption(ui, kind.bullets_label());
        list_items(
            ui,
            actions,
            &side.bullets,
            &format!("{prefix}の●"),
            |i| fid("bullet", i),
            Lines::Multi(2),
            access,
            |actions, i, t| set(actions, SideField::Bullet(i), t),
            |actions, op| list(actions, RowList::Bullets, op),
            "＋ ●を追加",
            "●",
        );
    }
    if side_is_empty(side) && editable {
        ui.label(RichText::new("（まだ何も書かれていません）").small().weak());
    }
}

fn side_is_empty(side: &Side) -> bool {
    side.is_blank() && side.bullets.is_empty() && side.departments.is_empty()
}

/// A list of text items with move up/down and remove buttons, and an add button.
#[allow(clippy::too_many_arguments)]
fn list_items(
    ui: &mut Ui,
    actions: &mut Vec<Action>,
    items: &[String],
    name: &str,
    id_of: impl Fn(usize) -> Id,
    lines: Lines,
    access: Access,
    mut on_text: impl FnMut(&mut Vec<Action>, usize, String),
    mut on_op: impl FnMut(&mut Vec<Action>, ListOp),
    add_label: &str,
    bullet: &str,
) {
    let editable = access == Access::Edit;
    let n = items.len();
    for (i, item) in items.iter().enumerate() {
        let item_name = format!("{name}{}", i + 1);
        ui.horizontal_top(|ui| {
            if !bullet.is_empty() {
                ui.label(bullet);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                if editable {
                    if icon_button(ui, "×", &format!("{item_name}を削除"), true) {
                        on_op(actions, ListOp::Remove { index: i });
                    }
                    if icon_button(ui, "▼", &format!("{item_name}を下へ"), i + 1 < n) {
                        on_op(actions, ListOp::Move { from: i, to: i + 1 });
                    }
                    if icon_button(ui, "▲", &format!("{item_name}を上へ"), i > 0) {
                        on_op(actions, ListOp::Move { from: i, to: i - 1 });
                    }
                }
                let width = ui.available_width().max(60.0);
                if let Some(t) = text_field_w(
                    ui,
                    actions,
                    id_of(i),
                    &item_name,
                    item,
                    lines,
                    access,
                    "",
                    width,
                ) {
                    on_text(actions, i, t);
                }
            });
        });
    }
    if editable {
        ui.horizontal(|ui| {
            if ui
                .small_button(add_label)
                .on_hover_text("末尾に追加します")
                .accessible_name(format!("{name}を追加"))
                .clicked()
            {
                on_op(actions, ListOp::Insert { at: n });
            }
        });
    }
}
