//! Powers (事项、职权): one item of a 权责清单, and the kinds of power.

use serde::{Deserialize, Serialize};

use super::ids::PowerId;

/// The kind of a power (权力类型): the ten kinds of administrative power, plus public services
/// and functions that are duties but not legal powers (规划编制, 环卫保洁).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PowerKind {
    /// 行政许可
    Licence,
    /// 行政处罚
    Penalty,
    /// 行政强制
    Coercion,
    /// 行政征收
    Levy,
    /// 行政给付
    Benefit,
    /// 行政检查
    Inspection,
    /// 行政确认
    Confirmation,
    /// 行政奖励
    Reward,
    /// 行政裁决
    Adjudication,
    /// 其他行政权力
    Other,
    /// 公共服务/职能: a duty that is not a legal power.
    Service,
}

impl PowerKind {
    /// Every kind, in the order of a 权责清单.
    pub const ALL: [PowerKind; 11] = [
        PowerKind::Licence,
        PowerKind::Penalty,
        PowerKind::Coercion,
        PowerKind::Levy,
        PowerKind::Benefit,
        PowerKind::Inspection,
        PowerKind::Confirmation,
        PowerKind::Reward,
        PowerKind::Adjudication,
        PowerKind::Other,
        PowerKind::Service,
    ];

    /// The id used in files.
    pub fn id(self) -> &'static str {
        match self {
            PowerKind::Licence => "licence",
            PowerKind::Penalty => "penalty",
            PowerKind::Coercion => "coercion",
            PowerKind::Levy => "levy",
            PowerKind::Benefit => "benefit",
            PowerKind::Inspection => "inspection",
            PowerKind::Confirmation => "confirmation",
            PowerKind::Reward => "reward",
            PowerKind::Adjudication => "adjudication",
            PowerKind::Other => "other",
            PowerKind::Service => "service",
        }
    }
}

/// A power of the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Power {
    /// The code (事项编码); also the power's id.
    pub code: PowerId,
    /// The name (事项名称).
    pub name: String,
    /// The kind (权力类型).
    pub kind: PowerKind,
    /// The field (领域): 市容环卫, 园林绿化, 城乡规划 …
    pub field: String,
    /// The legal basis (实施依据), statute and article.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub basis: String,
    /// A key that links the licence, the inspection and the penalty of one matter (事项), so that
    /// rules can see who approves and who enforces the same thing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matter: Option<String>,
    /// The main item (主项) this power is a sub-item (子项) of, in a published list: kept for
    /// grouping, export and the matrix; the main item itself is no power.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub main_item: Option<MainItem>,
    /// 责任事项: the duties that go with the power, as the list writes them.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub duties: String,
    /// 追责情形: when its holder is held to account.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub accountability: String,
}

/// A main item (主项) of a published list, under which sub-items (子项) are powers.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MainItem {
    /// 主项编码
    pub code: String,
    /// 主项名称
    pub name: String,
}
