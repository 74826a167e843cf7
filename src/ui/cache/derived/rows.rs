//! The findings list's rows: every finding, most severe first and, within a severity, in the
//! analysis's own order (coverage findings by power and district, then the rule findings,
//! sorted), with random access for the virtualised list.
//!
//! A province has some 30,000 findings and an edit changes a handful, so the rows follow the
//! analysis rather than being copied and sorted again: the coverage findings of the touched
//! powers are replaced, and the rule findings that each refresh of the analysis took out and put
//! in ([`RuleChanges`], from [`Document::changes_since`](crate::session::Document::changes_since))
//! are found by bisection and spliced in one pass that moves the others without reading them.
//! Every finding that leaves or joins is reported, so that the counts built on the rows follow
//! too.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::analysis::rules::RuleChanges;
use crate::analysis::{Analysis, Finding, Severity};
use crate::model::PowerId;

/// Whether a finding joined the rows or left them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowChange {
    /// It is new.
    Added,
    /// It is gone.
    Removed,
}

/// The severities, most severe first: the order of the rows.
const SEVERITIES: usize = 3;

/// A severity's place in the rows' order.
fn rank(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// The coverage findings of one power, with how many there are of each severity.
#[derive(Clone, Debug, PartialEq, Eq)]
struct PowerFindings {
    power: PowerId,
    findings: Arc<Vec<Finding>>,
    by_severity: [usize; SEVERITIES],
}

impl PowerFindings {
    fn new(power: PowerId, findings: Arc<Vec<Finding>>) -> Self {
        let mut by_severity = [0; SEVERITIES];
        for f in findings.iter() {
            by_severity[rank(f.severity)] += 1;
        }
        Self {
            power,
            findings,
            by_severity,
        }
    }
}

/// The rows. Equal to [`FindingRows::of`] the analysis after any sequence of
/// [`FindingRows::follow`] (`tests/window/ui_incremental.rs`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FindingRows {
    /// The coverage findings of each power that has any, by power code: shared with the
    /// analysis, whose edits replace the findings of the powers they touched (never change them
    /// in place), so the rows keep the old ones that the counts take back.
    coverage: Vec<PowerFindings>,
    /// For each severity, the running total of its coverage findings over `coverage`: entry
    /// `i` counts those of the powers up to and including position `i`.
    coverage_ends: [Vec<usize>; SEVERITIES],
    /// The rule findings as the analysis shares them, sorted (severity first: they are all of
    /// one kind).
    rules: Vec<Arc<Finding>>,
    /// Where each severity's rule findings start in `rules`, and where the last ones end.
    rule_starts: [usize; SEVERITIES + 1],
}

impl FindingRows {
    /// The rows of an analysis, each finding reported as added.
    pub fn of(analysis: &Analysis, mut changed: impl FnMut(&Finding, RowChange)) -> Self {
        let mut rows = Self::default();
        for (power, coverage) in analysis.coverage.powers() {
            if !coverage.findings.is_empty() {
                rows.coverage.push(PowerFindings::new(
                    power.clone(),
                    Arc::clone(&coverage.findings),
                ));
            }
        }
        rows.rules = analysis.rule_findings.iter_shared().cloned().collect();
        rows.index();
        for f in rows.iter() {
            changed(f, RowChange::Added);
        }
        rows
    }

    /// Brings the rows in step with `analysis` after changes that touched (at most) the
    /// coverage of `powers` and did `rule_changes` to the rule findings (oldest first),
    /// reporting each finding that left or joined them. False when the rule changes do not
    /// apply (a finding they take out is not among the rows): the rows do not follow this
    /// analysis and must be built again ([`FindingRows::of`]).
    #[must_use]
    pub fn follow(
        &mut self,
        analysis: &Analysis,
        powers: &BTreeSet<PowerId>,
        rule_changes: &[&RuleChanges],
        mut changed: impl FnMut(&Finding, RowChange),
    ) -> bool {
        let mut rules = std::mem::take(&mut self.rules);
        let mut reported = Vec::new();
        for delta in rule_changes {
            match splice(rules, delta) {
                Ok(spliced) => rules = spliced,
                Err(untouched) => {
                    self.rules = untouched;
                    return false;
                }
            }
            reported.push(*delta);
        }
        self.rules = rules;
        for delta in reported {
            for f in &delta.removed {
                changed(f, RowChange::Removed);
            }
            for f in &delta.added {
                changed(f, RowChange::Added);
            }
        }
        for power in powers {
            self.follow_power(analysis, power, &mut changed);
        }
        self.index();
        true
    }

    fn follow_power(
        &mut self,
        analysis: &Analysis,
        power: &PowerId,
        changed: &mut impl FnMut(&Finding, RowChange),
    ) {
        let shared = analysis.coverage.power(power).map(|c| &c.findings);
        let now = shared.map_or(&[][..], |f| f.as_slice());
        let at = self.coverage.binary_search_by(|p| p.power.cmp(power));
        let was = at.map_or(&[][..], |i| self.coverage[i].findings.as_slice());
        if was == now {
            return;
        }
        for f in was {
            changed(f, RowChange::Removed);
        }
        for f in now {
            changed(f, RowChange::Added);
        }
        match (at, shared) {
            (Ok(i), _) if now.is_empty() => {
                self.coverage.remove(i);
            }
            (_, None) => {}
            (Ok(i), Some(shared)) => {
                self.coverage[i] = PowerFindings::new(power.clone(), Arc::clone(shared));
            }
            (Err(i), Some(shared)) => self
                .coverage
                .insert(i, PowerFindings::new(power.clone(), Arc::clone(shared))),
        }
    }

    /// Rebuilds the running totals and the severities' starts.
    fn index(&mut self) {
        for (rank, ends) in self.coverage_ends.iter_mut().enumerate() {
            ends.clear();
            let mut total = 0;
            for power in &self.coverage {
                total += power.by_severity[rank];
                ends.push(total);
            }
        }
        for (rank, start) in self.rule_starts.iter_mut().enumerate() {
            *start = self
                .rules
                .partition_point(|f| self::rank(f.severity) < rank);
        }
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.coverage_ends
            .iter()
            .map(|ends| ends.last().copied().unwrap_or(0))
            .sum::<usize>()
            + self.rules.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The finding of one row.
    pub fn get(&self, row: usize) -> Option<&Finding> {
        let mut row = row;
        for rank in 0..SEVERITIES {
            let ends = &self.coverage_ends[rank];
            let in_coverage = ends.last().copied().unwrap_or(0);
            if row < in_coverage {
                let i = ends.partition_point(|&end| end <= row);
                let before = i.checked_sub(1).map_or(0, |j| ends[j]);
                return self.coverage[i]
                    .findings
                    .iter()
                    .filter(|f| self::rank(f.severity) == rank)
                    .nth(row - before);
            }
            row -= in_coverage;
            let rules = &self.rules[self.rule_starts[rank]..self.rule_starts[rank + 1]];
            if let Some(f) = rules.get(row) {
                return Some(f);
            }
            row -= rules.len();
        }
        None
    }

    /// Every row, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Finding> {
        (0..SEVERITIES).flat_map(move |rank| {
            let coverage = self
                .coverage
                .iter()
                .flat_map(|p| p.findings.iter())
                .filter(move |f| self::rank(f.severity) == rank);
            let rules = self.rules[self.rule_starts[rank]..self.rule_starts[rank + 1]]
                .iter()
                .map(|f| &**f);
            coverage.chain(rules)
        })
    }
}

/// Takes `delta`'s removed findings out of the sorted `rules` and puts its added ones in, in
/// order: each is placed by bisection (reading a few findings), then one pass moves the rest
/// over without reading them (30,000 findings are 30,000 cache lines). Hands `rules` back as
/// they were if a finding to take out is not there.
fn splice(
    rules: Vec<Arc<Finding>>,
    delta: &RuleChanges,
) -> Result<Vec<Arc<Finding>>, Vec<Arc<Finding>>> {
    if delta.is_empty() {
        return Ok(rules);
    }
    let mut removed: Vec<&Finding> = delta.removed.iter().map(|f| &**f).collect();
    removed.sort();
    let mut gone = Vec::with_capacity(removed.len());
    let mut previous: Option<(&Finding, usize)> = None;
    for f in removed {
        // Copies of one finding sit side by side: the next copy is after the last one taken.
        let at = match previous {
            Some((p, at)) if p == f => at + 1,
            _ => rules.partition_point(|r| **r < *f),
        };
        if rules.get(at).is_none_or(|r| **r != *f) {
            return Err(rules);
        }
        gone.push(at);
        previous = Some((f, at));
    }
    // Each added finding goes after every equal or smaller one of `rules`.
    let mut added: Vec<(usize, &Arc<Finding>)> = delta
        .added
        .iter()
        .map(|f| (rules.partition_point(|r| **r <= **f), f))
        .collect();
    added.sort_by(|(a, f), (b, g)| a.cmp(b).then_with(|| f.cmp(g)));
    let mut out = Vec::with_capacity(rules.len() + added.len() - gone.len());
    let mut gone = gone.into_iter().peekable();
    let mut added = added.into_iter().peekable();
    for (i, f) in rules.into_iter().enumerate() {
        while let Some((_, new)) = added.next_if(|(at, _)| *at <= i) {
            out.push(Arc::clone(new));
        }
        if gone.next_if_eq(&i).is_none() {
            out.push(f);
        }
    }
    out.extend(added.map(|(_, new)| Arc::clone(new)));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The order the rows promise: the analysis's findings, stably sorted by severity.
    fn expected(analysis: &Analysis) -> Vec<&Finding> {
        let mut findings: Vec<&Finding> = analysis.findings().collect();
        findings.sort_by_key(|f| f.severity);
        findings
    }

    #[test]
    fn the_rows_are_the_findings_most_severe_first_and_each_one_is_reported() {
        let plan = crate::io::seed::seed_plan().expect("the seed plan loads");
        let analysis = Analysis::full(&plan.baseline, &plan.rules);
        let mut added = 0;
        let rows = FindingRows::of(&analysis, |_, change| {
            assert_eq!(change, RowChange::Added);
            added += 1;
        });
        let expected = expected(&analysis);
        assert!(!expected.is_empty(), "the seed plan has findings");
        assert_eq!(added, expected.len());
        assert_eq!(rows.len(), expected.len());
        assert_eq!(rows.iter().collect::<Vec<_>>(), expected);
        let by_row: Vec<&Finding> = (0..rows.len()).filter_map(|i| rows.get(i)).collect();
        assert_eq!(by_row, expected);
        assert!(rows.get(rows.len()).is_none());
    }
}
