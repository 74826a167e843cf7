//! A small deterministic random generator of valid states and of operations that mostly refer
//! to things that exist (and sometimes do not, to exercise refusal).

use std::collections::BTreeSet;

use shiquan::model::{
    Approval, Body, BodyId, BodyKind, Cases, Holding, Jurisdiction, JurisdictionId, Level, Power,
    PowerId, PowerKind, Role, SlotKind, Staffing, Standing, State, StateRecords,
};
use shiquan::plan::{BodyEdit, Operation, PowerEdit, TransferMode};

/// The crate's `SplitMix64`, with the picking helpers the tests use.
pub struct Rng(shiquan::generate::SplitMix64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(shiquan::generate::SplitMix64::new(seed))
    }

    pub fn next(&mut self) -> u64 {
        self.0.next_u64()
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            None
        } else {
            Some(&items[self.below(items.len())])
        }
    }
}

const FIELDS: [&str; 4] = ["市容环卫", "园林绿化", "城乡规划", "生态环境"];

/// A valid random state: a city, 2–4 districts, a street, bodies at each level, powers, holdings.
pub fn random_state(rng: &mut Rng) -> State {
    let mut records = StateRecords::default();
    records.jurisdictions.push(Jurisdiction {
        id: "city".into(),
        name: "本市".into(),
        level: Level::City,
        parent: None,
    });
    let district_count = 2 + rng.below(3);
    for d in 0..district_count {
        records.jurisdictions.push(Jurisdiction {
            id: JurisdictionId::new(format!("d{d}")),
            name: format!("第{d}区"),
            level: Level::District,
            parent: Some("city".into()),
        });
    }
    // Streets: the first district has one or more, the others none or some, so that coverage
    // runs on streets and on districts without streets, and an edit in one district leaves the
    // others' streets as they were.
    for d in 0..district_count {
        let streets = if d == 0 {
            1 + rng.below(3)
        } else {
            rng.below(3)
        };
        for s in 0..streets {
            records.jurisdictions.push(Jurisdiction {
                id: JurisdictionId::new(format!("d{d}-s{s}")),
                name: format!("第{d}区{s}街道"),
                level: Level::Street,
                parent: Some(JurisdictionId::new(format!("d{d}"))),
            });
        }
    }
    let places: Vec<JurisdictionId> = records.jurisdictions.iter().map(|j| j.id.clone()).collect();
    let body_count = 3 + rng.below(8);
    for b in 0..body_count {
        let jurisdiction = if b < 2 {
            JurisdictionId::new("city")
        } else {
            rng.pick(&places).cloned().unwrap_or_else(|| "city".into())
        };
        let parent = if b > 0 && rng.chance(20) {
            let p = rng.below(b);
            let candidate = &records.bodies[p];
            (candidate.jurisdiction == jurisdiction).then(|| candidate.id.clone())
        } else {
            None
        };
        let mut tags = BTreeSet::new();
        if rng.chance(50) {
            tags.insert("城建".to_owned());
        }
        records.bodies.push(Body {
            id: BodyId::new(format!("b{b:02}")),
            name: format!("机构{b}"),
            kind: BodyKind::ALL[rng.below(4)],
            jurisdiction,
            parent,
            tags,
            staffing: Staffing {
                admin: rng.below(20) as u32,
                institution: rng.below(20) as u32,
                headcount: rng.below(30) as u32,
            },
            budget_wan: rng.below(1000) as u64,
            standing: rng
                .chance(30)
                .then(|| Standing::ALL[rng.below(Standing::ALL.len())]),
            supervisor: None,
        });
    }
    let power_count = 2 + rng.below(8);
    for p in 0..power_count {
        records.powers.push(Power {
            main_item: None,
            duties: String::new(),
            accountability: String::new(),
            code: PowerId::new(format!("P{p:03}")),
            name: format!("事项{p}"),
            kind: PowerKind::ALL[rng.below(PowerKind::ALL.len())],
            field: FIELDS[rng.below(FIELDS.len())].to_owned(),
            basis: if rng.chance(70) {
                format!("某条例第{p}条")
            } else {
                String::new()
            },
            matter: rng.chance(30).then(|| format!("m{}", rng.below(3))),
        });
    }
    let districts: Vec<JurisdictionId> = records
        .jurisdictions
        .iter()
        .filter(|j| j.level == Level::District)
        .map(|j| j.id.clone())
        .collect();
    for power in &records.powers {
        for body in &records.bodies {
            if !rng.chance(30) {
                continue;
            }
            let role = match rng.below(10) {
                0..=6 => Role::Lead,
                7 | 8 => Role::Assist,
                _ => {
                    let by = rng.pick(&records.bodies).map(|b| b.id.clone());
                    match by {
                        Some(by) if by != body.id => Role::Entrusted { by },
                        _ => Role::Assist,
                    }
                }
            };
            let mut excludes = BTreeSet::new();
            if rng.chance(25)
                && let Some(d) = rng.pick(&districts)
            {
                excludes.insert(d.clone());
            }
            let cases = (role.is_lead() && rng.chance(10)).then(|| Cases::ALL[rng.below(2)]);
            records.holdings.push(Holding {
                listing: None,
                power: power.code.clone(),
                body: body.id.clone(),
                role,
                excludes: excludes.into(),
                cases,
                grant: None,
            });
        }
    }
    State::from_records(records).expect("the generator builds valid states")
}

/// An operation chosen against `state`: mostly valid, sometimes not.
pub fn random_operation(state: &State, rng: &mut Rng, serial: usize) -> Operation {
    let bodies: Vec<BodyId> = state.bodies().keys().cloned().collect();
    let powers: Vec<PowerId> = state.powers().keys().cloned().collect();
    let places: Vec<JurisdictionId> = state.jurisdictions().keys().cloned().collect();
    let districts: Vec<JurisdictionId> = state.districts().map(|d| d.id.clone()).collect();
    let body = || -> BodyId { BodyId::new("missing") };
    let any_body = |rng: &mut Rng| rng.pick(&bodies).cloned().unwrap_or_else(body);
    let any_power = |rng: &mut Rng| rng.pick(&powers).cloned().unwrap_or_else(|| "P999".into());
    match rng.below(15) {
        13 => {
            // 赋权: powers a district body leads, to bodies of streets (or any body, sometimes).
            let street_bodies: Vec<BodyId> = state
                .bodies()
                .values()
                .filter(|b| {
                    state.jurisdiction(&b.jurisdiction).map(|j| j.level) == Some(Level::Street)
                })
                .map(|b| b.id.clone())
                .collect();
            let district_leads: Vec<&PowerId> = state
                .holdings()
                .filter(|h| {
                    h.role.is_lead() && state.level_of_body(&h.body) == Some(Level::District)
                })
                .map(|h| &h.power)
                .collect();
            let mut powers = Vec::new();
            for _ in 0..=rng.below(3) {
                powers.push(
                    rng.pick(&district_leads)
                        .map_or_else(|| any_power(rng), |p| (*p).clone()),
                );
            }
            powers.sort();
            powers.dedup();
            let receivers = if rng.chance(85) {
                rng.pick(&street_bodies)
                    .cloned()
                    .map_or_else(|| vec![any_body(rng)], |b| vec![b])
            } else {
                vec![any_body(rng)]
            };
            Operation::GrantToStreets {
                powers,
                receivers,
                decision: rng.chance(60).then(|| Approval {
                    authority: "省人民政府".into(),
                    document: format!("府函〔2026〕{serial}号"),
                }),
                evaluate_by: if rng.chance(50) {
                    "2027-12-31".into()
                } else {
                    String::new()
                },
            }
        }
        14 => {
            // 收回: a granted holding, where there is one.
            let granted: Vec<&Holding> = state.holdings().filter(|h| h.grant.is_some()).collect();
            let (power, body) = rng.pick(&granted).map_or_else(
                || (any_power(rng), any_body(rng)),
                |h| (h.power.clone(), h.body.clone()),
            );
            Operation::TakeBack {
                powers: vec![power],
                receivers: vec![body],
            }
        }
        0 => Operation::MoveBody {
            body: any_body(rng),
            to: rng.pick(&places).cloned().unwrap_or_else(|| "city".into()),
        },
        1 | 2 => {
            // Prefer a real lead holding so that transfers mostly succeed.
            let leads: Vec<&Holding> = state.holdings().filter(|h| h.role.is_lead()).collect();
            let (power, from) = match rng.pick(&leads) {
                Some(h) => (h.power.clone(), h.body.clone()),
                None => (any_power(rng), any_body(rng)),
            };
            Operation::TransferPower {
                power,
                from,
                to: any_body(rng),
                mode: TransferMode::ALL[rng.below(TransferMode::ALL.len())],
                approval: rng.chance(50).then(|| Approval {
                    authority: "省人民政府".into(),
                    document: format!("府函〔2024〕{serial}号"),
                }),
            }
        }
        3 => Operation::CreateBody {
            body: Body {
                id: BodyId::new(format!("new{serial}")),
                name: format!("新机构{serial}"),
                kind: BodyKind::Enforcement,
                jurisdiction: rng.pick(&places).cloned().unwrap_or_else(|| "city".into()),
                parent: None,
                tags: BTreeSet::new(),
                staffing: Staffing::default(),
                budget_wan: 0,
                standing: None,
                supervisor: None,
            },
        },
        4 => Operation::MergeBodies {
            from: any_body(rng),
            into: any_body(rng),
        },
        5 => {
            let from = any_body(rng);
            let held: Vec<PowerId> = state.powers_of_body(&from).cloned().collect();
            let powers = held.into_iter().filter(|_| rng.chance(50)).collect();
            let jurisdiction = state
                .body(&from)
                .map_or_else(|| JurisdictionId::new("city"), |b| b.jurisdiction.clone());
            Operation::SplitBody {
                body: from,
                new_body: Body {
                    id: BodyId::new(format!("split{serial}")),
                    name: format!("拆分机构{serial}"),
                    kind: BodyKind::Institution,
                    jurisdiction,
                    parent: None,
                    tags: BTreeSet::new(),
                    staffing: Staffing {
                        admin: rng.below(5) as u32,
                        institution: rng.below(5) as u32,
                        headcount: rng.below(5) as u32,
                    },
                    budget_wan: 0,
                    standing: None,
                    supervisor: None,
                },
                powers,
            }
        }
        6 => Operation::AbolishBody {
            body: any_body(rng),
        },
        7 => Operation::MoveStaffing {
            from: any_body(rng),
            to: any_body(rng),
            kind: SlotKind::ALL[rng.below(2)],
            count: rng.below(12) as u32,
            people: rng.below(4) as u32,
        },
        8 => Operation::EditBody {
            body: any_body(rng),
            edit: match rng.below(6) {
                0 => BodyEdit::Name(format!("改名{serial}")),
                1 => BodyEdit::Kind(BodyKind::ALL[rng.below(4)]),
                2 => BodyEdit::Parent(rng.pick(&bodies).cloned()),
                3 => BodyEdit::Standing(
                    rng.chance(80)
                        .then(|| Standing::ALL[rng.below(Standing::ALL.len())]),
                ),
                4 => BodyEdit::Supervisor(rng.pick(&bodies).cloned()),
                _ => BodyEdit::BudgetWan(rng.below(500) as u64),
            },
        },
        9 => Operation::EditPower {
            power: any_power(rng),
            edit: match rng.below(3) {
                0 => PowerEdit::Name(format!("新名{serial}")),
                1 => PowerEdit::Kind(PowerKind::ALL[rng.below(PowerKind::ALL.len())]),
                _ => PowerEdit::Field(FIELDS[rng.below(FIELDS.len())].to_owned()),
            },
        },
        10 => {
            let mut excludes = BTreeSet::new();
            if rng.chance(30)
                && let Some(d) = rng.pick(&districts)
            {
                excludes.insert(d.clone());
            }
            let lead = rng.chance(70);
            Operation::SetHolding {
                holding: Holding {
                    listing: None,
                    power: any_power(rng),
                    body: any_body(rng),
                    role: if lead { Role::Lead } else { Role::Assist },
                    excludes: excludes.into(),
                    cases: (lead && rng.chance(30)).then(|| Cases::ALL[rng.below(2)]),
                    grant: None,
                },
            }
        }
        11 if rng.chance(25) => {
            // A decision recorded (or cleared) for a concentration received, where there is one.
            let received: Vec<(&PowerId, &BodyId)> = state
                .receivers()
                .iter()
                .flat_map(|(p, by_body)| by_body.keys().map(move |b| (p, b)))
                .collect();
            let (power, body) = rng.pick(&received).map_or_else(
                || (any_power(rng), any_body(rng)),
                |(p, b)| ((*p).clone(), (*b).clone()),
            );
            Operation::RecordApproval {
                power,
                body,
                approval: rng.chance(70).then(|| Approval {
                    authority: "省人民政府".into(),
                    document: format!("府函〔2025〕{serial}号"),
                }),
            }
        }
        11 => Operation::RemoveHolding {
            power: any_power(rng),
            body: any_body(rng),
        },
        _ => {
            if rng.chance(50) {
                Operation::RemovePower {
                    power: any_power(rng),
                }
            } else {
                Operation::CreatePower {
                    power: Power {
                        main_item: None,
                        duties: String::new(),
                        accountability: String::new(),
                        code: PowerId::new(format!("N{serial:03}")),
                        name: format!("新事项{serial}"),
                        kind: PowerKind::Penalty,
                        field: "市容环卫".into(),
                        basis: String::new(),
                        matter: None,
                    },
                }
            }
        }
    }
}
