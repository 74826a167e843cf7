//! 方案对比: two views of the plan side by side — the baseline and a scenario, or two
//! scenarios — with the headline figures ("17 个单位下划甲区，64 项处罚权集中，调剂编制 20 名")
//! and the tables a reviewer reads: bodies moved, created and abolished, staffing changes,
//! powers whose lead changed (before → after, with the mode), and coverage per district.
//!
//! The comparison replays both views from the plan, so it is computed once per (document
//! revision, pair, language) and cached in [`CompareCache`]; the tab itself only draws.

use egui::{RichText, ScrollArea, Ui};

use crate::analysis::diff::{Diff, diff};
use crate::lang::Lang;
use crate::model::{BodyId, JurisdictionId, PowerId, State};
use crate::plan::{Document, View};
use crate::ui::i18n::T;
use crate::ui::panels::PanelCtx;
use crate::ui::panels::top_bar::view_name;
use crate::ui::theme;

/// Rows of the powers table drawn at most: a province-wide scenario can move thousands of
/// powers in a hundred districts; the full list is in the XLSX export and `shiquan diff`.
const MAX_POWER_ROWS: usize = 2_000;

/// A comparison of two views.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// The differences.
    pub diff: Diff,
    /// The headline figures.
    pub headline: String,
    from: State,
    to: State,
}

/// The cached comparison of the pair the tab shows.
#[derive(Clone, Debug, Default)]
pub struct CompareCache {
    key: Option<(u64, View, View, Lang)>,
    /// The comparison, or why it cannot be made.
    pub result: Option<Result<Comparison, String>>,
}

/// The pair the tab compares: the user's choice, or the baseline against the current view.
pub fn pair(doc: &Document, chosen: Option<&(View, View)>) -> (View, View) {
    chosen
        .cloned()
        .unwrap_or_else(|| (View::Baseline, doc.view().clone()))
}

fn id_of(view: &View) -> String {
    match view {
        View::Baseline => crate::cli::BASELINE_ID.to_owned(),
        View::Scenario(id) => id.to_string(),
    }
}

impl CompareCache {
    /// Brings the comparison up to date with the document (only when the pair, the document or
    /// the language changed).
    pub fn refresh(&mut self, doc: &mut Document, pair: &(View, View), lang: Lang) {
        let key = (doc.revision(), pair.0.clone(), pair.1.clone(), lang);
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let plan = doc.plan();
        let compute = || -> Result<Comparison, String> {
            let (from, from_ops) = plan
                .state_and_operations(pair.0.scenario())
                .map_err(|e| e.to_string())?;
            let (to, to_ops) = plan
                .state_and_operations(pair.1.scenario())
                .map_err(|e| e.to_string())?;
            let d = diff(
                (&id_of(&pair.0), &from, &from_ops),
                (&id_of(&pair.1), &to, &to_ops),
                &plan.rules,
            );
            let headline = d.headline(&from, &to, lang);
            Ok(Comparison {
                diff: d,
                headline,
                from,
                to,
            })
        };
        self.result = Some(compute());
        self.key = Some(key);
    }
}

fn view_picker(ui: &mut Ui, cx: &PanelCtx<'_>, salt: &str, label: egui::Id, view: &mut View) {
    let views: Vec<View> = std::iter::once(View::Baseline)
        .chain(
            cx.doc
                .plan_unsynced()
                .scenarios
                .iter()
                .map(|s| View::Scenario(s.id.clone())),
        )
        .collect();
    egui::ComboBox::from_id_salt(salt)
        .selected_text(view_name(cx, view))
        .width(220.0)
        .show_ui(ui, |ui| {
            for v in views {
                let name = view_name(cx, &v);
                ui.selectable_value(view, v, name);
            }
        })
        .response
        .labelled_by(label);
}

/// Draws the tab.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>, cache: &CompareCache) {
    let lang = cx.state.lang;
    let (mut from, mut to) = pair(cx.doc, cx.state.compare_pair.as_ref());
    ui.horizontal(|ui| {
        let label = ui.label(cx.t(T::CompareFrom));
        view_picker(ui, cx, "compare-from", label.id, &mut from);
        let label = ui.label(cx.t(T::CompareWith));
        view_picker(ui, cx, "compare-to", label.id, &mut to);
    });
    if (from.clone(), to.clone()) != pair(cx.doc, cx.state.compare_pair.as_ref()) {
        cx.state.compare_pair = Some((from, to));
    }
    ui.separator();
    let Some(result) = &cache.result else {
        ui.spinner();
        return;
    };
    let c = match result {
        Ok(c) => c,
        Err(e) => {
            ui.label(RichText::new(e).color(theme::ERROR_TEXT));
            return;
        }
    };
    ui.label(RichText::new(&c.headline).heading().color(theme::SELECTED));
    let d = &c.diff;
    if d.bodies_moved.is_empty()
        && d.bodies_created.is_empty()
        && d.bodies_abolished.is_empty()
        && d.powers_moved.is_empty()
        && d.staffing.is_empty()
    {
        ui.label(cx.t(T::CompareSame));
    }
    ScrollArea::vertical()
        .id_salt("compare")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.columns(2, |cols| {
                bodies_table(&mut cols[0], c, lang);
                coverage_table(&mut cols[1], c, lang);
                staffing_table(&mut cols[1], c, lang);
            });
            powers_table(ui, c, lang);
        });
}

fn body_name(c: &Comparison, id: &BodyId) -> String {
    c.to.body(id)
        .or_else(|| c.from.body(id))
        .map_or_else(|| id.to_string(), |b| b.name.clone())
}

fn place_name(c: &Comparison, id: &JurisdictionId) -> String {
    c.to.jurisdiction(id)
        .or_else(|| c.from.jurisdiction(id))
        .map_or_else(|| id.to_string(), |j| j.name.clone())
}

fn power_name(c: &Comparison, id: &PowerId) -> String {
    c.to.power(id)
        .or_else(|| c.from.power(id))
        .map_or_else(|| id.to_string(), |p| format!("{} {}", p.code, p.name))
}

fn section(ui: &mut Ui, title: T, n: usize, lang: Lang) {
    ui.add_space(6.0);
    ui.label(RichText::new(format!("{}（{n}）", title.get(lang))).strong());
}

fn bodies_table(ui: &mut Ui, c: &Comparison, lang: Lang) {
    let d = &c.diff;
    let n = d.bodies_moved.len() + d.bodies_created.len() + d.bodies_abolished.len();
    section(ui, T::CompareBodiesMoved, n, lang);
    egui::Grid::new("compare-bodies")
        .striped(true)
        .num_columns(2)
        .show(ui, |ui| {
            for m in &d.bodies_moved {
                ui.label(body_name(c, &m.body));
                ui.label(format!(
                    "{} → {}",
                    place_name(c, &m.from),
                    place_name(c, &m.to)
                ));
                ui.end_row();
            }
            for b in &d.bodies_created {
                ui.label(body_name(c, b));
                ui.label(RichText::new(T::Created.get(lang)).color(theme::CHANGED));
                ui.end_row();
            }
            for b in &d.bodies_abolished {
                ui.label(body_name(c, b));
                ui.label(RichText::new(T::Abolished.get(lang)).color(theme::OVERLAP));
                ui.end_row();
            }
        });
}

fn staffing_table(ui: &mut Ui, c: &Comparison, lang: Lang) {
    let d = &c.diff;
    section(ui, T::CompareStaffing, d.staffing.len(), lang);
    egui::Grid::new("compare-staffing")
        .striped(true)
        .num_columns(2)
        .show(ui, |ui| {
            for s in &d.staffing {
                ui.label(body_name(c, &s.body));
                let delta = i64::from(s.after) - i64::from(s.before);
                ui.label(format!("{} → {}（{delta:+}）", s.before, s.after));
                ui.end_row();
            }
        });
}

fn coverage_table(ui: &mut Ui, c: &Comparison, lang: Lang) {
    let d = &c.diff;
    section(ui, T::CompareCoverage, d.coverage.len(), lang);
    egui::Grid::new("compare-coverage")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            ui.label("");
            ui.label(RichText::new(T::Overlaps.get(lang)).color(theme::OVERLAP));
            ui.label(RichText::new(T::Gaps.get(lang)).color(theme::GAP));
            ui.end_row();
            for row in &d.coverage {
                ui.label(place_name(c, &row.district));
                ui.label(format!("{} → {}", row.overlaps_before, row.overlaps_after));
                ui.label(format!("{} → {}", row.gaps_before, row.gaps_after));
                ui.end_row();
            }
        });
}

fn powers_table(ui: &mut Ui, c: &Comparison, lang: Lang) {
    let d = &c.diff;
    section(ui, T::ComparePowersMoved, d.powers_moved.len(), lang);
    let names = |ids: &[BodyId]| {
        if ids.is_empty() {
            T::Nobody.get(lang).to_owned()
        } else {
            ids.iter()
                .map(|b| body_name(c, b))
                .collect::<Vec<_>>()
                .join("、")
        }
    };
    let rows: usize = d.powers_moved.iter().map(|m| m.districts.len()).sum();
    if rows > MAX_POWER_ROWS {
        ui.label(
            RichText::new(crate::ui::i18n::rows_shown(lang, MAX_POWER_ROWS, rows))
                .color(theme::TEXT_WEAK),
        );
    }
    let mut shown = 0;
    egui::Grid::new("compare-powers")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for m in &d.powers_moved {
                if shown >= MAX_POWER_ROWS {
                    break;
                }
                shown += m.districts.len();
                let modes: Vec<&str> = m
                    .modes
                    .iter()
                    .map(|mode| lang.pick(mode.label_zh(), mode.label_en()))
                    .collect();
                for (district, before, after) in &m.districts {
                    ui.label(power_name(c, &m.power));
                    ui.label(place_name(c, district));
                    ui.label(format!("{} → {}", names(before), names(after)));
                    ui.label(modes.join("、"));
                    ui.end_row();
                }
            }
        });
}
