//! Where an operation's changes are staged: each change is applied to the state at once and
//! recorded, so that a refusal part-way reverts what was staged and leaves the state untouched,
//! and a success hands the record over as the operation's [`ChangeSet`].

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::model::{Body, BodyId, Change, Holding, JurisdictionId, PowerId, Receipt, Role, State};

#[allow(clippy::wildcard_imports)]
use super::*;

/// Stages changes against a state: each is committed at once (so later steps of the same
/// operation see earlier ones) and recorded, so that a refusal half-way can be rolled back.
pub(super) struct Stager<'s> {
    pub(super) state: &'s mut State,
    pub(super) set: ChangeSet,
}

impl Stager<'_> {
    pub(super) fn push(&mut self, change: Change) {
        self.state.touched_by(&change, &mut self.set.touched);
        self.state.commit(&change);
        self.set.changes.push(change);
    }

    pub(super) fn put_body(&mut self, body: Body) {
        let before = self.state.body(&body.id).cloned().map(Box::new);
        self.push(Change::Body {
            id: body.id.clone(),
            before,
            after: Some(Box::new(body)),
        });
    }

    pub(super) fn remove_body(&mut self, id: &BodyId) {
        let before = self.state.body(id).cloned().map(Box::new);
        self.push(Change::Body {
            id: id.clone(),
            before,
            after: None,
        });
    }

    pub(super) fn put_holding(&mut self, holding: Holding) {
        let before = self.state.holding(&holding.power, &holding.body).cloned();
        if before.as_ref() == Some(&holding) {
            return;
        }
        self.push(Change::Holding {
            power: holding.power.clone(),
            body: holding.body.clone(),
            before,
            after: Some(holding),
        });
    }

    pub(super) fn remove_holding(&mut self, power: &PowerId, body: &BodyId) {
        if let Some(before) = self.state.holding(power, body).cloned() {
            self.push(Change::Holding {
                power: power.clone(),
                body: body.clone(),
                before: Some(before),
                after: None,
            });
        }
    }

    pub(super) fn set_barred_in(
        &mut self,
        power: &PowerId,
        body: &BodyId,
        district: &JurisdictionId,
        barred: bool,
    ) {
        let before = self
            .state
            .barred_in_districts(power)
            .any(|(b, districts)| b == body && districts.contains(district));
        if before != barred {
            self.push(Change::BarredIn {
                power: power.clone(),
                body: body.clone(),
                district: district.clone(),
                before,
                after: barred,
            });
        }
    }

    pub(super) fn set_receipt(&mut self, power: &PowerId, body: &BodyId, receipt: Option<Receipt>) {
        let before = self.state.receipt(power, body).cloned();
        if before != receipt {
            self.push(Change::Receiver {
                power: power.clone(),
                body: body.clone(),
                before,
                after: receipt,
            });
        }
    }

    /// Ends every concentration record that names `body` (as a source or a receiver), or, with
    /// `into`, hands them to that body (a merge).
    pub(super) fn move_concentration_records(&mut self, body: &BodyId, into: Option<&BodyId>) {
        let barred: Vec<PowerId> = self
            .state
            .barred()
            .iter()
            .filter(|(_, sources)| sources.contains(body))
            .map(|(p, _)| p.clone())
            .collect();
        for power in barred {
            self.set_barred(&power, body, false);
            // A source merged into the body that received the power leaves nobody to bar.
            if let Some(into) = into
                && self.state.receipt(&power, into).is_none()
            {
                self.set_barred(&power, into, true);
            }
        }
        let barred_in: Vec<(PowerId, Vec<JurisdictionId>)> = self
            .state
            .barred_in()
            .iter()
            .filter_map(|(p, by_body)| {
                Some((p.clone(), by_body.get(body)?.iter().cloned().collect()))
            })
            .collect();
        for (power, districts) in barred_in {
            for district in districts {
                self.set_barred_in(&power, body, &district, false);
                if let Some(into) = into
                    && self.state.receipt(&power, into).is_none()
                {
                    self.set_barred_in(&power, into, &district, true);
                }
            }
        }
        let received: Vec<(PowerId, Receipt)> = self
            .state
            .receivers()
            .iter()
            .filter_map(|(p, by_body)| Some((p.clone(), by_body.get(body)?.clone())))
            .collect();
        for (power, receipt) in received {
            self.set_receipt(&power, body, None);
            if let Some(into) = into
                && self.state.receipt(&power, into).is_none()
            {
                self.set_receipt(&power, into, Some(receipt));
            }
        }
    }

    pub(super) fn set_barred(&mut self, power: &PowerId, body: &BodyId, barred: bool) {
        let before = self.state.is_barred(power, body);
        if before != barred {
            self.push(Change::Barred {
                power: power.clone(),
                body: body.clone(),
                before,
                after: barred,
            });
        }
    }

    /// Whether the staged changes leave every entrustment they touched standing: a holding they
    /// made entrusted (or entrusted by another body) is entrusted by a body that holds the power,
    /// and a body whose holding they ended entrusts nobody with it any more. Whatever operation
    /// does it, a body never acts for one that has nothing of the power to entrust (行政处罚法
    /// 第20条: 在其法定权限内委托). What is an entrustment but not a lawful one (by a body that
    /// only assists, or that is itself entrusted: 再委托) is for the rules (`entrust-limits`), as
    /// are entrustments the changes did not touch: a published list may bring them.
    pub(super) fn check_entrustments(&self) -> Result<(), OpError> {
        // Each (power, body) the changes wrote, with its holding before the operation.
        let mut before: BTreeMap<(&PowerId, &BodyId), Option<&Holding>> = BTreeMap::new();
        for change in &self.set.changes {
            if let Change::Holding {
                power,
                body,
                before: was,
                ..
            } = change
            {
                before.entry((power, body)).or_insert(was.as_ref());
            }
        }
        // The bodies that entrust each power (to the first body acting for each), found once
        // per power with an ended holding, not once per ended holding: taking back a grant from
        // 15 streets ends 15 holdings of each of its powers, of a thousand holders each.
        let mut entrusters: Option<(&PowerId, FxHashMap<&BodyId, &Holding>)> = None;
        for ((power, body), was) in before {
            let now = self.state.holding(power, body);
            if let Some(h) = now
                && let Role::Entrusted { by } = &h.role
                && !matches!(was.map(|w| &w.role), Some(Role::Entrusted { by: old }) if old == by)
            {
                require_entruster_holds(self.state, h)?;
            }
            if was.is_some() && now.is_none() {
                if entrusters.as_ref().is_none_or(|(p, _)| *p != power) {
                    let mut acting_for: FxHashMap<&BodyId, &Holding> = FxHashMap::default();
                    for h in self.state.holdings_of_power(power) {
                        if let Role::Entrusted { by } = &h.role {
                            acting_for.entry(by).or_insert(h);
                        }
                    }
                    entrusters = Some((power, acting_for));
                }
                let acting = entrusters
                    .as_ref()
                    .and_then(|(_, acting_for)| acting_for.get(body).copied());
                if let Some(acting) = acting {
                    let (a, b, p) = (
                        self.state.body_name(&acting.body),
                        self.state.body_name(body),
                        power_name(self.state, power),
                    );
                    return Err(OpError::refused(format!(
                        "{a} 受 {b} 委托行使 {p}：须先结束该委托，{b} 才能不再持有 ({a} acts for {b} on {p}: end that entrustment first, then {b} may let the power go)"
                    )));
                }
            }
        }
        Ok(())
    }

    pub(super) fn finish(self) -> ChangeSet {
        self.set
    }

    pub(super) fn abort(self) {
        self.set.revert(self.state);
    }
}
