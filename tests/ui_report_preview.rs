//! The 新旧対照表 preview in the real app (egui_kittest): rows with the report's underlines
//! (found by their labels; the underlined words are in each side's accessible description), a
//! click that opens the row in the editor, and refreshing only the rows that were edited.

// The editor's tests: built with the "gui" feature only (`cargo test --no-default-features`
// runs the core's).
#![cfg(feature = "gui")]

mod ui_common;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
use shinkyu::app::StartWith;
use shinkyu::app::state::Selection;
use shinkyu::model::Draft;
use shinkyu::report::{ComparisonView, ViewOptions};
use ui_common::*;

type H = egui_kittest::Harness<'static, shinkyu::app::ShinkyuApp>;

fn bundled() -> Draft {
    shinkyu::io::parse_draft(shinkyu::BUNDLED_DRAFT).unwrap()
}

fn open_preview(h: &mut H) {
    h.get_by_label("新旧対照表").click();
    h.run();
    settle(h);
    assert_eq!(*h.state().selection(), Selection::Report);
}

#[test]
fn the_preview_shows_the_rows_with_underlines_and_a_click_opens_the_row() {
    let mut h = app_with(StartWith::Bundled, FakeDialogs::default(), None);
    let d = bundled();
    open_preview(&mut h);
    let view = ComparisonView::build(&d, &ViewOptions::default());
    assert_eq!(h.state().report_preview().row_count(), view.rows().count());

    // Only rows that change: the first one is at the top of the list.
    h.get_by_label("変更のある行だけ").click();
    h.run();
    let (_, first) = view
        .rows()
        .find(|(_, r)| r.diff.new.iter().any(|s| s.changed) && r.revised.is_some())
        .expect("the draft has a changed row");
    // The same view as the report: same underlined words.
    assert_eq!(
        h.state().report_preview().row_view(&first.id).unwrap().diff,
        first.diff
    );
    let revised = first.revised.as_ref().unwrap();
    let node = h.get_by_label(revised);
    let desc = node.accesskit_node().description().unwrap_or_default();
    assert!(desc.starts_with("下線（変更箇所）："), "{desc}");
    for seg in first
        .diff
        .new
        .iter()
        .filter(|s| s.changed && !s.text.trim().is_empty())
    {
        assert!(
            desc.contains(seg.text.trim()),
            "「{}」 not underlined: {desc}",
            seg.text
        );
    }
    // The 現行 side with its own underlines (deleted words), when it has any.
    if let Some(current) = &first.current
        && first
            .diff
            .old
            .iter()
            .any(|s| s.changed && !s.text.trim().is_empty())
    {
        let node = h.get_by_label(current);
        assert!(
            node.accesskit_node()
                .description()
                .is_some_and(|d| d.starts_with("下線"))
        );
    }

    // A click on the row opens it in the editor.
    let (block, label) = first.item();
    let name = if label.is_empty() {
        block.to_string()
    } else {
        format!("{block} {label}")
    };
    h.get_by_role_and_label(Role::Row, &name).click();
    h.run();
    assert_eq!(*h.state().selection(), Selection::Row(first.id.clone()));
}

#[test]
fn after_an_edit_only_that_row_is_built_again() {
    let mut h = app_with(StartWith::Bundled, FakeDialogs::default(), None);
    let d = bundled();
    let (path, _, row) = d
        .rows()
        .find(|(p, _, r)| p.block == shinkyu::model::BlockKind::Projects && r.revised.is_some())
        .unwrap();
    let id = row.id.clone();
    open_preview(&mut h);
    assert_eq!(h.state().report_preview().rebuilt_rows(), 0);
    // Ctrl+Shift+P goes back to the editor.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    h.run();
    assert_ne!(*h.state().selection(), Selection::Report);

    // Edit one row's revised summary.
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
    h.get_by_role_and_label(
        Role::TreeItem,
        &shinkyu::app::tree::row_label(row, path.block),
    )
    .click();
    h.run();
    h.get_by_label("改定案の事業概要").click();
    h.run();
    h.key_press(Key::End);
    h.get_by_label("改定案の事業概要")
        .type_text("（追加の文言）");
    h.run();
    h.key_press(Key::Escape);
    h.run();

    // Back in the preview (it opens at the row that was selected), the edit is there,
    // underlined, and only that row was built again.
    open_preview(&mut h);
    assert_eq!(h.state().report_preview().rebuilt_rows(), 1);
    let v = h.state().report_preview().row_view(&id).unwrap();
    assert!(v.revised.as_ref().unwrap().contains("（追加の文言）"));
    assert!(
        v.diff
            .new
            .iter()
            .any(|s| s.changed && s.text.contains("追加の文言"))
    );
    let node = h.get_by_label(v.revised.as_ref().unwrap());
    assert!(
        node.accesskit_node()
            .description()
            .is_some_and(|d| d.contains("追加の文言"))
    );
}
