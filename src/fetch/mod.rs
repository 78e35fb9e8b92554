//! `epaper fetch`: an issue from an e-paper website. The first page gives
//! the page list; every page gives its headlines and hotspots; every
//! article is downloaded; `import` assembles what arrived. A page that
//! cannot be had is a gap, listed, and the issue is written without it.

pub mod cache;
pub mod http;
pub mod pictures;
pub mod update;

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use crate::import::assemble::{AssembleError, Given, Source};
use crate::import::dates::url_date;
use crate::import::explain::Explanation;
use crate::import::links::{origin, resolve};
use crate::import::{Document, Parsed, Profiles, assemble, link_key};
use crate::library::files::write_atomically;
use crate::model::{Date, Issue};
use cache::Cache;
use http::{Client, Failure, Page, Redirects, Settings};

/// How a fetch runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// The issue of this day, from a URL of another day or an entry page.
    pub date: Option<Date>,
    /// What the user says over what the pages say.
    pub publication: Option<String>,
    /// Where the issue file is written.
    pub out_dir: PathBuf,
    /// Where downloaded pages wait until the issue is written whole.
    pub cache_root: Option<PathBuf>,
    pub http: Settings,
    /// Requests at once, 1 to 4.
    pub workers: usize,
    /// Each worker's pause after a request to the site.
    pub delay: Duration,
    /// The site profiles pages are read with.
    pub profiles: Profiles,
    /// The day the issue must be of: a site that answers for a missing day
    /// with another day's issue (its latest) does not get it filed.
    pub day: Option<Date>,
    /// Whether the page pictures and photos are downloaded beside the
    /// issue file (`--no-images` says not).
    pub pictures: bool,
}

/// How far a fetch has got, for a progress display.
pub trait Progress: Sync {
    /// A new stage: `what` ("pages", "articles") and how many there are.
    fn stage(&self, what: &str, total: usize);
    /// One more of the stage's items is done.
    fn advance(&self);
}

/// No display.
pub struct Quiet;

impl Progress for Quiet {
    fn stage(&self, _: &str, _: usize) {}
    fn advance(&self) {}
}

/// A page that could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// "page", "article" or "picture".
    pub what: &'static str,
    pub url: String,
    pub failure: Failure,
}

/// A written issue.
#[derive(Debug)]
pub struct Fetched {
    pub path: PathBuf,
    /// Whether the issue was written there: not when the file there holds
    /// more.
    pub written: bool,
    pub issue: Issue,
    pub gaps: Vec<Gap>,
    /// What the assembly noted, less what the gaps already say.
    pub notes: Vec<String>,
    /// Pages read from the cache of an earlier, unfinished fetch.
    pub from_cache: usize,
    /// Pictures saved beside the issue file, and how many of them an
    /// earlier fetch had saved.
    pub pictures: usize,
    pub pictures_kept: usize,
    /// What was found where on the first page and on the first article,
    /// for `--explain`.
    pub explained: Vec<(String, Explanation)>,
    /// How many documents each profile read ("generic" for none).
    pub profiles_used: Vec<(String, usize)>,
}

/// Why no issue was written.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("cannot fetch {url}: {failure}")]
    Start { url: String, failure: Failure },
    #[error(
        "no issue of {date} at {url} ({failure}); sites that number their pages site-wide (Founder's node_N.htm) need the URL of that day's first page"
    )]
    NoIssue {
        url: String,
        date: Date,
        failure: Failure,
    },
    #[error("{url} has no date in it to change to {date}; give the URL of that day's first page")]
    NoDate { url: String, date: Date },
    #[error("{url} is not an e-paper page: it has neither a page list nor headlines")]
    NotEpaper { url: String },
    #[error("{url}: {error}")]
    Assemble { url: String, error: AssembleError },
    #[error("{url} shows the issue of {got}, not of {asked}: the site has no issue of {asked}")]
    OtherDay { url: String, asked: Date, got: Date },
    #[error("cannot write {}: {error}", path.display())]
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}

/// The URL of the first page of the issue of `date`: the date in `url`
/// replaced, or for People's Daily's entry page (`…/layout/index.html`),
/// the day's first page.
pub fn dated(url: &str, date: Option<Date>) -> Result<String, FetchError> {
    let Some(date) = date else {
        return Ok(url.to_owned());
    };
    if let Some(found) = url_date(url) {
        return Ok(found.replace(url, date));
    }
    if let Some(base) = url.strip_suffix("layout/index.html") {
        return Ok(format!(
            "{base}layout/{:04}{:02}/{:02}/node_01.html",
            date.year(),
            date.month(),
            date.day()
        ));
    }
    Err(FetchError::NoDate {
        url: url.to_owned(),
        date,
    })
}

/// Fetches the issue that `url` opens and writes it into the output
/// folder as `<publication>-<date>.json`.
pub fn fetch(url: &str, options: &Options, progress: &dyn Progress) -> Result<Fetched, FetchError> {
    let client = Client::new(options.http.clone());
    let start = dated(url, options.date)?;
    progress.stage("first page", 1);
    let first = first_page(&client, &start, &options.profiles).map_err(|error| {
        match (error, options.date) {
            (
                FetchError::Start {
                    url,
                    failure: failure @ Failure::Status(404),
                },
                Some(date),
            ) => FetchError::NoIssue { url, date, failure },
            (error, _) => error,
        }
    })?;
    progress.advance();
    let (first_url, first_parsed) = first;
    let site = origin(&first_url).to_owned();
    if first_parsed.pages.is_empty() && first_parsed.headlines.is_empty() {
        return Err(FetchError::NotEpaper { url: first_url });
    }
    let cache = options
        .cache_root
        .as_deref()
        .map(|root| Cache::new(root, &first_url));
    let crawler = Crawler {
        client: &client,
        cache: cache.as_ref(),
        workers: options.workers.clamp(1, 4),
        delay: options.delay,
        from_cache: AtomicUsize::new(0),
        site,
        profiles: &options.profiles,
        kept: AtomicUsize::new(first_parsed.weight()),
        large: Mutex::new(()),
    };
    let (sources, mut gaps, mut notes) = crawler.issue(&first_url, first_parsed, progress);
    let given = Given {
        publication: options.publication.clone(),
        date: options.date,
        source: Some(start),
    };
    let explained = explained(&sources);
    let profiles_used = profiles_used(&sources);
    let imported = assemble(&sources, &given).map_err(|error| FetchError::Assemble {
        url: first_url.clone(),
        error,
    })?;
    if let Some(asked) = options.day
        && imported.issue.date != asked
    {
        return Err(FetchError::OtherDay {
            url: first_url,
            asked,
            got: imported.issue.date,
        });
    }
    let path = options.out_dir.join(file_name(&imported.issue));
    let richer = richer_there(&path, &imported.issue);
    let (imported, saved) = if let Some(there) = richer {
        notes.push(left_as_it_was(&path, there, &imported.issue));
        (imported, (0, 0))
    } else {
        let parsed: Vec<&Parsed> = sources.iter().map(|s| &s.parsed).collect();
        let written = Written {
            crawler: &crawler,
            options,
            path: &path,
            parsed: &parsed,
            url: &first_url,
        };
        written.write(imported, &mut gaps, &mut notes, progress)?
    };
    let written = richer.is_none();
    // Once nothing more can be had, the pages kept for a resume go.
    if gaps.iter().all(|gap| gap.failure.is_permanent())
        && let Some(cache) = &cache
    {
        cache.clear();
    }
    notes.extend(imported.notes.into_iter().filter(|note| {
        !gaps.iter().any(|gap| {
            let key = link_key(&gap.url);
            !key.is_empty() && note.contains(&key)
        })
    }));
    Ok(Fetched {
        path,
        written,
        issue: imported.issue,
        gaps,
        notes,
        from_cache: crawler.from_cache.load(Ordering::Relaxed),
        pictures: saved.0,
        pictures_kept: saved.1,
        explained,
        profiles_used,
    })
}

/// What is said of an issue file a fetch does not replace.
fn left_as_it_was(path: &std::path::Path, there: Richness, issue: &Issue) -> String {
    format!(
        "{} is left as it was: it holds {there}, and this fetch found {}; remove it to keep what the site gives now",
        path.display(),
        Richness::of(issue)
    )
}

/// What writing an issue file needs.
struct Written<'a> {
    crawler: &'a Crawler<'a>,
    options: &'a Options,
    path: &'a std::path::Path,
    parsed: &'a [&'a Parsed],
    /// The first page's URL, which errors name.
    url: &'a str,
}

impl Written<'_> {
    /// Writes the issue, with its pictures beside it unless they are not
    /// wanted: the issue written, and how many pictures were saved and
    /// how many of those were there already.
    fn write(
        &self,
        imported: crate::import::Imported,
        gaps: &mut Vec<Gap>,
        notes: &mut Vec<String>,
        progress: &dyn Progress,
    ) -> Result<(crate::import::Imported, (usize, usize)), FetchError> {
        let out_dir = &self.options.out_dir;
        std::fs::create_dir_all(out_dir).map_err(|error| FetchError::Write {
            path: out_dir.clone(),
            error,
        })?;
        let mut saved = (0, 0);
        let imported = if self.options.pictures {
            let (imported, outcome) =
                self.crawler
                    .pictures(imported, self.path, self.parsed, progress);
            saved = (outcome.saved, outcome.kept);
            gaps.extend(outcome.gaps);
            notes.extend(outcome.notes);
            imported.map_err(|error| FetchError::Assemble {
                url: self.url.to_owned(),
                error,
            })?
        } else {
            imported
        };
        write_atomically(self.path, &imported.json).map_err(|error| FetchError::Write {
            path: self.path.to_owned(),
            error,
        })?;
        Ok((imported, saved))
    }
}

/// The explanations of the first page and of the first article.
fn explained(sources: &[Source]) -> Vec<(String, Explanation)> {
    let first = sources.first().into_iter();
    let article = sources.iter().skip(1).find(|s| s.parsed.article.is_some());
    first
        .chain(article)
        .map(|s| (s.key.clone(), s.parsed.explain.clone()))
        .collect()
}

/// How many documents each profile read, most first.
fn profiles_used(sources: &[Source]) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for source in sources {
        let name = source
            .parsed
            .explain
            .profile
            .as_ref()
            .map_or("generic", |(name, _)| name.as_str());
        match counts.iter_mut().find(|(n, _)| n == name) {
            Some((_, count)) => *count += 1,
            None => counts.push((name.to_owned(), 1)),
        }
    }
    counts.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
    counts
}

/// The first page, always from the site (an entry page changes from day
/// to day), through up to three `<meta refresh>` entry pages: where it
/// was found, and what it says.
fn first_page(
    client: &Client,
    url: &str,
    profiles: &Profiles,
) -> Result<(String, Parsed), FetchError> {
    let mut url = url.to_owned();
    for _ in 0..=3 {
        let page = client
            .get(&url, Redirects::Anywhere)
            .map_err(|failure| FetchError::Start {
                url: url.clone(),
                failure,
            })?;
        let found = page.url.clone();
        let parsed = document(page).parse(profiles);
        match &parsed.refresh {
            Some(next) if parsed.pages.is_empty() => url = resolve(&found, next),
            _ => return Ok((found, parsed)),
        }
    }
    Err(FetchError::NotEpaper { url })
}

/// How much an issue holds: its pages, and its articles with text or
/// pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Richness {
    pages: usize,
    articles: usize,
}

impl Richness {
    fn of(issue: &Issue) -> Richness {
        Richness {
            pages: issue.pages.len(),
            articles: issue
                .pages
                .iter()
                .flat_map(|p| &p.articles)
                .filter(|a| !a.paragraphs.is_empty() || !a.images.is_empty())
                .count(),
        }
    }
}

impl std::fmt::Display for Richness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        write!(
            f,
            "{} and {} with text",
            plural(self.pages, "page", "pages"),
            plural(self.articles, "article", "articles")
        )
    }
}

/// What the issue file at `path` holds, when it holds more pages or more
/// articles with text than `issue`: a fetch never replaces a richer issue,
/// with gaps or without (a site may serve less than it did).
fn richer_there(path: &std::path::Path, issue: &Issue) -> Option<Richness> {
    let bytes =
        crate::library::read_limited(path, crate::model::size::MAX_FILE, "issue files").ok()?;
    let there = Richness::of(&crate::model::load(&bytes).ok()?.issue);
    let here = Richness::of(issue);
    (there.pages > here.pages || there.articles > here.articles).then_some(there)
}

/// Most pages and articles one fetch asks for: a daily has a few dozen
/// pages and a few hundred articles; a page that links to more is not
/// followed further.
const MAX_PAGES: usize = 1_000;
const MAX_ARTICLES: usize = 20_000;

fn document(page: Page) -> Document {
    Document {
        location: page.url,
        bytes: page.bytes,
        content_type: page.content_type,
    }
}

/// Where a page's headlines and hotspots link, made absolute.
fn article_links<'a>(at: &'a str, parsed: &'a Parsed) -> impl Iterator<Item = String> + 'a {
    parsed
        .headlines
        .iter()
        .filter_map(|h| h.href.as_deref())
        .chain(parsed.hotspots.iter().map(String::as_str))
        .map(move |href| resolve(at, href))
}

fn unique(urls: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    urls.filter(|u| seen.insert(u.split('#').next().unwrap_or(u).to_owned()))
        .collect()
}

/// `人民日报-2025-01-06.json`, with any character a file name cannot hold
/// replaced.
pub fn file_name(issue: &Issue) -> String {
    let name: String = issue
        .publication
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let name: String = name.trim_start_matches('.').chars().take(40).collect();
    format!("{name}-{}.json", issue.date)
}

/// Downloads lists of pages with a few workers.
struct Crawler<'a> {
    client: &'a Client,
    cache: Option<&'a Cache>,
    workers: usize,
    delay: Duration,
    from_cache: AtomicUsize,
    /// The scheme, host and port of the first page: links elsewhere (an
    /// advertiser's site) are not followed.
    site: String,
    profiles: &'a Profiles,
    /// What the parsed documents hold so far ([`Parsed::weight`]).
    kept: AtomicUsize,
    /// Held while a document larger than [`http::SMALL_PAGE`] is read and
    /// parsed: its parsed tree takes several times its bytes, and four
    /// workers each with a page of [`http::MAX_PAGE`] would take
    /// gigabytes.
    large: Mutex<()>,
}

/// The most a fetch keeps of what its documents say, until the issue is
/// assembled from them: some twenty times a large real issue. Documents
/// past it are not asked for and are listed as gaps. With large documents
/// read and parsed one at a time and the assembly's copies, a fetch stays
/// within 512 MiB whatever the site sends.
pub const MAX_KEPT: usize = 32 << 20;

/// A downloaded document, parsed where it was downloaded: its bytes are
/// not kept.
struct Got {
    url: String,
    parsed: Parsed,
}

impl Crawler<'_> {
    /// Every page the first page lists, then every article they link to:
    /// the parsed documents, the gaps, and what was not followed.
    fn issue(
        &self,
        first_url: &str,
        first: Parsed,
        progress: &dyn Progress,
    ) -> (Vec<Source>, Vec<Gap>, Vec<String>) {
        let mut gaps = Vec::new();
        let mut notes = Vec::new();
        let links = first
            .pages
            .iter()
            .filter_map(|p| p.href.as_deref())
            .map(|href| resolve(first_url, href))
            .filter(|u| link_key(u) != link_key(first_url));
        let pages = self.followed(links, MAX_PAGES, "pages", &mut notes);
        // Where the pages' headlines and hotspots link, gathered as each
        // page arrives.
        let mut linked: Vec<String> = article_links(first_url, &first).collect();
        let mut sources = vec![Source {
            key: link_key(first_url),
            parsed: first,
        }];
        progress.stage("pages", pages.len());
        for (url, result) in self.run(&pages, progress) {
            match result {
                Ok(got) => {
                    linked.extend(article_links(&got.url, &got.parsed));
                    sources.push(Source {
                        key: link_key(&url),
                        parsed: got.parsed,
                    });
                }
                Err(failure) => gaps.push(Gap {
                    what: "page",
                    url,
                    failure,
                }),
            }
        }
        let articles = self.followed(linked.into_iter(), MAX_ARTICLES, "articles", &mut notes);
        progress.stage("articles", articles.len());
        for (url, result) in self.run(&articles, progress) {
            match result {
                Ok(got) => sources.push(Source {
                    key: link_key(&url),
                    parsed: got.parsed,
                }),
                Err(failure) => gaps.push(Gap {
                    what: "article",
                    url,
                    failure,
                }),
            }
        }
        (sources, gaps, notes)
    }

    /// The links worth asking for: on the site, over http(s), once each,
    /// at most `most` of them.
    fn followed(
        &self,
        links: impl Iterator<Item = String>,
        most: usize,
        what: &str,
        notes: &mut Vec<String>,
    ) -> Vec<String> {
        let mut urls = unique(links.filter(|url| origin(url) == self.site));
        if urls.len() > most {
            notes.push(format!(
                "the pages link to {} {what}; only the first {most} are fetched",
                urls.len()
            ));
            urls.truncate(most);
        }
        urls
    }

    /// Each URL with its parsed page or why there is none, in the order
    /// given.
    fn run(&self, urls: &[String], progress: &dyn Progress) -> Vec<(String, Result<Got, Failure>)> {
        self.each(urls, progress, |url| self.got(url))
    }

    /// Each URL with what `work` made of it, by the workers, in the order
    /// given.
    fn each<T: Send>(
        &self,
        urls: &[String],
        progress: &dyn Progress,
        work: impl Fn(&str) -> Result<T, Failure> + Sync,
    ) -> Vec<(String, Result<T, Failure>)> {
        let next = AtomicUsize::new(0);
        let results: Vec<Mutex<Option<Result<T, Failure>>>> =
            urls.iter().map(|_| Mutex::new(None)).collect();
        std::thread::scope(|scope| {
            for _ in 0..self.workers.min(urls.len()) {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(url) = urls.get(i) else { break };
                        let result = work(url);
                        *results[i]
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(result);
                        progress.advance();
                    }
                });
            }
        });
        urls.iter()
            .cloned()
            .zip(results.into_iter().map(|slot| {
                slot.into_inner()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .unwrap_or(Err(Failure::Network("not fetched".to_owned())))
            }))
            .collect()
    }

    /// The document at `url`, parsed, unless the fetch already keeps as
    /// much as it may.
    fn got(&self, url: &str) -> Result<Got, Failure> {
        if self.kept.load(Ordering::Relaxed) >= MAX_KEPT {
            return Err(Failure::Full(MAX_KEPT));
        }
        let (page, large) = self.one(url)?;
        if self.kept.load(Ordering::Relaxed) >= MAX_KEPT {
            // Filled while this one was on its way or waiting its turn.
            return Err(Failure::Full(MAX_KEPT));
        }
        let document = document(page);
        let parsed = document.parse(self.profiles);
        drop(large);
        let weight = parsed.weight();
        if self.kept.fetch_add(weight, Ordering::Relaxed) + weight > MAX_KEPT {
            self.kept.fetch_sub(weight, Ordering::Relaxed);
            // Later documents are not asked for.
            self.kept.fetch_max(MAX_KEPT, Ordering::Relaxed);
            return Err(Failure::Full(MAX_KEPT));
        }
        Ok(Got {
            parsed,
            url: document.location,
        })
    }

    /// Downloads the issue's pictures beside the issue file at `path` and
    /// points the issue at them: the issue, read back as any file is, and
    /// what was saved and what was not.
    fn pictures(
        &self,
        imported: crate::import::Imported,
        path: &std::path::Path,
        parsed: &[&Parsed],
        progress: &dyn Progress,
    ) -> (
        Result<crate::import::Imported, AssembleError>,
        pictures::Outcome,
    ) {
        let mut outcome = pictures::Outcome::default();
        let mut urls = pictures::urls(&imported.issue);
        if urls.is_empty() {
            return (Ok(imported), outcome);
        }
        if urls.len() > pictures::MAX_PICTURES {
            outcome.notes.push(format!(
                "the issue has {} pictures; only the first {} are downloaded",
                urls.len(),
                pictures::MAX_PICTURES
            ));
            urls.truncate(pictures::MAX_PICTURES);
        }
        let (folder, dir) = match pictures::make_folder(path) {
            Ok(made) => made,
            Err(error) => {
                outcome.notes.push(format!(
                    "no picture is downloaded: the folder beside {} cannot be made: {error}",
                    path.display()
                ));
                return (Ok(imported), outcome);
            }
        };
        progress.stage("pictures", urls.len());
        let mut saved = std::collections::HashMap::new();
        let results = self.each(&urls, progress, |url| {
            let result = pictures::one(self.client, url, &dir);
            if !matches!(result, Ok((_, true))) {
                std::thread::sleep(self.delay);
            }
            result
        });
        for (url, result) in results {
            match result {
                Ok((got, kept)) => {
                    outcome.saved += 1;
                    outcome.kept += usize::from(kept);
                    saved.insert(url, got);
                }
                Err(failure) => outcome.gaps.push(Gap {
                    what: "picture",
                    url,
                    failure,
                }),
            }
        }
        if saved.is_empty() {
            return (Ok(imported), outcome);
        }
        let mut issue = imported.issue;
        pictures::rewrite(&mut issue, &folder, &saved, parsed, &mut outcome.notes);
        let json = crate::import::to_json(&issue).ok_or(AssembleError::TooLarge);
        drop(issue);
        let read = json.and_then(|json| {
            let loaded =
                crate::model::load(&json).map_err(|e| AssembleError::Invalid(e.to_string()))?;
            Ok(crate::import::Imported {
                issue: loaded.issue,
                json,
                notes: imported.notes,
            })
        });
        (read, outcome)
    }

    /// The page at `url`, from the cache or the site, with the gate for
    /// large documents when it is one.
    fn one(&self, url: &str) -> Result<(Page, Option<MutexGuard<'_, ()>>), Failure> {
        if let Some(page) = self.cache.and_then(|c| c.get(url)) {
            self.from_cache.fetch_add(1, Ordering::Relaxed);
            let large = (page.bytes.len() as u64 > http::SMALL_PAGE).then(|| {
                self.large
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
            });
            return Ok((page, large));
        }
        let result = self
            .client
            .get_gated(url, Redirects::WithinSite, Some(&self.large));
        if let (Ok((page, _)), Some(cache)) = (&result, self.cache) {
            // A cache that cannot be written costs only the resume.
            let _ = cache.put(url, page);
        }
        std::thread::sleep(self.delay);
        result
    }
}
