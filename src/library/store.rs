//! What is remembered of reading: where each issue was left, which articles
//! have been read, and the bookmarks (收藏). Kept in
//! `$XDG_STATE_HOME/epaper/state.json` (`EPAPER_STATE_DIR` names the
//! folder), a versioned JSON file.
//!
//! Nothing is lost: every value carries the time it was set, and saving
//! merges what is on disk with what this process knows, value by value, the
//! later winning, under a lock, then replaces the file atomically. Two
//! epaper processes therefore keep each other's changes; a bookmark
//! removed stays removed (a removal is a value too); a crash leaves the old
//! file or the new one. A file that cannot be read as state is moved aside,
//! never overwritten; one written by a newer epaper is left alone.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::files::{Lock, write_atomically};

/// The largest state file read: a few hundred bytes an issue read, so
/// many years of reading; a larger one is set aside.
const MAX_STATE: u64 = 64 << 20;

/// The version of the state file this build reads and writes.
pub const VERSION: u32 = 1;

/// A value and when it was set, in milliseconds since 1970.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamped<T> {
    pub value: T,
    pub at: u64,
}

/// Where an issue was left: the page, the article opened, and the top
/// line's place in the text (a paragraph of a fragment of the story, and a
/// byte in it), which holds at any width.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub page: String,
    pub article: String,
    /// The fragment of the story the top line is in, and the paragraph;
    /// `None` at the headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fragment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<usize>,
    #[serde(default)]
    pub byte: usize,
}

/// A bookmark: enough to list it and find it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    pub publication: String,
    pub date: String,
    pub page: String,
    pub article: String,
    pub title: String,
}

/// What is remembered of one issue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Stamped<Place>>,
    /// Read or unread, by article key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub read: BTreeMap<String, Stamped<bool>>,
}

/// Everything remembered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingState {
    pub version: u32,
    /// By issue key (`publication date`).
    #[serde(default)]
    pub issues: BTreeMap<String, IssueState>,
    /// By issue key and article key; `None` for one removed.
    #[serde(default)]
    pub bookmarks: BTreeMap<String, Stamped<Option<Bookmark>>>,
}

impl Default for ReadingState {
    fn default() -> ReadingState {
        ReadingState {
            version: VERSION,
            issues: BTreeMap::new(),
            bookmarks: BTreeMap::new(),
        }
    }
}

/// Keeps the later of two stamped values.
fn later<T: Clone>(mine: &mut Stamped<T>, theirs: &Stamped<T>) {
    if theirs.at > mine.at {
        *mine = theirs.clone();
    }
}

fn merge_maps<T: Clone>(
    mine: &mut BTreeMap<String, Stamped<T>>,
    theirs: &BTreeMap<String, Stamped<T>>,
) {
    for (key, value) in theirs {
        match mine.get_mut(key) {
            Some(current) => later(current, value),
            None => {
                mine.insert(key.clone(), value.clone());
            }
        }
    }
}

impl ReadingState {
    /// Takes in another process's state: for every value, the later one.
    pub fn merge(&mut self, theirs: &ReadingState) {
        for (key, issue) in &theirs.issues {
            let mine = self.issues.entry(key.clone()).or_default();
            match (&mut mine.place, &issue.place) {
                (Some(current), Some(other)) => later(current, other),
                (None, Some(other)) => mine.place = Some(other.clone()),
                _ => {}
            }
            merge_maps(&mut mine.read, &issue.read);
        }
        merge_maps(&mut self.bookmarks, &theirs.bookmarks);
    }

    pub fn is_read(&self, issue: &str, article: &str) -> bool {
        self.issues
            .get(issue)
            .and_then(|state| state.read.get(article))
            .is_some_and(|read| read.value)
    }

    /// Sets an article read or unread; returns whether that changed it.
    pub fn set_read(&mut self, issue: &str, article: &str, read: bool, clock: &mut Clock) -> bool {
        if self.is_read(issue, article) == read {
            return false;
        }
        let state = self.issues.entry(issue.to_owned()).or_default();
        state.read.insert(
            article.to_owned(),
            Stamped {
                value: read,
                at: clock.now(),
            },
        );
        true
    }

    pub fn place(&self, issue: &str) -> Option<&Place> {
        self.issues.get(issue)?.place.as_ref().map(|p| &p.value)
    }

    /// Records where an issue was left; returns whether that changed it.
    pub fn set_place(&mut self, issue: &str, place: Place, clock: &mut Clock) -> bool {
        if self.place(issue) == Some(&place) {
            return false;
        }
        let state = self.issues.entry(issue.to_owned()).or_default();
        state.place = Some(Stamped {
            value: place,
            at: clock.now(),
        });
        true
    }

    pub fn bookmark_key(issue: &str, article: &str) -> String {
        format!("{issue} {article}")
    }

    pub fn is_bookmarked(&self, issue: &str, article: &str) -> bool {
        self.bookmarks
            .get(&Self::bookmark_key(issue, article))
            .is_some_and(|b| b.value.is_some())
    }

    /// Adds the bookmark, or removes it if it is there; returns whether it
    /// is there now.
    pub fn toggle_bookmark(&mut self, issue: &str, bookmark: Bookmark, clock: &mut Clock) -> bool {
        let key = Self::bookmark_key(issue, &bookmark.article);
        let present = self.is_bookmarked(issue, &bookmark.article);
        let value = (!present).then_some(bookmark);
        self.bookmarks.insert(
            key,
            Stamped {
                value,
                at: clock.now(),
            },
        );
        !present
    }

    /// The largest stamp in the state: a clock that stamps the user's next
    /// change later than this lets that change win every merge, whatever
    /// another machine's clock said.
    pub fn latest(&self) -> u64 {
        let issues = self.issues.values().flat_map(|issue| {
            issue
                .place
                .iter()
                .map(|p| p.at)
                .chain(issue.read.values().map(|r| r.at))
        });
        issues
            .chain(self.bookmarks.values().map(|b| b.at))
            .max()
            .unwrap_or(0)
    }

    /// The bookmarks there are, newest first.
    pub fn bookmarks(&self) -> Vec<(&str, &Bookmark)> {
        let mut list: Vec<(&str, &Bookmark, u64)> = self
            .bookmarks
            .iter()
            .filter_map(|(key, b)| b.value.as_ref().map(|v| (key.as_str(), v, b.at)))
            .collect();
        list.sort_by_key(|(_, _, at)| std::cmp::Reverse(*at));
        list.into_iter().map(|(key, b, _)| (key, b)).collect()
    }
}

/// Milliseconds since 1970, never the same twice in a process and never
/// behind the largest stamp it has seen, so that of two changes the later
/// always wins a merge: a value stamped ahead of this machine's clock (set
/// back by NTP, a hardware clock kept in local time, another machine's
/// clock) cannot undo what the user does after seeing it.
#[derive(Debug, Default)]
pub struct Clock {
    last: u64,
}

impl Clock {
    pub fn now(&mut self) -> u64 {
        let wall = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
        self.last = wall.max(self.last.saturating_add(1));
        self.last
    }

    /// Takes in a stamp seen elsewhere (the state loaded, or merged on a
    /// save): later stamps are later than it.
    pub fn observe(&mut self, at: u64) {
        self.last = self.last.max(at);
    }
}

/// Why the state on disk was not taken in. Its message, for the command
/// line, names the file by its whole path; [`Trouble::note`] is the short
/// word for the reader's bottom bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trouble {
    /// The file at `from` could not be read as state, and was moved to
    /// `to`.
    SetAside {
        from: PathBuf,
        to: PathBuf,
        why: String,
    },
    /// A newer epaper wrote the file at `path`: it is left as it is, and
    /// not saved over.
    Newer { path: PathBuf, version: u32 },
}

impl std::fmt::Display for Trouble {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Trouble::SetAside { from, to, why } => write!(
                f,
                "the reading state {} cannot be read ({why}); it was moved to {}, and reading starts afresh",
                from.display(),
                to.display()
            ),
            Trouble::Newer { path, version } => write!(
                f,
                "the reading state {} was written by a newer epaper (version {version}; this one reads version {VERSION}): it is left as it is, and this reading is not saved",
                path.display()
            ),
        }
    }
}

impl Trouble {
    /// What the bottom bar says of it, short enough to fit; the whole
    /// message is printed on the command line.
    pub fn note(&self) -> &'static str {
        match self {
            Trouble::SetAside { .. } => "阅读记录无法读取，已另存一旁，从头记录；详情退出后见终端",
            Trouble::Newer { .. } => {
                "阅读记录是更新版本的 epaper 写的，本次阅读不保存；详情退出后见终端"
            }
        }
    }
}

/// Why a file is not reading state, in words, with the place.
fn not_state(error: &serde_json::Error) -> String {
    let place = format!("line {}, column {}", error.line(), error.column());
    match error.classify() {
        serde_json::error::Category::Eof => format!("it ends too early, at {place}"),
        serde_json::error::Category::Syntax => format!("it is not JSON from {place} on"),
        serde_json::error::Category::Data | serde_json::error::Category::Io => {
            format!("what is at {place} is not reading state")
        }
    }
}

/// The state file, and reading and saving it.
#[derive(Debug, Clone)]
pub struct Store {
    pub path: PathBuf,
}

enum Read {
    Missing,
    State(ReadingState),
    Newer(u32),
    Bad(String),
}

/// The version alone, read before the rest, whose shape it decides.
#[derive(Deserialize)]
struct Version {
    version: u32,
}

impl Store {
    pub fn new(directory: &Path) -> Store {
        Store {
            path: directory.join("state.json"),
        }
    }

    fn read(&self) -> Read {
        match super::read_limited(&self.path, MAX_STATE, "state files") {
            Err(error) if error.is_missing() => Read::Missing,
            Err(error) => Read::Bad(format!("cannot read it: {}", error.reason())),
            Ok(bytes) => match serde_json::from_slice::<Version>(&bytes) {
                Ok(Version { version }) if version > VERSION => Read::Newer(version),
                Ok(Version { version }) if version < VERSION => {
                    Read::Bad(format!("it is version {version}, which no epaper wrote"))
                }
                _ => match serde_json::from_slice::<ReadingState>(&bytes) {
                    Ok(state) => Read::State(state),
                    Err(error) => Read::Bad(not_state(&error)),
                },
            },
        }
    }

    /// Moves a bad state file aside as `state.json.bad-<seconds>`.
    fn set_aside(&self, why: String) -> Trouble {
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let to = self
            .path
            .with_file_name(format!("state.json.bad-{seconds}"));
        let _ = std::fs::rename(&self.path, &to);
        Trouble::SetAside {
            from: self.path.clone(),
            to,
            why,
        }
    }

    /// The state on disk: empty if there is none; a file that cannot be
    /// read as state is moved aside, and one a newer epaper wrote left
    /// alone, and said so.
    pub fn load(&self) -> (ReadingState, Option<Trouble>) {
        match self.read() {
            Read::Missing => (ReadingState::default(), None),
            Read::State(state) => (state, None),
            Read::Newer(version) => (
                ReadingState::default(),
                Some(Trouble::Newer {
                    path: self.path.clone(),
                    version,
                }),
            ),
            Read::Bad(why) => {
                let _lock = self.path.parent().and_then(|_| Lock::take(&self.path).ok());
                (ReadingState::default(), Some(self.set_aside(why)))
            }
        }
    }

    /// Merges `state` with what is on disk, writes the result, and gives it
    /// back in `state`. On an error nothing on disk has changed, and
    /// `state` still holds everything, to be saved again later. A file a
    /// newer epaper wrote is an error: it is not saved over.
    pub fn save(&self, state: &mut ReadingState) -> io::Result<Option<Trouble>> {
        if let Some(parent) = self.path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let _lock = Lock::take(&self.path)?;
        let mut merged = state.clone();
        let set_aside = match self.read() {
            Read::Missing => None,
            Read::State(theirs) => {
                merged.merge(&theirs);
                None
            }
            Read::Newer(version) => {
                let path = self.path.clone();
                return Err(io::Error::other(
                    Trouble::Newer { path, version }.to_string(),
                ));
            }
            Read::Bad(why) => Some(self.set_aside(why)),
        };
        let bytes = serde_json::to_vec_pretty(&merged).map_err(io::Error::other)?;
        write_atomically(&self.path, &bytes)?;
        *state = merged;
        Ok(set_aside)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(page: &str) -> Place {
        Place {
            page: page.to_owned(),
            article: "01-1".to_owned(),
            fragment: None,
            paragraph: Some(2),
            byte: 30,
        }
    }

    #[test]
    fn a_merge_keeps_the_later_of_each_value() {
        let mut clock = Clock::default();
        let mut a = ReadingState::default();
        let mut b = ReadingState::default();
        a.set_place("人民日报 2024-12-01", place("01"), &mut clock);
        b.set_place("人民日报 2024-12-01", place("02"), &mut clock);
        a.set_read("人民日报 2024-12-01", "01-1", true, &mut clock);
        b.set_read("人民日报 2024-12-01", "02-1", true, &mut clock);
        let mark = Bookmark {
            publication: "人民日报".into(),
            date: "2024-12-01".into(),
            page: "01".into(),
            article: "01-1".into(),
            title: "标题".into(),
        };
        a.toggle_bookmark("人民日报 2024-12-01", mark.clone(), &mut clock);
        b.toggle_bookmark("人民日报 2024-12-01", mark.clone(), &mut clock);
        b.toggle_bookmark("人民日报 2024-12-01", mark, &mut clock);
        let mut merged = a.clone();
        merged.merge(&b);
        assert_eq!(merged.place("人民日报 2024-12-01").unwrap().page, "02");
        assert!(merged.is_read("人民日报 2024-12-01", "01-1"));
        assert!(merged.is_read("人民日报 2024-12-01", "02-1"));
        assert!(
            !merged.is_bookmarked("人民日报 2024-12-01", "01-1"),
            "removed last"
        );
        let mut other_way = b.clone();
        other_way.merge(&a);
        assert_eq!(other_way, merged, "merging is the same either way");
    }

    #[test]
    fn the_clock_never_repeats() {
        let mut clock = Clock::default();
        let stamps: Vec<u64> = (0..1000).map(|_| clock.now()).collect();
        assert!(stamps.windows(2).all(|w| w[0] < w[1]));
    }
}
