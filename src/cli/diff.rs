//! `shinkyu diff`: the rows changed between two versions of a draft.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::output::{load_or_report, write_output};
use super::{EXIT_FOUND, EXIT_OK};
use crate::report;
use crate::review;

/// `shinkyu diff` の引数.
#[derive(clap::Args, Debug, Clone)]
pub struct DiffArgs {
    /// 前の版
    pub old: PathBuf,
    /// 新しい版
    pub new: PathBuf,
    /// 出力形式
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// 出力先（省略すると標準出力）
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffFormat {
    /// 1行1修正のテキスト
    Text,
    /// 修正の一覧（JSON）
    Json,
    /// 印刷できる比較表（HTML）
    Html,
}

pub(super) fn run(args: &DiffArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    run_diff(
        &args.old,
        &args.new,
        args.format,
        args.output.as_deref(),
        out,
        err,
    )
}

fn run_diff(
    old: &Path,
    new: &Path,
    format: DiffFormat,
    output: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let (old_draft, new_draft) = match (load_or_report(old, err), load_or_report(new, err)) {
        (Ok(a), Ok(b)) => (a.draft, b.draft),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let diff = review::compare_versions(&old_draft, &new_draft);
    let bytes = match format {
        DiffFormat::Text => report::version_diff_text(&diff).into_bytes(),
        DiffFormat::Json => {
            let mut s = serde_json::to_string_pretty(&diff).expect("a diff serializes");
            s.push('\n');
            s.into_bytes()
        }
        DiffFormat::Html => report::html::version_diff_html(&diff, &new_draft.meta),
    };
    let target = output.filter(|p| *p != Path::new("-"));
    let code = write_output(&bytes, target, &[old, new], out, err);
    if code != EXIT_OK {
        return code;
    }
    let _ = writeln!(
        err,
        "修正のあった行 {} 件、見出し部分の修正 {} 件",
        diff.changes.len(),
        diff.headers.len()
    );
    if diff.is_empty() { EXIT_OK } else { EXIT_FOUND }
}
