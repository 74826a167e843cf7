//! The left panel: filters (field, power kind, tag, only with findings), then the jurisdiction
//! tree with its bodies and counts. Clicking a jurisdiction or a body selects it and brings it
//! into view in the lanes.
//!
//! The jurisdictions in lane order and each one's bodies by name come from
//! [`crate::ui::cache::derived::Derived`] (built once per revision), and only the jurisdictions in view
//! are drawn: one off screen is a space of the height it had when last drawn (kept in egui's
//! memory), so a province's hundred districts cost the dozen rows on screen.

use std::fmt::Write as _;

use egui::{CollapsingHeader, RichText, ScrollArea, Ui};

use super::PanelCtx;
use crate::model::{JurisdictionId, PowerKind};
use crate::text::Label;
use crate::ui::command::{Action, Command};
use crate::ui::i18n::{self, T};
use crate::ui::state::Selection;
use crate::ui::theme;

/// Draws the filters and the tree.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    ui.heading(cx.t(T::Jurisdictions));
    filters(ui, cx);
    ui.separator();
    ScrollArea::vertical()
        .id_salt("tree")
        .auto_shrink([false, false])
        .show(ui, |ui| tree(ui, cx));
}

fn filters(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let all = cx.t(T::All);
    egui::Grid::new("filters").num_columns(2).show(ui, |ui| {
        let label = ui.label(cx.t(T::Field));
        let fields = cx.derived.fields.clone();
        egui::ComboBox::from_id_salt("filter-field")
            .selected_text(cx.state.filters.field.clone().unwrap_or_else(|| all.into()))
            .width(130.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut cx.state.filters.field, None, all);
                for f in fields {
                    ui.selectable_value(&mut cx.state.filters.field, Some(f.clone()), f);
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label(cx.t(T::Kind));
        let kind_text = cx.state.filters.kind.map_or(all, |k| k.label(lang));
        egui::ComboBox::from_id_salt("filter-kind")
            .selected_text(kind_text)
            .width(130.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut cx.state.filters.kind, None, all);
                for k in PowerKind::ALL {
                    ui.selectable_value(&mut cx.state.filters.kind, Some(k), k.label(lang));
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
        let label = ui.label(cx.t(T::Tag));
        let tags = cx.derived.tags.clone();
        egui::ComboBox::from_id_salt("filter-tag")
            .selected_text(cx.state.filters.tag.clone().unwrap_or_else(|| all.into()))
            .width(130.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut cx.state.filters.tag, None, all);
                for t in tags {
                    ui.selectable_value(&mut cx.state.filters.tag, Some(t.clone()), t);
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
    });
    let only = cx.t(T::OnlyFindings);
    ui.checkbox(&mut cx.state.filters.only_findings, only);
    let changed = cx.t(T::OnlyChanged);
    ui.add_enabled(
        cx.doc.view().scenario().is_some(),
        egui::Checkbox::new(&mut cx.state.filters.only_changed, changed),
    );
    if let Some(d) = cx.state.filters.district.clone() {
        let place = crate::text::place_name(cx.doc.state(), &d, lang);
        ui.label(format!("{}：{place}", cx.t(T::District)));
    }
    if cx.state.filters.any() && ui.button(cx.t(T::CmdClearFilters)).clicked() {
        cx.out.push(Command::ClearFilters);
    }
}

fn tree(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let state = cx.doc.state();
    if state.jurisdictions().is_empty() {
        ui.label(RichText::new(cx.t(T::EmptyPlan)).color(theme::TEXT_WEAK));
        return;
    }
    let derived = cx.derived;
    let row_h = ui.spacing().interact_size.y;
    for id in &derived.lane_order {
        let memory_id = ui.scope_id().with(("tree-height", id));
        let height = ui
            .ctx()
            .data(|d| d.get_temp::<f32>(memory_id))
            .unwrap_or(row_h);
        let top = ui.cursor().top();
        let clip = ui.clip_rect();
        if top + height < clip.top() || top > clip.bottom() {
            ui.add_space(height);
            continue;
        }
        // A street hangs under its district.
        let street = state
            .jurisdiction(id)
            .is_some_and(|j| j.level == crate::model::Level::Street);
        if street {
            ui.indent(("tree-street", id), |ui| jurisdiction(ui, cx, id));
        } else {
            jurisdiction(ui, cx, id);
        }
        let drawn = ui.cursor().top() - top;
        ui.ctx().data_mut(|d| d.insert_temp(memory_id, drawn));
    }
}

fn jurisdiction(ui: &mut Ui, cx: &mut PanelCtx<'_>, id: &JurisdictionId) {
    let state = cx.doc.state();
    let Some(j) = state.jurisdiction(id) else {
        return;
    };
    let lang = cx.state.lang;
    let derived = cx.derived;
    let bodies = derived
        .bodies_by_jurisdiction
        .get(id)
        .map_or(&[][..], Vec::as_slice);
    let total = bodies.len();
    let mut title = format!("{}（{}）", j.name, i18n::bodies_count(lang, total));
    if let Some(gaps) = cx.derived.gaps_by_district.get(id) {
        let _ = write!(title, " {} {gaps}", cx.t(T::Gaps));
    }
    let selected = cx.state.selection == Selection::Jurisdiction(id.clone());
    let header = CollapsingHeader::new(RichText::new(title).strong().color(if selected {
        theme::SELECTED
    } else {
        theme::LANE_TITLE
    }))
    .id_salt(("tree-j", id))
    // A province lists a hundred districts: open them all only when there are few.
    .default_open(
        j.level == crate::model::Level::City
            || (j.level != crate::model::Level::Street && state.jurisdictions().len() <= 12),
    )
    .show(ui, |ui| {
        let passing = bodies
            .iter()
            .filter(|b| derived.bodies_passing.contains(*b))
            .filter_map(|b| state.body(b));
        for b in passing {
            let findings = cx.derived.by_body.get(&b.id).copied().unwrap_or_default();
            let leads = state.lead_count(&b.id);
            let mut text = RichText::new(format!("{}  {leads}", b.name));
            if cx.derived.body_hits.contains(&b.id) {
                text = text.background_color(theme::SEARCH_HIT);
            }
            if findings.overlaps > 0 {
                text = text.color(theme::OVERLAP);
            }
            let is_selected = cx.state.selection == Selection::Body(b.id.clone());
            if ui.selectable_label(is_selected, text).clicked() {
                cx.out.push(Action::Focus(Selection::Body(b.id.clone())));
            }
        }
    });
    if header.header_response.secondary_clicked() || header.header_response.double_clicked() {
        cx.out
            .push(Action::Focus(Selection::Jurisdiction(id.clone())));
    }
}
