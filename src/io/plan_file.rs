//! Plan files: RON, versioned, with stable ids and sorted records, one record per line so that
//! large plans stay compact and diffs stay readable; written atomically.
//!
//! Loading never panics: every fault comes back as a [`LoadError`] that names the file, the line
//! and column where it can, and what was expected; dangling references and duplicate ids name the
//! ids. The format is documented by [`PlanFile`]. The bulk of a large plan, the baseline's
//! holdings, is read by a fast path held to `ron` ([`fast_records`]).

pub mod fast_records;
mod versions;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::atomic::write_atomically;
use crate::model::{ModelError, State, StateRecords};
use crate::plan::opinion::{default_offices, is_default_offices};
use crate::plan::{ChangeSet, Plan, PlanError, Scenario, ScenarioError};
use crate::plan::{Opinion, Review, Rule, RuleConfig};

/// The extension of plan files (`城建事权方案.shiquan`): what the window's save dialog
/// suggests, what the desktop's MIME type and the Windows file association recognise (issue 21).
/// The content is the RON of any plan file: a plan saved as `.ron` opens all the same.
pub const PLAN_EXTENSION: &str = "shiquan";

/// The plan file version this build writes.
pub const CURRENT_VERSION: u32 = 3;

/// The oldest plan file version this build reads (and migrates to [`CURRENT_VERSION`]). Every
/// released version keeps a fixture in `tests/data/vN/` that `tests/core/versions.rs` loads for ever.
pub const OLDEST_VERSION: u32 = 1;

/// The largest plan file Shiquan reads (512 MiB): far above a province's plan, far below memory.
pub const MAX_PLAN_BYTES: u64 = 512 * 1024 * 1024;

/// How deeply a plan file may nest; a real plan needs fewer than ten levels.
const RECURSION_LIMIT: usize = 64;

/// The file's top-level record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    /// The format version ([`CURRENT_VERSION`]).
    pub version: u32,
    /// Title.
    pub title: String,
    /// Description.
    #[serde(default)]
    pub description: String,
    /// The baseline's records.
    pub baseline: StateRecords,
    /// Scenarios.
    #[serde(default)]
    pub scenarios: Vec<Scenario>,
    /// Rule settings.
    #[serde(default)]
    pub rules: RuleConfig,
    /// The offices that review the plan (written when not the default: 编办, 法制办, 财政局,
    /// 人社局). Version 3.
    #[serde(
        default = "default_offices",
        skip_serializing_if = "is_offices_default"
    )]
    pub offices: Vec<String>,
    /// The review opinions (审核意见), one record per line. Version 3.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opinions: Vec<Opinion>,
}

// serde's `skip_serializing_if` hands a `&Vec`.
#[allow(clippy::ptr_arg)]
fn is_offices_default(offices: &Vec<String>) -> bool {
    is_default_offices(offices)
}

/// Why a plan could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: String,
        /// The reason.
        source: std::io::Error,
    },
    /// The file is larger than [`MAX_PLAN_BYTES`].
    #[error(
        "{path}: 方案文件超过 {limit} 字节，未读取 (at least {size} bytes were read or reported; plans larger than {limit} bytes are refused: is this a plan file?)"
    )]
    TooLarge {
        /// The file.
        path: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The file is not UTF-8.
    #[error(
        "{path}:{line}:{column}: the file is not valid UTF-8 (byte {byte}); plan files are UTF-8"
    )]
    Encoding {
        /// The file.
        path: String,
        /// Line of the first bad byte, from 1.
        line: usize,
        /// Column (in characters), from 1.
        column: usize,
        /// Byte offset, from 0.
        byte: usize,
    },
    /// A version this build cannot read.
    #[error("{path}: plan file version {found} is not supported (this build reads versions {OLDEST_VERSION} to {supported}{why})", why = if *found > u64::from(*supported) { "; the file comes from a newer Shiquan: open it with that version" } else { "; the file is older than any version this build can migrate" })]
    Version {
        /// The file.
        path: String,
        /// The version found.
        found: u64,
        /// The version supported.
        supported: u32,
    },
    /// The text is not a valid plan.
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        /// The file.
        path: String,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// What was wrong or expected.
        message: String,
    },
    /// The records break the model (dangling references, duplicate ids, cycles).
    #[error("{path}: {}", list_errors(errors))]
    Model {
        /// The file.
        path: String,
        /// Each fault, naming ids.
        errors: Vec<ModelError>,
    },
    /// The rule settings name a rule this build does not have, or a parameter its rule does not
    /// read (a misspelt key, which would be ignored and the rule run with its built-in setting).
    #[error("{path}: rules: {reason}")]
    Rules {
        /// The file.
        path: String,
        /// Which key, and the keys there are.
        reason: String,
    },
    /// The review opinions are not consistent (an id used twice).
    #[error("{path}: opinions: {reason}")]
    Opinions {
        /// The file.
        path: String,
        /// Which id.
        reason: String,
    },
    /// A scenario cannot be applied to the baseline.
    #[error("{path}: {source}")]
    Scenario {
        /// The file.
        path: String,
        /// The scenario's fault.
        source: PlanError,
    },
}

fn list_errors(errors: &[ModelError]) -> String {
    const SHOWN: usize = 20;
    let mut text = errors
        .iter()
        .take(SHOWN)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    if errors.len() > SHOWN {
        let _ = write!(text, "; and {} more", errors.len() - SHOWN);
    }
    text
}

/// Why a plan could not be saved.
#[derive(Debug, thiserror::Error)]
#[error("{path}: cannot save: {source}")]
pub struct SaveError {
    /// The file.
    pub path: PathBuf,
    /// The reason.
    pub source: std::io::Error,
}

/// Reads and loads a plan file.
pub fn load_path(path: &Path) -> Result<Plan, LoadError> {
    let name = path.display().to_string();
    let bytes = super::bounded::read_at_most(path, MAX_PLAN_BYTES).map_err(|e| match e {
        super::bounded::BoundedRead::Io(source) => LoadError::Io {
            path: name.clone(),
            source,
        },
        super::bounded::BoundedRead::TooLarge { read } => LoadError::TooLarge {
            path: name.clone(),
            size: read,
            limit: MAX_PLAN_BYTES,
        },
    })?;
    let file = parse_file(&bytes, &name)?;
    // A province's file is tens of MB: let it go before the state is built beside the records.
    drop(bytes);
    plan_of_file(file, &name)
}

/// Loads a plan from the bytes of a file called `name` (used in messages).
pub fn load_bytes(bytes: &[u8], name: &str) -> Result<Plan, LoadError> {
    plan_of_file(parse_file(bytes, name)?, name)
}

/// Reads the records of a plan file: checks size, encoding and version, then parses.
fn parse_file(bytes: &[u8], name: &str) -> Result<PlanFile, LoadError> {
    if bytes.len() as u64 > MAX_PLAN_BYTES {
        return Err(LoadError::TooLarge {
            path: name.to_owned(),
            size: bytes.len() as u64,
            limit: MAX_PLAN_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_column(&bytes[..e.valid_up_to()]);
        LoadError::Encoding {
            path: name.to_owned(),
            line,
            column,
            byte: e.valid_up_to(),
        }
    })?;
    // A byte-order mark says nothing in UTF-8; editors and scripts that add one each may leave
    // two or more, which ron would read as the start of the plan (「1:1 Expected (」).
    let text = text.trim_start_matches('\u{feff}');
    let version = match declared_version(text) {
        Some(found) => u32::try_from(found)
            .ok()
            .filter(|v| (OLDEST_VERSION..=CURRENT_VERSION).contains(v))
            .ok_or_else(|| LoadError::Version {
                path: name.to_owned(),
                found,
                supported: CURRENT_VERSION,
            })?,
        // No leading `version:`: read it as the current version, which names what is wrong.
        None => CURRENT_VERSION,
    };
    let file = versions::VersionedFile::read(text, version, name)?
        .ok_or_else(|| LoadError::Version {
            path: name.to_owned(),
            found: u64::from(version),
            supported: CURRENT_VERSION,
        })?
        .upgrade();
    if file.version != CURRENT_VERSION {
        return Err(LoadError::Version {
            path: name.to_owned(),
            found: u64::from(file.version),
            supported: CURRENT_VERSION,
        });
    }
    Ok(file)
}

/// How `ron` reads plan files (and the records the fast reader hands it one by one).
fn ron_options() -> ron::Options {
    ron::Options::default().with_recursion_limit(RECURSION_LIMIT)
}

/// Parses a plan file's text with `ron`, naming the line and column of a fault: the truth that
/// the fast reader ([`fast_records::parse`]) is held to. A field no record has is refused
/// with its name and place, at every depth.
pub fn parse_ron(text: &str, name: &str) -> Result<PlanFile, LoadError> {
    ron_options().from_str(text).map_err(|e| LoadError::Syntax {
        path: name.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    })
}

impl PlanFile {
    /// The records of a plan, as a file of the current version holds them (what
    /// [`to_text`] writes).
    pub fn of_plan(plan: &Plan) -> PlanFile {
        PlanFile {
            version: CURRENT_VERSION,
            title: plan.title.clone(),
            description: plan.description.clone(),
            baseline: plan.baseline.to_records(),
            scenarios: plan.scenarios.clone(),
            rules: plan.rules.clone(),
            offices: plan.review.offices.clone(),
            opinions: plan.review.opinions.clone(),
        }
    }
}

/// Reads a plan file's records, after loading them as a plan (so that a file that does not
/// load is refused as when it is opened), in the form [`to_text`] writes: sorted, upgraded.
pub fn load_records(path: &Path) -> Result<PlanFile, LoadError> {
    load_path(path).map(|plan| PlanFile::of_plan(&plan))
}

/// Builds the plan of parsed records: the baseline's state (checking every reference), then
/// every scenario applied to it.
pub fn plan_of_file(file: PlanFile, name: &str) -> Result<Plan, LoadError> {
    check_rule_keys(&file.rules).map_err(|reason| LoadError::Rules {
        path: name.to_owned(),
        reason,
    })?;
    let baseline = State::from_records(file.baseline).map_err(|errors| LoadError::Model {
        path: name.to_owned(),
        errors,
    })?;
    let review = Review {
        offices: file.offices,
        opinions: file.opinions,
    };
    review.check_ids().map_err(|reason| LoadError::Opinions {
        path: name.to_owned(),
        reason,
    })?;
    let plan = Plan {
        title: file.title,
        description: file.description,
        baseline,
        scenarios: file.scenarios,
        rules: file.rules,
        review,
    };
    check_plan_scenarios(&plan, name)?;
    Ok(plan)
}

/// Checks a plan's scenarios as loading does: no scenario is called what names the baseline,
/// no two share an id, and every scenario applies to the baseline.
pub fn check_plan_scenarios(plan: &Plan, name: &str) -> Result<(), LoadError> {
    plan.scenarios
        .iter()
        .try_for_each(|s| Scenario::check_naming(&s.id, &s.name))
        .and_then(|()| check_scenarios(plan))
        .map_err(|source| LoadError::Scenario {
            path: name.to_owned(),
            source,
        })
}

/// Refuses a setting of a rule this build does not have and a parameter its rule does not read
/// (the keys of `rules:` and of its `params:` are the names of rules and parameters: a misspelt
/// one must not be dropped, as a misspelt field is not).
fn check_rule_keys(rules: &RuleConfig) -> Result<(), String> {
    let listed = |keys: &mut dyn Iterator<Item = &str>| {
        keys.map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (id, setting) in &rules.rules {
        let Some(rule) = Rule::ALL.into_iter().find(|r| r.id() == id) else {
            return Err(format!(
                "no rule `{id}`; the rules are {}",
                listed(&mut Rule::ALL.iter().map(|r| r.id()))
            ));
        };
        let known = rule.default_setting().params;
        if let Some(param) = setting.params.keys().find(|p| !known.contains_key(*p)) {
            return Err(if known.is_empty() {
                format!("rule `{id}` takes no parameter, not `{param}`")
            } else {
                format!(
                    "rule `{id}` has no parameter `{param}`; its parameters are {}",
                    listed(&mut known.keys().map(String::as_str))
                )
            });
        }
    }
    Ok(())
}

/// Checks that scenario ids are unique and that every scenario applies to the baseline.
///
/// Every scenario is replayed on one working copy of the baseline and reverted (exactly, by
/// its change sets) before the next: the cost is that of the operations, not one copy of a
/// province's baseline per scenario (10,000 scenarios of one step each took 604 s that way).
fn check_scenarios(plan: &Plan) -> Result<(), PlanError> {
    let mut seen = std::collections::BTreeSet::new();
    for scenario in &plan.scenarios {
        if !seen.insert(&scenario.id) {
            return Err(PlanError::Duplicate(scenario.id.clone()));
        }
    }
    if plan.scenarios.iter().all(|s| s.operations.is_empty()) {
        return Ok(());
    }
    let mut working = plan.baseline.clone();
    let mut applied: Vec<ChangeSet> = Vec::new();
    for scenario in &plan.scenarios {
        let outcome = scenario
            .operations
            .iter()
            .enumerate()
            .try_for_each(|(i, step)| {
                let changes =
                    step.operation
                        .apply(&mut working)
                        .map_err(|error| ScenarioError {
                            scenario: scenario.id.clone(),
                            index: i + 1,
                            error,
                        })?;
                applied.push(changes);
                Ok::<(), ScenarioError>(())
            });
        outcome?;
        for changes in applied.drain(..).rev() {
            changes.revert(&mut working);
        }
        // A dated scenario must take effect on each of its dates in its order.
        if scenario.is_dated() {
            crate::plan::timetable::check(&mut working, scenario)?;
        }
    }
    Ok(())
}

/// The line and column (from 1, in characters) just after `prefix`.
fn line_column(prefix: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(prefix);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The `version: N` that opens a plan file, read without parsing the rest, so that a file of
/// another version is named as such even if the rest of its shape differs. Only the first field
/// of the top-level record counts (after comments and white space), never text further in.
fn declared_version(text: &str) -> Option<u64> {
    let mut rest = skip_trivia(text);
    rest = skip_trivia(rest.strip_prefix('(')?);
    rest = skip_trivia(rest.strip_prefix("version")?);
    rest = skip_trivia(rest.strip_prefix(':')?);
    let digits: String = rest
        .chars()
        .take_while(char::is_ascii_digit)
        .take(21)
        .collect();
    // More digits than a u64 holds is still a version number: a newer one than any.
    (!digits.is_empty()).then(|| digits.parse().unwrap_or(u64::MAX))
}

/// Skips white space and `//` or `/* */` comments.
fn skip_trivia(mut text: &str) -> &str {
    loop {
        text = text.trim_start();
        if let Some(after) = text.strip_prefix("//") {
            text = after.find('\n').map_or("", |i| &after[i..]);
        } else if let Some(after) = text.strip_prefix("/*") {
            text = after.find("*/").map_or("", |i| &after[i + 2..]);
        } else {
            return text;
        }
    }
}

/// The plan as the text of a plan file.
pub fn to_text(plan: &Plan) -> Result<String, ron::Error> {
    let records = plan.baseline.to_records();
    let mut out = String::with_capacity(64 * (records.holdings.len() + records.bodies.len() + 64));
    out.push_str("// 事权沙盘 Shiquan plan file. One record per line; ids are stable.\n(\n");
    let _ = writeln!(out, "    version: {CURRENT_VERSION},");
    let _ = writeln!(out, "    title: {},", ron_value(&plan.title)?);
    let _ = writeln!(out, "    description: {},", ron_value(&plan.description)?);
    out.push_str("    baseline: (\n");
    write_list(&mut out, "jurisdictions", &records.jurisdictions, 2)?;
    write_list(&mut out, "bodies", &records.bodies, 2)?;
    write_list(&mut out, "powers", &records.powers, 2)?;
    write_list(&mut out, "holdings", &records.holdings, 2)?;
    write_list(&mut out, "concentrated", &records.concentrated, 2)?;
    out.push_str("    ),\n    scenarios: [\n");
    for scenario in &plan.scenarios {
        out.push_str("        (\n");
        let _ = writeln!(out, "            id: {},", ron_value(&scenario.id)?);
        let _ = writeln!(out, "            name: {},", ron_value(&scenario.name)?);
        let _ = writeln!(
            out,
            "            description: {},",
            ron_value(&scenario.description)?
        );
        write_list(&mut out, "operations", &scenario.operations, 3)?;
        out.push_str("        ),\n");
    }
    out.push_str("    ],\n");
    let _ = writeln!(out, "    rules: {},", ron_value(&plan.rules)?);
    if !is_default_offices(&plan.review.offices) {
        let _ = writeln!(out, "    offices: {},", ron_value(&plan.review.offices)?);
    }
    if !plan.review.opinions.is_empty() {
        write_list(&mut out, "opinions", &plan.review.opinions, 1)?;
    }
    out.push_str(")\n");
    Ok(out)
}

fn write_list<T: Serialize>(
    out: &mut String,
    name: &str,
    items: &[T],
    depth: usize,
) -> Result<(), ron::Error> {
    let indent = "    ".repeat(depth);
    let _ = writeln!(out, "{indent}{name}: [");
    for item in items {
        let _ = writeln!(out, "{indent}    {},", ron_value(item)?);
    }
    let _ = writeln!(out, "{indent}],");
    Ok(())
}

/// One value as compact single-line RON, as a plan file writes each record (the merge's report
/// writes values the same way). Strings are escaped the `escape_debug` way, which keeps Chinese
/// readable and line breaks escaped, so one record is always one line.
pub fn ron_value<T: Serialize + ?Sized>(value: &T) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("")
        .compact_arrays(true)
        .compact_structs(true)
        .compact_maps(true)
        .struct_names(false);
    Ok(ron::ser::to_string_pretty(value, config)?.replace('\n', " "))
}

/// Saves a plan atomically: a temporary file in the same folder, fsync, rename, fsync the folder.
pub fn save_path(plan: &Plan, path: &Path) -> Result<(), SaveError> {
    let text = to_text(plan).map_err(|e| SaveError {
        path: path.to_owned(),
        source: std::io::Error::other(e),
    })?;
    write_atomically(path, text.as_bytes()).map_err(|source| SaveError {
        path: path.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_behind_two_byte_order_marks_loads_as_without() {
        let plain = to_text(&Plan::new("双标记")).expect("an empty plan writes");
        let marked = format!("\u{feff}\u{feff}{plain}");
        let loaded = load_bytes(marked.as_bytes(), "marked.ron").expect("the marks are skipped");
        assert_eq!(loaded.title, "双标记");
    }
}
