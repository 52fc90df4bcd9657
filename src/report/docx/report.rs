//! The 新旧対照表's layout in Word: title block, 目次, summary, changes since the previous
//! version, per 施策大項目 its heading, header blocks and comparison table, findings appendix.
//! Words and order follow the HTML report (`report/html.rs`); both take their shared texts
//! from `report/printed.rs`.

use crate::diff::Segment;
use crate::model::{ChangeStatus, Meta, PolicyStatus, Review, SideKind, VoiceForm};
use crate::report::findings::FindingEntry;
use crate::report::html::HtmlOptions;
use crate::report::printed::{
    DELETED_PLACEHOLDER, EMPTY_PLACEHOLDER, NEW_PLACEHOLDER, UNCHANGED_PLACEHOLDER,
    changed_headers, changes_summary, changes_title, findings_summary, legend, meta_fields,
    split_lines,
};
use crate::report::view::{PolicyView, RowView, StatusCounts};
use crate::report::{ColumnOrder, UnchangedRows, format_date_ja};
use crate::review::{RowChange, VersionDiff};

use super::DocxError;
use super::wordml::{
    Align, Cell, ContentsEntry, Document, ImageError, PageFurniture, PageSetup, Paragraph,
    Properties, Run, RunLook, Table, TableRow, Twips,
};

/// Paragraph styles (ids in `parts::PARAGRAPH_STYLES`).
const TEXT: Option<&str> = Some("TableText");
const TH: Option<&str> = Some("TableHeading");
const NOTE: Option<&str> = Some("Note");

/// A bullet's hanging indent: one full-width character of the table text (9.5 pt).
const BULLET_HANG: Twips = 190;

/// The 新旧対照表 being written into a Word document.
pub struct DocxReport<'a> {
    doc: Document,
    opts: &'a HtmlOptions,
}

impl<'a> DocxReport<'a> {
    /// An empty A4 landscape document; `text_bytes` sizes the buffer.
    pub fn new(opts: &'a HtmlOptions, text_bytes: usize) -> DocxReport<'a> {
        DocxReport {
            doc: Document::new(PageSetup::A4_LANDSCAPE, text_bytes * 3 + 64 * 1024),
            opts,
        }
    }

    /// The title block: plan, 新旧対照表 (表題), 分野 (副題), document title, 版・日付・作成,
    /// and the legend of the marks.
    pub fn title_block(&mut self, m: &Meta) {
        if !m.plan_name.is_empty() {
            self.doc
                .paragraph(&Paragraph::text(Some("Subtitle"), m.plan_name.as_str()));
        }
        self.doc
            .paragraph(&Paragraph::text(Some("Title"), "新旧対照表"));
        self.doc
            .paragraph(&Paragraph::text(Some("Subtitle"), m.field_label()));
        if !m.title.is_empty() {
            self.doc
                .paragraph(&Paragraph::text(None, m.title.as_str()).align(Align::Center));
        }
        let mut line = Paragraph::new(None).align(Align::Center);
        for (k, v) in meta_fields(m) {
            if !line.runs.is_empty() {
                line.push("　　", RunLook::PLAIN);
            }
            line.push(format!("{k}　"), RunLook::GOTHIC_BOLD);
            line.push(v, RunLook::PLAIN);
        }
        if !line.runs.is_empty() {
            self.doc.paragraph(&line);
        }
        let unchanged = self.opts.unchanged == UnchangedRows::Placeholder;
        self.doc
            .paragraph(&Paragraph::text(NOTE, legend(unchanged)));
    }

    /// The 目次 entry of the summary.
    pub fn summary_entry(&self) -> ContentsEntry {
        entry(1, "変更区分の集計", "_TocSummary")
    }

    /// The 目次 entry of the changes since the previous version.
    pub fn changes_entry(&self, diff: &VersionDiff) -> ContentsEntry {
        entry(1, &changes_title(diff), "_TocChanges")
    }

    /// The 目次 entry of the findings appendix.
    pub fn findings_entry(&self) -> ContentsEntry {
        entry(1, "付録　検査結果", "_TocFindings")
    }

    /// The 目次 entry (and heading) of a 施策大項目 at heading `level`; `part` tells drafts
    /// apart in a report of several (0 for one draft).
    pub fn policy_entry(&self, p: &PolicyView, level: u8, part: usize) -> ContentsEntry {
        entry(
            level,
            &format!("施策大項目　{}", p.marked_label()),
            &format!("_TocP{part}_{}", p.index + 1),
        )
    }

    /// 目次: a heading and Word's TOC field over 見出し 1…`levels`, listing `entries`.
    pub fn contents(&mut self, entries: &[ContentsEntry], levels: u8) {
        self.doc
            .paragraph(&Paragraph::text(Some("TOCHeading"), "目次"));
        self.doc.contents(entries, levels);
    }

    /// A heading at `e.level` (見出し 1–3) with `e`'s bookmark, so the 目次 links to it; a
    /// report of several drafts writes its 分野 headings with this.
    pub fn heading(&mut self, e: &ContentsEntry, new_page: bool) {
        let style = match e.level {
            1 => "Heading1",
            2 => "Heading2",
            _ => "Heading3",
        };
        let mut p = Paragraph::text(Some(style), e.text.as_str());
        p.bookmark = Some(e.bookmark.clone());
        p.page_break_before = Some(new_page);
        self.doc.paragraph(&p);
    }

    /// A 見出し `level` without a 目次 entry (the blocks inside a 施策大項目).
    fn subheading(&mut self, level: u8, text: &str) {
        let style = match level {
            0 | 1 => "Heading1",
            2 => "Heading2",
            _ => "Heading3",
        };
        self.doc.paragraph(&Paragraph::text(Some(style), text));
    }

    /// 変更区分の集計: rows per status and 施策大項目.
    pub fn summary(&mut self, policies: &[PolicyView], totals: &StatusCounts) {
        self.heading(&self.summary_entry(), false);
        let width = self.doc.page.text_width();
        let mut widths = vec![width * 37 / 100];
        widths.extend(std::iter::repeat_n(width * 9 / 100, 6));
        let mut header: Vec<&str> = vec!["施策大項目"];
        header.extend(ChangeStatus::ALL.iter().map(|s| s.label()));
        header.extend(["区分なし", "計"]);
        let mut rows = vec![header_row(&header)];
        for p in policies {
            rows.push(count_row(&p.label(), &p.counts));
        }
        let mut total = count_row("合計", totals);
        for c in &mut total.cells {
            c.shaded = true;
        }
        rows.push(total);
        self.doc.table(&Table { widths, rows });
        self.doc.paragraph(&Paragraph::text(
            NOTE,
            "区分なし：現況と課題・協働による取組など、変更区分を付けない欄の行数です。",
        ));
    }

    /// 前回からの主な修正内容 (前回の版と比較).
    pub fn changes(&mut self, diff: &VersionDiff) {
        self.heading(&self.changes_entry(diff), true);
        if diff.is_empty() {
            self.doc
                .paragraph(&Paragraph::text(None, "前回の版からの修正はありません。"));
            return;
        }
        self.doc
            .paragraph(&Paragraph::text(None, changes_summary(diff)));
        if !diff.headers.is_empty() {
            self.doc
                .paragraph(&Paragraph::text(NOTE, changed_headers(diff)));
        }
        if diff.changes.is_empty() {
            return;
        }
        let w = self.doc.page.text_width();
        let widths = vec![w * 22 / 100, w * 14 / 100, w * 32 / 100, w * 32 / 100];
        let mut rows = vec![header_row(&["場所", "修正内容", "前回の版", "今回の版"])];
        for c in &diff.changes {
            rows.push(change_row(c, &widths));
        }
        self.doc.table(&Table { widths, rows });
    }

    /// A 施策大項目 on a new page: its heading at `level` (with the bookmark of
    /// [`DocxReport::policy_entry`]), its header blocks and the comparison table, the blocks'
    /// headings one level down.
    pub fn policy(&mut self, p: &PolicyView, level: u8, part: usize) {
        self.heading(&self.policy_entry(p, level, part), true);
        let sub = level + 1;
        self.rename(p, sub);
        self.survey(p, sub);
        self.voices(p, sub);
        self.sdgs(p, sub);
        self.indicators(p, sub);
        self.subheading(sub, "新旧対照表");
        self.comparison(p);
    }

    fn rename(&mut self, p: &PolicyView, level: u8) {
        if p.status != PolicyStatus::InForce {
            // A 新規 or 削除 施策大項目: its name on one side, the mark on the other, the name
            // underlined as a whole (it is all added, or all removed), as in the HTML.
            self.subheading(level, &format!("施策大項目の{}", p.status.label()));
            let w = self.doc.page.text_width();
            let widths = vec![w * 12 / 100, w * 58 / 100];
            let rows = [SideKind::Current, SideKind::Revised]
                .into_iter()
                .map(|side| {
                    let text = p.side_label(side);
                    let look = if text == p.status.mark() {
                        RunLook::GOTHIC
                    } else {
                        RunLook::CHANGED
                    };
                    TableRow {
                        cells: vec![
                            Cell::new(vec![Paragraph::text(TH, side.label())]).shaded(),
                            Cell::new(vec![Paragraph::new(TEXT).run(Run::new(text, look))]),
                        ],
                        header: false,
                        cant_split: true,
                    }
                })
                .collect();
            self.doc.table(&Table { widths, rows });
            return;
        }
        let (Some(_), Some(d)) = (&p.revised_name, &p.name_diff) else {
            let mut para = Paragraph::new(NOTE);
            para.push("大項目名の変更　", RunLook::GOTHIC_BOLD);
            para.push("なし", RunLook::PLAIN);
            self.doc.paragraph(&para);
            return;
        };
        self.subheading(level, "大項目名の変更");
        let w = self.doc.page.text_width();
        let widths = vec![w * 12 / 100, w * 58 / 100];
        let mut rows = Vec::new();
        for (side, segs) in [(SideKind::Current, &d.old), (SideKind::Revised, &d.new)] {
            let mut name = Paragraph::new(TEXT).run(Run::plain(format!("{}. ", p.number)));
            push_segments(&mut name, segs);
            rows.push(TableRow {
                cells: vec![
                    Cell::new(vec![Paragraph::text(TH, side.label())]).shaded(),
                    Cell::new(vec![name]),
                ],
                header: false,
                cant_split: true,
            });
        }
        self.doc.table(&Table { widths, rows });
    }

    fn survey(&mut self, p: &PolicyView, level: u8) {
        let Some(s) = &p.survey else { return };
        self.subheading(level, "市民アンケート結果");
        let mut item = Paragraph::new(None);
        item.push("項目名　", RunLook::GOTHIC_BOLD);
        item.push(s.item.as_str(), RunLook::PLAIN);
        self.doc.paragraph(&item);
        let years = s
            .years
            .len()
            .max(s.satisfaction.len())
            .max(s.importance.len());
        let w = self.doc.page.text_width();
        let mut widths = vec![w * 10 / 100];
        widths.extend(std::iter::repeat_n(w * 9 / 100, years));
        widths.push(w * 10 / 100);
        let mut header: Vec<&str> = vec!["調査年度"];
        header.extend((0..years).map(|i| s.years.get(i).map_or("", String::as_str)));
        header.push("参考順位");
        let mut rows = vec![header_row(&header)];
        for (label, values, rank) in [
            ("満足度", &s.satisfaction, &s.satisfaction_rank),
            ("重要度", &s.importance, &s.importance_rank),
        ] {
            let mut cells = vec![Cell::new(vec![Paragraph::text(TH, label)]).shaded()];
            for i in 0..years {
                let v = values.get(i).map(|v| format!("{v:.2}")).unwrap_or_default();
                cells.push(Cell::new(vec![Paragraph::text(TEXT, v).align(Align::End)]));
            }
            let r = rank.as_ref().map(|r| r.label()).unwrap_or_default();
            cells.push(Cell::new(vec![Paragraph::text(TEXT, r).align(Align::End)]));
            rows.push(body_row(cells));
        }
        self.doc.table(&Table { widths, rows });
    }

    fn voices(&mut self, p: &PolicyView, level: u8) {
        if p.voices.is_empty() {
            return;
        }
        self.subheading(level, "市民の声");
        let w = self.doc.page.text_width();
        let widths = vec![w * 18 / 100, w * 82 / 100];
        let mut rows = vec![header_row(&["出典", "市民の声"])];
        for v in &p.voices {
            let mut text = Paragraph::new(TEXT);
            if !v.context.is_empty() {
                text.push(format!("（{}）", v.context), RunLook::PLAIN);
            }
            match v.form {
                VoiceForm::Quote => text.push(format!("「{}」", v.quote), RunLook::PLAIN),
                VoiceForm::Summary => text.push(v.quote.as_str(), RunLook::PLAIN),
            }
            rows.push(body_row(vec![
                Cell::new(vec![Paragraph::text(TEXT, format!("{}より", v.source))]),
                Cell::new(vec![text]),
            ]));
        }
        self.doc.table(&Table { widths, rows });
    }

    fn sdgs(&mut self, p: &PolicyView, level: u8) {
        if p.sdgs.is_empty() {
            return;
        }
        self.subheading(level, "関連するSDGs");
        let w = self.doc.page.text_width();
        let widths = vec![w * 8 / 100, w * 52 / 100];
        let mut rows = vec![header_row(&["ゴール", "名称"])];
        for s in &p.sdgs {
            rows.push(body_row(vec![
                Cell::new(vec![
                    Paragraph::text(TEXT, s.number.to_string()).align(Align::Center),
                ]),
                Cell::new(vec![Paragraph::text(TEXT, s.name.as_str())]),
            ]));
        }
        self.doc.table(&Table { widths, rows });
    }

    fn indicators(&mut self, p: &PolicyView, level: u8) {
        if p.indicators.is_empty() && p.indicator_opinion.is_empty() {
            return;
        }
        self.subheading(level, "成果指標・現状");
        if !p.indicators.is_empty() {
            let w = self.doc.page.text_width();
            let widths = vec![
                w * 12 / 100,
                w * 9 / 100,
                w * 41 / 100,
                w * 8 / 100,
                w * 30 / 100,
            ];
            let mut rows = vec![header_row(&[
                "種別",
                "現行通り",
                "指標名",
                "判定",
                "変更内容",
            ])];
            for ind in &p.indicators {
                let centered = |t: &str| Paragraph::text(TEXT, t).align(Align::Center);
                rows.push(body_row(vec![
                    Cell::new(vec![Paragraph::text(TEXT, ind.kind.label())]),
                    Cell::new(vec![centered(if ind.as_current {
                        "現行通り"
                    } else {
                        ""
                    })]),
                    Cell::new(vec![Paragraph::text(TEXT, ind.name.as_str())]),
                    Cell::new(vec![centered(ind.verdict.map_or("", |v| v.label()))]),
                    Cell::new(lines_plain(&ind.change)),
                ]));
            }
            self.doc.table(&Table { widths, rows });
        }
        if !p.indicator_opinion.is_empty() {
            let mut label = Paragraph::new(None);
            label.push("各課意見", RunLook::GOTHIC_BOLD);
            self.doc.paragraph(&label);
            for line in p.indicator_opinion.lines() {
                self.doc.paragraph(&Paragraph::text(None, line));
            }
        }
    }

    /// The comparison table's column widths: 項目, the two sides, 変更区分, then 備考 and
    /// 確認状況 when asked for (the HTML report's proportions).
    fn comparison_widths(&self) -> Vec<Twips> {
        let w = self.doc.page.text_width();
        let per_mille: &[u32] = match (self.opts.memo_column, self.opts.review_column) {
            (false, false) => &[130, 400, 400, 70],
            (true, false) | (false, true) => &[120, 315, 315, 70, 180],
            (true, true) => &[100, 260, 260, 60, 130, 190],
        };
        per_mille.iter().map(|m| w * m / 1000).collect()
    }

    fn comparison(&mut self, p: &PolicyView) {
        let widths = self.comparison_widths();
        let sides = match self.opts.column_order {
            ColumnOrder::CurrentLeft => [SideKind::Current, SideKind::Revised],
            ColumnOrder::RevisedLeft => [SideKind::Revised, SideKind::Current],
        };
        let mut header = vec!["項目", sides[0].label(), sides[1].label(), "変更区分"];
        if self.opts.memo_column {
            header.push("備考");
        }
        if self.opts.review_column {
            header.push("確認状況");
        }
        let mut rows = vec![header_row(&header)];
        // Rows that fit on a page are kept whole; a taller one may run across pages.
        let page_room = self.doc.page.text_height() * 4 / 5;
        for row in p.rows() {
            let cells = self.row_cells(row, sides);
            let cant_split = estimated_height(&cells, &widths) < page_room;
            rows.push(TableRow {
                cells,
                header: false,
                cant_split,
            });
        }
        if rows.len() == 1 {
            rows.push(body_row(vec![
                Cell::new(vec![
                    Paragraph::text(TEXT, "比較する行がありません。").align(Align::Center),
                ])
                .span(header.len() as u32),
            ]));
        }
        self.doc.table(&Table { widths, rows });
    }

    fn row_cells(&self, row: &RowView, sides: [SideKind; 2]) -> Vec<Cell> {
        let (block, label) = row.item();
        let mut item = vec![Paragraph::new(TEXT).run(Run::new(block, RunLook::GOTHIC_BOLD))];
        if !label.is_empty() {
            item.push(Paragraph::text(TEXT, label));
        }
        let mut cells = vec![Cell::new(item)];
        for side in sides {
            cells.push(Cell::new(self.side_paragraphs(row, side)));
        }
        cells.push(Cell::new(vec![
            Paragraph::text(TEXT, row.status.map_or("", |s| s.label())).align(Align::Center),
        ]));
        if self.opts.memo_column {
            cells.push(Cell::new(lines_plain(&row.memo)));
        }
        if self.opts.review_column {
            cells.push(Cell::new(review_paragraphs(&row.review)));
        }
        cells
    }

    fn side_paragraphs(&self, row: &RowView, side: SideKind) -> Vec<Paragraph> {
        let placeholder = |t: &str| vec![Paragraph::new(TEXT).run(Run::new(t, RunLook::GOTHIC))];
        match (side, row.side(side)) {
            _ if row.current.is_none() && row.revised.is_none() => placeholder(EMPTY_PLACEHOLDER),
            (SideKind::Current, None) => placeholder(NEW_PLACEHOLDER),
            (SideKind::Revised, None) => placeholder(DELETED_PLACEHOLDER),
            (SideKind::Revised, Some(_))
                if row.is_unchanged() && self.opts.unchanged == UnchangedRows::Placeholder =>
            {
                placeholder(UNCHANGED_PLACEHOLDER)
            }
            (SideKind::Current, Some(_)) => lines(&row.diff.old),
            (SideKind::Revised, Some(_)) => lines(&row.diff.new),
        }
    }

    /// 付録　検査結果.
    pub fn findings(&mut self, findings: &[FindingEntry]) {
        self.heading(&self.findings_entry(), true);
        if findings.is_empty() {
            self.doc
                .paragraph(&Paragraph::text(None, "検査で見つかった問題はありません。"));
            return;
        }
        self.doc
            .paragraph(&Paragraph::text(None, findings_summary(findings)));
        let w = self.doc.page.text_width();
        let widths = vec![
            w * 6 / 100,
            w * 8 / 100,
            w * 26 / 100,
            w * 40 / 100,
            w * 20 / 100,
        ];
        let mut rows = vec![header_row(&[
            "重要度",
            "コード",
            "場所",
            "内容",
            "該当箇所",
        ])];
        for f in findings {
            let centered = |t: &str| Paragraph::text(TEXT, t).align(Align::Center);
            rows.push(body_row(vec![
                Cell::new(vec![centered(&f.severity)]),
                Cell::new(vec![centered(&f.code)]),
                Cell::new(vec![Paragraph::text(TEXT, f.location.as_str())]),
                Cell::new(vec![Paragraph::text(TEXT, f.printed_message())]),
                Cell::new(vec![Paragraph::text(TEXT, f.excerpt.as_str())]),
            ]));
        }
        self.doc.table(&Table { widths, rows });
    }

    /// A PNG picture across `width_percent` of the text width, centred, with its alternative
    /// text (a chart for the 審議会, say).
    pub fn picture(
        &mut self,
        png: &[u8],
        width_percent: u32,
        name: &str,
        description: &str,
    ) -> Result<(), ImageError> {
        let width = self.doc.page.text_width() * width_percent.min(100) / 100;
        self.doc.picture(png, width, name, description)
    }

    /// The .docx: running header `label` … `corner`, page numbers in the footer.
    pub fn finish(self, label: &str, corner: &str, meta: &Meta) -> Result<Vec<u8>, DocxError> {
        let furniture = PageFurniture {
            header_left: label.to_string(),
            header_right: corner.to_string(),
        };
        let props = Properties {
            title: label.to_string(),
            subject: meta.plan_name.clone(),
            creator: meta.author_section.clone(),
        };
        self.doc.finish(&furniture, &props).map_err(DocxError)
    }
}

fn entry(level: u8, text: &str, bookmark: &str) -> ContentsEntry {
    ContentsEntry {
        level,
        text: text.to_string(),
        bookmark: bookmark.to_string(),
    }
}

/// A shaded header row of ゴシック labels, repeated on every page.
fn header_row(labels: &[&str]) -> TableRow {
    TableRow {
        cells: labels
            .iter()
            .map(|l| Cell::new(vec![Paragraph::text(TH, *l)]).shaded())
            .collect(),
        header: true,
        cant_split: true,
    }
}

/// A row of a small table, kept on one page.
fn body_row(cells: Vec<Cell>) -> TableRow {
    TableRow {
        cells,
        header: false,
        cant_split: true,
    }
}

fn count_row(label: &str, c: &StatusCounts) -> TableRow {
    let num = |n: usize| Cell::new(vec![Paragraph::text(TEXT, n.to_string()).align(Align::End)]);
    let mut cells = vec![Cell::new(vec![Paragraph::text(TEXT, label)])];
    cells.extend(ChangeStatus::ALL.iter().map(|s| num(c.get(*s))));
    cells.push(num(c.without_status));
    cells.push(num(c.total()));
    body_row(cells)
}

/// A side's segments, one paragraph per line, changed words underlined; ● lines hang.
fn lines(segs: &[Segment]) -> Vec<Paragraph> {
    split_lines(segs)
        .into_iter()
        .map(|line| {
            let mut p = Paragraph::new(TEXT);
            if line
                .first()
                .is_some_and(|(t, _)| t.starts_with(['●', '・', '○']))
            {
                p.hanging = BULLET_HANG;
            }
            for (text, changed) in line {
                let look = if changed {
                    RunLook::CHANGED
                } else {
                    RunLook::PLAIN
                };
                p.push(text, look);
            }
            p
        })
        .collect()
}

/// Inline segments (a name): changed ones underlined.
fn push_segments(p: &mut Paragraph, segs: &[Segment]) {
    for s in segs {
        let look = if s.changed {
            RunLook::CHANGED
        } else {
            RunLook::PLAIN
        };
        p.push(s.text.as_str(), look);
    }
}

/// Plain multi-line text (memo, opinions), a paragraph a line.
fn lines_plain(text: &str) -> Vec<Paragraph> {
    text.lines().map(|l| Paragraph::text(TEXT, l)).collect()
}

/// The 確認状況 cell: the state, then each comment with its author and date (replies
/// indented).
fn review_paragraphs(review: &Review) -> Vec<Paragraph> {
    let mut out =
        vec![Paragraph::new(TEXT).run(Run::new(review.state.label(), RunLook::GOTHIC_BOLD))];
    for c in &review.comments {
        let mut who = c.author.clone();
        if !c.date.is_empty() {
            who.push_str(&format!(
                "（{}）",
                format_date_ja(c.date.get(..10).unwrap_or(&c.date))
            ));
        }
        let indent = if c.reply_to.is_some() { "　" } else { "" };
        out.push(Paragraph::new(TEXT).run(Run::new(format!("{indent}{who}"), RunLook::GOTHIC)));
        out.extend(
            c.text
                .lines()
                .map(|l| Paragraph::text(TEXT, format!("{indent}{l}"))),
        );
    }
    out
}

/// A row of the changes table: where, what changed, and the previous and this version.
fn change_row(c: &RowChange, widths: &[Twips]) -> TableRow {
    let mut kind = vec![Paragraph::text(TEXT, c.summary())];
    if let Some(from) = &c.moved_from {
        kind.push(Paragraph::text(NOTE, format!("移動前：{from}")));
    }
    let mut cells = vec![
        Cell::new(vec![Paragraph::text(TEXT, c.location.as_str())]),
        Cell::new(kind),
    ];
    for side in [SideKind::Current, SideKind::Revised] {
        cells.push(Cell::new(change_side(c, side)));
    }
    let cant_split =
        estimated_height(&cells, widths) < PageSetup::A4_LANDSCAPE.text_height() * 4 / 5;
    TableRow {
        cells,
        header: false,
        cant_split,
    }
}

fn change_side(c: &RowChange, side: SideKind) -> Vec<Paragraph> {
    let gothic = |t: &str| Paragraph::new(TEXT).run(Run::new(t, RunLook::GOTHIC));
    if c.added && side == SideKind::Current {
        return vec![gothic("（行の追加）")];
    }
    if c.removed && side == SideKind::Revised {
        return vec![gothic("（行の削除）")];
    }
    if c.added || c.removed {
        let text = c
            .texts
            .first()
            .map(|t| if c.added { &t.new } else { &t.old });
        return text.map(|t| lines_plain(t)).unwrap_or_default();
    }
    let changed_look = RunLook::CHANGED;
    let mut out = Vec::new();
    let labelled = |label: &str| {
        Paragraph::new(TEXT).run(Run::new(format!("{label}　"), RunLook::GOTHIC_BOLD))
    };
    if let Some((a, b)) = &c.status {
        let label = |s: &Option<ChangeStatus>| s.map_or("（なし）", |s| s.label());
        let (this, other) = if side == SideKind::Current {
            (a, b)
        } else {
            (b, a)
        };
        let look = if this != other {
            changed_look
        } else {
            RunLook::PLAIN
        };
        out.push(labelled("変更区分").run(Run::new(label(this), look)));
    }
    if let Some((a, b)) = &c.departments {
        let list = if side == SideKind::Current { a } else { b };
        out.push(labelled("評価回答部署").run(Run::new(list.join("、"), changed_look)));
    }
    for (what, d) in [
        ("現行", &c.current),
        ("改定案", &c.revised),
        ("メモ", &c.memo),
    ] {
        let Some(d) = d else { continue };
        out.push(labelled(what));
        out.extend(lines(if side == SideKind::Current {
            &d.old
        } else {
            &d.new
        }));
    }
    if c.moved
        && c.status.is_none()
        && c.departments.is_none()
        && c.current.is_none()
        && c.revised.is_none()
        && c.memo.is_none()
    {
        out.push(gothic("（文言の修正なし）"));
    }
    out
}

/// A rough height of a row in twips: each cell's lines at the table text's size and line
/// pitch, wrapped at the column's width (full-width characters count 1, others ½).
fn estimated_height(cells: &[Cell], widths: &[Twips]) -> Twips {
    const CHAR: u32 = 190;
    const LINE: u32 = 290;
    let mut column = 0usize;
    let mut tallest = 0;
    for cell in cells {
        let span = cell.span.max(1) as usize;
        let width: Twips = widths.iter().skip(column).take(span).sum();
        column += span;
        let per_line = (width.saturating_sub(170 + BULLET_HANG) / CHAR).max(1) * 2;
        let mut height = 0;
        for p in &cell.paragraphs {
            let halves: u32 = p
                .runs
                .iter()
                .flat_map(|r| r.text.chars())
                .map(|c| if (c as u32) < 0x2E80 { 1 } else { 2 })
                .sum();
            height += halves.div_ceil(per_line).max(1) * LINE + 20;
        }
        tallest = tallest.max(height);
    }
    tallest + 60
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str) -> Cell {
        Cell::new(vec![Paragraph::text(TEXT, text)])
    }

    #[test]
    fn heights_grow_with_wrapped_lines() {
        let widths = [2000, 2000];
        let short = estimated_height(&[cell("短い"), cell("ab")], &widths);
        let long = estimated_height(&[cell(&"長".repeat(200)), cell("ab")], &widths);
        assert!(long > short * 10, "{short} {long}");
        // Half-width text takes half the room.
        let latin = estimated_height(&[cell(&"a".repeat(200)), cell("")], &widths);
        assert!(latin < long && latin > short, "{latin}");
    }
}
