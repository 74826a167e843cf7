//! Coverage of one power: who leads it in each territory, and the overlaps and gaps there.

use super::PowerCoverage;
use super::area::merge_by_territory;
use super::leads::Leads;
use super::seats::Seats;
use super::territories::{Place, Territories};
use crate::analysis::finding::{Finding, FindingKind, Reason, Severity};
use crate::model::{BodyId, Cases, Holding, PowerId, State};

/// Coverage of one power: linear in its holdings and the territories.
pub(super) fn power_coverage(
    state: &State,
    territories: &Territories,
    power: &PowerId,
    place: impl Fn(&BodyId) -> Option<Place>,
) -> PowerCoverage {
    let holders = Holders::of(state, territories, power, &place, None);
    // About one run per district and per street with its own holder (the rest share).
    let runs = territories.districts.len().max(1) + holders.street.len();
    let mut leads = Leads {
        bodies: Vec::with_capacity(
            holders.city.len() * runs + holders.local.len() + holders.street.len(),
        ),
        stretches: Vec::with_capacity(runs),
        territories: 0,
    };
    let mut findings = Vec::new();
    let mut finding_territories = Vec::new();
    holders.cover(
        territories,
        power,
        0..territories.ids.len(),
        |t, bodies, finding| {
            leads.push_territory(bodies);
            if let Some(finding) = finding {
                findings.push(finding);
                finding_territories.push(t as u32);
            }
        },
    );
    PowerCoverage {
        leads,
        findings: std::sync::Arc::new(findings),
        finding_territories,
    }
}

/// Works out one power's coverage `old` again in the territories `area` only (indexes,
/// ascending), in place, the others kept: what an edit needs whose bodies lie in a few
/// districts. Its findings stay the shared list they were when those of the area are as they
/// were.
pub(super) fn refresh_power_in(
    state: &State,
    territories: &Territories,
    power: &PowerId,
    (place, seats): (impl Fn(&BodyId) -> Option<Place>, Option<&Seats>),
    old: &mut PowerCoverage,
    area: &[u32],
) {
    // Only the holdings that count in the area: a district's elsewhere are passed over (their
    // exclusions are not even read), as are the streets'.
    let mut districts = vec![false; territories.districts.len()];
    for &t in area {
        if let Some(d) = territories.district(t as usize) {
            districts[d] = true;
        }
    }
    let holders = match seats {
        Some(seats) => Holders::seated(state, territories, power, seats, &districts, area),
        None => None,
    }
    .unwrap_or_else(|| Holders::of(state, territories, power, &place, Some((&districts, area))));
    let mut changed: Vec<(u32, Vec<BodyId>)> = Vec::with_capacity(area.len());
    let mut found: Vec<(u32, Finding)> = Vec::new();
    holders.cover(
        territories,
        power,
        area.iter().map(|&t| t as usize),
        |t, bodies, finding| {
            let t = t as u32;
            changed.push((t, bodies.iter().map(|b| (*b).clone()).collect()));
            found.extend(finding.map(|f| (t, f)));
        },
    );
    old.leads.splice(&changed);
    let in_area = |t: &u32| area.binary_search(t).is_ok();
    let was: Vec<(u32, &Finding)> = old
        .finding_territories
        .iter()
        .zip(old.findings.iter())
        .filter(|(t, _)| in_area(t))
        .map(|(t, f)| (*t, f))
        .collect();
    let same = was.len() == found.len()
        && was
            .iter()
            .zip(&found)
            .all(|((t, f), (u, g))| t == u && *f == g);
    if same {
        return;
    }
    // The findings outside the area as they were, those inside as found, in territory order.
    let kept = old
        .finding_territories
        .iter()
        .zip(old.findings.iter())
        .filter(|(t, _)| !in_area(t))
        .map(|(t, f)| (*t, f.clone()));
    let (finding_territories, findings) = merge_by_territory(kept, found);
    old.findings = std::sync::Arc::new(findings);
    old.finding_territories = finding_territories;
}

/// A power's lead holdings, by body id: the city's; the districts' with their district; the
/// streets' with their street. City and district holdings come with the territories they leave
/// out.
struct Holders<'s> {
    city: Vec<(&'s Holding, Skips)>,
    local: Vec<(u32, &'s Holding, Skips)>,
    street: Vec<(u32, &'s Holding)>,
    /// Each district's lead holdings, a range of `local` (found once, not searched for in each
    /// of its streets).
    district_range: Vec<std::ops::Range<usize>>,
}

impl<'s> Holders<'s> {
    fn of(
        state: &'s State,
        territories: &Territories,
        power: &PowerId,
        place: &impl Fn(&BodyId) -> Option<Place>,
        only: Option<(&[bool], &[u32])>,
    ) -> Self {
        let mut city: Vec<(&Holding, Skips)> = Vec::new();
        let mut local: Vec<(u32, &Holding, Skips)> = Vec::new();
        let mut street: Vec<(u32, &Holding)> = Vec::new();
        for holding in state.holdings_of_power(power) {
            if !holding.role.is_lead() {
                continue;
            }
            match place(&holding.body) {
                Some(Place::City) => city.push((holding, Skips::of_city(holding, territories))),
                Some(Place::District(d))
                    if only.is_none_or(|(districts, _)| districts[d as usize]) =>
                {
                    local.push((d, holding, Skips::of_district(holding, territories)));
                }
                Some(Place::Street(t))
                    if only.is_none_or(|(_, area)| area.binary_search(&t).is_ok()) =>
                {
                    street.push((t, holding));
                }
                // Outside the area (worked out again only there), or nowhere.
                Some(Place::District(_) | Place::Street(_) | Place::Nowhere) | None => {}
            }
        }
        // By district and by street, each one's bodies still by id (a stable sort).
        local.sort_by_key(|(d, _, _)| *d);
        street.sort_by_key(|(t, _)| *t);
        let mut district_range = vec![0..0; territories.districts.len()];
        let mut from = 0;
        while let Some(&(d, _, _)) = local.get(from) {
            let to = from + local[from..].iter().take_while(|(x, _, _)| *x == d).count();
            if let Some(range) = district_range.get_mut(d as usize) {
                *range = from..to;
            }
            from = to;
        }
        Self {
            city,
            local,
            street,
            district_range,
        }
    }

    /// [`Holders::of`] an area's districts (`districts`, by index) and streets (`area`), read
    /// from the holdings of the bodies seated there and in the city, each looked up among the
    /// power's holders: `None` when there are more such bodies than holders (a walk is then
    /// cheaper). The same holders in the same order as [`Holders::of`] finds them.
    fn seated(
        state: &'s State,
        territories: &Territories,
        power: &PowerId,
        seats: &Seats,
        districts: &[bool],
        area: &[u32],
    ) -> Option<Self> {
        let in_districts = (0..districts.len())
            .filter(|&d| districts[d])
            .filter_map(|d| u32::try_from(d).ok());
        let bodies = seats.city().len()
            + in_districts
                .clone()
                .map(|d| seats.district(d).len())
                .sum::<usize>()
            + area.iter().map(|&t| seats.street(t).len()).sum::<usize>();
        if bodies > state.holder_count(power) {
            return None;
        }
        let lead = |body: &BodyId| state.holding(power, body).filter(|h| h.role.is_lead());
        let city = seats
            .city()
            .iter()
            .filter_map(lead)
            .map(|h| (h, Skips::of_city(h, territories)))
            .collect();
        let mut local: Vec<(u32, &Holding, Skips)> = Vec::new();
        let mut district_range = vec![0..0; territories.districts.len()];
        for d in in_districts {
            let from = local.len();
            local.extend(
                seats
                    .district(d)
                    .iter()
                    .filter_map(lead)
                    .map(|h| (d, h, Skips::of_district(h, territories))),
            );
            if let Some(range) = district_range.get_mut(d as usize) {
                *range = from..local.len();
            }
        }
        let street = area
            .iter()
            .flat_map(|&t| seats.street(t).iter().filter_map(lead).map(move |h| (t, h)))
            .collect();
        Some(Self {
            city,
            local,
            street,
            district_range,
        })
    }

    /// Works out the territories `each` (ascending) in turn: `sink` gets each one's index, its
    /// lead bodies (sorted) and its finding, if any.
    fn cover(
        mut self,
        territories: &Territories,
        power: &PowerId,
        each: impl Iterator<Item = usize>,
        mut sink: impl FnMut(usize, &[&BodyId], Option<Finding>),
    ) {
        let ids = &territories.ids;
        let mut street = self.street.as_slice();
        let mut here: Vec<&Holding> = Vec::new();
        let mut bodies: Vec<&BodyId> = Vec::new();
        for t in each {
            let territory = &ids[t];
            let district = territories.district(t);
            here.clear();
            // The city's, but where it excludes the territory or (for a street) its district.
            here.extend(
                self.city
                    .iter_mut()
                    .filter_map(|(h, skips)| (!skips.skips(t)).then_some(*h)),
            );
            // The district's, but in the streets it excludes.
            if let Some(range) = district.and_then(|d| self.district_range.get(d)) {
                here.extend(
                    self.local[range.clone()]
                        .iter_mut()
                        .filter_map(|(_, h, skips)| (!skips.skips(t)).then_some(*h)),
                );
            }
            // The street's own (those of territories passed over are skipped).
            let before = street.iter().take_while(|(x, _)| (*x as usize) < t).count();
            street = &street[before..];
            let own = street.iter().take_while(|(x, _)| *x as usize == t).count();
            let (mine, rest) = street.split_at(own);
            street = rest;
            here.extend(mine.iter().map(|(_, h)| *h));
            // Each body has one place, so no body comes twice; by id, as the leads are kept.
            here.sort_unstable_by(|a, b| a.body.cmp(&b.body));
            let mut tiers = Tiers::default();
            bodies.clear();
            for h in &here {
                tiers.add(h);
                bodies.push(&h.body);
            }
            let finding = tiers.verdict().map(|(kind, severity, reason)| Finding {
                kind,
                severity,
                power: Some(power.clone()),
                jurisdiction: Some(territory.clone()),
                bodies: bodies.iter().map(|b| (*b).clone()).collect(),
                rule: None,
                reason,
            });
            sink(t, &bodies, finding);
        }
    }
}

/// The territories one lead holding leaves out (its exclusions, as territory indexes, ascending),
/// asked about in territory order: a check per territory is a step of a cursor, not a search of
/// the holding's exclusions by name (a city holding that excludes 90 districts, asked about
/// each of 1,350 streets, compared strings 20,000 times).
struct Skips {
    territories: Vec<u32>,
    next: usize,
}

impl Skips {
    /// A city body's holding: it leaves out each territory it excludes, and every territory of
    /// a district it excludes.
    fn of_city(holding: &Holding, territories: &Territories) -> Self {
        let mut skipped = Vec::new();
        for place in &holding.excludes {
            if let Some(t) = territories.territory(place) {
                skipped.push(t as u32);
            }
            if let Some(d) = territories.district_index(place) {
                skipped.extend_from_slice(territories.of_district(d));
            }
        }
        Self::new(skipped)
    }

    /// A district body's holding: it leaves out the streets it excludes (赋权 granted the power
    /// there), never its district itself.
    fn of_district(holding: &Holding, territories: &Territories) -> Self {
        let skipped = holding
            .excludes
            .iter()
            .filter_map(|place| territories.territory(place))
            .filter(|&t| territories.is_street(t))
            .map(|t| t as u32)
            .collect();
        Self::new(skipped)
    }

    fn new(mut territories: Vec<u32>) -> Self {
        territories.sort_unstable();
        territories.dedup();
        Self {
            territories,
            next: 0,
        }
    }

    /// Whether the holding leaves out the territory at `t`; asked with `t` never decreasing.
    fn skips(&mut self, t: usize) -> bool {
        let t = t as u32;
        while self.territories.get(self.next).is_some_and(|&s| s < t) {
            self.next += 1;
        }
        self.territories.get(self.next) == Some(&t)
    }
}

/// How many leads of a (power, territory) take every case, and how many only one tier.
#[derive(Default)]
struct Tiers {
    every: usize,
    major: usize,
    ordinary: usize,
}

impl Tiers {
    fn add(&mut self, holding: &Holding) {
        match holding.cases {
            None => self.every += 1,
            Some(Cases::Major) => self.major += 1,
            Some(Cases::Ordinary) => self.ordinary += 1,
        }
    }

    /// The finding these leads make, if any.
    fn verdict(&self) -> Option<(FindingKind, Severity, Reason)> {
        let Tiers {
            every,
            major,
            ordinary,
        } = *self;
        let declared = major + ordinary;
        if every >= 2 || (every == 1 && declared > 0) || major >= 2 || ordinary >= 2 {
            Some((FindingKind::Overlap, Severity::Warning, Reason::Overlap))
        } else if every == 1 || (major == 1 && ordinary == 1) {
            None
        } else if declared == 0 {
            Some((FindingKind::Gap, Severity::Error, Reason::Gap))
        } else {
            let missing = if major == 0 {
                Cases::Major
            } else {
                Cases::Ordinary
            };
            Some((
                FindingKind::Gap,
                Severity::Error,
                Reason::TierGap { missing },
            ))
        }
    }
}
