//! A list read on a machine short of memory (issue 16): the reader and the list builder ask for
//! their big allocations (`try_reserve`), so that a refusal is an error that says 内存不足 and
//! exits 2, not an abort (exit 134) with a backtrace. Run as a child process under `ulimit -v`,
//! on a generated province of some 140 MB. Linux only (`ulimit -v` limits the address space).

#![cfg(target_os = "linux")]
// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use std::process::Command;

/// The address space the child may use (KiB): enough to start and read the list's header, far
/// from enough for the plan of a million rows.
const LIMIT_KIB: u32 = 300_000;

#[test]
fn a_list_too_large_for_the_memory_is_refused_with_a_message_not_an_abort() {
    let folder = tempfile::tempdir().unwrap();
    let list = folder.path().join("province.csv");
    let binary = env!("CARGO_BIN_EXE_shiquan");
    let made = Command::new(binary)
        .args(["generate", "--powers", "12000", "--out"])
        .arg(&list)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    assert!(std::fs::metadata(&list).unwrap().len() > 100_000_000);
    let run = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {LIMIT_KIB}; exec \"$0\" check \"$1\" --json"
        ))
        .arg(binary)
        .arg(&list)
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("内存不足"), "{stderr}");
    assert!(
        stderr.contains("province.csv"),
        "the message names the file: {stderr}"
    );
}
