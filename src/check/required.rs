//! Required content: what every row and header of a draft must hold.

use super::corpus::UnitKind;
use super::{Ctx, Finding, Location, PolicyField, Rule, Severity};
use crate::model::{
    BlockKind, ChangeStatus, IndicatorVerdict, PolicySection, PolicyStatus, Rename, Row, RowPath,
    Side, SideField, SideKind,
};

/// REQ001 内容が空: a side that exists has no content: a 施策中項目 without 内容 (● bullets),
/// a 事業 or 関連計画 without 概要, a めざす姿 bullet, 現況と課題 or 協働による取組 without text.
pub const EMPTY_CONTENT: &str = "REQ001";

/// REQ002 要変更の内容なし: an indicator marked 要変更 without saying what changes.
pub const NEEDS_CHANGE_WITHOUT_CHANGE: &str = "REQ002";

/// REQ003 新しい大項目名なし: 大項目名の変更 あり without the new name.
pub const RENAME_WITHOUT_NAME: &str = "REQ003";

/// REQ004 新規計画の期間・概要なし: a 新規 関連計画 without 期間 or 概要.
pub const NEW_PLAN_INCOMPLETE: &str = "REQ004";

/// REQ005 評価回答部署なし: a 施策中項目 without 評価回答部署.
pub const NO_DEPARTMENT: &str = "REQ005";

/// REQ006 名称なし: a 施策中項目, 関連計画 or 事業 without a name.
pub const NO_NAME: &str = "REQ006";

/// REQ008 仮置きの記載: text of the revised plan that is a placeholder rather than content:
/// 検討中, 調整中, 未定, 要確認, ○○, ××, TBD, TODO, ？？ and the like.
pub const PLACEHOLDER_TEXT: &str = "REQ008";

/// REQ007 指標の評価なし: an indicator with neither 問題なし nor 要変更 (情報).
pub const NO_VERDICT: &str = "REQ007";

pub(super) const RULES: &[Rule] = &[
    Rule {
        code: EMPTY_CONTENT,
        family: "必須項目",
        severity: Severity::Error,
        severity_note: "",
        title: "内容・概要が空",
        fix: false,
        doc: "【内容】ある側（現行・改定案）の行に、中身がありません。施策中項目の内容（●）、事業概要、関連計画の概要、めざす姿、現況と課題、協働による取組の内容を調べます。「-」だけの行（関連計画がないことを示す行）は対象外です。\n\
              【理由】新旧対照表に空の欄が載ります。たいていは各課回答から写すときに文が抜けたものです。\n\
              【例】施策中項目「4 協働連携による研究支援」の内容（●）が空。\n\
              【直し方】各課回答や現行計画から写してください。意図して空にする場合は、その旨をメモに書き、この指摘を無視してください。",
    },
    Rule {
        code: NEEDS_CHANGE_WITHOUT_CHANGE,
        family: "必須項目",
        severity: Severity::Warning,
        severity_note: "",
        title: "要変更なのに変更内容がない",
        fix: false,
        doc: "【内容】成果指標/現状が「要変更」なのに、何をどう変えるかが書かれていません。\n\
              【理由】「要変更」だけでは、企画課は指標をどう直せばよいか分かりません。\n\
              【例】「←要変更」とあるのに、変更内容の欄が空。\n\
              【直し方】変更の内容を書いてください。",
    },
    Rule {
        code: RENAME_WITHOUT_NAME,
        family: "必須項目",
        severity: Severity::Error,
        severity_note: "",
        title: "大項目名の変更ありなのに新しい名称がない",
        fix: false,
        doc: "【内容】大項目名の変更が「あり」なのに、新しい名称がありません。\n\
              【理由】改定後の計画で、施策大項目の見出しが空になります。\n\
              【例】大項目名の変更を「あり」にしたが、新しい名称を入れていない。\n\
              【直し方】新しい名称を入れるか、変更しないなら「なし」にしてください。",
    },
    Rule {
        code: NEW_PLAN_INCOMPLETE,
        family: "必須項目",
        severity: Severity::Error,
        severity_note: "",
        title: "新規の関連計画に期間・概要がない",
        fix: false,
        doc: "【内容】「新規」の関連計画に、期間か概要がありません。\n\
              【理由】新しい計画は期間と概要で紹介します。どちらかがないと、その行は何も伝えません。\n\
              【例】新規の「特定事業主行動計画（R2-R7年度）」に概要がない。\n\
              【直し方】計画の期間と概要を入れてください。",
    },
    Rule {
        code: NO_DEPARTMENT,
        family: "必須項目",
        severity: Severity::Warning,
        severity_note: "",
        title: "施策中項目に評価回答部署がない",
        fix: false,
        doc: "【内容】施策中項目に評価回答部署がありません。\n\
              【理由】施策中項目は、少なくとも一つの課が評価して回答します。部署がないと、回答する課が決まりません。\n\
              【例】改定案の「3 組織、機構の見直し」に評価回答部署が入っていない。\n\
              【直し方】この施策中項目を評価する課を入れてください。",
    },
    Rule {
        code: NO_NAME,
        family: "必須項目",
        severity: Severity::Error,
        severity_note: "",
        title: "名称がない",
        fix: false,
        doc: "【内容】施策中項目・関連計画・事業に名称（施策中項目名・計画名・事業名）がありません。\n\
              【理由】新旧対照表で、その行に見出しがなくなります。\n\
              【例】事業②の改定案の事業名が空。\n\
              【直し方】名称を入れてください。名称を変えない場合も、改定案には同じ名称を入れます。",
    },
    Rule {
        code: NO_VERDICT,
        family: "必須項目",
        severity: Severity::Info,
        severity_note: "",
        title: "成果指標・現状の評価がない",
        fix: false,
        doc: "【内容】成果指標/現状に、「問題なし」「要変更」のどちらの回答もありません。\n\
              【理由】担当課がまだ回答していません。\n\
              【例】「市ホームページへのアクセス数」の判定が空欄。\n\
              【直し方】担当課に確認し、「問題なし」か「要変更」を入れてください。",
    },
    Rule {
        code: PLACEHOLDER_TEXT,
        family: "必須項目",
        severity: Severity::Warning,
        severity_note: "",
        title: "仮置きの記載（検討中・未定・○○ など）",
        fix: false,
        doc: "【内容】改定後の計画に載る文に、内容ではなく仮置きの書き込みがあります。検討中、調整中、確認中、作成中、精査中、協議中、未定、要確認、○○、××、TBD、TODO、？？ などです。市民の声の引用とSDGsの名称は対象外です。\n\
              【理由】各課の回答を待つ間の書き込みが、そのまま計画に載ってはいけません。\n\
              【例】関連計画の概要が「次期大綱作成に向け検討中」。\n\
              【直し方】計画に載せる内容に書き換えてください。内容が決まるまで残す場合は、この指摘を無視してください。",
    },
];

/// The sides of a row that must be complete: 現行 unless 新規, 改定案 unless 削除, each only
/// when present. A 変更なし row without a 改定案 side has only its 現行 side checked; when the
/// 改定案 side repeats the 現行 side, only the 改定案 side is (one problem, one finding).
fn sides(row: &Row) -> Vec<(SideKind, &Side)> {
    let mut out = Vec::new();
    let repeated = matches!((&row.current, &row.revised), (Some(c), Some(r)) if c.same_text(r))
        && row.status != Some(ChangeStatus::Deleted);
    if row.status != Some(ChangeStatus::New)
        && !repeated
        && let Some(c) = &row.current
    {
        out.push((SideKind::Current, c));
    }
    if row.status != Some(ChangeStatus::Deleted)
        && let Some(r) = &row.revised
    {
        out.push((SideKind::Revised, r));
    }
    out
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// What tables write in a cell that has nothing: -, ―, なし.
const NOTHING: &[&str] = &[
    "-",
    "－",
    "―",
    "‐",
    "ー",
    "なし",
    "該当なし",
    "特になし",
    "（なし）",
    "(なし)",
];

/// A side that says "none" (a 関連計画 row written 「-」 where a 施策大項目 has no related
/// plan): it has no content to require.
fn placeholder(side: &Side) -> bool {
    let texts = side.texts();
    !texts.is_empty()
        && texts
            .iter()
            .all(|(_, t)| blank(t) || NOTHING.contains(&t.trim()))
}

/// Words that mark a text as not yet written.
const PLACEHOLDERS: &[&str] = &[
    "検討中",
    "調整中",
    "確認中",
    "作成中",
    "精査中",
    "協議中",
    "未定",
    "要確認",
    "○○",
    "〇〇",
    "××",
    "＊＊",
    "XX",
    "TBD",
    "TODO",
    "？？",
    "??",
];

pub(super) fn check(ctx: &mut Ctx) {
    let draft = ctx.draft;
    for (path, _, row) in draft.rows() {
        for (sk, side) in sides(row) {
            // An absent side is the status rules' business; a wholly blank one too.
            if side.is_blank() || placeholder(side) {
                continue;
            }
            row_side(ctx, path, row, sk, side);
        }
    }
    let corpus = ctx.corpus;
    for u in corpus.plan() {
        if matches!(
            u.kind,
            UnitKind::Quote | UnitKind::SdgName | UnitKind::VoiceNote
        ) {
            continue;
        }
        for w in PLACEHOLDERS {
            let needle: Vec<char> = w.chars().collect();
            if let Some(&i) = super::text::find_all(&u.chars, &needle).first() {
                ctx.push(corpus.finding(
                    u,
                    i,
                    i + needle.len(),
                    Severity::Warning,
                    PLACEHOLDER_TEXT,
                    format!(
                        "「{}」は仮置きの記載のようです。計画に載せる内容に書き換えてください（内容が決まるまで残す場合は、この指摘を抑止してください）。",
                        super::text::context(&u.chars, i, i + needle.len(), 8)
                    ),
                ));
                break;
            }
        }
    }
    for (pi, p) in draft.policies.iter().enumerate() {
        // A 削除 施策大項目 leaves the plan: its new name and its indicators' answers are not needed.
        if p.status == PolicyStatus::Deleted {
            continue;
        }
        if let Rename::Renamed(n) = &p.rename
            && blank(n)
        {
            ctx.push(Finding::new(
                Severity::Error,
                RENAME_WITHOUT_NAME,
                "大項目名の変更が「あり」ですが、新しい名称が入っていません。新しい名称を入れるか、変更しないなら「なし」にしてください。",
                Location::policy(draft, pi, PolicySection::Rename.label()),
                "あり",
            ));
        }
        for (i, ind) in p.indicators.iter().enumerate() {
            let loc = Location::policy_field(draft, pi, PolicyField::IndicatorName(i), None);
            match ind.verdict {
                Some(IndicatorVerdict::NeedsChange) if blank(&ind.change) => ctx.push(Finding::new(
                    Severity::Warning,
                    NEEDS_CHANGE_WITHOUT_CHANGE,
                    format!(
                        "{}「{}」が「要変更」ですが、何をどう変えるかが書かれていません。変更の内容を入れてください。",
                        PolicySection::Indicators.label(),
                        ind.name
                    ),
                    loc,
                    ind.name.clone(),
                )),
                None => ctx.push(Finding::new(
                    Severity::Info,
                    NO_VERDICT,
                    format!(
                        "{}「{}」に「問題なし」「要変更」の回答がありません。担当課に確認してください。",
                        PolicySection::Indicators.label(),
                        ind.name
                    ),
                    loc,
                    ind.name.clone(),
                )),
                _ => {}
            }
        }
    }
}

fn row_side(ctx: &mut Ctx, path: RowPath, row: &Row, sk: SideKind, side: &Side) {
    let draft = ctx.draft;
    let kind = path.block;
    let fields = kind.fields();
    let loc = |f: SideField| Location::row_field(draft, path, sk, f, None);
    let side_label = sk.label();
    // Content.
    let what = kind.content_label();
    let (empty, field) = match kind {
        BlockKind::Measures => (side.bullets.iter().all(|b| blank(b)), SideField::Bullet(0)),
        BlockKind::Issues => (
            side.bullets.iter().all(|b| blank(b)) && blank(&side.summary),
            SideField::Bullet(0),
        ),
        BlockKind::Collaboration => (
            side.bullets.iter().all(|b| blank(b)) && blank(&side.summary),
            SideField::Summary,
        ),
        BlockKind::Vision | BlockKind::RelatedPlans | BlockKind::Projects => {
            (blank(&side.summary), SideField::Summary)
        }
    };
    let new_plan = kind == BlockKind::RelatedPlans && row.status == Some(ChangeStatus::New);
    if empty && !(new_plan && sk == SideKind::Revised) {
        let mut l = Location::row(draft, path, Some(sk));
        l.display.push_str(&format!(" › {what}"));
        l.field = Some(super::Field::Side(field));
        ctx.push(Finding::new(
            Severity::Error,
            EMPTY_CONTENT,
            format!(
                "{side_label}の{what}が空です。各課回答や現行計画から{what}を写してください（意図して空にする場合は、その旨を備考に書き、この指摘を抑止してください）。"
            ),
            l,
            "",
        ));
    }
    if new_plan && sk == SideKind::Revised {
        let mut missing = Vec::new();
        if blank(&side.period) {
            missing.push(SideField::Period.label_in(kind));
        }
        if blank(&side.summary) {
            missing.push(SideField::Summary.label_in(kind));
        }
        if !missing.is_empty() {
            let m = missing.join("と");
            ctx.push(Finding::new(
                Severity::Error,
                NEW_PLAN_INCOMPLETE,
                format!("新規の関連計画に{m}がありません。計画の{m}を入れてください。"),
                loc(if blank(&side.period) {
                    SideField::Period
                } else {
                    SideField::Summary
                }),
                side.name.clone(),
            ));
        }
    }
    if fields.departments && side.departments.iter().all(|d| blank(d)) {
        ctx.push(Finding::new(
            Severity::Warning,
            NO_DEPARTMENT,
            format!("{side_label}の評価回答部署が入っていません。この施策中項目を評価する課を入れてください。"),
            Location::row(draft, path, Some(sk)),
            "",
        ));
    }
    if fields.name && blank(&side.name) {
        ctx.push(Finding::new(
            Severity::Error,
            NO_NAME,
            format!("{side_label}の{name}が入っていません。{name}を変えない場合も、改定案には同じ{name}を入れてください。", name = kind.name_label()),
            loc(SideField::Name),
            "",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;
    use crate::model::{ChangeStatus::*, Indicator, IndicatorKind, RowId};

    #[test]
    fn empty_measure_content_fires_on_the_side_that_is_empty() {
        let mut p = policy(3, "早稲田大学との基本協定に基づく施策の推進");
        p.measures = vec![
            row(
                "m4",
                Some(Unchanged),
                Some(measure(4, "協働連携による研究支援", &["企画課"], &[])),
                None,
            ),
            row(
                "m5",
                Some(Unchanged),
                Some(measure(5, "支援", &["企画課"], &["行います。"])),
                None,
            ),
        ];
        let f = run(&draft(vec![p]), EMPTY_CONTENT);
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].location.display,
            "3. 早稲田大学との基本協定に基づく施策の推進 › 施策中項目 › 4 協働連携による研究支援 › 現行 › 内容"
        );
    }

    #[test]
    fn new_row_current_and_deleted_row_revised_are_not_required() {
        let mut p = policy(1, "a");
        p.projects = vec![
            row(
                "a",
                Some(New),
                Some(project(1, "", "")),
                Some(project(1, "新事業", "行います。")),
            ),
            row(
                "b",
                Some(Deleted),
                Some(project(2, "旧事業", "行います。")),
                Some(project(2, "", "")),
            ),
        ];
        let d = draft(vec![p]);
        assert!(run(&d, EMPTY_CONTENT).is_empty());
        assert!(run(&d, NO_NAME).is_empty());
    }

    #[test]
    fn new_plan_needs_period_and_summary() {
        let mut p = policy(2, "a");
        p.related_plans = vec![
            row(
                "r1",
                Some(New),
                None,
                Some(plan("特定事業主行動計画", "R2-R7年度", "")),
            ),
            row(
                "r2",
                Some(New),
                None,
                Some(plan("総合戦略", "R5-R9年度", "計画です。")),
            ),
        ];
        let d = draft(vec![p]);
        let f = run(&d, NEW_PLAN_INCOMPLETE);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("概要"));
        assert!(run(&d, EMPTY_CONTENT).is_empty());
    }

    #[test]
    fn department_and_name() {
        let mut p = policy(1, "a");
        p.measures = vec![
            row(
                "m1",
                Some(Unchanged),
                Some(measure(1, "広報", &[], &["行います。"])),
                None,
            ),
            row(
                "m2",
                Some(Unchanged),
                Some(measure(2, "", &["企画課"], &["行います。"])),
                None,
            ),
            row(
                "m3",
                Some(Unchanged),
                Some(measure(3, "広聴", &["企画課"], &["行います。"])),
                None,
            ),
        ];
        let d = draft(vec![p]);
        assert_eq!(run(&d, NO_DEPARTMENT).len(), 1);
        assert_eq!(run(&d, NO_NAME).len(), 1);
    }

    #[test]
    fn dash_rows_and_repeated_sides() {
        let dash = crate::model::Side {
            name: "-".into(),
            ..Default::default()
        };
        let mut p = policy(1, "a");
        p.related_plans = vec![row("r", Some(Unchanged), Some(dash.clone()), Some(dash))];
        p.measures = vec![row(
            "m",
            Some(Unchanged),
            Some(measure(1, "研究支援", &["企画課"], &[])),
            Some(measure(1, "研究支援", &["企画課"], &[])),
        )];
        let f = run(&draft(vec![p]), EMPTY_CONTENT);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].location.side, Some(SideKind::Revised));
    }

    #[test]
    fn placeholder_text() {
        let mut p = policy(2, "a");
        p.related_plans = vec![row(
            "r",
            Some(Modified),
            Some(plan("大綱", "H30-R4年度", "方針を定めた大綱")),
            Some(plan("大綱", "R5-R9年度", "次期大綱作成に向け検討中")),
        )];
        let f = run(&draft(vec![p]), PLACEHOLDER_TEXT);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].excerpt, "検討中");
        assert!(run_text("○○課と連携し、検討を進めます。", PLACEHOLDER_TEXT).len() == 1);
        assert!(run_text("関係課と連携し、検討を進めます。", PLACEHOLDER_TEXT).is_empty());
    }

    #[test]
    fn rename_and_indicators() {
        let mut p = policy(4, "電子自治体の推進");
        p.rename = Rename::Renamed(" ".into());
        let ind = |name: &str, verdict, change: &str| Indicator {
            id: RowId::new(name),
            kind: IndicatorKind::Outcome,
            as_current: true,
            name: name.into(),
            verdict,
            change: change.into(),
            memo: String::new(),
        };
        p.indicators = vec![
            ind("電子申請数", Some(IndicatorVerdict::NeedsChange), ""),
            ind(
                "整備施設数",
                Some(IndicatorVerdict::NeedsChange),
                "交付率に変更",
            ),
            ind("利用人口", Some(IndicatorVerdict::NoProblem), ""),
            ind("保有率", None, ""),
        ];
        let d = draft(vec![p]);
        assert_eq!(run(&d, RENAME_WITHOUT_NAME).len(), 1);
        let f = run(&d, NEEDS_CHANGE_WITHOUT_CHANGE);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].excerpt, "電子申請数");
        assert_eq!(run(&d, NO_VERDICT).len(), 1);
        // The same 施策大項目 marked 削除 leaves the plan: nothing of it is required any more.
        let mut gone = d.policies[0].clone();
        gone.status = PolicyStatus::Deleted;
        let d = draft(vec![gone]);
        for code in [RENAME_WITHOUT_NAME, NEEDS_CHANGE_WITHOUT_CHANGE, NO_VERDICT] {
            assert!(run(&d, code).is_empty(), "{code}");
        }
        let mut p = policy(4, "電子自治体の推進");
        p.rename = Rename::Renamed("行政のデジタル化の推進".into());
        assert!(run(&draft(vec![p]), RENAME_WITHOUT_NAME).is_empty());
    }
}
