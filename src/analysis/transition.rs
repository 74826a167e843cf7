//! The transition finding (过渡期, rule `transition`): between two consecutive dates of a dated
//! scenario, a power uncovered (a 管理盲区) or covered twice (多头执法) in a territory where it
//! is neither before the scenario's first date nor after its last (the city stops on 1 March,
//! the district starts on 1 April: a month's gap).
//!
//! It rests on no article of law by itself; what it shows is a time when a penalty has nobody
//! to impose it, or two bodies that may both impose it.
//!
//! Cheap by construction: only the powers that the dated steps touch are looked at, on each of
//! the scenario's checkpoints (the day before its first date, then each date), on one working
//! copy of the baseline that every checkpoint applies and reverts (`plan::timetable`). A
//! problem found on consecutive checkpoints is one finding over the whole interval; it is
//! opened by the step of the interval's first date that touched the power (else that date's
//! first step) and closed by the step of the date it ends on.

use std::collections::{BTreeMap, BTreeSet};

use super::coverage::Coverage;
use super::finding::message::{RuleMessage, StepRef};
use super::finding::{Finding, FindingKind, Reason, Severity};
use crate::model::{BodyId, JurisdictionId, PowerId, State, Touched};
use crate::plan::timetable::{self, TimetableError};
use crate::plan::{PlanDate, Rule, RuleConfig, Scenario};

/// A problem of one (power, territory) on one checkpoint: covered twice (with the leads) or
/// not at all.
type Problems = BTreeMap<(PowerId, JurisdictionId), (bool, Vec<BodyId>)>;

/// A transitional problem: (power, territory, covered twice).
type Key = (PowerId, JurisdictionId, bool);

/// A transitional problem over checkpoints: where it starts, where it ends (excluded), and the
/// leads in it.
type Interval = (Key, (usize, usize, Vec<BodyId>));

/// What the dated steps touch, as the whole scenario applies them.
#[derive(Default)]
struct Touches {
    /// Every power a dated step touches.
    powers: BTreeSet<PowerId>,
    /// The powers each dated step touches, by its position.
    by_step: BTreeMap<usize, BTreeSet<PowerId>>,
    /// Where the bodies each dated step touches sit.
    places: BTreeMap<usize, BTreeSet<JurisdictionId>>,
    /// A dated step changed the jurisdictions: every power is looked at.
    everything: bool,
}

/// The transition findings of a scenario on `baseline`, sorted; none when the rule is off or
/// the scenario has fewer than two dates. `baseline` is left as it was. A scenario that cannot
/// take effect on one of its dates is refused ([`TimetableError`]).
pub fn findings(
    baseline: &mut State,
    scenario: &Scenario,
    rules: &RuleConfig,
) -> Result<Vec<Finding>, TimetableError> {
    let setting = rules.setting(Rule::Transition);
    let dates = scenario.dates();
    if !setting.enabled || dates.len() < 2 {
        return Ok(Vec::new());
    }
    let checkpoints = scenario.checkpoints();
    let mut touches = touches(baseline, scenario, dates[dates.len() - 1])?;
    let mut at: Vec<Problems> = Vec::with_capacity(checkpoints.len());
    for &date in &checkpoints {
        let applied = timetable::apply_at(baseline, scenario, date)?;
        if touches.everything {
            touches.powers.extend(baseline.powers().keys().cloned());
        }
        at.push(problems(baseline, &touches.powers));
        timetable::revert(baseline, &applied);
    }
    let severity: Severity = setting.severity.into();
    let mut found: Vec<Finding> = intervals(&at)
        .into_iter()
        .map(|((power, place, doubled), (start, end, bodies))| {
            let (from, to) = (checkpoints[start], checkpoints[end]);
            Finding {
                kind: FindingKind::Rule,
                severity,
                power: Some(power.clone()),
                jurisdiction: Some(place.clone()),
                bodies: bodies.clone(),
                rule: Some(Rule::Transition.id().to_owned()),
                reason: Reason::Rule(RuleMessage::Transition {
                    opened: step_ref(baseline, scenario, &touches, from, &power, &place),
                    closed: step_ref(baseline, scenario, &touches, to, &power, &place),
                    power,
                    place,
                    doubled,
                    bodies,
                    from,
                    to,
                }),
            }
        })
        .collect();
    found.sort();
    Ok(found)
}

/// What the dated steps touch with every step in effect on `last` (the last date).
fn touches(
    baseline: &mut State,
    scenario: &Scenario,
    last: PlanDate,
) -> Result<Touches, TimetableError> {
    let applied = timetable::apply_at(baseline, scenario, last)?;
    let mut touches = Touches::default();
    for (i, changes) in &applied {
        if scenario.operations[*i].timing.effective.is_none() {
            continue;
        }
        match changes.touched() {
            Touched::Records(records) => {
                touches.powers.extend(records.powers.iter().cloned());
                touches.by_step.insert(*i, records.powers.clone());
                let places = records
                    .bodies
                    .iter()
                    .filter_map(|b| baseline.body(b).map(|b| b.jurisdiction.clone()))
                    .collect();
                touches.places.insert(*i, places);
            }
            Touched::All => touches.everything = true,
        }
    }
    timetable::revert(baseline, &applied);
    if touches.everything {
        touches.powers.extend(baseline.powers().keys().cloned());
    }
    Ok(touches)
}

/// The transitional problems over the checkpoints' problems `at`: each with the checkpoint it
/// starts on, the one it ends on (excluded) and its leads. A problem is transitional on an
/// inner checkpoint when it is not the same on the first checkpoint nor on the last; one that
/// holds on consecutive checkpoints is one interval.
fn intervals(at: &[Problems]) -> Vec<Interval> {
    let (before, after) = (&at[0], &at[at.len() - 1]);
    let mut open: BTreeMap<Key, (usize, Vec<BodyId>)> = BTreeMap::new();
    let mut closed = Vec::new();
    for (k, problems) in at.iter().enumerate().skip(1) {
        let transitional: BTreeMap<Key, Vec<BodyId>> = if k < at.len() - 1 {
            problems
                .iter()
                .filter(|(key, value)| {
                    let doubled = value.0;
                    let same = |p: &Problems| p.get(*key).is_some_and(|(d, _)| *d == doubled);
                    !same(before) && !same(after)
                })
                .map(|((p, j), (d, b))| ((p.clone(), j.clone(), *d), b.clone()))
                .collect()
        } else {
            BTreeMap::new()
        };
        let ended: Vec<Key> = open
            .keys()
            .filter(|key| !transitional.contains_key(*key))
            .cloned()
            .collect();
        for key in ended {
            if let Some((start, bodies)) = open.remove(&key) {
                closed.push((key, (start, k, bodies)));
            }
        }
        for (key, bodies) in transitional {
            open.entry(key).or_insert((k, bodies));
        }
    }
    closed
}

/// The step of `date` that opens or closes a problem of `power` in `place`: one that touched
/// the power through a body of that place (or its district), else one that touched the power,
/// else the date's first step.
fn step_ref(
    baseline: &State,
    scenario: &Scenario,
    touches: &Touches,
    date: PlanDate,
    power: &PowerId,
    place: &JurisdictionId,
) -> StepRef {
    let on_date = |i: &usize| scenario.operations[*i].timing.effective == Some(date);
    let touched = |i: &usize| touches.by_step.get(i).is_some_and(|p| p.contains(power));
    let district = baseline.district_of(place);
    let near = |i: &usize| {
        touches.places.get(i).is_some_and(|places| {
            places.contains(place) || district.is_some_and(|d| places.contains(d))
        })
    };
    let steps = 0..scenario.operations.len();
    let index = steps
        .clone()
        .filter(on_date)
        .find(|i| touched(i) && near(i))
        .or_else(|| steps.clone().filter(on_date).find(touched))
        .or_else(|| steps.clone().find(on_date))
        .unwrap_or_default();
    StepRef {
        step: index + 1,
        date,
        document: scenario.operations[index].timing.document.clone(),
    }
}

/// The gaps and overlaps of `powers` in `state`.
fn problems(state: &State, powers: &BTreeSet<PowerId>) -> Problems {
    let coverage = Coverage::of_powers(state, powers);
    coverage
        .findings()
        .filter_map(|f| {
            let doubled = match f.kind {
                FindingKind::Overlap => true,
                FindingKind::Gap => false,
                FindingKind::Rule => return None,
            };
            Some((
                (f.power.clone()?, f.jurisdiction.clone()?),
                (doubled, f.bodies.clone()),
            ))
        })
        .collect()
}
