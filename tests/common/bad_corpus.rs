//! The bad-input corpus of issue 7, for every test that feeds it to a reader: the committed
//! files of `tests/data/bad/`, the cases too big or too binary to commit (written on demand by
//! [`materialise`]), and what each case's error must say (`tests/data/bad/expected.txt`).
//!
//! `tests/core/bad_corpus.rs` runs every case through the library and the CLI;
//! `tests/window/ui_files.rs` opens every case through the window's open and import paths with
//! the same list:
//!
//! ```ignore
//! use crate::common::bad_corpus;
//! let dir = tempfile::tempdir().unwrap();
//! for case in bad_corpus::materialise(dir.path()) { /* open case.path, expect case.expected */ }
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Whether a case is a plan file or a list, by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A plan file (`.ron`).
    Plan,
    /// A CSV list.
    Csv,
    /// An XLSX list.
    Xlsx,
    /// A command line (`.args`): one argument a line, `{data}` standing for `tests/data`; it
    /// must be refused as the file cases are (exit 2, the expected texts on stderr).
    Arguments,
}

/// One bad input.
#[derive(Clone, Debug)]
pub struct Case {
    /// The file's name (`plan-empty.ron`).
    pub name: String,
    /// Where the file is (the committed file, or the one [`materialise`] wrote).
    pub path: PathBuf,
    /// Plan or list.
    pub kind: Kind,
    /// Text the error must contain, each (the place of the fault among them).
    pub expected: Vec<String>,
}

/// The folder of the committed corpus.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad")
}

/// The kind of a file by its name.
pub fn kind_of(name: &str) -> Kind {
    let extension = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match extension.as_deref() {
        Some("ron") => Kind::Plan,
        Some("csv") => Kind::Csv,
        Some("args") => Kind::Arguments,
        _ => Kind::Xlsx,
    }
}

/// Whether a file of the corpus's folder is an expectation file rather than a case.
fn is_expectation_file(name: &str) -> bool {
    name.starts_with("expected")
        && Path::new(name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

/// `expected.txt` and every other `expected*.txt` (one per round of cases): each line
/// `NAME | TEXT | TEXT …`; `#` starts a comment line.
pub fn expectations() -> BTreeMap<String, Vec<String>> {
    let mut names: Vec<String> = std::fs::read_dir(corpus_dir())
        .expect("tests/data/bad is readable")
        .map(|e| {
            e.expect("a directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| is_expectation_file(n))
        .collect();
    names.sort();
    let text: String = names
        .iter()
        .map(|n| {
            std::fs::read_to_string(corpus_dir().join(n))
                .unwrap_or_else(|e| panic!("tests/data/bad/{n} is readable: {e}"))
        })
        .collect::<Vec<_>>()
        .join("\n");
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            let mut parts = line.split(" | ").map(str::trim);
            let name = parts.next().unwrap_or_default().to_owned();
            (name, parts.map(str::to_owned).collect())
        })
        .collect()
}

/// A command line that must fail with exit 2 and say why, whatever the file: a bad argument
/// rather than a bad file (`--status` that is no status of an opinion).
#[derive(Clone, Debug)]
pub struct BadCommand {
    /// The arguments after `shiquan`.
    pub args: Vec<&'static str>,
    /// Text stderr must contain, each.
    pub expected: Vec<&'static str>,
}

/// The bad command lines, by command. Every plan case of the corpus is also run through each
/// command that reads a plan (`check`, `review`: see `tests/core/bad_corpus.rs`).
pub fn bad_commands() -> Vec<BadCommand> {
    vec![
        BadCommand {
            args: vec!["review", "--status", "done"],
            expected: vec![
                "「done」不是意见状态",
                "待处理 (pending)",
                "已修改 (revised)",
            ],
        },
        BadCommand {
            args: vec!["review", "--status", ""],
            expected: vec!["不是意见状态"],
        },
        BadCommand {
            args: vec!["review", "--status"],
            expected: vec!["--status"],
        },
        BadCommand {
            args: vec!["review", "no-such-plan.ron"],
            expected: vec!["no-such-plan.ron: cannot read"],
        },
    ]
}

/// Every case: the committed files, and the generated ones written into `scratch`. Panics if
/// a case has no expectation or an expectation has no case.
pub fn materialise(scratch: &Path) -> Vec<Case> {
    let mut expected = expectations();
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(corpus_dir())
        .expect("tests/data/bad is readable")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| !is_expectation_file(&n.to_string_lossy()))
        })
        .map(|p| {
            let name = p
                .file_name()
                .expect("a file name")
                .to_string_lossy()
                .into_owned();
            (name, p)
        })
        .collect();
    for (name, bytes) in generated() {
        let path = scratch.join(&name);
        std::fs::write(&path, bytes).expect("write a generated case");
        files.push((name, path));
    }
    files.sort();
    let cases: Vec<Case> = files
        .into_iter()
        .map(|(name, path)| {
            let expected = expected
                .remove(&name)
                .unwrap_or_else(|| panic!("{name} has no line in tests/data/bad/expected.txt"));
            assert!(!expected.is_empty(), "{name}: expects nothing");
            Case {
                kind: kind_of(&name),
                name,
                path,
                expected,
            }
        })
        .collect();
    assert!(
        expected.is_empty(),
        "expected.txt names cases that do not exist: {:?}",
        expected.keys().collect::<Vec<_>>()
    );
    cases
}

/// The header and a good row of a list, as cells.
pub const HEADER: [&str; 8] = [
    "事项编码",
    "事项名称",
    "权力类型",
    "领域",
    "实施主体",
    "行使层级",
    "辖区",
    "主办/协办",
];
pub const ROW: [&str; 8] = [
    "A-1",
    "对占道经营的处罚",
    "行政处罚",
    "市容环卫",
    "市城市管理局",
    "市级",
    "",
    "主办",
];

/// The cases written at test time: too big to commit (10 MB lines, millions of cells) or
/// workbooks built byte by byte (to hold exactly the hostile detail they test).
pub fn generated() -> Vec<(String, Vec<u8>)> {
    let ten_mb = 10 * 1024 * 1024;
    let mut out = Vec::new();

    // A plan whose title is one 10 MB line, and whose baseline is the wrong type after it.
    let mut plan = String::from("(version: 1, title: \"");
    plan.push_str(&"长".repeat(ten_mb / 3));
    plan.push_str("\", baseline: 5)");
    out.push(("plan-10mb-single-line.ron".to_owned(), plan.into_bytes()));

    // A list whose header is one 10 MB line of columns.
    let mut csv = String::with_capacity(ten_mb + 16);
    while csv.len() < ten_mb {
        csv.push_str("事项编码,");
    }
    csv.push('\n');
    out.push(("list-10mb-single-line.csv".to_owned(), csv.into_bytes()));

    // A list of 1 510 rows of 16 000 columns: more cells (24.2 million) than a list may hold.
    let mut csv = HEADER.join(",");
    csv.push('\n');
    let wide_row = format!("{}x\n", "x,".repeat(15_999));
    for _ in 0..1510 {
        csv.push_str(&wide_row);
    }
    out.push(("list-too-many-cells.csv".to_owned(), csv.into_bytes()));

    // Workbooks.
    let good = sheet(&[(1, &HEADER), (2, &ROW)], "");
    out.push((
        "list-row-missing-name.xlsx".to_owned(),
        workbook(&sheet(
            &[
                (1, &HEADER),
                (2, &ROW),
                (
                    3,
                    &[
                        "A-2",
                        "",
                        "行政许可",
                        "",
                        "市住房和城乡建设局",
                        "市级",
                        "",
                        "",
                    ],
                ),
            ],
            "",
        )),
    ));
    out.push((
        "list-missing-name-column.xlsx".to_owned(),
        workbook(&sheet(
            &[
                (1, &["事项编码", "权力类型", "实施主体"]),
                (2, &["A-1", "行政处罚", "市城市管理局"]),
            ],
            "",
        )),
    ));
    // A formula with no cached value in B3, and a formula written as text in B4.
    let formulas = format!(
        "{}<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>A-2</t></is></c><c r=\"B3\" t=\"str\"><f>CONCAT(\"a\",\"b\")</f></c></row><row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>A-3</t></is></c><c r=\"B4\" t=\"inlineStr\"><is><t>=HYPERLINK(\"http://example.invalid\",\"点击\")</t></is></c></row>",
        rows_xml(&[(1, &HEADER), (2, &ROW)])
    );
    out.push((
        "list-formula-cells.xlsx".to_owned(),
        workbook(&sheet_of_rows(&formulas, "")),
    ));
    // A note at XFD1 and a code at A1048576: a bounding box of 17 billion cells.
    let far = format!(
        "{}<row r=\"1048576\"><c r=\"A1048576\" t=\"inlineStr\"><is><t>X-9</t></is></c></row>",
        rows_xml(&[(1, &HEADER), (2, &ROW)]).replacen(
            "</row>",
            "<c r=\"XFD1\" t=\"inlineStr\"><is><t>备注</t></is></c></row>",
            1
        )
    );
    out.push((
        "list-far-apart-cells.xlsx".to_owned(),
        workbook(&sheet_of_rows(&far, "")),
    ));
    out.push((
        "list-reference-beyond-excel.xlsx".to_owned(),
        workbook(&good.replacen("r=\"A2\"", "r=\"AAAAAAAAAAAAAAAAAAAAAAAA2\"", 1)),
    ));
    out.push((
        "list-dimension-reversed.xlsx".to_owned(),
        workbook(&sheet(
            &[(1, &HEADER), (2, &ROW)],
            "<dimension ref=\"H2:A1\"/>",
        )),
    ));
    out.push((
        "list-shared-strings-count.xlsx".to_owned(),
        zip_stored(&with_entry(
            workbook_entries(&good),
            "xl/sharedStrings.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"99999999999999999\" uniqueCount=\"99999999999999999\"><si><t>甲</t></si></sst>",
        )),
    ));
    // A sheet that declares 300 MiB unpacked (a zip bomb's header; its data never inflates).
    let mut bomb = zip_stored(&workbook_entries(&good));
    declare_size(&mut bomb, "xl/worksheets/sheet1.xml", 300 * 1024 * 1024);
    out.push(("list-zip-bomb.xlsx".to_owned(), bomb));
    let whole = workbook(&good);
    out.push((
        "list-truncated.xlsx".to_owned(),
        whole[..whole.len() / 2].to_vec(),
    ));
    out.push((
        "list-no-sheets.xlsx".to_owned(),
        zip_stored(&with_entry(
            workbook_entries(&good),
            "xl/workbook.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets/></workbook>",
        )),
    ));
    out.push((
        "list-opendocument.xlsx".to_owned(),
        zip_stored(&[
            (
                "mimetype".to_owned(),
                b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
            ),
            (
                "content.xml".to_owned(),
                b"<office:document-content/>".to_vec(),
            ),
        ]),
    ));
    let mut xls = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    xls.resize(4096, 0);
    out.push(("list-xls-biff.xlsx".to_owned(), xls));
    out.extend(generated_round_two());
    out
}

/// The workbooks of issue 16's second round (expectations in `expected-lists-round-two.txt`):
/// cells as Excel shows them, hidden and empty sheets, damaged shared strings, a password.
fn generated_round_two() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    // A cached formula error in a code (A3) and in a name (B4).
    let errors = format!(
        "{}<row r=\"3\"><c r=\"A3\" t=\"e\"><f>VLOOKUP(X1,Y:Z,2,0)</f><v>#REF!</v></c><c r=\"B3\" t=\"inlineStr\"><is><t>对擅自设置广告的处罚</t></is></c></row><row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>A-3</t></is></c><c r=\"B4\" t=\"e\"><v>#N/A</v></c></row>",
        rows_xml(&[(1, &HEADER), (2, &ROW)])
    );
    out.push((
        "list-formula-error.xlsx".to_owned(),
        workbook(&sheet_of_rows(&errors, "")),
    ));
    let good = sheet(&[(1, &HEADER), (2, &ROW)], "");
    out.push((
        "list-all-sheets-hidden.xlsx".to_owned(),
        zip_stored(&workbook_of_sheets(&[("清单", Some("hidden"), &good)])),
    ));
    // String cells whose shared-string index is no index: calamine read each as string 0.
    for (name, index) in [
        ("list-shared-string-negative.xlsx", "-1"),
        ("list-shared-string-letters.xlsx", "abc"),
        ("list-shared-string-past-end.xlsx", "7"),
    ] {
        let rows = format!(
            "{}<row r=\"3\"><c r=\"A3\" t=\"s\"><v>{index}</v></c><c r=\"B3\" t=\"s\"><v>1</v></c></row>",
            rows_xml(&[(1, &HEADER), (2, &ROW)])
        );
        out.push((
            name.to_owned(),
            zip_stored(&with_entry(
                workbook_entries(&sheet_of_rows(&rows, "")),
                "xl/sharedStrings.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"2\" uniqueCount=\"2\"><si><t>A-2</t></si><si><t>对擅自设置广告的处罚</t></si></sst>",
            )),
        ));
    }
    // A workbook saved with a password: an OLE file holding the encrypted package.
    let mut encrypted = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    encrypted.resize(1024, 0);
    for stream in ["EncryptionInfo", "EncryptedPackage"] {
        let mut entry: Vec<u8> = stream.encode_utf16().flat_map(u16::to_le_bytes).collect();
        entry.resize(128, 0);
        encrypted.extend(entry);
    }
    encrypted.resize(4096, 0);
    out.push(("list-encrypted.xlsx".to_owned(), encrypted));
    // A second 实施主体 column (I).
    let mut header: Vec<&str> = HEADER.to_vec();
    header.push("实施主体");
    let mut row: Vec<&str> = ROW.to_vec();
    row.push("市公安局");
    out.push((
        "list-two-body-columns.xlsx".to_owned(),
        workbook(&sheet(&[(1, &header), (2, &row)], "")),
    ));
    out.push((
        "list-empty-sheet.xlsx".to_owned(),
        workbook(&sheet(&[], "")),
    ));
    // An empty cover and a notes sheet, and no list.
    out.push((
        "list-empty-cover-and-notes.xlsx".to_owned(),
        zip_stored(&workbook_of_sheets(&[
            ("封面", None, &sheet(&[], "")),
            ("说明", None, &sheet(&[(1, &["本清单按部门分表"])], "")),
        ])),
    ));
    out
}

/// XML-escapes a cell's text.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `<row>` elements of inline-string cells, rows and columns from 1.
pub fn rows_xml(rows: &[(usize, &[&str])]) -> String {
    let mut xml = String::new();
    for (line, cells) in rows {
        let _ = write!(xml, "<row r=\"{line}\">");
        for (i, text) in cells.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let column = char::from(b'A' + i as u8);
            let _ = write!(
                xml,
                "<c r=\"{column}{line}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                escape(text)
            );
        }
        xml.push_str("</row>");
    }
    xml
}

/// A worksheet of rows, with `extra` XML before the sheet data (a `<dimension>`).
pub fn sheet(rows: &[(usize, &[&str])], extra: &str) -> String {
    sheet_of_rows(&rows_xml(rows), extra)
}

/// A worksheet of `<row>` elements, with `extra` XML before the sheet data.
pub fn sheet_of_rows(rows: &str, extra: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">{extra}<sheetData>{rows}</sheetData></worksheet>"
    )
}

/// The entries of a workbook of sheets (name, state: `hidden`, `veryHidden` or visible,
/// worksheet XML), with a `xl/styles.xml` where `styles` gives one.
pub fn workbook_of_sheets(sheets: &[(&str, Option<&str>, &str)]) -> Vec<(String, Vec<u8>)> {
    let mut types = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>",
    );
    let mut book = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>",
    );
    let mut rels = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    let mut out = Vec::new();
    for (i, (name, state, xml)) in sheets.iter().enumerate() {
        let n = i + 1;
        let _ = write!(
            types,
            "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        );
        let state = state.map_or_else(String::new, |s| format!(" state=\"{s}\""));
        let _ = write!(
            book,
            "<sheet name=\"{}\" sheetId=\"{n}\"{state} r:id=\"rId{n}\"/>",
            escape(name)
        );
        let _ = write!(
            rels,
            "<Relationship Id=\"rId{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"
        );
        out.push((
            format!("xl/worksheets/sheet{n}.xml"),
            xml.as_bytes().to_vec(),
        ));
    }
    types.push_str("</Types>");
    book.push_str("</sheets></workbook>");
    rels.push_str("</Relationships>");
    out.push(("[Content_Types].xml".to_owned(), types.into_bytes()));
    out.push((
        "_rels/.rels".to_owned(),
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>".to_vec(),
    ));
    out.push(("xl/workbook.xml".to_owned(), book.into_bytes()));
    out.push(("xl/_rels/workbook.xml.rels".to_owned(), rels.into_bytes()));
    out
}

/// The entries of a one-sheet workbook (清单) holding `sheet_xml`.
pub fn workbook_entries(sheet_xml: &str) -> Vec<(String, Vec<u8>)> {
    let entries = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>",
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
        ),
        (
            "xl/workbook.xml",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"清单\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
        ),
        (
            "xl/_rels/workbook.xml.rels",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>",
        ),
    ];
    let mut out: Vec<(String, Vec<u8>)> = entries
        .iter()
        .map(|(n, t)| ((*n).to_owned(), t.as_bytes().to_vec()))
        .collect();
    out.push((
        "xl/worksheets/sheet1.xml".to_owned(),
        sheet_xml.as_bytes().to_vec(),
    ));
    out
}

/// A one-sheet workbook holding `sheet_xml`, as the bytes of an `.xlsx`.
pub fn workbook(sheet_xml: &str) -> Vec<u8> {
    zip_stored(&workbook_entries(sheet_xml))
}

/// The entries with `name` replaced (or added) with `text`.
pub fn with_entry(
    mut entries: Vec<(String, Vec<u8>)>,
    name: &str,
    text: &str,
) -> Vec<(String, Vec<u8>)> {
    entries.retain(|(n, _)| n != name);
    entries.push((name.to_owned(), text.as_bytes().to_vec()));
    entries
}

/// CRC-32 (IEEE), bit by bit: the corpus's archives are small.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip archive of uncompressed (stored) entries: what a hostile workbook can be made of
/// byte by byte.
pub fn zip_stored(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len() as u32;
        let crc = crc32(data);
        let size = data.len() as u32;
        let header = |signature: u32, central: bool| {
            let mut h = Vec::new();
            h.extend_from_slice(&signature.to_le_bytes());
            if central {
                h.extend_from_slice(&20u16.to_le_bytes()); // made by
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // needed
            h.extend_from_slice(&0x0800u16.to_le_bytes()); // flags: UTF-8 names
            h.extend_from_slice(&0u16.to_le_bytes()); // stored
            h.extend_from_slice(&0u32.to_le_bytes()); // time, date
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&size.to_le_bytes());
            h.extend_from_slice(&size.to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if central {
                h.extend_from_slice(&0u16.to_le_bytes()); // comment
                h.extend_from_slice(&0u16.to_le_bytes()); // disk
                h.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
                h.extend_from_slice(&0u32.to_le_bytes()); // external attributes
                h.extend_from_slice(&offset.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend_from_slice(&header(0x0403_4b50, false));
        out.extend_from_slice(data);
        central.extend_from_slice(&header(0x0201_4b50, true));
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]); // disks
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// Rewrites the uncompressed size that the central directory and the local header declare for
/// one entry of a [`zip_stored`] archive.
pub fn declare_size(archive: &mut [u8], name: &str, size: u32) {
    let mut patched = 0;
    for signature in [0x0403_4b50u32, 0x0201_4b50] {
        let (size_at, name_at) = if signature == 0x0403_4b50 {
            (22, 30)
        } else {
            (24, 46)
        };
        let mut i = 0;
        while i + name_at + name.len() <= archive.len() {
            if archive[i..i + 4] == signature.to_le_bytes()
                && &archive[i + name_at..i + name_at + name.len()] == name.as_bytes()
            {
                archive[i + size_at..i + size_at + 4].copy_from_slice(&size.to_le_bytes());
                patched += 1;
            }
            i += 1;
        }
    }
    assert_eq!(patched, 2, "{name} is in the archive once");
}
