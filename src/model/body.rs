//! Bodies (机构、单位) and their staffing (编制) and budget.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::ids::{BodyId, JurisdictionId};

/// What sort of body it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    /// 行政机关: a government department.
    Admin,
    /// 事业单位: a public institution.
    Institution,
    /// 执法机构: an enforcement bureau or team.
    Enforcement,
    /// 企业: a market operator under contract (政府购买服务).
    Enterprise,
}

impl BodyKind {
    /// Every kind, in display order.
    pub const ALL: [BodyKind; 4] = [
        BodyKind::Admin,
        BodyKind::Institution,
        BodyKind::Enforcement,
        BodyKind::Enterprise,
    ];

    /// The Chinese name.
    pub fn label_zh(self) -> &'static str {
        match self {
            BodyKind::Admin => "行政机关",
            BodyKind::Institution => "事业单位",
            BodyKind::Enforcement => "执法机构",
            BodyKind::Enterprise => "企业",
        }
    }

    /// The English name.
    pub fn label_en(self) -> &'static str {
        match self {
            BodyKind::Admin => "government department",
            BodyKind::Institution => "public institution",
            BodyKind::Enforcement => "enforcement bureau",
            BodyKind::Enterprise => "contracted company",
        }
    }
}

/// The type of a staffing slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotKind {
    /// 行政编制: civil-service slots.
    Admin,
    /// 事业编制: institution slots.
    Institution,
}

impl SlotKind {
    /// Both kinds.
    pub const ALL: [SlotKind; 2] = [SlotKind::Admin, SlotKind::Institution];

    /// The Chinese name.
    pub fn label_zh(self) -> &'static str {
        match self {
            SlotKind::Admin => "行政编制",
            SlotKind::Institution => "事业编制",
        }
    }

    /// The English name.
    pub fn label_en(self) -> &'static str {
        match self {
            SlotKind::Admin => "civil-service slots",
            SlotKind::Institution => "institution slots",
        }
    }
}

/// A body's staffing (编制): slots by type and the headcount (实有人数).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staffing {
    /// 行政编制
    #[serde(default)]
    pub admin: u32,
    /// 事业编制
    #[serde(default)]
    pub institution: u32,
    /// 实有人数
    #[serde(default)]
    pub headcount: u32,
}

impl Staffing {
    /// All slots, of both types.
    pub fn slots(&self) -> u32 {
        self.admin.saturating_add(self.institution)
    }

    /// Slots of one type.
    pub fn slots_of(&self, kind: SlotKind) -> u32 {
        match kind {
            SlotKind::Admin => self.admin,
            SlotKind::Institution => self.institution,
        }
    }

    /// Slots of one type, mutable.
    pub fn slots_of_mut(&mut self, kind: SlotKind) -> &mut u32 {
        match kind {
            SlotKind::Admin => &mut self.admin,
            SlotKind::Institution => &mut self.institution,
        }
    }

    /// Slots not filled (空编); zero when the headcount exceeds the slots.
    pub fn vacancies(&self) -> u32 {
        self.slots().saturating_sub(self.headcount)
    }
}

/// A body of the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    /// Stable id.
    pub id: BodyId,
    /// Full name (市住房和城乡建设局).
    pub name: String,
    /// Department, institution, enforcement bureau or company.
    pub kind: BodyKind,
    /// Where the body sits.
    pub jurisdiction: JurisdictionId,
    /// The body it belongs to (a 所 under a 局), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<BodyId>,
    /// Free tags such as `城建`.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub tags: BTreeSet<String>,
    /// Slots and headcount.
    #[serde(default)]
    pub staffing: Staffing,
    /// Yearly budget in 万元 (ten thousand yuan).
    #[serde(default)]
    pub budget_wan: u64,
}

impl Body {
    /// Whether the body carries a tag.
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.contains(tag)
    }
}
