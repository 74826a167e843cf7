//! Files through the real window: the export menu writes each format; the import dialog shows a
//! preview, lets the user map a column the reader did not recognise, and reports a bad row by
//! its line; opening runs off the UI thread; an autosaved copy is written while changes are
//! unsaved and offered back on the next start; saving over a file someone else changed asks
//! first.

#![cfg(feature = "gui")]

use crate::common::bad_corpus;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::helpers::{click, harness, harness_on, seed};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use shiquan::io::recovery::sidecar_of;
use shiquan::model::{JurisdictionId, Level};
use shiquan::plan::Operation;
use shiquan::session::View;
use shiquan::ui::command::{Action, Command};
use shiquan::ui::panels::Dialog;
use shiquan::ui::{Autosave, ScriptedDialogs, ShiquanApp};

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp folder")
}

#[test]
fn the_export_menu_writes_the_workbook_and_the_csv_of_the_current_view() {
    let folder = temp();
    let xlsx = folder.path().join("split.xlsx");
    let csv = folder.path().join("split.csv");
    let mut h = harness(
        seed(),
        ScriptedDialogs {
            export: vec![xlsx.clone(), csv.clone()],
            ..ScriptedDialogs::default()
        },
    );
    h.run();
    h.state_mut().push(Action::SwitchView(View::Scenario(
        "city-district-split".into(),
    )));
    h.run();
    click(&mut h, "文件");
    click(&mut h, "导出");
    click(&mut h, "Excel 工作簿");
    h.state_mut().finish_jobs();
    h.run();
    let bytes = std::fs::read(&xlsx).expect("the workbook was written");
    assert!(bytes.starts_with(b"PK"), "an XLSX is a zip file");
    assert!(
        h.state()
            .ui_state()
            .message
            .as_ref()
            .is_some_and(|m| !m.error && m.text.contains("split.xlsx"))
    );

    h.state_mut()
        .push(Command::Export(shiquan::io::export::ExportFormat::Csv));
    h.run();
    h.state_mut().finish_jobs();
    let text = std::fs::read(&csv).expect("the CSV was written");
    assert!(text.starts_with("\u{feff}".as_bytes()), "UTF-8 with a BOM");
    let text = String::from_utf8(text).expect("UTF-8");
    // The scenario was exported, not the baseline: 17 bodies now sit in 甲区.
    assert!(
        text.contains("下划"),
        "the adjustment column names the devolution"
    );
}

const LIST_WITH_OWN_HEADER: &str = "\
事项编码,事项名称,权力类型,领域,部门,行使层级,辖区
CF-001,对占道经营的处罚,行政处罚,市容环卫,甲区城市管理局,区级,甲区
CF-001,对占道经营的处罚,行政处罚,市容环卫,乙区城市管理局,区级,乙区
XK-001,建设工程规划许可,行政许可,城乡规划,市规划和自然资源局,市级,
";

#[test]
fn the_import_dialog_previews_the_list_and_takes_a_column_the_user_maps() {
    let folder = temp();
    let list = folder.path().join("清单.csv");
    std::fs::write(&list, LIST_WITH_OWN_HEADER).expect("write");
    let mut h = harness(
        seed(),
        ScriptedDialogs {
            list: vec![list.clone()],
            ..ScriptedDialogs::default()
        },
    );
    h.run();
    click(&mut h, "文件");
    click(&mut h, "导入清单…");
    h.state_mut().finish_jobs();
    h.run();
    let Some(Dialog::Import(dialog)) = h.state().dialog() else {
        panic!("the import dialog is open");
    };
    assert_eq!(dialog.table.len(), 4);
    // The preview shows the list's cells.
    assert_eq!(h.query_all_by_label("对占道经营的处罚").count(), 2);
    // "部门" is no header the reader knows: map it to 实施主体 by hand.
    assert!(
        dialog
            .mapping
            .column(shiquan::io::import::Field::Body)
            .is_none()
    );
    click(&mut h, "实施主体");
    click(&mut h, "E 部门");
    click(&mut h, "导入");
    h.state_mut().finish_jobs();
    h.run();
    let app = h.state();
    assert!(app.dialog().is_none(), "the dialog closed");
    let state = app.document().state();
    assert_eq!(state.powers().len(), 2);
    assert_eq!(
        state.holding_count(),
        3,
        "each row with a body is a holding"
    );
    assert!(
        app.document().is_dirty(),
        "an imported plan is not saved yet"
    );
    assert_eq!(app.path(), None);
}

#[test]
fn a_list_with_a_row_missing_its_name_names_the_line_and_imports_nothing() {
    let folder = temp();
    let list = folder.path().join("bad.csv");
    std::fs::write(
        &list,
        "事项编码,事项名称,实施主体,行使层级,辖区\nCF-001,对占道经营的处罚,甲区城市管理局,区级,甲区\nCF-002,,乙区城市管理局,区级,乙区\n",
    )
    .expect("write");
    let mut h = harness(
        seed(),
        ScriptedDialogs {
            list: vec![list.clone()],
            ..ScriptedDialogs::default()
        },
    );
    h.run();
    let before = h.state().document().state().clone();
    h.state_mut().push(Command::ImportList);
    h.run();
    h.state_mut().finish_jobs();
    h.run();
    click(&mut h, "导入");
    h.state_mut().finish_jobs();
    h.run();
    let Some(Dialog::Import(dialog)) = h.state().dialog() else {
        panic!("the dialog stays open with the error");
    };
    let error = dialog.error.as_deref().expect("an error is shown");
    assert!(error.contains("bad.csv") && error.contains('3'), "{error}");
    assert_eq!(h.state().document().state(), &before, "nothing imported");
    // With 跳过有错误的行 the good row comes in.
    click(&mut h, "跳过有错误的行（逐行报告）");
    click(&mut h, "导入");
    h.state_mut().finish_jobs();
    h.run();
    assert_eq!(h.state().document().state().powers().len(), 1);
}

#[test]
fn opening_runs_in_the_background_and_a_bad_file_leaves_the_plan_open() {
    let folder = temp();
    let good = folder.path().join("plan.ron");
    let bad = folder.path().join("broken.ron");
    shiquan::io::save_path(&seed(), &good).expect("save");
    std::fs::write(&bad, "(version: 1, title: \"x\", baseline: (bodies: [").expect("write");
    let mut h = harness(shiquan::plan::Plan::new("空"), ScriptedDialogs::default());
    h.run();
    h.state_mut().push(Action::OpenPath(bad.clone()));
    h.run();
    h.state_mut().finish_jobs();
    h.run();
    let app = h.state();
    assert_eq!(app.document().plan_unsynced().title, "空");
    let message = app.ui_state().message.clone().expect("a message");
    assert!(
        message.error && message.text.contains("broken.ron"),
        "{message:?}"
    );

    h.state_mut().push(Action::OpenPath(good.clone()));
    h.run();
    h.state_mut().finish_jobs();
    h.run();
    assert_eq!(h.state().path(), Some(good.as_path()));
    assert_eq!(
        h.state().document().plan_unsynced().scenarios.len(),
        seed().scenarios.len()
    );
}

/// A move of a city body into a district that the document accepts (a baseline edit that
/// would break a scenario is refused).
fn some_move(app: &ShiquanApp) -> Operation {
    let doc = app.document();
    let state = doc.state();
    state
        .bodies()
        .values()
        .filter(|b| state.level_of_body(&b.id) == Some(Level::City))
        .flat_map(|b| {
            ["district-a", "district-b", "district-c"].map(|d| Operation::MoveBody {
                body: b.id.clone(),
                to: JurisdictionId::new(d),
            })
        })
        .find(|op| doc.clone().apply(op.clone()).is_ok())
        .expect("a move the document accepts")
}

fn wait_for(path: &Path) {
    let start = Instant::now();
    while !path.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn unsaved_changes_are_autosaved_and_offered_back_on_the_next_start() {
    let folder = temp();
    let file = folder.path().join("plan.ron");
    shiquan::io::save_path(&seed(), &file).expect("save");
    let sidecar = sidecar_of(&file);
    // An interval of zero: the first frame after an edit copies it.
    let mut h = harness_on(seed(), file.clone(), Autosave::new(Duration::ZERO, None));
    h.run();
    assert!(!sidecar.exists(), "nothing to copy before an edit");
    let op = some_move(h.state());
    h.state_mut().push(Action::Apply(op));
    h.run();
    wait_for(&sidecar);
    // The window "crashes" here: it is dropped without saving.
    let edited = {
        let app = h.state_mut();
        app.autosave_now();
        app.document().state().clone()
    };
    drop(h);
    assert_eq!(
        shiquan::io::load_path(&file).expect("loads").baseline,
        seed().baseline,
        "the plan file itself is untouched"
    );

    // Next start on the same file: the copy is newer, so the window offers it.
    let mut h = harness_on(
        seed(),
        file.clone(),
        Autosave::new(Duration::from_secs(30), None),
    );
    h.run();
    assert!(matches!(h.state().dialog(), Some(Dialog::Recover { .. })));
    click(&mut h, "恢复");
    h.state_mut().finish_jobs();
    h.run();
    let app = h.state();
    assert_eq!(app.document().state(), &edited, "the edit is back");
    assert!(
        app.document().is_dirty(),
        "recovered changes still need a save"
    );
    assert_eq!(app.path(), Some(file.as_path()));
    // A real save removes the copy.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!sidecar.exists(), "the sidecar is gone after a save");
    assert_eq!(
        shiquan::io::load_path(&file).expect("loads").baseline,
        edited
    );
}

#[test]
fn discarding_a_recovery_deletes_the_copy_and_keeps_the_file() {
    let folder = temp();
    let file = folder.path().join("plan.ron");
    shiquan::io::save_path(&seed(), &file).expect("save");
    std::thread::sleep(Duration::from_millis(20));
    let sidecar = sidecar_of(&file);
    let mut other = seed();
    other.title = "自动保存的副本".into();
    shiquan::io::save_path(&other, &sidecar).expect("save sidecar");
    let mut h = harness_on(seed(), file.clone(), Autosave::new(Duration::ZERO, None));
    h.run();
    click(&mut h, "丢弃副本");
    assert!(!sidecar.exists());
    assert!(!h.state().document().is_dirty());
    assert_eq!(h.state().document().plan_unsynced().title, seed().title);
}

#[test]
fn saving_over_a_file_changed_on_disk_asks_first() {
    let folder = temp();
    let file = folder.path().join("plan.ron");
    shiquan::io::save_path(&seed(), &file).expect("save");
    let mut h = harness_on(
        seed(),
        file.clone(),
        Autosave::new(Duration::from_secs(30), None),
    );
    h.run();
    // A colleague saves their own version of the file.
    let mut theirs = seed();
    theirs.title = "同事的版本".into();
    shiquan::io::save_path(&theirs, &file).expect("save theirs");
    let op = some_move(h.state());
    h.state_mut().push(Action::Apply(op));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(matches!(h.state().dialog(), Some(Dialog::ChangedOnDisk)));
    assert_eq!(
        shiquan::io::load_path(&file).expect("loads").title,
        "同事的版本",
        "nothing overwritten yet"
    );
    assert!(h.state().document().is_dirty());
    click(&mut h, "仍然覆盖");
    assert!(!h.state().document().is_dirty());
    let saved = shiquan::io::load_path(&file).expect("loads");
    assert_eq!(saved.title, seed().title);
    // Saved once, the file is ours again: the next save does not ask.
    let step = some_move(h.state());
    h.state_mut().push(Action::Apply(step));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(h.state().dialog().is_none());
    assert!(!h.state().document().is_dirty());
}

/// Every case of the bad-input corpus (the committed files and the generated ones) goes through
/// the window's open path (a plan) or its import path (a list): the open plan stays as it was,
/// the status bar or the import dialog gives the case's expected error, and nothing panics.
#[test]
fn every_bad_input_opens_to_a_clear_message_not_a_panic() {
    let scratch = temp();
    let cases = bad_corpus::materialise(scratch.path());
    assert!(cases.len() >= 30, "the corpus has {} cases", cases.len());
    let lists: Vec<PathBuf> = cases
        .iter()
        .filter(|c| !matches!(c.kind, bad_corpus::Kind::Plan | bad_corpus::Kind::Arguments))
        .map(|c| c.path.clone())
        .collect();
    let mut h = harness(
        seed(),
        ScriptedDialogs {
            list: lists,
            ..ScriptedDialogs::default()
        },
    );
    h.run();
    let before = h.state().document().state().clone();
    // A command-line case (`check --at …`) has no window path: the CLI's test runs it.
    for case in cases
        .iter()
        .filter(|c| c.kind != bad_corpus::Kind::Arguments)
    {
        let error = if case.kind == bad_corpus::Kind::Plan {
            h.state_mut().push(Action::OpenPath(case.path.clone()));
            h.run();
            h.state_mut().finish_jobs();
            h.run();
            let message = h.state().ui_state().message.clone();
            message.filter(|m| m.error).map(|m| m.text)
        } else {
            h.state_mut().push(Command::ImportList);
            h.run();
            h.state_mut().finish_jobs();
            h.run();
            // A list that reads but cannot import shows its error in the dialog on 导入.
            if matches!(h.state().dialog(), Some(Dialog::Import(_))) {
                h.state_mut().push(Command::ConfirmImport);
                h.run();
                h.state_mut().finish_jobs();
                h.run();
            }
            let from_dialog = match h.state().dialog() {
                Some(Dialog::Import(d)) => d.error.clone(),
                _ => None,
            };
            h.state_mut().push(Command::CloseDialog);
            h.run();
            from_dialog.or_else(|| {
                h.state()
                    .ui_state()
                    .message
                    .clone()
                    .filter(|m| m.error)
                    .map(|m| m.text)
            })
        };
        let error = error.unwrap_or_else(|| panic!("{}: no error shown", case.name));
        for expected in &case.expected {
            assert!(
                error.contains(expected.as_str()),
                "{}: `{error}` lacks `{expected}`",
                case.name
            );
        }
        assert_eq!(
            h.state().document().state(),
            &before,
            "{}: the open plan is untouched",
            case.name
        );
        h.state_mut().ui_state_mut().message = None;
    }
}

#[test]
fn a_large_plan_opens_behind_a_progress_indicator_while_the_window_keeps_drawing() {
    let folder = temp();
    let file = folder.path().join("province.ron");
    let plan = shiquan::generate::generate(&shiquan::generate::GenerateOptions {
        districts: 20,
        powers: 2_000,
        ..shiquan::generate::GenerateOptions::default()
    });
    shiquan::io::save_path(&plan, &file).expect("save");
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    h.state_mut().push(Action::OpenPath(file.clone()));
    // A few frames: the first queues the command, the next draw while the job runs (a modal
    // shows from its second frame).
    h.step();
    h.step();
    h.step();
    assert!(
        h.state().running_job().is_some(),
        "a plan of tens of thousands of holdings takes longer than two frames to open"
    );
    assert!(h.query_by_label("正在打开方案并分析…").is_some());
    // The window still answers: the seed plan is shown until the new one is ready.
    assert_eq!(h.state().document().plan_unsynced().title, seed().title);
    h.state_mut().finish_jobs();
    h.run();
    assert!(h.state().running_job().is_none());
    assert_eq!(h.state().path(), Some(file.as_path()));
    assert_eq!(
        h.state().document().state().holding_count(),
        plan.baseline.holding_count()
    );
}
