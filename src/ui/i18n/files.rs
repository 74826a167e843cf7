//! The texts of the window's own file dialog (shown when the native one cannot open), of
//! reopening the last plan, and of the suggested export file names. Chinese first, English for
//! each.

use crate::text::Lang;
use crate::ui::files::FilePurpose;

/// The dialog's title for what the file is for.
pub fn browser_title(lang: Lang, purpose: FilePurpose) -> String {
    match purpose {
        FilePurpose::OpenPlan => lang.pick("打开方案", "Open a plan").to_owned(),
        FilePurpose::SavePlan => lang.pick("保存方案", "Save the plan").to_owned(),
        FilePurpose::ImportList => lang.pick("导入权责清单", "Import a power list").to_owned(),
        FilePurpose::MergeBase => lang
            .pick(
                "合并方案：选择双方共同的底稿",
                "Merge: choose the copy both sides started from",
            )
            .to_owned(),
        FilePurpose::MergeTheirs => lang
            .pick(
                "合并方案：选择对方修改的版本",
                "Merge: choose the other side's copy",
            )
            .to_owned(),
        FilePurpose::Export(format) => match lang {
            Lang::Zh => format!("导出为 {}", format.extension().to_uppercase()),
            Lang::En => format!("Export as {}", format.extension().to_uppercase()),
        },
        FilePurpose::Document(format) => match lang {
            Lang::Zh => format!("生成文书（{}）", format.extension().to_uppercase()),
            Lang::En => format!("Write the document ({})", format.extension().to_uppercase()),
        },
    }
}

/// The confirming button for what the file is for.
pub fn browser_confirm(lang: Lang, purpose: FilePurpose) -> &'static str {
    match purpose {
        FilePurpose::OpenPlan => lang.pick("打开", "Open"),
        FilePurpose::SavePlan => lang.pick("保存", "Save"),
        FilePurpose::ImportList => lang.pick("读取", "Read"),
        FilePurpose::MergeBase | FilePurpose::MergeTheirs => lang.pick("选择", "Choose"),
        FilePurpose::Export(_) => lang.pick("导出", "Export"),
        FilePurpose::Document(_) => lang.pick("生成", "Write"),
    }
}

/// Why this dialog and not the desktop's.
pub fn browser_why(lang: Lang) -> &'static str {
    lang.pick(
        "系统文件对话框无法打开（没有桌面门户或 zenity），请在此选择文件或输入路径。",
        "The system file dialog cannot open (no desktop portal or zenity): choose a file here or type its path.",
    )
}

/// The folder line's label.
pub fn folder(lang: Lang) -> &'static str {
    lang.pick("文件夹", "Folder")
}

/// The button that goes to the parent folder.
pub fn up(lang: Lang) -> &'static str {
    lang.pick("上一级", "Up")
}

/// The label of the file name (or path) field.
pub fn file_name(lang: Lang) -> &'static str {
    lang.pick("文件名或路径", "File name or path")
}

/// The heading of the recent files.
pub fn recent(lang: Lang) -> &'static str {
    lang.pick("最近打开", "Recent files")
}

/// The heading of the folder's files.
pub fn in_folder(lang: Lang) -> &'static str {
    lang.pick("此文件夹中的文件", "Files in this folder")
}

/// Nothing matching in the folder.
pub fn empty_folder(lang: Lang) -> &'static str {
    lang.pick("（没有可用的文件）", "(no matching files)")
}

/// The folder cannot be read.
pub fn unreadable_folder(lang: Lang, folder: &str, why: &str) -> String {
    match lang {
        Lang::Zh => format!("无法读取文件夹 {folder}：{why}"),
        Lang::En => format!("Cannot read the folder {folder}: {why}"),
    }
}

/// More entries than the dialog lists.
pub fn more_entries(lang: Lang, shown: usize) -> String {
    match lang {
        Lang::Zh => format!("仅显示前 {shown} 项，请输入文件名。"),
        Lang::En => format!("Only the first {shown} shown: type the file name."),
    }
}

/// Nothing typed, or a folder typed where a file is wanted.
pub fn need_a_file(lang: Lang) -> &'static str {
    lang.pick("请输入或选择一个文件。", "Type or choose a file.")
}

/// The file to open does not exist.
pub fn no_such_file(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Zh => format!("文件不存在：{path}"),
        Lang::En => format!("No such file: {path}"),
    }
}

/// A save or an export would replace an existing file: said once, a second confirm goes on.
pub fn replace_existing(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Zh => format!("{path} 已存在。再次点击确认将覆盖它。"),
        Lang::En => format!("{path} exists. Confirm again to replace it."),
    }
}

/// The status line when the native dialog failed and the window's own one opened.
pub fn native_failed(lang: Lang) -> &'static str {
    lang.pick(
        "系统文件对话框无法打开，已改用内置文件对话框。",
        "The system file dialog could not open; using the built-in one.",
    )
}

/// The last plan could not be opened at start, so the seed plan is shown.
pub fn last_plan_unreadable(lang: Lang, path: &str, why: &str) -> String {
    match lang {
        Lang::Zh => format!("无法打开上次的方案 {path}（{why}），已打开示例方案。"),
        Lang::En => {
            format!("Could not open the last plan {path} ({why}); the sample plan is shown.")
        }
    }
}

/// A scenario's name made safe for a file name: path separators and characters that Windows
/// refuses become `_`, and an empty result becomes `plan`.
pub fn file_name_part(name: &str) -> String {
    let safe: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let safe = safe.trim_matches('.').to_owned();
    if safe.is_empty() {
        "plan".to_owned()
    } else {
        safe
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scenario_name_becomes_a_safe_file_name_part() {
        assert_eq!(file_name_part("市区两级事权划分"), "市区两级事权划分");
        assert_eq!(file_name_part("甲/乙: 方案?"), "甲_乙_ 方案_");
        assert_eq!(file_name_part(" .. "), "plan");
    }
}
