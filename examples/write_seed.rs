//! Writes the seed plan that `shiquan::io::seed::builder` builds to `assets/seed-plan.ron` (the
//! file embedded in the binary) and to its copy `saves/seed-plan.ron`, so that an edit of the
//! builder's tables reaches the app. `tests/core/seed_plan.rs` fails until both files are rewritten.
//!
//! ```sh
//! cargo run --example write_seed
//! ```
//!
//! It needs no GUI: `cargo run --no-default-features --example write_seed` builds only the core.
//! Each file is replaced atomically, and a file that already holds the text is left alone.

use std::path::Path;

use anyhow::Context as _;
use shiquan::io::atomic::write_atomically;
use shiquan::io::seed::builder::seed_plan_text;

/// The files written, from the crate's root.
const TARGETS: [&str; 2] = ["assets/seed-plan.ron", "saves/seed-plan.ron"];

fn main() -> anyhow::Result<()> {
    let text = seed_plan_text().context("cannot write the seed plan as RON")?;
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for target in TARGETS {
        let path = root.join(target);
        if std::fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
            println!("{target}: unchanged");
            continue;
        }
        write_atomically(&path, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
        println!("{target}: written ({} bytes)", text.len());
    }
    Ok(())
}
