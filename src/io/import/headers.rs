//! Header recognition: which column of a power list holds which field, found by the header's
//! text in any order: the synonyms of issue 4, the columns of published lists (基本编码 /
//! 实施编码, 主项 / 子项, 承办机构, 责任事项, 追责情形, 行政区划), a column per level marked ■ / √,
//! and headers of two rows (a merged 行使层级 over 市级 / 区级 / 街道).
//!
//! Headers are compared after removing white space (ASCII and the full-width space, line breaks
//! inside a merged header cell), a byte-order mark and ASCII case, reading a full-width `／` as
//! `/` and traditional characters as simplified. The [`HeaderMapping`] is public and editable so
//! that the window's import dialog can show the detected mapping in its preview and let the
//! user correct it.

use crate::text::{Label, Lang};
use std::fmt;

/// A field of a power list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// 事项编码 (基本编码; the 主项编码 where the list has sub-items)
    Code,
    /// 事项名称 (the 主项名称 where the list has sub-items)
    Name,
    /// 子项编码: a sub-item is a power of its own under its main item.
    SubCode,
    /// 子项名称
    SubName,
    /// 实施编码: the code of one body's exercise of the power (region and body in it); kept on
    /// the holding, always as text.
    ImplCode,
    /// 权力类型
    Kind,
    /// 领域
    Field,
    /// 实施依据 (or 设定依据 when the list has no 实施依据)
    Basis,
    /// 实施主体
    Body,
    /// 承办机构: the division (科室) inside the 实施主体 that does the work; never a holder.
    Division,
    /// 行使层级
    Level,
    /// 辖区
    Jurisdiction,
    /// 所属区: the district of a street row whose 辖区 names the street alone.
    District,
    /// 主办/协办
    Role,
    /// 责任事项
    Duties,
    /// 追责情形
    Accountability,
    /// 不含辖区: districts a city-level lead holding does not cover (Shiquan's own export).
    Excludes,
}

/// How many fields there are.
const FIELDS: usize = 17;

impl Field {
    /// Every field, in the order of a list.
    pub const ALL: [Field; FIELDS] = [
        Field::Code,
        Field::Name,
        Field::SubCode,
        Field::SubName,
        Field::ImplCode,
        Field::Kind,
        Field::Field,
        Field::Basis,
        Field::Body,
        Field::Division,
        Field::Level,
        Field::Jurisdiction,
        Field::District,
        Field::Role,
        Field::Duties,
        Field::Accountability,
        Field::Excludes,
    ];

    /// The recognised headers, the canonical Chinese one first; where a list has two of them
    /// (实施依据 and 设定依据), the one earlier here is read.
    pub fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Code => &[
                "事项编码",
                "基本编码",
                "主项编码",
                "职权编码",
                "权力编码",
                "事项基本编码",
                "编码",
                "code",
            ],
            Field::Name => &[
                "事项名称",
                "主项名称",
                "职权名称",
                "权力名称",
                "权力事项名称",
                "name",
            ],
            Field::SubCode => &["子项编码", "sub-code"],
            Field::SubName => &["子项名称", "sub-name"],
            Field::ImplCode => &["实施编码", "实施清单编码", "事项实施编码", "impl-code"],
            Field::Kind => &["权力类型", "职权类型", "事项类型", "权力类别", "kind"],
            Field::Field => &["领域", "所属领域", "业务领域", "field"],
            Field::Basis => &[
                "实施依据",
                "法律依据",
                "设定依据",
                "设定和实施依据",
                "basis",
            ],
            Field::Body => &[
                "实施主体",
                "行使主体",
                "责任主体",
                "实施机关",
                "实施部门",
                "body",
            ],
            Field::Division => &[
                "承办机构",
                "承办科室",
                "内设机构",
                "具体承办机构",
                "责任科室",
                "division",
            ],
            Field::Level => &[
                "行使层级",
                "层级",
                "实施层级",
                "行使层级（市级、区级、街道）",
                "level",
            ],
            Field::Jurisdiction => &[
                "辖区",
                "行政区划",
                "所属区划",
                "所属行政区划",
                "行政区",
                "区域",
                "jurisdiction",
            ],
            // Not a bare 区 or 县 (a level): 区县 is read here only where no other column marks
            // a level ([`HeaderMapping::detect`]).
            Field::District => &[
                "所属区",
                "所属区县",
                "所属区（县）",
                "所属区(县)",
                "所属县区",
                "所属县（区）",
                "所属县(区)",
                "所在区",
                "所在区县",
                "所属城区",
                "区县名称",
                "区县",
                "district",
            ],
            Field::Role => &["主办/协办", "责任类型", "role"],
            Field::Duties => &["责任事项", "责任事项内容", "duties"],
            Field::Accountability => &["追责情形", "追责情形及依据", "问责情形", "accountability"],
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

/// A header's text as compared: no white space, no byte-order mark, ASCII lower case, `／` as `/`,
/// traditional characters as simplified.
pub fn normalise_header(text: &str) -> String {
    super::spelling::to_simplified(text)
        .chars()
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
    field_rank_of_header(text).map(|(field, _)| field)
}

/// The field a header names and the rank of its synonym (0: the canonical one).
fn field_rank_of_header(text: &str) -> Option<(Field, usize)> {
    let header = normalise_header(text);
    if header.is_empty() {
        return None;
    }
    NORMALISED_SYNONYMS
        .iter()
        .find(|(_, _, synonym)| *synonym == header)
        .map(|(field, rank, _)| (*field, *rank))
}

/// Every field's synonyms, normalised once ([`normalise_header`]), in the order of
/// [`Field::ALL`] and of each field's synonyms: a header row is compared with them cell by
/// cell, and a list's leading rows are each tried as a header (under each separator a CSV may
/// use).
static NORMALISED_SYNONYMS: std::sync::LazyLock<Vec<(Field, usize, String)>> =
    std::sync::LazyLock::new(|| {
        Field::ALL
            .into_iter()
            .flat_map(|field| {
                field
                    .synonyms()
                    .iter()
                    .enumerate()
                    .map(move |(rank, s)| (field, rank, normalise_header(s)))
            })
            .collect()
    });

/// The level a mark column stands for: a header that is a level (市级, 区县级, 乡镇（街道）), as
/// under a 行使层级 header of two rows.
pub fn level_of_header(text: &str) -> Option<crate::model::Level> {
    super::spelling::level_of(&normalise_header(text))
}

/// Which column (from 0) holds each field, with the header row's texts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeaderMapping {
    /// The header row's cells, as read (for a header of two rows, each column's texts joined).
    pub headers: Vec<String>,
    /// Each field's column (a list has at most [`super::MAX_LIST_COLUMNS`], far below
    /// `u16::MAX`: small, as the window's dialog and jobs carry the mapping by value).
    columns: [Option<u16>; FIELDS],
    /// Columns that mark a row's levels (■ / √ under 市级, 区级, 街道), by level.
    level_marks: Vec<(crate::model::Level, usize)>,
    /// Columns that name a field (or mark a level) as the column read for it does, under the
    /// same header (a second 实施主体): which one to read is not Shiquan's to guess
    /// ([`HeaderMapping::repeated_columns`]).
    repeated: Vec<(Repeated, usize)>,
}

/// What a repeated column repeats: a field, or the mark of a level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Repeated {
    Field(Field),
    Level(crate::model::Level),
}

impl HeaderMapping {
    /// Detects the mapping of a header row. Where two columns name one field, the one with the
    /// earlier synonym wins (实施依据 over 设定依据), then the first; a column headed by a level
    /// marks that level.
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
            columns: [None; FIELDS],
            level_marks: Vec::new(),
            repeated: Vec::new(),
        };
        let mut ranks = [usize::MAX; FIELDS];
        // Every column that names a field, with the rank of its synonym.
        let mut named: Vec<(Field, usize, usize)> = Vec::new();
        for (i, h) in mapping.headers.iter().enumerate() {
            if let Some((field, rank)) = field_rank_of_header(h) {
                named.push((field, rank, i));
                if rank < ranks[field.index()] {
                    ranks[field.index()] = rank;
                    mapping.columns[field.index()] = u16::try_from(i).ok();
                }
            } else if let Some(level) = level_of_header(h) {
                if mapping.level_marks.iter().any(|(l, _)| *l == level) {
                    mapping.repeated.push((Repeated::Level(level), i));
                } else {
                    mapping.level_marks.push((level, i));
                }
            }
        }
        // A more specific header wins over a generic one (事项编码 over 编码); one of the same
        // rank as the winner is a repeat.
        for (field, rank, column) in named {
            if rank == ranks[field.index()] && mapping.column(field) != Some(column) {
                mapping.repeated.push((Repeated::Field(field), column));
            }
        }
        // 区县 is a 所属区 column, or, beside columns that mark levels (市级, 区县, 街道), the
        // column that marks the district level.
        if let Some(column) = mapping.column(Field::District)
            && !mapping.level_marks.is_empty()
            && let Some(level) = level_of_header(mapping.header(column))
            && !mapping.level_marks.iter().any(|(l, _)| *l == level)
        {
            mapping.columns[Field::District.index()] = None;
            mapping.level_marks.push((level, column));
            mapping.level_marks.sort_by_key(|(_, c)| *c);
        }
        mapping
    }

    /// The mapping of a header of two rows (a merged 行使层级 over 市级 / 区级 / 街道, a 主项 over
    /// 编码 / 名称): each column's texts joined where the lower row adds to the upper (a merged
    /// cell repeats its text, and a blank lower cell adds nothing), or the lower alone where it
    /// names a field or a level by itself.
    pub fn detect_two_rows(upper: &[String], lower: &[String]) -> Self {
        let width = upper.len().max(lower.len());
        let mut carried = String::new();
        let headers = (0..width)
            .map(|i| {
                let up = upper.get(i).map_or("", String::as_str).trim();
                let low = lower.get(i).map_or("", String::as_str).trim();
                // A CSV writes a merged upper cell once, in its first column.
                if !up.is_empty() {
                    up.clone_into(&mut carried);
                }
                let up = if up.is_empty() && !low.is_empty() {
                    carried.as_str()
                } else {
                    up
                };
                if low.is_empty() || low == up {
                    up.to_owned()
                } else if up.is_empty() {
                    low.to_owned()
                } else {
                    let joined = format!("{up}{low}");
                    if field_of_header(&joined).is_some() {
                        joined
                    } else if field_of_header(low).is_some() || level_of_header(low).is_some() {
                        low.to_owned()
                    } else {
                        joined
                    }
                }
            })
            .collect();
        Self::detect_owned(headers)
    }

    /// Whether `lower`, the row under this header, continues it: it adds a field or a level
    /// mark column that this row lacks, and is no data row (its code cell is blank or repeats
    /// the header's).
    pub fn continued_by(&self, lower: &[String]) -> bool {
        let code_cell = self
            .column(Field::Code)
            .and_then(|c| lower.get(c))
            .map_or("", |s| s.trim());
        if !(code_cell.is_empty()
            || Some(code_cell) == self.column(Field::Code).map(|c| self.header(c).trim()))
        {
            return false;
        }
        let two = Self::detect_two_rows(&self.headers, lower);
        two.mapped_count() > self.mapped_count()
    }

    /// How many fields and level marks have a column.
    fn mapped_count(&self) -> usize {
        self.columns.iter().flatten().count() + self.level_marks.len()
    }

    /// The columns that mark levels, by level.
    pub fn level_marks(&self) -> &[(crate::model::Level, usize)] {
        &self.level_marks
    }

    /// The header columns no field or level mark reads (序号, 备注 …), for the import report.
    pub fn ignored(&self) -> Vec<usize> {
        (0..self.headers.len())
            .filter(|c| {
                !self.headers[*c].trim().is_empty()
                    && self.field_of_column(*c).is_none()
                    && !self.level_marks.iter().any(|(_, m)| m == c)
            })
            .collect()
    }

    /// The column of a field.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns[field.index()].map(usize::from)
    }

    /// Sets (or clears) the column of a field, as a user's correction (which settles a
    /// repeated header of that field).
    pub fn set(&mut self, field: Field, column: Option<usize>) {
        self.columns[field.index()] = column.and_then(|c| u16::try_from(c).ok());
        self.repeated.retain(|(r, _)| *r != Repeated::Field(field));
    }

    /// The fields (and level marks, as 「行使层级：市级」) that more than one column names under
    /// the same header, each with its columns (the one read first): a second 实施主体 column is
    /// not to be ignored, nor guessed between.
    pub fn repeated_columns(&self) -> Vec<(String, Vec<usize>)> {
        let mut out: Vec<(String, Vec<usize>)> = Vec::new();
        for (what, column) in &self.repeated {
            let (label, first) = match what {
                Repeated::Field(field) => (field.label_zh().to_owned(), self.column(*field)),
                Repeated::Level(level) => (
                    format!("行使层级：{}", level.label(Lang::Zh)),
                    self.level_marks
                        .iter()
                        .find(|(l, _)| l == level)
                        .map(|(_, c)| *c),
                ),
            };
            match out.iter_mut().find(|(l, _)| *l == label) {
                Some((_, columns)) => columns.push(*column),
                None => out.push((label, first.into_iter().chain([*column]).collect())),
            }
        }
        out
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
        assert_eq!(field_of_header("承办机构"), Some(Field::Division));
        assert_eq!(field_of_header("行政區劃"), Some(Field::Jurisdiction));
        let m = HeaderMapping::detect(&["名称".into(), "权力名称".into(), "编码".into()]);
        assert_eq!(m.column(Field::Name), Some(1));
        assert_eq!(m.column(Field::Code), Some(2));
        assert!(m.is_header());
        // 实施依据 is read before 设定依据 wherever the columns stand.
        let m = HeaderMapping::detect(&[
            "编码".into(),
            "名称".into(),
            "设定依据".into(),
            "实施依据".into(),
        ]);
        assert_eq!(m.column(Field::Basis), Some(3));
    }

    #[test]
    fn headers_of_two_rows() {
        let upper: Vec<String> = ["序号", "事项编码", "事项名称", "行使层级", "", "", "备注"]
            .map(String::from)
            .to_vec();
        let lower: Vec<String> = ["", "", "", "市级", "区级", "街道", ""]
            .map(String::from)
            .to_vec();
        let one = HeaderMapping::detect(&upper);
        assert!(one.continued_by(&lower));
        let two = HeaderMapping::detect_two_rows(&upper, &lower);
        assert_eq!(two.level_marks().len(), 3);
        assert_eq!(two.column(Field::Code), Some(1));
        assert_eq!(two.ignored(), vec![0, 6]);
        // 主项 over 编码 / 名称, 子项 over 编码 / 名称.
        let upper: Vec<String> = ["主项", "主项", "子项", "子项"].map(String::from).to_vec();
        let lower: Vec<String> = ["编码", "名称", "编码", "名称"].map(String::from).to_vec();
        let two = HeaderMapping::detect_two_rows(&upper, &lower);
        assert_eq!(two.column(Field::SubName), Some(3));
        assert_eq!(two.column(Field::Name), Some(1));
        // A data row does not continue a header.
        let header: Vec<String> = ["事项编码", "事项名称", "市级"].map(String::from).to_vec();
        let row: Vec<String> = ["X1", "名", "■"].map(String::from).to_vec();
        assert!(!HeaderMapping::detect(&header).continued_by(&row));
    }
}
