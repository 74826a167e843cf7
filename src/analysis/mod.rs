//! Analysis of a state: coverage (overlaps and gaps), reform rules, and summaries against the
//! baseline. Pure functions of the state with sorted output; coverage refreshes incrementally.

pub mod coverage;
pub mod diff;
pub mod finding;
pub mod fixes;
pub mod rules;
pub mod staffing;
pub mod summary;

pub use coverage::{Coverage, PowerCoverage};
pub use finding::{Finding, FindingKind, Reason, Severity};

use crate::model::{State, Touched};
use rules::RuleConfig;

/// Everything the analysis knows about one state.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Analysis {
    /// Coverage per power and district.
    pub coverage: Coverage,
    /// Findings of the reform rules, sorted.
    pub rule_findings: Vec<Finding>,
}

impl Analysis {
    /// Analyses a state from scratch, as a baseline (rules that compare with the baseline see no
    /// change).
    pub fn full(state: &State, rules: &RuleConfig) -> Self {
        Self::full_against(state, state, rules)
    }

    /// Analyses a state from scratch, comparing it with `baseline` where a rule needs to.
    pub fn full_against(state: &State, baseline: &State, rules: &RuleConfig) -> Self {
        let coverage = Coverage::full(state);
        let rule_findings = rules::evaluate(
            &rules::RuleInput {
                state,
                coverage: &coverage,
                baseline,
            },
            rules,
        );
        Self {
            coverage,
            rule_findings,
        }
    }

    /// Brings the analysis up to date after changes that touched `touched`: coverage for the
    /// touched powers only, then the rules (each one linear pass).
    pub fn refresh(
        &mut self,
        state: &State,
        baseline: &State,
        rules: &RuleConfig,
        touched: &Touched,
    ) {
        self.coverage.refresh(state, touched);
        self.rule_findings = rules::evaluate(
            &rules::RuleInput {
                state,
                coverage: &self.coverage,
                baseline,
            },
            rules,
        );
    }

    /// Every finding: coverage findings by power and district, then rule findings.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.coverage.findings().chain(self.rule_findings.iter())
    }

    /// How many findings of each kind: (overlaps, gaps, rule findings).
    pub fn counts(&self) -> FindingCounts {
        let mut counts = FindingCounts::default();
        for f in self.findings() {
            match f.kind {
                FindingKind::Overlap => counts.overlaps += 1,
                FindingKind::Gap => counts.gaps += 1,
                FindingKind::Rule => counts.rules += 1,
            }
            if f.severity == Severity::Error {
                counts.errors += 1;
            }
        }
        counts
    }
}

/// Finding counts for a status bar or a summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FindingCounts {
    /// 多头执法
    pub overlaps: usize,
    /// 管理盲区
    pub gaps: usize,
    /// Rule findings.
    pub rules: usize,
    /// Findings of severity error, of any kind.
    pub errors: usize,
}
