//! The native start-up: the window (title, size, icon, the settings file eframe keeps the
//! preferences in) and the renderer — wgpu first and glow (OpenGL) when wgpu cannot start
//! (weak or missing drivers, Wine), unless one is asked for with `--renderer` or
//! `SHINKYU_RENDERER`. The renderer in use is printed to stderr and shown in the window.

use std::path::PathBuf;
use std::time::Instant;

use super::platform::{self, RendererChoice};
use super::state::file_name;
use super::{APP_ID, AppOptions, ShinkyuApp, StartWith};

/// Starts the desktop editor; returns the process exit code. Tries the renderers in order
/// (wgpu, then glow, unless one is asked for) and reports which one ran.
/// `review` starts in 閲覧モード (`--review`).
pub fn run(file: Option<PathBuf>, renderer: Option<RendererChoice>, review: bool) -> i32 {
    let started = Instant::now();
    let (order, warning) = platform::renderer_order(renderer);
    if let Some(w) = warning {
        eprintln!("shinkyu: {w}");
    }
    let settings = platform::settings_dir();
    let mut last_error = String::new();
    for (i, choice) in order.iter().copied().enumerate() {
        let created = std::rc::Rc::new(std::cell::Cell::new(false));
        let created_in = created.clone();
        let start = match &file {
            Some(p) => StartWith::File(p.clone()),
            None => StartWith::Bundled,
        };
        let options = eframe::NativeOptions {
            viewport: egui::ViewportBuilder::default()
                .with_app_id(APP_ID)
                .with_title(match &file {
                    Some(p) => format!("{} — shinkyu 新旧", file_name(p)),
                    None => "shinkyu 新旧".to_string(),
                })
                .with_inner_size([1360.0, 860.0])
                .with_min_inner_size([720.0, 480.0])
                .with_drag_and_drop(true)
                .with_icon(
                    eframe::icon_data::from_png_bytes(include_bytes!(
                        "../../assets/shinkyu-128.png"
                    ))
                    .unwrap_or_default(),
                ),
            renderer: choice.to_eframe(),
            // A file: eframe keeps the recent files, zoom and theme in it.
            persistence_path: settings.as_ref().map(|d| d.join("settings.ron")),
            ..Default::default()
        };
        let result = eframe::run_native(
            APP_ID,
            options,
            Box::new(move |cc| {
                created_in.set(true);
                let mut opts = AppOptions::desktop(start);
                opts.renderer = choice.name().to_string();
                eprintln!("shinkyu: 描画方式 {}", choice.name());
                let mut app = ShinkyuApp::new(cc, opts);
                app.started = started;
                if review {
                    app.request_review_mode();
                }
                Ok(Box::new(app))
            }),
        );
        match result {
            Ok(()) => return 0,
            Err(e) => {
                last_error = e.to_string();
                if created.get() {
                    eprintln!(
                        "shinkyu: 画面の処理中にエラーが起きました（{}）: {e}",
                        choice.name()
                    );
                    return 1;
                }
                if let Some(next) = order.get(i + 1) {
                    eprintln!(
                        "shinkyu: {} で画面を開けませんでした（{e}）。{} で再試行します。",
                        choice.name(),
                        next.name()
                    );
                }
            }
        }
    }
    eprintln!(
        "shinkyu: 画面を開けませんでした（{last_error}）。`--renderer glow` または `--renderer wgpu` を試してください。"
    );
    1
}
