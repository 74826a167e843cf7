//! Holdings: which body exercises which power, in what role, over which territory.

use serde::{Deserialize, Serialize};

use super::excludes::Excludes;
use super::ids::{BodyId, PowerId};

/// The role of a body in a holding (主办 / 协办 / 受委托).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Role {
    /// 主办: the body exercises the power in its own name and counts for coverage.
    Lead,
    /// 协办: the body helps; it never counts for coverage.
    Assist,
    /// 受委托: the body acts in the name of the entrusting body, which stays responsible and
    /// whose own holding is the one that counts.
    Entrusted {
        /// The entrusting body.
        by: BodyId,
    },
}

impl Role {
    /// Whether this role counts for coverage.
    pub fn is_lead(&self) -> bool {
        matches!(self, Role::Lead)
    }
}

/// Which cases a lead holding takes under a level split (分级管辖, a list's 行使层级
/// 「市级、区级」): the city the major or cross-district cases, the district the ordinary ones. A
/// declared split is not an overlap; an undeclared double lead is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cases {
    /// 重大、跨区域案件: only the major or cross-district cases.
    Major,
    /// 一般案件: only the ordinary cases.
    Ordinary,
}

impl Cases {
    /// Both tiers.
    pub const ALL: [Cases; 2] = [Cases::Major, Cases::Ordinary];

    /// The id used in files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Cases::Major => "major",
            Cases::Ordinary => "ordinary",
        }
    }

    /// The other tier.
    #[must_use]
    pub fn other(self) -> Cases {
        match self {
            Cases::Major => Cases::Ordinary,
            Cases::Ordinary => Cases::Major,
        }
    }
}

fn is_lead(role: &Role) -> bool {
    role.is_lead()
}

fn lead() -> Role {
    Role::Lead
}

/// One body's hold on one power. A plan holds at most one holding per (power, body).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holding {
    /// The power held.
    pub power: PowerId,
    /// The body that holds it.
    pub body: BodyId,
    /// Lead, assist or entrusted; lead when omitted in a file.
    #[serde(default = "lead", skip_serializing_if = "is_lead")]
    pub role: Role,
    /// Territories a lead holding does not cover: for a city body, districts (a district took the
    /// power for its own territory) or streets; for a district body, streets of its district
    /// (赋权 granted the power to a street's body). Ignored for street bodies.
    #[serde(default, skip_serializing_if = "Excludes::is_empty")]
    pub excludes: Excludes,
    /// A lead holding that takes only one tier of cases (分级管辖); `None`: every case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cases: Option<Cases>,
    /// What a published list says of this body's exercise of the power (its 承办机构 and
    /// 实施编码); `None` for most holdings, so it costs a pointer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub listing: Option<Box<HoldingListing>>,
    /// 赋权: a street body's holding that its district granted (行政处罚法 第24条), with the
    /// decision and the date of its evaluation; `None` for every other holding. Shared: a
    /// province's streets hold hundreds of thousands of grants made under a few decisions, and a
    /// loaded plan gives each distinct grant one value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant: Option<std::sync::Arc<Grant>>,
}

/// That a district granted a power to a street body (赋权, 行政处罚法 第24条): which district
/// body let it go in that street, under what decision, and when the grant is to be evaluated.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grant {
    /// The district body that exercised the power in the street before and whose holding the
    /// grant narrowed by the street.
    pub from: BodyId,
    /// The province's decision (批准机关, 文号); `None` when none is recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<super::concentration::Approval>,
    /// When the grant is to be evaluated (评估), as written (2027-06-30).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evaluate_by: String,
}

/// What a published 权责清单 says of one body's exercise of one power.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoldingListing {
    /// 承办机构: the division (科室) inside the body that does the work. Never a holder.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub division: String,
    /// 实施编码: the code of this exercise (region and body in it), kept as written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub impl_code: String,
}

impl HoldingListing {
    /// The listing of a division and an implementation code, `None` if both are blank.
    pub fn of(division: &str, impl_code: &str) -> Option<Box<Self>> {
        (!division.is_empty() || !impl_code.is_empty()).then(|| {
            Box::new(Self {
                division: division.to_owned(),
                impl_code: impl_code.to_owned(),
            })
        })
    }
}

impl Holding {
    /// A lead holding over the body's whole territory.
    pub fn lead(power: PowerId, body: BodyId) -> Self {
        Self {
            listing: None,
            power,
            body,
            role: Role::Lead,
            excludes: Excludes::default(),
            cases: None,
            grant: None,
        }
    }

    /// The key a plan stores it under.
    pub fn key(&self) -> HoldingKey {
        (self.power.clone(), self.body.clone())
    }
}

/// Holdings are keyed by (power, body): one holding per pair.
pub type HoldingKey = (PowerId, BodyId);

#[cfg(test)]
mod tests {
    use super::*;

    /// A province with streets holds about a million holdings, and building them is mostly
    /// fresh memory: a field that grows every holding grows `check LIST` and the window's
    /// opening with it. 64 bytes: two ids (a pointer each), a role (a tag and an id), three
    /// pointers (excludes, listing, grant) and the cases' byte.
    #[test]
    fn a_holding_stays_small() {
        assert_eq!(std::mem::size_of::<crate::model::BodyId>(), 8);
        assert_eq!(std::mem::size_of::<Role>(), 16);
        assert_eq!(std::mem::size_of::<Holding>(), 64);
    }
}
