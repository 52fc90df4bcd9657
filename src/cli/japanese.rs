//! clap's own words in Japanese: the help's headings, default and possible values, and the
//! messages for a mistyped command line. The users read the command prompt in Japanese only.

use std::fmt::Write as _;

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};
use clap::{Arg, ArgAction};

/// Rewrites a command (and its subcommands) so that its help is Japanese throughout: headings,
/// the help and version flags, and the default and possible values of every option.
pub(super) fn localize(cmd: clap::Command, top: bool) -> clap::Command {
    let mut cmd = cmd
        .help_template("{about-with-newline}\n使い方: {usage}\n\n{all-args}{after-help}")
        .subcommand_help_heading("コマンド")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("使い方を表示します"),
        );
    if top {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("版を表示します"),
        );
    }
    cmd.mut_args(|a| {
        let heading = if a.is_positional() {
            "引数"
        } else {
            "オプション"
        };
        describe_values(a).help_heading(heading)
    })
    .mut_subcommands(|sub| localize(sub, false))
}

/// Replaces clap's "[default: …]" and "Possible values:" with the same facts in Japanese,
/// appended to the argument's own help.
fn describe_values(arg: Arg) -> Arg {
    if !arg.get_action().takes_values() {
        return arg;
    }
    let values: Vec<(String, Option<String>)> = if arg.is_hide_possible_values_set() {
        Vec::new()
    } else {
        arg.get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| {
                let help = v.get_help().map(|h| h.to_string());
                (v.get_name().to_string(), help)
            })
            .collect()
    };
    let defaults: Vec<String> = if arg.is_hide_default_value_set() {
        Vec::new()
    } else {
        arg.get_default_values()
            .iter()
            .map(|d| d.to_string_lossy().into_owned())
            .collect()
    };
    if values.is_empty() && defaults.is_empty() {
        return arg;
    }
    let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let long = arg
        .get_long_help()
        .map(|h| h.to_string())
        .unwrap_or_else(|| help.clone());
    let default_text = (!defaults.is_empty()).then(|| format!("既定: {}", defaults.join(", ")));
    let names: Vec<&str> = values.iter().map(|(name, _)| name.as_str()).collect();

    // Short help (-h): one line, like clap's own brackets.
    let mut short = help;
    if let Some(default_text) = &default_text {
        let _ = write!(short, " [{default_text}]");
    }
    if !names.is_empty() {
        let _ = write!(short, " [選べる値: {}]", names.join(", "));
    }
    let arg = arg
        .hide_default_value(true)
        .hide_possible_values(true)
        .help(short);

    // Long help (--help): values with their own help get a list of their own, as clap does.
    if values.iter().all(|(_, help)| help.is_none()) && arg.get_long_help().is_none() {
        return arg;
    }
    let mut long = long;
    if values.iter().any(|(_, help)| help.is_some()) {
        long.push_str("\n\n選べる値:");
        // Names are ASCII, so bytes are columns; one more for the colon.
        let width = names.iter().map(|n| n.len() + 1).max().unwrap_or(0);
        for (name, help) in &values {
            match help {
                Some(help) => {
                    let _ = write!(long, "\n- {:width$} {help}", format!("{name}:"));
                }
                None => {
                    let _ = write!(long, "\n- {name}");
                }
            }
        }
    } else if !names.is_empty() {
        let _ = write!(long, "\n\n選べる値: {}", names.join(", "));
    }
    if let Some(default_text) = default_text {
        let _ = write!(long, "\n\n{default_text}");
    }
    arg.long_help(long)
}

/// Formats clap's argument errors in Japanese: what is wrong, a likely intended spelling, the
/// usage line, and where to read more. Used as `error.apply::<JapaneseErrors>()`.
pub struct JapaneseErrors;

impl ErrorFormatter for JapaneseErrors {
    fn format_error(error: &clap::error::Error<Self>) -> StyledStr {
        let mut text = String::from("エラー: ");
        text.push_str(&error_message(error.kind(), &|kind| error.get(kind)));
        let mut suggestions = Vec::new();
        for kind in [
            ContextKind::SuggestedSubcommand,
            ContextKind::SuggestedArg,
            ContextKind::SuggestedValue,
        ] {
            suggestions.extend(strings(error.get(kind)));
        }
        if !suggestions.is_empty() {
            let quoted: Vec<String> = suggestions.iter().map(|s| format!("「{s}」")).collect();
            let _ = write!(text, "\n  もしかして: {}", quoted.join("、"));
        }
        if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
            let usage = usage.to_string();
            let usage = usage.trim();
            let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim_start();
            let _ = write!(text, "\n\n使い方: {usage}");
            let path = command_path(usage);
            let _ = write!(
                text,
                "\n\n詳しくは「{path} --help」で使い方を表示してください。"
            );
        } else {
            text.push_str("\n\n「--help」を付けて実行すると使い方を表示します。");
        }
        text.push('\n');
        StyledStr::from(text)
    }
}

/// The Japanese sentence for one kind of argument error, from the error's context.
fn error_message<'a>(
    kind: ErrorKind,
    get: &dyn Fn(ContextKind) -> Option<&'a ContextValue>,
) -> String {
    let string = |k| match get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        _ => None,
    };
    let number = |k| match get(k) {
        Some(ContextValue::Number(n)) => Some(*n),
        _ => None,
    };
    let arg = string(ContextKind::InvalidArg).unwrap_or_default();
    let value = string(ContextKind::InvalidValue).unwrap_or_default();
    match kind {
        ErrorKind::UnknownArgument => format!("「{arg}」という指定はありません。"),
        ErrorKind::InvalidSubcommand => {
            let sub = string(ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("「{sub}」というコマンドはありません。")
        }
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("「{arg}」の後に値を指定してください。{}", choices(get))
        }
        ErrorKind::InvalidValue => {
            format!("「{arg}」に「{value}」は指定できません。{}", choices(get))
        }
        ErrorKind::ValueValidation => format!("「{arg}」に「{value}」は指定できません。"),
        ErrorKind::MissingRequiredArgument => {
            let missing = strings(get(ContextKind::InvalidArg));
            format!("次の指定が足りません: {}", missing.join("、"))
        }
        ErrorKind::MissingSubcommand => {
            "コマンド（check・export・diff・merge-review など）を指定してください。".to_string()
        }
        ErrorKind::ArgumentConflict => match get(ContextKind::PriorArg) {
            Some(ContextValue::String(prior)) if *prior == arg => {
                format!("「{arg}」は一度しか指定できません。")
            }
            Some(prior) => {
                let prior = strings(Some(prior)).join("」「");
                format!("「{arg}」は「{prior}」と一緒には指定できません。")
            }
            None => format!("「{arg}」はほかの指定と一緒には使えません。"),
        },
        ErrorKind::TooManyValues => {
            format!("「{arg}」に余分な値「{value}」があります。")
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let actual = number(ContextKind::ActualNumValues).unwrap_or(0);
            let expected = number(ContextKind::ExpectedNumValues)
                .or(number(ContextKind::MinValues))
                .unwrap_or(0);
            format!("「{arg}」の値は {expected} 個必要です（{actual} 個指定されています）。")
        }
        ErrorKind::NoEquals => format!("「{arg}」の値は「=」でつなげて指定してください。"),
        ErrorKind::InvalidUtf8 => "引数に読めない文字が含まれています。".to_string(),
        _ => "コマンドラインの指定に誤りがあります。".to_string(),
    }
}

/// A line "選べる値: a, b" from the error's list of valid values, or nothing.
fn choices<'a>(get: &dyn Fn(ContextKind) -> Option<&'a ContextValue>) -> String {
    let valid = strings(get(ContextKind::ValidValue));
    if valid.is_empty() {
        String::new()
    } else {
        format!("\n  選べる値: {}", valid.join(", "))
    }
}

fn strings(value: Option<&ContextValue>) -> Vec<String> {
    match value {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(v)) => v.iter().map(|s| s.to_string()).collect(),
        _ => Vec::new(),
    }
}

/// The command's words at the start of a usage line: "shinkyu check [OPTIONS] <FILE>" →
/// "shinkyu check".
fn command_path(usage: &str) -> String {
    usage
        .lines()
        .next()
        .unwrap_or("")
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_text(args: &[&str]) -> (String, i32) {
        let err = super::super::command()
            .try_get_matches_from(args)
            .expect_err("the arguments are wrong")
            .apply::<JapaneseErrors>();
        (err.render().to_string(), err.exit_code())
    }

    fn assert_no_english(text: &str) {
        for english in [
            "error:",
            "Usage:",
            "tip:",
            "For more information",
            "possible values",
            "unexpected argument",
            "required",
        ] {
            assert!(!text.contains(english), "still says {english}: {text}");
        }
    }

    #[test]
    fn unknown_option_is_named_in_japanese_with_the_usage_of_its_command() {
        let (text, code) = error_text(&["shinkyu", "check", "--bogus", "a.ron"]);
        assert!(
            text.starts_with("エラー: 「--bogus」という指定はありません。"),
            "{text}"
        );
        assert!(
            text.contains("使い方: shinkyu check [OPTIONS] <FILE>"),
            "{text}"
        );
        assert!(text.contains("「shinkyu check --help」"), "{text}");
        assert_eq!(code, 2);
        assert_no_english(&text);
    }

    #[test]
    fn a_near_miss_suggests_the_right_spelling() {
        let (text, _) = error_text(&["shinkyu", "check", "--formt", "json", "a.ron"]);
        assert!(text.contains("もしかして: 「--format」"), "{text}");
        assert_no_english(&text);
    }

    #[test]
    fn a_wrong_value_lists_the_values_that_can_be_chosen() {
        let (text, _) = error_text(&["shinkyu", "export", "a.ron", "--format", "pdf"]);
        assert!(
            text.contains("「--format <FORMAT>」に「pdf」は指定できません。"),
            "{text}"
        );
        assert!(
            text.contains("選べる値: html, docx, xlsx, csv, json"),
            "{text}"
        );
        assert!(text.contains("「--help」を付けて実行"), "{text}");
        assert_no_english(&text);
    }

    #[test]
    fn a_missing_argument_is_named() {
        let (text, _) = error_text(&["shinkyu", "check"]);
        assert!(text.contains("次の指定が足りません: <FILE>"), "{text}");
        let (text, _) = error_text(&["shinkyu", "diff", "old.ron"]);
        assert!(text.contains("<NEW>"), "{text}");
        assert_no_english(&text);
    }

    #[test]
    fn help_and_version_are_not_errors() {
        for args in [["shinkyu", "--help"], ["shinkyu", "-V"]] {
            let err = super::super::command()
                .try_get_matches_from(args)
                .expect_err("help and version stop parsing")
                .apply::<JapaneseErrors>();
            assert_eq!(err.exit_code(), 0, "{args:?}");
            let text = err.render().to_string();
            assert!(!text.starts_with("エラー:"), "{args:?}: {text}");
        }
    }

    #[test]
    fn help_gives_defaults_and_choices_in_japanese() {
        let mut cmd = super::super::command();
        let export = cmd.find_subcommand_mut("export").unwrap();
        let long = export.render_long_help().to_string();
        assert!(long.contains("選べる値:\n"), "{long}");
        assert!(long.contains("- html: 印刷用"), "{long}");
        assert!(
            long.contains("- csv:  CSV"),
            "aligned with the longest name: {long}"
        );
        assert!(long.contains("既定: current-left"), "{long}");
        let check = cmd.find_subcommand_mut("check").unwrap();
        let short = check.render_help().to_string();
        assert!(
            short.contains("[既定: text] [選べる値: text, json]"),
            "{short}"
        );
        for help in [long, short] {
            for english in ["Possible values", "possible values", "[default:"] {
                assert!(!help.contains(english), "still says {english}: {help}");
            }
        }
    }

    #[test]
    fn command_path_stops_at_the_first_placeholder() {
        assert_eq!(
            command_path("shinkyu check [OPTIONS] <FILE>"),
            "shinkyu check"
        );
        assert_eq!(
            command_path("shinkyu merge-review --output <OUT> <MASTER>"),
            "shinkyu merge-review"
        );
        assert_eq!(command_path(""), "");
    }
}
