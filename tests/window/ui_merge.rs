//! Issue 19, the window's merge: 合并方案… asks for the copy both sides started from and for
//! theirs, merges them with the open plan (ours), lists the conflicts, and takes the side the
//! user picks at each; the result opens as unsaved changes to the open plan's file.

#![cfg(feature = "gui")]

use std::path::PathBuf;

use crate::helpers::{builder, click, seed};
use egui_kittest::kittest::Queryable as _;
use shiquan::model::BodyId;
use shiquan::plan::{BodyEdit, Operation, Plan};
use shiquan::ui::command::{Action, Command};
use shiquan::ui::panels::Dialog;
use shiquan::ui::{Autosave, ScriptedDialogs, ShiquanApp};

/// Applies a body edit to a plan's baseline.
fn edit(plan: &mut Plan, body: &BodyId, edit: BodyEdit) {
    Operation::EditBody {
        body: body.clone(),
        edit,
    }
    .apply(&mut plan.baseline)
    .expect("the edit applies");
}

#[test]
fn two_offices_copies_merge_in_the_window_with_the_side_chosen_at_the_conflict() {
    // A fixed folder: the dialog, in the image snapshot, shows the files' paths.
    let dir = std::env::temp_dir().join("shiquan-window-merge");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let base = seed();
    let bodies: Vec<BodyId> = base.baseline.bodies().keys().take(3).cloned().collect();
    let (shared, ours_only, theirs_only) = (&bodies[0], &bodies[1], &bodies[2]);
    let base_path = dir.join("底稿.shiquan");
    shiquan::io::save_path(&base, &base_path).expect("saved");
    // Theirs (the 法制办's copy): renames the shared body one way and sets another's budget.
    let mut theirs = base.clone();
    edit(&mut theirs, shared, BodyEdit::Name("对方改的名称".into()));
    edit(&mut theirs, theirs_only, BodyEdit::BudgetWan(4321));
    let theirs_path = dir.join("法制办修改稿.shiquan");
    shiquan::io::save_path(&theirs, &theirs_path).expect("saved");
    // Ours (the window, on our copy of the file): renames the shared body another way, and a
    // second body.
    let ours_path = dir.join("编办修改稿.shiquan");
    shiquan::io::save_path(&base, &ours_path).expect("saved");
    let dialogs = ScriptedDialogs {
        open: vec![base_path.clone(), theirs_path.clone()],
        ..ScriptedDialogs::default()
    };
    let path = ours_path.clone();
    let mut h = builder().build_eframe(move |_cc| {
        ShiquanApp::new_for_test_on_file(
            seed(),
            path,
            Box::new(dialogs),
            Autosave::new(std::time::Duration::from_hours(1), None),
        )
    });
    h.run();
    for (body, name) in [(shared, "本方改的名称"), (ours_only, "本方另改的单位")] {
        h.state_mut().push(Action::Apply(Operation::EditBody {
            body: body.clone(),
            edit: BodyEdit::Name(name.into()),
        }));
        h.run();
    }
    h.state_mut().push(Command::MergePlans);
    h.run();
    h.state_mut().finish_jobs();
    h.run();
    let Some(Dialog::Merge(dialog)) = h.state().dialog() else {
        panic!("no merge dialog: {:?}", h.state().dialog());
    };
    let places: Vec<String> = dialog
        .conflicts
        .iter()
        .map(|c| c.place.to_string())
        .collect();
    assert_eq!(
        places,
        [format!("baseline.bodies[{shared}].name")],
        "the one field both sides changed differently"
    );
    h.get_by_label("1 处冲突。每处默认取本方，可逐一改为对方或底稿：");
    // The place is named as the base has it, not only by its path in the file.
    let base_name = base.baseline.body(shared).expect("the body").name.clone();
    h.get_by_label(&format!("1. 机构：{base_name}"));
    h.snapshot("merge_dialog");
    click(&mut h, "对方");
    click(&mut h, "采用合并结果");
    h.state_mut().finish_jobs();
    h.run();
    assert!(h.state().dialog().is_none());
    let doc = h.state().document();
    let name = |id: &BodyId| doc.baseline().body(id).map(|b| b.name.clone());
    assert_eq!(
        name(shared).as_deref(),
        Some("对方改的名称"),
        "theirs, as chosen"
    );
    assert_eq!(
        name(ours_only).as_deref(),
        Some("本方另改的单位"),
        "our edit kept"
    );
    assert_eq!(
        doc.baseline().body(theirs_only).map(|b| b.budget_wan),
        Some(4321),
        "their edit merged in"
    );
    assert!(doc.is_dirty(), "the merge is unsaved");
    assert_eq!(
        h.state().path().map(PathBuf::from),
        Some(ours_path),
        "saving writes the merge over ours"
    );
    let _ = std::fs::remove_dir_all(dir);
}
