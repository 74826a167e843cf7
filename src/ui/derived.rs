//! Numbers the panels need every frame, derived from the document and cached by its revision:
//! the baseline's coverage (for "before → after"), findings per body and per district, the
//! findings in the order the list shows them, the jurisdictions in lane order with their bodies
//! by name (the tree), fields and tags for the filters, and search hits. Recomputed only when
//! the document or the query changes, so drawing stays cheap: at province scale (32k findings,
//! 900 bodies in 101 jurisdictions) sorting or grouping them every frame costs milliseconds.

use std::collections::{BTreeMap, BTreeSet};

use super::search::Query;
use super::state::Filters;
use crate::analysis::summary::Counts;
use crate::analysis::{Coverage, Finding, FindingCounts, FindingKind};
use crate::model::{BodyId, JurisdictionId, PowerId};
use crate::plan::Document;

/// Findings that touch one body.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BodyFindings {
    /// Overlaps it is part of.
    pub overlaps: usize,
    /// Rule findings that name it.
    pub rules: usize,
}

/// The cache.
#[derive(Clone, Debug, Default)]
pub struct Derived {
    revision: Option<u64>,
    query_key: Option<(u64, String)>,
    filter_key: Option<(u64, Filters)>,
    baseline_of: Option<crate::plan::View>,
    /// Coverage of the baseline while a scenario is shown; `None` on the baseline itself, whose
    /// coverage is the document's own (a copy would cost 500k lists at province scale, after
    /// every edit). Read it through [`Derived::baseline_coverage`].
    scenario_baseline_coverage: Option<Coverage>,
    /// Counts of the baseline.
    pub baseline_counts: Option<Counts>,
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
    /// Every field of the powers, sorted.
    pub fields: Vec<String>,
    /// Every tag of the bodies, sorted.
    pub tags: Vec<String>,
    /// Every finding, most severe first (stable: the analysis's own order within a severity):
    /// the findings list's rows. A copy, because walking the analysis's findings (per power,
    /// then per rule) to reach the visible rows costs more than a frame's budget.
    pub findings_by_severity: Vec<Finding>,
    /// The jurisdictions top to bottom (city, then each district followed by its streets).
    pub lane_order: Vec<JurisdictionId>,
    /// The bodies of each jurisdiction, sorted by name.
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
}

impl Derived {
    /// Coverage of the baseline: the "before" of a scenario, or the document's own coverage.
    pub fn baseline_coverage<'d>(&'d self, doc: &'d Document) -> &'d Coverage {
        self.scenario_baseline_coverage
            .as_ref()
            .unwrap_or(&doc.analysis().coverage)
    }

    /// Brings the cache up to date.
    pub fn refresh(&mut self, doc: &Document, search: &str, filters: &Filters) {
        let revision = doc.revision();
        if self.revision != Some(revision) {
            self.revision = Some(revision);
            self.recompute(doc);
            self.query_key = None;
            self.filter_key = None;
        }
        if self.query_key.as_ref().is_none_or(|(_, q)| q != search) {
            self.query_key = Some((revision, search.to_owned()));
            self.search(doc, search);
        }
        if self.filter_key.as_ref().is_none_or(|(_, f)| f != filters) {
            self.filter_key = Some((revision, filters.clone()));
            self.filter(doc, filters);
        }
    }

    fn recompute(&mut self, doc: &Document) {
        let state = doc.state();
        let analysis = doc.analysis();
        // While a scenario is edited its baseline stays as it is: analyse it once per view, not
        // after every edit (a full analysis at province scale takes a second).
        if doc.view().scenario().is_none() {
            self.scenario_baseline_coverage = None;
            self.baseline_counts = None;
            self.baseline_of = None;
        }
        if doc.view().scenario().is_some() && self.baseline_of.as_ref() != Some(doc.view()) {
            self.scenario_baseline_coverage = Some(Coverage::full(doc.baseline()));
            self.baseline_counts = Some(Counts::of(doc.baseline()));
            self.baseline_of = Some(doc.view().clone());
        }
        self.counts = Some(Counts::of(state));
        if self.baseline_counts.is_none() {
            self.baseline_counts.clone_from(&self.counts);
        }
        self.finding_counts = analysis.counts();
        self.by_body.clear();
        self.gaps_by_district.clear();
        self.overlaps_by_district.clear();
        for f in analysis.findings() {
            match f.kind {
                FindingKind::Overlap => {
                    for b in &f.bodies {
                        self.by_body.entry(b.clone()).or_default().overlaps += 1;
                    }
                    if let Some(j) = &f.jurisdiction {
                        *self.overlaps_by_district.entry(j.clone()).or_default() += 1;
                    }
                }
                FindingKind::Gap => {
                    if let Some(j) = &f.jurisdiction {
                        *self.gaps_by_district.entry(j.clone()).or_default() += 1;
                    }
                }
                FindingKind::Rule => {
                    for b in &f.bodies {
                        self.by_body.entry(b.clone()).or_default().rules += 1;
                    }
                }
            }
        }
        self.findings_by_severity = analysis.findings().cloned().collect();
        self.findings_by_severity.sort_by_key(|f| f.severity);
        self.lane_order = crate::ui::canvas::layout::lane_order(state);
        self.bodies_by_jurisdiction.clear();
        for b in state.bodies().values() {
            self.bodies_by_jurisdiction
                .entry(b.jurisdiction.clone())
                .or_default()
                .push(b.id.clone());
        }
        for bodies in self.bodies_by_jurisdiction.values_mut() {
            bodies.sort_by(|a, b| {
                let name = |id| state.body(id).map(|x| x.name.as_str());
                name(a).cmp(&name(b))
            });
        }
        // Distinct values first, copied once each (5,000 powers share a handful of fields).
        self.fields = state
            .powers()
            .values()
            .map(|p| p.field.as_str())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(str::to_owned)
            .collect();
        self.tags = state
            .bodies()
            .values()
            .flat_map(|b| b.tags.iter().map(String::as_str))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(str::to_owned)
            .collect();
        self.moved_powers = match &self.scenario_baseline_coverage {
            Some(before) => crate::analysis::summary::moved_powers(before, &analysis.coverage)
                .into_iter()
                .collect(),
            None => BTreeSet::new(),
        };
    }

    fn search(&mut self, doc: &Document, search: &str) {
        let query = Query::new(search);
        let state = doc.state();
        self.body_hits = state
            .bodies()
            .values()
            .filter(|b| query.matches(&b.name, b.id.as_str()))
            .map(|b| b.id.clone())
            .collect();
        self.power_hits = state
            .powers()
            .values()
            .filter(|p| query.matches(&p.name, p.code.as_str()))
            .map(|p| p.code.clone())
            .collect();
    }

    fn filter(&mut self, doc: &Document, filters: &Filters) {
        let state = doc.state();
        let coverage = &doc.analysis().coverage;
        self.powers_passing = state
            .powers()
            .values()
            .filter(|p| filters.field.as_ref().is_none_or(|f| &p.field == f))
            .filter(|p| filters.kind.is_none_or(|k| p.kind == k))
            .filter(|p| {
                !filters.only_findings
                    || coverage.power(&p.code).is_some_and(|c| {
                        c.findings.iter().any(|f| {
                            filters
                                .district
                                .as_ref()
                                .is_none_or(|d| f.jurisdiction.as_ref() == Some(d))
                        })
                    })
            })
            .filter(|p| !filters.only_changed || self.moved_powers.contains(&p.code))
            .map(|p| p.code.clone())
            .collect();
        let power_filter = filters.field.is_some()
            || filters.kind.is_some()
            || filters.district.is_some()
            || filters.only_changed;
        let baseline = doc.baseline();
        let moved_or_new = |b: &crate::model::Body| {
            baseline
                .body(&b.id)
                .is_none_or(|was| was.jurisdiction != b.jurisdiction)
        };
        self.bodies_passing = state
            .bodies()
            .values()
            .filter(|b| filters.tag.as_ref().is_none_or(|t| b.has_tag(t)))
            .filter(|b| {
                !filters.only_findings
                    || self
                        .by_body
                        .get(&b.id)
                        .is_some_and(|f| f.overlaps + f.rules > 0)
            })
            .filter(|b| {
                !power_filter
                    || (filters.only_changed && moved_or_new(b))
                    || state.holdings_of_body(&b.id).any(|h| {
                        h.role.is_lead()
                            && self.powers_passing.contains(&h.power)
                            && filters
                                .district
                                .as_ref()
                                .is_none_or(|d| coverage.leads(&h.power, d).contains(&b.id))
                    })
            })
            .map(|b| b.id.clone())
            .collect();
    }
}
