//! `check LIST` on generated power lists finds exactly the overlaps and gaps that the flat-list
//! rule of `shared/design/domain.md` gives, computed here independently of the importer and of
//! the core's coverage: a (power, territory) pair is covered by each distinct city-level lead
//! body of the power, each distinct lead body of its district and each of its street (bodies
//! are told apart by name, level and 辖区; an empty role is lead); 2 or more is an overlap, 0 a
//! gap. The territories are the leaves: a district's streets, or the district without streets.

// Helpers outside #[test] functions unwrap too: a failure there is a test failure.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// `SplitMix64`, seeded: the same lists on every run.
struct Rng(shiquan::generate::SplitMix64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0.next_u64()
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// One generated row: code, name, level (None: no body), body, 辖区, role.
#[derive(Clone)]
struct Row {
    code: String,
    name: String,
    level: &'static str,
    body: String,
    jurisdiction: String,
    role: &'static str,
}

const DISTRICTS: [&str; 5] = ["甲区", "乙区", "丙区", "丁区", "高新区"];

fn generate(seed: u64, rows: usize, codes: usize) -> Vec<Row> {
    let mut rng = Rng(shiquan::generate::SplitMix64::new(seed));
    let city_bodies = [
        "市城市管理局",
        "市住房和城乡建设局",
        "市生态环境局",
        "市园林管理局",
        "市城管执法支队",
    ];
    let district_bodies = [
        "城市管理局",
        "住房和城乡建设局",
        "综合执法大队",
        "环境卫生管理站",
    ];
    let roles = ["", "主办", "协办", "受委托", "", "主办"];
    // Some districts appear in district rows only late, and 丁区 only with few rows.
    let mut out = Vec::with_capacity(rows);
    for i in 0..rows {
        let n = rng.below(codes);
        let code = format!("XK-{n:04}");
        let name = format!("事项{n}");
        let (level, body, jurisdiction) = match rng.below(10) {
            0 => ("", String::new(), String::new()),
            1..=3 => ("市级", rng.pick(&city_bodies).to_owned(), String::new()),
            4..=8 => {
                let d = if i % 97 == 0 {
                    "丁区"
                } else {
                    rng.pick(&DISTRICTS[..3])
                };
                let d = if i % 13 == 0 { "高新区" } else { d };
                let b = format!("{d}{}", rng.pick(&district_bodies));
                // Now and then a district body named like another district's.
                let b = if rng.below(20) == 0 {
                    format!("甲区{}", rng.pick(&district_bodies))
                } else {
                    b
                };
                ("区级", b, d.to_owned())
            }
            _ => {
                let d = rng.pick(&DISTRICTS[..3]);
                ("街道", "街道办事处".to_owned(), format!("{d}/东街街道"))
            }
        };
        let role = if level.is_empty() {
            ""
        } else {
            rng.pick(&roles)
        };
        out.push(Row {
            code,
            name,
            level,
            body,
            jurisdiction,
            role,
        });
    }
    out
}

/// A body as the flat rule tells bodies apart: (name, level, 辖区).
type BodyKey<'a> = (&'a str, &'a str, &'a str);

/// The flat-list rule, independently: (code, territory) → number of covering lead bodies. The
/// territories are the leaves: a district's streets (「甲区/东街街道」), or the district itself
/// when no row names a street of it.
fn flat_rule(rows: &[Row]) -> BTreeMap<(String, String), usize> {
    let district_of_street = |r: &Row| r.jurisdiction.split('/').next().unwrap_or("").to_owned();
    let mut districts: BTreeSet<String> = rows
        .iter()
        .filter(|r| r.level == "区级")
        .map(|r| r.jurisdiction.clone())
        .collect();
    let streets: BTreeSet<&str> = rows
        .iter()
        .filter(|r| r.level == "街道" && !r.body.is_empty())
        .map(|r| r.jurisdiction.as_str())
        .collect();
    districts.extend(
        rows.iter()
            .filter(|r| r.level == "街道" && !r.body.is_empty())
            .map(district_of_street),
    );
    let codes: BTreeSet<&str> = rows.iter().map(|r| r.code.as_str()).collect();
    let lead = |r: &&Row| !r.body.is_empty() && (r.role.is_empty() || r.role == "主办");
    let mut city: BTreeMap<&str, BTreeSet<BodyKey>> = BTreeMap::new();
    let mut local: BTreeMap<(&str, &str), BTreeSet<BodyKey>> = BTreeMap::new();
    for r in rows.iter().filter(lead) {
        let key = (r.body.as_str(), r.level, r.jurisdiction.as_str());
        match r.level {
            "市级" => {
                city.entry(r.code.as_str()).or_default().insert(key);
            }
            // A district's bodies, and a street's, each under its own place.
            "区级" | "街道" => {
                local
                    .entry((r.code.as_str(), r.jurisdiction.as_str()))
                    .or_default()
                    .insert(key);
            }
            _ => {}
        }
    }
    let count = |code: &str, place: &str| local.get(&(code, place)).map_or(0, BTreeSet::len);
    let mut out = BTreeMap::new();
    for code in &codes {
        let from_city = city.get(code).map_or(0, BTreeSet::len);
        for d in &districts {
            let prefix = format!("{d}/");
            let mut leaves: Vec<&str> = streets
                .iter()
                .copied()
                .filter(|s| s.starts_with(&prefix))
                .collect();
            if leaves.is_empty() {
                out.insert(((*code).to_owned(), d.clone()), from_city + count(code, d));
                continue;
            }
            leaves.sort_unstable();
            for street in leaves {
                let n = from_city + count(code, d) + count(code, street);
                out.insert(((*code).to_owned(), street.to_owned()), n);
            }
        }
    }
    out
}

fn write_csv(rows: &[Row], path: &std::path::Path) {
    // A title row, then the headers in an unusual order with synonyms.
    let mut text = String::from("\u{feff}某市城市建设领域权责清单（测试）\n");
    text.push_str("行使主体,层级,区域,责任类型,职权编码,职权名称,职权类型\n");
    for r in rows {
        let _ = writeln!(
            text,
            "{},{},{},{},{},{},行政处罚",
            r.body, r.level, r.jurisdiction, r.role, r.code, r.name
        );
    }
    std::fs::write(path, text).unwrap();
}

/// What `check LIST --json` prints, by the same functions (the binary in a shared target folder
/// may be another worktree's build at any moment; `tests/cli/cli_lists.rs` runs the binary itself).
fn check_list(path: &std::path::Path) -> serde_json::Value {
    let plan = shiquan::cli::load_plan_or_list(
        Some(&path.to_path_buf()),
        &shiquan::io::import::ImportOptions::default(),
    )
    .unwrap();
    let report = shiquan::report::CheckReport::build(&plan, None, shiquan::text::Lang::Zh).unwrap();
    serde_json::to_value(&report).unwrap()
}

#[test]
fn check_list_finds_exactly_the_flat_rule_overlaps_and_gaps() {
    let dir = tempfile::tempdir().unwrap();
    for (seed, rows, codes) in [
        (1_u64, 3000, 400),
        (2, 5000, 1200),
        (3, 2000, 60),
        (4, 4000, 3000),
    ] {
        let rows = generate(seed, rows, codes);
        let expected = flat_rule(&rows);
        let path = dir.path().join(format!("list-{seed}.csv"));
        write_csv(&rows, &path);
        let report = check_list(&path);
        let mut found: BTreeMap<(String, String), usize> = BTreeMap::new();
        for f in report["findings"].as_array().unwrap() {
            let kind = f["kind"].as_str().unwrap();
            if kind != "overlap" && kind != "gap" {
                continue;
            }
            // A street is named with its district, as the list writes it: 「甲区/东街街道」.
            let place = f["jurisdiction_name"].as_str().unwrap();
            let place = match f["district_name"].as_str() {
                Some(district) => format!("{district}/{place}"),
                None => place.to_owned(),
            };
            let key = (f["power"].as_str().unwrap().to_owned(), place);
            let bodies = f["bodies"].as_array().unwrap().len();
            assert_eq!(kind == "gap", bodies == 0, "{f}");
            assert!(found.insert(key, bodies).is_none(), "one finding per pair");
        }
        let wanted: BTreeMap<(String, String), usize> =
            expected.into_iter().filter(|(_, n)| *n != 1).collect();
        let overlaps = wanted.values().filter(|n| **n >= 2).count();
        let gaps = wanted.values().filter(|n| **n == 0).count();
        assert!(
            overlaps + gaps > 100,
            "seed {seed}: {overlaps} overlaps, {gaps} gaps"
        );
        assert_eq!(found, wanted, "seed {seed}");
        eprintln!(
            "seed {seed}: {} rows, {overlaps} overlaps and {gaps} gaps agree",
            rows.len()
        );
    }
}
