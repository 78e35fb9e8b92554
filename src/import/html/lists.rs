//! The lists of a page document: the page list (版面导航), the page it
//! shows, its headlines (标题导航) and the hotspots of its page picture.
//!
//! A profile names them; the generic extractor finds them from what every
//! site's lists have in common. A page list is the largest set of
//! like-shaped elements whose texts are page labels ("第A01版：头版",
//! "01版:要闻", "第1版"), with or without links. A headline list is the
//! set of like-shaped entries (links, rows with an `onclick`, image-map
//! areas with a title) that scores best: many entries, links that look
//! like articles and that the page picture's hotspots also name, titles of
//! a headline's length, and none of the site's footer; where page labels
//! stand between its entries, each entry belongs to the page named before
//! it, as on sites that list every page's headlines in one document.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ego_tree::NodeId;
use scraper::{ElementRef, Node, Selector};

use super::dom::{self, in_furniture, link_of, plain, signature, tidy};
use super::{Doc, leading_label};
use crate::import::explain::{Explanation, summary};
use crate::import::links::{link_key, looks_like_article, resolve};
use crate::import::picture::{self, Area, PagePicture};
use crate::import::profile::Source;
use crate::import::{Headline, PageLink, clean, dates};
use crate::model::Date;

/// A text as short as a label, a date or a copyright line, with the
/// element that holds it.
pub(super) struct Short<'a> {
    pub text: String,
    pub element: ElementRef<'a>,
    /// Which text node of the document it was found from, in order.
    pub node: usize,
}

/// At most this many nodes are walked to read one short text: the cost of
/// a document stays linear whatever its nesting.
const SHORT_WALK: usize = 64;

/// The short texts of the document: for each piece of visible text, the
/// text of its parent and of its grandparent element when they are at
/// most `max` characters, in document order, each element once.
pub(super) fn short_texts<'a>(doc: &Doc<'a>, max: usize) -> Vec<(String, ElementRef<'a>)> {
    // Each printed thing once: an element whose child or grandchild is
    // already given holds the same text again.
    let mut covered = dom::NodeSet::default();
    let mut out = Vec::new();
    for short in shorts(doc).iter().filter(|s| s.text.chars().count() <= max) {
        if covered.contains(&short.element.id()) {
            continue;
        }
        let mut up = Some(short.element);
        for _ in 0..3 {
            let Some(element) = up else { break };
            covered.insert(element.id());
            up = element.parent().and_then(ElementRef::wrap);
        }
        out.push((short.text.clone(), short.element));
    }
    out
}

/// The longest short text.
const SHORT: usize = 120;

/// The document's short texts, found once.
fn shorts<'d, 'a>(doc: &'d Doc<'a>) -> &'d [Short<'a>] {
    doc.shorts.get_or_init(|| find_shorts(doc, SHORT))
}

fn find_shorts<'a>(doc: &Doc<'a>, max: usize) -> Vec<Short<'a>> {
    let mut out = Vec::new();
    let mut seen = dom::NodeSet::default();
    let mut skipping: Option<NodeId> = None;
    let mut count = 0;
    for edge in doc.html.root_element().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(e)
                        if matches!(
                            e.name(),
                            "script" | "style" | "noscript" | "select" | "title"
                        ) || dom::hidden(e) =>
                    {
                        skipping = Some(node.id());
                    }
                    Node::Text(text) if !text.trim().is_empty() => {
                        count += 1;
                        let mut parent = node.parent().and_then(ElementRef::wrap);
                        for _ in 0..2 {
                            let Some(element) = parent else { break };
                            parent = element.parent().and_then(ElementRef::wrap);
                            if !seen.insert(element.id()) {
                                continue;
                            }
                            match bounded_text(element, max) {
                                Some(text) if !text.is_empty() => out.push(Short {
                                    text,
                                    element,
                                    node: count,
                                }),
                                Some(_) => {}
                                None => break,
                            }
                        }
                    }
                    _ => {}
                }
            }
            ego_tree::iter::Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                }
            }
        }
    }
    out
}

/// An element's text, squeezed, when it has at most `max` characters and
/// takes at most [`SHORT_WALK`] nodes to read.
fn bounded_text(element: ElementRef<'_>, max: usize) -> Option<String> {
    let mut out = String::new();
    let mut chars = 0;
    let mut skipping: Option<NodeId> = None;
    for (walked, edge) in element.traverse().enumerate() {
        if walked > SHORT_WALK * 2 {
            return None;
        }
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(text) => {
                        chars += text.chars().count();
                        if chars > max * 4 {
                            return None;
                        }
                        out.push_str(text);
                    }
                    Node::Element(e) if e.name() == "br" => out.push(' '),
                    Node::Element(e)
                        if matches!(e.name(), "script" | "style" | "select") || dom::hidden(e) =>
                    {
                        skipping = Some(node.id());
                    }
                    _ => {}
                }
            }
            ego_tree::iter::Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                }
            }
        }
    }
    let text = tidy(&out);
    (text.chars().count() <= max).then_some(text)
}

/// An element whose text is a page label.
pub(super) struct Labelled<'a> {
    element: ElementRef<'a>,
    label: String,
    name: String,
}

/// Every element whose text is a page label: for each piece of text, the
/// lowest element around it that reads as one. Found once.
fn labelled<'d, 'a>(doc: &'d Doc<'a>) -> &'d [Labelled<'a>] {
    doc.labelled.get_or_init(|| find_labelled(doc))
}

fn find_labelled<'a>(doc: &Doc<'a>) -> Vec<Labelled<'a>> {
    let mut out: Vec<Labelled<'a>> = Vec::new();
    let mut seen = dom::NodeSet::default();
    let mut done_node = 0;
    for short in shorts(doc).iter().filter(|s| s.text.chars().count() <= 40) {
        if short.node == done_node {
            continue;
        }
        if let Some((label, name)) = clean::page_label(&short.text) {
            done_node = short.node;
            if seen.insert(short.element.id()) {
                out.push(Labelled {
                    element: short.element,
                    label,
                    name: dom::close_letter_spacing(&name),
                });
            }
        }
    }
    out
}

/// The page list: the profile's, else the largest group of like-shaped
/// labelled elements.
pub(super) fn page_list(doc: &Doc<'_>, explain: &mut Explanation) -> Vec<PageLink> {
    for source in doc.profile.iter().flat_map(|p| &p.pages) {
        let links = profile_pages(doc, source);
        if !links.is_empty() {
            explain.found("pages", page_summary(&links), doc.source_name(source));
            return links;
        }
    }
    let labelled = labelled(doc);
    let mut groups: Vec<(String, Vec<&Labelled<'_>>)> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for entry in labelled {
        let shape = signature(entry.element, 2);
        let at = *group_of.entry(shape.clone()).or_insert_with(|| {
            groups.push((shape, Vec::new()));
            groups.len() - 1
        });
        groups[at].1.push(entry);
    }
    let score = |members: &[&Labelled<'_>]| {
        let distinct: HashSet<(&str, &str)> =
            members.iter().map(|m| clean::page_key(&m.label)).collect();
        let linked = members
            .iter()
            .filter(|m| link_of(m.element).is_some())
            .count();
        let named = members.iter().filter(|m| !m.name.is_empty()).count();
        (distinct.len(), linked, named)
    };
    let best = groups
        .iter()
        .filter(|(_, members)| score(members).0 >= 2)
        .max_by(|a, b| {
            score(&a.1)
                .cmp(&score(&b.1))
                .then(std::cmp::Ordering::Greater)
        });
    let Some((shape, members)) = best else {
        return Vec::new();
    };
    let mut seen = HashSet::new();
    let mut links: Vec<PageLink> = Vec::new();
    for member in members {
        let key = clean::page_key(&member.label);
        if !seen.insert((key.0.to_owned(), key.1.to_owned())) {
            continue;
        }
        links.push(PageLink {
            label: member.label.clone(),
            name: member.name.clone(),
            href: link_of(member.element),
        });
    }
    // Names the chosen list leaves out, from another list of the same pages.
    for link in links.iter_mut().filter(|l| l.name.is_empty()) {
        if let Some(other) = labelled
            .iter()
            .find(|o| !o.name.is_empty() && clean::same_page(&o.label, &link.label))
        {
            link.name.clone_from(&other.name);
        }
    }
    explain.found(
        "pages",
        page_summary(&links),
        format!(
            "generic: {} like-shaped elements whose texts are page labels ({})",
            members.len(),
            shape.trim_end_matches('<').replace('<', " in ")
        ),
    );
    links
}

/// A profile's page-list source read: labelled elements, or a script's
/// comma-separated labels ("001,002,003").
fn profile_pages(doc: &Doc<'_>, source: &Source) -> Vec<PageLink> {
    let mut seen = HashSet::new();
    let mut links = Vec::new();
    for value in doc.values(source) {
        let parsed: Vec<(String, String, Option<String>)> = match value.element {
            Some(element) => clean::page_label(&value.text)
                .map(|(label, name)| (label, dom::close_letter_spacing(&name), link_of(element)))
                .into_iter()
                .collect(),
            None => value
                .text
                .split([',', '，', ';', ' '])
                .map(str::trim)
                .filter_map(|item| {
                    clean::page_label(item)
                        .or_else(|| bare_label(item).map(|label| (label, String::new())))
                })
                .map(|(label, name)| (label, name, None))
                .collect(),
        };
        for (label, name, href) in parsed {
            let key = clean::page_key(&label);
            if seen.insert((key.0.to_owned(), key.1.to_owned())) {
                links.push(PageLink { label, name, href });
            }
        }
    }
    links
}

/// "001", "A05": a label written alone, as a script's list of pages has it.
fn bare_label(item: &str) -> Option<String> {
    let digits_at = item.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = item.split_at(digits_at);
    (letters.len() <= 1
        && letters.chars().all(|c| c.is_ascii_uppercase())
        && (1..=3).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit()))
    .then(|| item.to_owned())
}

fn page_summary(links: &[PageLink]) -> String {
    let shown: Vec<String> = links
        .iter()
        .map(|l| {
            if l.name.is_empty() {
                l.label.clone()
            } else {
                format!("{} {}", l.label, l.name)
            }
        })
        .collect();
    summary(&shown)
}

/// The page this document shows, with its name: the profile's sources,
/// the page-list entry that links to this document, the first page label
/// that is not a link, the label in the title, or "当前版".
pub(super) fn current(
    doc: &Doc<'_>,
    pages: &[PageLink],
    explain: &mut Explanation,
) -> Option<(String, String)> {
    let mut found = |label: String, name: String, from: String| {
        let shown = if name.is_empty() {
            label.clone()
        } else {
            format!("{label} {name}")
        };
        explain.found("current page", shown, from);
        Some((label, name))
    };
    for source in doc.profile.iter().flat_map(|p| &p.current) {
        for value in doc.values(source) {
            if let Some(label) = leading_label(&value.text) {
                let name = clean::page_label(&value.text)
                    .map(|(_, n)| n)
                    .unwrap_or_default();
                return found(
                    label,
                    dom::close_letter_spacing(&name),
                    doc.source_name(source),
                );
            }
        }
    }
    if let Some(own) = pages
        .iter()
        .find(|p| p.href.as_deref().is_some_and(|h| link_key(h) == doc.key))
    {
        return found(
            own.label.clone(),
            own.name.clone(),
            "generic: the page-list entry that links to this document".to_owned(),
        );
    }
    let labelled = labelled(doc);
    // A headline may begin with a label ("第1版第1篇…"): a heading is not
    // where a page names itself.
    let heading = |e: ElementRef<'_>| {
        let name = e.value().name();
        matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") || name.starts_with("founder-")
    };
    if let Some(first) = labelled
        .iter()
        .find(|l| !is_link(l.element) && !heading(l.element))
    {
        return found(
            first.label.clone(),
            first.name.clone(),
            format!("generic: the label “{}”", plain(first.element)),
        );
    }
    for segment in doc.title.split(['-', '_', '|', ' ']) {
        if let Some((label, name)) = clean::page_label(segment) {
            return found(label, name, format!("generic: <title> “{}”", doc.title));
        }
    }
    // "当前版：" and what follows it, which may be the next element's
    // text; the page's text is not gathered whole (it may be megabytes).
    let mut pieces = doc.html.root_element().text();
    let mut after = pieces.by_ref().find_map(|t| {
        t.find("当前版")
            .map(|at| dates::prefix(&t[at..], 64).to_owned())
    })?;
    for piece in pieces {
        if after.len() >= 64 {
            break;
        }
        after.push_str(dates::prefix(piece, 64));
    }
    let label = leading_label(dates::prefix(&after, 64))?;
    found(label, String::new(), "generic: “当前版”".to_owned())
}

/// Links for page-list entries that have none, where this document's own
/// URL holds its page's label (`20240909_001/20240909_001.htm`,
/// `node_A01.html`): each page's URL is this one with the label changed.
pub(super) fn derive_links(
    pages: &mut [PageLink],
    current: Option<&str>,
    doc: &Doc<'_>,
    explain: &mut Explanation,
) {
    let Some(current) = current.filter(|_| !pages.is_empty()) else {
        return;
    };
    if pages.iter().any(|p| p.href.is_some()) || !label_token(&doc.key, current) {
        return;
    }
    let own = doc.base.replace('\\', "/");
    let (dir, file) = own
        .rsplit_once('/')
        .map_or(("", own.as_str()), |(d, f)| (d, f));
    // The label in the folder too when the folder is named like the file.
    let dir_name = dir.rsplit('/').next().unwrap_or("");
    let both = label_token(dir_name, current);
    let mut derived = 0;
    for page in pages.iter_mut() {
        let file = replace_token(file, current, &page.label);
        page.href = Some(if both {
            format!(
                "../{}/{file}",
                replace_token(dir_name, current, &page.label)
            )
        } else {
            file
        });
        derived += 1;
    }
    explain.found(
        "page links",
        format!("{derived} made from this page's own URL"),
        format!("generic: the label {current} in “{}”", doc.key),
    );
}

/// Whether `label` stands in `text` as a token of its own, not inside a
/// longer number.
fn label_token(text: &str, label: &str) -> bool {
    token_spans(text, label).next().is_some()
}

fn token_spans<'t>(text: &'t str, label: &'t str) -> impl Iterator<Item = usize> + 't {
    text.match_indices(label)
        .map(|(at, _)| at)
        .filter(move |&at| {
            let before = text[..at].chars().next_back();
            let after = text[at + label.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_digit())
                && !after.is_some_and(|c| c.is_ascii_digit())
        })
}

fn replace_token(text: &str, from: &str, to: &str) -> String {
    let spans: Vec<usize> = token_spans(text, from).collect();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for at in spans {
        out.push_str(&text[last..at]);
        out.push_str(to);
        last = at + from.len();
    }
    out.push_str(&text[last..]);
    out
}

/// A hotspot of the page picture: where it links and the title it shows.
pub(super) struct Hotspot {
    pub href: String,
    pub title: String,
}

static AREAS: LazyLock<Vec<Source>> = LazyLock::new(|| super::sources(&["map area"]));
static USEMAP: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("img[usemap]").expect("a selector"));

/// The page picture's hotspots: the profile's, else every `<area>` of a
/// map that links to a page; and the picture with the outline of each
/// area, in the map's order, several for one article when the map has
/// them.
pub(super) fn hotspots(
    doc: &Doc<'_>,
    explain: &mut Explanation,
) -> (Vec<Hotspot>, Option<PagePicture>) {
    let profile = doc
        .profile
        .map(|p| p.map.as_slice())
        .filter(|m| !m.is_empty());
    let (list, generic) = match profile {
        Some(list) => (list, false),
        None => (AREAS.as_slice(), true),
    };
    // The maps a picture uses; another map (a logo's links) is not the
    // page's.
    let pictures: Vec<ElementRef<'_>> = doc.html.select(&USEMAP).collect();
    let used: HashSet<String> = pictures
        .iter()
        .filter_map(|img| img.value().attr("usemap"))
        .map(map_name)
        .collect();
    let map_of = |area: ElementRef<'_>| {
        area.ancestors()
            .take(4)
            .filter_map(ElementRef::wrap)
            .find(|a| a.value().name() == "map")
            .and_then(|m| m.value().attr("name"))
            .map(map_name)
    };
    let on_the_page = |area: ElementRef<'_>| match map_of(area) {
        Some(name) if !used.is_empty() => used.contains(&name),
        _ => true,
    };
    let mut seen = HashSet::new();
    let mut found = Vec::new();
    let mut from = String::new();
    let mut outlines = Outlines::default();
    for source in list {
        for element in doc.elements(source) {
            if !on_the_page(element) {
                continue;
            }
            let Some(href) = link_of(element) else {
                continue;
            };
            if element.value().name() == "area" {
                outlines.add(element, map_of(element).as_deref(), &href);
            }
            if !seen.insert(link_key(&href)) {
                continue;
            }
            let title = tidy(element.value().attr("title").unwrap_or(""));
            found.push(Hotspot { href, title });
            if from.is_empty() {
                from = if generic {
                    format!("generic: {}", source.written())
                } else {
                    doc.source_name(source)
                };
            }
        }
    }
    if !found.is_empty() {
        explain.found("hotspots", format!("{} areas", found.len()), from);
    }
    let picture = outlines.picture(doc, &pictures, explain);
    (found, picture)
}

/// `#PagePicMap` and `pagepicmap` name the same map.
fn map_name(name: &str) -> String {
    name.trim().trim_start_matches('#').to_ascii_lowercase()
}

/// The outlines of a map's areas as they are found.
#[derive(Default)]
struct Outlines {
    /// Whether an area with an outline was found, and its map: the page
    /// picture's.
    started: bool,
    map: Option<String>,
    areas: Vec<Area>,
    /// Areas whose coordinates are no outline.
    refused: usize,
}

impl Outlines {
    fn add(&mut self, area: ElementRef<'_>, map: Option<&str>, href: &str) {
        let value = area.value();
        let Some(points) = value
            .attr("coords")
            .and_then(|coords| picture::outline(value.attr("shape"), coords))
        else {
            self.refused += 1;
            return;
        };
        // Areas of a second map belong to a second picture.
        if !self.started {
            self.started = true;
            self.map = map.map(str::to_owned);
        } else if self.map.as_deref() != map {
            return;
        }
        self.areas.push(Area {
            href: href.to_owned(),
            points,
        });
    }

    /// The picture whose `usemap` names the areas' map, with its areas.
    fn picture(
        self,
        doc: &Doc<'_>,
        pictures: &[ElementRef<'_>],
        explain: &mut Explanation,
    ) -> Option<PagePicture> {
        let refused = if self.refused > 0 {
            format!(
                " ({} more with coordinates that are no outline)",
                self.refused
            )
        } else {
            String::new()
        };
        if self.areas.is_empty() {
            if self.refused > 0 {
                explain.found(
                    "page picture",
                    format!("none: no area of the map has an outline{refused}"),
                    "generic: map area[coords]",
                );
            }
            return None;
        }
        let map = self.map;
        let img = pictures.iter().find(|img| {
            let named = img.value().attr("usemap").map(map_name);
            map.is_none() || named == map
        });
        let Some((img, src)) = img.and_then(|img| Some((img, img.value().attr("src")?.trim())))
        else {
            explain.found(
                "page picture",
                format!(
                    "none: no img[usemap] with a src uses the map of {} areas; they are left out",
                    self.areas.len()
                ),
                "generic: img[usemap]",
            );
            return None;
        };
        if src.is_empty() {
            return None;
        }
        let value = img.value();
        let mut picture = PagePicture::new(
            resolve(doc.base, src),
            value.attr("width"),
            value.attr("height"),
        );
        picture.areas = self.areas;
        let size = match picture.size {
            Some((w, h)) => format!("{w}×{h}, its width and height attributes"),
            None => "size unknown until the picture is read".to_owned(),
        };
        explain.found(
            "page picture",
            format!(
                "{}, {size}; {} areas{refused}",
                picture.src,
                picture.areas.len()
            ),
            "generic: img[usemap] and its map's area[coords]",
        );
        Some(picture)
    }
}

/// Words of the sites' navigation, never a headline.
fn is_navigation(title: &str) -> bool {
    matches!(
        title,
        "上一篇"
            | "下一篇"
            | "上一版"
            | "下一版"
            | "上一期"
            | "下一期"
            | "前一版"
            | "后一版"
            | "返回目录"
            | "往期阅读"
            | "往期回顾"
            | "放大"
            | "缩小"
            | "默认"
            | "首页"
            | "返回"
            | "返回首页"
            | "版面导航"
            | "标题导航"
            | "目录"
            | "关闭"
            | "查看"
            | "更多"
            | "手机版"
            | "上期"
            | "下期"
            | "返回上一页"
    ) || title.starts_with("PDF")
        || title.ends_with("PDF下载")
}

/// A candidate headline: its text, where it links, the element.
struct Entry<'a> {
    title: String,
    href: Option<String>,
    element: ElementRef<'a>,
}

static CANDIDATES: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("a, [onclick]").expect("a selector"));

/// A headline as its list shows it: the string a `view("…")` script writes
/// (People's Daily before 2024), the first `<p>` when the entry has title
/// and subtitle in two, else its text, else its `title`.
fn headline_text(element: ElementRef<'_>) -> String {
    // A headline is a few nodes: what is under a box of thousands is not
    // read through, as every candidate would read it again.
    let below = || {
        element
            .descendants()
            .take(HEADLINE_NODES)
            .filter_map(ElementRef::wrap)
    };
    if let Some(script) = below().find(|e| e.value().name() == "script") {
        let code: String = script.text().collect();
        if let Some(written) = dom::script_string(&code) {
            return tidy(&written);
        }
    }
    let paragraphs: Vec<_> = below()
        .filter(|e| e.value().name() == "p")
        .take(2)
        .collect();
    if paragraphs.len() > 1 {
        return plain(paragraphs[0]);
    }
    let Some(text) = bounded_text(element, 200) else {
        return String::new();
    };
    if text.is_empty() {
        return tidy(element.value().attr("title").unwrap_or(""));
    }
    text
}

/// The nodes looked at below a headline's element.
const HEADLINE_NODES: usize = 256;

/// A candidate headline, or None for text that is not one. A text that
/// reads as a page label is a page-list entry for the generic extractor
/// (`guessing`); where a profile names the list, it is a headline that
/// begins so ("第1版第1篇…").
fn entry<'a>(element: ElementRef<'a>, title: &str, guessing: bool) -> Option<Entry<'a>> {
    let title = title.trim().to_owned();
    if title.is_empty()
        || is_navigation(&title)
        || (guessing && clean::page_label(&title).is_some())
        || title.chars().count() > 200
    {
        return None;
    }
    Some(Entry {
        title,
        href: link_of(element),
        element,
    })
}

/// The headline list.
pub(super) fn headlines(
    doc: &Doc<'_>,
    date: Option<Date>,
    pages: &[PageLink],
    hotspots: &[Hotspot],
    explain: &mut Explanation,
) -> Vec<Headline> {
    let page_keys: HashSet<String> = pages
        .iter()
        .filter_map(|p| p.href.as_deref())
        .map(link_key)
        .collect();
    let usable = |e: &Entry<'_>| {
        !e.href
            .as_deref()
            .is_some_and(|h| page_keys.contains(&link_key(h)))
    };
    if let Some(profile) = doc.profile {
        for source in &profile.grouped {
            let found = grouped(doc, source, &usable);
            if !found.is_empty() {
                explain.found(
                    "headlines",
                    headline_summary(&found),
                    format!("{} (under each page's label)", doc.source_name(source)),
                );
                return found;
            }
        }
        for source in &profile.headlines {
            let entries: Vec<Entry<'_>> = doc
                .elements(source)
                .into_iter()
                .filter_map(|element| {
                    let title = match source {
                        Source::Css {
                            attr: Some(attr), ..
                        } => tidy(element.value().attr(attr).unwrap_or("")),
                        _ => headline_text(element),
                    };
                    entry(element, &title, false)
                })
                .filter(|e| usable(e))
                .collect();
            if !entries.is_empty() {
                let found = by_label(doc, &entries);
                explain.found(
                    "headlines",
                    headline_summary(&found),
                    doc.source_name(source),
                );
                return found;
            }
        }
    }
    if let Some((entries, shape)) = best_group(doc, date, &page_keys, hotspots) {
        let found = by_label(doc, &entries);
        explain.found(
            "headlines",
            headline_summary(&found),
            format!("generic: {} like-shaped entries ({shape})", entries.len()),
        );
        return found;
    }
    let titled: Vec<Headline> = hotspots
        .iter()
        .filter(|h| !h.title.is_empty() && !is_navigation(&h.title))
        .map(|h| Headline {
            title: h.title.clone(),
            href: Some(h.href.clone()),
            page: None,
        })
        .collect();
    if !titled.is_empty() {
        explain.found(
            "headlines",
            headline_summary(&titled),
            "generic: the titles of the page picture's hotspots",
        );
    }
    titled
}

fn headline_summary(found: &[Headline]) -> String {
    let pages: HashSet<&str> = found.iter().filter_map(|h| h.page.as_deref()).collect();
    let titles: Vec<&str> = found.iter().map(|h| h.title.as_str()).collect();
    if pages.len() > 1 {
        format!("{} on {} pages", summary(&titles), pages.len())
    } else {
        summary(&titles)
    }
}

/// Headlines in boxes where page labels head the entries of their page.
fn grouped(doc: &Doc<'_>, source: &Source, usable: &dyn Fn(&Entry<'_>) -> bool) -> Vec<Headline> {
    let mut out = Vec::new();
    for container in doc.elements(source) {
        let mut page: Option<String> = None;
        let mut skip: Option<NodeId> = None;
        for edge in container.traverse() {
            let ego_tree::iter::Edge::Open(node) = edge else {
                if let ego_tree::iter::Edge::Close(node) = edge
                    && skip == Some(node.id())
                {
                    skip = None;
                }
                continue;
            };
            if skip.is_some() {
                continue;
            }
            let Some(element) = ElementRef::wrap(node) else {
                continue;
            };
            let name = element.value().name();
            if matches!(name, "a" | "li") || element.value().attr("onclick").is_some() {
                if name == "li" && element.select(&CANDIDATES).next().is_some() {
                    continue;
                }
                if let Some(entry) =
                    entry(element, &headline_text(element), false).filter(|e| usable(e))
                {
                    out.push(Headline {
                        title: entry.title,
                        href: entry.href,
                        page: page.clone(),
                    });
                }
                skip = Some(node.id());
            } else if let Some(text) = bounded_text(element, 40)
                && let Some((label, _)) = clean::page_label(&text)
                && !holds_entries(element)
            {
                page = Some(label);
                skip = Some(node.id());
            }
        }
    }
    out
}

/// Whether an element is a link or inside one.
fn is_link(element: ElementRef<'_>) -> bool {
    element.value().name() == "a"
        || element
            .ancestors()
            .take(3)
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().name() == "a")
}

/// Whether an element holds a link with text: a box of a page's label
/// and its headlines, not a label.
fn holds_entries(element: ElementRef<'_>) -> bool {
    element
        .select(&CANDIDATES)
        .any(|candidate| !plain(candidate).is_empty())
}

/// Entries with the page their list puts them under: where page labels
/// stand between the entries in the box that holds them all, each entry
/// belongs to the page named before it.
fn by_label(doc: &Doc<'_>, entries: &[Entry<'_>]) -> Vec<Headline> {
    let plain_list = || {
        entries
            .iter()
            .map(|e| Headline {
                title: e.title.clone(),
                href: e.href.clone(),
                page: None,
            })
            .collect()
    };
    let Some(container) = common_ancestor(entries) else {
        return plain_list();
    };
    // Labels that head a group are not links: a page list's entries
    // between headlines do not say which page the headlines are on.
    let labels: dom::NodeMap<String> = labelled(doc)
        .iter()
        .filter(|l| !is_link(l.element))
        .filter(|l| {
            l.element
                .ancestors()
                .take(48)
                .any(|a| a.id() == container.id())
        })
        .filter(|l| !entries.iter().any(|e| e.element.id() == l.element.id()))
        .map(|l| (l.element.id(), l.label.clone()))
        .collect();
    let distinct: HashSet<&String> = labels.values().collect();
    if distinct.len() < 2 {
        return plain_list();
    }
    let at: dom::NodeMap<usize> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.element.id(), i))
        .collect();
    let mut page: Option<String> = None;
    let mut out: Vec<Option<Headline>> = vec![None; entries.len()];
    for node in container.descendants() {
        if let Some(label) = labels.get(&node.id()) {
            page = Some(label.clone());
        } else if let Some(&i) = at.get(&node.id()) {
            out[i] = Some(Headline {
                title: entries[i].title.clone(),
                href: entries[i].href.clone(),
                page: page.clone(),
            });
        }
    }
    out.into_iter().flatten().collect()
}

/// The lowest element that holds every entry, within a few levels.
fn common_ancestor<'a>(entries: &[Entry<'a>]) -> Option<ElementRef<'a>> {
    let first = entries.first()?;
    first
        .element
        .ancestors()
        .take(12)
        .filter_map(ElementRef::wrap)
        .find(|ancestor| {
            entries.iter().all(|e| {
                e.element
                    .ancestors()
                    .take(12)
                    .any(|a| a.id() == ancestor.id())
            })
        })
}

/// The generic headline list: candidates grouped by shape, the best
/// group by score.
fn best_group<'a>(
    doc: &Doc<'a>,
    date: Option<Date>,
    page_keys: &HashSet<String>,
    hotspots: &[Hotspot],
) -> Option<(Vec<Entry<'a>>, String)> {
    let mapped: HashSet<String> = hotspots.iter().map(|h| link_key(&h.href)).collect();
    let own_host =
        crate::import::links::is_web(doc.base).then(|| crate::import::links::origin(doc.base));
    let mut groups: Vec<(String, Vec<Entry<'a>>, i64)> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for element in doc.html.select(&CANDIDATES) {
        // An entry inside another candidate (a link in a clickable row)
        // is the row's.
        if element
            .ancestors()
            .take(4)
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().name() == "a" || a.value().attr("onclick").is_some())
        {
            continue;
        }
        let Some(entry) = entry(element, &headline_text(element), true) else {
            continue;
        };
        if entry
            .href
            .as_deref()
            .is_some_and(|h| page_keys.contains(&link_key(h)))
        {
            continue;
        }
        let score = entry_score(&entry, date, &mapped, own_host);
        let shape = signature(element, 3);
        let at = *group_of.entry(shape.clone()).or_insert_with(|| {
            groups.push((shape, Vec::new(), 0));
            groups.len() - 1
        });
        groups[at].1.push(entry);
        groups[at].2 += score;
    }
    // One entry is a list only when it links to an article.
    let (shape, members, _) = groups
        .into_iter()
        .filter(|(_, members, total)| {
            *total > 0
                && (members.len() > 1
                    || members
                        .iter()
                        .any(|m| m.href.as_deref().is_some_and(looks_like_article)))
        })
        .max_by(|a, b| a.2.cmp(&b.2).then(std::cmp::Ordering::Greater))?;
    let shown = shape.trim_end_matches('<').replace('<', " in ");
    Some((members, shown))
}

/// How much an entry looks like a headline, in points.
fn entry_score(
    entry: &Entry<'_>,
    date: Option<Date>,
    mapped: &HashSet<String>,
    own_host: Option<&str>,
) -> i64 {
    let mut score = 1;
    let hanzi = entry
        .title
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    if hanzi >= 5 {
        score += 1;
    } else if hanzi <= 3 {
        score -= 1;
    }
    match entry.href.as_deref() {
        Some(href) => {
            if looks_like_article(href) {
                score += 2;
            }
            if mapped.contains(&link_key(href)) {
                score += 3;
            }
            if let (Some(date), Some(found)) = (date, dates::date_in_url(href))
                && found != date
            {
                // An article of another day: the site's own pages.
                score -= 3;
            }
            if let Some(host) = own_host
                && crate::import::links::is_web(href)
                && crate::import::links::origin(href) != host
            {
                score -= 2;
            }
        }
        None => score -= 1,
    }
    if entry.element.value().name() == "a"
        && entry.element.value().attr("title").is_some()
        && dom::plain(entry.element).is_empty()
    {
        // A hotspot drawn as a link: the list that names it is better.
        score -= 1;
    }
    if in_furniture(entry.element) {
        score -= 3;
    }
    score
}
