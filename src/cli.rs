//! The headless command line: `check` now; `diff`, `export`, `import` and `generate` join it.
//!
//! Exit status: 0 when all is well, 1 when `check` finds an error, 2 when the input cannot be
//! read (the message on stderr says where and why).

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::io::{self, LoadError};
use crate::lang::Lang;
use crate::model::ScenarioId;
use crate::plan::Plan;
use crate::report::CheckReport;

/// 事权沙盘 Shiquan: simulate how a city and its districts share urban-construction duties.
#[derive(Debug, Parser)]
#[command(name = "shiquan", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A plan file to open in the window (default: the embedded seed plan).
    pub file: Option<PathBuf>,
    /// The language of messages.
    #[arg(long, value_enum, global = true, default_value = "zh")]
    pub lang: LangArg,
    /// A headless command.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The language argument.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum LangArg {
    /// 中文
    Zh,
    /// English
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// The headless commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a plan for overlaps (多头执法), gaps (管理盲区) and broken rules.
    Check {
        /// The plan file (default: the embedded seed plan).
        plan: Option<PathBuf>,
        /// Check this scenario instead of the baseline.
        #[arg(long)]
        scenario: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

/// A failure that maps to exit status 2: the input could not be read or used.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The plan file could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The plan could not produce the requested state.
    #[error(transparent)]
    Plan(#[from] crate::plan::PlanError),
}

/// Loads a plan from a path, or the embedded seed plan.
pub fn load_plan(path: Option<&PathBuf>) -> Result<Plan, LoadError> {
    match path {
        Some(p) => io::load_path(p),
        None => io::seed::seed_plan(),
    }
}

/// Runs a headless command and returns the process's exit code.
pub fn run(command: &Command, lang: Lang) -> ExitCode {
    let result = match command {
        Command::Check {
            plan,
            scenario,
            json,
        } => check(plan.as_ref(), scenario.as_deref(), *json, lang),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            let _ = writeln!(
                std::io::stderr(),
                "shiquan: {}{error}",
                lang.pick("错误：", "error: ")
            );
            ExitCode::from(2)
        }
    }
}

fn check(
    path: Option<&PathBuf>,
    scenario: Option<&str>,
    json: bool,
    lang: Lang,
) -> Result<ExitCode, InputError> {
    let plan = load_plan(path)?;
    let scenario = scenario.map(ScenarioId::new);
    let report = CheckReport::build(&plan, scenario.as_ref(), lang)?;
    let text = if json {
        // The report holds only strings, numbers and maps with string keys.
        serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"
    } else {
        let name = scenario
            .as_ref()
            .and_then(|id| plan.scenario(id))
            .map(|s| s.name.as_str());
        report.to_text(name, lang)
    };
    // A closed pipe (`| head`) is not an error of the check.
    let _ = std::io::stdout().write_all(text.as_bytes());
    Ok(if report.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
