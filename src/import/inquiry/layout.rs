//! The layout of a 照会 workbook, shared by the writer ([`super::export`]) and the reader
//! ([`super::read`]): the sheets, their columns and headers, how a field is written into a
//! cell and read back, and the hidden record of what was sent.

use serde::{Deserialize, Serialize};

use crate::model::{BlockKind, ChangeStatus, Indicator, IndicatorVerdict, Side};

/// A1 of the hidden sheet that says what the workbook is; the reader finds that sheet by it.
pub const INFO_MARKER: &str = "shinkyu 庁内照会";
/// The version of the hidden record's layout.
pub const FORMAT_VERSION: u32 = 1;
/// The hidden sheet's name when written (the reader does not rely on it).
pub const INFO_SHEET: &str = "照会情報";
/// The instructions sheet.
pub const GUIDE_SHEET: &str = "説明";

pub const ID_HEADER: &str = "行ID";
pub const STATUS_HEADER: &str = "変更区分";
pub const POLICY_HEADER: &str = "施策大項目";
pub const KIND_HEADER: &str = "種別";
pub const CURRENT_HEADER: &str = "現行";
pub const OPINION_HEADER: &str = "意見・変更理由";
pub const SHARED_HEADER: &str = "ほかの回答課";

/// Row (0-based) of the table header of an answer sheet as written. The reader looks for the
/// header in the first [`HEADER_SEARCH_ROWS`] rows instead, since departments insert rows.
pub const HEADER_ROW: u32 = 4;
pub const HEADER_SEARCH_ROWS: u32 = 30;
/// Empty answer rows left open under each table for rows a department adds.
pub const EXTRA_ROWS: u32 = 10;

/// The keys of the hidden sheet (column A), each with its value in column B.
pub const KEY_FORMAT: &str = "形式";
pub const KEY_DEPARTMENT: &str = "回答部署";
pub const KEY_DRAFT_ID: &str = "下書きID";
pub const KEY_PLAN: &str = "計画";
pub const KEY_FIELD_NUMBER: &str = "分野番号";
pub const KEY_FIELD_NAME: &str = "分野名";
pub const KEY_VERSION: &str = "版";
pub const KEY_DATE: &str = "日付";
pub const KEY_DUE: &str = "回答期限";
/// The header of the list of sent rows in the hidden sheet: 行ID, then the row as sent (JSON,
/// split over as many cells as it needs).
pub const KEY_SENT: &str = "送付時の内容";
/// Characters of JSON per cell of the hidden sheet (Excel holds at most 32 767 in a cell).
pub const SENT_CHUNK: usize = 30_000;

/// The answer sheets, in the order they are written: the department's own 施策中項目 first,
/// then the rows it shares with the other departments of its 施策大項目.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SheetKind {
    /// A block of comparison rows.
    Block(BlockKind),
    /// 成果指標/現状 (and, through the opinions, 各課意見).
    Indicators,
}

impl SheetKind {
    pub const ALL: [SheetKind; 7] = [
        SheetKind::Block(BlockKind::Measures),
        SheetKind::Indicators,
        SheetKind::Block(BlockKind::Issues),
        SheetKind::Block(BlockKind::Vision),
        SheetKind::Block(BlockKind::Collaboration),
        SheetKind::Block(BlockKind::RelatedPlans),
        SheetKind::Block(BlockKind::Projects),
    ];

    /// The sheet's name as written, and its name in messages.
    pub fn title(self) -> &'static str {
        match self {
            SheetKind::Block(kind) => kind.label(),
            SheetKind::Indicators => "成果指標・現状",
        }
    }

    /// The answer fields of the sheet, in column order.
    pub fn fields(self) -> &'static [AnswerField] {
        use AnswerField::*;
        match self {
            SheetKind::Block(BlockKind::Measures) => &[Name, Departments, Bullets],
            SheetKind::Block(BlockKind::Issues) => &[Bullets],
            SheetKind::Block(BlockKind::Vision) => &[Vision],
            SheetKind::Block(BlockKind::Collaboration) => &[Summary, Bullets],
            SheetKind::Block(BlockKind::RelatedPlans) => &[Name, Period, Summary],
            SheetKind::Block(BlockKind::Projects) => &[Name, Summary],
            SheetKind::Indicators => &[Name, Change],
        }
    }

    /// Whether the rows carry a 変更区分 (for 成果指標/現状: 問題なし／要変更).
    pub fn carries_status(self) -> bool {
        match self {
            SheetKind::Block(kind) => kind.carries_status(),
            SheetKind::Indicators => true,
        }
    }

    /// The values the 変更区分 drop-down offers.
    pub fn status_choices(self) -> Vec<&'static str> {
        match self {
            SheetKind::Indicators => IndicatorVerdict::ALL.iter().map(|v| v.label()).collect(),
            SheetKind::Block(_) => ChangeStatus::ALL.iter().map(|s| s.label()).collect(),
        }
    }

    /// The sheet kind whose answer headers are exactly `headers` (for a sheet none of whose
    /// rows can be told by its 行ID).
    pub fn from_headers(headers: &[AnswerField]) -> Option<SheetKind> {
        let mut found: Vec<AnswerField> = headers.to_vec();
        found.sort();
        SheetKind::ALL.into_iter().find(|k| {
            let mut own = k.fields().to_vec();
            own.sort();
            own == found
        })
    }
}

/// A revised field a department answers, each in its own column whose header ends in （案）.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum AnswerField {
    /// 施策中項目名, 計画名, 事業名, 指標名.
    Name,
    /// 評価回答部署, one per line.
    Departments,
    /// 期間 of a related plan.
    Period,
    /// 概要 / 事業概要 / a note.
    Summary,
    /// A めざす姿 bullet (the summary of a めざす姿 row).
    Vision,
    /// ● paragraphs, one per line.
    Bullets,
    /// What changes in a 成果指標 (要変更).
    Change,
}

impl AnswerField {
    pub const ALL: [AnswerField; 7] = [
        AnswerField::Name,
        AnswerField::Departments,
        AnswerField::Period,
        AnswerField::Summary,
        AnswerField::Vision,
        AnswerField::Bullets,
        AnswerField::Change,
    ];

    /// The column header: the field's name and （案）.
    pub fn header(self) -> &'static str {
        match self {
            AnswerField::Name => "名称（案）",
            AnswerField::Departments => "評価回答部署（案）",
            AnswerField::Period => "期間（案）",
            AnswerField::Summary => "概要（案）",
            AnswerField::Vision => "めざす姿（案）",
            AnswerField::Bullets => "内容（案）",
            AnswerField::Change => "変更内容（案）",
        }
    }

    /// The field's name in messages and previews.
    pub fn label(self) -> &'static str {
        self.header().trim_end_matches("（案）")
    }

    pub fn from_header(text: &str) -> Option<AnswerField> {
        let t = squeeze(text);
        AnswerField::ALL
            .into_iter()
            .find(|f| squeeze(f.header()) == t)
    }

    /// Column width in Excel's character units.
    pub fn width(self) -> f64 {
        match self {
            AnswerField::Name => 22.0,
            AnswerField::Departments => 14.0,
            AnswerField::Period => 13.0,
            AnswerField::Summary => 36.0,
            AnswerField::Vision => 48.0,
            AnswerField::Bullets => 52.0,
            AnswerField::Change => 32.0,
        }
    }

    /// Whether the field is a list written one item per line.
    pub fn is_list(self) -> bool {
        matches!(self, AnswerField::Departments | AnswerField::Bullets)
    }

    /// The field's text in a cell: lists one item per line, bullets with their ●.
    pub fn cell_text(self, side: &Side) -> String {
        match self {
            AnswerField::Name => side.name.clone(),
            AnswerField::Departments => side.departments.join("\n"),
            AnswerField::Period => side.period.clone(),
            AnswerField::Summary | AnswerField::Vision => side.summary.clone(),
            AnswerField::Bullets => side
                .bullets
                .iter()
                .map(|b| format!("{BULLET}{b}"))
                .collect::<Vec<_>>()
                .join("\n"),
            AnswerField::Change => String::new(),
        }
    }

    /// Writes a cell's text (already [`clean_cell`]ed) into a side.
    pub fn set(self, side: &mut Side, text: &str) {
        match self {
            AnswerField::Name => side.name = text.to_string(),
            AnswerField::Departments => side.departments = split_departments(text),
            AnswerField::Period => side.period = text.to_string(),
            AnswerField::Summary | AnswerField::Vision => side.summary = text.to_string(),
            AnswerField::Bullets => side.bullets = split_bullets(text),
            AnswerField::Change => {}
        }
    }

    /// Whether a cell's text says the same as the side's field, the way staff compare texts:
    /// white space (line breaks, full-width spaces) aside.
    pub fn same_as(self, side: &Side, text: &str) -> bool {
        let mut probe = side.clone();
        self.set(&mut probe, text);
        let of = |s: &Side| squeeze(&self.cell_text(s));
        of(&probe) == of(side)
    }

    /// The indicator's text of the field.
    pub fn indicator_text(self, indicator: &Indicator) -> String {
        match self {
            AnswerField::Name => indicator.name.clone(),
            AnswerField::Change => indicator.change.clone(),
            _ => String::new(),
        }
    }

    pub fn set_indicator(self, indicator: &mut Indicator, text: &str) {
        match self {
            AnswerField::Name => indicator.name = text.to_string(),
            AnswerField::Change => indicator.change = text.to_string(),
            _ => {}
        }
    }
}

/// The mark written before each ● paragraph in a cell.
pub const BULLET: char = '●';
/// Marks a department may start a paragraph with instead.
const BULLET_MARKS: [char; 4] = ['●', '・', '•', '○'];

/// A cell's text as the draft keeps it: line breaks as `\n` (Excel on Windows and some
/// pastes bring `\r\n`), no white space (also full-width) at either end of a line or of the
/// whole, no empty lines at either end.
pub fn clean_cell(text: &str) -> String {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = unified.split('\n').map(str::trim).collect();
    lines.join("\n").trim().to_string()
}

/// Text without any white space, for comparing the way staff compare.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// ● paragraphs from a cell: each line starting with a mark starts a paragraph and the lines
/// after it continue that paragraph; with no marks at all, every line is a paragraph.
pub fn split_bullets(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let marked = |l: &str| l.starts_with(BULLET_MARKS);
    if !lines.iter().any(|l| marked(l)) {
        return lines.into_iter().map(str::to_string).collect();
    }
    let mut out: Vec<String> = Vec::new();
    for l in lines {
        if marked(l) || out.is_empty() {
            let body = l.trim_start_matches(BULLET_MARKS).trim();
            out.push(body.to_string());
        } else if let Some(last) = out.last_mut() {
            last.push('\n');
            last.push_str(l);
        }
    }
    out
}

/// 評価回答部署 from a cell: one per line (「、」 and 「,」 separate too).
pub fn split_departments(text: &str) -> Vec<String> {
    text.split(['\n', '、', ',', '，'])
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(str::to_string)
        .collect()
}

/// What a row looked like when its workbook was made: kept, hidden, in the workbook, so that
/// the import can tell a department's change from one 企画課 made to the draft since.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentRow {
    pub sheet: SheetKind,
    /// Index of the 施策大項目 in the draft when sent.
    pub policy: usize,
    pub content: SentContent,
}

/// The content of a [`SentRow`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SentContent {
    Row {
        status: Option<ChangeStatus>,
        current: Option<Side>,
        revised: Option<Side>,
    },
    Indicator(Indicator),
}

/// `A1`-style name of a cell (0-based row and column).
pub fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", column_name(col), row + 1)
}

/// `A`, `B`, … `Z`, `AA` … of a 0-based column.
pub fn column_name(col: u32) -> String {
    let mut n = col + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        s.push((b'A' + r) as char);
        n = (n - 1) / 26;
    }
    s.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_cleaned_of_crlf_and_edge_spaces() {
        assert_eq!(clean_cell("　●一\r\n●二　\r\n\r\n"), "●一\n●二");
        assert_eq!(clean_cell("a\rb"), "a\nb");
        // Full-width spaces inside a line stay.
        assert_eq!(clean_cell("本庄市　計画"), "本庄市　計画");
    }

    #[test]
    fn bullets_split_by_mark_or_by_line() {
        assert_eq!(split_bullets("●一\n●二"), vec!["一", "二"]);
        assert_eq!(split_bullets("一\n\n二"), vec!["一", "二"]);
        assert_eq!(split_bullets("●一\n続き\n・二"), vec!["一\n続き", "二"]);
        assert!(split_bullets("").is_empty());
        let side = Side::with_bullets(&["一", "二"]);
        assert_eq!(
            split_bullets(&AnswerField::Bullets.cell_text(&side)),
            side.bullets
        );
    }

    #[test]
    fn departments_split_by_line_or_comma() {
        assert_eq!(
            split_departments("企画課\n財政課"),
            vec!["企画課", "財政課"]
        );
        assert_eq!(
            split_departments("企画課、 財政課"),
            vec!["企画課", "財政課"]
        );
    }

    #[test]
    fn headers_name_one_field_each_and_sheets_by_their_fields() {
        for f in AnswerField::ALL {
            assert!(f.header().ends_with("（案）"));
            assert_eq!(AnswerField::from_header(f.header()), Some(f));
        }
        assert_eq!(
            AnswerField::from_header(" 内容 （案）"),
            Some(AnswerField::Bullets)
        );
        for k in SheetKind::ALL {
            assert_eq!(SheetKind::from_headers(k.fields()), Some(k));
        }
    }

    #[test]
    fn column_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
    }
}
