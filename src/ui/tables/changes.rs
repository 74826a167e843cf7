//! 变更: the view's operations as sentences ("将 市园林绿化管理所 下划至 甲区，随带编制 23 名"),
//! with the undo cursor visible: applied steps in full colour, the current step marked, and the
//! later steps (after the cursor) greyed and marked as not applied, with a hint that an edit
//! made now first asks what to do with them (issue 17: history never loses work). Clicking a
//! step jumps there (`Document::jump_to`); the first row is the start.
//!
//! In a scenario each step shows its effective date and document (「2025-03-01 起 · 市编委
//! 〔2025〕3号」), and its 日期/文号… button opens an editor above the list: a date field and
//! a text field, set as one undoable edit (`Action::SetTiming`). While the date bar looks at a
//! day, the steps not yet in effect then are greyed and marked so.

use egui::{RichText, ScrollArea, TextEdit, Ui};

use crate::plan::{PlanDate, Timing};
use crate::text::{Names, entry_sentence};
use crate::ui::command::Action;
use crate::ui::i18n::{T, history, timeline};
use crate::ui::panels::PanelCtx;
use crate::ui::state::TimingEdit;
use crate::ui::theme;

/// The editor of a step's timing, above the list, while it is open.
fn timing_editor(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let steps = cx.doc.history().entries().len();
    if let Some(edit) = &cx.state.timing_edit
        && (&edit.view != cx.doc.view() || edit.step >= steps)
    {
        cx.state.timing_edit = None;
    }
    let Some(edit) = cx.state.timing_edit.as_mut() else {
        return;
    };
    let mut close = false;
    let mut set = None;
    ui.group(|ui| {
        ui.label(RichText::new(timeline::editor_title(lang, edit.step + 1)).strong());
        ui.horizontal(|ui| {
            let label = ui.label(crate::text::timetable::effective_heading(lang));
            ui.add(
                TextEdit::singleline(&mut edit.date)
                    .id_salt("timing-date")
                    .hint_text(timeline::date_hint(lang))
                    .desired_width(110.0),
            )
            .labelled_by(label.id);
            let label = ui.label(crate::text::timetable::document_heading(lang));
            ui.add(
                TextEdit::singleline(&mut edit.document)
                    .id_salt("timing-document")
                    .hint_text(timeline::document_hint(lang))
                    .desired_width(200.0),
            )
            .labelled_by(label.id);
            if ui.button(timeline::set(lang)).clicked() {
                let date = edit.date.trim();
                match (!date.is_empty())
                    .then(|| date.parse::<PlanDate>())
                    .transpose()
                {
                    Ok(effective) => {
                        set = Some(Timing::new(effective, edit.document.trim()));
                    }
                    Err(e) => edit.error = Some(e.to_string()),
                }
            }
            if ui.button(timeline::cancel(lang)).clicked() {
                close = true;
            }
        });
        if let Some(error) = &edit.error {
            ui.label(RichText::new(error).color(theme::ERROR_TEXT).small());
        }
    });
    if let Some(timing) = set {
        cx.out.push(Action::SetTiming {
            step: edit.step,
            timing,
        });
    }
    if close {
        cx.state.timing_edit = None;
    }
}

/// Draws the list.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let history = cx.doc.history();
    let cursor = history.cursor();
    let entries = history.entries();
    let later = entries.len() - cursor;
    ui.horizontal(|ui| {
        ui.label(RichText::new(T::TabChanges.get(lang)).strong());
        ui.label(crate::ui::i18n::steps(lang, cursor, entries.len()));
    });
    if later > 0 {
        ui.label(
            RichText::new(history::later_hint(lang, later))
                .small()
                .color(theme::TEXT_WEAK),
        );
    }
    let scenario = cx.doc.view().scenario().is_some();
    // On a date looked at (the date bar), the steps not yet in effect are greyed and say so.
    let looked_at = cx.doc.date();
    if scenario {
        timing_editor(ui, cx);
    }
    ui.separator();
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let names = Names::new(cx.doc.state(), cx.doc.baseline()).with_history(entries);
    ScrollArea::vertical()
        .id_salt("changes")
        .auto_shrink([false, false])
        .show_rows(ui, row_h, entries.len() + 1, |ui, range| {
            for step in range {
                let current = step == cursor;
                let marker = if current { "→ " } else { "   " };
                let text = if step == 0 {
                    format!("{marker}0. {}", T::Start.get(lang))
                } else {
                    let entry = &entries[step - 1];
                    let sentence = entry_sentence(entry, &names, lang);
                    let timing = crate::text::timetable::timing(&entry.timing, lang);
                    let timing = if timing.is_empty() {
                        timing
                    } else {
                        format!("〔{timing}〕")
                    };
                    let waiting = looked_at.filter(|d| !entry.timing.in_effect_at(*d));
                    if step > cursor {
                        format!(
                            "{marker}{step}. {sentence}{timing}{}",
                            history::not_applied(lang)
                        )
                    } else if let Some(date) = waiting {
                        let not_yet = timeline::not_yet(lang, &date.to_string());
                        format!("{marker}{step}. {sentence}{timing}{not_yet}")
                    } else {
                        format!("{marker}{step}. {sentence}{timing}")
                    }
                };
                let waiting = step > 0
                    && looked_at.is_some_and(|d| !entries[step - 1].timing.in_effect_at(d));
                let mut rich = RichText::new(text);
                if step > cursor || waiting {
                    rich = rich.color(theme::DIMMED).italics();
                } else if current {
                    rich = rich.strong().color(theme::SELECTED);
                }
                let open = cx.derived.opinions.steps.get(&step).copied().unwrap_or(0);
                ui.horizontal(|ui| {
                    if open > 0 {
                        crate::ui::panels::findings::opinion_badge(ui, cx, open);
                    }
                    if scenario && step > 0 {
                        let button = ui.small_button(timeline::edit_button(lang));
                        if button.clicked() {
                            let timing = &entries[step - 1].timing;
                            cx.state.timing_edit = Some(TimingEdit {
                                view: cx.doc.view().clone(),
                                step: step - 1,
                                date: timing.effective.map(|d| d.to_string()).unwrap_or_default(),
                                document: timing.document.clone(),
                                error: None,
                            });
                        }
                    }
                    let response = ui.selectable_label(current, rich);
                    if response.clicked() && !current {
                        cx.out.push(Action::JumpTo(step));
                    }
                    if step > 0 {
                        step_menu(cx, &response, step);
                    }
                });
            }
        });
}

/// A step's right-click menu: a review opinion on it (in a scenario: the baseline's edits are
/// no steps of a reform).
fn step_menu(cx: &mut PanelCtx<'_>, response: &egui::Response, step: usize) {
    let lang = cx.state.lang;
    let doc = cx.doc;
    let Some(scenario) = doc.view().scenario() else {
        return;
    };
    let Some(entry) = doc.history().entries().get(step - 1) else {
        return;
    };
    response.context_menu(|ui| {
        if ui.button(crate::ui::i18n::review::add(lang)).clicked() {
            let names =
                Names::new(doc.state(), doc.baseline()).with_history(doc.history().entries());
            let label = format!("{step}. {}", entry_sentence(entry, &names, lang));
            let target = crate::plan::Target::step(scenario.clone(), step, &entry.operation);
            crate::ui::panels::opinion::open(cx, target, label);
            ui.close();
        }
    });
}

#[cfg(test)]
mod tests {
    use crate::model::{BodyId, JurisdictionId, ScenarioId};
    use crate::plan::Operation;
    use crate::session::Document;
    use crate::text::{Lang, Names, entry_sentence};

    #[test]
    fn a_devolution_reads_like_the_plan() {
        let plan = crate::io::seed::seed_plan().expect("seed plan loads");
        let mut doc = Document::new(plan);
        // In a scenario of its own: in the baseline, the seed scenario that devolves the same
        // unit would no longer apply, so the edit would be refused.
        doc.new_scenario(ScenarioId::new("trial"), "试算".into())
            .expect("a new scenario");
        let body = BodyId::new("city-ylj-lhgh");
        let slots = doc
            .state()
            .body(&body)
            .map(|b| b.staffing.slots())
            .expect("seed body");
        doc.apply(Operation::MoveBody {
            body: body.clone(),
            to: JurisdictionId::new("district-a"),
        })
        .expect("move applies");
        let names = Names::new(doc.state(), doc.baseline());
        let entry = &doc.history().entries()[0];
        let name = &doc.state().body(&body).expect("still there").name;
        assert_eq!(
            entry_sentence(entry, &names, Lang::Zh),
            format!("将 {name} 下划至 甲区，随带编制 {slots} 名")
        );
    }
}
