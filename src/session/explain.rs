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
//!   the jurisdictions, the bodies and that power's holdings (never a copy of the whole state),
//!   reverting each entry's changes of those records; it stops at the first entry, going back,
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
use crate::model::{BodyId, Cases, Change, Holding, JurisdictionId, PowerId, Role, State, Touched};

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

/// Explains an overlap or a gap of the view's current state from its history (the entries
/// before the cursor); `None` for a rule finding, a finding without a power and a place, and a
/// finding that is no longer there.
pub fn explain_in(finding: &Finding, state: &State, history: &History) -> Option<Explanation> {
    explain(
        finding,
        state,
        &history.entries()[..history.cursor().min(history.entries().len())],
    )
}

/// Explains an overlap or a gap of `state`, which `applied` (oldest first) produced from the
/// view's start; `None` as for [`explain_in`].
pub fn explain(finding: &Finding, state: &State, applied: &[Entry]) -> Option<Explanation> {
    if finding.kind == FindingKind::Rule {
        return None;
    }
    let power = finding.power.as_ref()?;
    let place = finding.jurisdiction.as_ref()?;
    let mut scratch = Scratch::of(state, power);
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

/// The records that decide one power's coverage, as they were at some step: every jurisdiction
/// and body, the power and its holdings; with the coverage of that state, refreshed as the
/// history is walked back.
struct Scratch {
    power: PowerId,
    state: State,
    coverage: Coverage,
    /// What the changes reverted since the last look touched.
    pending: Touched,
}

impl Scratch {
    fn of(state: &State, power: &PowerId) -> Self {
        let mut scratch = State::new();
        for (id, j) in state.jurisdictions() {
            scratch.commit(&Change::Jurisdiction {
                id: id.clone(),
                before: None,
                after: Some(j.clone()),
            });
        }
        for (id, b) in state.bodies() {
            scratch.commit(&Change::Body {
                id: id.clone(),
                before: None,
                after: Some(Box::new(b.clone())),
            });
        }
        if let Some(p) = state.power(power) {
            scratch.commit(&Change::Power {
                id: power.clone(),
                before: None,
                after: Some(Box::new(p.clone())),
            });
        }
        for h in state.holdings_of_power(power) {
            scratch.commit(&Change::Holding {
                power: power.clone(),
                body: h.body.clone(),
                before: None,
                after: Some(h.clone()),
            });
        }
        let coverage = Coverage::full(&scratch);
        Self {
            power: power.clone(),
            state: scratch,
            coverage,
            pending: Touched::none(),
        }
    }

    /// Takes back an entry's changes of the records kept here.
    fn revert(&mut self, entry: &Entry) {
        for change in entry.changes.changes().iter().rev() {
            let kept = match change {
                Change::Jurisdiction { .. } | Change::Body { .. } => true,
                Change::Power { id, .. } => *id == self.power,
                Change::Holding { power, .. } => *power == self.power,
                Change::Barred { .. } | Change::BarredIn { .. } | Change::Receiver { .. } => false,
            };
            if kept {
                let back = change.clone().reversed();
                self.state.touched_by(&back, &mut self.pending);
                self.state.commit(&back);
            }
        }
    }

    /// The power's coverage of the place as the scratch state is now (no finding and no lead
    /// where the place is no territory, or the power does not exist).
    fn look(&mut self, place: &JurisdictionId) -> Look {
        let pending = std::mem::replace(&mut self.pending, Touched::none());
        self.coverage.refresh(&self.state, &pending);
        let Some(power) = self.coverage.power(&self.power) else {
            return Look {
                kind: None,
                leads: Vec::new(),
            };
        };
        let kind = power
            .findings
            .iter()
            .find(|f| f.jurisdiction.as_ref() == Some(place))
            .map(|f| f.kind);
        let leads = self
            .coverage
            .leads(&self.power, place)
            .iter()
            .map(|b| {
                let cases = self.state.holding(&self.power, b).and_then(|h| h.cases);
                (b.clone(), cases)
            })
            .collect();
        Look { kind, leads }
    }

    /// Who holds the power in the place now without counting: what coverage would count there
    /// if every holding of the power were a lead of every case without exclusions, but the
    /// bodies that do count. The scratch state is left as it was.
    fn others(&mut self, place: &JurisdictionId) -> Others {
        let holdings: Vec<Holding> = self.state.holdings_of_power(&self.power).cloned().collect();
        let counted: Vec<BodyId> = self.coverage.leads(&self.power, place).to_vec();
        let widened: Vec<Change> = holdings
            .iter()
            .map(|h| Change::Holding {
                power: self.power.clone(),
                body: h.body.clone(),
                before: Some(h.clone()),
                after: Some(Holding {
                    role: Role::Lead,
                    excludes: std::collections::BTreeSet::new(),
                    cases: None,
                    ..h.clone()
                }),
            })
            .collect();
        for change in &widened {
            self.state.commit(change);
        }
        let wide = Coverage::full(&self.state);
        for change in widened.iter().rev() {
            self.state.commit(&change.clone().reversed());
        }
        let mut others = Others {
            assisting: Vec::new(),
            entrusted: Vec::new(),
            excluded: Vec::new(),
            held_anywhere: !holdings.is_empty(),
        };
        for body in wide.leads(&self.power, place) {
            if counted.contains(body) {
                continue;
            }
            let Some(h) = holdings.iter().find(|h| h.body == *body) else {
                continue;
            };
            match &h.role {
                Role::Lead => others.excluded.push(body.clone()),
                Role::Assist => others.assisting.push(body.clone()),
                Role::Entrusted { by } => others.entrusted.push((body.clone(), by.clone())),
            }
        }
        others
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
