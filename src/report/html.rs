//! HTML: one self-contained file (inline CSS, no script, nothing fetched from the network) that
//! reads well on screen and prints as the 新旧対照表 on A4 landscape: title block, contents,
//! summary, then per 施策大項目 its header blocks and the comparison table with the changed words
//! underlined on both sides. Every text of the draft passes through [`escape`].

use std::fmt::Write as _;

use crate::diff::Segment;
use crate::model::{ChangeStatus, PolicyStatus, Side, SideKind, VoiceForm};

use super::findings::FindingEntry;
use super::printed::{
    changed_headers, changes_summary, changes_title, document_label, findings_summary, legend,
    meta_fields, page_corner, split_lines,
};
use super::view::{ComparisonView, PolicyView, RowView, StatusCounts};
use super::{ColumnOrder, UnchangedRows, format_date_ja};
use crate::review::{RowChange, VersionDiff};
use style::stylesheet;

mod style;

/// Options of the printable 新旧対照表: the HTML report and the Word document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HtmlOptions {
    /// 現行 left (the plan documents' order) or 改定案 left (例規 order).
    pub column_order: ColumnOrder,
    /// Unchanged rows in full, or with （変更なし） on the revised side.
    pub unchanged: UnchangedRows,
    /// Add the 備考 column (変更理由・各課意見).
    pub memo_column: bool,
    /// Checker findings to print as an appendix; `None` = no appendix.
    pub findings: Option<Vec<FindingEntry>>,
    /// Add the 確認状況 column: each row's review state and comments (閲覧モード).
    pub review_column: bool,
    /// The changes since the previous version, printed as 「前回からの主な修正内容」 after the
    /// summary; `None` = no such list.
    pub changes: Option<VersionDiff>,
}

pub use super::printed::{
    DELETED_PLACEHOLDER, EMPTY_PLACEHOLDER, NEW_PLACEHOLDER, UNCHANGED_PLACEHOLDER,
};
pub use style::{GOTHIC, MINCHO};

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and line breaks are not allowed in HTML text.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// The report as HTML bytes (UTF-8).
pub fn to_html(view: &ComparisonView, opts: &HtmlOptions) -> Vec<u8> {
    let mut w = Html {
        // Row text plus markup (about 600 bytes a row) plus the fixed parts.
        out: String::with_capacity(
            view.text_bytes() * 11 / 10 + view.rows().count() * 600 + 32 * 1024,
        ),
        opts,
    };
    w.document(view);
    w.out.into_bytes()
}

struct Html<'a> {
    out: String,
    opts: &'a HtmlOptions,
}

impl Html<'_> {
    fn text(&mut self, s: &str) {
        escape_into(&mut self.out, s);
    }

    fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn document(&mut self, view: &ComparisonView) {
        let meta = &view.meta;
        let doc_label = document_label(meta);
        self.raw("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n");
        self.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        self.raw("<title>");
        self.text(&doc_label);
        self.raw("</title>\n<style>\n");
        let css = stylesheet(&doc_label, &page_corner(meta));
        self.raw(&css);
        self.raw("</style>\n</head>\n<body>\n");
        self.title_block(view);
        self.contents(view);
        self.summary(view);
        if let Some(changes) = &self.opts.changes {
            self.changes(changes, true);
        }
        for p in &view.policies {
            self.policy(p);
        }
        if let Some(findings) = &self.opts.findings {
            self.appendix(findings);
        }
        self.raw("</body>\n</html>\n");
    }

    fn title_block(&mut self, view: &ComparisonView) {
        let m = &view.meta;
        self.raw("<header class=\"title-block\">\n");
        if !m.plan_name.is_empty() {
            self.raw("<p class=\"plan\">");
            self.text(&m.plan_name);
            self.raw("</p>\n");
        }
        self.raw("<h1>新旧対照表</h1>\n<p class=\"field\">");
        self.text(&m.field_label());
        self.raw("</p>\n");
        if !m.title.is_empty() {
            self.raw("<p class=\"doc-title\">");
            self.text(&m.title);
            self.raw("</p>\n");
        }
        self.raw("<dl class=\"meta\">\n");
        for (k, v) in meta_fields(m) {
            self.raw("<div><dt>");
            self.raw(k);
            self.raw("</dt><dd>");
            self.text(&v);
            self.raw("</dd></div>\n");
        }
        self.raw("</dl>\n<p class=\"legend\">");
        self.raw(&legend(self.opts.unchanged == UnchangedRows::Placeholder));
        self.raw("</p>\n</header>\n");
    }

    fn contents(&mut self, view: &ComparisonView) {
        self.raw("<nav class=\"toc\">\n<h2>目次</h2>\n<ol>\n");
        self.raw("<li><a href=\"#summary\">変更区分の集計</a></li>\n");
        if let Some(changes) = &self.opts.changes {
            self.raw("<li><a href=\"#changes\">");
            self.text(&changes_title(changes));
            self.raw("</a></li>\n");
        }
        for p in &view.policies {
            let _ = write!(self.out, "<li><a href=\"#policy-{}\">", p.index + 1);
            self.raw("施策大項目 ");
            self.text(&p.marked_label());
            if p.revised_name.is_some() && p.status != PolicyStatus::Deleted {
                self.raw("（改定案：");
                self.text(&p.revised_label());
                self.raw("）");
            }
            self.raw("</a></li>\n");
        }
        if self.opts.findings.is_some() {
            self.raw("<li><a href=\"#findings\">付録　検査結果</a></li>\n");
        }
        self.raw("</ol>\n</nav>\n");
    }

    fn summary(&mut self, view: &ComparisonView) {
        self.raw("<section class=\"summary\" id=\"summary\">\n<h2>変更区分の集計</h2>\n");
        self.raw("<table class=\"grid counts\">\n<thead><tr><th scope=\"col\">施策大項目</th>");
        for s in ChangeStatus::ALL {
            self.raw("<th scope=\"col\">");
            self.raw(s.label());
            self.raw("</th>");
        }
        self.raw(
            "<th scope=\"col\">区分なし</th><th scope=\"col\">計</th></tr></thead>\n<tbody>\n",
        );
        for p in &view.policies {
            self.raw("<tr><th scope=\"row\">");
            self.text(&p.marked_label());
            self.raw("</th>");
            self.count_cells(&p.counts);
            self.raw("</tr>\n");
        }
        self.raw("</tbody>\n<tfoot><tr><th scope=\"row\">合計</th>");
        self.count_cells(&view.totals());
        self.raw("</tr></tfoot>\n</table>\n");
        self.raw("<p class=\"note\">区分なし：現況と課題・協働による取組など、変更区分を付けない欄の行数です。</p>\n</section>\n");
    }

    fn count_cells(&mut self, c: &StatusCounts) {
        for s in ChangeStatus::ALL {
            let _ = write!(self.out, "<td class=\"num\">{}</td>", c.get(s));
        }
        let _ = write!(
            self.out,
            "<td class=\"num\">{}</td><td class=\"num\">{}</td>",
            c.without_status,
            c.total()
        );
    }

    fn policy(&mut self, p: &PolicyView) {
        let _ = writeln!(
            self.out,
            "<section class=\"policy\" id=\"policy-{}\">",
            p.index + 1
        );
        self.raw("<h2><span class=\"kicker\">施策大項目</span>");
        self.text(&p.marked_label());
        self.raw("</h2>\n");
        self.rename(p);
        self.survey(p);
        self.voices(p);
        self.sdgs(p);
        self.indicators(p);
        self.comparison(p);
        self.raw("</section>\n");
    }

    fn rename(&mut self, p: &PolicyView) {
        if p.status != PolicyStatus::InForce {
            // A 新規 or 削除 施策大項目: its name on one side, the mark on the other, the name
            // underlined as a whole (it is all added, or all removed).
            self.raw("<div class=\"block rename\"><h3>施策大項目の");
            self.raw(p.status.label());
            self.raw("</h3><table class=\"grid rename\"><tbody>");
            for side in [SideKind::Current, SideKind::Revised] {
                self.raw("<tr><th scope=\"row\">");
                self.raw(side.label());
                self.raw("</th><td>");
                let text = p.side_label(side);
                if text == p.status.mark() {
                    self.placeholder(&text);
                } else {
                    self.change(&text, side);
                }
                self.raw("</td></tr>");
            }
            self.raw("</tbody></table></div>\n");
            return;
        }
        if p.revised_name.is_none() {
            self.raw("<p class=\"rename-none\"><span class=\"k\">大項目名の変更</span>なし</p>\n");
            return;
        }
        self.raw("<div class=\"block rename\"><h3>大項目名の変更</h3>");
        match (&p.revised_name, &p.name_diff) {
            (Some(_), Some(d)) => {
                self.raw("<table class=\"grid rename\"><tbody><tr><th scope=\"row\">現行</th><td>");
                let _ = write!(self.out, "{}. ", p.number);
                self.segments(&d.old, SideKind::Current);
                self.raw("</td></tr><tr><th scope=\"row\">改定案</th><td>");
                let _ = write!(self.out, "{}. ", p.number);
                self.segments(&d.new, SideKind::Revised);
                self.raw("</td></tr></tbody></table>");
            }
            _ => self.raw("<p>なし</p>"),
        }
        self.raw("</div>\n");
    }

    fn survey(&mut self, p: &PolicyView) {
        let Some(s) = &p.survey else {
            return;
        };
        self.raw("<div class=\"block\"><h3>市民アンケート結果</h3>\n");
        self.raw("<p class=\"survey-item\"><span class=\"k\">項目名</span>");
        self.text(&s.item);
        self.raw("</p>\n<table class=\"grid survey\"><thead><tr><th scope=\"col\">調査年度</th>");
        for y in &s.years {
            self.raw("<th scope=\"col\">");
            self.text(y);
            self.raw("</th>");
        }
        self.raw("<th scope=\"col\">参考順位</th></tr></thead>\n<tbody>\n");
        for (label, values, rank) in [
            ("満足度", &s.satisfaction, &s.satisfaction_rank),
            ("重要度", &s.importance, &s.importance_rank),
        ] {
            self.raw("<tr><th scope=\"row\">");
            self.raw(label);
            self.raw("</th>");
            for i in 0..s.years.len().max(values.len()) {
                match values.get(i) {
                    Some(v) => {
                        let _ = write!(self.out, "<td class=\"num\">{v:.2}</td>");
                    }
                    None => self.raw("<td class=\"num\"></td>"),
                }
            }
            self.raw("<td class=\"num\">");
            if let Some(r) = rank {
                self.text(&r.label());
            }
            self.raw("</td></tr>\n");
        }
        self.raw("</tbody></table></div>\n");
    }

    fn voices(&mut self, p: &PolicyView) {
        if p.voices.is_empty() {
            return;
        }
        self.raw("<div class=\"block\"><h3>市民の声</h3>\n");
        let mut i = 0;
        while i < p.voices.len() {
            let source = &p.voices[i].source;
            self.raw("<p class=\"voice-source\">【");
            self.text(source);
            self.raw("より】</p>\n<ul class=\"voices\">\n");
            while i < p.voices.len() && &p.voices[i].source == source {
                let v = &p.voices[i];
                self.raw("<li>");
                if !v.context.is_empty() {
                    self.raw("<span class=\"context\">（");
                    self.text(&v.context);
                    self.raw("）</span>");
                }
                match v.form {
                    VoiceForm::Quote => {
                        self.raw("「");
                        self.text(&v.quote);
                        self.raw("」");
                    }
                    VoiceForm::Summary => self.text(&v.quote),
                }
                self.raw("</li>\n");
                i += 1;
            }
            self.raw("</ul>\n");
        }
        self.raw("</div>\n");
    }

    fn sdgs(&mut self, p: &PolicyView) {
        if p.sdgs.is_empty() {
            return;
        }
        self.raw("<div class=\"block\"><h3>関連するSDGs</h3>\n<ul class=\"sdgs\">\n");
        for s in &p.sdgs {
            let _ = write!(self.out, "<li><span class=\"goal\">{}</span>", s.number);
            self.text(&s.name);
            self.raw("</li>\n");
        }
        self.raw("</ul></div>\n");
    }

    fn indicators(&mut self, p: &PolicyView) {
        if p.indicators.is_empty() && p.indicator_opinion.is_empty() {
            return;
        }
        self.raw("<div class=\"block\"><h3>成果指標・現状</h3>\n");
        if !p.indicators.is_empty() {
            self.raw("<table class=\"grid indicators\"><thead><tr><th scope=\"col\">種別</th><th scope=\"col\">現行通り</th><th scope=\"col\">指標名</th><th scope=\"col\">判定</th><th scope=\"col\">変更内容</th></tr></thead>\n<tbody>\n");
            for ind in &p.indicators {
                self.raw("<tr><td>");
                self.raw(ind.kind.label());
                self.raw("</td><td class=\"c\">");
                self.raw(if ind.as_current { "現行通り" } else { "" });
                self.raw("</td><td>");
                self.text(&ind.name);
                self.raw("</td><td class=\"c\">");
                if let Some(v) = ind.verdict {
                    self.raw(v.label());
                }
                self.raw("</td><td>");
                self.text(&ind.change);
                self.raw("</td></tr>\n");
            }
            self.raw("</tbody></table>\n");
        }
        if !p.indicator_opinion.is_empty() {
            self.raw("<p class=\"opinion\"><span class=\"k\">各課意見</span>");
            self.lines_plain(&p.indicator_opinion);
            self.raw("</p>\n");
        }
        self.raw("</div>\n");
    }

    fn comparison(&mut self, p: &PolicyView) {
        self.raw("<div class=\"block\"><h3>新旧対照表</h3>\n");
        let memo = self.opts.memo_column;
        let review = self.opts.review_column;
        let sides = self.side_order();
        let _ = writeln!(
            self.out,
            "<table class=\"cmp{}{}\">",
            if memo { " with-memo" } else { "" },
            if review { " with-review" } else { "" }
        );
        self.raw("<colgroup><col class=\"c-item\"><col class=\"c-text\"><col class=\"c-text\"><col class=\"c-status\">");
        if memo {
            self.raw("<col class=\"c-memo\">");
        }
        if review {
            self.raw("<col class=\"c-review\">");
        }
        self.raw("</colgroup>\n<thead><tr><th scope=\"col\">項目</th>");
        for s in sides {
            self.raw("<th scope=\"col\">");
            self.raw(s.label());
            self.raw("</th>");
        }
        self.raw("<th scope=\"col\">変更区分</th>");
        if memo {
            self.raw("<th scope=\"col\">備考</th>");
        }
        if review {
            self.raw("<th scope=\"col\">確認状況</th>");
        }
        self.raw("</tr></thead>\n<tbody>\n");
        let mut any = false;
        for row in p.rows() {
            any = true;
            self.row(row, sides);
        }
        if !any {
            let _ = writeln!(
                self.out,
                "<tr><td colspan=\"{}\" class=\"empty\">比較する行がありません。</td></tr>",
                4 + usize::from(memo) + usize::from(review)
            );
        }
        self.raw("</tbody>\n</table></div>\n");
    }

    fn side_order(&self) -> [SideKind; 2] {
        match self.opts.column_order {
            ColumnOrder::CurrentLeft => [SideKind::Current, SideKind::Revised],
            ColumnOrder::RevisedLeft => [SideKind::Revised, SideKind::Current],
        }
    }

    fn row(&mut self, row: &RowView, sides: [SideKind; 2]) {
        let status_class = match row.status {
            Some(ChangeStatus::Unchanged) => "st-unchanged",
            Some(ChangeStatus::Modified) => "st-modified",
            Some(ChangeStatus::New) => "st-new",
            Some(ChangeStatus::Deleted) => "st-deleted",
            None => "st-none",
        };
        let _ = write!(self.out, "<tr class=\"{status_class}\" data-row=\"");
        self.text(row.id.as_str());
        self.raw("\"><th scope=\"row\" class=\"item\">");
        let (block, label) = row.item();
        self.raw("<span class=\"blk\">");
        self.raw(block);
        self.raw("</span>");
        if !label.is_empty() {
            self.raw("<span class=\"lbl\">");
            self.text(&label);
            self.raw("</span>");
        }
        self.raw("</th>");
        for side in sides {
            self.side_cell(row, side);
        }
        self.raw("<td class=\"status\">");
        if let Some(s) = row.status {
            self.raw(s.label());
        }
        self.raw("</td>");
        if self.opts.memo_column {
            self.raw("<td class=\"memo\">");
            self.lines_plain(&row.memo);
            self.raw("</td>");
        }
        if self.opts.review_column {
            self.review_cell(&row.review);
        }
        self.raw("</tr>\n");
    }

    /// The 確認状況 cell: the review state, then the comment thread (answers indented).
    fn review_cell(&mut self, review: &crate::model::Review) {
        self.raw("<td class=\"review\"><div class=\"rstate\">");
        self.raw(review.state.label());
        self.raw("</div>");
        for c in &review.comments {
            self.raw(if c.reply_to.is_some() {
                "<div class=\"comment reply\">"
            } else {
                "<div class=\"comment\">"
            });
            self.raw("<span class=\"who\">");
            self.text(&c.author);
            if !c.date.is_empty() {
                self.raw("（");
                self.text(&format_date_ja(c.date.get(..10).unwrap_or(&c.date)));
                self.raw("）");
            }
            self.raw("</span>");
            self.lines_plain(&c.text);
            self.raw("</div>");
        }
        self.raw("</td>");
    }

    /// 「前回からの主な修正内容」: the rows that changed since the previous version, each with
    /// what changed and, for texts, the previous and this version with the changes underlined.
    fn changes(&mut self, diff: &VersionDiff, in_report: bool) {
        self.raw("<section class=\"changes\" id=\"changes\">\n<h2>");
        self.text(&changes_title(diff));
        self.raw("</h2>\n");
        if diff.is_empty() {
            self.raw("<p>前回の版からの修正はありません。</p>\n</section>\n");
            return;
        }
        self.raw("<p>");
        self.text(&changes_summary(diff));
        self.raw("</p>\n");
        if !diff.headers.is_empty() {
            self.raw("<p class=\"note\">");
            self.text(&changed_headers(diff));
            self.raw("</p>\n");
        }
        self.raw("<table class=\"cmp changes-table\"><colgroup><col class=\"c-item\"><col class=\"c-kind\"><col class=\"c-text\"><col class=\"c-text\"></colgroup>\n");
        self.raw("<thead><tr><th scope=\"col\">場所</th><th scope=\"col\">修正内容</th><th scope=\"col\">前回の版</th><th scope=\"col\">今回の版</th></tr></thead>\n<tbody>\n");
        for c in &diff.changes {
            self.change_row(c, in_report);
        }
        self.raw("</tbody></table>\n</section>\n");
    }

    fn change_row(&mut self, c: &RowChange, in_report: bool) {
        self.raw("<tr data-row=\"");
        self.text(c.id.as_str());
        self.raw("\"><th scope=\"row\" class=\"item\">");
        self.text(&c.location);
        self.raw("</th><td class=\"kind\">");
        self.text(&c.summary());
        if let Some(from) = &c.moved_from {
            self.raw("<div class=\"note\">移動前：");
            self.text(from);
            self.raw("</div>");
        }
        self.raw("</td>");
        // Previous | this version.
        for side in [SideKind::Current, SideKind::Revised] {
            self.raw("<td class=\"txt\">");
            if c.added && side == SideKind::Current {
                self.placeholder("（行の追加）");
            } else if c.removed && side == SideKind::Revised {
                self.placeholder("（行の削除）");
            } else if c.added || c.removed {
                let text = c
                    .texts
                    .first()
                    .map(|t| if c.added { &t.new } else { &t.old });
                if let Some(t) = text {
                    self.lines_plain(t);
                }
            } else {
                if let Some((a, b)) = &c.status {
                    let label = |s: &Option<ChangeStatus>| s.map_or("（なし）", |s| s.label());
                    self.raw("<div class=\"ln\"><span class=\"k\">変更区分</span>");
                    let (this, other) = if side == SideKind::Current {
                        (a, b)
                    } else {
                        (b, a)
                    };
                    if this != other {
                        self.change(label(this), side);
                    } else {
                        self.raw(label(this));
                    }
                    self.raw("</div>");
                }
                if let Some((a, b)) = &c.departments {
                    self.raw(&format!(
                        "<div class=\"ln\"><span class=\"k\">{}</span>",
                        Side::DEPARTMENTS
                    ));
                    let list = if side == SideKind::Current { a } else { b };
                    let text = list.join("、");
                    self.change(&text, side);
                    self.raw("</div>");
                }
                for (what, d) in [
                    ("現行", &c.current),
                    ("改定案", &c.revised),
                    ("メモ", &c.memo),
                ] {
                    let Some(d) = d else { continue };
                    let _ = write!(
                        self.out,
                        "<div class=\"ln\"><span class=\"k\">{what}</span></div>"
                    );
                    let segs = if side == SideKind::Current {
                        &d.old
                    } else {
                        &d.new
                    };
                    self.lines(segs, side);
                }
                if c.moved
                    && c.status.is_none()
                    && c.departments.is_none()
                    && c.current.is_none()
                    && c.revised.is_none()
                    && c.memo.is_none()
                {
                    self.placeholder("（文言の修正なし）");
                }
            }
            self.raw("</td>");
        }
        let _ = in_report;
        self.raw("</tr>\n");
    }

    fn side_cell(&mut self, row: &RowView, side: SideKind) {
        let class = match side {
            SideKind::Current => "txt cur",
            SideKind::Revised => "txt rev",
        };
        let _ = write!(self.out, "<td class=\"{class}\">");
        match (side, row.side(side)) {
            _ if row.current.is_none() && row.revised.is_none() => {
                self.placeholder(EMPTY_PLACEHOLDER)
            }
            (SideKind::Current, None) => self.placeholder(NEW_PLACEHOLDER),
            (SideKind::Revised, None) => self.placeholder(DELETED_PLACEHOLDER),
            (SideKind::Revised, Some(_))
                if row.is_unchanged() && self.opts.unchanged == UnchangedRows::Placeholder =>
            {
                self.placeholder(UNCHANGED_PLACEHOLDER)
            }
            (SideKind::Current, Some(_)) => self.lines(&row.diff.old, side),
            (SideKind::Revised, Some(_)) => self.lines(&row.diff.new, side),
        }
        self.raw("</td>");
    }

    fn placeholder(&mut self, text: &str) {
        self.raw("<span class=\"ph\">");
        self.raw(text);
        self.raw("</span>");
    }

    /// A side's segments, one block per line; ● lines get a hanging indent.
    fn lines(&mut self, segs: &[Segment], side: SideKind) {
        for line in split_lines(segs) {
            let bullet = line
                .first()
                .is_some_and(|(t, _)| t.starts_with(['●', '・', '○']));
            self.raw(if bullet {
                "<div class=\"ln bul\">"
            } else {
                "<div class=\"ln\">"
            });
            for (text, changed) in line {
                if changed {
                    self.change(text, side);
                } else {
                    self.text(text);
                }
            }
            self.raw("</div>");
        }
    }

    /// Inline segments (no line structure), e.g. a name.
    fn segments(&mut self, segs: &[Segment], side: SideKind) {
        for s in segs {
            if s.changed {
                self.change(&s.text, side);
            } else {
                self.text(&s.text);
            }
        }
    }

    fn change(&mut self, text: &str, side: SideKind) {
        let tag = match side {
            SideKind::Current => "del",
            SideKind::Revised => "ins",
        };
        let _ = write!(self.out, "<{tag} class=\"chg\">");
        self.text(text);
        let _ = write!(self.out, "</{tag}>");
    }

    /// Plain multi-line text (memo, opinions): line breaks as `<br>`.
    fn lines_plain(&mut self, text: &str) {
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                self.raw("<br>");
            }
            self.text(line);
        }
    }

    fn appendix(&mut self, findings: &[FindingEntry]) {
        self.raw("<section class=\"appendix\" id=\"findings\">\n<h2>付録　検査結果</h2>\n");
        if findings.is_empty() {
            self.raw("<p>検査で見つかった問題はありません。</p>\n</section>\n");
            return;
        }
        self.raw("<p>");
        self.text(&findings_summary(findings));
        self.raw("</p>\n");
        self.raw("<table class=\"grid findings\"><colgroup><col class=\"f-sev\"><col class=\"f-code\"><col class=\"f-loc\"><col class=\"f-msg\"><col class=\"f-ex\"></colgroup>\n");
        self.raw("<thead><tr><th scope=\"col\">重要度</th><th scope=\"col\">コード</th><th scope=\"col\">場所</th><th scope=\"col\">内容</th><th scope=\"col\">該当箇所</th></tr></thead>\n<tbody>\n");
        for f in findings {
            self.raw("<tr><td class=\"c\">");
            self.text(&f.severity);
            self.raw("</td><td class=\"c code\">");
            self.text(&f.code);
            self.raw("</td><td>");
            self.text(&f.location);
            self.raw("</td><td>");
            self.text(&f.printed_message());
            self.raw("</td><td>");
            self.text(&f.excerpt);
            self.raw("</td></tr>\n");
        }
        self.raw("</tbody></table>\n</section>\n");
    }
}

/// A standalone page of the changes between two versions (`shinkyu diff --format html`).
pub fn version_diff_html(diff: &VersionDiff, new_meta: &crate::model::Meta) -> Vec<u8> {
    let opts = HtmlOptions::default();
    let mut w = Html {
        out: String::with_capacity(64 * 1024),
        opts: &opts,
    };
    let doc_label = format!(
        "修正内容の比較　{}　{} → {}",
        new_meta.field_label(),
        diff.old_version,
        diff.new_version
    );
    w.raw("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n");
    w.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    w.text(&doc_label);
    w.raw("</title>\n<style>\n");
    let css = stylesheet(&doc_label, &page_corner(new_meta));
    w.raw(&css);
    w.raw("</style>\n</head>\n<body>\n<header class=\"title-block\">\n");
    if !new_meta.plan_name.is_empty() {
        w.raw("<p class=\"plan\">");
        w.text(&new_meta.plan_name);
        w.raw("</p>\n");
    }
    w.raw("<h1>修正内容の比較</h1>\n<p class=\"field\">");
    w.text(&new_meta.field_label());
    w.raw("</p>\n<dl class=\"meta\"><div><dt>前回の版</dt><dd>");
    w.text(&diff.old_version);
    w.raw("</dd></div><div><dt>今回の版</dt><dd>");
    w.text(&diff.new_version);
    w.raw("</dd></div></dl>\n</header>\n");
    w.changes(diff, false);
    w.raw("</body>\n</html>\n");
    w.out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            escape("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("a\u{0}b\nc"), "a\u{FFFD}b\nc");
    }
}
