//! Reading and writing: plan files (RON), the embedded seed plan, power lists in (CSV, XLSX)
//! and tables and graphs out (CSV, XLSX, Markdown, HTML, SVG, PNG, DOT).

pub mod atomic;
pub mod bounded;
pub mod export;
pub mod import;
pub mod plan_file;
pub mod recovery;
pub mod seed;

pub use plan_file::{LoadError, SaveError, load_bytes, load_path, save_path, to_text};
