//! JSON: the whole draft for other tools, or the comparison view with its diff segments.

use crate::model::Draft;

use super::view::ComparisonView;

/// The draft as pretty JSON (UTF-8, no BOM, Japanese as is).
pub fn to_json(draft: &Draft) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(draft).expect("a draft always serializes to JSON");
    s.push('\n');
    s.into_bytes()
}

/// The comparison view as pretty JSON: per 施策大項目 its header blocks and its rows, each row
/// with its texts, status and diff segments (`changed` = to underline).
pub fn view_to_json(view: &ComparisonView) -> Vec<u8> {
    let mut s =
        serde_json::to_string_pretty(view).expect("a comparison view always serializes to JSON");
    s.push('\n');
    s.into_bytes()
}
