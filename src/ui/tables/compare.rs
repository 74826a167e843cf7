//! 方案对比: two views of the plan side by side — the baseline and a scenario, or two
//! scenarios — with the headline figures ("17 个单位下划甲区，64 项处罚权集中，调剂编制 20 名")
//! and the tables a reviewer reads: bodies moved, created and abolished, staffing changes,
//! powers whose lead changed (before → after, with the mode), and coverage per district.
//!
//! The side that is the document's current view is read from the document itself: its state
//! and its coverage, which edits keep up to date. Other views are replayed from the plan once
//! and kept while only a scenario is edited (nothing else depends on it); an edit of the
//! baseline changes every scenario, so their replays are made again. The powers whose leads
//! differ between the two views follow the edits: only the touched powers are compared again.
//! The comparison is computed once per (document revision, pair, language) and cached in
//! [`crate::ui::cache::CompareCache`]; the tab itself only draws.

use egui::{RichText, ScrollArea, Ui};

use crate::analysis::diff::Diff;
use crate::model::{BodyId, JurisdictionId, PowerId, State};
use crate::session::View;
use crate::text::{Label, Lang};
use crate::ui::cache::comparison::pair;
use crate::ui::i18n::{self, T};
use crate::ui::panels::PanelCtx;
use crate::ui::panels::top_bar::view_name;
use crate::ui::theme;

/// Rows of the powers table drawn at most: a province-wide scenario can move thousands of
/// powers in a hundred districts; the full list is in the XLSX export and `shiquan diff`.
const MAX_POWER_ROWS: usize = 2_000;

fn view_picker(ui: &mut Ui, cx: &PanelCtx<'_>, salt: &str, label: egui::Id, view: &mut View) {
    let views = cx.doc.views();
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
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
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
    let Some(result) = &cx.caches.comparison.result else {
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
            let (from, to) = c.states(cx.doc);
            let names = Names { from, to };
            ui.columns(2, |cols| {
                bodies_table(&mut cols[0], d, names, lang);
                coverage_table(&mut cols[1], d, names, lang);
                staffing_table(&mut cols[1], d, names, lang);
            });
            powers_table(ui, d, names, lang);
        });
}

/// Names of bodies, places and powers, as the compared views have them (the second first).
#[derive(Clone, Copy)]
struct Names<'a> {
    from: &'a State,
    to: &'a State,
}

impl Names<'_> {
    fn body(&self, id: &BodyId) -> String {
        self.to
            .body(id)
            .or_else(|| self.from.body(id))
            .map_or_else(|| id.to_string(), |b| b.name.clone())
    }

    fn place(&self, id: &JurisdictionId) -> String {
        self.to
            .jurisdiction(id)
            .or_else(|| self.from.jurisdiction(id))
            .map_or_else(|| id.to_string(), |j| j.name.clone())
    }

    fn power(&self, id: &PowerId) -> String {
        self.to
            .power(id)
            .or_else(|| self.from.power(id))
            .map_or_else(|| id.to_string(), |p| format!("{} {}", p.code, p.name))
    }
}

fn section(ui: &mut Ui, title: T, n: usize, lang: Lang) {
    ui.add_space(6.0);
    ui.label(RichText::new(format!("{}（{n}）", title.get(lang))).strong());
}

fn bodies_table(ui: &mut Ui, d: &Diff, names: Names<'_>, lang: Lang) {
    let n = d.bodies_moved.len() + d.bodies_created.len() + d.bodies_abolished.len();
    section(ui, T::CompareBodiesMoved, n, lang);
    egui::Grid::new("compare-bodies")
        .striped(true)
        .num_columns(2)
        .show(ui, |ui| {
            for m in &d.bodies_moved {
                ui.label(names.body(&m.body));
                ui.label(format!("{} → {}", names.place(&m.from), names.place(&m.to)));
                ui.end_row();
            }
            for b in &d.bodies_created {
                ui.label(names.body(b));
                ui.label(RichText::new(T::Created.get(lang)).color(theme::CHANGED));
                ui.end_row();
            }
            for b in &d.bodies_abolished {
                ui.label(names.body(b));
                ui.label(RichText::new(T::Abolished.get(lang)).color(theme::OVERLAP));
                ui.end_row();
            }
        });
}

fn staffing_table(ui: &mut Ui, d: &Diff, names: Names<'_>, lang: Lang) {
    section(ui, T::CompareStaffing, d.staffing.len(), lang);
    egui::Grid::new("compare-staffing")
        .striped(true)
        .num_columns(2)
        .show(ui, |ui| {
            for s in &d.staffing {
                ui.label(names.body(&s.body));
                let delta = i64::from(s.after) - i64::from(s.before);
                ui.label(i18n::staffing_delta(
                    lang,
                    (s.before, s.after),
                    (s.headcount_before, s.headcount_after),
                    delta,
                ));
                ui.end_row();
            }
        });
}

fn coverage_table(ui: &mut Ui, d: &Diff, names: Names<'_>, lang: Lang) {
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
                ui.label(names.place(&row.district));
                ui.label(format!("{} → {}", row.overlaps_before, row.overlaps_after));
                ui.label(format!("{} → {}", row.gaps_before, row.gaps_after));
                ui.end_row();
            }
        });
}

fn powers_table(ui: &mut Ui, d: &Diff, names: Names<'_>, lang: Lang) {
    section(ui, T::ComparePowersMoved, d.powers_moved.len(), lang);
    let bodies = |ids: &[BodyId]| {
        if ids.is_empty() {
            T::Nobody.get(lang).to_owned()
        } else {
            ids.iter()
                .map(|b| names.body(b))
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
                let modes: Vec<&str> = m.modes.iter().map(|mode| mode.label(lang)).collect();
                for (district, before, after) in &m.districts {
                    ui.label(names.power(&m.power));
                    ui.label(names.place(district));
                    ui.label(format!("{} → {}", bodies(before), bodies(after)));
                    ui.label(modes.join("、"));
                    ui.end_row();
                }
            }
        });
}
