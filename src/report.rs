//! The check report: counts, changes against the baseline and findings of one state of a plan,
//! in the JSON shape that scripts and tests read (`check --json`) and as a short text.
//!
//! The JSON shape is a contract: fields may be added, never renamed.
//!
//! Text for a terminal never carries the plan's control characters: names and cells may hold
//! ESC, other C0 and C1 controls or bidirectional overrides (U+202A–U+202E, U+2066–U+2069),
//! which a terminal would obey (recolour, move the cursor, reorder a line). [`terminal_text`] and
//! [`terminal_field`] show them as `\u{1b}`; every text the command line writes for a human goes
//! through them. `serde_json` escapes C0 in JSON itself; [`write_json`] escapes C1 and the bidi
//! controls as `\u009b` too, so that JSON shown in a terminal is as safe and parses the same.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;

use serde::Serialize;

use crate::analysis::Reason;
use crate::analysis::finding::message::RuleMessage;
use crate::analysis::summary::{Changes, Counts};
use crate::analysis::{Analysis, Finding, FindingKind as K, Severity};
use crate::model::{ScenarioId, State};
use crate::plan::{Operation, Plan, PlanDate, PlanError};
use crate::text::{FindingText, Label, Lang};

/// One finding as the JSON writes it.
#[derive(Clone, Debug, Serialize)]
pub struct FindingRecord {
    /// `overlap`, `gap` or `rule`.
    pub kind: crate::analysis::FindingKind,
    /// `error`, `warning` or `info`.
    pub severity: Severity,
    /// The power's code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub power: Option<String>,
    /// The jurisdiction's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jurisdiction: Option<String>,
    /// The jurisdiction's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jurisdiction_name: Option<String>,
    /// The district of a street the finding is in (the street is `jurisdiction`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// That district's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district_name: Option<String>,
    /// The bodies' ids.
    pub bodies: Vec<String>,
    /// The rule's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// One line.
    pub message: String,
}

impl FindingRecord {
    /// The record of a finding, named from `state`.
    pub fn of(finding: &Finding, state: &State, lang: Lang) -> Self {
        let district = finding
            .jurisdiction
            .as_ref()
            .and_then(|j| state.district_of(j).filter(|d| *d != j));
        Self {
            district: district.map(ToString::to_string),
            district_name: district
                .and_then(|d| state.jurisdiction(d))
                .map(|d| d.name.clone()),
            kind: finding.kind,
            severity: finding.severity,
            power: finding.power.as_ref().map(ToString::to_string),
            jurisdiction: finding.jurisdiction.as_ref().map(ToString::to_string),
            jurisdiction_name: finding
                .jurisdiction
                .as_ref()
                .and_then(|j| state.jurisdiction(j))
                .map(|j| j.name.clone()),
            bodies: finding.bodies.iter().map(ToString::to_string).collect(),
            rule: finding.rule.clone(),
            message: finding.message(state, lang),
        }
    }
}

/// Whether a transition finding's interval holds `date`.
fn transition_holds(finding: &Finding, date: PlanDate) -> bool {
    matches!(&finding.reason, Reason::Rule(RuleMessage::Transition { from, to, .. }) if *from <= date && date < *to)
}

/// From how many findings the report names them on several threads.
const PARALLEL_FINDINGS: usize = 4096;

/// The whole report.
#[derive(Clone, Debug, Serialize)]
pub struct CheckReport {
    /// The plan's title.
    pub plan: String,
    /// The scenario's id; `None` for the baseline.
    pub scenario: Option<String>,
    /// The date whose state is checked (`check --at`); absent for the whole scenario.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    /// Counts of the state.
    pub counts: Counts,
    /// Changes against the baseline.
    pub changes: Changes,
    /// Every finding, sorted.
    pub findings: Vec<FindingRecord>,
}

impl CheckReport {
    /// Checks one state of a plan (`None`: the baseline).
    pub fn build(
        plan: &Plan,
        scenario: Option<&ScenarioId>,
        lang: Lang,
    ) -> Result<Self, PlanError> {
        Self::build_at(plan, scenario, None, lang)
    }

    /// Checks one state of a plan (`None`: the baseline), on a date (`None`: every step). A
    /// dated scenario's transition findings (过渡期) follow its other findings: all of them
    /// for the whole scenario, those whose interval holds the date for a state on a date.
    pub fn build_at(
        plan: &Plan,
        scenario: Option<&ScenarioId>,
        at: Option<PlanDate>,
        lang: Lang,
    ) -> Result<Self, PlanError> {
        let dated = match (scenario, at) {
            (Some(id), Some(date)) => Some(std::borrow::Cow::Owned(plan.state_at(id, date)?)),
            _ => None,
        };
        let state = match dated {
            Some(state) => state,
            None => plan.state_ref(scenario)?,
        };
        let state = state.as_ref();
        let analysis = Analysis::full_against(state, &plan.baseline, &plan.rules);
        let steps = scenario.and_then(|id| plan.scenario(id));
        let operations: Vec<Operation> = steps
            .map(|s| {
                s.operations
                    .iter()
                    .filter(|step| at.is_none_or(|d| step.timing.in_effect_at(d)))
                    .map(|step| step.operation.clone())
                    .collect()
            })
            .unwrap_or_default();
        let changes = if scenario.is_some() {
            let baseline_coverage = crate::analysis::Coverage::full(&plan.baseline);
            Changes::between(
                &plan.baseline,
                &baseline_coverage,
                state,
                &analysis.coverage,
                &operations,
            )
        } else {
            Changes::default()
        };
        let transitions = match steps {
            Some(steps) if steps.is_dated() => {
                let mut working = plan.baseline.clone();
                crate::analysis::transition::findings(&mut working, steps, &plan.rules)?
                    .into_iter()
                    .filter(|f| at.is_none_or(|d| transition_holds(f, d)))
                    .collect()
            }
            _ => Vec::new(),
        };
        let findings: Vec<&Finding> = analysis.findings().chain(&transitions).collect();
        Ok(Self {
            plan: plan.title.clone(),
            scenario: scenario.map(ToString::to_string),
            at: at.map(|d| d.to_string()),
            counts: Counts::of(state),
            changes,
            // A province has tens of thousands of findings, each named in a sentence: split
            // over the cores.
            findings: crate::parallel::map_slice(&findings, PARALLEL_FINDINGS, |f| {
                FindingRecord::of(f, state, lang)
            }),
        })
    }

    /// Whether any finding is an error (`check` then exits 1).
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// A short report for a terminal.
    pub fn to_text(&self, scenario_name: Option<&str>, lang: Lang) -> String {
        const LISTED: usize = 30;
        let mut out = String::new();
        let c = &self.counts;
        let state_name = match (&self.scenario, scenario_name) {
            (Some(id), Some(name)) => format!("{name}（{id}）"),
            (Some(id), None) => id.clone(),
            (None, _) => lang.pick("现状", "baseline").to_owned(),
        };
        let state_name = match &self.at {
            Some(date) => match lang {
                Lang::Zh => format!("{state_name}，{date} 时"),
                Lang::En => format!("{state_name}, on {date}"),
            },
            None => state_name,
        };
        let _ = writeln!(
            out,
            "{}{}",
            lang.pick("方案：", "Plan: "),
            terminal_field(&self.plan)
        );
        let _ = writeln!(
            out,
            "{}{}",
            lang.pick("状态：", "State: "),
            terminal_field(&state_name)
        );
        let _ = writeln!(
            out,
            "{}",
            match lang {
                Lang::Zh => format!(
                    "辖区 {} 个，机构 {} 个，事项 {} 项，职权配置 {} 条",
                    c.jurisdictions, c.bodies, c.powers, c.holdings
                ),
                Lang::En => format!(
                    "{} jurisdictions, {} bodies, {} powers, {} holdings",
                    c.jurisdictions, c.bodies, c.powers, c.holdings
                ),
            }
        );
        if self.scenario.is_some() {
            let ch = &self.changes;
            let _ = writeln!(
                out,
                "{}",
                match lang {
                    Lang::Zh => format!(
                        "变更：划转机构 {} 个，新设 {} 个，撤并 {} 个；调整事项 {} 项，涉及原主办单位 {} 个；调剂编制 {} 名",
                        ch.bodies_transferred,
                        ch.bodies_created,
                        ch.bodies_abolished,
                        ch.powers_moved,
                        ch.source_bodies,
                        ch.staffing_moved
                    ),
                    Lang::En => format!(
                        "Changes: {} bodies moved, {} created, {} abolished; {} powers moved from {} former lead bodies; {} slots reallocated",
                        ch.bodies_transferred,
                        ch.bodies_created,
                        ch.bodies_abolished,
                        ch.powers_moved,
                        ch.source_bodies,
                        ch.staffing_moved
                    ),
                }
            );
        }
        let count = |kind| self.findings.iter().filter(|f| f.kind == kind).count();
        let errors = self
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        let _ = writeln!(
            out,
            "{}",
            match lang {
                Lang::Zh => format!(
                    "问题：多头执法 {} 处，管理盲区 {} 处，违反原则 {} 条；须纠正的错误共 {} 条",
                    count(K::Overlap),
                    count(K::Gap),
                    count(K::Rule),
                    errors
                ),
                Lang::En => format!(
                    "Findings: {} overlaps, {} gaps, {} rule findings; {} errors in all",
                    count(K::Overlap),
                    count(K::Gap),
                    count(K::Rule),
                    errors
                ),
            }
        );
        let mut listed: Vec<&FindingRecord> = self.findings.iter().collect();
        listed.sort_by_key(|f| f.severity);
        for f in listed.iter().take(LISTED) {
            let _ = writeln!(
                out,
                "  [{}] {}",
                f.severity.label(lang),
                terminal_field(&f.message)
            );
        }
        if listed.len() > LISTED {
            let _ = writeln!(
                out,
                "{}",
                match lang {
                    Lang::Zh => format!("  ……另有 {} 条，完整清单见 --json", listed.len() - LISTED),
                    Lang::En => format!(
                        "  … and {} more; --json lists them all",
                        listed.len() - LISTED
                    ),
                }
            );
        }
        out
    }
}

/// Whether a terminal would act on a character instead of showing it: the C0 controls (ESC
/// among them), DEL, the C1 controls and the bidirectional marks, embeddings, overrides and
/// isolates.
fn acts_on_terminal(c: char) -> bool {
    matches!(c,
        '\0'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}')
}

/// A text for a terminal with the layout it was given: line feeds and tabs are kept, every
/// other character a terminal would act on is shown as `\u{…}`.
pub fn terminal_text(text: &str) -> Cow<'_, str> {
    escape_for_terminal(text, |c| acts_on_terminal(c) && !matches!(c, '\n' | '\t'))
}

/// One field of a line (a name, a cell, a message) for a terminal: line feeds and tabs are
/// shown as `\u{a}` and `\u{9}` too, so the field cannot break or forge a line.
pub fn terminal_field(text: &str) -> Cow<'_, str> {
    escape_for_terminal(text, acts_on_terminal)
}

fn escape_for_terminal(text: &str, escaped: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if escaped(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `serde_json`'s pretty printer that also writes the characters a terminal acts on and serde
/// leaves as they are (C1 controls, bidi controls) as `\uXXXX` escapes: the JSON is the same
/// value, and safe to show.
struct TerminalSafeJson(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for TerminalSafeJson {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Every such character but U+007F starts with one of these bytes in UTF-8 (U+0080–
        // U+009F with C2, U+061C with D8, the rest with E2); most fragments, Chinese text and
        // ASCII, have none and are written whole without decoding a character.
        let bytes = fragment.as_bytes();
        if memchr::memchr3(0xC2, 0xD8, 0xE2, bytes).is_none()
            && memchr::memchr(0x7F, bytes).is_none()
        {
            return writer.write_all(bytes);
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if acts_on_terminal(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                // Every such character is in the Basic Multilingual Plane: one \u escape.
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

/// Writes a value as pretty JSON with a final line feed, safe to show in a terminal (see
/// [`TerminalSafeJson`]).
pub fn write_json<W: io::Write, T: Serialize + ?Sized>(writer: W, value: &T) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(
        writer,
        TerminalSafeJson(serde_json::ser::PrettyFormatter::new()),
    );
    value.serialize(&mut serializer).map_err(io::Error::from)?;
    serializer.into_inner().write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_terminal_acts_on_is_shown_escaped() {
        assert_eq!(terminal_text("a\u{1b}[31mb\n\tc"), "a\\u{1b}[31mb\n\tc");
        assert_eq!(terminal_field("a\nb\tc\rd"), "a\\u{a}b\\u{9}c\\u{d}d");
        assert_eq!(
            terminal_text("\u{9b}2J\u{202e}abc\u{2066}"),
            "\\u{9b}2J\\u{202e}abc\\u{2066}"
        );
        assert!(matches!(terminal_text("市城管局"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_escapes_c1_and_bidi_controls_and_reads_back_the_same() {
        let value = vec!["a\u{1b}b".to_owned(), "c\u{9b}d\u{202e}e".to_owned()];
        let mut bytes = Vec::new();
        write_json(&mut bytes, &value).expect("writes");
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert!(
            !text.chars().any(|c| acts_on_terminal(c) && c != '\n'),
            "{text}"
        );
        assert!(text.contains("\\u001b") && text.contains("\\u009b") && text.contains("\\u202e"));
        let back: Vec<String> = serde_json::from_str(&text).expect("parses");
        assert_eq!(back, value);
    }

    #[test]
    fn every_character_a_terminal_acts_on_is_escaped_in_json() {
        // Each alone and between Chinese text, so that the quick test of a fragment's bytes
        // sees each lead byte.
        let acting: Vec<char> = (0x7f..=0x2069_u32)
            .filter_map(char::from_u32)
            .filter(|c| acts_on_terminal(*c))
            .collect();
        assert!(acting.len() > 40, "{}", acting.len());
        for c in acting {
            let value = vec![format!("{c}"), format!("市{c}区")];
            let mut bytes = Vec::new();
            write_json(&mut bytes, &value).expect("writes");
            let text = String::from_utf8(bytes).expect("UTF-8");
            assert!(
                !text.contains(c),
                "U+{:04X} written raw: {text}",
                u32::from(c)
            );
            let back: Vec<String> = serde_json::from_str(&text).expect("parses");
            assert_eq!(back, value);
        }
    }
}
