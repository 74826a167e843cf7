//! Kill during save (issue 7): the real `shiquan` binary saves a large generated plan over the
//! same file again and again and is killed (SIGKILL) at random moments, half of them while its
//! temporary file exists (that is, mid-write, mid-fsync or just before the rename). After every
//! kill the plan file is whole: byte for byte the old content or the new one, and it loads. The
//! temporary files a kill leaves behind are hidden (`.NAME.….tmp`) and never named like a plan.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Rng;

/// The generated plan: about 2 MB, generated and saved in some 0.4 s by a debug build.
const DISTRICTS: &str = "20";
const POWERS: &str = "1500";

/// How long the kill loop runs.
const BUDGET: Duration = Duration::from_secs(12);

fn generate(seed: u64, out: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_shiquan"))
        .args(["generate", "--districts", DISTRICTS, "--powers", POWERS])
        .args(["--seed", &seed.to_string(), "--out"])
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts")
}

/// The temporary files in `dir` (anything but the plan itself).
fn leftovers(dir: &Path, plan: &str) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read the folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n != plan)
        .collect()
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_plan_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The two contents the plan file may hold, written by complete runs.
    let mut contents = Vec::new();
    let mut full_run = Duration::ZERO;
    for seed in [1u64, 2] {
        let path = dir.path().join(format!("complete-{seed}.ron"));
        let started = Instant::now();
        let status = generate(seed, &path).wait().expect("runs");
        full_run = full_run.max(started.elapsed());
        assert!(status.success());
        contents.push(std::fs::read(&path).expect("read"));
        std::fs::remove_file(&path).expect("remove");
    }
    assert_ne!(contents[0], contents[1]);
    assert!(contents[0].len() > 1_000_000, "{} bytes", contents[0].len());

    let work = dir.path().join("work");
    std::fs::create_dir(&work).expect("mkdir");
    let plan = work.join("方案.ron");
    std::fs::write(&plan, &contents[0]).expect("the first plan");
    let mut rng = Rng::new(7);
    let started = Instant::now();
    let (mut kills, mut mid_write, mut completed) = (0, 0, 0);
    let mut seed = 2u64;
    while started.elapsed() < BUDGET {
        let mut child = generate(seed, &plan);
        if rng.chance(50) {
            // Wait for the temporary file, then kill within the next 5 ms (write, fsync, rename).
            let deadline = Instant::now() + full_run * 2;
            while leftovers(&work, "方案.ron").is_empty() && Instant::now() < deadline {
                if child.try_wait().expect("poll").is_some() {
                    break;
                }
                std::thread::sleep(Duration::from_micros(200));
            }
            std::thread::sleep(Duration::from_micros(rng.below(5_000) as u64));
        } else {
            let nanos = rng.below(full_run.as_nanos().max(1) as usize) as u64;
            std::thread::sleep(Duration::from_nanos(nanos));
        }
        let was_writing = !leftovers(&work, "方案.ron").is_empty();
        let finished = child.try_wait().expect("poll").is_some();
        let _ = child.kill();
        let status = child.wait().expect("reaped");
        if finished || status.success() {
            completed += 1;
        } else {
            kills += 1;
            if was_writing {
                mid_write += 1;
            }
        }

        let now = std::fs::read(&plan).expect("the plan file is there after every kill");
        let which = contents.iter().position(|c| *c == now).unwrap_or_else(|| {
            panic!(
                "after kill {kills} the plan is neither old nor new ({} bytes)",
                now.len()
            )
        });
        if kills % 10 == 1 {
            shiquan::io::load_path(&plan).unwrap_or_else(|e| panic!("{e}"));
        }
        for name in leftovers(&work, "方案.ron") {
            assert!(
                name.starts_with(".方案.ron.")
                    && Path::new(&name).extension().is_some_and(|e| e == "tmp"),
                "a leftover that could pass for a plan: {name}"
            );
            assert!(
                !Path::new(&name)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("ron")),
                "{name}"
            );
            std::fs::remove_file(work.join(name)).expect("clean up");
        }
        // Next time write the other content, so that old and new always differ.
        seed = if which == 0 { 2 } else { 1 };
    }
    shiquan::io::load_path(&plan).unwrap_or_else(|e| panic!("{e}"));
    eprintln!("{kills} kills ({mid_write} mid-write), {completed} saves completed");
    assert!(kills >= 10, "only {kills} kills in {BUDGET:?}");
    assert!(mid_write >= 3, "only {mid_write} kills landed mid-write");
}
