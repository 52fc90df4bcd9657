//! Drafts for the checker's integration tests and benchmark: one shaped like the seed with
//! its kinds of hand-made errors, and one written cleanly that must draw no finding at all.

#![allow(dead_code)]

use shinkyu::model::*;

fn side() -> Side {
    Side::default()
}

fn bullets(items: &[&str]) -> Side {
    Side::with_bullets(items)
}

fn summary(text: &str) -> Side {
    Side::with_summary(text)
}

fn measure(n: u32, name: &str, depts: &[&str], items: &[&str]) -> Side {
    Side::measure(n, name, depts, items)
}

fn project(n: u32, name: &str, text: &str) -> Side {
    Side::project(n, name, text)
}

fn plan(name: &str, period: &str, text: &str) -> Side {
    Side::plan(name, period, text)
}

fn row(
    id: &str,
    status: Option<ChangeStatus>,
    current: Option<Side>,
    revised: Option<Side>,
) -> Row {
    Row::new(id, status, current, revised)
}

fn same(id: &str, s: Side) -> Row {
    Row::unchanged(id, s)
}

fn survey(item: &str, sat: [f64; 3], imp: [f64; 3], sr: u32, ir: u32) -> Survey {
    Survey {
        item: item.into(),
        years: vec!["H24年".into(), "H28年".into(), "R3年".into()],
        satisfaction: sat.to_vec(),
        importance: imp.to_vec(),
        satisfaction_rank: Some(Rank { rank: sr, of: 36 }),
        importance_rank: Some(Rank { rank: ir, of: 36 }),
    }
}

fn sdg(n: u32, name: &str) -> SdgRef {
    SdgRef::new(n, name)
}

fn draft(policies: Vec<Policy>) -> Draft {
    Draft {
        schema_version: SCHEMA_VERSION,
        meta: Meta {
            plan_name: "テスト市総合振興計画 後期基本計画".into(),
            field_number: 6,
            field_name: "行財政経営分野".into(),
            version_label: "素案1".into(),
            author_section: "企画課".into(),
            ..Meta::default()
        },
        policies,
        ..Draft::default()
    }
}

/// A draft written cleanly: every rule must stay silent on it.
pub fn clean() -> Draft {
    use ChangeStatus::*;
    let p1 = Policy {
        id: RowId::new("c1"),
        number: 1,
        name: "市政情報の提供の充実".into(),
        survey: Some(survey(
            "市の情報発信が充実している",
            [0.32, -0.12, 0.06],
            [0.80, 0.82, 0.89],
            13,
            33,
        )),
        voices: vec![Voice {
            source: "市民アンケート".into(),
            quote: "ＳＮＳがわかる年代は助かります。手続きも出来る。".into(),
            ..Voice::default()
        }],
        sdgs: vec![
            sdg(10, "人や国の不平等をなくそう"),
            sdg(17, "パートナーシップで目標を達成しよう"),
        ],
        indicators: vec![Indicator {
            id: RowId::new("c1.i1"),
            kind: IndicatorKind::Outcome,
            as_current: true,
            name: "市ホームページへのアクセス数".into(),
            verdict: Some(IndicatorVerdict::NoProblem),
            change: String::new(),
            memo: String::new(),
        }],
        issues: row(
            "c1.issues",
            None,
            Some(bullets(&[
                "広報紙、市ホームページなど様々な媒体を通じて、市政に関する情報発信を行っています。",
            ])),
            Some(bullets(&[
                "広報紙、市ホームページ、SNS※など様々な媒体を通じて、市政に関する情報発信を行っています。今後も分かりやすい情報発信に努めます。",
            ])),
        ),
        vision: vec![same(
            "c1.v1",
            summary("全ての市民に開かれた行政となっています。"),
        )],
        measures: vec![
            row(
                "c1.m1",
                Some(Modified),
                Some(measure(
                    1,
                    "広報広聴活動の充実",
                    &["広報課"],
                    &["広報紙を活用し、有効で分かりやすい情報発信を行います。"],
                )),
                Some(measure(
                    1,
                    "広報広聴活動の充実",
                    &["広報課", "秘書課"],
                    &["広報紙、SNS※を活用し、有効で分かりやすい情報発信を積極的に行います。"],
                )),
            ),
            same(
                "c1.m2",
                measure(
                    2,
                    "市民参加の促進",
                    &["企画課"],
                    &[
                        "各種審議会等の委員公募、パブリックコメント※等を充実させ、市政への市民参加を促進します。",
                    ],
                ),
            ),
        ],
        collaboration: row(
            "c1.collab",
            None,
            Some(summary("(現行計画に記載なし)")),
            Some(bullets(&[
                "広報紙の読者に対し「広報アンケート」を実施し、紙面に反映させます。",
            ])),
        ),
        related_plans: vec![same(
            "c1.r1",
            Side {
                name: "-".into(),
                ..side()
            },
        )],
        projects: vec![
            same(
                "c1.j1",
                project(
                    1,
                    "広報活動の充実",
                    "広報紙、SNS※など様々な媒体を活用し、情報発信を行います。",
                ),
            ),
            row(
                "c1.j2",
                Some(New),
                None,
                Some(project(
                    2,
                    "パブリックコメント※の推進",
                    "市の政策等の策定にあたり、原案を公表し、意見を募ります。",
                )),
            ),
        ],
        ..Policy::default()
    };
    let p2 = Policy {
        id: RowId::new("c2"),
        number: 2,
        name: "効率的・効果的な行政経営の推進".into(),
        survey: Some(survey(
            "行政経営が進んでいる",
            [-0.41, -0.30, -0.15],
            [0.91, 1.10, 1.07],
            25,
            25,
        )),
        sdgs: vec![
            sdg(5, "ジェンダー平等を実現しよう"),
            sdg(12, "つくる責任 つかう責任"),
        ],
        issues: same(
            "c2.issues",
            bullets(&[
                "事務処理や意思決定の迅速化、部局間の連携の強化などを継続的に行うことが重要です。",
            ]),
        ),
        vision: vec![same(
            "c2.v1",
            summary("住民に分かりやすい組織が構築されています。"),
        )],
        measures: vec![
            row(
                "c2.m1",
                Some(Modified),
                Some(measure(
                    1,
                    "行政改革の推進",
                    &["企画課"],
                    &[
                        "計画の推進期間は、平成30年度(2018年度)から令和4年度(2022年度)までの5年間とします。",
                    ],
                )),
                Some(measure(
                    1,
                    "行政改革の推進",
                    &["企画課"],
                    &[
                        "計画の推進期間は、令和5年度(2023年度)から令和9年度(2027年度)までの5年間とします。",
                    ],
                )),
            ),
            row(
                "c2.m2",
                Some(Modified),
                Some(measure(
                    2,
                    "適正な人事管理",
                    &["行政管理課"],
                    &["定年の段階的引上げにより、働き方が変わります。"],
                )),
                Some(measure(
                    2,
                    "適正な人事管理",
                    &["行政管理課"],
                    &["定年の段階的引上げにより、職員の多様な働き方へのニーズが高まります。"],
                )),
            ),
        ],
        collaboration: row(
            "c2.collab",
            None,
            Some(summary("(現行計画に記載なし)")),
            Some(summary("(現時点では非記載を想定)")),
        ),
        related_plans: vec![
            row(
                "c2.r1",
                Some(Modified),
                Some(plan(
                    "行政改革大綱",
                    "H30-R4年度",
                    "行政改革の方針を定めた大綱",
                )),
                Some(plan(
                    "行政改革大綱",
                    "R5-R9年度",
                    "行政改革の方針を定めた大綱",
                )),
            ),
            row(
                "c2.r2",
                Some(Deleted),
                Some(plan(
                    "職員研修計画",
                    "H28-R2年度",
                    "職員研修の基本方針を定めた計画",
                )),
                None,
            ),
            row(
                "c2.r3",
                Some(New),
                None,
                Some(plan(
                    "特定事業主行動計画",
                    "R2-R7年度",
                    "女性職員の活躍を推進する計画",
                )),
            ),
        ],
        projects: vec![
            same(
                "c2.j1",
                project(
                    1,
                    "行政評価※の推進",
                    "行政評価※の適切な活用により、事業の見直しを進めます。",
                ),
            ),
            row(
                "c2.j2",
                Some(Deleted),
                Some(project(2, "給与の適正化", "給料・手当の見直しを行います。")),
                None,
            ),
            row(
                "c2.j3",
                Some(Modified),
                Some(project(3, "定員の適正化", "定員の適正化を推進します。")),
                Some(project(
                    2,
                    "適正な定員管理の推進",
                    "定年の段階的引上げを踏まえた適正な定員管理を進めます。",
                )),
            ),
        ],
        ..Policy::default()
    };
    draft(vec![p1, p2])
}

/// Codes the seed-like draft must draw, with how many findings each.
pub const SEEDLIKE_EXPECTED: &[(&str, usize)] = &[
    ("SDG002", 2), // パートナリーシップ, 基盤を作ろう
    ("SDG004", 1), // つくる責任、つかう責任
    ("JPN001", 1), // 積極的にを
    ("STA001", 1), // 変更あり, same text
    ("STA005", 1), // no status
    ("ERA001", 1), // 平成34 (現行, 情報)
    ("ERA005", 1), // H27-31年度
    ("ERA006", 1), // R 5年度
    ("KOM001", 2), // SNS and 指定管理者制度 without ※
    ("YUR001", 1), // 引き上げ
    ("YUR002", 1), // WiFi
    ("YUR004", 1), // わかりやすい
    ("REQ001", 1), // empty 内容
    ("REQ004", 1), // new plan without 概要
    ("NUM002", 1), // 事業 numbers skip
];

/// A draft shaped like the seed, with one of each of its kinds of hand-made errors.
pub fn seedlike() -> Draft {
    use ChangeStatus::*;
    let p1 = Policy {
        id: RowId::new("p1"),
        number: 1,
        name: "市政情報の提供の充実と市政に対する市民参加の推進".into(),
        survey: Some(survey(
            "市の情報発信や情報公開が充実している",
            [0.32, -0.12, 0.06],
            [0.80, 0.82, 0.89],
            13,
            33,
        )),
        sdgs: vec![
            sdg(10, "人や国の不平等をなくそう"),
            sdg(17, "パートナリーシップで目標を達成しよう"),
        ],
        issues: row(
            "p1.issues",
            None,
            Some(bullets(&[
                "広報ほんじょう、市ホームページなど様々な媒体を通じて情報発信を行っています。",
            ])),
            Some(bullets(&[
                "広報ほんじょう、市ホームページ、SNS、コミュニティ放送など様々な媒体を通じて情報発信を行っています。",
            ])),
        ),
        vision: vec![
            same("p1.v1", summary("全ての市民に開かれた行政となっています。")),
            row(
                "p1.v2",
                None,
                Some(summary("市政情報が公開されています。")),
                Some(summary("市政情報が公開されています。")),
            ),
        ],
        measures: vec![row(
            "p1.m1",
            Some(Modified),
            Some(measure(
                1,
                "広報広聴活動の充実",
                &["広報課"],
                &["様々な媒体を活用し、有効でわかりやすい情報発信を行います。"],
            )),
            Some(measure(
                1,
                "広報広聴活動の充実",
                &["広報課"],
                &["様々な媒体を活用し、有効でわかりやすい情報発信を積極的にを行います。"],
            )),
        )],
        collaboration: row(
            "p1.collab",
            None,
            Some(bullets(&[
                "広報紙をはじめ市ホームページ、SNS※の活用により、情報提供を行います。",
            ])),
            Some(bullets(&[
                "広報紙をはじめ市ホームページ、SNS※、コミュニティ放送等の活用により、情報提供を行います。",
            ])),
        ),
        projects: vec![same(
            "p1.j1",
            project(
                1,
                "広報活動の充実",
                "市ホームページ、SNS※など様々な媒体を活用します。",
            ),
        )],
        ..Policy::default()
    };
    let p2 = Policy {
        id: RowId::new("p2"),
        number: 2,
        name: "効率的・効果的な行政経営の推進".into(),
        survey: Some(survey(
            "効率的・効果的な行政経営が進んでいる",
            [-0.41, -0.30, -0.15],
            [0.91, 1.10, 1.07],
            25,
            25,
        )),
        sdgs: vec![
            sdg(9, "産業と技術革新の基盤を作ろう"),
            sdg(12, "つくる責任、つかう責任"),
        ],
        indicators: vec![Indicator {
            id: RowId::new("p2.i1"),
            kind: IndicatorKind::Outcome,
            as_current: true,
            name: "公衆Wi-Fi環境の整備施設数".into(),
            verdict: Some(IndicatorVerdict::NoProblem),
            change: String::new(),
            memo: String::new(),
        }],
        indicator_opinion: "公衆WiFi環境の整備施設数は、目標値を達成しており、設置が完了".into(),
        issues: same(
            "p2.issues",
            bullets(&["事務処理や意思決定の迅速化などを継続的に行うことが重要です。"]),
        ),
        vision: vec![same(
            "p2.v1",
            summary("住民に分かりやすい組織が構築されています。"),
        )],
        measures: vec![
            row(
                "p2.m1",
                Some(Modified),
                Some(measure(
                    1,
                    "行政改革の推進",
                    &["企画課"],
                    &[
                        "計画の推進期間は、平成30年度(2018年度)から平成34年度(2022年度)までの5年間とします。",
                    ],
                )),
                Some(measure(
                    1,
                    "行政改革の推進",
                    &["企画課"],
                    &[
                        "計画の推進期間は、令和5年度(2023年度)から令和9年度(2027年度)までの5年間とします。",
                    ],
                )),
            ),
            row(
                "p2.m2",
                Some(Modified),
                Some(measure(
                    2,
                    "民間委託等の推進",
                    &["企画課"],
                    &["公共施設の管理運営について、指定管理者制度※の活用等を行います。"],
                )),
                Some(measure(
                    2,
                    "民間委託等の推進",
                    &["企画課"],
                    &[
                        "公共施設の管理運営について、指定管理者制度の活用等を行い、利用者の満足度向上に努めます。",
                    ],
                )),
            ),
            row(
                "p2.m3",
                Some(Modified),
                Some(measure(
                    3,
                    "組織、機構の見直し",
                    &["企画課"],
                    &["迅速かつ柔軟に対応できる組織を目指します。"],
                )),
                Some(measure(
                    3,
                    "組織、機構の見直し",
                    &["企画課"],
                    &["迅速かつ柔軟に対応できる組織を目指します。"],
                )),
            ),
            row(
                "p2.m4",
                Some(Modified),
                Some(measure(
                    4,
                    "適正な人事管理",
                    &["行政管理課"],
                    &["再任用制度を踏まえ、定員管理を推進します。"],
                )),
                Some(measure(
                    4,
                    "適正な人事管理",
                    &["行政管理課"],
                    &["定年の段階的引上げにより、職員の働き方が多様になります。"],
                )),
            ),
            same(
                "p2.m5",
                measure(5, "協働連携による研究支援", &["企画課"], &[]),
            ),
        ],
        collaboration: row(
            "p2.collab",
            None,
            Some(summary("(現行計画に記載なし)")),
            Some(summary("(現時点では非記載を想定)")),
        ),
        related_plans: vec![
            row(
                "p2.r1",
                Some(Modified),
                Some(plan("行政改革大綱", "H30-R4年度", "方針を定めた大綱")),
                Some(plan("行政改革大綱", "R5-R9年度", "方針を定めた大綱")),
            ),
            row(
                "p2.r2",
                Some(Modified),
                Some(plan("定住自立圏共生ビジョン", "H27-31年度", "構想")),
                Some(plan("定住自立圏共生ビジョン", "R2-R6年度", "構想")),
            ),
            row(
                "p2.r3",
                Some(Modified),
                Some(plan("電子自治体推進指針", "H30年度-", "指針")),
                Some(plan("ICT推進指針", "R 5年度-", "指針")),
            ),
            row(
                "p2.r4",
                Some(New),
                None,
                Some(plan("特定事業主行動計画", "R2-R7年度", "")),
            ),
        ],
        projects: vec![
            same(
                "p2.j1",
                project(
                    1,
                    "指定管理者制度※の活用",
                    "公共施設について、指定管理者制度※の活用を推進します。",
                ),
            ),
            row(
                "p2.j2",
                Some(Deleted),
                Some(project(
                    2,
                    "公衆Wi-Fi環境の整備",
                    "公衆Wi-Fi環境を整備します。",
                )),
                None,
            ),
            row(
                "p2.j3",
                Some(Modified),
                Some(project(3, "定員適正化の推進", "定員の適正化を推進します。")),
                Some(project(
                    3,
                    "適正な定員管理の推進",
                    "定年の段階的引き上げに伴う働き方を踏まえ、定員管理を進めます。",
                )),
            ),
        ],
        ..Policy::default()
    };
    draft(vec![p1, p2])
}

/// `base` with its 施策大項目 repeated `times` times, every id made fresh.
pub fn replicated(base: &Draft, times: usize) -> Draft {
    base.replicated(times)
}
