//! The legal layer in the real window (issue 13): the inspector shows and edits a body's legal
//! standing, and the finding it raises comes and goes with the edit; undo takes it back.

#![cfg(feature = "gui")]

use crate::helpers::{click, count_findings, harness, seed};
use egui_kittest::kittest::Queryable as _;
use shiquan::model::{BodyId, Standing};
use shiquan::ui::ScriptedDialogs;
use shiquan::ui::command::{Action, Command};
use shiquan::ui::state::Selection;

fn standing_errors(app: &shiquan::ui::ShiquanApp) -> usize {
    count_findings(app, |f| {
        f.rule.as_deref() == Some("lead-standing")
            && f.severity == shiquan::analysis::Severity::Error
    })
}

#[test]
fn the_inspector_sets_a_bodys_standing_and_the_finding_follows() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.run();
    assert_eq!(
        standing_errors(h.state()),
        1,
        "the 支队 leads in its own name"
    );
    let team = BodyId::new("city-cgzfzd");
    h.state_mut()
        .push(Action::Select(Selection::Body(team.clone())));
    h.run();
    // Both rows are there, with the standing the team has by default.
    assert!(h.query_by_label("主体资格").is_some());
    assert!(h.query_by_label("主管部门").is_some());
    h.get_by_label("主体资格").click();
    h.run();
    click(&mut h, "法律法规授权的组织");
    let doc = h.state().document();
    assert_eq!(
        doc.state().body(&team).and_then(|b| b.standing),
        Some(Standing::Authorised)
    );
    assert_eq!(
        standing_errors(h.state()),
        0,
        "an authorised organisation may lead"
    );
    h.state_mut().push(Command::Undo);
    h.run();
    assert_eq!(
        h.state()
            .document()
            .state()
            .body(&team)
            .and_then(|b| b.standing),
        None
    );
    assert_eq!(standing_errors(h.state()), 1);
}
