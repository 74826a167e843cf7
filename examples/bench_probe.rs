//! The in-process half of `scripts/bench` (issue 6): figures that a whole process cannot
//! isolate, printed as `name<TAB>value` lines for the script to gather into its table.
//!
//! - `bench_probe edit PLAN.ron [N]`: a full analysis, then N times the sample edit
//!   (`generate::sample_operation`) through `Document::apply` (which re-analyses incrementally)
//!   and its undo; medians of each.
//! - `bench_probe open PLAN.ron`: the window's way in (load the file, open the document, build
//!   the app, draw the first frame), timed; run under `/usr/bin/time -v` for its peak memory.
//! - `bench_probe frames PLAN.ron [N]`: the real app in an `egui_kittest` harness without a
//!   renderer; for each tab, N frames (fewer for a view slower than 10 s in all) with the pointer
//!   moving over the centre, and the p50 and p95 of the CPU time per frame (egui's pass plus
//!   tessellation, what a frame costs before the GPU).
//!
//! - `bench_probe list LIST.csv`: the stages of `shiquan check LIST.csv --json` one by one (read
//!   the cells, read the rows and build the plan, check, write the JSON), to see where the
//!   whole-process time against the pandas peer goes: the first run (a fresh process's, with
//!   every page new) and the fastest of three.
//!
//! Build with `cargo build --release --example bench_probe`.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use egui_kittest::Harness;
use shiquan::analysis::Analysis;
use shiquan::plan::{Document, Plan};
use shiquan::ui::state::Tab;
use shiquan::ui::{ScriptedDialogs, ShiquanApp};

/// The binary's allocator, so that the probe measures what `shiquan` does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), Some(path)) = (args.first(), args.get(1)) else {
        bail!("usage: bench_probe edit|open|frames PLAN.ron [N] | list LIST.csv");
    };
    let count: usize = args.get(2).map_or(Ok(50), |n| n.parse())?;
    match mode.as_str() {
        "edit" => edit(Path::new(path), count),
        "open" => open(Path::new(path)),
        "frames" => frames(Path::new(path), count),
        "list" => list(Path::new(path)),
        other => bail!("unknown mode `{other}`"),
    }
}

fn list(path: &Path) -> anyhow::Result<()> {
    use shiquan::io::import;
    let options = import::ImportOptions::default();
    // The first run (a fresh process, as `shiquan check` is) and the fastest of three.
    let mut runs = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let table = import::read_table(path, &options)?;
        let read = start.elapsed();
        let (index, mapping) = table.detect_mapping().context("no header row")?;
        let list = import::ImportedList::from_table(&table, index, &mapping, &options)?;
        let built = start.elapsed();
        drop(table);
        let plan = list.into_plan();
        let report = shiquan::report::CheckReport::build(&plan, None, shiquan::lang::Lang::Zh)?;
        let checked = start.elapsed();
        let text = serde_json::to_string_pretty(&report)?;
        let written = start.elapsed();
        std::hint::black_box(text);
        runs.push([
            read,
            built.saturating_sub(read),
            checked.saturating_sub(built),
            written.saturating_sub(checked),
        ]);
    }
    let names = ["read_cells", "rows_and_plan", "check", "json"];
    for (i, name) in names.iter().enumerate() {
        let best = runs.iter().map(|r| r[i]).min().unwrap_or_default();
        println!("list_{name}_first_ms\t{:.1}", ms(runs[0][i]));
        println!("list_{name}_best_ms\t{:.1}", ms(best));
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The value at quantile `q` of sorted durations.
fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let last = sorted.len().saturating_sub(1);
    sorted
        .get(((last as f64) * q).round() as usize)
        .copied()
        .unwrap_or_default()
}

fn load(path: &Path) -> anyhow::Result<Plan> {
    shiquan::io::load_path(path).with_context(|| format!("loading {}", path.display()))
}

fn edit(path: &Path, count: usize) -> anyhow::Result<()> {
    let start = Instant::now();
    let plan = load(path)?;
    println!("load_ms\t{:.1}", ms(start.elapsed()));
    let op = shiquan::generate::sample_operation(&plan.baseline)
        .context("the plan has no sample edit (is it a generated plan?)")?;
    let mut full = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        std::hint::black_box(Analysis::full(&plan.baseline, &plan.rules));
        full.push(start.elapsed());
    }
    let mut doc = Document::new(plan);
    let (mut apply, mut pair) = (Vec::new(), Vec::new());
    for _ in 0..count {
        let start = Instant::now();
        doc.apply(op.clone())?;
        apply.push(start.elapsed());
        doc.undo();
        pair.push(start.elapsed());
    }
    for v in [&mut full, &mut apply, &mut pair] {
        v.sort();
    }
    println!("full_analysis_ms\t{:.3}", ms(quantile(&full, 0.5)));
    println!("apply_reanalyse_ms\t{:.4}", ms(quantile(&apply, 0.5)));
    println!("apply_undo_ms\t{:.4}", ms(quantile(&pair, 0.5)));
    Ok(())
}

/// The real app on a plan, as the window tests build it (system CJK fonts, the house style).
fn harness(plan: Plan) -> Harness<'static, ShiquanApp> {
    Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_context_setup(|ctx| {
            ctx.add_font_provider(Arc::new(
                egui_system_font_provider::SystemFontProvider::new().with_locale(Some("zh-Hans")),
            ));
            shiquan::ui::setup_style(ctx);
        })
        .build_eframe(move |_cc| {
            ShiquanApp::new_for_test(plan, Box::new(ScriptedDialogs::default()))
        })
}

/// One frame: egui's pass over the whole app, then tessellation of what it drew.
fn frame(harness: &mut Harness<'static, ShiquanApp>) -> Duration {
    let start = Instant::now();
    harness.step();
    let output = harness.output();
    let shapes = output.shapes.clone();
    let ppp = output.pixels_per_point;
    std::hint::black_box(harness.ctx.tessellate(shapes, ppp));
    start.elapsed()
}

fn open(path: &Path) -> anyhow::Result<()> {
    let start = Instant::now();
    let plan = load(path)?;
    let loaded = start.elapsed();
    let mut harness = harness(plan);
    let built = start.elapsed();
    frame(&mut harness);
    let first = start.elapsed();
    println!("open_load_ms\t{:.1}", ms(loaded));
    println!("open_app_ms\t{:.1}", ms(built.saturating_sub(loaded)));
    println!("open_first_frame_ms\t{:.1}", ms(first));
    Ok(())
}

fn frames(path: &Path, count: usize) -> anyhow::Result<()> {
    let plan = load(path)?;
    let mut harness = harness(plan);
    for tab in Tab::ALL {
        harness.state_mut().ui_state_mut().tab = tab;
        // The first frames of a tab fill its caches and settle the layout.
        for _ in 0..5 {
            frame(&mut harness);
        }
        let mut times = Vec::with_capacity(count);
        // A slow view gets at least 5 frames and at most ~10 s, so that one slow view does not
        // hold up the whole bench at 20,000 × 100.
        let started = Instant::now();
        for i in 0..count {
            if i >= 5 && started.elapsed() > Duration::from_secs(10) {
                break;
            }
            let x = 500.0 + (i % 40) as f32 * 15.0;
            harness.hover_at(egui::pos2(x, 450.0));
            times.push(frame(&mut harness));
        }
        times.sort();
        let name = format!("{tab:?}").to_lowercase();
        println!("frame_{name}_p50_ms\t{:.2}", ms(quantile(&times, 0.5)));
        println!("frame_{name}_p95_ms\t{:.2}", ms(quantile(&times, 0.95)));
    }
    Ok(())
}
