//! The domain model: jurisdictions, bodies, powers and holdings (see `shared/design/domain.md`).
//!
//! Nothing here knows about egui; the whole domain is testable headless.

pub mod body;
pub mod concentration;
pub mod excludes;
pub mod holding;
pub mod ids;
pub mod jurisdiction;
pub mod power;
pub mod state;

pub use body::{Body, BodyKind, MAX_BUDGET_WAN, SlotKind, Staffing, Standing};
pub use concentration::{Approval, Concentration, Receipt};
pub use excludes::Excludes;
pub use holding::{Cases, Grant, Holding, HoldingKey, HoldingListing, Role};
pub use ids::{BodyId, JurisdictionId, PowerId, ScenarioId};
pub use jurisdiction::{Jurisdiction, Level};
pub use power::{MainItem, Power, PowerKind};
pub use state::{
    Change, InOrder, LeadMove, ModelError, State, StateRecords, Touched, TouchedRecords,
};
