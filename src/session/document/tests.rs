//! The document's own tests: edits, undo and redo, views, and what it remembers of its
//! last changes.

use super::changes::REMEMBERED_CHANGES;
use super::*;
use crate::model::{BodyId, ScenarioId};
use crate::plan::BodyEdit;

fn doc() -> Document {
    Document::new(crate::io::seed::seed_plan().expect("the seed plan loads"))
}

/// Renaming a body touches that body (and its name) only.
fn rename(doc: &mut Document, name: &str) -> BodyId {
    let body = doc.state().bodies().keys().next().cloned().expect("a body");
    doc.apply(Operation::EditBody {
        body: body.clone(),
        edit: BodyEdit::Name(name.to_owned()),
    })
    .expect("a rename applies");
    body
}

fn renamed(touched: &Touched) -> Vec<BodyId> {
    match touched {
        Touched::Records(r) => r.renamed.iter().cloned().collect(),
        Touched::All => panic!("a rename touches records only"),
    }
}

#[test]
fn touched_since_gathers_the_changes_after_a_revision() {
    let mut doc = doc();
    let start = doc.revision();
    assert_eq!(doc.touched_since(start), Some(Touched::none()));
    let body = rename(&mut doc, "改名一");
    let after_edit = doc.revision();
    assert_eq!(
        renamed(&doc.touched_since(start).expect("known")),
        std::slice::from_ref(&body)
    );
    assert_eq!(doc.touched_since(after_edit), Some(Touched::none()));
    assert!(doc.undo());
    // The undo touched the same body again; from the edit on, only the undo is new.
    assert_eq!(
        renamed(&doc.touched_since(after_edit).expect("known")),
        [body]
    );
    let since_start = doc.changes_since(start).expect("known");
    assert_eq!(
        since_start.rule_findings.len(),
        2,
        "what each change did to the rule findings, the edit's and the undo's"
    );
    assert!(
        doc.touched_since(doc.revision() + 1).is_none(),
        "a revision to come"
    );
}

#[test]
fn a_new_view_or_new_rules_start_caches_again() {
    let mut doc = doc();
    let start = doc.revision();
    doc.new_scenario(ScenarioId::new("s"), "方案".into())
        .expect("a new scenario");
    assert!(doc.touched_since(start).is_none(), "the state was replaced");
    let in_scenario = doc.revision();
    assert_eq!(doc.touched_since(in_scenario), Some(Touched::none()));
    let rules = doc.plan_unsynced().rules.clone();
    doc.set_rules(rules);
    assert!(
        doc.touched_since(in_scenario).is_none(),
        "the analysis was replaced"
    );
    let renamed_scenario = doc.revision();
    doc.rename_scenario(&ScenarioId::new("s"), "改名".into())
        .expect("a rename");
    assert_eq!(
        doc.touched_since(renamed_scenario),
        Some(Touched::none()),
        "a scenario's name is no part of the state"
    );
}

#[test]
fn only_the_last_changes_are_remembered() {
    let mut doc = doc();
    let start = doc.revision();
    for i in 0..REMEMBERED_CHANGES {
        rename(&mut doc, &format!("改名{i}"));
    }
    assert!(
        doc.touched_since(start).is_some(),
        "all of them are remembered"
    );
    rename(&mut doc, "再改名");
    assert!(
        doc.touched_since(start).is_none(),
        "the first one is forgotten"
    );
    assert!(doc.touched_since(start + 1).is_some());
}
