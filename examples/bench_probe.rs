//! The in-process half of `scripts/bench` (issue 6): figures that a whole process cannot
//! isolate, printed as `name<TAB>value` lines for the script to gather into its table.
//!
//! - `bench_probe edit PLAN.ron [N]`: a full analysis, then N times the sample edit
//!   (`generate::sample_operation`) through `Document::apply` (which re-analyses incrementally)
//!   and its undo; medians of each. On a plan with streets (issue 15), also N times a 赋权 of
//!   50 items to every street of 第1区 (`generate::sample_grant`) and its 收回 (`TakeBack`), each
//!   applied as an operation (both re-analyse), then both undone; medians of each.
//! - `bench_probe open PLAN.ron`: the window's way in (load the file, open the document, build
//!   the app, draw the first frame), timed; run under `/usr/bin/time -v` for its peak memory.
//! - `bench_probe frames PLAN.ron [N]`: the real app in an `egui_kittest` harness without a
//!   renderer; for each tab, N frames (fewer for a view slower than 10 s in all) with the pointer
//!   moving over the centre, and the p50 and p95 of the CPU time per frame (egui's pass plus
//!   tessellation, what a frame costs before the GPU). Then the lanes' gestures: zoomed out
//!   to the whole province (`lanes_zoomed_out`), a background drag (`lanes_pan`), and the
//!   biggest body expanded at full size (`lanes_expanded`). `VIEW` keeps only the views whose
//!   name starts with it (`bench_probe frames PLAN.ron 30 lanes`), for a profile of one view.
//!   Last, `lanes_edit`, `allocation_edit`, `matrix_edit` and `compare_edit`: in that tab, the
//!   sample edit, then its undo and redo in turn, each the two frames that apply it and redraw
//!   (what a drop costs; an edit after an undo would stop at the window's question about the
//!   undone step, and its frames apply nothing); `allocation_status_edit` and `allocation_names_edit` with the table sorted
//!   by status and by the lead bodies' names; and
//!   `compare_scenario_edit` in a new scenario, compared with the baseline. On a plan with
//!   streets, `lanes_grant_edit`, `allocation_grant_edit`, `matrix_grant_edit` and
//!   `compare_grant_edit` do the same with the sample grant of 50 items to 15 streets (in the
//!   scenario that `compare_scenario_edit` made).
//!
//! - `bench_probe list LIST.csv`: the stages of `shiquan check LIST.csv --json` one by one (read
//!   the list into its plan, check, write the JSON), to see where the whole-process time
//!   against the pandas peer goes: the first run (a fresh process's, with every page new) and
//!   the fastest of three.
//!
//! Build with `cargo build --release --example bench_probe`.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use egui_kittest::Harness;
use shiquan::analysis::Analysis;
use shiquan::plan::Plan;
use shiquan::session::Document;
use shiquan::ui::command::{Action, Command};
use shiquan::ui::state::Tab;
use shiquan::ui::{ScriptedDialogs, ShiquanApp};

/// The binary's allocator, so that the probe measures what `shiquan` does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), Some(path)) = (args.first(), args.get(1)) else {
        bail!("usage: bench_probe edit|open PLAN.ron | frames PLAN.ron [N] [VIEW] | list LIST.csv");
    };
    let count: usize = args.get(2).map_or(Ok(50), |n| n.parse())?;
    match mode.as_str() {
        "edit" => edit(Path::new(path), count),
        "open" => open(Path::new(path)),
        "frames" => frames(Path::new(path), count, args.get(3).map(String::as_str)),
        "list" => list(Path::new(path)),
        other => bail!("unknown mode `{other}`"),
    }
}

fn list(path: &Path) -> anyhow::Result<()> {
    use shiquan::io::import;
    let options = import::ImportOptions::default();
    // The first run (a fresh process, as `shiquan check` is, every page new) and the fastest of
    // three.
    let mut runs = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let plan = import::read_list(path, &options)?.into_plan();
        let read = start.elapsed();
        let report = shiquan::report::CheckReport::build(&plan, None, shiquan::text::Lang::Zh)?;
        let checked = start.elapsed();
        let text = serde_json::to_string_pretty(&report)?;
        let written = start.elapsed();
        std::hint::black_box(text);
        runs.push([
            read,
            checked.saturating_sub(read),
            written.saturating_sub(checked),
        ]);
    }
    let names = ["read_and_build", "check", "json"];
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
    // 赋权 and 收回 at street scale: each an operation of its own, re-analysed.
    if let Some(grant) = shiquan::generate::sample_grant(doc.baseline(), GRANT_ITEMS) {
        let take_back = take_back_of(&grant);
        let (mut granted, mut taken) = (Vec::new(), Vec::new());
        for _ in 0..count {
            let start = Instant::now();
            doc.apply(grant.clone())?;
            granted.push(start.elapsed());
            let start = Instant::now();
            doc.apply(take_back.clone())?;
            taken.push(start.elapsed());
            doc.undo();
            doc.undo();
        }
        granted.sort();
        taken.sort();
        if let shiquan::plan::Operation::GrantToStreets {
            powers, receivers, ..
        } = &grant
        {
            println!("grant_items\t{}", powers.len());
            println!("grant_streets\t{}", receivers.len());
        }
        println!("grant_reanalyse_ms\t{:.4}", ms(quantile(&granted, 0.5)));
        println!("take_back_reanalyse_ms\t{:.4}", ms(quantile(&taken, 0.5)));
    }
    Ok(())
}

/// The items of the sample grant (issue 15: a grant of 50 items to 15 streets).
const GRANT_ITEMS: usize = 50;

/// 收回 of what a grant gave.
fn take_back_of(grant: &shiquan::plan::Operation) -> shiquan::plan::Operation {
    match grant {
        shiquan::plan::Operation::GrantToStreets {
            powers, receivers, ..
        } => shiquan::plan::Operation::TakeBack {
            powers: powers.clone(),
            receivers: receivers.clone(),
        },
        other => other.clone(),
    }
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

fn frames(path: &Path, count: usize, only: Option<&str>) -> anyhow::Result<()> {
    let plan = load(path)?;
    let edit = shiquan::generate::sample_operation(&plan.baseline);
    let grant = shiquan::generate::sample_grant(&plan.baseline, GRANT_ITEMS);
    let mut harness = harness(plan);
    let wanted = |name: &str| only.is_none_or(|o| name.starts_with(o));
    for tab in Tab::ALL {
        let name = format!("{tab:?}").to_lowercase();
        if !wanted(&name) {
            continue;
        }
        harness.state_mut().ui_state_mut().tab = tab;
        settle(&mut harness);
        let times = timed(count, |i| {
            let x = 500.0 + (i % 40) as f32 * 15.0;
            harness.hover_at(egui::pos2(x, 450.0));
            frame(&mut harness)
        });
        report(&name, &times);
    }
    // The lanes' gestures at province scale: zoomed out to the whole province, panning with a
    // drag, and one city body expanded (thousands of chips) at full size.
    harness.state_mut().ui_state_mut().tab = Tab::Lanes;
    if wanted("lanes_zoomed_out") {
        harness.state_mut().ui_state_mut().canvas.zoom = 0.12;
        harness.state_mut().ui_state_mut().canvas.pan = egui::vec2(4.0, 4.0);
        settle(&mut harness);
        let times = timed(count, |i| {
            harness.hover_at(egui::pos2(400.0 + (i % 40) as f32 * 15.0, 450.0));
            frame(&mut harness)
        });
        report("lanes_zoomed_out", &times);
    }
    if wanted("lanes_pan") {
        harness.state_mut().ui_state_mut().canvas.zoom = 0.6;
        settle(&mut harness);
        let start = egui::pos2(900.0, 500.0);
        press(&mut harness, start, true);
        let times = timed(count, |i| {
            // Back and forth, so that a long run stays over the plan.
            let step = if (i / 40) % 2 == 0 { -6.0 } else { 6.0 };
            let x = start.x + step * (i % 40) as f32;
            harness.event(egui::Event::PointerMoved(egui::pos2(x, start.y)));
            frame(&mut harness)
        });
        press(&mut harness, start, false);
        report("lanes_pan", &times);
    }
    if wanted("lanes_expanded") {
        let biggest = {
            let app = harness.state();
            app.canvas()
                .layout
                .boxes
                .iter()
                .max_by_key(|b| b.leads + b.others)
                .map(|b| b.id.clone())
        };
        let state = harness.state_mut().ui_state_mut();
        state.canvas.zoom = 1.0;
        state.canvas.expanded.extend(biggest.clone());
        state.canvas.focus = biggest.map(shiquan::ui::state::Selection::Body);
        settle(&mut harness);
        let times = timed(count, |i| {
            harness.hover_at(egui::pos2(500.0 + (i % 40) as f32 * 15.0, 450.0));
            frame(&mut harness)
        });
        report("lanes_expanded", &times);
    }
    // An edit and its undo, each applied by the window and drawn: the two frames after a drop
    // (the document re-analyses, then every cache of the view follows it), in the lanes and
    // in the tabs that keep their own caches.
    if let Some(op) = edit {
        for (name, tab) in [
            ("lanes_edit", Tab::Lanes),
            ("allocation_edit", Tab::Allocation),
            ("matrix_edit", Tab::Matrix),
            ("compare_edit", Tab::Compare),
        ] {
            if wanted(name) {
                harness.state_mut().ui_state_mut().tab = tab;
                report(name, &edit_frames(&mut harness, &op, count));
            }
        }
        // The 分配表 sorted by status and by the lead bodies' names after the edit: orders
        // that interleave powers.
        for (name, column) in [("allocation_status_edit", 7), ("allocation_names_edit", 6)] {
            if wanted(name) {
                harness.state_mut().ui_state_mut().tab = Tab::Allocation;
                harness.state_mut().ui_state_mut().table.sort_column = column;
                report(name, &edit_frames(&mut harness, &op, count));
                harness.state_mut().ui_state_mut().table.sort_column = 0;
            }
        }
        // The comparison as a scenario is edited: the baseline against it, the baseline
        // replayed once and kept.
        if wanted("compare_scenario_edit") {
            harness.state_mut().push(Action::CreateScenario {
                name: "bench".into(),
                duplicate: false,
            });
            harness.state_mut().ui_state_mut().tab = Tab::Compare;
            report(
                "compare_scenario_edit",
                &edit_frames(&mut harness, &op, count),
            );
        }
    }
    // The sample grant (50 items to 15 streets) and its undo, in the current view (the
    // scenario `compare_scenario_edit` made, a copy of the baseline, when that ran).
    if let Some(op) = grant {
        for (name, tab) in [
            ("lanes_grant_edit", Tab::Lanes),
            ("allocation_grant_edit", Tab::Allocation),
            ("matrix_grant_edit", Tab::Matrix),
            ("compare_grant_edit", Tab::Compare),
        ] {
            if wanted(name) {
                harness.state_mut().ui_state_mut().tab = tab;
                report(name, &edit_frames(&mut harness, &op, count));
            }
        }
    }
    Ok(())
}

/// `count` times the two frames that apply `op` or its undo (in turn) and redraw, sorted.
fn edit_frames(
    harness: &mut Harness<'static, ShiquanApp>,
    op: &shiquan::plan::Operation,
    count: usize,
) -> Vec<Duration> {
    settle(harness);
    timed(count, |i| {
        // The edit, then its undo and redo in turn: an edit after an undo would ask first
        // whether to discard the undone step (the frames would then apply nothing).
        if i == 0 {
            let later = harness.state().document().later_steps() > 0;
            harness.state_mut().push(Action::ApplyAll(vec![op.clone()]));
            if later {
                harness.state_mut().push(Command::EditBeforeLaterSteps(
                    shiquan::session::LaterSteps::Discard,
                ));
            }
        } else if i % 2 == 1 {
            harness.state_mut().push(Command::Undo);
        } else {
            harness.state_mut().push(Command::Redo);
        }
        let before = harness.state().document().revision();
        let time = frame(harness) + frame(harness);
        // A frame that applied nothing would be measured as an edit's.
        assert_ne!(
            harness.state().document().revision(),
            before,
            "edit {i} was not applied"
        );
        time
    })
}

/// The first frames of a view fill its caches and settle the layout.
fn settle(harness: &mut Harness<'static, ShiquanApp>) {
    for _ in 0..5 {
        frame(harness);
    }
}

/// Up to `count` frames, sorted by time: a slow view gets at least 5 frames and at most ~10 s,
/// so that one slow view does not hold up the whole bench at 20,000 × 100.
fn timed(count: usize, mut one: impl FnMut(usize) -> Duration) -> Vec<Duration> {
    let mut times = Vec::with_capacity(count);
    let started = Instant::now();
    for i in 0..count {
        if i >= 5 && started.elapsed() > Duration::from_secs(10) {
            break;
        }
        times.push(one(i));
    }
    times.sort();
    times
}

fn report(name: &str, sorted: &[Duration]) {
    println!("frame_{name}_p50_ms\t{:.2}", ms(quantile(sorted, 0.5)));
    println!("frame_{name}_p95_ms\t{:.2}", ms(quantile(sorted, 0.95)));
}

/// Presses (or releases) the primary button at `pos`.
fn press(harness: &mut Harness<'static, ShiquanApp>, pos: egui::Pos2, pressed: bool) {
    harness.event(egui::Event::PointerMoved(pos));
    harness.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    });
    frame(harness);
}
