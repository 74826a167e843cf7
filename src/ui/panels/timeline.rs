//! The date bar (分步实施) over the views of a dated scenario: a slider over the days from the
//! day before its first step date to its last, with a tick button for each step date, and a
//! button that shows every step again. The lanes, the tables and the findings then show the
//! scenario as it stands on that day (`Document::view_at`); moving the slider is looking, not
//! editing (no undo step). Below it, the scenario's transition findings (过渡期); a click on
//! one shows its first day.

use egui::{RichText, Slider, Ui};

use crate::analysis::Reason;
use crate::analysis::finding::message::RuleMessage;
use crate::plan::PlanDate;
use crate::text::FindingText;
use crate::ui::command::Action;
use crate::ui::i18n::timeline as text;
use crate::ui::panels::PanelCtx;
use crate::ui::theme;

/// Whether the bar has anything to show: a scenario with a dated step.
pub fn wanted(cx: &PanelCtx<'_>) -> bool {
    cx.doc.view().scenario().is_some() && !cx.caches.timetable.dates.is_empty()
}

/// Draws the bar.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let cache = &cx.caches.timetable;
    let (Some(first), Some(last)) = (cache.dates.first(), cache.dates.last()) else {
        return;
    };
    let (start, end) = (first.previous(), *last);
    let at = cx.doc.date();
    let mut pushed = None;
    ui.horizontal(|ui| {
        let label = ui
            .label(RichText::new(text::label(lang)).strong())
            .on_hover_text(text::hint(lang));
        if ui
            .selectable_label(at.is_none(), text::all_steps(lang))
            .clicked()
            && at.is_some()
        {
            pushed = Some(None);
        }
        let mut day = at.unwrap_or(end).day_number();
        ui.spacing_mut().slider_width = 320.0;
        let slider = Slider::new(&mut day, start.day_number()..=end.day_number())
            .show_value(false)
            .clamping(egui::SliderClamping::Always);
        let response = ui
            .add(slider)
            .labelled_by(label.id)
            .on_hover_text(text::hint(lang));
        if response.changed() {
            pushed = Some(Some(PlanDate::from_day_number(day)));
        }
        let shown = PlanDate::from_day_number(day);
        let label = match at {
            Some(date) => {
                text::showing(lang, &date.to_string(), cache.in_effect(date), cache.steps)
            }
            None => shown.to_string(),
        };
        ui.label(label);
        ui.separator();
        for (date, n) in cache.dates.iter().zip(&cache.per_date) {
            let here = at == Some(*date);
            if ui
                .selectable_label(here, date.to_string())
                .on_hover_text(text::tick(lang, *n))
                .clicked()
                && !here
            {
                pushed = Some(Some(*date));
            }
        }
    });
    if let Some(error) = &cache.error {
        ui.label(RichText::new(error).color(theme::ERROR_TEXT).small());
    }
    if !cache.transitions.is_empty() {
        let heading = text::transitions(lang, cache.transitions.len());
        egui::CollapsingHeader::new(RichText::new(heading).color(theme::ERROR_TEXT))
            .id_salt("transitions")
            .default_open(true)
            .show(ui, |ui| {
                // A long timetable's findings scroll rather than push the views down.
                egui::ScrollArea::vertical()
                    .id_salt("transition-list")
                    .max_height(96.0)
                    .show(ui, |ui| {
                        for finding in &cache.transitions {
                            let message = finding.message(cx.doc.state(), lang);
                            let from = match &finding.reason {
                                Reason::Rule(RuleMessage::Transition { from, .. }) => Some(*from),
                                _ => None,
                            };
                            let clicked = ui
                                .selectable_label(from.is_some() && from == at, message)
                                .on_hover_text(text::go_to_transition(lang))
                                .clicked();
                            if clicked && from.is_some() {
                                pushed = Some(from);
                            }
                        }
                    });
            });
    }
    if let Some(date) = pushed {
        cx.out.push(Action::ViewAt(date));
    }
}
