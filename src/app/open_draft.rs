//! One open draft and everything that belongs to it: the document with its undo history, the
//! file it came from, what the editor shows of it (selection, tree, caches, findings, the
//! 新旧対照表 preview), the words being written in its comment boxes, a comparison with a
//! previous version, its recovery copy and its save in progress. The app holds one
//! `Option<OpenDraft>`; opening another draft replaces the whole of it, so nothing of the
//! previous draft can leak into the next one.

use std::hash::{Hash, Hasher};

use super::checking::Checks;
use super::panels::comment_drafts::{CommentDrafts, Unposted};
use super::panels::preview::PreviewCache;
use super::panels::report_preview::ReportPreview;
use super::panels::versions::Comparison;
use super::recovery::{self, RecoveryInfo};
use super::state::{FileInfo, ViewState};
use super::tree::Tree;
use crate::edit::Document;

/// An open draft.
pub struct OpenDraft {
    pub doc: Document,
    pub file: FileInfo,
    /// The selection, the tree's expansion and filters, unlocked rows.
    pub view: ViewState,
    /// The tree on the left, rebuilt when the draft or the view changes.
    pub tree: Tree,
    /// The selected row's change, underlined.
    pub preview: PreviewCache,
    /// The 新旧対照表 preview of the whole draft.
    pub report_preview: ReportPreview,
    /// The checker's findings.
    pub checks: Checks,
    /// Words in the comment boxes, not yet recorded.
    pub comments: CommentDrafts,
    /// The comparison with a previous version, when one is shown.
    pub comparison: Option<Comparison>,
    pub recovery: RecoveryCopy,
    /// A save of this draft is running.
    pub saving: bool,
}

/// The draft's recovery copy in the settings folder (written every few seconds of unsaved
/// work, removed by a clean save or exit).
#[derive(Debug, Default)]
pub struct RecoveryCopy {
    /// What the copy written in this session holds: the draft's revision and the words in the
    /// comment boxes, hashed ([`OpenDraft::unsaved_state`]).
    pub written: Option<u64>,
    /// When the last copy was started (egui time, seconds).
    pub started_at: f64,
    /// A copy is being written.
    pub pending: bool,
    /// The user chose to discard the unsaved work: the copy goes on exit.
    pub discard_on_exit: bool,
}

impl OpenDraft {
    pub fn new(doc: Document, file: FileInfo, checks: Checks) -> OpenDraft {
        OpenDraft {
            view: ViewState::new(doc.draft()),
            doc,
            file,
            tree: Tree::default(),
            preview: PreviewCache::default(),
            report_preview: ReportPreview::default(),
            checks,
            comments: CommentDrafts::default(),
            comparison: None,
            recovery: RecoveryCopy::default(),
            saving: false,
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.doc.is_dirty()
    }

    /// Comment boxes whose words are not in the draft yet.
    pub fn unposted(&self) -> Vec<Unposted> {
        self.comments.unposted(self.doc.draft())
    }

    /// Something would be lost by closing: unsaved changes, a save still running, or words in
    /// the comment boxes.
    pub fn has_unsaved_work(&self) -> bool {
        self.is_dirty() || self.saving || !self.unposted().is_empty()
    }

    /// The key of the draft's recovery copy (one per file, one for the bundled draft).
    pub fn recovery_key(&self) -> String {
        recovery::key_for(self.file.path.as_deref())
    }

    /// What a recovery copy written now holds, hashed: the draft's revision and `comments`.
    pub fn unsaved_state(&self, comments: &[Unposted]) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.doc.revision().hash(&mut h);
        comments.hash(&mut h);
        h.finish()
    }

    /// Where the recovery copy written now comes from.
    pub fn recovery_info(&self, comments: Vec<Unposted>) -> RecoveryInfo {
        let stamp = self.file.stamp;
        RecoveryInfo {
            key: self.recovery_key(),
            original: self.file.path.clone(),
            name: self.file.name.clone(),
            written_at: crate::clock::now_unix(),
            stamp_len: stamp.map(|s| s.len),
            stamp_hash: stamp.map(|s| s.hash),
            comments,
        }
    }

    /// The file as the status bar names it.
    pub fn file_label(&self) -> String {
        match (&self.file.path, self.file.bundled) {
            (Some(p), _) => p.display().to_string(),
            (None, true) => format!(
                "{}（プログラムに同梱・保存すると別のファイルになります）",
                self.file.name
            ),
            (None, false) => format!("{}（未保存）", self.file.name),
        }
    }
}
