//! The right panel: every attribute of the selection, editable into a buffer; "应用修改" turns
//! each changed attribute into one `EditBody` / `EditPower` operation. Below: the holdings, and
//! the actions transfer to… / move (devolve, centralise) to… / merge into… / abolish. A street
//! body lists the powers it holds by a grant (赋权) with their record, and takes the chosen ones
//! back (收回, one `TakeBack`); a district with streets, its streets and their bodies, offer the
//! grant dialog.

use std::collections::BTreeSet;

use egui::{ComboBox, RichText, ScrollArea, TextEdit, Ui};

use super::PanelCtx;
use crate::model::{Body, BodyId, BodyKind, JurisdictionId, Power, PowerId, PowerKind, Staffing};
use crate::plan::{Operation, PowerEdit, TransferMode};
use crate::text::Label;
use crate::ui::command::Action;
use crate::ui::i18n::T;
use crate::ui::state::Selection;
use crate::ui::theme;

mod body;
mod opinions;
mod place;

#[allow(clippy::wildcard_imports)]
use body::*;
#[allow(clippy::wildcard_imports)]
use place::*;

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
    if cx.inspector.key.as_ref() != Some(&key) {
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
        *cx.inspector = buffer;
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

fn power(ui: &mut Ui, cx: &mut PanelCtx<'_>, p: &Power) {
    let lang = cx.state.lang;
    ui.label(RichText::new(&p.name).strong().size(16.0));
    ui.label(RichText::new(p.code.as_str()).color(theme::TEXT_WEAK));
    let label = format!("{}（{}）", p.name, p.code);
    opinions::section(ui, cx, &crate::plan::Target::Power(p.code.clone()), &label);
    let buf = &mut *cx.inspector;
    labelled_text(ui, T::Name.get(lang), &mut buf.name, false);
    ui.horizontal(|ui| {
        let l = ui.label(T::Kind.get(lang));
        let current = buf.power_kind.unwrap_or(p.kind);
        ComboBox::from_id_salt("inspector-power-kind")
            .selected_text(current.label(lang))
            .show_ui(ui, |ui| {
                for k in PowerKind::ALL {
                    ui.selectable_value(&mut buf.power_kind, Some(k), k.label(lang));
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
        let role = h.role.label(lang);
        if ui
            .selectable_label(false, format!("[{role}] {}", cx.body_name(&h.body)))
            .clicked()
        {
            cx.out.push(Action::Focus(Selection::Body(h.body.clone())));
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
        let place = crate::text::place_name(state, d, lang);
        ui.label(RichText::new(format!("{place}：{text}")).color(color));
    }
}
