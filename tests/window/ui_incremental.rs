//! The window's caches follow edits instead of starting again (issue 6: an edit at province
//! scale must cost a frame's budget), so they must end where starting again would: after every
//! step of random sessions (edits, gestures of several edits, undo, redo, history jumps,
//! searches, filters, new and switched views, rule changes, expanded bodies, other widths),
//! the followed [`Derived`] equals one built from scratch on the same document, its findings
//! rows are the analysis's findings most severe first, and the followed lanes layout equals a
//! fresh [`layout`]. The 分配表's rows (under random filters and sorts) and the coverage
//! matrix's counts, which follow edits too, equal fresh ones and what their definition gives
//! (every passing (power, district), sorted as the table says; every power counted in its
//! field), and the 方案对比's comparison, which reads the current view from the document and
//! keeps other views' replays across a scenario's edits, equals `diff` on the plan as saved
//! (both views replayed). Once through the caches' API on many plans, once through the real
//! app.

#![cfg(feature = "gui")]

use std::collections::{BTreeMap, BTreeSet};

use crate::common::random::{Rng, random_operation, random_state};
use shiquan::analysis::Finding;
use shiquan::generate::{GenerateOptions, generate};
use shiquan::model::{BodyId, JurisdictionId, PowerId, PowerKind, ScenarioId, Touched};
use shiquan::plan::Plan;
use shiquan::plan::Rule;
use shiquan::session::{Document, View};
use shiquan::text::{DiffText, Label, Lang};
use shiquan::ui::cache::FindingTexts;
use shiquan::ui::cache::allocation::{AllocationRows, Status};
use shiquan::ui::cache::comparison::pair;
use shiquan::ui::cache::derived::Derived;
use shiquan::ui::cache::matrix::{Cell, Matrix, MatrixCounts};
use shiquan::ui::canvas::layout::Layout;
use shiquan::ui::command::{Action, Command};
use shiquan::ui::state::{Filters, Tab};
use shiquan::ui::{ScriptedDialogs, ShiquanApp};

/// A small generated province: every operation kind has real targets, and the sample edit of
/// the benchmarks applies.
fn province(seed: u64) -> Plan {
    generate(&GenerateOptions {
        districts: 4,
        powers: 120,
        seed,
        overlap_rate: 0.05,
        gap_rate: 0.03,
    })
}

/// A plan on one of the property tests' random states (streets, sub-bodies, tags).
fn random_plan(rng: &mut Rng) -> Plan {
    let mut plan = Plan::new("增量");
    plan.baseline = random_state(rng);
    plan
}

/// The analysis's findings, most severe first and stable within a severity: the rows' promise.
fn findings_in_list_order(doc: &Document) -> Vec<&Finding> {
    let mut findings: Vec<&Finding> = doc.analysis().findings().collect();
    findings.sort_by_key(|f| f.severity);
    findings
}

/// Asserts that a followed cache equals a fresh one on `doc`, naming the first part that
/// differs.
fn assert_follows(followed: &Derived, doc: &Document, search: &str, filters: &Filters, step: &str) {
    let mut fresh = Derived::default();
    fresh.refresh(doc, search, filters);
    macro_rules! same {
        ($($part:ident),* $(,)?) => {$(
            assert!(
                followed.$part == fresh.$part,
                "{step}: `{}` differs from a fresh cache\nfollowed: {:?}\nfresh:    {:?}",
                stringify!($part),
                followed.$part,
                fresh.$part,
            );
        )*};
    }
    same!(
        finding_counts,
        counts,
        by_body,
        gaps_by_district,
        overlaps_by_district,
        fields,
        tags,
        lane_order,
        bodies_by_jurisdiction,
        moved_powers,
        body_hits,
        power_hits,
        powers_passing,
        bodies_passing,
    );
    assert!(
        followed.baseline_counts() == fresh.baseline_counts(),
        "{step}: the baseline counts differ"
    );
    assert!(
        followed
            .findings
            .iter()
            .eq(findings_in_list_order(doc).into_iter()),
        "{step}: the findings rows are not the analysis's findings, most severe first"
    );
    let by_row = (0..followed.findings.len()).map(|i| followed.findings.get(i));
    assert!(
        by_row.eq(followed.findings.iter().map(Some)),
        "{step}: a row's finding is not the list's"
    );
    assert!(
        *followed == fresh,
        "{step}: the cache's own records differ from a fresh cache's"
    );
}

/// Asserts that the findings list's texts kept across revisions (the first rows shown, each
/// language's own cache) are the texts built afresh: sentence and explanation.
fn assert_texts_as_built(
    kept: &mut [FindingTexts; 2],
    derived: &Derived,
    doc: &Document,
    step: &str,
) {
    for (kept, lang) in kept.iter_mut().zip([Lang::Zh, Lang::En]) {
        let mut fresh = FindingTexts::default();
        for index in 0..derived.shown_findings_len().min(24) {
            let Some((row, f)) = derived.shown_finding(index) else {
                break;
            };
            let (a, b) = (kept.row(row, doc, f, lang), fresh.row(row, doc, f, lang));
            assert_eq!(a.message, b.message, "{step}: row {row}'s sentence");
            assert_eq!(a.why, b.why, "{step}: row {row}'s explanation");
        }
    }
}

/// Asserts that a followed layout equals a fresh one.
fn assert_laid_out_afresh(
    followed: &Layout,
    doc: &Document,
    expanded: &BTreeSet<BodyId>,
    step: &str,
) {
    // Afresh, with the slots the followed layout keeps (a body that left a lane leaves its slot).
    let fresh = followed.relaid(doc.state(), followed.columns(), expanded);
    assert!(
        followed.boxes == fresh.boxes,
        "{step}: the boxes differ from a fresh layout"
    );
    assert!(
        followed.entrusted == fresh.entrusted,
        "{step}: the entrusted links differ: {:?} against {:?}",
        followed.entrusted,
        fresh.entrusted
    );
    assert!(
        *followed == fresh,
        "{step}: the layout differs from a fresh one"
    );
}

/// The table's sort: a column of eight, ascending or descending.
#[derive(Clone, Copy, Debug, Default)]
struct Sort {
    column: usize,
    descending: bool,
}

/// One row of the 分配表, owned.
type OwnedRow = (PowerId, JurisdictionId, Status);

/// The 分配表's rows as the table defines them, built the plain way: every passing power in
/// every (filtered) district with its status, sorted by the column's text, then code, then
/// district (status: then district, then code), reversed when descending.
fn allocation_as_defined(
    doc: &Document,
    derived: &Derived,
    filters: &Filters,
    sort: Sort,
) -> Vec<OwnedRow> {
    let state = doc.state();
    let coverage = &doc.analysis().coverage;
    let before = derived.baseline_coverage(doc);
    let names = |ids: &[BodyId]| {
        let names: Vec<String> = ids
            .iter()
            .map(|b| {
                state
                    .body(b)
                    .or_else(|| doc.baseline().body(b))
                    .map_or_else(|| b.to_string(), |x| x.name.clone())
            })
            .collect();
        names.join("、")
    };
    let mut rows = Vec::new();
    for power in &derived.powers_passing {
        for district in coverage.territories() {
            if filters.district.as_ref().is_some_and(|d| d != district) {
                continue;
            }
            let (now, was) = (
                coverage.leads(power, district),
                before.leads(power, district),
            );
            let status = match now.len() {
                0 => Status::Gap,
                1 if now != was => Status::Changed,
                1 => Status::Ok,
                _ => Status::Overlap,
            };
            if (filters.only_findings && matches!(status, Status::Ok | Status::Changed))
                || (filters.only_changed && now == was)
                || (filters.only_open_opinions && !derived.opinions.row(power, district, now))
            {
                continue;
            }
            rows.push((power.clone(), district.clone(), status));
        }
    }
    let text = |(code, district, _): &OwnedRow| -> String {
        let p = state.power(code).expect("a passing power");
        match sort.column {
            1 => p.name.clone(),
            2 => p.kind.label(Lang::Zh).to_owned(),
            3 => p.field.clone(),
            4 => p.basis.clone(),
            5 => names(before.leads(code, district)),
            6 => names(coverage.leads(code, district)),
            _ => String::new(),
        }
    };
    if sort.column == 7 {
        rows.sort_by(|a, b| (a.2, &a.1, &a.0).cmp(&(b.2, &b.1, &b.0)));
    } else {
        rows.sort_by_cached_key(|r| (text(r), r.0.clone(), r.1.clone()));
    }
    if sort.descending {
        rows.reverse();
    }
    rows
}

/// The matrix as the tab defines it: each power counted in its field's cell of each district
/// by how many bodies lead it there.
fn matrix_as_defined(doc: &Document) -> Matrix {
    let coverage = &doc.analysis().coverage;
    let mut matrix: Matrix = BTreeMap::new();
    for power in doc.state().powers().values() {
        let row = matrix.entry(power.field.clone()).or_default();
        for district in coverage.territories() {
            let cell: &mut Cell = row.entry(district.clone()).or_default();
            match coverage.leads(&power.code, district).len() {
                0 => cell.none += 1,
                1 => cell.once += 1,
                _ => cell.many += 1,
            }
        }
    }
    matrix
}

/// Asserts that followed table rows and matrix counts equal fresh ones and their definitions.
fn assert_tables_follow(
    (rows, matrix): (&AllocationRows, &MatrixCounts),
    doc: &Document,
    derived: &Derived,
    filters: &Filters,
    sort: Sort,
    step: &str,
) {
    let mut fresh = AllocationRows::default();
    fresh.refresh(doc, derived, filters, sort.column, sort.descending);
    let owned = |rows: &AllocationRows| -> Vec<OwnedRow> {
        rows.iter()
            .map(|r| (r.power.clone(), r.district.clone(), r.status))
            .collect()
    };
    let defined = allocation_as_defined(doc, derived, filters, sort);
    assert!(
        owned(rows) == defined,
        "{step}: the table's rows ({sort:?}) are not the defined ones\nfollowed: {:?}\ndefined:  {defined:?}",
        owned(rows)
    );
    assert!(
        *rows == fresh,
        "{step}: the table's rows differ from fresh ones"
    );
    let mut fresh = MatrixCounts::default();
    fresh.follow(doc);
    assert!(
        *matrix.matrix() == matrix_as_defined(doc),
        "{step}: the matrix is not the defined one\nfollowed: {:?}\ndefined:  {:?}",
        matrix.matrix(),
        matrix_as_defined(doc)
    );
    assert!(
        *matrix == fresh,
        "{step}: the matrix counts differ from fresh ones"
    );
}

/// Random filters over what the state holds.
fn random_filters(doc: &Document, rng: &mut Rng) -> Filters {
    let state = doc.state();
    let fields: Vec<String> = state.powers().values().map(|p| p.field.clone()).collect();
    let tags: Vec<String> = state
        .bodies()
        .values()
        .flat_map(|b| b.tags.iter().cloned())
        .collect();
    let districts: Vec<_> = state.districts().map(|d| d.id.clone()).collect();
    Filters {
        field: rng.chance(30).then(|| rng.pick(&fields).cloned()).flatten(),
        kind: rng
            .chance(20)
            .then(|| PowerKind::ALL[rng.below(PowerKind::ALL.len())]),
        tag: rng.chance(20).then(|| rng.pick(&tags).cloned()).flatten(),
        only_findings: rng.chance(30),
        district: rng
            .chance(20)
            .then(|| rng.pick(&districts).cloned())
            .flatten(),
        only_changed: rng.chance(20),
        finding_kind: rng.chance(20).then(|| {
            use shiquan::analysis::FindingKind;
            [FindingKind::Overlap, FindingKind::Gap, FindingKind::Rule][rng.below(3)]
        }),
        only_open_opinions: rng.chance(10),
    }
}

/// A random edit of the review opinions (issue 19): an open opinion on a body, a power or a
/// finding of the view, or the first opinion answered. It touches no record, yet changes which
/// rows 「只看有待处理意见的」 shows.
fn review_edit(doc: &mut Document, rng: &mut Rng) -> String {
    use shiquan::plan::{Opinion, OpinionId, OpinionStatus, PlanDate, Target};
    if rng.chance(30)
        && let Some(first) = doc.opinions().first().map(|o| o.id.clone())
    {
        let result = doc.answer_opinion(&first, OpinionStatus::Adopted, None);
        return format!("answer {first} → {result:?}");
    }
    let state = doc.state();
    let bodies: Vec<BodyId> = state.bodies().keys().cloned().collect();
    let powers: Vec<_> = state.powers().keys().cloned().collect();
    let findings: Vec<_> = doc
        .analysis()
        .findings()
        .map(shiquan::analysis::Finding::key)
        .collect();
    let target = match rng.below(3) {
        0 => rng.pick(&bodies).cloned().map(Target::Body),
        1 => rng.pick(&powers).cloned().map(Target::Power),
        _ => rng.pick(&findings).cloned().map(Target::Finding),
    };
    let Some(target) = target else {
        return "no opinion: nothing to write on".into();
    };
    let opinion = Opinion {
        id: OpinionId(String::new()),
        scenario: doc.view().scenario().cloned(),
        target: target.clone(),
        office: "法制办".into(),
        text: "意见".into(),
        status: OpinionStatus::Pending,
        date: PlanDate::parse("2026-03-02").expect("a date"),
        answer: None,
    };
    format!("opinion on {target:?} → {:?}", doc.add_opinion(opinion))
}

/// A random search: nothing, a common character, initials, a body's name, a code's start.
fn random_search(doc: &Document, rng: &mut Rng) -> String {
    let names: Vec<String> = doc
        .state()
        .bodies()
        .values()
        .map(|b| b.name.clone())
        .collect();
    match rng.below(5) {
        0 => String::new(),
        1 => "局".into(),
        2 => "cgj".into(),
        3 => rng.pick(&names).cloned().unwrap_or_default(),
        _ => "P0".into(),
    }
}

/// Flips one rule on or off.
fn toggle_a_rule(doc: &mut Document, rng: &mut Rng) {
    let mut rules = doc.plan_unsynced().rules.clone();
    let rule = Rule::ALL[rng.below(Rule::ALL.len())];
    let mut setting = rules.setting(rule);
    setting.enabled = !setting.enabled;
    rules.set(rule, setting);
    doc.set_rules(rules);
}

/// Switches to the baseline, to a scenario, or to a new one.
fn change_view(doc: &mut Document, rng: &mut Rng, serial: usize) -> String {
    let scenarios: Vec<ScenarioId> = doc
        .plan_unsynced()
        .scenarios
        .iter()
        .map(|s| s.id.clone())
        .collect();
    match rng.below(4) {
        0 => {
            let id = ScenarioId::new(format!("s{serial}"));
            let _ = doc.new_scenario(id.clone(), format!("方案{serial}"));
            format!("new scenario {id}")
        }
        1 if doc.view().scenario().is_some() => {
            let id = doc.view().scenario().cloned().expect("a scenario");
            let _ = doc.rename_scenario(&id, format!("改名{serial}"));
            format!("rename scenario {id}")
        }
        2 => {
            let _ = doc.switch_to(View::Baseline);
            "switch to the baseline".into()
        }
        _ => match rng.pick(&scenarios).cloned() {
            Some(id) => {
                let _ = doc.switch_to(View::Scenario(id.clone()));
                format!("switch to {id}")
            }
            None => "no scenario to switch to".into(),
        },
    }
}

/// One random session on `plan`: after each step (or, now and then, after two), the followed
/// caches equal fresh ones.
fn session(plan: Plan, rng: &mut Rng, steps: usize) {
    let mut doc = Document::new(plan);
    let mut derived = Derived::default();
    let mut laid_out = Layout::default();
    let mut laid_out_at: Option<u64> = None;
    let mut texts = [FindingTexts::default(), FindingTexts::default()];
    let mut search = String::new();
    let mut filters = Filters::default();
    let mut columns = 5;
    let mut expanded: BTreeSet<BodyId> = BTreeSet::new();
    let mut rows = AllocationRows::default();
    let mut matrix = MatrixCounts::default();
    let mut sort = Sort::default();
    let mut log = Vec::new();
    for serial in 0..steps {
        let what = match rng.below(22) {
            0..=9 => {
                let op = random_operation(doc.state(), rng, serial);
                let result = doc.apply(op.clone());
                format!("{op:?} → {:?}", result.map_err(|e| e.to_string()))
            }
            10 => {
                let ops: Vec<_> = (0..2 + rng.below(2))
                    .map(|i| random_operation(doc.state(), rng, serial * 10 + i))
                    .collect();
                let result = doc.apply_all(ops.clone());
                format!(
                    "gesture {ops:?} → {:?}",
                    result.map_err(|(i, e)| (i, e.to_string()))
                )
            }
            11 => format!("undo → {}", doc.undo()),
            12 => format!("redo → {}", doc.redo()),
            13 => {
                let step = rng.below(doc.history().entries().len() + 1);
                doc.jump_to(step);
                format!("jump to {step}")
            }
            14 => {
                search = random_search(&doc, rng);
                format!("search {search:?}")
            }
            15 => {
                filters = random_filters(&doc, rng);
                format!("filters {filters:?}")
            }
            16 => change_view(&mut doc, rng, serial),
            17 => {
                toggle_a_rule(&mut doc, rng);
                "rules changed".into()
            }
            18 => {
                let bodies: Vec<BodyId> = doc.state().bodies().keys().cloned().collect();
                if let Some(b) = rng.pick(&bodies)
                    && !expanded.remove(b)
                {
                    expanded.insert(b.clone());
                }
                format!("expanded {expanded:?}")
            }
            19 => {
                columns = 3 + rng.below(6);
                format!("{columns} columns")
            }
            20 => review_edit(&mut doc, rng),
            _ => {
                // The default sort most of the time, as the table opens.
                sort = Sort {
                    column: if rng.chance(50) { 0 } else { rng.below(8) },
                    descending: rng.chance(30),
                };
                format!("sort {sort:?}")
            }
        };
        log.push(what);
        // Now and then two steps pass before the caches catch up, as between two frames.
        if rng.chance(15) {
            continue;
        }
        let step = format!("step {serial}: {}", log.join(" ; "));
        derived.refresh(&doc, &search, &filters);
        assert_follows(&derived, &doc, &search, &filters, &step);
        assert_texts_as_built(&mut texts, &derived, &doc, &step);
        // As the canvas does it: by what changed and the lead holdings gained and lost.
        match laid_out_at.and_then(|r| doc.changes_since(r)) {
            Some(changes) => laid_out.follow(
                doc.state(),
                columns,
                &expanded,
                &changes.touched,
                Some(&changes.leads),
            ),
            None => laid_out.update(doc.state(), columns, &expanded, &Touched::All),
        }
        laid_out_at = Some(doc.revision());
        assert_laid_out_afresh(&laid_out, &doc, &expanded, &step);
        rows.refresh(&doc, &derived, &filters, sort.column, sort.descending);
        matrix.follow(&doc);
        assert_tables_follow((&rows, &matrix), &doc, &derived, &filters, sort, &step);
        log.clear();
    }
}

#[test]
fn followed_caches_equal_fresh_ones_on_random_plans() {
    for seed in 0..24 {
        let mut rng = Rng::new(seed);
        let plan = random_plan(&mut rng);
        session(plan, &mut rng, 60);
    }
}

#[test]
fn followed_caches_equal_fresh_ones_on_a_generated_province() {
    for seed in 1..=2 {
        let mut rng = Rng::new(seed);
        session(province(seed), &mut rng, 120);
    }
}

/// The app's caches after it has drawn: the derived numbers and the lanes layout.
fn assert_app_follows(app: &ShiquanApp, step: &str) {
    let state = app.ui_state();
    assert_follows(
        app.derived(),
        app.document(),
        &state.search,
        &state.filters,
        step,
    );
    let followed = &app.canvas().layout;
    assert!(followed.columns() > 0, "{step}: the lanes were drawn");
    assert_laid_out_afresh(followed, app.document(), &state.canvas.expanded, step);
}

#[test]
fn the_window_follows_edits_undo_redo_and_views_as_a_fresh_window_would_see_them() {
    let plan = province(3);
    let sample = shiquan::generate::sample_operation(&plan.baseline).expect("a sample edit");
    let mut h = crate::helpers::harness(plan, ScriptedDialogs::default());
    h.run();
    assert_app_follows(h.state(), "opened");
    let mut rng = Rng::new(3);
    // The biggest body is expanded, as the benchmark's edit row has it.
    let biggest = {
        let layout = &h.state().canvas().layout;
        layout
            .boxes
            .iter()
            .max_by_key(|b| b.leads + b.others)
            .map(|b| b.id.clone())
            .expect("a body")
    };
    h.state_mut().ui_state_mut().canvas.expanded.insert(biggest);
    h.run();
    assert_app_follows(h.state(), "expanded the biggest body");
    for serial in 0..40 {
        let command = match rng.below(10) {
            0 | 1 => Action::ApplyAll(vec![sample.clone()]),
            2..=4 => {
                let op = random_operation(h.state().document().state(), &mut rng, serial);
                Action::ApplyAll(vec![op])
            }
            5 => Command::Undo.into(),
            6 => Command::Redo.into(),
            7 => Action::JumpTo(rng.below(h.state().document().history().entries().len() + 1)),
            8 => {
                let doc = h.state().document();
                let search = random_search(doc, &mut rng);
                h.state_mut().ui_state_mut().search = search;
                Command::Redo.into()
            }
            _ => {
                let doc = h.state().document();
                let filters = random_filters(doc, &mut rng);
                h.state_mut().ui_state_mut().filters = filters;
                Command::Undo.into()
            }
        };
        let step = format!("command {serial}: {command:?}");
        h.state_mut().push(command);
        h.run();
        assert_app_follows(h.state(), &step);
    }
    h.state_mut().push(Action::CreateScenario {
        name: "方案".into(),
        duplicate: false,
    });
    h.run();
    assert_app_follows(h.state(), "a new scenario");
    for serial in 0..10 {
        let op = random_operation(h.state().document().state(), &mut rng, 100 + serial);
        h.state_mut().push(Action::ApplyAll(vec![op]));
        h.run();
        assert_app_follows(h.state(), &format!("scenario edit {serial}"));
    }
    h.state_mut().push(Action::SwitchView(View::Baseline));
    h.run();
    assert_app_follows(h.state(), "back to the baseline");
}

#[test]
fn the_window_s_table_and_matrix_follow_edits_as_fresh_ones_would_see_them() {
    let plan = province(4);
    let sample = shiquan::generate::sample_operation(&plan.baseline).expect("a sample edit");
    let mut h = crate::helpers::harness(plan, ScriptedDialogs::default());
    let mut rng = Rng::new(4);
    for serial in 0..40 {
        let command = match rng.below(8) {
            0 | 1 => Action::ApplyAll(vec![sample.clone()]),
            2 | 3 => {
                let op = random_operation(h.state().document().state(), &mut rng, serial);
                Action::ApplyAll(vec![op])
            }
            4 => Command::Undo.into(),
            5 => Command::Redo.into(),
            6 => {
                let table = &mut h.state_mut().ui_state_mut().table;
                table.sort_column = rng.below(8);
                table.descending = rng.chance(30);
                Command::Undo.into()
            }
            _ => {
                let filters = random_filters(h.state().document(), &mut rng);
                h.state_mut().ui_state_mut().filters = filters;
                Command::Redo.into()
            }
        };
        let step = format!("command {serial}: {command:?}");
        h.state_mut().push(command);
        // Each tab follows the document while it is shown.
        for tab in [Tab::Allocation, Tab::Matrix] {
            h.state_mut().ui_state_mut().tab = tab;
            h.run();
        }
        let app = h.state();
        let state = app.ui_state();
        let sort = Sort {
            column: state.table.sort_column,
            descending: state.table.descending,
        };
        assert_tables_follow(
            (&app.caches().allocation.rows, &app.caches().matrix),
            app.document(),
            app.derived(),
            &state.filters,
            sort,
            &step,
        );
    }
}

/// The plan as the document would save it now: the current view's edits written back.
fn plan_as_saved(doc: &Document) -> Plan {
    let mut plan = doc.plan_unsynced().clone();
    match doc.view() {
        View::Baseline => plan.baseline = doc.state().clone(),
        View::Scenario(id) => {
            let operations = doc.history().steps().take(doc.history().cursor()).collect();
            if let Some(s) = plan.scenarios.iter_mut().find(|s| &s.id == id) {
                s.operations = operations;
            }
        }
    }
    plan
}

/// Asserts that the window's comparison is `diff` on the plan as saved, both views replayed.
fn assert_comparison_as_replayed(app: &ShiquanApp, step: &str) {
    let doc = app.document();
    let state = app.ui_state();
    let (from, to) = pair(doc, state.compare_pair.as_ref());
    let plan = plan_as_saved(doc);
    let id = |v: &View| {
        v.scenario()
            .map_or("baseline".to_owned(), ToString::to_string)
    };
    let replayed = (|| {
        let (a, a_ops) = plan.state_and_operations(from.scenario())?;
        let (b, b_ops) = plan.state_and_operations(to.scenario())?;
        let d = shiquan::analysis::diff::diff(
            (&id(&from), &a, &a_ops),
            (&id(&to), &b, &b_ops),
            &plan.rules,
        );
        let headline = d.headline(&a, &b, state.lang);
        Ok::<_, shiquan::plan::PlanError>((d, headline))
    })();
    let shown = app
        .caches()
        .comparison
        .result
        .as_ref()
        .expect("a comparison");
    match (shown, replayed) {
        (Ok(c), Ok((d, headline))) => {
            assert!(
                c.diff == d,
                "{step}: the comparison of {from:?} and {to:?} differs from a replayed one\nshown:    {:?}\nreplayed: {d:?}",
                c.diff
            );
            assert_eq!(c.headline, headline, "{step}: the headline differs");
        }
        (Err(_), Err(_)) => {}
        (shown, replayed) => panic!(
            "{step}: shown {:?}, replayed {:?}",
            shown.as_ref().map(|c| &c.headline),
            replayed.map(|r| r.1)
        ),
    }
}

#[test]
fn the_window_s_comparison_equals_a_replayed_one_through_edits_and_views() {
    let plan = province(5);
    let sample = shiquan::generate::sample_operation(&plan.baseline).expect("a sample edit");
    let mut h = crate::helpers::harness(plan, ScriptedDialogs::default());
    h.state_mut().ui_state_mut().tab = Tab::Compare;
    h.run();
    let mut rng = Rng::new(5);
    for serial in 0..40 {
        let command = match rng.below(10) {
            0 | 1 => Action::ApplyAll(vec![sample.clone()]),
            2..=4 => {
                let op = random_operation(h.state().document().state(), &mut rng, serial);
                Action::ApplyAll(vec![op])
            }
            5 => Command::Undo.into(),
            6 => Command::Redo.into(),
            7 => Action::CreateScenario {
                name: format!("方案{serial}"),
                duplicate: rng.chance(50),
            },
            8 => {
                let views = h.state().document().views();
                Action::SwitchView(rng.pick(&views).cloned().expect("the baseline"))
            }
            _ => {
                // Another pair: two of the views, or the default one.
                let views = h.state().document().views();
                let chosen = rng.chance(70).then(|| {
                    let a = rng.pick(&views).cloned().expect("the baseline");
                    let b = rng.pick(&views).cloned().expect("the baseline");
                    (a, b)
                });
                h.state_mut().ui_state_mut().compare_pair = chosen;
                Command::Undo.into()
            }
        };
        let step = format!("command {serial}: {command:?}");
        h.state_mut().push(command);
        h.run();
        assert_comparison_as_replayed(h.state(), &step);
    }
}

/// Sorted by the lead bodies' names before the scenario, a row can name a body that no longer
/// holds its power in the scenario: renaming that body there changes the row's place though
/// no power it holds was touched. The table must then sort again, not follow.
#[test]
fn the_table_by_names_sorts_again_when_a_body_left_behind_is_renamed() {
    use shiquan::model::Holding;
    use shiquan::plan::{BodyEdit, Operation};

    let plan = province(11);
    let mut doc = Document::new(plan);
    let id = ScenarioId::new("by-names");
    doc.new_scenario(id.clone(), "按名称".into())
        .expect("a new scenario");
    doc.switch_to(View::Scenario(id)).expect("the scenario");
    // A district body that leads a power, and that power's row in its district.
    let lead: Holding = doc
        .state()
        .holdings()
        .find(|h| {
            h.role.is_lead()
                && doc
                    .state()
                    .body(&h.body)
                    .is_some_and(|b| b.jurisdiction.as_str() != "city")
        })
        .cloned()
        .expect("a district lead");
    doc.apply(Operation::RemoveHolding {
        power: lead.power.clone(),
        body: lead.body.clone(),
    })
    .expect("the holding goes");
    let filters = Filters::default();
    let mut derived = Derived::default();
    let mut rows = AllocationRows::default();
    for (name, descending) in [("一", false), ("龟", false), ("一", true), ("龟", true)] {
        derived.refresh(&doc, "", &filters);
        rows.refresh(&doc, &derived, &filters, 5, descending);
        doc.apply(Operation::EditBody {
            body: lead.body.clone(),
            edit: BodyEdit::Name(format!("{name}{descending}")),
        })
        .expect("renamed");
        derived.refresh(&doc, "", &filters);
        rows.refresh(&doc, &derived, &filters, 5, descending);
        let sort = Sort {
            column: 5,
            descending,
        };
        let defined = allocation_as_defined(&doc, &derived, &filters, sort);
        let followed: Vec<OwnedRow> = rows
            .iter()
            .map(|r| (r.power.clone(), r.district.clone(), r.status))
            .collect();
        assert!(followed == defined, "renamed to {name} ({descending})");
    }
}

/// An edit within one district (a transfer between two of its bodies, a grant to its streets,
/// their undo and redo) moves the rows of its area only, in the orders that interleave powers
/// (before and after names, status); the rows must still be those a fresh table has, with and
/// without a filter that drops rows, in the baseline and in a scenario (where rows change).
#[test]
fn the_orders_that_interleave_powers_follow_an_edit_within_one_district() {
    use shiquan::generate::{StreetOptions, generate_province, sample_grant, sample_operation};

    let plan = generate_province(
        &GenerateOptions {
            districts: 3,
            powers: 160,
            seed: 5,
            overlap_rate: 0.05,
            gap_rate: 0.03,
        },
        &StreetOptions {
            per_district: 3,
            ..StreetOptions::default()
        },
    );
    let transfer = sample_operation(&plan.baseline).expect("the sample transfer");
    let grant = sample_grant(&plan.baseline, 4).expect("the sample grant");
    for scenario in [false, true] {
        for column in [5, 6, 7] {
            for only_findings in [false, true] {
                let mut doc = Document::new(plan.clone());
                if scenario {
                    let id = ScenarioId::new("area");
                    doc.new_scenario(id.clone(), "区内".into())
                        .expect("a new scenario");
                    doc.switch_to(View::Scenario(id)).expect("the scenario");
                }
                let filters = Filters {
                    only_findings,
                    ..Filters::default()
                };
                let sort = Sort {
                    column,
                    descending: false,
                };
                let (mut derived, mut rows, mut matrix) = (
                    Derived::default(),
                    AllocationRows::default(),
                    MatrixCounts::default(),
                );
                let mut follow = |doc: &mut Document, what: &str| {
                    derived.refresh(doc, "", &filters);
                    rows.refresh(doc, &derived, &filters, column, false);
                    matrix.follow(doc);
                    let step =
                        format!("{what} (scenario {scenario}, column {column}, {filters:?})");
                    assert_tables_follow((&rows, &matrix), doc, &derived, &filters, sort, &step);
                };
                follow(&mut doc, "built");
                doc.apply(transfer.clone()).expect("the transfer applies");
                follow(&mut doc, "transfer");
                doc.apply(grant.clone()).expect("the grant applies");
                follow(&mut doc, "grant");
                assert!(doc.undo(), "the grant undone");
                follow(&mut doc, "grant undone");
                assert!(doc.undo(), "the transfer undone");
                follow(&mut doc, "transfer undone");
                assert!(doc.redo(), "the transfer redone");
                follow(&mut doc, "transfer redone");
            }
        }
    }
}
