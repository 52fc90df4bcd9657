//! The document being edited: a draft, its undo/redo history, and whether it changed since it
//! was last saved.
//!
//! Undo works on snapshots of the part of the draft a command may touch (its [`Scope`]: one
//! 施策大項目, or the metadata), taken before the command runs. That keeps every command
//! undoable without writing an inverse for each, and keeps memory small: a step holds one
//! 施策大項目, not the whole draft. Consecutive edits of the same field (typing) merge into one
//! step while they come less than [`MERGE_WINDOW`] seconds apart and nothing else happened.

use std::collections::VecDeque;

use super::apply::{EditError, Outcome, apply_to_draft};
use super::command::{Command, MergeKey, Scope, Target};
use crate::model::{Draft, Meta, Policy, Suppression};

/// Edits of the same field closer together than this (seconds) form one undo step.
pub const MERGE_WINDOW: f64 = 3.0;

/// How many undo steps are kept.
pub const MAX_UNDO: usize = 1000;

#[derive(Clone, Debug)]
enum Snapshot {
    Meta(Box<Meta>),
    Policy(usize, Box<Policy>),
    Draft(Box<Draft>),
    Suppressions(Vec<Suppression>),
}

impl Snapshot {
    fn take(draft: &Draft, scope: Scope) -> Snapshot {
        match scope {
            Scope::Meta => Snapshot::Meta(Box::new(draft.meta.clone())),
            Scope::Policy(i) => match draft.policies.get(i) {
                Some(p) => Snapshot::Policy(i, Box::new(p.clone())),
                None => Snapshot::Draft(Box::new(draft.clone())),
            },
            Scope::Draft => Snapshot::Draft(Box::new(draft.clone())),
            Scope::Suppressions => Snapshot::Suppressions(draft.suppressions.clone()),
        }
    }

    fn scope(&self) -> Scope {
        match self {
            Snapshot::Meta(_) => Scope::Meta,
            Snapshot::Policy(i, _) => Scope::Policy(*i),
            Snapshot::Draft(_) => Scope::Draft,
            Snapshot::Suppressions(_) => Scope::Suppressions,
        }
    }

    /// Puts the snapshot back and returns what it replaced.
    fn restore(self, draft: &mut Draft) -> Snapshot {
        match self {
            Snapshot::Meta(m) => Snapshot::Meta(Box::new(std::mem::replace(&mut draft.meta, *m))),
            Snapshot::Policy(i, p) => {
                Snapshot::Policy(i, Box::new(std::mem::replace(&mut draft.policies[i], *p)))
            }
            Snapshot::Draft(d) => Snapshot::Draft(Box::new(std::mem::replace(draft, *d))),
            Snapshot::Suppressions(s) => {
                Snapshot::Suppressions(std::mem::replace(&mut draft.suppressions, s))
            }
        }
    }
}

#[derive(Clone, Debug)]
struct Step {
    /// The state of the scope on the other side of this step (before it, on the undo stack;
    /// after it, on the redo stack).
    snapshot: Snapshot,
    label: String,
    target: Target,
    merge_key: Option<MergeKey>,
    /// The step changed only comments or review states ([`Command::is_review_only`]).
    review_only: bool,
    /// When the step was last extended (seconds, caller's clock).
    time: f64,
    /// Document state ids before and after the step, for the saved/unsaved check.
    state_before: u64,
    state_after: u64,
}

/// The result of [`Document::apply`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub outcome: Outcome,
    pub target: Target,
}

/// A draft being edited, with undo/redo and a saved/unsaved state.
#[derive(Debug)]
pub struct Document {
    draft: Draft,
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    /// Identifies the draft's content: a fresh id after every change, the old id back after
    /// undo. The draft is unsaved when it differs from `saved_state`.
    state: u64,
    saved_state: Option<u64>,
    next_state: u64,
    /// Counts every change including undo/redo, for caches keyed on the draft's content.
    revision: u64,
    /// When true, the next edit starts a new undo step even if it could merge.
    sealed: bool,
}

impl Document {
    /// A document whose draft is as saved on disk (not dirty).
    pub fn new(draft: Draft) -> Document {
        Document {
            draft,
            undo: VecDeque::new(),
            redo: Vec::new(),
            state: 1,
            saved_state: Some(1),
            next_state: 2,
            revision: 0,
            sealed: true,
        }
    }

    /// A document with content that was never saved (e.g. restored from a recovery copy).
    pub fn new_unsaved(draft: Draft) -> Document {
        let mut d = Document::new(draft);
        d.saved_state = None;
        d
    }

    pub fn draft(&self) -> &Draft {
        &self.draft
    }

    /// The current content's id; pass it to [`Document::mark_saved`] once that content is on
    /// disk.
    pub fn state_id(&self) -> u64 {
        self.state
    }

    /// Increases with every change, undo and redo.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// True when the draft differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.saved_state != Some(self.state)
    }

    /// Records that the content with `state_id` was written to disk.
    pub fn mark_saved(&mut self, state_id: u64) {
        self.saved_state = Some(state_id);
    }

    /// Forgets the saved state (the file on disk is gone or was replaced): the draft counts as
    /// unsaved until the next save.
    pub fn mark_unsaved(&mut self) {
        self.saved_state = None;
    }

    /// Ends the current undo step: the next edit starts a new one. Call when the user moves
    /// to another field or row.
    pub fn seal(&mut self) {
        self.sealed = true;
    }

    /// Applies a command at time `now` (seconds, any monotonic clock), recording undo.
    pub fn apply(&mut self, cmd: Command, now: f64) -> Result<Applied, EditError> {
        let scope = cmd.scope(&self.draft)?;
        // Before the command runs: a removed row or a renumbered 施策大項目 is still named.
        let about = cmd.target(&self.draft);
        let key = cmd.merge_key();
        let merges = !self.sealed
            && key.is_some()
            && self.redo.is_empty()
            && self.undo.back().is_some_and(|s| {
                s.merge_key == key
                    && s.snapshot.scope() == scope
                    && s.state_after == self.state
                    && now - s.time < MERGE_WINDOW
            });
        let snapshot = (!merges).then(|| Snapshot::take(&self.draft, scope));
        let outcome = apply_to_draft(&mut self.draft, &cmd)?;
        let target = within(
            &self.draft,
            match &outcome.created {
                Some(id) => Target::Row(id.clone()),
                None => about,
            },
        );
        if !outcome.changed {
            return Ok(Applied { outcome, target });
        }
        self.revision += 1;
        let new_state = self.next_state;
        self.next_state += 1;
        match snapshot {
            None => {
                let step = self.undo.back_mut().expect("merging needs a step");
                step.time = now;
                step.state_after = new_state;
            }
            Some(snapshot) => {
                self.redo.clear();
                self.undo.push_back(Step {
                    snapshot,
                    label: cmd.describe(),
                    target: target.clone(),
                    merge_key: key,
                    review_only: cmd.is_review_only(),
                    time: now,
                    state_before: self.state,
                    state_after: new_state,
                });
                if self.undo.len() > MAX_UNDO {
                    self.undo.pop_front();
                }
            }
        }
        self.state = new_state;
        self.sealed = false;
        Ok(Applied { outcome, target })
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What undo would undo, e.g. 「改定案の概要の入力」.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.back().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// True when undo would undo a change of comments or review states only (what 閲覧モード
    /// may undo without touching the text).
    pub fn undo_is_review_only(&self) -> bool {
        self.undo.back().is_some_and(|s| s.review_only)
    }

    /// True when redo would redo a change of comments or review states only.
    pub fn redo_is_review_only(&self) -> bool {
        self.redo.last().is_some_and(|s| s.review_only)
    }

    /// Undoes the last step; returns what it was about.
    pub fn undo(&mut self) -> Option<Target> {
        let mut step = self.undo.pop_back()?;
        step.snapshot = step.snapshot.restore(&mut self.draft);
        self.state = step.state_before;
        self.revision += 1;
        self.sealed = true;
        let target = within(&self.draft, step.target.clone());
        self.redo.push(step);
        Some(target)
    }

    /// Redoes the last undone step; returns what it was about.
    pub fn redo(&mut self) -> Option<Target> {
        let mut step = self.redo.pop()?;
        step.snapshot = step.snapshot.restore(&mut self.draft);
        self.state = step.state_after;
        self.revision += 1;
        self.sealed = true;
        let target = within(&self.draft, step.target.clone());
        self.undo.push_back(step);
        Some(target)
    }
}

/// A target that exists in `draft`: a 施策大項目 index past the end (the one an undone
/// 施策大項目の追加 made, the last one removed) becomes the last 施策大項目, or the draft's own
/// data when there is none.
fn within(draft: &Draft, target: Target) -> Target {
    let len = draft.policies.len();
    match target {
        Target::Policy(p) | Target::Block { policy: p, .. } if p >= len => match len {
            0 => Target::Meta,
            _ => Target::Policy(len - 1),
        },
        t => t,
    }
}
