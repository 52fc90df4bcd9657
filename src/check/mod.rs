//! The checker: rules that find what goes wrong in real drafts, each finding with a severity,
//! a stable code, a Japanese message and the exact place.
//!
//! One file per rule family. Each rule has a doc comment (what it checks, why, an example) and
//! unit tests with cases that must and must not fire.

mod finding;
mod structure;

pub use finding::{Finding, Location, Severity, Span, Target};

use crate::model::Draft;

/// Runs every rule on the draft and returns the findings in document order.
pub fn check_draft(draft: &Draft) -> Vec<Finding> {
    let mut findings = Vec::new();
    structure::check(draft, &mut findings);
    findings.sort_by_key(|f| f.location.order_key());
    findings
}

/// Number of findings per severity: (errors, warnings, infos).
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    let n = |s| findings.iter().filter(|f| f.severity == s).count();
    (n(Severity::Error), n(Severity::Warning), n(Severity::Info))
}
