//! Writing a department's 照会 workbook: 説明, one answer sheet per kind of row it answers,
//! and the hidden sheet with the draft's identity and what each row looked like when sent.

use std::fmt;

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DocProperties, Format, FormatAlign, FormatBorder,
    ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use super::layout::{
    self, AnswerField, CURRENT_HEADER, EXTRA_ROWS, GUIDE_SHEET, HEADER_ROW, ID_HEADER, INFO_MARKER,
    INFO_SHEET, KIND_HEADER, OPINION_HEADER, POLICY_HEADER, SHARED_HEADER, STATUS_HEADER,
    SentContent, SentRow, SheetKind,
};
use super::{Assignment, assignments, departments, workbook_file_name};
use crate::model::{BlockKind, Draft, Policy, Row};
use crate::report::xlsx::{FONT, row_height};

/// What to write.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// The departments to write a workbook for; empty = every 評価回答部署 of the draft.
    pub departments: Vec<String>,
    /// 回答期限 as staff write it (`令和7年6月20日（金）`); empty = not stated.
    pub due: String,
}

/// One department's workbook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InquiryWorkbook {
    pub department: String,
    /// `照会_行政管理課.xlsx`.
    pub file_name: String,
    /// How many rows it asks about.
    pub rows: usize,
    pub bytes: Vec<u8>,
}

/// Why no workbooks were made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportError {
    /// The draft names no 評価回答部署.
    NoDepartments,
    /// A department asked for is not a 評価回答部署 of the draft (with those that are).
    UnknownDepartment { asked: String, known: Vec<String> },
    /// The workbook library failed.
    Xlsx(String),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::NoDepartments => write!(
                f,
                "この下書きの施策中項目には評価回答部署が書かれていないため、照会様式を作れません。"
            ),
            ExportError::UnknownDepartment { asked, known } => write!(
                f,
                "評価回答部署「{asked}」はこの下書きにありません（この下書きの評価回答部署：{}）。",
                known.join("、")
            ),
            ExportError::Xlsx(e) => write!(f, "Excel ブックを作れませんでした: {e}"),
        }
    }
}

impl std::error::Error for ExportError {}

impl From<XlsxError> for ExportError {
    fn from(e: XlsxError) -> Self {
        ExportError::Xlsx(e.to_string())
    }
}

/// One workbook per department asked for (all 評価回答部署 when none is named).
pub fn export_workbooks(
    draft: &Draft,
    opts: &ExportOptions,
) -> Result<Vec<InquiryWorkbook>, ExportError> {
    let known = departments(draft);
    if known.is_empty() {
        return Err(ExportError::NoDepartments);
    }
    let wanted: Vec<String> = if opts.departments.is_empty() {
        known.clone()
    } else {
        let mut v = Vec::new();
        for d in &opts.departments {
            let d = d.trim().to_string();
            if !known.contains(&d) {
                return Err(ExportError::UnknownDepartment { asked: d, known });
            }
            if !v.contains(&d) {
                v.push(d);
            }
        }
        v
    };
    wanted
        .into_iter()
        .map(|d| {
            let rows = assignments(draft, &d).len();
            Ok(InquiryWorkbook {
                file_name: workbook_file_name(&d),
                bytes: export_workbook(draft, &d, opts)?,
                department: d,
                rows,
            })
        })
        .collect()
}

struct Formats {
    title: Format,
    plain: Format,
    bold: Format,
    header: Format,
    header_answer: Format,
    locked: Format,
    grey: Format,
    answer: Format,
    answer_center: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new().set_font_name(FONT).set_font_size(10);
        let cell = base
            .clone()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin);
        let answer = cell.clone().set_unlocked().set_background_color(0xFFF0A8);
        Formats {
            title: base.clone().set_bold().set_font_size(13),
            plain: base.clone(),
            bold: base.clone().set_bold(),
            header: base
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_border(FormatBorder::Thin)
                .set_background_color(0xE6E6E6),
            header_answer: base
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_border(FormatBorder::Thin)
                .set_background_color(0xFFE699),
            grey: cell.clone().set_background_color(0xF2F2F2),
            locked: cell,
            answer_center: answer.clone().set_align(FormatAlign::Center),
            answer,
        }
    }
}

/// The workbook of one department, as .xlsx bytes.
pub fn export_workbook(
    draft: &Draft,
    department: &str,
    opts: &ExportOptions,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_default_format(&Format::new().set_font_name(FONT).set_font_size(10), 18, 64)?;
    let m = &draft.meta;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("庁内照会 {} {}", m.field_label(), department))
            .set_subject(draft.display_name())
            .set_author(m.author_section.clone()),
    );
    let f = Formats::new();
    let all = assignments(draft, department);
    let sheets: Vec<(SheetKind, Vec<&Assignment>)> = SheetKind::ALL
        .into_iter()
        .map(|k| (k, all.iter().filter(|a| a.sheet == k).collect::<Vec<_>>()))
        .filter(|(_, rows)| !rows.is_empty())
        .collect();

    let guide = wb.add_worksheet();
    guide.set_name(GUIDE_SHEET)?;
    write_guide(guide, draft, department, opts, &sheets, &f)?;

    for (kind, rows) in &sheets {
        let ws = wb.add_worksheet();
        ws.set_name(kind.title())?;
        write_answer_sheet(ws, draft, department, *kind, rows, &f)?;
    }

    let info = wb.add_worksheet();
    info.set_name(INFO_SHEET)?;
    write_info(info, draft, department, opts, &all)?;
    info.set_hidden(true);
    wb.save_to_buffer()
}

fn page_setup(
    ws: &mut Worksheet,
    department: &str,
    header_row: Option<u32>,
) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_print_center_horizontally(true);
    ws.set_header(format!(
        "&L&\"{FONT}\"&8庁内照会（{}）&R&\"{FONT}\"&8&A",
        department.replace('&', "&&")
    ));
    ws.set_footer(format!("&C&\"{FONT}\"&9&P / &N"));
    if let Some(r) = header_row {
        ws.set_repeat_rows(r, r)?;
    }
    Ok(())
}

fn protection() -> ProtectionOptions {
    // Without a password: it prevents accidents, not intent. Departments may still resize
    // rows and columns to read long texts.
    ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    }
}

fn write_guide(
    ws: &mut Worksheet,
    draft: &Draft,
    department: &str,
    opts: &ExportOptions,
    sheets: &[(SheetKind, Vec<&Assignment>)],
    f: &Formats,
) -> Result<(), XlsxError> {
    let m = &draft.meta;
    let asker = if m.author_section.trim().is_empty() {
        "計画の担当課".to_string()
    } else {
        m.author_section.trim().to_string()
    };
    ws.set_column_width(0, GUIDE_WIDTH)?;
    let wrap = f.plain.clone().set_text_wrap().set_align(FormatAlign::Top);
    let mut r = 0;
    let mut line = |ws: &mut Worksheet, text: &str, fmt: &Format| -> Result<(), XlsxError> {
        ws.write_string_with_format(r, 0, text, fmt)?;
        // Estimated a little narrower than the column: office suites wrap a few characters early.
        ws.set_row_height(r, row_height(text, GUIDE_WIDTH - 8.0))?;
        r += 1;
        Ok(())
    };
    line(ws, &format!("庁内照会　{}", m.field_label()), &f.title)?;
    line(ws, &format!("{department}　御中"), &f.bold)?;
    line(ws, &format!("照会元：{asker}"), &f.plain)?;
    line(ws, &format!("対象：{}", draft.display_name()), &f.plain)?;
    let due = if opts.due.trim().is_empty() {
        format!("{asker}からの依頼文のとおり")
    } else {
        opts.due.trim().to_string()
    };
    line(ws, &format!("回答期限：{due}"), &f.bold)?;
    line(
        ws,
        &format!("問い合わせ先：{asker}（{}の担当）", m.plan_name.trim()),
        &f.plain,
    )?;
    line(ws, "", &f.plain)?;
    line(ws, "回答のしかた", &f.bold)?;
    let statuses = crate::model::ChangeStatus::ALL
        .iter()
        .map(|s| s.label())
        .collect::<Vec<_>>()
        .join("・");
    for text in [
        "1. 各シートの黄色の欄（変更区分、「（案）」の付いた欄、意見・変更理由）に記入し、このブックを返送してください。ファイル名やシート名は変えても構いません。".to_string(),
        "2. 「（案）」の欄には、いまの改定案が入っています。直したい箇所だけを書き換えてください。●の付いた欄は、1行に1項目です（項目を増やすときは行を改めて●から書きます。セル内の改行は Alt+Enter）。".to_string(),
        format!("3. 変更区分は一覧から選びます（{statuses}）。変更なし＝現行のまま、変更あり＝改定案で変える、新規＝新しく加える行、削除＝なくす行です。「成果指標・現状」のシートでは 問題なし・要変更 を選びます。"),
        "4. 変更の理由やご意見は「意見・変更理由」の欄に書いてください（成果指標・現状への意見は「各課意見」として扱います）。".to_string(),
        "5. 行を加えるときは、表の下の空いた行に施策大項目と「（案）」の欄を記入し、変更区分を「新規」にしてください。行IDの欄は空けたままにします。".to_string(),
        "6. 「ほかの回答課」に課名のある行は、その課にも同じ行を照会しています。回答が食い違ったときは企画課で調整します。".to_string(),
        "7. 現行の欄は変更できないようにしてあります（シートの保護、パスワードなし）。行IDの列（非表示）と非表示のシートは回答を照合するためのものです。消したり変えたりしないでください。行を並べ替えたり、別のブックから行を貼り付けたりしないでください。".to_string(),
    ] {
        line(ws, &text, &wrap)?;
    }
    line(ws, "", &f.plain)?;
    line(ws, "このブックのシート", &f.bold)?;
    for (kind, rows) in sheets {
        line(
            ws,
            &format!("・{}（{}行）", kind.title(), rows.len()),
            &f.plain,
        )?;
    }
    page_setup(ws, department, None)?;
    ws.set_print_fit_to_pages(1, 1);
    ws.protect_with_options(&protection());
    ws.set_active(true);
    Ok(())
}

/// Width of the 説明 sheet's one column (fits A4 landscape at 100 %).
const GUIDE_WIDTH: f64 = 100.0;

/// The columns of an answer sheet: (header, width, is an answer column).
fn columns(kind: SheetKind) -> Vec<(&'static str, f64, Option<AnswerField>)> {
    let mut cols = vec![(ID_HEADER, 12.0, None), (POLICY_HEADER, 16.0, None)];
    if kind == SheetKind::Indicators {
        cols.push((KIND_HEADER, 10.0, None));
    }
    cols.push((CURRENT_HEADER, 44.0, None));
    cols.push((STATUS_HEADER, 10.0, None));
    for field in kind.fields() {
        cols.push((field.header(), field.width(), Some(*field)));
    }
    cols.push((OPINION_HEADER, 26.0, None));
    cols.push((SHARED_HEADER, 12.0, None));
    cols
}

fn col_of(cols: &[(&str, f64, Option<AnswerField>)], header: &str) -> u16 {
    cols.iter().position(|c| c.0 == header).unwrap_or(0) as u16
}

fn write_answer_sheet(
    ws: &mut Worksheet,
    draft: &Draft,
    department: &str,
    kind: SheetKind,
    rows: &[&Assignment],
    f: &Formats,
) -> Result<(), XlsxError> {
    let cols = columns(kind);
    for (i, (_, w, _)) in cols.iter().enumerate() {
        ws.set_column_width(i as u16, *w)?;
    }
    ws.set_column_hidden(0)?;
    ws.write_string_with_format(0, 1, format!("庁内照会　{}", kind.title()), &f.title)?;
    ws.write_string_with_format(
        1,
        1,
        format!("{}　回答部署：{department}", draft.display_name()),
        &f.plain,
    )?;
    ws.write_string_with_format(
        2,
        1,
        "黄色の欄に記入してください。変更区分は一覧から選びます。行を加えるときは表の下の空いた行に記入します（説明のシートを参照）。",
        &f.plain,
    )?;
    for (i, (h, _, field)) in cols.iter().enumerate() {
        let fmt = if field.is_some() || *h == STATUS_HEADER || *h == OPINION_HEADER {
            &f.header_answer
        } else {
            &f.header
        };
        ws.write_string_with_format(HEADER_ROW, i as u16, *h, fmt)?;
    }
    ws.set_row_height(HEADER_ROW, 30)?;

    let status_col = col_of(&cols, STATUS_HEADER);
    let opinion_col = col_of(&cols, OPINION_HEADER);
    let shared_col = col_of(&cols, SHARED_HEADER);
    let current_col = col_of(&cols, CURRENT_HEADER);
    let mut r = HEADER_ROW + 1;
    for a in rows {
        let Some(policy) = draft.policies.get(a.policy) else {
            continue;
        };
        ws.write_string_with_format(r, 0, a.id.as_str(), &f.locked)?;
        ws.write_string_with_format(r, 1, policy.label(), &f.locked)?;
        let mut texts: Vec<(String, f64)> = vec![(policy.label(), 16.0)];
        match kind {
            SheetKind::Indicators => {
                let Some(ind) = policy.indicators.iter().find(|i| i.id == a.id) else {
                    continue;
                };
                ws.write_string_with_format(r, 2, ind.kind.label(), &f.locked)?;
                let mut current = ind.name.clone();
                if ind.as_current {
                    current.push_str("（現行通り）");
                }
                ws.write_string_with_format(r, current_col, &current, &f.locked)?;
                texts.push((current, 44.0));
                match ind.verdict {
                    Some(v) => {
                        ws.write_string_with_format(r, status_col, v.label(), &f.answer_center)?
                    }
                    None => ws.write_blank(r, status_col, &f.answer_center)?,
                };
                for (i, field) in kind.fields().iter().enumerate() {
                    let text = field.indicator_text(ind);
                    answer_cell(ws, r, status_col + 1 + i as u16, &text, f)?;
                    texts.push((text, field.width()));
                }
            }
            SheetKind::Block(block) => {
                let Some(row) = policy.block(block).iter().find(|x| x.id == a.id) else {
                    continue;
                };
                let current = current_text(row, block);
                ws.write_string_with_format(r, current_col, &current, &f.locked)?;
                texts.push((current, 44.0));
                if block.carries_status() {
                    match row.status {
                        Some(s) => {
                            ws.write_string_with_format(r, status_col, s.label(), &f.answer_center)?
                        }
                        None => ws.write_blank(r, status_col, &f.answer_center)?,
                    };
                } else {
                    ws.write_blank(r, status_col, &f.grey)?;
                }
                for (i, field) in kind.fields().iter().enumerate() {
                    let text = row
                        .revised
                        .as_ref()
                        .map(|s| field.cell_text(s))
                        .unwrap_or_default();
                    answer_cell(ws, r, status_col + 1 + i as u16, &text, f)?;
                    texts.push((text, field.width()));
                }
            }
        }
        ws.write_blank(r, opinion_col, &f.answer)?;
        let shared = a.shared_with.join("\n");
        ws.write_string_with_format(r, shared_col, &shared, &f.locked)?;
        texts.push((shared, 12.0));
        let height = texts
            .iter()
            .map(|(t, w)| row_height(t, *w))
            .fold(0.0, f64::max);
        ws.set_row_height(r, height)?;
        r += 1;
    }
    let last_data = r.saturating_sub(1).max(HEADER_ROW + 1);
    // Open rows for rows the department adds: 施策大項目, status, answers and opinion.
    for _ in 0..EXTRA_ROWS {
        ws.write_blank(r, 0, &f.locked)?;
        ws.write_blank(r, 1, &f.answer)?;
        for c in 2..status_col {
            ws.write_blank(r, c, &f.grey)?;
        }
        for c in status_col..=opinion_col {
            ws.write_blank(r, c, &f.answer)?;
        }
        ws.write_blank(r, shared_col, &f.grey)?;
        r += 1;
    }
    let last = r - 1;
    let choices = kind.status_choices();
    let dv = DataValidation::new()
        .allow_list_strings(&choices)?
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_title(STATUS_HEADER)?
        .set_error_message(format!("{}から選んでください。", choices.join("・")))?;
    if kind.carries_status() {
        ws.add_data_validation(HEADER_ROW + 1, status_col, last, status_col, &dv)?;
    } else {
        ws.add_data_validation(last_data + 1, status_col, last, status_col, &dv)?;
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    page_setup(ws, department, Some(HEADER_ROW))?;
    ws.set_print_area(0, 0, last, shared_col)?;
    ws.protect_with_options(&protection());
    Ok(())
}

fn answer_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    text: &str,
    f: &Formats,
) -> Result<(), XlsxError> {
    if text.is_empty() {
        ws.write_blank(r, c, &f.answer)?;
    } else {
        ws.write_string_with_format(r, c, text, &f.answer)?;
    }
    Ok(())
}

/// The 現行 cell: the side's text as the 新旧対照表 prints it, or （新規）.
fn current_text(row: &Row, block: BlockKind) -> String {
    match &row.current {
        Some(side) => side.text(block),
        None => "（新規）".to_string(),
    }
}

/// The hidden sheet: the marker, the draft's identity, the department, and every row as sent.
fn write_info(
    ws: &mut Worksheet,
    draft: &Draft,
    department: &str,
    opts: &ExportOptions,
    rows: &[Assignment],
) -> Result<(), XlsxError> {
    let m = &draft.meta;
    ws.write_string(0, 0, INFO_MARKER)?;
    ws.write_string(
        0,
        1,
        "このシートは回答の照合に使います。変更しないでください。",
    )?;
    let pairs = [
        (layout::KEY_FORMAT, layout::FORMAT_VERSION.to_string()),
        (layout::KEY_DEPARTMENT, department.to_string()),
        (layout::KEY_DRAFT_ID, m.draft_id.clone()),
        (layout::KEY_PLAN, m.plan_name.clone()),
        (layout::KEY_FIELD_NUMBER, m.field_number.to_string()),
        (layout::KEY_FIELD_NAME, m.field_name.clone()),
        (layout::KEY_VERSION, m.version_label.clone()),
        (layout::KEY_DATE, m.date.clone()),
        (layout::KEY_DUE, opts.due.trim().to_string()),
    ];
    let mut r = 1;
    for (k, v) in pairs {
        ws.write_string(r, 0, k)?;
        // Text, even for digits, so that no office suite turns it into a number.
        ws.write_string(r, 1, v)?;
        r += 1;
    }
    r += 1;
    ws.write_string(r, 0, layout::KEY_SENT)?;
    r += 1;
    for a in rows {
        let Some(sent) = sent_row(draft, a) else {
            continue;
        };
        let json = serde_json::to_string(&sent).expect("a sent row always serializes");
        ws.write_string(r, 0, a.id.as_str())?;
        let chars: Vec<char> = json.chars().collect();
        for (i, chunk) in chars.chunks(layout::SENT_CHUNK).enumerate() {
            ws.write_string(r, 1 + i as u16, chunk.iter().collect::<String>())?;
        }
        r += 1;
    }
    ws.protect_with_options(&protection());
    Ok(())
}

fn sent_row(draft: &Draft, a: &Assignment) -> Option<SentRow> {
    let p: &Policy = draft.policies.get(a.policy)?;
    let content = match a.sheet {
        SheetKind::Indicators => {
            SentContent::Indicator(p.indicators.iter().find(|i| i.id == a.id)?.clone())
        }
        SheetKind::Block(kind) => {
            let row = p.block(kind).iter().find(|r| r.id == a.id)?;
            SentContent::Row {
                status: row.status,
                current: row.current.clone(),
                revised: row.revised.clone(),
            }
        }
    };
    Some(SentRow {
        sheet: a.sheet,
        policy: a.policy,
        content,
    })
}
