//! Offline review in the real app (egui_kittest): 閲覧モード (the reviewer's name asked once,
//! comments that survive saving, text that cannot change, review states counted in the tree,
//! 「次の要修正」), the comparison with a previous version, and bringing a reviewer's copy back.

// The editor's tests: built with the "gui" feature only (`cargo test --no-default-features`
// runs the core's).
#![cfg(feature = "gui")]

mod ui_common;

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use shinkyu::app::dialogs::Dialog;
use shinkyu::app::state::Selection;
use shinkyu::app::tree::{Node, row_label};
use shinkyu::app::{ShinkyuApp, StartWith};
use shinkyu::edit::synthetic::sample_draft;
use shinkyu::io::{SaveOptions, load_draft, save_draft};
use shinkyu::model::{ChangeStatus, Comment, Draft, ReviewState, RowId};
use shinkyu::review::{ReviewEdit, apply_review_edit, row_fingerprint, start_review};
use ui_common::*;

type H = Harness<'static, ShinkyuApp>;

fn write(dir: &Path, name: &str, d: &Draft) -> PathBuf {
    let path = dir.join(name);
    save_draft(&path, d, &SaveOptions::default()).unwrap();
    path
}

fn sample_app(dialogs: FakeDialogs) -> H {
    app_with(
        StartWith::Draft {
            draft: Box::new(sample_draft()),
            name: "見本.ron".into(),
        },
        dialogs,
        None,
    )
}

/// An app whose eframe storage holds `storage` (the remembered preferences).
fn app_with_storage(start: StartWith, storage: &'static MemStorage) -> H {
    app_sized((WIDTH, HEIGHT), start, Some(storage), false)
}

fn click_menu(h: &mut H, menu: &str, item: &str) {
    h.get_by_label(menu).click();
    h.run();
    h.get_by_label_contains(item).click();
    h.run();
}

/// Selects a row the way a user does: collapse the tree, open its 施策大項目 and block, click
/// its label.
fn select_row(h: &mut H, id: &RowId) {
    let d = draft(h);
    let path = d.find_row(id).unwrap();
    let row = d.row(path).unwrap();
    click_menu(h, "表示", "すべて折りたたむ");
    h.get_by_role_and_label(Role::TreeItem, &d.policies[path.policy].label())
        .click();
    h.run();
    h.get_by_role_and_label(Role::TreeItem, path.block.label())
        .click();
    h.run();
    if !path.block.is_single_row() {
        h.get_by_role_and_label(Role::TreeItem, &row_label(row, path.block))
            .click();
        h.run();
    }
    assert_eq!(*h.state().selection(), Selection::Row(id.clone()));
}

/// Turns 閲覧モード on with the toolbar button, giving the name if asked.
fn enter_review_mode(h: &mut H, name: Option<&str>) {
    h.get_by_role_and_label(Role::Button, "閲覧モード").click();
    h.run();
    if let Some(name) = name {
        assert!(h.state().name_dialog().is_some(), "the name is asked");
        h.get_by_label("確認者の名前").type_text(name);
        h.run();
        h.get_by_label("OK").click();
        h.run();
    }
    assert!(h.state().name_dialog().is_none());
    assert!(h.state().review_mode());
}

/// Everything of the draft but the review: equal texts mean nothing but the review changed.
fn text_only(d: &Draft) -> Draft {
    let mut d = d.clone();
    d.review_base = None;
    for p in &mut d.policies {
        for kind in shinkyu::model::BlockKind::ALL {
            for r in p.block_mut(kind) {
                r.review = Default::default();
            }
        }
    }
    d
}

/// Some text on screen contains `text`.
fn shows(h: &H, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
}

fn fingerprints(d: &Draft) -> Vec<(RowId, String)> {
    d.rows()
        .map(|(_, _, r)| (r.id.clone(), row_fingerprint(r)))
        .collect()
}

fn row_of<'d>(d: &'d Draft, id: &RowId) -> &'d shinkyu::model::Row {
    d.row(d.find_row(id).unwrap()).unwrap()
}

fn comment(id: &str, author: &str, text: &str, reply_to: Option<&str>) -> Comment {
    Comment {
        id: id.into(),
        author: author.into(),
        date: "2026-11-24T10:00".into(),
        text: text.into(),
        reply_to: reply_to.map(str::to_string),
    }
}

#[test]
fn a_comment_added_in_review_mode_survives_save_and_load() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = FakeDialogs::default();
    let mut h = app_with(
        StartWith::File(write(dir.path(), "素案1.ron", &sample_draft())),
        dialogs.clone(),
        None,
    );
    enter_review_mode(&mut h, Some("総務課長 田中"));
    // Entering 閲覧モード made this file a reviewer's copy (one undoable change) and said so.
    let base = draft(&h).review_base.expect("the review base is recorded");
    assert_eq!(base.reviewer, "総務課長 田中");
    assert!(h.state().status_text().unwrap().contains("確認用の写し"));
    assert!(h.state().window_title().contains("閲覧モード"));

    let id = RowId::new("p1-pr2");
    select_row(&mut h, &id);
    h.get_by_label("コメントの入力").click();
    h.run();
    h.get_by_label("コメントの入力")
        .type_text("「SNS」の表記を用語解説に加えてください。");
    h.run();
    h.get_by_label("コメントを記録").click();
    h.run();
    h.get_by_role_and_label(Role::RadioButton, "要修正").click();
    h.run();
    let d = draft(&h);
    let r = row_of(&d, &id);
    assert_eq!(r.review.state, ReviewState::NeedsFix);
    assert_eq!(r.review.comments.len(), 1);
    let c = &r.review.comments[0];
    assert_eq!(c.author, "総務課長 田中");
    assert_eq!(c.text, "「SNS」の表記を用語解説に加えてください。");
    assert_eq!(c.date.len(), "2026-11-24T09:30".len(), "{}", c.date);
    // The box is empty again and the thread shows the comment.
    h.get_by_label("「SNS」の表記を用語解説に加えてください。");

    // Save as, through the injected dialog.
    let target = dir.path().join("素案1（田中確認）.ron");
    dialogs.answer_save(Some(target.clone()));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    settle(&mut h);
    assert!(!h.state().document().unwrap().is_dirty());
    let saved = load_draft(&target).unwrap().draft;
    assert_eq!(saved, draft(&h));
    assert_eq!(row_of(&saved, &id).review.comments[0], *c);
    assert!(saved.review_base.is_some());

    // Opened again (on another PC: the name is asked): a reviewer's copy opens in 閲覧モード,
    // the thread is there.
    let mut h2 = app_with(StartWith::File(target), FakeDialogs::default(), None);
    h2.run();
    assert!(h2.state().name_dialog().is_some());
    h2.get_by_label("確認者の名前").type_text("企画課 佐藤");
    h2.run();
    h2.get_by_label("OK").click();
    h2.run();
    assert!(h2.state().review_mode());
    assert!(
        !h2.state().document().unwrap().is_dirty(),
        "the base is kept"
    );
    select_row(&mut h2, &id);
    h2.get_by_label("「SNS」の表記を用語解説に加えてください。");
    h2.get_by_label("総務課長 田中");
}

/// The words in the new-comment box of the row on screen.
fn comment_box_text(h: &H) -> String {
    h.get_by_label("コメントの入力")
        .accesskit_node()
        .value()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn words_in_a_comment_box_are_not_lost_by_closing_or_opening_another_file() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = FakeDialogs::default();
    let path = write(dir.path(), "素案1.ron", &sample_draft());
    let mut h = app_with(StartWith::File(path), dialogs.clone(), None);
    enter_review_mode(&mut h, Some("総務課長 田中"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert!(!h.state().document().unwrap().is_dirty());

    // A comment is written but not recorded; the draft itself has nothing unsaved.
    let id = RowId::new("p1-pr2");
    let words = "現状値の出典を書き添えてください。";
    select_row(&mut h, &id);
    h.get_by_label("コメントの入力").click();
    h.run();
    h.get_by_label("コメントの入力").type_text(words);
    h.run();
    assert!(!h.state().document().unwrap().is_dirty());

    // Closing is cancelled and asks; 「コメントに戻る」 shows the box with the words in it.
    select_row(&mut h, &RowId::new("p1-v2"));
    request_close(&mut h);
    assert!(sent(&h, |c| matches!(
        c,
        egui::ViewportCommand::CancelClose
    )));
    h.run();
    assert!(matches!(
        h.state().dialog(),
        Some(Dialog::UnpostedComments { count: 1, .. })
    ));
    h.get_by_label("記録していないコメントがあります");
    h.get_by_label("コメントに戻る").click();
    h.run();
    assert!(h.state().dialog().is_none());
    assert_eq!(*h.state().selection(), Selection::Row(id.clone()));
    assert_eq!(comment_box_text(&h), words);

    // Opening another file asks too; discarding the comment opens it (nothing else unsaved).
    let other = write(dir.path(), "素案2.ron", &sample_draft());
    dialogs.answer_open(Some(other));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run();
    assert!(matches!(
        h.state().dialog(),
        Some(Dialog::UnpostedComments { .. })
    ));
    assert!(
        dialogs.asked().iter().all(|(kind, _)| kind != "open"),
        "not yet"
    );
    h.get_by_label("コメントを破棄して開く").click();
    settle(&mut h);
    assert!(h.state().window_title().contains("素案2.ron"));
    assert!(h.state().dialog().is_none());
}

/// Lets simulated time pass beyond the recovery interval (each step is 0.25 s).
fn wait_for_recovery_copy(h: &mut H) {
    for _ in 0..((shinkyu::app::RECOVERY_INTERVAL / 0.25) as usize + 4) {
        h.step();
    }
    settle(h);
}

#[test]
fn words_in_a_comment_box_survive_a_crash_in_the_recovery_copy() {
    use shinkyu::app::recovery;
    let settings = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "素案1.ron", &sample_draft());
    let id = RowId::new("p1-pr2");
    let words = "現状値の出典を書き添えてください。";
    {
        let mut h = app_with(
            StartWith::File(path.clone()),
            FakeDialogs::default(),
            Some(settings.path().to_path_buf()),
        );
        enter_review_mode(&mut h, Some("総務課長 田中"));
        h.key_press_modifiers(Modifiers::COMMAND, Key::S);
        settle(&mut h);
        assert!(!h.state().document().unwrap().is_dirty());
        assert!(recovery::list(settings.path()).is_empty());

        // Words in the box alone (the draft is saved) are worth a copy.
        select_row(&mut h, &id);
        h.get_by_label("コメントの入力").click();
        h.run();
        h.get_by_label("コメントの入力").type_text("下書き");
        h.run();
        wait_for_recovery_copy(&mut h);
        let copies = recovery::list(settings.path());
        assert_eq!(copies.len(), 1, "a copy for the words in the box");
        assert_eq!(copies[0].info.comments[0].text, "下書き");

        // Cleared again: nothing is left to lose, and the copy goes.
        h.get_by_label("コメントの入力").click();
        h.key_press_modifiers(Modifiers::COMMAND, Key::A);
        h.key_press(Key::Backspace);
        h.run();
        assert_eq!(comment_box_text(&h), "");
        wait_for_recovery_copy(&mut h);
        assert!(recovery::list(settings.path()).is_empty());

        h.get_by_label("コメントの入力").type_text(words);
        h.run();
        wait_for_recovery_copy(&mut h);
        let copies = recovery::list(settings.path());
        assert_eq!(copies.len(), 1);
        assert_eq!(copies[0].info.comments[0].text, words);
        // The harness is dropped without a clean exit: a crash.
    }

    let mut h = app_with(
        StartWith::File(path.clone()),
        FakeDialogs::default(),
        Some(settings.path().to_path_buf()),
    );
    h.get_by_label("記録していなかったコメント 1 件を含みます（入力欄に戻します）");
    h.get_by_label("復元する").click();
    settle(&mut h);
    assert!(h.state().status_text().unwrap().contains("コメント 1 件"));
    // A reviewer's copy opens in 閲覧モード (this harness does not remember the name).
    h.get_by_label("確認者の名前").type_text("総務課長 田中");
    h.run();
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().review_mode());
    // The row where the comment was being written is on screen, the words in its box.
    assert_eq!(*h.state().selection(), Selection::Row(id.clone()));
    assert_eq!(comment_box_text(&h), words);
    h.get_by_label("コメントを記録").click();
    h.run();
    assert_eq!(row_of(&draft(&h), &id).review.comments[0].text, words);
}

#[test]
fn discarding_a_comment_still_asks_about_unsaved_changes() {
    let mut h = sample_app(FakeDialogs::default());
    // Entering 閲覧モード records the review base: an unsaved change.
    enter_review_mode(&mut h, Some("総務課長 田中"));
    assert!(h.state().document().unwrap().is_dirty());
    select_row(&mut h, &RowId::new("p1-pr2"));
    h.get_by_label("コメントの入力").click();
    h.run();
    h.get_by_label("コメントの入力").type_text("確認中");
    h.run();

    // The comment is asked about first (saving would not keep it), then the draft.
    request_close(&mut h);
    h.run();
    h.get_by_label("コメントを破棄して終了").click();
    h.run();
    assert!(!sent(&h, |c| matches!(c, egui::ViewportCommand::Close)));
    assert!(matches!(h.state().dialog(), Some(Dialog::Unsaved { .. })));
    h.get_by_label("保存せずに終了").click();
    h.step();
    assert!(sent(&h, |c| matches!(c, egui::ViewportCommand::Close)));
}

#[test]
fn review_mode_cannot_change_the_text() {
    let dialogs = FakeDialogs::default();
    let mut h = sample_app(dialogs);
    // A text edit before 閲覧モード: undo in 閲覧モード must not reach it.
    let id = RowId::new("p1-pr2");
    select_row(&mut h, &id);
    h.get_by_label("改定案の事業概要").click();
    h.run();
    h.get_by_label("改定案の事業概要").type_text("（編集）");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    enter_review_mode(&mut h, Some("田中"));
    let before = draft(&h);
    let text_before = text_only(&before);
    let prints = fingerprints(&before);

    // Typing into every kind of field of the row editor.
    for field in [
        "改定案の事業概要",
        "改定案の事業名",
        "現行の事業概要",
        "メモ（変更理由・各課意見）",
    ] {
        // The field (the memo's section heading has the same text).
        let input = |h: &H| {
            h.query_all_by_label(field)
                .find(|n| n.accesskit_node().role() != Role::Label)
                .unwrap()
                .click()
        };
        input(&h);
        h.run();
        h.query_all_by_label(field)
            .find(|n| n.accesskit_node().role() != Role::Label)
            .unwrap()
            .type_text("書き換え");
        h.run();
        h.key_press(Key::Escape);
        h.run();
    }
    // The status selector.
    for s in ChangeStatus::ALL {
        h.get_by_role_and_label(Role::RadioButton, s.label())
            .click();
        h.run();
    }
    // No way to add, delete, move rows or unlock the current side.
    for label in [
        "行を削除",
        "▲ 上へ",
        "▼ 下へ",
        "＋ 事業を追加",
        "現行を編集する",
    ] {
        assert!(h.query_by_label(label).is_none(), "{label} is offered");
    }
    // A block page: no delete, move or add.
    h.get_by_role_and_label(Role::TreeItem, "主な事業一覧")
        .click();
    h.run();
    let label = row_label(
        &before.policies[0].projects[0],
        shinkyu::model::BlockKind::Projects,
    );
    assert!(h.query_by_label(&format!("{label} を削除")).is_none());
    assert!(h.query_by_label("番号を振り直す").is_none());
    // Policy pages: their controls are there but do nothing.
    h.get_by_role_and_label(Role::TreeItem, "市民の声").click();
    h.run();
    h.get_by_label("市民の声1").click();
    h.run();
    h.get_by_label("市民の声1").type_text("書き換え");
    h.run();
    h.get_by_label("＋ 市民の声を追加").click();
    h.run();
    h.get_by_role_and_label(Role::TreeItem, "関連するSDGs")
        .click();
    h.run();
    h.get_by_label_contains("1 貧困をなくそう").click();
    h.run();
    // Undo stops at the review: the text edit made before stays.
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }

    let after = draft(&h);
    assert_eq!(fingerprints(&after), prints);
    assert_eq!(text_only(&after), text_before);
    assert!(
        row_of(&after, &id)
            .revised
            .as_ref()
            .unwrap()
            .summary
            .contains("（編集）")
    );

    // Comments and states still work.
    select_row(&mut h, &id);
    h.get_by_role_and_label(Role::RadioButton, "確認済").click();
    h.run();
    assert_eq!(row_of(&draft(&h), &id).review.state, ReviewState::Checked);
    // And undo undoes exactly that.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(row_of(&draft(&h), &id).review.state, ReviewState::Unchecked);

    // Leaving 閲覧モード: the text is editable again.
    h.get_by_label("閲覧モードを終了").click();
    h.run();
    assert!(!h.state().review_mode());
    h.get_by_label("改定案の事業概要").click();
    h.run();
    h.get_by_label("改定案の事業概要").type_text("再開");
    h.run();
    assert!(
        row_of(&draft(&h), &id)
            .revised
            .as_ref()
            .unwrap()
            .summary
            .contains("再開")
    );
}

#[test]
fn review_states_are_counted_and_filtered_in_the_tree() {
    let mut h = sample_app(FakeDialogs::default());
    enter_review_mode(&mut h, Some("田中"));
    let total = draft(&h).rows().count();
    let p1_rows = draft(&h).rows().filter(|(p, _, _)| p.policy == 0).count();
    for (id, state) in [
        ("p1-pr2", "要修正"),
        ("p1-pr4", "確認済"),
        ("p1-m2", "要修正"),
    ] {
        select_row(&mut h, &RowId::new(id));
        h.get_by_role_and_label(Role::RadioButton, state).click();
        h.run();
    }
    h.run();
    let tree = h.state().tree();
    let counts = |node: &Node| {
        tree.lines
            .iter()
            .find(|l| l.node == *node)
            .and_then(|l| l.counts)
            .unwrap()
            .1
    };
    assert_eq!(counts(&Node::Field), [total - 3, 1, 2]);
    assert_eq!(counts(&Node::Policy(0)), [p1_rows - 3, 1, 2]);
    assert_eq!(
        counts(&Node::Block(0, shinkyu::model::BlockKind::Projects)),
        [2, 1, 1]
    );
    let line = tree
        .lines
        .iter()
        .find(|l| l.node == Node::Row(RowId::new("p1-m2")))
        .unwrap();
    assert_eq!(line.review, Some(ReviewState::NeedsFix));

    // Filter: only 要修正.
    h.get_by_role_and_label(Role::CheckBox, "未確認").click();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "確認済").click();
    h.run();
    let rows: Vec<RowId> = h
        .state()
        .tree()
        .lines
        .iter()
        .filter_map(|l| match &l.node {
            Node::Row(id) => Some(id.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(rows, [RowId::new("p1-m2"), RowId::new("p1-pr2")]);
    assert_eq!(h.state().tree().matching_rows, 2);
    h.get_by_role_and_label(Role::TreeItem, "2 広聴活動の推進");
    assert!(
        h.query_by_role_and_label(Role::TreeItem, "①広報紙の発行")
            .is_none()
    );
}

#[test]
fn next_needs_fix_and_next_uncommented() {
    let mut d = sample_draft();
    let needs = ["p1-m2", "p1-pr3", "p2-v1"];
    for id in needs {
        apply_review_edit(
            &mut d,
            &ReviewEdit::SetState {
                row: RowId::new(id),
                state: ReviewState::NeedsFix,
            },
        );
    }
    // Every row commented but two.
    let ids: Vec<RowId> = d.rows().map(|(_, _, r)| r.id.clone()).collect();
    for (i, id) in ids.iter().enumerate() {
        if id.as_str() != "p1-v2" && id.as_str() != "p2-m1" {
            apply_review_edit(
                &mut d,
                &ReviewEdit::AddComment {
                    row: id.clone(),
                    comment: comment(&format!("c{i}"), "田中", "確認", None),
                },
            );
        }
    }
    let mut h = app_with(
        StartWith::Draft {
            draft: Box::new(d),
            name: "確認中.ron".into(),
        },
        FakeDialogs::default(),
        None,
    );
    h.get_by_role_and_label(Role::TreeItem, "6. 行財政経営分野")
        .click();
    h.run();
    for expected in needs.iter().chain(needs.iter().take(1)) {
        h.key_press(Key::F8);
        h.run();
        assert_eq!(
            *h.state().selection(),
            Selection::Row(RowId::new(*expected))
        );
    }
    assert!(h.state().status_text().unwrap().contains("全 3 行"));
    // The row is shown in the tree (its block opened) and in the editor with its state.
    h.get_by_role_and_label(Role::TreeItem, "2 広聴活動の推進");
    assert!(h.query_all_by_label("要修正").count() >= 2);

    for expected in ["p2-m1", "p1-v2", "p2-m1"] {
        h.key_press_modifiers(Modifiers::SHIFT, Key::F8);
        h.run();
        assert_eq!(*h.state().selection(), Selection::Row(RowId::new(expected)));
    }

    // While a text field has the keyboard, F8 belongs to it (MS-IME converts to half-width
    // katakana with F8 while composing): no jump.
    let before = h.state().selection().clone();
    h.get_by_label("検索語").click();
    h.run();
    assert!(h.get_by_label("検索語").is_focused());
    h.key_press(Key::F8);
    h.run();
    assert_eq!(*h.state().selection(), before);
}

#[test]
fn the_reviewers_name_is_asked_once_and_remembered() {
    let mut h = sample_app(FakeDialogs::default());
    h.get_by_role_and_label(Role::Button, "閲覧モード").click();
    h.run();
    assert!(h.state().name_dialog().is_some());
    // Cancel: no 閲覧モード, nothing changed.
    h.get_by_label("キャンセル").click();
    h.run();
    assert!(!h.state().review_mode());
    assert!(draft(&h).review_base.is_none());
    enter_review_mode(&mut h, Some("企画課 佐藤"));
    assert_eq!(h.state().reviewer_name(), "企画課 佐藤");
    // Leave and enter again: not asked.
    h.get_by_label("閲覧モードを終了").click();
    h.run();
    enter_review_mode(&mut h, None);

    // Remembered in the preferences, and a new session does not ask.
    use eframe::App as _;
    let mut storage = MemStorage::default();
    h.state_mut().save(&mut storage);
    let storage: &'static MemStorage = Box::leak(Box::new(storage));
    let mut h2 = app_with_storage(
        StartWith::Draft {
            draft: Box::new(sample_draft()),
            name: "見本.ron".into(),
        },
        storage,
    );
    assert_eq!(h2.state().reviewer_name(), "企画課 佐藤");
    enter_review_mode(&mut h2, None);
    // Comments are signed with it.
    select_row(&mut h2, &RowId::new("p1-v2"));
    h2.get_by_label("コメントの入力").click();
    h2.run();
    h2.get_by_label("コメントの入力").type_text("了解です");
    h2.run();
    h2.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h2.run();
    let d = draft(&h2);
    let c = &row_of(&d, &RowId::new("p1-v2")).review.comments;
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].author, "企画課 佐藤");
    assert_eq!(c[0].text, "了解です");
}

#[test]
fn the_normal_mode_shows_the_thread_and_replies() {
    let mut d = sample_draft();
    let id = RowId::new("p1-m2");
    apply_review_edit(
        &mut d,
        &ReviewEdit::AddComment {
            row: id.clone(),
            comment: comment("c-1", "総務課長 田中", "オンライン開催の頻度は？", None),
        },
    );
    apply_review_edit(
        &mut d,
        &ReviewEdit::SetState {
            row: id.clone(),
            state: ReviewState::NeedsFix,
        },
    );
    let mut h = app_with(
        StartWith::Draft {
            draft: Box::new(d),
            name: "戻り.ron".into(),
        },
        FakeDialogs::default(),
        None,
    );
    assert!(!h.state().review_mode());
    select_row(&mut h, &id);
    h.get_by_label("オンライン開催の頻度は？");
    // No new top-level comment and no state selector outside 閲覧モード.
    assert!(h.query_by_label("コメントの入力").is_none());
    assert!(
        h.query_by_role_and_label(Role::RadioButton, "確認済")
            .is_none()
    );
    h.get_by_label("1件目のコメントに返信").click();
    h.run();
    // The name is asked when the reply is recorded.
    h.get_by_label("返信の入力")
        .type_text("年4回を予定しています。");
    h.run();
    h.get_by_label("返信を記録").click();
    h.run();
    h.get_by_label("確認者の名前").type_text("企画課 佐藤");
    h.run();
    h.get_by_label("OK").click();
    h.run();
    let d = draft(&h);
    let c = &row_of(&d, &id).review.comments;
    assert_eq!(c.len(), 2);
    assert_eq!(c[1].reply_to.as_deref(), Some("c-1"));
    assert_eq!(c[1].author, "企画課 佐藤");
    assert_eq!(c[1].text, "年4回を予定しています。");
    h.get_by_label("年4回を予定しています。");
    // Your own comment can be edited and deleted; someone else's cannot.
    assert!(h.query_by_label("1件目のコメントを編集").is_none());
    h.get_by_label("2件目のコメントを編集").click();
    h.run();
    h.get_by_label("コメントの編集").type_text("（予定）");
    h.run();
    h.get_by_label("編集を保存").click();
    h.run();
    assert_eq!(
        row_of(&draft(&h), &id).review.comments[1].text,
        "年4回を予定しています。（予定）"
    );
    h.get_by_label("2件目のコメントを削除").click();
    h.run();
    assert_eq!(row_of(&draft(&h), &id).review.comments.len(), 1);
    // The text of the draft was never touched.
    assert_eq!(text_only(&draft(&h)), text_only(&sample_draft()));
}

/// The sample draft and a later version of it: a bullet changed, a status changed, a row
/// added, a row removed, a row moved. Returns (old, new, the ids that differ).
fn two_versions() -> (Draft, Draft, Vec<RowId>) {
    let old = sample_draft();
    let mut new = old.clone();
    new.meta.version_label = "素案2".into();
    let p = &mut new.policies[0];
    p.measures[1].revised.as_mut().unwrap().bullets[0] = "市長と語る会を年4回開きます。".into();
    p.vision[0].status = Some(ChangeStatus::Modified);
    p.vision[0].revised.as_mut().unwrap().summary = "市民が必要な情報をすぐに得ています。".into();
    let mut added = p.projects[3].clone();
    added.id = RowId::new("p1-pr5");
    added.revised.as_mut().unwrap().number = Some(5);
    added.revised.as_mut().unwrap().name = "広報アプリの提供".into();
    p.projects.push(added);
    p.related_plans.remove(0);
    p.projects.swap(0, 1);
    let ids = ["p1-v1", "p1-m2", "p1-pl1", "p1-pr2", "p1-pr5"]
        .map(RowId::new)
        .to_vec();
    (old, new, ids)
}

#[test]
fn comparing_with_a_previous_version_lists_the_changed_rows_and_jumps() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new, expected) = two_versions();
    let old_path = write(dir.path(), "素案1.ron", &old);
    let dialogs = FakeDialogs::default();
    let mut h = app_with(
        StartWith::File(write(dir.path(), "素案2.ron", &new)),
        dialogs.clone(),
        None,
    );
    dialogs.answer_open(Some(old_path));
    click_menu(&mut h, "ファイル", "前の版と比較");
    settle(&mut h);
    let c = h.state().comparison().expect("the comparison is shown");
    let mut ids: Vec<RowId> = c.diff.changes.iter().map(|x| x.id.clone()).collect();
    ids.sort();
    // Of the two swapped 事業, one moved relative to the other.
    let mut want = expected.clone();
    if ids.contains(&RowId::new("p1-pr1")) {
        want.retain(|i| i.as_str() != "p1-pr2");
        want.push(RowId::new("p1-pr1"));
    }
    want.sort();
    assert_eq!(ids, want);
    assert!(
        h.state()
            .status_text()
            .unwrap()
            .contains(&format!("{} 行", want.len()))
    );

    // Every change is listed by its location; a click opens the row.
    let changes = h.state().comparison().unwrap().diff.changes.clone();
    for ch in &changes {
        assert!(shows(&h, &ch.location), "{}", ch.location);
    }
    let bullet = changes
        .iter()
        .find(|c| c.id.as_str() == "p1-m2")
        .unwrap()
        .location
        .clone();
    h.get_by_label(&bullet).click();
    h.run();
    assert_eq!(*h.state().selection(), Selection::Row(RowId::new("p1-m2")));
    // The changed words are shown (both texts, under 前の版 / この版), underlined.
    assert!(shows(&h, "市長と語る会を年4回開きます。"));
    let m2 = changes.iter().find(|c| c.id.as_str() == "p1-m2").unwrap();
    let underlined: String = m2
        .revised
        .as_ref()
        .unwrap()
        .new
        .iter()
        .filter(|s| s.changed)
        .map(|s| s.text.as_str())
        .collect();
    assert!(underlined.contains("年4回"), "{underlined}");
    // A removed row is listed but cannot be opened.
    h.get_by_label_contains("取り除かれたため、開くことはできません");
    let removed = changes.iter().find(|c| c.removed).unwrap();
    assert_eq!(removed.id.as_str(), "p1-pl1");
    h.get_by_label(&removed.location).click();
    h.run();
    assert_eq!(*h.state().selection(), Selection::Row(RowId::new("p1-m2")));

    // An edit shows up in the comparison.
    let before = h.state().comparison().unwrap().diff.changes.len();
    select_row(&mut h, &RowId::new("p2-pr1"));
    h.get_by_role_and_label(Role::RadioButton, "変更あり")
        .click();
    h.run();
    std::thread::sleep(std::time::Duration::from_millis(600));
    h.run();
    assert_eq!(
        h.state().comparison().unwrap().diff.changes.len(),
        before + 1
    );

    // Closing it returns to the editor alone.
    h.get_by_label("比較を閉じる").click();
    h.run();
    assert!(h.state().comparison().is_none());
}

#[test]
fn a_version_that_cannot_be_read_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("壊れた版.ron");
    std::fs::write(&bad, "(schema_version: 1, meta: (").unwrap();
    let dialogs = FakeDialogs::default();
    let mut h = sample_app(dialogs.clone());
    dialogs.answer_open(Some(bad));
    click_menu(&mut h, "ファイル", "前の版と比較");
    settle(&mut h);
    assert!(h.state().comparison().is_none());
    h.get_by_label("ファイルを開けませんでした");
}

/// A master draft and a reviewer's copy of it: the reviewer commented three rows, set states,
/// and changed one row's text that the master changed too meanwhile.
fn master_and_copy() -> (Draft, Draft, RowId) {
    let original = sample_draft();
    let mut copy = original.clone();
    start_review(&mut copy, "総務課長 田中", "2026-11-24T09:00");
    for (i, id) in ["p1-v2", "p1-m2", "p2-pr1"].iter().enumerate() {
        apply_review_edit(
            &mut copy,
            &ReviewEdit::AddComment {
                row: RowId::new(*id),
                comment: comment(&format!("c-t{i}"), "総務課長 田中", "要確認です", None),
            },
        );
    }
    apply_review_edit(
        &mut copy,
        &ReviewEdit::AddComment {
            row: RowId::new("p1-m2"),
            comment: comment("c-t9", "総務課長 田中", "補足です", Some("c-t1")),
        },
    );
    apply_review_edit(
        &mut copy,
        &ReviewEdit::SetState {
            row: RowId::new("p1-m2"),
            state: ReviewState::NeedsFix,
        },
    );
    let conflict = RowId::new("p1-pr2");
    let path = copy.find_row(&conflict).unwrap();
    copy.row_mut(path)
        .unwrap()
        .revised
        .as_mut()
        .unwrap()
        .summary = "ウェブサイトと公式SNSで情報を発信します。".into();
    let mut master = original;
    let path = master.find_row(&conflict).unwrap();
    master
        .row_mut(path)
        .unwrap()
        .revised
        .as_mut()
        .unwrap()
        .summary = "ウェブサイトとSNS、アプリで情報を発信します。".into();
    (master, copy, conflict)
}

#[test]
fn merging_a_reviewers_copy_brings_every_comment_and_asks_about_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let (master, copy, conflict) = master_and_copy();
    let copy_path = write(dir.path(), "素案1（田中確認）.ron", &copy);
    let dialogs = FakeDialogs::default();
    let mut h = app_with(
        StartWith::File(write(dir.path(), "素案1.ron", &master)),
        dialogs.clone(),
        None,
    );

    // Cancel changes nothing.
    dialogs.answer_open(Some(copy_path.clone()));
    click_menu(&mut h, "ファイル", "確認者の写しを取り込む");
    settle(&mut h);
    assert!(h.state().merge_dialog().is_some());
    h.get_by_label("キャンセル").click();
    h.run();
    assert!(h.state().merge_dialog().is_none());
    assert_eq!(draft(&h), master);
    assert!(!h.state().document().unwrap().is_dirty());

    dialogs.answer_open(Some(copy_path));
    click_menu(&mut h, "ファイル", "確認者の写しを取り込む");
    settle(&mut h);
    let dialog = h.state().merge_dialog().expect("the merge dialog");
    assert_eq!(dialog.outcome.conflicts.len(), 1);
    assert_eq!(dialog.reviewer.as_deref(), Some("総務課長 田中"));
    // What is brought in, and the conflict with both versions side by side.
    assert_eq!(
        h.query_all_by_label_contains("総務課長 田中 さんのコメントを追加しました")
            .count(),
        4
    );
    h.get_by_label("元の下書き");
    h.get_by_label("確認者の写し");
    assert!(shows(&h, "ウェブサイトとSNS、アプリで情報を発信します。"));
    assert!(shows(&h, "ウェブサイトと公式SNSで情報を発信します。"));
    // Nothing is applied while a conflict is open.
    h.get_by_label("取り込む").click();
    h.run();
    assert!(h.state().merge_dialog().is_some());
    assert_eq!(draft(&h), master);

    h.get_by_label("競合1：確認者の写しを採用").click();
    h.run();
    h.get_by_label("取り込む").click();
    h.run();
    assert!(h.state().merge_dialog().is_none());
    let merged = draft(&h);
    // Every comment of the copy is in the master now.
    for (_, _, r) in copy.rows() {
        let m = row_of(&merged, &r.id);
        for c in &r.review.comments {
            assert!(m.review.comments.contains(c), "{} lost", c.id);
        }
        assert_eq!(m.review.state, r.review.state);
    }
    // The choice was applied; the master keeps no review base.
    assert_eq!(
        row_of(&merged, &conflict).revised.as_ref().unwrap().summary,
        "ウェブサイトと公式SNSで情報を発信します。"
    );
    assert!(merged.review_base.is_none());
    assert!(h.state().status_text().unwrap().contains("取り込みました"));

    // One Ctrl+Z undoes the whole merge.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(draft(&h), master);
    // And Ctrl+Y brings it back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(draft(&h), merged);
}

#[test]
fn keeping_the_masters_version_of_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let (master, copy, conflict) = master_and_copy();
    let copy_path = write(dir.path(), "写し.ron", &copy);
    let dialogs = FakeDialogs::default();
    let mut h = app_with(
        StartWith::File(write(dir.path(), "元.ron", &master)),
        dialogs.clone(),
        None,
    );
    dialogs.answer_open(Some(copy_path));
    click_menu(&mut h, "ファイル", "確認者の写しを取り込む");
    settle(&mut h);
    h.get_by_label("すべて元の下書きを採用").click();
    h.run();
    h.get_by_label("取り込む").click();
    h.run();
    let merged = draft(&h);
    assert_eq!(
        row_of(&merged, &conflict).revised,
        row_of(&master, &conflict).revised
    );
    assert_eq!(
        row_of(&merged, &RowId::new("p1-m2")).review.comments.len(),
        2
    );
    // Merging the same copy again brings nothing new.
    let copy_path = dir.path().join("写し.ron");
    dialogs.answer_open(Some(copy_path));
    click_menu(&mut h, "ファイル", "確認者の写しを取り込む");
    settle(&mut h);
    let d = h.state().merge_dialog().unwrap();
    assert!(d.outcome.events.is_empty(), "{:?}", d.outcome.events);
}

#[test]
fn a_copy_of_another_draft_is_refused_and_nothing_is_applied() {
    let dir = tempfile::tempdir().unwrap();
    let (master, mut copy, _) = master_and_copy();
    // Another city's draft with the same row ids, reviewed there.
    copy.meta.plan_name = "別市総合計画".into();
    copy.meta.draft_id = shinkyu::model::new_draft_id();
    let copy_path = write(dir.path(), "別市の写し.ron", &copy);
    let dialogs = FakeDialogs::default();
    let mut h = app_with(
        StartWith::File(write(dir.path(), "素案1.ron", &master)),
        dialogs.clone(),
        None,
    );
    dialogs.answer_open(Some(copy_path));
    click_menu(&mut h, "ファイル", "確認者の写しを取り込む");
    settle(&mut h);
    assert!(h.state().merge_dialog().is_none(), "no merge to confirm");
    h.get_by_label("取り込めません");
    assert!(shows(&h, &copy.display_name()));
    assert!(shows(&h, &master.display_name()));
    assert_eq!(draft(&h), master);
    assert!(!h.state().document().unwrap().is_dirty());
}

#[test]
fn merging_is_not_offered_in_review_mode() {
    let mut h = sample_app(FakeDialogs::default());
    enter_review_mode(&mut h, Some("田中"));
    h.get_by_label("ファイル").click();
    h.run();
    let item = h.get_by_label_contains("確認者の写しを取り込む");
    assert!(item.accesskit_node().is_disabled());
}

#[test]
fn starting_in_review_mode_asks_the_name_first() {
    // What `shinkyu --review FILE` does once the file is open.
    let mut h = sample_app(FakeDialogs::default());
    h.state_mut().request_review_mode();
    h.run();
    assert!(h.state().name_dialog().is_some());
    h.get_by_label("確認者の名前").type_text("田中");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().review_mode());
    assert_eq!(*h.state().selection(), Selection::Field);
    // The 分野 page is the review's summary.
    h.get_by_label("確認の状況");
}
