//! Issue 17, problem 1: history never loses work. An edit made while the history cursor is
//! before the end (the later steps still to be redone) is either inserted at the cursor with the
//! later steps replayed on top (those that still apply kept, the others reported), or applied
//! discarding them; either way it is one undo step that brings back exactly the history as it
//! was, and redo does it again. Checked on the seed plan's 市区两级事权划分 (its ~100 steps) with
//! the 问题清单's own fixes, at step 17 and at many other steps, and through a random walk of
//! edits, undos, redos and jumps.

use shiquan::analysis::{Analysis, fixes};
use shiquan::io::seed::seed_plan;
use shiquan::model::{BodyId, State};
use shiquan::plan::{BodyEdit, OpError, Operation};
use shiquan::session::{Document, DropReason, LaterSteps, Replayed, View};

const SPLIT: &str = "city-district-split";

/// The seed plan open on 市区两级事权划分, every step applied, with its operations.
fn split() -> (Document, Vec<Operation>) {
    let mut doc = Document::new(seed_plan().expect("the seed plan loads"));
    doc.switch_to(View::Scenario(SPLIT.into()))
        .expect("the scenario opens");
    let operations: Vec<Operation> = doc.history().operations().cloned().collect();
    assert!(operations.len() >= 90, "the scenario of about 90 steps");
    (doc, operations)
}

/// The state the baseline reaches through `operations`, each applied afresh.
fn fresh(doc: &Document, operations: &[Operation]) -> State {
    let mut state = doc.plan_unsynced().baseline.clone();
    for (i, op) in operations.iter().enumerate() {
        op.apply(&mut state)
            .unwrap_or_else(|e| panic!("step {} no longer applies: {e}", i + 1));
    }
    state
}

/// The operations of the document's history, applied or not.
fn operations(doc: &Document) -> Vec<Operation> {
    doc.history().operations().cloned().collect()
}

/// The fixes the 问题清单 offers at the cursor, in the findings' order.
fn fixes_here(doc: &Document) -> Vec<Vec<Operation>> {
    let findings: Vec<_> = doc
        .analysis()
        .findings()
        .filter(|f| fixes::may_fix(f))
        .cloned()
        .collect();
    findings
        .iter()
        .flat_map(|f| fixes::suggest(f, doc.state(), &doc.analysis().coverage))
        .map(|fix| fix.operations)
        .collect()
}

/// A fix offered at the cursor whose replay drops later steps (`dropping`) or keeps them all.
fn a_fix(doc: &Document, dropping: bool) -> Option<Vec<Operation>> {
    fixes_here(doc).into_iter().find(|ops| {
        let mut trial = doc.clone();
        trial
            .apply_at_cursor(ops.clone(), LaterSteps::Replay)
            .is_ok_and(|r| r.dropped.is_empty() != dropping)
    })
}

/// Checks that every recorded change set is what its operation does afresh at its place: the
/// history's undo is exact.
fn assert_change_sets_exact(doc: &Document, context: &str) {
    let mut state = doc.plan_unsynced().baseline.clone();
    for (i, entry) in doc.history().entries().iter().enumerate() {
        let changes = entry
            .operation
            .apply(&mut state)
            .unwrap_or_else(|e| panic!("{context}: step {} no longer applies: {e}", i + 1));
        assert_eq!(
            changes,
            entry.changes,
            "{context}: step {} records other changes than it makes",
            i + 1
        );
    }
}

/// Checks the history after `fix` was inserted at `at` with the later steps `before[at..]`
/// replayed, as `report` says.
fn assert_replayed(
    doc: &mut Document,
    before: &[Operation],
    at: usize,
    fix: &[Operation],
    report: &Replayed,
    context: &str,
) {
    let later = before.len() - at;
    assert_eq!(report.inserted, fix.len(), "{context}");
    assert_eq!(report.discarded, 0, "{context}");
    assert_eq!(
        report.kept + report.dropped.len(),
        later,
        "{context}: each later step is kept or reported"
    );
    let dropped_steps: Vec<usize> = report.dropped.iter().map(|d| d.step).collect();
    let kept: Vec<Operation> = (at + 1..=before.len())
        .filter(|step| !dropped_steps.contains(step))
        .map(|step| before[step - 1].clone())
        .collect();
    let mut expected = before[..at].to_vec();
    expected.extend_from_slice(fix);
    expected.extend(kept);
    assert_eq!(
        operations(doc),
        expected,
        "{context}: the kept steps, in order"
    );
    assert_eq!(doc.history().cursor(), at + fix.len(), "{context}");
    assert_eq!(doc.later_steps(), report.kept, "{context}");
    assert_eq!(
        doc.state(),
        &fresh(doc, &expected[..at + fix.len()]),
        "{context}: the state is the fix applied at step {at}"
    );
    assert_change_sets_exact(doc, context);
    // Each dropped step is refused where it would now stand, for the reason reported.
    for dropped in &report.dropped {
        let DropReason::Refused(error) = &dropped.reason else {
            continue;
        };
        let mut upto = before[..at].to_vec();
        upto.extend_from_slice(fix);
        upto.extend(
            (at + 1..dropped.step)
                .filter(|step| !dropped_steps.contains(step))
                .map(|step| before[step - 1].clone()),
        );
        let mut state = fresh(doc, &upto);
        assert_eq!(
            dropped.entry.operation,
            before[dropped.step - 1],
            "{context}"
        );
        assert_eq!(
            dropped.entry.operation.apply(&mut state).err().as_ref(),
            Some(error),
            "{context}: step {} is refused for the reason reported",
            dropped.step
        );
    }
    // The plan holds every step, applied or not.
    let plan = doc.plan().clone();
    let scenario = plan
        .scenarios
        .iter()
        .find(|s| s.id.as_str() == SPLIT)
        .expect("the scenario");
    assert_eq!(
        scenario
            .operations
            .iter()
            .map(|s| s.operation.clone())
            .collect::<Vec<_>>(),
        expected,
        "{context}: the plan keeps the later steps"
    );
}

/// The history and state of a document, to compare before and after.
#[derive(Debug)]
struct Snapshot {
    entries: Vec<shiquan::session::history::Entry>,
    cursor: usize,
    state: State,
}

fn snapshot(doc: &Document) -> Snapshot {
    Snapshot {
        entries: doc.history().entries().to_vec(),
        cursor: doc.history().cursor(),
        state: doc.state().clone(),
    }
}

/// Asserts that the document's history and state are `was`: every entry (or, when `was` had no
/// later steps, every entry up to the cursor: undoing an edit made at the end leaves it to be
/// redone), the cursor and the state. Says where they differ, not the whole state.
fn assert_back_to(doc: &Document, was: &Snapshot, context: &str) {
    let now = snapshot(doc);
    assert_eq!(now.cursor, was.cursor, "{context}: the cursor");
    let compared = if was.entries.len() > was.cursor {
        assert_eq!(
            now.entries.len(),
            was.entries.len(),
            "{context}: how many steps"
        );
        was.entries.len()
    } else {
        was.cursor
    };
    if let Some(i) = (0..compared).find(|&i| now.entries[i] != was.entries[i]) {
        panic!(
            "{context}: step {} differs: {:?} instead of {:?}",
            i + 1,
            now.entries[i].operation,
            was.entries[i].operation
        );
    }
    assert!(now.state == was.state, "{context}: the state differs");
}

#[test]
fn a_fix_inserted_at_step_17_keeps_every_later_step_that_applies_and_reports_the_others() {
    let (mut doc, before) = split();
    let end = doc.state().clone();
    doc.jump_to(17);
    assert_eq!(doc.later_steps(), before.len() - 17);
    let at_17 = snapshot(&doc);
    // The concentration of a whole cluster of overlapping bodies: some later steps move powers
    // that the new bureau now leads.
    let fix = a_fix(&doc, true).expect("a fix at step 17 that some later steps clash with");
    let report = doc
        .apply_at_cursor(fix.clone(), LaterSteps::Replay)
        .expect("the fix applies");
    assert!(!report.dropped.is_empty());
    assert!(report.kept > 0);
    assert_replayed(&mut doc, &before, 17, &fix, &report, "insert at 17");
    let inserted = snapshot(&doc);

    // One undo brings back the history exactly: every step as it was, the cursor at 17.
    assert!(doc.undo());
    assert_back_to(&doc, &at_17, "");
    assert_eq!(
        operations(&doc),
        before,
        "the scenario's operations, all of them"
    );
    assert_eq!(doc.state(), &fresh(&doc, &before[..17]));
    // Redo does it again.
    assert!(doc.redo());
    assert_back_to(&doc, &inserted, "");
    assert!(doc.undo());
    assert_back_to(&doc, &at_17, "");
    doc.jump_to_end();
    assert_eq!(doc.state(), &end);
    assert_change_sets_exact(&doc, "after undo");
}

#[test]
fn a_fix_that_clashes_with_no_later_step_keeps_them_all() {
    let (mut doc, before) = split();
    doc.jump_to(17);
    let fix = a_fix(&doc, false).expect("a fix that keeps every later step");
    let report = doc
        .apply_at_cursor(fix.clone(), LaterSteps::Replay)
        .expect("the fix applies");
    assert_eq!(report.kept, before.len() - 17);
    assert_replayed(&mut doc, &before, 17, &fix, &report, "insert at 17");
    // The later steps are still to be redone, as they were before the edit.
    doc.jump_to_end();
    let mut all = before[..17].to_vec();
    all.extend(fix);
    all.extend_from_slice(&before[17..]);
    assert_eq!(doc.state(), &fresh(&doc, &all));
}

#[test]
fn discarding_drops_the_later_steps_in_one_step_that_undo_takes_back() {
    let (mut doc, before) = split();
    doc.jump_to(17);
    let at_17 = snapshot(&doc);
    let fix = a_fix(&doc, true).expect("a fix");
    let report = doc
        .apply_at_cursor(fix.clone(), LaterSteps::Discard)
        .expect("applies");
    assert_eq!(report.discarded, before.len() - 17);
    assert_eq!((report.kept, report.dropped.len()), (0, 0));
    let mut expected = before[..17].to_vec();
    expected.extend(fix);
    assert_eq!(operations(&doc), expected);
    assert_eq!(doc.later_steps(), 0);
    let discarded = snapshot(&doc);
    assert!(doc.undo());
    assert_back_to(&doc, &at_17, "");
    assert_eq!(operations(&doc), before);
    assert!(doc.redo());
    assert_back_to(&doc, &discarded, "");
}

#[test]
fn a_plain_edit_before_later_steps_no_longer_loses_them() {
    // Before issue 17 `Document::apply` truncated the later steps for good.
    let (mut doc, before) = split();
    doc.jump_to(17);
    let at_17 = snapshot(&doc);
    let body = doc.state().bodies().keys().next().cloned().expect("a body");
    doc.apply(Operation::EditBody {
        body,
        edit: BodyEdit::Name("改名".into()),
    })
    .expect("a rename applies");
    assert_eq!(doc.history().entries().len(), 18);
    assert!(doc.undo());
    assert_back_to(&doc, &at_17, "");
    assert_eq!(operations(&doc), before);
}

#[test]
fn a_refused_edit_before_later_steps_changes_nothing() {
    let (mut doc, _) = split();
    doc.jump_to(17);
    let at_17 = snapshot(&doc);
    let revision = doc.revision();
    let refused = doc.apply_at_cursor(
        vec![Operation::AbolishBody {
            body: BodyId::new("no-such-body"),
        }],
        LaterSteps::Replay,
    );
    assert!(matches!(refused, Err((0, _))), "{refused:?}");
    assert_back_to(&doc, &at_17, "");
    assert_eq!(doc.revision(), revision);
}

#[test]
fn edits_at_many_steps_replay_or_discard_and_undo_exactly() {
    let (start, before) = split();
    let total = before.len();
    let mut checked = 0;
    for at in [0, 1, 5, 17, 33, 40, 58, 70, 88, total - 1] {
        for dropping in [true, false] {
            for later in [LaterSteps::Replay, LaterSteps::Discard] {
                let mut doc = start.clone();
                doc.jump_to(at);
                let Some(fix) = a_fix(&doc, dropping) else {
                    continue;
                };
                let context = format!("at {at}, {later:?}, dropping {dropping}");
                let was = snapshot(&doc);
                let report = doc
                    .apply_at_cursor(fix.clone(), later)
                    .unwrap_or_else(|e| panic!("{context}: {e:?}"));
                match later {
                    LaterSteps::Replay => {
                        assert_replayed(&mut doc, &before, at, &fix, &report, &context);
                    }
                    LaterSteps::Discard => {
                        assert_eq!(report.discarded, total - at, "{context}");
                        assert_change_sets_exact(&doc, &context);
                    }
                }
                let edited = snapshot(&doc);
                assert!(doc.undo(), "{context}");
                assert_back_to(&doc, &was, &format!("{context}: undo"));
                assert!(doc.redo(), "{context}");
                assert_back_to(&doc, &edited, &format!("{context}: redo"));
                // A second edit further on, then both undone: the first history again.
                doc.jump_to_end();
                let last = doc.history().entries().len();
                let second_at = (at + fix.len() + last) / 2;
                doc.jump_to(second_at);
                let was_second = snapshot(&doc);
                if let Some(second) = fixes_here(&doc).into_iter().next() {
                    doc.apply_at_cursor(second, LaterSteps::Replay)
                        .unwrap_or_else(|e| panic!("{context}: second edit {e:?}"));
                    assert_change_sets_exact(&doc, &context);
                    assert!(doc.undo());
                    assert_back_to(&doc, &was_second, &format!("{context}: second undo"));
                }
                doc.jump_to(at + fix.len());
                assert!(doc.undo());
                assert_back_to(&doc, &was, &format!("{context}: both undone"));
                assert_eq!(operations(&doc), before, "{context}");
                checked += 1;
            }
        }
    }
    assert!(checked >= 20, "{checked} cases checked");
}

#[test]
fn dropping_the_later_steps_is_one_step_and_leaving_a_scenario_keeps_them() {
    let (mut doc, before) = split();
    doc.jump_to(17);
    let at_17 = snapshot(&doc);
    assert_eq!(doc.drop_later_steps(), before.len() - 17);
    assert_eq!(doc.later_steps(), 0);
    assert!(doc.is_dirty(), "the scenario lost steps: the plan changed");
    assert_eq!(operations(&doc), before[..17].to_vec());
    assert!(doc.undo());
    assert_back_to(&doc, &at_17, "");
    assert!(doc.redo());
    assert_eq!(doc.later_steps(), 0);
    assert!(doc.undo());

    // Left at step 17, the scenario keeps every step and opens again with all applied.
    let end = fresh(&doc, &before);
    doc.switch_to(View::Baseline).expect("the baseline");
    let kept = doc.plan().scenario(&SPLIT.into()).map(|s| {
        s.operations
            .iter()
            .map(|s| s.operation.clone())
            .collect::<Vec<_>>()
    });
    assert_eq!(kept.as_deref(), Some(&before[..]));
    doc.switch_to(View::Scenario(SPLIT.into()))
        .expect("the scenario");
    assert_eq!(doc.later_steps(), 0);
    assert_eq!(doc.state(), &end);
}

#[test]
fn a_baseline_edit_before_later_steps_must_still_let_every_scenario_apply() {
    let mut doc = Document::new(seed_plan().expect("the seed plan loads"));
    let rename = |body: &str, name: &str| Operation::EditBody {
        body: body.into(),
        edit: BodyEdit::Name(name.into()),
    };
    doc.apply(rename("city-rfb", "市人防办")).expect("applies");
    doc.apply(rename("city-rfb", "市人民防空办公室"))
        .expect("applies");
    assert!(doc.undo());
    assert!(doc.undo());
    assert_eq!(doc.later_steps(), 2);
    let was = snapshot(&doc);
    // 市区两级事权划分 devolves this unit: devolving it in the baseline would break it.
    let breaks = Operation::MoveBody {
        body: "city-ylj-lhgh".into(),
        to: "district-a".into(),
    };
    let refused = doc.apply_at_cursor(vec![breaks], LaterSteps::Replay);
    assert!(
        matches!(refused, Err((0, OpError::BreaksScenario { .. }))),
        "{refused:?}"
    );
    assert_back_to(&doc, &was, "");
    let report = doc
        .apply_at_cursor(vec![rename("city-cgj", "市城管局")], LaterSteps::Replay)
        .expect("a rename breaks nothing");
    assert_eq!((report.kept, report.dropped.len()), (2, 0));
    assert!(doc.undo());
    assert_back_to(&doc, &was, "");
}

/// A tiny deterministic generator for the random walk.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

#[test]
fn a_random_walk_of_edits_undos_redos_and_jumps_keeps_undo_exact() {
    let (start, _) = split();
    for seed in 1..=3u64 {
        let mut rng = Rng(seed);
        let mut doc = start.clone();
        for serial in 0..40 {
            let context = format!("seed {seed}, action {serial}");
            match rng.below(7) {
                0 | 1 => {
                    let step = rng.below(doc.history().entries().len() + 1);
                    doc.jump_to(step);
                }
                2 => {
                    doc.undo();
                }
                3 => {
                    doc.redo();
                }
                4 => {
                    let was = snapshot(&doc);
                    if doc.drop_later_steps() > 0 {
                        assert!(doc.undo(), "{context}");
                        assert_back_to(&doc, &was, &format!("{context}: drop undone"));
                        assert!(doc.redo(), "{context}");
                    }
                }
                _ => {
                    let fixes = fixes_here(&doc);
                    if fixes.is_empty() {
                        continue;
                    }
                    let fix = fixes[rng.below(fixes.len())].clone();
                    let later = if rng.below(2) == 0 {
                        LaterSteps::Replay
                    } else {
                        LaterSteps::Discard
                    };
                    let was = snapshot(&doc);
                    doc.apply_at_cursor(fix, later)
                        .unwrap_or_else(|e| panic!("{context}: {e:?}"));
                    let edited = snapshot(&doc);
                    assert!(doc.undo(), "{context}");
                    assert_back_to(&doc, &was, &format!("{context}: edit undone"));
                    assert!(doc.redo(), "{context}");
                    assert_back_to(&doc, &edited, &format!("{context}: edit redone"));
                }
            }
            let applied: Vec<Operation> = doc.history().applied().cloned().collect();
            assert!(
                doc.state() == &fresh(&doc, &applied),
                "{context}: the state is not its applied steps"
            );
            assert_change_sets_exact(&doc, &context);
            // The analysis and the graph followed every step as a fresh one would see it.
            let full =
                Analysis::full_against(doc.state(), doc.baseline(), &doc.plan_unsynced().rules);
            assert!(doc.analysis() == &full, "{context}: the analysis");
            crate::helpers::assert_graph_as_built(&doc, &context);
            // The plan holds every step of the scenario, wherever the cursor is.
            let all: Vec<Operation> = operations(&doc);
            let kept = doc.plan().scenario(&SPLIT.into()).map(|s| {
                s.operations
                    .iter()
                    .map(|s| s.operation.clone())
                    .collect::<Vec<_>>()
            });
            assert_eq!(kept.as_deref(), Some(&all[..]), "{context}: the plan");
        }
    }
}
