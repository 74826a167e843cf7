//! 统计: charts of bodies and staffing per jurisdiction before and after, lead powers per body
//! (the twenty largest), and findings by kind.
//!
//! The charts are horizontal bars, each named on its own line: the jurisdiction, the body or
//! the kind of finding on the left (cut with an ellipsis, whole on hover), the bar, and its
//! figure on the right. Issue 17: the bars of the body chart had no names at all (a plot's axis
//! has room for a few numbers, not for twenty Chinese names), and the jurisdictions' names under
//! a plot's axis overlapped or went missing as soon as there were more than a handful. Names
//! as labels are also what a screen reader and the window tests can find. A province's hundred
//! jurisdictions scroll, a screenful laid out at a time.

use egui::{Align, Label, Layout, Rect, RichText, ScrollArea, Sense, Ui, UiBuilder, pos2, vec2};

use crate::analysis::summary::{Counts, JurisdictionCounts};
use crate::text::place_name;
use crate::ui::i18n::T;
use crate::ui::i18n::tables::{self, Tt};
use crate::ui::panels::PanelCtx;
use crate::ui::theme;

/// One figure of a jurisdiction's counts, as a bar's length.
type Metric = fn(&JurisdictionCounts) -> f64;

/// How many bodies the chart of lead powers shows.
const TOP_BODIES: usize = 20;

/// The share of a chart's width its names take.
const NAME_SHARE: f32 = 0.4;

/// The width of the figures right of the bars: at least this, and their longest's.
const FIGURE_MIN_W: f32 = 40.0;

/// One bar of a chart: its name, its lengths (one, or before and after) and colours.
struct Bar {
    name: String,
    values: Vec<(f64, egui::Color32)>,
    figure: String,
}

/// Draws the charts, two by two.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let (Some(before), Some(after)) = (cx.derived.baseline_counts(), cx.derived.counts.as_ref())
    else {
        return;
    };
    let height = ((ui.available_height() - 40.0) / 2.0 - 30.0).max(120.0);
    let width = (ui.available_width() / 2.0 - 8.0).max(220.0);
    let metrics: [(T, &str, Metric); 2] = [
        (T::ChartBodies, "chart-bodies", |x| x.bodies as f64),
        (T::ChartStaffing, "chart-staffing", |x| x.staffing as f64),
    ];
    ui.horizontal_top(|ui| {
        for (title, id, metric) in metrics {
            let bars = pair_bars(cx, before, after, metric);
            ui.vertical(|ui| {
                ui.set_width(width);
                ui.label(RichText::new(title.get(lang)).strong());
                legend(ui, cx);
                chart(ui, id, &bars, (width, height));
            });
        }
    });
    ui.add_space(8.0);
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(width);
            ui.label(RichText::new(T::ChartPowersPerBody.get(lang)).strong());
            let bars = powers_per_body(cx);
            if bars.is_empty() {
                ui.label(Tt::ChartNoBodies.get(lang));
            }
            chart(ui, "chart-powers-per-body", &bars, (width, height));
        });
        ui.vertical(|ui| {
            ui.set_width(width);
            ui.label(RichText::new(T::ChartFindings.get(lang)).strong());
            let c = cx.derived.finding_counts;
            let bars = [
                (T::Overlaps, c.overlaps, theme::OVERLAP),
                (T::Gaps, c.gaps, theme::GAP),
                (T::Rules, c.rules, theme::RULE),
            ]
            .map(|(label, n, color)| Bar {
                name: label.get(lang).to_owned(),
                values: vec![(n as f64, color)],
                figure: n.to_string(),
            });
            chart(ui, "chart-findings", &bars, (width, height));
        });
    });
}

/// The two series' names in their colours.
fn legend(ui: &mut Ui, cx: &PanelCtx<'_>) {
    let lang = cx.state.lang;
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("■ {}", T::Before.get(lang))).color(theme::BEFORE));
        ui.label(RichText::new(format!("■ {}", T::After.get(lang))).color(theme::AFTER));
    });
}

/// A jurisdiction's figure before and after, each jurisdiction in lane order (the city, then
/// each district followed by its streets).
fn pair_bars(cx: &PanelCtx<'_>, before: &Counts, after: &Counts, metric: Metric) -> Vec<Bar> {
    let value = |c: &Counts, j| c.by_jurisdiction.get(j).map_or(0.0, metric);
    cx.derived
        .lane_order
        .iter()
        .map(|j| {
            let (was, now) = (value(before, j), value(after, j));
            Bar {
                // A street with its district (甲区东城街道), as the 分配表 names it.
                name: place_name(cx.doc.state(), j, cx.state.lang),
                values: vec![(was, theme::BEFORE), (now, theme::AFTER)],
                figure: tables::before_after(was, now),
            }
        })
        .collect()
}

/// The bodies that lead the most powers, most first (then by name).
fn powers_per_body(cx: &PanelCtx<'_>) -> Vec<Bar> {
    let state = cx.doc.state();
    let mut counts: Vec<(&str, usize)> = state
        .bodies()
        .values()
        .map(|b| (b.name.as_str(), state.lead_count(&b.id)))
        .collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    counts.truncate(TOP_BODIES);
    counts
        .into_iter()
        .map(|(name, n)| Bar {
            name: name.to_owned(),
            values: vec![(n as f64, theme::AFTER)],
            figure: n.to_string(),
        })
        .collect()
}

/// A chart of horizontal bars in `size`: per bar its name, its lengths (scaled to the largest
/// value of the chart) and its figure; scrolls when the bars do not fit.
fn chart(ui: &mut Ui, id: &str, bars: &[Bar], size: (f32, f32)) {
    let (width, height) = size;
    // The longest figure by characters, measured once (not every bar's each frame).
    let longest = bars
        .iter()
        .map(|b| b.figure.as_str())
        .max_by_key(|f| f.chars().count())
        .unwrap_or_default();
    let figure_w = ui
        .painter()
        .layout_no_wrap(
            longest.to_owned(),
            egui::TextStyle::Body.resolve(ui.style()),
            egui::Color32::PLACEHOLDER,
        )
        .size()
        .x
        .max(FIGURE_MIN_W)
        + 8.0;
    let name_w = (width * NAME_SHARE).max(80.0);
    let bar_w = (width - name_w - figure_w - 12.0).max(40.0);
    let text_h = ui.text_style_height(&egui::TextStyle::Body);
    let row_h = text_h + 8.0;
    let largest = bars
        .iter()
        .flat_map(|b| b.values.iter().map(|v| v.0))
        .fold(0.0_f64, f64::max)
        .max(1.0);
    ScrollArea::vertical()
        .id_salt(id)
        .max_height(height)
        .auto_shrink([false, true])
        .show_rows(ui, row_h, bars.len(), |ui, range| {
            for bar in &bars[range] {
                let (rect, _) = ui.allocate_exact_size(vec2(width - 12.0, row_h), Sense::hover());
                let name = Rect::from_min_size(rect.min, vec2(name_w - 6.0, row_h));
                ui.scope_builder(
                    UiBuilder::new()
                        .max_rect(name)
                        .layout(Layout::right_to_left(Align::Center)),
                    |ui| ui.add(Label::new(bar.name.as_str()).truncate()),
                );
                let area = Rect::from_min_size(
                    pos2(rect.left() + name_w, rect.top() + 3.0),
                    vec2(bar_w, row_h - 6.0),
                );
                ui.painter().vline(
                    area.left(),
                    area.y_range(),
                    ui.visuals().widgets.noninteractive.bg_stroke,
                );
                let thickness = area.height() / bar.values.len() as f32;
                for (i, (value, color)) in bar.values.iter().enumerate() {
                    let length = (value / largest) as f32 * bar_w;
                    let top = area.top() + i as f32 * thickness;
                    let r = Rect::from_min_size(
                        pos2(area.left(), top + 0.5),
                        vec2(length, thickness - 1.0),
                    );
                    ui.painter().rect_filled(r, 1.0, *color);
                }
                let figure = Rect::from_min_size(
                    pos2(area.right() + 6.0, rect.top()),
                    vec2(figure_w, row_h),
                );
                ui.scope_builder(
                    UiBuilder::new()
                        .max_rect(figure)
                        .layout(Layout::left_to_right(Align::Center)),
                    |ui| ui.add(Label::new(RichText::new(&bar.figure).weak()).truncate()),
                );
            }
        });
}
