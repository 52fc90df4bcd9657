//! `shinkyu check`: the checker's findings on the command line.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::output::load_or_report;
use super::{EXIT_FOUND, EXIT_NOT_DONE, EXIT_OK};
use crate::check::{self, Severity};

/// `shinkyu check` の引数.
#[derive(clap::Args, Debug, Clone)]
pub struct CheckArgs {
    /// 検査する下書きファイル
    pub file: PathBuf,
    /// 出力形式（text: 1行に1件、json: 1件ずつのオブジェクトの配列）
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// 表記の辞書（RON）。同梱の辞書に追加されます
    #[arg(long, value_name = "FILE")]
    pub dictionary: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    Text,
    Json,
}

pub(super) fn run(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    run_check(
        &args.file,
        args.format,
        args.dictionary.as_deref(),
        out,
        err,
    )
}

/// `shinkyu check`: prints every finding (suppressed ones marked, with their reason) and
/// returns 0 when no active finding is an error, 1 when one is, 2 when the draft or the
/// dictionary cannot be read.
fn run_check(
    file: &Path,
    format: CheckFormat,
    dictionary: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let checker = match dictionary {
        None => check::Checker::default(),
        Some(path) => match check::Dictionary::load_with_bundled(path) {
            Ok(d) => check::Checker::with_dictionary(d),
            Err(e) => {
                let _ = writeln!(err, "{e}");
                return EXIT_NOT_DONE;
            }
        },
    };
    let loaded = match load_or_report(file, err) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let findings = checker.check(&loaded.draft);
    match format {
        CheckFormat::Text => {
            for f in &findings {
                let suppressed = match &f.suppressed {
                    Some(s) => format!("（抑止済み：{}）", s.reason),
                    None => String::new(),
                };
                let _ = writeln!(
                    out,
                    "{}: {}[{}] {}{suppressed}",
                    f.location.display,
                    f.severity.label(),
                    f.code,
                    f.message
                );
            }
            let (e, w, i) = check::counts(&findings);
            let s = findings.iter().filter(|f| !f.is_active()).count();
            let suppressed = if s > 0 {
                format!("（ほかに抑止済み {s} 件）")
            } else {
                String::new()
            };
            let _ = writeln!(err, "エラー {e} 件、警告 {w} 件、情報 {i} 件{suppressed}");
        }
        CheckFormat::Json => {
            let list: Vec<serde_json::Value> = findings.iter().map(|f| f.to_json()).collect();
            let _ = serde_json::to_writer_pretty(&mut *out, &list);
            let _ = writeln!(out);
        }
    }
    if findings
        .iter()
        .any(|f| f.severity == Severity::Error && f.is_active())
    {
        EXIT_FOUND
    } else {
        EXIT_OK
    }
}
