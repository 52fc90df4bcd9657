//! The comparison view that feeds every exporter and the GUI preview.

mod report_support;

use std::time::Duration;

use shinkyu::diff::{DiffOptions, Precision};
use shinkyu::model::{BlockKind, ChangeStatus};
use shinkyu::report::view::RowView;
use shinkyu::report::{ComparisonView, ViewOptions};

#[test]
fn rows_come_in_document_order_with_both_texts() {
    let draft = report_support::small_draft();
    let view = ComparisonView::build(&draft, &ViewOptions::default());
    let from_view: Vec<_> = view.rows().map(|(_, r)| (r.path, r.id.clone())).collect();
    let from_draft: Vec<_> = draft.rows().map(|(p, _, r)| (p, r.id.clone())).collect();
    assert_eq!(from_view, from_draft);
    for ((_, row), (path, _, model)) in view.rows().zip(draft.rows()) {
        assert_eq!(row.status, model.status);
        assert_eq!(row.label, model.label(path.block));
        let text = |s: &Option<shinkyu::model::Side>| s.as_ref().map(|s| s.text(path.block));
        assert_eq!(row.current, text(&model.current));
        assert_eq!(row.revised, text(&model.revised));
        assert_eq!(row.diff.old_text(), row.current.clone().unwrap_or_default());
        assert_eq!(row.diff.new_text(), row.revised.clone().unwrap_or_default());
        assert_eq!(row.precision, Precision::Grapheme);
    }
    // Every block is present, in order, even when empty.
    for p in &view.policies {
        let kinds: Vec<BlockKind> = p.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds, BlockKind::ALL);
    }
}

#[test]
fn implied_status_matches_the_texts() {
    let view = ComparisonView::build(&report_support::small_draft(), &ViewOptions::default());
    for (_, row) in view.rows() {
        if let Some(s) = row.status {
            assert_eq!(row.implied_status(), Some(s), "{}", row.id);
        }
        assert_eq!(
            row.is_unchanged(),
            row.implied_status() == Some(ChangeStatus::Unchanged)
        );
    }
    let empty = view.row(&shinkyu::model::RowId::new("p2-collab")).unwrap();
    assert_eq!(empty.implied_status(), None);
}

#[test]
fn counts_and_headers() {
    let draft = report_support::small_draft();
    let view = ComparisonView::build(&draft, &ViewOptions::default());
    let p1 = &view.policies[0];
    assert_eq!(p1.counts.get(ChangeStatus::Unchanged), 1);
    assert_eq!(p1.counts.get(ChangeStatus::Modified), 4);
    assert_eq!(p1.counts.get(ChangeStatus::New), 3);
    assert_eq!(p1.counts.get(ChangeStatus::Deleted), 2);
    assert_eq!(p1.counts.without_status, 2);
    assert_eq!(view.totals().total(), draft.rows().count());
    assert!(p1.revised_name.is_none() && p1.name_diff.is_none());
    assert_eq!(
        p1.sdgs[1].canonical,
        Some("パートナーシップで目標を達成しよう")
    );
    let p2 = &view.policies[1];
    assert_eq!(p2.revised_label(), "2. 行政のデジタル化の推進");
    let d = p2.name_diff.as_ref().unwrap();
    assert_eq!(d.deleted().collect::<Vec<_>>(), ["電子自治体"]);
    assert_eq!(d.inserted().collect::<Vec<_>>(), ["行政のデジタル化"]);
}

#[test]
fn items_name_the_block_and_the_row() {
    let view = ComparisonView::build(&report_support::small_draft(), &ViewOptions::default());
    let item = |id: &str| view.row(&shinkyu::model::RowId::new(id)).unwrap().item();
    assert_eq!(item("p1-issues"), ("現況と課題", String::new()));
    assert_eq!(item("p1-v2"), ("めざす姿", "（2）".to_string()));
    assert_eq!(
        item("p1-m1"),
        ("施策中項目", "1 広報活動の充実".to_string())
    );
    assert_eq!(item("p1-j2"), ("主な事業一覧", "②SNS運用事業".to_string()));
    assert_eq!(item("p1-r1"), ("関連計画", "広報戦略".to_string()));
}

#[test]
fn one_policy_or_one_row_can_be_rebuilt() {
    let draft = report_support::small_draft();
    let full = ComparisonView::build(&draft, &ViewOptions::default());
    let only = ComparisonView::build(
        &draft,
        &ViewOptions {
            policies: Some(vec![1]),
            ..ViewOptions::default()
        },
    );
    assert_eq!(only.policies.len(), 1);
    let mut seen = Vec::new();
    let again =
        ComparisonView::build_with_progress(&draft, &ViewOptions::default(), &mut |d, t| {
            seen.push((d, t))
        });
    assert_eq!(again, full);
    assert_eq!(seen, [(1, 2), (2, 2)]);
    assert_eq!(only.policies[0], full.policies[1]);
    for (_, row) in full.rows() {
        let model = draft.row(row.path).unwrap();
        let again = RowView::build(model, row.path, row.ordinal, &DiffOptions::default());
        assert_eq!(&again, row);
    }
}

#[test]
fn a_deadline_makes_the_diff_coarse_but_complete() {
    let draft = report_support::small_draft();
    let view = ComparisonView::build(
        &draft,
        &ViewOptions {
            diff: DiffOptions {
                timeout: Duration::ZERO,
                ..DiffOptions::default()
            },
            ..ViewOptions::default()
        },
    );
    let coarse: Vec<_> = view.coarse_rows().collect();
    assert!(!coarse.is_empty());
    for row in coarse {
        assert_eq!(row.precision, Precision::Whole);
        assert_eq!(row.diff.old_text(), row.current.clone().unwrap_or_default());
        assert_eq!(row.diff.new_text(), row.revised.clone().unwrap_or_default());
    }
}
