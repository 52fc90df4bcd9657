//! The tree on the left as a flat list of lines: 分野 → 施策大項目 → block → row, with counts
//! per status on every node and the filters applied. Built only when the draft, the filters or
//! the expansion change, so drawing it costs only the visible lines.

use std::collections::BTreeSet;

use super::state::{ExpandKey, Filters, PolicyPage, Selection, ViewState};
use crate::model::{BlockKind, ChangeStatus, Draft, Policy, ReviewState, Row, RowId};

/// Number of rows per status, in [`ChangeStatus::ALL`] order, and per review state, in
/// [`ReviewState::ALL`] order (閲覧モード).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts(pub [usize; 4], pub [usize; 3]);

impl Counts {
    pub fn add(&mut self, status: Option<ChangeStatus>) {
        if let Some(s) = status {
            let i = ChangeStatus::ALL.iter().position(|x| *x == s).unwrap_or(0);
            self.0[i] += 1;
        }
    }

    pub fn add_review(&mut self, state: ReviewState) {
        let i = ReviewState::ALL
            .iter()
            .position(|x| *x == state)
            .unwrap_or(0);
        self.1[i] += 1;
    }

    pub fn merge(&mut self, other: Counts) {
        for i in 0..4 {
            self.0[i] += other.0[i];
        }
        for i in 0..3 {
            self.1[i] += other.1[i];
        }
    }

    /// The non-zero review counts with their states.
    pub fn review_nonzero(&self) -> impl Iterator<Item = (ReviewState, usize)> + '_ {
        ReviewState::ALL
            .into_iter()
            .zip(self.1)
            .filter(|(_, n)| *n > 0)
    }

    /// 「未確認 3、要修正 1」, for tooltips.
    pub fn describe_review(&self) -> String {
        let parts: Vec<String> = self
            .review_nonzero()
            .map(|(s, n)| format!("{} {n}", s.label()))
            .collect();
        if parts.is_empty() {
            "行はありません".into()
        } else {
            parts.join("、")
        }
    }

    pub fn total(&self) -> usize {
        self.0.iter().sum()
    }

    /// The non-zero counts with their statuses.
    pub fn nonzero(&self) -> impl Iterator<Item = (ChangeStatus, usize)> + '_ {
        ChangeStatus::ALL
            .into_iter()
            .zip(self.0)
            .filter(|(_, n)| *n > 0)
    }

    /// 「変更なし 3、変更あり 2」, for tooltips and screen readers.
    pub fn describe(&self) -> String {
        let parts: Vec<String> = self
            .nonzero()
            .map(|(s, n)| format!("{} {n}", s.label()))
            .collect();
        if parts.is_empty() {
            "変更区分のある行はありません".into()
        } else {
            parts.join("、")
        }
    }
}

/// What a tree line stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Field,
    Policy(usize),
    Page(usize, PolicyPage),
    /// A comparison block; for 現況と課題 and 協働による取組 the line is also its one row.
    Block(usize, BlockKind),
    Row(RowId),
}

impl Node {
    /// What selecting the line selects.
    pub fn selection(&self, draft: &Draft) -> Selection {
        match self {
            Node::Field => Selection::Field,
            Node::Policy(p) => Selection::Policy(*p),
            Node::Page(p, page) => Selection::Page {
                policy: *p,
                page: *page,
            },
            Node::Block(p, kind) if kind.is_single_row() => draft
                .policies
                .get(*p)
                .and_then(|pol| pol.block(*kind).first())
                .map(|r| Selection::Row(r.id.clone()))
                .unwrap_or(Selection::Block {
                    policy: *p,
                    block: *kind,
                }),
            Node::Block(p, kind) => Selection::Block {
                policy: *p,
                block: *kind,
            },
            Node::Row(id) => Selection::Row(id.clone()),
        }
    }

    pub fn expand_key(&self) -> Option<ExpandKey> {
        match self {
            Node::Field => Some(ExpandKey::Field),
            Node::Policy(p) => Some(ExpandKey::Policy(*p)),
            Node::Block(p, kind) if !kind.is_single_row() => Some(ExpandKey::Block(*p, *kind)),
            _ => None,
        }
    }
}

/// One line of the tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub depth: usize,
    pub node: Node,
    pub label: String,
    /// The row's status (rows and single-row blocks).
    pub status: Option<ChangeStatus>,
    /// Counts of the rows below (blocks, 施策大項目, 分野).
    pub counts: Option<Counts>,
    /// The row's review state (rows and single-row blocks).
    pub review: Option<ReviewState>,
    /// The row's number of comments (rows and single-row blocks).
    pub comments: usize,
    pub expandable: bool,
    pub expanded: bool,
}

/// The tree, flattened.
#[derive(Clone, Debug, Default)]
pub struct Tree {
    pub lines: Vec<Line>,
    /// Rows that pass the filters (when filters are active).
    pub matching_rows: usize,
    /// Every department named in the draft, sorted, for the department filter.
    pub departments: Vec<String>,
    /// Some row has a comment or a review state other than 未確認.
    pub has_review: bool,
    key: Option<(u64, u64)>,
}

impl Tree {
    /// Rebuilds when the draft revision or the view's tree generation changed.
    pub fn refresh(&mut self, draft: &Draft, revision: u64, view: &ViewState) {
        let key = (revision, view.tree_generation);
        if self.key == Some(key) {
            return;
        }
        *self = build(draft, view);
        self.key = Some(key);
    }

    /// The index of the line showing the selection.
    pub fn position_of(&self, draft: &Draft, selection: &Selection) -> Option<usize> {
        self.lines
            .iter()
            .position(|l| l.node.selection(draft) == *selection)
    }
}

/// A short label for a row: its own label (number and name), or the beginning of its text for
/// rows without one (めざす姿).
pub fn row_label(row: &Row, kind: BlockKind) -> String {
    let label = row.label(kind).trim().to_string();
    let named = matches!(
        kind,
        BlockKind::Measures | BlockKind::RelatedPlans | BlockKind::Projects
    );
    if named {
        let side = row.revised.as_ref().or(row.current.as_ref());
        let has_name = side.is_some_and(|s| !s.name.trim().is_empty());
        return match (label.is_empty(), has_name) {
            (false, true) => label,
            (false, false) => format!("{label}（名称未入力）"),
            (true, _) => "（名称未入力）".into(),
        };
    }
    let side = row.revised.as_ref().or(row.current.as_ref());
    let text = side
        .map(|s| {
            if !s.summary.trim().is_empty() {
                s.summary.clone()
            } else {
                s.bullets.first().cloned().unwrap_or_default()
            }
        })
        .unwrap_or_default();
    let text = text.trim();
    if text.is_empty() {
        "（未入力）".into()
    } else {
        excerpt(text, 28)
    }
}

/// The first `n` characters of `text` on one line, with … when cut.
pub fn excerpt(text: &str, n: usize) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    if one_line.chars().count() <= n {
        one_line
    } else {
        let mut s: String = one_line.chars().take(n).collect();
        s.push('…');
        s
    }
}

/// Whether a row passes the filters. `policy_departments` are the departments named anywhere
/// in the row's 施策大項目 (a row that names none belongs to them).
fn row_matches(
    row: &Row,
    kind: BlockKind,
    filters: &Filters,
    policy_departments: &BTreeSet<&str>,
    needle: &str,
) -> bool {
    if !filters.shows_status(row.status) || !filters.shows_review(row.review.state) {
        return false;
    }
    if let Some(dept) = &filters.department {
        let mut own = row.departments().peekable();
        let ok = if own.peek().is_some() {
            own.any(|d| d == dept)
        } else {
            policy_departments.contains(dept.as_str())
        };
        if !ok {
            return false;
        }
    }
    if !needle.is_empty() && !row_contains(row, kind, needle) {
        return false;
    }
    true
}

/// Whether `needle` (already lower-cased) occurs in the row: its label, either side's fields,
/// its memo. Japanese has no case; ASCII letters match either case. Allocates only for text
/// with ASCII capitals, so filtering thousands of rows on every keystroke stays cheap.
fn row_contains(row: &Row, kind: BlockKind, needle: &str) -> bool {
    let has = |text: &str| {
        if text.bytes().any(|b| b.is_ascii_uppercase()) {
            text.to_ascii_lowercase().contains(needle)
        } else {
            text.contains(needle)
        }
    };
    let side_has = |side: &Option<crate::model::Side>| {
        side.as_ref()
            .is_some_and(|s| has(&s.label(kind)) || s.texts().iter().any(|(_, t)| has(t)))
    };
    side_has(&row.current) || side_has(&row.revised) || has(&row.memo)
}

fn policy_departments(p: &Policy) -> BTreeSet<&str> {
    BlockKind::ALL
        .into_iter()
        .flat_map(|k| p.block(k).iter())
        .flat_map(|r| r.departments())
        .collect()
}

fn build(draft: &Draft, view: &ViewState) -> Tree {
    let filters = &view.filters;
    let filtering = filters.is_active();
    let needle = filters.search.trim().to_ascii_lowercase();
    let is_open = |k: ExpandKey| filtering || view.expanded.contains(&k);

    let mut departments: BTreeSet<String> = BTreeSet::new();
    let mut lines = Vec::new();
    let mut field_counts = Counts::default();
    let mut matching_rows = 0;
    let mut has_review = false;

    lines.push(Line {
        depth: 0,
        node: Node::Field,
        label: field_label(draft),
        status: None,
        counts: Some(Counts::default()),
        expandable: !draft.policies.is_empty(),
        expanded: is_open(ExpandKey::Field),
        review: None,
        comments: 0,
    });
    let field_open = is_open(ExpandKey::Field);

    for (pi, p) in draft.policies.iter().enumerate() {
        let pdepts = policy_departments(p);
        departments.extend(pdepts.iter().map(|d| d.to_string()));
        let policy_line = lines.len();
        let policy_open = field_open && is_open(ExpandKey::Policy(pi));
        let mut policy_counts = Counts::default();
        let mut policy_matches = 0;
        if field_open {
            lines.push(Line {
                depth: 1,
                node: Node::Policy(pi),
                label: p.label(),
                status: None,
                counts: None,
                expandable: true,
                expanded: policy_open,
                review: None,
                comments: 0,
            });
            if policy_open && !filtering {
                for page in PolicyPage::ALL {
                    lines.push(Line {
                        depth: 2,
                        node: Node::Page(pi, page),
                        label: page.label().to_string(),
                        status: None,
                        counts: None,
                        expandable: false,
                        expanded: false,
                        review: None,
                        comments: 0,
                    });
                }
            }
        }
        for kind in BlockKind::ALL {
            let rows = p.block(kind);
            let block_open = policy_open && is_open(ExpandKey::Block(pi, kind));
            let mut block_counts = Counts::default();
            let mut block_matches = 0;
            let mut row_lines = Vec::new();
            for r in rows {
                has_review |= !r.review.is_empty();
                if filtering && !row_matches(r, kind, filters, &pdepts, &needle) {
                    continue;
                }
                block_matches += 1;
                block_counts.add(r.status);
                block_counts.add_review(r.review.state);
                if block_open && !kind.is_single_row() {
                    row_lines.push(Line {
                        depth: 3,
                        node: Node::Row(r.id.clone()),
                        label: row_label(r, kind),
                        status: r.status,
                        counts: None,
                        expandable: false,
                        expanded: false,
                        review: Some(r.review.state),
                        comments: r.review.comments.len(),
                    });
                }
            }
            policy_counts.merge(block_counts);
            policy_matches += block_matches;
            if policy_open && (!filtering || block_matches > 0) {
                let single = kind.is_single_row();
                lines.push(Line {
                    depth: 2,
                    node: Node::Block(pi, kind),
                    label: kind.label().to_string(),
                    status: if single {
                        rows.first().and_then(|r| r.status)
                    } else {
                        None
                    },
                    counts: (!single).then_some(block_counts),
                    expandable: !single && !rows.is_empty(),
                    expanded: block_open && !single,
                    review: if single {
                        rows.first().map(|r| r.review.state)
                    } else {
                        None
                    },
                    comments: if single {
                        rows.first().map_or(0, |r| r.review.comments.len())
                    } else {
                        0
                    },
                });
                lines.extend(row_lines);
            }
        }
        field_counts.merge(policy_counts);
        matching_rows += policy_matches;
        if field_open {
            if filtering && policy_matches == 0 {
                // Nothing of this 施策大項目 passes the filters.
                lines.truncate(policy_line);
            } else if let Some(l) = lines.get_mut(policy_line) {
                l.counts = Some(policy_counts);
            }
        }
    }
    lines[0].counts = Some(field_counts);
    Tree {
        lines,
        matching_rows,
        departments: departments.into_iter().collect(),
        has_review,
        key: None,
    }
}

fn field_label(draft: &Draft) -> String {
    let m = &draft.meta;
    if m.field_name.is_empty() && m.field_number == 0 {
        "（分野名なし）".into()
    } else {
        m.field_label()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::synthetic::sample_draft;

    fn labels(t: &Tree) -> Vec<String> {
        t.lines
            .iter()
            .map(|l| format!("{}{}", " ".repeat(l.depth), l.label))
            .collect()
    }

    #[test]
    fn default_view_opens_the_first_policy() {
        let d = sample_draft();
        let view = ViewState::new(&d);
        let mut t = Tree::default();
        t.refresh(&d, 0, &view);
        let l = labels(&t);
        assert_eq!(l[0], "6. 行財政経営分野");
        assert_eq!(l[1], " 1. 市民との情報共有の推進");
        assert_eq!(l[2], "  市民アンケート結果");
        assert!(l.contains(&"  主な事業一覧".to_string()));
        assert_eq!(l.last().unwrap(), " 2. 電子自治体の推進");
        // Counts add up.
        let field = t.lines[0].counts.unwrap();
        let total = d.rows().filter(|(_, _, r)| r.status.is_some()).count();
        assert_eq!(field.total(), total);
    }

    #[test]
    fn filters_show_matching_rows_with_their_ancestors() {
        let d = sample_draft();
        let mut view = ViewState::new(&d);
        view.filters.statuses = [false, false, true, false]; // 新規 only
        view.touch_tree();
        let mut t = Tree::default();
        t.refresh(&d, 0, &view);
        let rows: Vec<&Line> = t
            .lines
            .iter()
            .filter(|l| matches!(l.node, Node::Row(_)))
            .collect();
        assert!(rows.iter().all(|l| l.status == Some(ChangeStatus::New)));
        let new_rows = d
            .rows()
            .filter(|(_, _, r)| r.status == Some(ChangeStatus::New))
            .count();
        assert_eq!(rows.len(), new_rows);
        assert_eq!(t.matching_rows, new_rows);
        // Policy 2 has no 新規 row: it is gone.
        assert!(!t.lines.iter().any(|l| l.node == Node::Policy(1)));

        view.filters = Filters {
            search: "オンライン".into(),
            ..Filters::default()
        };
        view.touch_tree();
        t.refresh(&d, 0, &view);
        assert!(t.matching_rows >= 2, "{:?}", labels(&t));
        assert!(
            t.lines
                .iter()
                .any(|l| l.node == Node::Row(RowId::new("p1-pr4")))
        );

        view.filters = Filters {
            department: Some("企画課".into()),
            ..Filters::default()
        };
        view.touch_tree();
        t.refresh(&d, 0, &view);
        assert!(
            t.lines
                .iter()
                .any(|l| l.node == Node::Row(RowId::new("p1-m3")))
        );
        assert!(
            !t.lines
                .iter()
                .any(|l| l.node == Node::Row(RowId::new("p1-m1")))
        );
        assert!(t.departments.contains(&"情報政策課".to_string()));
    }
}
