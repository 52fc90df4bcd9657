//! What a write leaves behind: the file keeps its permissions (and so does its backup), and
//! temporary files of writes that died are removed by the next write to the same folder while
//! a live writer's are left alone.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use shinkyu::io::{
    SaveOptions, backup_path, is_temp_name, remove_dead_temp_files, save_draft, to_ron_string,
    write_atomic,
};

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn temp_files(dir: &Path) -> Vec<String> {
    names(dir).into_iter().filter(|n| is_temp_name(n)).collect()
}

/// A temporary file as a write that was killed leaves it: complete name, partial content, no
/// process holding it.
fn dead_temp(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, vec![b'x'; 100_000]).unwrap();
    p
}

#[test]
fn temp_names_are_recognised_and_nothing_else() {
    for name in [".shinkyu-a1b2c3.tmp", ".shinkyu-0123456789ab.tmp"] {
        assert!(is_temp_name(name), "{name}");
    }
    for name in [
        ".shinkyu-.tmp",
        "shinkyu-a1b2c3.tmp",
        ".shinkyu-notes.txt",
        "素案.ron",
        "素案.ron.bak",
        ".~lock.素案.ron#",
    ] {
        assert!(!is_temp_name(name), "{name}");
    }
}

#[test]
fn the_next_write_removes_dead_temp_files_and_leaves_live_ones_and_others() {
    let dir = tempfile::tempdir().unwrap();
    let dead = [
        dead_temp(dir.path(), ".shinkyu-000000000001.tmp"),
        // The six-character names of earlier versions.
        dead_temp(dir.path(), ".shinkyu-Ab3dE9.tmp"),
    ];
    // A live writer: the file is held with its lock (another open file, as another process's).
    let live = dir.path().join(".shinkyu-00000000live.tmp");
    let holder = fs::File::create(&live).unwrap();
    holder.lock().unwrap();
    let unrelated = dir.path().join(".shinkyu-notes.txt");
    fs::write(&unrelated, "残す").unwrap();

    let target = dir.path().join("対照表.csv");
    write_atomic(&target, "大項目,区分\n".as_bytes(), &SaveOptions::default()).unwrap();
    for d in &dead {
        assert!(!d.exists(), "{} was left", d.display());
    }
    assert!(live.exists(), "a live writer's file was removed");
    assert!(unrelated.exists());
    assert_eq!(
        names(dir.path()),
        vec![
            ".shinkyu-00000000live.tmp".to_string(),
            ".shinkyu-notes.txt".into(),
            "対照表.csv".into()
        ]
    );
    // Once the writer is gone, its file is dead too.
    drop(holder);
    assert_eq!(remove_dead_temp_files(dir.path()), 1);
    assert!(!live.exists());
}

#[test]
fn saving_a_draft_also_cleans_and_leaves_no_temp_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    dead_temp(dir.path(), ".shinkyu-aaaaaaaaaaaa.tmp");
    let path = dir.path().join("素案.ron");
    save_draft(&path, &common::small_draft(), &SaveOptions::default()).unwrap();
    save_draft(&path, &common::small_draft(), &SaveOptions::default()).unwrap();
    assert_eq!(names(dir.path()), vec!["素案.ron", "素案.ron.bak"]);
    assert!(temp_files(dir.path()).is_empty());
}

#[cfg(unix)]
mod unix {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        fs::metadata(p).unwrap().permissions().mode() & 0o7777
    }

    #[test]
    fn a_saved_draft_and_its_backup_keep_the_files_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("共有 素案.ron");
        fs::write(&path, to_ron_string(&common::small_draft()).unwrap()).unwrap();
        for m in [0o664, 0o640, 0o600, 0o644] {
            fs::set_permissions(&path, fs::Permissions::from_mode(m)).unwrap();
            save_draft(&path, &common::small_draft(), &SaveOptions::default()).unwrap();
            assert_eq!(mode(&path), m, "the draft");
            assert_eq!(mode(&backup_path(&path)), m, "its backup");
        }
    }

    #[test]
    fn a_new_file_gets_the_same_permissions_as_any_new_file_there() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.txt");
        fs::write(&plain, "x").unwrap();
        let written = dir.path().join("new.csv");
        write_atomic(&written, b"x", &SaveOptions::default()).unwrap();
        assert_eq!(
            mode(&written),
            mode(&plain),
            "0666 less the umask, not 0600"
        );
    }

    #[test]
    fn exporting_over_an_existing_0664_file_keeps_0664() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("素案.ron");
        fs::write(&input, to_ron_string(&common::small_draft()).unwrap()).unwrap();
        let output = dir.path().join("対照表.html");
        fs::write(&output, "前回の出力").unwrap();
        fs::set_permissions(&output, fs::Permissions::from_mode(0o664)).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_shinkyu"))
            .args(["export".as_ref(), input.as_os_str()])
            .args(["--format", "html", "-o"])
            .arg(&output)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert!(fs::read_to_string(&output).unwrap().contains("<html"));
        assert_eq!(mode(&output), 0o664);
        assert_eq!(names(dir.path()), vec!["対照表.html", "素案.ron"]);
    }
}
