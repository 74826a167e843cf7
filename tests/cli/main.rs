//! The `shiquan` binary as a process, in one binary: `check` and its JSON, lists on the command
//! line, the legal rules through `check --json`, where outputs may and may not go, and lists that
//! never end or do not fit in memory. One module per file beside this one; `cargo test --test
//! cli NAME` runs the tests whose path contains NAME.

/// The helpers shared with the other test binaries (`tests/common/`), those this one uses.
#[path = "../common"]
mod common {
    pub mod cli;
    pub mod process;
}

mod cli_check;
mod cli_lists;
mod cli_merge;
mod documents;
mod legal_rules;
mod list_fifo;
mod list_memory;
mod outputs_round_two;
mod review;
mod timetable;
