//! Times the documents of a scenario at province scale (issue 20): loads a plan (a province from
//! `shiquan generate`), adds a scenario that concentrates the penalty items the city's bodies
//! lead into a new bureau (N items, default 500), then builds each document and writes it as
//! Word, PDF and XLSX, printing the milliseconds of each stage and the sizes.
//!
//! `cargo run --release --example doc_probe -- PLAN [N]`; with `DOC_PROBE_OUT=FOLDER` the files
//! are also written there.

use std::time::Instant;

use anyhow::{Context, bail};
use shiquan::documents::{self, DocFormat, DocKind, DocRequest};
use shiquan::model::{Body, BodyId, BodyKind, Level, PowerKind, ScenarioId, Staffing};
use shiquan::plan::{Operation, Scenario, Step, TransferMode};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        bail!("usage: doc_probe PLAN [N]");
    };
    let wanted: usize = args.get(1).map_or(Ok(500), |n| n.parse())?;
    let lap =
        |name: &str, start: Instant| println!("{name}\t{:.0}", start.elapsed().as_secs_f64() * 1e3);
    let start = Instant::now();
    let mut plan = shiquan::io::load_path(std::path::Path::new(path))?;
    lap("load the plan (ms)", start);
    let state = &plan.baseline;
    let city = state
        .jurisdictions()
        .values()
        .find(|j| j.level == Level::City)
        .context("the plan has no city")?
        .id
        .clone();
    let bureau = BodyId::new("probe-zhzfj");
    let mut steps = vec![Step::new(Operation::CreateBody {
        body: Body {
            id: bureau.clone(),
            name: "综合行政执法局（测试）".into(),
            kind: BodyKind::Enforcement,
            jurisdiction: city.clone(),
            parent: None,
            tags: std::collections::BTreeSet::default(),
            staffing: Staffing {
                admin: 50,
                institution: 0,
                headcount: 48,
            },
            budget_wan: 0,
            standing: Some(shiquan::model::Standing::Organ),
            supervisor: None,
        },
    })];
    let mut items = 0;
    for power in state.powers().values() {
        if items == wanted {
            break;
        }
        if power.kind != PowerKind::Penalty {
            continue;
        }
        let leads: Vec<BodyId> = state
            .holdings_of_power(&power.code)
            .filter(|h| h.role.is_lead() && state.level_of_body(&h.body) == Some(Level::City))
            .map(|h| h.body.clone())
            .collect();
        if leads.is_empty() {
            continue;
        }
        for from in leads {
            steps.push(Step::new(Operation::TransferPower {
                power: power.code.clone(),
                from,
                to: bureau.clone(),
                mode: TransferMode::Concentrate,
                approval: None,
            }));
        }
        items += 1;
    }
    let id = ScenarioId::new("probe");
    plan.scenarios.push(Scenario {
        id: id.clone(),
        name: "综合执法（测试）".into(),
        description: String::new(),
        operations: steps,
    });
    println!(
        "items\t{items}\nholdings\t{}",
        plan.baseline.holding_count()
    );
    let fonts = documents::Fonts::from_system()?;
    for kind in DocKind::ALL {
        let start = Instant::now();
        let doc = documents::build(
            &plan,
            &DocRequest {
                kind,
                scenario: id.clone(),
                from: None,
            },
        )?;
        lap(&format!("{} build (ms)", kind.id()), start);
        let rows: usize = doc.tables().map(|t| t.rows.len()).sum();
        println!("{} rows\t{rows}", kind.id());
        for format in DocFormat::ALL {
            let start = Instant::now();
            let bytes = match format {
                DocFormat::Pdf => documents::write_pdf(&doc, &fonts)?,
                _ => documents::render(&doc, format)?,
            };
            lap(&format!("{} {} (ms)", kind.id(), format.extension()), start);
            println!(
                "{} {} bytes\t{}",
                kind.id(),
                format.extension(),
                bytes.len()
            );
            if let Ok(folder) = std::env::var("DOC_PROBE_OUT") {
                let file = std::path::Path::new(&folder).join(format!(
                    "{}.{}",
                    kind.id(),
                    format.extension()
                ));
                std::fs::write(file, &bytes)?;
            }
        }
    }
    Ok(())
}
