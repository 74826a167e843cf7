//! The texts of importing a power list: what was imported, where the list came from, whose
//! rows it holds, the columns that mark levels or are missing, and a file's line numbers.
//! Chinese and English for each.

use crate::text::{Label, Lang};

/// A list imported as a new plan.
pub fn imported(lang: Lang, rows: usize, skipped: usize) -> String {
    match (lang, skipped) {
        (Lang::Zh, 0) => format!("已导入 {rows} 行，生成新方案（尚未保存）"),
        (Lang::Zh, _) => format!("已导入 {rows} 行，跳过 {skipped} 行有错误的行（尚未保存）"),
        (Lang::En, 0) => format!("Imported {rows} rows into a new plan (not saved yet)"),
        (Lang::En, _) => {
            format!("Imported {rows} rows, skipped {skipped} bad rows (not saved yet)")
        }
    }
}

/// Where a list came from, for the import dialog.
pub fn import_source(
    lang: Lang,
    source: &str,
    encoding: Option<&str>,
    sheet: Option<&str>,
    rows: usize,
) -> String {
    let detail = match (encoding, sheet) {
        (Some(e), _) => e.to_owned(),
        (None, Some(s)) => s.to_owned(),
        (None, None) => String::new(),
    };
    match lang {
        Lang::Zh => format!("{source}（{detail}，共 {rows} 行）"),
        Lang::En => format!("{source} ({detail}, {rows} rows)"),
    }
}

/// Whose rows a list without a 实施主体 column holds, and where the name was taken from.
pub fn import_holder(lang: Lang, holder: &str, from: crate::io::import::HolderFrom) -> String {
    use crate::io::import::HolderFrom;
    match lang {
        Lang::Zh => format!("实施主体：{holder}（取自{}）", from.label_zh()),
        Lang::En => {
            let from = match from {
                HolderFrom::Title => "the title row",
                HolderFrom::Sheet => "the sheet's name",
                HolderFrom::FileName => "the file's name",
            };
            format!("Holder: {holder} (taken from {from})")
        }
    }
}

/// One column that marks a level with ■ or √: its letters, its header and the level.
pub fn level_mark_column(
    lang: Lang,
    letters: &str,
    header: &str,
    level: crate::model::Level,
) -> String {
    match lang {
        Lang::Zh => format!("{letters}「{header}」→ {}", level.label(Lang::Zh)),
        Lang::En => format!("{letters} “{header}” → {}", level.label(Lang::En)),
    }
}

/// The columns that mark levels (■ / √ in a column per level), listed.
pub fn import_level_marks(lang: Lang, columns: &[String]) -> String {
    match lang {
        Lang::Zh => format!("行使层级按列标记（■/√）：{}", columns.join("，")),
        Lang::En => format!(
            "Levels marked (■/√) in a column each: {}",
            columns.join(", ")
        ),
    }
}

/// Required columns the mapping lacks.
pub fn import_missing(lang: Lang, fields: &str) -> String {
    match lang {
        Lang::Zh => format!("缺少必填列：{fields}"),
        Lang::En => format!("Required columns missing: {fields}"),
    }
}

/// A line of a file.
pub fn line_number(lang: Lang, line: usize) -> String {
    match lang {
        Lang::Zh => format!("第 {line} 行"),
        Lang::En => format!("line {line}"),
    }
}
