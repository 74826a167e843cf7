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
pub mod merging;
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

/// Opens the window on a file given at launch (as a double-click on a plan or a list does);
/// with none, on the plan last worked on (the newest recent file that still exists), or on the
/// embedded seed plan the first time. A file that cannot be read never keeps the window shut:
/// the window opens on the seed plan and says, in a dialog, what was wrong with it; a list
/// (`.xlsx`, `.csv` …) opens in the import dialog. Only a window that cannot open at all (no
/// display, no renderer) is an error.
pub fn run(file: Option<PathBuf>, lang: Lang) -> anyhow::Result<()> {
    let mut recent = RecentFiles::from_config();
    let start = starting_plan(file, &recent, lang)?;
    if let Some(path) = &start.file {
        recent.touch(path);
    }
    let icon =
        eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon/shiquan-256.png"))
            .map_err(|e| anyhow::anyhow!("the window's icon: {e}"))?;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([900.0, 600.0])
            .with_title(i18n::T::AppName.get(lang))
            .with_app_id("shiquan")
            .with_icon(icon),
        ..Default::default()
    };
    eframe::run_native(
        "shiquan",
        options,
        Box::new(move |cc| {
            setup_style(&cc.egui_ctx);
            let app = ShiquanApp::from_start(
                start,
                Box::new(NativeDialogs::new()),
                recent,
                lang,
                app::Autosave::standard(),
            );
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
    /// A power list given at launch, to read into the import dialog.
    pub list: Option<PathBuf>,
    /// A file given at launch that could not be read, and why: the window says so in a dialog.
    pub unreadable: Option<(PathBuf, String)>,
}

/// The plan the window opens on: `file` when given and it reads; a list given as `file` is
/// left to the import dialog over the seed plan; a `file` that does not read gives the seed
/// plan and the reason (never an error: a double-clicking user sees no terminal). With no
/// `file`, the newest recent plan that exists; else, or when that one no longer reads, the seed
/// plan. Only the embedded seed plan failing to load is an error.
pub fn starting_plan(
    file: Option<PathBuf>,
    recent: &RecentFiles,
    lang: Lang,
) -> anyhow::Result<Start> {
    let seed = |list, unreadable| -> anyhow::Result<Start> {
        Ok(Start {
            plan: crate::io::seed::seed_plan()?,
            file: None,
            note: None,
            list,
            unreadable,
        })
    };
    if let Some(path) = file {
        if crate::io::import::is_list_path(&path) {
            return seed(Some(path), None);
        }
        return match crate::io::load_path(&path) {
            Ok(plan) => Ok(Start {
                plan,
                file: Some(path),
                note: None,
                list: None,
                unreadable: None,
            }),
            Err(e) => seed(None, Some((path, format!("{e:#}")))),
        };
    }
    let mut note = None;
    if let Some(last) = recent.last_existing().map(Path::to_path_buf) {
        match crate::io::load_path(&last) {
            Ok(plan) => {
                return Ok(Start {
                    plan,
                    file: Some(last),
                    note: None,
                    list: None,
                    unreadable: None,
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
        note,
        ..seed(None, None)?
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
