//! Pasted text as pieces: line ends unified (CRLF, CR), tab-separated cells decoded (Excel's
//! `"…"` quoted cells that hold line breaks and `""`), every cell line trimmed of white space
//! (full-width spaces and NBSP too) — and what starts a piece: a bullet, a number, a label.
//!
//! Nothing is lost on the way: a piece keeps its physical line, and the characters the decoder
//! removes (the quotes of a quoted cell) are recorded as consumed on that line.

use crate::model::circled_value;

/// Invisible characters that carry no text: zero-width spaces and joiners, the BOM. Removed
/// like white space.
pub fn is_blank_char(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// The text without blank characters at either end.
pub fn trim(s: &str) -> &str {
    s.trim_matches(is_blank_char)
}

/// One cell line of the pasted text.
#[derive(Clone, Debug)]
pub struct Piece {
    /// The physical line it is on (0-based).
    pub line: usize,
    /// Which record (table row; a plain line is a record of one cell) it belongs to.
    pub record: usize,
    /// Its cell's index in the record.
    pub cell: usize,
    /// How many cells the record has (1 for plain text).
    pub cells: usize,
    /// Whether it is the first line of its cell.
    pub cell_start: bool,
    /// The text, trimmed; never empty.
    pub text: String,
}

/// The pasted text, decoded.
#[derive(Clone, Debug, Default)]
pub struct Decoded {
    /// The physical lines as pasted, without their line ends.
    pub lines: Vec<String>,
    pub pieces: Vec<Piece>,
    /// Characters the decoder removed, per line (the `"` of quoted cells).
    pub consumed: Vec<(usize, String)>,
    /// Whether any record has more than one cell (a table from Excel or Word).
    pub tabular: bool,
}

/// How far a quoted cell may reach before its opening `"` is taken as a plain character.
const MAX_QUOTED_BYTES: usize = 256 * 1024;

/// Counts the lines of `text` the way [`decode`] splits them, without allocating.
pub fn count_lines(text: &str) -> usize {
    let b = text.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\r' => {
                n += 1;
                if b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\n' | 0x0B | 0x0C => n += 1,
            // U+2028, U+2029 (E2 80 A8/A9)
            0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)) => {
                n += 1
            }
            _ => {}
        }
        i += 1;
    }
    if !text.is_empty()
        && !text.ends_with(['\n', '\r', '\u{000B}', '\u{000C}', '\u{2028}', '\u{2029}'])
    {
        n += 1;
    }
    n
}

/// Decodes pasted text into lines and pieces.
pub fn decode(text: &str) -> Decoded {
    // CRLF and CR end lines; so do Word's manual line break (VT), the Unicode line and paragraph
    // separators, and the form feed pdftotext puts between pages.
    let norm = text
        .replace("\r\n", "\n")
        .replace(['\r', '\u{000B}', '\u{000C}', '\u{2028}', '\u{2029}'], "\n")
        // A non-breaking space (Word's Ctrl+Shift+Space, web pages) is an ordinary space here.
        .replace('\u{00A0}', " ");
    let mut out = Decoded {
        lines: norm.split('\n').map(str::to_string).collect(),
        ..Decoded::default()
    };
    if norm.ends_with('\n') {
        out.lines.pop();
    }
    let b = norm.as_bytes();
    let mut i = 0;
    let mut line = 0;
    let mut record = 0;
    while i < b.len() {
        // One record: cells up to the line end that is not inside quotes.
        let mut cells: Vec<(usize, String)> = Vec::new();
        loop {
            let start_line = line;
            if b.get(i) == Some(&b'"')
                && let Some((end, cell, breaks, quotes)) = quoted(&norm, i)
            {
                out.consumed.push((start_line, "\"".repeat(quotes)));
                cells.push((start_line, cell));
                line += breaks;
                i = end;
            } else {
                let end = b[i..]
                    .iter()
                    .position(|&c| c == b'\t' || c == b'\n')
                    .map_or(b.len(), |p| i + p);
                cells.push((start_line, norm[i..end].to_string()));
                i = end;
            }
            match b.get(i) {
                Some(b'\t') => i += 1,
                Some(b'\n') => {
                    i += 1;
                    line += 1;
                    break;
                }
                _ => break,
            }
        }
        // A list item copied from Word — its bullet or number, a tab, the text — is one cell.
        if cells.len() == 2
            && !cells[0].1.contains('\n')
            && !cells[1].1.contains('\n')
            && is_list_mark(trim(&cells[0].1))
        {
            let (_, text) = cells.remove(1);
            cells[0].1.push(' ');
            cells[0].1.push_str(&text);
        }
        let count = cells.len();
        if cells.iter().filter(|(_, c)| !trim(c).is_empty()).count() > 1 {
            out.tabular = true;
        }
        for (ci, (start, cell)) in cells.into_iter().enumerate() {
            let mut first = true;
            for (k, part) in cell.split('\n').enumerate() {
                let t = trim(part);
                if t.is_empty() {
                    continue;
                }
                out.pieces.push(Piece {
                    line: start + k,
                    record,
                    cell: ci,
                    cells: count,
                    cell_start: first,
                    text: t.to_string(),
                });
                first = false;
            }
        }
        record += 1;
    }
    out
}

/// A quoted cell starting at `i` (a `"`): its end (after the closing quote), its text, the
/// line breaks inside and the quote characters removed. `None` when the quote is not closed
/// by a `"` followed by a tab, a line end or the end (then it is a plain character).
fn quoted(s: &str, i: usize) -> Option<(usize, String, usize, usize)> {
    let b = s.as_bytes();
    let mut j = i + 1;
    let mut text = String::new();
    let mut quotes = 2;
    loop {
        let k = j + b[j..].iter().position(|&c| c == b'"')?;
        if k - i > MAX_QUOTED_BYTES {
            return None;
        }
        text.push_str(&s[j..k]);
        match b.get(k + 1) {
            Some(b'"') => {
                text.push('"');
                quotes += 1;
                j = k + 2;
            }
            None | Some(b'\t') | Some(b'\n') => {
                let breaks = text.matches('\n').count();
                return Some((k + 1, text, breaks, quotes));
            }
            Some(_) => return None,
        }
    }
}

/// What a piece starts with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lead {
    /// A bullet (●, ・, ○, ◆, •, a symbol-font bullet …), as written.
    Bullet(String),
    /// A number, as written (`1 `, `(1)`, `①`, `１．` …), and its value.
    Number {
        value: u32,
        written: String,
        circled: bool,
    },
    Plain,
}

/// A bullet or a number standing alone (`●`, U+F0B7, `1.`, `(1)`, `①`, `1`): what Word puts
/// before the tab of a list item.
fn is_list_mark(text: &str) -> bool {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => {
            BULLETS.contains(&c)
                || ('\u{F000}'..='\u{F0FF}').contains(&c)
                || circled_value(c).is_some()
                || digit(c).is_some()
        }
        (Some(_), Some(_)) => {
            let inner = text.trim_matches(|c| matches!(c, '(' | '（' | ')' | '）' | '.' | '．'));
            text.chars().count() <= 5
                && !inner.is_empty()
                && inner.chars().all(|c| digit(c).is_some())
        }
        _ => false,
    }
}

/// Characters that start a bullet line. Word's symbol-font bullets arrive as private-use
/// characters (U+F0B7 …), handled apart.
const BULLETS: &[char] = &[
    '●', '○', '◯', '◎', '◆', '◇', '■', '□', '▪', '▫', '・', '･', '•', '◦', '‣', '∙', '⚫', '★',
    '☆', '➢', '➤', '►', '▶', '▸', '✓', '✔',
];

/// Characters that start a bullet only when a space follows (`- 項目`, `* 項目`).
const SPACED_BULLETS: &[char] = &['-', '*', '－', '＊', '–', '—'];

fn is_space(c: char) -> bool {
    is_blank_char(c)
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Splits a piece into what it starts with and the rest (trimmed).
pub fn lead(text: &str) -> (Lead, &str) {
    let mut chars = text.char_indices();
    let Some((_, first)) = chars.next() else {
        return (Lead::Plain, text);
    };
    let after = |n: usize| trim(&text[n..]);
    let len = first.len_utf8();
    if BULLETS.contains(&first) || ('\u{F000}'..='\u{F0FF}').contains(&first) {
        return (Lead::Bullet(first.to_string()), after(len));
    }
    if SPACED_BULLETS.contains(&first) && text[len..].starts_with(is_space) {
        return (Lead::Bullet(first.to_string()), after(len));
    }
    if let Some(v) = circled_value(first) {
        return (
            Lead::Number {
                value: v,
                written: first.to_string(),
                circled: true,
            },
            after(len),
        );
    }
    // The number written in `text[..end]`, its digits `n`, and the rest.
    let number = |n: &str, end: usize| {
        (
            Lead::Number {
                value: value(n),
                written: text[..end].to_string(),
                circled: false,
            },
            after(end),
        )
    };
    // (1) （1）
    if matches!(first, '(' | '（') {
        let rest = &text[len..];
        let n: String = rest.chars().take_while(|c| digit(*c).is_some()).collect();
        if !n.is_empty() && n.chars().count() <= 3 {
            let tail = &rest[n.len()..];
            if let Some(close) = tail.chars().next().filter(|c| matches!(c, ')' | '）')) {
                return number(&n, len + n.len() + close.len_utf8());
            }
        }
    }
    // 1 名称, 1．名称, 1) 名称, 1、名称
    let n: String = text.chars().take_while(|c| digit(*c).is_some()).collect();
    if !n.is_empty() && n.chars().count() <= 3 {
        let tail = &text[n.len()..];
        if let Some(sep) = tail.chars().next() {
            let spaced = is_space(sep);
            let dotted = matches!(sep, '.' | '．' | '、' | ')' | '）');
            // 「1.5倍」 is a number in a sentence, not a heading.
            let decimal = dotted && tail[sep.len_utf8()..].starts_with(|c| digit(c).is_some());
            if (spaced || dotted) && !decimal && !trim(&tail[sep.len_utf8()..]).is_empty() {
                return number(&n, n.len() + sep.len_utf8());
            }
        }
    }
    (Lead::Plain, text)
}

fn value(digits: &str) -> u32 {
    digits
        .chars()
        .filter_map(digit)
        .fold(0u32, |v, d| v.saturating_mul(10).saturating_add(d))
}

/// The headings and column titles the plan documents and the staff tables use. A piece made
/// only of these is a heading, not content.
const HEADINGS: &[&str] = &[
    "現況と課題",
    "めざす姿",
    "目指す姿",
    "施策中項目",
    "施策の内容",
    "協働による取組",
    "協働による取り組み",
    "関連計画",
    "主な事業",
    "主な事業一覧",
    "資料編",
    "内容",
    "番号",
    "名称",
    "施策名",
    "計画名",
    "期間",
    "計画期間",
    "概要",
    "事業名",
    "事業概要",
    "変更有無",
    "変更区分",
    "評価回答部署",
    "担当課",
    "現行計画の内容",
    "現行",
    "改定案",
    "次期計画素案",
];

/// Whether the piece is a heading or a table header (`計画名 期間 概要`, `【めざす姿】`), or a
/// chapter heading as plans' running headers write it (`第2章 健康福祉分野`).
pub fn is_heading(text: &str) -> bool {
    if is_chapter(text) {
        return true;
    }
    let words: Vec<String> = text
        .split(|c: char| is_space(c) || c == '/' || c == '／')
        .map(|w| {
            w.chars()
                .filter(|c| !"【】「」[]()（）〈〉<>《》:：".contains(*c))
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty() && words.iter().all(|w| HEADINGS.contains(&w.as_str()))
}

/// `第2章 …`, `第３節 …`, `第1編`: a chapter heading (short, no sentence).
fn is_chapter(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('第') else {
        return false;
    };
    let n = rest
        .chars()
        .take_while(|c| digit(*c).is_some() || "一二三四五六七八九十".contains(*c))
        .count();
    let after = rest.chars().nth(n);
    n > 0
        && matches!(after, Some('章' | '節' | '編' | '部'))
        && text.chars().count() <= 30
        && !ends_sentence(text)
}

/// Whether the piece is a page number as PDFs and Word print them: `12`, `- 12 -`, `― 12 ―`,
/// `12/40`, `P.12`, `12ページ`.
pub fn is_page_number(text: &str) -> bool {
    let t = text.trim_matches(|c: char| is_space(c) || "-－―‐—–~〜".contains(c));
    let t = t
        .strip_prefix("P.")
        .or_else(|| t.strip_prefix("p."))
        .or_else(|| t.strip_prefix('P'))
        .or_else(|| t.strip_prefix('p'))
        .unwrap_or(t);
    let t = t.strip_suffix("ページ").unwrap_or(t);
    let t = trim(t);
    let mut parts = t.splitn(2, ['/', '／']);
    let num = |s: Option<&str>| {
        s.map(trim).is_some_and(|s| {
            !s.is_empty() && s.chars().count() <= 4 && s.chars().all(|c| digit(c).is_some())
        })
    };
    let (a, b) = (parts.next(), parts.next());
    num(a) && (b.is_none() || num(b))
}

/// A page number that a PDF reader ran into the first words of a line (`- 24 環境づくり…`):
/// the page number and the rest.
pub fn split_page_prefix(text: &str) -> Option<(&str, &str)> {
    let dashes = "-－―‐—–";
    let first = text.chars().next().filter(|c| dashes.contains(*c))?;
    let rest = text[first.len_utf8()..].trim_start_matches(is_space);
    let digits = rest.chars().take_while(|c| digit(*c).is_some()).count();
    if digits == 0 || digits > 4 {
        return None;
    }
    let width: usize = rest.chars().take(digits).map(char::len_utf8).sum();
    let tail = &rest[width..];
    let spaced = tail.trim_start_matches(is_space);
    let (closed, after) = match spaced.strip_prefix(|c: char| dashes.contains(c)) {
        Some(a) => (true, a),
        None => (false, spaced),
    };
    if !(closed || tail.starts_with(is_space)) {
        return None;
    }
    let body = trim(after);
    if body.is_empty() || body.starts_with(|c| digit(c).is_some()) {
        return None;
    }
    let cut = text.len() - body.len();
    Some((trim(&text[..cut]), body))
}

/// Whether the text ends a sentence (。, ．, ！, ？ and the like, or a closing bracket after one).
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(|c: char| is_space(c) || "」』）)".contains(c));
    t.ends_with(['。', '．', '！', '？', '!', '?'])
}

/// Appends a continuation line (a line broken inside a sentence, e.g. by a PDF): Japanese runs
/// on without a space; two Latin letters or digits meeting get one.
pub fn join(to: &mut String, more: &str) {
    let last = to.chars().last();
    let first = more.chars().next();
    if let (Some(a), Some(b)) = (last, first)
        && a.is_ascii_alphanumeric()
        && b.is_ascii_alphanumeric()
    {
        to.push(' ');
    }
    to.push_str(more);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_cells_with_line_breaks_quotes_and_crlf() {
        let text = "1\t\"●一つ目\n●二つ目\"\t\"引用\"\"あり\"\"\"\r\n2\tふつう\t\r\n";
        let d = decode(text);
        assert!(d.tabular);
        assert_eq!(d.lines.len(), 3);
        let got: Vec<(usize, usize, usize, &str)> = d
            .pieces
            .iter()
            .map(|p| (p.line, p.record, p.cell, p.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (0, 0, 0, "1"),
                (0, 0, 1, "●一つ目"),
                (1, 0, 1, "●二つ目"),
                (1, 0, 2, "引用\"あり\""),
                (2, 1, 0, "2"),
                (2, 1, 1, "ふつう"),
            ]
        );
        // 2 + 2 quotes around the cells, 2 of the 4 inner ones.
        let quotes: usize = d.consumed.iter().map(|(_, s)| s.len()).sum();
        assert_eq!(quotes, 4 + 2);
        assert_eq!(count_lines(text), 3);
    }

    #[test]
    fn an_unclosed_or_inner_quote_is_a_plain_character() {
        let d = decode("\"見出し\n本文\n");
        assert_eq!(d.pieces[0].text, "\"見出し");
        let d = decode("\"一\"部\tx");
        assert_eq!(d.pieces[0].text, "\"一\"部");
        assert!(d.consumed.is_empty());
    }

    #[test]
    fn leads_as_documents_write_them() {
        let l = |s| lead(s);
        assert_eq!(l("●広報紙"), (Lead::Bullet("●".into()), "広報紙"));
        assert_eq!(l("・　広報紙"), (Lead::Bullet("・".into()), "広報紙"));
        assert_eq!(l("\u{F0B7}\t広報紙").1, "広報紙");
        assert_eq!(l("- 項目").1, "項目");
        assert_eq!(l("-5度").0, Lead::Plain);
        let num = |s: &str| match lead(s) {
            (Lead::Number { value, circled, .. }, rest) => Some((value, circled, rest.to_string())),
            _ => None,
        };
        assert_eq!(num("1 広報広聴"), Some((1, false, "広報広聴".into())));
        assert_eq!(num("１２　行政改革"), Some((12, false, "行政改革".into())));
        assert_eq!(num("3．組織"), Some((3, false, "組織".into())));
        assert_eq!(num("（4）広域"), Some((4, false, "広域".into())));
        assert_eq!(num("⑯オンライン"), Some((16, true, "オンライン".into())));
        assert_eq!(num("2025年度までに"), None);
        assert_eq!(num("1.5倍に"), None);
        assert_eq!(num("10"), None);
    }

    #[test]
    fn headings_page_numbers_and_sentence_ends() {
        assert!(is_heading("現況と課題"));
        assert!(is_heading("【めざす姿】"));
        assert!(is_heading("計画名　期間　概要"));
        assert!(!is_heading("計画名を変更します"));
        assert!(is_heading("第2章 健康福祉分野"));
        assert!(is_heading("第三節　地域福祉"));
        assert!(!is_heading("第2期計画を策定しました。"));
        for p in ["12", "- 12 -", "― 3 ―", "12/40", "P.7", "８ページ"] {
            assert!(is_page_number(p), "{p}");
        }
        assert!(!is_page_number("12月"));
        assert_eq!(
            split_page_prefix("- 24 環境づくりを支援します。"),
            Some(("- 24", "環境づくりを支援します。"))
        );
        assert_eq!(split_page_prefix("― 3 ― 本文"), Some(("― 3 ―", "本文")));
        assert_eq!(split_page_prefix("- 項目"), None);
        assert_eq!(split_page_prefix("-24度"), None);
        assert!(!is_page_number("H30-R4年度"));
        assert!(ends_sentence("行います。"));
        assert!(ends_sentence("「市長への手紙」。」"));
        assert!(!ends_sentence("情報発信を行っ"));
        let mut s = "SNS".to_string();
        join(&mut s, "Twitter");
        assert_eq!(s, "SNS Twitter");
        let mut s = "行っ".to_string();
        join(&mut s, "ています。");
        assert_eq!(s, "行っています。");
    }
}
