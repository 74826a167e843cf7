//! Jurisdictions (辖区): the city, its districts and their streets, as a tree.

use serde::{Deserialize, Serialize};

use super::ids::JurisdictionId;

/// The level (层级) of a jurisdiction in the city → district → street tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 市级
    City,
    /// 区级 (districts and counties)
    District,
    /// 街道 (streets and townships)
    Street,
}

impl Level {
    /// Every level, from the top.
    pub const ALL: [Level; 3] = [Level::City, Level::District, Level::Street];

    /// The id used in files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Level::City => "city",
            Level::District => "district",
            Level::Street => "street",
        }
    }

    /// The level a jurisdiction's parent must have, if any.
    pub fn parent_level(self) -> Option<Level> {
        match self {
            Level::City => None,
            Level::District => Some(Level::City),
            Level::Street => Some(Level::District),
        }
    }
}

/// A jurisdiction of the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Jurisdiction {
    /// Stable id (`city`, `district-a`).
    pub id: JurisdictionId,
    /// Display name (本市, 甲区).
    pub name: String,
    /// City, district or street.
    pub level: Level,
    /// The enclosing jurisdiction; `None` only for the city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<JurisdictionId>,
}
