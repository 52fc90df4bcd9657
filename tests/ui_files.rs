//! Files in the real app: save through an injected dialog, the check for changes by someone
//! else, closing with unsaved changes, load errors in the window, drag and drop, recent files,
//! recovery copies after a crash.

// The editor's tests: built with the "gui" feature only (`cargo test --no-default-features`
// runs the core's).
#![cfg(feature = "gui")]

mod ui_common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::accesskit::Role;
use egui::{Key, Modifiers, ViewportCommand};
use egui_kittest::kittest::Queryable;
use shinkyu::app::StartWith;
use shinkyu::app::dialogs::Dialog;
use shinkyu::edit::synthetic::sample_draft;
use shinkyu::io::{SaveOptions, load_draft, save_draft};
use shinkyu::model::ChangeStatus;
use ui_common::*;

type H = egui_kittest::Harness<'static, shinkyu::app::ShinkyuApp>;

fn write_sample(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    save_draft(&path, &sample_draft(), &SaveOptions::default()).unwrap();
    path
}

/// Makes one change through the UI: select the first 施策大項目's 主な事業一覧 and mark the
/// first 事業 削除 via its row button.
fn make_a_change(h: &mut H) {
    let d = draft(h);
    let first = d.policies[0].projects[0].id.clone();
    let label = shinkyu::app::tree::row_label(
        &d.policies[0].projects[0],
        shinkyu::model::BlockKind::Projects,
    );
    h.get_by_role_and_label(Role::TreeItem, "主な事業一覧")
        .click();
    h.run();
    h.get_by_label(&format!("{label} を削除")).click();
    h.run();
    let d = draft(h);
    assert_eq!(
        d.row(d.find_row(&first).unwrap()).unwrap().status,
        Some(ChangeStatus::Deleted)
    );
    assert!(h.state().document().unwrap().is_dirty());
}

#[test]
fn save_writes_the_file_through_the_injected_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = FakeDialogs::default();
    let mut h = app_with(
        StartWith::File(write_sample(dir.path(), "元.ron")),
        dialogs.clone(),
        None,
    );
    // Starts as the sample: edit the bundled-like unsaved flow with "save as".
    make_a_change(&mut h);
    let target = dir.path().join("改定案 素案2.ron");
    dialogs.answer_save(Some(target.clone()));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    settle(&mut h);
    assert_eq!(
        dialogs.asked(),
        vec![("save".to_string(), "元.ron".to_string())]
    );
    assert_eq!(load_draft(&target).unwrap().draft, draft(&h));
    assert!(!h.state().document().unwrap().is_dirty());
    assert_eq!(h.state().file().path.as_deref(), Some(target.as_path()));
    assert!(h.state().window_title().starts_with("改定案 素案2.ron"));
    assert_eq!(
        h.state().recent_files()[0],
        std::path::absolute(&target).unwrap()
    );

    // Ctrl+S now saves to the same file without asking, keeping a backup.
    make_another_change(&mut h);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert_eq!(dialogs.asked().len(), 1, "no dialog the second time");
    assert_eq!(load_draft(&target).unwrap().draft, draft(&h));
    assert!(shinkyu::io::backup_path(&target).is_file());
    assert!(h.state().status_text().unwrap().contains("保存しました"));
}

fn make_another_change(h: &mut H) {
    h.get_by_role_and_label(Role::TreeItem, "市民アンケート結果")
        .click();
    h.run();
    h.get_by_label("アンケートの項目名").click();
    h.run();
    h.get_by_label("アンケートの項目名").type_text("（改）");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(h.state().document().unwrap().is_dirty());
}

#[test]
fn the_bundled_draft_is_saved_as_a_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = FakeDialogs::default();
    let mut h = app_with(StartWith::Bundled, dialogs.clone(), None);
    let target = dir.path().join("bundled-copy.ron");
    dialogs.answer_save(Some(target.clone()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert_eq!(
        dialogs.asked(),
        vec![("save".to_string(), shinkyu::BUNDLED_DRAFT_NAME.to_string())]
    );
    assert_eq!(load_draft(&target).unwrap().draft, draft(&h));
}

#[test]
fn a_file_changed_by_someone_else_is_not_overwritten_without_asking() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_sample(dir.path(), "共有.ron");
    let mut h = app_with(StartWith::File(path.clone()), FakeDialogs::default(), None);
    make_a_change(&mut h);
    // Someone else saves the file meanwhile.
    let mut theirs = sample_draft();
    theirs.meta.version_label = "他の人の版".into();
    save_draft(&path, &theirs, &SaveOptions::default()).unwrap();

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert!(matches!(
        h.state().dialog(),
        Some(Dialog::ChangedOnDisk { .. })
    ));
    h.get_by_label_contains("他の人（または他のプログラム）が変更");
    assert_eq!(
        load_draft(&path).unwrap().draft,
        theirs,
        "nothing overwritten yet"
    );

    h.get_by_label("キャンセル").click();
    settle(&mut h);
    assert_eq!(load_draft(&path).unwrap().draft, theirs);
    assert!(h.state().document().unwrap().is_dirty());

    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    h.get_by_label("上書き保存").click();
    settle(&mut h);
    assert_eq!(load_draft(&path).unwrap().draft, draft(&h));
    assert!(!h.state().document().unwrap().is_dirty());
}

#[test]
fn closing_with_unsaved_changes_is_cancelled_and_asks() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_sample(dir.path(), "閉じる.ron");
    let mut h = app_with(StartWith::File(path.clone()), FakeDialogs::default(), None);

    // Nothing changed: closing goes through.
    request_close(&mut h);
    assert!(!sent(&h, |c| matches!(c, ViewportCommand::CancelClose)));

    make_a_change(&mut h);
    request_close(&mut h);
    assert!(
        sent(&h, |c| matches!(c, ViewportCommand::CancelClose)),
        "the close is cancelled in the same pass"
    );
    h.run();
    assert!(matches!(h.state().dialog(), Some(Dialog::Unsaved { .. })));
    h.get_by_label("保存されていない変更があります");

    // キャンセル: the editor stays, with the changes.
    h.get_by_label("キャンセル").click();
    h.run();
    assert!(h.state().dialog().is_none());
    assert!(h.state().document().unwrap().is_dirty());

    // 保存して終了: the file is written, then the window closes.
    request_close(&mut h);
    h.run();
    h.get_by_label("保存して終了").click();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let mut closed = false;
    while !closed && std::time::Instant::now() < deadline {
        h.step();
        closed = sent(&h, |c| matches!(c, ViewportCommand::Close));
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(closed, "the window is closed after saving");
    assert_eq!(load_draft(&path).unwrap().draft, draft(&h));
    assert!(!h.state().document().unwrap().is_dirty());
    request_close(&mut h);
    assert!(!sent(&h, |c| matches!(c, ViewportCommand::CancelClose)));
}

#[test]
fn closing_without_saving_discards_and_closes() {
    let mut h = app_with(
        StartWith::Draft {
            draft: Box::new(sample_draft()),
            name: "見本.ron".into(),
        },
        FakeDialogs::default(),
        None,
    );
    make_a_change(&mut h);
    request_close(&mut h);
    h.run();
    h.get_by_label("保存せずに終了").click();
    h.step();
    assert!(sent(&h, |c| matches!(c, ViewportCommand::Close)));
    request_close(&mut h);
    assert!(!sent(&h, |c| matches!(c, ViewportCommand::CancelClose)));
}

#[test]
fn load_errors_are_shown_in_the_window_in_japanese() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("途中まで.ron");
    let text = shinkyu::io::to_ron_string(&sample_draft()).unwrap();
    let half: String = text.chars().take(text.chars().count() / 2).collect();
    std::fs::write(&bad, half).unwrap();
    let before = std::fs::read(&bad).unwrap();
    let mut h = app_with(StartWith::File(bad.clone()), FakeDialogs::default(), None);
    assert!(h.state().document().is_none());
    h.get_by_label("ファイルを開けませんでした");
    h.get_by_label_contains("途中で終わっています");
    h.get_by_label_contains("ファイルは変更していません");
    assert_eq!(std::fs::read(&bad).unwrap(), before);

    // From there the user can open the bundled draft.
    h.get_by_label("同梱の下書きを開く").click();
    settle(&mut h);
    assert!(h.state().document().is_some());

    // A missing file while a draft is open: a dialog, the draft stays.
    let missing = dir.path().join("ない.ron");
    drop_file(&mut h, &missing);
    settle(&mut h);
    assert!(matches!(h.state().dialog(), Some(Dialog::Message { .. })));
    h.get_by_label("ファイルを開けませんでした");
    h.get_by_label_contains("ファイルが見つかりません");
    assert!(h.state().document().is_some());
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().dialog().is_none());
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(h: &mut H, path: &Path) {
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.to_path_buf())));
    h.step();
}

#[test]
fn drag_and_drop_opens_a_file_and_asks_about_unsaved_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut other = sample_draft();
    other.meta.version_label = "素案2".into();
    let path = dir.path().join("素案2.ron");
    save_draft(&path, &other, &SaveOptions::default()).unwrap();

    let mut h = app_with(
        StartWith::Draft {
            draft: Box::new(sample_draft()),
            name: "見本.ron".into(),
        },
        FakeDialogs::default(),
        None,
    );
    make_a_change(&mut h);
    drop_file(&mut h, &path);
    h.run();
    assert!(matches!(h.state().dialog(), Some(Dialog::Unsaved { .. })));
    h.get_by_label("保存せずに開く").click();
    settle(&mut h);
    assert_eq!(draft(&h), other);
    assert_eq!(h.state().file().path.as_deref(), Some(path.as_path()));
    assert!(!h.state().document().unwrap().is_dirty());
    // It is now a recent file, offered in the menu.
    h.get_by_label("ファイル").click();
    h.run();
    h.get_by_label("最近使ったファイル").click();
    h.run();
    h.get_by_label("素案2.ron");
}

#[test]
fn open_goes_through_the_injected_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_sample(dir.path(), "開く.ron");
    let dialogs = FakeDialogs::default();
    let mut h = app_with(StartWith::Bundled, dialogs.clone(), None);
    dialogs.answer_open(Some(path.clone()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    settle(&mut h);
    assert_eq!(dialogs.asked()[0].0, "open");
    assert_eq!(draft(&h), sample_draft());
    assert_eq!(h.state().window_title(), "開く.ron — shinkyu 新旧");
}

#[test]
fn unsaved_work_is_offered_back_after_a_crash() {
    let settings = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write_sample(dir.path(), "作業中.ron");
    let edited;
    {
        let mut h = app_with(
            StartWith::File(path.clone()),
            FakeDialogs::default(),
            Some(settings.path().to_path_buf()),
        );
        make_a_change(&mut h);
        edited = draft(&h);
        // Let simulated time pass beyond the recovery interval (each step is 0.25 s).
        for _ in 0..((shinkyu::app::RECOVERY_INTERVAL / 0.25) as usize + 4) {
            h.step();
        }
        settle(&mut h);
        let copies = shinkyu::app::recovery::list(settings.path());
        assert_eq!(copies.len(), 1, "a recovery copy is written");
        // The harness is dropped without a clean exit: a crash.
    }
    assert_eq!(
        load_draft(&path).unwrap().draft,
        sample_draft(),
        "the file itself is untouched"
    );

    let mut h = app_with(
        StartWith::File(path.clone()),
        FakeDialogs::default(),
        Some(settings.path().to_path_buf()),
    );
    assert!(matches!(h.state().dialog(), Some(Dialog::Recovery { .. })));
    h.get_by_label("保存されていない作業が見つかりました");
    h.get_by_label("復元する").click();
    settle(&mut h);
    assert_eq!(draft(&h), edited);
    assert!(h.state().document().unwrap().is_dirty());
    assert_eq!(h.state().file().path.as_deref(), Some(path.as_path()));

    // Saving makes it final and removes the recovery copy.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    settle(&mut h);
    assert_eq!(load_draft(&path).unwrap().draft, edited);
    assert!(shinkyu::app::recovery::list(settings.path()).is_empty());
}

#[test]
fn discarding_a_recovery_copy_removes_it() {
    let settings = tempfile::tempdir().unwrap();
    let info = shinkyu::app::recovery::RecoveryInfo {
        key: "bundled".into(),
        original: None,
        name: "honjo.ron".into(),
        written_at: shinkyu::clock::now_unix() - 600,
        stamp_len: None,
        stamp_hash: None,
        comments: Vec::new(),
    };
    shinkyu::app::recovery::write(settings.path(), &info, &sample_draft()).unwrap();
    let mut h = app_with(
        StartWith::Bundled,
        FakeDialogs::default(),
        Some(settings.path().to_path_buf()),
    );
    h.get_by_label_contains("約 10 分前");
    h.get_by_label("破棄する").click();
    h.run();
    assert!(h.state().dialog().is_none());
    assert!(shinkyu::app::recovery::list(settings.path()).is_empty());
}

#[test]
fn recent_files_zoom_and_theme_are_remembered() {
    use eframe::App as _;
    use shinkyu::app::Prefs;
    let dir = tempfile::tempdir().unwrap();
    let path = write_sample(dir.path(), "最近.ron");
    let mut h = app_with(StartWith::File(path.clone()), FakeDialogs::default(), None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    h.run();
    let mut storage = MemStorage::default();
    h.state_mut().save(&mut storage);
    let prefs = Prefs::load(Some(&storage));
    assert_eq!(prefs.recent, vec![std::path::absolute(&path).unwrap()]);
    assert!((prefs.zoom - 1.1).abs() < 1e-3);
    assert_eq!(prefs.theme, egui::ThemePreference::Light);
    // Nothing stored: defaults.
    assert_eq!(Prefs::load(None).recent, Vec::<PathBuf>::new());
    // Garbage stored: defaults, no panic.
    storage
        .0
        .insert(shinkyu::app::prefs::KEY.into(), "壊れた値".into());
    assert!(Prefs::load(Some(&storage)).recent.is_empty());
}
