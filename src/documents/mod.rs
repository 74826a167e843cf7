//! The documents an office hands up (issue 20): the 职责划转表, the 职责边界清单, the 三定
//! drafts and the 赋权事项目录, built from a scenario (or the difference of two) as one
//! format-neutral [`Document`] and written as Word (`.docx`), PDF or a flat XLSX.

pub mod fonts;
pub mod layout;
pub mod model;
pub mod pdf;

pub use model::{Align, Block, Column, DocTable, Document, Section};

pub use fonts::{FontError, FontRole, Fonts};
pub use layout::{Item, Page, TextMeasure, layout};
pub use pdf::{PdfError, write_pdf, write_pdf_with_system_fonts};
