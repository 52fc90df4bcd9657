//! Reading a department's answered workbook, whichever office suite saved it last.
//!
//! Sheets are found by what they hold, never by name or position: the hidden record by its
//! marker in A1, answer sheets by a header row holding `行ID` and `変更区分` (columns by their
//! headers). Cells are streamed (calamine's cell reader), only the first [`MAX_COLUMNS`]
//! columns are kept and the workbook's unpacked size is checked first, so a large or hostile
//! workbook costs bounded time and memory.

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;

use calamine::{DataRef, Reader, SheetVisible, Xlsx};

use super::Problem;
use super::layout::{
    self, AnswerField, HEADER_SEARCH_ROWS, ID_HEADER, INFO_MARKER, OPINION_HEADER, POLICY_HEADER,
    STATUS_HEADER, SentRow, SheetKind, cell_name, clean_cell,
};
use crate::model::{Draft, Meta, RowId};

/// Largest workbook file read (a department's workbook with pictures pasted in stays far below).
pub const MAX_WORKBOOK_BYTES: u64 = 64 * 1024 * 1024;
/// Largest total of the workbook's XML parts once unpacked.
const MAX_UNPACKED_XML: u64 = 400 * 1024 * 1024;
/// Columns read per sheet: an answer sheet has about ten.
pub const MAX_COLUMNS: u32 = 64;
/// Non-empty cells kept per sheet.
const MAX_CELLS: usize = 400_000;

/// A workbook as read: who answered, for which draft, what was sent and what came back.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnswerWorkbook {
    /// The file's name, for messages.
    pub file: String,
    /// The department the workbook was made for.
    pub department: String,
    /// The draft the workbook was made from (identity and names only).
    pub origin: Meta,
    /// 回答期限 as written into the workbook.
    pub due: String,
    /// What each row looked like when the workbook was made, by 行ID.
    pub sent: BTreeMap<RowId, SentRow>,
    /// The rows answered, in sheet order.
    pub rows: Vec<AnswerRow>,
    /// Rows the department added under a table.
    pub added: Vec<AddedRow>,
    /// What could not be read; those rows are not in `rows`.
    pub problems: Vec<Problem>,
    /// What was read but is worth knowing (a formula's value taken, …).
    pub notes: Vec<Problem>,
}

impl AnswerWorkbook {
    /// The draft the workbook was made from, as far as [`Draft::same_draft`] and
    /// [`Draft::display_name`] need it.
    pub fn origin_draft(&self) -> Draft {
        Draft {
            meta: self.origin.clone(),
            ..Draft::default()
        }
    }
}

/// One answer cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldAnswer {
    pub field: AnswerField,
    /// The cell's text, cleaned ([`layout::clean_cell`]).
    pub text: String,
    pub cell: String,
}

/// One row of an answer sheet that carries a 行ID sent in this workbook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerRow {
    pub id: RowId,
    pub sheet: String,
    pub kind: SheetKind,
    /// 0-based row in the sheet.
    pub line: u32,
    /// The 変更区分 cell's text and name.
    pub status: String,
    pub status_cell: String,
    pub fields: Vec<FieldAnswer>,
    pub opinion: String,
    pub opinion_cell: String,
}

impl AnswerRow {
    /// `E7` style name of the row's 変更区分 cell, or the row's first cell.
    pub fn cell(&self) -> &str {
        &self.status_cell
    }
}

/// A row a department added under a table (no 行ID).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddedRow {
    pub sheet: String,
    pub kind: Option<SheetKind>,
    pub line: u32,
    /// What the department wrote in the 施策大項目 cell.
    pub policy: String,
    pub status: String,
    pub fields: Vec<FieldAnswer>,
    pub opinion: String,
    /// The row's first answer cell, for messages.
    pub cell: String,
}

#[derive(Clone, Debug, Default)]
struct CellValue {
    text: String,
    formula: Option<String>,
}

struct SheetCells {
    name: String,
    cells: BTreeMap<(u32, u32), CellValue>,
    merges: Vec<calamine::Dimensions>,
}

impl SheetCells {
    fn text(&self, row: u32, col: u32) -> &str {
        self.cells.get(&(row, col)).map_or("", |c| c.text.as_str())
    }
}

/// Reads an answered workbook. `file` names it in messages. An error means nothing in it could
/// be read (and says why, in Japanese); problems with single rows are in the result.
pub fn read_answer(file: &str, bytes: &[u8]) -> Result<AnswerWorkbook, Problem> {
    let refuse = |msg: String| Problem::new(file, msg);
    if bytes.len() as u64 > MAX_WORKBOOK_BYTES {
        return Err(refuse(format!(
            "ファイルが大きすぎます（{:.1} MB。{} MB まで読み込めます）。貼り付けた画像などを取り除いて保存し直してください。",
            bytes.len() as f64 / 1_048_576.0,
            MAX_WORKBOOK_BYTES / 1_048_576
        )));
    }
    sniff(bytes).map_err(refuse)?;
    check_unpacked_size(bytes).map_err(refuse)?;
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        refuse(format!(
            "Excel ブックとして読み込めませんでした（ファイルが壊れている可能性があります）: {e}"
        ))
    })?;
    let metas: Vec<(String, SheetVisible)> = wb
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible))
        .collect();
    let mut sheets = Vec::new();
    let mut out = AnswerWorkbook {
        file: file.to_string(),
        ..AnswerWorkbook::default()
    };
    for (name, _) in &metas {
        match load_sheet(&mut wb, name) {
            Ok(s) => sheets.push(s),
            Err(msg) => out.problems.push(Problem::at(file, name, "", msg)),
        }
    }

    let infos: Vec<&SheetCells> = sheets
        .iter()
        .filter(|s| s.text(0, 0).trim() == INFO_MARKER)
        .collect();
    let Some(info) = infos.first() else {
        return Err(refuse(
            "照会様式の情報（非表示のシート）が見つかりません。shinkyu の「照会様式を出力」で作ったブックに回答してください（シートを別のブックに写した場合は、元のブックに戻してください）。"
                .into(),
        ));
    };
    read_info(info, &mut out)?;
    if let Some(other) = infos.iter().skip(1).find(|s| {
        let mut probe = AnswerWorkbook::default();
        read_info(s, &mut probe).is_err() || probe.department != out.department
    }) {
        return Err(refuse(format!(
            "照会様式の情報のシートが複数あります（「{}」と「{}」）。別の課のブックからシートを写していないか確かめてください。",
            info.name, other.name
        )));
    }

    for sheet in sheets.iter().filter(|s| s.text(0, 0).trim() != INFO_MARKER) {
        read_answer_sheet(sheet, &mut out);
    }
    Ok(out)
}

/// Tells an xlsx from what departments send instead.
fn sniff(bytes: &[u8]) -> Result<(), String> {
    const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(&OLE) {
        let has = |name: &str| {
            let pattern: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
            bytes
                .windows(pattern.len())
                .any(|w| w == pattern.as_slice())
        };
        if has("EncryptedPackage") || has("EncryptionInfo") {
            return Err("パスワードで保護（暗号化）されたブックのため読み込めません。Excel でパスワードを解除して（ファイル › 情報 › ブックの保護 › パスワードを使用して暗号化 で空欄に）保存し直したものを取り込んでください。".into());
        }
        if has("Workbook") || has("Book") {
            return Err("古い形式の Excel ブック（.xls）です。Excel で開き「名前を付けて保存」で「Excel ブック（*.xlsx）」を選んで保存し直したものを取り込んでください。".into());
        }
        return Err(
            "Excel ブック（.xlsx）ではありません（Word 文書などの別の形式のファイルです）。".into(),
        );
    }
    if !bytes.starts_with(b"PK\x03\x04") && !bytes.starts_with(b"PK\x05\x06") {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_lowercase();
        let what = if head.contains("<html") || head.contains("<table") {
            "HTML のファイルです"
        } else if head.contains(',') || head.contains('\t') {
            "CSV などのテキストファイルのようです"
        } else {
            "Excel ブックとして読めない形式です"
        };
        return Err(format!(
            "Excel ブック（.xlsx）ではありません（{what}）。照会様式のブックに回答し、Excel ブック（*.xlsx）のまま保存してください。"
        ));
    }
    Ok(())
}

/// Refuses a zip whose XML parts unpack to more than [`MAX_UNPACKED_XML`] (or that is no
/// workbook at all) before the reader inflates anything.
fn check_unpacked_size(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        format!(
            "Excel ブックとして読み込めませんでした（ファイルが壊れている可能性があります）: {e}"
        )
    })?;
    let mut total: u64 = 0;
    let mut has_workbook = false;
    let mut has_document = false;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else {
            continue;
        };
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        has_workbook |= name == "xl/workbook.xml" || name == "xl/workbook.bin";
        has_document |= name.starts_with("word/") || name.starts_with("ppt/");
        if name.ends_with(".xml") || name.ends_with(".rels") {
            total = total.saturating_add(entry.size());
        }
    }
    if !has_workbook {
        return Err(if has_document {
            "Excel ブック（.xlsx）ではありません（Word 文書または PowerPoint のファイルです）。"
                .into()
        } else {
            "Excel ブック（.xlsx）ではありません。".into()
        });
    }
    if total > MAX_UNPACKED_XML {
        return Err(format!(
            "ブックの中身が大きすぎます（展開すると {} MB）。照会様式にない大量のデータが入っていないか確かめてください。",
            total / 1_048_576
        ));
    }
    Ok(())
}

fn load_sheet(wb: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<SheetCells, String> {
    let merges = wb.merge_cells_by_sheet_name(name).unwrap_or_default();
    let mut cells = BTreeMap::new();
    let mut reader = wb
        .worksheet_cells_reader(name)
        .map_err(|e| format!("シートを読み込めませんでした: {e}"))?;
    loop {
        let cell = match reader.next_cell_with_formula() {
            Ok(Some(c)) => c,
            Ok(None) => break,
            Err(e) => return Err(format!("シートを読み込めませんでした: {e}")),
        };
        let (row, col) = cell.pos;
        if col >= MAX_COLUMNS {
            continue;
        }
        let text = cell_text(&cell.value);
        let formula = cell.formula.filter(|f| !f.is_empty());
        if text.is_empty() && formula.is_none() {
            continue;
        }
        if cells.len() >= MAX_CELLS {
            return Err(format!(
                "シートに記入されたセルが多すぎます（{MAX_CELLS} 個を超えています）。照会様式にないデータを取り除いてください。"
            ));
        }
        cells.insert((row, col), CellValue { text, formula });
    }
    Ok(SheetCells {
        name: name.to_string(),
        cells,
        merges,
    })
}

fn cell_text(v: &DataRef<'_>) -> String {
    match v {
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(d) => d.to_string(),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => format!("#{e:?}"),
        DataRef::Empty => String::new(),
    }
}

fn read_info(info: &SheetCells, out: &mut AnswerWorkbook) -> Result<(), Problem> {
    let file = out.file.clone();
    let refuse = |msg: &str| Problem::at(&file, &info.name, "", msg.to_string());
    let mut values: HashMap<String, String> = HashMap::new();
    let mut sent_from = None;
    let last_row = info.cells.keys().map(|k| k.0).max().unwrap_or(0);
    for r in 1..=last_row {
        let key = info.text(r, 0).trim();
        if key == layout::KEY_SENT {
            sent_from = Some(r + 1);
            break;
        }
        if !key.is_empty() {
            values.insert(key.to_string(), info.text(r, 1).trim().to_string());
        }
    }
    let get = |k: &str| values.get(k).cloned().unwrap_or_default();
    let version: u32 = get(layout::KEY_FORMAT).parse().unwrap_or(0);
    if version == 0 || version > layout::FORMAT_VERSION {
        return Err(refuse(
            "照会様式の情報の形式が読み取れません（このブックは新しい版の shinkyu で作られたか、非表示のシートが書き換えられています）。",
        ));
    }
    out.department = get(layout::KEY_DEPARTMENT);
    if out.department.is_empty() {
        return Err(refuse("照会様式の情報に回答部署の名前がありません。"));
    }
    out.origin = Meta {
        draft_id: get(layout::KEY_DRAFT_ID),
        plan_name: get(layout::KEY_PLAN),
        field_number: get(layout::KEY_FIELD_NUMBER).parse().unwrap_or(0),
        field_name: get(layout::KEY_FIELD_NAME),
        version_label: get(layout::KEY_VERSION),
        date: get(layout::KEY_DATE),
        ..Meta::default()
    };
    out.due = get(layout::KEY_DUE);
    let Some(from) = sent_from else {
        return Ok(());
    };
    for r in from..=last_row {
        let id = info.text(r, 0).trim();
        if id.is_empty() {
            continue;
        }
        let json: String = (1..MAX_COLUMNS)
            .map(|c| info.text(r, c))
            .take_while(|t| !t.is_empty())
            .collect();
        match serde_json::from_str::<SentRow>(&json) {
            Ok(sent) => {
                out.sent.insert(RowId::new(id), sent);
            }
            Err(_) => out.notes.push(Problem::at(
                &file,
                &info.name,
                &cell_name(r, 1),
                format!("行ID「{id}」の送付時の内容が読み取れません。この行は、照会後に企画課が下書きを変えたかどうかを確かめずに取り込みます。"),
            )),
        }
    }
    Ok(())
}

/// The columns of an answer sheet, by header.
#[derive(Default)]
struct Columns {
    header_row: u32,
    id: u32,
    status: u32,
    policy: Option<u32>,
    opinion: Option<u32>,
    fields: Vec<(AnswerField, u32)>,
}

impl Columns {
    fn answer_columns(&self) -> Vec<u32> {
        let mut v = vec![self.id, self.status];
        v.extend(self.policy);
        v.extend(self.opinion);
        v.extend(self.fields.iter().map(|f| f.1));
        v
    }
}

fn find_columns(sheet: &SheetCells) -> Option<Columns> {
    let is = |t: &str, h: &str| layout::squeeze(t) == h;
    for r in 0..HEADER_SEARCH_ROWS {
        let row: Vec<(u32, &str)> = sheet
            .cells
            .range((r, 0)..(r, MAX_COLUMNS))
            .map(|((_, c), v)| (*c, v.text.as_str()))
            .collect();
        let find = |h: &str| row.iter().find(|(_, t)| is(t, h)).map(|(c, _)| *c);
        let (Some(id), Some(status)) = (find(ID_HEADER), find(STATUS_HEADER)) else {
            continue;
        };
        return Some(Columns {
            header_row: r,
            id,
            status,
            policy: find(POLICY_HEADER),
            opinion: find(OPINION_HEADER),
            fields: row
                .iter()
                .filter_map(|(c, t)| AnswerField::from_header(t).map(|f| (f, *c)))
                .collect(),
        });
    }
    None
}

fn read_answer_sheet(sheet: &SheetCells, out: &mut AnswerWorkbook) {
    let Some(cols) = find_columns(sheet) else {
        return;
    };
    let file = out.file.clone();
    let problem = |cell: &str, msg: String| Problem::at(&file, &sheet.name, cell, msg);
    let answer_cols = cols.answer_columns();
    // A merge over the 施策大項目 column alone (to show a 施策大項目 once) loses no answer.
    let merge_cols: Vec<u32> = answer_cols
        .iter()
        .copied()
        .filter(|c| Some(*c) != cols.policy)
        .collect();
    let kind = SheetKind::from_headers(&cols.fields.iter().map(|f| f.0).collect::<Vec<_>>())
        .or_else(|| majority_kind(sheet, &cols, out));

    // Rows a merged cell spans are not read: which row its text belongs to cannot be told.
    let mut merged_rows: HashMap<u32, String> = HashMap::new();
    for m in &sheet.merges {
        if m.start == m.end || m.end.0 <= cols.header_row {
            continue;
        }
        if !merge_cols.iter().any(|c| (m.start.1..=m.end.1).contains(c)) {
            continue;
        }
        let range = format!(
            "{}:{}",
            cell_name(m.start.0, m.start.1),
            cell_name(m.end.0, m.end.1)
        );
        out.problems.push(problem(
            &range,
            "セルが結合されています。結合を解除し、行ごと・欄ごとに記入し直してください（この範囲の行は取り込みません）。".into(),
        ));
        for r in m.start.0.max(cols.header_row + 1)..=m.end.0 {
            merged_rows.insert(r, range.clone());
        }
    }

    let last_row = sheet.cells.keys().map(|k| k.0).max().unwrap_or(0);
    let last_id_row = (cols.header_row + 1..=last_row)
        .rev()
        .find(|r| !clean_cell(sheet.text(*r, cols.id)).is_empty());
    let mut seen: HashMap<RowId, String> = HashMap::new();
    let mut duplicates: Vec<RowId> = Vec::new();
    let mut rows = Vec::new();
    for r in cols.header_row + 1..=last_row {
        let text = |c: u32| clean_cell(sheet.text(r, c));
        let id = text(cols.id);
        let fields: Vec<FieldAnswer> = cols
            .fields
            .iter()
            .map(|(f, c)| FieldAnswer {
                field: *f,
                text: text(*c),
                cell: cell_name(r, *c),
            })
            .collect();
        let status = text(cols.status);
        let opinion = cols.opinion.map(text).unwrap_or_default();
        let policy = cols.policy.map(text).unwrap_or_default();
        let blank = id.is_empty()
            && status.is_empty()
            && opinion.is_empty()
            && fields.iter().all(|f| f.text.is_empty());
        if blank {
            continue;
        }
        if merged_rows.contains_key(&r) {
            continue;
        }
        // Formulas: the value the office suite computed is taken; none means nothing to take.
        let mut unreadable = false;
        for c in &answer_cols {
            let Some(v) = sheet.cells.get(&(r, *c)) else {
                continue;
            };
            let Some(formula) = &v.formula else {
                continue;
            };
            let at = cell_name(r, *c);
            if v.text.trim().is_empty() || v.text.starts_with('#') {
                out.problems.push(problem(
                    &at,
                    format!("数式（={formula}）で、計算済みの値がありません。値を直接入力してください（この行は取り込みません）。"),
                ));
                unreadable = true;
            } else {
                out.notes.push(problem(
                    &at,
                    format!(
                        "数式（={formula}）です。計算済みの値「{}」を取り込みます。",
                        v.text
                    ),
                ));
            }
        }
        if unreadable {
            continue;
        }
        let first_cell = cell_name(r, cols.status);
        if id.is_empty() {
            if last_id_row.is_some_and(|l| r < l) {
                out.problems.push(problem(
                    &cell_name(r, cols.id),
                    "行IDがない行です（行を挿入したか、行IDを消したようです）。行を加えるときは表の下の空いた行に記入してください（この行は取り込みません）。".into(),
                ));
                continue;
            }
            out.added.push(AddedRow {
                sheet: sheet.name.clone(),
                kind,
                line: r,
                policy,
                status,
                fields,
                opinion,
                cell: first_cell,
            });
            continue;
        }
        let row_id = RowId::new(id.clone());
        let Some(sent) = out.sent.get(&row_id) else {
            out.problems.push(problem(
                &cell_name(r, cols.id),
                format!("行ID「{id}」はこのブックで照会した行ではありません（別のブックから貼り付けた行のようです。この行は取り込みません）。"),
            ));
            continue;
        };
        if let Some(k) = kind.filter(|k| *k != sent.sheet) {
            out.problems.push(problem(
                &cell_name(r, cols.id),
                format!(
                    "行ID「{id}」は「{}」の行ですが、「{}」の表に貼り付けられています（この行は取り込みません）。",
                    sent.sheet.title(),
                    k.title()
                ),
            ));
            continue;
        }
        if let Some(first) = seen.get(&row_id) {
            out.problems.push(problem(
                &cell_name(r, cols.id),
                format!("行ID「{id}」の行が {first} にもあります（行を写したようです。どちらも取り込みません）。"),
            ));
            duplicates.push(row_id);
            continue;
        }
        seen.insert(row_id.clone(), cell_name(r, cols.id));
        rows.push(AnswerRow {
            id: row_id,
            sheet: sheet.name.clone(),
            kind: sent.sheet,
            line: r,
            status,
            status_cell: first_cell,
            fields,
            opinion,
            opinion_cell: cols.opinion.map(|c| cell_name(r, c)).unwrap_or_default(),
        });
    }
    rows.retain(|r| !duplicates.contains(&r.id));
    out.rows.extend(rows);
}

/// The kind most of a sheet's known rows belong to (when its headers were changed).
fn majority_kind(sheet: &SheetCells, cols: &Columns, out: &AnswerWorkbook) -> Option<SheetKind> {
    let mut counts: HashMap<SheetKind, usize> = HashMap::new();
    for ((r, c), v) in &sheet.cells {
        if *c == cols.id
            && *r > cols.header_row
            && let Some(s) = out.sent.get(&RowId::new(v.text.trim()))
        {
            *counts.entry(s.sheet).or_default() += 1;
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(k, _)| k)
}
