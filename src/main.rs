//! The `shiquan` binary: parses the arguments, then runs a headless command or opens the window.

use std::process::ExitCode;

#[cfg(not(feature = "gui"))]
use clap::CommandFactory;
use clap::Parser;
use shiquan::cli::{self, Cli};

/// mimalloc rather than the system allocator: reading a province's list and analysing it make
/// millions of small allocations (cells, ids, index nodes), where glibc's malloc spent a third of
/// `check LIST.csv`'s time (issue 6).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = Cli::parse();
    let lang = args.lang.into();
    if let Some(command) = &args.command {
        return cli::run(command, lang);
    }
    #[cfg(feature = "gui")]
    {
        match shiquan::ui::run(args.file, lang) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                // The message may quote a file's name or content: no control character reaches
                // the terminal as it is.
                eprintln!(
                    "shiquan: {}",
                    shiquan::report::terminal_text(&format!("{e:#}"))
                );
                ExitCode::from(2)
            }
        }
    }
    // Without the window, say how to use the headless commands.
    #[cfg(not(feature = "gui"))]
    {
        let _ = args.file;
        let _ = Cli::command().print_help();
        ExitCode::SUCCESS
    }
}
