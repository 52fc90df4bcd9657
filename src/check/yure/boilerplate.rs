//! YUR005 定型文のゆれ: copies of one sentence that drifted apart by a few characters. Part of
//! the 表記ゆれ family (`check::yure`).

use std::collections::HashMap;

use super::super::corpus::{Corpus, Unit, UnitKind};
use super::super::{Ctx, Severity, text};
use super::{BOILERPLATE, respell};

/// (first, last characters) → distinct texts with the units that hold them.
type TextGroups<'c> = HashMap<(&'c [char], &'c [char]), Vec<(&'c [char], Vec<usize>)>>;

/// YUR005: whole texts that share their first and last characters and differ by a few in
/// the middle. Texts are grouped by (first 6, last 6 characters), so the work stays linear.
pub(super) fn check(ctx: &mut Ctx) {
    const EDGE: usize = 6;
    const MIDDLE: usize = 6;
    let corpus = ctx.corpus;
    let units: Vec<&Unit> = corpus
        .plan()
        .filter(|u| matches!(u.kind, UnitKind::Body | UnitKind::Header))
        .filter(|u| (2 * EDGE..=120).contains(&u.chars.len()))
        .collect();
    let kept: Vec<bool> = units.iter().map(|u| in_force(corpus, u)).collect();
    // key → distinct text → units holding it, in document order.
    let mut groups: TextGroups = HashMap::new();
    for (k, u) in units.iter().enumerate() {
        let c = &u.chars[..];
        let list = groups
            .entry((&c[..EDGE], &c[c.len() - EDGE..]))
            .or_default();
        match list.iter_mut().find(|(t, _)| *t == c) {
            Some((_, ks)) => ks.push(k),
            None => list.push((c, vec![k])),
        }
    }
    let fold = |s: &[char]| -> String {
        s.iter()
            .filter(|c| **c != '※')
            .map(|&c| text::to_half(c))
            .collect()
    };
    let mut keys: Vec<_> = groups.keys().copied().collect();
    keys.sort();
    for key in keys {
        let list = &groups[&key];
        if list.len() < 2 || list.len() > 20 {
            continue;
        }
        for a in 0..list.len() {
            for b in 0..list.len() {
                let ((ta, ka), (tb, kb)) = (&list[a], &list[b]);
                // Report the less used text; on a tie, the one that comes later.
                let later =
                    (ka.len(), std::cmp::Reverse(ka[0])) < (kb.len(), std::cmp::Reverse(kb[0]));
                if a == b || !later {
                    continue;
                }
                let p = ta.iter().zip(tb.iter()).take_while(|(x, y)| x == y).count();
                let max_q = ta.len().min(tb.len()) - p;
                let q = ta
                    .iter()
                    .rev()
                    .zip(tb.iter().rev())
                    .take(max_q)
                    .take_while(|(x, y)| x == y)
                    .count();
                let (ma, mb) = (&ta[p..ta.len() - q], &tb[p..tb.len() - q]);
                if ma.len() > MIDDLE || mb.len() > MIDDLE || p + q < 10 || fold(ma) == fold(mb) {
                    continue;
                }
                if ma.iter().chain(mb.iter()).all(|c| text::is_digit(*c)) {
                    continue;
                }
                // Both wordings come from the plan in force, unchanged: not this draft's slip.
                if ka.iter().chain(kb.iter()).all(|&k| kept[k]) {
                    continue;
                }
                let other = corpus.location(units[kb[0]], None).display;
                let (wa, wb): (String, String) = (ma.iter().collect(), mb.iter().collect());
                for &k in ka {
                    let u = units[k];
                    let ctx_a = text::context(&u.chars, p, ta.len() - q, 6);
                    let mut f = corpus.finding(
                        u,
                        p,
                        ta.len() - q,
                        Severity::Info,
                        BOILERPLATE,
                        format!(
                            "「{ctx_a}」は、ほかの箇所（{other}）では「{wb}」となっている同じ文です。意図した違いでなければ、言い回しをそろえてください。"
                        ),
                    );
                    f.fix = respell(u, p, ta.len() - q, &wa, &wb);
                    ctx.out.push(f);
                }
            }
        }
    }
}

/// Whether a text of the revised plan stands as is in the plan in force: the 現行 side of
/// its own row has the same text (or the row prints its 現行 side).
fn in_force(corpus: &Corpus, u: &Unit) -> bool {
    if u.borrowed {
        return true;
    }
    let Some(current) = u
        .path
        .and_then(|p| corpus.draft.row(p))
        .and_then(|r| r.current.as_ref())
    else {
        return false;
    };
    let text: String = u.chars.iter().collect();
    current.texts().iter().any(|(_, t)| *t == text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testutil::*;

    fn texts(items: &[&str]) -> crate::model::Draft {
        let mut p = policy(1, "a");
        p.issues.revised = Some(bullets(items));
        draft(vec![p])
    }

    #[test]
    fn boilerplate_variants() {
        let mut p2 = policy(2, "a");
        p2.collaboration.revised = Some(summary(
            "(現時点では、市民協働がなされないものが多いため、非記載を想定)",
        ));
        let mut p4 = policy(4, "b");
        p4.collaboration.revised = Some(summary(
            "(現時点では、市民協働がなじまないものが多いため、非記載を想定)",
        ));
        let mut p5 = policy(5, "c");
        p5.collaboration.revised = Some(summary(
            "(現時点では、市民協働がなじまないものが多いため、非記載を想定)",
        ));
        let f = run(&draft(vec![p2.clone(), p4.clone(), p5]), BOILERPLATE);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].excerpt, "され");
        assert!(f[0].location.display.starts_with("2."));
        // A tie reports the later text once.
        let f = run(&draft(vec![p2, p4]), BOILERPLATE);
        assert_eq!(f.len(), 1);
        assert!(f[0].location.display.starts_with("4."));
        // Different sentences, numbers only, or the same text: nothing.
        assert!(
            run(
                &texts(&[
                    "令和5年度から令和9年度までの計画です。",
                    "令和6年度から令和9年度までの計画です。"
                ]),
                BOILERPLATE
            )
            .is_empty()
        );
        assert!(
            run(
                &texts(&[
                    "広報紙を発行し、市政情報を発信します。",
                    "広報紙を発行し、市政情報を発信します。"
                ]),
                BOILERPLATE
            )
            .is_empty()
        );
        assert!(
            run(
                &texts(&[
                    "公共施設の効率的な運営に努めます。",
                    "職員の健康管理と良好な職場環境に努めます。"
                ]),
                BOILERPLATE
            )
            .is_empty()
        );
    }

    #[test]
    fn boilerplate_in_force_is_left_alone_unless_the_revision_wrote_it() {
        use crate::model::ChangeStatus::{Modified, Unchanged};
        let a = "職員が挙げた業績を適正かつ客観的に評価し、人事管理に活用します。";
        let b = "職員が挙げた業績を適正に評価し、人事管理に活用します。";
        // Both texts kept as the plan in force has them: the plan's own wording.
        let mut p = policy(2, "a");
        p.measures = vec![row(
            "m5",
            Some(Unchanged),
            Some(bullets(&[a])),
            Some(bullets(&[a])),
        )];
        p.projects = vec![row(
            "j8",
            Some(Unchanged),
            Some(summary(b)),
            Some(summary(b)),
        )];
        assert!(run(&draft(vec![p]), BOILERPLATE).is_empty());
        // The 事業 text was rewritten in this revision into the near copy: reported.
        let mut p = policy(2, "a");
        p.measures = vec![row(
            "m5",
            Some(Unchanged),
            Some(bullets(&[a])),
            Some(bullets(&[a])),
        )];
        p.projects = vec![row(
            "j8",
            Some(Modified),
            Some(summary("職員の能力を評価します。")),
            Some(summary(b)),
        )];
        let f = run(&draft(vec![p]), BOILERPLATE);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].location.display.contains("主な事業"), "{f:#?}");
        // A 変更なし row stored without a 改定案 side prints its 現行 text: in force too.
        let mut p = policy(2, "a");
        p.measures = vec![row("m5", Some(Unchanged), Some(bullets(&[a])), None)];
        p.projects = vec![row("j8", Some(Unchanged), Some(summary(b)), None)];
        assert!(run(&draft(vec![p]), BOILERPLATE).is_empty());
    }
}
