//! The headless command line: `check`, `export` and `import`; `diff`, `generate`, `merge`,
//! `review` and `doc` (the documents of a scenario, issue 20) join them.
//!
//! Wherever a plan is read, a power list (`.csv`, `.xlsx`) may stand in its place: it is
//! imported first, by the same rules as `import` (so `check LIST` checks a list directly and
//! prints the same report as for a plan).
//!
//! Exit status: 0 when all is well, 1 when `check` finds an error or `merge` a conflict, 2 when
//! the input cannot be read or the output cannot be written (the message on stderr says where and why).
//!
//! An `--out` that is one of the command's inputs (the same path, or the same file through a
//! symbolic or hard link) is refused before anything is read or written. Everything written
//! for a human (messages, the check report, the diff, import reports) shows the plan's control
//! characters escaped ([`crate::report::terminal_text`]); JSON is written by
//! [`crate::report::write_json`].

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::analysis::diff::Diff;
use crate::io::export::{self, CsvEncoding, ExportError, ExportFormat, ExportOptions};
use crate::io::import::{self, ImportError, ImportOptions};
use crate::io::{self, LoadError, SaveError};
use crate::model::{ScenarioId, State};
use crate::plan::{Operation, Plan};
use crate::report::{CheckReport, terminal_field, terminal_text, write_json};
use crate::text::{DiffText, Lang};

mod args;
mod review;

pub use args::{
    Cli, Command, DocFormatArg, DocKindArg, EncodingArg, FormatArg, LangArg, ListArgs, TableArg,
};

/// A failure that maps to exit status 2: the input could not be read or used.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The plan file could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The plan could not produce the requested state.
    #[error(transparent)]
    Plan(#[from] crate::plan::PlanError),
    /// The power list could not be imported.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// The export could not be written.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// The plan file could not be written.
    #[error(transparent)]
    Save(#[from] SaveError),
    /// The three copies could not be merged into a plan.
    #[error(transparent)]
    Merge(Box<crate::merge::MergeError>),
    /// The document could not be made or written.
    #[error(transparent)]
    Document(#[from] crate::documents::DocumentError),
    /// The arguments do not say enough.
    #[error("{0}")]
    Usage(String),
}

impl From<crate::merge::MergeError> for InputError {
    fn from(error: crate::merge::MergeError) -> Self {
        InputError::Merge(Box::new(error))
    }
}

/// Loads a plan from a path, or the embedded seed plan.
pub fn load_plan(path: Option<&PathBuf>) -> Result<Plan, LoadError> {
    match path {
        Some(p) => io::load_path(p),
        None => io::seed::seed_plan(),
    }
}

/// Loads a plan from a plan file, a power list (by extension) or a folder of lists, or the
/// embedded seed plan.
/// Notes and skipped rows of a list go to stderr.
pub fn load_plan_or_list(
    path: Option<&PathBuf>,
    options: &ImportOptions,
) -> Result<Plan, InputError> {
    match path {
        Some(p) if import::is_list_path(p) || p.is_dir() => {
            let list = import::read_lists(std::slice::from_ref(p), options)?;
            report_list(&list);
            Ok(list.into_plan())
        }
        _ => Ok(load_plan(path)?),
    }
}

/// Writes a list's import report, skipped rows and notes to stderr.
fn report_list(list: &import::ImportedList) {
    // A large list can bring thousands of notes: show the first, count the rest.
    const NOTES_SHOWN: usize = 20;
    let mut err = std::io::stderr();
    for line in list.report.lines() {
        let _ = writeln!(err, "shiquan: {}", terminal_field(&line));
    }
    if !list.skipped.is_empty() {
        let _ = writeln!(
            err,
            "shiquan: {} bad row(s) skipped (跳过错误行 {} 行):",
            list.skipped.len(),
            list.skipped.len()
        );
        for e in &list.skipped {
            let _ = writeln!(err, "  {}", terminal_text(&e.to_string()));
        }
    }
    for note in list.notes.iter().take(NOTES_SHOWN) {
        let _ = writeln!(err, "shiquan: {}", terminal_text(note));
    }
    if list.notes.len() > NOTES_SHOWN {
        let _ = writeln!(
            err,
            "shiquan: … {} more notes (另有 {} 条提示)",
            list.notes.len() - NOTES_SHOWN,
            list.notes.len() - NOTES_SHOWN
        );
    }
}

/// Runs a headless command and returns the process's exit code.
pub fn run(command: &Command, lang: Lang) -> ExitCode {
    let result = match command {
        Command::Check {
            plan,
            scenario,
            at,
            json,
            list,
        } => check(
            plan,
            scenario.as_deref(),
            at.as_deref(),
            *json,
            &list.options(),
            lang,
        ),
        Command::Export {
            plan,
            scenario,
            format,
            out,
            table,
            encoding,
            list,
        } => export_command(
            plan.as_ref(),
            &ExportOptions {
                scenario: scenario.as_deref().map(ScenarioId::new),
                table: (*table).into(),
                encoding: match encoding {
                    EncodingArg::Utf8 => CsvEncoding::Utf8Bom,
                    EncodingArg::Gb18030 => CsvEncoding::Gb18030,
                },
            },
            format.map(ExportFormat::from),
            out,
            &list.options(),
        ),
        Command::Import {
            list,
            out,
            json,
            options,
        } => import_command(list, out, *json, &options.options()),
        Command::Diff {
            plan,
            from,
            to,
            json,
        } => diff(plan.as_ref(), from, to, *json, lang),
        Command::Merge {
            base,
            ours,
            theirs,
            out,
            json,
        } => merge_command(base, ours, theirs, out, *json, lang),
        Command::Doc {
            kind,
            plan,
            scenario,
            from,
            format,
            out,
        } => doc_command(
            (*kind).into(),
            plan.as_ref(),
            scenario,
            from.as_deref(),
            format.map(crate::documents::DocFormat::from),
            out,
        ),
        Command::Review { plan, json, status } => {
            review::review(plan.as_ref(), *status, *json, lang)
        }
        Command::Generate {
            districts,
            powers,
            seed,
            streets,
            grant_rate,
            out,
        } => generate(
            *districts,
            *powers,
            *seed,
            &crate::generate::StreetOptions {
                per_district: *streets,
                grant_rate: *grant_rate,
            },
            out,
        ),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            let _ = writeln!(
                std::io::stderr(),
                "shiquan: {}{}",
                lang.pick("错误：", "error: "),
                terminal_text(&error.to_string())
            );
            ExitCode::from(2)
        }
    }
}

fn check(
    paths: &[PathBuf],
    scenario: Option<&str>,
    at: Option<&str>,
    json: bool,
    list: &ImportOptions,
    lang: Lang,
) -> Result<ExitCode, InputError> {
    // A date is read before the plan, so that a malformed one is named as such at once.
    let at = at
        .map(|text| {
            text.parse::<crate::plan::PlanDate>()
                .map_err(|e| InputError::Usage(format!("--at: {e}")))
        })
        .transpose()?;
    if at.is_some() && scenario.is_none() {
        return Err(InputError::Usage(
            "--at 需要 --scenario：现状没有日期 (--at needs --scenario: the baseline has no dates)"
                .to_owned(),
        ));
    }
    let plan = match paths {
        [] | [_] => load_plan_or_list(paths.first(), list)?,
        lists => {
            let imported = import::read_lists(lists, list)?;
            report_list(&imported);
            imported.into_plan()
        }
    };
    let scenario = scenario.map(|s| plan.find_state(s)).transpose()?.flatten();
    if at.is_some() && scenario.is_none() {
        return Err(InputError::Usage(
            "--at 需要一个方案，而非现状 (--at needs a scenario, not the baseline)".to_owned(),
        ));
    }
    let report = CheckReport::build_at(&plan, scenario.as_ref(), at, lang)?;
    // Written as it is made (a province's report is megabytes); a closed pipe (`| head`) is not
    // an error of the check.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let _ = if json {
        // The report holds only strings, numbers and maps with string keys.
        write_json(&mut out, &report)
    } else {
        let name = scenario
            .as_ref()
            .and_then(|id| plan.scenario(id))
            .map(|s| s.name.as_str());
        out.write_all(report.to_text(name, lang).as_bytes())
    };
    let _ = out.flush();
    drop(out);
    let code = if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    // The process ends here: freeing a province's plan record by record (a tenth of a second)
    // would only delay the exit, so the operating system takes the memory back at once.
    std::mem::forget((plan, report));
    Ok(code)
}

/// The id by which the CLI names the baseline (the plan's word for it: see
/// [`crate::plan::BASELINE_ID`]).
pub use crate::plan::BASELINE_ID;

/// A state of the plan by CLI id, with the operations that produce it from the baseline.
fn state_by_id(plan: &Plan, id: &str) -> Result<(State, Vec<Operation>), InputError> {
    let scenario = plan.find_state(id)?;
    Ok(plan.state_and_operations(scenario.as_ref())?)
}

fn diff(
    path: Option<&PathBuf>,
    from: &str,
    to: &str,
    json: bool,
    lang: Lang,
) -> Result<ExitCode, InputError> {
    let plan = load_plan(path)?;
    let (from_state, from_ops) = state_by_id(&plan, from)?;
    let (to_state, to_ops) = state_by_id(&plan, to)?;
    let d = crate::analysis::diff::diff(
        (from, &from_state, &from_ops),
        (to, &to_state, &to_ops),
        &plan.rules,
    );
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error of the diff.
    let _ = if json {
        // The diff holds only strings, numbers and lists.
        write_json(&mut stdout, &d)
    } else {
        stdout.write_all(diff_text(&d, &from_state, &to_state, lang).as_bytes())
    };
    Ok(ExitCode::SUCCESS)
}

fn diff_text(d: &Diff, from: &State, to: &State, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} → {}",
        terminal_field(&d.from),
        terminal_field(&d.to)
    );
    let _ = writeln!(out, "{}", terminal_field(&d.headline(from, to, lang)));
    for c in &d.coverage {
        let place = to
            .jurisdiction(&c.district)
            .map_or_else(|| c.district.to_string(), |j| j.name.clone());
        let _ = writeln!(
            out,
            "  {}{}{} {} → {}{}{} {} → {}",
            terminal_field(&place),
            lang.pick("：", ": "),
            lang.pick("多头执法", "overlaps"),
            c.overlaps_before,
            c.overlaps_after,
            lang.pick("，", ", "),
            lang.pick("管理盲区", "gaps"),
            c.gaps_before,
            c.gaps_after
        );
    }
    out
}

fn export_command(
    path: Option<&PathBuf>,
    options: &ExportOptions,
    format: Option<ExportFormat>,
    out: &std::path::Path,
    list: &ImportOptions,
) -> Result<ExitCode, InputError> {
    let format = format
        .or_else(|| {
            out.extension()
                .and_then(|e| e.to_str())
                .and_then(ExportFormat::from_extension)
        })
        .ok_or_else(|| {
            InputError::Usage(format!(
                "{}: say --format (csv, xlsx, md, html, svg, png, dot); the extension names none",
                out.display()
            ))
        })?;
    refuse_output_that_is_an_input(out, path.map(PathBuf::as_path).as_slice())?;
    let plan = load_plan_or_list(path, list)?;
    // `--scenario` may give a scenario's name as the window shows it, or its id.
    let mut options = options.clone();
    if let Some(given) = options.scenario.take() {
        options.scenario = plan.find_state(given.as_str())?;
    }
    export::export_to_path(&plan, format, &options, out)?;
    Ok(ExitCode::SUCCESS)
}

fn doc_command(
    kind: crate::documents::DocKind,
    path: Option<&PathBuf>,
    scenario: &str,
    from: Option<&str>,
    format: Option<crate::documents::DocFormat>,
    out: &Path,
) -> Result<ExitCode, InputError> {
    use crate::documents::{self, DocFormat, DocRequest, DocumentError};
    let format = format
        .or_else(|| {
            out.extension()
                .and_then(|e| e.to_str())
                .and_then(DocFormat::from_extension)
        })
        .ok_or_else(|| {
            InputError::Usage(format!(
                "{}: 请用 --format 指定格式（docx、pdf、xlsx） (say --format: docx, pdf or xlsx; the extension names none)",
                out.display()
            ))
        })?;
    refuse_output_that_is_an_input(out, path.map(PathBuf::as_path).as_slice())?;
    let plan = load_plan(path)?;
    let Some(scenario) = plan.find_state(scenario)? else {
        return Err(DocumentError::BaselineAsScenario.into());
    };
    let from = match from {
        Some(given) => plan.find_state(given)?,
        None => None,
    };
    let document = documents::build(
        &plan,
        &DocRequest {
            kind,
            scenario,
            from,
        },
    )?;
    let bytes = match format {
        // A PDF says which fonts it embeds: the system's 仿宋 or a free font in its place.
        DocFormat::Pdf => {
            let fonts = documents::Fonts::from_system()
                .map_err(|e| DocumentError::from(documents::PdfError::from(e)))?;
            let mut err = std::io::stderr();
            for (role, family, path) in fonts.resolved() {
                let _ = writeln!(
                    err,
                    "shiquan: {} {family} ({})",
                    role.label(),
                    terminal_field(&path.display().to_string())
                );
            }
            documents::write_pdf(&document, &fonts).map_err(DocumentError::from)?
        }
        _ => documents::render(&document, format)?,
    };
    documents::write_bytes(&bytes, out)?;
    Ok(ExitCode::SUCCESS)
}

fn import_command(
    lists: &[PathBuf],
    out: &std::path::Path,
    json: bool,
    options: &ImportOptions,
) -> Result<ExitCode, InputError> {
    let inputs: Vec<&Path> = lists.iter().map(PathBuf::as_path).collect();
    refuse_output_that_is_an_input(out, &inputs)?;
    let imported = import::read_lists(lists, options)?;
    report_list(&imported);
    let plan = imported.to_plan();
    io::save_path(&plan, out)?;
    if json {
        let _ = write_json(std::io::stdout().lock(), &imported.report);
        return Ok(ExitCode::SUCCESS);
    }
    let state = &plan.baseline;
    let _ = writeln!(
        std::io::stdout(),
        "{}: {} 行 → 事项 {} 项，机构 {} 个，辖区 {} 个，职权配置 {} 条{}；已写入 {}",
        terminal_field(&imported.source),
        imported.rows,
        state.powers().len(),
        state.bodies().len(),
        state.jurisdictions().len(),
        state.holding_count(),
        if imported.skipped.is_empty() {
            String::new()
        } else {
            format!("；跳过错误行 {} 行", imported.skipped.len())
        },
        terminal_field(&out.display().to_string())
    );
    Ok(ExitCode::SUCCESS)
}

/// Refuses an `--out` that is one of the command's inputs, or one of the lists a folder given as
/// an input holds: the same path, or the same file through a symbolic link or a hard link.
/// Checked before anything is read, so the input is never replaced.
fn refuse_output_that_is_an_input(out: &Path, inputs: &[&Path]) -> Result<(), InputError> {
    for input in inputs {
        let clash = if input.is_dir() {
            std::fs::read_dir(input)
                .into_iter()
                .flatten()
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .find(|file| import::is_list_path(file) && io::atomic::same_file(out, file))
        } else {
            io::atomic::same_file(out, input).then(|| input.to_path_buf())
        };
        if let Some(input) = clash {
            return Err(InputError::Usage(format!(
                "{out}：--out 就是输入文件 {input}，写入会覆盖输入，故未写入任何文件；请另选输出文件 (--out is the input {input}: writing would replace it, so nothing was written; choose another file)",
                out = out.display(),
                input = input.display()
            )));
        }
    }
    Ok(())
}

/// `merge BASE OURS THEIRS --out MERGED`: the merged plan is written (atomically) whenever it
/// holds together, with ours at each conflict; `--out` may be OURS (git's merge driver writes
/// the result over `%A`), never BASE or THEIRS, which are refused before anything is read.
fn merge_command(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    out: &Path,
    json: bool,
    lang: Lang,
) -> Result<ExitCode, InputError> {
    refuse_output_that_is_an_input(out, &[base, theirs])?;
    let merged = crate::merge::merge_paths(base, ours, theirs)?;
    io::save_path(&merged.plan, out)?;
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error of the merge: the file is written.
    let _ = if json {
        write_json(&mut stdout, &merged.report(Some(out)))
    } else {
        stdout.write_all(merged.report_text(Some(out), lang).as_bytes())
    };
    let code = if merged.is_clean() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    };
    // The process ends here: the operating system takes a province's plan back at once.
    std::mem::forget(merged);
    Ok(code)
}

fn generate(
    districts: usize,
    powers: usize,
    seed: u64,
    streets: &crate::generate::StreetOptions,
    out: &std::path::Path,
) -> Result<ExitCode, InputError> {
    let options = crate::generate::GenerateOptions {
        districts,
        powers,
        seed,
        ..crate::generate::GenerateOptions::default()
    };
    let plan = crate::generate::generate_province(&options, streets);
    let is_csv = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        let text = crate::generate::to_list_csv(&plan.baseline);
        crate::io::atomic::write_atomically(out, text.as_bytes()).map_err(|source| {
            InputError::Save(SaveError {
                path: out.to_owned(),
                source,
            })
        })?;
    } else {
        io::save_path(&plan, out)?;
    }
    Ok(ExitCode::SUCCESS)
}
