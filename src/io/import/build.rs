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

use super::row::street_in_name;
use super::{Field, HeaderMapping, ListHolder, ListRole, ListRow, RowError};
use crate::analysis::rules::RuleConfig;
use crate::model::{
    Body, BodyId, BodyKind, Cases, Holding, HoldingListing, Jurisdiction, JurisdictionId, Level,
    MainItem, Power, PowerId, Role, Staffing, Standing, State, StateRecords,
};
use crate::plan::Plan;

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

/// One row with a holder, by index: its line, power, body and role, and for a city lead the 辖区
/// texts it excludes (an index of [`ListBuilder::exclusions`]; [`NO_EXCLUSIONS`] for any other
/// row). Twenty bytes: a province's list has hundreds of thousands.
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

/// [`PendingRow::excludes`] of a row that is not a city or district lead.
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
    /// The 辖区 texts each city or district lead row excludes (most lists have no such column:
    /// all empty).
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
        let excludes = if h.level != Level::Street && h.role == ListRole::Lead {
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

    fn fault(&self, errors: &mut Vec<RowError>, row: &PendingRow, field: Field, message: String) {
        let Some(table) = self.tables.get(row.table as usize) else {
            return;
        };
        let line = row.line as usize;
        let column = table.mapping.column(field);
        errors.push(RowError {
            source: table.source.clone(),
            line,
            column: column.map(|c| c + 1),
            header: column.map_or_else(
                || field.label_zh().to_owned(),
                |c| table.mapping.header(c).to_owned(),
            ),
            message,
            spreadsheet: table.spreadsheet,
        });
    }

    /// The place a 不含辖区 text names: a district of the list, or a street of the list written
    /// 「区/街道」 (as Shiquan's export writes it).
    fn excluded_place(
        &self,
        placed: &Placed,
        names: &BTreeMap<&str, JurisdictionId>,
        text: u32,
    ) -> Option<u32> {
        if let Some(n) = self.district_of_text.get(&text) {
            return Some(n + 1);
        }
        let text = self.places.get(text).replace('／', "/");
        let (district, street) = place_street(&text, "", names)?;
        let district = self
            .district_of_text
            .get(self.places.index.get(district)?)?
            + 1;
        placed.streets.get(&(district, street)).copied()
    }

    /// Where each text that a 不含辖区 cell names lies (see [`Self::excluded_place`]), worked
    /// out once per distinct text: a province's district rows each exclude a few of a thousand
    /// streets, and naming the districts and splitting 「区/街道」 per row was a third of
    /// `check LIST`.
    fn excluded_places(&self, placed: &Placed) -> FxHashMap<u32, Option<u32>> {
        let names = self.district_names();
        let mut places = FxHashMap::default();
        for &text in self.exclusions.iter().flatten() {
            places
                .entry(text)
                .or_insert_with(|| self.excluded_place(placed, &names, text));
        }
        places
    }

    /// The districts' names (their ids are not needed here).
    fn district_names(&self) -> BTreeMap<&str, JurisdictionId> {
        self.districts
            .iter()
            .map(|d| (self.places.get(*d), JurisdictionId::new("")))
            .collect()
    }

    /// Settles where every jurisdiction and body lies, now that every district is known.
    fn settle(&self) -> Placed {
        let city_id = JurisdictionId::new("city");
        let mut jurisdictions = vec![Jurisdiction {
            id: city_id.clone(),
            name: self.city_name.clone().unwrap_or_else(|| "本市".to_owned()),
            level: Level::City,
            parent: None,
        }];
        // Jurisdictions by index: 0 is the city, then the districts, then the streets.
        let mut places: Vec<JurisdictionId> = vec![city_id.clone()];
        let mut district_names: BTreeMap<&str, JurisdictionId> = BTreeMap::new();
        for (i, &text) in self.districts.iter().enumerate() {
            let id = JurisdictionId::new(format!("district-{:02}", i + 1));
            let name = self.places.get(text);
            places.push(id.clone());
            district_names.insert(name, id.clone());
            jurisdictions.push(Jurisdiction {
                id,
                name: name.to_owned(),
                level: Level::District,
                parent: Some(city_id.clone()),
            });
        }
        // The place of a district's 辖区 text (district n is place n + 1).
        let district_place = |text: u32| self.district_of_text.get(&text).map(|n| n + 1);
        // The district each place lies in (the city: none).
        let mut district_of: Vec<Option<u32>> = (0..places.len())
            .map(|i| (i > 0).then(|| index_u32(i)))
            .collect();
        // Each body's place; streets in order of first appearance (a body's first row is the
        // first row of its 辖区 text among the rows of that level), one per (district, street),
        // numbered within their district: `district-02-street-03`.
        let mut streets: FxHashMap<(u32, String), u32> = FxHashMap::default();
        let mut streets_in: Vec<u32> = vec![0; places.len()];
        let body_place: Vec<Option<u32>> = self
            .bodies
            .iter()
            .map(|body| match body.level {
                Level::City => Some(0),
                Level::District => district_place(body.place_text),
                Level::Street => {
                    let text = self.places.get(body.place_text);
                    let (district, name) = place_street(text, &body.name, &district_names)?;
                    let district = district_place(self.places.index[district]).unwrap_or(0);
                    if let Some(&place) = streets.get(&(district, name.clone())) {
                        return Some(place);
                    }
                    let place = index_u32(places.len());
                    let count = &mut streets_in[district as usize];
                    *count += 1;
                    let parent = places[district as usize].clone();
                    let id = JurisdictionId::new(format!("{}-street-{count:02}", parent.as_str()));
                    places.push(id.clone());
                    district_of.push(Some(district));
                    jurisdictions.push(Jurisdiction {
                        id,
                        name: name.clone(),
                        level: Level::Street,
                        parent: Some(parent),
                    });
                    streets.insert((district, name), place);
                    Some(place)
                }
            })
            .collect();
        let mut street_bodies: FxHashMap<(&str, u32), u32> = FxHashMap::default();
        let same_body = self
            .bodies
            .iter()
            .zip(&body_place)
            .enumerate()
            .map(|(i, (body, place))| match (body.level, place) {
                (Level::Street, Some(place)) => *street_bodies
                    .entry((&*body.name, *place))
                    .or_insert(index_u32(i)),
                _ => index_u32(i),
            })
            .collect();
        Placed {
            jurisdictions,
            places,
            district_of,
            body_place,
            streets,
            same_body,
        }
    }

    /// The faults only visible across rows: a street with no district, an excluded district
    /// that is not one. With faults there is no plan: the caller refuses the list, or reads it
    /// again without the faulty rows.
    pub fn faults(&mut self) -> Vec<RowError> {
        let placed = self.placed.take().unwrap_or_else(|| self.settle());
        let excluded_places = self.excluded_places(&placed);
        let mut errors = Vec::new();
        for row in &self.held {
            let body = &self.bodies[row.body as usize];
            if placed.body_place[row.body as usize].is_none() {
                let text = self.places.get(body.place_text);
                let is_district = self.districts.iter().any(|d| self.places.get(*d) == text);
                let (field, message) = if is_district {
                    (
                        Field::Jurisdiction,
                        format!(
                            "「{text}」是区，实施主体「{}」的名称未写明街道：请写作「{text}/街道名」 (a street body needs its street: write 区/街道 in 辖区)",
                            body.name
                        ),
                    )
                } else if let [a, b, ..] = districts_before(text, &self.district_names())
                    .collect::<Vec<_>>()
                    .as_slice()
                {
                    (
                        Field::Jurisdiction,
                        format!(
                            "街道「{text}」可属「{a}」也可属「{b}」：请写作「区名/街道名」 (the street could be in either district: write 区/街道)"
                        ),
                    )
                } else if body.district_column {
                    let district = text.split_once('/').map_or(text, |(d, _)| d);
                    (
                        Field::District,
                        format!(
                            "所属区「{district}」不是清单中的区（清单的区是区级事项的辖区） (not a district of the list: the districts are those of the 区级 rows)"
                        ),
                    )
                } else {
                    (
                        Field::Jurisdiction,
                        format!(
                            "街道「{text}」不在清单的任何区内；请写作「区名/街道名」，或在所属区列写区名 (name the street's district as 区/街道, or in a 所属区 column; the districts are those of the 区级 rows)"
                        ),
                    )
                };
                self.fault(&mut errors, row, field, message);
            }
            let excludes = excluded(&self.exclusions, row);
            if !excludes.is_empty() {
                let own = placed.body_place[row.body as usize];
                for &text in excludes {
                    let place = excluded_places.get(&text).copied().flatten();
                    let message = match (body.level, place) {
                        (_, None) => format!(
                            "「{}」不是清单中的区或街道（街道写作「区/街道」） (not a district or street of the list)",
                            self.places.get(text)
                        ),
                        (Level::District, Some(p))
                            if own.is_none()
                                || placed.district_of[p as usize] != own
                                || Some(p) == own =>
                        {
                            format!(
                                "「{}」不是本区的街道：区级主办事项只可不含本区的街道 (a district lead row may exclude only its own streets)",
                                self.places.get(text)
                            )
                        }
                        _ => continue,
                    };
                    self.fault(&mut errors, row, Field::Excludes, message);
                }
            }
        }
        self.placed = Some(placed);
        errors
    }

    /// Sorts the rows by (power, body) in id order, as the state keeps them, and merges each
    /// body's rows for one power into one, as the module's notes say. The sorts are stable, so
    /// those rows stay in file order. A list runs by power, so the rows usually are in power
    /// order already (checked in one pass) and only each power's few rows need sorting.
    fn sort_and_merge(&mut self, held: &mut Vec<PendingRow>, body_ids: &[BodyId]) {
        let power_rank = ranks(&self.powers, |p| p.code.as_str());
        let body_rank = ranks(body_ids, BodyId::as_str);
        let power_of = |h: &PendingRow| power_rank[h.power as usize];
        if !held.is_sorted_by_key(power_of) {
            held.sort_by_key(power_of);
        }
        for holders in held.chunk_by_mut(|a, c| a.power == c.power) {
            holders.sort_by_key(|h| body_rank[h.body as usize]);
        }
        let exclusions = &mut self.exclusions;
        let listings = &mut self.listings;
        held.dedup_by(|later, first| {
            if (later.power, later.body) != (first.power, first.body) {
                return false;
            }
            // One body's rows of one power: its divisions together, the first 实施编码.
            merge_listing(listings, first, later);
            if later.role.strength() > first.role.strength() {
                first.role = later.role;
                first.excludes = later.excludes;
                first.split = later.split;
            } else if later.role == ListRole::Lead && first.role == ListRole::Lead {
                // A whole lead row and a 分级管辖 row: the body takes every case.
                first.split &= later.split;
                // Two lead rows: the body covers what either covers.
                let kept = excluded(exclusions, later).to_vec();
                if let Some(a) = exclusions.get_mut(first.excludes as usize) {
                    a.retain(|d| kept.contains(d));
                }
            }
            true
        });
    }

    /// Makes a street body whose rows wrote its place two ways one body, its first: its rows
    /// are the first's, and the bodies after it move up one.
    fn merge_street_bodies(&mut self, placed: &mut Placed, held: &mut [PendingRow]) {
        let same = std::mem::take(&mut placed.same_body);
        if same.iter().enumerate().all(|(i, s)| *s as usize == i) {
            return;
        }
        let mut compact = vec![0; same.len()];
        let mut next = 0;
        for (i, s) in same.iter().enumerate() {
            if *s as usize == i {
                compact[i] = next;
                next += 1;
            }
        }
        for row in held.iter_mut() {
            row.body = compact[same[row.body as usize] as usize];
        }
        let kept = |i: &usize| same[*i] as usize == *i;
        let bodies = std::mem::take(&mut self.bodies);
        self.bodies = bodies
            .into_iter()
            .enumerate()
            .filter(|(i, _)| kept(i))
            .map(|(_, b)| b)
            .collect();
        let places = std::mem::take(&mut placed.body_place);
        placed.body_place = places
            .into_iter()
            .enumerate()
            .filter(|(i, _)| kept(i))
            .map(|(_, p)| p)
            .collect();
    }

    /// The plan of the rows pushed, and the notes. Call it when [`ListBuilder::faults`] finds
    /// none. `Err` only if the records break the model, which the checks here rule out.
    pub fn into_plan(mut self) -> Result<(Plan, Vec<String>), String> {
        let mut placed = self.placed.take().unwrap_or_else(|| self.settle());
        let mut notes = std::mem::take(&mut self.notes);
        let mut held = std::mem::take(&mut self.held);
        self.merge_street_bodies(&mut placed, &mut held);
        let body_ids: Vec<BodyId> = (1..=self.bodies.len())
            .map(|n| BodyId::new(format!("body-{n:04}")))
            .collect();
        self.sort_and_merge(&mut held, &body_ids);
        let bodies = self
            .bodies
            .iter()
            .zip(&body_ids)
            .zip(&placed.body_place)
            .map(|((body, id), place)| {
                let kind = guess_kind(&body.name);
                Body {
                    id: id.clone(),
                    name: body.name.to_string(),
                    kind,
                    jurisdiction: placed.places[place.unwrap_or(0) as usize].clone(),
                    parent: None,
                    tags: BTreeSet::new(),
                    staffing: Staffing::default(),
                    budget_wan: 0,
                    standing: guess_standing(&body.name, kind),
                    supervisor: None,
                }
            })
            .collect();
        let power_ids: Vec<PowerId> = self.powers.iter().map(|p| p.code.clone()).collect();
        let records = StateRecords {
            jurisdictions: std::mem::take(&mut placed.jurisdictions),
            bodies,
            powers: std::mem::take(&mut self.powers),
            ..StateRecords::default()
        };

        // Entrusting bodies, then the holdings, straight into the state. Each power's holders
        // are one run of the sorted rows.
        let placed_body = |body: u32| -> (Level, u32) {
            (
                self.bodies[body as usize].level,
                placed.body_place[body as usize].unwrap_or(0),
            )
        };
        let has_districts = !self.districts.is_empty();
        let excluded_places = self.excluded_places(&placed);
        let split_powers = &self.split_powers;
        let holding = |row: &PendingRow, holders: &[PendingRow], notes: &mut Vec<String>| {
            let role = match row.role {
                ListRole::Lead => Role::Lead,
                ListRole::Assist => Role::Assist,
                ListRole::Entrusted => {
                    if let Some(by) =
                        entrusting_body(row, holders, &placed_body, &placed.district_of)
                    {
                        Role::Entrusted {
                            by: body_ids[by as usize].clone(),
                        }
                    } else {
                        notes.push(format!(
                            "{}:{}: 事项 {} 仅此一个实施主体受委托，无委托方，按协办导入 (no body to act for; imported as assist)",
                            self.source_of(row.table), row.line, power_ids[row.power as usize]
                        ));
                        Role::Assist
                    }
                }
            };
            let excludes = excluded(&self.exclusions, row)
                .iter()
                .filter_map(|text| excluded_places.get(text).copied().flatten())
                .map(|p| placed.places[p as usize].clone())
                .collect();
            // 分级管辖, where the list has districts to take the ordinary cases: the city's
            // split row takes the major ones, each district's lead the rest.
            let cases =
                if role != Role::Lead || !has_districts || !split_powers.contains(&row.power) {
                    None
                } else if row.split {
                    Some(Cases::Major)
                } else if self.bodies[row.body as usize].level != Level::City {
                    Some(Cases::Ordinary)
                } else {
                    None
                };
            Holding {
                listing: (row.listing != NO_LISTING)
                    .then(|| Box::new(self.listings[row.listing as usize].clone())),
                power: power_ids[row.power as usize].clone(),
                body: body_ids[row.body as usize].clone(),
                role,
                excludes,
                cases,
                grant: None,
            }
        };
        // A province's rows in parts, split between powers, each part's holdings built on a core
        // of its own; each part's notes are kept apart and follow each other in order.
        let parts = power_parts(&held);
        let mut part_notes: Vec<Vec<String>> = vec![Vec::new(); parts.len()];
        let holding = &holding;
        let holdings = parts
            .iter()
            .zip(part_notes.iter_mut())
            .map(|(rows, notes)| {
                rows.chunk_by(|a, c| a.power == c.power)
                    .flat_map(|holders| holders.iter().map(move |row| (row, holders)))
                    .map(move |(row, holders)| holding(row, holders, notes))
            });
        let state = State::from_sorted_holdings(records, holdings).map_err(|errors| {
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        })?;
        notes.extend(part_notes.into_iter().flatten());
        let first = self.source_of(0);
        let stem = Path::new(first)
            .file_stem()
            .map_or_else(|| first.to_owned(), |s| s.to_string_lossy().into_owned());
        let sources: BTreeSet<&str> = self.tables.iter().map(|t| t.file.as_str()).collect();
        let (stem, source) = if sources.len() > 1 {
            (
                format!("{stem} 等 {} 份", sources.len()),
                sources.into_iter().collect::<Vec<_>>().join("、"),
            )
        } else {
            (stem, first.to_owned())
        };
        let plan = Plan {
            title: format!("权责清单：{stem}"),
            description: format!(
                "由权责清单 {source} 导入：{} 行，事项 {} 项，机构 {} 个，辖区 {} 个。",
                self.rows,
                state.powers().len(),
                state.bodies().len(),
                state.jurisdictions().len()
            ),
            baseline: state,
            scenarios: Vec::new(),
            rules: RuleConfig::default(),
        };
        Ok((plan, notes))
    }
}

/// Merges the 承办机构 and 实施编码 of a later row of the same (power, body) into the first's.
fn merge_listing(listings: &mut [HoldingListing], first: &mut PendingRow, later: &PendingRow) {
    if later.listing == NO_LISTING {
        return;
    }
    if first.listing == NO_LISTING {
        first.listing = later.listing;
        return;
    }
    let later = listings[later.listing as usize].clone();
    let first = &mut listings[first.listing as usize];
    if !later.division.is_empty() && !first.division.split('、').any(|d| d == later.division) {
        if !first.division.is_empty() {
            first.division.push('、');
        }
        first.division.push_str(&later.division);
    }
    if first.impl_code.is_empty() {
        first.impl_code = later.impl_code;
    }
}

/// Where a [`ListBuilder`] settled the jurisdictions and bodies: the jurisdictions' records and
/// ids by place (0 the city, then the districts, then the streets), the district of each place,
/// and each body's place (`None`: a street in no district).
struct Placed {
    jurisdictions: Vec<Jurisdiction>,
    places: Vec<JurisdictionId>,
    district_of: Vec<Option<u32>>,
    body_place: Vec<Option<u32>>,
    /// The street places by (district place, street name).
    streets: FxHashMap<(u32, String), u32>,
    /// Each body's first body of its name in its street (itself but for a street body whose
    /// rows wrote its place two ways, 「丙区-东街道」 and 「丙区东街道」).
    same_body: Vec<u32>,
}

/// From how many rows a list's holdings are built in parts, on as many cores.
const PARALLEL_ROWS: usize = 50_000;

/// The sorted rows in parts of about equal size, each part's first row the first of its power:
/// one part per core (at most four) for a province's list, one for a smaller list.
fn power_parts(rows: &[PendingRow]) -> Vec<&[PendingRow]> {
    let wanted = crate::parallel::parts_for(rows.len(), PARALLEL_ROWS);
    let mut parts = Vec::with_capacity(wanted);
    let mut rest = rows;
    for k in (1..=wanted).rev() {
        let mut cut = rest.len() / k;
        while cut > 0 && cut < rest.len() && rest[cut].power == rest[cut - 1].power {
            cut += 1;
        }
        let (part, after) = rest.split_at(if k == 1 { rest.len() } else { cut });
        if !part.is_empty() {
            parts.push(part);
        }
        rest = after;
    }
    parts
}

/// The 辖区 texts a row excludes (none unless it is a city or district lead row).
fn excluded<'e>(exclusions: &'e [Vec<u32>], row: &PendingRow) -> &'e [u32] {
    exclusions
        .get(row.excludes as usize)
        .map_or(&[], Vec::as_slice)
}

/// An index as `u32` (a list holds at most 24 million cells, so far fewer records).
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
/// other holder. `placed` gives a body's level and place.
fn entrusting_body(
    held: &PendingRow,
    holders: &[PendingRow],
    placed: &impl Fn(u32) -> (Level, u32),
    district_of: &[Option<u32>],
) -> Option<u32> {
    let here = placed(held.body);
    let leads = holders
        .iter()
        .filter(|other| other.body != held.body && other.role == ListRole::Lead)
        .map(|other| other.body);
    let same_place = leads.clone().find(|&o| placed(o) == here);
    let city = leads.clone().find(|&o| placed(o).0 == Level::City);
    let same_district =
        district_of[here.1 as usize].and_then(|d| leads.clone().find(|&o| placed(o).1 == d));
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

/// The 辖区 text a street row's body is told apart by and placed by: 「区/街道」 where the row
/// writes it so (also 「区／街道」) or gives the district apart from 辖区 (its 所属区, or its
/// body's name: 「乙区东街道综合行政执法队」 is 「乙区/东街道」); else 辖区 as written, placed once
/// every district is known ([`place_street`]). Written into `out`.
fn street_text(h: &ListHolder<'_>, out: &mut String) {
    out.clear();
    let place = h.jurisdiction;
    if let Some((district, street)) = place.split_once(['/', '／']) {
        out.push_str(district.trim());
        out.push('/');
        out.push_str(street.trim());
        return;
    }
    if h.district.is_empty() {
        out.push_str(place);
        return;
    }
    let street = if place.is_empty() || place == h.district {
        street_in_name(h.body).unwrap_or("")
    } else {
        place
            .strip_prefix(h.district)
            .filter(|rest| plausible_street(rest))
            .unwrap_or(place)
    };
    out.push_str(h.district);
    out.push('/');
    out.push_str(street);
}

/// Whether the rest of a 辖区 after a district's name is a street's own name (「东街道」 of
/// 「乙区东街道」), not a bare level (「街道」) or a character.
fn plausible_street(rest: &str) -> bool {
    rest.chars().count() >= 2
        && !rest.starts_with(['-', '－', '—', '/', '／'])
        && !matches!(
            rest,
            "街道" | "乡镇" | "镇街" | "街镇" | "街道办" | "街道办事处" | "乡镇街道"
        )
}

/// A street's district (its name as the map keys it) and its own name, from its 辖区 text (see
/// [`street_text`]) and its body's name, given the districts' names; conservative, `None` where
/// the district is not one of the list's or the text can be read two ways:
///
/// 1. 「区/街道」: the district must be the list's;
/// 2. a district's name alone: the street its body's name says (「东街道综合行政执法队」);
/// 3. 「区-街道」 (also －, —), one dash, the district's name before it;
/// 4. a district's name then the street's (「甲区东街道」), where only one district's name can
///    begin it;
/// 5. any other name, in a list of one district: a street of that district.
fn place_street<'d>(
    text: &str,
    body: &str,
    districts: &'d BTreeMap<&str, JurisdictionId>,
) -> Option<(&'d str, String)> {
    let district = |name: &str| districts.get_key_value(name.trim()).map(|(name, _)| *name);
    if let Some((name, street)) = text.split_once('/') {
        let street = street.trim();
        return district(name)
            .filter(|_| !street.is_empty())
            .map(|d| (d, street.to_owned()));
    }
    if let Some(d) = district(text) {
        return street_in_name(body).map(|street| (d, street.to_owned()));
    }
    for dash in ['-', '－', '—'] {
        if text.matches(dash).count() == 1
            && let Some((name, street)) = text.split_once(dash)
            && let Some(d) = district(name)
            && !street.trim().is_empty()
        {
            return Some((d, street.trim().to_owned()));
        }
    }
    let prefixes: Vec<&str> = districts_before(text, districts).collect();
    let split: Vec<&str> = prefixes
        .iter()
        .copied()
        .filter(|name| plausible_street(&text[name.len()..]))
        .collect();
    match (split.as_slice(), prefixes.as_slice()) {
        ([name], _) => Some((*name, text[name.len()..].to_owned())),
        // A district's name then no street's own: the whole text is the street's.
        ([], [name]) => Some((*name, text.to_owned())),
        ([], []) if districts.len() == 1 => {
            districts.keys().next().map(|name| (*name, text.to_owned()))
        }
        // Two districts' names could begin it (甲区 and 甲区东 of 「甲区东风街道」): not safe.
        _ => None,
    }
}

/// The districts whose name begins a street's 辖区 text and leaves something after it.
fn districts_before<'d, 't>(
    text: &'t str,
    districts: &'d BTreeMap<&str, JurisdictionId>,
) -> impl Iterator<Item = &'d str> + 't
where
    'd: 't,
{
    districts
        .keys()
        .copied()
        .filter(move |name| text.len() > name.len() && text.starts_with(*name))
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
    fn a_streets_place_is_read_conservatively() {
        let names = ["甲区", "乙区", "甲区东"];
        let districts: BTreeMap<&str, JurisdictionId> = names
            .iter()
            .map(|n| (*n, JurisdictionId::new(*n)))
            .collect();
        let place = |text: &str, body: &str| {
            place_street(text, body, &districts).map(|(d, s)| format!("{d}/{s}"))
        };
        let team = "综合行政执法队";
        assert_eq!(place("甲区/东街道", team).as_deref(), Some("甲区/东街道"));
        assert_eq!(place("丙区/东街道", team), None);
        assert_eq!(place("甲区/", team), None);
        assert_eq!(place("乙区-西街道", team).as_deref(), Some("乙区/西街道"));
        assert_eq!(place("乙区－西街道", team).as_deref(), Some("乙区/西街道"));
        // Two dashes, or a dash after no district: read as a name, which fits no district.
        assert_eq!(
            place("乙区-西-街道", team).as_deref(),
            Some("乙区/乙区-西-街道")
        );
        assert_eq!(place("丙区-西街道", team), None);
        // A district's name then the street's, where only one district's name can begin it.
        assert_eq!(place("乙区南街道", team).as_deref(), Some("乙区/南街道"));
        assert_eq!(place("甲区西街道", team).as_deref(), Some("甲区/西街道"));
        assert_eq!(place("甲区东风街道", team), None);
        // What is left is no street's own name: the whole text is the street's.
        assert_eq!(place("乙区街道", team).as_deref(), Some("乙区/乙区街道"));
        // A district alone: the street the body's name says, or none.
        assert_eq!(
            place("乙区", "南街道综合行政执法队").as_deref(),
            Some("乙区/南街道")
        );
        assert_eq!(place("乙区", team), None);
        // A street in a list of several districts, and of one.
        assert_eq!(place("东街道", team), None);
        let one: BTreeMap<&str, JurisdictionId> = [("甲区", JurisdictionId::new("d"))].into();
        assert_eq!(
            place_street("东街道", team, &one),
            Some(("甲区", "东街道".to_owned()))
        );
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
