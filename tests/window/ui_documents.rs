//! Issue 20, the window's documents: 文件 → 生成文书… opens on the current scenario with its
//! 职责划转表, shows the document's figures and its first page, follows a change of document
//! and of the state compared with, and 生成… writes the file (asked through the dialogs) on the
//! worker thread, in the format chosen.

#![cfg(feature = "gui")]

use crate::helpers::{click, harness, seed};
use egui_kittest::kittest::Queryable as _;
use shiquan::documents::{DocFormat, DocKind};
use shiquan::model::ScenarioId;
use shiquan::session::View;
use shiquan::ui::ScriptedDialogs;
use shiquan::ui::command::Action;
use shiquan::ui::panels::Dialog;
use shiquan::ui::panels::document::DocumentDialog;

/// 文件 → 生成文书…, then waits for the preview the dialog starts making on its own thread (its
/// spinner keeps the window repainting until it comes).
fn open_documents(h: &mut egui_kittest::Harness<'static, shiquan::ui::ShiquanApp>) {
    click(h, "文件");
    h.get_by_label("生成文书…").click();
    h.run_steps(2);
    h.state_mut().finish_document_preview();
    h.run();
}

fn dialog(h: &egui_kittest::Harness<'static, shiquan::ui::ShiquanApp>) -> DocumentDialog {
    match h.state().dialog() {
        Some(Dialog::Document(d)) => (**d).clone(),
        other => panic!("no documents dialog: {other:?}"),
    }
}

#[test]
fn the_documents_dialog_previews_and_writes_the_transfer_table_of_the_scenario() {
    let folder = tempfile::tempdir().expect("a folder");
    let docx = folder.path().join("职责划转表.docx");
    let xlsx = folder.path().join("赋权事项目录.xlsx");
    let mut h = harness(
        seed(),
        ScriptedDialogs {
            export: vec![docx.clone(), xlsx.clone()],
            ..ScriptedDialogs::default()
        },
    );
    h.run();
    h.state_mut()
        .push(Action::SwitchView(View::Scenario(ScenarioId::new(
            "comprehensive-enforcement",
        ))));
    h.run();
    open_documents(&mut h);
    let d = dialog(&h);
    assert_eq!(d.kind, DocKind::Transfers);
    assert_eq!(
        d.scenario.as_ref().map(ScenarioId::as_str),
        Some("comprehensive-enforcement")
    );
    let preview = d.preview.expect("a preview");
    assert_eq!(preview.title, "综合行政执法职责划转表");
    assert!(preview.page.is_some(), "the first page is laid out");
    // 64 items, four rows of slots and the merged unit, and the total.
    assert!(preview.rows >= 65, "{}", preview.rows);
    h.get_by_label("综合行政执法职责划转表");
    h.snapshot("documents_dialog");

    click(&mut h, "生成…");
    h.state_mut().finish_jobs();
    h.run();
    assert!(
        h.state().dialog().is_none(),
        "the dialog closes once written"
    );
    let bytes = std::fs::read(&docx).expect("the .docx is written");
    assert!(bytes.starts_with(b"PK"));

    // Another document of another scenario, as a flat workbook.
    open_documents(&mut h);
    if let Some(Dialog::Document(d)) = h.state_mut().dialog_mut() {
        d.kind = DocKind::Grants;
        d.scenario = Some(ScenarioId::new("street-grant"));
        d.from = Some(ScenarioId::new("city-district-split"));
        d.format = DocFormat::Xlsx;
    }
    // The preview is made on its own thread: a frame starts it, then the test waits for it.
    h.run_steps(1);
    h.state_mut().finish_document_preview();
    h.run();
    let preview = dialog(&h).preview.expect("a new preview");
    assert_eq!(preview.title, "街道赋权事项目录");
    assert_eq!(preview.rows, 34, "17 items for each of two streets");
    click(&mut h, "生成…");
    h.state_mut().finish_jobs();
    h.run();
    let bytes = std::fs::read(&xlsx).expect("the .xlsx is written");
    assert!(bytes.starts_with(b"PK"));
}

#[test]
fn a_document_is_never_written_over_the_open_plan() {
    let folder = tempfile::tempdir().expect("a folder");
    let plan_path = folder.path().join("方案.shiquan");
    shiquan::io::save_path(&seed(), &plan_path).expect("saved");
    let saved = std::fs::read(&plan_path).expect("read back");
    let dialogs = ScriptedDialogs {
        export: vec![plan_path.clone()],
        ..ScriptedDialogs::default()
    };
    let path = plan_path.clone();
    let mut h = crate::helpers::builder().build_eframe(move |_cc| {
        shiquan::ui::ShiquanApp::new_for_test_on_file(
            seed(),
            path,
            Box::new(dialogs),
            shiquan::ui::Autosave::new(std::time::Duration::from_hours(1), None),
        )
    });
    h.run();
    open_documents(&mut h);
    click(&mut h, "生成…");
    h.state_mut().finish_jobs();
    h.run();
    let message = h.state().ui_state().message.clone().expect("a message");
    assert!(
        message.error && message.text.contains("正在编辑的方案文件"),
        "{message:?}"
    );
    assert_eq!(std::fs::read(&plan_path).expect("still there"), saved);
}
