//! Comparison of two states of a plan (baseline vs scenario, or scenario vs scenario): per body
//! (moved, created, abolished, staffing delta), per power (lead before → after, with the mode of
//! the operation that moved it) and per district (coverage before → after), and the headline
//! figures ("17 个单位下划，64 项处罚权集中，调剂编制 20 名").

use std::collections::BTreeMap;

use serde::Serialize;

use super::Coverage;
use super::finding::FindingKind;
use crate::model::{BodyId, JurisdictionId, PowerId, State};
use crate::plan::{Operation, TransferMode};

/// A body that changed jurisdiction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BodyMove {
    /// The body.
    pub body: BodyId,
    /// Its jurisdiction before.
    pub from: JurisdictionId,
    /// Its jurisdiction after.
    pub to: JurisdictionId,
}

/// A body whose slots changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StaffingDelta {
    /// The body.
    pub body: BodyId,
    /// Slots before (0 for a new body).
    pub before: u32,
    /// Slots after (0 for an abolished body).
    pub after: u32,
    /// People (实有人数) before.
    pub headcount_before: u32,
    /// People after.
    pub headcount_after: u32,
}

/// A power whose lead bodies changed somewhere.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PowerMove {
    /// The power.
    pub power: PowerId,
    /// Per district whose leads changed: (district, before, after).
    pub districts: Vec<(JurisdictionId, Vec<BodyId>, Vec<BodyId>)>,
    /// The modes of the operations that transferred it, if any.
    pub modes: Vec<TransferMode>,
}

/// Coverage of one district before and after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DistrictCoverage {
    /// The territory: a district, or a street.
    pub district: JurisdictionId,
    /// A street's district; `None` for a district (or the city).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_district: Option<JurisdictionId>,
    /// Overlaps before.
    pub overlaps_before: usize,
    /// Overlaps after.
    pub overlaps_after: usize,
    /// Gaps before.
    pub gaps_before: usize,
    /// Gaps after.
    pub gaps_after: usize,
}

/// The comparison of two states.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diff {
    /// The id of the state compared from (`baseline` or a scenario id).
    pub from: String,
    /// The id of the state compared to.
    pub to: String,
    /// Bodies that changed jurisdiction, sorted.
    pub bodies_moved: Vec<BodyMove>,
    /// Bodies only in `to`.
    pub bodies_created: Vec<BodyId>,
    /// Bodies only in `from`.
    pub bodies_abolished: Vec<BodyId>,
    /// Bodies whose slots changed.
    pub staffing: Vec<StaffingDelta>,
    /// Powers whose leads changed.
    pub powers_moved: Vec<PowerMove>,
    /// Coverage per district.
    pub coverage: Vec<DistrictCoverage>,
    /// Slots moved by staffing operations in `to` less those in `from` (as `check` counts them).
    pub staffing_moved: i64,
}

/// Compares two states, each with the operations that produced it from the baseline. The
/// comparison reads the states and their coverage (which the rules do not change), so the
/// rules are not needed.
pub fn diff(
    (from_id, from, from_ops): (&str, &State, &[Operation]),
    (to_id, to, to_ops): (&str, &State, &[Operation]),
    _rules: &crate::plan::RuleConfig,
) -> Diff {
    let (before, after) = (Coverage::full(from), Coverage::full(to));
    let moved = super::summary::moved_powers(&before, &after);
    let (found_before, found_after) = (DistrictFindings::of(&before), DistrictFindings::of(&after));
    diff_sides(
        Side {
            id: from_id,
            state: from,
            coverage: &before,
            operations: from_ops,
            overlaps_by_district: &found_before.overlaps,
            gaps_by_district: &found_before.gaps,
        },
        Side {
            id: to_id,
            state: to,
            coverage: &after,
            operations: to_ops,
            overlaps_by_district: &found_after.overlaps,
            gaps_by_district: &found_after.gaps,
        },
        moved,
    )
}

/// One side of a comparison.
#[derive(Clone, Copy, Debug)]
pub struct Side<'a> {
    /// `baseline` or the scenario's id.
    pub id: &'a str,
    /// The state.
    pub state: &'a State,
    /// Its coverage.
    pub coverage: &'a Coverage,
    /// The operations that produced it from the baseline.
    pub operations: &'a [Operation],
    /// Overlaps of its coverage per district (a district without any may be left out).
    pub overlaps_by_district: &'a BTreeMap<JurisdictionId, usize>,
    /// Gaps of its coverage per district (a district without any may be left out).
    pub gaps_by_district: &'a BTreeMap<JurisdictionId, usize>,
}

/// Overlaps and gaps of a coverage per district (districts without any left out).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DistrictFindings {
    /// Overlaps per district.
    pub overlaps: BTreeMap<JurisdictionId, usize>,
    /// Gaps per district.
    pub gaps: BTreeMap<JurisdictionId, usize>,
}

impl DistrictFindings {
    /// Counts a coverage's findings, in one pass.
    pub fn of(coverage: &Coverage) -> Self {
        let mut found = Self::default();
        for f in coverage.findings() {
            let Some(d) = &f.jurisdiction else { continue };
            let counts = match f.kind {
                FindingKind::Overlap => &mut found.overlaps,
                FindingKind::Gap => &mut found.gaps,
                FindingKind::Rule => continue,
            };
            *counts.entry(d.clone()).or_default() += 1;
        }
        found
    }
}

/// Compares two states whose coverage is at hand (the window has the current view's, kept up
/// to date by its edits): a pass over the bodies and the coverage findings, without analysing
/// either state again. `moved_powers` are the powers whose leads differ between the two
/// coverages, sorted ([`super::summary::moved_powers`]; the window follows them by edit).
pub fn diff_sides(from_side: Side<'_>, to_side: Side<'_>, moved_powers: Vec<PowerId>) -> Diff {
    let (from, to) = (from_side.state, to_side.state);
    let (before, after) = (from_side.coverage, to_side.coverage);
    let (from_id, to_id) = (from_side.id, to_side.id);
    let (from_ops, to_ops) = (from_side.operations, to_side.operations);
    let mut bodies_moved = Vec::new();
    let mut bodies_abolished = Vec::new();
    let mut staffing = Vec::new();
    // A body whose slots or people changed (人随编走: both are read side by side).
    let mut delta =
        |id: &BodyId, b: Option<&crate::model::Body>, a: Option<&crate::model::Body>| {
            let figures = |x: Option<&crate::model::Body>| {
                x.map_or((0, 0), |x| (x.staffing.slots(), x.staffing.headcount))
            };
            let ((before, headcount_before), (after, headcount_after)) = (figures(b), figures(a));
            if (before, headcount_before) != (after, headcount_after) {
                staffing.push(StaffingDelta {
                    body: id.clone(),
                    before,
                    after,
                    headcount_before,
                    headcount_after,
                });
            }
        };
    for (id, b) in from.bodies() {
        let Some(a) = to.body(id) else {
            bodies_abolished.push(id.clone());
            delta(id, Some(b), None);
            continue;
        };
        if a.jurisdiction != b.jurisdiction {
            bodies_moved.push(BodyMove {
                body: id.clone(),
                from: b.jurisdiction.clone(),
                to: a.jurisdiction.clone(),
            });
        }
        delta(id, Some(b), Some(a));
    }
    let mut bodies_created = Vec::new();
    for (id, a) in to.bodies() {
        if from.body(id).is_none() {
            bodies_created.push(id.clone());
            delta(id, None, Some(a));
        }
    }
    staffing.sort_by(|a, b| a.body.cmp(&b.body));
    let modes = transfer_modes(to_ops);
    // On the same territories (no operation edits jurisdictions), each moved power's leads
    // before and after are walked side by side, territory by territory, rather than looked up
    // by power and territory for each of 1,350 streets.
    let same_territories = before.territories() == after.territories();
    let powers_moved = moved_powers
        .into_iter()
        .map(|power| {
            let districts = if same_territories {
                after
                    .territories()
                    .iter()
                    .zip(before.leads_each(&power).zip(after.leads_each(&power)))
                    .filter(|(_, (b, a))| b != a)
                    .map(|(d, (b, a))| (d.clone(), b.to_vec(), a.to_vec()))
                    .collect()
            } else {
                after
                    .territories()
                    .iter()
                    .filter_map(|d| {
                        let (b, a) = (before.leads(&power, d), after.leads(&power, d));
                        (b != a).then(|| (d.clone(), b.to_vec(), a.to_vec()))
                    })
                    .collect()
            };
            PowerMove {
                modes: modes.get(&power).cloned().unwrap_or_default(),
                power,
                districts,
            }
        })
        .collect();
    let coverage = territory_coverage(&from_side, &to_side);
    let moved = |ops: &[Operation]| {
        ops.iter()
            .map(|o| i64::from(o.staffing_moved()))
            .sum::<i64>()
    };
    Diff {
        from: from_id.to_owned(),
        to: to_id.to_owned(),
        bodies_moved,
        bodies_created,
        bodies_abolished,
        staffing,
        powers_moved,
        coverage,
        staffing_moved: moved(to_ops) - moved(from_ops),
    }
}

/// Each territory of `to`'s coverage with its overlaps and gaps on both sides. The territories
/// come in id order, as the counts do: each count is met walking its map beside them, not
/// looked up for each of 1,350 streets.
fn territory_coverage(from: &Side<'_>, to: &Side<'_>) -> Vec<DistrictCoverage> {
    let after = to.coverage;
    let territories = after.territories().len();
    let counts = |map| crate::model::InOrder::new(map, territories);
    let (mut overlaps_before, mut overlaps_after) = (
        counts(from.overlaps_by_district),
        counts(to.overlaps_by_district),
    );
    let (mut gaps_before, mut gaps_after) =
        (counts(from.gaps_by_district), counts(to.gaps_by_district));
    after
        .territories()
        .iter()
        .enumerate()
        .map(|(i, d)| DistrictCoverage {
            district: d.clone(),
            in_district: after.district_of_territory(i).filter(|x| *x != d).cloned(),
            overlaps_before: overlaps_before.find(d).copied().unwrap_or(0),
            overlaps_after: overlaps_after.find(d).copied().unwrap_or(0),
            gaps_before: gaps_before.find(d).copied().unwrap_or(0),
            gaps_after: gaps_after.find(d).copied().unwrap_or(0),
        })
        .collect()
}

/// The distinct transfer modes used on each power, in first-use order.
fn transfer_modes(ops: &[Operation]) -> BTreeMap<PowerId, Vec<TransferMode>> {
    let mut modes: BTreeMap<PowerId, Vec<TransferMode>> = BTreeMap::new();
    for op in ops {
        if let Operation::TransferPower { power, mode, .. } = op {
            let list = modes.entry(power.clone()).or_default();
            if !list.contains(mode) {
                list.push(*mode);
            }
        }
    }
    modes
}
