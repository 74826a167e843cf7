//! 统计: charts (`egui_plot`) of bodies and staffing per jurisdiction before and after, lead
//! powers per body (the twenty largest), and findings by kind.

use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Legend, Plot};

use crate::analysis::summary::{Counts, JurisdictionCounts};
use crate::ui::canvas::layout::lane_order;
use crate::ui::i18n::T;
use crate::ui::panels::PanelCtx;
use crate::ui::theme;

/// One figure of a jurisdiction's counts, as a chart bar's height.
type Metric = fn(&JurisdictionCounts) -> f64;

/// Draws the charts.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let (Some(before), Some(after)) = (cx.derived.baseline_counts(), cx.derived.counts.as_ref())
    else {
        return;
    };
    let order = lane_order(cx.doc.state());
    let names: Vec<String> = order.iter().map(|j| cx.jurisdiction_name(j)).collect();
    let height = ((ui.available_height() - 80.0) / 2.0).max(120.0);
    let width = (ui.available_width() / 2.0 - 8.0).max(200.0);
    // Bodies and staffing per jurisdiction, before and after: one chart per metric.
    let metrics: [(T, &str, Metric); 2] = [
        (T::ChartBodies, "chart-bodies", |x| x.bodies as f64),
        (T::ChartStaffing, "chart-staffing", |x| x.staffing as f64),
    ];
    ui.horizontal(|ui| {
        for (title, id, metric) in metrics {
            ui.vertical(|ui| {
                ui.label(RichText::new(title.get(lang)).strong());
                pair_chart(
                    ui,
                    id,
                    &names,
                    (width, height),
                    lang,
                    |c: &Counts, i| {
                        order
                            .get(i)
                            .and_then(|j| c.by_jurisdiction.get(j))
                            .map_or(0.0, metric)
                    },
                    before,
                    after,
                );
            });
        }
    });
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.label(RichText::new(T::ChartPowersPerBody.get(lang)).strong());
            powers_per_body(ui, cx, (width, height));
        });
        ui.vertical(|ui| {
            ui.label(RichText::new(T::ChartFindings.get(lang)).strong());
            let c = cx.derived.finding_counts;
            let labels = [T::Overlaps.get(lang), T::Gaps.get(lang), T::Rules.get(lang)];
            let bars = vec![
                Bar::new(0.0, c.overlaps as f64)
                    .fill(theme::OVERLAP)
                    .name(labels[0]),
                Bar::new(1.0, c.gaps as f64)
                    .fill(theme::GAP)
                    .name(labels[1]),
                Bar::new(2.0, c.rules as f64)
                    .fill(theme::RULE)
                    .name(labels[2]),
            ];
            Plot::new("chart-findings")
                .width(width)
                .height(height)
                .allow_zoom(false)
                .allow_drag(false)
                .allow_scroll(false)
                .x_axis_formatter(move |mark, _| label_at(&labels.map(str::to_owned), mark.value))
                .show(ui, |plot| {
                    plot.bar_chart(BarChart::new(T::ChartFindings.get(lang), bars));
                });
        });
    });
}

fn label_at(labels: &[String], x: f64) -> String {
    let i = x.round();
    if (x - i).abs() > 1e-6 || i < 0.0 {
        return String::new();
    }
    labels.get(i as usize).cloned().unwrap_or_default()
}

#[allow(clippy::too_many_arguments)]
fn pair_chart(
    ui: &mut Ui,
    id: &str,
    names: &[String],
    size: (f32, f32),
    lang: crate::lang::Lang,
    value: impl Fn(&Counts, usize) -> f64,
    before: &Counts,
    after: &Counts,
) {
    let before_bars: Vec<Bar> = (0..names.len())
        .map(|i| {
            Bar::new(i as f64 - 0.18, value(before, i))
                .width(0.34)
                .fill(theme::BEFORE)
        })
        .collect();
    let after_bars: Vec<Bar> = (0..names.len())
        .map(|i| {
            Bar::new(i as f64 + 0.18, value(after, i))
                .width(0.34)
                .fill(theme::AFTER)
        })
        .collect();
    let labels = names.to_vec();
    Plot::new(id)
        .width(size.0)
        .height(size.1)
        .legend(Legend::default())
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .x_axis_formatter(move |mark, _| label_at(&labels, mark.value))
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new(T::Before.get(lang), before_bars).color(theme::BEFORE));
            plot.bar_chart(BarChart::new(T::After.get(lang), after_bars).color(theme::AFTER));
        });
}

fn powers_per_body(ui: &mut Ui, cx: &PanelCtx<'_>, size: (f32, f32)) {
    let state = cx.doc.state();
    let mut counts: Vec<(String, usize)> = state
        .bodies()
        .values()
        .map(|b| (b.name.clone(), state.lead_count(&b.id)))
        .collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts.truncate(20);
    let bars: Vec<Bar> = counts
        .iter()
        .enumerate()
        .map(|(i, (name, n))| Bar::new(i as f64, *n as f64).name(name).fill(theme::AFTER))
        .collect();
    Plot::new("chart-powers-per-body")
        .width(size.0)
        .height(size.1)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .show_x(false)
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new(
                T::ChartPowersPerBody.get(cx.state.lang),
                bars,
            ));
        });
}
