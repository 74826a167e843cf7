//! Header recognition: which column of a power list holds which field, found by the header's
//! text in any order, with exactly the synonyms of issue 4 (plus the optional 不含辖区 column
//! that Shiquan's own list export writes).
//!
//! Headers are compared after removing white space (ASCII and the full-width space, line breaks
//! inside a merged header cell), a byte-order mark and ASCII case, and reading a full-width `／`
//! as `/`. The [`HeaderMapping`] is public and editable so that the window's import dialog can
//! show the detected mapping in its preview and let the user correct it.

use std::fmt;

/// A field of a power list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// 事项编码
    Code,
    /// 事项名称
    Name,
    /// 权力类型
    Kind,
    /// 领域
    Field,
    /// 实施依据
    Basis,
    /// 实施主体
    Body,
    /// 行使层级
    Level,
    /// 辖区
    Jurisdiction,
    /// 主办/协办
    Role,
    /// 不含辖区: districts a city-level lead holding does not cover (Shiquan's own export).
    Excludes,
}

impl Field {
    /// Every field, in the order of a list.
    pub const ALL: [Field; 10] = [
        Field::Code,
        Field::Name,
        Field::Kind,
        Field::Field,
        Field::Basis,
        Field::Body,
        Field::Level,
        Field::Jurisdiction,
        Field::Role,
        Field::Excludes,
    ];

    /// The recognised headers, the canonical Chinese one first.
    pub fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Code => &["事项编码", "职权编码", "编码", "code"],
            Field::Name => &["事项名称", "职权名称", "权力名称", "name"],
            Field::Kind => &["权力类型", "职权类型", "事项类型", "kind"],
            Field::Field => &["领域", "所属领域", "业务领域", "field"],
            Field::Basis => &["实施依据", "设定依据", "法律依据", "basis"],
            Field::Body => &["实施主体", "行使主体", "责任主体", "承办机构", "body"],
            Field::Level => &["行使层级", "层级", "level"],
            Field::Jurisdiction => &["辖区", "行政区", "区域", "jurisdiction"],
            Field::Role => &["主办/协办", "责任类型", "role"],
            Field::Excludes => &["不含辖区", "excludes"],
        }
    }

    /// The canonical Chinese header.
    pub fn label_zh(self) -> &'static str {
        self.synonyms()[0]
    }

    /// Whether a list must have this column.
    pub fn required(self) -> bool {
        matches!(self, Field::Code | Field::Name)
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_zh())
    }
}

/// A header's text as compared: no white space, no byte-order mark, ASCII lower case, `／` as `/`.
pub fn normalise_header(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{feff}')
        .map(|c| {
            if c == '／' {
                '/'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// The field a header names, if any.
pub fn field_of_header(text: &str) -> Option<Field> {
    let header = normalise_header(text);
    if header.is_empty() {
        return None;
    }
    Field::ALL
        .into_iter()
        .find(|f| f.synonyms().iter().any(|s| normalise_header(s) == header))
}

/// Which column (from 0) holds each field, with the header row's texts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeaderMapping {
    /// The header row's cells, as read.
    pub headers: Vec<String>,
    columns: [Option<usize>; 10],
}

impl HeaderMapping {
    /// Detects the mapping of a header row; where two columns name one field, the first wins.
    pub fn detect(headers: &[String]) -> Self {
        Self::detect_owned(headers.to_vec())
    }

    /// Detects the mapping of a table's row (see [`HeaderMapping::detect`]).
    pub fn detect_row(row: &super::RawRow<'_>) -> Self {
        Self::detect_owned(row.to_strings())
    }

    fn detect_owned(headers: Vec<String>) -> Self {
        let mut mapping = Self {
            headers,
            columns: [None; 10],
        };
        let headers = &mapping.headers;
        for (i, h) in headers.iter().enumerate() {
            if let Some(field) = field_of_header(h)
                && mapping.columns[field.index()].is_none()
            {
                mapping.columns[field.index()] = Some(i);
            }
        }
        mapping
    }

    /// The column of a field.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns[field.index()]
    }

    /// Sets (or clears) the column of a field, as a user's correction.
    pub fn set(&mut self, field: Field, column: Option<usize>) {
        self.columns[field.index()] = column;
    }

    /// The field a column is mapped to, if any.
    pub fn field_of_column(&self, column: usize) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|f| self.column(*f) == Some(column))
    }

    /// The required fields that no column holds.
    pub fn missing_required(&self) -> Vec<Field> {
        Field::ALL
            .into_iter()
            .filter(|f| f.required() && self.column(*f).is_none())
            .collect()
    }

    /// The header text of a column (empty past the header row).
    pub fn header(&self, column: usize) -> &str {
        self.headers.get(column).map_or("", String::as_str)
    }

    /// Whether this row looks like a list's header: it names a code and a name column.
    pub fn is_header(&self) -> bool {
        self.missing_required().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_in_any_form_are_found() {
        assert_eq!(field_of_header(" 职权 编码\n"), Some(Field::Code));
        assert_eq!(field_of_header("主办／协办"), Some(Field::Role));
        assert_eq!(field_of_header("Jurisdiction"), Some(Field::Jurisdiction));
        assert_eq!(field_of_header("备注"), None);
        let m = HeaderMapping::detect(&["名称".into(), "权力名称".into(), "编码".into()]);
        assert_eq!(m.column(Field::Name), Some(1));
        assert_eq!(m.column(Field::Code), Some(2));
        assert!(m.is_header());
    }
}
