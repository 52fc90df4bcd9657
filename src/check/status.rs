//! Status against text: the 変更区分 a row carries agrees with its two sides.

use std::collections::HashMap;

use super::{Ctx, Field, Finding, Fix, Location, Rule, Severity};
use crate::model::{BlockKind, ChangeStatus, Row, RowPath, SideKind};

/// STA001 変更ありなのに同じ: the row says 変更あり but its 改定案 equals its 現行 (ignoring
/// white space).
pub const MODIFIED_BUT_SAME: &str = "STA001";

/// STA002 変更なしなのに異なる: the row says 変更なし but its 改定案 differs from its 現行.
pub const UNCHANGED_BUT_DIFFERENT: &str = "STA002";

/// STA003 新規なのに現行あり: a 新規 row has text on the 現行 side.
pub const NEW_WITH_CURRENT: &str = "STA003";

/// STA004 削除なのに改定案あり: a 削除 row has text on the 改定案 side.
pub const DELETED_WITH_REVISED: &str = "STA004";

/// STA005 変更区分なし: a row of a block that carries 変更区分 (めざす姿, 施策中項目,
/// 関連計画, 主な事業) has none.
pub const MISSING_STATUS: &str = "STA005";

/// STA006 変更区分と欄の不一致: 変更あり / 変更なし without a 現行 side (it is 新規), or
/// 変更あり without a 改定案 side (it is 削除).
pub const STATUS_SIDE_MISMATCH: &str = "STA006";

/// STA007 名称の入れ替え: two rows of one block exchange their names (row A's new name is
/// row B's current name and the other way round).
pub const SWAPPED_NAMES: &str = "STA007";

pub(super) const RULES: &[Rule] = &[
    Rule {
        code: MODIFIED_BUT_SAME,
        family: "変更区分",
        severity: Severity::Error,
        severity_note: "",
        title: "変更ありなのに改定案が現行と同じ",
        fix: true,
        doc: "【内容】変更区分が「変更あり」なのに、改定案が現行と同じです（空白の違いは無視して比べます）。\n\
              【理由】新旧対照表に、実際にはない変更が載ります。読む人は修正箇所の下線を探しますが、見つかりません。\n\
              【例】現行の文を改定案に写して「変更あり」にしたが、書き直していない。\n\
              【直し方】変更しないなら「変更なし」にします（修正ボタン）。変更するなら改定案を書き直してください。",
    },
    Rule {
        code: UNCHANGED_BUT_DIFFERENT,
        family: "変更区分",
        severity: Severity::Error,
        severity_note: "",
        title: "変更なしなのに改定案が現行と異なる",
        fix: true,
        doc: "【内容】変更区分が「変更なし」なのに、改定案が現行と違います。\n\
              【理由】変更が変更として示されないまま新旧対照表に載り、確認で見落とされます。\n\
              【例】改定案の「取り組みます」を「推進します」に直したが、変更区分は「変更なし」のまま。\n\
              【直し方】変更したなら「変更あり」にします（修正ボタン）。変更しないなら改定案を現行に戻してください。",
    },
    Rule {
        code: NEW_WITH_CURRENT,
        family: "変更区分",
        severity: Severity::Error,
        severity_note: "",
        title: "新規なのに現行の記載がある",
        fix: false,
        doc: "【内容】変更区分が「新規」の行に、現行の記載があります。\n\
              【理由】「新規」は現行計画にない行で、新旧対照表の現行欄には（新規）と示します。変更区分が違うか、現行欄に誤って貼り付けたかのどちらかです。\n\
              【例】新しく加えた事業の行の現行欄に、別の事業の事業概要が入っている。\n\
              【直し方】現行計画にある行なら「変更あり」にし、新しい行なら現行欄の記載を消してください。",
    },
    Rule {
        code: DELETED_WITH_REVISED,
        family: "変更区分",
        severity: Severity::Error,
        severity_note: "",
        title: "削除なのに改定案の記載がある",
        fix: false,
        doc: "【内容】変更区分が「削除」の行に、改定案の記載があります。\n\
              【理由】「削除」は計画から外す行で、新旧対照表の改定案欄には（削除）と示します。\n\
              【例】「削除」にした事業の改定案欄に、事業概要が残っている。\n\
              【直し方】計画から外すなら改定案の記載を消し、残すなら「変更あり」か「変更なし」にしてください。",
    },
    Rule {
        code: MISSING_STATUS,
        family: "変更区分",
        severity: Severity::Error,
        severity_note: "",
        title: "変更区分が入っていない",
        fix: true,
        doc: "【内容】変更区分を付ける欄（めざす姿、施策中項目、関連計画、主な事業一覧）の行に、変更区分がありません。\n\
              【理由】新旧対照表の変更区分の列が空になります。\n\
              【例】各課回答から写しためざす姿の2番目の行に、変更区分が入っていない。\n\
              【直し方】「変更なし」「変更あり」「新規」「削除」のいずれかを選んでください。現行と改定案の記載から決まるときは、その変更区分にする修正ボタンが出ます。",
    },
    Rule {
        code: STATUS_SIDE_MISMATCH,
        family: "変更区分",
        severity: Severity::Error,
        severity_note: "",
        title: "変更区分と現行・改定案の有無が合わない",
        fix: true,
        doc: "【内容】「変更あり」「変更なし」なのに現行の記載がない（それは「新規」の行です）、または「変更あり」なのに改定案の記載がない（それは「削除」の行です）。\n\
              【理由】新旧対照表で、文が入るはずの欄、または（新規）（削除）と示すはずの欄が空になります。\n\
              【例】新しく加えた関連計画の行が「変更あり」で、現行欄が空。\n\
              【直し方】現行と改定案の有無に合う変更区分にします（修正ボタン）。または、足りない欄の記載を入れてください。",
    },
    Rule {
        code: SWAPPED_NAMES,
        family: "変更区分",
        severity: Severity::Info,
        severity_note: "",
        title: "二つの行の名称が入れ替わっている",
        fix: false,
        doc: "【内容】同じ欄の二つの行が、互いの名称に変わっています（行Aの新しい名称が行Bの現行の名称で、その逆も同じ）。ひらがな・空白・かっこの違いは無視して比べます。\n\
              【理由】たいていは行の並べ替えを、二つの名称変更として書いたものです。計画では行を動かしただけなのに、新旧対照表には大きな変更が二つ載ります。\n\
              【例】「②市民と市長の対話集会」を「市長への手紙」に、「③市長への手紙」を「市民と市長との対話集会」に書き換えている。\n\
              【直し方】順序を入れ替えたいだけなら、名称を元に戻して行を並べ替えてください。意図した名称の変更なら、この指摘は無視してかまいません。",
    },
];

/// The status the two sides imply, when they imply one.
fn implied(row: &Row) -> Option<ChangeStatus> {
    let cur = row.current.as_ref().filter(|s| !s.is_blank());
    let rev = row.revised.as_ref().filter(|s| !s.is_blank());
    match (cur, rev) {
        (None, Some(_)) => Some(ChangeStatus::New),
        (Some(c), Some(r)) => Some(if c.same_text(r) {
            ChangeStatus::Unchanged
        } else {
            ChangeStatus::Modified
        }),
        // A blank 改定案 side (present but empty) says the row goes.
        (Some(_), None) if row.revised.is_some() => Some(ChangeStatus::Deleted),
        _ => None,
    }
}

fn status_location(ctx: &Ctx, path: RowPath) -> Location {
    let mut loc = Location::row(ctx.draft, path, None);
    loc.field = Some(Field::Status);
    loc.display.push_str(" › 変更区分");
    loc
}

pub(super) fn check(ctx: &mut Ctx) {
    let draft = ctx.draft;
    for (path, _, row) in draft.rows() {
        let carries = path.block.carries_status();
        let has_cur = row.current.as_ref().is_some_and(|s| !s.is_blank());
        let has_rev = row.revised.as_ref().is_some_and(|s| !s.is_blank());
        let set = |s: ChangeStatus| Fix::set_status(row.id.clone(), s);
        let label = row.status.map(|s| s.label()).unwrap_or("");
        let mut push = |sev, code, msg: String, fix: Option<Fix>| {
            let mut f = Finding::new(sev, code, msg, status_location(ctx, path), label);
            f.fix = fix;
            ctx.out.push(f);
        };
        match row.status {
            None if carries => {
                let imp = implied(row);
                let hint = match imp {
                    Some(s) => format!("現行と改定案の内容からは「{}」です。", s.label()),
                    None => String::new(),
                };
                push(
                    Severity::Error,
                    MISSING_STATUS,
                    format!(
                        "変更区分が入っていません。{hint}「変更なし」「変更あり」「新規」「削除」のいずれかを選んでください。"
                    ),
                    imp.map(set),
                );
            }
            None => {}
            Some(ChangeStatus::Modified | ChangeStatus::Unchanged) if !has_cur => {
                let fix = if has_rev {
                    Some(set(ChangeStatus::New))
                } else {
                    None
                };
                push(
                    Severity::Error,
                    STATUS_SIDE_MISMATCH,
                    format!(
                        "変更区分が「{label}」ですが、現行の記載がありません。新しく加える行なら「新規」にし、そうでなければ現行の記載を入れてください。"
                    ),
                    fix,
                );
            }
            Some(ChangeStatus::Modified) if row.revised.is_none() || !has_rev => {
                push(
                    Severity::Error,
                    STATUS_SIDE_MISMATCH,
                    "変更区分が「変更あり」ですが、改定案の記載がありません。改定案を書くか、計画から外す行なら「削除」にしてください。".to_string(),
                    row.revised.as_ref().map(|_| set(ChangeStatus::Deleted)),
                );
            }
            Some(ChangeStatus::Modified) => {
                if let (Some(c), Some(r)) = (&row.current, &row.revised)
                    && c.same_text(r)
                {
                    push(
                        Severity::Error,
                        MODIFIED_BUT_SAME,
                        "変更区分が「変更あり」ですが、改定案は現行と同じです（空白の違いを除く）。変更しないなら「変更なし」にし、変更するなら改定案を書き直してください。".to_string(),
                        Some(set(ChangeStatus::Unchanged)),
                    );
                }
            }
            Some(ChangeStatus::Unchanged) => {
                if let (Some(c), Some(r)) = (&row.current, &row.revised)
                    && !c.same_text(r)
                {
                    push(
                        Severity::Error,
                        UNCHANGED_BUT_DIFFERENT,
                        "変更区分が「変更なし」ですが、改定案が現行と異なります。変更したなら「変更あり」にし、そうでなければ改定案を現行に戻してください。".to_string(),
                        Some(set(ChangeStatus::Modified)),
                    );
                }
            }
            Some(ChangeStatus::New) if has_cur => {
                push(
                        Severity::Error,
                        NEW_WITH_CURRENT,
                        "変更区分が「新規」ですが、現行の記載があります。現行計画にある行なら「変更あり」にし、新しい行なら現行の記載を消してください。".to_string(),
                        None,
                    );
            }
            Some(ChangeStatus::Deleted) if has_rev => {
                push(
                        Severity::Error,
                        DELETED_WITH_REVISED,
                        "変更区分が「削除」ですが、改定案の記載があります。計画から外すなら改定案を消し、残すなら「変更あり」か「変更なし」にしてください。".to_string(),
                        None,
                    );
            }
            Some(ChangeStatus::New | ChangeStatus::Deleted) => {}
        }
    }
    swapped_names(ctx);
}

/// A name without hiragana, white space and brackets.
fn name_key(name: &str) -> String {
    name.chars()
        .filter(|&c| {
            !super::text::is_hiragana(c)
                && !super::text::is_space(c)
                && !"「」『』()（）".contains(c)
        })
        .collect()
}

/// STA007: pairs of rows in one block that exchange names.
fn swapped_names(ctx: &mut Ctx) {
    let draft = ctx.draft;
    for (pi, p) in draft.policies.iter().enumerate() {
        for kind in [
            BlockKind::Measures,
            BlockKind::RelatedPlans,
            BlockKind::Projects,
        ] {
            let rows = p.block(kind);
            // Names compared without kana, spaces and brackets, so that 「市民と市長の対話集会」
            // and 「市民と市長との対話集会」 are one name.
            let name = |r: &Row, s: SideKind| {
                r.side(s)
                    .map(|x| name_key(&x.name))
                    .filter(|n| n.chars().count() >= 3)
            };
            let by_current: HashMap<String, usize> = rows
                .iter()
                .enumerate()
                .filter_map(|(i, r)| name(r, SideKind::Current).map(|n| (n, i)))
                .collect();
            for (i, r) in rows.iter().enumerate() {
                let (Some(ci), Some(ri)) = (name(r, SideKind::Current), name(r, SideKind::Revised))
                else {
                    continue;
                };
                if ci == ri {
                    continue;
                }
                let Some(&j) = by_current.get(&ri) else {
                    continue;
                };
                if j <= i || name(&rows[j], SideKind::Revised).as_deref() != Some(ci.as_str()) {
                    continue;
                }
                let path = RowPath {
                    policy: pi,
                    block: kind,
                    row: i,
                };
                let other = rows[j].label(kind);
                let names = |r: &Row| {
                    (
                        r.current
                            .as_ref()
                            .map(|x| x.name.clone())
                            .unwrap_or_default(),
                        r.revised
                            .as_ref()
                            .map(|x| x.name.clone())
                            .unwrap_or_default(),
                    )
                };
                let ((ci, ri), (cj, rj)) = (names(r), names(&rows[j]));
                ctx.push(Finding::new(
                    Severity::Info,
                    SWAPPED_NAMES,
                    format!(
                        "この行と「{other}」の{name}が入れ替わっています（「{ci}」→「{ri}」、「{cj}」→「{rj}」）。順序の入れ替えであれば、{name}の変更ではなく行の並べ替えで表すと新旧対照表が読みやすくなります。",
                        name = kind.name_label()
                    ),
                    Location::row(draft, path, None),
                    format!("{ci}→{ri}"),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::check_draft;
    use super::super::testutil::*;
    use super::*;
    use crate::model::{ChangeStatus::*, Side};

    fn one_measure(
        status: Option<ChangeStatus>,
        cur: Option<Side>,
        rev: Option<Side>,
    ) -> crate::model::Draft {
        let mut p = policy(1, "市政情報");
        p.measures = vec![row("m1", status, cur, rev)];
        draft(vec![p])
    }

    fn m(text: &str) -> Side {
        measure(1, "広報広聴活動の充実", &["広報課"], &[text])
    }

    #[test]
    fn modified_but_same_fires_ignoring_white_space_and_fix_sets_unchanged() {
        let mut d = one_measure(
            Some(Modified),
            Some(m("情報発信を行います。")),
            Some(m("情報発信を 行います。")),
        );
        let f = run(&d, MODIFIED_BUT_SAME);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].location
                .display
                .ends_with("1 広報広聴活動の充実 › 変更区分"),
            "{}",
            f[0].location.display
        );
        apply_fix(&mut d, f[0].fix.as_ref().unwrap()).unwrap();
        assert_eq!(d.policies[0].measures[0].status, Some(Unchanged));
        assert!(check_draft(&d).iter().all(|f| f.code != MODIFIED_BUT_SAME));
    }

    #[test]
    fn modified_with_a_real_change_does_not_fire() {
        let d = one_measure(
            Some(Modified),
            Some(m("情報発信を行います。")),
            Some(m("積極的な情報発信を行います。")),
        );
        assert!(check_draft(&d).iter().all(|f| !f.code.starts_with("STA")));
    }

    #[test]
    fn unchanged_but_different_fires_and_unchanged_without_revised_does_not() {
        let d = one_measure(
            Some(Unchanged),
            Some(m("行います。")),
            Some(m("進めます。")),
        );
        assert_eq!(run(&d, UNCHANGED_BUT_DIFFERENT).len(), 1);
        let d = one_measure(Some(Unchanged), Some(m("行います。")), None);
        assert!(check_draft(&d).iter().all(|f| !f.code.starts_with("STA")));
    }

    #[test]
    fn new_with_current_and_deleted_with_revised() {
        let d = one_measure(Some(New), Some(m("行います。")), Some(m("進めます。")));
        assert_eq!(run(&d, NEW_WITH_CURRENT).len(), 1);
        let d = one_measure(Some(New), None, Some(m("進めます。")));
        assert!(run(&d, NEW_WITH_CURRENT).is_empty());
        let d = one_measure(Some(Deleted), Some(m("行います。")), Some(m("進めます。")));
        assert_eq!(run(&d, DELETED_WITH_REVISED).len(), 1);
        let d = one_measure(Some(Deleted), Some(m("行います。")), None);
        assert!(check_draft(&d).iter().all(|f| !f.code.starts_with("STA")));
    }

    #[test]
    fn missing_status_with_implied_fix() {
        let mut d = one_measure(None, None, Some(m("進めます。")));
        let f = run(&d, MISSING_STATUS);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("「新規」です"));
        apply_fix(&mut d, f[0].fix.as_ref().unwrap()).unwrap();
        assert_eq!(d.policies[0].measures[0].status, Some(New));
        // 現況と課題 carries no status: no finding.
        let mut p = policy(1, "a");
        p.issues.current = Some(bullets(&["a"]));
        p.issues.revised = Some(bullets(&["b"]));
        assert!(run(&draft(vec![p]), MISSING_STATUS).is_empty());
    }

    #[test]
    fn status_side_mismatch() {
        let d = one_measure(Some(Modified), None, Some(m("進めます。")));
        let f = run(&d, STATUS_SIDE_MISMATCH);
        assert_eq!(f.len(), 1);
        assert!(matches!(
            &f[0].fix.as_ref().unwrap().edits[0],
            super::super::Edit::SetStatus { status: New, .. }
        ));
        let d = one_measure(Some(Modified), Some(m("行います。")), None);
        assert_eq!(run(&d, STATUS_SIDE_MISMATCH).len(), 1);
        let d = one_measure(Some(Modified), Some(m("行います。")), Some(m("進めます。")));
        assert!(run(&d, STATUS_SIDE_MISMATCH).is_empty());
    }

    #[test]
    fn swapped_names_fire_once_and_plain_renames_do_not() {
        let mut p = policy(1, "a");
        p.projects = vec![
            row(
                "a",
                Some(Modified),
                Some(project(1, "市民と市長の対話集会", "x")),
                Some(project(1, "市長への手紙", "y")),
            ),
            row(
                "b",
                Some(Modified),
                Some(project(2, "市長への手紙", "y")),
                Some(project(2, "市民と市長との対話集会", "x")),
            ),
            row(
                "c",
                Some(Modified),
                Some(project(3, "広報", "z")),
                Some(project(3, "広報活動", "z")),
            ),
        ];
        let d = draft(vec![p]);
        let f = run(&d, SWAPPED_NAMES);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Info);
        assert!(f[0].location.display.contains("①市民と市長の対話集会"));
        // A rename to another row's name without the way back is not a swap.
        let mut p = policy(1, "a");
        p.projects = vec![
            row(
                "a",
                Some(Modified),
                Some(project(1, "広報", "x")),
                Some(project(1, "広聴活動", "y")),
            ),
            row(
                "b",
                Some(Modified),
                Some(project(2, "広聴活動", "y")),
                Some(project(2, "相談の実施", "x")),
            ),
        ];
        assert!(run(&draft(vec![p]), SWAPPED_NAMES).is_empty());
    }
}
