//! ※ marks: a term explained in the 用語解説 is marked ※. Marks must be applied the same way
//! within a 施策大項目 (a plan prints each 施策大項目 on its own pages), and every marked term
//! must be in the draft's 用語解説 when it has one.

use std::collections::{HashMap, HashSet};

use super::corpus::{Unit, UnitKind};
use super::{Ctx, Fix, Rule, Severity, Span, text};

/// KOM001 ※の付け忘れ: within one 施策大項目's revised text, a term marked ※ in one place is
/// written without ※ in another.
pub const UNMARKED: &str = "KOM001";

/// KOM002 用語解説にない※: a term marked ※ that the draft's 用語解説 does not explain (only
/// when the draft has a 用語解説).
pub const NOT_IN_GLOSSARY: &str = "KOM002";

/// KOM003 ※の位置: a ※ that follows no term (after punctuation, a particle or another ※).
/// Footnote marks such as ※1 and a ※ at the start of a text are left alone. Fix: remove it.
pub const STRAY: &str = "KOM003";

pub(super) const RULES: &[Rule] = &[
    Rule {
        code: UNMARKED,
        family: "※印",
        severity: Severity::Warning,
        severity_note: "",
        title: "※の付け忘れ（同じ施策大項目の中）",
        fix: true,
        doc: "【内容】同じ施策大項目の改定後の文で、ある箇所では※を付けた用語に、別の箇所では※がありません。下書きの付け方に従います。毎回付ける下書き（よくある付け方）では※のない箇所をすべて、最初の1回だけ付ける下書きでは※のない最初の箇所を指摘します。関連計画の計画名（ほかの文書の名称）は対象外です。\n\
              【理由】読む人は※の用語を用語解説で調べます。ある行には※があり次の行にはないと、別の語に見えます。\n\
              【例】協働による取組では「SNS※」なのに、現況と課題では「SNS、コミュニティ放送」。\n\
              【直し方】※を付けます（修正ボタン）。",
    },
    Rule {
        code: NOT_IN_GLOSSARY,
        family: "※印",
        severity: Severity::Warning,
        severity_note: "",
        title: "用語解説にない※の用語",
        fix: false,
        doc: "【内容】※を付けた用語が、下書きの用語解説にありません（下書きに用語解説があるときだけ調べます）。\n\
              【理由】※は、用語解説で説明することの約束です。\n\
              【例】「オープンデータ※」とあるのに、用語解説に「オープンデータ」がない。\n\
              【直し方】用語解説に用語を加えるか、※を外してください。",
    },
    Rule {
        code: STRAY,
        family: "※印",
        severity: Severity::Warning,
        severity_note: "",
        title: "用語の後にない※",
        fix: true,
        doc: "【内容】※が用語の後にありません（句読点、助詞、別の※の後にある）。※1 のような注の印と、文の先頭の※は対象外です。\n\
              【理由】編集で用語が消え、※だけが残ったしるしです。\n\
              【例】誤：情報を発信します。※\n\
              正：情報を発信します。\n\
              【直し方】※を削除します（修正ボタン）。用語を消しすぎた場合は、用語を戻してください。",
    },
];

fn term_char(c: char) -> bool {
    text::is_kanji(c)
        || text::is_katakana(c)
        || text::is_latin(c)
        || text::is_digit(c)
        || matches!(c, '・' | '/' | '／' | '-' | '－' | '＆' | '&')
}

/// The run of term characters ending right before `i`, trimmed of leading digits and
/// separators.
fn run_before(c: &[char], i: usize) -> Option<usize> {
    let mut s = i;
    while s > 0 && term_char(c[s - 1]) {
        s -= 1;
    }
    while s < i && !(text::is_kanji(c[s]) || text::is_katakana(c[s]) || text::is_latin(c[s])) {
        s += 1;
    }
    (s < i).then_some(s)
}

/// The script class used for word boundaries.
fn script(c: char) -> u8 {
    if text::is_kanji(c) {
        1
    } else if text::is_katakana(c) {
        2
    } else if text::is_latin(c) || text::is_digit(c) {
        3
    } else {
        0
    }
}

/// Body units that ※ rules look at: the revised plan's row text, not related plans' names.
fn body(u: &Unit) -> bool {
    u.plan && u.kind == UnitKind::Body
}

/// An occurrence of a term: unit index, start, end (exclusive, before any ※), marked.
#[derive(Clone, Copy, Debug)]
struct Occ {
    unit: usize,
    start: usize,
    end: usize,
    marked: bool,
}

fn occurrences(units: &[&Unit], idx: &[usize], term: &[char]) -> Vec<Occ> {
    let mut out = Vec::new();
    let first = script(term[0]);
    let last = script(term[term.len() - 1]);
    for &k in idx {
        let c = &units[k].chars;
        for s in text::find_all(c, term) {
            let e = s + term.len();
            if s > 0 && script(c[s - 1]) == first && first != 0 {
                continue;
            }
            let marked = c.get(e) == Some(&'※');
            if !marked && e < c.len() && script(c[e]) == last && last != 0 {
                continue;
            }
            out.push(Occ {
                unit: k,
                start: s,
                end: e,
                marked,
            });
        }
    }
    out
}

pub(super) fn check(ctx: &mut Ctx) {
    let corpus = ctx.corpus;
    let draft = ctx.draft;
    let units: Vec<&Unit> = corpus.units.iter().filter(|u| body(u)).collect();
    let glossary: Vec<Vec<char>> = draft
        .glossary
        .iter()
        .map(|g| g.term.trim().trim_end_matches('※').chars().collect())
        .filter(|t: &Vec<char>| !t.is_empty())
        .collect();
    // Marked runs, and stray marks.
    let mut runs: Vec<(usize, usize, usize)> = Vec::new();
    for (k, u) in units.iter().enumerate() {
        let c = &u.chars;
        for i in 0..c.len() {
            if c[i] != '※' {
                continue;
            }
            match run_before(c, i) {
                Some(s) => runs.push((k, s, i)),
                None => {
                    let footnote = i == 0 || c.get(i + 1).is_some_and(|n| text::is_digit(*n));
                    if !footnote {
                        ctx.push(
                            corpus
                                .finding(u, i, i + 1, Severity::Warning, STRAY, format!(
                                    "「※」が用語の後にありません（「{}」）。用語の直後に付けるか、不要なら削除してください。",
                                    text::context(c, i, i + 1, 5)
                                ))
                                .with_fix(Fix::replace("「※」を削除する", u.addr.clone(), Span::new(i, i + 1), "※", "")),
                        );
                    }
                }
            }
        }
    }
    // The term of a run: the longest glossary term it ends with; else the shortest other
    // marked run it ends with (市SNS※ → SNS); else the run itself.
    let run_texts: HashSet<Vec<char>> = runs
        .iter()
        .map(|&(k, s, e)| units[k].chars[s..e].to_vec())
        .collect();
    let term_of = |r: &[char]| -> Vec<char> {
        if let Some(g) = glossary
            .iter()
            .filter(|g| r.ends_with(g))
            .max_by_key(|g| g.len())
        {
            return g.clone();
        }
        run_texts
            .iter()
            .filter(|t| t.len() >= 2 && t.len() < r.len() && r.ends_with(t))
            .min_by_key(|t| t.len())
            .cloned()
            .unwrap_or_else(|| r.to_vec())
    };
    // Terms per 施策大項目, and the first marked place of each term in the draft.
    let mut by_policy: HashMap<usize, Vec<Vec<char>>> = HashMap::new();
    let mut first_marked: Vec<(Vec<char>, usize, usize)> = Vec::new();
    let mut seen_terms: HashSet<Vec<char>> = HashSet::new();
    for &(k, s, e) in &runs {
        let t = term_of(&units[k].chars[s..e]);
        let list = by_policy.entry(units[k].policy).or_default();
        if !list.contains(&t) {
            list.push(t.clone());
        }
        if seen_terms.insert(t.clone()) {
            first_marked.push((t, k, e));
        }
    }
    let mut policy_units: HashMap<usize, Vec<usize>> = HashMap::new();
    for (k, u) in units.iter().enumerate() {
        policy_units.entry(u.policy).or_default().push(k);
    }
    // Occurrences per (施策大項目, term), in document order, and the draft's convention.
    let mut groups: Vec<(Vec<char>, Vec<Occ>)> = Vec::new();
    let mut policies: Vec<&usize> = by_policy.keys().collect();
    policies.sort();
    for p in policies {
        for t in &by_policy[p] {
            let occ = occurrences(&units, &policy_units[p], t);
            if !occ.is_empty() {
                groups.push((t.clone(), occ));
            }
        }
    }
    let (mut every, mut first_only) = (0, 0);
    for (_, occ) in &groups {
        if occ.len() < 2 {
            continue;
        }
        if occ.iter().all(|o| o.marked) {
            every += 1;
        } else if occ[0].marked && occ[1..].iter().all(|o| !o.marked) {
            first_only += 1;
        }
    }
    let mark_every = every > first_only;
    for (t, occ) in &groups {
        let term: String = t.iter().collect();
        let Some(first_mark) = occ.iter().position(|o| o.marked) else {
            continue;
        };
        let flagged: Vec<&Occ> = if mark_every {
            occ.iter().filter(|o| !o.marked).collect()
        } else if first_mark > 0 {
            vec![&occ[0]]
        } else {
            Vec::new()
        };
        for o in flagged {
            let u = units[o.unit];
            let why = if mark_every {
                "この下書きでは※の用語は出てくるたびに※を付けています"
            } else {
                "この下書きでは※の用語は施策大項目の中で最初に出てくる箇所に※を付けています"
            };
            ctx.push(
                corpus
                    .finding(u, o.start, o.end, Severity::Warning, UNMARKED, format!(
                        "「{term}」に※がありません。同じ施策大項目のほかの箇所では「{term}※」です（{why}）。※を付けてください。"
                    ))
                    .with_fix(Fix::replace(format!("「{term}※」にする"), u.addr.clone(), Span::new(o.end, o.end), "", "※")),
            );
        }
    }
    if !glossary.is_empty() {
        for (t, k, e) in first_marked {
            if glossary.contains(&t) {
                continue;
            }
            let term: String = t.iter().collect();
            let s = e - t.len();
            ctx.push(corpus.finding(units[k], s, e, Severity::Warning, NOT_IN_GLOSSARY, format!(
                "「{term}※」の用語が用語解説にありません。用語解説に「{term}」を加えるか、※を外してください。"
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::model::{ChangeStatus::*, GlossaryEntry};

    fn with(issues: &[&str], collab: &[&str]) -> crate::model::Draft {
        let mut p = policy(1, "市政情報の提供の充実");
        p.issues.revised = Some(bullets(issues));
        p.collaboration.revised = Some(bullets(collab));
        draft(vec![p])
    }

    #[test]
    fn unmarked_occurrence_in_the_same_policy_fires_with_fix() {
        let mut d = with(
            &[
                "市ホームページ、SNS、コミュニティ放送など様々な媒体",
                "パブリックコメント※、ワークショップ",
            ],
            &["広報紙をはじめ市ホームページ、SNS※の活用により、パブリックコメント※"],
        );
        let f = run(&d, UNMARKED);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].excerpt, "SNS");
        apply_fix(&mut d, f[0].fix.as_ref().unwrap()).unwrap();
        assert!(d.policies[0].issues.revised.as_ref().unwrap().bullets[0].contains("SNS※、"));
        assert!(run(&d, UNMARKED).is_empty());
    }

    #[test]
    fn other_policies_plan_names_and_longer_words_do_not_fire() {
        let mut p1 = policy(1, "a");
        p1.issues.revised = Some(bullets(&["ICT※が進展し、ICT※環境の充実", "RPA※とRPA※"]));
        let mut p2 = policy(2, "b");
        p2.issues.revised = Some(bullets(&["ICTを活用します。"]));
        p2.related_plans = vec![row(
            "r",
            Some(Unchanged),
            Some(plan("本庄市ICT推進指針", "R5年度-", "指針")),
            None,
        )];
        let mut p3 = policy(3, "c");
        p3.issues.revised = Some(bullets(&["ICT※の利活用", "ICT推進指針", "MICTの話"]));
        p3.related_plans = vec![row(
            "r3",
            Some(Unchanged),
            Some(plan("本庄市ICT推進指針", "R5年度-", "指針")),
            None,
        )];
        let d = draft(vec![p1, p2, p3]);
        let f = run(&d, UNMARKED);
        // Only 「ICT推進指針」 in policy 3's body text (ICT followed by kanji still is ICT).
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].location.display.starts_with("3."));
    }

    #[test]
    fn first_occurrence_convention() {
        // Terms marked only at their first occurrence: later unmarked ones are fine, an
        // unmarked first one is not.
        let d = with(
            &["ICT※の進展、ICTの活用", "RPA※の導入、RPAの拡大", "AIの活用"],
            &["AI※を使った、クラウド※の利用とクラウドの"],
        );
        let f = run(&d, UNMARKED);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].excerpt, "AI");
    }

    #[test]
    fn glossary_and_stray_marks() {
        let mut d = with(&["統合型GIS※とICT※の活用"], &["、※を付ける"]);
        d.glossary = vec![GlossaryEntry {
            term: "GIS".into(),
            explanation: "地理情報システム".into(),
        }];
        let f = run(&d, NOT_IN_GLOSSARY);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].excerpt, "ICT");
        assert_eq!(run(&d, STRAY).len(), 1);
        let d = with(&["※1 注記です", "用語※"], &[]);
        assert!(run(&d, STRAY).is_empty());
        assert!(run(&d, NOT_IN_GLOSSARY).is_empty());
    }
}
