//! Shared set-up for the window tests: the real app in an `egui_kittest` harness, with the system
//! font provider installed (without a CJK font the harness panics on the first Chinese glyph).

use std::sync::Arc;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use shiquan::plan::Plan;
use shiquan::ui::{ScriptedDialogs, ShiquanApp};

/// The window size of every test.
pub const SIZE: [f32; 2] = [1600.0, 1000.0];

/// The real app on `plan`, in a harness of `SIZE`.
pub fn harness(plan: Plan, dialogs: ScriptedDialogs) -> Harness<'static, ShiquanApp> {
    builder().build_eframe(move |_cc| ShiquanApp::new_for_test(plan, Box::new(dialogs)))
}

/// The harness builder of every window test: its size, and the system fonts with Chinese.
pub fn builder() -> egui_kittest::HarnessBuilder<ShiquanApp> {
    Harness::builder()
        .with_size(SIZE)
        .with_max_steps(12)
        .with_context_setup(|ctx| {
            ctx.add_font_provider(Arc::new(
                egui_system_font_provider::SystemFontProvider::new().with_locale(Some("zh-Hans")),
            ));
            shiquan::ui::setup_style(ctx);
        })
}

/// Clicks the widget labelled `label` and lets the app settle: one step of a user's path
/// through the menus and dialogs.
pub fn click(h: &mut Harness<'static, ShiquanApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// How many of the app's current findings match `which`.
pub fn count_findings(
    app: &ShiquanApp,
    which: impl Fn(&shiquan::analysis::Finding) -> bool,
) -> usize {
    app.document()
        .analysis()
        .findings()
        .filter(|f| which(f))
        .count()
}

/// The embedded seed plan.
pub fn seed() -> Plan {
    shiquan::io::seed::seed_plan().expect("the seed plan loads")
}

/// The real app opened on a plan file (as `shiquan FILE` does), with an autosave policy.
pub fn harness_on(
    plan: Plan,
    path: std::path::PathBuf,
    autosave: shiquan::ui::Autosave,
) -> Harness<'static, ShiquanApp> {
    builder().build_eframe(move |_cc| {
        ShiquanApp::new_for_test_on_file(plan, path, Box::new(ScriptedDialogs::default()), autosave)
    })
}
