//! Making a grapheme diff read the way a person would mark it.
//!
//! A raw grapheme diff of a rewritten Japanese phrase matches every particle the two versions
//! happen to share (の, を, と …) and marks the phrase as a comb of short changes. Two passes fix
//! that, after the model of diff-match-patch's semantic cleanup:
//!
//! - [`semantic`]: an equal run that lies between two changes and is no longer than the changes
//!   on *both* of its sides is folded into them, so the rewritten phrase becomes one change;
//! - [`expand_to_words`]: a change that begins or ends inside a run of Latin letters or digits
//!   (a year, a code such as R4) is widened to the whole run, so 令和4 → 令和9 or H30-R4 →
//!   R5-R9 marks the numbers as wholes rather than single digits;
//! - [`align_to_boundaries`]: a pure insertion or deletion that could equally sit a few
//!   characters earlier or later (because the text around it repeats) is slid to the position
//!   that best matches a word boundary of Japanese text (punctuation, brackets, line breaks, the
//!   step from kana to kanji), so that 「市長との → 「市民と市長との marks 市民と, not 民と市.

use unicode_segmentation::UnicodeSegmentation;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tag {
    Equal,
    Delete,
    Insert,
}

/// One run of a diff: text common to both sides, deleted from the old or inserted into the new.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Op {
    pub tag: Tag,
    pub text: String,
}

impl Op {
    pub fn equal(text: &str) -> Op {
        Op {
            tag: Tag::Equal,
            text: text.to_string(),
        }
    }
    pub fn delete(text: &str) -> Op {
        Op {
            tag: Tag::Delete,
            text: text.to_string(),
        }
    }
    pub fn insert(text: &str) -> Op {
        Op {
            tag: Tag::Insert,
            text: text.to_string(),
        }
    }
}

fn glen(s: &str) -> usize {
    s.graphemes(true).count()
}

/// A diff as alternating runs: equal text, or a change (deleted and inserted text).
#[derive(Clone, Debug)]
enum Run {
    Equal(String, usize),
    Change {
        del: String,
        del_len: usize,
        ins: String,
        ins_len: usize,
    },
}

impl Run {
    fn change_size(&self) -> usize {
        match self {
            Run::Change {
                del_len, ins_len, ..
            } => (*del_len).max(*ins_len),
            Run::Equal(..) => 0,
        }
    }
}

fn to_runs(ops: &[Op]) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    for op in ops {
        if op.text.is_empty() {
            continue;
        }
        let n = glen(&op.text);
        match (op.tag, runs.last_mut()) {
            (Tag::Equal, Some(Run::Equal(t, len))) => {
                t.push_str(&op.text);
                *len += n;
            }
            (Tag::Equal, _) => runs.push(Run::Equal(op.text.clone(), n)),
            (Tag::Delete, Some(Run::Change { del, del_len, .. })) => {
                del.push_str(&op.text);
                *del_len += n;
            }
            (Tag::Insert, Some(Run::Change { ins, ins_len, .. })) => {
                ins.push_str(&op.text);
                *ins_len += n;
            }
            (Tag::Delete, _) => runs.push(Run::Change {
                del: op.text.clone(),
                del_len: n,
                ins: String::new(),
                ins_len: 0,
            }),
            (Tag::Insert, _) => runs.push(Run::Change {
                del: String::new(),
                del_len: 0,
                ins: op.text.clone(),
                ins_len: n,
            }),
        }
    }
    runs
}

fn from_runs(runs: Vec<Run>) -> Vec<Op> {
    let mut ops = Vec::with_capacity(runs.len() * 2);
    for r in runs {
        match r {
            Run::Equal(t, _) => ops.push(Op {
                tag: Tag::Equal,
                text: t,
            }),
            Run::Change { del, ins, .. } => {
                if !del.is_empty() {
                    ops.push(Op {
                        tag: Tag::Delete,
                        text: del,
                    });
                }
                if !ins.is_empty() {
                    ops.push(Op {
                        tag: Tag::Insert,
                        text: ins,
                    });
                }
            }
        }
    }
    ops
}

/// Folds every equal run that is no longer than the changes on both its sides into those
/// changes, repeatedly (a fold makes the merged change longer, which may let the next equal
/// run fold too). Linear in the number of runs.
pub(crate) fn semantic(ops: &mut Vec<Op>) {
    let runs = to_runs(ops);
    let mut out: Vec<Run> = Vec::with_capacity(runs.len());
    for run in runs {
        out.push(run);
        // While the tail is [change, short equal, change], fold it into one change.
        while out.len() >= 3 {
            let n = out.len();
            let fold = match (&out[n - 3], &out[n - 2], &out[n - 1]) {
                (a @ Run::Change { .. }, Run::Equal(_, len), b @ Run::Change { .. }) => {
                    *len <= a.change_size() && *len <= b.change_size()
                }
                _ => false,
            };
            if !fold {
                break;
            }
            let b = out.pop().expect("three runs");
            let e = out.pop().expect("three runs");
            let a = out.pop().expect("three runs");
            if let (
                Run::Change {
                    mut del,
                    mut del_len,
                    mut ins,
                    mut ins_len,
                },
                Run::Equal(eq, eq_len),
                Run::Change {
                    del: del_b,
                    del_len: del_len_b,
                    ins: ins_b,
                    ins_len: ins_len_b,
                },
            ) = (a, e, b)
            {
                del.push_str(&eq);
                del.push_str(&del_b);
                del_len += eq_len + del_len_b;
                ins.push_str(&eq);
                ins.push_str(&ins_b);
                ins_len += eq_len + ins_len_b;
                out.push(Run::Change {
                    del,
                    del_len,
                    ins,
                    ins_len,
                });
            }
        }
    }
    *ops = from_runs(out);
}

/// Widens every change that starts or ends inside a run of letters or digits to the whole run
/// (the runs' common part moves from the equal text into both sides of the change).
pub(crate) fn expand_to_words(ops: &mut Vec<Op>) {
    let mut runs = to_runs(ops);
    let mut changed = false;
    for i in 0..runs.len() {
        if !matches!(runs[i], Run::Change { .. }) {
            continue;
        }
        // Leading edge: the equal run before ends in a word character and the change starts with one.
        if i > 0
            && let Run::Equal(before, _) = &runs[i - 1]
        {
            let starts_word = match &runs[i] {
                Run::Change { del, ins, .. } => {
                    first_char(del).is_some_and(is_word) || first_char(ins).is_some_and(is_word)
                }
                Run::Equal(..) => false,
            };
            let tail = trailing_word(before);
            if starts_word && !tail.is_empty() {
                let tail = tail.to_string();
                let keep = before[..before.len() - tail.len()].to_string();
                runs[i - 1] = Run::Equal(keep.clone(), glen(&keep));
                if let Run::Change {
                    del,
                    del_len,
                    ins,
                    ins_len,
                } = &mut runs[i]
                {
                    let n = glen(&tail);
                    del.insert_str(0, &tail);
                    ins.insert_str(0, &tail);
                    *del_len += n;
                    *ins_len += n;
                }
                changed = true;
            }
        }
        // Trailing edge.
        if i + 1 < runs.len()
            && let Run::Equal(after, _) = &runs[i + 1]
        {
            let ends_word = match &runs[i] {
                Run::Change { del, ins, .. } => {
                    last_char(del).is_some_and(is_word) || last_char(ins).is_some_and(is_word)
                }
                Run::Equal(..) => false,
            };
            let head = leading_word(after);
            if ends_word && !head.is_empty() {
                let head = head.to_string();
                let keep = after[head.len()..].to_string();
                runs[i + 1] = Run::Equal(keep.clone(), glen(&keep));
                if let Run::Change {
                    del,
                    del_len,
                    ins,
                    ins_len,
                } = &mut runs[i]
                {
                    let n = glen(&head);
                    del.push_str(&head);
                    ins.push_str(&head);
                    *del_len += n;
                    *ins_len += n;
                }
                changed = true;
            }
        }
    }
    if changed {
        let cleaned: Vec<Run> = runs
            .into_iter()
            .filter(|r| !matches!(r, Run::Equal(t, _) if t.is_empty()))
            .collect();
        *ops = from_runs(cleaned);
        // Emptied equal runs leave adjacent changes; merge them.
        let merged = from_runs(to_runs(ops));
        *ops = merged;
    }
}

/// Letters and digits that form words in Japanese text: Latin letters and digits, half- or
/// full-width.
fn is_word(c: char) -> bool {
    matches!(script(c), Script::Latin | Script::Digit)
}

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

fn trailing_word(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(s.len(), |(i, _)| i);
    &s[start..]
}

fn leading_word(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// Slides every pure insertion or deletion between two equal runs to the position with the
/// best [`boundary_score`] at its two ends, without changing either text.
pub(crate) fn align_to_boundaries(ops: &mut Vec<Op>) {
    let mut runs = to_runs(ops);
    let mut i = 1;
    while i + 1 < runs.len() {
        let single = match &runs[i] {
            Run::Change { del, ins, .. } => del.is_empty() != ins.is_empty(),
            Run::Equal(..) => false,
        };
        if let (true, Run::Equal(before, _), Run::Equal(after, _)) =
            (single, &runs[i - 1], &runs[i + 1])
            && let Some((b, e, a)) = best_position(before, edit_text(&runs[i]), after)
        {
            let deleted = matches!(&runs[i], Run::Change { del, .. } if !del.is_empty());
            let elen = glen(&e);
            runs[i - 1] = Run::Equal(b.clone(), glen(&b));
            runs[i + 1] = Run::Equal(a.clone(), glen(&a));
            runs[i] = if deleted {
                Run::Change {
                    del: e,
                    del_len: elen,
                    ins: String::new(),
                    ins_len: 0,
                }
            } else {
                Run::Change {
                    del: String::new(),
                    del_len: 0,
                    ins: e,
                    ins_len: elen,
                }
            };
        }
        i += 1;
    }
    // Sliding can empty an equal run; merging the neighbours keeps runs alternating.
    let ops_out = from_runs(runs);
    *ops = from_runs(to_runs(&ops_out));
}

fn edit_text(run: &Run) -> &str {
    match run {
        Run::Change { del, ins, .. } => {
            if del.is_empty() {
                ins
            } else {
                del
            }
        }
        Run::Equal(t, _) => t,
    }
}

/// The most readable placement of `edit` between `before` and `after`, if it differs from the
/// current one. Only placements that leave both texts unchanged are considered: the edit slides
/// left while it ends with what `before` ends with, and right while it starts with what `after`
/// starts with.
fn best_position(before: &str, edit: &str, after: &str) -> Option<(String, String, String)> {
    let b: Vec<&str> = before.graphemes(true).collect();
    let e: Vec<&str> = edit.graphemes(true).collect();
    let a: Vec<&str> = after.graphemes(true).collect();
    if e.is_empty() {
        return None;
    }
    // How far left can it go: common suffix of before and edit.
    let mut left = 0;
    while left < b.len() && left < e.len() && b[b.len() - 1 - left] == e[e.len() - 1 - left] {
        left += 1;
    }
    // How far right: common prefix of edit and after.
    let mut right = 0;
    while right < a.len() && right < e.len() && e[right] == a[right] {
        right += 1;
    }
    if left == 0 && right == 0 {
        return None;
    }
    // The whole text around and including the edit; the edit covers [pos, pos + e.len()).
    let all: Vec<&str> = b.iter().chain(&e).chain(&a).copied().collect();
    let origin = b.len();
    let score_at = |pos: usize| -> i32 {
        let end = pos + e.len();
        let l = if pos == 0 { None } else { Some(all[pos - 1]) };
        let r = all.get(end).copied();
        boundary_score(l, Some(all[pos])) + boundary_score(Some(all[end - 1]), r)
    };
    let mut best = origin;
    let mut best_score = score_at(origin);
    for pos in (origin - left)..=(origin + right) {
        let s = score_at(pos);
        if s > best_score {
            best = pos;
            best_score = s;
        }
    }
    if best == origin {
        return None;
    }
    let end = best + e.len();
    Some((
        all[..best].concat(),
        all[best..end].concat(),
        all[end..].concat(),
    ))
}

/// How good a place the gap between graphemes `left` and `right` is for a change to begin or
/// end (`None` = the start or end of the text). Higher is better.
pub fn boundary_score(left: Option<&str>, right: Option<&str>) -> i32 {
    let (Some(l), Some(r)) = (left, right) else {
        return 6;
    };
    let lc = l.chars().last().unwrap_or(' ');
    let rc = r.chars().next().unwrap_or(' ');
    if lc == '\n' || rc == '\n' {
        return 5;
    }
    if matches!(lc, '。' | '！' | '？' | '!' | '?') {
        return 4;
    }
    if matches!(
        lc,
        '、' | '，' | ',' | '・' | '」' | '）' | ')' | '』' | '】' | '〕' | '］'
    ) || matches!(rc, '「' | '（' | '(' | '『' | '【' | '〔' | '［')
    {
        return 3;
    }
    if lc.is_whitespace() || rc.is_whitespace() {
        return 3;
    }
    if matches!(rc, '、' | '。' | '，' | '」' | '）' | ')' | '』' | '】') {
        return 2;
    }
    match (script(lc), script(rc)) {
        (Script::Hiragana, Script::Kanji | Script::Katakana | Script::Latin | Script::Digit) => 2,
        (x, y) if x != y => 1,
        _ => 0,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Hiragana,
    Katakana,
    Kanji,
    Latin,
    Digit,
    Other,
}

fn script(c: char) -> Script {
    match c {
        'ぁ'..='ゟ' => Script::Hiragana,
        'ァ'..='ヿ' | 'ｦ'..='ﾟ' => Script::Katakana,
        '々'
        | '〆'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' => Script::Kanji,
        '0'..='9' | '０'..='９' => Script::Digit,
        'a'..='z' | 'A'..='Z' | 'ａ'..='ｚ' | 'Ａ'..='Ｚ' => Script::Latin,
        _ => Script::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(spec: &[(Tag, &str)]) -> Vec<Op> {
        spec.iter()
            .map(|(t, s)| Op {
                tag: *t,
                text: s.to_string(),
            })
            .collect()
    }

    #[test]
    fn a_long_equal_run_between_changes_survives() {
        let mut v = ops(&[
            (Tag::Delete, "三"),
            (Tag::Insert, "四"),
            (Tag::Equal, "年度から"),
            (Tag::Delete, "五"),
            (Tag::Insert, "六"),
        ]);
        let before = v.clone();
        semantic(&mut v);
        assert_eq!(v, before);
    }

    #[test]
    fn folding_cascades() {
        // を folds first (1 ≤ 1 on both sides); the merged change (3) then lets の意 fold too,
        // which alone was longer than the change after it.
        let mut v = ops(&[
            (Tag::Equal, "「"),
            (Tag::Delete, "市民"),
            (Tag::Insert, "住民"),
            (Tag::Equal, "の意"),
            (Tag::Delete, "見"),
            (Tag::Insert, "思"),
            (Tag::Equal, "を"),
            (Tag::Delete, "聞"),
            (Tag::Insert, "聴"),
            (Tag::Equal, "く」"),
        ]);
        semantic(&mut v);
        assert_eq!(
            v,
            ops(&[
                (Tag::Equal, "「"),
                (Tag::Delete, "市民の意見を聞"),
                (Tag::Insert, "住民の意思を聴"),
                (Tag::Equal, "く」"),
            ])
        );
    }

    #[test]
    fn an_equal_run_longer_than_a_neighbouring_change_stays() {
        let mut v = ops(&[
            (Tag::Delete, "市民の意見"),
            (Tag::Insert, "住民の思い"),
            (Tag::Equal, "を理解"),
            (Tag::Delete, "した"),
            (Tag::Insert, "する"),
        ]);
        let before = v.clone();
        semantic(&mut v);
        assert_eq!(v, before);
    }

    #[test]
    fn numbers_and_codes_change_as_wholes() {
        // H30-R4年度 → R5-R9年度: the raw diff keeps "-R" and marks H30/R5 and 4/9 apart.
        let mut v = ops(&[
            (Tag::Delete, "H30"),
            (Tag::Insert, "R5"),
            (Tag::Equal, "-R"),
            (Tag::Delete, "4"),
            (Tag::Insert, "9"),
            (Tag::Equal, "年度"),
        ]);
        expand_to_words(&mut v);
        semantic(&mut v);
        assert_eq!(
            v,
            ops(&[
                (Tag::Delete, "H30-R4"),
                (Tag::Insert, "R5-R9"),
                (Tag::Equal, "年度"),
            ])
        );
        // 2023 → 2028 marks the year, not the last digit.
        let mut v = ops(&[
            (Tag::Equal, "令和5年度(202"),
            (Tag::Delete, "3"),
            (Tag::Insert, "8"),
            (Tag::Equal, "年度)"),
        ]);
        expand_to_words(&mut v);
        assert_eq!(
            v,
            ops(&[
                (Tag::Equal, "令和5年度("),
                (Tag::Delete, "2023"),
                (Tag::Insert, "2028"),
                (Tag::Equal, "年度)"),
            ])
        );
        // Japanese text around a change is left alone.
        let mut v = ops(&[
            (Tag::Equal, "市民"),
            (Tag::Delete, "の"),
            (Tag::Insert, "が"),
            (Tag::Equal, "参加"),
        ]);
        let before = v.clone();
        expand_to_words(&mut v);
        assert_eq!(v, before);
    }

    #[test]
    fn boundaries_prefer_punctuation_and_kana_to_kanji_steps() {
        assert!(boundary_score(Some("、"), Some("市")) > boundary_score(Some("市"), Some("民")));
        assert!(boundary_score(Some("の"), Some("市")) > boundary_score(Some("市"), Some("の")));
        assert_eq!(boundary_score(None, Some("a")), 6);
    }

    #[test]
    fn an_ambiguous_deletion_slides_to_the_boundary() {
        // Deleting 等の from 手続等の等の… could be marked anywhere in the repeat.
        let mut v = ops(&[
            (Tag::Equal, "手続等"),
            (Tag::Delete, "の等"),
            (Tag::Equal, "の情報"),
        ]);
        align_to_boundaries(&mut v);
        let text_old: String = v
            .iter()
            .filter(|o| o.tag != Tag::Insert)
            .map(|o| o.text.as_str())
            .collect();
        assert_eq!(text_old, "手続等の等の情報");
        assert_eq!(
            v.iter()
                .filter(|o| o.tag == Tag::Delete)
                .map(|o| o.text.as_str())
                .collect::<Vec<_>>(),
            ["等の"]
        );
    }
}
