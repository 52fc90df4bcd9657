//! The 検査結果 panel and the 新旧対照表 preview on a draft twenty times the seed's size: both
//! lay out only the lines on screen, the check runs off the UI thread, and typing does not wait
//! for it. Prints the measurements (`cargo test --test ui_scale_checks -- --nocapture`).

// The editor's tests: built with the "gui" feature only (`cargo test --no-default-features`
// runs the core's).
#![cfg(feature = "gui")]

mod ui_common;

use std::time::Instant;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use shinkyu::app::StartWith;
use shinkyu::app::state::Selection;
use shinkyu::edit::synthetic::{sample_draft, scaled_draft};
use shinkyu::model::BlockKind;
use ui_common::*;

fn base() -> shinkyu::model::Draft {
    let bundled = shinkyu::io::parse_draft(shinkyu::BUNDLED_DRAFT).unwrap();
    if bundled.policies.is_empty() {
        sample_draft()
    } else {
        bundled
    }
}

fn build() -> &'static str {
    if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    }
}

#[test]
fn findings_and_preview_of_a_draft_twenty_times_the_seed() {
    let big = scaled_draft(&base(), 20);
    let rows = big.rows().count();
    // To measure the release program on the same draft: SHINKYU_SAVE_20X=/tmp/20x.ron.
    if let Some(p) = std::env::var_os("SHINKYU_SAVE_20X") {
        shinkyu::io::save_draft(
            std::path::Path::new(&p),
            &big,
            &shinkyu::io::SaveOptions::default(),
        )
        .unwrap();
    }
    let t = Instant::now();
    let copy = big.clone();
    let copy_ms = t.elapsed().as_secs_f64() * 1000.0;
    drop(copy);
    let mut h = app_with(
        StartWith::Draft {
            draft: Box::new(big),
            name: "20倍.ron".into(),
        },
        FakeDialogs::default(),
        None,
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::K);
    h.run();
    assert!(h.state().findings_open());
    let n = h.state().checks().findings().len();
    let first_check = h.state().checks().last_elapsed().unwrap();
    assert!(n > 200, "{n} findings");
    let lines = h.query_all_by_role(Role::ListItem).count();
    assert!(
        lines > 0 && lines < 30,
        "{lines} finding lines laid out for {n} findings"
    );

    // Typing: frames do not wait for the check (it starts after the pause, on a worker).
    let d = draft(&h);
    let (path, _, row) = d
        .rows()
        .find(|(p, _, r)| p.block == BlockKind::Projects && r.revised.is_some())
        .unwrap();
    let id = row.id.clone();
    let label = shinkyu::app::tree::row_label(row, path.block);
    h.get_by_label("表示").click();
    h.run();
    h.get_by_label_contains("すべて折りたたむ").click();
    h.run();
    h.get_by_role_and_label(Role::TreeItem, &d.policies[path.policy].label())
        .click();
    h.run();
    h.get_by_role_and_label(Role::TreeItem, "主な事業一覧")
        .click();
    h.run();
    h.get_by_role_and_label(Role::TreeItem, &label).click();
    h.run();
    assert_eq!(*h.state().selection(), Selection::Row(id));
    h.get_by_label("改定案の事業概要").click();
    h.run();
    let mut worst_typing = 0.0f64;
    for word in ["市民", "にを", "届け", "ます"] {
        h.event(egui::Event::Text(word.into()));
        let t = Instant::now();
        h.step();
        worst_typing = worst_typing.max(t.elapsed().as_secs_f64() * 1000.0);
    }
    let t = Instant::now();
    settle(&mut h);
    let wait_ms = t.elapsed().as_secs_f64() * 1000.0;
    let rev = h.state().document().unwrap().revision();
    assert_eq!(h.state().checks().checked_revision(), Some(rev));
    let recheck = h.state().checks().last_elapsed().unwrap();

    // The preview: built on a worker, then only the visible rows are laid out.
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    settle(&mut h);
    assert_eq!(*h.state().selection(), Selection::Report);
    let built = h.state().report_preview().build_time.unwrap();
    assert_eq!(h.state().report_preview().row_count(), rows);
    let shown = h.query_all_by_role(Role::Row).count();
    assert!(shown > 0 && shown < 60, "{shown} preview rows laid out");
    let at = h.get_all_by_role(Role::Row).next().unwrap().rect().center();
    let (mean, worst) = scroll_frames(&mut h, at, 600.0, 20);
    let shown_after = h.query_all_by_role(Role::Row).count();
    assert!(shown_after > 0 && shown_after < 60);

    eprintln!(
        "20x draft ({} build): {rows} rows, {n} findings; copying the draft {copy_ms:.1} ms; \
         first check {:.0} ms, re-check {:.0} ms on the worker; typing frame worst {worst_typing:.0} ms; \
         pause + check until settled {wait_ms:.0} ms; finding lines laid out {lines}; \
         preview built in {:.0} ms on a worker, {shown}/{shown_after} rows laid out, \
         scroll frame mean {:.1} ms, worst {:.1} ms",
        build(),
        first_check.as_secs_f64() * 1000.0,
        recheck.as_secs_f64() * 1000.0,
        built.as_secs_f64() * 1000.0,
        mean,
        worst
    );
}
