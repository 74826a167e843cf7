//! Operations: the edits a planner makes, as data. Each is validated against a state and turned
//! into a [`ChangeSet`] of primitive changes; reverting that set is the operation's exact inverse.
//!
//! An operation that would break the model (a holding of a body that does not exist, slots below
//! zero) is refused with an [`OpError`] that says why, and the state is left untouched.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

mod grant;

use crate::model::{
    Approval, Body, BodyId, BodyKind, Change, Holding, JurisdictionId, Level, Power, PowerId,
    PowerKind, Receipt, Role, SlotKind, Staffing, Standing, State, Touched,
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

    /// The Chinese name.
    pub fn label_zh(self) -> &'static str {
        match self {
            TransferMode::Transfer => "划转",
            TransferMode::Entrust => "委托",
            TransferMode::Authorise => "授权",
            TransferMode::Concentrate => "相对集中",
            TransferMode::Grant => "赋权",
        }
    }

    /// The English name.
    pub fn label_en(self) -> &'static str {
        match self {
            TransferMode::Transfer => "transfer",
            TransferMode::Entrust => "entrust",
            TransferMode::Authorise => "authorise",
            TransferMode::Concentrate => "concentrate",
            TransferMode::Grant => "grant to street",
        }
    }
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
    /// Any other reason, in words.
    #[error("{0}")]
    Refused(String),
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

/// Stages changes against a state: each is committed at once (so later steps of the same
/// operation see earlier ones) and recorded, so that a refusal half-way can be rolled back.
struct Stager<'s> {
    state: &'s mut State,
    set: ChangeSet,
}

impl Stager<'_> {
    fn push(&mut self, change: Change) {
        self.state.touched_by(&change, &mut self.set.touched);
        self.state.commit(&change);
        self.set.changes.push(change);
    }

    fn put_body(&mut self, body: Body) {
        let before = self.state.body(&body.id).cloned().map(Box::new);
        self.push(Change::Body {
            id: body.id.clone(),
            before,
            after: Some(Box::new(body)),
        });
    }

    fn remove_body(&mut self, id: &BodyId) {
        let before = self.state.body(id).cloned().map(Box::new);
        self.push(Change::Body {
            id: id.clone(),
            before,
            after: None,
        });
    }

    fn put_holding(&mut self, holding: Holding) {
        let before = self.state.holding(&holding.power, &holding.body).cloned();
        if before.as_ref() == Some(&holding) {
            return;
        }
        self.push(Change::Holding {
            power: holding.power.clone(),
            body: holding.body.clone(),
            before,
            after: Some(holding),
        });
    }

    fn remove_holding(&mut self, power: &PowerId, body: &BodyId) {
        if let Some(before) = self.state.holding(power, body).cloned() {
            self.push(Change::Holding {
                power: power.clone(),
                body: body.clone(),
                before: Some(before),
                after: None,
            });
        }
    }

    fn set_barred_in(
        &mut self,
        power: &PowerId,
        body: &BodyId,
        district: &JurisdictionId,
        barred: bool,
    ) {
        let before = self
            .state
            .barred_in_districts(power)
            .any(|(b, districts)| b == body && districts.contains(district));
        if before != barred {
            self.push(Change::BarredIn {
                power: power.clone(),
                body: body.clone(),
                district: district.clone(),
                before,
                after: barred,
            });
        }
    }

    fn set_receipt(&mut self, power: &PowerId, body: &BodyId, receipt: Option<Receipt>) {
        let before = self.state.receipt(power, body).cloned();
        if before != receipt {
            self.push(Change::Receiver {
                power: power.clone(),
                body: body.clone(),
                before,
                after: receipt,
            });
        }
    }

    /// Ends every concentration record that names `body` (as a source or a receiver), or, with
    /// `into`, hands them to that body (a merge).
    fn move_concentration_records(&mut self, body: &BodyId, into: Option<&BodyId>) {
        let barred: Vec<PowerId> = self
            .state
            .barred()
            .iter()
            .filter(|(_, sources)| sources.contains(body))
            .map(|(p, _)| p.clone())
            .collect();
        for power in barred {
            self.set_barred(&power, body, false);
            // A source merged into the body that received the power leaves nobody to bar.
            if let Some(into) = into
                && self.state.receipt(&power, into).is_none()
            {
                self.set_barred(&power, into, true);
            }
        }
        let barred_in: Vec<(PowerId, Vec<JurisdictionId>)> = self
            .state
            .barred_in()
            .iter()
            .filter_map(|(p, by_body)| {
                Some((p.clone(), by_body.get(body)?.iter().cloned().collect()))
            })
            .collect();
        for (power, districts) in barred_in {
            for district in districts {
                self.set_barred_in(&power, body, &district, false);
                if let Some(into) = into
                    && self.state.receipt(&power, into).is_none()
                {
                    self.set_barred_in(&power, into, &district, true);
                }
            }
        }
        let received: Vec<(PowerId, Receipt)> = self
            .state
            .receivers()
            .iter()
            .filter_map(|(p, by_body)| Some((p.clone(), by_body.get(body)?.clone())))
            .collect();
        for (power, receipt) in received {
            self.set_receipt(&power, body, None);
            if let Some(into) = into
                && self.state.receipt(&power, into).is_none()
            {
                self.set_receipt(&power, into, Some(receipt));
            }
        }
    }

    fn set_barred(&mut self, power: &PowerId, body: &BodyId, barred: bool) {
        let before = self.state.is_barred(power, body);
        if before != barred {
            self.push(Change::Barred {
                power: power.clone(),
                body: body.clone(),
                before,
                after: barred,
            });
        }
    }

    /// Whether the staged changes leave every entrustment they touched standing: a holding they
    /// made entrusted (or entrusted by another body) is entrusted by a body that holds the power,
    /// and a body whose holding they ended entrusts nobody with it any more. Whatever operation
    /// does it, a body never acts for one that has nothing of the power to entrust (行政处罚法
    /// 第20条: 在其法定权限内委托). What is an entrustment but not a lawful one (by a body that
    /// only assists, or that is itself entrusted: 再委托) is for the rules (`entrust-limits`), as
    /// are entrustments the changes did not touch: a published list may bring them.
    fn check_entrustments(&self) -> Result<(), OpError> {
        // Each (power, body) the changes wrote, with its holding before the operation.
        let mut before: BTreeMap<(&PowerId, &BodyId), Option<&Holding>> = BTreeMap::new();
        for change in &self.set.changes {
            if let Change::Holding {
                power,
                body,
                before: was,
                ..
            } = change
            {
                before.entry((power, body)).or_insert(was.as_ref());
            }
        }
        for ((power, body), was) in before {
            let now = self.state.holding(power, body);
            if let Some(h) = now
                && let Role::Entrusted { by } = &h.role
                && !matches!(was.map(|w| &w.role), Some(Role::Entrusted { by: old }) if old == by)
            {
                require_entruster_holds(self.state, h)?;
            }
            if was.is_some() && now.is_none() {
                let acting = self
                    .state
                    .holdings_of_power(power)
                    .find(|h| matches!(&h.role, Role::Entrusted { by } if by == body));
                if let Some(acting) = acting {
                    let (a, b, p) = (
                        body_name(self.state, &acting.body),
                        body_name(self.state, body),
                        power_name(self.state, power),
                    );
                    return Err(OpError::Refused(format!(
                        "{a} 受 {b} 委托行使 {p}：须先结束该委托，{b} 才能不再持有 ({a} acts for {b} on {p}: end that entrustment first, then {b} may let the power go)"
                    )));
                }
            }
        }
        Ok(())
    }

    fn finish(self) -> ChangeSet {
        self.set
    }

    fn abort(self) {
        self.set.revert(self.state);
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
                    return Err(OpError::Refused(format!("{body} does not hold {power}")));
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
                    OpError::Refused(format!("{body} did not receive {power} by concentration"))
                })?;
                if &receipt.approval == approval {
                    return Err(OpError::Refused("the approval is already so".into()));
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

/// How a refusal names a body: by its name (the user never sees an id).
fn body_name(state: &State, id: &BodyId) -> String {
    state
        .body(id)
        .map_or_else(|| id.to_string(), |b| b.name.clone())
}

/// How a refusal names a place: by its name.
fn place_name(state: &State, id: &JurisdictionId) -> String {
    state
        .jurisdiction(id)
        .map_or_else(|| id.to_string(), |j| j.name.clone())
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
        .map_or(Ok(()), |fault| Err(OpError::Refused(fault)))
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
        body_name(state, by),
        body_name(state, &holding.body),
        power_name(state, &holding.power),
    );
    Err(OpError::Refused(format!(
        "{entruster} 不持有 {power}，不能委托 {body} 行使 ({entruster} does not hold {power}, so it cannot entrust {body} with it)"
    )))
}

fn move_body(s: &mut Stager<'_>, id: &BodyId, to: &JurisdictionId) -> Result<(), OpError> {
    let body = body_of(s.state, id)?.clone();
    if s.state.jurisdiction(to).is_none() {
        return Err(OpError::NoJurisdiction(to.clone()));
    }
    if &body.jurisdiction == to {
        let (name, place) = (body_name(s.state, id), place_name(s.state, to));
        return Err(OpError::Refused(format!(
            "{name} 已在{place} ({name} is already in {place})"
        )));
    }
    let from = body.jurisdiction.clone();
    // The body moves with the sub-bodies that sit with it; a link to a parent left behind ends.
    let mut stack = vec![id.clone()];
    while let Some(current) = stack.pop() {
        let mut moved = body_of(s.state, &current)?.clone();
        if moved.jurisdiction != from {
            continue;
        }
        stack.extend(s.state.children_of(&current).cloned());
        moved.jurisdiction = to.clone();
        if &current == id
            && let Some(parent) = &moved.parent
            && s.state.body(parent).map(|p| &p.jurisdiction) != Some(to)
        {
            moved.parent = None;
        }
        s.put_body(moved);
        keep_territory_when_centralised(s, &current, &from, to);
    }
    Ok(())
}

/// A district body taken up to the city (上收) keeps leading only in its former district: its
/// lead holdings exclude every other district, so the move itself opens no city-wide overlap.
/// The planner widens a holding by hand where the city is meant to take over everywhere.
fn keep_territory_when_centralised(
    s: &mut Stager<'_>,
    body: &BodyId,
    from: &JurisdictionId,
    to: &JurisdictionId,
) {
    let level = |j: &JurisdictionId| s.state.jurisdiction(j).map(|j| j.level);
    if level(to) != Some(Level::City) {
        return;
    }
    let Some(home) = s.state.district_of(from).cloned() else {
        return;
    };
    let others: BTreeSet<JurisdictionId> = s
        .state
        .districts()
        .map(|d| d.id.clone())
        .filter(|d| d != &home)
        .collect();
    let holdings: Vec<Holding> = s
        .state
        .holdings_of_body(body)
        .filter(|h| h.role.is_lead())
        .cloned()
        .collect();
    for mut h in holdings {
        h.excludes.clone_from(&others);
        s.put_holding(h);
    }
}

fn transfer_power(
    s: &mut Stager<'_>,
    power: &PowerId,
    from: &BodyId,
    to: &BodyId,
    mode: TransferMode,
    approval: Option<&Approval>,
) -> Result<(), OpError> {
    require_power(s.state, power)?;
    let from_body = body_of(s.state, from)?.clone();
    let to_body = body_of(s.state, to)?.clone();
    if from == to {
        return Err(OpError::Refused(format!(
            "{from} cannot transfer to itself"
        )));
    }
    let source = s
        .state
        .holding(power, from)
        .filter(|h| h.role.is_lead())
        .cloned()
        .ok_or_else(|| {
            let (f, p) = (body_name(s.state, from), power_name(s.state, power));
            OpError::Refused(format!(
                "{f} 不主办 {p}，无从{} ({f} does not lead {p}: nothing to {})",
                mode.label_zh(),
                mode.label_en()
            ))
        })?;
    let level = |j: &JurisdictionId| s.state.jurisdiction(j).map(|j| j.level);
    let from_level = level(&from_body.jurisdiction);
    let to_level = level(&to_body.jurisdiction);
    let target_before = s.state.holding(power, to).cloned();

    if mode == TransferMode::Entrust {
        if target_before.as_ref().is_some_and(|h| h.role.is_lead()) {
            return Err(OpError::Refused(format!("{to} already leads {power}")));
        }
        s.put_holding(Holding {
            role: Role::Entrusted { by: from.clone() },
            ..Holding::lead(power.clone(), to.clone())
        });
        return Ok(());
    }
    if mode == TransferMode::Grant {
        // One power to one street body: the district body `from` is narrowed by the street.
        return grant::grant_to_streets(
            s,
            std::slice::from_ref(power),
            std::slice::from_ref(to),
            approval,
            "",
            Some(from),
        );
    }

    // The target leads where the source led, and no further: a city body that takes a power
    // from another city body covers the source's territory (as well as its own, if it led
    // already); from a district's body, that district (as well as its own territory).
    let was_lead = target_before.as_ref().is_some_and(|h| h.role.is_lead());
    let mut target = target_before.unwrap_or_else(|| Holding::lead(power.clone(), to.clone()));
    target.role = Role::Lead;
    if to_level == Some(Level::City) {
        match s.state.district_of(&from_body.jurisdiction).cloned() {
            Some(district) => {
                if !was_lead {
                    target.excludes = s.state.districts().map(|d| d.id.clone()).collect();
                }
                target.excludes.remove(&district);
            }
            None if was_lead => {
                target.excludes = target
                    .excludes
                    .intersection(&source.excludes)
                    .cloned()
                    .collect();
            }
            None => target.excludes.clone_from(&source.excludes),
        }
    }
    if !was_lead {
        target.cases = source.cases;
    }
    s.put_holding(target);

    // The source: a district that takes a power narrows the city's holding by that district;
    // otherwise the source lets go. 赋权 leaves the district's own holding in place.
    let narrowing_district = match (from_level, to_level) {
        (Some(Level::City), Some(Level::District | Level::Street)) => {
            s.state.district_of(&to_body.jurisdiction).cloned()
        }
        _ => None,
    };
    if let Some(district) = &narrowing_district
        && source.excludes.contains(district)
    {
        return Err(OpError::Refused(format!(
            "{from} does not lead {power} in {district}, so it cannot hand it over there"
        )));
    }
    if mode != TransferMode::Grant {
        match narrowing_district.clone() {
            Some(district) => {
                let mut narrowed = source;
                narrowed.excludes.insert(district);
                let districts_left = s
                    .state
                    .districts()
                    .filter(|d| !narrowed.excludes.contains(&d.id))
                    .count();
                if districts_left == 0 {
                    s.remove_holding(power, from);
                } else {
                    s.put_holding(narrowed);
                }
            }
            None => s.remove_holding(power, from),
        }
        // Bodies entrusted by the source now act for the target.
        let entrusted: Vec<Holding> = s
            .state
            .holdings_of_power(power)
            .filter(|h| matches!(&h.role, Role::Entrusted { by } if by == from))
            .cloned()
            .collect();
        if s.state.holding(power, from).is_none() {
            for mut h in entrusted {
                if &h.body == to {
                    continue;
                }
                h.role = Role::Entrusted { by: to.clone() };
                s.put_holding(h);
            }
        }
    }
    // A concentration bars the source. Where the source is a city body that only lets go of one
    // district, the exclusion itself is the bar: the body rightly goes on leading elsewhere.
    // The receiver is recorded with the decision, so that the rules can see who received what
    // and on whose approval; where the source only lets go of one district, it is barred there.
    if mode == TransferMode::Concentrate {
        match &narrowing_district {
            None => s.set_barred(power, from, true),
            Some(district) => s.set_barred_in(power, from, district, true),
        }
        s.set_receipt(
            power,
            to,
            Some(Receipt {
                approval: approval.cloned(),
            }),
        );
    }
    Ok(())
}

fn create_body(s: &mut Stager<'_>, body: &Body) -> Result<(), OpError> {
    if s.state.body(&body.id).is_some() {
        return Err(OpError::Exists(body.id.to_string()));
    }
    require_budget_fits(body)?;
    if s.state.jurisdiction(&body.jurisdiction).is_none() {
        return Err(OpError::NoJurisdiction(body.jurisdiction.clone()));
    }
    if let Some(parent) = &body.parent {
        body_of(s.state, parent)?;
    }
    if let Some(supervisor) = &body.supervisor {
        body_of(s.state, supervisor)?;
    }
    s.put_body(body.clone());
    Ok(())
}

/// The stronger of two holdings of one power by one body, for a merge: a lead wins, and two
/// leads cover what either covered.
fn merged_holding(a: Holding, b: &Holding) -> Holding {
    match (a.role.is_lead(), b.role.is_lead()) {
        (true, true) => Holding {
            excludes: a.excludes.intersection(&b.excludes).cloned().collect(),
            ..a
        },
        (false, true) => Holding {
            power: a.power,
            body: a.body,
            ..b.clone()
        },
        (true | false, false) => a,
    }
}

fn merge_bodies(s: &mut Stager<'_>, from: &BodyId, into: &BodyId) -> Result<(), OpError> {
    let source = body_of(s.state, from)?.clone();
    let mut target = body_of(s.state, into)?.clone();
    if from == into {
        return Err(OpError::Refused(format!("{from} cannot merge into itself")));
    }
    // A body cannot absorb one of its own parents.
    let mut ancestor = target.parent.clone();
    while let Some(id) = ancestor {
        if &id == from {
            return Err(OpError::Refused(format!("{from} is above {into}")));
        }
        ancestor = s.state.body(&id).and_then(|b| b.parent.clone());
    }
    // The figures add up exactly or the merge is refused: a saturated sum would lose slots,
    // people or money without a word.
    let (merged, absorbing) = (source.name.clone(), target.name.clone());
    let too_many = |what: (&str, &str)| {
        OpError::Refused(format!(
            "{merged} 并入 {absorbing} 后{0}超出所能记录的数目 ({merged} merged into {absorbing} would have more {1} than a plan records)",
            what.0, what.1
        ))
    };
    let mut staffing = target.staffing;
    for kind in SlotKind::ALL {
        *staffing.slots_of_mut(kind) = staffing
            .slots_of(kind)
            .checked_add(source.staffing.slots_of(kind))
            .ok_or_else(|| too_many((kind.label_zh(), kind.label_en())))?;
    }
    staffing.headcount = staffing
        .headcount
        .checked_add(source.staffing.headcount)
        .ok_or_else(|| too_many(("实有人数", "people")))?;
    target.budget_wan = target
        .budget_wan
        .checked_add(source.budget_wan)
        .ok_or_else(|| too_many(("经费", "budget")))?;
    target.staffing = staffing;
    require_budget_fits(&target)?;
    target.tags.extend(source.tags.iter().cloned());
    s.put_body(target);
    redirect_references(s, from, into);
    let holdings: Vec<Holding> = s.state.holdings_of_body(from).cloned().collect();
    for h in holdings {
        let power = h.power.clone();
        s.remove_holding(&power, from);
        let moved = Holding {
            body: into.clone(),
            ..h
        };
        let combined = match s.state.holding(&power, into).cloned() {
            Some(existing) => merged_holding(existing, &moved),
            None => moved,
        };
        // Entrusted by the body it merges into: it now simply leads through the target.
        if matches!(&combined.role, Role::Entrusted { by } if by == into) {
            continue;
        }
        s.put_holding(combined);
    }
    s.move_concentration_records(from, Some(into));
    redirect_supervised(s, from, Some(into))?;
    s.remove_body(from);
    refuse_supervision_cycle(s, into)
}

/// Bodies supervised by `from` answer to `into` (a merge), or to their parent (an abolition);
/// refused if one of them would then answer, through the chain, to itself (it is under a body
/// that it supervises).
fn redirect_supervised(
    s: &mut Stager<'_>,
    from: &BodyId,
    into: Option<&BodyId>,
) -> Result<(), OpError> {
    let supervised: Vec<Body> = s
        .state
        .bodies()
        .values()
        .filter(|b| b.supervisor.as_ref() == Some(from))
        .cloned()
        .collect();
    let ids: Vec<BodyId> = supervised.iter().map(|b| b.id.clone()).collect();
    for mut body in supervised {
        body.supervisor = into.filter(|i| **i != body.id).cloned();
        s.put_body(body);
    }
    for id in &ids {
        refuse_supervision_cycle(s, id)?;
    }
    Ok(())
}

/// Points sub-bodies and entrusted holdings of `from` at `into`.
fn redirect_references(s: &mut Stager<'_>, from: &BodyId, into: &BodyId) {
    let children: Vec<BodyId> = s.state.children_of(from).cloned().collect();
    for child in children {
        if let Some(mut body) = s.state.body(&child).cloned() {
            body.parent = if &child == into {
                None
            } else {
                Some(into.clone())
            };
            s.put_body(body);
        }
    }
    let entrusted: Vec<Holding> = s
        .state
        .holdings()
        .filter(|h| matches!(&h.role, Role::Entrusted { by } if by == from))
        .cloned()
        .collect();
    for mut h in entrusted {
        if &h.body == into {
            s.remove_holding(&h.power.clone(), &h.body.clone());
            continue;
        }
        h.role = Role::Entrusted { by: into.clone() };
        s.put_holding(h);
    }
}

/// 拆分: the new body takes the slots, people and budget its record gives it from the body split,
/// never more than that body has (a split creates no staff and no money), and the holdings of
/// `powers`; bodies the old body entrusted with those powers act for the new one.
fn split_body(
    s: &mut Stager<'_>,
    id: &BodyId,
    new_body: &Body,
    powers: &BTreeSet<PowerId>,
) -> Result<(), OpError> {
    let mut body = body_of(s.state, id)?.clone();
    if s.state.body(&new_body.id).is_some() {
        return Err(OpError::Exists(new_body.id.to_string()));
    }
    if s.state.jurisdiction(&new_body.jurisdiction).is_none() {
        return Err(OpError::NoJurisdiction(new_body.jurisdiction.clone()));
    }
    if let Some(supervisor) = &new_body.supervisor {
        body_of(s.state, supervisor)?;
    }
    if let Some(parent) = &new_body.parent {
        body_of(s.state, parent)?;
    }
    let more_than_it_has = |have: u64, given: u64, (zh, en): (&str, &str)| {
        let (source, new) = (&body.name, &new_body.name);
        OpError::Refused(format!(
            "{source} 只有 {have} {zh}，不能拆给 {new} {given} {zh} ({source} has {have} {en} and cannot give {new} {given})"
        ))
    };
    let mut staffing = body.staffing;
    for kind in SlotKind::ALL {
        let (have, given) = (staffing.slots_of(kind), new_body.staffing.slots_of(kind));
        let zh = format!("名{}", kind.label_zh());
        *staffing.slots_of_mut(kind) = have
            .checked_sub(given)
            .ok_or_else(|| more_than_it_has(have.into(), given.into(), (&zh, kind.label_en())))?;
    }
    let (have, given) = (staffing.headcount, new_body.staffing.headcount);
    staffing.headcount = have
        .checked_sub(given)
        .ok_or_else(|| more_than_it_has(have.into(), given.into(), ("人", "people")))?;
    let (have, given) = (body.budget_wan, new_body.budget_wan);
    body.budget_wan = have
        .checked_sub(given)
        .ok_or_else(|| more_than_it_has(have, given, ("万元经费", "万元 of budget")))?;
    body.staffing = staffing;
    for power in powers {
        if s.state.holding(power, id).is_none() {
            let (b, p) = (body_name(s.state, id), power_name(s.state, power));
            return Err(OpError::Refused(format!(
                "{b} 不持有 {p}，无从拆出 ({b} does not hold {p})"
            )));
        }
    }
    s.put_body(body);
    s.put_body(new_body.clone());
    for power in powers {
        if let Some(h) = s.state.holding(power, id).cloned() {
            s.remove_holding(power, id);
            s.put_holding(Holding {
                body: new_body.id.clone(),
                ..h
            });
        }
        let acting: Vec<Holding> = s
            .state
            .holdings_of_power(power)
            .filter(|h| matches!(&h.role, Role::Entrusted { by } if by == id))
            .cloned()
            .collect();
        for mut h in acting {
            h.role = Role::Entrusted {
                by: new_body.id.clone(),
            };
            s.put_holding(h);
        }
    }
    Ok(())
}

fn abolish_body(s: &mut Stager<'_>, id: &BodyId) -> Result<(), OpError> {
    body_of(s.state, id)?;
    if let Some(child) = s.state.children_of(id).next() {
        return Err(OpError::Refused(format!(
            "{id} still has the sub-body {child}; merge or move it first"
        )));
    }
    if let Some(h) = s
        .state
        .holdings()
        .find(|h| matches!(&h.role, Role::Entrusted { by } if by == id))
    {
        return Err(OpError::Refused(format!(
            "{} acts for {id} on {}; end that entrustment first",
            h.body, h.power
        )));
    }
    let powers: Vec<PowerId> = s.state.powers_of_body(id).cloned().collect();
    for power in &powers {
        s.remove_holding(power, id);
    }
    s.move_concentration_records(id, None);
    redirect_supervised(s, id, None)?;
    s.remove_body(id);
    Ok(())
}

fn move_staffing(
    s: &mut Stager<'_>,
    from: &BodyId,
    to: &BodyId,
    kind: SlotKind,
    count: u32,
    people: u32,
) -> Result<(), OpError> {
    let mut giver = body_of(s.state, from)?.clone();
    let mut taker = body_of(s.state, to)?.clone();
    if from == to {
        return Err(OpError::Refused(format!(
            "{from} cannot give slots to itself"
        )));
    }
    if count == 0 {
        return Err(OpError::Refused("moving 0 slots changes nothing".into()));
    }
    let have = giver.staffing.slots_of_mut(kind);
    if *have < count {
        return Err(OpError::Refused(format!(
            "{from} has {have} {} and cannot give {count}",
            kind.label_en()
        )));
    }
    *have -= count;
    let got = taker.staffing.slots_of_mut(kind);
    *got = got
        .checked_add(count)
        .ok_or_else(|| OpError::Refused(format!("{to} cannot hold that many slots")))?;
    // 人随编走: the people who fill the slots go with them.
    if people > count {
        return Err(OpError::Refused(format!(
            "{people} people cannot move with {count} slots"
        )));
    }
    if giver.staffing.headcount < people {
        return Err(OpError::Refused(format!(
            "{from} has {} people and cannot give {people}",
            giver.staffing.headcount
        )));
    }
    giver.staffing.headcount -= people;
    taker.staffing.headcount = taker
        .staffing
        .headcount
        .checked_add(people)
        .ok_or_else(|| OpError::Refused(format!("{to} cannot hold that many people")))?;
    s.put_body(giver);
    s.put_body(taker);
    Ok(())
}

fn edit_body(s: &mut Stager<'_>, id: &BodyId, edit: &BodyEdit) -> Result<(), OpError> {
    let mut body = body_of(s.state, id)?.clone();
    match edit {
        BodyEdit::Name(name) => {
            if name.trim().is_empty() {
                return Err(OpError::Refused("a body needs a name".into()));
            }
            body.name.clone_from(name);
        }
        BodyEdit::Kind(kind) => body.kind = *kind,
        BodyEdit::Parent(parent) => {
            if let Some(parent) = parent {
                body_of(s.state, parent)?;
                let mut ancestor = Some(parent.clone());
                while let Some(a) = ancestor {
                    if &a == id {
                        return Err(OpError::Refused(format!(
                            "{parent} is under {id}; that would make a cycle"
                        )));
                    }
                    ancestor = s.state.body(&a).and_then(|b| b.parent.clone());
                }
            }
            body.parent.clone_from(parent);
        }
        BodyEdit::Tags(tags) => body.tags.clone_from(tags),
        BodyEdit::Staffing(staffing) => body.staffing = *staffing,
        BodyEdit::BudgetWan(budget) => {
            body.budget_wan = *budget;
            require_budget_fits(&body)?;
        }
        BodyEdit::Standing(standing) => body.standing = *standing,
        BodyEdit::Supervisor(supervisor) => {
            if let Some(supervisor) = supervisor {
                body_of(s.state, supervisor)?;
            }
            body.supervisor.clone_from(supervisor);
        }
    }
    s.put_body(body);
    refuse_supervision_cycle(s, id)
}

/// After a change of `id`'s parent or supervisor (or a merge into it): refuses one whose chain
/// of supervising organs now loops (the stager then rolls it back).
fn refuse_supervision_cycle(s: &Stager<'_>, id: &BodyId) -> Result<(), OpError> {
    if s.state.supervision_cycle(id) {
        return Err(OpError::Refused(format!(
            "{id} would answer to a body that answers to it (主管部门 in a cycle)"
        )));
    }
    Ok(())
}

fn edit_power(s: &mut Stager<'_>, id: &PowerId, edit: &PowerEdit) -> Result<(), OpError> {
    let mut power = s
        .state
        .power(id)
        .cloned()
        .ok_or_else(|| OpError::NoPower(id.clone()))?;
    match edit {
        PowerEdit::Name(name) => {
            if name.trim().is_empty() {
                return Err(OpError::Refused("a power needs a name".into()));
            }
            power.name.clone_from(name);
        }
        PowerEdit::Kind(kind) => power.kind = *kind,
        PowerEdit::Field(field) => power.field.clone_from(field),
        PowerEdit::Basis(basis) => power.basis.clone_from(basis),
        PowerEdit::Matter(matter) => power.matter.clone_from(matter),
    }
    let before = s.state.power(id).cloned().map(Box::new);
    s.push(Change::Power {
        id: id.clone(),
        before,
        after: Some(Box::new(power)),
    });
    Ok(())
}

fn set_holding(s: &mut Stager<'_>, holding: &Holding) -> Result<(), OpError> {
    require_power(s.state, &holding.power)?;
    body_of(s.state, &holding.body)?;
    if holding.cases.is_some() && !holding.role.is_lead() {
        return Err(OpError::Refused(
            "only a lead holding takes a tier of cases (分级管辖)".into(),
        ));
    }
    if let Role::Entrusted { by } = &holding.role {
        if by == &holding.body {
            return Err(OpError::Refused("a body cannot entrust itself".into()));
        }
        body_of(s.state, by)?;
    }
    for excluded in &holding.excludes {
        match s.state.jurisdiction(excluded) {
            Some(j) if j.level != Level::City => {}
            Some(_) => {
                return Err(OpError::Refused(format!(
                    "{excluded} is not a district or a street"
                )));
            }
            None => return Err(OpError::NoJurisdiction(excluded.clone())),
        }
    }
    grant::require_grant_makes_sense(s.state, holding)?;
    if s.state.holding(&holding.power, &holding.body) == Some(holding) {
        return Err(OpError::Refused("the holding is already so".into()));
    }
    s.put_holding(holding.clone());
    Ok(())
}

fn remove_power(s: &mut Stager<'_>, id: &PowerId) -> Result<(), OpError> {
    let power = s
        .state
        .power(id)
        .cloned()
        .ok_or_else(|| OpError::NoPower(id.clone()))?;
    let holders: Vec<BodyId> = s
        .state
        .holdings_of_power(id)
        .map(|h| h.body.clone())
        .collect();
    for body in holders {
        s.remove_holding(id, &body);
    }
    let barred: Vec<BodyId> = s.state.barred_from(id).cloned().collect();
    for body in barred {
        s.set_barred(id, &body, false);
    }
    let barred_in: Vec<(BodyId, JurisdictionId)> = s
        .state
        .barred_in_districts(id)
        .flat_map(|(b, districts)| districts.iter().map(move |d| (b.clone(), d.clone())))
        .collect();
    for (body, district) in barred_in {
        s.set_barred_in(id, &body, &district, false);
    }
    let receivers: Vec<BodyId> = s.state.receivers_of(id).map(|(b, _)| b.clone()).collect();
    for body in receivers {
        s.set_receipt(id, &body, None);
    }
    s.push(Change::Power {
        id: id.clone(),
        before: Some(Box::new(power)),
        after: None,
    });
    Ok(())
}
