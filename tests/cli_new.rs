//! `shinkyu new`: a new draft for any city and 分野 that the other commands read, and a file
//! that is never overwritten.

use std::path::Path;
use std::process::{Command, Output};

fn shinkyu<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shinkyu"))
        .args(args)
        .output()
        .expect("run shinkyu")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `shinkyu new OUT` for a made-up city's 分野 with three 施策大項目.
fn new_draft(out: &Path) -> Output {
    shinkyu(&[
        "new".as_ref(),
        out.as_os_str(),
        "--plan-name".as_ref(),
        "みなと市総合計画 後期基本計画".as_ref(),
        "--field-number".as_ref(),
        "4".as_ref(),
        "--field-name".as_ref(),
        "都市基盤分野".as_ref(),
        "--policy".as_ref(),
        "道路網の整備".as_ref(),
        "--policy".as_ref(),
        "公共交通の充実".as_ref(),
        "--policy".as_ref(),
        "上下水道の維持".as_ref(),
        "--version-label".as_ref(),
        "素案2".as_ref(),
        "--date".as_ref(),
        "2026-05-12".as_ref(),
        "--author-section".as_ref(),
        "政策企画課".as_ref(),
    ])
}

#[test]
fn a_new_draft_is_read_checked_and_exported_by_the_other_commands() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("都市基盤分野.ron");
    let o = new_draft(&out);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("作成しました"), "{}", stderr(&o));

    // The checker reads it: 0 (no errors) or 1 (errors), never 2 (unreadable).
    let c = shinkyu(&["check".as_ref(), out.as_os_str()]);
    assert!(
        matches!(c.status.code(), Some(0 | 1)),
        "check: {:?} {}",
        c.status,
        stderr(&c)
    );

    // The 新旧対照表 prints with its 分野.
    let h = shinkyu(&[
        "export".as_ref(),
        out.as_os_str(),
        "--format".as_ref(),
        "html".as_ref(),
        "-o".as_ref(),
        "-".as_ref(),
    ]);
    assert_eq!(h.status.code(), Some(0), "{}", stderr(&h));
    let html = String::from_utf8(h.stdout).unwrap();
    assert!(html.contains("4. 都市基盤分野"), "{html}");
    assert!(html.contains("公共交通の充実"));

    // The JSON holds the 分野 and the 施策大項目 names in order.
    let j = shinkyu(&[
        "export".as_ref(),
        out.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "-o".as_ref(),
        "-".as_ref(),
    ]);
    assert_eq!(j.status.code(), Some(0), "{}", stderr(&j));
    let json: serde_json::Value = serde_json::from_slice(&j.stdout).unwrap();
    let meta = &json["meta"];
    assert_eq!(meta["field_number"], 4);
    assert_eq!(meta["field_name"], "都市基盤分野");
    assert_eq!(meta["plan_name"], "みなと市総合計画 後期基本計画");
    assert_eq!(meta["version_label"], "素案2");
    assert_eq!(meta["date"], "2026-05-12");
    assert_eq!(meta["author_section"], "政策企画課");
    assert_eq!(meta["draft_id"].as_str().unwrap().len(), 36);
    let policies = json["policies"].as_array().unwrap();
    let names: Vec<(u64, &str)> = policies
        .iter()
        .map(|p| (p["number"].as_u64().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    assert_eq!(
        names,
        [
            (1, "道路網の整備"),
            (2, "公共交通の充実"),
            (3, "上下水道の維持")
        ]
    );
    // Every 施策大項目 carries every block, empty.
    for p in policies {
        for block in ["vision", "measures", "related_plans", "projects"] {
            assert_eq!(p[block], serde_json::json!([]), "{block}");
        }
        for single in ["issues", "collaboration"] {
            assert!(p[single]["current"].is_null() && p[single]["revised"].is_null());
        }
    }
}

#[test]
fn a_second_new_on_the_same_path_exits_2_and_leaves_the_file_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("draft.ron");
    assert_eq!(new_draft(&out).status.code(), Some(0));
    let before = std::fs::read(&out).unwrap();
    let mtime = std::fs::metadata(&out).unwrap().modified().unwrap();

    let again = new_draft(&out);
    assert_eq!(again.status.code(), Some(2));
    let msg = stderr(&again);
    assert!(
        msg.contains("すでにあります") && msg.contains("上書きはしません"),
        "{msg}"
    );
    assert_eq!(std::fs::read(&out).unwrap(), before, "byte-identical");
    assert_eq!(std::fs::metadata(&out).unwrap().modified().unwrap(), mtime);

    // A file that is not a draft at all is not overwritten either.
    let other = dir.path().join("メモ.txt");
    std::fs::write(&other, "大事なメモ").unwrap();
    assert_eq!(new_draft(&other).status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "大事なメモ");
    // And no temporary file is left behind.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["draft.ron", "メモ.txt"]);
}

#[test]
fn missing_or_blank_fields_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.ron");
    // A blank 計画名 and a repeated 施策大項目: the command's own check.
    let o = shinkyu(&[
        "new".as_ref(),
        out.as_os_str(),
        "--plan-name".as_ref(),
        " ".as_ref(),
        "--field-number".as_ref(),
        "1".as_ref(),
        "--field-name".as_ref(),
        "分野".as_ref(),
        "--policy".as_ref(),
        "同じ".as_ref(),
        "--policy".as_ref(),
        "同じ".as_ref(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let msg = stderr(&o);
    assert!(msg.contains("計画名を入れてください"), "{msg}");
    assert!(msg.contains("2回あります"), "{msg}");
    assert!(!out.exists());
    // A missing option: clap's error, in Japanese, exit 2.
    let o = shinkyu(&[
        "new".as_ref(),
        out.as_os_str(),
        "--plan-name".as_ref(),
        "計画".as_ref(),
        "--field-number".as_ref(),
        "1".as_ref(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--field-name"), "{}", stderr(&o));
    assert!(!out.exists());
}

#[test]
fn a_folder_that_does_not_exist_is_a_write_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ない").join("x.ron");
    let o = new_draft(&out);
    assert_eq!(o.status.code(), Some(2), "nothing written: {}", stderr(&o));
    assert!(stderr(&o).contains("保存できません"), "{}", stderr(&o));
}
