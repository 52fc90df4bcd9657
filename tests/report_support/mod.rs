//! A small synthetic draft for the report tests, golden files and the benchmark: every block,
//! every status, a rename, and text that needs escaping. Nothing here is taken from the
//! bundled draft.

#![allow(dead_code)]

use shinkyu::model::{
    ChangeStatus, Draft, Indicator, IndicatorKind, IndicatorVerdict, Meta, Policy, PolicyStatus,
    Rank, Rename, Row, RowId, SCHEMA_VERSION, SdgRef, Side, Survey, Voice, VoiceForm,
};

/// A system program a test needs is missing. On a developer's machine the test says so and
/// skips that part; where `SHINKYU_REQUIRE_TOOLS` is set (CI installs them all), it fails, so
/// the check cannot pass unseen.
pub fn missing_tool(tool: &str, install: &str) {
    let msg = format!("{tool} not found (install {install})");
    if std::env::var_os("SHINKYU_REQUIRE_TOOLS").is_some() {
        panic!("{msg}; SHINKYU_REQUIRE_TOOLS is set");
    }
    eprintln!("{msg}: skipping this check");
}

/// Waits for a started program, killing it and failing after `limit`; it must succeed.
pub fn wait_for(mut child: std::process::Child, what: &str, limit: std::time::Duration) {
    let start = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for the program") {
            assert!(status.success(), "{what} failed: {status}");
            return;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("{what} did not finish in {} s", limit.as_secs());
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

pub fn side() -> Side {
    Side::default()
}

pub fn summary(text: &str) -> Side {
    Side::with_summary(text)
}

pub fn bullets(items: &[&str]) -> Side {
    Side::with_bullets(items)
}

pub fn measure(number: u32, name: &str, departments: &[&str], items: &[&str]) -> Side {
    Side::measure(number, name, departments, items)
}

pub fn plan(name: &str, period: &str, text: &str) -> Side {
    Side::plan(name, period, text)
}

pub fn project(number: u32, name: &str, text: &str) -> Side {
    Side::project(number, name, text)
}

pub fn row(
    id: &str,
    status: Option<ChangeStatus>,
    current: Option<Side>,
    revised: Option<Side>,
) -> Row {
    Row::new(id, status, current, revised)
}

use ChangeStatus::{Deleted, Modified, New, Unchanged};

/// Two 施策大項目 covering every block and status.
pub fn small_draft() -> Draft {
    let p1 = Policy {
        id: RowId::new("p1"),
        number: 1,
        name: "市政情報の発信と市民参加の推進".into(),
        rename: Rename::Unchanged,
        status: PolicyStatus::InForce,
        survey: Some(Survey {
            item: "市の情報発信が充実し、まちづくりに参加する機会が多い".into(),
            years: vec!["H28年".into(), "R3年".into()],
            satisfaction: vec![0.12, -0.05],
            importance: vec![0.81, 0.9],
            satisfaction_rank: Some(Rank { rank: 12, of: 30 }),
            importance_rank: Some(Rank { rank: 25, of: 30 }),
        }),
        voices: vec![
            Voice {
                source: "市民アンケート".into(),
                context: String::new(),
                quote: "広報紙が読みやすくなった。".into(),
                form: VoiceForm::Quote,
            },
            Voice {
                source: "ワークショップ".into(),
                context: "どんなまちになるとよいかについて".into(),
                quote: "若い世代に情報が届くまち".into(),
                form: VoiceForm::Quote,
            },
            Voice {
                source: "ワークショップ".into(),
                context: String::new(),
                quote: "参加者の6割が「知らなかった」と回答".into(),
                form: VoiceForm::Summary,
            },
        ],
        sdgs: vec![
            SdgRef {
                number: 10,
                name: "人や国の不平等をなくそう".into(),
            },
            SdgRef {
                number: 17,
                name: "パートナーシップで目標を達成しよう".into(),
            },
        ],
        indicators: vec![
            Indicator {
                id: RowId::new("p1-i1"),
                kind: IndicatorKind::Both,
                as_current: true,
                name: "ホームページへのアクセス数".into(),
                verdict: Some(IndicatorVerdict::NoProblem),
                change: String::new(),
                memo: String::new(),
            },
            Indicator {
                id: RowId::new("p1-i2"),
                kind: IndicatorKind::Status,
                as_current: true,
                name: "意見を聴く場の実施回数(対話集会等)".into(),
                verdict: Some(IndicatorVerdict::NeedsChange),
                change: "( )内の表記を変更".into(),
                memo: String::new(),
            },
        ],
        indicator_opinion: "目標値を見直す。\n現況と課題に文章を追加する。".into(),
        issues: row(
            "p1-issues",
            None,
            Some(bullets(&[
                "広報紙やホームページで市政の情報を発信しています。分かりやすい発信を心がける必要があります。",
                "市民の理解と信頼を深めることが重要です。",
            ])),
            Some(bullets(&[
                "広報紙、ホームページ、SNSなど様々な媒体で市政の情報を発信しています。分かりやすい発信を心がける必要があります。",
                "市政への関心と参加を高めることが重要です。",
            ])),
        ),
        vision: vec![
            row(
                "p1-v1",
                Some(Unchanged),
                Some(summary("誰もが市政の情報を得られるまち")),
                Some(summary("誰もが市政の情報を得られるまち")),
            ),
            row(
                "p1-v2",
                Some(Modified),
                Some(summary("「市長との対話集会」に多くの市民が参加している")),
                Some(summary(
                    "「市民と市長との対話集会」に多くの市民が参加している",
                )),
            ),
            row(
                "p1-v3",
                Some(New),
                None,
                Some(summary("デジタル技術で市民の声が届くまち")),
            ),
        ],
        measures: vec![
            row(
                "p1-m1",
                Some(Modified),
                Some(measure(
                    1,
                    "広報活動の充実",
                    &["秘書広報課"],
                    &["広報紙の内容を充実します。", "ホームページを改善します。"],
                )),
                Some(measure(
                    1,
                    "広報広聴活動の充実",
                    &["秘書広報課", "企画課"],
                    &[
                        "広報紙の内容を充実します。",
                        "ホームページとSNSを効果的に運用します。",
                    ],
                )),
            ),
            row(
                "p1-m2",
                Some(Deleted),
                Some(measure(
                    2,
                    "情報公開の推進",
                    &["総務課"],
                    &["情報公開を推進します。"],
                )),
                None,
            ),
        ],
        collaboration: row(
            "p1-collab",
            None,
            Some(summary("(現行計画に記載なし)")),
            Some(bullets(&[
                "市民と行政が情報を共有し、ともにまちをつくります。",
            ])),
        ),
        related_plans: vec![
            row(
                "p1-r1",
                Some(Modified),
                Some(plan("広報戦略", "H30-R4年度", "広報の基本方針を定める計画")),
                Some(plan("広報戦略", "R5-R9年度", "広報の基本方針を定める計画")),
            ),
            row(
                "p1-r2",
                Some(Deleted),
                Some(plan("旧計画", "H27年3月-", "役目を終えた計画")),
                None,
            ),
            row(
                "p1-r3",
                Some(New),
                None,
                Some(plan(
                    "デジタル化推進計画",
                    "R5-R9年度",
                    "行政のデジタル化の方針",
                )),
            ),
        ],
        projects: vec![
            row(
                "p1-j1",
                Some(Modified),
                Some(project(1, "広報紙発行事業", "広報紙を毎月発行する。")),
                Some(project(
                    1,
                    "広報紙等発行事業",
                    "広報紙を毎月発行し、電子版も配信する。",
                )),
            ),
            row(
                "p1-j2",
                Some(New),
                None,
                Some(project(2, "SNS運用事業", "SNSで情報を発信する。")),
            ),
        ],
        memo: String::new(),
    };
    let p2 = Policy {
        id: RowId::new("p2"),
        number: 2,
        name: "電子自治体の推進".into(),
        rename: Rename::Renamed("行政のデジタル化の推進".into()),
        status: PolicyStatus::InForce,
        survey: None,
        voices: vec![],
        sdgs: vec![SdgRef {
            number: 9,
            name: "産業と技術革新の基盤をつくろう".into(),
        }],
        indicators: vec![],
        indicator_opinion: String::new(),
        issues: row(
            "p2-issues",
            None,
            Some(bullets(&["<script>alert(\"x\")</script> & 'quote' の扱い"])),
            Some(bullets(&["<b>太字</b> & \"引用\" の扱い"])),
        ),
        vision: vec![row(
            "p2-v1",
            Some(Unchanged),
            Some(summary("手続がオンラインでできるまち")),
            Some(summary("手続がオンラインでできるまち")),
        )],
        measures: vec![],
        collaboration: row("p2-collab", None, None, None),
        related_plans: vec![],
        projects: vec![Row {
            memo: "事業名を変更（担当課意見）".into(),
            ..row(
                "p2-j1",
                Some(Modified),
                Some(project(1, "電子申請推進事業", "電子申請を推進する。")),
                Some(project(
                    1,
                    "オンライン手続推進事業",
                    "オンライン手続を推進する。",
                )),
            )
        }],
        memo: String::new(),
    };
    Draft {
        schema_version: SCHEMA_VERSION,
        meta: Meta {
            plan_name: "テスト市総合振興計画 後期基本計画".into(),
            title: "後期基本計画(素案)について".into(),
            field_number: 6,
            field_name: "行財政経営分野".into(),
            version_label: "素案1".into(),
            date: "2025-01-10".into(),
            author_section: "企画課".into(),
            memo: String::new(),
            ..Meta::default()
        },
        policies: vec![p1, p2],
        glossary: vec![],
        suppressions: vec![],
        ..Draft::default()
    }
}

/// A draft `n` times as large as `base`: its 施策大項目 repeated, renumbered, with fresh ids.
pub fn replicate(base: &Draft, n: usize) -> Draft {
    base.replicated(n)
}

/// Every piece of row text in the view: the lines of both sides.
pub fn row_texts(draft: &Draft) -> Vec<String> {
    let mut out = Vec::new();
    for (path, _, r) in draft.rows() {
        for side in [&r.current, &r.revised].into_iter().flatten() {
            out.extend(side.lines(path.block));
        }
    }
    out
}
