//! The 变更清单: the view's operations, each with its kind (下划, 划转, …) and a sentence that
//! names what it moves, from whom, to whom, in the exports' style of the one sentence set
//! ([`crate::text::operation`]).

#[allow(clippy::wildcard_imports)]
use super::*;
use crate::text::{Style, operation, operation_kind};

/// The changes (变更清单): one row per operation of the scenario.
pub fn changes_table(ctx: &ExportContext) -> Table {
    let names = Names::new(&ctx.after, &ctx.before);
    let rows = ctx
        .operations()
        .iter()
        .enumerate()
        .map(|(i, op)| {
            vec![
                Cell::from(i + 1),
                Cell::from(operation_kind(op, &names)),
                Cell::Text(operation(op, None, &names, Style::Export)),
            ]
        })
        .collect();
    Table {
        name: TableKind::Changes.label_zh(),
        headers: vec!["序号", "操作", "说明"],
        rows,
    }
}
