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
}

/// A body's legal standing (主体资格): whether it may exercise a legal power in its own name, be
/// entrusted with one, or receive a concentration (`shared/design/domain.md`, 行政处罚法
/// 第17–21条, 行政强制法 第17条).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// 行政机关: leads in its own name; may receive a concentration (行政处罚法 第18条).
    Organ,
    /// 法律法规授权的组织: leads in its own name within its authorisation (第19条).
    Authorised,
    /// 事业单位 with public-affairs functions: may only be entrusted (第20–21条).
    Institution,
    /// 企业: contracted services only (政府购买服务); never a holder of a legal power.
    Enterprise,
}

impl Standing {
    /// Every standing, in display order.
    pub const ALL: [Standing; 4] = [
        Standing::Organ,
        Standing::Authorised,
        Standing::Institution,
        Standing::Enterprise,
    ];

    /// The standing a body of this kind has when its file says none (plan files of version 1):
    /// a department is an organ, an institution an institution, a company a company; an
    /// enforcement bureau is an organ when it has civil-service slots (行政编制), else an
    /// institution (a 执法支队 staffed with 事业编制 is a 事业单位).
    pub fn default_for(kind: BodyKind, staffing: &Staffing) -> Standing {
        match kind {
            BodyKind::Enforcement if staffing.admin > 0 => Standing::Organ,
            BodyKind::Admin => Standing::Organ,
            BodyKind::Institution | BodyKind::Enforcement => Standing::Institution,
            BodyKind::Enterprise => Standing::Enterprise,
        }
    }

    /// The id used in files and JSON.
    pub fn id(self) -> &'static str {
        match self {
            Standing::Organ => "organ",
            Standing::Authorised => "authorised",
            Standing::Institution => "institution",
            Standing::Enterprise => "enterprise",
        }
    }

    /// Whether a body of this standing may exercise a legal power in its own name (行政处罚法
    /// 第17、19条).
    pub fn may_lead(self) -> bool {
        matches!(self, Standing::Organ | Standing::Authorised)
    }

    /// Whether a body of this standing may be entrusted with a legal power (第20–21条: an
    /// organisation 依法成立并具有管理公共事务职能; never a company).
    pub fn may_be_entrusted(self) -> bool {
        !matches!(self, Standing::Enterprise)
    }

    /// Whether a body of this standing may receive a concentration of penalty powers (第18条:
    /// 一个行政机关).
    pub fn may_receive_concentration(self) -> bool {
        matches!(self, Standing::Organ)
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
}

/// A body's staffing (编制): slots by type and the headcount (实有人数).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

    /// People beyond the slots (超编); zero when the headcount fits.
    pub fn over_slots(&self) -> u32 {
        self.headcount.saturating_sub(self.slots())
    }
}

/// The largest yearly budget a body may record, in 万元: 10^12 万元 (10^16 yuan), hundreds of
/// times a whole country's yearly budget, so no true figure is refused. Bounded so that every
/// figure a plan holds is written exactly by every export (an XLSX number is an `f64`, exact to
/// 2^53: a budget and the total of up to 9,000 bodies at this bound both fit) and no sum of
/// budgets overflows; the staffing counts are `u32`, exact everywhere and summed as `u64`.
pub const MAX_BUDGET_WAN: u64 = 1_000_000_000_000;

/// A body of the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    /// Legal standing (主体资格); when absent, [`Standing::default_for`] the kind. Files of
    /// version 1 have none: loading them writes the default in ([`Body::standing`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standing: Option<Standing>,
    /// The supervising organ (主管部门) of a body that is not an organ; when absent, its parent
    /// body, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervisor: Option<BodyId>,
}

impl Body {
    /// The body's legal standing: the recorded one, else the default of its kind.
    pub fn standing(&self) -> Standing {
        self.standing
            .unwrap_or_else(|| Standing::default_for(self.kind, &self.staffing))
    }

    /// The supervising organ (主管部门): the recorded one, else the parent body.
    pub fn supervisor(&self) -> Option<&BodyId> {
        self.supervisor.as_ref().or(self.parent.as_ref())
    }

    /// Whether the body carries a tag.
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.contains(tag)
    }

    /// Why the body's budget cannot be recorded, in both languages: it is beyond
    /// [`MAX_BUDGET_WAN`]. `None` when it fits.
    pub fn budget_fault(&self) -> Option<String> {
        (self.budget_wan > MAX_BUDGET_WAN).then(|| {
            format!(
                "{0} 的经费 {1} 万元超出上限 {MAX_BUDGET_WAN} 万元，请更正 (the budget of {0}, {1} 万元, is beyond the {MAX_BUDGET_WAN} 万元 a plan records: correct the figure)",
                self.name, self.budget_wan
            )
        })
    }
}
