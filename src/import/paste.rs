//! 貼り付けて取り込む: text copied from Word, Excel or a PDF of the plan in force, split into the
//! rows of one block — shown first, applied as one undo step.
//!
//! Two steps, both without a GUI:
//! 1. [`parse`] reads the text for a block and returns a [`Preview`]: every pasted line with
//!    what became of it (which row and field, joined to the line before, or skipped as a
//!    heading or page number — shown, never dropped silently), and the rows read.
//! 2. [`Preview::plan`] fits those rows into a 施策大項目 of the draft for the chosen
//!    [`Destination`] — the 現行 side (rows 変更なし with 改定案 = 現行, the usual start of a
//!    revision) or the 改定案 side (rows 新規) — and returns the rows as they will be and the
//!    one [`Command::Batch`] that adds them, for [`crate::edit::Document::apply`].
//!
//! What is recognised is listed in `docs/import.md`. Text that fits no pattern of its block
//! becomes one row with every line a bullet ([`Preview::recognised`] is false). A paste above
//! [`MAX_LINES`] lines or [`MAX_BYTES`] bytes is refused with a message; below that, parsing is
//! linear (see `benches/paste.rs`), and the GUI runs it on a worker thread.
//!
//! ```
//! use shinkyu::edit::synthetic::sample_draft;
//! use shinkyu::import::paste::{parse, Destination};
//! use shinkyu::model::BlockKind;
//!
//! let text = "1 窓口サービスの向上\r\n評価回答部署：市民課\r\n●書かない窓口を導入します。\r\n";
//! let preview = parse(BlockKind::Measures, text).unwrap();
//! assert_eq!(preview.rows[0].side.name, "窓口サービスの向上");
//! let draft = sample_draft();
//! let plan = preview.plan(&draft, 1, Destination::Current).unwrap();
//! assert_eq!(plan.rows.len(), 1); // then: document.apply(plan.command, now)
//! ```

mod read;
mod structured;
mod text;

use std::fmt;

use crate::edit::{Command, next_number};
use crate::model::{BlockKind, ChangeStatus, Draft, PolicyStatus, Row, Side};

pub use text::is_blank_char;

/// The most lines a paste may have.
pub const MAX_LINES: usize = 100_000;
/// The most bytes (UTF-8) a paste may have: 32 MiB.
pub const MAX_BYTES: usize = 32 * 1024 * 1024;

/// Where pasted rows go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Destination {
    /// The plan in force: rows 変更なし with 改定案 = 現行 (in a 削除 施策大項目: rows 削除).
    Current,
    /// The revision: rows 新規 (no 現行).
    Revised,
}

impl Destination {
    pub const ALL: [Destination; 2] = [Destination::Current, Destination::Revised];

    /// The choice as the preview offers it.
    pub fn label(self) -> &'static str {
        match self {
            Destination::Current => "現行計画の内容として（変更なし・改定案は現行と同じ）",
            Destination::Revised => "改定案として（新規の行）",
        }
    }
}

/// Why a paste cannot be read or applied. Nothing is changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PasteError {
    /// Above [`MAX_LINES`] or [`MAX_BYTES`].
    TooLarge { lines: usize, bytes: usize },
    /// Nothing but white space.
    Empty,
    /// The 施策大項目 index does not exist.
    NoSuchPolicy(usize),
    /// A 新規 施策大項目 has no plan in force to paste into.
    NoCurrentInNewPolicy,
    /// A 削除 施策大項目 has no revised side.
    NoRevisedInDeletedPolicy,
}

impl fmt::Display for PasteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PasteError::TooLarge { lines, bytes } => write!(
                f,
                "貼り付けた文字が多すぎるため取り込めません（{lines}行・{}KB。上限は{MAX_LINES}行・{}MB）。いくつかに分けて貼り付けてください。",
                bytes / 1024,
                MAX_BYTES / 1024 / 1024
            ),
            PasteError::Empty => f.write_str(
                "取り込める文字がありません。Word・Excel・PDF などから文章をコピーしてから、もう一度貼り付けてください。",
            ),
            PasteError::NoSuchPolicy(i) => {
                write!(f, "施策大項目（{}番目）が見つかりません。", i + 1)
            }
            PasteError::NoCurrentInNewPolicy => f.write_str(
                "新規の施策大項目には現行計画の内容がありません。改定案として取り込んでください。",
            ),
            PasteError::NoRevisedInDeletedPolicy => f.write_str(
                "削除の施策大項目には改定案がありません。現行計画の内容として取り込むか、先に削除を取り消してください。",
            ),
        }
    }
}

impl std::error::Error for PasteError {}

/// A field of a row as the preview names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PasteField {
    Number,
    Name,
    Departments,
    Period,
    Summary,
    /// The i-th ● bullet (0-based).
    Bullet(usize),
}

impl PasteField {
    /// The field's Japanese name for the preview (`番号`, `●2` …).
    pub fn label(self, block: BlockKind) -> String {
        match self {
            PasteField::Number => "番号".into(),
            PasteField::Name => match block {
                BlockKind::RelatedPlans => "計画名".into(),
                BlockKind::Projects => "事業名".into(),
                _ => "名称".into(),
            },
            PasteField::Departments => "評価回答部署".into(),
            PasteField::Period => "期間".into(),
            PasteField::Summary => match block {
                BlockKind::Vision => "本文".into(),
                BlockKind::Projects => "事業概要".into(),
                _ => "概要".into(),
            },
            PasteField::Bullet(i) => format!("●{}", i + 1),
        }
    }
}

/// What a line (or part of it) became.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LineUse {
    /// Index into [`Preview::rows`].
    pub row: usize,
    pub field: PasteField,
    /// The line continues the text of the line before (a line broken inside a sentence).
    pub joined: bool,
}

/// Why a line was left out of the rows (it stays visible in the preview).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Skip {
    /// A heading or a table's header row (`現況と課題`, `計画名 期間 概要`).
    Heading,
    /// A page number (`- 12 -`).
    PageNumber,
    /// A line repeated on every page of a PDF (its running header or footer).
    PageHeader,
}

impl Skip {
    pub fn label(self) -> &'static str {
        match self {
            Skip::Heading => "見出し",
            Skip::PageNumber => "ページ番号",
            Skip::PageHeader => "ページの見出し",
        }
    }
}

/// One pasted line in the preview.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PreviewLine {
    /// The line as pasted (without its line end).
    pub text: String,
    /// What its text became; several uses for a table row (番号, 名称, 部署 …).
    pub uses: Vec<LineUse>,
    /// Set when the line was left out.
    pub skipped: Option<Skip>,
    /// Bullets, numbers, labels and quotes that the reading consumed (●, `1`, `評価回答部署：`,
    /// `、` between departments, Excel's `"`): shown, not stored.
    pub markers: Vec<String>,
}

/// One row read from the paste.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviewRow {
    /// Its content: the fields its block uses (see [`BlockKind::fields`]).
    pub side: Side,
    /// The line it starts on (index into [`Preview::lines`]).
    pub first_line: usize,
    /// The row holds text that fits no pattern (each line a bullet), or lines that came before
    /// the first row of the block; the preview should say so.
    pub unrecognised: bool,
}

/// What a paste would bring into one block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    pub block: BlockKind,
    pub lines: Vec<PreviewLine>,
    pub rows: Vec<PreviewRow>,
    /// False when the text fits no pattern of the block (one row, every line a bullet).
    pub recognised: bool,
    /// What the reading did, for the user (表として読みました, 改行をつなぎました …).
    pub notes: Vec<String>,
}

/// Reads pasted text for one block. Refuses text above the limits and text that is empty.
pub fn parse(block: BlockKind, text: &str) -> Result<Preview, PasteError> {
    let bytes = text.len();
    if bytes > MAX_BYTES {
        return Err(PasteError::TooLarge {
            lines: text::count_lines(text),
            bytes,
        });
    }
    let lines = text::count_lines(text);
    if lines > MAX_LINES {
        return Err(PasteError::TooLarge { lines, bytes });
    }
    let decoded = text::decode(text);
    if decoded.pieces.is_empty() {
        return Err(PasteError::Empty);
    }
    Ok(read::read(block, decoded))
}

impl Preview {
    /// A one-line summary: `施策中項目 3行（●8項目）を読み取りました。`
    pub fn summary(&self) -> String {
        let bullets: usize = self.rows.iter().map(|r| r.side.bullets.len()).sum();
        let mut s = format!("{} {}行", self.block.label(), self.rows.len());
        if bullets > 0 && !self.block.is_single_row() {
            s.push_str(&format!("（●{bullets}項目）"));
        } else if self.block.is_single_row() {
            s = format!("{} ●{bullets}項目", self.block.label());
        }
        s.push_str("を読み取りました。");
        s
    }

    /// The rows as they will be in the 施策大項目 at `policy`, for `destination`, and the one
    /// command that adds them. Multi-row blocks get new rows (fresh ids) after the existing
    /// ones; 現況と課題 and 協働による取組 get the bullets appended to their one row (nothing
    /// there is replaced). Numbers read from the text are kept when they continue the block;
    /// otherwise the pasted rows are numbered on from the block's next number.
    pub fn plan(
        &self,
        draft: &Draft,
        policy: usize,
        destination: Destination,
    ) -> Result<PastePlan, PasteError> {
        let p = draft
            .policies
            .get(policy)
            .ok_or(PasteError::NoSuchPolicy(policy))?;
        match (p.status, destination) {
            (PolicyStatus::New, Destination::Current) => {
                return Err(PasteError::NoCurrentInNewPolicy);
            }
            (PolicyStatus::Deleted, Destination::Revised) => {
                return Err(PasteError::NoRevisedInDeletedPolicy);
            }
            _ => {}
        }
        let deleted = p.status == PolicyStatus::Deleted;
        let kind = self.block;
        let mut notes = Vec::new();
        if kind.is_single_row() {
            let existing = &p.block(kind)[0];
            let pasted: Vec<String> = self
                .rows
                .iter()
                .flat_map(|r| r.side.bullets.iter().cloned())
                .collect();
            if pasted.is_empty() {
                return Err(PasteError::Empty);
            }
            let mut row = existing.clone();
            let append = |side: &Option<Side>| {
                let mut s = side.clone().unwrap_or_default();
                s.bullets.extend(pasted.iter().cloned());
                s
            };
            match destination {
                Destination::Current => {
                    let follows = row.revised.is_none() || row.revised == row.current;
                    let current = append(&row.current);
                    row.revised = if deleted {
                        None
                    } else if follows {
                        Some(current.clone())
                    } else {
                        Some(append(&row.revised))
                    };
                    row.current = Some(current);
                }
                Destination::Revised => row.revised = Some(append(&row.revised)),
            }
            if existing
                .side(crate::model::SideKind::Current)
                .is_some_and(|s| !s.is_blank())
                || existing
                    .side(crate::model::SideKind::Revised)
                    .is_some_and(|s| !s.is_blank())
            {
                notes.push(format!(
                    "「{}」にある文章はそのまま残し、その後ろに●{}項目を加えます。",
                    kind.label(),
                    pasted.len()
                ));
            }
            let label = format!(
                "貼り付けて取り込む（{}・●{}項目）",
                kind.label(),
                pasted.len()
            );
            return Ok(PastePlan {
                command: Command::Batch {
                    label,
                    commands: vec![Command::ReplaceRow {
                        row: Box::new(row.clone()),
                    }],
                },
                rows: vec![row],
                notes,
            });
        }

        let existing = p.block(kind);
        let mut sides: Vec<Side> = self.rows.iter().map(|r| r.side.clone()).collect();
        if kind.is_numbered() {
            let next = next_number(existing);
            let keep = sides.iter().all(|s| s.number.is_some())
                && sides
                    .iter()
                    .filter_map(|s| s.number)
                    .min()
                    .is_some_and(|n| n >= next);
            if !keep {
                for (k, s) in sides.iter_mut().enumerate() {
                    s.number = Some(next + k as u32);
                }
                if !existing.is_empty() || self.rows.iter().any(|r| r.side.number.is_some()) {
                    notes.push(format!(
                        "番号は{}の続きから振り直します（{}〜{}）。",
                        kind.label(),
                        show_number(kind, next),
                        show_number(kind, next + sides.len() as u32 - 1)
                    ));
                }
            }
        }
        let ids = draft.fresh_ids(kind.id_prefix(), sides.len());
        let rows: Vec<Row> = sides
            .into_iter()
            .zip(ids)
            .map(|(side, id)| match (destination, deleted) {
                (Destination::Current, false) => Row::unchanged(id.0, side),
                (Destination::Current, true) => {
                    Row::new(id.0, Some(ChangeStatus::Deleted), Some(side), None)
                }
                (Destination::Revised, _) => {
                    Row::new(id.0, Some(ChangeStatus::New), None, Some(side))
                }
            })
            .collect();
        if !existing.is_empty() {
            notes.push(format!(
                "{}の今の{}行の後ろに加えます。",
                kind.label(),
                existing.len()
            ));
        }
        let label = format!("貼り付けて取り込む（{}・{}行）", kind.label(), rows.len());
        Ok(PastePlan {
            command: Command::Batch {
                label,
                commands: vec![Command::InsertRows {
                    policy,
                    block: kind,
                    at: existing.len(),
                    rows: rows.clone(),
                }],
            },
            rows,
            notes,
        })
    }
}

fn show_number(kind: BlockKind, n: u32) -> String {
    match kind {
        BlockKind::Projects => crate::model::circled_number(n),
        _ => n.to_string(),
    }
}

/// A paste fitted into a draft: the rows as they will be and the command that adds them.
#[derive(Clone, Debug, PartialEq)]
pub struct PastePlan {
    /// One [`Command::Batch`]: one undo step.
    pub command: Command,
    /// The rows as they will be in the draft (for 現況と課題 / 協働による取組: the one row with
    /// the pasted bullets appended).
    pub rows: Vec<Row>,
    /// What fitting them in does (numbers continued, appended after existing rows).
    pub notes: Vec<String>,
}
