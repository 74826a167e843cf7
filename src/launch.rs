//! How the binaries start (issue 21): the arguments are parsed, then a headless command runs or
//! the window opens. Shared by `shiquan` and, on Windows, `shiquan-cli`: there `shiquan.exe`
//! is a GUI-subsystem program (a double-click opens no console, and so it has no terminal to
//! write to), and `shiquan-cli.exe` the same program as a console one, for the headless
//! commands in a terminal and in scripts.
//!
//! A file given to the window never keeps it shut (a double-clicking user sees no terminal):
//! the window says what was wrong with it ([`crate::ui::starting_plan`]). Only a window that
//! cannot open at all is reported here: on the terminal, and on Windows also in a message box.

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{self, Cli};

/// Runs the program with the process's arguments.
pub fn main() -> ExitCode {
    let args = Cli::parse();
    let lang = args.lang.into();
    if let Some(command) = &args.command {
        return cli::run(command, lang);
    }
    #[cfg(feature = "gui")]
    {
        match crate::ui::run(args.file, lang) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                // The message may quote a file's name or content: no control character reaches
                // the terminal as it is.
                let error = format!("{e:#}");
                let message = crate::report::terminal_text(&error);
                eprintln!("shiquan: {message}");
                #[cfg(windows)]
                window_failed(&message, lang);
                ExitCode::from(2)
            }
        }
    }
    // Without the window, say how to use the headless commands.
    #[cfg(not(feature = "gui"))]
    {
        use clap::CommandFactory as _;
        let _ = args.file;
        let _ = Cli::command().print_help();
        ExitCode::SUCCESS
    }
}

/// The window could not open: a GUI-subsystem program has no console, so the reason is shown
/// in a message box.
#[cfg(all(windows, feature = "gui"))]
fn window_failed(message: &str, lang: crate::text::Lang) {
    let _ = rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title(lang.pick("事权沙盘无法打开窗口", "Shiquan cannot open its window"))
        .set_description(message)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}
