//! The seed plan built from its tables with the crate's own model, and its text as the plan
//! file writer writes it.
//!
//! The plan models the city of the study-tour report before its reforms, and three scenarios:
//! 市区两级事权划分 (17 city units devolved to 甲区, which founds a 区城市管理行政执法局 and
//! regroups into 25 bodies), 综合行政执法 (64 penalty items of 15 departments concentrated into
//! one city bureau) and 街道赋权 (after the split, 甲区 grants the penalties of 市容环卫 and 占道经营
//! to two of its three streets, 行政处罚法 第24条); and the opinions a 法制办, a 人社局 and a 财政局
//! wrote on it (`review.rs`). The report names neither the units nor the items; the tables are
//! illustrative, built from real national statutes and real department names.
//!
//! The tables used to live in a Python script that wrote the RON text itself and re-implemented
//! the coverage rules to check its figures; now the records are the model's own types, the
//! scenarios are the model's operations, the text is [`to_text`]'s, and the figures are checked
//! by the crate's analysis (`tests/core/seed_plan.rs`). `cargo run --example write_seed` writes the
//! result to `assets/seed-plan.ron` (embedded as [`super::SEED_PLAN_RON`]) and `saves/`.

mod bodies;
mod penalties;
mod powers;
mod review;
mod scenarios;
mod statutes;

use crate::io::to_text;
use crate::model::{
    Body, BodyKind, Holding, Jurisdiction, Level, Power, PowerKind, Role, Staffing, State,
    StateRecords,
};
use crate::plan::Plan;
use crate::plan::RuleConfig;

/// The city.
const CITY: &str = "city";
/// 甲区, the district of the report.
const A: &str = "district-a";
/// 乙区.
const B: &str = "district-b";
/// 丙区.
const C: &str = "district-c";
/// 甲区's streets, each with its 街道综合行政执法队 (the street-grant scenario grants to two).
const A_DONGCHENG: &str = "district-a-dongcheng";
const A_XICHENG: &str = "district-a-xicheng";
const A_NANHU: &str = "district-a-nanhu";

/// The tag of the urban-construction system (城建), which the report's figure of 25 counts.
const CJ: &[&str] = &["城建"];

/// The city's enforcement team (市城市管理行政执法支队), which leads most penalties and entrusts
/// the district teams.
const ZF: &str = "city-cgzfzd";

/// The plan's title.
const TITLE: &str = "本市城市建设管理体制改革（示例）";

/// The plan's description: where the figures come from and that the names are illustrative.
const DESCRIPTION: &str = concat!(
    "示例方案，据一份城市建设管理考察学习报告所述的改革整理：现状为改革前的本市及甲、乙、丙三区，",
    "方案一“市区两级事权划分”重现报告中下划单位17个、区城市建设管理机构25个、调剂事业编制20名、",
    "新组建区城市管理行政执法局等数字，",
    "方案二“综合行政执法”重现15家单位64项行政处罚事项划入综合执法局。",
    "现状保留报告所述问题：多头执法、管理盲区，以及市城市管理行政执法支队（事业单位）",
    "以自己的名义实施行政处罚（主体资格问题，两个方案均以局队合一解决）。",
    "报告未列明具体单位和事项：文中机构名称、事项名称与编码均为示意，",
    "依据国家现行法律法规条款编排，",
    "编制、人数和预算亦为示意数字，不代表任何真实城市。",
);

/// The jurisdictions: id, name, level and parent.
const JURISDICTIONS: &[(&str, &str, Level, Option<&str>)] = &[
    (CITY, "本市", Level::City, None),
    (A, "甲区", Level::District, Some(CITY)),
    (B, "乙区", Level::District, Some(CITY)),
    (C, "丙区", Level::District, Some(CITY)),
    (A_DONGCHENG, "东城街道", Level::Street, Some(A)),
    (A_XICHENG, "西城街道", Level::Street, Some(A)),
    (A_NANHU, "南湖街道", Level::Street, Some(A)),
];

/// The seed plan: the baseline of the tables, the two scenarios, the rules as built in.
///
/// # Panics
///
/// If the tables break the model (a dangling reference, a duplicate id): they are fixed data,
/// and `tests/core/seed_plan.rs` builds them.
pub fn build_seed_plan() -> Plan {
    let baseline = State::from_records(baseline_records()).unwrap_or_else(|errors| {
        let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!(
            "the seed plan's tables break the model: {}",
            errors.join("; ")
        )
    });
    let scenarios = scenarios::scenarios(&baseline);
    let review = review::review(&baseline, &scenarios);
    Plan {
        title: TITLE.to_owned(),
        description: DESCRIPTION.to_owned(),
        baseline,
        scenarios,
        rules: RuleConfig::default(),
        review,
    }
}

/// The seed plan's file text, as [`to_text`] writes it: what `assets/seed-plan.ron` holds.
pub fn seed_plan_text() -> Result<String, ron::Error> {
    to_text(&build_seed_plan())
}

/// The baseline's records, in the tables' order ([`State::from_records`] sorts them).
fn baseline_records() -> StateRecords {
    let powers = penalties::PENALTIES
        .iter()
        .chain(powers::OTHER_POWERS)
        .copied();
    StateRecords {
        jurisdictions: JURISDICTIONS
            .iter()
            .map(|&(id, name, level, parent)| Jurisdiction {
                id: id.into(),
                name: name.to_owned(),
                level,
                parent: parent.map(Into::into),
            })
            .collect(),
        bodies: bodies::BODIES
            .iter()
            .copied()
            .map(BodyRow::to_body)
            .collect(),
        powers: powers.clone().map(PowerRow::to_power).collect(),
        holdings: powers.flat_map(PowerRow::holdings).collect(),
        concentrated: Vec::new(),
    }
}

/// A body as the tables write it.
#[derive(Clone, Copy, Debug)]
struct BodyRow {
    id: &'static str,
    name: &'static str,
    kind: BodyKind,
    jurisdiction: &'static str,
    parent: Option<&'static str>,
    tags: &'static [&'static str],
    /// 行政编制, 事业编制, 实有人数.
    staffing: [u32; 3],
    budget_wan: u64,
}

/// A body row: id, name, kind, jurisdiction, parent, tags, staffing (行政编制, 事业编制,
/// 实有人数) and yearly budget in 万元.
#[allow(
    clippy::too_many_arguments,
    reason = "one argument per column of the table"
)]
const fn body(
    id: &'static str,
    name: &'static str,
    kind: BodyKind,
    jurisdiction: &'static str,
    parent: Option<&'static str>,
    tags: &'static [&'static str],
    staffing: [u32; 3],
    budget_wan: u64,
) -> BodyRow {
    BodyRow {
        id,
        name,
        kind,
        jurisdiction,
        parent,
        tags,
        staffing,
        budget_wan,
    }
}

impl BodyRow {
    fn to_body(self) -> Body {
        let [admin, institution, headcount] = self.staffing;
        Body {
            id: self.id.into(),
            name: self.name.to_owned(),
            kind: self.kind,
            jurisdiction: self.jurisdiction.into(),
            parent: self.parent.map(Into::into),
            tags: self.tags.iter().map(|&t| t.to_owned()).collect(),
            staffing: Staffing {
                admin,
                institution,
                headcount,
            },
            budget_wan: self.budget_wan,
            standing: None,
            supervisor: None,
        }
    }
}

/// A power as the tables write it, with its holdings in the order the tables list them (the
/// scenarios transfer lead holdings in that order).
#[derive(Clone, Copy, Debug)]
struct PowerRow {
    code: &'static str,
    name: &'static str,
    kind: PowerKind,
    field: &'static str,
    /// The legal basis in pieces (statute, articles, statute, articles …), joined.
    basis: &'static [&'static str],
    matter: Option<&'static str>,
    holds: &'static [Hold],
}

/// A penalty row (行政处罚): code, name, field, basis, matter, holdings.
const fn penalty(
    code: &'static str,
    name: &'static str,
    field: &'static str,
    basis: &'static [&'static str],
    matter: Option<&'static str>,
    holds: &'static [Hold],
) -> PowerRow {
    power(code, name, PowerKind::Penalty, field, basis, matter, holds)
}

/// A power row of any kind: code, name, kind, field, basis, matter, holdings.
const fn power(
    code: &'static str,
    name: &'static str,
    kind: PowerKind,
    field: &'static str,
    basis: &'static [&'static str],
    matter: Option<&'static str>,
    holds: &'static [Hold],
) -> PowerRow {
    PowerRow {
        code,
        name,
        kind,
        field,
        basis,
        matter,
        holds,
    }
}

impl PowerRow {
    fn to_power(self) -> Power {
        Power {
            main_item: None,
            duties: String::new(),
            accountability: String::new(),
            code: self.code.into(),
            name: self.name.to_owned(),
            kind: self.kind,
            field: self.field.to_owned(),
            basis: self.basis.concat(),
            matter: self.matter.map(str::to_owned),
        }
    }

    fn holdings(self) -> impl Iterator<Item = Holding> {
        self.holds
            .iter()
            .map(move |hold| hold.to_holding(self.code))
    }

    /// The bodies that lead the power, in the order listed.
    fn leads(self) -> impl Iterator<Item = &'static str> {
        self.holds.iter().filter_map(|hold| match *hold {
            Hold::Lead { body, .. } => Some(body),
            Hold::Assist(_) | Hold::Entrusted { .. } => None,
        })
    }
}

/// One body's hold on a power, as the tables write it.
#[derive(Clone, Copy, Debug)]
enum Hold {
    /// 主办, everywhere the body's holding covers but in the districts excluded.
    Lead {
        body: &'static str,
        excludes: &'static [&'static str],
    },
    /// 协办.
    Assist(&'static str),
    /// 受委托, acting for `by`.
    Entrusted {
        body: &'static str,
        by: &'static str,
    },
}

/// The body leads the power wherever it sits.
const fn lead(body: &'static str) -> Hold {
    Hold::Lead {
        body,
        excludes: &[],
    }
}

/// A city body leads the power in 甲区 only (乙区 and 丙区 are excluded).
const fn lead_in_a(body: &'static str) -> Hold {
    Hold::Lead {
        body,
        excludes: &[B, C],
    }
}

/// A city body leads the power but in the districts excluded.
const fn lead_excluding(body: &'static str, excludes: &'static [&'static str]) -> Hold {
    Hold::Lead { body, excludes }
}

/// The body assists (协办).
const fn assist(body: &'static str) -> Hold {
    Hold::Assist(body)
}

/// The body acts for `by` (受委托).
const fn entrusted(body: &'static str, by: &'static str) -> Hold {
    Hold::Entrusted { body, by }
}

impl Hold {
    fn to_holding(self, code: &str) -> Holding {
        let (body, role, excludes) = match self {
            Hold::Lead { body, excludes } => (body, Role::Lead, excludes),
            Hold::Assist(body) => (body, Role::Assist, &[][..]),
            Hold::Entrusted { body, by } => (body, Role::Entrusted { by: by.into() }, &[][..]),
        };
        Holding {
            listing: None,
            power: code.into(),
            body: body.into(),
            role,
            excludes: excludes.iter().map(|&d| d.into()).collect(),
            cases: None,
            grant: None,
        }
    }
}
