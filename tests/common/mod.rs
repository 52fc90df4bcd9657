//! Small synthetic drafts for integration tests: every block, every status, no dependency on
//! the bundled draft.
#![allow(dead_code)]

use shinkyu::model::*;

pub fn side(number: Option<u32>, name: &str, summary: &str, bullets: &[&str]) -> Side {
    Side {
        number,
        name: name.into(),
        summary: summary.into(),
        bullets: bullets.iter().map(|b| b.to_string()).collect(),
        ..Side::default()
    }
}

pub fn row(
    id: &str,
    status: Option<ChangeStatus>,
    current: Option<Side>,
    revised: Option<Side>,
) -> Row {
    Row::new(id, status, current, revised)
}

/// A two-policy draft with rows of every block and every status, and text that needs CSV
/// quoting (commas, quotes, line breaks).
pub fn small_draft() -> Draft {
    use ChangeStatus::*;
    let p1 = Policy {
        id: RowId::new("a"),
        number: 1,
        name: "暮らしの安全".into(),
        rename: Rename::Unchanged,
        status: PolicyStatus::InForce,
        survey: Some(Survey {
            item: "安全に暮らせる".into(),
            years: vec!["H28年".into(), "R3年".into()],
            satisfaction: vec![0.12, -0.05],
            importance: vec![1.1, 1.25],
            satisfaction_rank: Some(Rank { rank: 3, of: 10 }),
            importance_rank: Some(Rank { rank: 1, of: 10 }),
        }),
        voices: vec![Voice {
            source: "市民アンケート".into(),
            context: String::new(),
            quote: "夜道が暗い、と感じます。".into(),
            form: VoiceForm::Quote,
        }],
        sdgs: vec![SdgRef {
            number: 11,
            name: "住み続けられるまちづくりを".into(),
        }],
        indicators: vec![Indicator {
            id: RowId::new("a.i1"),
            kind: IndicatorKind::Outcome,
            as_current: true,
            name: "防犯灯の数".into(),
            verdict: Some(IndicatorVerdict::NeedsChange),
            change: "目標値を修正".into(),
            memo: String::new(),
        }],
        indicator_opinion: "各課の意見".into(),
        issues: row(
            "a.issues",
            None,
            Some(side(None, "", "", &["防犯灯が不足しています。"])),
            Some(side(
                None,
                "",
                "",
                &["防犯灯の整備が進んでいます。", "新しい課題があります。"],
            )),
        ),
        vision: vec![
            row(
                "a.v1",
                Some(Unchanged),
                Some(side(None, "", "安全なまち", &[])),
                Some(side(None, "", "安全なまち", &[])),
            ),
            row(
                "a.v2",
                Some(New),
                None,
                Some(side(None, "", "誰もが、\"安心\"なまち", &[])),
            ),
        ],
        measures: vec![
            row(
                "a.m1",
                Some(Modified),
                Some(Side {
                    departments: vec!["危機管理課".into()],
                    ..side(Some(1), "防犯の推進", "", &["防犯灯を設置します。"])
                }),
                Some(Side {
                    departments: vec!["危機管理課".into(), "道路課".into()],
                    ..side(Some(1), "防犯の推進", "", &["防犯灯をLED化します。"])
                }),
            ),
            row(
                "a.m2",
                Some(Deleted),
                Some(side(Some(2), "交通安全", "", &["教室を開きます。"])),
                None,
            ),
        ],
        collaboration: row(
            "a.collab",
            None,
            Some(side(None, "", "(現行計画に記載なし)", &[])),
            Some(side(None, "", "", &["自治会と見回りをします。"])),
        ),
        related_plans: vec![row(
            "a.plan1",
            Some(Modified),
            Some(Side {
                period: "H30-R4年度".into(),
                ..side(None, "防犯計画", "計画の概要", &[])
            }),
            Some(Side {
                period: "R5-R9年度".into(),
                ..side(None, "防犯計画", "計画の概要", &[])
            }),
        )],
        projects: vec![
            row(
                "a.pr1",
                Some(Unchanged),
                Some(side(Some(1), "防犯灯設置", "設置します。", &[])),
                Some(side(Some(1), "防犯灯設置", "設置します。", &[])),
            ),
            row(
                "a.pr2",
                Some(New),
                None,
                Some(side(Some(2), "見回り", "見回ります。", &[])),
            ),
        ],
        memo: String::new(),
    };
    let mut p2 = p1.clone();
    p2.id = RowId::new("b");
    p2.number = 2;
    p2.name = "財政".into();
    p2.rename = Rename::Renamed("健全な財政".into());
    for kind in BlockKind::ALL {
        for r in p2.block_mut(kind) {
            r.id = RowId::new(format!("b{}", &r.id.0[1..]));
        }
    }
    for i in &mut p2.indicators {
        i.id = RowId::new(format!("b{}", &i.id.0[1..]));
    }
    Draft {
        schema_version: SCHEMA_VERSION,
        meta: Meta {
            plan_name: "テスト市総合計画".into(),
            title: String::new(),
            field_number: 3,
            field_name: "安全分野".into(),
            version_label: "素案2".into(),
            date: "2026-11-24".into(),
            author_section: "企画課".into(),
            memo: String::new(),
            ..Meta::default()
        },
        policies: vec![p1, p2],
        glossary: vec![],
        suppressions: vec![],
        review_base: None,
    }
}

/// The same draft with every 施策大項目 and row id prefixed: a copy that shares no row with
/// the original.
pub fn with_every_id_prefixed(draft: &Draft, prefix: &str) -> Draft {
    let mut d = draft.clone();
    for p in &mut d.policies {
        p.id = RowId::new(format!("{prefix}{}", p.id.as_str()));
        for kind in BlockKind::ALL {
            for r in p.block_mut(kind) {
                r.id = RowId::new(format!("{prefix}{}", r.id.as_str()));
            }
        }
    }
    d
}
