//! What the editor shows besides the draft itself: the open file, the selection, the tree's
//! expansion and filters, and which rows have their current side unlocked.

use std::collections::HashSet;
use std::path::PathBuf;

use crate::io::{FileStamp, LoadError};
use crate::model::{BlockKind, ChangeStatus, Draft, PolicySection, ReviewState, RowId};

/// What the centre panel edits.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Selection {
    /// The 分野 (the draft's metadata and a summary).
    Field,
    /// A 施策大項目: its name, 大項目名の変更 and a summary of its blocks.
    Policy(usize),
    /// One of the non-comparison blocks of a 施策大項目.
    Page { policy: usize, page: PolicyPage },
    /// A comparison block: its rows as a list, with add/move/delete.
    Block { policy: usize, block: BlockKind },
    /// One comparison row.
    Row(RowId),
    /// The 新旧対照表 preview of the whole draft (read-only).
    Report,
}

/// The blocks of a 施策大項目 that are not comparison rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PolicyPage {
    Survey,
    Voices,
    Sdgs,
    Indicators,
}

impl PolicyPage {
    pub const ALL: [PolicyPage; 4] = [
        PolicyPage::Survey,
        PolicyPage::Voices,
        PolicyPage::Sdgs,
        PolicyPage::Indicators,
    ];

    /// The header section the page shows.
    pub fn section(self) -> PolicySection {
        match self {
            PolicyPage::Survey => PolicySection::Survey,
            PolicyPage::Voices => PolicySection::Voices,
            PolicyPage::Sdgs => PolicySection::Sdgs,
            PolicyPage::Indicators => PolicySection::Indicators,
        }
    }

    pub fn label(self) -> &'static str {
        self.section().label()
    }
}

/// A node of the tree that can be expanded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExpandKey {
    Field,
    Policy(usize),
    Block(usize, BlockKind),
}

/// Where the open draft came from and how it was on disk.
#[derive(Clone, Debug, Default)]
pub struct FileInfo {
    /// `None` for the bundled draft and for restored work that was never saved.
    pub path: Option<PathBuf>,
    /// The file's stamp when it was read or last saved, to notice changes by someone else.
    pub stamp: Option<FileStamp>,
    /// For the title bar.
    pub name: String,
    /// Opened from the copy embedded in the program.
    pub bundled: bool,
}

impl FileInfo {
    /// No file (nothing open).
    pub const fn none() -> FileInfo {
        FileInfo {
            path: None,
            stamp: None,
            name: String::new(),
            bundled: false,
        }
    }

    pub fn bundled() -> FileInfo {
        FileInfo {
            path: None,
            stamp: None,
            name: crate::BUNDLED_DRAFT_NAME.to_string(),
            bundled: true,
        }
    }

    pub fn from_path(path: PathBuf, stamp: Option<FileStamp>) -> FileInfo {
        FileInfo {
            name: file_name(&path),
            path: Some(path),
            stamp,
            bundled: false,
        }
    }
}

/// Why a file could not be opened when no draft was open (the centre says so instead of the
/// editor).
#[derive(Clone, Debug)]
pub struct LoadFailure {
    pub path: PathBuf,
    pub error: LoadError,
}

/// The file name of a path, for titles and lists.
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The tree's filters. A row is shown when it passes all of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filters {
    /// Which statuses are shown, in [`ChangeStatus::ALL`] order.
    pub statuses: [bool; 4],
    /// Only rows of this department (and rows without departments in 施策大項目 that name it).
    pub department: Option<String>,
    /// Text that must occur in the row (either side, its label or its memo).
    pub search: String,
    /// Which review states are shown, in [`ReviewState::ALL`] order (閲覧モード).
    pub review: [bool; 3],
}

impl Default for Filters {
    fn default() -> Self {
        Filters {
            statuses: [true; 4],
            department: None,
            search: String::new(),
            review: [true; 3],
        }
    }
}

impl Filters {
    pub fn is_active(&self) -> bool {
        self.status_filter_active()
            || self.department.is_some()
            || !self.search.trim().is_empty()
            || self.review_filter_active()
    }

    pub fn review_filter_active(&self) -> bool {
        self.review.iter().any(|s| !s)
    }

    pub fn shows_review(&self, state: ReviewState) -> bool {
        let i = ReviewState::ALL
            .iter()
            .position(|x| *x == state)
            .unwrap_or(0);
        self.review[i]
    }

    pub fn status_filter_active(&self) -> bool {
        self.statuses.iter().any(|s| !s)
    }

    pub fn shows_status(&self, status: Option<ChangeStatus>) -> bool {
        match status {
            Some(s) => {
                let i = ChangeStatus::ALL.iter().position(|x| *x == s).unwrap_or(0);
                self.statuses[i]
            }
            // Rows without a status (現況と課題, 協働による取組) only show unfiltered.
            None => !self.status_filter_active(),
        }
    }
}

/// The editor's view state (not part of the document, not undone).
#[derive(Debug)]
pub struct ViewState {
    pub selection: Selection,
    pub expanded: HashSet<ExpandKey>,
    pub filters: Filters,
    /// Rows whose current side (the plan in force) the user unlocked for editing.
    pub unlocked: HashSet<RowId>,
    /// Bumped when the tree's expansion or filters change, for the tree cache.
    pub tree_generation: u64,
    /// Scroll the tree to the selected line on the next frame.
    pub scroll_tree_to_selection: bool,
    /// Put the keyboard focus into the search box on the next frame.
    pub focus_search: bool,
}

impl ViewState {
    /// The view of a freshly opened draft: the 分野 and the first 施策大項目 open.
    pub fn new(draft: &Draft) -> ViewState {
        let mut expanded = HashSet::new();
        expanded.insert(ExpandKey::Field);
        if !draft.policies.is_empty() {
            expanded.insert(ExpandKey::Policy(0));
        }
        ViewState {
            selection: if draft.policies.is_empty() {
                Selection::Field
            } else {
                Selection::Policy(0)
            },
            expanded,
            filters: Filters::default(),
            unlocked: HashSet::new(),
            tree_generation: 0,
            scroll_tree_to_selection: false,
            focus_search: false,
        }
    }

    pub fn touch_tree(&mut self) {
        self.tree_generation += 1;
    }

    /// Expands the tree down to the selection so that it is visible.
    pub fn reveal(&mut self, draft: &Draft, selection: &Selection) {
        let mut keys = vec![ExpandKey::Field];
        match selection {
            Selection::Field | Selection::Report => {}
            Selection::Policy(p) | Selection::Page { policy: p, .. } => {
                keys.push(ExpandKey::Policy(*p))
            }
            Selection::Block { policy, .. } => keys.push(ExpandKey::Policy(*policy)),
            Selection::Row(id) => {
                if let Some(path) = draft.find_row(id) {
                    keys.push(ExpandKey::Policy(path.policy));
                    if !path.block.is_single_row() {
                        keys.push(ExpandKey::Block(path.policy, path.block));
                    }
                }
            }
        }
        for k in keys {
            if self.expanded.insert(k) {
                self.touch_tree();
            }
        }
        self.scroll_tree_to_selection = true;
    }
}
