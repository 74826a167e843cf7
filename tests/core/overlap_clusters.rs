//! Overlap clusters (issue 13): bodies that overlap on powers form connected components, and
//! each is offered as one fix that creates a bureau (an organ) and concentrates the cluster's
//! items into it. On the seed baseline the fix removes its cluster's overlaps, opens no gap and
//! breaks no legal rule; undone, the plan is exactly as before.

use std::collections::BTreeSet;

use shiquan::analysis::fixes::clusters::{clusters, concentration_fix};
use shiquan::analysis::{FindingKind, Severity, fixes};
use shiquan::io::seed::seed_plan;
use shiquan::model::{BodyId, JurisdictionId, PowerId, Standing};
use shiquan::plan::Operation;
use shiquan::session::Document;
use shiquan::text::FindingText;

fn overlaps(doc: &Document) -> BTreeSet<(PowerId, JurisdictionId)> {
    doc.analysis()
        .findings()
        .filter(|f| f.kind == FindingKind::Overlap)
        .filter_map(|f| Some((f.power.clone()?, f.jurisdiction.clone()?)))
        .collect()
}

fn gaps(doc: &Document) -> BTreeSet<(PowerId, JurisdictionId)> {
    doc.analysis()
        .findings()
        .filter(|f| f.kind == FindingKind::Gap)
        .filter_map(|f| Some((f.power.clone()?, f.jurisdiction.clone()?)))
        .collect()
}

#[test]
fn every_cluster_of_the_seed_baseline_concentrates_into_one_organ_without_a_gap() {
    let mut plan = seed_plan().expect("seed");
    // The baseline alone: the seed's scenarios build on the very holdings a fix moves, and the
    // document refuses an edit of the baseline that a scenario no longer applies over.
    plan.scenarios.clear();
    let mut doc = Document::new(plan);
    let before_plan = doc.plan().clone();
    let before_state = doc.state().clone();
    let before_overlaps = overlaps(&doc);
    let before_gaps = gaps(&doc);
    let all = clusters(&doc.analysis().coverage);
    assert!(!all.is_empty(), "the seed baseline has overlaps");
    // The clusters split the overlapping bodies: no body is in two.
    let mut seen: BTreeSet<&BodyId> = BTreeSet::new();
    for cluster in &all {
        for body in &cluster.bodies {
            assert!(seen.insert(body), "{body} is in two clusters");
        }
    }
    for cluster in &all {
        let fix = concentration_fix(doc.state(), cluster).expect("a fix");
        let Some(Operation::CreateBody { body }) = fix.operations.first() else {
            panic!("the fix creates the bureau first");
        };
        assert_eq!(body.standing, Some(Standing::Organ));
        let bureau = body.id.clone();
        let steps = doc.history().cursor();
        doc.apply_all(fix.operations.clone())
            .unwrap_or_else(|(i, e)| panic!("{}: step {i}: {e}", fix.zh));
        // The cluster's overlaps are gone, no other appeared, no gap opened.
        let after = overlaps(&doc);
        for key in cluster.overlaps.keys() {
            assert!(
                !after.contains(key),
                "{key:?} still overlaps after {}",
                fix.zh
            );
        }
        assert!(
            after.is_subset(&before_overlaps),
            "new overlaps: {:?}",
            after.difference(&before_overlaps)
        );
        assert!(
            gaps(&doc).is_subset(&before_gaps),
            "new gaps after {}",
            fix.zh
        );
        // Nobody relapses and the receiver may receive.
        let legal_errors: Vec<String> = doc
            .analysis()
            .findings()
            .filter(|f| f.severity == Severity::Error)
            .filter(|f| {
                matches!(
                    f.rule.as_deref(),
                    Some("concentration-relapse" | "concentration-receiver" | "entrust-limits")
                )
            })
            .map(|f| f.message(doc.state(), shiquan::text::Lang::Zh))
            .collect();
        assert!(legal_errors.is_empty(), "{legal_errors:?}");
        assert!(doc.state().received_by(&bureau).next().is_some());
        // One undo takes the whole fix back, exactly.
        assert!(doc.undo());
        assert_eq!(doc.history().cursor(), steps);
        assert_eq!(
            doc.state(),
            &before_state,
            "undo restores the state exactly"
        );
    }
    assert_eq!(doc.plan(), &before_plan);
}

#[test]
fn an_overlap_finding_offers_its_cluster_fix() {
    let plan = seed_plan().expect("seed");
    let doc = Document::new(plan);
    let finding = doc
        .analysis()
        .findings()
        .find(|f| f.kind == FindingKind::Overlap)
        .expect("an overlap")
        .clone();
    let offered = fixes::suggest(&finding, doc.state(), &doc.analysis().coverage);
    assert!(
        offered.iter().any(|f| f.zh.contains("相对集中至该局")),
        "{:?}",
        offered.iter().map(|f| &f.zh).collect::<Vec<_>>()
    );
}
