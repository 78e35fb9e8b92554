//! The issues a reader keeps: a folder of issue files (往期阅读), what is
//! remembered of reading them, and finding words in them.
//!
//! Listing reads only the headers (publication, date, pages), from an
//! index that remembers them by file size and modification time; an
//! issue's body loads when it is opened.

pub mod files;
pub mod fulltext;
pub mod index;
pub mod search;
pub mod store;

use std::borrow::Cow;
use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::{self, Date, Header, Issue, LoadError};
use crate::samples::Sample;

/// Where an issue comes from: a file, or a sample built into the binary.
#[derive(Debug, Clone)]
pub enum Source {
    File(PathBuf),
    Sample(Sample),
}

impl Source {
    /// The name to show for the source: the path as given, or the sample's
    /// file name.
    pub fn name(&self) -> Cow<'_, str> {
        match self {
            Source::File(path) => path.to_string_lossy(),
            Source::Sample(sample) => Cow::Borrowed(sample.name),
        }
    }

    /// The bytes of the issue file; a file larger than [`MAX_FILE`], or
    /// one that is not a regular file, is refused before it is read.
    pub fn read(&self) -> Result<Cow<'static, [u8]>, ReadError> {
        match self {
            Source::File(path) => read_file(path).map(Cow::Owned),
            Source::Sample(sample) => Ok(Cow::Borrowed(sample.bytes)),
        }
    }
}

pub use crate::model::size::MAX_FILE;

fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    read_limited(path, MAX_FILE, "issue files")
}

/// The bytes of the file at `path`, refused without reading when its size
/// is over `limit`. Only a regular file is read (a link is followed to
/// one): a FIFO, a device (`/dev/zero`) or a socket is refused at once, so
/// that nothing blocks on it or reads it without end. `what` names the
/// files in the message: "issue files may be up to 256 MiB".
pub fn read_limited(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let failed = |error: io::Error| ReadError::new(path, &error);
    let file = open_regular(path)?;
    let metadata = file.metadata().map_err(failed)?;
    let most = model::size::in_words(limit);
    let too_large = |size: Option<u64>| ReadError {
        reason: match size {
            Some(size) => format!(
                "the file is {}; {what} may be up to {most}",
                model::size::in_words(size)
            ),
            None => format!("it holds more than {most}, the most {what} may hold"),
        },
        missing: false,
    };
    if metadata.len() > limit {
        return Err(too_large(Some(metadata.len())));
    }
    // A file that grows while it is read is read no further than the
    // limit, and one byte past it to know.
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(None));
    }
    Ok(bytes)
}

/// The regular file at `path`, opened for reading without waiting: a FIFO
/// opened in the ordinary way waits for a writer, so the file is opened
/// non-blocking and what it is looked at before anything is read.
pub fn open_regular(path: &Path) -> Result<std::fs::File, ReadError> {
    use rustix::fs::{FileType, Mode, OFlags};
    let failed = |error: io::Error| ReadError::new(path, &error);
    let fd = rustix::fs::open(
        path,
        OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(|errno| failed(errno.into()))?;
    let kind = FileType::from_raw_mode(
        rustix::fs::fstat(&fd)
            .map_err(|e| failed(e.into()))?
            .st_mode,
    );
    let not = |what: &str| ReadError {
        reason: format!("it is {what}, not a regular file"),
        missing: false,
    };
    match kind {
        FileType::RegularFile => {
            // Reads of a regular file do not block; the flag is dropped all
            // the same, for what reads it next.
            let _ = rustix::fs::fcntl_setfl(&fd, OFlags::empty());
            Ok(std::fs::File::from(fd))
        }
        FileType::Directory => Err(not("a directory")),
        FileType::Fifo => Err(not("a FIFO (a named pipe)")),
        FileType::CharacterDevice | FileType::BlockDevice => Err(not("a device")),
        FileType::Socket => Err(not("a socket")),
        _ => Err(not("something other than a file")),
    }
}

/// A file that could not be read, in words for the user.
#[derive(Debug, Clone, thiserror::Error)]
#[error("cannot read the file: {reason}")]
pub struct ReadError {
    reason: String,
    missing: bool,
}

impl ReadError {
    fn new(path: &Path, error: &io::Error) -> ReadError {
        let reason = match error.kind() {
            io::ErrorKind::NotFound => "no such file".to_owned(),
            io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            _ if path.is_dir() => "it is a directory".to_owned(),
            _ => error.to_string(),
        };
        ReadError {
            reason,
            missing: error.kind() == io::ErrorKind::NotFound,
        }
    }

    /// Whether there is no file there at all.
    pub fn is_missing(&self) -> bool {
        self.missing
    }

    /// What is wrong, without "cannot read the file".
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// Reads one issue file, away from the library (see [`Library::loader`]).
#[derive(Debug, Clone)]
pub struct Loader {
    source: Source,
}

impl Loader {
    pub fn new(source: Source) -> Loader {
        Loader { source }
    }

    /// The name the issue is shown by while it loads.
    pub fn name(&self) -> String {
        self.source.name().into_owned()
    }

    /// The issue and the size of its file, or the error as one line.
    pub fn load(&self) -> Result<(Issue, u64), String> {
        let name = self.name();
        let bytes = self
            .source
            .read()
            .map_err(|error| format!("{name}: error: {error}"))?;
        let loaded = model::load(&bytes).map_err(|error| error_line(&name, &error))?;
        Ok((loaded.issue, bytes.len() as u64))
    }
}

/// The first problem of a load error as one line: `FILE:L:C: error: …`.
pub fn error_line(name: &str, error: &LoadError) -> String {
    error.first().describe(name)
}

/// One issue of the library.
#[derive(Debug, Clone)]
pub struct Entry {
    pub source: Source,
    /// The header, or why the file cannot be listed, as one line.
    pub header: Result<Header, String>,
}

impl Entry {
    /// What reading state is kept under: publication and date.
    pub fn key(&self) -> Option<String> {
        self.header
            .as_ref()
            .ok()
            .map(|h| issue_key(&h.publication, h.date))
    }
}

/// The reading-state key of an issue.
pub fn issue_key(publication: &str, date: Date) -> String {
    format!("{publication} {date}")
}

/// A publication and its issues, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publication {
    pub name: String,
    pub issues: Vec<usize>,
}

/// The issues, listed, and those opened.
#[derive(Debug, Default)]
pub struct Library {
    /// Where the files were found, for messages.
    pub root: Option<PathBuf>,
    pub entries: Vec<Entry>,
    /// Publications, the one with the newest issue first.
    pub publications: Vec<Publication>,
    /// Issues loaded, the least recently opened first.
    loaded: Vec<Kept>,
}

/// An issue body kept in memory.
#[derive(Debug)]
struct Kept {
    entry: usize,
    issue: Arc<Issue>,
    /// The size of its file, for the bound on all of them.
    bytes: u64,
    /// Given loaded, with no file to read it again from.
    pinned: bool,
}

/// Issue bodies kept in memory at once, and the most file bytes they may
/// come from together; beyond either, the least recently opened are
/// dropped and read again when needed. The issue being read is kept by the
/// reader whatever happens here.
const LOADED: usize = 8;
const LOADED_BYTES: u64 = 256 << 20;

impl Library {
    /// A library of the given entries, grouped.
    pub fn new(root: Option<PathBuf>, entries: Vec<Entry>) -> Library {
        let mut library = Library {
            root,
            entries,
            publications: Vec::new(),
            loaded: Vec::new(),
        };
        library.mark_duplicates();
        library.group();
        library
    }

    /// Issues already loaded, as one library: for the bundled samples and
    /// for tests.
    pub fn of_issues(issues: Vec<(String, Arc<Issue>)>) -> Library {
        let entries = issues
            .iter()
            .map(|(name, issue)| Entry {
                source: Source::File(PathBuf::from(name)),
                header: Ok(issue.header()),
            })
            .collect();
        let mut library = Library::new(None, entries);
        for (entry, (_, issue)) in issues.into_iter().enumerate() {
            library.loaded.push(Kept {
                entry,
                issue,
                bytes: 0,
                pinned: true,
            });
        }
        library
    }

    /// Every issue file under `root`, listed from the index in
    /// `cache` where it knows them.
    pub fn scan(root: &Path, cache: Option<&Path>) -> io::Result<Library> {
        let mut paths = Vec::new();
        collect(root, &mut paths)?;
        paths.sort();
        let entries = index::headers(&paths, cache);
        Ok(Library::new(Some(root.to_owned()), entries))
    }

    /// Two files of one publication's same day: the second is listed as
    /// an error, so that dates stay unique.
    fn mark_duplicates(&mut self) {
        let mut seen: HashMap<String, String> = HashMap::new();
        for entry in &mut self.entries {
            let Some(key) = entry.key() else { continue };
            let name = entry.source.name().into_owned();
            if let Some(first) = seen.get(&key) {
                entry.header = Err(format!("{name}: error: the same issue ({key}) as {first}"));
            } else {
                seen.insert(key, name);
            }
        }
    }

    fn group(&mut self) {
        let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
        for (index, entry) in self.entries.iter().enumerate() {
            if let Ok(header) = &entry.header {
                by_name.entry(&header.publication).or_default().push(index);
            }
        }
        let date = |i: &usize| self.entries[*i].header.as_ref().map(|h| h.date).ok();
        let mut publications: Vec<Publication> = by_name
            .into_iter()
            .map(|(name, mut issues)| {
                issues.sort_by_key(|i| std::cmp::Reverse(date(i)));
                Publication {
                    name: name.to_owned(),
                    issues,
                }
            })
            .collect();
        publications.sort_by(|a, b| {
            let newest = |p: &Publication| p.issues.first().and_then(date);
            newest(b).cmp(&newest(a)).then_with(|| a.name.cmp(&b.name))
        });
        self.publications = publications;
    }

    /// The entries that could not be listed.
    pub fn failures(&self) -> impl Iterator<Item = (usize, &str)> {
        self.entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| e.header.as_ref().err().map(|error| (i, error.as_str())))
    }

    /// The newest issue of the publication with the newest issue.
    pub fn newest(&self) -> Option<usize> {
        self.publications.first()?.issues.first().copied()
    }

    /// The publication an entry belongs to, and its place there.
    pub fn place(&self, entry: usize) -> Option<(usize, usize)> {
        self.publications
            .iter()
            .enumerate()
            .find_map(|(p, publication)| {
                publication
                    .issues
                    .iter()
                    .position(|&i| i == entry)
                    .map(|at| (p, at))
            })
    }

    /// The next newer (`later`) or older issue of the same publication.
    pub fn neighbour(&self, entry: usize, later: bool) -> Option<usize> {
        let (p, at) = self.place(entry)?;
        let issues = &self.publications[p].issues;
        // Issues are newest first: a later one is before it in the list.
        let next = if later { at.checked_sub(1)? } else { at + 1 };
        issues.get(next).copied()
    }

    /// The entry with this reading-state key.
    pub fn find(&self, key: &str) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| e.key().as_deref() == Some(key))
    }

    /// The issue of an entry, loaded now if it was not.
    pub fn open(&mut self, entry: usize) -> Result<Arc<Issue>, String> {
        if let Some(issue) = self.cached(entry) {
            return Ok(issue);
        }
        let read = self.loader(entry).ok_or("no such issue")?.load();
        self.keep(entry, read)
    }

    /// The issue of an entry if it is in memory, now the most recently
    /// opened.
    pub fn cached(&mut self, entry: usize) -> Option<Arc<Issue>> {
        let at = self.loaded.iter().position(|kept| kept.entry == entry)?;
        let kept = self.loaded.remove(at);
        let issue = Arc::clone(&kept.issue);
        self.loaded.push(kept);
        Some(issue)
    }

    /// What reads an entry's issue, to be run anywhere (a thread of its
    /// own, so that a slow disk does not hold up the screen).
    pub fn loader(&self, entry: usize) -> Option<Loader> {
        let source = self.entries.get(entry)?.source.clone();
        Some(Loader { source })
    }

    /// Takes in what a [`Loader`] read for `entry`: the issue, kept in
    /// memory, or why it could not be read, which the entry then shows.
    pub fn keep(
        &mut self,
        entry: usize,
        loaded: Result<(Issue, u64), String>,
    ) -> Result<Arc<Issue>, String> {
        if entry >= self.entries.len() {
            return Err("no such issue".to_owned());
        }
        match loaded {
            Ok((issue, bytes)) => {
                let issue = Arc::new(issue);
                self.loaded.push(Kept {
                    entry,
                    issue: Arc::clone(&issue),
                    bytes,
                    pinned: false,
                });
                self.keep_bound();
                Ok(issue)
            }
            Err(message) => {
                self.entries[entry].header = Err(message.clone());
                self.group();
                Err(message)
            }
        }
    }

    /// Drops the least recently opened issues beyond the bounds, never the
    /// one opened last.
    fn keep_bound(&mut self) {
        loop {
            let count = self.loaded.len();
            let bytes: u64 = self.loaded.iter().map(|kept| kept.bytes).sum();
            if count <= LOADED && bytes <= LOADED_BYTES {
                return;
            }
            let Some(oldest) = self.loaded[..count - 1]
                .iter()
                .position(|kept| !kept.pinned)
            else {
                return;
            };
            self.loaded.remove(oldest);
        }
    }

    /// Every issue listed, newest first; of one day, in the order of the
    /// publications.
    pub fn newest_first(&self) -> Vec<usize> {
        let mut entries: Vec<(usize, usize)> = self
            .publications
            .iter()
            .enumerate()
            .flat_map(|(p, publication)| publication.issues.iter().map(move |&i| (p, i)))
            .collect();
        let date = |i: usize| self.entries[i].header.as_ref().map(|h| h.date).ok();
        entries.sort_by_key(|&(p, i)| (std::cmp::Reverse(date(i)), p));
        entries.into_iter().map(|(_, i)| i).collect()
    }

    /// What a library search reads for `entry`: its file, or the issue
    /// itself when it was given loaded, with no file behind it.
    pub fn target(&self, entry: usize) -> Option<fulltext::Target> {
        let source = self.entries.get(entry)?.source.clone();
        let issue = self
            .loaded
            .iter()
            .find(|kept| kept.entry == entry && kept.pinned)
            .map(|kept| Arc::clone(&kept.issue));
        Some(fulltext::Target {
            entry,
            source,
            issue,
        })
    }

    /// Whether the issue of `entry` is in memory.
    pub fn is_loaded(&self, entry: usize) -> bool {
        self.loaded.iter().any(|kept| kept.entry == entry)
    }
}

/// The issue files under `dir`, recursively: `.json` files, not hidden
/// ones, not through links to directories (which could loop).
fn collect(dir: &Path, paths: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            // A folder that cannot be read is passed over, as its files
            // would be listed with the error if they could be seen.
            let _ = collect(&path, paths);
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            && (kind.is_file() || path.is_file())
        {
            paths.push(path);
        }
    }
    Ok(())
}
