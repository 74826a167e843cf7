//! From list rows to a plan, so that the plan's coverage is exactly the flat-list rule of
//! `shared/design/domain.md`: a (power, district) pair is covered by each distinct city-level
//! lead body of that power and each distinct lead body of that district; 2 or more is an
//! overlap, 0 a gap; an empty role counts as lead.
//!
//! - **Jurisdictions.** One city (named by the 辖区 of the city-level rows if any is filled,
//!   else 本市). The districts are the distinct 辖区 of the district-level rows, and only those,
//!   so a list names exactly the districts that coverage runs over; they keep their names. A
//!   street row writes its 辖区 as `区/街道`, or a street name that begins with its district's
//!   name; its street lies in that district (street bodies never count for coverage, in the
//!   flat rule as in the core, so where a street lies changes no overlap or gap).
//! - **Bodies** are identified by (name, level, 辖区 as written); each gets an id `body-0001` in
//!   order of first appearance. Its kind is guessed from its name (执法 → enforcement bureau,
//!   公司 → company, 局/委/办 → department, else institution); staffing is unknown (zero).
//! - **Powers** are identified by their code; the first row of a code gives its name, kind,
//!   field and basis (a later row that names it differently is noted). A row with a code and
//!   no body adds the power and nothing else: a power nobody holds.
//! - **Holdings.** One per (power, body). A body listed twice for one power holds it in the
//!   stronger role (主办 over 受委托 over 协办), so a body with any lead row is a lead body, as
//!   the flat rule counts it. A city lead row with a 不含辖区 cell (Shiquan's own export writes
//!   it for a city holding that a district took over) excludes those districts; a clerk's list
//!   has no such column and every city lead covers every district.
//! - **受委托.** The model needs the entrusting body. It is the first of: a lead body of the same
//!   power at the same level and 辖区; a city-level lead body of the power; a lead body in the
//!   street's district (for a street body); any other lead body of the power; any other holder.
//!   Entrusted holdings never count for coverage, so this choice changes no overlap or gap. When
//!   the body is the power's only holder there is nobody to act for: it is imported as 协办 (which
//!   counts the same, not at all) and a note says so.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;
use std::path::Path;

use super::{Field, HeaderMapping, ListRole, ListRow, RowError};
use crate::analysis::rules::RuleConfig;
use crate::model::{
    Body, BodyId, BodyKind, Holding, Jurisdiction, JurisdictionId, Level, Power, PowerId, Role,
    Staffing, State, StateRecords,
};
use crate::plan::Plan;

/// The identity of a body in a list: (name, level, 辖区 as written), borrowed from its row.
type BodyKey<'r> = (&'r str, Level, &'r str);

/// Guesses a body's kind from its name.
pub fn guess_kind(name: &str) -> BodyKind {
    if name.contains("执法") {
        BodyKind::Enforcement
    } else if name.contains("公司") || name.contains("企业") {
        BodyKind::Enterprise
    } else if ["局", "委", "办", "委员会", "办公室", "政府", "办事处"]
        .iter()
        .any(|s| name.ends_with(s))
    {
        BodyKind::Admin
    } else {
        BodyKind::Institution
    }
}

struct Builder<'a> {
    source: &'a str,
    spreadsheet: bool,
    mapping: &'a HeaderMapping,
    errors: Vec<RowError>,
    notes: Vec<String>,
}

impl Builder<'_> {
    fn fault(&mut self, line: usize, field: Field, message: String) {
        let column = self.mapping.column(field);
        self.errors.push(RowError {
            source: self.source.to_owned(),
            line,
            column: column.map(|c| c + 1),
            header: column.map_or_else(
                || field.label_zh().to_owned(),
                |c| self.mapping.header(c).to_owned(),
            ),
            message,
            spreadsheet: self.spreadsheet,
        });
    }
}

/// A body of the list: its id, name, level and place (an index of the builder's jurisdictions).
struct ListBody<'r> {
    id: BodyId,
    name: &'r str,
    level: Level,
    place: u32,
}

/// One (power, body) as the rows give it, by index: the strongest role, the districts a city
/// lead excludes, and the first line.
struct ListHolding {
    power: u32,
    body: u32,
    role: ListRole,
    excludes: Option<BTreeSet<JurisdictionId>>,
    line: usize,
}

/// An index as `u32` (a list holds at most 5 million cells, so far fewer records).
fn index_u32(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

/// The rank of each item by a text key: `ranks(items)[i]` is item i's place in key order.
fn ranks<T>(items: &[T], key: impl Fn(&T) -> &str) -> Vec<u32> {
    let mut order: Vec<u32> = (0..index_u32(items.len())).collect();
    order.sort_unstable_by(|a, c| key(&items[*a as usize]).cmp(key(&items[*c as usize])));
    let mut rank = vec![0; items.len()];
    for (r, i) in order.into_iter().enumerate() {
        rank[i as usize] = index_u32(r);
    }
    rank
}

/// The body an entrusted holding acts for, among the power's holders (see the module's notes):
/// a lead at the same level and place; a city lead; a lead in the same district; any lead; any
/// other holder.
fn entrusting_body(
    held: &ListHolding,
    holders: &[ListHolding],
    bodies: &[ListBody<'_>],
    district_of: &[Option<u32>],
) -> Option<u32> {
    let here = &bodies[held.body as usize];
    let leads = holders
        .iter()
        .filter(|other| other.body != held.body && other.role == ListRole::Lead)
        .map(|other| other.body);
    let body = |i: u32| &bodies[i as usize];
    let same_place = leads
        .clone()
        .find(|&o| body(o).level == here.level && body(o).place == here.place);
    let city = leads.clone().find(|&o| body(o).level == Level::City);
    let same_district = district_of[here.place as usize]
        .and_then(|d| leads.clone().find(|&o| Some(body(o).place) == Some(d)));
    let any_lead = leads.clone().next();
    let any_holder = holders
        .iter()
        .map(|other| other.body)
        .find(|&o| o != held.body);
    same_place
        .or(city)
        .or(same_district)
        .or(any_lead)
        .or(any_holder)
}

/// Splits a street's 辖区 into its district (its name as the map keys it) and its own name,
/// given the districts' names.
fn place_street<'d>(
    text: &str,
    districts: &'d BTreeMap<&str, JurisdictionId>,
) -> Option<(&'d str, String)> {
    if let Some((district, street)) = text.split_once(['/', '／']) {
        let street = street.trim();
        return districts
            .get_key_value(district.trim())
            .filter(|_| !street.is_empty())
            .map(|(name, _)| (*name, street.to_owned()));
    }
    let by_prefix = districts
        .keys()
        .filter(|name| text.len() > name.len() && text.starts_with(**name))
        .max_by_key(|name| name.len());
    match by_prefix {
        Some(name) => Some((*name, text.to_owned())),
        None if districts.len() == 1 => {
            districts.keys().next().map(|name| (*name, text.to_owned()))
        }
        None => None,
    }
}

/// Builds the plan of good rows: the plan, notes, and the faults only visible across rows
/// (a street with no district, an excluded district that is not one). `Err` only if the
/// records break the model, which the checks here rule out.
pub fn build(
    source: &str,
    rows: &[ListRow],
    spreadsheet: bool,
    mapping: &HeaderMapping,
) -> Result<(Plan, Vec<String>, Vec<RowError>), String> {
    let mut b = Builder {
        source,
        spreadsheet,
        mapping,
        errors: Vec::new(),
        notes: Vec::new(),
    };
    let city_id = JurisdictionId::new("city");
    let city_name = rows
        .iter()
        .filter_map(|r| r.holder.as_ref())
        .find(|h| h.level == Level::City && !h.jurisdiction.is_empty())
        .map_or_else(|| "本市".to_owned(), |h| h.jurisdiction.to_owned());
    let mut records = StateRecords::default();
    records.jurisdictions.push(Jurisdiction {
        id: city_id.clone(),
        name: city_name,
        level: Level::City,
        parent: None,
    });

    // Jurisdictions by index: 0 is the city, then the districts, then the streets. Per-row
    // lookups go through hash maps keyed by the rows' own text (a province's list has hundreds of
    // thousands of rows); the ordered map of district names serves only to place streets.
    let mut places: Vec<JurisdictionId> = vec![city_id.clone()];
    // Districts: the distinct 辖区 of district-level rows, in order of first appearance.
    let mut districts: BTreeMap<&str, JurisdictionId> = BTreeMap::new();
    let mut district_index: FxHashMap<&str, u32> = FxHashMap::default();
    for h in rows.iter().filter_map(|r| r.holder.as_ref()) {
        if h.level == Level::District && !district_index.contains_key(h.jurisdiction) {
            let id = JurisdictionId::new(format!("district-{:02}", districts.len() + 1));
            district_index.insert(h.jurisdiction, index_u32(places.len()));
            places.push(id.clone());
            districts.insert(h.jurisdiction, id.clone());
            records.jurisdictions.push(Jurisdiction {
                id,
                name: h.jurisdiction.to_owned(),
                level: Level::District,
                parent: Some(city_id.clone()),
            });
        }
    }
    // The district each place lies in (the city: none).
    let mut district_of: Vec<Option<u32>> = (0..places.len())
        .map(|i| (i > 0).then(|| index_u32(i)))
        .collect();

    // Streets, and every row's place; rows that cannot be placed are faults.
    let mut streets: FxHashMap<&str, u32> = FxHashMap::default();
    let mut placed: Vec<Option<u32>> = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(h) = &row.holder else {
            placed.push(None);
            continue;
        };
        let place = match h.level {
            Level::City => Some(0),
            Level::District => district_index.get(h.jurisdiction).copied(),
            Level::Street => {
                if let Some(&index) = streets.get(h.jurisdiction) {
                    Some(index)
                } else if let Some((district, name)) = place_street(h.jurisdiction, &districts) {
                    let district = district_index.get(district).copied().unwrap_or(0);
                    let id = JurisdictionId::new(format!("street-{:03}", streets.len() + 1));
                    let index = index_u32(places.len());
                    streets.insert(h.jurisdiction, index);
                    places.push(id.clone());
                    district_of.push(Some(district));
                    records.jurisdictions.push(Jurisdiction {
                        id,
                        name,
                        level: Level::Street,
                        parent: Some(places[district as usize].clone()),
                    });
                    Some(index)
                } else {
                    b.fault(
                        row.line,
                        Field::Jurisdiction,
                        format!(
                            "街道「{}」不在清单的任何区内；请写作「区名/街道名」 (name the street's district as 区/街道; the districts are those of the 区级 rows)",
                            h.jurisdiction
                        ),
                    );
                    None
                }
            }
        };
        for &excluded in &h.excludes {
            if !district_index.contains_key(excluded) {
                b.fault(
                    row.line,
                    Field::Excludes,
                    format!("「{excluded}」不是清单中的区 (not a district of the list)"),
                );
            }
        }
        placed.push(place);
    }

    // Powers, bodies and holdings, by index into `powers` and `bodies`; ids are made once per
    // record, and what the records need sorted is sorted once at the end.
    let mut powers: Vec<Power> = Vec::new();
    let mut codes: FxHashMap<&str, u32> = FxHashMap::default();
    let mut bodies: Vec<ListBody> = Vec::new();
    let mut body_index: FxHashMap<BodyKey<'_>, u32> = FxHashMap::default();
    let mut holding_index: FxHashMap<(u32, u32), usize> = FxHashMap::default();
    let mut holdings: Vec<ListHolding> = Vec::new();
    let bad_lines: BTreeSet<usize> = b.errors.iter().map(|e| e.line).collect();
    for (row, place) in rows.iter().zip(&placed) {
        if !bad_lines.is_empty() && bad_lines.contains(&row.line) {
            continue;
        }
        let power = if let Some(&power) = codes.get(row.code) {
            let first = &powers[power as usize];
            if first.name != row.name {
                b.notes.push(format!(
                    "{source}:{}: 事项 {} 的名称「{}」与先前的「{}」不同，沿用先前的 (the first name is kept)",
                    row.line, row.code, row.name, first.name
                ));
            }
            power
        } else {
            let power = index_u32(powers.len());
            codes.insert(row.code, power);
            powers.push(Power {
                code: PowerId::new(row.code),
                name: row.name.to_owned(),
                kind: row.kind,
                field: row.field.to_owned(),
                basis: row.basis.to_owned(),
                matter: None,
            });
            power
        };
        let (Some(h), Some(place)) = (&row.holder, *place) else {
            continue;
        };
        let body = *body_index
            .entry((h.body, h.level, h.jurisdiction))
            .or_insert_with(|| {
                let index = index_u32(bodies.len());
                bodies.push(ListBody {
                    id: BodyId::new(format!("body-{:04}", index + 1)),
                    name: h.body,
                    level: h.level,
                    place,
                });
                index
            });
        let excludes: Option<BTreeSet<JurisdictionId>> =
            (h.level == Level::City && h.role == ListRole::Lead).then(|| {
                h.excludes
                    .iter()
                    .filter_map(|d| districts.get(*d).cloned())
                    .collect()
            });
        if let Some(&i) = holding_index.get(&(power, body)) {
            let held = &mut holdings[i];
            if h.role.strength() > held.role.strength() {
                held.role = h.role;
                held.excludes.clone_from(&excludes);
            } else if h.role == ListRole::Lead && held.role == ListRole::Lead {
                // Two lead rows: the body covers what either covers.
                if let (Some(a), Some(b)) = (held.excludes.as_mut(), excludes.as_ref()) {
                    *a = a.intersection(b).cloned().collect();
                }
            }
        } else {
            holding_index.insert((power, body), holdings.len());
            holdings.push(ListHolding {
                power,
                body,
                role: h.role,
                excludes,
                line: row.line,
            });
        }
    }
    drop(holding_index);
    // By (power, body) in id order, as the state keeps them: rank the ids once, sort by ranks.
    let power_rank = ranks(&powers, |p| p.code.as_str());
    let body_rank = ranks(&bodies, |b| b.id.as_str());
    holdings.sort_unstable_by_key(|h| (power_rank[h.power as usize], body_rank[h.body as usize]));

    // Entrusting bodies, then the holdings. Each power's holders are one run of the sorted list.
    records.holdings.reserve(holdings.len());
    for holders in holdings.chunk_by(|a, c| a.power == c.power) {
        for held in holders {
            let role = match held.role {
                ListRole::Lead => Role::Lead,
                ListRole::Assist => Role::Assist,
                ListRole::Entrusted => {
                    if let Some(by) = entrusting_body(held, holders, &bodies, &district_of) {
                        Role::Entrusted {
                            by: bodies[by as usize].id.clone(),
                        }
                    } else {
                        b.notes.push(format!(
                            "{source}:{}: 事项 {} 仅此一个实施主体受委托，无委托方，按协办导入 (no body to act for; imported as assist)",
                            held.line, powers[held.power as usize].code
                        ));
                        Role::Assist
                    }
                }
            };
            records.holdings.push(Holding {
                power: powers[held.power as usize].code.clone(),
                body: bodies[held.body as usize].id.clone(),
                role,
                excludes: held.excludes.clone().unwrap_or_default(),
            });
        }
    }
    records.bodies = bodies
        .iter()
        .map(|body| Body {
            id: body.id.clone(),
            name: body.name.to_owned(),
            kind: guess_kind(body.name),
            jurisdiction: places[body.place as usize].clone(),
            parent: None,
            tags: BTreeSet::new(),
            staffing: Staffing::default(),
            budget_wan: 0,
        })
        .collect();
    records.powers = powers;
    let state = State::from_records(records).map_err(|errors| {
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    let stem = Path::new(source)
        .file_stem()
        .map_or_else(|| source.to_owned(), |s| s.to_string_lossy().into_owned());
    let plan = Plan {
        title: format!("权责清单：{stem}"),
        description: format!(
            "由权责清单 {source} 导入：{} 行，事项 {} 项，机构 {} 个，辖区 {} 个。",
            rows.len(),
            state.powers().len(),
            state.bodies().len(),
            state.jurisdictions().len()
        ),
        baseline: state,
        scenarios: Vec::new(),
        rules: RuleConfig::default(),
    };
    Ok((plan, b.notes, b.errors))
}
