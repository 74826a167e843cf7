//! The main item's cells carried down to the rows under it: a sub-item row whose main-item
//! cells a merged cell left blank, and a continuation row of an item's next holder
//! ([`MainItemCells`]).

use super::super::spelling::trim_blank;
use super::super::{Field, HeaderMapping};

/// The cells of the last main item (主项) row, for the sub-item rows under it whose main-item
/// cells a merged cell left blank (a workbook's merge is filled when it is read; a CSV saved
/// from one, or a list that leaves them blank, has only the blanks).
///
/// The same goes for the next holder of an item: a list that merges an item's code and name
/// over the rows of its bodies (主办 on the first, 协办 below), saved as CSV, leaves the lower
/// rows with a body but no code or name. Such a continuation row takes the item's cells from
/// the row above, all but the body and its role, which are its own.
#[derive(Default)]
pub(in crate::io::import) struct MainItemCells {
    /// The columns a main item's cells fill: code, name, kind, field, basis, body, level, 辖区,
    /// 所属区.
    columns: Vec<usize>,
    /// The columns that say a row is a sub-item's.
    sub: [Option<usize>; 2],
    code: Option<usize>,
    last: Vec<String>,
    /// The columns a continuation row takes from the item's row: the same as `columns` but the
    /// body's.
    item_columns: Vec<usize>,
    name: Option<usize>,
    body: Option<usize>,
    /// The last row with a code, in `item_columns`.
    last_item: Vec<String>,
}

impl MainItemCells {
    pub(in crate::io::import) fn new(mapping: &HeaderMapping) -> Self {
        let sub = [
            mapping.column(Field::SubCode),
            mapping.column(Field::SubName),
        ];
        let columns = if sub.iter().all(Option::is_none) {
            Vec::new()
        } else {
            [
                Field::Code,
                Field::Name,
                Field::Kind,
                Field::Field,
                Field::Basis,
                Field::Body,
                Field::Level,
                Field::Jurisdiction,
                Field::District,
            ]
            .into_iter()
            .filter_map(|f| mapping.column(f))
            .collect()
        };
        let item_columns = [
            Field::Code,
            Field::Name,
            Field::Kind,
            Field::Field,
            Field::Basis,
            Field::Level,
            Field::Jurisdiction,
            Field::District,
            Field::SubCode,
            Field::SubName,
        ]
        .into_iter()
        .filter_map(|f| mapping.column(f))
        .collect();
        Self {
            columns,
            sub,
            code: mapping.column(Field::Code),
            last: Vec::new(),
            item_columns,
            name: mapping.column(Field::Name),
            body: mapping.column(Field::Body),
            last_item: Vec::new(),
        }
    }

    /// A continuation row's cells (see the type's docs): its blank item cells filled from the
    /// last row with a code, when its code and name are blank and it names a body.
    fn continue_item<'c>(&'c self, cells: &[&'c str]) -> Option<Vec<&'c str>> {
        let cell = |c: usize| trim_blank(cells.get(c).copied().unwrap_or(""));
        let (name, body) = (self.name?, self.body?);
        if self.last_item.is_empty() || !cell(name).is_empty() || cell(body).is_empty() {
            return None;
        }
        let width = cells
            .len()
            .max(self.item_columns.iter().max().map_or(0, |m| m + 1));
        let mut filled: Vec<&str> = (0..width)
            .map(|c| cells.get(c).copied().unwrap_or(""))
            .collect();
        for (column, text) in self.item_columns.iter().zip(&self.last_item) {
            if trim_blank(filled[*column]).is_empty() {
                filled[*column] = trim_blank(text);
            }
        }
        Some(filled)
    }

    /// The row's cells with its blank main-item cells filled from the main item's row, when it
    /// is a sub-item row with a blank main-item code; `None` when the row stands as it is (and
    /// a row with a main-item code becomes the main item's row).
    pub(in crate::io::import) fn fill<'c>(&'c mut self, cells: &[&'c str]) -> Option<Vec<&'c str>> {
        let code = self.code?;
        let cell = |c: usize| trim_blank(cells.get(c).copied().unwrap_or(""));
        if !cell(code).is_empty() {
            // Every item row is kept: in the buffers of the last one, not new strings per row
            // (a province's list has hundreds of thousands of rows), as written (trimmed only
            // when a row takes them).
            copy_cells(&mut self.last, &self.columns, cells);
            copy_cells(&mut self.last_item, &self.item_columns, cells);
            return None;
        }
        let is_sub = self.sub.iter().flatten().any(|c| !cell(*c).is_empty());
        if self.columns.is_empty() || !is_sub || self.last.is_empty() {
            return self.continue_item(cells);
        }
        // A sub-item's row is the item that its own continuation rows continue.
        self.last_item = self
            .item_columns
            .iter()
            .map(|c| {
                let own = cell(*c);
                let inherited = self.columns.iter().position(|m| m == c);
                match inherited {
                    Some(i) if own.is_empty() => trim_blank(&self.last[i]).to_owned(),
                    _ => own.to_owned(),
                }
            })
            .collect();
        let width = cells
            .len()
            .max(self.columns.iter().max().map_or(0, |m| m + 1));
        let mut filled: Vec<&str> = (0..width)
            .map(|c| cells.get(c).copied().unwrap_or(""))
            .collect();
        for (column, text) in self.columns.iter().zip(&self.last) {
            if trim_blank(filled[*column]).is_empty() {
                filled[*column] = trim_blank(text);
            }
        }
        Some(filled)
    }
}

/// Puts the cells of `columns` into `kept` as written, reusing its strings.
fn copy_cells(kept: &mut Vec<String>, columns: &[usize], cells: &[&str]) {
    kept.resize_with(columns.len(), String::new);
    for (text, column) in kept.iter_mut().zip(columns) {
        text.clear();
        text.push_str(cells.get(*column).copied().unwrap_or(""));
    }
}
