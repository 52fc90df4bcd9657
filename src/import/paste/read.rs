//! Reading the pieces of a paste into the rows of one block: the [`Reader`] and its bookkeeping
//! (what each line became, what it consumed, what was skipped), the bullet blocks (めざす姿,
//! 現況と課題, 協働による取組) and the fallback for text that fits no pattern. The blocks whose
//! rows start with a head (施策中項目, 関連計画, 主な事業) are in `structured.rs`.

use std::collections::{HashMap, HashSet};

use super::text::{
    Decoded, Lead, Piece, ends_sentence, is_heading, is_page_number, join, lead, split_page_prefix,
    trim,
};
use super::{LineUse, PasteField, Preview, PreviewLine, PreviewRow, Skip};
use crate::model::{BlockKind, Side};

/// Reads a decoded paste for `block`.
pub(super) fn read(block: BlockKind, mut dec: Decoded) -> Preview {
    // A page number run into a line's first words: shown as a marker, the words read on.
    for p in dec.pieces.iter_mut().filter(|p| p.cells == 1) {
        if let Some((number, body)) = split_page_prefix(&p.text) {
            dec.consumed.push((p.line, number.to_string()));
            p.text = body.to_string();
        }
    }
    let mut r = Reader::new(block, &dec);
    let recognised = match block {
        BlockKind::Issues | BlockKind::Vision | BlockKind::Collaboration => {
            r.bullets(&dec);
            true
        }
        BlockKind::Measures => r.measures(&dec),
        BlockKind::RelatedPlans => r.plans(&dec),
        BlockKind::Projects => r.projects(&dec),
    };
    if !recognised {
        r = Reader::new(block, &dec);
        r.fallback(&dec);
    }
    r.finish(recognised, dec.tabular)
}

/// Which row and field the last piece wrote to, and how that piece ended.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Flow {
    pub(super) last: Option<(usize, PasteField)>,
    pub(super) chars: usize,
    pub(super) ended: bool,
    /// A bullet stood alone on its line: the next line starts the item.
    pub(super) pending: bool,
}

pub(super) struct Reader {
    pub(super) block: BlockKind,
    pub(super) lines: Vec<PreviewLine>,
    pub(super) rows: Vec<PreviewRow>,
    /// Pieces per physical line, to tell a line that is all heading from a heading cell.
    pub(super) per_line: Vec<usize>,
    /// Lines of more than one piece, all headings: a table's header row.
    pub(super) header_rows: HashSet<usize>,
    pub(super) joined: usize,
    pub(super) skipped: usize,
    pub(super) preamble: Option<usize>,
    pub(super) flow: Flow,
    /// Full lines are at least this wide: a shorter line ends its paragraph.
    pub(super) wrap: usize,
    /// The text marks its items with bullets or numbers: an unmarked line continues one.
    pub(super) marked: bool,
    pub(super) headers: HashSet<String>,
}

impl Reader {
    pub(super) fn new(block: BlockKind, dec: &Decoded) -> Reader {
        let mut lines: Vec<PreviewLine> = dec
            .lines
            .iter()
            .map(|t| PreviewLine {
                text: t.clone(),
                ..PreviewLine::default()
            })
            .collect();
        for (line, quotes) in &dec.consumed {
            lines[*line].markers.push(quotes.clone());
        }
        let mut per_line = vec![0; lines.len()];
        let mut not_heading = vec![false; lines.len()];
        for p in &dec.pieces {
            per_line[p.line] += 1;
            not_heading[p.line] |= !is_heading(&p.text);
        }
        let header_rows = (0..lines.len())
            .filter(|&l| per_line[l] > 1 && !not_heading[l])
            .collect();
        let widest = dec
            .pieces
            .iter()
            .filter(|p| p.cells == 1)
            .map(|p| p.text.chars().count())
            .max()
            .unwrap_or(0);
        Reader {
            block,
            lines,
            rows: Vec::new(),
            per_line,
            header_rows,
            joined: 0,
            skipped: 0,
            preamble: None,
            flow: Flow::default(),
            wrap: (widest * 85 / 100).max(16),
            // Numbers head the rows of 施策中項目 and 事業; only bullets mark their items there.
            marked: dec.pieces.iter().any(|p| match lead(&p.text).0 {
                Lead::Bullet(_) => true,
                Lead::Number { .. } => block.is_single_row() || block == BlockKind::Vision,
                Lead::Plain => false,
            }),
            headers: page_headers(dec),
        }
    }

    pub(super) fn finish(self, recognised: bool, tabular: bool) -> Preview {
        let mut notes = Vec::new();
        let kind = self.block;
        if !recognised {
            notes.push(format!(
                "「{}」の形式として読み取れなかったため、全体を1行にまとめ、各行を{}にしました。取り込む前に内容を確かめてください。",
                kind.label(),
                if kind.fields().bullets { "●項目" } else { "1行ずつの文" }
            ));
        }
        if tabular {
            notes.push("表（Excel や Word の表）として読みました。".into());
        }
        if self.joined > 0 {
            notes.push(format!(
                "文の途中の改行（PDF などの折り返し）を{}か所つなぎました。",
                self.joined
            ));
        }
        if self.skipped > 0 {
            notes.push(format!(
                "見出し・ページ番号など{}行は取り込みません（一覧で確かめられます）。",
                self.skipped
            ));
        }
        if self.preamble.is_some() {
            notes.push(format!(
                "最初の{}より前にあった行は、番号のない1行にまとめました。",
                kind.label()
            ));
        }
        Preview {
            block: kind,
            lines: self.lines,
            rows: self.rows,
            recognised,
            notes,
        }
    }

    // --- bookkeeping -------------------------------------------------------------------------

    pub(super) fn marker(&mut self, line: usize, m: &str) {
        let m = trim(m);
        if !m.is_empty() {
            self.lines[line].markers.push(m.to_string());
        }
    }

    pub(super) fn use_line(&mut self, line: usize, row: usize, field: PasteField, joined: bool) {
        let u = LineUse { row, field, joined };
        if !self.lines[line].uses.contains(&u) {
            self.lines[line].uses.push(u);
        }
        if joined {
            self.joined += 1;
        }
    }

    /// Leaves a piece out: the whole line when it is the line's only piece, else the piece is
    /// shown as a marker of its line.
    pub(super) fn skip(&mut self, p: &Piece, why: Skip) {
        if self.per_line[p.line] == 1 {
            self.lines[p.line].skipped = Some(why);
            self.skipped += 1;
        } else {
            self.marker(p.line, &p.text);
        }
    }

    /// A table's header row: the whole line is left out (once).
    pub(super) fn header_row(&mut self, p: &Piece) -> bool {
        if !self.header_rows.contains(&p.line) {
            return false;
        }
        if self.lines[p.line].skipped.is_none() {
            self.lines[p.line].skipped = Some(Skip::Heading);
            self.skipped += 1;
        }
        true
    }

    pub(super) fn skippable(&self, p: &Piece) -> Option<Skip> {
        if is_heading(&p.text) {
            Some(Skip::Heading)
        } else if p.cells == 1 && is_page_number(&p.text) {
            Some(Skip::PageNumber)
        } else if p.cells == 1 && self.headers.contains(&p.text) {
            Some(Skip::PageHeader)
        } else {
            None
        }
    }

    pub(super) fn new_row(&mut self, line: usize, side: Side, unrecognised: bool) -> usize {
        self.rows.push(PreviewRow {
            side,
            first_line: line,
            unrecognised,
        });
        self.flow = Flow::default();
        self.rows.len() - 1
    }

    /// Sets a field of a row from a piece (replacing nothing: the field is empty or is
    /// extended on a new line).
    pub(super) fn put(&mut self, row: usize, field: PasteField, line: usize, text: &str) {
        let side = &mut self.rows[row].side;
        let field = match field {
            PasteField::Bullet(_) => {
                side.bullets.push(text.to_string());
                PasteField::Bullet(side.bullets.len() - 1)
            }
            PasteField::Name => {
                push_line(&mut side.name, text);
                field
            }
            PasteField::Period => {
                push_line(&mut side.period, text);
                field
            }
            PasteField::Summary => {
                push_line(&mut side.summary, text);
                field
            }
            PasteField::Departments | PasteField::Number => field,
        };
        self.use_line(line, row, field, false);
        self.flow.last = Some((row, field));
    }

    /// Joins a piece to the field the last piece wrote to (a line broken inside a sentence).
    pub(super) fn join_last(&mut self, line: usize, text: &str) {
        let Some((row, field)) = self.flow.last else {
            return;
        };
        let side = &mut self.rows[row].side;
        let slot = match field {
            PasteField::Bullet(i) => &mut side.bullets[i],
            PasteField::Name => &mut side.name,
            PasteField::Period => &mut side.period,
            _ => &mut side.summary,
        };
        join(slot, text);
        self.use_line(line, row, field, true);
    }

    pub(super) fn set_departments(&mut self, row: usize, line: usize, text: &str) {
        let mut part = String::new();
        let mut parts = Vec::new();
        for c in text.chars() {
            if matches!(c, '、' | ',' | '，' | '/' | '／' | ';' | '；') {
                self.marker(line, &c.to_string());
                parts.push(std::mem::take(&mut part));
            } else if super::text::is_blank_char(c) {
                parts.push(std::mem::take(&mut part));
            } else {
                part.push(c);
            }
        }
        parts.push(part);
        let side = &mut self.rows[row].side;
        side.departments
            .extend(parts.into_iter().filter(|p| !p.is_empty()));
        self.use_line(line, row, PasteField::Departments, false);
        self.flow.last = None;
    }

    /// Whether an unmarked piece continues the text of the piece before it.
    pub(super) fn continues(&self, p: &Piece, tabular: bool) -> bool {
        if self.flow.last.is_none() || self.flow.pending {
            return false;
        }
        if tabular && p.cell_start {
            return false;
        }
        self.marked || (!self.flow.ended && self.flow.chars >= self.wrap)
    }

    pub(super) fn flowed(&mut self, text: &str) {
        self.flow.chars = text.chars().count();
        self.flow.ended = ends_sentence(text);
        self.flow.pending = false;
    }

    /// One piece of running text for `row`: a new bullet (or, for めざす姿, a new row) or the
    /// continuation of the last one. `starts` says the piece began with a bullet or number.
    pub(super) fn text_item(
        &mut self,
        row: Option<usize>,
        p: &Piece,
        text: &str,
        starts: bool,
        tabular: bool,
    ) {
        if text.is_empty() {
            // A bullet alone on its line: the item starts with the next line.
            self.flow.pending = starts;
            return;
        }
        if !starts && self.continues(p, tabular) {
            self.join_last(p.line, text);
        } else if let Some(row) = row {
            self.put(row, PasteField::Bullet(0), p.line, text);
        } else {
            let row = self.new_row(p.line, Side::default(), false);
            self.put(row, PasteField::Summary, p.line, text);
        }
        self.flowed(text);
    }

    pub(super) fn preamble_row(&mut self, line: usize) -> usize {
        match self.preamble {
            Some(r) => r,
            None => {
                let r = self.new_row(line, Side::default(), true);
                self.preamble = Some(r);
                r
            }
        }
    }

    /// The piece's lead consumed as a marker; returns the rest and whether it started an item.
    pub(super) fn strip_lead<'t>(&mut self, p: &'t Piece) -> (&'t str, bool) {
        match lead(&p.text) {
            (Lead::Bullet(m), rest) => {
                self.marker(p.line, &m);
                (rest, true)
            }
            (Lead::Number { written, .. }, rest) => {
                self.marker(p.line, trim(&written));
                (rest, true)
            }
            (Lead::Plain, rest) => (rest, false),
        }
    }

    // --- the blocks --------------------------------------------------------------------------

    /// めざす姿 (a row per item), 現況と課題 and 協働による取組 (one row, a bullet per item).
    pub(super) fn bullets(&mut self, dec: &Decoded) {
        let row = self.block.is_single_row().then(|| {
            let first = dec.pieces.first().map_or(0, |p| p.line);
            self.new_row(first, Side::default(), false)
        });
        for p in &dec.pieces {
            if self.header_row(p) {
                continue;
            }
            if let Some(why) = self.skippable(p) {
                self.skip(p, why);
                continue;
            }
            let (rest, starts) = self.strip_lead(p);
            self.text_item(row, p, rest, starts, dec.tabular);
        }
    }

    /// Text that fits no pattern: one row, every line a bullet (a line of the 概要 where the
    /// block has no bullets); only a leading bullet mark is taken off.
    pub(super) fn fallback(&mut self, dec: &Decoded) {
        let first = dec.pieces.first().map_or(0, |p| p.line);
        let row = self.new_row(first, Side::default(), true);
        let bullets = self.block.fields().bullets;
        for p in &dec.pieces {
            let rest = match lead(&p.text) {
                (Lead::Bullet(m), rest) => {
                    self.marker(p.line, &m);
                    rest
                }
                _ => p.text.as_str(),
            };
            if rest.is_empty() {
                continue;
            }
            let field = if bullets {
                PasteField::Bullet(0)
            } else {
                PasteField::Summary
            };
            self.put(row, field, p.line, rest);
        }
    }
}

/// Appends `text` to a field on a line of its own.
pub(super) fn push_line(field: &mut String, text: &str) {
    if !field.is_empty() {
        field.push('\n');
    }
    field.push_str(text);
}

/// Lines repeated on the pages of a PDF (running headers and footers): short unmarked lines
/// that occur more than once, in text that has page numbers.
fn page_headers(dec: &Decoded) -> HashSet<String> {
    let standalone = || dec.pieces.iter().filter(|p| p.cells == 1);
    if !standalone().any(|p| is_page_number(&p.text)) {
        return HashSet::new();
    }
    let mut count: HashMap<&str, usize> = HashMap::new();
    for p in standalone() {
        if p.text.chars().count() <= 40
            && !ends_sentence(&p.text)
            && matches!(lead(&p.text).0, Lead::Plain)
            && !is_page_number(&p.text)
        {
            *count.entry(p.text.as_str()).or_default() += 1;
        }
    }
    count
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(t, _)| t.to_string())
        .collect()
}
