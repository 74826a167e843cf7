//! The status line's messages and the questions the window asks: an operation refused, a plan
//! opened, saved or not, exports and background jobs, recovering an autosave, deleting a
//! scenario. Chinese and English for each.

use crate::text::Lang;

/// An operation refused.
pub fn refused(lang: Lang, index: usize, total: usize, why: &str) -> String {
    match (lang, total) {
        (Lang::Zh, 1) => format!("操作未执行：{why}"),
        (Lang::Zh, _) => format!(
            "整组操作未执行（第 {} / {total} 项被拒绝）：{why}",
            index + 1
        ),
        (Lang::En, 1) => format!("Refused: {why}"),
        (Lang::En, _) => format!(
            "Nothing applied: operation {} of {total} was refused: {why}",
            index + 1
        ),
    }
}

/// A plan file that could not be opened.
pub fn open_failed(lang: Lang, why: &str) -> String {
    match lang {
        Lang::Zh => format!("无法打开：{why}"),
        Lang::En => format!("Cannot open: {why}"),
    }
}

/// A plan file that could not be saved.
pub fn save_failed(lang: Lang, why: &str) -> String {
    match lang {
        Lang::Zh => format!("无法保存：{why}"),
        Lang::En => format!("Cannot save: {why}"),
    }
}

/// Saved.
pub fn saved(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Zh => format!("已保存到 {path}"),
        Lang::En => format!("Saved to {path}"),
    }
}

/// The name of an export format in a menu.
pub fn export_format_label(format: crate::io::export::ExportFormat, lang: Lang) -> &'static str {
    use crate::io::export::ExportFormat;
    match lang {
        Lang::Zh => format.label_zh(),
        Lang::En => match format {
            ExportFormat::Csv => "CSV table",
            ExportFormat::Xlsx => "Excel workbook",
            ExportFormat::Markdown => "Markdown report",
            ExportFormat::Html => "HTML report (printable)",
            ExportFormat::Svg => "Graph as SVG",
            ExportFormat::Png => "Graph as PNG",
            ExportFormat::Dot => "Graph as DOT",
        },
    }
}

/// What a background job is doing.
pub fn job_label(lang: Lang, kind: crate::ui::jobs::JobKind) -> &'static str {
    use crate::ui::jobs::JobKind;
    match kind {
        JobKind::Open => lang.pick("正在打开方案并分析…", "Opening and analysing the plan…"),
        JobKind::ReadList => lang.pick("正在读取清单…", "Reading the list…"),
        JobKind::Import => lang.pick("正在导入清单…", "Importing the list…"),
        JobKind::Export => lang.pick("正在导出…", "Exporting…"),
        JobKind::Merge => lang.pick("正在合并方案…", "Merging the plans…"),
        JobKind::Document => lang.pick("正在生成文书…", "Writing the document…"),
    }
}

/// A background job that failed.
pub fn job_failed(lang: Lang, kind: crate::ui::jobs::JobKind, why: &str) -> String {
    use crate::ui::jobs::JobKind;
    match kind {
        JobKind::Open => open_failed(lang, why),
        JobKind::ReadList | JobKind::Import => match lang {
            Lang::Zh => format!("无法导入：{why}"),
            Lang::En => format!("Cannot import: {why}"),
        },
        JobKind::Export => match lang {
            Lang::Zh => format!("无法导出：{why}"),
            Lang::En => format!("Cannot export: {why}"),
        },
        JobKind::Merge => match lang {
            Lang::Zh => format!("无法合并：{why}"),
            Lang::En => format!("Cannot merge: {why}"),
        },
        JobKind::Document => match lang {
            Lang::Zh => format!("无法生成文书：{why}"),
            Lang::En => format!("Cannot write the document: {why}"),
        },
    }
}

/// How many conflicts a merge has, above their list.
pub fn merge_conflicts(lang: Lang, count: usize) -> String {
    match lang {
        Lang::Zh => format!("{count} 处冲突。每处默认取本方，可逐一改为对方或底稿："),
        Lang::En => format!(
            "{count} conflicts. Each takes ours by default; choose theirs or the base one by one:"
        ),
    }
}

/// A merge opened in the window: how many conflicts it had, how many steps it left out.
pub fn merged(lang: Lang, conflicts: usize, left_out: usize) -> String {
    match (lang, left_out) {
        (Lang::Zh, 0) => format!("已合并（{conflicts} 处冲突已按所选处理），尚未保存"),
        (Lang::Zh, _) => format!(
            "已合并（{conflicts} 处冲突已按所选处理；{left_out} 步在合并后不再适用，已略去），尚未保存"
        ),
        (Lang::En, 0) => {
            format!("Merged ({conflicts} conflicts resolved as chosen); not saved yet")
        }
        (Lang::En, _) => format!(
            "Merged ({conflicts} conflicts resolved as chosen; {left_out} steps no longer apply and were left out); not saved yet"
        ),
    }
}

/// Seconds a job has run.
pub fn elapsed(lang: Lang, seconds: f32) -> String {
    match lang {
        Lang::Zh => format!("已用 {seconds:.1} 秒"),
        Lang::En => format!("{seconds:.1} s"),
    }
}

/// An export written.
pub fn exported(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Zh => format!("已导出到 {path}"),
        Lang::En => format!("Exported to {path}"),
    }
}

/// An export refused because it would replace the plan file that is open.
pub fn export_over_open_plan(lang: Lang, path: &str) -> String {
    match lang {
        Lang::Zh => format!("未导出：{path} 是正在编辑的方案文件，导出会把它替换掉。请另选文件名"),
        Lang::En => format!(
            "Not exported: {path} is the plan file being edited, and the export would replace it. Choose another name"
        ),
    }
}

/// Offer to recover an autosaved copy.
pub fn recover_question(lang: Lang, sidecar: &str) -> String {
    match lang {
        Lang::Zh => format!(
            "上次关闭前有未保存的修改，自动保存在 {sidecar}，比方案文件更新。恢复这些修改吗？"
        ),
        Lang::En => format!(
            "Unsaved changes from last time were autosaved in {sidecar}, newer than the plan file. Recover them?"
        ),
    }
}

/// Confirm deleting a scenario.
pub fn delete_scenario_question(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Zh => format!("删除方案“{name}”？此操作不能撤销。"),
        Lang::En => format!("Delete the scenario “{name}”? This cannot be undone."),
    }
}

/// What a document holds, under its title in the documents dialog.
pub fn document_figures(lang: Lang, pages: usize, rows: usize) -> String {
    match lang {
        Lang::Zh => format!("约 {pages} 页，表格 {rows} 行"),
        Lang::En => format!("about {pages} page(s), {rows} table row(s)"),
    }
}
