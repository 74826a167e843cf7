//! The content of an official document, independent of its format: a title, an annex label,
//! sections (portrait or landscape) of headings, paragraphs and tables. The Word, PDF and XLSX
//! writers and the window's preview all render this one structure, so they cannot disagree.
//!
//! Styles follow GB/T 9704-2012 (党政机关公文格式): the title in 小标宋 二号, first-level
//! headings in 黑体 三号 (一、), second-level in 楷体 三号 (（一）), the body in 仿宋 三号; a
//! table's text is set smaller (仿宋 四号 or 五号 for wide tables) with its header row in 黑体.

use serde::Serialize;

/// A whole document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Document {
    /// The annex label printed at the top left of the first page (附件1), if any.
    pub annex: Option<String>,
    /// The title (甲市综合行政执法职责划转表), centred.
    pub title: String,
    /// Lines under the title (the scenario, what it is compared with), centred in 楷体.
    pub subtitle: Vec<String>,
    /// The sections, in order; each starts on a new page when its orientation differs from
    /// the one before.
    pub sections: Vec<Section>,
}

/// A run of blocks on pages of one orientation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Section {
    /// Landscape A4 (wide tables), else portrait.
    pub landscape: bool,
    /// The blocks.
    pub blocks: Vec<Block>,
}

/// One block of a section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Block {
    /// A heading: level 1 (黑体, 「一、」) or 2 (楷体, 「（一）」); the text carries its number.
    Heading {
        /// 1 or 2.
        level: u8,
        /// The text, with its number.
        text: String,
    },
    /// A paragraph of body text (仿宋), first line indented by two characters.
    Paragraph(String),
    /// A table.
    Table(DocTable),
    /// A page break.
    PageBreak,
}

/// How a column's text is aligned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Align {
    /// Left (names, clauses).
    Left,
    /// Centred (numbers, codes, modes).
    Center,
}

/// A column of a table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Column {
    /// The header text.
    pub header: &'static str,
    /// Relative width: the writers share the text width in proportion to these weights
    /// (roughly the column's width in characters).
    pub weight: u16,
    /// Alignment of the body cells (headers are centred).
    pub align: Align,
}

impl Column {
    /// A left-aligned column.
    pub const fn left(header: &'static str, weight: u16) -> Self {
        Self {
            header,
            weight,
            align: Align::Left,
        }
    }

    /// A centred column.
    pub const fn center(header: &'static str, weight: u16) -> Self {
        Self {
            header,
            weight,
            align: Align::Center,
        }
    }
}

/// A table: a header row, then rows of plain text (a cell may hold line breaks `\n`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DocTable {
    /// Its name: the sheet's name in a flat XLSX (职责划转表, or a body's name).
    pub name: String,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows, each as long as `columns`.
    pub rows: Vec<Vec<String>>,
    /// The font size of the table's text in points (16 = 三号, 14 = 四号, 10.5 = 五号),
    /// in tenths of a point so the type stays `Eq` (140 = 14 pt).
    pub font_decipoints: u16,
}

impl DocTable {
    /// The font size in points.
    pub fn font_points(&self) -> f32 {
        f32::from(self.font_decipoints) / 10.0
    }
}

impl Document {
    /// Every table of the document, in order.
    pub fn tables(&self) -> impl Iterator<Item = &DocTable> {
        self.sections
            .iter()
            .flat_map(|s| s.blocks.iter())
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
    }
}

/// Sizes and margins of the page, in millimetres (GB/T 9704: A4, 天头 37, 订口 28).
pub mod page {
    /// A4 width.
    pub const A4_WIDTH_MM: f32 = 210.0;
    /// A4 height.
    pub const A4_HEIGHT_MM: f32 = 297.0;
    /// Top margin of a portrait page (天头).
    pub const TOP_MM: f32 = 37.0;
    /// Bottom margin of a portrait page.
    pub const BOTTOM_MM: f32 = 35.0;
    /// Left margin of a portrait page (订口).
    pub const LEFT_MM: f32 = 28.0;
    /// Right margin of a portrait page.
    pub const RIGHT_MM: f32 = 26.0;
    /// Lines per portrait page of body text.
    pub const LINES_PER_PAGE: u32 = 22;
    /// Characters per line of body text.
    pub const CHARS_PER_LINE: u32 = 28;
    /// Body text size (三号).
    pub const BODY_POINTS: f32 = 16.0;
    /// Title size (二号).
    pub const TITLE_POINTS: f32 = 22.0;

    /// The margins of a page (top, right, bottom, left), in millimetres. A landscape page is
    /// the portrait page turned: its binding edge (订口) is at the top, so the margins turn
    /// with it.
    pub fn margins(landscape: bool) -> [f32; 4] {
        if landscape {
            [LEFT_MM, TOP_MM, RIGHT_MM, BOTTOM_MM]
        } else {
            [TOP_MM, RIGHT_MM, BOTTOM_MM, LEFT_MM]
        }
    }

    /// The page's (width, height) in millimetres.
    pub fn size(landscape: bool) -> (f32, f32) {
        if landscape {
            (A4_HEIGHT_MM, A4_WIDTH_MM)
        } else {
            (A4_WIDTH_MM, A4_HEIGHT_MM)
        }
    }
}
