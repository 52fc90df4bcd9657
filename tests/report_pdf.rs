//! The HTML report printed by headless Chromium: A4 landscape pages (842×595 pt), several of
//! them, with the page numbers of the @page margin boxes and the table header repeated.
//!
//! Runs when Chromium is installed (`/usr/bin/chromium`, or the path in `CHROMIUM`); otherwise
//! it says so and skips, unless `SHINKYU_REQUIRE_TOOLS` is set (CI), where it fails. Page texts
//! are checked with `pdftotext` (poppler-utils), under the same rule.
//! `SHINKYU_REPORT_OUT=<dir>` keeps the HTML and PDF for a look.

mod report_support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use shinkyu::model::Draft;
use shinkyu::report::{ExportOptions, Format, export};

fn chromium() -> Option<PathBuf> {
    let p = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    p.exists().then_some(p)
}

fn has(tool: &str) -> bool {
    Command::new(tool)
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// The bundled draft once it holds the transcription; until then a synthetic draft large
/// enough to need several pages.
fn draft() -> Draft {
    let bundled = shinkyu::io::load_bytes(shinkyu::BUNDLED_DRAFT.as_bytes())
        .expect("bundled draft")
        .draft;
    if bundled.policies.is_empty() {
        report_support::replicate(&report_support::small_draft(), 3)
    } else {
        bundled
    }
}

fn print_to_pdf(chromium: &Path, html: &Path, pdf: &Path, profile: &Path) {
    let child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    report_support::wait_for(child, "chromium", Duration::from_secs(180));
}

/// Every `/MediaBox [x0 y0 x1 y1]` of the PDF.
fn media_boxes(pdf: &[u8]) -> Vec<[f64; 4]> {
    let text = String::from_utf8_lossy(pdf);
    text.split("/MediaBox")
        .skip(1)
        .filter_map(|rest| {
            let rest = rest.trim_start().strip_prefix('[')?;
            let inner = &rest[..rest.find(']')?];
            let v: Vec<f64> = inner
                .split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect();
            (v.len() == 4).then(|| [v[0], v[1], v[2], v[3]])
        })
        .collect()
}

fn page_count(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type /Page")
        .filter(|(i, _)| !text[i + "/Type /Page".len()..].starts_with('s'))
        .count()
}

#[test]
fn the_report_prints_on_a4_landscape_pages() {
    let Some(chromium) = chromium() else {
        report_support::missing_tool("Chromium", "chromium");
        return;
    };
    let draft = draft();
    let html = export(&draft, Format::Html, &ExportOptions::default()).expect("html");
    let dir = tempfile::tempdir().expect("tempdir");
    let html_path = dir.path().join("report.html");
    let pdf_path = dir.path().join("report.pdf");
    std::fs::write(&html_path, &html).expect("write html");
    print_to_pdf(
        &chromium,
        &html_path,
        &pdf_path,
        &dir.path().join("profile"),
    );
    let pdf = std::fs::read(&pdf_path).expect("pdf written");
    if let Some(out) = std::env::var_os("SHINKYU_REPORT_OUT") {
        let out = PathBuf::from(out);
        std::fs::create_dir_all(&out).expect("output dir");
        std::fs::write(out.join("report.html"), &html).expect("keep html");
        std::fs::write(out.join("report.pdf"), &pdf).expect("keep pdf");
    }

    let pages = page_count(&pdf);
    let boxes = media_boxes(&pdf);
    assert!(pages >= 3, "expected several pages, got {pages}");
    assert_eq!(boxes.len(), pages, "one MediaBox per page");
    for b in &boxes {
        let (w, h) = (b[2] - b[0], b[3] - b[1]);
        assert!(
            (w - 842.0).abs() < 1.0 && (h - 595.0).abs() < 1.0,
            "page is {w}×{h} pt, not A4 landscape (842×595)"
        );
    }

    if !has("pdftotext") {
        report_support::missing_tool("pdftotext", "poppler-utils");
        return;
    }
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&pdf_path)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = String::from_utf8_lossy(&out.stdout);
    let page_texts: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(page_texts.len(), pages);
    // Page numbers from the @page margin boxes, on every page.
    for (i, p) in page_texts.iter().enumerate() {
        let number = format!("{} / {}", i + 1, pages);
        assert!(
            p.contains(&number),
            "page {} has no page number {number}",
            i + 1
        );
    }
    // The table header is repeated: more pages carry it than there are tables.
    let header = |p: &&&str| {
        p.lines().any(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            w.windows(4)
                .any(|x| x == ["項目", "現行", "改定案", "変更区分"])
        })
    };
    let with_header = page_texts.iter().filter(header).count();
    assert!(
        with_header > draft.policies.len(),
        "table header on {with_header} pages for {} tables: not repeated",
        draft.policies.len()
    );
}
