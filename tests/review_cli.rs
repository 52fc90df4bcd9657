//! `shinkyu diff` and `shinkyu merge-review` on real files.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use shinkyu::io::{SaveOptions, load_draft, save_draft};
use shinkyu::model::{Comment, Draft, ReviewState};
use shinkyu::review::{ReviewEdit, apply_review_edit, start_review};

fn shinkyu(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shinkyu"))
        .args(args)
        .output()
        .expect("run shinkyu")
}

fn bundled() -> (PathBuf, Draft) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("drafts/honjo-6-gyozaisei.ron");
    let draft = load_draft(&path).unwrap().draft;
    (path, draft)
}

fn save(dir: &Path, name: &str, d: &Draft) -> PathBuf {
    let p = dir.join(name);
    save_draft(&p, d, &SaveOptions::default()).unwrap();
    p
}

#[test]
fn diff_of_the_bundled_draft_and_a_copy_with_one_edited_bullet_reports_that_row_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (old_path, draft) = bundled();
    let mut edited = draft.clone();
    // The first row in document order that has a revised bullet: edit its last bullet.
    let (path, _, _) = edited
        .rows()
        .find(|(_, _, r)| r.revised.as_ref().is_some_and(|s| !s.bullets.is_empty()))
        .unwrap();
    let row = edited.row_mut(path).unwrap();
    let bullets = &mut row.revised.as_mut().unwrap().bullets;
    let last = bullets.last_mut().unwrap();
    last.push_str("（追記）");
    let id = row.id.clone();
    let location = edited.row_location(path);
    let new_path = save(dir.path(), "素案2.ron", &edited);

    let out = shinkyu(&["diff".as_ref(), old_path.as_os_str(), new_path.as_os_str()]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "1 = differences found");
    let headlines: Vec<&str> = stdout.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(headlines, [format!("{location}: 改定案の文言")], "{stdout}");
    assert!(stdout.contains("{+（追記）+}"), "{stdout}");

    let out = shinkyu(&[
        "diff".as_ref(),
        old_path.as_os_str(),
        new_path.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let changes = json["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0]["id"], id.as_str());

    let html_path = dir.path().join("修正内容.html");
    let out = shinkyu(&[
        "diff".as_ref(),
        old_path.as_os_str(),
        new_path.as_os_str(),
        "--format".as_ref(),
        "html".as_ref(),
        "-o".as_ref(),
        html_path.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let html = std::fs::read_to_string(&html_path).unwrap();
    assert!(html.contains("<ins class=\"chg\">（追記）</ins>"), "{html}");
    assert_eq!(html.matches("<tr data-row=").count(), 1);

    // The same file against itself: no differences, exit 0.
    let out = shinkyu(&["diff".as_ref(), old_path.as_os_str(), old_path.as_os_str()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
}

#[test]
fn the_report_lists_the_changes_since_the_previous_version_and_the_review() {
    let dir = tempfile::tempdir().unwrap();
    let (old_path, draft) = bundled();
    let mut edited = draft.clone();
    edited.meta.version_label = "素案2".into();
    let (path, _, _) = edited.rows().find(|(_, _, r)| r.revised.is_some()).unwrap();
    let id = edited.row(path).unwrap().id.clone();
    apply_review_edit(
        &mut edited,
        &ReviewEdit::AddComment {
            row: id.clone(),
            comment: Comment {
                id: "c-1".into(),
                author: "財政課長".into(),
                date: "2026-11-24T10:00".into(),
                text: "表現を確認してください。".into(),
                reply_to: None,
            },
        },
    );
    edited.row_mut(path).unwrap().status = Some(shinkyu::model::ChangeStatus::Modified);
    let new_path = save(dir.path(), "素案2.ron", &edited);
    let html_path = dir.path().join("report.html");
    let out = shinkyu(&[
        "export".as_ref(),
        new_path.as_os_str(),
        "--format".as_ref(),
        "html".as_ref(),
        "--review".as_ref(),
        "--since".as_ref(),
        old_path.as_os_str(),
        "-o".as_ref(),
        html_path.as_os_str(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&html_path).unwrap();
    let title = format!("前回（{}）からの主な修正内容", draft.meta.version_label);
    assert!(html.contains(&title), "{title}");
    assert!(html.contains("確認状況"));
    assert!(html.contains("表現を確認してください。"));
    assert!(html.contains("財政課長"));
}

#[test]
fn merge_review_brings_the_comments_back_and_reports_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let (_, master) = bundled();
    let mut copy = master.clone();
    start_review(&mut copy, "財政課長", "2026-11-24T09:00");
    let ids: Vec<_> = copy.rows().map(|(_, _, r)| r.id.clone()).take(3).collect();
    for (n, id) in ids.iter().enumerate() {
        apply_review_edit(
            &mut copy,
            &ReviewEdit::AddComment {
                row: id.clone(),
                comment: Comment {
                    id: format!("c-{n}"),
                    author: "財政課長".into(),
                    date: "2026-11-24T10:00".into(),
                    text: format!("コメント{n}"),
                    reply_to: None,
                },
            },
        );
    }
    apply_review_edit(
        &mut copy,
        &ReviewEdit::SetState {
            row: ids[0].clone(),
            state: ReviewState::NeedsFix,
        },
    );
    let master_path = save(dir.path(), "マスター.ron", &master);
    let copy_path = save(dir.path(), "確認済み 写し.ron", &copy);
    let before = (
        std::fs::read(&master_path).unwrap(),
        std::fs::read(&copy_path).unwrap(),
    );
    let out_path = dir.path().join("取り込み後.ron");
    let out = shinkyu(&[
        "merge-review".as_ref(),
        master_path.as_os_str(),
        copy_path.as_os_str(),
        "-o".as_ref(),
        out_path.as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let merged = load_draft(&out_path).unwrap().draft;
    let comments: usize = merged.rows().map(|(_, _, r)| r.review.comments.len()).sum();
    assert_eq!(comments, 3);
    let first = merged.row(merged.find_row(&ids[0]).unwrap()).unwrap();
    assert_eq!(first.review.state, ReviewState::NeedsFix);
    assert_eq!(
        (
            std::fs::read(&master_path).unwrap(),
            std::fs::read(&copy_path).unwrap()
        ),
        before,
        "the inputs are left as they were"
    );

    // Both edit the same row's text: a conflict, reported with both texts, not lost.
    let mut master2 = master.clone();
    let mut copy2 = copy.clone();
    let (path, _, _) = master2
        .rows()
        .find(|(_, _, r)| r.revised.is_some())
        .unwrap();
    master2.row_mut(path).unwrap().memo = "企画課の判断".into();
    copy2.row_mut(path).unwrap().memo = "課長の判断".into();
    let m2 = save(dir.path(), "マスター2.ron", &master2);
    let c2 = save(dir.path(), "写し2.ron", &copy2);
    let out = shinkyu(&[
        "merge-review".as_ref(),
        m2.as_os_str(),
        c2.as_os_str(),
        "-o".as_ref(),
        out_path.as_os_str(),
        "--prefer".as_ref(),
        "reviewed".as_ref(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("競合"), "{stderr}");
    let merged = load_draft(&out_path).unwrap().draft;
    assert_eq!(merged.row(path).unwrap().memo, "課長の判断");
}

/// Two cities' drafts share their row ids; a reviewer's copy of one, with a comment and a
/// 要修正 on a row both have.
fn two_cities() -> (Draft, Draft) {
    let mut ours = common::small_draft();
    ours.meta.draft_id = shinkyu::model::new_draft_id();
    let mut theirs = common::small_draft();
    theirs.meta.draft_id = shinkyu::model::new_draft_id();
    theirs.meta.plan_name = "別市総合計画".into();
    start_review(&mut theirs, "別市の課長", "2026-11-24T09:00");
    let row = theirs.rows().next().unwrap().2.id.clone();
    assert!(ours.find_row(&row).is_some(), "the same row ids");
    apply_review_edit(
        &mut theirs,
        &ReviewEdit::AddComment {
            row: row.clone(),
            comment: Comment {
                id: "c-1".into(),
                author: "別市の課長".into(),
                date: "2026-11-24T10:00".into(),
                text: "別の市の意見".into(),
                reply_to: None,
            },
        },
    );
    apply_review_edit(
        &mut theirs,
        &ReviewEdit::SetState {
            row,
            state: ReviewState::NeedsFix,
        },
    );
    (ours, theirs)
}

fn merge(master: &Path, reviewed: &Path, output: &Path) -> (Option<i32>, String) {
    let out = shinkyu(&[
        "merge-review".as_ref(),
        master.as_os_str(),
        reviewed.as_os_str(),
        "-o".as_ref(),
        output.as_os_str(),
    ]);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn merge_review_refuses_another_citys_copy_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (ours, theirs) = two_cities();
    let master = save(dir.path(), "素案.ron", &ours);
    let copy = save(dir.path(), "別市の写し.ron", &theirs);
    let before = std::fs::read(&master).unwrap();
    let output = dir.path().join("取り込み後.ron");
    let (code, stderr) = merge(&master, &copy, &output);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(!output.exists(), "nothing written");
    assert!(!shinkyu::io::backup_path(&output).exists());
    assert_eq!(std::fs::read(&master).unwrap(), before);
    assert!(stderr.contains(&ours.display_name()), "{stderr}");
    assert!(stderr.contains(&theirs.display_name()), "{stderr}");
    assert!(stderr.contains("別の下書き"), "{stderr}");
    assert!(
        !stderr.contains("コメントを追加") && !stderr.contains("確認状態を"),
        "no per-row output: {stderr}"
    );
}

/// A draft with an identity and a reviewer's copy of it, saved as 素案.ron and 写し.ron.
fn saved_master_and_copy(dir: &Path) -> (Draft, PathBuf, PathBuf) {
    let mut ours = common::small_draft();
    ours.meta.draft_id = shinkyu::model::new_draft_id();
    let mut copy = ours.clone();
    start_review(&mut copy, "財政課長", "2026-11-24T09:00");
    let master = save(dir, "素案.ron", &ours);
    let copy = save(dir, "写し.ron", &copy);
    (ours, master, copy)
}

#[test]
fn merge_review_into_its_own_master_is_refused_with_code_2() {
    let dir = tempfile::tempdir().unwrap();
    let (_, master, copy) = saved_master_and_copy(dir.path());
    let before = std::fs::read(&master).unwrap();
    let (code, stderr) = merge(&master, &copy, &master);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("何も保存していません"), "{stderr}");
    assert_eq!(std::fs::read(&master).unwrap(), before);
}

#[test]
fn merge_review_counts_only_what_it_took_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut ours = common::small_draft();
    ours.meta.draft_id = shinkyu::model::new_draft_id();
    // The same draft, but its 施策大項目 were replaced: no row is shared.
    let copy = common::with_every_id_prefixed(&ours, "x-");
    let rows = copy.rows().count();
    let master = save(dir.path(), "素案.ron", &ours);
    let copy = save(dir.path(), "写し.ron", &copy);
    let output = dir.path().join("取り込み後.ron");
    let (code, stderr) = merge(&master, &copy, &output);
    assert_eq!(
        code,
        Some(1),
        "saved, but rows could not be taken in: {stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "取り込み 0 件、取り込めなかった行 {rows} 件、競合 0 件"
        )),
        "{stderr}"
    );
    assert_eq!(load_draft(&output).unwrap().draft, ours);
}

#[test]
fn diff_that_cannot_write_its_output_says_2_not_changes() {
    let dir = tempfile::tempdir().unwrap();
    let old = save(dir.path(), "素案1.ron", &common::small_draft());
    let mut edited = common::small_draft();
    edited.policies[0].vision[0].memo = "修正".into();
    let new = save(dir.path(), "素案2.ron", &edited);
    let before = std::fs::read(&old).unwrap();
    let out = shinkyu(&[
        "diff".as_ref(),
        old.as_os_str(),
        new.as_os_str(),
        "-o".as_ref(),
        old.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2), "1 would mean 'changes found'");
    assert_eq!(std::fs::read(&old).unwrap(), before);
}

#[test]
fn merge_review_does_not_write_over_a_draft_someone_is_editing() {
    use shinkyu::io::lock::{Identity, LockOptions, acquire};
    let dir = tempfile::tempdir().unwrap();
    let (ours, master, copy) = saved_master_and_copy(dir.path());
    let output = save(dir.path(), "取り込み後.ron", &ours);
    let before = std::fs::read(&output).unwrap();
    let editing = acquire(
        &output,
        &LockOptions {
            identity: Identity {
                user: "田中".into(),
                host: "KIKAKU-PC01".into(),
            },
            refresh_every: std::time::Duration::ZERO,
            ..LockOptions::default()
        },
    )
    .unwrap();
    let (code, stderr) = merge(&master, &copy, &output);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("田中さん（KIKAKU-PC01）が編集中です"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&output).unwrap(), before);
    editing.release();
    let (code, stderr) = merge(&master, &copy, &output);
    assert_eq!(code, Some(0), "{stderr}");
}
