//! The bad-input corpus (issue 7): every case of `tests/data/bad/` (and the generated ones, see
//! `tests/common/bad_corpus.rs`) through the library's loaders and through the real CLI. Each is
//! a clear error that contains the text `expected.txt` gives for it (the place of the fault
//! among it); none is a panic, and the CLI exits 2 and writes nothing, for every command that
//! reads it (`check`, `import`, and `merge` with the case as BASE, OURS and THEIRS: see `runs`).

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::common::bad_corpus::{Case, Kind, bad_commands, materialise};
use crate::common::cli::shiquan;
use shiquan::io::{self, import};

/// The library's error for a case, or why there was none.
fn library_error(case: &Case) -> Result<String, String> {
    let bytes = std::fs::read(&case.path).expect("read a case");
    let name = case.name.as_str();
    let outcome = catch_unwind(AssertUnwindSafe(|| match case.kind {
        // A command line has no library path of its own: the CLI's test runs it.
        Kind::Arguments => Err(format!("{}: a command line", case.name)),
        Kind::Plan => io::load_bytes(&bytes, name)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        Kind::Csv | Kind::Xlsx => {
            let format = if case.kind == Kind::Csv {
                import::ListFormat::Csv
            } else {
                import::ListFormat::Xlsx
            };
            import::read_list_bytes(&bytes, name, format, &import::ImportOptions::default())
                .map(|_| ())
                .map_err(|e| e.to_string())
        }
    }));
    match outcome {
        Err(_) => Err("the loader panicked".into()),
        Ok(Ok(())) => Err("the loader accepted it".into()),
        Ok(Err(message)) => Ok(message),
    }
}

/// The arguments of a command-line case (`.args`), `{data}` replaced by `tests/data`.
fn arguments(case: &Case) -> Vec<String> {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data");
    std::fs::read_to_string(&case.path)
        .expect("read a case")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.replace("{data}", data))
        .collect()
}

/// What is wrong with a message for a case, if anything.
fn missing(case: &Case, message: &str) -> Option<String> {
    let absent: Vec<&String> = case
        .expected
        .iter()
        .filter(|t| !message.contains(t.as_str()))
        .collect();
    (!absent.is_empty()).then(|| format!("lacks {absent:?} in: {message}"))
}

/// The runs of the CLI for a case, each of which must exit 2 naming the fault and write
/// nothing at `out`: `check` of every case; `import` of a list; `merge` with a plan case as
/// BASE, as OURS and as THEIRS, the other two the good plan `good` (so a broken, unreadable or
/// wrong-version file is refused in each position).
fn runs(case: &Case, good: &str, out: &str) -> Vec<Vec<String>> {
    if case.kind == Kind::Arguments {
        // A command line's case is its arguments, run as they are.
        return vec![arguments(case)];
    }
    let path = case.path.to_str().expect("utf-8 path");
    let run = |args: &[&str]| args.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>();
    let mut runs = vec![run(&["check", path])];
    if case.kind == Kind::Plan {
        runs.push(run(&["merge", path, good, good, "--out", out]));
        runs.push(run(&["merge", good, path, good, "--out", out]));
        runs.push(run(&["merge", good, good, path, "--out", out]));
        // Every command that reads a plan says what is wrong with it.
        runs.push(run(&["review", path]));
    } else {
        runs.push(run(&["import", path, "--out", out]));
    }
    runs
}

#[test]
fn the_corpus_is_at_least_thirty_files_of_plans_and_lists() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = materialise(dir.path());
    let committed = cases
        .iter()
        .filter(|c| c.path.starts_with(crate::common::bad_corpus::corpus_dir()))
        .count();
    assert!(committed >= 30, "{committed} committed cases");
    for kind in [Kind::Plan, Kind::Csv, Kind::Xlsx, Kind::Arguments] {
        assert!(cases.iter().any(|c| c.kind == kind), "no {kind:?} case");
    }
}

#[test]
fn every_case_is_a_clear_error_from_the_library() {
    let dir = tempfile::tempdir().expect("temp dir");
    let failures: Vec<String> = materialise(dir.path())
        .iter()
        .filter(|case| case.kind != Kind::Arguments)
        .filter_map(|case| {
            let problem = match library_error(case) {
                Err(why) => Some(why),
                Ok(message) => missing(case, &message),
            };
            problem.map(|p| format!("{}: {p}", case.name))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_case_exits_2_from_the_cli_naming_the_place_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("out.ron");
    let out_arg = out.to_str().expect("utf-8 path");
    let good = dir.path().join("good.ron");
    std::fs::write(&good, shiquan::io::seed::SEED_PLAN_RON).expect("write the good plan");
    let good = good.to_str().expect("utf-8 path");
    let mut failures = Vec::new();
    for case in materialise(dir.path()) {
        for args in runs(&case, good, out_arg) {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let (code, _, stderr) = shiquan(&args);
            let problem = if stderr.contains("panicked") {
                Some(format!("panicked: {stderr}"))
            } else if code != 2 {
                Some(format!("exit {code}, stderr: {stderr}"))
            } else if out.exists() {
                Some("wrote the output anyway".to_owned())
            } else {
                missing(&case, &stderr)
            };
            if let Some(p) = problem {
                failures.push(format!("{} ({}): {p}", case.name, args.join(" ")));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_bad_command_line_exits_2_saying_why() {
    let failures: Vec<String> = bad_commands()
        .into_iter()
        .filter_map(|bad| {
            let (code, _, stderr) = shiquan(&bad.args);
            let absent: Vec<&str> = bad
                .expected
                .iter()
                .copied()
                .filter(|t| !stderr.contains(t))
                .collect();
            (code != 2 || !absent.is_empty() || stderr.contains("panicked"))
                .then(|| format!("{:?}: exit {code}, lacks {absent:?} in: {stderr}", bad.args))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Not a check: writes the corpus (the generated cases under 1 MB too) into `fuzz/corpus/` as
/// seeds for the fuzz targets. Run with `cargo test --test core seed_fuzz -- --ignored`.
#[test]
#[ignore = "a tool for seeding the fuzzers, not a check"]
fn seed_fuzz_corpora() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    for case in materialise(dir.path()) {
        let bytes = std::fs::read(&case.path).expect("read");
        if bytes.len() > 1_000_000 {
            continue;
        }
        if case.kind == Kind::Arguments {
            continue;
        }
        let target = if case.kind == Kind::Plan {
            "plan_loader"
        } else {
            "list_importer"
        };
        let folder = root.join("fuzz/corpus").join(target);
        std::fs::create_dir_all(&folder).expect("mkdir");
        std::fs::write(folder.join(&case.name), bytes).expect("write a seed");
    }
}
