//! Years as Japanese text writes them: 和暦 (平成30年度, H30, 令和元年), 西暦 (2023年度), a 和暦
//! with its 西暦 in brackets (令和5年度(2023年度)), and ranges between them (H30-R4年度,
//! 令和5年度から令和9年度まで, H27-31年度, R5年度-). The 元号・期間 rules (`check::era`) read
//! them; the era table is [`crate::model::Era`].

use super::text;
use crate::model::Era;

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
    if let Some(era) = abbreviated_era(c)
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
pub fn years_count_after(chars: &[char], i: usize) -> Option<(u32, usize, usize)> {
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

/// The era an abbreviation letter stands for (half- or full-width). 大正's T is not read as an
/// era: drafts today never abbreviate it, and T followed by digits names other things.
fn abbreviated_era(c: char) -> Option<Era> {
    Era::from_abbr(text::to_half(c)).filter(|&e| e != Era::Taisho)
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
