//! A new draft for any city and 分野 (新規作成, `shinkyu new`): its metadata, a fresh identity,
//! and its 施策大項目, each carrying every block, empty.

use super::draft::{Draft, Meta, Policy};
use super::identity::new_draft_id;

/// What a new draft is made from: the 新規作成 dialog's fields and `shinkyu new`'s options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDraft {
    /// 計画名, e.g. `○○市総合振興計画 後期基本計画`.
    pub plan_name: String,
    /// 分野番号.
    pub field_number: u32,
    /// 分野名, e.g. `健康福祉分野`.
    pub field_name: String,
    /// 版: 素案, 素案2, 案 …
    pub version_label: String,
    /// 日付 as written (`2026-04-01`), or empty.
    pub date: String,
    /// 作成課.
    pub author_section: String,
    /// The 施策大項目 names in order (numbered 1, 2, 3 …).
    pub policies: Vec<String>,
}

impl Default for NewDraft {
    /// The dialog's starting values: 版 素案, 作成課 企画課, everything else empty.
    fn default() -> NewDraft {
        NewDraft {
            plan_name: String::new(),
            field_number: 1,
            field_name: String::new(),
            version_label: NewDraft::DEFAULT_VERSION.into(),
            date: String::new(),
            author_section: NewDraft::DEFAULT_AUTHOR.into(),
            policies: Vec::new(),
        }
    }
}

/// Why a new draft cannot be made from these fields (the message says which field, in Japanese).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDraftError(pub String);

impl std::fmt::Display for NewDraftError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NewDraftError {}

impl NewDraft {
    /// 版 when none is given.
    pub const DEFAULT_VERSION: &'static str = "素案";
    /// 作成課 when none is given.
    pub const DEFAULT_AUTHOR: &'static str = "企画課";

    /// The problems that keep these fields from making a draft, in the dialog's order: 計画名 and
    /// 分野名 are required, the 分野番号 starts at 1, and 施策大項目 names are neither blank nor
    /// repeated. Empty when the draft can be made.
    pub fn problems(&self) -> Vec<NewDraftError> {
        let mut out = Vec::new();
        let mut say = |s: String| out.push(NewDraftError(s));
        if self.plan_name.trim().is_empty() {
            say("計画名を入れてください（例: ○○市総合振興計画 後期基本計画）。".into());
        }
        if self.field_number == 0 {
            say("分野番号は1以上の数を入れてください。".into());
        }
        if self.field_name.trim().is_empty() {
            say("分野名を入れてください（例: 健康福祉分野）。".into());
        }
        for (i, name) in self.policies.iter().enumerate() {
            if name.trim().is_empty() {
                say(format!("{}番目の施策大項目の名称が空です。", i + 1));
            } else if let Some(j) = self.policies[..i]
                .iter()
                .position(|n| n.trim() == name.trim())
            {
                say(format!(
                    "施策大項目「{}」が{}番目と{}番目の2回あります。",
                    name.trim(),
                    j + 1,
                    i + 1
                ));
            }
        }
        out
    }

    /// The new draft: these metadata, a fresh [`Meta::draft_id`], and one 施策大項目 per name,
    /// numbered 1, 2, 3 …, in force, with every block empty (現況と課題 and 協働による取組 each hold
    /// their one empty row; the other blocks no rows). Ids are stable and readable: `p1`,
    /// `p1-issues`, `p1-collab`, `p2` … Fails with the first of [`NewDraft::problems`].
    pub fn build(&self) -> Result<Draft, NewDraftError> {
        if let Some(p) = self.problems().into_iter().next() {
            return Err(p);
        }
        let meta = Meta {
            draft_id: new_draft_id(),
            plan_name: self.plan_name.trim().into(),
            title: String::new(),
            field_number: self.field_number,
            field_name: self.field_name.trim().into(),
            version_label: self.version_label.trim().into(),
            date: self.date.trim().into(),
            author_section: self.author_section.trim().into(),
            memo: String::new(),
        };
        let policies = self
            .policies
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let n = i as u32 + 1;
                Policy::new(&format!("p{n}"), n, name.trim())
            })
            .collect();
        Ok(Draft::new(meta, policies))
    }
}

/// 施策大項目 names from text with one name per line (the dialog's box, or a list pasted from a
/// document): blank lines are skipped and a leading number as documents write it
/// (`1.` `1．` `1 ` `（1）` `①` `施策大項目 1.`) is dropped, since the draft numbers them itself.
pub fn policy_names_from_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| strip_policy_number(l.trim_matches(|c: char| c.is_whitespace())))
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn strip_policy_number(line: &str) -> &str {
    let line = line.strip_prefix("施策大項目").unwrap_or(line).trim_start();
    let digits = |s: &str| {
        let n = s
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || ('０'..='９').contains(c)))
            .map_or(s.len(), |(i, _)| i);
        (n > 0).then_some(n)
    };
    let rest = if let Some(c) = line.chars().next()
        && super::numbering::circled_value(c).is_some()
    {
        &line[c.len_utf8()..]
    } else if let Some(inner) = line
        .strip_prefix('(')
        .or_else(|| line.strip_prefix('（'))
        .and_then(|s| digits(s).map(|n| &s[n..]))
        .and_then(|s| s.strip_prefix(')').or_else(|| s.strip_prefix('）')))
    {
        inner
    } else if let Some(n) = digits(line) {
        let after = &line[n..];
        match after.chars().next() {
            Some('.' | '．' | '、' | ' ' | '　' | '\t') => {
                &after[after.chars().next().unwrap().len_utf8()..]
            }
            // A name that merely starts with a digit (「100年の森づくり」) keeps it.
            _ => line,
        }
    } else {
        line
    };
    rest.trim_matches(|c: char| c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BlockKind, PolicyStatus};

    fn fields() -> NewDraft {
        NewDraft {
            plan_name: "みどり市総合計画 後期基本計画".into(),
            field_number: 2,
            field_name: "健康福祉分野".into(),
            policies: vec!["地域福祉の推進".into(), "子育て支援の充実".into()],
            ..NewDraft::default()
        }
    }

    #[test]
    fn a_new_draft_has_its_metadata_an_identity_and_empty_blocks() {
        let d = fields().build().unwrap();
        assert_eq!(d.meta.plan_name, "みどり市総合計画 後期基本計画");
        assert_eq!(d.meta.field_label(), "2. 健康福祉分野");
        assert_eq!(d.meta.version_label, "素案");
        assert_eq!(d.meta.author_section, "企画課");
        assert_eq!(d.meta.draft_id.len(), 36);
        assert_eq!(
            d.policies
                .iter()
                .map(|p| (p.number, p.name.as_str(), p.id.as_str()))
                .collect::<Vec<_>>(),
            [(1, "地域福祉の推進", "p1"), (2, "子育て支援の充実", "p2")]
        );
        for p in &d.policies {
            assert_eq!(p.status, PolicyStatus::InForce);
            for kind in BlockKind::ALL {
                let rows = p.block(kind);
                assert_eq!(rows.len(), usize::from(kind.is_single_row()), "{kind:?}");
                assert!(
                    rows.iter()
                        .all(|r| r.current.is_none() && r.revised.is_none())
                );
            }
        }
        // Two drafts made from the same fields are two drafts.
        assert!(!d.same_draft(&fields().build().unwrap()));
    }

    #[test]
    fn missing_fields_and_repeated_names_are_refused_in_japanese() {
        let mut f = fields();
        f.plan_name = " ".into();
        f.field_name.clear();
        f.field_number = 0;
        f.policies = vec!["地域福祉".into(), "".into(), "地域福祉 ".into()];
        let p: Vec<String> = f.problems().into_iter().map(|e| e.0).collect();
        assert_eq!(p.len(), 5, "{p:?}");
        assert!(p[0].contains("計画名"));
        assert!(p[1].contains("分野番号"));
        assert!(p[2].contains("分野名"));
        assert!(p[3].contains("2番目"));
        assert!(p[4].contains("1番目と3番目"));
        assert_eq!(f.build().unwrap_err(), NewDraftError(p[0].clone()));
    }

    #[test]
    fn names_one_per_line_lose_their_numbers() {
        let text = "1. 地域福祉の推進\r\n\r\n２．子育て支援\n（3）高齢者福祉\n④障害者福祉\n施策大項目 5. 健康づくり\n100年の森づくり\n 6　保健医療 \n";
        assert_eq!(
            policy_names_from_lines(text),
            [
                "地域福祉の推進",
                "子育て支援",
                "高齢者福祉",
                "障害者福祉",
                "健康づくり",
                "100年の森づくり",
                "保健医療"
            ]
        );
    }
}
