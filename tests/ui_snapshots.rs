//! Image snapshots of the main window and an editing panel, rendered with wgpu (on Mesa's
//! software Vulkan, lavapipe, where there is no GPU). The sample draft is used, not the bundled
//! one, so the images change only when the UI does. Update with `UPDATE_SNAPSHOTS=1`.

// The editor's tests: built with the "gui" feature only (`cargo test --no-default-features`
// runs the core's).
#![cfg(feature = "gui")]

mod ui_common;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, SnapshotOptions};
use shinkyu::app::{AppOptions, ShinkyuApp, StartWith};
use shinkyu::edit::synthetic::sample_draft;
use ui_common::{FakeDialogs, FakeLauncher, settle};

/// The app with its first check done (the counts are on screen).
fn app() -> Harness<'static, ShinkyuApp> {
    let mut h = build();
    // How many steps the first check takes varies: a blinking text cursor would make the
    // images depend on it.
    h.ctx
        .all_styles_mut(|s| s.visuals.text_cursor.blink = false);
    settle(&mut h);
    h
}

fn build() -> Harness<'static, ShinkyuApp> {
    Harness::builder()
        .with_size([1280.0, 800.0])
        .with_pixels_per_point(1.0)
        .with_theme(egui::Theme::Light)
        .with_max_steps(64)
        .with_render_cursor(false)
        // Small differences between Mesa versions must not fail CI; layout changes still do.
        .with_options(SnapshotOptions::new().threshold(1.5).max_failed_pixels(400))
        .wgpu()
        .build_eframe(|cc| {
            ShinkyuApp::new(
                cc,
                AppOptions {
                    start: StartWith::Draft {
                        draft: Box::new(sample_draft()),
                        name: "見本.ron".into(),
                    },
                    dialogs: Box::new(FakeDialogs::default()),
                    settings_dir: None,
                    offer_recovery: false,
                    renderer: "wgpu".into(),
                    launcher: Box::new(FakeLauncher::default()),
                },
            )
        })
}

#[test]
fn main_window() {
    let mut h = app();
    h.run();
    h.get_by_role_and_label(Role::TreeItem, "主な事業一覧")
        .click();
    h.run();
    h.remove_cursor();
    h.run();
    h.snapshot("main_window");
}

#[test]
fn row_editor() {
    let mut h = app();
    h.run();
    h.get_by_role_and_label(Role::TreeItem, "施策中項目")
        .click();
    h.run();
    h.get_by_role_and_label(Role::TreeItem, "2 広聴活動の推進")
        .click();
    h.run();
    h.remove_cursor();
    h.run();
    h.snapshot("row_editor");
}

#[test]
fn report_preview() {
    let mut h = app();
    h.get_by_label("新旧対照表").click();
    h.run();
    settle(&mut h);
    h.remove_cursor();
    h.run();
    h.snapshot("report_preview");
}

#[test]
fn findings_panel() {
    let mut h = app();
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::K,
    );
    h.run();
    // The first finding in the list: its row opens with the characters selected.
    h.get_all_by_role(Role::ListItem).next().unwrap().click();
    h.run();
    settle(&mut h);
    h.remove_cursor();
    h.run();
    h.snapshot("findings_panel");
}
