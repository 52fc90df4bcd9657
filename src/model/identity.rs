//! Which draft a file is: an identity made once, when the draft is created (`shinkyu new`,
//! 新規作成), and kept by every copy, save-as, later version (素案2 of 素案1) and reviewer copy.
//!
//! Row ids such as `p1.measure.1` are the same in every city's draft, so ids alone cannot tell
//! a reviewer's copy of this draft from a copy of another city's. Whatever brings something
//! from another file into a draft (merging a reviewer's copy, importing a department's 照会
//! workbook) first asks [`Draft::same_draft`]. Drafts made before identities existed carry
//! none; for them the plan's name and the 分野 stand in.

use super::draft::Draft;

/// A new draft identity: 128 random bits written as a UUID (version 4). The randomness comes
/// from the standard library's randomly keyed hasher (seeded by the operating system), mixed
/// with the time and the process id, so no extra dependency is needed.
pub fn new_draft_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let word = |salt: u64| {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(nanos);
        h.write_u32(std::process::id());
        h.write_u64(salt);
        h.finish()
    };
    let (a, b) = (word(0x5348_494e), word(0x4b59_5521));
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&a.to_be_bytes());
    bytes[8..].copy_from_slice(&b.to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

impl Draft {
    /// True when `other` is a copy or a version of this same draft: the same identity when both
    /// carry one, else the same plan name and 分野 (drafts made before identities).
    pub fn same_draft(&self, other: &Draft) -> bool {
        let (a, b) = (self.meta.draft_id.trim(), other.meta.draft_id.trim());
        if !a.is_empty() && !b.is_empty() {
            return a == b;
        }
        self.meta.plan_name.trim() == other.meta.plan_name.trim()
            && self.meta.field_number == other.meta.field_number
            && self.meta.field_name.trim() == other.meta.field_name.trim()
    }

    /// The draft as users name it in messages: `本庄市総合振興計画 後期基本計画 6. 行財政経営分野（素案1）`.
    pub fn display_name(&self) -> String {
        let m = &self.meta;
        let mut s = format!("{} {}", m.plan_name.trim(), m.field_label());
        if !m.version_label.trim().is_empty() {
            s.push_str(&format!("（{}）", m.version_label.trim()));
        }
        s.trim().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Meta;

    fn draft(id: &str, plan: &str, field: u32) -> Draft {
        Draft::new(
            Meta {
                draft_id: id.into(),
                plan_name: plan.into(),
                field_number: field,
                field_name: "分野".into(),
                ..Meta::default()
            },
            vec![],
        )
    }

    #[test]
    fn new_ids_are_uuids_and_differ() {
        let a = new_draft_id();
        let b = new_draft_id();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "4");
        assert!(a.chars().all(|c| c.is_ascii_hexdigit() || c == '-'));
    }

    #[test]
    fn ids_decide_when_both_drafts_have_one() {
        assert!(draft("x", "A市計画", 1).same_draft(&draft("x", "B市計画", 2)));
        assert!(!draft("x", "A市計画", 1).same_draft(&draft("y", "A市計画", 1)));
    }

    #[test]
    fn plan_and_field_stand_in_for_drafts_without_one() {
        assert!(draft("", "A市計画", 1).same_draft(&draft("", "A市計画", 1)));
        assert!(draft("x", "A市計画", 1).same_draft(&draft("", "A市計画", 1)));
        assert!(!draft("", "A市計画", 1).same_draft(&draft("", "B市計画", 1)));
        assert!(!draft("", "A市計画", 1).same_draft(&draft("x", "A市計画", 2)));
    }

    #[test]
    fn display_name_names_plan_field_and_version() {
        let mut d = draft("", "A市総合計画", 3);
        d.meta.version_label = "素案2".into();
        assert_eq!(d.display_name(), "A市総合計画 3. 分野（素案2）");
    }
}
