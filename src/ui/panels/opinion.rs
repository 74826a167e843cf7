//! The dialog that adds a review opinion (审核意见) to a finding, a step, a body or a power, or
//! edits one:
//! who writes it (an office of the plan's list, or a body of the plan), the date (today by
//! default) and the text. It is opened from a finding's, a step's or a body's context menu, or
//! the inspector; the opinion is added through the document, so undo takes it back.

use egui::{ComboBox, RichText, TextEdit, Ui};

use super::{Dialog, PanelCtx};
use crate::model::ScenarioId;
use crate::plan::{Opinion, OpinionId, OpinionStatus, PlanDate, Target};
use crate::ui::command::{Action, Command};
use crate::ui::i18n::{T, review};
use crate::ui::theme;

/// An opinion being written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpinionDraft {
    /// What it is about.
    pub target: Target,
    /// The state it is written on.
    pub scenario: Option<ScenarioId>,
    /// The object as the dialog names it.
    pub label: String,
    /// Who writes it.
    pub office: String,
    /// The date, as typed.
    pub date: String,
    /// The text.
    pub text: String,
    /// Why the last try was refused.
    pub error: Option<String>,
    /// The opinion being edited, if this is no new one (its status and answer stay).
    pub editing: Option<Opinion>,
}

/// Opens the dialog for an opinion on `target`, written on the view being edited.
pub fn open(cx: &mut PanelCtx<'_>, target: Target, label: String) {
    let office = cx
        .doc
        .plan_unsynced()
        .review
        .offices
        .get(1)
        .or_else(|| cx.doc.plan_unsynced().review.offices.first())
        .cloned()
        .unwrap_or_default();
    *cx.dialog = Some(Dialog::Opinion(Box::new(OpinionDraft {
        target,
        scenario: cx.doc.view().scenario().cloned(),
        label,
        office,
        date: PlanDate::today().to_string(),
        text: String::new(),
        error: None,
        editing: None,
    })));
}

/// Opens the dialog on an opinion to edit (its office, date and text), its object named
/// `label`.
pub fn edit(cx: &mut PanelCtx<'_>, opinion: &Opinion, label: String) {
    *cx.dialog = Some(Dialog::Opinion(Box::new(OpinionDraft {
        target: opinion.target.clone(),
        scenario: opinion.scenario.clone(),
        label,
        office: opinion.office.clone(),
        date: opinion.date.to_string(),
        text: opinion.text.clone(),
        error: None,
        editing: Some(opinion.clone()),
    })));
}

/// The offices a writer or a replier may be: the plan's list, then its bodies' names.
pub fn offices(cx: &PanelCtx<'_>) -> Vec<String> {
    let mut names = cx.doc.plan_unsynced().review.offices.clone();
    for body in cx.doc.state().bodies().values() {
        if !names.contains(&body.name) {
            names.push(body.name.clone());
        }
    }
    names
}

/// Draws the dialog.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let offices = offices(cx);
    let Some(Dialog::Opinion(draft)) = &mut *cx.dialog else {
        return;
    };
    ui.heading(if draft.editing.is_some() {
        review::edit_title(lang)
    } else {
        review::dialog_title(lang)
    });
    egui::Grid::new("opinion-dialog")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            ui.label(review::object_label(lang));
            ui.label(RichText::new(&draft.label).strong());
            ui.end_row();
            let label = ui.label(review::office_label(lang));
            ComboBox::from_id_salt("opinion-office")
                .selected_text(draft.office.as_str())
                .width(240.0)
                .show_ui(ui, |ui| {
                    for office in &offices {
                        ui.selectable_value(&mut draft.office, office.clone(), office.as_str());
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(review::date_label(lang));
            ui.add(TextEdit::singleline(&mut draft.date).desired_width(120.0))
                .labelled_by(label.id);
            ui.end_row();
        });
    let label = ui.label(review::text_label(lang));
    let text = ui
        .add(
            TextEdit::multiline(&mut draft.text)
                .hint_text(review::text_hint(lang))
                .desired_rows(4)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    // The text takes the keys when the dialog opens, not once another field has them.
    if draft.text.is_empty() && ui.memory(|m| m.focused().is_none()) {
        text.request_focus();
    }
    let date = PlanDate::parse(&draft.date);
    let why = match (&date, draft.text.trim().is_empty()) {
        (Err(e), _) => Some(e.to_string()),
        (Ok(_), true) => None,
        (Ok(_), false) => draft.error.clone(),
    };
    if let Some(why) = &why {
        ui.label(RichText::new(why).color(theme::ERROR_TEXT));
    }
    let ready = date.is_ok() && !draft.text.trim().is_empty() && !draft.office.trim().is_empty();
    let action = date.ok().map(|date| {
        let opinion = Opinion {
            id: OpinionId(String::new()),
            scenario: draft.scenario.clone(),
            target: draft.target.clone(),
            office: draft.office.trim().to_owned(),
            text: draft.text.trim().to_owned(),
            status: OpinionStatus::Pending,
            date,
            answer: None,
        };
        match &draft.editing {
            // An edit keeps the opinion's id, status and answer.
            Some(old) => Action::EditOpinion(Box::new(Opinion {
                id: old.id.clone(),
                status: old.status,
                answer: old.answer.clone(),
                ..opinion
            })),
            None => Action::AddOpinion(Box::new(opinion)),
        }
    });
    let confirm = if draft.editing.is_some() {
        review::save(lang)
    } else {
        review::confirm(lang)
    };
    ui.separator();
    ui.horizontal(|ui| {
        let add = ui.add_enabled(ready, egui::Button::new(RichText::new(confirm).strong()));
        if add.clicked()
            && let Some(action) = action
        {
            cx.out.push(action);
        }
        if ui.button(T::Cancel.get(lang)).clicked() {
            cx.out.push(Command::CloseDialog);
        }
    });
}
