//! The window's own file dialog, shown when the native one cannot open (no desktop portal and
//! no zenity, as on a bare Linux desktop): a typed path, the recent files, and the folder's
//! subfolders and files of the wanted kind. Confirming pushes [`Action::FileChosen`], which
//! carries on exactly as the native dialog's answer would have.
//!
//! The folder is read once when it is entered (not per frame), and at most
//! [`FileBrowser::MAX_ENTRIES`] entries are kept: a folder of a hundred thousand files stays a
//! short list, and the name can still be typed.

use std::path::{Path, PathBuf};

use egui::{RichText, ScrollArea, TextEdit, Ui};

use super::PanelCtx;
use crate::text::Lang;
use crate::ui::command::{Action, Command};
use crate::ui::files::FilePurpose;
use crate::ui::i18n::{T, files as text};
use crate::ui::panels::Dialog;
use crate::ui::theme;

/// One entry of the folder being shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FolderEntry {
    /// Its name in the folder.
    pub name: String,
    /// A folder (entered on click) rather than a file.
    pub is_folder: bool,
}

/// The state of the dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileBrowser {
    /// What the file is for.
    pub purpose: FilePurpose,
    /// The folder shown.
    pub folder: PathBuf,
    /// The name or path typed (relative names are in `folder`).
    pub typed: String,
    /// The folder's subfolders, then its files of the wanted kind, by name.
    pub entries: Vec<FolderEntry>,
    /// More entries than listed.
    pub truncated: bool,
    /// The recent plan files (offered when opening a plan).
    pub recent: Vec<PathBuf>,
    /// Why the last attempt did not go on (a folder that cannot be read, no file typed).
    pub problem: Option<String>,
    /// An existing file the user was told a save or an export would replace: a second confirm
    /// on the same file goes on (the native dialogs ask the same).
    pub replace: Option<PathBuf>,
}

impl FileBrowser {
    /// At most this many entries of a folder are listed.
    pub const MAX_ENTRIES: usize = 500;

    /// The dialog for `purpose`, in `folder`, with `name` typed (saves and exports).
    pub fn new(
        purpose: FilePurpose,
        folder: &Path,
        name: &str,
        recent: Vec<PathBuf>,
        lang: Lang,
    ) -> Self {
        let folder = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
        let mut browser = Self {
            purpose,
            folder: PathBuf::new(),
            typed: if purpose.writes() {
                name.to_owned()
            } else {
                String::new()
            },
            entries: Vec::new(),
            truncated: false,
            recent: if purpose == FilePurpose::OpenPlan {
                recent
            } else {
                Vec::new()
            },
            problem: None,
            replace: None,
        };
        browser.enter(folder, lang);
        browser
    }

    /// Shows another folder: reads its entries once.
    pub fn enter(&mut self, folder: PathBuf, lang: Lang) {
        self.problem = None;
        self.entries.clear();
        self.truncated = false;
        match std::fs::read_dir(&folder) {
            Ok(read) => {
                let wanted = self.purpose.extensions();
                for entry in read.flatten() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if name.starts_with('.') {
                        continue;
                    }
                    let is_folder = entry.path().is_dir();
                    let fits = is_folder
                        || Path::new(&name)
                            .extension()
                            .and_then(|e| e.to_str())
                            .is_some_and(|e| wanted.iter().any(|w| w.eq_ignore_ascii_case(e)));
                    if !fits {
                        continue;
                    }
                    if self.entries.len() == Self::MAX_ENTRIES {
                        self.truncated = true;
                        break;
                    }
                    self.entries.push(FolderEntry { name, is_folder });
                }
                self.entries
                    .sort_by(|a, b| b.is_folder.cmp(&a.is_folder).then(a.name.cmp(&b.name)));
            }
            Err(e) => {
                self.problem = Some(text::unreadable_folder(
                    lang,
                    &folder.display().to_string(),
                    &e.to_string(),
                ));
            }
        }
        self.folder = folder;
    }

    /// The file the typed text names (relative to the folder), or why it cannot be used.
    pub fn chosen(&self, lang: Lang) -> Result<PathBuf, String> {
        let typed = self.typed.trim();
        if typed.is_empty() {
            return Err(text::need_a_file(lang).to_owned());
        }
        let path = self.folder.join(typed);
        if path.is_dir() {
            return Err(text::need_a_file(lang).to_owned());
        }
        if !self.purpose.writes() && !path.is_file() {
            return Err(text::no_such_file(lang, &path.display().to_string()));
        }
        Ok(path)
    }
}

/// Draws the dialog (inside the modal of `dialogs.rs`).
pub fn show(ui: &mut Ui, cx: &mut PanelCtx<'_>) {
    let lang = cx.state.lang;
    let Some(Dialog::FileBrowser(browser)) = &mut *cx.dialog else {
        return;
    };
    ui.set_min_width(560.0);
    ui.heading(text::browser_title(lang, browser.purpose));
    ui.label(RichText::new(text::browser_why(lang)).color(theme::TEXT_WEAK));
    ui.separator();
    let mut go_to: Option<PathBuf> = None;
    ui.horizontal(|ui| {
        ui.label(text::folder(lang));
        ui.label(RichText::new(browser.folder.display().to_string()).monospace());
        if let Some(parent) = browser.folder.parent()
            && ui.button(text::up(lang)).clicked()
        {
            go_to = Some(parent.to_path_buf());
        }
    });
    let mut confirm = false;
    if !browser.recent.is_empty() {
        ui.label(RichText::new(text::recent(lang)).strong());
        for path in browser.recent.clone() {
            let shown = path.display().to_string();
            if ui.selectable_label(false, shown.as_str()).clicked() {
                browser.typed = shown;
                confirm = true;
            }
        }
        ui.separator();
    }
    ui.label(RichText::new(text::in_folder(lang)).strong());
    ScrollArea::vertical()
        .id_salt("file-browser")
        .max_height(260.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            if browser.entries.is_empty() {
                ui.label(RichText::new(text::empty_folder(lang)).color(theme::TEXT_WEAK));
            }
            for entry in &browser.entries {
                let label = if entry.is_folder {
                    format!("📁 {}", entry.name)
                } else {
                    entry.name.clone()
                };
                let response = ui.selectable_label(browser.typed == entry.name, label);
                if response.clicked() {
                    if entry.is_folder {
                        go_to = Some(browser.folder.join(&entry.name));
                    } else {
                        browser.typed.clone_from(&entry.name);
                    }
                }
                if response.double_clicked() && !entry.is_folder {
                    confirm = true;
                }
            }
            if browser.truncated {
                ui.label(text::more_entries(lang, FileBrowser::MAX_ENTRIES));
            }
        });
    ui.separator();
    ui.horizontal(|ui| {
        let label = ui.label(text::file_name(lang));
        let field = ui
            .add(TextEdit::singleline(&mut browser.typed).desired_width(380.0))
            .labelled_by(label.id);
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            confirm = true;
        }
    });
    if let Some(problem) = &browser.problem {
        ui.label(RichText::new(problem.as_str()).color(theme::GAP));
    }
    ui.separator();
    ui.horizontal(|ui| {
        let ok = text::browser_confirm(lang, browser.purpose);
        if ui.button(RichText::new(ok).strong()).clicked() {
            confirm = true;
        }
        if ui.button(T::Cancel.get(lang)).clicked() {
            cx.out.push(Command::CloseDialog);
        }
    });
    if let Some(folder) = go_to {
        browser.typed.clear();
        browser.enter(folder, lang);
        return;
    }
    if confirm {
        match browser.chosen(lang) {
            // Writing over a file that exists asks first: the first confirm only warns.
            Ok(path)
                if browser.purpose.writes()
                    && path.exists()
                    && browser.replace.as_ref() != Some(&path) =>
            {
                browser.problem = Some(text::replace_existing(lang, &path.display().to_string()));
                browser.replace = Some(path);
            }
            Ok(path) => cx.out.push(Action::FileChosen(browser.purpose, path)),
            Err(problem) => browser.problem = Some(problem),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browser_lists_folders_and_files_of_the_wanted_kind_only() {
        let folder = std::env::temp_dir().join(format!("shiquan-browse-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(folder.join("子目录")).unwrap();
        std::fs::write(folder.join("方案.ron"), "x").unwrap();
        std::fs::write(folder.join("清单.csv"), "x").unwrap();
        std::fs::write(folder.join(".hidden.ron"), "x").unwrap();
        let browser = FileBrowser::new(FilePurpose::OpenPlan, &folder, "", Vec::new(), Lang::Zh);
        let names: Vec<&str> = browser.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["子目录", "方案.ron"]);
        let lists = FileBrowser::new(FilePurpose::ImportList, &folder, "", Vec::new(), Lang::Zh);
        assert!(lists.entries.iter().any(|e| e.name == "清单.csv"));
        let mut save = FileBrowser::new(
            FilePurpose::SavePlan,
            &folder,
            "新.ron",
            Vec::new(),
            Lang::Zh,
        );
        assert_eq!(
            save.chosen(Lang::Zh),
            Ok(folder.canonicalize().unwrap().join("新.ron"))
        );
        save.typed = "子目录".into();
        assert!(save.chosen(Lang::Zh).is_err(), "a folder is not a file");
        let mut open = browser.clone();
        open.typed = "缺失.ron".into();
        assert!(open.chosen(Lang::Zh).unwrap_err().contains("缺失.ron"));
        let _ = std::fs::remove_dir_all(folder);
    }
}
