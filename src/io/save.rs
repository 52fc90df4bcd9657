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
///
/// The temporary files are made next to `path` (a rename across folders would not be atomic),
/// named `.shinkyu-XXXXXXXXXXXX.tmp` and held with an exclusive lock while they are written, so
/// that a later write can tell the leftovers of a write that died from a live one
/// ([`remove_dead_temp_files`], run first). On Unix the new file gets the permissions of the
/// file it replaces (a new file gets the usual ones, `0666` less the umask); on Windows nothing
/// is copied: the file inherits the folder's ACLs like any new file there.
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
    // 0. What earlier writes that died left here.
    remove_dead_temp_files(&dir);
    let existing = fs::metadata(path).ok().filter(|m| m.is_file());

    // 1. The new content, complete and on disk, under a temporary name.
    let tmp = TempFile::create(&dir, bytes, existing.as_ref()).map_err(write_err)?;

    // 2. The previous content, kept as a backup (itself written atomically, with the same
    //    permissions as the file).
    let backup = if opts.backup && existing.is_some() {
        let bak = backup_path(path);
        let backup_err = |e: std::io::Error| SaveError::Backup {
            path: bak.clone(),
            reason: io_reason(&e),
        };
        let previous = fs::read(path).map_err(|e| {
            if is_locked(&e) {
                SaveError::Locked {
                    path: path.to_path_buf(),
                    reason: io_reason(&e),
                }
            } else {
                backup_err(e)
            }
        })?;
        let bak_tmp = TempFile::create(&dir, &previous, existing.as_ref()).map_err(backup_err)?;
        retrying(opts, || replace.replace(&bak_tmp.path, &bak)).map_err(backup_err)?;
        bak_tmp.renamed();
        Some(bak)
    } else {
        None
    };

    // 3. The switch: one rename, retried while another program holds the file.
    match retrying(opts, || replace.replace(&tmp.path, path)) {
        Ok(()) => {
            tmp.renamed();
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

/// The names of shinkyu's temporary files: `.shinkyu-` … `.tmp` (also those of earlier versions,
/// which had six random characters).
pub const TEMP_PREFIX: &str = ".shinkyu-";
pub const TEMP_SUFFIX: &str = ".tmp";

/// How old a temporary file must be before [`remove_dead_temp_files`] removes it on a file
/// system that cannot lock files (some network shares): an hour, far longer than any write.
pub const UNLOCKABLE_TEMP_AGE: Duration = Duration::from_secs(60 * 60);

/// Whether `name` is one of shinkyu's temporary files.
pub fn is_temp_name(name: &str) -> bool {
    name.len() > TEMP_PREFIX.len() + TEMP_SUFFIX.len()
        && name.starts_with(TEMP_PREFIX)
        && name.ends_with(TEMP_SUFFIX)
}

/// Removes from `dir` the temporary files of writes that died (a killed process, a crash, a
/// power cut) and returns how many it removed. A temporary file is dead when no process holds
/// its lock: a live writer holds it from creation to rename, and the operating system lets go
/// of a dead process's lock. On Windows a live writer's file cannot even be opened (it is
/// opened without read or write sharing). Where the file system cannot lock at all, only files
/// older than [`UNLOCKABLE_TEMP_AGE`] are removed. Best effort: what cannot be opened or
/// removed (another user's file, a read-only share) is left alone.
pub fn remove_dead_temp_files(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_str().is_some_and(is_temp_name) {
            continue;
        }
        let path = entry.path();
        // Opening it is the first test: on Windows a live writer shares nothing.
        let Ok(file) = fs::File::open(&path) else {
            continue;
        };
        let dead = match file.try_lock() {
            Ok(()) => true,
            Err(fs::TryLockError::WouldBlock) => false,
            Err(fs::TryLockError::Error(_)) => file
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > UNLOCKABLE_TEMP_AGE),
        };
        // Removed while its lock is held, so that no one else takes it meanwhile.
        if dead && fs::metadata(&path).is_ok_and(|m| m.is_file()) && fs::remove_file(&path).is_ok()
        {
            removed += 1;
        }
        drop(file);
    }
    removed
}

/// A temporary file next to its target, complete and flushed to disk, held open with an
/// exclusive lock until it is renamed; removed on drop unless it was.
struct TempFile {
    path: PathBuf,
    /// The open, locked file; closed after the rename.
    file: Option<fs::File>,
}

impl TempFile {
    /// Writes `bytes` to a new temporary file in `dir`, with the permissions of `like` on Unix.
    fn create(dir: &Path, bytes: &[u8], like: Option<&fs::Metadata>) -> std::io::Result<TempFile> {
        let mut attempt = 0;
        let (path, file) = loop {
            let path = dir.join(format!("{TEMP_PREFIX}{}{TEMP_SUFFIX}", random_word()));
            match open_new_held(&path) {
                Ok(file) => break (path, file),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 16 => {
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        };
        // From here on, a failure removes the file (Drop).
        let mut tmp = TempFile {
            path,
            file: Some(file),
        };
        let file = tmp.file.as_mut().expect("just opened");
        file.lock()?;
        // On Unix, between creating and locking, a cleaner may have taken the file for dead and
        // removed it; then start again with a new name.
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let (held, named) = (file.metadata()?, fs::metadata(&tmp.path));
            if !named.is_ok_and(|n| n.ino() == held.ino() && n.dev() == held.dev()) {
                tmp.file = None;
                return TempFile::create(dir, bytes, like);
            }
            if let Some(like) = like {
                file.set_permissions(like.permissions())?;
            }
        }
        #[cfg(not(unix))]
        let _ = like;
        file.write_all(bytes)?;
        file.flush()?;
        file.sync_all()?;
        Ok(tmp)
    }

    /// The rename consumed the temporary name: close the file, nothing to remove.
    fn renamed(mut self) {
        self.file = None;
        self.path = PathBuf::new();
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        self.file = None;
        if !self.path.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Creates a new file for writing. On Windows it is shared for deletion only (so the rename
/// works) and not for reading or writing, which tells a cleaner from the first moment that a
/// live writer holds it.
fn open_new_held(path: &Path) -> std::io::Result<fs::File> {
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        const FILE_SHARE_DELETE: u32 = 0x0000_0004;
        opts.share_mode(FILE_SHARE_DELETE);
    }
    opts.open(path)
}

/// Twelve random hexadecimal digits for a temporary name (the standard library's randomly
/// keyed hasher, the time, the process and a counter).
pub(super) fn random_word() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    h.write_u32(std::process::id());
    if let Ok(d) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        h.write_u128(d.as_nanos());
    }
    format!("{:012x}", h.finish() & 0xffff_ffff_ffff)
}

/// Writes a file that must not exist yet (a new draft): the content goes to a temporary file in
/// the same folder (held like every temporary file, see [`remove_dead_temp_files`]), is flushed,
/// and is then moved to `path` in one step that fails when `path` exists (a hard link on Unix,
/// `MoveFileExW` without `MOVEFILE_REPLACE_EXISTING` on Windows). Never overwrites: when `path`
/// is there, even if it appeared a moment ago, the result is [`SaveError::Exists`] and that
/// file is untouched.
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
    let write_error = |e: &std::io::Error| SaveError::Write {
        path: path.to_path_buf(),
        reason: io_reason(e),
    };
    remove_dead_temp_files(&dir);
    let tmp = TempFile::create(&dir, bytes, None).map_err(|e| write_error(&e))?;
    match move_noclobber(&tmp.path, path) {
        Ok(()) => {
            tmp.renamed();
            sync_dir(&dir);
            Ok(SaveOutcome {
                path: path.to_path_buf(),
                backup: None,
                bytes: bytes.len(),
            })
        }
        // The temporary file is removed when `tmp` is dropped.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
        Err(e) => Err(write_error(&e)),
    }
}

/// Moves `from` to `to` unless `to` exists (then `AlreadyExists`, nothing changed).
#[cfg(not(windows))]
fn move_noclobber(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::hard_link(from, to)?;
    let _ = fs::remove_file(from);
    Ok(())
}

/// Moves `from` to `to` unless `to` exists (then `AlreadyExists`, nothing changed).
#[cfg(windows)]
fn move_noclobber(from: &Path, to: &Path) -> std::io::Result<()> {
    use std::os::windows::ffi::OsStrExt;
    use windows_sys::Win32::Storage::FileSystem::{MOVEFILE_WRITE_THROUGH, MoveFileExW};
    let wide = |p: &Path| -> Vec<u16> { p.as_os_str().encode_wide().chain(Some(0)).collect() };
    let (f, t) = (wide(from), wide(to));
    // Without MOVEFILE_REPLACE_EXISTING the move fails when `to` exists.
    if unsafe { MoveFileExW(f.as_ptr(), t.as_ptr(), MOVEFILE_WRITE_THROUGH) } != 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
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
