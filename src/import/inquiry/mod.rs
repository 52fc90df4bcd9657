//! 庁内照会: each 評価回答部署 gets an Excel workbook of the rows it answers; its answers come
//! back into the draft as commands, shown first. No GUI here: the command line
//! (`shinkyu inquiry export|import`) and the editor's dialogs use the same functions.
//!
//! # Out: the workbooks
//! [`departments`] lists a draft's 評価回答部署; [`export_workbooks`] makes one workbook per
//! department (or [`export_workbook`] one), each with a file name from
//! [`workbook_file_name`] (`照会_行政管理課.xlsx`). What a department answers is
//! [`assignments`]: its 施策中項目, and for every 施策大項目 it takes part in, that
//! 施策大項目's shared rows, each with the other departments that answer it too. The layout
//! (sheets, columns, the hidden record of what was sent) is in [`layout`].
//!
//! # Back: the answers
//! 1. [`read_answer`] reads one workbook's bytes into an [`AnswerWorkbook`] (or a [`Problem`]
//!    saying why it cannot: not an xlsx, an old .xls, encrypted, not a 照会 workbook, too
//!    large). It never needs the draft; problems inside the workbook (a status outside the
//!    four, a merged cell, a formula without a value, a row pasted from elsewhere) are kept in
//!    [`AnswerWorkbook::problems`], each naming file, sheet and cell.
//! 2. [`plan_import`] matches the read workbooks against the draft by 行ID and returns an
//!    [`ImportPlan`]: per department and row a [`RowAnswer`] (the fields as the draft has them
//!    and as answered, the new status, the opinion, the commands that apply it), the
//!    [`Conflict`]s (two departments answering a shared row differently; a row 企画課 changed
//!    since the workbook was made) with every answer in them, and the problems. Nothing is
//!    dropped: what cannot be applied is a conflict or a problem, shown with its words.
//! 3. [`ImportPlan::command`] turns the answers the user accepted into one
//!    [`crate::edit::Command::Batch`] — one undo step in the editor, and what the command
//!    line applies with [`crate::edit::apply_to_draft`]. Opinions go into the row's memo as
//!    「行政管理課：…」 (for 成果指標: into the 施策大項目's 各課意見) with
//!    [`crate::edit::Command::AddMemoLine`], which writes a line once however often the same
//!    workbook is imported; answers set the row with [`crate::edit::Command::SetRevised`] and
//!    rows a department added come in with [`crate::edit::Command::InsertRow`].
//!
//! For the editor's preview: [`RowAnswer::changes`] holds each changed field's text before
//! and after (underline them with [`crate::diff::diff_text`]); a conflict's
//! [`Conflict::answers`] can each be accepted instead of the draft's row (pass the chosen
//! one to [`ImportPlan::command`]'s filter, or use [`RowAnswer::commands`] directly).

mod added;
mod export;
pub mod layout;
mod matching;
mod read;

use serde::Serialize;

use crate::model::{BlockKind, Draft, RowId};
pub use export::{ExportOptions, InquiryWorkbook, export_workbook, export_workbooks};
use layout::SheetKind;
pub use matching::{
    Conflict, ConflictKind, FieldChange, ImportPlan, ImportSummary, RowAnswer, WorkbookSummary,
    plan_import,
};
pub use read::{AddedRow, AnswerRow, AnswerWorkbook, FieldAnswer, MAX_WORKBOOK_BYTES, read_answer};

/// Something in a workbook that could not be taken, or a note about what was taken, in
/// Japanese, naming where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The workbook's file name.
    pub file: String,
    /// The sheet's name as the workbook has it now.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub sheet: String,
    /// `E12`, `E12:E13` …
    #[serde(skip_serializing_if = "String::is_empty")]
    pub cell: String,
    pub message: String,
}

impl Problem {
    pub fn new(file: &str, message: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            sheet: String::new(),
            cell: String::new(),
            message: message.into(),
        }
    }

    pub fn at(file: &str, sheet: &str, cell: &str, message: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            sheet: sheet.to_string(),
            cell: cell.to_string(),
            message: message.into(),
        }
    }

    /// `照会_行政管理課.xlsx シート「施策中項目」セル E7: …`
    pub fn describe(&self) -> String {
        let mut s = self.file.clone();
        if !self.sheet.is_empty() {
            s.push_str(&format!(" シート「{}」", self.sheet));
        }
        if !self.cell.is_empty() {
            s.push_str(&format!(" セル {}", self.cell));
        }
        format!("{s}: {}", self.message)
    }
}

/// Every 評価回答部署 named in the draft's 施策中項目 (either side), in order of first appearance.
pub fn departments(draft: &Draft) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in &draft.policies {
        for row in &p.measures {
            for d in row.departments() {
                let d = d.trim();
                if !d.is_empty() && !out.iter().any(|o| o == d) {
                    out.push(d.to_string());
                }
            }
        }
    }
    out
}

/// The workbook's file name for a department: `照会_行政管理課.xlsx`, safe on Windows.
pub fn workbook_file_name(department: &str) -> String {
    format!(
        "{}.xlsx",
        crate::io::safe_file_stem(&format!("照会_{department}"))
    )
}

/// One row a department is asked about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    pub sheet: SheetKind,
    pub policy: usize,
    /// The row's (or the 成果指標's) id.
    pub id: RowId,
    /// The other departments asked about the same row.
    pub shared_with: Vec<String>,
}

/// What `department` answers, sheet by sheet in [`SheetKind::ALL`] order, 施策大項目 by
/// 施策大項目 within a sheet: the 施策中項目 that name it, and for every 施策大項目 where it
/// answers a 施策中項目, that 施策大項目's 成果指標/現状, 現況と課題, めざす姿, 協働による取組,
/// 関連計画 and 主な事業 (shared with the 施策大項目's other departments).
pub fn assignments(draft: &Draft, department: &str) -> Vec<Assignment> {
    let department = department.trim();
    let others = |names: Vec<&str>| -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for n in names {
            let n = n.trim();
            if n != department && !n.is_empty() && !v.iter().any(|x| x == n) {
                v.push(n.to_string());
            }
        }
        v
    };
    let mut out = Vec::new();
    for sheet in SheetKind::ALL {
        for (pi, p) in draft.policies.iter().enumerate() {
            let policy_departments: Vec<&str> =
                p.measures.iter().flat_map(|r| r.departments()).collect();
            if !policy_departments.iter().any(|d| d.trim() == department) {
                continue;
            }
            let shared = others(policy_departments.clone());
            match sheet {
                SheetKind::Block(BlockKind::Measures) => {
                    for r in &p.measures {
                        if r.departments().any(|d| d.trim() == department) {
                            out.push(Assignment {
                                sheet,
                                policy: pi,
                                id: r.id.clone(),
                                shared_with: others(r.departments().collect()),
                            });
                        }
                    }
                }
                SheetKind::Indicators => {
                    for ind in &p.indicators {
                        out.push(Assignment {
                            sheet,
                            policy: pi,
                            id: ind.id.clone(),
                            shared_with: shared.clone(),
                        });
                    }
                }
                SheetKind::Block(kind) => {
                    for r in p.block(kind) {
                        out.push(Assignment {
                            sheet,
                            policy: pi,
                            id: r.id.clone(),
                            shared_with: shared.clone(),
                        });
                    }
                }
            }
        }
    }
    out
}
