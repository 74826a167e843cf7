//! Reading a whole file with a cap on what is actually read, not on what the file says it holds.
//!
//! A FIFO, `/dev/zero` or a file still growing reports a length of 0 (or a wrong one); a reader
//! that trusted `metadata().len()` would read until memory ran out. [`read_at_most`] reads at
//! most one byte more than the cap and refuses the file once that byte arrives, and asks the
//! allocator politely (`try_reserve`) so that a machine short of memory gets an error, not an
//! abort.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Why a bounded read failed.
#[derive(Debug)]
pub enum BoundedRead {
    /// The file could not be opened or read (a folder among these: see [`is_a_folder`]).
    Io(std::io::Error),
    /// More than the cap was read (`read` bytes, the cap plus one, or the size the file reported
    /// when that was already too large).
    TooLarge {
        /// What was read or reported, at least the cap plus one.
        read: u64,
    },
}

/// Reads `path` whole if it holds at most `limit` bytes.
pub fn read_at_most(path: &Path, limit: u64) -> Result<Vec<u8>, BoundedRead> {
    let file = File::open(path).map_err(BoundedRead::Io)?;
    let metadata = file.metadata().map_err(BoundedRead::Io)?;
    if metadata.is_dir() {
        return Err(BoundedRead::Io(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "this is a folder, not a file (这是文件夹，不是文件)",
        )));
    }
    // A regular file's reported size is a hint for the first allocation and an early refusal;
    // what is read decides.
    let reported = if metadata.is_file() {
        metadata.len()
    } else {
        0
    };
    if reported > limit {
        return Err(BoundedRead::TooLarge { read: reported });
    }
    let mut bytes = Vec::new();
    reserve(&mut bytes, usize::try_from(reported).unwrap_or(usize::MAX))?;
    let mut capped = file.take(limit.saturating_add(1));
    let mut chunk = vec![0u8; 1 << 16];
    loop {
        let n = match capped.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(BoundedRead::Io(e)),
        };
        if bytes.capacity() - bytes.len() < n {
            // Grow by doubling, asking rather than aborting when memory is short.
            let wanted = bytes.capacity().max(n).max(1 << 16);
            reserve(&mut bytes, wanted)?;
        }
        bytes.extend_from_slice(&chunk[..n]);
        if bytes.len() as u64 > limit {
            return Err(BoundedRead::TooLarge {
                read: bytes.len() as u64,
            });
        }
    }
    Ok(bytes)
}

/// Reserves room for `additional` more bytes, or an out-of-memory error.
fn reserve(bytes: &mut Vec<u8>, additional: usize) -> Result<(), BoundedRead> {
    bytes.try_reserve(additional).map_err(|_| {
        BoundedRead::Io(std::io::Error::new(
            std::io::ErrorKind::OutOfMemory,
            format!(
                "not enough memory to read {} MB more of it (内存不足)",
                additional.div_ceil(1 << 20)
            ),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_file_reads_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"hello").unwrap();
        assert_eq!(read_at_most(&path, 5).unwrap(), b"hello");
    }

    #[test]
    fn a_file_over_the_cap_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, b"hello!").unwrap();
        assert!(matches!(
            read_at_most(&path, 5),
            Err(BoundedRead::TooLarge { read: 6 })
        ));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn an_endless_device_stops_at_the_cap() {
        let result = read_at_most(Path::new("/dev/zero"), 1 << 20);
        assert!(matches!(result, Err(BoundedRead::TooLarge { read }) if read == (1 << 20) + 1));
    }

    #[test]
    fn a_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_at_most(dir.path(), 5),
            Err(BoundedRead::Io(_))
        ));
    }
}
