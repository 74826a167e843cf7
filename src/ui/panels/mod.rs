//! The panels around the centre: top bar, jurisdiction tree, inspector, findings list, status
//! bar and the modal dialogs. Each gets a [`PanelCtx`]: the document read-only, the window's
//! own state mutable, and the command queue to push edits into.

pub mod dialogs;
pub mod file_browser;
pub mod findings;
pub mod grant;
pub mod help;
pub mod history;
pub mod import;
pub mod inspector;
pub mod rules;
pub mod status;
pub mod top_bar;
pub mod tree;

use super::command::Command;
use super::derived::Derived;
use super::i18n::T;
use super::state::UiState;
use crate::model::{BodyId, JurisdictionId};
use crate::session::Document;

/// What a panel may see and touch while drawing.
pub struct PanelCtx<'a> {
    /// The document: read only.
    pub doc: &'a Document,
    /// The window's state.
    pub state: &'a mut UiState,
    /// Cached numbers.
    pub derived: &'a Derived,
    /// Commands to apply after the frame.
    pub out: &'a mut Vec<Command>,
}

impl PanelCtx<'_> {
    /// A text in the current language.
    pub fn t(&self, t: T) -> &'static str {
        t.get(self.state.lang)
    }

    /// The name of a body, or its id if it is gone.
    pub fn body_name(&self, id: &BodyId) -> String {
        self.doc
            .state()
            .body(id)
            .map_or_else(|| id.to_string(), |b| b.name.clone())
    }

    /// The name of a jurisdiction, or its id.
    pub fn jurisdiction_name(&self, id: &JurisdictionId) -> String {
        self.doc
            .state()
            .jurisdiction(id)
            .or_else(|| self.doc.baseline().jurisdiction(id))
            .map_or_else(|| id.to_string(), |j| j.name.clone())
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
