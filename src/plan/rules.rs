//! The reform rules' configuration, saved in every plan: which built-in rules run, at what
//! severity, with what parameters. The rules themselves (what they check) are the analysis's
//! (`analysis::rules`); this is only what the plan file says of them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The built-in threshold of `grant-capacity`: granted items per person of a street body.
pub const DEFAULT_ITEMS_PER_PERSON: &str = "30";

/// The settings of one rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    /// 主体资格
    LeadStanding,
    /// 委托合法
    EntrustLimits,
    /// 集中主体
    ConcentrationReceiver,
    /// 集中后回流
    ConcentrationRelapse,
    /// 人随编走
    PeopleFollowSlots,
    /// 赋权合法
    GrantLimits,
    /// 赋权承接能力
    GrantCapacity,
    /// 赋权配套
    GrantBundle,
    /// 过渡期: gaps and overlaps between the steps of a dated scenario.
    Transition,
}

impl Rule {
    /// Every rule, in display order.
    pub const ALL: [Rule; 16] = [
        Rule::LeadStanding,
        Rule::EntrustLimits,
        Rule::ConcentrationReceiver,
        Rule::ConcentrationRelapse,
        Rule::GrantLimits,
        Rule::GrantCapacity,
        Rule::GrantBundle,
        Rule::PlanningCentral,
        Rule::EnforcementConcentrated,
        Rule::StaffingFollowsDuties,
        Rule::PeopleFollowSlots,
        Rule::DutiesPowersPeopleMoney,
        Rule::ApprovalEnforcementApart,
        Rule::SeenNotHandled,
        Rule::NoIdleBody,
        Rule::Transition,
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
            Rule::LeadStanding => "lead-standing",
            Rule::EntrustLimits => "entrust-limits",
            Rule::ConcentrationReceiver => "concentration-receiver",
            Rule::ConcentrationRelapse => "concentration-relapse",
            Rule::PeopleFollowSlots => "people-follow-slots",
            Rule::GrantLimits => "grant-limits",
            Rule::GrantCapacity => "grant-capacity",
            Rule::GrantBundle => "grant-bundle",
            Rule::Transition => "transition",
        }
    }

    /// The rule with this id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The built-in setting.
    pub fn default_setting(self) -> RuleSetting {
        let (severity, params): (RuleSeverity, &[(&str, &[&str])]) = match self {
            Rule::PlanningCentral => (
                RuleSeverity::Error,
                &[
                    ("fields", &["城乡规划"]),
                    // 竣工规划核实 is a 行政确认: the city keeps it with the licences.
                    ("kinds", &["licence", "confirmation", "service"]),
                ],
            ),
            Rule::EnforcementConcentrated => (
                RuleSeverity::Warning,
                &[(
                    "fields",
                    &["市容环卫", "园林绿化", "占道经营", "噪声", "市政设施"],
                )],
            ),
            // A body whose workload fell by more than this share, with as many slots as before.
            Rule::StaffingFollowsDuties => (RuleSeverity::Warning, &[("workload-drop", &["0.25"])]),
            // A street body with more granted items per person than this.
            Rule::GrantCapacity => (
                RuleSeverity::Warning,
                &[("items-per-person", &[DEFAULT_ITEMS_PER_PERSON])],
            ),
            Rule::DutiesPowersPeopleMoney
            | Rule::SeenNotHandled
            | Rule::PeopleFollowSlots
            | Rule::GrantBundle
            | Rule::Transition => (RuleSeverity::Warning, &[]),
            Rule::ApprovalEnforcementApart | Rule::NoIdleBody => (RuleSeverity::Info, &[]),
            Rule::LeadStanding
            | Rule::EntrustLimits
            | Rule::ConcentrationReceiver
            | Rule::ConcentrationRelapse
            | Rule::GrantLimits => (RuleSeverity::Error, &[]),
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
