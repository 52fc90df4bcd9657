//! Exporters of the 新旧対照表, all fed by one [`ComparisonView`] of the draft. Each exporter
//! is one file; [`export`] picks one by [`Format`].
//!
//! ```
//! use shinkyu::report::{ComparisonView, ViewOptions};
//! # let draft = shinkyu::model::Draft::default();
//! let view = ComparisonView::build(&draft, &ViewOptions::default());
//! for (policy, row) in view.rows() {
//!     // row.diff.old / row.diff.new: segments, `changed` ones to underline.
//!     let _ = (policy.label(), row.item(), row.status, &row.diff);
//! }
//! ```

pub mod csv;
pub mod docx;
pub mod findings;
pub mod html;
pub mod json;
pub mod printed;
pub mod version_text;
pub mod view;
pub mod xlsx;

pub use findings::{FindingEntry, findings_appendix};
pub use html::HtmlOptions;
pub use version_text::version_diff_text;
pub use view::{
    BlockView, ComparisonView, PolicyView, RowView, SdgView, StatusCounts, ViewOptions,
};
pub use xlsx::XlsxOptions;

use crate::model::Draft;

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Html,
    Docx,
    Xlsx,
    Csv,
    Json,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Html,
        Format::Docx,
        Format::Xlsx,
        Format::Csv,
        Format::Json,
    ];

    /// True for the printable 新旧対照表 (HTML and Word): the formats that take
    /// [`HtmlOptions`] (column order, （変更なし）, 備考 and 確認状況 columns, the changes since
    /// the previous version, the findings appendix).
    pub fn is_printable(self) -> bool {
        matches!(self, Format::Html | Format::Docx)
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    /// The format's name for menus and messages.
    pub fn label(self) -> &'static str {
        match self {
            Format::Html => "HTML（印刷用の新旧対照表）",
            Format::Docx => "Word 文書（編集できる新旧対照表）",
            Format::Xlsx => "Excel ブック",
            Format::Csv => "CSV",
            Format::Json => "JSON",
        }
    }
}

/// Which side goes in the left text column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ColumnOrder {
    /// 現行 | 改定案: the order of the plan documents (the default).
    #[default]
    CurrentLeft,
    /// 改定案 | 現行: the order of 例規 新旧対照表 (改正後 left).
    RevisedLeft,
}

/// How rows whose two sides are equal are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum UnchangedRows {
    /// Both sides in full.
    #[default]
    Full,
    /// The current text, and （変更なし） on the revised side.
    Placeholder,
}

/// What the JSON export holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum JsonContent {
    /// The whole draft (the draft core's contract).
    #[default]
    Draft,
    /// The comparison view: rows with their texts, statuses and diff segments.
    Comparison,
}

/// Options of every exporter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportOptions {
    pub view: ViewOptions,
    /// The printable 新旧対照表's options: HTML and Word.
    pub html: HtmlOptions,
    pub xlsx: XlsxOptions,
    pub json: JsonContent,
}

/// Why an export failed.
#[derive(Debug)]
pub enum ExportError {
    Xlsx(rust_xlsxwriter::XlsxError),
    Docx(docx::DocxError),
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Xlsx(e) => write!(f, "Excel ブックを作成できませんでした: {e}"),
            ExportError::Docx(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ExportError {}

/// Exports the draft in `format`; the bytes are what the file holds.
pub fn export(draft: &Draft, format: Format, opts: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    if format == Format::Json && opts.json == JsonContent::Draft {
        return Ok(json::to_json(draft));
    }
    let view = ComparisonView::build(draft, &opts.view);
    export_view(draft, &view, format, opts)
}

/// Exports an already built view (the GUI keeps one for its preview).
pub fn export_view(
    draft: &Draft,
    view: &ComparisonView,
    format: Format,
    opts: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        Format::Html => html::to_html(view, &opts.html),
        Format::Docx => docx::to_docx(view, &opts.html).map_err(ExportError::Docx)?,
        Format::Xlsx => xlsx::to_xlsx(view, &opts.xlsx).map_err(ExportError::Xlsx)?,
        Format::Csv => csv::view_to_csv(view),
        Format::Json => match opts.json {
            JsonContent::Draft => json::to_json(draft),
            JsonContent::Comparison => json::view_to_json(view),
        },
    })
}

/// A `YYYY-MM-DD` date in the Japanese era, as documents write it (`令和7年1月10日`); other
/// text is returned as it is.
pub fn format_date_ja(date: &str) -> String {
    let parts: Vec<&str> = date.trim().split('-').collect();
    let parsed = match parts.as_slice() {
        [y, m, d] => match (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) {
            (Ok(y), Ok(m), Ok(d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => {
                Some((y, m, d))
            }
            _ => None,
        },
        _ => None,
    };
    let Some((y, m, d)) = parsed else {
        return date.to_string();
    };
    match crate::model::Era::of_date(y as i32, m, d) {
        Some((era, year)) => format!(
            "{}{}年{m}月{d}日",
            era.name(),
            crate::model::Era::year_text(year)
        ),
        None => format!("{y}年{m}月{d}日"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_in_the_era() {
        assert_eq!(format_date_ja("2025-01-10"), "令和7年1月10日");
        assert_eq!(format_date_ja("2019-05-01"), "令和元年5月1日");
        assert_eq!(format_date_ja("2019-04-30"), "平成31年4月30日");
        assert_eq!(format_date_ja("1989-01-08"), "平成元年1月8日");
        assert_eq!(format_date_ja(""), "");
        assert_eq!(format_date_ja("令和4年3月"), "令和4年3月");
        assert_eq!(format_date_ja("2025-13-01"), "2025-13-01");
    }
}
