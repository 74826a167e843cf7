//! The department a table without a 实施主体 column names: in its title row (「附件1：甲市城市管理局
//! 权责清单（2024年版）」), in its sheet's name (one sheet per department), or in its file's name.

use std::path::Path;

use super::super::build::HolderFrom;
use super::super::table::RawTable;

/// The holder a table without a 实施主体 column names: its title row's department, else its
/// sheet's name (one sheet per department), else its file's name.
pub(super) fn holder_of(
    table: &RawTable,
    header_index: usize,
    path: &Path,
    by_sheet: bool,
) -> Option<(String, HolderFrom)> {
    let title = table
        .rows()
        .take(header_index)
        .filter_map(|row| row.cells().find(|c| !c.trim().is_empty()))
        .find_map(department_in_title);
    if let Some(name) = title {
        return Some((name, HolderFrom::Title));
    }
    if by_sheet && let Some(name) = table.sheet.as_deref().and_then(department_in_sheet_name) {
        return Some((name, HolderFrom::Sheet));
    }
    let stem = path.file_stem()?.to_str()?;
    department_in_title(stem)
        .or_else(|| department_in_sheet_name(stem))
        .map(|name| (name, HolderFrom::FileName))
}

/// The department a title names: 「附件1：甲市城市管理局权责清单（2024年版）」 → 甲市城市管理局.
pub fn department_in_title(title: &str) -> Option<String> {
    const LISTS: [&str; 6] = [
        "权责清单",
        "权力清单",
        "责任清单",
        "职权清单",
        "事项清单",
        "清单",
    ];
    let title = super::super::spelling::to_simplified(title.trim());
    let end = LISTS.iter().find_map(|l| title.find(l))?;
    clean_department(&title[..end])
}

/// A sheet's (or a file's) name as a department: 「甲市交通运输局」; not 「Sheet1」, 「权责清单」.
fn department_in_sheet_name(name: &str) -> Option<String> {
    let name = name.trim();
    let generic = name.to_ascii_lowercase().starts_with("sheet")
        || name.contains("清单")
        || ["目录", "说明", "封面", "汇总"]
            .iter()
            .any(|g| name.contains(g));
    if generic {
        return None;
    }
    clean_department(name)
}

/// A department's name without an 附件 number, a year or edition in brackets, or punctuation
/// around it.
fn clean_department(text: &str) -> Option<String> {
    let mut text = text.trim();
    if let Some(rest) = text.strip_prefix("附件") {
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
        text = rest.trim_start_matches([':', '：', '-', '—', '_', ' ']);
    }
    let mut name = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => name.push(c),
            _ => {}
        }
    }
    let name = name
        .trim_matches(|c: char| c.is_whitespace() || "：:-—_、，,。".contains(c))
        .trim_end_matches("的")
        .to_owned();
    (name.chars().count() >= 2).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn departments_in_titles_and_names() {
        assert_eq!(
            department_in_title("附件1：甲市城市管理局权责清单（2024年版）").as_deref(),
            Some("甲市城市管理局")
        );
        assert_eq!(
            department_in_title("甲市乙区城市管理局权力清单").as_deref(),
            Some("甲市乙区城市管理局")
        );
        assert_eq!(department_in_title("序号"), None);
        assert_eq!(department_in_sheet_name("Sheet1"), None);
        assert_eq!(
            department_in_sheet_name("甲市交通运输局").as_deref(),
            Some("甲市交通运输局")
        );
    }
}
