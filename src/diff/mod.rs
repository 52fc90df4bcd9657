//! The change between two texts, computed by grapheme so that Japanese (written without
//! spaces) diffs by character, for the GUI preview and every exporter.

use std::time::Duration;

use similar::{ChangeTag, TextDiff as SimilarDiff};

/// A run of text that is either common to both sides or changed on this side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    /// Deleted (on the old side) or inserted (on the new side).
    pub changed: bool,
}

/// The two sides of a change, each as segments that concatenate to that side's text.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct TextDiff {
    pub old: Vec<Segment>,
    pub new: Vec<Segment>,
}

impl TextDiff {
    /// True when the texts are equal.
    pub fn is_unchanged(&self) -> bool {
        self.old.iter().chain(&self.new).all(|s| !s.changed)
    }
}

/// How long one diff may take before it falls back to a coarser answer.
pub const DIFF_TIMEOUT: Duration = Duration::from_millis(200);

/// Diffs two texts by grapheme.
pub fn diff_text(old: &str, new: &str) -> TextDiff {
    let diff = SimilarDiff::configure()
        .timeout(DIFF_TIMEOUT)
        .diff_graphemes(old, new);
    let mut out = TextDiff::default();
    for change in diff.iter_all_changes() {
        let text = change.value();
        match change.tag() {
            ChangeTag::Equal => {
                push(&mut out.old, text, false);
                push(&mut out.new, text, false);
            }
            ChangeTag::Delete => push(&mut out.old, text, true),
            ChangeTag::Insert => push(&mut out.new, text, true),
        }
    }
    out
}

fn push(side: &mut Vec<Segment>, text: &str, changed: bool) {
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

    #[test]
    fn sides_reassemble_and_changes_are_marked() {
        let d = diff_text("最新のICT※技術の動向", "最新のICT※の動向");
        assert_eq!(joined(&d.old), "最新のICT※技術の動向");
        assert_eq!(joined(&d.new), "最新のICT※の動向");
        let deleted: String = d
            .old
            .iter()
            .filter(|s| s.changed)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(deleted, "技術");
        assert!(d.new.iter().all(|s| !s.changed));
        assert!(diff_text("同じ", "同じ").is_unchanged());
    }
}
