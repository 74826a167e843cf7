//! The search hits and what passes the filters: the bodies and powers the search finds, the
//! powers and bodies that pass the filters, and the rows of the findings list that do; each
//! worked out in full when the search or the filters change, and followed for the touched
//! records after an edit.

use std::collections::BTreeSet;

use super::{Derived, keep_if};
use crate::analysis::Finding;
use crate::model::{Body, BodyId, JurisdictionId, Power, TouchedRecords};
use crate::session::Document;
use crate::ui::search::Query;
use crate::ui::state::Filters;

impl Derived {
    /// Follows the search hits: the touched bodies and powers match the search or not.
    pub(super) fn follow_search(&mut self, doc: &Document, touched: &TouchedRecords, search: &str) {
        let state = doc.state();
        let query = Query::new(search);
        for id in &touched.bodies {
            let hit = state
                .body(id)
                .is_some_and(|b| query.matches(&b.name, b.id.as_str()));
            keep_if(&mut self.body_hits, id, hit);
        }
        for code in &touched.powers {
            let hit = state
                .power(code)
                .is_some_and(|p| query.matches(&p.name, p.code.as_str()));
            keep_if(&mut self.power_hits, code, hit);
        }
    }

    /// Follows what passes the filters: the touched powers, then the bodies that may pass or
    /// fail with them (by their record, by their findings (`named`), or, with a power filter,
    /// by holding a touched power).
    pub(super) fn follow_filters(
        &mut self,
        doc: &Document,
        touched: &TouchedRecords,
        filters: &Filters,
        named: BTreeSet<BodyId>,
    ) {
        let state = doc.state();
        for code in &touched.powers {
            let passes = state
                .power(code)
                .is_some_and(|p| self.power_passes(doc, filters, p));
            keep_if(&mut self.powers_passing, code, passes);
        }
        let mut bodies = named;
        bodies.extend(touched.bodies.iter().cloned());
        if power_filter(filters) {
            for code in &touched.powers {
                bodies.extend(state.holdings_of_power(code).map(|h| h.body.clone()));
            }
        }
        for id in &bodies {
            let passes = state
                .body(id)
                .is_some_and(|b| self.body_passes(doc, filters, b));
            keep_if(&mut self.bodies_passing, id, passes);
        }
    }

    /// The search text the hits were found for (`None`: none yet).
    pub fn searched_for(&self) -> Option<&str> {
        self.query.as_deref()
    }

    pub(super) fn search(&mut self, doc: &Document, search: &str) {
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

    pub(super) fn filter(&mut self, doc: &Document, filters: &Filters) {
        let state = doc.state();
        self.powers_passing = state
            .powers()
            .values()
            .filter(|p| self.power_passes(doc, filters, p))
            .map(|p| p.code.clone())
            .collect();
        self.bodies_passing = state
            .bodies()
            .values()
            .filter(|b| self.body_passes(doc, filters, b))
            .map(|b| b.id.clone())
            .collect();
    }

    /// Lists the rows of the findings list that pass the filters (none when no filter applies
    /// to findings: then every row shows). Once per revision or change of the filters.
    pub(super) fn filter_findings(&mut self, doc: &Document, filters: &Filters) {
        let applies = filters.field.is_some()
            || filters.kind.is_some()
            || filters.tag.is_some()
            || filters.district.is_some()
            || filters.only_changed
            || filters.finding_kind.is_some()
            || filters.only_open_opinions;
        if !applies {
            self.shown = None;
            return;
        }
        let shown = self
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| self.finding_passes(doc, filters, f))
            .map(|(i, _)| u32::try_from(i).unwrap_or(u32::MAX))
            .collect();
        self.shown = Some(shown);
    }

    /// Whether a finding passes the filters: its kind; its power's field and kind (a finding
    /// without a power fails those); a body it names with the tag (a gap names none); its
    /// place in the district (or a street of it; a finding without a place, by its bodies');
    /// a power whose leads the view changed, or a body it moved or created.
    fn finding_passes(&self, doc: &Document, filters: &Filters, f: &Finding) -> bool {
        let state = doc.state();
        let power = f.power.as_ref().and_then(|p| state.power(p));
        let within = |place: &JurisdictionId, d: &JurisdictionId| {
            place == d || state.district_of(place) == Some(d)
        };
        let moved_or_new = |b: &BodyId| {
            state.body(b).is_some_and(|now| {
                doc.baseline()
                    .body(b)
                    .is_none_or(|was| was.jurisdiction != now.jurisdiction)
            })
        };
        filters.finding_kind.is_none_or(|k| f.kind == k)
            && filters
                .field
                .as_ref()
                .is_none_or(|field| power.is_some_and(|p| &p.field == field))
            && filters
                .kind
                .is_none_or(|k| power.is_some_and(|p| p.kind == k))
            && filters.tag.as_ref().is_none_or(|t| {
                f.bodies
                    .iter()
                    .any(|b| state.body(b).is_some_and(|b| b.has_tag(t)))
            })
            && filters
                .district
                .as_ref()
                .is_none_or(|d| match &f.jurisdiction {
                    Some(place) => within(place, d),
                    None => f
                        .bodies
                        .iter()
                        .any(|b| state.body(b).is_some_and(|b| within(&b.jurisdiction, d))),
                })
            && (!filters.only_changed
                || f.power
                    .as_ref()
                    .is_some_and(|p| self.moved_powers.contains(p))
                || f.bodies.iter().any(moved_or_new))
            && (!filters.only_open_opinions || self.opinions.finding(&f.key()) > 0)
    }

    /// Whether a power passes the power filters (field, kind, a finding in the district,
    /// moved).
    fn power_passes(&self, doc: &Document, filters: &Filters, p: &Power) -> bool {
        let coverage = &doc.analysis().coverage;
        filters.field.as_ref().is_none_or(|f| &p.field == f)
            && filters.kind.is_none_or(|k| p.kind == k)
            && (!filters.only_findings
                || coverage.power(&p.code).is_some_and(|c| {
                    c.findings.iter().any(|f| {
                        filters
                            .district
                            .as_ref()
                            .is_none_or(|d| f.jurisdiction.as_ref() == Some(d))
                    })
                }))
            && (!filters.only_changed || self.moved_powers.contains(&p.code))
    }

    /// Whether a body passes the body filters (tag, findings) and, when a power filter is set,
    /// leads a passing power (in the district, if one is chosen) or moved.
    fn body_passes(&self, doc: &Document, filters: &Filters, b: &Body) -> bool {
        let state = doc.state();
        let coverage = &doc.analysis().coverage;
        let moved_or_new = || {
            doc.baseline()
                .body(&b.id)
                .is_none_or(|was| was.jurisdiction != b.jurisdiction)
        };
        filters.tag.as_ref().is_none_or(|t| b.has_tag(t))
            && (!filters.only_findings || self.by_body.get(&b.id).is_some_and(|f| !f.is_empty()))
            && (!power_filter(filters)
                || (filters.only_changed && moved_or_new())
                || state.holdings_of_body(&b.id).any(|h| {
                    h.role.is_lead()
                        && self.powers_passing.contains(&h.power)
                        && filters
                            .district
                            .as_ref()
                            .is_none_or(|d| coverage.leads(&h.power, d).contains(&b.id))
                }))
    }
}

/// Whether a filter of powers is set, which bodies then pass only by the powers they lead.
fn power_filter(filters: &Filters) -> bool {
    filters.field.is_some()
        || filters.kind.is_some()
        || filters.district.is_some()
        || filters.only_changed
}
