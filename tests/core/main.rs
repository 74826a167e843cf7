//! The core's tests, in one binary: the model, plans and their operations, the analysis and its
//! rules, the session (history, fixes, explanations), lists and tables in and out, plan files
//! (versions, errors, a save killed midway), the generator, the layering of `src/`, and every
//! output of the seed plan byte for byte (`golden_outputs`). One module per file beside this one;
//! `cargo test --test core NAME` runs the tests whose path contains NAME (`golden`,
//! `csv_reader::`, …). Proptest keeps the seeds of past failures of `NAME.rs` in
//! `tests/proptest-regressions/NAME.txt`: beside the folder that holds `main.rs`, as it looks.

/// The helpers shared with the other test binaries (`tests/common/`), those this one uses.
#[path = "../common"]
mod common {
    pub mod bad_corpus;
    pub mod cli;
    #[cfg(feature = "gui")] // used by `explain_findings` alone, which needs the window's sentences
    pub mod findings_cases;
    pub mod process;
    pub mod random;
}
mod helpers;

mod architecture;
mod bad_corpus;
mod coverage_streets;
mod csv_reader;
mod documents;
mod documents_pdf;
mod explain_findings;
mod export_import_properties;
mod export_tables;
mod fixes_and_diff;
mod generate;
mod gesture_moves;
mod golden_outputs;
mod history_replay;
mod import_flat_rule;
mod import_lists;
mod import_published;
mod kill_during_save;
mod list_fixtures;
mod list_paths;
mod lists_round_two;
mod merge;
mod merge_properties;
mod operations_properties;
mod operations_refusals;
mod operations_regressions;
mod operations_semantics;
mod opinions;
mod overlap_clusters;
mod plan_file_errors;
mod plan_load_scenarios;
mod refresh_streets;
mod rules;
mod rules_grant;
mod seed_plan;
mod state_records;
mod timetable;
mod versions;
