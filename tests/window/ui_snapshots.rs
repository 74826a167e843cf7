//! Image snapshots of the window at 1600×1000 (rendered with wgpu; lavapipe's software Vulkan
//! in CI): the lanes view of the seed plan, the 分配表 and the 覆盖矩阵 of the city-district
//! scenario, and its 方案对比 with the baseline. Update with `UPDATE_SNAPSHOTS=1 cargo test --test window ui_snapshots`.

#![cfg(feature = "gui")]

use crate::helpers::{harness, seed};
use shiquan::session::View;
use shiquan::ui::ScriptedDialogs;
use shiquan::ui::command::{Action, Command};
use shiquan::ui::state::Tab;

#[test]
fn lanes_table_and_matrix_look_as_approved() {
    let mut h = harness(seed(), ScriptedDialogs::default());
    h.set_render_cursor(false);
    h.run();
    h.snapshot("lanes_baseline");
    h.state_mut().push(Action::SwitchView(View::Scenario(
        "city-district-split".into(),
    )));
    h.state_mut().push(Command::ToggleCompare);
    h.state_mut().push(Command::FitView);
    h.run();
    h.snapshot("lanes_compare");
    h.state_mut().push(Command::ShowTab(Tab::Allocation));
    h.run();
    h.snapshot("allocation_table");
    h.state_mut().push(Command::ShowTab(Tab::Matrix));
    h.run();
    h.snapshot("coverage_matrix");
    h.state_mut().push(Command::ShowTab(Tab::Compare));
    h.run();
    h.snapshot("compare_tab");
}
