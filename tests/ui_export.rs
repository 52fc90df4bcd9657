//! ファイル › 出力… in the real app (egui_kittest): HTML, Word and Excel written through an injected
//! save dialog with the suggested name, the file holding the draft's rows, 前回の版と比較,
//! errors in Japanese, 「ファイルを開く」/「フォルダーを開く」 through an injected launcher, and the
//! options remembered for next time.

// The editor's tests: built with the "gui" feature only (`cargo test --no-default-features`
// runs the core's).
#![cfg(feature = "gui")]

mod docx_support;
mod ui_common;

use std::path::Path;

use calamine::{Reader, open_workbook_auto};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use shinkyu::app::StartWith;
use shinkyu::edit::synthetic::sample_draft;
use shinkyu::io::{SaveOptions, save_draft, suggest_export_name};
use shinkyu::model::{ChangeStatus, Draft};
use shinkyu::report::html::escape;
use ui_common::*;

type H = egui_kittest::Harness<'static, shinkyu::app::ShinkyuApp>;

fn bundled() -> Draft {
    shinkyu::io::parse_draft(shinkyu::BUNDLED_DRAFT).unwrap()
}

fn open_export(h: &mut H) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::E);
    h.run();
    assert!(h.state().export_dialog().is_some(), "Ctrl+E opens 出力");
}

fn export_to(h: &mut H, dialogs: &FakeDialogs, path: &Path) {
    dialogs.answer_save(Some(path.to_path_buf()));
    h.get_by_label("出力先を選んで出力…").click();
    h.run();
    settle(h);
    assert!(
        h.query_by_label_contains("に出力しました").is_some(),
        "the dialog says it is done"
    );
}

#[test]
fn html_export_writes_every_row_through_the_injected_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = FakeDialogs::default();
    let launcher = FakeLauncher::default();
    let mut h = app_with_launcher(StartWith::Bundled, dialogs.clone(), None, launcher.clone());
    let d = bundled();

    // From the menu, as a user finds it.
    h.get_by_label("ファイル").click();
    h.run();
    h.get_by_label_contains("出力…").click();
    h.run();
    h.get_by_role_and_label(Role::RadioButton, "HTML（印刷用の新旧対照表）")
        .click();
    h.get_by_label("備考列（変更理由・各課意見）を付ける")
        .click();
    h.run();
    let path = dir.path().join("新旧対照表.html");
    export_to(&mut h, &dialogs, &path);

    let suggested = suggest_export_name(&d.meta, "html");
    assert_eq!(dialogs.asked(), vec![("save".to_string(), suggested)]);
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") || html.starts_with("<!doctype html>"));
    for (path, _, row) in d.rows() {
        let label = row.label(path.block);
        if !label.trim().is_empty() {
            assert!(html.contains(&escape(&label)), "row 「{label}」 missing");
        }
    }
    assert!(html.contains("備考"), "the memo column was asked for");

    // Done: open the file, then (again) its folder, through the launcher.
    h.get_by_label("ファイルを開く").click();
    h.run();
    assert_eq!(launcher.opened(), vec![("file".to_string(), path.clone())]);
    assert!(h.state().export_dialog().is_none());

    // The options are remembered.
    open_export(&mut h);
    let prefs = &h.state().export_dialog().unwrap().prefs;
    assert!(prefs.memo_column);
    assert_eq!(prefs.format, "html");
    assert_eq!(prefs.last_dir.as_deref(), Some(dir.path()));
}

#[test]
fn excel_export_has_a_sheet_per_policy_with_the_rows_and_opens_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = FakeDialogs::default();
    let launcher = FakeLauncher::default();
    let mut h = app_with_launcher(StartWith::Bundled, dialogs.clone(), None, launcher.clone());
    let d = bundled();
    open_export(&mut h);
    h.get_by_role_and_label(Role::RadioButton, "Excel ブック")
        .click();
    h.run();
    h.get_by_label("検査結果を付ける（HTML・Word は付録、Excel はシート）")
        .click();
    h.run();
    let path = dir.path().join("対照表.xlsx");
    export_to(&mut h, &dialogs, &path);
    assert_eq!(
        dialogs.asked()[0].1,
        suggest_export_name(&d.meta, "xlsx"),
        "the suggested name ends in .xlsx"
    );

    let mut wb = open_workbook_auto(&path).unwrap();
    let names = wb.sheet_names().to_vec();
    assert!(names.len() > d.policies.len(), "{names:?}");
    assert!(names.iter().any(|n| n.contains("検査")), "{names:?}");
    let mut cells = String::new();
    for n in &names {
        let range = wb.worksheet_range(n).unwrap();
        for row in range.rows() {
            for c in row {
                cells.push_str(&c.to_string());
                cells.push('\n');
            }
        }
    }
    for (path, _, row) in d.rows() {
        let label = row.label(path.block);
        if !label.trim().is_empty() {
            assert!(cells.contains(&label), "row 「{label}」 missing");
        }
        if let Some(s) = row.status {
            assert!(cells.contains(s.label()));
        }
    }

    h.get_by_label("フォルダーを開く").click();
    h.run();
    assert_eq!(launcher.opened(), vec![("folder".to_string(), path)]);
    // The format is remembered in the settings.
    assert_eq!(h.state().prefs().export.format, "xlsx");
}

#[test]
fn word_export_with_the_html_options_then_opens_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = FakeDialogs::default();
    let launcher = FakeLauncher::default();
    let mut h = app_with_launcher(StartWith::Bundled, dialogs.clone(), None, launcher.clone());
    let d = bundled();
    open_export(&mut h);
    h.get_by_role_and_label(Role::RadioButton, "Word 文書（編集できる新旧対照表）")
        .click();
    h.run();
    // The printable report's options apply to Word too.
    h.get_by_label("改定案｜現行（例規の並び）").click();
    h.get_by_label("備考列（変更理由・各課意見）を付ける")
        .click();
    h.run();
    let path = dir.path().join("新旧対照表.docx");
    export_to(&mut h, &dialogs, &path);
    assert_eq!(dialogs.asked()[0].1, suggest_export_name(&d.meta, "docx"));

    let pkg = docx_support::Package::read(&std::fs::read(&path).unwrap());
    let body = pkg.body();
    let tables = docx_support::comparison_tables(&body);
    assert_eq!(tables.len(), d.policies.len());
    assert_eq!(
        docx_support::rows(tables[0])[0].cell_texts(),
        ["項目", "改定案", "現行", "変更区分", "備考"]
    );
    let texts = docx_support::all_paragraph_texts(&body);
    for (path, _, row) in d.rows() {
        for side in [&row.current, &row.revised].into_iter().flatten() {
            for line in side.lines(path.block) {
                assert!(texts.contains(&line), "「{line}」 missing");
            }
        }
    }

    h.get_by_label("ファイルを開く").click();
    h.run();
    assert_eq!(launcher.opened(), vec![("file".to_string(), path)]);
    assert_eq!(h.state().prefs().export.format, "docx");
}

#[test]
fn comparing_with_the_previous_version_lists_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("素案1.ron");
    let mut previous = sample_draft();
    // In the previous version one 事業 was still 変更なし.
    let (path, _, _) = previous
        .rows()
        .find(|(p, _, r)| {
            p.block == shinkyu::model::BlockKind::Projects
                && r.status == Some(ChangeStatus::Modified)
        })
        .unwrap();
    let row = previous.row_mut(path).unwrap();
    row.status = Some(ChangeStatus::Unchanged);
    row.revised = row.current.clone();
    save_draft(&old, &previous, &SaveOptions::default()).unwrap();

    let dialogs = FakeDialogs::default();
    let mut h = app_with(
        StartWith::Draft {
            draft: Box::new(sample_draft()),
            name: "素案2.ron".into(),
        },
        dialogs.clone(),
        None,
    );
    open_export(&mut h);
    h.get_by_label("前回の版と比較する").click();
    h.run();
    // Without a previous version there is nothing to compare with yet.
    dialogs.answer_open(Some(old.clone()));
    h.get_by_label("前の版を選ぶ…").click();
    h.run();
    settle(&mut h);
    h.get_by_label_contains("「素案1.ron」と比較します");
    let out = dir.path().join("比較.html");
    export_to(&mut h, &dialogs, &out);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("からの主な修正内容"), "the changes section");
    assert!(
        html.contains("修正のあった行 1 件"),
        "exactly the one row changed"
    );
}

#[test]
fn an_export_that_cannot_be_written_says_why_in_japanese() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = FakeDialogs::default();
    let mut h = app_with(
        StartWith::Draft {
            draft: Box::new(sample_draft()),
            name: "見本.ron".into(),
        },
        dialogs.clone(),
        None,
    );
    open_export(&mut h);
    dialogs.answer_save(Some(
        dir.path().join("ない").join("フォルダー").join("x.html"),
    ));
    h.get_by_label("出力先を選んで出力…").click();
    h.run();
    settle(&mut h);
    h.get_by_label("出力できませんでした");
    // Back to the options, then cancel: nothing was written.
    h.get_by_label("設定に戻る").click();
    h.run();
    h.get_by_label("キャンセル").click();
    h.run();
    assert!(h.state().export_dialog().is_none());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn export_options_and_the_panel_are_remembered_in_the_settings() {
    use eframe::App as _;
    use shinkyu::app::Prefs;
    let dir = tempfile::tempdir().unwrap();
    let dialogs = FakeDialogs::default();
    let mut h = app_with(
        StartWith::Draft {
            draft: Box::new(sample_draft()),
            name: "見本.ron".into(),
        },
        dialogs.clone(),
        None,
    );
    open_export(&mut h);
    h.get_by_role_and_label(Role::RadioButton, "CSV").click();
    h.run();
    export_to(&mut h, &dialogs, &dir.path().join("a.csv"));
    h.get_by_label("閉じる").click();
    h.run();
    // The 検査結果 panel opened with Ctrl+Shift+K.
    assert!(!h.state().findings_open());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::K);
    h.run();
    assert!(h.state().findings_open());

    let mut storage = MemStorage::default();
    h.state_mut().save(&mut storage);
    let prefs = Prefs::load(Some(&storage));
    assert_eq!(prefs.export.format, "csv");
    assert_eq!(prefs.export.last_dir.as_deref(), Some(dir.path()));
    assert!(prefs.findings_open);
    // Nothing stored: HTML, panel closed.
    let none = Prefs::load(None);
    assert_eq!(none.export.format, "html");
    assert!(!none.findings_open);
    // A broken value falls back to the defaults.
    storage
        .0
        .insert(shinkyu::app::prefs::KEY.into(), "壊れた値".into());
    assert_eq!(Prefs::load(Some(&storage)).export.format, "html");
}
