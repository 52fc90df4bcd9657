//! SDGs: goal numbers 1–17, names as the 国連広報センター writes them, no duplicates.

use std::collections::HashMap;

use super::{Ctx, Finding, Fix, Location, PolicyField, Rule, Severity, Span, TextAddr};
use crate::model::{SDG_NAMES, sdg_name};

/// SDG001 SDGsの番号: a goal number outside 1–17.
pub const NUMBER_OUT_OF_RANGE: &str = "SDG001";

/// SDG002 SDGsの名称: a goal's name differs from the canonical Japanese name (compared
/// ignoring spaces, 、 and ・), or is the name of another goal.
pub const NAME_MISMATCH: &str = "SDG002";

/// SDG003 SDGsの重複: the same goal twice in one 施策大項目.
pub const DUPLICATE: &str = "SDG003";

/// SDG004 SDGsの名称の区切り: a goal's name that matches the canonical one only when spaces,
/// 、 and ・ are ignored (「つくる責任、つかう責任」 for 「つくる責任 つかう責任」). 情報: the
/// name is recognisable; the canonical form is still the one to print. Fix: the canonical
/// name.
pub const NAME_PUNCTUATION: &str = "SDG004";

pub(super) const RULES: &[Rule] = &[
    Rule {
        code: NUMBER_OUT_OF_RANGE,
        family: "SDGs",
        severity: Severity::Error,
        severity_note: "",
        title: "目標番号が1〜17の外",
        fix: false,
        doc: "【内容】関連するSDGsの目標番号が1～17の外です。\n\
              【理由】SDGsの目標は17あります。\n\
              【例】18 平和と公正をすべての人に\n\
              【直し方】正しい目標番号に直してください。",
    },
    Rule {
        code: NAME_MISMATCH,
        family: "SDGs",
        severity: Severity::Error,
        severity_note: "",
        title: "目標の名称が正式名称と異なる",
        fix: true,
        doc: "【内容】目標の名称が正式な日本語の名称と違います（空白・「、」・「・」の違いは無視して比べます）。または、ほかの目標の名称です。\n\
              【理由】各課が記憶で打ち込むため、誤字が入りやすい箇所です。\n\
              【例】誤：17 パートナリーシップで目標を達成しよう\n\
              正：17 パートナーシップで目標を達成しよう\n\
              【直し方】正式な名称に直します（修正ボタン）。ほかの目標の名称なら、番号と名称のどちらが正しいか確かめてください。",
    },
    Rule {
        code: DUPLICATE,
        family: "SDGs",
        severity: Severity::Warning,
        severity_note: "",
        title: "同じ目標の重複",
        fix: false,
        doc: "【内容】一つの施策大項目に、同じ目標が二度あります。\n\
              【理由】写し間違いか、別の目標を書くつもりだったしるしです。\n\
              【例】関連するSDGsに「16 平和と公正をすべての人に」が2回ある。\n\
              【直し方】一つを消すか、本来の目標に直してください。",
    },
    Rule {
        code: NAME_PUNCTUATION,
        family: "SDGs",
        severity: Severity::Info,
        severity_note: "",
        title: "目標の名称の区切り（空白・読点）が正式名称と異なる",
        fix: true,
        doc: "【内容】目標の名称が、空白・「、」・「・」を無視すれば正式な名称と同じですが、区切りが違います。\n\
              【理由】名称としては分かりますが、計画には正式な表記で載せます。\n\
              【例】誤：12 つくる責任、つかう責任\n\
              正：12 つくる責任 つかう責任\n\
              【直し方】正式な名称に直します（修正ボタン）。",
    },
];

/// A name with every run of white space (any width) written as one space.
fn spaces_folded(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{3000}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A name compared the way readers compare it: without spaces, 、, ・ and width differences.
fn normal(s: &str) -> String {
    s.chars()
        .map(super::text::to_half)
        .filter(|c| !c.is_whitespace() && !matches!(c, '、' | '，' | ',' | '・' | '･'))
        .collect()
}

pub(super) fn check(ctx: &mut Ctx) {
    let draft = ctx.draft;
    for (pi, p) in draft.policies.iter().enumerate() {
        let mut seen: HashMap<u32, usize> = HashMap::new();
        for (i, s) in p.sdgs.iter().enumerate() {
            let loc = Location::policy_field(draft, pi, PolicyField::SdgName(i), None);
            let label = format!("{} {}", s.number, s.name);
            let Some(canon) = sdg_name(s.number) else {
                let hint = SDG_NAMES
                    .iter()
                    .position(|n| normal(n) == normal(&s.name))
                    .map(|k| format!("名称からは目標{}です。", k + 1))
                    .unwrap_or_default();
                ctx.push(Finding::new(
                    Severity::Error,
                    NUMBER_OUT_OF_RANGE,
                    format!("SDGsの目標番号「{}」はありません（目標は1〜17）。{hint}番号を直してください。", s.number),
                    loc,
                    label,
                ));
                continue;
            };
            if let Some(prev) = seen.insert(s.number, i) {
                ctx.push(Finding::new(
                    Severity::Warning,
                    DUPLICATE,
                    format!(
                        "目標{}が二度挙がっています（{}番目と{}番目）。一つにまとめてください。",
                        s.number,
                        prev + 1,
                        i + 1
                    ),
                    loc.clone(),
                    label.clone(),
                ));
            }
            if s.name.trim().is_empty() || spaces_folded(&s.name) == spaces_folded(canon) {
                continue;
            }
            let n = s.name.chars().count();
            let addr = TextAddr::Policy {
                policy: p.id.clone(),
                field: PolicyField::SdgName(i),
            };
            if normal(&s.name) == normal(canon) {
                ctx.push(
                    Finding::new(
                        Severity::Info,
                        NAME_PUNCTUATION,
                        format!(
                            "目標{}の正式な名称は「{canon}」です（「{}」と書かれています）。区切りの空白や「、」も正式な名称に合わせてください。",
                            s.number, s.name
                        ),
                        Location::policy_field(draft, pi, PolicyField::SdgName(i), Some(Span::new(0, n))),
                        label,
                    )
                    .with_fix(Fix::replace(format!("「{canon}」に直す"), addr, Span::new(0, n), s.name.clone(), canon)),
                );
                continue;
            }
            let other = SDG_NAMES
                .iter()
                .position(|n| normal(n) == normal(&s.name))
                .map(|k| k + 1);
            let message = match other {
                Some(k) => format!(
                    "「{}」は目標{k}の名称です。目標{}は「{canon}」です。番号と名称のどちらが正しいか確かめてください。",
                    s.name, s.number
                ),
                None => format!(
                    "目標{}の名称は「{canon}」です（「{}」と書かれています）。正式な名称に直してください。",
                    s.number, s.name
                ),
            };
            let mut f = Finding::new(
                Severity::Error,
                NAME_MISMATCH,
                message,
                Location::policy_field(draft, pi, PolicyField::SdgName(i), Some(Span::new(0, n))),
                label,
            );
            if other.is_none() {
                f.fix = Some(Fix::replace(
                    format!("「{canon}」に直す"),
                    addr,
                    Span::new(0, n),
                    s.name.clone(),
                    canon,
                ));
            }
            ctx.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;

    fn with_sdgs(list: Vec<crate::model::SdgRef>) -> crate::model::Draft {
        let mut p = policy(1, "市政情報の提供の充実");
        p.sdgs = list;
        draft(vec![p])
    }

    #[test]
    fn misspelled_names_fire_with_fix() {
        let mut d = with_sdgs(vec![
            sdg(10, "人や国の不平等をなくそう"),
            sdg(17, "パートナリーシップで目標を達成しよう"),
            sdg(9, "産業と技術革新の基盤を作ろう"),
        ]);
        let f = run(&d, NAME_MISMATCH);
        assert_eq!(f.len(), 2);
        assert_eq!(
            f[0].location.display,
            "1. 市政情報の提供の充実 › 関連するSDGs › 17 パートナリーシップで目標を達成しよう"
        );
        apply_fix(&mut d, f[0].fix.as_ref().unwrap()).unwrap();
        apply_fix(&mut d, f[1].fix.as_ref().unwrap()).unwrap();
        assert!(run(&d, NAME_MISMATCH).is_empty());
        assert_eq!(d.policies[0].sdgs[2].name, "産業と技術革新の基盤をつくろう");
    }

    #[test]
    fn spaces_and_commas_do_not_matter() {
        let d = with_sdgs(vec![
            sdg(12, "つくる責任、つかう責任"),
            sdg(7, "エネルギーをみんなに　そしてクリーンに"),
            sdg(11, "住み続けられる まちづくりを"),
            sdg(3, ""),
        ]);
        assert!(run(&d, NAME_MISMATCH).is_empty());
        let f = run(&d, NAME_PUNCTUATION);
        let ex: Vec<&str> = f.iter().map(|f| f.excerpt.as_str()).collect();
        assert_eq!(
            ex,
            vec![
                "12 つくる責任、つかう責任",
                "11 住み続けられる まちづくりを"
            ]
        );
    }

    #[test]
    fn another_goals_name_has_no_fix() {
        let f = run(&with_sdgs(vec![sdg(4, "飢餓をゼロに")]), NAME_MISMATCH);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("目標2の名称"));
        assert!(f[0].fix.is_none());
    }

    #[test]
    fn numbers_and_duplicates() {
        let d = with_sdgs(vec![
            sdg(18, "x"),
            sdg(0, "貧困をなくそう"),
            sdg(5, "ジェンダー平等を実現しよう"),
            sdg(5, "ジェンダー平等を実現しよう"),
        ]);
        let f = run(&d, NUMBER_OUT_OF_RANGE);
        assert_eq!(f.len(), 2);
        assert!(f[1].message.contains("目標1"));
        assert_eq!(run(&d, DUPLICATE).len(), 1);
        let d = with_sdgs(vec![
            sdg(1, "貧困をなくそう"),
            sdg(17, "パートナーシップで目標を達成しよう"),
        ]);
        assert!(
            super::super::check_draft(&d)
                .iter()
                .all(|f| !f.code.starts_with("SDG"))
        );
    }
}
