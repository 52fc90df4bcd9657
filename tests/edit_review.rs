//! The editing commands 閲覧モード and the merge of a reviewer's copy add: starting a review
//! (the review base), replacing the whole draft in one undo step, and telling review-only undo
//! steps from the rest.

use shinkyu::edit::synthetic::sample_draft;
use shinkyu::edit::{Command, Document, Target};
use shinkyu::model::{Comment, ReviewState, RowId, SideField, SideKind};
use shinkyu::review::{ReviewEdit, merge_review, row_fingerprint, start_review};

fn first_row(d: &shinkyu::model::Draft) -> RowId {
    d.rows().next().unwrap().2.id.clone()
}

fn add_comment(row: &RowId, id: &str, text: &str) -> Command {
    Command::Review(ReviewEdit::AddComment {
        row: row.clone(),
        comment: Comment {
            id: id.into(),
            author: "田中".into(),
            date: "2026-11-24T10:00".into(),
            text: text.into(),
            reply_to: None,
        },
    })
}

#[test]
fn starting_a_review_records_the_base_once_and_undoes() {
    let mut doc = Document::new(sample_draft());
    let applied = doc
        .apply(
            Command::StartReview {
                reviewer: "田中".into(),
                now: "2026-11-24T09:00".into(),
            },
            0.0,
        )
        .unwrap();
    assert!(applied.outcome.changed);
    assert_eq!(applied.target, Target::Meta);
    assert!(doc.is_dirty());
    let base = doc.draft().review_base.clone().expect("a base");
    assert_eq!(base.reviewer, "田中");
    assert_eq!(base.started, "2026-11-24T09:00");
    assert_eq!(base.rows.len(), doc.draft().rows().count());
    for ((_, _, row), b) in doc.draft().rows().zip(&base.rows) {
        assert_eq!(row.id, b.id);
        assert_eq!(row_fingerprint(row), b.text);
    }
    assert_eq!(doc.undo_label(), Some("閲覧モードの開始"));
    // Not a review-only step: 閲覧モード does not undo it.
    assert!(!doc.undo_is_review_only());

    // A second start keeps the first base and records nothing.
    let again = doc
        .apply(
            Command::StartReview {
                reviewer: "佐藤".into(),
                now: "2026-11-25T09:00".into(),
            },
            1.0,
        )
        .unwrap();
    assert!(!again.outcome.changed);
    assert_eq!(doc.draft().review_base.as_ref().unwrap().reviewer, "田中");

    doc.undo();
    assert!(doc.draft().review_base.is_none());
    assert!(!doc.is_dirty());
    assert!(!doc.can_undo());
}

#[test]
fn replacing_the_draft_is_one_undo_step() {
    let original = sample_draft();
    let mut doc = Document::new(original.clone());
    let row = first_row(&original);
    // Some edits before, so that the undo has to stop at the right place.
    doc.apply(
        Command::SetRowText {
            row: row.clone(),
            side: SideKind::Revised,
            field: SideField::Summary,
            text: "前の編集".into(),
        },
        0.0,
    )
    .ok();
    doc.seal();
    let before = doc.draft().clone();

    let mut replacement = before.clone();
    replacement.meta.version_label = "素案2".into();
    for p in &mut replacement.policies {
        p.issues.review.state = ReviewState::NeedsFix;
    }
    replacement.policies[0].projects.pop();
    let applied = doc
        .apply(
            Command::ReplaceDraft {
                draft: Box::new(replacement.clone()),
                label: "確認者の写しの取り込み".into(),
            },
            10.0,
        )
        .unwrap();
    assert!(applied.outcome.changed);
    assert_eq!(*doc.draft(), replacement);
    assert_eq!(doc.undo_label(), Some("確認者の写しの取り込み"));
    assert!(!doc.undo_is_review_only());

    // One undo restores everything the replacement changed, and only that.
    doc.undo();
    assert_eq!(*doc.draft(), before);
    assert!(doc.redo_label() == Some("確認者の写しの取り込み"));
    doc.redo();
    assert_eq!(*doc.draft(), replacement);
    doc.undo();
    doc.undo();
    assert_eq!(*doc.draft(), original);
}

#[test]
fn replacing_with_the_same_draft_records_nothing() {
    let mut doc = Document::new(sample_draft());
    let same = doc.draft().clone();
    let applied = doc
        .apply(
            Command::ReplaceDraft {
                draft: Box::new(same),
                label: "取り込み".into(),
            },
            0.0,
        )
        .unwrap();
    assert!(!applied.outcome.changed);
    assert!(!doc.can_undo());
    assert!(!doc.is_dirty());
}

#[test]
fn review_only_steps_are_told_from_text_steps() {
    let mut doc = Document::new(sample_draft());
    let row = first_row(doc.draft());
    assert!(!doc.undo_is_review_only());
    doc.apply(
        Command::SetMemo {
            row: row.clone(),
            text: "メモ".into(),
        },
        0.0,
    )
    .unwrap();
    assert!(!doc.undo_is_review_only());
    doc.apply(add_comment(&row, "c-1", "確認しました"), 1.0)
        .unwrap();
    assert!(doc.undo_is_review_only());
    doc.apply(
        Command::Review(ReviewEdit::SetState {
            row: row.clone(),
            state: ReviewState::Checked,
        }),
        2.0,
    )
    .unwrap();
    assert!(doc.undo_is_review_only());
    doc.undo();
    assert!(doc.redo_is_review_only());
    assert!(doc.undo_is_review_only());
    doc.undo();
    assert!(!doc.undo_is_review_only());
    assert!(doc.redo_is_review_only());
    assert!(
        Command::Review(ReviewEdit::DeleteComment {
            row: row.clone(),
            id: "x".into()
        })
        .is_review_only()
    );
    assert!(
        !Command::StartReview {
            reviewer: String::new(),
            now: String::new()
        }
        .is_review_only()
    );
}

#[test]
fn a_merge_applied_through_replace_draft_undoes_in_one_step() {
    let master = sample_draft();
    let mut copy = master.clone();
    start_review(&mut copy, "田中", "2026-11-24T09:00");
    let row = first_row(&copy);
    shinkyu::review::apply_review_edit(
        &mut copy,
        &ReviewEdit::AddComment {
            row: row.clone(),
            comment: Comment {
                id: "c-9".into(),
                author: "田中".into(),
                date: "2026-11-24T10:00".into(),
                text: "表現を確認してください".into(),
                reply_to: None,
            },
        },
    );
    let outcome = merge_review(&master, &copy).unwrap();
    assert!(outcome.conflicts.is_empty());
    let mut doc = Document::new(master.clone());
    doc.apply(
        Command::ReplaceDraft {
            draft: Box::new(outcome.merged.clone()),
            label: "確認者の写しの取り込み（田中）".into(),
        },
        0.0,
    )
    .unwrap();
    let d = doc.draft();
    let merged_row = d.row(d.find_row(&row).unwrap()).unwrap();
    assert_eq!(merged_row.review.comments.len(), 1);
    // The master's draft keeps no review base of its own.
    assert!(d.review_base.is_none());
    doc.undo();
    assert_eq!(*doc.draft(), master);
}
