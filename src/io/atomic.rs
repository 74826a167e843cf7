//! Writing an output file so that nothing is lost: a crash, a kill or a full disk leaves either
//! the old file or the new one, never half a file and never a stray temporary file.
//!
//! [`write_atomically`] is the one way the command line and the window write a file (plans,
//! exports, the recent-files list). What the output path names decides how it is written:
//!
//! - a regular file, or nothing yet: the new content goes to a temporary file in the same folder,
//!   which is synced and then renamed over the target. An existing file's permission mode is
//!   kept (a 0600 plan stays 0600). On Linux the temporary file is unnamed (`O_TMPFILE`) while
//!   it is written and gets a name only once it is complete, so a kill mid-write leaves nothing;
//!   elsewhere, or where the file system has no `O_TMPFILE`, it is a hidden named file;
//! - a symbolic link: the link stays, and its final target is replaced as above (a dangling
//!   link's target is created);
//! - a FIFO or a character device (`/dev/null`, `/dev/stdout`, a terminal): written into
//!   directly, never replaced by a regular file;
//! - a folder, a socket or a block device: refused with a message that says what to do.
//!
//! The temporary names hold the writer's process id (`.NAME.PID-NANOS.tmp`): before a write,
//! those of the same target whose process is gone (killed between naming the file and the
//! rename) are removed. [`same_file`] tells whether two paths are one file, so that a command
//! can refuse an output that is one of its inputs.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How deep a chain of symbolic links is followed before giving up (as Linux's `ELOOP`).
const MAX_LINK_DEPTH: usize = 40;

/// Writes `bytes` to `path` so that a crash leaves the old content or the new one (see the
/// module documentation for what happens with links, devices and folders).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match Target::of(path)? {
        Target::Stream => write_into_stream(path, bytes),
        Target::File { path, permissions } => replace_file(&path, bytes, permissions.as_ref()),
    }
}

/// Whether two paths name the same existing file: the same device and inode (so also through
/// symbolic links and hard links); `false` when either does not exist.
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a_meta), Ok(b_meta)) => same_identity(a, &a_meta, b, &b_meta),
        _ => false,
    }
}

#[cfg(unix)]
fn same_identity(_a: &Path, a: &fs::Metadata, _b: &Path, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_identity(a: &Path, _a_meta: &fs::Metadata, b: &Path, _b_meta: &fs::Metadata) -> bool {
    matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
}

/// What an output path names, as far as writing it goes.
enum Target {
    /// A FIFO or a character device: written into, never replaced (Unix only: elsewhere every
    /// such path is refused).
    #[cfg_attr(not(unix), allow(dead_code))]
    Stream,
    /// A regular file (existing or not) at its final path, with the permissions to keep.
    File {
        path: PathBuf,
        permissions: Option<fs::Permissions>,
    },
}

impl Target {
    fn of(path: &Path) -> io::Result<Self> {
        match fs::metadata(path) {
            Ok(meta) => {
                let kind = meta.file_type();
                if kind.is_file() {
                    let is_link = fs::symlink_metadata(path)?.file_type().is_symlink();
                    let path = if is_link {
                        fs::canonicalize(path)?
                    } else {
                        path.to_path_buf()
                    };
                    Ok(Target::File {
                        path,
                        permissions: Some(meta.permissions()),
                    })
                } else if kind.is_dir() {
                    Err(refusal(
                        io::ErrorKind::IsADirectory,
                        "是文件夹，不是文件：请写出文件夹中的文件名，如 文件夹/方案.ron (a folder, not a file: name a file inside it)",
                    ))
                } else {
                    stream_or_refusal(kind)
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
                let path = if is_link {
                    dangling_link_target(path)?
                } else {
                    path.to_path_buf()
                };
                Ok(Target::File {
                    path,
                    permissions: None,
                })
            }
            Err(e) => Err(e),
        }
    }
}

#[cfg(unix)]
fn stream_or_refusal(kind: fs::FileType) -> io::Result<Target> {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() || kind.is_char_device() {
        Ok(Target::Stream)
    } else if kind.is_socket() {
        Err(refusal(
            io::ErrorKind::InvalidInput,
            "是套接字，不能作为输出：请写入普通文件 (a socket cannot be an output: write to a regular file)",
        ))
    } else {
        Err(refusal(
            io::ErrorKind::InvalidInput,
            "是块设备（磁盘），不能作为输出：请写入普通文件 (a block device cannot be an output: write to a regular file)",
        ))
    }
}

#[cfg(not(unix))]
fn stream_or_refusal(_kind: fs::FileType) -> io::Result<Target> {
    Err(refusal(
        io::ErrorKind::InvalidInput,
        "不是普通文件，不能作为输出：请写入普通文件 (not a regular file: write to a regular file)",
    ))
}

fn refusal(kind: io::ErrorKind, message: &str) -> io::Error {
    io::Error::new(kind, message.to_owned())
}

/// The path a dangling symbolic link finally points to (which does not exist yet).
fn dangling_link_target(link: &Path) -> io::Result<PathBuf> {
    let mut current = link.to_path_buf();
    for _ in 0..MAX_LINK_DEPTH {
        let target = fs::read_link(&current)?;
        let next = match current.parent() {
            Some(folder) if target.is_relative() => folder.join(target),
            _ => target,
        };
        if !fs::symlink_metadata(&next).is_ok_and(|m| m.file_type().is_symlink()) {
            return Ok(next);
        }
        current = next;
    }
    Err(refusal(
        io::ErrorKind::InvalidInput,
        "符号链接层数过多（或成环）：请直接写出目标文件 (too many levels of symbolic links, or a loop: name the target file)",
    ))
}

/// Writes into a FIFO or a device as it is: no temporary file, no rename, no sync.
fn write_into_stream(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut stream = OpenOptions::new().write(true).open(path)?;
    stream.write_all(bytes)?;
    stream.flush()
}

/// Replaces (or creates) the regular file at `path` through a temporary file in its folder.
fn replace_file(
    path: &Path,
    bytes: &[u8],
    permissions: Option<&fs::Permissions>,
) -> io::Result<()> {
    remove_stale_temporaries(path);
    let temporary = temporary_path(path);
    let result = write_temporary(path, &temporary, bytes, permissions).and_then(|()| {
        fs::rename(&temporary, path)?;
        sync_folder(path)
    });
    if result.is_err() {
        // Leave no temporary file behind; the original, if any, is untouched.
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// Writes the complete content to a file named `temporary`: unnamed while it is written where
/// the system can, else named from the start.
fn write_temporary(
    target: &Path,
    temporary: &Path,
    bytes: &[u8],
    permissions: Option<&fs::Permissions>,
) -> io::Result<()> {
    if let Some(unnamed) = unnamed::create(folder_of(target)) {
        // Whatever fails here is tried again the plain way (a file system or a sandbox
        // without O_TMPFILE or /proc); only then is the error reported.
        if fill(unnamed, bytes, permissions)
            .and_then(|file| unnamed::give_name(&file, temporary))
            .is_ok()
        {
            return Ok(());
        }
        let _ = fs::remove_file(temporary);
    }
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temporary)?;
    fill(file, bytes, permissions).map(drop)
}

/// Writes the bytes, sets the permissions to keep and syncs.
fn fill(mut file: File, bytes: &[u8], permissions: Option<&fs::Permissions>) -> io::Result<File> {
    file.write_all(bytes)?;
    if let Some(permissions) = permissions {
        keep_permissions(&file, permissions)?;
    }
    file.sync_all()?;
    Ok(file)
}

#[cfg(unix)]
fn keep_permissions(file: &File, permissions: &fs::Permissions) -> io::Result<()> {
    file.set_permissions(permissions.clone())
}

#[cfg(not(unix))]
fn keep_permissions(_file: &File, _permissions: &fs::Permissions) -> io::Result<()> {
    // A read-only flag on the temporary file would only make the rename fail.
    Ok(())
}

/// The folder a path is in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The file name used in temporary names.
fn base_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "plan".into(), |n| n.to_string_lossy().into_owned())
}

/// `.NAME.PID-NANOS.tmp` next to the target: hidden, never named like the target's format.
fn temporary_path(path: &Path) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    path.with_file_name(format!(
        ".{}.{}-{nanos}.tmp",
        base_name(path),
        std::process::id()
    ))
}

/// The process id in a temporary name of `target`'s, if `name` is one.
fn writer_of_temporary(name: &str, target: &str) -> Option<u32> {
    let rest = name
        .strip_prefix('.')?
        .strip_prefix(target)?
        .strip_prefix('.')?
        .strip_suffix(".tmp")?;
    let (pid, nanos) = rest.split_once('-')?;
    if nanos.is_empty() || !nanos.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Removes the temporary files of `target` left by processes that no longer run (killed
/// between naming the complete file and the rename). Failures are ignored: this is tidying.
fn remove_stale_temporaries(target: &Path) {
    let name = base_name(target);
    let Ok(entries) = fs::read_dir(folder_of(target)) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .to_str()
            .and_then(|n| writer_of_temporary(n, &name))
        else {
            continue;
        };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && pid != std::process::id() && process_is_gone(pid) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether no process has this id (a process of another user still counts as running).
#[cfg(unix)]
fn process_is_gone(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    rustix::process::test_kill_process(pid) == Err(rustix::io::Errno::SRCH)
}

#[cfg(not(unix))]
fn process_is_gone(_pid: u32) -> bool {
    // No portable way to ask: leave the file.
    false
}

/// Unnamed temporary files (Linux `O_TMPFILE`).
#[cfg(target_os = "linux")]
mod unnamed {
    use std::fs::File;
    use std::io;
    use std::os::fd::AsRawFd;
    use std::path::Path;

    use rustix::fs::{AtFlags, CWD, Mode, OFlags};

    /// An unnamed file in `folder`, or `None` where the file system cannot make one.
    pub(super) fn create(folder: &Path) -> Option<File> {
        rustix::fs::openat(
            CWD,
            folder,
            OFlags::WRONLY | OFlags::TMPFILE | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o666),
        )
        .ok()
        .map(File::from)
    }

    /// Gives the complete unnamed file a name (through `/proc/self/fd`, which needs no
    /// privilege, unlike `AT_EMPTY_PATH`).
    pub(super) fn give_name(file: &File, name: &Path) -> io::Result<()> {
        let handle = format!("/proc/self/fd/{}", file.as_raw_fd());
        rustix::fs::linkat(CWD, handle.as_str(), CWD, name, AtFlags::SYMLINK_FOLLOW)?;
        Ok(())
    }
}

/// Elsewhere there is no unnamed file: the temporary file is named from the start.
#[cfg(not(target_os = "linux"))]
mod unnamed {
    use std::fs::File;
    use std::io;
    use std::path::Path;

    pub(super) fn create(_folder: &Path) -> Option<File> {
        None
    }

    pub(super) fn give_name(_file: &File, _name: &Path) -> io::Result<()> {
        Err(io::Error::from(io::ErrorKind::Unsupported))
    }
}

#[cfg(unix)]
fn sync_folder(path: &Path) -> io::Result<()> {
    File::open(folder_of(path))?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_path: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temporary_name_tells_its_writer() {
        assert_eq!(
            writer_of_temporary(".方案.ron.4242-123.tmp", "方案.ron"),
            Some(4242)
        );
        assert_eq!(writer_of_temporary(".方案.ron.4242-.tmp", "方案.ron"), None);
        assert_eq!(
            writer_of_temporary(".其他.ron.4242-1.tmp", "方案.ron"),
            None
        );
        assert_eq!(writer_of_temporary("方案.ron", "方案.ron"), None);
    }

    #[test]
    fn a_write_leaves_only_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        write_atomically(&path, b"one").expect("first");
        write_atomically(&path, b"two").expect("second");
        assert_eq!(fs::read(&path).expect("read"), b"two");
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.txt")]);
    }

    #[cfg(unix)]
    #[test]
    fn a_stale_temporary_of_a_dead_writer_is_swept_and_a_live_one_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.txt");
        // A process id that cannot run (above the kernel's pid_max of 2^22).
        let dead = dir.path().join(".a.txt.4194305-1.tmp");
        let live = dir
            .path()
            .join(format!(".a.txt.{}-1.tmp", std::process::id()));
        let other = dir.path().join(".b.txt.4194305-1.tmp");
        for p in [&dead, &live, &other] {
            fs::write(p, b"x").expect("write");
        }
        write_atomically(&path, b"new").expect("write");
        assert!(!dead.exists());
        assert!(live.exists());
        assert!(other.exists());
    }
}
