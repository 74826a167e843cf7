//! Where `shiquan merge` spends its time on a large plan (issue 19): the stages one by one,
//! printed as `name<TAB>milliseconds` lines: reading the three copies (each loaded as a plan,
//! then its records), their trees, the whole merge (trees, the walk, the merged plan loaded
//! and its scenarios replayed), and writing the text.
//!
//! `cargo build --release --example merge_probe`, then
//! `merge_probe BASE OURS THEIRS` (`shiquan generate` makes a province to edit).

use std::path::Path;
use std::time::Instant;

use anyhow::bail;
use shiquan::io::plan_file::load_records;
use shiquan::merge;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [base, ours, theirs] = args.as_slice() else {
        bail!("usage: merge_probe BASE OURS THEIRS");
    };
    let lap =
        |name: &str, start: Instant| println!("{name}\t{:.1}", start.elapsed().as_secs_f64() * 1e3);
    let start = Instant::now();
    let sides = [base, ours, theirs].map(|p| load_records(Path::new(p)));
    let [base, ours, theirs] = sides;
    let (base, ours, theirs) = (base?, ours?, theirs?);
    lap("read three copies", start);
    let start = Instant::now();
    for side in [&base, &ours, &theirs] {
        std::hint::black_box(merge::tree::to_node(side)?);
    }
    lap("three trees", start);
    let start = Instant::now();
    let merged = merge::merge(&base, &ours, &theirs)?;
    lap("merge (trees, walk, load, replay)", start);
    let start = Instant::now();
    std::hint::black_box(merge::merge(&base, &ours, &base)?);
    lap("merge with theirs untouched (trees, load)", start);
    let start = Instant::now();
    let text = shiquan::io::to_text(&merged.plan)?;
    lap("write the text", start);
    println!(
        "conflicts\t{}\nbytes\t{}",
        merged.conflicts.len(),
        text.len()
    );
    std::mem::forget((merged, base, ours, theirs, text));
    Ok(())
}
