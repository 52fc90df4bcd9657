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

/// Parses a draft from RON text (already decoded, LF line ends).
pub fn parse_draft(text: &str) -> Result<Draft, LoadError> {
    if let Ok(probe) = ron::from_str::<VersionProbe>(text) {
        if probe.schema_version > SCHEMA_VERSION {
            return Err(LoadError::NewerSchema {
                found: probe.schema_version,
                supported: SCHEMA_VERSION,
            });
        }
        if probe.schema_version == 0 {
            return Err(LoadError::BadSchema { found: 0 });
        }
    }
    ron::from_str::<Draft>(text).map_err(|e| LoadError::Syntax(translate(&e, text)))
}

fn translate(e: &SpannedError, text: &str) -> SyntaxError {
    let pos = &e.span.start;
    let line = pos.line.max(1);
    let source_line = text.lines().nth(line - 1).unwrap_or("").to_string();
    // An error that the parser only notices at the very end means the file was cut short
    // (an interrupted copy or save); say so rather than naming the last token it wanted.
    let trimmed = text.trim_end();
    let end_line = 1 + trimmed.matches('\n').count();
    let end_col = 1 + trimmed.chars().rev().take_while(|&c| c != '\n').count();
    // A whole draft ends with the `)` that closes `Draft(`; one that doesn't was cut short.
    let at_end = e.span.end.line > end_line
        || (e.span.end.line == end_line && e.span.end.col >= end_col)
        || !trimmed.ends_with(')');
    let message = if at_end {
        message(&RonError::Eof)
    } else {
        message(&e.code)
    };
    SyntaxError {
        line,
        column: pos.col.max(1),
        message,
        source_line,
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
            "「{expected}」が必要な場所に「{found}」があります。"
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
                "{}に使えない値「{found}」があります。使える値: {}",
                enum_ja(outer.as_deref()),
                allowed.join("、")
            )
        }
        RonError::NoSuchStructField { found, .. } => format!(
            "不明な項目「{found}」があります。綴りを確認するか、新しい版の shinkyu で作成されたファイルでないか確認してください。"
        ),
        RonError::MissingStructField { field, .. } => {
            format!("必要な項目 {} がありません。", field_ja(field))
        }
        RonError::DuplicateStructField { field, .. } => {
            format!("項目 {} が2回書かれています。", field_ja(field))
        }
        RonError::InvalidValueForType { expected, found } => {
            format!("値の種類が違います（必要: {expected}、実際: {found}）。")
        }
        RonError::Utf8Error(_) => "文字列に UTF-8 として読めない文字があります。".into(),
        RonError::ExceededRecursionLimit => "入れ子が深すぎます。ファイルが壊れている可能性があります。".into(),
        RonError::Message(m) => format!("内容が下書きの形式に合いません（{m}）。"),
        other => format!("下書きの形式として読めません（{other}）。"),
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
}
