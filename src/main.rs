//! shinkyu: with no subcommand, the desktop editor; with one, batch work on drafts.

use clap::Parser;
use shinkyu::cli::{Cli, run_command};

fn main() {
    let cli = Cli::parse();
    match &cli.command {
        Some(cmd) => {
            let code = run_command(cmd, &mut std::io::stdout(), &mut std::io::stderr());
            std::process::exit(code);
        }
        None => run_gui(cli.file),
    }
}

fn run_gui(_file: Option<std::path::PathBuf>) {
    eprintln!(
        "画面（エディタ）はまだ組み込まれていません。`shinkyu check` と `shinkyu export` を使ってください。"
    );
    std::process::exit(2);
}
