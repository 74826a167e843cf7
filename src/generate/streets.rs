//! The streets of a generated province (issue 15): N streets per district, each with a street
//! office staffed for what it was granted, and each granted its own subset (差异化赋权) of its
//! district's penalty matters, with the matters' inspections and coercive measures. The streets
//! draw from a generator of their own, so the districts' draws stay as they were.

use std::collections::BTreeSet;

use super::{
    DistrictLead, GRANT_EVALUATE_BY, GenerateOptions, SplitMix64, StreetOptions, grant_decision,
};
use crate::model::{
    Body, BodyId, BodyKind, Grant, Holding, Jurisdiction, JurisdictionId, Level, PowerId,
    PowerKind, Staffing, StateRecords,
};

/// Items a generated street office's staff is sized for, per person (the `grant-capacity` rule's
/// default threshold is 30).
const STREET_ITEMS_PER_PERSON: usize = 15;

/// The independent seed of the streets' generator: the districts' draws stay as they were.
const STREET_SEED: u64 = 0x5354_5245_4554_5321;

/// The streets of each district, their offices and their grants (see the module doc). `leads`
/// holds each (power, district)'s lead holding, power-major; the holdings are not sorted yet.
pub(super) fn add_streets(
    records: &mut StateRecords,
    options: &GenerateOptions,
    streets: &StreetOptions,
    districts: &[JurisdictionId],
    leads: &[Option<DistrictLead>],
) {
    let mut rng = SplitMix64::new(options.seed ^ STREET_SEED);
    let grantable = |k: PowerKind| {
        matches!(
            k,
            PowerKind::Penalty | PowerKind::Inspection | PowerKind::Coercion
        )
    };
    // The powers are P000000… in order, three to a matter (`m{p / 3}`).
    let kinds: Vec<PowerKind> = records.powers.iter().map(|p| p.kind).collect();
    let codes: Vec<PowerId> = records.powers.iter().map(|p| p.code.clone()).collect();
    let decision = grant_decision();
    let tags = BTreeSet::from(["城建".to_owned(), "街道".to_owned()]);
    let mut matter: Vec<usize> = Vec::with_capacity(3);
    // Per district: the matters a street may be granted, each its grantable led powers.
    let mut grantable_matters: Vec<(usize, usize)> = Vec::new();
    let mut matter_powers: Vec<usize> = Vec::new();
    for (d, district) in districts.iter().enumerate() {
        let lead_of = |p: usize| leads.get(p * districts.len() + d).copied().flatten();
        grantable_matters.clear();
        matter_powers.clear();
        for first in (0..codes.len()).step_by(3) {
            matter.clear();
            matter.extend(
                (first..(first + 3).min(codes.len()))
                    .filter(|&p| grantable(kinds[p]) && lead_of(p).is_some()),
            );
            if matter.iter().any(|&p| kinds[p] == PowerKind::Penalty) {
                let start = matter_powers.len();
                matter_powers.extend_from_slice(&matter);
                grantable_matters.push((start, matter_powers.len()));
            }
        }
        let district_no = d + 1;
        for s in 1..=streets.per_district {
            let street = JurisdictionId::new(format!("{district}-s{s:02}"));
            records.jurisdictions.push(Jurisdiction {
                id: street.clone(),
                name: format!("第{s}街道"),
                level: Level::Street,
                parent: Some(district.clone()),
            });
            let office = BodyId::new(format!("{district}-s{s:02}-jd"));
            let mut items = 0usize;
            for &(start, end) in &grantable_matters {
                if rng.unit() >= streets.grant_rate {
                    continue;
                }
                for &p in &matter_powers[start..end] {
                    let Some(lead) = lead_of(p) else {
                        continue;
                    };
                    let at = lead.index as usize;
                    let Some(from) = records.holdings.get_mut(at).map(|h| {
                        h.excludes.insert(street.clone());
                        h.body.clone()
                    }) else {
                        continue;
                    };
                    if lead.overlap
                        && let Some(h) = records.holdings.get_mut(at + 1)
                    {
                        h.excludes.insert(street.clone());
                    }
                    records.holdings.push(Holding {
                        grant: Some(std::sync::Arc::new(Grant {
                            from,
                            decision: Some(decision.clone()),
                            evaluate_by: GRANT_EVALUATE_BY.to_owned(),
                        })),
                        ..Holding::lead(codes[p].clone(), office.clone())
                    });
                    items += 1;
                }
            }
            // Staffed for its items: 行政编制 and people enough that `grant-capacity` stays quiet.
            let people = (items.div_ceil(STREET_ITEMS_PER_PERSON) + 3) as u32;
            records.bodies.push(Body {
                id: office,
                name: format!("第{district_no}区第{s}街道办事处"),
                kind: BodyKind::Admin,
                jurisdiction: street,
                parent: None,
                tags: tags.clone(),
                staffing: Staffing {
                    admin: people,
                    institution: people / 3,
                    headcount: people,
                },
                budget_wan: u64::from(people) * 25,
                standing: None,
                supervisor: None,
            });
        }
    }
}
