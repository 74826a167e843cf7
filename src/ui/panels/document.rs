//! The documents dialog (文件 → 生成文书…, issue 20): which document (职责划转表, 职责边界清单,
//! 三定 drafts, 赋权事项目录), of which scenario, compared with the baseline or another scenario,
//! in which format; a line with what the document holds, and its first page drawn from the same
//! page layout the PDF is written from ([`crate::documents::layout`]). 生成… asks where to
//! write it and writes it on the worker thread.
//!
//! The dialog holds only the user's choices and the preview; the app builds the preview when
//! the choices or the plan change ([`crate::ui::app`]), never in a frame that only redraws.

use std::sync::Arc;

use egui::{ComboBox, RichText, Ui};

use super::PanelCtx;
use crate::documents::layout::{Item, Page};
use crate::documents::{DocFormat, DocKind};
use crate::model::ScenarioId;
use crate::text::Lang;
use crate::ui::command::Command;
use crate::ui::i18n::T;
use crate::ui::panels::Dialog;
use crate::ui::theme;

/// Width of the preview of a portrait page, in points of the screen.
const PREVIEW_WIDTH: f32 = 420.0;

/// What the dialog's preview shows: for which choices and revision, the first page and the
/// document's figures, or why it could not be made.
#[derive(Clone, Debug)]
pub struct Preview {
    /// The plan's revision and the choices it was made for.
    pub key: PreviewKey,
    /// The first page, laid out.
    pub page: Option<Arc<Page>>,
    /// How many pages the document has.
    pub pages: usize,
    /// How many rows its tables have.
    pub rows: usize,
    /// Its title.
    pub title: String,
    /// Why there is no document, in the user's language.
    pub error: Option<String>,
}

/// The plan's revision and the choices a preview was made for.
pub type PreviewKey = (u64, DocKind, ScenarioId, Option<ScenarioId>);

// Two previews are the same when they were made for the same choices of the same revision.
impl PartialEq for Preview {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl Eq for Preview {}

/// The dialog's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentDialog {
    /// Which document.
    pub kind: DocKind,
    /// The scenario.
    pub scenario: Option<ScenarioId>,
    /// The state compared with: `None` for the baseline.
    pub from: Option<ScenarioId>,
    /// The format.
    pub format: DocFormat,
    /// The preview of the current choices (made by the app).
    pub preview: Option<Preview>,
}

impl DocumentDialog {
    /// A dialog on a scenario (the current one), its 职责划转表 as Word.
    pub fn new(scenario: Option<ScenarioId>) -> Self {
        Self {
            kind: DocKind::Transfers,
            scenario,
            from: None,
            format: DocFormat::Docx,
            preview: None,
        }
    }

    /// The key a preview of the current choices has at a revision.
    pub fn key(&self, revision: u64) -> Option<PreviewKey> {
        Some((
            revision,
            self.kind,
            self.scenario.clone()?,
            self.from.clone(),
        ))
    }
}

/// A document's name in the user's language.
pub fn kind_name(kind: DocKind, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => kind.name_zh(),
        Lang::En => kind.name_en(),
    }
}

/// A format's name in the user's language.
pub fn format_name(format: DocFormat, lang: Lang) -> &'static str {
    match format {
        DocFormat::Docx => lang.pick("Word 文档（.docx）", "Word (.docx)"),
        DocFormat::Pdf => lang.pick("PDF（嵌入字体）", "PDF (fonts embedded)"),
        DocFormat::Xlsx => lang.pick("Excel 平表（.xlsx）", "Flat workbook (.xlsx)"),
    }
}

/// Draws the dialog; a choice changes the dialog's state in place.
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let Some(Dialog::Document(mut d)) = cx.dialog.clone() else {
        return;
    };
    let lang = cx.state.lang;
    ui.set_min_width(560.0);
    ui.heading(T::DocTitle.get(lang));
    let scenarios: Vec<(ScenarioId, String)> = cx
        .doc
        .plan_unsynced()
        .scenarios
        .iter()
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect();
    if scenarios.is_empty() {
        ui.label(T::DocNoScenario.get(lang));
        if ui.button(T::Cancel.get(lang)).clicked() {
            cx.out.push(Command::CloseDialog);
        }
        return;
    }
    let name_of = |id: &Option<ScenarioId>| match id {
        None => T::Baseline.get(lang).to_owned(),
        Some(id) => scenarios
            .iter()
            .find(|(s, _)| s == id)
            .map_or_else(|| id.to_string(), |(_, n)| n.clone()),
    };
    egui::Grid::new("document-choices")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            let l = ui.label(T::DocKindLabel.get(lang));
            ComboBox::from_id_salt("document-kind")
                .selected_text(kind_name(d.kind, lang))
                .width(260.0)
                .show_ui(ui, |ui| {
                    for kind in DocKind::ALL {
                        ui.selectable_value(&mut d.kind, kind, kind_name(kind, lang));
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(T::DocScenario.get(lang));
            ComboBox::from_id_salt("document-scenario")
                .selected_text(name_of(&d.scenario))
                .width(260.0)
                .show_ui(ui, |ui| {
                    for (id, name) in &scenarios {
                        ui.selectable_value(&mut d.scenario, Some(id.clone()), name);
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(T::DocFrom.get(lang));
            ComboBox::from_id_salt("document-from")
                .selected_text(name_of(&d.from))
                .width(260.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut d.from, None, T::Baseline.get(lang));
                    for (id, name) in &scenarios {
                        if Some(id) != d.scenario.as_ref() {
                            ui.selectable_value(&mut d.from, Some(id.clone()), name);
                        }
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(T::DocFormatLabel.get(lang));
            ComboBox::from_id_salt("document-format")
                .selected_text(format_name(d.format, lang))
                .width(260.0)
                .show_ui(ui, |ui| {
                    for format in DocFormat::ALL {
                        ui.selectable_value(&mut d.format, format, format_name(format, lang));
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
        });
    // A scenario compared with itself is no difference: back to the baseline.
    if d.from.is_some() && d.from == d.scenario {
        d.from = None;
    }
    ui.separator();
    let current = d.key(cx.doc.revision());
    let fresh = d
        .preview
        .as_ref()
        .is_some_and(|p| Some(&p.key) == current.as_ref());
    if !fresh {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(T::DocPreparing.get(lang));
        });
    }
    let ready = preview(ui, lang, d.preview.as_ref()) || !fresh;
    ui.separator();
    ui.horizontal(|ui| {
        let write = egui::Button::new(RichText::new(T::DocWrite.get(lang)).strong());
        if ui.add_enabled(ready, write).clicked() {
            cx.out.push(Command::WriteDocument);
        }
        if ui.button(T::Cancel.get(lang)).clicked() {
            cx.out.push(Command::CloseDialog);
        }
    });
    if let Some(Dialog::Document(slot)) = &mut *cx.dialog {
        *slot = d;
    }
}

/// The document's figures and its first page; whether there is a document to write.
fn preview(ui: &mut Ui, lang: Lang, preview: Option<&Preview>) -> bool {
    let Some(preview) = preview else {
        return false;
    };
    if let Some(error) = &preview.error {
        ui.colored_label(theme::ERROR_TEXT, error);
        return false;
    }
    ui.label(RichText::new(&preview.title).strong());
    ui.label(
        RichText::new(crate::ui::i18n::document_figures(
            lang,
            preview.pages,
            preview.rows,
        ))
        .color(theme::TEXT_WEAK),
    );
    ui.label(RichText::new(T::DocPreview.get(lang)).small());
    if let Some(page) = &preview.page {
        draw_page(ui, page);
    }
    true
}

/// Draws a laid-out page: white paper, its text runs and rules, scaled to the dialog.
fn draw_page(ui: &mut Ui, page: &Page) {
    let width = if page.landscape {
        PREVIEW_WIDTH * 1.3
    } else {
        PREVIEW_WIDTH
    };
    let scale = width / page.width_mm;
    let size = egui::vec2(width, page.height_mm * scale);
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    if !ui.is_rect_visible(rect) {
        return;
    }
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, egui::Color32::WHITE);
    painter.rect_stroke(
        rect,
        0.0,
        egui::Stroke::new(1.0, egui::Color32::GRAY),
        egui::StrokeKind::Inside,
    );
    let at = |x_mm: f32, y_mm: f32| rect.min + egui::vec2(x_mm * scale, y_mm * scale);
    let ink = egui::Color32::BLACK;
    for item in &page.items {
        match item {
            Item::Rule(rule) => {
                painter.line_segment(
                    [at(rule.x1_mm, rule.y1_mm), at(rule.x2_mm, rule.y2_mm)],
                    egui::Stroke::new(0.6, egui::Color32::DARK_GRAY),
                );
            }
            Item::Text(run) => {
                let size_mm = run.size_pt * crate::documents::layout::MM_PER_PT;
                // egui places text by the top of its line; a CJK glyph's top is about 0.88 em
                // above the baseline.
                let top = run.baseline_mm - size_mm * 0.88;
                painter.text(
                    at(run.x_mm, top),
                    egui::Align2::LEFT_TOP,
                    &run.text,
                    egui::FontId::proportional((size_mm * scale).max(1.0)),
                    ink,
                );
            }
        }
    }
}
