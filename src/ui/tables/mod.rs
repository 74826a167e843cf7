//! The tabular tabs: 分配表 (allocation), 覆盖矩阵 (coverage matrix), 变更 (changes) and 统计
//! (charts).

pub mod allocation;
pub mod changes;
pub mod matrix;
pub mod stats;
