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
//!
//! The two rules that compare with the baseline see no change when the state is the baseline.
//! Every rule is one linear pass over the state (and coverage); findings come back sorted.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::coverage::Coverage;
use super::finding::{Finding, FindingKind, Reason, Severity};
use crate::model::{BodyId, JurisdictionId, Level, PowerId, PowerKind, State};

/// The settings of one rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSetting {
    /// Whether the rule runs.
    pub enabled: bool,
    /// The severity of its findings.
    pub severity: RuleSeverity,
    /// Parameters, such as the fields that 执法集中 covers.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, Vec<String>>,
}

/// A severity as the plan file writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleSeverity {
    /// Error.
    Error,
    /// Warning.
    Warning,
    /// Info.
    Info,
}

impl From<RuleSeverity> for Severity {
    fn from(s: RuleSeverity) -> Self {
        match s {
            RuleSeverity::Error => Severity::Error,
            RuleSeverity::Warning => Severity::Warning,
            RuleSeverity::Info => Severity::Info,
        }
    }
}

/// The built-in rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// 规划权集中
    PlanningCentral,
    /// 执法集中
    EnforcementConcentrated,
    /// 编随事走、人随编走
    StaffingFollowsDuties,
    /// 事权人财相统一
    DutiesPowersPeopleMoney,
    /// 审管分离
    ApprovalEnforcementApart,
    /// 看得见管不着
    SeenNotHandled,
    /// 机构有事可干
    NoIdleBody,
}

impl Rule {
    /// Every rule, in display order.
    pub const ALL: [Rule; 7] = [
        Rule::PlanningCentral,
        Rule::EnforcementConcentrated,
        Rule::StaffingFollowsDuties,
        Rule::DutiesPowersPeopleMoney,
        Rule::ApprovalEnforcementApart,
        Rule::SeenNotHandled,
        Rule::NoIdleBody,
    ];

    /// The id stored in plan files and reported in findings.
    pub fn id(self) -> &'static str {
        match self {
            Rule::PlanningCentral => "planning-central",
            Rule::EnforcementConcentrated => "enforcement-concentrated",
            Rule::StaffingFollowsDuties => "staffing-follows-duties",
            Rule::DutiesPowersPeopleMoney => "duties-powers-people-money",
            Rule::ApprovalEnforcementApart => "approval-enforcement-apart",
            Rule::SeenNotHandled => "seen-not-handled",
            Rule::NoIdleBody => "no-idle-body",
        }
    }

    /// The rule with this id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The principle's name in Chinese.
    pub fn label_zh(self) -> &'static str {
        match self {
            Rule::PlanningCentral => "规划权集中",
            Rule::EnforcementConcentrated => "执法集中",
            Rule::StaffingFollowsDuties => "编随事走、人随编走",
            Rule::DutiesPowersPeopleMoney => "事权人财相统一",
            Rule::ApprovalEnforcementApart => "审管分离",
            Rule::SeenNotHandled => "看得见管不着",
            Rule::NoIdleBody => "机构有事可干",
        }
    }

    /// The principle's name in English.
    pub fn label_en(self) -> &'static str {
        match self {
            Rule::PlanningCentral => "planning stays central",
            Rule::EnforcementConcentrated => "enforcement concentrated",
            Rule::StaffingFollowsDuties => "staffing follows duties",
            Rule::DutiesPowersPeopleMoney => "duties, powers, people and money unified",
            Rule::ApprovalEnforcementApart => "approval and enforcement apart",
            Rule::SeenNotHandled => "seen but not handled",
            Rule::NoIdleBody => "no body without duties",
        }
    }

    /// The built-in setting.
    pub fn default_setting(self) -> RuleSetting {
        let (severity, params): (RuleSeverity, &[(&str, &[&str])]) = match self {
            Rule::PlanningCentral => (
                RuleSeverity::Error,
                &[
                    ("fields", &["城乡规划"]),
                    ("kinds", &["licence", "service"]),
                ],
            ),
            Rule::EnforcementConcentrated => (
                RuleSeverity::Warning,
                &[(
                    "fields",
                    &["市容环卫", "园林绿化", "占道经营", "噪声", "市政设施"],
                )],
            ),
            Rule::StaffingFollowsDuties | Rule::DutiesPowersPeopleMoney | Rule::SeenNotHandled => {
                (RuleSeverity::Warning, &[])
            }
            Rule::ApprovalEnforcementApart | Rule::NoIdleBody => (RuleSeverity::Info, &[]),
        };
        RuleSetting {
            enabled: true,
            severity,
            params: params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.iter().map(|s| (*s).to_owned()).collect()))
                .collect(),
        }
    }
}

/// The rules of a plan, by rule id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct RuleConfig {
    /// Settings by rule id; a rule missing here runs with its built-in setting.
    pub rules: BTreeMap<String, RuleSetting>,
}

impl RuleConfig {
    /// The setting in force for a rule.
    pub fn setting(&self, rule: Rule) -> RuleSetting {
        self.rules
            .get(rule.id())
            .cloned()
            .unwrap_or_else(|| rule.default_setting())
    }

    /// Stores a setting for a rule.
    pub fn set(&mut self, rule: Rule, setting: RuleSetting) {
        self.rules.insert(rule.id().to_owned(), setting);
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

/// Findings of every enabled rule, sorted.
pub fn evaluate(input: &RuleInput<'_>, config: &RuleConfig) -> Vec<Finding> {
    let mut findings = Vec::new();
    for rule in Rule::ALL {
        let setting = config.setting(rule);
        if !setting.enabled {
            continue;
        }
        let mut out = Out {
            rule,
            severity: setting.severity.into(),
            findings: &mut findings,
        };
        match rule {
            Rule::PlanningCentral => planning_central(input, &setting, &mut out),
            Rule::EnforcementConcentrated => enforcement_concentrated(input, &setting, &mut out),
            Rule::StaffingFollowsDuties => staffing_follows_duties(input, &mut out),
            Rule::DutiesPowersPeopleMoney => duties_powers_people_money(input, &mut out),
            Rule::ApprovalEnforcementApart => approval_enforcement_apart(input, &mut out),
            Rule::SeenNotHandled => seen_not_handled(input, &mut out),
            Rule::NoIdleBody => no_idle_body(input, &mut out),
        }
    }
    findings.sort();
    findings
}

struct Out<'f> {
    rule: Rule,
    severity: Severity,
    findings: &'f mut Vec<Finding>,
}

impl Out<'_> {
    // The texts are built with `format!` at every call site; taking them by value reads best.
    #[allow(clippy::needless_pass_by_value)]
    fn push(
        &mut self,
        power: Option<&PowerId>,
        jurisdiction: Option<&JurisdictionId>,
        bodies: Vec<BodyId>,
        zh: String,
        en: String,
    ) {
        let mut bodies = bodies;
        bodies.sort();
        bodies.dedup();
        self.findings.push(Finding {
            kind: FindingKind::Rule,
            severity: self.severity,
            power: power.cloned(),
            jurisdiction: jurisdiction.cloned(),
            bodies,
            rule: Some(self.rule.id().to_owned()),
            reason: Reason::Rule {
                zh: format!("【{}】{zh}", self.rule.label_zh()),
                en: format!("[{}] {en}", self.rule.label_en()),
            },
        });
    }
}

fn param<'s>(setting: &'s RuleSetting, key: &str) -> BTreeSet<&'s str> {
    setting
        .params
        .get(key)
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect()
}

fn body_name(state: &State, id: &BodyId) -> String {
    state
        .body(id)
        .map_or_else(|| id.to_string(), |b| b.name.clone())
}

fn place_name(state: &State, id: &JurisdictionId) -> String {
    state
        .jurisdiction(id)
        .map_or_else(|| id.to_string(), |j| j.name.clone())
}

fn planning_central(input: &RuleInput<'_>, setting: &RuleSetting, out: &mut Out<'_>) {
    let fields = param(setting, "fields");
    let kinds = param(setting, "kinds");
    let state = input.state;
    for power in state.powers().values() {
        if !fields.contains(power.field.as_str()) || !kinds.contains(power.kind.id()) {
            continue;
        }
        for holding in state.holdings_of_power(&power.code) {
            if !holding.role.is_lead() {
                continue;
            }
            let Some(body) = state.body(&holding.body) else {
                continue;
            };
            if state.level_of_body(&body.id) == Some(Level::City) {
                continue;
            }
            out.push(
                Some(&power.code),
                Some(&body.jurisdiction),
                vec![body.id.clone()],
                format!(
                    "{}（{}）应由市级主办，现由 {} 主办",
                    power.name, power.code, body.name
                ),
                format!(
                    "{} ({}) should be led by the city; {} leads it",
                    power.name, power.code, body.name
                ),
            );
        }
    }
}

fn enforcement_concentrated(input: &RuleInput<'_>, setting: &RuleSetting, out: &mut Out<'_>) {
    let fields = param(setting, "fields");
    let state = input.state;
    let districts = input.coverage.districts();
    let mut leads: Vec<BTreeSet<&BodyId>> = vec![BTreeSet::new(); districts.len()];
    for power in state.powers().values() {
        if power.kind != PowerKind::Penalty || !fields.contains(power.field.as_str()) {
            continue;
        }
        if let Some(coverage) = input.coverage.power(&power.code) {
            for (i, bodies) in coverage.leads.iter().enumerate() {
                leads[i].extend(bodies.iter());
            }
        }
    }
    for (district, bodies) in districts.iter().zip(leads) {
        if bodies.len() < 2 {
            continue;
        }
        let names: Vec<String> = bodies.iter().map(|b| body_name(state, b)).collect();
        out.push(
            None,
            Some(district),
            bodies.into_iter().cloned().collect(),
            format!(
                "{}：{} 领域的行政处罚由 {} 个机构分别行使（{}）",
                place_name(state, district),
                fields.iter().copied().collect::<Vec<_>>().join("、"),
                names.len(),
                names.join("、")
            ),
            format!(
                "{}: the penalties of {} are exercised by {} bodies ({})",
                place_name(state, district),
                fields.iter().copied().collect::<Vec<_>>().join(", "),
                names.len(),
                names.join(", ")
            ),
        );
    }
}

/// Lead holdings per body.
fn lead_counts(state: &State) -> BTreeMap<&BodyId, usize> {
    let mut counts = BTreeMap::new();
    for h in state.holdings() {
        if h.role.is_lead() {
            *counts.entry(&h.body).or_default() += 1;
        }
    }
    counts
}

fn staffing_follows_duties(input: &RuleInput<'_>, out: &mut Out<'_>) {
    let (state, baseline) = (input.state, input.baseline);
    let after = lead_counts(state);
    let before = lead_counts(baseline);
    for body in state.bodies().values() {
        let duties_after = after.get(&body.id).copied().unwrap_or(0);
        let slots_after = body.staffing.slots();
        let (duties_before, slots_before) = match baseline.body(&body.id) {
            Some(b) => (before.get(&b.id).copied().unwrap_or(0), b.staffing.slots()),
            None => (0, 0),
        };
        let (zh, en) = if duties_after > duties_before && slots_after <= slots_before {
            (
                format!(
                    "{} 主办事项由 {duties_before} 项增至 {duties_after} 项，编制未随之增加（{slots_after} 名）",
                    body.name
                ),
                format!(
                    "{} leads {duties_after} powers instead of {duties_before}, with no more slots ({slots_after})",
                    body.name
                ),
            )
        } else if slots_after > slots_before && duties_after <= duties_before {
            (
                format!(
                    "{} 编制由 {slots_before} 名增至 {slots_after} 名，主办事项未随之增加（{duties_after} 项）",
                    body.name
                ),
                format!(
                    "{} has {slots_after} slots instead of {slots_before}, with no more duties ({duties_after})",
                    body.name
                ),
            )
        } else {
            continue;
        };
        out.push(
            None,
            Some(&body.jurisdiction),
            vec![body.id.clone()],
            zh,
            en,
        );
    }
}

fn duties_powers_people_money(input: &RuleInput<'_>, out: &mut Out<'_>) {
    let (state, baseline) = (input.state, input.baseline);
    let after = lead_counts(state);
    let before = lead_counts(baseline);
    for body in state.bodies().values() {
        let Some(old) = baseline.body(&body.id) else {
            continue;
        };
        if old.jurisdiction == body.jurisdiction {
            continue;
        }
        let to = place_name(state, &body.jurisdiction);
        let mut faults_zh = Vec::new();
        let mut faults_en = Vec::new();
        if body.staffing.slots() < old.staffing.slots() {
            faults_zh.push(format!(
                "编制由 {} 名减至 {} 名",
                old.staffing.slots(),
                body.staffing.slots()
            ));
            faults_en.push(format!(
                "its slots fell from {} to {}",
                old.staffing.slots(),
                body.staffing.slots()
            ));
        }
        if body.budget_wan < old.budget_wan {
            faults_zh.push(format!(
                "经费由 {} 万元减至 {} 万元",
                old.budget_wan, body.budget_wan
            ));
            faults_en.push(format!(
                "its budget fell from {} to {} (10k yuan)",
                old.budget_wan, body.budget_wan
            ));
        }
        let duties_before = before.get(&body.id).copied().unwrap_or(0);
        if duties_before > 0 && after.get(&body.id).copied().unwrap_or(0) == 0 {
            faults_zh.push(format!("原主办的 {duties_before} 项事项未随之划转"));
            faults_en.push(format!("its {duties_before} lead duties stayed behind"));
        }
        if faults_zh.is_empty() {
            continue;
        }
        out.push(
            None,
            Some(&body.jurisdiction),
            vec![body.id.clone()],
            format!("{} 划至 {to}，但{}", body.name, faults_zh.join("，")),
            format!("{} moved to {to}, but {}", body.name, faults_en.join(", ")),
        );
    }
}

/// Powers grouped by matter key, in key order.
fn powers_by_matter(state: &State) -> BTreeMap<&str, Vec<&crate::model::Power>> {
    let mut matters: BTreeMap<&str, Vec<&crate::model::Power>> = BTreeMap::new();
    for power in state.powers().values() {
        if let Some(matter) = &power.matter {
            matters.entry(matter.as_str()).or_default().push(power);
        }
    }
    matters
}

fn approval_enforcement_apart(input: &RuleInput<'_>, out: &mut Out<'_>) {
    let state = input.state;
    for powers in powers_by_matter(state).values() {
        let leaders = |kind: PowerKind| -> BTreeMap<&BodyId, &PowerId> {
            let mut map = BTreeMap::new();
            for p in powers.iter().filter(|p| p.kind == kind) {
                for h in state.holdings_of_power(&p.code) {
                    if h.role.is_lead() {
                        map.entry(&h.body).or_insert(&p.code);
                    }
                }
            }
            map
        };
        let licences = leaders(PowerKind::Licence);
        let penalties = leaders(PowerKind::Penalty);
        for (body, licence) in &licences {
            let Some(penalty) = penalties.get(body) else {
                continue;
            };
            let name = body_name(state, body);
            let power_name = |p: &PowerId| {
                state
                    .power(p)
                    .map_or_else(|| p.to_string(), |p| p.name.clone())
            };
            out.push(
                Some(licence),
                state.body(body).map(|b| &b.jurisdiction),
                vec![(*body).clone()],
                format!(
                    "{name} 既主办许可「{}」又主办处罚「{}」",
                    power_name(licence),
                    power_name(penalty)
                ),
                format!(
                    "{name} leads both the licence “{}” and the penalty “{}”",
                    power_name(licence),
                    power_name(penalty)
                ),
            );
        }
    }
}

fn seen_not_handled(input: &RuleInput<'_>, out: &mut Out<'_>) {
    let state = input.state;
    let districts = input.coverage.districts();
    for (matter, powers) in powers_by_matter(state) {
        let levels_of = |kind: PowerKind| -> Vec<BTreeMap<Level, Vec<BodyId>>> {
            let mut per_district = vec![BTreeMap::<Level, Vec<BodyId>>::new(); districts.len()];
            for p in powers.iter().filter(|p| p.kind == kind) {
                let Some(coverage) = input.coverage.power(&p.code) else {
                    continue;
                };
                for (i, bodies) in coverage.leads.iter().enumerate() {
                    for b in bodies {
                        if let Some(level) = state.level_of_body(b) {
                            per_district[i].entry(level).or_default().push(b.clone());
                        }
                    }
                }
            }
            per_district
        };
        let inspections = levels_of(PowerKind::Inspection);
        if inspections.iter().all(BTreeMap::is_empty) {
            continue;
        }
        let penalties = levels_of(PowerKind::Penalty);
        if penalties.iter().all(BTreeMap::is_empty)
            && !powers.iter().any(|p| p.kind == PowerKind::Penalty)
        {
            continue;
        }
        let inspection = powers
            .iter()
            .find(|p| p.kind == PowerKind::Inspection)
            .map(|p| &p.code);
        for (i, district) in districts.iter().enumerate() {
            for (level, inspectors) in &inspections[i] {
                if penalties[i].contains_key(level) {
                    continue;
                }
                let names: Vec<String> = inspectors.iter().map(|b| body_name(state, b)).collect();
                out.push(
                    inspection,
                    Some(district),
                    inspectors.clone(),
                    format!(
                        "{}：{} 能检查「{matter}」事项，但{}无机构能处罚",
                        place_name(state, district),
                        names.join("、"),
                        level.label_zh()
                    ),
                    format!(
                        "{}: {} inspect “{matter}” but no {} body can penalise it",
                        place_name(state, district),
                        names.join(", "),
                        level.label_en()
                    ),
                );
            }
        }
    }
}

fn no_idle_body(input: &RuleInput<'_>, out: &mut Out<'_>) {
    let state = input.state;
    let leads = lead_counts(state);
    // A body is busy if it or anything under it leads a power; walk up from each leading body.
    let mut busy: BTreeSet<&BodyId> = BTreeSet::new();
    for body in leads.keys() {
        let mut current = Some(*body);
        while let Some(id) = current {
            if !busy.insert(id) {
                break;
            }
            current = state.body(id).and_then(|b| b.parent.as_ref());
        }
    }
    for body in state.bodies().values() {
        if busy.contains(&body.id) {
            continue;
        }
        out.push(
            None,
            Some(&body.jurisdiction),
            vec![body.id.clone()],
            format!("{} 不主办任何事项", body.name),
            format!("{} leads no power", body.name),
        );
    }
}
