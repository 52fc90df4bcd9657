//! The Excel workbook read back with calamine: the sheets, the rows, the statuses; and, when
//! `unzip` is installed, the parts calamine cannot see (underlines, drop-down, autofilter,
//! print setup).

mod report_support;

use std::io::Cursor;
use std::process::Command;

use calamine::{Data, Reader, Xlsx};
use shinkyu::model::{Draft, SideKind};
use shinkyu::report::xlsx::{COLUMNS, HEADER_ROW, ID_COLUMN, XlsxOptions, sheet_name, to_xlsx};
use shinkyu::report::{ComparisonView, FindingEntry, ViewOptions};

fn workbook(draft: &Draft, opts: &XlsxOptions) -> (ComparisonView, Vec<u8>) {
    let view = ComparisonView::build(draft, &ViewOptions::default());
    let bytes = to_xlsx(&view, opts).expect("xlsx");
    (view, bytes)
}

fn cell(range: &calamine::Range<Data>, r: u32, c: u32) -> String {
    match range.get_value((r, c)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => format!("{other:?}"),
    }
}

fn check_workbook(draft: &Draft) {
    let (view, bytes) = workbook(draft, &XlsxOptions::default());
    let mut xl: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("readable xlsx");
    let names = xl.sheet_names();
    assert_eq!(names.len(), 1 + view.policies.len(), "{names:?}");
    assert_eq!(names[0], "概要");
    for n in &names {
        assert!(n.encode_utf16().count() <= 31, "{n}");
        assert!(!n.contains(['[', ']', ':', '*', '?', '/', '\\']), "{n}");
    }

    // The summary lists every 施策大項目 with its counts.
    let summary = xl.worksheet_range("概要").expect("summary");
    let text: Vec<String> = summary
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    for p in &view.policies {
        assert!(
            text.iter().any(|t| t.starts_with(&p.label())),
            "{}",
            p.label()
        );
    }

    for (p, name) in view.policies.iter().zip(&names[1..]) {
        assert_eq!(name, &sheet_name(&format!("{} {}", p.number, p.name)));
        let ws = xl.worksheet_range(name).expect("policy sheet");
        for (c, (h, _)) in COLUMNS.iter().enumerate() {
            assert_eq!(cell(&ws, HEADER_ROW, c as u32), *h);
        }
        assert_eq!(cell(&ws, HEADER_ROW, 5), ID_COLUMN);
        let mut r = HEADER_ROW + 1;
        for row in p.rows() {
            assert_eq!(cell(&ws, r, 5), row.id.as_str(), "row order on {name}");
            let expect = |side: SideKind| match (row.side(side), &row.current, &row.revised) {
                (Some(t), _, _) => t.to_string(),
                (None, None, None) => "（記載なし）".to_string(),
                (None, _, _) if side == SideKind::Current => "（新規）".to_string(),
                (None, _, _) => "（削除）".to_string(),
            };
            assert_eq!(cell(&ws, r, 1), expect(SideKind::Current), "{}", row.id);
            assert_eq!(cell(&ws, r, 2), expect(SideKind::Revised), "{}", row.id);
            assert_eq!(
                cell(&ws, r, 3),
                row.status.map(|s| s.label()).unwrap_or(""),
                "{}",
                row.id
            );
            assert_eq!(cell(&ws, r, 4), row.memo, "{}", row.id);
            let item = cell(&ws, r, 0);
            assert!(item.starts_with(row.block.label()), "{item}");
            r += 1;
        }
        // Nothing but the reference blocks after the table: the next row is empty.
        assert_eq!(cell(&ws, r, 5), "");
    }
}

#[test]
fn the_small_draft_reads_back_with_sheets_rows_and_statuses() {
    check_workbook(&report_support::small_draft());
}

#[test]
fn the_bundled_draft_reads_back_with_sheets_rows_and_statuses() {
    let loaded = shinkyu::io::load_bytes(shinkyu::BUNDLED_DRAFT.as_bytes()).expect("bundled");
    check_workbook(&loaded.draft);
}

#[test]
fn awkward_policy_names_make_valid_unique_sheet_names() {
    let mut draft = report_support::small_draft();
    draft.policies[0].name =
        "市民/協働:[参加]の推進*?と、とても長い長い長い長い長い長い名前の施策大項目".into();
    draft.policies[1] = draft.policies[0].clone();
    draft.policies[1].number = 1; // same number and name: names must still be unique
    for r in draft.policies[1].measures.iter_mut() {
        r.id = shinkyu::model::RowId::new(format!("{}-copy", r.id));
    }
    let (_, bytes) = workbook(&draft, &XlsxOptions::default());
    let xl: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("readable xlsx");
    let names = xl.sheet_names();
    assert_eq!(names.len(), 3);
    assert_ne!(names[1], names[2]);
    for n in &names[1..] {
        assert!(n.encode_utf16().count() <= 31, "{n}");
        assert!(!n.contains(['[', ']', ':', '*', '?', '/', '\\']), "{n}");
        assert!(n.starts_with("1 市民／協働：［参加］"), "{n}");
    }
}

#[test]
fn findings_get_their_own_sheet() {
    let findings = vec![FindingEntry {
        severity: "警告".into(),
        code: "TST002".into(),
        location: "2. 電子自治体の推進 › 関連するSDGs".into(),
        message: "名称が正式名称と異なります。".into(),
        excerpt: "パートナリーシップ".into(),
        suppressed: None,
    }];
    let (_, bytes) = workbook(
        &report_support::small_draft(),
        &XlsxOptions {
            findings: Some(findings),
        },
    );
    let mut xl: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("readable xlsx");
    assert_eq!(xl.sheet_names().last().unwrap(), "検査結果");
    let ws = xl.worksheet_range("検査結果").unwrap();
    assert_eq!(cell(&ws, 1, 1), "TST002");
    assert_eq!(cell(&ws, 1, 4), "パートナリーシップ");
}

/// One part of the xlsx (a zip), via the `unzip` tool; `None` when it is not installed.
fn part(xlsx: &[u8], name: &str) -> Option<String> {
    let dir = tempfile::tempdir().ok()?;
    let path = dir.path().join("book.xlsx");
    std::fs::write(&path, xlsx).ok()?;
    let out = Command::new("unzip")
        .arg("-p")
        .arg(&path)
        .arg(name)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn xml_unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[test]
fn underlines_drop_down_autofilter_and_print_setup_are_in_the_file() {
    let draft = report_support::small_draft();
    let (view, bytes) = workbook(&draft, &XlsxOptions::default());
    let Some(shared) = part(&bytes, "xl/sharedStrings.xml") else {
        report_support::missing_tool("unzip", "unzip");
        return;
    };
    // Every changed segment is an underlined run of a rich string.
    let underlined: Vec<String> = shared
        .split("<r>")
        .skip(1)
        .filter(|run| run.contains("<u/>"))
        .filter_map(|run| {
            let t = run.find("<t")?;
            let start = run[t..].find('>')? + t + 1;
            let end = run.find("</t>")?;
            Some(xml_unescape(&run[start..end]))
        })
        .collect();
    let mut expected = 0;
    for (_, row) in view.rows() {
        if row.current.is_none() || row.revised.is_none() {
            continue; // a whole new or deleted side is one plain string next to the placeholder
        }
        for seg in row
            .diff
            .old
            .iter()
            .chain(&row.diff.new)
            .filter(|s| s.changed)
        {
            expected += 1;
            assert!(
                underlined.contains(&seg.text),
                "changed text {:?} of {} is not underlined",
                seg.text,
                row.id
            );
        }
    }
    assert!(expected > 5);

    let sheet = part(&bytes, "xl/worksheets/sheet2.xml").expect("sheet2");
    assert!(sheet.contains("<dataValidation type=\"list\""), "drop-down");
    assert!(
        sheet.contains("\"変更なし,変更あり,新規,削除\""),
        "drop-down values"
    );
    assert!(sheet.contains("<autoFilter ref=\"A4:"), "autofilter");
    assert!(sheet.contains("orientation=\"landscape\""), "landscape");
    assert!(sheet.contains("paperSize=\"9\""), "A4");
    assert!(sheet.contains("fitToHeight=\"0\""), "fit to width");
    assert!(
        sheet.contains("<fitToPage/>") || sheet.contains("fitToPage=\"1\""),
        "fit"
    );
    assert!(
        sheet.contains("wrapText")
            || part(&bytes, "xl/styles.xml")
                .unwrap()
                .contains("wrapText=\"1\"")
    );
    // Rows are as tall as their wrapped text (Excel does not grow them on opening).
    assert!(sheet.contains("customHeight=\"1\""), "row heights");
    // The default font (which defines the column unit) is the cells' Japanese font.
    let styles = part(&bytes, "xl/styles.xml").unwrap();
    let first_font = &styles[styles.find("<font>").unwrap()..];
    let first_font = &first_font[..first_font.find("</font>").unwrap()];
    assert!(first_font.contains("BIZ UDゴシック"), "{first_font}");
    let wb = part(&bytes, "xl/workbook.xml").expect("workbook");
    assert!(wb.contains("_xlnm.Print_Titles"), "repeated header row");
    assert!(
        wb.contains("$4:$4"),
        "the header row is the one repeated: {wb}"
    );
}
