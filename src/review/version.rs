//! What changed between two versions of a draft (素案1 → 素案2), row by row, rows matched by
//! their stable id.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::diff::{TextDiff, diff_text};
use crate::model::{BlockKind, ChangeStatus, Draft, Row, RowId, RowPath, Side, SideKind};

/// One row that differs between the versions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RowChange {
    pub id: RowId,
    /// Where the row is (in the new version, or in the old one for a removed row).
    pub location: String,
    #[serde(skip)]
    pub old_path: Option<RowPath>,
    #[serde(skip)]
    pub new_path: Option<RowPath>,
    /// Only in the new version.
    pub added: bool,
    /// Only in the old version.
    pub removed: bool,
    /// In both, but in another place relative to its neighbours, or in another block.
    pub moved: bool,
    /// Where it was, for a moved row.
    pub moved_from: Option<String>,
    /// 変更区分 before and after, when it changed.
    pub status: Option<(Option<ChangeStatus>, Option<ChangeStatus>)>,
    /// 評価回答部署 of the revised side before and after, when they changed.
    pub departments: Option<(Vec<String>, Vec<String>)>,
    /// The current side's text, when it changed (without 評価回答部署).
    #[serde(skip)]
    pub current: Option<TextDiff>,
    /// The revised side's text, when it changed (without 評価回答部署).
    #[serde(skip)]
    pub revised: Option<TextDiff>,
    /// The memo, when it changed.
    #[serde(skip)]
    pub memo: Option<TextDiff>,
    /// Old and new texts of what changed, for JSON consumers.
    pub texts: Vec<ChangedText>,
}

/// A changed text, both versions in full.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChangedText {
    /// `現行`, `改定案` or `メモ`.
    pub what: String,
    pub old: String,
    pub new: String,
}

impl RowChange {
    /// A one-line Japanese summary of what changed: 「追加」「削除」「改定案の文言」「変更区分」…
    pub fn summary(&self) -> String {
        if self.added {
            return "行の追加".to_string();
        }
        if self.removed {
            return "行の削除".to_string();
        }
        let mut parts = Vec::new();
        if self.moved {
            parts.push("順序の移動".to_string());
        }
        if let Some((a, b)) = &self.status {
            let l = |s: &Option<ChangeStatus>| s.map_or("（なし）", |s| s.label());
            parts.push(format!("変更区分（{}→{}）", l(a), l(b)));
        }
        if self.departments.is_some() {
            parts.push("評価回答部署".to_string());
        }
        if self.current.is_some() {
            parts.push("現行の文言".to_string());
        }
        if self.revised.is_some() {
            parts.push("改定案の文言".to_string());
        }
        if self.memo.is_some() {
            parts.push("メモ".to_string());
        }
        parts.join("、")
    }
}

/// The rows that differ between two versions, in the new version's document order, removed
/// rows where they stood in the old one.
#[derive(Clone, Debug, PartialEq, Serialize, Default)]
pub struct VersionDiff {
    pub old_version: String,
    pub new_version: String,
    pub changes: Vec<RowChange>,
    /// 施策大項目 whose header (name, rename, survey, voices, SDGs, indicators) changed.
    pub headers: Vec<String>,
}

impl VersionDiff {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.headers.is_empty()
    }
}

/// Compares two versions of the same draft.
pub fn compare_versions(old: &Draft, new: &Draft) -> VersionDiff {
    let old_rows: HashMap<&RowId, (RowPath, &Row)> =
        old.rows().map(|(p, _, r)| (&r.id, (p, r))).collect();
    let new_ids: HashSet<&RowId> = new.rows().map(|(_, _, r)| &r.id).collect();
    let moved = moved_rows(old, new);

    let mut changes = Vec::new();
    let mut removed: Vec<(RowPath, &Row)> = old
        .rows()
        .filter(|(_, _, r)| !new_ids.contains(&r.id))
        .map(|(p, _, r)| (p, r))
        .collect();
    removed.reverse(); // pop() yields them in document order

    for (new_path, _, row) in new.rows() {
        // Removed rows that stood before this point of the document.
        while let Some(&(old_path, _)) = removed.last() {
            if (old_path.policy, old_path.block) <= (new_path.policy, new_path.block) {
                let (p, r) = removed.pop().expect("just looked");
                changes.push(removed_change(old, p, r));
            } else {
                break;
            }
        }
        match old_rows.get(&row.id) {
            None => changes.push(RowChange {
                added: true,
                texts: vec![ChangedText {
                    what: "改定案".into(),
                    old: String::new(),
                    new: row.side_text(SideKind::Revised, new_path.block),
                }],
                ..blank_change(row, new.row_location(new_path), None, Some(new_path))
            }),
            Some(&(old_path, old_row)) => {
                let is_moved = moved.contains(&row.id);
                let mut change =
                    compare_row(old_row, row, old_path.block, new_path.block, is_moved);
                if let Some(c) = change.as_mut() {
                    c.location = new.row_location(new_path);
                    c.old_path = Some(old_path);
                    c.new_path = Some(new_path);
                    if is_moved {
                        c.moved_from = Some(old.row_location(old_path));
                    }
                    changes.push(change.take().expect("is some"));
                }
            }
        }
    }
    while let Some((p, r)) = removed.pop() {
        changes.push(removed_change(old, p, r));
    }

    let headers = new
        .policies
        .iter()
        .filter(|p| match old.policies.iter().find(|o| o.id == p.id) {
            Some(o) => {
                o.name != p.name
                    || o.rename != p.rename
                    || o.survey != p.survey
                    || o.voices != p.voices
                    || o.sdgs != p.sdgs
                    || o.indicators != p.indicators
                    || o.indicator_opinion != p.indicator_opinion
            }
            None => true,
        })
        .map(|p| p.label())
        .collect();

    VersionDiff {
        old_version: old.meta.version_label.clone(),
        new_version: new.meta.version_label.clone(),
        changes,
        headers,
    }
}

fn blank_change(
    row: &Row,
    location: String,
    old_path: Option<RowPath>,
    new_path: Option<RowPath>,
) -> RowChange {
    RowChange {
        id: row.id.clone(),
        location,
        old_path,
        new_path,
        added: false,
        removed: false,
        moved: false,
        moved_from: None,
        status: None,
        departments: None,
        current: None,
        revised: None,
        memo: None,
        texts: Vec::new(),
    }
}

fn removed_change(old: &Draft, path: RowPath, row: &Row) -> RowChange {
    RowChange {
        removed: true,
        texts: vec![ChangedText {
            what: "改定案".into(),
            old: row.side_text(SideKind::Revised, path.block),
            new: String::new(),
        }],
        ..blank_change(row, old.row_location(path), Some(path), None)
    }
}

/// The side's text as the version comparison shows it: without 評価回答部署, which is reported
/// on its own.
fn text_without_departments(side: Option<&Side>, kind: BlockKind) -> String {
    side.map(|s| {
        let mut s = s.clone();
        s.departments.clear();
        s.text(kind)
    })
    .unwrap_or_default()
}

fn compare_row(
    old: &Row,
    new: &Row,
    old_kind: BlockKind,
    new_kind: BlockKind,
    moved: bool,
) -> Option<RowChange> {
    let mut c = blank_change(new, String::new(), None, None);
    c.moved = moved;
    if old.status != new.status {
        c.status = Some((old.status, new.status));
    }
    let deps = |r: &Row| {
        r.revised
            .as_ref()
            .map(|s| s.departments.clone())
            .unwrap_or_default()
    };
    if deps(old) != deps(new) {
        c.departments = Some((deps(old), deps(new)));
    }
    for (which, slot) in [
        (SideKind::Current, &mut c.current),
        (SideKind::Revised, &mut c.revised),
    ] {
        let a = text_without_departments(old.side(which), old_kind);
        let b = text_without_departments(new.side(which), new_kind);
        if a != b {
            *slot = Some(diff_text(&a, &b));
            c.texts.push(ChangedText {
                what: which.label().to_string(),
                old: a,
                new: b,
            });
        }
    }
    if old.memo != new.memo {
        c.memo = Some(diff_text(&old.memo, &new.memo));
        c.texts.push(ChangedText {
            what: "メモ".into(),
            old: old.memo.clone(),
            new: new.memo.clone(),
        });
    }
    let changed = c.moved
        || c.status.is_some()
        || c.departments.is_some()
        || c.current.is_some()
        || c.revised.is_some()
        || c.memo.is_some();
    changed.then_some(c)
}

/// Rows present in both versions whose place changed: moved to another block or 施策大項目, or
/// out of order relative to the other common rows of their block. Within a block the rows
/// kept in place are a longest common subsequence of the two orders, so inserting or deleting
/// a row does not make its neighbours "moved".
fn moved_rows<'a>(old: &'a Draft, new: &'a Draft) -> HashSet<RowId> {
    let group = |d: &'a Draft| {
        let mut g: HashMap<&'a RowId, (usize, BlockKind)> = HashMap::new();
        for (p, _, r) in d.rows() {
            g.insert(&r.id, (p.policy, p.block));
        }
        g
    };
    let old_group = group(old);
    let new_group = group(new);
    let mut moved = HashSet::new();
    // Another block or another 施策大項目 (policies matched by id, not position).
    let policy_id = |d: &'a Draft, i: usize| &d.policies[i].id;
    for (id, (np, nb)) in &new_group {
        if let Some((op, ob)) = old_group.get(id)
            && (policy_id(old, *op) != policy_id(new, *np) || ob != nb)
        {
            moved.insert((*id).clone());
        }
    }
    // Order within the same block.
    for np in &new.policies {
        let Some(op) = old.policies.iter().find(|p| p.id == np.id) else {
            continue;
        };
        for kind in BlockKind::ALL {
            let old_ids: HashSet<&RowId> = op.block(kind).iter().map(|r| &r.id).collect();
            let new_ids: HashSet<&RowId> = np.block(kind).iter().map(|r| &r.id).collect();
            let a: Vec<&RowId> = op
                .block(kind)
                .iter()
                .map(|r| &r.id)
                .filter(|id| new_ids.contains(id))
                .collect();
            let b: Vec<&RowId> = np
                .block(kind)
                .iter()
                .map(|r| &r.id)
                .filter(|id| old_ids.contains(id))
                .collect();
            let kept = lcs(&a, &b);
            for id in b {
                if !kept.contains(id) {
                    moved.insert(id.clone());
                }
            }
        }
    }
    moved
}

/// The longest common subsequence of two id sequences (blocks are short: O(n·m) is fine).
fn lcs<'a>(a: &[&'a RowId], b: &[&'a RowId]) -> HashSet<&'a RowId> {
    let (n, m) = (a.len(), b.len());
    let mut t = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i][j] = if a[i] == b[j] {
                t[i + 1][j + 1] + 1
            } else {
                t[i + 1][j].max(t[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut kept = HashSet::new();
    while i < n && j < m {
        if a[i] == b[j] {
            kept.insert(a[i]);
            i += 1;
            j += 1;
        } else if t[i + 1][j] >= t[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    kept
}
