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
//! [`crate::ui::cache::CompareCache`]; the tab itself only draws, one list of lines of which
//! only those in view are laid out.

use egui::{RichText, ScrollArea, Ui};

use crate::analysis::diff::{BodyMove, Diff, DistrictCoverage, PowerMove, StaffingDelta};
use crate::model::{BodyId, JurisdictionId, PowerId, State};
use crate::session::View;
use crate::text::{Label, Lang};
use crate::ui::cache::comparison::pair;
use crate::ui::i18n::{self, T};
use crate::ui::panels::PanelCtx;
use crate::ui::panels::top_bar::view_name;
use crate::ui::theme;

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
    let (from, to) = c.states(cx.doc);
    let names = Names { from, to };
    let lines = Lines::of(d);
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    ScrollArea::vertical()
        .id_salt("compare")
        .auto_shrink([false, false])
        .show_rows(ui, row_h, lines.len(), |ui, range| {
            let width = ui.available_width();
            for i in range {
                if let Some(line) = lines.get(d, i) {
                    draw_line(ui, &line, names, lang, (width, row_h));
                }
            }
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

    /// Lead bodies by name, joined with 、; 无 for none.
    fn bodies(&self, ids: &[BodyId], lang: Lang) -> String {
        if ids.is_empty() {
            return T::Nobody.get(lang).to_owned();
        }
        ids.iter()
            .map(|b| self.body(b))
            .collect::<Vec<_>>()
            .join("、")
    }
}

/// One line of the comparison: a section's title or one row of its table.
enum Line<'d> {
    Title(T, usize),
    BodyMoved(&'d BodyMove),
    BodyCreated(&'d BodyId),
    BodyAbolished(&'d BodyId),
    Staffing(&'d StaffingDelta),
    CoverageColumns,
    Coverage(&'d DistrictCoverage),
    Power(
        &'d PowerMove,
        &'d (JurisdictionId, Vec<BodyId>, Vec<BodyId>),
    ),
}

/// The comparison as one list of lines, of which only those in view are drawn (a province's
/// comparison has a row per street and per power and place whose lead changed: tens of
/// thousands, which laid out whole cost most of a frame after every edit). Sections in order:
/// bodies, staffing, coverage, powers; each a title line, then its rows.
struct Lines {
    /// Where each section's title is: bodies, staffing, coverage, powers; then the end.
    starts: [usize; 5],
    /// For each power moved, the index of its first row among the powers' rows.
    power_rows: Vec<usize>,
}

impl Lines {
    fn of(d: &Diff) -> Self {
        let bodies = d.bodies_moved.len() + d.bodies_created.len() + d.bodies_abolished.len();
        let mut power_rows = Vec::with_capacity(d.powers_moved.len());
        let mut rows = 0;
        for m in &d.powers_moved {
            power_rows.push(rows);
            rows += m.districts.len();
        }
        let mut starts = [0; 5];
        starts[1] = starts[0] + 1 + bodies;
        starts[2] = starts[1] + 1 + d.staffing.len();
        starts[3] = starts[2] + 2 + d.coverage.len();
        starts[4] = starts[3] + 1 + rows;
        Self { starts, power_rows }
    }

    fn len(&self) -> usize {
        self.starts[4]
    }

    /// The line at `i`.
    fn get<'d>(&self, d: &'d Diff, i: usize) -> Option<Line<'d>> {
        let section = self.starts.partition_point(|&s| s <= i).checked_sub(1)?;
        let at = i - self.starts[section];
        if at == 0 {
            let (title, n) = match section {
                0 => (T::CompareBodiesMoved, self.starts[1] - self.starts[0] - 1),
                1 => (T::CompareStaffing, d.staffing.len()),
                2 => (T::CompareCoverage, d.coverage.len()),
                _ => (T::ComparePowersMoved, d.powers_moved.len()),
            };
            return Some(Line::Title(title, n));
        }
        let row = at - 1;
        match section {
            0 => {
                let created = row.checked_sub(d.bodies_moved.len());
                let abolished = created.and_then(|c| c.checked_sub(d.bodies_created.len()));
                match (created, abolished) {
                    (None, _) => d.bodies_moved.get(row).map(Line::BodyMoved),
                    (Some(c), None) => d.bodies_created.get(c).map(Line::BodyCreated),
                    (Some(_), Some(a)) => d.bodies_abolished.get(a).map(Line::BodyAbolished),
                }
            }
            1 => d.staffing.get(row).map(Line::Staffing),
            2 if row == 0 => Some(Line::CoverageColumns),
            2 => d.coverage.get(row - 1).map(Line::Coverage),
            _ => {
                let m = self.power_rows.partition_point(|&first| first <= row) - 1;
                let moved = d.powers_moved.get(m)?;
                let place = moved.districts.get(row - self.power_rows[m])?;
                Some(Line::Power(moved, place))
            }
        }
    }
}

/// Draws one line of `size` (width, height): a title, or a row's cells in columns that share
/// the width.
fn draw_line(ui: &mut Ui, line: &Line<'_>, names: Names<'_>, lang: Lang, size: (f32, f32)) {
    let cells: Vec<RichText> = match line {
        Line::Title(title, n) => {
            let text = format!("{}（{n}）", title.get(lang));
            cell(ui, size, RichText::new(text).strong());
            return;
        }
        Line::BodyMoved(m) => vec![
            names.body(&m.body).into(),
            format!("{} → {}", names.place(&m.from), names.place(&m.to)).into(),
        ],
        Line::BodyCreated(b) => vec![
            names.body(b).into(),
            RichText::new(T::Created.get(lang)).color(theme::CHANGED),
        ],
        Line::BodyAbolished(b) => vec![
            names.body(b).into(),
            RichText::new(T::Abolished.get(lang)).color(theme::OVERLAP),
        ],
        Line::Staffing(s) => {
            let delta = i64::from(s.after) - i64::from(s.before);
            vec![
                names.body(&s.body).into(),
                i18n::staffing_delta(
                    lang,
                    (s.before, s.after),
                    (s.headcount_before, s.headcount_after),
                    delta,
                )
                .into(),
            ]
        }
        Line::CoverageColumns => vec![
            RichText::new(""),
            RichText::new(T::Overlaps.get(lang)).color(theme::OVERLAP),
            RichText::new(T::Gaps.get(lang)).color(theme::GAP),
        ],
        Line::Coverage(row) => {
            let place = match &row.in_district {
                Some(district) => {
                    format!("{}／{}", names.place(district), names.place(&row.district))
                }
                None => names.place(&row.district),
            };
            vec![
                place.into(),
                format!("{} → {}", row.overlaps_before, row.overlaps_after).into(),
                format!("{} → {}", row.gaps_before, row.gaps_after).into(),
            ]
        }
        Line::Power(m, (place, before, after)) => {
            let modes: Vec<&str> = m.modes.iter().map(|mode| mode.label(lang)).collect();
            vec![
                names.power(&m.power).into(),
                names.place(place).into(),
                format!(
                    "{} → {}",
                    names.bodies(before, lang),
                    names.bodies(after, lang)
                )
                .into(),
                modes.join("、").into(),
            ]
        }
    };
    let shares: &[f32] = match cells.len() {
        2 => &[0.4, 0.6],
        3 => &[0.4, 0.3, 0.3],
        _ => &[0.3, 0.15, 0.4, 0.15],
    };
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        for (text, share) in cells.into_iter().zip(shares) {
            cell(ui, (size.0 * share, size.1), text);
        }
    });
}

/// One cell of `size` (width, height), its text from the left, cut short with … when longer.
fn cell(ui: &mut Ui, size: (f32, f32), text: RichText) {
    ui.allocate_ui_with_layout(
        egui::vec2(size.0, size.1),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_size(egui::vec2(size.0, size.1));
            ui.add(egui::Label::new(text).truncate());
        },
    );
}
