//! What every subcommand shares: reading a draft (its problems reported in Japanese) and
//! writing an output atomically, never over an input.

use std::io::Write;
use std::path::Path;

use super::{EXIT_NOT_DONE, EXIT_OK};
use crate::io::{self, LoadError, SaveOptions};

/// Reads a draft; on failure prints why (with line and column for a syntax error) and returns
/// the exit code.
pub(super) fn load_or_report(file: &Path, err: &mut dyn Write) -> Result<io::Loaded, i32> {
    match io::load_draft(file) {
        Ok(loaded) => {
            for note in &loaded.notes {
                let _ = writeln!(err, "{}: 情報: {note}", file.display());
            }
            Ok(loaded)
        }
        Err(e) => {
            report_load_error(file, &e, err);
            Err(e.exit_code())
        }
    }
}

fn report_load_error(file: &Path, e: &LoadError, err: &mut dyn Write) {
    let _ = match e.position() {
        Some((line, column, excerpt)) => writeln!(
            err,
            "{}:{line}:{column}: 読み込みエラー: {}\n    {}",
            file.display(),
            e.what(),
            excerpt.trim_end()
        ),
        None => writeln!(err, "{}: 読み込みエラー: {e}", file.display()),
    };
}

/// Writes an output to a file (atomically, never over one of `inputs`) or, with `None`, to
/// standard output. Returns the exit code.
pub(super) fn write_output(
    bytes: &[u8],
    target: Option<&Path>,
    inputs: &[&Path],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let Some(target) = target else {
        return match out.write_all(bytes) {
            Ok(()) => EXIT_OK,
            Err(e) => {
                let _ = writeln!(err, "出力に失敗しました: {}", io::io_reason(&e));
                EXIT_NOT_DONE
            }
        };
    };
    if inputs.iter().any(|i| io::same_file(target, i)) {
        let _ = writeln!(
            err,
            "出力先が入力の下書きと同じファイルです。別の名前を -o で指定してください。何も書いていません。"
        );
        return EXIT_NOT_DONE;
    }
    let save = SaveOptions {
        backup: false,
        ..SaveOptions::default()
    };
    match io::write_atomic(target, bytes, &save) {
        Ok(_) => {
            let _ = writeln!(err, "{} に出力しました。", target.display());
            EXIT_OK
        }
        Err(e) => {
            let _ = writeln!(err, "{e}");
            EXIT_NOT_DONE
        }
    }
}
