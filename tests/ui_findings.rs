//! The 検査結果 panel in the real app (egui_kittest): the bundled draft's findings with their
//! counts, a click that selects the row and the characters, a fix undone with Ctrl+Z, a
//! suppression with its reason that survives saving and loading, and a check that re-runs
//! after the user stops typing.

// The editor's tests: built with the "gui" feature only (`cargo test --no-default-features`
// runs the core's).
#![cfg(feature = "gui")]

mod ui_common;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
use shinkyu::app::StartWith;
use shinkyu::app::state::Selection;
use shinkyu::check::{self, Edit, Field, Finding, Target, TextAddr};
use shinkyu::edit::synthetic::sample_draft;
use shinkyu::model::{ChangeStatus, Draft, SideField, SideKind};
use ui_common::*;

type H = egui_kittest::Harness<'static, shinkyu::app::ShinkyuApp>;

fn bundled() -> Draft {
    shinkyu::io::parse_draft(shinkyu::BUNDLED_DRAFT).unwrap()
}

/// The bundled draft with the 検査結果 panel opened from the toolbar button (it shows the
/// counts).
fn bundled_app() -> H {
    let mut h = app_with(StartWith::Bundled, FakeDialogs::default(), None);
    open_panel(&mut h);
    h
}

fn open_panel(h: &mut H) {
    assert!(!h.state().findings_open(), "closed until opened");
    let (e, w, i) = h.state().checks().counts();
    h.get_by_label(&format!("検査結果 エラー {e}・警告 {w}・情報 {i}"))
        .click();
    h.run();
    assert!(h.state().findings_open());
}

use shinkyu::app::checking::finding_ident;
use shinkyu::app::panels::findings::line_label;

/// Narrows the panel to `f` with its filter box (the list lays out only visible lines) and
/// clicks it.
fn click_finding(h: &mut H, f: &Finding) {
    let filter = h.get_by_label("検査結果の絞り込み");
    filter.click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("検査結果の絞り込み")
        .type_text(&format!("{} {}", f.code, f.location.display));
    h.run();
    h.key_press(Key::Escape);
    h.run();
    h.get_by_role_and_label(Role::ListItem, &line_label(f))
        .click();
    h.run();
}

/// Steps until no check runs or waits; returns the number of steps.
fn wait_for_check(h: &mut H) {
    settle(h);
    let doc_rev = h.state().document().unwrap().revision();
    assert_eq!(h.state().checks().checked_revision(), Some(doc_rev));
}

#[test]
fn the_panel_shows_the_bundled_drafts_findings_with_counts() {
    let h = bundled_app();
    let expected = check::check_draft(&bundled());
    assert!(!expected.is_empty());
    assert_eq!(h.state().checks().findings(), expected.as_slice());
    let (e, w, i) = check::counts(&expected);
    assert_eq!(h.state().checks().counts(), (e, w, i));

    // The toolbar button and the panel's header say the counts in words.
    let words = format!("エラー {e}・警告 {w}・情報 {i}");
    h.get_by_label(&format!("検査結果 {words}"));
    for (s, n) in [("エラー", e), ("警告", w), ("情報", i)] {
        h.get_by_label(&format!(
            "{}{s} {n}",
            match s {
                "エラー" => "■",
                "警告" => "▲",
                _ => "●",
            }
        ));
    }
    // Grouped by 施策大項目: the first group is on screen with its own counts.
    let first_policy = expected
        .iter()
        .find_map(|f| f.location.policy_index())
        .unwrap();
    let d = bundled();
    let in_group: Vec<&Finding> = expected
        .iter()
        .filter(|f| f.location.policy_index() == Some(first_policy))
        .collect();
    let c = check::counts(&in_group.iter().map(|f| (*f).clone()).collect::<Vec<_>>());
    let title = d.policies[first_policy].label();
    h.get_by_role_and_label(
        Role::TreeItem,
        &format!("{title}　エラー {}・警告 {}・情報 {}", c.0, c.1, c.2),
    );
    // And its first finding.
    h.get_by_role_and_label(Role::ListItem, &line_label(in_group[0]));
}

/// The first finding on a row's text with a span, whose characters are on the side it names.
fn text_finding(findings: &[Finding], d: &Draft, want_fix: bool) -> Finding {
    findings
        .iter()
        .find(|f| {
            let Target::Row { id, .. } = &f.location.target else {
                return false;
            };
            let row = d.row(d.find_row(id).unwrap()).unwrap();
            matches!(f.location.field, Some(Field::Side(_)))
                && f.location.span.is_some_and(|s| s.end > s.start)
                && f.location.side.is_some_and(|s| row.side(s).is_some())
                && f.is_active()
                && (!want_fix
                    || f.fix.as_ref().is_some_and(|fix| {
                        fix.edits.iter().all(|e| {
                            matches!(
                                e,
                                Edit::ReplaceText {
                                    at: TextAddr::Row { .. },
                                    ..
                                }
                            )
                        })
                    }))
        })
        .expect("the draft has a finding on a row's text")
        .clone()
}

fn field_text(d: &Draft, f: &Finding) -> String {
    let id = f.location.row_id().unwrap();
    let Some(Field::Side(field)) = f.location.field else {
        panic!("not a text finding")
    };
    d.row(d.find_row(id).unwrap())
        .unwrap()
        .side(f.location.side.unwrap())
        .unwrap()
        .field(field)
        .unwrap()
        .to_string()
}

#[test]
fn clicking_a_finding_selects_the_row_and_the_span() {
    let mut h = bundled_app();
    let d = bundled();
    let findings = check::check_draft(&d);
    // One in a ● bullet when the draft has one (the bullet's own field is selected).
    let f = findings
        .iter()
        .find(|f| {
            matches!(f.location.field, Some(Field::Side(SideField::Bullet(_))))
                && f.location.span.is_some()
                && !f.location.borrowed
        })
        .cloned()
        .unwrap_or_else(|| text_finding(&findings, &d, false));
    click_finding(&mut h, &f);
    h.run();
    let id = f.location.row_id().unwrap().clone();
    assert_eq!(*h.state().selection(), Selection::Row(id.clone()));

    // The field has the keyboard and the finding's characters are selected.
    let focused = h
        .ctx
        .memory(|m| m.focused())
        .expect("a field has the focus");
    let state = egui::TextEdit::load_state(&h.ctx, focused).expect("a text field");
    let range = state.cursor.char_range().expect("a selection");
    let span = f.location.span.unwrap();
    let [a, b] = range.sorted_cursors();
    assert_eq!((a.index.0, b.index.0), (span.start, span.end));
    let text = field_text(&d, &f);
    let selected: String = text
        .chars()
        .skip(span.start)
        .take(span.end - span.start)
        .collect();
    assert!(
        f.excerpt.contains(&selected) || selected.contains(&f.excerpt),
        "selected 「{selected}」, finding about 「{}」",
        f.excerpt
    );
    // It is the field the finding names: its accessible name says the side.
    let node = h.get_by(|n| n.is_focused());
    let name = node.accesskit_node().label().unwrap_or_default();
    let side = f.location.side.unwrap().label();
    assert!(name.starts_with(side), "focused field {name:?}");

    // The detail on the right has the full message.
    h.get_by_label(&f.message);
}

#[test]
fn a_fix_is_applied_and_ctrl_z_undoes_it() {
    let mut h = bundled_app();
    let original = bundled();
    let findings = check::check_draft(&original);
    let f = text_finding(&findings, &original, true);
    let fix = f.fix.clone().unwrap();
    click_finding(&mut h, &f);

    h.get_by_label(&format!("修正：{}", fix.label)).click();
    h.run();
    wait_for_check(&mut h);
    // The field now reads as the fix's command makes it.
    let mut expected = original.clone();
    shinkyu::edit::apply_to_draft(&mut expected, &fix.command()).unwrap();
    assert_eq!(field_text(&draft(&h), &f), field_text(&expected, &f));
    assert!(h.state().document().unwrap().is_dirty());
    assert!(
        h.state()
            .document()
            .unwrap()
            .undo_label()
            .unwrap()
            .contains(&fix.label)
    );
    // The finding is gone after the re-check (the same words elsewhere in the field may
    // still be reported: they have other positions).
    let ident = finding_ident(&f);
    assert!(
        !h.state()
            .checks()
            .findings()
            .iter()
            .any(|g| finding_ident(g) == ident),
        "fixed finding still reported"
    );

    // Ctrl+Z (outside a text field) undoes the fix in one step.
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.ctx.text_edit_focused());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(draft(&h), original);
    assert!(!h.state().document().unwrap().is_dirty());
    wait_for_check(&mut h);
    assert!(
        h.state()
            .checks()
            .findings()
            .iter()
            .any(|g| finding_ident(g) == ident)
    );
}

#[test]
fn a_suppression_with_its_reason_is_stored_and_survives_save_and_load() {
    let dir = tempfile::tempdir().unwrap();
    let dialogs = FakeDialogs::default();
    let mut h = app_with(StartWith::Bundled, dialogs.clone(), None);
    open_panel(&mut h);
    let original = bundled();
    let findings = check::check_draft(&original);
    let f = text_finding(&findings, &original, false);
    let before = h.state().checks().counts();
    click_finding(&mut h, &f);

    h.get_by_label("無視する…").click();
    h.run();
    h.get_by_label("無視する理由").click();
    h.get_by_label("無視する理由")
        .type_text("原文のまま引用するため");
    h.run();
    h.get_by_label("無視した担当").click();
    h.get_by_label("無視した担当").type_text("企画課");
    h.run();
    h.get_by_role_and_label(Role::Button, "無視する").click();
    h.run();
    wait_for_check(&mut h);

    let d = draft(&h);
    assert_eq!(d.suppressions.len(), 1);
    let s = &d.suppressions[0];
    assert_eq!(s.key, f.key());
    assert_eq!(s.reason, "原文のまま引用するため");
    assert_eq!(s.author, "企画課");
    assert_eq!(s.date.len(), 10, "a YYYY-MM-DD date: {}", s.date);
    // Still listed, dimmed with its reason; no longer counted.
    let shown = h
        .state()
        .checks()
        .findings()
        .iter()
        .find(|g| g.key() == f.key())
        .unwrap()
        .clone();
    assert_eq!(shown.suppressed.as_ref().unwrap().reason, s.reason);
    let after = h.state().checks().counts();
    let n = |c: (usize, usize, usize)| c.0 + c.1 + c.2;
    // A suppression covers the same words reported again in the same field (its key has no
    // position, so that it survives edits around them).
    let same = findings
        .iter()
        .filter(|g| g.key() == f.key() && g.is_active())
        .count();
    assert_eq!(n(after) + same, n(before));
    h.get_by_label("無視をやめる");

    // Saved and loaded again, it is still there.
    let path = dir.path().join("無視あり.ron");
    dialogs.answer_save(Some(path.clone()));
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    settle(&mut h);
    let loaded = shinkyu::io::load_draft(&path).unwrap().draft;
    assert_eq!(loaded.suppressions, d.suppressions);
    let mut h2 = app_with(StartWith::File(path), FakeDialogs::default(), None);
    settle(&mut h2);
    open_panel(&mut h2);
    let g = h2
        .state()
        .checks()
        .findings()
        .iter()
        .find(|g| g.key() == f.key())
        .unwrap()
        .clone();
    assert_eq!(g.suppressed.unwrap().reason, "原文のまま引用するため");
    assert_eq!(h2.state().checks().counts(), after);

    // 無視をやめる removes it (one undo step; Ctrl+Z brings it back).
    click_finding(&mut h2, &f);
    h2.get_by_label("無視をやめる").click();
    h2.run();
    wait_for_check(&mut h2);
    assert!(draft(&h2).suppressions.is_empty());
    assert_eq!(h2.state().checks().counts(), before);
    h2.key_press(Key::Escape);
    h2.run();
    h2.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h2.run();
    assert_eq!(draft(&h2).suppressions, d.suppressions);
}

#[test]
fn typing_a_doubled_particle_makes_a_finding_appear_after_the_pause() {
    let mut h = app_with(
        StartWith::Draft {
            draft: Box::new(sample_draft()),
            name: "見本.ron".into(),
        },
        FakeDialogs::default(),
        None,
    );
    let d = draft(&h);
    assert!(
        !h.state()
            .checks()
            .findings()
            .iter()
            .any(|f| f.code == "JPN001"),
        "the sample has no doubled particle"
    );
    let (path, _, row) = d
        .rows()
        .find(|(p, _, r)| {
            p.block == shinkyu::model::BlockKind::Projects
                && r.status == Some(ChangeStatus::Modified)
        })
        .unwrap();
    let id = row.id.clone();
    h.get_by_role_and_label(Role::TreeItem, "主な事業一覧")
        .click();
    h.run();
    let label = shinkyu::app::tree::row_label(row, path.block);
    h.get_by_role_and_label(Role::TreeItem, &label).click();
    h.run();
    assert_eq!(*h.state().selection(), Selection::Row(id.clone()));

    let field = "改定案の事業概要";
    h.get_by_label(field).click();
    h.run();
    h.key_press(Key::End);
    h.get_by_label(field).type_text("積極的にを進めます。");
    h.step();
    let typed_rev = h.state().document().unwrap().revision();
    // While the user may still be typing, nothing is checked: each step is 0.25 s.
    h.step();
    assert!(!h.state().checks().running());
    assert_ne!(h.state().checks().checked_revision(), Some(typed_rev));
    assert!(
        h.state().checks().busy(),
        "a check is waiting for the pause"
    );
    // After the pause (0.7 s) the check runs on the worker and the finding appears.
    for _ in 0..4 {
        h.step();
    }
    wait_for_check(&mut h);
    let found: Vec<&Finding> = h
        .state()
        .checks()
        .findings()
        .iter()
        .filter(|f| f.code == "JPN001" && f.location.row_id() == Some(&id))
        .collect();
    assert_eq!(found.len(), 1, "{:?}", h.state().checks().findings());
    assert_eq!(found[0].location.side, Some(SideKind::Revised));
    assert_eq!(found[0].excerpt, "にを");
}

#[test]
fn a_finding_on_a_policy_header_opens_its_page_and_selects_the_text() {
    use shinkyu::app::state::PolicyPage;
    use shinkyu::check::PolicyField;
    let mut h = bundled_app();
    let d = bundled();
    let findings = check::check_draft(&d);
    let page_of = |pf: PolicyField| match pf {
        PolicyField::SdgName(_) => Some(PolicyPage::Sdgs),
        PolicyField::IndicatorName(_)
        | PolicyField::IndicatorChange(_)
        | PolicyField::IndicatorOpinion => Some(PolicyPage::Indicators),
        PolicyField::VoiceQuote(_) | PolicyField::VoiceContext(_) => Some(PolicyPage::Voices),
        PolicyField::SurveyItem => Some(PolicyPage::Survey),
        PolicyField::RenamedName => None,
    };
    // Every kind of header finding the draft has opens its page.
    let mut seen = std::collections::HashSet::new();
    for f in findings.iter().filter(|f| {
        matches!(f.location.target, Target::Policy { .. })
            && matches!(f.location.field, Some(Field::Policy(pf)) if page_of(pf).is_some())
    }) {
        let Some(Field::Policy(pf)) = f.location.field else {
            unreachable!()
        };
        let page = page_of(pf).unwrap();
        if !seen.insert(page) {
            continue;
        }
        click_finding(&mut h, f);
        let policy = f.location.policy_index().unwrap();
        assert_eq!(
            *h.state().selection(),
            Selection::Page { policy, page },
            "{}",
            f.location.display
        );
        // A text field (not a picked SDG) gets the focus with the characters selected.
        if !matches!(pf, PolicyField::SdgName(_))
            && let Some(span) = f.location.span
        {
            let focused = h
                .ctx
                .memory(|m| m.focused())
                .expect("a field has the focus");
            let state = egui::TextEdit::load_state(&h.ctx, focused).unwrap();
            let [a, b] = state.cursor.char_range().unwrap().sorted_cursors();
            assert_eq!((a.index.0, b.index.0), (span.start, span.end));
        }
    }
    assert!(
        !seen.is_empty(),
        "the draft has findings on 施策大項目 headers"
    );
}

#[test]
fn a_finding_on_the_current_side_selects_the_text_in_the_read_only_field() {
    let mut h = bundled_app();
    let d = bundled();
    let f = check::check_draft(&d)
        .into_iter()
        .find(|f| {
            f.location.side == Some(SideKind::Current)
                && matches!(f.location.field, Some(Field::Side(_)))
                && f.location.span.is_some_and(|s| s.end > s.start)
        })
        .expect("the checker reports something in the plan in force (情報)");
    click_finding(&mut h, &f);
    let focused = h
        .ctx
        .memory(|m| m.focused())
        .expect("the field has the focus");
    let node = h.get_by(|n| n.is_focused());
    let name = node.accesskit_node().label().unwrap_or_default();
    assert!(name.starts_with("現行"), "{name}");
    let state = egui::TextEdit::load_state(&h.ctx, focused).unwrap();
    let [a, b] = state.cursor.char_range().unwrap().sorted_cursors();
    let span = f.location.span.unwrap();
    assert_eq!((a.index.0, b.index.0), (span.start, span.end));
    // Read-only: the draft is unchanged.
    assert_eq!(draft(&h), d);
}
