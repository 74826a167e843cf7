//! A jurisdiction in the inspector: its level and bodies, and its gaps and overlaps (a district's
//! with its streets'), each explained on hover and focused on click.

use egui::{RichText, Ui};

use crate::model::JurisdictionId;
use crate::text::{FindingText, Label};
use crate::ui::command::{Action, Command};
use crate::ui::i18n::{self, T};
use crate::ui::panels::PanelCtx;
use crate::ui::state::Selection;
use crate::ui::theme;

#[allow(clippy::wildcard_imports)]
use super::*;

/// How many of a place's gaps and overlaps the inspector lists (the findings list has them all).
pub(super) const LISTED_PLACE_FINDINGS: usize = 40;

/// A jurisdiction's gaps and overlaps (a district's with its streets'), gaps first: each names
/// its power (and street), explains itself on hover and is focused by a click; the findings list
/// shows them all. Found once per revision (they are `total`; none are looked for when there
/// are none).
pub(super) fn place_findings(
    ui: &mut Ui,
    cx: &mut PanelCtx<'_>,
    id: &JurisdictionId,
    total: usize,
) {
    use crate::analysis::FindingKind;
    use crate::ui::i18n::findings as texts;
    let lang = cx.state.lang;
    ui.separator();
    ui.label(RichText::new(texts::place_findings_heading(lang)).strong());
    if total == 0 {
        ui.label(RichText::new(texts::place_findings_none(lang)).color(theme::TEXT_WEAK));
        return;
    }
    let doc = cx.doc;
    let state = doc.state();
    let found = cx.inspector.place_findings.take().unwrap_or_else(|| {
        let mut found: Vec<crate::analysis::Finding> = doc
            .analysis()
            .coverage
            .findings()
            .filter(|f| {
                f.jurisdiction
                    .as_ref()
                    .is_some_and(|j| j == id || state.district_of(j) == Some(id))
            })
            .cloned()
            .collect();
        // Gaps first, then overlaps; by power within each (stable).
        found.sort_by_key(|f| f.kind != FindingKind::Gap);
        found
    });
    for f in found.iter().take(LISTED_PLACE_FINDINGS) {
        let power = f
            .power
            .as_ref()
            .map(|p| {
                state
                    .power(p)
                    .map_or_else(|| p.to_string(), |p| p.name.clone())
            })
            .unwrap_or_default();
        let street = f
            .jurisdiction
            .as_ref()
            .filter(|j| *j != id)
            .map(|j| cx.jurisdiction_name(j));
        let text = texts::place_finding_row(lang, f.kind, &power, street.as_deref());
        let response = ui
            .selectable_label(false, RichText::new(text).color(theme::finding(f.kind)))
            .on_hover_ui(|ui| match cx.caches.findings.explanation(doc, f, lang) {
                Some(e) => crate::ui::panels::findings::explanation_tip(ui, e, lang),
                None => {
                    ui.label(f.message(state, lang));
                }
            });
        if response.clicked() {
            crate::ui::panels::findings::focus(cx, f);
        }
    }
    let more = found.len().saturating_sub(LISTED_PLACE_FINDINGS);
    cx.inspector.place_findings = Some(found);
    let label = if more > 0 {
        texts::place_findings_more(lang, more)
    } else {
        texts::place_findings_all(lang).to_owned()
    };
    if ui.small_button(label).clicked() {
        cx.state.filters.district = Some(id.clone());
        cx.state.filters.finding_kind = None;
    }
}

pub(super) fn jurisdiction(ui: &mut Ui, cx: &mut PanelCtx<'_>, id: &JurisdictionId) {
    let lang = cx.state.lang;
    let Some(j) = cx.doc.state().jurisdiction(id) else {
        nothing(ui, cx);
        return;
    };
    ui.label(RichText::new(&j.name).strong().size(16.0));
    ui.label(j.level.label(lang));
    if let Some(c) = cx
        .derived
        .counts
        .as_ref()
        .and_then(|c| c.by_jurisdiction.get(id))
    {
        ui.label(i18n::bodies_count(lang, c.bodies));
        ui.label(i18n::slots(lang, c.staffing));
    }
    // A district with streets is checked on its streets: its counts are theirs.
    let state = cx.doc.state();
    let streets = crate::ui::streets::streets_of(state, id);
    let counted = cx.derived.place_findings(id);
    let (gaps, overlaps) = (counted.gaps, counted.overlaps);
    ui.label(RichText::new(format!("{} {gaps}", T::Gaps.get(lang))).color(theme::GAP));
    ui.label(RichText::new(format!("{} {overlaps}", T::Overlaps.get(lang))).color(theme::OVERLAP));
    place_findings(ui, cx, id, gaps + overlaps);
    let grant_from = match j.level {
        crate::model::Level::District if !streets.is_empty() => Some(id.clone()),
        crate::model::Level::Street => state.district_of(id).cloned(),
        _ => None,
    };
    if !streets.is_empty() {
        ui.separator();
        for street in &streets {
            let bodies = crate::ui::streets::bodies_in(state, street).len();
            let text = format!(
                "{}（{}）",
                cx.jurisdiction_name(street),
                i18n::bodies_count(lang, bodies)
            );
            if ui.selectable_label(false, text).clicked() {
                cx.out
                    .push(Action::Focus(Selection::Jurisdiction((*street).clone())));
            }
        }
    }
    if let Some(district) = grant_from {
        ui.separator();
        let command = Action::OpenGrant(crate::ui::command::GrantFrom::District(district));
        if ui
            .button(Command::GrantDialog.label(lang))
            .on_hover_text(Command::GrantDialog.tooltip(lang, ui.ctx()))
            .clicked()
        {
            cx.out.push(command);
        }
    }
}
