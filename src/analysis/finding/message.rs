//! What a rule finding says, as data: one variant per distinct message, with the ids and figures
//! it names. The rules build these without any language; `text` phrases them, naming each id by
//! its name in the state shown, with the article each legal verdict rests on.

use crate::model::{BodyId, JurisdictionId, Level, PowerId, PowerKind, Standing};
use crate::plan::PlanDate;
use crate::plan::rules::Rule;

/// A figure with decimals (a workload, a load per person), kept exactly as computed so that a
/// finding stays comparable and hashable; shown as the rule computed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Figure(u64);

impl Figure {
    /// Keeps a figure.
    pub fn new(value: f64) -> Self {
        Figure(value.to_bits())
    }

    /// The figure.
    pub fn get(self) -> f64 {
        f64::from_bits(self.0)
    }
}

/// The message of a rule finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleMessage {
    /// 规划权集中: a power of the planning fields led below the city.
    PlanningCentral {
        /// The power.
        power: PowerId,
        /// The body that leads it.
        body: BodyId,
    },
    /// 执法集中: the penalties of the fields exercised by several bodies in a district.
    EnforcementSplit {
        /// The district.
        district: JurisdictionId,
        /// The fields of the rule's setting, sorted.
        fields: Vec<String>,
        /// The lead bodies, sorted.
        bodies: Vec<BodyId>,
    },
    /// 编随事走: duties grew without slots.
    DutiesGrew {
        /// The body.
        body: BodyId,
        /// Its workload in the baseline.
        before: Figure,
        /// Its workload now.
        after: Figure,
        /// Its slots now.
        slots: u32,
    },
    /// 编随事走: slots grew without duties.
    SlotsGrew {
        /// The body.
        body: BodyId,
        /// Its slots in the baseline.
        before: u32,
        /// Its slots now.
        after: u32,
        /// Its workload now.
        workload: Figure,
    },
    /// 编随事走: the workload fell and the slots stayed.
    DutiesFell {
        /// The body.
        body: BodyId,
        /// Its workload in the baseline.
        before: Figure,
        /// Its workload now.
        after: Figure,
        /// Its slots now.
        slots: u32,
    },
    /// 事权人财相统一: a body moved without its slots, budget or duties.
    MovedWithout {
        /// The body.
        body: BodyId,
        /// Where it moved.
        to: JurisdictionId,
        /// Its slots before and after, when they fell.
        slots: Option<(u32, u32)>,
        /// Its budget before and after (万元), when it fell.
        budget: Option<(u64, u64)>,
        /// The duties it led before, when it leads none now.
        duties_left: Option<usize>,
    },
    /// 审管分离: one body leads a licence and a penalty of one matter.
    LicenceAndPenalty {
        /// The body.
        body: BodyId,
        /// The licence.
        licence: PowerId,
        /// The penalty.
        penalty: PowerId,
    },
    /// 看得见管不着: a level inspects a matter in a territory and cannot penalise it.
    SeenNotHandled {
        /// The territory.
        territory: JurisdictionId,
        /// The matter's inspection.
        inspection: PowerId,
        /// The inspecting bodies of that level.
        inspectors: Vec<BodyId>,
        /// Their level.
        level: Level,
    },
    /// 机构有事可干: a body leads nothing.
    Idle {
        /// The body.
        body: BodyId,
    },
    /// 主体资格: an institution with no supervising organ.
    NoSupervisor {
        /// The body.
        body: BodyId,
    },
    /// 主体资格: a body that may not lead in its own name leads legal powers.
    OwnName {
        /// The body.
        body: BodyId,
        /// Its standing.
        standing: Standing,
        /// How many legal powers it leads.
        count: usize,
        /// Per kind: how many, and the first as an example.
        kinds: Vec<(PowerKind, usize, PowerId)>,
        /// Its supervising organ, where the plan has it.
        supervisor: Option<BodyId>,
    },
    /// 委托合法: a coercive measure entrusted.
    CoercionEntrusted(Entrustment),
    /// 委托合法: a licence entrusted to a body that is not an organ.
    LicenceEntrusted(Entrustment, Standing),
    /// 委托合法: a legal power entrusted to a company.
    CompanyEntrusted(Entrustment),
    /// 委托合法: an entrusted body entrusts further.
    EntrustedFurther(Entrustment, BodyId),
    /// 委托合法: entrusted by a body that does not lead the power.
    EntrustedByNonLead(Entrustment),
    /// 集中主体: concentrated penalties with no approving decision recorded.
    ConcentrationUnapproved {
        /// The receiving body.
        body: BodyId,
        /// How many powers.
        count: usize,
        /// The first of them.
        example: PowerId,
    },
    /// 集中主体: concentrated into a body that is not an organ.
    ConcentratedIntoNonOrgan {
        /// The receiving body.
        body: BodyId,
        /// Its standing.
        standing: Standing,
        /// How many powers.
        count: usize,
        /// The first of them.
        example: PowerId,
    },
    /// 集中主体: concentrated into an organ with no civil-service slots.
    ConcentratedNoAdminSlots {
        /// The receiving body.
        body: BodyId,
        /// How many powers.
        count: usize,
    },
    /// 人随编走: more people than slots.
    OverSlots {
        /// The body.
        body: BodyId,
        /// People beyond the slots.
        over: u32,
        /// People.
        headcount: u32,
        /// Slots.
        slots: u32,
    },
    /// 人随编走: slots and nobody while the workload grew.
    SlotsWithNobody {
        /// The body.
        body: BodyId,
        /// Slots.
        slots: u32,
        /// Its workload in the baseline.
        before: Figure,
        /// Its workload now.
        after: Figure,
    },
    /// 赋权合法: a grant that breaks 第24条.
    GrantFaults(Grant, Vec<GrantFault>),
    /// 赋权合法: a grant with no decision recorded.
    GrantUndecided(Grant),
    /// 赋权承接能力: a street body that cannot take on what it was granted.
    GrantCapacity {
        /// The street.
        place: JurisdictionId,
        /// The body.
        body: BodyId,
        /// How many items it was granted.
        count: usize,
        /// The rule's threshold of items per person.
        per_person: Figure,
        /// What it lacks.
        faults: Vec<CapacityFault>,
    },
    /// 赋权配套: a matter granted in part.
    GrantBundle {
        /// The street.
        place: JurisdictionId,
        /// The receiving body.
        body: BodyId,
        /// What it was granted of the matter.
        got: Vec<PowerId>,
        /// What stayed with the district.
        missing: Vec<PowerId>,
        /// What the street then cannot do.
        gap: BundleGap,
    },
    /// 过渡期: between two steps of a dated scenario a power is uncovered, or covered twice, in
    /// a territory where it is neither before the first step nor after the last.
    Transition {
        /// The power.
        power: PowerId,
        /// The territory (a street, a district without streets, or the city).
        place: JurisdictionId,
        /// Uncovered (`false`) or covered twice (`true`).
        doubled: bool,
        /// The lead bodies in the interval (none for a gap), sorted.
        bodies: Vec<BodyId>,
        /// From this date (the step that opens it takes effect)…
        from: PlanDate,
        /// …to this one, excluded (the step that closes it takes effect).
        to: PlanDate,
        /// The step that opens it.
        opened: StepRef,
        /// The step that closes it.
        closed: StepRef,
    },
}

/// A step of a scenario as a finding names it: its number, date and document.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StepRef {
    /// Its position in the scenario, from 1.
    pub step: usize,
    /// Its effective date.
    pub date: PlanDate,
    /// Its document (文号), empty when none is recorded.
    pub document: String,
}

/// One entrusted holding: who entrusts what to whom.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Entrustment {
    /// The entrusting body.
    pub by: BodyId,
    /// The entrusted body.
    pub body: BodyId,
    /// The power.
    pub power: PowerId,
}

/// One grant: who grants what to whom, where.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Grant {
    /// Where the receiver sits, if known.
    pub place: Option<JurisdictionId>,
    /// The granting body.
    pub from: BodyId,
    /// The receiving body.
    pub receiver: BodyId,
    /// The power.
    pub power: PowerId,
}

/// What makes a grant unlawful.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GrantFault {
    /// The receiver is a body of this level, not a street's.
    ReceiverLevel(Level),
    /// The receiver sits nowhere known.
    ReceiverNowhere,
    /// The granting body is of another district.
    FromOtherDistrict(JurisdictionId),
    /// The granting body is of this level, not a district's.
    FromLevel(Level),
    /// The granting body is not in the plan.
    FromMissing,
    /// The power is of a kind that may not be granted.
    NotGrantable(PowerKind),
}

/// What a street body granted powers lacks to take them on.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CapacityFault {
    /// No civil-service slots.
    NoAdminSlots,
    /// Nobody on its staff.
    Nobody,
    /// More items per person than the threshold.
    Overloaded {
        /// People.
        headcount: u32,
        /// Items per person.
        load: Figure,
    },
}

/// What a street granted part of a matter cannot do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BundleGap {
    /// It sees what it cannot penalise (the penalty stayed behind).
    Penalty,
    /// It may penalise what it can neither inspect nor restrain.
    InspectionAndCoercion,
    /// It may penalise what it cannot inspect.
    Inspection,
    /// It may penalise but not restrain.
    Coercion,
}

impl RuleMessage {
    /// The rule that says it.
    pub fn rule(&self) -> Rule {
        match self {
            RuleMessage::PlanningCentral { .. } => Rule::PlanningCentral,
            RuleMessage::EnforcementSplit { .. } => Rule::EnforcementConcentrated,
            RuleMessage::DutiesGrew { .. }
            | RuleMessage::SlotsGrew { .. }
            | RuleMessage::DutiesFell { .. } => Rule::StaffingFollowsDuties,
            RuleMessage::MovedWithout { .. } => Rule::DutiesPowersPeopleMoney,
            RuleMessage::LicenceAndPenalty { .. } => Rule::ApprovalEnforcementApart,
            RuleMessage::SeenNotHandled { .. } => Rule::SeenNotHandled,
            RuleMessage::Idle { .. } => Rule::NoIdleBody,
            RuleMessage::NoSupervisor { .. } | RuleMessage::OwnName { .. } => Rule::LeadStanding,
            RuleMessage::CoercionEntrusted(_)
            | RuleMessage::LicenceEntrusted(..)
            | RuleMessage::CompanyEntrusted(_)
            | RuleMessage::EntrustedFurther(..)
            | RuleMessage::EntrustedByNonLead(_) => Rule::EntrustLimits,
            RuleMessage::ConcentrationUnapproved { .. }
            | RuleMessage::ConcentratedIntoNonOrgan { .. }
            | RuleMessage::ConcentratedNoAdminSlots { .. } => Rule::ConcentrationReceiver,
            RuleMessage::OverSlots { .. } | RuleMessage::SlotsWithNobody { .. } => {
                Rule::PeopleFollowSlots
            }
            RuleMessage::GrantFaults(..) | RuleMessage::GrantUndecided(_) => Rule::GrantLimits,
            RuleMessage::GrantCapacity { .. } => Rule::GrantCapacity,
            RuleMessage::GrantBundle { .. } => Rule::GrantBundle,
            RuleMessage::Transition { .. } => Rule::Transition,
        }
    }
}
