//! Atomic saves: the new content goes to a temporary file in the same folder, is flushed to
//! disk, and only then replaces the old file, whose previous content is kept as a backup.
//! At no point is the draft half-written.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::error::io_reason;
use super::{SaveError, to_ron_string};
use crate::model::Draft;

/// How the final rename is done. The real one is [`FsReplace`]; tests inject one that fails
/// as a file held open on Windows does.
pub trait Replace {
    fn replace(&self, from: &Path, to: &Path) -> std::io::Result<()>;
}

/// Renames over the destination (`MoveFileExW` with `MOVEFILE_REPLACE_EXISTING` on Windows).
pub struct FsReplace;

impl Replace for FsReplace {
    fn replace(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        fs::rename(from, to)
    }
}

/// Save settings.
#[derive(Clone, Debug)]
pub struct SaveOptions {
    /// Keep the previous content as `<file>.bak`.
    pub backup: bool,
    /// How many times to retry replacing a file another program holds open.
    pub retries: u32,
    /// Pause between retries.
    pub retry_delay: Duration,
}

impl Default for SaveOptions {
    fn default() -> Self {
        SaveOptions {
            backup: true,
            retries: 10,
            retry_delay: Duration::from_millis(200),
        }
    }
}

/// What a save did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveOutcome {
    pub path: PathBuf,
    /// Where the previous content was kept, if there was one.
    pub backup: Option<PathBuf>,
    pub bytes: usize,
}

/// The backup path of a draft: `計画.ron` → `計画.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Saves a draft atomically, keeping the previous version as a backup.
pub fn save_draft(
    path: &Path,
    draft: &Draft,
    opts: &SaveOptions,
) -> Result<SaveOutcome, SaveError> {
    save_draft_with(path, draft, opts, &FsReplace)
}

/// [`save_draft`] with an injected rename.
pub fn save_draft_with(
    path: &Path,
    draft: &Draft,
    opts: &SaveOptions,
    replace: &dyn Replace,
) -> Result<SaveOutcome, SaveError> {
    let text = to_ron_string(draft).map_err(|e| SaveError::Serialize(e.to_string()))?;
    write_atomic_with(path, text.as_bytes(), opts, replace)
}

/// Writes any file atomically (drafts, exports, settings).
pub fn write_atomic(
    path: &Path,
    bytes: &[u8],
    opts: &SaveOptions,
) -> Result<SaveOutcome, SaveError> {
    write_atomic_with(path, bytes, opts, &FsReplace)
}

/// [`write_atomic`] with an injected rename.
pub fn write_atomic_with(
    path: &Path,
    bytes: &[u8],
    opts: &SaveOptions,
    replace: &dyn Replace,
) -> Result<SaveOutcome, SaveError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let write_err = |e: std::io::Error| SaveError::Write {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    };
    if path.is_dir() {
        return Err(SaveError::Write {
            path: path.to_path_buf(),
            reason: "同じ名前のフォルダーがあります".into(),
        });
    }

    // 1. The new content, complete and on disk, under a temporary name.
    let tmp = temp_file_with(&dir, bytes).map_err(write_err)?;

    // 2. The previous content, kept as a backup (itself written atomically).
    let backup = if opts.backup && path.is_file() {
        let bak = backup_path(path);
        let previous = fs::read(path).map_err(|e| {
            if is_locked(&e) {
                SaveError::Locked {
                    path: path.to_path_buf(),
                    reason: io_reason(&e),
                }
            } else {
                SaveError::Backup {
                    path: bak.clone(),
                    reason: io_reason(&e),
                }
            }
        })?;
        let bak_tmp = temp_file_with(&dir, &previous).map_err(|e| SaveError::Backup {
            path: bak.clone(),
            reason: io_reason(&e),
        })?;
        retrying(opts, || replace.replace(&bak_tmp, &bak)).map_err(|e| SaveError::Backup {
            path: bak.clone(),
            reason: io_reason(&e),
        })?;
        // The rename consumed the temporary file; don't let its guard delete the new name.
        std::mem::forget(bak_tmp);
        Some(bak)
    } else {
        None
    };

    // 3. The switch: one rename, retried while another program holds the file.
    match retrying(opts, || replace.replace(&tmp, path)) {
        Ok(()) => {
            std::mem::forget(tmp);
            sync_dir(&dir);
            Ok(SaveOutcome {
                path: path.to_path_buf(),
                backup,
                bytes: bytes.len(),
            })
        }
        Err(e) if is_locked(&e) => Err(SaveError::Locked {
            path: path.to_path_buf(),
            reason: io_reason(&e),
        }),
        Err(e) => Err(write_err(e)),
    }
}

/// Writes a file that must not exist yet (a new draft): the content goes to a temporary file in
/// the same folder, is flushed, and is then moved to `path` in one step that fails when `path`
/// exists (`renameat2(RENAME_NOREPLACE)` or a hard link on Unix, `MoveFileExW` without
/// `MOVEFILE_REPLACE_EXISTING` on Windows). Never overwrites: when `path` is there, even if it
/// appeared a moment ago, the result is [`SaveError::Exists`] and that file is untouched.
pub fn create_new_atomic(path: &Path, bytes: &[u8]) -> Result<SaveOutcome, SaveError> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let exists = || SaveError::Exists {
        path: path.to_path_buf(),
    };
    // Checked first for a clear message before any work; the move below is what guarantees it.
    if fs::symlink_metadata(path).is_ok() {
        return Err(exists());
    }
    let tmp = temp_file_with(&dir, bytes).map_err(|e| SaveError::Write {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    })?;
    match tmp.persist_noclobber(path) {
        Ok(()) => {
            sync_dir(&dir);
            Ok(SaveOutcome {
                path: path.to_path_buf(),
                backup: None,
                bytes: bytes.len(),
            })
        }
        // The temporary file is deleted when the error (which owns it) is dropped.
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
        Err(e) => Err(SaveError::Write {
            path: path.to_path_buf(),
            reason: io_reason(&e.error),
        }),
    }
}

/// A temporary file in `dir` holding `bytes`, flushed to disk. Deleted on drop unless
/// forgotten.
fn temp_file_with(dir: &Path, bytes: &[u8]) -> std::io::Result<tempfile::TempPath> {
    let mut f = tempfile::Builder::new()
        .prefix(".shinkyu-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    f.write_all(bytes)?;
    f.flush()?;
    f.as_file().sync_all()?;
    Ok(f.into_temp_path())
}

fn retrying(
    opts: &SaveOptions,
    mut op: impl FnMut() -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut attempt = 0;
    loop {
        match op() {
            Ok(()) => return Ok(()),
            Err(e) if is_locked(&e) && attempt < opts.retries => {
                attempt += 1;
                std::thread::sleep(opts.retry_delay);
            }
            Err(e) => return Err(e),
        }
    }
}

/// Errors Windows gives when another program holds the file open: access denied (5), sharing
/// violation (32), lock violation (33).
fn is_locked(e: &std::io::Error) -> bool {
    (cfg!(windows) && matches!(e.raw_os_error(), Some(5 | 32 | 33)))
        || e.kind() == std::io::ErrorKind::ResourceBusy
}

#[cfg(unix)]
fn sync_dir(dir: &Path) {
    // Make the rename itself durable. Best effort: some file systems refuse.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) {}
