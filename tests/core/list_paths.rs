//! A CSV list reaches a plan by three paths: from a file read in blocks (`read_list`, what the
//! CLI and the window's open take), straight from its bytes (`read_list_bytes`; rows are read as
//! they come, never held as a table) and through the table the window's import dialog shows
//! (`read_table`, then `ImportedList::from_table` under the detected header). They must agree
//! on every list: the same plan, rows, skipped rows and notes, or the same error. Checked on the whole bad-input corpus and on generated lists with
//! planted faults (a street in no district, an unknown 不含辖区, a bad kind), each with and
//! without skipping bad rows.

use crate::common::bad_corpus::{Kind, materialise};
use shiquan::generate::{GenerateOptions, SplitMix64, generate, to_list_csv};
use shiquan::io::import::{self, ImportOptions, ListFormat};

/// The outcome of a path, as text: the list's every field, or the error's message.
fn outcome(result: Result<import::ImportedList, import::ImportError>) -> String {
    match result {
        Ok(list) => format!("{list:?}"),
        Err(e) => format!("error: {e}"),
    }
}

/// Both paths over the same bytes, with and without skipping bad rows; their outcomes.
fn assert_paths_agree(bytes: &[u8], name: &str) -> [String; 2] {
    [false, true].map(|skip_bad_rows| {
        let options = ImportOptions {
            skip_bad_rows,
            ..ImportOptions::default()
        };
        let streamed = outcome(import::read_list_bytes(
            bytes,
            name,
            ListFormat::Csv,
            &options,
        ));
        let tabled = outcome(
            import::read_table_bytes(bytes, name, ListFormat::Csv, &options).and_then(|table| {
                match table.detect_mapping() {
                    Some((index, mapping)) => {
                        import::ImportedList::from_table(&table, index, &mapping, &options)
                    }
                    // The streaming path's own message for a list without a header row.
                    None => import::read_list_bytes(bytes, name, ListFormat::Csv, &options),
                }
            }),
        );
        assert_eq!(streamed, tabled, "{name} (skip bad rows: {skip_bad_rows})");
        // The file path reads in blocks; its messages name the file as written.
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write the list");
        let from_file = outcome(import::read_list(&path, &options));
        let shown = path.display().to_string();
        assert_eq!(
            from_file.replace(&shown, name),
            streamed.replace(&shown, name),
            "{name} from a file (skip bad rows: {skip_bad_rows})"
        );
        streamed
    })
}

#[test]
fn both_paths_agree_on_every_csv_of_the_bad_input_corpus() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut seen = 0;
    for case in materialise(dir.path()) {
        if case.kind == Kind::Csv {
            let bytes = std::fs::read(&case.path).expect("read a case");
            assert_paths_agree(&bytes, &case.name);
            seen += 1;
        }
    }
    assert!(seen >= 10, "only {seen} CSV cases");
}

#[test]
fn both_paths_agree_on_generated_lists_with_planted_faults() {
    let mut rng = SplitMix64::new(7);
    let (mut refused, mut skipped) = (0, 0);
    for seed in 0..24 {
        let plan = generate(&GenerateOptions {
            districts: 2 + rng.below(5),
            powers: 5 + rng.below(30),
            seed,
            ..GenerateOptions::default()
        });
        let mut lines: Vec<String> = to_list_csv(&plan.baseline)
            .lines()
            .map(str::to_owned)
            .collect();
        assert!(lines.len() > 2, "a generated list has rows");
        // Plant a few faults among the rows (line 1 is the header).
        let header = lines[0].clone();
        let columns = header.split(',').count();
        for _ in 0..rng.below(4) {
            let at = 1 + rng.below(lines.len() - 1);
            let mut cells: Vec<String> = lines[at].split(',').map(str::to_owned).collect();
            cells.resize(columns, String::new());
            match rng.below(4) {
                0 => {
                    // A street body in a district the list does not name.
                    let level = header.split(',').position(|h| h == "行使层级");
                    let place = header.split(',').position(|h| h == "辖区");
                    if let (Some(level), Some(place)) = (level, place) {
                        cells[level] = "街道".into();
                        cells[place] = "无名区/东街街道".into();
                    }
                }
                1 => {
                    // A kind of power that is none.
                    if let Some(kind) = header.split(',').position(|h| h == "权力类型") {
                        cells[kind] = "行政随意".into();
                    }
                }
                2 => {
                    // The same row twice: one holding, and a repeated note at most.
                    lines.insert(at, lines[at].clone());
                    continue;
                }
                _ => {
                    // A power nobody holds.
                    cells.truncate(2);
                }
            }
            lines[at] = cells.join(",");
        }
        let text = lines.join("\n") + "\n";
        let [strict, skipping] =
            assert_paths_agree(text.as_bytes(), &format!("generated-{seed}.csv"));
        if strict.starts_with("error:") {
            refused += 1;
            if !skipping.starts_with("error:") && !skipping.contains("skipped: []") {
                skipped += 1;
            }
        }
    }
    // The planted faults are faults: some lists are refused, and read with rows skipped.
    assert!(
        refused >= 3 && skipped >= 3,
        "{refused} refused, {skipped} read by skipping"
    );
}
