//! What the editor remembers between sessions: one serde struct, [`Prefs`], stored under one
//! key ([`KEY`]) in eframe's storage (`settings.ron` in the settings folder). Drafts themselves
//! are never kept there. A field added later gets its default when older settings are read
//! (`#[serde(default)]`); settings that cannot be read give the defaults, never an error.
//!
//! Before this struct, each setting had its own key; [`Prefs::load`] reads those once when the
//! new key is missing, so nobody loses their recent files, zoom or name, and the next save
//! removes them.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::export::ExportPrefs;

/// The key the preferences are stored under.
pub const KEY: &str = "prefs";

/// Recent files kept.
pub const MAX_RECENT: usize = 10;

/// The keys of the settings before [`Prefs`] (read once, then removed).
const LEGACY_KEYS: [&str; 7] = [
    "recent_files",
    "zoom",
    "theme",
    "export",
    "findings_open",
    "suppression_author",
    "reviewer_name",
];

/// The editor's preferences.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Files opened last, newest first (absolute paths).
    pub recent: Vec<PathBuf>,
    /// 表示倍率 (0.5 – 3.0).
    pub zoom: f32,
    /// Light unless the user chose otherwise: documents are read and printed on white.
    pub theme: egui::ThemePreference,
    /// The options of the last 出力.
    pub export: ExportPrefs,
    /// The 検査結果 panel is open. Closed until the user opens it (the toolbar and the status
    /// bar show the counts): it would take a third of a small office screen from the editor.
    pub findings_open: bool,
    /// Who ignores checker findings (無視する…).
    pub suppression_author: String,
    /// The name comments and review states are signed with (閲覧モード); asked once.
    pub reviewer: String,
    /// The width of the tree on the left (points); `None` until the user resizes it.
    pub tree_width: Option<f32>,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            recent: Vec::new(),
            zoom: 1.0,
            theme: egui::ThemePreference::Light,
            export: ExportPrefs::default(),
            findings_open: false,
            suppression_author: String::new(),
            reviewer: String::new(),
            tree_width: None,
        }
    }
}

impl Prefs {
    /// Reads the preferences; defaults for anything missing or unreadable.
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Prefs {
        let Some(storage) = storage else {
            return Prefs::default();
        };
        let prefs = match storage.get_string(KEY) {
            Some(_) => eframe::get_value(storage, KEY).unwrap_or_default(),
            None => Prefs::legacy(storage),
        };
        prefs.sanitized()
    }

    /// Stores the preferences under [`KEY`] and removes the keys of older versions.
    pub fn store(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, KEY, self);
        for key in LEGACY_KEYS {
            storage.remove_string(key);
        }
    }

    /// The settings as versions before [`Prefs`] stored them, one key each.
    fn legacy(storage: &dyn eframe::Storage) -> Prefs {
        let d = Prefs::default();
        Prefs {
            recent: eframe::get_value(storage, "recent_files").unwrap_or(d.recent),
            zoom: eframe::get_value(storage, "zoom").unwrap_or(d.zoom),
            theme: eframe::get_value(storage, "theme").unwrap_or(d.theme),
            export: eframe::get_value(storage, "export").unwrap_or(d.export),
            findings_open: eframe::get_value(storage, "findings_open").unwrap_or(d.findings_open),
            suppression_author: eframe::get_value(storage, "suppression_author")
                .unwrap_or(d.suppression_author),
            reviewer: eframe::get_value(storage, "reviewer_name").unwrap_or(d.reviewer),
            tree_width: None,
        }
    }

    /// Values a hand-edited or damaged file could hold, brought into range.
    fn sanitized(mut self) -> Prefs {
        self.zoom = if self.zoom.is_finite() {
            self.zoom.clamp(0.5, 3.0)
        } else {
            1.0
        };
        self.reviewer = self.reviewer.trim().to_string();
        self.recent.truncate(MAX_RECENT);
        self.tree_width = self.tree_width.filter(|w| w.is_finite() && *w > 0.0);
        self
    }

    /// Puts `path` first in the recent files.
    pub fn add_recent(&mut self, path: &Path) {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &abs);
        self.recent.insert(0, abs);
        self.recent.truncate(MAX_RECENT);
    }

    /// Drops `path` from the recent files (it was moved or deleted).
    pub fn forget_recent(&mut self, path: &Path) {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &abs);
    }
}

/// eframe's storage in memory: what the app would remember, for tests (and for looking at
/// what a session stores without a settings file).
#[derive(Clone, Debug, Default)]
pub struct MemoryStorage(pub std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.into(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    type Mem = MemoryStorage;

    #[test]
    fn the_settings_of_older_versions_are_read_once_then_replaced() {
        let mut old = Mem::default();
        eframe::set_value(
            &mut old,
            "recent_files",
            &vec![PathBuf::from("/書類/計画.ron")],
        );
        eframe::set_value(&mut old, "zoom", &1.3f32);
        eframe::set_value(&mut old, "theme", &egui::ThemePreference::Dark);
        eframe::set_value(&mut old, "findings_open", &true);
        eframe::set_value(&mut old, "suppression_author", &"企画課 山田");
        eframe::set_value(&mut old, "reviewer_name", &" 総務課長 田中 ");
        let export = ExportPrefs {
            format: "xlsx".into(),
            ..ExportPrefs::default()
        };
        eframe::set_value(&mut old, "export", &export);

        let prefs = Prefs::load(Some(&old));
        assert_eq!(prefs.recent, [PathBuf::from("/書類/計画.ron")]);
        assert!((prefs.zoom - 1.3).abs() < 1e-6);
        assert_eq!(prefs.theme, egui::ThemePreference::Dark);
        assert!(prefs.findings_open);
        assert_eq!(prefs.suppression_author, "企画課 山田");
        assert_eq!(prefs.reviewer, "総務課長 田中");
        assert_eq!(prefs.export.format, "xlsx");

        // Stored again: one key, the old ones gone, the same preferences read back.
        let mut storage = old;
        prefs.store(&mut storage);
        assert_eq!(storage.0.keys().collect::<Vec<_>>(), [KEY]);
        assert_eq!(Prefs::load(Some(&storage)), prefs);
    }

    #[test]
    fn missing_fields_get_their_defaults_and_damage_gives_the_defaults() {
        let mut s = Mem::default();
        // A version that knew only the zoom.
        s.0.insert(KEY.into(), "(zoom: 2.0)".into());
        let prefs = Prefs::load(Some(&s));
        assert!((prefs.zoom - 2.0).abs() < 1e-6);
        assert_eq!(prefs.theme, egui::ThemePreference::Light);
        assert_eq!(prefs.export, ExportPrefs::default());
        // Out of range: clamped.
        s.0.insert(KEY.into(), "(zoom: 40.0, tree_width: Some(-3.0))".into());
        let prefs = Prefs::load(Some(&s));
        assert!((prefs.zoom - 3.0).abs() < 1e-6);
        assert_eq!(prefs.tree_width, None);
        // Not readable at all: the defaults (the older keys are not consulted any more).
        s.0.insert(KEY.into(), "壊れた値".into());
        eframe::set_value(&mut s, "zoom", &1.5f32);
        assert_eq!(Prefs::load(Some(&s)), Prefs::default());
        assert_eq!(Prefs::load(None), Prefs::default());
    }
}
