//! Numbers the panels need every frame, derived from the document and cached by its revision:
//! the baseline's coverage (for "before → after"), findings per body and per district, the
//! findings in the order the list shows them, the jurisdictions in lane order with their bodies
//! by name (the tree), fields and tags for the filters, and search hits. Drawing stays cheap: at
//! province scale (32k findings, 900 bodies in 101 jurisdictions) sorting or grouping them every
//! frame costs milliseconds.
//!
//! After an edit the cache follows it rather than starting again: the document says which
//! powers and bodies its changes touched and which rule findings came and went
//! ([`Document::changes_since`]), the findings rows replace the findings that changed
//! ([`rows`]), and each count takes back what the old finding or record gave it and adds what
//! the new one gives. A province's edit costs a fraction of a
//! millisecond here, where counting again took tens. Whatever the path, the cache equals one
//! built from scratch on the same document (`tests/window/ui_incremental.rs`).
//!
//! Two views of the findings serve the panels around the lanes:
//!
//! - [`Derived::place_findings`]: the overlaps and gaps of one jurisdiction (a street's own, a
//!   district's with its streets'), counted as the findings come and go, so a lane's mark costs
//!   a map look-up per frame.
//! - The findings list follows the filters (field, kind, tag, district, only changed, and the
//!   finding kind a status-bar count sets): the rows that pass are listed once per revision or
//!   change of the filters ([`Derived::shown_findings_len`], [`Derived::shown_finding`]), never
//!   per frame; with no filter set the list is every row and nothing is listed.

mod filters;
pub mod rows;

use std::collections::{BTreeMap, BTreeSet};

use self::rows::{FindingRows, RowChange};
use crate::analysis::rules::RuleChanges;
use crate::analysis::summary::{Counts, LeadChanges};
use crate::analysis::{Coverage, Finding, FindingCounts, FindingKind};
use crate::model::{Body, BodyId, JurisdictionId, Power, PowerId, State, Touched, TouchedRecords};
use crate::session::{ChangesSince, Document};
use crate::ui::state::Filters;

/// Findings that touch one body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BodyFindings {
    /// Overlaps it is part of.
    pub overlaps: usize,
    /// Rule findings that name it.
    pub rules: usize,
}

impl BodyFindings {
    fn is_empty(self) -> bool {
        self == Self::default()
    }
}

/// The overlaps and gaps of one jurisdiction ([`Derived::place_findings`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlaceFindings {
    /// 多头执法
    pub overlaps: usize,
    /// 管理盲区
    pub gaps: usize,
}

impl PlaceFindings {
    fn is_empty(self) -> bool {
        self == Self::default()
    }
}

/// The cache.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Derived {
    revision: Option<u64>,
    query: Option<String>,
    filters: Option<Filters>,
    baseline_of: Option<crate::session::View>,
    /// Coverage of the baseline while a scenario is shown; `None` on the baseline itself, whose
    /// coverage is the document's own (a copy would cost 500k lists at province scale, after
    /// every edit). Read it through [`Derived::baseline_coverage`].
    scenario_baseline_coverage: Option<Coverage>,
    /// Counts of the baseline while a scenario is shown; on the baseline, its own counts. Read
    /// them through [`Derived::baseline_counts`].
    scenario_baseline_counts: Option<Counts>,
    /// Counts of the current state.
    pub counts: Option<Counts>,
    /// Finding counts of the current state.
    pub finding_counts: FindingCounts,
    /// Findings per body.
    pub by_body: BTreeMap<BodyId, BodyFindings>,
    /// Gaps per district.
    pub gaps_by_district: BTreeMap<JurisdictionId, usize>,
    /// Overlaps per district.
    pub overlaps_by_district: BTreeMap<JurisdictionId, usize>,
    /// Overlaps and gaps per jurisdiction: each territory's own, a district's with its streets'
    /// (read through [`Derived::place_findings`]).
    /// Hashed: every finding of a province (a few hundred thousand) is counted here on opening.
    by_place: rustc_hash::FxHashMap<JurisdictionId, PlaceFindings>,
    /// The rows of `findings` that pass the filters, in order; `None` when no filter applies
    /// to the findings (every row is shown).
    shown: Option<Vec<u32>>,
    /// Every field of the powers, sorted.
    pub fields: Vec<String>,
    /// Every tag of the bodies, sorted.
    pub tags: Vec<String>,
    /// Every finding, most severe first (stable: the analysis's own order within a severity):
    /// the findings list's rows.
    pub findings: FindingRows,
    /// The jurisdictions top to bottom (city, then each district followed by its streets).
    pub lane_order: Vec<JurisdictionId>,
    /// The bodies of each jurisdiction that has any, sorted by name (then id).
    pub bodies_by_jurisdiction: BTreeMap<JurisdictionId, Vec<BodyId>>,
    /// Powers whose leads differ from the baseline.
    pub moved_powers: BTreeSet<PowerId>,
    /// Bodies that match the search.
    pub body_hits: BTreeSet<BodyId>,
    /// Powers that match the search.
    pub power_hits: BTreeSet<PowerId>,
    /// Powers that pass the power filters (field, kind, district with a finding).
    pub powers_passing: BTreeSet<PowerId>,
    /// Bodies that pass the body filters (tag, findings, leading a passing power).
    pub bodies_passing: BTreeSet<BodyId>,
    /// The open review opinions, by what they are about (badges, the 「只看待处理意见」 filter).
    pub opinions: super::OpenOpinions,
    /// Each body as the counts, the tree and the tags last saw it: what to take back when it
    /// changes.
    bodies_seen: BTreeMap<BodyId, Body>,
    /// Each power's field as `fields` last counted it.
    power_fields: BTreeMap<PowerId, String>,
    /// How many powers have each field (the keys are `fields`).
    field_counts: BTreeMap<String, usize>,
    /// How many bodies have each tag (the keys are `tags`).
    tag_counts: BTreeMap<String, usize>,
}

impl Derived {
    /// Coverage of the baseline: the "before" of a scenario, or the document's own coverage.
    pub fn baseline_coverage<'d>(&'d self, doc: &'d Document) -> &'d Coverage {
        self.scenario_baseline_coverage
            .as_ref()
            .unwrap_or(&doc.analysis().coverage)
    }

    /// Counts of the baseline: the "before" of a scenario, or the current counts.
    pub fn baseline_counts(&self) -> Option<&Counts> {
        self.scenario_baseline_counts
            .as_ref()
            .or(self.counts.as_ref())
    }

    /// The overlaps and gaps of a jurisdiction, for a lane's mark: a territory's own (a street,
    /// a district without streets), a district's with those of its streets; none for the city
    /// of a plan with districts. Counted once per revision, as the findings change: a look-up.
    pub fn place_findings(&self, place: &JurisdictionId) -> PlaceFindings {
        self.by_place.get(place).copied().unwrap_or_default()
    }

    /// How many rows the findings list shows (those that pass the filters).
    pub fn shown_findings_len(&self) -> usize {
        self.shown
            .as_ref()
            .map_or_else(|| self.findings.len(), Vec::len)
    }

    /// The finding the findings list shows at position `index`, with its row among every
    /// finding (stable for a revision, whatever the filters).
    pub fn shown_finding(&self, index: usize) -> Option<(usize, &Finding)> {
        let row = match &self.shown {
            Some(rows) => *rows.get(index)? as usize,
            None => index,
        };
        Some((row, self.findings.get(row)?))
    }

    /// Whether the filters hide some findings from the list.
    pub fn findings_filtered(&self) -> bool {
        self.shown.is_some()
    }

    /// Brings the cache up to date: after edits, by following the records they touched; after
    /// anything else (another view, other rules), from scratch. A cache serves one document:
    /// another document starts with a new cache, as the window does.
    pub fn refresh(&mut self, doc: &Document, search: &str, filters: &Filters) {
        let revision = doc.revision();
        let mut findings_stale = false;
        if self.revision != Some(revision) {
            findings_stale = true;
            let followed = match self.revision.and_then(|r| doc.changes_since(r)) {
                Some(ChangesSince {
                    touched: Touched::Records(records),
                    rule_findings,
                    ..
                }) => self.follow(doc, &records, &rule_findings, search, filters),
                Some(_) | None => false,
            };
            if !followed {
                self.recompute(doc);
                self.query = None;
                self.filters = None;
            }
            self.revision = Some(revision);
            self.opinions = super::OpenOpinions::of(doc);
        }
        if self.query.as_deref() != Some(search) {
            self.query = Some(search.to_owned());
            self.search(doc, search);
        }
        if self.filters.as_ref() != Some(filters) {
            self.filters = Some(filters.clone());
            self.filter(doc, filters);
            findings_stale = true;
        }
        if findings_stale {
            self.filter_findings(doc, filters);
        }
    }

    fn recompute(&mut self, doc: &Document) {
        let state = doc.state();
        let analysis = doc.analysis();
        // While a scenario is edited its baseline stays as it is: analyse it once per view, not
        // after every edit (a full analysis at province scale takes a second).
        if doc.view().scenario().is_none() {
            self.scenario_baseline_coverage = None;
            self.scenario_baseline_counts = None;
            self.baseline_of = None;
        }
        if doc.view().scenario().is_some() && self.baseline_of.as_ref() != Some(doc.view()) {
            self.scenario_baseline_coverage = Some(Coverage::full(doc.baseline()));
            self.scenario_baseline_counts = Some(Counts::of(doc.baseline()));
            self.baseline_of = Some(doc.view().clone());
        }
        self.counts = Some(Counts::of(state));
        self.finding_counts = FindingCounts::default();
        self.by_body.clear();
        self.gaps_by_district.clear();
        self.overlaps_by_district.clear();
        self.by_place.clear();
        self.findings = FindingRows::of(analysis, |f, change| {
            self.count_finding(state, f, change);
        });
        self.lane_order = crate::lanes::lane_order(state);
        self.bodies_by_jurisdiction.clear();
        self.bodies_seen.clear();
        self.tag_counts.clear();
        for body in state.bodies().values() {
            self.see_body(body);
        }
        self.tags = self.tag_counts.keys().cloned().collect();
        self.power_fields.clear();
        self.field_counts.clear();
        for power in state.powers().values() {
            self.see_power(power);
        }
        self.fields = self.field_counts.keys().cloned().collect();
        self.moved_powers = match &self.scenario_baseline_coverage {
            Some(before) => crate::analysis::summary::moved_powers(before, &analysis.coverage)
                .into_iter()
                .collect(),
            None => BTreeSet::new(),
        };
    }

    /// Follows changes that touched `touched` (records only: the jurisdictions, the view and
    /// the rules are as they were) and did `rule_changes` to the rule findings, with the search
    /// and the filters that were in force; false if the findings cannot follow (then the cache
    /// must start again).
    fn follow(
        &mut self,
        doc: &Document,
        touched: &TouchedRecords,
        rule_changes: &[&RuleChanges],
        search: &str,
        filters: &Filters,
    ) -> bool {
        let Some(named) = self.follow_findings(doc, touched, rule_changes) else {
            return false;
        };
        self.follow_records(doc, touched);
        // The search and the filters as they were: if they changed too, `refresh` goes over
        // everything afterwards.
        if self.query.as_deref() == Some(search) {
            self.follow_search(doc, touched, search);
        }
        if self.filters.as_ref() == Some(filters) {
            self.follow_filters(doc, touched, filters, named);
        }
        true
    }

    /// Follows the findings: the rows, the counts built on them, the powers moved against the
    /// baseline. Returns the bodies named by a finding that came or went, or `None` if the rows
    /// cannot follow.
    fn follow_findings(
        &mut self,
        doc: &Document,
        touched: &TouchedRecords,
        rule_changes: &[&RuleChanges],
    ) -> Option<BTreeSet<BodyId>> {
        let analysis = doc.analysis();
        let state = doc.state();
        let mut named = BTreeSet::new();
        let mut rows = std::mem::take(&mut self.findings);
        let followed = rows.follow(analysis, &touched.powers, rule_changes, |f, change| {
            self.count_finding(state, f, change);
            named.extend(f.bodies.iter().cloned());
        });
        self.findings = rows;
        if !followed {
            return None;
        }
        if let Some(before) = &self.scenario_baseline_coverage {
            let leads = LeadChanges::between(before, &analysis.coverage);
            for code in &touched.powers {
                keep_if(&mut self.moved_powers, code, leads.moved(code));
            }
        }
        Some(named)
    }

    /// Follows the records: the counts, the tree and the tags of the touched bodies that
    /// changed, the fields of the touched powers.
    fn follow_records(&mut self, doc: &Document, touched: &TouchedRecords) {
        let state = doc.state();
        if let Some(counts) = &mut self.counts {
            counts.count_totals(state);
        }
        for id in &touched.bodies {
            let now = state.body(id);
            if self.bodies_seen.get(id) == now {
                continue;
            }
            let was = self.unsee_body(id);
            if let Some(counts) = &mut self.counts {
                if let Some(was) = &was {
                    counts.remove_body(was);
                }
                if let Some(body) = now {
                    counts.add_body(body);
                }
            }
            if let Some(body) = now {
                self.see_body(body);
            }
        }
        if !self.tag_counts.keys().eq(&self.tags) {
            self.tags = self.tag_counts.keys().cloned().collect();
        }
        for code in &touched.powers {
            let now = state.power(code);
            if self.power_fields.get(code) != now.map(|p| &p.field) {
                self.unsee_power(code);
                if let Some(power) = now {
                    self.see_power(power);
                }
            }
        }
        if !self.field_counts.keys().eq(&self.fields) {
            self.fields = self.field_counts.keys().cloned().collect();
        }
    }

    /// Counts a finding that joined the rows, or takes back one that left them (`state` gives
    /// the district of its street: the jurisdictions are the same before and after an edit that
    /// is followed).
    fn count_finding(&mut self, state: &State, f: &Finding, change: RowChange) {
        if matches!(f.kind, FindingKind::Overlap | FindingKind::Gap)
            && let Some(place) = &f.jurisdiction
        {
            let district = state.district_of(place).filter(|d| *d != place);
            for j in std::iter::once(place).chain(district) {
                // Looked up before it is cloned: most findings count where others did.
                let entry = match self.by_place.get_mut(j) {
                    Some(entry) => entry,
                    None => self.by_place.entry(j.clone()).or_default(),
                };
                let n = match f.kind {
                    FindingKind::Overlap => &mut entry.overlaps,
                    _ => &mut entry.gaps,
                };
                match change {
                    RowChange::Added => *n += 1,
                    RowChange::Removed => *n = n.saturating_sub(1),
                }
                if entry.is_empty() {
                    self.by_place.remove(j);
                }
            }
        }
        let step = |n: &mut usize| match change {
            RowChange::Added => *n += 1,
            RowChange::Removed => *n -= 1,
        };
        match change {
            RowChange::Added => self.finding_counts.add(f),
            RowChange::Removed => self.finding_counts.remove(f),
        }
        let count_district = |districts: &mut BTreeMap<JurisdictionId, usize>| {
            if let Some(j) = &f.jurisdiction {
                let n = match districts.get_mut(j) {
                    Some(n) => n,
                    None => districts.entry(j.clone()).or_default(),
                };
                step(n);
                if *n == 0 {
                    districts.remove(j);
                }
            }
        };
        let count_bodies =
            |by_body: &mut BTreeMap<BodyId, BodyFindings>,
             count_of: fn(&mut BodyFindings) -> &mut usize| {
                for b in &f.bodies {
                    if !by_body.contains_key(b) {
                        by_body.insert(b.clone(), BodyFindings::default());
                    }
                    if let Some(entry) = by_body.get_mut(b) {
                        step(count_of(entry));
                        if entry.is_empty() {
                            by_body.remove(b);
                        }
                    }
                }
            };
        match f.kind {
            FindingKind::Overlap => {
                count_district(&mut self.overlaps_by_district);
                count_bodies(&mut self.by_body, |b| &mut b.overlaps);
            }
            FindingKind::Gap => count_district(&mut self.gaps_by_district),
            FindingKind::Rule => count_bodies(&mut self.by_body, |b| &mut b.rules),
        }
    }

    /// Places a body in the tree and counts its tags.
    fn see_body(&mut self, body: &Body) {
        for tag in &body.tags {
            add_one(&mut self.tag_counts, tag);
        }
        let key = |id: &BodyId| self.bodies_seen.get(id).map(|b| (&b.name, &b.id));
        let lane = self
            .bodies_by_jurisdiction
            .entry(body.jurisdiction.clone())
            .or_default();
        let at = lane.partition_point(|other| key(other) < Some((&body.name, &body.id)));
        lane.insert(at, body.id.clone());
        self.bodies_seen.insert(body.id.clone(), body.clone());
    }

    /// Takes back what [`Derived::see_body`] did for a body; returns the body as it was seen.
    fn unsee_body(&mut self, id: &BodyId) -> Option<Body> {
        let body = self.bodies_seen.remove(id)?;
        for tag in &body.tags {
            remove_one(&mut self.tag_counts, tag);
        }
        if let Some(lane) = self.bodies_by_jurisdiction.get_mut(&body.jurisdiction) {
            lane.retain(|b| b != id);
            if lane.is_empty() {
                self.bodies_by_jurisdiction.remove(&body.jurisdiction);
            }
        }
        Some(body)
    }

    /// Counts a power's field.
    fn see_power(&mut self, power: &Power) {
        add_one(&mut self.field_counts, &power.field);
        self.power_fields
            .insert(power.code.clone(), power.field.clone());
    }

    /// Takes back what [`Derived::see_power`] counted for a power.
    fn unsee_power(&mut self, code: &PowerId) {
        if let Some(field) = self.power_fields.remove(code) {
            remove_one(&mut self.field_counts, &field);
        }
    }
}

/// One more of `key`.
fn add_one(counts: &mut BTreeMap<String, usize>, key: &str) {
    match counts.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            counts.insert(key.to_owned(), 1);
        }
    }
}

/// One `key` less; a key counted no more is dropped.
fn remove_one(counts: &mut BTreeMap<String, usize>, key: &str) {
    if let Some(n) = counts.get_mut(key) {
        *n -= 1;
        if *n == 0 {
            counts.remove(key);
        }
    }
}

/// Puts `item` in `set` or takes it out.
fn keep_if<T: Ord + Clone>(set: &mut BTreeSet<T>, item: &T, keep: bool) {
    if keep {
        if !set.contains(item) {
            set.insert(item.clone());
        }
    } else {
        set.remove(item);
    }
}
