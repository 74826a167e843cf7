//! Reform principles as configurable rules (`shared/design/domain.md`), stored in the plan so
//! that a reviewer sees the settings the planner used.
//!
//! | id | principle | checks |
//! | --- | --- | --- |
//! | `planning-central` | 规划权集中 | powers of the planning fields and kinds are led at city level |
//! | `enforcement-concentrated` | 执法集中 | in each district the penalties of the chosen fields have one lead body |
//! | `staffing-follows-duties` | 编随事走、人随编走 | lead duties grew without slots, or slots without duties |
//! | `duties-powers-people-money` | 事权人财相统一 | a body moved without its slots or budget, or without its duties |
//! | `approval-enforcement-apart` | 审管分离 | one body leads both the licence and the penalty of a matter |
//! | `seen-not-handled` | 看得见管不着 | a level inspects a matter in a district but cannot penalise it there |
//! | `no-idle-body` | 机构有事可干 | a body (and its sub-bodies) leads nothing |
//! | `lead-standing` | 主体资格 | a body that is neither an organ nor authorised leads a legal power |
//! | `entrust-limits` | 委托合法 | entrusted to a company; a coercive measure entrusted; entrusted further |
//! | `concentration-receiver` | 集中主体 | concentrated into a non-organ, or with no recorded decision |
//! | `concentration-relapse` | 集中后回流 | a source body leads a concentrated power again |
//! | `people-follow-slots` | 人随编走 | more people than slots (超编); slots and nobody while duties came |
//! | `grant-limits` | 赋权合法 | a grant to a body that is not a street's, of no district-level power or of another kind than a penalty with its inspections and coercive measures, or with no decision |
//! | `grant-capacity` | 赋权承接能力 | a street body granted powers with no civil-service slots, nobody, or more items per person than the threshold |
//! | `grant-bundle` | 赋权配套 | a street body granted a matter's penalty without its inspection and coercive measures, or the reverse |
//! | `transition` | 过渡期 | between two dates of a dated scenario, a power uncovered or led twice where it is neither before nor after (`analysis::transition`: it reads the scenario's steps, not one state) |
//!
//! The legal rules (`legal.rs`, and `grant.rs` for 赋权) cite the article they rest on in every
//! message.
//!
//! The two rules that compare with the baseline see no change when the state is the baseline.
//!
//! Every rule is evaluated per *scope*: a power, a district, a matter or a body. A finding
//! depends only on its scope's records and the names of the bodies it names, so after an edit
//! [`RuleFindings::refresh`] re-evaluates the scopes the edit touched and nothing else: constant
//! work per edit at any size, where re-running the rules was linear in the holdings. A full
//! evaluation is linear in the state (and coverage); findings come back sorted.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use rustc_hash::FxHashSet;

mod grant;
mod legal;
mod out;
mod principles;
mod refresh;

use out::{Out, param};
#[allow(clippy::wildcard_imports)]
use principles::*;
use refresh::Group;
pub use refresh::Pending;

use super::coverage::{Area, Coverage, Leads};
use super::finding::{Finding, Severity};
use crate::model::{BodyId, JurisdictionId, Power, PowerId, PowerKind, State, TouchedRecords};
use crate::plan::rules::{Rule, RuleConfig, RuleSetting, RuleSeverity};

impl From<RuleSeverity> for Severity {
    fn from(s: RuleSeverity) -> Self {
        match s {
            RuleSeverity::Error => Severity::Error,
            RuleSeverity::Warning => Severity::Warning,
            RuleSeverity::Info => Severity::Info,
        }
    }
}

/// What the rules look at.
pub struct RuleInput<'a> {
    /// The state checked.
    pub state: &'a State,
    /// Its coverage.
    pub coverage: &'a Coverage,
    /// The baseline it is compared with (the state itself when it is the baseline).
    pub baseline: &'a State,
}

/// The unit a rule evaluates at once. Each finding depends only on its scope's records (and the
/// names of the bodies it names), so a change re-evaluates only the scopes it touched.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Scope {
    /// One power: 规划权集中.
    Power(PowerId),
    /// One district, by its index in [`Coverage::districts`]: 执法集中.
    District(usize),
    /// The powers of one matter: 审管分离, 看得见管不着.
    Matter(String),
    /// One body: the staffing rules and 机构有事可干.
    Body(BodyId),
}

/// The findings of the reform rules, kept by the rule and scope that raised them so that they
/// refresh incrementally ([`RuleFindings::refresh`]), and sorted for reading.
///
/// Besides the findings it keeps two indexes that make a refresh cheap: the powers of each
/// matter, and for 执法集中 how many of the chosen penalty powers each body leads in each
/// district. A full computation and any sequence of refreshes give equal values (a property test
/// in `tests/core/operations_properties.rs` holds them to it).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RuleFindings {
    groups: BTreeMap<(Rule, Scope), Group>,
    sorted: BTreeMap<Arc<Finding>, usize>,
    len: usize,
    matter_of: HashMap<PowerId, String>,
    matter_powers: BTreeMap<String, BTreeSet<PowerId>>,
    /// The penalties of the 执法集中 fields, looked up per street team's holding.
    enforced: FxHashSet<PowerId>,
    enforced_leads: Vec<BTreeMap<BodyId, usize>>,
    /// The bodies whose standing does not let them lead in their own name (主体资格): few in a
    /// real plan, so that a touched power re-checks its holders among them, not all of them.
    cannot_lead: FxHashSet<BodyId>,
    /// What the 赋权 rules read of the grants (`grant.rs`).
    grants: grant::GrantIndex,
}

/// What a refresh did to the rule findings: the findings it took out and those it put in, as
/// the values kept ([`RuleFindings::iter_shared`]). Taking out every `removed` finding from the
/// findings before, then putting in every `added` one, gives the findings after; a cache of
/// them follows a refresh by this rather than by comparing every finding.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleChanges {
    /// Findings taken out, one per copy.
    pub removed: Vec<Arc<Finding>>,
    /// Findings put in, one per copy.
    pub added: Vec<Arc<Finding>>,
}

impl RuleChanges {
    /// Whether the findings stayed as they were.
    pub fn is_empty(&self) -> bool {
        self.removed.is_empty() && self.added.is_empty()
    }
}

/// From how many scopes a full evaluation splits them over the cores.
const PARALLEL_SCOPES: usize = 4096;

/// The rules that are evaluated per scope of each kind.
const POWER_RULES: [Rule; 4] = [
    Rule::PlanningCentral,
    Rule::EntrustLimits,
    Rule::ConcentrationRelapse,
    Rule::GrantLimits,
];
const MATTER_RULES: [Rule; 3] = [
    Rule::ApprovalEnforcementApart,
    Rule::SeenNotHandled,
    Rule::GrantBundle,
];
const BODY_RULES: [Rule; 7] = [
    Rule::StaffingFollowsDuties,
    Rule::DutiesPowersPeopleMoney,
    Rule::NoIdleBody,
    Rule::LeadStanding,
    Rule::PeopleFollowSlots,
    Rule::ConcentrationReceiver,
    Rule::GrantCapacity,
];

impl RuleFindings {
    /// Evaluates every enabled rule from scratch.
    pub fn full(input: &RuleInput<'_>, config: &RuleConfig) -> Self {
        let state = input.state;
        let mut this = Self {
            enforced_leads: vec![BTreeMap::new(); input.coverage.territories().len()],
            ..Self::default()
        };
        for power in state.powers().values() {
            this.index_matter(power);
        }
        this.cannot_lead = state
            .bodies()
            .values()
            .filter(|b| !b.standing().may_lead())
            .map(|b| b.id.clone())
            .collect();
        this.grants = grant::GrantIndex::full(state, input.coverage);
        let enforcement = config.setting(Rule::EnforcementConcentrated);
        if enforcement.enabled {
            let fields = param(&enforcement, "fields");
            for power in state.powers().values() {
                this.enforce(
                    input.coverage,
                    power,
                    &fields,
                    &mut Pending::default(),
                    &Area::Everywhere,
                );
            }
        }
        let mut scopes: Vec<(Rule, Scope)> = Vec::new();
        for rule in Rule::ALL {
            if !config.setting(rule).enabled {
                continue;
            }
            match rule {
                Rule::PlanningCentral
                | Rule::EntrustLimits
                | Rule::ConcentrationRelapse
                | Rule::GrantLimits => scopes.extend(
                    state
                        .powers()
                        .keys()
                        .map(|p| (rule, Scope::Power(p.clone()))),
                ),
                Rule::EnforcementConcentrated => {
                    scopes
                        .extend((0..this.enforced_leads.len()).map(|i| (rule, Scope::District(i))));
                }
                Rule::ApprovalEnforcementApart | Rule::SeenNotHandled | Rule::GrantBundle => scopes
                    .extend(
                        this.matter_powers
                            .keys()
                            .map(|m| (rule, Scope::Matter(m.clone()))),
                    ),
                Rule::StaffingFollowsDuties
                | Rule::DutiesPowersPeopleMoney
                | Rule::NoIdleBody
                | Rule::LeadStanding
                | Rule::PeopleFollowSlots
                | Rule::ConcentrationReceiver
                | Rule::GrantCapacity => {
                    scopes.extend(
                        state
                            .bodies()
                            .keys()
                            .map(|b| (rule, Scope::Body(b.clone()))),
                    );
                }
                // A scenario's timetable, not a state: `analysis::transition`.
                Rule::Transition => {}
            }
        }
        // Scopes are independent: a province's are evaluated over the cores, then kept in
        // order.
        let settings: BTreeMap<Rule, RuleSetting> =
            Rule::ALL.iter().map(|r| (*r, config.setting(*r))).collect();
        let evaluated = crate::parallel::map_slice(&scopes, PARALLEL_SCOPES, |(rule, scope)| {
            let setting = &settings[rule];
            let mut out = Out::new(*rule, setting.severity.into());
            this.evaluate(input, setting, scope, &Area::Everywhere, &mut out);
            out
        });
        for (key, out) in scopes.into_iter().zip(evaluated) {
            this.replace(key, out, None);
        }
        this
    }

    /// Before coverage is refreshed: takes the touched powers' old leads out of the 执法集中
    /// index. Pass what it returns to [`RuleFindings::refresh`].
    pub fn forget(
        &mut self,
        coverage: &Coverage,
        touched: &TouchedRecords,
        area: &Area,
    ) -> Pending {
        let mut pending = Pending::default();
        for power in &touched.powers {
            if !self.enforced.remove(power) {
                continue;
            }
            let Some(old) = coverage.power(power) else {
                continue;
            };
            // A power whose record changed may have stopped being counted: everywhere.
            let area = if touched.power_records.contains(power) {
                &Area::Everywhere
            } else {
                area
            };
            for (i, bodies) in old.leads.in_area(area) {
                let Some(counts) = self.enforced_leads.get_mut(i) else {
                    continue;
                };
                for body in bodies {
                    if let Some(n) = counts.get_mut(body) {
                        *n -= 1;
                        pending.fell(i, body, *n, coverage.is_street_body(body));
                        if *n == 0 {
                            counts.remove(body);
                        }
                    }
                }
            }
        }
        pending
    }

    /// After coverage is refreshed for the same touched records: re-evaluates only the scopes
    /// they touched (their powers, those powers' matters, the districts whose 执法集中 leads
    /// changed, the bodies and their parents, and every finding that names a renamed body).
    /// Returns the findings it took out and put in.
    pub fn refresh(
        &mut self,
        input: &RuleInput<'_>,
        config: &RuleConfig,
        touched: &TouchedRecords,
        mut pending: Pending,
        area: &Area,
    ) -> RuleChanges {
        let state = input.state;
        let mut dirty: BTreeSet<(Rule, Scope)> = BTreeSet::new();
        self.grants
            .refresh(state, input.coverage, touched, &mut dirty);
        let enforcement = config.setting(Rule::EnforcementConcentrated);
        let fields = param(&enforcement, "fields");
        for body in touched
            .bodies
            .iter()
            .chain(&touched.restanded)
            .chain(&touched.renamed)
        {
            if state.body(body).is_some_and(|b| !b.standing().may_lead()) {
                self.cannot_lead.insert(body.clone());
            } else {
                self.cannot_lead.remove(body);
            }
        }
        for code in &touched.powers {
            dirty.extend(POWER_RULES.map(|r| (r, Scope::Power(code.clone()))));
            // 主体资格 is a body's: a power whose kind changed may change it for the holders
            // that may not lead in their own name (few; an organ is never flagged). A holder
            // whose holding changed is a touched body, whose rules are evaluated below.
            if !self.cannot_lead.is_empty() && touched.power_records.contains(code) {
                for h in state.holdings_of_power(code) {
                    if self.cannot_lead.contains(&h.body) {
                        dirty.insert((Rule::LeadStanding, Scope::Body(h.body.clone())));
                    }
                }
            }
            // 集中主体 names the powers a body received.
            for (receiver, _) in state.receivers_of(code) {
                dirty.insert((Rule::ConcentrationReceiver, Scope::Body(receiver.clone())));
            }
            if let Some(old) = self.matter_of.remove(code) {
                if let Some(set) = self.matter_powers.get_mut(&old) {
                    set.remove(code);
                    if set.is_empty() {
                        self.matter_powers.remove(&old);
                    }
                }
                dirty.extend(MATTER_RULES.map(|r| (r, Scope::Matter(old.clone()))));
            }
            if let Some(power) = state.power(code) {
                if let Some(matter) = &power.matter {
                    dirty.extend(MATTER_RULES.map(|r| (r, Scope::Matter(matter.clone()))));
                }
                self.index_matter(power);
                if enforcement.enabled {
                    // A power whose record changed may have started being counted.
                    let area = if touched.power_records.contains(code) {
                        &Area::Everywhere
                    } else {
                        area
                    };
                    self.enforce(input.coverage, power, &fields, &mut pending, area);
                }
            }
        }
        for body in &touched.restanded {
            // A body's standing and place decide 委托合法 where it is entrusted.
            for power in state.powers_of_body(body) {
                if matches!(
                    state.holding(power, body).map(|h| &h.role),
                    Some(crate::model::Role::Entrusted { .. })
                ) {
                    dirty.insert((Rule::EntrustLimits, Scope::Power(power.clone())));
                }
            }
        }
        for body in touched.bodies.iter().chain(&touched.renamed) {
            // 机构有事可干 looks at a body's sub-bodies: its parents may change with it.
            let mut current = Some(body);
            let mut seen = BTreeSet::new();
            while let Some(id) = current {
                if !seen.insert(id) {
                    break;
                }
                dirty.extend(BODY_RULES.map(|r| (r, Scope::Body(id.clone()))));
                current = state.body(id).and_then(|b| b.parent.as_ref());
            }
        }
        if !touched.renamed.is_empty() {
            for (key, group) in &self.groups {
                if group
                    .findings
                    .iter()
                    .any(|f| f.bodies.iter().any(|b| touched.renamed.contains(b)))
                {
                    dirty.insert(key.clone());
                }
            }
        }
        dirty.extend(
            pending
                .settle(&touched.bodies)
                .into_iter()
                .map(|i| (Rule::EnforcementConcentrated, Scope::District(i))),
        );
        // The findings per territory change only in the edit's area, unless a power's record
        // or a body's name changed (their findings change wherever they are).
        let area = if touched.power_records.is_empty() && touched.renamed.is_empty() {
            area
        } else {
            &Area::Everywhere
        };
        let mut changes = RuleChanges::default();
        self.evaluate_scopes(input, config, dirty, area, &mut changes);
        changes
    }

    /// Every finding, sorted.
    // An `impl Iterator` cannot be named in an `IntoIterator` impl; `iter` is all callers need.
    #[allow(clippy::iter_without_into_iter)]
    pub fn iter(&self) -> impl Iterator<Item = &Finding> {
        self.sorted
            .iter()
            .flat_map(|(f, n)| std::iter::repeat_n(&**f, *n))
    }

    /// Every finding, sorted, as the shared values kept here: a cache of the findings holds
    /// these rather than copies.
    pub fn iter_shared(&self) -> impl Iterator<Item = &Arc<Finding>> {
        self.sorted
            .iter()
            .flat_map(|(f, n)| std::iter::repeat_n(f, *n))
    }

    /// How many findings.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn index_matter(&mut self, power: &Power) {
        if let Some(matter) = &power.matter {
            self.matter_of.insert(power.code.clone(), matter.clone());
            self.matter_powers
                .entry(matter.clone())
                .or_default()
                .insert(power.code.clone());
        }
    }

    /// Counts a power's leads in the 执法集中 index if it is a penalty of the chosen fields.
    fn enforce(
        &mut self,
        coverage: &Coverage,
        power: &Power,
        fields: &BTreeSet<&str>,
        pending: &mut Pending,
        area: &Area,
    ) {
        if power.kind != PowerKind::Penalty || !fields.contains(power.field.as_str()) {
            return;
        }
        self.enforced.insert(power.code.clone());
        let Some(now) = coverage.power(&power.code) else {
            return;
        };
        for (i, bodies) in now.leads.in_area(area) {
            let Some(counts) = self.enforced_leads.get_mut(i) else {
                continue;
            };
            for body in bodies {
                let n = counts.entry(body.clone()).or_default();
                *n += 1;
                pending.rose(i, body, *n, coverage.is_street_body(body));
            }
        }
    }

    /// Evaluates the rules of these scopes, noting in `changes` what changed; a rule whose
    /// findings lie each in one territory only in `area`, the rest of its findings kept.
    fn evaluate_scopes(
        &mut self,
        input: &RuleInput<'_>,
        config: &RuleConfig,
        scopes: impl IntoIterator<Item = (Rule, Scope)>,
        area: &Area,
        changes: &mut RuleChanges,
    ) {
        // Each rule's setting once, and only for the rules with a scope to evaluate: an edit
        // touches few.
        let mut settings: BTreeMap<Rule, RuleSetting> = BTreeMap::new();
        for (rule, scope) in scopes {
            let setting = settings.entry(rule).or_insert_with(|| config.setting(rule));
            if !setting.enabled {
                continue;
            }
            let mut out = Out::new(rule, setting.severity.into());
            let territorial = matches!(rule, Rule::SeenNotHandled | Rule::GrantBundle);
            if territorial && *area != Area::Everywhere {
                self.evaluate(input, setting, &scope, area, &mut out);
                self.replace_in_area((rule, scope), out, area, changes);
            } else {
                self.evaluate(input, setting, &scope, &Area::Everywhere, &mut out);
                self.replace((rule, scope), out, Some(changes));
            }
        }
    }

    /// Evaluates one rule over one scope; a rule whose findings lie each in one territory
    /// only in `area`.
    fn evaluate(
        &self,
        input: &RuleInput<'_>,
        setting: &RuleSetting,
        scope: &Scope,
        area: &Area,
        out: &mut Out,
    ) {
        let state = input.state;
        match (out.rule, scope) {
            (rule, Scope::Power(code)) => {
                if let Some(power) = state.power(code) {
                    match rule {
                        Rule::PlanningCentral => planning_central(input, setting, power, out),
                        Rule::EntrustLimits => legal::entrust_limits(input, power, out),
                        Rule::ConcentrationRelapse => {
                            legal::concentration_relapse(input, power, out);
                        }
                        Rule::GrantLimits => grant::grant_limits(input, &self.grants, power, out),
                        _ => {}
                    }
                }
            }
            (Rule::EnforcementConcentrated, Scope::District(i)) => {
                if let (Some(district), Some(counts)) = (
                    input.coverage.territories().get(*i),
                    self.enforced_leads.get(*i),
                ) {
                    enforcement_concentrated(input, setting, district, counts, &self.enforced, out);
                }
            }
            (
                Rule::ApprovalEnforcementApart | Rule::SeenNotHandled | Rule::GrantBundle,
                Scope::Matter(matter),
            ) => {
                let powers: Vec<&Power> = self
                    .matter_powers
                    .get(matter)
                    .into_iter()
                    .flatten()
                    .filter_map(|p| state.power(p))
                    .collect();
                match out.rule {
                    Rule::ApprovalEnforcementApart => {
                        approval_enforcement_apart(input, &powers, out);
                    }
                    Rule::GrantBundle => {
                        grant::grant_bundle(input, &self.grants, &powers, area, out);
                    }
                    _ => seen_not_handled(input, &powers, area, out),
                }
            }
            (rule, Scope::Body(id)) => {
                if let Some(body) = state.body(id) {
                    match rule {
                        Rule::StaffingFollowsDuties => {
                            staffing_follows_duties(input, setting, body, out);
                        }
                        Rule::DutiesPowersPeopleMoney => {
                            duties_powers_people_money(input, body, out);
                        }
                        Rule::NoIdleBody => no_idle_body(input, body, out),
                        Rule::LeadStanding => legal::lead_standing(input, body, out),
                        Rule::PeopleFollowSlots => legal::people_follow_slots(input, body, out),
                        Rule::ConcentrationReceiver => {
                            legal::concentration_receiver(input, body, out);
                        }
                        Rule::GrantCapacity => {
                            grant::grant_capacity(&self.grants, setting, body, out);
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
}
