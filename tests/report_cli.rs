//! `shinkyu export` with every format and the report options.

mod report_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use shinkyu::io::to_ron_string;
use shinkyu::report::{ComparisonView, ViewOptions};

fn shinkyu(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shinkyu"))
        .args(args)
        .output()
        .expect("run shinkyu")
}

fn draft_file(dir: &Path) -> PathBuf {
    let path = dir.join("下書き.ron");
    let text = to_ron_string(&report_support::small_draft()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn export(file: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<&std::ffi::OsStr> = vec!["export".as_ref(), file.as_os_str()];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    shinkyu(&args)
}

#[test]
fn every_format_goes_next_to_the_input_without_o() {
    let dir = tempfile::tempdir().unwrap();
    let file = draft_file(dir.path());
    for (format, magic) in [
        ("html", &b"<!DOCTYPE html>"[..]),
        ("xlsx", &b"PK"[..]),
        (
            "csv",
            "\u{FEFF}大項目,区分,項目,変更区分,現行,改定案\r\n".as_bytes(),
        ),
        ("json", &b"{"[..]),
    ] {
        let out = export(&file, &["--format", format]);
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let target = file.with_extension(format);
        let bytes = std::fs::read(&target).unwrap_or_else(|_| panic!("{format} not written"));
        assert!(bytes.starts_with(magic), "{format}");
        assert!(String::from_utf8_lossy(&out.stderr).contains("に出力しました"));
    }
    // The atomic write leaves no temporary files behind.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "下書き.csv",
            "下書き.html",
            "下書き.json",
            "下書き.ron",
            "下書き.xlsx"
        ]
    );
}

#[test]
fn html_flags_reach_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = draft_file(dir.path());
    let out_path = dir.path().join("out.html");
    let out = export(
        &file,
        &[
            "--format",
            "html",
            "-o",
            out_path.to_str().unwrap(),
            "--order",
            "revised-left",
            "--unchanged",
            "placeholder",
            "--memo",
            "--findings",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&out_path).unwrap();
    let thead = &html[html.find("<table class=\"cmp").unwrap()..];
    let thead = &thead[..thead.find("</thead>").unwrap()];
    assert!(thead.find(">改定案<").unwrap() < thead.find(">現行<").unwrap());
    assert!(thead.contains(">備考<"));
    assert!(html.contains("（変更なし）"));
    assert!(html.contains("id=\"findings\""), "appendix");

    let plain = export(&file, &["--format", "html", "-o", "-"]);
    let plain = String::from_utf8(plain.stdout).unwrap();
    assert!(!plain.contains(">備考<"));
    assert!(!plain.contains("id=\"findings\""));
}

#[test]
fn csv_to_stdout_follows_the_view() {
    let dir = tempfile::tempdir().unwrap();
    let file = draft_file(dir.path());
    let out = export(&file, &["--format", "csv", "-o", "-"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let text = text.strip_prefix('\u{FEFF}').expect("BOM");
    let view = ComparisonView::build(&report_support::small_draft(), &ViewOptions::default());
    // Records = header + one per row; quoted line breaks do not end records.
    let mut records = 0;
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => records += 1,
            _ => {}
        }
    }
    assert_eq!(records, 1 + view.rows().count());
}

#[test]
fn json_holds_the_draft_or_the_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let file = draft_file(dir.path());
    let out = export(&file, &["--format", "json", "-o", "-"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v.get("schema_version").is_some(),
        "the whole draft by default"
    );

    let out = export(
        &file,
        &["--format", "json", "--json", "comparison", "-o", "-"],
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = &v["policies"][0]["blocks"][1]["rows"];
    assert_eq!(rows[1]["id"], "p1-v2");
    assert_eq!(rows[1]["status"], "Modified");
    let inserted: Vec<&str> = rows[1]["diff"]["new"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["changed"] == true)
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(inserted, ["市民と"]);
}

#[test]
fn help_is_japanese_and_lists_the_options() {
    let out = shinkyu(&["export".as_ref(), "--help".as_ref()]);
    let help = String::from_utf8(out.stdout).unwrap();
    for s in [
        "--format",
        "--order",
        "--unchanged",
        "--memo",
        "--findings",
        "--json",
        "列の並び",
        "出力先",
    ] {
        assert!(help.contains(s), "help lacks {s}:\n{help}");
    }
}

#[test]
fn an_unreadable_draft_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("壊れた.ron");
    std::fs::write(&file, "Draft(schema_version: 1, meta: ").unwrap();
    let out = export(&file, &["--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!file.with_extension("xlsx").exists());
}
