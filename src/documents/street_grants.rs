//! 赋权事项目录 (行政处罚法 第24条): per street, the items its bodies were granted by the
//! scenario (those not already granted in the state compared with), with the decision, the date
//! of the evaluation (评估), and for each penalty the inspections and coercive measures of the
//! same matter: granted with it, or left with the district (看得见管不着 at street level, which
//! `grant-bundle` reports).

use std::collections::BTreeMap;

use crate::model::{BodyId, Holding, JurisdictionId, Level, Power, PowerId, PowerKind, State};
use crate::text::{Label, Lang};

use super::DocInput;
use super::model::{Block, Column, DocTable, Document, Section};

/// The columns of a street's catalogue.
pub const COLUMNS: [Column; 9] = [
    Column::center("序号", 2),
    Column::center("领域", 3),
    Column::center("事项编码", 5),
    Column::left("事项名称", 11),
    Column::center("类别", 3),
    Column::left("赋权单位", 5),
    Column::center("决定文号", 5),
    Column::center("评估日期", 3),
    Column::left("配套检查、强制事项", 11),
];

/// The catalogue of one street.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StreetCatalogue {
    /// The street.
    pub street: JurisdictionId,
    /// Its bodies that were granted items.
    pub receivers: Vec<BodyId>,
    /// The granted holdings' powers, in code order.
    pub powers: Vec<PowerId>,
    /// The rows of the table (without 序号).
    pub rows: Vec<Vec<String>>,
    /// The decisions (批准机关 文号), each once.
    pub decisions: Vec<String>,
}

fn is_new_grant(before: &State, holding: &Holding) -> bool {
    before
        .holding(&holding.power, &holding.body)
        .is_none_or(|old| old.grant.is_none())
}

/// The penalties, inspections and coercive measures of each matter, found once for a catalogue.
type MatterPowers<'s> = BTreeMap<&'s str, Vec<&'s Power>>;

fn matter_powers(state: &State) -> MatterPowers<'_> {
    let mut matters: MatterPowers<'_> = BTreeMap::new();
    for power in state.powers().values() {
        if let (Some(matter), PowerKind::Penalty | PowerKind::Inspection | PowerKind::Coercion) =
            (power.matter.as_deref(), power.kind)
        {
            matters.entry(matter).or_default().push(power);
        }
    }
    matters
}

/// The inspections and coercive measures of a granted item's matter (or the penalty of a
/// granted measure), each marked as granted with it or left with the bodies that lead it for
/// the street: its district's, or the city's.
fn companions(
    input: &DocInput<'_>,
    state: &State,
    matters: &MatterPowers<'_>,
    holding: &Holding,
) -> String {
    let Some(power) = state.power(&holding.power) else {
        return String::new();
    };
    let Some(matter) = power.matter.as_deref() else {
        return "（清单未载明同一事项的检查、强制措施）".to_owned();
    };
    let wanted: &[PowerKind] = match power.kind {
        PowerKind::Penalty => &[PowerKind::Inspection, PowerKind::Coercion],
        PowerKind::Inspection | PowerKind::Coercion => &[PowerKind::Penalty],
        _ => &[],
    };
    let district = state
        .body(&holding.body)
        .and_then(|b| state.district_of(&b.jurisdiction));
    let parts: Vec<String> = matters
        .get(matter)
        .into_iter()
        .flatten()
        .filter(|p| wanted.contains(&p.kind))
        .map(|p| {
            if state.holding(&p.code, &holding.body).is_some() {
                return format!("「{}」（已一并赋予）", p.name);
            }
            let keepers: Vec<String> = state
                .holdings_of_power(&p.code)
                .filter(|h| h.role.is_lead())
                .filter(|h| match state.level_of_body(&h.body) {
                    Some(Level::City) => true,
                    Some(Level::District) => state
                        .body(&h.body)
                        .is_some_and(|b| Some(&b.jurisdiction) == district),
                    _ => false,
                })
                .map(|h| input.body_name(&h.body))
                .collect();
            format!(
                "「{}」（未赋予，仍由{}行使）",
                p.name,
                if keepers.is_empty() {
                    "区级部门".to_owned()
                } else {
                    keepers.join("、")
                }
            )
        })
        .collect();
    if parts.is_empty() {
        "无".to_owned()
    } else {
        parts.join("；")
    }
}

/// The catalogues of every street that the scenario granted items to, by street id.
pub fn catalogues(input: &DocInput<'_>) -> Vec<StreetCatalogue> {
    let state = &input.after;
    let matters = matter_powers(state);
    let mut per_street: BTreeMap<JurisdictionId, Vec<&Holding>> = BTreeMap::new();
    for holding in state.holdings() {
        if holding.grant.is_some()
            && is_new_grant(&input.before, holding)
            && let Some(body) = state.body(&holding.body)
        {
            per_street
                .entry(body.jurisdiction.clone())
                .or_default()
                .push(holding);
        }
    }
    per_street
        .into_iter()
        .map(|(street, mut holdings)| {
            holdings.sort_by(|a, b| (&a.power, &a.body).cmp(&(&b.power, &b.body)));
            let mut receivers: Vec<BodyId> = holdings.iter().map(|h| h.body.clone()).collect();
            receivers.dedup();
            let mut decisions: Vec<String> = Vec::new();
            let rows = holdings
                .iter()
                .map(|h| {
                    let grant = h.grant.as_deref();
                    let decision = grant
                        .and_then(|g| g.decision.as_ref())
                        .map_or_else(String::new, |d| {
                            format!("{}（{}）", d.authority, d.document)
                        });
                    if !decision.is_empty() && !decisions.contains(&decision) {
                        decisions.push(decision);
                    }
                    let power = state.power(&h.power);
                    vec![
                        power.map_or_else(String::new, |p| p.field.clone()),
                        h.power.to_string(),
                        input.power_name(&h.power),
                        power.map_or("", |p| p.kind.label(Lang::Zh)).to_owned(),
                        grant.map_or_else(String::new, |g| input.body_name(&g.from)),
                        grant
                            .and_then(|g| g.decision.as_ref())
                            .map_or_else(String::new, |d| d.document.clone()),
                        grant.map_or_else(String::new, |g| g.evaluate_by.clone()),
                        companions(input, state, &matters, h),
                    ]
                })
                .collect();
            StreetCatalogue {
                street,
                receivers,
                powers: holdings.iter().map(|h| h.power.clone()).collect(),
                rows,
                decisions,
            }
        })
        .collect()
}

/// The 赋权事项目录 of a scenario: one part per street.
pub fn document(input: &DocInput<'_>) -> Document {
    let catalogues = catalogues(input);
    let mut blocks = Vec::new();
    if catalogues.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "与{}相比，本方案没有向街道（乡镇）赋予的事项。",
            input.from_name()
        )));
    } else {
        blocks.push(Block::Paragraph(format!(
            "依据《中华人民共和国行政处罚法》第二十四条，经省级人民政府决定，将下列事项赋予{}个街道（乡镇）的机构，在本街道范围内以自己的名义行使。区级主管部门加强指导、监督，并按期评估。",
            catalogues.len()
        )));
    }
    for (i, catalogue) in catalogues.iter().enumerate() {
        let receivers: Vec<String> = catalogue
            .receivers
            .iter()
            .map(|b| input.body_name(b))
            .collect();
        blocks.push(Block::Heading {
            level: 1,
            text: format!(
                "{}、{}（{}）",
                super::chinese_number(i + 1),
                input.place_name(&catalogue.street),
                receivers.join("、")
            ),
        });
        blocks.push(Block::Paragraph(format!(
            "赋予{}事项{}项{}。",
            receivers.join("、"),
            catalogue.rows.len(),
            if catalogue.decisions.is_empty() {
                "（尚未记录省级人民政府的决定）".to_owned()
            } else {
                format!("，决定：{}", catalogue.decisions.join("、"))
            }
        )));
        blocks.push(Block::Table(DocTable {
            name: input.place_name(&catalogue.street),
            columns: COLUMNS.to_vec(),
            rows: catalogue
                .rows
                .iter()
                .enumerate()
                .map(|(n, cells)| {
                    std::iter::once((n + 1).to_string())
                        .chain(cells.iter().cloned())
                        .collect()
                })
                .collect(),
            font_decipoints: 105,
        }));
    }
    Document {
        annex: Some("附件4".to_owned()),
        title: input.title("赋权事项目录"),
        subtitle: input.subtitle(),
        sections: vec![Section {
            landscape: true,
            blocks,
        }],
    }
}
