//! File work off the UI thread: loading, saving (with the check that nobody else changed the
//! file) and recovery copies. Each job runs on its own thread and reports back through a
//! channel that the app polls once per frame; the thread wakes the UI when it is done.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::io::{self, FileStamp, LoadError, Loaded, SaveOptions, SaveOutcome};
use crate::model::Draft;

/// What to do after a save succeeded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AfterSave {
    Nothing,
    /// Close the window (保存して終了).
    Quit,
    /// Open another file (保存して開く).
    Open(PathBuf),
    /// Show the open dialog.
    OpenDialog,
    /// Open the bundled draft.
    OpenBundled,
}

/// Why a save did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveFailure {
    /// The file on disk is not the one that was read: someone else saved it meanwhile.
    ChangedOnDisk,
    /// Writing failed; the message is the core's Japanese one.
    Error(String),
}

/// A job's result.
#[derive(Debug)]
pub enum JobResult {
    Loaded {
        path: PathBuf,
        result: Box<Result<Loaded, LoadError>>,
    },
    Saved {
        path: PathBuf,
        /// The document state that was written.
        state_id: u64,
        result: Result<(SaveOutcome, Option<FileStamp>), SaveFailure>,
        then: AfterSave,
    },
    RecoveryWritten {
        /// What the copy holds (the draft's revision and the unrecorded comments, hashed).
        state: u64,
        result: Result<(), String>,
    },
    /// A version comparison or a reviewer's copy ([`super::review_mode`]).
    Review(super::review_mode::ReviewJob),
}

/// A save request.
#[derive(Clone, Debug)]
pub struct SaveJob {
    pub path: PathBuf,
    pub draft: Draft,
    pub state_id: u64,
    /// The stamp of the file as it was read; `None` to skip the check (new file, or the user
    /// chose to overwrite).
    pub expected: Option<FileStamp>,
    pub then: AfterSave,
}

/// Runs jobs on background threads.
pub struct Jobs {
    tx: Sender<JobResult>,
    rx: Receiver<JobResult>,
    pending: usize,
    ctx: egui::Context,
}

impl Jobs {
    pub fn new(ctx: egui::Context) -> Jobs {
        let (tx, rx) = channel();
        Jobs {
            tx,
            rx,
            pending: 0,
            ctx,
        }
    }

    /// True while a job runs.
    pub fn busy(&self) -> bool {
        self.pending > 0
    }

    pub(crate) fn spawn(&mut self, name: &str, job: impl FnOnce() -> JobResult + Send + 'static) {
        if spawn_worker(name, &self.tx, &self.ctx, job) {
            self.pending += 1;
        }
    }

    pub fn load(&mut self, path: PathBuf) {
        self.spawn("load", move || JobResult::Loaded {
            result: Box::new(io::load_draft(&path)),
            path,
        });
    }

    pub fn save(&mut self, job: SaveJob) {
        self.spawn("save", move || {
            let SaveJob {
                path,
                draft,
                state_id,
                expected,
                then,
            } = job;
            let result = save_checked(&path, &draft, expected);
            JobResult::Saved {
                path,
                state_id,
                result,
                then,
            }
        });
    }

    pub fn write_recovery(
        &mut self,
        settings: PathBuf,
        info: super::recovery::RecoveryInfo,
        draft: Draft,
        state: u64,
    ) {
        self.spawn("recovery", move || JobResult::RecoveryWritten {
            state,
            result: super::recovery::write(&settings, &info, &draft),
        });
    }

    /// The results of finished jobs.
    pub fn poll(&mut self) -> Vec<JobResult> {
        let done: Vec<JobResult> = self.rx.try_iter().collect();
        self.pending = self.pending.saturating_sub(done.len());
        done
    }
}

/// Saves unless the file on disk differs from `expected`; returns the new stamp.
pub fn save_checked(
    path: &std::path::Path,
    draft: &Draft,
    expected: Option<FileStamp>,
) -> Result<(SaveOutcome, Option<FileStamp>), SaveFailure> {
    if let Some(expected) = expected
        && let Some(now) = FileStamp::of_file(path)
        && now != expected
    {
        return Err(SaveFailure::ChangedOnDisk);
    }
    let outcome = io::save_draft(path, draft, &SaveOptions::default())
        .map_err(|e| SaveFailure::Error(e.to_string()))?;
    Ok((outcome, FileStamp::of_file(path)))
}

/// Runs `job` on a thread named `shinkyu-<name>`, sends its result to `tx` and wakes the UI.
/// Returns false (and says why on stderr) when no thread could be started.
pub(crate) fn spawn_worker<T: Send + 'static>(
    name: &str,
    tx: &Sender<T>,
    ctx: &egui::Context,
    job: impl FnOnce() -> T + Send + 'static,
) -> bool {
    let tx = tx.clone();
    let ctx = ctx.clone();
    let spawned = std::thread::Builder::new()
        .name(format!("shinkyu-{name}"))
        .spawn(move || {
            let _ = tx.send(job());
            ctx.request_repaint();
        });
    if let Err(e) = &spawned {
        eprintln!("shinkyu: 処理用のスレッドを開始できません（{name}）: {e}");
    }
    spawned.is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::synthetic::sample_draft;

    #[test]
    fn a_file_changed_by_someone_else_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.ron");
        let draft = sample_draft();
        let (_, stamp) = save_checked(&path, &draft, None).unwrap();
        let stamp = stamp.unwrap();
        // Unchanged on disk: saves.
        save_checked(&path, &draft, Some(stamp)).unwrap();
        // Someone else writes the file.
        std::fs::write(&path, "他の人の内容").unwrap();
        assert_eq!(
            save_checked(&path, &draft, Some(stamp)).unwrap_err(),
            SaveFailure::ChangedOnDisk
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "他の人の内容");
    }
}
