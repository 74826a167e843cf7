//! `shiquan-cli`: the same program as `shiquan` built as a console program, for the headless
//! commands in a Windows terminal (where `shiquan.exe`, a GUI-subsystem program, has no console
//! to write to). Built only with the `console-exe` feature (`scripts/package` turns it on for
//! Windows); elsewhere `shiquan` itself is a console program.

use std::process::ExitCode;

/// The same allocator as `shiquan` (see `src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    shiquan::launch::main()
}
