//! The checker on 新規 and 削除 施策大項目: deleting one raises nothing new (no required field of
//! a 施策大項目 that leaves the plan, no number gap for it), a 新規 one filled properly raises
//! nothing, and a fresh draft from `NewDraft` has no errors.

use std::collections::BTreeSet;

use shinkyu::check::{Severity, check_draft};
use shinkyu::edit::synthetic::sample_draft;
use shinkyu::edit::{Command, apply_to_draft};
use shinkyu::model::{
    BlockKind, ChangeStatus, Draft, Indicator, IndicatorKind, NewDraft, PolicyStatus, Row, RowId,
    Side,
};

fn findings(d: &Draft) -> BTreeSet<(String, String, String)> {
    check_draft(d)
        .into_iter()
        .filter(|f| f.is_active())
        .map(|f| (f.code.to_string(), f.location.display, f.excerpt))
        .collect()
}

#[test]
fn deleting_a_policy_raises_nothing_new() {
    let mut d = sample_draft();
    // An indicator without an answer: asked for while the 施策大項目 stays in the plan …
    d.policies[1].indicators.push(Indicator {
        id: RowId::new("p2-ind1"),
        kind: IndicatorKind::Outcome,
        as_current: true,
        name: "電子申請の件数".into(),
        verdict: None,
        change: String::new(),
        memo: String::new(),
    });
    let before = findings(&d);
    assert!(before.iter().any(|(code, _, _)| code == "REQ007"));
    apply_to_draft(&mut d, &Command::DeletePolicy { policy: 0 }).unwrap();
    apply_to_draft(&mut d, &Command::DeletePolicy { policy: 1 }).unwrap();
    let after = findings(&d);
    let new: Vec<_> = after.difference(&before).collect();
    assert!(new.is_empty(), "new findings after 削除: {new:?}");
    // … and not once it leaves.
    assert!(
        !after.iter().any(|(code, _, _)| code == "REQ007"),
        "{after:?}"
    );
}

#[test]
fn a_new_policy_filled_properly_and_a_fresh_draft_have_no_errors() {
    let mut d = NewDraft {
        plan_name: "さくら市総合計画".into(),
        field_number: 1,
        field_name: "教育文化分野".into(),
        policies: vec!["学校教育の充実".into(), "生涯学習の推進".into()],
        ..NewDraft::default()
    }
    .build()
    .unwrap();
    let errors = |d: &Draft| -> Vec<String> {
        check_draft(d)
            .into_iter()
            .filter(|f| f.is_active() && f.severity == Severity::Error)
            .map(|f| format!("{} {} {}", f.code, f.location.display, f.message))
            .collect()
    };
    assert!(errors(&d).is_empty(), "{:?}", errors(&d));

    // Delete the second (in force), add a 新規 one after the first, give it a 施策中項目.
    apply_to_draft(&mut d, &Command::DeletePolicy { policy: 1 }).unwrap();
    apply_to_draft(
        &mut d,
        &Command::AddPolicy {
            after: Some(0),
            name: "地域と学校の連携".into(),
            status: PolicyStatus::New,
        },
    )
    .unwrap();
    let measure = Row::new(
        "new-m1",
        Some(ChangeStatus::New),
        None,
        Some(Side::measure(
            1,
            "学校運営協議会の設置",
            &["学校教育課"],
            &["全ての小中学校に学校運営協議会を設置します。"],
        )),
    );
    apply_to_draft(
        &mut d,
        &Command::InsertRows {
            policy: 1,
            block: BlockKind::Measures,
            at: 0,
            rows: vec![measure],
        },
    )
    .unwrap();
    // 1 (in force), 2 (新規), 2 (削除, keeps its number in force): the revised plan runs 1, 2.
    assert_eq!(
        d.policies
            .iter()
            .map(|p| (p.number, p.status))
            .collect::<Vec<_>>(),
        [
            (1, PolicyStatus::InForce),
            (2, PolicyStatus::New),
            (2, PolicyStatus::Deleted)
        ]
    );
    assert!(errors(&d).is_empty(), "{:?}", errors(&d));
}
