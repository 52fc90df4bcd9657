//! Keyboard shortcuts, the action queue and the app-level commands ([`UiCommand`]).

use egui::ViewportCommand;

use crate::app::ShinkyuApp;
use crate::app::checking::FindingsAction;
use crate::app::dialogs::Modal;
use crate::app::dialogs::message::Dialog;
use crate::app::jobs::AfterSave;
use crate::app::review_mode::allowed_in_review_mode;
use crate::app::state::{ExpandKey, Selection};
use crate::app::ui_command::{Action, UiCommand};
use crate::edit::Target;

impl ShinkyuApp {
    /// Keyboard shortcuts, matched before any widget sees the keys. A focused text field keeps
    /// Ctrl+Z / Ctrl+Y for its own undo; bare keys (Enter, Backspace, arrows) are never taken;
    /// while a dialog is on screen, none.
    pub(in crate::app) fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.modals.is_open() {
            return;
        }
        let text_focused = ctx.text_edit_focused();
        for cmd in UiCommand::SHORTCUT_ORDER {
            if text_focused && cmd.yields_to_text_field() {
                continue;
            }
            for sc in cmd.shortcuts() {
                if ctx.input_mut(|i| i.consume_shortcut(&sc)) {
                    self.actions.push(Action::Ui(cmd));
                    break;
                }
            }
        }
    }

    /// Carries out what the panels and dialogs asked for this frame.
    pub(in crate::app) fn drain_actions(&mut self, ctx: &egui::Context, frame: &eframe::Frame) {
        let actions = std::mem::take(&mut self.actions);
        if !actions.is_empty() {
            ctx.request_repaint();
        }
        for action in actions {
            match action {
                Action::Ui(cmd) => self.run_command(ctx, frame, cmd),
                Action::Edit(cmd) => self.edit(ctx, cmd),
                Action::Select(sel) => self.select(sel, false),
                Action::OpenPath(path) => self.leave_then(ctx, frame, AfterSave::Open(path)),
                Action::ToggleExpand(key) => {
                    if let Some(d) = &mut self.draft {
                        if !d.view.expanded.remove(&key) {
                            d.view.expanded.insert(key);
                        }
                        d.view.touch_tree();
                    }
                }
                Action::SealUndo => {
                    if let Some(d) = &mut self.draft {
                        d.doc.seal();
                    }
                }
                Action::SetTheme(pref) => {
                    self.prefs.theme = pref;
                    ctx.set_theme(pref);
                }
                Action::Findings(a) => self.handle_findings_action(ctx, a),
                Action::Review(a) => self.handle_review_action(ctx, a),
                Action::Dialog(choice) => self.handle_choice(ctx, frame, choice),
                Action::Export(a) => self.handle_export_action(ctx, frame, a),
                Action::SetCurrentUnlocked(id, on) => {
                    let Some(d) = &mut self.draft else { continue };
                    if !on {
                        d.view.unlocked.remove(&id);
                    } else if !self.review_mode.is_on() {
                        d.view.unlocked.insert(id);
                    }
                }
            }
        }
    }

    /// Applies a change to the document (refused in 閲覧モード unless it is a review edit).
    fn edit(&mut self, ctx: &egui::Context, cmd: crate::edit::Command) {
        if self.review_mode.is_on() && !allowed_in_review_mode(&cmd) {
            self.message(ctx, "閲覧モードでは本文を変更できません。", true);
            return;
        }
        let Some(d) = &mut self.draft else { return };
        match d.doc.apply(cmd, ctx.input(|i| i.time)) {
            Ok(applied) => {
                if let Some(n) = applied.outcome.notice {
                    self.message(ctx, n, false);
                }
                if let Some(id) = applied.outcome.created {
                    self.select(Selection::Row(id), true);
                }
            }
            Err(e) => self.message(ctx, e.to_string(), true),
        }
    }

    /// Selects what the centre shows; `reveal` expands the tree down to it.
    pub(in crate::app) fn select(&mut self, sel: Selection, reveal: bool) {
        let Some(d) = &mut self.draft else { return };
        d.doc.seal();
        if reveal {
            d.view.reveal(d.doc.draft(), &sel);
        }
        d.view.selection = sel;
    }

    /// After undo/redo: show where the change happened, unless the user is already there.
    fn go_to_target(&mut self, target: Target) {
        let Some(d) = &self.draft else { return };
        let draft = d.doc.draft();
        let current_policy = match &d.view.selection {
            Selection::Policy(p)
            | Selection::Page { policy: p, .. }
            | Selection::Block { policy: p, .. } => Some(*p),
            Selection::Row(id) => draft.find_row(id).map(|p| p.policy),
            Selection::Field | Selection::Report => None,
        };
        let sel = match target {
            Target::Meta => Some(Selection::Field),
            Target::Policy(p) => (current_policy != Some(p)).then_some(Selection::Policy(p)),
            Target::Block { policy, block } => Some(Selection::Block { policy, block }),
            Target::Row(id) => draft.find_row(&id).is_some().then_some(Selection::Row(id)),
        };
        if let Some(sel) = sel
            && sel != d.view.selection
        {
            self.select(sel, true);
        }
    }

    fn run_command(&mut self, ctx: &egui::Context, frame: &eframe::Frame, cmd: UiCommand) {
        let has_draft = self.draft.is_some();
        match cmd {
            UiCommand::Open => self.leave_then(ctx, frame, AfterSave::OpenDialog),
            UiCommand::OpenBundled => self.leave_then(ctx, frame, AfterSave::OpenBundled),
            UiCommand::Save if has_draft => self.save(ctx, frame, AfterSave::Nothing),
            UiCommand::SaveAs if self.draft.as_ref().is_some_and(|d| !d.saving) => {
                self.save_as(frame, AfterSave::Nothing)
            }
            UiCommand::Save | UiCommand::SaveAs => {}
            UiCommand::Quit => ctx.send_viewport_cmd(ViewportCommand::Close),
            UiCommand::Undo | UiCommand::Redo => self.undo_redo(ctx, cmd == UiCommand::Undo),
            UiCommand::Find => {
                if let Some(d) = &mut self.draft {
                    d.view.focus_search = true;
                }
            }
            UiCommand::ZoomIn => self.set_zoom(ctx, self.prefs.zoom + 0.1),
            UiCommand::ZoomOut => self.set_zoom(ctx, self.prefs.zoom - 0.1),
            UiCommand::ZoomReset => self.set_zoom(ctx, 1.0),
            UiCommand::ExpandAll => {
                if let Some(d) = &mut self.draft {
                    let view = &mut d.view;
                    view.expanded.insert(ExpandKey::Field);
                    for (pi, p) in d.doc.draft().policies.iter().enumerate() {
                        view.expanded.insert(ExpandKey::Policy(pi));
                        for k in crate::model::BlockKind::ALL {
                            if !k.is_single_row() && !p.block(k).is_empty() {
                                view.expanded.insert(ExpandKey::Block(pi, k));
                            }
                        }
                    }
                    view.touch_tree();
                }
            }
            UiCommand::CollapseAll => {
                if let Some(d) = &mut self.draft {
                    d.view.expanded.clear();
                    d.view.expanded.insert(ExpandKey::Field);
                    d.view.touch_tree();
                }
            }
            UiCommand::ClearFilters => {
                if let Some(d) = &mut self.draft {
                    crate::app::panels::tree::clear_filters(&mut d.view);
                }
            }
            UiCommand::About => self.modals.open(Modal::Dialog(Dialog::About {
                renderer: self.renderer.clone(),
            })),
            UiCommand::Export => self.open_export_dialog(),
            UiCommand::ToggleFindings => self.prefs.findings_open = !self.prefs.findings_open,
            UiCommand::ShowReport => self.toggle_report(),
            UiCommand::Recheck => self.handle_findings_action(ctx, FindingsAction::Recheck),
            UiCommand::ToggleReviewMode
            | UiCommand::NextNeedsFix
            | UiCommand::NextUncommented
            | UiCommand::ReviewerName
            | UiCommand::CompareVersions
            | UiCommand::ImportReview => self.run_review_command(ctx, frame, cmd),
        }
    }

    /// 元に戻す / やり直し; in 閲覧モード only comments and review states.
    fn undo_redo(&mut self, ctx: &egui::Context, undo: bool) {
        let review_mode = self.review_mode.is_on();
        let Some(d) = &mut self.draft else { return };
        let doc = &mut d.doc;
        let (can, review_only) = if undo {
            (doc.can_undo(), doc.undo_is_review_only())
        } else {
            (doc.can_redo(), doc.redo_is_review_only())
        };
        if review_mode && can && !review_only {
            let text = "閲覧モードでは、コメントと確認状態の変更だけを元に戻せます。";
            self.message(ctx, text, false);
            return;
        }
        let label = if undo {
            doc.undo_label()
        } else {
            doc.redo_label()
        }
        .map(str::to_string);
        let target = if undo { doc.undo() } else { doc.redo() };
        match (target, label) {
            (Some(t), Some(l)) => {
                self.epoch += 1;
                self.go_to_target(t);
                let verb = if undo {
                    "元に戻しました"
                } else {
                    "やり直しました"
                };
                self.message(ctx, format!("{verb}：{l}"), false);
            }
            _ => {
                let what = if undo { "元に戻す" } else { "やり直す" };
                self.message(ctx, format!("{what}変更がありません。"), false);
            }
        }
    }

    /// The 新旧対照表 preview, or back to where the user was.
    fn toggle_report(&mut self) {
        let Some(d) = &mut self.draft else { return };
        if d.view.selection == Selection::Report {
            let back = d
                .report_preview
                .return_to
                .take()
                .unwrap_or(Selection::Field);
            self.select(back, true);
        } else {
            let from = d.view.selection.clone();
            if let Selection::Row(id) = &from {
                d.report_preview.scroll_to = Some(id.clone());
            }
            d.report_preview.return_to = Some(from);
            self.select(Selection::Report, false);
        }
    }

    fn set_zoom(&mut self, ctx: &egui::Context, zoom: f32) {
        self.prefs.zoom = ((zoom * 10.0).round() / 10.0).clamp(0.5, 3.0);
        ctx.set_zoom_factor(self.prefs.zoom);
        let percent = (self.prefs.zoom * 100.0).round();
        self.message(ctx, format!("表示倍率 {percent} %"), false);
    }
}
