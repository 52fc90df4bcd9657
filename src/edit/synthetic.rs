//! Larger drafts made from a real one, for measuring how the editor, the checker and the
//! exporters scale (a draft twenty or a hundred times the seed's size).

use crate::model::{Draft, RowId};

/// A draft holding `times` copies of every 施策大項目 of `base`, numbered on, with fresh ids
/// (`<id>-x<k>` for the k-th copy) so that every id stays unique.
pub fn scaled_draft(base: &Draft, times: usize) -> Draft {
    base.replicated(times)
}

/// A small made-up draft with every block and every change status, for tests and demos that
/// must not depend on the bundled draft's content.
pub fn sample_draft() -> Draft {
    use crate::model::{
        ChangeStatus::*, Indicator, IndicatorKind, IndicatorVerdict, Meta, Policy, PolicyStatus,
        Rank, Rename, Row, SdgRef, Side, Survey, Voice, VoiceForm,
    };
    let row = |id: &str, status, current, revised| Row::new(id, status, current, revised);
    let bullets = Side::with_bullets;
    let summary = Side::with_summary;
    let measure = Side::measure;
    let plan = Side::plan;
    let project = Side::project;

    let p1 = Policy {
        id: RowId::new("p1"),
        number: 1,
        name: "市民との情報共有の推進".into(),
        rename: Rename::Unchanged,
        status: PolicyStatus::InForce,
        survey: Some(Survey {
            item: "市の情報が分かりやすく届いている".into(),
            years: vec!["H28年".into(), "R3年".into()],
            satisfaction: vec![0.12, 0.21],
            importance: vec![0.75, 0.81],
            satisfaction_rank: Some(Rank { rank: 12, of: 30 }),
            importance_rank: Some(Rank { rank: 25, of: 30 }),
        }),
        voices: vec![
            Voice {
                source: "市民アンケート".into(),
                context: String::new(),
                quote: "お知らせがスマートフォンで見られると助かります。".into(),
                form: VoiceForm::Quote,
            },
            Voice {
                source: "ワークショップ".into(),
                context: "どんなまちになるとよいかについて".into(),
                quote: "若い人にも市のことを知ってもらいたい".into(),
                form: VoiceForm::Quote,
            },
        ],
        sdgs: vec![
            SdgRef {
                number: 16,
                name: "平和と公正をすべての人に".into(),
            },
            SdgRef {
                number: 17,
                name: "パートナーシップで目標を達成しよう".into(),
            },
        ],
        indicators: vec![
            Indicator {
                id: RowId::new("p1-ind1"),
                kind: IndicatorKind::Outcome,
                as_current: true,
                name: "市ホームページの閲覧数".into(),
                verdict: Some(IndicatorVerdict::NoProblem),
                change: String::new(),
                memo: String::new(),
            },
            Indicator {
                id: RowId::new("p1-ind2"),
                kind: IndicatorKind::Status,
                as_current: true,
                name: "意見交換会の開催回数(出前講座等)".into(),
                verdict: Some(IndicatorVerdict::NeedsChange),
                change: "( )内の表記を変更".into(),
                memo: String::new(),
            },
        ],
        indicator_opinion: "閲覧数の目標値を見直す。".into(),
        issues: row(
            "p1-issues",
            None,
            Some(bullets(&[
                "広報紙やホームページで市政の情報を発信しています。",
                "市民の意見を聴く機会を設けています。",
            ])),
            Some(bullets(&[
                "広報紙やホームページ、SNSで市政の情報を発信しています。",
                "市民の意見を聴く機会を広げる必要があります。",
            ])),
        ),
        vision: vec![
            row(
                "p1-v1",
                Some(Unchanged),
                Some(summary("市民が必要な情報を手軽に得ています。")),
                Some(summary("市民が必要な情報を手軽に得ています。")),
            ),
            row(
                "p1-v2",
                Some(Modified),
                Some(summary("市民の声が市政に届いています。")),
                Some(summary("多くの市民の声が市政に生かされています。")),
            ),
            row(
                "p1-v3",
                Some(New),
                None,
                Some(summary("デジタル技術で市政が身近になっています。")),
            ),
        ],
        measures: vec![
            row(
                "p1-m1",
                Some(Unchanged),
                Some(measure(
                    1,
                    "広報活動の充実",
                    &["広報課"],
                    &["広報紙を毎月発行します。"],
                )),
                Some(measure(
                    1,
                    "広報活動の充実",
                    &["広報課"],
                    &["広報紙を毎月発行します。"],
                )),
            ),
            row(
                "p1-m2",
                Some(Modified),
                Some(measure(
                    2,
                    "広聴活動の推進",
                    &["広報課", "市民活動推進課"],
                    &["市長と語る会を開きます。", "意見箱を設けます。"],
                )),
                Some(measure(
                    2,
                    "広聴活動の推進",
                    &["広報課"],
                    &[
                        "市長と語る会をオンラインでも開きます。",
                        "意見箱を設けます。",
                    ],
                )),
            ),
            row(
                "p1-m3",
                Some(New),
                None,
                Some(measure(
                    3,
                    "データの活用",
                    &["企画課"],
                    &["統計データを公開し、活用します。"],
                )),
            ),
        ],
        collaboration: row(
            "p1-collab",
            None,
            Some(summary("(現行計画に記載なし)")),
            Some(summary("市民と協力して情報を発信します。")),
        ),
        related_plans: vec![
            row(
                "p1-pl1",
                Some(Deleted),
                Some(plan(
                    "広報基本方針",
                    "H28-R2年度",
                    "広報の基本的な考え方を示す方針",
                )),
                None,
            ),
            row(
                "p1-pl2",
                Some(New),
                None,
                Some(plan(
                    "情報発信戦略",
                    "R5-R9年度",
                    "情報発信の方法と目標を定める計画",
                )),
            ),
        ],
        projects: vec![
            row(
                "p1-pr1",
                Some(Unchanged),
                Some(project(
                    1,
                    "広報紙の発行",
                    "広報紙を発行し、全戸に配布します。",
                )),
                Some(project(
                    1,
                    "広報紙の発行",
                    "広報紙を発行し、全戸に配布します。",
                )),
            ),
            row(
                "p1-pr2",
                Some(Modified),
                Some(project(
                    2,
                    "ホームページの運営",
                    "ホームページで情報を発信します。",
                )),
                Some(project(
                    2,
                    "ウェブサイトの運営",
                    "ウェブサイトとSNSで情報を発信します。",
                )),
            ),
            row(
                "p1-pr3",
                Some(Deleted),
                Some(project(
                    3,
                    "情報コーナーの設置",
                    "庁舎に情報コーナーを設けます。",
                )),
                None,
            ),
            row(
                "p1-pr4",
                Some(New),
                None,
                Some(project(
                    4,
                    "オンライン相談の実施",
                    "オンラインで市民の相談に応じます。",
                )),
            ),
        ],
        memo: String::new(),
    };

    let p2 = Policy {
        id: RowId::new("p2"),
        number: 2,
        name: "電子自治体の推進".into(),
        rename: Rename::Renamed("行政のデジタル化の推進".into()),
        status: PolicyStatus::InForce,
        survey: None,
        voices: vec![Voice {
            source: "市民アンケート".into(),
            context: String::new(),
            quote: "手続をオンラインでできるようにしてほしい。".into(),
            form: VoiceForm::Quote,
        }],
        sdgs: vec![SdgRef {
            number: 9,
            name: "産業と技術革新の基盤をつくろう".into(),
        }],
        indicators: Vec::new(),
        indicator_opinion: String::new(),
        issues: row(
            "p2-issues",
            None,
            Some(bullets(&["行政手続の電子化を進めています。"])),
            Some(bullets(&["行政手続のオンライン化を進めています。"])),
        ),
        vision: vec![row(
            "p2-v1",
            Some(Unchanged),
            Some(summary("いつでも手続ができます。")),
            Some(summary("いつでも手続ができます。")),
        )],
        measures: vec![row(
            "p2-m1",
            Some(Modified),
            Some(measure(
                1,
                "電子申請の推進",
                &["情報政策課"],
                &["電子申請を広げます。"],
            )),
            Some(measure(
                1,
                "行政手続のオンライン化",
                &["情報政策課"],
                &["オンライン手続を広げます。"],
            )),
        )],
        collaboration: row(
            "p2-collab",
            None,
            Some(summary("(現行計画に記載なし)")),
            Some(summary("(現行計画に記載なし)")),
        ),
        related_plans: Vec::new(),
        projects: vec![row(
            "p2-pr1",
            Some(Unchanged),
            Some(project(
                1,
                "電子申請システム事業",
                "各種申請をインターネットでできるようにします。",
            )),
            Some(project(
                1,
                "電子申請システム事業",
                "各種申請をインターネットでできるようにします。",
            )),
        )],
        memo: String::new(),
    };

    Draft {
        schema_version: crate::model::SCHEMA_VERSION,
        meta: Meta {
            plan_name: "見本市総合計画 後期基本計画".into(),
            title: String::new(),
            field_number: 6,
            field_name: "行財政経営分野".into(),
            version_label: "素案1".into(),
            date: "2026-01-15".into(),
            author_section: "企画課".into(),
            memo: String::new(),
            ..Meta::default()
        },
        policies: vec![p1, p2],
        ..Draft::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Policy, Row};

    #[test]
    fn copies_have_unique_ids_and_run_on_numbers() {
        let mut base = Draft::default();
        base.policies.push(Policy {
            id: RowId::new("p1"),
            number: 1,
            issues: Row {
                id: RowId::new("p1-issues"),
                ..Row::default()
            },
            collaboration: Row {
                id: RowId::new("p1-collab"),
                ..Row::default()
            },
            vision: vec![Row {
                id: RowId::new("p1-v1"),
                ..Row::default()
            }],
            ..Policy::default()
        });
        let big = scaled_draft(&base, 20);
        assert_eq!(big.policies.len(), 20);
        assert_eq!(big.policies[19].number, 20);
        let ids: Vec<&RowId> = big.all_ids().collect();
        let unique: std::collections::HashSet<&RowId> = ids.iter().copied().collect();
        assert_eq!(ids.len(), unique.len());
        assert_eq!(ids.len(), 20 * 4);
    }
}
