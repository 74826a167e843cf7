//! `shiquan review [PLAN] [--json] [--status S]`: the plan's review opinions (审核意见) with
//! their status, object, text, date and answer; the seed plan when no plan is named. Exit 0 (a
//! list is not a verdict), 2 when the plan cannot be read.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::{InputError, load_plan};
use crate::plan::OpinionStatus;
use crate::report::{terminal_field, write_json};
use crate::text::review::{OpinionRow, opinion_headers, status_label};
use crate::text::{Lang, opinion_rows};

/// What `review --json` writes.
#[derive(Serialize)]
struct ReviewReport<'a> {
    /// The plan's title.
    plan: &'a str,
    /// The status asked for, if any (its id).
    status: Option<&'static str>,
    /// Opinions in the plan, of any status.
    total: usize,
    /// Open (待处理) opinions in the plan.
    open: usize,
    /// The opinions listed.
    opinions: Vec<OpinionRow>,
}

/// A `--status` argument: a status's id or its Chinese name.
pub(super) fn status_arg(text: &str) -> Result<OpinionStatus, String> {
    OpinionStatus::parse(text).ok_or_else(|| {
        let valid: Vec<String> = OpinionStatus::ALL
            .iter()
            .map(|s| format!("{} ({})", s.zh(), s.id()))
            .collect();
        format!(
            "「{text}」不是意见状态；可选：{} (not a status of an opinion)",
            valid.join("、")
        )
    })
}

/// Lists the opinions.
pub(super) fn review(
    path: Option<&PathBuf>,
    status: Option<OpinionStatus>,
    json: bool,
    lang: Lang,
) -> Result<ExitCode, InputError> {
    let plan = load_plan(path)?;
    let rows: Vec<OpinionRow> = opinion_rows(&plan, None, lang)
        .into_iter()
        .filter(|r| status.is_none_or(|s| r.status_id == s.id()))
        .collect();
    let report = ReviewReport {
        plan: &plan.title,
        status: status.map(OpinionStatus::id),
        total: plan.review.opinions.len(),
        open: plan.review.open_count(),
        opinions: rows,
    };
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error of the listing.
    let _ = if json {
        write_json(&mut out, &report)
    } else {
        out.write_all(text(&report, status, lang).as_bytes())
    };
    Ok(ExitCode::SUCCESS)
}

/// The listing for a human: a headline, then each opinion in a block.
fn text(report: &ReviewReport<'_>, status: Option<OpinionStatus>, lang: Lang) -> String {
    let mut out = String::new();
    let _ = match lang {
        Lang::Zh => writeln!(
            out,
            "{}：审核意见 {} 条，待处理 {} 条",
            terminal_field(report.plan),
            report.total,
            report.open
        ),
        Lang::En => writeln!(
            out,
            "{}: {} review opinions, {} pending",
            terminal_field(report.plan),
            report.total,
            report.open
        ),
    };
    if let Some(status) = status {
        let _ = match lang {
            Lang::Zh => writeln!(
                out,
                "状态为「{}」的 {} 条：",
                status_label(status, lang),
                report.opinions.len()
            ),
            Lang::En => writeln!(
                out,
                "{} {}:",
                report.opinions.len(),
                status_label(status, lang)
            ),
        };
    }
    let [_, _, object, opinion, _, _, answer] = opinion_headers(lang);
    let colon = lang.pick("：", ": ");
    for row in &report.opinions {
        let _ = writeln!(
            out,
            "\n{}  [{}]  {}  {}  ({})",
            terminal_field(&row.id),
            row.status,
            row.date,
            terminal_field(&row.office),
            terminal_field(&row.state)
        );
        let _ = writeln!(out, "  {object}{colon}{}", terminal_field(&row.target));
        let _ = writeln!(out, "  {opinion}{colon}{}", terminal_field(&row.text));
        if !row.answer.is_empty() {
            let _ = writeln!(out, "  {answer}{colon}{}", terminal_field(&row.answer));
        }
    }
    if report.opinions.is_empty() {
        let _ = writeln!(out, "{}", lang.pick("（无）", "(none)"));
    }
    out
}
