//! The check report: counts, changes against the baseline and findings of one state of a plan,
//! in the JSON shape that scripts and tests read (`check --json`) and as a short text.
//!
//! The JSON shape is a contract: fields may be added, never renamed.

use std::fmt::Write as _;

use serde::Serialize;

use crate::analysis::summary::{Changes, Counts};
use crate::analysis::{Analysis, Finding, FindingKind as K, Severity};
use crate::lang::Lang;
use crate::model::{ScenarioId, State};
use crate::plan::{Plan, PlanError};

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

/// From how many findings the report names them on several threads.
const PARALLEL_FINDINGS: usize = 4096;

/// The whole report.
#[derive(Clone, Debug, Serialize)]
pub struct CheckReport {
    /// The plan's title.
    pub plan: String,
    /// The scenario's id; `None` for the baseline.
    pub scenario: Option<String>,
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
        let state = plan.state_ref(scenario)?;
        let state = state.as_ref();
        let analysis = Analysis::full_against(state, &plan.baseline, &plan.rules);
        let operations = scenario
            .and_then(|id| plan.scenario(id))
            .map_or(&[][..], |s| s.operations.as_slice());
        let changes = if scenario.is_some() {
            let baseline_coverage = crate::analysis::Coverage::full(&plan.baseline);
            Changes::between(
                &plan.baseline,
                &baseline_coverage,
                state,
                &analysis.coverage,
                operations,
            )
        } else {
            Changes::default()
        };
        Ok(Self {
            plan: plan.title.clone(),
            scenario: scenario.map(ToString::to_string),
            counts: Counts::of(state),
            changes,
            // A province has tens of thousands of findings, each named in a sentence: split
            // over the cores.
            findings: crate::parallel::map_slice(
                &analysis.findings().collect::<Vec<_>>(),
                PARALLEL_FINDINGS,
                |f| FindingRecord::of(f, state, lang),
            ),
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
        let _ = writeln!(out, "{}{}", lang.pick("方案：", "Plan: "), self.plan);
        let _ = writeln!(out, "{}{state_name}", lang.pick("状态：", "State: "));
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
            let _ = writeln!(out, "  [{}] {}", f.severity.label(lang), f.message);
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
