//! The HTML 新旧対照表: golden files of a small synthetic draft, every row's text present,
//! every change underlined, nothing fetched from the network, all text escaped.
//!
//! `UPDATE_GOLDEN=1 cargo test --test report_html` rewrites the golden files.

mod report_support;

use std::path::PathBuf;

use shinkyu::model::{Draft, SideKind};
use shinkyu::report::html::{HtmlOptions, to_html};
use shinkyu::report::{ColumnOrder, ComparisonView, FindingEntry, UnchangedRows, ViewOptions};

fn html_of(draft: &Draft, opts: &HtmlOptions) -> (ComparisonView, String) {
    let view = ComparisonView::build(draft, &ViewOptions::default());
    let html = String::from_utf8(to_html(&view, opts)).expect("UTF-8");
    (view, html)
}

fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .map_or(expected.lines().count().min(actual.lines().count()), |i| i);
        panic!(
            "{} differs from the output at line {}:\n  golden: {:?}\n  actual: {:?}\n\
             (UPDATE_GOLDEN=1 rewrites it after you have checked the change)",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

fn sample_findings() -> Vec<FindingEntry> {
    vec![
        FindingEntry {
            severity: "エラー".into(),
            code: "TST001".into(),
            location: "1. 市政情報の発信と市民参加の推進 › めざす姿 › （3）".into(),
            message: "変更区分が「新規」なのに現行の記載があります。".into(),
            excerpt: "<現行>".into(),
            suppressed: None,
        },
        FindingEntry {
            severity: "警告".into(),
            code: "TST002".into(),
            location: "2. 電子自治体の推進 › 関連するSDGs".into(),
            message: "SDGsの名称が正式名称と異なります。".into(),
            excerpt: "パートナリーシップ".into(),
            suppressed: None,
        },
        FindingEntry {
            severity: "情報".into(),
            code: "TST003".into(),
            location: "2. 電子自治体の推進 › 関連計画 › 本庄市ICT推進指針".into(),
            message: "※がありません。".into(),
            excerpt: "ICT".into(),
            suppressed: Some("計画の名称のため".into()),
        },
    ]
}

#[test]
fn golden_default_options() {
    let (_, html) = html_of(&report_support::small_draft(), &HtmlOptions::default());
    golden("report_small.html", &html);
}

#[test]
fn golden_all_options() {
    let draft = report_support::small_draft();
    // A previous version in which the first row with a revised side read differently.
    let mut previous = draft.clone();
    let (path, _, _) = previous
        .rows()
        .find(|(_, _, r)| {
            r.revised
                .as_ref()
                .is_some_and(|s| !s.summary.is_empty() || !s.bullets.is_empty())
        })
        .unwrap();
    let side = previous.row_mut(path).unwrap().revised.as_mut().unwrap();
    match side.bullets.first_mut() {
        Some(b) => b.push_str("（前回の表現）"),
        None => side.summary.push_str("（前回の表現）"),
    }
    let opts = HtmlOptions {
        column_order: ColumnOrder::RevisedLeft,
        unchanged: UnchangedRows::Placeholder,
        memo_column: true,
        findings: Some(sample_findings()),
        review_column: true,
        changes: Some(shinkyu::review::compare_versions(&previous, &draft)),
    };
    let (_, html) = html_of(&draft, &opts);
    golden("report_small_options.html", &html);
}

/// The text a reader sees: tags removed, entities decoded.
fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The `<tr>` of a row, found by its `data-row` attribute.
fn row_html<'a>(html: &'a str, id: &str) -> &'a str {
    let key = format!("data-row=\"{}\"", shinkyu::report::html::escape(id));
    let at = html
        .find(&key)
        .unwrap_or_else(|| panic!("row {id} missing"));
    let end = html[at..].find("</tr>").expect("row end") + at;
    &html[at..end]
}

/// The text inside every `<tag class="chg">…</tag>` of a fragment, in order, concatenated.
fn marked(fragment: &str, tag: &str) -> String {
    let open = format!("<{tag} class=\"chg\">");
    let close = format!("</{tag}>");
    let mut out = String::new();
    let mut rest = fragment;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        let j = after.find(&close).expect("closed");
        out.push_str(&unescape(&after[..j]));
        rest = &after[j + close.len()..];
    }
    out
}

/// The properties the issue asks of the HTML, for any draft.
fn assert_report_properties(draft: &Draft) {
    let (view, html) = html_of(draft, &HtmlOptions::default());
    let text = visible_text(&html);

    // Every row's text (each line of each side) is there.
    for line in report_support::row_texts(draft) {
        assert!(text.contains(&line), "missing row text: {line}");
    }

    // Every change is marked, on its own side, and nothing else is.
    for (_, row) in view.rows() {
        let tr = row_html(&html, row.id.as_str());
        let expect = |side: SideKind| -> String {
            let segs = match side {
                SideKind::Current => &row.diff.old,
                SideKind::Revised => &row.diff.new,
            };
            segs.iter()
                .filter(|s| s.changed)
                .map(|s| s.text.replace('\n', ""))
                .collect()
        };
        assert_eq!(
            marked(tr, "del"),
            expect(SideKind::Current),
            "row {}",
            row.id
        );
        assert_eq!(
            marked(tr, "ins"),
            expect(SideKind::Revised),
            "row {}",
            row.id
        );
        let ph = |text: &str| format!("<span class=\"ph\">{text}</span>");
        let (new, deleted, empty) = (ph("（新規）"), ph("（削除）"), ph("（記載なし）"));
        match (&row.current, &row.revised) {
            (None, None) => assert_eq!(tr.matches(&empty).count(), 2, "row {}", row.id),
            (None, Some(_)) => assert!(tr.contains(&new), "row {}", row.id),
            (Some(_), None) => assert!(tr.contains(&deleted), "row {}", row.id),
            (Some(_), Some(_)) => {
                assert!(
                    !tr.contains(&new) && !tr.contains(&deleted),
                    "row {}",
                    row.id
                )
            }
        }
    }
    // … and the marks are underlines (never colour alone).
    let style = &html[html.find("<style>").unwrap()..html.find("</style>").unwrap()];
    let rule = style
        .lines()
        .find(|l| l.starts_with("del.chg, ins.chg"))
        .expect("change rule");
    assert!(rule.contains("text-decoration-line: underline"), "{rule}");

    // Nothing is fetched: no external resource, no script.
    let lower = html.to_lowercase();
    for bad in [
        "http:", "https:", "//", "<link", "<script", "<img", "<iframe", "<object", "<embed",
        "url(", "@import", "src=",
    ] {
        // `//` may appear only inside escaped row text, never in markup or CSS.
        if bad == "//" {
            let markup_only: String = strip_text(&lower);
            assert!(!markup_only.contains(bad), "markup contains {bad}");
            continue;
        }
        assert!(!lower.contains(bad), "HTML contains {bad}");
    }
    // One file: every in-page link points at an anchor in the file.
    for href in lower.split("href=\"").skip(1) {
        let target = &href[..href.find('"').unwrap()];
        assert!(target.starts_with('#'), "external link {target}");
        assert!(
            lower.contains(&format!("id=\"{}\"", &target[1..])),
            "dangling link {target}"
        );
    }
}

/// The markup and CSS without the text between tags.
fn strip_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let style_start = html.find("<style>").unwrap_or(0);
    let style_end = html.find("</style>").unwrap_or(0);
    out.push_str(&html[style_start..style_end]);
    for c in html[style_end..].chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(c)
            }
            '>' if in_tag => {
                in_tag = false;
                out.push(c)
            }
            c if in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn the_small_draft_has_every_text_every_mark_and_no_network() {
    assert_report_properties(&report_support::small_draft());
}

#[test]
fn the_bundled_draft_has_every_text_every_mark_and_no_network() {
    let loaded = shinkyu::io::load_bytes(shinkyu::BUNDLED_DRAFT.as_bytes()).expect("bundled draft");
    assert_report_properties(&loaded.draft);
}

#[test]
fn text_is_escaped() {
    let (_, html) = html_of(&report_support::small_draft(), &HtmlOptions::default());
    // The markup never contains the draft's angle brackets or quotes …
    assert!(!html.contains("<script"));
    assert!(!html.contains("<b>"));
    assert!(html.contains("&lt;"));
    assert!(html.contains("&#39;quote&#39;"));
    // … yet the reader sees the text exactly as written.
    let text = visible_text(&html);
    assert!(text.contains("●<script>alert(\"x\")</script> & 'quote' の扱い"));
    assert!(text.contains("●<b>太字</b> & \"引用\" の扱い"));
}

#[test]
fn options_change_the_table() {
    let draft = report_support::small_draft();
    let (_, default) = html_of(&draft, &HtmlOptions::default());
    let head = |h: &str| {
        let i = h.find("<table class=\"cmp").unwrap();
        let t = &h[i..];
        t[..t.find("</thead>").unwrap()].to_string()
    };
    let d = head(&default);
    assert!(d.find(">現行<").unwrap() < d.find(">改定案<").unwrap());
    assert!(!d.contains("備考"));

    let (_, revised_left) = html_of(
        &draft,
        &HtmlOptions {
            column_order: ColumnOrder::RevisedLeft,
            memo_column: true,
            ..HtmlOptions::default()
        },
    );
    let r = head(&revised_left);
    assert!(r.find(">改定案<").unwrap() < r.find(">現行<").unwrap());
    assert!(r.contains(">備考<"));
    assert!(revised_left.contains("事業名を変更（担当課意見）"));

    // Unchanged rows: full text on both sides, or the placeholder on the revised side.
    let unchanged_row = |h: &str| row_html(h, "p1-v1").to_string();
    assert_eq!(
        unchanged_row(&default)
            .matches("誰もが市政の情報を得られるまち")
            .count(),
        2
    );
    let (_, placeholder) = html_of(
        &draft,
        &HtmlOptions {
            unchanged: UnchangedRows::Placeholder,
            ..HtmlOptions::default()
        },
    );
    let u = unchanged_row(&placeholder);
    assert_eq!(u.matches("誰もが市政の情報を得られるまち").count(), 1);
    assert!(u.contains("（変更なし）"));
    // A changed row is never replaced by the placeholder.
    assert!(!row_html(&placeholder, "p1-v2").contains("（変更なし）"));

    // The appendix only when asked.
    assert!(!default.contains("付録"));
    let (_, with_findings) = html_of(
        &draft,
        &HtmlOptions {
            findings: Some(sample_findings()),
            ..HtmlOptions::default()
        },
    );
    assert!(with_findings.contains("id=\"findings\""));
    assert!(with_findings.contains("TST002"));
    assert!(with_findings.contains("&lt;現行&gt;"));
    // An ignored finding is listed with its reason and not counted.
    assert!(with_findings.contains("※がありません。（無視：計画の名称のため）"));
    assert!(with_findings.contains("検査で見つかった項目 2 件（エラー 1 件、警告 1 件、情報 0 件）。ほかに、理由を付けて無視した項目 1 件。"));
}

#[test]
fn title_block_summary_and_headers_are_there() {
    let (view, html) = html_of(&report_support::small_draft(), &HtmlOptions::default());
    let text = visible_text(&html);
    for s in [
        "テスト市総合振興計画 後期基本計画",
        "6. 行財政経営分野",
        "素案1",
        "令和7年1月10日",
        "企画課",
        "目次",
        "変更区分の集計",
        "市民アンケート結果",
        "市民の声",
        "【ワークショップより】",
        "（どんなまちになるとよいかについて）「若い世代に情報が届くまち」",
        "参加者の6割が「知らなかった」と回答",
        "関連するSDGs",
        "成果指標・現状",
        "各課意見",
        "12/30位",
        "-0.05",
    ] {
        assert!(text.contains(s), "missing {s}");
    }
    // The rename of 施策大項目 2 is shown with the changed words marked.
    let rename = &html[html.find("id=\"policy-2\"").unwrap()..];
    let rename = &rename[..rename.find("</table>").unwrap()];
    assert_eq!(marked(rename, "del"), "電子自治体");
    assert_eq!(marked(rename, "ins"), "行政のデジタル化");
    // Summary counts per 大項目 and in total.
    let totals = view.totals();
    assert_eq!(totals.total(), view.rows().count());
    assert!(html.contains(&format!(
        "<td class=\"num\">{}</td></tr></tfoot>",
        totals.total()
    )));
    // Print layout: A4 landscape, repeated header, page numbers.
    assert!(html.contains("size: A4 landscape"));
    assert!(html.contains("display: table-header-group"));
    assert!(html.contains("counter(page)"));
}
