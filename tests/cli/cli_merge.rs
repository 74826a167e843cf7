//! `shiquan merge BASE OURS THEIRS --out MERGED [--json]` as a process (issue 19): exit 0 when
//! clean, the merged plan checking (`check --json`) as the two edits applied in turn; exit 1
//! with conflicts, each listed with its place and the three values, in Chinese, in English and
//! as JSON, the merged plan written with ours; exit 2, nothing written, for an out path that is
//! BASE or THEIRS, a folder or a missing folder, and for a merge that does not hold together;
//! `--out OURS` replaced atomically; and as a git merge driver in a real repository.

use std::path::Path;
use std::process::Command;

use crate::common::cli::shiquan;
use shiquan::io;
use shiquan::model::BodyId;
use shiquan::plan::{BodyEdit, Operation, Plan};

fn seed() -> Plan {
    io::seed::seed_plan().expect("the seed plan loads")
}

fn rename(plan: &mut Plan, body: &str, name: &str) {
    Operation::EditBody {
        body: BodyId::new(body),
        edit: BodyEdit::Name(name.to_owned()),
    }
    .apply(&mut plan.baseline)
    .expect("a rename applies");
}

fn edit_body(plan: &mut Plan, body: &str, edit: BodyEdit) {
    Operation::EditBody {
        body: BodyId::new(body),
        edit,
    }
    .apply(&mut plan.baseline)
    .expect("the edit applies");
}

fn save(plan: &Plan, path: &Path) {
    io::save_path(plan, path).expect("saves");
}

fn p(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// Base, ours (a rename) and theirs (a budget and a supervisor, and a step) in `dir`; and the
/// plan with ours' edits then theirs' applied in turn.
fn independent(dir: &Path) -> Plan {
    let base = seed();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let mut in_turn = base.clone();
    for plan in [&mut ours, &mut in_turn] {
        rename(plan, "city-zjj", "市住房和城乡建设委员会");
    }
    let step = Operation::EditBody {
        body: BodyId::new("city-cgj"),
        edit: BodyEdit::BudgetWan(999),
    };
    for plan in [&mut theirs, &mut in_turn] {
        edit_body(plan, "city-zjj", BodyEdit::BudgetWan(1500));
        plan.scenarios[0].operations.push(step.clone().into());
    }
    save(&base, &dir.join("base.ron"));
    save(&ours, &dir.join("ours.ron"));
    save(&theirs, &dir.join("theirs.ron"));
    in_turn
}

#[test]
fn independent_edits_exit_0_and_check_as_the_edits_applied_in_turn() {
    let dir = tempfile::tempdir().expect("temp dir");
    let in_turn = independent(dir.path());
    let expected = dir.path().join("in-turn.ron");
    save(&in_turn, &expected);
    let merged = dir.path().join("merged.ron");
    let (code, stdout, stderr) = shiquan(&[
        "merge",
        p(&dir.path().join("base.ron")),
        p(&dir.path().join("ours.ron")),
        p(&dir.path().join("theirs.ron")),
        "--out",
        p(&merged),
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("没有冲突"), "{stdout}");
    let scenario = in_turn.scenarios[0].id.to_string();
    for extra in [vec![], vec!["--scenario", scenario.as_str()]] {
        let check = |plan: &Path| {
            let mut args = vec!["check", p(plan), "--json"];
            args.extend(extra.iter().copied());
            shiquan(&args)
        };
        let (merged_code, merged_json, _) = check(&merged);
        let (turn_code, turn_json, _) = check(&expected);
        assert_eq!(merged_code, turn_code);
        assert_eq!(merged_json, turn_json, "check --json {extra:?}");
    }
    assert_eq!(
        std::fs::read(&merged).expect("written"),
        std::fs::read(&expected).expect("written")
    );
}

#[test]
fn a_body_renamed_differently_exits_1_lists_the_conflict_and_writes_ours() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = seed();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    rename(&mut ours, "city-zjj", "市住建委");
    rename(&mut theirs, "city-zjj", "市建设局");
    let [b, o, t, m] =
        ["base", "ours", "theirs", "merged"].map(|n| dir.path().join(format!("{n}.ron")));
    save(&base, &b);
    save(&ours, &o);
    save(&theirs, &t);
    let run = |extra: &[&str]| {
        let mut args = vec!["merge", p(&b), p(&o), p(&t), "--out", p(&m)];
        args.extend_from_slice(extra);
        shiquan(&args)
    };
    let (code, zh, _) = run(&[]);
    assert_eq!(code, 1, "{zh}");
    for text in [
        "合并有 1 处冲突",
        "baseline.bodies[city-zjj].name",
        "双方改得不同",
        "原值 (base)：\"市住房和城乡建设局\"",
        "我方 (ours)：\"市住建委\"",
        "对方 (theirs)：\"市建设局\"",
        "合并结果取：我方",
    ] {
        assert!(zh.contains(text), "lacks {text} in:\n{zh}");
    }
    let written = io::load_path(&m).expect("the merged plan loads");
    assert_eq!(
        written.baseline.body_name(&BodyId::new("city-zjj")),
        "市住建委"
    );

    let (code, en, _) = run(&["--lang", "en"]);
    assert_eq!(code, 1);
    for text in [
        "1 conflict",
        "both sides changed it differently",
        "base: \"市住房和城乡建设局\"",
        "merged: ours",
    ] {
        assert!(en.contains(text), "lacks {text} in:\n{en}");
    }

    let (code, json, _) = run(&["--json"]);
    assert_eq!(code, 1);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(value["clean"], false);
    let conflict = &value["conflicts"][0];
    assert_eq!(conflict["place"], "baseline.bodies[city-zjj].name");
    assert_eq!(conflict["kind"], "both_changed");
    assert_eq!(conflict["base"], "市住房和城乡建设局");
    assert_eq!(conflict["ours"], "市住建委");
    assert_eq!(conflict["theirs"], "市建设局");
    assert_eq!(conflict["held"], "ours");
}

#[test]
fn out_paths_that_are_inputs_folders_or_nowhere_exit_2_and_write_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    independent(dir.path());
    let [b, o, t] = ["base", "ours", "theirs"].map(|n| dir.path().join(format!("{n}.ron")));
    let before: Vec<Vec<u8>> = [&b, &o, &t]
        .iter()
        .map(|f| std::fs::read(f).expect("read"))
        .collect();
    let folder = dir.path().join("a-folder");
    std::fs::create_dir(&folder).expect("mkdir");
    let nowhere = dir.path().join("missing/merged.ron");
    for (out, expected) in [
        (&b, "--out"),
        (&t, "--out"),
        (&folder, "a-folder"),
        (&nowhere, "missing"),
    ] {
        let (code, stdout, stderr) = shiquan(&["merge", p(&b), p(&o), p(&t), "--out", p(out)]);
        assert_eq!(code, 2, "{}: {stdout}{stderr}", out.display());
        assert!(stderr.contains(expected), "{}: {stderr}", out.display());
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    let after: Vec<Vec<u8>> = [&b, &o, &t]
        .iter()
        .map(|f| std::fs::read(f).expect("read"))
        .collect();
    assert_eq!(before, after, "no input changed");
    assert!(!nowhere.exists());
    assert_eq!(std::fs::read_dir(&folder).expect("a folder").count(), 0);
}

#[test]
fn out_equal_to_ours_is_replaced_with_the_merge() {
    let dir = tempfile::tempdir().expect("temp dir");
    let in_turn = independent(dir.path());
    let [b, o, t] = ["base", "ours", "theirs"].map(|n| dir.path().join(format!("{n}.ron")));
    let (code, stdout, stderr) = shiquan(&["merge", p(&b), p(&o), p(&t), "--out", p(&o)]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(
        std::fs::read_to_string(&o).expect("read"),
        io::to_text(&in_turn).expect("writes")
    );
}

#[test]
fn a_merge_that_does_not_hold_together_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = seed();
    // Two bodies, each made the other's parent on one side: a cycle, which neither side has.
    let named = format!("{:?}", base.scenarios);
    let unnamed: Vec<BodyId> = base
        .baseline
        .bodies()
        .values()
        .filter(|b| b.parent.is_none() && !named.contains(&format!("\"{}\"", b.id)))
        .map(|b| b.id.clone())
        .collect();
    let parent_of = |plan: &Plan, child: &BodyId, parent: &BodyId| {
        let mut plan = plan.clone();
        let edit = Operation::EditBody {
            body: child.clone(),
            edit: BodyEdit::Parent(Some(parent.clone())),
        };
        (edit.apply(&mut plan.baseline).is_ok()
            && io::plan_file::check_plan_scenarios(&plan, "side").is_ok())
        .then_some(plan)
    };
    let (ours, theirs) = unnamed
        .iter()
        .flat_map(|a| unnamed.iter().map(move |b| (a, b)))
        .filter(|(a, b)| a != b)
        .find_map(|(a, b)| Some((parent_of(&base, a, b)?, parent_of(&base, b, a)?)))
        .expect("two bodies that can be each other's parent");
    let [b, o, t, m] =
        ["base", "ours", "theirs", "merged"].map(|n| dir.path().join(format!("{n}.ron")));
    save(&base, &b);
    save(&ours, &o);
    save(&theirs, &t);
    let (code, stdout, stderr) = shiquan(&["merge", p(&b), p(&o), p(&t), "--out", p(&m)]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(
        stderr.contains("合并结果不成立") && stderr.contains("cycle"),
        "{stderr}"
    );
    assert!(!m.exists(), "nothing written");
}

#[test]
fn unreadable_inputs_exit_2_naming_the_file_and_write_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    independent(dir.path());
    let [b, o, t, m] =
        ["base", "ours", "theirs", "merged"].map(|n| dir.path().join(format!("{n}.ron")));
    let missing = dir.path().join("no-such-plan.ron");
    for args in [
        [&missing, &o, &t],
        [&b, &missing, &t],
        [&b, &o, &missing],
        [&b, &dir.path().to_path_buf(), &t],
    ] {
        let (code, _, stderr) =
            shiquan(&["merge", p(args[0]), p(args[1]), p(args[2]), "--out", p(&m)]);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("cannot read"), "{stderr}");
        assert!(!m.exists());
    }
}

fn git(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "测试")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "测试")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// The README's recipe, for real: `.gitattributes` and `merge.shiquan.driver`, two branches
/// that edit one plan apart, `git merge` merges them clean; two that rename one body
/// differently stop with a conflict, the file holding ours and git naming it.
#[test]
fn as_a_git_merge_driver_two_branches_merge_and_a_clash_stops_the_merge() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let repo = tempfile::tempdir().expect("temp dir");
    let dir = repo.path();
    let ok = |args: &[&str]| {
        let (ok, text) = git(dir, args);
        assert!(ok, "git {args:?}: {text}");
        text
    };
    ok(&["init", "-q", "-b", "main"]);
    let driver = format!("{} merge %O %A %B --out %A", env!("CARGO_BIN_EXE_shiquan"));
    ok(&["config", "merge.shiquan.name", "事权沙盘方案合并"]);
    ok(&["config", "merge.shiquan.driver", &driver]);
    std::fs::write(dir.join(".gitattributes"), "*.ron merge=shiquan\n").expect("write");
    let plan = dir.join("plan.ron");
    let base = seed();
    save(&base, &plan);
    ok(&["add", "."]);
    ok(&["commit", "-q", "-m", "现状"]);
    ok(&["tag", "base"]);

    ok(&["checkout", "-q", "-b", "fazhiban"]);
    let mut theirs = base.clone();
    edit_body(&mut theirs, "city-zjj", BodyEdit::BudgetWan(1500));
    save(&theirs, &plan);
    ok(&["commit", "-q", "-am", "法制办：预算"]);

    ok(&["checkout", "-q", "main"]);
    let mut ours = base.clone();
    rename(&mut ours, "city-zjj", "市住建委");
    save(&ours, &plan);
    ok(&["commit", "-q", "-am", "编办：改名"]);

    // The lines of the one record differ on both sides: git's own merge would stop here.
    ok(&["merge", "-q", "--no-edit", "fazhiban"]);
    let merged = io::load_path(&plan).expect("the merged plan loads");
    let body = merged
        .baseline
        .body(&BodyId::new("city-zjj"))
        .expect("kept");
    assert_eq!((body.name.as_str(), body.budget_wan), ("市住建委", 1500));

    ok(&["checkout", "-q", "-b", "clash", "base"]);
    let mut clash = base.clone();
    rename(&mut clash, "city-zjj", "市建设局");
    save(&clash, &plan);
    ok(&["commit", "-q", "-am", "另一改名"]);
    ok(&["checkout", "-q", "main"]);
    let (merged_ok, text) = git(dir, &["merge", "--no-edit", "clash"]);
    assert!(!merged_ok, "a clash stops the merge: {text}");
    assert!(text.contains("plan.ron"), "{text}");
    let held = io::load_path(&plan).expect("the file holds ours and loads");
    assert_eq!(
        held.baseline.body_name(&BodyId::new("city-zjj")),
        "市住建委"
    );
}
