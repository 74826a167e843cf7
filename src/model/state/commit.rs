//! Changing a state: committing one primitive [`Change`] with its indexes kept in step, and
//! what a change touched (for the analysis to follow).

use super::super::holding::Holding;
use super::super::ids::{BodyId, PowerId};
#[allow(clippy::wildcard_imports)]
use super::*;

impl State {
    /// Applies one primitive change, keeping the indexes in step. The caller has validated it.
    pub fn commit(&mut self, change: &Change) {
        match change {
            Change::Jurisdiction { id, after, .. } => {
                let before = match after {
                    Some(j) => std::sync::Arc::make_mut(&mut self.jurisdictions)
                        .insert(id.clone(), j.clone()),
                    None => std::sync::Arc::make_mut(&mut self.jurisdictions).remove(id),
                };
                self.district_count = self.district_count + is_district(after.as_ref())
                    - is_district(before.as_ref());
            }
            Change::Body { id, after, .. } => {
                if let Some(old) = self.bodies.remove(id)
                    && let Some(parent) = &old.parent
                    && let Some(children) = self.children_by_body.get_mut(parent)
                {
                    children.remove(id);
                    if children.is_empty() {
                        self.children_by_body.remove(parent);
                    }
                }
                if let Some(body) = after {
                    if let Some(parent) = &body.parent {
                        self.children_by_body
                            .entry(parent.clone())
                            .or_default()
                            .insert(id.clone());
                    }
                    self.bodies.insert(id.clone(), (**body).clone());
                }
            }
            Change::Power { id, after, .. } => match after {
                Some(p) => {
                    self.powers.insert(id.clone(), (**p).clone());
                }
                None => {
                    self.powers.remove(id);
                }
            },
            Change::Holding {
                power, body, after, ..
            } => self.put_holding(power, body, after.clone()),
            Change::Barred {
                power, body, after, ..
            } => {
                if *after {
                    self.barred
                        .entry(power.clone())
                        .or_default()
                        .insert(body.clone());
                } else if let Some(set) = self.barred.get_mut(power) {
                    set.remove(body);
                    if set.is_empty() {
                        self.barred.remove(power);
                    }
                }
            }
            Change::BarredIn {
                power,
                body,
                district,
                after,
                ..
            } => {
                let by_body = self.barred_in.entry(power.clone()).or_default();
                if *after {
                    by_body
                        .entry(body.clone())
                        .or_default()
                        .insert(district.clone());
                } else if let Some(set) = by_body.get_mut(body) {
                    set.remove(district);
                    if set.is_empty() {
                        by_body.remove(body);
                    }
                }
                if by_body.is_empty() {
                    self.barred_in.remove(power);
                }
            }
            Change::Receiver {
                power, body, after, ..
            } => {
                let by_body = self.receivers.entry(power.clone()).or_default();
                if let Some(receipt) = after {
                    by_body.insert(body.clone(), receipt.clone());
                    self.received_by_body
                        .entry(body.clone())
                        .or_default()
                        .insert(power.clone());
                } else {
                    by_body.remove(body);
                    if let Some(set) = self.received_by_body.get_mut(body) {
                        set.remove(power);
                        if set.is_empty() {
                            self.received_by_body.remove(body);
                        }
                    }
                }
                if by_body.is_empty() {
                    self.receivers.remove(power);
                }
            }
        }
    }

    pub(super) fn put_holding(&mut self, power: &PowerId, body: &BodyId, holding: Option<Holding>) {
        let Some(holding) = holding else {
            self.remove_holding(power, body);
            return;
        };
        debug_assert!(holding.power == *power && holding.body == *body);
        let leads = holding.role.is_lead();
        let excluded = if leads { holding.excludes.len() } else { 0 };
        let previous = self
            .holdings
            .entry(power.clone())
            .or_default()
            .insert(holding);
        match &previous {
            None => {
                self.holding_count += 1;
                std::sync::Arc::make_mut(self.powers_by_body.entry(body.clone()).or_default())
                    .insert(power.clone());
            }
            Some(old) if old.role.is_lead() => self.uncount_lead(body, old.excludes.len()),
            Some(_) => {}
        }
        if leads {
            *self.leads_by_body.entry(body.clone()).or_default() += 1;
        }
        if excluded > 0 {
            *self.excluded_by_body.entry(body.clone()).or_default() += excluded;
        }
    }

    pub(super) fn uncount_lead(&mut self, body: &BodyId, excluded: usize) {
        if let Some(count) = self.leads_by_body.get_mut(body) {
            *count -= 1;
            if *count == 0 {
                self.leads_by_body.remove(body);
            }
        }
        if excluded > 0
            && let Some(count) = self.excluded_by_body.get_mut(body)
        {
            *count = count.saturating_sub(excluded);
            if *count == 0 {
                self.excluded_by_body.remove(body);
            }
        }
    }

    pub(super) fn remove_holding(&mut self, power: &PowerId, body: &BodyId) {
        let Some(by_body) = self.holdings.get_mut(power) else {
            return;
        };
        if let Some(old) = by_body.remove(body) {
            self.holding_count -= 1;
            if let Some(set) = self.powers_by_body.get_mut(body) {
                std::sync::Arc::make_mut(set).remove(power);
                if set.is_empty() {
                    self.powers_by_body.remove(body);
                }
            }
            if by_body.is_empty() {
                self.holdings.remove(power);
            }
            if old.role.is_lead() {
                self.uncount_lead(body, old.excludes.len());
            }
        } else if by_body.is_empty() {
            self.holdings.remove(power);
        }
    }

    /// What a change may alter (see [`Touched`]), judged before it is committed.
    pub fn touched_by(&self, change: &Change, touched: &mut Touched) {
        match change {
            Change::Jurisdiction { .. } => *touched = Touched::All,
            Change::Body { id, before, after } => {
                touched.add_body(id);
                if let (Some(b), Some(a), Touched::Records(r)) = (before, after, &mut *touched)
                    && (b.standing() != a.standing()
                        || b.jurisdiction != a.jurisdiction
                        || (b.staffing.admin == 0) != (a.staffing.admin == 0))
                {
                    r.restanded.insert(id.clone());
                }
                for parent in [before, after]
                    .into_iter()
                    .flatten()
                    .flat_map(|b| &b.parent)
                {
                    touched.add_body(parent);
                }
                let moved = match (before, after) {
                    (Some(b), Some(a)) => {
                        if b.name != a.name
                            && let Touched::Records(r) = touched
                        {
                            r.renamed.insert(id.clone());
                        }
                        b.jurisdiction != a.jurisdiction
                    }
                    _ => true,
                };
                if moved {
                    for power in self.powers_of_body(id) {
                        touched.add(power);
                    }
                }
            }
            Change::Holding { power, body, .. } => {
                touched.add(power);
                touched.add_body(body);
                if let Touched::Records(r) = touched {
                    r.holders
                        .entry(power.clone())
                        .or_default()
                        .insert(body.clone());
                }
            }
            Change::Receiver { power, body, .. } => {
                touched.add(power);
                touched.add_body(body);
            }
            Change::Power { id, .. } => {
                touched.add(id);
                if let Touched::Records(r) = touched {
                    r.power_records.insert(id.clone());
                }
            }
            Change::Barred { power: id, .. } | Change::BarredIn { power: id, .. } => {
                touched.add(id);
            }
        }
    }

    // ---- building ------------------------------------------------------------------------
}
