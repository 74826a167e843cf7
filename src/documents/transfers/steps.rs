//! The rows each kind of step gives the 职责划转表: a unit moved whole, an item moved (its
//! sources gathered on one row), a grant to streets and its take-back, slots moved, a merge.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::model::{Approval, BodyId, Level, PowerId, SlotKind, State};
use crate::plan::{Operation, Step, TransferMode};
use crate::text::{Label, Lang};

use super::{RowKind, TransferRow};
use crate::documents::DocInput;

/// The article of law a mode of transfer rests on.
fn law_of(mode: TransferMode) -> &'static str {
    match mode {
        TransferMode::Transfer => "",
        TransferMode::Entrust => "《行政处罚法》第二十条",
        TransferMode::Authorise => "《行政处罚法》第十九条",
        TransferMode::Concentrate => "《行政处罚法》第十八条",
        TransferMode::Grant => "《行政处罚法》第二十四条",
    }
}

pub(super) fn joined(parts: &[String]) -> String {
    parts.join("、")
}

fn basis_with(state: &State, power: &PowerId, law: &str) -> String {
    let clauses = state.power(power).map_or("", |p| p.basis.trim());
    match (clauses.is_empty(), law.is_empty()) {
        (true, _) => law.to_owned(),
        (false, true) => clauses.to_owned(),
        (false, false) => format!("{clauses}；{law}"),
    }
}

fn approval_note(approval: Option<&Approval>) -> (String, String) {
    approval.map_or_else(Default::default, |a| {
        (a.document.clone(), format!("经{}批准", a.authority))
    })
}

/// 范围 of a moved item: 全部 when the receiver takes it wherever the source had it (both sit
/// in one place, or the receiver is the city's), else the receiver's district or street.
fn scope_of(input: &DocInput<'_>, state: &State, from: &BodyId, to: &BodyId) -> String {
    let place = |body: &BodyId| state.body(body).map(|b| &b.jurisdiction);
    match state.body(to) {
        Some(body) if state.level_of_body(to) != Some(Level::City) && place(from) != place(to) => {
            input.place_name(&body.jurisdiction)
        }
        _ => ALL_OF_IT.to_owned(),
    }
}

/// 范围 of a move that is not limited to some districts or streets.
const ALL_OF_IT: &str = "全部";

/// The key of an item's row: (power, receiver, mode, scope, document); the sources of one item
/// moved to one body in one decision share a row.
pub(super) type ItemKey = (PowerId, String, &'static str, String, String);

/// Adds the rows of one step (replayed on `state`, the state before it).
pub(super) fn rows_of_step(
    input: &DocInput<'_>,
    state: &State,
    step: &Step,
    rows: &mut Vec<TransferRow>,
    item_rows: &mut BTreeMap<ItemKey, usize>,
) {
    let mut out = StepRows {
        input,
        state,
        effective: step
            .timing
            .effective
            .map_or_else(String::new, |d| d.to_string()),
        document: step.timing.document.clone(),
        rows,
        item_rows,
    };
    match &step.operation {
        Operation::MoveBody { body, to } => out.unit(body, to),
        Operation::TransferPower {
            power,
            from,
            to,
            mode,
            approval,
        } => out.item(power, from, to, *mode, approval.as_ref()),
        Operation::GrantToStreets {
            powers,
            receivers,
            decision,
            evaluate_by,
        } => out.grant(powers, receivers, decision.as_ref(), evaluate_by),
        Operation::TakeBack { powers, receivers } => out.take_back(powers, receivers),
        Operation::MoveStaffing {
            from,
            to,
            kind,
            count,
            people,
        } => out.staffing(from, to, *kind, *count, *people),
        Operation::MergeBodies { from, into } => out.merge(from, into),
        _ => {}
    }
}

/// The rows of one step, as it adds them.
struct StepRows<'s, 'a> {
    input: &'s DocInput<'a>,
    state: &'s State,
    effective: String,
    document: String,
    rows: &'s mut Vec<TransferRow>,
    item_rows: &'s mut BTreeMap<ItemKey, usize>,
}

impl StepRows<'_, '_> {
    fn body_name(&self, id: &BodyId) -> String {
        self.input.body_name(id)
    }

    /// A row of this step with nothing filled in but its date and document.
    fn empty(&self, kind: RowKind) -> TransferRow {
        TransferRow {
            kind,
            power: None,
            from: Vec::new(),
            to: String::new(),
            code: String::new(),
            item: String::new(),
            mode: "",
            scope: String::new(),
            basis: String::new(),
            boundary: String::new(),
            admin_slots: 0,
            institution_slots: 0,
            people: 0,
            effective: self.effective.clone(),
            document: self.document.clone(),
            note: String::new(),
        }
    }

    /// The decision's 文号 (else the step's) and a note naming the approving authority.
    fn decision(&self, approval: Option<&Approval>) -> (String, String) {
        let (document, note) = approval_note(approval);
        if document.is_empty() {
            (self.document.clone(), note)
        } else {
            (document, note)
        }
    }

    /// 下划 / 上收: a unit moved whole.
    fn unit(&mut self, body: &BodyId, to: &crate::model::JurisdictionId) {
        let (input, state) = (self.input, self.state);
        let Some(unit) = state.body(body) else { return };
        let upward = input
            .after
            .jurisdiction(to)
            .or_else(|| state.jurisdiction(to))
            .is_some_and(|j| j.level == Level::City);
        let from = unit.parent.as_ref().map_or_else(
            || input.place_name(&unit.jurisdiction),
            |p| input.body_name(p),
        );
        // The unit's new superior as the scenario leaves it, when it is in the new place.
        let to_name = input
            .after
            .body(body)
            .and_then(|after| after.parent.as_ref())
            .filter(|p| input.after.body(p).is_some_and(|p| &p.jurisdiction == to))
            .map_or_else(|| input.place_name(to), |p| input.body_name(p));
        let leads = state
            .holdings_of_body(body)
            .filter(|h| h.role.is_lead())
            .count();
        self.rows.push(TransferRow {
            from: vec![from],
            to: to_name,
            item: format!("{}（整建制）", unit.name),
            mode: if upward { "上收" } else { "下划" },
            scope: input.place_name(to),
            boundary: format!(
                "单位整建制{}，职责、编制、人员一并划转（编随事走、人随编走）",
                if upward { "上收" } else { "下划" }
            ),
            admin_slots: unit.staffing.admin,
            institution_slots: unit.staffing.institution,
            people: unit.staffing.headcount,
            note: if leads > 0 {
                format!("含承担事项{leads}项")
            } else {
                String::new()
            },
            ..self.empty(RowKind::Unit)
        });
    }

    /// An item moved: 划转, 委托, 授权, 相对集中, 赋权 by a transfer.
    fn item(
        &mut self,
        power: &PowerId,
        from: &BodyId,
        to: &BodyId,
        mode: TransferMode,
        approval: Option<&Approval>,
    ) {
        let (input, state) = (self.input, self.state);
        let (document, note) = self.decision(approval);
        let scope = scope_of(input, state, from, to);
        let key = (
            power.clone(),
            to.to_string(),
            mode.label(Lang::Zh),
            scope.clone(),
            document.clone(),
        );
        if let Some(&at) = self.item_rows.get(&key) {
            let source = self.body_name(from);
            let row = &mut self.rows[at];
            if !row.from.contains(&source) {
                row.from.push(source);
            }
            row.boundary = item_boundary(mode, &row.from, &row.to, &row.scope);
            return;
        }
        let code = power.to_string();
        let to_name = self.body_name(to);
        let from_names = vec![self.body_name(from)];
        self.item_rows.insert(key, self.rows.len());
        self.rows.push(TransferRow {
            power: Some(power.clone()),
            boundary: item_boundary(mode, &from_names, &to_name, &scope),
            from: from_names,
            to: to_name,
            code,
            item: input.power_name(power),
            mode: mode.label(Lang::Zh),
            scope,
            basis: basis_with(state, power, law_of(mode)),
            document,
            note,
            ..self.empty(RowKind::Item)
        });
    }

    /// 赋权: one row per item granted to the streets' bodies.
    fn grant(
        &mut self,
        powers: &[PowerId],
        receivers: &[BodyId],
        decision: Option<&Approval>,
        evaluate_by: &str,
    ) {
        let (input, state) = (self.input, self.state);
        let streets: Vec<String> = receivers
            .iter()
            .filter_map(|r| state.body(r))
            .map(|b| input.place_name(&b.jurisdiction))
            .collect();
        let district = receivers
            .iter()
            .filter_map(|r| state.body(r))
            .find_map(|b| state.district_of(&b.jurisdiction).cloned());
        let receiver_names: Vec<String> = receivers.iter().map(|r| input.body_name(r)).collect();
        let (document, note) = self.decision(decision);
        for power in powers {
            let sources: Vec<String> = state
                .holdings_of_power(power)
                .filter(|h| h.role.is_lead())
                .filter(|h| {
                    state
                        .body(&h.body)
                        .is_some_and(|b| Some(&b.jurisdiction) == district.as_ref())
                })
                .map(|h| input.body_name(&h.body))
                .collect();
            let mut boundary = format!(
                "{}在本街道范围内以自己名义行使；{}不再在{}行使，负责指导、监督",
                joined(&receiver_names),
                if sources.is_empty() {
                    "区级主管部门".to_owned()
                } else {
                    joined(&sources)
                },
                joined(&streets)
            );
            if !evaluate_by.trim().is_empty() {
                let _ = write!(boundary, "；{}前评估", evaluate_by.trim());
            }
            self.rows.push(TransferRow {
                power: Some(power.clone()),
                from: sources,
                to: joined(&receiver_names),
                code: power.to_string(),
                item: input.power_name(power),
                mode: TransferMode::Grant.label(Lang::Zh),
                scope: joined(&streets),
                basis: basis_with(state, power, law_of(TransferMode::Grant)),
                boundary,
                document: document.clone(),
                note: note.clone(),
                ..self.empty(RowKind::Item)
            });
        }
    }

    /// 收回: one row per item taken back from the streets' bodies.
    fn take_back(&mut self, powers: &[PowerId], receivers: &[BodyId]) {
        let (input, state) = (self.input, self.state);
        let receiver_names: Vec<String> = receivers.iter().map(|r| input.body_name(r)).collect();
        for power in powers {
            let granted_by: Vec<String> = receivers
                .iter()
                .filter_map(|r| state.holding(power, r))
                .filter_map(|h| h.grant.as_ref())
                .map(|g| input.body_name(&g.from))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            self.rows.push(TransferRow {
                power: Some(power.clone()),
                from: receiver_names.clone(),
                to: joined(&granted_by),
                code: power.to_string(),
                item: input.power_name(power),
                mode: "收回",
                basis: basis_with(state, power, law_of(TransferMode::Grant)),
                boundary: format!(
                    "收回赋权，由{}恢复在上述街道行使",
                    if granted_by.is_empty() {
                        "区级主管部门".to_owned()
                    } else {
                        joined(&granted_by)
                    }
                ),
                ..self.empty(RowKind::Item)
            });
        }
    }

    /// Slots moved (with the people who move with them).
    fn staffing(&mut self, from: &BodyId, to: &BodyId, kind: SlotKind, count: u32, people: u32) {
        let (admin_slots, institution_slots) = match kind {
            SlotKind::Admin => (count, 0),
            SlotKind::Institution => (0, count),
        };
        let row = TransferRow {
            from: vec![self.body_name(from)],
            to: self.body_name(to),
            item: "编制划转".to_owned(),
            mode: TransferMode::Transfer.label(Lang::Zh),
            boundary: if people > 0 {
                format!("{count}名编制及{people}名在编人员随职责划转（人随编走）")
            } else {
                format!("{count}名编制随职责划转")
            },
            admin_slots,
            institution_slots,
            people,
            ..self.empty(RowKind::Staffing)
        };
        self.rows.push(row);
    }

    /// A body merged into another with its duties, slots and people.
    fn merge(&mut self, from: &BodyId, into: &BodyId) {
        let Some(merged) = self.state.body(from) else {
            return;
        };
        let row = TransferRow {
            from: vec![merged.name.clone()],
            to: self.body_name(into),
            item: format!("{}（整建制并入）", merged.name),
            mode: TransferMode::Transfer.label(Lang::Zh),
            boundary: format!(
                "{}的职责、编制、人员整体并入{}，原单位不再保留",
                merged.name,
                self.body_name(into)
            ),
            admin_slots: merged.staffing.admin,
            institution_slots: merged.staffing.institution,
            people: merged.staffing.headcount,
            ..self.empty(RowKind::Merge)
        };
        self.rows.push(row);
    }
}

/// 具体职责边界 of an item moved in a mode.
fn item_boundary(mode: TransferMode, from: &[String], to: &str, scope: &str) -> String {
    let from = joined(from);
    match mode {
        TransferMode::Concentrate => {
            format!("由{to}以自己名义集中行使，{from}不再行使")
        }
        TransferMode::Transfer if scope != ALL_OF_IT && !scope.is_empty() => {
            format!("由{to}在{scope}行使，{from}不再在{scope}行使")
        }
        TransferMode::Transfer => format!("由{to}行使，{from}不再行使"),
        TransferMode::Entrust => {
            format!("{to}以{from}名义实施，{from}负责监督并承担法律责任")
        }
        TransferMode::Authorise => format!("{to}依法律、法规授权以自己名义行使"),
        TransferMode::Grant => format!("{to}在本街道范围内以自己名义行使，{from}不再在该街道行使"),
    }
}
