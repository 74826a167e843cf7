//! 方案对比's cache: the comparison of the pair of views the tab shows, with the views other
//! than the current one replayed from the plan and kept while only a scenario is edited, and
//! the powers whose leads differ followed edit by edit (an edit re-checks the powers it
//! touched, not every power).

use std::collections::BTreeSet;
use std::sync::Arc;

use super::{Refresh, Sources};
use crate::analysis::Coverage;
use crate::analysis::diff::{Diff, DistrictFindings, Side, diff_sides};
use crate::analysis::summary::{LeadChanges, moved_powers};
use crate::model::{PowerId, State, Touched};
use crate::plan::Operation;
use crate::session::{Document, View};
use crate::text::{DiffText, Lang};
use crate::ui::cache::derived::Derived;

/// A view other than the current one, replayed from the plan.
#[derive(Debug)]
struct Replay {
    state: State,
    coverage: Coverage,
    found: DistrictFindings,
    operations: Vec<Operation>,
}

/// One side of a comparison: the document's current view, or a replayed one.
#[derive(Clone, Debug)]
enum ComparedState {
    Current,
    Replayed(Arc<Replay>),
}

impl ComparedState {
    /// The side for the diff; `current_ops` are the operations of the current view, whose
    /// findings per district are the window's derived counts.
    fn side<'a>(
        &'a self,
        (doc, derived): (&'a Document, &'a Derived),
        id: &'a str,
        current_ops: &'a [Operation],
    ) -> Side<'a> {
        match self {
            ComparedState::Current => Side {
                id,
                state: doc.state(),
                coverage: &doc.analysis().coverage,
                operations: current_ops,
                overlaps_by_district: &derived.overlaps_by_district,
                gaps_by_district: &derived.gaps_by_district,
            },
            ComparedState::Replayed(replay) => Side {
                id,
                state: &replay.state,
                coverage: &replay.coverage,
                operations: &replay.operations,
                overlaps_by_district: &replay.found.overlaps,
                gaps_by_district: &replay.found.gaps,
            },
        }
    }

    fn state<'a>(&'a self, doc: &'a Document) -> &'a State {
        match self {
            ComparedState::Current => doc.state(),
            ComparedState::Replayed(replay) => &replay.state,
        }
    }
}

/// A comparison of two views.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// The differences.
    pub diff: Diff,
    /// The headline figures.
    pub headline: String,
    from: ComparedState,
    to: ComparedState,
}

impl Comparison {
    /// The states compared: (from, to).
    pub fn states<'a>(&'a self, doc: &'a Document) -> (&'a State, &'a State) {
        (self.from.state(doc), self.to.state(doc))
    }
}

/// The cached comparison of the pair the tab shows.
#[derive(Clone, Debug, Default)]
pub struct CompareCache {
    key: Option<(u64, View, View, Lang)>,
    /// The views of the pair other than the current one, replayed.
    replays: Vec<(View, Arc<Replay>)>,
    /// The comparison, or why it cannot be made.
    pub result: Option<Result<Comparison, String>>,
    /// The powers whose leads differ between the pair's views, as of `key`.
    moved: BTreeSet<PowerId>,
}

/// The pair the tab compares: the user's choice, or the baseline against the current view.
pub fn pair(doc: &Document, chosen: Option<&(View, View)>) -> (View, View) {
    chosen
        .cloned()
        .unwrap_or_else(|| (View::Baseline, doc.view().clone()))
}

fn id_of(view: &View) -> String {
    match view {
        View::Baseline => crate::plan::BASELINE_ID.to_owned(),
        View::Scenario(id) => id.to_string(),
    }
}

impl CompareCache {
    /// Brings the comparison up to date with the document (only when the pair, the document or
    /// the language changed).
    pub fn follow(
        &mut self,
        doc: &mut Document,
        derived: &Derived,
        pair: &(View, View),
        lang: Lang,
    ) {
        let key = (doc.revision(), pair.0.clone(), pair.1.clone(), lang);
        if self.key.as_ref() == Some(&key) {
            return;
        }
        // Replays stay right while a scenario alone is edited; after anything else (an edit of
        // the baseline, another view, other rules) they are made again.
        let replays_kept = doc.view().scenario().is_some()
            && self
                .key
                .as_ref()
                .is_some_and(|(revision, ..)| doc.changes_since(*revision).is_some());
        if !replays_kept {
            self.replays.clear();
        }
        self.replays.retain(|(v, _)| v == &pair.0 || v == &pair.1);
        // The moved powers follow edits of records when the pair is the one last compared.
        let touched = match &self.key {
            Some((revision, from, to, _))
                if (from, to) == (&pair.0, &pair.1) && matches!(self.result, Some(Ok(_))) =>
            {
                match doc.touched_since(*revision) {
                    Some(Touched::Records(records)) => Some(records.powers),
                    _ => None,
                }
            }
            _ => None,
        };
        let followed =
            touched.filter(|_| replays_kept || pair.0 == pair.1 && &pair.0 == doc.view());
        self.result = Some(self.compare(doc, derived, pair, lang, followed));
        self.key = Some(key);
    }

    fn compare(
        &mut self,
        doc: &mut Document,
        derived: &Derived,
        pair: &(View, View),
        lang: Lang,
        touched_powers: Option<BTreeSet<PowerId>>,
    ) -> Result<Comparison, String> {
        let from = self.side(doc, &pair.0)?;
        let to = self.side(doc, &pair.1)?;
        let current_ops: Vec<Operation> = match doc.view() {
            View::Baseline => Vec::new(),
            View::Scenario(_) => doc.history().applied().cloned().collect(),
        };
        let (from_id, to_id) = (id_of(&pair.0), id_of(&pair.1));
        let doc: &Document = doc;
        let from_side = from.side((doc, derived), &from_id, &current_ops);
        let to_side = to.side((doc, derived), &to_id, &current_ops);
        match touched_powers {
            Some(touched) => {
                let leads = LeadChanges::between(from_side.coverage, to_side.coverage);
                for code in touched {
                    if leads.moved(&code) {
                        self.moved.insert(code);
                    } else {
                        self.moved.remove(&code);
                    }
                }
            }
            None => {
                self.moved = moved_powers(from_side.coverage, to_side.coverage)
                    .into_iter()
                    .collect();
            }
        }
        let diff = diff_sides(from_side, to_side, self.moved.iter().cloned().collect());
        let headline = diff.headline(from_side.state, to_side.state, lang);
        Ok(Comparison {
            diff,
            headline,
            from,
            to,
        })
    }

    /// One side: the current view, a kept replay, or a new one.
    fn side(&mut self, doc: &mut Document, view: &View) -> Result<ComparedState, String> {
        if view == doc.view() {
            return Ok(ComparedState::Current);
        }
        if let Some((_, replay)) = self.replays.iter().find(|(v, _)| v == view) {
            return Ok(ComparedState::Replayed(replay.clone()));
        }
        let (state, operations) = doc
            .plan()
            .state_and_operations(view.scenario())
            .map_err(|e| e.to_string())?;
        let coverage = Coverage::full(&state);
        let replay = Arc::new(Replay {
            found: DistrictFindings::of(&coverage),
            coverage,
            state,
            operations,
        });
        self.replays.push((view.clone(), replay.clone()));
        Ok(ComparedState::Replayed(replay))
    }
}

impl Refresh for CompareCache {
    fn refresh(&mut self, from: &mut Sources<'_>) {
        let pair = pair(from.doc, from.view.compare_pair.as_ref());
        self.follow(from.doc, from.derived, &pair, from.view.lang);
    }
}
