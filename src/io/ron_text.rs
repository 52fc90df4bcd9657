//! The draft's text form: RON in, RON out, with errors translated into Japanese.

use ron::error::{Error as RonError, SpannedError};
use serde::Deserialize;

use super::{LoadError, SyntaxError};
use crate::model::{
    BlockKind, ChangeStatus, Draft, IndicatorKind, IndicatorVerdict, PolicySection, ReviewState,
    SCHEMA_VERSION, Side, SideKind,
};

/// The RON style every draft is written in: pretty, struct names, four-space indent, LF line
/// ends, Japanese as is. Field order is the model's declaration order, so output is
/// deterministic and diffs stay small.
fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .struct_names(true)
        .separate_tuple_members(false)
        .compact_arrays(false)
}

/// The draft as RON text, ending with a newline.
pub fn to_ron_string(draft: &Draft) -> Result<String, ron::Error> {
    let mut s = ron::ser::to_string_pretty(draft, pretty())?;
    s.push('\n');
    Ok(s)
}

/// Just the schema version, read before the whole draft so that a newer file is refused with
/// a clear message instead of a confusing field error.
#[derive(Deserialize)]
#[serde(rename = "Draft")]
struct VersionProbe {
    schema_version: u32,
}

/// Parses a draft from RON text (already decoded, LF line ends). A draft of a newer schema is
/// refused as such whatever else is wrong with it (the version is read on its own only when the
/// whole draft does not parse, so a good file is parsed once).
pub fn parse_draft(text: &str) -> Result<Draft, LoadError> {
    let check_version = |found: u32| match found {
        0 => Err(LoadError::BadSchema { found: 0 }),
        v if v > SCHEMA_VERSION => Err(LoadError::NewerSchema {
            found: v,
            supported: SCHEMA_VERSION,
        }),
        _ => Ok(()),
    };
    match ron::from_str::<Draft>(text) {
        Ok(draft) => check_version(draft.schema_version).map(|()| draft),
        Err(e) => {
            if let Ok(probe) = ron::from_str::<VersionProbe>(text) {
                check_version(probe.schema_version)?;
            }
            Err(LoadError::Syntax(translate(&e, text)))
        }
    }
}

fn translate(e: &SpannedError, text: &str) -> SyntaxError {
    let pos = &e.span.start;
    let line = pos.line.max(1);
    let column = pos.col.max(1);
    let source_line = excerpt(text.lines().nth(line - 1).unwrap_or(""), column);
    // An error that the parser only notices at the very end means the file was cut short (an
    // interrupted copy or save); say so rather than naming the last token it wanted. The end
    // is the last character that is not blank or in a comment: a comment after the closing
    // `)` does not make a misspelt status earlier in the file look like a cut.
    let end = text_end(text);
    let at_end = (e.span.end.line, e.span.end.col) >= end.after_last
        || end
            .unterminated_from
            .is_some_and(|from| (e.span.end.line, e.span.end.col) >= from);
    let message = if at_end {
        message(&RonError::Eof)
    } else {
        message(&e.code)
    };
    SyntaxError {
        line,
        column,
        message,
        source_line,
    }
}

/// How many characters of a line an error shows at most; a longer line is cut to an excerpt
/// around the error's column (a draft written on one line can be megabytes long).
pub const EXCERPT_CHARS: usize = 120;

/// `line` as an error shows it: whole when short, else about [`EXCERPT_CHARS`] characters
/// around `column` (1-based, in characters), `…` marking what was cut.
pub fn excerpt(line: &str, column: usize) -> String {
    let line = line.trim_end();
    if line.chars().nth(EXCERPT_CHARS).is_none() {
        return line.to_string();
    }
    // A long line's indentation says nothing: the excerpt starts at its first word.
    let indent = line.chars().take_while(|c| c.is_whitespace()).count();
    let line = line.trim_start();
    let column = column.saturating_sub(indent).max(1);
    let before = EXCERPT_CHARS / 3;
    let start = column.saturating_sub(1).saturating_sub(before);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut rest = line.chars().skip(start);
    out.extend(rest.by_ref().take(EXCERPT_CHARS));
    if rest.next().is_some() {
        out.push('…');
    }
    out
}

/// Where a RON text's content ends, as 1-based (line, column) positions in characters.
#[derive(Debug, PartialEq, Eq)]
struct TextEnd {
    /// Just after the last character that is neither blank nor inside a comment.
    after_last: (usize, usize),
    /// Where a string or block comment that the text never closes begins.
    unterminated_from: Option<(usize, usize)>,
}

/// Scans a RON text for the end of its content: strings (`"…"` with `\\` escapes, raw
/// `r#"…"#`), line comments and nested block comments are skipped as RON reads them. Every
/// character RON gives a meaning to is ASCII, so one pass over the characters with a look at
/// the next bytes does; nothing is copied (a draft may be tens of megabytes).
fn text_end(text: &str) -> TextEnd {
    enum State {
        Code,
        Str { from: (usize, usize), escaped: bool },
        RawStr { from: (usize, usize), hashes: usize },
        LineComment,
        BlockComment { from: (usize, usize), depth: usize },
    }
    let bytes = text.as_bytes();
    let at = |i: usize| bytes.get(i).copied();
    let (mut line, mut col) = (1usize, 1usize);
    let mut after_last = (1, 1);
    let mut state = State::Code;
    // Bytes up to here belong to a token already seen (`/*`, `*/`, `r#"`, `"#`).
    let mut skip_to = 0;
    for (i, c) in text.char_indices() {
        let here = (line, col);
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
        if i < skip_to {
            continue;
        }
        let next = at(i + 1);
        let mut content = !c.is_whitespace();
        match &mut state {
            State::Code => match c {
                '/' if next == Some(b'/') => {
                    state = State::LineComment;
                    content = false;
                }
                '/' if next == Some(b'*') => {
                    state = State::BlockComment {
                        from: here,
                        depth: 1,
                    };
                    skip_to = i + 2;
                    content = false;
                }
                '"' => {
                    state = State::Str {
                        from: here,
                        escaped: false,
                    }
                }
                'r' if matches!(next, Some(b'"' | b'#')) => {
                    let hashes = bytes[i + 1..].iter().take_while(|&&h| h == b'#').count();
                    if at(i + 1 + hashes) == Some(b'"') {
                        state = State::RawStr { from: here, hashes };
                        skip_to = i + 2 + hashes;
                    }
                }
                _ => {}
            },
            State::Str { escaped, .. } => match c {
                _ if *escaped => *escaped = false,
                '\\' => *escaped = true,
                '"' => state = State::Code,
                _ => {}
            },
            State::RawStr { hashes, .. } => {
                let hashes = *hashes;
                if c == '"' && (1..=hashes).all(|k| at(i + k) == Some(b'#')) {
                    state = State::Code;
                    skip_to = i + 1 + hashes;
                }
            }
            State::LineComment => {
                content = false;
                if c == '\n' {
                    state = State::Code;
                }
            }
            State::BlockComment { depth, .. } => {
                content = false;
                if c == '/' && next == Some(b'*') {
                    *depth += 1;
                    skip_to = i + 2;
                } else if c == '*' && next == Some(b'/') {
                    *depth -= 1;
                    skip_to = i + 2;
                    if *depth == 0 {
                        state = State::Code;
                    }
                }
            }
        }
        if content {
            // Just after this character, and after the rest of the token it starts.
            let token_end = skip_to.max(i + c.len_utf8());
            after_last = (
                line,
                col + text[i + c.len_utf8()..token_end].chars().count(),
            );
        }
    }
    let unterminated_from = match state {
        State::Str { from, .. } | State::RawStr { from, .. } | State::BlockComment { from, .. } => {
            Some(from)
        }
        State::Code | State::LineComment => None,
    };
    TextEnd {
        after_last,
        unterminated_from,
    }
}

/// Japanese names of the draft's RON fields, for messages: the model's own labels for blocks,
/// sides, header sections and row fields.
fn field_ja(name: &str) -> String {
    let block = BlockKind::ALL.into_iter().find(|b| b.field_name() == name);
    let ja: &str = match name {
        _ if block.is_some() => block.map_or("", BlockKind::label),
        "schema_version" => "形式の版",
        "meta" => "下書きの情報",
        "plan_name" => "計画名",
        "field_number" => "分野番号",
        "field_name" => "分野名",
        "version_label" => "版",
        "date" => "日付",
        "author_section" => "作成課",
        "policies" => "施策大項目",
        "rename" => PolicySection::Rename.label(),
        "survey" => PolicySection::Survey.label(),
        "voices" => PolicySection::Voices.label(),
        "sdgs" => PolicySection::Sdgs.label(),
        "indicators" => PolicySection::Indicators.label(),
        "status" => "変更区分",
        "current" => SideKind::Current.label(),
        "revised" => SideKind::Revised.label(),
        "memo" => "メモ",
        "number" => "番号",
        "name" => "名称",
        "departments" => Side::DEPARTMENTS,
        "period" => "期間",
        "summary" => "概要",
        "bullets" => Side::BULLETS,
        "id" => "ID",
        "kind" => "種別",
        "verdict" => "問題なし/要変更",
        "quote" => "声",
        "source" => "出典",
        _ => return format!("「{name}」"),
    };
    format!("{ja}（{name}）")
}

/// Japanese names of enum variants that staff may mistype, for the list of allowed values:
/// the model's labels.
fn variant_ja(name: &str) -> Option<&'static str> {
    fn find<T: Copy + std::fmt::Debug>(
        all: &[T],
        name: &str,
        label: fn(T) -> &'static str,
    ) -> Option<&'static str> {
        all.iter()
            .find(|v| format!("{v:?}") == name)
            .map(|v| label(*v))
    }
    find(&ChangeStatus::ALL, name, ChangeStatus::label)
        .or_else(|| find(&IndicatorKind::ALL, name, IndicatorKind::label))
        .or_else(|| find(&IndicatorVerdict::ALL, name, IndicatorVerdict::label))
        .or_else(|| find(&ReviewState::ALL, name, ReviewState::label))
        .or(match name {
            "Renamed" => Some("あり"),
            "Quote" => Some("引用"),
            "Summary" => Some("要約"),
            _ => None,
        })
}

fn enum_ja(outer: Option<&str>) -> &'static str {
    match outer {
        Some("ChangeStatus") => "変更区分",
        Some("IndicatorKind") => "成果指標/現状の種別",
        Some("IndicatorVerdict") => "問題なし/要変更",
        Some("ReviewState") => "確認状態",
        Some("Rename") => PolicySection::Rename.label(),
        Some("VoiceForm") => "市民の声の形式",
        _ => "列挙値",
    }
}

/// A RON error in Japanese (also for the other RON files shinkyu reads: the 表記 dictionary).
pub fn ron_error_message(code: &RonError) -> String {
    message(code)
}

fn message(code: &RonError) -> String {
    match code {
        RonError::Eof => "ファイルが途中で終わっています。保存が途中で止まったか、末尾が欠けている可能性があります。バックアップ（.bak）があればそちらを開いてください。".into(),
        RonError::ExpectedComma => "区切りの「,」がありません。直前の項目の後に「,」を入れてください。".into(),
        RonError::ExpectedArray => "「[」で始まる一覧が必要です。".into(),
        RonError::ExpectedArrayEnd => "一覧を閉じる「]」がありません。".into(),
        RonError::ExpectedStructLike | RonError::ExpectedNamedStructLike(_) => {
            "「(」で始まる項目が必要です。".into()
        }
        RonError::ExpectedStructLikeEnd => "項目を閉じる「)」がありません。括弧の対応を確認してください。".into(),
        RonError::ExpectedMapColon => "項目名の後に「:」がありません。".into(),
        RonError::ExpectedString | RonError::ExpectedStringEnd => {
            "文字列が必要です。文字列は「\"」で囲んでください（閉じる「\"」が抜けていないか確認してください）。".into()
        }
        RonError::ExpectedInteger | RonError::InvalidIntegerDigit { .. } => {
            "整数が必要です。".into()
        }
        RonError::IntegerOutOfBounds => "数値が大きすぎるか、負の値を使えない項目です。".into(),
        RonError::ExpectedFloat | RonError::FloatUnderscore => "数値（例: 0.32）が必要です。".into(),
        RonError::ExpectedBoolean => "true または false が必要です。".into(),
        RonError::ExpectedOption => "Some(...) または None が必要です。".into(),
        RonError::ExpectedIdentifier => "項目名または値の名前が必要です。".into(),
        RonError::InvalidEscape(_) => "文字列の中に使えない「\\」の書き方があります。".into(),
        RonError::UnclosedBlockComment => "「/*」で始まるコメントが閉じられていません。".into(),
        RonError::UnexpectedChar(c) => format!("ここに「{c}」は書けません。"),
        RonError::TrailingCharacters => "下書きの終わりの後に余分な文字があります。".into(),
        RonError::ExpectedDifferentStructName { expected, found } => format!(
            "「{expected}」が必要な場所に「{}」があります。",
            brief(found)
        ),
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let allowed: Vec<String> = expected
                .iter()
                .map(|v| match variant_ja(v) {
                    Some(ja) => format!("{v}（{ja}）"),
                    None => v.to_string(),
                })
                .collect();
            format!(
                "{}に使えない値「{}」があります。使える値: {}",
                enum_ja(outer.as_deref()),
                brief(found),
                allowed.join("、")
            )
        }
        RonError::NoSuchStructField { found, .. } => format!(
            "不明な項目「{}」があります。綴りを確認するか、新しい版の shinkyu で作成されたファイルでないか確認してください。",
            brief(found)
        ),
        RonError::MissingStructField { field, .. } => {
            format!("必要な項目 {} がありません。", field_ja(field))
        }
        RonError::DuplicateStructField { field, .. } => {
            format!("項目 {} が2回書かれています。", field_ja(field))
        }
        RonError::InvalidValueForType { expected, found } => format!(
            "値の種類が違います（必要: {}、実際: {}）。",
            expected_ja(expected),
            found_ja(found)
        ),
        RonError::ExpectedDifferentLength { found, .. } => {
            format!("要素の数が違います（{found} 個あります）。")
        }
        RonError::Utf8Error(_) => "文字列に UTF-8 として読めない文字があります。".into(),
        RonError::ExceededRecursionLimit => "入れ子が深すぎます。ファイルが壊れている可能性があります。".into(),
        RonError::ExpectedOptionEnd => "Some( を閉じる「)」がありません。".into(),
        RonError::ExpectedMap | RonError::ExpectedMapEnd => {
            "「{」と「}」で囲んだ対応表が必要です。".into()
        }
        RonError::ExpectedUnit => "「()」が必要です。".into(),
        RonError::ExpectedChar | RonError::ExpectedByteLiteral | RonError::ExpectedByteString => {
            "文字列が必要です。文字列は「\"」で囲んでください。".into()
        }
        RonError::UnclosedLineComment => "「//」のコメントの後に改行がありません。".into(),
        RonError::ExpectedAttribute
        | RonError::ExpectedAttributeEnd
        | RonError::NoSuchExtension(_) => "下書きには使えない「#![…]」の指定があります。".into(),
        RonError::UnderscoreAtBeginning
        | RonError::InvalidIdentifier(_)
        | RonError::SuggestRawIdentifier(_)
        | RonError::ExpectedStructName(_) => "項目名または値の名前の書き方が正しくありません。".into(),
        RonError::Message(_) | RonError::Io(_) | RonError::Fmt => {
            "内容が下書きの形式に合いません。".into()
        }
        _ => "下書きの形式として読めません。".into(),
    }
}

/// A piece of the file quoted in a message, at most 40 characters (the piece may be a
/// megabyte-long word of a damaged file).
fn brief(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().nth(MAX).is_none() {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(MAX).collect();
        out.push('…');
        out
    }
}

/// What serde expected (`"a string"`, `"u32"`, `"struct Side"` …), in Japanese.
fn expected_ja(expected: &str) -> String {
    let e = expected.trim();
    let ja = match e {
        "a string" | "string" | "a borrowed string" | "a string or bytes" => "文字列",
        "a boolean" | "bool" => "true または false",
        "f32" | "f64" | "a float" => "数値",
        "option" | "an optional value" => "Some(...) または None",
        "a sequence" | "a tuple" => "「[」で始まる一覧",
        "a map" => "対応表",
        "unit" | "a unit value" => "「()」",
        "an integer" | "usize" | "isize" => "整数",
        _ if (e.starts_with('u') || e.starts_with('i')) && e[1..].parse::<u32>().is_ok() => "整数",
        _ if e.starts_with("struct ") || e.starts_with("tuple struct ") => "「(」で始まる項目",
        _ if e.starts_with("enum ") || e.starts_with("variant ") => "決まった値のどれか",
        _ => "この項目に合う値",
    };
    ja.to_string()
}

/// What ron found instead (`the string "…"`, `the unsigned integer `5`` …), in Japanese.
fn found_ja(found: &str) -> String {
    let between_backticks = |s: &str| s.trim_matches('`').to_string();
    if let Some(rest) = found.strip_prefix("the string ") {
        format!("文字列 {}", brief(rest))
    } else if let Some(rest) = found
        .strip_prefix("the unsigned integer ")
        .or_else(|| found.strip_prefix("the signed integer "))
    {
        format!("整数 {}", between_backticks(rest))
    } else if let Some(rest) = found.strip_prefix("the floating point number ") {
        format!("数値 {}", between_backticks(rest))
    } else if let Some(rest) = found.strip_prefix("the boolean ") {
        between_backticks(rest)
    } else if let Some(rest) = found.strip_prefix("the UTF-8 character ") {
        format!("文字 {}", between_backticks(rest))
    } else {
        match found {
            "a unit value" => "「()」",
            "an optional value" => "Some(...) または None",
            "a sequence" => "一覧",
            "a map" => "対応表",
            _ => "別の種類の値",
        }
        .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newer_schema_is_refused_before_anything_else() {
        let text = "Draft(schema_version: 99, something_new: 1)";
        assert_eq!(
            parse_draft(text),
            Err(LoadError::NewerSchema {
                found: 99,
                supported: SCHEMA_VERSION
            })
        );
    }

    #[test]
    fn errors_name_line_column_and_say_it_in_japanese() {
        let text = "Draft(\n    schema_version: 1,\n    meta: Meta(\n";
        let Err(LoadError::Syntax(e)) = parse_draft(text) else {
            panic!("expected a syntax error");
        };
        assert!(e.line >= 3, "{e:?}");
        assert!(e.message.contains("途中で終わって"), "{}", e.message);
    }

    fn syntax(text: &str) -> SyntaxError {
        match parse_draft(text) {
            Err(LoadError::Syntax(e)) => e,
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn a_comment_after_the_end_does_not_make_an_error_look_like_a_cut() {
        let good = crate::BUNDLED_DRAFT;
        let bad = good.replacen("Some(Modified)", "Some(Modifed)", 1);
        for tail in [
            "// 確認済み\n",
            "/* 企画課 /* 入れ子 */ メモ */\n",
            "// 最後の行に改行なし",
        ] {
            let e = syntax(&format!("{bad}{tail}"));
            assert!(!e.message.contains("途中で終わって"), "{tail}: {e:?}");
            assert!(e.message.contains("Modifed"), "{}", e.message);
            assert_eq!(
                e.line,
                1 + good[..good.find("Some(Modified)").unwrap()]
                    .matches('\n')
                    .count()
            );
        }
    }

    #[test]
    fn cuts_are_still_named_as_cuts() {
        let good = crate::BUNDLED_DRAFT;
        // In a string, between rows, inside a comment, after a `)` and at a raw string.
        let in_string = good.find("本庄市").unwrap() + "本庄市".len();
        let between = good.find("Row(").unwrap();
        for cut in [
            &good[..in_string],
            &good[..between],
            &good[..good.len() - 3],
        ] {
            let e = syntax(cut);
            assert!(e.message.contains("途中で終わって"), "{e:?}");
        }
        let e = syntax(&format!("{}/* 書きかけのコメント", &good[..between]));
        assert!(e.message.contains("途中で終わって"), "{e:?}");
        let e = syntax(&format!("{}r#\"生の文字列", &good[..between]));
        assert!(e.message.contains("途中で終わって"), "{e:?}");
    }

    #[test]
    fn the_end_of_the_content_skips_strings_and_comments() {
        let end = text_end("A(x: \"a // not a comment\") // c\n/* d */\n");
        assert_eq!(end.after_last, (1, 27));
        assert_eq!(end.unterminated_from, None);
        let end = text_end("A(\n  s: r#\"x \"# y\"#,\n)\n");
        assert_eq!(end.after_last, (3, 2));
        let end = text_end("A(s: \"\\\" still in\n");
        assert_eq!(end.unterminated_from, Some((1, 6)));
        let end = text_end("A() /* /* */ still */ ");
        assert_eq!((end.after_last, end.unterminated_from), ((1, 4), None));
    }

    #[test]
    fn long_lines_are_shown_as_an_excerpt_around_the_column() {
        let short = "    status: Some(Modifed),";
        assert_eq!(excerpt(short, 18), short);
        let long = format!("{}Modifed{}", "あ".repeat(5000), "い".repeat(5000));
        let shown = excerpt(&long, 5001);
        assert!(shown.contains("Modifed"), "{shown}");
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.chars().count() <= EXCERPT_CHARS + 2);
        let start = excerpt(&long, 1);
        assert!(start.starts_with("あ") && start.ends_with('…'));
    }
}
