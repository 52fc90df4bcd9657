//! The checker inside the editor: checks re-run as the user types — after a pause of
//! [`DEBOUNCE`] seconds, on a worker thread with a clone of the draft — and results that no
//! longer match the document (it changed while the worker ran) are dropped. Fixes and
//! suppressions become [`Command`]s, so 元に戻す (Ctrl+Z) undoes them like any edit.
//!
//! The panel that shows the findings is [`super::panels::findings`]; the app carries out the
//! panel's [`FindingsAction`]s in `handling/findings.rs`.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use super::state::{PolicyPage, Selection};
use crate::check::{self, Checker, Field, Finding};
use crate::edit::Document;
use crate::model::Draft;

/// Seconds after the last edit before the draft is checked again.
pub const DEBOUNCE: f64 = 0.7;

/// What the findings panel asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum FindingsAction {
    /// Select the finding in the panel and show its place: the row (or page) and the span.
    GoTo(Box<Finding>),
    /// Apply the finding's fix (one undo step).
    ApplyFix(Box<Finding>),
    /// Ask for a reason to ignore the finding (the 無視する… dialog).
    AskSuppress(Box<Finding>),
    /// Ignore the finding with this reason (stored in the draft, undoable).
    Suppress {
        finding: Box<Finding>,
        reason: String,
        author: String,
    },
    /// Stop ignoring the finding (or remove a suppression that matches nothing: SUP001).
    Unsuppress(Box<Finding>),
    /// Check now, without waiting.
    Recheck,
}

/// Findings of one 施策大項目 (or of the draft as a whole), for the panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// `None`: the draft as a whole (metadata, 用語解説, suppressions).
    pub policy: Option<usize>,
    pub title: String,
    /// Active findings per severity: エラー, 警告, 情報.
    pub counts: [usize; 3],
    pub suppressed: usize,
    /// Indices into the findings.
    pub items: Vec<usize>,
}

struct Done {
    revision: u64,
    findings: Vec<Finding>,
    elapsed: Duration,
    /// Copying the draft for the worker (on the UI thread).
    copy: Duration,
    /// From the start of the copy to the result being sent.
    total: Duration,
}

/// Environment variable: print each check's timings to stderr.
pub const TIMING_ENV: &str = "SHINKYU_CHECK_TIMING";

/// The checks of one open draft.
pub struct Checks {
    checker: Arc<Checker>,
    tx: Sender<Done>,
    rx: Receiver<Done>,
    ctx: egui::Context,
    findings: Vec<Finding>,
    groups: Vec<Group>,
    counts: (usize, usize, usize),
    suppressed: usize,
    /// The document revision the findings are for.
    checked: Option<u64>,
    /// The revision being checked on the worker.
    running: Option<u64>,
    /// The last revision seen, and when it was first seen (egui time): the debounce.
    seen: Option<(u64, f64)>,
    last_elapsed: Option<Duration>,
    /// Stale results dropped (for tests and the README's numbers).
    dropped: u64,
    /// The finding selected in the panel (see [`finding_ident`]).
    pub selected: Option<String>,
}

impl Checks {
    /// The checks of a draft just opened (it is checked at once), with the app's checker.
    pub fn new(ctx: egui::Context, checker: Arc<Checker>) -> Checks {
        let (tx, rx) = channel();
        Checks {
            checker,
            tx,
            rx,
            ctx,
            findings: Vec::new(),
            groups: Vec::new(),
            counts: (0, 0, 0),
            suppressed: 0,
            checked: None,
            running: None,
            seen: None,
            last_elapsed: None,
            dropped: 0,
            selected: None,
        }
    }

    /// The findings on screen, in document order.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// Active findings per severity: (エラー, 警告, 情報).
    pub fn counts(&self) -> (usize, usize, usize) {
        self.counts
    }

    /// Findings the draft ignores.
    pub fn suppressed(&self) -> usize {
        self.suppressed
    }

    /// True once a check finished for this document.
    pub fn has_result(&self) -> bool {
        self.checked.is_some()
    }

    /// The document revision the findings are for.
    pub fn checked_revision(&self) -> Option<u64> {
        self.checked
    }

    /// True while a check runs or waits for the user to pause.
    pub fn busy(&self) -> bool {
        self.running.is_some() || self.seen.is_some_and(|(r, _)| Some(r) != self.checked)
    }

    /// True while the worker runs.
    pub fn running(&self) -> bool {
        self.running.is_some()
    }

    /// How long the last check took on the worker.
    pub fn last_elapsed(&self) -> Option<Duration> {
        self.last_elapsed
    }

    /// Results dropped because the document changed while they were computed.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// The selected finding.
    pub fn selected_finding(&self) -> Option<&Finding> {
        let key = self.selected.as_ref()?;
        self.findings.iter().find(|f| &finding_ident(f) == key)
    }

    /// Check as soon as possible (after a fix or a suppression: no typing to wait for).
    pub fn soon(&mut self) {
        if let Some((r, _)) = self.seen {
            self.seen = Some((r, f64::NEG_INFINITY));
        }
    }

    /// Check again now, even when nothing changed (e.g. after editing the dictionary).
    pub fn recheck(&mut self, revision: u64) {
        self.checked = None;
        self.seen = Some((revision, f64::NEG_INFINITY));
    }

    /// Once per frame: takes finished checks and starts the next one when the user paused.
    pub fn poll(&mut self, doc: &Document, now: f64) {
        for done in self.rx.try_iter().collect::<Vec<_>>() {
            self.running = None;
            self.last_elapsed = Some(done.elapsed);
            if std::env::var_os(TIMING_ENV).is_some() {
                eprintln!(
                    "shinkyu: 検査 {} 件（版 {}）: 複製 {:.1} ms、検査 {:.1} ms、結果まで {:.1} ms",
                    done.findings.len(),
                    done.revision,
                    done.copy.as_secs_f64() * 1000.0,
                    done.elapsed.as_secs_f64() * 1000.0,
                    done.total.as_secs_f64() * 1000.0,
                );
            }
            if doc.revision() == done.revision {
                self.accept(doc.draft(), done.revision, done.findings);
            } else {
                // The draft changed meanwhile: these spans may point at the wrong characters.
                self.dropped += 1;
            }
        }
        let revision = doc.revision();
        match self.seen {
            Some((r, _)) if r == revision => {}
            // The first check of a document runs at once.
            None => self.seen = Some((revision, f64::NEG_INFINITY)),
            Some(_) => self.seen = Some((revision, now)),
        }
        if self.checked == Some(revision) || self.running.is_some() {
            return;
        }
        let since = self.seen.map_or(0.0, |(_, t)| t);
        let wait = DEBOUNCE - (now - since);
        if wait > 0.0 {
            self.ctx
                .request_repaint_after(Duration::from_secs_f64(wait + 0.01));
            return;
        }
        self.start(doc.draft(), revision);
    }

    fn start(&mut self, draft: &Draft, revision: u64) {
        let checker = Arc::clone(&self.checker);
        let t0 = Instant::now();
        let draft = draft.clone();
        let copy = t0.elapsed();
        let spawned = super::jobs::spawn_worker("check", &self.tx, &self.ctx, move || {
            let t = Instant::now();
            let findings = checker.check(&draft);
            Done {
                revision,
                findings,
                elapsed: t.elapsed(),
                copy,
                total: t0.elapsed(),
            }
        });
        if spawned {
            self.running = Some(revision);
        }
    }

    fn accept(&mut self, draft: &Draft, revision: u64, findings: Vec<Finding>) {
        self.checked = Some(revision);
        self.counts = check::counts(&findings);
        self.suppressed = findings.iter().filter(|f| !f.is_active()).count();
        self.groups = group(draft, &findings);
        self.findings = findings;
    }
}

/// What identifies a finding in the panel: its suppression key and where its characters
/// start (the same words can be reported twice in one field).
pub fn finding_ident(f: &Finding) -> String {
    match f.location.span {
        Some(s) => format!("{}@{}", f.key(), s.start),
        None => f.key(),
    }
}

/// Groups findings by 施策大項目, in document order (the draft as a whole first).
pub fn group(draft: &Draft, findings: &[Finding]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        let policy = f.location.policy_index();
        let g = match groups.iter_mut().find(|g| g.policy == policy) {
            Some(g) => g,
            None => {
                let title = match policy.and_then(|p| draft.policies.get(p)) {
                    Some(p) => p.label(),
                    None => "下書き全体".to_string(),
                };
                groups.push(Group {
                    policy,
                    title,
                    counts: [0; 3],
                    suppressed: 0,
                    items: Vec::new(),
                });
                groups.last_mut().expect("just pushed")
            }
        };
        if f.is_active() {
            g.counts[f.severity as usize] += 1;
        } else {
            g.suppressed += 1;
        }
        g.items.push(i);
    }
    groups.sort_by_key(|g| g.policy.map_or(0, |p| p + 1));
    groups
}

/// The page of a 施策大項目 a header finding is about.
pub fn policy_selection(policy: usize, f: &Finding) -> Selection {
    let page = match f.location.field {
        Some(Field::Policy(pf)) => PolicyPage::ALL
            .into_iter()
            .find(|p| p.section() == pf.section()),
        // Findings about a whole header item name it in their location.
        _ => PolicyPage::ALL
            .into_iter()
            .find(|p| f.location.display.contains(&format!(" › {}", p.label()))),
    };
    match page {
        Some(page) => Selection::Page { policy, page },
        None => Selection::Policy(policy),
    }
}
