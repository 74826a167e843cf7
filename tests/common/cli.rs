//! The `shiquan` binary as a process: one helper for every test that runs it.

#![allow(dead_code)]

use std::process::Command;

/// Runs `shiquan ARGS…` and returns its exit code (-1 if killed by a signal), stdout and stderr.
pub fn shiquan(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_shiquan"))
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
