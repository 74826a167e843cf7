//! The `shiquan` binary: parses the arguments, then runs a headless command or opens the window.

use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use shiquan::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    let lang = args.lang.into();
    if let Some(command) = &args.command {
        return cli::run(command, lang);
    }
    // The window arrives with the `gui` feature's `ui` module; until then, say how to use the
    // headless commands.
    let _ = Cli::command().print_help();
    ExitCode::SUCCESS
}
