//! One fixture per checker rule: a small draft of a synthetic city (みどり市, 子育て・教育分野)
//! written so that the rule fires. tests/check_rules.rs pins each rule's findings on its
//! fixture. Texts are written for the test, not copied from the bundled draft.

use shinkyu::model::ChangeStatus::{Deleted, Modified, New, Unchanged};
use shinkyu::model::*;

/// Builds a fixture.
pub type Fixture = fn() -> Draft;

/// Every rule code with the fixture that makes it fire, in the order of `check::rules()`.
pub const FIXTURES: &[(&str, Fixture)] = &[
    ("STR001", str001),
    ("STR002", str002),
    ("STA001", sta001),
    ("STA002", sta002),
    ("STA003", sta003),
    ("STA004", sta004),
    ("STA005", sta005),
    ("STA006", sta006),
    ("STA007", sta007),
    ("REQ001", req001),
    ("REQ002", req002),
    ("REQ003", req003),
    ("REQ004", req004),
    ("REQ005", req005),
    ("REQ006", req006),
    ("REQ007", req007),
    ("REQ008", req008),
    ("NUM001", num001),
    ("NUM002", num002),
    ("NUM003", num003),
    ("NUM004", num004),
    ("NUM005", num005),
    ("NUM006", num006),
    ("NUM007", num007),
    ("NUM008", num008),
    ("ERA001", era001),
    ("ERA002", era002),
    ("ERA003", era003),
    ("ERA004", era004),
    ("ERA005", era005),
    ("ERA006", era006),
    ("ERA007", era007),
    ("ERA008", era008),
    ("SDG001", sdg001),
    ("SDG002", sdg002),
    ("SDG003", sdg003),
    ("SDG004", sdg004),
    ("SRV001", srv001),
    ("SRV002", srv002),
    ("SRV003", srv003),
    ("SRV004", srv004),
    ("SRV005", srv005),
    ("JPN001", jpn001),
    ("JPN002", jpn002),
    ("JPN003", jpn003),
    ("JPN004", jpn004),
    ("JPN005", jpn005),
    ("JPN006", jpn006),
    ("JPN007", jpn007),
    ("WID001", wid001),
    ("WID002", wid002),
    ("WID003", wid003),
    ("WID004", wid004),
    ("WID005", wid005),
    ("YUR001", yur001),
    ("YUR002", yur002),
    ("YUR003", yur003),
    ("YUR004", yur004),
    ("YUR005", yur005),
    ("KOM001", kom001),
    ("KOM002", kom002),
    ("KOM003", kom003),
    ("SUP001", sup001),
];

/// The fixture of `code`.
pub fn fixture(code: &str) -> Option<Draft> {
    FIXTURES.iter().find(|(c, _)| *c == code).map(|(_, f)| f())
}

// --- the synthetic city ---------------------------------------------------------------------

fn city(policies: Vec<Policy>) -> Draft {
    Draft::new(
        Meta {
            plan_name: "みどり市総合計画 後期基本計画".into(),
            field_number: 2,
            field_name: "子育て・教育分野".into(),
            version_label: "素案1".into(),
            author_section: "企画政策課".into(),
            ..Meta::default()
        },
        policies,
    )
}

/// 施策大項目 1 「子育て支援の充実」 with `edit` applied.
fn policy(edit: impl FnOnce(&mut Policy)) -> Draft {
    let mut p = Policy::new("p1", 1, "子育て支援の充実");
    edit(&mut p);
    city(vec![p])
}

/// A 施策中項目 「1 子育て相談の充実」 changed to carry `items` on its revised side.
fn measure_saying(items: &[&str]) -> Draft {
    policy(|p| {
        p.measures = vec![Row::new(
            "p1-m1",
            Some(Modified),
            Some(Side::measure(
                1,
                "子育て相談の充実",
                &["子育て支援課"],
                &["子育てに関する相談に応じます。"],
            )),
            Some(Side::measure(
                1,
                "子育て相談の充実",
                &["子育て支援課"],
                items,
            )),
        )]
    })
}

/// 関連計画 rows (変更なし) with these periods.
fn plans_with_periods(periods: &[&str]) -> Draft {
    let names = [
        "みどり市子ども・子育て支援事業計画",
        "みどり市教育振興基本計画",
        "みどり市子ども読書活動推進計画",
        "みどり市青少年健全育成計画",
    ];
    policy(|p| {
        p.related_plans = periods
            .iter()
            .zip(names)
            .enumerate()
            .map(|(i, (period, name))| {
                Row::unchanged(
                    format!("p1-r{}", i + 1),
                    Side::plan(name, period, "計画の概要です。"),
                )
            })
            .collect()
    })
}

fn sdgs(list: &[(u32, &str)]) -> Draft {
    policy(|p| {
        p.sdgs = list.iter().map(|&(n, name)| SdgRef::new(n, name)).collect();
    })
}

fn survey(satisfaction: &[f64], rank: (u32, u32)) -> Survey {
    Survey {
        item: "子育てしやすい環境が整っている".into(),
        years: vec!["R1年".into(), "R3年".into(), "R5年".into()],
        satisfaction: satisfaction.to_vec(),
        importance: vec![0.85, 0.90, 0.95],
        satisfaction_rank: Some(Rank {
            rank: rank.0,
            of: rank.1,
        }),
        importance_rank: Some(Rank { rank: 5, of: 30 }),
    }
}

/// One 施策大項目 per survey.
fn surveys(list: Vec<Survey>) -> Draft {
    let names = ["子育て支援の充実", "学校教育の推進", "生涯学習の推進"];
    city(
        list.into_iter()
            .zip(names)
            .enumerate()
            .map(|(i, (s, name))| {
                let mut p = Policy::new(&format!("p{}", i + 1), i as u32 + 1, name);
                p.survey = Some(s);
                p
            })
            .collect(),
    )
}

fn indicator(name: &str, verdict: Option<IndicatorVerdict>) -> Indicator {
    Indicator {
        id: RowId::new("p1-i1"),
        kind: IndicatorKind::Outcome,
        as_current: true,
        name: name.into(),
        verdict,
        change: String::new(),
        memo: String::new(),
    }
}

fn project(n: u32, name: &str, summary: &str) -> Side {
    Side::project(n, name, summary)
}

// --- 構造 -----------------------------------------------------------------------------------

fn str001() -> Draft {
    let s = Side::with_summary("誰もが安心して子どもを産み育てられるまちになっています。");
    policy(|p| {
        p.vision = vec![
            Row::unchanged("p1-v1", s.clone()),
            Row::unchanged("p1-v1", s),
        ]
    })
}

fn str002() -> Draft {
    let s = Side::with_summary("子どもたちが地域で見守られています。");
    policy(|p| p.vision = vec![Row::unchanged("", s)])
}

// --- 変更区分 -------------------------------------------------------------------------------

fn sta001() -> Draft {
    let s = Side::measure(
        1,
        "子育て相談の充実",
        &["子育て支援課"],
        &["相談に応じます。"],
    );
    policy(|p| p.measures = vec![Row::new("p1-m1", Some(Modified), Some(s.clone()), Some(s))])
}

fn sta002() -> Draft {
    policy(|p| {
        p.measures = vec![Row::new(
            "p1-m1",
            Some(Unchanged),
            Some(Side::measure(
                1,
                "子育て相談の充実",
                &["子育て支援課"],
                &["相談に応じます。"],
            )),
            Some(Side::measure(
                1,
                "子育て相談の充実",
                &["子育て支援課"],
                &["相談体制を強化します。"],
            )),
        )]
    })
}

fn sta003() -> Draft {
    policy(|p| {
        p.projects = vec![Row::new(
            "p1-j1",
            Some(New),
            Some(project(1, "親子ひろばの運営", "親子の交流の場を設けます。")),
            Some(project(
                1,
                "子育て講座の開催",
                "保護者向けの講座を開きます。",
            )),
        )]
    })
}

fn sta004() -> Draft {
    policy(|p| {
        p.projects = vec![Row::new(
            "p1-j1",
            Some(Deleted),
            Some(project(
                1,
                "子育て情報誌の発行",
                "情報誌を年2回発行します。",
            )),
            Some(project(
                1,
                "子育て情報誌の発行",
                "情報誌を年2回発行します。",
            )),
        )]
    })
}

fn sta005() -> Draft {
    let s = Side::with_summary("子どもたちが地域で見守られています。");
    policy(|p| p.vision = vec![Row::new("p1-v1", None, Some(s.clone()), Some(s))])
}

fn sta006() -> Draft {
    policy(|p| {
        p.related_plans = vec![Row::new(
            "p1-r1",
            Some(Modified),
            None,
            Some(Side::plan(
                "みどり市こども計画",
                "R7-R11年度",
                "こども施策を総合的に進める計画です。",
            )),
        )]
    })
}

fn sta007() -> Draft {
    policy(|p| {
        p.projects = vec![
            Row::unchanged("p1-j1", project(1, "子育て相談事業", "相談に応じます。")),
            Row::new(
                "p1-j2",
                Some(Modified),
                Some(project(2, "親子ひろばの運営", "親子の交流の場を設けます。")),
                Some(project(2, "子育て講座の開催", "親子の交流の場を設けます。")),
            ),
            Row::new(
                "p1-j3",
                Some(Modified),
                Some(project(
                    3,
                    "子育て講座の開催",
                    "保護者向けの講座を開きます。",
                )),
                Some(project(
                    3,
                    "親子ひろばの運営",
                    "保護者向けの講座を開きます。",
                )),
            ),
        ]
    })
}

// --- 必須項目 -------------------------------------------------------------------------------

fn req001() -> Draft {
    policy(|p| {
        p.projects = vec![Row::new(
            "p1-j1",
            Some(Modified),
            Some(project(
                1,
                "放課後児童クラブの運営",
                "放課後の居場所を設けます。",
            )),
            Some(project(1, "放課後児童クラブの運営", "")),
        )]
    })
}

fn req002() -> Draft {
    policy(|p| {
        p.indicators = vec![indicator(
            "子育て相談の件数",
            Some(IndicatorVerdict::NeedsChange),
        )]
    })
}

fn req003() -> Draft {
    policy(|p| p.rename = Rename::Renamed(String::new()))
}

fn req004() -> Draft {
    policy(|p| {
        p.related_plans = vec![Row::new(
            "p1-r1",
            Some(New),
            None,
            Some(Side::plan("みどり市こども計画", "R7-R11年度", "")),
        )]
    })
}

fn req005() -> Draft {
    policy(|p| {
        p.measures = vec![Row::new(
            "p1-m1",
            Some(New),
            None,
            Some(Side::measure(
                2,
                "子どもの居場所づくり",
                &[],
                &["居場所を増やします。"],
            )),
        )]
    })
}

fn req006() -> Draft {
    policy(|p| {
        p.projects = vec![Row::new(
            "p1-j1",
            Some(Modified),
            Some(project(1, "子育て相談事業", "相談に応じます。")),
            Some(project(1, "", "相談に応じ、関係機関につなぎます。")),
        )]
    })
}

fn req007() -> Draft {
    policy(|p| p.indicators = vec![indicator("子育て相談の件数", None)])
}

fn req008() -> Draft {
    measure_saying(&["放課後の居場所づくりの進め方は調整中です。"])
}

// --- 番号 -----------------------------------------------------------------------------------

fn num001() -> Draft {
    let m = |n, name: &str| Side::measure(n, name, &["子育て支援課"], &["相談に応じます。"]);
    policy(|p| {
        p.measures = vec![
            Row::unchanged("p1-m1", m(1, "子育て相談の充実")),
            Row::unchanged("p1-m2", m(2, "保育サービスの充実")),
            Row::unchanged("p1-m3", m(4, "ひとり親家庭への支援")),
        ]
    })
}

fn num002() -> Draft {
    policy(|p| {
        p.projects = vec![
            Row::unchanged("p1-j1", project(1, "子育て相談事業", "相談に応じます。")),
            Row::new(
                "p1-j2",
                Some(Deleted),
                Some(project(2, "子育て情報誌の発行", "情報誌を発行します。")),
                None,
            ),
            Row::new(
                "p1-j3",
                Some(Modified),
                Some(project(3, "親子ひろばの運営", "交流の場を設けます。")),
                Some(project(
                    3,
                    "親子ひろばの運営",
                    "交流の場を市内3か所に設けます。",
                )),
            ),
        ]
    })
}

fn num003() -> Draft {
    policy(|p| {
        p.projects = (1..=21)
            .map(|n| {
                Row::unchanged(
                    format!("p1-j{n}"),
                    project(n, &format!("子育て支援事業{n}"), "支援を行います。"),
                )
            })
            .collect()
    })
}

fn num004() -> Draft {
    measure_saying(&["相談窓口は①から㉑までの番号で案内します。"])
}

fn num005() -> Draft {
    measure_saying(&["①相談の受付②情報の提供④関係機関との連携を行います。"])
}

fn num006() -> Draft {
    city(vec![
        Policy::new("p1", 1, "子育て支援の充実"),
        Policy::new("p3", 3, "学校教育の推進"),
    ])
}

fn num007() -> Draft {
    let mut side = project(0, "子ども食堂への支援", "子ども食堂の運営を支援します。");
    side.number = None;
    policy(|p| p.projects = vec![Row::new("p1-j1", Some(New), None, Some(side))])
}

fn num008() -> Draft {
    policy(|p| {
        p.projects = vec![
            Row::unchanged("p1-j1", project(1, "子育て相談事業", "相談に応じます。")),
            Row::new(
                "p1-j2",
                Some(New),
                None,
                Some(project(2, "②子ども食堂への支援", "運営を支援します。")),
            ),
        ]
    })
}

// --- 元号・期間 -----------------------------------------------------------------------------

fn era001() -> Draft {
    measure_saying(&["保育所の整備は平成33年度までに終える予定でした。"])
}

fn era002() -> Draft {
    measure_saying(&["令和6年度(2023年度)から相談窓口を開設します。"])
}

fn era003() -> Draft {
    plans_with_periods(&["R10-R6年度"])
}

fn era004() -> Draft {
    measure_saying(&["計画期間は令和7年度から令和11年度までの4年間とします。"])
}

fn era005() -> Draft {
    plans_with_periods(&["H30-R4年度", "R5-R9年度", "H28-31年度"])
}

fn era006() -> Draft {
    plans_with_periods(&["R 7年度-"])
}

fn era007() -> Draft {
    plans_with_periods(&["R2-R6年度", "R7-R11年度", "R5～R9年度"])
}

fn era008() -> Draft {
    plans_with_periods(&["R2-R6年度", "R7-R11年度", "令和5年度-令和9年度"])
}

// --- SDGs -----------------------------------------------------------------------------------

fn sdg001() -> Draft {
    sdgs(&[(4, "質の高い教育をみんなに"), (18, "子どもの未来を守ろう")])
}

fn sdg002() -> Draft {
    sdgs(&[(4, "質の高い教育をみんなで")])
}

fn sdg003() -> Draft {
    sdgs(&[(4, "質の高い教育をみんなに"), (4, "質の高い教育をみんなに")])
}

fn sdg004() -> Draft {
    sdgs(&[(12, "つくる責任、つかう責任")])
}

// --- 市民アンケート -------------------------------------------------------------------------

fn srv001() -> Draft {
    surveys(vec![survey(&[0.21, 0.35, 4.1], (8, 30))])
}

fn srv002() -> Draft {
    surveys(vec![survey(&[0.21, 0.35], (8, 30))])
}

fn srv003() -> Draft {
    surveys(vec![
        survey(&[0.21, 0.35, 0.41], (8, 30)),
        survey(&[0.10, 0.12, 0.15], (15, 31)),
    ])
}

fn srv004() -> Draft {
    surveys(vec![survey(&[0.21, 0.35, 0.41], (31, 30))])
}

fn srv005() -> Draft {
    surveys(vec![
        survey(&[0.21, 0.35, 0.41], (12, 30)),
        survey(&[0.10, 0.12, 0.38], (9, 30)),
    ])
}

// --- 文章 -----------------------------------------------------------------------------------

fn jpn001() -> Draft {
    measure_saying(&[
        "地域の子育て情報をを発信します。",
        "保護者の不安にを寄り添う相談を行います。",
    ])
}

fn jpn002() -> Draft {
    measure_saying(&["子育て支援支援の充実を図ります。"])
}

fn jpn003() -> Draft {
    measure_saying(&["児童数（各年4月1日現在)の推移を公表します。"])
}

fn jpn004() -> Draft {
    measure_saying(&["市内5ヶ所で開催し、3ヵ月ごとに見直します。"])
}

fn jpn005() -> Draft {
    measure_saying(&["保護者の相談に応じます。。"])
}

fn jpn006() -> Draft {
    measure_saying(&["・子育て講座を開催します。"])
}

fn jpn007() -> Draft {
    measure_saying(&[
        "子育て相談の件数 前年比110%を目指します。",
        "相談に応じます。 ",
    ])
}

// --- 全角・半角 -----------------------------------------------------------------------------

fn wid001() -> Draft {
    measure_saying(&["令和7年度(2025年度)から5年間、２０２９年度まで実施します。"])
}

fn wid002() -> Draft {
    measure_saying(&["ICTとAIを活用し、ＳＮＳで発信します。"])
}

fn wid003() -> Draft {
    measure_saying(&["(保育所)と(認定こども園)と（幼稚園）の連携を進めます。"])
}

fn wid004() -> Draft {
    measure_saying(&["事業名：変更、事業概要：変更、期間:変更"])
}

fn wid005() -> Draft {
    measure_saying(&["相談に応じ、助言し，支援します。"])
}

// --- 表記ゆれ -------------------------------------------------------------------------------

fn yur001() -> Draft {
    measure_saying(&[
        "留学生の受入れを進めます。",
        "実習生の受入れが増えています。",
        "ボランティアの受け入れを支援します。",
    ])
}

fn yur002() -> Draft {
    measure_saying(&[
        "ワーク・ライフ・バランスの推進に取り組みます。",
        "ワーク・ライフ・バランスの啓発を行います。",
        "ワークライフバランスの相談に応じます。",
    ])
}

fn yur003() -> Draft {
    measure_saying(&[
        "学校のコンピューターを更新します。",
        "家庭のコンピューターの貸出しを行います。",
        "コンピュータの研修を行います。",
    ])
}

fn yur004() -> Draft {
    measure_saying(&["わかりやすい案内を作ります。"])
}

fn yur005() -> Draft {
    city(vec![
        {
            let mut p = Policy::new("p1", 1, "子育て支援の充実");
            p.collaboration.revised = Some(Side::with_summary(
                "本事業は、関係課と連携して令和8年度までに見直しを行います。",
            ));
            p
        },
        {
            let mut p = Policy::new("p2", 2, "学校教育の推進");
            p.collaboration.revised = Some(Side::with_summary(
                "本事業は、関係課と協議して令和8年度までに見直しを行います。",
            ));
            p
        },
        {
            let mut p = Policy::new("p3", 3, "生涯学習の推進");
            p.collaboration.revised = Some(Side::with_summary(
                "本事業は、関係課と連携して令和8年度までに見直しを行います。",
            ));
            p
        },
    ])
}

// --- ※印 ------------------------------------------------------------------------------------

fn kom001() -> Draft {
    policy(|p| {
        // This draft marks its terms at every occurrence (パブリックコメント※ twice).
        p.issues.revised = Some(Side::with_bullets(&[
            "オープンデータの公開を進め、パブリックコメント※を行っています。",
        ]));
        p.collaboration.revised = Some(Side::with_bullets(&[
            "パブリックコメント※の結果とオープンデータ※の活用方法を市民に公表します。",
        ]));
    })
}

fn kom002() -> Draft {
    let mut d = policy(|p| {
        p.issues.revised = Some(Side::with_bullets(&[
            "GIS※とオープンデータ※で子育て施設の情報を公開します。",
        ]));
    });
    d.glossary = vec![GlossaryEntry {
        term: "GIS".into(),
        explanation: "地理情報システム。".into(),
    }];
    d
}

fn kom003() -> Draft {
    measure_saying(&["子育て情報を発信します、※"])
}

// --- 抑止 -----------------------------------------------------------------------------------

fn sup001() -> Draft {
    let mut d = measure_saying(&["市内5か所で開催します。"]);
    // Ignored when the text read 「5ヶ所」; the text has been fixed since.
    d.suppressions = vec![Suppression {
        code: "JPN004".into(),
        key: "JPN004|p1-m1|改定案|ヶ".into(),
        reason: "原文のまま".into(),
        author: "企画政策課".into(),
        date: "2026-04-01".into(),
    }];
    d
}
