//! The merge's report: for people (Chinese, or English with `--lang en`), each conflict with
//! its place, the base's, ours' and theirs' values and what the merged plan holds; for scripts,
//! JSON (`{clean, conflicts: [{place, kind, base, ours, theirs, held, …}]}`).

use std::fmt::Write as _;
use std::path::Path;

use serde::Serialize;

use super::Merged;
use super::conflict::{Conflict, ConflictKind, Side};
use super::tree::Node;
use crate::report::terminal_field;
use crate::text::Lang;

/// The JSON report.
#[derive(Debug, Serialize)]
pub struct MergeReport<'a> {
    /// Whether there was no conflict.
    pub clean: bool,
    /// The file written, if any.
    pub written: Option<String>,
    /// Every conflict.
    pub conflicts: &'a [Conflict],
}

impl Merged {
    /// The report for scripts.
    pub fn report(&self, written: Option<&Path>) -> MergeReport<'_> {
        MergeReport {
            clean: self.is_clean(),
            written: written.map(|p| p.display().to_string()),
            conflicts: &self.conflicts,
        }
    }

    /// The report for people, with every text escaped for a terminal.
    pub fn report_text(&self, written: Option<&Path>, lang: Lang) -> String {
        let mut out = String::new();
        let written = written.map(|p| terminal_field(&p.display().to_string()).into_owned());
        if self.is_clean() {
            let _ = write!(out, "{}", lang.pick("合并完成，没有冲突", "Merged cleanly"));
        } else {
            let n = self.conflicts.len();
            let _ = match lang {
                Lang::Zh => write!(out, "合并有 {n} 处冲突，冲突处按所列取值"),
                Lang::En => write!(out, "Merged with {n} conflict(s), each resolved as listed"),
            };
        }
        if let Some(path) = &written {
            let _ = write!(out, "{}{path}", lang.pick("；已写入 ", "; written to "));
        }
        out.push('\n');
        for (i, conflict) in self.conflicts.iter().enumerate() {
            conflict_text(&mut out, i + 1, conflict, lang);
        }
        out
    }
}

fn conflict_text(out: &mut String, number: usize, c: &Conflict, lang: Lang) {
    let place = terminal_field(&c.place.to_string()).into_owned();
    let _ = writeln!(out, "{number}. {place} — {}", kind_text(&c.kind, lang));
    let rows = [
        (lang.pick("原值 (base)", "base"), &c.base),
        (lang.pick("我方 (ours)", "ours"), &c.ours),
        (lang.pick("对方 (theirs)", "theirs"), &c.theirs),
    ];
    for (label, value) in rows {
        let _ = writeln!(
            out,
            "   {label}{}{}",
            lang.pick("：", ": "),
            value_text(value.as_ref(), lang)
        );
    }
    let held = match c.held {
        Some(side) => side_name(side, lang).to_owned(),
        None => lang.pick("略去此步", "the step left out").to_owned(),
    };
    let _ = writeln!(out, "   {}{held}", lang.pick("合并结果取：", "merged: "));
}

/// What kind of conflict, as a sentence (the report's and the window's).
pub fn kind_text(kind: &ConflictKind, lang: Lang) -> String {
    match kind {
        ConflictKind::BothChanged => lang
            .pick("双方改得不同", "both sides changed it differently")
            .to_owned(),
        ConflictKind::DeletedAndChanged { deleted_by } => match lang {
            Lang::Zh => format!(
                "{}删除，{}修改",
                side_name(*deleted_by, lang),
                side_name(other(*deleted_by), lang)
            ),
            Lang::En => format!(
                "deleted by {}, changed by {}",
                side_name(*deleted_by, lang),
                side_name(other(*deleted_by), lang)
            ),
        },
        ConflictKind::NoLongerApplies {
            scenario,
            step,
            refusal,
        } => {
            let (scenario, refusal) = (terminal_field(scenario.as_str()), terminal_field(refusal));
            match lang {
                Lang::Zh => {
                    format!("方案 {scenario} 第 {step} 步在合并后不再适用（{refusal}），已略去")
                }
                Lang::En => format!(
                    "step {step} of scenario {scenario} no longer applies after the merge ({refusal}); left out"
                ),
            }
        }
        ConflictKind::DoNotHoldTogether { reason } => {
            let reason = terminal_field(reason);
            match lang {
                Lang::Zh => format!("双方都改了此记录，逐项合并后不成立（{reason}），整条取一方"),
                Lang::En => format!(
                    "both sides changed this record and its fields merged do not hold together ({reason}); taken whole from one side"
                ),
            }
        }
        ConflictKind::Restored {
            deleted_by,
            referrer,
        } => {
            let referrer = terminal_field(referrer);
            match lang {
                Lang::Zh => format!(
                    "{}删除了它，但合并结果中 {referrer} 仍引用它，故保留",
                    side_name(*deleted_by, lang)
                ),
                Lang::En => format!(
                    "deleted by {}, but {referrer} still refers to it in the merged plan, so it is kept",
                    side_name(*deleted_by, lang)
                ),
            }
        }
    }
}

fn other(side: Side) -> Side {
    match side {
        Side::Ours => Side::Theirs,
        _ => Side::Ours,
    }
}

fn side_name(side: Side, lang: Lang) -> &'static str {
    match side {
        Side::Base => lang.pick("原值", "the base"),
        Side::Ours => lang.pick("我方", "ours"),
        Side::Theirs => lang.pick("对方", "theirs"),
    }
}

/// A side's value at a conflict, as RON text (`（无）` when absent).
pub fn value_text(value: Option<&Node>, lang: Lang) -> String {
    match value {
        None => lang.pick("（无）", "(absent)").to_owned(),
        Some(node) => terminal_field(&node.to_ron()).into_owned(),
    }
}
