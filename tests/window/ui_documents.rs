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
    click(&mut h, "文件");
    click(&mut h, "生成文书…");
    h.state_mut().finish_document_preview();
    h.run();
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
    click(&mut h, "文件");
    click(&mut h, "生成文书…");
    if let Some(Dialog::Document(d)) = h.state_mut().dialog_mut() {
        d.kind = DocKind::Grants;
        d.scenario = Some(ScenarioId::new("street-grant"));
        d.from = Some(ScenarioId::new("city-district-split"));
        d.format = DocFormat::Xlsx;
    }
    h.run();
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
