//! Reading and writing: plan files (RON), and the embedded seed plan.

pub mod atomic;
pub mod plan_file;
pub mod seed;

pub use plan_file::{LoadError, SaveError, load_bytes, load_path, save_path, to_text};
