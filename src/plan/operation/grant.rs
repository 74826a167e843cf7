//! 赋权 and 收回: a district grants powers to the bodies of its streets (行政处罚法 第24条), and
//! takes them back.
//!
//! A grant is the street's counterpart of a district taking a power from the city: in the
//! receiving street the district's lead bodies stop exercising the power (their holdings exclude
//! the street), and the street body leads it there, its holding carrying the grant (the
//! district body it came from, the province's decision, the date of the evaluation). One
//! operation grants several powers to several streets' bodies at once, so that one undo takes
//! the whole step back; taking back is its inverse.
//!
//! The operation refuses what cannot be a grant at all (a receiver that is not a street body,
//! streets of two districts in one step, a power the district does not lead in the street);
//! what is a grant but not a lawful one (no decision, a licence granted, a street with no staff)
//! is for the rules (`grant-limits`, `grant-capacity`, `grant-bundle`) to say.

use std::collections::BTreeMap;

use super::{OpError, Stager, body_of, power_name, require_power};
use crate::model::{Approval, BodyId, Grant, Holding, JurisdictionId, Level, PowerId, State};

/// The street and the district of a receiving body, or why it cannot receive a grant.
fn street_of(state: &State, body: &BodyId) -> Result<(JurisdictionId, JurisdictionId), OpError> {
    let record = body_of(state, body)?;
    let street = &record.jurisdiction;
    let level = state.jurisdiction(street).map(|j| j.level);
    let district = state.district_of(street);
    match (level, district) {
        (Some(Level::Street), Some(district)) => Ok((street.clone(), district.clone())),
        _ => Err(OpError::refused(format!(
            "赋权只能给街道（乡镇）的机构，{0} 不是 (a grant goes to a street body; {0} is not one)",
            record.name
        ))),
    }
}

/// Refuses a grant by `from` to a body of a street of `district` unless `from` is a body of that
/// district: a district grants its own powers to its own streets, never to another district's.
fn require_own_district(
    state: &State,
    from: &BodyId,
    receiver: &BodyId,
    district: &JurisdictionId,
) -> Result<(), OpError> {
    let granting = body_of(state, from)?;
    if &granting.jurisdiction == district {
        return Ok(());
    }
    let (g, r, theirs) = (
        &granting.name,
        state.body_name(receiver),
        state.jurisdiction_name(district),
    );
    let own = &granting.jurisdiction;
    Err(OpError::refused(
        if state.jurisdiction(own).map(|j| j.level) == Some(Level::District) {
            let own = state.jurisdiction_name(own);
            format!(
                "{g} 是{own}的机构，只能向{own}的街道赋权，{r} 在{theirs} ({g} is a body of {own} and grants only to {own}'s streets; {r} lies in {theirs})"
            )
        } else {
            format!(
                "{g} 不是区的机构：赋权由区的机构给本区街道的机构，{r} 在{theirs} ({g} is no district body: a grant goes from a district body to its own streets' bodies; {r} lies in {theirs})"
            )
        },
    ))
}

/// Refuses a holding that records a grant no district could have made: its holder is not a
/// street body, or the granting body is not a body of the street's district.
pub(super) fn require_grant_makes_sense(state: &State, holding: &Holding) -> Result<(), OpError> {
    let Some(grant) = &holding.grant else {
        return Ok(());
    };
    let (_, district) = street_of(state, &holding.body)?;
    require_own_district(state, &grant.from, &holding.body, &district)
}

/// The ids of the bodies of each of some jurisdictions (districts and streets), in one pass over
/// the bodies: a handful each, so that a power's holders there are found through its few bodies
/// rather than by looking up the body of each of the power's thousand holders.
fn bodies_in<'p>(
    state: &State,
    places: impl IntoIterator<Item = &'p JurisdictionId>,
) -> BTreeMap<&'p JurisdictionId, Vec<BodyId>> {
    let mut bodies: BTreeMap<&JurisdictionId, Vec<BodyId>> =
        places.into_iter().map(|p| (p, Vec::new())).collect();
    for body in state.bodies().values() {
        if let Some(ids) = bodies.get_mut(&body.jurisdiction) {
            ids.push(body.id.clone());
        }
    }
    bodies
}

/// 赋权: grants `powers` to `receivers` (bodies of streets of one district). With `from`, only
/// that district body's holding is the source (a single transfer in 赋权 mode); otherwise every
/// district body that leads the power in the street.
pub(super) fn grant_to_streets(
    s: &mut Stager<'_>,
    powers: &[PowerId],
    receivers: &[BodyId],
    decision: Option<&Approval>,
    evaluate_by: &str,
    from: Option<&BodyId>,
) -> Result<(), OpError> {
    if powers.is_empty() || receivers.is_empty() {
        return Err(OpError::refused(
            "赋权须选定事项和承接的街道机构 (a grant needs powers and street bodies)",
        ));
    }
    let mut streets = Vec::with_capacity(receivers.len());
    for receiver in receivers {
        let (street, district) = street_of(s.state, receiver)?;
        if let Some((_, first)) = streets.first()
            && first != &district
        {
            return Err(OpError::refused(format!(
                "一次赋权只由一个区给本区的街道：{} 与 {} (one grant is one district's, to its own streets)",
                s.state.jurisdiction_name(first),
                s.state.jurisdiction_name(&district)
            )));
        }
        streets.push((street, district));
    }
    if let (Some(from), Some(receiver), Some((_, district))) =
        (from, receivers.first(), streets.first())
    {
        require_own_district(s.state, from, receiver, district)?;
    }
    let district_bodies = streets
        .first()
        .and_then(|(_, district)| bodies_in(s.state, [district]).into_values().next())
        .unwrap_or_default();
    for power in powers {
        require_power(s.state, power)?;
        // The district's lead holdings of the power, looked up once and narrowed street by
        // street; each is staged once, with every street it leaves.
        let mut sources: Vec<Holding> = district_bodies
            .iter()
            .filter(|b| from.is_none_or(|from| from == *b))
            .filter_map(|b| s.state.holding(power, b))
            .filter(|h| h.role.is_lead())
            .cloned()
            .collect();
        let mut granted = Vec::with_capacity(receivers.len());
        for (receiver, (street, district)) in receivers.iter().zip(&streets) {
            let held = s.state.holding(power, receiver);
            if held.is_some_and(|h| h.role.is_lead()) {
                return Err(OpError::refused(format!(
                    "{0} 已主办 {1} ({0} already leads {1})",
                    s.state.body_name(receiver),
                    power_name(s.state, power)
                )));
            }
            // Those that lead in this street: the grant narrows them here.
            let mut here = sources
                .iter_mut()
                .filter(|h| !h.excludes.contains(street))
                .peekable();
            let Some(first) = here.peek() else {
                let (d, st, p) = (
                    s.state.jurisdiction_name(district),
                    s.state.jurisdiction_name(street),
                    power_name(s.state, power),
                );
                return Err(OpError::refused(format!(
                    "{d}在{st}没有主办 {p} 的机构，无从赋权 (no body of {d} leads {p} in {st})"
                )));
            };
            let grant = Grant {
                from: first.body.clone(),
                decision: decision.cloned(),
                evaluate_by: evaluate_by.to_owned(),
            };
            for narrowed in here {
                narrowed.excludes.insert(street.clone());
            }
            granted.push(Holding {
                grant: Some(std::sync::Arc::new(grant)),
                ..Holding::lead(power.clone(), receiver.clone())
            });
        }
        for h in sources.into_iter().chain(granted) {
            s.put_holding(h);
        }
    }
    Ok(())
}

/// 收回: takes `powers` back from `receivers`, each of which must hold them by a grant; the
/// granting district body leads again in that street (unless another body of the street still
/// holds the power by a grant there).
pub(super) fn take_back(
    s: &mut Stager<'_>,
    powers: &[PowerId],
    receivers: &[BodyId],
) -> Result<(), OpError> {
    if powers.is_empty() || receivers.is_empty() {
        return Err(OpError::refused(
            "收回须选定事项和街道机构 (taking back needs powers and street bodies)",
        ));
    }
    // Each receiver's street and district, and the bodies of both, once for the step.
    let places = receivers
        .iter()
        .map(|receiver| street_of(s.state, receiver))
        .collect::<Result<Vec<_>, _>>()?;
    let bodies = bodies_in(s.state, places.iter().flat_map(|(st, d)| [st, d]));
    let places: Vec<(&JurisdictionId, &[BodyId], &[BodyId])> = places
        .iter()
        .map(|(street, district)| (street, &bodies[street][..], &bodies[district][..]))
        .collect();
    for power in powers {
        require_power(s.state, power)?;
        // The district bodies' holdings of the power, as the steps below leave them.
        let mut district: BTreeMap<BodyId, Option<Holding>> = BTreeMap::new();
        for (receiver, (street, in_street, in_district)) in receivers.iter().zip(&places) {
            let grant = s
                .state
                .holding(power, receiver)
                .and_then(|h| h.grant.as_deref().cloned())
                .ok_or_else(|| {
                    let (r, p) = (s.state.body_name(receiver), power_name(s.state, power));
                    OpError::refused(format!("{r} 未经赋权取得 {p} ({r} was not granted {p})"))
                })?;
            s.remove_holding(power, receiver);
            let still_granted = in_street
                .iter()
                .filter_map(|b| s.state.holding(power, b))
                .any(|h| h.grant.is_some());
            if still_granted {
                continue;
            }
            // The district's bodies that the grant narrowed lead in the street again (their
            // holdings looked up once per power, staged once at the end).
            let mut narrowed = false;
            for body in *in_district {
                let held = district
                    .entry(body.clone())
                    .or_insert_with(|| s.state.holding(power, body).cloned());
                if let Some(h) = held
                    && h.role.is_lead()
                    && h.excludes.remove(*street)
                {
                    narrowed = true;
                }
            }
            if !narrowed {
                // The granting body let go of the power since: it takes it back whole.
                body_of(s.state, &grant.from)?;
                district.insert(
                    grant.from.clone(),
                    Some(Holding::lead(power.clone(), grant.from.clone())),
                );
            }
        }
        for h in district.into_values().flatten() {
            s.put_holding(h);
        }
    }
    Ok(())
}
