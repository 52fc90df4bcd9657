//! The command line on good and bad files: exit codes, Japanese messages, files left as they
//! were, and the CSV contract.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use shinkyu::io::to_ron_string;

fn shinkyu(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shinkyu"))
        .args(args)
        .output()
        .expect("run shinkyu")
}

fn check(path: &Path) -> Output {
    shinkyu(&["check".as_ref(), path.as_os_str()])
}

/// Content and modification time, to prove a file was not touched.
fn fingerprint(path: &Path) -> (Vec<u8>, std::time::SystemTime) {
    (
        std::fs::read(path).unwrap(),
        std::fs::metadata(path).unwrap().modified().unwrap(),
    )
}

fn bad_inputs(dir: &Path) -> Vec<(&'static str, PathBuf, &'static str)> {
    let text = to_ron_string(&common::small_draft()).unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let truncated = &text[..text.find("measures").unwrap()];
    let mut random = Vec::new();
    let mut x: u64 = 88172645463325252;
    for _ in 0..2048 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        random.push(x as u8);
    }
    vec![
        (
            "truncated",
            write("途中まで.ron", truncated.as_bytes()),
            "途中で終わっています",
        ),
        (
            "random bytes",
            write("random.ron", &random),
            "テキストファイルではありません",
        ),
        (
            "unknown status",
            write(
                "status.ron",
                text.replacen("Some(Modified)", "Some(Changed)", 1)
                    .as_bytes(),
            ),
            "変更区分に使えない値「Changed」",
        ),
        (
            "newer schema",
            write(
                "newer.ron",
                text.replacen("schema_version: 1", "schema_version: 7", 1)
                    .as_bytes(),
            ),
            "新しい版の shinkyu",
        ),
        (
            "UTF-16 without a Japanese-readable byte order",
            write("latin1.ron", b"caf\xe9 cr\xe8me br\xfbl\xe9e"),
            "文字コード",
        ),
    ]
}

#[test]
fn unreadable_files_exit_2_with_a_clear_message_and_are_left_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    for (what, path, expected) in bad_inputs(dir.path()) {
        let before = fingerprint(&path);
        let out = check(&path);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{what}: {stderr}");
        assert!(stderr.contains(expected), "{what}: {stderr}");
        assert!(!stderr.contains("panicked"), "{what}: {stderr}");
        assert_eq!(fingerprint(&path), before, "{what}: the file was modified");
        // Export refuses the same way and writes nothing.
        let out_path = dir.path().join("out.csv");
        let out = shinkyu(&[
            "export".as_ref(),
            path.as_os_str(),
            "--format".as_ref(),
            "csv".as_ref(),
            "-o".as_ref(),
            out_path.as_os_str(),
        ]);
        assert_eq!(out.status.code(), Some(2), "{what}");
        assert!(
            !out_path.exists(),
            "{what}: export wrote output for an unreadable file"
        );
        assert_eq!(
            fingerprint(&path),
            before,
            "{what}: export modified the file"
        );
    }
}

#[test]
fn syntax_errors_point_at_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let text = to_ron_string(&common::small_draft()).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("Some(Modified)"))
        .unwrap()
        + 1;
    let path = dir.path().join("status.ron");
    std::fs::write(&path, text.replacen("Some(Modified)", "Some(Changed)", 1)).unwrap();
    let stderr = String::from_utf8(check(&path).stderr).unwrap();
    assert!(
        stderr.contains(&format!("status.ron:{line}:")),
        "expected line {line}: {stderr}"
    );
}

#[test]
fn bom_crlf_and_shift_jis_files_are_checked_and_left_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let text = to_ron_string(&common::small_draft()).unwrap();
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(text.replace('\n', "\r\n").as_bytes());
    let bom_path = dir.path().join("bom crlf.ron");
    std::fs::write(&bom_path, &bom).unwrap();
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    let sjis_path = dir.path().join("シフトJIS.ron");
    std::fs::write(&sjis_path, &sjis).unwrap();
    for path in [&bom_path, &sjis_path] {
        let before = fingerprint(path);
        let out = check(path);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}: {stderr}",
            path.display()
        );
        assert_eq!(fingerprint(path), before);
    }
    let stderr = String::from_utf8(check(&sjis_path).stderr).unwrap();
    assert!(stderr.contains("Shift_JIS"), "the user is told: {stderr}");
}

/// Parses RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    records
}

#[test]
fn csv_export_has_the_header_and_one_line_per_row_in_document_order() {
    let dir = tempfile::tempdir().unwrap();
    let draft = common::small_draft();
    let input = dir.path().join("素案.ron");
    std::fs::write(&input, to_ron_string(&draft).unwrap()).unwrap();
    let output = dir.path().join("出力 結果.csv");
    let out = shinkyu(&[
        "export".as_ref(),
        input.as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
        "-o".as_ref(),
        output.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&output).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 with BOM for Excel"
    );
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.starts_with("大項目,区分,項目,変更区分,現行,改定案\r\n"));
    let records = parse_csv(text);
    let rows: Vec<_> = draft.rows().collect();
    assert_eq!(records.len(), rows.len() + 1);
    for (record, (path, policy, row)) in records[1..].iter().zip(&rows) {
        assert_eq!(record.len(), 6);
        assert_eq!(record[0], format!("{}. {}", policy.number, policy.name));
        assert_eq!(record[1], path.block.label());
        assert_eq!(record[2], row.label(path.block));
        assert_eq!(record[3], row.status.map(|s| s.label()).unwrap_or(""));
    }
    // Spot checks of the cell texts: the 施策中項目 with its label, departments and bullet.
    let measure = records
        .iter()
        .find(|r| r[0] == "1. 暮らしの安全" && r[1] == "施策中項目" && r[3] == "変更あり")
        .unwrap();
    assert_eq!(measure[2], "1 防犯の推進");
    assert_eq!(
        measure[4],
        "1 防犯の推進\n評価回答部署：危機管理課\n●防犯灯を設置します。"
    );
    assert_eq!(
        measure[5],
        "1 防犯の推進\n評価回答部署：危機管理課、道路課\n●防犯灯をLED化します。"
    );
    // A 新規 row has an empty current side; the quote in its text survives quoting.
    let new_vision = records.iter().find(|r| r[5].contains("安心")).unwrap();
    assert_eq!(new_vision[3], "新規");
    assert_eq!(new_vision[4], "");
    assert_eq!(new_vision[5], "誰もが、\"安心\"なまち");
    // 事業 labels use circled numbers.
    assert!(records.iter().any(|r| r[2] == "②見回り"));
}

#[test]
fn export_refuses_to_overwrite_its_own_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("draft.ron");
    std::fs::write(&input, to_ron_string(&common::small_draft()).unwrap()).unwrap();
    let before = fingerprint(&input);
    let out = shinkyu(&[
        "export".as_ref(),
        input.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "-o".as_ref(),
        input.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2), "2 = nothing written");
    assert_eq!(fingerprint(&input), before);
}

#[test]
fn json_export_is_the_whole_draft() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("draft.ron");
    std::fs::write(&input, to_ron_string(&common::small_draft()).unwrap()).unwrap();
    let out = shinkyu(&[
        "export".as_ref(),
        input.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "-o".as_ref(),
        "-".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["meta"]["field_name"], "安全分野");
    assert_eq!(value["policies"].as_array().unwrap().len(), 2);
    assert_eq!(value["policies"][0]["measures"][0]["status"], "Modified");
}

#[test]
fn csv_of_the_bundled_draft_has_every_row_with_its_status_and_both_texts() {
    let dir = tempfile::tempdir().unwrap();
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("drafts/honjo-6-gyozaisei.ron");
    let output = dir.path().join("seed.csv");
    let out = shinkyu(&[
        "export".as_ref(),
        input.as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
        "-o".as_ref(),
        output.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let draft = shinkyu::io::load_draft(&input).unwrap().draft;
    let text = String::from_utf8(std::fs::read(&output).unwrap()).unwrap();
    let records = parse_csv(text.trim_start_matches('\u{FEFF}'));
    let rows: Vec<_> = draft.rows().collect();
    assert!(rows.len() > 100, "the whole seed is in the bundled draft");
    assert_eq!(records.len(), rows.len() + 1);
    for (record, (path, _, row)) in records[1..].iter().zip(&rows) {
        use shinkyu::model::SideKind;
        assert_eq!(record[3], row.status.map(|s| s.label()).unwrap_or(""));
        assert_eq!(record[4], row.side_text(SideKind::Current, path.block));
        assert_eq!(record[5], row.side_text(SideKind::Revised, path.block));
        if row.current.is_some() {
            assert!(!record[4].is_empty(), "{}", draft.row_location(*path));
        }
    }
}

#[test]
fn help_is_in_japanese_for_every_command() {
    for args in [
        vec!["--help"],
        vec!["check", "--help"],
        vec!["export", "--help"],
        vec!["diff", "--help"],
        vec!["merge-review", "--help"],
    ] {
        let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
        let out = shinkyu(&args);
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(stdout.contains("使い方: shinkyu"), "{args:?}: {stdout}");
        assert!(stdout.contains("使い方を表示します"), "{args:?}: {stdout}");
        for english in [
            "Usage:",
            "Options:",
            "Arguments:",
            "Commands:",
            "Print help",
        ] {
            assert!(
                !stdout.contains(english),
                "{args:?} still says {english}: {stdout}"
            );
        }
    }
}

#[test]
fn a_mistyped_command_line_is_explained_in_japanese_and_exits_2() {
    for (args, says) in [
        (
            vec!["check", "--formt", "json", "a.ron"],
            "「--formt」という指定はありません",
        ),
        (
            vec!["export", "a.ron", "--format", "pdf"],
            "選べる値: html, docx, xlsx, csv, json",
        ),
        (vec!["diff", "old.ron"], "次の指定が足りません"),
    ] {
        let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
        let out = shinkyu(&args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(stderr.starts_with("エラー: "), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(!stderr.contains("error:"), "{args:?}: {stderr}");
    }
}

fn bundled_text() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("drafts/honjo-6-gyozaisei.ron"),
    )
    .unwrap()
}

#[test]
fn a_misspelt_status_before_a_closing_comment_is_named_not_taken_for_a_cut() {
    let dir = tempfile::tempdir().unwrap();
    let text = bundled_text();
    // The first status of the bundled draft, misspelt, and a comment after the last `)`.
    let at = text.find("Some(Modified)").unwrap();
    let line = 1 + text[..at].matches('\n').count();
    let column = 1 + text[..at].rsplit('\n').next().unwrap().chars().count() + "Some(".len();
    assert_eq!(
        (line, column),
        (162, 34),
        "the bundled draft's first 変更あり"
    );
    let bad = format!(
        "{}// 企画課: 確認済み\n",
        text.replacen("Some(Modified)", "Some(Modifed)", 1)
    );
    let path = dir.path().join("綴り.ron");
    std::fs::write(&path, bad).unwrap();
    let out = check(&path);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("途中で終わって"), "{stderr}");
    assert!(stderr.contains("綴り.ron:162:"), "{stderr}");
    assert!(
        stderr.contains("変更区分に使えない値「Modifed」"),
        "{stderr}"
    );
}

#[test]
fn one_bad_byte_in_a_utf8_draft_is_located_without_an_encoding_guess() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = bundled_text().into_bytes();
    // Damage the second byte of the first 「施」 on line 5 or later.
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect();
    let from = line_starts[200];
    let at = from
        + bytes[from..]
            .windows(3)
            .position(|w| w == "施".as_bytes())
            .unwrap();
    let line = 1 + bytes[..at].iter().filter(|b| **b == b'\n').count();
    let column = 1 + String::from_utf8_lossy(&bytes[line_starts[line - 1]..at])
        .chars()
        .count();
    bytes[at + 1] = 0xFF;
    let path = dir.path().join("一か所壊れた.ron");
    std::fs::write(&path, &bytes).unwrap();
    let out = check(&path);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("一か所壊れた.ron:{line}:{column}:")),
        "expected {line}:{column}: {stderr}"
    );
    assert!(stderr.contains("UTF-8 として読めないバイト"), "{stderr}");
    assert!(!stderr.contains("Shift_JIS"), "no guess: {stderr}");
    assert!(stderr.contains('\u{FFFD}'), "the line is shown: {stderr}");
}

#[test]
fn an_error_on_a_20_mb_line_is_reported_briefly() {
    let dir = tempfile::tempdir().unwrap();
    // The whole draft on one line (RON without line breaks), 20 MB with a long memo, and a
    // misspelt status after the memo.
    let mut draft = common::small_draft();
    draft.meta.memo = "長いメモ".repeat(20_000_000 / 12);
    let one_line = ron::to_string(&draft).unwrap();
    assert!(!one_line.contains('\n') && one_line.len() > 20_000_000);
    let cases = [
        (
            "misspelt.ron",
            one_line
                .replacen("Some(Modified)", "Some(Modifed)", 1)
                .into_bytes(),
            "Modifed",
        ),
        (
            "words.ron",
            "x".repeat(20_000_000).into_bytes(),
            "読み込みエラー",
        ),
        (
            "damaged.ron",
            {
                let mut b = one_line.clone().into_bytes();
                let mid = b.len() / 2;
                let at = mid + b[mid..].iter().position(|&x| x >= 0xE0).unwrap();
                b[at + 1] = b'#';
                b
            },
            "UTF-8 として読めない",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        drop(bytes);
        let out = check(&path);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert!(
            out.stderr.len() < 4_000,
            "{name}: {} bytes on stderr",
            out.stderr.len()
        );
    }
}

#[test]
fn an_output_closed_early_is_reported_in_japanese() {
    use std::process::Stdio;
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("drafts/honjo-6-gyozaisei.ron");
    // The JSON of the bundled draft is larger than a pipe holds: the writer must notice that
    // nobody reads any more.
    let mut child = Command::new(env!("CARGO_BIN_EXE_shinkyu"))
        .args([
            "export".as_ref(),
            input.as_os_str(),
            "--format".as_ref(),
            "json".as_ref(),
            "-o".as_ref(),
            "-".as_ref(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("出力先が閉じられました"), "{stderr}");
    assert!(
        !stderr.contains("Broken pipe") && !stderr.contains("os error"),
        "{stderr}"
    );
}
