//! 使用说明 (F1): a window beside the work, not a modal, so that a planner can read while
//! dragging. It shows the legend of the lanes (each mark drawn as the canvas draws it), the five
//! transfer modes with the articles they rest on, every rule with what it checks and its law,
//! and the gestures and keyboard shortcuts (taken from [`Command`], so the list cannot drift
//! from the real shortcuts).

use egui::{Color32, RichText, Sense, Stroke, Ui, vec2};

use super::PanelCtx;
use crate::plan::Rule;
use crate::plan::TransferMode;
use crate::text::{Label, Lang};
use crate::ui::command::Command;
use crate::ui::i18n::help::{self, LegendItem, Section};
use crate::ui::theme;

/// Draws the help window when it is open.
pub fn show(ctx: &egui::Context, cx: &mut PanelCtx<'_>) {
    if !cx.state.help_open {
        return;
    }
    let lang = cx.state.lang;
    let mut open = true;
    egui::Window::new(help::title(lang))
        .id(egui::Id::unique("shiquan-help"))
        .open(&mut open)
        .default_size([620.0, 640.0])
        // Beside the work, right of the lanes and below the menus, never over the menu bar.
        .pivot(egui::Align2::RIGHT_TOP)
        .default_pos(ctx.content_rect().right_top() + vec2(-24.0, 64.0))
        .resizable(true)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    for section in Section::ALL {
                        egui::CollapsingHeader::new(section.heading(lang))
                            .default_open(true)
                            .show(ui, |ui| match section {
                                Section::Legend => legend(ui, lang),
                                Section::Modes => modes(ui, lang),
                                Section::Rules => rules(ui, lang),
                                Section::Shortcuts => shortcuts(ui, cx),
                            });
                    }
                });
        });
    if !open {
        cx.state.help_open = false;
    }
}

fn legend(ui: &mut Ui, lang: Lang) {
    egui::Grid::new("help-legend")
        .num_columns(3)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            for item in LegendItem::ALL {
                swatch(ui, item);
                ui.label(RichText::new(item.name(lang)).strong());
                ui.add(egui::Label::new(item.meaning(lang)).wrap());
                ui.end_row();
            }
        });
}

/// A small drawing of a legend item, in the colours the canvas uses.
fn swatch(ui: &mut Ui, item: LegendItem) {
    let (rect, _) = ui.allocate_exact_size(vec2(40.0, 18.0), Sense::hover());
    let painter = ui.painter_at(rect);
    let box_rect = rect.shrink2(vec2(4.0, 3.0));
    let line = |color: Color32, dotted: bool| {
        let a = rect.left_center() + vec2(4.0, 0.0);
        let b = rect.right_center() - vec2(4.0, 0.0);
        if dotted {
            painter.extend(egui::Shape::dotted_line(&[a, b], color, 6.0, 1.5));
        } else {
            painter.line_segment([a, b], Stroke::new(2.0, color));
        }
    };
    match item {
        LegendItem::CityLane => {
            painter.rect_filled(rect, 2.0, theme::LANE_CITY);
        }
        LegendItem::DistrictLane => {
            painter.rect_filled(rect, 2.0, theme::LANE_DISTRICT);
        }
        LegendItem::StreetLane => {
            painter.rect_filled(rect, 2.0, theme::LANE_STREET);
        }
        LegendItem::Body => {
            painter.rect_filled(box_rect, 3.0, theme::BODY_FILL);
            painter.rect_stroke(
                box_rect,
                3.0,
                Stroke::new(1.0, theme::BODY_BORDER),
                egui::StrokeKind::Inside,
            );
        }
        LegendItem::ChipLead => {
            painter.rect_filled(box_rect, 6.0, theme::CHIP_LEAD);
        }
        LegendItem::ChipAssist => {
            painter.rect_filled(box_rect, 6.0, theme::CHIP_ASSIST);
        }
        LegendItem::ChipEntrusted => {
            painter.rect_filled(box_rect, 6.0, theme::CHIP_ENTRUSTED);
        }
        LegendItem::LinkAssist => line(theme::LINK_ASSIST, true),
        LegendItem::LinkEntrusted => line(theme::LINK_ENTRUSTED, false),
        LegendItem::Flow => {
            let a = rect.left_center() + vec2(4.0, 0.0);
            painter.arrow(a, vec2(30.0, 0.0), Stroke::new(2.5, theme::FLOW));
        }
        LegendItem::Overlap | LegendItem::Changed => {
            let color = if item == LegendItem::Overlap {
                theme::OVERLAP
            } else {
                theme::CHANGED
            };
            painter.rect_filled(box_rect, 3.0, theme::BODY_FILL);
            painter.rect_stroke(
                box_rect,
                3.0,
                Stroke::new(2.0, color),
                egui::StrokeKind::Inside,
            );
        }
        LegendItem::Gap | LegendItem::Rule => {
            let color = if item == LegendItem::Gap {
                theme::GAP
            } else {
                theme::RULE
            };
            painter.circle_filled(rect.center(), 7.0, color);
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "3",
                egui::FontId::proportional(10.0),
                Color32::WHITE,
            );
        }
    }
}

fn modes(ui: &mut Ui, lang: Lang) {
    for mode in TransferMode::ALL {
        ui.label(RichText::new(mode.label(lang)).strong());
        ui.add(egui::Label::new(help::mode_meaning(mode, lang)).wrap());
        if let Some(basis) = help::mode_basis(mode, lang) {
            ui.label(RichText::new(basis).color(theme::TEXT_WEAK));
        }
        ui.add_space(4.0);
    }
    ui.add(egui::Label::new(help::devolve_meaning(lang)).wrap());
}

fn rules(ui: &mut Ui, lang: Lang) {
    for rule in Rule::ALL {
        ui.label(RichText::new(rule.label(lang)).strong());
        ui.add(egui::Label::new(help::rule_checks(rule, lang)).wrap());
        let basis = help::rule_basis(rule, lang).unwrap_or_else(|| help::principle_only(lang));
        ui.label(RichText::new(basis).color(theme::TEXT_WEAK));
        ui.add_space(4.0);
    }
}

fn shortcuts(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    egui::Grid::new("help-shortcuts")
        .num_columns(2)
        .spacing([16.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            for command in Command::WITH_SHORTCUTS {
                if let Some(shortcut) = command.shortcut() {
                    ui.label(RichText::new(ui.ctx().format_shortcut(&shortcut)).monospace());
                    ui.label(command.label(lang));
                    ui.end_row();
                }
                if let Some(other) = command.alternative_shortcut() {
                    ui.label(RichText::new(ui.ctx().format_shortcut(&other)).monospace());
                    ui.label(command.label(lang));
                    ui.end_row();
                }
            }
            for (gesture, effect) in help::gestures(lang) {
                ui.label(gesture);
                ui.label(effect);
                ui.end_row();
            }
        });
}
