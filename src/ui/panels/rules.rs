//! The rules panel (规则设置): every built-in rule of the reform with its switch, its severity
//! and its parameters (such as the fields that 执法集中 covers). 确定 stores the settings in the
//! plan, where reviewers see the same rules; 恢复默认 puts the built-in settings back.

use egui::{RichText, Ui};

use super::PanelCtx;
use crate::analysis::Severity;
use crate::plan::{RuleConfig, RuleSeverity};
use crate::text::Label;
use crate::ui::command::{Action, Command};
use crate::ui::i18n::T;
use crate::ui::panels::Dialog;
use crate::ui::panels::modal::RulesDialog;
use crate::ui::theme;

/// Draws the panel.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let Some(Dialog::Rules(dialog)) = &mut *cx.dialog else {
        return;
    };
    ui.set_min_width(640.0);
    ui.heading(T::RulesTitle.get(lang));
    ui.separator();
    egui::Grid::new("rules-grid")
        .num_columns(3)
        .spacing([12.0, 6.0])
        .striped(true)
        .show(ui, |ui| {
            ui.label(RichText::new(T::RuleColumn.get(lang)).strong());
            let severity_header = ui
                .label(RichText::new(T::RuleSeverityColumn.get(lang)).strong())
                .id;
            ui.label(RichText::new(T::RuleParamsColumn.get(lang)).strong());
            ui.end_row();
            for row in &mut dialog.rows {
                let name = row.rule.label(lang);
                ui.checkbox(&mut row.setting.enabled, name)
                    .on_hover_text(crate::ui::i18n::help::rule_tooltip(row.rule, lang));
                egui::ComboBox::from_id_salt(("rule-severity", row.rule.id()))
                    .selected_text(severity_label(row.setting.severity, lang))
                    .show_ui(ui, |ui| {
                        for s in [
                            RuleSeverity::Error,
                            RuleSeverity::Warning,
                            RuleSeverity::Info,
                        ] {
                            ui.selectable_value(
                                &mut row.setting.severity,
                                s,
                                severity_label(s, lang),
                            );
                        }
                    })
                    .response
                    .labelled_by(severity_header);
                ui.vertical(|ui| {
                    if row.params.is_empty() {
                        ui.label(RichText::new("—").color(theme::TEXT_WEAK));
                    }
                    for (key, text) in &mut row.params {
                        ui.horizontal(|ui| {
                            let label = ui.label(param_label(key, lang));
                            ui.add(egui::TextEdit::singleline(text).desired_width(300.0))
                                .labelled_by(label.id);
                        });
                    }
                });
                ui.end_row();
            }
        });
    ui.label(
        RichText::new(T::RulesHelp.get(lang))
            .small()
            .color(theme::TEXT_WEAK),
    );
    let config = dialog.config();
    ui.separator();
    ui.horizontal(|ui| {
        if ui.button(RichText::new(T::Ok.get(lang)).strong()).clicked() {
            cx.out.push(Action::SetRules(config));
        }
        if ui.button(T::RestoreDefaults.get(lang)).clicked() {
            *dialog = RulesDialog::of(&RuleConfig::default());
        }
        if ui.button(T::Cancel.get(lang)).clicked() {
            cx.out.push(Command::CloseDialog);
        }
    });
}

fn severity_label(s: RuleSeverity, lang: crate::text::Lang) -> &'static str {
    Severity::from(s).label(lang)
}

fn param_label(key: &str, lang: crate::text::Lang) -> &str {
    match key {
        "fields" => T::ParamFields.get(lang),
        "kinds" => T::ParamKinds.get(lang),
        "workload-drop" => T::ParamWorkloadDrop.get(lang),
        "items-per-person" => T::ParamItemsPerPerson.get(lang),
        other => other,
    }
}
