//! Edits of the document from the window: one gesture applied whole or not at all, the question
//! before an edit made at an earlier step, grants, deletions, views and scenarios.

use super::ShiquanApp;
use crate::model::ScenarioId;
use crate::session::View;
use crate::ui::command::Command;
use crate::ui::i18n::{self, T};
use crate::ui::panels::Dialog;
use crate::ui::panels::{self};
use crate::ui::state::Selection;

impl ShiquanApp {
    /// Applies the operations of one gesture: all or none, one undo step.
    /// With later steps in the history, nothing is applied yet: the window asks first.
    pub(super) fn apply_operations(&mut self, ops: Vec<crate::plan::Operation>) {
        if ops.is_empty() {
            return;
        }
        if self.doc.later_steps() > 0 {
            self.ask_before_edit(panels::history::PendingEdit::Apply(ops));
            return;
        }
        self.apply_operations_at(ops, crate::session::LaterSteps::Discard);
    }

    /// Applies the operations of one gesture at the history cursor, `later` saying what
    /// becomes of the later steps; what it did, or `None` when refused (the status bar says
    /// why).
    pub(super) fn apply_operations_at(
        &mut self,
        ops: Vec<crate::plan::Operation>,
        later: crate::session::LaterSteps,
    ) -> Option<crate::session::Replayed> {
        let n = ops.len();
        match self.doc.apply_at_cursor(ops, later) {
            Ok(report) => {
                self.state.message = None;
                Some(report)
            }
            Err((i, e)) => {
                let why = e.to_string();
                let why = crate::ui::streets::in_language(&why, self.state.lang);
                let text = i18n::refused(self.state.lang, i, n, why);
                self.say(text, true);
                None
            }
        }
    }

    /// Applies a grant from the grant dialog: it closes on success; a refusal stays in it, in
    /// the user's language. With later steps in the history the window asks first.
    pub(super) fn grant(&mut self, op: crate::plan::Operation) {
        if self.doc.later_steps() > 0 {
            self.ask_before_edit(panels::history::PendingEdit::Grant(op));
            return;
        }
        self.grant_at(op, crate::session::LaterSteps::Discard);
    }

    /// Applies a grant at the history cursor, `later` saying what becomes of the later steps;
    /// what it did, or `None` when refused.
    pub(super) fn grant_at(
        &mut self,
        op: crate::plan::Operation,
        later: crate::session::LaterSteps,
    ) -> Option<crate::session::Replayed> {
        let lang = self.state.lang;
        let (summary, problems) = match &op {
            crate::plan::Operation::GrantToStreets {
                powers, receivers, ..
            } => (
                i18n::streets::granted_done(lang, powers.len(), receivers.len()),
                crate::ui::streets::check(self.doc.state(), powers, receivers),
            ),
            _ => (String::new(), Vec::new()),
        };
        match self.doc.apply_at_cursor(vec![op], later) {
            Ok(report) => {
                if matches!(self.dialog, Some(Dialog::Grant(_))) {
                    self.dialog = None;
                }
                self.say(summary, false);
                Some(report)
            }
            Err((_, e)) => {
                // Said by name where the window knows why; else the operation's own words.
                let why = match problems.first() {
                    Some(p) => i18n::streets::problem(lang, self.doc.state(), p),
                    None => crate::ui::streets::in_language(&e.to_string(), lang).to_owned(),
                };
                match &mut self.dialog {
                    Some(Dialog::Grant(dialog)) => dialog.error = Some(why),
                    _ => self.say(i18n::refused(lang, 0, 1, &why), true),
                }
                None
            }
        }
    }

    /// Issue 17: an edit arrived while the history has later steps. Nothing is applied yet;
    /// the window asks whether to insert it and replay them, or discard them.
    pub(super) fn ask_before_edit(&mut self, edit: panels::history::PendingEdit) {
        let back = self.dialog.take().map(Box::new);
        let question = panels::history::EditQuestion { edit, back };
        self.dialog = Some(Dialog::EditBeforeLaterSteps(Box::new(question)));
    }

    /// Applies the edit that asked, as the user answered; lists the steps a replay dropped.
    pub(super) fn edit_before_later_steps(&mut self, later: crate::session::LaterSteps) {
        let Some(Dialog::EditBeforeLaterSteps(question)) = self.dialog.take() else {
            return;
        };
        let panels::history::EditQuestion { edit, back } = *question;
        self.dialog = back.map(|back| *back);
        let at = self.doc.history().cursor();
        let report = match edit {
            panels::history::PendingEdit::Apply(ops) => self.apply_operations_at(ops, later),
            panels::history::PendingEdit::Grant(op) => self.grant_at(op, later),
        };
        if let Some(report) = report {
            let lang = self.state.lang;
            let (said, list) = panels::history::outcome(&report, at, &self.doc, lang);
            let said = match self.state.message.take() {
                Some(before) if !before.error => format!("{} · {said}", before.text),
                _ => said,
            };
            self.say(said, false);
            if list.is_some() {
                self.dialog = list;
            }
        }
    }

    /// Asks before saving or leaving a view that has later steps (issue 17); true when it
    /// asked, `then` waiting for the answer.
    pub(super) fn ask_before_leaving(&mut self, then: panels::history::Leave) -> bool {
        if self.doc.later_steps() == 0 {
            return false;
        }
        self.dialog = Some(Dialog::LeaveWithLaterSteps(then));
        true
    }

    /// Saves or leaves as the user answered: with every step (the cursor moves to the end) or
    /// with those up to the cursor (the later ones dropped, undoably).
    pub(super) fn leave_with_later_steps(&mut self, keep: crate::ui::command::KeepLater) {
        let Some(Dialog::LeaveWithLaterSteps(then)) = self.dialog.take() else {
            return;
        };
        match keep {
            crate::ui::command::KeepLater::All => self.doc.jump_to_end(),
            crate::ui::command::KeepLater::UpToCursor => {
                self.doc.drop_later_steps();
            }
        }
        match then {
            panels::history::Leave::Save { as_new } => {
                self.save(as_new, false);
            }
            panels::history::Leave::Switch(view) => self.switch_view(view),
        }
    }

    /// Opens the lanes of the district whose street holds what is to be focused.
    pub(super) fn open_district_of(&mut self, selection: &Selection) {
        let state = self.doc.state();
        let place = match selection {
            Selection::Body(b) => state.body(b).map(|b| &b.jurisdiction),
            Selection::Jurisdiction(j) => Some(j),
            _ => None,
        };
        if let Some(place) = place
            && state
                .jurisdiction(place)
                .is_some_and(|j| j.level == crate::model::Level::Street)
            && let Some(district) = state.district_of(place)
        {
            self.state.canvas.open_districts.insert(district.clone());
        }
    }

    pub(super) fn delete_selection(&mut self) {
        let mut bodies: Vec<_> = self.state.canvas.selected_bodies.iter().cloned().collect();
        if let Selection::Body(b) = &self.state.selection
            && !bodies.contains(b)
        {
            bodies.push(b.clone());
        }
        let ops = bodies
            .into_iter()
            .filter(|b| self.doc.state().body(b).is_some())
            .map(|body| crate::plan::Operation::AbolishBody { body })
            .collect::<Vec<_>>();
        if ops.is_empty() {
            self.say(T::NothingSelected.get(self.state.lang).into(), false);
        } else {
            self.state.canvas.selected_bodies.clear();
            self.apply_operations(ops);
        }
    }

    pub(super) fn drop_stale_selection(&mut self) {
        let state = self.doc.state();
        let gone = match &self.state.selection {
            Selection::Body(b) => state.body(b).is_none(),
            Selection::Power(p) => state.power(p).is_none(),
            Selection::Jurisdiction(j) => state.jurisdiction(j).is_none(),
            Selection::None => false,
        };
        if gone {
            self.state.selection = Selection::None;
        }
        self.state
            .canvas
            .selected_bodies
            .retain(|b| state.body(b).is_some());
        self.state
            .canvas
            .selected_chips
            .retain(|(p, b)| state.holding(p, b).is_some_and(|h| h.role.is_lead()));
    }

    pub(super) fn switch_view(&mut self, view: View) {
        if &view == self.doc.view()
            || self.ask_before_leaving(panels::history::Leave::Switch(view.clone()))
        {
            return;
        }
        match self.doc.switch_to(view) {
            Ok(()) => {
                if self.doc.view().scenario().is_none() {
                    self.state.compare = false;
                }
                self.remember_view();
            }
            Err(e) => self.say_plan_error(&e.to_string()),
        }
    }

    pub(super) fn create_scenario(&mut self, name: String, duplicate: bool) {
        let plan = self.doc.plan_unsynced();
        let mut n = plan.scenarios.len() + 1;
        let id = loop {
            let id = ScenarioId::new(format!("scenario-{n}"));
            if plan.scenario(&id).is_none() {
                break id;
            }
            n += 1;
        };
        let result = match (duplicate, self.doc.view().scenario().cloned()) {
            (true, Some(source)) => self.doc.duplicate_scenario(&source, id, name),
            _ => self.doc.new_scenario(id, name),
        };
        if let Err(e) = result {
            self.say_plan_error(&e.to_string());
        }
    }

    /// The commands about the view's scenarios: ask a name, create, copy, rename, delete.
    pub(super) fn apply_scenario_command(&mut self, command: Command) {
        let lang = self.state.lang;
        let in_scenario = self.doc.view().scenario().is_some();
        match command {
            Command::NewScenario => {
                self.dialog = Some(Dialog::NewScenario {
                    name: T::NewScenarioName.get(lang).to_owned(),
                    duplicate: false,
                });
            }
            Command::DuplicateScenario if in_scenario => {
                let name = format!(
                    "{}{}",
                    panels::top_bar::current_view_name(&self.ctx_parts()),
                    T::CopySuffix.get(lang)
                );
                self.dialog = Some(Dialog::NewScenario {
                    name,
                    duplicate: true,
                });
            }
            Command::RenameScenario if in_scenario => {
                let name = panels::top_bar::current_view_name(&self.ctx_parts());
                self.dialog = Some(Dialog::RenameScenario { name });
            }
            Command::DeleteScenario if in_scenario => {
                self.dialog = Some(Dialog::DeleteScenario);
            }
            Command::DeleteScenarioConfirmed => {
                self.dialog = None;
                if let Some(id) = self.doc.view().scenario().cloned() {
                    match self.doc.delete_scenario(&id) {
                        Ok(()) => self.state.compare = false,
                        Err(e) => self.say_plan_error(&e.to_string()),
                    }
                }
            }
            _ => {}
        }
    }

    /// Renames the current scenario (the rename dialog's answer).
    pub(super) fn rename_scenario_to(&mut self, name: String) {
        self.dialog = None;
        if let Some(id) = self.doc.view().scenario().cloned()
            && let Err(e) = self.doc.rename_scenario(&id, name)
        {
            self.say_plan_error(&e.to_string());
        }
    }
}
