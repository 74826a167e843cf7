//! Property test of the list round trip (issue 7): for random states reached by random
//! operations, the power list exported as CSV (UTF-8 with BOM, or GB18030) imports again to the
//! same allocation: the same lead bodies for every (power, district) and the same holders of
//! every power. `PROPTEST_CASES` raises the number of cases (default 256).
//!
//! A list names a district (or a street) only through the rows of its bodies (see
//! `io::import::build`), so each district and street that has none is given an assisting body
//! first: an assisting holding changes no coverage, and the place then appears in the list.
//!
//! Some bodies and powers are renamed to start like a formula (issue 16): `=`, `+`, `-`, `@`
//! behind a space, a tab or a line feed, their full-width forms, or a `'` of the text's own
//! in front. The export escapes each with one `'`, and the import takes exactly that one off.

use std::collections::BTreeSet;

use crate::common::random::{Rng, random_operation, random_state};
use crate::helpers::allocation;
use proptest::prelude::*;
use shiquan::io::export::{
    self, CsvEncoding, ExportContext, ExportFormat, ExportOptions, TableKind,
};
use shiquan::io::import::{self, ImportOptions, ListFormat};
use shiquan::model::{Body, BodyId, BodyKind, Holding, Level, Role, State};
use shiquan::plan::{BodyEdit, Operation, Plan, PowerEdit};

fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    config.cases = config.cases.max(256);
    config
}

/// Gives every district and street without a holder of its own an assisting body (coverage is
/// unchanged: assisting never counts).
fn anchor_districts(state: &mut State) {
    let Some(power) = state.powers().keys().next().cloned() else {
        return;
    };
    // Streets too: a list names a street only through its bodies' rows.
    let districts: Vec<_> = state
        .jurisdictions()
        .values()
        .filter(|j| j.level != Level::City)
        .map(|j| j.id.clone())
        .collect();
    for (i, district) in districts.into_iter().enumerate() {
        let has_holder = state.holdings().any(|h| {
            state
                .body(&h.body)
                .is_some_and(|b| b.jurisdiction == district)
        });
        if has_holder {
            continue;
        }
        let body = BodyId::new(format!("anchor-{i}"));
        for op in [
            Operation::CreateBody {
                body: Body {
                    id: body.clone(),
                    name: format!("锚定机构{i}"),
                    kind: BodyKind::Institution,
                    jurisdiction: district.clone(),
                    parent: None,
                    tags: BTreeSet::new(),
                    staffing: shiquan::model::Staffing::default(),
                    budget_wan: 0,
                    standing: None,
                    supervisor: None,
                },
            },
            Operation::SetHolding {
                holding: Holding {
                    listing: None,
                    power: power.clone(),
                    body: body.clone(),
                    role: Role::Assist,
                    excludes: shiquan::model::Excludes::default(),
                    cases: None,
                    grant: None,
                },
            },
        ] {
            op.apply(state).expect("an anchor applies");
        }
    }
}

/// Starts that a spreadsheet reads as a formula, or that look like the export's escape.
const FORMULA_STARTS: [&str; 14] = [
    "=", "+", "-", "@", " =", "\t+", "\n-", "\r\n@", "＝", "＋", "－", "＠", "'=", "''+",
];

/// Renames some bodies and powers to start like a formula (the names stay distinct).
fn formula_names(state: &mut State, rng: &mut Rng) {
    let bodies: Vec<BodyId> = state.bodies().keys().cloned().collect();
    for body in bodies {
        if rng.chance(40)
            && let (Some(start), Some(old)) = (rng.pick(&FORMULA_STARTS), state.body(&body))
        {
            let name = format!("{start}{}", old.name);
            let op = Operation::EditBody {
                body,
                edit: BodyEdit::Name(name),
            };
            op.apply(state).expect("a rename applies");
        }
    }
    let powers: Vec<_> = state.powers().keys().cloned().collect();
    for power in powers {
        if rng.chance(40)
            && let (Some(start), Some(old)) = (rng.pick(&FORMULA_STARTS), state.power(&power))
        {
            let name = format!("{start}{}", old.name);
            let op = Operation::EditPower {
                power,
                edit: PowerEdit::Name(name),
            };
            op.apply(state).expect("a rename applies");
        }
    }
}

/// Every power's code and name.
fn power_names(plan: &Plan) -> BTreeSet<(String, String)> {
    plan.baseline
        .powers()
        .values()
        .map(|p| (p.code.to_string(), p.name.clone()))
        .collect()
}

/// Every (power, holding body's name, its level) pair.
fn holders(ctx: &ExportContext) -> BTreeSet<(String, String, Level)> {
    ctx.after
        .holdings()
        .filter_map(|h| {
            let body = ctx.after.body(&h.body)?;
            let level = ctx.after.jurisdiction(&body.jurisdiction)?.level;
            Some((h.power.to_string(), body.name.clone(), level))
        })
        .collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn an_exported_list_imports_to_the_same_allocation(seed in any::<u64>(), steps in 0usize..25, gb18030 in any::<bool>()) {
        let mut rng = Rng::new(seed);
        let mut state = random_state(&mut rng);
        for serial in 0..steps {
            let op = random_operation(&state, &mut rng, serial);
            let _ = op.apply(&mut state);
        }
        prop_assume!(!state.powers().is_empty());
        anchor_districts(&mut state);
        formula_names(&mut state, &mut rng);
        let mut plan = Plan::new("往返");
        plan.baseline = state;
        let options = ExportOptions {
            scenario: None,
            table: TableKind::List,
            encoding: if gb18030 { CsvEncoding::Gb18030 } else { CsvEncoding::Utf8Bom },
        };
        let csv = export::export_bytes(&plan, ExportFormat::Csv, &options)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let list = import::read_list_bytes(&csv, "往返.csv", ListFormat::Csv, &ImportOptions::default())
            .map_err(|e| TestCaseError::fail(format!("{e}\n{}", String::from_utf8_lossy(&csv))))?;
        prop_assert!(list.skipped.is_empty());
        let before = ExportContext::new(&plan, None).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let after = ExportContext::new(&list.to_plan(), None).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(allocation(&after), allocation(&before));
        prop_assert_eq!(holders(&after), holders(&before));
        prop_assert_eq!(power_names(&list.to_plan()), power_names(&plan));
    }
}
