//! The editor's panels, one file each. Panels read the draft and the view state they are given
//! and queue [`Action`]s; they never change the draft themselves, and they know nothing of the
//! app that draws them (everything they need comes in [`EditorCtx`] or their arguments).

pub mod block;
pub mod comment_drafts;
pub mod comments;
pub mod field;
pub mod findings;
pub mod menu;
pub mod no_draft;
pub mod policy;
pub mod preview;
pub mod report_preview;
pub mod review_pages;
pub mod row;
pub mod tree;
pub mod versions;
pub mod widgets;

use egui::Ui;

use super::state::{Selection, ViewState};
use super::ui_command::Action;
use crate::model::Draft;

/// What the centre panel's editors get.
pub struct EditorCtx<'a> {
    pub draft: &'a Draft,
    /// The document revision, for caches.
    pub revision: u64,
    pub view: &'a mut ViewState,
    pub actions: &'a mut Vec<Action>,
    /// Salt for text field ids: bumped on undo/redo and when a file is opened, so that text
    /// fields drop their own (now stale) undo history.
    pub epoch: u64,
    pub preview: &'a mut preview::PreviewCache,
    /// 閲覧モード: the text is read-only; comments and review states are recorded.
    pub review_mode: bool,
    /// Words being written in the comment boxes.
    pub comments: &'a mut comment_drafts::CommentDrafts,
    /// The reviewer's name (閲覧モード): their own comments can be edited and deleted.
    pub reviewer: &'a str,
}

/// The editor of the selection, in a scroll area.
pub fn editor_panel(ui: &mut Ui, cx: &mut EditorCtx<'_>) {
    let selection = cx.view.selection.clone();
    egui::ScrollArea::vertical()
        .id_salt(("editor", selection_salt(&selection)))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.set_max_width(ui.available_width().min(1400.0));
            match &selection {
                // 閲覧モード: read-only pages instead of the editors of the draft's text.
                _ if cx.review_mode && review_pages::review_page_ui(ui, cx, &selection) => {}
                Selection::Field => field::field_ui(ui, cx),
                Selection::Policy(p) => policy::policy_ui(ui, cx, *p),
                Selection::Page { policy, page } => policy::page_ui(ui, cx, *policy, *page),
                Selection::Block { policy, block } => block::block_ui(ui, cx, *policy, *block),
                Selection::Row(id) => row::row_ui(ui, cx, id),
                // Drawn by the app itself (report_preview), outside this scroll area.
                Selection::Report => {}
            }
            ui.add_space(24.0);
        });
}

/// Each selection keeps its own scroll position.
fn selection_salt(s: &Selection) -> String {
    format!("{s:?}")
}
