//! The modal dialogs, one at a time (after Ruffle's desktop GUI): the app holds one
//! [`Modals`], whose [`Modal`] on screen blocks the window behind it; shortcuts, dropped files
//! and 閲覧モード's start ask [`Modals::is_open`]. Each variant's state lives in its own file
//! and owns its `show(ctx, actions) -> keep_open`: what the user chose is queued as an
//! [`Action`] (the app carries it out with the rest at the end of the frame), and the dialog
//! closes when `show` returns false.
//!
//! Adding a dialog: one file here with its state and `show`, one variant of [`Modal`] and its
//! line in [`Modal::show`]. Open it with [`Modals::open`].
//!
//! A dialog asked for while another is on screen waits its turn (a message about a file read
//! in the background does not push away the recovery offer), except the question asked when
//! the window is closed, which comes first ([`Modals::open_first`]): the dialog it covers comes
//! back if the user cancels.

pub mod export;
pub mod merge;
pub mod message;
pub mod reviewer_name;
pub mod suppress;

use std::collections::VecDeque;

use super::ui_command::Action;
use export::ExportDialog;
use merge::MergeDialog;
pub use message::Dialog;
use reviewer_name::NameDialog;
use suppress::SuppressDialog;

/// Every modal dialog.
#[derive(Clone, Debug)]
pub enum Modal {
    /// Questions about the open document and messages (unsaved changes, recovery, errors …).
    Dialog(Dialog),
    /// ファイル › 出力….
    Export(ExportDialog),
    /// 無視する… on a checker finding.
    Suppress(SuppressDialog),
    /// The reviewer's name (閲覧モード).
    ReviewerName(NameDialog),
    /// Bringing a reviewer's copy back (boxed: it holds the merged draft).
    Merge(Box<MergeDialog>),
}

impl Modal {
    /// Shows the dialog; false once it is closed. What the user chose is queued in `actions`.
    pub fn show(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) -> bool {
        match self {
            Modal::Dialog(d) => d.show(ctx, actions),
            Modal::Export(d) => d.show(ctx, actions),
            Modal::Suppress(d) => d.show(ctx, actions),
            Modal::ReviewerName(d) => d.show(ctx, actions),
            Modal::Merge(d) => d.show(ctx, actions),
        }
    }

    /// Dialogs about the open draft's content, which go when another draft is opened.
    pub fn belongs_to_draft(&self) -> bool {
        matches!(self, Modal::Suppress(_) | Modal::Merge(_))
    }
}

/// The dialog on screen and the ones waiting for it to close.
#[derive(Debug, Default)]
pub struct Modals {
    current: Option<Modal>,
    waiting: VecDeque<Modal>,
}

impl Modals {
    /// True while a dialog is on screen.
    pub fn is_open(&self) -> bool {
        self.current.is_some()
    }

    /// The dialog on screen.
    pub fn current(&self) -> Option<&Modal> {
        self.current.as_ref()
    }

    /// Shows `modal` now, or after the dialogs already open or waiting.
    pub fn open(&mut self, modal: Modal) {
        if self.current.is_none() {
            self.current = Some(modal);
        } else {
            self.waiting.push_back(modal);
        }
    }

    /// Shows `modal` now; the dialog on screen waits behind it.
    pub fn open_first(&mut self, modal: Modal) {
        if let Some(old) = self.current.replace(modal) {
            self.waiting.push_front(old);
        }
    }

    /// The first dialog, on screen or waiting, for which `f` gives something.
    pub fn find_map_mut<'a, T>(
        &'a mut self,
        f: impl FnMut(&'a mut Modal) -> Option<&'a mut T>,
    ) -> Option<&'a mut T> {
        self.current
            .iter_mut()
            .chain(self.waiting.iter_mut())
            .find_map(f)
    }

    /// Drops the dialogs (on screen or waiting) for which `keep` is false.
    pub fn retain(&mut self, keep: impl Fn(&Modal) -> bool) {
        self.waiting.retain(&keep);
        if self.current.as_ref().is_some_and(|m| !keep(m)) {
            self.current = self.waiting.pop_front();
        }
    }

    /// Shows the dialog on screen; when it closes, the next one waiting comes up (on the next
    /// frame).
    pub fn show(&mut self, ctx: &egui::Context, actions: &mut Vec<Action>) {
        let Some(modal) = &mut self.current else {
            return;
        };
        if !modal.show(ctx, actions) {
            self.current = self.waiting.pop_front();
            ctx.request_repaint();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(title: &str) -> Modal {
        Modal::Dialog(Dialog::Message {
            title: title.into(),
            text: String::new(),
            detail: None,
        })
    }

    fn title(m: Option<&Modal>) -> Option<&str> {
        match m {
            Some(Modal::Dialog(Dialog::Message { title, .. })) => Some(title),
            _ => None,
        }
    }

    #[test]
    fn one_dialog_at_a_time_the_others_wait_their_turn() {
        let mut m = Modals::default();
        assert!(!m.is_open());
        m.open(message("復元"));
        m.open(message("お知らせ"));
        assert_eq!(
            title(m.current()),
            Some("復元"),
            "the first stays on screen"
        );
        // The question on closing comes first; the one it covers comes back after it.
        m.open_first(message("終了の確認"));
        assert_eq!(title(m.current()), Some("終了の確認"));
        m.current = m.waiting.pop_front();
        assert_eq!(title(m.current()), Some("復元"));
        m.current = m.waiting.pop_front();
        assert_eq!(title(m.current()), Some("お知らせ"));
        m.current = m.waiting.pop_front();
        assert!(!m.is_open());
    }

    #[test]
    fn dialogs_of_the_previous_draft_go() {
        let mut m = Modals::default();
        let d = crate::edit::synthetic::sample_draft();
        let outcome = crate::review::merge_review(&d, &d).expect("the same draft");
        let merge = MergeDialog::new("写し.ron".into(), &d, outcome, 0);
        m.open(Modal::Merge(Box::new(merge)));
        m.open(message("お知らせ"));
        m.retain(|d| !d.belongs_to_draft());
        assert_eq!(title(m.current()), Some("お知らせ"));
        assert!(m.waiting.is_empty());
    }
}
