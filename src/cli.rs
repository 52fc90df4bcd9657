//! The command line: batch work on drafts without the window.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::{self, Severity};
use crate::io::{self, LoadError, SaveOptions};
use crate::report::{self, Format};

/// Exit code: the command did its job and found no errors.
pub const EXIT_OK: i32 = 0;
/// Exit code: `check` found errors, or an output could not be written.
pub const EXIT_ERRORS: i32 = 1;
/// Exit code: the input file could not be read.
pub const EXIT_UNREADABLE: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "shinkyu",
    version,
    about = "新旧 — 総合振興計画 改定案の編集・検査・新旧対照表の出力",
    long_about = "引数なしで起動するとエディタ画面を開きます。ファイルを指定するとそのファイルを開きます。\nサブコマンドで検査や出力を画面なしで実行できます。",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// 開く下書きファイル（.ron）。省略すると同梱の下書きを開きます
    pub file: Option<PathBuf>,

    /// 画面の描画方式（省略すると wgpu を試し、だめなら glow。環境変数 SHINKYU_RENDERER でも指定できます）
    #[arg(long, value_enum)]
    pub renderer: Option<RendererArg>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 下書きを検査し、見つかった問題を表示します（終了コード 0=エラーなし, 1=エラーあり, 2=読めない）
    Check {
        /// 検査する下書きファイル
        file: PathBuf,
        /// 出力形式
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
    },
    /// 新旧対照表などを出力します
    Export {
        /// 出力する下書きファイル
        file: PathBuf,
        /// 出力形式
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// 出力先（省略すると下書きと同じフォルダーに拡張子を変えて書きます。「-」で標準出力）
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

/// The renderer of the window.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RendererArg {
    /// wgpu（Vulkan / DirectX 12 / Metal）
    Wgpu,
    /// glow（OpenGL）
    Glow,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    Text,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Json => Format::Json,
        }
    }
}

/// Runs a subcommand, writing to the given streams; returns the exit code.
pub fn run_command(cmd: &Command, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match cmd {
        Command::Check { file, format } => run_check(file, *format, out, err),
        Command::Export {
            file,
            format,
            output,
        } => run_export(file, (*format).into(), output.as_deref(), out, err),
    }
}

fn load_or_report(file: &Path, err: &mut dyn Write) -> Result<io::Loaded, i32> {
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
    let _ = match e {
        LoadError::Syntax(s) => writeln!(
            err,
            "{}:{}:{}: 読み込みエラー: {}\n    {}",
            file.display(),
            s.line,
            s.column,
            s.message,
            s.source_line.trim_end()
        ),
        other => writeln!(err, "{}: 読み込みエラー: {other}", file.display()),
    };
}

fn run_check(file: &Path, format: CheckFormat, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let loaded = match load_or_report(file, err) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let findings = check::check_draft(&loaded.draft);
    match format {
        CheckFormat::Text => {
            for f in &findings {
                let _ = writeln!(
                    out,
                    "{}: {}[{}] {}",
                    f.location.display,
                    f.severity.label(),
                    f.code,
                    f.message
                );
            }
            let (e, w, i) = check::counts(&findings);
            let _ = writeln!(err, "エラー {e} 件、警告 {w} 件、情報 {i} 件");
        }
        CheckFormat::Json => {
            let _ = serde_json::to_writer_pretty(&mut *out, &findings);
            let _ = writeln!(out);
        }
    }
    if findings.iter().any(|f| f.severity == Severity::Error) {
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

fn run_export(
    file: &Path,
    format: Format,
    output: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let loaded = match load_or_report(file, err) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let bytes = match format {
        Format::Csv => report::csv::to_csv(&loaded.draft),
        Format::Json => report::json::to_json(&loaded.draft),
    };
    let target = match output {
        Some(p) if p == Path::new("-") => {
            return match out.write_all(&bytes) {
                Ok(()) => EXIT_OK,
                Err(e) => {
                    let _ = writeln!(err, "出力に失敗しました: {}", io::io_reason(&e));
                    EXIT_ERRORS
                }
            };
        }
        Some(p) => p.to_path_buf(),
        None => file.with_extension(format.extension()),
    };
    if same_file(&target, file) {
        let _ = writeln!(
            err,
            "出力先が入力の下書きと同じファイルです。別の名前を -o で指定してください。"
        );
        return EXIT_ERRORS;
    }
    let opts = SaveOptions {
        backup: false,
        ..SaveOptions::default()
    };
    match io::write_atomic(&target, &bytes, &opts) {
        Ok(_) => {
            let _ = writeln!(err, "{} に出力しました。", target.display());
            EXIT_OK
        }
        Err(e) => {
            let _ = writeln!(err, "{e}");
            EXIT_ERRORS
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}
