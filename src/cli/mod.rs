//! The command line: batch work on drafts without the window.
//!
//! One file per subcommand (its arguments and its `run`); this file holds the top-level
//! [`Cli`], the [`Command`] enum that lists the subcommands, and the dispatch. Shared helpers
//! (reading a draft with a Japanese error, writing an output atomically) are in [`output`].

use std::io::Write;
use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

mod check;
mod diff;
mod export;
mod inquiry;
mod japanese;
mod merge_review;
mod new;
mod output;
mod rules;

pub use check::{CheckArgs, CheckFormat};
pub use diff::{DiffArgs, DiffFormat};
pub use export::{ColumnOrderArg, ExportArgs, ExportFormat, JsonArg, UnchangedArg};
pub use inquiry::{
    ImportFormat, InquiryArgs, InquiryCommand, InquiryExportArgs, InquiryImportArgs, plan_text,
};
pub use japanese::JapaneseErrors;
pub use merge_review::{MergeReviewArgs, PreferArg};
pub use new::NewArgs;
pub use rules::RulesArgs;

/// Exit code: the command did its job and has nothing to point out.
pub const EXIT_OK: i32 = 0;
/// Exit code: the command did its job (whatever it writes is written) and found something to
/// look at: `check` errors, `diff` changes, `merge-review` conflicts (resolved by `--prefer`) or
/// rows it could not take in.
pub const EXIT_FOUND: i32 = 1;
/// Exit code: the command was refused or failed, and wrote nothing: an input could not be read,
/// `merge-review` was given a copy of another draft, the output names an input, or the output
/// could not be written. Also clap's code for a mistyped command line.
pub const EXIT_NOT_DONE: i32 = 2;

/// The exit codes, as `--help` shows them (the table is in docs/cli.md).
const EXIT_CODES_HELP: &str = "終了コード:\n  0  完了（指摘なし）\n  1  完了。見てほしいものがある（check: エラー、diff: 修正あり、merge-review: 競合または取り込めなかった行）\n  2  何も書いていない（読めないファイル、別の下書きの写し、出力先が入力と同じ、書き込みに失敗、コマンドの誤り）";

#[derive(Parser, Debug)]
#[command(
    name = "shinkyu",
    version,
    about = "新旧 — 総合振興計画 改定案の編集・検査・新旧対照表の出力",
    long_about = "引数なしで起動するとエディタ画面を開きます。ファイルを指定するとそのファイルを開きます。\nサブコマンドで検査や出力を画面なしで実行できます。",
    after_help = EXIT_CODES_HELP,
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
    /// 新しい分野の下書きを作成します（施策大項目ごとに空の欄を用意します。既存のファイルは上書きしません）
    #[command(
        long_about = "計画名・分野・施策大項目の名称から、新しい下書きファイルを作成します。\n\
施策大項目ごとに、現況と課題・めざす姿・施策中項目・協働による取組・関連計画・主な事業の欄を空で用意します。\n\
OUT.ron がすでにある場合は上書きせず、終了コード 2 で終わります。終了コード：0=作成した、2=何も書いていない（ファイルがすでにある、指定が足りない、書き込めなかった）。"
    )]
    New(NewArgs),
    /// 下書きを検査し、見つかった問題を表示します（終了コード 0=エラーなし, 1=エラーあり, 2=読めない）
    Check(CheckArgs),
    /// 新旧対照表などを出力します（HTML・Word・Excel・CSV・JSON）
    #[command(long_about = "下書きから新旧対照表を出力します。\n\
HTML は印刷用（A4横、ネットワーク接続不要の1ファイル）、docx は Word で編集できる文書（A4横）、\
xlsx は庁内照会用の Excel ブック、\
CSV は1行1比較行（UTF-8 BOM 付き）、JSON は下書き全体（--json comparison で対照表の内容）です。\n\
-o を省略すると、下書きと同じフォルダーに拡張子を変えて書きます。\n\
終了コード：0=出力した、2=何も書いていない（読めないファイル、出力先が入力と同じ、書き込みに失敗）。")]
    Export(ExportArgs),
    /// 2つの版（例：素案1と素案2）を比べ、修正のあった行を表示します
    #[command(
        long_about = "2つの版の下書きを行のIDで対応させ、文言・変更区分・評価回答部署の修正、行の追加・削除・移動を表示します。\n\
終了コード：0=修正なし、1=修正あり、2=何も書いていない（読めないファイル、出力先が入力と同じ、書き込みに失敗）。\n\
text 形式では削除された語句を [-…-]、追加された語句を {+…+} で示します。"
    )]
    Diff(DiffArgs),
    /// 課長が確認した写しのコメントと確認状態を、元の下書きに取り込みます
    #[command(
        long_about = "確認者の写し（REVIEWED）のコメント・確認状態を、行のIDで元の下書き（MASTER）に取り込み、OUT に保存します。\n\
両方で同じ箇所が変更されている場合（競合）は、--prefer で指定した側を採用し、もう一方の内容も表示します（既定は元の下書き）。\n\
MASTER と REVIEWED は変更しません。別の下書き（他の市や分野）の写しは取り込みません。\n\
終了コード：0=保存した、1=保存したが競合（--prefer で解決済み）または取り込めなかった行がある、\
2=何も保存していない（読めないファイル、別の下書きの写し、保存先が入力と同じ、書き込みに失敗）。"
    )]
    MergeReview(MergeReviewArgs),
    /// 検査の規則を一覧にします。コードを指定すると、その規則の説明と例を表示します
    #[command(
        long_about = "検査の規則（コード・重大度・分類・内容）を一覧にします。\n\
コードを指定すると（例: shinkyu rules JPN001）、その規則が何を調べるか、理由、例、直し方を表示します。\n\
終了コード：0=表示した、2=そのコードの規則がない。"
    )]
    Rules(RulesArgs),
    /// 庁内照会：各課への照会様式（Excel）の出力と、各課の回答の取り込み
    Inquiry(InquiryArgs),
}

/// The renderer of the window.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum RendererArg {
    /// wgpu（Vulkan / DirectX 12 / Metal）
    Wgpu,
    /// glow（OpenGL）
    Glow,
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
        Command::Check(args) => check::run(args, out, err),
        Command::Export(args) => export::run(args, out, err),
        Command::Diff(args) => diff::run(args, out, err),
        Command::MergeReview(args) => merge_review::run(args, err),
        Command::Rules(args) => rules::run(args, out, err),
        Command::Inquiry(args) => inquiry::run(args, out, err),
        Command::New(args) => new::run(args, err),
    }
}
