//! The synthetic province generator: deterministic, valid, with overlaps and gaps at about the
//! planted rates, and its list form checks the same as its plan form.

use shiquan::analysis::{Analysis, FindingKind};
use shiquan::generate::{GenerateOptions, generate, to_list_csv};
use shiquan::io::import::{ImportOptions, ListFormat, read_list_bytes};

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
        let mut keys: Vec<_> = a
            .coverage
            .findings()
            .map(|f| {
                (
                    f.kind,
                    f.power
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                    f.jurisdiction
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                )
            })
            .collect();
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
