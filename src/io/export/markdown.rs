//! The report as Markdown: headline figures, the findings, the allocation table, the bodies and
//! the changes. Pipes and line breaks inside cells are escaped so every row stays one row.

use std::fmt::Write as _;

use super::table::{self, ExportContext, Table};

/// Escapes a cell for a Markdown table.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>")
}

/// A table in Markdown.
pub fn table_md(table: &Table) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "| {} |", table.headers.join(" | "));
    let _ = writeln!(
        out,
        "|{}",
        table.headers.iter().map(|_| " --- |").collect::<String>()
    );
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(|c| cell(&c.text())).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

/// The whole report.
pub fn report(ctx: &ExportContext) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}（{}）\n", ctx.title, ctx.state_name());
    if let Some(s) = &ctx.scenario
        && !s.description.is_empty()
    {
        let _ = writeln!(out, "{}\n", s.description);
    }
    let _ = writeln!(out, "## 概况\n");
    for (label, value) in table::headline(ctx) {
        let _ = writeln!(out, "- {label}：{value}");
    }
    out.push('\n');
    for t in [
        table::findings_table(ctx),
        table::allocation_table(ctx),
        table::bodies_table(ctx),
        table::changes_table(ctx),
    ] {
        let _ = writeln!(out, "## {}（{} 行）\n", t.name, t.rows.len());
        if t.rows.is_empty() {
            out.push_str("（无）\n\n");
        } else {
            out.push_str(&table_md(&t));
            out.push('\n');
        }
    }
    out
}
