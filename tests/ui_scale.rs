//! The editor on a draft twenty times the seed's size: the tree lays out only the lines on
//! screen, so the number of widgets per frame does not grow with the draft.

mod ui_common;

use std::time::Instant;

use egui::Modifiers;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use shinkyu::app::StartWith;
use shinkyu::edit::synthetic::{sample_draft, scaled_draft};
use ui_common::*;

fn base() -> shinkyu::model::Draft {
    let bundled = shinkyu::io::parse_draft(shinkyu::BUNDLED_DRAFT).unwrap();
    if bundled.policies.is_empty() {
        sample_draft()
    } else {
        bundled
    }
}

#[test]
fn a_draft_twenty_times_the_seed_lays_out_only_what_is_visible() {
    let big = scaled_draft(&base(), 20);
    let rows = big.rows().count();
    let mut h = app_with(
        StartWith::Draft {
            draft: Box::new(big),
            name: "20倍.ron".into(),
        },
        FakeDialogs::default(),
        None,
    );
    // Open everything.
    h.get_by_label("表示").click();
    h.run();
    h.get_by_label_contains("すべて展開").click();
    h.run();
    let shown = h.query_all_by_role(Role::TreeItem).count();
    assert!(rows > 200, "{rows} rows");
    // About HEIGHT / line height lines fit on screen.
    assert!(shown < 60, "{shown} tree lines laid out for {rows} rows");

    // Frames stay cheap while scrolling through it (measured, reported; loose bound for CI).
    let mut worst = 0.0f64;
    let mut total = 0.0;
    let frames = 30;
    let tree = h
        .get_by_role_and_label(Role::TreeItem, "6. 行財政経営分野")
        .rect()
        .center();
    for _ in 0..frames {
        h.event(egui::Event::PointerMoved(tree));
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -400.0),
            modifiers: Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        let t = Instant::now();
        h.step();
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        worst = worst.max(ms);
        total += ms;
    }
    let shown_after = h.query_all_by_role(Role::TreeItem).count();
    assert!(shown_after < 60);
    assert!(
        h.query_by_role_and_label(Role::TreeItem, "6. 行財政経営分野")
            .is_none(),
        "the tree scrolled away from the top"
    );
    eprintln!(
        "20x draft: {rows} rows; tree widgets per frame {shown}/{shown_after}; scroll frame mean {:.1} ms, worst {:.1} ms ({} build, no GPU)",
        total / frames as f64,
        worst,
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    assert!(worst < 2000.0);
}
