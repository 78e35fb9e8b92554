//! Saved or fetched HTML of the e-paper sites: the paper's name and the
//! date, the page list, the current page, its headlines and hotspots, and
//! the article with its 引题, 主标题, 副题, byline, paragraphs and pictures.
//!
//! The profile that fits the document (`profile.rs`) says where each thing
//! is; what it does not say, or a document no profile fits, goes to the
//! generic extractor, which reads the same things from what every site has
//! in common: labels such as 第A01版, dates as the sites print them,
//! repeated lists of links, the densest block of text. Every value is
//! recorded with where it came from, for `--explain`.

mod article;
pub mod dom;
mod lists;
pub mod nesting;

use std::cell::OnceCell;
use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};

use super::dates::{self, printed_date, value_date};
use super::explain::Explanation;
use super::names::{self, named_field, paper_name};
use super::profile::{Present, Profile, Profiles, Source};
use super::votes::Votes;
use super::{Parsed, clean};
use crate::model::Date;
use dom::{Hidden, tidy};

/// The document being read, with what every extractor needs of it.
pub(super) struct Doc<'a> {
    pub html: &'a Html,
    /// The URL or path its links are read against.
    pub base: &'a str,
    /// Its file name, which the page list's links name it by.
    pub key: String,
    pub hidden: Hidden,
    pub profile: Option<&'a Profile>,
    /// The page title, squeezed.
    pub title: String,
    /// The tag names, ids and classes it has, so that selectors that ask
    /// for others are not run.
    pub present: Present,
    /// Its short texts and labelled elements, found once when first asked
    /// for.
    shorts: OnceCell<Vec<lists::Short<'a>>>,
    labelled: OnceCell<Vec<lists::Labelled<'a>>>,
}

/// One value a source gave: its text, and the element it came from when
/// it came from one.
pub(super) struct Value<'a> {
    pub text: String,
    pub element: Option<ElementRef<'a>>,
}

impl<'a> Doc<'a> {
    /// What `source` gives in this document, in document order.
    pub fn values(&self, source: &Source) -> Vec<Value<'a>> {
        let one = |text: Option<&String>| {
            text.map(|t| Value {
                text: t.clone(),
                element: None,
            })
            .into_iter()
            .collect()
        };
        match source {
            Source::Css { needs, .. } if !needs.met(&self.present) => Vec::new(),
            Source::Css { selector, attr, .. } => self
                .html
                .select(selector)
                .filter_map(|element| {
                    let text = match attr {
                        Some(attr) => tidy(element.value().attr(attr)?),
                        None => dom::value_text(element),
                    };
                    Some(Value {
                        text,
                        element: Some(element),
                    })
                })
                .collect(),
            Source::Title => one(Some(&self.title)),
            Source::Url => one(Some(&self.base.to_owned())),
            Source::Enp(name) => one(self.hidden.enp.get(name)),
            Source::Script(name) => one(self.hidden.scripts.get(name)),
            Source::Meta(name) => one(self.hidden.meta.get(name)),
        }
    }

    /// The elements a CSS source selects, in document order; none for the
    /// other sources.
    pub fn elements(&self, source: &Source) -> Vec<ElementRef<'a>> {
        match source {
            Source::Css { needs, .. } if !needs.met(&self.present) => Vec::new(),
            Source::Css { selector, .. } => self.html.select(selector).collect(),
            _ => Vec::new(),
        }
    }

    /// "founder: a#pageLink", naming the profile a source belongs to.
    pub fn source_name(&self, source: &Source) -> String {
        let name = self.profile.map_or("generic", |p| p.name.as_str());
        format!("{name}: {}", source.written())
    }
}

/// Sources the generic extractor reads as a profile would, written in the
/// profiles' own notation.
pub(super) fn sources(list: &[&str]) -> Vec<Source> {
    list.iter().map(|s| Source::parse_builtin(s)).collect()
}

/// Everything the document says. `profiles` are tried in turn; none need
/// fit.
pub fn parse(text: &str, location: &str, profiles: &Profiles) -> Parsed {
    // A page saved with two byte-order marks keeps one as its first
    // character; it is not text.
    let text = text.trim_start_matches('\u{feff}');
    let html = Html::parse_document(&nesting::bounded(text));
    let base = saved_from(text).unwrap_or_else(|| location.to_owned());
    let present = Present::of(&html);
    let fits = profiles.fits(&base, text, &html, &present);
    let mut explain = Explanation {
        kind: "HTML",
        profile: fits
            .first()
            .map(|fit| (fit.profile.name.clone(), fit.signals.clone())),
        also: fits
            .iter()
            .skip(1)
            .map(|fit| (fit.profile.name.clone(), fit.signals.len()))
            .collect(),
        findings: Vec::new(),
    };
    let title = html
        .select(&TITLE)
        .next()
        .map(|t| clean::squeeze(&dom::text_of(t, " ")))
        .unwrap_or_default();
    let doc = Doc {
        html: &html,
        base: &base,
        key: super::link_key(location),
        hidden: Hidden::read(&html),
        profile: fits.first().map(|fit| fit.profile),
        title,
        present,
        shorts: OnceCell::new(),
        labelled: OnceCell::new(),
    };
    let date = date(&doc, &mut explain);
    let publication = publication(&doc, &mut explain);
    let mut pages = lists::page_list(&doc, &mut explain);
    let (hotspots, picture) = lists::hotspots(&doc, &mut explain);
    let headlines = lists::headlines(&doc, date, &pages, &hotspots, &mut explain);
    let is_page = !pages.is_empty() || headlines.len() > 1;
    let article = article::article(&doc, is_page, &mut explain);
    // An article page names its own page more surely than its labels do:
    // a title may begin 第1版….
    let named = article.as_ref().and_then(|a| a.page.clone());
    let current = match named {
        Some(label) => Some((label, String::new())),
        None => lists::current(&doc, &pages, &mut explain),
    };
    lists::derive_links(
        &mut pages,
        current.as_ref().map(|(label, _)| label.as_str()),
        &doc,
        &mut explain,
    );
    Parsed {
        publication,
        date,
        current: current.as_ref().map(|(label, _)| label.clone()),
        current_name: current.map(|(_, name)| name).filter(|n| !n.is_empty()),
        pages,
        headlines,
        article,
        hotspots: hotspots.into_iter().map(|h| h.href).collect(),
        picture,
        refresh: refresh(&html),
        explain,
    }
}

static TITLE: LazyLock<Selector> = LazyLock::new(|| Selector::parse("title").expect("a selector"));

/// The URL a browser's "save page" wrote into the file, which the page's
/// relative links and its date are read against.
fn saved_from(text: &str) -> Option<String> {
    let head = dates::prefix(text, 4096);
    let at = head.find("saved from url=")?;
    let rest = &head[at + "saved from url=".len()..];
    let rest = rest
        .strip_prefix('(')
        .and_then(|r| r.split_once(')'))
        .map_or(rest, |(_, r)| r);
    let end = rest
        .find(char::is_whitespace)
        .into_iter()
        .chain(rest.find("-->"))
        .min()
        .unwrap_or(rest.len());
    let url = rest[..end].trim();
    (!url.is_empty()).then(|| url.to_owned())
}

/// Where the generic extractor looks for the date and how much each
/// place counts: the page's metadata and the URL are surer than a date in
/// the page's text, which may be an article's.
static DATE_SOURCES: LazyLock<Vec<(Source, u32)>> = LazyLock::new(|| {
    [
        ("enp:founder-date", 3),
        ("enp:date", 3),
        ("meta:publishdate", 3),
        ("script:PageDate", 3),
        ("script:YMD", 3),
        ("script:date", 2),
        ("input[name=activeDate] @value", 2),
        ("<title>", 2),
    ]
    .into_iter()
    .map(|(s, w)| (Source::parse_builtin(s), w))
    .collect()
});

/// The issue's date: the profile's sources, then the URL, the metadata
/// and every short text that prints a date, by vote.
fn date(doc: &Doc<'_>, explain: &mut Explanation) -> Option<Date> {
    let mut votes: Votes<Date> = Votes::default();
    for source in doc.profile.iter().flat_map(|p| &p.date) {
        for value in doc.values(source) {
            let found = match source {
                Source::Url => dates::date_in_url(&value.text),
                _ => value_date(&value.text),
            };
            if let Some(date) = found {
                votes.add(date, 4, doc.source_name(source));
            }
        }
    }
    if let Some(date) = dates::date_in_url(doc.base) {
        votes.add(date, 3, "generic: the URL");
    }
    for (source, weight) in DATE_SOURCES.iter() {
        for value in doc.values(source) {
            let found = match source {
                Source::Title | Source::Css { .. } => printed_date(&value.text).map(|(_, d)| d),
                _ => value_date(&value.text),
            };
            if let Some(date) = found {
                votes.add(date, *weight, format!("generic: {}", source.written()));
            }
        }
    }
    for (text, _) in lists::short_texts(doc, 48) {
        if let Some((_, date)) = printed_date(&text) {
            votes.add(date, 2, format!("generic: the text “{text}”"));
        }
    }
    let (date, from) = votes.winner()?;
    let agreeing = votes.agreeing(&date);
    let also = if agreeing > 1 {
        format!(" (and {} more places agree)", agreeing - 1)
    } else {
        String::new()
    };
    explain.found("date", date.to_string(), format!("{from}{also}"));
    Some(date)
}

/// Where the generic extractor looks for the paper's name, and how much
/// each place counts.
static NAME_SOURCES: LazyLock<Vec<(Source, u32, bool)>> = LazyLock::new(|| {
    // (source, weight, holds only the name)
    [
        ("enp:founder-papername", 4, true),
        ("enp:papername", 4, true),
        ("script:paperName", 4, true),
        ("script:papername", 4, true),
        ("img[alt*=报名] @alt", 3, true),
        ("meta:author", 2, false),
        ("meta:source", 2, false),
        ("h1", 1, false),
    ]
    .into_iter()
    .map(|(s, w, only)| (Source::parse_builtin(s), w, only))
    .collect()
});

/// The paper's name, by vote of every place that names it.
fn publication(doc: &Doc<'_>, explain: &mut Explanation) -> Option<String> {
    let mut votes: Votes<String> = Votes::default();
    for source in doc.profile.iter().flat_map(|p| &p.publication) {
        for value in doc.values(source) {
            let name = match source {
                Source::Title => names::from_title(&value.text)
                    .into_iter()
                    .next()
                    .map(|n| n.0),
                _ => named_field(&value.text),
            };
            if let Some(name) = name {
                votes.add(name, 5, doc.source_name(source));
            }
        }
    }
    for (name, weight) in names::from_title(&doc.title) {
        votes.add(name, weight, format!("generic: <title> “{}”", doc.title));
    }
    for (source, weight, only) in NAME_SOURCES.iter() {
        for value in doc.values(source) {
            let name = if *only {
                named_field(&value.text)
            } else {
                paper_name(&value.text)
            };
            if let Some(name) = name {
                votes.add(name, *weight, format!("generic: {}", source.written()));
            }
        }
    }
    for (text, _) in lists::short_texts(doc, 120) {
        if let Some(name) = names::from_copyright(&text) {
            votes.add(name, 2, format!("generic: the copyright line “{text}”"));
        } else if let Some((at, _)) = printed_date(&text)
            && let Some(name) = names::from_dateline(&text[..at])
        {
            votes.add(name, 2, format!("generic: the dateline “{text}”"));
        }
    }
    if let Some(name) = known_paper(doc.base) {
        votes.add(name.to_owned(), 1, "generic: the paper's code in the URL");
    }
    let (name, from) = votes.winner()?;
    explain.found("publication", name.clone(), from);
    Some(name)
}

/// Papers known by the code in their URLs.
fn known_paper(url: &str) -> Option<&'static str> {
    const CODES: &[(&str, &str)] = &[
        ("/rmrb/", "人民日报"),
        ("/gmrb/", "光明日报"),
        ("/nmgrb/", "内蒙古日报"),
        ("/zhdsb/", "中华读书报"),
        ("/jxrb/", "江西日报"),
    ];
    CODES
        .iter()
        .find(|(code, _)| url.contains(code))
        .map(|(_, name)| *name)
}

/// "01版:要闻 …", "第A01版：头版", "当前版：03版": the label at the start.
pub(super) fn leading_label(text: &str) -> Option<String> {
    let text = clean::squeeze(text);
    let text = text
        .strip_prefix("当前版")
        .map_or(text.as_str(), |t| t.trim_start_matches([':', '：', ' ']));
    clean::page_label(text)
        .or_else(|| clean::page_label(text.split(' ').next()?))
        .map(|(label, _)| label)
}

/// Where a `<meta http-equiv="refresh" content="0; url=…">` sends the
/// reader: an entry page such as `paperindex.htm` that points at the
/// current issue.
fn refresh(html: &Html) -> Option<String> {
    static REFRESH: LazyLock<Selector> =
        LazyLock::new(|| Selector::parse("meta[http-equiv][content]").expect("a selector"));
    html.select(&REFRESH)
        .find(|m| {
            m.value()
                .attr("http-equiv")
                .is_some_and(|v| v.eq_ignore_ascii_case("refresh"))
        })
        .and_then(|m| {
            let content = m.value().attr("content")?;
            let lower = content.to_ascii_lowercase();
            let at = lower.find("url=")?;
            let url = content[at + 4..].trim().trim_matches(['\'', '"']);
            (!url.is_empty()).then(|| url.to_owned())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(page: &str, location: &str) -> Parsed {
        super::parse(page, location, Profiles::builtin())
    }

    #[test]
    fn an_entry_page_refreshes_to_the_issue() {
        let page = "<html><head><META HTTP-EQUIV=\"Refresh\" CONTENT=\"0; URL=html/2025-03/14/node_11.htm\"></head></html>";
        assert_eq!(
            parse(page, "paperindex.htm").refresh.as_deref(),
            Some("html/2025-03/14/node_11.htm")
        );
        assert_eq!(
            parse("<html><head><meta charset=utf-8></head></html>", "x.htm").refresh,
            None
        );
    }

    #[test]
    fn long_pages_are_cut_at_character_boundaries() {
        // A hanzi across the 4096th byte, where the saved-from comment is
        // looked for; and "当前版" near the end of the text.
        let page = format!(
            "<html><body>{}第01版：要闻 当前版：{}",
            "x".repeat(4083),
            "第".repeat(30)
        );
        let parsed = parse(&page, "page.htm");
        assert_eq!(parsed.current, None);
    }

    #[test]
    fn a_page_saved_with_two_byte_order_marks_is_html() {
        let page = "\u{feff}<html><head><title>江城日报数字报</title></head><body>\
            <a id=pageLink href=node_1.htm>第01版：要闻</a><a id=pageLink href=node_2.htm>第02版：综合</a>\
            <div class=date>2025年3月14日</div></body></html>";
        let parsed = parse(page, "html/2025-03/14/node_1.htm");
        assert_eq!(parsed.publication.as_deref(), Some("江城日报"));
        assert_eq!(parsed.pages.len(), 2);
        assert_eq!(parsed.date, Date::new(2025, 3, 14));
    }

    #[test]
    fn a_date_printed_once_is_one_vote() {
        // The list of past issues prints one other day inside nested boxes;
        // the URL and the masthead give the issue's.
        let page = "<html><head><title>江城日报</title></head><body>\
            <a id=pageLink href=node_1.htm>第01版：要闻</a><a id=pageLink href=node_2.htm>第02版：综合</a>\
            <ul><li><span>2024-11-30</span> <a href=x.htm>往期</a></li></ul></body></html>";
        let parsed = parse(page, "h/html/2024-12/01/node_1.htm");
        assert_eq!(parsed.date, Date::new(2024, 12, 1));
        let founder = "<html><body><a id=pageLink href=node_1.htm>第01版：要闻</a><div id=mp1>x</div></body></html>";
        let parsed = parse(founder, "h/html/2024-12/01/node_1.htm");
        let from = &parsed
            .explain
            .findings
            .iter()
            .find(|f| f.what == "date")
            .unwrap()
            .from;
        assert!(from.starts_with("founder: url"), "{from}");
    }

    #[test]
    fn current_labels_in_the_forms_pages_print() {
        for (text, want) in [
            ("01版:要闻 PDF", Some("01")),
            ("第A01版：头版", Some("A01")),
            ("当前版：03版", Some("03")),
            ("一版：要闻", Some("01")),
            ("要闻", None),
        ] {
            assert_eq!(leading_label(text).as_deref(), want, "{text}");
        }
    }
}
