//! The graph as Graphviz DOT: one cluster per jurisdiction (city, districts, streets), bodies as
//! boxes labelled with their lead counts, sub-bodies joined to their parent, entrusted holdings
//! as dashed edges to the entrusting body. `dot -Tsvg` draws it; the labels are UTF-8, with
//! quotes, backslashes and line breaks escaped and control characters (a NUL would end the
//! text for Graphviz) shown as U+FFFD.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::is_replaced_in_documents;
use super::table::ExportContext;
use crate::model::{BodyId, Role};
use crate::text::{Label, Lang};

/// Quotes a DOT string.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if is_replaced_in_documents(c) => out.push(char::REPLACEMENT_CHARACTER),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The DOT text of the exported state.
pub fn graph(ctx: &ExportContext) -> String {
    let state = &ctx.after;
    let mut out = String::new();
    let _ = writeln!(out, "digraph shiquan {{");
    let _ = writeln!(
        out,
        "  label={}; labelloc=t; rankdir=TB; fontname=\"Noto Sans CJK SC\";",
        quote(&format!("{}（{}）", ctx.title, ctx.state_name()))
    );
    let _ = writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eef3fb\", fontname=\"Noto Sans CJK SC\"];"
    );
    let mut entrusts: BTreeMap<(&BodyId, &BodyId), usize> = BTreeMap::new();
    for (i, (lane, bodies)) in crate::lanes::grouped(state).into_iter().enumerate() {
        let _ = writeln!(out, "  subgraph cluster_{i} {{");
        let _ = writeln!(
            out,
            "    label={}; style=filled; fillcolor=\"#f6f8fb\";",
            quote(&format!("{}（{}）", lane.name, lane.level.label(Lang::Zh)))
        );
        for body in bodies {
            let lead = state
                .holdings_of_body(&body.id)
                .filter(|h| h.role.is_lead())
                .count();
            let _ = writeln!(
                out,
                "    {} [label={}];",
                quote(body.id.as_str()),
                quote(&format!("{}\n主办 {lead} 项", body.name))
            );
        }
        let _ = writeln!(out, "  }}");
    }
    for body in state.bodies().values() {
        if let Some(parent) = &body.parent {
            let _ = writeln!(
                out,
                "  {} -> {} [arrowhead=none, color=\"#7b8ba1\"];",
                quote(body.id.as_str()),
                quote(parent.as_str())
            );
        }
        for h in state.holdings_of_body(&body.id) {
            if let Role::Entrusted { by } = &h.role {
                *entrusts.entry((&body.id, by)).or_default() += 1;
            }
        }
    }
    for ((from, by), n) in entrusts {
        let _ = writeln!(
            out,
            "  {} -> {} [style=dashed, color=\"#b26a00\", label={}];",
            quote(from.as_str()),
            quote(by.as_str()),
            quote(&format!("受委托 {n} 项"))
        );
    }
    out.push_str("}\n");
    out
}
