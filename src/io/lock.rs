//! Who is editing a draft: while a draft is open for editing, a lock file beside it says who
//! (user name, PC name, since when, which process), as office suites do (LibreOffice's
//! `.~lock.NAME#`, Microsoft Office's `~$NAME`). The next person who opens the draft is told
//! 「田中さん（KIKAKU-PC01）が編集中です」 and can open it read-only instead.
//!
//! - [`inspect`] says who holds a draft ([`LockState`]); [`acquire`] takes the lock or says who
//!   holds it; [`take_over`] takes a stale lock (its holder crashed) after the user agreed.
//! - [`EditLock`] is the lock held: refreshed in the background every [`REFRESH_EVERY`] (the
//!   file's modification time is the heartbeat), removed by [`EditLock::release`] or on drop.
//! - A lock is stale when its holder is gone: on this PC, its process no longer runs; anywhere,
//!   it was not refreshed for [`STALE_AFTER`] (a PC that crashed, lost the network or was
//!   switched off).
//! - The lock is a separate small file: making, refreshing or removing it never opens the
//!   draft. Where it cannot be written (a read-only share), editing goes on without it and
//!   [`EditLock::note`] says why nobody will be told.
//!
//! 閲覧モード on a reviewer's copy takes no lock: the copy is the reviewer's own file.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::error::io_reason;
use crate::clock;

/// What the lock file's name adds to the draft's: `素案.ron` → `素案.ron.shinkyu-lock`. The
/// name starts with the draft's whole name, so Explorer lists it right after the draft it
/// belongs to, and says whose it is; no leading `~$` or dot, which would hide it from people
/// looking for who is editing (on Windows the leading dot hides nothing anyway).
pub const LOCK_SUFFIX: &str = ".shinkyu-lock";

/// How often a held lock is refreshed (its modification time set to now).
pub const REFRESH_EVERY: Duration = Duration::from_secs(5 * 60);

/// A lock not refreshed for this long is stale: its holder crashed, was switched off or lost
/// the shared folder. Twelve missed refreshes: long enough for a slow network, short enough
/// that a colleague is not kept waiting for the rest of the day.
pub const STALE_AFTER: Duration = Duration::from_secs(60 * 60);

/// The lock file of a draft.
pub fn lock_path(draft: &Path) -> PathBuf {
    let mut name = draft.file_name().unwrap_or_default().to_os_string();
    name.push(LOCK_SUFFIX);
    draft.with_file_name(name)
}

/// Who we are, as the lock file records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    /// The user's name (the Windows logon name, or a name the editor knows better).
    pub user: String,
    /// The PC's name.
    pub host: String,
}

impl Identity {
    /// From this process's environment.
    pub fn current() -> Identity {
        Identity::from_env(|name| std::env::var(name).ok())
    }

    /// From any environment (the seam tests set): `USERNAME` and `COMPUTERNAME` on Windows,
    /// `USER` (or `LOGNAME`) and `HOSTNAME` elsewhere, the host falling back to `/etc/hostname`.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Identity {
        let pick = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| var(n).map(|v| one_line(&v)).filter(|v| !v.is_empty()))
        };
        let (user, host) = if cfg!(windows) {
            (pick(&["USERNAME"]), pick(&["COMPUTERNAME"]))
        } else {
            let host = pick(&["HOSTNAME"]).or_else(|| {
                fs::read_to_string("/etc/hostname")
                    .ok()
                    .map(|h| one_line(&h))
                    .filter(|h| !h.is_empty())
            });
            (pick(&["USER", "LOGNAME"]), host)
        };
        Identity {
            user: user.unwrap_or_else(|| "不明な利用者".into()),
            host: host.unwrap_or_else(|| "不明なPC".into()),
        }
    }
}

/// Who holds a lock, as its file says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockOwner {
    pub user: String,
    pub host: String,
    /// The holder's process id (on its PC).
    pub pid: u32,
    /// When the draft was opened (seconds since 1970-01-01 UTC).
    pub since: u64,
    /// When the lock was last refreshed (its file's modification time).
    pub refreshed: u64,
    /// Tells this lock from a later one by the same person.
    token: String,
}

impl LockOwner {
    /// 「田中さん（KIKAKU-PC01）が編集中です」.
    pub fn message(&self) -> String {
        format!("{}さん（{}）が編集中です", self.user, self.host)
    }

    /// When the holder opened the draft, as people read it: `2026-12-08 09:30`.
    pub fn since_text(&self) -> String {
        clock::jst_from_unix(self.since).replace('T', " ")
    }
}

/// Why a lock is taken for left over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Staleness {
    /// The lock was made on this PC by a process that no longer runs (shinkyu ended without
    /// removing it: a crash, the task manager, a power cut).
    ProcessGone,
    /// Not refreshed for [`STALE_AFTER`] or more; `minutes` since the last refresh.
    NotRefreshed { minutes: u64 },
    /// The lock file cannot be read as one (damaged, or written by something else).
    Unreadable,
}

impl Staleness {
    /// What happened, in Japanese, for the question before taking over.
    pub fn describe(&self) -> String {
        match self {
            Staleness::ProcessGone => {
                "このPCの shinkyu は既に終了しています（前回の編集が正しく終了しなかったようです）。".into()
            }
            Staleness::NotRefreshed { minutes } => format!(
                "{} 分以上更新されていません（その PC の shinkyu が異常終了したか、共有フォルダーから切断された可能性があります）。",
                minutes
            ),
            Staleness::Unreadable => "編集中の印（ロックファイル）を読み取れません。".into(),
        }
    }
}

/// Who holds a draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LockState {
    /// Nobody: the draft can be opened for editing.
    Free,
    /// Someone is editing it now: offer 読み取り専用で開く / 閉じる.
    HeldBy(LockOwner),
    /// A lock is there but its holder is gone: ask, then [`take_over`] (or open read-only).
    /// `owner` is `None` when the lock file cannot be read.
    Stale {
        owner: Option<LockOwner>,
        why: Staleness,
    },
}

/// How locks are taken: who we are, and the timings ([`REFRESH_EVERY`], [`STALE_AFTER`]; tests
/// shorten them).
#[derive(Clone, Debug)]
pub struct LockOptions {
    pub identity: Identity,
    /// How often a held lock is refreshed; `Duration::ZERO` for never (no background thread).
    pub refresh_every: Duration,
    pub stale_after: Duration,
}

impl Default for LockOptions {
    fn default() -> Self {
        LockOptions {
            identity: Identity::current(),
            refresh_every: REFRESH_EVERY,
            stale_after: STALE_AFTER,
        }
    }
}

/// Who holds `draft` now. Never writes anything.
pub fn inspect(draft: &Path, opts: &LockOptions) -> LockState {
    let path = lock_path(draft);
    // A lock being written at this very moment may read short: read again before calling it
    // damaged.
    let mut last = None;
    for attempt in 0..3 {
        if attempt > 0 {
            std::thread::sleep(Duration::from_millis(50));
        }
        match read_owner(&path) {
            Ok(None) => return LockState::Free,
            Ok(Some(owner)) => {
                last = Some(owner);
                break;
            }
            Err(()) => {}
        }
    }
    let Some(owner) = last else {
        return LockState::Stale {
            owner: None,
            why: Staleness::Unreadable,
        };
    };
    let same_pc = owner.host.eq_ignore_ascii_case(&opts.identity.host);
    if same_pc && owner.pid != std::process::id() && process_running(owner.pid) == Some(false) {
        return LockState::Stale {
            owner: Some(owner),
            why: Staleness::ProcessGone,
        };
    }
    let age = clock::now_unix().saturating_sub(owner.refreshed);
    if age >= opts.stale_after.as_secs() {
        return LockState::Stale {
            owner: Some(owner),
            why: Staleness::NotRefreshed { minutes: age / 60 },
        };
    }
    LockState::HeldBy(owner)
}

/// Takes the lock of `draft` for editing. `Err` says who holds it ([`LockState::HeldBy`] or
/// [`LockState::Stale`]). A lock file that cannot be written does not stop the user: the
/// [`EditLock`] then holds nothing on disk and [`EditLock::note`] says why.
pub fn acquire(draft: &Path, opts: &LockOptions) -> Result<EditLock, LockState> {
    let path = lock_path(draft);
    let token = super::save::random_word();
    let since = clock::now_unix();
    match create_lock_file(&path, &opts.identity, since, &token) {
        Ok(()) => Ok(EditLock::held(path, token, since, opts)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => match inspect(draft, opts) {
            // Removed in between: try once more.
            LockState::Free => match create_lock_file(&path, &opts.identity, since, &token) {
                Ok(()) => Ok(EditLock::held(path, token, since, opts)),
                Err(_) => Err(inspect(draft, opts)),
            },
            state => Err(state),
        },
        Err(e) => Ok(EditLock::not_written(path, &e)),
    }
}

/// Takes over a stale lock after the user agreed: removes it, if it is still the one the user
/// was shown, and takes the lock. `Err` with the current state if someone else took it
/// meanwhile (or it is not stale any more).
pub fn take_over(
    draft: &Path,
    shown: &LockState,
    opts: &LockOptions,
) -> Result<EditLock, LockState> {
    let now = inspect(draft, opts);
    match (&now, shown) {
        (LockState::Free, _) => acquire(draft, opts),
        (LockState::Stale { owner: a, .. }, LockState::Stale { owner: b, .. }) if a == b => {
            match fs::remove_file(lock_path(draft)) {
                Ok(()) => acquire(draft, opts),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => acquire(draft, opts),
                // It cannot be removed (a read-only share): edit without a lock, saying so.
                Err(e) => Ok(EditLock::not_written(lock_path(draft), &e)),
            }
        }
        _ => Err(now),
    }
}

/// What a held lock knows about itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeldStatus {
    /// The lock file is ours.
    Held,
    /// The lock file could not be written; nobody else is told that the draft is open.
    NotWritten { reason: String },
    /// Someone took the lock over (they found it stale: this PC slept or lost the share for
    /// longer than [`STALE_AFTER`]). Saving now could overwrite their work: warn the user.
    Lost(LockOwner),
}

/// The lock of a draft open for editing. Refreshed in the background; removed by
/// [`EditLock::release`] or when dropped (only if it is still ours).
#[derive(Debug)]
pub struct EditLock {
    path: PathBuf,
    token: String,
    status: Arc<Mutex<HeldStatus>>,
    /// Dropping the sender stops the refreshing thread.
    heartbeat: Option<(mpsc::Sender<()>, std::thread::JoinHandle<()>)>,
    identity: Identity,
    since: u64,
}

impl EditLock {
    fn held(path: PathBuf, token: String, since: u64, opts: &LockOptions) -> EditLock {
        let mut lock = EditLock {
            path,
            token,
            status: Arc::new(Mutex::new(HeldStatus::Held)),
            heartbeat: None,
            identity: opts.identity.clone(),
            since,
        };
        if !opts.refresh_every.is_zero() {
            let (tx, rx) = mpsc::channel::<()>();
            let every = opts.refresh_every;
            let refresher = Refresher {
                path: lock.path.clone(),
                token: lock.token.clone(),
                identity: lock.identity.clone(),
                since,
                status: lock.status.clone(),
            };
            let thread = std::thread::Builder::new()
                .name("shinkyu-lock".into())
                .spawn(move || {
                    while let Err(mpsc::RecvTimeoutError::Timeout) = rx.recv_timeout(every) {
                        refresher.refresh();
                    }
                });
            if let Ok(thread) = thread {
                lock.heartbeat = Some((tx, thread));
            }
        }
        lock
    }

    fn not_written(path: PathBuf, e: &std::io::Error) -> EditLock {
        EditLock {
            path,
            token: String::new(),
            status: Arc::new(Mutex::new(HeldStatus::NotWritten {
                reason: io_reason(e),
            })),
            heartbeat: None,
            identity: Identity {
                user: String::new(),
                host: String::new(),
            },
            since: 0,
        }
    }

    /// The lock file.
    pub fn lock_path(&self) -> &Path {
        &self.path
    }

    pub fn status(&self) -> HeldStatus {
        self.status
            .lock()
            .map(|s| s.clone())
            .unwrap_or(HeldStatus::Held)
    }

    /// A note for the status bar when the lock could not be written: the user edits, but a
    /// colleague opening the draft will not be told.
    pub fn note(&self) -> Option<String> {
        match self.status() {
            HeldStatus::NotWritten { reason } => Some(format!(
                "このフォルダーに編集中の印（{}）を作れないため、ほかの人が同時にこの下書きを開いても知らせることができません（{reason}）。編集と保存はできます。",
                self.path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            )),
            _ => None,
        }
    }

    /// Refreshes the lock now (the background thread does this every [`REFRESH_EVERY`]).
    pub fn refresh(&self) {
        if self.token.is_empty() {
            return;
        }
        Refresher {
            path: self.path.clone(),
            token: self.token.clone(),
            identity: self.identity.clone(),
            since: self.since,
            status: self.status.clone(),
        }
        .refresh();
    }

    /// Removes the lock (when the draft is closed, or opened under another name). Only a lock
    /// file that is still ours is removed.
    pub fn release(mut self) {
        self.release_now();
    }

    fn release_now(&mut self) {
        if let Some((tx, thread)) = self.heartbeat.take() {
            drop(tx);
            let _ = thread.join();
        }
        if self.token.is_empty() {
            return;
        }
        if let Ok(Some(owner)) = read_owner(&self.path)
            && owner.token == self.token
        {
            let _ = fs::remove_file(&self.path);
        }
        self.token.clear();
    }
}

impl Drop for EditLock {
    fn drop(&mut self) {
        self.release_now();
    }
}

/// What the refreshing thread needs.
struct Refresher {
    path: PathBuf,
    token: String,
    identity: Identity,
    since: u64,
    status: Arc<Mutex<HeldStatus>>,
}

impl Refresher {
    fn refresh(&self) {
        let next = match read_owner(&self.path) {
            Ok(Some(owner)) if owner.token == self.token => {
                let touched = fs::OpenOptions::new()
                    .write(true)
                    .open(&self.path)
                    .and_then(|f| f.set_modified(SystemTime::now()));
                match touched {
                    Ok(()) => HeldStatus::Held,
                    Err(e) => HeldStatus::NotWritten {
                        reason: io_reason(&e),
                    },
                }
            }
            Ok(Some(other)) => HeldStatus::Lost(other),
            // Unreadable for now (being written by someone taking over?): look again next time.
            Err(()) => return,
            // Removed by someone: put ours back.
            Ok(None) => {
                match create_lock_file(&self.path, &self.identity, self.since, &self.token) {
                    Ok(()) => HeldStatus::Held,
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        match read_owner(&self.path) {
                            Ok(Some(other)) if other.token != self.token => HeldStatus::Lost(other),
                            _ => HeldStatus::Held,
                        }
                    }
                    Err(e) => HeldStatus::NotWritten {
                        reason: io_reason(&e),
                    },
                }
            }
        };
        if let Ok(mut s) = self.status.lock() {
            *s = next;
        }
    }
}

/// The first line of a lock file, and the version of its format.
const MAGIC: &str = "shinkyu-lock 1";

/// Writes a new lock file (never over an existing one). UTF-8 with a BOM and CRLF line ends,
/// so that Notepad shows who is editing.
fn create_lock_file(path: &Path, me: &Identity, since: u64, token: &str) -> std::io::Result<()> {
    let text = format!(
        "\u{FEFF}{MAGIC}\r\n\
         # shinkyu でこの下書きを編集中です。shinkyu を閉じると自動で削除されます。\r\n\
         # shinkyu が異常終了して残ったときは、次に開いた人が確認のうえ引き継げます。\r\n\
         user={}\r\nhost={}\r\npid={}\r\nsince={since}\r\nsince_jst={}\r\ntoken={token}\r\napp=shinkyu {}\r\n",
        one_line(&me.user),
        one_line(&me.host),
        std::process::id(),
        clock::jst_from_unix(since),
        env!("CARGO_PKG_VERSION"),
    );
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    // One write: a reader sees all of it or (for an instant) less, never a mix.
    let written = f.write_all(text.as_bytes()).and_then(|()| f.sync_all());
    if let Err(e) = written {
        drop(f);
        let _ = fs::remove_file(path);
        return Err(e);
    }
    Ok(())
}

/// Reads a lock file: `Ok(None)` when there is none, `Err(())` when it cannot be read as one.
fn read_owner(path: &Path) -> Result<Option<LockOwner>, ()> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(_) => return Err(()),
    };
    let refreshed = fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    let text = String::from_utf8_lossy(&bytes);
    let text = text.trim_start_matches('\u{FEFF}');
    let lines = || text.lines().map(|l| l.trim_end_matches('\r'));
    if lines().next() != Some(MAGIC) {
        return Err(());
    }
    let field = |key: &str| {
        lines().find_map(|l| l.strip_prefix(key)?.strip_prefix('=').map(str::to_string))
    };
    let owner = (|| {
        Some(LockOwner {
            user: field("user")?,
            host: field("host")?,
            pid: field("pid")?.parse().ok()?,
            since: field("since")?.parse().ok()?,
            refreshed,
            token: field("token")?,
        })
    })();
    owner.map(Some).ok_or(())
}

/// A value on one line (names come from the environment; a line break would end the field).
fn one_line(s: &str) -> String {
    s.replace(['\r', '\n'], " ").trim().to_string()
}

/// Whether process `pid` runs on this PC: `None` when this system cannot tell.
fn process_running(pid: u32) -> Option<bool> {
    #[cfg(windows)]
    {
        use windows_sys::Win32::Foundation::{CloseHandle, GetLastError};
        use windows_sys::Win32::System::Threading::{
            GetExitCodeProcess, OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION,
        };
        const ERROR_INVALID_PARAMETER: u32 = 87;
        const STILL_ACTIVE: u32 = 259;
        // SAFETY: plain Win32 calls on a process id; the handle is closed before returning.
        unsafe {
            let handle = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
            if handle.is_null() {
                // No such process; any other failure (access denied: another user's process)
                // means it exists.
                return Some(GetLastError() != ERROR_INVALID_PARAMETER);
            }
            let mut code = 0u32;
            let ok = GetExitCodeProcess(handle, &mut code);
            CloseHandle(handle);
            Some(ok == 0 || code == STILL_ACTIVE)
        }
    }
    #[cfg(not(windows))]
    {
        let proc = Path::new("/proc");
        proc.join("self")
            .exists()
            .then(|| proc.join(pid.to_string()).exists())
    }
}
