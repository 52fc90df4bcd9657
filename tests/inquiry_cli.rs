//! `shinkyu inquiry export|import` on real files: the bundled draft's sixteen workbooks; one
//! answered in another program and one re-saved by LibreOffice change exactly the answered
//! row; exit codes, JSON, and the inputs left untouched.

mod inquiry_support;
mod report_support;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use inquiry_support::*;
use shinkyu::io::{SaveOptions, load_draft, save_draft};
use shinkyu::model::{BlockKind, Draft};

fn shinkyu<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(args: I) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shinkyu"))
        .args(args)
        .output()
        .expect("run shinkyu")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A copy of the bundled draft in `dir`.
fn bundled_copy(dir: &Path) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("drafts/honjo-6-gyozaisei.ron");
    let to = dir.join("素案.ron");
    std::fs::copy(src, &to).unwrap();
    to
}

fn save(dir: &Path, name: &str, d: &Draft) -> PathBuf {
    let p = dir.join(name);
    save_draft(&p, d, &SaveOptions::default()).unwrap();
    p
}

#[test]
fn the_bundled_draft_gets_a_workbook_per_department() {
    let dir = tempfile::tempdir().unwrap();
    let draft_path = bundled_copy(dir.path());
    let draft = load_draft(&draft_path).unwrap().draft;
    let out_dir = dir.path().join("照会");
    let out = shinkyu([
        OsStr::new("inquiry"),
        OsStr::new("export"),
        draft_path.as_os_str(),
        OsStr::new("-o"),
        out_dir.as_os_str(),
        OsStr::new("--due"),
        OsStr::new("令和7年6月20日（金）"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let deps = departments(&draft);
    assert_eq!(deps.len(), 16, "{deps:?}");
    let mut files: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert!(files.len() >= 16);
    for d in &deps {
        assert!(files.contains(&format!("照会_{d}.xlsx")), "{d}: {files:?}");
    }
    for name in [
        "照会_行政管理課.xlsx",
        "照会_情報システム課.xlsx",
        "照会_監査委員事務局.xlsx",
    ] {
        assert!(files.iter().any(|f| f == name), "{name}");
    }
    // Each workbook reads back as made for this draft and this department, with its due date.
    let wb = read(
        "照会_行政管理課.xlsx",
        &std::fs::read(out_dir.join("照会_行政管理課.xlsx")).unwrap(),
    );
    assert_eq!(wb.department, "行政管理課");
    assert_eq!(wb.due, "令和7年6月20日（金）");
    assert!(draft.same_draft(&wb.origin_draft()));

    // Exporting again into the same folder refuses to overwrite, unless told to.
    let again = shinkyu([
        OsStr::new("inquiry"),
        OsStr::new("export"),
        draft_path.as_os_str(),
        OsStr::new("-o"),
        out_dir.as_os_str(),
    ]);
    assert_eq!(again.status.code(), Some(2), "nothing written");
    assert!(
        text(&again.stderr).contains("すでにあります"),
        "{}",
        text(&again.stderr)
    );
    let forced = shinkyu([
        OsStr::new("inquiry"),
        OsStr::new("export"),
        draft_path.as_os_str(),
        OsStr::new("-o"),
        out_dir.as_os_str(),
        OsStr::new("--force"),
        OsStr::new("--department"),
        OsStr::new("市民課"),
    ]);
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced.stderr));
    let unknown = shinkyu([
        OsStr::new("inquiry"),
        OsStr::new("export"),
        draft_path.as_os_str(),
        OsStr::new("-o"),
        dir.path().join("x").as_os_str(),
        OsStr::new("--department"),
        OsStr::new("水道課"),
    ]);
    assert_eq!(unknown.status.code(), Some(2), "nothing written");
    assert!(text(&unknown.stderr).contains("水道課"));
}

#[test]
fn one_answered_and_one_resaved_workbook_change_exactly_the_answered_row() {
    let dir = tempfile::tempdir().unwrap();
    let draft_path = bundled_copy(dir.path());
    let before = std::fs::read(&draft_path).unwrap();
    let modified = std::fs::metadata(&draft_path).unwrap().modified().unwrap();
    let draft = load_draft(&draft_path).unwrap().draft;
    let out_dir = dir.path().join("照会");
    let out = shinkyu([
        OsStr::new("inquiry"),
        OsStr::new("export"),
        draft_path.as_os_str(),
        OsStr::new("-o"),
        out_dir.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    // 行政管理課 answers in another program: one bullet of its first 施策中項目 edited.
    let a = "行政管理課";
    let first = shinkyu::import::inquiry::assignments(&draft, a)
        .into_iter()
        .find(|x| {
            x.sheet == shinkyu::import::inquiry::layout::SheetKind::Block(BlockKind::Measures)
        })
        .unwrap();
    let row = draft
        .row(draft.find_row(&first.id).unwrap())
        .unwrap()
        .clone();
    let mut bullets = row.revised.as_ref().unwrap().bullets.clone();
    bullets[0].push_str("（各課回答により追記）");
    let cell: String = bullets
        .iter()
        .map(|b| format!("●{b}"))
        .collect::<Vec<_>>()
        .join("\n");
    let path_a = out_dir.join(format!("照会_{a}.xlsx"));
    let mut book = Book::open(&std::fs::read(&path_a).unwrap());
    book.set(measures(), first.id.as_str(), "内容（案）", &cell);
    let answered = dir.path().join(format!("回答_{a}.xlsx"));
    std::fs::write(&answered, book.bytes()).unwrap();

    // 財政課 opens its workbook in LibreOffice Calc and saves it without answering.
    let path_b = out_dir.join("照会_財政課.xlsx");
    let resaved = match soffice() {
        Some(s) => libreoffice_convert(&s, &path_b, "xlsx", &dir.path().join("calc")),
        None => {
            report_support::missing_tool("LibreOffice", "libreoffice-calc-nogui");
            path_b
        }
    };

    let result = dir.path().join("取込後.ron");
    let out = shinkyu([
        OsStr::new("inquiry"),
        OsStr::new("import"),
        draft_path.as_os_str(),
        answered.as_os_str(),
        resaved.as_os_str(),
        OsStr::new("-o"),
        result.as_os_str(),
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        text(&out.stderr)
    );
    assert!(
        stdout.contains("まとめ: ブック 2 件（読み込めたもの 2 件）"),
        "{stdout}"
    );
    assert!(stdout.contains("変更する行 1"), "{stdout}");
    assert!(stdout.contains("{+（各課回答により追記）+}"), "{stdout}");
    let after = load_draft(&result).unwrap().draft;
    assert_eq!(changed_rows(&draft, &after), vec![first.id.to_string()]);
    let new_row = after.row(after.find_row(&first.id).unwrap()).unwrap();
    assert_eq!(new_row.revised.as_ref().unwrap().bullets, bullets);
    assert_eq!(new_row.current, row.current);
    // The source draft is untouched.
    assert_eq!(std::fs::read(&draft_path).unwrap(), before);
    assert_eq!(
        std::fs::metadata(&draft_path).unwrap().modified().unwrap(),
        modified
    );
}

#[test]
fn exit_codes_json_and_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let d = city();
    let draft_path = save(dir.path(), "city.ron", &d);
    let before = std::fs::read(&draft_path).unwrap();
    let env = dir.path().join("env.xlsx");
    let clean = dir.path().join("clean.xlsx");
    let mut a = Book::open(&export(&d, ENV));
    a.set(
        "現況と課題",
        "g1-issues",
        "内容（案）",
        "●ごみの排出量は減っています。",
    )
    .set(measures(), "g1.measure.1", opinion(), "異論なし。");
    std::fs::write(&env, a.bytes()).unwrap();
    let mut b = Book::open(&export(&d, CLEAN));
    b.set(
        "現況と課題",
        "g1-issues",
        "内容（案）",
        "●ごみの排出量は少し減りました。",
    );
    std::fs::write(&clean, b.bytes()).unwrap();
    let junk = dir.path().join("junk.xlsx");
    std::fs::write(&junk, "これはブックではありません").unwrap();
    let out_path = dir.path().join("out.ron");

    // A conflict: exit 1, the rest applied, the row stays, both answers shown.
    let out = shinkyu([
        OsStr::new("inquiry"),
        OsStr::new("import"),
        draft_path.as_os_str(),
        env.as_os_str(),
        clean.as_os_str(),
        OsStr::new("-o"),
        out_path.as_os_str(),
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("[競合]")
            && stdout.contains("環境課の回答")
            && stdout.contains("清掃センターの回答"),
        "{stdout}"
    );
    let after = load_draft(&out_path).unwrap().draft;
    assert_eq!(
        changed_rows(&d, &after),
        vec!["g1.measure.1"],
        "only the opinion came in"
    );

    // JSON: the same plan for programs.
    let out = shinkyu([
        OsStr::new("inquiry"),
        OsStr::new("import"),
        draft_path.as_os_str(),
        env.as_os_str(),
        junk.as_os_str(),
        OsStr::new("-o"),
        out_path.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("json"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["summary"]["workbooks"], 2);
    assert_eq!(v["summary"]["workbooks_read"], 1);
    assert_eq!(v["summary"]["problems"], 1);
    assert_eq!(v["problems"][0]["file"], "junk.xlsx");
    assert_eq!(v["answers"].as_array().unwrap().len(), 2);

    // Nothing readable: exit 2 and no output.
    let none = dir.path().join("none.ron");
    let out = shinkyu([
        OsStr::new("inquiry"),
        OsStr::new("import"),
        draft_path.as_os_str(),
        junk.as_os_str(),
        OsStr::new("-o"),
        none.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!none.exists());
    assert!(
        text(&out.stdout).contains("junk.xlsx: Excel ブック（.xlsx）ではありません"),
        "{}",
        text(&out.stdout)
    );

    // The output may not be an input.
    let out = shinkyu([
        OsStr::new("inquiry"),
        OsStr::new("import"),
        draft_path.as_os_str(),
        env.as_os_str(),
        OsStr::new("-o"),
        draft_path.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2), "nothing written");
    assert_eq!(std::fs::read(&draft_path).unwrap(), before);

    // An unreadable draft: exit 2.
    let out = shinkyu([
        OsStr::new("inquiry"),
        OsStr::new("import"),
        dir.path().join("missing.ron").as_os_str(),
        env.as_os_str(),
        OsStr::new("-o"),
        none.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&draft_path).unwrap(), before);
}

#[test]
fn help_is_japanese() {
    let out = shinkyu(["inquiry", "import", "--help"]);
    let help = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        help.contains("使い方") && help.contains("取り込み"),
        "{help}"
    );
}
