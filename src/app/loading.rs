//! Opening issues: from memory, read at once, or read away from the
//! screen by whoever runs the reader, with a ticket so that a result
//! nobody waits for any more is dropped; and the library replaced when
//! work in the background has brought new issues.

use std::sync::Arc;

use super::modes::search::Found;
use super::modes::{LibraryView, Overlay};
use super::{PagesView, State, lists};
use crate::library::search::Query;
use crate::library::{Library, Loader};
use crate::model::Issue;

/// How an issue not in memory is read when the reader opens it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Loading {
    /// At once, in `update`: for tests and tools that drive the state.
    #[default]
    Inline,
    /// By whoever runs the reader, away from the screen's thread (see
    /// [`State::load_request`] and [`State::loaded`]), so that a slow disk
    /// never holds up a key.
    Background,
}

/// What opening an issue was for, done once it is loaded.
#[derive(Debug, Clone)]
pub(super) enum Then {
    /// Where its reading was left.
    Open,
    /// An article of it (a bookmark).
    Jump { page: String, key: String },
    /// A search result in it.
    Found { found: Found, query: Query },
}

/// An issue being read away from the screen.
#[derive(Debug)]
pub(super) struct Pending {
    ticket: u64,
    pub(super) entry: usize,
    then: Then,
    /// Its file's name, for the bottom bar.
    name: String,
    /// Entries to try in turn if it cannot be read (at start: where
    /// reading was left, then the newest).
    fallbacks: Vec<usize>,
    /// The job, until the runner takes it.
    job: Option<Loader>,
}

/// What work done away from the screen (an update of the papers
/// followed) reports to it.
#[derive(Debug)]
pub enum Background {
    /// How far it has got, for the bottom bar.
    Progress(String),
    /// It has ended: what it did, and the library as it is now when the
    /// library read is the one it wrote to.
    Done {
        summary: String,
        library: Option<Library>,
    },
}

impl State {
    /// Opens the first of `wanted` that opens, where its reading was left;
    /// read in the background, the others are kept to try in turn if it
    /// cannot be read. With none, 往期阅读.
    pub(super) fn open_first(&mut self, wanted: &[usize]) {
        for (at, &entry) in wanted.iter().enumerate() {
            if self.request(entry, Then::Open) {
                if let Some(pending) = &mut self.pending {
                    pending.fallbacks = wanted[at + 1..].to_vec();
                }
                self.say_failures();
                return;
            }
        }
        if !self.has_issue() {
            self.overlay = Some(Overlay::Library(LibraryView::default()));
        }
        self.say_failures();
    }

    /// The entries to open at start, in turn until one opens: `start`,
    /// where reading was left last, the newest.
    pub(super) fn wanted(&self, start: Option<usize>) -> Vec<usize> {
        let mut wanted = Vec::new();
        for entry in [start, self.last_read(), self.library.newest()]
            .into_iter()
            .flatten()
        {
            if !wanted.contains(&entry) {
                wanted.push(entry);
            }
        }
        wanted
    }

    /// The entry read last, by the reading state.
    fn last_read(&self) -> Option<usize> {
        let reading = self.memory.state();
        self.library
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| {
                let at = reading.issues.get(&entry.key()?)?.place.as_ref()?.at;
                Some((at, i))
            })
            .max()
            .map(|(_, i)| i)
    }

    /// The entry being opened, if one is.
    pub(super) fn pending_entry(&self) -> Option<usize> {
        self.pending.as_ref().map(|p| p.entry)
    }

    /// Opens a library entry and does `then` in it: now when it is in
    /// memory or issues are read inline, else once it has been read. False
    /// (and a message) when it cannot be read now.
    pub(super) fn request(&mut self, entry: usize, then: Then) -> bool {
        if let Some(issue) = self.library.cached(entry) {
            self.pending = None;
            self.show(entry, issue, then);
            return true;
        }
        match self.load_mode {
            Loading::Inline => match self.library.open(entry) {
                Ok(issue) => {
                    self.show(entry, issue, then);
                    true
                }
                Err(error) => {
                    self.message = Some(error);
                    false
                }
            },
            Loading::Background => {
                if let Some(pending) = self.pending.as_mut().filter(|p| p.entry == entry) {
                    pending.then = then;
                    return true;
                }
                let Some(job) = self.library.loader(entry) else {
                    return false;
                };
                self.tickets += 1;
                self.pending = Some(Pending {
                    ticket: self.tickets,
                    entry,
                    then,
                    name: job.name(),
                    fallbacks: Vec::new(),
                    job: Some(job),
                });
                true
            }
        }
    }

    /// The issue to read now, for the runner of the reader to read away
    /// from the screen and hand back to [`State::loaded`] with its ticket.
    ///
    /// One read at a time: while one is out, a later request waits here
    /// (the latest only), so that `]` held does not start a read of every
    /// issue it passes.
    pub fn load_request(&mut self) -> Option<(u64, Loader)> {
        if self.in_flight.is_some() {
            return None;
        }
        let pending = self.pending.as_mut()?;
        let job = pending.job.take()?;
        self.in_flight = Some(pending.ticket);
        Some((pending.ticket, job))
    }

    /// The name of the issue being read, while one is.
    pub fn loading(&self) -> Option<&str> {
        self.pending.as_ref().map(|p| p.name.as_str())
    }

    /// Takes in what a load asked for by [`State::load_request`] read: the
    /// issue is opened and what it was opened for done, unless the load was
    /// cancelled or another was asked for since.
    pub fn loaded(&mut self, ticket: u64, result: Result<(Issue, u64), String>) {
        if self.in_flight == Some(ticket) {
            self.in_flight = None;
        }
        let Some(pending) = self.pending.take_if(|p| p.ticket == ticket) else {
            return;
        };
        match self.library.keep(pending.entry, result) {
            Ok(issue) => {
                // The list it was opened from goes once it is open.
                self.overlay = None;
                self.help = None;
                self.show(pending.entry, issue, pending.then);
            }
            Err(error) => {
                self.message = Some(error);
                self.open_first(&pending.fallbacks);
            }
        }
        self.refresh();
    }

    /// Esc while an issue is being read gives it up; the one open stays.
    /// A read that hangs (a disk gone away) no longer holds up the next.
    pub(super) fn cancel_load(&mut self) {
        self.pending = None;
        self.in_flight = None;
        self.message = Some("已取消打开".to_owned());
        if !self.has_issue() && self.overlay.is_none() {
            self.overlay = Some(Overlay::Library(LibraryView::default()));
        }
    }

    /// Gives up the load waited for: what the user asked for since is
    /// what shows.
    pub(super) fn forget_load(&mut self) {
        self.pending = None;
    }

    /// Shows the issue of `entry`, and does what it was opened for.
    fn show(&mut self, entry: usize, issue: Arc<Issue>, then: Then) {
        // What is shown now is what the user asked for last.
        self.pending = None;
        self.entry = entry;
        self.pages_view = PagesView {
            entries: lists::pages_entries(&issue),
            top: 0,
            cursor: 0,
        };
        self.issue = Some(issue);
        self.search = None;
        self.match_at = None;
        match then {
            Then::Open => {
                if !self.restore_place() {
                    self.open_page(0);
                }
            }
            Then::Jump { page, key } => {
                if !self.jump_within(&page, &key) {
                    if !self.restore_place() && self.opened.is_none() {
                        self.open_page(0);
                    }
                    self.message = Some("这篇文章已不在这一期".to_owned());
                }
            }
            Then::Found { found, query } => self.found_within(&found, &query),
        }
    }

    /// What work in the background reports: its progress in the bottom
    /// bar; at its end, what it did, and the library with what it brought.
    pub fn background(&mut self, event: Background) {
        match event {
            Background::Progress(text) => self.background = Some(text),
            Background::Done { summary, library } => {
                self.background = None;
                self.message = Some(summary);
                if let Some(library) = library {
                    self.replace_library(library);
                }
            }
        }
        self.refresh();
    }

    /// The library read again: the issue open stays open, at its new
    /// place in the list; 往期阅读 is placed again if it shows, and search
    /// results, which name issues by their place, are closed. When the
    /// issue open is not in the new library (the samples were read, the
    /// library was empty), its newest issue is opened.
    fn replace_library(&mut self, library: Library) {
        let key = self.has_issue().then(|| self.issue_key());
        // Entries have new numbers: a load asked for by the old ones is
        // given up.
        self.pending = None;
        let old = std::mem::replace(&mut self.library, library);
        // The headlines laid out are keyed by entry, and entries have new
        // numbers now.
        self.headlines_view.key = None;
        if let Some(entry) = key.and_then(|key| self.library.find(&key)) {
            self.entry = entry;
        } else {
            // The issue read is gone from the new library: its newest,
            // read now (the update that brought it has just written it),
            // so that the entry shown is one of the new library's, or the
            // old library stays.
            let mode = std::mem::replace(&mut self.load_mode, Loading::Inline);
            let opened = self
                .library
                .newest()
                .is_some_and(|newest| self.request(newest, Then::Open));
            self.load_mode = mode;
            if !opened {
                self.library = old;
                return;
            }
        }
        match self.overlay {
            Some(Overlay::Library(_)) => self.open_library(),
            Some(Overlay::Search(_)) => {
                self.overlay = None;
                self.stop_search();
            }
            _ => {}
        }
    }
}
