//! The draft's shape as commands: its own data, 施策大項目 added, moved, renumbered, renamed,
//! deleted (削除 vs removed) and restored, rows moved between 施策大項目 and rows brought in —
//! each one undo step that restores the draft exactly.

use shinkyu::edit::synthetic::sample_draft;
use shinkyu::edit::{Command, Document, EditError, MERGE_WINDOW, Target};
use shinkyu::model::{
    BlockKind, ChangeStatus, Comment, Draft, Meta, MetaField, PolicyStatus, Row, RowId, Side,
};

fn doc() -> Document {
    let mut d = sample_draft();
    d.meta.draft_id = "0b6f5c7e-1111-4222-8333-444455556666".into();
    Document::new(d)
}

fn row<'d>(d: &'d Draft, id: &str) -> &'d Row {
    d.row(d.find_row(&RowId::new(id)).expect("row exists"))
        .unwrap()
}

fn names(d: &Draft) -> Vec<(u32, &str, PolicyStatus)> {
    d.policies
        .iter()
        .map(|p| (p.number, p.name.as_str(), p.status))
        .collect()
}

fn add(after: Option<usize>, name: &str, status: PolicyStatus) -> Command {
    Command::AddPolicy {
        after,
        name: name.into(),
        status,
    }
}

/// Applies, then checks that one undo restores `before` exactly and redo gives the result back.
fn one_step(d: &mut Document, cmd: Command, now: f64) -> Draft {
    let before = d.draft().clone();
    d.apply(cmd, now).unwrap();
    let after = d.draft().clone();
    assert_ne!(after, before, "the command changed something");
    d.undo().unwrap();
    assert_eq!(*d.draft(), before, "one undo restores exactly");
    d.redo().unwrap();
    assert_eq!(*d.draft(), after, "redo gives the result back");
    after
}

#[test]
fn the_drafts_own_data_is_undoable_and_keeps_its_identity() {
    let mut d = doc();
    let id = d.draft().meta.draft_id.clone();
    // A whole Meta from a dialog that knows nothing of identities: the draft keeps its own.
    let from_dialog = Meta {
        draft_id: String::new(),
        plan_name: "見本市総合計画 後期基本計画（改）".into(),
        ..d.draft().meta.clone()
    };
    let after = one_step(&mut d, Command::SetMeta(from_dialog), 0.0);
    assert_eq!(after.meta.draft_id, id);
    assert_eq!(after.meta.plan_name, "見本市総合計画 後期基本計画（改）");
    // Another identity in the command is ignored too.
    let other = Meta {
        draft_id: "ffffffff-ffff-4fff-bfff-ffffffffffff".into(),
        ..after.meta.clone()
    };
    let r = d.apply(Command::SetMeta(other), 1.0).unwrap();
    assert!(!r.outcome.changed, "nothing but the identity differed");
    assert_eq!(d.draft().meta.draft_id, id);

    // Typing in one field is one step; another field is another.
    d.seal();
    let before = d.draft().clone();
    let mut t = 10.0;
    for s in ["素", "素案", "素案2"] {
        d.apply(
            Command::SetMetaText {
                field: MetaField::VersionLabel,
                text: s.into(),
            },
            t,
        )
        .unwrap();
        t += 0.3;
    }
    d.apply(
        Command::SetMetaText {
            field: MetaField::AuthorSection,
            text: "政策企画課".into(),
        },
        t,
    )
    .unwrap();
    d.apply(Command::SetFieldNumber { number: 7 }, t + 0.1)
        .unwrap();
    assert_eq!(d.draft().meta.version_label, "素案2");
    assert_eq!(d.draft().meta.field_label(), "7. 行財政経営分野");
    assert_eq!(d.undo_label(), Some("分野番号の変更"));
    d.undo();
    assert_eq!(d.undo_label(), Some("作成課の入力"));
    d.undo();
    assert_eq!(d.undo_label(), Some("版の入力"));
    assert_eq!(d.undo(), Some(Target::Meta));
    assert_eq!(*d.draft(), before);
    assert_eq!(d.draft().meta.draft_id, id);
    for field in MetaField::ALL {
        assert!(!field.label().is_empty());
    }
}

#[test]
fn adding_a_policy_inserts_it_after_the_chosen_one_with_every_block_empty() {
    let mut d = doc();
    let after = one_step(
        &mut d,
        add(Some(0), " 窓口サービスの向上 ", PolicyStatus::New),
        0.0,
    );
    assert_eq!(
        names(&after),
        [
            (1, "市民との情報共有の推進", PolicyStatus::InForce),
            (2, "窓口サービスの向上", PolicyStatus::New),
            (3, "電子自治体の推進", PolicyStatus::InForce),
        ]
    );
    let p = &after.policies[1];
    for kind in BlockKind::ALL {
        let rows = p.block(kind);
        assert_eq!(rows.len(), usize::from(kind.is_single_row()), "{kind:?}");
        assert!(
            rows.iter()
                .all(|r| r.current.is_none() && r.revised.is_none())
        );
    }
    // Fresh, unique ids.
    let ids: Vec<&str> = after.all_ids().map(RowId::as_str).collect();
    let unique: std::collections::HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len());
    // A row added to a 新規 施策大項目 is 新規.
    let r = d
        .apply(
            Command::AddRow {
                policy: 1,
                block: BlockKind::Measures,
            },
            1.0,
        )
        .unwrap();
    let id = r.outcome.created.unwrap();
    assert_eq!(row(d.draft(), id.as_str()).status, Some(ChangeStatus::New));

    // At the start, and after the last one.
    let mut d = doc();
    d.apply(add(None, "最初", PolicyStatus::New), 0.0).unwrap();
    d.apply(add(Some(2), "最後", PolicyStatus::InForce), 1.0)
        .unwrap();
    assert_eq!(
        names(d.draft())
            .iter()
            .map(|(n, name, _)| (*n, *name))
            .collect::<Vec<_>>(),
        [
            (1, "最初"),
            (2, "市民との情報共有の推進"),
            (3, "電子自治体の推進"),
            (4, "最後")
        ]
    );
    assert_eq!(
        d.apply(add(Some(9), "x", PolicyStatus::New), 2.0),
        Err(EditError::NoSuchPolicy(9))
    );
    assert!(matches!(
        d.apply(add(None, "x", PolicyStatus::Deleted), 2.0),
        Err(EditError::NotAllowed(_))
    ));
}

#[test]
fn moving_a_policy_up_and_down_carries_the_numbers_along() {
    let mut d = doc();
    d.apply(add(Some(1), "三つ目", PolicyStatus::New), 0.0)
        .unwrap();
    // Move the third up: it takes number 2.
    let after = one_step(&mut d, Command::MovePolicy { policy: 2, to: 1 }, 1.0);
    assert_eq!(
        names(&after)
            .iter()
            .map(|(n, name, _)| (*n, *name))
            .collect::<Vec<_>>(),
        [
            (1, "市民との情報共有の推進"),
            (2, "三つ目"),
            (3, "電子自治体の推進")
        ]
    );
    // Rows travel with their 施策大項目.
    assert_eq!(d.draft().find_row(&RowId::new("p2-m1")).unwrap().policy, 2);
    // Moving to where it is changes nothing; past the end is the end.
    assert!(
        !d.apply(Command::MovePolicy { policy: 1, to: 1 }, 2.0)
            .unwrap()
            .outcome
            .changed
    );
    d.apply(Command::MovePolicy { policy: 0, to: 99 }, 3.0)
        .unwrap();
    assert_eq!(d.draft().policies[2].name, "市民との情報共有の推進");
    assert_eq!(d.draft().policies[2].number, 3);
}

#[test]
fn renaming_is_typing_and_renumbering_skips_deleted_ones() {
    let mut d = doc();
    let before = d.draft().clone();
    for (i, s) in ["電", "電子市役所", "電子市役所の推進"].iter().enumerate() {
        d.apply(
            Command::SetPolicyName {
                policy: 1,
                name: s.to_string(),
            },
            i as f64 * 0.5,
        )
        .unwrap();
    }
    assert_eq!(d.draft().policies[1].name, "電子市役所の推進");
    assert_eq!(d.undo_label(), Some("施策大項目名の入力"));
    d.undo();
    assert_eq!(*d.draft(), before, "one step for the word");

    // 1 A, 2 B(削除), 3 C → renumber → 1 A, 2 B(削除, keeps 2), 2 C.
    d.apply(add(Some(1), "C", PolicyStatus::InForce), MERGE_WINDOW + 1.0)
        .unwrap();
    d.apply(Command::DeletePolicy { policy: 1 }, MERGE_WINDOW + 2.0)
        .unwrap();
    assert_eq!(
        d.draft()
            .policies
            .iter()
            .map(|p| p.number)
            .collect::<Vec<_>>(),
        [1, 2, 3]
    );
    let after = one_step(&mut d, Command::RenumberPolicies, MERGE_WINDOW + 3.0);
    assert_eq!(
        after.policies.iter().map(|p| p.number).collect::<Vec<_>>(),
        [1, 2, 2]
    );
    let again = d
        .apply(Command::RenumberPolicies, MERGE_WINDOW + 4.0)
        .unwrap();
    assert!(!again.outcome.changed);
    assert!(again.outcome.notice.unwrap().contains("すでに連番"));
}

#[test]
fn deleting_a_policy_in_force_marks_it_and_its_rows_deleted_keeping_their_words() {
    let mut d = doc();
    // A comment and a memo on a row of the 施策大項目, to see they survive.
    let mut draft = d.draft().clone();
    let path = draft.find_row(&RowId::new("p1-m2")).unwrap();
    let r = draft.row_mut(path).unwrap();
    r.memo = "担当課と調整済み".into();
    r.review.comments.push(Comment {
        id: "c1".into(),
        author: "総務課長".into(),
        date: "2026-02-01T10:00".into(),
        text: "表現を確認してください。".into(),
        reply_to: None,
    });
    let mut d2 = Document::new(draft);
    let before = d2.draft().clone();
    let r = d2.apply(Command::DeletePolicy { policy: 0 }, 0.0).unwrap();
    let notice = r.outcome.notice.unwrap();
    assert!(notice.contains("消さずに「削除」"), "{notice}");
    assert!(notice.contains("4行は取り除きました"), "{notice}");
    let after = d2.draft().clone();
    let p = &after.policies[0];
    assert_eq!(p.status, PolicyStatus::Deleted);
    assert_eq!(after.policies.len(), 2, "kept in the draft");
    // Rows of the plan in force: 削除, their 現行 text kept, no 改定案.
    for kind in [
        BlockKind::Vision,
        BlockKind::Measures,
        BlockKind::RelatedPlans,
        BlockKind::Projects,
    ] {
        for r in p.block(kind) {
            assert_eq!(r.status, Some(ChangeStatus::Deleted), "{}", r.id);
            assert!(r.revised.is_none(), "{}", r.id);
            assert!(!r.current.as_ref().unwrap().is_blank(), "{}", r.id);
        }
    }
    // The rows this revision added (p1-v3, p1-m3, p1-pl2, p1-pr4) are gone; the others stay.
    for gone in ["p1-v3", "p1-m3", "p1-pl2", "p1-pr4"] {
        assert!(after.find_row(&RowId::new(gone)).is_none(), "{gone}");
    }
    assert_eq!(
        row(&after, "p1-m2").current,
        row(&before, "p1-m2").current,
        "現行 text verbatim"
    );
    assert_eq!(row(&after, "p1-m2").memo, "担当課と調整済み");
    assert_eq!(row(&after, "p1-m2").review.comments.len(), 1);
    // 現況と課題 keeps its 現行 text; the 改定案 goes.
    assert!(p.issues.revised.is_none() && p.issues.current.is_some());
    // Once is enough.
    let again = d2.apply(Command::DeletePolicy { policy: 0 }, 1.0).unwrap();
    assert!(!again.outcome.changed);
    // One undo restores everything.
    d2.undo();
    d2.undo();
    assert_eq!(*d2.draft(), before);
    assert!(!d2.is_dirty());

    // Restoring later: in force again, 削除 rows 変更なし.
    d.apply(Command::DeletePolicy { policy: 1 }, 0.0).unwrap();
    let after = one_step(&mut d, Command::RestorePolicy { policy: 1 }, 1.0);
    let p = &after.policies[1];
    assert_eq!(p.status, PolicyStatus::InForce);
    let m = &p.measures[0];
    assert_eq!(m.status, Some(ChangeStatus::Unchanged));
    assert_eq!(m.revised, m.current);
    assert_eq!(p.issues.revised, p.issues.current);
}

#[test]
fn deleting_a_new_policy_removes_it_and_the_numbers_close_up() {
    let mut d = doc();
    d.apply(add(Some(0), "新しい施策", PolicyStatus::New), 0.0)
        .unwrap();
    let with_new = d.draft().clone();
    let r = d.apply(Command::DeletePolicy { policy: 1 }, 1.0).unwrap();
    assert!(r.outcome.notice.unwrap().contains("取り除きました"));
    assert_eq!(
        names(d.draft()),
        [
            (1, "市民との情報共有の推進", PolicyStatus::InForce),
            (2, "電子自治体の推進", PolicyStatus::InForce),
        ]
    );
    assert_eq!(*d.draft(), {
        let mut s = sample_draft();
        s.meta.draft_id = d.draft().meta.draft_id.clone();
        s
    });
    // Undo of the removal: the target is the 施策大項目 that came back.
    assert_eq!(d.undo(), Some(Target::Policy(1)));
    assert_eq!(*d.draft(), with_new);
    // Undo of the addition: the target index is past the end now, so the last one.
    assert_eq!(d.undo(), Some(Target::Policy(1)));
    assert!(!d.is_dirty());
}

#[test]
fn moving_a_row_to_another_policy_keeps_its_id_memo_and_comments() {
    let mut draft = sample_draft();
    let path = draft.find_row(&RowId::new("p1-pr2")).unwrap();
    let r = draft.row_mut(path).unwrap();
    r.memo = "事業名の変更は情報政策課と合意".into();
    r.review.comments.push(Comment {
        id: "c9".into(),
        author: "課長".into(),
        date: "2026-03-01T09:00".into(),
        text: "了解".into(),
        reply_to: None,
    });
    let moved_before = r.clone();
    let mut d = Document::new(draft);
    let after = one_step(
        &mut d,
        Command::MoveRowToPolicy {
            row: RowId::new("p1-pr2"),
            policy: 1,
        },
        0.0,
    );
    let at = after.find_row(&RowId::new("p1-pr2")).unwrap();
    assert_eq!((at.policy, at.block, at.row), (1, BlockKind::Projects, 1));
    let moved = after.row(at).unwrap();
    assert_eq!(moved.memo, moved_before.memo);
    assert_eq!(moved.review, moved_before.review);
    assert_eq!(moved.current, moved_before.current, "現行 as in force");
    // The next number of the destination (① is there) is ②.
    assert_eq!(moved.revised.as_ref().unwrap().number, Some(2));
    // The source closes up: ③ (削除, no 改定案) keeps its number, ④ becomes ③.
    let numbers: Vec<(Option<u32>, Option<u32>)> = after.policies[0]
        .projects
        .iter()
        .map(|r| {
            (
                r.current.as_ref().and_then(|s| s.number),
                r.revised.as_ref().and_then(|s| s.number),
            )
        })
        .collect();
    assert_eq!(
        numbers,
        [(Some(1), Some(1)), (Some(3), None), (None, Some(3))]
    );
    // A 変更なし row whose number changes becomes 変更あり.
    let mut d = doc();
    d.apply(
        Command::MoveRowToPolicy {
            row: RowId::new("p1-m1"),
            policy: 1,
        },
        0.0,
    )
    .unwrap();
    let m = row(d.draft(), "p1-m1");
    assert_eq!(m.revised.as_ref().unwrap().number, Some(2));
    assert_eq!(m.status, Some(ChangeStatus::Modified));
    // Single-row blocks and the same 施策大項目.
    assert_eq!(
        d.apply(
            Command::MoveRowToPolicy {
                row: RowId::new("p1-issues"),
                policy: 1
            },
            1.0
        ),
        Err(EditError::SingleRowBlock(BlockKind::Issues))
    );
    assert!(
        !d.apply(
            Command::MoveRowToPolicy {
                row: RowId::new("p1-v1"),
                policy: 0
            },
            1.0
        )
        .unwrap()
        .outcome
        .changed
    );
}

#[test]
fn rows_from_outside_are_inserted_whole_in_one_step_and_never_reuse_an_id() {
    let mut d = doc();
    let new_rows = vec![
        Row::unchanged("paste-1", Side::with_summary("一つ目")),
        Row::unchanged("paste-2", Side::with_summary("二つ目")),
    ];
    let after = one_step(
        &mut d,
        Command::InsertRows {
            policy: 1,
            block: BlockKind::Vision,
            at: 99,
            rows: new_rows.clone(),
        },
        0.0,
    );
    let vision: Vec<&str> = after.policies[1]
        .vision
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(vision, ["p2-v1", "paste-1", "paste-2"]);
    assert_eq!(d.undo_label(), Some("めざす姿への2行の追加"));
    // The same rows into the same block again (brought in twice): nothing changes.
    let before = d.draft().clone();
    let again = d
        .apply(
            Command::InsertRows {
                policy: 1,
                block: BlockKind::Vision,
                at: 0,
                rows: new_rows.clone(),
            },
            1.0,
        )
        .unwrap();
    assert!(!again.outcome.changed);
    assert_eq!(*d.draft(), before);
    // Elsewhere: the ids are taken now; refused, nothing changed.
    let e = d
        .apply(
            Command::InsertRows {
                policy: 0,
                block: BlockKind::Vision,
                at: 0,
                rows: new_rows,
            },
            1.0,
        )
        .unwrap_err();
    assert_eq!(e, EditError::IdInUse(RowId::new("paste-1")));
    assert_eq!(*d.draft(), before);
    // Replacing a row's content in place.
    let mut issues = row(d.draft(), "p2-issues").clone();
    issues
        .current
        .as_mut()
        .unwrap()
        .bullets
        .push("貼り付けた段落".into());
    one_step(
        &mut d,
        Command::ReplaceRow {
            row: Box::new(issues),
        },
        2.0,
    );
}

#[test]
fn undo_across_policy_edits_and_insertions_restores_every_state() {
    let mut d = doc();
    let s0 = d.draft().clone();
    d.apply(
        Command::SetPolicyMemo {
            policy: 1,
            text: "二つ目のメモ".into(),
        },
        0.0,
    )
    .unwrap();
    let s1 = d.draft().clone();
    d.apply(add(None, "先頭", PolicyStatus::New), 1.0).unwrap();
    let s2 = d.draft().clone();
    // The same memo is now at index 2.
    d.apply(
        Command::SetPolicyMemo {
            policy: 2,
            text: "二つ目のメモ（追記）".into(),
        },
        1.5,
    )
    .unwrap();
    d.apply(Command::MovePolicy { policy: 2, to: 0 }, 2.0)
        .unwrap();
    d.apply(Command::DeletePolicy { policy: 1 }, 3.0).unwrap();
    let s5 = d.draft().clone();
    assert_eq!(s5.policies[0].memo, "二つ目のメモ（追記）");
    for _ in 0..3 {
        d.undo();
    }
    assert_eq!(*d.draft(), s2);
    d.undo();
    assert_eq!(*d.draft(), s1);
    d.undo();
    assert_eq!(*d.draft(), s0);
    for _ in 0..5 {
        d.redo();
    }
    assert_eq!(*d.draft(), s5);
}
