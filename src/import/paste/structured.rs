//! The blocks whose rows start with a head: 施策中項目 (`番号 名称`, `評価回答部署：`, ● 内容),
//! 関連計画 (計画名, 期間, 概要: table cells, or a line with a period in it) and 主な事業
//! (`①事業名`, 事業概要). Each returns false when the text has no head at all (then the
//! fallback reads it).

use std::collections::{HashMap, HashSet};

use super::PasteField;
use super::read::Reader;
use super::text::{Decoded, Lead, Piece, ends_sentence, is_heading, lead, trim};
use crate::model::{Side, circled_value};

impl Reader {
    /// A piece's text without its bullet or number; `None` when it is left out (a heading, a
    /// page number) or nothing is left.
    fn content<'t>(&mut self, p: &'t Piece) -> Option<&'t str> {
        if let Some(why) = self.skippable(p) {
            self.skip(p, why);
            return None;
        }
        let (rest, _) = self.strip_lead(p);
        (!rest.is_empty()).then_some(rest)
    }

    /// 施策中項目: `1 名称` starts one, `評価回答部署：` sets its departments, bullets follow.
    pub(super) fn measures(&mut self, dec: &Decoded) -> bool {
        let heads = item_heads(dec, false);
        if heads.is_empty() {
            return false;
        }
        let mut current: Option<usize> = None;
        let mut await_departments = false;
        let mut pending_number: Option<u32> = None;
        for (k, p) in dec.pieces.iter().enumerate() {
            if self.header_row(p) {
                continue;
            }
            let mut text = p.text.as_str();
            if let Some(rest) = strip_label(text, &["評価回答部署", "担当課"]) {
                self.marker(p.line, label_written(text, rest));
                match (rest.is_empty(), current) {
                    (true, _) => await_departments = true,
                    (false, Some(row)) => self.set_departments(row, p.line, rest),
                    (false, None) => {
                        let row = self.preamble_row(p.line);
                        self.set_departments(row, p.line, rest);
                    }
                }
                continue;
            }
            if let Some(rest) = strip_label(text, &["内容"]) {
                self.marker(p.line, label_written(text, rest));
                if rest.is_empty() {
                    continue;
                }
                text = rest;
            }
            if await_departments && let Some(row) = current {
                await_departments = false;
                self.set_departments(row, p.line, text);
                continue;
            }
            if heads.contains(&k) {
                let (value, rest) = number_and_rest(text);
                self.marker(p.line, &text[..text.len() - rest.len()]);
                match rest {
                    "" => pending_number = Some(value),
                    name => {
                        let row = self.new_row(p.line, numbered(value), false);
                        self.put(row, PasteField::Name, p.line, name);
                        self.use_line(p.line, row, PasteField::Number, false);
                        // The 内容 starts with the next line, never on the name.
                        self.flow.last = None;
                        current = Some(row);
                    }
                }
                continue;
            }
            if let Some(value) = pending_number.take() {
                let row = self.new_row(p.line, numbered(value), false);
                self.put(row, PasteField::Name, p.line, text);
                self.flow.last = None;
                current = Some(row);
                continue;
            }
            if text.len() == p.text.len()
                && let Some(why) = self.skippable(p)
            {
                self.skip(p, why);
                continue;
            }
            if let Some(row) = current
                && dec.tabular
                && p.cell_start
                && p.cell > 0
                && self.rows[row].side.departments.is_empty()
                && self.rows[row].side.bullets.is_empty()
                && looks_like_departments(text)
            {
                self.set_departments(row, p.line, text);
                continue;
            }
            let row = match current {
                Some(r) => r,
                None => self.preamble_row(p.line),
            };
            let piece = Piece {
                text: text.to_string(),
                ..p.clone()
            };
            let (rest, starts) = self.strip_lead(&piece);
            self.text_item(Some(row), p, rest, starts, dec.tabular);
        }
        true
    }

    /// 関連計画: 計画名, 期間, 概要 — cells of a table, or a line with a period in it.
    pub(super) fn plans(&mut self, dec: &Decoded) -> bool {
        let mut current: Option<usize> = None;
        let mut found = false;
        let records = by_record(dec);
        for (ri, pieces) in records.iter().enumerate() {
            let cells = group_cells(pieces);
            if dec.tabular && cells.len() > 1 {
                if pieces.iter().all(|p| self.header_rows.contains(&p.line)) {
                    for p in pieces {
                        self.header_row(p);
                    }
                    continue;
                }
                found = true;
                let first = cells[0][0];
                let row = self.new_row(first.line, Side::default(), false);
                let period_cell = (1..cells.len())
                    .find(|&c| cells[c].len() == 1 && looks_like_period(&cells[c][0].text));
                for (c, cell) in cells.iter().enumerate() {
                    let field = if c == 0 {
                        PasteField::Name
                    } else if Some(c) == period_cell {
                        PasteField::Period
                    } else {
                        PasteField::Summary
                    };
                    for p in cell {
                        let (rest, _) = self.strip_lead(p);
                        if !rest.is_empty() {
                            self.put(row, field, p.line, rest);
                        }
                    }
                }
                current = Some(row);
                continue;
            }
            for p in pieces {
                let Some(rest) = self.content(p) else {
                    continue;
                };
                if let Some((name, period, summary)) = split_at_period(rest) {
                    found = true;
                    let row = self.new_row(p.line, Side::default(), false);
                    self.put(row, PasteField::Name, p.line, name);
                    self.put(row, PasteField::Period, p.line, period);
                    if !summary.is_empty() {
                        self.put(row, PasteField::Summary, p.line, summary);
                    }
                    self.flowed(summary);
                    current = Some(row);
                    continue;
                }
                // A PDF that puts the columns on lines of their own: 名称, then 期間 alone.
                let next_is_period = records
                    .get(ri + 1)
                    .and_then(|n| n.first())
                    .is_some_and(|n| looks_like_period(lead(&n.text).1));
                if next_is_period {
                    found = true;
                    let row = self.new_row(p.line, Side::default(), false);
                    self.put(row, PasteField::Name, p.line, rest);
                    current = Some(row);
                    continue;
                }
                match current {
                    Some(row)
                        if looks_like_period(rest) && self.rows[row].side.period.is_empty() =>
                    {
                        self.put(row, PasteField::Period, p.line, rest);
                        self.flow.last = None;
                    }
                    // 「令和5年度～令和」 then 「14年度」: a period wrapped in its column.
                    Some(row)
                        if period_cut(&self.rows[row].side.period)
                            && rest.starts_with(|c: char| {
                                c.is_ascii_digit() || ('０'..='９').contains(&c)
                            })
                            && looks_like_period(&format!(
                                "{}{rest}",
                                self.rows[row].side.period
                            )) =>
                    {
                        let last = self.flow.last;
                        self.flow.last = Some((row, PasteField::Period));
                        self.join_last(p.line, rest);
                        self.flow.last = last;
                    }
                    Some(row) if self.flow.last == Some((row, PasteField::Summary)) => {
                        self.join_last(p.line, rest);
                    }
                    Some(row) => {
                        self.put(row, PasteField::Summary, p.line, rest);
                    }
                    None => {
                        let row = self.preamble_row(p.line);
                        self.put(row, PasteField::Summary, p.line, rest);
                    }
                }
            }
        }
        found
    }

    /// 主な事業: `①事業名` (or `(1)`, `1 `) starts one; the rest of its line, its next cells or
    /// the lines below are its 事業概要.
    pub(super) fn projects(&mut self, dec: &Decoded) -> bool {
        let heads = item_heads(dec, true);
        if heads.is_empty() {
            return false;
        }
        let mut current: Option<(usize, usize)> = None; // (row, record)
        let mut pending_number: Option<u32> = None;
        for (k, p) in dec.pieces.iter().enumerate() {
            if self.header_row(p) {
                continue;
            }
            if heads.contains(&k) {
                let (value, rest) = number_and_rest(&p.text);
                self.marker(p.line, &p.text[..p.text.len() - rest.len()]);
                if rest.is_empty() {
                    pending_number = Some(value);
                    continue;
                }
                let row = self.new_row(p.line, numbered(value), false);
                self.use_line(p.line, row, PasteField::Number, false);
                let (name, summary) = if p.cells > 1 {
                    (rest, "")
                } else {
                    split_at_space(rest)
                };
                self.put(row, PasteField::Name, p.line, name);
                if !summary.is_empty() {
                    self.put(row, PasteField::Summary, p.line, summary);
                    self.flowed(summary);
                }
                current = Some((row, p.record));
                continue;
            }
            if let Some(value) = pending_number.take() {
                let row = self.new_row(p.line, numbered(value), false);
                self.put(row, PasteField::Name, p.line, &p.text);
                current = Some((row, p.record));
                continue;
            }
            let Some(rest) = self.content(p) else {
                continue;
            };
            match current {
                Some((row, record)) if dec.tabular && (p.record == record || p.cell_start) => {
                    self.put(row, PasteField::Summary, p.line, rest);
                    self.flowed(rest);
                }
                Some((row, _)) => {
                    if matches!(self.flow.last, Some((r, PasteField::Summary)) if r == row) {
                        self.join_last(p.line, rest);
                    } else {
                        self.put(row, PasteField::Summary, p.line, rest);
                    }
                    self.flowed(rest);
                }
                None => {
                    let row = self.preamble_row(p.line);
                    self.put(row, PasteField::Summary, p.line, rest);
                }
            }
        }
        true
    }
}

fn numbered(value: u32) -> Side {
    Side {
        number: Some(value),
        ..Side::default()
    }
}

/// The pieces that start an item of a numbered block: `1 名称` / `（1）名称` / `①名称` at the
/// start of a cell, counting up, not a sentence (a 施策中項目's name does not end with 。;
/// `with_summary`: a 事業's line may go on with its 概要), or a number alone in its cell or on
/// its line when it is the number expected next and a name follows.
fn item_heads(dec: &Decoded, with_summary: bool) -> HashSet<usize> {
    let mut heads = HashSet::new();
    let mut last: Option<u32> = None;
    for (k, p) in dec.pieces.iter().enumerate() {
        if !p.cell_start {
            continue;
        }
        let expected = last.map_or(1, |l| l + 1);
        if let (Lead::Number { value, .. }, rest) = lead(&p.text) {
            // A 施策中項目's name is short and no sentence; a 事業's line may carry its 概要.
            let name_like = !rest.is_empty()
                && (with_summary || (!ends_sentence(rest) && rest.chars().count() <= 60));
            // Items count up; a lower number is a list inside the text.
            if name_like && last.is_none_or(|l| value > l) {
                heads.insert(k);
                last = Some(value);
            }
            continue;
        }
        // A number alone: a table's 番号 cell, or a PDF line with just the number.
        let t = trim(&p.text);
        let alone = t
            .chars()
            .next()
            .filter(|_| t.chars().count() == 1)
            .and_then(circled_value)
            .or_else(|| t.parse::<u32>().ok().filter(|_| t.len() <= 3));
        if let Some(v) = alone
            && (v == expected || (p.cells > 1 && p.cell == 0))
            && dec
                .pieces
                .get(k + 1)
                .is_some_and(|n| matches!(lead(&n.text).0, Lead::Plain) && !is_heading(&n.text))
        {
            heads.insert(k);
            last = Some(v);
        }
    }
    heads
}

/// The number a head piece starts with and the rest (its name, maybe more).
fn number_and_rest(text: &str) -> (u32, &str) {
    match lead(text) {
        (Lead::Number { value, .. }, rest) => (value, rest),
        _ => {
            let t = trim(text);
            let v = t
                .chars()
                .next()
                .and_then(circled_value)
                .or_else(|| t.parse().ok())
                .unwrap_or(0);
            (v, "")
        }
    }
}

/// `評価回答部署：企画課` → `企画課`; `評価回答部署` → ``; other text → None.
fn strip_label<'t>(text: &'t str, labels: &[&str]) -> Option<&'t str> {
    for l in labels {
        let t = text.trim_start_matches(['【', '〔', '[']);
        if let Some(rest) = t.strip_prefix(l) {
            let rest = rest.trim_start_matches(['】', '〕', ']']);
            let sep = rest.starts_with([':', '：'])
                || rest.is_empty()
                || rest.starts_with(super::text::is_blank_char);
            if sep {
                return Some(trim(
                    rest.trim_start_matches([':', '：'])
                        .trim_start_matches(super::text::is_blank_char),
                ));
            }
        }
    }
    None
}

/// The label as written before `rest` (`評価回答部署：`).
fn label_written<'t>(text: &'t str, rest: &str) -> &'t str {
    trim(&text[..text.len() - rest.len()])
}

/// What department names end with.
const DEPARTMENT_ENDS: &[&str] = &[
    "課",
    "室",
    "局",
    "所",
    "係",
    "部",
    "センター",
    "事務局",
    "委員会",
    "館",
    "園",
    "署",
];

fn looks_like_departments(text: &str) -> bool {
    let parts: Vec<&str> = text
        .split(['、', ',', '，', '/', '／', ' ', '　'])
        .map(trim)
        .filter(|p| !p.is_empty())
        .collect();
    !parts.is_empty()
        && parts
            .iter()
            .all(|p| p.chars().count() <= 20 && DEPARTMENT_ENDS.iter().any(|e| p.ends_with(e)))
}

/// Whether a text is a plan period as documents write it: `H30-R4年度`, `R5-R9年度`,
/// `H27年3月-`, `H19年度-(H29改定)`, `令和5年度～令和9年度`, `2023-2027年度`.
pub(super) fn looks_like_period(text: &str) -> bool {
    let t = trim(text);
    let n = t.chars().count();
    if n == 0
        || n > 30
        || !t
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return false;
    }
    let allowed = |c: char| {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || "HRSThrsＨＲＳ平成令和昭和元年度月日-－‐―–~～〜()（）改定まで以降から・、 　"
                .contains(c)
    };
    if !t.chars().all(allowed) {
        return false;
    }
    let era = t.starts_with(['H', 'R', 'S', 'Ｈ', 'Ｒ', 'Ｓ', '平', '令', '昭']);
    let year = t.chars().take_while(|c| c.is_ascii_digit()).count() == 4;
    (era || year) && (t.contains('年') || t.contains(['-', '－', '‐', '―', '–', '~', '～', '〜']))
}

/// A period cut at the end of its column's line (`令和5年度～令和`, `H30-`).
fn period_cut(period: &str) -> bool {
    period.ends_with([
        '令', '和', '平', '成', '昭', 'H', 'R', 'S', '-', '－', '～', '〜', '~',
    ])
}

/// `本庄市行政改革大綱 H30-R4年度 職員自ら…` → (name, period, summary): the first word that is a
/// period splits the line; the name is everything before it.
fn split_at_period(text: &str) -> Option<(&str, &str, &str)> {
    let mut start = None;
    let mut i = 0;
    for (pos, c) in text.char_indices() {
        let blank = super::text::is_blank_char(c);
        match (blank, start) {
            (false, None) => start = Some(pos),
            (true, Some(s)) => {
                if i > 0 && looks_like_period(&text[s..pos]) {
                    return Some((trim(&text[..s]), &text[s..pos], trim(&text[pos..])));
                }
                start = None;
                i += 1;
            }
            _ => {}
        }
    }
    if let Some(s) = start
        && i > 0
        && looks_like_period(&text[s..])
    {
        return Some((trim(&text[..s]), &text[s..], ""));
    }
    None
}

/// `広報活動の充実 広報紙を…` → (name, summary) at the first white space.
fn split_at_space(text: &str) -> (&str, &str) {
    match text.find(super::text::is_blank_char) {
        Some(i) => (trim(&text[..i]), trim(&text[i..])),
        None => (text, ""),
    }
}

fn by_record(dec: &Decoded) -> Vec<Vec<&Piece>> {
    let mut out: Vec<Vec<&Piece>> = Vec::new();
    let mut index: HashMap<usize, usize> = HashMap::new();
    for p in &dec.pieces {
        let k = *index.entry(p.record).or_insert_with(|| {
            out.push(Vec::new());
            out.len() - 1
        });
        out[k].push(p);
    }
    out
}

fn group_cells<'p>(pieces: &[&'p Piece]) -> Vec<Vec<&'p Piece>> {
    let mut out: Vec<Vec<&Piece>> = Vec::new();
    let mut last = None;
    for p in pieces {
        if last != Some(p.cell) {
            out.push(Vec::new());
            last = Some(p.cell);
        }
        out.last_mut().expect("pushed").push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_as_plans_write_them() {
        for p in [
            "H30-R4年度",
            "H27-31年度",
            "H19年度-(H29改定)",
            "R3-R7年度",
            "H27年3月-",
            "令和5年度～令和9年度",
            "2023-2027年度",
        ] {
            assert!(looks_like_period(p), "{p}");
        }
        for p in ["本庄市行政改革大綱", "3年間", "R5", "職員研修計画R3"] {
            assert!(!looks_like_period(p), "{p}");
        }
        assert_eq!(
            split_at_period("本庄市 職員研修計画 R3-R7年度 研修の基本方針"),
            Some(("本庄市 職員研修計画", "R3-R7年度", "研修の基本方針"))
        );
        assert_eq!(split_at_period("R3-R7年度 のみ"), None);
    }

    #[test]
    fn labels_and_departments() {
        assert_eq!(
            strip_label("評価回答部署：企画課", &["評価回答部署"]),
            Some("企画課")
        );
        assert_eq!(strip_label("【評価回答部署】", &["評価回答部署"]), Some(""));
        assert_eq!(strip_label("評価回答部署の変更", &["評価回答部署"]), None);
        assert!(looks_like_departments("広報課、秘書課、議会事務局"));
        assert!(!looks_like_departments("広報紙を発行します。"));
    }
}
