//! Analysis of a state: coverage (overlaps and gaps), reform rules, and summaries against the
//! baseline. Pure functions of the state with sorted output; coverage and the rules refresh
//! incrementally, so an edit costs work in proportion to what it touched, not to the plan.

pub mod coverage;
pub mod diff;
pub mod finding;
pub mod fixes;
pub mod rules;
pub mod staffing;
pub mod summary;
pub mod transition;

pub use coverage::{Coverage, PowerCoverage};
pub use finding::{Finding, FindingKind, Reason, Severity};

use crate::model::{State, Touched};
use crate::plan::RuleConfig;
use rules::{RuleChanges, RuleFindings, RuleInput};

/// Everything the analysis knows about one state.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Analysis {
    /// Coverage per power and district.
    pub coverage: Coverage,
    /// Findings of the reform rules, sorted.
    pub rule_findings: RuleFindings,
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
        let rule_findings = RuleFindings::full(
            &RuleInput {
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

    /// Where changes that touched `touched` may have changed leads, read before the analysis
    /// follows them: from where their bodies counted before ([`coverage::Coverage::area`]).
    pub fn area(&self, state: &State, touched: &Touched) -> coverage::Area {
        match touched {
            Touched::Records(records) => self.coverage.area(state, records),
            Touched::All => coverage::Area::Everywhere,
        }
    }

    /// Brings the analysis up to date after changes that touched `touched`: coverage of the
    /// touched powers, then the rules' scopes that they touched, and returns what that did to
    /// the rule findings. When anything may have changed (a jurisdiction), everything is
    /// recomputed and `None` returned.
    pub fn refresh(
        &mut self,
        state: &State,
        baseline: &State,
        rules: &RuleConfig,
        touched: &Touched,
    ) -> Option<RuleChanges> {
        let area = self.area(state, touched);
        self.refresh_in(state, baseline, rules, touched, &area)
    }

    /// [`Analysis::refresh`], given the changes' `area` as [`Analysis::area`] read it before
    /// (for a caller that keeps it too).
    pub fn refresh_in(
        &mut self,
        state: &State,
        baseline: &State,
        rules: &RuleConfig,
        touched: &Touched,
        area: &coverage::Area,
    ) -> Option<RuleChanges> {
        let records = match touched {
            Touched::Records(records) => Some(records),
            Touched::All => None,
        };
        let pending = records.map(|r| self.rule_findings.forget(&self.coverage, r, area));
        let incremental = self.coverage.refresh(state, touched, area);
        let input = RuleInput {
            state,
            coverage: &self.coverage,
            baseline,
        };
        match (records, pending) {
            (Some(records), Some(pending)) if incremental => Some(
                self.rule_findings
                    .refresh(&input, rules, records, pending, area),
            ),
            _ => {
                self.rule_findings = RuleFindings::full(&input, rules);
                None
            }
        }
    }

    /// Every finding: coverage findings by power and district, then rule findings.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.coverage.findings().chain(self.rule_findings.iter())
    }

    /// How many findings of each kind: (overlaps, gaps, rule findings).
    pub fn counts(&self) -> FindingCounts {
        let mut counts = FindingCounts::default();
        for f in self.findings() {
            counts.add(f);
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

impl FindingCounts {
    /// Counts one more finding.
    pub fn add(&mut self, finding: &Finding) {
        for count in self.counts_of(finding) {
            *count += 1;
        }
    }

    /// Counts one finding less (one that was counted).
    pub fn remove(&mut self, finding: &Finding) {
        for count in self.counts_of(finding) {
            *count -= 1;
        }
    }

    /// The counts a finding adds to: its kind's, and the errors' if it is one.
    fn counts_of(&mut self, finding: &Finding) -> impl Iterator<Item = &mut usize> {
        let FindingCounts {
            overlaps,
            gaps,
            rules,
            errors,
        } = self;
        let kind = match finding.kind {
            FindingKind::Overlap => overlaps,
            FindingKind::Gap => gaps,
            FindingKind::Rule => rules,
        };
        let error = (finding.severity == Severity::Error).then_some(errors);
        std::iter::once(kind).chain(error)
    }
}
