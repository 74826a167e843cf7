//! Search by name, code or pinyin initials: typing `cgj` finds 城管局 and 市城市管理局
//! (城市管理局 → c-s-g-l-j holds c…g…j in order, skipping at most [`MAX_SKIP`] characters
//! between two letters, as an abbreviation does), `CF-GH` finds the planning penalties. A long
//! power name holds almost any three or four letters somewhere in order, so letters spread over
//! a sentence do not match ("yjjz" does not find a power about cooking fumes whose name has a y,
//! then a j seven characters later).
//!
//! Initials come from the `pinyin` crate (plain readings, first reading of each character).

use pinyin::ToPinyin;

/// The pinyin initials of a text, lower case; characters without a reading (ASCII letters and
/// digits) are kept as they are, others are dropped.
pub fn initials(text: &str) -> String {
    text.chars()
        .zip(text.to_pinyin())
        .filter_map(|(c, p)| match p {
            Some(p) => p.first_letter().chars().next(),
            None if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            None => None,
        })
        .collect()
}

/// A prepared query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    text: String,
    lower: String,
}

impl Query {
    /// Prepares a query; an empty or blank one matches nothing.
    pub fn new(text: &str) -> Self {
        let text = text.trim().to_owned();
        let lower = text.to_lowercase();
        Self { text, lower }
    }

    /// Whether the query is empty.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Whether a thing with this name and code matches: the name contains the text, the code
    /// contains it (any case), or the name's pinyin initials contain it, or hold its letters in
    /// order (an abbreviation such as 城管局 for 城市管理局), for queries of three letters or more.
    pub fn matches(&self, name: &str, code: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        if name.contains(&self.text) || code.to_lowercase().contains(&self.lower) {
            return true;
        }
        if !self.lower.chars().all(|c| c.is_ascii_alphanumeric()) {
            return false;
        }
        let initials = initials(name);
        initials.contains(&self.lower)
            || (self.lower.chars().count() >= 3 && is_abbreviation(&self.lower, &initials))
    }
}

/// At most this many characters are skipped between two letters of an abbreviation (城管局 for
/// 城市管理局 skips one between each).
pub const MAX_SKIP: usize = 2;

/// Whether `needle` follows in `hay` from `at`, skipping at most [`MAX_SKIP`] letters before
/// each of its letters.
fn abbreviation_from(needle: &[char], hay: &[char], at: usize) -> bool {
    let Some((first, rest)) = needle.split_first() else {
        return true;
    };
    hay.iter()
        .enumerate()
        .skip(at)
        .take(MAX_SKIP + 1)
        .any(|(i, h)| h == first && abbreviation_from(rest, hay, i + 1))
}

/// Whether `needle`'s letters appear in `haystack` in order, with at most [`MAX_SKIP`] letters
/// skipped between two of them.
fn is_abbreviation(needle: &str, haystack: &str) -> bool {
    let needle: Vec<char> = needle.chars().collect();
    let hay: Vec<char> = haystack.chars().collect();
    let Some((first, rest)) = needle.split_first() else {
        return true;
    };
    hay.iter()
        .enumerate()
        .any(|(i, h)| h == first && abbreviation_from(rest, &hay, i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_chinese_names() {
        assert_eq!(initials("城管局"), "cgj");
        assert_eq!(initials("市城市管理局"), "scsglj");
        assert_eq!(initials("甲区A1"), "jqa1");
    }

    #[test]
    fn cgj_finds_the_city_management_bureau() {
        let q = Query::new("cgj");
        assert!(q.matches("城管局", ""));
        assert!(q.matches("市城市管理局", "city-cgj"));
        assert!(q.matches("甲区城市管理局", "district-a-x"));
        assert!(!q.matches("市园林绿化局", "city-ylj"));
    }

    #[test]
    fn letters_spread_over_a_long_name_are_not_an_abbreviation() {
        let fumes = "对餐饮服务业经营者未安装油烟净化设施或者超过排放标准排放油烟的处罚";
        assert!(!Query::new("yjjz").matches(fumes, "CF-SR-009"));
        // Its real abbreviations still find it.
        assert!(Query::new("yyjh").matches(fumes, ""));
        assert!(Query::new("cyfw").matches(fumes, ""));
        // An abbreviation that skips more than two characters between letters does not.
        assert!(!Query::new("cgj").matches("城市建设规划管理局", ""));
        assert!(
            !Query::new("cj").matches("城市管理局", ""),
            "two letters must be adjacent"
        );
    }

    #[test]
    fn names_and_codes_match_directly() {
        assert!(Query::new("园林").matches("市园林绿化局", ""));
        assert!(Query::new("cf-gh").matches("", "CF-GH-001"));
        assert!(!Query::new("  ").matches("任何", "any"));
    }
}
