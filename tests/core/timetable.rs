//! Issue 19, the timetable (分步实施): steps with an effective date and a document; a
//! scenario's state on any date; the transition finding (过渡期) between two steps; dates and
//! documents through save, load, undo and redo, and in the 变更清单 of the exports.
//!
//! The fixture `tests/data/v3/timetable.ron`: the city stops the littering penalty CF-1 on
//! 2025-03-01, the districts take it up on 2025-04-01 (a month's gap in 甲区 and 乙区); 甲区
//! starts on the street-vending penalty CF-2 on 2025-05-01, the city stops there on 2025-06-01
//! (a month led twice in 甲区).

use std::path::Path;

use calamine::{Data, Reader};
use shiquan::analysis::finding::message::RuleMessage;
use shiquan::analysis::{Analysis, FindingKind, Reason, transition};
use shiquan::io::export::{self, ExportFormat, ExportOptions, TableKind};
use shiquan::io::{self};
use shiquan::model::{BodyId, PowerId, ScenarioId};
use shiquan::plan::{Operation, Plan, PlanDate, PlanError, Rule, Step, Timing};
use shiquan::session::{Document, View};
use shiquan::text::{FindingText, Lang};

const STAGED: &str = "staged";

fn fixture() -> Plan {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/v3/timetable.ron");
    io::load_path(&path).unwrap_or_else(|e| panic!("{e}"))
}

fn date(text: &str) -> PlanDate {
    text.parse().unwrap_or_else(|e| panic!("{e}"))
}

/// The gaps of CF-1 in the state of the staged scenario on `on`, by territory.
fn gaps_on(plan: &Plan, on: &str) -> Vec<String> {
    let state = plan
        .state_at(&ScenarioId::new(STAGED), date(on))
        .expect("the scenario takes effect");
    let analysis = Analysis::full_against(&state, &plan.baseline, &plan.rules);
    analysis
        .findings()
        .filter(|f| f.kind == FindingKind::Gap && f.power == Some(PowerId::new("CF-1")))
        .filter_map(|f| f.jurisdiction.as_ref().map(ToString::to_string))
        .collect()
}

#[test]
fn a_month_between_the_city_stopping_and_the_district_starting_is_a_gap_inside_it_only() {
    let plan = fixture();
    assert!(
        gaps_on(&plan, "2025-02-28").is_empty(),
        "before the first step"
    );
    assert_eq!(
        gaps_on(&plan, "2025-03-01"),
        ["d1", "d2"],
        "on the first step's day"
    );
    assert_eq!(
        gaps_on(&plan, "2025-03-15"),
        ["d1", "d2"],
        "inside the interval"
    );
    assert_eq!(gaps_on(&plan, "2025-03-31"), ["d1", "d2"], "its last day");
    assert!(
        gaps_on(&plan, "2025-04-01").is_empty(),
        "the district takes it up"
    );
    // The whole scenario has no gap of CF-1 either: the gap is the transition's alone.
    let whole = plan
        .state_of(Some(&ScenarioId::new(STAGED)))
        .expect("applies");
    let analysis = Analysis::full_against(&whole, &plan.baseline, &plan.rules);
    assert!(
        !analysis
            .findings()
            .any(|f| f.kind == FindingKind::Gap && f.power == Some(PowerId::new("CF-1")))
    );
}

#[test]
fn the_transition_rule_reports_the_gap_and_the_double_lead_with_their_steps() {
    let plan = fixture();
    let scenario = plan.scenario(&ScenarioId::new(STAGED)).expect("scenario");
    let mut working = plan.baseline.clone();
    let found = transition::findings(&mut working, scenario, &plan.rules).expect("in order");
    assert_eq!(working, plan.baseline, "the working copy is left as it was");
    let described: Vec<String> = found
        .iter()
        .map(|f| {
            assert_eq!(f.rule.as_deref(), Some("transition"));
            assert_eq!(f.kind, FindingKind::Rule);
            let Reason::Rule(RuleMessage::Transition {
                power,
                place,
                doubled,
                from,
                to,
                opened,
                closed,
                ..
            }) = &f.reason
            else {
                panic!("a transition message: {f:?}");
            };
            let what = if *doubled { "twice" } else { "gap" };
            format!(
                "{power} {place} {what} {from}..{to} step {} → {} {}",
                opened.step, closed.step, closed.document
            )
        })
        .collect();
    assert_eq!(
        described,
        [
            "CF-1 d1 gap 2025-03-01..2025-04-01 step 2 → 3 甲编〔2025〕8号",
            "CF-1 d2 gap 2025-03-01..2025-04-01 step 2 → 4 乙编〔2025〕9号",
            "CF-2 d1 twice 2025-05-01..2025-06-01 step 5 → 6 市编委〔2025〕7号",
        ]
    );
    // The message says what the gap is, in both languages, with the documents.
    let state = plan
        .state_of(Some(&ScenarioId::new(STAGED)))
        .expect("applies");
    let zh = found[0].message(&state, Lang::Zh);
    for part in [
        "【过渡期】",
        "2025-03-01",
        "2025-04-01",
        "管理盲区",
        "市编委〔2025〕3号",
        "甲编〔2025〕8号",
    ] {
        assert!(zh.contains(part), "{part} in {zh}");
    }
    assert!(found[2].message(&state, Lang::Zh).contains("多头执法"));
    let en = found[0].message(&state, Lang::En);
    assert!(
        en.contains("[transition]") && en.contains("no lead body"),
        "{en}"
    );
}

#[test]
fn the_transition_rule_can_be_switched_off_like_the_others() {
    let mut plan = fixture();
    let mut setting = Rule::Transition.default_setting();
    assert!(Rule::ALL.contains(&Rule::Transition));
    assert_eq!(Rule::from_id("transition"), Some(Rule::Transition));
    setting.enabled = false;
    plan.rules.set(Rule::Transition, setting);
    let scenario = plan.scenario(&ScenarioId::new(STAGED)).expect("scenario");
    let mut working = plan.baseline.clone();
    assert!(
        transition::findings(&mut working, scenario, &plan.rules)
            .expect("in order")
            .is_empty()
    );
}

#[test]
fn undated_steps_serialise_as_before_and_dated_ones_round_trip() {
    let plan = fixture();
    let text = io::to_text(&plan).expect("serialises");
    assert!(text.contains("version: 3,"));
    assert!(
        text.contains(
            "MoveStaffing(from: \"city-cgj\", to: \"d1-zfj\", kind: admin, count: 2, people: 2),"
        ),
        "an undated step is its bare operation"
    );
    assert!(text.contains(
        "Dated(operation: RemoveHolding(power: \"CF-1\", body: \"city-cgj\"), effective: \"2025-03-01\", document: \"市编委〔2025〕3号\"),"
    ));
    assert!(text.contains(
        "Dated(operation: EditBody(body: \"d2-zfj\", edit: Name(\"乙区综合行政执法大队\")), document: \"乙编〔2025〕1号\"),"
    ), "a document without a date");
    let again = io::load_bytes(text.as_bytes(), "again.ron").expect("reloads");
    assert_eq!(again, plan);
    let steps = &again.scenarios[0].operations;
    assert_eq!(
        steps[1].timing,
        Timing::new(Some(date("2025-03-01")), "市编委〔2025〕3号")
    );
    assert_eq!(steps[0].timing, Timing::new(None, "乙编〔2025〕1号"));
    assert_eq!(steps[6].timing, Timing::default());
}

#[test]
fn the_seed_plan_serialises_as_before_but_for_its_version() {
    let seed =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/seed-plan.ron"))
            .expect("the seed plan file");
    let plan = io::load_bytes(seed.as_bytes(), "seed-plan.ron").expect("loads");
    let text = io::to_text(&plan).expect("serialises");
    let version = |t: &str| {
        t.lines()
            .filter(|l| !l.trim_start().starts_with("version:"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(version(&text), version(&seed));
}

#[test]
fn a_later_dated_step_placed_before_an_earlier_one_that_rests_on_it_is_refused_naming_both() {
    let mut plan = fixture();
    // Step 3 (甲区 takes CF-1 on 04-01) moves to 06-15 but stays before step 5 (05-01), which
    // does not rest on it: fine. Now make step 5's body come from a later step.
    let scenario = &mut plan.scenarios[0];
    scenario.operations.insert(
        0,
        Step::timed(
            Operation::CreateBody { body: new_body() },
            Timing::new(Some(date("2025-07-01")), "甲编〔2025〕20号"),
        ),
    );
    scenario.operations.push(Step::timed(
        Operation::SetHolding {
            holding: shiquan::model::Holding::lead(PowerId::new("CF-2"), BodyId::new("d1-new")),
        },
        Timing::new(Some(date("2025-05-15")), ""),
    ));
    let error = plan
        .state_at(&ScenarioId::new(STAGED), date("2025-06-01"))
        .expect_err("the new body does not exist yet on 06-01");
    let PlanError::Timetable(error) = &error else {
        panic!("{error}");
    };
    assert_eq!((error.step, error.needs), (9, 1), "{error}");
    assert_eq!(error.needs_date, date("2025-07-01"));
    let message = error.to_string();
    assert!(
        message.contains("第 9 步") && message.contains("第 1 步"),
        "{message}"
    );
    // The plan file with it is refused at load, with the same words.
    let text = io::to_text(&plan).expect("serialises");
    let load = io::load_bytes(text.as_bytes(), "order.ron").expect_err("refused");
    assert!(load.to_string().contains("第 1 步"), "{load}");
}

#[test]
fn setting_a_date_is_one_undo_step_and_survives_undo_redo_and_a_save() {
    let mut plan = fixture();
    // Start undated, as a planner would.
    for step in &mut plan.scenarios[0].operations {
        step.timing = Timing::default();
    }
    let mut doc = Document::new(plan);
    doc.switch_to(View::Scenario(STAGED.into())).expect("opens");
    let state = doc.state().clone();
    let march = Timing::new(Some(date("2025-03-01")), "市编委〔2025〕3号");
    assert!(doc.set_timing(1, march.clone()).expect("in order"));
    assert!(doc.is_dirty());
    assert_eq!(doc.state(), &state, "a date changes no state");
    assert_eq!(doc.steps()[1].timing, march);
    assert!(doc.undo());
    assert_eq!(doc.steps()[1].timing, Timing::default());
    assert_eq!(doc.history().cursor(), 7, "undo took the date, not a step");
    assert!(doc.redo());
    assert_eq!(doc.steps()[1].timing, march);
    // Undo order: the date set last goes first, then the steps.
    let april = Timing::new(Some(date("2025-04-01")), "甲编〔2025〕8号");
    assert!(doc.set_timing(2, april.clone()).expect("in order"));
    assert!(doc.undo());
    assert_eq!(doc.steps()[2].timing, Timing::default());
    assert_eq!(doc.steps()[1].timing, march);
    assert!(doc.undo());
    assert_eq!(doc.steps()[1].timing, Timing::default());
    assert!(doc.undo());
    assert_eq!(doc.history().cursor(), 6, "then the last step");
    assert!(doc.redo() && doc.redo() && doc.redo());
    assert_eq!(doc.steps()[1].timing, march);
    assert_eq!(doc.steps()[2].timing, april);
    // Saved and loaded with the dates.
    let text = io::to_text(doc.plan()).expect("serialises");
    let again = io::load_bytes(text.as_bytes(), "saved.ron").expect("reloads");
    assert_eq!(again.scenarios[0].operations[1].timing, march);
    assert_eq!(again.scenarios[0].operations[2].timing, april);
}

#[test]
fn a_step_inserted_before_later_ones_keeps_their_dates() {
    let mut doc = Document::new(fixture());
    doc.switch_to(View::Scenario(STAGED.into())).expect("opens");
    let before = doc.steps();
    doc.jump_to(1);
    doc.apply_at_cursor(
        vec![Operation::EditBody {
            body: BodyId::new("d1-zfj"),
            edit: shiquan::plan::BodyEdit::Name("甲区城管执法局".into()),
        }],
        shiquan::session::LaterSteps::Replay,
    )
    .expect("applies");
    let after = doc.steps();
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(
        after[1].timing,
        Timing::default(),
        "the new step is undated"
    );
    assert_eq!(
        after[2..].iter().map(|s| &s.timing).collect::<Vec<_>>(),
        before[1..].iter().map(|s| &s.timing).collect::<Vec<_>>(),
        "the replayed steps keep their dates"
    );
    assert!(doc.undo());
    assert_eq!(doc.steps(), before);
}

/// A body that 甲区 creates.
fn new_body() -> shiquan::model::Body {
    shiquan::model::Body {
        id: BodyId::new("d1-new"),
        name: "甲区新设机构".to_owned(),
        kind: shiquan::model::BodyKind::Admin,
        jurisdiction: "d1".into(),
        parent: None,
        tags: std::collections::BTreeSet::new(),
        staffing: shiquan::model::Staffing::default(),
        budget_wan: 0,
        standing: None,
        supervisor: None,
    }
}

#[test]
fn a_date_that_puts_a_step_after_one_resting_on_it_is_refused_and_changes_nothing() {
    let mut doc = Document::new(fixture());
    doc.switch_to(View::Scenario(STAGED.into())).expect("opens");
    doc.apply(Operation::CreateBody { body: new_body() })
        .expect("creates");
    doc.apply(Operation::SetHolding {
        holding: shiquan::model::Holding::lead(PowerId::new("CF-2"), BodyId::new("d1-new")),
    })
    .expect("leads");
    let before = doc.steps();
    // The body's creation (step 8) dated later than the undated step 9 that rests on it.
    let late = Timing::new(Some(date("2025-09-01")), "甲编〔2025〕30号");
    let error = doc
        .set_timing(7, late)
        .expect_err("step 9 needs step 8 from the start");
    assert_eq!((error.step, error.needs), (9, 8), "{error}");
    assert_eq!(doc.steps(), before, "nothing changed");
    assert!(doc.history().can_undo());
    assert!(doc.undo());
    assert_eq!(
        doc.history().cursor(),
        before.len() - 1,
        "the undo took the last step, no date"
    );
    // Dated steps that rest on nothing may be dated in any order.
    assert!(
        doc.set_timing(6, Timing::new(Some(date("2025-01-01")), ""))
            .expect("independent")
    );
}

#[test]
fn looking_at_a_date_is_not_an_edit_and_any_edit_comes_back_to_every_step() {
    let mut doc = Document::new(fixture());
    doc.switch_to(View::Scenario(STAGED.into())).expect("opens");
    let whole = doc.state().clone();
    let cursor = doc.history().cursor();
    doc.view_at(Some(date("2025-03-15"))).expect("in order");
    assert_eq!(doc.date(), Some(date("2025-03-15")));
    assert!(!doc.is_dirty(), "looking is not editing");
    assert!(!doc.history().can_redo());
    let gaps = doc
        .analysis()
        .findings()
        .filter(|f| f.kind == FindingKind::Gap)
        .count();
    assert_eq!(gaps, 2, "CF-1 in both districts");
    doc.view_at(None).expect("back");
    assert_eq!(doc.state(), &whole);
    assert_eq!(doc.history().cursor(), cursor);
    // An undo while a date is looked at undoes on the whole scenario.
    doc.view_at(Some(date("2025-03-15"))).expect("in order");
    assert!(doc.undo());
    assert_eq!(doc.date(), None);
    assert_eq!(doc.history().cursor(), cursor - 1);
}

#[test]
fn dates_and_documents_appear_in_the_changes_sheet_of_the_workbook() {
    let plan = fixture();
    let options = ExportOptions {
        scenario: Some(ScenarioId::new(STAGED)),
        ..ExportOptions::default()
    };
    let bytes = export::export_bytes(&plan, ExportFormat::Xlsx, &options).expect("exports");
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(&bytes[..])).expect("reads back");
    let range = book.worksheet_range("变更清单").expect("the changes sheet");
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(Data::to_string).collect())
        .collect();
    let header = rows
        .iter()
        .position(|r| r.first().is_some_and(|c| c == "序号"))
        .expect("a header row");
    assert_eq!(rows[header], ["序号", "操作", "说明", "生效日期", "文号"]);
    let body = &rows[header + 1..];
    assert_eq!(body.len(), 7);
    assert_eq!(body[1][3..], ["2025-03-01", "市编委〔2025〕3号"]);
    assert_eq!(body[0][3..], ["", "乙编〔2025〕1号"]);
    assert_eq!(body[6][3..], ["", ""]);
    // The CSV of the changes and the HTML report carry them too.
    let csv = export::export_bytes(
        &plan,
        ExportFormat::Csv,
        &ExportOptions {
            table: TableKind::Changes,
            ..options.clone()
        },
    )
    .expect("exports");
    let csv = String::from_utf8_lossy(&csv);
    assert!(
        csv.contains("生效日期") && csv.contains("2025-04-01") && csv.contains("甲编〔2025〕8号")
    );
    let html = export::export_bytes(&plan, ExportFormat::Html, &options).expect("exports");
    let html = String::from_utf8_lossy(&html);
    assert!(html.contains("生效日期") && html.contains("市编委〔2025〕7号"));
}

#[test]
fn an_impossible_date_in_a_plan_file_is_a_load_error_that_says_where() {
    let plan = io::to_text(&fixture()).expect("serialises");
    let bad = plan.replacen("2025-03-01", "2025-02-30", 1);
    let line = bad
        .lines()
        .position(|l| l.contains("2025-02-30"))
        .expect("the line")
        + 1;
    let error = io::load_bytes(bad.as_bytes(), "bad.ron").expect_err("refused");
    let message = error.to_string();
    assert!(
        message.starts_with(&format!("bad.ron:{line}:")),
        "{message}"
    );
    assert!(message.contains("2025-02-30"), "{message}");
}

/// The history's steps with their timing, and its cursor: what undo and redo must restore.
fn snapshot(history: &shiquan::session::History) -> (Vec<Step>, usize) {
    (history.steps().collect(), history.cursor())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: proptest::prelude::ProptestConfig::default().cases.max(256),
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Random edits and random timings set on random steps, then every one undone (each
    /// undo gives back the steps, timings and cursor as they were before that edit, the state
    /// as it was) and every one redone (each redo the steps as they were after it).
    #[test]
    fn undo_and_redo_take_back_and_give_again_edits_and_timings_alike(
        seed in proptest::prelude::any::<u64>(),
        actions in 1usize..30,
    ) {
        use crate::common::random::{Rng, random_operation, random_state};
        let mut rng = Rng::new(seed);
        let mut state = random_state(&mut rng);
        let mut history = shiquan::session::History::new();
        let mut snapshots = vec![(snapshot(&history), state.clone())];
        for serial in 0..actions {
            let steps = history.entries().len();
            let done = if steps > 0 && rng.chance(40) {
                let index = rng.below(steps);
                let effective = rng
                    .chance(70)
                    .then(|| PlanDate::from_day_number(738_000 + rng.below(400) as i64));
                let document = if rng.chance(50) { format!("文〔{serial}〕号") } else { String::new() };
                history.retime(index, Timing::new(effective, document)).is_some()
            } else {
                let op = random_operation(&state, &mut rng, serial);
                history.apply(&mut state, op).is_ok()
            };
            if done {
                snapshots.push((snapshot(&history), state.clone()));
            }
        }
        // Undo everything, one step at a time.
        for expected in snapshots.iter().rev().skip(1) {
            proptest::prop_assert!(history.undo_step(&mut state).is_some());
            proptest::prop_assert_eq!(&snapshot(&history).1, &expected.0.1);
            // The steps up to the cursor are those of the snapshot (later ones stay to redo).
            let now = snapshot(&history).0;
            proptest::prop_assert_eq!(&now[..expected.0.1], &expected.0.0[..expected.0.1]);
            proptest::prop_assert_eq!(&state, &expected.1);
        }
        proptest::prop_assert!(!history.can_undo());
        // Redo everything: the steps up to the cursor as they were after each edit, and at
        // the end every step as it was.
        for expected in snapshots.iter().skip(1) {
            proptest::prop_assert!(history.redo_step(&mut state).is_some());
            let (now, cursor) = snapshot(&history);
            proptest::prop_assert_eq!(cursor, expected.0.1);
            proptest::prop_assert_eq!(&now[..cursor], &expected.0.0[..cursor]);
            proptest::prop_assert_eq!(&state, &expected.1);
        }
        if let Some(last) = snapshots.last() {
            proptest::prop_assert_eq!(&snapshot(&history), &last.0);
        }
        proptest::prop_assert!(!history.can_redo());
    }
}

#[test]
fn the_fast_reader_reads_a_dated_plan_as_ron_does() {
    use shiquan::io::plan_file::{fast_records, parse_ron};
    let text = io::to_text(&fixture()).expect("serialises");
    let fast = fast_records::parse(&text).expect("the fast path reads a plan Shiquan wrote");
    let by_ron = parse_ron(&text, "timetable.ron").expect("ron reads it");
    assert_eq!(fast, by_ron);
    assert!(fast.scenarios[0].operations[1].timing.effective.is_some());
}
