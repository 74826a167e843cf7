//! The `shiquan` binary: the window, or a headless command ([`shiquan::launch`]). On Windows a
//! GUI-subsystem program, so that a double-click opens no console window; the headless
//! commands there are `shiquan-cli.exe` (`src/bin/shiquan-cli.rs`).

#![cfg_attr(all(windows, feature = "gui"), windows_subsystem = "windows")]

use std::process::ExitCode;

/// mimalloc rather than the system allocator: reading a province's list and analysing it make
/// millions of small allocations (cells, ids, index nodes), where glibc's malloc spent a third of
/// `check LIST.csv`'s time (issue 6).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    shiquan::launch::main()
}
