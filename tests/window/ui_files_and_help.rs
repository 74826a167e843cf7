//! Issue 17, problems 7, 8 and 9 in the real window:
//! - reopening a plan, starting with no file, and recovering an autosaved copy bring back the plan
//!   and the scenario being edited, not 现状 of the seed;
//! - when the native file dialog cannot open, 打开, 另存为 and 导出 show the window's own file
//!   dialog (typed path, recent files, the folder's files) instead of doing nothing;
//! - 帮助 → 使用说明 (F1) explains the lanes, the five transfer modes and every rule with its law,
//!   and lists the shortcuts; bodies and power chips have right-click menus that edit the plan.

#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::helpers::{builder, harness, seed};
use egui::accesskit::Role;
use egui::{Event, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use shiquan::model::{BodyId, Level, ScenarioId};
use shiquan::plan::Operation;
use shiquan::session::View;
use shiquan::ui::command::{Action, Command};
use shiquan::ui::panels::Dialog;
use shiquan::ui::{Autosave, RecentFiles, ScriptedDialogs, ShiquanApp};

const SPLIT: &str = "city-district-split";

/// A fresh folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("shiquan-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

/// The seed plan saved as a file in `dir`.
fn seed_file(dir: &Path) -> PathBuf {
    let path = dir.join("示例方案.ron");
    shiquan::io::save_path(&seed(), &path).expect("the seed plan saves");
    path
}

/// The real window on `path`, with a recent list kept in `store` (as a user's config is).
fn window_on(
    path: Option<PathBuf>,
    store: &Path,
    dialogs: ScriptedDialogs,
    autosave: Autosave,
) -> Harness<'static, ShiquanApp> {
    let recent = RecentFiles::stored_in(store.to_path_buf());
    let start = shiquan::ui::starting_plan(path, &recent, shiquan::text::Lang::Zh)
        .expect("the window has a plan to start on");
    builder().build_eframe(move |_cc| {
        ShiquanApp::from_start(
            start,
            Box::new(dialogs),
            recent,
            shiquan::text::Lang::Zh,
            autosave,
        )
    })
}

fn no_autosave() -> Autosave {
    Autosave::new(Duration::from_hours(1), None)
}

fn view_of(h: &Harness<'static, ShiquanApp>) -> View {
    h.state().document().view().clone()
}

#[test]
fn reopening_and_starting_with_no_file_bring_back_the_plan_and_its_scenario() {
    let dir = folder("reopen");
    let store = dir.join("recent.txt");
    let path = seed_file(&dir);
    {
        let mut h = window_on(
            Some(path.clone()),
            &store,
            ScriptedDialogs::default(),
            no_autosave(),
        );
        h.run();
        assert_eq!(
            view_of(&h),
            View::Baseline,
            "a plan never edited opens on 现状"
        );
        h.state_mut()
            .push(Action::SwitchView(View::Scenario(ScenarioId::new(SPLIT))));
        h.run();
    }
    let split = View::Scenario(ScenarioId::new(SPLIT));
    // Opening the file again (as `shiquan FILE` does) shows the scenario being edited.
    let h = window_on(
        Some(path.clone()),
        &store,
        ScriptedDialogs::default(),
        no_autosave(),
    );
    assert_eq!(view_of(&h), split);
    // Starting with no file opens the last plan, on its scenario, not the seed's 现状.
    let h = window_on(None, &store, ScriptedDialogs::default(), no_autosave());
    assert_eq!(
        h.state().path(),
        Some(path.canonicalize().unwrap().as_path())
    );
    assert_eq!(view_of(&h), split);
    // Opening it from the recent files of a window on another plan does the same.
    let stored = RecentFiles::stored_in(store.clone());
    assert_eq!(stored.scenario_of(&path), Some(&ScenarioId::new(SPLIT)));
    let other = dir.join("另一个.ron");
    shiquan::io::save_path(&seed(), &other).expect("saved");
    let mut h = window_on(
        Some(other),
        &store,
        ScriptedDialogs::default(),
        no_autosave(),
    );
    h.run();
    assert_eq!(view_of(&h), View::Baseline);
    h.state_mut().push(Action::OpenPath(path.clone()));
    h.run();
    h.state_mut().finish_jobs();
    h.run();
    assert_eq!(view_of(&h), split);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_recovered_copy_opens_on_the_scenario_being_edited() {
    let dir = folder("recover-view");
    let store = dir.join("recent.txt");
    let path = seed_file(&dir);
    let autosave = || Autosave::new(Duration::from_hours(1), None);
    let renamed = "改名后的单位".to_owned();
    let body: BodyId;
    {
        let mut h = window_on(
            Some(path.clone()),
            &store,
            ScriptedDialogs::default(),
            autosave(),
        );
        h.run();
        h.state_mut()
            .push(Action::SwitchView(View::Scenario(ScenarioId::new(SPLIT))));
        h.run();
        body = h
            .state()
            .document()
            .state()
            .bodies()
            .keys()
            .next()
            .expect("a body")
            .clone();
        h.state_mut().push(Action::Apply(Operation::EditBody {
            body: body.clone(),
            edit: shiquan::plan::BodyEdit::Name(renamed.clone()),
        }));
        h.run();
        assert!(h.state().document().is_dirty());
        h.state_mut()
            .autosave_now()
            .expect("the unsaved change is copied beside the plan");
        // The window is gone without saving (a crash); the recent list does not know the
        // scenario was being edited, only the copy does.
    }
    std::fs::remove_file(&store).ok();
    let mut h = window_on(
        Some(path.clone()),
        &store,
        ScriptedDialogs::default(),
        autosave(),
    );
    h.run();
    assert!(matches!(h.state().dialog(), Some(Dialog::Recover { .. })));
    h.state_mut().push(Command::Recover);
    h.run();
    h.state_mut().finish_jobs();
    h.run();
    assert_eq!(view_of(&h), View::Scenario(ScenarioId::new(SPLIT)));
    assert_eq!(
        h.state()
            .document()
            .state()
            .body(&body)
            .map(|b| b.name.clone()),
        Some(renamed)
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Types `text` into the built-in file dialog's name field, in place of what it holds.
fn type_file_name(h: &mut Harness<'static, ShiquanApp>, text: &str) {
    const FIELD: &str = "文件名或路径";
    h.get_by_role_and_label(Role::TextInput, FIELD).focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(Role::TextInput, FIELD)
        .type_text(text);
    h.run();
}

#[test]
fn with_no_native_dialog_open_save_and_export_use_the_windows_own() {
    let dir = folder("browser");
    let path = seed_file(&dir);
    let unavailable = ScriptedDialogs {
        unavailable: true,
        ..ScriptedDialogs::default()
    };
    let mut h = harness(seed(), unavailable);
    h.run();
    // 打开…: the window's own dialog opens, never nothing.
    h.state_mut().push(Command::Open);
    h.run();
    assert!(
        h.query_by_label("打开方案").is_some(),
        "the built-in open dialog is shown"
    );
    type_file_name(&mut h, &path.display().to_string());
    h.get_by_role_and_label(Role::Button, "打开").click();
    h.run();
    h.state_mut().finish_jobs();
    h.run();
    assert_eq!(
        h.state().path(),
        Some(path.as_path()),
        "the typed plan opened"
    );
    assert!(h.state().dialog().is_none());

    // 另存为…: the name is suggested; a typed path saves there.
    let copy = dir.join("副本.ron");
    h.state_mut().push(Command::SaveAs);
    h.run();
    assert!(h.query_by_label("保存方案").is_some());
    type_file_name(&mut h, &copy.display().to_string());
    h.get_by_role_and_label(Role::Button, "保存").click();
    h.run();
    assert!(copy.is_file(), "saved through the built-in dialog");
    assert_eq!(h.state().path(), Some(copy.as_path()));

    // Saving over a file that exists (another plan) asks first, then replaces it on a second
    // confirm.
    let other = dir.join("另一份.ron");
    std::fs::write(&other, "不是这个方案").expect("a file in the way");
    h.state_mut().push(Command::SaveAs);
    h.run();
    type_file_name(&mut h, &other.display().to_string());
    h.get_by_role_and_label(Role::Button, "保存").click();
    h.run();
    assert!(h.query_by_label_contains("已存在").is_some());
    assert_eq!(
        std::fs::read_to_string(&other).expect("still there"),
        "不是这个方案",
        "the first confirm only warns"
    );
    h.get_by_role_and_label(Role::Button, "保存").click();
    h.run();
    assert!(
        shiquan::io::load_path(&other).is_ok(),
        "the second confirm replaces it with the plan"
    );

    // 导出: the folder's listing and a typed name; the export is written.
    h.state_mut()
        .push(Command::Export(shiquan::io::export::ExportFormat::Csv));
    h.run();
    assert!(h.query_by_label("导出为 CSV").is_some());
    let out = dir.join("分配表.csv");
    type_file_name(&mut h, &out.display().to_string());
    h.get_by_role_and_label(Role::Button, "导出").click();
    h.run();
    h.state_mut().finish_jobs();
    h.run();
    assert!(out.is_file(), "exported through the built-in dialog");

    // A file that does not exist is refused in the dialog, which stays open.
    h.state_mut().push(Command::Open);
    h.run();
    type_file_name(&mut h, "不存在.ron");
    h.get_by_role_and_label(Role::Button, "打开").click();
    h.run();
    assert!(h.query_by_label_contains("文件不存在").is_some());
    assert!(matches!(h.state().dialog(), Some(Dialog::FileBrowser(_))));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn f1_opens_the_user_guide_with_the_legend_the_modes_the_rules_and_their_law() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    assert!(h.query_by_label("五种移交方式").is_none());
    h.key_press(egui::Key::F1);
    h.run();
    for heading in [
        "关系图图例",
        "五种移交方式",
        "规则及其法律依据",
        "操作与快捷键",
    ] {
        assert!(
            h.query_by_label(heading).is_some(),
            "the guide has the section {heading}"
        );
    }
    // Each mode by name, the law of concentration and of grants, a rule of the legal layer.
    for text in ["相对集中", "委托", "赋权", "主体资格", "集中后回流"] {
        assert!(
            h.query_all_by_label(text).next().is_some(),
            "the guide names {text}"
        );
    }
    assert!(
        h.query_all_by_label_contains("第十八条第二款")
            .next()
            .is_some()
    );
    assert!(h.query_all_by_label_contains("第二十四条").next().is_some());
    // The shortcut list has F1 itself.
    assert!(h.query_by_label("F1").is_some());
    // 帮助 → 使用说明 closes it again.
    h.get_by_label("帮助").click();
    h.run();
    // The menu item shows its shortcut beside its name.
    h.get_by_role_and_label(Role::Button, "使用说明 F1").click();
    h.run();
    assert!(h.query_by_label("五种移交方式").is_none());
}

fn right_click_at(h: &mut Harness<'static, ShiquanApp>, pos: Pos2) {
    h.event(Event::PointerMoved(pos));
    h.step();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Secondary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
    }
    h.run();
}

#[test]
fn a_bodys_right_click_menu_moves_it_and_a_chips_menu_makes_it_assisting() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    h.state_mut()
        .push(Action::SwitchView(View::Scenario(ScenarioId::new(SPLIT))));
    h.run();
    // A city body on screen that can be devolved to 丙区.
    let body = {
        let app = h.state();
        let state = app.document().state();
        state
            .bodies()
            .values()
            .filter(|b| state.level_of_body(&b.id) == Some(Level::City))
            .filter(|b| app.canvas().body_on_screen(&b.id).is_some())
            .find(|b| {
                let mut trial = app.document().clone();
                trial
                    .apply(Operation::MoveBody {
                        body: b.id.clone(),
                        to: "district-c".into(),
                    })
                    .is_ok()
            })
            .expect("a movable city body on screen")
            .id
            .clone()
    };
    let at = h.state().canvas().body_on_screen(&body).unwrap().center();
    right_click_at(&mut h, at);
    assert!(
        h.query_by_label("查看属性").is_some(),
        "the body's menu is open"
    );
    h.get_by_label("下划 / 上收到").hover();
    h.run();
    h.get_by_label("丙区（区级）").click();
    h.run();
    assert_eq!(
        h.state()
            .document()
            .state()
            .body(&body)
            .map(|b| b.jurisdiction.as_str()),
        Some("district-c"),
        "the menu devolved the body to 丙区"
    );

    // A lead chip of a body: its menu makes the holding assisting.
    let (chip_body, power) = {
        let app = h.state();
        let layout = &app.canvas().layout;
        let state = app.document().state();
        state
            .bodies()
            .values()
            .filter(|b| app.canvas().body_on_screen(&b.id).is_some())
            .find_map(|b| {
                let lead = state.holdings_of_body(&b.id).find(|h| h.role.is_lead())?;
                layout.body(&b.id)?;
                Some((b.id.clone(), lead.power.clone()))
            })
            .expect("a body on screen that leads a power")
    };
    let at = h
        .state()
        .canvas()
        .body_on_screen(&chip_body)
        .unwrap()
        .center();
    right_click_at(&mut h, at);
    h.get_by_label("展开事项").click();
    h.run();
    let chip = {
        let app = h.state();
        let t = app.canvas().transform.expect("drawn");
        let laid = app.canvas().layout.body(&chip_body).expect("laid out");
        let c = laid
            .chips
            .iter()
            .find(|c| c.power == power)
            .expect("the chip is laid out");
        t.rect(c.rect).center()
    };
    right_click_at(&mut h, chip);
    h.get_by_label("改为协办").click();
    h.run();
    let holding = h
        .state()
        .document()
        .state()
        .holding(&power, &chip_body)
        .cloned()
        .expect("still held");
    assert!(!holding.role.is_lead(), "the chip's menu made it assisting");
}

/// Issue 21: a plan given at launch (a double-click) that does not read never keeps the window
/// shut: it opens on the seed plan, and a dialog names the file and says what is wrong where.
#[test]
fn a_broken_plan_at_launch_opens_the_window_and_says_why() {
    // A fixed folder: the dialog, in the image snapshot, shows the file's path.
    let dir = std::env::temp_dir().join("shiquan-launch-broken");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let store = dir.join("recent.txt");
    let bad = dir.join("损坏的方案.shiquan");
    std::fs::write(
        &bad,
        "(\n    version: 2,\n    title: \"半个方案\",\n    baseline: (\n",
    )
    .expect("written");
    let mut h = window_on(
        Some(bad.clone()),
        &store,
        ScriptedDialogs::default(),
        no_autosave(),
    );
    h.run();
    let Some(Dialog::CannotOpen { path, error }) = h.state().dialog() else {
        panic!("no dialog about the file: {:?}", h.state().dialog());
    };
    assert_eq!(path, &bad);
    assert!(error.contains("损坏的方案.shiquan:"), "{error}");
    assert_eq!(
        h.state().path(),
        None,
        "the seed plan is shown, with no file"
    );
    assert_eq!(
        h.state().document().plan_unsynced().title,
        seed().title,
        "the window shows the seed plan"
    );
    h.get_by_label("无法打开文件");
    h.snapshot("cannot_open_at_launch");
    h.get_by_label("确定").click();
    h.run();
    assert!(h.state().dialog().is_none(), "OK closes the dialog");
    let _ = std::fs::remove_dir_all(dir);
}

/// Issue 21: a power list given at launch opens in the import dialog, over the seed plan.
#[test]
fn a_list_at_launch_opens_in_the_import_dialog() {
    let dir = folder("launch-list");
    let store = dir.join("recent.txt");
    let list = dir.join("城管局权责清单.csv");
    std::fs::write(
        &list,
        "事项编码,事项名称,权力类型,领域,实施主体,行使层级\nCG-001,对乱倒垃圾的处罚,行政处罚,市容环卫,市城管局,市级\n",
    )
    .expect("written");
    let mut h = window_on(
        Some(list.clone()),
        &store,
        ScriptedDialogs::default(),
        no_autosave(),
    );
    h.state_mut().finish_jobs();
    h.run();
    let Some(Dialog::Import(dialog)) = h.state().dialog() else {
        panic!("no import dialog: {:?}", h.state().dialog());
    };
    assert_eq!(dialog.path, list);
    assert_eq!(
        h.state().path(),
        None,
        "nothing is imported before the user confirms"
    );
    let _ = std::fs::remove_dir_all(dir);
}
