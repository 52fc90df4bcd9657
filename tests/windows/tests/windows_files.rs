//! What Windows users' files are like: Japanese folder names with spaces, extended-length
//! paths, files held open by another program, BOM and CRLF, names Windows forbids.
#![cfg(windows)]

use std::os::windows::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use shinkyu::io::{
    self, SaveError, SaveOptions, load_draft, safe_file_stem, save_draft, to_ron_string,
};

fn bundled() -> shinkyu::model::Draft {
    io::load_bytes(shinkyu::BUNDLED_DRAFT.as_bytes())
        .unwrap()
        .draft
}

fn japanese_folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("企画課 共有").join("令和5年度 素案");
    std::fs::create_dir_all(&folder).unwrap();
    (dir, folder)
}

#[test]
fn save_and_load_in_a_japanese_folder_with_spaces() {
    let (_guard, folder) = japanese_folder();
    let path = folder.join("行財政 素案.ron");
    let draft = bundled();
    save_draft(&path, &draft, &SaveOptions::default()).unwrap();
    save_draft(&path, &draft, &SaveOptions::default()).unwrap();
    assert_eq!(load_draft(&path).unwrap().draft, draft);
    assert!(folder.join("行財政 素案.ron.bak").is_file());
}

#[test]
fn extended_length_paths_work() {
    // std::fs::canonicalize returns \\?\C:\… paths on Windows; drag and drop and some
    // dialogs hand them over too.
    let (_guard, folder) = japanese_folder();
    let verbatim = std::fs::canonicalize(&folder).unwrap();
    assert!(
        verbatim.to_string_lossy().starts_with(r"\\?\"),
        "{}",
        verbatim.display()
    );
    let path = verbatim.join("長いパス.ron");
    save_draft(&path, &bundled(), &SaveOptions::default()).unwrap();
    assert_eq!(load_draft(&path).unwrap().draft, bundled());
}

#[test]
fn unc_style_paths_keep_their_share_when_naming_backups() {
    let p = Path::new(r"\\fileserver\企画課\後期基本計画\素案 1.ron");
    assert_eq!(
        io::backup_path(p),
        PathBuf::from(r"\\fileserver\企画課\後期基本計画\素案 1.ron.bak")
    );
    assert_eq!(
        p.parent().unwrap(),
        Path::new(r"\\fileserver\企画課\後期基本計画")
    );
}

#[test]
fn a_draft_held_open_without_sharing_is_refused_and_left_whole() {
    let (_guard, folder) = japanese_folder();
    let path = folder.join("開いたまま.ron");
    let mut draft = bundled();
    save_draft(&path, &draft, &SaveOptions::default()).unwrap();
    let before = std::fs::read(&path).unwrap();
    // Another program (Excel, an editor) holding the file without FILE_SHARE_DELETE.
    let holder = std::fs::OpenOptions::new()
        .read(true)
        .share_mode(0)
        .open(&path)
        .unwrap();
    draft.meta.version_label = "素案2".into();
    let opts = SaveOptions {
        retries: 3,
        retry_delay: std::time::Duration::from_millis(20),
        ..SaveOptions::default()
    };
    let err = save_draft(&path, &draft, &opts).unwrap_err();
    assert!(matches!(err, SaveError::Locked { .. }), "{err:?}");
    assert!(err.to_string().contains("他のプログラム"), "{err}");
    assert!(
        err.to_string().contains("元のファイルは変更していません"),
        "{err}"
    );
    drop(holder);
    assert_eq!(std::fs::read(&path).unwrap(), before, "never half-written");
    let leftovers: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Once the other program lets go, saving works.
    save_draft(&path, &draft, &opts).unwrap();
    assert_eq!(load_draft(&path).unwrap().draft, draft);
}

#[test]
fn bom_and_crlf_from_notepad_are_read() {
    let (_guard, folder) = japanese_folder();
    let path = folder.join("メモ帳で保存.ron");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(
        to_ron_string(&bundled())
            .unwrap()
            .replace('\n', "\r\n")
            .as_bytes(),
    );
    std::fs::write(&path, &bytes).unwrap();
    assert_eq!(load_draft(&path).unwrap().draft, bundled());
}

#[test]
fn suggested_names_can_be_created() {
    let (_guard, folder) = japanese_folder();
    for raw in [
        "素案1/2: 確認?",
        "con",
        "AUX.html",
        "計画. ",
        "a<b>c|d*e\"f",
    ] {
        let name = format!("{}.html", safe_file_stem(raw));
        let path = folder.join(&name);
        std::fs::write(&path, b"x").unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(std::fs::read(&path).unwrap(), b"x", "{name}");
    }
}

#[test]
fn settings_live_under_appdata() {
    // SAFETY (edition 2024): this test process reads no environment concurrently here.
    unsafe { std::env::remove_var(shinkyu::io::CONFIG_DIR_ENV) };
    let appdata = std::env::var_os("APPDATA").expect("Windows sets %APPDATA%");
    assert_eq!(
        shinkyu::io::settings_dir().unwrap(),
        PathBuf::from(appdata).join("shinkyu")
    );
}

#[test]
fn the_next_save_removes_a_dead_writers_temp_file_and_leaves_a_live_ones() {
    let (_guard, folder) = japanese_folder();
    // A write killed midway left its temporary file: Windows does not hide it.
    let dead = folder.join(".shinkyu-0123456789ab.tmp");
    std::fs::write(&dead, vec![b'x'; 100_000]).unwrap();
    // A live writer holds its temporary file as shinkyu does: shared for deletion only.
    let live = folder.join(".shinkyu-00000000live.tmp");
    let holder = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .share_mode(0x4)
        .open(&live)
        .unwrap();
    holder.lock().unwrap();
    let path = folder.join("素案.ron");
    save_draft(&path, &bundled(), &SaveOptions::default()).unwrap();
    save_draft(&path, &bundled(), &SaveOptions::default()).unwrap();
    assert!(!dead.exists(), "a dead writer's file was left");
    assert!(live.exists(), "a live writer's file was removed");
    drop(holder);
    assert_eq!(io::remove_dead_temp_files(&folder), 1);
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["素案.ron", "素案.ron.bak"]);
}
