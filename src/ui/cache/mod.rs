//! Every cache of the window, in one place and behind one trait ([`Refresh`]).
//!
//! The document is the truth; what the window shows of it costs too much to work out every
//! frame on a province (hundreds of thousands of holdings), so each view keeps what it drew and
//! brings it up to date from what the document says changed since
//! ([`crate::session::Document::changes_since`], [`crate::session::Document::touched_since`]):
//! an edit re-works the powers and bodies it touched, not the whole plan.
//!
//! [`Caches::refresh`] runs once per frame, before anything is drawn: first the derived numbers
//! ([`Derived`]: coverage counts, findings in order, search hits, lane order), which every
//! other cache reads, then the caches of the tab in view. The panels only read the caches
//! (the findings' texts are filled in as rows scroll into view).
//!
//! | cache | of | follows |
//! | --- | --- | --- |
//! | [`Derived`] | counts, findings, hits, lane order | records touched, search, filters |
//! | [`AllocationCache`] | 分配表's rows, searched rows, widest place | powers touched, filters, sort, search |
//! | [`MatrixCounts`] | 覆盖矩阵's cells and totals | powers touched |
//! | [`FindingTexts`] | 问题清单's sentences, explanations, fixes | revision, language |
//! | [`CompareCache`] | 方案对比 | powers touched while a scenario is edited |
//! | [`OpinionRows`] | 审核意见's rows | revision, language |
//! | [`TimetableCache`] | the date bar: step dates, 过渡期 findings | revision |

pub mod allocation;
pub mod comparison;
pub mod derived;
pub mod findings;
pub mod matrix;
pub mod opinions;
pub mod timetable;

pub use allocation::AllocationCache;
pub use comparison::CompareCache;
pub use derived::Derived;
pub use findings::FindingTexts;
pub use matrix::MatrixCounts;
pub use opinions::{OpenOpinions, OpinionRows};
pub use timetable::TimetableCache;

use crate::session::Document;
use crate::ui::state::{Tab, UiState};

/// What a cache is brought up to date from.
pub struct Sources<'a> {
    /// The document (mutable only so that the comparison can have the plan written out with
    /// the steps being edited, to replay another view).
    pub doc: &'a mut Document,
    /// The window's view state: tab, filters, search, sort, language.
    pub view: &'a UiState,
    /// The derived numbers, already up to date.
    pub derived: &'a Derived,
}

/// A cache of the window.
pub trait Refresh {
    /// Brings the cache up to date with the document and the view: nothing when neither
    /// changed, what an edit touched when the cache can follow it, else from scratch.
    fn refresh(&mut self, from: &mut Sources<'_>);
}

/// The caches the views draw from (all but the derived numbers, which they read beside them).
#[derive(Clone, Debug, Default)]
pub struct ViewCaches {
    /// 分配表.
    pub allocation: AllocationCache,
    /// 覆盖矩阵.
    pub matrix: MatrixCounts,
    /// 问题清单 (and the inspector's explanations).
    pub findings: FindingTexts,
    /// 方案对比.
    pub comparison: CompareCache,
    /// 审核意见.
    pub opinions: OpinionRows,
    /// The date bar of a dated scenario.
    pub timetable: TimetableCache,
}

/// Every cache of the window.
#[derive(Clone, Debug, Default)]
pub struct Caches {
    /// The numbers every view and every other cache reads.
    pub derived: Derived,
    /// The views' own caches.
    pub views: ViewCaches,
}

impl Caches {
    /// Brings the derived numbers up to date (after commands, so that what reads them between
    /// frames sees the document as it is).
    pub fn refresh_derived(&mut self, doc: &Document, view: &UiState) {
        self.derived.refresh(doc, &view.search, &view.filters);
    }

    /// Brings the derived numbers and the caches of the tab in view up to date: once per
    /// frame, before drawing.
    pub fn refresh(&mut self, doc: &mut Document, view: &UiState) {
        self.refresh_derived(doc, view);
        let mut from = Sources {
            doc,
            view,
            derived: &self.derived,
        };
        let caches = &mut self.views;
        caches.findings.refresh(&mut from);
        caches.timetable.refresh(&mut from);
        match view.tab {
            Tab::Allocation => caches.allocation.refresh(&mut from),
            Tab::Matrix => caches.matrix.refresh(&mut from),
            Tab::Compare => caches.comparison.refresh(&mut from),
            Tab::Opinions => caches.opinions.refresh(from.doc, view.lang),
            Tab::Lanes | Tab::Changes | Tab::Stats => {}
        }
    }
}
