//! The grant dialog (赋权, 行政处罚法 第24条): a district's penalty powers, with their inspections
//! and coercive measures, to bodies of its streets, in one step.
//!
//! From top to bottom: the district; its streets, each chosen or not and with the body that
//! receives (all streets, or a subset); the powers the district's bodies lead in its streets,
//! grouped by field (a field's box chooses all of its listed powers), narrowed by a field and a
//! search, several at once; the province's decision (批准机关, 文号) and the evaluation date.
//! What would keep the grant from applying is said by name before it is sent
//! ([`crate::ui::streets::check_with`]), with a button that drops the powers in the way; the
//! grant goes out as one `Operation::GrantToStreets` through [`Action::Grant`], and a refusal
//! comes back into the dialog in the user's language.
//!
//! The candidates are read once per (revision, district) and kept in the dialog's state; the
//! list lays out only its visible rows (a province's district offers hundreds of items).

use std::sync::Arc;

use egui::{Checkbox, ComboBox, RichText, ScrollArea, TextEdit, Ui};

use super::PanelCtx;
use crate::model::{JurisdictionId, PowerId};
use crate::text::Label;
use crate::ui::command::{Action, Command};
use crate::ui::i18n::{self, T};
use crate::ui::panels::Dialog;
use crate::ui::panels::modal::GrantDialog;
use crate::ui::streets::{self, Candidate};
use crate::ui::theme;

/// Height of the candidates' list.
const LIST_H: f32 = 230.0;
/// Most height the streets take before they scroll.
const STREETS_H: f32 = 150.0;
/// How many problems are listed by name.
const PROBLEMS_SHOWN: usize = 5;

/// One row of the candidates' list.
enum Row<'c> {
    /// A field's header: the field, and its listed candidates.
    Field(&'c str, Vec<&'c Candidate>),
    /// A candidate.
    Power(&'c Candidate),
}

/// Draws the dialog.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let Some(Dialog::Grant(mut d)) = cx.dialog.clone() else {
        return;
    };
    ui.set_min_width(720.0);
    ui.set_max_width(820.0);
    let lang = cx.state.lang;
    let state = cx.doc.state();
    if let Some(district) = d.district.clone() {
        let wanted = (cx.doc.revision(), district.clone());
        if d.candidates_for.as_ref() != Some(&wanted) {
            d.candidates = Arc::new(streets::candidates(state, &district));
            d.candidates_for = Some(wanted);
        }
    }
    ui.heading(T::GrantTitle.get(lang));
    ui.label(
        RichText::new(T::GrantLaw.get(lang))
            .small()
            .color(theme::TEXT_WEAK),
    );
    ui.separator();
    district_row(ui, cx, &mut d);
    ui.add_space(4.0);
    receivers(ui, cx, &mut d);
    ui.separator();
    powers(ui, cx, &mut d);
    ui.separator();
    decision(ui, cx, &mut d);
    let ready = messages(ui, cx, &mut d);
    ui.separator();
    let receivers = d.receivers();
    ui.horizontal(|ui| {
        let button = egui::Button::new(RichText::new(T::GrantApply.get(lang)).strong());
        let why_not = if d.powers.is_empty() {
            streets::Problem::NoPowers
        } else {
            streets::Problem::NoReceivers
        };
        let r = ui
            .add_enabled(ready, button)
            .on_hover_text(i18n::streets::grant_summary(
                lang,
                d.powers.len(),
                receivers.len(),
            ))
            .on_disabled_hover_text(i18n::streets::problem(lang, state, &why_not));
        if r.clicked() {
            d.error = None;
            cx.out.push(Action::Grant(d.operation()));
        }
        if ui.button(T::Cancel.get(lang)).clicked() {
            cx.out.push(Command::CloseDialog);
        }
        if ready {
            ui.label(
                RichText::new(i18n::streets::grant_summary(
                    lang,
                    d.powers.len(),
                    receivers.len(),
                ))
                .color(theme::TEXT_WEAK),
            );
        }
    });
    if let Some(Dialog::Grant(slot)) = &mut *cx.dialog {
        *slot = d;
    }
}

/// The granting district: any district with streets.
fn district_row(ui: &mut Ui, cx: &PanelCtx<'_>, d: &mut GrantDialog) {
    let lang = cx.state.lang;
    let state = cx.doc.state();
    let districts: Vec<JurisdictionId> = streets::districts_with_streets(state)
        .into_keys()
        .cloned()
        .collect();
    let mut chosen = d.district.clone();
    ui.horizontal(|ui| {
        let l = ui.label(T::GrantDistrict.get(lang));
        ComboBox::from_id_salt("grant-district")
            .selected_text(
                chosen
                    .as_ref()
                    .map_or_else(String::new, |j| cx.jurisdiction_name(j)),
            )
            .show_ui(ui, |ui| {
                for id in &districts {
                    ui.selectable_value(&mut chosen, Some(id.clone()), cx.jurisdiction_name(id));
                }
            })
            .response
            .labelled_by(l.id);
    });
    if chosen != d.district
        && let Some(district) = chosen
    {
        d.choose_district(state, &district, None);
    }
}

/// The streets, each with its checkbox and the body that receives.
fn receivers(ui: &mut Ui, cx: &PanelCtx<'_>, d: &mut GrantDialog) {
    let lang = cx.state.lang;
    ui.horizontal(|ui| {
        ui.label(RichText::new(T::GrantReceivers.get(lang)).strong());
        if ui.small_button(T::GrantAllStreets.get(lang)).clicked() {
            d.streets.iter_mut().for_each(|s| s.chosen = true);
        }
        if ui.small_button(T::GrantNoStreet.get(lang)).clicked() {
            d.streets.iter_mut().for_each(|s| s.chosen = false);
        }
    });
    // Two streets a row; a district of fifteen scrolls.
    ScrollArea::vertical()
        .id_salt("grant-streets-scroll")
        .max_height(STREETS_H)
        .auto_shrink([false, true])
        .show(ui, |ui| streets_grid(ui, cx, d));
}

/// The streets' grid: two (checkbox, receiver) pairs a row.
fn streets_grid(ui: &mut Ui, cx: &PanelCtx<'_>, d: &mut GrantDialog) {
    let lang = cx.state.lang;
    let state = cx.doc.state();
    egui::Grid::new("grant-streets")
        .num_columns(4)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for (k, choice) in d.streets.iter_mut().enumerate() {
                let name = cx.jurisdiction_name(&choice.street);
                let check = ui.checkbox(&mut choice.chosen, name);
                let bodies = streets::bodies_in(state, &choice.street);
                if bodies.is_empty() {
                    ui.label(RichText::new(T::GrantNoBody.get(lang)).color(theme::TEXT_WEAK));
                    choice.chosen = false;
                } else {
                    let shown = choice
                        .receiver
                        .as_ref()
                        .map_or_else(|| T::Choose.get(lang).to_owned(), |b| cx.body_name(b));
                    ui.add_enabled_ui(choice.chosen, |ui| {
                        ComboBox::from_id_salt(("grant-receiver", &choice.street))
                            .selected_text(shown)
                            .width(230.0)
                            .show_ui(ui, |ui| {
                                for b in &bodies {
                                    ui.selectable_value(
                                        &mut choice.receiver,
                                        Some(b.id.clone()),
                                        &b.name,
                                    );
                                }
                            })
                            .response
                            .labelled_by(check.id);
                    });
                }
                if k % 2 == 1 {
                    ui.end_row();
                }
            }
        });
}

/// The candidates: a field filter and a search, then the list by field.
fn powers(ui: &mut Ui, cx: &PanelCtx<'_>, d: &mut GrantDialog) {
    let lang = cx.state.lang;
    let candidates = d.candidates.clone();
    let mut fields: Vec<&str> = candidates.iter().map(|c| c.field.as_str()).collect();
    fields.dedup();
    ui.horizontal(|ui| {
        ui.label(RichText::new(T::GrantPowers.get(lang)).strong());
        let l = ui.label(T::Field.get(lang));
        let all = T::All.get(lang);
        ComboBox::from_id_salt("grant-field")
            .selected_text(d.field.clone().unwrap_or_else(|| all.to_owned()))
            .width(110.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut d.field, None, all);
                for f in &fields {
                    ui.selectable_value(&mut d.field, Some((*f).to_owned()), *f);
                }
            })
            .response
            .labelled_by(l.id);
        let l = ui.label(T::GrantSearch.get(lang));
        ui.add(
            TextEdit::singleline(&mut d.search)
                .hint_text(T::GrantSearchHint.get(lang))
                .desired_width(160.0),
        )
        .labelled_by(l.id);
    });
    if candidates.is_empty() {
        ui.label(RichText::new(T::GrantNoCandidates.get(lang)).color(theme::TEXT_WEAK));
        return;
    }
    let needle = d.search.trim().to_lowercase();
    let listed: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| d.field.as_deref().is_none_or(|f| f == c.field))
        .filter(|c| {
            needle.is_empty()
                || c.name.to_lowercase().contains(&needle)
                || c.power.as_str().to_lowercase().contains(&needle)
        })
        .collect();
    ui.horizontal(|ui| {
        if ui.small_button(T::GrantSelectShown.get(lang)).clicked() {
            d.powers.extend(listed.iter().map(|c| c.power.clone()));
        }
        if ui.small_button(T::GrantClearPowers.get(lang)).clicked() {
            d.powers.clear();
        }
        ui.label(
            RichText::new(format!(
                "{} · {}",
                i18n::streets::listed(lang, listed.len(), candidates.len()),
                i18n::streets::chosen(lang, d.powers.len())
            ))
            .color(theme::TEXT_WEAK),
        );
    });
    let mut rows: Vec<Row<'_>> = Vec::with_capacity(listed.len() + fields.len());
    for chunk in listed.chunk_by(|a, b| a.field == b.field) {
        rows.push(Row::Field(chunk[0].field.as_str(), chunk.to_vec()));
        rows.extend(chunk.iter().map(|c| Row::Power(c)));
    }
    let chosen_streets: Vec<JurisdictionId> = d
        .streets
        .iter()
        .filter(|s| s.chosen)
        .map(|s| s.street.clone())
        .collect();
    let row_h = ui.spacing().interact_size.y;
    ScrollArea::vertical()
        .id_salt("grant-powers")
        .max_height(LIST_H)
        .min_scrolled_height(LIST_H)
        .auto_shrink([false, false])
        .show_rows(ui, row_h, rows.len(), |ui, range| {
            for row in &rows[range] {
                match row {
                    Row::Field(field, members) => {
                        let all = members.iter().all(|c| d.powers.contains(&c.power));
                        let any = members.iter().any(|c| d.powers.contains(&c.power));
                        let mut on = all;
                        let text = RichText::new(format!("{field}（{}）", members.len())).strong();
                        let r = ui.add(Checkbox::new(&mut on, text).indeterminate(any && !all));
                        if r.changed() {
                            for c in members {
                                if on {
                                    d.powers.insert(c.power.clone());
                                } else {
                                    d.powers.remove(&c.power);
                                }
                            }
                        }
                    }
                    Row::Power(c) => candidate_row(ui, cx, d, c, &chosen_streets),
                }
            }
        });
}

/// One candidate: its box (by its name), then its code, kind and where it can go.
fn candidate_row(
    ui: &mut Ui,
    cx: &PanelCtx<'_>,
    d: &mut GrantDialog,
    c: &Candidate,
    chosen_streets: &[JurisdictionId],
) {
    let lang = cx.state.lang;
    ui.horizontal(|ui| {
        ui.add_space(18.0);
        let mut on = d.powers.contains(&c.power);
        if ui.checkbox(&mut on, c.name.as_str()).changed() {
            if on {
                d.powers.insert(c.power.clone());
            } else {
                d.powers.remove(&c.power);
            }
        }
        let grantable = chosen_streets
            .iter()
            .filter(|s| c.led_in.contains(*s))
            .count();
        let color = if grantable < chosen_streets.len() {
            theme::OVERLAP
        } else {
            theme::TEXT_WEAK
        };
        ui.label(
            RichText::new(format!(
                "{} · {} · {}",
                c.power,
                c.kind.label(lang),
                i18n::streets::candidate_streets(
                    lang,
                    grantable,
                    chosen_streets.len(),
                    c.granted_in.len()
                )
            ))
            .small()
            .color(color),
        );
    });
}

/// The province's decision and the evaluation date.
fn decision(ui: &mut Ui, cx: &PanelCtx<'_>, d: &mut GrantDialog) {
    let lang = cx.state.lang;
    ui.label(RichText::new(T::GrantDecision.get(lang)).strong());
    egui::Grid::new("grant-decision")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for (label, text, hint) in [
                (T::ApprovalAuthority, &mut d.authority, ""),
                (T::ApprovalDocument, &mut d.document, ""),
                (
                    T::GrantEvaluateBy,
                    &mut d.evaluate_by,
                    T::GrantDateHint.get(lang),
                ),
            ] {
                let l = ui.label(label.get(lang));
                ui.add(
                    TextEdit::singleline(text)
                        .hint_text(hint)
                        .desired_width(320.0),
                )
                .labelled_by(l.id);
                ui.end_row();
            }
        });
}

/// What keeps the grant from applying (red) and what it will be said of (orange); true when
/// nothing keeps it from applying.
fn messages(ui: &mut Ui, cx: &PanelCtx<'_>, d: &mut GrantDialog) -> bool {
    let lang = cx.state.lang;
    let state = cx.doc.state();
    let powers: Vec<PowerId> = d.powers.iter().cloned().collect();
    let candidates = d.candidates.clone();
    let by_power: std::collections::HashMap<&PowerId, &Candidate> =
        candidates.iter().map(|c| (&c.power, c)).collect();
    let led = |p: &PowerId, _: &JurisdictionId, street: &JurisdictionId| {
        by_power.get(p).is_some_and(|c| c.led_in.contains(street))
    };
    let problems = streets::check_with(state, &powers, &d.receivers(), led);
    let date_ok = streets::is_date_or_empty(&d.evaluate_by);
    // Before anything is chosen, the empty choices are not errors yet: the buttons say it.
    let shown: Vec<&streets::Problem> = problems
        .iter()
        .filter(|p| {
            !matches!(
                p,
                streets::Problem::NoPowers | streets::Problem::NoReceivers
            )
        })
        .collect();
    for p in shown.iter().take(PROBLEMS_SHOWN) {
        ui.label(RichText::new(i18n::streets::problem(lang, state, p)).color(theme::ERROR_TEXT));
    }
    if shown.len() > PROBLEMS_SHOWN {
        ui.label(
            RichText::new(i18n::streets::more(lang, shown.len() - PROBLEMS_SHOWN))
                .small()
                .color(theme::ERROR_TEXT),
        );
    }
    if problems.iter().any(|p| p.power().is_some())
        && ui.button(T::GrantDropBlocked.get(lang)).clicked()
    {
        for p in problems.iter().filter_map(streets::Problem::power) {
            d.powers.remove(p);
        }
    }
    if !date_ok {
        ui.label(RichText::new(T::GrantBadDate.get(lang)).color(theme::ERROR_TEXT));
    }
    if d.authority.trim().is_empty() && d.document.trim().is_empty() {
        ui.label(RichText::new(T::GrantNoDecision.get(lang)).color(theme::OVERLAP));
    }
    if let Some(error) = &d.error {
        ui.label(RichText::new(error).color(theme::ERROR_TEXT));
    }
    problems.is_empty() && date_ok
}
