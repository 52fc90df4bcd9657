//! Offline review in the core: version comparison, comments that survive saving, merging a
//! reviewer's copy back into the master.

mod common;

use shinkyu::io::{SaveOptions, load_draft, save_draft};
use shinkyu::model::{BlockKind, ChangeStatus, Comment, ReviewState, RowId};
use shinkyu::review::{
    ConflictKind, MergeEvent, MergeRefusal, Resolution, ReviewEdit, apply_review_edit,
    compare_versions, merge_review, row_fingerprint, start_review,
};

fn comment(id: &str, author: &str, text: &str) -> Comment {
    Comment {
        id: id.into(),
        author: author.into(),
        date: "2026-11-24T10:00".into(),
        text: text.into(),
        reply_to: None,
    }
}

#[test]
fn identical_versions_have_no_changes() {
    let d = common::small_draft();
    assert!(compare_versions(&d, &d).is_empty());
}

#[test]
fn the_version_diff_lists_exactly_the_rows_that_differ() {
    let old = common::small_draft();
    let mut new = old.clone();
    let p = &mut new.policies[0];
    // A changed bullet.
    p.issues.revised.as_mut().unwrap().bullets[1] = "別の新しい課題があります。".into();
    // A status change.
    p.vision[0].status = Some(ChangeStatus::Modified);
    // A row added.
    let mut added = p.projects[1].clone();
    added.id = RowId::new("a.pr3");
    added.revised.as_mut().unwrap().number = Some(3);
    p.projects.push(added);
    // A row removed.
    p.measures.remove(1);
    // A row moved (within its block: the second policy's projects swap places).
    new.policies[1].projects.swap(0, 1);
    // The revised side's departments.
    new.policies[1].measures[0]
        .revised
        .as_mut()
        .unwrap()
        .departments
        .push("財政課".into());

    let diff = compare_versions(&old, &new);
    let ids: Vec<&str> = diff.changes.iter().map(|c| c.id.as_str()).collect();
    // Of two swapped rows, one moved relative to the other: either may be named.
    let swapped = if ids.contains(&"b.pr1") {
        "b.pr1"
    } else {
        "b.pr2"
    };
    assert_eq!(
        ids,
        ["a.issues", "a.v1", "a.m2", "a.pr3", "b.m1", swapped],
        "{:#?}",
        diff.changes
    );
    let by = |id: &str| diff.changes.iter().find(|c| c.id.as_str() == id).unwrap();
    let issues = by("a.issues");
    assert!(issues.revised.is_some() && issues.current.is_none() && issues.status.is_none());
    let changed: String = issues
        .revised
        .as_ref()
        .unwrap()
        .new
        .iter()
        .filter(|s| s.changed)
        .map(|s| s.text.as_str())
        .collect();
    assert_eq!(changed, "別の");
    assert_eq!(
        by("a.v1").status,
        Some((Some(ChangeStatus::Unchanged), Some(ChangeStatus::Modified)))
    );
    assert!(by("a.m2").removed);
    assert!(by("a.pr3").added);
    assert!(by("b.m1").departments.is_some() && by("b.m1").revised.is_none());
    // Swapping two rows moves one of them relative to the other, not both.
    assert!(by(swapped).moved && !by(swapped).added);
    assert_eq!(diff.headers.len(), 0);
    assert!(by("a.m2").location.contains("施策中項目"));
}

#[test]
fn inserting_a_row_does_not_move_its_neighbours() {
    let old = common::small_draft();
    let mut new = old.clone();
    let mut extra = new.policies[0].vision[0].clone();
    extra.id = RowId::new("a.v0");
    new.policies[0].vision.insert(0, extra);
    let diff = compare_versions(&old, &new);
    assert_eq!(diff.changes.len(), 1);
    assert!(diff.changes[0].added);
}

#[test]
fn a_row_moved_to_another_block_is_moved() {
    let old = common::small_draft();
    let mut new = old.clone();
    let row = new.policies[0].projects.remove(0);
    new.policies[1].projects.push(row);
    let diff = compare_versions(&old, &new);
    assert_eq!(diff.changes.len(), 1);
    assert!(diff.changes[0].moved);
    assert!(
        diff.changes[0]
            .moved_from
            .as_ref()
            .unwrap()
            .starts_with("1. ")
    );
}

#[test]
fn review_edits_touch_only_the_review_and_survive_save_and_load() {
    let mut d = common::small_draft();
    let before: Vec<String> = d.rows().map(|(_, _, r)| row_fingerprint(r)).collect();
    let id = d.policies[0].measures[0].id.clone();
    assert!(apply_review_edit(
        &mut d,
        &ReviewEdit::AddComment {
            row: id.clone(),
            comment: comment("c1", "財政課長", "部署名の追加を確認しました。"),
        }
    ));
    assert!(apply_review_edit(
        &mut d,
        &ReviewEdit::SetState {
            row: id.clone(),
            state: ReviewState::NeedsFix,
        }
    ));
    assert!(!apply_review_edit(
        &mut d,
        &ReviewEdit::SetState {
            row: RowId::new("no-such-row"),
            state: ReviewState::Checked,
        }
    ));
    let after: Vec<String> = d.rows().map(|(_, _, r)| row_fingerprint(r)).collect();
    assert_eq!(before, after, "review edits never change the text");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("確認用.ron");
    save_draft(&path, &d, &SaveOptions::default()).unwrap();
    let loaded = load_draft(&path).unwrap().draft;
    let row = &loaded.policies[0].measures[0];
    assert_eq!(row.review.state, ReviewState::NeedsFix);
    assert_eq!(row.review.comments[0].text, "部署名の追加を確認しました。");
    assert_eq!(loaded, d);
}

/// The master and a reviewer's copy taken from it, with the review started.
fn master_and_copy() -> (shinkyu::model::Draft, shinkyu::model::Draft) {
    let master = common::small_draft();
    let mut copy = master.clone();
    assert!(start_review(&mut copy, "財政課長", "2026-11-24T09:00"));
    assert!(
        !start_review(&mut copy, "別の人", "2026-11-25T09:00"),
        "the base is kept"
    );
    (master, copy)
}

#[test]
fn merging_brings_every_comment_and_state_into_the_master() {
    let (mut master, mut copy) = master_and_copy();
    let m1 = RowId::new("a.m1");
    let v2 = RowId::new("b.v2");
    for (row, c) in [
        (&m1, comment("c1", "財政課長", "よいと思います。")),
        (&m1, comment("c2", "財政課長", "部署名を確認してください。")),
        (&v2, comment("c3", "財政課長", "表現を検討してください。")),
    ] {
        apply_review_edit(
            &mut copy,
            &ReviewEdit::AddComment {
                row: row.clone(),
                comment: c,
            },
        );
    }
    apply_review_edit(
        &mut copy,
        &ReviewEdit::SetState {
            row: v2.clone(),
            state: ReviewState::NeedsFix,
        },
    );
    // Meanwhile 企画課 edits the master's text: not a conflict, the master's text stays.
    master.policies[0].measures[0]
        .revised
        .as_mut()
        .unwrap()
        .bullets[0] = "防犯灯をすべてLED化します。".into();
    let expected_text = master.policies[0].measures[0].clone();

    let out = merge_review(&master, &copy).unwrap();
    assert!(out.conflicts.is_empty(), "{:#?}", out.conflicts);
    let row = out.merged.row(out.merged.find_row(&m1).unwrap()).unwrap();
    assert_eq!(row.review.comments.len(), 2);
    assert_eq!(row.revised, expected_text.revised);
    let row = out.merged.row(out.merged.find_row(&v2).unwrap()).unwrap();
    assert_eq!(row.review.state, ReviewState::NeedsFix);
    let added = out
        .events
        .iter()
        .filter(|e| matches!(e, MergeEvent::CommentAdded { .. }))
        .count();
    assert_eq!(added, 3);
    // Merging the same copy again adds nothing twice.
    let again = merge_review(&out.merged, &copy).unwrap();
    assert!(
        again
            .events
            .iter()
            .all(|e| !matches!(e, MergeEvent::CommentAdded { .. }))
    );
    assert_eq!(again.merged, out.merged);
}

#[test]
fn a_text_both_sides_changed_is_a_conflict_and_neither_version_is_lost() {
    let (mut master, mut copy) = master_and_copy();
    master.policies[0].vision[1]
        .revised
        .as_mut()
        .unwrap()
        .summary = "企画課の修正".into();
    copy.policies[0].vision[1].revised.as_mut().unwrap().summary = "課長の修正".into();
    let out = merge_review(&master, &copy).unwrap();
    assert_eq!(out.conflicts.len(), 1);
    let c = &out.conflicts[0];
    assert!(c.location.contains("めざす姿"), "{}", c.location);
    let ConflictKind::Text {
        master: m,
        reviewed: r,
    } = &c.kind
    else {
        panic!("{c:?}");
    };
    assert_eq!(m.revised.as_ref().unwrap().summary, "企画課の修正");
    assert_eq!(r.revised.as_ref().unwrap().summary, "課長の修正");
    // Until the user chooses, the merged draft holds the master's text.
    let path = out.merged.find_row(&RowId::new("a.v2")).unwrap();
    assert_eq!(
        out.merged
            .row(path)
            .unwrap()
            .revised
            .as_ref()
            .unwrap()
            .summary,
        "企画課の修正"
    );
    let mut chosen = out.clone();
    chosen.resolve(0, Resolution::Reviewed);
    assert_eq!(
        chosen
            .merged
            .row(path)
            .unwrap()
            .revised
            .as_ref()
            .unwrap()
            .summary,
        "課長の修正"
    );
    assert_eq!(chosen.unresolved(), 0);
}

#[test]
fn a_text_only_the_reviewer_changed_is_taken() {
    let (master, mut copy) = master_and_copy();
    copy.policies[1].projects[0]
        .revised
        .as_mut()
        .unwrap()
        .summary = "課長が直した概要".into();
    let out = merge_review(&master, &copy).unwrap();
    assert!(out.conflicts.is_empty());
    assert!(
        out.events
            .iter()
            .any(|e| matches!(e, MergeEvent::TextTaken { .. }))
    );
    let path = out.merged.find_row(&RowId::new("b.pr1")).unwrap();
    assert_eq!(
        out.merged
            .row(path)
            .unwrap()
            .revised
            .as_ref()
            .unwrap()
            .summary,
        "課長が直した概要"
    );
}

#[test]
fn states_both_sides_changed_conflict_and_rows_only_in_the_copy_are_added() {
    let (mut master, mut copy) = master_and_copy();
    let id = RowId::new("a.pr1");
    let mpath = master.find_row(&id).unwrap();
    master.row_mut(mpath).unwrap().review.state = ReviewState::Checked;
    apply_review_edit(
        &mut copy,
        &ReviewEdit::SetState {
            row: id.clone(),
            state: ReviewState::NeedsFix,
        },
    );
    let mut extra = copy.policies[0].projects[1].clone();
    extra.id = RowId::new("a.pr9");
    copy.policies[0].projects.push(extra);
    let out = merge_review(&master, &copy).unwrap();
    assert!(
        out.conflicts
            .iter()
            .any(|c| matches!(c.kind, ConflictKind::State { .. }))
    );
    assert!(
        out.events
            .iter()
            .any(|e| matches!(e, MergeEvent::RowAdded { .. }))
    );
    let p = &out.merged.policies[0];
    assert_eq!(
        p.block(BlockKind::Projects).last().unwrap().id.as_str(),
        "a.pr9"
    );
}

#[test]
fn a_copy_without_a_review_base_reports_every_differing_text() {
    let master = common::small_draft();
    let mut copy = master.clone();
    copy.policies[0].vision[0].revised.as_mut().unwrap().summary = "変えた".into();
    let out = merge_review(&master, &copy).unwrap();
    assert_eq!(
        out.conflicts.len(),
        1,
        "without a base nobody can tell who changed it"
    );
}

/// The same rows (ids `a.m1` …) in another city's draft: what a reviewer of that city returns.
fn other_citys_copy(master: &shinkyu::model::Draft) -> shinkyu::model::Draft {
    let mut other = master.clone();
    other.meta.draft_id = shinkyu::model::new_draft_id();
    other.meta.plan_name = "別市総合計画".into();
    assert!(start_review(&mut other, "別市の課長", "2026-11-24T09:00"));
    apply_review_edit(
        &mut other,
        &ReviewEdit::AddComment {
            row: RowId::new("a.m1"),
            comment: comment("c1", "別市の課長", "別の市の意見です。"),
        },
    );
    other
}

#[test]
fn a_copy_of_another_draft_is_refused_naming_both() {
    let mut master = common::small_draft();
    master.meta.draft_id = shinkyu::model::new_draft_id();
    let other = other_citys_copy(&master);
    let refusal = merge_review(&master, &other).unwrap_err();
    let MergeRefusal::OtherDraft {
        master: m,
        reviewed: r,
    } = &refusal;
    assert_eq!(m, &master.display_name());
    assert_eq!(r, &other.display_name());
    let text = refusal.to_string();
    assert!(
        text.contains("テスト市総合計画") && text.contains("別市総合計画"),
        "{text}"
    );

    // Drafts made before identities: the plan's name and 分野 stand in.
    let mut legacy_master = master.clone();
    legacy_master.meta.draft_id.clear();
    let mut legacy_other = other.clone();
    legacy_other.meta.draft_id.clear();
    assert!(merge_review(&legacy_master, &legacy_other).is_err());
    let mut legacy_copy = legacy_master.clone();
    assert!(start_review(
        &mut legacy_copy,
        "財政課長",
        "2026-11-24T09:00"
    ));
    assert!(merge_review(&legacy_master, &legacy_copy).is_ok());
}

#[test]
fn drafts_named_alike_are_told_apart_by_their_identity() {
    let mut master = common::small_draft();
    master.meta.draft_id = "11111111-aaaa-4aaa-8aaa-aaaaaaaaaaaa".into();
    let mut other = master.clone();
    other.meta.draft_id = "22222222-bbbb-4bbb-8bbb-bbbbbbbbbbbb".into();
    let text = merge_review(&master, &other).unwrap_err().to_string();
    assert!(
        text.contains("11111111") && text.contains("22222222"),
        "{text}"
    );
}

#[test]
fn every_copy_keeps_the_identity() {
    let dir = tempfile::tempdir().unwrap();
    let mut master = common::small_draft();
    master.meta.draft_id = shinkyu::model::new_draft_id();
    let id = master.meta.draft_id.clone();
    // Save, then save as another name (素案2): the same draft.
    let first = dir.path().join("素案1.ron");
    save_draft(&first, &master, &SaveOptions::default()).unwrap();
    let mut loaded = load_draft(&first).unwrap().draft;
    loaded.meta.version_label = "素案2".into();
    let second = dir.path().join("素案2.ron");
    save_draft(&second, &loaded, &SaveOptions::default()).unwrap();
    let second = load_draft(&second).unwrap().draft;
    assert_eq!(second.meta.draft_id, id);
    assert!(second.same_draft(&master));
    // The reviewer's copy, saved and read back.
    let mut copy = second.clone();
    assert!(start_review(&mut copy, "財政課長", "2026-11-24T09:00"));
    let copy_path = dir.path().join("確認用.ron");
    save_draft(&copy_path, &copy, &SaveOptions::default()).unwrap();
    let copy = load_draft(&copy_path).unwrap().draft;
    assert_eq!(copy.meta.draft_id, id);
    // The merged draft.
    let merged = merge_review(&master, &copy).unwrap().merged;
    assert_eq!(merged.meta.draft_id, id);
}

#[test]
fn counts_count_only_what_was_taken_in() {
    let (master, copy) = master_and_copy();
    // The copy's 施策大項目 are not in the master: no row can be placed.
    let copy = common::with_every_id_prefixed(&copy, "x-");
    let rows = copy.rows().count();
    let out = merge_review(&master, &copy).unwrap();
    assert_eq!(out.taken_in(), 0, "{:#?}", out.events);
    assert_eq!(out.not_taken_in(), rows);
    assert_eq!(out.merged, master, "nothing was applied");

    let (master, mut copy) = master_and_copy();
    apply_review_edit(
        &mut copy,
        &ReviewEdit::AddComment {
            row: RowId::new("a.m1"),
            comment: comment("c1", "財政課長", "確認しました。"),
        },
    );
    let out = merge_review(&master, &copy).unwrap();
    assert_eq!((out.taken_in(), out.not_taken_in()), (1, 0));
}
