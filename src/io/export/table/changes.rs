//! The 变更清单: the view's operations, each with its kind (下划, 划转, …) and a sentence that
//! names what it moves, from whom, to whom, in the exports' style of the one sentence set
//! ([`crate::text::operation`]).

#[allow(clippy::wildcard_imports)]
use super::*;
use crate::text::{Lang, Style, operation, operation_kind, timetable};

/// The changes (变更清单): one row per step of the scenario; when any step is dated or names
/// its document, two more columns, 生效日期 (empty: from the scenario's start) and 文号.
pub fn changes_table(ctx: &ExportContext) -> Table {
    let names = Names::new(&ctx.after, &ctx.before);
    let timed = ctx.timed();
    let rows = ctx
        .steps()
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let op = &step.operation;
            let mut row = vec![
                Cell::from(i + 1),
                Cell::from(operation_kind(op, &names)),
                Cell::Text(operation(op, None, &names, Style::Export)),
            ];
            if timed {
                row.push(Cell::Text(
                    step.timing
                        .effective
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                ));
                row.push(Cell::Text(step.timing.document.clone()));
            }
            row
        })
        .collect();
    let mut headers = vec!["序号", "操作", "说明"];
    if timed {
        headers.extend([
            timetable::effective_heading(Lang::Zh),
            timetable::document_heading(Lang::Zh),
        ]);
    }
    Table {
        name: TableKind::Changes.label_zh(),
        headers,
        rows,
    }
}
