//! When a file could not be opened, the window says so and nothing else: the reason in the
//! centre with the ways on, no file name with 「保存済み」 or 「（未保存）」 in the status bar,
//! no 「検査中…」 on the toolbar (there is nothing to check), the commands that need a draft
//! disabled. Once a draft is open, the status bar and the toolbar speak of it again.

// The editor's tests: built with the "gui" feature only (`cargo test --no-default-features`
// runs the core's).
#![cfg(feature = "gui")]

mod ui_common;

use egui_kittest::kittest::{NodeT, Queryable};
use shinkyu::app::StartWith;
use ui_common::*;

type H = egui_kittest::Harness<'static, shinkyu::app::ShinkyuApp>;

/// How many nodes of the window have a label containing `text`.
fn count(h: &H, text: &str) -> usize {
    h.query_all_by_label_contains(text).count()
}

#[test]
fn a_file_that_could_not_be_opened_is_all_the_window_speaks_of() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("壊れた.ron");
    std::fs::write(&bad, "(meta: (plan_name: \"途中").unwrap();
    let mut h = app_with(StartWith::File(bad.clone()), FakeDialogs::default(), None);
    h.run();
    assert!(h.state().document().is_none());
    h.get_by_label("ファイルを開けませんでした");
    h.get_by_label_contains("ファイルは変更していません");
    for said_of_a_draft in ["保存済み", "未保存", "検査中", "壊れた.ron（"] {
        assert_eq!(
            count(&h, said_of_a_draft),
            0,
            "「{said_of_a_draft}」 is shown"
        );
    }
    // The toolbar's 検査結果 is there, plain and disabled; so are 保存 and 出力.
    for name in ["検査結果", "保存", "出力"] {
        let node = h.get_by_label(name);
        assert!(node.accesskit_node().is_disabled(), "{name} is enabled");
    }
    assert!(
        !h.state().busy(),
        "nothing runs for a draft that is not there"
    );
    assert_eq!(h.state().window_title(), "壊れた.ron — shinkyu 新旧");

    // Once a draft is open, the window speaks of it.
    h.get_by_label("同梱の下書きを開く").click();
    settle(&mut h);
    assert!(h.state().document().is_some());
    assert_eq!(count(&h, "ファイルを開けませんでした"), 0);
    assert_eq!(count(&h, "保存済み"), 1);
    assert!(!h.get_by_label("保存").accesskit_node().is_disabled());
}
