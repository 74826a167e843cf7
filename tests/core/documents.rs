//! The documents of a scenario (issue 20): the 职责划转表, 职责边界清单, 三定 drafts and
//! 赋权事项目录 of the seed plan, read back from the .docx (its tables' text) and the flat
//! XLSX, with the figures the report gives (64 items of 15 departments concentrated; 17 units
//! moved down and 20 slots), and the refusals of bad requests.

use std::collections::BTreeSet;
use std::io::Read;

use calamine::{Reader, Xlsx};
use shiquan::documents::{self, DocFormat, DocKind, DocRequest, Document, DocumentError};
use shiquan::io::seed::seed_plan;
use shiquan::model::ScenarioId;
use shiquan::plan::Plan;

fn seed() -> Plan {
    seed_plan().expect("the seed plan loads")
}

fn request(kind: DocKind, scenario: &str, from: Option<&str>) -> DocRequest {
    DocRequest {
        kind,
        scenario: ScenarioId::new(scenario),
        from: from.map(ScenarioId::new),
    }
}

fn build(kind: DocKind, scenario: &str, from: Option<&str>) -> Document {
    documents::build(&seed(), &request(kind, scenario, from)).expect("the document builds")
}

/// The facts of a scenario of a plan, against the baseline.
fn input<'a>(plan: &'a Plan, scenario: &str) -> documents::DocInput<'a> {
    documents::DocInput::new(plan, &ScenarioId::new(scenario), None).expect("the input")
}

/// One part of a zip package, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let mut text = String::new();
    zip.by_name(name)
        .expect("the part exists")
        .read_to_string(&mut text)
        .expect("UTF-8 XML");
    text
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The text of every `<w:t>` in a piece of `WordprocessingML`, joined; paragraphs by `\n`.
fn text_of(xml: &str) -> String {
    let mut out = String::new();
    for (i, paragraph) in xml.split("</w:p>").enumerate() {
        if i > 0 && !out.is_empty() && !paragraph.trim().is_empty() {
            out.push('\n');
        }
        let mut rest = paragraph;
        while let Some(start) = rest.find("<w:t") {
            let after = &rest[start..];
            let Some(open_end) = after.find('>') else {
                break;
            };
            // `<w:tbl>`, `<w:tc>`, `<w:tr>` … are not text runs.
            let tag = &after[..open_end];
            if !(tag == "<w:t" || tag.starts_with("<w:t ")) {
                rest = &after[open_end..];
                continue;
            }
            let Some(close) = after.find("</w:t>") else {
                break;
            };
            out.push_str(&unescape(&after[open_end + 1..close]));
            rest = &after[close..];
        }
    }
    out.trim_matches('\n').to_owned()
}

/// The tables of a .docx: rows of cells' text (a cell's paragraphs joined by `\n`).
fn docx_tables(bytes: &[u8]) -> Vec<Vec<Vec<String>>> {
    let xml = part(bytes, "word/document.xml");
    xml.split("<w:tbl>")
        .skip(1)
        .map(|table| {
            let table = &table[..table.find("</w:tbl>").expect("a closed table")];
            table
                .split("<w:tr>")
                .skip(1)
                .map(|row| {
                    row.split("<w:tc>")
                        .skip(1)
                        .map(|cell| text_of(&cell[..cell.find("</w:tc>").unwrap_or(cell.len())]))
                        .collect()
                })
                .collect()
        })
        .collect()
}

fn column(table: &[Vec<String>], header: &str) -> usize {
    table[0]
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("no column {header} in {:?}", table[0]))
}

#[test]
fn comprehensive_enforcement_transfers_list_64_items_of_15_departments_with_slots_and_people() {
    let doc = build(DocKind::Transfers, "comprehensive-enforcement", None);
    let bytes = documents::render(&doc, DocFormat::Docx).expect("a .docx");
    let tables = docx_tables(&bytes);
    assert_eq!(tables.len(), 1);
    let table = &tables[0];
    let (mode, code, from, to) = (
        column(table, "方式"),
        column(table, "事项编码"),
        column(table, "划出单位"),
        column(table, "划入单位"),
    );
    let items: Vec<&Vec<String>> = table[1..].iter().filter(|r| !r[code].is_empty()).collect();
    assert_eq!(items.len(), 64, "one row per item");
    assert!(items.iter().all(|r| r[mode] == "相对集中"));
    assert!(items.iter().all(|r| r[to] == "市综合行政执法局"));
    let codes: BTreeSet<&str> = items.iter().map(|r| r[code].as_str()).collect();
    assert_eq!(codes.len(), 64);
    let departments: BTreeSet<&str> = items.iter().flat_map(|r| r[from].split('、')).collect();
    assert_eq!(departments.len(), 15, "{departments:?}");
    // The slots and the people that go with the duties: 8 行政编制 with 8 people from three
    // departments, and the 执法支队 merged whole.
    let (admin, people) = (column(table, "行政编制"), column(table, "划转人员"));
    let total = table.last().expect("a total row");
    assert_eq!(total[0], "合计");
    assert_eq!(total[admin], "8");
    let merged_people: u32 = table[1..table.len() - 1]
        .iter()
        .filter_map(|r| r[people].parse::<u32>().ok())
        .sum();
    assert_eq!(total[people], merged_people.to_string());
    assert!(
        merged_people > 8,
        "people move with the slots and the merged unit"
    );
    let text = text_of(&part(&bytes, "word/document.xml"));
    assert!(text.contains("划转事项64项，涉及划出单位15个"), "{text}");
}

#[test]
fn city_district_split_transfers_list_17_units_and_20_slots() {
    let doc = build(DocKind::Transfers, "city-district-split", None);
    let (rows, totals) = {
        let plan = seed();
        let input = input(&plan, "city-district-split");
        documents::transfers::rows(&input)
    };
    assert_eq!(totals.units, 17);
    assert_eq!(totals.staffing_slots, 20);
    assert_eq!(
        rows.iter()
            .filter(|r| r.kind == documents::transfers::RowKind::Unit)
            .count(),
        17
    );
    let bytes = documents::render(&doc, DocFormat::Docx).expect("a .docx");
    let table = &docx_tables(&bytes)[0];
    let mode = column(table, "方式");
    assert_eq!(table.iter().filter(|r| r[mode] == "下划").count(), 17);
    let (name, admin, institution) = (
        column(table, "事项名称"),
        column(table, "行政编制"),
        column(table, "事业编制"),
    );
    let moved_slots: u32 = table
        .iter()
        .filter(|r| r[name] == "编制划转")
        .map(|r| r[admin].parse::<u32>().unwrap_or(0) + r[institution].parse::<u32>().unwrap_or(0))
        .sum();
    assert_eq!(moved_slots, 20);
    let text = text_of(&part(&bytes, "word/document.xml"));
    assert!(text.contains("整建制划转单位17个"), "{text}");
    assert!(text.contains("调剂编制20名"), "{text}");
}

#[test]
fn the_flat_workbook_has_the_same_figures_and_no_merged_cells() {
    let doc = build(DocKind::Transfers, "comprehensive-enforcement", None);
    let bytes = documents::render(&doc, DocFormat::Xlsx).expect("an .xlsx");
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("a workbook");
    assert_eq!(book.sheet_names(), vec!["职责划转表".to_owned()]);
    let merged = book
        .merge_cells_by_sheet_name("职责划转表")
        .expect("its merged cells read");
    assert!(merged.is_empty(), "a flat sheet merges nothing");
    let range = book.worksheet_range("职责划转表").expect("the sheet");
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(ToString::to_string).collect())
        .collect();
    assert_eq!(rows[0][0], "序号", "the header is the first row");
    let mode = rows[0].iter().position(|h| h == "方式").expect("方式");
    assert_eq!(rows.iter().filter(|r| r[mode] == "相对集中").count(), 64);
    // Counts are numbers a system can sum.
    assert!(
        matches!(range.get((1, 0)), Some(calamine::Data::Float(n)) if (*n - 1.0).abs() < f64::EPSILON)
    );
}

#[test]
fn a_difference_of_two_scenarios_lists_only_the_steps_beyond_the_other() {
    let doc = build(
        DocKind::Transfers,
        "street-grant",
        Some("city-district-split"),
    );
    let table = doc.tables().next().expect("a table");
    let mode = 5;
    assert_eq!(table.columns[mode].header, "方式");
    let body: Vec<&Vec<String>> = table.rows.iter().filter(|r| r[0] != "合计").collect();
    assert!(!body.is_empty());
    assert!(
        body.iter().all(|r| r[mode] == "赋权"),
        "only the grant is beyond the city-district split: {body:?}"
    );
    // 市容环卫 and 占道经营 penalty items, one row each, to both streets' bureaus.
    assert_eq!(body.len(), 17);
    assert!(
        body.iter()
            .all(|r| r[6].contains("东城街道") && r[6].contains("西城街道"))
    );
}

#[test]
fn the_boundary_list_names_a_lead_for_every_shared_matter() {
    let plan = seed();
    let input = input(&plan, "comprehensive-enforcement");
    let entries = documents::boundaries::entries(&input);
    assert!(!entries.is_empty());
    for entry in &entries {
        assert!(
            entry.bodies.len() >= 2,
            "a listed matter has two bodies or more: {entry:?}"
        );
        // A clause per part: a body, or districts' counterparts taking the same part together.
        assert!(!entry.clauses.is_empty() && entry.clauses.len() <= entry.bodies.len());
    }
    // Entrusted district teams act in the name of the body that entrusted them, two districts'
    // teams in one clause.
    assert!(
        entries
            .iter()
            .flat_map(|e| &e.clauses)
            .any(|c| c.contains("分别受") && c.contains("委托，以") && c.contains("名义")),
        "{entries:#?}"
    );
    let doc = documents::boundaries::document(&input);
    let bytes = documents::render(&doc, DocFormat::Docx).expect("a .docx");
    let table = &docx_tables(&bytes)[0];
    assert_eq!(table.len(), entries.len() + 1);
    let lead = column(table, "牵头单位（主办）");
    assert!(table[1..].iter().all(|r| !r[lead].is_empty()));
}

#[test]
fn sanding_drafts_cover_the_new_bureau_and_the_departments_that_lost_items() {
    let plan = seed();
    let input = input(&plan, "comprehensive-enforcement");
    let changed = documents::sanding::changed_bodies(&input);
    let bureau = changed
        .iter()
        .find(|c| c.body.as_str() == "city-zhzfj")
        .expect("the new bureau has a draft");
    assert!(bureau.created);
    assert!(bureau.gained.len() >= 64);
    let losing = changed.iter().filter(|c| !c.lost.is_empty()).count();
    assert!(losing >= 14, "the departments that gave items: {losing}");
    let doc = documents::sanding::document(&input);
    let bytes = documents::render(&doc, DocFormat::Docx).expect("a .docx");
    let text = text_of(&part(&bytes, "word/document.xml"));
    assert!(text.contains("市综合行政执法局主要职责、内设机构和人员编制规定（草案）"));
    assert!(text.contains("本方案新设市综合行政执法局。"));
    assert!(text.contains("领导职数按照有关规定另行核定"));
}

#[test]
fn the_grant_catalogue_lists_each_street_and_the_inspections_left_behind() {
    let plan = seed();
    let input = input(&plan, "street-grant");
    let catalogues = documents::street_grants::catalogues(&input);
    let streets: Vec<&str> = catalogues.iter().map(|c| c.street.as_str()).collect();
    assert_eq!(streets, ["district-a-dongcheng", "district-a-xicheng"]);
    for catalogue in &catalogues {
        assert_eq!(catalogue.powers.len(), 17);
        assert!(!catalogue.decisions.is_empty());
    }
    let companions: Vec<&String> = catalogues
        .iter()
        .flat_map(|c| &c.rows)
        .map(|r| r.last().expect("a companion cell"))
        .collect();
    assert!(
        companions.iter().any(|c| c.contains("未赋予")),
        "grant-bundle: inspection stayed with the district: {companions:?}"
    );
    // The title says 赋权 once.
    assert_eq!(
        build(DocKind::Grants, "street-grant", None).title,
        "街道赋权事项目录"
    );
    // The comprehensive-enforcement scenario grants nothing: the catalogue says so.
    let none = build(DocKind::Grants, "comprehensive-enforcement", None);
    assert!(none.tables().next().is_none());
    let bytes = documents::render(&none, DocFormat::Xlsx).expect("an .xlsx even so");
    assert!(!bytes.is_empty());
}

#[test]
fn bad_requests_are_refused_with_what_is_wrong() {
    let plan = seed();
    let unknown = documents::build(&plan, &request(DocKind::Transfers, "no-such", None))
        .expect_err("an unknown scenario");
    assert!(unknown.to_string().contains("no-such"), "{unknown}");
    let same = documents::build(
        &plan,
        &request(
            DocKind::Transfers,
            "city-district-split",
            Some("city-district-split"),
        ),
    )
    .expect_err("a scenario against itself");
    assert!(matches!(same, DocumentError::SameScenario(_)), "{same}");
}

#[test]
fn every_part_of_the_docx_is_well_formed_and_every_run_names_its_east_asian_font() {
    for kind in DocKind::ALL {
        let doc = build(kind, "street-grant", None);
        let bytes = documents::render(&doc, DocFormat::Docx).expect("a .docx");
        let xml = part(&bytes, "word/document.xml");
        for run in xml.split("<w:r>").skip(1) {
            let run = &run[..run.find("</w:r>").expect("a closed run")];
            assert!(
                run.contains("<w:rPr>"),
                "{kind:?}: a run without its properties: {run}"
            );
            assert!(
                !run.contains("<w:t ")
                    || run.contains("w:eastAsia=\"仿宋\"")
                    || run.contains("w:eastAsia=\"黑体\"")
                    || run.contains("w:eastAsia=\"楷体\"")
                    || run.contains("w:eastAsia=\"方正小标宋简体\""),
                "{kind:?}: a run of text without its East Asian font: {run}"
            );
        }
        assert!(!xml.contains("asciiTheme") && !xml.contains("eastAsiaTheme"));
        assert_eq!(
            xml.matches("<w:tbl>").count(),
            xml.matches("</w:tbl>").count()
        );
        assert_eq!(
            xml.matches("<w:tbl>").count(),
            xml.matches("<w:tblLayout w:type=\"fixed\"/>").count()
        );
        assert!(
            xml.contains("w:w=\"11906\"") || xml.contains("w:w=\"16838\""),
            "A4"
        );
    }
}

/// A program on the PATH, or a note that a test is skipped without it.
fn tool(name: &str) -> bool {
    let found = std::process::Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipped: `{name}` is not installed (scripts/check installs it)");
    }
    found
}

/// Each kind of document, of the seed scenario it is made for.
const SEED_DOCUMENTS: [(DocKind, &str); 4] = [
    (DocKind::Transfers, "comprehensive-enforcement"),
    (DocKind::Boundaries, "comprehensive-enforcement"),
    (DocKind::Sanding, "city-district-split"),
    (DocKind::Grants, "street-grant"),
];

#[test]
fn every_docx_converts_to_an_a4_pdf_with_libreoffice() {
    if !tool("soffice") || !tool("pdfinfo") || !tool("pdftotext") {
        return;
    }
    let dir = tempfile::tempdir().expect("a folder");
    let mut files = Vec::new();
    for (kind, scenario) in SEED_DOCUMENTS {
        let doc = build(kind, scenario, None);
        let path = dir.path().join(format!("{}.docx", kind.id()));
        documents::write_to_path(&doc, DocFormat::Docx, &path).expect("written");
        files.push((path, doc.title));
    }
    // A profile of its own, so that a LibreOffice the user has open does not take the job.
    let profile = format!(
        "-env:UserInstallation=file://{}/profile",
        dir.path().display()
    );
    let mut child = std::process::Command::new("soffice")
        .arg(&profile)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .args(files.iter().map(|(p, _)| p))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("soffice starts");
    // A LibreOffice that hangs fails the test instead of holding CI until its deadline.
    let deadline = std::time::Instant::now() + std::time::Duration::from_mins(5);
    while child.try_wait().expect("soffice is waited for").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("LibreOffice did not finish converting in 300 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let output = child.wait_with_output().expect("soffice's output");
    assert!(output.status.success(), "{output:?}");
    for (path, title) in &files {
        let pdf = path.with_extension("pdf");
        assert!(
            pdf.exists(),
            "LibreOffice made no PDF of {}: {output:?}",
            path.display()
        );
        let info = std::process::Command::new("pdfinfo")
            .arg(&pdf)
            .output()
            .expect("pdfinfo");
        let info = String::from_utf8_lossy(&info.stdout);
        assert!(info.contains("(A4)"), "{}: {info}", pdf.display());
        let text = std::process::Command::new("pdftotext")
            .args([pdf.as_os_str(), "-".as_ref()])
            .output()
            .expect("pdftotext");
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains(title.as_str()), "{}: {text}", pdf.display());
    }
}

#[test]
fn every_character_of_the_seed_documents_has_a_glyph_in_the_fonts_chosen() {
    // No tofu: a character the chosen face lacks would be drawn as an empty box (.notdef).
    let Ok(fonts) = documents::Fonts::from_system() else {
        eprintln!("skipped: no CJK font on this machine (scripts/check installs fonts-noto-cjk)");
        return;
    };
    let faces = fonts.parse();
    for (kind, scenario) in SEED_DOCUMENTS {
        let doc = build(kind, scenario, None);
        let pages = documents::layout(&doc, &faces);
        assert!(!pages.is_empty());
        for item in pages.iter().flat_map(|p| &p.items) {
            let documents::Item::Text(run) = item else {
                continue;
            };
            for c in run.text.chars().filter(|c| !c.is_whitespace()) {
                assert_ne!(
                    faces.glyph(run.role, c).id,
                    0,
                    "{kind:?}: 「{c}」 (U+{:04X}) has no glyph in the {:?} font {}",
                    u32::from(c),
                    run.role,
                    fonts.face(run.role).family
                );
            }
        }
    }
}

#[test]
fn a_published_lists_divisions_become_the_internal_bodies_of_the_sanding_draft() {
    // The city bureau's published list names its 承办机构; a scenario that gives the bureau two
    // more 行政编制 changes it, so it has a draft whose 内设机构 are those divisions.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/lists/附件1：甲市城市管理局权责清单（2024年版）.xlsx");
    let mut plan =
        shiquan::io::import::read_lists(&[path], &shiquan::io::import::ImportOptions::default())
            .expect("the fixture imports")
            .into_plan();
    let state = &plan.baseline;
    let (body, divisions) = state
        .bodies()
        .values()
        .map(|b| {
            let divisions: BTreeSet<String> = state
                .holdings_of_body(&b.id)
                .filter_map(|h| h.listing.as_deref())
                .map(|l| l.division.clone())
                .filter(|d| !d.is_empty())
                .collect();
            (b, divisions)
        })
        .max_by_key(|(_, d)| d.len())
        .expect("a body");
    assert!(
        divisions.len() >= 2,
        "the fixture names divisions: {divisions:?}"
    );
    let mut staffing = body.staffing;
    staffing.admin += 2;
    plan.scenarios.push(shiquan::plan::Scenario {
        id: ScenarioId::new("more-slots"),
        name: "增加编制".into(),
        description: String::new(),
        operations: vec![shiquan::plan::Step::new(
            shiquan::plan::Operation::EditBody {
                body: body.id.clone(),
                edit: shiquan::plan::BodyEdit::Staffing(staffing),
            },
        )],
    });
    let doc = documents::build(&plan, &request(DocKind::Sanding, "more-slots", None))
        .expect("the drafts build");
    let bytes = documents::render(&doc, DocFormat::Docx).expect("a .docx");
    let text = text_of(&part(&bytes, "word/document.xml"));
    let sentence = format!(
        "根据权责清单载明的承办机构，设{}个内设机构：{}。",
        divisions.len(),
        divisions.iter().cloned().collect::<Vec<_>>().join("、")
    );
    assert!(text.contains(&sentence), "{sentence} in {text}");
    assert!(
        text.contains("编制由行政编制"),
        "the change of slots is said"
    );
}

#[test]
fn a_measure_left_behind_names_the_bodies_of_the_streets_district_not_another_districts() {
    // 乙区's bureau leads the 占道经营 seizure in its own district: the 东城街道 catalogue,
    // whose penalty was granted without it, must send the street to 甲区's and the city's
    // bodies, not to 乙区's.
    let mut plan = seed();
    let other = plan
        .baseline
        .bodies()
        .values()
        .find(|b| b.jurisdiction.as_str() == "district-b")
        .expect("a body of 乙区")
        .clone();
    shiquan::plan::Operation::SetHolding {
        holding: shiquan::model::Holding::lead(
            shiquan::model::PowerId::new("QZ-ZD-001"),
            other.id.clone(),
        ),
    }
    .apply(&mut plan.baseline)
    .expect("乙区 leads it");
    let catalogues = documents::street_grants::catalogues(&input(&plan, "street-grant"));
    let left: Vec<&String> = catalogues
        .iter()
        .flat_map(|c| &c.rows)
        .map(|r| r.last().expect("a companion cell"))
        .filter(|c| c.contains("对占道经营的物品、工具依法查封、扣押」（未赋予"))
        .collect();
    assert!(!left.is_empty());
    for cell in left {
        assert!(cell.contains("甲区城市管理行政执法局"), "{cell}");
        assert!(
            !cell.contains(&other.name),
            "{} named in {cell}",
            other.name
        );
    }
}
