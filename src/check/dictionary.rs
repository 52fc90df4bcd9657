//! The 表記 dictionary: preferred spellings with their variants, the doubled-particle allow
//! list and terms never reported as 表記ゆれ. A copy is bundled (assets/dictionary/hyoki.ron);
//! users can add their own file in the same format.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// The bundled dictionary's text.
pub const BUNDLED_DICTIONARY: &str = include_str!("../../assets/dictionary/hyoki.ron");

/// One preferred spelling and the variants to replace with it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The spelling to use, e.g. `手続`.
    pub preferred: String,
    /// Spellings to replace, e.g. `手続き`.
    pub variants: Vec<String>,
    /// Report a variant only where it is used as a noun (followed by a particle, 等, 。, a
    /// closing bracket or the end of the text), so that verb forms such as 取り組みます pass.
    #[serde(default)]
    pub noun_only: bool,
    /// Why, shown in the message.
    #[serde(default)]
    pub note: String,
}

/// A 表記 dictionary.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct Dictionary {
    #[serde(default)]
    pub entries: Vec<Entry>,
    /// Strings in which a doubled particle (にを, をを …) is correct, e.g. `をはじめ`.
    #[serde(default)]
    pub particle_allow: Vec<String>,
    /// Terms never reported as 表記ゆれ.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// In a user dictionary: replace the bundled dictionary instead of adding to it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replace_bundled: bool,
}

/// Why a dictionary could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DictionaryError(pub String);

impl std::fmt::Display for DictionaryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DictionaryError {}

impl Dictionary {
    /// The bundled dictionary.
    pub fn bundled() -> Dictionary {
        Dictionary::from_ron(BUNDLED_DICTIONARY).expect("the bundled dictionary parses")
    }

    /// Parses a dictionary from RON text.
    pub fn from_ron(text: &str) -> Result<Dictionary, DictionaryError> {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        ron::from_str(text).map_err(|e| {
            DictionaryError(format!(
                "辞書を読み込めません（{}行{}列）: {}",
                e.span.start.line,
                e.span.start.col,
                crate::io::ron_error_message(&e.code)
            ))
        })
    }

    /// Reads a user dictionary file (UTF-8) and combines it with the bundled one.
    pub fn load_with_bundled(path: &Path) -> Result<Dictionary, DictionaryError> {
        let bytes = std::fs::read(path).map_err(|e| {
            DictionaryError(format!(
                "辞書ファイル「{}」を開けません（{}）。",
                path.display(),
                crate::io::io_reason(&e)
            ))
        })?;
        let text = String::from_utf8(bytes).map_err(|_| {
            DictionaryError(format!(
                "辞書ファイル「{}」が UTF-8 ではありません。UTF-8 で保存し直してください。",
                path.display()
            ))
        })?;
        let user = Dictionary::from_ron(&text)
            .map_err(|e| DictionaryError(format!("{}: {e}", path.display())))?;
        Ok(Dictionary::bundled().merged(user))
    }

    /// This dictionary with `user`'s entries added; a user entry with the same preferred
    /// spelling replaces the bundled one. With `user.replace_bundled`, just `user`.
    pub fn merged(self, user: Dictionary) -> Dictionary {
        if user.replace_bundled {
            return user;
        }
        let mut out = self;
        for e in user.entries {
            out.entries.retain(|x| x.preferred != e.preferred);
            out.entries.push(e);
        }
        out.particle_allow.extend(user.particle_allow);
        out.ignore.extend(user.ignore);
        out
    }
}

/// A dictionary prepared for matching: variants indexed by their first character.
#[derive(Clone, Debug, Default)]
pub struct Matcher {
    /// first char → (variant chars, entry index), longest variant first.
    by_first: HashMap<char, Vec<(Vec<char>, usize)>>,
}

impl Matcher {
    pub fn new(dict: &Dictionary) -> Matcher {
        let mut by_first: HashMap<char, Vec<(Vec<char>, usize)>> = HashMap::new();
        for (i, e) in dict.entries.iter().enumerate() {
            for v in &e.variants {
                let chars: Vec<char> = v.chars().collect();
                if let Some(&c) = chars.first() {
                    by_first.entry(c).or_default().push((chars, i));
                }
            }
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|v| std::cmp::Reverse(v.0.len()));
        }
        Matcher { by_first }
    }

    /// The variants starting at `i` in `chars`: (length, entry index), longest first.
    pub fn at<'s>(
        &'s self,
        chars: &'s [char],
        i: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 's {
        self.by_first
            .get(&chars[i])
            .into_iter()
            .flatten()
            .filter(move |(v, _)| chars[i..].starts_with(v))
            .map(|(v, e)| (v.len(), *e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_dictionary_parses_and_has_the_noun_forms() {
        let d = Dictionary::bundled();
        for p in ["手続", "取組", "申込み", "引上げ"] {
            assert!(d.entries.iter().any(|e| e.preferred == p), "{p}");
        }
        assert!(d.particle_allow.iter().any(|a| a == "をはじめ"));
        // No variant is another entry's preferred spelling (the rule would flip-flop).
        for e in &d.entries {
            for v in &e.variants {
                assert!(!d.entries.iter().any(|x| &x.preferred == v), "{v}");
            }
        }
    }

    #[test]
    fn user_entries_replace_or_add() {
        let user = Dictionary::from_ron(
            r#"Dictionary(entries: [(preferred: "手続", variants: ["てつづき"]), (preferred: "子供", variants: ["子ども"])])"#,
        )
        .unwrap();
        let d = Dictionary::bundled().merged(user);
        let t = d.entries.iter().find(|e| e.preferred == "手続").unwrap();
        assert_eq!(t.variants, vec!["てつづき".to_string()]);
        assert!(d.entries.iter().any(|e| e.preferred == "子供"));
        let only = Dictionary::from_ron("Dictionary(entries: [], replace_bundled: true)").unwrap();
        assert!(Dictionary::bundled().merged(only).entries.is_empty());
    }

    #[test]
    fn bad_dictionary_is_reported_in_japanese() {
        let e = Dictionary::from_ron("Dictionary(entries: [(preferred: 1)])").unwrap_err();
        assert!(e.0.contains("辞書を読み込めません"), "{e}");
    }

    #[test]
    fn matcher_finds_longest_first() {
        let d = Dictionary::from_ron(
            r#"Dictionary(entries: [(preferred: "a", variants: ["ab", "abc"])])"#,
        )
        .unwrap();
        let m = Matcher::new(&d);
        let chars: Vec<char> = "xabcd".chars().collect();
        let hits: Vec<_> = m.at(&chars, 1).collect();
        assert_eq!(hits, vec![(3, 0), (2, 0)]);
        assert_eq!(m.at(&chars, 0).count(), 0);
    }
}
