//! 貼り付けて取り込む, the core: text as Word, Excel and a PDF reader put it on the clipboard
//! (tests/fixtures/paste/, see its README), read into rows of each block; nothing dropped
//! silently; text that fits no pattern; the limits; and the rows fitted into a draft and
//! applied as one undo step on either side.

use std::collections::HashMap;

use shinkyu::edit::{Command, Document};
use shinkyu::import::paste::{
    Destination, MAX_BYTES, MAX_LINES, PasteError, Preview, Skip, is_blank_char, parse,
};
use shinkyu::model::{BlockKind, ChangeStatus, Draft, NewDraft, PolicyStatus, Side};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/paste/{name}", env!("CARGO_MANIFEST_DIR"));
    String::from_utf8(std::fs::read(&path).expect(&path)).expect("UTF-8")
}

const FIXTURES: [&str; 12] = [
    "excel-measures.tsv",
    "excel-plans.tsv",
    "excel-projects.tsv",
    "word-table-measures.txt",
    "word-bullets-vision.txt",
    "word-bullets-collab.txt",
    "word-paragraphs-issues.txt",
    "pdf-issues.txt",
    "pdf-measures.txt",
    "pdf-plans.txt",
    "pdf-projects.txt",
    "text-unrecognised.txt",
];

fn sides(p: &Preview) -> Vec<&Side> {
    p.rows.iter().map(|r| &r.side).collect()
}

fn measure(n: u32, name: &str, departments: &[&str], bullets: &[&str]) -> Side {
    Side::measure(n, name, departments, bullets)
}

#[test]
fn excel_measures_with_cells_of_several_lines() {
    let p = parse(BlockKind::Measures, &fixture("excel-measures.tsv")).unwrap();
    assert!(p.recognised);
    assert_eq!(
        sides(&p),
        [
            &measure(
                1,
                "地域福祉の推進",
                &["福祉総務課", "社会福祉協議会支援室"],
                &[
                    "地域住民や関係団体が支え合う仕組みづくりを進め、地域の課題を地域で解決する力を高めます。",
                    "民生委員・児童委員の活動を支援し、身近な相談相手としての役割を果たせるようにします。",
                ],
            ),
            &measure(
                2,
                "生活困窮者の自立支援",
                &["生活福祉課"],
                &[
                    "相談窓口「くらしサポートさくら」で、生活や仕事の困りごとに一体的に対応します。",
                    "就労に向けた準備や家計の見直しを、一人ひとりに寄り添って支援します。",
                    "子どもの学習支援を通じて、\"貧困の連鎖\"を防ぎます。",
                ],
            ),
            &measure(
                3,
                "権利擁護の推進",
                &["福祉総務課", "高齢福祉課"],
                &["成年後見制度の利用を促進し、判断能力が十分でない人の権利を守ります。"],
            ),
            &measure(4, "再犯防止の推進", &[], &[]),
        ]
    );
    // The header row is shown as a heading; the first item's row starts on line 2.
    assert_eq!(p.lines[0].skipped, Some(Skip::Heading));
    assert_eq!(p.rows[1].first_line, 3);
    // Line 2 of the file is the second line of a cell of row 1.
    assert_eq!(p.lines[2].uses[0].row, 0);
}

#[test]
fn a_word_table_whose_paragraphs_break_the_grid_reads_as_the_same_items() {
    let word = parse(BlockKind::Measures, &fixture("word-table-measures.txt")).unwrap();
    let excel = parse(BlockKind::Measures, &fixture("excel-measures.tsv")).unwrap();
    assert_eq!(word.rows.len(), 3);
    assert_eq!(word.rows[0].side, excel.rows[0].side);
    assert_eq!(word.rows[2].side, excel.rows[2].side);
    assert_eq!(
        word.rows[1].side.bullets[..],
        excel.rows[1].side.bullets[..2]
    );
    assert!(word.notes.iter().any(|n| n.contains("表")));
}

#[test]
fn a_pdf_joins_lines_broken_inside_a_sentence_and_leaves_page_furniture_out() {
    let p = parse(BlockKind::Measures, &fixture("pdf-measures.txt")).unwrap();
    assert_eq!(
        sides(&p),
        [
            &measure(
                1,
                "地域包括ケアシステムの深化",
                &["高齢福祉課", "健康づくり課"],
                &[
                    "医療・介護・予防・住まい・生活支援が一体的に提供される地域包括ケアシステムの深化を図るため、多職種による地域ケア会議を定期的に開催します。",
                    "在宅医療と介護の連携を推進し、切れ目のないサービス提供体制を構築します。",
                ],
            ),
            &measure(
                2,
                "介護予防と生きがいづくりの推進",
                &["高齢福祉課"],
                &[
                    "住民主体の通いの場を拡充し、体操教室や茶話会などを通じて、高齢者が身近な地域で介護予防に取り組めるよう支援します。"
                ],
            ),
            &measure(
                3,
                "認知症施策の推進",
                &["高齢福祉課", "地域包括支援センター"],
                &[
                    "認知症の早期発見・早期対応に向け、認知症初期集中支援チームの活動を充実します。",
                    "認知症サポーターの養成を継続し、見守りネットワークを広げます。",
                ],
            ),
        ]
    );
    let skipped: Vec<(&str, Skip)> = p
        .lines
        .iter()
        .filter_map(|l| l.skipped.map(|s| (l.text.trim_start_matches('\u{c}'), s)))
        .collect();
    assert_eq!(
        skipped,
        [
            ("第2章 健康福祉分野", Skip::Heading),
            ("施策中項目", Skip::Heading),
            ("- 24 -", Skip::PageNumber),
            ("第2章 健康福祉分野", Skip::Heading),
            ("- 25 -", Skip::PageNumber),
        ]
    );
    let joined: Vec<usize> = (0..p.lines.len())
        .filter(|&i| p.lines[i].uses.iter().any(|u| u.joined))
        .collect();
    assert_eq!(joined.len(), 2, "two sentences broken across lines");

    // 現況と課題 over a page break: four ● paragraphs, each whole.
    let p = parse(BlockKind::Issues, &fixture("pdf-issues.txt")).unwrap();
    let b = &p.rows[0].side.bullets;
    assert_eq!(b.len(), 4, "{b:#?}");
    assert_eq!(
        b[3],
        "介護人材の不足が深刻になっており、介護職員の確保と定着、業務の効率化に向けたＩＣＴの活用が課題となっています。今後は事業所と連携し、研修の充実や働きやすい職場環境づくりを支援していく必要があります。"
    );
    assert!(b[0].ends_with("体制づくりを進めてきました。"));
}

#[test]
fn related_plans_from_excel_and_from_a_pdf_table() {
    let p = parse(BlockKind::RelatedPlans, &fixture("excel-plans.tsv")).unwrap();
    assert_eq!(
        sides(&p),
        [
            &Side::plan(
                "さくら市地域福祉計画（第４期）",
                "R4-R8年度",
                "地域住民、事業者、行政が協働して地域福祉を推進するための基本的な方向を示す計画"
            ),
            &Side::plan(
                "さくら市障害者計画",
                "R6-R11年度",
                "障害のある人が自分らしく暮らせるまちを目指す計画\n障害福祉計画・障害児福祉計画と一体的に策定"
            ),
            &Side::plan(
                "さくら市子ども・子育て支援事業計画",
                "令和7年度～令和11年度",
                "教育・保育と子育て支援事業の量の見込みと確保の方策を定める計画"
            ),
        ]
    );
    let p = parse(BlockKind::RelatedPlans, &fixture("pdf-plans.txt")).unwrap();
    let s = sides(&p);
    assert_eq!(s.len(), 3);
    assert_eq!(
        s[1],
        &Side::plan(
            "さくら市地域福祉計画",
            "R4-R8年度",
            "地域住民、事業者、行政が協働して地域福祉を推進するための基本的な方向を示す計画"
        )
    );
    // A period wrapped in its column is put back together.
    assert_eq!(
        s[2],
        &Side::plan(
            "さくら市健康増進計画（第３次）",
            "令和5年度～令和14年度",
            "市民の健康づくりを総合的に推進するための計画"
        )
    );
    // A name wrapped in its column comes out between the 概要's lines in a PDF's reading order:
    // not lost — in the 概要, where the preview shows it to be moved.
    assert_eq!(s[0].name, "さくら市高齢者福祉計画・第９期");
    assert_eq!(s[0].period, "R6-R8年度");
    assert!(s[0].summary.contains("介護保険事業計画"));
}

#[test]
fn projects_from_excel_and_from_a_pdf_table() {
    let expected = |p: &Preview| -> Vec<(Option<u32>, String)> {
        p.rows
            .iter()
            .map(|r| (r.side.number, r.side.name.clone()))
            .collect()
    };
    let x = parse(BlockKind::Projects, &fixture("excel-projects.tsv")).unwrap();
    assert_eq!(
        expected(&x),
        [
            (Some(1), "地域福祉活動への補助".to_string()),
            (Some(2), "生活困窮者自立相談支援事業".to_string()),
            (Some(3), "成年後見制度利用支援事業".to_string()),
        ]
    );
    assert_eq!(
        x.rows[1].side.summary,
        "生活困窮者の相談に応じ、支援計画を作成して関係機関と連携した支援を行います。\n（国庫補助3/4）"
    );
    let p = parse(BlockKind::Projects, &fixture("pdf-projects.txt")).unwrap();
    assert_eq!(
        sides(&p),
        [
            &Side::project(
                1,
                "地域ケア会議の開催",
                "多職種が参加する地域ケア会議を開催し、個別事例の検討を通じて地域課題を把握します。"
            ),
            &Side::project(
                2,
                "通いの場の立ち上げ支援",
                "住民主体の通いの場の立ち上げに要する経費を補助し、運営の相談に応じます。"
            ),
            &Side::project(
                3,
                "認知症カフェの運営支援",
                "認知症の人や家族、地域住民が気軽に集える認知症カフェの運営を支援します。"
            ),
        ]
    );
    // A PDF line with the 概要 after the name.
    let p = parse(
        BlockKind::Projects,
        "①見守り活動の支援 地区の見守り活動を支援します。\n②配食サービス 一人暮らしの高齢者に\n食事を届けます。\n",
    )
    .unwrap();
    assert_eq!(
        sides(&p),
        [
            &Side::project(1, "見守り活動の支援", "地区の見守り活動を支援します。"),
            &Side::project(2, "配食サービス", "一人暮らしの高齢者に食事を届けます。"),
        ]
    );
}

#[test]
fn bullets_from_word_lists_and_paragraphs() {
    // Symbol-font bullets (U+F0B7 + tab), a typed ・ with a full-width space, an NBSP.
    let p = parse(BlockKind::Vision, &fixture("word-bullets-vision.txt")).unwrap();
    let texts: Vec<&str> = p.rows.iter().map(|r| r.side.summary.as_str()).collect();
    assert_eq!(
        texts,
        [
            "地域の誰もが役割を持ち、支え合いながら安心して暮らしています。",
            "支援が必要な人が、必要なときに適切な相談や支援につながっています。",
            "障害のある人もない人も、互いの個性を尊重し合い、共に暮らしています。",
            "判断能力が十分でない人の権利が守られ、 住み慣れた地域で生活しています。",
        ]
    );
    assert_eq!(p.lines[0].skipped, Some(Skip::Heading));
    assert_eq!(p.lines[1].markers, ["\u{f0b7}"]);
    assert!(
        !p.notes.iter().any(|n| n.contains("表")),
        "a list is no table"
    );

    let p = parse(
        BlockKind::Collaboration,
        &fixture("word-bullets-collab.txt"),
    )
    .unwrap();
    assert_eq!(p.rows.len(), 1);
    assert_eq!(
        p.rows[0].side.bullets,
        [
            "地区社会福祉協議会や自治会と連携し、見守り活動やふれあいサロンの運営を支援します。",
            "ボランティア団体やNPO法人と協働し、\u{3000}生活支援の担い手を育成します。",
        ]
    );
    // Paragraphs without bullets, each a sentence: each its own ●.
    let p = parse(BlockKind::Issues, &fixture("word-paragraphs-issues.txt")).unwrap();
    assert_eq!(p.rows[0].side.bullets.len(), 3);
    assert!(p.rows[0].side.bullets[1].starts_with("本市では、"));
    // Short lines without bullets and without 。 are items too, never run together.
    let p = parse(BlockKind::Vision, "安全なまち\r\n元気なまち\r\n").unwrap();
    assert_eq!(p.rows.len(), 2);
}

#[test]
fn text_that_fits_no_pattern_is_one_row_with_every_line_kept() {
    let text = fixture("text-unrecognised.txt");
    let lines = [
        "打合せメモ（4/12）",
        "担当：福祉総務課 山田",
        "計画の見直し時期は未定。来週までに確認する",
        "以上",
    ];
    let p = parse(BlockKind::Measures, &text).unwrap();
    assert!(!p.recognised);
    assert_eq!(p.rows.len(), 1);
    assert!(p.rows[0].unrecognised);
    assert_eq!(p.rows[0].side.bullets, lines);
    assert!(p.notes[0].contains("読み取れなかった"), "{:?}", p.notes);
    for kind in [BlockKind::RelatedPlans, BlockKind::Projects] {
        let p = parse(kind, &text).unwrap();
        assert!(!p.recognised, "{kind:?}");
        assert_eq!(p.rows.len(), 1);
        assert_eq!(p.rows[0].side.summary, lines.join("\n"));
    }
    // Lines before the first 施策中項目 are kept in a row of their own, flagged.
    let p = parse(
        BlockKind::Measures,
        "各課からの回答をまとめたもの\n1 地域福祉の推進\n●支え合いを進めます。\n",
    )
    .unwrap();
    assert!(p.recognised);
    assert_eq!(p.rows.len(), 2);
    assert!(p.rows[0].unrecognised);
    assert_eq!(p.rows[0].side.bullets, ["各課からの回答をまとめたもの"]);
    assert_eq!(p.rows[1].side.name, "地域福祉の推進");
}

/// Every non-blank character of the input is in the preview: in a row's text, among the
/// markers its line consumed (●, 1, 評価回答部署：, 、, quotes), or in a line shown as skipped.
fn assert_accounted(kind: BlockKind, text: &str) {
    let Ok(p) = parse(kind, text) else {
        assert!(text.chars().all(is_blank_char), "refused: {text:?}");
        return;
    };
    let mut want: HashMap<char, i64> = HashMap::new();
    for c in text.chars().filter(|c| !is_blank_char(*c)) {
        *want.entry(c).or_default() += 1;
    }
    let mut got: HashMap<char, i64> = HashMap::new();
    let mut add = |s: &str| {
        for c in s.chars().filter(|c| !is_blank_char(*c)) {
            *got.entry(c).or_default() += 1;
        }
    };
    for r in &p.rows {
        let s = &r.side;
        add(&s.name);
        add(&s.period);
        add(&s.summary);
        s.departments.iter().for_each(|d| add(d));
        s.bullets.iter().for_each(|b| add(b));
    }
    for l in &p.lines {
        if l.skipped.is_some() {
            add(&l.text);
        } else {
            l.markers.iter().for_each(|m| add(m));
        }
    }
    want.retain(|_, n| *n != 0);
    got.retain(|_, n| *n != 0);
    let mut diff: Vec<(char, i64)> = want
        .keys()
        .chain(got.keys())
        .map(|c| {
            (
                *c,
                want.get(c).copied().unwrap_or(0) - got.get(c).copied().unwrap_or(0),
            )
        })
        .filter(|(_, d)| *d != 0)
        .collect();
    diff.sort();
    diff.dedup();
    assert!(
        diff.is_empty(),
        "{kind:?}: characters lost (+) or added (-): {diff:?} in {text:?}"
    );
}

#[test]
fn every_non_blank_character_reaches_the_preview() {
    let mut texts: Vec<String> = FIXTURES.iter().map(|f| fixture(f)).collect();
    // Awkward inputs: lone quotes, empty cells, bullets alone, numbers alone, labels alone,
    // page numbers run into text, control characters, a huge cell.
    texts.extend(
        [
            "\"\n\"\"\t\"a\"b\t\"\r\n",
            "\t\t\t\r\n\t●\t\r\n1\t\t2\r\n",
            "●\n\n●\n本文だけ\n",
            "1\n名称\n評価回答部署\n企画課、 財政課 ,秘書課\n内容\n●一\n- 3 - 続き\n",
            "① \n②\n(3)\n（４）計画\tH30-\tR4年度\n",
            "\u{feff}\u{200b}●見えない文字\u{200d}\u{000b}次の行\u{2028}その次\u{000c}改ページ\n",
            &format!("\"{}\"", "長い文。\n".repeat(3000)),
            "第2章 健康福祉分野\n12\n第2章 健康福祉分野\n13\n本文\n",
        ]
        .map(String::from),
    );
    for text in &texts {
        for kind in BlockKind::ALL {
            assert_accounted(kind, text);
        }
    }
}

#[test]
fn limits_empty_text_and_a_huge_paste() {
    assert_eq!(
        parse(BlockKind::Issues, " \r\n\t\u{3000}\n"),
        Err(PasteError::Empty)
    );
    // The largest paste accepted: MAX_LINES lines.
    let line = "●地域の見守り活動を支援し、高齢者が安心して暮らせる環境を整えます。\n";
    let huge = line.repeat(MAX_LINES);
    let p = parse(BlockKind::Issues, &huge).unwrap();
    assert_eq!(p.rows[0].side.bullets.len(), MAX_LINES);
    // One more line is refused, with a message that says the limit.
    let e = parse(BlockKind::Issues, &format!("{huge}●もう一行")).unwrap_err();
    assert!(matches!(e, PasteError::TooLarge { lines, .. } if lines == MAX_LINES + 1));
    let msg = e.to_string();
    assert!(
        msg.contains("上限は100000行") && msg.contains("分けて"),
        "{msg}"
    );
    // And so are too many bytes.
    let wide = "あ".repeat(MAX_BYTES / 3 + 1);
    assert!(matches!(
        parse(BlockKind::Issues, &wide),
        Err(PasteError::TooLarge { lines: 1, .. })
    ));
}

fn new_draft() -> Draft {
    NewDraft {
        plan_name: "さくら市総合計画 後期基本計画".into(),
        field_number: 2,
        field_name: "健康福祉分野".into(),
        policies: vec!["高齢者福祉の充実".into()],
        ..NewDraft::default()
    }
    .build()
    .unwrap()
}

#[test]
fn the_current_side_gives_unchanged_rows_the_revised_side_new_ones_one_undo_step() {
    let preview = parse(BlockKind::Measures, &fixture("pdf-measures.txt")).unwrap();
    let mut doc = Document::new(new_draft());
    let before = doc.draft().clone();

    let plan = preview.plan(doc.draft(), 0, Destination::Current).unwrap();
    assert_eq!(plan.rows.len(), 3);
    for (r, read) in plan.rows.iter().zip(&preview.rows) {
        assert_eq!(r.status, Some(ChangeStatus::Unchanged));
        assert_eq!(r.current.as_ref(), Some(&read.side));
        assert_eq!(r.revised, r.current, "改定案 = 現行");
    }
    let Command::Batch { label, commands } = &plan.command else {
        panic!("one batch");
    };
    assert_eq!(commands.len(), 1);
    assert_eq!(label, "貼り付けて取り込む（施策中項目・3行）");
    doc.apply(plan.command.clone(), 0.0).unwrap();
    assert_eq!(doc.draft().policies[0].measures, plan.rows);
    assert_eq!(
        doc.undo_label(),
        Some("貼り付けて取り込む（施策中項目・3行）")
    );
    doc.undo();
    assert_eq!(*doc.draft(), before, "one undo step takes it all back");

    // The revised side: 新規 rows without 現行.
    let plan = preview.plan(doc.draft(), 0, Destination::Revised).unwrap();
    assert!(plan.rows.iter().all(|r| r.status == Some(ChangeStatus::New)
        && r.current.is_none()
        && r.revised.is_some()));

    // Pasting again after rows exist: numbers continue, and the plan says so.
    doc.apply(
        preview
            .plan(doc.draft(), 0, Destination::Current)
            .unwrap()
            .command,
        1.0,
    )
    .unwrap();
    let again = preview.plan(doc.draft(), 0, Destination::Current).unwrap();
    let numbers: Vec<Option<u32>> = again
        .rows
        .iter()
        .map(|r| r.current.as_ref().unwrap().number)
        .collect();
    assert_eq!(numbers, [Some(4), Some(5), Some(6)]);
    assert!(
        again.notes.iter().any(|n| n.contains("4〜6")),
        "{:?}",
        again.notes
    );
    assert!(again.notes.iter().any(|n| n.contains("3行の後ろ")));
    let ids: std::collections::HashSet<String> = doc
        .draft()
        .all_ids()
        .map(|i| i.as_str().to_string())
        .collect();
    assert!(
        again.rows.iter().all(|r| !ids.contains(r.id.as_str())),
        "fresh ids"
    );
}

#[test]
fn single_row_blocks_get_bullets_appended_and_policy_status_decides_the_sides() {
    let mut draft = new_draft();
    let issues = parse(BlockKind::Issues, &fixture("word-paragraphs-issues.txt")).unwrap();
    // An empty 現況と課題 from the 現行 side: both sides hold the paragraphs.
    let plan = issues.plan(&draft, 0, Destination::Current).unwrap();
    let row = &plan.rows[0];
    assert_eq!(row.id.as_str(), "p1-issues");
    assert_eq!(row.current.as_ref().unwrap().bullets.len(), 3);
    assert_eq!(row.revised, row.current);
    shinkyu::edit::apply_to_draft(&mut draft, &plan.command).unwrap();
    // Then a revised paragraph: appended to the 改定案 only, nothing replaced.
    let more = parse(
        BlockKind::Issues,
        "●地域共生社会の実現に向けた体制整備が求められています。",
    )
    .unwrap();
    let plan = more.plan(&draft, 0, Destination::Revised).unwrap();
    let row = &plan.rows[0];
    assert_eq!(row.current.as_ref().unwrap().bullets.len(), 3);
    assert_eq!(row.revised.as_ref().unwrap().bullets.len(), 4);
    assert!(plan.notes[0].contains("そのまま残し"));

    // A 新規 施策大項目 has no 現行; a 削除 one no 改定案 (and its pasted rows are 削除).
    shinkyu::edit::apply_to_draft(
        &mut draft,
        &Command::AddPolicy {
            after: Some(0),
            name: "新しい施策".into(),
            status: PolicyStatus::New,
        },
    )
    .unwrap();
    let e = more.plan(&draft, 1, Destination::Current).unwrap_err();
    assert_eq!(e, PasteError::NoCurrentInNewPolicy);
    assert!(e.to_string().contains("改定案として"));
    shinkyu::edit::apply_to_draft(&mut draft, &Command::DeletePolicy { policy: 0 }).unwrap();
    assert_eq!(
        more.plan(&draft, 0, Destination::Revised).unwrap_err(),
        PasteError::NoRevisedInDeletedPolicy
    );
    let vision = parse(BlockKind::Vision, "●安心して暮らせるまち").unwrap();
    let plan = vision.plan(&draft, 0, Destination::Current).unwrap();
    assert_eq!(plan.rows[0].status, Some(ChangeStatus::Deleted));
    assert!(plan.rows[0].revised.is_none());
    assert_eq!(
        vision.plan(&draft, 9, Destination::Current).unwrap_err(),
        PasteError::NoSuchPolicy(9)
    );
}

#[test]
fn the_fixtures_hold_what_the_programs_write() {
    // A checkout that turned CRLF into LF, or an editor that dropped a tab, would make the
    // tests above prove less: check the bytes that matter.
    let excel = fixture("excel-measures.tsv");
    assert!(excel.ends_with("\t\t\r\n"), "trailing tabs, CRLF row end");
    assert!(
        excel.contains("\"●地域住民") && excel.contains("。\n●民生委員"),
        "quoted cell with LF"
    );
    assert!(excel.contains("\"\"貧困の連鎖\"\""), "doubled quotes");
    let word = fixture("word-bullets-vision.txt");
    assert!(word.contains("\u{f0b7}\t") && word.contains('\u{a0}') && word.contains("・\u{3000}"));
    assert_eq!(
        word.matches("\r\n").count(),
        word.matches('\n').count(),
        "CRLF only"
    );
    assert!(fixture("word-table-measures.txt").contains("1\u{3000}地域福祉の推進\t"));
    for pdf in ["pdf-issues.txt", "pdf-measures.txt"] {
        let t = fixture(pdf);
        assert!(t.contains('\u{c}'), "{pdf}: a form feed between pages");
        assert!(
            t.contains("- 24 -") && t.contains("第2章 健康福祉分野"),
            "{pdf}"
        );
    }
}
