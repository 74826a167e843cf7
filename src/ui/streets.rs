//! Streets for the window, without egui: which streets a district has and which bodies sit in
//! them, which powers a district can grant (赋权, 行政处罚法 第24条) to which streets' bodies, what
//! stands in the way of a grant before it is sent, and which powers a street body holds by a
//! grant (for 收回). The grant dialog, the lanes, the matrix and the inspector read these; they
//! are plain functions of the [`State`] so that they are tested without a window.
//!
//! Nothing here is window-specific but the choice of defaults (which street body receives by
//! default); [`candidates`], [`check`] and [`granted`] could move to `crate::analysis` or
//! `crate::plan` beside `Operation::GrantToStreets` if the CLI or the exports come to need them.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{
    Body, BodyId, BodyKind, Holding, JurisdictionId, Level, PowerId, PowerKind, State,
};
use crate::text::Lang;

/// The kinds of power a district may grant to its streets: penalties, with the inspections and
/// coercive measures of the same matters (第24条; the `grant-bundle` rule asks for them together).
pub const GRANTABLE_KINDS: [PowerKind; 3] = [
    PowerKind::Penalty,
    PowerKind::Inspection,
    PowerKind::Coercion,
];

/// The streets of a district, sorted by id.
pub fn streets_of<'s>(state: &'s State, district: &'s JurisdictionId) -> Vec<&'s JurisdictionId> {
    state.streets_of(district).collect()
}

/// Every district that has streets, with its streets, both sorted by id.
pub fn districts_with_streets(state: &State) -> BTreeMap<&JurisdictionId, Vec<&JurisdictionId>> {
    let mut out: BTreeMap<&JurisdictionId, Vec<&JurisdictionId>> = BTreeMap::new();
    for j in state.jurisdictions().values() {
        if j.level == Level::Street
            && let Some(parent) = &j.parent
            && state
                .jurisdiction(parent)
                .is_some_and(|p| p.level == Level::District)
        {
            out.entry(parent).or_default().push(&j.id);
        }
    }
    out
}

/// The bodies of one jurisdiction, sorted by id.
pub fn bodies_in<'s>(state: &'s State, jurisdiction: &'s JurisdictionId) -> Vec<&'s Body> {
    state.bodies_in(jurisdiction).collect()
}

/// The body of a street that receives a grant unless the user picks another: one that already
/// holds granted powers, else an enforcement team (综合行政执法队), else an organ (the street
/// office), else the first.
pub fn default_receiver(state: &State, street: &JurisdictionId) -> Option<BodyId> {
    let bodies = bodies_in(state, street);
    let holds_grants = |b: &&&Body| state.holdings_of_body(&b.id).any(|h| h.grant.is_some());
    bodies
        .iter()
        .find(holds_grants)
        .or_else(|| bodies.iter().find(|b| b.kind == BodyKind::Enforcement))
        .or_else(|| bodies.iter().find(|b| b.kind == BodyKind::Admin))
        .or_else(|| bodies.first())
        .map(|b| b.id.clone())
}

/// A power the district could grant: its district bodies lead it in some of its streets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The power.
    pub power: PowerId,
    /// Its field (领域), for grouping.
    pub field: String,
    /// Its kind (one of [`GRANTABLE_KINDS`]).
    pub kind: PowerKind,
    /// Its name.
    pub name: String,
    /// The streets where a district body still leads it (not granted there yet).
    pub led_in: BTreeSet<JurisdictionId>,
    /// The streets where a street body holds it by a grant already.
    pub granted_in: BTreeSet<JurisdictionId>,
}

/// The powers of [`GRANTABLE_KINDS`] that `district`'s bodies lead in at least one of its
/// streets or that its streets hold by a grant, sorted by field, then code. Reads the holdings
/// of the district's bodies and of its streets' bodies only, not every holding of the plan.
pub fn candidates(state: &State, district: &JurisdictionId) -> Vec<Candidate> {
    let streets: Vec<&JurisdictionId> = streets_of(state, district);
    let mut by_power: BTreeMap<&PowerId, Candidate> = BTreeMap::new();
    let mut add = |h: &Holding, led: &[&JurisdictionId], granted: Option<&JurisdictionId>| {
        let Some(power) = state.power(&h.power) else {
            return;
        };
        if !GRANTABLE_KINDS.contains(&power.kind) {
            return;
        }
        let c = by_power.entry(&power.code).or_insert_with(|| Candidate {
            power: power.code.clone(),
            field: power.field.clone(),
            kind: power.kind,
            name: power.name.clone(),
            led_in: BTreeSet::new(),
            granted_in: BTreeSet::new(),
        });
        c.led_in.extend(led.iter().map(|s| (*s).clone()));
        c.granted_in.extend(granted.cloned());
    };
    for body in bodies_in(state, district) {
        for h in state.holdings_of_body(&body.id) {
            if !h.role.is_lead() {
                continue;
            }
            let still: Vec<&JurisdictionId> = streets
                .iter()
                .copied()
                .filter(|s| !h.excludes.contains(*s))
                .collect();
            if !still.is_empty() {
                add(h, &still, None);
            }
        }
    }
    for street in &streets {
        for body in bodies_in(state, street) {
            for h in state.holdings_of_body(&body.id) {
                if h.grant.is_some() {
                    add(h, &[], Some(street));
                }
            }
        }
    }
    let mut out: Vec<Candidate> = by_power.into_values().collect();
    out.sort_by(|a, b| (&a.field, &a.power).cmp(&(&b.field, &b.power)));
    out
}

/// Something that keeps a grant from being made as chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// No power chosen.
    NoPowers,
    /// No street body chosen.
    NoReceivers,
    /// The body is not a street's.
    NotStreetBody(BodyId),
    /// Two receivers of one street: a power goes to one body per street.
    TwoInOneStreet(JurisdictionId),
    /// Receivers in streets of two districts.
    TwoDistricts,
    /// No district body leads the power in the street (granted there already, or never led).
    NotLed {
        /// The power.
        power: PowerId,
        /// The street.
        street: JurisdictionId,
    },
    /// The receiver leads the power already.
    AlreadyLeads {
        /// The power.
        power: PowerId,
        /// The receiver.
        body: BodyId,
    },
}

impl Problem {
    /// The power a problem is about, if one: dropping it from the choice removes the problem.
    pub fn power(&self) -> Option<&PowerId> {
        match self {
            Problem::NotLed { power, .. } | Problem::AlreadyLeads { power, .. } => Some(power),
            _ => None,
        }
    }
}

/// What keeps `Operation::GrantToStreets` of `powers` to `receivers` from applying, in the
/// operation's own terms (`src/plan/operation/grant.rs`), found before it is sent so that the
/// dialog can say it by name; empty when the grant can be made.
pub fn check(state: &State, powers: &[PowerId], receivers: &[BodyId]) -> Vec<Problem> {
    check_with(state, powers, receivers, |power, district, street| {
        state.holdings_of_power(power).any(|h| {
            h.role.is_lead()
                && !h.excludes.contains(street)
                && state
                    .body(&h.body)
                    .is_some_and(|b| &b.jurisdiction == district)
        })
    })
}

/// [`check`], with `led(power, district, street)` saying whether a body of the district leads
/// the power in the street: the dialog answers it from its [`Candidate`]s rather than from
/// every holding of each power, once per frame.
pub fn check_with(
    state: &State,
    powers: &[PowerId],
    receivers: &[BodyId],
    led: impl Fn(&PowerId, &JurisdictionId, &JurisdictionId) -> bool,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    if powers.is_empty() {
        problems.push(Problem::NoPowers);
    }
    if receivers.is_empty() {
        problems.push(Problem::NoReceivers);
    }
    let mut streets: Vec<(&BodyId, &JurisdictionId)> = Vec::new();
    let mut districts = BTreeSet::new();
    for receiver in receivers {
        let street = state.body(receiver).map(|b| &b.jurisdiction).filter(|j| {
            state
                .jurisdiction(j)
                .is_some_and(|j| j.level == Level::Street)
        });
        match street.and_then(|s| Some((s, state.district_of(s)?))) {
            Some((street, district)) => {
                if streets.iter().any(|(_, s)| *s == street) {
                    problems.push(Problem::TwoInOneStreet(street.clone()));
                }
                streets.push((receiver, street));
                districts.insert(district);
            }
            None => problems.push(Problem::NotStreetBody(receiver.clone())),
        }
    }
    if districts.len() > 1 {
        problems.push(Problem::TwoDistricts);
    }
    let Some(district) = districts.first().copied() else {
        return problems;
    };
    for power in powers {
        for (receiver, street) in &streets {
            if state
                .holding(power, receiver)
                .is_some_and(|h| h.role.is_lead())
            {
                problems.push(Problem::AlreadyLeads {
                    power: power.clone(),
                    body: (*receiver).clone(),
                });
                continue;
            }
            if !led(power, district, street) {
                problems.push(Problem::NotLed {
                    power: power.clone(),
                    street: (*street).clone(),
                });
            }
        }
    }
    problems
}

/// The holdings a body holds by a grant (赋权), sorted by power.
pub fn granted<'s>(state: &'s State, body: &'s BodyId) -> Vec<&'s Holding> {
    state
        .holdings_of_body(body)
        .filter(|h| h.grant.is_some())
        .collect()
}

/// Whether a body sits in a street.
pub fn is_street_body(state: &State, body: &BodyId) -> bool {
    state.level_of_body(body) == Some(Level::Street)
}

/// The district a grant from this body's place would be made in: a street body's district, a
/// district body's own; `None` for a city body or a district without streets.
pub fn grant_district_of_body(state: &State, body: &BodyId) -> Option<JurisdictionId> {
    let b = state.body(body)?;
    let district = state.district_of(&b.jurisdiction)?.clone();
    (!streets_of(state, &district).is_empty()).then_some(district)
}

/// Whether `text` is a date as the evaluation date is written (2027-06-30), or empty.
pub fn is_date_or_empty(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() {
        return true;
    }
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y, m, d] => {
            number(y, 4).is_some()
                && number(m, 2).is_some_and(|m| (1..=12).contains(&m))
                && number(d, 2).is_some_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    }
}

/// The part of a refusal in the user's language: the operations write a refusal as
/// 「中文 (English)」 when they give both, and that is cut at the last " (" here; a refusal in one
/// language is shown as it is.
pub fn in_language(message: &str, lang: Lang) -> &str {
    let has_cjk = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let Some(open) = message.rfind(" (") else {
        return message;
    };
    let (zh, rest) = message.split_at(open);
    let Some(en) = rest.strip_prefix(" (").and_then(|r| r.strip_suffix(')')) else {
        return message;
    };
    if !has_cjk(zh) || has_cjk(en) {
        return message;
    }
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Jurisdiction, Power, Staffing, StateRecords};

    fn place(id: &str, level: Level, parent: Option<&str>) -> Jurisdiction {
        Jurisdiction {
            id: id.into(),
            name: id.into(),
            level,
            parent: parent.map(Into::into),
        }
    }

    fn body(id: &str, jurisdiction: &str, kind: BodyKind) -> Body {
        Body {
            id: id.into(),
            name: id.into(),
            kind,
            jurisdiction: jurisdiction.into(),
            parent: None,
            tags: BTreeSet::new(),
            staffing: Staffing::default(),
            budget_wan: 0,
            standing: None,
            supervisor: None,
        }
    }

    fn power(code: &str, kind: PowerKind) -> Power {
        Power {
            main_item: None,
            duties: String::new(),
            accountability: String::new(),
            code: code.into(),
            name: code.into(),
            kind,
            field: "市容环卫".into(),
            basis: String::new(),
            matter: None,
        }
    }

    /// District a with streets e and w (an office and a team in e, an office in w); P1 and P2
    /// penalties and L1 a licence, all led by a's bureau; P2 granted in w already.
    fn state() -> State {
        let mut p2 = Holding::lead("P2".into(), "ab".into());
        p2.excludes.insert("w".into());
        let mut granted = Holding::lead("P2".into(), "w-office".into());
        granted.grant = Some(std::sync::Arc::new(crate::model::Grant {
            from: "ab".into(),
            decision: None,
            evaluate_by: String::new(),
        }));
        State::from_records(StateRecords {
            jurisdictions: vec![
                place("city", Level::City, None),
                place("a", Level::District, Some("city")),
                place("e", Level::Street, Some("a")),
                place("w", Level::Street, Some("a")),
                place("b", Level::District, Some("city")),
            ],
            bodies: vec![
                body("ab", "a", BodyKind::Enforcement),
                body("e-office", "e", BodyKind::Admin),
                body("e-team", "e", BodyKind::Enforcement),
                body("w-office", "w", BodyKind::Admin),
                body("bb", "b", BodyKind::Admin),
            ],
            powers: vec![
                power("P1", PowerKind::Penalty),
                power("P2", PowerKind::Penalty),
                power("L1", PowerKind::Licence),
            ],
            holdings: vec![
                Holding::lead("P1".into(), "ab".into()),
                p2,
                granted,
                Holding::lead("L1".into(), "ab".into()),
            ],
            ..StateRecords::default()
        })
        .expect("a valid state")
    }

    #[test]
    fn a_district_offers_its_penalties_where_it_still_leads_them() {
        let state = state();
        let found = candidates(&state, &"a".into());
        let codes: Vec<&str> = found.iter().map(|c| c.power.as_str()).collect();
        assert_eq!(codes, ["P1", "P2"], "the licence is not offered");
        assert_eq!(found[1].led_in, BTreeSet::from(["e".into()]));
        assert_eq!(found[1].granted_in, BTreeSet::from(["w".into()]));
        assert!(candidates(&state, &"b".into()).is_empty());
    }

    #[test]
    fn the_team_receives_by_default_and_the_office_when_it_holds_grants() {
        let state = state();
        assert_eq!(default_receiver(&state, &"e".into()), Some("e-team".into()));
        assert_eq!(
            default_receiver(&state, &"w".into()),
            Some("w-office".into())
        );
    }

    #[test]
    fn a_check_names_what_the_operation_would_refuse() {
        let state = state();
        let p = |c: &str| PowerId::new(c);
        let b = |c: &str| BodyId::new(c);
        assert!(check(&state, &[p("P1"), p("P2")], &[b("e-team")]).is_empty());
        assert_eq!(
            check(&state, &[p("P2")], &[b("w-office")]),
            [Problem::AlreadyLeads {
                power: p("P2"),
                body: b("w-office")
            }]
        );
        assert_eq!(
            check(&state, &[p("P1")], &[b("ab")]),
            [Problem::NotStreetBody(b("ab"))]
        );
        assert_eq!(
            check(&state, &[p("P1")], &[b("e-team"), b("e-office")]),
            [Problem::TwoInOneStreet("e".into())]
        );
        assert_eq!(
            check(&state, &[], &[]),
            [Problem::NoPowers, Problem::NoReceivers]
        );
    }

    #[test]
    fn a_check_that_passes_is_a_grant_the_operation_makes() {
        let mut state = state();
        let op = crate::plan::Operation::GrantToStreets {
            powers: vec!["P1".into()],
            receivers: vec!["e-team".into(), "w-office".into()],
            decision: None,
            evaluate_by: String::new(),
        };
        assert!(
            check(
                &state,
                &["P1".into()],
                &["e-team".into(), "w-office".into()]
            )
            .is_empty()
        );
        op.apply(&mut state).expect("the grant applies");
        assert_eq!(granted(&state, &"e-team".into()).len(), 1);
    }

    #[test]
    fn dates_are_year_month_day() {
        assert!(is_date_or_empty(""));
        assert!(is_date_or_empty("2027-06-30"));
        assert!(!is_date_or_empty("2027-6-30"));
        assert!(!is_date_or_empty("2027-13-01"));
        assert!(!is_date_or_empty("明年"));
    }

    #[test]
    fn a_refusal_in_two_languages_is_cut_to_one() {
        let both =
            "赋权只能给街道（乡镇）的机构，某局 不是 (a grant goes to a street body; x is not one)";
        assert_eq!(
            in_language(both, Lang::Zh),
            "赋权只能给街道（乡镇）的机构，某局 不是"
        );
        assert_eq!(
            in_language(both, Lang::En),
            "a grant goes to a street body; x is not one"
        );
        assert_eq!(
            in_language("x already leads y", Lang::Zh),
            "x already leads y"
        );
    }
}
