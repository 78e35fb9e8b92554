//! Issues from the e-paper websites: saved pages (plain-text captures, the
//! HTML of the Founder platform and of People's Daily in both its layouts)
//! parsed into what every source has in common, then assembled into one
//! [`Issue`] of the project's format.
//!
//! The layers below never learn this module exists; `fetch` sits above it
//! and hands it the pages it downloaded.

pub mod assemble;
pub mod clean;
pub mod encoding;
pub mod html;
pub mod text;

use crate::model::{Date, Image};

pub use assemble::{Imported, assemble};

/// The issue as a file holds it: pretty JSON, ending in a new line.
pub fn to_json(issue: &crate::model::Issue) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(issue).expect("an issue serialises");
    bytes.push(b'\n');
    bytes
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

    /// Parsed as HTML when it looks like HTML, as a plain-text capture
    /// otherwise.
    pub fn parse(&self) -> Parsed {
        let html = looks_like_html(&self.bytes);
        let (text, _, _) = encoding::decode(&self.bytes, self.content_type.as_deref(), html);
        if html {
            html::parse(&text, &self.location)
        } else {
            text::parse(&text)
        }
    }
}

/// Whether the first non-blank byte opens a tag.
fn looks_like_html(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'<')
}

/// The file name a link or a location ends in, without query or fragment:
/// what relates a headline's link to the saved or fetched article.
pub fn link_key(link: &str) -> String {
    let link = link.split(['#', '?']).next().unwrap_or(link);
    let name = link.rsplit(['/', '\\']).next().unwrap_or(link);
    name.to_owned()
}

/// What one document says, whatever its source.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub publication: Option<String>,
    pub date: Option<Date>,
    /// The label of the page this document shows (当前版).
    pub current: Option<String>,
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
    /// Where a `<meta refresh>` sends the reader: an entry page that
    /// points at the current issue.
    pub refresh: Option<String>,
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
