//! Loading and saving drafts: round trips, every kind of bad input, atomic saves.

mod common;

use std::path::Path;

use shinkyu::io::{
    self, LoadError, Replace, SaveError, SaveOptions, SourceEncoding, backup_path, load_draft,
    save_draft, save_draft_with, to_ron_string,
};
use shinkyu::model::{ChangeStatus, SCHEMA_VERSION};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn draft_text() -> String {
    to_ron_string(&common::small_draft()).unwrap()
}

#[test]
fn load_save_load_is_lossless_and_saving_twice_is_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let draft = common::small_draft();
    let path = dir.path().join("計画 素案.ron");
    save_draft(&path, &draft, &SaveOptions::default()).unwrap();
    let first = std::fs::read(&path).unwrap();
    let loaded = load_draft(&path).unwrap();
    assert_eq!(loaded.draft, draft);
    save_draft(&path, &loaded.draft, &SaveOptions::default()).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), first);
    // Japanese is written as is, not escaped.
    let text = String::from_utf8(first).unwrap();
    assert!(text.contains("暮らしの安全"));
    assert!(!text.contains("\\u{"));
}

#[test]
fn the_bundled_draft_round_trips_byte_for_byte() {
    let loaded = io::load_bytes(shinkyu::BUNDLED_DRAFT.as_bytes()).unwrap();
    assert_eq!(loaded.encoding, SourceEncoding::Utf8);
    let again = to_ron_string(&loaded.draft).unwrap();
    assert_eq!(again, shinkyu::BUNDLED_DRAFT);
    assert_eq!(io::parse_draft(&again).unwrap(), loaded.draft);
}

#[test]
fn bom_and_crlf_as_windows_editors_write_them_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let crlf = draft_text().replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(crlf.as_bytes());
    let path = write(dir.path(), "bom.ron", &bytes);
    let loaded = load_draft(&path).unwrap();
    assert_eq!(loaded.draft, common::small_draft());
    assert_eq!(loaded.encoding, SourceEncoding::Utf8Bom);
    assert!(loaded.had_crlf);
    assert!(loaded.notes.is_empty());
}

#[test]
fn shift_jis_and_utf16_are_read_and_the_user_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let text = draft_text();
    let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!unmappable);
    let path = write(dir.path(), "sjis.ron", &sjis);
    let loaded = load_draft(&path).unwrap();
    assert_eq!(loaded.draft, common::small_draft());
    assert_eq!(loaded.encoding, SourceEncoding::ShiftJis);
    assert!(loaded.notes[0].contains("Shift_JIS"), "{:?}", loaded.notes);

    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let path = write(dir.path(), "utf16.ron", &utf16);
    let loaded = load_draft(&path).unwrap();
    assert_eq!(loaded.draft, common::small_draft());
    assert!(loaded.notes[0].contains("UTF-16"));
}

#[test]
fn truncated_file_reports_line_and_column_in_japanese() {
    let text = draft_text();
    let mut half = text.len() / 2;
    while !text.is_char_boundary(half) {
        half -= 1;
    }
    let cut = &text[..half];
    let Err(LoadError::Syntax(e)) = io::parse_draft(cut) else {
        panic!("a truncated draft must be a syntax error");
    };
    assert!(e.line > 1);
    assert!(e.message.contains("途中で終わっています"), "{}", e.message);
    let shown = LoadError::Syntax(e.clone()).to_string();
    assert!(
        shown.starts_with(&format!("{}行{}列目", e.line, e.column)),
        "{shown}"
    );
}

#[test]
fn unknown_status_names_the_value_and_the_allowed_ones() {
    let text = draft_text().replacen("status: Some(Modified)", "status: Some(Changed)", 1);
    let line = text
        .lines()
        .position(|l| l.contains("Some(Changed)"))
        .unwrap()
        + 1;
    let Err(LoadError::Syntax(e)) = io::parse_draft(&text) else {
        panic!("expected a syntax error");
    };
    assert_eq!(e.line, line);
    assert!(e.message.contains("変更区分"), "{}", e.message);
    assert!(e.message.contains("「Changed」"), "{}", e.message);
    for s in ChangeStatus::ALL {
        assert!(e.message.contains(s.label()), "{}", e.message);
    }
}

#[test]
fn missing_field_and_unknown_field_are_named() {
    let text = draft_text().replacen("        name: \"暮らしの安全\",\n", "", 1);
    let Err(LoadError::Syntax(e)) = io::parse_draft(&text) else {
        panic!("expected a syntax error");
    };
    assert!(e.message.contains("name"), "{}", e.message);
    let text = draft_text().replacen("number: 1,", "number: 1,\n        colour: 3,", 1);
    let Err(LoadError::Syntax(e)) = io::parse_draft(&text) else {
        panic!("expected a syntax error");
    };
    assert!(e.message.contains("colour"), "{}", e.message);
}

#[test]
fn a_newer_schema_is_refused_clearly() {
    let text = draft_text().replacen(
        &format!("schema_version: {SCHEMA_VERSION}"),
        &format!("schema_version: {}", SCHEMA_VERSION + 1),
        1,
    );
    let err = io::parse_draft(&text).unwrap_err();
    assert!(matches!(err, LoadError::NewerSchema { .. }));
    assert!(err.to_string().contains("新しい版の shinkyu"), "{err}");
}

#[test]
fn random_bytes_and_empty_files_are_refused() {
    // A fixed pseudo-random byte string (xorshift), so the test is reproducible.
    let mut x: u32 = 0x1234_5678;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect();
    let err = io::load_bytes(&bytes).unwrap_err();
    assert!(
        matches!(err, LoadError::Binary | LoadError::UnknownEncoding { .. }),
        "{err:?}"
    );
    assert!(matches!(io::load_bytes(b"").unwrap_err(), LoadError::Empty));
}

#[test]
fn missing_file_is_an_io_error_in_japanese() {
    let err = load_draft(Path::new("/nonexistent/どこにもない.ron")).unwrap_err();
    assert!(matches!(err, LoadError::Io { .. }));
    assert!(err.to_string().contains("見つかりません"), "{err}");
}

#[test]
fn saving_keeps_the_previous_version_as_a_backup_and_leaves_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.ron");
    let mut draft = common::small_draft();
    save_draft(&path, &draft, &SaveOptions::default()).unwrap();
    let v1 = std::fs::read(&path).unwrap();
    draft.meta.version_label = "素案3".into();
    let outcome = save_draft(&path, &draft, &SaveOptions::default()).unwrap();
    assert_eq!(
        outcome.backup.as_deref(),
        Some(backup_path(&path).as_path())
    );
    assert_eq!(std::fs::read(backup_path(&path)).unwrap(), v1);
    assert_eq!(load_draft(&path).unwrap().draft.meta.version_label, "素案3");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "only the draft and its backup: {names:?}");
}

/// Fails like Windows does while Excel or an editor holds the file open.
struct HeldOpen {
    failures_left: std::cell::Cell<u32>,
}

impl Replace for HeldOpen {
    fn replace(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        if self.failures_left.get() > 0 {
            self.failures_left.set(self.failures_left.get() - 1);
            return Err(std::io::Error::from(std::io::ErrorKind::ResourceBusy));
        }
        std::fs::rename(from, to)
    }
}

#[test]
fn a_file_held_open_is_retried_then_refused_and_never_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.ron");
    let mut draft = common::small_draft();
    save_draft(&path, &draft, &SaveOptions::default()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let opts = SaveOptions {
        backup: false,
        retries: 3,
        retry_delay: std::time::Duration::from_millis(1),
    };
    draft.meta.version_label = "変更後".into();

    // Released after two attempts: the save goes through.
    let brief = HeldOpen {
        failures_left: 2.into(),
    };
    save_draft_with(&path, &draft, &opts, &brief).unwrap();
    assert_eq!(load_draft(&path).unwrap().draft, draft);

    // Held for good: a clear refusal, the file as it was, no temporary files left behind.
    let written = std::fs::read(&path).unwrap();
    draft.meta.version_label = "もう一度".into();
    let held = HeldOpen {
        failures_left: 100.into(),
    };
    let err = save_draft_with(&path, &draft, &opts, &held).unwrap_err();
    assert!(matches!(err, SaveError::Locked { .. }), "{err:?}");
    assert!(err.to_string().contains("他のプログラム"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), written);
    assert_ne!(written, before);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_is_reported_and_the_file_is_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.ron");
    save_draft(&path, &common::small_draft(), &SaveOptions::default()).unwrap();
    let before = std::fs::read(&path).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = dir.path().join("probe");
    if std::fs::write(&probe, b"x").is_ok() {
        // Running as root: permissions are not enforced; nothing to test here.
        std::fs::remove_file(&probe).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    let err = save_draft(&path, &common::small_draft(), &SaveOptions::default()).unwrap_err();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(matches!(err, SaveError::Write { .. }), "{err:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
