//! No menu action panics: on an empty plan, on a plan with one body, with no file open, and on
//! the seed plan; every tab draws on each of them. Save goes through the scripted dialog into a
//! temporary folder, and the file it writes opens again.

#![cfg(feature = "gui")]

use crate::helpers::{harness, seed};
use egui_kittest::kittest::Queryable as _;
use shiquan::model::{Body, BodyKind, Jurisdiction, Level, State, StateRecords};
use shiquan::plan::Plan;
use shiquan::session::View;
use shiquan::text::Lang;
use shiquan::ui::ScriptedDialogs;
use shiquan::ui::command::{Action, Command};
use shiquan::ui::state::Tab;

fn one_body_plan() -> Plan {
    let records = StateRecords {
        jurisdictions: vec![Jurisdiction {
            id: "city".into(),
            name: "本市".into(),
            level: Level::City,
            parent: None,
        }],
        bodies: vec![Body {
            id: "city-cgj".into(),
            name: "市城市管理局".into(),
            kind: BodyKind::Admin,
            jurisdiction: "city".into(),
            parent: None,
            tags: std::collections::BTreeSet::default(),
            staffing: shiquan::model::Staffing::default(),
            budget_wan: 0,
            standing: None,
            supervisor: None,
        }],
        ..StateRecords::default()
    };
    let mut plan = Plan::new("一个机构");
    plan.baseline = State::from_records(records).expect("valid");
    plan
}

fn every_menu_command() -> Vec<Action> {
    let mut all = vec![
        Command::Undo.into(),
        Command::Redo.into(),
        Command::Find.into(),
        Command::DeleteSelection.into(),
        Command::FitView.into(),
        Command::ToggleCompare.into(),
        Command::ClearFilters.into(),
        Action::SwitchView(View::Baseline),
        Command::SetLang(Lang::En).into(),
        Command::SetLang(Lang::Zh).into(),
        Command::NewScenario.into(),
        Command::CloseDialog.into(),
        Command::DuplicateScenario.into(),
        Command::CloseDialog.into(),
        Command::RenameScenario.into(),
        Command::CloseDialog.into(),
        Command::DeleteScenario.into(),
        Command::CloseDialog.into(),
        Command::About.into(),
        Command::CloseDialog.into(),
        Action::CreateScenario {
            name: "测试".into(),
            duplicate: false,
        },
        Command::DuplicateScenario.into(),
        Action::CreateScenario {
            name: "测试副本".into(),
            duplicate: true,
        },
        Action::RenameScenarioTo("改名".into()),
        Command::ToggleCompare.into(),
        Command::DeleteScenarioConfirmed.into(),
        Command::Export(shiquan::io::export::ExportFormat::Xlsx).into(),
        Command::ImportList.into(),
        Command::ConfirmImport.into(),
        Command::CancelJob.into(),
        Command::ShowRules.into(),
        Command::Recover.into(),
        Command::DiscardRecovery.into(),
        Command::CloseDialog.into(),
        Action::SetRules(shiquan::plan::RuleConfig::default()),
        Command::OverwriteOnDisk.into(),
        Command::Save.into(),
        Command::SaveAs.into(),
        Command::Open.into(),
        Command::NewPlan.into(),
        Command::ConfirmDiscard.into(),
        Command::Quit.into(),
        Command::CloseDialog.into(),
    ];
    all.extend(Tab::ALL.map(|tab| Action::from(Command::ShowTab(tab))));
    all
}

fn exercise(plan: Plan) {
    let folder = tempfile::tempdir().expect("temp folder");
    let saved = folder.path().join("saved.ron");
    let dialogs = ScriptedDialogs {
        save: vec![saved.clone()],
        ..ScriptedDialogs::default()
    };
    let mut h = harness(plan, dialogs);
    h.run();
    for command in every_menu_command() {
        h.state_mut().push(command);
        h.run();
    }
    for tab in Tab::ALL {
        h.state_mut().push(Command::ShowTab(tab));
        h.run();
    }
    if saved.exists() {
        shiquan::io::load_path(&saved).expect("the saved file opens");
    }
}

#[test]
fn no_menu_action_panics_on_an_empty_plan() {
    exercise(Plan::new(""));
}

#[test]
fn no_menu_action_panics_on_a_plan_with_one_body() {
    exercise(one_body_plan());
}

#[test]
fn no_menu_action_panics_on_the_seed_plan_with_no_file_open() {
    exercise(seed());
}

#[test]
fn save_writes_a_file_that_opens_again_and_clears_the_unsaved_marker() {
    let folder = tempfile::tempdir().expect("temp folder");
    let saved = folder.path().join("plan.ron");
    let mut h = harness(
        seed(),
        ScriptedDialogs {
            open: vec![saved.clone()],
            save: vec![saved.clone()],
            ..ScriptedDialogs::default()
        },
    );
    h.run();
    h.state_mut().push(Action::SwitchView(View::Scenario(
        "city-district-split".into(),
    )));
    h.state_mut().push(Command::NewScenario);
    h.run();
    h.state_mut().push(Action::CreateScenario {
        name: "试算".into(),
        duplicate: false,
    });
    h.run();
    assert!(h.state().document().is_dirty());
    assert!(h.state().title().starts_with('●'));
    // Opening over unsaved changes asks first; cancelling keeps the plan.
    h.state_mut().push(Command::Open);
    h.run();
    assert!(h.state().dialog().is_some());
    h.state_mut().push(Command::CloseDialog);
    h.run();
    h.state_mut().push(Command::Save);
    h.run();
    assert!(!h.state().document().is_dirty());
    assert_eq!(h.state().path(), Some(saved.as_path()));
    h.state_mut().push(Command::Open);
    h.run();
    h.state_mut().finish_jobs();
    h.run();
    let doc = h.state().document();
    // The seed's three scenarios and the one made here.
    assert_eq!(doc.plan_unsynced().scenarios.len(), 4);
}

#[test]
fn without_a_chinese_font_the_window_still_works_and_says_how_to_install_one() {
    // No system font provider: egui's own fonts have no CJK glyphs.
    let mut h = egui_kittest::Harness::builder()
        .with_size(crate::helpers::SIZE)
        .allow_missing_glyphs()
        .build_eframe(|_cc| {
            shiquan::ui::ShiquanApp::new_for_test(seed(), Box::new(ScriptedDialogs::default()))
        });
    h.run();
    assert!(h.state().ui_state().cjk_missing);
    assert_eq!(h.state().ui_state().lang, Lang::En, "falls back to English");
    assert!(
        h.query_by_label_contains("apt install fonts-noto-cjk")
            .is_some()
    );
    h.state_mut().push(Command::ShowTab(Tab::Allocation));
    h.run();
}
