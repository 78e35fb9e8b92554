//! Search: the query line, the results (one row an article, with how many
//! matches it has), opening one at its first match, and `n`/`N` stepping
//! through the matches of the story open.

use crate::app::keymap::{Action, Key};
use crate::app::modes::Overlay;
use crate::app::nav::ListView;
use crate::app::{Pane, State, reading};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::library::fulltext::{self, Event, Index, Outcome, Target};
pub use crate::library::search::Found;
use crate::library::search::{self, Field, Query};
use crate::story::Role;

/// Where a search looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Issue,
    Library,
}

/// The query line and its results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchView {
    pub scope: Scope,
    pub typed: String,
    /// The query line has the keyboard.
    pub editing: bool,
    pub query: Option<Query>,
    pub results: Vec<Found>,
    /// Matches in all the results.
    pub matches: usize,
    /// Results were cut at the limit.
    pub more: bool,
    pub list: ListView,
    /// The library search the results come from, by its number.
    pub ticket: u64,
    /// While a library search runs: issues searched, of how many.
    pub progress: Option<(usize, usize)>,
}

/// A library search for the runner to run on a thread of its own; what it
/// finds comes back through [`State::searched`].
#[derive(Debug)]
pub struct SearchJob {
    ticket: u64,
    targets: Vec<Target>,
    query: Query,
    index: Option<Index>,
    stop: Arc<AtomicBool>,
}

/// What a running search reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Searched {
    Event(Event),
    Done(Outcome),
}

impl SearchJob {
    pub fn ticket(&self) -> u64 {
        self.ticket
    }

    /// Runs the search to its end or until it is stopped, sending what it
    /// finds as it goes.
    pub fn run(self, send: &mut dyn FnMut(Searched)) {
        let outcome = fulltext::search_library(
            &self.targets,
            &self.query,
            self.index.as_ref(),
            MATCHES,
            &self.stop,
            &mut |event| send(Searched::Event(event)),
        );
        send(Searched::Done(outcome));
    }
}

impl SearchView {
    pub fn new(scope: Scope) -> SearchView {
        SearchView {
            scope,
            typed: String::new(),
            editing: true,
            query: None,
            results: Vec::new(),
            matches: 0,
            more: false,
            list: ListView::default(),
            ticket: 0,
            progress: None,
        }
    }

    /// Takes in what a search reported.
    fn take(&mut self, searched: Searched) {
        match searched {
            Searched::Event(Event::Progress { done, total }) => {
                self.progress = Some((done, total));
            }
            Searched::Event(Event::Found(found)) => {
                self.matches += found.iter().map(|f| f.matches).sum::<usize>();
                self.results.extend(found);
            }
            Searched::Done(outcome) => {
                self.progress = None;
                self.more = outcome.more;
            }
        }
    }
}

/// Matches kept from one search.
pub const MATCHES: usize = 2000;

/// Rows a result takes: its place and title, and a snippet.
pub const RESULT_ROWS: usize = 2;

/// Characters a query can have.
const LONGEST: usize = 64;

impl State {
    /// The keys while the query is typed.
    pub(crate) fn search_input_key(&mut self, key: Key, action: Option<Action>) {
        let Some(Overlay::Search(mut view)) = self.overlay.take() else {
            return;
        };
        match action {
            Some(Action::Cancel) => {
                self.stop_search();
                return;
            }
            Some(Action::Open) => self.run_search(&mut view),
            Some(Action::Erase) => {
                view.typed.pop();
            }
            _ => match key.typed() {
                // `//`: a slash first switches to every issue.
                Some('/') if view.typed.is_empty() && view.scope == Scope::Issue => {
                    view.scope = Scope::Library;
                }
                Some(c) if view.typed.chars().count() < LONGEST => view.typed.push(c),
                _ => {}
            },
        }
        self.overlay = Some(Overlay::Search(view));
    }

    /// The keys of the results.
    pub(crate) fn search_results_key(&mut self, action: Option<Action>) {
        let Some(Overlay::Search(mut view)) = self.overlay.take() else {
            return;
        };
        let rows = (self.body_rows() / RESULT_ROWS).max(1);
        let Some(action) = action else {
            self.overlay = Some(Overlay::Search(view));
            return;
        };
        if view.list.navigate(action, view.results.len(), rows) {
            self.overlay = Some(Overlay::Search(view));
            return;
        }
        match action {
            Action::Open => {
                if let (Some(found), Some(query)) = (
                    view.results.get(view.list.selected).cloned(),
                    view.query.clone(),
                ) {
                    self.open_found(&found, &query);
                    return;
                }
            }
            Action::Search => view.editing = true,
            Action::Close => {
                self.stop_search();
                return;
            }
            _ => {}
        }
        self.overlay = Some(Overlay::Search(view));
    }

    /// Runs the search typed: the articles with matches, in reading order,
    /// the newest issue first. The issue open is searched at once; the
    /// library on a thread of the runner's, its results shown as they
    /// come (or at once where issues are read inline, as in tests).
    fn run_search(&mut self, view: &mut SearchView) {
        self.stop_search();
        view.editing = false;
        view.query = Query::new(&view.typed);
        view.results.clear();
        view.list = ListView::default();
        view.more = false;
        view.matches = 0;
        view.progress = None;
        let Some(query) = view.query.clone() else {
            view.editing = true;
            return;
        };
        match view.scope {
            Scope::Issue => {
                // The issue open is in memory: searched as it is.
                if let Some(issue) = self.issue.clone().filter(|_| self.has_issue()) {
                    let (found, more) = search::articles(&issue, self.entry, &query, MATCHES);
                    view.matches = found.iter().map(|f| f.matches).sum();
                    view.results = found;
                    view.more = more;
                }
            }
            Scope::Library => {
                let targets: Vec<Target> = self
                    .library
                    .newest_first()
                    .into_iter()
                    .filter_map(|entry| self.library.target(entry))
                    .collect();
                self.tickets += 1;
                let stop = Arc::new(AtomicBool::new(false));
                let job = SearchJob {
                    ticket: self.tickets,
                    targets,
                    query,
                    index: self.search_index.clone(),
                    stop: Arc::clone(&stop),
                };
                view.ticket = job.ticket;
                view.progress = Some((0, job.targets.len()));
                if self.load_mode == crate::app::Loading::Inline {
                    job.run(&mut |searched| view.take(searched));
                } else {
                    self.search_job = Some(job);
                    self.search_stop = Some(stop);
                }
            }
        }
    }

    /// The library search for the runner to start, once.
    pub fn search_request(&mut self) -> Option<SearchJob> {
        self.search_job.take()
    }

    /// Whether a library search is running.
    pub fn searching(&self) -> bool {
        self.search_stop.is_some()
    }

    /// Takes in what library searches reported, each with its number; a
    /// search since stopped or overtaken is not shown. The screen is
    /// placed again once for all of them.
    pub fn searched(&mut self, reports: impl IntoIterator<Item = (u64, Searched)>) {
        let mut changed = false;
        for (ticket, searched) in reports {
            let Some(Overlay::Search(view)) = &mut self.overlay else {
                continue;
            };
            if view.ticket != ticket || view.progress.is_none() {
                continue;
            }
            if matches!(searched, Searched::Done(_)) {
                self.search_stop = None;
            }
            view.take(searched);
            changed = true;
        }
        if changed {
            self.refresh();
        }
    }

    /// Stops the library search running, if one is: its results stay as
    /// far as they came.
    pub(crate) fn stop_search(&mut self) {
        self.search_job = None;
        if let Some(stop) = self.search_stop.take() {
            stop.store(true, Ordering::Relaxed);
        }
        if let Some(Overlay::Search(view)) = &mut self.overlay {
            view.progress = None;
        }
    }

    /// Stops a search whose results are no longer shown.
    pub(crate) fn stop_unseen_search(&mut self) {
        if self.searching() && !matches!(self.overlay, Some(Overlay::Search(_))) {
            self.stop_search();
        }
    }

    /// Opens a search result, its match at the top and highlighted.
    fn open_found(&mut self, found: &Found, query: &Query) {
        if found.entry != self.entry || !self.has_issue() {
            let then = crate::app::loading::Then::Found {
                found: found.clone(),
                query: query.clone(),
            };
            self.request(found.entry, then);
            return;
        }
        self.forget_load();
        self.found_within(found, query);
    }

    /// Opens a search result of the issue open.
    pub(crate) fn found_within(&mut self, found: &Found, query: &Query) {
        self.open_article(found.hit.at.page, found.hit.at.article);
        self.search = Some(query.clone());
        self.focus = Pane::Article;
        let Some(reader) = &mut self.reader else {
            return;
        };
        let at = found.hit.at;
        let block = reader.blocks.iter().position(|b| {
            b.fragment == at
                && match found.hit.field {
                    Field::Kicker => b.role == Role::Kicker,
                    Field::Title => b.role == Role::Title,
                    Field::Subtitle => b.role == Role::Subtitle,
                    Field::Paragraph(i) => b.role == Role::Paragraph && b.index == i,
                }
        });
        if let Some(block) = block {
            reader.go_to_text(block, found.hit.range.start);
            let height = usize::from(self.geometry.article.height);
            reader.clamp(height);
            let matches = reader.matches(query);
            let index = matches.iter().position(|(b, range)| {
                *b > block || (*b == block && range.start >= found.hit.range.start)
            });
            self.match_at = index.map(|i| (i + 1, matches.len()));
        }
    }

    /// Steps to the next (or previous) match of the search in the story.
    pub(crate) fn step_match(&mut self, forward: bool) {
        let Some(query) = self.search.clone() else {
            self.say("没有在查找；按 / 查找");
            return;
        };
        let Some(reader) = &mut self.reader else {
            return;
        };
        let matches = reader.matches(&query);
        // The top line: a match on it is the one at hand, so `n` goes past
        // it and `N` before it.
        let (block, start, end) = match reader.rows.first() {
            Some(reading::Row::Text { block, line }) => (*block, line.start, line.end),
            _ => (reader.top.block, 0, 0),
        };
        let next = if forward {
            matches
                .iter()
                .position(|(b, range)| (*b, range.start) >= (block, end.max(start + 1)))
        } else {
            matches
                .iter()
                .rposition(|(b, range)| (*b, range.start) < (block, start))
        };
        let wrapped = next.or(if matches.is_empty() {
            None
        } else if forward {
            Some(0)
        } else {
            Some(matches.len() - 1)
        });
        let Some(index) = wrapped else {
            self.match_at = None;
            self.say(format!("本文中没有“{}”", query.text));
            return;
        };
        let (block, range) = &matches[index];
        reader.go_to_prepared(*block, range.start);
        let height = usize::from(self.geometry.article.height);
        reader.clamp(height);
        self.match_at = Some((index + 1, matches.len()));
    }
}
