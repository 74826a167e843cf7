//! A body in the inspector: its attributes and standing, approvals, the powers granted to it,
//! its holdings, and the actions on it (transfer, merge, split, slots, abolish).

use egui::{ComboBox, DragValue, RichText, Ui};

use crate::model::{Approval, Body, BodyId, BodyKind, JurisdictionId, PowerId, Standing};
use crate::plan::{BodyEdit, Operation, TransferMode};
use crate::text::{Label, Names};
use crate::ui::command::{Action, Command};
use crate::ui::i18n::{self, T};
use crate::ui::panels::PanelCtx;
use crate::ui::state::Selection;
use crate::ui::theme;

#[allow(clippy::wildcard_imports)]
use super::*;

/// 主体资格 and 主管部门, each applied as soon as it is chosen; then the approvals of the
/// concentrations the body received.
pub(super) fn standing_rows(ui: &mut Ui, cx: &mut PanelCtx<'_>, b: &Body) {
    let lang = cx.state.lang;
    let standing_text = |s: Option<Standing>| match s {
        Some(s) => s.label(lang).to_owned(),
        None => format!(
            "{}（{}）",
            T::StandingDefault.get(lang),
            b.standing().label(lang)
        ),
    };
    let mut standing = b.standing;
    ui.horizontal(|ui| {
        let l = ui.label(T::Standing.get(lang));
        ComboBox::from_id_salt("inspector-standing")
            .selected_text(standing_text(standing))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut standing, None, standing_text(None));
                for s in Standing::ALL {
                    ui.selectable_value(&mut standing, Some(s), standing_text(Some(s)));
                }
            })
            .response
            .labelled_by(l.id);
    });
    if standing != b.standing {
        cx.out.push(Action::Apply(Operation::EditBody {
            body: b.id.clone(),
            edit: BodyEdit::Standing(standing),
        }));
    }
    // A body that is not an organ answers to one: the organs of its own or the city's level.
    let state = cx.doc.state();
    let organs: Vec<(BodyId, String)> = state
        .bodies()
        .values()
        .filter(|o| o.id != b.id && o.standing() == Standing::Organ)
        .filter(|o| {
            o.jurisdiction == b.jurisdiction
                || state.jurisdiction(&o.jurisdiction).map(|j| j.level)
                    == Some(crate::model::Level::City)
        })
        .map(|o| (o.id.clone(), o.name.clone()))
        .collect();
    let supervisor_text = |s: Option<&BodyId>| match s {
        Some(id) => cx.body_name(id),
        None => T::SupervisorParent.get(lang).to_owned(),
    };
    let mut supervisor = b.supervisor.clone();
    ui.horizontal(|ui| {
        let l = ui.label(T::Supervisor.get(lang));
        ComboBox::from_id_salt("inspector-supervisor")
            .selected_text(supervisor_text(supervisor.as_ref()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut supervisor, None, supervisor_text(None));
                for (id, name) in &organs {
                    ui.selectable_value(&mut supervisor, Some(id.clone()), name);
                }
            })
            .response
            .labelled_by(l.id);
    });
    if supervisor != b.supervisor {
        cx.out.push(Action::Apply(Operation::EditBody {
            body: b.id.clone(),
            edit: BodyEdit::Supervisor(supervisor),
        }));
    }
    approvals(ui, cx, b);
}

/// The concentrations the body received, with their approving decisions, and one row to record
/// a decision for all of them (a province's decision names the bureau and every item at once).
pub(super) fn approvals(ui: &mut Ui, cx: &mut PanelCtx<'_>, b: &Body) {
    let lang = cx.state.lang;
    let received: Vec<(PowerId, Option<Approval>)> = cx
        .doc
        .state()
        .receivers()
        .iter()
        .filter_map(|(p, by_body)| Some((p.clone(), by_body.get(&b.id)?.approval.clone())))
        .collect();
    if received.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.label(RichText::new(format!("{}（{}）", T::Approvals.get(lang), received.len())).strong());
    let mut shown: Vec<String> = received
        .iter()
        .map(|(_, a)| {
            a.as_ref().map_or_else(
                || T::NoApproval.get(lang).to_owned(),
                |a| format!("{} {}", a.authority, a.document),
            )
        })
        .collect();
    shown.sort();
    shown.dedup();
    ui.label(RichText::new(shown.join("；")).color(theme::TEXT_WEAK));
    let buf = &mut *cx.inspector;
    labelled_text(
        ui,
        T::ApprovalAuthority.get(lang),
        &mut buf.authority,
        false,
    );
    labelled_text(ui, T::ApprovalDocument.get(lang), &mut buf.document, false);
    let approval = Approval {
        authority: buf.authority.trim().to_owned(),
        document: buf.document.trim().to_owned(),
    };
    let ops: Vec<Operation> = received
        .into_iter()
        .filter(|(_, a)| a.as_ref() != Some(&approval))
        .map(|(power, _)| Operation::RecordApproval {
            power,
            body: b.id.clone(),
            approval: Some(approval.clone()),
        })
        .collect();
    let ready = !approval.authority.is_empty() && !approval.document.is_empty() && !ops.is_empty();
    if ui
        .add_enabled(ready, egui::Button::new(T::RecordApproval.get(lang)))
        .clicked()
    {
        cx.out.push(Action::ApplyAll(ops));
    }
}

pub(super) fn labelled_number<N: egui::emath::Numeric>(ui: &mut Ui, label: &str, value: &mut N) {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        ui.add(DragValue::new(value).range(0..=1_000_000))
            .labelled_by(l.id);
    });
}

pub(super) fn body(ui: &mut Ui, cx: &mut PanelCtx<'_>, b: &Body) {
    let lang = cx.state.lang;
    ui.label(RichText::new(&b.name).strong().size(16.0));
    ui.label(
        RichText::new(format!(
            "{} · {}",
            b.kind.label(lang),
            cx.jurisdiction_name(&b.jurisdiction)
        ))
        .color(theme::TEXT_WEAK),
    );
    super::opinions::section(ui, cx, &crate::plan::Target::Body(b.id.clone()), &b.name);
    ui.add_space(4.0);
    let buf = &mut *cx.inspector;
    labelled_text(ui, T::Name.get(lang), &mut buf.name, false);
    ui.horizontal(|ui| {
        let l = ui.label(T::BodyKind.get(lang));
        let current = buf.body_kind.unwrap_or(b.kind);
        ComboBox::from_id_salt("inspector-body-kind")
            .selected_text(current.label(lang))
            .show_ui(ui, |ui| {
                for k in BodyKind::ALL {
                    ui.selectable_value(&mut buf.body_kind, Some(k), k.label(lang));
                }
            })
            .response
            .labelled_by(l.id);
    });
    labelled_text(ui, T::Tags.get(lang), &mut buf.tags, false);
    labelled_number(ui, T::AdminSlots.get(lang), &mut buf.staffing.admin);
    labelled_number(
        ui,
        T::InstitutionSlots.get(lang),
        &mut buf.staffing.institution,
    );
    labelled_number(ui, T::Headcount.get(lang), &mut buf.staffing.headcount);
    labelled_number(ui, T::Budget.get(lang), &mut buf.budget_wan);
    standing_rows(ui, cx, b);
    let buf = &mut *cx.inspector;
    let mut edits = Vec::new();
    if buf.name.trim() != b.name && !buf.name.trim().is_empty() {
        edits.push(BodyEdit::Name(buf.name.trim().to_owned()));
    }
    if let Some(k) = buf.body_kind.filter(|k| *k != b.kind) {
        edits.push(BodyEdit::Kind(k));
    }
    let tags = parse_tags(&buf.tags);
    if tags != b.tags {
        edits.push(BodyEdit::Tags(tags));
    }
    if buf.staffing != b.staffing {
        edits.push(BodyEdit::Staffing(buf.staffing));
    }
    if buf.budget_wan != b.budget_wan {
        edits.push(BodyEdit::BudgetWan(buf.budget_wan));
    }
    apply_row(
        ui,
        cx,
        edits
            .into_iter()
            .map(|edit| Operation::EditBody {
                body: b.id.clone(),
                edit,
            })
            .collect(),
    );
    ui.separator();
    granted(ui, cx, b);
    holdings(ui, cx, b);
    ui.separator();
    body_actions(ui, cx, b);
}

/// A street body's powers held by a grant, each with its record; the chosen ones are taken back
/// in one step.
pub(super) fn granted(ui: &mut Ui, cx: &mut PanelCtx<'_>, b: &Body) {
    let lang = cx.state.lang;
    let state = cx.doc.state();
    let list = crate::ui::streets::granted(state, &b.id);
    if list.is_empty() {
        return;
    }
    ui.label(RichText::new(format!("{}（{}）", T::GrantedPowers.get(lang), list.len())).strong());
    let buf = &mut *cx.inspector;
    for h in &list {
        let name = state
            .power(&h.power)
            .map_or_else(|| h.power.to_string(), |p| p.name.clone());
        let mut on = buf.take_back.contains(&h.power);
        let record = h
            .grant
            .as_deref()
            .map(|g| i18n::streets::grant_record(lang, state, g))
            .unwrap_or_default();
        if ui
            .checkbox(&mut on, name)
            .on_hover_text(format!("{}\n{record}", h.power))
            .changed()
        {
            if on {
                buf.take_back.insert(h.power.clone());
            } else {
                buf.take_back.remove(&h.power);
            }
        }
    }
    ui.horizontal(|ui| {
        if ui.small_button(T::SelectAll.get(lang)).clicked() {
            buf.take_back = list.iter().map(|h| h.power.clone()).collect();
        }
        let chosen: Vec<PowerId> = buf.take_back.iter().cloned().collect();
        if ui
            .add_enabled(
                !chosen.is_empty(),
                egui::Button::new(T::TakeBackSelected.get(lang)),
            )
            .clicked()
        {
            cx.out.push(Action::Apply(Operation::TakeBack {
                powers: chosen,
                receivers: vec![b.id.clone()],
            }));
        }
    });
    ui.separator();
}

pub(super) fn apply_row(ui: &mut Ui, cx: &mut PanelCtx<'_>, ops: Vec<Operation>) {
    ui.horizontal(|ui| {
        let changed = !ops.is_empty();
        if ui
            .add_enabled(changed, egui::Button::new(cx.t(T::ApplyEdits)))
            .clicked()
        {
            cx.out.push(Action::ApplyAll(ops));
        }
        if ui
            .add_enabled(changed, egui::Button::new(cx.t(T::Revert)))
            .clicked()
        {
            cx.inspector.key = None;
        }
    });
}

pub(super) fn holdings(ui: &mut Ui, cx: &mut PanelCtx<'_>, b: &Body) {
    let lang = cx.state.lang;
    let state = cx.doc.state();
    let list: Vec<_> = state.holdings_of_body(&b.id).cloned().collect();
    ui.label(RichText::new(format!("{}（{}）", T::Holdings.get(lang), list.len())).strong());
    for h in list {
        let name = state
            .power(&h.power)
            .map_or_else(|| h.power.to_string(), |p| p.name.clone());
        let role = h.role.label(lang);
        let text = format!("[{role}] {name}");
        if ui
            .selectable_label(false, text)
            .on_hover_text(h.power.as_str())
            .clicked()
        {
            cx.out
                .push(Action::Select(Selection::Power(h.power.clone())));
        }
    }
}

pub(super) fn body_actions(ui: &mut Ui, cx: &mut PanelCtx<'_>, b: &Body) {
    let lang = cx.state.lang;
    let state = cx.doc.state();
    ui.label(RichText::new(T::Actions.get(lang)).strong());
    if crate::ui::streets::grant_district_of_body(state, &b.id).is_some() {
        let command = Action::OpenGrant(crate::ui::command::GrantFrom::Body(b.id.clone()));
        if ui
            .button(T::GrantFromHere.get(lang))
            .on_hover_text(Command::GrantDialog.tooltip(lang, ui.ctx()))
            .clicked()
        {
            cx.out.push(command);
        }
    }
    let others: Vec<(BodyId, String)> = state
        .bodies()
        .values()
        .filter(|o| o.id != b.id)
        .map(|o| (o.id.clone(), o.name.clone()))
        .collect();
    transfer_row(ui, cx, b, &others);
    ui.add_space(6.0);
    move_row(ui, cx, b);
    merge_row(ui, cx, b, &others);
    ui.add_space(6.0);
    if ui
        .button(RichText::new(T::ActAbolish.get(lang)).color(theme::ERROR_TEXT))
        .on_hover_text(Command::DeleteSelection.tooltip(lang, ui.ctx()))
        .clicked()
    {
        cx.out
            .push(Action::Apply(Operation::AbolishBody { body: b.id.clone() }));
    }
}

/// Transfer one of the body's lead powers to another body (`others`), in a mode: the power,
/// the body and the mode chosen, then the button.
fn transfer_row(ui: &mut Ui, cx: &mut PanelCtx<'_>, b: &Body, others: &[(BodyId, String)]) {
    let lang = cx.state.lang;
    let state = cx.doc.state();
    let names = Names::of(state);
    let leads: Vec<PowerId> = state
        .holdings_of_body(&b.id)
        .filter(|h| h.role.is_lead())
        .map(|h| h.power.clone())
        .collect();
    let buf = &mut *cx.inspector;
    let none = T::Choose.get(lang);
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(T::ActTransfer.get(lang));
        ComboBox::from_id_salt("act-transfer-power")
            .selected_text(
                buf.transfer_power
                    .as_ref()
                    .map_or_else(|| none.to_owned(), |p| names.power(p)),
            )
            .width(150.0)
            .show_ui(ui, |ui| {
                for p in &leads {
                    ui.selectable_value(&mut buf.transfer_power, Some(p.clone()), names.power(p));
                }
            })
            .response
            .labelled_by(l.id);
        let l = ui.label(T::To.get(lang));
        ComboBox::from_id_salt("act-transfer-to")
            .selected_text(
                buf.transfer_to
                    .as_ref()
                    .map_or_else(|| none.to_owned(), |id| names.body(id)),
            )
            .width(150.0)
            .show_ui(ui, |ui| {
                for (id, name) in others {
                    ui.selectable_value(&mut buf.transfer_to, Some(id.clone()), name);
                }
            })
            .response
            .labelled_by(l.id);
        let mode = buf.transfer_mode.unwrap_or(TransferMode::Transfer);
        let l = ui.label(T::Mode.get(lang));
        ComboBox::from_id_salt("act-transfer-mode")
            .selected_text(mode.label(lang))
            .show_ui(ui, |ui| {
                for m in TransferMode::ALL {
                    ui.selectable_value(&mut buf.transfer_mode, Some(m), m.label(lang))
                        .on_hover_text(crate::ui::i18n::help::mode_tooltip(m, lang));
                }
            })
            .response
            .labelled_by(l.id);
    });
    let transfer = match (&buf.transfer_power, &buf.transfer_to) {
        (Some(power), Some(to)) => Some(Operation::TransferPower {
            power: power.clone(),
            from: b.id.clone(),
            to: to.clone(),
            mode: buf.transfer_mode.unwrap_or(TransferMode::Transfer),
            approval: None,
        }),
        _ => None,
    };
    if ui
        .add_enabled(
            transfer.is_some(),
            egui::Button::new(T::ActTransfer.get(lang)),
        )
        .clicked()
        && let Some(op) = transfer
    {
        cx.out.push(Action::Apply(op));
    }
}

/// Move the body to another jurisdiction: the jurisdiction chosen, then the button.
fn move_row(ui: &mut Ui, cx: &mut PanelCtx<'_>, b: &Body) {
    let lang = cx.state.lang;
    let state = cx.doc.state();
    let buf = &mut *cx.inspector;
    let none = T::Choose.get(lang);
    let jurisdictions: Vec<(JurisdictionId, String)> = state
        .jurisdictions()
        .values()
        .filter(|j| j.id != b.jurisdiction)
        .map(|j| (j.id.clone(), j.name.clone()))
        .collect();
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(T::ActMove.get(lang));
        ComboBox::from_id_salt("act-move-to")
            .selected_text(
                buf.move_to
                    .as_ref()
                    .and_then(|j| state.jurisdiction(j))
                    .map_or(none, |j| j.name.as_str()),
            )
            .show_ui(ui, |ui| {
                for (id, name) in &jurisdictions {
                    ui.selectable_value(&mut buf.move_to, Some(id.clone()), name);
                }
            })
            .response
            .labelled_by(l.id);
        if ui
            .add_enabled(buf.move_to.is_some(), egui::Button::new(T::Ok.get(lang)))
            .clicked()
            && let Some(to) = buf.move_to.clone()
        {
            cx.out.push(Action::Apply(Operation::MoveBody {
                body: b.id.clone(),
                to,
            }));
        }
    });
}

/// Merge the body into another (`others`): the body chosen, then the button.
fn merge_row(ui: &mut Ui, cx: &mut PanelCtx<'_>, b: &Body, others: &[(BodyId, String)]) {
    let lang = cx.state.lang;
    let names = Names::of(cx.doc.state());
    let buf = &mut *cx.inspector;
    let none = T::Choose.get(lang);
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(T::ActMerge.get(lang));
        ComboBox::from_id_salt("act-merge-into")
            .selected_text(
                buf.merge_into
                    .as_ref()
                    .map_or_else(|| none.to_owned(), |id| names.body(id)),
            )
            .width(150.0)
            .show_ui(ui, |ui| {
                for (id, name) in others {
                    ui.selectable_value(&mut buf.merge_into, Some(id.clone()), name);
                }
            })
            .response
            .labelled_by(l.id);
        if ui
            .add_enabled(buf.merge_into.is_some(), egui::Button::new(T::Ok.get(lang)))
            .clicked()
            && let Some(into) = buf.merge_into.clone()
        {
            cx.out.push(Action::Apply(Operation::MergeBodies {
                from: b.id.clone(),
                into,
            }));
        }
    });
}
