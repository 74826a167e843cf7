//! The operations on bodies: move (下划 / 上收), create, merge, split, abolish, move slots, edit
//! one attribute.

use std::collections::BTreeSet;

use crate::model::{
    Body, BodyId, Excludes, Holding, JurisdictionId, Level, PowerId, Role, SlotKind,
};

#[allow(clippy::wildcard_imports)]
use super::*;

pub(super) fn move_body(
    s: &mut Stager<'_>,
    id: &BodyId,
    to: &JurisdictionId,
) -> Result<(), OpError> {
    let body = body_of(s.state, id)?.clone();
    if s.state.jurisdiction(to).is_none() {
        return Err(OpError::NoJurisdiction(to.clone()));
    }
    if &body.jurisdiction == to {
        let (name, place) = (s.state.body_name(id), s.state.jurisdiction_name(to));
        return Err(OpError::refused(format!(
            "{name} 已在{place} ({name} is already in {place})"
        )));
    }
    let from = body.jurisdiction.clone();
    // The body moves with the sub-bodies that sit with it; a link to a parent left behind ends.
    let mut stack = vec![id.clone()];
    while let Some(current) = stack.pop() {
        let mut moved = body_of(s.state, &current)?.clone();
        if moved.jurisdiction != from {
            continue;
        }
        stack.extend(s.state.children_of(&current).cloned());
        moved.jurisdiction = to.clone();
        if &current == id
            && let Some(parent) = &moved.parent
            && s.state.body(parent).map(|p| &p.jurisdiction) != Some(to)
        {
            moved.parent = None;
        }
        s.put_body(moved);
        keep_territory_when_centralised(s, &current, &from, to);
    }
    Ok(())
}

/// A district body taken up to the city (上收) keeps leading only in its former district: its
/// lead holdings exclude every other district, so the move itself opens no city-wide overlap.
/// The planner widens a holding by hand where the city is meant to take over everywhere.
pub(super) fn keep_territory_when_centralised(
    s: &mut Stager<'_>,
    body: &BodyId,
    from: &JurisdictionId,
    to: &JurisdictionId,
) {
    let level = |j: &JurisdictionId| s.state.jurisdiction(j).map(|j| j.level);
    if level(to) != Some(Level::City) {
        return;
    }
    let Some(home) = s.state.district_of(from).cloned() else {
        return;
    };
    let others: Excludes = s
        .state
        .districts()
        .map(|d| d.id.clone())
        .filter(|d| d != &home)
        .collect();
    let holdings: Vec<Holding> = s
        .state
        .holdings_of_body(body)
        .filter(|h| h.role.is_lead())
        .cloned()
        .collect();
    for mut h in holdings {
        h.excludes.clone_from(&others);
        s.put_holding(h);
    }
}

pub(super) fn create_body(s: &mut Stager<'_>, body: &Body) -> Result<(), OpError> {
    if s.state.body(&body.id).is_some() {
        return Err(OpError::Exists(body.id.to_string()));
    }
    require_budget_fits(body)?;
    if s.state.jurisdiction(&body.jurisdiction).is_none() {
        return Err(OpError::NoJurisdiction(body.jurisdiction.clone()));
    }
    if let Some(parent) = &body.parent {
        body_of(s.state, parent)?;
    }
    if let Some(supervisor) = &body.supervisor {
        body_of(s.state, supervisor)?;
    }
    s.put_body(body.clone());
    Ok(())
}

/// The stronger of two holdings of one power by one body, for a merge: a lead wins, and two
/// leads cover what either covered.
pub(super) fn merged_holding(a: Holding, b: &Holding) -> Holding {
    match (a.role.is_lead(), b.role.is_lead()) {
        (true, true) => Holding {
            excludes: a.excludes.intersection(&b.excludes).cloned().collect(),
            ..a
        },
        (false, true) => Holding {
            power: a.power,
            body: a.body,
            ..b.clone()
        },
        (true | false, false) => a,
    }
}

pub(super) fn merge_bodies(
    s: &mut Stager<'_>,
    from: &BodyId,
    into: &BodyId,
) -> Result<(), OpError> {
    let source = body_of(s.state, from)?.clone();
    let mut target = body_of(s.state, into)?.clone();
    if from == into {
        return Err(OpError::refused(format!("{from} cannot merge into itself")));
    }
    // A body cannot absorb one of its own parents.
    let mut ancestor = target.parent.clone();
    while let Some(id) = ancestor {
        if &id == from {
            return Err(OpError::refused(format!("{from} is above {into}")));
        }
        ancestor = s.state.body(&id).and_then(|b| b.parent.clone());
    }
    // The figures add up exactly or the merge is refused: a saturated sum would lose slots,
    // people or money without a word.
    let (merged, absorbing) = (source.name.clone(), target.name.clone());
    let too_many = |what: Amount| {
        OpError::Refused(Refusal::MergeTooMany {
            merged: merged.clone(),
            absorbing: absorbing.clone(),
            what,
        })
    };
    let mut staffing = target.staffing;
    for kind in SlotKind::ALL {
        *staffing.slots_of_mut(kind) = staffing
            .slots_of(kind)
            .checked_add(source.staffing.slots_of(kind))
            .ok_or_else(|| too_many(Amount::Slots(kind)))?;
    }
    staffing.headcount = staffing
        .headcount
        .checked_add(source.staffing.headcount)
        .ok_or_else(|| too_many(Amount::People))?;
    target.budget_wan = target
        .budget_wan
        .checked_add(source.budget_wan)
        .ok_or_else(|| too_many(Amount::Budget))?;
    target.staffing = staffing;
    require_budget_fits(&target)?;
    target.tags.extend(source.tags.iter().cloned());
    s.put_body(target);
    redirect_references(s, from, into);
    let holdings: Vec<Holding> = s.state.holdings_of_body(from).cloned().collect();
    for h in holdings {
        let power = h.power.clone();
        s.remove_holding(&power, from);
        let moved = Holding {
            body: into.clone(),
            ..h
        };
        let combined = match s.state.holding(&power, into).cloned() {
            Some(existing) => merged_holding(existing, &moved),
            None => moved,
        };
        // Entrusted by the body it merges into: it now simply leads through the target.
        if matches!(&combined.role, Role::Entrusted { by } if by == into) {
            continue;
        }
        s.put_holding(combined);
    }
    s.move_concentration_records(from, Some(into));
    redirect_supervised(s, from, Some(into))?;
    s.remove_body(from);
    refuse_supervision_cycle(s, into)
}

/// Bodies supervised by `from` answer to `into` (a merge), or to their parent (an abolition);
/// refused if one of them would then answer, through the chain, to itself (it is under a body
/// that it supervises).
pub(super) fn redirect_supervised(
    s: &mut Stager<'_>,
    from: &BodyId,
    into: Option<&BodyId>,
) -> Result<(), OpError> {
    let supervised: Vec<Body> = s
        .state
        .bodies()
        .values()
        .filter(|b| b.supervisor.as_ref() == Some(from))
        .cloned()
        .collect();
    let ids: Vec<BodyId> = supervised.iter().map(|b| b.id.clone()).collect();
    for mut body in supervised {
        body.supervisor = into.filter(|i| **i != body.id).cloned();
        s.put_body(body);
    }
    for id in &ids {
        refuse_supervision_cycle(s, id)?;
    }
    Ok(())
}

/// Points sub-bodies and entrusted holdings of `from` at `into`.
pub(super) fn redirect_references(s: &mut Stager<'_>, from: &BodyId, into: &BodyId) {
    let children: Vec<BodyId> = s.state.children_of(from).cloned().collect();
    for child in children {
        if let Some(mut body) = s.state.body(&child).cloned() {
            body.parent = if &child == into {
                None
            } else {
                Some(into.clone())
            };
            s.put_body(body);
        }
    }
    let entrusted: Vec<Holding> = s
        .state
        .holdings()
        .filter(|h| matches!(&h.role, Role::Entrusted { by } if by == from))
        .cloned()
        .collect();
    for mut h in entrusted {
        if &h.body == into {
            s.remove_holding(&h.power.clone(), &h.body.clone());
            continue;
        }
        h.role = Role::Entrusted { by: into.clone() };
        s.put_holding(h);
    }
}

/// 拆分: the new body takes the slots, people and budget its record gives it from the body split,
/// never more than that body has (a split creates no staff and no money), and the holdings of
/// `powers`; bodies the old body entrusted with those powers act for the new one.
pub(super) fn split_body(
    s: &mut Stager<'_>,
    id: &BodyId,
    new_body: &Body,
    powers: &BTreeSet<PowerId>,
) -> Result<(), OpError> {
    let mut body = body_of(s.state, id)?.clone();
    if s.state.body(&new_body.id).is_some() {
        return Err(OpError::Exists(new_body.id.to_string()));
    }
    if s.state.jurisdiction(&new_body.jurisdiction).is_none() {
        return Err(OpError::NoJurisdiction(new_body.jurisdiction.clone()));
    }
    if let Some(supervisor) = &new_body.supervisor {
        body_of(s.state, supervisor)?;
    }
    if let Some(parent) = &new_body.parent {
        body_of(s.state, parent)?;
    }
    let more_than_it_has = |have: u64, given: u64, what: Amount| {
        OpError::Refused(Refusal::SplitTooMany {
            source: body.name.clone(),
            new: new_body.name.clone(),
            have,
            given,
            what,
        })
    };
    let mut staffing = body.staffing;
    for kind in SlotKind::ALL {
        let (have, given) = (staffing.slots_of(kind), new_body.staffing.slots_of(kind));
        *staffing.slots_of_mut(kind) = have
            .checked_sub(given)
            .ok_or_else(|| more_than_it_has(have.into(), given.into(), Amount::Slots(kind)))?;
    }
    let (have, given) = (staffing.headcount, new_body.staffing.headcount);
    staffing.headcount = have
        .checked_sub(given)
        .ok_or_else(|| more_than_it_has(have.into(), given.into(), Amount::People))?;
    let (have, given) = (body.budget_wan, new_body.budget_wan);
    body.budget_wan = have
        .checked_sub(given)
        .ok_or_else(|| more_than_it_has(have, given, Amount::Budget))?;
    body.staffing = staffing;
    for power in powers {
        if s.state.holding(power, id).is_none() {
            let (b, p) = (s.state.body_name(id), power_name(s.state, power));
            return Err(OpError::refused(format!(
                "{b} 不持有 {p}，无从拆出 ({b} does not hold {p})"
            )));
        }
    }
    s.put_body(body);
    s.put_body(new_body.clone());
    for power in powers {
        if let Some(h) = s.state.holding(power, id).cloned() {
            s.remove_holding(power, id);
            s.put_holding(Holding {
                body: new_body.id.clone(),
                ..h
            });
        }
        let acting: Vec<Holding> = s
            .state
            .holdings_of_power(power)
            .filter(|h| matches!(&h.role, Role::Entrusted { by } if by == id))
            .cloned()
            .collect();
        for mut h in acting {
            h.role = Role::Entrusted {
                by: new_body.id.clone(),
            };
            s.put_holding(h);
        }
    }
    Ok(())
}

pub(super) fn abolish_body(s: &mut Stager<'_>, id: &BodyId) -> Result<(), OpError> {
    body_of(s.state, id)?;
    if let Some(child) = s.state.children_of(id).next() {
        return Err(OpError::refused(format!(
            "{id} still has the sub-body {child}; merge or move it first"
        )));
    }
    if let Some(h) = s
        .state
        .holdings()
        .find(|h| matches!(&h.role, Role::Entrusted { by } if by == id))
    {
        return Err(OpError::refused(format!(
            "{} acts for {id} on {}; end that entrustment first",
            h.body, h.power
        )));
    }
    let powers: Vec<PowerId> = s.state.powers_of_body(id).cloned().collect();
    for power in &powers {
        s.remove_holding(power, id);
    }
    s.move_concentration_records(id, None);
    redirect_supervised(s, id, None)?;
    s.remove_body(id);
    Ok(())
}

pub(super) fn move_staffing(
    s: &mut Stager<'_>,
    from: &BodyId,
    to: &BodyId,
    kind: SlotKind,
    count: u32,
    people: u32,
) -> Result<(), OpError> {
    let mut giver = body_of(s.state, from)?.clone();
    let mut taker = body_of(s.state, to)?.clone();
    if from == to {
        return Err(OpError::refused(format!(
            "{from} cannot give slots to itself"
        )));
    }
    if count == 0 {
        return Err(OpError::refused("moving 0 slots changes nothing"));
    }
    let have = giver.staffing.slots_of_mut(kind);
    if *have < count {
        return Err(OpError::Refused(Refusal::TooFewSlots {
            from: from.clone(),
            have: *have,
            kind,
            count,
        }));
    }
    *have -= count;
    let got = taker.staffing.slots_of_mut(kind);
    *got = got
        .checked_add(count)
        .ok_or_else(|| OpError::refused(format!("{to} cannot hold that many slots")))?;
    // 人随编走: the people who fill the slots go with them.
    if people > count {
        return Err(OpError::refused(format!(
            "{people} people cannot move with {count} slots"
        )));
    }
    if giver.staffing.headcount < people {
        return Err(OpError::refused(format!(
            "{from} has {} people and cannot give {people}",
            giver.staffing.headcount
        )));
    }
    giver.staffing.headcount -= people;
    taker.staffing.headcount = taker
        .staffing
        .headcount
        .checked_add(people)
        .ok_or_else(|| OpError::refused(format!("{to} cannot hold that many people")))?;
    s.put_body(giver);
    s.put_body(taker);
    Ok(())
}

pub(super) fn edit_body(s: &mut Stager<'_>, id: &BodyId, edit: &BodyEdit) -> Result<(), OpError> {
    let mut body = body_of(s.state, id)?.clone();
    match edit {
        BodyEdit::Name(name) => {
            if name.trim().is_empty() {
                return Err(OpError::refused("a body needs a name"));
            }
            body.name.clone_from(name);
        }
        BodyEdit::Kind(kind) => body.kind = *kind,
        BodyEdit::Parent(parent) => {
            if let Some(parent) = parent {
                body_of(s.state, parent)?;
                let mut ancestor = Some(parent.clone());
                while let Some(a) = ancestor {
                    if &a == id {
                        return Err(OpError::refused(format!(
                            "{parent} is under {id}; that would make a cycle"
                        )));
                    }
                    ancestor = s.state.body(&a).and_then(|b| b.parent.clone());
                }
            }
            body.parent.clone_from(parent);
        }
        BodyEdit::Tags(tags) => body.tags.clone_from(tags),
        BodyEdit::Staffing(staffing) => body.staffing = *staffing,
        BodyEdit::BudgetWan(budget) => {
            body.budget_wan = *budget;
            require_budget_fits(&body)?;
        }
        BodyEdit::Standing(standing) => body.standing = *standing,
        BodyEdit::Supervisor(supervisor) => {
            if let Some(supervisor) = supervisor {
                body_of(s.state, supervisor)?;
            }
            body.supervisor.clone_from(supervisor);
        }
    }
    s.put_body(body);
    refuse_supervision_cycle(s, id)
}

/// After a change of `id`'s parent or supervisor (or a merge into it): refuses one whose chain
/// of supervising organs now loops (the stager then rolls it back).
pub(super) fn refuse_supervision_cycle(s: &Stager<'_>, id: &BodyId) -> Result<(), OpError> {
    if s.state.supervision_cycle(id) {
        return Err(OpError::refused(format!(
            "{id} would answer to a body that answers to it (主管部门 in a cycle)"
        )));
    }
    Ok(())
}
