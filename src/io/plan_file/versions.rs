//! The migration hook of plan files: each version's records, read and brought up one version at
//! a time to the current [`PlanFile`].

use super::{LoadError, PlanFile, fast_records, parse_ron};
use crate::model::Body;
use crate::plan::Operation;

/// The migration hook: a plan file's records as its own version wrote them. [`Self::read`]
/// reads the text of a version with that version's record types; [`Self::upgrade`] brings the
/// records up one version at a time to the current [`PlanFile`].
///
/// Version 2 added legal standing (bodies' `standing` and `supervisor`, holdings' `cases`,
/// concentrations' receivers and approvals, people moved with slots). Every field it added is
/// optional, so version 1's text reads with the current types; what the upgrade adds is meaning:
/// a version-1 body had no standing, and gets the default of its kind written in
/// ([`crate::model::Standing::default_for`]: an enforcement bureau with 行政编制 is an organ), in the baseline
/// and in the bodies that scenarios create. The fixtures in `tests/data/v1/` prove it. A later
/// version that changes a record's shape freezes the older types in `plan_file/vN.rs`.
///
/// Version 3 added two parts of issue 19: the review (the plan's `offices` and its `opinions`,
/// both optional and left out when empty or the default) and the timetable (a step may be
/// written as `Dated(operation: …, effective: "YYYY-MM-DD", document: "…")`, an undated step as
/// its bare operation, as before). So a version-2 file reads with the current types and
/// migrates to a plan with the default offices, no opinions and no dated step; a plan with
/// neither writes as version 2 did but for its version number.
pub(super) enum VersionedFile {
    /// Version 1: no standing recorded.
    V1(PlanFile),
    /// Version 2: no review, no dates on steps.
    V2(PlanFile),
    /// Version 3: the current version.
    V3(PlanFile),
}

impl VersionedFile {
    /// Reads the text of a plan file of `version`; `None` for a version this build has no
    /// reader for.
    pub(super) fn read(text: &str, version: u32, name: &str) -> Result<Option<Self>, LoadError> {
        Ok(match version {
            // The line-by-line reader takes the usual shape of the current format; anything
            // else goes to ron, which names the line and column of a fault.
            1 => Some(Self::V1(
                fast_records::parse(text).map_or_else(|| parse_ron(text, name), Ok)?,
            )),
            2 => Some(Self::V2(
                fast_records::parse(text).map_or_else(|| parse_ron(text, name), Ok)?,
            )),
            3 => Some(Self::V3(
                fast_records::parse(text).map_or_else(|| parse_ron(text, name), Ok)?,
            )),
            _ => None,
        })
    }

    /// The records in the current version, brought up one version at a time.
    pub(super) fn upgrade(self) -> PlanFile {
        match self {
            Self::V1(file) => Self::V2(Self::v1_to_v2(file)).upgrade(),
            Self::V2(file) => Self::V3(Self::v2_to_v3(file)).upgrade(),
            Self::V3(file) => file,
        }
    }

    /// Version 2 has no review and no dates: it reads with the default offices, no opinions and
    /// undated steps (the fields' defaults); nothing else changed.
    fn v2_to_v3(mut file: PlanFile) -> PlanFile {
        file.version = 3;
        file
    }

    /// Version 1 has no standing: each body gets the default of its kind.
    fn v1_to_v2(mut file: PlanFile) -> PlanFile {
        let fill = |body: &mut Body| {
            body.standing = Some(body.standing());
        };
        file.baseline.bodies.iter_mut().for_each(fill);
        for scenario in &mut file.scenarios {
            for step in &mut scenario.operations {
                match &mut step.operation {
                    Operation::CreateBody { body }
                    | Operation::SplitBody { new_body: body, .. } => fill(body),
                    _ => {}
                }
            }
        }
        file.version = 2;
        file
    }
}
