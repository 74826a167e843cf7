//! The synthetic province generator: deterministic, valid, with overlaps and gaps at about the
//! planted rates, and its list form checks the same as its plan form. With streets (issue 15):
//! without them the output is what it was, byte for byte; with them each street is granted its
//! own subset, and the plan is exactly what 赋权 operations make of the ungranted plan.

use std::collections::{BTreeMap, BTreeSet};

use shiquan::analysis::{Analysis, Finding, FindingKind};
use shiquan::generate::{
    GRANT_EVALUATE_BY, GenerateOptions, StreetOptions, generate, generate_province, grant_decision,
    sample_grant, to_list_csv,
};
use shiquan::io::import::{ImportOptions, ListFormat, read_list_bytes};
use shiquan::model::{BodyId, Level, PowerId, PowerKind, State};
use shiquan::plan::Operation;
use shiquan::text::FindingText;

fn small() -> GenerateOptions {
    GenerateOptions {
        districts: 12,
        powers: 300,
        seed: 7,
        overlap_rate: 0.02,
        gap_rate: 0.01,
    }
}

#[test]
fn the_generator_is_deterministic_and_plants_overlaps_and_gaps() {
    let a = generate(&small());
    let b = generate(&small());
    assert_eq!(a, b);
    assert!(a.baseline.validate().is_empty());
    assert_eq!(a.baseline.powers().len(), 300);
    let analysis = Analysis::full(&a.baseline, &a.rules);
    let pairs = 300 * 12;
    let overlaps = analysis
        .findings()
        .filter(|f| f.kind == FindingKind::Overlap)
        .count();
    let gaps = analysis
        .findings()
        .filter(|f| f.kind == FindingKind::Gap)
        .count();
    // Planted at 2% and 1% of district-delegated pairs (85% of powers): allow a wide margin.
    assert!(
        overlaps > pairs / 200 && overlaps < pairs / 20,
        "{overlaps} overlaps"
    );
    assert!(gaps > 0 && gaps < pairs / 10, "{gaps} gaps");
}

#[test]
fn the_list_form_checks_the_same_as_the_plan() {
    let plan = generate(&small());
    let csv = to_list_csv(&plan.baseline);
    let imported = read_list_bytes(
        csv.as_bytes(),
        "generated.csv",
        ListFormat::Csv,
        &ImportOptions::default(),
    )
    .expect("the generated list imports");
    let from_list = imported.to_plan();
    let key = |a: &Analysis| -> Vec<(FindingKind, String, String)> {
        let mut keys: Vec<_> = a.coverage.findings().map(Finding::located).collect();
        keys.sort();
        keys
    };
    let direct = Analysis::full(&plan.baseline, &plan.rules);
    let listed = Analysis::full(&from_list.baseline, &from_list.rules);
    // District ids differ between the forms (the list names districts); compare by name.
    let name_of = |state: &shiquan::model::State, id: &str| {
        state
            .jurisdiction(&id.into())
            .map_or_else(|| id.to_owned(), |j| j.name.clone())
    };
    let named =
        |a: &Analysis, state: &shiquan::model::State| -> Vec<(FindingKind, String, String)> {
            let mut v: Vec<_> = key(a)
                .into_iter()
                .map(|(k, p, j)| (k, p, name_of(state, &j)))
                .collect();
            v.sort();
            v
        };
    assert_eq!(
        named(&direct, &plan.baseline),
        named(&listed, &from_list.baseline)
    );
}

/// FNV-1a, 64 bits: a fingerprint of a text.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[test]
fn without_streets_the_list_is_what_it_was_before_streets() {
    // `shiquan generate --powers 300 --districts 12 --seed 7 --out small.csv` before streets
    // (460,407 bytes).
    let options = GenerateOptions {
        districts: 12,
        powers: 300,
        seed: 7,
        ..GenerateOptions::default()
    };
    let csv = to_list_csv(&generate(&options).baseline);
    assert_eq!(csv.len(), 460_407);
    assert_eq!(fnv(csv.as_bytes()), 0x99cc_464d_7cbc_71ae);
    let none = StreetOptions {
        per_district: 0,
        grant_rate: 0.5,
    };
    assert_eq!(generate_province(&small(), &none), generate(&small()));
}

fn streets() -> StreetOptions {
    StreetOptions {
        per_district: 4,
        grant_rate: 0.3,
    }
}

/// Each street office's granted powers.
fn grants_by_body(state: &State) -> BTreeMap<BodyId, BTreeSet<PowerId>> {
    let mut by_body: BTreeMap<BodyId, BTreeSet<PowerId>> = BTreeMap::new();
    for h in state.holdings() {
        if h.grant.is_some() {
            by_body
                .entry(h.body.clone())
                .or_default()
                .insert(h.power.clone());
        }
    }
    by_body
}

/// The plan with its grants undone by hand: no street holdings, no exclusions.
fn ungranted(state: &State) -> State {
    let mut records = state.to_records();
    records.holdings.retain(|h| h.grant.is_none());
    for h in &mut records.holdings {
        h.excludes.clear();
    }
    State::from_records(records).expect("the ungranted plan is valid")
}

#[test]
fn the_generated_grants_are_what_grant_to_streets_makes_of_the_ungranted_plan() {
    let plan = generate_province(&small(), &streets());
    assert_eq!(plan, generate_province(&small(), &streets()));
    let granted = &plan.baseline;
    assert!(granted.validate().is_empty());
    let streets_of_plan: Vec<_> = granted
        .jurisdictions()
        .values()
        .filter(|j| j.level == Level::Street)
        .collect();
    assert_eq!(streets_of_plan.len(), 12 * 4);
    let by_body = grants_by_body(granted);
    assert_eq!(by_body.len(), 12 * 4, "every street office is granted some");
    // 差异化赋权: no two streets of a district get the same subset.
    let distinct: BTreeSet<&BTreeSet<PowerId>> = by_body.values().collect();
    assert_eq!(distinct.len(), by_body.len());
    // Only penalties, inspections and coercive measures, penalties the most.
    let kinds: Vec<PowerKind> = by_body
        .values()
        .flatten()
        .filter_map(|p| granted.power(p).map(|p| p.kind))
        .collect();
    assert!(kinds.iter().all(|k| matches!(
        k,
        PowerKind::Penalty | PowerKind::Inspection | PowerKind::Coercion
    )));
    let penalties = kinds.iter().filter(|k| **k == PowerKind::Penalty).count();
    assert!(
        penalties * 2 > kinds.len(),
        "{penalties} of {}",
        kinds.len()
    );

    // The same plan by operations: one GrantToStreets per street office, on the plan without
    // grants, gives the generated state exactly (holdings, exclusions, grants and all).
    let mut state = ungranted(granted);
    assert_ne!(&state, granted);
    for (body, powers) in &by_body {
        Operation::GrantToStreets {
            powers: powers.iter().cloned().collect(),
            receivers: vec![body.clone()],
            decision: Some(grant_decision()),
            evaluate_by: GRANT_EVALUATE_BY.to_owned(),
        }
        .apply(&mut state)
        .expect("each generated grant is one GrantToStreets can make");
    }
    assert_eq!(state.to_records(), granted.to_records());
    assert_eq!(&state, granted);
}

#[test]
fn grants_open_no_gap_or_overlap_and_break_no_grant_rule() {
    let plan = generate_province(&small(), &streets());
    let before = ungranted(&plan.baseline);
    let pairs = |state: &State, kind: FindingKind| -> BTreeSet<(String, String)> {
        Analysis::full(state, &plan.rules)
            .coverage
            .findings()
            .filter(|f| f.kind == kind)
            .map(|f| {
                let (_, power, place) = f.located();
                (power, place)
            })
            .collect()
    };
    // Coverage is checked street by street: the district's planted gaps are each street's.
    let gaps = pairs(&plan.baseline, FindingKind::Gap);
    assert!(!gaps.is_empty());
    assert!(gaps.iter().all(|(_, j)| j.contains("-s")), "{gaps:?}");
    assert_eq!(gaps, pairs(&before, FindingKind::Gap));
    // A grant takes a planted overlap's street out of it, and opens none.
    let overlaps = pairs(&plan.baseline, FindingKind::Overlap);
    let overlaps_before = pairs(&before, FindingKind::Overlap);
    assert!(!overlaps.is_empty() && overlaps.is_subset(&overlaps_before));
    let analysis = Analysis::full(&plan.baseline, &plan.rules);
    let grant_findings: Vec<String> = analysis
        .findings()
        .filter(|f| f.rule.as_deref().is_some_and(|r| r.starts_with("grant-")))
        .map(|f| f.message(&plan.baseline, shiquan::text::Lang::En))
        .collect();
    assert!(grant_findings.is_empty(), "{grant_findings:#?}");
}

#[test]
fn the_default_grant_rate_grants_about_430_items_per_street_at_5000_powers() {
    let plan = generate_province(
        &GenerateOptions {
            districts: 3,
            powers: 5_000,
            ..GenerateOptions::default()
        },
        &StreetOptions {
            per_district: 5,
            ..StreetOptions::default()
        },
    );
    let by_body = grants_by_body(&plan.baseline);
    assert_eq!(by_body.len(), 15);
    let mean = by_body.values().map(BTreeSet::len).sum::<usize>() / by_body.len();
    assert!((380..=480).contains(&mean), "{mean} items per street");
    // Each street office is staffed for its items (grant-capacity's threshold is 30 a person).
    for (body, powers) in &by_body {
        let staffing = plan.baseline.body(body).expect("the office").staffing;
        assert!(staffing.admin > 0 && powers.len() <= 20 * staffing.headcount as usize);
    }
}

#[test]
fn the_sample_grant_applies_and_takes_back_to_where_it_was() {
    let plan = generate_province(&small(), &streets());
    let Some(Operation::GrantToStreets {
        powers, receivers, ..
    }) = sample_grant(&plan.baseline, 10)
    else {
        panic!("a sample grant");
    };
    assert_eq!((powers.len(), receivers.len()), (10, 4));
    let op = sample_grant(&plan.baseline, 10).expect("a sample grant");
    let mut state = plan.baseline.clone();
    op.apply(&mut state).expect("the sample grant applies");
    assert_ne!(state, plan.baseline);
    Operation::TakeBack { powers, receivers }
        .apply(&mut state)
        .expect("and is taken back");
    assert_eq!(state, plan.baseline);
    assert!(sample_grant(&generate(&small()).baseline, 10).is_none());
}

#[test]
fn the_list_form_with_streets_names_streets_and_the_districts_exclusions() {
    let plan = generate_province(&small(), &streets());
    let csv = to_list_csv(&plan.baseline);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "\u{feff}事项编码,事项名称,权力类型,领域,实施依据,实施主体,行使层级,辖区,主办/协办,不含辖区"
        )
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 10));
    let street_rows: Vec<_> = rows.iter().filter(|r| r[6] == "街道级").collect();
    assert_eq!(
        street_rows.len(),
        grants_by_body(&plan.baseline)
            .values()
            .map(BTreeSet::len)
            .sum::<usize>()
    );
    assert!(street_rows.iter().all(|r| r[7].starts_with('第')
        && r[7].contains("区/第")
        && r[7].ends_with("街道")
        && r[5].ends_with("街道办事处")));
    // Each granted (power, street) is excluded by its district's lead rows, 「区/街道」.
    let excluded: BTreeSet<(&str, &str)> = rows
        .iter()
        .filter(|r| r[6] == "区级" && r[8] == "主办")
        .flat_map(|r| {
            r[9].split('、')
                .filter(|s| !s.is_empty())
                .map(|s| (r[0], s))
        })
        .collect();
    let granted: BTreeSet<(&str, &str)> = street_rows.iter().map(|r| (r[0], r[7])).collect();
    assert_eq!(excluded, granted);
}

#[test]
fn the_list_form_with_streets_checks_the_same_as_the_plan() {
    let plan = generate_province(&small(), &streets());
    let csv = to_list_csv(&plan.baseline);
    let imported = read_list_bytes(
        csv.as_bytes(),
        "generated.csv",
        ListFormat::Csv,
        &ImportOptions::default(),
    )
    .expect("the generated list imports");
    let from_list = imported.to_plan();
    // Compare by names: a street as 「区/街道」.
    let named = |state: &State| -> BTreeSet<(FindingKind, String, String)> {
        Analysis::full(state, &plan.rules)
            .coverage
            .findings()
            .map(|f| {
                let place = f
                    .jurisdiction
                    .as_ref()
                    .and_then(|j| state.jurisdiction(j))
                    .map(
                        |j| match j.parent.as_ref().and_then(|p| state.jurisdiction(p)) {
                            Some(d) if j.level == Level::Street => format!("{}/{}", d.name, j.name),
                            _ => j.name.clone(),
                        },
                    )
                    .unwrap_or_default();
                (
                    f.kind,
                    f.power
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                    place,
                )
            })
            .collect()
    };
    assert_eq!(named(&plan.baseline), named(&from_list.baseline));
}

#[test]
fn a_province_with_grants_saves_and_opens_again_unchanged() {
    // The plan reader's fast path reads the grants a street body's holdings carry; it must read
    // them exactly as the RON parser does.
    let plan = generate_province(&small(), &streets());
    assert!(plan.baseline.holdings().any(|h| h.grant.is_some()));
    let text = shiquan::io::to_text(&plan).expect("writes");
    let loaded = shiquan::io::load_bytes(text.as_bytes(), "province.ron").expect("opens");
    assert!(
        loaded.baseline == plan.baseline,
        "the baseline changed on its way through its file"
    );
}

#[test]
fn a_loaded_province_shares_each_distinct_grant() {
    let plan = generate_province(&small(), &streets());
    let text = shiquan::io::to_text(&plan).expect("the plan serialises");
    let loaded = shiquan::io::load_bytes(text.as_bytes(), "streets.ron").expect("it loads");
    assert_eq!(loaded, plan);
    let grants: Vec<&std::sync::Arc<shiquan::model::Grant>> = loaded
        .baseline
        .holdings()
        .filter_map(|h| h.grant.as_ref())
        .collect();
    assert!(grants.len() > 100, "{} grants", grants.len());
    let mut distinct: Vec<*const shiquan::model::Grant> =
        grants.iter().map(|g| std::sync::Arc::as_ptr(g)).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let values: std::collections::BTreeSet<String> =
        grants.iter().map(|g| format!("{g:?}")).collect();
    assert_eq!(distinct.len(), values.len());
}
