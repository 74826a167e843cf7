//! The right panel: every attribute of the selection, editable into a buffer; "应用修改" turns
//! each changed attribute into one `EditBody` / `EditPower` operation. Below: the holdings, and
//! the actions transfer to… / move (devolve, centralise) to… / merge into… / abolish. A street
//! body lists the powers it holds by a grant (赋权) with their record, and takes the chosen ones
//! back (收回, one `TakeBack`); a district with streets, its streets and their bodies, offer the
//! grant dialog.

use std::collections::BTreeSet;

use egui::{ComboBox, DragValue, RichText, ScrollArea, TextEdit, Ui};

use super::PanelCtx;
use crate::model::{
    Approval, Body, BodyId, BodyKind, JurisdictionId, Power, PowerId, PowerKind, Staffing, Standing,
};
use crate::plan::{BodyEdit, Operation, PowerEdit, TransferMode};
use crate::ui::command::Command;
use crate::ui::i18n::{self, T};
use crate::ui::state::Selection;
use crate::ui::theme;

/// The attributes being edited, and the choices of the action rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Buffer {
    key: Option<(Selection, u64)>,
    name: String,
    body_kind: Option<BodyKind>,
    tags: String,
    staffing: Staffing,
    budget_wan: u64,
    power_kind: Option<PowerKind>,
    field: String,
    basis: String,
    /// 下划 / 上收至: the chosen jurisdiction.
    pub move_to: Option<JurisdictionId>,
    /// 并入: the chosen body.
    pub merge_into: Option<BodyId>,
    /// 划转事项: the chosen power.
    pub transfer_power: Option<PowerId>,
    /// 划转事项 to this body.
    pub transfer_to: Option<BodyId>,
    /// 划转事项 in this mode (划转 when unset).
    pub transfer_mode: Option<TransferMode>,
    /// 批准机关 being typed for the body's concentrations.
    authority: String,
    /// 文号 being typed for the body's concentrations.
    document: String,
    /// The granted powers chosen to be taken back (收回).
    pub take_back: BTreeSet<PowerId>,
    /// A jurisdiction's gaps and overlaps (a district's with its streets'), gaps first, found
    /// the first time it is shown in a revision.
    place_findings: Option<Vec<crate::analysis::Finding>>,
}

impl Buffer {
    fn load_body(&mut self, b: &Body) {
        self.name.clone_from(&b.name);
        self.body_kind = Some(b.kind);
        self.tags = b.tags.iter().cloned().collect::<Vec<_>>().join("，");
        self.staffing = b.staffing;
        self.budget_wan = b.budget_wan;
    }

    fn load_power(&mut self, p: &Power) {
        self.name.clone_from(&p.name);
        self.power_kind = Some(p.kind);
        self.field.clone_from(&p.field);
        self.basis.clone_from(&p.basis);
    }
}

fn parse_tags(text: &str) -> BTreeSet<String> {
    text.split([',', '，', '、', ' '])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Draws the inspector.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    ui.heading(cx.t(T::Inspector));
    ui.separator();
    let key = (cx.state.selection.clone(), cx.doc.revision());
    if cx.state.inspector.key.as_ref() != Some(&key) {
        let mut buffer = Buffer {
            key: Some(key),
            ..Buffer::default()
        };
        match &cx.state.selection {
            Selection::Body(id) => {
                if let Some(b) = cx.doc.state().body(id) {
                    buffer.load_body(b);
                }
            }
            Selection::Power(id) => {
                if let Some(p) = cx.doc.state().power(id) {
                    buffer.load_power(p);
                }
            }
            _ => {}
        }
        cx.state.inspector = buffer;
    }
    ScrollArea::vertical()
        .id_salt("inspector")
        .auto_shrink([false, false])
        .show(ui, |ui| match cx.state.selection.clone() {
            Selection::Body(id) => match cx.doc.state().body(&id).cloned() {
                Some(b) => body(ui, cx, &b),
                None => nothing(ui, cx),
            },
            Selection::Power(id) => match cx.doc.state().power(&id).cloned() {
                Some(p) => power(ui, cx, &p),
                None => nothing(ui, cx),
            },
            Selection::Jurisdiction(id) => jurisdiction(ui, cx, &id),
            Selection::None => nothing(ui, cx),
        });
}

fn nothing(ui: &mut Ui, cx: &PanelCtx<'_>) {
    ui.label(RichText::new(cx.t(T::NothingSelected)).color(theme::TEXT_WEAK));
}

fn labelled_text(ui: &mut Ui, label: &str, text: &mut String, multiline: bool) {
    let l = ui.label(label);
    let edit = if multiline {
        TextEdit::multiline(text).desired_rows(2)
    } else {
        TextEdit::singleline(text)
    };
    ui.add(edit.desired_width(f32::INFINITY)).labelled_by(l.id);
}

/// 主体资格 and 主管部门, each applied as soon as it is chosen; then the approvals of the
/// concentrations the body received.
fn standing_rows(ui: &mut Ui, cx: &mut PanelCtx<'_>, b: &Body) {
    let lang = cx.state.lang;
    let standing_text = |s: Option<Standing>| match s {
        Some(s) => lang.pick(s.label_zh(), s.label_en()).to_owned(),
        None => format!(
            "{}（{}）",
            T::StandingDefault.get(lang),
            lang.pick(b.standing().label_zh(), b.standing().label_en())
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
        cx.out.push(Command::Apply(Operation::EditBody {
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
        cx.out.push(Command::Apply(Operation::EditBody {
            body: b.id.clone(),
            edit: BodyEdit::Supervisor(supervisor),
        }));
    }
    approvals(ui, cx, b);
}

/// The concentrations the body received, with their approving decisions, and one row to record
/// a decision for all of them (a province's decision names the bureau and every item at once).
fn approvals(ui: &mut Ui, cx: &mut PanelCtx<'_>, b: &Body) {
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
    let buf = &mut cx.state.inspector;
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
        cx.out.push(Command::ApplyAll(ops));
    }
}

fn labelled_number<N: egui::emath::Numeric>(ui: &mut Ui, label: &str, value: &mut N) {
    ui.horizontal(|ui| {
        let l = ui.label(label);
        ui.add(DragValue::new(value).range(0..=1_000_000))
            .labelled_by(l.id);
    });
}

fn body(ui: &mut Ui, cx: &mut PanelCtx<'_>, b: &Body) {
    let lang = cx.state.lang;
    ui.label(RichText::new(&b.name).strong().size(16.0));
    ui.label(
        RichText::new(format!(
            "{} · {}",
            lang.pick(b.kind.label_zh(), b.kind.label_en()),
            cx.jurisdiction_name(&b.jurisdiction)
        ))
        .color(theme::TEXT_WEAK),
    );
    ui.add_space(4.0);
    let buf = &mut cx.state.inspector;
    labelled_text(ui, T::Name.get(lang), &mut buf.name, false);
    ui.horizontal(|ui| {
        let l = ui.label(T::BodyKind.get(lang));
        let current = buf.body_kind.unwrap_or(b.kind);
        ComboBox::from_id_salt("inspector-body-kind")
            .selected_text(lang.pick(current.label_zh(), current.label_en()))
            .show_ui(ui, |ui| {
                for k in BodyKind::ALL {
                    ui.selectable_value(
                        &mut buf.body_kind,
                        Some(k),
                        lang.pick(k.label_zh(), k.label_en()),
                    );
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
    let buf = &mut cx.state.inspector;
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
fn granted(ui: &mut Ui, cx: &mut PanelCtx<'_>, b: &Body) {
    let lang = cx.state.lang;
    let state = cx.doc.state();
    let list = crate::ui::streets::granted(state, &b.id);
    if list.is_empty() {
        return;
    }
    ui.label(RichText::new(format!("{}（{}）", T::GrantedPowers.get(lang), list.len())).strong());
    let buf = &mut cx.state.inspector;
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
            cx.out.push(Command::Apply(Operation::TakeBack {
                powers: chosen,
                receivers: vec![b.id.clone()],
            }));
        }
    });
    ui.separator();
}

fn apply_row(ui: &mut Ui, cx: &mut PanelCtx<'_>, ops: Vec<Operation>) {
    ui.horizontal(|ui| {
        let changed = !ops.is_empty();
        if ui
            .add_enabled(changed, egui::Button::new(cx.t(T::ApplyEdits)))
            .clicked()
        {
            cx.out.push(Command::ApplyAll(ops));
        }
        if ui
            .add_enabled(changed, egui::Button::new(cx.t(T::Revert)))
            .clicked()
        {
            cx.state.inspector.key = None;
        }
    });
}

fn holdings(ui: &mut Ui, cx: &mut PanelCtx<'_>, b: &Body) {
    let lang = cx.state.lang;
    let state = cx.doc.state();
    let list: Vec<_> = state.holdings_of_body(&b.id).cloned().collect();
    ui.label(RichText::new(format!("{}（{}）", T::Holdings.get(lang), list.len())).strong());
    for h in list {
        let name = state
            .power(&h.power)
            .map_or_else(|| h.power.to_string(), |p| p.name.clone());
        let role = lang.pick(h.role.label_zh(), h.role.label_en());
        let text = format!("[{role}] {name}");
        if ui
            .selectable_label(false, text)
            .on_hover_text(h.power.as_str())
            .clicked()
        {
            cx.out
                .push(Command::Select(Selection::Power(h.power.clone())));
        }
    }
}

fn body_actions(ui: &mut Ui, cx: &mut PanelCtx<'_>, b: &Body) {
    let lang = cx.state.lang;
    let state = cx.doc.state();
    ui.label(RichText::new(T::Actions.get(lang)).strong());
    if crate::ui::streets::grant_district_of_body(state, &b.id).is_some() {
        let command = Command::OpenGrant(crate::ui::state::GrantFrom::Body(b.id.clone()));
        if ui
            .button(T::GrantFromHere.get(lang))
            .on_hover_text(command.tooltip(lang, ui.ctx()))
            .clicked()
        {
            cx.out.push(command);
        }
    }
    // Transfer one lead power to another body.
    let leads: Vec<PowerId> = state
        .holdings_of_body(&b.id)
        .filter(|h| h.role.is_lead())
        .map(|h| h.power.clone())
        .collect();
    let others: Vec<(BodyId, String)> = state
        .bodies()
        .values()
        .filter(|o| o.id != b.id)
        .map(|o| (o.id.clone(), o.name.clone()))
        .collect();
    let buf = &mut cx.state.inspector;
    let power_name = |p: &PowerId| {
        state
            .power(p)
            .map_or_else(|| p.to_string(), |x| x.name.clone())
    };
    let body_name = |id: &BodyId| {
        state
            .body(id)
            .map_or_else(|| id.to_string(), |x| x.name.clone())
    };
    let none = T::Choose.get(lang);
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(T::ActTransfer.get(lang));
        ComboBox::from_id_salt("act-transfer-power")
            .selected_text(
                buf.transfer_power
                    .as_ref()
                    .map_or_else(|| none.to_owned(), power_name),
            )
            .width(150.0)
            .show_ui(ui, |ui| {
                for p in &leads {
                    ui.selectable_value(&mut buf.transfer_power, Some(p.clone()), power_name(p));
                }
            })
            .response
            .labelled_by(l.id);
        let l = ui.label(T::To.get(lang));
        ComboBox::from_id_salt("act-transfer-to")
            .selected_text(
                buf.transfer_to
                    .as_ref()
                    .map_or_else(|| none.to_owned(), body_name),
            )
            .width(150.0)
            .show_ui(ui, |ui| {
                for (id, name) in &others {
                    ui.selectable_value(&mut buf.transfer_to, Some(id.clone()), name);
                }
            })
            .response
            .labelled_by(l.id);
        let mode = buf.transfer_mode.unwrap_or(TransferMode::Transfer);
        let l = ui.label(T::Mode.get(lang));
        ComboBox::from_id_salt("act-transfer-mode")
            .selected_text(lang.pick(mode.label_zh(), mode.label_en()))
            .show_ui(ui, |ui| {
                for m in TransferMode::ALL {
                    ui.selectable_value(
                        &mut buf.transfer_mode,
                        Some(m),
                        lang.pick(m.label_zh(), m.label_en()),
                    )
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
        cx.out.push(Command::Apply(op));
    }
    ui.add_space(6.0);
    // Move to another jurisdiction.
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
            cx.out.push(Command::Apply(Operation::MoveBody {
                body: b.id.clone(),
                to,
            }));
        }
    });
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(T::ActMerge.get(lang));
        ComboBox::from_id_salt("act-merge-into")
            .selected_text(
                buf.merge_into
                    .as_ref()
                    .map_or_else(|| none.to_owned(), body_name),
            )
            .width(150.0)
            .show_ui(ui, |ui| {
                for (id, name) in &others {
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
            cx.out.push(Command::Apply(Operation::MergeBodies {
                from: b.id.clone(),
                into,
            }));
        }
    });
    ui.add_space(6.0);
    if ui
        .button(RichText::new(T::ActAbolish.get(lang)).color(theme::ERROR_TEXT))
        .on_hover_text(Command::DeleteSelection.tooltip(lang, ui.ctx()))
        .clicked()
    {
        cx.out.push(Command::Apply(Operation::AbolishBody {
            body: b.id.clone(),
        }));
    }
}

fn power(ui: &mut Ui, cx: &mut PanelCtx<'_>, p: &Power) {
    let lang = cx.state.lang;
    ui.label(RichText::new(&p.name).strong().size(16.0));
    ui.label(RichText::new(p.code.as_str()).color(theme::TEXT_WEAK));
    let buf = &mut cx.state.inspector;
    labelled_text(ui, T::Name.get(lang), &mut buf.name, false);
    ui.horizontal(|ui| {
        let l = ui.label(T::Kind.get(lang));
        let current = buf.power_kind.unwrap_or(p.kind);
        ComboBox::from_id_salt("inspector-power-kind")
            .selected_text(lang.pick(current.label_zh(), current.label_en()))
            .show_ui(ui, |ui| {
                for k in PowerKind::ALL {
                    ui.selectable_value(
                        &mut buf.power_kind,
                        Some(k),
                        lang.pick(k.label_zh(), k.label_en()),
                    );
                }
            })
            .response
            .labelled_by(l.id);
    });
    labelled_text(ui, T::Field.get(lang), &mut buf.field, false);
    labelled_text(ui, T::Basis.get(lang), &mut buf.basis, true);
    let mut edits = Vec::new();
    if buf.name.trim() != p.name && !buf.name.trim().is_empty() {
        edits.push(PowerEdit::Name(buf.name.trim().to_owned()));
    }
    if let Some(k) = buf.power_kind.filter(|k| *k != p.kind) {
        edits.push(PowerEdit::Kind(k));
    }
    if buf.field.trim() != p.field {
        edits.push(PowerEdit::Field(buf.field.trim().to_owned()));
    }
    if buf.basis != p.basis {
        edits.push(PowerEdit::Basis(buf.basis.clone()));
    }
    apply_row(
        ui,
        cx,
        edits
            .into_iter()
            .map(|edit| Operation::EditPower {
                power: p.code.clone(),
                edit,
            })
            .collect(),
    );
    ui.separator();
    ui.label(RichText::new(T::Holders.get(lang)).strong());
    let state = cx.doc.state();
    for h in state.holdings_of_power(&p.code) {
        let role = lang.pick(h.role.label_zh(), h.role.label_en());
        if ui
            .selectable_label(false, format!("[{role}] {}", cx.body_name(&h.body)))
            .clicked()
        {
            cx.out.push(Command::Focus(Selection::Body(h.body.clone())));
        }
    }
    ui.separator();
    ui.label(RichText::new(T::LeadsByDistrict.get(lang)).strong());
    let coverage = &cx.doc.analysis().coverage;
    for d in coverage.territories() {
        let leads = coverage.leads(&p.code, d);
        let names: Vec<String> = leads.iter().map(|b| cx.body_name(b)).collect();
        let color = match leads.len() {
            0 => theme::GAP,
            1 => theme::OK,
            _ => theme::OVERLAP,
        };
        let text = if names.is_empty() {
            T::Nobody.get(lang).to_owned()
        } else {
            names.join("、")
        };
        let place = crate::analysis::finding::place_name(state, d, lang);
        ui.label(RichText::new(format!("{place}：{text}")).color(color));
    }
}

/// How many of a place's gaps and overlaps the inspector lists (the findings list has them all).
const LISTED_PLACE_FINDINGS: usize = 40;

/// A jurisdiction's gaps and overlaps (a district's with its streets'), gaps first: each names
/// its power (and street), explains itself on hover and is focused by a click; the findings list
/// shows them all. Found once per revision (they are `total`; none are looked for when there
/// are none).
fn place_findings(ui: &mut Ui, cx: &mut PanelCtx<'_>, id: &JurisdictionId, total: usize) {
    use crate::analysis::FindingKind;
    use crate::ui::i18n::findings as texts;
    let lang = cx.state.lang;
    ui.separator();
    ui.label(RichText::new(texts::place_findings_heading(lang)).strong());
    if total == 0 {
        ui.label(RichText::new(texts::place_findings_none(lang)).color(theme::TEXT_WEAK));
        return;
    }
    let doc = cx.doc;
    let state = doc.state();
    let found = cx.state.inspector.place_findings.take().unwrap_or_else(|| {
        let mut found: Vec<crate::analysis::Finding> = doc
            .analysis()
            .coverage
            .findings()
            .filter(|f| {
                f.jurisdiction
                    .as_ref()
                    .is_some_and(|j| j == id || state.district_of(j) == Some(id))
            })
            .cloned()
            .collect();
        // Gaps first, then overlaps; by power within each (stable).
        found.sort_by_key(|f| f.kind != FindingKind::Gap);
        found
    });
    for f in found.iter().take(LISTED_PLACE_FINDINGS) {
        let power = f
            .power
            .as_ref()
            .map(|p| {
                state
                    .power(p)
                    .map_or_else(|| p.to_string(), |p| p.name.clone())
            })
            .unwrap_or_default();
        let street = f
            .jurisdiction
            .as_ref()
            .filter(|j| *j != id)
            .map(|j| cx.jurisdiction_name(j));
        let text = texts::place_finding_row(lang, f.kind, &power, street.as_deref());
        let response = ui
            .selectable_label(false, RichText::new(text).color(theme::finding(f.kind)))
            .on_hover_ui(
                |ui| match cx.state.finding_texts.explanation(doc, f, lang) {
                    Some(e) => crate::ui::panels::findings::explanation_tip(ui, e, lang),
                    None => {
                        ui.label(f.message(state, lang));
                    }
                },
            );
        if response.clicked() {
            crate::ui::panels::findings::focus(cx, f);
        }
    }
    let more = found.len().saturating_sub(LISTED_PLACE_FINDINGS);
    cx.state.inspector.place_findings = Some(found);
    let label = if more > 0 {
        texts::place_findings_more(lang, more)
    } else {
        texts::place_findings_all(lang).to_owned()
    };
    if ui.small_button(label).clicked() {
        cx.state.filters.district = Some(id.clone());
        cx.state.filters.finding_kind = None;
    }
}

fn jurisdiction(ui: &mut Ui, cx: &mut PanelCtx<'_>, id: &JurisdictionId) {
    let lang = cx.state.lang;
    let Some(j) = cx.doc.state().jurisdiction(id) else {
        nothing(ui, cx);
        return;
    };
    ui.label(RichText::new(&j.name).strong().size(16.0));
    ui.label(lang.pick(j.level.label_zh(), j.level.label_en()));
    if let Some(c) = cx
        .derived
        .counts
        .as_ref()
        .and_then(|c| c.by_jurisdiction.get(id))
    {
        ui.label(i18n::bodies_count(lang, c.bodies));
        ui.label(i18n::slots(lang, c.staffing));
    }
    // A district with streets is checked on its streets: its counts are theirs.
    let state = cx.doc.state();
    let streets = crate::ui::streets::streets_of(state, id);
    let counted = cx.derived.place_findings(id);
    let (gaps, overlaps) = (counted.gaps, counted.overlaps);
    ui.label(RichText::new(format!("{} {gaps}", T::Gaps.get(lang))).color(theme::GAP));
    ui.label(RichText::new(format!("{} {overlaps}", T::Overlaps.get(lang))).color(theme::OVERLAP));
    place_findings(ui, cx, id, gaps + overlaps);
    let grant_from = match j.level {
        crate::model::Level::District if !streets.is_empty() => Some(id.clone()),
        crate::model::Level::Street => state.district_of(id).cloned(),
        _ => None,
    };
    if !streets.is_empty() {
        ui.separator();
        for street in &streets {
            let bodies = crate::ui::streets::bodies_in(state, street).len();
            let text = format!(
                "{}（{}）",
                cx.jurisdiction_name(street),
                i18n::bodies_count(lang, bodies)
            );
            if ui.selectable_label(false, text).clicked() {
                cx.out
                    .push(Command::Focus(Selection::Jurisdiction((*street).clone())));
            }
        }
    }
    if let Some(district) = grant_from {
        ui.separator();
        let command = Command::OpenGrant(crate::ui::state::GrantFrom::District(district));
        if ui
            .button(command.label(lang))
            .on_hover_text(command.tooltip(lang, ui.ctx()))
            .clicked()
        {
            cx.out.push(command);
        }
    }
}
