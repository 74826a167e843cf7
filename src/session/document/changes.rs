//! What a document remembers of its last changes (what each touched and did to the rule
//! findings), so that a cache can follow them ([`ChangesSince`]) instead of starting again.

use std::collections::VecDeque;

use crate::analysis::coverage::Area;
use crate::analysis::rules::RuleChanges;
use crate::model::{LeadMove, Touched};

/// How many changes [`Document::changes_since`] remembers. The window's caches catch up every
/// frame, so they are never more than a few changes behind; one further behind starts again.
pub(super) const REMEMBERED_CHANGES: usize = 64;

/// What the changes after a revision did ([`Document::changes_since`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangesSince<'d> {
    /// The records they touched (nothing for a change of the plan alone, such as a scenario's
    /// name), or [`Touched::All`].
    pub touched: Touched,
    /// What each of them did to the rule findings, oldest first: apply them in this order.
    pub rule_findings: Vec<&'d RuleChanges>,
    /// The lead holdings each of them gained and lost, oldest first (they add up in any order).
    pub leads: Vec<&'d [LeadMove]>,
    /// The territories where they may have changed a power's leads (`Coverage::area`, read
    /// before each): outside it, every touched power's leads are as they were.
    pub area: Area,
}

/// One change remembered: the revision it produced, what it touched, what it did to the rule
/// findings.
#[derive(Clone, Debug)]
pub(super) struct RecentChange {
    pub(super) revision: u64,
    pub(super) touched: Touched,
    pub(super) rule_findings: RuleChanges,
    pub(super) leads: Vec<LeadMove>,
    pub(super) area: Area,
}

/// The last changes, for [`Document::changes_since`].
#[derive(Clone, Debug, Default)]
pub(super) struct RecentChanges {
    /// The revision from which `changes` is complete: what changed after it is known.
    known_from: u64,
    /// Oldest first.
    changes: VecDeque<RecentChange>,
}

impl RecentChanges {
    /// Records a change.
    pub(super) fn record(&mut self, change: RecentChange) {
        if self.changes.len() == REMEMBERED_CHANGES
            && let Some(oldest) = self.changes.pop_front()
        {
            self.known_from = oldest.revision;
        }
        self.changes.push_back(change);
    }

    /// Forgets every change: the state or its analysis was replaced wholesale at `revision`.
    pub(super) fn replaced(&mut self, revision: u64) {
        self.changes.clear();
        self.known_from = revision;
    }

    pub(super) fn since(&self, revision: u64) -> Option<ChangesSince<'_>> {
        if revision < self.known_from {
            return None;
        }
        let mut since = ChangesSince {
            touched: Touched::none(),
            rule_findings: Vec::new(),
            leads: Vec::new(),
            area: Area::nowhere(),
        };
        for change in self.changes.iter().filter(|c| c.revision > revision) {
            since.touched.extend(&change.touched);
            since.rule_findings.push(&change.rule_findings);
            since.leads.push(&change.leads);
            since.area.extend(&change.area);
        }
        Some(since)
    }
}
