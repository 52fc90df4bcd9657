//! `shinkyu rules`: the checker's rules, one line each (code, severity, family, title), or one
//! rule's documentation (`shinkyu rules JPN001`), from the rules' own definitions
//! ([`crate::check::Rule`]).

use std::io::Write;

use super::{EXIT_NOT_DONE, EXIT_OK};
use crate::check::{self, Rule};

/// `shinkyu rules` の引数.
#[derive(clap::Args, Debug, Clone)]
pub struct RulesArgs {
    /// 説明を表示する規則のコード（例: JPN001）。省略すると、すべての規則を一覧にします
    #[arg(value_name = "CODE")]
    pub code: Option<String>,
}

pub(super) fn run(args: &RulesArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match &args.code {
        None => {
            let _ = out.write_all(list().as_bytes());
            EXIT_OK
        }
        Some(code) => match check::rule(code) {
            Some(rule) => {
                let _ = out.write_all(explain(rule).as_bytes());
                EXIT_OK
            }
            None => {
                let _ = writeln!(
                    err,
                    "「{}」という規則はありません。「shinkyu rules」で規則の一覧を表示できます。",
                    code.trim()
                );
                EXIT_NOT_DONE
            }
        },
    }
}

/// Columns as a terminal shows them: Japanese characters take two.
fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn pad(s: &str, to: usize) -> String {
    format!("{s}{}", " ".repeat(to.saturating_sub(width(s))))
}

/// Every rule on one line: code, severity, family, title (with the other severity, if any).
fn list() -> String {
    let rules: Vec<&Rule> = check::rules().collect();
    let sev_w = rules
        .iter()
        .map(|r| width(r.severity.label()))
        .max()
        .unwrap_or(0);
    let fam_w = rules.iter().map(|r| width(r.family)).max().unwrap_or(0);
    let mut s = format!(
        "{}  {}  {}  内容\n",
        pad("コード", 6),
        pad("重大度", sev_w),
        pad("分類", fam_w)
    );
    for r in &rules {
        let note = if r.severity_note.is_empty() {
            String::new()
        } else {
            format!("（{}）", r.severity_note)
        };
        s.push_str(&format!(
            "{}  {}  {}  {}{note}\n",
            r.code,
            pad(r.severity.label(), sev_w),
            pad(r.family, fam_w),
            r.title
        ));
    }
    s.push_str(&format!(
        "\n全{}件。規則の説明と例は「shinkyu rules コード」（例: shinkyu rules JPN001）で表示します。\n",
        rules.len()
    ));
    s
}

/// One rule: its heading, severity, family, whether it offers a fix, and its documentation.
fn explain(r: &Rule) -> String {
    format!(
        "{} {}\n重大度: {}　分類: {}　修正ボタン: {}\n\n{}\n",
        r.code,
        r.title,
        r.severity_label(),
        r.family,
        if r.fix { "あり" } else { "なし" },
        r.doc
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_one_aligned_line_per_rule() {
        let text = list();
        let lines: Vec<&str> = text.lines().collect();
        let n = check::rules().count();
        assert!(n >= 60);
        // Header, one line per rule, a blank line, the closing sentence.
        assert_eq!(lines.len(), n + 3);
        let title_at = |line: &str| {
            let r = check::rules().find(|r| line.starts_with(r.code)).unwrap();
            width(&line[..line.find(r.title).unwrap()])
        };
        let first = title_at(lines[1]);
        assert!(lines[1..=n].iter().all(|l| title_at(l) == first));
        assert!(text.contains("全"));
    }

    #[test]
    fn one_rule_is_explained_from_its_own_doc() {
        let r = check::rule("jpn001").unwrap();
        let text = explain(r);
        assert!(text.starts_with("JPN001 助詞の重複"));
        assert!(text.contains("重大度: 警告"));
        assert!(text.ends_with(&format!("{}\n", r.doc)));
        let era = explain(check::rule("ERA001").unwrap());
        assert!(
            era.contains("重大度: エラー（現行計画の記載は情報）"),
            "{era}"
        );
    }
}
