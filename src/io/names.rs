//! File names shinkyu suggests (exports, copies): valid on Windows, whatever the draft's
//! names contain.

use crate::model::Meta;

/// Characters Windows forbids in file names, with the full-width look-alike staff would type.
const FORBIDDEN: [(char, char); 9] = [
    ('\\', '￥'),
    ('/', '／'),
    (':', '：'),
    ('*', '＊'),
    ('?', '？'),
    ('"', '”'),
    ('<', '＜'),
    ('>', '＞'),
    ('|', '｜'),
];

/// Device names Windows reserves in every folder, with or without an extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Longest stem suggested, in characters, leaving room for the folder in Windows' 260-character
/// path limit.
const MAX_STEM_CHARS: usize = 80;

/// Turns any text into a file-name stem that Windows accepts: forbidden characters become
/// their full-width look-alikes, control characters and trailing dots and spaces go, device
/// names get a suffix, and long names are shortened. Never empty.
pub fn safe_file_stem(text: &str) -> String {
    let mut s: String = text
        .chars()
        .filter(|c| !c.is_control())
        .map(|c| {
            FORBIDDEN
                .iter()
                .find(|(bad, _)| *bad == c)
                .map_or(c, |(_, good)| *good)
        })
        .collect();
    s = s.trim().to_string();
    if s.chars().count() > MAX_STEM_CHARS {
        s = s.chars().take(MAX_STEM_CHARS).collect();
    }
    while s.ends_with(['.', ' ']) {
        s.pop();
    }
    // `AUX`, `aux.html` and `AUX .txt` all name the device: mark the part before the dot.
    let base_len = s.find('.').unwrap_or(s.len());
    let base = s[..base_len].trim_end().to_ascii_uppercase();
    if RESERVED.contains(&base.as_str()) {
        s.insert(base_len, '_');
    }
    if s.is_empty() {
        s = "新旧対照表".to_string();
    }
    s
}

/// The name suggested for an export of a draft: `新旧対照表_6_行財政経営分野_素案.html`.
pub fn suggest_export_name(meta: &Meta, extension: &str) -> String {
    let mut parts = vec!["新旧対照表".to_string(), meta.field_number.to_string()];
    for p in [&meta.field_name, &meta.version_label] {
        if !p.trim().is_empty() {
            parts.push(p.trim().to_string());
        }
    }
    format!("{}.{extension}", safe_file_stem(&parts.join("_")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_become_full_width() {
        assert_eq!(safe_file_stem("素案1/2: 確認?"), "素案1／2： 確認？");
        assert_eq!(safe_file_stem("a\\b*c\"d<e>f|g"), "a￥b＊c”d＜e＞f｜g");
    }

    #[test]
    fn trailing_dots_spaces_controls_and_device_names() {
        assert_eq!(safe_file_stem("計画. . "), "計画");
        assert_eq!(safe_file_stem("a\tb\u{7}"), "ab");
        assert_eq!(safe_file_stem("con"), "con_");
        assert_eq!(safe_file_stem("NUL.txt"), "NUL_.txt");
        assert_eq!(safe_file_stem("aux"), "aux_");
        assert_eq!(safe_file_stem("COM10"), "COM10");
        assert_eq!(safe_file_stem("   "), "新旧対照表");
        assert_eq!(
            safe_file_stem(&"あ".repeat(300)).chars().count(),
            MAX_STEM_CHARS
        );
    }

    #[test]
    fn export_names_follow_the_draft() {
        let meta = Meta {
            field_number: 6,
            field_name: "行財政経営分野".into(),
            version_label: "素案:2".into(),
            ..Meta::default()
        };
        assert_eq!(
            suggest_export_name(&meta, "html"),
            "新旧対照表_6_行財政経営分野_素案：2.html"
        );
    }
}
