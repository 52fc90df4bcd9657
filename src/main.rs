//! shinkyu: with no subcommand, the desktop editor; with one, batch work on drafts.

// No console window when the editor starts on Windows; subcommands attach to the parent's.
#![cfg_attr(windows, windows_subsystem = "windows")]

use shinkyu::cli::run_command;

fn main() {
    // Before parsing, so that --help, --version and argument errors reach the command prompt.
    shinkyu::console::attach_parent_console();
    let cli = shinkyu::cli::parse();
    match &cli.command {
        Some(cmd) => {
            let code = run_command(cmd, &mut std::io::stdout(), &mut std::io::stderr());
            std::process::exit(code);
        }
        None => run_gui(cli.file, cli.renderer, cli.review),
    }
}

#[cfg(feature = "gui")]
fn run_gui(
    file: Option<std::path::PathBuf>,
    renderer: Option<shinkyu::cli::RendererArg>,
    review: bool,
) {
    use shinkyu::app::platform::RendererChoice;
    use shinkyu::cli::RendererArg;
    let renderer = renderer.map(|r| match r {
        RendererArg::Wgpu => RendererChoice::Wgpu,
        RendererArg::Glow => RendererChoice::Glow,
    });
    std::process::exit(shinkyu::app::run(file, renderer, review));
}

#[cfg(not(feature = "gui"))]
fn run_gui(
    _file: Option<std::path::PathBuf>,
    _renderer: Option<shinkyu::cli::RendererArg>,
    _review: bool,
) {
    eprintln!(
        "この shinkyu は画面（エディタ）なしで作られています。`shinkyu check` と `shinkyu export` を使ってください。"
    );
    std::process::exit(2);
}
