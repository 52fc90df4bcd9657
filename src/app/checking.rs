//! The checker inside the editor: checks re-run as the user types — after a pause of
//! [`DEBOUNCE`] seconds, on a worker thread with a clone of the draft — and results that no
//! longer match the document (it changed while the worker ran) are dropped. Fixes and
//! suppressions become [`Command`]s, so 元に戻す (Ctrl+Z) undoes them like any edit.
//!
//! The panel that shows the findings is [`crate::app::panels::findings`].

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use super::ShinkyuApp;
use super::focus;
use super::state::{PolicyPage, Selection};
use crate::check::{self, Checker, Field, Finding};
use crate::edit::{Command, Document};
use crate::model::{Draft, SideKind};

/// Seconds after the last edit before the draft is checked again.
pub const DEBOUNCE: f64 = 0.7;

/// What the findings panel asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum FindingsAction {
    /// Select the finding in the panel and show its place: the row (or page) and the span.
    GoTo(Box<Finding>),
    /// Apply the finding's fix (one undo step).
    ApplyFix(Box<Finding>),
    /// Ask for a reason to ignore the finding.
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
    /// Close the reason dialog.
    CancelSuppress,
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

/// The reason dialog of 無視する….
#[derive(Clone, Debug, PartialEq)]
pub struct SuppressDialog {
    pub finding: Box<Finding>,
    pub reason: String,
    pub author: String,
}

struct Done {
    generation: u64,
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

/// The checks of the open document.
pub struct Checks {
    checker: Arc<Checker>,
    tx: Sender<Done>,
    rx: Receiver<Done>,
    ctx: egui::Context,
    /// Bumped when another document is opened: results for the old one are dropped.
    generation: u64,
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
    pub suppress_dialog: Option<SuppressDialog>,
    /// Who ignores findings (remembered in the settings).
    pub author: String,
}

impl Checks {
    pub fn new(ctx: egui::Context) -> Checks {
        let (tx, rx) = channel();
        Checks {
            checker: Arc::new(Checker::default()),
            tx,
            rx,
            ctx,
            generation: 0,
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
            suppress_dialog: None,
            author: String::new(),
        }
    }

    /// Forgets the findings: another document was opened. It is checked at once.
    pub fn reset(&mut self) {
        self.generation += 1;
        self.findings.clear();
        self.groups.clear();
        self.counts = (0, 0, 0);
        self.suppressed = 0;
        self.checked = None;
        self.running = None;
        self.seen = None;
        self.selected = None;
        self.suppress_dialog = None;
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

    /// Once per frame: takes finished checks and starts the next one when the user paused.
    pub fn poll(&mut self, doc: Option<&Document>, now: f64) {
        for done in self.rx.try_iter().collect::<Vec<_>>() {
            if done.generation != self.generation {
                continue;
            }
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
            match doc {
                Some(doc) if doc.revision() == done.revision => {
                    self.accept(doc.draft(), done.revision, done.findings);
                }
                // The draft changed meanwhile: these spans may point at the wrong characters.
                _ => self.dropped += 1,
            }
        }
        let Some(doc) = doc else { return };
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
        let generation = self.generation;
        let spawned = super::jobs::spawn_worker("check", &self.tx, &self.ctx, move || {
            let t = Instant::now();
            let findings = checker.check(&draft);
            Done {
                generation,
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
fn policy_selection(policy: usize, f: &Finding) -> Selection {
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

impl ShinkyuApp {
    /// The checks of the open document (for the panel and for tests).
    pub fn checks(&self) -> &Checks {
        &self.checks
    }

    pub(super) fn handle_findings_action(&mut self, ctx: &egui::Context, action: FindingsAction) {
        match action {
            FindingsAction::GoTo(f) => {
                self.checks.selected = Some(finding_ident(&f));
                self.go_to_finding(ctx, &f);
            }
            FindingsAction::ApplyFix(f) => {
                let Some(fix) = &f.fix else { return };
                if self.view.review_mode {
                    self.message(ctx, "閲覧モードでは本文を変更できません。", true);
                    return;
                }
                let Some(doc) = &mut self.doc else { return };
                let now = ctx.input(|i| i.time);
                doc.seal();
                let result = doc.apply(fix.command(), now).map_err(|e| e.to_string());
                doc.seal();
                match result {
                    Ok(applied) => {
                        self.epoch += 1;
                        let notice = applied.outcome.notice.unwrap_or_default();
                        self.message(
                            ctx,
                            format!("修正しました：{}。{notice}（元に戻す: Ctrl+Z）", fix.label),
                            false,
                        );
                    }
                    Err(e) => {
                        self.message(ctx, format!("修正できませんでした。{e}"), true);
                    }
                }
                self.checks.soon();
            }
            FindingsAction::AskSuppress(_) if self.view.review_mode => {
                self.message(ctx, "閲覧モードでは検査結果の無視を変更できません。", true);
            }
            FindingsAction::AskSuppress(f) => {
                self.checks.selected = Some(finding_ident(&f));
                self.checks.suppress_dialog = Some(SuppressDialog {
                    finding: f,
                    reason: String::new(),
                    author: self.checks.author.clone(),
                });
            }
            FindingsAction::CancelSuppress => self.checks.suppress_dialog = None,
            FindingsAction::Suppress {
                finding,
                reason,
                author,
            } => {
                self.checks.suppress_dialog = None;
                let reason = reason.trim().to_string();
                if reason.is_empty() {
                    self.message(ctx, "無視する理由を書いてください。", true);
                    return;
                }
                self.checks.author = author.trim().to_string();
                let cmd = check::suppress_command(
                    &finding,
                    &reason,
                    &self.checks.author,
                    &super::review_mode::now_jst()[..10],
                );
                self.apply_checker_command(
                    ctx,
                    cmd,
                    "この指摘を無視します（理由を下書きに保存しました）。",
                );
            }
            FindingsAction::Unsuppress(f) => {
                let cmd = check::unsuppress_command(&f);
                self.apply_checker_command(ctx, cmd, "無視をやめました。");
            }
            FindingsAction::Recheck => {
                self.checks.soon();
                if let Some(doc) = &self.doc {
                    // Check again even when nothing changed (e.g. after editing the dictionary).
                    self.checks.checked = None;
                    self.checks.seen = Some((doc.revision(), f64::NEG_INFINITY));
                }
            }
        }
    }

    fn apply_checker_command(&mut self, ctx: &egui::Context, cmd: Command, done: &str) {
        if self.view.review_mode && !super::review_mode::allowed_in_review_mode(&cmd) {
            self.message(ctx, "閲覧モードでは検査結果の無視を変更できません。", true);
            return;
        }
        let Some(doc) = &mut self.doc else { return };
        let now = ctx.input(|i| i.time);
        doc.seal();
        match doc.apply(cmd, now) {
            Ok(_) => self.message(ctx, done.to_string(), false),
            Err(e) => self.message(ctx, e.to_string(), true),
        }
        doc_seal(&mut self.doc);
        self.checks.soon();
    }

    /// Shows where a finding is: selects its row or page and the characters it is about.
    fn go_to_finding(&mut self, ctx: &egui::Context, f: &Finding) {
        let Some(doc) = &self.doc else { return };
        let draft = doc.draft();
        let loc = &f.location;
        let (selection, field_id) = match &loc.target {
            check::Target::Draft => (None, None),
            check::Target::Row { id, .. } => {
                let Some(path) = draft.find_row(id) else {
                    self.message(
                        ctx,
                        "この行は見つかりません（検査の後に取り除かれました）。",
                        true,
                    );
                    return;
                };
                let row = draft.row(path);
                let field_id = match (loc.field, loc.side) {
                    (Some(Field::Side(field)), Some(side)) => {
                        // Text of a 変更なし row without a 改定案 is on its 現行 side.
                        let side = if side == SideKind::Revised
                            && row.is_some_and(|r| r.revised.is_none())
                        {
                            SideKind::Current
                        } else {
                            side
                        };
                        Some(focus::row_field_id(id, side, field, self.epoch))
                    }
                    _ => None,
                };
                (Some(Selection::Row(id.clone())), field_id)
            }
            check::Target::Policy { id, policy } => {
                let pi = draft
                    .policies
                    .iter()
                    .position(|p| &p.id == id)
                    .unwrap_or(*policy);
                let field_id = match loc.field {
                    Some(Field::Policy(pf)) => focus::policy_field_id(pi, pf, self.epoch),
                    _ => None,
                };
                (Some(policy_selection(pi, f)), field_id)
            }
        };
        if let Some(sel) = selection {
            if sel != self.view.selection {
                self.select(sel, true);
            } else {
                self.view.scroll_tree_to_selection = true;
            }
        }
        if let Some(id) = field_id {
            focus::request(ctx, id, loc.span.map(|s| (s.start, s.end)));
        }
    }
}

fn doc_seal(doc: &mut Option<Document>) {
    if let Some(d) = doc {
        d.seal();
    }
}
