//! The seed plan: the study-tour report's city before and after its reforms, embedded in the
//! binary so that Shiquan opens on something real. [`builder`] builds it from its tables with
//! the model; `cargo run --example write_seed` writes what it builds to `assets/seed-plan.ron`.

pub mod builder;

use crate::plan::Plan;

/// The seed plan's file text (`assets/seed-plan.ron`).
pub const SEED_PLAN_RON: &str = include_str!("../../../assets/seed-plan.ron");

/// Loads the embedded seed plan.
pub fn seed_plan() -> Result<Plan, super::LoadError> {
    super::load_bytes(SEED_PLAN_RON.as_bytes(), "assets/seed-plan.ron")
}
