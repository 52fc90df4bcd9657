//! Where shinkyu keeps its settings and recovery copies (never the drafts themselves).

use std::path::PathBuf;

/// The application id (ASCII): the settings folder's name.
pub const APP_ID: &str = "shinkyu";

/// Environment variable that overrides the settings folder (tests, portable use from a USB
/// stick).
pub const CONFIG_DIR_ENV: &str = "SHINKYU_CONFIG_DIR";

/// The folder for settings and recovery copies: `%APPDATA%\shinkyu` on Windows,
/// `$XDG_CONFIG_HOME/shinkyu` (or `~/.config/shinkyu`) on Linux, `~/Library/Application
/// Support/shinkyu` on macOS; [`CONFIG_DIR_ENV`] overrides it.
pub fn settings_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let home = || std::env::var_os("HOME").map(PathBuf::from);
    let base = if cfg!(windows) {
        std::env::var_os("APPDATA").map(PathBuf::from)
    } else if cfg!(target_os = "macos") {
        home().map(|h| h.join("Library").join("Application Support"))
    } else {
        std::env::var_os("XDG_CONFIG_HOME")
            .filter(|d| !d.is_empty())
            .map(PathBuf::from)
            .or_else(|| home().map(|h| h.join(".config")))
    };
    base.map(|b| b.join(APP_ID))
}
