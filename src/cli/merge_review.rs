//! `shinkyu merge-review`: bring a reviewer's comments and review states back into the master.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::output::load_or_report;
use super::{EXIT_FOUND, EXIT_NOT_DONE, EXIT_OK};
use crate::io::{self, SaveOptions};
use crate::review;

/// `shinkyu merge-review` の引数.
#[derive(clap::Args, Debug, Clone)]
pub struct MergeReviewArgs {
    /// 元の下書き（企画課のマスター）
    pub master: PathBuf,
    /// 確認者の写し
    pub reviewed: PathBuf,
    /// 取り込んだ結果の保存先
    #[arg(short, long)]
    pub output: PathBuf,
    /// 競合したときに採用する側
    #[arg(long, value_enum, default_value_t = PreferArg::Master)]
    pub prefer: PreferArg,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PreferArg {
    /// 元の下書き（マスター）を採用
    Master,
    /// 確認者の写しを採用
    Reviewed,
}

pub(super) fn run(args: &MergeReviewArgs, err: &mut dyn Write) -> i32 {
    run_merge_review(&args.master, &args.reviewed, &args.output, args.prefer, err)
}

/// The parts of a row that differ between two versions: (what, first, second).
fn conflicting_texts(
    a: &crate::model::Row,
    b: &crate::model::Row,
    kind: crate::model::BlockKind,
) -> Vec<(&'static str, String, String)> {
    use crate::model::SideKind;
    let status = |r: &crate::model::Row| r.status.map_or("（なし）", |s| s.label()).to_string();
    let mut out = Vec::new();
    for (what, x, y) in [
        ("変更区分", status(a), status(b)),
        (
            "現行",
            a.side_text(SideKind::Current, kind),
            b.side_text(SideKind::Current, kind),
        ),
        (
            "改定案",
            a.side_text(SideKind::Revised, kind),
            b.side_text(SideKind::Revised, kind),
        ),
        ("メモ", a.memo.clone(), b.memo.clone()),
    ] {
        if x != y {
            out.push((what, x, y));
        }
    }
    out
}

fn run_merge_review(
    master: &Path,
    reviewed: &Path,
    output: &Path,
    prefer: PreferArg,
    err: &mut dyn Write,
) -> i32 {
    // Every refusal comes before any per-row output, and writes nothing.
    let (m, r) = match (load_or_report(master, err), load_or_report(reviewed, err)) {
        (Ok(a), Ok(b)) => (a.draft, b.draft),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    if [master, reviewed].iter().any(|i| io::same_file(output, i)) {
        let _ = writeln!(
            err,
            "保存先が入力と同じファイルです。元のファイルを残すため、別の名前を -o で指定してください。何も保存していません。"
        );
        return EXIT_NOT_DONE;
    }
    // Someone has the output open in the editor: their next save would undo this one.
    if let io::lock::LockState::HeldBy(owner) =
        io::lock::inspect(output, &io::lock::LockOptions::default())
    {
        let _ = writeln!(
            err,
            "{}: {}（{} から）。閉じてもらってから、もう一度実行してください。何も保存していません。",
            output.display(),
            owner.message(),
            owner.since_text()
        );
        return EXIT_NOT_DONE;
    }
    let mut outcome = match review::merge_review(&m, &r) {
        Ok(outcome) => outcome,
        Err(refusal) => {
            let _ = writeln!(err, "{}: {refusal}", reviewed.display());
            return EXIT_NOT_DONE;
        }
    };
    for e in &outcome.events {
        let _ = writeln!(err, "{}", e.describe());
    }
    let conflicts = outcome.conflicts.len();
    for c in &outcome.conflicts {
        let _ = writeln!(err, "競合: {}", c.describe());
        match &c.kind {
            review::ConflictKind::Text { master, reviewed } => {
                let kind = outcome
                    .merged
                    .find_row(&c.row)
                    .map_or(crate::model::BlockKind::Vision, |p| p.block);
                for (what, a, b) in conflicting_texts(master, reviewed, kind) {
                    let indent = |t: &str| t.replace('\n', "\n        ");
                    let _ = writeln!(
                        err,
                        "    {what}\n      元の下書き: {}\n      確認者の写し: {}",
                        indent(&a),
                        indent(&b)
                    );
                }
            }
            review::ConflictKind::State { master, reviewed } => {
                let _ = writeln!(
                    err,
                    "    元の下書き: {} / 確認者の写し: {}",
                    master.label(),
                    reviewed.label()
                );
            }
            review::ConflictKind::Comment { master, reviewed } => {
                let _ = writeln!(
                    err,
                    "    元の下書き: {}\n    確認者の写し: {}",
                    master.text, reviewed.text
                );
            }
        }
    }
    outcome.resolve_all(match prefer {
        PreferArg::Master => review::Resolution::Master,
        PreferArg::Reviewed => review::Resolution::Reviewed,
    });
    match io::save_draft(output, &outcome.merged, &SaveOptions::default()) {
        Ok(_) => {
            let side = match prefer {
                PreferArg::Master => "元の下書き",
                PreferArg::Reviewed => "確認者の写し",
            };
            let not_taken = outcome.not_taken_in();
            let _ = writeln!(
                err,
                "{} に保存しました（取り込み {} 件、{}競合 {} 件{}）。",
                output.display(),
                outcome.taken_in(),
                if not_taken > 0 {
                    format!("取り込めなかった行 {not_taken} 件、")
                } else {
                    String::new()
                },
                conflicts,
                if conflicts > 0 {
                    format!("は{side}の内容を採用")
                } else {
                    String::new()
                }
            );
            if conflicts > 0 || not_taken > 0 {
                EXIT_FOUND
            } else {
                EXIT_OK
            }
        }
        Err(e) => {
            let _ = writeln!(err, "{e}");
            EXIT_NOT_DONE
        }
    }
}
