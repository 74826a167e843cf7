//! The primitive edits of a state ([`Change`]: a before/after pair for one record) and what a
//! list of them touched ([`Touched`]), for incremental analysis.

use std::collections::{BTreeMap, BTreeSet};

use super::super::body::Body;
use super::super::concentration::Receipt;
use super::super::holding::Holding;
use super::super::ids::{BodyId, JurisdictionId, PowerId};
use super::super::jurisdiction::Jurisdiction;
use super::super::power::Power;

/// A primitive edit of one record: what it was and what it becomes (`None`: absent).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A jurisdiction added, replaced or removed.
    Jurisdiction {
        /// The record's id.
        id: JurisdictionId,
        /// Before.
        before: Option<Jurisdiction>,
        /// After.
        after: Option<Jurisdiction>,
    },
    /// A body added, replaced or removed.
    Body {
        /// The record's id.
        id: BodyId,
        /// Before.
        before: Option<Box<Body>>,
        /// After.
        after: Option<Box<Body>>,
    },
    /// A power added, replaced or removed.
    Power {
        /// The record's id.
        id: PowerId,
        /// Before.
        before: Option<Box<Power>>,
        /// After.
        after: Option<Box<Power>>,
    },
    /// A holding added, replaced or removed.
    Holding {
        /// The power.
        power: PowerId,
        /// The body.
        body: BodyId,
        /// Before.
        before: Option<Holding>,
        /// After.
        after: Option<Holding>,
    },
    /// A body barred from (or freed to) a concentrated power.
    Barred {
        /// The concentrated power.
        power: PowerId,
        /// The source body.
        body: BodyId,
        /// Before.
        before: bool,
        /// After.
        after: bool,
    },
    /// A body barred from (or freed to) a concentrated power in one district only.
    BarredIn {
        /// The concentrated power.
        power: PowerId,
        /// The source body.
        body: BodyId,
        /// The district.
        district: JurisdictionId,
        /// Before.
        before: bool,
        /// After.
        after: bool,
    },
    /// A body recorded (or no longer) as the receiver of a concentrated power.
    Receiver {
        /// The concentrated power.
        power: PowerId,
        /// The receiving body.
        body: BodyId,
        /// Before.
        before: Option<Receipt>,
        /// After.
        after: Option<Receipt>,
    },
}

impl Change {
    /// The change that undoes this one.
    #[must_use]
    pub fn reversed(self) -> Change {
        match self {
            Change::Jurisdiction { id, before, after } => Change::Jurisdiction {
                id,
                before: after,
                after: before,
            },
            Change::Body { id, before, after } => Change::Body {
                id,
                before: after,
                after: before,
            },
            Change::Power { id, before, after } => Change::Power {
                id,
                before: after,
                after: before,
            },
            Change::Holding {
                power,
                body,
                before,
                after,
            } => Change::Holding {
                power,
                body,
                before: after,
                after: before,
            },
            Change::Barred {
                power,
                body,
                before,
                after,
            } => Change::Barred {
                power,
                body,
                before: after,
                after: before,
            },
            Change::BarredIn {
                power,
                body,
                district,
                before,
                after,
            } => Change::BarredIn {
                power,
                body,
                district,
                before: after,
                after: before,
            },
            Change::Receiver {
                power,
                body,
                before,
                after,
            } => Change::Receiver {
                power,
                body,
                before: after,
                after: before,
            },
        }
    }
}

/// A lead holding (主办) gained or lost: a body now leads a power it did not, or no longer leads
/// one it did. The window's lanes count each body's lead powers by field, and follow an edit by
/// these rather than by counting a touched body's holdings again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeadMove {
    /// The power.
    pub power: PowerId,
    /// The body.
    pub body: BodyId,
    /// Gained (true) or lost (false).
    pub gained: bool,
}

impl LeadMove {
    /// The lead holdings that `changes` gained and lost, added to `out`: as applied when
    /// `applied`, else as reverted. A holding changed twice gives a move each time its lead
    /// changed, so the moves add up to the difference whatever their order.
    pub fn of_changes(changes: &[Change], applied: bool, out: &mut Vec<LeadMove>) {
        for change in changes {
            if let Change::Holding {
                power,
                body,
                before,
                after,
            } = change
            {
                let lead = |h: &Option<Holding>| h.as_ref().is_some_and(|h| h.role.is_lead());
                let (was, is) = if applied {
                    (lead(before), lead(after))
                } else {
                    (lead(after), lead(before))
                };
                if was != is {
                    out.push(LeadMove {
                        power: power.clone(),
                        body: body.clone(),
                        gained: is,
                    });
                }
            }
        }
    }
}

/// What a list of changes may have altered, for incremental analysis: the powers whose coverage
/// or record changed, and the bodies whose duties, staffing, place or parent changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Touched {
    /// Only these records.
    Records(TouchedRecords),
    /// Anything (the jurisdictions changed).
    #[default]
    All,
}

/// The records that changes touched (see [`Touched`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TouchedRecords {
    /// Powers whose record, holdings or concentration changed, and every power of a body that
    /// moved (their coverage may differ).
    pub powers: BTreeSet<PowerId>,
    /// Bodies whose record or holdings changed, and the parents they left or joined.
    pub bodies: BTreeSet<BodyId>,
    /// Bodies whose name changed: every message that names them changes.
    pub renamed: BTreeSet<BodyId>,
    /// Bodies whose legal profile changed: their standing (set, or through a change of kind or
    /// slots that its default follows), their jurisdiction, or whether they have civil-service
    /// slots. Rules that read it where the body is entrusted or receives a concentration
    /// re-check those powers.
    pub restanded: BTreeSet<BodyId>,
    /// For each power whose holdings changed, the bodies whose holding of it changed (came,
    /// went, or changed): an index of one power's holders follows these, not every touched body.
    pub holders: BTreeMap<PowerId, BTreeSet<BodyId>>,
    /// Powers whose own record changed (name, kind, field, matter …), not only their holdings:
    /// the rules that read them may change wherever they are held, where a change of holdings
    /// alone changes only the territories its bodies reach.
    pub power_records: BTreeSet<PowerId>,
}

impl Touched {
    /// Nothing touched yet.
    pub fn none() -> Self {
        Touched::Records(TouchedRecords::default())
    }

    /// Adds one power.
    pub fn add(&mut self, power: &PowerId) {
        if let Touched::Records(r) = self {
            r.powers.insert(power.clone());
        }
    }

    /// Adds one body.
    pub fn add_body(&mut self, body: &BodyId) {
        if let Touched::Records(r) = self {
            r.bodies.insert(body.clone());
        }
    }

    /// The touched powers; `None` when anything may have changed.
    pub fn powers(&self) -> Option<&BTreeSet<PowerId>> {
        match self {
            Touched::Records(r) => Some(&r.powers),
            Touched::All => None,
        }
    }

    /// Merges another set into this one.
    pub fn extend(&mut self, other: &Touched) {
        match (self as &mut Touched, other) {
            (Touched::All, _) => {}
            (this, Touched::All) => *this = Touched::All,
            (Touched::Records(a), Touched::Records(b)) => {
                a.powers.extend(b.powers.iter().cloned());
                a.bodies.extend(b.bodies.iter().cloned());
                a.renamed.extend(b.renamed.iter().cloned());
                a.restanded.extend(b.restanded.iter().cloned());
                a.power_records.extend(b.power_records.iter().cloned());
                for (power, bodies) in &b.holders {
                    a.holders
                        .entry(power.clone())
                        .or_default()
                        .extend(bodies.iter().cloned());
                }
            }
        }
    }
}
