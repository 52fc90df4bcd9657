//! The editing core without a GUI: commands, status helpers, rows, undo/redo, dirty state.

use shinkyu::edit::synthetic::{sample_draft, scaled_draft};
use shinkyu::edit::{Command, Document, EditError, ListOp, MERGE_WINDOW, RowList, Target};
use shinkyu::model::{
    BlockKind, ChangeStatus, Draft, Rename, RowId, SideField, SideKind, circled_number,
};

fn doc() -> Document {
    Document::new(sample_draft())
}

fn row<'d>(d: &'d Draft, id: &str) -> &'d shinkyu::model::Row {
    let path = d.find_row(&RowId::new(id)).expect("row exists");
    d.row(path).unwrap()
}

fn text(row: &str, side: SideKind, field: SideField, text: &str) -> Command {
    Command::SetRowText {
        row: RowId::new(row),
        side,
        field,
        text: text.into(),
    }
}

#[test]
fn typing_is_one_undo_step_and_undo_restores_exactly() {
    let mut d = doc();
    let before = d.draft().clone();
    assert!(!d.is_dirty());
    // Typing a word, character by character, within the merge window.
    let mut t = 10.0;
    for s in ["デ", "デジ", "デジタ", "デジタル"] {
        d.apply(text("p1-pr2", SideKind::Revised, SideField::Summary, s), t)
            .unwrap();
        t += 0.2;
    }
    assert!(d.is_dirty());
    assert_eq!(
        row(d.draft(), "p1-pr2").revised.as_ref().unwrap().summary,
        "デジタル"
    );
    assert_eq!(d.undo_label(), Some("改定案の概要の入力"));
    assert_eq!(d.undo(), Some(Target::Row(RowId::new("p1-pr2"))));
    assert_eq!(*d.draft(), before);
    assert!(!d.is_dirty(), "back at the saved state");
    assert!(!d.can_undo());
    d.redo();
    assert_eq!(
        row(d.draft(), "p1-pr2").revised.as_ref().unwrap().summary,
        "デジタル"
    );
    assert!(d.is_dirty());
}

#[test]
fn a_pause_a_seal_or_another_field_starts_a_new_step() {
    let mut d = doc();
    d.apply(
        text("p1-pr2", SideKind::Revised, SideField::Summary, "あ"),
        0.0,
    )
    .unwrap();
    d.apply(
        text("p1-pr2", SideKind::Revised, SideField::Summary, "あい"),
        MERGE_WINDOW + 1.0,
    )
    .unwrap();
    d.seal();
    d.apply(
        text("p1-pr2", SideKind::Revised, SideField::Summary, "あいう"),
        MERGE_WINDOW + 1.1,
    )
    .unwrap();
    d.apply(
        text("p1-pr2", SideKind::Revised, SideField::Name, "名前"),
        MERGE_WINDOW + 1.2,
    )
    .unwrap();
    let mut steps = 0;
    while d.undo().is_some() {
        steps += 1;
    }
    assert_eq!(steps, 4);
    assert_eq!(*d.draft(), sample_draft());
}

#[test]
fn a_change_that_changes_nothing_records_nothing() {
    let mut d = doc();
    let same = row(d.draft(), "p1-pr2")
        .revised
        .as_ref()
        .unwrap()
        .summary
        .clone();
    let applied = d
        .apply(
            text("p1-pr2", SideKind::Revised, SideField::Summary, &same),
            0.0,
        )
        .unwrap();
    assert!(!applied.outcome.changed);
    assert!(!d.can_undo());
    assert!(!d.is_dirty());
}

#[test]
fn editing_the_revised_side_of_an_unchanged_row_makes_it_modified_in_one_step() {
    let mut d = doc();
    let applied = d
        .apply(
            text(
                "p1-pr1",
                SideKind::Revised,
                SideField::Summary,
                "新しい概要",
            ),
            0.0,
        )
        .unwrap();
    assert!(applied.outcome.notice.is_some());
    assert_eq!(
        row(d.draft(), "p1-pr1").status,
        Some(ChangeStatus::Modified)
    );
    d.undo();
    assert_eq!(
        row(d.draft(), "p1-pr1").status,
        Some(ChangeStatus::Unchanged)
    );
    assert_eq!(*d.draft(), sample_draft());
}

#[test]
fn editing_the_current_side_of_an_unchanged_row_keeps_the_revised_side_equal() {
    let mut d = doc();
    d.apply(
        text(
            "p1-pr1",
            SideKind::Current,
            SideField::Name,
            "広報紙の発行・配布",
        ),
        0.0,
    )
    .unwrap();
    let r = row(d.draft(), "p1-pr1");
    assert_eq!(r.status, Some(ChangeStatus::Unchanged));
    assert_eq!(r.revised, r.current);
}

#[test]
fn every_status_switch_is_undoable() {
    let mut d = doc();
    let original = d.draft().clone();
    for (i, status) in ChangeStatus::ALL.into_iter().enumerate() {
        d.apply(
            Command::SetStatus {
                row: RowId::new("p1-m2"),
                status,
            },
            i as f64 * 10.0,
        )
        .unwrap();
        let r = row(d.draft(), "p1-m2");
        assert_eq!(r.status, Some(status));
        match status {
            ChangeStatus::Unchanged => assert_eq!(r.current, r.revised),
            ChangeStatus::Modified => assert!(r.current.is_some() && r.revised.is_some()),
            ChangeStatus::New => assert!(r.current.is_none() && r.revised.is_some()),
            ChangeStatus::Deleted => assert!(r.current.is_some() && r.revised.is_none()),
        }
    }
    while d.undo().is_some() {}
    assert_eq!(*d.draft(), original);
}

#[test]
fn adding_a_project_gives_the_next_number_and_status_new() {
    let mut d = doc();
    let policy = 0;
    let before = d.draft().policies[policy].projects.len();
    let highest = d.draft().policies[policy]
        .projects
        .iter()
        .flat_map(|r| [r.current.as_ref(), r.revised.as_ref()])
        .flatten()
        .filter_map(|s| s.number)
        .max()
        .unwrap();
    let applied = d
        .apply(
            Command::AddRow {
                policy,
                block: BlockKind::Projects,
            },
            0.0,
        )
        .unwrap();
    let id = applied.outcome.created.expect("a new row");
    assert_eq!(applied.target, Target::Row(id.clone()));
    let projects = &d.draft().policies[policy].projects;
    assert_eq!(projects.len(), before + 1);
    let new = projects.last().unwrap();
    assert_eq!(new.id, id);
    assert_eq!(new.status, Some(ChangeStatus::New));
    assert!(new.current.is_none());
    assert_eq!(new.revised.as_ref().unwrap().number, Some(highest + 1));
    assert_eq!(
        new.label(BlockKind::Projects),
        circled_number(highest + 1),
        "the label of an unnamed new 事業 is its number"
    );
    // Ids stay unique.
    let ids: Vec<&RowId> = d.draft().all_ids().collect();
    let set: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(ids.len(), set.len());
}

#[test]
fn single_row_blocks_refuse_row_operations() {
    let mut d = doc();
    let err = d
        .apply(
            Command::AddRow {
                policy: 0,
                block: BlockKind::Issues,
            },
            0.0,
        )
        .unwrap_err();
    assert_eq!(err, EditError::SingleRowBlock(BlockKind::Issues));
    assert!(err.to_string().contains("現況と課題"));
    let err = d
        .apply(
            Command::DeleteRow {
                row: RowId::new("p1-collab"),
            },
            0.0,
        )
        .unwrap_err();
    assert_eq!(err, EditError::SingleRowBlock(BlockKind::Collaboration));
    assert!(!d.is_dirty());
}

#[test]
fn deleting_a_row_of_the_plan_marks_it_deleted_and_a_new_row_goes() {
    let mut d = doc();
    let n = d.draft().policies[0].measures.len();
    let out = d
        .apply(
            Command::DeleteRow {
                row: RowId::new("p1-m1"),
            },
            0.0,
        )
        .unwrap();
    assert!(out.outcome.notice.unwrap().contains("削除"));
    let r = row(d.draft(), "p1-m1");
    assert_eq!(r.status, Some(ChangeStatus::Deleted));
    assert!(r.revised.is_none() && r.current.is_some());
    assert_eq!(d.draft().policies[0].measures.len(), n);

    d.apply(
        Command::DeleteRow {
            row: RowId::new("p1-m3"),
        },
        1.0,
    )
    .unwrap();
    assert_eq!(d.draft().policies[0].measures.len(), n - 1);
    assert!(d.draft().find_row(&RowId::new("p1-m3")).is_none());
    d.undo();
    d.undo();
    assert_eq!(*d.draft(), sample_draft());
}

#[test]
fn moving_a_row_renumbers_the_revised_side() {
    let mut d = doc();
    // Projects: ①②③(削除)④(新規). Move ④ to the top.
    d.apply(
        Command::MoveRow {
            row: RowId::new("p1-pr4"),
            to: 0,
        },
        0.0,
    )
    .unwrap();
    let nums: Vec<(String, Option<u32>)> = d.draft().policies[0]
        .projects
        .iter()
        .map(|r| (r.id.0.clone(), r.revised.as_ref().and_then(|s| s.number)))
        .collect();
    assert_eq!(
        nums,
        vec![
            ("p1-pr4".to_string(), Some(1)),
            ("p1-pr1".to_string(), Some(2)),
            ("p1-pr2".to_string(), Some(4)),
            ("p1-pr3".to_string(), None),
        ]
    );
    // The current side (the plan in force) keeps its numbers.
    assert_eq!(
        row(d.draft(), "p1-pr1").current.as_ref().unwrap().number,
        Some(1)
    );
    assert_eq!(
        row(d.draft(), "p1-pr1").status,
        Some(ChangeStatus::Modified),
        "a renumbered 変更なし row is no longer unchanged"
    );
    d.undo();
    assert_eq!(*d.draft(), sample_draft());

    d.apply(
        Command::Renumber {
            policy: 0,
            block: BlockKind::Projects,
        },
        5.0,
    )
    .unwrap();
    let nums: Vec<Option<u32>> = d.draft().policies[0]
        .projects
        .iter()
        .map(|r| r.revised.as_ref().and_then(|s| s.number))
        .collect();
    assert_eq!(nums, vec![Some(1), Some(2), None, Some(3)]);
}

#[test]
fn bullets_and_departments_add_remove_reorder() {
    let mut d = doc();
    let id = RowId::new("p1-m2");
    let list = |d: &Document| {
        row(d.draft(), "p1-m2")
            .revised
            .as_ref()
            .unwrap()
            .bullets
            .clone()
    };
    let start = list(&d);
    d.apply(
        Command::EditRowList {
            row: id.clone(),
            side: SideKind::Revised,
            list: RowList::Bullets,
            op: ListOp::Insert { at: 99 },
        },
        0.0,
    )
    .unwrap();
    assert_eq!(list(&d).len(), start.len() + 1);
    assert_eq!(list(&d).last().unwrap(), "");
    d.apply(
        Command::EditRowList {
            row: id.clone(),
            side: SideKind::Revised,
            list: RowList::Bullets,
            op: ListOp::Move { from: 0, to: 1 },
        },
        1.0,
    )
    .unwrap();
    assert_eq!(list(&d)[1], start[0]);
    assert!(
        d.apply(
            Command::EditRowList {
                row: id.clone(),
                side: SideKind::Revised,
                list: RowList::Bullets,
                op: ListOp::Remove { index: 42 },
            },
            2.0,
        )
        .is_err()
    );
    d.apply(
        Command::EditRowList {
            row: id.clone(),
            side: SideKind::Revised,
            list: RowList::Departments,
            op: ListOp::Insert { at: 1 },
        },
        3.0,
    )
    .unwrap();
    d.apply(
        text(
            "p1-m2",
            SideKind::Revised,
            SideField::Department(1),
            "企画課",
        ),
        3.1,
    )
    .unwrap();
    assert_eq!(
        row(d.draft(), "p1-m2")
            .revised
            .as_ref()
            .unwrap()
            .departments,
        vec!["広報課".to_string(), "企画課".to_string()]
    );
    while d.undo().is_some() {}
    assert_eq!(*d.draft(), sample_draft());
}

#[test]
fn policy_blocks_are_undoable() {
    let mut d = doc();
    d.apply(
        Command::SetRename {
            policy: 0,
            rename: Rename::Renamed("新しい名前".into()),
        },
        0.0,
    )
    .unwrap();
    assert_eq!(d.draft().policies[0].revised_name(), "新しい名前");
    d.apply(
        Command::EditVoices {
            policy: 0,
            op: ListOp::Remove { index: 0 },
        },
        1.0,
    )
    .unwrap();
    d.apply(
        Command::EditIndicators {
            policy: 1,
            op: ListOp::Insert { at: 0 },
        },
        2.0,
    )
    .unwrap();
    assert_eq!(d.draft().policies[1].indicators.len(), 1);
    let mut meta = d.draft().meta.clone();
    meta.version_label = "素案2".into();
    d.apply(Command::SetMeta(meta), 3.0).unwrap();
    assert!(d.is_dirty());
    while d.undo().is_some() {}
    assert_eq!(*d.draft(), sample_draft());
    assert!(!d.is_dirty());
}

#[test]
fn saving_marks_the_state_and_undo_past_it_is_dirty_again() {
    let mut d = doc();
    d.apply(
        text("p1-v2", SideKind::Revised, SideField::Summary, "A"),
        0.0,
    )
    .unwrap();
    let saved = d.state_id();
    d.mark_saved(saved);
    assert!(!d.is_dirty());
    d.undo();
    assert!(d.is_dirty());
    d.redo();
    assert!(!d.is_dirty());
}

#[test]
fn unknown_rows_are_reported_in_japanese() {
    let mut d = doc();
    let err = d
        .apply(
            Command::SetStatus {
                row: RowId::new("nope"),
                status: ChangeStatus::New,
            },
            0.0,
        )
        .unwrap_err();
    assert!(err.to_string().contains("見つかりません"), "{err}");
}

#[test]
fn scaled_draft_has_twenty_times_the_rows_with_unique_ids() {
    let base = sample_draft();
    let big = scaled_draft(&base, 20);
    assert_eq!(big.rows().count(), 20 * base.rows().count());
    let ids: Vec<&RowId> = big.all_ids().collect();
    let set: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(ids.len(), set.len());
    // Editing works on a copy deep in the big draft.
    let last = big.policies.last().unwrap().projects[0].id.clone();
    let mut d = Document::new(big);
    d.apply(
        Command::SetStatus {
            row: last.clone(),
            status: ChangeStatus::Deleted,
        },
        0.0,
    )
    .unwrap();
    let path = d.draft().find_row(&last).unwrap();
    assert_eq!(path.policy, d.draft().policies.len() - 1);
}

#[test]
fn the_sample_draft_round_trips_through_the_file_format() {
    let d = sample_draft();
    let text = shinkyu::io::to_ron_string(&d).unwrap();
    assert_eq!(shinkyu::io::parse_draft(&text).unwrap(), d);
}

#[test]
fn review_edits_are_commands_too_and_undo() {
    use shinkyu::model::{Comment, ReviewState};
    use shinkyu::review::ReviewEdit;
    let mut d = doc();
    d.apply(
        Command::Review(ReviewEdit::AddComment {
            row: RowId::new("p1-m2"),
            comment: Comment {
                id: "c1".into(),
                author: "課長".into(),
                date: "2026-11-24T09:30".into(),
                text: "表現を確認してください".into(),
                reply_to: None,
            },
        }),
        0.0,
    )
    .unwrap();
    d.apply(
        Command::Review(ReviewEdit::SetState {
            row: RowId::new("p1-m2"),
            state: ReviewState::NeedsFix,
        }),
        1.0,
    )
    .unwrap();
    let r = row(d.draft(), "p1-m2");
    assert_eq!(r.review.comments.len(), 1);
    assert_eq!(r.review.state, ReviewState::NeedsFix);
    assert_eq!(d.undo_label(), Some("確認状態を「要修正」に変更"));
    while d.undo().is_some() {}
    assert_eq!(*d.draft(), sample_draft());
}

#[test]
fn renumbering_a_block_without_numbers_changes_nothing() {
    let mut d = doc();
    let a = d
        .apply(
            Command::Renumber {
                policy: 0,
                block: BlockKind::Vision,
            },
            0.0,
        )
        .unwrap();
    assert!(!a.outcome.changed);
    assert_eq!(*d.draft(), sample_draft());
    assert!(!d.can_undo());
}
