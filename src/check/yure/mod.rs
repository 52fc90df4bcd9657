//! 表記ゆれ: the same term written in different ways within one draft, found automatically
//! (送り仮名, 中黒 and hyphens, long vowels), and the bundled dictionary's preferred spellings
//! (the 公用文 noun forms 手続, 取組, 申込み …). Looks at the revised plan's own text: not at
//! 市民の声 quotations, nor at the names of related plans (proper names of other documents).

mod boilerplate;

use std::collections::{HashMap, HashSet};

use super::corpus::{Unit, UnitKind};
use super::{Ctx, Finding, Fix, Rule, Severity, Span, text};

/// YUR001 送り仮名のゆれ: one word written with different 送り仮名 within the draft
/// (引上げ / 引き上げ, 手続 / 手続き, 取組 / 取り組み), found by comparing the kanji of words
/// used as nouns (followed by a particle, 等 or 。).
pub const OKURIGANA: &str = "YUR001";

/// YUR002 中黒・ハイフンのゆれ: a katakana compound or a Latin word written with and
/// without ・ or - (スクラップ・アンド・ビルド / スクラップアンドビルド, Wi-Fi / WiFi).
/// Fix: the draft's majority.
pub const SEPARATORS: &str = "YUR002";

/// YUR003 長音のゆれ: a katakana word written with and without ー (サーバー / サーバ,
/// シティー / シティ). Fix: the draft's majority.
pub const LONG_VOWEL: &str = "YUR003";

/// YUR004 辞書の表記: a spelling the dictionary replaces (手続き → 手続, わかりやすい →
/// 分かりやすい, ICT技術 → ICT). The bundled dictionary holds the 公用文 forms; staff add
/// their own. 情報. Fix: the preferred spelling.
pub const DICTIONARY: &str = "YUR004";

/// YUR005 定型文のゆれ: two texts of the revised plan that say the same thing in the same
/// words except for a few characters in the middle (the same note written in two
/// 施策大項目, say).
pub const BOILERPLATE: &str = "YUR005";

pub(super) const RULES: &[Rule] = &[
    Rule {
        code: OKURIGANA,
        family: "表記ゆれ",
        severity: Severity::Warning,
        severity_note: "",
        title: "送り仮名のゆれ（引上げ／引き上げ）",
        fix: true,
        doc: "【内容】一つの語が、下書きの中で違う送り仮名で書かれています（引上げ／引き上げ、手続／手続き、取組／取り組み）。名詞として使われている語（助詞、「等」、「。」が続く語）の漢字を比べて見つけます。「取り組みます」のような動詞の形は比べません。\n\
              【理由】計画は一つの文書です。書き方が二つあると、別のものを指すと受け取られます。\n\
              【例】「定年の段階的引上げにより」と「定年の段階的引き上げに伴う」\n\
              【直し方】辞書が決めた書き方があればそれに、なければ下書きで多い方に直します（修正ボタン）。現行欄の書き方も数に入れますが、指摘するのは改定後の計画に載る文だけです。",
    },
    Rule {
        code: SEPARATORS,
        family: "表記ゆれ",
        severity: Severity::Warning,
        severity_note: "",
        title: "中黒・ハイフンのゆれ（Wi-Fi／WiFi）",
        fix: true,
        doc: "【内容】カタカナ語や英字の語が、中黒（・）やハイフン（-）のある書き方とない書き方で書かれています。\n\
              【理由】計画は一つの文書です。書き方が二つあると、別のものを指すと受け取られます。\n\
              【例】スクラップ・アンド・ビルド／スクラップアンドビルド、Wi-Fi／WiFi\n\
              【直し方】下書きで多い方に直します（修正ボタン）。",
    },
    Rule {
        code: LONG_VOWEL,
        family: "表記ゆれ",
        severity: Severity::Warning,
        severity_note: "",
        title: "長音のゆれ（サーバー／サーバ）",
        fix: true,
        doc: "【内容】カタカナ語が、長音（ー）のある書き方とない書き方で書かれています。\n\
              【理由】計画は一つの文書です。書き方が二つあると、別のものを指すと受け取られます。\n\
              【例】サーバー／サーバ、シティー／シティ\n\
              【直し方】下書きで多い方に直します（修正ボタン）。",
    },
    Rule {
        code: DICTIONARY,
        family: "表記ゆれ",
        severity: Severity::Info,
        severity_note: "",
        title: "辞書の表記に合わない（手続き→手続 など）",
        fix: true,
        doc: "【内容】辞書が別の書き方を決めている語です（手続き → 手続、わかりやすい → 分かりやすい、ICT技術 → ICT）。同梱の辞書は公用文の書き方（平成22年内閣訓令第1号、公用文作成の考え方）を収めています。課の辞書を加えることもできます（shinkyu check --dictionary）。\n\
              【理由】公用文の書き方に合わせ、計画の中で書き方をそろえます。\n\
              【例】誤：わかりやすい情報発信\n\
              正：分かりやすい情報発信\n\
              【直し方】辞書の書き方に直します（修正ボタン）。",
    },
    Rule {
        code: BOILERPLATE,
        family: "表記ゆれ",
        severity: Severity::Info,
        severity_note: "",
        title: "定型文の言い回しのゆれ",
        fix: true,
        doc: "【内容】改定後の計画の二つの文が、真ん中の数文字（6文字まで）を除いて同じです。数字、※、全角・半角だけの違いはほかの規則に任せます。二つの文がどちらも現行計画のまま変わっていないとき（現行計画の言い回し）は指摘しません。\n\
              【理由】定型文は施策大項目の間で写されます。片方だけを直すと言い回しがずれ、たいていはどちらかが誤りです。\n\
              【例】「(現時点では、市民協働がなされないものが多いため、非記載を想定)」と「(現時点では、市民協働がなじまないものが多いため、非記載を想定)」\n\
              【直し方】もう一方の言い回しにそろえます（修正ボタン）。意図した違いなら、この指摘は無視してかまいません。",
    },
];

/// Hiragana that 送り仮名 between kanji end in (引き上げ, 申し込み).
const OKURI: &str = "いきぎしじちびみりえけげせべめれね";
/// Hiragana that a noun's trailing 送り仮名 end in (手続き, 引上げ). Not し or せ: after a
/// kanji word they are mostly する (入手し, 実施せず).
const TRAILING: &str = "いきぎじちびみりえけげべめれね";
/// What may follow a word used as a noun.
const NOUN_MARKERS: &str = "をがのはやもへとにで等。」）)";

/// A unit's text without ※ (so ICT※技術 reads ICT技術) and with quotations blanked,
/// with the map back to the unit's characters.
struct View {
    chars: Vec<char>,
    map: Vec<usize>,
    plan: bool,
}

impl View {
    fn new(u: &Unit) -> View {
        let quotes = if u.kind == UnitKind::VoiceNote {
            text::quoted_spans(&u.chars)
        } else {
            Vec::new()
        };
        let mut chars = Vec::with_capacity(u.chars.len());
        let mut map = Vec::with_capacity(u.chars.len());
        for (i, &c) in u.chars.iter().enumerate() {
            if c == '※' {
                continue;
            }
            chars.push(if text::inside(&quotes, i) { ' ' } else { c });
            map.push(i);
        }
        View {
            chars,
            map,
            plan: u.plan,
        }
    }

    /// The unit span of view span `s..e`.
    fn span(&self, s: usize, e: usize) -> (usize, usize) {
        (self.map[s], self.map[e - 1] + 1)
    }
}

/// One occurrence of a spelling: unit index and span in the unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Occ {
    unit: usize,
    start: usize,
    end: usize,
    /// In the revised plan (else on the 現行 side, counted as evidence only).
    plan: bool,
}

/// Whether what follows position `t` makes the word before it a noun: a particle (not the
/// start of やすい, にくい, がたい, which follow verbs), 等, 。, a closing bracket, or the end.
fn noun_follows(c: &[char], t: usize) -> bool {
    let Some(&x) = c.get(t) else { return true };
    let next = c.get(t + 1).copied();
    NOUN_MARKERS.contains(x)
        && !matches!(
            (x, next),
            ('や', Some('す')) | ('に', Some('く')) | ('が', Some('た'))
        )
}

fn word_kanji(c: char) -> bool {
    text::is_kanji(c) && c != '等'
}

/// Words used as nouns: kanji with single 送り仮名 between them and optionally one at the end,
/// followed by a noun marker or the end. Returns view spans.
fn noun_words(c: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let n = c.len();
    let mut i = 0;
    while i < n {
        if !word_kanji(c[i]) || (i > 0 && word_kanji(c[i - 1])) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && word_kanji(c[j]) {
            j += 1;
        }
        let mut internal = 0;
        while internal < 2 && j + 1 < n && OKURI.contains(c[j]) && word_kanji(c[j + 1]) {
            j += 1;
            while j < n && word_kanji(c[j]) {
                j += 1;
            }
            internal += 1;
        }
        let t = if j < n && TRAILING.contains(c[j]) {
            j + 1
        } else {
            j
        };
        if noun_follows(c, t) {
            out.push((i, t));
        }
        i = j.max(i + 1);
    }
    out
}

type Groups = HashMap<String, HashMap<String, Vec<Occ>>>;

fn okurigana_groups(views: &[View]) -> Groups {
    let words: Vec<Vec<(usize, usize)>> = views.iter().map(|v| noun_words(&v.chars)).collect();
    // Skeletons of words written with 送り仮名: only they can have another spelling. Words
    // of kanji alone (most nouns) are recorded only when their kanji are such a skeleton.
    let mut with_kana: HashSet<Vec<char>> = HashSet::new();
    for (v, ws) in views.iter().zip(&words) {
        for &(s, e) in ws {
            for p in s..e {
                let w = &v.chars[p..e];
                if word_kanji(w[0]) && w.iter().any(|c| !word_kanji(*c)) {
                    with_kana.insert(w.iter().copied().filter(|c| word_kanji(*c)).collect());
                }
            }
        }
    }
    let mut groups: Groups = HashMap::new();
    for (k, (v, ws)) in views.iter().zip(&words).enumerate() {
        for &(s, e) in ws {
            for p in s..e {
                let w = &v.chars[p..e];
                if !word_kanji(w[0]) {
                    continue;
                }
                let kanji_only = w.iter().all(|c| word_kanji(*c));
                if kanji_only && !with_kana.contains(w) {
                    continue;
                }
                let skeleton: String = w.iter().filter(|c| word_kanji(**c)).collect();
                if !(2..=8).contains(&skeleton.chars().count()) {
                    continue;
                }
                let (start, end) = v.span(p, e);
                groups
                    .entry(skeleton)
                    .or_default()
                    .entry(w.iter().collect())
                    .or_default()
                    .push(Occ {
                        unit: k,
                        start,
                        end,
                        plan: v.plan,
                    });
            }
        }
    }
    groups
}

/// Katakana compounds and Latin words with their separators, for YUR002/YUR003.
fn tokens(c: &[char]) -> Vec<(usize, usize, bool)> {
    let kata_sep = |x: char| matches!(x, '・' | '･' | '＝' | '=');
    let latin_sep = |x: char| matches!(x, '-' | '‐' | '－' | '・');
    let mut out = Vec::new();
    let n = c.len();
    let mut i = 0;
    while i < n {
        let katakana = text::is_katakana(c[i]) && c[i] != 'ー';
        let latin = text::is_latin(c[i]);
        if !(katakana || latin)
            || (i > 0
                && (text::is_latin(c[i - 1])
                    || text::is_katakana(c[i - 1])
                    || text::is_digit(c[i - 1])))
        {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut last = i;
        while j < n {
            let x = c[j];
            let ok = if katakana {
                text::is_katakana(x) || (kata_sep(x) && j + 1 < n && text::is_katakana(c[j + 1]))
            } else {
                text::is_latin(x)
                    || text::is_digit(x)
                    || (latin_sep(x) && j + 1 < n && text::is_latin(c[j + 1]))
            };
            if !ok {
                break;
            }
            j += 1;
            last = j;
        }
        out.push((i, last, katakana));
        i = last.max(i + 1);
    }
    out
}

fn token_key(s: &[char], katakana: bool) -> (String, String) {
    if katakana {
        let spelling: String = s.iter().collect();
        let key: String = s
            .iter()
            .filter(|c| !matches!(c, '・' | '･' | '＝' | '=' | 'ー'))
            .collect();
        (key, spelling)
    } else {
        let spelling: String = s
            .iter()
            .map(|&c| text::to_half(c))
            .map(|c| if c == '‐' { '-' } else { c })
            .collect();
        let key: String = spelling
            .chars()
            .filter(|c| !matches!(c, '-' | '・'))
            .flat_map(|c| c.to_lowercase())
            .collect();
        (format!("L:{key}"), spelling)
    }
}

/// Reports the spellings of groups that are not the canonical one.
struct Reporter<'r, 'a> {
    units: &'r [&'r Unit],
    corpus: &'r super::corpus::Corpus<'a>,
    preferred: &'r HashSet<&'r str>,
    ignore: &'r HashSet<&'r str>,
    /// (unit, end) already reported: longer words ending at the same place are not.
    reported: HashSet<(usize, usize)>,
    /// (unit, start, end) reported, so the dictionary does not repeat them.
    spans: HashMap<usize, Vec<(usize, usize)>>,
    found: Vec<Finding>,
}

impl Reporter<'_, '_> {
    /// The spelling to use: the dictionary's preferred one, else the draft's majority (both
    /// sides counted); on a tie, for 送り仮名 the shorter (the 公用文 omits 送り仮名 in
    /// nouns), for the others the one marked ※ (the 用語解説's headword); then the first in
    /// the draft.
    fn canonical<'g>(&self, spellings: &'g HashMap<String, Vec<Occ>>, code: &str) -> &'g str {
        let marked = |o: &Vec<Occ>| {
            o.iter()
                .any(|o| self.units[o.unit].chars.get(o.end) == Some(&'※'))
        };
        let mut v: Vec<(&String, &Vec<Occ>)> = spellings.iter().collect();
        v.sort_by(|a, b| {
            let pa = self.preferred.contains(a.0.as_str());
            let pb = self.preferred.contains(b.0.as_str());
            let tie = if code == OKURIGANA {
                a.0.chars().count().cmp(&b.0.chars().count())
            } else {
                marked(b.1).cmp(&marked(a.1))
            };
            pb.cmp(&pa)
                .then(b.1.len().cmp(&a.1.len()))
                .then(tie)
                .then(a.1[0].unit.cmp(&b.1[0].unit))
                .then(a.1[0].start.cmp(&b.1[0].start))
                .then(a.0.cmp(b.0))
        });
        v[0].0
    }

    fn report(&mut self, groups: Groups, code: &'static str) {
        let mut keys: Vec<&String> = groups.keys().filter(|k| groups[*k].len() > 1).collect();
        // Shortest first, so the smallest differing word is reported and longer ones
        // containing it are not.
        keys.sort_by(|a, b| a.chars().count().cmp(&b.chars().count()).then(a.cmp(b)));
        for key in keys {
            let spellings = &groups[key];
            let in_plan = spellings
                .values()
                .filter(|o| o.iter().any(|o| o.plan))
                .count();
            if in_plan < 2 || spellings.keys().any(|s| self.ignore.contains(s.as_str())) {
                continue;
            }
            let canon = self.canonical(spellings, code);
            let counts = count_summary(spellings);
            let most = spellings.values().map(Vec::len).max().unwrap_or(0);
            let tied = spellings.values().filter(|o| o.len() == most).count() > 1;
            let why = if self.preferred.contains(canon) {
                "辞書の表記"
            } else if !tied {
                "多いほうの表記"
            } else {
                "例えば"
            };
            let mut ordered: Vec<(&String, &Vec<Occ>)> = spellings
                .iter()
                .filter(|(s, _)| s.as_str() != canon)
                .collect();
            ordered.sort_by(|a, b| a.0.cmp(b.0));
            let kind = match code {
                OKURIGANA => "送り仮名",
                SEPARATORS => "中黒・ハイフン",
                _ => "長音",
            };
            for (spelling, occs) in ordered {
                for o in occs.iter().filter(|o| o.plan) {
                    if !self.reported.insert((o.unit, o.end)) {
                        continue;
                    }
                    self.spans.entry(o.unit).or_default().push((o.start, o.end));
                    let u = self.units[o.unit];
                    let written = text::slice(&u.chars, o.start, o.end);
                    let mut f = self.corpus.finding(
                        u,
                        o.start,
                        o.end,
                        Severity::Warning,
                        code,
                        format!(
                            "「{spelling}」と「{canon}」の{kind}がゆれています（現行を含め{counts}）。{why}「{canon}」にそろえてください。"
                        ),
                    );
                    f.fix = respell(u, o.start, o.end, &written, canon);
                    self.found.push(f);
                }
            }
        }
    }
}

fn count_summary(spellings: &HashMap<String, Vec<Occ>>) -> String {
    let mut v: Vec<(&String, usize)> = spellings.iter().map(|(s, o)| (s, o.len())).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    v.iter()
        .map(|(s, n)| format!("「{s}」{n}か所"))
        .collect::<Vec<_>>()
        .join("、")
}

pub(super) fn check(ctx: &mut Ctx) {
    let corpus = ctx.corpus;
    // The revised plan's text, and the 現行 side's as evidence of the draft's spelling.
    let units: Vec<&Unit> = corpus
        .units
        .iter()
        .filter(|u| u.styled() || u.is_current())
        .filter(|u| {
            !matches!(
                u.kind,
                UnitKind::PlanName | UnitKind::Quote | UnitKind::SdgName
            )
        })
        .collect();
    let views: Vec<View> = units.iter().map(|u| View::new(u)).collect();
    let preferred: HashSet<&str> = ctx
        .dict
        .entries
        .iter()
        .map(|e| e.preferred.as_str())
        .collect();
    let ignore: HashSet<&str> = ctx.dict.ignore.iter().map(String::as_str).collect();
    let mut st = Reporter {
        units: &units,
        corpus,
        preferred: &preferred,
        ignore: &ignore,
        reported: HashSet::new(),
        spans: HashMap::new(),
        found: Vec::new(),
    };
    st.report(okurigana_groups(&views), OKURIGANA);
    // Katakana and Latin words.
    let mut sep_groups: Groups = HashMap::new();
    for (k, v) in views.iter().enumerate() {
        for (s, e, katakana) in tokens(&v.chars) {
            let (key, spelling) = token_key(&v.chars[s..e], katakana);
            let letters = key.trim_start_matches("L:").chars().count();
            if letters < 3 {
                continue;
            }
            let (start, end) = v.span(s, e);
            sep_groups
                .entry(key)
                .or_default()
                .entry(spelling)
                .or_default()
                .push(Occ {
                    unit: k,
                    start,
                    end,
                    plan: v.plan,
                });
        }
    }
    // Split each group by kind of difference: separators only, or long vowels.
    let mut by_sep: Groups = HashMap::new();
    let mut by_vowel: Groups = HashMap::new();
    for (key, spellings) in sep_groups {
        if spellings.len() < 2 {
            continue;
        }
        let strip = |s: &str| -> String {
            s.chars()
                .filter(|c| !matches!(c, '・' | '･' | '＝' | '=' | '-'))
                .collect()
        };
        let distinct: HashSet<String> = spellings.keys().map(|s| strip(s)).collect();
        if distinct.len() == 1 {
            by_sep.insert(key, spellings);
        } else {
            by_vowel.insert(key, spellings);
        }
    }
    st.report(by_sep, SEPARATORS);
    st.report(by_vowel, LONG_VOWEL);
    let Reporter {
        spans, mut found, ..
    } = st;
    // The dictionary, where the automatic rules did not already speak.
    for (k, (u, v)) in units.iter().zip(&views).enumerate() {
        if !u.plan {
            continue;
        }
        let c = &v.chars;
        let mut i = 0;
        while i < c.len() {
            let hit = ctx.matcher.at(c, i).find(|&(len, e)| {
                let entry = &ctx.dict.entries[e];
                !entry.noun_only || noun_follows(c, i + len)
            });
            let Some((len, e)) = hit else {
                i += 1;
                continue;
            };
            let entry = &ctx.dict.entries[e];
            let (start, end) = v.span(i, i + len);
            let written = text::slice(&u.chars, start, end);
            let overlaps = spans
                .get(&k)
                .is_some_and(|l| l.iter().any(|&(us, ue)| us < end && start < ue));
            if !ignore.contains(written.as_str()) && !overlaps {
                let note = if entry.note.is_empty() {
                    String::new()
                } else {
                    format!("{}。", entry.note.trim_end_matches('。'))
                };
                let mut f = corpus.finding(
                    u,
                    start,
                    end,
                    Severity::Info,
                    DICTIONARY,
                    format!("「{written}」は「{}」と書きます。{note}", entry.preferred),
                );
                f.fix = respell(u, start, end, &written, &entry.preferred);
                found.push(f);
            }
            i += len;
        }
    }
    ctx.out.extend(found);
    boilerplate::check(ctx);
}

/// The fix 「…」にする that writes `to` over the characters `start..end` of a unit, unless
/// they hold a ※ (the mark belongs to the term; replacing the spelling would drop it).
pub(super) fn respell(u: &Unit, start: usize, end: usize, written: &str, to: &str) -> Option<Fix> {
    (!written.contains('※')).then(|| {
        Fix::replace(
            format!("「{to}」にする"),
            u.addr.clone(),
            Span::new(start, end),
            written,
            to,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::super::check_draft;
    use super::super::testutil::*;
    use super::*;

    fn texts(items: &[&str]) -> crate::model::Draft {
        let mut p = policy(1, "a");
        p.issues.revised = Some(bullets(items));
        draft(vec![p])
    }

    fn words(s: &str) -> Vec<String> {
        let c: Vec<char> = s.chars().collect();
        noun_words(&c)
            .into_iter()
            .map(|(a, b)| c[a..b].iter().collect())
            .collect()
    }

    #[test]
    fn noun_words_take_okurigana_and_stop_at_verbs() {
        assert_eq!(
            words("定年の段階的引上げにより"),
            vec!["定年", "段階的引上げ"]
        );
        assert_eq!(words("段階的引き上げに伴う"), vec!["段階的引き上げ"]);
        assert_eq!(words("各種手続等の情報"), vec!["各種手続", "情報"]);
        assert!(words("取り組みます。推進します").is_empty());
    }

    #[test]
    fn okurigana_variants_fire_with_the_preferred_fix() {
        let mut d = texts(&[
            "定年の段階的引上げにより、働き方が変わります。",
            "定年の段階的引き上げに伴う職員の働き方",
        ]);
        let f = run(&d, OKURIGANA);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].excerpt, "引き上げ");
        apply_fix(&mut d, f[0].fix.as_ref().unwrap()).unwrap();
        assert!(check_draft(&d).iter().all(|f| f.code != OKURIGANA));
        // 手続: the dictionary's form wins even in the minority.
        let f = run(
            &texts(&[
                "手続きができる。",
                "手続きが必要。",
                "行政手続のオンライン化",
            ]),
            OKURIGANA,
        );
        assert_eq!(f.len(), 2);
        assert!(
            f[0].message.contains("辞書の表記「手続」"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn verbs_and_consistent_drafts_do_not_fire() {
        assert!(
            run(
                &texts(&["課題に取り組みます。", "取組を進めます。"]),
                OKURIGANA
            )
            .is_empty()
        );
        assert!(run(&texts(&["引上げにより", "引上げの影響"]), OKURIGANA).is_empty());
        assert!(
            run(
                &texts(&["実施し、効果を検証します。", "実施を予定"]),
                OKURIGANA
            )
            .is_empty()
        );
    }

    #[test]
    fn separators_and_long_vowels() {
        let f = run(
            &texts(&[
                "公衆Wi-Fi環境の整備",
                "公衆WiFi環境の整備施設数",
                "公衆Wi-Fiを設置",
            ]),
            SEPARATORS,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].excerpt, "WiFi");
        let f = run(
            &texts(&[
                "スクラップ・アンド・ビルド※を基本に",
                "事業のスクラップアンドビルドを図ります",
            ]),
            SEPARATORS,
        );
        assert_eq!(f.len(), 1);
        let f = run(
            &texts(&[
                "シティープロモーションの推進",
                "シティープロモーションを実施",
                "シティプロモーション",
            ]),
            LONG_VOWEL,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].excerpt, "シティプロモーション");
        assert!(
            run(
                &texts(&[
                    "ワーク・ライフ・バランス",
                    "ワーク・ライフ・バランスの推進",
                    "ビル、ビール"
                ]),
                SEPARATORS
            )
            .is_empty()
        );
        assert!(run(&texts(&["ビルとビール"]), LONG_VOWEL).is_empty());
    }

    #[test]
    fn dictionary_forms() {
        let f = run(
            &texts(&[
                "有効でわかりやすい情報発信",
                "課題への取り組みを進め、課題に取り組みます。",
            ]),
            DICTIONARY,
        );
        let ex: Vec<&str> = f.iter().map(|f| f.excerpt.as_str()).collect();
        assert_eq!(ex, vec!["わかりやすい", "取り組み"]);
        let f = run(&texts(&["最新のICT※技術の動向"]), DICTIONARY);
        assert_eq!(f.len(), 1);
        assert!(f[0].fix.is_none());
        let mut d = texts(&["手続きが必要です。"]);
        let f = run(&d, DICTIONARY);
        apply_fix(&mut d, f[0].fix.as_ref().unwrap()).unwrap();
        assert_eq!(
            d.policies[0].issues.revised.as_ref().unwrap().bullets[0],
            "手続が必要です。"
        );
    }

    #[test]
    fn quotations_and_plan_names_are_exempt() {
        let mut p = policy(1, "a");
        p.issues.revised = Some(bullets(&["行政手続のオンライン化"]));
        p.voices = vec![crate::model::Voice {
            source: "市民アンケート".into(),
            quote: "インターネットを使用した手続きを充実させてもらいたい".into(),
            ..Default::default()
        }];
        p.related_plans = vec![row(
            "r",
            Some(crate::model::ChangeStatus::Unchanged),
            Some(plan("手続き簡素化計画", "R5-R9年度", "計画")),
            None,
        )];
        let d = draft(vec![p]);
        assert!(run(&d, OKURIGANA).is_empty());
        assert!(run(&d, DICTIONARY).is_empty());
    }
}
