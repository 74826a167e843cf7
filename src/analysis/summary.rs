//! Summaries of a state against the baseline: the counts and changes that `check` reports and
//! the window's status bar and statistics show.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::coverage::Coverage;
use crate::model::{Body, BodyId, JurisdictionId, Level, PowerId, State};
use crate::plan::Operation;

/// Counts of one jurisdiction (bodies located in it directly).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct JurisdictionCounts {
    /// Its name.
    pub name: String,
    /// `city`, `district` or `street`.
    pub level: Level,
    /// Bodies located in it.
    pub bodies: usize,
    /// Those bodies by tag.
    pub tags: BTreeMap<String, usize>,
    /// Their staffing slots (both types).
    pub staffing: u64,
}

/// Counts of a state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Jurisdictions.
    pub jurisdictions: usize,
    /// Bodies.
    pub bodies: usize,
    /// Powers.
    pub powers: usize,
    /// Holdings.
    pub holdings: usize,
    /// Per jurisdiction.
    pub by_jurisdiction: BTreeMap<JurisdictionId, JurisdictionCounts>,
}

impl Counts {
    /// Counts a state.
    pub fn of(state: &State) -> Self {
        let by_jurisdiction: BTreeMap<JurisdictionId, JurisdictionCounts> = state
            .jurisdictions()
            .values()
            .map(|j| {
                (
                    j.id.clone(),
                    JurisdictionCounts {
                        name: j.name.clone(),
                        level: j.level,
                        bodies: 0,
                        tags: BTreeMap::new(),
                        staffing: 0,
                    },
                )
            })
            .collect();
        let mut counts = Self {
            jurisdictions: 0,
            bodies: 0,
            powers: 0,
            holdings: 0,
            by_jurisdiction,
        };
        counts.count_totals(state);
        for body in state.bodies().values() {
            counts.add_body(body);
        }
        counts
    }

    /// Counts a body in its jurisdiction (the totals are the caller's).
    pub fn add_body(&mut self, body: &Body) {
        if let Some(c) = self.by_jurisdiction.get_mut(&body.jurisdiction) {
            c.bodies += 1;
            c.staffing += u64::from(body.staffing.slots());
            for tag in &body.tags {
                match c.tags.get_mut(tag) {
                    Some(n) => *n += 1,
                    None => {
                        c.tags.insert(tag.clone(), 1);
                    }
                }
            }
        }
    }

    /// Takes a body counted by [`Counts::add_body`] out of its jurisdiction again, as if it had
    /// never been counted.
    pub fn remove_body(&mut self, body: &Body) {
        if let Some(c) = self.by_jurisdiction.get_mut(&body.jurisdiction) {
            c.bodies -= 1;
            c.staffing -= u64::from(body.staffing.slots());
            for tag in &body.tags {
                if let Some(n) = c.tags.get_mut(tag) {
                    *n -= 1;
                    if *n == 0 {
                        c.tags.remove(tag);
                    }
                }
            }
        }
    }

    /// The totals of a state (the per-jurisdiction counts are kept by body).
    pub fn count_totals(&mut self, state: &State) {
        self.jurisdictions = state.jurisdictions().len();
        self.bodies = state.bodies().len();
        self.powers = state.powers().len();
        self.holdings = state.holding_count();
    }
}

/// What a state changed against the baseline.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Changes {
    /// Bodies in both whose jurisdiction differs.
    pub bodies_transferred: usize,
    /// Bodies only in the state.
    pub bodies_created: usize,
    /// Bodies only in the baseline.
    pub bodies_abolished: usize,
    /// Powers whose lead bodies differ in some district.
    pub powers_moved: usize,
    /// Baseline bodies that lost a lead holding.
    pub source_bodies: usize,
    /// Slots moved between bodies by staffing operations (not those travelling with a body).
    pub staffing_moved: u64,
}

impl Changes {
    /// Compares `state` (reached by `operations`) with `baseline`, given both coverages.
    pub fn between(
        baseline: &State,
        baseline_coverage: &Coverage,
        state: &State,
        coverage: &Coverage,
        operations: &[Operation],
    ) -> Self {
        let mut changes = Changes::default();
        for (id, before) in baseline.bodies() {
            match state.body(id) {
                Some(after) if after.jurisdiction != before.jurisdiction => {
                    changes.bodies_transferred += 1;
                }
                Some(_) => {}
                None => changes.bodies_abolished += 1,
            }
        }
        changes.bodies_created = state
            .bodies()
            .keys()
            .filter(|id| baseline.body(id).is_none())
            .count();
        changes.powers_moved = moved_powers(baseline_coverage, coverage).len();
        changes.source_bodies = source_bodies(baseline_coverage, coverage).len();
        changes.staffing_moved = operations
            .iter()
            .map(|op| u64::from(op.staffing_moved()))
            .sum();
        changes
    }
}

/// Powers whose lead bodies differ in some district between two coverages, sorted: one walk
/// over both coverages' powers side by side, in code order.
pub fn moved_powers(before: &Coverage, after: &Coverage) -> Vec<PowerId> {
    let leads = LeadChanges::between(before, after);
    let (mut was, mut now) = (
        before.powers().iter().peekable(),
        after.powers().iter().peekable(),
    );
    let mut moved = Vec::new();
    loop {
        let order = match (was.peek(), now.peek()) {
            (None, None) => break,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some((b, _)), Some((a, _))) => b.cmp(a),
        };
        let (b, a) = match order {
            Ordering::Less => (was.next(), None),
            Ordering::Greater => (None, now.next()),
            Ordering::Equal => (was.next(), now.next()),
        };
        let Some((code, _)) = b.or(a) else { break };
        if leads.moved_with(code, b.map(|(_, c)| c), a.map(|(_, c)| c)) {
            moved.push(code.clone());
        }
    }
    moved
}

/// Compares the lead bodies of powers in two coverages, one power at a time.
#[derive(Clone, Copy, Debug)]
pub struct LeadChanges<'c> {
    before: &'c Coverage,
    after: &'c Coverage,
    same_districts: bool,
}

impl<'c> LeadChanges<'c> {
    /// Compares `after` with `before`.
    pub fn between(before: &'c Coverage, after: &'c Coverage) -> Self {
        Self {
            before,
            after,
            same_districts: before.territories() == after.territories(),
        }
    }

    /// Whether `power`'s lead bodies differ in some district.
    pub fn moved(&self, power: &PowerId) -> bool {
        self.moved_with(power, self.before.power(power), self.after.power(power))
    }

    /// [`LeadChanges::moved`], with the power's coverage before and after at hand.
    fn moved_with(
        &self,
        power: &PowerId,
        b: Option<&super::PowerCoverage>,
        a: Option<&super::PowerCoverage>,
    ) -> bool {
        let (before, after) = (self.before, self.after);
        let no_leads = |c: Option<&super::PowerCoverage>| c.is_none_or(|c| c.leads.none_led());
        if self.same_districts {
            match (b, a) {
                (Some(b), Some(a)) => b.leads != a.leads,
                _ => !(no_leads(b) && no_leads(a)),
            }
        } else {
            after
                .territories()
                .iter()
                .chain(before.territories())
                .any(|district| before.leads(power, district) != after.leads(power, district))
        }
    }
}

/// Bodies that lost the lead of some (power, territory) pair between two coverages, sorted: a
/// city body that hands one district over is a source as much as one that lets a power go.
pub fn source_bodies(before: &Coverage, after: &Coverage) -> Vec<BodyId> {
    let mut sources = BTreeSet::new();
    for (power, was) in before.powers() {
        for (district, led) in before.territories().iter().zip(was.leads.iter()) {
            let now = after.leads(power, district);
            for body in led {
                // Each territory's leads are sorted: a binary search per lead.
                if now.binary_search(body).is_err() {
                    sources.insert(body.clone());
                }
            }
        }
    }
    sources.into_iter().collect()
}

/// How many powers a body leads in each field (领域), every field it leads any power in: the
/// field chips of its box show the most ([`top_fields`]).
pub type FieldCounts = BTreeMap<String, usize>;

/// The fields (领域) in which a body leads most powers, most first (then by name), at most `n`,
/// with how many it leads in each: the field chips of a body's box in the lanes and in the
/// exported graph.
pub fn lead_fields(state: &State, body: &BodyId, n: usize) -> Vec<(String, usize)> {
    top_fields(&lead_field_counts(state, body), n)
}

/// How many powers `body` leads in each field ([`FieldCounts`]).
pub fn lead_field_counts(state: &State, body: &BodyId) -> FieldCounts {
    let mut fields: BTreeMap<&str, usize> = BTreeMap::new();
    for (h, power) in state.holdings_of_body_with_powers(body) {
        if h.role.is_lead()
            && let Some(p) = power
            && !p.field.is_empty()
        {
            *fields.entry(p.field.as_str()).or_default() += 1;
        }
    }
    owned(fields)
}

/// [`lead_field_counts`] of every body that leads a power with a field, in one pass over the
/// holdings: the lanes' first layout reads every box, and a province's bodies looked up each of
/// their holdings and its power one by one (a tenth of opening 976,429 holdings).
pub fn lead_field_counts_of_every_body(
    state: &State,
) -> rustc_hash::FxHashMap<BodyId, FieldCounts> {
    let mut counts: rustc_hash::FxHashMap<&BodyId, BTreeMap<&str, usize>> =
        rustc_hash::FxHashMap::default();
    for power in state.powers().values() {
        if power.field.is_empty() {
            continue;
        }
        for h in state.holdings_of_power(&power.code) {
            if h.role.is_lead() {
                *counts
                    .entry(&h.body)
                    .or_default()
                    .entry(power.field.as_str())
                    .or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .map(|(body, fields)| (body.clone(), owned(fields)))
        .collect()
}

fn owned(fields: BTreeMap<&str, usize>) -> FieldCounts {
    fields
        .into_iter()
        .map(|(f, count)| (f.to_owned(), count))
        .collect()
}

/// The `n` fields led most, most first, then by name.
pub fn top_fields(fields: &FieldCounts, n: usize) -> Vec<(String, usize)> {
    let mut out: Vec<(&String, usize)> = fields.iter().map(|(f, &count)| (f, count)).collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    out.truncate(n);
    out.into_iter()
        .map(|(f, count)| (f.clone(), count))
        .collect()
}
