//! The change between two texts, for the GUI preview and every exporter.
//!
//! Japanese is written without spaces, so texts are compared by grapheme (user-perceived
//! character), not by whitespace-separated word. The diff runs in two levels:
//!
//! 1. by line: lines that are equal on both sides anchor the comparison (a bullet left as it
//!    was stays unmarked even when its neighbours are rewritten);
//! 2. by grapheme, inside each run of lines that differ, followed by a *semantic cleanup*
//!    ([`cleanup`]) so that a rewritten phrase reads as one change instead of a comb of
//!    one-character matches.
//!
//! Every diff has a deadline ([`DiffOptions::timeout`]). When the grapheme level runs out of
//! time, the affected run of lines is reported as replaced as a whole ([`Precision::Line`]);
//! when even the line level runs out of time, the whole text is ([`Precision::Whole`]). A diff
//! therefore never hangs, and its segments always reassemble the two texts exactly.

mod cleanup;

use std::time::{Duration, Instant};

use serde::Serialize;
use similar::{Algorithm, ChangeTag, TextDiff as SimilarDiff};

pub use cleanup::boundary_score;

/// A run of text that is either common to both sides or changed on this side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub text: String,
    /// Deleted (on the old side) or inserted (on the new side).
    pub changed: bool,
}

/// The two sides of a change, each as segments that concatenate to that side's text.
/// Adjacent segments always differ in `changed`; no segment is empty.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
pub struct TextDiff {
    pub old: Vec<Segment>,
    pub new: Vec<Segment>,
}

impl TextDiff {
    /// True when the texts are equal.
    pub fn is_unchanged(&self) -> bool {
        self.old.iter().chain(&self.new).all(|s| !s.changed)
    }

    /// The old text, reassembled.
    pub fn old_text(&self) -> String {
        self.old.iter().map(|s| s.text.as_str()).collect()
    }

    /// The new text, reassembled.
    pub fn new_text(&self) -> String {
        self.new.iter().map(|s| s.text.as_str()).collect()
    }

    /// The changed runs of the old side (what is deleted or replaced).
    pub fn deleted(&self) -> impl Iterator<Item = &str> {
        self.old
            .iter()
            .filter(|s| s.changed)
            .map(|s| s.text.as_str())
    }

    /// The changed runs of the new side (what is inserted or replaces).
    pub fn inserted(&self) -> impl Iterator<Item = &str> {
        self.new
            .iter()
            .filter(|s| s.changed)
            .map(|s| s.text.as_str())
    }

    /// A diff in which `old` is wholly replaced by `new`.
    pub fn whole(old: &str, new: &str) -> TextDiff {
        let mut d = TextDiff::default();
        push(&mut d.old, old, true);
        push(&mut d.new, new, true);
        d
    }

    /// A diff of two equal texts.
    pub fn equal(text: &str) -> TextDiff {
        let mut d = TextDiff::default();
        push(&mut d.old, text, false);
        push(&mut d.new, text, false);
        d
    }
}

/// How finely a diff was computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
pub enum Precision {
    /// By grapheme (the normal case).
    #[default]
    Grapheme,
    /// The deadline was reached: some runs of changed lines are marked as wholly replaced.
    Line,
    /// The deadline was reached before the lines were compared: the whole text is marked.
    Whole,
}

/// How to diff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DiffOptions {
    /// Time allowed for one diff before it falls back to a coarser answer.
    pub timeout: Duration,
    /// Fold fragmentary matches into the surrounding change (see [`cleanup`]).
    pub semantic_cleanup: bool,
}

/// How long one diff may take before it falls back to a coarser answer.
pub const DIFF_TIMEOUT: Duration = Duration::from_millis(200);

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions {
            timeout: DIFF_TIMEOUT,
            semantic_cleanup: true,
        }
    }
}

/// A diff and how finely it was computed.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct DiffOutcome {
    pub diff: TextDiff,
    pub precision: Precision,
}

/// Diffs two texts by grapheme with the default options (deadline [`DIFF_TIMEOUT`], semantic
/// cleanup on).
pub fn diff_text(old: &str, new: &str) -> TextDiff {
    diff_text_with(old, new, &DiffOptions::default()).diff
}

/// Diffs two texts with the given options and reports how finely it could.
pub fn diff_text_with(old: &str, new: &str, opts: &DiffOptions) -> DiffOutcome {
    if old == new {
        return DiffOutcome {
            diff: TextDiff::equal(old),
            precision: Precision::Grapheme,
        };
    }
    if old.is_empty() || new.is_empty() {
        return DiffOutcome {
            diff: TextDiff::whole(old, new),
            precision: Precision::Grapheme,
        };
    }
    let start = Instant::now();
    let deadline = start.checked_add(opts.timeout).unwrap_or(start);
    if opts.timeout.is_zero() {
        return DiffOutcome {
            diff: TextDiff::whole(old, new),
            precision: Precision::Whole,
        };
    }

    let lines = SimilarDiff::configure()
        .algorithm(Algorithm::Myers)
        .deadline(deadline)
        .diff_lines(old, new);
    if Instant::now() >= deadline {
        return DiffOutcome {
            diff: TextDiff::whole(old, new),
            precision: Precision::Whole,
        };
    }

    let mut ops: Vec<cleanup::Op> = Vec::new();
    let mut precision = Precision::Grapheme;
    let mut del = String::new();
    let mut ins = String::new();
    let mut flush = |del: &mut String, ins: &mut String, ops: &mut Vec<cleanup::Op>| {
        if del.is_empty() && ins.is_empty() {
            return;
        }
        if !del.is_empty() && !ins.is_empty() {
            match refine(del, ins, deadline, opts.semantic_cleanup) {
                Some(refined) => ops.extend(refined),
                None => {
                    precision = Precision::Line;
                    ops.push(cleanup::Op::delete(del));
                    ops.push(cleanup::Op::insert(ins));
                }
            }
        } else if !del.is_empty() {
            ops.push(cleanup::Op::delete(del));
        } else {
            ops.push(cleanup::Op::insert(ins));
        }
        del.clear();
        ins.clear();
    };
    for change in lines.iter_all_changes() {
        match change.tag() {
            ChangeTag::Equal => {
                flush(&mut del, &mut ins, &mut ops);
                ops.push(cleanup::Op::equal(change.value()));
            }
            ChangeTag::Delete => del.push_str(change.value()),
            ChangeTag::Insert => ins.push_str(change.value()),
        }
    }
    flush(&mut del, &mut ins, &mut ops);
    DiffOutcome {
        diff: to_text_diff(&ops),
        precision,
    }
}

/// Diffs a run of changed lines by grapheme; `None` when the deadline was reached.
fn refine(old: &str, new: &str, deadline: Instant, semantic: bool) -> Option<Vec<cleanup::Op>> {
    let diff = SimilarDiff::configure()
        .algorithm(Algorithm::Myers)
        .deadline(deadline)
        .diff_graphemes(old, new);
    if Instant::now() >= deadline {
        return None;
    }
    let mut ops: Vec<cleanup::Op> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => cleanup::Tag::Equal,
            ChangeTag::Delete => cleanup::Tag::Delete,
            ChangeTag::Insert => cleanup::Tag::Insert,
        };
        match ops.last_mut() {
            Some(last) if last.tag == op => last.text.push_str(change.value()),
            _ => ops.push(cleanup::Op {
                tag: op,
                text: change.value().to_string(),
            }),
        }
    }
    if semantic {
        cleanup::expand_to_words(&mut ops);
        cleanup::semantic(&mut ops);
        cleanup::align_to_boundaries(&mut ops);
    }
    Some(ops)
}

fn to_text_diff(ops: &[cleanup::Op]) -> TextDiff {
    let mut out = TextDiff::default();
    for op in ops {
        match op.tag {
            cleanup::Tag::Equal => {
                push(&mut out.old, &op.text, false);
                push(&mut out.new, &op.text, false);
            }
            cleanup::Tag::Delete => push(&mut out.old, &op.text, true),
            cleanup::Tag::Insert => push(&mut out.new, &op.text, true),
        }
    }
    out
}

fn push(side: &mut Vec<Segment>, text: &str, changed: bool) {
    if text.is_empty() {
        return;
    }
    match side.last_mut() {
        Some(last) if last.changed == changed => last.text.push_str(text),
        _ => side.push(Segment {
            text: text.to_string(),
            changed,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(segs: &[Segment]) -> String {
        segs.iter().map(|s| s.text.as_str()).collect()
    }

    fn marked(segs: &[Segment]) -> Vec<&str> {
        segs.iter()
            .filter(|s| s.changed)
            .map(|s| s.text.as_str())
            .collect()
    }

    fn well_formed(d: &TextDiff) {
        for side in [&d.old, &d.new] {
            assert!(side.iter().all(|s| !s.text.is_empty()), "{side:?}");
            assert!(
                side.windows(2).all(|w| w[0].changed != w[1].changed),
                "{side:?}"
            );
        }
    }

    #[test]
    fn sides_reassemble_and_changes_are_marked() {
        let d = diff_text("最新のICT※技術の動向", "最新のICT※の動向");
        assert_eq!(joined(&d.old), "最新のICT※技術の動向");
        assert_eq!(joined(&d.new), "最新のICT※の動向");
        assert_eq!(marked(&d.old), ["技術"]);
        assert!(d.new.iter().all(|s| !s.changed));
        assert!(diff_text("同じ", "同じ").is_unchanged());
        well_formed(&d);
    }

    #[test]
    fn a_rewritten_phrase_is_one_change_not_a_comb() {
        // The common の in the middle of the rewritten phrase must not split it.
        let d = diff_text(
            "市民の理解と信頼を深めることが重要です。",
            "市政への関心と参加を高めることが重要です。",
        );
        well_formed(&d);
        assert_eq!(marked(&d.old).len(), 1, "{d:?}");
        assert_eq!(marked(&d.new).len(), 1, "{d:?}");
        assert!(joined(&d.old).ends_with("ことが重要です。"));
        assert!(!d.old.last().unwrap().changed);
    }

    #[test]
    fn without_cleanup_the_same_rewrite_is_fragmented() {
        // Guards the test above: the raw grapheme diff does split the phrase.
        let raw = diff_text_with(
            "市民の理解と信頼を深めることが重要です。",
            "市政への関心と参加を高めることが重要です。",
            &DiffOptions {
                semantic_cleanup: false,
                ..DiffOptions::default()
            },
        );
        assert!(marked(&raw.diff.old).len() > 1, "{raw:?}");
    }

    #[test]
    fn an_insertion_is_placed_at_a_word_boundary() {
        let d = diff_text("「市長との対話集会」", "「市民と市長との対話集会」");
        assert_eq!(marked(&d.new), ["市民と"]);
        assert!(marked(&d.old).is_empty());
    }

    #[test]
    fn equal_lines_anchor_the_diff() {
        let old = "●広報の充実\n●変わらない項目\n●情報公開の推進";
        let new = "●広報広聴の充実\n●変わらない項目\n●情報公開の徹底";
        let d = diff_text(old, new);
        well_formed(&d);
        assert_eq!(joined(&d.old), old);
        assert_eq!(joined(&d.new), new);
        assert!(marked(&d.old).iter().all(|m| !m.contains("変わらない")));
        assert_eq!(marked(&d.new), ["広聴", "徹底"]);
    }

    #[test]
    fn added_and_removed_lines_are_marked_whole() {
        let d = diff_text("●一\n●二", "●一\n●二\n●三");
        assert_eq!(marked(&d.new).concat(), "\n●三");
        let d = diff_text("●一\n●二\n●三", "●一\n●三");
        assert_eq!(marked(&d.old).concat(), "●二\n");
    }

    #[test]
    fn one_empty_side_is_wholly_changed() {
        let d = diff_text("", "新しい");
        assert!(d.old.is_empty());
        assert_eq!(marked(&d.new), ["新しい"]);
        let d = diff_text("古い", "");
        assert_eq!(marked(&d.old), ["古い"]);
        assert!(d.new.is_empty());
    }

    #[test]
    fn graphemes_are_not_split() {
        // が written as か + combining dakuten is one grapheme; a flag is one grapheme.
        let d = diff_text("か\u{3099}く", "かく");
        for s in d.old.iter().chain(&d.new) {
            assert!(!s.text.starts_with('\u{3099}'), "{d:?}");
        }
        let d = diff_text("旗🇯🇵です", "旗🇺🇸です");
        assert_eq!(marked(&d.old), ["🇯🇵"]);
        assert_eq!(marked(&d.new), ["🇺🇸"]);
    }

    #[test]
    fn a_zero_deadline_falls_back_to_the_whole_text() {
        let out = diff_text_with(
            "あいうえお",
            "あいかえお",
            &DiffOptions {
                timeout: Duration::ZERO,
                ..DiffOptions::default()
            },
        );
        assert_eq!(out.precision, Precision::Whole);
        assert_eq!(out.diff, TextDiff::whole("あいうえお", "あいかえお"));
    }

    #[test]
    fn a_pathological_input_returns_and_reassembles() {
        // Two long unrelated texts over a tiny alphabet: the worst case for Myers.
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let mut random_text = |n: usize| -> String {
            (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    ['あ', 'い', 'う', 'え'][(x % 4) as usize]
                })
                .collect()
        };
        let old = random_text(60_000);
        let new = random_text(60_000);
        let out = diff_text_with(
            &old,
            &new,
            &DiffOptions {
                timeout: Duration::from_millis(50),
                ..DiffOptions::default()
            },
        );
        assert_eq!(joined(&out.diff.old), old);
        assert_eq!(joined(&out.diff.new), new);
        well_formed(&out.diff);
    }
}
