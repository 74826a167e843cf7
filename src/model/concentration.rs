//! The records of 相对集中 (concentration): which source bodies let a power go, which bodies
//! received it, and the province's decision that approved it ([`Approval`], which a street's
//! grant of a power, 赋权, records too). A state indexes them; a plan file stores them.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::ids::{BodyId, JurisdictionId, PowerId};

/// A record that a power was concentrated (相对集中) away from these source bodies.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concentration {
    /// The concentrated power.
    pub power: PowerId,
    /// The bodies that may no longer exercise it anywhere.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub sources: BTreeSet<BodyId>,
    /// City bodies that may no longer exercise it in these districts (a district's bureau took
    /// it there).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub sources_in: BTreeMap<BodyId, BTreeSet<JurisdictionId>>,
    /// The bodies that received it, with the approving decision.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub receivers: BTreeMap<BodyId, Receipt>,
}

/// The decision that approved a concentration (相对集中行政处罚权 needs the province's): the
/// approving authority (批准机关) and the document number (文号).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// 批准机关 (省人民政府).
    pub authority: String,
    /// 文号 (X府函〔2024〕12号).
    pub document: String,
}

/// That a body received a power by concentration, and under what decision.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
    /// The approving decision; `None` when none is recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approval: Option<Approval>,
}
