//! Width: one style per draft for digits, Latin letters, brackets, colons and the comma and
//! full stop. The draft's majority is its style (ties: half-width digits and letters,
//! full-width （） and ：, 、 and 。 as the 公用文 writes them). 市民の声 quotations, and
//! 「」 quotes inside a summary of 市民の声, keep their own widths.

use std::collections::HashMap;

use super::corpus::{Unit, UnitKind};
use super::{Ctx, Fix, Rule, Severity, Span, text};

/// WID001 数字の全角・半角: digits written in the width the draft uses less (２０２３ among
/// 2023). Fix: the draft's width.
pub const DIGITS: &str = "WID001";

/// WID002 英字の全角・半角: Latin letters in the width the draft uses less (ＩＣＴ among
/// ICT). Fix: the draft's width.
pub const LETTERS: &str = "WID002";

/// WID003 括弧の全角・半角: round or square brackets in the width the draft uses less
/// (（普通会計） among (ハコモノ施設)). Fix: the draft's width.
pub const BRACKETS: &str = "WID003";

/// WID004 コロンの全角・半角: : among ：, or the other way round (times such as 10:00 are
/// left alone). Fix: the draft's width.
pub const COLONS: &str = "WID004";

/// WID005 句読点の種類: ， or ． among 、 and 。 (or the other way round), and a half-width
/// , or . right after Japanese text. Fix: the draft's mark.
pub const PUNCTUATION: &str = "WID005";

pub(super) const RULES: &[Rule] = &[
    Rule {
        code: DIGITS,
        family: "全角・半角",
        severity: Severity::Info,
        severity_note: "",
        title: "数字の全角・半角の混在",
        fix: true,
        doc: "【内容】数字が、下書きで少ない方の幅（全角・半角）で書かれています。多い方を下書きの書き方とします（同数のときは公用文の半角）。\n\
              【理由】一つの計画では書き方をそろえます。\n\
              【例】誤：２０２３年度（ほかの数字は半角）\n\
              正：2023年度\n\
              【直し方】下書きの書き方に直します（修正ボタン）。",
    },
    Rule {
        code: LETTERS,
        family: "全角・半角",
        severity: Severity::Info,
        severity_note: "",
        title: "英字の全角・半角の混在",
        fix: true,
        doc: "【内容】英字が、下書きで少ない方の幅（全角・半角）で書かれています。多い方を下書きの書き方とします（同数のときは半角）。\n\
              【理由】一つの計画では書き方をそろえます。\n\
              【例】誤：ＩＣＴの活用（ほかの英字は半角）\n\
              正：ICTの活用\n\
              【直し方】下書きの書き方に直します（修正ボタン）。",
    },
    Rule {
        code: BRACKETS,
        family: "全角・半角",
        severity: Severity::Info,
        severity_note: "",
        title: "括弧の全角・半角の混在",
        fix: true,
        doc: "【内容】丸括弧（）や角括弧［］が、下書きで少ない方の幅（全角・半角）で書かれています。多い方を下書きの書き方とします（同数のときは公用文の全角）。\n\
              【理由】一つの計画では書き方をそろえます。\n\
              【例】誤：経常収支比率（普通会計）（ほかの括弧は半角）\n\
              正：経常収支比率(普通会計)\n\
              【直し方】下書きの書き方に直します（修正ボタン）。",
    },
    Rule {
        code: COLONS,
        family: "全角・半角",
        severity: Severity::Info,
        severity_note: "",
        title: "コロンの全角・半角の混在",
        fix: true,
        doc: "【内容】コロンが、下書きで少ない方の幅（：と :）で書かれています。10:00 のような時刻は対象外です。同数のときは全角の「：」をとります。\n\
              【理由】一つの計画では書き方をそろえます。\n\
              【例】誤：事業名:変更（ほかは「事業名：変更」）\n\
              正：事業名：変更\n\
              【直し方】下書きの書き方に直します（修正ボタン）。",
    },
    Rule {
        code: PUNCTUATION,
        family: "全角・半角",
        severity: Severity::Info,
        severity_note: "",
        title: "句読点（、。と，．）の混在",
        fix: true,
        doc: "【内容】「、」「。」の中に「，」「．」がある（またはその逆）、または日本語の直後に半角の「,」「.」があります。\n\
              【理由】一つの計画では句読点をそろえます。\n\
              【例】誤：広報紙，ホームページ\n\
              正：広報紙、ホームページ\n\
              【直し方】下書きの句読点に直します（修正ボタン）。",
    },
];

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Class {
    Digit,
    Letter,
    Bracket,
    Colon,
    Comma,
    Stop,
}

impl Class {
    fn code(self) -> &'static str {
        match self {
            Class::Digit => DIGITS,
            Class::Letter => LETTERS,
            Class::Bracket => BRACKETS,
            Class::Colon => COLONS,
            Class::Comma | Class::Stop => PUNCTUATION,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Class::Digit => "数字",
            Class::Letter => "英字",
            Class::Bracket => "括弧",
            Class::Colon => "コロン",
            Class::Comma => "読点",
            Class::Stop => "句点",
        }
    }

    /// The style used on a tie.
    fn default_full(self) -> bool {
        matches!(
            self,
            Class::Bracket | Class::Colon | Class::Comma | Class::Stop
        )
    }
}

/// A run of characters of one class and one width.
struct Run {
    unit: usize,
    start: usize,
    end: usize,
    class: Class,
    /// Full-width (for Comma/Stop: the Japanese 、。).
    full: bool,
}

fn is_japanese(c: char) -> bool {
    text::is_kanji(c) || text::is_hiragana(c) || text::is_katakana(c)
}

/// The class of `chars[i]` and whether it is full-width, if it has one.
fn classify(chars: &[char], i: usize) -> Option<(Class, bool)> {
    let c = chars[i];
    let prev = i.checked_sub(1).map(|p| chars[p]);
    let next = chars.get(i + 1).copied();
    Some(match c {
        '0'..='9' => (Class::Digit, false),
        '０'..='９' => (Class::Digit, true),
        'A'..='Z' | 'a'..='z' => (Class::Letter, false),
        'Ａ'..='Ｚ' | 'ａ'..='ｚ' => (Class::Letter, true),
        '(' | ')' | '[' | ']' => (Class::Bracket, false),
        '（' | '）' | '［' | '］' => (Class::Bracket, true),
        ':' | '：' => {
            // 10:00 is a time, not a colon of the text.
            if prev.is_some_and(text::is_digit) && next.is_some_and(text::is_digit) {
                return None;
            }
            (Class::Colon, c == '：')
        }
        '、' => (Class::Comma, true),
        '，' => (Class::Comma, false),
        ',' if prev.is_some_and(is_japanese) => (Class::Comma, false),
        '。' => (Class::Stop, true),
        '．' => (Class::Stop, false),
        '.' if prev.is_some_and(is_japanese) && !next.is_some_and(text::is_digit) => {
            (Class::Stop, false)
        }
        _ => return None,
    })
}

fn runs(k: usize, u: &Unit, out: &mut Vec<Run>) {
    let exempt = if u.kind == UnitKind::VoiceNote {
        text::quoted_spans(&u.chars)
    } else {
        Vec::new()
    };
    let c = &u.chars;
    let mut i = 0;
    while i < c.len() {
        if text::inside(&exempt, i) {
            i += 1;
            continue;
        }
        let Some((class, full)) = classify(c, i) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        // Digits and letters count as runs; other marks one by one.
        if matches!(class, Class::Digit | Class::Letter) {
            while j < c.len() && classify(c, j) == Some((class, full)) {
                j += 1;
            }
        }
        out.push(Run {
            unit: k,
            start: i,
            end: j,
            class,
            full,
        });
        i = j;
    }
}

fn convert(s: &str, class: Class, full: bool) -> String {
    match class {
        Class::Comma => if full { "、" } else { "，" }.to_string(),
        Class::Stop => if full { "。" } else { "．" }.to_string(),
        _ => s
            .chars()
            .map(|c| {
                if full {
                    text::to_full(c)
                } else {
                    text::to_half(c)
                }
            })
            .collect(),
    }
}

pub(super) fn check(ctx: &mut Ctx) {
    let corpus = ctx.corpus;
    let units: Vec<&Unit> = corpus.styled().collect();
    let mut all = Vec::new();
    for (k, u) in units.iter().enumerate() {
        runs(k, u, &mut all);
    }
    let mut count: HashMap<(Class, bool), usize> = HashMap::new();
    for r in &all {
        *count.entry((r.class, r.full)).or_default() += 1;
    }
    for r in &all {
        let mine = count[&(r.class, r.full)];
        let other = count.get(&(r.class, !r.full)).copied().unwrap_or(0);
        let u = units[r.unit];
        // A half-width , or . right after Japanese is never the draft's style.
        let ascii =
            matches!(r.class, Class::Comma | Class::Stop) && matches!(u.chars[r.start], ',' | '.');
        let minority = ascii
            || (other > 0 && (mine < other || (mine == other && r.full != r.class.default_full())));
        if !minority {
            continue;
        }
        let written = text::slice(&u.chars, r.start, r.end);
        let fixed = convert(&written, r.class, !r.full);
        let width = |full: bool| match r.class {
            Class::Comma | Class::Stop => {
                if full {
                    "「、」「。」"
                } else {
                    "「，」「．」"
                }
            }
            _ => {
                if full {
                    "全角"
                } else {
                    "半角"
                }
            }
        };
        let msg = if ascii {
            format!("和文の後に半角の「{written}」があります。「{fixed}」にしてください。")
        } else {
            format!(
                "{}「{written}」は{}ですが、この下書きの{}の多くは{}（{}か所対{mine}か所）です。「{fixed}」にそろえてください。",
                r.class.name(),
                width(r.full),
                r.class.name(),
                width(!r.full),
                other,
            )
        };
        ctx.push(
            corpus
                .finding(u, r.start, r.end, Severity::Info, r.class.code(), msg)
                .with_fix(Fix::replace(
                    format!("「{fixed}」にする"),
                    u.addr.clone(),
                    Span::new(r.start, r.end),
                    written,
                    fixed,
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;

    #[test]
    fn minority_digits_fire_with_fix() {
        let mut d = one_text("令和5年度(2023年度)から10年間、２０２７年度まで");
        let f = run(&d, DIGITS);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].excerpt, "２０２７");
        apply_fix(&mut d, f[0].fix.as_ref().unwrap()).unwrap();
        assert!(
            d.policies[0].issues.revised.as_ref().unwrap().bullets[0].ends_with("2027年度まで")
        );
        assert!(run_text("令和5年度から10年間", DIGITS).is_empty());
    }

    #[test]
    fn letters_brackets_colons() {
        assert_eq!(run_text("ICTとAIとＲＰＡ", LETTERS).len(), 1);
        let f = run_text("(ハコモノ施設)と(インフラ編)と（普通会計）", BRACKETS);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].excerpt, "（");
        // A tie goes to the 公用文's full-width brackets.
        let f = run_text("(ハコモノ施設)と（普通会計）", BRACKETS);
        assert_eq!(f.len(), 2);
        assert!(f.iter().all(|f| f.excerpt == "(" || f.excerpt == ")"));
        assert_eq!(
            run_text("事業名：変更、事業概要：変更、評価:変更", COLONS).len(),
            1
        );
        assert!(run_text("午前10:00から、事業名：変更", COLONS).is_empty());
    }

    #[test]
    fn punctuation() {
        assert_eq!(
            run_text("推進し、連携し，実施します。", PUNCTUATION).len(),
            1
        );
        assert_eq!(run_text("推進します.", PUNCTUATION).len(), 1);
        assert!(run_text("推進し、実施します。45.8%、1,000人", PUNCTUATION).is_empty());
    }

    #[test]
    fn quotations_are_exempt() {
        let mut p = policy(1, "a");
        p.issues.revised = Some(bullets(&["令和5年度から10年間"]));
        p.voices = vec![
            crate::model::Voice {
                source: "市民アンケート".into(),
                quote: "２０２３年に（母88才）".into(),
                ..Default::default()
            },
            crate::model::Voice {
                source: "市民アンケート".into(),
                quote: "「ＳＮＳ」が45.8%".into(),
                form: crate::model::VoiceForm::Summary,
                ..Default::default()
            },
        ];
        let d = draft(vec![p]);
        assert!(run(&d, DIGITS).is_empty());
        assert!(run(&d, LETTERS).is_empty());
    }
}
