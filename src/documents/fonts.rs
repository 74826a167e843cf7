//! The fonts of an official document, found by role (title, headings, body, page numbers) among
//! the system's fonts: the official typefaces of GB/T 9704 (小标宋, 黑体, 楷体, 仿宋) when the
//! machine has them, else free CJK fonts (Noto CJK, Droid Sans Fallback). The choice is a pure
//! function of the list of installed faces ([`preference_order`]), so it can be tested with a
//! made-up list; loading reads the chosen files and checks that they parse and hold Chinese
//! glyphs, falling to the next candidate when one is broken.
//!
//! [`FontFaces`] gives the glyph and advance of a character in a role's font: the layout
//! measures with it and the PDF writer encodes with it, so both agree to the unit.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use thiserror::Error;

/// What a run of text is set in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FontRole {
    /// The title: 方正小标宋简体 (二号).
    Title,
    /// First-level headings, table headers and the annex label: 黑体.
    Heading1,
    /// Second-level headings and the lines under the title: 楷体.
    Heading2,
    /// Body text and table cells: 仿宋.
    Body,
    /// Page numbers: 宋体.
    PageNumber,
}

impl FontRole {
    /// Every role, in the order of [`Fonts::resolved`].
    pub const ALL: [Self; 5] = [
        Self::Title,
        Self::Heading1,
        Self::Heading2,
        Self::Body,
        Self::PageNumber,
    ];

    /// The role's name in the project's reports (标题 title …).
    pub fn label(self) -> &'static str {
        match self {
            Self::Title => "标题（title）",
            Self::Heading1 => "一级标题（heading 1）",
            Self::Heading2 => "二级标题（heading 2）",
            Self::Body => "正文（body）",
            Self::PageNumber => "页码（page numbers）",
        }
    }

    fn slot(self) -> usize {
        self as usize
    }

    /// The families this role prefers, best first, each with the weight wanted in it; the body's
    /// free fonts close every list, so a role falls back to the body font.
    fn preferences(self) -> Vec<FamilyPreference> {
        let own: &[FamilyPreference] = match self {
            Self::Title => &[
                FamilyPreference::regular("方正小标宋简体"),
                FamilyPreference::regular("方正小标宋_GBK"),
                FamilyPreference::regular("FZXiaoBiaoSong-B05S"),
                FamilyPreference::regular("小标宋"),
                FamilyPreference::regular("华文中宋"),
                FamilyPreference::regular("STZhongsong"),
                FamilyPreference::regular("宋体"),
                FamilyPreference::regular("SimSun"),
                FamilyPreference::bold("Noto Serif CJK SC"),
                FamilyPreference::bold("Source Han Serif SC"),
                FamilyPreference::bold("Source Han Serif CN"),
            ],
            Self::Heading1 => &[
                FamilyPreference::regular("黑体"),
                FamilyPreference::regular("SimHei"),
                FamilyPreference::regular("Noto Sans CJK SC"),
                FamilyPreference::regular("Source Han Sans SC"),
                FamilyPreference::regular("Source Han Sans CN"),
                FamilyPreference::regular("WenQuanYi Zen Hei"),
                FamilyPreference::regular("WenQuanYi Micro Hei"),
            ],
            Self::Heading2 => &[
                FamilyPreference::regular("楷体_GB2312"),
                FamilyPreference::regular("KaiTi_GB2312"),
                FamilyPreference::regular("楷体"),
                FamilyPreference::regular("KaiTi"),
                FamilyPreference::regular("华文楷体"),
                FamilyPreference::regular("STKaiti"),
                FamilyPreference::regular("AR PL UKai CN"),
            ],
            Self::Body => &[],
            Self::PageNumber => &[
                FamilyPreference::regular("宋体"),
                FamilyPreference::regular("SimSun"),
            ],
        };
        let mut preferences = own.to_vec();
        preferences.extend_from_slice(BODY_FAMILIES);
        preferences
    }
}

/// Fonts of wide coverage, for the characters a role's font lacks (`仿宋_GB2312` and the other
/// official fonts hold GB 2312 alone, without 镕 or 堃): the first installed is loaded besides
/// the roles' fonts.
const COVERAGE_FAMILIES: &[FamilyPreference] = &[
    FamilyPreference::regular("Noto Serif CJK SC"),
    FamilyPreference::regular("Source Han Serif SC"),
    FamilyPreference::regular("Source Han Serif CN"),
    FamilyPreference::regular("Noto Sans CJK SC"),
    FamilyPreference::regular("Source Han Sans SC"),
    FamilyPreference::regular("Source Han Sans CN"),
    FamilyPreference::regular("Microsoft YaHei"),
    FamilyPreference::regular("微软雅黑"),
    FamilyPreference::regular("SimSun"),
    FamilyPreference::regular("宋体"),
    FamilyPreference::regular("WenQuanYi Zen Hei"),
    FamilyPreference::regular("Droid Sans Fallback"),
];

/// The body's families, best first: the official 仿宋, then free CJK fonts.
const BODY_FAMILIES: &[FamilyPreference] = &[
    FamilyPreference::regular("仿宋_GB2312"),
    FamilyPreference::regular("FangSong_GB2312"),
    FamilyPreference::regular("仿宋"),
    FamilyPreference::regular("FangSong"),
    FamilyPreference::regular("华文仿宋"),
    FamilyPreference::regular("STFangsong"),
    FamilyPreference::regular("Noto Serif CJK SC"),
    FamilyPreference::regular("Source Han Serif SC"),
    FamilyPreference::regular("Source Han Serif CN"),
    FamilyPreference::regular("Noto Sans CJK SC"),
    FamilyPreference::regular("Source Han Sans SC"),
    FamilyPreference::regular("Source Han Sans CN"),
    FamilyPreference::regular("WenQuanYi Zen Hei"),
    FamilyPreference::regular("WenQuanYi Micro Hei"),
    FamilyPreference::regular("Droid Sans Fallback"),
];

/// A family a role would use, and the weight it wants in it (400 regular, 700 bold).
#[derive(Clone, Copy, Debug)]
struct FamilyPreference {
    family: &'static str,
    weight: u16,
}

impl FamilyPreference {
    const fn regular(family: &'static str) -> Self {
        Self {
            family,
            weight: 400,
        }
    }

    const fn bold(family: &'static str) -> Self {
        Self {
            family,
            weight: 700,
        }
    }
}

/// What the choice needs to know of an installed face.
#[derive(Clone, Debug)]
pub struct FaceSummary {
    /// Its family names, in every language the font gives (仿宋 and `FangSong`).
    pub families: Vec<String>,
    /// Its weight (400 regular, 700 bold).
    pub weight: u16,
    /// Whether it is italic or oblique.
    pub italic: bool,
}

/// The faces a role would use, best first, as indices into `faces`: the faces of each preferred
/// family in turn (family names compared without regard to case), within a family the upright
/// face of the nearest weight first.
pub fn preference_order(role: FontRole, faces: &[FaceSummary]) -> Vec<usize> {
    order_by(&role.preferences(), faces)
}

/// The faces of `preferences`' families, best first (see [`preference_order`]).
fn order_by(preferences: &[FamilyPreference], faces: &[FaceSummary]) -> Vec<usize> {
    let mut order = Vec::new();
    for preference in preferences {
        let mut family_faces: Vec<usize> = faces
            .iter()
            .enumerate()
            .filter(|(index, face)| {
                !order.contains(index)
                    && face
                        .families
                        .iter()
                        .any(|name| name.eq_ignore_ascii_case(preference.family))
            })
            .map(|(index, _)| index)
            .collect();
        family_faces.sort_by_key(|&index| {
            let face = &faces[index];
            (face.italic, face.weight.abs_diff(preference.weight))
        });
        order.extend(family_faces);
    }
    order
}

/// The families looked for, for the message when none is installed.
fn families_looked_for() -> String {
    let mut names: Vec<&str> = Vec::new();
    for role in FontRole::ALL {
        for preference in role.preferences() {
            if !names.contains(&preference.family) {
                names.push(preference.family);
            }
        }
    }
    names.join("、")
}

/// Why the fonts could not be had.
#[derive(Debug, Error)]
pub enum FontError {
    /// No installed face of any family looked for parses and holds Chinese glyphs.
    #[error(
        "未找到可用的中文字体（no usable CJK font found）：查找了（looked for）{looked_for}。请安装仿宋等公文字体，或免费的 Noto CJK 字体（install the official fonts, or the free Noto CJK fonts: Debian/Ubuntu `apt install fonts-noto-cjk`, Fedora `dnf install google-noto-serif-cjk-fonts`）"
    )]
    NoCjkFont {
        /// The families looked for, joined.
        looked_for: String,
    },
}

/// A face as loaded: its bytes and where they came from.
pub struct LoadedFace {
    /// Its family name (the first the font gives, as fontconfig would show it).
    pub family: String,
    /// Its PostScript name (for the PDF's font names).
    pub post_script_name: String,
    /// The file it was read from (empty for fonts given as bytes).
    pub path: PathBuf,
    /// The face's index in a collection (`.ttc`), else 0.
    pub index: u32,
    data: Arc<dyn AsRef<[u8]> + Send + Sync>,
}

impl LoadedFace {
    /// The whole font file's bytes (all faces of a collection).
    pub fn data(&self) -> &[u8] {
        (*self.data).as_ref()
    }
}

impl std::fmt::Debug for LoadedFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoadedFace")
            .field("family", &self.family)
            .field("path", &self.path)
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

/// The fonts of every role, loaded (two roles may share one face).
#[derive(Debug)]
pub struct Fonts {
    faces: Vec<LoadedFace>,
    /// For each role (by [`FontRole::slot`]), its face in `faces`.
    role_faces: [usize; FontRole::ALL.len()],
    /// The faces tried, in order, for a character a role's face lacks: the body's, the face of
    /// widest coverage, then the others.
    fallback_order: Vec<usize>,
}

/// A character every usable face must have: a font without 国 cannot set a Chinese document.
const CJK_PROBE: char = '国';

impl Fonts {
    /// Finds the fonts among the system's (fontconfig's directories on Linux, the Windows and
    /// macOS font folders elsewhere).
    pub fn from_system() -> Result<Self, FontError> {
        let mut database = fontdb::Database::new();
        database.load_system_fonts();
        Self::from_database(&database)
    }

    /// Finds the fonts among those of `database`.
    pub fn from_database(database: &fontdb::Database) -> Result<Self, FontError> {
        let infos: Vec<&fontdb::FaceInfo> = database.faces().collect();
        let summaries: Vec<FaceSummary> = infos
            .iter()
            .map(|info| FaceSummary {
                families: info.families.iter().map(|(name, _)| name.clone()).collect(),
                weight: info.weight.0,
                italic: info.style != fontdb::Style::Normal,
            })
            .collect();
        let mut faces: Vec<LoadedFace> = Vec::new();
        // Faces found broken are skipped by every role, not read again.
        let mut broken: Vec<usize> = Vec::new();
        let mut loaded_from: Vec<usize> = Vec::new();
        let mut role_faces = [0; FontRole::ALL.len()];
        // One pass per role, and a last one for the face of widest coverage.
        for slot in 0..=FontRole::ALL.len() {
            let candidates = match FontRole::ALL.get(slot) {
                Some(role) => preference_order(*role, &summaries),
                None => order_by(COVERAGE_FAMILIES, &summaries),
            };
            let mut found = None;
            for candidate in candidates {
                if broken.contains(&candidate) {
                    continue;
                }
                if let Some(position) = loaded_from.iter().position(|&c| c == candidate) {
                    found = Some(position);
                    break;
                }
                match load_face(infos[candidate]) {
                    Some(face) => {
                        faces.push(face);
                        loaded_from.push(candidate);
                        found = Some(faces.len() - 1);
                        break;
                    }
                    None => broken.push(candidate),
                }
            }
            match (role_faces.get_mut(slot), found) {
                (Some(role_face), Some(face)) => *role_face = face,
                (Some(_), None) => {
                    return Err(FontError::NoCjkFont {
                        looked_for: families_looked_for(),
                    });
                }
                (None, _) => {} // no face of wide coverage: the roles' faces will do
            }
        }
        let body = role_faces[FontRole::Body.slot()];
        let mut fallback_order = vec![body];
        fallback_order.extend((0..faces.len()).filter(|&face| face != body));
        Ok(Self {
            faces,
            role_faces,
            fallback_order,
        })
    }

    /// The face a role is set in.
    pub fn face(&self, role: FontRole) -> &LoadedFace {
        &self.faces[self.role_faces[role.slot()]]
    }

    /// Each role with the family and file it resolved to, for the CLI's report.
    pub fn resolved(&self) -> Vec<(FontRole, &str, &Path)> {
        FontRole::ALL
            .iter()
            .map(|&role| {
                let face = self.face(role);
                (role, face.family.as_str(), face.path.as_path())
            })
            .collect()
    }

    /// The distinct faces, each once, in a fixed order (the PDF embeds each once).
    pub fn faces(&self) -> &[LoadedFace] {
        &self.faces
    }

    /// The index in [`Fonts::faces`] of a role's face.
    pub fn face_index(&self, role: FontRole) -> usize {
        self.role_faces[role.slot()]
    }

    /// The faces parsed, for measuring and encoding text. Cannot fail: every face was parsed
    /// when loaded.
    pub fn parse(&self) -> FontFaces<'_> {
        let parsed = self
            .faces
            .iter()
            .map(|face| ttf_parser::Face::parse(face.data(), face.index).ok())
            .collect();
        FontFaces {
            fonts: self,
            parsed,
        }
    }
}

/// Reads a face's bytes and checks that it parses and has Chinese glyphs; `None` if not.
fn load_face(info: &fontdb::FaceInfo) -> Option<LoadedFace> {
    let (path, data): (PathBuf, Arc<dyn AsRef<[u8]> + Send + Sync>) = match &info.source {
        fontdb::Source::Binary(data) => (PathBuf::new(), Arc::clone(data)),
        fontdb::Source::File(path) => (path.clone(), Arc::new(std::fs::read(path).ok()?)),
        fontdb::Source::SharedFile(path, data) => (path.clone(), Arc::clone(data)),
    };
    let face = ttf_parser::Face::parse((*data).as_ref(), info.index).ok()?;
    face.glyph_index(CJK_PROBE)?;
    if face.units_per_em() == 0 {
        return None;
    }
    Some(LoadedFace {
        family: info
            .families
            .first()
            .map_or_else(String::new, |(name, _)| name.clone()),
        post_script_name: info.post_script_name.clone(),
        path,
        index: info.index,
        data,
    })
}

/// A character's glyph: the face it is taken from, its id there and its advance, in ems
/// (fractions of the font size).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glyph {
    /// The face, as an index into [`Fonts::faces`].
    pub face: usize,
    /// The glyph id in the face (0, `.notdef`, when the face lacks the character).
    pub id: u16,
    /// The advance width in ems.
    pub advance_em: f32,
}

/// The loaded fonts, parsed.
pub struct FontFaces<'a> {
    fonts: &'a Fonts,
    /// Parallel to [`Fonts::faces`]; `None` only if a face that parsed once no longer does.
    parsed: Vec<Option<ttf_parser::Face<'a>>>,
}

impl<'a> FontFaces<'a> {
    /// The fonts these are parsed from.
    pub fn fonts(&self) -> &'a Fonts {
        self.fonts
    }

    /// The parsed face at `index` of [`Fonts::faces`].
    pub fn parsed(&self, index: usize) -> Option<&ttf_parser::Face<'a>> {
        self.parsed.get(index).and_then(Option::as_ref)
    }

    /// A character's glyph in a role's face, or, if that face lacks it, in the first of the
    /// other faces that has it (the body's, then the widest). Characters no face has get the
    /// role face's `.notdef`, so the layout keeps their place.
    pub fn glyph(&self, role: FontRole, character: char) -> Glyph {
        let role_face = self.fonts.face_index(role);
        std::iter::once(role_face)
            .chain(self.fonts.fallback_order.iter().copied())
            .find_map(|face| self.glyph_in(face, character, false))
            .or_else(|| self.glyph_in(role_face, character, true))
            .unwrap_or(Glyph {
                face: role_face,
                id: 0,
                advance_em: 1.0,
            })
    }

    /// The glyph of `character` in one face; `.notdef` if the face lacks it and `or_notdef`.
    fn glyph_in(&self, face: usize, character: char, or_notdef: bool) -> Option<Glyph> {
        let parsed = self.parsed(face)?;
        let id = match parsed.glyph_index(character) {
            Some(id) => id,
            None if or_notdef => ttf_parser::GlyphId(0),
            None => return None,
        };
        let units_per_em = f32::from(parsed.units_per_em().max(1));
        let advance_em = parsed
            .glyph_hor_advance(id)
            .map_or(1.0, |units| f32::from(units) / units_per_em);
        Some(Glyph {
            face,
            id: id.0,
            advance_em,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn face(families: &[&str], weight: u16) -> FaceSummary {
        FaceSummary {
            families: families.iter().map(ToString::to_string).collect(),
            weight,
            italic: false,
        }
    }

    /// A Windows machine with the official fonts and Noto besides: each role takes its
    /// official typeface.
    #[test]
    fn official_fonts_are_preferred_when_installed() {
        let faces = vec![
            face(&["Noto Serif CJK SC"], 400),
            face(&["Noto Serif CJK SC"], 700),
            face(&["Noto Sans CJK SC"], 400),
            face(&["FangSong", "仿宋"], 400),
            face(&["SimHei", "黑体"], 400),
            face(&["KaiTi", "楷体"], 400),
            face(&["SimSun", "宋体"], 400),
            face(&["方正小标宋简体"], 400),
        ];
        let first = |role| preference_order(role, &faces)[0];
        assert_eq!(first(FontRole::Body), 3);
        assert_eq!(first(FontRole::Heading1), 4);
        assert_eq!(first(FontRole::Heading2), 5);
        assert_eq!(first(FontRole::PageNumber), 6);
        assert_eq!(first(FontRole::Title), 7);
    }

    /// A Linux machine with Noto CJK only: the title takes the bold serif, the body the regular
    /// serif, 黑体's place goes to the sans, and 楷体 (no free stand-in) falls back to the body.
    #[test]
    fn free_fonts_stand_in_when_the_official_are_missing() {
        let faces = vec![
            face(&["Droid Sans Fallback"], 400),
            face(&["Noto Sans CJK SC"], 400),
            face(&["Noto Serif CJK SC"], 700),
            face(&["Noto Serif CJK JP"], 400),
            face(&["Noto Serif CJK SC"], 400),
        ];
        let first = |role| preference_order(role, &faces)[0];
        assert_eq!(first(FontRole::Title), 2);
        assert_eq!(first(FontRole::Body), 4);
        assert_eq!(first(FontRole::Heading1), 1);
        assert_eq!(first(FontRole::Heading2), 4);
        assert_eq!(first(FontRole::PageNumber), 4);
        // Every candidate once, the last resort last.
        let body = preference_order(FontRole::Body, &faces);
        assert_eq!(body, vec![4, 2, 1, 0]);
    }

    #[test]
    fn no_cjk_family_gives_no_candidate_and_a_message_naming_what_to_install() {
        let faces = vec![face(&["DejaVu Sans"], 400)];
        assert!(preference_order(FontRole::Body, &faces).is_empty());
        let message = FontError::NoCjkFont {
            looked_for: families_looked_for(),
        }
        .to_string();
        assert!(message.contains("仿宋") && message.contains("fonts-noto-cjk"));
    }

    #[test]
    fn an_empty_database_is_an_error_not_a_panic() {
        let database = fontdb::Database::new();
        assert!(matches!(
            Fonts::from_database(&database),
            Err(FontError::NoCjkFont { .. })
        ));
    }

    #[test]
    fn a_broken_font_is_skipped() {
        let mut database = fontdb::Database::new();
        database.load_font_data(b"not a font at all".to_vec());
        assert!(Fonts::from_database(&database).is_err());
    }
}
