//! What the checker reports on the bundled draft (the seed, transcribed verbatim): the
//! document's real problems, counted per rule, and the false alarms that must stay away. The rule
//! table of docs/checker.md is this list; a change here must be reflected there.

use std::collections::BTreeMap;

use shinkyu::check::{Finding, Severity, check_draft, counts};
use shinkyu::model::Draft;

fn bundled() -> Draft {
    shinkyu::io::parse_draft(shinkyu::BUNDLED_DRAFT).expect("the bundled draft parses")
}

fn has(f: &[Finding], code: &str, place: &str, excerpt: &str) -> bool {
    f.iter().any(|f| {
        f.code == code && f.location.display.contains(place) && f.excerpt.contains(excerpt)
    })
}

#[test]
fn counts_per_rule() {
    let f = check_draft(&bundled());
    let mut by: BTreeMap<&str, usize> = BTreeMap::new();
    for x in &f {
        *by.entry(x.code).or_default() += 1;
    }
    let expected: BTreeMap<&str, usize> = [
        ("ERA001", 1),
        ("ERA005", 2),
        ("ERA006", 1),
        ("JPN001", 1),
        ("JPN007", 2),
        ("KOM001", 5),
        ("NUM002", 1),
        ("REQ001", 1),
        ("REQ004", 1),
        ("REQ008", 1),
        ("SDG002", 4),
        ("SDG004", 1),
        ("STA001", 2),
        ("STA005", 1),
        ("STA007", 1),
        ("WID003", 6),
        ("YUR001", 2),
        ("YUR002", 2),
        ("YUR004", 3),
        ("YUR005", 1),
    ]
    .into_iter()
    .collect();
    assert_eq!(by, expected);
    assert_eq!(counts(&f), (9, 13, 17));
}

#[test]
fn the_documents_problems_are_found_where_they_are() {
    let f = check_draft(&bundled());
    let p1 = "1. 市政情報の提供の充実と市政に対する市民参加の推進";
    let p2 = "2. 効率的・効果的な行政経営の推進";
    let p4 = "4. 電子自治体の推進";
    for (code, place, excerpt) in [
        ("SDG002", "関連するSDGs › 17", "パートナリーシップ"),
        (
            "JPN001",
            &format!("{p1} › 施策中項目 › 1 広報広聴活動の充実 › 改定案 › 内容●1"),
            "にを",
        ),
        (
            "STA001",
            &format!("{p2} › 施策中項目 › 3 組織、機構の見直し › 変更区分"),
            "変更あり",
        ),
        (
            "STA001",
            &format!("{p2} › 施策中項目 › 4 広域行政の推進"),
            "変更あり",
        ),
        ("STA005", &format!("{p2} › めざす姿 › 2番目"), ""),
        (
            "ERA001",
            &format!("{p2} › 施策中項目 › 1 行政改革の推進 › 現行"),
            "平成34",
        ),
        (
            "ERA005",
            "本庄地域定住自立圏共生ビジョン › 現行 › 期間",
            "H27-31年度",
        ),
        (
            "ERA006",
            "本庄市電子自治体推進指針 › 改定案 › 期間",
            "R 5年度",
        ),
        (
            "KOM001",
            &format!("{p4} › めざす姿 › 1番目 › 改定案"),
            "ICT",
        ),
        (
            "KOM001",
            &format!("{p2} › 施策中項目 › 2 民間委託等の推進 › 改定案"),
            "指定管理者制度",
        ),
        (
            "YUR001",
            "⑤組織の見直し・定員適正化の推進 › 改定案",
            "引き上げ",
        ),
        ("YUR001", "①電子申請システム事業 › 改定案", "手続き"),
        (
            "YUR002",
            &format!("{p4} › 成果指標/現状 › 各課意見"),
            "WiFi",
        ),
        (
            "YUR002",
            "4 事業コストの縮減 › 改定案",
            "スクラップアンドビルド",
        ),
        ("YUR005", &format!("{p4} › 協働による取組"), "じま"),
        ("REQ001", "4 協働連携による研究支援 › 改定案 › 内容", ""),
        ("REQ004", "女性活躍推進特定事業主行動計画 › 改定案", ""),
        ("REQ008", "本庄市行政改革大綱 › 改定案 › 概要", "検討中"),
        ("SDG004", "12 つくる責任、つかう責任", ""),
        (
            "STA007",
            &format!("{p1} › 主な事業一覧 › ②市民と市長の対話集会"),
            "市長への手紙",
        ),
    ] {
        assert!(
            has(&f, code, place, excerpt),
            "{code} at {place} ({excerpt}) not found"
        );
    }
    // The 現行 side is quoted as it is: its findings are information only.
    for x in f
        .iter()
        .filter(|x| x.location.side == Some(shinkyu::model::SideKind::Current))
    {
        assert_eq!(x.severity, Severity::Info, "{}", x.location.display);
    }
    // Known false alarms that must stay away: citizens' quotes, the plan name 本庄市ICT推進指針,
    // the valid H31, 協働 → 共同.
    assert!(!f.iter().any(|x| x.location.display.contains("市民の声")));
    assert!(
        !f.iter()
            .any(|x| x.code == "KOM001" && x.location.display.contains("計画名"))
    );
    assert!(
        !f.iter()
            .any(|x| x.code == "ERA001" && x.excerpt.contains("31"))
    );
    assert!(!f.iter().any(|x| x.excerpt.contains("共同")));
    // 事業⑧ 「適正に評価し」 and 施策中項目 5 「適正かつ客観的に評価し」 are both the plan in force,
    // kept as they are: not a slip of this revision.
    assert!(
        !f.iter()
            .any(|x| x.code == "YUR005" && x.location.display.contains("人事評価"))
    );
}
