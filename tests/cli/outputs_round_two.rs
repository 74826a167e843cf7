//! Outputs, round two (issue 16, part A), through the real binary where a user would meet the
//! case: an `--out` that is an input, a device, a FIFO, a folder, a socket or a symbolic link;
//! a picture of a megabyte's title or of 20,000 districts (each under a time limit: the child is
//! killed, never waited for without end); a budget of `u64::MAX`; characters XML forbids;
//! Markdown and terminal injection; formula escapes behind blanks or in full width; Excel's
//! limits of 255 characters for a page header and 32,767 for a cell.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use shiquan::io::export::{self, ExportFormat, ExportOptions, TableKind};
use shiquan::model::{
    Body, BodyId, BodyKind, Holding, Jurisdiction, JurisdictionId, Level, Power, PowerId,
    PowerKind, Role, Staffing, State, StateRecords,
};
use shiquan::plan::{BodyEdit, Operation, Plan, PowerEdit, Scenario};

/// What a run of the binary gave: exit code (-1 when killed by a signal), stdout, stderr and
/// how long it took.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    took: Duration,
}

/// Runs `shiquan ARGS…`, killing it and failing the test when it takes longer than `limit`.
fn shiquan_within<S: AsRef<OsStr>>(args: &[S], limit: Duration) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_shiquan"));
    command.args(args);
    let started = Instant::now();
    let (code, stdout, stderr) = crate::common::process::run_within(command, limit);
    Run {
        code,
        stdout,
        stderr,
        took: started.elapsed(),
    }
}

/// The limit of a run that should be quick.
const QUICK: Duration = Duration::from_mins(1);

/// The limit of the runs that were quadratic (a debug build takes 2–5 s for them; before the
/// fix they took minutes).
const LINEAR: Duration = Duration::from_secs(30);

fn run<S: AsRef<OsStr>>(args: &[S]) -> Run {
    shiquan_within(args, QUICK)
}

fn seed() -> Plan {
    shiquan::io::seed::seed_plan().expect("the seed plan loads")
}

fn save(plan: &Plan, path: &Path) {
    shiquan::io::save_path(plan, path).expect("the plan saves");
}

/// The seed plan with its first body renamed.
fn seed_with_body_name(name: &str) -> Plan {
    let mut plan = seed();
    let body = first_body(&plan);
    Operation::EditBody {
        body,
        edit: BodyEdit::Name(name.to_owned()),
    }
    .apply(&mut plan.baseline)
    .expect("a rename applies");
    plan
}

fn first_body(plan: &Plan) -> BodyId {
    plan.baseline
        .bodies()
        .keys()
        .next()
        .cloned()
        .expect("the seed has bodies")
}

fn first_power(plan: &Plan) -> PowerId {
    plan.baseline
        .powers()
        .keys()
        .next()
        .cloned()
        .expect("the seed has powers")
}

fn rename_power(plan: &mut Plan, power: &PowerId, name: &str) {
    Operation::EditPower {
        power: power.clone(),
        edit: PowerEdit::Name(name.to_owned()),
    }
    .apply(&mut plan.baseline)
    .expect("a rename applies");
}

fn bytes_of(plan: &Plan, format: ExportFormat, table: TableKind) -> Vec<u8> {
    let options = ExportOptions {
        table,
        ..ExportOptions::default()
    };
    export::export_bytes(plan, format, &options).unwrap_or_else(|e| panic!("{e}"))
}

fn text_of(plan: &Plan, format: ExportFormat) -> String {
    String::from_utf8(bytes_of(plan, format, TableKind::Allocation)).expect("UTF-8")
}

fn p(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

// ---------------------------------------------------------------------------------------------
// 1. An --out that is an input.

#[test]
fn an_out_that_names_an_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("plan.ron");
    save(&seed(), &plan);
    let before = std::fs::read(&plan).expect("read");

    let mut clashes: Vec<PathBuf> = vec![plan.clone(), dir.path().join(".").join("plan.ron")];
    let hard = dir.path().join("hard.ron");
    std::fs::hard_link(&plan, &hard).expect("a hard link");
    clashes.push(hard);
    #[cfg(unix)]
    {
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&plan, &link).expect("a symlink");
        clashes.push(link);
    }
    for out in &clashes {
        let r = run(&["export", p(&plan), "--format", "csv", "--out", p(out)]);
        assert_eq!(r.code, 2, "--out {}: {}", out.display(), r.stderr);
        assert!(
            r.stderr.contains("--out") && r.stderr.contains("另选输出文件"),
            "{}",
            r.stderr
        );
        assert_eq!(
            std::fs::read(&plan).expect("read"),
            before,
            "{}",
            out.display()
        );
    }

    // A list imported over itself, or over a list of a folder read as the input.
    let lists = dir.path().join("lists");
    std::fs::create_dir(&lists).expect("mkdir");
    let list = lists.join("清单.csv");
    let r = run(&[
        "export",
        "--table",
        "list",
        "--format",
        "csv",
        "--out",
        p(&list),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let list_before = std::fs::read(&list).expect("read");
    for args in [
        vec!["import", p(&list), "--out", p(&list)],
        vec!["import", p(&lists), "--out", p(&list)],
    ] {
        let r = run(&args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains("另选输出文件"), "{}", r.stderr);
        assert_eq!(std::fs::read(&list).expect("read"), list_before);
    }
    // A plan written into the folder of lists is no input.
    let out = lists.join("plan.ron");
    let r = run(&["import", p(&lists), "--out", p(&out)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(shiquan::io::load_path(&out).is_ok());
}

// ---------------------------------------------------------------------------------------------
// 2. Devices, FIFOs, folders and sockets.

#[cfg(unix)]
#[test]
fn a_device_or_a_fifo_is_written_into_not_replaced() {
    use std::os::unix::fs::FileTypeExt;

    let r = run(&["export", "--format", "csv", "--out", "/dev/null"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let null = std::fs::metadata("/dev/null").expect("/dev/null");
    assert!(null.file_type().is_char_device(), "/dev/null was replaced");

    // /dev/stdout is the pipe the test reads.
    let r = run(&["export", "--format", "csv", "--out", "/dev/stdout"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let expected = bytes_of(&seed(), ExportFormat::Csv, TableKind::Allocation);
    assert_eq!(r.stdout.as_bytes(), expected);

    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("管道.csv");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).expect("read the FIFO"))
    };
    let r = run(&["export", "--format", "csv", "--out", p(&fifo)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(reader.join().expect("reader"), expected);
    let kind = std::fs::symlink_metadata(&fifo)
        .expect("the FIFO")
        .file_type();
    assert!(kind.is_fifo(), "the FIFO was replaced");
    assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 1);
}

#[cfg(unix)]
#[test]
fn a_folder_or_a_socket_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().expect("temp dir");
    let r = run(&["export", "--format", "csv", "--out", p(dir.path())]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("是文件夹") && r.stderr.contains("name a file"),
        "{}",
        r.stderr
    );
    let socket = dir.path().join("s.csv");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).expect("a socket");
    let r = run(&["export", "--format", "csv", "--out", p(&socket)]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("套接字") && r.stderr.contains("regular file"),
        "{}",
        r.stderr
    );
    let names: BTreeSet<String> = std::fs::read_dir(dir.path())
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, BTreeSet::from(["s.csv".to_owned()]));
}

// ---------------------------------------------------------------------------------------------
// 3. Symbolic links and modes.

#[cfg(unix)]
#[test]
fn a_symlink_is_written_through_and_the_mode_kept() {
    use std::os::unix::fs::PermissionsExt;

    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("target.md");
    std::fs::write(&target, "old").expect("write");
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink("target.md", &link).expect("a symlink");

    let r = run(&["export", "--format", "md", "--out", p(&link)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let link_meta = std::fs::symlink_metadata(&link).expect("the link");
    assert!(link_meta.file_type().is_symlink(), "the link was replaced");
    let written = std::fs::read_to_string(&target).expect("read");
    assert!(written.starts_with("# "), "{written}");
    let mode = std::fs::metadata(&target)
        .expect("meta")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);

    // A plain file keeps its mode too.
    let plain = dir.path().join("plain.csv");
    std::fs::write(&plain, "old").expect("write");
    std::fs::set_permissions(&plain, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let r = run(&["export", "--format", "csv", "--out", p(&plain)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mode = std::fs::metadata(&plain)
        .expect("meta")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640);

    // A dangling link's target is created, in the link's folder; the link stays.
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).expect("mkdir");
    let dangling = sub.join("dangling.dot");
    std::os::unix::fs::symlink("../new.dot", &dangling).expect("a symlink");
    let r = run(&["export", "--format", "dot", "--out", p(&dangling)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        std::fs::symlink_metadata(&dangling)
            .expect("the link")
            .file_type()
            .is_symlink()
    );
    let created = std::fs::read_to_string(dir.path().join("new.dot")).expect("created");
    assert!(created.starts_with("digraph"));
}

// ---------------------------------------------------------------------------------------------
// 5. Pictures in linear time.

/// A plan of `districts` districts with two bodies each, one power held by the city and the
/// first body of every district.
fn province(districts: usize) -> Plan {
    let mut records = StateRecords::default();
    let city = JurisdictionId::new("city");
    records.jurisdictions.push(Jurisdiction {
        id: city.clone(),
        name: "本市".into(),
        level: Level::City,
        parent: None,
    });
    let body = |id: String, name: String, jurisdiction: JurisdictionId| Body {
        id: BodyId::new(id),
        name,
        kind: BodyKind::Admin,
        jurisdiction,
        parent: None,
        tags: BTreeSet::new(),
        staffing: Staffing::default(),
        budget_wan: 0,
        standing: None,
        supervisor: None,
    };
    records
        .bodies
        .push(body("city-body".into(), "市城管局".into(), city.clone()));
    let power = PowerId::new("P001");
    records.powers.push(Power {
        main_item: None,
        duties: String::new(),
        accountability: String::new(),
        code: power.clone(),
        name: "占道经营处罚".into(),
        kind: PowerKind::ALL[0],
        field: "市容环卫".into(),
        basis: String::new(),
        matter: None,
    });
    let holding = |body: &str| Holding {
        listing: None,
        power: power.clone(),
        body: BodyId::new(body),
        role: Role::Assist,
        excludes: shiquan::model::Excludes::default(),
        cases: None,
        grant: None,
    };
    records.holdings.push(holding("city-body"));
    for d in 0..districts {
        let id = JurisdictionId::new(format!("d{d:05}"));
        records.jurisdictions.push(Jurisdiction {
            id: id.clone(),
            name: format!("第{d}区"),
            level: Level::District,
            parent: Some(city.clone()),
        });
        for b in 0..2 {
            let body_id = format!("d{d:05}-b{b}");
            records
                .bodies
                .push(body(body_id.clone(), format!("第{d}区机构{b}"), id.clone()));
            if b == 0 {
                records.holdings.push(Holding {
                    role: Role::Lead,
                    ..holding(&body_id)
                });
            }
        }
    }
    let mut plan = Plan::new("两万个区");
    plan.baseline = State::from_records(records).expect("a valid state");
    plan
}

#[test]
fn twenty_thousand_districts_give_an_svg_in_seconds_and_a_png_refused_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let plan = dir.path().join("province.ron");
    save(&province(20_000), &plan);
    let svg = dir.path().join("province.svg");
    let r = shiquan_within(&["export", p(&plan), "--out", p(&svg)], LINEAR);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&svg).expect("the SVG");
    assert_eq!(text.matches("<g>").count(), 40_001);
    eprintln!("SVG of 20,000 districts: {:?}", r.took);

    let png = dir.path().join("province.png");
    let r = shiquan_within(&["export", p(&plan), "--out", p(&png)], LINEAR);
    eprintln!("PNG of 20,000 districts refused after {:?}", r.took);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("PNG") && r.stderr.contains("SVG") && r.stderr.contains("20001"),
        "{}",
        r.stderr
    );
    assert!(!png.exists());
}

#[test]
fn a_title_of_a_megabyte_gives_a_png_in_seconds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut plan = seed();
    // 3 bytes a character: a megabyte.
    plan.title = "城".repeat(350_000);
    let path = dir.path().join("plan.ron");
    save(&plan, &path);
    let png = dir.path().join("plan.png");
    let r = shiquan_within(&["export", p(&path), "--out", p(&png)], LINEAR);
    eprintln!("PNG of a 1 MB title: {:?}", r.took);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let bytes = std::fs::read(&png).expect("the PNG");
    assert!(bytes.starts_with(b"\x89PNG"));

    // The SVG keeps the whole title in <title> and draws its first line.
    let svg = text_of(&plan, ExportFormat::Svg);
    let doc = shiquan::io::export::svg::xml_escape(&plan.title);
    assert!(svg.contains(&format!("<title>{doc}")));
    let drawn = svg
        .lines()
        .find(|l| l.contains("font-size=\"20\""))
        .expect("the drawn title");
    assert!(
        drawn.len() < 1_000 && drawn.contains('…'),
        "{}",
        drawn.len()
    );
}

// ---------------------------------------------------------------------------------------------
// 6. Big numbers.

#[test]
fn the_largest_budget_a_plan_records_is_written_digit_for_digit() {
    // The model refuses a budget beyond what it records (10^12 万元); the writers themselves
    // write every u64 exactly (the unit tests of export::csv and export::xlsx try u64::MAX).
    let mut plan = seed();
    let body = first_body(&plan);
    let beyond = Operation::EditBody {
        body: body.clone(),
        edit: BodyEdit::BudgetWan(u64::MAX),
    }
    .apply(&mut plan.baseline.clone());
    let budget = if beyond.is_ok() {
        u64::MAX
    } else {
        1_000_000_000_000
    };
    Operation::EditBody {
        body,
        edit: BodyEdit::BudgetWan(budget),
    }
    .apply(&mut plan.baseline)
    .expect("applies");
    let digits = budget.to_string();
    let csv =
        String::from_utf8(bytes_of(&plan, ExportFormat::Csv, TableKind::Bodies)).expect("UTF-8");
    assert!(csv.contains(&format!(",{digits},")), "CSV");
    for format in [ExportFormat::Html, ExportFormat::Markdown] {
        assert!(text_of(&plan, format).contains(&digits), "{format:?}");
    }
    let xlsx = bytes_of(&plan, ExportFormat::Xlsx, TableKind::Allocation);
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).expect("the workbook opens");
    let range = calamine::Reader::worksheet_range(&mut book, "机构与编制").expect("the sheet");
    let found = range.rows().flatten().any(|c| c.to_string() == digits);
    assert!(found, "no cell holds {digits}");
    let minus_one = [calamine::Data::Float(-1.0), calamine::Data::Int(-1)];
    assert!(!range.rows().flatten().any(|c| minus_one.contains(c)));
}

// ---------------------------------------------------------------------------------------------
// 7. Characters XML forbids.

#[test]
fn characters_xml_forbids_leave_every_document_well_formed() {
    let mut plan = seed_with_body_name("机构\u{0}\u{1b}\u{fffe}\u{ffff}\u{7}\r乙");
    plan.title = "标题\u{fffe}\u{0}".to_owned();
    let svg = text_of(&plan, ExportFormat::Svg);
    if let Err(e) = resvg::usvg::roxmltree::Document::parse(&svg) {
        panic!("the SVG does not parse: {e}");
    }
    let html = text_of(&plan, ExportFormat::Html);
    let dot = text_of(&plan, ExportFormat::Dot);
    let markdown = text_of(&plan, ExportFormat::Markdown);
    for (name, text) in [("HTML", &html), ("DOT", &dot), ("Markdown", &markdown)] {
        let bad = text.chars().find(|c| {
            matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
        });
        assert_eq!(bad, None, "{name}");
    }
    assert!(!dot.as_bytes().contains(&0));
    assert!(dot.contains("机构\u{fffd}"));
    // The workbook's XML parses: calamine reads the cell back.
    let xlsx = bytes_of(&plan, ExportFormat::Xlsx, TableKind::Allocation);
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).expect("the workbook opens");
    let range = calamine::Reader::worksheet_range(&mut book, "机构与编制").expect("the sheet");
    assert!(
        range
            .rows()
            .flatten()
            .any(|c| c.to_string().starts_with("机构"))
    );
}

// ---------------------------------------------------------------------------------------------
// 8. Markdown (and HTML) injection.

#[test]
fn markdown_and_html_show_markup_as_text() {
    let mut plan = seed_with_body_name("<img src=x onerror=alert(1)>|`x`");
    plan.title = "<script>alert(1)</script>\n# 伪造的标题".to_owned();
    let scenario = Scenario {
        id: shiquan::model::ScenarioId::new("s1"),
        name: "方案\n## 伪造的小节".to_owned(),
        description: "说明\n# 伪造\n> 引用\n- 列表\n<script>x</script>".to_owned(),
        operations: Vec::new(),
    };
    plan.scenarios.push(scenario);
    let options = ExportOptions {
        scenario: Some(shiquan::model::ScenarioId::new("s1")),
        ..ExportOptions::default()
    };
    for format in [ExportFormat::Markdown, ExportFormat::Html] {
        let text = String::from_utf8(
            export::export_bytes(&plan, format, &options).unwrap_or_else(|e| panic!("{e}")),
        )
        .expect("UTF-8");
        for markup in ["<script", "<img", "</script"] {
            assert!(!text.contains(markup), "{format:?} holds {markup}");
        }
        if format == ExportFormat::Markdown {
            let forged: Vec<&str> = text
                .lines()
                .filter(|l| l.contains("伪造") && l.starts_with(['#', '>', '-']))
                .filter(|l| !l.starts_with("# &lt;script"))
                .collect();
            assert!(forged.is_empty(), "{forged:?}");
            let headings = text.lines().filter(|l| l.starts_with('#')).count();
            // The title, 概况 and the four tables.
            assert_eq!(headings, 6, "{text}");
            let row = text
                .lines()
                .find(|l| l.contains("onerror"))
                .expect("the body's row");
            assert!(row.contains("\\|") && row.contains("\\`"), "{row}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 9. Terminal escapes.

#[test]
fn check_and_import_show_control_characters_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut plan = seed_with_body_name("机构\u{1b}[31m红\u{202e}反");
    plan.title = "标题\u{1b}]0;伪造\u{7}\u{9b}2J\u{2066}".to_owned();
    let path = dir.path().join("plan.ron");
    save(&plan, &path);
    let raw = |text: &str| {
        text.chars().find(|c| {
            matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
    };
    let r = run(&["check", p(&path)]);
    let stdout = r.stdout;
    assert_eq!(raw(&stdout), None, "{stdout:?}");
    assert!(
        stdout.contains("标题\\u{1b}]0;伪造\\u{7}\\u{9b}2J\\u{2066}"),
        "{stdout}"
    );

    let r = run(&["check", p(&path), "--json"]);
    let stdout = r.stdout;
    assert_eq!(raw(&stdout), None, "{stdout:?}");
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(json["plan"], plan.title.as_str());

    // An import error quotes the cell.
    let list = dir.path().join("list.csv");
    std::fs::write(
        &list,
        "事项编码,事项名称,权力类型,实施主体,行使层级\nA1,名称,\u{1b}[2J\u{202e}怪,市城管局,市级\n",
    )
    .expect("write");
    let r = run(&["import", p(&list), "--out", p(&dir.path().join("out.ron"))]);
    assert_eq!(r.code, 2);
    assert_eq!(raw(&r.stderr), None, "{:?}", r.stderr);
    assert!(r.stderr.contains("\\u{1b}[2J\\u{202e}怪"), "{}", r.stderr);
}

// ---------------------------------------------------------------------------------------------
// 10. Formula escapes.

#[test]
fn formula_looking_texts_behind_blanks_or_in_full_width_round_trip_through_the_cli() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut plan = seed();
    let names = [
        " =SUM(1)",
        "\t+1",
        "\n-1",
        "＝HYPERLINK(x)",
        "＋1",
        "－1",
        "＠x",
        "'=x",
        "'abc",
    ];
    let codes: Vec<PowerId> = plan
        .baseline
        .powers()
        .keys()
        .take(names.len())
        .cloned()
        .collect();
    for (code, name) in codes.iter().zip(names) {
        rename_power(&mut plan, code, name);
    }
    let path = dir.path().join("plan.ron");
    save(&plan, &path);
    let list = dir.path().join("list.csv");
    let r = run(&["export", p(&path), "--table", "list", "--out", p(&list)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let csv = std::fs::read(&list).expect("read");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.strip_prefix(b"\xEF\xBB\xBF".as_slice()).expect("a BOM"));
    for record in reader.records() {
        for field in &record.expect("a record") {
            // What a spreadsheet sees once it trims the cell.
            assert!(
                !export::looks_like_formula(field.trim()),
                "unescaped {field:?}"
            );
        }
    }
    let again = dir.path().join("again.ron");
    let r = run(&["import", p(&list), "--out", p(&again)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let back = shiquan::io::load_path(&again).expect("loads");
    let back_names: BTreeSet<&str> = back
        .baseline
        .powers()
        .values()
        .map(|p| p.name.as_str())
        .collect();
    for name in names {
        // The importer trims a cell's blanks; the escape keeps them inside the quote.
        assert!(back_names.contains(name), "{name:?} came back otherwise");
    }
}

// ---------------------------------------------------------------------------------------------
// 11. Excel's limits.

#[test]
fn a_long_title_keeps_the_page_header_and_prints_no_library_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut plan = seed();
    plan.title = "很长的标题&".repeat(60);
    let path = dir.path().join("plan.ron");
    save(&plan, &path);
    let out = dir.path().join("plan.xlsx");
    let r = run(&["export", p(&path), "--out", p(&out)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    let file = std::fs::File::open(&out).expect("the workbook");
    let mut archive = zip::ZipArchive::new(file).expect("a zip");
    let mut sheet = String::new();
    archive
        .by_name("xl/worksheets/sheet1.xml")
        .expect("the first sheet")
        .read_to_string(&mut sheet)
        .expect("read");
    let start = sheet.find("<oddHeader>").expect("the page header is there") + 11;
    let end = sheet[start..].find("</oddHeader>").expect("closed") + start;
    let header = sheet[start..end].replace("&amp;", "&");
    assert!(header.encode_utf16().count() <= 255, "{header}");
    assert!(
        header.starts_with("&C很长的标题&&") && header.ends_with('…'),
        "{header}"
    );
}

#[test]
fn a_cell_over_excels_limit_is_named_and_nothing_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut plan = seed();
    let power = first_power(&plan);
    rename_power(&mut plan, &power, &"长".repeat(40_000));
    let path = dir.path().join("plan.ron");
    save(&plan, &path);
    let out = dir.path().join("plan.xlsx");
    let r = run(&["export", p(&path), "--out", p(&out)]);
    assert_eq!(r.code, 2);
    // B3: under the sheet's title row and its header row.
    for needed in ["分配表", "B3", power.as_str(), "CSV", "40000", "32767"] {
        assert!(r.stderr.contains(needed), "no {needed} in {}", r.stderr);
    }
    assert!(r.stderr.len() < 2_000, "the message quotes the whole cell");
    assert_eq!(std::fs::read_dir(dir.path()).expect("ls").count(), 1);
}
