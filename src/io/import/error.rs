//! Why a list could not be imported: a fault in one row ([`RowError`], naming the file, the
//! line, the column and its header) and the errors of a whole import ([`ImportError`]).

use std::fmt;

use super::Field;
use super::table::HEADER_SEARCH_ROWS;

/// Says which line comes closest to a header row and which required columns it lacks.
pub(super) fn missing_hint(line: usize, missing: &[Field]) -> String {
    let labels: Vec<&str> = missing.iter().map(|f| f.label_zh()).collect();
    format!(
        "; line {line} looks like the header row but has no {} column (第 {line} 行缺少「{}」列)",
        labels.join(", "),
        labels.join("」「")
    )
}

/// A fault in one row of a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// The file's name.
    pub source: String,
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, where one is at fault.
    pub column: Option<usize>,
    /// That column's header.
    pub header: String,
    /// What is wrong.
    pub message: String,
    /// Whether the file is a workbook (columns are then written as letters).
    pub spreadsheet: bool,
}

/// A column number (from 1) as spreadsheet letters: 1 → A, 27 → AA.
pub fn column_letters(mut column: usize) -> String {
    let mut letters = Vec::new();
    while column > 0 {
        let rem = (column - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        column = (column - 1) / 26;
    }
    letters.iter().rev().collect()
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(c) if self.spreadsheet => write!(
                f,
                "{}:{}:{c}: 第 {} 行 {} 列「{}」：{}",
                self.source,
                self.line,
                self.line,
                column_letters(c),
                self.header,
                self.message
            ),
            Some(c) => write!(
                f,
                "{}:{}:{c}: 第 {} 行第 {c} 列「{}」：{}",
                self.source, self.line, self.line, self.header, self.message
            ),
            None => write!(
                f,
                "{}:{}: 第 {} 行：{}",
                self.source, self.line, self.line, self.message
            ),
        }
    }
}

/// Why a list could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The file.
        path: String,
        /// The reason.
        source: std::io::Error,
    },
    /// The file is too large.
    #[error("{path}: the file is {size} bytes; lists larger than {limit} bytes are refused")]
    TooLarge {
        /// The file.
        path: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The extension names no list format.
    #[error("{path}: not a power list (expected .csv or .xlsx)")]
    UnknownFormat {
        /// The file.
        path: String,
    },
    /// The text is neither UTF-8 nor GB18030.
    #[error("{path}:{line}: the text is neither UTF-8 nor GB18030")]
    Encoding {
        /// The file.
        path: String,
        /// The first line that fails, from 1.
        line: usize,
    },
    /// The CSV starts with a UTF-8 byte-order mark but is not UTF-8 (GBK saved with a UTF-8
    /// label, or a file spliced from two encodings).
    #[error(
        "{path}:{line}: the file is marked as UTF-8 (it starts with a byte-order mark) but is not valid UTF-8 from this line; was it saved as GBK/GB18030? (文件标为 UTF-8，内容却不是)"
    )]
    MislabelledUtf8 {
        /// The file.
        path: String,
        /// The first line that fails, from 1.
        line: usize,
    },
    /// A header row and no row under it (or every row skipped as bad).
    #[error("{path}:{line}: the list has no rows under its header row (清单没有数据行)")]
    NoRows {
        /// The file.
        path: String,
        /// The header row's line.
        line: usize,
    },
    /// The CSV is malformed.
    #[error("{path}:{line}: {message}")]
    Csv {
        /// The file.
        path: String,
        /// Line, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The list is larger than Shiquan reads ([`MAX_LIST_CELLS`], [`MAX_LIST_COLUMNS`]).
    #[error("{path}:{line}: {message}")]
    Limit {
        /// The file.
        path: String,
        /// The line (sheet row) where the limit was passed, from 1.
        line: usize,
        /// Which limit, and by how much.
        message: String,
    },
    /// The workbook cannot be read.
    #[error("{path}: cannot read the workbook: {message}")]
    Workbook {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// No such sheet.
    #[error("{path}: no sheet 「{sheet}」; the sheets are {}", available.join("、"))]
    NoSheet {
        /// The file.
        path: String,
        /// The sheet asked for.
        sheet: String,
        /// The sheets there are.
        available: Vec<String>,
    },
    /// No row names a code and a name column.
    #[error(
        "{path}: no header row found in the first {HEADER_SEARCH_ROWS} rows{hint} (a list needs a 事项编码 and a 事项名称 column; recognised headers: {})",
        recognised_headers()
    )]
    NoHeader {
        /// The file.
        path: String,
        /// Where a row comes closest to a header, what it lacks (empty when no row comes
        /// close).
        hint: String,
    },
    /// Rows that cannot be imported; nothing was imported.
    #[error("{path}: {} bad row(s); nothing imported (--skip-bad-rows imports the rest):\n{}", errors.len(), list_row_errors(errors))]
    BadRows {
        /// The file.
        path: String,
        /// Every fault, by line.
        errors: Vec<RowError>,
    },
    /// The rows make no valid plan (a bug: rows are checked before).
    #[error("{path}: {message}")]
    Model {
        /// The file.
        path: String,
        /// What broke.
        message: String,
    },
}

fn recognised_headers() -> String {
    Field::ALL
        .iter()
        .map(|f| f.synonyms().join("|"))
        .collect::<Vec<_>>()
        .join("; ")
}

fn list_row_errors(errors: &[RowError]) -> String {
    const SHOWN: usize = 50;
    let mut lines: Vec<String> = errors
        .iter()
        .take(SHOWN)
        .map(|e| format!("  {e}"))
        .collect();
    if errors.len() > SHOWN {
        lines.push(format!("  … and {} more", errors.len() - SHOWN));
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_like_a_spreadsheet() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(703), "AAA");
    }
}
