//! Settling the rows read into a plan: each row's faults, where each holding lies (districts,
//! streets, exclusions), rows of one power and body merged, street bodies recognised, and the
//! plan built with its report.

#[allow(clippy::wildcard_imports)]
use super::*;

impl ListBuilder<'_> {
    pub(super) fn fault(
        &self,
        errors: &mut Vec<RowError>,
        row: &PendingRow,
        field: Field,
        message: String,
    ) {
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
    pub(super) fn excluded_place(
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
    pub(super) fn excluded_places(&self, placed: &Placed) -> FxHashMap<u32, Option<u32>> {
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
    pub(super) fn district_names(&self) -> BTreeMap<&str, JurisdictionId> {
        self.districts
            .iter()
            .map(|d| (self.places.get(*d), JurisdictionId::new("")))
            .collect()
    }

    /// Settles where every jurisdiction and body lies, now that every district is known.
    pub(super) fn settle(&self) -> Placed {
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
    pub(super) fn sort_and_merge(&mut self, held: &mut Vec<PendingRow>, body_ids: &[BodyId]) {
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
    pub(super) fn merge_street_bodies(&mut self, placed: &mut Placed, held: &mut [PendingRow]) {
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
        let bodies = self.body_records(&placed, &body_ids);
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
        let excluded_places = self.excluded_places(&placed);
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
            let cases = self.cases_of(row, &role);
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
        Ok((self.plan_of(state), notes))
    }

    /// The records of the bodies, with their ids and places.
    fn body_records(&self, placed: &Placed, body_ids: &[BodyId]) -> Vec<Body> {
        self.bodies
            .iter()
            .zip(body_ids)
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
            .collect()
    }

    /// The cases a row's holding takes: 分级管辖, where the list has districts to take the
    /// ordinary cases: the city's split row of a split power takes the major ones, each
    /// district's lead the rest; `None` (every case) for any other.
    fn cases_of(&self, row: &PendingRow, role: &Role) -> Option<Cases> {
        if *role != Role::Lead
            || self.districts.is_empty()
            || !self.split_powers.contains(&row.power)
        {
            None
        } else if row.split {
            Some(Cases::Major)
        } else if self.bodies[row.body as usize].level != Level::City {
            Some(Cases::Ordinary)
        } else {
            None
        }
    }

    /// The plan of a state read from the lists, titled and described by its sources.
    fn plan_of(&self, state: State) -> Plan {
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
        Plan {
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
            review: crate::plan::Review::default(),
        }
    }
}

/// Merges the 承办机构 and 实施编码 of a later row of the same (power, body) into the first's.
pub(super) fn merge_listing(
    listings: &mut [HoldingListing],
    first: &mut PendingRow,
    later: &PendingRow,
) {
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
pub(super) struct Placed {
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
pub(super) const PARALLEL_ROWS: usize = 50_000;

/// The sorted rows in parts of about equal size, each part's first row the first of its power:
/// one part per core (at most four) for a province's list, one for a smaller list.
pub(super) fn power_parts(rows: &[PendingRow]) -> Vec<&[PendingRow]> {
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
pub(super) fn excluded<'e>(exclusions: &'e [Vec<u32>], row: &PendingRow) -> &'e [u32] {
    exclusions
        .get(row.excludes as usize)
        .map_or(&[], Vec::as_slice)
}

/// An index as `u32` (a list holds at most 24 million cells, so far fewer records).
pub(super) fn index_u32(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

/// The rank of each item by a text key: `ranks(items)[i]` is item i's place in key order.
pub(super) fn ranks<T>(items: &[T], key: impl Fn(&T) -> &str) -> Vec<u32> {
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
pub(super) fn entrusting_body(
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
