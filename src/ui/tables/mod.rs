//! The tabular tabs: 分配表 (allocation), 覆盖矩阵 (coverage matrix), 变更 (changes), 统计
//! (charts) and 方案对比 (two views side by side).

pub mod allocation;
pub mod changes;
pub mod compare;
pub mod matrix;
pub mod opinions;
pub mod stats;
