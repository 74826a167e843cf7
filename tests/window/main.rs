//! The window's tests, in one binary: the real app in an `egui_kittest` harness (menus, dialogs,
//! files, history, tables, the canvas, image snapshots in `tests/snapshots/`).
//! One module per file beside this one; `cargo test --test window NAME` runs the tests whose path
//! contains NAME (`ui_snapshots`, …), `UPDATE_SNAPSHOTS=1` approves new images.

#![cfg(feature = "gui")]

/// The helpers shared with the other test binaries (`tests/common/`), those this one uses.
#[path = "../common"]
mod common {
    pub mod bad_corpus;
    pub mod findings_cases;
    pub mod process;
    pub mod random;
}
mod helpers;

mod ui_documents;
mod ui_endless_plans;
mod ui_export_guard;
mod ui_files;
mod ui_files_and_help;
mod ui_findings;
mod ui_history;
mod ui_import;
mod ui_incremental;
mod ui_lanes;
mod ui_legal;
mod ui_level_of_detail;
mod ui_merge;
mod ui_no_ids;
mod ui_opinions;
mod ui_review;
mod ui_robustness;
mod ui_search;
mod ui_snapshots;
mod ui_streets;
mod ui_tables;
mod ui_timetable;
mod ui_workflow;
