//! Eras and periods: 和暦 years that never existed, 和暦(西暦) pairs that disagree, ranges that
//! run backwards, 「N年間」 that does not match its range, and period notation that differs
//! within the draft.

use std::collections::{HashMap, HashSet};

use super::corpus::{Unit, UnitKind};
use super::{Ctx, Finding, Fix, Rule, Severity, Span, text};

/// ERA001 存在しない元号年: an era year that never existed: 平成32年 and later (平成 ended in
/// its 31st year), 昭和65年 and later, 令和0年, 平成0年.
///
/// Why: plans written before 2019 projected 平成 years that never came; a draft that copies
/// them prints a year nobody can place. Example: 平成34年度(2022年度) → 令和4年度(2022年度).
/// Fix: the same year in the next era. On the 現行 side the finding is 情報: the plan in
/// force is quoted as it is.
pub const NONEXISTENT_YEAR: &str = "ERA001";

/// ERA002 和暦と西暦の不一致: a 和暦 year and the 西暦 year in brackets after it (or the
/// other way round) are not the same year.
///
/// Why: one of the two is wrong, and readers cannot tell which. Example: 令和5年度(2022年度).
/// Fix: the 西暦 year that matches the 和暦.
pub const PAIR_MISMATCH: &str = "ERA002";

/// ERA003 期間の逆転: a range whose end comes before its start.
///
/// Why: a typo in one of the years. Example: R9-R5年度; 令和9年度から令和5年度まで.
pub const BACKWARD_RANGE: &str = "ERA003";

/// ERA004 「N年間」と期間の不一致: 「N年間」 right after a range that spans a different number
/// of years (both ends counted).
///
/// Why: the period was changed and the count was not. Example: 令和5年度から令和9年度までの
/// 4年間 (it is 5 years).
pub const YEARS_COUNT: &str = "ERA004";

/// ERA005 元号の省略: the end of a range written without its era (H27-31年度) where the draft
/// elsewhere writes the era at both ends (R5-R9年度, H30-R4年度).
///
/// Why: one notation per draft; and a bare 31 next to H30-R4 makes readers wonder which era
/// it is. Fix: write the era. Not reported when the draft mostly leaves the era out.
pub const ERA_OMITTED: &str = "ERA005";

/// ERA006 年号の中の空白: a space between the era and the year or between the year and 年
/// (「R 5年度-」「令和 5年」).
///
/// Why: a stray space from editing; the period then reads differently from the others and
/// may wrap in the printed table. Fix: remove the space.
pub const STRAY_SPACE: &str = "ERA006";

/// ERA007 期間の区切り記号の不統一: 関連計画 の 期間 use different range marks
/// (H30-R4年度 next to R5～R9年度).
///
/// Why: one notation per draft. Fix: the draft's majority mark. 情報.
pub const SEPARATOR_STYLE: &str = "ERA007";

/// ERA008 元号の書き方の不統一: 関連計画 の 期間 mix abbreviations (H30, R5) and full era
/// names (平成30年度, 令和5年度).
///
/// Why: one notation per draft. 情報; the majority is the draft's style.
pub const ERA_NAME_STYLE: &str = "ERA008";

pub(super) const RULES: &[Rule] = &[
    Rule {
        code: NONEXISTENT_YEAR,
        family: "元号・期間",
        title: "存在しない元号年（平成32年以降、令和0年など）",
    },
    Rule {
        code: PAIR_MISMATCH,
        family: "元号・期間",
        title: "和暦と西暦の不一致",
    },
    Rule {
        code: BACKWARD_RANGE,
        family: "元号・期間",
        title: "期間の終わりが始まりより前",
    },
    Rule {
        code: YEARS_COUNT,
        family: "元号・期間",
        title: "「N年間」と期間の年数の不一致",
    },
    Rule {
        code: ERA_OMITTED,
        family: "元号・期間",
        title: "期間の終わりの元号の省略（H27-31年度）",
    },
    Rule {
        code: STRAY_SPACE,
        family: "元号・期間",
        title: "年号の中の余分な空白（R 5年度）",
    },
    Rule {
        code: SEPARATOR_STYLE,
        family: "元号・期間",
        title: "期間の区切り記号の不統一",
    },
    Rule {
        code: ERA_NAME_STYLE,
        family: "元号・期間",
        title: "元号の略記と正式表記の混在",
    },
];

/// A Japanese era.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Era {
    Taisho,
    Showa,
    Heisei,
    Reiwa,
}

impl Era {
    const ALL: [Era; 4] = [Era::Taisho, Era::Showa, Era::Heisei, Era::Reiwa];

    /// 西暦 = offset + era year.
    fn offset(self) -> i32 {
        match self {
            Era::Taisho => 1911,
            Era::Showa => 1925,
            Era::Heisei => 1988,
            Era::Reiwa => 2018,
        }
    }

    /// The era's last year, for eras that ended.
    fn last(self) -> Option<u32> {
        match self {
            Era::Taisho => Some(15),
            Era::Showa => Some(64),
            Era::Heisei => Some(31),
            Era::Reiwa => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Era::Taisho => "大正",
            Era::Showa => "昭和",
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }

    fn abbr(self) -> char {
        match self {
            Era::Taisho => 'T',
            Era::Showa => 'S',
            Era::Heisei => 'H',
            Era::Reiwa => 'R',
        }
    }

    fn next(self) -> Option<Era> {
        match self {
            Era::Taisho => Some(Era::Showa),
            Era::Showa => Some(Era::Heisei),
            Era::Heisei => Some(Era::Reiwa),
            Era::Reiwa => None,
        }
    }

    fn from_abbr(c: char) -> Option<Era> {
        match text::to_half(c) {
            'S' => Some(Era::Showa),
            'H' => Some(Era::Heisei),
            'R' => Some(Era::Reiwa),
            _ => None,
        }
    }
}

/// A year as written: 和暦 (full or abbreviated), 西暦, or bare digits (only as the end of a
/// range, see [`Range`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Year {
    /// `None` for 西暦 and bare digits.
    pub era: Option<Era>,
    /// Written as H/R/S rather than 平成/令和/昭和.
    pub abbrev: bool,
    /// The number as written (元 = 1).
    pub year: u32,
    /// From the era mark (or first digit) to the last digit.
    pub start: usize,
    /// The digits (or 元).
    pub digits: (usize, usize),
    /// After 年, 年度 and a month or day, if any.
    pub end: usize,
    /// Stray spaces inside: between era and digits, or digits and 年.
    pub spaces: Vec<usize>,
}

impl Year {
    /// The 西暦 year.
    pub fn western(&self) -> i32 {
        match self.era {
            Some(e) => e.offset() + self.year as i32,
            None => self.year as i32,
        }
    }
}

/// A range `from`–`to` (`to` may be open, e.g. H27年3月-).
#[derive(Clone, Debug)]
pub struct Range {
    pub from: Year,
    pub to: Option<Year>,
    /// The separator's span and text (`-`, `～`, `から` …).
    pub sep: (usize, usize),
    /// `to` is bare digits that take `from`'s era (H27-31年度).
    pub omitted_era: bool,
    /// Where the range ends (after the paired 西暦 of `to`, if any).
    pub end: usize,
}

/// A 和暦 year with its 西暦 in brackets, or the other way round.
#[derive(Clone, Debug)]
pub struct Pair {
    pub era: Year,
    pub western: Year,
    pub end: usize,
}

const SEPARATORS: &[char] = &['-', '－', '‐', '−', '–', '—', '~', '～', '〜'];

fn digits_at(chars: &[char], i: usize, max: usize) -> Option<(u32, usize)> {
    let mut j = i;
    let mut v: u32 = 0;
    while j < chars.len() && j - i < max {
        match text::digit_value(chars[j]) {
            Some(d) => v = v * 10 + d,
            None => break,
        }
        j += 1;
    }
    (j > i).then_some((v, j))
}

fn skip_spaces(chars: &[char], mut i: usize, spaces: &mut Vec<usize>) -> usize {
    while i < chars.len() && text::is_space(chars[i]) {
        spaces.push(i);
        i += 1;
    }
    i
}

/// After the digits: optional spaces, then 年 (年度, N月, N日). Returns the end, or `None`
/// when no 年 follows.
fn year_suffix(chars: &[char], i: usize, spaces: &mut Vec<usize>) -> Option<usize> {
    let mut sp = Vec::new();
    let j = skip_spaces(chars, i, &mut sp);
    if chars.get(j) != Some(&'年') {
        return None;
    }
    spaces.extend(sp);
    let mut k = j + 1;
    if chars.get(k) == Some(&'度') {
        return Some(k + 1);
    }
    for unit in ['月', '日'] {
        if let Some((_, e)) = digits_at(chars, k, 2)
            && chars.get(e) == Some(&unit)
        {
            k = e + 1;
        }
    }
    Some(k)
}

/// The year that starts at `i`, if one does.
fn year_at(chars: &[char], i: usize) -> Option<Year> {
    let c = chars[i];
    let prev = i.checked_sub(1).map(|p| chars[p]);
    let prev_word = prev.is_some_and(|p| text::is_latin(p) || text::is_digit(p));
    // Full era name.
    for era in Era::ALL {
        let mut name = era.name().chars();
        if name.next() == Some(c) && chars.get(i + 1).copied() == name.next() {
            let mut spaces = Vec::new();
            let d = skip_spaces(chars, i + 2, &mut spaces);
            let (year, de) = if chars.get(d) == Some(&'元') {
                (1, d + 1)
            } else {
                digits_at(chars, d, 2)?
            };
            let end = year_suffix(chars, de, &mut spaces)?;
            return Some(Year {
                era: Some(era),
                abbrev: false,
                year,
                start: i,
                digits: (d, de),
                end,
                spaces,
            });
        }
    }
    // Abbreviated era: H30, R5, S60 (not inside a word such as RPA2 or H2O).
    if let Some(era) = Era::from_abbr(c)
        && !prev_word
    {
        let mut spaces = Vec::new();
        let d = skip_spaces(chars, i + 1, &mut spaces);
        let (year, de) = if chars.get(d) == Some(&'元') {
            (1, d + 1)
        } else {
            digits_at(chars, d, 2)?
        };
        if chars
            .get(de)
            .is_some_and(|n| text::is_latin(*n) || text::is_digit(*n))
        {
            return None;
        }
        let end = year_suffix(chars, de, &mut spaces);
        // With a space after the era mark, insist on 年 so that "R 5" alone is not a year.
        if !spaces.is_empty() && end.is_none() {
            return None;
        }
        return Some(Year {
            era: Some(era),
            abbrev: true,
            year,
            start: i,
            digits: (d, de),
            end: end.unwrap_or(de),
            spaces,
        });
    }
    // 西暦: four digits followed by 年 or a range mark.
    if text::is_digit(c) && !prev.is_some_and(text::is_digit) {
        let (year, de) = digits_at(chars, i, 5)?;
        if de - i != 4 || !(1868..=2200).contains(&year) {
            return None;
        }
        let mut spaces = Vec::new();
        let end = match year_suffix(chars, de, &mut spaces) {
            Some(e) => e,
            None if chars.get(de).is_some_and(|n| SEPARATORS.contains(n)) => de,
            None => return None,
        };
        return Some(Year {
            era: None,
            abbrev: false,
            year,
            start: i,
            digits: (i, de),
            end,
            spaces,
        });
    }
    None
}

/// Every year, pair and range in a text.
#[derive(Debug, Default)]
pub struct Scan {
    pub years: Vec<Year>,
    pub pairs: Vec<Pair>,
    pub ranges: Vec<Range>,
}

fn open_bracket(c: Option<&char>) -> bool {
    matches!(c, Some('(' | '（'))
}

fn close_bracket(c: Option<&char>) -> bool {
    matches!(c, Some(')' | '）'))
}

/// The paired year in brackets right after `y`, and the end of the pair.
fn pair_after(chars: &[char], y: &Year) -> Option<(Year, usize)> {
    if !open_bracket(chars.get(y.end)) {
        return None;
    }
    let w = year_at(chars, y.end + 1)?;
    // 和暦 pairs with 西暦 and the other way round.
    if w.era.is_some() == y.era.is_some() || !close_bracket(chars.get(w.end)) {
        return None;
    }
    let end = w.end + 1;
    Some((w, end))
}

pub fn scan(chars: &[char]) -> Scan {
    let mut out = Scan::default();
    let mut i = 0;
    // (year, end including its paired year)
    let mut items: Vec<(Year, usize)> = Vec::new();
    while i < chars.len() {
        match year_at(chars, i) {
            Some(y) => {
                let mut end = y.end;
                if let Some((w, e)) = pair_after(chars, &y) {
                    end = e;
                    let (era, western) = if y.era.is_some() {
                        (y.clone(), w.clone())
                    } else {
                        (w.clone(), y.clone())
                    };
                    out.pairs.push(Pair {
                        era,
                        western,
                        end: e,
                    });
                    out.years.push(w);
                }
                i = end.max(i + 1);
                out.years.push(y.clone());
                items.push((y, end));
            }
            None => i += 1,
        }
    }
    out.years.sort_by_key(|y| y.start);
    // Ranges between consecutive items, or from an item to bare digits.
    for (k, (from, end)) in items.iter().enumerate() {
        let mut sp = Vec::new();
        let s = skip_spaces(chars, *end, &mut sp);
        let (sep_end, is_kara) = if chars.get(s).is_some_and(|c| SEPARATORS.contains(c)) {
            (s + 1, false)
        } else if chars[s.min(chars.len())..].starts_with(&['か', 'ら']) {
            (s + 2, true)
        } else {
            continue;
        };
        let t = skip_spaces(chars, sep_end, &mut sp);
        let next = items.get(k + 1).filter(|(y, _)| y.start == t);
        let (to, omitted, rend) = match next {
            Some((y, e)) => (Some(y.clone()), false, *e),
            None => {
                // Bare digits taking the start's era: H27-31年度. Only after a range mark:
                // after から, bare digits are a count (令和5年度から10年間, 2年連続).
                match (from.era, digits_at(chars, t, 2)) {
                    (Some(era), Some((v, de)))
                        if !is_kara
                            && !chars
                                .get(de)
                                .is_some_and(|c| text::is_digit(*c) || text::is_latin(*c)) =>
                    {
                        let mut spaces = Vec::new();
                        match year_suffix(chars, de, &mut spaces)
                            .filter(|&e| chars.get(e) != Some(&'間'))
                        {
                            Some(e) => (
                                Some(Year {
                                    era: Some(era),
                                    abbrev: from.abbrev,
                                    year: v,
                                    start: t,
                                    digits: (t, de),
                                    end: e,
                                    spaces,
                                }),
                                true,
                                e,
                            ),
                            None if is_kara => continue,
                            None => (None, false, sep_end),
                        }
                    }
                    _ if is_kara => continue,
                    _ => (None, false, sep_end),
                }
            }
        };
        out.ranges.push(Range {
            from: from.clone(),
            to,
            sep: (s, sep_end),
            omitted_era: omitted,
            end: rend,
        });
    }
    out
}

/// The number N of 「N年間」 within a few characters after `i` (before any 。), with its span.
fn years_count_after(chars: &[char], i: usize) -> Option<(u32, usize, usize)> {
    let limit = (i + 8).min(chars.len());
    let mut j = i;
    while j < limit {
        if chars[j] == '。' || chars[j] == '、' {
            return None;
        }
        if text::is_digit(chars[j]) && (j == 0 || !text::is_digit(chars[j - 1])) {
            let (v, e) = digits_at(chars, j, 3)?;
            if chars[e..].starts_with(&['年', '間']) {
                return Some((v, j, e + 2));
            }
            return None;
        }
        j += 1;
    }
    None
}

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
        let bad_high = era.last().is_some_and(|l| y.year > l);
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
                let last = era.last().unwrap_or(0);
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
                .is_some_and(|e| p.era.year > 0 && e.last().is_none_or(|l| p.era.year <= l))
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
    use super::super::apply_fix;
    use super::super::testutil::*;
    use super::*;
    use crate::model::ChangeStatus::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn scanner_reads_eras_pairs_and_ranges() {
        let s = scan(&chars(
            "平成30年度(2018年度)から平成34年度(2022年度)までの5年間",
        ));
        assert_eq!(s.pairs.len(), 2);
        assert_eq!(s.ranges.len(), 1);
        assert_eq!(s.ranges[0].from.western(), 2018);
        assert_eq!(s.ranges[0].to.as_ref().unwrap().western(), 2022);
        let s = scan(&chars("H27-31年度"));
        assert!(s.ranges[0].omitted_era);
        assert_eq!(s.ranges[0].to.as_ref().unwrap().western(), 2019);
        let s = scan(&chars("H27年3月-"));
        assert_eq!(s.ranges.len(), 1);
        assert!(s.ranges[0].to.is_none());
        let s = scan(&chars("H19年度-(H29改定)"));
        assert_eq!(s.years.len(), 2);
        assert!(s.ranges[0].to.is_none());
        let s = scan(&chars("R 5年度-"));
        assert_eq!(s.years[0].spaces.len(), 1);
        assert!(scan(&chars("AIやRPA2、H2O、SNS")).years.is_empty());
        assert!(
            scan(&chars("人口1万人あたり、目標値を8%から10%に"))
                .years
                .is_empty()
        );
        let s = scan(&chars("令和元年度"));
        assert_eq!(s.years[0].western(), 2019);
    }

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
