//! The 新旧対照表 as Word (.docx), read back with a reader apart from the writer (the `zip`
//! crate's reader and quick-xml, `tests/docx_support`): every text of the draft, the
//! underlined runs against the HTML report's changed spans, the repeated header row, rows kept
//! on one page, the landscape section, heading styles, footer fields, East Asian fonts, the
//! options, and the command line.

mod docx_support;
mod report_support;

use std::process::Command;

use docx_support::{
    Element, Package, all_paragraph_texts, comparison_tables, paragraph_text, rows, runs, style_of,
};
use shinkyu::diff::Segment;
use shinkyu::model::{ChangeStatus, Draft, ReviewState, Row, Side, SideKind};
use shinkyu::report::docx::{DocxReport, to_docx};
use shinkyu::report::html::to_html;
use shinkyu::report::printed::split_lines;
use shinkyu::report::{
    ColumnOrder, ComparisonView, FindingEntry, HtmlOptions, UnchangedRows, ViewOptions,
};

fn docx_of(draft: &Draft, opts: &HtmlOptions) -> (ComparisonView, Package) {
    let view = ComparisonView::build(draft, &ViewOptions::default());
    let bytes = to_docx(&view, opts).expect("docx");
    (view, Package::read(&bytes))
}

fn bundled() -> Draft {
    shinkyu::io::load_bytes(shinkyu::BUNDLED_DRAFT.as_bytes())
        .expect("bundled draft")
        .draft
}

/// The (text, changed) pieces of each line, adjacent pieces of the same kind merged: what a
/// cell's paragraphs must hold.
fn expected_lines(segs: &[Segment]) -> Vec<Vec<(String, bool)>> {
    split_lines(segs)
        .into_iter()
        .map(|line| {
            let mut out: Vec<(String, bool)> = Vec::new();
            for (t, c) in line {
                match out.last_mut() {
                    Some(last) if last.1 == c => last.0.push_str(t),
                    _ => out.push((t.to_string(), c)),
                }
            }
            out
        })
        .collect()
}

fn cell_lines(paragraphs: &[&Element]) -> Vec<Vec<(String, bool)>> {
    paragraphs
        .iter()
        .map(|p| {
            runs(p)
                .into_iter()
                .map(|r| (r.text, r.underlined))
                .collect()
        })
        .collect()
}

/// The text inside every `<tag class="chg">` of the HTML row with `id`, concatenated.
fn html_marked(html: &str, id: &str, tag: &str) -> String {
    let key = format!("data-row=\"{}\"", shinkyu::report::html::escape(id));
    let at = html
        .find(&key)
        .unwrap_or_else(|| panic!("row {id} missing"));
    let end = html[at..].find("</tr>").expect("row end") + at;
    let (open, close) = (format!("<{tag} class=\"chg\">"), format!("</{tag}>"));
    let mut out = String::new();
    let mut rest = &html[at..end];
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        let j = after.find(&close).expect("closed");
        out.push_str(&after[..j]);
        rest = &after[j + close.len()..];
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// What the issue asks of the document, for any draft, with the default options.
fn assert_document_properties(draft: &Draft) {
    let opts = HtmlOptions::default();
    let (view, pkg) = docx_of(draft, &opts);
    let html = String::from_utf8(to_html(&view, &opts)).expect("utf-8");
    let body = pkg.body();
    let texts = all_paragraph_texts(&body);

    // Every line of every row is a paragraph of its own.
    for line in report_support::row_texts(draft) {
        assert!(
            texts.contains(&line),
            "line missing from the document: {line}"
        );
    }
    // Header blocks.
    let joined = texts.join("\n");
    for p in &draft.policies {
        assert!(joined.contains(&p.name), "policy name {}", p.name);
        for v in &p.voices {
            assert!(joined.contains(&v.quote), "voice {}", v.quote);
        }
        for s in &p.sdgs {
            assert!(joined.contains(&s.name), "SDG {}", s.name);
        }
        for i in &p.indicators {
            assert!(joined.contains(&i.name), "indicator {}", i.name);
        }
        if let Some(s) = &p.survey {
            assert!(joined.contains(&s.item), "survey item {}", s.item);
        }
    }

    // One comparison table per 施策大項目, its rows in view order, the header row repeated.
    let tables = comparison_tables(&body);
    assert_eq!(tables.len(), view.policies.len());
    for (policy, table) in view.policies.iter().zip(&tables) {
        let rs = rows(table);
        assert!(rs[0].header && rs[0].cant_split, "header row repeated");
        assert_eq!(
            rs[0].cell_texts(),
            ["項目", "現行", "改定案", "変更区分"],
            "header of {}",
            policy.label()
        );
        let body_rows = &rs[1..];
        let view_rows: Vec<_> = policy.rows().collect();
        assert_eq!(body_rows.len(), view_rows.len(), "{}", policy.label());
        for (r, v) in body_rows.iter().zip(&view_rows) {
            assert!(!r.header, "only the first row repeats");
            let cells = r.cell_texts();
            let (block, label) = v.item();
            assert!(cells[0].starts_with(block), "item cell {cells:?}");
            assert!(cells[0].ends_with(&label), "item cell {cells:?}");
            assert_eq!(cells[3], v.status.map_or("", |s| s.label()));
            // Both sides: lines and underlines exactly as the view's segments.
            for (col, side) in [(1, SideKind::Current), (2, SideKind::Revised)] {
                let got = cell_lines(&r.cells[col]);
                match v.side(side) {
                    Some(_) => {
                        let segs = match side {
                            SideKind::Current => &v.diff.old,
                            SideKind::Revised => &v.diff.new,
                        };
                        assert_eq!(got, expected_lines(segs), "row {} {side:?}", v.id.as_str());
                    }
                    None => {
                        let want = if v.current.is_none() && v.revised.is_none() {
                            "（記載なし）"
                        } else if side == SideKind::Current {
                            "（新規）"
                        } else {
                            "（削除）"
                        };
                        assert_eq!(got, vec![vec![(want.to_string(), false)]]);
                    }
                }
            }
            // The underlined words are the HTML's <del> / <ins> spans of the same row.
            let underlined = |col: usize| -> String {
                cell_lines(&r.cells[col])
                    .into_iter()
                    .flatten()
                    .filter(|(_, u)| *u)
                    .map(|(t, _)| t)
                    .collect()
            };
            let id = v.id.as_str();
            if v.current.is_some() {
                assert_eq!(underlined(1), html_marked(&html, id, "del"), "row {id}");
            }
            if v.revised.is_some() {
                assert_eq!(underlined(2), html_marked(&html, id, "ins"), "row {id}");
            }
            if v.current.is_some() && v.revised.is_some() && !v.diff.is_unchanged() {
                assert!(
                    !underlined(1).is_empty() || !underlined(2).is_empty(),
                    "changed row {id} has no underline"
                );
            }
        }
    }

    // Only a table's first row repeats (the small tables' column headings too).
    let mut with_header = 0;
    for t in body.children_named("w:tbl") {
        let rs = rows(t);
        with_header += usize::from(rs[0].header);
        assert!(rs.iter().skip(1).all(|r| !r.header));
    }
    assert!(
        with_header > tables.len(),
        "summary and small tables have header rows too"
    );

    // A4 landscape section with the header and footer.
    let sect = body
        .child("w:sectPr")
        .expect("section at the end of the body");
    let size = sect.child("w:pgSz").expect("page size");
    assert_eq!(size.attr("w:w"), Some("16838"));
    assert_eq!(size.attr("w:h"), Some("11906"));
    assert_eq!(size.attr("w:orient"), Some("landscape"));
    assert_footer_fields(&pkg, sect);

    // 見出し 1 per 施策大項目, 見出し 2 for the comparison table.
    let headings: Vec<String> = body
        .find_all("w:p")
        .into_iter()
        .filter(|p| style_of(p).as_deref() == Some("Heading1"))
        .map(paragraph_text)
        .collect();
    for p in &view.policies {
        assert!(
            headings.contains(&format!("施策大項目　{}", p.label())),
            "heading of {}: {headings:?}",
            p.label()
        );
    }
    let heading2 = body
        .find_all("w:p")
        .into_iter()
        .filter(|p| style_of(p).as_deref() == Some("Heading2") && paragraph_text(p) == "新旧対照表")
        .count();
    assert_eq!(heading2, view.policies.len());
}

/// The footer the section refers to holds the PAGE and NUMPAGES fields around 「 / 」.
fn assert_footer_fields(pkg: &Package, sect: &Element) {
    let rel_id = sect
        .child("w:footerReference")
        .and_then(|f| f.attr("r:id"))
        .expect("footer reference");
    let rels = pkg.xml("word/_rels/document.xml.rels");
    let target = rels
        .children_named("Relationship")
        .find(|r| r.attr("Id") == Some(rel_id))
        .and_then(|r| r.attr("Target"))
        .expect("footer relationship");
    let footer = pkg.xml(&format!("word/{target}"));
    let instr: Vec<String> = footer
        .find_all("w:instrText")
        .iter()
        .map(|i| i.text().trim().to_string())
        .collect();
    assert_eq!(instr, ["PAGE", "NUMPAGES"]);
    assert!(footer.text().contains(" / "));
    let types = String::from_utf8(pkg.parts["[Content_Types].xml"].clone()).unwrap();
    assert!(types.contains(&format!("/word/{target}")));
}

#[test]
fn the_small_draft_has_every_text_and_every_underline() {
    assert_document_properties(&report_support::small_draft());
}

#[test]
fn the_bundled_draft_has_every_text_and_every_underline() {
    let draft = bundled();
    assert_document_properties(&draft);
    // Must show: landscape, a repeated header row, an underlined run in every changed row,
    // every seed text.
    let (view, pkg) = docx_of(&draft, &HtmlOptions::default());
    let xml = String::from_utf8(pkg.parts["word/document.xml"].clone()).unwrap();
    assert!(xml.contains("w:orient=\"landscape\""));
    assert!(xml.contains("<w:tblHeader/>"));
    let body = pkg.body();
    let tables = comparison_tables(&body);
    let mut changed = 0;
    for (policy, table) in view.policies.iter().zip(&tables) {
        for (r, v) in rows(table)[1..].iter().zip(policy.rows()) {
            // Rows whose texts differ (the bundled draft has a 変更あり row with two equal
            // sides, a seed problem: nothing there to underline), new and deleted rows.
            if matches!(
                v.implied_status(),
                Some(ChangeStatus::Modified | ChangeStatus::New | ChangeStatus::Deleted)
            ) {
                changed += 1;
                let any = r.cells[1..=2]
                    .iter()
                    .flatten()
                    .any(|p| runs(p).iter().any(|run| run.underlined));
                assert!(
                    any,
                    "changed row {} without an underlined run",
                    v.id.as_str()
                );
            }
        }
    }
    assert!(changed > 40, "{changed} changed rows");
    let texts = all_paragraph_texts(&body);
    for line in report_support::row_texts(&draft) {
        assert!(texts.contains(&line), "seed text missing: {line}");
    }
}

#[test]
fn styles_fonts_and_language_are_what_word_recognises() {
    let (_, pkg) = docx_of(&report_support::small_draft(), &HtmlOptions::default());
    let styles = pkg.xml("word/styles.xml");
    let style = |id: &str| {
        styles
            .children_named("w:style")
            .find(|s| s.attr("w:styleId") == Some(id))
            .unwrap_or_else(|| panic!("style {id}"))
            .clone()
    };
    for (id, name, level) in [
        ("Heading1", "heading 1", "0"),
        ("Heading2", "heading 2", "1"),
    ] {
        let s = style(id);
        assert_eq!(s.child("w:name").and_then(|n| n.attr("w:val")), Some(name));
        let ppr = s.child("w:pPr").expect("pPr");
        assert_eq!(
            ppr.child("w:outlineLvl").and_then(|o| o.attr("w:val")),
            Some(level)
        );
        let fonts = s
            .child("w:rPr")
            .and_then(|r| r.child("w:rFonts"))
            .expect("fonts");
        assert_eq!(fonts.attr("w:eastAsia"), Some("BIZ UDゴシック"));
    }
    // Body text: 明朝 for every script, Japanese as the East Asian language.
    let defaults = styles.find_all("w:rPrDefault")[0].clone();
    let fonts = defaults.find_all("w:rFonts")[0];
    assert_eq!(fonts.attr("w:eastAsia"), Some("BIZ UD明朝 Medium"));
    assert_eq!(fonts.attr("w:ascii"), Some("BIZ UD明朝 Medium"));
    assert_eq!(
        defaults.find_all("w:lang")[0].attr("w:eastAsia"),
        Some("ja-JP")
    );
    // The font table names both fonts with their English names and the Japanese character
    // set, so Word can substitute them.
    let table = pkg.xml("word/fontTable.xml");
    for (name, alt) in [
        ("BIZ UD明朝 Medium", "BIZ UDMincho Medium"),
        ("BIZ UDゴシック", "BIZ UDGothic"),
    ] {
        let f = table
            .children_named("w:font")
            .find(|f| f.attr("w:name") == Some(name))
            .unwrap_or_else(|| panic!("font {name}"));
        assert_eq!(
            f.child("w:altName").and_then(|a| a.attr("w:val")),
            Some(alt)
        );
        assert_eq!(
            f.child("w:charset").and_then(|a| a.attr("w:val")),
            Some("80")
        );
    }
    // Word 2013+ layout, not compatibility mode.
    let settings = pkg.xml("word/settings.xml");
    let mode = settings.find_all("w:compatSetting")[0];
    assert_eq!(mode.attr("w:val"), Some("15"));
    // The 目次 is Word's TOC field over 見出し 1, its entries linked to the headings.
    let body = pkg.body();
    let instr: Vec<String> = body
        .find_all("w:instrText")
        .iter()
        .map(|i| i.text())
        .collect();
    assert!(
        instr.iter().any(|i| i.contains("TOC \\o \"1-1\"")),
        "{instr:?}"
    );
    let bookmarks: Vec<&str> = body
        .find_all("w:bookmarkStart")
        .iter()
        .filter_map(|b| b.attr("w:name"))
        .collect();
    for link in body.find_all("w:hyperlink") {
        let anchor = link.attr("w:anchor").expect("anchor");
        assert!(bookmarks.contains(&anchor), "{anchor} has no bookmark");
    }
    assert_eq!(body.find_all("w:hyperlink").len(), 3);
}

#[test]
fn text_that_looks_like_markup_stays_text() {
    let (_, pkg) = docx_of(&report_support::small_draft(), &HtmlOptions::default());
    let texts = all_paragraph_texts(&pkg.body());
    assert!(texts.contains(&"●<script>alert(\"x\")</script> & 'quote' の扱い".to_string()));
    assert!(texts.contains(&"●<b>太字</b> & \"引用\" の扱い".to_string()));
}

#[test]
fn a_row_too_tall_for_a_page_may_run_across_pages() {
    let mut draft = report_support::small_draft();
    let many: Vec<String> = (0..120)
        .map(|i| format!("長い取組の説明その{i}。市民と行政が協力して進めます。"))
        .collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    draft.policies[0].issues = Row::new(
        "p1-issues",
        None,
        Some(Side::with_bullets(&many)),
        Some(Side::with_bullets(&many[..60])),
    );
    let (view, pkg) = docx_of(&draft, &HtmlOptions::default());
    let body = pkg.body();
    let table = comparison_tables(&body)[0];
    let rs = rows(table);
    let ids: Vec<&str> = view.policies[0].rows().map(|r| r.id.as_str()).collect();
    for (r, id) in rs[1..].iter().zip(ids) {
        if id == "p1-issues" {
            assert!(
                !r.cant_split,
                "a row taller than a page must be allowed to break"
            );
        } else {
            assert!(r.cant_split, "row {id} fits on a page and is kept whole");
        }
    }
}

#[test]
fn options_change_the_table_as_in_the_html() {
    let mut draft = report_support::small_draft();
    draft.policies[0].vision[0].review.state = ReviewState::Checked;
    let findings = vec![FindingEntry {
        severity: "警告".into(),
        code: "TST001".into(),
        location: "1. 市政情報 › めざす姿".into(),
        message: "テストの指摘".into(),
        excerpt: "該当する語句".into(),
        suppressed: None,
    }];
    let mut previous = draft.clone();
    previous.policies[0].vision[1].revised = Some(Side::with_summary("前の版の文"));
    let changes = shinkyu::review::compare_versions(&previous, &draft);
    let opts = HtmlOptions {
        column_order: ColumnOrder::RevisedLeft,
        unchanged: UnchangedRows::Placeholder,
        memo_column: true,
        findings: Some(findings),
        review_column: true,
        changes: Some(changes),
    };
    let (view, pkg) = docx_of(&draft, &opts);
    let body = pkg.body();
    let tables = comparison_tables(&body);
    let rs = rows(tables[0]);
    assert_eq!(
        rs[0].cell_texts(),
        ["項目", "改定案", "現行", "変更区分", "備考", "確認状況"]
    );
    let v = view.policies[0]
        .rows()
        .find(|r| r.id.as_str() == "p1-v1")
        .unwrap();
    let pos = view.policies[0]
        .rows()
        .position(|r| r.id.as_str() == "p1-v1")
        .unwrap();
    let cells = rs[pos + 1].cell_texts();
    assert_eq!(
        cells[1], "（変更なし）",
        "revised side first, as a placeholder"
    );
    assert_eq!(cells[2], v.current.clone().unwrap());
    assert!(cells[5].starts_with("確認済"), "{cells:?}");
    // 備考 in the second table (p2-j1 has a memo).
    let rs2 = rows(tables[1]);
    assert!(
        rs2.iter()
            .any(|r| r.cell_texts()[4] == "事業名を変更（担当課意見）"),
        "memo column"
    );
    // 前回の版と比較 and the findings appendix, both in the 目次.
    let texts = all_paragraph_texts(&body);
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("前回") && t.ends_with("からの主な修正内容"))
    );
    assert!(
        texts.contains(&"前の版の文".to_string()),
        "previous text in the changes table"
    );
    assert!(texts.contains(&"付録　検査結果".to_string()));
    assert!(
        texts.iter().any(|t| t.contains("テストの指摘")),
        "finding listed"
    );
    assert_eq!(body.find_all("w:hyperlink").len(), 5);
    let legend = texts.iter().find(|t| t.starts_with("下線は")).unwrap();
    assert!(legend.contains("（変更なし）"));
}

#[test]
fn a_picture_goes_into_the_package_with_its_relationship() {
    // A 1×1 PNG (signature, IHDR, IDAT, IEND).
    let png: &[u8] = &[
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0xF4,
        0x22, 0x7F, 0x8A, 0x00, 0x00, 0x00, 0x0B, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x60,
        0x00, 0x02, 0x00, 0x00, 0x05, 0x00, 0x01, 0x7A, 0x5E, 0xAB, 0x3F, 0x00, 0x00, 0x00, 0x00,
        0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    let draft = report_support::small_draft();
    let opts = HtmlOptions::default();
    let mut r = DocxReport::new(&opts, 0);
    r.title_block(&draft.meta);
    r.picture(
        png,
        50,
        "満足度・重要度",
        "満足度（横）と重要度（縦）の散布図",
    )
    .expect("a PNG");
    assert!(r.picture(b"not a png", 50, "x", "x").is_err());
    let pkg = Package::read(&r.finish("ラベル", "右上", &draft.meta).expect("docx"));
    assert_eq!(pkg.parts["word/media/image1.png"], png);
    let rels = pkg.xml("word/_rels/document.xml.rels");
    let rel = rels
        .children_named("Relationship")
        .find(|r| r.attr("Target") == Some("media/image1.png"))
        .expect("image relationship");
    let body = pkg.body();
    let blip = body.find_all("a:blip")[0];
    assert_eq!(blip.attr("r:embed"), rel.attr("Id"));
    let extent = body.find_all("wp:extent")[0];
    let cx: u64 = extent.attr("cx").unwrap().parse().unwrap();
    let cy: u64 = extent.attr("cy").unwrap().parse().unwrap();
    assert!(
        cx.abs_diff(2 * cy) <= 2,
        "the picture keeps its 2:1 proportions"
    );
    let doc_pr = body.find_all("wp:docPr")[0];
    assert_eq!(
        doc_pr.attr("descr"),
        Some("満足度（横）と重要度（縦）の散布図")
    );
}

#[test]
fn the_command_line_writes_a_docx_next_to_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("素案.ron");
    std::fs::write(
        &file,
        shinkyu::io::to_ron_string(&report_support::small_draft()).unwrap(),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_shinkyu"))
        .args(["export".as_ref(), file.as_os_str()])
        .args(["--format", "docx", "--order", "revised-left", "--memo"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pkg = Package::read(&std::fs::read(dir.path().join("素案.docx")).unwrap());
    let body = pkg.body();
    let header = rows(comparison_tables(&body)[0])[0].cell_texts();
    assert_eq!(header, ["項目", "改定案", "現行", "変更区分", "備考"]);
}
