//! What the printable 新旧対照表 writes the same way in every format (HTML, Word, and the
//! Excel cells): the placeholders of absent sides, the legend of the title block, the page
//! corner, the title of the changes since the previous version, and a side's lines.

use crate::diff::Segment;
use crate::model::Meta;
use crate::review::VersionDiff;

use super::findings::FindingEntry;
use super::format_date_ja;

/// Placeholder on the 現行 side of a new row.
pub const NEW_PLACEHOLDER: &str = crate::model::PolicyStatus::New.mark();
/// Placeholder on the 改定案 side of a deleted row.
pub const DELETED_PLACEHOLDER: &str = crate::model::PolicyStatus::Deleted.mark();
/// Placeholder on both sides of a row with no text at all (e.g. an empty 協働による取組).
pub const EMPTY_PLACEHOLDER: &str = "（記載なし）";
/// Placeholder on the 改定案 side of an unchanged row with [`super::UnchangedRows::Placeholder`].
pub const UNCHANGED_PLACEHOLDER: &str = "（変更なし）";

/// The title block's legend: how changes and absent sides are marked.
pub fn legend(unchanged_placeholder: bool) -> String {
    let mut s = String::from(
        "下線は変更箇所を示します（現行欄では削除・変更される語句、改定案欄では追加・変更後の語句）。\
         新たに加える行は現行欄に「（新規）」、削る行は改定案欄に「（削除）」と記載しています。",
    );
    if unchanged_placeholder {
        s.push_str("変更のない行は改定案欄に「（変更なし）」と記載しています。");
    }
    s
}

/// The title block's 版・日付・作成, those that are filled in, the date in the era.
pub fn meta_fields(meta: &Meta) -> Vec<(&'static str, String)> {
    [
        ("版", meta.version_label.clone()),
        ("日付", format_date_ja(&meta.date)),
        ("作成", meta.author_section.clone()),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .collect()
}

/// The document's label for the running header: `新旧対照表　6. 行財政経営分野　素案1`.
pub fn document_label(meta: &Meta) -> String {
    format!("新旧対照表　{}　{}", meta.field_label(), meta.version_label)
}

/// 「前回（素案1）からの主な修正内容」.
pub fn changes_title(diff: &VersionDiff) -> String {
    if diff.old_version.trim().is_empty() {
        "前回からの主な修正内容".to_string()
    } else {
        format!("前回（{}）からの主な修正内容", diff.old_version.trim())
    }
}

/// Splits segments at line breaks: each line is a list of (text, changed) pieces, none empty.
pub fn split_lines(segs: &[Segment]) -> Vec<Vec<(&str, bool)>> {
    let mut lines: Vec<Vec<(&str, bool)>> = vec![Vec::new()];
    for s in segs {
        for (i, piece) in s.text.split('\n').enumerate() {
            if i > 0 {
                lines.push(Vec::new());
            }
            let piece = piece.strip_suffix('\r').unwrap_or(piece);
            if !piece.is_empty() {
                lines
                    .last_mut()
                    .expect("at least one line")
                    .push((piece, s.changed));
            }
        }
    }
    lines
}

/// The version label and date for the page's top right corner.
pub fn page_corner(meta: &Meta) -> String {
    let date = format_date_ja(&meta.date);
    [meta.version_label.as_str(), date.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("　")
}

/// 「修正のあった行 n 件…。下線は前回の版との違いです。」 under the changes' title.
pub fn changes_summary(diff: &VersionDiff) -> String {
    format!(
        "修正のあった行 {} 件{}。下線は前回の版との違いです。",
        diff.changes.len(),
        if diff.headers.is_empty() {
            String::new()
        } else {
            format!("、施策大項目の見出し部分の修正 {} 件", diff.headers.len())
        }
    )
}

/// The 施策大項目 whose header blocks changed, as a note.
pub fn changed_headers(diff: &VersionDiff) -> String {
    format!(
        "見出し部分（大項目名・市民アンケート・市民の声・SDGs・成果指標）に修正のある施策大項目：{}",
        diff.headers.join("、")
    )
}

/// 「検査で見つかった項目 n 件（エラー …）。」 above the findings appendix.
pub fn findings_summary(findings: &[FindingEntry]) -> String {
    let active: Vec<&FindingEntry> = findings.iter().filter(|f| f.suppressed.is_none()).collect();
    let count = |sev: &str| active.iter().filter(|f| f.severity == sev).count();
    let ignored = findings.len() - active.len();
    format!(
        "検査で見つかった項目 {} 件（エラー {} 件、警告 {} 件、情報 {} 件）{}。",
        active.len(),
        count("エラー"),
        count("警告"),
        count("情報"),
        if ignored > 0 {
            format!("。ほかに、理由を付けて無視した項目 {ignored} 件")
        } else {
            String::new()
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_at_breaks_inside_changes() {
        let segs = vec![
            Segment {
                text: "●一\n●".into(),
                changed: false,
            },
            Segment {
                text: "二\n●三".into(),
                changed: true,
            },
        ];
        assert_eq!(
            split_lines(&segs),
            vec![
                vec![("●一", false)],
                vec![("●", false), ("二", true)],
                vec![("●三", true)],
            ]
        );
    }
}
