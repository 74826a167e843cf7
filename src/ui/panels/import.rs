//! The import dialog (导入权责清单): the list's first rows as read, the header row, and for
//! every field the column that holds it — detected from the usual headers, and corrected here
//! when a department's list names its columns its own way. A workbook of several sheets (one
//! per department) has a sheet picker: another sheet is read in the background and its header
//! detected again. A list without a 实施主体 column says whose rows these are and where the
//! name came from (title row, sheet name, file name); columns that mark levels with ■ / √ are
//! named; 可识别的写法 lists the spellings of kinds and levels the reader knows. 导入 builds the
//! plan in the background; a list with bad rows imports nothing unless 跳过有错误的行 is
//! ticked, and the error (file line and column) stays in the dialog.
//!
//! After an import, [`report_window`] shows the import report (导入报告) in a window that floats
//! over the new plan without blocking it.

use egui::{RichText, ScrollArea, Ui};

use super::PanelCtx;
use crate::io::import::spelling::{KIND_SPELLINGS, LEVEL_SPELLINGS};
use crate::io::import::{Field, HeaderMapping, RawRow, column_letters, sources::holder_for_table};
use crate::text::{Label, Lang};
use crate::ui::command::{Action, Command};
use crate::ui::i18n::{self, T};
use crate::ui::panels::Dialog;
use crate::ui::panels::modal::ImportDialog;
use crate::ui::theme;

/// Rows shown in the preview.
const PREVIEW_ROWS: usize = 12;

/// Draws the dialog.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let Some(Dialog::Import(dialog)) = &mut *cx.dialog else {
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
    ui.horizontal(|ui| {
        if dialog.table.sheets.len() > 1 {
            if let Some(sheet) = sheet_picker(ui, dialog, lang) {
                cx.out.push(Action::ReadSheet(sheet));
            }
            ui.separator();
        }
        header_row_picker(ui, dialog, lang);
    });
    ui.add_space(4.0);
    ui.label(RichText::new(T::ImportMapping.get(lang)).strong());
    mapping_grid(ui, dialog, lang);
    holder_and_marks(ui, dialog, lang);
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
    spellings(ui, lang);
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

/// The sheet picker of a workbook with more than one sheet; returns the sheet the user picked
/// when it is not the one shown.
fn sheet_picker(ui: &mut Ui, dialog: &ImportDialog, lang: Lang) -> Option<String> {
    let sheets = &dialog.table.sheets;
    if sheets.len() < 2 {
        return None;
    }
    let current = dialog
        .table
        .sheet
        .clone()
        .or_else(|| sheets.first().cloned())
        .unwrap_or_default();
    let label = ui.label(T::ImportSheet.get(lang));
    let mut chosen = current.clone();
    egui::ComboBox::from_id_salt("import-sheet")
        .selected_text(current.as_str())
        .show_ui(ui, |ui| {
            for sheet in sheets {
                ui.selectable_value(&mut chosen, sheet.clone(), sheet.as_str());
            }
        })
        .response
        .labelled_by(label.id);
    (chosen != current).then_some(chosen)
}

/// Whose rows a list without a 实施主体 column holds (and where the name came from), and the
/// columns that mark levels.
fn holder_and_marks(ui: &mut Ui, dialog: &ImportDialog, lang: Lang) {
    if dialog.mapping.column(Field::Body).is_none() {
        match holder_for_table(&dialog.table, dialog.header, &dialog.mapping) {
            Some((holder, from)) => {
                ui.label(i18n::import_holder(lang, &holder, from));
            }
            None => {
                ui.label(RichText::new(T::ImportNoHolder.get(lang)).color(theme::ERROR_TEXT));
            }
        }
    }
    let marks = dialog.mapping.level_marks();
    if !marks.is_empty() {
        let columns: Vec<String> = marks
            .iter()
            .map(|(level, c)| {
                let letters = column_letters(c + 1);
                i18n::level_mark_column(lang, &letters, dialog.mapping.header(*c), *level)
            })
            .collect();
        ui.label(i18n::import_level_marks(lang, &columns));
    }
}

/// 可识别的写法: the spellings of kinds and levels the reader knows, folded by default.
fn spellings(ui: &mut Ui, lang: Lang) {
    egui::CollapsingHeader::new(T::ImportSpellings.get(lang))
        .id_salt("import-spellings")
        .default_open(false)
        .show(ui, |ui| {
            ui.label(
                RichText::new(T::ImportSpellingsHelp.get(lang))
                    .color(theme::TEXT_WEAK)
                    .small(),
            );
            // The dialog's full width, so that the scroll bar does not cover the last column.
            ScrollArea::vertical()
                .id_salt("import-spellings-scroll")
                .max_height(200.0)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    ui.label(RichText::new(T::ImportSpellingsKinds.get(lang)).strong());
                    spelling_grid(
                        ui,
                        "import-kind-spellings",
                        KIND_SPELLINGS
                            .iter()
                            .map(|(s, kind)| (*s, kind.label(lang))),
                    );
                    ui.add_space(4.0);
                    ui.label(RichText::new(T::ImportSpellingsLevels.get(lang)).strong());
                    spelling_grid(
                        ui,
                        "import-level-spellings",
                        LEVEL_SPELLINGS
                            .iter()
                            .map(|(s, level)| (*s, level.label(lang))),
                    );
                });
        });
}

/// Spellings and what each is read as, four pairs to a row.
fn spelling_grid<'a>(ui: &mut Ui, id: &str, pairs: impl Iterator<Item = (&'a str, &'a str)>) {
    const PER_ROW: usize = 4;
    egui::Grid::new(id)
        .num_columns(2 * PER_ROW)
        .spacing([8.0, 2.0])
        .show(ui, |ui| {
            for (i, (spelling, read_as)) in pairs.enumerate() {
                ui.label(spelling);
                ui.label(RichText::new(format!("→ {read_as}")).color(theme::TEXT_WEAK));
                if i % PER_ROW == PER_ROW - 1 {
                    ui.end_row();
                }
            }
        });
}

/// 导入报告: the last import's report, in a window over the plan that does not block it;
/// 关闭 (or the window's ✕) drops it.
pub fn report_window(ctx: &egui::Context, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let Some(lines) = &cx.state.import_report else {
        return;
    };
    let mut open = true;
    let mut close = false;
    // At the top right, over the inspector, below the tabs: the menus, the tabs and the lanes'
    // left stay free.
    let screen = ctx.content_rect();
    egui::Window::new(T::ImportReportTitle.get(lang))
        .id(egui::Id::unique("import-report"))
        .pivot(egui::Align2::RIGHT_TOP)
        .default_pos(egui::pos2(screen.right() - 16.0, screen.top() + 96.0))
        .open(&mut open)
        .collapsible(false)
        .resizable(true)
        .default_width(560.0)
        .show(ctx, |ui| {
            ScrollArea::vertical()
                .id_salt("import-report-lines")
                .max_height(360.0)
                .show(ui, |ui| {
                    for line in lines {
                        ui.label(line.as_str());
                    }
                });
            ui.separator();
            if ui.button(T::ImportReportClose.get(lang)).clicked() {
                close = true;
            }
        });
    if !open || close {
        cx.state.import_report = None;
    }
}

fn header_row_picker(ui: &mut Ui, dialog: &mut ImportDialog, lang: Lang) {
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

fn mapping_grid(ui: &mut Ui, dialog: &mut ImportDialog, lang: Lang) {
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
