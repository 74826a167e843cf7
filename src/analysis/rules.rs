//! Reform principles as configurable rules (规划权集中, 执法集中, 编随事走 …), stored in the plan.
//!
//! The settings live in the plan file so that a reviewer sees the rules the planner used. Rule
//! evaluation is added rule by rule; a rule with no evaluator yet raises nothing.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::finding::{Finding, Severity};
use crate::model::State;

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

/// The rules of a plan, by rule id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct RuleConfig {
    /// Settings by rule id; a rule missing here runs with its defaults.
    pub rules: BTreeMap<String, RuleSetting>,
}

/// Findings of every enabled rule, sorted.
pub fn evaluate(_state: &State, _config: &RuleConfig) -> Vec<Finding> {
    Vec::new()
}
