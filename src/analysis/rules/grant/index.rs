//! The index the 赋权 rules read the grants through ([`GrantIndex`]): each body's place, the
//! bodies that hold each power by a grant, those grants that `grant-limits` names, each body's
//! count of grants, and the granting bodies that hold no holding of the power they granted. It
//! follows the touched records: a touched power's touched holders are looked up one by one, and
//! only a moved body or a power whose record changed makes the power's holders be read again by
//! a walk. A full build is one pass over the holdings.

use std::collections::BTreeSet;

use rustc_hash::{FxHashMap, FxHashSet};

use super::super::{Coverage, Scope};
use super::grantable;
use crate::model::{
    Body, BodyId, JurisdictionId, Level, PowerId, PowerKind, State, TouchedRecords,
};
use crate::plan::rules::Rule;

/// Where a body sits, as the grant rules ask it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Place {
    pub(super) level: Level,
    pub(super) jurisdiction: JurisdictionId,
    /// The district: the jurisdiction itself for a district, its parent for a street.
    pub(super) district: Option<JurisdictionId>,
    /// The jurisdiction's index among the coverage's territories, if it is one (a street, or a
    /// district without streets): 赋权配套 puts its findings in territory order.
    pub(super) territory: Option<usize>,
}

fn place_of(state: &State, coverage: &Coverage, body: &Body) -> Option<Place> {
    let j = state.jurisdiction(&body.jurisdiction)?;
    Some(Place {
        level: j.level,
        jurisdiction: j.id.clone(),
        district: state.district_of(&j.id).cloned(),
        territory: coverage.territory_index(&j.id),
    })
}

/// What the grant rules keep between refreshes. A full build and any sequence of refreshes give
/// equal values (`granting` aside, see there): no entry is ever empty.
#[derive(Clone, Debug, Default)]
pub(in crate::analysis::rules) struct GrantIndex {
    /// Every body's place.
    pub(super) places: FxHashMap<BodyId, Place>,
    /// The bodies that hold each power by a grant, sorted; powers granted to nobody are absent.
    pub(super) receivers: FxHashMap<PowerId, Box<[BodyId]>>,
    /// For each power, its receivers whose grant `grant-limits` names (not lawful, or with no
    /// decision recorded), sorted: a province's grants are lawful but for a few, so the rule
    /// reads these, not every grant with its two places.
    pub(super) faulty: FxHashMap<PowerId, Vec<BodyId>>,
    /// How many powers each body holds by a grant; bodies with none are absent.
    pub(super) granted: FxHashMap<BodyId, usize>,
    /// For each power, the granting bodies its grants name that hold no holding of it, sorted.
    strays: FxHashMap<PowerId, Box<[BodyId]>>,
    /// The same, by granting body: the powers to re-check when that body changes.
    strays_by_body: FxHashMap<BodyId, BTreeSet<PowerId>>,
    /// Every body a grant named as its granting body since the index was built: more than
    /// those named now (a body is never taken out), so not compared. Only a touched body among
    /// them that let go of a power can have become a stray of it.
    granting: FxHashSet<BodyId>,
}

impl PartialEq for GrantIndex {
    fn eq(&self, other: &Self) -> bool {
        self.places == other.places
            && self.receivers == other.receivers
            && self.faulty == other.faulty
            && self.granted == other.granted
            && self.strays == other.strays
            && self.strays_by_body == other.strays_by_body
    }
}

impl Eq for GrantIndex {}

impl GrantIndex {
    /// Builds the index of a state: one pass over its bodies and holdings.
    pub(in crate::analysis::rules) fn full(state: &State, coverage: &Coverage) -> Self {
        let mut this = Self {
            places: state
                .bodies()
                .values()
                .filter_map(|b| Some((b.id.clone(), place_of(state, coverage, b)?)))
                .collect(),
            ..Self::default()
        };
        for code in state.powers().keys() {
            this.walk_power(state, code);
        }
        this
    }

    /// Follows the touched records, and puts in `dirty` the `grant-limits` scopes of the powers
    /// whose granting body changed while it holds no holding of them. (Every other scope a grant
    /// rule reads is dirtied with its power, matter or body.)
    ///
    /// A touched power's grants changed only where its holdings did: those holders are looked
    /// up, one by one, in its receivers (a grant to 15 streets of a power granted to a thousand reads
    /// 15 grants, not a thousand). A body whose place changed changes the verdict on every grant
    /// it made, found only by reading the powers' grants again: those of its powers, and those
    /// it let go of (its strays).
    pub(in crate::analysis::rules) fn refresh(
        &mut self,
        state: &State,
        coverage: &Coverage,
        touched: &TouchedRecords,
        dirty: &mut BTreeSet<(Rule, Scope)>,
    ) {
        let mut moved = false;
        let mut walk: BTreeSet<PowerId> = BTreeSet::new();
        for body in touched
            .bodies
            .iter()
            .chain(&touched.restanded)
            .chain(&touched.renamed)
        {
            let place = state.body(body).and_then(|b| place_of(state, coverage, b));
            let before = match place.clone() {
                Some(place) => self.places.insert(body.clone(), place),
                None => self.places.remove(body),
            };
            let body_moved = before != place;
            moved |= body_moved;
            if let Some(powers) = self.strays_by_body.get(body) {
                dirty.extend(
                    powers
                        .iter()
                        .map(|p| (Rule::GrantLimits, Scope::Power(p.clone()))),
                );
                if body_moved {
                    walk.extend(powers.iter().cloned());
                }
            }
        }
        let unchanged = BTreeSet::new();
        for code in &touched.powers {
            let changed = touched.holders.get(code).unwrap_or(&unchanged);
            // Looking a body up costs a few comparisons where a walk reads each grant's two
            // places: a walk only when more holdings changed than there are.
            let many = changed.len() > state.holder_count(code);
            if moved || many || touched.power_records.contains(code) {
                walk.insert(code.clone());
            } else {
                self.look_up_power(state, code, changed);
            }
        }
        for code in &walk {
            self.walk_power(state, code);
        }
    }

    /// Whether `grant`, held by `receiver` of a power of `kind`, is one `grant-limits` names: a
    /// grant that is not lawful, or that records no decision.
    fn is_faulty(
        &self,
        kind: Option<PowerKind>,
        receiver: &BodyId,
        grant: &crate::model::Grant,
    ) -> bool {
        let receiver = self.places.get(receiver);
        let from = self.places.get(&grant.from);
        let lawful = receiver.is_some_and(|r| {
            r.level == Level::Street
                && from.is_some_and(|f| {
                    f.level == Level::District
                        && r.district.as_ref().is_none_or(|d| *d == f.jurisdiction)
                })
        }) && kind.is_some_and(grantable)
            && grant.decision.is_some();
        !lawful
    }

    /// Reads one power's grants again by a walk over its holders: each body's count of grants
    /// moves only where the power's receivers before and after differ (a take-back from 15
    /// streets of a power granted to 200 leaves 185 counts as they were, without hashing them
    /// twice).
    fn walk_power(&mut self, state: &State, code: &PowerId) {
        let kind = state.power(code).map(|p| p.kind);
        let old = self.receivers.remove(code).unwrap_or_default();
        self.faulty.remove(code);
        let mut receivers = Vec::new();
        let mut faulty = Vec::new();
        let mut froms: Vec<&BodyId> = Vec::new();
        for h in state.holdings_of_power(code) {
            if let Some(grant) = &h.grant {
                receivers.push(h.body.clone());
                froms.push(&grant.from);
                if self.is_faulty(kind, &h.body, grant.as_ref()) {
                    faulty.push(h.body.clone());
                }
            }
        }
        // Both sorted by body: one merge finds the receivers that went and came.
        let (mut went, mut came) = (old.iter().peekable(), receivers.iter().peekable());
        loop {
            match (went.peek(), came.peek()) {
                (Some(a), Some(b)) if a == b => {
                    went.next();
                    came.next();
                }
                (Some(a), Some(b)) if a < b => {
                    self.count(a, false);
                    went.next();
                }
                (_, Some(b)) => {
                    self.count(b, true);
                    came.next();
                }
                (Some(a), None) => {
                    self.count(a, false);
                    went.next();
                }
                (None, None) => break,
            }
        }
        froms.sort_unstable();
        froms.dedup();
        self.granting.extend(froms.iter().map(|b| (*b).clone()));
        // The holders come sorted by body: one merge finds the granting bodies among them.
        let mut holders = state.holdings_of_power(code).map(|h| &h.body).peekable();
        let mut strays = Vec::new();
        for from in froms {
            while holders.next_if(|b| *b < from).is_some() {}
            if holders.peek() != Some(&from) {
                strays.push(from.clone());
            }
        }
        self.set_strays(code, strays);
        if !faulty.is_empty() {
            self.faulty.insert(code.clone(), faulty);
        }
        if !receivers.is_empty() {
            self.receivers
                .insert(code.clone(), receivers.into_boxed_slice());
        }
    }

    /// Reads one power's grants again where only the holdings of it of the bodies `touched`
    /// changed, body by body. A change that may have made a granting body stop being one (a receiver gone
    /// while the power has strays, or a granting body that let go of the power) reads the power
    /// by a walk instead.
    fn look_up_power(&mut self, state: &State, code: &PowerId, touched: &BTreeSet<BodyId>) {
        let kind = state.power(code).map(|p| p.kind);
        let mut receivers = self
            .receivers
            .remove(code)
            .map(<[BodyId]>::into_vec)
            .unwrap_or_default();
        let mut faulty = self.faulty.remove(code).unwrap_or_default();
        let mut strays: Vec<BodyId> = self
            .strays
            .get(code)
            .map(|s| s.to_vec())
            .unwrap_or_default();
        // A granting body that stops being one drops out of the strays only by a walk.
        let had_strays = !strays.is_empty();
        let mut walk = false;
        for body in touched {
            let holding = state.holding(code, body);
            let grant = holding.and_then(|h| h.grant.as_deref());
            match (receivers.binary_search(body), grant) {
                // Its grant may name another granting body now: the one before may have lost
                // its last grant of the power.
                (Ok(_), Some(_)) => walk |= had_strays,
                (Ok(i), None) => {
                    receivers.remove(i);
                    self.count(body, false);
                    walk |= had_strays;
                }
                (Err(i), Some(_)) => {
                    receivers.insert(i, body.clone());
                    self.count(body, true);
                }
                (Err(_), None) => {}
            }
            let is_faulty = grant.is_some_and(|g| self.is_faulty(kind, body, g));
            match (faulty.binary_search(body), is_faulty) {
                (Ok(i), false) => {
                    faulty.remove(i);
                }
                (Err(i), true) => faulty.insert(i, body.clone()),
                _ => {}
            }
            if let Some(grant) = grant {
                self.granting.insert(grant.from.clone());
                if state.holding(code, &grant.from).is_none()
                    && let Err(i) = strays.binary_search(&grant.from)
                {
                    strays.insert(i, grant.from.clone());
                }
            }
            if holding.is_some() {
                if let Ok(i) = strays.binary_search(body) {
                    strays.remove(i);
                }
            } else if self.granting.contains(body) {
                walk = true;
            }
        }
        if !receivers.is_empty() {
            self.receivers
                .insert(code.clone(), receivers.into_boxed_slice());
        }
        if !faulty.is_empty() {
            self.faulty.insert(code.clone(), faulty);
        }
        if walk {
            self.walk_power(state, code);
        } else {
            self.set_strays(code, strays);
        }
    }

    /// Puts one power's stray granting bodies in place of those it had.
    fn set_strays(&mut self, code: &PowerId, strays: Vec<BodyId>) {
        if self.strays.get(code).map(|s| &s[..]) == Some(&strays[..]) {
            return;
        }
        self.forget_strays(code);
        for from in &strays {
            self.strays_by_body
                .entry(from.clone())
                .or_default()
                .insert(code.clone());
        }
        if !strays.is_empty() {
            self.strays.insert(code.clone(), strays.into_boxed_slice());
        }
    }

    /// One more grant held by `body` (`came`), or one fewer.
    fn count(&mut self, body: &BodyId, came: bool) {
        if came {
            *self.granted.entry(body.clone()).or_default() += 1;
        } else if let Some(n) = self.granted.get_mut(body) {
            *n -= 1;
            if *n == 0 {
                self.granted.remove(body);
            }
        }
    }

    /// Takes one power's stray granting bodies out of the index.
    fn forget_strays(&mut self, code: &PowerId) {
        if let Some(strays) = self.strays.remove(code) {
            for from in &strays {
                if let Some(set) = self.strays_by_body.get_mut(from) {
                    set.remove(code);
                    if set.is_empty() {
                        self.strays_by_body.remove(from);
                    }
                }
            }
        }
    }
}
