//! The library's search index, and searching a whole library with it.
//!
//! For each issue file the index keeps a filter of the grams its articles
//! hold: every character and every pair of neighbouring characters, folded
//! as search folds them (a Bloom filter, about ten bits a gram;
//! [`filter`]). A query of one character needs that character; a longer
//! one needs each of its pairs. An issue whose filter lacks one cannot
//! match and is not read; the others are read and searched in full, so
//! results are those of a full scan, never more and never fewer: the
//! filter only says "no" where the answer is no. Pairs of characters are
//! the n-grams Chinese is indexed by (Lucene's CJK bigrams); they serve
//! Latin words as well.
//!
//! The filters of a folder's issue files are kept together in one pack in
//! the cache folder ([`store`]), by each file's size and modification time.
//! A filter whose file changed, that fails its check, or that is missing
//! is built again while the issue is searched, and the folder's pack is
//! written again at the end of the search.

pub mod filter;
pub mod store;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::Source;
use super::search::{self, Found, Query};
use crate::model::{self, Issue};
pub use filter::Filter;
pub use store::{Index, Stamp, stamp};
use store::{Shelves, settled};

/// An issue to search: the library's entry, and where it is read from,
/// or the issue itself where it is in memory with no file behind it.
#[derive(Debug, Clone)]
pub struct Target {
    pub entry: usize,
    pub source: Source,
    pub issue: Option<Arc<Issue>>,
}

/// What a library search reports as it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Issues done of all.
    Progress { done: usize, total: usize },
    /// The articles of one issue that match, in reading order.
    Found(Vec<Found>),
}

/// How a library search went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Issues read and searched.
    pub read: usize,
    /// Issues the index showed could not match, not read.
    pub passed_over: usize,
    /// Issues whose filter was built or built again.
    pub indexed: usize,
    /// Issues that could not be read.
    pub failed: usize,
    /// Matches found.
    pub matches: usize,
    /// The limit of matches was reached.
    pub more: bool,
    /// `stop` ended it early.
    pub stopped: bool,
}

/// Searches `targets` for `query`, at most `limit` matches in all,
/// reporting each issue's articles in the order of `targets` as they are
/// found; with `index`, reading only the issues that may match and
/// building the filters it lacks. Issues are read and searched on up to
/// four threads, and reported in order. Stops soon after `stop` is set.
pub fn search_library(
    targets: &[Target],
    query: &Query,
    index: Option<&Index>,
    limit: usize,
    stop: &AtomicBool,
    emit: &mut dyn FnMut(Event),
) -> Outcome {
    let total = targets.len();
    let mut outcome = Outcome::default();
    emit(Event::Progress { done: 0, total });
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, 4)
        .min(total.max(1));
    // Set when the matches reach the limit: the threads stop taking issues.
    let enough = AtomicBool::new(false);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let shelves = index.map(Shelves::new);
    let shelves_ref = shelves.as_ref();
    std::thread::scope(|scope| {
        let (send, results) = std::sync::mpsc::channel();
        for _ in 0..threads {
            let send = send.clone();
            let (next, enough) = (&next, &enough);
            scope.spawn(move || {
                // Issues are taken a few at a time and their results sent
                // together: a message an issue would wake the receiver
                // thousands of times in a warm search.
                while !enough.load(Ordering::Relaxed) && !stop.load(Ordering::Relaxed) {
                    let first = next.fetch_add(BATCH, Ordering::Relaxed);
                    let Some(batch) = targets.get(first..(first + BATCH).min(total)) else {
                        break;
                    };
                    // Each issue's matches are counted to the limit; the
                    // order below takes what is left of it.
                    let results: Vec<Searched> = batch
                        .iter()
                        .map(|target| search_one(target, query, shelves_ref, limit))
                        .collect();
                    if send.send((first, results)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        // Results come in any order; they are reported in `targets`' order.
        let mut waiting = std::collections::BTreeMap::new();
        let mut done = 0;
        for (first, batch) in results {
            for (k, searched) in batch.into_iter().enumerate() {
                waiting.insert(first + k, searched);
            }
            while let Some(searched) = waiting.remove(&done) {
                done += 1;
                if take(searched, limit, &mut outcome, emit) {
                    outcome.more = true;
                    enough.store(true, Ordering::Relaxed);
                }
                if outcome.more {
                    break;
                }
                emit(Event::Progress { done, total });
            }
            if outcome.more || stop.load(Ordering::Relaxed) {
                enough.store(true, Ordering::Relaxed);
                break;
            }
        }
        outcome.stopped = !outcome.more && done < total;
    });
    if let Some(shelves) = shelves {
        let present: Vec<PathBuf> = targets
            .iter()
            .filter_map(|t| match &t.source {
                Source::File(path) => Some(path.clone()),
                Source::Sample(_) => None,
            })
            .collect();
        shelves.write(&present);
    }
    outcome
}

/// Issues a thread takes at once.
const BATCH: usize = 16;

/// What searching one issue came to.
enum Searched {
    /// The index showed it cannot match.
    PassedOver,
    Failed,
    /// Its articles with matches, counting at most the limit of matches,
    /// and whether it had more than that; whether its filter was built.
    Read {
        found: Vec<Found>,
        more: bool,
        indexed: bool,
    },
}

fn search_one(
    target: &Target,
    query: &Query,
    shelves: Option<&Shelves<'_>>,
    limit: usize,
) -> Searched {
    let (issue, indexed) = match issue_to_search(target, query, shelves) {
        Ok(read) => read,
        Err(not_read) => return not_read,
    };
    let (found, more) = search::articles(&issue, target.entry, query, limit);
    Searched::Read {
        found,
        more,
        indexed,
    }
}

/// Takes one issue's result into `outcome`, reporting its articles up to
/// the matches the limit leaves; returns whether the limit was passed.
fn take(
    searched: Searched,
    limit: usize,
    outcome: &mut Outcome,
    emit: &mut dyn FnMut(Event),
) -> bool {
    let (mut found, mut more, indexed) = match searched {
        Searched::PassedOver => {
            outcome.passed_over += 1;
            return false;
        }
        Searched::Failed => {
            outcome.failed += 1;
            return false;
        }
        Searched::Read {
            found,
            more,
            indexed,
        } => (found, more, indexed),
    };
    outcome.read += 1;
    outcome.indexed += usize::from(indexed);
    // The articles' matches, in reading order, cut where the limit is.
    let mut left = limit - outcome.matches;
    let mut kept = 0;
    for article in &mut found {
        if left == 0 {
            more = true;
            break;
        }
        if article.matches > left {
            article.matches = left;
            more = true;
        }
        left -= article.matches;
        kept += 1;
    }
    found.truncate(kept);
    outcome.matches = limit - left;
    if !found.is_empty() {
        emit(Event::Found(found));
    }
    more
}

/// The issue of `target` when it may hold `query`: read, its filter kept
/// when the index had none for the file as it is (and whether it was);
/// or, when it is not read, why.
fn issue_to_search(
    target: &Target,
    query: &Query,
    shelves: Option<&Shelves<'_>>,
) -> Result<(Arc<Issue>, bool), Searched> {
    if let Some(issue) = &target.issue {
        return Ok((Arc::clone(issue), false));
    }
    let load = || load(&target.source).map(Arc::new).ok_or(Searched::Failed);
    let (Source::File(path), Some(shelves)) = (&target.source, shelves) else {
        return Ok((load()?, false));
    };
    // The stamp is taken before the file is read: a file that changes
    // while it is read has a newer stamp by the next search, which then
    // builds its filter again.
    let stamp = stamp(path).ok_or(Searched::Failed)?;
    match shelves.filter(path, stamp) {
        Some(filter) if !filter.may_hold(query) => Err(Searched::PassedOver),
        Some(_) => Ok((load()?, false)),
        None => {
            let issue = load()?;
            let keep = settled(stamp);
            if keep {
                shelves.keep(path, stamp, Filter::of_issue(&issue));
            }
            Ok((issue, keep))
        }
    }
}

fn load(source: &Source) -> Option<Issue> {
    source
        .read()
        .ok()
        .and_then(|bytes| model::load(&bytes).ok())
        .map(|loaded| loaded.issue)
}
