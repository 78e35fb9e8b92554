//! Parsed documents to one issue: the page list gives the pages, each page
//! document gives its headlines, each article document fills the entry
//! that links to it, continuation marks split merged stories into
//! fragments on their own pages and link them, and the result is checked
//! by the same loader that reads issue files.

use std::collections::{HashMap, HashSet};

use super::clean::{self, Direction};
use super::picture::PagePicture;
use super::{ArticleText, Parsed, link_key};
use crate::model::{
    self, Article, ArticleId, Date, Image, Issue, Kind, Page, PageImage, PageLabel, Section,
    SectionId,
};

/// What the user says about the issue, which wins over what the pages say.
#[derive(Debug, Clone, Default)]
pub struct Given {
    pub publication: Option<String>,
    pub date: Option<Date>,
    pub source: Option<String>,
}

/// An assembled issue and what the importer could not place or link.
#[derive(Debug)]
pub struct Imported {
    pub issue: Issue,
    /// The issue file to write: what the loader read `issue` from.
    pub json: Vec<u8>,
    /// Things a person should know: unlinked marks, unplaced articles.
    pub notes: Vec<String>,
}

/// Why no issue could be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssembleError {
    #[error("the pages do not name the publication; give it with --publication")]
    NoPublication,
    #[error("the pages do not give the issue's date; give it with --date YYYY-MM-DD")]
    NoDate,
    #[error(
        "no page list and no page label was found in any of the documents: they are not e-paper pages"
    )]
    NoPages,
    #[error("the assembled issue is not valid: {0}")]
    Invalid(String),
    #[error(
        "the issue would be a file of more than {}, the most epaper reads: import fewer documents",
        model::size::in_words(model::size::MAX_FILE)
    )]
    TooLarge,
}

/// One document, parsed, with the key other pages' links name it by.
#[derive(Debug, Clone)]
pub struct Source {
    pub key: String,
    pub parsed: Parsed,
}

/// An entry of a page's headline list while the issue is put together.
#[derive(Debug, Default)]
struct Slot {
    title: String,
    href: Option<String>,
    article: Option<ArticleText>,
    /// Continuation marks at this fragment's end and start.
    to: Option<String>,
    from: Option<String>,
    /// Filled by the document its link names, not by a fragment placed
    /// from another page's document.
    own: bool,
    /// The page and slot of the fragment that carries this one on.
    continues: Option<(usize, usize)>,
}

#[derive(Debug)]
struct PageSlots {
    label: String,
    name: String,
    slots: Vec<Slot>,
}

/// The label of the one page an issue gets when no document names its
/// page.
const UNNAMED_PAGE: &str = "01";

/// What each document lacks that a document of its kind has, so that
/// nothing is left out silently; and which documents no profile fits.
fn what_is_missing(sources: &[Source]) -> Vec<String> {
    let mut notes = Vec::new();
    let mut unfitted = Vec::new();
    for source in sources {
        let parsed = &source.parsed;
        let key = &source.key;
        let listing =
            !parsed.pages.is_empty() || parsed.headlines.len() > 1 || !parsed.hotspots.is_empty();
        if parsed.explain.kind == "HTML" && parsed.explain.profile.is_none() {
            unfitted.push(key.as_str());
        }
        if parsed.article.is_some() {
            continue;
        }
        if listing {
            if parsed.pages.is_empty() {
                notes.push(format!("{key}: no page list was found in it"));
            }
            if parsed.headlines.is_empty() {
                notes.push(format!(
                    "{key}: no headline was found in it (the site may write them with a script)"
                ));
            }
        } else if crate::import::links::looks_like_article(key) {
            notes.push(format!("{key}: no article was found in it"));
        } else if parsed.refresh.is_none() {
            notes.push(format!(
                "{key}: nothing of an e-paper page was found in it (no page list, no headlines, no article)"
            ));
        }
    }
    if !unfitted.is_empty() {
        let shown: Vec<&str> = unfitted.iter().take(3).copied().collect();
        let more = if unfitted.len() > 3 {
            format!(" and {} more", unfitted.len() - 3)
        } else {
            String::new()
        };
        notes.push(format!(
            "no site profile fits {}{more}: what was found in {} is the generic extractor's guess (see --explain; a profile can be added, docs/SITES.md)",
            shown.join(", "),
            if unfitted.len() == 1 { "it" } else { "them" }
        ));
    }
    notes
}

/// Builds the issue from the parsed documents.
pub fn assemble(sources: &[Source], given: &Given) -> Result<Imported, AssembleError> {
    let mut notes = what_is_missing(sources);
    let mut pages = page_list(sources);
    if pages.is_empty() {
        let anything = sources
            .iter()
            .any(|s| !s.parsed.headlines.is_empty() || s.parsed.article.is_some());
        if !anything {
            return Err(AssembleError::NoPages);
        }
        notes.push(format!(
            "no document names its page: what was found is put on a page labelled {UNNAMED_PAGE}"
        ));
        pages.push(PageSlots {
            label: UNNAMED_PAGE.to_owned(),
            name: String::new(),
            slots: Vec::new(),
        });
    }
    let by_key: HashMap<&str, usize> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.key.as_str(), i))
        .collect();
    // Each page's headlines, from the document that shows that page.
    let mut listed: HashMap<String, &str> = HashMap::new();
    for link in sources.iter().flat_map(|s| &s.parsed.pages) {
        if let Some(href) = &link.href {
            listed.entry(link_key(href)).or_insert(&link.label);
        }
    }
    headlines(sources, &listed, &mut pages);
    hotspots(sources, &listed, &by_key, &mut pages);
    // Where each document is linked from.
    let mut linked: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for (p, page) in pages.iter().enumerate() {
        for (s, slot) in page.slots.iter().enumerate() {
            if let Some(href) = &slot.href {
                linked.entry(href.clone()).or_default().push((p, s));
            }
        }
    }
    // Articles, split at their continuation marks, into their slots.
    for source in sources {
        let Some(article) = &source.parsed.article else {
            continue;
        };
        let home = article_home(source, &pages, &linked);
        let Some((page, slot)) = home else {
            notes.push(format!(
                "{}: the article “{}” is on no page the other documents list; it was left out",
                source.key, article.title
            ));
            continue;
        };
        place(&mut pages, page, slot, article, &source.key, &mut notes);
    }
    missing(&pages, &by_key, &mut notes);
    link(&mut pages, &mut notes);
    let pictures = pictures(sources, &listed, &pages);
    build(&pages, &pictures, sources, given, notes)
}

/// Each page's headlines, from the first document that lists them: the
/// document of the page itself, or one that lists every page's under
/// their labels.
fn headlines(sources: &[Source], listed: &HashMap<String, &str>, pages: &mut [PageSlots]) {
    // Which pages a document has given headlines to: the first document
    // that lists a page's headlines gives them all.
    let mut filled: HashSet<usize> = HashSet::new();
    for source in sources {
        let own = own_page(source, listed, pages);
        let mut given: HashSet<usize> = HashSet::new();
        let mut hrefs: HashMap<usize, HashSet<String>> = HashMap::new();
        for headline in &source.parsed.headlines {
            let page = match &headline.page {
                Some(label) => pages.iter().position(|p| clean::same_page(&p.label, label)),
                None => own,
            };
            let Some(page) = page else { continue };
            if filled.contains(&page) {
                continue;
            }
            given.insert(page);
            let href = headline.href.as_deref().map(link_key);
            if let Some(href) = &href
                && !hrefs.entry(page).or_default().insert(href.clone())
            {
                continue;
            }
            pages[page].slots.push(Slot {
                title: clean::squeeze(&headline.title),
                href,
                ..Slot::default()
            });
        }
        if let Some(page) = own.filter(|p| !filled.contains(p)) {
            given.insert(page);
        }
        filled.extend(given);
    }
}

/// The page picture's hotspots that no headline of any page names, and
/// whose article is among the documents, on the page of the picture.
fn hotspots(
    sources: &[Source],
    listed: &HashMap<String, &str>,
    documents: &HashMap<&str, usize>,
    pages: &mut [PageSlots],
) {
    let mut named: HashSet<String> = pages
        .iter()
        .flat_map(|p| &p.slots)
        .filter_map(|s| s.href.clone())
        .collect();
    for source in sources {
        let Some(page) = own_page(source, listed, pages) else {
            continue;
        };
        for hotspot in &source.parsed.hotspots {
            let href = link_key(hotspot);
            if documents.contains_key(href.as_str()) && named.insert(href.clone()) {
                pages[page].slots.push(Slot {
                    href: Some(href),
                    ..Slot::default()
                });
            }
        }
    }
}

/// Each page's picture: the first its documents show.
fn pictures<'a>(
    sources: &'a [Source],
    listed: &HashMap<String, &str>,
    pages: &[PageSlots],
) -> Vec<Option<&'a PagePicture>> {
    let mut out = vec![None; pages.len()];
    for source in sources {
        if let (Some(picture), Some(page)) =
            (&source.parsed.picture, own_page(source, listed, pages))
        {
            out[page].get_or_insert(picture);
        }
    }
    out
}

/// A page picture's areas by the link key of the article each outlines.
type Outlines = HashMap<String, Vec<Vec<f64>>>;

/// A page's picture in the issue, and its areas by the link key of the
/// article each outlines, in the map's order. The frame is the size the
/// page displays the picture at when known, else the smallest that holds
/// every area; an area reaching further out of it than the format allows
/// is left out, and noted.
fn page_image(
    picture: &PagePicture,
    label: &str,
    notes: &mut Vec<String>,
) -> Option<(PageImage, Outlines)> {
    let (width, height) = picture.size.or_else(|| picture.extent())?;
    let mut areas = Outlines::new();
    let mut outside = 0;
    for area in &picture.areas {
        if super::picture::holds((width, height), &area.points) {
            areas
                .entry(link_key(&area.href))
                .or_default()
                .push(area.points.clone());
        } else {
            outside += 1;
        }
    }
    if outside > 0 {
        notes.push(super::picture::outside_note(
            label,
            outside,
            (width, height),
        ));
    }
    let image = PageImage {
        src: picture.src.clone(),
        width,
        height,
    };
    Some((image, areas))
}

/// The pages, from the longest page list; labels other documents show
/// (as the page they are, or the page an article names) but that list
/// lacks are added after it. A page the list leaves unnamed takes its name
/// from another list, or from the document that shows it.
fn page_list(sources: &[Source]) -> Vec<PageSlots> {
    let mut pages: Vec<PageSlots> = Vec::new();
    let mut seen = HashSet::new();
    let mut new_page = |label: &str| {
        let (letters, number) = clean::page_key(label);
        seen.insert((letters.to_owned(), number.to_owned()))
    };
    let mut lists: Vec<&Parsed> = sources.iter().map(|s| &s.parsed).collect();
    lists.sort_by_key(|p| std::cmp::Reverse(p.pages.len()));
    for parsed in &lists {
        for link in &parsed.pages {
            if new_page(&link.label) {
                pages.push(PageSlots {
                    label: link.label.clone(),
                    name: link.name.clone(),
                    slots: Vec::new(),
                });
            }
        }
    }
    for source in sources {
        let parsed = &source.parsed;
        let shown = parsed
            .current
            .as_deref()
            .or(parsed.article.as_ref().and_then(|a| a.page.as_deref()));
        let grouped = parsed.headlines.iter().filter_map(|h| h.page.as_deref());
        for label in shown.into_iter().chain(grouped) {
            if new_page(label) {
                pages.push(PageSlots {
                    label: label.to_owned(),
                    name: String::new(),
                    slots: Vec::new(),
                });
            }
        }
    }
    for page in pages.iter_mut().filter(|p| p.name.is_empty()) {
        let listed = lists
            .iter()
            .flat_map(|p| &p.pages)
            .find(|l| !l.name.is_empty() && clean::same_page(&l.label, &page.label))
            .map(|l| l.name.clone());
        let shown = || {
            sources.iter().find_map(|s| {
                let label = s.parsed.current.as_deref()?;
                let name = s.parsed.current_name.as_deref()?;
                clean::same_page(label, &page.label).then(|| name.to_owned())
            })
        };
        if let Some(name) = listed.or_else(shown) {
            page.name = name;
        }
    }
    pages
}

/// The page a page document shows: the page-list entry linking to it
/// (`listed`: the file each page list links to, and its label), or the
/// label it prints as current.
fn own_page(source: &Source, listed: &HashMap<String, &str>, pages: &[PageSlots]) -> Option<usize> {
    let parsed = &source.parsed;
    if parsed.headlines.is_empty() && parsed.hotspots.is_empty() {
        return None;
    }
    let linked = listed.get(&source.key).copied();
    match linked.or(parsed.current.as_deref()) {
        Some(label) => pages.iter().position(|p| clean::same_page(&p.label, label)),
        // An issue of one page: a document that names no page shows it.
        None => (pages.len() == 1).then_some(0),
    }
}

/// The page and slot an article document belongs in: the headline that
/// links to it, else the page it names or shows, matched by title.
fn article_home(
    source: &Source,
    pages: &[PageSlots],
    linked: &HashMap<String, Vec<(usize, usize)>>,
) -> Option<(usize, Option<usize>)> {
    let article = source.parsed.article.as_ref()?;
    let label = article.page.as_deref().or(source.parsed.current.as_deref());
    if let Some(places) = linked.get(&source.key) {
        // Linked from more than one page (a teaser on the front page and
        // the article on its own): the page the article names.
        let named = label.and_then(|label| {
            places
                .iter()
                .find(|(p, _)| clean::same_page(&pages[*p].label, label))
        });
        let (page, slot) = *named.unwrap_or(&places[0]);
        return Some((page, Some(slot)));
    }
    let page = match label {
        Some(label) => pages
            .iter()
            .position(|p| clean::same_page(&p.label, label))?,
        None => pages
            .iter()
            .position(|p| {
                p.slots
                    .iter()
                    .any(|s| clean::same_title(&s.title, &article.title))
            })
            .or_else(|| (pages.len() == 1).then_some(0))?,
    };
    let slot = pages[page]
        .slots
        .iter()
        .position(|s| clean::same_title(&s.title, &article.title));
    Some((page, slot))
}

/// A piece of an article between continuation marks.
#[derive(Debug, Default)]
struct Piece {
    paragraphs: Vec<String>,
    /// The 下转 that ends it.
    to: Option<String>,
    /// The 上接 that opens it.
    from: Option<String>,
}

/// The article's paragraphs cut at its continuation marks. A 上接 right
/// after a 下转, with nothing between ("■下转第3版  ■上接第1版"), opens the
/// piece the 下转 began.
fn pieces(paragraphs: &[String]) -> Vec<Piece> {
    let mut pieces = vec![Piece::default()];
    for paragraph in paragraphs {
        let mut rest = 0;
        for mark in clean::marks(paragraph) {
            let before = paragraph[rest..mark.span.start].trim();
            rest = mark.span.end;
            let current = pieces.last_mut().expect("one piece at least");
            if !before.is_empty() {
                current.paragraphs.push(before.to_owned());
            }
            match mark.direction {
                Direction::To => {
                    current.to = Some(mark.page);
                    pieces.push(Piece::default());
                }
                Direction::From if current.paragraphs.is_empty() && current.from.is_none() => {
                    current.from = Some(mark.page);
                }
                Direction::From => pieces.push(Piece {
                    from: Some(mark.page),
                    ..Piece::default()
                }),
            }
        }
        let after = paragraph[rest..].trim();
        if !after.is_empty() {
            let current = pieces.last_mut().expect("one piece at least");
            current.paragraphs.push(after.to_owned());
        }
    }
    pieces
}

/// Puts an article's fragments in their slots: the one on the article's
/// own page in the slot that links to it, the others on the pages their
/// marks name, in the slot with the same title or a new one.
fn place(
    pages: &mut [PageSlots],
    home: usize,
    home_slot: Option<usize>,
    article: &ArticleText,
    key: &str,
    notes: &mut Vec<String>,
) {
    // A byline at the end of the story belongs to its first fragment.
    let (paragraphs, byline) = closing(article.paragraphs.clone(), article.byline.clone());
    let mut pieces = pieces(&paragraphs);
    let count = pieces.len();
    // A piece is on the page the 下转 before it names, or the page the
    // 上接 after it names; else on the article's own page.
    let mut at: Vec<Option<usize>> = vec![None; count];
    for (i, place) in at.iter_mut().enumerate() {
        let named = [
            i.checked_sub(1).and_then(|j| pieces[j].to.as_deref()),
            pieces.get(i + 1).and_then(|next| next.from.as_deref()),
        ];
        for label in named.into_iter().flatten() {
            match pages.iter().position(|p| clean::same_page(&p.label, label)) {
                Some(page) => {
                    place.get_or_insert(page);
                }
                None => notes.push(format!(
                    "{key}: “{}” names page {label}, which the page list lacks",
                    article.title
                )),
            }
        }
    }
    let mut first = true;
    for (i, piece) in pieces.iter_mut().enumerate() {
        if piece.paragraphs.is_empty() && count > 1 {
            // The empty side of a closing 下转 or an opening 上接: that
            // part of the story is in another document.
            continue;
        }
        let page = at[i].unwrap_or(home);
        let slot = if page == home && home_slot.is_some() {
            home_slot
        } else {
            pages[page]
                .slots
                .iter()
                .position(|s| clean::same_title(&s.title, &article.title))
        };
        let slot = slot.unwrap_or_else(|| {
            pages[page].slots.push(Slot {
                title: article.title.clone(),
                ..Slot::default()
            });
            pages[page].slots.len() - 1
        });
        let from = match i.checked_sub(1) {
            Some(before) => Some(pages[at[before].unwrap_or(home)].label.clone()),
            None => piece.from.take(),
        };
        let entry = &mut pages[page].slots[slot];
        let own = entry.href.as_deref() == Some(key);
        if entry.article.is_some() && (entry.own || !own) {
            // The same story reached from another page: kept once, as the
            // document the headline links to gives it.
            continue;
        }
        entry.own = own;
        if entry.title.is_empty() {
            entry.title.clone_from(&article.title);
        }
        let mut text = ArticleText {
            title: entry.title.clone(),
            paragraphs: std::mem::take(&mut piece.paragraphs),
            ..ArticleText::default()
        };
        if first {
            text.kicker.clone_from(&article.kicker);
            text.subtitle.clone_from(&article.subtitle);
            text.byline.clone_from(&byline);
            text.images.clone_from(&article.images);
            first = false;
        }
        entry.article = Some(text);
        entry.to = piece.to.take();
        entry.from = from;
    }
}

/// Headlines that link to an article no document holds: they are kept
/// as titles, and listed.
fn missing(pages: &[PageSlots], documents: &HashMap<&str, usize>, notes: &mut Vec<String>) {
    for page in pages {
        for slot in &page.slots {
            if let (None, Some(href)) = (&slot.article, &slot.href)
                && !slot.title.is_empty()
                && !documents.contains_key(href.as_str())
            {
                notes.push(format!(
                    "page {}: “{}” links to {href}, which is not among the documents; its headline is kept without text",
                    page.label, slot.title
                ));
            }
        }
    }
}

/// Links each fragment that ends in 下转 to the fragment on the named page
/// that carries the story on: same title and a 上接 back, else one of the
/// two. A fragment is continued by one other at most.
fn link(pages: &mut [PageSlots], notes: &mut Vec<String>) {
    // Each fragment's continuation; a fragment is the continuation of one
    // other at most, and no chain runs in a circle.
    let mut next: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
    let mut taken: HashSet<(usize, usize)> = HashSet::new();
    for (p, page) in pages.iter().enumerate() {
        for (s, slot) in page.slots.iter().enumerate() {
            let Some(label) = &slot.to else { continue };
            let Some(target) = pages.iter().position(|q| clean::same_page(&q.label, label)) else {
                continue;
            };
            if target == p {
                continue;
            }
            let back = |t: &Slot| {
                t.from
                    .as_deref()
                    .is_some_and(|f| clean::same_page(&page.label, f))
            };
            let titled = |t: &Slot| clean::same_title(&t.title, &slot.title) && t.article.is_some();
            let candidates = &pages[target].slots;
            let pick = [
                candidates.iter().position(|t| back(t) && titled(t)),
                candidates.iter().position(titled),
                candidates
                    .iter()
                    .position(|t| back(t) && t.article.is_some()),
            ]
            .into_iter()
            .flatten()
            .find(|&t| !taken.contains(&(target, t)));
            let circle = |start: (usize, usize)| {
                let mut at = start;
                while let Some(&after) = next.get(&at) {
                    if after == (p, s) {
                        return true;
                    }
                    at = after;
                }
                start == (p, s)
            };
            match pick {
                Some(t) if circle((target, t)) => notes.push(format!(
                    "page {}: “{}” continues on page {}, which continues it back; the circle is not linked",
                    page.label, slot.title, pages[target].label
                )),
                Some(t) => {
                    taken.insert((target, t));
                    next.insert((p, s), (target, t));
                }
                None => notes.push(format!(
                    "page {}: “{}” continues on page {}, where no article carries it on",
                    page.label, slot.title, pages[target].label
                )),
            }
        }
    }
    for ((p, s), target) in next {
        pages[p].slots[s].continues = Some(target);
    }
}

/// The issue from the filled slots, checked by the loader.
fn build(
    pages: &[PageSlots],
    pictures: &[Option<&PagePicture>],
    sources: &[Source],
    given: &Given,
    mut notes: Vec<String>,
) -> Result<Imported, AssembleError> {
    let publication = given
        .publication
        .clone()
        .or_else(|| {
            // Page documents name the paper more surely than articles do.
            let pages_first = sources.iter().filter(|s| !s.parsed.pages.is_empty());
            let rest = sources.iter().filter(|s| s.parsed.pages.is_empty());
            pages_first
                .chain(rest)
                .find_map(|s| s.parsed.publication.clone())
        })
        .ok_or(AssembleError::NoPublication)?;
    let date = given
        .date
        .or_else(|| sources.iter().find_map(|s| s.parsed.date))
        .ok_or(AssembleError::NoDate)?;
    let id = |p: usize, s: usize| ArticleId(format!("{}-{}", pages[p].label, s + 1));
    let mut sections: Vec<Section> = Vec::new();
    let mut out = Vec::with_capacity(pages.len());
    for (p, page) in pages.iter().enumerate() {
        let section = clean::section_of(&page.label).map(|letter| {
            if !sections.iter().any(|s| s.id.as_str() == letter) {
                sections.push(Section {
                    id: SectionId(letter.to_owned()),
                    name: format!("{letter}叠"),
                });
            }
            SectionId(letter.to_owned())
        });
        let (image, mut areas) = pictures
            .get(p)
            .copied()
            .flatten()
            .and_then(|picture| page_image(picture, &page.label, &mut notes))
            .unzip();
        let mut articles = Vec::new();
        for (s, slot) in page.slots.iter().enumerate() {
            let text = slot.article.clone().unwrap_or_default();
            let title = if slot.title.is_empty() {
                text.title.clone()
            } else {
                slot.title.clone()
            };
            if title.trim().is_empty() {
                continue;
            }
            articles.push(Article {
                id: Some(id(p, s)),
                kind: kind_of(&title, &page.name, &text.paragraphs, &text.images),
                kicker: text.kicker,
                title,
                subtitle: text.subtitle,
                byline: text.byline,
                paragraphs: text.paragraphs,
                images: text.images,
                areas: slot
                    .href
                    .as_ref()
                    .and_then(|href| areas.as_mut()?.remove(href))
                    .unwrap_or_default(),
                continues: slot.continues.map(|(p, s)| id(p, s)),
                links: model::Links::default(),
            });
        }
        out.push(Page {
            label: PageLabel(page.label.clone()),
            name: page.name.clone(),
            section,
            image,
            articles,
        });
    }
    // Sections are declared only when every page has one.
    if out.iter().any(|p| p.section.is_none()) {
        sections.clear();
        for page in &mut out {
            page.section = None;
        }
    }
    let issue = Issue {
        format: 1,
        publication,
        date,
        edition: None,
        source: given.source.clone(),
        sections,
        pages: out,
    };
    // What import writes is read back by the loader: it is valid, it is
    // normalised as any issue file is, and it is no larger than the
    // reader takes (its size, and the memory the loader estimates).
    let json = crate::import::to_json(&issue).ok_or(AssembleError::TooLarge)?;
    // The loader makes its own; two copies of a large issue are enough.
    drop(issue);
    let loaded = model::load(&json).map_err(|e| AssembleError::Invalid(e.to_string()))?;
    Ok(Imported {
        issue: loaded.issue,
        json,
        notes,
    })
}

/// A byline printed at the end of the last paragraph, "(蒙组轩)", moved
/// to the byline when there is none, and a ■ byline paragraph at the start.
fn closing(mut paragraphs: Vec<String>, byline: Option<String>) -> (Vec<String>, Option<String>) {
    let mut byline = byline;
    if byline.is_none()
        && let Some(first) = paragraphs.first()
        && let Some(name) = clean::opening_byline(first)
    {
        byline = Some(name.to_owned());
        paragraphs.remove(0);
    }
    if byline.is_none()
        && let Some(last) = paragraphs.last()
        && let Some((text, name)) = clean::closing_byline(last)
    {
        byline = Some(name.to_owned());
        let text = text.to_owned();
        if text.is_empty() {
            paragraphs.pop();
        } else if let Some(last) = paragraphs.last_mut() {
            *last = text;
        }
    }
    (paragraphs, byline)
}

/// What a headline-list entry is, by the words sites use for entries that
/// are not articles.
fn kind_of(title: &str, page: &str, paragraphs: &[String], images: &[Image]) -> Kind {
    let title = title.trim();
    if ["本版责编", "责任编辑", "本版编辑", "本版主编", "版式设计"]
        .iter()
        .any(|w| title.starts_with(w))
        || title == "编辑"
    {
        Kind::Notice
    } else if title == "广告"
        || title.starts_with("广告：")
        || title.starts_with("广告:")
        // On a page of advertising (not one shared with news, such as
        // 国内新闻•广告), an entry with no text is an ad.
        || (page.trim().starts_with("广告") && paragraphs.is_empty())
    {
        Kind::Ad
    } else if title.starts_with("图片报道") || (paragraphs.is_empty() && !images.is_empty()) {
        Kind::Photo
    } else {
        Kind::Article
    }
}
