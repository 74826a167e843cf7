//! Staffing and budget (编制与经费) per body and per jurisdiction, before and after a scenario:
//! slots by type, headcount, vacancies, budget and lead duties per slot — the figures behind
//! 编随事走、人随编走 and the 机构与编制 table.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{BodyId, JurisdictionId, State};

/// Staffing figures of one body or one jurisdiction in one state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StaffingFigures {
    /// 行政编制
    pub admin_slots: u64,
    /// 事业编制
    pub institution_slots: u64,
    /// 实有人数
    pub headcount: u64,
    /// 空编 (slots not filled)
    pub vacancies: u64,
    /// Budget in 万元.
    pub budget_wan: u64,
    /// Lead holdings.
    pub lead_duties: u64,
}

impl StaffingFigures {
    /// All slots.
    pub fn slots(&self) -> u64 {
        self.admin_slots + self.institution_slots
    }

    /// Lead duties per slot (0 when there are no slots).
    pub fn duties_per_slot(&self) -> f64 {
        if self.slots() == 0 {
            0.0
        } else {
            self.lead_duties as f64 / self.slots() as f64
        }
    }

    fn add(&mut self, other: &StaffingFigures) {
        self.admin_slots += other.admin_slots;
        self.institution_slots += other.institution_slots;
        self.headcount += other.headcount;
        self.vacancies += other.vacancies;
        self.budget_wan += other.budget_wan;
        self.lead_duties += other.lead_duties;
    }
}

/// Figures per body and per jurisdiction (bodies located in it directly) of one state.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct StaffingSummary {
    /// Per body.
    pub bodies: BTreeMap<BodyId, StaffingFigures>,
    /// Per jurisdiction.
    pub jurisdictions: BTreeMap<JurisdictionId, StaffingFigures>,
}

impl StaffingSummary {
    /// Sums a state in one pass over its bodies and holdings.
    pub fn of(state: &State) -> Self {
        let mut leads: BTreeMap<&BodyId, u64> = BTreeMap::new();
        for h in state.holdings() {
            if h.role.is_lead() {
                *leads.entry(&h.body).or_default() += 1;
            }
        }
        let mut summary = StaffingSummary::default();
        for j in state.jurisdictions().keys() {
            summary
                .jurisdictions
                .insert(j.clone(), StaffingFigures::default());
        }
        for body in state.bodies().values() {
            let s = body.staffing;
            let figures = StaffingFigures {
                admin_slots: u64::from(s.admin),
                institution_slots: u64::from(s.institution),
                headcount: u64::from(s.headcount),
                vacancies: u64::from(s.vacancies()),
                budget_wan: body.budget_wan,
                lead_duties: leads.get(&body.id).copied().unwrap_or(0),
            };
            summary
                .jurisdictions
                .entry(body.jurisdiction.clone())
                .or_default()
                .add(&figures);
            summary.bodies.insert(body.id.clone(), figures);
        }
        summary
    }
}

/// One row of a before/after comparison.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StaffingRow<K> {
    /// The body or jurisdiction.
    pub id: K,
    /// Before (absent: zeros).
    pub before: StaffingFigures,
    /// After (absent: zeros).
    pub after: StaffingFigures,
}

/// Before/after rows for every body and jurisdiction present in either state, sorted by id.
pub fn compare(
    before: &StaffingSummary,
    after: &StaffingSummary,
) -> (Vec<StaffingRow<BodyId>>, Vec<StaffingRow<JurisdictionId>>) {
    fn rows<K: Ord + Clone>(
        a: &BTreeMap<K, StaffingFigures>,
        b: &BTreeMap<K, StaffingFigures>,
    ) -> Vec<StaffingRow<K>> {
        let mut keys: Vec<&K> = a.keys().chain(b.keys()).collect();
        keys.sort();
        keys.dedup();
        keys.into_iter()
            .map(|k| StaffingRow {
                id: k.clone(),
                before: a.get(k).copied().unwrap_or_default(),
                after: b.get(k).copied().unwrap_or_default(),
            })
            .collect()
    }
    (
        rows(&before.bodies, &after.bodies),
        rows(&before.jurisdictions, &after.jurisdictions),
    )
}
