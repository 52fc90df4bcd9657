//! Eras and periods: 和暦 years that never existed, 和暦(西暦) pairs that disagree, ranges that
//! run backwards, 「N年間」 that does not match its range, and period notation that differs
//! within the draft.

use std::collections::{HashMap, HashSet};

use super::corpus::{Unit, UnitKind};
use super::years::{Range, Scan, scan, years_count_after};
use super::{Ctx, Finding, Fix, Rule, Severity, Span, text};
use crate::model::Era;

/// ERA001 存在しない元号年: an era year that never existed: 平成32年 and later (平成 ended in
/// its 31st year), 昭和65年 and later, 令和0年, 平成0年.
pub const NONEXISTENT_YEAR: &str = "ERA001";

/// ERA002 和暦と西暦の不一致: a 和暦 year and the 西暦 year in brackets after it (or the
/// other way round) are not the same year.
pub const PAIR_MISMATCH: &str = "ERA002";

/// ERA003 期間の逆転: a range whose end comes before its start.
pub const BACKWARD_RANGE: &str = "ERA003";

/// ERA004 「N年間」と期間の不一致: 「N年間」 right after a range that spans a different number
/// of years (both ends counted).
pub const YEARS_COUNT: &str = "ERA004";

/// ERA005 元号の省略: the end of a range written without its era (H27-31年度) where the draft
/// elsewhere writes the era at both ends (R5-R9年度, H30-R4年度).
pub const ERA_OMITTED: &str = "ERA005";

/// ERA006 年号の中の空白: a space between the era and the year or between the year and 年
/// (「R 5年度-」「令和 5年」).
pub const STRAY_SPACE: &str = "ERA006";

/// ERA007 期間の区切り記号の不統一: 関連計画 の 期間 use different range marks
/// (H30-R4年度 next to R5～R9年度).
pub const SEPARATOR_STYLE: &str = "ERA007";

/// ERA008 元号の書き方の不統一: 関連計画 の 期間 mix abbreviations (H30, R5) and full era
/// names (平成30年度, 令和5年度).
pub const ERA_NAME_STYLE: &str = "ERA008";

pub(super) const RULES: &[Rule] = &[
    Rule {
        code: NONEXISTENT_YEAR,
        family: "元号・期間",
        severity: Severity::Error,
        severity_note: "現行計画の記載は情報",
        title: "存在しない元号年（平成32年以降、令和0年など）",
        fix: true,
        doc: "【内容】存在しない元号の年があります。平成32年以降（平成は31年まで）、昭和65年以降、令和0年、平成0年 などです。H32 のような略記も調べます。\n\
              【理由】2019年より前に作った計画は、来なかった平成の年を見込んで書いています。それを写すと、誰にも分からない年が計画に載ります。\n\
              【例】誤：平成34年度(2022年度)\n\
              正：令和4年度(2022年度)\n\
              【直し方】次の元号の同じ年に直します（修正ボタン）。現行欄の記載は現行計画のとおり載せるため「情報」とします。改定案に同じ誤りが残っていないか確かめてください。",
    },
    Rule {
        code: PAIR_MISMATCH,
        family: "元号・期間",
        severity: Severity::Error,
        severity_note: "現行計画の記載は情報",
        title: "和暦と西暦の不一致",
        fix: true,
        doc: "【内容】和暦と、その後のかっこ内の西暦（またはその逆）が同じ年ではありません。\n\
              【理由】どちらかが誤りですが、読む人にはどちらか分かりません。\n\
              【例】誤：令和5年度(2022年度)\n\
              正：令和5年度(2023年度)\n\
              【直し方】和暦に合う西暦に直します（修正ボタン）。和暦の方が誤りなら、和暦を直してください。",
    },
    Rule {
        code: BACKWARD_RANGE,
        family: "元号・期間",
        severity: Severity::Error,
        severity_note: "現行計画の記載は情報",
        title: "期間の終わりが始まりより前",
        fix: false,
        doc: "【内容】期間の終わりの年が、始まりの年より前です。\n\
              【理由】どちらかの年の打ち間違いです。\n\
              【例】R9-R5年度／令和9年度から令和5年度まで\n\
              【直し方】年を確かめて直してください。",
    },
    Rule {
        code: YEARS_COUNT,
        family: "元号・期間",
        severity: Severity::Warning,
        severity_note: "現行計画の記載は情報",
        title: "「N年間」と期間の年数の不一致",
        fix: false,
        doc: "【内容】期間のすぐ後の「N年間」が、期間の年数（始まりと終わりの年を含めて数えます）と合いません。\n\
              【理由】期間を変えたのに、年数を直し忘れたしるしです。\n\
              【例】誤：令和5年度から令和9年度までの4年間\n\
              正：令和5年度から令和9年度までの5年間\n\
              【直し方】期間か年数を直してください。",
    },
    Rule {
        code: ERA_OMITTED,
        family: "元号・期間",
        severity: Severity::Warning,
        severity_note: "現行計画の記載は情報",
        title: "期間の終わりの元号の省略（H27-31年度）",
        fix: true,
        doc: "【内容】期間の終わりの元号が省かれています（H27-31年度）。下書きのほかの期間が両端に元号を書いている（R5-R9年度、H30-R4年度）ときだけ指摘します。\n\
              【理由】一つの下書きでは書き方をそろえます。H30-R4年度 の隣に元号のない 31 があると、どの元号の年か迷わせます。\n\
              【例】誤：H27-31年度\n\
              正：H27-H31年度\n\
              【直し方】終わりにも元号を書きます（修正ボタン）。下書きの多くが元号を省いているときは指摘しません。",
    },
    Rule {
        code: STRAY_SPACE,
        family: "元号・期間",
        severity: Severity::Warning,
        severity_note: "現行計画の記載は情報",
        title: "年号の中の余分な空白（R 5年度）",
        fix: true,
        doc: "【内容】元号と年の数字の間、または数字と「年」の間に空白があります。\n\
              【理由】編集で残った空白です。ほかの期間と書き方が変わり、印刷した表で折り返すこともあります。\n\
              【例】誤：R 5年度-\n\
              正：R5年度-\n\
              【直し方】空白を取り除きます（修正ボタン）。",
    },
    Rule {
        code: SEPARATOR_STYLE,
        family: "元号・期間",
        severity: Severity::Info,
        severity_note: "",
        title: "期間の区切り記号の不統一",
        fix: true,
        doc: "【内容】関連計画の期間で、区切りの記号が下書きの多数と違います。\n\
              【理由】一つの下書きでは書き方をそろえます。\n\
              【例】誤：R5～R9年度（ほかの期間は H30-R4年度 のように「-」）\n\
              正：R5-R9年度\n\
              【直し方】下書きで多い方の記号に直します（修正ボタン）。",
    },
    Rule {
        code: ERA_NAME_STYLE,
        family: "元号・期間",
        severity: Severity::Info,
        severity_note: "",
        title: "元号の略記と正式表記の混在",
        fix: false,
        doc: "【内容】関連計画の期間で、元号の略記（H30、R5）と正式な元号（平成30年度、令和5年度）が混ざっています。多い方を下書きの書き方とし、少ない方を指摘します。\n\
              【理由】一つの下書きでは書き方をそろえます。\n\
              【例】H30-R4年度、R5-R9年度 の中の 令和2年度-令和6年度\n\
              【直し方】どちらかに統一してください。",
    },
];

fn era_text(era: Era, abbrev: bool) -> String {
    if abbrev {
        era.abbr().to_string()
    } else {
        era.name().to_string()
    }
}

/// Findings of ERA001–ERA004 and ERA006 for one unit.
fn unit_findings(ctx: &Ctx, u: &Unit, scan: &Scan, out: &mut Vec<Finding>) {
    let corpus = ctx.corpus;
    let current = u.is_current();
    let sev = |s: Severity| if current { Severity::Info } else { s };
    let note = if current {
        "（現行計画の記載です。改定案に同じ誤りが残っていないか確認してください。）"
    } else {
        ""
    };
    let chars = &u.chars;
    for y in &scan.years {
        let Some(era) = y.era else { continue };
        let bad_high = era.last_year().is_some_and(|l| y.year > l);
        if y.year == 0 || bad_high {
            let written = text::slice(chars, y.start, y.digits.1);
            let mut f = corpus.finding(
                u,
                y.start,
                y.digits.1,
                sev(Severity::Error),
                NONEXISTENT_YEAR,
                String::new(),
            );
            if bad_high && let Some(next) = era.next() {
                let last = era.last_year().unwrap_or(0);
                let ny = y.western() - next.offset();
                let repl = format!("{}{}", era_text(next, y.abbrev), ny);
                f.message = format!(
                    "「{written}」は存在しない年です（{}は{}年まで）。西暦{}年は「{repl}」です。{note}",
                    era.name(),
                    last,
                    y.western()
                );
                if !current {
                    f.fix = Some(Fix::replace(
                        format!("「{repl}」に直す"),
                        u.addr.clone(),
                        Span::new(y.start, y.digits.1),
                        written,
                        repl,
                    ));
                }
            } else {
                f.message = format!(
                    "「{written}」は存在しない年です（元年は「{}元年」または「{}1年」と書きます）。年を確かめてください。{note}",
                    era.name(),
                    era.name()
                );
            }
            out.push(f);
        }
        if !y.spaces.is_empty() {
            let (a, b) = (y.start, y.end);
            let written = text::slice(chars, a, b);
            let fixed: String = (a..b)
                .filter(|k| !y.spaces.contains(k))
                .map(|k| chars[k])
                .collect();
            let f = corpus.finding(
                u,
                a,
                b,
                sev(Severity::Warning),
                STRAY_SPACE,
                format!(
                    "「{written}」の中に余分な空白があります。「{fixed}」と書いてください。{note}"
                ),
            );
            let f = if current {
                f
            } else {
                f.with_fix(Fix::replace(
                    format!("「{fixed}」に直す"),
                    u.addr.clone(),
                    Span::new(a, b),
                    written,
                    fixed,
                ))
            };
            out.push(f);
        }
    }
    for p in &scan.pairs {
        let (a, b) = (p.era.western(), p.western.western());
        if a != b
            && p.era
                .era
                .is_some_and(|e| p.era.year > 0 && e.last_year().is_none_or(|l| p.era.year <= l))
        {
            let start = p.era.start.min(p.western.start);
            let written = text::slice(chars, start, p.end);
            let mut f = corpus.finding(
                u,
                start,
                p.end,
                sev(Severity::Error),
                PAIR_MISMATCH,
                format!(
                    "「{written}」の和暦と西暦が合っていません（{}{}年は西暦{a}年）。どちらが正しいか確かめて直してください。{note}",
                    p.era.era.map(|e| e.name()).unwrap_or(""),
                    p.era.year
                ),
            );
            if !current {
                let (ws, we) = p.western.digits;
                f.fix = Some(Fix::replace(
                    format!("西暦を「{a}」に直す"),
                    u.addr.clone(),
                    Span::new(ws, we),
                    text::slice(chars, ws, we),
                    a.to_string(),
                ));
            }
            out.push(f);
        }
    }
    for r in &scan.ranges {
        let Some(to) = &r.to else { continue };
        let (a, b) = (r.from.western(), to.western());
        let written = text::slice(chars, r.from.start, r.end);
        if b < a {
            out.push(corpus.finding(
                u,
                r.from.start,
                r.end,
                sev(Severity::Error),
                BACKWARD_RANGE,
                format!(
                    "期間「{written}」の終わり（{b}年）が始まり（{a}年）より前になっています。年を確かめて直してください。{note}"
                ),
            ));
            continue;
        }
        if let Some((n, ns, ne)) = years_count_after(chars, r.end) {
            let span = b - a + 1;
            if n as i32 != span {
                out.push(corpus.finding(
                    u,
                    ns,
                    ne,
                    sev(Severity::Warning),
                    YEARS_COUNT,
                    format!(
                        "期間「{written}」は{span}年間ですが、「{n}年間」と書かれています。期間か年数を直してください。{note}"
                    ),
                ));
            }
        }
    }
}

/// The 期間 style of a range: whether it omits the era at the end, its separator, and
/// whether it abbreviates the era.
pub(super) fn check(ctx: &mut Ctx) {
    let corpus = ctx.corpus;
    let units: Vec<&Unit> = corpus
        .units
        .iter()
        .filter(|u| !matches!(u.kind, UnitKind::Quote | UnitKind::SdgName))
        .filter(|u| u.plan || u.is_current())
        .collect();
    let scans: Vec<Scan> = units.iter().map(|u| scan(&u.chars)).collect();
    let mut plan_found: Vec<Finding> = Vec::new();
    let mut current_found: Vec<Finding> = Vec::new();
    for (u, s) in units.iter().zip(&scans) {
        if u.plan {
            unit_findings(ctx, u, s, &mut plan_found);
        } else {
            unit_findings(ctx, u, s, &mut current_found);
        }
    }
    let mut style = Vec::new();
    styles(ctx, &units, &scans, &mut style);
    for f in style {
        if f.location.side == Some(crate::model::SideKind::Current) {
            current_found.push(f);
        } else {
            plan_found.push(f);
        }
    }
    // A 現行 finding whose text the 改定案 of the same row repeats is reported there only.
    let seen: HashSet<(String, &str, String)> = plan_found
        .iter()
        .filter_map(|f| {
            f.location
                .row_id()
                .map(|id| (id.to_string(), f.code, f.excerpt.clone()))
        })
        .collect();
    current_found.retain(|f| {
        f.location
            .row_id()
            .is_none_or(|id| !seen.contains(&(id.to_string(), f.code, f.excerpt.clone())))
    });
    ctx.out.extend(plan_found);
    ctx.out.extend(current_found);
}

/// Appended to messages about the 現行 side.
const CURRENT_NOTE: &str =
    "（現行計画の記載です。改定案に同じ誤りが残っていないか確認してください。）";

/// Style findings on the 現行 side are 情報: the plan in force is quoted as it is.
fn style_severity(u: &Unit, s: Severity) -> Severity {
    if u.is_current() { Severity::Info } else { s }
}

/// ERA005, ERA007, ERA008: notation that differs from the draft's majority.
fn styles(ctx: &Ctx, units: &[&Unit], scans: &[Scan], out: &mut Vec<Finding>) {
    let corpus = ctx.corpus;
    // ERA005 over every range of the revised plan whose end could carry an era.
    let mut with_era = 0;
    let mut omitted: Vec<(usize, &Range)> = Vec::new();
    // ERA007/008 over 関連計画 の 期間.
    let mut seps: HashMap<char, Vec<(usize, usize)>> = HashMap::new();
    let mut names: HashMap<bool, Vec<(usize, usize, usize)>> = HashMap::new();
    for (k, (u, s)) in units.iter().zip(scans).enumerate() {
        for r in &s.ranges {
            if r.from.era.is_none() {
                continue;
            }
            match &r.to {
                Some(_) if r.omitted_era => omitted.push((k, r)),
                Some(t) if t.era.is_some() => with_era += 1,
                _ => {}
            }
            if u.kind == UnitKind::Period && r.sep.1 - r.sep.0 == 1 {
                seps.entry(text::to_half(u.chars[r.sep.0]))
                    .or_default()
                    .push((k, r.sep.0));
            }
        }
        if u.kind == UnitKind::Period {
            for y in s.years.iter().filter(|y| y.era.is_some()) {
                names
                    .entry(y.abbrev)
                    .or_default()
                    .push((k, y.start, y.digits.0));
            }
        }
    }
    if with_era > omitted.len() {
        for (k, r) in omitted {
            let u = units[k];
            let to = r.to.as_ref().expect("omitted ranges have an end");
            let era = to.era.expect("omitted ranges inherit the era");
            let ins = era_text(era, r.from.abbrev);
            let written = text::slice(&u.chars, r.from.start, r.end);
            let digits = text::slice(&u.chars, to.digits.0, to.digits.1);
            let current = if u.is_current() { CURRENT_NOTE } else { "" };
            let f = corpus.finding(
                u,
                r.from.start,
                r.end,
                style_severity(u, Severity::Warning),
                ERA_OMITTED,
                format!(
                    "期間「{written}」は終わりの元号が省かれています。この下書きのほかの期間と同じく「{ins}{digits}」と元号を書いてください。{current}"
                ),
            );
            out.push(if u.is_current() {
                f
            } else {
                f.with_fix(Fix::replace(
                    format!("「{ins}{digits}」と書く"),
                    u.addr.clone(),
                    Span::new(to.digits.0, to.digits.0),
                    "",
                    ins,
                ))
            });
        }
    }
    if let Some(major) = majority(&seps) {
        for (c, list) in &seps {
            if *c == major {
                continue;
            }
            for &(k, i) in list {
                let u = units[k];
                let found = u.chars[i];
                out.push(
                    corpus
                        .finding(
                            u,
                            i,
                            i + 1,
                            Severity::Info,
                            SEPARATOR_STYLE,
                            format!(
                                "期間の区切りに「{found}」を使っていますが、この下書きの期間の多くは「{major}」です。どちらかに統一してください。"
                            ),
                        )
                        .with_fix(Fix::replace(
                            format!("「{major}」に直す"),
                            u.addr.clone(),
                            Span::new(i, i + 1),
                            found.to_string(),
                            major.to_string(),
                        )),
                );
            }
        }
    }
    if let Some(abbrev) = majority(&names) {
        for &(k, s, d) in names.get(&!abbrev).into_iter().flatten() {
            let u = units[k];
            let written = text::slice(&u.chars, s, d);
            let style = if abbrev {
                "H30、R5 のような略記"
            } else {
                "平成30年度、令和5年度 のような正式な元号"
            };
            out.push(corpus.finding(
                u,
                s,
                d,
                Severity::Info,
                ERA_NAME_STYLE,
                format!("期間の元号を「{written}」と書いていますが、この下書きの期間の多くは{style}です。どちらかに統一してください。"),
            ));
        }
    }
}

/// The key with strictly the most entries, if any key has more than the others.
fn majority<K: Copy + Eq + std::hash::Hash + Ord, V>(m: &HashMap<K, Vec<V>>) -> Option<K> {
    if m.len() < 2 {
        return None;
    }
    let mut v: Vec<(usize, K)> = m.iter().map(|(k, l)| (l.len(), *k)).collect();
    v.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    (v[0].0 > v[1].0).then_some(v[0].1)
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::model::ChangeStatus::*;

    #[test]
    fn nonexistent_years_fire_with_fix_and_real_years_do_not() {
        let mut d = one_text("計画期間は平成32年度までです。");
        let f = run(&d, NONEXISTENT_YEAR);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Error);
        apply_fix(&mut d, f[0].fix.as_ref().unwrap()).unwrap();
        assert_eq!(
            d.policies[0].issues.revised.as_ref().unwrap().bullets[0],
            "計画期間は令和2年度までです。"
        );
        assert_eq!(
            run_text("H33年度に見直します。", NONEXISTENT_YEAR)[0]
                .fix
                .as_ref()
                .unwrap()
                .edits
                .len(),
            1
        );
        assert_eq!(run_text("令和0年度から", NONEXISTENT_YEAR).len(), 1);
        assert_eq!(run_text("昭和65年", NONEXISTENT_YEAR).len(), 1);
        assert!(
            run_text(
                "平成31年度、令和元年度、昭和64年、令和9年度",
                NONEXISTENT_YEAR
            )
            .is_empty()
        );
    }

    #[test]
    fn current_side_findings_are_information_unless_the_revision_repeats_them() {
        let mut p = policy(2, "効率的・効果的な行政経営の推進");
        p.measures = vec![row(
            "m1",
            Some(Modified),
            Some(measure(
                1,
                "行政改革の推進",
                &["企画課"],
                &["平成30年度(2018年度)から平成34年度(2022年度)までの5年間とします。"],
            )),
            Some(measure(
                1,
                "行政改革の推進",
                &["企画課"],
                &["令和5年度(2023年度)から令和9年度(2027年度)までの5年間とします。"],
            )),
        )];
        let f = run(&draft(vec![p.clone()]), NONEXISTENT_YEAR);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Info);
        assert!(f[0].location.display.contains("› 現行 ›"));
        assert!(f[0].fix.is_none());
        // Unchanged row stored without 改定案: reported once, on the 改定案 (borrowed).
        p.measures[0].status = Some(Unchanged);
        p.measures[0].revised = None;
        let f = run(&draft(vec![p]), NONEXISTENT_YEAR);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Error);
        assert!(f[0].location.borrowed);
    }

    #[test]
    fn pair_mismatch_with_fix() {
        let mut d = one_text("令和5年度(2022年度)から実施します。");
        let f = run(&d, PAIR_MISMATCH);
        assert_eq!(f.len(), 1);
        apply_fix(&mut d, f[0].fix.as_ref().unwrap()).unwrap();
        assert!(
            d.policies[0].issues.revised.as_ref().unwrap().bullets[0]
                .starts_with("令和5年度(2023年度)")
        );
        assert!(run_text("令和5年度（2023年度）、2019年（令和元年）", PAIR_MISMATCH).is_empty());
        assert_eq!(run_text("2020年（令和3年）", PAIR_MISMATCH).len(), 1);
    }

    #[test]
    fn backward_ranges_and_year_counts() {
        assert_eq!(run_text("R9-R5年度", BACKWARD_RANGE).len(), 1);
        assert_eq!(
            run_text("令和9年度から令和5年度まで", BACKWARD_RANGE).len(),
            1
        );
        assert!(run_text("H30-R4年度、H29-R28年度", BACKWARD_RANGE).is_empty());
        assert_eq!(
            run_text("令和5年度から令和9年度までの4年間とします。", YEARS_COUNT).len(),
            1
        );
        assert!(
            run_text(
                "令和5年度(2023年度)から令和9年度(2027年度)までの5年間とします。",
                YEARS_COUNT
            )
            .is_empty()
        );
        assert!(run_text("令和5年度から令和9年度まで。今後10年間は", YEARS_COUNT).is_empty());
        // Counts after から are not years.
        for ok in [
            "令和5年度から10年間の計画",
            "令和5年から2年連続で増加",
            "H30-5年間",
        ] {
            assert!(run_text(ok, BACKWARD_RANGE).is_empty(), "{ok}");
            assert!(run_text(ok, ERA_OMITTED).is_empty(), "{ok}");
        }
    }

    fn plans(periods: &[&str]) -> crate::model::Draft {
        let mut p = policy(2, "a");
        p.related_plans = periods
            .iter()
            .enumerate()
            .map(|(i, per)| {
                row(
                    &format!("r{i}"),
                    Some(Unchanged),
                    Some(plan(&format!("計画{i}"), per, "概要")),
                    None,
                )
            })
            .collect();
        draft(vec![p])
    }

    #[test]
    fn era_omitted_against_the_majority() {
        let mut d = plans(&["H30-R4年度", "R5-R9年度", "H27-31年度"]);
        let f = run(&d, ERA_OMITTED);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].excerpt, "H27-31年度");
        apply_fix(&mut d, f[0].fix.as_ref().unwrap()).unwrap();
        let r = &d.policies[0].related_plans[2];
        assert_eq!(r.revised.as_ref().unwrap().period, "H27-H31年度");
        assert_eq!(r.status, Some(Modified));
        // A draft that always omits the era is consistent.
        assert!(run(&plans(&["H27-31年度", "R2-6年度"]), ERA_OMITTED).is_empty());
    }

    #[test]
    fn stray_space_with_fix() {
        let mut d = plans(&["R 5年度-"]);
        let f = run(&d, STRAY_SPACE);
        assert_eq!(f.len(), 1);
        apply_fix(&mut d, f[0].fix.as_ref().unwrap()).unwrap();
        assert_eq!(
            d.policies[0].related_plans[0]
                .revised
                .as_ref()
                .unwrap()
                .period,
            "R5年度-"
        );
        assert!(run(&plans(&["R5年度-"]), STRAY_SPACE).is_empty());
        assert!(run_text("R 5 と書かれた記号", STRAY_SPACE).is_empty());
    }

    #[test]
    fn separator_and_name_styles() {
        let f = run(
            &plans(&["H30-R4年度", "R5-R9年度", "R2～R6年度"]),
            SEPARATOR_STYLE,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].excerpt, "～");
        assert!(run(&plans(&["H30-R4年度", "R2～R6年度"]), SEPARATOR_STYLE).is_empty());
        let f = run(
            &plans(&["H30-R4年度", "R5-R9年度", "令和2年度-令和6年度"]),
            ERA_NAME_STYLE,
        );
        assert_eq!(f.len(), 2);
    }
}
