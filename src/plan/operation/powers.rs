//! The operations on powers and holdings: transfer (划转 / 委托 / 授权 / 相对集中), edit one
//! attribute, set or end a holding, remove a power.

use crate::model::{
    Approval, BodyId, Change, Holding, JurisdictionId, Level, PowerId, Receipt, Role,
};

#[allow(clippy::wildcard_imports)]
use super::*;

pub(super) fn transfer_power(
    s: &mut Stager<'_>,
    power: &PowerId,
    from: &BodyId,
    to: &BodyId,
    mode: TransferMode,
    approval: Option<&Approval>,
) -> Result<(), OpError> {
    require_power(s.state, power)?;
    let from_body = body_of(s.state, from)?.clone();
    let to_body = body_of(s.state, to)?.clone();
    if from == to {
        return Err(OpError::refused(format!(
            "{from} cannot transfer to itself"
        )));
    }
    let source = s
        .state
        .holding(power, from)
        .filter(|h| h.role.is_lead())
        .cloned()
        .ok_or_else(|| {
            OpError::Refused(Refusal::NotLead {
                from: s.state.body_name(from),
                power: power_name(s.state, power),
                mode,
            })
        })?;
    let level = |j: &JurisdictionId| s.state.jurisdiction(j).map(|j| j.level);
    let from_level = level(&from_body.jurisdiction);
    let to_level = level(&to_body.jurisdiction);
    let target_before = s.state.holding(power, to).cloned();

    if mode == TransferMode::Entrust {
        if target_before.as_ref().is_some_and(|h| h.role.is_lead()) {
            return Err(OpError::refused(format!("{to} already leads {power}")));
        }
        s.put_holding(Holding {
            role: Role::Entrusted { by: from.clone() },
            ..Holding::lead(power.clone(), to.clone())
        });
        return Ok(());
    }
    if mode == TransferMode::Grant {
        // One power to one street body: the district body `from` is narrowed by the street.
        return grant::grant_to_streets(
            s,
            std::slice::from_ref(power),
            std::slice::from_ref(to),
            approval,
            "",
            Some(from),
        );
    }

    take_lead(s, power, to, to_level, &from_body, &source, target_before);

    // The source: a district that takes a power narrows the city's holding by that district;
    // otherwise the source lets go. 赋权 leaves the district's own holding in place.
    let narrowing_district = match (from_level, to_level) {
        (Some(Level::City), Some(Level::District | Level::Street)) => {
            s.state.district_of(&to_body.jurisdiction).cloned()
        }
        _ => None,
    };
    if let Some(district) = &narrowing_district
        && source.excludes.contains(district)
    {
        return Err(OpError::refused(format!(
            "{from} does not lead {power} in {district}, so it cannot hand it over there"
        )));
    }
    if mode != TransferMode::Grant {
        let_go(s, source, to, narrowing_district.as_ref());
    }
    // A concentration bars the source. Where the source is a city body that only lets go of one
    // district, the exclusion itself is the bar: the body rightly goes on leading elsewhere.
    // The receiver is recorded with the decision, so that the rules can see who received what
    // and on whose approval; where the source only lets go of one district, it is barred there.
    if mode == TransferMode::Concentrate {
        match &narrowing_district {
            None => s.set_barred(power, from, true),
            Some(district) => s.set_barred_in(power, from, district, true),
        }
        s.set_receipt(
            power,
            to,
            Some(Receipt {
                approval: approval.cloned(),
            }),
        );
    }
    Ok(())
}

/// The target of a transfer leads where the source led, and no further: a city body that takes
/// a power from another city body covers the source's territory (as well as its own, if it led
/// already); from a district's body, that district (as well as its own territory).
fn take_lead(
    s: &mut Stager<'_>,
    power: &PowerId,
    to: &BodyId,
    to_level: Option<Level>,
    from_body: &Body,
    source: &Holding,
    target_before: Option<Holding>,
) {
    let was_lead = target_before.as_ref().is_some_and(|h| h.role.is_lead());
    let mut target = target_before.unwrap_or_else(|| Holding::lead(power.clone(), to.clone()));
    target.role = Role::Lead;
    if to_level == Some(Level::City) {
        match s.state.district_of(&from_body.jurisdiction).cloned() {
            Some(district) => {
                if !was_lead {
                    target.excludes = s.state.districts().map(|d| d.id.clone()).collect();
                }
                target.excludes.remove(&district);
            }
            None if was_lead => {
                target.excludes = target
                    .excludes
                    .intersection(&source.excludes)
                    .cloned()
                    .collect();
            }
            None => target.excludes.clone_from(&source.excludes),
        }
    }
    if !was_lead {
        target.cases = source.cases;
    }
    s.put_holding(target);
}

/// The source of a transfer lets go: narrowed by the district that took the power (and gone
/// where that leaves it nothing), or gone; the bodies it entrusted then act for the target.
fn let_go(
    s: &mut Stager<'_>,
    source: Holding,
    to: &BodyId,
    narrowing_district: Option<&JurisdictionId>,
) {
    let (power, from) = (&source.power.clone(), &source.body.clone());
    match narrowing_district.cloned() {
        Some(district) => {
            let mut narrowed = source;
            narrowed.excludes.insert(district);
            let districts_left = s
                .state
                .districts()
                .filter(|d| !narrowed.excludes.contains(&d.id))
                .count();
            if districts_left == 0 {
                s.remove_holding(power, from);
            } else {
                s.put_holding(narrowed);
            }
        }
        None => s.remove_holding(power, from),
    }
    // Bodies entrusted by the source now act for the target.
    let entrusted: Vec<Holding> = s
        .state
        .holdings_of_power(power)
        .filter(|h| matches!(&h.role, Role::Entrusted { by } if by == from))
        .cloned()
        .collect();
    if s.state.holding(power, from).is_none() {
        for mut h in entrusted {
            if &h.body == to {
                continue;
            }
            h.role = Role::Entrusted { by: to.clone() };
            s.put_holding(h);
        }
    }
}

pub(super) fn edit_power(
    s: &mut Stager<'_>,
    id: &PowerId,
    edit: &PowerEdit,
) -> Result<(), OpError> {
    let mut power = s
        .state
        .power(id)
        .cloned()
        .ok_or_else(|| OpError::NoPower(id.clone()))?;
    match edit {
        PowerEdit::Name(name) => {
            if name.trim().is_empty() {
                return Err(OpError::refused("a power needs a name"));
            }
            power.name.clone_from(name);
        }
        PowerEdit::Kind(kind) => power.kind = *kind,
        PowerEdit::Field(field) => power.field.clone_from(field),
        PowerEdit::Basis(basis) => power.basis.clone_from(basis),
        PowerEdit::Matter(matter) => power.matter.clone_from(matter),
    }
    let before = s.state.power(id).cloned().map(Box::new);
    s.push(Change::Power {
        id: id.clone(),
        before,
        after: Some(Box::new(power)),
    });
    Ok(())
}

pub(super) fn set_holding(s: &mut Stager<'_>, holding: &Holding) -> Result<(), OpError> {
    require_power(s.state, &holding.power)?;
    body_of(s.state, &holding.body)?;
    if holding.cases.is_some() && !holding.role.is_lead() {
        return Err(OpError::refused(
            "only a lead holding takes a tier of cases (分级管辖)",
        ));
    }
    if let Role::Entrusted { by } = &holding.role {
        if by == &holding.body {
            return Err(OpError::refused("a body cannot entrust itself"));
        }
        body_of(s.state, by)?;
    }
    for excluded in &holding.excludes {
        match s.state.jurisdiction(excluded) {
            Some(j) if j.level != Level::City => {}
            Some(_) => {
                return Err(OpError::refused(format!(
                    "{excluded} is not a district or a street"
                )));
            }
            None => return Err(OpError::NoJurisdiction(excluded.clone())),
        }
    }
    grant::require_grant_makes_sense(s.state, holding)?;
    if s.state.holding(&holding.power, &holding.body) == Some(holding) {
        return Err(OpError::refused("the holding is already so"));
    }
    s.put_holding(holding.clone());
    Ok(())
}

pub(super) fn remove_power(s: &mut Stager<'_>, id: &PowerId) -> Result<(), OpError> {
    let power = s
        .state
        .power(id)
        .cloned()
        .ok_or_else(|| OpError::NoPower(id.clone()))?;
    let holders: Vec<BodyId> = s
        .state
        .holdings_of_power(id)
        .map(|h| h.body.clone())
        .collect();
    for body in holders {
        s.remove_holding(id, &body);
    }
    let barred: Vec<BodyId> = s.state.barred_from(id).cloned().collect();
    for body in barred {
        s.set_barred(id, &body, false);
    }
    let barred_in: Vec<(BodyId, JurisdictionId)> = s
        .state
        .barred_in_districts(id)
        .flat_map(|(b, districts)| districts.iter().map(move |d| (b.clone(), d.clone())))
        .collect();
    for (body, district) in barred_in {
        s.set_barred_in(id, &body, &district, false);
    }
    let receivers: Vec<BodyId> = s.state.receivers_of(id).map(|(b, _)| b.clone()).collect();
    for body in receivers {
        s.set_receipt(id, &body, None);
    }
    s.push(Change::Power {
        id: id.clone(),
        before: Some(Box::new(power)),
        after: None,
    });
    Ok(())
}
