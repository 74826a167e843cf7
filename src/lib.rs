//! 事权沙盘 Shiquan: a sandbox for city reform offices (改革办 / 编办) to simulate moving
//! urban-construction units, powers and staffing slots between a city and its districts, see
//! the result, spot powers held twice (多头执法) or by nobody (管理盲区) and breaches of the
//! reform's principles, and export the tables that go into the official plan.
//!
//! The domain (`model`, `plan`, `analysis`, `session`, `graph`, `lanes`, `io`, `merge`, `documents`, `report`, `cli`) knows nothing of
//! egui and builds with `--no-default-features`; the window (`ui`) is behind the `gui` feature
//! and only sends operations to the domain.

pub mod analysis;
pub mod cli;
pub mod documents;
pub mod generate;
pub mod graph;
pub mod io;
pub mod lanes;
pub mod launch;
pub mod merge;
pub mod model;
pub mod parallel;
pub mod plan;
pub mod report;
pub mod session;
pub mod text;
#[cfg(feature = "gui")]
pub mod ui;
