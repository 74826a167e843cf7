//! Cases picked from a plan for the findings tests: shared by the core tests and the window's.

use shiquan::model::{BodyId, JurisdictionId, Level, PowerId};
use shiquan::session::Document;

/// A (power, territory) of the state that one district body alone leads, with that body, and
/// no finding there.
pub fn single_district_lead(doc: &Document) -> (PowerId, JurisdictionId, BodyId) {
    let state = doc.state();
    let coverage = &doc.analysis().coverage;
    for (power, c) in coverage.powers() {
        for (i, leads) in c.leads.iter().enumerate() {
            let territory = &coverage.territories()[i];
            if let [only] = leads
                && state.level_of_body(only) == Some(Level::District)
                && state.body(only).map(|b| &b.jurisdiction) == Some(territory)
                && state
                    .holding(power, only)
                    .is_some_and(|h| h.cases.is_none())
                && !c
                    .findings
                    .iter()
                    .any(|f| f.jurisdiction.as_ref() == Some(territory))
            {
                return (power.clone(), territory.clone(), only.clone());
            }
        }
    }
    panic!("the seed has a power that one district body leads in its district alone");
}
