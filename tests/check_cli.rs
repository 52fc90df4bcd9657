//! `shinkyu check` as a user runs it: the text and JSON formats, exit codes 0/1/2,
//! suppressions, a user dictionary, and the file left as it was.

mod check_fixture;

use std::path::Path;
use std::process::{Command, Output};

use check_fixture::{SEEDLIKE_EXPECTED, clean, seedlike};
use shinkyu::check::{Severity, check_draft, suppression_for};
use shinkyu::io::to_ron_string;
use shinkyu::model::Draft;

fn shinkyu(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shinkyu"))
        .args(args)
        .output()
        .expect("run shinkyu")
}

fn write(dir: &Path, name: &str, d: &Draft) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, to_ron_string(d).unwrap()).unwrap();
    p
}

fn check(path: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<&std::ffi::OsStr> = vec!["check".as_ref(), path.as_os_str()];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    shinkyu(&args)
}

/// `location: 重大度[CODE] message`.
fn parse_line(line: &str) -> Option<(&str, &str, &str, &str)> {
    let (loc, rest) = line.split_once(": ")?;
    let open = rest.find('[')?;
    let close = rest.find("] ")?;
    let sev = &rest[..open];
    let code = &rest[open + 1..close];
    let msg = &rest[close + 2..];
    let ok_code = code.len() == 6
        && code[..3].chars().all(|c| c.is_ascii_uppercase())
        && code[3..].chars().all(|c| c.is_ascii_digit());
    (matches!(sev, "エラー" | "警告" | "情報") && ok_code).then_some((loc, sev, code, msg))
}

#[test]
fn text_lines_name_the_place_the_severity_and_the_code_and_errors_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "素案.ron", &seedlike());
    let before = std::fs::read(&path).unwrap();
    let out = check(&path, &[]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    let total: usize = SEEDLIKE_EXPECTED.iter().map(|(_, n)| n).sum();
    assert_eq!(lines.len(), total, "{stdout}");
    for l in &lines {
        assert!(parse_line(l).is_some(), "bad line: {l}");
    }
    assert!(stdout.contains(
        "1. 市政情報の提供の充実と市政に対する市民参加の推進 › 関連するSDGs › 17 パートナリーシップで目標を達成しよう: エラー[SDG002] "
    ));
    assert!(stdout.contains("2. 効率的・効果的な行政経営の推進 › 施策中項目 › 3 組織、機構の見直し › 変更区分: エラー[STA001] "));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("エラー") && stderr.contains("件"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "check modified the file"
    );
}

#[test]
fn a_clean_draft_exits_0_with_no_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "clean.ron", &clean());
    let out = check(&path, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn json_has_one_object_per_finding() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "素案.ron", &seedlike());
    let out = check(&path, &["--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), check_draft(&seedlike()).len());
    for o in list {
        for key in ["severity", "code", "message", "location", "excerpt", "span"] {
            assert!(o.get(key).is_some(), "{key} missing in {o}");
        }
        assert!(matches!(
            o["severity"].as_str(),
            Some("エラー" | "警告" | "情報")
        ));
        assert!(o["span"].is_null() || (o["span"]["start"].is_u64() && o["span"]["end"].is_u64()));
    }
    let jpn = list.iter().find(|o| o["code"] == "JPN001").unwrap();
    assert_eq!(jpn["excerpt"], "にを");
    assert_eq!(jpn["side"], "改定案");
    assert_eq!(jpn["row_id"], "p1.m1");
    assert!(jpn["span"]["end"].as_u64().unwrap() > jpn["span"]["start"].as_u64().unwrap());
}

#[test]
fn suppressed_errors_are_shown_with_their_reason_and_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = seedlike();
    for f in check_draft(&d)
        .iter()
        .filter(|f| f.severity == Severity::Error)
    {
        d.suppressions
            .push(suppression_for(f, "担当課確認済み", "企画課", "2026-11-24"));
    }
    let path = write(dir.path(), "抑止.ron", &d);
    let out = check(&path, &[]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout
            .lines()
            .any(|l| l.contains("エラー[SDG002]") && l.ends_with("（抑止済み：担当課確認済み）"))
    );
    assert!(String::from_utf8(out.stderr).unwrap().contains("抑止済み"));
    let out = check(&path, &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|o| o["suppressed"]["reason"] == "担当課確認済み")
    );
}

#[test]
fn a_user_dictionary_is_used_and_a_bad_one_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "clean.ron", &clean());
    let dict = dir.path().join("課の辞書.ron");
    std::fs::write(
        &dict,
        r#"Dictionary(entries: [(preferred: "情報を発信", variants: ["情報発信"])])"#,
    )
    .unwrap();
    let out = check(&path, &["--dictionary", dict.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("情報[YUR004] 「情報発信」は「情報を発信」と書きます。")
    );
    std::fs::write(&dict, "Dictionary(entries: [(preferred: 1)])").unwrap();
    let out = check(&path, &["--dictionary", dict.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("辞書を読み込めません")
    );
    let out = check(
        &path,
        &[
            "--dictionary",
            dir.path().join("ない.ron").to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("開けません")
    );
}

#[test]
fn unreadable_drafts_exit_2_in_both_formats() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("壊れた.ron");
    std::fs::write(&path, "Draft(schema_version: 1, meta: Meta(").unwrap();
    for fmt in ["text", "json"] {
        let out = check(&path, &["--format", fmt]);
        assert_eq!(out.status.code(), Some(2), "{fmt}");
        assert!(out.stdout.is_empty());
        assert!(
            String::from_utf8(out.stderr)
                .unwrap()
                .contains("読み込みエラー")
        );
    }
}

#[test]
fn rules_lists_every_rule_and_explains_one() {
    let out = shinkyu(&["rules".as_ref()]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let listed: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| shinkyu::check::rule(c).is_some())
        .collect();
    let codes: Vec<&str> = shinkyu::check::rules().map(|r| r.code).collect();
    assert_eq!(listed, codes, "one line per rule, in order");
    assert!(codes.len() >= 60);
    for r in shinkyu::check::rules() {
        assert!(text.contains(r.title), "{}", r.code);
    }

    // Upper or lower case: the rule's own documentation, exit code 0.
    let out = shinkyu(&["rules".as_ref(), "era005".as_ref()]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let rule = shinkyu::check::rule("ERA005").unwrap();
    assert!(text.starts_with("ERA005 "), "{text}");
    assert!(text.contains(rule.doc), "{text}");
    assert!(
        text.contains("【例】") && text.contains("H27-31年度"),
        "{text}"
    );

    // No such rule: a Japanese message and exit code 2.
    let out = shinkyu(&["rules".as_ref(), "ABC123".as_ref()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("「ABC123」という規則はありません"), "{err}");
}
