//! The comparison view: a draft as the 新旧対照表 shows it, computed once and shared by every
//! exporter and by the GUI's preview.
//!
//! Rows come in document order (施策大項目 → 現況と課題, めざす姿, 施策中項目, 協働による取組,
//! 関連計画, 主な事業), each with the whole text of its two sides and their [`TextDiff`]. The
//! view owns its data (no borrow of the draft), so the GUI can keep it between frames and
//! rebuild it, or a single row with [`RowView::build`], after an edit.

use serde::Serialize;

use crate::diff::{DiffOptions, Precision, TextDiff, diff_text_with};
use crate::model::{
    BlockKind, ChangeStatus, Draft, Indicator, Meta, Policy, PolicyStatus, Rename, Review, Row,
    RowId, RowPath, Side, SideKind, Survey, Voice, sdg_name,
};

/// How to build a [`ComparisonView`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewOptions {
    /// How each row's two sides are diffed.
    pub diff: DiffOptions,
    /// Only these 施策大項目 (indices into `Draft::policies`); `None` = all.
    pub policies: Option<Vec<usize>>,
}

/// A draft as the 新旧対照表 shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComparisonView {
    pub meta: Meta,
    pub policies: Vec<PolicyView>,
}

/// Rows per 変更区分, and rows without one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
pub struct StatusCounts {
    /// Indexed like [`ChangeStatus::ALL`]: 変更なし, 変更あり, 新規, 削除.
    pub by_status: [usize; 4],
    /// Rows whose block carries no status (現況と課題, 協働による取組) or where it was left out.
    pub without_status: usize,
}

impl StatusCounts {
    pub fn add(&mut self, status: Option<ChangeStatus>) {
        match status {
            Some(s) => self.by_status[status_index(s)] += 1,
            None => self.without_status += 1,
        }
    }

    pub fn get(&self, status: ChangeStatus) -> usize {
        self.by_status[status_index(status)]
    }

    pub fn total(&self) -> usize {
        self.by_status.iter().sum::<usize>() + self.without_status
    }

    fn merge(&mut self, other: &StatusCounts) {
        for (a, b) in self.by_status.iter_mut().zip(other.by_status) {
            *a += b;
        }
        self.without_status += other.without_status;
    }
}

fn status_index(s: ChangeStatus) -> usize {
    ChangeStatus::ALL
        .iter()
        .position(|x| *x == s)
        .expect("every status is in ALL")
}

/// A 施策大項目: its header blocks as written and its comparison rows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PolicyView {
    /// Index into `Draft::policies`.
    pub index: usize,
    pub id: RowId,
    pub number: u32,
    /// The name in the plan in force.
    pub name: String,
    /// In force, 新規 (added in this revision: （新規） on the 現行 side) or 削除 (leaves the plan:
    /// （削除） on the 改定案 side). Every exporter shows it through [`PolicyView::marked_label`]
    /// and [`PolicyView::side_label`].
    pub status: PolicyStatus,
    /// The new name when 大項目名の変更 is あり.
    pub revised_name: Option<String>,
    /// The diff of the two names when renamed.
    pub name_diff: Option<TextDiff>,
    pub survey: Option<Survey>,
    pub voices: Vec<Voice>,
    pub sdgs: Vec<SdgView>,
    pub indicators: Vec<Indicator>,
    /// 各課意見 on the indicators.
    pub indicator_opinion: String,
    /// The comparison blocks in document order (every block, even an empty one).
    pub blocks: Vec<BlockView>,
    pub counts: StatusCounts,
}

impl PolicyView {
    /// `1. 市政情報の提供の充実…` (the name in force).
    pub fn label(&self) -> String {
        format!("{}. {}", self.number, self.name)
    }

    /// `1. …` with the revised name.
    pub fn revised_label(&self) -> String {
        format!(
            "{}. {}",
            self.number,
            self.revised_name.as_deref().unwrap_or(&self.name)
        )
    }

    /// [`PolicyView::label`] followed by （新規） or （削除） when the 施策大項目 is one: the
    /// heading, the table of contents, the summary, the CSV's 大項目 and the sheet titles.
    pub fn marked_label(&self) -> String {
        format!("{}{}", self.label(), self.status.mark())
    }

    /// The 施策大項目 as one side of the 新旧対照表 shows it: the 現行 side of a 新規 one is
    /// （新規）, the 改定案 side of a 削除 one （削除）; otherwise the name in force on the 現行
    /// side and the revised name on the 改定案 side.
    pub fn side_label(&self, side: SideKind) -> String {
        match (side, self.status) {
            (SideKind::Current, PolicyStatus::New) | (SideKind::Revised, PolicyStatus::Deleted) => {
                self.status.mark().to_string()
            }
            (SideKind::Current, _) => self.label(),
            (SideKind::Revised, _) => self.revised_label(),
        }
    }

    /// Every comparison row of this 施策大項目 in document order.
    pub fn rows(&self) -> impl Iterator<Item = &RowView> {
        self.blocks.iter().flat_map(|b| b.rows.iter())
    }
}

/// A 関連するSDGs entry as written, with the goal's canonical name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SdgView {
    pub number: u32,
    /// As the departments wrote it.
    pub name: String,
    /// The 国連広報センター name of goal `number`, if it is 1–17.
    pub canonical: Option<&'static str>,
}

/// The rows of one comparison block.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BlockView {
    pub kind: BlockKind,
    pub rows: Vec<RowView>,
}

/// One row of the 新旧対照表.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RowView {
    pub id: RowId,
    #[serde(skip)]
    pub path: RowPath,
    pub block: BlockKind,
    /// 1-based position within the block.
    pub ordinal: usize,
    /// The row's label as the seed writes it (`1 広報広聴活動の充実`, `①…`, a plan's name);
    /// empty for めざす姿, 現況と課題 and 協働による取組.
    pub label: String,
    /// 変更区分 as staff set it.
    pub status: Option<ChangeStatus>,
    /// 現行: the whole text (label, 評価回答部署, 期間, summary, ● bullets, one per line);
    /// `None` when the row has no current side (a new row).
    pub current: Option<String>,
    /// 改定案, likewise; `None` when the row has no revised side (a deleted row).
    pub revised: Option<String>,
    /// The diff of `current` and `revised` (an absent side diffs as empty text, so a new row's
    /// whole revised text is marked, and a deleted row's whole current text).
    pub diff: TextDiff,
    pub precision: Precision,
    /// 変更理由・各課意見.
    pub memo: String,
    /// Section managers' review state and comments (閲覧モード).
    pub review: Review,
}

impl RowView {
    /// Builds the view of one row (for the GUI to refresh a row after an edit).
    pub fn build(row: &Row, path: RowPath, ordinal: usize, opts: &DiffOptions) -> RowView {
        let kind = path.block;
        let text = |s: Option<&Side>| s.filter(|s| !s.is_blank()).map(|s| s.text(kind));
        let current = text(row.side(SideKind::Current));
        let revised = text(row.side(SideKind::Revised));
        let outcome = diff_text_with(
            current.as_deref().unwrap_or(""),
            revised.as_deref().unwrap_or(""),
            opts,
        );
        RowView {
            id: row.id.clone(),
            path,
            block: kind,
            ordinal,
            label: row.label(kind),
            status: row.status,
            current,
            revised,
            diff: outcome.diff,
            precision: outcome.precision,
            memo: row.memo.clone(),
            review: row.review.clone(),
        }
    }

    /// True when both sides exist and their texts are equal.
    pub fn is_unchanged(&self) -> bool {
        self.current.is_some() && self.revised.is_some() && self.diff.is_unchanged()
    }

    /// The 変更区分 the texts imply: 新規 without a current side, 削除 without a revised side,
    /// else 変更なし or 変更あり. `None` when the row is empty on both sides.
    pub fn implied_status(&self) -> Option<ChangeStatus> {
        match (&self.current, &self.revised) {
            (None, None) => None,
            (None, Some(_)) => Some(ChangeStatus::New),
            (Some(_), None) => Some(ChangeStatus::Deleted),
            (Some(_), Some(_)) if self.diff.is_unchanged() => Some(ChangeStatus::Unchanged),
            (Some(_), Some(_)) => Some(ChangeStatus::Modified),
        }
    }

    /// The 項目 cell: the block's name, and the row's label or position, e.g.
    /// `("施策中項目", "1 広報広聴活動の充実")`, `("めざす姿", "（2）")`, `("現況と課題", "")`.
    pub fn item(&self) -> (&'static str, String) {
        let second = if !self.label.is_empty() {
            self.label.clone()
        } else if self.block.is_single_row() {
            String::new()
        } else {
            format!("（{}）", self.ordinal)
        };
        (self.block.label(), second)
    }

    /// The side's text by [`SideKind`].
    pub fn side(&self, which: SideKind) -> Option<&str> {
        match which {
            SideKind::Current => self.current.as_deref(),
            SideKind::Revised => self.revised.as_deref(),
        }
    }
}

impl ComparisonView {
    /// Builds the view of a draft.
    pub fn build(draft: &Draft, opts: &ViewOptions) -> ComparisonView {
        Self::build_with_progress(draft, opts, &mut |_, _| {})
    }

    /// [`ComparisonView::build`], calling `progress(done, total)` after each 施策大項目 (for a
    /// progress bar on large drafts; call it from a worker thread).
    pub fn build_with_progress(
        draft: &Draft,
        opts: &ViewOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> ComparisonView {
        let chosen: Vec<(usize, &Policy)> = draft
            .policies
            .iter()
            .enumerate()
            .filter(|(i, _)| opts.policies.as_ref().is_none_or(|only| only.contains(i)))
            .collect();
        let total = chosen.len();
        let mut policies = Vec::with_capacity(total);
        for (done, (i, p)) in chosen.into_iter().enumerate() {
            policies.push(build_policy(i, p, &opts.diff));
            progress(done + 1, total);
        }
        ComparisonView {
            meta: draft.meta.clone(),
            policies,
        }
    }

    /// Every row in document order, with its 施策大項目.
    pub fn rows(&self) -> impl Iterator<Item = (&PolicyView, &RowView)> {
        self.policies
            .iter()
            .flat_map(|p| p.rows().map(move |r| (p, r)))
    }

    /// The row with `id`.
    pub fn row(&self, id: &RowId) -> Option<&RowView> {
        self.rows().map(|(_, r)| r).find(|r| &r.id == id)
    }

    /// Counts over the whole draft.
    pub fn totals(&self) -> StatusCounts {
        let mut t = StatusCounts::default();
        for p in &self.policies {
            t.merge(&p.counts);
        }
        t
    }

    /// Bytes of row text (both sides), to size output buffers.
    pub fn text_bytes(&self) -> usize {
        self.rows()
            .map(|(_, r)| {
                r.current.as_ref().map_or(0, String::len)
                    + r.revised.as_ref().map_or(0, String::len)
                    + r.memo.len()
                    + r.label.len()
            })
            .sum()
    }

    /// Rows whose diff had to fall back to a coarser precision.
    pub fn coarse_rows(&self) -> impl Iterator<Item = &RowView> {
        self.rows()
            .map(|(_, r)| r)
            .filter(|r| r.precision != Precision::Grapheme)
    }
}

fn build_policy(index: usize, p: &Policy, opts: &DiffOptions) -> PolicyView {
    let (revised_name, name_diff) = match &p.rename {
        Rename::Unchanged => (None, None),
        Rename::Renamed(n) => (Some(n.clone()), Some(diff_text_with(&p.name, n, opts).diff)),
    };
    let mut counts = StatusCounts::default();
    let blocks = BlockKind::ALL
        .into_iter()
        .map(|kind| BlockView {
            kind,
            rows: p
                .block(kind)
                .iter()
                .enumerate()
                .map(|(ri, row)| {
                    counts.add(row.status);
                    RowView::build(
                        row,
                        RowPath {
                            policy: index,
                            block: kind,
                            row: ri,
                        },
                        ri + 1,
                        opts,
                    )
                })
                .collect(),
        })
        .collect();
    PolicyView {
        index,
        id: p.id.clone(),
        number: p.number,
        name: p.name.clone(),
        status: p.status,
        revised_name,
        name_diff,
        survey: p.survey.clone(),
        voices: p.voices.clone(),
        sdgs: p
            .sdgs
            .iter()
            .map(|s| SdgView {
                number: s.number,
                name: s.name.clone(),
                canonical: sdg_name(s.number),
            })
            .collect(),
        indicators: p.indicators.clone(),
        indicator_opinion: p.indicator_opinion.clone(),
        blocks,
        counts,
    }
}
