//! Criterion benches of the core at province scale (issue 6): a plan of 5,000 powers × 100
//! districts generated in-process by `shiquan::generate` (about 440k holdings), then
//!
//! - `load_plan`: the plan file's text back into a plan (`io::load_bytes`);
//! - `full_check`: coverage and every rule from scratch (`Analysis::full`);
//! - `apply_reanalyse`: one operation through `Document::apply`, which re-analyses incrementally
//!   (the undo that restores the state runs outside the timed part);
//! - `apply_undo`: the operation and its undo, each with its re-analysis;
//! - `import_csv`: the same province as a flat list (`io::import::read_list_bytes`);
//! - `export_xlsx`: the four-sheet workbook of the baseline.
//!
//! `SHIQUAN_BENCH_POWERS` and `SHIQUAN_BENCH_DISTRICTS` change the size. `scripts/bench` prints
//! the same figures as one table, with whole-process timings and peak memory beside them.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use shiquan::analysis::Analysis;
use shiquan::generate::{GenerateOptions, generate, sample_operation, to_list_csv};
use shiquan::io;
use shiquan::io::export::{ExportFormat, ExportOptions};
use shiquan::io::import::{ImportOptions, ListFormat};
use shiquan::session::Document;

fn size(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn options() -> GenerateOptions {
    GenerateOptions {
        powers: size("SHIQUAN_BENCH_POWERS", 5_000),
        districts: size("SHIQUAN_BENCH_DISTRICTS", 100),
        ..GenerateOptions::default()
    }
}

fn benches(c: &mut Criterion) {
    let plan = generate(&options());
    let text = io::to_text(&plan).expect("a generated plan serialises");
    let list = to_list_csv(&plan.baseline);
    let op = sample_operation(&plan.baseline).expect("the generated plan has a sample edit");

    let mut slow = c.benchmark_group("province");
    slow.sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .warm_up_time(Duration::from_secs(1));
    slow.bench_function("load_plan", |b| {
        b.iter(|| io::load_bytes(black_box(text.as_bytes()), "bench.ron").expect("loads"));
    });
    slow.bench_function("full_check", |b| {
        b.iter(|| Analysis::full(black_box(&plan.baseline), &plan.rules));
    });
    slow.bench_function("import_csv", |b| {
        b.iter(|| {
            io::import::read_list_bytes(
                black_box(list.as_bytes()),
                "bench.csv",
                ListFormat::Csv,
                &ImportOptions::default(),
            )
            .expect("imports")
        });
    });
    slow.bench_function("export_xlsx", |b| {
        b.iter(|| {
            io::export::export_bytes(&plan, ExportFormat::Xlsx, &ExportOptions::default())
                .expect("exports")
        });
    });
    slow.finish();

    let mut doc = Document::new(plan.clone());
    let mut fast = c.benchmark_group("edit");
    fast.bench_function("apply_reanalyse", |b| {
        b.iter_custom(|iters| {
            let mut timed = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                doc.apply(op.clone()).expect("the sample edit applies");
                timed += start.elapsed();
                doc.undo();
            }
            timed
        });
    });
    fast.bench_function("apply_undo", |b| {
        b.iter_batched(
            || op.clone(),
            |op| {
                doc.apply(op).expect("the sample edit applies");
                doc.undo()
            },
            BatchSize::SmallInput,
        );
    });
    fast.finish();
}

criterion_group!(core, benches);
criterion_main!(core);
