//! Lists that are not regular files (issue 16): a FIFO that a writer fills with a list and
//! closes imports like the file would (read once, whole: it cannot be opened twice or seeked,
//! which once gave 「Illegal seek」); a FIFO kept full and `/dev/zero` behind a `.csv` name are
//! refused once the cap has been read, with a message, by the CLI and by the window's path
//! (`read_table`), each under a time limit. Unix only.

#![cfg(unix)]
// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use shiquan::io::import::{self, ImportError, ImportOptions};

/// Generous for reading the 256 MiB cap on a busy machine; an unbounded read never ends.
const LIMIT: Duration = Duration::from_mins(2);

const LIST: &str = "事项编码,事项名称,权力类型,领域,实施主体,行使层级,辖区,主办/协办\n\
                    A-1,对占道经营的处罚,行政处罚,市容环卫,市城市管理局,市级,,主办\n\
                    A-2,对违法建设的处罚,行政处罚,城乡规划,甲区城市管理局,区级,甲区,主办\n";

/// A FIFO named `name` in `folder`, and a thread that opens it for writing and writes `chunk`
/// once (`endless`: until the reader goes away).
fn fifo(folder: &Path, name: &str, chunk: Vec<u8>, endless: bool) -> PathBuf {
    let path = folder.join(name);
    let made = Command::new("mkfifo").arg(&path).status().unwrap();
    assert!(made.success(), "mkfifo failed");
    let writer_path = path.clone();
    std::thread::spawn(move || {
        let Ok(mut pipe) = std::fs::OpenOptions::new().write(true).open(&writer_path) else {
            return;
        };
        while pipe.write_all(&chunk).is_ok() && endless {}
    });
    path
}

/// `x.csv`, a link to `/dev/zero`.
fn zeros(folder: &Path) -> PathBuf {
    let path = folder.join("x.csv");
    std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
    path
}

/// Runs `shiquan ARGS`, killing it after [`LIMIT`]: its exit code and stderr.
fn run_within_limit(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shiquan"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            if let Some(mut pipe) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut pipe, &mut stderr);
            }
            return (status.code(), stderr);
        }
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`shiquan {}` ran past {LIMIT:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Runs `f` on a thread, failing the test if it takes longer than [`LIMIT`].
fn within_limit<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (sent, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sent.send(f());
    });
    received
        .recv_timeout(LIMIT)
        .unwrap_or_else(|_| panic!("the read ran past {LIMIT:?}"))
}

#[test]
fn a_list_through_a_fifo_imports_as_the_file_would() {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join("out.ron");
    let path = fifo(folder.path(), "清单.csv", LIST.as_bytes().to_vec(), false);
    let (code, stderr) = run_within_limit(&[
        "import",
        path.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("Illegal seek"), "{stderr}");
    let plan = shiquan::io::load_path(&out).unwrap();
    assert_eq!(plan.baseline.powers().len(), 2);
    // The window's path reads the table once, whole.
    let path = fifo(folder.path(), "再读.csv", LIST.as_bytes().to_vec(), false);
    let table = within_limit(move || import::read_table(&path, &ImportOptions::default()));
    assert_eq!(table.unwrap().len(), 3);
}

#[test]
fn an_endless_fifo_or_dev_zero_named_csv_is_refused_after_the_cap() {
    let folder = tempfile::tempdir().unwrap();
    let row = "A-1,对占道经营的处罚,行政处罚,市容环卫,市城市管理局,市级,,主办\n".repeat(4096);
    let endless = [LIST.as_bytes(), row.as_bytes()].concat();
    let paths = [
        zeros(folder.path()),
        fifo(folder.path(), "endless.csv", endless.clone(), true),
    ];
    for path in &paths {
        let (code, stderr) = run_within_limit(&["check", path.to_str().unwrap()]);
        assert_eq!(code, Some(2), "{}: {stderr}", path.display());
        assert!(
            stderr.contains("lists larger than") && !stderr.contains("panicked"),
            "{}: {stderr}",
            path.display()
        );
    }
    // The window's path.
    let window = folder.path().join("window");
    std::fs::create_dir_all(&window).unwrap();
    for path in [zeros(&window), fifo(&window, "endless.csv", endless, true)] {
        let shown = path.display().to_string();
        let read = within_limit(move || import::read_table(&path, &ImportOptions::default()));
        assert!(
            matches!(read, Err(ImportError::TooLarge { .. })),
            "{shown}: {read:?}"
        );
    }
}
