//! Synthetic provinces for scale work: `shiquan generate --districts N --powers P [--seed S]`.
//!
//! Shaped like real 权责清单: most powers are exercised in every district by that district's
//! department of the field (a city department keeps the rest), some only at city level; assisting
//! and entrusted holdings appear at realistic rates; overlaps and gaps are planted at known rates,
//! so a benchmark can check that the analysis finds them. Deterministic for a given seed.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::model::{
    Body, BodyId, BodyKind, Holding, Jurisdiction, JurisdictionId, Level, Power, PowerId,
    PowerKind, Role, Staffing, State, StateRecords,
};
use crate::plan::{Operation, Plan, TransferMode};

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

/// Generates a province as a plan (baseline only).
pub fn generate(options: &GenerateOptions) -> Plan {
    let mut rng = SplitMix64::new(options.seed);
    let mut records = StateRecords::default();
    records.jurisdictions.push(Jurisdiction {
        id: "city".into(),
        name: "本省会城市".into(),
        level: Level::City,
        parent: None,
    });
    let districts: Vec<JurisdictionId> = (1..=options.districts)
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
    let kinds = [
        (PowerKind::Penalty, 0.55),
        (PowerKind::Licence, 0.12),
        (PowerKind::Inspection, 0.12),
        (PowerKind::Coercion, 0.08),
        (PowerKind::Confirmation, 0.05),
        (PowerKind::Other, 0.04),
        (PowerKind::Service, 0.04),
    ];
    for p in 0..options.powers {
        let field = rng.below(FIELDS.len());
        let mut roll = rng.unit();
        let kind = kinds
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
            continue;
        }
        // Delegated to districts: the city department assists (监督指导).
        records.holdings.push(Holding {
            listing: None,
            power: code.clone(),
            body: city_dept,
            role: Role::Assist,
            excludes: BTreeSet::new(),
            cases: None,
            grant: None,
        });
        for district in &districts {
            if rng.unit() < options.gap_rate {
                continue;
            }
            let dept = BodyId::new(format!("{district}-f{field}"));
            let enforcer = BodyId::new(format!("{district}-zf"));
            records
                .holdings
                .push(Holding::lead(code.clone(), dept.clone()));
            if rng.unit() < options.overlap_rate {
                records.holdings.push(Holding::lead(code.clone(), enforcer));
            } else if kind == PowerKind::Penalty && rng.unit() < 0.05 {
                records.holdings.push(Holding {
                    listing: None,
                    power: code.clone(),
                    body: enforcer,
                    role: Role::Entrusted { by: dept },
                    excludes: BTreeSet::new(),
                    cases: None,
                    grant: None,
                });
            }
        }
    }
    records
        .holdings
        .sort_by(|a, b| (&a.power, &a.body).cmp(&(&b.power, &b.body)));
    let mut plan = Plan::new(format!(
        "合成省级清单：{} 个区 × {} 项事项",
        options.districts, options.powers
    ));
    plan.description = format!(
        "由 shiquan generate 生成（种子 {}），用于规模测试；多头执法约 {:.1}%，管理盲区约 {:.1}%。",
        options.seed,
        options.overlap_rate * 100.0,
        options.gap_rate * 100.0
    );
    // The generator builds only valid records; an error here is a bug in it.
    plan.baseline = State::from_records(records).unwrap_or_default();
    plan
}

/// The baseline of a generated plan as a flat power list (one row per power and holder, as the
/// import reads it), UTF-8 with a BOM. Generated plans use no excluded districts, which a list
/// cannot express; the entrusting body of a 受委托 row is not written either (it never counts).
pub fn to_list_csv(state: &State) -> String {
    let mut out = String::with_capacity(state.holding_count() * 96);
    out.push('\u{feff}');
    out.push_str("事项编码,事项名称,权力类型,领域,实施依据,实施主体,行使层级,辖区,主办/协办\n");
    let mut held: BTreeSet<&PowerId> = BTreeSet::new();
    for h in state.holdings() {
        let (Some(p), Some(b)) = (state.power(&h.power), state.body(&h.body)) else {
            continue;
        };
        let Some(j) = state.jurisdiction(&b.jurisdiction) else {
            continue;
        };
        held.insert(&h.power);
        let place = if j.level == Level::City {
            ""
        } else {
            j.name.as_str()
        };
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{}",
            p.code,
            p.name,
            p.kind.label_zh(),
            p.field,
            p.basis,
            b.name,
            j.level.label_zh(),
            place,
            h.role.label_zh()
        );
    }
    for p in state.powers().values() {
        if !held.contains(&p.code) {
            let _ = writeln!(
                out,
                "{},{},{},{},{},,,,",
                p.code,
                p.name,
                p.kind.label_zh(),
                p.field,
                p.basis
            );
        }
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
