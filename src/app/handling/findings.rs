//! What the 検査結果 panel asks for: show a finding's place, apply its fix, ignore it (the
//! 無視する… dialog, then a suppression stored in the draft) or stop ignoring it, check again.
//! Fixes and suppressions are commands, undoable like any edit; 閲覧モード refuses them.

use crate::app::ShinkyuApp;
use crate::app::checking::policy_selection;
use crate::app::checking::{FindingsAction, finding_ident};
use crate::app::dialogs::Modal;
use crate::app::dialogs::suppress::SuppressDialog;
use crate::app::focus;
use crate::app::review_mode::allowed_in_review_mode;
use crate::app::state::Selection;
use crate::check::{self, Field, Finding};
use crate::edit::Command;
use crate::model::SideKind;

impl ShinkyuApp {
    pub(in crate::app) fn handle_findings_action(
        &mut self,
        ctx: &egui::Context,
        action: FindingsAction,
    ) {
        let review_mode = self.review_mode.is_on();
        let Some(d) = &mut self.draft else { return };
        match action {
            FindingsAction::GoTo(f) => {
                d.checks.selected = Some(finding_ident(&f));
                self.go_to_finding(ctx, &f);
            }
            FindingsAction::ApplyFix(f) => {
                let Some(fix) = &f.fix else { return };
                if review_mode {
                    self.message(ctx, "閲覧モードでは本文を変更できません。", true);
                    return;
                }
                let now = ctx.input(|i| i.time);
                let doc = &mut d.doc;
                doc.seal();
                let result = doc.apply(fix.command(), now).map_err(|e| e.to_string());
                doc.seal();
                d.checks.soon();
                match result {
                    Ok(applied) => {
                        self.epoch += 1;
                        let notice = applied.outcome.notice.unwrap_or_default();
                        let text =
                            format!("修正しました：{}。{notice}（元に戻す: Ctrl+Z）", fix.label);
                        self.message(ctx, text, false);
                    }
                    Err(e) => self.message(ctx, format!("修正できませんでした。{e}"), true),
                }
            }
            FindingsAction::AskSuppress(_) if review_mode => {
                self.message(ctx, "閲覧モードでは検査結果の無視を変更できません。", true);
            }
            FindingsAction::AskSuppress(f) => {
                d.checks.selected = Some(finding_ident(&f));
                self.modals.open(Modal::Suppress(SuppressDialog {
                    finding: f,
                    reason: String::new(),
                    author: self.prefs.suppression_author.clone(),
                }));
            }
            FindingsAction::Suppress {
                finding,
                reason,
                author,
            } => {
                let reason = reason.trim().to_string();
                if reason.is_empty() {
                    self.message(ctx, "無視する理由を書いてください。", true);
                    return;
                }
                self.prefs.suppression_author = author.trim().to_string();
                let cmd = check::suppress_command(
                    &finding,
                    &reason,
                    &self.prefs.suppression_author,
                    &crate::clock::today_jst(),
                );
                let done = "この指摘を無視します（理由を下書きに保存しました）。";
                self.apply_checker_command(ctx, cmd, done);
            }
            FindingsAction::Unsuppress(f) => {
                let cmd = check::unsuppress_command(&f);
                self.apply_checker_command(ctx, cmd, "無視をやめました。");
            }
            // Check again even when nothing changed (e.g. after editing the dictionary).
            FindingsAction::Recheck => d.checks.recheck(d.doc.revision()),
        }
    }

    fn apply_checker_command(&mut self, ctx: &egui::Context, cmd: Command, done: &str) {
        if self.review_mode.is_on() && !allowed_in_review_mode(&cmd) {
            self.message(ctx, "閲覧モードでは検査結果の無視を変更できません。", true);
            return;
        }
        let Some(d) = &mut self.draft else { return };
        let now = ctx.input(|i| i.time);
        d.doc.seal();
        let result = d.doc.apply(cmd, now);
        d.doc.seal();
        d.checks.soon();
        match result {
            Ok(_) => self.message(ctx, done.to_string(), false),
            Err(e) => self.message(ctx, e.to_string(), true),
        }
    }

    /// Shows where a finding is: selects its row or page and the characters it is about.
    fn go_to_finding(&mut self, ctx: &egui::Context, f: &Finding) {
        let Some(d) = &mut self.draft else { return };
        let draft = d.doc.draft();
        let loc = &f.location;
        let (selection, field_id) = match &loc.target {
            check::Target::Draft => (None, None),
            check::Target::Row { id, .. } => {
                let Some(path) = draft.find_row(id) else {
                    let text = "この行は見つかりません（検査の後に取り除かれました）。";
                    self.message(ctx, text, true);
                    return;
                };
                let row = draft.row(path);
                let field_id = match (loc.field, loc.side) {
                    (Some(Field::Side(field)), Some(side)) => {
                        // Text of a 変更なし row without a 改定案 is on its 現行 side.
                        let side = if side == SideKind::Revised
                            && row.is_some_and(|r| r.revised.is_none())
                        {
                            SideKind::Current
                        } else {
                            side
                        };
                        Some(focus::row_field_id(id, side, field, self.epoch))
                    }
                    _ => None,
                };
                (Some(Selection::Row(id.clone())), field_id)
            }
            check::Target::Policy { id, policy } => {
                let pi = draft
                    .policies
                    .iter()
                    .position(|p| &p.id == id)
                    .unwrap_or(*policy);
                let field_id = match loc.field {
                    Some(Field::Policy(pf)) => focus::policy_field_id(pi, pf, self.epoch),
                    _ => None,
                };
                (Some(policy_selection(pi, f)), field_id)
            }
        };
        if let Some(sel) = selection {
            if sel != d.view.selection {
                self.select(sel, true);
            } else {
                d.view.scroll_tree_to_selection = true;
            }
        }
        if let Some(id) = field_id {
            focus::request(ctx, id, loc.span.map(|s| (s.start, s.end)));
        }
    }
}
