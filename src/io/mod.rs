//! Reading and writing drafts: encoding sniffing, RON with Japanese errors, atomic saves with
//! backups, a stamp to notice when someone else changed the file, and the lock file that tells
//! who is editing a draft ([`lock`]).

mod encoding;
mod error;
pub mod lock;
mod names;
mod ron_text;
mod save;
mod settings;

use std::path::{Path, PathBuf};

pub use encoding::{Decoded, SourceEncoding, decode};
pub use error::{LoadError, SaveError, SyntaxError, io_reason};
pub use names::{safe_file_stem, suggest_export_name};
pub use ron_text::{parse_draft, ron_error_message, to_ron_string};
pub use save::{
    FsReplace, Replace, SaveOptions, SaveOutcome, UNLOCKABLE_TEMP_AGE, backup_path,
    create_new_atomic, is_temp_name, remove_dead_temp_files, save_draft, save_draft_with,
    write_atomic, write_atomic_with,
};
pub use settings::{APP_ID, CONFIG_DIR_ENV, settings_dir};

use crate::model::Draft;

/// A draft read from a file, with what the reader noticed on the way.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub draft: Draft,
    pub path: PathBuf,
    pub encoding: SourceEncoding,
    pub had_crlf: bool,
    /// The file as it was when read, to notice later changes by someone else.
    pub stamp: FileStamp,
    /// Things the user should know (e.g. the file was Shift_JIS and will be saved as UTF-8).
    pub notes: Vec<String>,
}

/// Reads and parses a draft. Never writes to `path`.
pub fn load_draft(path: &Path) -> Result<Loaded, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError::Io {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    })?;
    let mut loaded = load_bytes(&bytes)?;
    loaded.path = path.to_path_buf();
    loaded.stamp = FileStamp::of_bytes(&bytes);
    Ok(loaded)
}

/// Parses a draft from a file's bytes.
pub fn load_bytes(bytes: &[u8]) -> Result<Loaded, LoadError> {
    let decoded = decode(bytes)?;
    let draft = parse_draft(&decoded.text)?;
    let mut notes = Vec::new();
    if decoded.encoding.is_converted() {
        notes.push(format!(
            "このファイルは {} で書かれていたため、変換して読み込みました。保存すると UTF-8 になります。",
            decoded.encoding.label()
        ));
    }
    Ok(Loaded {
        draft,
        path: PathBuf::new(),
        encoding: decoded.encoding,
        had_crlf: decoded.had_crlf,
        stamp: FileStamp::of_bytes(bytes),
        notes,
    })
}

/// A file's identity at one moment: its length and a hash of its content. Compared before
/// saving to notice that someone else changed the file since it was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct FileStamp {
    pub len: u64,
    pub hash: u64,
}

impl FileStamp {
    pub fn of_bytes(bytes: &[u8]) -> FileStamp {
        // FNV-1a: stable across runs and platforms, plenty for "did it change".
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        FileStamp {
            len: bytes.len() as u64,
            hash: h,
        }
    }

    /// The stamp of the file at `path` now; `None` if it does not exist or cannot be read.
    pub fn of_file(path: &Path) -> Option<FileStamp> {
        std::fs::read(path).ok().map(|b| FileStamp::of_bytes(&b))
    }
}

/// Whether two paths name the same file: compared after resolving links and `..` when both
/// exist, else as absolute paths (an output that does not exist yet is never an input).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => std::path::absolute(a).ok() == std::path::absolute(b).ok(),
    }
}
