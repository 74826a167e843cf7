//! Every output a user or a script reads, of the seed plan and each of its scenarios, byte for
//! byte as approved: `check --json`, `diff --json` from the baseline to each scenario, and each
//! `export` format (CSV, XLSX, Markdown, HTML, SVG, PNG, DOT). Issue 18 reorganises the code
//! without changing behaviour; this is how it shows that nothing a user sees moved.
//!
//! The approved outputs are kept as a manifest of lengths and FNV-1a digests
//! (`tests/data/golden/outputs.txt`), not the files (megabytes of them). On a mismatch the test
//! writes what it got beside the test binaries (`CARGO_TARGET_TMPDIR/golden/`) to be compared
//! with an output of the approved revision. A deliberate change of an output is approved with
//! `UPDATE_GOLDEN=1 cargo test --test core golden`, and the manifest's diff goes into the
//! commit that changes the output.
//!
//! An XLSX workbook records when it was written (`dcterms:created`, `dcterms:modified`); those
//! two values are left out of its digest.

use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::common::cli::shiquan;

const MANIFEST: &str = "tests/data/golden/outputs.txt";

/// FNV-1a, 64 bits: stable across Rust versions and machines, unlike `DefaultHasher`.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A workbook's entries, in their order, with the time of writing taken out.
fn workbook_without_its_date(bytes: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an XLSX is a zip");
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("an entry");
        let name = entry.name().expect("an entry name").into_owned();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).expect("read the entry");
        if name == "docProps/core.xml" {
            let mut text = String::from_utf8(content).expect("XML is UTF-8");
            for element in ["dcterms:created", "dcterms:modified"] {
                let close = format!("</{element}>");
                if let (Some(a), Some(b)) = (text.find(&format!("<{element}")), text.find(&close)) {
                    text.replace_range(a..b + close.len(), "");
                }
            }
            content = text.into_bytes();
        }
        out.extend_from_slice(name.as_bytes());
        out.push(0);
        out.extend_from_slice(&content);
    }
    out
}

/// Every output, by a name that says what it is.
fn outputs(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let plan = shiquan::io::seed::seed_plan().expect("the seed plan");
    let mut states: Vec<Option<String>> = vec![None];
    states.extend(plan.scenarios.iter().map(|s| Some(s.id.to_string())));
    let mut out = Vec::new();
    for state in &states {
        let label = state.as_deref().unwrap_or("baseline");
        let scenario: Vec<&str> = match state {
            Some(id) => vec!["--scenario", id],
            None => Vec::new(),
        };
        let mut args = vec!["check", "--json"];
        args.extend(&scenario);
        let (_, stdout, stderr) = shiquan(&args);
        assert!(stderr.is_empty(), "check {label}: {stderr}");
        out.push((format!("check --json {label}"), stdout.into_bytes()));
        if let Some(id) = state {
            let (code, stdout, stderr) =
                shiquan(&["diff", "--from", "baseline", "--to", id, "--json"]);
            assert_eq!(code, 0, "diff to {label}: {stderr}");
            out.push((format!("diff --json {label}"), stdout.into_bytes()));
        }
        for format in ["csv", "xlsx", "md", "html", "svg", "png", "dot"] {
            let path = folder.join(format!("{label}.{format}"));
            let path_text = path.display().to_string();
            let mut args = vec!["export", "--format", format, "--out", &path_text];
            args.extend(&scenario);
            let (code, _, stderr) = shiquan(&args);
            assert_eq!(code, 0, "export {format} of {label}: {stderr}");
            let bytes = std::fs::read(&path).expect("the export was written");
            let bytes = if format == "xlsx" {
                workbook_without_its_date(&bytes)
            } else {
                bytes
            };
            out.push((format!("export {format} {label}"), bytes));
        }
    }
    out
}

fn manifest_of(outputs: &[(String, Vec<u8>)]) -> String {
    let mut text = String::from(
        "# The seed plan's outputs as approved: name, length in bytes, FNV-1a 64 digest.\n\
         # Approve a deliberate change with UPDATE_GOLDEN=1 cargo test --test core golden.\n",
    );
    for (name, bytes) in outputs {
        let _ = writeln!(text, "{name}\t{}\t{:016x}", bytes.len(), fnv(bytes));
    }
    text
}

#[test]
fn every_output_of_the_seed_plan_is_byte_for_byte_as_approved() {
    let folder = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("golden");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("a folder for the outputs");
    let outputs = outputs(&folder);
    let now = manifest_of(&outputs);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(MANIFEST, &now).expect("write the manifest");
        return;
    }
    let approved = std::fs::read_to_string(MANIFEST).expect("the approved manifest");
    let differ: Vec<&str> = now
        .lines()
        .zip(approved.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.split('\t').next().unwrap_or(a))
        .collect();
    if differ.is_empty() && now.lines().count() == approved.lines().count() {
        return;
    }
    for (name, bytes) in &outputs {
        let file = name.replace([' ', '/'], "_");
        std::fs::write(folder.join(file), bytes).expect("keep the output");
    }
    panic!(
        "outputs differ from the approved ones ({} of {}): {differ:?}; they are in {}",
        differ.len(),
        outputs.len(),
        folder.display()
    );
}
