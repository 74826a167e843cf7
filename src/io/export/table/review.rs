//! The 审核意见 table: every review opinion of the plan, whatever state it was written on, with
//! its office, the state, its object (「对象已不存在」 when gone), its text, status, date and answer.

use super::{Cell, ExportContext, Table};
use crate::text::Lang;
use crate::text::review::opinion_headers;

/// The sheet's name.
pub const OPINIONS_SHEET: &str = "审核意见";

/// The table's headers: the seven columns of an opinion, with the state after the office.
pub fn opinion_table_headers() -> Vec<&'static str> {
    let [id, office, object, text, status, date, answer] = opinion_headers(Lang::Zh);
    vec![id, office, "方案", object, text, status, date, answer]
}

/// The 审核意见 table.
pub fn opinions_table(ctx: &ExportContext) -> Table {
    let rows = ctx
        .opinions
        .iter()
        .map(|r| {
            vec![
                Cell::from(r.id.as_str()),
                Cell::from(r.office.as_str()),
                Cell::from(r.state.as_str()),
                Cell::from(r.target.as_str()),
                Cell::from(r.text.as_str()),
                Cell::from(r.status.as_str()),
                Cell::from(r.date.as_str()),
                Cell::from(r.answer.as_str()),
            ]
        })
        .collect();
    Table {
        name: OPINIONS_SHEET,
        headers: opinion_table_headers(),
        rows,
    }
}
