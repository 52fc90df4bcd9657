//! Structure: the draft's ids are sound, so comments, suppressions and fixes find their rows.

use std::collections::HashMap;

use super::{Ctx, Finding, Location, Rule, Severity};

/// STR001 重複したID: two rows, 施策大項目 or indicators share an id.
pub const DUPLICATE_ID: &str = "STR001";

/// STR002 空のID: a row's id is empty.
pub const EMPTY_ID: &str = "STR002";

pub(super) const RULES: &[Rule] = &[
    Rule {
        code: DUPLICATE_ID,
        family: "構造",
        severity: Severity::Error,
        severity_note: "",
        title: "IDの重複",
        fix: false,
        doc: "【内容】二つ以上の行（または施策大項目・成果指標）に同じIDが付いています。\n\
              【理由】コメント、無視の設定、修正、版の比較は、行をIDで見分けます。IDが重なると、それらが別の行に付いてしまいます。テキストエディタで行を複製したときに起こります。\n\
              【例】id: \"p1-m3\" の行を複製し、二つの行が同じ \"p1-m3\" を持っている。\n\
              【直し方】複製した方の行に、ほかと重ならない新しいIDを付けてください（エディタで行を追加すれば、IDは自動で付きます）。",
    },
    Rule {
        code: EMPTY_ID,
        family: "構造",
        severity: Severity::Error,
        severity_note: "",
        title: "空のID",
        fix: false,
        doc: "【内容】行のIDが空です。\n\
              【理由】IDのない行には、コメントや無視の設定を結び付けられず、版の比較でも見分けられません。\n\
              【例】テキストエディタで行を書き足し、id: \"\" のままになっている。\n\
              【直し方】ほかと重ならないIDを付けてください。",
    },
];

pub(super) fn check(ctx: &mut Ctx) {
    let draft = ctx.draft;
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for id in draft.all_ids() {
        *seen.entry(id.as_str()).or_default() += 1;
    }
    for (path, _, row) in draft.rows() {
        let id = row.id.as_str();
        if id.trim().is_empty() {
            ctx.push(Finding::new(
                Severity::Error,
                EMPTY_ID,
                "行のIDが空です。テキストエディタで編集した場合は、ほかと重ならないIDを付けてください。",
                Location::row(draft, path, None),
                "",
            ));
        } else if seen.get(id).copied().unwrap_or(0) > 1 {
            ctx.push(Finding::new(
                Severity::Error,
                DUPLICATE_ID,
                format!(
                    "ID「{id}」が複数の行で使われています。行を複製した場合は、片方に新しいIDを付けてください。"
                ),
                Location::row(draft, path, None),
                id,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::model::{BlockKind, ChangeStatus};

    #[test]
    fn duplicate_ids_fire_on_each_row() {
        let mut p = policy(1, "a");
        let s = summary("めざす姿です。");
        p.vision = vec![
            row(
                "v",
                Some(ChangeStatus::Unchanged),
                Some(s.clone()),
                Some(s.clone()),
            ),
            row("v", Some(ChangeStatus::Unchanged), Some(s.clone()), Some(s)),
        ];
        let d = draft(vec![p]);
        let f = run(&d, DUPLICATE_ID);
        assert_eq!(f.len(), 2);
        assert!(f[0].location.display.contains("めざす姿"));
    }

    #[test]
    fn unique_and_empty_ids() {
        let mut p = policy(1, "a");
        let s = summary("めざす姿です。");
        p.vision = vec![
            row("v1", Some(ChangeStatus::Unchanged), Some(s.clone()), None),
            row("", Some(ChangeStatus::Unchanged), Some(s), None),
        ];
        let d = draft(vec![p]);
        assert!(run(&d, DUPLICATE_ID).is_empty());
        let e = run(&d, EMPTY_ID);
        assert_eq!(e.len(), 1);
        assert!(matches!(
            e[0].location.target,
            super::super::Target::Row { path, .. } if path.block == BlockKind::Vision && path.row == 1
        ));
    }
}
