//! Writes a [`Document`] as PDF: laid out by [`layout`](super::layout), every font embedded as
//! a subset (a Type0 font over a CID font: CFF outlines, as in Noto CJK, as `CIDFontType0C`,
//! TrueType outlines as `CIDFontType2`), with a `ToUnicode` map so the text can be searched and
//! copied, on A4 pages (landscape pages turned), streams compressed.
//!
//! Glyphs are addressed by their ids in the subset (the subsetter numbers them from 0 in the
//! order first met, identically for CFF and TrueType), two bytes each (`Identity-H`).

use std::collections::BTreeMap;
use std::io::Write as _;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use thiserror::Error;

use super::fonts::{FontError, FontFaces, Fonts};
use super::layout::{Item, MM_PER_PT, Page, layout};
use super::model::Document;

/// Why a PDF could not be written.
#[derive(Debug, Error)]
pub enum PdfError {
    /// No usable font.
    #[error(transparent)]
    Font(#[from] FontError),
    /// A font that parsed could not be subsetted (broken or of an unsupported kind).
    #[error("字体「{family}」无法嵌入（the font {family} could not be embedded）：{reason}")]
    Embed {
        /// The font's family.
        family: String,
        /// What the subsetter said.
        reason: String,
    },
}

/// Writes `document` in `fonts`.
pub fn write_pdf(document: &Document, fonts: &Fonts) -> Result<Vec<u8>, PdfError> {
    let faces = fonts.parse();
    let pages = layout(document, &faces);
    write_pages(&pages, &document.title, &faces)
}

/// Writes `document` in the fonts found among the system's.
pub fn write_pdf_with_system_fonts(document: &Document) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::from_system()?;
    write_pdf(document, &fonts)
}

/// Points per millimetre.
fn pt(mm: f32) -> f32 {
    mm / MM_PER_PT
}

/// The glyphs of one face used in the document.
struct UsedFace {
    remapper: subsetter::GlyphRemapper,
    /// By new glyph id: the character it shows (for `ToUnicode`) and its advance in 1/1000 em.
    glyphs: Vec<(char, f32)>,
}

impl UsedFace {
    fn new() -> Self {
        Self {
            remapper: subsetter::GlyphRemapper::new(),
            // .notdef is glyph 0 of every subset; it maps to no character worth copying.
            glyphs: vec![('\u{FFFD}', 1000.0)],
        }
    }

    /// The new id of a character's glyph.
    fn encode(&mut self, glyph: u16, character: char, advance_em: f32) -> u16 {
        let new_id = self.remapper.remap(glyph);
        if usize::from(new_id) == self.glyphs.len() {
            self.glyphs.push((character, advance_em * 1000.0));
        }
        new_id
    }
}

/// Writes laid-out pages, with `title` in the document information.
pub fn write_pages(
    pages: &[Page],
    title: &str,
    faces: &FontFaces<'_>,
) -> Result<Vec<u8>, PdfError> {
    let fonts = faces.fonts();
    let mut used: BTreeMap<usize, UsedFace> = BTreeMap::new();
    let contents: Vec<Vec<u8>> = pages
        .iter()
        .map(|page| compress(&page_content(page, faces, &mut used)))
        .collect();

    let mut pdf = Pdf::new();
    let mut next_id = 1;
    let mut allocate = || {
        let id = Ref::new(next_id);
        next_id += 1;
        id
    };
    let catalog_id = allocate();
    let page_tree_id = allocate();
    let info_id = allocate();
    let font_ids: BTreeMap<usize, Ref> = used.keys().map(|&face| (face, allocate())).collect();
    let page_ids: Vec<(Ref, Ref)> = pages.iter().map(|_| (allocate(), allocate())).collect();

    pdf.catalog(catalog_id)
        .pages(page_tree_id)
        .lang(TextStr("zh-CN"));
    pdf.document_info(info_id)
        .title(TextStr(title))
        .producer(TextStr("Shiquan"));
    pdf.pages(page_tree_id)
        .kids(page_ids.iter().map(|(page_id, _)| *page_id))
        .count(pages.len() as i32);
    for ((page, (page_id, content_id)), content) in pages.iter().zip(&page_ids).zip(&contents) {
        let mut page_writer = pdf.page(*page_id);
        page_writer
            .parent(page_tree_id)
            .media_box(Rect::new(0.0, 0.0, pt(page.width_mm), pt(page.height_mm)))
            .contents(*content_id);
        let mut resources = page_writer.resources();
        let mut font_resources = resources.fonts();
        for (face, font_id) in &font_ids {
            font_resources.pair(font_name(*face).as_name(), *font_id);
        }
        font_resources.finish();
        resources.finish();
        page_writer.finish();
        pdf.stream(*content_id, content).filter(Filter::FlateDecode);
    }
    for (face, used_face) in &used {
        let font_id = font_ids[face];
        embed_face(&mut pdf, &mut allocate, font_id, *face, used_face, faces).map_err(
            |reason| PdfError::Embed {
                family: fonts.faces()[*face].family.clone(),
                reason,
            },
        )?;
    }
    Ok(pdf.finish())
}

/// The resource name of a face (`F0`, `F1`, …).
struct FontName(String);

impl FontName {
    fn as_name(&self) -> Name<'_> {
        Name(self.0.as_bytes())
    }
}

fn font_name(face: usize) -> FontName {
    FontName(format!("F{face}"))
}

/// The content stream of a page: its text runs and rules. Records the glyphs used.
fn page_content(
    page: &Page,
    faces: &FontFaces<'_>,
    used: &mut BTreeMap<usize, UsedFace>,
) -> Vec<u8> {
    let height = pt(page.height_mm);
    let mut content = Content::new();
    let mut line_width = None;
    for item in &page.items {
        if let Item::Rule(rule) = item {
            if line_width != Some(rule.width_pt) {
                content.set_line_width(rule.width_pt);
                line_width = Some(rule.width_pt);
            }
            content
                .move_to(pt(rule.x1_mm), height - pt(rule.y1_mm))
                .line_to(pt(rule.x2_mm), height - pt(rule.y2_mm))
                .stroke();
        }
    }
    content.begin_text();
    let mut current_font: Option<(usize, f32)> = None;
    let mut current_spacing = 0.0_f32;
    let mut encoded: Vec<u8> = Vec::new();
    for item in &page.items {
        let Item::Text(run) = item else { continue };
        let spacing = pt(run.letter_spacing_mm);
        // The same spacing is the same value, bit for bit: runs copy it from one constant.
        if spacing.to_bits() != current_spacing.to_bits() {
            content.set_char_spacing(spacing);
            current_spacing = spacing;
        }
        content.set_text_matrix([
            1.0,
            0.0,
            0.0,
            1.0,
            pt(run.x_mm),
            height - pt(run.baseline_mm),
        ]);
        // A run is shown in pieces when some of its characters come from a fallback face;
        // each piece starts where the one before ended.
        let mut piece_face = None;
        encoded.clear();
        for character in run.text.chars() {
            let glyph = faces.glyph(run.role, character);
            if piece_face != Some(glyph.face) {
                if !encoded.is_empty() {
                    content.show(Str(&encoded));
                    encoded.clear();
                }
                if current_font != Some((glyph.face, run.size_pt)) {
                    content.set_font(font_name(glyph.face).as_name(), run.size_pt);
                    current_font = Some((glyph.face, run.size_pt));
                }
                piece_face = Some(glyph.face);
            }
            let used_face = used.entry(glyph.face).or_insert_with(UsedFace::new);
            let id = used_face.encode(glyph.id, character, glyph.advance_em);
            encoded.extend_from_slice(&id.to_be_bytes());
        }
        if !encoded.is_empty() {
            content.show(Str(&encoded));
        }
    }
    content.end_text();
    content.finish().into_vec()
}

fn compress(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
    // Writing to a Vec cannot fail.
    if encoder.write_all(data).is_err() {
        return Vec::new();
    }
    encoder.finish().unwrap_or_default()
}

/// Embeds the subset of one face: the Type0 font at `font_id`, its CID font, descriptor, font
/// file and `ToUnicode` map.
fn embed_face(
    pdf: &mut Pdf,
    allocate: &mut impl FnMut() -> Ref,
    font_id: Ref,
    face_index: usize,
    used: &UsedFace,
    faces: &FontFaces<'_>,
) -> Result<(), String> {
    let loaded = &faces.fonts().faces()[face_index];
    let parsed = faces
        .parsed(face_index)
        .ok_or_else(|| "no longer parses".to_owned())?;
    let subset = subsetter::subset(loaded.data(), loaded.index, &used.remapper)
        .map_err(|e| e.to_string())?;
    let is_cff = parsed.tables().cff.is_some();
    let cid_id = allocate();
    let descriptor_id = allocate();
    let file_id = allocate();
    let to_unicode_id = allocate();
    let base_font = format!(
        "{}+{}",
        subset_tag(used),
        post_script_name(&loaded.post_script_name)
    );
    let base_font = Name(base_font.as_bytes());
    let system_info = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };

    pdf.type0_font(font_id)
        .base_font(base_font)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid_id)
        .to_unicode(to_unicode_id);

    let mut cid = pdf.cid_font(cid_id);
    cid.subtype(if is_cff {
        CidFontType::Type0
    } else {
        CidFontType::Type2
    })
    .base_font(base_font)
    .system_info(system_info)
    .font_descriptor(descriptor_id)
    .default_width(1000.0);
    if !is_cff {
        cid.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    cid.widths()
        .consecutive(0, used.glyphs.iter().map(|(_, width)| *width));
    cid.finish();

    let units = f32::from(parsed.units_per_em().max(1));
    let scale = |value: i16| f32::from(value) * 1000.0 / units;
    let bbox = parsed.global_bounding_box();
    let mut descriptor = pdf.font_descriptor(descriptor_id);
    descriptor
        .name(base_font)
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(
            scale(bbox.x_min),
            scale(bbox.y_min),
            scale(bbox.x_max),
            scale(bbox.y_max),
        ))
        .italic_angle(parsed.italic_angle())
        .ascent(scale(parsed.ascender()))
        .descent(scale(parsed.descender()))
        .cap_height(scale(parsed.capital_height().unwrap_or(parsed.ascender())))
        .stem_v(80.0);
    let font_file = if is_cff {
        descriptor.font_file3(file_id);
        descriptor.finish();
        // The subsetter returns an OpenType font; PDF wants its bare CID-keyed CFF table.
        ttf_parser::RawFace::parse(&subset, 0)
            .ok()
            .and_then(|raw| raw.table(ttf_parser::Tag::from_bytes(b"CFF ")))
            .map(<[u8]>::to_vec)
            .ok_or_else(|| "the subset has no CFF table".to_owned())?
    } else {
        descriptor.font_file2(file_id);
        descriptor.finish();
        subset
    };
    let font_file = compress(&font_file);
    let mut file = pdf.stream(file_id, &font_file);
    file.filter(Filter::FlateDecode);
    if is_cff {
        file.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    }
    file.finish();

    let mut cmap = pdf_writer::types::UnicodeCmap::new(Name(b"Custom"), system_info);
    for (new_id, (character, _)) in used.glyphs.iter().enumerate().skip(1) {
        cmap.pair(new_id as u16, *character);
    }
    let cmap = compress(cmap.finish().as_slice());
    pdf.cmap(to_unicode_id, &cmap).filter(Filter::FlateDecode);
    Ok(())
}

/// Six capital letters naming a subset (PDF 9.6.4), from the glyphs it holds, so a document
/// written twice is written the same.
fn subset_tag(used: &UsedFace) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (character, _) in &used.glyphs {
        hash ^= u64::from(u32::from(*character));
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|i| char::from(b'A' + ((hash >> (i * 5)) % 26) as u8))
        .collect()
}

/// A PostScript name fit for a PDF name: ASCII letters, digits and hyphens.
fn post_script_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if clean.is_empty() {
        "CJKFont".to_owned()
    } else {
        clean
    }
}
