//! Nothing lost between saves: the autosave sidecar and the file stamp.
//!
//! - **Sidecar.** While a plan has unsaved changes the window writes a copy beside its file
//!   (`plan.ron` → `.plan.ron.autosave`, atomically, like a real save); a plan that has no file
//!   yet is copied into the user's data folder. On start, a sidecar newer than its plan file is
//!   offered for recovery; a real save removes it. Beside it, `….autosave.view` names the
//!   scenario being edited, so that a recovered plan opens where the user was.
//! - **Stamp.** The length, modification time and a hash of the plan file's bytes as they were
//!   opened or last saved. Before saving over the file, a different stamp means someone else
//!   changed it, and the window asks first.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::plan_file::SaveError;
use crate::model::ScenarioId;
use crate::plan::Plan;

/// The sidecar name of a plan file: `.NAME.autosave` in the same folder.
pub fn sidecar_of(plan_path: &Path) -> PathBuf {
    let name = plan_path
        .file_name()
        .map_or_else(|| "plan.ron".into(), |n| n.to_string_lossy().into_owned());
    plan_path.with_file_name(format!(".{name}.autosave"))
}

/// The folder for sidecars of plans that have no file yet: `$XDG_DATA_HOME/shiquan/autosave`
/// (or `~/.local/share/shiquan/autosave`); `None` when neither variable is set.
pub fn untitled_folder() -> Option<PathBuf> {
    std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .map(|base| base.join("shiquan").join("autosave"))
}

/// The sidecar of a plan with no file, in `folder`.
pub fn untitled_sidecar(folder: &Path) -> PathBuf {
    folder.join("untitled.ron.autosave")
}

/// Writes the sidecar (atomically, creating its folder).
pub fn write_sidecar(plan: &Plan, sidecar: &Path) -> Result<(), SaveError> {
    if let Some(folder) = sidecar.parent()
        && !folder.as_os_str().is_empty()
    {
        std::fs::create_dir_all(folder).map_err(|source| SaveError {
            path: folder.to_owned(),
            source,
        })?;
    }
    super::plan_file::save_path(plan, sidecar)
}

/// The sidecar to offer for recovery: it exists and is newer than the plan file (or the plan
/// file is gone).
pub fn recoverable(sidecar: &Path, plan_path: Option<&Path>) -> Option<PathBuf> {
    let sidecar_time = std::fs::metadata(sidecar).ok()?.modified().ok()?;
    let plan_time = plan_path
        .and_then(|p| std::fs::metadata(p).ok())
        .and_then(|m| m.modified().ok());
    match plan_time {
        Some(t) if t >= sidecar_time => None,
        _ => Some(sidecar.to_path_buf()),
    }
}

/// Removes a sidecar; a missing one is fine.
pub fn remove_sidecar(sidecar: &Path) {
    let _ = std::fs::remove_file(sidecar);
    let _ = std::fs::remove_file(view_file_of(sidecar));
}

/// The file beside a sidecar that names the scenario being edited.
pub fn view_file_of(sidecar: &Path) -> PathBuf {
    let mut name = sidecar.as_os_str().to_owned();
    name.push(".view");
    PathBuf::from(name)
}

/// Records the scenario being edited beside the sidecar (`None`: the baseline). A failure is
/// ignored: the plan is what must not be lost, and it is in the sidecar.
pub fn write_sidecar_view(sidecar: &Path, scenario: Option<&ScenarioId>) {
    let text = scenario.map(ToString::to_string).unwrap_or_default();
    let _ = super::atomic::write_atomically(&view_file_of(sidecar), text.as_bytes());
}

/// The scenario being edited when the sidecar was written, if one was (at most a line is read).
pub fn sidecar_view(sidecar: &Path) -> Option<ScenarioId> {
    let bytes = super::bounded::read_at_most(&view_file_of(sidecar), 4096).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let id = text.trim();
    (!id.is_empty()).then(|| ScenarioId::new(id))
}

/// What a plan file looked like when it was opened or saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

impl FileStamp {
    /// The stamp of a file as it is now; `None` if it cannot be read (gone, no permission).
    pub fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        let bytes = std::fs::read(path).ok()?;
        Some(Self::of_bytes(&bytes, meta.modified().ok()))
    }

    /// The stamp of bytes just written or read, with the file's modification time.
    pub fn of_bytes(bytes: &[u8], modified: Option<SystemTime>) -> Self {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut hasher);
        Self {
            len: bytes.len() as u64,
            modified,
            hash: hasher.finish(),
        }
    }

    /// Whether the file's content differs from this stamp's (a touched file with the same bytes
    /// has not changed).
    pub fn content_differs(&self, now: &FileStamp) -> bool {
        self.len != now.len || self.hash != now.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sidecar_sits_beside_the_plan_as_a_hidden_file() {
        assert_eq!(
            sidecar_of(Path::new("/work/saves/city.ron")),
            Path::new("/work/saves/.city.ron.autosave")
        );
    }

    #[test]
    fn a_sidecar_older_than_its_plan_is_not_offered() {
        let folder = tempfile::tempdir().expect("temp folder");
        let plan = folder.path().join("p.ron");
        let sidecar = sidecar_of(&plan);
        std::fs::write(&sidecar, "x").expect("write");
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&plan, "y").expect("write");
        assert_eq!(recoverable(&sidecar, Some(&plan)), None);
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&sidecar, "z").expect("write");
        assert_eq!(recoverable(&sidecar, Some(&plan)), Some(sidecar.clone()));
        remove_sidecar(&sidecar);
        assert_eq!(recoverable(&sidecar, Some(&plan)), None);
    }

    #[test]
    fn a_stamp_sees_content_changes_not_touches() {
        let a = FileStamp::of_bytes(b"version: 1", None);
        let b = FileStamp::of_bytes(b"version: 1", Some(SystemTime::now()));
        let c = FileStamp::of_bytes(b"version: 2", None);
        assert!(!a.content_differs(&b));
        assert!(a.content_differs(&c));
    }
}
