//! Seams to the operating system: file dialogs, the settings folder, the renderer choice.
//! Tests replace the dialogs (kittest has no window to parent a native dialog to) and point
//! the settings folder at a temporary directory.

use std::path::{Path, PathBuf};

pub use crate::io::CONFIG_DIR_ENV;

/// Environment variable that picks the renderer (`wgpu` or `glow`) when `--renderer` is not
/// given.
pub const RENDERER_ENV: &str = "SHINKYU_RENDERER";

/// Native open/save dialogs. The real one is [`RfdDialogs`]; tests inject paths.
pub trait FileDialogs {
    /// Asks for a draft to open. `None` when the user cancels.
    fn pick_open(&mut self, parent: &eframe::Frame, start_dir: Option<&Path>) -> Option<PathBuf>;
    /// Asks where to save, suggesting `file_name`. `None` when the user cancels.
    fn pick_save(
        &mut self,
        parent: &eframe::Frame,
        start_dir: Option<&Path>,
        file_name: &str,
    ) -> Option<PathBuf>;
    /// Asks where to write an export (新旧対照表) of `format_name` files ending in `.extension`,
    /// suggesting `file_name`. The default asks through [`FileDialogs::pick_save`].
    fn pick_export(
        &mut self,
        parent: &eframe::Frame,
        start_dir: Option<&Path>,
        file_name: &str,
        _format_name: &str,
        _extension: &str,
    ) -> Option<PathBuf> {
        self.pick_save(parent, start_dir, file_name)
    }
    /// Asks for a draft to open, with the dialog's title (e.g. 「比較する前の版を開く」).
    fn pick_open_titled(
        &mut self,
        parent: &eframe::Frame,
        start_dir: Option<&Path>,
        _title: &str,
    ) -> Option<PathBuf> {
        self.pick_open(parent, start_dir)
    }
}

/// Opens files and folders with the system's default program. The real one is
/// [`SystemLauncher`]; tests record what would have been opened instead.
pub trait Launcher {
    /// Opens `path` with its default program (an exported .html in the browser, .xlsx in Excel).
    fn open_file(&mut self, path: &Path) -> Result<(), String>;
    /// Shows the folder holding `path`, with the file selected where the system can.
    fn show_in_folder(&mut self, path: &Path) -> Result<(), String>;
}

/// [`Launcher`] through the operating system: ShellExecute on Windows (the `open` crate), the
/// Explorer with `/select` for folders; `xdg-open` / `open` elsewhere.
#[derive(Default)]
pub struct SystemLauncher;

impl Launcher for SystemLauncher {
    fn open_file(&mut self, path: &Path) -> Result<(), String> {
        open::that_detached(path).map_err(|e| crate::io::io_reason(&e))
    }

    fn show_in_folder(&mut self, path: &Path) -> Result<(), String> {
        #[cfg(windows)]
        {
            use std::os::windows::process::CommandExt;
            // Explorer parses its own command line: /select,"C:\…\file" (quoted as a whole it
            // opens the Documents folder instead).
            let spawned = std::process::Command::new("explorer")
                .raw_arg(format!("/select,\"{}\"", path.display()))
                .spawn();
            if spawned.is_ok() {
                return Ok(());
            }
        }
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        open::that_detached(folder).map_err(|e| crate::io::io_reason(&e))
    }
}

/// The operating system's dialogs (rfd), modal to the editor window.
#[derive(Default)]
pub struct RfdDialogs;

impl RfdDialogs {
    fn dialog(parent: &eframe::Frame, start_dir: Option<&Path>) -> rfd::FileDialog {
        let mut d = rfd::FileDialog::new()
            .add_filter("shinkyu 下書き (*.ron)", &["ron"])
            .add_filter("すべてのファイル", &["*"])
            .set_parent(parent);
        if let Some(dir) = start_dir.filter(|d| d.is_dir()) {
            d = d.set_directory(dir);
        }
        d
    }
}

impl FileDialogs for RfdDialogs {
    fn pick_export(
        &mut self,
        parent: &eframe::Frame,
        start_dir: Option<&Path>,
        file_name: &str,
        format_name: &str,
        extension: &str,
    ) -> Option<PathBuf> {
        let mut d = rfd::FileDialog::new()
            .add_filter(format!("{format_name} (*.{extension})"), &[extension])
            .add_filter("すべてのファイル", &["*"])
            .set_title("新旧対照表の出力先")
            .set_file_name(file_name)
            .set_parent(parent);
        if let Some(dir) = start_dir.filter(|d| d.is_dir()) {
            d = d.set_directory(dir);
        }
        let path = d.save_file()?;
        Some(if path.extension().is_none() {
            path.with_extension(extension)
        } else {
            path
        })
    }

    fn pick_open(&mut self, parent: &eframe::Frame, start_dir: Option<&Path>) -> Option<PathBuf> {
        Self::dialog(parent, start_dir)
            .set_title("下書きを開く")
            .pick_file()
    }

    fn pick_open_titled(
        &mut self,
        parent: &eframe::Frame,
        start_dir: Option<&Path>,
        title: &str,
    ) -> Option<PathBuf> {
        Self::dialog(parent, start_dir).set_title(title).pick_file()
    }

    fn pick_save(
        &mut self,
        parent: &eframe::Frame,
        start_dir: Option<&Path>,
        file_name: &str,
    ) -> Option<PathBuf> {
        let path = Self::dialog(parent, start_dir)
            .set_title("名前を付けて保存")
            .set_file_name(file_name)
            .save_file()?;
        // Dialogs on some systems drop the extension the user did not type.
        Some(if path.extension().is_none() {
            path.with_extension("ron")
        } else {
            path
        })
    }
}

pub use crate::io::settings_dir;

/// A renderer eframe can draw with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RendererChoice {
    Wgpu,
    Glow,
}

impl RendererChoice {
    pub fn name(self) -> &'static str {
        match self {
            RendererChoice::Wgpu => "wgpu",
            RendererChoice::Glow => "glow",
        }
    }

    pub fn parse(s: &str) -> Option<RendererChoice> {
        match s.trim().to_ascii_lowercase().as_str() {
            "wgpu" => Some(RendererChoice::Wgpu),
            "glow" | "opengl" | "gl" => Some(RendererChoice::Glow),
            _ => None,
        }
    }

    pub fn to_eframe(self) -> eframe::Renderer {
        match self {
            RendererChoice::Wgpu => eframe::Renderer::Wgpu,
            RendererChoice::Glow => eframe::Renderer::Glow,
        }
    }
}

/// The renderers to try, in order: the one asked for (flag, then environment variable) alone,
/// or wgpu with glow as the fallback. A malformed environment value is reported and ignored.
pub fn renderer_order(flag: Option<RendererChoice>) -> (Vec<RendererChoice>, Option<String>) {
    if let Some(r) = flag {
        return (vec![r], None);
    }
    match std::env::var(RENDERER_ENV) {
        Ok(v) if !v.trim().is_empty() => match RendererChoice::parse(&v) {
            Some(r) => (vec![r], None),
            None => (
                vec![RendererChoice::Wgpu, RendererChoice::Glow],
                Some(format!(
                    "環境変数 {RENDERER_ENV} の値「{v}」は使えません（wgpu または glow）。既定の順で起動します。"
                )),
            ),
        },
        _ => (vec![RendererChoice::Wgpu, RendererChoice::Glow], None),
    }
}
