//! 三定 drafts (主要职责、内设机构和人员编制规定, 草案): one for every body whose duties, slots,
//! place or superior the scenario changed, or that it created. Each has its 主要职责 (its lead
//! items grouped by field, and a table of every item it holds), 内设机构 (the 承办机构 the lists
//! gave, and the units under it), 人员编制和领导职数 (slots by kind, people; 领导职数 is not in
//! the plan and is left to the office), 职责分工 (the boundary clauses of the matters it shares)
//! and what changed against the state compared with.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::model::{Body, BodyId, Holding, PowerId, Role, State};
use crate::text::{Label, Lang};

use super::DocInput;
use super::boundaries::{self, BoundaryEntry};
use super::model::{Block, Column, DocTable, Document, Section};

/// The columns of a body's table of items.
pub const COLUMNS: [Column; 6] = [
    Column::center("序号", 2),
    Column::center("领域", 4),
    Column::center("事项编码", 5),
    Column::left("事项名称", 12),
    Column::center("类别", 4),
    Column::left("行使方式", 6),
];

/// Why a body has a draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BodyChange {
    /// The body.
    pub body: BodyId,
    /// It is new.
    pub created: bool,
    /// Its place or superior changed.
    pub moved: bool,
    /// Items it holds now and did not.
    pub gained: Vec<PowerId>,
    /// Items it held and does not now.
    pub lost: Vec<PowerId>,
    /// Its slots or people changed.
    pub staffing: bool,
}

fn held(state: &State, body: &BodyId) -> BTreeMap<PowerId, Role> {
    state
        .holdings_of_body(body)
        .map(|h| (h.power.clone(), h.role.clone()))
        .collect()
}

/// The bodies whose duties, slots, place or superior changed, and how; in the order of the
/// state after (by id).
pub fn changed_bodies(input: &DocInput<'_>) -> Vec<BodyChange> {
    let (before, after) = (&input.before, &input.after);
    after
        .bodies()
        .values()
        .filter_map(|body| {
            let old = before.body(&body.id);
            let (now, then) = (
                held(after, &body.id),
                old.map(|_| held(before, &body.id)).unwrap_or_default(),
            );
            let change = BodyChange {
                body: body.id.clone(),
                created: old.is_none(),
                moved: old.is_some_and(|o| {
                    o.jurisdiction != body.jurisdiction || o.parent != body.parent
                }),
                gained: now
                    .iter()
                    .filter(|(p, role)| then.get(*p) != Some(role))
                    .map(|(p, _)| p.clone())
                    .collect(),
                lost: then
                    .iter()
                    .filter(|(p, role)| now.get(*p) != Some(role))
                    .map(|(p, _)| p.clone())
                    .collect(),
                staffing: old.is_some_and(|o| o.staffing != body.staffing),
            };
            (change.created
                || change.moved
                || change.staffing
                || !change.gained.is_empty()
                || !change.lost.is_empty())
            .then_some(change)
        })
        .collect()
}

/// How a body exercises an item: 牵头, 协办, 受委托, with its cases and the places left out
/// (as the boundary list says them).
fn manner(input: &DocInput<'_>, holding: &Holding) -> String {
    let mut words = match &holding.role {
        Role::Lead => "牵头（主办）".to_owned(),
        Role::Assist => "配合（协办）".to_owned(),
        Role::Entrusted { by } => format!("受{}委托", input.body_name(by)),
    };
    for limit in boundaries::limits(input, &[holding]) {
        let _ = write!(words, "，{limit}");
    }
    if let Some(grant) = &holding.grant {
        let _ = write!(words, "，由{}赋权", input.body_name(&grant.from));
    }
    words
}

/// The duties of a body, by field: 「（一）市容环卫。负责……等N项行政处罚事项。」
fn duty_paragraphs(input: &DocInput<'_>, body: &BodyId) -> Vec<String> {
    let state = &input.after;
    let mut by_field: BTreeMap<&str, BTreeMap<&'static str, Vec<&str>>> = BTreeMap::new();
    for holding in state.holdings_of_body(body).filter(|h| h.role.is_lead()) {
        if let Some(power) = state.power(&holding.power) {
            by_field
                .entry(power.field.as_str())
                .or_default()
                .entry(power.kind.label(Lang::Zh))
                .or_default()
                .push(power.name.as_str());
        }
    }
    by_field
        .into_iter()
        .enumerate()
        .map(|(i, (field, kinds))| {
            let parts: Vec<String> = kinds
                .into_iter()
                .map(|(kind, names)| {
                    let shown: Vec<String> =
                        names.iter().take(3).map(|n| format!("「{n}」")).collect();
                    if names.len() > 3 {
                        format!("{}等{}项{kind}事项", shown.join("、"), names.len())
                    } else {
                        format!("{}{}项{kind}事项", shown.join("、"), names.len())
                    }
                })
                .collect();
            format!(
                "{}．{field}。负责{field}领域的{}。",
                i + 1,
                parts.join("，")
            )
        })
        .collect()
}

/// The table of every item a body holds.
fn items_table(input: &DocInput<'_>, body: &Body) -> DocTable {
    let state = &input.after;
    let mut rows: Vec<(&str, &PowerId, Vec<String>)> = state
        .holdings_of_body(&body.id)
        .filter_map(|h| {
            let power = state.power(&h.power)?;
            Some((
                power.field.as_str(),
                &power.code,
                vec![
                    power.field.clone(),
                    power.code.to_string(),
                    power.name.clone(),
                    power.kind.label(Lang::Zh).to_owned(),
                    manner(input, h),
                ],
            ))
        })
        .collect();
    rows.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    DocTable {
        name: body.name.clone(),
        columns: COLUMNS.to_vec(),
        rows: rows
            .into_iter()
            .enumerate()
            .map(|(i, (_, _, cells))| std::iter::once((i + 1).to_string()).chain(cells).collect())
            .collect(),
        font_decipoints: 105,
    }
}

fn divisions(state: &State, body: &BodyId) -> Vec<String> {
    let divisions: BTreeSet<&str> = state
        .holdings_of_body(body)
        .filter_map(|h| h.listing.as_deref())
        .map(|l| l.division.trim())
        .filter(|d| !d.is_empty())
        .collect();
    divisions.into_iter().map(str::to_owned).collect()
}

fn staffing_sentence(body: &Body) -> String {
    let s = &body.staffing;
    format!(
        "行政编制{}名，事业编制{}名，实有人员{}人",
        s.admin, s.institution, s.headcount
    )
}

fn change_sentences(input: &DocInput<'_>, change: &BodyChange, body: &Body) -> Vec<String> {
    let mut out = Vec::new();
    let list = |powers: &[PowerId]| {
        let names: Vec<String> = powers
            .iter()
            .take(5)
            .map(|p| format!("「{}」", input.power_name(p)))
            .collect();
        if powers.len() > 5 {
            format!("{}等", names.join("、"))
        } else {
            names.join("、")
        }
    };
    if change.created {
        out.push(format!("本方案新设{}。", body.name));
    }
    if change.moved
        && let Some(old) = input.before.body(&body.id)
    {
        let superior = |b: &Body| {
            b.parent
                .as_ref()
                .map_or_else(String::new, |p| format!("（隶属{}）", input.body_name(p)))
        };
        out.push(format!(
            "由{}{}调整为{}{}。",
            input.place_name(&old.jurisdiction),
            superior(old),
            input.place_name(&body.jurisdiction),
            superior(body)
        ));
    }
    if !change.gained.is_empty() {
        out.push(format!(
            "新增或调整承担事项{}项：{}。",
            change.gained.len(),
            list(&change.gained)
        ));
    }
    if !change.lost.is_empty() {
        out.push(format!(
            "划出或不再以原方式承担事项{}项：{}。",
            change.lost.len(),
            list(&change.lost)
        ));
    }
    if change.staffing
        && let Some(old) = input.before.body(&body.id)
    {
        out.push(format!(
            "编制由{}调整为{}。",
            staffing_sentence(old),
            staffing_sentence(body)
        ));
    }
    out
}

/// The blocks of one body's draft.
fn body_blocks(
    input: &DocInput<'_>,
    change: &BodyChange,
    body: &Body,
    shared: &[&BoundaryEntry],
    number: usize,
) -> Vec<Block> {
    let state = &input.after;
    let place = input.place_name(&body.jurisdiction);
    let superior = body.supervisor().map(|p| input.body_name(p));
    let mut blocks = vec![Block::Heading {
        level: 1,
        text: format!(
            "{}、{}主要职责、内设机构和人员编制规定（草案）",
            super::chinese_number(number),
            body.name
        ),
    }];
    let (kind, standing) = (body.kind.label(Lang::Zh), body.standing().label(Lang::Zh));
    blocks.push(Block::Paragraph(format!(
        "{}是{}{}的{kind}{}。",
        body.name,
        place,
        superior.map_or_else(String::new, |s| format!("{s}所属")),
        if standing == kind {
            String::new()
        } else {
            format!("（{standing}）")
        }
    )));

    blocks.push(Block::Heading {
        level: 2,
        text: "（一）主要职责".to_owned(),
    });
    let duties = duty_paragraphs(input, &body.id);
    if duties.is_empty() {
        blocks.push(Block::Paragraph(
            "方案实施后，本单位不牵头承担清单所列事项。".to_owned(),
        ));
    } else {
        blocks.extend(duties.into_iter().map(Block::Paragraph));
    }
    let table = items_table(input, body);
    if !table.rows.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "本单位承担的事项共{}项，详见下表。",
            table.rows.len()
        )));
        blocks.push(Block::Table(table));
    }

    blocks.push(Block::Heading {
        level: 2,
        text: "（二）内设机构".to_owned(),
    });
    let divisions = divisions(state, &body.id);
    let units: Vec<String> = state
        .children_of(&body.id)
        .map(|c| input.body_name(c))
        .collect();
    if divisions.is_empty() {
        blocks.push(Block::Paragraph(
            "权责清单未载明承办机构，内设机构由本单位按照精简、统一、效能的原则提出，报机构编制部门审核。"
                .to_owned(),
        ));
    } else {
        blocks.push(Block::Paragraph(format!(
            "根据权责清单载明的承办机构，设{}个内设机构：{}。",
            divisions.len(),
            divisions.join("、")
        )));
    }
    if !units.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "所属单位{}个：{}。",
            units.len(),
            units.join("、")
        )));
    }

    blocks.push(Block::Heading {
        level: 2,
        text: "（三）人员编制和领导职数".to_owned(),
    });
    blocks.push(Block::Paragraph(format!(
        "{}。领导职数按照有关规定另行核定（方案未载明，由编办填写）。",
        staffing_sentence(body)
    )));

    blocks.push(Block::Heading {
        level: 2,
        text: "（四）职责分工".to_owned(),
    });
    if shared.is_empty() {
        blocks.push(Block::Paragraph(
            "本单位承担的事项没有与其他单位在同一地域交叉的情形。".to_owned(),
        ));
    } else {
        for entry in shared {
            blocks.push(Block::Paragraph(format!(
                "{}方面：{}。",
                entry.field,
                entry.clauses.join("；")
            )));
        }
    }

    let changes = change_sentences(input, change, body);
    if !changes.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            text: format!("（五）与{}相比的变化", input.from_name()),
        });
        blocks.extend(changes.into_iter().map(Block::Paragraph));
    }
    blocks
}

/// The 三定 drafts of a scenario: one part per changed body, each from a new page.
pub fn document(input: &DocInput<'_>) -> Document {
    let changes = changed_bodies(input);
    let entries = boundaries::entries(input);
    let mut blocks = vec![Block::Paragraph(format!(
        "方案实施后，职责、编制、隶属或所在层级发生变化的单位共{}个，逐一拟定“三定”规定草案如下，供审核修改。",
        changes.len()
    ))];
    let abolished: Vec<String> = input
        .before
        .bodies()
        .values()
        .filter(|b| input.after.body(&b.id).is_none())
        .map(|b| b.name.clone())
        .collect();
    if !abolished.is_empty() {
        blocks.push(Block::Paragraph(format!(
            "撤销或并入其他单位、不再保留的单位{}个：{}。",
            abolished.len(),
            abolished.join("、")
        )));
    }
    // The shared matters of each body, found once.
    let mut shared_by_body: BTreeMap<&BodyId, Vec<&BoundaryEntry>> = BTreeMap::new();
    for entry in &entries {
        for body in &entry.bodies {
            shared_by_body.entry(body).or_default().push(entry);
        }
    }
    for (i, change) in changes.iter().enumerate() {
        let Some(body) = input.after.body(&change.body) else {
            continue;
        };
        let shared = shared_by_body.get(&body.id).map_or(&[][..], Vec::as_slice);
        blocks.push(Block::PageBreak);
        blocks.extend(body_blocks(input, change, body, shared, i + 1));
    }
    Document {
        annex: Some("附件3".to_owned()),
        title: input.title("“三定”规定草案"),
        subtitle: input.subtitle(),
        sections: vec![Section {
            landscape: false,
            blocks,
        }],
    }
}
