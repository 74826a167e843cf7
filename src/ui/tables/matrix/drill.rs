//! The drill-down under the matrix: the powers of the cell last clicked, with their worst state,
//! lead bodies and problem territories, built when asked for and kept until the document or the
//! cell changes, and drawn a screenful at a time.

use std::sync::Arc;

use egui::{Align, Label, Layout, Rect, RichText, ScrollArea, Sense, Ui, UiBuilder, pos2, vec2};

use crate::model::{BodyId, JurisdictionId, PowerId};
use crate::ui::cache::allocation::lead_names;
use crate::ui::command::{Action, Command};
use crate::ui::i18n::T;
use crate::ui::i18n::tables::{self, Tt};
use crate::ui::panels::PanelCtx;
use crate::ui::state::{Selection, Tab};
use crate::ui::tables::allocation::{CELL_PAD, fit_widths, territory_text};
use crate::ui::theme;

#[allow(clippy::wildcard_imports)]
use super::*;

/// What a drill-down lists: the powers of a field in the whole city, in one territory, or in a
/// district with streets (over its streets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The 本市 column: every territory.
    City,
    /// A street, or a district without streets.
    Territory(JurisdictionId),
    /// A district with streets: its streets.
    District(JurisdictionId),
}

/// One power of a drill-down.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DrillRow {
    /// The power.
    pub power: PowerId,
    /// Its worst state over the scope's territories.
    pub status: Led,
    /// Its lead bodies there, each once, in the order of the territories.
    pub leads: Vec<BodyId>,
    /// How many of the scope's territories it is not led once in.
    pub problem_count: usize,
    /// The first few of them.
    pub problems: Vec<JurisdictionId>,
}

/// How many problem territories a drill-down row names.
pub(super) const NAMED_PROBLEMS: usize = 3;

/// The powers of `field` in `scope`, with their worst state, lead bodies and problem
/// territories: problems first (gaps, then overlaps), then by code. One pass over the field's
/// powers and the scope's territories, when a cell is clicked or the document changed.
pub fn drill_rows(
    doc: &crate::session::Document,
    counts: &MatrixCounts,
    field: &str,
    scope: &Scope,
) -> Vec<DrillRow> {
    let coverage = &doc.analysis().coverage;
    let territories = coverage.territories();
    let indices: Vec<usize> = match scope {
        Scope::City => (0..territories.len()).collect(),
        Scope::Territory(id) => territories.binary_search(id).ok().into_iter().collect(),
        Scope::District(id) => counts.territory_indices_of(id),
    };
    let mut rows: Vec<DrillRow> = doc
        .state()
        .powers()
        .values()
        .filter(|p| p.field == field)
        .map(|p| {
            let leads = coverage.power(&p.code).map(|c| &c.leads);
            let mut status = Led::Once;
            let mut seen: rustc_hash::FxHashSet<&BodyId> = rustc_hash::FxHashSet::default();
            let mut holders = Vec::new();
            let mut problems = Vec::new();
            let mut problem_count = 0;
            for &t in &indices {
                let here = leads.and_then(|l| l.get(t)).unwrap_or_default();
                let led = Led::of(here.len());
                status = status.max(led);
                for body in here {
                    if seen.insert(body) {
                        holders.push(body.clone());
                    }
                }
                if led != Led::Once {
                    problem_count += 1;
                    if problems.len() < NAMED_PROBLEMS {
                        problems.push(territories[t].clone());
                    }
                }
            }
            if indices.is_empty() {
                status = Led::Nobody;
            }
            DrillRow {
                power: p.code.clone(),
                status,
                leads: holders,
                problem_count,
                problems,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.status.cmp(&a.status).then_with(|| a.power.cmp(&b.power)));
    rows
}

/// The cell a drill-down is open on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Drill {
    pub(super) field: String,
    pub(super) scope: Scope,
}

/// A drill-down's rows, with what they were built for.
#[derive(Clone, Debug)]
pub(super) struct DrillCache {
    pub(super) revision: u64,
    pub(super) drill: Drill,
    pub(super) rows: Arc<Vec<DrillRow>>,
}

/// Where the open drill-down and its rows are kept: view state, in egui's memory.
pub(super) fn drill_id() -> egui::Id {
    egui::Id::unique("matrix-drill")
}

pub(super) fn drill_cache_id() -> egui::Id {
    egui::Id::unique("matrix-drill-rows")
}

/// The drill-down's rows, built again only when the document or the cell changed.
pub(super) fn cached_drill_rows(ui: &Ui, cx: &PanelCtx<'_>, drill: &Drill) -> Arc<Vec<DrillRow>> {
    let revision = cx.doc.revision();
    let cached: Option<DrillCache> = ui.data(|d| d.get_temp(drill_cache_id()));
    if let Some(c) = cached
        && c.revision == revision
        && &c.drill == drill
    {
        return c.rows;
    }
    let rows = Arc::new(drill_rows(
        cx.doc,
        &cx.caches.matrix,
        &drill.field,
        &drill.scope,
    ));
    ui.data_mut(|d| {
        d.insert_temp(
            drill_cache_id(),
            DrillCache {
                revision,
                drill: drill.clone(),
                rows: rows.clone(),
            },
        );
    });
    rows
}

/// The drill-down's columns: narrowest width and share of the room left over.
pub(super) const DRILL_COLUMNS: [(Tt, f32, f32); 5] = [
    (Tt::DrillCode, 78.0, 0.3),
    (Tt::DrillName, 120.0, 2.6),
    (Tt::DrillStatus, 52.0, 0.2),
    (Tt::DrillHolders, 120.0, 3.0),
    (Tt::DrillWhere, 100.0, 1.4),
];

/// The name of a drill-down's cell: 本市, a street with its district, or a district.
pub(super) fn scope_name(cx: &PanelCtx<'_>, scope: &Scope) -> String {
    let lang = cx.state.lang;
    match scope {
        Scope::City => Tt::MatrixCity.get(lang).to_owned(),
        Scope::Territory(id) => territory_text(cx.doc.state(), id, lang),
        Scope::District(id) => cx.jurisdiction_name(id),
    }
}

/// The drill-down: the cell's powers, problems first, each with its status, its lead bodies
/// and where it is not led once; a click on a power selects it (the inspector shows it). Drawn
/// a screenful at a time.
pub(super) fn drill_panel(ui: &mut Ui, cx: &mut PanelCtx<'_>, drill: &Drill) {
    let lang = cx.state.lang;
    let rows = cached_drill_rows(ui, cx, drill);
    let many = rows.iter().filter(|r| r.status == Led::Many).count();
    let none = rows.iter().filter(|r| r.status == Led::Nobody).count();
    let place = scope_name(cx, &drill.scope);
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(tables::drill_heading(
                lang,
                &place,
                &drill.field,
                rows.len(),
                many,
                none,
            ))
            .strong(),
        );
        if !matches!(drill.scope, Scope::District(_))
            && ui.button(Tt::DrillShowTable.get(lang)).clicked()
        {
            cx.state.filters.field = Some(drill.field.clone());
            cx.state.filters.district = match &drill.scope {
                Scope::Territory(id) => Some(id.clone()),
                Scope::City | Scope::District(_) => None,
            };
            cx.out.push(Command::ShowTab(Tab::Allocation));
        }
        if ui.button(Tt::DrillClose.get(lang)).clicked() {
            ui.data_mut(|d| d.remove::<Drill>(drill_id()));
        }
    });
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let room = ui.available_width() - ui.spacing().scroll.allocated_width();
    // One territory's cell needs no column saying where the problem is.
    let columns = match drill.scope {
        Scope::Territory(_) => &DRILL_COLUMNS[..DRILL_COLUMNS.len() - 1],
        Scope::City | Scope::District(_) => &DRILL_COLUMNS[..],
    };
    let widths = fit_widths(
        &columns.iter().map(|c| (c.1, c.2)).collect::<Vec<_>>(),
        room,
    );
    let total_w: f32 = widths.iter().sum();
    let (rect, _) = ui.allocate_exact_size(vec2(total_w, row_h), Sense::hover());
    let mut x = rect.left();
    for ((label, _, _), w) in columns.iter().zip(&widths) {
        one_line(
            ui,
            drill_cell(x, rect, *w),
            RichText::new(label.get(lang)).strong(),
        );
        x += w;
    }
    if rows.is_empty() {
        ui.label(Tt::DrillNone.get(lang));
        return;
    }
    let state = cx.doc.state();
    ScrollArea::vertical()
        .id_salt("matrix-drill")
        .auto_shrink([false, false])
        .show_rows(ui, row_h, rows.len(), |ui, range| {
            for row in range.filter_map(|i| rows.get(i)) {
                let (rect, response) = ui.allocate_exact_size(vec2(total_w, row_h), Sense::click());
                if response.hovered() {
                    ui.painter()
                        .rect_filled(rect, 2.0, ui.visuals().faint_bg_color);
                }
                let name = state
                    .power(&row.power)
                    .map_or_else(String::new, |p| p.name.clone());
                let (status, color) = match row.status {
                    Led::Nobody => (T::Gaps, theme::GAP),
                    Led::Many => (T::Overlaps, theme::OVERLAP),
                    Led::Once => (T::StatusOk, theme::OK),
                };
                let holders = if row.leads.is_empty() {
                    Tt::NobodyLeads.get(lang).to_owned()
                } else {
                    lead_names(cx.doc, &row.leads)
                };
                let named: Vec<String> = row
                    .problems
                    .iter()
                    .map(|t| territory_text(state, t, lang))
                    .collect();
                let cells = [
                    RichText::new(row.power.to_string()),
                    RichText::new(name),
                    RichText::new(status.get(lang)).color(color),
                    RichText::new(holders),
                    RichText::new(tables::places(lang, &named, row.problem_count)),
                ];
                let mut x = rect.left();
                for (text, w) in cells.into_iter().zip(&widths) {
                    let cell = drill_cell(x, rect, *w);
                    ui.scope_builder(
                        UiBuilder::new()
                            .max_rect(cell)
                            .layout(Layout::left_to_right(Align::Center)),
                        |ui| ui.add(Label::new(text).truncate().selectable(false)),
                    );
                    x += w;
                }
                if response.clicked() {
                    cx.out
                        .push(Action::Select(Selection::Power(row.power.clone())));
                }
            }
        });
}

/// The rectangle of a drill-down cell that starts at `x` in a row.
pub(super) fn drill_cell(x: f32, row: Rect, width: f32) -> Rect {
    Rect::from_min_max(
        pos2(x, row.top()),
        pos2(x + (width - CELL_PAD).max(8.0), row.bottom()),
    )
}
