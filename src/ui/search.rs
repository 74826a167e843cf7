//! Search by name, code or pinyin initials: typing `cgj` finds 城管局 and 市城市管理局
//! (城市管理局 → c-s-g-l-j contains c…g…j in order), `CF-GH` finds the planning penalties.
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
            || (self.lower.chars().count() >= 3 && is_subsequence(&self.lower, &initials))
    }
}

fn is_subsequence(needle: &str, haystack: &str) -> bool {
    let mut rest = haystack.chars();
    needle.chars().all(|c| rest.any(|h| h == c))
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
    fn names_and_codes_match_directly() {
        assert!(Query::new("园林").matches("市园林绿化局", ""));
        assert!(Query::new("cf-gh").matches("", "CF-GH-001"));
        assert!(!Query::new("  ").matches("任何", "any"));
    }
}
