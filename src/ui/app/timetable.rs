//! The timetable from the window: a step's effective date and document set from the 变更
//! list's editor (an undoable edit, refused with the reason when the scenario could then not
//! take effect on one of its dates), and the date bar's date looked at (not an edit).

use super::ShiquanApp;
use crate::plan::{PlanDate, Timing};

impl ShiquanApp {
    /// Sets a step's timing; the editor closes on success and shows the refusal otherwise.
    pub(super) fn set_timing(&mut self, step: usize, timing: Timing) {
        match self.doc.set_timing(step, timing) {
            Ok(_) => {
                self.state.timing_edit = None;
                self.state.message = None;
            }
            Err(e) => {
                let text = e.to_string();
                if let Some(edit) = self.state.timing_edit.as_mut() {
                    edit.error = Some(text.clone());
                }
                self.say_plan_error(&text);
            }
        }
    }

    /// Shows the scenario on `date` (`None`: every step).
    pub(super) fn view_at(&mut self, date: Option<PlanDate>) {
        if let Err(e) = self.doc.view_at(date) {
            self.say_plan_error(&e.to_string());
        }
    }
}
