//! The command line: batch work on drafts without the window.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::{self, Severity};
use crate::io::{self, LoadError, SaveOptions};
use crate::report::{
    self, ColumnOrder, ExportOptions, Format, HtmlOptions, JsonContent, UnchangedRows, ViewOptions,
    XlsxOptions,
};

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
    /// 新旧対照表などを出力します（HTML・Excel・CSV・JSON）
    #[command(long_about = "下書きから新旧対照表を出力します。\n\
HTML は印刷用（A4横、ネットワーク接続不要の1ファイル）、xlsx は庁内照会用の Excel ブック、\
CSV は1行1比較行（UTF-8 BOM 付き）、JSON は下書き全体（--json comparison で対照表の内容）です。\n\
-o を省略すると、下書きと同じフォルダーに拡張子を変えて書きます。")]
    Export(ExportArgs),
}

/// `shinkyu export` の引数.
#[derive(clap::Args, Debug, Clone)]
pub struct ExportArgs {
    /// 出力する下書きファイル
    pub file: PathBuf,
    /// 出力形式
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// 出力先（省略すると下書きと同じフォルダーに拡張子を変えて書きます。「-」で標準出力）
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// 列の並び（HTML）：current-left＝現行を左（既定）、revised-left＝改定案を左（例規の新旧対照表の並び）
    #[arg(long, value_enum, default_value_t = ColumnOrderArg::CurrentLeft)]
    pub order: ColumnOrderArg,
    /// 変更のない行の表示（HTML）：full＝両欄に全文（既定）、placeholder＝改定案欄に「（変更なし）」
    #[arg(long, value_enum, default_value_t = UnchangedArg::Full)]
    pub unchanged: UnchangedArg,
    /// 備考（変更理由・各課意見）の列を付けます（HTML。Excel には常に付きます）
    #[arg(long)]
    pub memo: bool,
    /// 検査結果を付録として付けます（HTML は付録、Excel は「検査結果」シート）
    #[arg(long)]
    pub findings: bool,
    /// JSON の内容：draft＝下書き全体（既定）、comparison＝新旧対照表の行と変更箇所
    #[arg(long, value_enum, default_value_t = JsonArg::Draft)]
    pub json: JsonArg,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnOrderArg {
    /// 現行を左
    CurrentLeft,
    /// 改定案を左（例規の並び）
    RevisedLeft,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnchangedArg {
    /// 両欄に全文
    Full,
    /// 改定案欄に「（変更なし）」
    Placeholder,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonArg {
    /// 下書き全体
    Draft,
    /// 新旧対照表の行と変更箇所
    Comparison,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckFormat {
    Text,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// 印刷用の新旧対照表（1ファイルの HTML）
    Html,
    /// Excel ブック（概要と施策大項目ごとのシート）
    Xlsx,
    /// CSV（1行1比較行、UTF-8 BOM 付き）
    Csv,
    /// JSON
    Json,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::Html => Format::Html,
            ExportFormat::Xlsx => Format::Xlsx,
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Json => Format::Json,
        }
    }
}

impl ExportArgs {
    /// The exporters' options these flags ask for (the checker runs only with `--findings`).
    pub fn options(&self, draft: &crate::model::Draft) -> ExportOptions {
        let findings = self.findings.then(|| report::findings_appendix(draft));
        ExportOptions {
            view: ViewOptions::default(),
            html: HtmlOptions {
                column_order: match self.order {
                    ColumnOrderArg::CurrentLeft => ColumnOrder::CurrentLeft,
                    ColumnOrderArg::RevisedLeft => ColumnOrder::RevisedLeft,
                },
                unchanged: match self.unchanged {
                    UnchangedArg::Full => UnchangedRows::Full,
                    UnchangedArg::Placeholder => UnchangedRows::Placeholder,
                },
                memo_column: self.memo,
                findings: findings.clone(),
            },
            xlsx: XlsxOptions { findings },
            json: match self.json {
                JsonArg::Draft => JsonContent::Draft,
                JsonArg::Comparison => JsonContent::Comparison,
            },
        }
    }
}

/// Runs a subcommand, writing to the given streams; returns the exit code.
pub fn run_command(cmd: &Command, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match cmd {
        Command::Check { file, format } => run_check(file, *format, out, err),
        Command::Export(args) => run_export(args, out, err),
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

fn run_export(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let file = args.file.as_path();
    let format: Format = args.format.into();
    let loaded = match load_or_report(file, err) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let opts = args.options(&loaded.draft);
    let bytes = match report::export(&loaded.draft, format, &opts) {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(err, "{}: 出力エラー: {e}", file.display());
            return EXIT_ERRORS;
        }
    };
    let target = match args.output.as_deref() {
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
    let save = SaveOptions {
        backup: false,
        ..SaveOptions::default()
    };
    match io::write_atomic(&target, &bytes, &save) {
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
