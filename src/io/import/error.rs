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
    /// The file is too large (by the size it reports, or by what was read of it: a FIFO or a
    /// device reports none).
    #[error(
        "{path}: 清单超过 {limit} 字节（已有 {size} 字节），不予读取 (the list holds more than {limit} bytes, at least {size}; lists larger than {limit} bytes are refused)"
    )]
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
    /// A byte that neither UTF-8 nor GB18030 reads.
    #[error(
        "{path}:{line}: 第 {line} 行第 {column} 字节 0x{byte:02X} 无法读取，文本既不是 UTF-8 也不是 GB18030{} (the text is neither UTF-8 nor GB18030: byte 0x{byte:02X} at byte {column} of line {line}{}; save the list as CSV UTF-8)",
        lone_byte_hint(*byte).0,
        lone_byte_hint(*byte).1
    )]
    Encoding {
        /// The file.
        path: String,
        /// The first line that fails, from 1.
        line: usize,
        /// The byte of that line, from 1.
        column: usize,
        /// The byte.
        byte: u8,
    },
    /// The CSV starts with a UTF-8 byte-order mark but is not UTF-8 (GBK saved with a UTF-8
    /// label, or a file spliced from two encodings).
    #[error(
        "{path}:{line}: 文件标为 UTF-8，第 {line} 行第 {column} 字节起却不是 UTF-8：是否存成了 GBK/GB18030？ (the file is marked as UTF-8 (it starts with a byte-order mark) but is not valid UTF-8 from byte {column} of this line; was it saved as GBK/GB18030?)"
    )]
    MislabelledUtf8 {
        /// The file.
        path: String,
        /// The first line that fails, from 1.
        line: usize,
        /// The byte of that line, from 1.
        column: usize,
    },
    /// A file of two encodings: UTF-8 lines and lines of another (GBK pasted into a UTF-8 list,
    /// or the other way round).
    #[error("{path}:{line}: {}", mixed_message(*line, *column, *line_is_utf8))]
    MixedEncoding {
        /// The file.
        path: String,
        /// The first line of the minority encoding, from 1.
        line: usize,
        /// Its first byte that the majority's encoding does not read, from 1.
        column: usize,
        /// Whether that line is UTF-8 (the rest GB18030) or the rest is UTF-8.
        line_is_utf8: bool,
    },
    /// UTF-16 text with a broken character.
    #[error(
        "{path}:{line}: 文件是 {encoding} 文本，第 {line} 行有无法读取的字符：请在 Excel 中另存为「CSV UTF-8（逗号分隔）」再导入 (a {encoding} file with a broken character on this line: save it as CSV UTF-8)"
    )]
    Utf16 {
        /// The file.
        path: String,
        /// The line, from 1.
        line: usize,
        /// `UTF-16LE` or `UTF-16BE`.
        encoding: &'static str,
    },
    /// An allocation the reader asked for was refused.
    #[error(
        "{path}: 内存不足：{}需要约 {} MB 内存，无法取得；请关闭其他程序或把清单分成几份再导入 (not enough memory to {}: about {} MB more could not be had; close other programs or split the list)",
        what.0,
        needed.div_ceil(1 << 20),
        what.1,
        needed.div_ceil(1 << 20)
    )]
    OutOfMemory {
        /// The file.
        path: String,
        /// The bytes asked for.
        needed: usize,
        /// What they were for, in Chinese and in English (`读入清单的行`, `holding the list's
        /// rows`).
        what: (&'static str, &'static str),
    },
    /// Two columns of the header row name one field (a second 实施主体): which to read is not
    /// Shiquan's to guess.
    #[error(
        "{path}:{line}: 表头有 {} 列都是「{field}」：{}；只能读其中一列，请删除或改名多余的列再导入 (columns {} all name {field}: delete or rename all but one)",
        columns.len(),
        columns.iter().map(|(zh, _)| zh.as_str()).collect::<Vec<_>>().join("、"),
        columns.iter().map(|(_, en)| en.as_str()).collect::<Vec<_>>().join(", ")
    )]
    DuplicateColumns {
        /// The file.
        path: String,
        /// The header row's line.
        line: usize,
        /// The field (its Chinese name).
        field: String,
        /// The columns, each as a spreadsheet letter or a number with its header (in Chinese),
        /// and as the letter or number alone (in English).
        columns: Vec<(String, String)>,
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
    #[error(
        "{path}: 没有名为「{sheet}」的工作表；工作表有：{} (no sheet 「{sheet}」; the sheets are {})",
        quoted(available),
        quoted(available)
    )]
    NoSheet {
        /// The file.
        path: String,
        /// The sheet asked for.
        sheet: String,
        /// The sheets there are (a hidden one marked so).
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

/// Names each in 「」, so that a space at either end shows.
fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("「{n}」"))
        .collect::<Vec<_>>()
        .join("、")
}

/// What a byte that GB18030 does not read may have been meant as, in Chinese and in English.
fn lone_byte_hint(byte: u8) -> (&'static str, &'static str) {
    match byte {
        0x80 => (
            "；单独的 0x80 在 Windows 代码页 936 中是欧元符号 €，在 GB18030 中不是字符：请写作「欧元」，或把文件另存为 CSV UTF-8",
            "; a lone 0x80 is € only in Windows code page 936",
        ),
        0xFF => (
            "；单独的 0xFF 在 GB18030 中不是字符",
            "; a lone 0xFF is no character",
        ),
        _ => ("", ""),
    }
}

/// The message of [`ImportError::MixedEncoding`].
fn mixed_message(line: usize, column: usize, line_is_utf8: bool) -> String {
    if line_is_utf8 {
        format!(
            "第 {line} 行是 UTF-8，而文件其余各行是 GB18030（GBK）：一个文件只能用一种编码，请把整个文件另存为「CSV UTF-8（逗号分隔）」再导入 (line {line} is UTF-8 while the rest of the file is GB18030: save the whole file in one encoding, CSV UTF-8 best)"
        )
    } else {
        format!(
            "第 {line} 行第 {column} 字节起不是 UTF-8（像是 GBK），而文件其余各行是 UTF-8：请用 UTF-8 重新输入或粘贴这一行再导入 (line {line} is not UTF-8 from byte {column} (GBK?) while the rest of the file is UTF-8: retype or paste this line again as UTF-8)"
        )
    }
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
