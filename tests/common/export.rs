//! What an export says about a state, read back for comparison: the lead bodies of every
//! (power, district), by name.

use std::collections::BTreeMap;

use shiquan::io::export::{self, ExportContext};

/// The lead bodies of every (power, district name), by name, sorted.
pub fn allocation(ctx: &ExportContext) -> BTreeMap<(String, String), Vec<String>> {
    export::allocation_rows_of(ctx)
        .into_iter()
        .map(|r| {
            let mut after = r.after;
            after.sort();
            ((r.code.to_string(), r.district_name), after)
        })
        .collect()
}
