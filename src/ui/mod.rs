//! The planner's window (feature `gui`): eframe 0.37, panels around a centre of tabs.
//!
//! Layout of this module, after `egui_demo_app` and Rerun: [`app`] owns the document and applies
//! [`command::Command`]s after each frame; [`panels`], [`canvas`] and [`tables`] draw and push
//! commands; [`i18n`] holds every user-facing string and [`theme`] every colour.
//!
//! Fonts: eframe's `system_fonts` feature installs a provider that finds installed CJK fonts on
//! demand (fontconfig on Linux). When none can draw Chinese the window still opens, in English,
//! with a banner saying how to install one.

pub mod app;
pub mod canvas;
pub mod command;
pub mod derived;
pub mod files;
pub mod i18n;
pub mod jobs;
pub mod panels;
pub mod search;
pub mod state;
pub mod streets;
pub mod tables;
pub mod theme;

use std::path::PathBuf;

pub use app::{Autosave, ShiquanApp};
pub use files::{FileDialogs, NativeDialogs, RecentFiles, ScriptedDialogs};

use crate::lang::Lang;

/// Opens the window on a plan file, or on the embedded seed plan.
pub fn run(file: Option<PathBuf>, lang: Lang) -> anyhow::Result<()> {
    let plan = match &file {
        Some(path) => crate::io::load_path(path)?,
        None => crate::io::seed::seed_plan()?,
    };
    let mut recent = RecentFiles::from_config();
    if let Some(path) = &file {
        recent.touch(path);
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([900.0, 600.0])
            .with_title(i18n::T::AppName.get(lang)),
        ..Default::default()
    };
    eframe::run_native(
        "shiquan",
        options,
        Box::new(move |cc| {
            setup_style(&cc.egui_ctx);
            Ok(Box::new(ShiquanApp::new(
                plan,
                file,
                Box::new(NativeDialogs),
                recent,
                lang,
                app::Autosave::standard(),
            )))
        }),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))
}

/// Light visuals with slightly larger text: CJK at 13 px is hard to read on a projector.
pub fn setup_style(ctx: &egui::Context) {
    ctx.set_theme(egui::Theme::Light);
    ctx.all_styles_mut(|style| {
        for (text_style, font) in &mut style.text_styles {
            font.size = match text_style {
                egui::TextStyle::Heading => 18.0,
                egui::TextStyle::Small => 11.0,
                egui::TextStyle::Monospace => 13.0,
                _ => 14.0,
            };
        }
        style.spacing.item_spacing = egui::vec2(8.0, 5.0);
    });
}
