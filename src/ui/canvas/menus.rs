//! The right-click menus of the lanes: a body's (its details, its powers shown or hidden, move it
//! to another level, 赋权, a review opinion on it, abolish it) and a power chip's (its details,
//! transfer it to a body of any lane, lead ↔ assist, a review opinion on the power, give it up).
//! Each item pushes the same [`Command`] that the inspector or a drag would, or opens the same
//! dialog, so a menu adds no second way of editing, only a shorter path to it.

use egui::Response;

use super::toggle;
use crate::model::{BodyId, Holding, JurisdictionId, Level, PowerId, Role};
use crate::plan::Operation;
use crate::ui::command::GrantFrom;
use crate::ui::command::{Action, Command};
use crate::ui::i18n::menus as text;
use crate::ui::panels::PanelCtx;
use crate::ui::state::Selection;

/// The jurisdictions a menu offers as places, in the order of the lanes (city, then each
/// district followed by its streets), by name.
fn places(cx: &PanelCtx<'_>) -> Vec<(JurisdictionId, String, Level)> {
    let state = cx.doc.state();
    let mut places: Vec<(JurisdictionId, String, Level)> = state
        .jurisdictions()
        .values()
        .map(|j| (j.id.clone(), j.name.clone(), j.level))
        .collect();
    places.sort_by_key(|(id, _, level)| {
        let district = match level {
            Level::City => None,
            Level::District => Some(id.clone()),
            Level::Street => state.district_of(id).cloned(),
        };
        (
            *level != Level::City,
            district,
            *level == Level::Street,
            id.clone(),
        )
    });
    places
}

/// A body's context menu.
pub fn body_menu(cx: &mut PanelCtx<'_>, response: &Response, id: &BodyId) {
    let lang = cx.state.lang;
    response.context_menu(|ui| {
        let Some(body) = cx.doc.state().body(id) else {
            return;
        };
        let here = body.jurisdiction.clone();
        if ui.button(text::details(lang)).clicked() {
            cx.out.push(Action::Select(Selection::Body(id.clone())));
            ui.close();
        }
        let shown = cx.state.canvas.expanded.contains(id);
        if ui.button(text::powers_shown(lang, shown)).clicked() {
            toggle(&mut cx.state.canvas.expanded, id);
            ui.close();
        }
        ui.menu_button(text::move_to(lang), |ui| {
            for (place, name, level) in places(cx) {
                if place == here {
                    continue;
                }
                let label = text::place_label(lang, &name, level);
                if ui.button(label).clicked() {
                    cx.out.push(Action::Apply(Operation::MoveBody {
                        body: id.clone(),
                        to: place,
                    }));
                    ui.close();
                }
            }
        });
        if crate::ui::streets::grant_district_of_body(cx.doc.state(), id).is_some() {
            let command = Action::OpenGrant(GrantFrom::Body(id.clone()));
            if ui.button(Command::GrantDialog.label(lang)).clicked() {
                cx.out.push(command);
                ui.close();
            }
        }
        if ui.button(crate::ui::i18n::review::add(lang)).clicked() {
            let name = cx.body_name(id);
            crate::ui::panels::opinion::open(cx, crate::plan::Target::Body(id.clone()), name);
            ui.close();
        }
        ui.separator();
        if ui
            .button(text::abolish(lang))
            .on_hover_text(text::abolish_tip(lang))
            .clicked()
        {
            cx.out
                .push(Action::Apply(Operation::AbolishBody { body: id.clone() }));
            ui.close();
        }
    });
}

/// A power chip's context menu (the power as held by `body`).
pub fn chip_menu(cx: &mut PanelCtx<'_>, response: &Response, power: &PowerId, body: &BodyId) {
    let lang = cx.state.lang;
    response.context_menu(|ui| {
        let state = cx.doc.state();
        let Some(holding) = state.holding(power, body).cloned() else {
            return;
        };
        if ui.button(text::power_details(lang)).clicked() {
            cx.out.push(Action::Select(Selection::Power(power.clone())));
            ui.close();
        }
        if ui.button(crate::ui::i18n::review::add(lang)).clicked() {
            let name = crate::text::Names::of(cx.doc.state()).power_coded(power);
            crate::ui::panels::opinion::open(cx, crate::plan::Target::Power(power.clone()), name);
            ui.close();
        }
        if holding.role.is_lead() {
            ui.menu_button(text::transfer_to(lang), |ui| {
                for (place, name, level) in places(cx) {
                    let bodies: Vec<(BodyId, String)> = cx
                        .doc
                        .state()
                        .bodies_in(&place)
                        .filter(|b| &b.id != body)
                        .map(|b| (b.id.clone(), b.name.clone()))
                        .collect();
                    if bodies.is_empty() {
                        continue;
                    }
                    ui.menu_button(text::place_label(lang, &name, level), |ui| {
                        for (to, to_name) in bodies {
                            if ui.button(to_name).clicked() {
                                cx.out.push(Action::PromptTransfer {
                                    powers: vec![(power.clone(), body.clone())],
                                    to,
                                });
                                ui.close();
                            }
                        }
                    });
                }
            });
        }
        let other_role = match holding.role {
            Role::Lead => Some(Role::Assist),
            Role::Assist => Some(Role::Lead),
            Role::Entrusted { .. } => None,
        };
        if let Some(role) = other_role {
            let label = text::role_to(lang, &role);
            if ui.button(label).clicked() {
                cx.out.push(Action::Apply(Operation::SetHolding {
                    holding: Holding { role, ..holding },
                }));
                ui.close();
            }
        }
        if ui
            .button(text::give_up(lang))
            .on_hover_text(text::give_up_tip(lang))
            .clicked()
        {
            cx.out.push(Action::Apply(Operation::RemoveHolding {
                power: power.clone(),
                body: body.clone(),
            }));
            ui.close();
        }
    });
}
