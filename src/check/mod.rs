//! The checker: rules that find what goes wrong in real drafts, each finding with a severity,
//! a stable code, a Japanese message (what is wrong and how to fix it), the exact place and,
//! where one is clear, a fix.
//!
//! One file (or folder) per rule family. Each rule is a [`Rule`] in its family's `RULES`, with
//! its severity, a one-line title and its documentation for users (Japanese: what it looks
//! for, why, an example, how to fix it — what `shinkyu rules CODE` prints); unit tests with
//! cases that must and must not fire; and a fixture whose exact output is pinned
//! (tests/check_rules.rs). [`rules`] lists every rule.
//!
//! The checker is pure and fast: [`Checker`] is `Send + Sync + 'static`, so the GUI can hand a
//! clone of the draft to a worker thread:
//!
//! ```
//! use std::sync::Arc;
//! use shinkyu::check::Checker;
//! use shinkyu::model::Draft;
//!
//! let checker = Arc::new(Checker::default());
//! let draft = Draft::default();
//! let worker = {
//!     let (checker, draft) = (Arc::clone(&checker), draft.clone());
//!     std::thread::spawn(move || checker.check(&draft))
//! };
//! let findings = worker.join().unwrap();
//! for f in findings.iter().filter(|f| f.is_active()) {
//!     println!("{}: {}[{}] {}", f.location.display, f.severity.label(), f.code, f.message);
//! }
//! ```

mod corpus;
mod dictionary;
mod era;
mod finding;
mod fix;
mod kome;
mod numbering;
mod required;
mod rule;
mod sdg;
mod status;
mod structure;
mod suppress;
mod survey;
mod text;
mod width;
mod writing;
mod years;
mod yure;

#[cfg(test)]
mod testutil;

pub use crate::model::{PolicyField, Span, TextAddr};
pub use dictionary::{BUNDLED_DICTIONARY, Dictionary, DictionaryError, Entry};
pub use finding::{Field, Finding, Location, Severity, Suppressed, Target};
pub use fix::{Edit, Fix};
pub use rule::Rule;
pub use suppress::{suppress_command, suppression_for, unsuppress_command};

use crate::model::Draft;

/// Every rule family's rules, in the order of `shinkyu rules` and docs/checker.md.
const FAMILIES: &[&[Rule]] = &[
    structure::RULES,
    status::RULES,
    required::RULES,
    numbering::RULES,
    era::RULES,
    sdg::RULES,
    survey::RULES,
    writing::RULES,
    width::RULES,
    yure::RULES,
    kome::RULES,
    suppress::RULES,
];

/// Every rule, by family.
pub fn rules() -> impl Iterator<Item = &'static Rule> {
    FAMILIES.iter().flat_map(|f| f.iter())
}

/// The rule with `code` (upper or lower case).
pub fn rule(code: &str) -> Option<&'static Rule> {
    rules().find(|r| r.code.eq_ignore_ascii_case(code.trim()))
}

/// A checker with its options. Cheap to clone; build it once and reuse it.
#[derive(Clone, Debug)]
pub struct Checker {
    dictionary: Dictionary,
    matcher: dictionary::Matcher,
}

impl Default for Checker {
    /// A checker with the bundled dictionary.
    fn default() -> Checker {
        Checker::with_dictionary(Dictionary::bundled())
    }
}

impl Checker {
    /// A checker with the given dictionary (see [`Dictionary::load_with_bundled`]).
    pub fn with_dictionary(dictionary: Dictionary) -> Checker {
        let matcher = dictionary::Matcher::new(&dictionary);
        Checker {
            dictionary,
            matcher,
        }
    }

    pub fn dictionary(&self) -> &Dictionary {
        &self.dictionary
    }

    /// Runs every rule on the draft and returns the findings in document order. Findings the
    /// draft suppresses are kept, marked [`Finding::suppressed`]; suppressions that match
    /// nothing are reported (SUP001).
    pub fn check(&self, draft: &Draft) -> Vec<Finding> {
        let corpus = corpus::Corpus::new(draft);
        let mut ctx = Ctx {
            draft,
            corpus: &corpus,
            dict: &self.dictionary,
            matcher: &self.matcher,
            out: Vec::new(),
        };
        structure::check(&mut ctx);
        status::check(&mut ctx);
        required::check(&mut ctx);
        numbering::check(&mut ctx);
        era::check(&mut ctx);
        sdg::check(&mut ctx);
        survey::check(&mut ctx);
        writing::check(&mut ctx);
        width::check(&mut ctx);
        yure::check(&mut ctx);
        kome::check(&mut ctx);
        let mut findings = ctx.out;
        suppress::apply(draft, &mut findings);
        findings.sort_by(|a, b| {
            a.location
                .order_key()
                .cmp(&b.location.order_key())
                .then_with(|| a.code.cmp(b.code))
        });
        findings
    }
}

/// Runs every rule with the bundled dictionary. See [`Checker::check`].
pub fn check_draft(draft: &Draft) -> Vec<Finding> {
    static DEFAULT: std::sync::OnceLock<Checker> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(Checker::default).check(draft)
}

/// Number of active (not suppressed) findings per severity: (errors, warnings, infos).
pub fn counts(findings: &[Finding]) -> (usize, usize, usize) {
    let n = |s| {
        findings
            .iter()
            .filter(|f| f.severity == s && f.is_active())
            .count()
    };
    (n(Severity::Error), n(Severity::Warning), n(Severity::Info))
}

/// What the rule families share while checking one draft.
pub(crate) struct Ctx<'a> {
    pub draft: &'a Draft,
    pub corpus: &'a corpus::Corpus<'a>,
    pub dict: &'a Dictionary,
    pub matcher: &'a dictionary::Matcher,
    pub out: Vec<Finding>,
}

impl Ctx<'_> {
    pub fn push(&mut self, f: Finding) {
        self.out.push(f);
    }
}
