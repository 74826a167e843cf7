//! 合并方案 in the window (issue 19): the open plan (ours) merged with another office's copy
//! (theirs) against the copy both started from (base), the conflicts resolved one by one.
//!
//! The merge itself is the CLI's ([`crate::merge`]): the window reads the two files and merges
//! on a worker thread, shows every conflict with its place, the three values and what the
//! merged plan would hold, and lets the user take ours, theirs or the base's value at each
//! conflict that has a choice (a step that no longer applies is always left out; a record the
//! merged plan refers to is always kept). Applying merges again with those choices
//! ([`crate::merge::merge_with`]) and opens the result as unsaved changes to the open plan's
//! file, so that saving writes the merge over ours, as git's merge driver does.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::io::plan_file::{PlanFile, load_records};
use crate::merge::{Conflict, ConflictKind, Merged, Place, Side, Step, merge, merge_with};
use crate::text::Lang;

/// The three copies of a merge.
#[derive(Debug, PartialEq, Eq)]
pub struct Sides {
    /// The copy both sides started from.
    pub base: PlanFile,
    /// The open plan, as it was when the merge began.
    pub ours: PlanFile,
    /// The other side's copy.
    pub theirs: PlanFile,
}

/// The side the user chose at each conflict, by its place (ours where none is chosen).
pub type Choices = HashMap<Place, Side>;

/// The merge dialog: the files, the copies, the conflicts and the user's choices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeDialog {
    /// The base's file.
    pub base_path: PathBuf,
    /// Theirs' file.
    pub theirs_path: PathBuf,
    /// The three copies.
    pub sides: std::sync::Arc<Sides>,
    /// The conflicts of the merge with ours at each.
    pub conflicts: Vec<Conflict>,
    /// The record each conflict is in, by name (in the order of `conflicts`).
    pub records: Vec<Option<RecordName>>,
    /// The user's choices so far.
    pub choices: Choices,
}

impl MergeDialog {
    /// The side the merged plan takes at `conflict`: the user's choice, else what the merge
    /// held (ours), else `None` (a step left out).
    pub fn side_of(&self, conflict: &Conflict) -> Option<Side> {
        self.choices.get(&conflict.place).copied().or(conflict.held)
    }
}

/// The record a conflict is in, named as a planner knows it (worked out once, when the merge
/// is read, not in every frame).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordName {
    /// What kind of record.
    pub kind: RecordKind,
    /// Its name in the base (else ours, else theirs; its id when none has it).
    pub name: String,
}

/// The kinds of record a conflict's place may be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordKind {
    /// A body of the baseline.
    Body,
    /// A power of the baseline.
    Power,
    /// A jurisdiction of the baseline.
    Jurisdiction,
    /// A scenario.
    Scenario,
}

impl RecordName {
    /// 「机构：市城市管理局」.
    pub fn caption(&self, lang: Lang) -> String {
        let label = match self.kind {
            RecordKind::Body => lang.pick("机构：", "body: "),
            RecordKind::Power => lang.pick("事项：", "power: "),
            RecordKind::Jurisdiction => lang.pick("辖区：", "jurisdiction: "),
            RecordKind::Scenario => lang.pick("方案：", "scenario: "),
        };
        format!("{label}{}", self.name)
    }
}

/// The record a place in the plan file is in: the body, power or jurisdiction of the baseline,
/// or the scenario; `None` for the other places (the rules, the plan's title), which their
/// path says well enough.
pub fn record_name(place: &Place, sides: &Sides) -> Option<RecordName> {
    let mut steps = place.0.iter();
    let (kind, key) = match (steps.next(), steps.next(), steps.next()) {
        (Some(Step::Field("baseline")), Some(Step::Field(list)), Some(Step::Key(key))) => {
            let kind = match *list {
                "bodies" => RecordKind::Body,
                "powers" => RecordKind::Power,
                "jurisdictions" => RecordKind::Jurisdiction,
                _ => return None,
            };
            (kind, key.as_str())
        }
        (Some(Step::Field("scenarios")), Some(Step::Key(key)), _) => {
            (RecordKind::Scenario, key.as_str())
        }
        _ => return None,
    };
    let name_in = |copy: &PlanFile| -> Option<String> {
        let records = &copy.baseline;
        match kind {
            RecordKind::Body => records
                .bodies
                .iter()
                .find(|b| b.id.as_str() == key)
                .map(|b| b.name.clone()),
            RecordKind::Power => records
                .powers
                .iter()
                .find(|p| p.code.as_str() == key)
                .map(|p| format!("{}（{key}）", p.name)),
            RecordKind::Jurisdiction => records
                .jurisdictions
                .iter()
                .find(|j| j.id.as_str() == key)
                .map(|j| j.name.clone()),
            RecordKind::Scenario => copy
                .scenarios
                .iter()
                .find(|s| s.id.as_str() == key)
                .map(|s| s.name.clone()),
        }
    };
    let name = [&sides.base, &sides.ours, &sides.theirs]
        .into_iter()
        .find_map(name_in)
        .unwrap_or_else(|| key.to_owned());
    Some(RecordName { kind, name })
}

/// The sides a user may choose between at a conflict: ours and theirs (and the base's value
/// where both changed it); none for a step that no longer applies (always left out) or a record
/// kept because the merged plan refers to it.
pub fn choices_at(conflict: &Conflict) -> &'static [Side] {
    match conflict.kind {
        ConflictKind::BothChanged => &[Side::Ours, Side::Theirs, Side::Base],
        ConflictKind::DeletedAndChanged { .. } | ConflictKind::DoNotHoldTogether { .. } => {
            &[Side::Ours, Side::Theirs]
        }
        ConflictKind::NoLongerApplies { .. } | ConflictKind::Restored { .. } => &[],
    }
}

/// Reads both files and merges them with ours (on the worker thread). The error says which
/// file and where, as the loader does.
pub fn first_merge(base: PathBuf, theirs: PathBuf, ours: PlanFile) -> Result<MergeDialog, String> {
    let base_records = load_records(&base).map_err(|e| e.to_string())?;
    let theirs_records = load_records(&theirs).map_err(|e| e.to_string())?;
    let merged = merge(&base_records, &ours, &theirs_records).map_err(|e| e.to_string())?;
    let sides = Sides {
        base: base_records,
        ours,
        theirs: theirs_records,
    };
    let records = merged
        .conflicts
        .iter()
        .map(|c| record_name(&c.place, &sides))
        .collect();
    Ok(MergeDialog {
        base_path: base,
        theirs_path: theirs,
        sides: std::sync::Arc::new(sides),
        conflicts: merged.conflicts,
        records,
        choices: Choices::new(),
    })
}

/// Merges again with the user's choices (on the worker thread).
pub fn resolved(sides: &Sides, choices: &Choices) -> Result<Merged, String> {
    let choose = |conflict: &Conflict| choices.get(&conflict.place).copied().unwrap_or(Side::Ours);
    merge_with(&sides.base, &sides.ours, &sides.theirs, &choose).map_err(|e| e.to_string())
}
