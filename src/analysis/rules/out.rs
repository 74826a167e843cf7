//! What a rule puts out as it evaluates a scope ([`Out`]: its findings, at the rule's
//! severity), and the list parameters of a rule's setting ([`param`]).

use std::collections::BTreeSet;

use crate::analysis::finding::message::RuleMessage;
use crate::analysis::finding::{Finding, FindingKind, Reason, Severity};
use crate::model::{Body, BodyId, JurisdictionId, PowerId};
use crate::plan::rules::{Rule, RuleSetting};

/// The findings of one rule over one scope, as the rule's functions push them.
pub(super) struct Out {
    pub(super) rule: Rule,
    pub(super) severity: Severity,
    pub(super) findings: Vec<Finding>,
    /// For a rule whose findings are each in one territory (看得见管不着, 赋权配套), the
    /// territory of each finding (an index of the coverage's territories), the findings in
    /// territory order; empty for the other rules.
    pub(super) territories: Vec<u32>,
}

impl Out {
    /// An empty output of `rule` at `severity`.
    pub(super) fn new(rule: Rule, severity: Severity) -> Self {
        Self {
            rule,
            severity,
            findings: Vec::new(),
            territories: Vec::new(),
        }
    }

    /// [`Out::push`] of a finding in the territory at `index` (in territory order).
    pub(super) fn push_in(
        &mut self,
        index: usize,
        power: Option<&PowerId>,
        jurisdiction: Option<&JurisdictionId>,
        bodies: Vec<BodyId>,
        message: RuleMessage,
    ) {
        self.territories
            .push(u32::try_from(index).unwrap_or(u32::MAX));
        self.push(power, jurisdiction, bodies, message);
    }

    /// A finding with a reason of its own (not a rule's sentence), such as a concentrated source
    /// that still leads, whose message and fix the finding's module knows.
    pub(super) fn push_reason(
        &mut self,
        power: Option<&PowerId>,
        jurisdiction: Option<&JurisdictionId>,
        bodies: Vec<BodyId>,
        reason: Reason,
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
            reason,
        });
    }

    /// [`Out::push`] at a severity no higher than `most` (a missing record is a warning even
    /// where the rule's breaches are errors).
    pub(super) fn push_at_most(
        &mut self,
        most: Severity,
        power: Option<&PowerId>,
        jurisdiction: Option<&JurisdictionId>,
        bodies: Vec<BodyId>,
        message: RuleMessage,
    ) {
        let severity = self.severity;
        // Severity orders Error < Warning < Info: the larger is the milder.
        self.severity = severity.max(most);
        self.push(power, jurisdiction, bodies, message);
        self.severity = severity;
    }

    /// A finding about one body alone, located where it sits.
    pub(super) fn push_body(&mut self, body: &Body, message: RuleMessage) {
        self.push(
            None,
            Some(&body.jurisdiction),
            vec![body.id.clone()],
            message,
        );
    }

    pub(super) fn push(
        &mut self,
        power: Option<&PowerId>,
        jurisdiction: Option<&JurisdictionId>,
        bodies: Vec<BodyId>,
        message: RuleMessage,
    ) {
        self.push_reason(power, jurisdiction, bodies, Reason::Rule(message));
    }
}

/// The values of a rule's list parameter `key`.
pub(super) fn param<'s>(setting: &'s RuleSetting, key: &str) -> BTreeSet<&'s str> {
    setting
        .params
        .get(key)
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect()
}
