//! Issues from the e-paper websites: saved pages (plain-text captures, and
//! the HTML of every platform a site profile describes, or that the generic
//! extractor can read) parsed into what every source has in common, then
//! assembled into one [`Issue`](crate::model::Issue) of the project's format.
//!
//! The layers below never learn this module exists; `fetch` sits above it
//! and hands it the pages it downloaded.

pub mod assemble;
pub mod clean;
pub mod dates;
pub mod encoding;
pub mod explain;
pub mod html;
pub mod links;
pub mod names;
pub mod picture;
pub mod profile;
pub mod text;
mod votes;

pub use links::link_key;
pub use profile::Profiles;

use crate::model::{Date, Image};

pub use assemble::{Imported, assemble};

/// The issue as a file holds it: pretty JSON, ending in a new line; none
/// when that would be larger than the reader takes
/// ([`crate::model::size::MAX_FILE`]).
pub fn to_json(issue: &crate::model::Issue) -> Option<Vec<u8>> {
    /// Gives up once the file would be larger than the reader takes, so
    /// that an issue too large is never held whole as JSON.
    struct Limited(Vec<u8>);
    impl std::io::Write for Limited {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            if (self.0.len() + bytes.len()) as u64 > crate::model::size::MAX_FILE {
                return Err(std::io::Error::other("over the limit"));
            }
            self.0.extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut out = Limited(Vec::new());
    serde_json::to_writer_pretty(&mut out, issue).ok()?;
    let mut bytes = out.0;
    if bytes.len() as u64 >= crate::model::size::MAX_FILE {
        return None;
    }
    bytes.push(b'\n');
    Some(bytes)
}

/// A saved or downloaded page, before parsing.
#[derive(Debug, Clone)]
pub struct Document {
    /// The URL it came from, or the path it was read from.
    pub location: String,
    pub bytes: Vec<u8>,
    /// The HTTP `Content-Type`, or the charset the user named.
    pub content_type: Option<String>,
}

impl Document {
    /// The document's file name, which is how the links of other pages
    /// name it: `node_187.htm`, `content_401862.htm`.
    pub fn key(&self) -> String {
        link_key(&self.location)
    }

    /// Parsed as HTML when it looks like HTML, with the profiles given, as
    /// a plain-text capture otherwise.
    pub fn parse(&self, profiles: &Profiles) -> Parsed {
        let html = looks_like_html(&self.bytes);
        let (text, _, _) = encoding::decode(&self.bytes, self.content_type.as_deref(), html);
        if html {
            html::parse(&text, &self.location, profiles)
        } else {
            text::parse(&text)
        }
    }
}

/// A saved e-paper page, as [`saved_page`] tells one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SavedPage {
    Html,
    /// Text with the site's page list, headline list or page label.
    TextCapture,
}

/// What kind of saved page `bytes` look like, for a file given where an
/// issue file was expected; None for JSON and for text with nothing of an
/// e-paper page in it.
pub fn saved_page(bytes: &[u8]) -> Option<SavedPage> {
    if looks_like_html(bytes) {
        return Some(SavedPage::Html);
    }
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if matches!(first, Some(b'{' | b'[')) {
        return None;
    }
    let (text, _, _) = encoding::decode(bytes, None, false);
    let parsed = text::parse(&text);
    let paper =
        parsed.current.is_some() || !parsed.pages.is_empty() || !parsed.headlines.is_empty();
    paper.then_some(SavedPage::TextCapture)
}

/// Whether the first non-blank byte opens a tag, after any byte-order
/// marks (a page saved by a program that added its own has two).
fn looks_like_html(bytes: &[u8]) -> bool {
    let mut bytes = bytes;
    while let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        bytes = rest;
    }
    bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'<')
}

/// What one document says, whatever its source.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub publication: Option<String>,
    pub date: Option<Date>,
    /// The label of the page this document shows (当前版).
    pub current: Option<String>,
    /// That page's name, when the document prints it.
    pub current_name: Option<String>,
    /// The page list (版面导航), in the paper's order.
    pub pages: Vec<PageLink>,
    /// The current page's headline list (标题导航), with the articles the
    /// page image's hotspots link to after it.
    pub headlines: Vec<Headline>,
    /// The article, when the document is an article page.
    pub article: Option<ArticleText>,
    /// Where the page image's hotspots link, for articles the headline
    /// list leaves out.
    pub hotspots: Vec<String>,
    /// The page picture the hotspots are on, with their outlines.
    pub picture: Option<picture::PagePicture>,
    /// Where a `<meta refresh>` sends the reader: an entry page that
    /// points at the current issue.
    pub refresh: Option<String>,
    /// What was found where, for `--explain`.
    pub explain: explain::Explanation,
}

impl Parsed {
    /// About how many bytes of memory what was found holds: its text and
    /// what each entry costs besides. A fetch keeps its documents parsed
    /// until the issue is assembled, and holds their sum to a bound.
    pub fn weight(&self) -> usize {
        const ENTRY: usize = 64;
        let text = |s: &Option<String>| s.as_ref().map_or(0, String::len);
        let article = self.article.as_ref().map_or(0, |a| {
            text(&a.kicker)
                + a.title.len()
                + text(&a.subtitle)
                + text(&a.byline)
                + a.paragraphs.iter().map(|p| p.len() + ENTRY).sum::<usize>()
                + a.images
                    .iter()
                    .map(|i| text(&i.caption) + text(&i.credit) + text(&i.src) + ENTRY)
                    .sum::<usize>()
        });
        let pages: usize = self
            .pages
            .iter()
            .map(|p| p.label.len() + p.name.len() + text(&p.href) + ENTRY)
            .sum();
        let headlines: usize = self
            .headlines
            .iter()
            .map(|h| h.title.len() + text(&h.href) + text(&h.page) + ENTRY)
            .sum();
        let hotspots: usize = self.hotspots.iter().map(|h| h.len() + ENTRY).sum();
        let picture = self
            .picture
            .as_ref()
            .map_or(0, picture::PagePicture::weight);
        article + pages + headlines + hotspots + picture + self.explain.weight()
    }
}

/// An entry of the page list: "第A01版：头版" → label "A01", name "头版".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageLink {
    pub label: String,
    pub name: String,
    pub href: Option<String>,
}

/// An entry of a headline list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline {
    pub title: String,
    pub href: Option<String>,
    /// The page it is listed under, where one document lists the headlines
    /// of every page; None for the document's own page.
    pub page: Option<String>,
}

/// An article as its page prints it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleText {
    pub kicker: Option<String>,
    pub title: String,
    pub subtitle: Option<String>,
    pub byline: Option<String>,
    pub paragraphs: Vec<String>,
    pub images: Vec<Image>,
    /// The page label the article page names, when it names one.
    pub page: Option<String>,
}
