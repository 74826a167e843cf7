//! From list rows to a plan, so that the plan's coverage is exactly the flat-list rule of
//! `shared/design/domain.md`: coverage runs on territories, the leaves of the tree (a street; a
//! district without streets; the city when the list has no districts). A (power, territory) pair
//! is covered by each distinct city-level lead body of that power, each distinct lead body of
//! the territory's district and each of its street; 2 or more is an overlap, 0 a gap; an empty
//! role counts as lead. (A list cannot narrow a district body's holding by a street: a street
//! lead beside its district's lead of one power is an overlap in that street.)
//!
//! - **Jurisdictions.** One city (named by the 辖区 of the city-level rows if any is filled,
//!   else 本市), `city`. The districts are the distinct 辖区 of the district-level rows (or
//!   their 所属区 where 辖区 is blank), and only those, so a list names exactly the districts
//!   that coverage runs over; they keep their names and are numbered `district-01` … in order
//!   of first appearance. A street row (行使层级 街道 / 乡镇) names its street and its district:
//!   「区/街道」 (or 「区／街道」, 「区-街道」, 「区街道」 where a district's name begins it) in
//!   辖区; the street in 辖区 and the district in 所属区; the district in 辖区 or 所属区 and the
//!   street in the body's name (「东街道综合行政执法队」); or, 辖区 blank, both in the body's name
//!   (「甲市乙区东街道综合行政执法队」). The district must be one of the list's (a street in no
//!   district is a fault naming the column to fill). Each (district, street) is one street
//!   jurisdiction, numbered within its district in order of first appearance:
//!   `district-02-street-01`, so two districts' 东街道 are two streets.
//! - **Bodies** are identified by (name, level, 辖区 as written; a street body by its name and
//!   its street, however its rows write the place); each gets an id `body-0001` in order of
//!   first appearance. Its kind is guessed from its name (执法 → enforcement bureau, 公司 → company,
//!   局/委/办 → department, else institution); staffing is unknown (zero).
//! - **Powers** are identified by their code; the first row of a code gives its name, kind,
//!   field and basis (a later row that names it differently is noted). A row with a code and
//!   no body adds the power and nothing else: a power nobody holds.
//! - **行使层级 of several levels** (「市级、区级」, ■ in two level columns). A city body's lead row
//!   marked for the city and the districts is a level split (分级管辖): where the list has
//!   districts, the city body takes the major cases and each district's lead body of that power
//!   the ordinary ones (a street's lead body too, in its street), so a district without one is
//!   a gap of that tier and the split is no overlap. A city body's row for the districts only
//!   (区级 with no 辖区, a body whose name names no district) says the districts' own bodies
//!   exercise the power: the list names none, so the power is added unheld (a gap in each
//!   district) and a note says why. A district row with no 辖区 takes its district from its
//!   所属区 or the body's name (「甲市乙区城市管理局」: 乙区).
//! - **Holdings.** One per (power, body). A body listed twice for one power holds it in the
//!   stronger role (主办 over 受委托 over 协办), so a body with any lead row is a lead body, as
//!   the flat rule counts it. A city lead row with a 不含辖区 cell (Shiquan's own export writes
//!   it for a city holding that a district took over) excludes those districts or streets
//!   (「区/街道」); a district lead row's 不含辖区 names its own streets that a grant (赋权)
//!   took. A clerk's list has no such column and every city lead covers every territory.
//! - **受委托.** The model needs the entrusting body. It is the first of: a lead body of the same
//!   power at the same level and 辖区; a city-level lead body of the power; a lead body in the
//!   street's district (for a street body); any other lead body of the power; any other holder.
//!   Entrusted holdings never count for coverage, so this choice changes no overlap or gap. When
//!   the body is the power's only holder there is nobody to act for: it is imported as 协办 (which
//!   counts the same, not at all) and a note says so.
//!
//! Rows come one at a time ([`ListBuilder::push`]) and are kept only as indices into what the
//! builder has interned (codes, bodies, 辖区 texts): a province's list is read without holding
//! its rows, and each row costs a few hash look-ups. Where a body lies, and so which rows are
//! faults, is settled in [`ListBuilder::faults`] (or [`ListBuilder::into_plan`]), once every
//! district is known.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rustc_hash::FxHashMap;

use super::{Field, HeaderMapping, ListRole, ListRow, RowError};
use crate::model::{
    Body, BodyId, BodyKind, Cases, Holding, HoldingListing, Jurisdiction, JurisdictionId, Level,
    MainItem, Power, PowerId, Role, Staffing, Standing, State, StateRecords,
};
use crate::plan::Plan;
use crate::plan::RuleConfig;

mod settle;
mod streets;

#[allow(clippy::wildcard_imports)]
use settle::*;
use streets::{districts_before, place_street, street_text};

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

/// The legal standing a list's body name suggests: a list gives no slots, so an enforcement body
/// named as an organ (…执法局) is one, and a 支队 or 大队 stands as the default of its kind (an
/// institution) until the office records otherwise.
pub fn guess_standing(name: &str, kind: BodyKind) -> Option<Standing> {
    (kind == BodyKind::Enforcement && name.ends_with('局')).then_some(Standing::Organ)
}

/// A body as its first row gives it: name, level and 辖区 text (an index of the interned texts).
struct PendingBody {
    name: Box<str>,
    level: Level,
    place_text: u32,
    /// A street body whose district its row's 所属区 cell gave (a fault names that column).
    district_column: bool,
}

/// One row with a holder, by index: its line, power, body and role, and for a city or district
/// lead that excludes places the 辖区 texts it excludes (an index of
/// [`ListBuilder::exclusions`]; [`NO_EXCLUSIONS`] for any other row). Twenty bytes: a
/// province's list has hundreds of thousands.
#[derive(Clone, Copy)]
struct PendingRow {
    line: u32,
    power: u32,
    body: u32,
    excludes: u32,
    role: ListRole,
    /// A city lead row marked for the city and the districts (分级管辖): the city takes the
    /// major cases, each district's own lead the rest.
    split: bool,
    /// Its 承办机构 and 实施编码, an index of [`ListBuilder::listings`]; [`NO_LISTING`] for none.
    listing: u32,
    /// The table it came from, an index of [`ListBuilder::tables`].
    table: u16,
}

impl TableInfo {
    /// A CSV list's one table.
    pub fn csv(name: &str, mapping: &HeaderMapping) -> Self {
        Self {
            source: name.to_owned(),
            file: name.to_owned(),
            spreadsheet: false,
            mapping: mapping.clone(),
            own_columns: mapping.headers.len(),
            sheet: None,
            header_line: 0,
            holder: None,
        }
    }
}

/// Where the holder of a list without a 实施主体 column was taken from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HolderFrom {
    /// The sheet's title row (「甲市城市管理局权责清单」).
    Title,
    /// The sheet's name, in a workbook of one sheet per department.
    Sheet,
    /// The file's name (「附件1：甲市城市管理局权责清单.xlsx」).
    FileName,
}

impl HolderFrom {
    /// How the import report says it.
    pub fn label_zh(self) -> &'static str {
        match self {
            HolderFrom::Title => "标题行",
            HolderFrom::Sheet => "工作表名",
            HolderFrom::FileName => "文件名",
        }
    }
}

/// One table a list's rows come from: a CSV, or one sheet of a workbook.
#[derive(Clone, Debug)]
pub struct TableInfo {
    /// How faults name it: the file, and the sheet where a workbook gave several.
    pub source: String,
    /// The file.
    pub file: String,
    /// Whether it is a workbook (columns are written as letters).
    pub spreadsheet: bool,
    /// Its columns.
    pub mapping: HeaderMapping,
    /// How many columns the table itself has: the mapping's columns from here on are added by
    /// the import (a holder taken from a title, sheet or file name, and its level).
    pub own_columns: usize,
    /// The sheet, for a workbook.
    pub sheet: Option<String>,
    /// The line of its (last) header row.
    pub header_line: usize,
    /// The holder of every row, where the table has no 实施主体 column, and where it was
    /// taken from.
    pub holder: Option<(String, HolderFrom)>,
}

/// [`PendingRow::listing`] of a row with no 承办机构 and no 实施编码.
const NO_LISTING: u32 = u32::MAX;

/// [`PendingRow::excludes`] of a row that excludes nothing: every row but a city or district
/// lead, and most of those (an empty list for each of a province's lead rows was a tenth of the
/// memory its rows took while read).
const NO_EXCLUSIONS: u32 = u32::MAX;

/// Interns texts: each distinct text once, by index.
#[derive(Default)]
struct Texts {
    texts: Vec<Box<str>>,
    index: FxHashMap<Box<str>, u32>,
}

impl Texts {
    fn intern(&mut self, text: &str) -> u32 {
        if let Some(&i) = self.index.get(text) {
            return i;
        }
        let i = index_u32(self.texts.len());
        self.texts.push(text.into());
        self.index.insert(text.into(), i);
        i
    }

    fn get(&self, i: u32) -> &str {
        &self.texts[i as usize]
    }
}

/// Builds the plan of a list from its good rows, pushed in file order.
pub struct ListBuilder<'a> {
    /// The tables the rows come from (a list's one table, or a folder's workbooks and their
    /// sheets); rows are pushed table by table ([`ListBuilder::set_table`]).
    tables: &'a [TableInfo],
    table: u16,
    table_rows: Vec<usize>,
    notes: Vec<String>,
    rows: usize,
    city_name: Option<String>,
    /// 辖区 texts (and the texts of 不含辖区 cells).
    places: Texts,
    /// The districts: 辖区 texts of district-level rows, in order of first appearance.
    districts: Vec<u32>,
    district_of_text: FxHashMap<u32, u32>,
    powers: Vec<Power>,
    codes: FxHashMap<Box<str>, u32>,
    last_code: Option<u32>,
    bodies: Vec<PendingBody>,
    /// Bodies by (name, level, 辖区) written as one key.
    body_index: FxHashMap<String, u32>,
    key: String,
    held: Vec<PendingRow>,
    /// The 辖区 texts excluded by each city or district lead row that excludes any (most lists
    /// have no such column: none).
    exclusions: Vec<Vec<u32>>,
    /// Powers with a level split, by index.
    split_powers: rustc_hash::FxHashSet<u32>,
    /// Codes made for sub-items listed without one, by (main code, sub-item name).
    derived_codes: FxHashMap<String, Box<str>>,
    /// How many codes were made under each main item.
    derived_counts: FxHashMap<Box<str>, u32>,
    sub_items: usize,
    /// The 承办机构 and 实施编码 of rows that have them, by [`PendingRow::listing`].
    listings: Vec<HoldingListing>,
    placed: Option<Placed>,
    /// The bytes a list that could not grow asked for, once memory ran short.
    short_of_memory: Option<usize>,
}

/// Makes room for one more item in a list that grows row by row, asking for it (doubling);
/// `false`, with the bytes asked for in `short`, when memory is short.
fn room_for_one<T>(list: &mut Vec<T>, short: &mut Option<usize>) -> bool {
    if list.len() < list.capacity() {
        return true;
    }
    let more = list.len().max(1024);
    if list.try_reserve(more).is_ok() {
        return true;
    }
    short.get_or_insert(more.saturating_mul(std::mem::size_of::<T>()));
    false
}

impl<'a> ListBuilder<'a> {
    /// A builder for the rows of `tables` (their sources and mappings name the places of
    /// faults); rows come from the first until [`ListBuilder::set_table`].
    pub fn new(tables: &'a [TableInfo]) -> Self {
        Self {
            tables,
            table: 0,
            table_rows: vec![0; tables.len()],
            notes: Vec::new(),
            rows: 0,
            city_name: None,
            places: Texts::default(),
            districts: Vec::new(),
            district_of_text: FxHashMap::default(),
            powers: Vec::new(),
            codes: FxHashMap::default(),
            last_code: None,
            bodies: Vec::new(),
            body_index: FxHashMap::default(),
            key: String::new(),
            held: Vec::new(),
            exclusions: Vec::new(),
            split_powers: rustc_hash::FxHashSet::default(),
            derived_codes: FxHashMap::default(),
            derived_counts: FxHashMap::default(),
            sub_items: 0,
            listings: Vec::new(),
            placed: None,
            short_of_memory: None,
        }
    }

    /// The rows pushed from now on come from the table at `index` of the builder's tables.
    pub fn set_table(&mut self, index: usize) {
        self.table = u16::try_from(index).unwrap_or(u16::MAX);
    }

    /// The source of the current table (for messages).
    fn source(&self) -> &'a str {
        self.source_of(self.table)
    }

    fn source_of(&self, table: u16) -> &'a str {
        let tables: &'a [TableInfo] = self.tables;
        tables.get(table as usize).map_or("", |t| t.source.as_str())
    }

    /// Makes room for `rows` more rows at once; `Err` with the bytes asked for when memory is
    /// short (an error to report, not an abort).
    pub fn try_reserve(&mut self, rows: usize) -> Result<(), usize> {
        self.held
            .try_reserve(rows)
            .map_err(|_| rows.saturating_mul(std::mem::size_of::<PendingRow>()))
    }

    /// The bytes a list of the builder asked for and could not have, if memory ran short (the
    /// rows pushed since were dropped: the import must fail).
    pub fn short_of_memory(&self) -> Option<usize> {
        self.short_of_memory
    }

    /// How many rows were pushed.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// How many rows were pushed from each table, in the order of the builder's tables.
    pub fn rows_by_table(&self) -> &[usize] {
        &self.table_rows
    }

    /// Adds one good row.
    pub fn push(&mut self, row: &ListRow<'_>) {
        self.rows += 1;
        if let Some(count) = self.table_rows.get_mut(self.table as usize) {
            *count += 1;
        }
        let power = self.power(row);
        if row.districts_only {
            self.notes.push(format!(
                "{}:{}: 事项 {} 的行使层级只有区级，实施主体是市级部门，清单未列各区的实施主体：各区计为无主办单位 (the districts exercise it and the list names none of their bodies: a gap in each district)",
                self.source(), row.line, row.code
            ));
        }
        let Some(h) = &row.holder else {
            return;
        };
        if h.level == Level::City && !h.jurisdiction.is_empty() && self.city_name.is_none() {
            self.city_name = Some(h.jurisdiction.to_owned());
        }
        let place_text = if h.level == Level::Street {
            street_text(h, &mut self.key);
            let text = std::mem::take(&mut self.key);
            let place = self.places.intern(&text);
            self.key = text;
            place
        } else {
            self.places.intern(h.jurisdiction)
        };
        if h.level == Level::District && !self.district_of_text.contains_key(&place_text) {
            self.district_of_text
                .insert(place_text, index_u32(self.districts.len()));
            self.districts.push(place_text);
        }
        self.key.clear();
        let level = match h.level {
            Level::City => "c",
            Level::District => "d",
            Level::Street => "s",
        };
        for part in [h.body, level, self.places.get(place_text)] {
            self.key.push_str(part);
            self.key.push('\u{0}');
        }
        let body = if let Some(&body) = self.body_index.get(self.key.as_str()) {
            body
        } else {
            let body = index_u32(self.bodies.len());
            self.body_index.insert(self.key.clone(), body);
            self.bodies.push(PendingBody {
                name: h.body.into(),
                level: h.level,
                place_text,
                district_column: h.district_column,
            });
            body
        };
        // The per-row lists grow by asking (a row that finds no room is dropped and the import
        // fails with 内存不足, rather than the process aborting).
        if !room_for_one(&mut self.held, &mut self.short_of_memory)
            || !room_for_one(&mut self.exclusions, &mut self.short_of_memory)
            || !room_for_one(&mut self.listings, &mut self.short_of_memory)
        {
            return;
        }
        let excludes =
            if h.level != Level::Street && h.role == ListRole::Lead && !h.excludes.is_empty() {
                let texts = h.excludes.iter().map(|d| self.places.intern(d)).collect();
                self.exclusions.push(texts);
                index_u32(self.exclusions.len() - 1)
            } else {
                NO_EXCLUSIONS
            };
        let split = h.level == Level::City
            && h.role == ListRole::Lead
            && h.levels.contains(Level::City)
            && h.levels.contains(Level::District);
        if split {
            self.split_powers.insert(power);
        }
        self.held.push(PendingRow {
            line: index_u32(row.line),
            power,
            body,
            excludes,
            role: h.role,
            split,
            listing: match HoldingListing::of(row.division, row.impl_code) {
                Some(listing) => {
                    self.listings.push(*listing);
                    index_u32(self.listings.len() - 1)
                }
                None => NO_LISTING,
            },
            table: self.table,
        });
    }

    /// The power of a row, added by its first row; a later row that names it differently is
    /// noted.
    fn power(&mut self, row: &ListRow<'_>) -> u32 {
        // A sub-item with a name and no code of its own: its main item's code and a number, in
        // order of first appearance under that main item.
        let derived;
        let code = if row.sub_without_code {
            self.key.clear();
            self.key.push_str(row.code);
            self.key.push('\u{0}');
            self.key.push_str(row.name);
            derived = if let Some(code) = self.derived_codes.get(self.key.as_str()) {
                code.clone()
            } else {
                let count = self.derived_counts.entry(row.code.into()).or_insert(0);
                *count += 1;
                let code: Box<str> = format!("{}-{:02}", row.code, count).into();
                self.derived_codes.insert(self.key.clone(), code.clone());
                code
            };
            &*derived
        } else {
            row.code
        };
        // A list runs by code, so most rows are of the power of the row before.
        let known = match self.last_code {
            Some(power) if self.powers[power as usize].code.as_str() == code => Some(power),
            _ => self.codes.get(code).copied(),
        };
        let power = if let Some(power) = known {
            let first = &self.powers[power as usize];
            if first.name != row.name {
                self.notes.push(format!(
                    "{}:{}: 事项 {} 的名称「{}」与先前的「{}」不同，沿用先前的 (the first name is kept)",
                    self.source(), row.line, code, row.name, first.name
                ));
            }
            power
        } else {
            let power = index_u32(self.powers.len());
            self.codes.insert(code.into(), power);
            if row.main_item.is_some() {
                self.sub_items += 1;
            }
            self.powers.push(Power {
                code: PowerId::new(code),
                name: row.name.to_owned(),
                kind: row.kind,
                field: row.field.to_owned(),
                basis: row.basis.to_owned(),
                matter: None,
                main_item: row.main_item.map(|(code, name)| MainItem {
                    code: code.to_owned(),
                    name: name.to_owned(),
                }),
                duties: row.duties.to_owned(),
                accountability: row.accountability.to_owned(),
            });
            power
        };
        self.last_code = Some(power);
        power
    }

    /// The tables the rows come from.
    pub fn tables(&self) -> &'a [TableInfo] {
        self.tables
    }

    /// How many sub-items (子项) became powers.
    pub fn sub_items(&self) -> usize {
        self.sub_items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(powers: &[u32]) -> Vec<PendingRow> {
        powers
            .iter()
            .enumerate()
            .map(|(i, &power)| PendingRow {
                line: index_u32(i + 2),
                power,
                body: 0,
                excludes: NO_EXCLUSIONS,
                role: ListRole::Lead,
                split: false,
                listing: NO_LISTING,
                table: 0,
            })
            .collect()
    }

    #[test]
    fn parts_cover_the_rows_in_order_and_cut_only_between_powers() {
        // Powers of uneven length, the longest in the middle.
        let mut powers = Vec::new();
        for p in 0..400u32 {
            let length = if p == 200 {
                5_000
            } else {
                100 + (p % 7) as usize * 40
            };
            powers.extend(std::iter::repeat_n(p, length));
        }
        let held = rows(&powers);
        assert!(held.len() >= PARALLEL_ROWS);
        let parts = power_parts(&held);
        assert_eq!(
            parts.len(),
            crate::parallel::parts_for(held.len(), PARALLEL_ROWS)
        );
        let lines: Vec<u32> = parts
            .iter()
            .flat_map(|p| p.iter().map(|r| r.line))
            .collect();
        assert_eq!(lines, held.iter().map(|r| r.line).collect::<Vec<_>>());
        for pair in parts.windows(2) {
            let (before, after) = (pair[0].last().unwrap(), pair[1].first().unwrap());
            assert_ne!(before.power, after.power);
        }
        // A small list is one part.
        assert_eq!(power_parts(&held[..1_000]).len(), 1);
        assert!(power_parts(&[]).is_empty());
    }
}
