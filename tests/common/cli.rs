//! The `shiquan` binary as a process: one helper for every test that runs it, each run under a
//! time limit (issue 16: no input may hang the program, so a test that would wait forever fails
//! instead, naming the command).

use std::process::Command;
use std::time::Duration;

use super::process::run_within;

/// How long any one run may take: far beyond the slowest case in a test build on a busy
/// 2-core machine, far short of "until killed".
pub const RUN_LIMIT: Duration = Duration::from_mins(5);

/// Runs `shiquan ARGS…` and returns its exit code (-1 if killed by a signal), stdout and stderr.
/// Panics if it runs longer than [`RUN_LIMIT`].
pub fn shiquan(args: &[&str]) -> (i32, String, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_shiquan"));
    command.args(args);
    run_within(command, RUN_LIMIT)
}
