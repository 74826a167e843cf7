//! The bottom panel: 问题清单, every finding with its severity and kind, errors first; clicking
//! one selects its body (or its power) and brings it into view in the lanes. An overlap or a gap
//! has a 修复 menu with its suggested fixes, each applied with one click (and undone with one),
//! and says why it is there: since which step (beside the row) and, on hover, the whole
//! explanation (who led before, who only assists or is entrusted, who leaves the place out).
//!
//! The list follows the filters of the tree, the graph and the table, and the finding kind a
//! click on a status-bar count chooses; the rows that pass are listed by
//! [`crate::ui::cache::Derived`] once per revision or change of the filters.
//!
//! A province has tens of thousands of findings, so nothing here walks them all per frame: the
//! rows in order (most severe first) come from [`crate::ui::cache::Derived`], the list is
//! virtualised (`ScrollArea::show_rows`), and a row's sentence and explanation are built once per
//! document revision and language, when the row first scrolls into view
//! ([`crate::ui::cache::FindingTexts`]). Its
//! suggested fixes scan every power of the finding's field, and their previews (each fix tried
//! on a copy of the state and of its analysis, `analysis::fix_preview`) cost a copy of the
//! state, so they are looked for only when its 修复 menu opens, and kept while the revision
//! lasts.
//!
//! While the date bar looks at a day of a dated scenario, no 修复 is offered: the state shown
//! is that day's, and a fix would be a step of the whole scenario.

use egui::{RichText, ScrollArea, Ui};

use super::PanelCtx;
use crate::analysis::Finding;
use crate::analysis::fixes::{self};
use crate::plan::Target;
use crate::session::Document;
use crate::session::fix_preview::{self};
use crate::text::Lang;
use crate::text::{FixText, Label};
use crate::ui::cache::findings::{Explained, FixRow};
use crate::ui::command::{Action, Command};
use crate::ui::i18n::{self, T};
use crate::ui::state::{Selection, Tab};
use crate::ui::theme;

/// Draws the findings list.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let derived = cx.derived;
    ui.horizontal(|ui| {
        ui.label(RichText::new(T::Findings.get(lang)).strong());
        let c = derived.finding_counts;
        ui.label(i18n::finding_summary(lang, c.overlaps, c.gaps, c.rules));
        if derived.findings_filtered() {
            ui.label(
                RichText::new(i18n::findings::shown_of(
                    lang,
                    derived.shown_findings_len(),
                    derived.findings.len(),
                ))
                .color(theme::TEXT_WEAK),
            );
        }
        if let Some(kind) = cx.state.filters.finding_kind
            && ui
                .small_button(i18n::findings::only_kind(lang, kind))
                .on_hover_text(i18n::findings::only_kind_tip(lang))
                .clicked()
        {
            cx.state.filters.finding_kind = None;
        }
    });
    if derived.findings.is_empty() {
        ui.label(RichText::new(T::NoFindings.get(lang)).color(theme::OK));
        return;
    }
    let shown = derived.shown_findings_len();
    if shown == 0 {
        ui.label(RichText::new(i18n::findings::none_shown(lang)).color(theme::TEXT_WEAK));
        return;
    }
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let doc = cx.doc;
    let has_steps = doc.history().cursor() > 0;
    let mut texts = std::mem::take(&mut cx.caches.findings);
    ScrollArea::vertical()
        .id_salt("findings")
        .auto_shrink([false, false])
        .show_rows(ui, row_h, shown, |ui, range| {
            for index in range {
                let Some((row, f)) = derived.shown_finding(index) else {
                    break;
                };
                // Built as the row scrolls into view, once per revision.
                let text = texts.row(row, doc, f, lang);
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(f.severity.label(lang))
                            .color(theme::severity(f.severity))
                            .strong(),
                    );
                    ui.label(RichText::new(f.kind.label(lang)).color(theme::finding(f.kind)));
                    // On a date looked at (the date bar), a fix would be a step of the whole
                    // scenario, not of that day: none is offered until every step shows again.
                    if fixes::may_fix(f) && doc.date().is_none() {
                        fix_menu(ui, cx, f, &mut text.fixes);
                    }
                    let open = derived.opinions.finding(&f.key());
                    if open > 0 {
                        opinion_badge(ui, cx, open);
                    }
                    let explanation = text.why.as_ref();
                    let mut response = ui.selectable_label(false, text.message.as_str());
                    if let Some(e) = explanation {
                        response = response.on_hover_ui(|ui| explanation_tip(ui, e, lang));
                    }
                    if response.clicked() {
                        focus(cx, f);
                    }
                    finding_menu(cx, &response, f, &text.message);
                    // 「现状即如此」 says something once the view has steps; before any, every
                    // finding is the baseline's, and the row stays as it was.
                    if let Some(e) = explanation.filter(|_| has_steps) {
                        ui.label(
                            RichText::new(i18n::findings::why_short(lang, &e.headline))
                                .color(theme::TEXT_WEAK),
                        );
                    }
                });
            }
        });
    cx.caches.findings = texts;
}

/// A finding's right-click menu: bring it into view, show its place or its power in the
/// inspector, copy its sentence.
fn finding_menu(cx: &mut PanelCtx<'_>, response: &egui::Response, f: &Finding, message: &str) {
    let lang = cx.state.lang;
    response.context_menu(|ui| {
        if ui.button(i18n::menus::focus_finding(lang)).clicked() {
            focus(cx, f);
            ui.close();
        }
        if let Some(place) = &f.jurisdiction
            && ui.button(i18n::menus::place_details(lang)).clicked()
        {
            cx.out
                .push(Action::Select(Selection::Jurisdiction(place.clone())));
            ui.close();
        }
        if let Some(power) = &f.power
            && ui.button(i18n::menus::power_details(lang)).clicked()
        {
            cx.out.push(Action::Select(Selection::Power(power.clone())));
            ui.close();
        }
        if ui.button(i18n::menus::copy_text(lang)).clicked() {
            ui.ctx().copy_text(message.to_owned());
            ui.close();
        }
        ui.separator();
        if ui.button(i18n::review::add(lang)).clicked() {
            super::opinion::open(cx, Target::Finding(f.key()), message.to_owned());
            ui.close();
        }
    });
}

/// The badge of a finding's, a body's or a power's open review opinions (意见 N); a click
/// opens the 审核意见 tab.
pub fn opinion_badge(ui: &mut Ui, cx: &mut PanelCtx<'_>, open: usize) {
    let lang = cx.state.lang;
    let badge = egui::Button::new(
        RichText::new(i18n::review::badge(lang, open))
            .small()
            .color(egui::Color32::WHITE),
    )
    .fill(theme::OPINION)
    .small();
    if ui
        .add(badge)
        .on_hover_text(i18n::review::badge_tip(lang, open))
        .clicked()
    {
        cx.out.push(Command::ShowTab(Tab::Opinions));
    }
}

/// The tooltip of an explained finding: its lines, then what a click does.
pub fn explanation_tip(ui: &mut Ui, e: &Explained, lang: Lang) {
    for line in &e.lines {
        ui.label(line.as_str());
    }
    ui.label(RichText::new(i18n::findings::click_to_focus(lang)).color(theme::TEXT_WEAK));
}

/// The 修复 button of an overlap or a gap: when opened, each suggested fix (looked for, and
/// previewed, on the first frame it is open), applied with one click; under each, the finding
/// counts before → after, and on hover the holdings it changes.
fn fix_menu(
    ui: &mut Ui,
    cx: &mut PanelCtx<'_>,
    finding: &Finding,
    found: &mut Option<Vec<FixRow>>,
) {
    let lang = cx.state.lang;
    let doc = cx.doc;
    ui.menu_button(T::Fix.get(lang), |ui| {
        let fixes = found.get_or_insert_with(|| fix_rows(doc, finding, lang));
        if fixes.is_empty() {
            ui.label(RichText::new(T::NoFix.get(lang)).color(theme::TEXT_WEAK));
        }
        for row in fixes.iter() {
            let enabled = row.preview.refused.is_none();
            let response = ui
                .add_enabled(enabled, egui::Button::new(row.fix.label(lang)))
                .on_hover_ui(|ui| preview_tip(ui, row, lang))
                .on_disabled_hover_ui(|ui| preview_tip(ui, row, lang));
            if response.clicked() {
                cx.out.push(Action::ApplyAll(row.fix.operations.clone()));
            }
            let raises = i18n::findings::raises_findings(&row.preview);
            let color = if raises {
                theme::ERROR_TEXT
            } else {
                theme::TEXT_WEAK
            };
            ui.label(RichText::new(&row.counts).small().color(color));
            if raises {
                ui.label(
                    RichText::new(i18n::findings::preview_raises(lang))
                        .small()
                        .color(theme::ERROR_TEXT),
                );
            }
            ui.separator();
        }
    });
}

/// How many holding changes a fix's tooltip lists.
const LISTED_CHANGES: usize = 8;

/// The fixes of a finding with their previews, named for the menu.
fn fix_rows(doc: &Document, finding: &Finding, lang: Lang) -> Vec<FixRow> {
    let analysis = doc.analysis();
    let fixes = fixes::suggest(finding, doc.state(), &analysis.coverage);
    let previews =
        fix_preview::preview_all(&fixes, doc.state(), analysis, fix_preview::Setting::of(doc));
    let names = crate::text::Names::new(doc.state(), doc.baseline());
    fixes
        .into_iter()
        .zip(previews)
        .map(|(fix, preview)| {
            let mut details: Vec<String> = preview
                .holdings
                .iter()
                .take(LISTED_CHANGES)
                .map(|c| {
                    crate::text::holding_change(
                        &c.power,
                        &c.body,
                        c.before.as_ref(),
                        c.after.as_ref(),
                        &names,
                        lang,
                    )
                })
                .collect();
            if preview.holdings.len() > LISTED_CHANGES {
                details.push(i18n::findings::more_changes(
                    lang,
                    preview.holdings.len() - LISTED_CHANGES,
                ));
            }
            if preview.other_changes > 0 {
                details.push(i18n::findings::other_changes(lang, preview.other_changes));
            }
            if let Some((_, why)) = &preview.refused {
                details.push(i18n::findings::preview_refused(lang, &why.to_string()));
            }
            FixRow {
                counts: i18n::findings::preview_counts(lang, preview.before, preview.after),
                fix,
                preview,
                details,
            }
        })
        .collect()
}

/// A fix's preview: what it changes, and the counts before → after.
fn preview_tip(ui: &mut Ui, row: &FixRow, lang: Lang) {
    ui.label(RichText::new(i18n::findings::preview_heading(lang)).strong());
    for line in &row.details {
        ui.label(format!("· {line}"));
    }
    ui.label(row.counts.as_str());
}

/// Focuses the graph on a finding: its first body, or the district's lane for a gap.
pub fn focus(cx: &mut PanelCtx<'_>, f: &Finding) {
    let target = match (f.bodies.first(), &f.jurisdiction) {
        (Some(b), _) => Selection::Body(b.clone()),
        (None, Some(j)) => Selection::Jurisdiction(j.clone()),
        (None, None) => Selection::None,
    };
    if let Some(p) = &f.power {
        // Show the power's chips in the bodies concerned.
        for b in &f.bodies {
            cx.state.canvas.expanded.insert(b.clone());
        }
        cx.state.canvas.selected_chips = f.bodies.iter().map(|b| (p.clone(), b.clone())).collect();
    }
    cx.out.push(Command::ShowTab(Tab::Lanes));
    cx.out.push(Action::Focus(target));
}
