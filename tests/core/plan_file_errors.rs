//! Broken plan files: each gives a clear error that names the place, never a panic; `check`
//! exits 2 on them.

use shiquan::io::{self, LoadError, seed};

fn load(text: &[u8]) -> Result<shiquan::plan::Plan, LoadError> {
    io::load_bytes(text, "bad.ron")
}

fn err(text: &[u8]) -> String {
    match load(text) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_seed_plan_loads() {
    seed::seed_plan().expect("the embedded seed plan loads");
}

#[test]
fn a_truncated_file_names_its_end() {
    let text = seed::SEED_PLAN_RON;
    let cut = &text.as_bytes()[..text.len() / 2];
    // Cut on a character boundary so the error is about the shape, not the encoding.
    let cut = match std::str::from_utf8(cut) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&cut[..e.valid_up_to()]).expect("valid prefix"),
    };
    let lines = cut.lines().count();
    let message = err(cut.as_bytes());
    assert!(message.starts_with("bad.ron:"), "{message}");
    let line: usize = message
        .split(':')
        .nth(1)
        .and_then(|l| l.parse().ok())
        .expect("a line number");
    assert!(
        line >= lines.saturating_sub(1),
        "line {line} of {lines}: {message}"
    );
}

#[test]
fn an_empty_file_is_an_error() {
    let message = err(b"");
    assert!(message.contains("bad.ron:1:"), "{message}");
}

#[test]
fn a_newer_version_says_so() {
    let current = format!("version: {},", io::plan_file::CURRENT_VERSION);
    let text = seed::SEED_PLAN_RON.replacen(&current, "version: 7,", 1);
    let message = err(text.as_bytes());
    assert!(message.contains("version 7"), "{message}");
    assert!(message.contains("newer"), "{message}");
}

#[test]
fn invalid_utf8_names_line_and_column() {
    let mut bytes = b"(\n    version: 1,\n    title: \"ab".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe]);
    bytes.extend_from_slice(b"\",\n)");
    let message = err(&bytes);
    assert!(message.contains("bad.ron:3:15"), "{message}");
    assert!(message.contains("UTF-8"), "{message}");
}

const MINIMAL_HEAD: &str = "(version: 1, title: \"t\", baseline: (jurisdictions: [(id: \"city\", name: \"本市\", level: city), (id: \"d1\", name: \"甲区\", level: district, parent: Some(\"city\"))], ";

#[test]
fn a_dangling_body_is_named() {
    let text = format!(
        "{MINIMAL_HEAD}bodies: [(id: \"b1\", name: \"局\", kind: admin, jurisdiction: \"city\")], powers: [(code: \"P1\", name: \"事项\", kind: penalty, field: \"市容环卫\")], holdings: [(power: \"P1\", body: \"ghost\")]))"
    );
    let message = err(text.as_bytes());
    assert!(message.contains("`ghost`"), "{message}");
    assert!(message.contains("P1"), "{message}");
}

#[test]
fn a_duplicate_id_is_named() {
    let text = format!(
        "{MINIMAL_HEAD}bodies: [(id: \"b1\", name: \"局\", kind: admin, jurisdiction: \"city\"), (id: \"b1\", name: \"所\", kind: institution, jurisdiction: \"d1\")], powers: []))"
    );
    let message = err(text.as_bytes());
    assert!(message.contains("duplicate body id `b1`"), "{message}");
}

#[test]
fn a_cycle_of_parent_jurisdictions_is_named() {
    let text = "(version: 1, title: \"t\", baseline: (jurisdictions: [(id: \"a\", name: \"甲\", level: district, parent: Some(\"b\")), (id: \"b\", name: \"乙\", level: district, parent: Some(\"a\"))], bodies: [], powers: []))";
    let message = err(text.as_bytes());
    assert!(message.contains("cycle"), "{message}");
}

#[test]
fn an_unknown_enum_value_names_the_place() {
    let text = format!(
        "{MINIMAL_HEAD}bodies: [(id: \"b1\", name: \"局\", kind: ministry, jurisdiction: \"city\")], powers: []))"
    );
    let message = err(text.as_bytes());
    assert!(message.starts_with("bad.ron:1:"), "{message}");
    assert!(message.contains("ministry"), "{message}");
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let depth = 100_000;
    let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let message = err(text.as_bytes());
    assert!(message.starts_with("bad.ron:1:"), "{message}");
}

#[test]
fn a_scenario_that_does_not_apply_names_its_operation() {
    let text = format!(
        "{MINIMAL_HEAD}bodies: [(id: \"b1\", name: \"局\", kind: admin, jurisdiction: \"city\")], powers: []), scenarios: [(id: \"s\", name: \"方案\", operations: [MoveBody(body: \"b1\", to: \"d1\"), MoveBody(body: \"nobody\", to: \"d1\")])])"
    );
    let message = err(text.as_bytes());
    assert!(message.contains("scenario `s`, operation 2"), "{message}");
    assert!(message.contains("nobody"), "{message}");
}

#[test]
fn a_huge_count_is_a_type_error() {
    let text = format!(
        "{MINIMAL_HEAD}bodies: [(id: \"b1\", name: \"局\", kind: admin, jurisdiction: \"city\", staffing: (admin: 99999999999999999999))], powers: []))"
    );
    let message = err(text.as_bytes());
    assert!(message.starts_with("bad.ron:1:"), "{message}");
}

#[test]
fn binary_noise_is_an_error() {
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    assert!(load(&noise).is_err());
}

/// Issue 16: a raw-string description holding a `holdings: [` block once fooled the fast
/// holdings reader, which took the description's lines for the baseline's holdings (and blanked
/// them out of the description) when the baseline's own list was empty. The plan reads as `ron`
/// reads it: no holding, the description whole.
#[test]
fn a_holdings_block_inside_a_raw_string_is_text() {
    let description = "\n    holdings: [\n        (power: \"P1\", body: \"b1\"),\n    ],\n";
    let text = format!(
        "(\n    version: 2,\n    title: \"t\",\n    description: r#\"{description}\"#,\n    baseline: (\n        jurisdictions: [\n            (id: \"city\", name: \"本市\", level: city),\n        ],\n        bodies: [\n            (id: \"b1\", name: \"局\", kind: admin, jurisdiction: \"city\"),\n            (id: \"b2\", name: \"所\", kind: institution, jurisdiction: \"city\"),\n        ],\n        powers: [\n            (code: \"P1\", name: \"事项\", kind: penalty, field: \"市容环卫\"),\n        ],\n        holdings: [],\n    ),\n)\n"
    );
    let plan = load(text.as_bytes()).expect("the plan loads");
    assert_eq!(plan.description, description);
    assert_eq!(plan.baseline.holding_count(), 0);
}

/// Issue 16: a misspelt field below the top level is refused with its name and place, on the
/// fast holdings path as on `ron`'s.
#[test]
fn a_misspelt_field_in_a_holding_names_the_field_and_the_place() {
    let text = format!(
        "{MINIMAL_HEAD}bodies: [(id: \"b1\", name: \"局\", kind: admin, jurisdiction: \"city\")], powers: [(code: \"P1\", name: \"事项\", kind: penalty, field: \"市容环卫\")], holdings: [\n(power: \"P1\", body: \"b1\", exclude: [\"d1\"]),\n]))"
    );
    let message = err(text.as_bytes());
    assert!(message.starts_with("bad.ron:2:"), "{message}");
    assert!(message.contains("`exclude`"), "{message}");
}
