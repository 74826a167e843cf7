//! 覆盖矩阵: fields × districts. Each cell shows how many powers of the field are led once
//! (green), twice or more (orange) and by nobody (red) in the district; clicking a cell sets the
//! field and district filters, which the table and the graph follow, and opens the table.

use std::collections::BTreeMap;
use std::sync::Arc;

use egui::{Grid, RichText, ScrollArea, Ui};

use crate::model::JurisdictionId;
use crate::ui::command::Command;
use crate::ui::i18n::{self, T};
use crate::ui::panels::PanelCtx;
use crate::ui::state::Tab;
use crate::ui::theme;

/// Counts of one cell.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// Led by exactly one body.
    pub once: usize,
    /// Led by two or more.
    pub many: usize,
    /// Led by nobody.
    pub none: usize,
}

/// The matrix: field → district → cell, fields sorted.
pub type Matrix = BTreeMap<String, BTreeMap<JurisdictionId, Cell>>;

/// The matrix, built once per document revision: one pass over every power's coverage (each
/// power's leads are stored per district, in the coverage's district order).
pub fn cells(doc: &crate::plan::Document) -> Matrix {
    let state = doc.state();
    let coverage = &doc.analysis().coverage;
    let districts = coverage.districts();
    let mut rows: BTreeMap<&str, Vec<Cell>> = BTreeMap::new();
    for p in state.powers().values() {
        let row = rows
            .entry(p.field.as_str())
            .or_insert_with(|| vec![Cell::default(); districts.len()]);
        let leads = coverage.power(&p.code).map(|c| c.leads.as_slice());
        for (i, cell) in row.iter_mut().enumerate() {
            match leads.and_then(|l| l.get(i)).map_or(0, Vec::len) {
                0 => cell.none += 1,
                1 => cell.once += 1,
                _ => cell.many += 1,
            }
        }
    }
    rows.into_iter()
        .map(|(field, row)| {
            (
                field.to_owned(),
                districts.iter().cloned().zip(row).collect(),
            )
        })
        .collect()
}

/// The matrix of the document's revision, rebuilt only when the revision changed.
fn cached_cells(cx: &mut PanelCtx<'_>) -> Arc<Matrix> {
    let revision = cx.doc.revision();
    if let Some((r, m)) = &cx.state.matrix
        && *r == revision
    {
        return m.clone();
    }
    let m = Arc::new(cells(cx.doc));
    cx.state.matrix = Some((revision, m.clone()));
    m
}

/// Draws the matrix.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let matrix = cached_cells(cx);
    let districts: Vec<JurisdictionId> = cx.doc.analysis().coverage.districts().to_vec();
    ui.horizontal(|ui| {
        ui.label(RichText::new(T::TabMatrix.get(lang)).strong());
        ui.label(RichText::new(T::LegendOnce.get(lang)).color(theme::OK));
        ui.label(RichText::new(T::LegendMany.get(lang)).color(theme::OVERLAP));
        ui.label(RichText::new(T::LegendNone.get(lang)).color(theme::GAP));
    });
    ui.separator();
    if matrix.is_empty() || districts.is_empty() {
        ui.label(T::EmptyPlan.get(lang));
        return;
    }
    ScrollArea::both()
        .id_salt("matrix")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            Grid::new("matrix-grid")
                .striped(true)
                .min_col_width(110.0)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    ui.label(RichText::new(T::Field.get(lang)).strong());
                    for d in &districts {
                        ui.label(RichText::new(cx.jurisdiction_name(d)).strong());
                    }
                    ui.end_row();
                    for (field, row) in matrix.iter() {
                        ui.label(field);
                        for d in &districts {
                            let cell = row.get(d).copied().unwrap_or_default();
                            let mut job = egui::text::LayoutJob::default();
                            for (n, color, sep) in [
                                (cell.once, theme::OK, " / "),
                                (cell.many, theme::OVERLAP, " / "),
                                (cell.none, theme::GAP, ""),
                            ] {
                                let format = egui::TextFormat {
                                    color,
                                    font_id: egui::FontId::proportional(15.0),
                                    ..Default::default()
                                };
                                job.append(&n.to_string(), 0.0, format.clone());
                                job.append(
                                    sep,
                                    0.0,
                                    egui::TextFormat {
                                        color: theme::TEXT_WEAK,
                                        ..format
                                    },
                                );
                            }
                            let selected = cx.state.filters.field.as_ref() == Some(field)
                                && cx.state.filters.district.as_ref() == Some(d);
                            let r = ui.selectable_label(selected, job).on_hover_text(
                                i18n::matrix_cell_tip(lang, field, &cx.jurisdiction_name(d)),
                            );
                            if r.clicked() {
                                cx.state.filters.field = Some(field.clone());
                                cx.state.filters.district = Some(d.clone());
                                cx.out.push(Command::ShowTab(Tab::Allocation));
                            }
                        }
                        ui.end_row();
                    }
                });
        });
}
