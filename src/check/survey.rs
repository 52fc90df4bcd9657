//! Survey numbers: 市民アンケート 満足度 and 重要度 on the −2…+2 scale, one value per year,
//! the same N in every 参考順位, and ranks that agree with the values across the draft.

use super::{Ctx, Finding, Location, Rule, Severity};
use crate::model::{Rank, Survey};

/// SRV001 値の範囲: a 満足度 or 重要度 outside −2…+2.
pub const OUT_OF_RANGE: &str = "SRV001";

/// SRV002 年度と値の数: the number of 満足度 or 重要度 values differs from the number of
/// 調査年度.
pub const COUNT_MISMATCH: &str = "SRV002";

/// SRV003 順位の母数: the N of n/N位 differs between ranks of the draft.
pub const RANK_TOTAL: &str = "SRV003";

/// SRV004 順位の範囲: a rank of 0, or above its N.
pub const RANK_RANGE: &str = "SRV004";

/// SRV005 順位と値の矛盾: across the draft's 施策大項目, an item with a lower value has a
/// better rank than an item with a higher value (latest year).
pub const RANK_ORDER: &str = "SRV005";

pub(super) const RULES: &[Rule] = &[
    Rule {
        code: OUT_OF_RANGE,
        family: "市民アンケート",
        severity: Severity::Error,
        severity_note: "",
        title: "満足度・重要度が−2〜+2の外",
        fix: false,
        doc: "【内容】市民アンケートの満足度か重要度が、−2～+2の範囲の外です。\n\
              【理由】調査の尺度は−2～+2です。範囲外の値は打ち間違いです（0.89 を 8.9 と書く など）。\n\
              【例】満足度 8.9\n\
              【直し方】調査結果を確かめて直してください。",
    },
    Rule {
        code: COUNT_MISMATCH,
        family: "市民アンケート",
        severity: Severity::Error,
        severity_note: "",
        title: "調査年度と値の数が合わない",
        fix: false,
        doc: "【内容】満足度または重要度の値の数が、調査年度の数と違います。\n\
              【理由】値が抜けたか、値のない年度を加えたしるしです。表の列がずれます。\n\
              【例】調査年度が H24年・H28年・R3年 の三つなのに、満足度の値が二つしかない。\n\
              【直し方】調査結果を確かめ、年度と値の数をそろえてください。",
    },
    Rule {
        code: RANK_TOTAL,
        family: "市民アンケート",
        severity: Severity::Error,
        severity_note: "",
        title: "参考順位の母数（/N位）が違う",
        fix: false,
        doc: "【内容】参考順位の母数（n/N位 の N）が、下書きのほかの順位と違います。\n\
              【理由】一つの調査では、すべての項目が同じ数の項目の中で順位付けされます。\n\
              【例】13/36位 の隣に 25/35位\n\
              【直し方】調査報告書の項目数を確かめ、母数をそろえてください。",
    },
    Rule {
        code: RANK_RANGE,
        family: "市民アンケート",
        severity: Severity::Error,
        severity_note: "",
        title: "参考順位が0か母数より大きい",
        fix: false,
        doc: "【内容】参考順位が0、または母数より大きい値です。\n\
              【理由】順位は1から母数までです。打ち間違いです。\n\
              【例】37/36位\n\
              【直し方】調査報告書を確かめて直してください。",
    },
    Rule {
        code: RANK_ORDER,
        family: "市民アンケート",
        severity: Severity::Warning,
        severity_note: "",
        title: "参考順位が値の大小と合わない",
        fix: false,
        doc: "【内容】下書きの施策大項目どうしで比べると、値（最新の年度）の低い項目の方が、高い項目より上の順位になっています。\n\
              【理由】順位は調査報告書から手で写すため、入れ違えると順位の逆転として現れます。\n\
              【例】満足度 0.04 が12位なのに、0.06 が13位。\n\
              【直し方】調査報告書の順位を確かめて直してください。",
    },
];

#[derive(Clone, Copy)]
enum Measure {
    Satisfaction,
    Importance,
}

impl Measure {
    fn label(self) -> &'static str {
        match self {
            Measure::Satisfaction => "満足度",
            Measure::Importance => "重要度",
        }
    }

    fn values(self, s: &Survey) -> &[f64] {
        match self {
            Measure::Satisfaction => &s.satisfaction,
            Measure::Importance => &s.importance,
        }
    }

    fn rank(self, s: &Survey) -> Option<Rank> {
        match self {
            Measure::Satisfaction => s.satisfaction_rank,
            Measure::Importance => s.importance_rank,
        }
    }
}

fn fmt(v: f64) -> String {
    format!("{v:.2}")
}

pub(super) fn check(ctx: &mut Ctx) {
    let draft = ctx.draft;
    let surveys: Vec<(usize, &Survey)> = draft
        .policies
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.survey.as_ref().map(|s| (i, s)))
        .collect();
    let loc = |pi: usize, what: String| {
        Location::policy(draft, pi, &format!("市民アンケート結果 › {what}"))
    };
    // Per survey.
    for &(pi, s) in &surveys {
        for m in [Measure::Satisfaction, Measure::Importance] {
            let values = m.values(s);
            if values.len() != s.years.len() {
                ctx.push(Finding::new(
                    Severity::Error,
                    COUNT_MISMATCH,
                    format!(
                        "調査年度は{}つですが、{}の値は{}つです。年度ごとに一つずつ値を入れてください。",
                        s.years.len(),
                        m.label(),
                        values.len()
                    ),
                    loc(pi, m.label().to_string()),
                    values.iter().map(|v| fmt(*v)).collect::<Vec<_>>().join(" "),
                ));
            }
            for (k, v) in values.iter().enumerate() {
                if !(-2.0..=2.0).contains(v) || v.is_nan() {
                    let year = s.years.get(k).cloned().unwrap_or_default();
                    ctx.push(Finding::new(
                        Severity::Error,
                        OUT_OF_RANGE,
                        format!(
                            "{}（{year}）の値 {} は −2〜+2 の範囲の外です。調査報告書の値を確かめて直してください（小数点の位置の誤りがよくあります）。",
                            m.label(),
                            fmt(*v)
                        ),
                        loc(pi, format!("{}（{year}）", m.label())),
                        fmt(*v),
                    ));
                }
            }
            if let Some(r) = m.rank(s)
                && (r.rank == 0 || r.rank > r.of)
            {
                ctx.push(Finding::new(
                    Severity::Error,
                    RANK_RANGE,
                    format!(
                        "{}の参考順位「{}」は1位から{}位の間にありません。順位を確かめてください。",
                        m.label(),
                        r.label(),
                        r.of
                    ),
                    loc(pi, format!("{}の参考順位", m.label())),
                    r.label(),
                ));
            }
        }
    }
    // N across the draft: the most common N (first seen on a tie) is the draft's.
    let mut totals: Vec<(u32, usize)> = Vec::new();
    for &(_, s) in &surveys {
        for m in [Measure::Satisfaction, Measure::Importance] {
            if let Some(r) = m.rank(s) {
                match totals.iter_mut().find(|(n, _)| *n == r.of) {
                    Some(t) => t.1 += 1,
                    None => totals.push((r.of, 1)),
                }
            }
        }
    }
    let common = totals
        .iter()
        .fold(None::<(u32, usize)>, |best, &(n, c)| match best {
            Some((_, bc)) if bc >= c => best,
            _ => Some((n, c)),
        });
    if let Some((n, _)) = common {
        for &(pi, s) in &surveys {
            for m in [Measure::Satisfaction, Measure::Importance] {
                if let Some(r) = m.rank(s)
                    && r.of != n
                {
                    ctx.push(Finding::new(
                        Severity::Error,
                        RANK_TOTAL,
                        format!(
                            "{}の参考順位「{}」の母数が、ほかの順位（/{n}位）と違います。同じ調査の順位は同じ母数で書いてください。",
                            m.label(),
                            r.label()
                        ),
                        loc(pi, format!("{}の参考順位", m.label())),
                        r.label(),
                    ));
                }
            }
        }
    }
    // Ranks against the latest values.
    for m in [Measure::Satisfaction, Measure::Importance] {
        let mut items: Vec<(f64, u32, usize)> = surveys
            .iter()
            .filter_map(|&(pi, s)| {
                let v = *m.values(s).last()?;
                let r = m.rank(s)?;
                (!v.is_nan()).then_some((v, r.rank, pi))
            })
            .collect();
        items.sort_by(|a, b| b.0.total_cmp(&a.0));
        // The worst (largest) rank among strictly higher values, with its item.
        let mut worst_higher: Option<(f64, u32, usize)> = None;
        let mut i = 0;
        while i < items.len() {
            let mut j = i;
            while j < items.len() && items[j].0 == items[i].0 {
                j += 1;
            }
            for &(v, r, pi) in &items[i..j] {
                if let Some((hv, hr, hpi)) = worst_higher
                    && r < hr
                {
                    let other = draft.policies[hpi].label();
                    ctx.push(Finding::new(
                        Severity::Warning,
                        RANK_ORDER,
                        format!(
                            "{}が {} で {}位ですが、より高い {} の「{other}」が {}位です。順位か値を調査報告書で確かめてください。",
                            m.label(),
                            fmt(v),
                            r,
                            fmt(hv),
                            hr
                        ),
                        loc(pi, format!("{}の参考順位", m.label())),
                        format!("{} {}位", fmt(v), r),
                    ));
                }
            }
            for &it in &items[i..j] {
                if worst_higher.is_none_or(|w| it.1 > w.1) {
                    worst_higher = Some(it);
                }
            }
            i = j;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;

    fn survey(sat: &[f64], imp: &[f64], sr: (u32, u32), ir: (u32, u32)) -> Survey {
        Survey {
            item: "項目".into(),
            years: vec!["H24年".into(), "H28年".into(), "R3年".into()],
            satisfaction: sat.to_vec(),
            importance: imp.to_vec(),
            satisfaction_rank: Some(Rank {
                rank: sr.0,
                of: sr.1,
            }),
            importance_rank: Some(Rank {
                rank: ir.0,
                of: ir.1,
            }),
        }
    }

    fn with(surveys: Vec<Survey>) -> crate::model::Draft {
        draft(
            surveys
                .into_iter()
                .enumerate()
                .map(|(i, s)| {
                    let mut p = policy(i as u32 + 1, &format!("施策{}", i + 1));
                    p.survey = Some(s);
                    p
                })
                .collect(),
        )
    }

    #[test]
    fn consistent_surveys_pass() {
        let d = with(vec![
            survey(
                &[0.32, -0.12, 0.06],
                &[0.80, 0.82, 0.89],
                (13, 36),
                (33, 36),
            ),
            survey(
                &[-0.41, -0.30, -0.15],
                &[0.91, 1.10, 1.07],
                (25, 36),
                (25, 36),
            ),
            survey(
                &[0.06, -0.07, 0.07],
                &[0.28, 0.64, 0.55],
                (12, 36),
                (36, 36),
            ),
            survey(
                &[-0.45, -0.12, 0.04],
                &[1.28, 1.11, 1.06],
                (14, 36),
                (26, 36),
            ),
        ]);
        assert!(
            super::super::check_draft(&d)
                .iter()
                .all(|f| !f.code.starts_with("SRV")),
            "{:?}",
            super::super::check_draft(&d)
        );
    }

    #[test]
    fn out_of_range_and_count() {
        let d = with(vec![survey(
            &[0.32, -0.12, 8.9],
            &[0.80, 0.82],
            (13, 36),
            (33, 36),
        )]);
        assert_eq!(run(&d, OUT_OF_RANGE).len(), 1);
        assert_eq!(run(&d, COUNT_MISMATCH).len(), 1);
    }

    #[test]
    fn rank_totals_and_ranges() {
        let d = with(vec![
            survey(&[0.1, 0.1, 0.1], &[0.1, 0.1, 0.1], (13, 36), (33, 36)),
            survey(&[0.0, 0.0, 0.0], &[0.0, 0.0, 0.0], (14, 35), (37, 36)),
        ]);
        let f = run(&d, RANK_TOTAL);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].excerpt, "14/35位");
        assert_eq!(run(&d, RANK_RANGE).len(), 1);
    }

    #[test]
    fn inverted_ranks_fire_and_equal_values_do_not() {
        let d = with(vec![
            survey(&[0.0, 0.0, 0.06], &[0.0, 0.0, 0.89], (13, 36), (33, 36)),
            survey(&[0.0, 0.0, 0.04], &[0.0, 0.0, 0.92], (12, 36), (32, 36)),
        ]);
        let f = run(&d, RANK_ORDER);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("0.04 で 12位"), "{}", f[0].message);
        let d = with(vec![
            survey(&[0.0, 0.0, 0.06], &[0.0, 0.0, 0.5], (13, 36), (20, 36)),
            survey(&[0.0, 0.0, 0.06], &[0.0, 0.0, 0.5], (14, 36), (21, 36)),
        ]);
        assert!(run(&d, RANK_ORDER).is_empty());
    }
}
