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
//! [`CompareCache`]; the tab itself only draws.

use std::collections::BTreeSet;
use std::sync::Arc;

use egui::{RichText, ScrollArea, Ui};

use crate::analysis::Coverage;
use crate::analysis::diff::{Diff, DistrictFindings, Side, diff_sides};
use crate::analysis::summary::{LeadChanges, moved_powers};
use crate::text::{DiffText, Label, Lang};
use crate::model::{BodyId, JurisdictionId, PowerId, State, Touched};
use crate::plan::Operation;
use crate::session::{Document, View};
use crate::ui::derived::Derived;
use crate::ui::i18n::{self, T};
use crate::ui::panels::PanelCtx;
use crate::ui::panels::top_bar::view_name;
use crate::ui::theme;

/// Rows of the powers table drawn at most: a province-wide scenario can move thousands of
/// powers in a hundred districts; the full list is in the XLSX export and `shiquan diff`.
const MAX_POWER_ROWS: usize = 2_000;

/// A view other than the current one, replayed from the plan.
#[derive(Debug)]
struct Replay {
    state: State,
    coverage: Coverage,
    found: DistrictFindings,
    operations: Vec<Operation>,
}

/// One side of a comparison: the document's current view, or a replayed one.
#[derive(Clone, Debug)]
enum ComparedState {
    Current,
    Replayed(Arc<Replay>),
}

impl ComparedState {
    /// The side for the diff; `current_ops` are the operations of the current view, whose
    /// findings per district are the window's derived counts.
    fn side<'a>(
        &'a self,
        (doc, derived): (&'a Document, &'a Derived),
        id: &'a str,
        current_ops: &'a [Operation],
    ) -> Side<'a> {
        match self {
            ComparedState::Current => Side {
                id,
                state: doc.state(),
                coverage: &doc.analysis().coverage,
                operations: current_ops,
                overlaps_by_district: &derived.overlaps_by_district,
                gaps_by_district: &derived.gaps_by_district,
            },
            ComparedState::Replayed(replay) => Side {
                id,
                state: &replay.state,
                coverage: &replay.coverage,
                operations: &replay.operations,
                overlaps_by_district: &replay.found.overlaps,
                gaps_by_district: &replay.found.gaps,
            },
        }
    }

    fn state<'a>(&'a self, doc: &'a Document) -> &'a State {
        match self {
            ComparedState::Current => doc.state(),
            ComparedState::Replayed(replay) => &replay.state,
        }
    }
}

/// A comparison of two views.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// The differences.
    pub diff: Diff,
    /// The headline figures.
    pub headline: String,
    from: ComparedState,
    to: ComparedState,
}

/// The cached comparison of the pair the tab shows.
#[derive(Clone, Debug, Default)]
pub struct CompareCache {
    key: Option<(u64, View, View, Lang)>,
    /// The views of the pair other than the current one, replayed.
    replays: Vec<(View, Arc<Replay>)>,
    /// The comparison, or why it cannot be made.
    pub result: Option<Result<Comparison, String>>,
    /// The powers whose leads differ between the pair's views, as of `key`.
    moved: BTreeSet<PowerId>,
}

/// The pair the tab compares: the user's choice, or the baseline against the current view.
pub fn pair(doc: &Document, chosen: Option<&(View, View)>) -> (View, View) {
    chosen
        .cloned()
        .unwrap_or_else(|| (View::Baseline, doc.view().clone()))
}

fn id_of(view: &View) -> String {
    match view {
        View::Baseline => crate::plan::BASELINE_ID.to_owned(),
        View::Scenario(id) => id.to_string(),
    }
}

impl CompareCache {
    /// Brings the comparison up to date with the document (only when the pair, the document or
    /// the language changed).
    pub fn refresh(
        &mut self,
        doc: &mut Document,
        derived: &Derived,
        pair: &(View, View),
        lang: Lang,
    ) {
        let key = (doc.revision(), pair.0.clone(), pair.1.clone(), lang);
        if self.key.as_ref() == Some(&key) {
            return;
        }
        // Replays stay right while a scenario alone is edited; after anything else (an edit of
        // the baseline, another view, other rules) they are made again.
        let replays_kept = doc.view().scenario().is_some()
            && self
                .key
                .as_ref()
                .is_some_and(|(revision, ..)| doc.changes_since(*revision).is_some());
        if !replays_kept {
            self.replays.clear();
        }
        self.replays.retain(|(v, _)| v == &pair.0 || v == &pair.1);
        // The moved powers follow edits of records when the pair is the one last compared.
        let touched = match &self.key {
            Some((revision, from, to, _))
                if (from, to) == (&pair.0, &pair.1) && matches!(self.result, Some(Ok(_))) =>
            {
                match doc.touched_since(*revision) {
                    Some(Touched::Records(records)) => Some(records.powers),
                    _ => None,
                }
            }
            _ => None,
        };
        let followed =
            touched.filter(|_| replays_kept || pair.0 == pair.1 && &pair.0 == doc.view());
        self.result = Some(self.compare(doc, derived, pair, lang, followed));
        self.key = Some(key);
    }

    fn compare(
        &mut self,
        doc: &mut Document,
        derived: &Derived,
        pair: &(View, View),
        lang: Lang,
        touched_powers: Option<BTreeSet<PowerId>>,
    ) -> Result<Comparison, String> {
        let from = self.side(doc, &pair.0)?;
        let to = self.side(doc, &pair.1)?;
        let current_ops: Vec<Operation> = match doc.view() {
            View::Baseline => Vec::new(),
            View::Scenario(_) => doc.history().applied().cloned().collect(),
        };
        let (from_id, to_id) = (id_of(&pair.0), id_of(&pair.1));
        let doc: &Document = doc;
        let from_side = from.side((doc, derived), &from_id, &current_ops);
        let to_side = to.side((doc, derived), &to_id, &current_ops);
        match touched_powers {
            Some(touched) => {
                let leads = LeadChanges::between(from_side.coverage, to_side.coverage);
                for code in touched {
                    if leads.moved(&code) {
                        self.moved.insert(code);
                    } else {
                        self.moved.remove(&code);
                    }
                }
            }
            None => {
                self.moved = moved_powers(from_side.coverage, to_side.coverage)
                    .into_iter()
                    .collect();
            }
        }
        let diff = diff_sides(from_side, to_side, self.moved.iter().cloned().collect());
        let headline = diff.headline(from_side.state, to_side.state, lang);
        Ok(Comparison {
            diff,
            headline,
            from,
            to,
        })
    }

    /// One side: the current view, a kept replay, or a new one.
    fn side(&mut self, doc: &mut Document, view: &View) -> Result<ComparedState, String> {
        if view == doc.view() {
            return Ok(ComparedState::Current);
        }
        if let Some((_, replay)) = self.replays.iter().find(|(v, _)| v == view) {
            return Ok(ComparedState::Replayed(replay.clone()));
        }
        let (state, operations) = doc
            .plan()
            .state_and_operations(view.scenario())
            .map_err(|e| e.to_string())?;
        let coverage = Coverage::full(&state);
        let replay = Arc::new(Replay {
            found: DistrictFindings::of(&coverage),
            coverage,
            state,
            operations,
        });
        self.replays.push((view.clone(), replay.clone()));
        Ok(ComparedState::Replayed(replay))
    }
}

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
            let names = Names {
                from: c.from.state(cx.doc),
                to: c.to.state(cx.doc),
            };
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
                let modes: Vec<&str> = m
                    .modes
                    .iter()
                    .map(|mode| mode.label(lang))
                    .collect();
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
