//! The session: the plan being edited, its history (undo, redo, steps inserted before later
//! ones) and what each change touched, kept in step with the analysis. The window and the CLI
//! both drive it; it needs no window.
//!
//! Layers, each importing only those below it: `model` → `plan` → `analysis` → `session` →
//! `io`, `report`, `cli` → `ui`. What needs the open document's history (why a finding stands,
//! from which step; what a fix would leave) is here, above the analysis it reads.

pub mod document;
pub mod explain;
pub mod fix_preview;
pub mod history;
pub mod review;

pub use document::{ChangesSince, Document, ReviewError, View, scenarios_apply};
pub use history::{DropReason, DroppedStep, History, LaterSteps, Replayed};
