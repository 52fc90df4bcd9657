//! Checker fixes and suppressions as undoable editing commands, built in the core and applied
//! by `edit::apply_to_draft` like every other edit (no GUI): a fix becomes one undo step, all
//! or nothing; a stale fix is refused; a 変更なし row stored without a 改定案 gets one before
//! its text is fixed; suppressions are added, replaced and removed.

use shinkyu::check::{self, Edit, Fix, PolicyField, Span, TextAddr};
use shinkyu::edit::synthetic::sample_draft;
use shinkyu::edit::{Command, Document, EditError, Target, apply_to_draft};
use shinkyu::model::{ChangeStatus, Draft, RowId, SideField, SideKind};

fn row_text(d: &Draft, id: &RowId, side: SideKind, field: SideField) -> Option<String> {
    d.row(d.find_row(id)?)?
        .side(side)?
        .field(field)
        .map(str::to_string)
}

/// A revised summary with 「ヶ所」, and the checker's finding on it (with a fix).
fn draft_with_kasho() -> (Draft, RowId, check::Finding) {
    let mut d = sample_draft();
    let (path, _, r) = d
        .rows()
        .find(|(_, _, r)| {
            r.status == Some(ChangeStatus::Modified)
                && r.revised.as_ref().is_some_and(|s| !s.summary.is_empty())
        })
        .unwrap();
    let id = r.id.clone();
    d.row_mut(path).unwrap().revised.as_mut().unwrap().summary =
        "市内3ヶ所で市民の声を取り入れます。".into();
    let f = check::check_draft(&d)
        .into_iter()
        .find(|f| f.code == "JPN004" && f.location.row_id() == Some(&id))
        .expect("the checker reports ヶ所");
    (d, id, f)
}

#[test]
fn a_fix_is_one_undo_step_named_after_the_fix() {
    let (d, id, f) = draft_with_kasho();
    let fix = f.fix.clone().unwrap();
    let mut doc = Document::new(d.clone());
    let applied = doc.apply(fix.command(), 0.0).unwrap();
    assert!(applied.outcome.changed);
    assert_eq!(applied.target, Target::Row(id.clone()));
    assert_eq!(
        row_text(doc.draft(), &id, SideKind::Revised, SideField::Summary).unwrap(),
        "市内3か所で市民の声を取り入れます。"
    );
    // Nothing else changed: the same draft with that one text replaced.
    let mut expected = d.clone();
    let path = expected.find_row(&id).unwrap();
    expected
        .row_mut(path)
        .unwrap()
        .revised
        .as_mut()
        .unwrap()
        .summary = "市内3か所で市民の声を取り入れます。".into();
    assert_eq!(doc.draft(), &expected);
    assert_eq!(doc.undo_label().unwrap(), format!("修正「{}」", fix.label));
    assert!(doc.is_dirty());
    doc.undo();
    assert_eq!(doc.draft(), &d);
    assert!(!doc.is_dirty());
    assert!(!doc.can_undo());
}

#[test]
fn a_stale_fix_is_refused_and_changes_nothing() {
    let (mut d, id, f) = draft_with_kasho();
    // The user typed in front of the finding after the check.
    let path = d.find_row(&id).unwrap();
    d.row_mut(path).unwrap().revised.as_mut().unwrap().summary =
        "追記。市内3ヶ所で市民の声を取り入れます。".into();
    let mut doc = Document::new(d.clone());
    let err = doc
        .apply(f.fix.as_ref().unwrap().command(), 0.0)
        .unwrap_err();
    assert!(matches!(err, EditError::StaleText { .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("もう一度検査してから"), "{text}");
    assert_eq!(doc.draft(), &d);
    assert!(!doc.can_undo());
}

#[test]
fn a_fix_of_a_row_that_is_gone_is_refused() {
    let (mut d, id, f) = draft_with_kasho();
    let path = d.find_row(&id).unwrap();
    d.policies[path.policy]
        .block_vec_mut(path.block)
        .expect("a block of many rows")
        .remove(path.row);
    let before = d.clone();
    let err = apply_to_draft(&mut d, &f.fix.unwrap().command()).unwrap_err();
    assert_eq!(err, EditError::NoSuchRow(id));
    assert_eq!(d, before);
}

#[test]
fn fixing_the_borrowed_text_of_an_unchanged_row_gives_it_a_revised_side() {
    let mut d = sample_draft();
    let (path, _, r) = d
        .rows()
        .find(|(_, _, r)| {
            r.status == Some(ChangeStatus::Unchanged)
                && r.current.as_ref().is_some_and(|s| !s.summary.is_empty())
        })
        .unwrap();
    let id = r.id.clone();
    let row = d.row_mut(path).unwrap();
    row.revised = None;
    let current = row.current.as_ref().unwrap().summary.clone();
    let n = current.chars().count();
    let fix = Fix::replace(
        "末尾に「。」を付ける",
        TextAddr::Row {
            row: id.clone(),
            side: SideKind::Revised,
            field: SideField::Summary,
        },
        Span::new(n, n),
        "",
        "（改）",
    );
    let mut doc = Document::new(d.clone());
    let applied = doc.apply(fix.command(), 0.0).unwrap();
    assert!(
        applied.outcome.notice.unwrap().contains("変更あり"),
        "the user is told the status changed"
    );
    let r = doc.draft().row(doc.draft().find_row(&id).unwrap()).unwrap();
    assert_eq!(r.status, Some(ChangeStatus::Modified));
    assert_eq!(
        r.current.as_ref().unwrap().summary,
        current,
        "現行 untouched"
    );
    assert_eq!(
        r.revised.as_ref().unwrap().summary,
        format!("{current}（改）")
    );
    doc.undo();
    assert_eq!(doc.draft(), &d, "one undo step restores both changes");
}

#[test]
fn a_fix_of_a_policy_header_field_is_one_undo_step_on_its_policy() {
    let mut d = sample_draft();
    d.policies[0].sdgs[0].name = "平和と公正を すべての人に".into();
    let pid = d.policies[0].id.clone();
    let fix = Fix::replace(
        "正式名称に直す",
        TextAddr::Policy {
            policy: pid,
            field: PolicyField::SdgName(0),
        },
        Span::new(0, 13),
        "平和と公正を すべての人に",
        "平和と公正をすべての人に",
    );
    let mut doc = Document::new(d.clone());
    let applied = doc.apply(fix.command(), 0.0).unwrap();
    assert_eq!(applied.target, Target::Policy(0));
    assert_eq!(doc.undo_label(), Some("修正「正式名称に直す」"));
    assert_eq!(
        doc.draft().policies[0].sdgs[0].name,
        "平和と公正をすべての人に"
    );
    doc.undo();
    assert_eq!(doc.draft(), &d);
}

#[test]
fn a_batch_that_fails_half_way_changes_nothing() {
    let d = sample_draft();
    let (_, _, r) = d.rows().next().unwrap();
    let good = Command::SetMemo {
        row: r.id.clone(),
        text: "メモ".into(),
    };
    let bad = Command::SetMemo {
        row: RowId::new("存在しない行"),
        text: "x".into(),
    };
    let mut doc = Document::new(d.clone());
    let err = doc.apply(
        Command::Batch {
            label: "まとめて".into(),
            commands: vec![good, bad],
        },
        0.0,
    );
    assert_eq!(err, Err(EditError::NoSuchRow(RowId::new("存在しない行"))));
    assert_eq!(doc.draft(), &d);
    assert!(!doc.can_undo());
}

#[test]
fn an_empty_batch_is_a_no_op() {
    let d = sample_draft();
    let mut doc = Document::new(d.clone());
    let empty = Command::Batch {
        label: "何もしない修正".into(),
        commands: Vec::new(),
    };
    let applied = doc.apply(empty.clone(), 0.0).unwrap();
    assert!(!applied.outcome.changed);
    assert_eq!(applied.outcome.notice, None);
    assert_eq!(doc.draft(), &d);
    assert!(!doc.can_undo(), "no undo step for nothing");
    assert!(!doc.is_dirty());
    let mut draft = d.clone();
    assert!(!apply_to_draft(&mut draft, &empty).unwrap().changed);
    assert_eq!(draft, d);
}

#[test]
fn a_batch_whose_later_command_names_a_missing_row_says_which_row() {
    // The batch's first command is about the metadata: the error still names the row (it
    // used to name a 施策大項目 number usize::MAX + 1 and overflow while doing so).
    let d = sample_draft();
    let mut doc = Document::new(d.clone());
    let batch = Command::Batch {
        label: "まとめて".into(),
        commands: vec![
            Command::SetMeta(d.meta.clone()),
            Command::SetMemo {
                row: RowId::new("存在しない行"),
                text: "x".into(),
            },
        ],
    };
    let err = doc.apply(batch, 0.0).unwrap_err();
    assert_eq!(err, EditError::NoSuchRow(RowId::new("存在しない行")));
    assert_eq!(
        err.to_string(),
        "対象の行（存在しない行）が見つかりません。"
    );
    // A 施策大項目 past the end is named by its number.
    let err = doc
        .apply(
            Command::SetPolicyMemo {
                policy: d.policies.len(),
                text: "x".into(),
            },
            0.0,
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "施策大項目（{}番目）が見つかりません。",
            d.policies.len() + 1
        )
    );
    assert_eq!(doc.draft(), &d);
}

#[test]
fn status_fixes_use_the_status_helpers() {
    let mut d = sample_draft();
    let (path, _, r) = d
        .rows()
        .find(|(_, _, r)| r.status == Some(ChangeStatus::Modified))
        .unwrap();
    let id = r.id.clone();
    // 変更あり with the same text on both sides: the checker suggests 変更なし.
    let row = d.row_mut(path).unwrap();
    row.revised = row.current.clone();
    let f = check::check_draft(&d)
        .into_iter()
        .find(|f| f.location.row_id() == Some(&id) && f.fix.is_some() && f.code.starts_with("STA"))
        .expect("a status finding with a fix");
    let fix = f.fix.unwrap();
    assert!(matches!(fix.edits[0], Edit::SetStatus { .. }));
    let mut doc = Document::new(d.clone());
    doc.apply(fix.command(), 0.0).unwrap();
    let r = doc.draft().row(doc.draft().find_row(&id).unwrap()).unwrap();
    assert_eq!(r.status, Some(ChangeStatus::Unchanged));
    assert!(
        !check::check_draft(doc.draft())
            .iter()
            .any(|g| g.location.row_id() == Some(&id) && g.code.starts_with("STA"))
    );
}

#[test]
fn suppressions_are_added_replaced_and_removed_as_undoable_steps() {
    let (d, id, f) = draft_with_kasho();
    let mut doc = Document::new(d.clone());
    let s = check::suppression_for(&f, "原文のまま", "企画課", "2026-01-05");
    let about = f.location.edit_target();
    assert_eq!(about, Target::Row(id.clone()));
    let cmd = check::suppress_command(&f, "原文のまま", "企画課", "2026-01-05");
    assert_eq!(
        cmd,
        Command::AddSuppression {
            suppression: s.clone(),
            about: about.clone(),
        }
    );
    doc.apply(cmd, 0.0).unwrap();
    assert_eq!(doc.draft().suppressions, vec![s.clone()]);
    assert_eq!(doc.undo_label(), Some("検査結果の無視"));
    assert!(
        check::check_draft(doc.draft())
            .iter()
            .any(|g| g.key() == f.key() && g.suppressed.is_some())
    );
    // The same finding again: the reason is replaced, not duplicated.
    let s2 = check::suppression_for(&f, "理由を変更", "企画課", "2026-01-06");
    doc.apply(
        Command::AddSuppression {
            suppression: s2.clone(),
            about: about.clone(),
        },
        1.0,
    )
    .unwrap();
    assert_eq!(doc.draft().suppressions, vec![s2]);
    doc.apply(check::unsuppress_command(&f), 2.0).unwrap();
    assert!(doc.draft().suppressions.is_empty());
    // Undo goes back step by step; the rows were never touched.
    assert_eq!(doc.undo(), Some(Target::Row(id.clone())));
    assert_eq!(doc.draft().suppressions[0].reason, "理由を変更");
    doc.undo();
    assert_eq!(doc.draft().suppressions, vec![s]);
    doc.undo();
    assert_eq!(doc.draft(), &d);
}

#[test]
fn an_unused_suppression_is_removed_by_its_own_finding() {
    let (d, _, f) = draft_with_kasho();
    let mut doc = Document::new(d.clone());
    doc.apply(
        check::suppress_command(&f, "原文のまま", "企画課", "2026-01-05"),
        0.0,
    )
    .unwrap();
    // The text is fixed: the suppression matches nothing and is reported as SUP001.
    doc.apply(f.fix.clone().unwrap().command(), 1.0).unwrap();
    let unused = check::check_draft(doc.draft())
        .into_iter()
        .find(|g| g.code == "SUP001")
        .expect("the suppression is reported as unused");
    doc.apply(check::unsuppress_command(&unused), 2.0).unwrap();
    assert!(doc.draft().suppressions.is_empty());
    assert!(
        check::check_draft(doc.draft())
            .iter()
            .all(|g| g.code != "SUP001")
    );
}

#[test]
fn a_fix_of_a_header_field_that_is_gone_is_refused() {
    let d = sample_draft();
    let fix = Fix::replace(
        "正式名称に直す",
        TextAddr::Policy {
            policy: RowId::new("消えた施策大項目"),
            field: PolicyField::SdgName(0),
        },
        Span::new(0, 2),
        "平和",
        "平和",
    );
    let mut doc = Document::new(d.clone());
    let err = doc.apply(fix.command(), 0.0).unwrap_err();
    assert!(matches!(err, EditError::NoSuchText(_)), "{err:?}");
    assert!(err.to_string().contains("もう一度検査してから"), "{err}");
    // The 施策大項目 is there but the SDG entry is not.
    let fix = Fix::replace(
        "正式名称に直す",
        TextAddr::Policy {
            policy: d.policies[0].id.clone(),
            field: PolicyField::SdgName(99),
        },
        Span::new(0, 2),
        "平和",
        "平和",
    );
    let err = doc.apply(fix.command(), 0.0).unwrap_err();
    assert!(matches!(err, EditError::NoSuchText(_)), "{err:?}");
    assert_eq!(doc.draft(), &d);
    assert!(!doc.can_undo());
}
