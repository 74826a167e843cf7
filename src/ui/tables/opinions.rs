//! 审核意见: every review opinion of the plan as a card (its number, status, office, date and
//! the state it was written on; its object, which a click shows; its text; its answer), open
//! ones framed in colour. The status is changed in place with its combo box, and a reply is
//! written in place (答复…); each is an undoable edit. Filters: by status, by office, and the
//! window's 「只看有待处理意见的」, which also narrows the findings list and the 分配表.
//!
//! An opinion whose object no longer exists is kept, its object marked 「对象已不存在」.

use egui::{ComboBox, Frame, RichText, ScrollArea, TextEdit, Ui};

use crate::analysis::Finding;
use crate::plan::{Answer, Opinion, OpinionStatus, PlanDate, Target};
use crate::session::View;
use crate::text::OpinionRow;
use crate::text::review::status_label;
use crate::ui::command::{Action, Command};
use crate::ui::i18n::review;
use crate::ui::panels::PanelCtx;
use crate::ui::state::{ReplyDraft, Selection, Tab};
use crate::ui::theme;

/// Draws the tab.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let doc = cx.doc;
    let rows = std::mem::take(&mut cx.caches.opinions.rows);
    let opinions = doc.opinions();
    let open = opinions.iter().filter(|o| o.is_open()).count();
    filters_bar(ui, cx, &rows, open);
    ui.separator();
    if rows.is_empty() {
        ui.label(RichText::new(review::none_yet(lang)).color(theme::TEXT_WEAK));
        cx.caches.opinions.rows = rows;
        return;
    }
    let view = &cx.state.opinions;
    let shown: Vec<(&OpinionRow, &Opinion)> = rows
        .iter()
        .zip(doc.opinions())
        .filter(|(r, o)| {
            view.status.is_none_or(|s| o.status == s)
                && view.office.as_ref().is_none_or(|f| &r.office == f)
                && (!cx.state.filters.only_open_opinions || o.is_open())
        })
        .collect();
    if shown.is_empty() {
        ui.label(RichText::new(review::none_shown(lang)).color(theme::TEXT_WEAK));
    }
    ScrollArea::vertical()
        .id_salt("opinions")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (row, opinion) in shown {
                card(ui, cx, row, opinion);
                ui.add_space(4.0);
            }
        });
    cx.caches.opinions.rows = rows;
}

/// The heading with its counts and the filters.
fn filters_bar(ui: &mut Ui, cx: &mut PanelCtx<'_>, rows: &[OpinionRow], open: usize) {
    let lang = cx.state.lang;
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(review::heading(lang, rows.len(), open)).strong());
        ui.separator();
        let label = ui.label(review::status_label(lang));
        let status = &mut cx.state.opinions.status;
        ComboBox::from_id_salt("opinions-status")
            .selected_text(status.map_or(review::all(lang), |s| status_label(s, lang)))
            .show_ui(ui, |ui| {
                ui.selectable_value(status, None, review::all(lang));
                for s in OpinionStatus::ALL {
                    ui.selectable_value(status, Some(s), status_label(s, lang));
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label(review::office_label(lang));
        let mut offices: Vec<&str> = rows.iter().map(|r| r.office.as_str()).collect();
        offices.sort_unstable();
        offices.dedup();
        let office = &mut cx.state.opinions.office;
        ComboBox::from_id_salt("opinions-office")
            .selected_text(office.as_deref().unwrap_or(review::all(lang)))
            .show_ui(ui, |ui| {
                ui.selectable_value(office, None, review::all(lang));
                for o in offices {
                    ui.selectable_value(office, Some(o.to_owned()), o);
                }
            })
            .response
            .labelled_by(label.id);
        ui.checkbox(
            &mut cx.state.filters.only_open_opinions,
            review::only_open(lang),
        )
        .on_hover_text(review::only_open_tip(lang));
    });
}

/// One opinion's card: its number, status, office, date and state; its object (a click shows
/// it); its text; its answer with 答复… and 删除. An open opinion's card is framed in the colour
/// of its badge.
fn card(ui: &mut Ui, cx: &mut PanelCtx<'_>, row: &OpinionRow, opinion: &Opinion) {
    let lang = cx.state.lang;
    let stroke = if opinion.is_open() {
        egui::Stroke::new(1.5, theme::OPINION)
    } else {
        ui.visuals().widgets.noninteractive.bg_stroke
    };
    Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .stroke(stroke)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                let id = ui.label(RichText::new(&row.id).monospace().strong());
                status_combo(ui, cx, opinion, id.id);
                ui.label(RichText::new(&row.office).strong());
                ui.label(RichText::new(format!("{} · {}", row.date, row.state)).weak());
            });
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(review::object_label(lang)).weak());
                let object = if row.target_exists {
                    RichText::new(&row.target).color(theme::SELECTED)
                } else {
                    RichText::new(&row.target).weak().italics()
                };
                let response = ui.selectable_label(false, object);
                if row.target_exists
                    && response
                        .on_hover_text(review::show_target_tip(lang))
                        .clicked()
                {
                    show_target(cx, opinion);
                }
            });
            ui.label(&row.text);
            reply(ui, cx, row, opinion);
        });
}

/// The status combo: choosing another status answers the opinion at once.
fn status_combo(ui: &mut Ui, cx: &mut PanelCtx<'_>, opinion: &Opinion, label: egui::Id) {
    let lang = cx.state.lang;
    let mut status = opinion.status;
    let color = if opinion.is_open() {
        theme::OPINION
    } else {
        theme::OK
    };
    ComboBox::from_id_salt(("opinion-status", opinion.id.as_str()))
        .selected_text(
            RichText::new(status_label(status, lang))
                .color(color)
                .strong(),
        )
        .width(80.0)
        .show_ui(ui, |ui| {
            for s in OpinionStatus::ALL {
                ui.selectable_value(&mut status, s, status_label(s, lang));
            }
        })
        .response
        .labelled_by(label);
    if status != opinion.status {
        cx.out.push(Action::AnswerOpinion {
            id: opinion.id.clone(),
            status,
            answer: None,
        });
    }
}

/// The answer: its text and a 答复… button, or the reply being written.
fn reply(ui: &mut Ui, cx: &mut PanelCtx<'_>, row: &OpinionRow, opinion: &Opinion) {
    let lang = cx.state.lang;
    let editing = cx
        .state
        .opinions
        .reply
        .as_ref()
        .is_some_and(|d| d.id == opinion.id);
    if !editing {
        ui.horizontal_wrapped(|ui| {
            if !row.answer.is_empty() {
                ui.label(RichText::new(format!("↳ {}", row.answer)).color(theme::OK));
            }
            if ui.small_button(review::reply(lang)).clicked() {
                let by = opinion.answer.as_ref().map_or_else(
                    || {
                        let offices = &cx.doc.plan_unsynced().review.offices;
                        offices.first().cloned().unwrap_or_default()
                    },
                    |a| a.by.clone(),
                );
                let text = opinion
                    .answer
                    .as_ref()
                    .map(|a| a.text.clone())
                    .unwrap_or_default();
                cx.state.opinions.reply = Some(ReplyDraft {
                    id: opinion.id.clone(),
                    by,
                    text,
                });
            }
            if ui.small_button(review::edit(lang)).clicked() {
                crate::ui::panels::opinion::edit(cx, opinion, row.target.clone());
            }
            if ui
                .small_button(review::delete(lang))
                .on_hover_text(review::delete_tip(lang))
                .clicked()
            {
                cx.out.push(Action::DeleteOpinion(opinion.id.clone()));
            }
        });
        return;
    }
    let offices = crate::ui::panels::opinion::offices(cx);
    let Some(draft) = cx.state.opinions.reply.as_mut() else {
        return;
    };
    let mut save = false;
    let mut cancel = false;
    let by = ui
        .horizontal(|ui| {
            let label = ui.label(review::reply_by(lang));
            ComboBox::from_id_salt(("opinion-reply-by", opinion.id.as_str()))
                .selected_text(draft.by.as_str())
                .show_ui(ui, |ui| {
                    for office in &offices {
                        ui.selectable_value(&mut draft.by, office.clone(), office.as_str());
                    }
                })
                .response
                .labelled_by(label.id);
            label.id
        })
        .inner;
    ui.add(
        TextEdit::multiline(&mut draft.text)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(by);
    ui.horizontal(|ui| {
        let ready = !draft.text.trim().is_empty();
        save = ui
            .add_enabled(ready, egui::Button::new(review::save_reply(lang)))
            .clicked();
        cancel = ui.button(crate::ui::i18n::T::Cancel.get(lang)).clicked();
    });
    if save {
        let answer = Answer {
            text: draft.text.trim().to_owned(),
            by: draft.by.clone(),
            date: PlanDate::today(),
        };
        // A reply to an open opinion answers it: 已采纳 unless the reviewer says otherwise.
        let status = if opinion.is_open() {
            OpinionStatus::Adopted
        } else {
            opinion.status
        };
        cx.out.push(Action::AnswerOpinion {
            id: opinion.id.clone(),
            status,
            answer: Some(answer),
        });
    }
    if save || cancel {
        cx.state.opinions.reply = None;
    }
}

/// Shows an opinion's object: a body or a finding in the lanes, a power in the inspector, a
/// step in its scenario's 变更 list.
fn show_target(cx: &mut PanelCtx<'_>, opinion: &Opinion) {
    match &opinion.target {
        Target::Body(body) => {
            cx.out.push(Command::ShowTab(Tab::Lanes));
            cx.out.push(Action::Focus(Selection::Body(body.clone())));
        }
        Target::Power(power) => {
            cx.out.push(Action::Select(Selection::Power(power.clone())));
        }
        Target::Finding(key) => {
            let doc = cx.doc;
            let here = doc.view().scenario() == opinion.scenario.as_ref();
            let found: Option<Finding> = here
                .then(|| doc.analysis().findings().find(|f| &f.key() == key).cloned())
                .flatten();
            match found {
                Some(f) => crate::ui::panels::findings::focus(cx, &f),
                None => cx.out.push(Action::SwitchView(view_of(opinion))),
            }
        }
        Target::Operation { scenario, .. } => {
            if cx.doc.view().scenario() != Some(scenario) {
                cx.out
                    .push(Action::SwitchView(View::Scenario(scenario.clone())));
            }
            cx.out.push(Command::ShowTab(Tab::Changes));
        }
    }
}

fn view_of(opinion: &Opinion) -> View {
    opinion
        .scenario
        .clone()
        .map_or(View::Baseline, View::Scenario)
}
