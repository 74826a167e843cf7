//! File dialogs and recent files. Dialogs sit behind [`FileDialogs`] so that tests drive
//! new / open / save without a native dialog ever opening; the real one is rfd's, starting in
//! `saves/`. When the native dialog cannot open at all (no desktop portal and no zenity, as on a
//! bare Linux desktop), it answers [`Picked::Unavailable`] and the window shows its own file
//! dialog instead (`panels/file_browser.rs`), never nothing.
//!
//! Recent files are kept in a small text file beside the user's config, one path a line, newest
//! first, each with the scenario last edited in it (after a tab), so that reopening a plan, or
//! starting with no file, brings back the plan and the scenario being edited; tests use
//! [`RecentFiles::in_memory`].

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::io::export::ExportFormat;
use crate::io::plan_file::PLAN_EXTENSION;
use crate::model::ScenarioId;

/// What a file is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilePurpose {
    /// A plan file to open.
    OpenPlan,
    /// Where to save the plan.
    SavePlan,
    /// Where to write an export in this format.
    Export(ExportFormat),
    /// A power list (CSV or XLSX) to import.
    ImportList,
    /// 合并方案: the copy both sides started from (the base of a three-way merge).
    MergeBase,
    /// 合并方案: the other side's copy, to merge into the open plan.
    MergeTheirs,
    /// 生成文书: where to write a document in this format.
    Document(crate::documents::DocFormat),
}

impl FilePurpose {
    /// Whether the file is written (a save or an export) rather than read.
    pub fn writes(self) -> bool {
        matches!(
            self,
            FilePurpose::SavePlan | FilePurpose::Export(_) | FilePurpose::Document(_)
        )
    }

    /// The file extensions the dialog offers.
    pub fn extensions(self) -> Vec<&'static str> {
        match self {
            FilePurpose::OpenPlan
            | FilePurpose::SavePlan
            | FilePurpose::MergeBase
            | FilePurpose::MergeTheirs => vec![PLAN_EXTENSION, "ron"],
            FilePurpose::ImportList => vec!["csv", "xlsx", "tsv", "txt"],
            FilePurpose::Export(format) => vec![format.extension()],
            FilePurpose::Document(format) => vec![format.extension()],
        }
    }
}

/// A request for a file name: what for, the folder to start in, the suggested name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRequest {
    /// What the file is for.
    pub purpose: FilePurpose,
    /// The folder the dialog starts in.
    pub start: PathBuf,
    /// The suggested file name (saves and exports).
    pub name: String,
}

/// The answer of a file dialog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    /// The user chose this file.
    Path(PathBuf),
    /// The user closed the dialog.
    Cancelled,
    /// The dialog could not be shown at all.
    Unavailable,
}

/// How the window asks for file names.
pub trait FileDialogs {
    /// Asks for a file.
    fn pick(&mut self, request: &FileRequest) -> Picked;
}

/// The native dialogs (rfd).
///
/// rfd answers "no file" both when the user cancels and when no dialog could be shown (on Linux:
/// no desktop portal and no zenity). A dialog that answers "no file" sooner than a person can
/// close one ([`NativeDialogs::HUMAN_CANCEL`]) never opened: it is reported as
/// [`Picked::Unavailable`], and every later request of the session goes straight to the
/// window's own dialog. `SHIQUAN_FILE_DIALOG=builtin` chooses the window's own dialog from the
/// start.
#[derive(Debug, Default)]
pub struct NativeDialogs {
    failed: bool,
}

impl NativeDialogs {
    /// Faster than any person closes a dialog: an answer sooner than this means none opened.
    pub const HUMAN_CANCEL: Duration = Duration::from_millis(250);

    /// The native dialogs, unless the environment asks for the window's own.
    pub fn new() -> Self {
        let builtin = std::env::var("SHIQUAN_FILE_DIALOG").is_ok_and(|v| v == "builtin");
        Self { failed: builtin }
    }

    fn dialog(request: &FileRequest) -> rfd::FileDialog {
        let filter = match request.purpose {
            FilePurpose::OpenPlan
            | FilePurpose::SavePlan
            | FilePurpose::MergeBase
            | FilePurpose::MergeTheirs => format!("事权沙盘方案 (*.{PLAN_EXTENSION}, *.ron)"),
            FilePurpose::ImportList => "权责清单 (*.csv, *.xlsx)".to_owned(),
            FilePurpose::Export(format) => format.extension().to_uppercase(),
            FilePurpose::Document(format) => format.extension().to_uppercase(),
        };
        let dialog = rfd::FileDialog::new()
            .set_directory(&request.start)
            .add_filter(filter, &request.purpose.extensions());
        if request.purpose.writes() {
            dialog.set_file_name(&request.name)
        } else {
            dialog
        }
    }
}

impl FileDialogs for NativeDialogs {
    fn pick(&mut self, request: &FileRequest) -> Picked {
        if self.failed {
            return Picked::Unavailable;
        }
        let asked = Instant::now();
        let dialog = Self::dialog(request);
        let answer = if request.purpose.writes() {
            dialog.save_file()
        } else {
            dialog.pick_file()
        };
        match answer {
            Some(path) => Picked::Path(path),
            None if asked.elapsed() < Self::HUMAN_CANCEL => {
                self.failed = true;
                Picked::Unavailable
            }
            None => Picked::Cancelled,
        }
    }
}

/// Dialogs that answer from a script: for tests, and for a window that must never block.
#[derive(Debug, Default)]
pub struct ScriptedDialogs {
    /// Answers to open dialogs, used front first.
    pub open: Vec<PathBuf>,
    /// Answers to save dialogs, used front first.
    pub save: Vec<PathBuf>,
    /// Answers to export and document dialogs, used front first.
    pub export: Vec<PathBuf>,
    /// Answers to list (import) dialogs, used front first.
    pub list: Vec<PathBuf>,
    /// Behave as a desktop where no native dialog can open.
    pub unavailable: bool,
}

fn next_answer(answers: &mut Vec<PathBuf>) -> Picked {
    if answers.is_empty() {
        Picked::Cancelled
    } else {
        Picked::Path(answers.remove(0))
    }
}

impl FileDialogs for ScriptedDialogs {
    fn pick(&mut self, request: &FileRequest) -> Picked {
        if self.unavailable {
            return Picked::Unavailable;
        }
        next_answer(match request.purpose {
            FilePurpose::OpenPlan | FilePurpose::MergeBase | FilePurpose::MergeTheirs => {
                &mut self.open
            }
            FilePurpose::SavePlan => &mut self.save,
            FilePurpose::Export(_) | FilePurpose::Document(_) => &mut self.export,
            FilePurpose::ImportList => &mut self.list,
        })
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

/// The most recently used plan files, newest first, each with the scenario last edited in it.
#[derive(Clone, Debug, Default)]
pub struct RecentFiles {
    entries: Vec<RecentFile>,
    store: Option<PathBuf>,
}

/// One recent file and the scenario being edited when it was last left (`None`: the baseline).
#[derive(Clone, Debug, PartialEq, Eq)]
struct RecentFile {
    path: PathBuf,
    scenario: Option<ScenarioId>,
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
        match base {
            Some(base) => Self::stored_in(base.join("shiquan").join("recent.txt")),
            None => Self::default(),
        }
    }

    /// The list kept in `store` (read now; written at every change).
    pub fn stored_in(store: PathBuf) -> Self {
        let entries = std::fs::read_to_string(&store)
            .map(|text| {
                text.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|line| match line.split_once('\t') {
                        Some((path, scenario)) => RecentFile {
                            path: PathBuf::from(path),
                            scenario: (!scenario.is_empty()).then(|| ScenarioId::new(scenario)),
                        },
                        None => RecentFile {
                            path: PathBuf::from(line),
                            scenario: None,
                        },
                    })
                    .take(Self::MAX)
                    .collect()
            })
            .unwrap_or_default();
        Self {
            entries,
            store: Some(store),
        }
    }

    /// The paths, newest first.
    pub fn paths(&self) -> Vec<PathBuf> {
        self.entries.iter().map(|e| e.path.clone()).collect()
    }

    /// The newest path that still exists: the plan to open when the window starts with no file.
    pub fn last_existing(&self) -> Option<&Path> {
        self.entries
            .iter()
            .map(|e| e.path.as_path())
            .find(|p| p.is_file())
    }

    /// The scenario last edited in `path` (`None`: the baseline, or a file never seen).
    pub fn scenario_of(&self, path: &Path) -> Option<&ScenarioId> {
        let path = canonical(path);
        self.entries
            .iter()
            .find(|e| e.path == path)
            .and_then(|e| e.scenario.as_ref())
    }

    /// Puts a path first, keeping the scenario remembered for it; writes the list if it has a
    /// store (failures are ignored: a recent list is a convenience).
    pub fn touch(&mut self, path: &Path) {
        let path = canonical(path);
        let scenario = self
            .entries
            .iter()
            .find(|e| e.path == path)
            .and_then(|e| e.scenario.clone());
        self.put_first(RecentFile { path, scenario });
    }

    /// Remembers the scenario being edited in `path` (and puts the path first).
    pub fn remember_scenario(&mut self, path: &Path, scenario: Option<&ScenarioId>) {
        let path = canonical(path);
        let entry = RecentFile {
            path,
            scenario: scenario.cloned(),
        };
        if self.entries.first() != Some(&entry) {
            self.put_first(entry);
        }
    }

    fn put_first(&mut self, entry: RecentFile) {
        self.entries.retain(|e| e.path != entry.path);
        self.entries.insert(0, entry);
        self.entries.truncate(Self::MAX);
        self.write();
    }

    fn write(&self) {
        let Some(store) = &self.store else {
            return;
        };
        if let Some(folder) = store.parent() {
            let _ = std::fs::create_dir_all(folder);
        }
        let lines: Vec<String> = self
            .entries
            .iter()
            .map(|e| match &e.scenario {
                Some(s) => format!("{}\t{s}", e.path.display()),
                None => e.path.display().to_string(),
            })
            .collect();
        let _ = crate::io::atomic::write_atomically(store, lines.join("\n").as_bytes());
    }
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
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
            vec![
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
        let ask = |purpose| FileRequest {
            purpose,
            start: PathBuf::from("."),
            name: "p.ron".into(),
        };
        assert_eq!(
            d.pick(&ask(FilePurpose::OpenPlan)),
            Picked::Path("x.ron".into())
        );
        assert_eq!(d.pick(&ask(FilePurpose::OpenPlan)), Picked::Cancelled);
        assert_eq!(d.pick(&ask(FilePurpose::SavePlan)), Picked::Cancelled);
        d.unavailable = true;
        assert_eq!(d.pick(&ask(FilePurpose::OpenPlan)), Picked::Unavailable);
    }

    #[test]
    fn recent_files_remember_the_scenario_of_each_plan_across_restarts() {
        let folder = std::env::temp_dir().join(format!("shiquan-recent-{}", std::process::id()));
        let store = folder.join("recent.txt");
        let _ = std::fs::remove_file(&store);
        let mut recent = RecentFiles::stored_in(store.clone());
        let scenario = ScenarioId::new("district-split");
        recent.touch(Path::new("/nonexistent/a.ron"));
        recent.remember_scenario(Path::new("/nonexistent/a.ron"), Some(&scenario));
        recent.touch(Path::new("/nonexistent/b.ron"));
        recent.touch(Path::new("/nonexistent/a.ron"));
        let again = RecentFiles::stored_in(store);
        assert_eq!(
            again.scenario_of(Path::new("/nonexistent/a.ron")),
            Some(&scenario)
        );
        assert_eq!(again.scenario_of(Path::new("/nonexistent/b.ron")), None);
        assert_eq!(again.paths()[0], PathBuf::from("/nonexistent/a.ron"));
        assert_eq!(again.last_existing(), None, "neither file exists");
        let _ = std::fs::remove_dir_all(folder);
    }
}
