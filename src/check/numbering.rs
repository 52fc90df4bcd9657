//! Numbering: 施策大項目 1, 2 …, 施策中項目 1, 2 …, 事業 ①, ② …, and ①② sequences inside
//! text; circled numbers that Shift_JIS (CP932) cannot hold.

use super::corpus::plan_side;
use super::{Ctx, Finding, Fix, Location, Rule, Severity, text};
use crate::model::{
    BlockKind, ChangeStatus, PolicyStatus, RowPath, SideField, SideKind, circled_in_cp932,
    circled_number, circled_value,
};

/// NUM001 施策中項目の番号の飛び・重複: on one side, the 施策中項目 of a 施策大項目 are not
/// numbered 1, 2, 3 … in order.
pub const MEASURE_NUMBERS: &str = "NUM001";

/// NUM002 事業番号の飛び・重複: as NUM001 for the ①, ② … of 主な事業一覧. A 新規 事業 takes
/// the next number.
pub const PROJECT_NUMBERS: &str = "NUM002";

/// NUM003 ㉑以降の事業番号: a 事業 numbered above 20. ㉑ and beyond are not in Shift_JIS
/// (CP932): Excel or older Windows programs show them as ? or ・.
pub const CIRCLED_ABOVE_20: &str = "NUM003";

/// NUM004 ㉑以降の丸数字（本文）: a circled number ㉑ … ㊿ inside text. Fix: write (21).
pub const CIRCLED_IN_TEXT: &str = "NUM004";

/// NUM005 本文中の①②の順序: the circled numbers inside one text do not run ①, ②, ③ … in
/// order.
pub const INLINE_SEQUENCE: &str = "NUM005";

/// NUM006 施策大項目の番号: the 施策大項目 of the revised plan are not numbered 1, 2, 3 … in
/// order. A 削除 施策大項目 keeps its number in force and is left out of the sequence.
pub const POLICY_NUMBERS: &str = "NUM006";

/// NUM007 番号なし: a 施策中項目 or 事業 without a number.
pub const MISSING_NUMBER: &str = "NUM007";

/// NUM008 名称に番号: a name that starts with its own number (「⑯オンライン個別相談」,
/// 「3 組織の見直し」). The number is a separate field; the report would print it twice.
/// Fix: remove the number from the name.
pub const NUMBER_IN_NAME: &str = "NUM008";

pub(super) const RULES: &[Rule] = &[
    Rule {
        code: MEASURE_NUMBERS,
        family: "番号",
        severity: Severity::Warning,
        severity_note: "現行の番号はエラー",
        title: "施策中項目の番号の飛び・重複",
        fix: false,
        doc: "【内容】一つの施策大項目の施策中項目の番号が、現行または改定案で 1、2、3… と順に並んでいません（飛び、重複、逆戻り）。\n\
              【理由】飛びや重複は、行が抜けたか写し間違えたしるしです。改定案では、削除した行の後の番号を詰めます。現行の番号の誤りは写し間違いのため「エラー」、改定案の番号は振り直しを促す「警告」です。\n\
              【例】1、2、4（3がない）／1、2、2（2が重複）。\n\
              【直し方】番号を振り直してください（欄の「番号を振り直す」）。改定案では、削除した行の後を詰め、新規の行には続きの番号を付けます。",
    },
    Rule {
        code: PROJECT_NUMBERS,
        family: "番号",
        severity: Severity::Warning,
        severity_note: "現行の番号はエラー",
        title: "事業番号（①…）の飛び・重複",
        fix: false,
        doc: "【内容】主な事業一覧の事業番号（①、②…）が、現行または改定案で順に並んでいません（飛び、重複、逆戻り）。新規の事業は続きの番号を取ります。\n\
              【理由】NUM001 と同じく、行の抜けや写し間違いのしるしです。改定案では、削除した事業の後の番号を詰めます。\n\
              【例】改定案で③を削除した後も、①②④⑤⑥のまま。\n\
              【直し方】番号を振り直してください（欄の「番号を振り直す」）。",
    },
    Rule {
        code: CIRCLED_ABOVE_20,
        family: "番号",
        severity: Severity::Warning,
        severity_note: "",
        title: "㉑以降の事業番号（Shift_JISにない）",
        fix: false,
        doc: "【内容】事業番号が20を超えています（㉑以降）。\n\
              【理由】㉑以降の丸数字はShift_JIS（CP932）にないため、庁内でやり取りするExcelやCSV、古いWindowsのソフトで「?」や「・」に化けます。\n\
              【例】主な事業一覧の21番目の事業の番号が㉑。\n\
              【直し方】事業を整理して20以内に収めるか、番号の書き方（(21) など）を関係課と決めてください。",
    },
    Rule {
        code: CIRCLED_IN_TEXT,
        family: "番号",
        severity: Severity::Warning,
        severity_note: "",
        title: "本文中の㉑以降の丸数字",
        fix: true,
        doc: "【内容】文の中に㉑～㊿の丸数字があります。\n\
              【理由】NUM003 と同じく、ExcelやCSVで文字化けします。\n\
              【例】誤：項目は①から㉑まであります。\n\
              正：項目は①から(21)まであります。\n\
              【直し方】(21) のように書きます（修正ボタン）。",
    },
    Rule {
        code: INLINE_SEQUENCE,
        family: "番号",
        severity: Severity::Warning,
        severity_note: "",
        title: "本文中の①②…の飛び・重複",
        fix: false,
        doc: "【内容】一つの文の中の丸数字が、①、②、③… と順に並んでいません。\n\
              【理由】列挙した文を直すときに、項目が抜けたり重なったりしたしるしです。\n\
              【例】「①地図データ作成の重複投資削減②業務の効率化④政策判断」（③がない）。\n\
              【直し方】抜けや重なりがないか確かめ、①から順に振り直してください。",
    },
    Rule {
        code: POLICY_NUMBERS,
        family: "番号",
        severity: Severity::Error,
        severity_note: "",
        title: "施策大項目の番号の飛び・重複",
        fix: false,
        doc: "【内容】施策大項目の番号が 1、2、3… と順に並んでいません。\n\
              【理由】施策大項目が抜けたか、番号を写し間違えたしるしです。\n\
              【例】1、3（2がない）。\n\
              【直し方】1から順に番号を付けてください。",
    },
    Rule {
        code: MISSING_NUMBER,
        family: "番号",
        severity: Severity::Error,
        severity_note: "",
        title: "番号がない",
        fix: false,
        doc: "【内容】施策中項目または事業に番号がありません。\n\
              【理由】番号のない行は、新旧対照表で何番目の項目か分からず、番号の確認もできません。\n\
              【例】新しく加えた事業に①などの番号が入っていない。\n\
              【直し方】番号を入れてください。新規の行は、その欄の続きの番号です。",
    },
    Rule {
        code: NUMBER_IN_NAME,
        family: "番号",
        severity: Severity::Warning,
        severity_note: "",
        title: "名称の先頭に番号がある",
        fix: true,
        doc: "【内容】名称が自分の番号で始まっています（「⑯オンライン個別相談」「3 組織の見直し」）。\n\
              【理由】番号は別の欄です。名称にも入っていると、新旧対照表に番号が二度載ります。\n\
              【例】誤：事業名「①オンライン個別相談の実施」（番号は①）\n\
              正：事業名「オンライン個別相談の実施」\n\
              【直し方】名称から番号を外します（修正ボタン）。「2025年大会の開催」のように名称の一部である数字は対象外です。",
    },
];

/// Where a numbering break is: the number found and the one expected.
#[derive(Debug, PartialEq, Eq)]
enum Break {
    Gap { expected: u32, found: u32 },
    Repeat { found: u32 },
    Back { expected: u32, found: u32 },
}

/// The breaks in a sequence that should run `start`, `start + 1` …, each with its index. After
/// a break the count goes on from the number found, so one gap is reported once.
fn breaks(numbers: &[u32], start: u32) -> Vec<(usize, Break)> {
    let mut out = Vec::new();
    let mut expected = start;
    let mut seen = std::collections::HashSet::new();
    for (i, &n) in numbers.iter().enumerate() {
        if n != expected {
            let b = if seen.contains(&n) {
                Break::Repeat { found: n }
            } else if n > expected {
                Break::Gap { expected, found: n }
            } else {
                Break::Back { expected, found: n }
            };
            out.push((i, b));
        }
        seen.insert(n);
        expected = expected.max(n + 1);
    }
    out
}

fn describe(b: &Break, show: &dyn Fn(u32) -> String) -> String {
    match b {
        Break::Gap { expected: 1, found } => {
            format!(
                "番号が{}から始まっていません（最初が{}）。",
                show(1),
                show(*found)
            )
        }
        Break::Gap { expected, found } => format!(
            "番号が飛んでいます（{}の次が{}）。",
            show(expected - 1),
            show(*found)
        ),
        Break::Repeat { found } => format!("番号{}が重複しています。", show(*found)),
        Break::Back { expected, found } => format!(
            "番号が戻っています（{}のはずが{}）。",
            show(*expected),
            show(*found)
        ),
    }
}

pub(super) fn check(ctx: &mut Ctx) {
    let draft = ctx.draft;
    // The revised plan's 施策大項目: a 削除 one keeps its number in force.
    let kept: Vec<usize> = (0..draft.policies.len())
        .filter(|&i| draft.policies[i].status != PolicyStatus::Deleted)
        .collect();
    let numbers: Vec<u32> = kept.iter().map(|&i| draft.policies[i].number).collect();
    for (k, b) in breaks(&numbers, 1) {
        let i = kept[k];
        ctx.push(Finding::new(
            Severity::Error,
            POLICY_NUMBERS,
            format!(
                "施策大項目の{}施策大項目は1から順に番号を付けてください。",
                describe(&b, &|n| n.to_string())
            ),
            Location::policy(draft, i, "番号"),
            draft.policies[i].number.to_string(),
        ));
    }
    for (pi, p) in draft.policies.iter().enumerate() {
        for kind in [BlockKind::Measures, BlockKind::Projects] {
            let rows = p.block(kind);
            for sk in [SideKind::Current, SideKind::Revised] {
                // (row index, number) of the rows present on this side.
                let mut seq: Vec<(usize, u32)> = Vec::new();
                for (ri, row) in rows.iter().enumerate() {
                    let side = match sk {
                        SideKind::Current if row.status != Some(ChangeStatus::New) => {
                            row.current.as_ref()
                        }
                        SideKind::Revised => plan_side(row).map(|(s, _)| s),
                        _ => None,
                    };
                    let Some(side) = side.filter(|s| !s.is_blank()) else {
                        continue;
                    };
                    let path = RowPath {
                        policy: pi,
                        block: kind,
                        row: ri,
                    };
                    match side.number {
                        Some(n) => seq.push((ri, n)),
                        None => ctx.push(Finding::new(
                            Severity::Error,
                            MISSING_NUMBER,
                            format!(
                                "{}の番号が入っていません。番号を入れてください。",
                                sk.label()
                            ),
                            Location::row(draft, path, Some(sk)),
                            side.name.clone(),
                        )),
                    }
                    if sk == SideKind::Revised {
                        let borrowed = plan_side(row).is_some_and(|(_, b)| b);
                        number_in_name(ctx, path, sk, side.number, &side.name, borrowed);
                    }
                    if kind == BlockKind::Projects
                        && let Some(n) = side.number
                        && !circled_in_cp932(n)
                        && (sk == SideKind::Revised)
                    {
                        ctx.push(Finding::new(
                            Severity::Warning,
                            CIRCLED_ABOVE_20,
                            format!(
                                "事業番号{}はShift_JIS（CP932）にない丸数字です。ExcelやCSVで開くと文字化けすることがあります。事業を整理して20以内に収めるか、番号の表記（(21) など）を関係課と決めてください。",
                                circled_number(n)
                            ),
                            Location::row(draft, path, Some(sk)),
                            circled_number(n),
                        ));
                    }
                }
                let nums: Vec<u32> = seq.iter().map(|&(_, n)| n).collect();
                let (code, show): (&str, &dyn Fn(u32) -> String) = match kind {
                    BlockKind::Measures => (MEASURE_NUMBERS, &|n: u32| n.to_string()),
                    _ => (PROJECT_NUMBERS, &|n: u32| circled_number(n)),
                };
                for (i, b) in breaks(&nums, 1) {
                    let (ri, n) = seq[i];
                    let path = RowPath {
                        policy: pi,
                        block: kind,
                        row: ri,
                    };
                    let advice = match (sk, &b) {
                        (SideKind::Revised, Break::Gap { .. }) => {
                            "改定案では、削除した行の後の番号を詰め、新規の行には続きの番号を付けてください。"
                        }
                        _ => "番号を振り直してください。",
                    };
                    ctx.push(Finding::new(
                        if sk == SideKind::Current {
                            Severity::Error
                        } else {
                            Severity::Warning
                        },
                        code,
                        format!("{}の{}{advice}", sk.label(), describe(&b, show)),
                        Location::row(draft, path, Some(sk)),
                        show(n),
                    ));
                }
            }
        }
    }
    inline(ctx);
}

/// NUM008 for one side's name.
fn number_in_name(
    ctx: &mut Ctx,
    path: RowPath,
    sk: SideKind,
    number: Option<u32>,
    name: &str,
    borrowed: bool,
) {
    let chars: Vec<char> = name.chars().collect();
    let Some(&first) = chars.first() else {
        return;
    };
    let (value, len) = if let Some(v) = circled_value(first) {
        (v, 1)
    } else {
        let digits: String = chars
            .iter()
            .take_while(|c| text::is_digit(**c))
            .map(|&c| text::to_half(c))
            .collect();
        match digits.parse::<u32>() {
            Ok(v) => (v, digits.chars().count()),
            Err(_) => return,
        }
    };
    // Digits followed by 年 etc. are part of the name (「2025年大阪…」); only a number
    // followed by a space, a dot or the name itself when circled counts.
    let mut end = len;
    if circled_value(first).is_none() {
        match chars.get(len) {
            Some(c) if text::is_space(*c) || matches!(c, '.' | '．' | '、') => {}
            _ => return,
        }
    }
    while chars
        .get(end)
        .is_some_and(|c| text::is_space(*c) || matches!(c, '.' | '．'))
    {
        end += 1;
    }
    if number.is_some_and(|n| n != value) {
        return;
    }
    let mut loc = Location::row_field(
        ctx.draft,
        path,
        sk,
        SideField::Name,
        Some(super::Span::new(0, end)),
    );
    loc.borrowed = borrowed;
    let prefix = text::slice(&chars, 0, end);
    let addr = super::TextAddr::Row {
        row: ctx
            .draft
            .row(path)
            .map(|r| r.id.clone())
            .unwrap_or_default(),
        side: sk,
        field: SideField::Name,
    };
    ctx.push(
        Finding::new(
            Severity::Warning,
            NUMBER_IN_NAME,
            format!("{name}の先頭に番号「{}」が入っています。番号は番号欄に入れ、{name}からは外してください。", prefix.trim(), name = path.block.name_label()),
            loc,
            prefix.clone(),
        )
        .with_fix(Fix::replace(
            format!("{}から「{}」を外す", path.block.name_label(), prefix.trim()),
            addr,
            super::Span::new(0, end),
            prefix,
            "",
        )),
    );
}

/// NUM004 and NUM005 on every text of the revised plan.
fn inline(ctx: &mut Ctx) {
    let corpus = ctx.corpus;
    for u in corpus.plan() {
        if u.kind == super::corpus::UnitKind::Quote {
            continue;
        }
        let circled: Vec<(usize, u32)> = u
            .chars
            .iter()
            .enumerate()
            .filter_map(|(i, &c)| circled_value(c).map(|v| (i, v)))
            .collect();
        for &(i, v) in &circled {
            if !circled_in_cp932(v) {
                let repl = format!("({v})");
                ctx.push(
                    corpus
                        .finding(
                            u,
                            i,
                            i + 1,
                            Severity::Warning,
                            CIRCLED_IN_TEXT,
                            format!(
                                "丸数字「{}」はShift_JIS（CP932）にないため、ExcelやCSVで文字化けすることがあります。「{repl}」と書いてください。",
                                u.chars[i]
                            ),
                        )
                        .with_fix(Fix::replace(
                            format!("「{repl}」に直す"),
                            u.addr.clone(),
                            super::Span::new(i, i + 1),
                            u.chars[i].to_string(),
                            repl,
                        )),
                );
            }
        }
        if circled.len() < 2 {
            continue;
        }
        let nums: Vec<u32> = circled.iter().map(|&(_, v)| v).collect();
        if let Some((k, b)) = breaks(&nums, nums[0]).into_iter().next() {
            let (i, _) = circled[k];
            ctx.push(corpus.finding(
                u,
                i,
                i + 1,
                Severity::Warning,
                INLINE_SEQUENCE,
                format!(
                    "本文中の丸数字の{}項目が抜けたり重なったりしていないか確認し、①から順に振ってください。",
                    describe(&b, &circled_number)
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::check_draft;
    use super::super::testutil::*;
    use super::*;
    use crate::model::ChangeStatus::*;

    #[test]
    fn breaks_report_each_problem_once() {
        assert!(breaks(&[1, 2, 3], 1).is_empty());
        assert_eq!(
            breaks(&[1, 2, 4, 5], 1),
            vec![(
                2,
                Break::Gap {
                    expected: 3,
                    found: 4
                }
            )]
        );
        assert_eq!(
            breaks(&[1, 2, 2, 3], 1),
            vec![(2, Break::Repeat { found: 2 })]
        );
        assert_eq!(breaks(&[1, 3, 2], 1).len(), 2);
        assert!(breaks(&[3, 4], 3).is_empty());
    }

    fn projects(rows: Vec<crate::model::Row>) -> crate::model::Draft {
        let mut p = policy(1, "a");
        p.projects = rows;
        draft(vec![p])
    }

    #[test]
    fn project_numbers_new_takes_next_and_deleted_leaves_gap_on_revised() {
        let d = projects(vec![
            row("a", Some(Unchanged), Some(project(1, "広報", "x")), None),
            row("b", Some(Unchanged), Some(project(2, "広聴", "x")), None),
            row("c", Some(New), None, Some(project(3, "新規事業", "x"))),
        ]);
        assert!(run(&d, PROJECT_NUMBERS).is_empty());
        let d = projects(vec![
            row("a", Some(Unchanged), Some(project(1, "広報", "x")), None),
            row("b", Some(Deleted), Some(project(2, "広聴", "x")), None),
            row(
                "c",
                Some(Modified),
                Some(project(3, "相談", "x")),
                Some(project(3, "相談の実施", "x")),
            ),
        ]);
        let f = run(&d, PROJECT_NUMBERS);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].location.side, Some(SideKind::Revised));
        assert!(f[0].message.contains("①の次が③"), "{}", f[0].message);
        // Renumbered revised side: fine.
        let d = projects(vec![
            row("a", Some(Unchanged), Some(project(1, "広報", "x")), None),
            row("b", Some(Deleted), Some(project(2, "広聴", "x")), None),
            row(
                "c",
                Some(Modified),
                Some(project(3, "相談", "x")),
                Some(project(2, "相談の実施", "x")),
            ),
        ]);
        assert!(run(&d, PROJECT_NUMBERS).is_empty());
    }

    #[test]
    fn measure_numbers_duplicate_on_current_is_an_error() {
        let mut p = policy(1, "a");
        p.measures = vec![
            row(
                "a",
                Some(Unchanged),
                Some(measure(1, "x", &["課"], &["y"])),
                None,
            ),
            row(
                "b",
                Some(Unchanged),
                Some(measure(1, "z", &["課"], &["y"])),
                None,
            ),
        ];
        let f = run(&draft(vec![p]), MEASURE_NUMBERS);
        assert_eq!(f.len(), 2, "{f:?}"); // current and (borrowed) revised
        assert!(f.iter().any(|f| f.severity == Severity::Error));
    }

    #[test]
    fn circled_above_20() {
        let rows = (1..=21)
            .map(|n| {
                row(
                    &format!("r{n}"),
                    Some(Unchanged),
                    Some(project(n, "事業", "x")),
                    None,
                )
            })
            .collect();
        let f = run(&projects(rows), CIRCLED_ABOVE_20);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].excerpt, "㉑");
        let rows = (1..=20)
            .map(|n| {
                row(
                    &format!("r{n}"),
                    Some(Unchanged),
                    Some(project(n, "事業", "x")),
                    None,
                )
            })
            .collect();
        assert!(run(&projects(rows), CIRCLED_ABOVE_20).is_empty());
    }

    #[test]
    fn circled_in_text_with_fix() {
        let mut d = one_text("項目は①から㉑まであります。");
        let f = run(&d, CIRCLED_IN_TEXT);
        assert_eq!(f.len(), 1);
        apply_fix(&mut d, f[0].fix.as_ref().unwrap()).unwrap();
        assert_eq!(
            d.policies[0].issues.revised.as_ref().unwrap().bullets[0],
            "項目は①から(21)まであります。"
        );
        assert!(run_text("①と⑳は大丈夫です。", CIRCLED_IN_TEXT).is_empty());
    }

    #[test]
    fn inline_sequences() {
        assert!(
            run_text(
                "①地図データ作成の重複投資削減、②業務の効率化、③サービスへの活用",
                INLINE_SEQUENCE
            )
            .is_empty()
        );
        let f = run_text(
            "①地図データ作成の重複投資削減②業務の効率化④政策判断",
            INLINE_SEQUENCE,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].excerpt, "④");
        assert_eq!(run_text("①調査②分析②公表", INLINE_SEQUENCE).len(), 1);
        assert!(run_text("④の事業を参照", INLINE_SEQUENCE).is_empty());
    }

    #[test]
    fn policy_numbers() {
        let d = draft(vec![policy(1, "a"), policy(3, "b")]);
        assert_eq!(run(&d, POLICY_NUMBERS).len(), 1);
        let d = draft(vec![policy(1, "a"), policy(2, "b")]);
        assert!(run(&d, POLICY_NUMBERS).is_empty());
        // A 削除 one keeps its number in force; the revised plan runs on without it.
        let mut gone = policy(2, "b");
        gone.status = PolicyStatus::Deleted;
        let d = draft(vec![policy(1, "a"), gone.clone(), policy(2, "c")]);
        assert!(run(&d, POLICY_NUMBERS).is_empty());
        // Not renumbered yet: the revised plan's gap is real, and found on the right one.
        let d = draft(vec![policy(1, "a"), gone, policy(3, "c")]);
        let f = run(&d, POLICY_NUMBERS);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].location.display.starts_with("3. c"),
            "{}",
            f[0].location.display
        );
    }

    #[test]
    fn number_in_name_with_fix_and_missing_number() {
        let mut d = projects(vec![row(
            "a",
            Some(New),
            None,
            Some(project(1, "①オンライン個別相談の実施", "x")),
        )]);
        let f = run(&d, NUMBER_IN_NAME);
        assert_eq!(f.len(), 1);
        apply_fix(&mut d, f[0].fix.as_ref().unwrap()).unwrap();
        assert_eq!(
            d.policies[0].projects[0].revised.as_ref().unwrap().name,
            "オンライン個別相談の実施"
        );
        assert!(check_draft(&d).iter().all(|f| f.code != NUMBER_IN_NAME));
        let d = projects(vec![row(
            "a",
            Some(New),
            None,
            Some(project(1, "2025年大会の開催", "x")),
        )]);
        assert!(run(&d, NUMBER_IN_NAME).is_empty());
        let mut side = project(1, "相談", "x");
        side.number = None;
        let d = projects(vec![row("a", Some(New), None, Some(side))]);
        assert_eq!(run(&d, MISSING_NUMBER).len(), 1);
    }
}
