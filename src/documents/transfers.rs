//! 职责划转表: which units, items, slots and people move from whom to whom, in what mode and
//! scope, on what basis, from when and by which document: one row per unit moved, per item
//! moved (its source bodies together), per slot transfer and per merge, and a total row.
//!
//! The scenario's steps are replayed on the baseline, so a unit's slots and people are those it
//! had when it moved, and a grant's source bodies are the district's leads at that moment.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::PowerId;

use super::DocInput;
use super::model::{Block, Column, DocTable, Document, Section};

mod steps;

use steps::joined;

/// The columns of the table, in the order of the offices' template (划转编制 as its two kinds,
/// 行政编制 and 事业编制).
pub const COLUMNS: [Column; 15] = [
    Column::center("序号", 2),
    Column::left("划出单位", 6),
    Column::left("划入单位", 5),
    Column::center("事项编码", 4),
    Column::left("事项名称", 11),
    Column::center("方式", 3),
    Column::center("范围", 3),
    Column::left("依据", 10),
    Column::left("具体职责边界", 10),
    Column::center("行政编制", 2),
    Column::center("事业编制", 2),
    Column::center("划转人员", 2),
    Column::center("生效日期", 3),
    Column::center("文号", 6),
    Column::left("备注", 3),
];

/// What a row moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// A unit, whole (下划 / 上收).
    Unit,
    /// An item (事项): 划转, 委托, 授权, 相对集中, 赋权, 收回.
    Item,
    /// Slots (and the people with them).
    Staffing,
    /// A body merged into another with its duties, slots and people.
    Merge,
}

/// One row of the 职责划转表.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransferRow {
    /// What the row moves.
    pub kind: RowKind,
    /// The power, for an item.
    pub power: Option<PowerId>,
    /// The bodies (or the place) it moves from.
    pub from: Vec<String>,
    /// The body (or place) it moves to.
    pub to: String,
    /// 事项编码.
    pub code: String,
    /// 事项名称 (for a unit, its name).
    pub item: String,
    /// 方式.
    pub mode: &'static str,
    /// 范围: 全部, or the districts and streets.
    pub scope: String,
    /// 依据: the item's clauses and the article of law the mode rests on.
    pub basis: String,
    /// 具体职责边界.
    pub boundary: String,
    /// 行政编制 moved.
    pub admin_slots: u32,
    /// 事业编制 moved.
    pub institution_slots: u32,
    /// People moved.
    pub people: u32,
    /// 生效日期.
    pub effective: String,
    /// 文号.
    pub document: String,
    /// 备注.
    pub note: String,
}

/// The table's figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Distinct items moved.
    pub items: usize,
    /// Distinct bodies the items come from.
    pub item_sources: usize,
    /// Units moved whole.
    pub units: usize,
    /// Slots of the units moved whole.
    pub unit_slots: u32,
    /// People of the units moved whole.
    pub unit_people: u32,
    /// Slots moved by slot transfers.
    pub staffing_slots: u32,
    /// People moved with them.
    pub staffing_people: u32,
    /// Bodies merged into others.
    pub merges: usize,
    /// Their slots.
    pub merge_slots: u32,
    /// Their people.
    pub merge_people: u32,
    /// 行政编制 of every row.
    pub admin_slots: u32,
    /// 事业编制 of every row.
    pub institution_slots: u32,
    /// People of every row.
    pub people: u32,
}

/// The rows of a scenario's 职责划转表 and their figures.
pub fn rows(input: &DocInput<'_>) -> (Vec<TransferRow>, Totals) {
    let mut state = input.plan.baseline.clone();
    let mut rows: Vec<TransferRow> = Vec::new();
    // Rows of items by (power, to, mode, scope, document), so the sources of one item moved to
    // one body in one decision share a row.
    let mut item_rows: BTreeMap<steps::ItemKey, usize> = BTreeMap::new();
    for (step, included) in input.scenario.operations.iter().zip(&input.included) {
        if *included {
            steps::rows_of_step(input, &state, step, &mut rows, &mut item_rows);
        }
        // A step that does not apply stops the replay: `DocInput::new` has applied the whole
        // scenario already, so this happens only for a plan changed in between.
        if step.operation.apply(&mut state).is_err() {
            break;
        }
    }
    let totals = totals(&rows);
    (rows, totals)
}

fn totals(rows: &[TransferRow]) -> Totals {
    let mut totals = Totals::default();
    let mut items = BTreeSet::new();
    let mut sources = BTreeSet::new();
    for row in rows {
        let slots = row.admin_slots + row.institution_slots;
        match row.kind {
            RowKind::Unit => {
                totals.units += 1;
                totals.unit_slots += slots;
                totals.unit_people += row.people;
            }
            RowKind::Item => {
                items.insert(row.power.clone());
                sources.extend(row.from.iter().cloned());
            }
            RowKind::Staffing => {
                totals.staffing_slots += slots;
                totals.staffing_people += row.people;
            }
            RowKind::Merge => {
                totals.merges += 1;
                totals.merge_slots += slots;
                totals.merge_people += row.people;
            }
        }
        totals.admin_slots += row.admin_slots;
        totals.institution_slots += row.institution_slots;
        totals.people += row.people;
    }
    totals.items = items.len();
    totals.item_sources = sources.len();
    totals
}

fn count(n: u32) -> String {
    if n == 0 { String::new() } else { n.to_string() }
}

/// The table, with a total row.
pub fn table(rows: &[TransferRow], totals: &Totals) -> DocTable {
    let mut cells: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            vec![
                (i + 1).to_string(),
                joined(&row.from),
                row.to.clone(),
                row.code.clone(),
                row.item.clone(),
                row.mode.to_owned(),
                row.scope.clone(),
                row.basis.clone(),
                row.boundary.clone(),
                count(row.admin_slots),
                count(row.institution_slots),
                count(row.people),
                row.effective.clone(),
                row.document.clone(),
                row.note.clone(),
            ]
        })
        .collect();
    let mut total = vec![String::new(); COLUMNS.len()];
    "合计".clone_into(&mut total[0]);
    total[4] = format!("事项{}项，单位{}个", totals.items, totals.units);
    total[9] = totals.admin_slots.to_string();
    total[10] = totals.institution_slots.to_string();
    total[11] = totals.people.to_string();
    cells.push(total);
    DocTable {
        name: "职责划转表".to_owned(),
        columns: COLUMNS.to_vec(),
        rows: cells,
        // 小五 (9 pt): fifteen columns across a landscape page.
        font_decipoints: 90,
    }
}

/// The sentence that sums the table up, as the 实施方案 states it.
pub fn summary(totals: &Totals) -> String {
    let mut parts = Vec::new();
    if totals.items > 0 {
        parts.push(format!(
            "划转事项{}项，涉及划出单位{}个",
            totals.items, totals.item_sources
        ));
    }
    if totals.units > 0 {
        parts.push(format!(
            "整建制划转单位{}个（编制{}名、人员{}人）",
            totals.units, totals.unit_slots, totals.unit_people
        ));
    }
    if totals.merges > 0 {
        parts.push(format!(
            "整建制并入单位{}个（编制{}名、人员{}人）",
            totals.merges, totals.merge_slots, totals.merge_people
        ));
    }
    if totals.staffing_slots > 0 {
        parts.push(if totals.staffing_people > 0 {
            format!(
                "调剂编制{}名（随编划转人员{}人）",
                totals.staffing_slots, totals.staffing_people
            )
        } else {
            format!("调剂编制{}名", totals.staffing_slots)
        });
    }
    if parts.is_empty() {
        return "本方案没有职责、单位或编制的划转。".to_owned();
    }
    format!(
        "本表共列{}；合计划转行政编制{}名、事业编制{}名，人员{}人。",
        parts.join("；"),
        totals.admin_slots,
        totals.institution_slots,
        totals.people
    )
}

/// The 职责划转表 of a scenario: a landscape page with the summary and the table.
pub fn document(input: &DocInput<'_>) -> Document {
    let (rows, totals) = rows(input);
    Document {
        annex: Some("附件1".to_owned()),
        title: input.title("职责划转表"),
        subtitle: input.subtitle(),
        sections: vec![Section {
            landscape: true,
            blocks: vec![
                Block::Paragraph(summary(&totals)),
                Block::Table(table(&rows, &totals)),
            ],
        }],
    }
}
