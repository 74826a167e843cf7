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
pub mod cache;
pub mod canvas;
pub mod command;
pub mod files;
pub mod i18n;
pub mod jobs;
pub mod panels;
pub mod search;
pub mod state;
pub mod streets;
pub mod tables;
pub mod theme;

use std::path::{Path, PathBuf};

pub use app::{Autosave, ShiquanApp};
pub use files::{FileDialogs, NativeDialogs, RecentFiles, ScriptedDialogs};

use crate::text::Lang;

/// Opens the window on a plan file; with none, on the plan last worked on (the newest recent
/// file that still exists), or on the embedded seed plan the first time. A last plan that no
/// longer reads gives way to the seed plan, and the window says why.
pub fn run(file: Option<PathBuf>, lang: Lang) -> anyhow::Result<()> {
    let mut recent = RecentFiles::from_config();
    let Start { plan, file, note } = starting_plan(file, &recent, lang)?;
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
            let mut app = ShiquanApp::new(
                plan,
                file,
                Box::new(NativeDialogs::new()),
                recent,
                lang,
                app::Autosave::standard(),
            );
            if let Some(note) = note {
                app.say(note, true);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("{e}"))
}

/// What the window opens on.
#[derive(Debug)]
pub struct Start {
    /// The plan.
    pub plan: crate::plan::Plan,
    /// Its file; `None` for the seed plan.
    pub file: Option<PathBuf>,
    /// What the window says at once (the last plan could not be read).
    pub note: Option<String>,
}

/// The plan the window opens on: `file` when given (an error if it cannot be read); else the
/// newest recent plan that exists; else, or when that one no longer reads, the seed plan.
pub fn starting_plan(
    file: Option<PathBuf>,
    recent: &RecentFiles,
    lang: Lang,
) -> anyhow::Result<Start> {
    if let Some(path) = file {
        return Ok(Start {
            plan: crate::io::load_path(&path)?,
            file: Some(path),
            note: None,
        });
    }
    let mut note = None;
    if let Some(last) = recent.last_existing().map(Path::to_path_buf) {
        match crate::io::load_path(&last) {
            Ok(plan) => {
                return Ok(Start {
                    plan,
                    file: Some(last),
                    note: None,
                });
            }
            Err(e) => {
                note = Some(i18n::files::last_plan_unreadable(
                    lang,
                    &last.display().to_string(),
                    &e.to_string(),
                ));
            }
        }
    }
    Ok(Start {
        plan: crate::io::seed::seed_plan()?,
        file: None,
        note,
    })
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
