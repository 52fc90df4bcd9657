//! Japanese writing: doubled particles, doubled words, unbalanced brackets, ヶ所, doubled
//! punctuation and bullet marks typed into the text. Looks at the text of the revised plan;
//! 市民の声 quotations are citizens' words and are left alone (except for brackets).

use super::corpus::{Unit, UnitKind};
use super::{Ctx, Fix, Rule, Severity, Span, text};
use crate::model::SideField;

/// JPN001 助詞の重複: two case particles in a row, as an edit leaves them: にを, をを, がが,
/// をに, がを, をが, はを, でを, へを, をへ, をで.
pub const DOUBLED_PARTICLE: &str = "JPN001";

/// JPN002 語の重複: the same word twice in a row (推進推進, の確保の確保).
pub const DOUBLED_WORD: &str = "JPN002";

/// JPN003 括弧の対応: a bracket opened and never closed, closed without being opened, closed
/// by another kind, or closed in the other width (（…) ).
pub const BRACKETS: &str = "JPN003";

/// JPN004 「ヶ所」: 3ヶ所, 2ヵ月, 5ケ年 and the like. The 公用文 writes か: 3か所, 2か月.
/// Fix: か.
pub const KAGASHO: &str = "JPN004";

/// JPN005 句読点の重複: 、、 or 。。 or 、。 Fix: remove the first.
pub const DOUBLED_PUNCTUATION: &str = "JPN005";

/// JPN006 行頭の●: a ● bullet text that starts with ● or ・. The bullet mark is added by
/// the report; typed in, it prints twice. Fix: remove it.
pub const BULLET_MARK: &str = "JPN006";

/// JPN007 和文中の空白: a space inside Japanese text (between Japanese characters, next to
/// a bracket or 、。), or at the start or end of a text. 情報.
pub const SPACE: &str = "JPN007";

pub(super) const RULES: &[Rule] = &[
    Rule {
        code: DOUBLED_PARTICLE,
        family: "文章",
        severity: Severity::Warning,
        severity_note: "",
        title: "助詞の重複（にを・をを など）",
        fix: true,
        doc: "【内容】格助詞が二つ続いています（にを、をを、がが、をに、がを、をが、はを、でを、へを、をへ、をで）。辞書の例外（をはじめ、までを など）は対象外です。\n\
              【理由】語句を直したときに、元の助詞が残ったしるしです。\n\
              【例】誤：情報発信を積極的にを行います。\n\
              正：情報発信を積極的に行います。\n\
              【直し方】どちらかの助詞を削除してください。同じ助詞が続くとき（をを など）は、一つを消す修正ボタンが出ます。",
    },
    Rule {
        code: DOUBLED_WORD,
        family: "文章",
        severity: Severity::Warning,
        severity_note: "",
        title: "語の重複",
        fix: true,
        doc: "【内容】同じ語が続けて書かれています（推進推進、の確保の確保）。漢字を含む語と、3文字以上のカタカナ語だけを比べるため、いきいき、ますます、一人一人 は対象外です。\n\
              【理由】貼り付けや元に戻す操作で、語が重なって残ったしるしです。\n\
              【例】誤：行政改革の推進推進を図ります。\n\
              正：行政改革の推進を図ります。\n\
              【直し方】重なった方を削除します（修正ボタン）。",
    },
    Rule {
        code: BRACKETS,
        family: "文章",
        severity: Severity::Warning,
        severity_note: "",
        title: "括弧の対応",
        fix: true,
        doc: "【内容】括弧が閉じていない、開いていないのに閉じている、別の種類の括弧で閉じている、または全角と半角で開閉しています。\n\
              【理由】括弧が一つ欠けると、文の意味も、印刷した表の見え方も変わります。\n\
              【例】誤：経常収支比率（普通会計)\n\
              正：経常収支比率（普通会計）\n\
              【直し方】括弧の対応を直してください。全角と半角の違いだけなら、修正ボタンでそろえられます。",
    },
    Rule {
        code: KAGASHO,
        family: "文章",
        severity: Severity::Warning,
        severity_note: "",
        title: "「ヶ所」「ヵ月」（公用文は「か所」「か月」）",
        fix: true,
        doc: "【内容】3ヶ所、2ヵ月、5ケ年 のように「ヶ」「ヵ」「ケ」で数を数えています。\n\
              【理由】公用文では「か」と書きます（3か所、2か月）。\n\
              【例】誤：市内3ヶ所で開催します。\n\
              正：市内3か所で開催します。\n\
              【直し方】「か」に直します（修正ボタン）。",
    },
    Rule {
        code: DOUBLED_PUNCTUATION,
        family: "文章",
        severity: Severity::Warning,
        severity_note: "",
        title: "句読点の重複",
        fix: true,
        doc: "【内容】「、、」「。。」「、。」のように句読点が続いています。\n\
              【理由】編集で残った句読点です。\n\
              【例】誤：推進します。。\n\
              正：推進します。\n\
              【直し方】前の方を削除します（修正ボタン）。",
    },
    Rule {
        code: BULLET_MARK,
        family: "文章",
        severity: Severity::Warning,
        severity_note: "",
        title: "本文の先頭の●",
        fix: true,
        doc: "【内容】●の項目の文が、●や・で始まっています。\n\
              【理由】●は新旧対照表で自動的に付くため、打ち込むと二重に印刷されます。\n\
              【例】誤：●の欄に「●広報紙を毎月発行します。」と入力（印刷すると「●●広報紙を…」）\n\
              正：「広報紙を毎月発行します。」\n\
              【直し方】先頭の記号を削除します（修正ボタン）。",
    },
    Rule {
        code: SPACE,
        family: "文章",
        severity: Severity::Info,
        severity_note: "",
        title: "和文中の空白",
        fix: true,
        doc: "【内容】和文の中（日本語の文字の間、括弧や「、」「。」の隣）や、文の先頭・末尾に空白があります。SDGsの名称、期間（ERA006 が調べます）、市民の声の引用は対象外です。\n\
              【理由】日本語は空白を入れずに書きます。改行や編集で残った空白か、「、」や括弧を書くべき所に入った空白です。\n\
              【例】誤：マイナンバーカードの交付率 目標値100%\n\
              正：マイナンバーカードの交付率目標値100%（または「交付率の目標値100%」）\n\
              【直し方】文の先頭・末尾の空白と、日本語の文字にはさまれた空白は、取り除く修正ボタンが出ます。そのほかは「、」に直すなど、文に合わせて直してください。",
    },
];

const BAD_PAIRS: &[[char; 2]] = &[
    ['を', 'を'],
    ['に', 'を'],
    ['を', 'に'],
    ['が', 'を'],
    ['を', 'が'],
    ['が', 'が'],
    ['は', 'を'],
    ['で', 'を'],
    ['へ', 'を'],
    ['を', 'へ'],
    ['を', 'で'],
];

pub(super) fn check(ctx: &mut Ctx) {
    let corpus = ctx.corpus;
    let allow: Vec<Vec<char>> = ctx
        .dict
        .particle_allow
        .iter()
        .map(|a| a.chars().collect())
        .collect();
    for u in corpus.plan() {
        if u.kind == UnitKind::SdgName {
            continue;
        }
        brackets(ctx, u);
        if u.kind == UnitKind::Quote {
            continue;
        }
        particles(ctx, u, &allow);
        doubled_words(ctx, u);
        kagasho(ctx, u);
        punctuation(ctx, u);
        if matches!(u.kind, UnitKind::Body | UnitKind::Header) {
            spaces(ctx, u);
        }
        if matches!(u.field, Some(SideField::Bullet(_)))
            && let Some(&c) = u.chars.first()
            && matches!(c, '●' | '・' | '○' | '◯')
        {
            ctx.push(
                corpus
                    .finding(
                        u,
                        0,
                        1,
                        Severity::Warning,
                        BULLET_MARK,
                        format!("本文の先頭に「{c}」が入っています。●は新旧対照表で自動的に付くため、二重になります。削除してください。"),
                    )
                    .with_fix(Fix::replace(format!("先頭の「{c}」を削除する"), u.addr.clone(), Span::new(0, 1), c.to_string(), "")),
            );
        }
    }
}

fn covered_by(chars: &[char], i: usize, len: usize, allow: &[Vec<char>]) -> bool {
    allow.iter().any(|a| {
        let n = a.len();
        if n < len {
            return false;
        }
        let lo = (i + len).saturating_sub(n);
        (lo..=i).any(|k| k + n <= chars.len() && chars[k..k + n] == a[..])
    })
}

fn particles(ctx: &mut Ctx, u: &Unit, allow: &[Vec<char>]) {
    let c = &u.chars;
    let mut i = 0;
    while i + 1 < c.len() {
        let pair = [c[i], c[i + 1]];
        if BAD_PAIRS.contains(&pair) && !covered_by(c, i, 2, allow) {
            let excerpt = text::context(c, i, i + 2, 4);
            let mut f = ctx.corpus.finding(
                u,
                i,
                i + 2,
                Severity::Warning,
                DOUBLED_PARTICLE,
                format!(
                    "助詞「{}」と「{}」が続いています（「{excerpt}」）。どちらかを削除してください。",
                    pair[0], pair[1]
                ),
            );
            if pair[0] == pair[1] {
                f.fix = Some(Fix::replace(
                    format!("「{}」を一つにする", pair[0]),
                    u.addr.clone(),
                    Span::new(i + 1, i + 2),
                    pair[1].to_string(),
                    "",
                ));
            }
            ctx.push(f);
            i += 2;
        } else {
            i += 1;
        }
    }
}

/// Whether a repeated unit is a word worth reporting.
fn wordlike(unit: &[char]) -> bool {
    if unit
        .iter()
        .any(|&c| text::is_space(c) || c.is_ascii_punctuation() || "、。・「」（）●※".contains(c))
    {
        return false;
    }
    if unit.iter().any(|&c| text::is_kanji(c)) {
        // 一人一人, 一つ一つ, 部分部分: idiomatic repeats.
        return unit[0] != '一' && unit != ['部', '分'];
    }
    (unit.len() >= 3 && unit.iter().all(|&c| text::is_katakana(c)))
        || (unit.len() >= 2 && unit.iter().all(|&c| text::is_latin(c)))
}

fn doubled_words(ctx: &mut Ctx, u: &Unit) {
    let c = &u.chars;
    let mut i = 0;
    'outer: while i < c.len() {
        for len in 2..=10 {
            if i + 2 * len > c.len() {
                break;
            }
            let (a, b) = (&c[i..i + len], &c[i + len..i + 2 * len]);
            if a == b && wordlike(a) {
                let word: String = a.iter().collect();
                // A latin or katakana word must stand alone, not be the end of a longer one.
                if (text::is_latin(a[0]) || text::is_katakana(a[0]))
                    && i > 0
                    && (text::is_latin(c[i - 1]) || text::is_katakana(c[i - 1]))
                {
                    continue;
                }
                ctx.push(
                    ctx.corpus
                        .finding(
                            u,
                            i + len,
                            i + 2 * len,
                            Severity::Warning,
                            DOUBLED_WORD,
                            format!(
                                "「{word}」が二度続いています（「{}」）。一つ削除してください。",
                                text::context(c, i, i + 2 * len, 3)
                            ),
                        )
                        .with_fix(Fix::replace(
                            format!("重なった「{word}」を削除する"),
                            u.addr.clone(),
                            Span::new(i + len, i + 2 * len),
                            word.clone(),
                            "",
                        )),
                );
                i += 2 * len;
                continue 'outer;
            }
        }
        i += 1;
    }
}

/// The kind of a bracket and whether it opens; width-insensitive for () and [].
fn bracket(c: char) -> Option<(char, bool)> {
    let open = match text::to_half(c) {
        '(' | ')' => '(',
        '[' | ']' => '[',
        '{' | '}' => '{',
        '「' | '」' => '「',
        '『' | '』' => '『',
        '【' | '】' => '【',
        '〔' | '〕' => '〔',
        '〈' | '〉' => '〈',
        '《' | '》' => '《',
        _ => return None,
    };
    Some((
        open,
        matches!(
            text::to_half(c),
            '(' | '[' | '{' | '「' | '『' | '【' | '〔' | '〈' | '《'
        ),
    ))
}

fn closing(open: char) -> char {
    match open {
        '(' => ')',
        '（' => '）',
        '[' => ']',
        '［' => '］',
        '{' => '}',
        '｛' => '｝',
        '「' => '」',
        '『' => '』',
        '【' => '】',
        '〔' => '〕',
        '〈' => '〉',
        '《' => '》',
        _ => open,
    }
}

/// A closing round bracket that ends a list marker such as 1) ア） at the start of a text or
/// after a space or punctuation.
fn list_marker(c: &[char], i: usize) -> bool {
    if !matches!(c[i], ')' | '）') {
        return false;
    }
    let mut s = i;
    while s > 0
        && i - s < 2
        && (text::is_digit(c[s - 1]) || text::is_latin(c[s - 1]) || text::is_katakana(c[s - 1]))
    {
        s -= 1;
    }
    s < i && (s == 0 || text::is_space(c[s - 1]) || "、。".contains(c[s - 1]))
}

fn brackets(ctx: &mut Ctx, u: &Unit) {
    let c = &u.chars;
    let corpus = ctx.corpus;
    let mut stack: Vec<(usize, char)> = Vec::new();
    for (i, &ch) in c.iter().enumerate() {
        let Some((kind, is_open)) = bracket(ch) else {
            continue;
        };
        if is_open {
            stack.push((i, ch));
            continue;
        }
        match stack.last() {
            Some(&(oi, oc)) if bracket(oc).map(|b| b.0) == Some(kind) => {
                stack.pop();
                let want = closing(oc);
                if want != ch {
                    ctx.push(
                        corpus
                            .finding(
                                u,
                                i,
                                i + 1,
                                Severity::Warning,
                                BRACKETS,
                                format!(
                                    "「{oc}」を「{ch}」で閉じています。開きと閉じの全角・半角をそろえてください（「{}」）。",
                                    text::context(c, oi, i + 1, 2)
                                ),
                            )
                            .with_fix(Fix::replace(format!("「{want}」に直す"), u.addr.clone(), Span::new(i, i + 1), ch.to_string(), want.to_string())),
                    );
                }
            }
            Some(&(oi, oc)) => {
                // Closed by another kind: report once and drop the open one.
                stack.pop();
                ctx.push(corpus.finding(
                    u,
                    oi,
                    i + 1,
                    Severity::Warning,
                    BRACKETS,
                    format!("「{oc}」が「{ch}」で閉じられています。括弧の対応を確かめてください。"),
                ));
            }
            None if list_marker(c, i) => {}
            None => ctx.push(corpus.finding(
                u,
                i,
                i + 1,
                Severity::Warning,
                BRACKETS,
                format!(
                    "閉じ括弧「{ch}」に対応する開き括弧がありません（「{}」）。括弧が抜けていないか確かめてください。",
                    text::context(c, i, i + 1, 6)
                ),
            )),
        }
    }
    for (oi, oc) in stack {
        ctx.push(corpus.finding(
            u,
            oi,
            oi + 1,
            Severity::Warning,
            BRACKETS,
            format!(
                "開き括弧「{oc}」が閉じられていません（「{}」）。閉じ括弧「{}」が抜けていないか確かめてください。",
                text::context(c, oi, oi + 1, 6),
                closing(oc)
            ),
        ));
    }
}

fn kagasho(ctx: &mut Ctx, u: &Unit) {
    let c = &u.chars;
    for i in 1..c.len().saturating_sub(1) {
        let numeral = text::is_digit(c[i - 1]) || "一二三四五六七八九十百千何数".contains(c[i - 1]);
        if numeral
            && matches!(c[i], 'ヶ' | 'ヵ' | 'ケ' | 'カ' | 'ｹ' | 'ｶ')
            && "所月年国条".contains(c[i + 1])
        {
            let written = text::slice(c, i, i + 2);
            let fixed = format!("か{}", c[i + 1]);
            ctx.push(
                ctx.corpus
                    .finding(
                        u,
                        i,
                        i + 1,
                        Severity::Warning,
                        KAGASHO,
                        format!("「{written}」は公用文では「{fixed}」と書きます。"),
                    )
                    .with_fix(Fix::replace(
                        format!("「{fixed}」に直す"),
                        u.addr.clone(),
                        Span::new(i, i + 1),
                        c[i].to_string(),
                        "か",
                    )),
            );
        }
    }
}

fn japanese_side(c: char) -> bool {
    text::is_kanji(c)
        || text::is_hiragana(c)
        || text::is_katakana(c)
        || "、。「」（）()【】・：".contains(c)
}

fn spaces(ctx: &mut Ctx, u: &Unit) {
    let c = &u.chars;
    let mut i = 0;
    while i < c.len() {
        if !text::is_space(c[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < c.len() && text::is_space(c[j]) {
            j += 1;
        }
        let edge = i == 0 || j == c.len();
        let prev = i.checked_sub(1).map(|p| c[p]);
        let next = c.get(j).copied();
        // Spaces around list markers (「1) 策定 2) 推進」) separate items.
        let marker_before = i > 0 && list_marker(c, i - 1);
        let marker_after = (j..(j + 3).min(c.len()))
            .any(|k| list_marker(c, k) && c[j..k].iter().all(|x| !text::is_space(*x)));
        let inside = (prev.is_some_and(japanese_side) || next.is_some_and(japanese_side))
            && !marker_before
            && !marker_after;
        if edge || inside {
            let both = prev.is_some_and(japanese_side) && next.is_some_and(japanese_side);
            let where_ = if edge {
                "先頭か末尾"
            } else {
                "和文の中"
            };
            let mut f = ctx.corpus.finding(
                u,
                i,
                j,
                Severity::Info,
                SPACE,
                format!(
                    "{where_}に空白があります（「{}」）。不要なら削除し、区切りのためなら「、」や括弧を使ってください。",
                    text::context(c, i, j, 6)
                ),
            );
            if edge || (both && !matches!((prev, next), (Some('(' | '（'), Some(')' | '）')))) {
                f.fix = Some(Fix::replace(
                    "空白を削除する",
                    u.addr.clone(),
                    Span::new(i, j),
                    text::slice(c, i, j),
                    "",
                ));
            }
            ctx.push(f);
        }
        i = j;
    }
}

fn punctuation(ctx: &mut Ctx, u: &Unit) {
    let c = &u.chars;
    let p = |x: char| matches!(x, '、' | '。' | '，' | '．');
    let mut i = 0;
    while i + 1 < c.len() {
        if p(c[i]) && p(c[i + 1]) {
            let written = text::slice(c, i, i + 2);
            ctx.push(
                ctx.corpus
                    .finding(
                        u,
                        i,
                        i + 2,
                        Severity::Warning,
                        DOUBLED_PUNCTUATION,
                        format!("句読点「{written}」が重なっています。一つにしてください。"),
                    )
                    .with_fix(Fix::replace(
                        format!("「{}」にする", c[i + 1]),
                        u.addr.clone(),
                        Span::new(i, i + 1),
                        c[i].to_string(),
                        "",
                    )),
            );
            i += 2;
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;

    #[test]
    fn doubled_particles_fire() {
        let f = run_text(
            "様々な媒体を活用し、有効でわかりやすい情報発信を積極的にを行います。",
            DOUBLED_PARTICLE,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].excerpt, "にを");
        assert!(f[0].fix.is_none());
        let mut d = one_text("情報をを発信します。");
        let f = run(&d, DOUBLED_PARTICLE);
        apply_fix(&mut d, f[0].fix.as_ref().unwrap()).unwrap();
        assert_eq!(
            d.policies[0].issues.revised.as_ref().unwrap().bullets[0],
            "情報を発信します。"
        );
    }

    #[test]
    fn allowed_particle_sequences_do_not_fire() {
        for ok in [
            "広報紙をはじめ市ホームページを活用します。",
            "令和9年度までを計画期間とします。",
            "まちの将来をになう人材",
            "ための取組には地域の協力が必要です。",
            "市民の声を聴くのを大切にします。",
        ] {
            assert!(run_text(ok, DOUBLED_PARTICLE).is_empty(), "{ok}");
        }
    }

    #[test]
    fn doubled_words() {
        let mut d = one_text("行政改革を推進推進します。");
        let f = run(&d, DOUBLED_WORD);
        assert_eq!(f.len(), 1);
        apply_fix(&mut d, f[0].fix.as_ref().unwrap()).unwrap();
        assert_eq!(
            d.policies[0].issues.revised.as_ref().unwrap().bullets[0],
            "行政改革を推進します。"
        );
        assert_eq!(
            run_text("財源の確保の確保に努めます。", DOUBLED_WORD).len(),
            1
        );
        assert_eq!(run_text("システムシステムの更新", DOUBLED_WORD).len(), 1);
        for ok in [
            "いきいきと活躍し、ますます高まる。",
            "一人一人の市民、一つ一つの事業",
            "本庄市市民活動推進課",
            "様々な媒体、1111件",
            "ワクワクする体験",
            "定住自立圏共生ビジョン",
        ] {
            assert!(run_text(ok, DOUBLED_WORD).is_empty(), "{ok}");
        }
    }

    #[test]
    fn brackets() {
        assert!(
            run_text(
                "広報紙(広報ほんじょう・広報ほんじょうお知らせ版)、「市長への手紙」",
                BRACKETS
            )
            .is_empty()
        );
        assert!(run_text("発信（「本庄市アプリ」的な、市内で得できるもの）", BRACKETS).is_empty());
        assert_eq!(run_text("「市長への手紙や「対話集会」", BRACKETS).len(), 1);
        assert_eq!(run_text("対話集会」を開きます", BRACKETS).len(), 1);
        assert!(run_text("1) 計画の策定、2) 計画の推進", BRACKETS).is_empty());
        assert_eq!(run_text("計画の策定)", BRACKETS).len(), 1);
        assert_eq!(run_text("（普通会計」", BRACKETS).len(), 1);
        let mut d = one_text("人口（普通会計)");
        let f = run(&d, BRACKETS);
        assert_eq!(f.len(), 1);
        apply_fix(&mut d, f[0].fix.as_ref().unwrap()).unwrap();
        assert_eq!(
            d.policies[0].issues.revised.as_ref().unwrap().bullets[0],
            "人口（普通会計）"
        );
    }

    #[test]
    fn kagasho_and_punctuation() {
        let mut d = one_text("市内3ヶ所に設置し、2ヵ月ごとに点検します。");
        let f = run(&d, KAGASHO);
        assert_eq!(f.len(), 2);
        apply_fix(&mut d, f[1].fix.as_ref().unwrap()).unwrap();
        apply_fix(&mut d, f[0].fix.as_ref().unwrap()).unwrap();
        assert_eq!(
            d.policies[0].issues.revised.as_ref().unwrap().bullets[0],
            "市内3か所に設置し、2か月ごとに点検します。"
        );
        assert!(run_text("関ヶ原、3箇所、3か所", KAGASHO).is_empty());
        assert_eq!(run_text("推進し、、効果を", DOUBLED_PUNCTUATION).len(), 1);
        assert!(run_text("推進し、効果を。", DOUBLED_PUNCTUATION).is_empty());
    }

    #[test]
    fn spaces_in_japanese_text() {
        let f = run_text("マイナンバーカードの交付率 目標値100%", SPACE);
        assert_eq!(f.len(), 1);
        assert!(f[0].fix.is_some());
        let f = run_text("( )内の表記を変更", SPACE);
        assert_eq!(f.len(), 1);
        assert!(f[0].fix.is_none());
        assert_eq!(run_text("末尾に空白 ", SPACE).len(), 1);
        assert!(run_text("Wi-Fi and PPP/PFI、R5年度", SPACE).is_empty());
        assert!(run_text("1) 計画の策定 2) 計画の推進", SPACE).is_empty());
    }

    #[test]
    fn bullet_mark_and_quotes_exempt() {
        let f = run_text("●広報紙を発行します。", BULLET_MARK);
        assert_eq!(f.len(), 1);
        assert!(run_text("広報紙を発行します。", BULLET_MARK).is_empty());
        let mut p = policy(1, "a");
        p.voices = vec![crate::model::Voice {
            source: "市民アンケート".into(),
            quote: "市役所にを行ってほしい".into(),
            ..Default::default()
        }];
        assert!(run(&draft(vec![p]), DOUBLED_PARTICLE).is_empty());
    }
}
