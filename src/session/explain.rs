//! Why an overlap (多头执法) or a gap (管理盲区) is there: since which step of the view's history
//! it holds, who led before it opened, and who holds the power in the place without counting
//! (协办, 受委托, a lead whose holding leaves the place out).
//!
//! A finding says *that* nobody leads a power in a territory; its explanation says *why*, from
//! the history before the cursor (each entry an operation with the
//! [`ChangeSet`](crate::plan::ChangeSet) it committed) and the state:
//!
//! - **Since when.** Walking the history backwards, only the entries whose change set touched
//!   the power (or everything: a jurisdiction) can change its coverage, so only at those is the
//!   coverage of that one power looked at again. The walk runs on a scratch state that holds
//!   the jurisdictions, that power, its holdings and the bodies that hold it (never a copy of
//!   the whole state: copying every body was most of an explanation's cost in a province with
//!   streets), reverting each entry's changes of those records; a body that joins the holders
//!   going back joins with its record as it was then. It stops at the first entry, going back,
//!   before which the finding was not there: the finding holds *since* that step. A finding
//!   that was there before every entry holds since the start (现状).
//! - **Who.** Coverage itself says who counts: the scratch state is analysed with
//!   [`Coverage`] (levels, streets, case tiers, excluded jurisdictions, exactly as a finding is
//!   raised). Who holds the power here without counting is what coverage would count if every
//!   holding of the power were a lead without exclusions: assisting and entrusted holders, and
//!   leads that exclude the place.
//!
//! The cost is one finding's: the walk is linear in the history (its changes of bodies,
//! jurisdictions and that power) with one coverage of one power per entry that touched it, so a
//! 10,000-step scenario costs milliseconds. It is computed when a row or a tooltip asks for it,
//! never for every finding. Bodies are named by name (as they were called when seen), never by
//! id.

use std::collections::BTreeMap;

use super::history::{Entry, History};
use crate::analysis::coverage::Coverage;
use crate::analysis::finding::{Finding, FindingKind, Reason};
use rustc_hash::FxHashMap;

use crate::model::{Body, BodyId, Cases, Change, JurisdictionId, PowerId, Role, State, Touched};

/// Since when a finding (or a lead) holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Since {
    /// From before the view's first entry: the baseline (现状) already had it.
    Start,
    /// From this history entry on (its index among the entries; the 变更 list calls it step
    /// `index + 1`).
    Step(usize),
}

impl Since {
    /// The step number as the 变更 list shows it (from 1); `None` for the start.
    pub fn step_number(self) -> Option<usize> {
        match self {
            Since::Start => None,
            Since::Step(index) => Some(index + 1),
        }
    }
}

/// One lead body of the place now, with the tier it takes and since when it leads there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lead {
    /// The body.
    pub body: BodyId,
    /// The one tier of cases it takes under a level split; `None`: every case.
    pub cases: Option<Cases>,
    /// Since when it leads here without a break.
    pub since: Since,
}

/// Why a gap or an overlap of one power in one territory is there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// Overlap or gap.
    pub kind: FindingKind,
    /// For a gap under a level split: the tier nobody leads.
    pub missing: Option<Cases>,
    /// Since when the finding holds without a break.
    pub since: Since,
    /// The lead bodies of the place now (an overlap's; the one-tier leads of a tier gap).
    pub leads: Vec<Lead>,
    /// The lead bodies of the place just before the step the finding began at (a gap that
    /// opened at a step: who led until then).
    pub leads_before: Vec<BodyId>,
    /// Bodies that assist (协办) here, which coverage does not count.
    pub assisting: Vec<BodyId>,
    /// Bodies entrusted (受委托) here, each with the body it acts for.
    pub entrusted: Vec<(BodyId, BodyId)>,
    /// Bodies that lead the power but whose holding leaves this place out.
    pub excluded: Vec<BodyId>,
    /// Whether any body holds the power at all, anywhere and in any role.
    pub held_anywhere: bool,
    /// The name of every body above, as it was called when seen.
    names: BTreeMap<BodyId, String>,
}

/// Explains an overlap or a gap of the view's current state (with its coverage) from its
/// history (the entries before the cursor); `None` for a rule finding, a finding without a
/// power and a place, and a finding that is no longer there.
pub fn explain_in(
    finding: &Finding,
    state: &State,
    coverage: &Coverage,
    history: &History,
) -> Option<Explanation> {
    explain(
        finding,
        state,
        coverage,
        &history.entries()[..history.cursor().min(history.entries().len())],
    )
}

/// Explains an overlap or a gap of `state` (whose coverage is `coverage`), which `applied`
/// (oldest first) produced from the view's start; `None` as for [`explain_in`].
pub fn explain(
    finding: &Finding,
    state: &State,
    coverage: &Coverage,
    applied: &[Entry],
) -> Option<Explanation> {
    if finding.kind == FindingKind::Rule {
        return None;
    }
    let power = finding.power.as_ref()?;
    let place = finding.jurisdiction.as_ref()?;
    let mut scratch = Scratch::of(state, coverage, power);
    let now = scratch.look(place);
    if now.kind != Some(finding.kind) {
        return None;
    }
    let mut names = BTreeMap::new();
    let mut name = |id: &BodyId, state: &State| {
        if let Some(b) = state.body(id) {
            names.entry(id.clone()).or_insert_with(|| b.name.clone());
        }
    };
    let others = scratch.others(place);
    for b in now.leads.iter().map(|(b, _)| b).chain(&others.assisting) {
        name(b, state);
    }
    for (b, by) in &others.entrusted {
        name(b, state);
        name(by, state);
    }
    for b in &others.excluded {
        name(b, state);
    }
    let mut leads: Vec<(Lead, bool)> = now
        .leads
        .iter()
        .map(|(body, cases)| {
            let lead = Lead {
                body: body.clone(),
                cases: *cases,
                since: Since::Start,
            };
            (lead, false)
        })
        .collect();
    let mut since = None;
    let mut leads_before = Vec::new();
    for (index, entry) in applied.iter().enumerate().rev() {
        let relevant = match entry.changes.touched() {
            Touched::All => true,
            Touched::Records(records) => records.powers.contains(power),
        };
        scratch.revert(entry);
        if !relevant {
            continue;
        }
        let then = scratch.look(place);
        if since.is_none() && then.kind != Some(finding.kind) {
            since = Some(Since::Step(index));
            leads_before = then.leads.iter().map(|(b, _)| b.clone()).collect();
            for b in &leads_before {
                name(b, &scratch.state);
            }
        }
        for (lead, known) in &mut leads {
            if !*known && !then.leads.iter().any(|(b, _)| *b == lead.body) {
                lead.since = Since::Step(index);
                *known = true;
            }
        }
        if since.is_some() && leads.iter().all(|(_, known)| *known) {
            break;
        }
    }
    Some(Explanation {
        kind: finding.kind,
        missing: match finding.reason {
            Reason::TierGap { missing } => Some(missing),
            _ => None,
        },
        since: since.unwrap_or(Since::Start),
        leads: leads.into_iter().map(|(lead, _)| lead).collect(),
        leads_before,
        assisting: others.assisting,
        entrusted: others.entrusted,
        excluded: others.excluded,
        held_anywhere: others.held_anywhere,
        names,
    })
}

/// What coverage says of the place in the scratch state: the finding's kind there (if any)
/// and its lead bodies, each with its tier.
struct Look {
    kind: Option<FindingKind>,
    leads: Vec<(BodyId, Option<Cases>)>,
}

/// Who holds the power in the place without counting.
struct Others {
    assisting: Vec<BodyId>,
    entrusted: Vec<(BodyId, BodyId)>,
    excluded: Vec<BodyId>,
    held_anywhere: bool,
}

/// The records that decide one power's coverage, as they were at some step: every
/// jurisdiction, the power, its holdings and the bodies that hold it; each body's record at that
/// step is known for those the walk passed a change of, the others are as they are now.
struct Scratch<'a> {
    power: PowerId,
    state: State,
    /// The state the walk started from.
    now: &'a State,
    /// The bodies whose record a reverted change set back, each as it was then (`None`: it did
    /// not exist yet).
    bodies_then: FxHashMap<BodyId, Option<Body>>,
    /// The power's coverage of the scratch state, brought up to date when a look asks.
    coverage: Coverage,
    /// Whether the records changed since the coverage was computed; and whether a jurisdiction
    /// did (the territories must be found again).
    stale: bool,
    territories_stale: bool,
}

impl<'a> Scratch<'a> {
    /// The scratch state of `power` in `state`, whose coverage (its territories shared) is
    /// `coverage`.
    fn of(state: &'a State, coverage: &Coverage, power: &PowerId) -> Self {
        let mut scratch = state.jurisdictions_only();
        if let Some(p) = state.power(power) {
            scratch.commit(&Change::Power {
                id: power.clone(),
                before: None,
                after: Some(Box::new(p.clone())),
            });
        }
        for h in state.holdings_of_power(power) {
            if let Some(b) = state.body(&h.body) {
                scratch.commit(&body_added(&h.body, b));
            }
            scratch.commit(&Change::Holding {
                power: power.clone(),
                body: h.body.clone(),
                before: None,
                after: Some(h.clone()),
            });
        }
        Self {
            coverage: coverage.of_powers_sharing(&scratch, [power]),
            power: power.clone(),
            state: scratch,
            now: state,
            bodies_then: FxHashMap::default(),
            stale: false,
            territories_stale: false,
        }
    }

    /// Takes back an entry's changes of the records kept here. A holder that joins the power
    /// (going back) joins the scratch state with its record as it was then.
    fn revert(&mut self, entry: &Entry) {
        for change in entry.changes.changes().iter().rev() {
            match change {
                Change::Jurisdiction { .. } => self.territories_stale = true,
                Change::Body { id, before, .. } => {
                    self.bodies_then
                        .insert(id.clone(), before.as_deref().cloned());
                    self.coverage.forget_place(id);
                    if self.state.body(id).is_none() {
                        continue;
                    }
                }
                Change::Power { id, .. } if *id == self.power => {}
                Change::Holding {
                    power,
                    body,
                    before,
                    ..
                } if *power == self.power => {
                    if before.is_some() && self.state.body(body).is_none() {
                        let then = match self.bodies_then.get(body) {
                            Some(then) => then.as_ref(),
                            None => self.now.body(body),
                        };
                        if let Some(b) = then {
                            self.state.commit(&body_added(body, b));
                        }
                    }
                }
                _ => continue,
            }
            self.state.commit(&change.clone().reversed());
            self.stale = true;
        }
    }

    /// Brings the power's coverage up to date with the scratch state.
    fn refresh(&mut self) {
        if self.territories_stale {
            self.coverage = Coverage::of_powers(&self.state, [&self.power]);
        } else if self.stale {
            self.coverage.recompute_powers(&self.state, [&self.power]);
        }
        self.stale = false;
        self.territories_stale = false;
    }

    /// The power's coverage of the place as the scratch state is now (no finding and no lead
    /// where the place is no territory, or the power does not exist).
    fn look(&mut self, place: &JurisdictionId) -> Look {
        self.refresh();
        let (power, state, coverage) = (&self.power, &self.state, &self.coverage);
        let Some(covered) = coverage.power(power) else {
            return Look {
                kind: None,
                leads: Vec::new(),
            };
        };
        let kind = covered
            .findings
            .iter()
            .find(|f| f.jurisdiction.as_ref() == Some(place))
            .map(|f| f.kind);
        let leads = coverage
            .leads(power, place)
            .iter()
            .map(|b| {
                let cases = state.holding(power, b).and_then(|h| h.cases);
                (b.clone(), cases)
            })
            .collect();
        Look { kind, leads }
    }

    /// Who holds the power in the place now without counting: the holders whose holding
    /// would count there if it were a lead of every case without exclusions, but the bodies
    /// that do count.
    fn others(&mut self, place: &JurisdictionId) -> Others {
        self.refresh();
        let (state, coverage) = (&self.state, &self.coverage);
        let counted = coverage.leads(&self.power, place);
        let mut others = Others {
            assisting: Vec::new(),
            entrusted: Vec::new(),
            excluded: Vec::new(),
            held_anywhere: false,
        };
        for h in state.holdings_of_power(&self.power) {
            others.held_anywhere = true;
            if counted.contains(&h.body) || !coverage.reaches(state, &h.body, place) {
                continue;
            }
            match &h.role {
                Role::Lead => others.excluded.push(h.body.clone()),
                Role::Assist => others.assisting.push(h.body.clone()),
                Role::Entrusted { by } => others.entrusted.push((h.body.clone(), by.clone())),
            }
        }
        others
    }
}

/// The change that adds a body with its record.
fn body_added(id: &BodyId, body: &Body) -> Change {
    Change::Body {
        id: id.clone(),
        before: None,
        after: Some(Box::new(body.clone())),
    }
}

impl Explanation {
    /// A body's name as it was when seen; its id only if it was never seen by name.
    pub fn body_name(&self, id: &BodyId) -> String {
        self.names
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }
}
