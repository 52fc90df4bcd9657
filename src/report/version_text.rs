//! The version comparison as plain text (`shinkyu diff --format text`), the twin of
//! [`super::html::version_diff_html`].

use crate::diff::{Segment, TextDiff};
use crate::model::Side;
use crate::review;

/// The version diff as text: a line per changed row, then the changed texts with deletions in
/// `[-…-]` and insertions in `{+…+}`.
pub fn version_diff_text(diff: &review::VersionDiff) -> String {
    let mut s = String::new();
    for h in &diff.headers {
        s.push_str(&format!(
            "{h}: 見出し部分（大項目名・アンケート・市民の声・SDGs・成果指標）の修正\n"
        ));
    }
    for c in &diff.changes {
        s.push_str(&format!("{}: {}\n", c.location, c.summary()));
        if let Some(from) = &c.moved_from {
            s.push_str(&format!("    移動前: {from}\n"));
        }
        if let Some((a, b)) = &c.departments {
            s.push_str(&format!(
                "    {}: {} → {}\n",
                Side::DEPARTMENTS,
                a.join("、"),
                b.join("、")
            ));
        }
        for (what, d) in [
            ("現行", &c.current),
            ("改定案", &c.revised),
            ("メモ", &c.memo),
        ] {
            let Some(d) = d else { continue };
            s.push_str(&format!(
                "    {what}: {}\n",
                inline_diff(d).replace('\n', "\n        ")
            ));
        }
    }
    s
}

/// One text with both sides' changes inline, in document order: `[-old-]{+new+}`. The
/// unchanged runs of both sides spell the same text; they are walked together.
pub fn inline_diff(d: &TextDiff) -> String {
    let unchanged = |segs: &[Segment]| -> String {
        segs.iter()
            .filter(|s| !s.changed)
            .map(|s| s.text.as_str())
            .collect()
    };
    let whole = |segs: &[Segment]| -> String { segs.iter().map(|s| s.text.as_str()).collect() };
    if unchanged(&d.old) != unchanged(&d.new) {
        // Not a common-subsequence diff: show the whole texts as replaced.
        return format!("[-{}-]{{+{}+}}", whole(&d.old), whole(&d.new));
    }
    let mut s = String::new();
    let (mut i, mut io) = (0, 0); // old segment, byte offset in it
    let (mut j, mut jo) = (0, 0);
    loop {
        while let Some(o) = d.old.get(i).filter(|o| o.changed) {
            s.push_str(&format!("[-{}-]", o.text));
            i += 1;
        }
        while let Some(n) = d.new.get(j).filter(|n| n.changed) {
            s.push_str(&format!("{{+{}+}}", n.text));
            j += 1;
        }
        let (Some(o), Some(n)) = (d.old.get(i), d.new.get(j)) else {
            break;
        };
        let (a, b) = (&o.text[io..], &n.text[jo..]);
        let k = a.len().min(b.len());
        s.push_str(&a[..k]);
        io += k;
        jo += k;
        if io == o.text.len() {
            i += 1;
            io = 0;
        }
        if jo == n.text.len() {
            j += 1;
            jo = 0;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Removes one kind of marked run from an inline diff.
    fn without(s: &str, open: &str, close: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find(open) {
            out.push_str(&rest[..i]);
            let after = &rest[i + open.len()..];
            let j = after.find(close).expect("closed");
            rest = &after[j + close.len()..];
        }
        out.push_str(rest);
        out
    }

    fn unwrap(s: &str, open: &str, close: &str) -> String {
        s.replace(open, "").replace(close, "")
    }

    #[test]
    fn inline_diffs_keep_both_texts_for_every_row_of_the_bundled_draft() {
        let draft = crate::io::parse_draft(crate::BUNDLED_DRAFT).unwrap();
        let mut checked = 0;
        for (path, _, row) in draft.rows() {
            use crate::model::SideKind;
            let a = row.side_text(SideKind::Current, path.block);
            let b = row.side_text(SideKind::Revised, path.block);
            let d = crate::diff::diff_text(&a, &b);
            let inline = inline_diff(&d);
            let old = unwrap(&without(&inline, "{+", "+}"), "[-", "-]");
            let new = unwrap(&without(&inline, "[-", "-]"), "{+", "+}");
            assert_eq!(old, a, "{}", draft.row_location(path));
            assert_eq!(new, b, "{}", draft.row_location(path));
            checked += 1;
        }
        assert!(checked > 100);
    }
}
