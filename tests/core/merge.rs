//! The three-way merge of plan files (issue 19) on the seed plan: independent edits merge clean
//! and equal the two edits applied in turn; one field changed differently on both sides is a
//! conflict at that field, holding ours (or the side chosen); a step whose body the other side
//! abolished (in the baseline or earlier in the same scenario) no longer applies and is left
//! out; a record one side deleted and the other refers to is kept; a copy merged with itself
//! comes back byte for byte; the tree the merge walks gives back every record.

use shiquan::io::{self, plan_file::PlanFile};
use shiquan::merge::{self, ConflictKind, Side, tree};
use shiquan::model::{BodyId, Holding, PowerId, Staffing};
use shiquan::plan::{BodyEdit, Operation, Plan, PowerEdit, TransferMode};

pub fn seed() -> Plan {
    io::seed::seed_plan().expect("the seed plan loads")
}

pub fn file(plan: &Plan) -> PlanFile {
    PlanFile::of_plan(plan)
}

/// Applies an edit to a plan's baseline; the plan must still load.
pub fn edit_baseline(plan: &mut Plan, op: impl Into<Operation>) {
    let op: Operation = op.into();
    op.apply(&mut plan.baseline).expect("the edit applies");
    io::plan_file::check_plan_scenarios(plan, "edited").expect("the edited plan loads");
}

/// Appends a step to a scenario; it must apply.
pub fn append(plan: &mut Plan, scenario: &str, op: Operation) {
    let id = plan
        .find_state(scenario)
        .expect("a scenario")
        .expect("not the baseline");
    let mut state = plan.state_of(Some(&id)).expect("the scenario applies");
    op.apply(&mut state).expect("the step applies");
    let s = plan
        .scenarios
        .iter_mut()
        .find(|s| s.id == id)
        .expect("found");
    s.operations.push(op.into());
}

fn rename(body: &str, name: &str) -> Operation {
    Operation::EditBody {
        body: BodyId::new(body),
        edit: BodyEdit::Name(name.to_owned()),
    }
}

fn staffing(plan: &Plan, body: &str, admin: u32) -> Operation {
    let before = plan
        .baseline
        .body(&BodyId::new(body))
        .expect("a body")
        .staffing;
    Operation::EditBody {
        body: BodyId::new(body),
        edit: BodyEdit::Staffing(Staffing { admin, ..before }),
    }
}

fn merged(base: &Plan, ours: &Plan, theirs: &Plan) -> merge::Merged {
    merge::merge(&file(base), &file(ours), &file(theirs)).expect("the merge holds together")
}

#[test]
fn independent_edits_merge_clean_and_equal_the_two_edits_applied_in_turn() {
    let base = seed();
    let power = base
        .baseline
        .powers()
        .keys()
        .next()
        .expect("a power")
        .clone();
    let ours_edits = vec![rename("city-zjj", "市住房和城乡建设委员会")];
    let theirs_edits = vec![
        staffing(&base, "city-zjj", 52),
        Operation::EditPower {
            power: power.clone(),
            edit: PowerEdit::Basis("《城市市容和环境卫生管理条例》第三十四条".into()),
        },
    ];
    let ours_step = rename("district-a-cgj", "甲区城市管理和综合执法局");
    let theirs_step = staffing(&base, "city-cgj", 3);
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let mut in_turn = base.clone();
    for op in &ours_edits {
        edit_baseline(&mut ours, op.clone());
        edit_baseline(&mut in_turn, op.clone());
    }
    for op in &theirs_edits {
        edit_baseline(&mut theirs, op.clone());
        edit_baseline(&mut in_turn, op.clone());
    }
    append(&mut ours, "street-grant", ours_step.clone());
    append(&mut theirs, "street-grant", theirs_step.clone());
    append(&mut in_turn, "street-grant", ours_step);
    append(&mut in_turn, "street-grant", theirs_step);

    let result = merged(&base, &ours, &theirs);
    assert!(result.is_clean(), "{:#?}", result.conflicts);
    assert_eq!(result.plan_file(), file(&in_turn));
    let body = result
        .plan
        .baseline
        .body(&BodyId::new("city-zjj"))
        .expect("kept");
    assert_eq!(body.name, "市住房和城乡建设委员会", "ours' rename kept");
    assert_eq!(body.staffing.admin, 52, "theirs' staffing kept beside it");
}

#[test]
fn the_same_body_renamed_differently_is_a_conflict_naming_its_id_holding_ours() {
    let base = seed();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    edit_baseline(&mut ours, rename("city-zjj", "市住建委"));
    edit_baseline(&mut theirs, rename("city-zjj", "市建设局"));
    let result = merged(&base, &ours, &theirs);
    assert_eq!(result.conflicts.len(), 1, "{:#?}", result.conflicts);
    let conflict = &result.conflicts[0];
    assert_eq!(conflict.place.to_string(), "baseline.bodies[city-zjj].name");
    assert_eq!(conflict.kind, ConflictKind::BothChanged);
    let text = |n: &Option<tree::Node>| n.as_ref().map(tree::Node::to_ron);
    assert_eq!(
        text(&conflict.base).as_deref(),
        Some("\"市住房和城乡建设局\"")
    );
    assert_eq!(text(&conflict.ours).as_deref(), Some("\"市住建委\""));
    assert_eq!(text(&conflict.theirs).as_deref(), Some("\"市建设局\""));
    assert_eq!(conflict.held, Some(Side::Ours));
    let name = |m: &merge::Merged| m.plan.baseline.body_name(&BodyId::new("city-zjj"));
    assert_eq!(name(&result), "市住建委");

    // The window's way: merge again with a side chosen per conflict.
    let chosen = merge::merge_with(&file(&base), &file(&ours), &file(&theirs), &|c| {
        if matches!(c.place.0.last(), Some(merge::Step::Field("name"))) {
            Side::Theirs
        } else {
            Side::Ours
        }
    })
    .expect("the merge holds together");
    assert_eq!(name(&chosen), "市建设局");
    assert_eq!(chosen.conflicts[0].held, Some(Side::Theirs));
    let kept_base = merge::merge_with(&file(&base), &file(&ours), &file(&theirs), &|_| Side::Base)
        .expect("the merge holds together");
    assert_eq!(name(&kept_base), "市住房和城乡建设局");
}

/// A body that leads a power, that no scenario names and whose abolition in the baseline
/// leaves the seed plan loading, with a power it leads and a body of its level to take it.
fn abolishable(plan: &Plan) -> (BodyId, PowerId, BodyId) {
    let named = format!("{:?}", plan.scenarios);
    for body in plan.baseline.bodies().values() {
        if named.contains(&format!("\"{}\"", body.id)) {
            continue;
        }
        let Some(power) = plan.baseline.powers_of_body(&body.id).find(|p| {
            plan.baseline
                .holding(p, &body.id)
                .is_some_and(|h| h.role.is_lead())
        }) else {
            continue;
        };
        let Some(to) =
            plan.baseline.bodies().values().find(|b| {
                b.id != body.id && b.jurisdiction == body.jurisdiction && b.parent.is_none()
            })
        else {
            continue;
        };
        let mut trial = plan.clone();
        if (Operation::AbolishBody {
            body: body.id.clone(),
        })
        .apply(&mut trial.baseline)
        .is_ok()
            && io::plan_file::check_plan_scenarios(&trial, "trial").is_ok()
        {
            return (body.id.clone(), power.clone(), to.id.clone());
        }
    }
    panic!("the seed plan has a body to abolish");
}

/// A lead holding of a power and a body that no scenario names.
fn unnamed_lead(plan: &Plan) -> Holding {
    let named = format!("{:?}", plan.scenarios);
    plan.baseline
        .holdings()
        .find(|h| {
            h.role.is_lead()
                && h.cases.is_none()
                && !named.contains(&format!("\"{}\"", h.power))
                && !named.contains(&format!("\"{}\"", h.body))
        })
        .expect("a holding no scenario names")
        .clone()
}

#[test]
fn a_step_whose_body_the_other_side_abolished_in_the_baseline_is_a_conflict_and_left_out() {
    let base = seed();
    let (body, power, to) = abolishable(&base);
    let transfer = Operation::TransferPower {
        power,
        from: body.clone(),
        to,
        mode: TransferMode::Transfer,
        approval: None,
    };
    let mut ours = base.clone();
    append(&mut ours, "street-grant", transfer.clone());
    let mut theirs = base.clone();
    edit_baseline(&mut theirs, Operation::AbolishBody { body: body.clone() });

    let result = merged(&base, &ours, &theirs);
    let steps = base
        .scenario(&"street-grant".into())
        .expect("a scenario")
        .operations
        .len();
    assert_eq!(result.conflicts.len(), 1, "{:#?}", result.conflicts);
    let conflict = &result.conflicts[0];
    let ConflictKind::NoLongerApplies {
        scenario,
        step,
        refusal,
    } = &conflict.kind
    else {
        panic!("not a step that no longer applies: {conflict:?}");
    };
    assert_eq!(scenario.as_str(), "street-grant");
    assert_eq!(*step, steps + 1);
    assert!(
        refusal.contains(body.as_str()),
        "the refusal names the body: {refusal}"
    );
    assert_eq!(
        conflict.place.to_string(),
        format!("scenarios[street-grant].operations[{}]", steps + 1)
    );
    assert!(conflict.ours.is_some() && conflict.theirs.is_none() && conflict.base.is_none());
    assert_eq!(conflict.held, None, "the step is left out");
    assert!(
        result.plan.baseline.body(&body).is_none(),
        "theirs' abolition kept"
    );
    let merged_steps = &result
        .plan
        .scenario(&"street-grant".into())
        .expect("kept")
        .operations;
    assert_eq!(merged_steps.len(), steps, "the step is left out");
    // The merged plan loads as written.
    let text = io::to_text(&result.plan).expect("writes");
    io::load_bytes(text.as_bytes(), "merged.ron").expect("the merged plan loads");
}

#[test]
fn a_step_whose_body_the_other_side_abolished_earlier_in_the_scenario_is_a_conflict() {
    let base = seed();
    let (body, power, to) = abolishable(&base);
    let mut ours = base.clone();
    append(
        &mut ours,
        "street-grant",
        Operation::TransferPower {
            power,
            from: body.clone(),
            to,
            mode: TransferMode::Transfer,
            approval: None,
        },
    );
    let mut theirs = base.clone();
    let abolish = Operation::AbolishBody { body: body.clone() };
    let s = theirs
        .scenarios
        .iter_mut()
        .find(|s| s.id.as_str() == "street-grant")
        .expect("found");
    s.operations.insert(0, abolish.clone().into());
    io::plan_file::check_plan_scenarios(&theirs, "theirs").expect("theirs loads");

    let result = merged(&base, &ours, &theirs);
    let kinds: Vec<_> = result.conflicts.iter().map(|c| c.kind.id()).collect();
    assert_eq!(kinds, ["no_longer_applies"], "{:#?}", result.conflicts);
    let steps = &result
        .plan
        .scenario(&"street-grant".into())
        .expect("kept")
        .operations;
    assert_eq!(
        steps.first().map(|s| &s.operation),
        Some(&abolish),
        "theirs' step kept at its place"
    );
}

#[test]
fn a_record_deleted_on_one_side_and_referred_to_by_the_other_is_kept_and_reported() {
    let base = seed();
    let power = unnamed_lead(&base).power;
    let holder = base
        .baseline
        .bodies()
        .keys()
        .find(|b| base.baseline.holding(&power, b).is_none())
        .expect("a body that does not hold it")
        .clone();
    let mut ours = base.clone();
    edit_baseline(
        &mut ours,
        Operation::RemovePower {
            power: power.clone(),
        },
    );
    let mut theirs = base.clone();
    let mut holding = Holding::lead(power.clone(), holder.clone());
    holding.role = shiquan::model::Role::Assist;
    edit_baseline(&mut theirs, Operation::SetHolding { holding });

    let result = merged(&base, &ours, &theirs);
    let restored: Vec<_> = result
        .conflicts
        .iter()
        .filter(|c| {
            matches!(
                c.kind,
                ConflictKind::Restored {
                    deleted_by: Side::Ours,
                    ..
                }
            )
        })
        .collect();
    assert_eq!(restored.len(), 1, "{:#?}", result.conflicts);
    assert_eq!(
        restored[0].place.to_string(),
        format!("baseline.powers[{power}]")
    );
    assert!(
        result.plan.baseline.power(&power).is_some(),
        "the power is kept"
    );
    assert!(
        result.plan.baseline.holding(&power, &holder).is_some(),
        "theirs' holding too"
    );
}

#[test]
fn a_scenario_deleted_on_one_side_and_renamed_on_the_other_is_a_conflict() {
    let base = seed();
    let mut ours = base.clone();
    ours.scenarios.retain(|s| s.id.as_str() != "street-grant");
    let mut theirs = base.clone();
    theirs
        .scenarios
        .iter_mut()
        .find(|s| s.id.as_str() == "street-grant")
        .expect("found")
        .name = "街道赋权（第二稿）".into();
    let result = merged(&base, &ours, &theirs);
    assert_eq!(result.conflicts.len(), 1, "{:#?}", result.conflicts);
    assert_eq!(
        result.conflicts[0].place.to_string(),
        "scenarios[street-grant]"
    );
    assert_eq!(
        result.conflicts[0].kind,
        ConflictKind::DeletedAndChanged {
            deleted_by: Side::Ours
        }
    );
    assert!(
        result.plan.scenario(&"street-grant".into()).is_none(),
        "ours' deletion held"
    );
}

#[test]
fn the_same_step_changed_differently_on_both_sides_is_a_conflict_at_that_step() {
    let base = seed();
    let step = |name: &str| rename("city-zjj", name);
    let mut start = base.clone();
    append(&mut start, "street-grant", step("甲"));
    let n = start
        .scenario(&"street-grant".into())
        .expect("a scenario")
        .operations
        .len();
    let replace = |plan: &Plan, name: &str| {
        let mut plan = plan.clone();
        let s = plan
            .scenarios
            .iter_mut()
            .find(|s| s.id.as_str() == "street-grant")
            .expect("found");
        *s.operations.last_mut().expect("a step") = step(name).into();
        plan
    };
    let result = merged(&start, &replace(&start, "乙"), &replace(&start, "丙"));
    assert_eq!(result.conflicts.len(), 1, "{:#?}", result.conflicts);
    assert_eq!(
        result.conflicts[0].place.to_string(),
        format!("scenarios[street-grant].operations[{n}]")
    );
    let steps = &result
        .plan
        .scenario(&"street-grant".into())
        .expect("kept")
        .operations;
    assert_eq!(
        steps.last().map(|s| &s.operation),
        Some(&step("乙")),
        "ours held"
    );
    assert_eq!(steps.len(), n);

    // The same step added on both sides is kept once; different steps both, ours first.
    let mut ours = base.clone();
    let mut theirs = base.clone();
    append(&mut ours, "street-grant", step("丁"));
    append(&mut theirs, "street-grant", step("丁"));
    append(&mut theirs, "street-grant", staffing(&base, "city-zjj", 60));
    let result = merged(&base, &ours, &theirs);
    assert!(result.is_clean(), "{:#?}", result.conflicts);
    let steps = &result
        .plan
        .scenario(&"street-grant".into())
        .expect("kept")
        .operations;
    let added = &steps[steps.len() - 2..];
    assert_eq!(
        added
            .iter()
            .map(|s| s.operation.clone())
            .collect::<Vec<_>>(),
        [step("丁"), staffing(&base, "city-zjj", 60)]
    );
}

#[test]
fn a_holding_whose_fields_merged_do_not_hold_together_is_taken_whole_from_ours() {
    let base = seed();
    let holding = unnamed_lead(&base);
    let (power, body) = (holding.power.clone(), holding.body.clone());
    let mut ours = base.clone();
    let mut theirs = base.clone();
    // Ours: the body only assists; theirs: it leads the major cases only. Each is a plan, the
    // blend (an assisting holding with a tier of cases) is not.
    let mut assist = holding.clone();
    assist.role = shiquan::model::Role::Assist;
    edit_baseline(&mut ours, Operation::SetHolding { holding: assist });
    let mut major = holding.clone();
    major.cases = Some(shiquan::model::Cases::Major);
    edit_baseline(
        &mut theirs,
        Operation::SetHolding {
            holding: major.clone(),
        },
    );

    let result = merged(&base, &ours, &theirs);
    let kinds: Vec<_> = result
        .conflicts
        .iter()
        .map(|c| (c.place.to_string(), c.kind.id()))
        .collect();
    assert_eq!(
        kinds,
        [(
            format!("baseline.holdings[{power},{body}]"),
            "do_not_hold_together"
        )]
    );
    let h = result.plan.baseline.holding(&power, &body).expect("kept");
    assert_eq!((h.role.is_lead(), h.cases), (false, None), "ours, whole");
    let chosen = merge::merge_with(&file(&base), &file(&ours), &file(&theirs), &|_| {
        Side::Theirs
    })
    .expect("the merge holds together");
    assert_eq!(
        chosen.plan.baseline.holding(&power, &body),
        Some(&major),
        "theirs, whole"
    );
}

#[test]
fn a_role_changed_to_different_variants_is_one_conflict_not_a_blend() {
    let base = seed();
    let holding = unnamed_lead(&base);
    let by = base
        .baseline
        .holdings()
        .find(|h| h.power == holding.power && h.body != holding.body && h.role.is_lead())
        .map(|h| h.body.clone());
    let by = by.expect("the seed plan has a power two bodies lead");
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let mut assist = holding.clone();
    assist.role = shiquan::model::Role::Assist;
    edit_baseline(&mut ours, Operation::SetHolding { holding: assist });
    let mut entrusted = holding.clone();
    entrusted.role = shiquan::model::Role::Entrusted { by };
    edit_baseline(&mut theirs, Operation::SetHolding { holding: entrusted });
    let result = merged(&base, &ours, &theirs);
    let places: Vec<_> = result
        .conflicts
        .iter()
        .map(|c| c.place.to_string())
        .collect();
    assert_eq!(
        places,
        [format!(
            "baseline.holdings[{},{}].role",
            holding.power, holding.body
        )]
    );
}

#[test]
fn merging_a_file_with_itself_changes_nothing_byte_for_byte() {
    let seed_text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/seed-plan.ron"),
    )
    .expect("the seed plan file");
    let generated = shiquan::generate::generate_province(
        &shiquan::generate::GenerateOptions {
            districts: 6,
            powers: 120,
            seed: 7,
            ..shiquan::generate::GenerateOptions::default()
        },
        &shiquan::generate::StreetOptions {
            per_district: 2,
            grant_rate: 0.3,
        },
    );
    let generated_text = io::to_text(&generated).expect("writes");
    for (name, text) in [("seed", seed_text), ("generated", generated_text)] {
        let plan = io::load_bytes(text.as_bytes(), name).expect("loads");
        let records = file(&plan);
        // The tree the merge walks gives back every record.
        let node = tree::to_node(&records).expect("a tree");
        let back: PlanFile = tree::from_node(&node).expect("the records");
        assert_eq!(back, records, "{name}: the tree round trip");
        let result = merge::merge(&records, &records, &records).expect("merges");
        assert!(result.is_clean(), "{name}");
        assert_eq!(
            io::to_text(&result.plan).expect("writes"),
            text,
            "{name}: byte for byte"
        );
    }
}
