//! What a rule is, for users and for the tools that list rules: `shinkyu rules`, the rule
//! table of docs/checker.md (kept equal to this source by a test) and the JSON of findings.

use super::Severity;

/// A rule: its stable code, family, severity, one-line title and documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    /// e.g. `JPN001`; never reused for another check.
    pub code: &'static str,
    /// e.g. 文章, 元号・期間.
    pub family: &'static str,
    /// The severity of the rule's findings.
    pub severity: Severity,
    /// When some findings take another severity, which (e.g. 「現行計画の記載は情報」); empty
    /// otherwise.
    pub severity_note: &'static str,
    /// One line, Japanese.
    pub title: &'static str,
    /// Whether the rule offers a fix (for some of its findings at least).
    pub fix: bool,
    /// The documentation for users, in Japanese: 【内容】 what the rule looks for, 【理由】 why,
    /// 【例】 an example and 【直し方】 how to fix it. Printed by `shinkyu rules CODE`.
    pub doc: &'static str,
}

impl Rule {
    /// The severity as users read it: 「エラー」, or 「警告（現行の番号はエラー）」.
    pub fn severity_label(&self) -> String {
        if self.severity_note.is_empty() {
            self.severity.label().to_string()
        } else {
            format!("{}（{}）", self.severity.label(), self.severity_note)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::rules;

    #[test]
    fn every_rule_is_documented_with_an_example_and_a_fix() {
        let mut codes = std::collections::HashSet::new();
        for r in rules() {
            assert!(codes.insert(r.code), "{} twice", r.code);
            assert_eq!(r.code.len(), 6, "{}", r.code);
            assert!(!r.title.is_empty() && !r.title.contains('\n'), "{}", r.code);
            for section in ["【内容】", "【理由】", "【例】", "【直し方】"] {
                assert_eq!(r.doc.matches(section).count(), 1, "{}: {section}", r.code);
            }
            assert!(r.doc.starts_with("【内容】"), "{}", r.code);
            assert!(
                r.doc.contains("修正ボタン") == r.fix,
                "{}: the doc says whether there is a fix button",
                r.code
            );
        }
        assert!(codes.len() >= 60, "{} rules", codes.len());
    }
}
