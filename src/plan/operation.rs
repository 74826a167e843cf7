//! Operations: the edits a planner makes, as data. Each is validated against a state and turned
//! into a [`ChangeSet`] of primitive changes; reverting that set is the operation's exact inverse.
//!
//! An operation that would break the model (a holding of a body that does not exist, slots below
//! zero) is refused with an [`OpError`] that says why, and the state is left untouched.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

mod bodies;
mod grant;
mod powers;
mod stager;

#[allow(clippy::wildcard_imports)]
use bodies::*;
#[allow(clippy::wildcard_imports)]
use powers::*;
use stager::Stager;

use crate::model::{
    Approval, Body, BodyId, BodyKind, Change, Holding, JurisdictionId, Power, PowerId, PowerKind,
    Receipt, Role, SlotKind, Staffing, Standing, State, Touched,
};

/// How a power's lead holding moves from one body to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransferMode {
    /// 划转: the power moves; the source no longer holds it (or, from city to district, no longer
    /// holds it in that district).
    Transfer,
    /// 委托: the target acts in the source's name; the source keeps the lead and the legal
    /// responsibility.
    Entrust,
    /// 授权: a law or regulation gives the power to the target in its own name.
    Authorise,
    /// 相对集中: like a transfer, and the source is barred from exercising it again.
    Concentrate,
    /// 赋权: a district grants the power to a street body, which leads it in its street.
    Grant,
}

impl TransferMode {
    /// Every mode, default first.
    pub const ALL: [TransferMode; 5] = [
        TransferMode::Transfer,
        TransferMode::Entrust,
        TransferMode::Authorise,
        TransferMode::Concentrate,
        TransferMode::Grant,
    ];
}

/// One attribute of a body to set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BodyEdit {
    /// Rename.
    Name(String),
    /// Change the kind.
    Kind(BodyKind),
    /// Change the parent body.
    Parent(Option<BodyId>),
    /// Replace the tags.
    Tags(BTreeSet<String>),
    /// Replace the staffing figures (a correction of the record, not a move of slots).
    Staffing(Staffing),
    /// Set the budget in 万元.
    BudgetWan(u64),
    /// Set the legal standing (主体资格); `None`: the default of the body's kind.
    Standing(Option<Standing>),
    /// Set the supervising organ (主管部门); `None`: the parent body.
    Supervisor(Option<BodyId>),
}

/// One attribute of a power to set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PowerEdit {
    /// Rename.
    Name(String),
    /// Change the kind.
    Kind(PowerKind),
    /// Change the field.
    Field(String),
    /// Change the legal basis.
    Basis(String),
    /// Change the matter key.
    Matter(Option<String>),
}

/// An edit of a plan, as data. Every struct variant refuses a field it does not know.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Operation {
    /// 下划 / 上收: a body (with the bodies under it, its staff and its holdings) moves to another
    /// jurisdiction.
    MoveBody {
        /// The body.
        body: BodyId,
        /// Where it goes.
        to: JurisdictionId,
    },
    /// 划转 / 委托 / 授权 / 相对集中 / 赋权: the lead holding of a power moves between bodies.
    TransferPower {
        /// The power.
        power: PowerId,
        /// The body that leads it now.
        from: BodyId,
        /// The body that takes it.
        to: BodyId,
        /// How.
        mode: TransferMode,
        /// The decision that approved a concentration (批准机关, 文号); a concentration without
        /// one is flagged (`concentration-receiver`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        approval: Option<Approval>,
    },
    /// A new body.
    CreateBody {
        /// The body as created.
        body: Body,
    },
    /// 合并: `from` joins `into` with its holdings, staffing, budget and sub-bodies, and ends.
    MergeBodies {
        /// The body that ends.
        from: BodyId,
        /// The body that absorbs it.
        into: BodyId,
    },
    /// 拆分: a new body takes some of a body's holdings and the slots given in its record.
    SplitBody {
        /// The body split.
        body: BodyId,
        /// The new body; its staffing is taken from `body`.
        new_body: Body,
        /// The powers whose holdings move to the new body.
        powers: BTreeSet<PowerId>,
    },
    /// 撤销: the body ends; its holdings end with it (which may open gaps).
    AbolishBody {
        /// The body.
        body: BodyId,
    },
    /// 调剂编制: slots move from one body to another.
    MoveStaffing {
        /// The body that gives the slots.
        from: BodyId,
        /// The body that gets them.
        to: BodyId,
        /// Which slots.
        kind: SlotKind,
        /// How many.
        count: u32,
        /// How many people (实有人数) move with the slots (人随编走).
        #[serde(default, skip_serializing_if = "is_zero")]
        people: u32,
    },
    /// Set one attribute of a body.
    EditBody {
        /// The body.
        body: BodyId,
        /// The attribute and its new value.
        edit: BodyEdit,
    },
    /// Set one attribute of a power.
    EditPower {
        /// The power.
        power: PowerId,
        /// The attribute and its new value.
        edit: PowerEdit,
    },
    /// Add or replace one holding (a role change such as lead → assist).
    SetHolding {
        /// The holding as it will be.
        holding: Holding,
    },
    /// End one holding.
    RemoveHolding {
        /// The power.
        power: PowerId,
        /// The body.
        body: BodyId,
    },
    /// A new power (新增).
    CreatePower {
        /// The power.
        power: Power,
    },
    /// 取消: a power ends, with every holding of it.
    RemovePower {
        /// The power.
        power: PowerId,
    },
    /// 赋权 (行政处罚法 第24条): a district grants powers to bodies of its streets in one step.
    /// In each receiving street the district's lead bodies of each power stop exercising it
    /// there (their holdings exclude the street), and the street body leads it with the grant
    /// recorded on its holding.
    GrantToStreets {
        /// The powers granted.
        powers: Vec<PowerId>,
        /// The street bodies that receive them, all of streets of one district.
        receivers: Vec<BodyId>,
        /// The province's decision (批准机关, 文号); `None` when none is recorded yet.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        decision: Option<Approval>,
        /// When the grant is to be evaluated (评估), as written (2027-06-30).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        evaluate_by: String,
    },
    /// 收回: the district takes granted powers back from street bodies (the inverse of
    /// [`Operation::GrantToStreets`]).
    TakeBack {
        /// The powers taken back.
        powers: Vec<PowerId>,
        /// The street bodies that held them by a grant.
        receivers: Vec<BodyId>,
    },
    /// Records (or clears) the decision that approved a concentration a body received.
    RecordApproval {
        /// The concentrated power.
        power: PowerId,
        /// The body that received it.
        body: BodyId,
        /// The decision; `None` clears it.
        approval: Option<Approval>,
    },
}

// serde's `skip_serializing_if` passes a reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Why an operation was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OpError {
    /// A body the operation names does not exist.
    #[error("no body `{0}`")]
    NoBody(BodyId),
    /// A power the operation names does not exist.
    #[error("no power `{0}`")]
    NoPower(PowerId),
    /// A jurisdiction the operation names does not exist.
    #[error("no jurisdiction `{0}`")]
    NoJurisdiction(JurisdictionId),
    /// A record with that id exists already.
    #[error("`{0}` exists already")]
    Exists(String),
    /// Any other reason ([`Refusal`]).
    #[error("{0}")]
    Refused(Refusal),
    /// A change of the baseline after which a scenario no longer applies (the plan could not
    /// be opened again).
    #[error("scenario `{scenario}` would no longer apply: its step {index} fails ({error})")]
    BreaksScenario {
        /// The scenario.
        scenario: crate::model::ScenarioId,
        /// Its step that fails, from 1.
        index: usize,
        /// Why that step fails.
        error: Box<OpError>,
    },
}

impl OpError {
    /// A refusal in words.
    pub fn refused(words: impl Into<String>) -> Self {
        OpError::Refused(Refusal::Words(words.into()))
    }
}

/// Why an operation is refused: in words, or, where the words name a mode or a kind of slot, as
/// the data `text` phrases (the `Display` of a refusal is there, beside the labels).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The reason, in words.
    Words(String),
    /// A body was asked to hand over a power it does not lead.
    NotLead {
        /// The body's name.
        from: String,
        /// The power's name.
        power: String,
        /// How it was to be handed over.
        mode: TransferMode,
    },
    /// A merge would add up to more than a plan records.
    MergeTooMany {
        /// The merged body's name.
        merged: String,
        /// The absorbing body's name.
        absorbing: String,
        /// What overflows.
        what: Amount,
    },
    /// A split would take more than the body has.
    SplitTooMany {
        /// The split body's name.
        source: String,
        /// The new body's name.
        new: String,
        /// How much the body has.
        have: u64,
        /// How much the new body would take.
        given: u64,
        /// Of what.
        what: Amount,
    },
    /// A body was asked to give more slots than it has.
    TooFewSlots {
        /// The giving body's id.
        from: BodyId,
        /// The slots it has.
        have: u32,
        /// Their kind.
        kind: SlotKind,
        /// The slots asked.
        count: u32,
    },
}

/// What a merge or a split counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Amount {
    /// Slots of a kind.
    Slots(SlotKind),
    /// People (实有人数).
    People,
    /// The budget, in 万元.
    Budget,
}

/// The primitive changes one operation made, in order, with the powers they touched.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChangeSet {
    changes: Vec<Change>,
    touched: Touched,
}

impl ChangeSet {
    /// The changes, in the order they were committed.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// The powers whose coverage may have changed.
    pub fn touched(&self) -> &Touched {
        &self.touched
    }

    /// Undoes the changes (in reverse order), restoring the state exactly.
    pub fn revert(&self, state: &mut State) {
        for change in self.changes.iter().rev() {
            state.commit(&change.clone().reversed());
        }
    }

    /// Commits the changes again (after a revert).
    pub fn reapply(&self, state: &mut State) {
        for change in &self.changes {
            state.commit(change);
        }
    }
}

impl Operation {
    /// Applies the operation to `state`. On success the state has changed and the returned set
    /// reverts it exactly; on refusal the state is as it was.
    pub fn apply(&self, state: &mut State) -> Result<ChangeSet, OpError> {
        let mut stager = Stager {
            state,
            set: ChangeSet {
                changes: Vec::new(),
                touched: Touched::none(),
            },
        };
        match self
            .stage(&mut stager)
            .and_then(|()| stager.check_entrustments())
        {
            Ok(()) => Ok(stager.finish()),
            Err(error) => {
                stager.abort();
                Err(error)
            }
        }
    }

    fn stage(&self, s: &mut Stager<'_>) -> Result<(), OpError> {
        match self {
            Operation::MoveBody { body, to } => move_body(s, body, to),
            Operation::TransferPower {
                power,
                from,
                to,
                mode,
                approval,
            } => transfer_power(s, power, from, to, *mode, approval.as_ref()),
            Operation::CreateBody { body } => create_body(s, body),
            Operation::MergeBodies { from, into } => merge_bodies(s, from, into),
            Operation::SplitBody {
                body,
                new_body,
                powers,
            } => split_body(s, body, new_body, powers),
            Operation::AbolishBody { body } => abolish_body(s, body),
            Operation::MoveStaffing {
                from,
                to,
                kind,
                count,
                people,
            } => move_staffing(s, from, to, *kind, *count, *people),
            Operation::EditBody { body, edit } => edit_body(s, body, edit),
            Operation::EditPower { power, edit } => edit_power(s, power, edit),
            Operation::SetHolding { holding } => set_holding(s, holding),
            Operation::RemoveHolding { power, body } => {
                if s.state.holding(power, body).is_none() {
                    return Err(OpError::refused(format!("{body} does not hold {power}")));
                }
                s.remove_holding(power, body);
                Ok(())
            }
            Operation::CreatePower { power } => {
                if s.state.power(&power.code).is_some() {
                    return Err(OpError::Exists(power.code.to_string()));
                }
                s.push(Change::Power {
                    id: power.code.clone(),
                    before: None,
                    after: Some(Box::new(power.clone())),
                });
                Ok(())
            }
            Operation::RemovePower { power } => remove_power(s, power),
            Operation::GrantToStreets {
                powers,
                receivers,
                decision,
                evaluate_by,
            } => {
                grant::grant_to_streets(s, powers, receivers, decision.as_ref(), evaluate_by, None)
            }
            Operation::TakeBack { powers, receivers } => grant::take_back(s, powers, receivers),
            Operation::RecordApproval {
                power,
                body,
                approval,
            } => {
                let receipt = s.state.receipt(power, body).ok_or_else(|| {
                    OpError::refused(format!("{body} did not receive {power} by concentration"))
                })?;
                if &receipt.approval == approval {
                    return Err(OpError::refused("the approval is already so"));
                }
                s.set_receipt(
                    power,
                    body,
                    Some(Receipt {
                        approval: approval.clone(),
                    }),
                );
                Ok(())
            }
        }
    }

    /// The slots this operation moves between bodies by a staffing operation (not those that
    /// travel with a moved body).
    pub fn staffing_moved(&self) -> u32 {
        match self {
            Operation::MoveStaffing { count, .. } => *count,
            _ => 0,
        }
    }
}

fn body_of<'a>(state: &'a State, id: &BodyId) -> Result<&'a Body, OpError> {
    state.body(id).ok_or_else(|| OpError::NoBody(id.clone()))
}

fn require_power(state: &State, id: &PowerId) -> Result<(), OpError> {
    state
        .power(id)
        .map(|_| ())
        .ok_or_else(|| OpError::NoPower(id.clone()))
}

/// How a refusal names a power: its name, with its code.
fn power_name(state: &State, id: &PowerId) -> String {
    state
        .power(id)
        .map_or_else(|| id.to_string(), |p| format!("{}（{id}）", p.name))
}

/// Refuses a body record whose budget cannot be recorded ([`Body::budget_fault`]).
fn require_budget_fits(body: &Body) -> Result<(), OpError> {
    body.budget_fault()
        .map_or(Ok(()), |fault| Err(OpError::refused(fault)))
}

/// Refuses an entrusted holding whose entrusting body does not hold the power at all: a body can
/// only entrust what is its own (行政处罚法 第20条: 在其法定权限内).
fn require_entruster_holds(state: &State, holding: &Holding) -> Result<(), OpError> {
    let Role::Entrusted { by } = &holding.role else {
        return Ok(());
    };
    if state.holding(&holding.power, by).is_some() {
        return Ok(());
    }
    let (entruster, body, power) = (
        state.body_name(by),
        state.body_name(&holding.body),
        power_name(state, &holding.power),
    );
    Err(OpError::refused(format!(
        "{entruster} 不持有 {power}，不能委托 {body} 行使 ({entruster} does not hold {power}, so it cannot entrust {body} with it)"
    )))
}
