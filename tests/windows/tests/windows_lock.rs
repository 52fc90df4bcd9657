//! The lock file on Windows (or under Wine): the same cases as on Linux (`tests/io_lock.rs`,
//! compiled in here), with Windows' user and PC names, its process ids and its file sharing.
#![cfg(windows)]

#[path = "../../io_lock.rs"]
mod io_lock;

use shinkyu::io::lock::{Identity, LockOptions, acquire, lock_path};

#[test]
fn windows_names_come_from_username_and_computername() {
    let me = Identity::current();
    assert_eq!(Some(me.user), std::env::var("USERNAME").ok());
    assert_eq!(Some(me.host), std::env::var("COMPUTERNAME").ok());
}

#[test]
fn notepad_shows_the_lock_file() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("企画課 素案.ron");
    std::fs::write(&draft, "Draft()").unwrap();
    let _lock = acquire(&draft, &LockOptions::default()).unwrap();
    let bytes = std::fs::read(lock_path(&draft)).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM");
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("\r\nuser="), "CRLF line ends: {text:?}");
    assert!(text.contains("編集中"));
}
