//! Character classes and small text helpers shared by the rule families.
//!
//! Spans are counted in characters (Unicode scalar values), the unit the GUI's text editor uses
//! for cursors, never in bytes.

/// A kanji (CJK ideograph), including 々 and 〆, which behave like kanji in words.
pub fn is_kanji(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}'
        | '々' | '〆')
}

/// A hiragana letter (not the iteration marks).
pub fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}')
}

/// A katakana letter or the long vowel mark ー (full or half width).
pub fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー' | '\u{FF66}'..='\u{FF9F}')
}

/// An ASCII or full-width Latin letter.
pub fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// An ASCII or full-width digit.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '０'..='９')
}

/// The value of an ASCII or full-width digit.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The half-width form of a full-width ASCII variant (Ａ → A, （ → (); other characters as
/// they are. The ideographic space becomes a plain space.
pub fn to_half(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// The full-width form of a printable ASCII character (A → Ａ); other characters as they are.
pub fn to_full(c: char) -> char {
    match c {
        '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
        ' ' => '\u{3000}',
        _ => c,
    }
}

/// Whether `c` is white space of any width.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// The characters `chars[start..end]` as a string.
pub fn slice(chars: &[char], start: usize, end: usize) -> String {
    chars[start.min(chars.len())..end.min(chars.len())]
        .iter()
        .collect()
}

/// A short excerpt around `start..end` for messages: the span with a few characters of
/// context on each side.
pub fn context(chars: &[char], start: usize, end: usize, around: usize) -> String {
    let a = start.saturating_sub(around);
    let b = (end + around).min(chars.len());
    let mut s = String::new();
    if a > 0 {
        s.push('…');
    }
    s.extend(&chars[a..b]);
    if b < chars.len() {
        s.push('…');
    }
    s
}

/// Finds every occurrence of `needle` in `hay` (non-overlapping, left to right).
pub fn find_all(hay: &[char], needle: &[char]) -> Vec<usize> {
    let mut out = Vec::new();
    if needle.is_empty() || needle.len() > hay.len() {
        return out;
    }
    let first = needle[0];
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i] == first && hay[i..i + needle.len()] == *needle {
            out.push(i);
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

/// Spans `(start, end)` of the text inside 「」 (the brackets excluded), nested quotes
/// included in the outer span.
pub fn quoted_spans(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut open = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '「' | '『' => {
                if depth == 0 {
                    open = i + 1;
                }
                depth += 1;
            }
            '」' | '』' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push((open, i));
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether position `i` falls inside one of `spans`.
pub fn inside(spans: &[(usize, usize)], i: usize) -> bool {
    spans.iter().any(|&(a, b)| a <= i && i < b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_kanji('漢') && is_kanji('々') && !is_kanji('か'));
        assert!(is_hiragana('を') && !is_hiragana('ヲ'));
        assert!(is_katakana('ヲ') && is_katakana('ー') && !is_katakana('を'));
        assert!(is_latin('Ｗ') && is_latin('w') && !is_latin('1'));
        assert_eq!(digit_value('７'), Some(7));
        assert_eq!(to_half('（'), '(');
        assert_eq!(to_full(':'), '：');
    }

    #[test]
    fn finds_and_quotes() {
        let s: Vec<char> = "あいあいあ".chars().collect();
        assert_eq!(find_all(&s, &['あ', 'い']), vec![0, 2]);
        let q: Vec<char> = "a「bc「d」」e「f」".chars().collect();
        assert_eq!(quoted_spans(&q), vec![(2, 7), (10, 11)]);
        assert!(inside(&[(2, 7)], 6) && !inside(&[(2, 7)], 7));
        assert_eq!(context(&s, 2, 3, 1), "…いあい…");
    }
}
