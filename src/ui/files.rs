//! File dialogs and recent files. Dialogs sit behind [`FileDialogs`] so that tests drive
//! new / open / save without a native dialog ever opening; the real one is rfd's, starting in
//! `saves/`. Recent files are kept in a small text file beside the user's config, one path a
//! line, newest first; tests use [`RecentFiles::in_memory`].

use std::path::{Path, PathBuf};

/// How the window asks for file names.
pub trait FileDialogs {
    /// A plan file to open, or `None` if the user cancelled.
    fn pick_open(&mut self, start: &Path) -> Option<PathBuf>;
    /// Where to save, or `None` if the user cancelled; `name` is the suggested file name.
    fn pick_save(&mut self, start: &Path, name: &str) -> Option<PathBuf>;
    /// Where to write an export of the given file extension (`xlsx`, `csv`, …).
    fn pick_export(&mut self, start: &Path, name: &str, extension: &str) -> Option<PathBuf>;
    /// A power list (CSV or XLSX) to import.
    fn pick_list(&mut self, start: &Path) -> Option<PathBuf>;
}

/// The native dialogs (rfd).
#[derive(Debug, Default)]
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn pick_open(&mut self, start: &Path) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_directory(start)
            .add_filter("事权沙盘方案 (*.ron)", &["ron"])
            .pick_file()
    }

    fn pick_save(&mut self, start: &Path, name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_directory(start)
            .set_file_name(name)
            .add_filter("事权沙盘方案 (*.ron)", &["ron"])
            .save_file()
    }

    fn pick_export(&mut self, start: &Path, name: &str, extension: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_directory(start)
            .set_file_name(name)
            .add_filter(extension.to_uppercase(), &[extension])
            .save_file()
    }

    fn pick_list(&mut self, start: &Path) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_directory(start)
            .add_filter("权责清单 (*.csv, *.xlsx)", &["csv", "xlsx"])
            .pick_file()
    }
}

/// Dialogs that answer from a script: for tests, and for a window that must never block.
#[derive(Debug, Default)]
pub struct ScriptedDialogs {
    /// Answers to open dialogs, used front first.
    pub open: Vec<PathBuf>,
    /// Answers to save dialogs, used front first.
    pub save: Vec<PathBuf>,
    /// Answers to export dialogs, used front first.
    pub export: Vec<PathBuf>,
    /// Answers to list (import) dialogs, used front first.
    pub list: Vec<PathBuf>,
}

fn next_answer(answers: &mut Vec<PathBuf>) -> Option<PathBuf> {
    (!answers.is_empty()).then(|| answers.remove(0))
}

impl FileDialogs for ScriptedDialogs {
    fn pick_open(&mut self, _start: &Path) -> Option<PathBuf> {
        next_answer(&mut self.open)
    }

    fn pick_save(&mut self, _start: &Path, _name: &str) -> Option<PathBuf> {
        next_answer(&mut self.save)
    }

    fn pick_export(&mut self, _start: &Path, _name: &str, _extension: &str) -> Option<PathBuf> {
        next_answer(&mut self.export)
    }

    fn pick_list(&mut self, _start: &Path) -> Option<PathBuf> {
        next_answer(&mut self.list)
    }
}

/// The folder where dialogs start: `saves/` under the working folder when it exists.
pub fn saves_folder() -> PathBuf {
    let saves = PathBuf::from("saves");
    if saves.is_dir() {
        saves
    } else {
        PathBuf::from(".")
    }
}

/// The most recently used plan files, newest first.
#[derive(Clone, Debug, Default)]
pub struct RecentFiles {
    paths: Vec<PathBuf>,
    store: Option<PathBuf>,
}

impl RecentFiles {
    /// How many files the menu lists.
    pub const MAX: usize = 8;

    /// A list that is never written to disk.
    pub fn in_memory() -> Self {
        Self::default()
    }

    /// The list kept in `$XDG_CONFIG_HOME/shiquan/recent.txt` (or `~/.config/…`).
    pub fn from_config() -> Self {
        let base = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")));
        let Some(store) = base.map(|b| b.join("shiquan").join("recent.txt")) else {
            return Self::default();
        };
        let paths = std::fs::read_to_string(&store)
            .map(|text| {
                text.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(PathBuf::from)
                    .take(Self::MAX)
                    .collect()
            })
            .unwrap_or_default();
        Self {
            paths,
            store: Some(store),
        }
    }

    /// The paths, newest first.
    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// Puts a path first; writes the list if it has a store (failures are ignored: a recent
    /// list is a convenience).
    pub fn touch(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.paths.retain(|p| p != &path);
        self.paths.insert(0, path);
        self.paths.truncate(Self::MAX);
        if let Some(store) = &self.store {
            if let Some(folder) = store.parent() {
                let _ = std::fs::create_dir_all(folder);
            }
            let text: Vec<String> = self.paths.iter().map(|p| p.display().to_string()).collect();
            let _ = crate::io::atomic::write_atomically(store, text.join("\n").as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_put_the_newest_first_without_repeats() {
        let mut recent = RecentFiles::in_memory();
        recent.touch(Path::new("/nonexistent/a.ron"));
        recent.touch(Path::new("/nonexistent/b.ron"));
        recent.touch(Path::new("/nonexistent/a.ron"));
        assert_eq!(
            recent.paths(),
            [
                PathBuf::from("/nonexistent/a.ron"),
                PathBuf::from("/nonexistent/b.ron")
            ]
        );
    }

    #[test]
    fn scripted_dialogs_answer_in_order_then_cancel() {
        let mut d = ScriptedDialogs {
            open: vec!["x.ron".into()],
            ..ScriptedDialogs::default()
        };
        assert_eq!(d.pick_open(Path::new(".")), Some("x.ron".into()));
        assert_eq!(d.pick_open(Path::new(".")), None);
        assert_eq!(d.pick_save(Path::new("."), "p.ron"), None);
    }
}
