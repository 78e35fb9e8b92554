//! Where epaper keeps things, and writing them so that nothing is lost:
//! the XDG directories, atomic replacement of a file, and a lock that
//! serialises epaper processes writing the same file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rustix::fs::{FileType, Mode, OFlags};

/// An XDG base directory: `$VAR` when it is an absolute path, else
/// `$HOME/<fallback>`; `None` without either.
pub fn xdg_dir(
    env: &impl Fn(&str) -> Option<String>,
    var: &str,
    fallback: &str,
) -> Option<PathBuf> {
    env(var)
        .filter(|path| Path::new(path).is_absolute())
        .map(PathBuf::from)
        .or_else(|| {
            env("HOME")
                .filter(|home| !home.is_empty())
                .map(|home| Path::new(&home).join(fallback))
        })
}

/// A directory named by `override_var`, else `<xdg base>/epaper[/sub]`.
pub fn epaper_dir(
    env: &impl Fn(&str) -> Option<String>,
    override_var: &str,
    xdg_var: &str,
    fallback: &str,
    sub: Option<&str>,
) -> Option<PathBuf> {
    if let Some(path) = env(override_var).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let base = xdg_dir(env, xdg_var, fallback)?.join("epaper");
    Some(match sub {
        Some(sub) => base.join(sub),
        None => base,
    })
}

/// The process environment, as the functions above take it.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// Replaces `path` with `bytes` so that a crash at any moment leaves either
/// the old file or the new one, never a torn one: the bytes go to a
/// temporary file beside it, are synced to disk, and the temporary file is
/// renamed over the old one; then the directory is synced so the rename
/// itself is on disk.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, bytes, true)
}

/// [`write_atomically`] without waiting for the disk: for caches, whose
/// readers check what they read and build again what fails the check. A
/// kill leaves the old file or the new one, never a part of either.
pub fn replace_cache_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    replace_with(path, false, write)
}

fn replace(path: &Path, bytes: &[u8], sync: bool) -> io::Result<()> {
    replace_with(path, sync, |file| file.write_all(bytes))
}

/// Writes what `write` writes to a new file beside `path`, then puts it
/// in `path`'s place by rename.
fn replace_with(
    path: &Path,
    sync: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let temporary = temporary_beside(path);
    let result = (|| {
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temporary)?;
        let mut buffered = io::BufWriter::new(file);
        write(&mut buffered)?;
        let file = buffered
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        if sync {
            file.sync_all()?;
        }
        drop(file);
        fs::rename(&temporary, path)?;
        if sync && let Some(directory) = path.parent() {
            // Not every system can sync a directory; the rename stands.
            let _ = File::open(directory).and_then(|d| d.sync_all());
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// A name beside `path` that no other writer uses: the process id and a
/// counter, with a prefix that readers of the directory skip.
fn temporary_beside(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let unique = COUNTER.fetch_add(1, Ordering::Relaxed);
    path.with_file_name(format!(".{name}.tmp-{}-{unique}", std::process::id()))
}

/// An exclusive lock on `<path>.lock`, held until dropped: epaper
/// processes take it around read-merge-write of a shared file, so that no
/// one's changes fall between another's read and write.
pub struct Lock {
    _file: File,
}

impl Lock {
    pub fn take(path: &Path) -> io::Result<Lock> {
        let lock_path = path.with_file_name(format!(
            "{}.lock",
            path.file_name()
                .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned())
        ));
        // Not through a link (which would create or lock a file wherever it
        // points), and not a FIFO or a device (opening one for writing can
        // wait for ever): a regular file, or the open fails.
        let fd = rustix::fs::open(
            &lock_path,
            OFlags::WRONLY | OFlags::CREATE | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o644),
        )
        .map_err(|errno| {
            if errno == rustix::io::Errno::LOOP {
                io::Error::other(format!(
                    "{} is a symbolic link; epaper does not lock through one",
                    lock_path.display()
                ))
            } else {
                errno.into()
            }
        })?;
        if FileType::from_raw_mode(rustix::fs::fstat(&fd)?.st_mode) != FileType::RegularFile {
            return Err(io::Error::other(format!(
                "{} is not a regular file",
                lock_path.display()
            )));
        }
        let file = File::from(fd);
        rustix::fs::flock(&file, rustix::fs::FlockOperation::LockExclusive)?;
        Ok(Lock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn directories_follow_xdg_with_overrides() {
        let home = env(&[("HOME", "/h")]);
        assert_eq!(
            epaper_dir(
                &home,
                "EPAPER_STATE_DIR",
                "XDG_STATE_HOME",
                ".local/state",
                None
            ),
            Some(PathBuf::from("/h/.local/state/epaper"))
        );
        assert_eq!(
            epaper_dir(
                &home,
                "EPAPER_LIBRARY",
                "XDG_DATA_HOME",
                ".local/share",
                Some("issues")
            ),
            Some(PathBuf::from("/h/.local/share/epaper/issues"))
        );
        let xdg = env(&[
            ("HOME", "/h"),
            ("XDG_STATE_HOME", "/s"),
            ("EPAPER_LIBRARY", "/lib"),
        ]);
        assert_eq!(
            epaper_dir(
                &xdg,
                "EPAPER_STATE_DIR",
                "XDG_STATE_HOME",
                ".local/state",
                None
            ),
            Some(PathBuf::from("/s/epaper"))
        );
        assert_eq!(
            epaper_dir(
                &xdg,
                "EPAPER_LIBRARY",
                "XDG_DATA_HOME",
                ".local/share",
                Some("issues")
            ),
            Some(PathBuf::from("/lib"))
        );
        assert_eq!(epaper_dir(&env(&[]), "X", "Y", ".z", None), None);
    }

    #[test]
    fn an_atomic_write_replaces_and_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("epaper-atomic-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let path = dir.join("state.json");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [std::ffi::OsString::from("state.json")]);
        fs::remove_dir_all(&dir).unwrap();
    }
}
