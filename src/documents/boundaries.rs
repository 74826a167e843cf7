//! 职责边界清单: for each matter that more than one body touches in one place after the
//! scenario (a matter's items, or an item without a matter), who leads (牵头、主办) and who
//! works with them (配合: 协办, 受委托, the other level of a level split), with the boundary
//! phrased as clauses: 「市综合行政执法局负责……；市住房和城乡建设局配合……」.
//!
//! Bodies of different districts that each lead in their own district are counterparts, not a
//! boundary: a matter is listed when, in the city or in one district (with its streets), two or
//! more bodies take part; counterparts that take the same part are named in one clause
//! (「甲区城市管理局、乙区城市管理局等 N 个单位分别负责各自辖区范围内……」).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::model::{BodyId, Cases, Holding, JurisdictionId, Level, PowerId, Role, State};
use crate::text::{Label, Lang};

use super::DocInput;
use super::model::{Block, Column, DocTable, Document, Section};

/// The columns of the table.
pub const COLUMNS: [Column; 6] = [
    Column::center("序号", 2),
    Column::center("领域", 3),
    Column::left("事项", 10),
    Column::left("牵头单位（主办）", 5),
    Column::left("配合单位（协办）", 5),
    Column::left("职责边界", 14),
];

/// One matter on the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoundaryEntry {
    /// The field (领域) of its first item.
    pub field: String,
    /// Its items, each as 「【行政处罚】name」.
    pub items: Vec<String>,
    /// The powers.
    pub powers: Vec<PowerId>,
    /// 牵头 bodies: the leads at the highest level that leads.
    pub leads: Vec<String>,
    /// 配合 bodies: assistants, entrusted bodies and the leads of the other level, each with
    /// its part in brackets.
    pub partners: Vec<String>,
    /// The clauses, one per body.
    pub clauses: Vec<String>,
    /// The bodies that take part, in the order of the clauses.
    pub bodies: Vec<BodyId>,
}

/// The matters on the list, in the order of their first item's code.
pub fn entries(input: &DocInput<'_>) -> Vec<BoundaryEntry> {
    let state = &input.after;
    let mut matters: BTreeMap<String, Vec<PowerId>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for power in state.powers().values() {
        let key = power
            .matter
            .clone()
            .unwrap_or_else(|| format!("\u{0}{}", power.code));
        let list = matters.entry(key.clone()).or_default();
        if list.is_empty() {
            order.push(key);
        }
        list.push(power.code.clone());
    }
    order
        .iter()
        .filter_map(|key| entry_of(input, state, &matters[key]))
        .collect()
}

/// The territory a body acts in: `None` for the city, else its district.
fn district_of_body<'s>(state: &'s State, body: &BodyId) -> Option<&'s JurisdictionId> {
    state
        .body(body)
        .and_then(|b| state.district_of(&b.jurisdiction))
}

/// Whether two or more bodies take part in one place: the city's bodies take part everywhere,
/// a district's (and its streets') only there.
fn shared_in_one_place(state: &State, bodies: &BTreeSet<&BodyId>) -> bool {
    let mut city = 0usize;
    let mut per_district: BTreeMap<&JurisdictionId, usize> = BTreeMap::new();
    for body in bodies {
        match district_of_body(state, body) {
            None => city += 1,
            Some(d) => *per_district.entry(d).or_default() += 1,
        }
    }
    city >= 2 || per_district.values().any(|n| city + n >= 2)
}

fn entry_of(input: &DocInput<'_>, state: &State, powers: &[PowerId]) -> Option<BoundaryEntry> {
    let holdings: Vec<&Holding> = powers
        .iter()
        .flat_map(|p| state.holdings_of_power(p))
        .collect();
    let bodies: BTreeSet<&BodyId> = holdings.iter().map(|h| &h.body).collect();
    if bodies.len() < 2 || !shared_in_one_place(state, &bodies) {
        return None;
    }
    let level_rank = |body: &BodyId| match state.level_of_body(body) {
        Some(Level::City) | None => 0,
        Some(Level::District) => 1,
        Some(Level::Street) => 2,
    };
    let top_lead_rank = holdings
        .iter()
        .filter(|h| h.role.is_lead())
        .map(|h| level_rank(&h.body))
        .min();
    // Per body, its holdings of the matter, leads first, then the others, in the order of the
    // level (city, district, street) and the body's id.
    let mut per_body: BTreeMap<(u8, usize, &BodyId), Vec<&Holding>> = BTreeMap::new();
    for holding in &holdings {
        let role_rank = match holding.role {
            Role::Lead => 0,
            Role::Entrusted { .. } => 1,
            Role::Assist => 2,
        };
        per_body
            .entry((role_rank, level_rank(&holding.body), &holding.body))
            .or_default()
            .push(holding);
    }
    let parts = parts_of(input, &per_body);
    let lead_names: Vec<String> = parts
        .iter()
        .filter(|p| p.role_rank == 0 && Some(p.rank) == top_lead_rank)
        .map(|p| p.names(input))
        .collect();
    let mut leads = Vec::new();
    let mut partners = Vec::new();
    let mut clauses = Vec::new();
    let mut taking_part: Vec<BodyId> = Vec::new();
    for part in &parts {
        taking_part.extend(part.bodies.iter().map(|b| (*b).clone()));
        let name = part.names(input);
        let (items, qualifiers) = (&part.items, &part.qualifiers);
        // One body acts in its place; several counterparts each in their own.
        let (each, scope) = match part.bodies.as_slice() {
            [body] => ("", scope_words(input, state, body)),
            _ => ("分别", "在各自辖区范围内".to_owned()),
        };
        match part.role.clone() {
            Role::Lead if Some(part.rank) == top_lead_rank => {
                leads.push(name.clone());
                clauses.push(format!("{name}{each}负责{scope}{items}{qualifiers}"));
            }
            Role::Lead => {
                partners.push(format!("{name}（分级管辖）"));
                clauses.push(format!("{name}{each}负责{scope}{items}{qualifiers}"));
            }
            Role::Entrusted { by } => {
                let by = input.body_name(&by);
                partners.push(format!("{name}（受委托）"));
                clauses.push(format!(
                    "{name}{each}受{by}委托，以{by}名义{scope}实施{items}{qualifiers}，由{by}负责监督并承担法律责任"
                ));
            }
            Role::Assist => {
                partners.push(format!("{name}（协办）"));
                let with = lead_names.join("、");
                clauses.push(format!(
                    "{name}{each}配合{with}做好{scope}{items}的相关工作"
                ));
            }
        }
    }
    let first = state.power(&powers[0])?;
    Some(BoundaryEntry {
        field: first.field.clone(),
        items: powers
            .iter()
            .filter_map(|p| state.power(p))
            .map(|p| format!("【{}】{}", p.kind.label(Lang::Zh), p.name))
            .collect(),
        powers: powers.to_vec(),
        leads,
        partners,
        clauses,
        bodies: taking_part,
    })
}

/// One part in a matter: a body, or the bodies below the city that take the same part (the
/// same role, items and limits) each in its own place (the districts' counterparts, named in one
/// clause: a province's hundred districts are not a hundred clauses).
struct Part<'h> {
    /// 0 lead, 1 entrusted, 2 assist.
    role_rank: u8,
    /// 0 city, 1 district, 2 street.
    rank: usize,
    /// The role (of the first body; the same for all).
    role: Role,
    /// The bodies, in id order.
    bodies: Vec<&'h BodyId>,
    /// Their items, as the clause names them.
    items: String,
    /// Their cases and places left out.
    qualifiers: String,
}

impl Part<'_> {
    /// The bodies' names: up to three in full, else the first two and how many.
    fn names(&self, input: &DocInput<'_>) -> String {
        let name = |b: &&BodyId| input.body_name(b);
        match self.bodies.as_slice() {
            many @ [_, _, _, _, ..] => format!(
                "{}、{}等{}个单位",
                name(&many[0]),
                name(&many[1]),
                many.len()
            ),
            few => few.iter().map(name).collect::<Vec<_>>().join("、"),
        }
    }
}

/// The parts of a matter, in the order of `per_body` (leads, then entrusted, then assistants;
/// city, district, street): the city's bodies each alone, the others gathered by their part.
fn parts_of<'h>(
    input: &DocInput<'_>,
    per_body: &BTreeMap<(u8, usize, &'h BodyId), Vec<&Holding>>,
) -> Vec<Part<'h>> {
    let mut parts: Vec<Part<'h>> = Vec::new();
    let mut part_of: HashMap<(u8, usize, String, String, Role), usize> = HashMap::new();
    for (&(role_rank, rank, body), held) in per_body {
        let items = joined_names(input, held);
        let qualifiers = qualifiers(input, held);
        let role = held[0].role.clone();
        if rank > 0 {
            let key = (
                role_rank,
                rank,
                items.clone(),
                qualifiers.clone(),
                role.clone(),
            );
            if let Some(&at) = part_of.get(&key) {
                parts[at].bodies.push(body);
                continue;
            }
            part_of.insert(key, parts.len());
        }
        parts.push(Part {
            role_rank,
            rank,
            role,
            bodies: vec![body],
            items,
            qualifiers,
        });
    }
    parts
}

/// The items a body holds of the matter: their names (each once).
fn joined_names(input: &DocInput<'_>, held: &[&Holding]) -> String {
    let names: BTreeSet<&PowerId> = held.iter().map(|h| &h.power).collect();
    names
        .into_iter()
        .map(|p| format!("「{}」", input.power_name(p)))
        .collect::<Vec<_>>()
        .join("、")
}

/// 「在甲区范围内」 for a district's or a street's body; nothing for a city body.
fn scope_words(input: &DocInput<'_>, state: &State, body: &BodyId) -> String {
    match state.body(body) {
        Some(b) if state.level_of_body(body) != Some(Level::City) => {
            format!("在{}范围内", input.place_name(&b.jurisdiction))
        }
        _ => String::new(),
    }
}

/// The limits on a body's holdings: the cases it takes and the places left out.
fn qualifiers(input: &DocInput<'_>, held: &[&Holding]) -> String {
    let words = limits(input, held);
    if words.is_empty() {
        String::new()
    } else {
        format!("（{}）", words.join("；"))
    }
}

/// The limits on holdings, as words: the cases they take (重大、复杂案件, 一般案件) and the
/// places left out (甲区除外). The boundary list and the 三定 drafts say them alike.
pub(super) fn limits(input: &DocInput<'_>, held: &[&Holding]) -> Vec<String> {
    let mut words = Vec::new();
    let cases: BTreeSet<Cases> = held.iter().filter_map(|h| h.cases).collect();
    for case in cases {
        words.push(match case {
            Cases::Major => "重大、复杂案件".to_owned(),
            Cases::Ordinary => "一般案件".to_owned(),
        });
    }
    let excluded: BTreeSet<&JurisdictionId> = held.iter().flat_map(|h| &h.excludes).collect();
    if !excluded.is_empty() {
        words.push(format!(
            "{}除外",
            excluded
                .into_iter()
                .map(|j| input.place_name(j))
                .collect::<Vec<_>>()
                .join("、")
        ));
    }
    words
}

/// The table of the entries.
pub fn table(entries: &[BoundaryEntry]) -> DocTable {
    DocTable {
        name: "职责边界清单".to_owned(),
        columns: COLUMNS.to_vec(),
        rows: entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                vec![
                    (i + 1).to_string(),
                    e.field.clone(),
                    e.items.join("\n"),
                    e.leads.join("、"),
                    e.partners.join("、"),
                    format!("{}。", e.clauses.join("；")),
                ]
            })
            .collect(),
        font_decipoints: 105,
    }
}

/// The 职责边界清单 of a scenario.
pub fn document(input: &DocInput<'_>) -> Document {
    let entries = entries(input);
    let intro = if entries.is_empty() {
        "方案实施后，没有由两个以上单位在同一地域共同承担的事项。".to_owned()
    } else {
        format!(
            "方案实施后，由两个以上单位在同一地域共同承担的事项{}项，逐项明确牵头（主办）单位和配合（协办）单位及其职责边界如下。牵头单位对事项负总责，配合单位在各自职责范围内做好相关工作。",
            entries.len()
        )
    };
    Document {
        annex: Some("附件2".to_owned()),
        title: input.title("职责边界清单"),
        subtitle: input.subtitle(),
        sections: vec![Section {
            landscape: true,
            blocks: vec![Block::Paragraph(intro), Block::Table(table(&entries))],
        }],
    }
}
