//! 覆盖矩阵: fields × districts, as a heat map. Each cell shows how many powers of the field
//! are led once, twice or more, and by nobody in the district ("12 / 1 / 0"), on a shading of
//! its worst state (red: a gap; orange: an overlap; green: all led once), the deeper the more of
//! its powers have a problem ([`theme::matrix_heat`]). A 本市 column counts each power of the
//! field by its worst territory in the whole city (its three numbers add up to the field's
//! powers); a 合计 column sums each field over the districts and a 合计 row sums each column
//! over the fields ([`Totals`]).
//!
//! Clicking a cell sets the field and district filters, which the table and the graph follow,
//! and drills down: under the matrix, the cell's powers with their status, their lead bodies
//! and where the problem is ([`drill_rows`]), problems first; a button there opens the 分配表
//! on the same filters. The list is built when asked for and again only when the document
//! changes, and drawn a screenful at a time.
//!
//! Only the cells in view are laid out (a province has 8 fields × 100 districts), under a
//! district row and beside a field column and the 本市 column that stay put while the cells
//! scroll; the 合计 column and row stay at the right and bottom edges when the matrix is larger
//! than its area. The counts follow edits ([`MatrixCounts`]): an edit recounts the powers it
//! touched, not every power, and the totals are summed from the cells (fields × territories),
//! never from the powers.
//!
//! Coverage is checked on the territories (a district's streets, or the district). A district
//! with streets is one column that counts each power by the worst of its streets (a gap in any
//! street makes it a gap, else an overlap in any an overlap), so that its three numbers still
//! add up to the field's powers; its header (or one of its cells) opens it into its streets'
//! columns, each with the street's own counts, whose cells filter the table to the street. A
//! province's 1,350 streets stay out of the way until asked for.

use std::sync::Arc;

use egui::{Label, RichText, ScrollArea, Ui};

use crate::model::JurisdictionId;
#[allow(clippy::wildcard_imports)]
use crate::ui::cache::matrix::*;
use crate::ui::i18n::T;
use crate::ui::i18n::tables::Tt;
use crate::ui::panels::PanelCtx;
use crate::ui::theme;

mod drill;
mod grid;

#[allow(clippy::wildcard_imports)]
use drill::*;
pub use drill::{DrillRow, Scope, drill_rows};
#[allow(clippy::wildcard_imports)]
use grid::*;

/// The matrices of the document's revision (territories, districts with streets), their sums
/// and the columns (the cache follows the edits).
fn cached_cells(cx: &mut PanelCtx<'_>) -> (Arc<Matrix>, Arc<Matrix>, Arc<Totals>, Vec<Column>) {
    let counts = &cx.caches.matrix;
    let columns = counts.columns(&cx.state.matrix_open);
    (
        counts.matrix(),
        counts.district_matrix(),
        counts.totals(),
        columns,
    )
}

/// A cell that was clicked: which field, and where.
enum Hit {
    /// A territory's cell (a street, or a district without streets).
    Territory(String, JurisdictionId),
    /// A district with streets: opens its streets too.
    District(String, JurisdictionId),
    /// The 本市 column.
    City(String),
    /// A district's header: opens or closes its streets.
    Toggle(JurisdictionId),
}

/// Draws the matrix and, under it, the drill-down of the cell last clicked.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let (matrix, district_matrix, totals, columns) = cached_cells(cx);
    ui.horizontal(|ui| {
        ui.label(RichText::new(T::TabMatrix.get(lang)).strong());
        ui.label(RichText::new(T::LegendOnce.get(lang)).color(theme::OK));
        ui.label(RichText::new(T::LegendMany.get(lang)).color(theme::OVERLAP));
        ui.label(RichText::new(T::LegendNone.get(lang)).color(theme::GAP));
    });
    ui.add(Label::new(RichText::new(Tt::HeatLegend.get(lang)).small().weak()).wrap());
    ui.separator();
    if matrix.is_empty() || columns.is_empty() {
        ui.label(T::EmptyPlan.get(lang));
        return;
    }
    let drill: Option<Drill> = ui
        .data(|d| d.get_temp::<Drill>(drill_id()))
        .filter(|d| matrix.contains_key(&d.field));
    let room = ui.available_height();
    let matrix_h = if drill.is_some() {
        (room - (room * DRILL_SHARE).max(DRILL_MIN_H)).max(3.0 * row_height(ui))
    } else {
        room
    };
    let grid = Grid {
        fields: matrix.keys().collect(),
        columns: &columns,
        matrix: &matrix,
        district_matrix: &district_matrix,
        totals: &totals,
        drill: drill.as_ref(),
    };
    let hit = ScrollArea::both()
        .id_salt("matrix")
        .auto_shrink([false, true])
        .max_height(matrix_h)
        .show_viewport(ui, |ui, viewport| grid.show(ui, cx, viewport))
        .inner;
    match hit {
        Some(Hit::Territory(field, id)) => {
            cx.state.filters.field = Some(field.clone());
            cx.state.filters.district = Some(id.clone());
            open_drill(ui, field, Scope::Territory(id));
        }
        Some(Hit::District(field, id)) => {
            toggle_open(cx, &id);
            open_drill(ui, field, Scope::District(id));
        }
        Some(Hit::City(field)) => {
            cx.state.filters.field = Some(field.clone());
            cx.state.filters.district = None;
            open_drill(ui, field, Scope::City);
        }
        Some(Hit::Toggle(id)) => toggle_open(cx, &id),
        None => {}
    }
    let drill: Option<Drill> = ui.data(|d| d.get_temp::<Drill>(drill_id()));
    if let Some(drill) = drill.filter(|d| matrix.contains_key(&d.field)) {
        ui.separator();
        drill_panel(ui, cx, &drill);
    }
}

fn open_drill(ui: &Ui, field: String, scope: Scope) {
    ui.data_mut(|d| d.insert_temp(drill_id(), Drill { field, scope }));
}
