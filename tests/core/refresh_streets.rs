//! Re-analysis after edits in a generated province with streets and grants (issue 15) equals a
//! full analysis: an edit's coverage, 看得见管不着 and 赋权配套 are worked out again only in the
//! districts its bodies lie in, and the findings of every other district must stay exactly as a
//! full analysis finds them. The random states of `operations_properties` have a few streets;
//! these have districts of streets whose matters have findings in many districts at once.

use std::collections::BTreeSet;

use crate::common::random::{Rng, random_operation};
use crate::helpers::assert_graph_as_built;
use shiquan::analysis::Analysis;
use shiquan::generate::{GenerateOptions, StreetOptions, generate_province, sample_grant};
use shiquan::session::Document;

fn province(seed: u64) -> Document {
    Document::new(generate_province(
        &GenerateOptions {
            districts: 4,
            powers: 160,
            seed,
            overlap_rate: 0.05,
            gap_rate: 0.05,
        },
        &StreetOptions {
            per_district: 3,
            grant_rate: 0.3,
        },
    ))
}

fn full(doc: &Document) -> Analysis {
    Analysis::full_against(doc.state(), doc.baseline(), &doc.plan_unsynced().rules)
}

/// The districts where a rule has findings.
fn districts_of(doc: &Document, rule: &str) -> BTreeSet<String> {
    doc.analysis()
        .rule_findings
        .iter()
        .filter(|f| f.rule.as_deref() == Some(rule))
        .filter_map(|f| f.jurisdiction.as_ref())
        .filter_map(|j| doc.state().district_of(j))
        .map(ToString::to_string)
        .collect()
}

#[test]
fn edits_in_a_province_with_streets_re_analyse_as_a_full_analysis() {
    let mut bundles = 0;
    for seed in 0..2u64 {
        let mut doc = province(seed);
        // Not vacuous: the findings kept outside an edit's area are there to keep.
        assert!(
            districts_of(&doc, "seen-not-handled").len() >= 2,
            "看得见管不着 in fewer than two districts"
        );
        let grant = sample_grant(doc.state(), 4).expect("the province has a sample grant");
        doc.apply(grant).expect("the sample grant applies");
        assert_eq!(doc.analysis(), &full(&doc), "seed {seed}, the sample grant");
        let mut rng = Rng::new(seed);
        for serial in 0..80 {
            let op = random_operation(doc.state(), &mut rng, serial);
            let _ = doc.apply(op);
            if rng.chance(15) {
                doc.undo();
            }
            assert_eq!(doc.analysis(), &full(&doc), "seed {seed}, step {serial}");
            bundles = bundles.max(districts_of(&doc, "grant-bundle").len());
        }
    }
    assert!(bundles >= 2, "赋权配套 never in two districts at once");
}

/// A grant to the nine streets of a district, its take-back and its grant again change ten
/// holdings of each power (one per street and the district body's): the graph finds their edges
/// in one pass over each power's edges, and must end as a graph built from the state.
#[test]
fn a_grant_to_many_streets_keeps_the_graph_as_built() {
    let mut doc = Document::new(generate_province(
        &GenerateOptions {
            districts: 3,
            powers: 120,
            seed: 5,
            overlap_rate: 0.05,
            gap_rate: 0.05,
        },
        &StreetOptions {
            per_district: 9,
            grant_rate: 0.2,
        },
    ));
    let grant = sample_grant(doc.state(), 6).expect("the province has a sample grant");
    let before = doc.graph().canonical_edges();
    doc.apply(grant).expect("the sample grant applies");
    assert_ne!(
        doc.graph().canonical_edges(),
        before,
        "the grant changed no edge"
    );
    assert_graph_as_built(&doc, "grant");
    doc.undo();
    assert_graph_as_built(&doc, "undone");
    assert_eq!(doc.graph().canonical_edges(), before);
    doc.redo();
    assert_graph_as_built(&doc, "redone");
}
