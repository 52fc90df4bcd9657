//! The checker's API as the GUI and the command line use it: findings on a seed-shaped draft,
//! silence on a clean one, locations and spans that point at the right characters, fixes
//! that remove their finding, suppressions, and a checker that can run off the UI thread.

mod check_fixture;

use std::collections::BTreeMap;

use check_fixture::{SEEDLIKE_EXPECTED, clean, replicated, seedlike};
use shinkyu::check::{
    Checker, Field, Finding, PolicyField, Severity, Target, check_draft, counts, rule, rules,
    suppression_for,
};
use shinkyu::edit::apply_to_draft;
use shinkyu::model::{Draft, SideKind};

fn by_code(findings: &[Finding]) -> BTreeMap<&'static str, usize> {
    let mut m = BTreeMap::new();
    for f in findings {
        *m.entry(f.code).or_default() += 1;
    }
    m
}

#[test]
fn a_clean_draft_draws_no_finding_at_all() {
    let f = check_draft(&clean());
    assert!(
        f.is_empty(),
        "{:#?}",
        f.iter()
            .map(|f| format!("{}: [{}] {}", f.location.display, f.code, f.message))
            .collect::<Vec<_>>()
    );
}

#[test]
fn the_seed_shaped_draft_draws_exactly_its_problems() {
    let f = check_draft(&seedlike());
    let expected: BTreeMap<&str, usize> = SEEDLIKE_EXPECTED.iter().copied().collect();
    assert_eq!(
        by_code(&f),
        expected,
        "{:#?}",
        f.iter()
            .map(|f| format!("{}: [{}] {}", f.location.display, f.code, f.message))
            .collect::<Vec<_>>()
    );
}

/// The text a location points into, if it is a text field.
fn field_text(d: &Draft, f: &Finding) -> Option<String> {
    match (&f.location.target, f.location.field) {
        (Target::Row { path, .. }, Some(Field::Side(field))) => {
            let row = d.row(*path)?;
            let side = row.side(f.location.side?).or(if f.location.borrowed {
                row.current.as_ref()
            } else {
                None
            })?;
            side.field(field).map(str::to_string)
        }
        (Target::Policy { policy, .. }, Some(Field::Policy(pf))) => {
            let p = &d.policies[*policy];
            Some(match pf {
                PolicyField::SdgName(i) => p.sdgs[i].name.clone(),
                PolicyField::IndicatorName(i) => p.indicators[i].name.clone(),
                PolicyField::IndicatorChange(i) => p.indicators[i].change.clone(),
                PolicyField::IndicatorOpinion => p.indicator_opinion.clone(),
                PolicyField::SurveyItem => p.survey.as_ref()?.item.clone(),
                PolicyField::VoiceQuote(i) => p.voices[i].quote.clone(),
                PolicyField::VoiceContext(i) => p.voices[i].context.clone(),
                PolicyField::RenamedName => p.revised_name().to_string(),
            })
        }
        _ => None,
    }
}

#[test]
fn spans_select_the_excerpt_and_locations_use_the_seeds_names() {
    let d = seedlike();
    for f in check_draft(&d) {
        let p = f.location.policy_index().map(|i| d.policies[i].label());
        if let Some(p) = p {
            assert!(f.location.display.starts_with(&p), "{}", f.location.display);
        }
        assert!(rule(f.code).is_some(), "{} is not in rules()", f.code);
        assert!(
            !f.message.is_empty() && f.message.ends_with(['。', '）']),
            "{}",
            f.message
        );
        if let (Some(span), Some(text)) = (f.location.span, field_text(&d, &f)) {
            let chars: Vec<char> = text.chars().collect();
            assert!(span.start <= span.end && span.end <= chars.len(), "{f:?}");
            let selected: String = chars[span.start..span.end].iter().collect();
            // The excerpt is the span's text (or, for SDG names, the numbered label).
            assert!(
                f.excerpt == selected || f.excerpt.ends_with(&selected),
                "{} vs {selected}",
                f.excerpt
            );
        }
    }
    let f = check_draft(&d);
    let sta = f.iter().find(|f| f.code == "STA001").unwrap();
    assert_eq!(
        sta.location.display,
        "2. 効率的・効果的な行政経営の推進 › 施策中項目 › 3 組織、機構の見直し › 変更区分"
    );
    let kome = f.iter().find(|f| f.code == "KOM001").unwrap();
    assert_eq!(
        kome.location.display,
        "1. 市政情報の提供の充実と市政に対する市民参加の推進 › 現況と課題 › 改定案 › ●1"
    );
    assert_eq!(kome.location.side, Some(SideKind::Revised));
    assert_eq!(kome.excerpt, "SNS");
}

#[test]
fn every_fix_applies_and_removes_its_finding() {
    let d = seedlike();
    let before = check_draft(&d);
    let mut fixes = 0;
    for f in &before {
        let Some(fix) = &f.fix else { continue };
        fixes += 1;
        let mut fixed = d.clone();
        apply_to_draft(&mut fixed, &fix.command()).unwrap_or_else(|e| panic!("{}: {e}", f.code));
        let after = check_draft(&fixed);
        assert!(
            after.iter().all(|g| g.key() != f.key()),
            "{} still reported after 「{}」",
            f.code,
            fix.label
        );
        assert!(
            counts(&after).0 <= counts(&before).0,
            "{}: the fix made new errors",
            f.code
        );
        // A stale fix is refused and leaves the draft alone.
        let again = fixed.clone();
        if apply_to_draft(&mut fixed, &fix.command()).is_err() {
            assert_eq!(fixed, again);
        }
    }
    assert!(fixes >= 10, "only {fixes} fixes");
}

#[test]
fn suppressed_errors_are_kept_but_do_not_count() {
    let mut d = seedlike();
    let all = check_draft(&d);
    for f in all.iter().filter(|f| f.severity == Severity::Error) {
        d.suppressions
            .push(suppression_for(f, "意図したもの", "企画課", "2026-11-24"));
    }
    let after = check_draft(&d);
    assert_eq!(after.len(), all.len());
    assert_eq!(counts(&after).0, 0);
    assert!(
        after
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .all(|f| f.suppressed.as_ref().unwrap().reason == "意図したもの")
    );
    // Suppressions survive a save and a load.
    let text = shinkyu::io::to_ron_string(&d).unwrap();
    let back = shinkyu::io::parse_draft(&text).unwrap();
    assert_eq!(check_draft(&back), after);
}

#[test]
fn checking_is_deterministic_and_runs_off_thread() {
    fn send_sync_static<T: Send + Sync + 'static>() {}
    send_sync_static::<Checker>();
    send_sync_static::<Finding>();
    let checker = std::sync::Arc::new(Checker::default());
    let d = replicated(&seedlike(), 3);
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let (c, d) = (checker.clone(), d.clone());
            std::thread::spawn(move || c.check(&d))
        })
        .collect();
    let results: Vec<Vec<Finding>> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(results[0], results[1]);
    assert_eq!(results[0], checker.check(&d));
}

#[test]
fn replicated_drafts_scale_the_findings() {
    // Fresh ids per copy: the same problems, three times (SRV and id rules see no clash).
    let one = by_code(&check_draft(&seedlike()));
    let three = by_code(&check_draft(&replicated(&seedlike(), 3)));
    for (code, n) in one {
        assert_eq!(three.get(code).copied(), Some(3 * n), "{code}");
    }
}

#[test]
fn rule_codes_are_unique_and_documented() {
    let codes: Vec<&str> = rules().map(|r| r.code).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), codes.len());
    let notes =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/checker.md")).unwrap();
    for r in rules() {
        assert!(
            notes.contains(r.code),
            "{} is not in docs/checker.md",
            r.code
        );
    }
}

#[test]
fn a_user_dictionary_adds_entries() {
    let user = shinkyu::check::Dictionary::from_ron(
        r#"Dictionary(entries: [(preferred: "情報を発信", variants: ["情報発信"], note: "課の表記")])"#,
    )
    .unwrap();
    let checker = Checker::with_dictionary(shinkyu::check::Dictionary::bundled().merged(user));
    let f: Vec<Finding> = checker
        .check(&clean())
        .into_iter()
        .filter(|f| f.code == "YUR004")
        .collect();
    assert!(!f.is_empty());
    assert!(f[0].message.contains("課の表記"));
}
