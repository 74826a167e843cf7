//! Plan files that never end (issue 16): `/dev/zero` behind a `.ron` name, and a FIFO that a
//! writer keeps filling. The size cap counts what arrives, not what the file reports (0 for
//! both), so the CLI and the window's open path refuse each after the cap, with a message,
//! instead of reading until memory runs out. Unix only.

#![cfg(feature = "gui")]
#![cfg(unix)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::{Duration, Instant};

use crate::helpers::harness;
use shiquan::ui::ScriptedDialogs;
use shiquan::ui::command::Action;

/// Generous for reading the 512 MB cap of zeros on a busy machine; an unbounded read never
/// ends.
const LIMIT: Duration = Duration::from_mins(2);

/// `zero.ron`, a link to `/dev/zero`.
fn endless_device(folder: &Path) -> PathBuf {
    let path = folder.join("zero.ron");
    std::os::unix::fs::symlink("/dev/zero", &path).expect("link /dev/zero");
    path
}

/// `endless.ron`, a FIFO and a thread that writes plan-looking text into it until the reader
/// goes away.
fn endless_fifo(folder: &Path) -> PathBuf {
    let path = folder.join("endless.ron");
    let made = Process::new("mkfifo")
        .arg(&path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success(), "mkfifo failed");
    let writer_path = path.clone();
    std::thread::spawn(move || {
        let Ok(mut fifo) = std::fs::OpenOptions::new().write(true).open(&writer_path) else {
            return;
        };
        let chunk = "// 方案\n".repeat(8192);
        while fifo.write_all(chunk.as_bytes()).is_ok() {}
    });
    path
}

/// Runs `shiquan check PATH` (killed, and the test failed, after [`LIMIT`]): its exit code
/// and stderr.
fn check_within_limit(path: &Path) -> (i32, String) {
    let mut command = Process::new(env!("CARGO_BIN_EXE_shiquan"));
    command.arg("check").arg(path);
    let (code, _, stderr) = crate::common::process::run_within(command, LIMIT);
    (code, stderr)
}

#[test]
fn the_cli_refuses_a_plan_that_never_ends() {
    let folder = tempfile::tempdir().expect("temp folder");
    for path in [endless_device(folder.path()), endless_fifo(folder.path())] {
        let (code, stderr) = check_within_limit(&path);
        assert_eq!(code, 2, "{}: {stderr}", path.display());
        assert!(
            stderr.contains(&path.display().to_string()) && stderr.contains("超过"),
            "{stderr}"
        );
    }
}

#[test]
fn the_window_refuses_a_plan_that_never_ends_and_keeps_its_plan() {
    let folder = tempfile::tempdir().expect("temp folder");
    let mut h = harness(
        shiquan::plan::Plan::new("原方案"),
        ScriptedDialogs::default(),
    );
    h.run();
    for path in [endless_device(folder.path()), endless_fifo(folder.path())] {
        let started = Instant::now();
        h.state_mut().push(Action::OpenPath(path.clone()));
        h.run();
        h.state_mut().finish_jobs();
        h.run();
        assert!(
            started.elapsed() < LIMIT,
            "opening {} took too long",
            path.display()
        );
        let app = h.state();
        assert_eq!(app.document().plan_unsynced().title, "原方案");
        let message = app.ui_state().message.clone().expect("a message");
        assert!(
            message.error && message.text.contains("超过"),
            "{}: {message:?}",
            path.display()
        );
    }
}
