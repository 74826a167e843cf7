//! `shiquan doc` (issue 20): the documents of a scenario written by the binary, in the format
//! its `--out` names or `--format` says; and the refusals: an unknown scenario, the baseline as
//! the scenario, a format no extension names, and an output path that is the plan itself (the
//! plan is left as it was). Exit 0 when written, 2 with the reason otherwise.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use crate::common::cli::shiquan;

#[test]
fn doc_writes_each_document_in_each_format() {
    let dir = tempfile::tempdir().unwrap();
    for kind in ["transfers", "boundaries", "sanding", "grants"] {
        for extension in ["docx", "pdf", "xlsx"] {
            let out = dir.path().join(format!("{kind}.{extension}"));
            let (code, _, err) = shiquan(&[
                "doc",
                kind,
                "--scenario",
                "街道赋权",
                "--out",
                out.to_str().unwrap(),
            ]);
            assert_eq!(code, 0, "{kind} {extension}: {err}");
            let bytes = std::fs::read(&out).unwrap();
            if extension == "pdf" {
                assert!(bytes.starts_with(b"%PDF-"), "{kind}.pdf is a PDF");
                // It says which fonts it embeds.
                assert!(err.contains("正文（body）"), "{err}");
            } else {
                assert!(
                    bytes.starts_with(b"PK"),
                    "{kind}.{extension} is a zip package"
                );
            }
        }
    }
    // --format wins over a missing extension.
    let out = dir.path().join("划转表");
    let (code, _, err) = shiquan(&[
        "doc",
        "transfers",
        "--scenario",
        "comprehensive-enforcement",
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn doc_refuses_what_it_cannot_do_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.docx");
    let out = out.to_str().unwrap();
    let (code, _, err) = shiquan(&["doc", "transfers", "--scenario", "no-such", "--out", out]);
    assert_eq!(code, 2);
    assert!(err.contains("no-such"), "{err}");
    let (code, _, err) = shiquan(&["doc", "transfers", "--scenario", "现状", "--out", out]);
    assert_eq!(code, 2);
    assert!(err.contains("现状没有调整步骤"), "{err}");
    let (code, _, err) = shiquan(&[
        "doc",
        "transfers",
        "--scenario",
        "city-district-split",
        "--from",
        "city-district-split",
        "--out",
        out,
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("不能与自身比较"), "{err}");
    let bare = dir.path().join("out");
    let (code, _, err) = shiquan(&[
        "doc",
        "transfers",
        "--scenario",
        "city-district-split",
        "--out",
        bare.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("--format"), "{err}");
    assert!(!std::path::Path::new(out).exists(), "nothing was written");
}

#[test]
fn doc_refuses_to_write_over_its_plan() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.docx");
    let text = shiquan::io::to_text(&shiquan::io::seed::seed_plan().unwrap()).unwrap();
    std::fs::write(&plan, &text).unwrap();
    let plan = plan.to_str().unwrap();
    let (code, _, err) = shiquan(&[
        "doc",
        "transfers",
        plan,
        "--scenario",
        "city-district-split",
        "--out",
        plan,
    ]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        std::fs::read_to_string(plan).unwrap(),
        text,
        "the plan is kept"
    );
}
