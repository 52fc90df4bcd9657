//! shinkyu: with no subcommand, the desktop editor; with one, batch work on drafts.

// No console window when the editor starts on Windows; subcommands attach to the parent's.
#![cfg_attr(windows, windows_subsystem = "windows")]

use clap::Parser;
use shinkyu::cli::{Cli, run_command};

fn main() {
    // Before parsing, so that --help, --version and argument errors reach the command prompt.
    shinkyu::console::attach_parent_console();
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
