//! 庁内照会 workbooks in a real office suite: LibreOffice Calc (headless) opens every exported
//! workbook and prints it to PDF with its text (no repair needed), and a workbook it re-saves —
//! as a department that opens and saves without answering — imports as no change.
//!
//! Runs when LibreOffice is installed (`/usr/bin/soffice`, or the path in `SOFFICE`); otherwise
//! it says so and skips, unless `SHINKYU_REQUIRE_TOOLS` is set (CI), where it fails. PDF text
//! is read with `pdftotext` (poppler-utils), under the same rule.

mod inquiry_support;
mod report_support;

use std::process::Command;

use inquiry_support::*;
use shinkyu::import::inquiry::workbook_file_name;

#[test]
fn a_workbook_resaved_by_libreoffice_imports_as_no_change() {
    let Some(soffice) = soffice() else {
        report_support::missing_tool("LibreOffice", "libreoffice-calc-nogui");
        return;
    };
    let d = city();
    let dir = tempfile::tempdir().unwrap();
    let sent = dir.path().join(workbook_file_name(ENV));
    std::fs::write(&sent, export(&d, ENV)).unwrap();
    let resaved = libreoffice_convert(&soffice, &sent, "xlsx", &dir.path().join("calc"));
    let bytes = std::fs::read(&resaved).unwrap();
    assert_ne!(
        bytes,
        std::fs::read(&sent).unwrap(),
        "Calc wrote its own file"
    );
    let wb = read(&workbook_file_name(ENV), &bytes);
    assert_eq!(wb.department, ENV);
    assert_eq!(
        wb.sent.len(),
        shinkyu::import::inquiry::assignments(&d, ENV).len()
    );
    assert!(wb.problems.is_empty(), "{:#?}", wb.problems);
    let p = plan(&d, &[(&workbook_file_name(ENV), &bytes)]);
    assert_eq!(p.summary.workbooks_read, 1);
    assert!(
        p.answers.is_empty() && p.conflicts.is_empty() && p.problems.is_empty(),
        "{p:#?}"
    );

    // An answer made in another program, then opened and saved by Calc, still comes in.
    let mut book = Book::open(&export(&d, ENV));
    book.set(
        measures(),
        "g2.measure.2",
        "内容（案）",
        "●生け垣づくりを助成します。\n●花壇づくりも助成します。",
    );
    let answered = dir.path().join("answered.xlsx");
    std::fs::write(&answered, book.bytes()).unwrap();
    let resaved = libreoffice_convert(&soffice, &answered, "xlsx", &dir.path().join("calc2"));
    let p = plan(&d, &[("answered.xlsx", &std::fs::read(resaved).unwrap())]);
    assert!(p.problems.is_empty(), "{p:#?}");
    assert_eq!(changed_rows(&d, &applied(&d, &p)), vec!["g2.measure.2"]);
}

#[test]
fn every_exported_workbook_opens_in_libreoffice_and_prints_its_text() {
    let Some(soffice) = soffice() else {
        report_support::missing_tool("LibreOffice", "libreoffice-calc-nogui");
        return;
    };
    let d = city();
    let dir = tempfile::tempdir().unwrap();
    for dep in departments(&d) {
        let path = dir.path().join(workbook_file_name(&dep));
        std::fs::write(&path, export(&d, &dep)).unwrap();
        let pdf = libreoffice_convert(&soffice, &path, "pdf", &dir.path().join("pdf"));
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(bytes.starts_with(b"%PDF"), "{dep}: not a PDF");
        let Ok(out) = Command::new("pdftotext")
            .args(["-layout"])
            .arg(&pdf)
            .arg("-")
            .output()
        else {
            report_support::missing_tool("pdftotext", "poppler-utils");
            return;
        };
        let text = String::from_utf8_lossy(&out.stdout);
        // (pdftotext writes the full-width spaces as spaces.)
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(squeezed.contains(&format!("{dep}御中")), "{dep}: {text}");
        assert!(text.contains("回答のしかた"), "{dep}");
        assert!(squeezed.contains("庁内照会施策中項目"), "{dep}");
        assert!(text.contains("変更区分"), "{dep}");
        // Pages are A4 landscape.
        let info = Command::new("pdfinfo").arg(&pdf).output().expect("pdfinfo");
        let info = String::from_utf8_lossy(&info.stdout);
        assert!(
            info.contains("841.89 x 595.") || info.contains("842 x 595"),
            "{dep}: {info}"
        );
    }
    // A row's text is printed (the 施策中項目 of 公園緑地課).
    let text = Command::new("pdftotext")
        .arg(dir.path().join("pdf").join("照会_公園緑地課.pdf"))
        .arg("-")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("遊具を順に更新します。"));
}
