//! Shared helpers for the kittest UI tests: the real app with injected file dialogs and a
//! temporary settings folder.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use shinkyu::app::platform::{FileDialogs, Launcher};
use shinkyu::app::{AppOptions, ShinkyuApp, StartWith};

/// eframe's settings storage in memory: what the app remembers between runs.
pub use shinkyu::app::prefs::MemoryStorage as MemStorage;

/// File dialogs that answer with queued paths and record what was asked.
#[derive(Clone, Default)]
pub struct FakeDialogs {
    pub open_answers: Arc<Mutex<VecDeque<Option<PathBuf>>>>,
    pub save_answers: Arc<Mutex<VecDeque<Option<PathBuf>>>>,
    /// Every dialog shown: ("open" | "save", suggested file name).
    pub asked: Arc<Mutex<Vec<(String, String)>>>,
}

impl FakeDialogs {
    pub fn answer_open(&self, p: Option<PathBuf>) {
        self.open_answers.lock().unwrap().push_back(p);
    }
    pub fn answer_save(&self, p: Option<PathBuf>) {
        self.save_answers.lock().unwrap().push_back(p);
    }
    pub fn asked(&self) -> Vec<(String, String)> {
        self.asked.lock().unwrap().clone()
    }
}

impl FileDialogs for FakeDialogs {
    fn pick_open(&mut self, _parent: &eframe::Frame, _start: Option<&Path>) -> Option<PathBuf> {
        self.asked
            .lock()
            .unwrap()
            .push(("open".into(), String::new()));
        self.open_answers.lock().unwrap().pop_front().flatten()
    }
    fn pick_save(
        &mut self,
        _parent: &eframe::Frame,
        _start: Option<&Path>,
        file_name: &str,
    ) -> Option<PathBuf> {
        self.asked
            .lock()
            .unwrap()
            .push(("save".into(), file_name.into()));
        self.save_answers.lock().unwrap().pop_front().flatten()
    }
}

/// A launcher that opens nothing and records what it was asked to open:
/// ("file" | "folder", path).
#[derive(Clone, Default)]
pub struct FakeLauncher {
    pub opened: Arc<Mutex<Vec<(String, PathBuf)>>>,
}

impl FakeLauncher {
    pub fn opened(&self) -> Vec<(String, PathBuf)> {
        self.opened.lock().unwrap().clone()
    }
}

impl Launcher for FakeLauncher {
    fn open_file(&mut self, path: &Path) -> Result<(), String> {
        self.opened
            .lock()
            .unwrap()
            .push(("file".into(), path.to_path_buf()));
        Ok(())
    }
    fn show_in_folder(&mut self, path: &Path) -> Result<(), String> {
        self.opened
            .lock()
            .unwrap()
            .push(("folder".into(), path.to_path_buf()));
        Ok(())
    }
}

pub const WIDTH: f32 = 1280.0;
pub const HEIGHT: f32 = 860.0;

/// The real app in a kittest harness.
pub fn app_with(
    start: StartWith,
    dialogs: FakeDialogs,
    settings_dir: Option<PathBuf>,
) -> Harness<'static, ShinkyuApp> {
    app_with_launcher(start, dialogs, settings_dir, FakeLauncher::default())
}

/// [`app_with`], recording what the app opens with the system's programs.
pub fn app_with_launcher(
    start: StartWith,
    dialogs: FakeDialogs,
    settings_dir: Option<PathBuf>,
    launcher: FakeLauncher,
) -> Harness<'static, ShinkyuApp> {
    let mut h = Harness::builder()
        .with_size([WIDTH, HEIGHT])
        .with_pixels_per_point(1.0)
        .with_max_steps(64)
        .build_eframe(move |cc| {
            ShinkyuApp::new(
                cc,
                AppOptions {
                    start,
                    dialogs: Box::new(dialogs),
                    settings_dir,
                    offer_recovery: true,
                    renderer: "テスト".into(),
                    launcher: Box::new(launcher),
                },
            )
        });
    settle(&mut h);
    h
}

/// The real app in a window of `size`, its eframe storage holding `storage` (the remembered
/// preferences); with `wgpu`, it can be rendered to an image.
pub fn app_sized(
    size: (f32, f32),
    start: StartWith,
    storage: Option<&'static MemStorage>,
    wgpu: bool,
) -> Harness<'static, ShinkyuApp> {
    let mut builder = Harness::builder()
        .with_size([size.0, size.1])
        .with_pixels_per_point(1.0)
        .with_theme(egui::Theme::Light)
        .with_max_steps(64);
    if wgpu {
        builder = builder.wgpu();
    }
    let mut h = builder.build_eframe(move |cc| {
        if let Some(s) = storage {
            cc.storage = Some(s);
        }
        ShinkyuApp::new(
            cc,
            AppOptions {
                start,
                dialogs: Box::new(FakeDialogs::default()),
                settings_dir: None,
                offer_recovery: false,
                renderer: "テスト".into(),
                launcher: Box::new(FakeLauncher::default()),
            },
        )
    });
    h.ctx
        .all_styles_mut(|s| s.visuals.text_cursor.blink = false);
    settle(&mut h);
    h
}

/// Steps until background file work is done and the UI is idle.
pub fn settle(h: &mut Harness<'static, ShinkyuApp>) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        h.step();
        if !h.state().busy() {
            break;
        }
        assert!(Instant::now() < deadline, "background work did not finish");
        std::thread::sleep(Duration::from_millis(5));
    }
    h.run_steps(3);
}

/// The draft in the document.
/// The user closes the window (the title bar's ×); one frame runs.
pub fn request_close(h: &mut Harness<'static, ShinkyuApp>) {
    h.input_mut()
        .viewports
        .get_mut(&egui::ViewportId::ROOT)
        .unwrap()
        .events
        .push(egui::ViewportEvent::Close);
    h.step();
}

/// Whether the last frame sent a viewport command matching `pred`.
pub fn sent(
    h: &Harness<'static, ShinkyuApp>,
    pred: impl Fn(&egui::ViewportCommand) -> bool,
) -> bool {
    h.output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .is_some_and(|v| v.commands.iter().any(pred))
}

/// Scrolls with the mouse wheel at `at` for `frames` frames (`dy` points each); returns the
/// mean and the worst frame time in ms. Reported by the scale tests, never asserted: times
/// belong to the benchmarks.
pub fn scroll_frames(
    h: &mut Harness<'static, ShinkyuApp>,
    at: egui::Pos2,
    dy: f32,
    frames: usize,
) -> (f64, f64) {
    let (mut worst, mut total) = (0.0f64, 0.0f64);
    for _ in 0..frames {
        h.event(egui::Event::PointerMoved(at));
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -dy),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        let t = Instant::now();
        h.step();
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        worst = worst.max(ms);
        total += ms;
    }
    (total / frames.max(1) as f64, worst)
}

pub fn draft(h: &Harness<'static, ShinkyuApp>) -> shinkyu::model::Draft {
    h.state().document().expect("a document").draft().clone()
}
