//! 分配表's cache: its rows under the filters and the sort ([`AllocationRows`], following edits
//! power by power), the rows the search box finds ([`SearchedRows`]), and the longest name in
//! its 辖区 column, which sets that column's width.

mod rows;

use std::collections::HashSet;
use std::sync::Arc;

pub use rows::{AllocationRows, Row, SortColumn, Status, lead_names};

use super::{Refresh, Sources};
use crate::model::{PowerId, Touched};
use crate::text::Lang;
use crate::ui::i18n::tables::territory_text;
use crate::ui::state::Filters;

/// The longest name of a territory the 辖区 column shows whole, in characters.
pub const PLACE_MAX_CHARS: usize = 12;

/// The rows that the search box's text finds: those of a power it finds, or of a power held by
/// a body it finds. Worked out once per document revision, search text, filters and sort (a
/// province's half a million rows are not walked per frame).
#[derive(Clone, Debug, Default)]
pub struct SearchedRows {
    key: Option<(u64, String, Filters, usize, bool)>,
    /// Positions in the table's rows of the rows found, in the table's order.
    pub indices: Vec<usize>,
}

/// 分配表's cache.
#[derive(Clone, Debug, Default)]
pub struct AllocationCache {
    /// The rows, following the document, the filters and the sort.
    pub rows: Arc<AllocationRows>,
    /// The rows the search box finds, kept while the search and the rows stay as they are.
    searched: Arc<SearchedRows>,
    /// Whether the search box has text (else every row is shown).
    searching: bool,
    /// The longest name of a territory (at most [`PLACE_MAX_CHARS`]), with the revision and
    /// language it was looked up for: a province has 1,350 territories.
    longest_territory: Option<((u64, Lang), String)>,
}

impl AllocationCache {
    /// The rows the search finds, or `None` when the search box is empty.
    pub fn searched(&self) -> Option<&Arc<SearchedRows>> {
        self.searching.then_some(&self.searched)
    }

    /// The longest name in the 辖区 column, cut to [`PLACE_MAX_CHARS`].
    pub fn longest_territory(&self) -> &str {
        self.longest_territory.as_ref().map_or("", |(_, t)| t)
    }

    fn refresh_searched(&mut self, from: &Sources<'_>) {
        let view = from.view;
        self.searching = !view.search.trim().is_empty();
        if !self.searching {
            return;
        }
        let derived = from.derived;
        let key = (
            from.doc.revision(),
            derived.searched_for().unwrap_or_default().to_owned(),
            view.filters.clone(),
            view.table.sort_column,
            view.table.descending,
        );
        if self.searched.key.as_ref() == Some(&key) {
            return;
        }
        let state = from.doc.state();
        let mut found: HashSet<&PowerId> = derived.power_hits.iter().collect();
        for body in &derived.body_hits {
            found.extend(state.holdings_of_body(body).map(|h| &h.power));
        }
        let indices = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, row)| found.contains(row.power))
            .map(|(i, _)| i)
            .collect();
        self.searched = Arc::new(SearchedRows {
            key: Some(key),
            indices,
        });
    }

    fn refresh_longest_territory(&mut self, from: &Sources<'_>) {
        let lang = from.view.lang;
        let key = (from.doc.revision(), lang);
        // Territories are named by the jurisdictions alone, which only changes that touch
        // anything (`Touched::All`) change: across others the longest name stands.
        if let Some((k, _)) = &mut self.longest_territory
            && k.1 == lang
            && (k.0 == key.0
                || from
                    .doc
                    .changes_since(k.0)
                    .is_some_and(|c| matches!(c.touched, Touched::Records(_))))
        {
            *k = key;
            return;
        }
        let state = from.doc.state();
        let longest = from
            .doc
            .analysis()
            .coverage
            .territories()
            .iter()
            .map(|t| territory_text(state, t, lang))
            .max_by_key(|t| t.chars().count())
            .map(|t| t.chars().take(PLACE_MAX_CHARS).collect::<String>())
            .unwrap_or_default();
        self.longest_territory = Some((key, longest));
    }
}

impl Refresh for AllocationCache {
    fn refresh(&mut self, from: &mut Sources<'_>) {
        let view = from.view;
        Arc::make_mut(&mut self.rows).refresh(
            from.doc,
            from.derived,
            &view.filters,
            view.table.sort_column,
            view.table.descending,
        );
        self.refresh_searched(from);
        self.refresh_longest_territory(from);
    }
}
