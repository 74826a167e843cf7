//! The bad-input corpus (issue 7): every case of `tests/data/bad/` (and the generated ones, see
//! `tests/common/bad_corpus.rs`) through the library's loaders and through the real CLI. Each is
//! a clear error that contains the text `expected.txt` gives for it (the place of the fault
//! among it); none is a panic, and the CLI exits 2 and writes nothing.

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::common::bad_corpus::{Case, Kind, materialise};
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
    let mut failures = Vec::new();
    for case in materialise(dir.path()) {
        let path = case.path.to_str().expect("utf-8 path");
        let given = arguments_if(&case);
        let mut runs = vec![vec!["check", path]];
        if case.kind == Kind::Arguments {
            runs = vec![given.iter().map(String::as_str).collect()];
        } else if case.kind != Kind::Plan {
            runs.push(vec!["import", path, "--out", out_arg]);
        }
        for args in runs {
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
                failures.push(format!("{} ({}): {p}", case.name, args[0]));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The arguments of a command-line case; none for a file case.
fn arguments_if(case: &Case) -> Vec<String> {
    if case.kind == Kind::Arguments {
        arguments(case)
    } else {
        Vec::new()
    }
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
