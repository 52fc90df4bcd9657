//! Constructors for drafts written in code: the editor's new rows, tests, benchmarks and
//! examples. Each fills the fields a block's rows use (see [`BlockKind::fields`]) and leaves
//! the rest empty.

use super::block::BlockKind;
use super::draft::{Draft, Meta, Policy, SCHEMA_VERSION, SdgRef};
use super::row::{Row, RowId, Side};
use super::status::ChangeStatus;

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

impl Side {
    /// A side holding one text in `summary` (a めざす姿 bullet, a note such as
    /// `(現行計画に記載なし)`).
    pub fn with_summary(text: &str) -> Side {
        Side {
            summary: text.into(),
            ..Side::default()
        }
    }

    /// A side holding ● paragraphs (現況と課題, 協働による取組).
    pub fn with_bullets(items: &[&str]) -> Side {
        Side {
            bullets: strings(items),
            ..Side::default()
        }
    }

    /// A 施策中項目 side: number, name, 評価回答部署, 内容.
    pub fn measure(number: u32, name: &str, departments: &[&str], items: &[&str]) -> Side {
        Side {
            number: Some(number),
            name: name.into(),
            departments: strings(departments),
            bullets: strings(items),
            ..Side::default()
        }
    }

    /// A 主な事業 side: number (① = 1), name, 事業概要.
    pub fn project(number: u32, name: &str, summary: &str) -> Side {
        Side {
            number: Some(number),
            name: name.into(),
            summary: summary.into(),
            ..Side::default()
        }
    }

    /// A 関連計画 side: name, 期間, 概要.
    pub fn plan(name: &str, period: &str, summary: &str) -> Side {
        Side {
            name: name.into(),
            period: period.into(),
            summary: summary.into(),
            ..Side::default()
        }
    }
}

impl Row {
    /// A row with its id, status and sides, no memo and no review.
    pub fn new(
        id: impl Into<String>,
        status: Option<ChangeStatus>,
        current: Option<Side>,
        revised: Option<Side>,
    ) -> Row {
        Row {
            id: RowId::new(id),
            status,
            current,
            revised,
            ..Row::default()
        }
    }

    /// A 変更なし row: the same side on both sides.
    pub fn unchanged(id: impl Into<String>, side: Side) -> Row {
        Row::new(
            id,
            Some(ChangeStatus::Unchanged),
            Some(side.clone()),
            Some(side),
        )
    }
}

impl SdgRef {
    pub fn new(number: u32, name: &str) -> SdgRef {
        SdgRef {
            number,
            name: name.into(),
        }
    }
}

impl Policy {
    /// A 施策大項目 with empty blocks; its id is `id`, its single rows' ids `<id>-issues` and
    /// `<id>-collab`.
    pub fn new(id: &str, number: u32, name: &str) -> Policy {
        Policy {
            id: RowId::new(id),
            number,
            name: name.into(),
            issues: Row::new(format!("{id}-issues"), None, None, None),
            collaboration: Row::new(format!("{id}-collab"), None, None, None),
            ..Policy::default()
        }
    }
}

impl Draft {
    /// A draft of the current schema with these metadata and 施策大項目.
    pub fn new(meta: Meta, policies: Vec<Policy>) -> Draft {
        Draft {
            schema_version: SCHEMA_VERSION,
            meta,
            policies,
            ..Draft::default()
        }
    }

    /// A draft holding `times` copies of every 施策大項目, numbered on, with fresh ids (the first
    /// copy keeps its ids, the k-th adds `-x<k>`), so that every id stays unique: the large
    /// drafts the benchmarks and scale tests measure with.
    pub fn replicated(&self, times: usize) -> Draft {
        let mut out = self.clone();
        out.policies.clear();
        let mut number = 0;
        for k in 0..times.max(1) {
            for p in &self.policies {
                let mut p = p.clone();
                number += 1;
                p.number = number;
                if k > 0 {
                    let suffix = |id: &mut RowId| id.0 = format!("{}-x{}", id.0, k + 1);
                    suffix(&mut p.id);
                    for i in &mut p.indicators {
                        suffix(&mut i.id);
                    }
                    for kind in BlockKind::ALL {
                        for r in p.block_mut(kind) {
                            suffix(&mut r.id);
                        }
                    }
                }
                out.policies.push(p);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn replicated_drafts_keep_ids_unique_and_number_on() {
        let mut p = Policy::new("a", 1, "一");
        p.projects
            .push(Row::unchanged("a.pr1", Side::project(1, "事業", "概要")));
        let d = Draft::new(Meta::default(), vec![p]).replicated(3);
        assert_eq!(
            d.policies.iter().map(|p| p.number).collect::<Vec<_>>(),
            [1, 2, 3]
        );
        let ids: Vec<&str> = d.all_ids().map(|i| i.as_str()).collect();
        let unique: HashSet<&str> = ids.iter().copied().collect();
        assert_eq!(ids.len(), unique.len(), "{ids:?}");
        assert_eq!(ids.len(), 3 * 4);
    }
}
