//! The library's search index, and searching a whole library with it.
//!
//! For each issue file the index keeps a filter of the grams its articles
//! hold: every character and every pair of neighbouring characters, folded
//! as search folds them (a Bloom filter, about ten bits a gram). A query
//! of one character needs that character; a longer one needs each of its
//! pairs. An issue whose filter lacks one cannot match and is not read;
//! the others are read and searched in full, so results are those of a
//! full scan, never more and never fewer: the filter only says "no" where
//! the answer is no. Pairs of characters are the n-grams Chinese is
//! indexed by (Lucene's CJK bigrams); they serve Latin words as well.
//!
//! Each filter is a file of its own in the cache folder, named by a hash
//! of the issue's path and holding the path, the issue file's size and
//! modification time, and a checksum. A filter whose file changed, that
//! fails its check, or that is missing is built again while the issue is
//! searched; one whose issue is gone is removed. Files are replaced by
//! rename, so a process killed mid-write leaves the old filter or none,
//! and two processes writing the same filter write the same bytes.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::UNIX_EPOCH;

use super::Source;
use super::files::replace_cache_file;
use super::search::{self, Found, Query};
use crate::model::{self, Issue};

const MAGIC: &[u8; 4] = b"EPSI";
const VERSION: u32 = 1;

/// Bits of filter for each distinct gram, and bits set by each: about one
/// false "maybe" in 57 for a gram.
const BITS_PER_GRAM: usize = 10;
const HASHES: u64 = 3;

/// The largest filter file read: an issue of 256 MiB, the largest the
/// reader opens, holds fewer grams than this has room for.
const MAX_FILE: u64 = 512 << 20;

/// File name suffix of a filter.
const SUFFIX: &str = "filter";

/// When a filter is built and what it says of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// Bits in all, a multiple of 64.
    bits: u64,
    words: Vec<u64>,
}

/// The value a gram is hashed from: a character alone, or a pair.
fn gram(first: char, second: Option<char>) -> u64 {
    // One past the last code point: no character, for a gram of one.
    let second = second.map_or(0x11_0000, u64::from);
    mix(u64::from(first) << 32 | second)
}

/// A 64-bit finaliser (the one of SplitMix64): every input bit moves
/// every output bit.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// About how many of `hashes` differ, by linear counting: the share of a
/// bitmap of one bit an entry left unset after each sets its own. A sort
/// would count them exactly, at many times the cost of the filter itself.
fn distinct(hashes: &[u64]) -> usize {
    let size = hashes.len().max(64).next_power_of_two();
    let mut seen = vec![0u64; size / 64];
    for &hash in hashes {
        // Bits of the hash that the filter's positions do not start from.
        let bit = usize::try_from(hash.rotate_left(23)).unwrap_or(0) & (size - 1);
        seen[bit / 64] |= 1 << (bit % 64);
    }
    let unset: u32 = seen.iter().map(|w| w.count_zeros()).sum();
    if unset == 0 {
        return hashes.len();
    }
    #[allow(clippy::cast_precision_loss, reason = "an estimate")]
    let (size_f, unset_f) = (size as f64, f64::from(unset));
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a positive estimate no larger than the count"
    )]
    let estimate = (size_f * (size_f / unset_f).ln()).ceil() as usize;
    estimate.min(hashes.len())
}

impl Filter {
    /// The filter of every searched field of `issue`.
    pub fn of_issue(issue: &Issue) -> Filter {
        let mut grams = Vec::new();
        let mut folded = String::new();
        for article in issue.pages.iter().flat_map(|page| &page.articles) {
            for (_, text) in search::fields(article) {
                search::fold_into(text, &mut folded);
                let mut before = None;
                for c in folded.chars() {
                    grams.push(gram(c, None));
                    if let Some(b) = before {
                        grams.push(gram(b, Some(c)));
                    }
                    before = Some(c);
                }
            }
        }
        let distinct = distinct(&grams);
        let bits = (distinct * BITS_PER_GRAM).max(64).next_multiple_of(64) as u64;
        let mut filter = Filter {
            bits,
            words: vec![0; usize::try_from(bits / 64).unwrap_or(0)],
        };
        for hash in grams {
            for bit in filter.positions(hash) {
                filter.words[bit / 64] |= 1 << (bit % 64);
            }
        }
        filter
    }

    /// The bits of a gram: double hashing from the two halves of its
    /// hash, each brought into range by a multiplication (no division).
    fn positions(&self, hash: u64) -> impl Iterator<Item = usize> + use<> {
        let (low, high) = (hash & 0xFFFF_FFFF, (hash >> 32) | 1);
        let bits = self.bits;
        (0..HASHES).map(move |i| {
            let h = low.wrapping_add(i.wrapping_mul(high)) & 0xFFFF_FFFF;
            usize::try_from((u128::from(h) * u128::from(bits)) >> 32).unwrap_or(0)
        })
    }

    fn holds(&self, hash: u64) -> bool {
        self.positions(hash)
            .all(|bit| self.words[bit / 64] & (1 << (bit % 64)) != 0)
    }

    /// Whether an issue with this filter may hold `query`: false only when
    /// it cannot.
    pub fn may_hold(&self, query: &Query) -> bool {
        let chars: Vec<char> = query.folded().chars().collect();
        match chars.as_slice() {
            [] => true,
            [only] => self.holds(gram(*only, None)),
            _ => chars
                .windows(2)
                .all(|pair| self.holds(gram(pair[0], Some(pair[1])))),
        }
    }

    /// Bytes the filter takes on disk.
    pub fn bytes(&self) -> usize {
        self.words.len() * 8
    }
}

/// An issue file's size and modification time (nanoseconds since 1970):
/// what a filter is valid for.
pub type Stamp = (u64, u128);

pub fn stamp(path: &Path) -> Option<Stamp> {
    let metadata = std::fs::metadata(path).ok()?;
    let modified = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some((metadata.len(), modified.as_nanos()))
}

/// Whether a file with this stamp was last changed long enough ago that
/// a change after it would show in the stamp. A file's time is taken from
/// a clock that moves in steps of some milliseconds, so a file written
/// twice within a step, to the same size, keeps its stamp; its filter is
/// kept only once the file has been left alone for longer than that, and
/// is built again while it has not (as git treats "racily clean" files).
fn settled(stamp: Stamp) -> bool {
    let now = std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    now.saturating_sub(stamp.1) > SETTLED_NANOS
}

const SETTLED_NANOS: u128 = 2_000_000_000;

/// A checksum of 64-bit words, fast enough to check a filter as it is
/// read: a cache file that was cut short or changed fails it.
fn checksum(bytes: &[u8]) -> u64 {
    // Four lanes of 64-bit words, each its own chain of multiplications,
    // so that the processor runs them side by side.
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut lanes = [mix(bytes.len() as u64), 1, 2, 3];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
            *lane = (*lane ^ word).wrapping_mul(K).rotate_left(29);
        }
    }
    let mut sum = lanes.iter().fold(0, |sum: u64, &lane| mix(sum ^ lane));
    for &byte in blocks.remainder() {
        sum = (sum ^ u64::from(byte)).wrapping_mul(K);
    }
    mix(sum)
}

/// The folder of filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    dir: PathBuf,
}

/// The key of an issue's path in the index: FNV-1a of its bytes, stable
/// from one build to the next.
fn path_key(path: &Path) -> u64 {
    path.as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xCBF2_9CE4_8422_2325, |hash, &byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01B3)
        })
}

impl Index {
    pub fn new(dir: PathBuf) -> Index {
        Index { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn file_of(&self, path: &Path) -> PathBuf {
        self.dir.join(format!("{:016x}.{SUFFIX}", path_key(path)))
    }

    /// The path an issue is kept under: absolute, so that it names the
    /// same file from any working folder, and can be looked for by
    /// [`Index::tidy`].
    fn key_path(path: &Path) -> PathBuf {
        std::path::absolute(path).unwrap_or_else(|_| path.to_owned())
    }

    /// The filter of the issue at `path` as it is at `stamp`, if the index
    /// has it and it passes its check.
    pub fn filter(&self, path: &Path, stamp: Stamp) -> Option<Filter> {
        let path = &Index::key_path(path);
        let bytes = super::read_limited(&self.file_of(path), MAX_FILE, "index files").ok()?;
        let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
        if checksum(body) != u64::from_le_bytes(sum.try_into().ok()?) {
            return None;
        }
        let mut reader = Fields(body);
        if reader.take(4)? != MAGIC
            || reader.u32()? != VERSION
            || (reader.u64()?, reader.u128()?) != stamp
        {
            return None;
        }
        let path_len = usize::try_from(reader.u32()?).ok()?;
        if reader.take(path_len)? != path.as_os_str().as_encoded_bytes() {
            return None;
        }
        let bits = reader.u64()?;
        let words: Vec<u64> = reader
            .0
            .chunks_exact(8)
            .map(|w| u64::from_le_bytes(w.try_into().unwrap_or_default()))
            .collect();
        (bits > 0 && bits == words.len() as u64 * 64).then_some(Filter { bits, words })
    }

    /// Keeps `filter` for the issue at `path` as it was at `stamp`. A
    /// filter that cannot be written costs time at the next search,
    /// nothing else.
    pub fn keep(&self, path: &Path, stamp: Stamp, filter: &Filter) {
        let path = &Index::key_path(path);
        let path_bytes = path.as_os_str().as_encoded_bytes();
        let mut bytes = Vec::with_capacity(filter.bytes() + path_bytes.len() + 64);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&VERSION.to_le_bytes());
        bytes.extend_from_slice(&stamp.0.to_le_bytes());
        bytes.extend_from_slice(&stamp.1.to_le_bytes());
        bytes.extend_from_slice(&u32::try_from(path_bytes.len()).unwrap_or(0).to_le_bytes());
        bytes.extend_from_slice(path_bytes);
        bytes.extend_from_slice(&filter.bits.to_le_bytes());
        for word in &filter.words {
            bytes.extend_from_slice(&word.to_le_bytes());
        }
        let sum = checksum(&bytes);
        bytes.extend_from_slice(&sum.to_le_bytes());
        let _ = std::fs::create_dir_all(&self.dir);
        let _ = replace_cache_file(&self.file_of(path), &bytes);
    }

    /// Removes the filters of issue files that are gone, and what writers
    /// killed mid-write left behind more than an hour ago; the filters of
    /// `present` (issue files just listed) are not looked into. Returns
    /// the bytes the index then holds.
    pub fn tidy(&self, present: &[PathBuf]) -> u64 {
        let known: std::collections::HashSet<String> = present
            .iter()
            .map(|path| {
                let file = self.file_of(&Index::key_path(path));
                file.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            })
            .collect();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return 0;
        };
        let mut kept = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let Ok(metadata) = entry.metadata() else {
                continue;
            };
            if name.starts_with('.') && name.contains(".tmp-") {
                let old = metadata
                    .modified()
                    .ok()
                    .and_then(|m| m.elapsed().ok())
                    .is_some_and(|age| age.as_secs() > 3600);
                if old {
                    let _ = std::fs::remove_file(&path);
                }
                continue;
            }
            if !name.ends_with(SUFFIX) {
                continue;
            }
            if known.contains(name.as_ref()) {
                kept += metadata.len();
                continue;
            }
            match issue_of(&path) {
                Some(issue) if !issue.exists() => {
                    let _ = std::fs::remove_file(&path);
                }
                _ => kept += metadata.len(),
            }
        }
        kept
    }
}

/// The issue path a filter file names, read from its head.
fn issue_of(filter: &Path) -> Option<PathBuf> {
    use std::io::Read;
    let mut head = Vec::new();
    std::fs::File::open(filter)
        .ok()?
        .take(4 + 4 + 8 + 16 + 4 + 4096)
        .read_to_end(&mut head)
        .ok()?;
    let mut reader = Fields(&head);
    if reader.take(4)? != MAGIC {
        return None;
    }
    reader.take(4 + 8 + 16)?;
    let len = usize::try_from(reader.u32()?).ok()?;
    let bytes = reader.take(len)?;
    // The bytes were the path's own on this system.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Some(PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
    }
    #[cfg(not(unix))]
    {
        std::str::from_utf8(bytes).ok().map(PathBuf::from)
    }
}

/// Little-endian fields read off the front of a byte slice.
struct Fields<'a>(&'a [u8]);

impl<'a> Fields<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn u128(&mut self) -> Option<u128> {
        Some(u128::from_le_bytes(self.take(16)?.try_into().ok()?))
    }
}

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
                        .map(|target| search_one(target, query, index, limit))
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

fn search_one(target: &Target, query: &Query, index: Option<&Index>, limit: usize) -> Searched {
    let mut outcome = Outcome::default();
    let Some(issue) = issue_to_search(target, query, index, &mut outcome) else {
        return if outcome.passed_over > 0 {
            Searched::PassedOver
        } else {
            Searched::Failed
        };
    };
    let (found, more) = search::articles(&issue, target.entry, query, limit);
    Searched::Read {
        found,
        more,
        indexed: outcome.indexed > 0,
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
/// when the index had none for the file as it is.
fn issue_to_search(
    target: &Target,
    query: &Query,
    index: Option<&Index>,
    outcome: &mut Outcome,
) -> Option<Arc<Issue>> {
    if let Some(issue) = &target.issue {
        return Some(Arc::clone(issue));
    }
    let (Source::File(path), Some(index)) = (&target.source, index) else {
        return load(&target.source, outcome).map(Arc::new);
    };
    // The stamp is taken before the file is read: a file that changes
    // while it is read has a newer stamp by the next search, which then
    // builds its filter again.
    let Some(stamp) = stamp(path) else {
        outcome.failed += 1;
        return None;
    };
    match index.filter(path, stamp) {
        Some(filter) if !filter.may_hold(query) => {
            outcome.passed_over += 1;
            None
        }
        Some(_) => load(&target.source, outcome).map(Arc::new),
        None => {
            let issue = load(&target.source, outcome)?;
            if settled(stamp) {
                index.keep(path, stamp, &Filter::of_issue(&issue));
                outcome.indexed += 1;
            }
            Some(Arc::new(issue))
        }
    }
}

fn load(source: &Source, outcome: &mut Outcome) -> Option<Issue> {
    let loaded = source
        .read()
        .ok()
        .and_then(|bytes| model::load(&bytes).ok());
    if loaded.is_none() {
        outcome.failed += 1;
    }
    loaded.map(|loaded| loaded.issue)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue(paragraphs: &[&str]) -> Issue {
        let json = serde_json::json!({
            "format": 1,
            "publication": "测试日报",
            "date": "2024-01-02",
            "pages": [{"label": "01", "name": "要闻", "articles": [
                {"title": "标题", "kicker": "引题", "paragraphs": paragraphs}
            ]}]
        });
        model::load(json.to_string().as_bytes()).unwrap().issue
    }

    #[test]
    fn a_filter_holds_every_gram_of_the_text_and_few_others() {
        let filter = Filter::of_issue(&issue(&["自治区党委深入学习，ＡＢＣ News 2021"]));
        for query in [
            "党委",
            "自治区党委",
            "引题",
            "标题",
            "abc",
            "news",
            "2021",
            "，",
            "学",
        ] {
            assert!(filter.may_hold(&Query::new(query).unwrap()), "{query}");
        }
        // Folded as search folds: full-width forms and case.
        assert!(filter.may_hold(&Query::new("ＮＥＷＳ").unwrap()));
        let absent = ["换届", "委深学", "新闻", "xyz", "题标"];
        let said_maybe = absent
            .iter()
            .filter(|q| filter.may_hold(&Query::new(q).unwrap()))
            .count();
        assert!(said_maybe <= 1, "{said_maybe} of {absent:?}");
    }

    #[test]
    fn distinct_grams_are_counted_closely() {
        for count in [10u64, 1000, 50_000] {
            let hashes: Vec<u64> = (0..3 * count).map(|i: u64| mix(i % count)).collect();
            let estimate = distinct(&hashes);
            let count = usize::try_from(count).unwrap();
            let error = estimate.abs_diff(count) * 100 / count;
            assert!(
                error < 5 || estimate.abs_diff(count) <= 1,
                "{estimate} for {count}"
            );
        }
    }

    #[test]
    fn a_filter_is_read_back_only_for_the_file_as_it_was() {
        let dir = std::env::temp_dir().join(format!("epaper-filter-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let index = Index::new(dir.join("search"));
        let issue_path = dir.join("a.json");
        std::fs::write(&issue_path, "{}").unwrap();
        let filter = Filter::of_issue(&issue(&["换届工作"]));
        index.keep(&issue_path, (10, 20), &filter);
        assert_eq!(index.filter(&issue_path, (10, 20)), Some(filter.clone()));
        assert_eq!(index.filter(&issue_path, (11, 20)), None);
        assert_eq!(index.filter(&issue_path, (10, 21)), None);
        assert_eq!(index.filter(&dir.join("b.json"), (10, 20)), None);
        // A byte changed or the file cut short: not used.
        let file = index.file_of(&Index::key_path(&issue_path));
        let good = std::fs::read(&file).unwrap();
        for at in [0, 5, 40, good.len() / 2, good.len() - 1] {
            let mut bad = good.clone();
            bad[at] ^= 0x10;
            std::fs::write(&file, &bad).unwrap();
            assert_eq!(index.filter(&issue_path, (10, 20)), None, "byte {at}");
        }
        for len in [0, 3, 30, good.len() - 1] {
            std::fs::write(&file, &good[..len]).unwrap();
            assert_eq!(index.filter(&issue_path, (10, 20)), None, "{len} bytes");
        }
        // The issue gone: tidying removes its filter.
        std::fs::write(&file, &good).unwrap();
        assert!(index.tidy(&[]) > 0);
        assert!(index.tidy(std::slice::from_ref(&issue_path)) > 0);
        std::fs::remove_file(&issue_path).unwrap();
        assert_eq!(index.tidy(&[]), 0);
        assert!(!file.exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
