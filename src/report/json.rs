//! JSON: the whole draft, for other tools.

use crate::model::Draft;

/// The draft as pretty JSON (UTF-8, no BOM, Japanese as is).
pub fn to_json(draft: &Draft) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(draft).expect("a draft always serializes to JSON");
    s.push('\n');
    s.into_bytes()
}
