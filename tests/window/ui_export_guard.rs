//! The window never exports over the plan file it is editing (issue 16: an output is never
//! the input). Given the open plan's own name, or a link to it, in the export dialog, it
//! refuses with a message and the file keeps its plan.

#![cfg(feature = "gui")]

use crate::helpers::{harness, seed};
use shiquan::io::export::ExportFormat;
use shiquan::ui::ScriptedDialogs;
use shiquan::ui::command::{Action, Command};

#[test]
fn exporting_onto_the_open_plan_file_is_refused_and_the_plan_kept() {
    let folder = tempfile::tempdir().expect("temp folder");
    let plan_path = folder.path().join("方案.ron");
    shiquan::io::save_path(&seed(), &plan_path).expect("save the seed");
    let saved = std::fs::read(&plan_path).expect("read it back");
    let mut targets = vec![plan_path.clone()];
    #[cfg(unix)]
    {
        let link = folder.path().join("link.csv");
        std::os::unix::fs::symlink(&plan_path, &link).expect("link to the plan");
        targets.push(link);
    }
    let mut h = harness(
        shiquan::plan::Plan::new("空"),
        ScriptedDialogs {
            export: targets.clone(),
            ..ScriptedDialogs::default()
        },
    );
    h.run();
    h.state_mut().push(Action::OpenPath(plan_path.clone()));
    h.run();
    h.state_mut().finish_jobs();
    h.run();
    assert_eq!(h.state().path(), Some(plan_path.as_path()));
    for target in &targets {
        h.state_mut().push(Command::Export(ExportFormat::Csv));
        h.run();
        h.state_mut().finish_jobs();
        h.run();
        let message = h.state().ui_state().message.clone().expect("a message");
        assert!(
            message.error && message.text.contains("正在编辑的方案文件"),
            "{}: {message:?}",
            target.display()
        );
        assert_eq!(
            std::fs::read(&plan_path).expect("the plan is still there"),
            saved,
            "exporting to {} changed the plan file",
            target.display()
        );
    }
}
