//! Recovery copies: unsaved work is written every few seconds to the settings folder, and
//! offered on the next start if the program ended without saving (a crash, a power cut).
//! A clean save or a clean exit removes the copy.
//!
//! Each open document has one copy, `recovery/<key>.ron` (the draft, in the normal file
//! format) with `recovery/<key>.json` (where it came from, when it was written, and the words
//! in comment boxes that were not recorded yet). A copy is kept while the draft has unsaved
//! changes or a comment box holds words.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::panels::comment_drafts::Unposted;
use crate::io::{self, FileStamp, LoadError, SaveOptions};
use crate::model::Draft;

/// What a recovery copy is a copy of.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct RecoveryInfo {
    pub key: String,
    /// The file the work belongs to; `None` for the bundled draft or work never saved.
    pub original: Option<PathBuf>,
    /// The name shown in the title bar.
    pub name: String,
    /// When the copy was written (seconds since 1970).
    pub written_at: u64,
    /// The original file's stamp when it was read, to notice later changes on disk.
    pub stamp_len: Option<u64>,
    pub stamp_hash: Option<u64>,
    /// Words typed into comment boxes (閲覧モード) and not recorded in the draft.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Unposted>,
}

impl RecoveryInfo {
    pub fn stamp(&self) -> Option<FileStamp> {
        Some(FileStamp {
            len: self.stamp_len?,
            hash: self.stamp_hash?,
        })
    }

    /// 「約 5 分前」 — relative, so no time zone is needed.
    pub fn age_label(&self, now: u64) -> String {
        let secs = now.saturating_sub(self.written_at);
        match secs {
            0..60 => "1 分以内".into(),
            60..3600 => format!("約 {} 分前", secs / 60),
            3600..86_400 => format!("約 {} 時間前", secs / 3600),
            _ => format!("約 {} 日前", secs / 86_400),
        }
    }
}

/// A recovery copy found on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecoveryEntry {
    pub info: RecoveryInfo,
    pub draft_path: PathBuf,
    pub info_path: PathBuf,
}

/// The recovery key of a document: one per file path, one for the bundled draft.
pub fn key_for(path: Option<&Path>) -> String {
    match path {
        None => "bundled".into(),
        Some(p) => {
            let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
            let stamp = FileStamp::of_bytes(abs.to_string_lossy().as_bytes());
            format!("file-{:016x}", stamp.hash)
        }
    }
}

pub fn recovery_dir(settings: &Path) -> PathBuf {
    settings.join("recovery")
}

fn paths(settings: &Path, key: &str) -> (PathBuf, PathBuf) {
    let dir = recovery_dir(settings);
    (
        dir.join(format!("{key}.ron")),
        dir.join(format!("{key}.json")),
    )
}

/// Writes (replaces) the recovery copy of a document. Runs off the UI thread.
pub fn write(settings: &Path, info: &RecoveryInfo, draft: &Draft) -> Result<(), String> {
    let (draft_path, info_path) = paths(settings, &info.key);
    std::fs::create_dir_all(recovery_dir(settings)).map_err(|e| io::io_reason(&e))?;
    let text = io::to_ron_string(draft).map_err(|e| e.to_string())?;
    let opts = SaveOptions {
        backup: false,
        retries: 2,
        ..SaveOptions::default()
    };
    io::write_atomic(&draft_path, text.as_bytes(), &opts).map_err(|e| e.to_string())?;
    let json = serde_json::to_vec_pretty(info).map_err(|e| e.to_string())?;
    io::write_atomic(&info_path, &json, &opts).map_err(|e| e.to_string())?;
    Ok(())
}

/// Removes the recovery copy of a document (after a save or a clean exit).
pub fn remove(settings: &Path, key: &str) {
    let (draft_path, info_path) = paths(settings, key);
    let _ = std::fs::remove_file(info_path);
    let _ = std::fs::remove_file(draft_path);
}

/// Every recovery copy in the settings folder, newest first.
pub fn list(settings: &Path) -> Vec<RecoveryEntry> {
    let Ok(dir) = std::fs::read_dir(recovery_dir(settings)) else {
        return Vec::new();
    };
    let mut out: Vec<RecoveryEntry> = dir
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter_map(|info_path| {
            let bytes = std::fs::read(&info_path).ok()?;
            let info: RecoveryInfo = serde_json::from_slice(&bytes).ok()?;
            let draft_path = info_path.with_extension("ron");
            draft_path.is_file().then_some(RecoveryEntry {
                info,
                draft_path,
                info_path,
            })
        })
        .collect();
    out.sort_by_key(|e| std::cmp::Reverse(e.info.written_at));
    out
}

/// Reads a recovery copy's draft.
pub fn load(entry: &RecoveryEntry) -> Result<Draft, LoadError> {
    io::load_draft(&entry.draft_path).map(|l| l.draft)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::synthetic::sample_draft;

    #[test]
    fn write_list_load_remove() {
        let dir = tempfile::tempdir().unwrap();
        let key = key_for(Some(Path::new("/tmp/計画.ron")));
        assert!(key.starts_with("file-"));
        assert_eq!(key, key_for(Some(Path::new("/tmp/計画.ron"))));
        assert_ne!(key, key_for(None));
        let info = RecoveryInfo {
            key: key.clone(),
            original: Some("/tmp/計画.ron".into()),
            name: "計画.ron".into(),
            written_at: 100,
            stamp_len: Some(3),
            stamp_hash: Some(4),
            comments: vec![Unposted {
                row: crate::model::RowId::new("p1-pr2"),
                comment_box: crate::app::panels::comment_drafts::CommentBox::Reply("c1".into()),
                text: "了解です。\n次の素案で直します。".into(),
            }],
        };
        let draft = sample_draft();
        write(dir.path(), &info, &draft).unwrap();
        let found = list(dir.path());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].info, info);
        assert_eq!(load(&found[0]).unwrap(), draft);
        assert_eq!(found[0].info.stamp(), Some(FileStamp { len: 3, hash: 4 }));
        remove(dir.path(), &key);
        assert!(list(dir.path()).is_empty());
        assert!(list(&dir.path().join("none")).is_empty());
    }

    #[test]
    fn ages_read_naturally() {
        let info = RecoveryInfo {
            key: "k".into(),
            original: None,
            name: "n".into(),
            written_at: 1000,
            stamp_len: None,
            stamp_hash: None,
            comments: Vec::new(),
        };
        assert_eq!(info.age_label(1010), "1 分以内");
        assert_eq!(info.age_label(1000 + 5 * 60), "約 5 分前");
        assert_eq!(info.age_label(1000 + 7200), "約 2 時間前");
        assert_eq!(info.age_label(1000 + 3 * 86_400), "約 3 日前");
    }
}
