//! What every panel, tab and the canvas get while drawing ([`PanelCtx`]): the document read
//! only, the window's view state, the caches, the open dialog and the inspector's buffer
//! mutable, and the queue of commands to apply after the frame; with the helpers they share
//! (a text in the current language, a body's or a place's name, a command's button).

use super::Dialog;
use super::inspector::Buffer;
use crate::model::{BodyId, JurisdictionId};
use crate::session::Document;
use crate::text::Names;
use crate::ui::cache::{Derived, ViewCaches};
use crate::ui::command::{Command, Queue};
use crate::ui::i18n::T;
use crate::ui::state::UiState;

/// What a panel may see and touch while drawing.
pub struct PanelCtx<'a> {
    /// The document: read only.
    pub doc: &'a Document,
    /// The window's state.
    pub state: &'a mut UiState,
    /// The derived numbers (counts, findings in order, search hits), up to date.
    pub derived: &'a Derived,
    /// The views' caches, up to date (the findings' texts fill in as rows are shown).
    pub caches: &'a mut ViewCaches,
    /// The open modal dialog, if any.
    pub dialog: &'a mut Option<Dialog>,
    /// The inspector's edit buffer.
    pub inspector: &'a mut Buffer,
    /// Commands to apply after the frame.
    pub out: &'a mut Queue,
}

impl PanelCtx<'_> {
    /// A text in the current language.
    pub fn t(&self, t: T) -> &'static str {
        t.get(self.state.lang)
    }

    /// The name of a body, or its id if it is gone.
    pub fn body_name(&self, id: &BodyId) -> String {
        Names::of(self.doc.state()).body(id)
    }

    /// The name of a jurisdiction, or its id.
    pub fn jurisdiction_name(&self, id: &JurisdictionId) -> String {
        Names::new(self.doc.state(), self.doc.baseline()).jurisdiction(id)
    }

    /// A menu or toolbar button for a command: label, tooltip, shortcut text; pushes the command
    /// when clicked.
    pub fn command_button(&mut self, ui: &mut egui::Ui, command: Command, enabled: bool) {
        let lang = self.state.lang;
        let mut button = egui::Button::new(command.label(lang));
        if let Some(s) = command.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&s));
        }
        let response = ui
            .add_enabled(enabled, button)
            .on_hover_text(command.tooltip(lang, ui.ctx()));
        if response.clicked() {
            self.out.push(command);
        }
    }
}
