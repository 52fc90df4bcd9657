//! Suppressions: findings staff chose to ignore, stored in the draft with a reason. A
//! suppressed finding is still reported, marked as suppressed with its reason; it does not
//! count as an error. A suppression that matches nothing any more is reported too.

use std::collections::HashMap;

use super::{Finding, Location, Rule, Severity, Suppressed};
use crate::edit::Command;
use crate::model::{Draft, Suppression};

/// SUP001 使われていない抑止: a suppression whose finding no longer occurs (the text was
/// fixed or changed). 情報: remove it, or it may hide a new finding with the same key later.
pub const UNUSED: &str = "SUP001";

pub(super) const RULES: &[Rule] = &[Rule {
    code: UNUSED,
    family: "抑止",
    severity: Severity::Info,
    severity_note: "",
    title: "該当する指摘のない抑止",
    fix: false,
    doc: "【内容】無視の設定（理由を付けて下書きに保存したもの）に当たる指摘が、もうありません。\n\
          【理由】文を直したか変えたためです。残しておくと、後で同じ箇所に出た別の指摘まで隠すことがあります。\n\
          【例】「原文のまま」として無視した JPN001 の文を、後で直した。\n\
          【直し方】検査結果の「無視をやめる」で設定を削除してください。",
}];

/// A suppression for `finding`, to push onto [`Draft::suppressions`].
pub fn suppression_for(finding: &Finding, reason: &str, author: &str, date: &str) -> Suppression {
    Suppression {
        code: finding.code.to_string(),
        key: finding.key(),
        reason: reason.to_string(),
        author: author.to_string(),
        date: date.to_string(),
    }
}

/// The command that ignores `finding` with `reason` (stored in the draft, one undo step).
pub fn suppress_command(finding: &Finding, reason: &str, author: &str, date: &str) -> Command {
    Command::AddSuppression {
        suppression: suppression_for(finding, reason, author, date),
        about: finding.location.edit_target(),
    }
}

/// The command that stops ignoring `finding`, or removes the suppression an [`UNUSED`]
/// finding is about (its excerpt is the suppression's key).
pub fn unsuppress_command(finding: &Finding) -> Command {
    let key = if finding.code == UNUSED {
        finding.excerpt.clone()
    } else {
        finding.key()
    };
    Command::RemoveSuppression {
        key,
        about: finding.location.edit_target(),
    }
}

/// Marks suppressed findings and reports unused suppressions.
pub(super) fn apply(draft: &Draft, findings: &mut Vec<Finding>) {
    if draft.suppressions.is_empty() {
        return;
    }
    let by_key: HashMap<&str, usize> = draft
        .suppressions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.key.as_str(), i))
        .collect();
    let mut used = vec![false; draft.suppressions.len()];
    for f in findings.iter_mut() {
        if let Some(&i) = by_key.get(f.key().as_str()) {
            let s = &draft.suppressions[i];
            used[i] = true;
            f.suppressed = Some(Suppressed {
                reason: s.reason.clone(),
                author: s.author.clone(),
                date: s.date.clone(),
            });
        }
    }
    for (i, s) in draft.suppressions.iter().enumerate() {
        if used[i] || by_key.get(s.key.as_str()) != Some(&i) {
            continue;
        }
        findings.push(Finding::new(
            Severity::Info,
            UNUSED,
            format!(
                "抑止（{}、理由「{}」）に当たる指摘がなくなりました。本文を直した場合は、この抑止を削除してください。",
                s.code, s.reason
            ),
            Location::draft("抑止"),
            s.key.clone(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::super::{check_draft, counts};
    use super::*;

    #[test]
    fn suppressed_findings_are_kept_with_their_reason_and_do_not_count() {
        let mut d = one_text("積極的にを行います。");
        let f = run(&d, "JPN001");
        assert_eq!(f.len(), 1);
        d.suppressions.push(suppression_for(
            &f[0],
            "原文のまま引用",
            "企画課",
            "2026-11-24",
        ));
        let all = check_draft(&d);
        let g: Vec<&Finding> = all.iter().filter(|f| f.code == "JPN001").collect();
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].suppressed.as_ref().unwrap().reason, "原文のまま引用");
        assert!(!g[0].is_active());
        assert!(all.iter().all(|f| f.code != UNUSED));
        let before = counts(&check_draft(&one_text("積極的にを行います。")));
        let after = counts(&all);
        assert_eq!(before.1, after.1 + 1);
    }

    #[test]
    fn keys_survive_moves_and_unused_suppressions_are_reported() {
        let mut d = one_text("積極的にを行います。");
        let f = run(&d, "JPN001");
        d.suppressions.push(suppression_for(&f[0], "理由", "", ""));
        // Text moves within the field: same key.
        d.policies[0].issues.revised.as_mut().unwrap().bullets[0] =
            "前文を加えた。積極的にを行います。".into();
        assert!(run(&d, "JPN001")[0].suppressed.is_some());
        // The text is fixed: the suppression is reported as unused.
        d.policies[0].issues.revised.as_mut().unwrap().bullets[0] = "積極的に行います。".into();
        let u = run(&d, UNUSED);
        assert_eq!(u.len(), 1);
        assert!(u[0].message.contains("理由"));
    }
}
