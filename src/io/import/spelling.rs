//! How published 权责清单 spell what Shiquan reads: kinds of power (行政强制措施, 其他行政权力 …),
//! exercise levels written as sets (「市级、区级」, 「市、区两级」, ■ / √ marks in a column per
//! level), and the traditional characters of an occasional 繁体 copy.
//!
//! Each spelling is in one table here ([`KIND_SPELLINGS`], [`LEVEL_SPELLINGS`]) that the import
//! dialog shows; the readers of headers, kinds and levels go through these functions only.

use std::borrow::Cow;

use crate::model::{Level, PowerKind};

/// Spellings of the kinds of power in published lists, beyond each kind's own name (with or
/// without 行政) and its English id, which are always read. In the order the dialog lists them.
pub const KIND_SPELLINGS: &[(&str, PowerKind)] = &[
    ("行政强制措施", PowerKind::Coercion),
    ("行政强制执行", PowerKind::Coercion),
    ("强制措施", PowerKind::Coercion),
    ("强制执行", PowerKind::Coercion),
    ("其他行政权力", PowerKind::Other),
    ("其他权力", PowerKind::Other),
    ("其他职权", PowerKind::Other),
    ("其他", PowerKind::Other),
    ("公共服务", PowerKind::Service),
    ("公共服务事项", PowerKind::Service),
    ("职能", PowerKind::Service),
    ("其他职责", PowerKind::Service),
    ("公共服务/职能", PowerKind::Service),
    ("行政监督检查", PowerKind::Inspection),
    ("监督检查", PowerKind::Inspection),
    ("行政征用", PowerKind::Levy),
    ("行政征收征用", PowerKind::Levy),
];

/// Reads a kind of power as a list writes it: the kind's name, a spelling of
/// [`KIND_SPELLINGS`], a short form (许可, 处罚), the English id; traditional characters and a
/// trailing 类 or 事项 are read too.
pub fn kind_of(text: &str) -> Option<PowerKind> {
    if let Some(kind) = crate::text::parse_power_kind(text) {
        return Some(kind);
    }
    let simple = to_simplified(trim_blank(text));
    let text = simple.trim_end_matches('类');
    let text = text.strip_suffix("事项").unwrap_or(text);
    KIND_SPELLINGS
        .iter()
        .find(|(spelling, _)| *spelling == text)
        .map(|(_, kind)| *kind)
        .or_else(|| crate::text::parse_power_kind(text))
}

/// The exercise levels a list row names: one or more of city, district and street.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Levels {
    bits: u8,
}

impl Levels {
    /// One level.
    pub fn one(level: Level) -> Self {
        let mut levels = Self::default();
        levels.insert(level);
        levels
    }

    /// Adds a level.
    pub fn insert(&mut self, level: Level) {
        self.bits |= Self::bit(level);
    }

    /// Whether the level is among them.
    pub fn contains(self, level: Level) -> bool {
        self.bits & Self::bit(level) != 0
    }

    /// Whether none.
    pub fn is_empty(self) -> bool {
        self.bits == 0
    }

    /// The only level, if exactly one.
    pub fn single(self) -> Option<Level> {
        [Level::City, Level::District, Level::Street]
            .into_iter()
            .find(|l| self.bits == Self::bit(*l))
    }

    /// The highest level (city over district over street).
    pub fn highest(self) -> Option<Level> {
        [Level::City, Level::District, Level::Street]
            .into_iter()
            .find(|l| self.contains(*l))
    }

    /// How a list writes them: 「市级、区级」.
    pub fn label_zh(self) -> String {
        let names: Vec<&str> = [
            (Level::City, "市级"),
            (Level::District, "区级"),
            (Level::Street, "街道"),
        ]
        .into_iter()
        .filter(|(l, _)| self.contains(*l))
        .map(|(_, n)| n)
        .collect();
        names.join("、")
    }

    fn bit(level: Level) -> u8 {
        match level {
            Level::City => 1,
            Level::District => 2,
            Level::Street => 4,
        }
    }
}

/// Spellings of one exercise level, after traditional characters are read as simplified.
pub const LEVEL_SPELLINGS: &[(&str, Level)] = &[
    ("市级", Level::City),
    ("市", Level::City),
    ("市本级", Level::City),
    ("设区的市", Level::City),
    ("city", Level::City),
    ("区级", Level::District),
    ("区", Level::District),
    ("县级", Level::District),
    ("县", Level::District),
    ("区县级", Level::District),
    ("区县", Level::District),
    ("区（县）级", Level::District),
    ("区(县)级", Level::District),
    ("县（市、区）级", Level::District),
    ("district", Level::District),
    ("街道", Level::Street),
    ("街道级", Level::Street),
    ("街", Level::Street),
    ("乡镇", Level::Street),
    ("乡镇级", Level::Street),
    ("乡镇（街道）", Level::Street),
    ("乡镇(街道)", Level::Street),
    ("乡镇街道", Level::Street),
    ("镇街", Level::Street),
    ("镇", Level::Street),
    ("street", Level::Street),
];

/// One level as a list writes it (市级, 区县级, 乡镇（街道）…).
pub fn level_of(text: &str) -> Option<Level> {
    // Every row of a list has one: the spellings as written first, then a 繁体 copy.
    let text = trim_blank(text);
    if let Some((_, level)) = LEVEL_SPELLINGS.iter().find(|(s, _)| *s == text) {
        return Some(*level);
    }
    let simple = to_simplified(text);
    let text = simple.as_ref();
    LEVEL_SPELLINGS
        .iter()
        .find(|(s, _)| *s == text || (s.is_ascii() && s.eq_ignore_ascii_case(text)))
        .map(|(_, l)| *l)
}

/// The levels a 行使层级 cell names: one level, or several joined by 、 / , ， ; 和 及 or
/// a space, with or without a closing 两级 / 三级 (「市级、区级」, 「市级/区级」, 「市、区两级」,
/// 「市级,区级」, 「市区两级」). `None` if any part is not a level.
pub fn levels_of(text: &str) -> Option<Levels> {
    // Almost every row writes one level as the table spells it: that first.
    if let Some(level) = level_of(text) {
        return Some(Levels::one(level));
    }
    let simple = to_simplified(trim_blank(text));
    let text = simple.as_ref();
    if text.is_empty() {
        return None;
    }
    let text = ["两级", "三级", "各级", "共同"]
        .into_iter()
        .fold(text, |t, suffix| t.strip_suffix(suffix).unwrap_or(t));
    let mut levels = Levels::default();
    for part in text
        .split([
            '、', '/', '／', ',', '，', ';', '；', '和', '及', '与', ' ', '\u{3000}', '\n',
        ])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if let Some(level) = level_of(part) {
            levels.insert(level);
            continue;
        }
        // 「市区」 written together: each character a level.
        let mut chars = Levels::default();
        for c in part.chars() {
            chars.insert(level_of(c.encode_utf8(&mut [0; 4]))?);
        }
        levels.bits |= chars.bits;
    }
    (!levels.is_empty()).then_some(levels)
}

/// Whether a mark cell (one column per level) marks its row: ■ √ ✓ ✔ ● ☑ 是 Y; `Some(false)`
/// for □ ○ ☐ × ✗ 否 N and a blank; `None` for any other text.
pub fn mark_of(text: &str) -> Option<bool> {
    match trim_blank(text) {
        "■" | "√" | "✓" | "✔" | "●" | "☑" | "☒" | "是" | "Y" | "y" | "yes" | "Yes" | "1" => {
            Some(true)
        }
        "" | "□" | "○" | "☐" | "×" | "✗" | "否" | "N" | "n" | "no" | "No" | "0" | "-" | "—" => {
            Some(false)
        }
        _ => None,
    }
}

/// Traditional characters that lists' headers, kinds and levels use, with their simplified
/// forms; sorted, for a binary search.
const TRADITIONAL: &[(char, char)] = &[
    ('備', '备'),
    ('內', '内'),
    ('兩', '两'),
    ('別', '别'),
    ('劃', '划'),
    ('務', '务'),
    ('勵', '励'),
    ('區', '区'),
    ('協', '协'),
    ('單', '单'),
    ('園', '园'),
    ('執', '执'),
    ('報', '报'),
    ('場', '场'),
    ('實', '实'),
    ('導', '导'),
    ('層', '层'),
    ('屬', '属'),
    ('廣', '广'),
    ('強', '强'),
    ('徵', '征'),
    ('據', '据'),
    ('査', '查'),
    ('條', '条'),
    ('業', '业'),
    ('構', '构'),
    ('機', '机'),
    ('檢', '检'),
    ('權', '权'),
    ('決', '决'),
    ('況', '况'),
    ('營', '营'),
    ('獎', '奖'),
    ('環', '环'),
    ('監', '监'),
    ('確', '确'),
    ('碼', '码'),
    ('稅', '税'),
    ('稱', '称'),
    ('範', '范'),
    ('築', '筑'),
    ('級', '级'),
    ('給', '给'),
    ('統', '统'),
    ('綠', '绿'),
    ('編', '编'),
    ('縣', '县'),
    ('總', '总'),
    ('罰', '罚'),
    ('職', '职'),
    ('與', '与'),
    ('舉', '举'),
    ('處', '处'),
    ('號', '号'),
    ('術', '术'),
    ('衛', '卫'),
    ('規', '规'),
    ('託', '托'),
    ('設', '设'),
    ('許', '许'),
    ('註', '注'),
    ('認', '认'),
    ('證', '证'),
    ('責', '责'),
    ('費', '费'),
    ('轄', '辖'),
    ('辦', '办'),
    ('鄉', '乡'),
    ('錄', '录'),
    ('鎮', '镇'),
    ('門', '门'),
    ('關', '关'),
    ('項', '项'),
    ('領', '领'),
    ('類', '类'),
    ('驗', '验'),
    ('體', '体'),
    ('點', '点'),
];

/// The text with the traditional characters of [`TRADITIONAL`] read as simplified (borrowed
/// when there are none, as in almost every list).
pub fn to_simplified(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || !text.chars().any(|c| traditional(c).is_some()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| traditional(c).unwrap_or(c)).collect())
}

fn traditional(c: char) -> Option<char> {
    TRADITIONAL
        .binary_search_by_key(&c, |(t, _)| *t)
        .ok()
        .map(|i| TRADITIONAL[i].1)
}

/// Whether a character whose UTF-8 starts with `lead` may be one that cells are trimmed of:
/// the ASCII blanks, and the lead bytes of the other Unicode spaces (U+0085, U+00A0, U+1680,
/// U+2000–U+205F, U+3000) and of the byte-order mark. Chinese text never starts with them.
pub(in crate::io::import) fn may_be_trimmed(lead: u8) -> bool {
    matches!(
        lead,
        b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF
    )
}

/// Whether the text of `bytes` (UTF-8) may end with a character that cells are trimmed of: an
/// ASCII blank, or a character whose byte before its last is one of those of the other Unicode
/// spaces and the byte-order mark (C2, 9A, 80, 81, BB). A Chinese character's rarely is.
pub(in crate::io::import) fn may_end_trimmed(bytes: &[u8]) -> bool {
    match bytes {
        [.., last] if *last < 0x80 => may_be_trimmed(*last),
        [.., before, _] => matches!(before, 0xC2 | 0x9A | 0x80 | 0x81 | 0xBB),
        _ => true,
    }
}

/// `text.trim()`, without looking at the characters of a cell that starts and ends with none
/// that could be blank (the common case: a list's cells are read trimmed, and a row's main-item
/// cells are looked at again for every row of a province's list).
#[inline]
pub fn trim_blank(text: &str) -> &str {
    let bytes = text.as_bytes();
    let Some(&first) = bytes.first() else {
        return text;
    };
    if may_be_trimmed(first) || may_end_trimmed(bytes) {
        text.trim()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_in_every_common_spelling() {
        let both = {
            let mut l = Levels::one(Level::City);
            l.insert(Level::District);
            l
        };
        for text in [
            "市级、区级",
            "市级/区级",
            "市、区两级",
            "市级,区级",
            "市区两级",
            "市級、區級",
        ] {
            assert_eq!(levels_of(text), Some(both), "{text}");
        }
        assert_eq!(levels_of("区级"), Some(Levels::one(Level::District)));
        assert_eq!(levels_of("乡镇（街道）"), Some(Levels::one(Level::Street)));
        assert_eq!(levels_of("省级"), None);
        assert_eq!(levels_of(""), None);
        assert_eq!(both.label_zh(), "市级、区级");
    }

    #[test]
    fn kinds_in_published_spellings() {
        assert_eq!(kind_of("行政强制措施"), Some(PowerKind::Coercion));
        assert_eq!(kind_of("行政强制执行"), Some(PowerKind::Coercion));
        assert_eq!(kind_of("其他行政权力"), Some(PowerKind::Other));
        assert_eq!(kind_of("公共服务"), Some(PowerKind::Service));
        assert_eq!(kind_of("行政處罰"), Some(PowerKind::Penalty));
        assert_eq!(kind_of("行政许可类"), Some(PowerKind::Licence));
        assert_eq!(kind_of("行政检查"), Some(PowerKind::Inspection));
        assert_eq!(kind_of("行政指导"), None);
    }

    #[test]
    fn the_traditional_table_is_sorted() {
        assert!(TRADITIONAL.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(to_simplified("事項編碼"), "事项编码");
    }

    #[test]
    fn marks() {
        assert_eq!(mark_of("■"), Some(true));
        assert_eq!(mark_of("√"), Some(true));
        assert_eq!(mark_of("□"), Some(false));
        assert_eq!(mark_of(""), Some(false));
        assert_eq!(mark_of("市级"), None);
    }
}
