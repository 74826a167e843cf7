//! The top bar: menus 文件 / 编辑 / 视图 / 方案 / 帮助, the scenario picker with its buttons, the
//! compare toggle, the search box and the 中文 / English switch.

use egui::{TextEdit, Ui};

use super::PanelCtx;
use crate::session::View;
use crate::text::Lang;
use crate::ui::command::{Action, Command};
use crate::ui::i18n::{self, T};
use crate::ui::state::Tab;

/// Draws the menu row and the tool row.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>, recent: &[std::path::PathBuf]) {
    egui::MenuBar::new().ui(ui, |ui| {
        menus(ui, cx, recent);
    });
    ui.horizontal(|ui| tools(ui, cx));
}

fn menus(ui: &mut Ui, cx: &mut PanelCtx<'_>, recent: &[std::path::PathBuf]) {
    let is_scenario = cx.doc.view().scenario().is_some();
    ui.menu_button(cx.t(T::MenuFile), |ui| {
        cx.command_button(ui, Command::NewPlan, true);
        cx.command_button(ui, Command::Open, true);
        cx.command_button(ui, Command::OpenSeed, true);
        ui.menu_button(cx.t(T::MenuRecent), |ui| {
            if recent.is_empty() {
                ui.label(cx.t(T::NoRecent));
            }
            for path in recent {
                if ui.button(path.display().to_string()).clicked() {
                    cx.out.push(Action::OpenPath(path.clone()));
                }
            }
        });
        ui.separator();
        cx.command_button(ui, Command::Save, true);
        cx.command_button(ui, Command::SaveAs, true);
        ui.separator();
        cx.command_button(ui, Command::ImportList, true);
        cx.command_button(ui, Command::MergePlans, true);
        let scenarios = !cx.doc.plan_unsynced().scenarios.is_empty();
        cx.command_button(ui, Command::DocumentDialog, scenarios);
        ui.menu_button(cx.t(T::CmdExport), |ui| {
            for format in crate::io::export::ExportFormat::ALL {
                cx.command_button(ui, Command::Export(format), true);
            }
        });
        ui.separator();
        cx.command_button(ui, Command::Quit, true);
    });
    ui.menu_button(cx.t(T::MenuEdit), |ui| {
        cx.command_button(ui, Command::Undo, cx.doc.can_undo());
        cx.command_button(ui, Command::Redo, cx.doc.can_redo());
        ui.separator();
        cx.command_button(ui, Command::Find, true);
        let any = !cx.state.canvas.selected_bodies.is_empty()
            || matches!(cx.state.selection, crate::ui::state::Selection::Body(_));
        cx.command_button(ui, Command::DeleteSelection, any);
        ui.separator();
        let streets = !crate::ui::streets::districts_with_streets(cx.doc.state()).is_empty();
        cx.command_button(ui, Command::GrantDialog, streets);
    });
    ui.menu_button(cx.t(T::MenuView), |ui| {
        for tab in Tab::ALL {
            cx.command_button(ui, Command::ShowTab(tab), true);
        }
        ui.separator();
        cx.command_button(ui, Command::FitView, true);
        cx.command_button(ui, Command::ToggleCompare, is_scenario);
        cx.command_button(ui, Command::ClearFilters, cx.state.filters.any());
        ui.separator();
        cx.command_button(ui, Command::SetLang(Lang::Zh), true);
        cx.command_button(ui, Command::SetLang(Lang::En), true);
    });
    ui.menu_button(cx.t(T::MenuScenario), |ui| {
        if ui.button(cx.t(T::Baseline)).clicked() {
            cx.out.push(Action::SwitchView(View::Baseline));
        }
        for s in &cx.doc.plan_unsynced().scenarios {
            if ui.button(&s.name).clicked() {
                cx.out
                    .push(Action::SwitchView(View::Scenario(s.id.clone())));
            }
        }
        ui.separator();
        cx.command_button(ui, Command::NewScenario, true);
        cx.command_button(ui, Command::DuplicateScenario, is_scenario);
        cx.command_button(ui, Command::RenameScenario, is_scenario);
        cx.command_button(ui, Command::DeleteScenario, is_scenario);
        ui.separator();
        cx.command_button(ui, Command::ShowRules, true);
    });
    ui.menu_button(cx.t(T::MenuHelp), |ui| {
        cx.command_button(ui, Command::Help, true);
        cx.command_button(ui, Command::About, true);
    });
}

fn tools(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let current = current_view_name(cx);
    let label = ui.label(cx.t(T::ScenarioPicker));
    egui::ComboBox::from_id_salt("scenario-picker")
        .selected_text(current)
        .width(220.0)
        .show_ui(ui, |ui| {
            let here = cx.doc.view().clone();
            if ui
                .selectable_label(here == View::Baseline, cx.t(T::Baseline))
                .clicked()
            {
                cx.out.push(Action::SwitchView(View::Baseline));
            }
            for s in &cx.doc.plan_unsynced().scenarios {
                let view = View::Scenario(s.id.clone());
                if ui.selectable_label(here == view, &s.name).clicked() {
                    cx.out.push(Action::SwitchView(view));
                }
            }
        })
        .response
        .labelled_by(label.id);
    let is_scenario = cx.doc.view().scenario().is_some();
    cx.small_command(ui, Command::NewScenario, T::BtnNew, true);
    cx.small_command(ui, Command::DuplicateScenario, T::BtnDuplicate, is_scenario);
    cx.small_command(ui, Command::RenameScenario, T::BtnRename, is_scenario);
    cx.small_command(ui, Command::DeleteScenario, T::BtnDelete, is_scenario);
    ui.separator();
    let mut compare = cx.state.compare;
    let toggle = ui
        .add_enabled(
            is_scenario,
            egui::Checkbox::new(&mut compare, cx.t(T::CmdCompare)),
        )
        .on_hover_text(Command::ToggleCompare.tooltip(cx.state.lang, ui.ctx()));
    if toggle.changed() {
        cx.out.push(Command::ToggleCompare);
    }
    ui.separator();
    cx.small_command(ui, Command::Undo, T::CmdUndo, cx.doc.can_undo());
    cx.small_command(ui, Command::Redo, T::CmdRedo, cx.doc.can_redo());
    ui.separator();
    let search_label = ui.label(cx.t(T::Search));
    let search_id = egui::Id::unique("search-box");
    let hint = cx.t(T::SearchHint);
    let response = ui
        .add(
            TextEdit::singleline(&mut cx.state.search)
                .id(search_id)
                .hint_text(hint)
                .desired_width(200.0),
        )
        .labelled_by(search_label.id);
    if cx.state.focus_search {
        response.request_focus();
        cx.state.focus_search = false;
    }
    if response.changed() {
        cx.state.search_at = None;
    }
    if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        let back = ui.input(|i| i.modifiers.shift);
        step_hit(cx, back);
        response.request_focus();
    }
    if !cx.state.search.trim().is_empty() {
        let lang = cx.state.lang;
        let hits = cx.derived.body_hits.len() + cx.derived.power_hits.len();
        if hits > 0 {
            if ui
                .small_button("▲")
                .on_hover_text(i18n::help::search_previous(lang))
                .clicked()
            {
                step_hit(cx, true);
            }
            if ui
                .small_button("▼")
                .on_hover_text(i18n::help::search_next(lang))
                .clicked()
            {
                step_hit(cx, false);
            }
        }
        let label = match cx.state.search_at {
            Some(at) if hits > 0 => i18n::help::hit_of(lang, at + 1, hits),
            _ => i18n::hits(lang, hits),
        };
        ui.label(label);
    }
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        for lang in [Lang::En, Lang::Zh] {
            let text = Command::SetLang(lang).label(lang);
            if ui.selectable_label(cx.state.lang == lang, text).clicked() {
                cx.out.push(Command::SetLang(lang));
            }
        }
    });
}

/// Goes to the next (or previous) search hit: bodies first, top lane to bottom, then powers by
/// code; a body is brought into view in the lanes, a power shown in the inspector.
fn step_hit(cx: &mut PanelCtx<'_>, back: bool) {
    use crate::ui::state::Selection;
    let bodies: Vec<&crate::model::BodyId> = cx
        .derived
        .lane_order
        .iter()
        .filter_map(|j| cx.derived.bodies_by_jurisdiction.get(j))
        .flatten()
        .filter(|b| cx.derived.body_hits.contains(*b))
        .collect();
    let total = bodies.len() + cx.derived.power_hits.len();
    if total == 0 {
        return;
    }
    let at = match (cx.state.search_at, back) {
        (None, false) => 0,
        (None, true) => total - 1,
        (Some(at), false) => (at + 1) % total,
        (Some(at), true) => (at + total - 1) % total,
    };
    cx.state.search_at = Some(at);
    let selection = match bodies.get(at) {
        Some(b) => Selection::Body((*b).clone()),
        None => match cx.derived.power_hits.iter().nth(at - bodies.len()) {
            Some(p) => Selection::Power(p.clone()),
            None => return,
        },
    };
    match selection {
        Selection::Body(_) => cx.out.push(Action::Focus(selection)),
        _ => cx.out.push(Action::Select(selection)),
    }
}

/// The name of the current view for the picker.
pub fn current_view_name(cx: &PanelCtx<'_>) -> String {
    view_name(cx, cx.doc.view())
}

/// The name of a view: 现状, or the scenario's name.
pub fn view_name(cx: &PanelCtx<'_>, view: &View) -> String {
    match view {
        View::Baseline => cx.t(T::Baseline).to_owned(),
        View::Scenario(id) => cx
            .doc
            .plan_unsynced()
            .scenario(id)
            .map_or_else(|| id.to_string(), |s| s.name.clone()),
    }
}

impl PanelCtx<'_> {
    /// A small toolbar button with a short label; the tooltip is the command's.
    pub fn small_command(&mut self, ui: &mut Ui, command: Command, label: T, enabled: bool) {
        let lang = self.state.lang;
        let r = ui
            .add_enabled(enabled, egui::Button::new(label.get(lang)))
            .on_hover_text(command.tooltip(lang, ui.ctx()));
        if r.clicked() {
            self.out.push(command);
        }
    }
}
