//! The dialogs of issue 17, "history never loses work": what the window asks when the 变更 list
//! stands before its end (the history cursor has *later steps* after it) and work would
//! otherwise be lost silently.
//!
//! - An edit (`Action::Apply`, `ApplyAll`, `Grant`) that arrives then is not applied yet: the
//!   window asks whether to insert it after the current step and replay the later steps on top
//!   ([`crate::session::LaterSteps::Replay`]), discard them, or cancel. Cancelling brings back the
//!   dialog the edit came from (the grant dialog keeps its choices).
//! - A replay that dropped steps lists them, by their 变更 sentence and why each no longer
//!   applies ([`DroppedList`]); undo takes the whole edit back.
//! - Saving, or switching to another view, with later steps asks whether to keep every step
//!   (the cursor moves to the end first, so that the window shows what is kept: what a planner
//!   who saves expects to reopen) or only those up to the cursor (the later ones are dropped,
//!   undoably), or cancel. The plan itself keeps every step of a scenario wherever the cursor
//!   is ([`crate::session::Document::plan`]), so an autosave loses nothing meanwhile.
//!
//! The types here are the dialogs' state (in [`Dialog`]) and the answers' data (in
//! [`Command`]); the app applies the answers.

use egui::{RichText, ScrollArea, Ui};

use super::PanelCtx;
use crate::model::{BodyId, Change, JurisdictionId, PowerId};
use crate::plan::Operation;
use crate::session::history::Entry;
use crate::session::{Document, DropReason, LaterSteps, Replayed, View};
use crate::text::Lang;
use crate::ui::command::{Command, KeepLater};
use crate::ui::i18n::{T, history as text};
use crate::ui::panels::Dialog;
use crate::ui::theme;

/// An edit waiting for the answer to the later-steps question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PendingEdit {
    /// The operations of one gesture (`Action::Apply`, `Action::ApplyAll`).
    Apply(Vec<Operation>),
    /// A grant from the grant dialog (`Action::Grant`).
    Grant(Operation),
}

/// The question an edit asks when the history has later steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditQuestion {
    /// The edit, not applied yet.
    pub edit: PendingEdit,
    /// The dialog that was open when the edit arrived (the grant dialog): open again when the
    /// question is answered or cancelled.
    pub back: Option<Box<Dialog>>,
}

/// What waits for the answer to the question before saving or leaving a view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Leave {
    /// 保存 (`as_new`: 另存为).
    Save {
        /// Ask for a new file.
        as_new: bool,
    },
    /// Switch to this view.
    Switch(View),
}

/// The later steps a replay dropped, as the window lists them: in both languages, so that the
/// list stays readable when the language is switched while it is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DroppedList {
    /// The step after which the edit went in.
    pub inserted_after: usize,
    /// How many later steps were kept.
    pub kept: usize,
    /// One line per dropped step, in Chinese.
    pub zh: Vec<String>,
    /// The same lines in English.
    pub en: Vec<String>,
}

impl DroppedList {
    /// The list of what `report` dropped, for an edit inserted after step `inserted_after` of
    /// `doc` (named as `doc` now names things).
    pub fn of(report: &Replayed, inserted_after: usize, doc: &Document) -> Self {
        // A dropped step may name a body that a later step creates, kept or dropped too.
        let history: Vec<Entry> = doc
            .history()
            .entries()
            .iter()
            .chain(report.dropped.iter().map(|d| &d.entry))
            .cloned()
            .collect();
        let lines = |lang: Lang| {
            let names = crate::text::Names::new(doc.state(), doc.baseline()).with_history(&history);
            report
                .dropped
                .iter()
                .map(|dropped| {
                    let sentence = crate::text::entry_sentence(&dropped.entry, &names, lang);
                    let why = match &dropped.reason {
                        DropReason::Refused(error) => {
                            let said = error.to_string();
                            let said = text::refusal_in(&said, lang);
                            text::ids_named(said, |id| name_of(doc, &history, id))
                        }
                        DropReason::WithGesture { step } => text::with_gesture(lang, *step),
                    };
                    text::dropped_line(lang, dropped.step, &sentence, &why)
                })
                .collect()
        };
        Self {
            inserted_after,
            kept: report.kept,
            zh: lines(Lang::Zh),
            en: lines(Lang::En),
        }
    }
}

/// The name of the record or scenario with id `id`, looked up in the state, the baseline, the
/// plan's scenarios, then the records the steps of `history` changed (a body one created or
/// abolished).
fn name_of(doc: &Document, history: &[Entry], id: &str) -> Option<String> {
    let (now, baseline) = (doc.state(), doc.baseline());
    let body = BodyId::new(id);
    let power = PowerId::new(id);
    let place = JurisdictionId::new(id);
    now.body(&body)
        .or_else(|| baseline.body(&body))
        .map(|b| b.name.clone())
        .or_else(|| {
            now.power(&power)
                .or_else(|| baseline.power(&power))
                .map(|p| p.name.clone())
        })
        .or_else(|| {
            now.jurisdiction(&place)
                .or_else(|| baseline.jurisdiction(&place))
                .map(|j| j.name.clone())
        })
        .or_else(|| {
            doc.plan_unsynced()
                .scenarios
                .iter()
                .find(|s| s.id.as_str() == id)
                .map(|s| s.name.clone())
        })
        .or_else(|| {
            history.iter().find_map(|entry| {
                entry
                    .changes
                    .changes()
                    .iter()
                    .find_map(|change| match change {
                        Change::Body {
                            id: b,
                            before,
                            after,
                        } if b == &body => {
                            after.as_ref().or(before.as_ref()).map(|b| b.name.clone())
                        }
                        _ => None,
                    })
            })
        })
}

/// What the window says after an edit made before later steps: the status line, and the list
/// of the steps a replay dropped when there are any.
pub fn outcome(
    report: &Replayed,
    inserted_after: usize,
    doc: &Document,
    lang: Lang,
) -> (String, Option<Dialog>) {
    let said = text::edited(lang, inserted_after, report.kept, report.discarded);
    let list = (!report.dropped.is_empty())
        .then(|| Dialog::ReplayDropped(Box::new(DroppedList::of(report, inserted_after, doc))));
    (said, list)
}

/// The dialog to show when the open one is closed: the one an edit question came from (the
/// grant dialog with its choices), else none.
pub fn after_close(dialog: Option<Dialog>) -> Option<Dialog> {
    match dialog {
        Some(Dialog::EditBeforeLaterSteps(question)) => question.back.map(|back| *back),
        _ => None,
    }
}

/// How wide the dialogs are: their texts are long, and a fixed width keeps them from
/// re-wrapping (and the buttons from moving) frame after frame.
const WIDTH: f32 = 560.0;

/// Draws the open dialog of this module.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    ui.set_width(WIDTH);
    match cx.dialog.clone() {
        Some(Dialog::EditBeforeLaterSteps(_)) => edit_question(ui, cx),
        Some(Dialog::ReplayDropped(list)) => dropped(ui, cx, &list),
        Some(Dialog::LeaveWithLaterSteps(then)) => leave_question(ui, cx, &then),
        _ => {}
    }
}

/// A button that pushes `command`, with a small explanation under it.
fn answer(ui: &mut Ui, cx: &mut PanelCtx<'_>, label: &str, strong: bool, command: Command) {
    let label = if strong {
        RichText::new(label).strong()
    } else {
        RichText::new(label)
    };
    if ui.button(label).clicked() {
        cx.out.push(command);
    }
}

/// A line of explanation, small and weak.
fn hint(ui: &mut Ui, said: &str) {
    ui.label(RichText::new(said).small().color(theme::TEXT_WEAK));
}

fn cancel(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    ui.separator();
    if ui.button(cx.t(T::Cancel)).clicked() {
        cx.out.push(Command::CloseDialog);
    }
}

fn edit_question(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let history = cx.doc.history();
    let (cursor, total) = (history.cursor(), history.entries().len());
    let later = total - cursor;
    let view = super::top_bar::current_view_name(cx);
    ui.heading(text::edit_title(lang, later));
    ui.label(text::edit_question(lang, &view, cursor, total));
    ui.separator();
    answer(
        ui,
        cx,
        &text::insert_and_replay(lang, cursor, later),
        true,
        Command::EditBeforeLaterSteps(LaterSteps::Replay),
    );
    hint(ui, text::insert_hint(lang));
    ui.add_space(4.0);
    answer(
        ui,
        cx,
        &text::discard_later(lang, later),
        false,
        Command::EditBeforeLaterSteps(LaterSteps::Discard),
    );
    hint(ui, text::undo_hint(lang));
    cancel(ui, cx);
}

fn dropped(ui: &mut Ui, cx: &mut PanelCtx<'_>, list: &DroppedList) {
    let lang = cx.state.lang;
    let lines = match lang {
        Lang::Zh => &list.zh,
        Lang::En => &list.en,
    };
    ui.heading(text::dropped_title(lang, lines.len()));
    ui.label(text::dropped_intro(lang, list.inserted_after, list.kept));
    // A fixed height (not the lines' own, learnt a frame late): the dialog stays put.
    let height =
        (lines.len() as f32 * 2.0 * ui.text_style_height(&egui::TextStyle::Body)).min(320.0);
    ScrollArea::vertical()
        .id_salt("replay-dropped")
        .max_height(height)
        .min_scrolled_height(height)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for line in lines {
                ui.label(line.as_str());
            }
        });
    hint(ui, text::dropped_hint(lang));
    ui.separator();
    if ui.button(cx.t(T::Ok)).clicked() {
        cx.out.push(Command::CloseDialog);
    }
}

fn leave_question(ui: &mut Ui, cx: &mut PanelCtx<'_>, then: &Leave) {
    let lang = cx.state.lang;
    let history = cx.doc.history();
    let (cursor, total) = (history.cursor(), history.entries().len());
    let save = matches!(then, Leave::Save { .. });
    let view = super::top_bar::current_view_name(cx);
    ui.heading(text::leave_title(lang, total - cursor));
    ui.label(text::leave_question(lang, save, &view, cursor, total));
    ui.separator();
    answer(
        ui,
        cx,
        &text::keep_all(lang, save, total),
        true,
        Command::LeaveWithLaterSteps(KeepLater::All),
    );
    answer(
        ui,
        cx,
        &text::keep_to_cursor(lang, save, cursor),
        false,
        Command::LeaveWithLaterSteps(KeepLater::UpToCursor),
    );
    hint(ui, text::leave_hint(lang));
    cancel(ui, cx);
}
