//! How the window is laid out each frame: the menu bar and the toolbar, the status bar, the
//! 検査結果 panel, the tree on the left, the comparison on the right and the centre (the editor
//! of the selection, the 新旧対照表 preview, or — without a draft — what the window says
//! instead). The panels get what they draw and queue actions.

use crate::app::ShinkyuApp;
use crate::app::panels::menu::MenuInfo;
use crate::app::panels::{self, EditorCtx};
use crate::app::state::Selection;

use crate::edit::Document;

/// The narrowest the tree on the left gets (points).
const TREE_MIN: f32 = 200.0;

impl ShinkyuApp {
    /// Lays out the window: menus and toolbar, status bar, 検査結果, the tree, the comparison,
    /// the centre; then the dialog on screen.
    pub(super) fn panels_ui(&mut self, ui: &mut egui::Ui) {
        let review_mode = self.review_mode.is_on();
        let doc = self.draft.as_ref().map(|d| &d.doc);
        // 閲覧モード undoes comments and review states only.
        let info = MenuInfo {
            has_doc: doc.is_some(),
            undo: doc
                .filter(|d| !review_mode || d.undo_is_review_only())
                .and_then(Document::undo_label),
            redo: doc
                .filter(|d| !review_mode || d.redo_is_review_only())
                .and_then(Document::redo_label),
            recent: &self.prefs.recent,
            busy: self.jobs.busy(),
            findings: self
                .draft
                .as_ref()
                .and_then(|d| d.checks.has_result().then(|| d.checks.counts())),
            findings_open: self.prefs.findings_open,
            report_open: self
                .draft
                .as_ref()
                .is_some_and(|d| d.view.selection == Selection::Report),
            review_mode,
            comparing: self.draft.as_ref().is_some_and(|d| d.comparison.is_some()),
        };
        egui::Panel::top("menu").show(ui, |ui| {
            panels::menu::menu_bar(ui, &info, &mut self.actions);
            panels::menu::toolbar(ui, &info, &mut self.actions);
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let file = self.draft.as_ref().map(|d| {
                    panels::findings::status_counts(ui, &d.checks, Some(d.doc.revision()));
                    ui.separator();
                    (d.file_label(), d.is_dirty())
                });
                let file = file.as_ref().map(|(label, dirty)| (label.as_str(), *dirty));
                panels::menu::status_bar(ui, file, self.status.as_ref(), &self.renderer);
            });
        });
        let Some(d) = &mut self.draft else {
            egui::CentralPanel::default_margins().show(ui, |ui| {
                let loading = self.loading.as_deref();
                let failure = self.load_failure.as_ref();
                panels::no_draft::no_draft_ui(ui, loading, failure, &mut self.actions);
            });
            return;
        };
        let revision = d.doc.revision();
        if self.prefs.findings_open {
            // At most two fifths of a low window.
            let height = (ui.max_rect().height() * 0.4).clamp(120.0, 230.0);
            egui::Panel::bottom("findings")
                .resizable(true)
                .default_size(height)
                .size_range(120.0..=700.0)
                .show(ui, |ui| {
                    panels::findings::findings_panel(
                        ui,
                        &d.checks,
                        &mut self.findings_panel,
                        Some(revision),
                        review_mode,
                        &mut self.actions,
                    );
                });
        }
        // The tree takes a third of a small window, at most 420 points, until the user sets its
        // width (remembered in the preferences).
        let window = ui.max_rect().width();
        let widest = (window * 0.6).max(TREE_MIN);
        let width = self
            .prefs
            .tree_width
            .unwrap_or((window * 0.35).clamp(TREE_MIN, 420.0));
        let tree = egui::Panel::left("tree")
            .resizable(true)
            .default_size(width.clamp(TREE_MIN, widest))
            .size_range(TREE_MIN..=widest)
            .show(ui, |ui| {
                panels::tree::tree_panel(
                    ui,
                    d.doc.draft(),
                    &d.tree,
                    &mut d.view,
                    review_mode,
                    &mut self.actions,
                );
            });
        // Resized by the user (not by the window getting smaller): remember the width.
        let now = (window, tree.response.rect.width());
        let key = egui::Id::unique("shinkyu-tree-layout");
        let before: Option<(f32, f32)> = ui.data(|m| m.get_temp(key));
        if let Some((w, t)) = before
            && w == now.0
            && (t - now.1).abs() > 0.5
        {
            self.prefs.tree_width = Some(now.1.round());
        }
        ui.data_mut(|m| m.insert_temp(key, now));
        if let Some(c) = &d.comparison {
            egui::Panel::right("versions")
                .resizable(true)
                .default_size(440.0)
                .size_range(280.0..=800.0)
                .show(ui, |ui| {
                    let (draft, selection) = (d.doc.draft(), &d.view.selection);
                    panels::versions::versions_panel(ui, c, draft, selection, &mut self.actions);
                });
        }
        egui::CentralPanel::default_margins().show(ui, |ui| {
            if review_mode {
                panels::comments::review_banner(ui, &self.prefs.reviewer, &mut self.actions);
            }
            if d.view.selection == Selection::Report {
                panels::report_preview::report_preview_ui(
                    ui,
                    &mut d.report_preview,
                    d.doc.draft(),
                    revision,
                    &mut self.actions,
                );
                return;
            }
            let mut cx = EditorCtx {
                draft: d.doc.draft(),
                revision,
                view: &mut d.view,
                actions: &mut self.actions,
                epoch: self.epoch,
                preview: &mut d.preview,
                review_mode,
                comments: &mut d.comments,
                reviewer: &self.prefs.reviewer,
            };
            panels::editor_panel(ui, &mut cx);
        });
    }
}
