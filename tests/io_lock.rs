//! Who is editing a draft (`io::lock`): the lock file beside it, what the next person is told,
//! a lock left by a crash, a lock file that cannot be written. Also compiled into the
//! Windows-realities crate (`tests/windows/tests/windows_lock.rs`) and run under Wine.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use shinkyu::io::lock::{
    HeldStatus, Identity, LockOptions, LockState, STALE_AFTER, Staleness, acquire, inspect,
    lock_path, take_over,
};

fn person(user: &str, host: &str) -> LockOptions {
    LockOptions {
        identity: Identity {
            user: user.into(),
            host: host.into(),
        },
        refresh_every: Duration::ZERO,
        stale_after: STALE_AFTER,
    }
}

/// A draft in a shared folder: the bytes do not matter to the lock.
fn draft_in(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, "Draft(schema_version: 1)\n").unwrap();
    p
}

/// Content and modification time: the lock never touches the draft.
fn untouched(p: &Path) -> (Vec<u8>, SystemTime) {
    (
        std::fs::read(p).unwrap(),
        std::fs::metadata(p).unwrap().modified().unwrap(),
    )
}

fn backdate(p: &Path, by: Duration) {
    let f = std::fs::OpenOptions::new().write(true).open(p).unwrap();
    f.set_modified(SystemTime::now() - by).unwrap();
}

#[test]
fn the_environment_names_the_user_and_the_pc() {
    let env = |pairs: &'static [(&'static str, &'static str)]| {
        move |k: &str| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    };
    let me = Identity::from_env(env(&[
        ("USERNAME", "tanaka"),
        ("COMPUTERNAME", "KIKAKU-PC01"),
        ("USER", "tanaka"),
        ("HOSTNAME", "KIKAKU-PC01"),
    ]));
    assert_eq!(me.user, "tanaka");
    assert_eq!(me.host, "KIKAKU-PC01");
    // Nothing set: still something to show, in Japanese.
    let nobody = Identity::from_env(|_| None);
    assert_eq!(nobody.user, "不明な利用者");
    assert!(!nobody.host.is_empty());
}

#[test]
fn the_next_person_is_told_who_is_editing_and_the_draft_is_never_touched() {
    let dir = tempfile::tempdir().unwrap();
    let draft = draft_in(dir.path(), "素案 令和8年度.ron");
    let before = untouched(&draft);
    assert_eq!(
        inspect(&draft, &person("田中", "KIKAKU-PC01")),
        LockState::Free
    );

    let lock = acquire(&draft, &person("田中", "KIKAKU-PC01")).expect("free");
    assert_eq!(lock.status(), HeldStatus::Held);
    assert_eq!(lock.note(), None);
    assert_eq!(lock.lock_path(), lock_path(&draft));
    assert_eq!(
        lock.lock_path().file_name().unwrap(),
        "素案 令和8年度.ron.shinkyu-lock"
    );
    // The lock file is text a person can read.
    let text = std::fs::read_to_string(lock.lock_path()).unwrap();
    assert!(
        text.contains("user=田中") && text.contains("host=KIKAKU-PC01"),
        "{text}"
    );

    let suzuki = person("鈴木", "KIKAKU-PC02");
    let Err(LockState::HeldBy(owner)) = acquire(&draft, &suzuki) else {
        panic!("the second person must be told");
    };
    assert_eq!(owner.message(), "田中さん（KIKAKU-PC01）が編集中です");
    assert_eq!(owner.pid, std::process::id());
    assert_eq!(owner.since_text().len(), "2026-12-08 09:30".len());
    assert_eq!(inspect(&draft, &suzuki), LockState::HeldBy(owner));
    lock.refresh();
    assert_eq!(untouched(&draft), before);

    lock.release();
    assert!(!lock_path(&draft).exists());
    assert_eq!(inspect(&draft, &suzuki), LockState::Free);
    // Dropping a lock removes it too.
    let lock = acquire(&draft, &suzuki).expect("free again");
    drop(lock);
    assert!(!lock_path(&draft).exists());
    assert_eq!(untouched(&draft), before);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing left beside the draft"
    );
}

#[test]
fn a_lock_not_refreshed_for_the_limit_is_stale_and_can_be_taken_over() {
    let dir = tempfile::tempdir().unwrap();
    let draft = draft_in(dir.path(), "素案.ron");
    let tanaka = acquire(&draft, &person("田中", "KIKAKU-PC01")).unwrap();
    let suzuki = person("鈴木", "KIKAKU-PC02");
    // Just under the limit: still held.
    backdate(&lock_path(&draft), STALE_AFTER - Duration::from_secs(120));
    assert!(matches!(inspect(&draft, &suzuki), LockState::HeldBy(_)));
    // Over it: stale (田中's PC was switched off with the draft open).
    backdate(&lock_path(&draft), STALE_AFTER + Duration::from_secs(600));
    let shown = inspect(&draft, &suzuki);
    let LockState::Stale {
        owner: Some(owner),
        why: Staleness::NotRefreshed { minutes },
    } = &shown
    else {
        panic!("{shown:?}");
    };
    assert_eq!(owner.user, "田中");
    assert!(*minutes >= 70, "{minutes}");
    assert!(acquire(&draft, &suzuki).is_err(), "not without asking");
    let taken = take_over(&draft, &shown, &suzuki).expect("taken over");
    assert_eq!(taken.status(), HeldStatus::Held);
    let LockState::HeldBy(now) = inspect(&draft, &person("佐藤", "PC03")) else {
        panic!()
    };
    assert_eq!(now.user, "鈴木");
    // 田中's PC comes back: it learns that the lock was taken over, and leaves it alone.
    tanaka.refresh();
    assert!(matches!(tanaka.status(), HeldStatus::Lost(o) if o.user == "鈴木"));
    tanaka.release();
    assert!(
        matches!(inspect(&draft, &person("佐藤", "PC03")), LockState::HeldBy(o) if o.user == "鈴木")
    );
    // Taking over what was shown fails once someone else holds it.
    assert!(take_over(&draft, &shown, &person("佐藤", "PC03")).is_err());
    taken.release();
    assert!(!lock_path(&draft).exists());
}

#[test]
fn a_held_lock_is_refreshed_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let draft = draft_in(dir.path(), "素案.ron");
    let opts = LockOptions {
        refresh_every: Duration::from_millis(50),
        ..person("田中", "KIKAKU-PC01")
    };
    let lock = acquire(&draft, &opts).unwrap();
    backdate(&lock_path(&draft), STALE_AFTER * 2);
    let other = person("鈴木", "KIKAKU-PC02");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !matches!(inspect(&draft, &other), LockState::HeldBy(_)) {
        assert!(Instant::now() < deadline, "never refreshed");
        std::thread::sleep(Duration::from_millis(20));
    }
    // Removed by someone by mistake: put back.
    std::fs::remove_file(lock_path(&draft)).unwrap();
    while !lock_path(&draft).exists() {
        assert!(Instant::now() < deadline, "never put back");
        std::thread::sleep(Duration::from_millis(20));
    }
    lock.release();
    assert!(!lock_path(&draft).exists());
}

#[test]
fn a_damaged_lock_file_is_offered_for_taking_over() {
    let dir = tempfile::tempdir().unwrap();
    let draft = draft_in(dir.path(), "素案.ron");
    std::fs::write(lock_path(&draft), b"\x00\x01garbage").unwrap();
    let me = person("鈴木", "KIKAKU-PC02");
    let shown = inspect(&draft, &me);
    assert_eq!(
        shown,
        LockState::Stale {
            owner: None,
            why: Staleness::Unreadable
        }
    );
    let lock = take_over(&draft, &shown, &me).unwrap();
    assert_eq!(lock.status(), HeldStatus::Held);
}

#[test]
fn a_lock_file_that_cannot_be_written_does_not_stop_the_user() {
    let dir = tempfile::tempdir().unwrap();
    // A name at the file system's limit: the draft fits, its lock file does not (also what a
    // deep folder on a Windows share can do).
    let name = format!("{}.ron", "a".repeat(246));
    let draft = draft_in(dir.path(), &name);
    let before = untouched(&draft);
    let lock = acquire(&draft, &person("田中", "KIKAKU-PC01")).expect("editing goes on");
    assert!(matches!(lock.status(), HeldStatus::NotWritten { .. }));
    let note = lock.note().expect("a note for the status bar");
    assert!(
        note.contains("編集中の印") && note.contains("編集と保存はできます"),
        "{note}"
    );
    lock.refresh();
    lock.release();
    assert_eq!(untouched(&draft), before);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// Not a test on its own: the other tests start this test binary again, running only this,
/// as a second process that holds a lock until it is killed.
#[test]
#[ignore = "run by holder_process() as a separate process"]
fn lock_holder_process() {
    let Some(draft) = std::env::var_os("SHINKYU_TEST_LOCK_DRAFT") else {
        return;
    };
    let opts = person(
        &std::env::var("SHINKYU_TEST_LOCK_USER").unwrap(),
        &std::env::var("SHINKYU_TEST_LOCK_HOST").unwrap(),
    );
    let _lock = acquire(Path::new(&draft), &opts).expect("the draft is free");
    std::thread::sleep(Duration::from_secs(300));
}

/// Starts a second process that takes the lock of `draft` as `user` on `host`; returns once
/// the lock file is there.
fn holder_process(draft: &Path, user: &str, host: &str) -> Child {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "lock_holder_process",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("SHINKYU_TEST_LOCK_DRAFT", draft)
        .env("SHINKYU_TEST_LOCK_USER", user)
        .env("SHINKYU_TEST_LOCK_HOST", host)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !lock_path(draft).exists() {
        if Instant::now() > deadline || child.try_wait().unwrap().is_some() {
            let _ = child.kill();
            panic!("the holder process did not take the lock");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    // Until its content is complete.
    while !matches!(inspect(draft, &person("x", "y")), LockState::HeldBy(_)) {
        assert!(Instant::now() < deadline);
        std::thread::sleep(Duration::from_millis(20));
    }
    child
}

#[test]
fn a_lock_left_by_a_process_that_died_on_this_pc_is_stale() {
    let dir = tempfile::tempdir().unwrap();
    let draft = draft_in(dir.path(), "共有 素案.ron");
    let before = untouched(&draft);
    let here = Identity::current().host;
    let mut child = holder_process(&draft, "田中", &here);
    // Another process on this PC, alive: held.
    let LockState::HeldBy(owner) = inspect(&draft, &person("鈴木", &here)) else {
        panic!("held by the live process");
    };
    assert_eq!(owner.pid, child.id());
    assert_eq!(owner.user, "田中");
    // Killed (a crash, the task manager): its lock stays, and is recognised as left over.
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(lock_path(&draft).exists());
    let shown = inspect(&draft, &person("鈴木", &here));
    assert!(
        matches!(&shown, LockState::Stale { owner: Some(o), why: Staleness::ProcessGone } if o.user == "田中"),
        "{shown:?}"
    );
    assert!(Staleness::ProcessGone.describe().contains("終了"));
    // From another PC the process cannot be seen: held until the time limit.
    assert!(matches!(
        inspect(&draft, &person("佐藤", "ANOTHER-PC")),
        LockState::HeldBy(_)
    ));
    let lock = take_over(&draft, &shown, &person("鈴木", &here)).expect("taken over");
    drop(lock);
    assert!(!lock_path(&draft).exists());
    assert_eq!(untouched(&draft), before);
}

#[test]
fn people_opening_at_the_same_moment_get_one_lock() {
    let dir = tempfile::tempdir().unwrap();
    let draft = draft_in(dir.path(), "素案.ron");
    let start = std::sync::Arc::new(std::sync::Barrier::new(8));
    let results: Vec<_> = (0..8)
        .map(|i| {
            let (draft, start) = (draft.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                acquire(&draft, &person(&format!("職員{i}"), &format!("PC{i}")))
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|t| t.join().unwrap())
        .collect();
    let winners: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(winners.len(), 1, "{results:?}");
    for r in &results {
        if let Err(state) = r {
            assert!(matches!(state, LockState::HeldBy(_)), "{state:?}");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_degrades_with_a_note() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let draft = draft_in(dir.path(), "素案.ron");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let probe = dir.path().join("probe");
    if std::fs::write(&probe, b"x").is_ok() {
        std::fs::remove_file(&probe).unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!(
            "skipped: running as root, a read-only folder is writable (the long-name test covers the same path)"
        );
        return;
    }
    let lock = acquire(&draft, &person("田中", "KIKAKU-PC01")).expect("editing goes on");
    let note = lock.note();
    drop(lock);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(note.is_some_and(|n| n.contains("アクセスが拒否されました")));
}
