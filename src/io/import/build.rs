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

use std::collections::{BTreeMap, BTreeSet, HashMap};
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

/// One (power, body) as the rows give it: the strongest role, the districts a city lead
/// excludes, and the first line.
type HoldingRow = (ListRole, Option<BTreeSet<JurisdictionId>>, usize);

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

/// Splits a street's 辖区 into its district and its own name, given the districts' names.
fn place_street<'d>(
    text: &str,
    districts: &'d BTreeMap<String, JurisdictionId>,
) -> Option<(&'d JurisdictionId, String)> {
    if let Some((district, street)) = text.split_once(['/', '／']) {
        let street = street.trim();
        return districts
            .get(district.trim())
            .filter(|_| !street.is_empty())
            .map(|id| (id, street.to_owned()));
    }
    let by_prefix = districts
        .iter()
        .filter(|(name, _)| text.len() > name.len() && text.starts_with(name.as_str()))
        .max_by_key(|(name, _)| name.len())
        .map(|(_, id)| id);
    match by_prefix {
        Some(id) => Some((id, text.to_owned())),
        None if districts.len() == 1 => districts.values().next().map(|id| (id, text.to_owned())),
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
        .map_or_else(|| "本市".to_owned(), |h| h.jurisdiction.clone());
    let mut records = StateRecords::default();
    records.jurisdictions.push(Jurisdiction {
        id: city_id.clone(),
        name: city_name,
        level: Level::City,
        parent: None,
    });

    // Districts: the distinct 辖区 of district-level rows, in order of first appearance.
    let mut districts: BTreeMap<String, JurisdictionId> = BTreeMap::new();
    for h in rows.iter().filter_map(|r| r.holder.as_ref()) {
        if h.level == Level::District && !districts.contains_key(&h.jurisdiction) {
            let id = JurisdictionId::new(format!("district-{:02}", districts.len() + 1));
            districts.insert(h.jurisdiction.clone(), id.clone());
            records.jurisdictions.push(Jurisdiction {
                id,
                name: h.jurisdiction.clone(),
                level: Level::District,
                parent: Some(city_id.clone()),
            });
        }
    }

    // Streets, and every row's place; rows that cannot be placed are faults.
    let mut streets: BTreeMap<String, JurisdictionId> = BTreeMap::new();
    let mut placed: Vec<Option<JurisdictionId>> = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(h) = &row.holder else {
            placed.push(None);
            continue;
        };
        let place = match h.level {
            Level::City => Some(city_id.clone()),
            Level::District => districts.get(&h.jurisdiction).cloned(),
            Level::Street => {
                if let Some(id) = streets.get(&h.jurisdiction) {
                    Some(id.clone())
                } else if let Some((district, name)) = place_street(&h.jurisdiction, &districts) {
                    let id = JurisdictionId::new(format!("street-{:03}", streets.len() + 1));
                    streets.insert(h.jurisdiction.clone(), id.clone());
                    records.jurisdictions.push(Jurisdiction {
                        id: id.clone(),
                        name,
                        level: Level::Street,
                        parent: Some(district.clone()),
                    });
                    Some(id)
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
        for excluded in &h.excludes {
            if !districts.contains_key(excluded) {
                b.fault(
                    row.line,
                    Field::Excludes,
                    format!("「{excluded}」不是清单中的区 (not a district of the list)"),
                );
            }
        }
        placed.push(place);
    }

    // Powers, bodies and holdings. Lookups go through hash maps keyed by the rows' own text (a
    // province's list has hundreds of thousands of rows); what the records need sorted is
    // sorted once at the end.
    let mut powers: BTreeMap<PowerId, Power> = BTreeMap::new();
    let mut codes: HashMap<&str, PowerId> = HashMap::new();
    let mut bodies: HashMap<BodyKey<'_>, BodyId> = HashMap::new();
    let mut holding_index: HashMap<(PowerId, BodyId), usize> = HashMap::new();
    let mut holdings: Vec<((PowerId, BodyId), HoldingRow)> = Vec::new();
    let mut body_level: HashMap<BodyId, (Level, JurisdictionId)> = HashMap::new();
    let bad_lines: BTreeSet<usize> = b.errors.iter().map(|e| e.line).collect();
    for (row, place) in rows.iter().zip(&placed) {
        if bad_lines.contains(&row.line) {
            continue;
        }
        let code = if let Some(code) = codes.get(row.code.as_str()) {
            if let Some(p) = powers.get(code)
                && p.name != row.name
            {
                b.notes.push(format!(
                    "{source}:{}: 事项 {} 的名称「{}」与先前的「{}」不同，沿用先前的 (the first name is kept)",
                    row.line, row.code, row.name, p.name
                ));
            }
            code.clone()
        } else {
            let code = PowerId::new(&row.code);
            codes.insert(row.code.as_str(), code.clone());
            powers.insert(
                code.clone(),
                Power {
                    code: code.clone(),
                    name: row.name.clone(),
                    kind: row.kind,
                    field: row.field.clone(),
                    basis: row.basis.clone(),
                    matter: None,
                },
            );
            code
        };
        let (Some(h), Some(place)) = (&row.holder, place) else {
            continue;
        };
        let next = bodies.len() + 1;
        let body_id = bodies
            .entry((h.body.as_str(), h.level, h.jurisdiction.as_str()))
            .or_insert_with(|| BodyId::new(format!("body-{next:04}")))
            .clone();
        if !body_level.contains_key(&body_id) {
            body_level.insert(body_id.clone(), (h.level, place.clone()));
            records.bodies.push(Body {
                id: body_id.clone(),
                name: h.body.clone(),
                kind: guess_kind(&h.body),
                jurisdiction: place.clone(),
                parent: None,
                tags: BTreeSet::new(),
                staffing: Staffing::default(),
                budget_wan: 0,
            });
        }
        let excludes: Option<BTreeSet<JurisdictionId>> =
            (h.level == Level::City && h.role == ListRole::Lead).then(|| {
                h.excludes
                    .iter()
                    .filter_map(|d| districts.get(d).cloned())
                    .collect()
            });
        let key = (code, body_id);
        if let Some(&i) = holding_index.get(&key) {
            let (role, ex, _) = &mut holdings[i].1;
            if h.role.strength() > role.strength() {
                *role = h.role;
                ex.clone_from(&excludes);
            } else if h.role == ListRole::Lead && *role == ListRole::Lead {
                // Two lead rows: the body covers what either covers.
                if let (Some(a), Some(b)) = (ex.as_mut(), excludes.as_ref()) {
                    *a = a.intersection(b).cloned().collect();
                }
            }
        } else {
            holding_index.insert(key.clone(), holdings.len());
            holdings.push((key, (h.role, excludes, row.line)));
        }
    }
    drop(holding_index);
    // By (power, body), as the rest reads them (lists come sorted by code: nearly linear).
    holdings.sort_by(|a, b| a.0.cmp(&b.0));

    // Entrusting bodies, then the holdings.
    let mut holders_of: HashMap<&PowerId, Vec<(&BodyId, ListRole)>> = HashMap::new();
    for ((power, body), (role, _, _)) in &holdings {
        holders_of.entry(power).or_default().push((body, *role));
    }
    let district_map: BTreeMap<JurisdictionId, JurisdictionId> = records
        .jurisdictions
        .iter()
        .filter_map(|x| match x.level {
            Level::City => None,
            Level::District => Some((x.id.clone(), x.id.clone())),
            Level::Street => x.parent.clone().map(|p| (x.id.clone(), p)),
        })
        .collect();
    let district_of = |j: &JurisdictionId| district_map.get(j).cloned();
    records.holdings.reserve(holdings.len());
    for ((power, body), (role, excludes, line)) in &holdings {
        let role = match role {
            ListRole::Lead => Role::Lead,
            ListRole::Assist => Role::Assist,
            ListRole::Entrusted => {
                let holders = holders_of.get(power).map_or(&[][..], Vec::as_slice);
                let here = body_level.get(body);
                let leads = holders
                    .iter()
                    .filter(|(other, r)| *other != body && *r == ListRole::Lead)
                    .map(|(other, _)| *other);
                let same_place = leads.clone().find(|other| body_level.get(*other) == here);
                let city = leads.clone().find(|other| {
                    body_level
                        .get(*other)
                        .is_some_and(|(l, _)| *l == Level::City)
                });
                let same_district = here.and_then(|(_, j)| district_of(j)).and_then(|d| {
                    leads
                        .clone()
                        .find(|other| body_level.get(*other).is_some_and(|(_, j)| j == &d))
                });
                let any_lead = leads.clone().next();
                let any_holder = holders
                    .iter()
                    .map(|(other, _)| *other)
                    .find(|other| *other != body);
                if let Some(by) = same_place
                    .or(city)
                    .or(same_district)
                    .or(any_lead)
                    .or(any_holder)
                {
                    Role::Entrusted { by: by.clone() }
                } else {
                    b.notes.push(format!(
                        "{source}:{line}: 事项 {power} 仅此一个实施主体受委托，无委托方，按协办导入 (no body to act for; imported as assist)"
                    ));
                    Role::Assist
                }
            }
        };
        records.holdings.push(Holding {
            power: power.clone(),
            body: body.clone(),
            role,
            excludes: excludes.clone().unwrap_or_default(),
        });
    }
    records.powers = powers.into_values().collect();
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
