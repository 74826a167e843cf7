//! The three-way merge of plan files (issue 19): two copies of a plan edited apart (by the
//! 编办 and the 法制办, say) brought together against the copy both started from.
//!
//! How: each copy's records ([`PlanFile`]) become a generic tree ([`tree::Node`]); the trees
//! merge value by value (`three_way.rs`, keyed lists in `keyed.rs`), guided by one table ([`schema::LISTS`]) that says
//! which lists are sets of records keyed by an id (jurisdictions, bodies, powers, holdings,
//! concentrations, scenarios) and which are sequences (a scenario's operations,
//! `sequence.rs`); every struct merges field by field, every map key by key, every other value
//! whole. A field or a keyed list added to the plan file later merges without merge code: a
//! list keyed by `id` is one line in the table. The merged tree is read back as a `PlanFile`
//! and loaded like any plan (`replay.rs`), so a merge that does not hold together is an error,
//! never a file.
//!
//! - A record added on one side is added; deleted on one side and untouched on the other,
//!   deleted; both changed one field the same way, taken once; differently, a conflict at that
//!   field (`baseline.bodies[city-zjj].name`). Ours renaming a body while theirs changes its
//!   staffing is clean: both are kept.
//! - Operations merge as sequences: the steps neither side touched stay; steps added on each
//!   side are both kept, ours' first where both added at one point; a step removed on one side
//!   is removed; the same step added on both is kept once; both changing the same steps
//!   differently is a conflict.
//! - Every scenario is then replayed on the merged baseline: a step that no longer applies (a
//!   transfer from a body the other side abolished) is a conflict, and is left out so that the
//!   merged plan loads (`replay.rs` says why).
//! - A record deleted on one side that the other side's change refers to is kept (a conflict
//!   of kind `restored`): the plan could not hold together without it. A record both sides
//!   changed whose fields, merged one by one, break the model (an assisting holding given a
//!   tier of cases) is taken whole from one side (`do_not_hold_together`).
//!
//! At each conflict the merged plan holds ours, unless [`merge_with`]'s chooser says otherwise:
//! the window's way to resolve conflicts one by one is to merge again with the sides chosen.
//! Merging is symmetric but for the order of steps both sides added at one point (and which of
//! two such clashing steps is the one that no longer applies).

pub mod conflict;
mod keyed;
mod replay;
mod report;
pub mod schema;
mod sequence;
mod three_way;
pub mod tree;

use std::path::Path;

use crate::io::plan_file::{LoadError, PlanFile, load_records};
use crate::plan::Plan;

pub use conflict::{Conflict, ConflictKind, Place, Side, Step};
pub use report::{kind_text, value_text};
use three_way::Merger;
use tree::{TreeError, to_node};

/// The outcome of a merge: the merged plan, loaded, and the conflicts.
#[derive(Clone, Debug)]
pub struct Merged {
    /// The merged plan (at each conflict, the side chosen; ours by default).
    pub plan: Plan,
    /// The conflicts, in the order of the file, then the steps that no longer apply.
    pub conflicts: Vec<Conflict>,
}

impl Merged {
    /// Whether the merge had no conflict.
    pub fn is_clean(&self) -> bool {
        self.conflicts.is_empty()
    }

    /// The merged plan's records, as its file holds them.
    pub fn plan_file(&self) -> PlanFile {
        PlanFile::of_plan(&self.plan)
    }
}

/// Why a merge gave no plan.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// A copy could not be read.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The records could not be taken apart or put together (a fault of this build, not of
    /// the files).
    #[error(
        "合并时无法转换方案记录 (the plan's records could not be converted while merging): {0}"
    )]
    Tree(TreeError),
    /// The merged plan does not hold together, even with the deleted records it refers to put
    /// back: nothing is written.
    #[error(
        "合并结果不成立，未写入 (the merged plan does not hold together, so nothing was written): {0}"
    )]
    DoesNotHold(LoadError),
}

/// Reads the three copies and merges them.
pub fn merge_paths(base: &Path, ours: &Path, theirs: &Path) -> Result<Merged, MergeError> {
    // Each copy is loaded (and so checked) as a plan, one after the other; only its records
    // are kept.
    let base = load_records(base)?;
    let ours = load_records(ours)?;
    let theirs = load_records(theirs)?;
    merge(&base, &ours, &theirs)
}

/// Merges ours and theirs against base; at each conflict the merged plan holds ours.
pub fn merge(base: &PlanFile, ours: &PlanFile, theirs: &PlanFile) -> Result<Merged, MergeError> {
    merge_with(base, ours, theirs, &|_| Side::Ours)
}

/// Merges ours and theirs against base, taking at each conflict the side `choose` names for it
/// (`Side::Base` keeps the base's value). A step that no longer applies is always left out;
/// a record the merged plan refers to is always kept.
pub fn merge_with(
    base: &PlanFile,
    ours: &PlanFile,
    theirs: &PlanFile,
    choose: &dyn Fn(&Conflict) -> Side,
) -> Result<Merged, MergeError> {
    let trees = [
        to_node(base).map_err(MergeError::Tree)?,
        to_node(ours).map_err(MergeError::Tree)?,
        to_node(theirs).map_err(MergeError::Tree)?,
    ];
    let mut merger = Merger::new(choose);
    let mut tree = merger
        .merge3(
            &mut Place::default(),
            Some(&trees[0]),
            Some(&trees[1]),
            Some(&trees[2]),
        )
        .ok_or_else(|| MergeError::Tree(TreeError("the merge left no plan".into())))?;
    // The sides' trees are needed again only if the merged baseline does not load: let them go
    // before the plan is built beside the merged records (a province's trees are ~100 MB each).
    drop(trees);
    let plan = replay::load(&mut tree, &mut merger, [base, ours, theirs])?;
    Ok(Merged {
        plan,
        conflicts: merger.conflicts,
    })
}
