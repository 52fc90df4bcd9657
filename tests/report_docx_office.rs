//! The Word report opened by a real office suite: LibreOffice Writer (headless) converts the
//! .docx to PDF; poppler checks the pages are A4 landscape, every row's text is printed, each
//! page has its number 「n / N」 from the footer fields, and every page holding comparison rows
//! starts with the table's header (repeated).
//!
//! Runs when `soffice` is installed (Debian `libreoffice-writer-nogui`, or the path in
//! `SOFFICE`), `pdfinfo` and `pdftotext` too (poppler-utils); otherwise it says so and skips,
//! unless `SHINKYU_REQUIRE_TOOLS` is set (CI), where it fails. Each conversion has its own
//! LibreOffice profile, so tests can run side by side. A fontconfig alias maps the Windows
//! family name 「BIZ UD明朝 Medium」 to Debian's 「BIZ UDMincho」, so the PDF shows the font Word
//! would use. `SHINKYU_REPORT_OUT=<dir>` keeps the .docx and the PDF for a look.

mod report_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use shinkyu::model::Draft;
use shinkyu::report::{ExportOptions, Format, export};

fn soffice() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SOFFICE") {
        return Some(PathBuf::from(p));
    }
    ["/usr/bin/soffice", "/usr/bin/libreoffice"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

fn has(tool: &str) -> bool {
    Command::new(tool)
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

const FONTS_CONF: &str = r#"<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>BIZ UD明朝 Medium</family><prefer><family>BIZ UDMincho</family></prefer></alias>
</fontconfig>
"#;

/// Converts `docx` to PDF in its folder with a private profile; returns the PDF's path and the
/// time LibreOffice took.
fn convert(soffice: &Path, docx: &Path) -> (PathBuf, Duration) {
    let dir = docx.parent().expect("folder");
    let fonts = dir.join("fonts.conf");
    std::fs::write(&fonts, FONTS_CONF).expect("fonts.conf");
    let start = Instant::now();
    let child = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .arg(docx)
        .env("FONTCONFIG_FILE", &fonts)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start soffice");
    report_support::wait_for(child, "LibreOffice", Duration::from_secs(300));
    let pdf = docx.with_extension("pdf");
    assert!(pdf.exists(), "no PDF from LibreOffice");
    (pdf, start.elapsed())
}

/// Each page's size in points, from `pdfinfo -f 1 -l N`.
fn page_sizes(pdf: &Path) -> Vec<(f64, f64)> {
    let out = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "100000"])
        .arg(pdf)
        .output()
        .expect("pdfinfo");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size:"))
        .map(|l| {
            let after = l.split(" size:").nth(1).expect("size");
            let nums: Vec<f64> = after
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            (nums[0], nums[1])
        })
        .collect()
}

/// The text of each page (`pdftotext -raw`: in the order LibreOffice drew it, so a table
/// cell's lines stay together), with all white space removed.
fn page_texts(pdf: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(squeeze).collect();
    while pages.last().is_some_and(String::is_empty) {
        pages.pop();
    }
    pages
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn assert_prints_in_libreoffice(draft: &Draft, name: &str) {
    let Some(soffice) = soffice() else {
        report_support::missing_tool("LibreOffice Writer (soffice)", "libreoffice-writer-nogui");
        return;
    };
    if !has("pdfinfo") || !has("pdftotext") {
        report_support::missing_tool("pdfinfo / pdftotext", "poppler-utils");
        return;
    }
    let bytes = export(draft, Format::Docx, &ExportOptions::default()).expect("docx");
    let dir = tempfile::tempdir().expect("tempdir");
    let docx = dir.path().join(format!("{name}.docx"));
    std::fs::write(&docx, &bytes).expect("write docx");
    let (pdf, took) = convert(&soffice, &docx);
    eprintln!(
        "LibreOffice converted {name}.docx in {:.1} s",
        took.as_secs_f64()
    );
    if let Some(out) = std::env::var_os("SHINKYU_REPORT_OUT") {
        let out = PathBuf::from(out);
        std::fs::create_dir_all(&out).expect("output dir");
        std::fs::copy(&docx, out.join(format!("{name}.docx"))).expect("keep docx");
        std::fs::copy(&pdf, out.join(format!("{name}.pdf"))).expect("keep pdf");
    }

    let sizes = page_sizes(&pdf);
    assert!(
        sizes.len() >= 3,
        "expected several pages, got {}",
        sizes.len()
    );
    for (i, (w, h)) in sizes.iter().enumerate() {
        assert!(
            (w - 841.89).abs() < 1.0 && (h - 595.28).abs() < 1.0,
            "page {} is {w}×{h} pt, not A4 landscape (842×595)",
            i + 1
        );
    }
    let pages = page_texts(&pdf);
    assert_eq!(pages.len(), sizes.len(), "one text per page");
    let all: String = pages.concat();

    // Every line of every row, and the header blocks.
    for line in report_support::row_texts(draft) {
        assert!(all.contains(&squeeze(&line)), "not printed: {line}");
    }
    for p in &draft.policies {
        assert!(all.contains(&squeeze(&p.name)), "policy {}", p.name);
        for v in &p.voices {
            assert!(all.contains(&squeeze(&v.quote)), "voice {}", v.quote);
        }
    }
    // Page numbers from the footer's fields.
    for (i, p) in pages.iter().enumerate() {
        let number = format!("{}/{}", i + 1, pages.len());
        assert!(
            p.ends_with(&number) || p.contains(&number),
            "page {} has no 「{number}」",
            i + 1
        );
    }
    // Every page on which a comparison row starts shows the table's header; more pages than
    // there are tables, so it repeats.
    let header = "項目現行改定案変更区分";
    let mut with_rows = 0;
    for (i, page) in pages.iter().enumerate() {
        let starts_row = draft.rows().any(|(path, _, r)| {
            [&r.current, &r.revised].into_iter().flatten().any(|side| {
                side.lines(path.block)
                    .first()
                    .is_some_and(|l| squeeze(l).chars().count() >= 12 && page.contains(&squeeze(l)))
            })
        });
        if starts_row {
            with_rows += 1;
            assert!(
                page.contains(header),
                "page {} has rows but no table header",
                i + 1
            );
        }
    }
    assert!(
        with_rows > draft.policies.len(),
        "comparison rows on {with_rows} pages for {} tables",
        draft.policies.len()
    );
}

#[test]
fn libreoffice_prints_the_bundled_draft_on_a4_landscape_pages() {
    let draft = shinkyu::io::load_bytes(shinkyu::BUNDLED_DRAFT.as_bytes())
        .expect("bundled draft")
        .draft;
    assert_prints_in_libreoffice(&draft, "bundled");
}

#[test]
fn libreoffice_prints_a_synthetic_draft_on_a4_landscape_pages() {
    let draft = report_support::replicate(&report_support::small_draft(), 4);
    assert_prints_in_libreoffice(&draft, "synthetic");
}
