//! Plan file versions (issue 7): a fixture of every released version lives in `tests/data/vN/`
//! for ever and must load (migrated to the current version) with all its records; a file of a
//! newer version is refused with a message that says it comes from a newer Shiquan.

use std::path::{Path, PathBuf};

use shiquan::io::{self, LoadError, plan_file};
use shiquan::model::ScenarioId;

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// The fixtures of one version.
fn fixtures(version: u32) -> Vec<PathBuf> {
    let dir = data().join(format!("v{version}"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| {
            panic!(
                "{}: {e}: every released version keeps fixtures",
                dir.display()
            )
        })
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_released_version_has_fixtures_that_load_and_resave_as_current() {
    for version in plan_file::OLDEST_VERSION..=plan_file::CURRENT_VERSION {
        let files = fixtures(version);
        assert!(!files.is_empty(), "no fixture of version {version}");
        for path in files {
            let plan = io::load_path(&path).unwrap_or_else(|e| panic!("{e}"));
            // Every scenario still applies (the loader checks), and a save in the current
            // version loads back to the same plan.
            let text = io::to_text(&plan).expect("serialises");
            assert!(
                text.contains(&format!("version: {},", plan_file::CURRENT_VERSION)),
                "{}",
                path.display()
            );
            let again = io::load_bytes(text.as_bytes(), "resaved.ron").expect("reloads");
            assert_eq!(again, plan, "{}", path.display());
        }
    }
}

#[test]
fn the_version_1_seed_fixture_keeps_its_figures() {
    let plan = io::load_path(&data().join("v1/seed-plan.ron")).expect("loads");
    assert_eq!(plan.scenarios.len(), 2);
    assert!(plan.baseline.bodies().len() > 50);
    assert!(plan.baseline.powers().len() >= 64);
}

#[test]
fn the_version_1_hand_made_fixture_keeps_every_record() {
    let plan = io::load_path(&data().join("v1/hand-made.ron")).expect("loads");
    assert_eq!(plan.title, "手写的第1版方案");
    let state = &plan.baseline;
    assert_eq!(state.jurisdictions().len(), 4);
    assert_eq!(state.bodies().len(), 7);
    assert_eq!(state.powers().len(), 4);
    assert_eq!(state.holding_count(), 7);
    assert_eq!(plan.scenarios.len(), 2);
    assert_eq!(plan.scenarios[0].operations.len(), 15);
    assert_eq!(plan.rules.rules.len(), 2);
    let after = plan
        .state_of(Some(&ScenarioId::new("every-operation")))
        .expect("the scenario applies");
    assert!(after.bodies().keys().any(|b| b.as_str() == "d1-zf"));
}

#[test]
fn a_newer_version_is_refused_saying_it_comes_from_a_newer_shiquan() {
    let text = std::fs::read_to_string(data().join("v1/hand-made.ron")).expect("read");
    let next = (plan_file::CURRENT_VERSION + 1).to_string();
    for newer in ["99", next.as_str(), "4294967296"] {
        let bumped = text.replacen("version: 1,", &format!("version: {newer},"), 1);
        let error = io::load_bytes(bumped.as_bytes(), "newer.ron").expect_err("refused");
        assert!(matches!(error, LoadError::Version { .. }), "{error}");
        let message = error.to_string();
        assert!(message.starts_with("newer.ron: "), "{message}");
        assert!(message.contains(&format!("version {newer}")), "{message}");
        assert!(message.contains("newer Shiquan"), "{message}");
    }
}

#[test]
fn a_version_older_than_any_release_is_refused_as_such() {
    let text = std::fs::read_to_string(data().join("v1/hand-made.ron")).expect("read");
    let zero = text.replacen("version: 1,", "version: 0,", 1);
    let message = io::load_bytes(zero.as_bytes(), "old.ron")
        .expect_err("refused")
        .to_string();
    assert!(message.contains("version 0"), "{message}");
    assert!(message.contains("older"), "{message}");
}

#[test]
fn version_1_bodies_get_the_standing_of_their_kind() {
    use shiquan::model::Standing;
    let plan = io::load_path(&data().join("v1/hand-made.ron")).expect("loads");
    let standing = |id: &str| {
        plan.baseline
            .body(&id.into())
            .and_then(|b| b.standing)
            .unwrap_or_else(|| panic!("{id} has its standing written in"))
    };
    assert_eq!(standing("city-cgj"), Standing::Organ, "admin → organ");
    assert_eq!(standing("city-hwc"), Standing::Institution, "institution");
    assert_eq!(standing("bj-company"), Standing::Enterprise, "enterprise");
    // A body that a scenario creates gets it too: an enforcement bureau with no 行政编制.
    let created = plan.scenarios[0]
        .operations
        .iter()
        .map(|s| &s.operation)
        .find_map(|op| match op {
            shiquan::plan::Operation::CreateBody { body } => Some(body),
            _ => None,
        })
        .expect("the scenario creates a body");
    assert_eq!(created.standing, Some(Standing::Institution));
    // The seed fixture of version 1: its enforcement team has only 事业编制, so it is an
    // institution; its departments are organs.
    let seed = io::load_path(&data().join("v1/seed-plan.ron")).expect("loads");
    let body = |id: &str| seed.baseline.body(&id.into()).expect("a seed body");
    assert_eq!(body("city-cgzfzd").standing, Some(Standing::Institution));
    assert_eq!(body("city-zjj").standing, Some(Standing::Organ));
    assert!(
        seed.baseline
            .bodies()
            .values()
            .all(|b| b.standing.is_some())
    );
}

#[test]
fn the_version_2_fixture_keeps_every_new_field() {
    use shiquan::model::{Cases, Standing};
    let plan = io::load_path(&data().join("v2/hand-made.ron")).expect("loads");
    let state = &plan.baseline;
    assert_eq!(
        state.body(&"city-zd".into()).and_then(|b| b.standing),
        Some(Standing::Authorised)
    );
    assert_eq!(
        state
            .body(&"city-zd".into())
            .and_then(|b| b.supervisor.clone()),
        Some("city-cgj".into())
    );
    assert_eq!(
        state
            .holding(&"CF-2".into(), &"city-cgj".into())
            .and_then(|h| h.cases),
        Some(Cases::Major)
    );
    assert!(state.is_barred(&"CF-1".into(), &"city-cgj".into()));
    assert!(state.is_barred_in(&"CF-3".into(), &"city-zd".into(), &"d1".into()));
    assert!(!state.is_barred_in(&"CF-3".into(), &"city-zd".into(), &"d2".into()));
    let receipt = state
        .receipt(&"CF-1".into(), &"city-zfj".into())
        .expect("received");
    assert_eq!(
        receipt.approval.as_ref().map(|a| a.document.as_str()),
        Some("省政府函〔2019〕7号")
    );
    let after = plan
        .state_of(Some(&ScenarioId::new("every-new-field")))
        .expect("the scenario applies");
    assert!(
        after
            .receipt(&"CF-3".into(), &"d1-zfj".into())
            .is_some_and(|r| r.approval.is_some())
    );
    assert_eq!(
        after.body(&"city-zfj".into()).map(|b| b.staffing.headcount),
        Some(40),
        "30 people moved with their slots"
    );
}

#[test]
fn the_version_3_hand_made_fixture_keeps_every_opinion_and_finds_its_objects() {
    use shiquan::plan::{OpinionStatus, Target};
    use shiquan::session::review::{Whereabouts, whereabouts};
    let plan = io::load_path(&data().join("v3/hand-made.ron")).expect("loads");
    assert_eq!(plan.title, "手写的第3版方案");
    let review = &plan.review;
    assert_eq!(review.offices.last().map(String::as_str), Some("住建局"));
    let statuses: Vec<OpinionStatus> = review.opinions.iter().map(|o| o.status).collect();
    assert_eq!(
        statuses,
        [
            OpinionStatus::Pending,
            OpinionStatus::Revised,
            OpinionStatus::Rejected,
            OpinionStatus::Adopted
        ]
    );
    assert_eq!(review.opinions[2].text, "支队并入后的职责边界\n请另行说明");
    assert_eq!(
        review.opinions[1].answer.as_ref().map(|a| a.by.as_str()),
        Some("编办")
    );
    let step = &plan.scenarios[0].operations[2].operation;
    let expected = Target::step(plan.scenarios[0].id.clone(), 3, step);
    assert_eq!(
        review.opinions[1].target, expected,
        "the digest of step 3 as this build computes it"
    );
    let found = whereabouts(&plan, None);
    assert_eq!(found[1], Whereabouts::Present { step: Some(3) });
    assert!(found[2].is_present() && found[3].is_present());
}
