//! Writes `docs/screenshot-merge.png`: the real app (wgpu, as the release build draws on
//! lavapipe under Xvfb) with the merge dialog of a reviewer's copy of the bundled draft. The
//! native open dialog cannot be driven under Xvfb, so the injected one is used here. Run with
//! `cargo test --test ui_review_screenshot -- --ignored`, then shrink the PNG
//! (`convert docs/screenshot-merge.png -colors 256 PNG8:docs/screenshot-merge.png`).

// The editor's tests: built with the "gui" feature only (`cargo test --no-default-features`
// runs the core's).
#![cfg(feature = "gui")]

mod ui_common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use shinkyu::app::{AppOptions, ShinkyuApp, StartWith};
use shinkyu::io::{SaveOptions, parse_draft, save_draft};
use shinkyu::model::{Comment, ReviewState, RowId};
use shinkyu::review::{ReviewEdit, apply_review_edit, start_review};
use ui_common::{FakeDialogs, FakeLauncher, settle};

fn comment(id: &str, date: &str, text: &str) -> Comment {
    Comment {
        id: id.into(),
        author: "総務課長 田中".into(),
        date: date.into(),
        text: text.into(),
        reply_to: None,
    }
}

#[test]
#[ignore = "writes docs/screenshot-merge.png"]
fn merge_dialog_screenshot() {
    let master = parse_draft(shinkyu::BUNDLED_DRAFT).unwrap();
    let mut copy = master.clone();
    start_review(&mut copy, "総務課長 田中", "2026-11-24T09:00");
    let edits = [
        ReviewEdit::AddComment {
            row: RowId::new("p1.measure.1"),
            comment: comment(
                "c-a1",
                "2026-11-24T09:40",
                "1つ目の●の「積極的にを行います」は「積極的に行います」の誤りと思われます。",
            ),
        },
        ReviewEdit::SetState {
            row: RowId::new("p1.measure.1"),
            state: ReviewState::NeedsFix,
        },
        ReviewEdit::SetState {
            row: RowId::new("p1.measure.2"),
            state: ReviewState::Checked,
        },
        ReviewEdit::AddComment {
            row: RowId::new("p1.measure.3"),
            comment: comment(
                "c-a3",
                "2026-11-24T10:05",
                "現行の2項目めを削った理由を備考に書いてください。",
            ),
        },
    ];
    for e in &edits {
        assert!(apply_review_edit(&mut copy, e));
    }
    // Both changed the same bullet: a conflict.
    let bullet = |d: &mut shinkyu::model::Draft, text: &str| {
        let p = d.find_row(&RowId::new("p1.measure.3")).unwrap();
        d.row_mut(p).unwrap().revised.as_mut().unwrap().bullets[0] = text.into();
    };
    bullet(
        &mut copy,
        "電子データを含めた公文書の管理(保管、保存及び廃棄)を適正に行うとともに、市民への情報提供を積極的に推進します。",
    );
    let mut current = master.clone();
    bullet(
        &mut current,
        "電子データを含めた公文書の管理(保管、保存及び廃棄)を適正に実施するとともに、市政への理解と信頼を高めるため、市民への情報提供を積極的に推進します。",
    );
    current.meta.version_label = "素案2".into();

    let dir = tempfile::tempdir().unwrap();
    let copy_path = dir.path().join("素案1（総務課長確認）.ron");
    save_draft(&copy_path, &copy, &SaveOptions::default()).unwrap();
    let master_path = dir.path().join("素案2.ron");
    save_draft(&master_path, &current, &SaveOptions::default()).unwrap();

    let dialogs = FakeDialogs::default();
    let d2 = dialogs.clone();
    let mut h = Harness::builder()
        .with_size([1360.0, 860.0])
        .with_pixels_per_point(1.0)
        .with_theme(egui::Theme::Light)
        .with_max_steps(64)
        .with_render_cursor(false)
        .wgpu()
        .build_eframe(move |cc| {
            ShinkyuApp::new(
                cc,
                AppOptions {
                    start: StartWith::File(master_path),
                    dialogs: Box::new(d2),
                    settings_dir: None,
                    offer_recovery: false,
                    renderer: "wgpu".into(),
                    launcher: Box::new(FakeLauncher::default()),
                },
            )
        });
    settle(&mut h);
    dialogs.answer_open(Some(copy_path));
    h.get_by_label("ファイル").click();
    h.run();
    h.get_by_label_contains("確認者の写しを取り込む").click();
    settle(&mut h);
    h.get_by_label("競合1：確認者の写しを採用").click();
    h.run();
    h.remove_cursor();
    h.run();
    let image = h.render().unwrap();
    image
        .save(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/docs/screenshot-merge.png"
        ))
        .unwrap();
}

#[test]
#[ignore = "writes the comparison panel to $SHINKYU_SHOT (a look at the layout)"]
fn versions_panel_screenshot() {
    let Some(out) = std::env::var_os("SHINKYU_SHOT") else {
        return;
    };
    let old = parse_draft(shinkyu::BUNDLED_DRAFT).unwrap();
    let mut new = old.clone();
    new.meta.version_label = "素案2".into();
    let p = new.find_row(&RowId::new("p1.measure.1")).unwrap();
    let b = &mut new.row_mut(p).unwrap().revised.as_mut().unwrap().bullets[0];
    *b = b.replace("積極的にを行います", "積極的に行います");
    new.policies[1].projects.remove(2);
    let dir = tempfile::tempdir().unwrap();
    let old_path = dir.path().join("素案1.ron");
    save_draft(&old_path, &old, &SaveOptions::default()).unwrap();
    let new_path = dir.path().join("素案2.ron");
    save_draft(&new_path, &new, &SaveOptions::default()).unwrap();
    let dialogs = FakeDialogs::default();
    let d2 = dialogs.clone();
    let mut h = Harness::builder()
        .with_size([1360.0, 860.0])
        .with_theme(egui::Theme::Light)
        .with_max_steps(64)
        .wgpu()
        .build_eframe(move |cc| {
            ShinkyuApp::new(
                cc,
                AppOptions {
                    start: StartWith::File(new_path),
                    dialogs: Box::new(d2),
                    settings_dir: None,
                    offer_recovery: false,
                    renderer: "wgpu".into(),
                    launcher: Box::new(FakeLauncher::default()),
                },
            )
        });
    settle(&mut h);
    dialogs.answer_open(Some(old_path));
    h.get_by_label("ファイル").click();
    h.run();
    h.get_by_label_contains("前の版と比較").click();
    settle(&mut h);
    h.render().unwrap().save(out).unwrap();
}
