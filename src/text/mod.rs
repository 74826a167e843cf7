//! Text about domain things, in one place and without egui: the language ([`Lang`]), the names
//! of kinds, roles, levels and rules ([`Label`]), the one name lookup ([`Names`]), the sentences
//! of operations (one set for the window and the exports, [`operation`] in a [`Style`]), and the
//! phrasing of findings, their fixes and explanations. The window, the exports and the command
//! line all phrase domain things through this module; the layers below it (model, plan,
//! analysis, session) carry data and know no language.
//!
//! It imports model, plan, analysis and session, never io, report, cli or ui.

mod diff;
mod edits;
mod explain;
mod findings;
mod grants;
mod holding;
mod labels;
mod lang;
mod names;
mod operation;
mod refusal;
pub mod review;
mod rules;
mod style;
pub mod timetable;

pub use diff::DiffText;
pub use explain::ExplanationText;
pub use findings::{FindingText, FixText, short_problem};
pub use holding::holding_change;
pub use labels::{Label, from_label, parse_power_kind};
pub use lang::Lang;
pub use names::{Names, list_separator, place_name};
pub use operation::{entry_sentence, operation, operation_kind};
pub use review::{OpinionRow, opinion_rows};
pub use style::Style;
