//! Synthetic provinces for scale work: `shiquan generate --districts N --powers P [--seed S]
//! [--streets N --grant-rate R]`.
//!
//! Shaped like real 权责清单: most powers are exercised in every district by that district's
//! department of the field (a city department keeps the rest), some only at city level; assisting
//! and entrusted holdings appear at realistic rates; overlaps and gaps are planted at known rates,
//! so a benchmark can check that the analysis finds them. Deterministic for a given seed.
//!
//! With streets (issue 15), each district has N streets (街道), each with one street office
//! (街道办事处, an administrative organ staffed for what it was granted), and each street is
//! granted its own subset (差异化赋权) of its district's penalty powers: each matter whose penalty
//! the district leads goes to a street at the grant rate, with the matter's inspections and
//! coercive measures that the district leads (the `grant-bundle` rule's 配套). The result is
//! what [`Operation::GrantToStreets`] makes of the ungranted plan: the street body leads each
//! granted power with the grant recorded (the district body it came from, the province's
//! decision, the date of the evaluation), and every district body that led it there excludes the
//! street. Without streets the output is what it was before streets, byte for byte (the streets
//! draw from a generator of their own).

use std::collections::BTreeSet;
use std::fmt::Write as _;

use rustc_hash::FxHashMap;

use crate::model::{
    Approval, Body, BodyId, BodyKind, Excludes, Holding, Jurisdiction, JurisdictionId, Level,
    Power, PowerId, PowerKind, Role, Staffing, State, StateRecords,
};
use crate::plan::{Operation, Plan, TransferMode};
use crate::text::{Label, Lang};

mod streets;

use streets::add_streets;

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GenerateOptions {
    /// Districts.
    pub districts: usize,
    /// Powers.
    pub powers: usize,
    /// Seed of the generator.
    pub seed: u64,
    /// Share of (power, district) pairs given a second lead body (an overlap).
    pub overlap_rate: f64,
    /// Share of (power, district) pairs left without a lead body (a gap).
    pub gap_rate: f64,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        Self {
            districts: 100,
            powers: 5_000,
            seed: 1,
            overlap_rate: 0.01,
            gap_rate: 0.005,
        }
    }
}

/// The streets of a generated province (issue 15): none by default.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StreetOptions {
    /// Streets per district; 0: the districts are the territories, as before streets.
    pub per_district: usize,
    /// The share of a district's penalty powers granted to each street (赋权), by matter: each
    /// matter whose penalty the district leads goes to a street with this probability, with the
    /// matter's inspections and coercive measures that the district leads.
    pub grant_rate: f64,
}

/// The default grant rate: at 5,000 powers, about 430 items granted per street (as the three
/// towns of one district in issue 15 exercise 432 items each).
pub const DEFAULT_GRANT_RATE: f64 = 0.148;

impl Default for StreetOptions {
    fn default() -> Self {
        Self {
            per_district: 0,
            grant_rate: DEFAULT_GRANT_RATE,
        }
    }
}

/// The province's decision every generated grant records (行政处罚法 第24条: 省、自治区、直辖市根据
/// 当地实际情况决定).
pub fn grant_decision() -> Approval {
    Approval {
        authority: "省人民政府".into(),
        document: "示例省府函〔2024〕24号".into(),
    }
}

/// The date every generated grant is to be evaluated by.
pub const GRANT_EVALUATE_BY: &str = "2027-06-30";

/// Where a district's lead holding of a power sits in the generated holdings: its index, and
/// whether the district's enforcement unit leads it too (a planted overlap, the next holding).
#[derive(Clone, Copy)]
struct DistrictLead {
    index: u32,
    overlap: bool,
}

const FIELDS: [(&str, &str); 8] = [
    ("市容环卫", "城市管理局"),
    ("园林绿化", "园林绿化局"),
    ("城乡规划", "自然资源和规划局"),
    ("建设管理", "住房和城乡建设局"),
    ("生态环境", "生态环境分局"),
    ("市政公用", "市政公用事业管理局"),
    ("市场监管", "市场监督管理局"),
    ("水务", "水务局"),
];

/// `SplitMix64`: a small, fast, deterministic generator; the generator and the tests share it.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A number in [0, n); 0 when n is 0.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// Generates a province as a plan (baseline only), without streets.
pub fn generate(options: &GenerateOptions) -> Plan {
    generate_province(options, &StreetOptions::default())
}

/// Generates a province as a plan (baseline only), with `streets` per district and their grants.
pub fn generate_province(options: &GenerateOptions, streets: &StreetOptions) -> Plan {
    let mut rng = SplitMix64::new(options.seed);
    let with_streets = streets.per_district > 0 && options.districts > 0;
    // Each (power, district)'s lead holding, for the grants: power-major.
    let mut leads: Vec<Option<DistrictLead>> = Vec::new();
    if with_streets {
        leads.reserve(options.powers * options.districts);
    }
    let mut records = StateRecords::default();
    let districts = add_places_and_bodies(&mut records, options.districts);
    for p in 0..options.powers {
        add_power(
            &mut records,
            &mut rng,
            p,
            options,
            &districts,
            with_streets.then_some(&mut leads),
        );
    }
    if with_streets {
        add_streets(&mut records, options, streets, &districts, &leads);
    }
    records
        .holdings
        .sort_by(|a, b| (&a.power, &a.body).cmp(&(&b.power, &b.body)));
    let mut plan = if with_streets {
        Plan::new(format!(
            "合成省级清单：{} 个区 × {} 个街道 × {} 项事项",
            options.districts, streets.per_district, options.powers
        ))
    } else {
        Plan::new(format!(
            "合成省级清单：{} 个区 × {} 项事项",
            options.districts, options.powers
        ))
    };
    plan.description = format!(
        "由 shiquan generate 生成（种子 {}），用于规模测试；多头执法约 {:.1}%，管理盲区约 {:.1}%。",
        options.seed,
        options.overlap_rate * 100.0,
        options.gap_rate * 100.0
    );
    if with_streets {
        let _ = write!(
            plan.description,
            "每区 {} 个街道，各街道按事项差异化赋权，约为区级行政处罚事项的 {:.0}%（连同同一事项的行政检查、行政强制）。",
            streets.per_district,
            streets.grant_rate * 100.0
        );
    }
    // The generator builds only valid records; an error here is a bug in it.
    plan.baseline = State::from_records(records).unwrap_or_default();
    plan
}

/// The city and its districts, and their bodies: a department of each field and an
/// enforcement bureau in each. Returns the districts' ids.
fn add_places_and_bodies(records: &mut StateRecords, district_count: usize) -> Vec<JurisdictionId> {
    records.jurisdictions.push(Jurisdiction {
        id: "city".into(),
        name: "本省会城市".into(),
        level: Level::City,
        parent: None,
    });
    let districts: Vec<JurisdictionId> = (1..=district_count)
        .map(|d| JurisdictionId::new(format!("district-{d:03}")))
        .collect();
    for (i, id) in districts.iter().enumerate() {
        records.jurisdictions.push(Jurisdiction {
            id: id.clone(),
            name: format!("第{}区", i + 1),
            level: Level::District,
            parent: Some("city".into()),
        });
    }
    let body = |id: String, name: String, kind, jurisdiction: &JurisdictionId, slots: u32| Body {
        id: BodyId::new(id),
        name,
        kind,
        jurisdiction: jurisdiction.clone(),
        parent: None,
        tags: BTreeSet::from(["城建".to_owned()]),
        staffing: Staffing {
            admin: slots,
            institution: slots / 2,
            headcount: slots + slots / 3,
        },
        budget_wan: u64::from(slots) * 25,
        standing: None,
        supervisor: None,
    };
    let city = JurisdictionId::new("city");
    for (f, (_, dept)) in FIELDS.iter().enumerate() {
        records.bodies.push(body(
            format!("city-f{f}"),
            format!("市{dept}"),
            BodyKind::Admin,
            &city,
            60,
        ));
    }
    records.bodies.push(body(
        "city-zf".into(),
        "市综合行政执法局".into(),
        BodyKind::Enforcement,
        &city,
        120,
    ));
    for (d, district) in districts.iter().enumerate() {
        for (f, (_, dept)) in FIELDS.iter().enumerate() {
            records.bodies.push(body(
                format!("{district}-f{f}"),
                format!("第{}区{dept}", d + 1),
                BodyKind::Admin,
                district,
                20,
            ));
        }
        records.bodies.push(body(
            format!("{district}-zf"),
            format!("第{}区综合行政执法大队", d + 1),
            BodyKind::Enforcement,
            district,
            40,
        ));
    }
    districts
}

/// The kinds of the generated powers, with their shares.
const KINDS: [(PowerKind, f64); 7] = [
    (PowerKind::Penalty, 0.55),
    (PowerKind::Licence, 0.12),
    (PowerKind::Inspection, 0.12),
    (PowerKind::Coercion, 0.08),
    (PowerKind::Confirmation, 0.05),
    (PowerKind::Other, 0.04),
    (PowerKind::Service, 0.04),
];

/// One power, its field and kind drawn from `rng`, and its holdings: city-level only, or led by
/// each district's department (with planted gaps, overlaps and entrustments) and assisted by
/// the city's. With streets, `leads` gets each district's lead holding of it.
fn add_power(
    records: &mut StateRecords,
    rng: &mut SplitMix64,
    p: usize,
    options: &GenerateOptions,
    districts: &[JurisdictionId],
    mut leads: Option<&mut Vec<Option<DistrictLead>>>,
) {
    let field = rng.below(FIELDS.len());
    let mut roll = rng.unit();
    let kind = KINDS
        .iter()
        .find(|(_, share)| {
            roll -= share;
            roll < 0.0
        })
        .map_or(PowerKind::Other, |(k, _)| *k);
    let code = PowerId::new(format!("P{p:06}"));
    records.powers.push(Power {
        main_item: None,
        duties: String::new(),
        accountability: String::new(),
        code: code.clone(),
        name: format!("{}事项{p}", FIELDS[field].0),
        kind,
        field: FIELDS[field].0.to_owned(),
        basis: format!("《示例条例》第{}条", 1 + p % 120),
        matter: Some(format!("m{}", p / 3)),
    });
    let city_dept = BodyId::new(format!("city-f{field}"));
    if rng.unit() < 0.15 {
        // City-level only: one city department leads everywhere; a planted gap here is a
        // power nobody holds (a list cannot say "the city, except in one district").
        if rng.unit() >= options.gap_rate {
            records
                .holdings
                .push(Holding::lead(code.clone(), city_dept));
        }
        if let Some(leads) = leads {
            leads.extend(std::iter::repeat_n(None, options.districts));
        }
        return;
    }
    // Delegated to districts: the city department assists (监督指导).
    records.holdings.push(Holding {
        listing: None,
        power: code.clone(),
        body: city_dept,
        role: Role::Assist,
        excludes: Excludes::default(),
        cases: None,
        grant: None,
    });
    for district in districts {
        if rng.unit() < options.gap_rate {
            if let Some(leads) = leads.as_deref_mut() {
                leads.push(None);
            }
            continue;
        }
        let dept = BodyId::new(format!("{district}-f{field}"));
        let enforcer = BodyId::new(format!("{district}-zf"));
        let index = records.holdings.len();
        records
            .holdings
            .push(Holding::lead(code.clone(), dept.clone()));
        let overlap = rng.unit() < options.overlap_rate;
        if let Some(leads) = leads.as_deref_mut() {
            leads.push(
                u32::try_from(index)
                    .ok()
                    .map(|index| DistrictLead { index, overlap }),
            );
        }
        if overlap {
            records.holdings.push(Holding::lead(code.clone(), enforcer));
        } else if kind == PowerKind::Penalty && rng.unit() < 0.05 {
            records.holdings.push(Holding {
                listing: None,
                power: code.clone(),
                body: enforcer,
                role: Role::Entrusted { by: dept },
                excludes: Excludes::default(),
                cases: None,
                grant: None,
            });
        }
    }
}

/// The baseline of a generated plan as a flat power list (one row per power and holder, as the
/// import reads it), UTF-8 with a BOM; the entrusting body of a 受委托 row is not written (it never
/// counts). A plan with streets names a street row's 行使层级 街道级 and its 辖区 「区/街道」, and
/// gains the list export's 不含辖区 column: the streets a district lead holding gave up by a grant
/// (「区/街道」, joined by 、), as `list_table` writes them. A plan without streets is written as
/// before streets (no 不含辖区 column: a generated plan has no other exclusions).
pub fn to_list_csv(state: &State) -> String {
    let streets = state
        .jurisdictions()
        .values()
        .any(|j| j.level == Level::Street);
    // A street row is some 155 bytes, a district row some 130.
    let mut out = String::with_capacity(state.holding_count() * if streets { 160 } else { 96 });
    out.push('\u{feff}');
    out.push_str("事项编码,事项名称,权力类型,领域,实施依据,实施主体,行使层级,辖区,主办/协办");
    out.push_str(if streets { ",不含辖区\n" } else { "\n" });
    // Each place's name as a row writes it: 「区/街道」 of a street, a district's name, nothing for
    // the city; looked up by hash (a province has a million rows).
    let places: FxHashMap<&JurisdictionId, (String, Level, Option<&JurisdictionId>)> = state
        .jurisdictions()
        .values()
        .map(|j| {
            let district = state.district_of(&j.id);
            let name = match j.level {
                Level::City => String::new(),
                Level::District => j.name.clone(),
                Level::Street => match j.parent.as_ref().and_then(|p| state.jurisdiction(p)) {
                    Some(d) => format!("{}/{}", d.name, j.name),
                    None => j.name.clone(),
                },
            };
            (&j.id, (name, j.level, district))
        })
        .collect();
    // Each body's name, 行使层级, 辖区 and jurisdiction.
    let bodies: FxHashMap<&BodyId, (&str, &str, &str, &JurisdictionId, Level)> = state
        .bodies()
        .values()
        .filter_map(|b| {
            let (place, level, _) = places.get(&b.jurisdiction)?;
            let label = if *level == Level::Street {
                "街道级"
            } else {
                level.label(Lang::Zh)
            };
            Some((
                &b.id,
                (
                    b.name.as_str(),
                    label,
                    place.as_str(),
                    &b.jurisdiction,
                    *level,
                ),
            ))
        })
        .collect();
    // Powers nobody holds come last, one row each with no body.
    let mut unheld = Vec::new();
    for p in state.powers().values() {
        let mut any = false;
        for h in state.holdings_of_power(&p.code) {
            let Some(&(body, level_label, place, jurisdiction, level)) = bodies.get(&h.body) else {
                continue;
            };
            any = true;
            let _ = write!(
                out,
                "{},{},{},{},{},{},{},{},{}",
                p.code,
                p.name,
                p.kind.label(Lang::Zh),
                p.field,
                p.basis,
                body,
                level_label,
                place,
                h.role.label(Lang::Zh)
            );
            if streets {
                out.push(',');
                if h.role.is_lead() && level != Level::Street {
                    // As the list export: a city lead names every excluded place, a district
                    // lead only its own streets (coverage ignores the rest).
                    let mut first = true;
                    for x in &h.excludes {
                        let Some((name, _, district)) = places.get(x) else {
                            continue;
                        };
                        if level == Level::City
                            || (*district == Some(jurisdiction) && x != jurisdiction)
                        {
                            if !first {
                                out.push('、');
                            }
                            first = false;
                            out.push_str(name);
                        }
                    }
                }
            }
            out.push('\n');
        }
        if !any {
            unheld.push(p);
        }
    }
    for p in unheld {
        let _ = writeln!(
            out,
            "{},{},{},{},{},,,,{}",
            p.code,
            p.name,
            p.kind.label(Lang::Zh),
            p.field,
            p.basis,
            if streets { "," } else { "" }
        );
    }
    out
}

/// A typical single edit of a generated plan, for benchmarks of re-analysis and undo: the first
/// 市容环卫 penalty that 第1区's department leads is transferred (划转) to its enforcement unit,
/// which touches coverage, the matter rules, 执法集中 and both bodies' duties.
pub fn sample_operation(state: &State) -> Option<Operation> {
    let from = BodyId::new("district-001-f0");
    let to = BodyId::new("district-001-zf");
    state.body(&to)?;
    let power = state.powers_of_body(&from).find(|p| {
        state.power(p).is_some_and(|p| p.kind == PowerKind::Penalty)
            && state.holding(p, &from).is_some_and(|h| h.role.is_lead())
            && state.holding(p, &to).is_none()
    })?;
    Some(Operation::TransferPower {
        power: power.clone(),
        from,
        to,
        mode: TransferMode::Transfer,
        approval: None,
    })
}

/// A typical grant of a generated plan with streets, for benchmarks of re-analysis (issue 15):
/// 第1区 grants `count` powers to every street office of its own, in one step, with the
/// province's decision: the first penalties, inspections and coercive measures (by code) that a
/// body of 第1区 leads in all its streets (granted to none of them yet). `None` without streets
/// or with fewer such powers.
pub fn sample_grant(state: &State, count: usize) -> Option<Operation> {
    let district = JurisdictionId::new("district-001");
    let mut receivers: Vec<BodyId> = state
        .bodies()
        .values()
        .filter(|b| {
            state
                .jurisdiction(&b.jurisdiction)
                .is_some_and(|j| j.level == Level::Street && j.parent.as_ref() == Some(&district))
        })
        .map(|b| b.id.clone())
        .collect();
    receivers.sort();
    if receivers.is_empty() || count == 0 {
        return None;
    }
    let powers: Vec<PowerId> = state
        .powers()
        .values()
        .filter(|p| {
            matches!(
                p.kind,
                PowerKind::Penalty | PowerKind::Inspection | PowerKind::Coercion
            )
        })
        .filter(|p| {
            let mut led = false;
            for h in state.holdings_of_power(&p.code) {
                let Some(b) = state.body(&h.body) else {
                    continue;
                };
                if b.jurisdiction == district && h.role.is_lead() {
                    if !h.excludes.is_empty() {
                        return false;
                    }
                    led = true;
                } else if receivers.contains(&h.body) {
                    return false;
                }
            }
            led
        })
        .take(count)
        .map(|p| p.code.clone())
        .collect();
    (powers.len() == count).then(|| Operation::GrantToStreets {
        powers,
        receivers,
        decision: Some(grant_decision()),
        evaluate_by: GRANT_EVALUATE_BY.to_owned(),
    })
}
