//! The import dialog around published lists, through the real window: a workbook with a sheet
//! per department gets a sheet picker, and another sheet is read in the background with the
//! dialog left open; a list without a 实施主体 column says whose rows these are and where the
//! name came from; 可识别的写法 lists the spellings of kinds and levels; after the import, the
//! import report (导入报告) floats over the new plan without blocking it, and closes.

#![cfg(feature = "gui")]

use std::path::Path;

use crate::helpers::{click, harness, seed};
use egui_kittest::kittest::Queryable as _;
use shiquan::text::Lang;
use shiquan::ui::command::Command;
use shiquan::ui::panels::Dialog;
use shiquan::ui::state::Tab;
use shiquan::ui::{ScriptedDialogs, ShiquanApp};

const HEADER: [&str; 4] = ["事项编码", "事项名称", "权力类型", "行使层级"];

/// One department's rows per sheet; `GX-001` is in both (a power two departments lead).
const SHEETS: [(&str, &[[&str; 4]]); 2] = [
    (
        "甲市交通运输局",
        &[
            ["JT-001", "对擅自占用公路的处罚", "行政处罚", "市级"],
            ["GX-001", "对挖掘城市道路的许可", "行政许可", "市级"],
        ],
    ),
    (
        "甲市水务局",
        &[
            ["SW-001", "取水许可", "行政许可", "市级"],
            ["SW-002", "对违法排放污水的处罚", "行政处罚", "市级"],
            ["GX-001", "对挖掘城市道路的许可", "行政许可", "市级"],
        ],
    ),
];

/// A workbook of two sheets, one per department, with no 实施主体 column.
fn write_workbook(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in SHEETS {
        let sheet = book.add_worksheet();
        sheet.set_name(name).expect("sheet name");
        for (c, text) in HEADER.iter().enumerate() {
            sheet.write_string(0, c as u16, *text).expect("header");
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                sheet
                    .write_string(r as u32 + 1, c as u16, *text)
                    .expect("cell");
            }
        }
    }
    book.save(path).expect("write the workbook");
}

/// The window with the import dialog open on the workbook (文件 → 导入清单…), in `lang`.
fn dialog_on_workbook(folder: &Path, lang: Lang) -> egui_kittest::Harness<'static, ShiquanApp> {
    let list = folder.join("权责清单.xlsx");
    write_workbook(&list);
    let mut h = harness(
        seed(),
        ScriptedDialogs {
            list: vec![list],
            ..ScriptedDialogs::default()
        },
    );
    h.state_mut().push(Command::SetLang(lang));
    h.run();
    h.state_mut().push(Command::ImportList);
    h.run();
    h.state_mut().finish_jobs();
    h.run();
    h
}

/// Unfolds a section of the dialog and lets the dialog, centred, settle at its new height
/// before the next click aims at a button below it.
fn unfold(h: &mut egui_kittest::Harness<'static, ShiquanApp>, label: &str) {
    click(h, label);
    h.run();
}

fn import_dialog(app: &ShiquanApp) -> &shiquan::ui::panels::modal::ImportDialog {
    match app.dialog() {
        Some(Dialog::Import(dialog)) => dialog,
        other => panic!("the import dialog is open, not {other:?}"),
    }
}

#[test]
fn a_sheet_picked_by_its_label_is_read_and_imported_with_its_holder_and_a_report() {
    let folder = tempfile::tempdir().expect("temp folder");
    let mut h = dialog_on_workbook(folder.path(), Lang::Zh);
    let dialog = import_dialog(h.state());
    assert_eq!(dialog.table.sheets, ["甲市交通运输局", "甲市水务局"]);
    assert_eq!(dialog.table.sheet.as_deref(), Some("甲市交通运输局"));
    h.get_by_label("实施主体：甲市交通运输局（取自工作表名）");

    // The picker is labelled 工作表; the second sheet is read in the background.
    click(&mut h, "工作表");
    click(&mut h, "甲市水务局");
    // (The read may already have finished while the frames ran.)
    h.state_mut().finish_jobs();
    h.run();
    let dialog = import_dialog(h.state());
    assert_eq!(dialog.table.sheet.as_deref(), Some("甲市水务局"));
    assert_eq!(dialog.table.len(), 4, "the header and three rows");
    h.get_by_label("实施主体：甲市水务局（取自工作表名）");
    assert_eq!(h.query_all_by_label("取水许可").count(), 1, "the preview");

    // The reader's spellings, folded until asked for.
    assert!(h.query_by_label("行政强制措施").is_none());
    unfold(&mut h, "可识别的写法");
    h.get_by_label("行政强制措施");
    h.get_by_label("区县级");

    click(&mut h, "导入");
    h.state_mut().finish_jobs();
    h.run();
    let app = h.state();
    assert!(
        app.dialog().is_none(),
        "the dialog closed: {:?}",
        match app.dialog() {
            Some(Dialog::Import(d)) => d.error.clone(),
            _ => None,
        }
    );
    let state = app.document().state();
    let bodies: Vec<&str> = state.bodies().values().map(|b| b.name.as_str()).collect();
    assert!(bodies.contains(&"甲市水务局"), "{bodies:?}");
    assert!(!bodies.contains(&"甲市交通运输局"), "{bodies:?}");
    assert_eq!(state.powers().len(), 3);
    assert!(
        app.ui_state()
            .message
            .as_ref()
            .is_some_and(|m| !m.error && m.text.contains("已导入 3 行")),
        "the status bar still says what was imported"
    );

    // The report floats over the plan: its title, and the line that names the holder.
    let report = app.ui_state().import_report.clone().expect("a report");
    assert!(
        report
            .iter()
            .any(|l| l.contains("工作表名") && l.contains("甲市水务局")),
        "{report:?}"
    );
    h.get_by_label("导入报告");
    h.get_by_label_contains("实施主体取自工作表名：甲市水务局");
    // It does not block: the plan's tabs answer while it is open.
    click(&mut h, "分配表");
    assert_eq!(h.state().ui_state().tab, Tab::Allocation);
    h.get_by_label("导入报告");

    click(&mut h, "关闭");
    assert!(h.state().ui_state().import_report.is_none());
    assert!(h.query_by_label("导入报告").is_none(), "the window closed");
    assert_eq!(
        h.state().ui_state().tab,
        Tab::Allocation,
        "back on the plan"
    );
}

#[test]
fn the_dialog_speaks_english_too() {
    let folder = tempfile::tempdir().expect("temp folder");
    let mut h = dialog_on_workbook(folder.path(), Lang::En);
    h.get_by_label("Holder: 甲市交通运输局 (taken from the sheet's name)");
    click(&mut h, "Sheet");
    click(&mut h, "甲市水务局");
    h.state_mut().finish_jobs();
    h.run();
    h.get_by_label("Holder: 甲市水务局 (taken from the sheet's name)");
    unfold(&mut h, "Recognised spellings");
    h.get_by_label("行政强制措施");
    assert_eq!(
        h.query_all_by_label("→ coercive measure").count(),
        4,
        "four spellings of 行政强制"
    );
    click(&mut h, "Import");
    h.state_mut().finish_jobs();
    h.run();
    h.get_by_label("Import report");
    click(&mut h, "Close");
    assert!(h.query_by_label("Import report").is_none());
}

#[test]
fn level_mark_columns_are_named_in_the_dialog() {
    let folder = tempfile::tempdir().expect("temp folder");
    let list = folder.path().join("marks.csv");
    std::fs::write(
        &list,
        "事项编码,事项名称,实施主体,市级,区级\nCF-001,对占道经营的处罚,甲市城市管理局,■,■\n",
    )
    .expect("write");
    let mut h = harness(
        seed(),
        ScriptedDialogs {
            list: vec![list],
            ..ScriptedDialogs::default()
        },
    );
    h.run();
    h.state_mut().push(Command::ImportList);
    h.run();
    h.state_mut().finish_jobs();
    h.run();
    let dialog = import_dialog(h.state());
    assert_eq!(dialog.mapping.level_marks().len(), 2);
    h.get_by_label_contains("行使层级按列标记（■/√）：D「市级」→ 市级，E「区级」→ 区级");
    // A list with its own 实施主体 column needs no holder line, and one sheet no picker.
    assert!(h.query_by_label_contains("实施主体：").is_none());
    assert!(h.query_by_label("工作表").is_none());
}

/// An image snapshot of the dialog on a workbook of two departments' sheets, the spellings
/// unfolded; update with `UPDATE_SNAPSHOTS=1 cargo test --test window ui_import`.
#[test]
fn the_import_dialog_looks_as_approved() {
    // A fixed folder: the dialog shows the file's path.
    let folder = std::env::temp_dir().join("shiquan-import-dialog-snapshot");
    std::fs::create_dir_all(&folder).expect("folder");
    let mut h = dialog_on_workbook(&folder, Lang::Zh);
    h.set_render_cursor(false);
    unfold(&mut h, "可识别的写法");
    h.run();
    h.snapshot("import_dialog");
}
