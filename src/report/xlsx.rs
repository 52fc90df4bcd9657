//! Excel workbook: a summary sheet 概要 and one sheet per 施策大項目 with the columns 項目 /
//! 現行 / 改定案 / 変更区分 / 備考, the changed words underlined (rich text), a drop-down of the
//! four statuses, autofilter, A4 landscape fitted to the page width and the header row repeated
//! on every printed page — the workbook can go out to the departments for 庁内照会 as is.
//!
//! Column widths are set here: rust_xlsxwriter's autofit measures Japanese as if it were Latin.

use std::collections::HashSet;

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, Format, FormatAlign, FormatBorder,
    FormatUnderline, Workbook, Worksheet, XlsxError,
};

use crate::diff::Segment;
use crate::model::{ChangeStatus, PolicyStatus, VoiceForm};

use super::findings::FindingEntry;
use super::format_date_ja;
use super::html::{DELETED_PLACEHOLDER, EMPTY_PLACEHOLDER, NEW_PLACEHOLDER};
use super::view::{ComparisonView, PolicyView, RowView, StatusCounts};

/// Options of the workbook.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct XlsxOptions {
    /// Checker findings for a sheet 検査結果; `None` = no such sheet.
    pub findings: Option<Vec<FindingEntry>>,
}

/// The font of every cell: Windows 10/11 ship it, and it reads well on screen and on paper.
pub const FONT: &str = "BIZ UDゴシック";
const FONT_SIZE: f64 = 10.0;

/// Columns of a 施策大項目 sheet, with their widths in Excel's character units (a full-width
/// character is about two units in a 10 pt Japanese font).
pub const COLUMNS: [(&str, f64); 5] = [
    ("項目", 20.0),
    ("現行", 58.0),
    ("改定案", 58.0),
    ("変更区分", 11.0),
    ("備考", 30.0),
];
/// The hidden column holding each row's stable id, so that answers can be matched back.
pub const ID_COLUMN: &str = "行ID";

/// Row (0-based) of the table header on a 施策大項目 sheet.
pub const HEADER_ROW: u32 = 3;

/// Excel's limit on the characters of one cell.
const CELL_LIMIT: usize = 32_767;

struct Formats {
    title: Format,
    bold: Format,
    plain: Format,
    header: Format,
    cell: Format,
    cell_center: Format,
    text: Format,
    changed: Format,
    number: Format,
    note: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new().set_font_name(FONT).set_font_size(FONT_SIZE);
        let cell = base
            .clone()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin);
        Formats {
            title: base.clone().set_bold().set_font_size(13),
            bold: base.clone().set_bold(),
            plain: base.clone(),
            header: base
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_border(FormatBorder::Thin)
                .set_background_color(0xE6E6E6),
            cell_center: cell.clone().set_align(FormatAlign::Center),
            text: cell.clone(),
            number: cell.clone().set_num_format("0.00"),
            cell,
            changed: base.clone().set_underline(FormatUnderline::Single),
            note: base.set_italic(),
        }
    }
}

/// The workbook as .xlsx bytes.
pub fn to_xlsx(view: &ComparisonView, opts: &XlsxOptions) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    // The workbook's default font defines Excel's column width unit (the width of its digit
    // '0'); with the same font as the cells, widths and row heights are estimated in that
    // font's terms wherever the workbook is opened (Calibri, the usual default, is missing on
    // many non-Windows machines, and a substitute changes every column's width).
    // BIZ UDゴシック 10 pt: digit 7 px, default column 64 px, default row 18 px.
    wb.set_default_format(
        &Format::new().set_font_name(FONT).set_font_size(FONT_SIZE),
        18,
        64,
    )?;
    let f = Formats::new();
    let m = &view.meta;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "新旧対照表 {} {}",
                m.field_label(),
                m.version_label
            ))
            .set_subject(m.plan_name.clone())
            .set_author(m.author_section.clone()),
    );
    let mut names = SheetNames::default();

    let summary = wb.add_worksheet();
    summary.set_name(names.unique("概要"))?;
    write_summary(summary, view, &f)?;

    for p in &view.policies {
        let ws = wb.add_worksheet();
        ws.set_name(names.unique(&format!("{} {}", p.number, p.name)))?;
        write_policy(ws, view, p, &f)?;
    }

    if let Some(findings) = &opts.findings {
        let ws = wb.add_worksheet();
        ws.set_name(names.unique("検査結果"))?;
        write_findings(ws, findings, &f)?;
    }
    wb.save_to_buffer()
}

fn page_setup(ws: &mut Worksheet, header_row: Option<u32>) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0); // one page wide, as many pages tall as needed
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_print_center_horizontally(true);
    ws.set_header("&L&\"BIZ UDゴシック\"&8新旧対照表&R&\"BIZ UDゴシック\"&8&A");
    ws.set_footer("&C&\"BIZ UDゴシック\"&9&P / &N");
    if let Some(r) = header_row {
        ws.set_repeat_rows(r, r)?;
    }
    Ok(())
}

fn write_summary(ws: &mut Worksheet, view: &ComparisonView, f: &Formats) -> Result<(), XlsxError> {
    let m = &view.meta;
    ws.set_column_width(0, 56)?;
    ws.set_column_range_width(1, 6, 10)?;
    ws.write_string_with_format(0, 0, "新旧対照表", &f.title)?;
    let mut r = 1;
    let date = format_date_ja(&m.date);
    for (k, v) in [
        ("計画", m.plan_name.as_str()),
        ("分野", &m.field_label()),
        ("版", m.version_label.as_str()),
        ("日付", date.as_str()),
        ("作成", m.author_section.as_str()),
    ] {
        if v.is_empty() {
            continue;
        }
        ws.write_string_with_format(r, 0, format!("{k}：{v}"), &f.plain)?;
        r += 1;
    }
    r += 1;
    let head = r;
    ws.write_string_with_format(head, 0, "施策大項目", &f.header)?;
    for (i, s) in ChangeStatus::ALL.iter().enumerate() {
        ws.write_string_with_format(head, 1 + i as u16, s.label(), &f.header)?;
    }
    ws.write_string_with_format(head, 5, "区分なし", &f.header)?;
    ws.write_string_with_format(head, 6, "計", &f.header)?;
    r += 1;
    for p in &view.policies {
        let label = match &p.revised_name {
            Some(_) if p.status != PolicyStatus::Deleted => {
                format!("{}（改定案：{}）", p.marked_label(), p.revised_label())
            }
            _ => p.marked_label(),
        };
        ws.write_string_with_format(r, 0, label, &f.cell)?;
        count_cells(ws, r, &p.counts, f)?;
        r += 1;
    }
    ws.write_string_with_format(r, 0, "合計", &f.header)?;
    count_cells(ws, r, &view.totals(), f)?;
    r += 2;
    ws.write_string_with_format(
        r,
        0,
        "各施策大項目のシートでは、変更箇所に下線を引いています（現行欄は削除・変更される語句、改定案欄は追加・変更後の語句）。",
        &f.note,
    )?;
    ws.write_string_with_format(
        r + 1,
        0,
        "変更区分の欄は一覧（変更なし・変更あり・新規・削除）から選べます。行IDの列（非表示）は行を照合するためのもので、変更しないでください。",
        &f.note,
    )?;
    page_setup(ws, None)?;
    ws.set_active(true);
    Ok(())
}

fn count_cells(ws: &mut Worksheet, r: u32, c: &StatusCounts, f: &Formats) -> Result<(), XlsxError> {
    let cell = f.cell_center.clone().set_align(FormatAlign::Right);
    for (i, s) in ChangeStatus::ALL.iter().enumerate() {
        ws.write_number_with_format(r, 1 + i as u16, c.get(*s) as f64, &cell)?;
    }
    ws.write_number_with_format(r, 5, c.without_status as f64, &cell)?;
    ws.write_number_with_format(r, 6, c.total() as f64, &cell)?;
    Ok(())
}

fn write_policy(
    ws: &mut Worksheet,
    view: &ComparisonView,
    p: &PolicyView,
    f: &Formats,
) -> Result<(), XlsxError> {
    for (i, (_, w)) in COLUMNS.iter().enumerate() {
        ws.set_column_width(i as u16, *w)?;
    }
    ws.set_column_width(5, 14)?;
    ws.set_column_hidden(5)?;

    ws.write_string_with_format(0, 0, format!("施策大項目 {}", p.marked_label()), &f.title)?;
    let rename = match (&p.revised_name, p.status) {
        (_, PolicyStatus::New) => "施策大項目の新規：現行計画になし（この改定で追加）".to_string(),
        (_, PolicyStatus::Deleted) => "施策大項目の削除：改定案から削除".to_string(),
        (Some(_), _) => format!("大項目名の変更：あり（改定案：{}）", p.revised_label()),
        (None, _) => "大項目名の変更：なし".to_string(),
    };
    ws.write_string_with_format(1, 0, rename, &f.plain)?;
    ws.write_string_with_format(
        1,
        2,
        format!("{}　{}", view.meta.field_label(), view.meta.version_label),
        &f.plain,
    )?;

    for (i, (name, _)) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, i as u16, *name, &f.header)?;
    }
    ws.write_string_with_format(HEADER_ROW, 5, ID_COLUMN, &f.header)?;

    let mut r = HEADER_ROW + 1;
    for row in p.rows() {
        write_row(ws, r, row, f)?;
        r += 1;
    }
    let last = r.saturating_sub(1).max(HEADER_ROW + 1);
    ws.autofilter(HEADER_ROW, 0, last, 4)?;
    let dv = DataValidation::new()
        .allow_list_strings(&ChangeStatus::ALL.map(|s| s.label()))?
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_title("変更区分")?
        .set_error_message(
            "変更区分は「変更なし」「変更あり」「新規」「削除」から選んでください。",
        )?;
    ws.add_data_validation(HEADER_ROW + 1, 3, last, 3, &dv)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    page_setup(ws, Some(HEADER_ROW))?;
    ws.set_print_area(0, 0, last, 4)?;

    write_references(ws, last + 3, p, f)?;
    Ok(())
}

fn write_row(ws: &mut Worksheet, r: u32, row: &RowView, f: &Formats) -> Result<(), XlsxError> {
    let (block, label) = row.item();
    let item = if label.is_empty() {
        block.to_string()
    } else {
        format!("{block}\n{label}")
    };
    ws.write_string_with_format(r, 0, clip(&item), &f.cell)?;
    let empty = row.current.is_none() && row.revised.is_none();
    match row.current {
        Some(_) => write_segments(ws, r, 1, &row.diff.old, f)?,
        None => {
            let ph = if empty {
                EMPTY_PLACEHOLDER
            } else {
                NEW_PLACEHOLDER
            };
            ws.write_string_with_format(r, 1, ph, &f.text)?;
        }
    }
    match row.revised {
        Some(_) => write_segments(ws, r, 2, &row.diff.new, f)?,
        None => {
            let ph = if empty {
                EMPTY_PLACEHOLDER
            } else {
                DELETED_PLACEHOLDER
            };
            ws.write_string_with_format(r, 2, ph, &f.text)?;
        }
    }
    match row.status {
        Some(s) => ws.write_string_with_format(r, 3, s.label(), &f.cell_center)?,
        None => ws.write_blank(r, 3, &f.cell_center)?,
    };
    if row.memo.is_empty() {
        ws.write_blank(r, 4, &f.cell)?;
    } else {
        ws.write_string_with_format(r, 4, clip(&row.memo), &f.cell)?;
    }
    ws.write_string_with_format(r, 5, row.id.as_str(), &f.plain)?;
    let text = |side: &Option<String>| side.as_deref().unwrap_or(NEW_PLACEHOLDER).to_string();
    let height = [
        (item.as_str(), COLUMNS[0].1),
        (&text(&row.current), COLUMNS[1].1),
        (&text(&row.revised), COLUMNS[2].1),
        (row.memo.as_str(), COLUMNS[4].1),
    ]
    .iter()
    .map(|(t, w)| row_height(t, *w))
    .fold(0.0, f64::max);
    ws.set_row_height(r, height)?;
    Ok(())
}

/// Points per line of 10 pt text: Excel's default row height for BIZ UDゴシック 10 pt (18 px).
const LINE_HEIGHT: f64 = 13.5;
/// Excel's largest row height.
const MAX_ROW_HEIGHT: f64 = 409.0;

/// The height a wrapped cell of `width` (Excel character units) needs for `text`. Excel does
/// not grow rows to fit wrapped text written by a program (nor does LibreOffice on import),
/// so the rows' heights are set from an estimate: a full-width character takes about 1.9
/// units at 10 pt, a half-width one about 1.
pub fn row_height(text: &str, width: f64) -> f64 {
    // In tenths of a unit, so that sums are exact.
    let capacity = (((width - 1.0) * 10.0).round() as u64).max(20);
    let lines: u64 = text
        .split('\n')
        .map(|line| {
            let w: u64 = line.chars().map(char_tenths).sum();
            w.div_ceil(capacity).max(1)
        })
        .sum();
    (lines as f64 * LINE_HEIGHT + 4.0).clamp(LINE_HEIGHT + 4.0, MAX_ROW_HEIGHT)
}

/// A character's width in tenths of Excel's column unit.
fn char_tenths(c: char) -> u64 {
    match c {
        '\u{20}'..='\u{7E}' | '\u{FF61}'..='\u{FF9F}' => 10,
        _ => 19,
    }
}

/// Writes a side's segments as a rich string, the changed ones underlined.
fn write_segments(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    segs: &[Segment],
    f: &Formats,
) -> Result<(), XlsxError> {
    let total: usize = segs.iter().map(|s| s.text.chars().count()).sum();
    if total > CELL_LIMIT || segs.is_empty() {
        let text: String = segs.iter().map(|s| s.text.as_str()).collect();
        ws.write_string_with_format(r, c, clip(&text), &f.text)?;
        return Ok(());
    }
    if segs.iter().all(|s| !s.changed) {
        let text: String = segs.iter().map(|s| s.text.as_str()).collect();
        ws.write_string_with_format(r, c, text, &f.text)?;
        return Ok(());
    }
    let parts: Vec<(&Format, &str)> = segs
        .iter()
        .filter(|s| !s.text.is_empty())
        .map(|s| {
            (
                if s.changed { &f.changed } else { &f.plain },
                s.text.as_str(),
            )
        })
        .collect();
    ws.write_rich_string_with_format(r, c, &parts, &f.text)?;
    Ok(())
}

/// Cuts a text to what one cell can hold, saying so.
fn clip(text: &str) -> String {
    const NOTE: &str = "…（以下省略：セルの文字数の上限を超えています）";
    if text.chars().count() <= CELL_LIMIT {
        return text.to_string();
    }
    let keep = CELL_LIMIT - NOTE.chars().count() - 1;
    let mut s: String = text.chars().take(keep).collect();
    s.push_str(NOTE);
    s
}

/// The header blocks of a 施策大項目 below its table, for reference.
fn write_references(
    ws: &mut Worksheet,
    mut r: u32,
    p: &PolicyView,
    f: &Formats,
) -> Result<(), XlsxError> {
    if let Some(s) = &p.survey {
        ws.write_string_with_format(r, 0, "市民アンケート結果", &f.bold)?;
        r += 1;
        ws.write_string_with_format(r, 0, "項目名", &f.cell)?;
        ws.write_string_with_format(r, 1, clip(&s.item), &f.cell)?;
        ws.set_row_height(r, row_height(&s.item, COLUMNS[1].1))?;
        r += 1;
        // Years side by side in column B would be too wide; one line per year instead.
        ws.write_string_with_format(r, 0, "調査年度", &f.header)?;
        ws.write_string_with_format(r, 1, "満足度", &f.header)?;
        ws.write_string_with_format(r, 2, "重要度", &f.header)?;
        r += 1;
        for (i, y) in s.years.iter().enumerate() {
            ws.write_string_with_format(r, 0, y, &f.cell)?;
            for (c, values) in [(1u16, &s.satisfaction), (2, &s.importance)] {
                match values.get(i) {
                    Some(v) => ws.write_number_with_format(r, c, *v, &f.number)?,
                    None => ws.write_blank(r, c, &f.cell)?,
                };
            }
            r += 1;
        }
        ws.write_string_with_format(r, 0, "参考順位", &f.cell)?;
        for (c, rank) in [(1u16, &s.satisfaction_rank), (2, &s.importance_rank)] {
            match rank {
                Some(rank) => ws.write_string_with_format(r, c, rank.label(), &f.cell)?,
                None => ws.write_blank(r, c, &f.cell)?,
            };
        }
        r += 2;
    }
    if !p.voices.is_empty() {
        ws.write_string_with_format(r, 0, "市民の声", &f.bold)?;
        r += 1;
        for v in &p.voices {
            ws.write_string_with_format(r, 0, format!("【{}より】", v.source), &f.cell)?;
            let mut text = String::new();
            if !v.context.is_empty() {
                text.push_str(&format!("（{}）", v.context));
            }
            match v.form {
                VoiceForm::Quote => text.push_str(&format!("「{}」", v.quote)),
                VoiceForm::Summary => text.push_str(&v.quote),
            }
            ws.write_string_with_format(r, 1, clip(&text), &f.cell)?;
            ws.set_row_height(r, row_height(&text, COLUMNS[1].1))?;
            r += 1;
        }
        r += 1;
    }
    if !p.sdgs.is_empty() {
        ws.write_string_with_format(r, 0, "関連するSDGs", &f.bold)?;
        r += 1;
        for s in &p.sdgs {
            ws.write_number_with_format(r, 0, s.number as f64, &f.cell_center)?;
            ws.write_string_with_format(r, 1, &s.name, &f.cell)?;
            r += 1;
        }
        r += 1;
    }
    if !p.indicators.is_empty() || !p.indicator_opinion.is_empty() {
        ws.write_string_with_format(r, 0, "成果指標・現状", &f.bold)?;
        r += 1;
        for (c, h) in ["種別", "指標名", "変更内容", "判定", "現行通り"]
            .iter()
            .enumerate()
        {
            ws.write_string_with_format(r, c as u16, *h, &f.header)?;
        }
        r += 1;
        for ind in &p.indicators {
            ws.write_string_with_format(r, 0, ind.kind.label(), &f.cell)?;
            ws.write_string_with_format(r, 1, &ind.name, &f.cell)?;
            ws.write_string_with_format(r, 2, &ind.change, &f.cell)?;
            let h = row_height(&ind.name, COLUMNS[1].1).max(row_height(&ind.change, COLUMNS[2].1));
            ws.set_row_height(r, h)?;
            match ind.verdict {
                Some(v) => ws.write_string_with_format(r, 3, v.label(), &f.cell_center)?,
                None => ws.write_blank(r, 3, &f.cell_center)?,
            };
            ws.write_string_with_format(
                r,
                4,
                if ind.as_current { "現行通り" } else { "" },
                &f.cell,
            )?;
            r += 1;
        }
        if !p.indicator_opinion.is_empty() {
            ws.write_string_with_format(r, 0, "各課意見", &f.cell)?;
            ws.write_string_with_format(r, 1, clip(&p.indicator_opinion), &f.cell)?;
            ws.set_row_height(r, row_height(&p.indicator_opinion, COLUMNS[1].1))?;
        }
    }
    Ok(())
}

fn write_findings(
    ws: &mut Worksheet,
    findings: &[FindingEntry],
    f: &Formats,
) -> Result<(), XlsxError> {
    let cols = [
        ("重要度", 8.0),
        ("コード", 10.0),
        ("場所", 50.0),
        ("内容", 70.0),
        ("該当箇所", 30.0),
    ];
    for (i, (h, w)) in cols.iter().enumerate() {
        ws.set_column_width(i as u16, *w)?;
        ws.write_string_with_format(0, i as u16, *h, &f.header)?;
    }
    for (i, x) in findings.iter().enumerate() {
        let r = 1 + i as u32;
        ws.write_string_with_format(r, 0, &x.severity, &f.cell_center)?;
        ws.write_string_with_format(r, 1, &x.code, &f.cell_center)?;
        ws.write_string_with_format(r, 2, clip(&x.location), &f.cell)?;
        ws.write_string_with_format(r, 3, clip(&x.printed_message()), &f.cell)?;
        ws.write_string_with_format(r, 4, clip(&x.excerpt), &f.cell)?;
    }
    ws.autofilter(0, 0, findings.len().max(1) as u32, 4)?;
    ws.set_freeze_panes(1, 0)?;
    page_setup(ws, Some(0))?;
    Ok(())
}

/// Unique, valid sheet names.
#[derive(Default)]
struct SheetNames {
    used: HashSet<String>,
}

impl SheetNames {
    fn unique(&mut self, wanted: &str) -> String {
        let base = sheet_name(wanted);
        let mut name = base.clone();
        let mut n = 2;
        while self.used.contains(&name.to_lowercase()) {
            let suffix = format!("({n})");
            name = format!("{}{suffix}", truncate_utf16(&base, 31 - suffix.len()));
            n += 1;
        }
        self.used.insert(name.to_lowercase());
        name
    }
}

/// A valid worksheet name for `wanted`: the characters Excel forbids (`[]:*?/\`) become their
/// full-width forms, no apostrophe at either end, at most 31 UTF-16 units, never empty.
pub fn sheet_name(wanted: &str) -> String {
    let mapped: String = wanted
        .chars()
        .map(|c| match c {
            '[' => '［',
            ']' => '］',
            ':' => '：',
            '*' => '＊',
            '?' => '？',
            '/' => '／',
            '\\' => '＼',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let trimmed = mapped.trim().trim_matches('\'').trim();
    let mut name = truncate_utf16(trimmed, 31).trim_end().to_string();
    while name.ends_with('\'') {
        name.pop();
    }
    if name.is_empty() || name.eq_ignore_ascii_case("history") {
        name = format!("シート{}", if name.is_empty() { "" } else { "_history" });
    }
    name
}

fn truncate_utf16(s: &str, max: usize) -> &str {
    let mut units = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > max {
            return &s[..i];
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let n = sheet_name("1. 市政情報の提供の充実と市政に対する市民参加の推進とその他の長い名前");
        assert!(n.encode_utf16().count() <= 31);
        assert_eq!(sheet_name("a/b:c[d]*?\\"), "a／b：c［d］＊？＼");
        assert_eq!(sheet_name("'x'"), "x");
        assert_eq!(sheet_name("''"), "シート");
        let mut names = SheetNames::default();
        let a = names.unique("同じ名前");
        let b = names.unique("同じ名前");
        assert_ne!(a, b);
        assert_eq!(b, "同じ名前(2)");
        // Emoji count as two UTF-16 units.
        let long = "😀".repeat(20);
        assert!(sheet_name(&long).encode_utf16().count() <= 31);
    }

    #[test]
    fn rows_grow_with_their_text() {
        let one = row_height("短い", 58.0);
        assert_eq!(one, LINE_HEIGHT + 4.0);
        // 60 full-width characters need about two lines of a 58-unit column.
        let two = row_height(&"あ".repeat(60), 58.0);
        assert_eq!(two, 2.0 * LINE_HEIGHT + 4.0);
        assert_eq!(row_height("一\n二\n三", 58.0), 3.0 * LINE_HEIGHT + 4.0);
        assert_eq!(row_height(&"あ".repeat(100_000), 58.0), MAX_ROW_HEIGHT);
    }

    #[test]
    fn long_cells_are_clipped_with_a_note() {
        let s = "あ".repeat(CELL_LIMIT + 10);
        let c = clip(&s);
        assert!(c.chars().count() <= CELL_LIMIT);
        assert!(c.ends_with("上限を超えています）"));
    }
}
