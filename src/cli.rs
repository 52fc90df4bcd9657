//! The command line: batch work on drafts without the window.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::check::{self, Severity};
use crate::io::{self, LoadError, SaveOptions};
use crate::report::{
    self, ColumnOrder, ExportOptions, Format, HtmlOptions, JsonContent, UnchangedRows, ViewOptions,
    XlsxOptions,
};
use crate::review;

mod japanese;
pub use japanese::JapaneseErrors;

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

    /// 閲覧モードで開きます（課長の確認用：本文は変更できず、コメントと確認状態だけを記録します）
    #[arg(long)]
    pub review: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 下書きを検査し、見つかった問題を表示します（終了コード 0=エラーなし, 1=エラーあり, 2=読めない）
    Check {
        /// 検査する下書きファイル
        file: PathBuf,
        /// 出力形式（text: 1行に1件、json: 1件ずつのオブジェクトの配列）
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// 表記の辞書（RON）。同梱の辞書に追加されます
        #[arg(long, value_name = "FILE")]
        dictionary: Option<PathBuf>,
    },
    /// 新旧対照表などを出力します（HTML・Excel・CSV・JSON）
    #[command(long_about = "下書きから新旧対照表を出力します。\n\
HTML は印刷用（A4横、ネットワーク接続不要の1ファイル）、xlsx は庁内照会用の Excel ブック、\
CSV は1行1比較行（UTF-8 BOM 付き）、JSON は下書き全体（--json comparison で対照表の内容）です。\n\
-o を省略すると、下書きと同じフォルダーに拡張子を変えて書きます。")]
    Export(ExportArgs),
    /// 2つの版（例：素案1と素案2）を比べ、修正のあった行を表示します
    #[command(
        long_about = "2つの版の下書きを行のIDで対応させ、文言・変更区分・評価回答部署の修正、行の追加・削除・移動を表示します。\n\
終了コード：0=修正なし、1=修正あり、2=読めないファイルがある。\n\
text 形式では削除された語句を [-…-]、追加された語句を {+…+} で示します。"
    )]
    Diff {
        /// 前の版
        old: PathBuf,
        /// 新しい版
        new: PathBuf,
        /// 出力形式
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// 出力先（省略すると標準出力）
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// 課長が確認した写しのコメントと確認状態を、元の下書きに取り込みます
    #[command(
        long_about = "確認者の写し（REVIEWED）のコメント・確認状態を、行のIDで元の下書き（MASTER）に取り込み、OUT に保存します。\n\
両方で同じ箇所が変更されている場合（競合）は、--prefer で指定した側を採用し、もう一方の内容も表示します（既定は元の下書き）。\n\
MASTER と REVIEWED は変更しません。終了コード：0=競合なし、1=競合あり（--prefer で解決済み）、2=読めないファイルがある。"
    )]
    MergeReview {
        /// 元の下書き（企画課のマスター）
        master: PathBuf,
        /// 確認者の写し
        reviewed: PathBuf,
        /// 取り込んだ結果の保存先
        #[arg(short, long)]
        output: PathBuf,
        /// 競合したときに採用する側
        #[arg(long, value_enum, default_value_t = PreferArg::Master)]
        prefer: PreferArg,
    },
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

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PreferArg {
    /// 元の下書き（マスター）を採用
    Master,
    /// 確認者の写しを採用
    Reviewed,
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
    /// 課長のコメントと確認状態を「確認状況」の列として付けます（HTML）
    #[arg(long)]
    pub review: bool,
    /// 前の版の下書き：「前回からの主な修正内容」を集計の後に付けます（HTML）
    #[arg(long, value_name = "OLD.ron")]
    pub since: Option<PathBuf>,
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
                review_column: self.review,
                changes: None,
            },
            xlsx: XlsxOptions { findings },
            json: match self.json {
                JsonArg::Draft => JsonContent::Draft,
                JsonArg::Comparison => JsonContent::Comparison,
            },
        }
    }
}

/// Parses the process's arguments with the help, usage and error texts in Japanese; prints help,
/// the version or an argument error and exits, as clap does (exit code 2 for a wrong argument).
pub fn parse() -> Cli {
    let matches = command()
        .try_get_matches()
        .unwrap_or_else(|e| e.apply::<JapaneseErrors>().exit());
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.apply::<JapaneseErrors>().exit())
}

/// The command line as clap sees it, its own headings, flags and value lists in Japanese (the
/// help texts of the arguments are Japanese already).
pub fn command() -> clap::Command {
    japanese::localize(Cli::command(), true)
}

/// Runs a subcommand, writing to the given streams; returns the exit code.
pub fn run_command(cmd: &Command, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match cmd {
        Command::Check {
            file,
            format,
            dictionary,
        } => run_check(file, *format, dictionary.as_deref(), out, err),
        Command::Export(args) => run_export(args, out, err),
        Command::Diff {
            old,
            new,
            format,
            output,
        } => run_diff(old, new, *format, output.as_deref(), out, err),
        Command::MergeReview {
            master,
            reviewed,
            output,
            prefer,
        } => run_merge_review(master, reviewed, output, *prefer, err),
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
                return EXIT_UNREADABLE;
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
    let mut opts = args.options(&loaded.draft);
    if let Some(old) = &args.since {
        let previous = match load_or_report(old, err) {
            Ok(l) => l,
            Err(code) => return code,
        };
        opts.html.changes = Some(review::compare_versions(&previous.draft, &loaded.draft));
    }
    let bytes = match report::export(&loaded.draft, format, &opts) {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(err, "{}: 出力エラー: {e}", file.display());
            return EXIT_ERRORS;
        }
    };
    let target = match args.output.as_deref() {
        Some(p) if p == Path::new("-") => None,
        Some(p) => Some(p.to_path_buf()),
        None => Some(file.with_extension(format.extension())),
    };
    write_output(&bytes, target.as_deref(), &[file], out, err)
}

/// Writes an output to a file (atomically, never over one of `inputs`) or, with `None`, to
/// standard output. Returns the exit code.
fn write_output(
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
                EXIT_ERRORS
            }
        };
    };
    if inputs.iter().any(|i| same_file(target, i)) {
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
    match io::write_atomic(target, bytes, &save) {
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
        DiffFormat::Text => version_diff_text(&diff).into_bytes(),
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
    if diff.is_empty() {
        EXIT_OK
    } else {
        EXIT_ERRORS
    }
}

/// The version diff as text: a line per changed row, then the changed texts with deletions in
/// `[-…-]` and insertions in `{+…+}`.
pub fn version_diff_text(diff: &review::VersionDiff) -> String {
    let mut s = String::new();
    for h in &diff.headers {
        s.push_str(&format!(
            "{h}: 見出し部分（大項目名・アンケート・市民の声・SDGs・成果指標）の修正\n"
        ));
    }
    for c in &diff.changes {
        s.push_str(&format!("{}: {}\n", c.location, c.summary()));
        if let Some(from) = &c.moved_from {
            s.push_str(&format!("    移動前: {from}\n"));
        }
        if let Some((a, b)) = &c.departments {
            s.push_str(&format!(
                "    評価回答部署: {} → {}\n",
                a.join("、"),
                b.join("、")
            ));
        }
        for (what, d) in [
            ("現行", &c.current),
            ("改定案", &c.revised),
            ("メモ", &c.memo),
        ] {
            let Some(d) = d else { continue };
            s.push_str(&format!(
                "    {what}: {}\n",
                inline_diff(d).replace('\n', "\n        ")
            ));
        }
    }
    s
}

/// One text with both sides' changes inline, in document order: `[-old-]{+new+}`. The
/// unchanged runs of both sides spell the same text; they are walked together.
fn inline_diff(d: &crate::diff::TextDiff) -> String {
    let unchanged = |segs: &[crate::diff::Segment]| -> String {
        segs.iter()
            .filter(|s| !s.changed)
            .map(|s| s.text.as_str())
            .collect()
    };
    let whole = |segs: &[crate::diff::Segment]| -> String {
        segs.iter().map(|s| s.text.as_str()).collect()
    };
    if unchanged(&d.old) != unchanged(&d.new) {
        // Not a common-subsequence diff: show the whole texts as replaced.
        return format!("[-{}-]{{+{}+}}", whole(&d.old), whole(&d.new));
    }
    let mut s = String::new();
    let (mut i, mut io) = (0, 0); // old segment, byte offset in it
    let (mut j, mut jo) = (0, 0);
    loop {
        while let Some(o) = d.old.get(i).filter(|o| o.changed) {
            s.push_str(&format!("[-{}-]", o.text));
            i += 1;
        }
        while let Some(n) = d.new.get(j).filter(|n| n.changed) {
            s.push_str(&format!("{{+{}+}}", n.text));
            j += 1;
        }
        let (Some(o), Some(n)) = (d.old.get(i), d.new.get(j)) else {
            break;
        };
        let (a, b) = (&o.text[io..], &n.text[jo..]);
        let k = a.len().min(b.len());
        s.push_str(&a[..k]);
        io += k;
        jo += k;
        if io == o.text.len() {
            i += 1;
            io = 0;
        }
        if jo == n.text.len() {
            j += 1;
            jo = 0;
        }
    }
    s
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
    let (m, r) = match (load_or_report(master, err), load_or_report(reviewed, err)) {
        (Ok(a), Ok(b)) => (a.draft, b.draft),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let mut outcome = review::merge_review(&m, &r);
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
    if [master, reviewed].iter().any(|i| same_file(output, i)) {
        let _ = writeln!(
            err,
            "保存先が入力と同じファイルです。元のファイルを残すため、別の名前を -o で指定してください。"
        );
        return EXIT_ERRORS;
    }
    match io::save_draft(output, &outcome.merged, &SaveOptions::default()) {
        Ok(_) => {
            let side = match prefer {
                PreferArg::Master => "元の下書き",
                PreferArg::Reviewed => "確認者の写し",
            };
            let _ = writeln!(
                err,
                "{} に保存しました（取り込み {} 件、競合 {} 件{}）。",
                output.display(),
                outcome.events.len(),
                conflicts,
                if conflicts > 0 {
                    format!("は{side}の内容を採用")
                } else {
                    String::new()
                }
            );
            if conflicts > 0 { EXIT_ERRORS } else { EXIT_OK }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Removes one kind of marked run from an inline diff.
    fn without(s: &str, open: &str, close: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find(open) {
            out.push_str(&rest[..i]);
            let after = &rest[i + open.len()..];
            let j = after.find(close).expect("closed");
            rest = &after[j + close.len()..];
        }
        out.push_str(rest);
        out
    }

    fn unwrap(s: &str, open: &str, close: &str) -> String {
        s.replace(open, "").replace(close, "")
    }

    #[test]
    fn inline_diffs_keep_both_texts_for_every_row_of_the_bundled_draft() {
        let draft = crate::io::parse_draft(crate::BUNDLED_DRAFT).unwrap();
        let mut checked = 0;
        for (path, _, row) in draft.rows() {
            use crate::model::SideKind;
            let a = row.side_text(SideKind::Current, path.block);
            let b = row.side_text(SideKind::Revised, path.block);
            let d = crate::diff::diff_text(&a, &b);
            let inline = inline_diff(&d);
            let old = unwrap(&without(&inline, "{+", "+}"), "[-", "-]");
            let new = unwrap(&without(&inline, "[-", "-]"), "{+", "+}");
            assert_eq!(old, a, "{}", draft.row_location(path));
            assert_eq!(new, b, "{}", draft.row_location(path));
            checked += 1;
        }
        assert!(checked > 100);
    }
}
