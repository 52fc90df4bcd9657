//! The editor on a draft twenty times the seed's size: the tree lays out only the lines on
//! screen, so the number of widgets per frame does not grow with the draft.

// The editor's tests: built with the "gui" feature only (`cargo test --no-default-features`
// runs the core's).
#![cfg(feature = "gui")]

mod ui_common;

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

    // Scrolling keeps laying out only what is on screen; frame times are reported, not asserted.
    let tree = h
        .get_by_role_and_label(Role::TreeItem, "6. 行財政経営分野")
        .rect()
        .center();
    let (mean, worst) = scroll_frames(&mut h, tree, 400.0, 30);
    let shown_after = h.query_all_by_role(Role::TreeItem).count();
    assert!(shown_after < 60);
    assert!(
        h.query_by_role_and_label(Role::TreeItem, "6. 行財政経営分野")
            .is_none(),
        "the tree scrolled away from the top"
    );
    eprintln!(
        "20x draft: {rows} rows; tree widgets per frame {shown}/{shown_after}; scroll frame mean {:.1} ms, worst {:.1} ms ({} build, no GPU)",
        mean,
        worst,
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
}
