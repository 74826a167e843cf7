//! The import dialog (导入权责清单): the list's first rows as read, the header row, and for
//! every field the column that holds it — detected from the usual headers, and corrected here
//! when a department's list names its columns its own way. 导入 builds the plan in the
//! background; a list with bad rows imports nothing unless 跳过有错误的行 is ticked, and the
//! error (file line and column) stays in the dialog.

use egui::{RichText, ScrollArea, Ui};

use super::PanelCtx;
use crate::io::import::{Field, HeaderMapping, RawRow, column_letters};
use crate::ui::command::Command;
use crate::ui::i18n::{self, T};
use crate::ui::state::{Dialog, ImportDialog};
use crate::ui::theme;

/// Rows shown in the preview.
const PREVIEW_ROWS: usize = 12;

/// Draws the dialog.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let Some(Dialog::Import(dialog)) = &mut cx.state.dialog else {
        return;
    };
    ui.set_max_width(1100.0);
    ui.heading(T::ImportTitle.get(lang));
    ui.label(i18n::import_source(
        lang,
        &dialog.table.source,
        dialog.table.encoding,
        dialog.table.sheet.as_deref(),
        dialog.table.len(),
    ));
    ui.separator();
    header_row_picker(ui, dialog, lang);
    ui.add_space(4.0);
    ui.label(RichText::new(T::ImportMapping.get(lang)).strong());
    mapping_grid(ui, dialog, lang);
    ui.add_space(4.0);
    ui.label(RichText::new(T::ImportPreview.get(lang)).strong());
    preview(ui, dialog);
    ui.checkbox(&mut dialog.skip_bad_rows, T::ImportSkipBad.get(lang));
    let missing = dialog.mapping.missing_required();
    if !missing.is_empty() {
        let names: Vec<&str> = missing.iter().map(|f| f.label_zh()).collect();
        ui.label(
            RichText::new(i18n::import_missing(lang, &names.join("、"))).color(theme::ERROR_TEXT),
        );
    }
    if let Some(error) = &dialog.error {
        ScrollArea::vertical()
            .id_salt("import-error")
            .max_height(120.0)
            .show(ui, |ui| {
                ui.label(RichText::new(error).color(theme::ERROR_TEXT));
            });
    }
    let ready = missing.is_empty();
    ui.separator();
    ui.horizontal(|ui| {
        let import = ui.add_enabled(
            ready,
            egui::Button::new(RichText::new(T::CmdImportNow.get(lang)).strong()),
        );
        if import.clicked() {
            cx.out.push(Command::ConfirmImport);
        }
        if ui.button(T::Cancel.get(lang)).clicked() {
            cx.out.push(Command::CloseDialog);
        }
    });
}

fn header_row_picker(ui: &mut Ui, dialog: &mut ImportDialog, lang: crate::lang::Lang) {
    let label = ui.label(T::ImportHeaderRow.get(lang));
    let line_of = |i: usize| dialog.table.row(i).map_or(0, |r| r.line);
    let mut header = dialog.header;
    egui::ComboBox::from_id_salt("import-header-row")
        .selected_text(i18n::line_number(lang, line_of(header)))
        .show_ui(ui, |ui| {
            for i in 0..dialog.table.len().min(PREVIEW_ROWS) {
                ui.selectable_value(&mut header, i, i18n::line_number(lang, line_of(i)));
            }
        })
        .response
        .labelled_by(label.id);
    if header != dialog.header {
        dialog.header = header;
        if let Some(row) = dialog.table.row(header) {
            dialog.mapping = HeaderMapping::detect_row(&row);
        }
        dialog.error = None;
    }
}

fn column_name(mapping: &HeaderMapping, column: usize) -> String {
    let header = mapping.headers.get(column).map_or("", String::as_str);
    format!("{} {header}", column_letters(column + 1))
}

fn mapping_grid(ui: &mut Ui, dialog: &mut ImportDialog, lang: crate::lang::Lang) {
    let columns = dialog.mapping.headers.len();
    egui::Grid::new("import-mapping")
        .num_columns(4)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for (i, field) in Field::ALL.into_iter().enumerate() {
                let star = if field.required() { " *" } else { "" };
                let label = ui.label(format!("{}{star}", field.label_zh()));
                let mut chosen = dialog.mapping.column(field);
                let shown = chosen.map_or_else(
                    || T::ImportNoColumn.get(lang).to_owned(),
                    |c| column_name(&dialog.mapping, c),
                );
                egui::ComboBox::from_id_salt(("import-field", i))
                    .selected_text(shown)
                    .width(180.0)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut chosen, None, T::ImportNoColumn.get(lang));
                        for c in 0..columns {
                            ui.selectable_value(
                                &mut chosen,
                                Some(c),
                                column_name(&dialog.mapping, c),
                            );
                        }
                    })
                    .response
                    .labelled_by(label.id);
                if chosen != dialog.mapping.column(field) {
                    dialog.mapping.set(field, chosen);
                    dialog.error = None;
                }
                if i % 2 == 1 {
                    ui.end_row();
                }
            }
        });
}

fn preview(ui: &mut Ui, dialog: &ImportDialog) {
    let rows: Vec<RawRow<'_>> = dialog
        .table
        .rows()
        .skip(dialog.header)
        .take(1 + PREVIEW_ROWS)
        .collect();
    let columns = rows.iter().map(RawRow::width).max().unwrap_or(0);
    ScrollArea::both()
        .id_salt("import-preview")
        .max_height(260.0)
        .show(ui, |ui| {
            egui::Grid::new("import-preview-grid")
                .striped(true)
                .num_columns(columns + 1)
                .show(ui, |ui| {
                    ui.label("");
                    for c in 0..columns {
                        let field = dialog.mapping.field_of_column(c);
                        let text = field.map_or_else(
                            || column_letters(c + 1),
                            |f| format!("{} → {}", column_letters(c + 1), f.label_zh()),
                        );
                        ui.label(RichText::new(text).color(theme::TEXT_WEAK).small());
                    }
                    ui.end_row();
                    for (i, row) in rows.iter().enumerate() {
                        ui.label(RichText::new(row.line.to_string()).color(theme::TEXT_WEAK));
                        for c in 0..columns {
                            let cell = row.cell(c).unwrap_or("");
                            let cell: String = cell.chars().take(24).collect();
                            if i == 0 {
                                ui.label(RichText::new(cell).strong());
                            } else {
                                ui.label(cell);
                            }
                        }
                        ui.end_row();
                    }
                });
        });
}
