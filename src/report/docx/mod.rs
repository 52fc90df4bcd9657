//! Word (.docx): the 新旧対照表 as a real Word document that staff edit further (a cover page,
//! a note, a heading) for the 審議会, the 議会 and the public. Built from the same
//! [`ComparisonView`] and the same [`HtmlOptions`] as the HTML report.
//!
//! A4 landscape; title block; a 目次 (Word's TOC field); the summary of 変更区分; per
//! 施策大項目 a 見出し 1 and, under it, 見出し 2 for its rename, 市民アンケート結果, 市民の声,
//! 関連するSDGs, 成果指標・現状 (small tables) and the comparison table 項目 | 現行 | 改定案 |
//! 変更区分 whose header row repeats on every page (`w:tblHeader`) and whose rows are kept on
//! one page when they fit (`w:cantSplit`). Changed words are underlined (`w:u`) on both sides,
//! from the view's diff segments. 明朝 body, ゴシック headings (see [`parts::MINCHO`]), page
//! numbers 「n / N」 from PAGE / NUMPAGES fields. Everything is text.
//!
//! Three layers:
//! - [`wordml`]: paragraphs, runs, tables, 目次, pictures and the package (knows no report);
//! - [`parts`]: the package's fixed parts (styles, fonts, settings, footer);
//! - [`report`]: the 新旧対照表's layout, as [`DocxReport`] methods a caller strings together.
//!
//! [`to_docx`] writes one draft. A report of several drafts (a whole plan, every 分野) uses
//! [`DocxReport`] directly: one title block, one 目次 over every 分野, then each draft's
//! policies one heading level down ([`DocxReport::policy`] takes the level), and pictures with
//! [`DocxReport::picture`].

pub mod parts;
pub mod report;
pub mod wordml;

pub use report::DocxReport;

use super::html::HtmlOptions;
use super::printed::{document_label, page_corner};
use super::view::ComparisonView;

/// Why the .docx could not be made.
#[derive(Debug)]
pub struct DocxError(pub zip::result::ZipError);

impl std::fmt::Display for DocxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Word 文書を作成できませんでした: {}", self.0)
    }
}

impl std::error::Error for DocxError {}

/// The 新旧対照表 of one draft as .docx bytes.
pub fn to_docx(view: &ComparisonView, opts: &HtmlOptions) -> Result<Vec<u8>, DocxError> {
    let mut r = DocxReport::new(opts, view.text_bytes());
    r.title_block(&view.meta);
    let mut contents = vec![r.summary_entry()];
    if let Some(changes) = &opts.changes {
        contents.push(r.changes_entry(changes));
    }
    contents.extend(view.policies.iter().map(|p| r.policy_entry(p, 1, 0)));
    if opts.findings.is_some() {
        contents.push(r.findings_entry());
    }
    r.contents(&contents, 1);
    r.summary(&view.policies, &view.totals());
    if let Some(changes) = &opts.changes {
        r.changes(changes);
    }
    for p in &view.policies {
        r.policy(p, 1, 0);
    }
    if let Some(findings) = &opts.findings {
        r.findings(findings);
    }
    r.finish(
        &document_label(&view.meta),
        &page_corner(&view.meta),
        &view.meta,
    )
}
