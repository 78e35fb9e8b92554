//! Saved or fetched HTML of the e-paper sites: the page list, the current
//! page's headlines and hotspots, and the article with its 引题, 主标题,
//! 副题, byline, paragraphs and pictures.
//!
//! The sites differ in their markup but not in what they show, so the
//! parser tries each platform's selectors in turn (docs/DESIGN.md, "Import")
//! rather than committing to one: a Founder site that uses People's
//! Daily's class names still parses.

use std::fmt::Write;
use std::sync::LazyLock;

use scraper::{ElementRef, Html, Node, Selector};

use super::clean;
use super::{ArticleText, Headline, PageLink, Parsed};
use crate::model::{Date, Image};

struct Selectors {
    page_links: Vec<Selector>,
    headlines: Vec<Selector>,
    anchors: Selector,
    areas: Selector,
    current: Vec<Selector>,
    dated: Vec<Selector>,
    title: Selector,
    founder_title: Selector,
    founder_kicker: Selector,
    founder_subtitle: Selector,
    founder_author: Selector,
    founder_page: Selector,
    founder_content: Selector,
    containers: Vec<Selector>,
    headings: Selector,
    bylines: Vec<Selector>,
    bodies: Vec<Selector>,
    paragraphs: Selector,
    pictures: Selector,
    images: Selector,
    captions: Selector,
    first_p: Selector,
    script: Selector,
    refresh: Selector,
}

fn selector(text: &str) -> Selector {
    Selector::parse(text).unwrap_or_else(|e| panic!("selector {text}: {e}"))
}

fn selectors(list: &[&str]) -> Vec<Selector> {
    list.iter().map(|s| selector(s)).collect()
}

static SELECT: LazyLock<Selectors> = LazyLock::new(|| Selectors {
    page_links: selectors(&[
        "a#pageLink",
        "#pageList a",
        ".swiper-slide a",
        ".right_title-name a",
    ]),
    headlines: selectors(&[
        "#titleList a",
        "ul.news-list li a",
        "#main-ed-articlenav-list a",
        ".main-ed-articlenav-list a",
        "div.m-list-wrap li a",
    ]),
    anchors: selector("a[href]"),
    areas: selector("map area[href]"),
    current: selectors(&[
        "#currentPage",
        ".l_t",
        ".ban_t li",
        "td.px12",
        ".paper-bot .left",
        "p.left.ban",
    ]),
    dated: selectors(&[
        "#riqi_",
        ".date",
        "span.date",
        "p.sec",
        ".paper-bot .right",
        ".paper-top .right",
        "#date",
        "td.px12",
    ]),
    title: selector("title"),
    founder_title: selector("founder-title"),
    founder_kicker: selector("founder-introtitle"),
    founder_subtitle: selector("founder-subtitle"),
    founder_author: selector("founder-author"),
    founder_page: selector("founder-pagenum"),
    founder_content: selector("founder-content"),
    containers: selectors(&[
        "div.text_c",
        "div.article",
        "div.content",
        "div.main-content",
        "div.m-content",
        "div.article-box",
    ]),
    headings: selector("h1, h2, h3, h4"),
    bylines: selectors(&["div.lai", "p.sec", ".author", "div.byline"]),
    bodies: selectors(&[
        "#ozoom",
        "#articleContent",
        "div.article",
        "div.content",
        "div.m-content",
    ]),
    paragraphs: selector("p"),
    pictures: selector("table.pci_c, div.attachment, figure"),
    images: selector("img[src]"),
    captions: selector("div.att-content, figcaption, tr:nth-of-type(2) p, p"),
    first_p: selector("p"),
    script: selector("script"),
    refresh: selector("meta[http-equiv][content]"),
});

/// Everything the document says.
pub fn parse(text: &str, location: &str) -> Parsed {
    let html = Html::parse_document(text);
    let select = &*SELECT;
    let base = saved_from(text).unwrap_or_else(|| location.to_owned());
    let (publication, date) = publication_and_date(&html);
    Parsed {
        publication: publication
            .or_else(|| title_publication(&html))
            .or_else(|| known_paper(&base)),
        date: date.or_else(|| date_in_url(&base)),
        current: select
            .current
            .iter()
            .flat_map(|s| html.select(s))
            .find_map(|e| leading_label(&text_of(e, " ")))
            .or_else(|| current_in_text(&html)),
        pages: page_links(&html),
        headlines: headlines(&html),
        article: article(&html, &base),
        hotspots: html
            .select(&select.areas)
            .filter_map(|a| a.value().attr("href"))
            .map(str::to_owned)
            .collect(),
        refresh: refresh(&html),
    }
}

/// The URL a browser's "save page" wrote into the file, which the page's
/// relative links and its date are read against.
fn saved_from(text: &str) -> Option<String> {
    let head = prefix(text, 4096);
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

/// The page list: the first selector that finds entries shaped like page
/// labels, else every link whose text is one.
fn page_links(html: &Html) -> Vec<PageLink> {
    let select = &*SELECT;
    let from = |anchors: &mut dyn Iterator<Item = ElementRef<'_>>| {
        let mut links: Vec<PageLink> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for anchor in anchors {
            let Some((label, name)) = clean::page_label(&text_of(anchor, " ")) else {
                continue;
            };
            let (letters, number) = clean::page_key(&label);
            if !seen.insert((letters.to_owned(), number.to_owned())) {
                continue;
            }
            links.push(PageLink {
                label,
                name,
                href: anchor.value().attr("href").map(str::to_owned),
            });
        }
        links
    };
    for css in &select.page_links {
        let links = from(&mut html.select(css));
        if !links.is_empty() {
            return links;
        }
    }
    from(&mut html.select(&select.anchors))
}

/// The headline list: the first platform selector that finds entries,
/// else every link to an article page.
fn headlines(html: &Html) -> Vec<Headline> {
    let select = &*SELECT;
    let collect = |anchors: &mut dyn Iterator<Item = ElementRef<'_>>| {
        anchors
            .filter_map(|a| {
                let title = headline_text(a);
                let href = a.value().attr("href")?;
                (!title.is_empty() && !is_navigation(&title)).then(|| Headline {
                    title,
                    href: Some(href.to_owned()),
                })
            })
            .collect::<Vec<_>>()
    };
    for css in &select.headlines {
        let found = collect(&mut html.select(css));
        if !found.is_empty() {
            return found;
        }
    }
    collect(&mut html.select(&select.anchors).filter(|a| {
        a.value().attr("href").is_some_and(is_article_link)
            && clean::page_label(&text_of(*a, " ")).is_none()
    }))
}

/// The link names an article page of one of the platforms.
fn is_article_link(href: &str) -> bool {
    let key = super::link_key(href);
    key.starts_with("content_") || key.starts_with("nw.D") || href.contains("/content/")
}

/// A headline as the list shows it: the string a `view("…")` script writes
/// (People's Daily before 2024), the first `<p>` when the entry has title
/// and subtitle in two, else its text; `<br>` becomes a space.
fn headline_text(anchor: ElementRef<'_>) -> String {
    let select = &*SELECT;
    if let Some(script) = anchor.select(&select.script).next() {
        let code: String = script.text().collect();
        if let Some(written) = script_string(&code) {
            return clean::squeeze(&written.replace("<br>", " ").replace("<BR>", " "));
        }
    }
    let paragraphs: Vec<_> = anchor.select(&select.first_p).collect();
    if paragraphs.len() > 1 {
        return clean::squeeze(&text_of(paragraphs[0], " "));
    }
    clean::squeeze(&text_of(anchor, " "))
}

/// The first string literal in a script, unescaped.
fn script_string(code: &str) -> Option<String> {
    let open = code.find(['"', '\''])?;
    let quote = code[open..].chars().next()?;
    let mut out = String::new();
    let mut chars = code[open + 1..].chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c if c == quote => return Some(out),
            c => out.push(c),
        }
    }
    None
}

fn is_navigation(title: &str) -> bool {
    matches!(
        title,
        "上一篇"
            | "下一篇"
            | "上一版"
            | "下一版"
            | "返回目录"
            | "往期阅读"
            | "放大"
            | "缩小"
            | "默认"
    ) || title.starts_with("PDF")
}

/// "01版:要闻 …" or "第A01版：头版": the label at the start.
fn leading_label(text: &str) -> Option<String> {
    let text = clean::squeeze(text);
    let text = text
        .strip_prefix("当前版")
        .map_or(text.as_str(), |t| t.trim_start_matches([':', '：', ' ']));
    let first = text.split(' ').next()?;
    clean::page_label(first).map(|(label, _)| label)
}

/// "当前版: 03版" anywhere in the text.
fn current_in_text(html: &Html) -> Option<String> {
    let text: String = html.root_element().text().collect();
    let at = text.find("当前版")?;
    leading_label(prefix(&text[at..], 64))
}

/// At most the first `bytes` bytes of `text`, cut at a character boundary.
fn prefix(text: &str, bytes: usize) -> &str {
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The text of an element, `<br>` as `br`, scripts and styles left out.
pub(super) fn text_of(element: ElementRef<'_>, br: &str) -> String {
    let mut out = String::new();
    walk(element, br, &mut out);
    out
}

fn walk(element: ElementRef<'_>, br: &str, out: &mut String) {
    // Iterative: pages nest as deep as they like, and the stack must not
    // follow them.
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in element.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(text) => out.push_str(text),
                    Node::Element(e) => match e.name() {
                        "br" => out.push_str(br),
                        "script" | "style" | "noscript" => skipping = Some(node.id()),
                        _ if hidden(e) => skipping = Some(node.id()),
                        _ => {}
                    },
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
}

/// An element the page hides (`style="display:none"`), such as People's
/// Daily's duplicate of the article body.
fn hidden(element: &scraper::node::Element) -> bool {
    element.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none")
    })
}

/// The article, when the document is an article page.
fn article(html: &Html, base: &str) -> Option<ArticleText> {
    let select = &*SELECT;
    let one = |s: &Selector| {
        html.select(s)
            .next()
            .map(|e| clean::squeeze(&text_of(e, " ")))
            .filter(|t| !t.is_empty())
    };
    let mut article = if let Some(title) = one(&select.founder_title) {
        ArticleText {
            kicker: one(&select.founder_kicker),
            title,
            subtitle: one(&select.founder_subtitle),
            byline: one(&select.founder_author).map(|b| byline_text(&b)),
            page: one(&select.founder_page).and_then(|p| {
                page_number(&p)
                    .or_else(|| clean::page_label(&format!("{p}版")).map(|(label, _)| label))
            }),
            ..ArticleText::default()
        }
    } else if let Some(found) = select
        .containers
        .iter()
        .find_map(|s| {
            html.select(s)
                .find(|c| c.select(&select.headings).next().is_some())
        })
        .and_then(headings)
    {
        found
    } else if html.select(&select.page_links[0]).next().is_none() {
        // No heading the parser knows: the headline that links here gives
        // the title (assemble), and the body is still read.
        ArticleText::default()
    } else {
        return None;
    };
    article.paragraphs = body(html);
    if article.byline.is_none() {
        article.byline = select.bylines.iter().find_map(|s| {
            html.select(s)
                .next()
                .map(|e| byline_text(&text_of(e, " ")))
                .filter(|b| !b.is_empty())
        });
    }
    if article.page.is_none() {
        article.page = select
            .dated
            .iter()
            .flat_map(|s| html.select(s))
            .find_map(|e| page_number(&text_of(e, " ")));
    }
    article.images = pictures(html, base);
    (!article.paragraphs.is_empty() || !article.images.is_empty() || !article.title.is_empty())
        .then_some(article)
}

/// 引题, 主标题 and 副题 from the headings of the article's box: h1 is the
/// title when there is one, with the h3 before it the kicker and the h2 or
/// h4 after it the subtitle; without h1, h2 is the title (Founder sites).
fn headings(container: ElementRef<'_>) -> Option<ArticleText> {
    let select = &*SELECT;
    let all: Vec<(String, String)> = container
        .select(&select.headings)
        .map(|h| {
            (
                h.value().name().to_owned(),
                clean::squeeze(&text_of(h, " ")),
            )
        })
        .filter(|(_, text)| !text.is_empty())
        .collect();
    let title_at = all
        .iter()
        .position(|(tag, _)| tag == "h1")
        .or_else(|| all.iter().position(|(tag, _)| tag == "h2"))?;
    let kicker = all[..title_at]
        .iter()
        .rev()
        .find(|(tag, _)| tag == "h3")
        .map(|(_, t)| t.clone());
    let subtitle = all[title_at + 1..]
        .iter()
        .find(|(tag, _)| tag != "h1")
        .map(|(_, t)| t.clone());
    Some(ArticleText {
        kicker,
        title: all[title_at].1.clone(),
        subtitle,
        ..ArticleText::default()
    })
}

/// The paragraphs of the body: the first body box with paragraphs, not
/// counting captions, the byline and empty paragraphs. A hidden duplicate
/// of the body (People's Daily's `display:none` copy) is not read when the
/// shown one has text.
fn body(html: &Html) -> Vec<String> {
    let select = &*SELECT;
    if let Some(content) = html.select(&select.founder_content).next() {
        if content.select(&select.paragraphs).next().is_some() {
            return paragraphs_in(content);
        }
        return text_of(content, "\n")
            .lines()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
    }
    for css in &select.bodies {
        for candidate in html.select(css) {
            let paragraphs = paragraphs_in(candidate);
            if !paragraphs.is_empty() {
                return paragraphs;
            }
        }
    }
    Vec::new()
}

fn paragraphs_in(element: ElementRef<'_>) -> Vec<String> {
    let select = &*SELECT;
    element
        .select(&select.paragraphs)
        .filter(|p| !in_picture_or_byline(*p))
        .map(|p| text_of(p, "\n").trim().to_owned())
        .filter(|t| {
            !t.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}')
                .is_empty()
        })
        .collect()
}

/// A paragraph that belongs to a picture's caption or to the byline, or
/// that the page hides.
fn in_picture_or_byline(element: ElementRef<'_>) -> bool {
    if element.value().classes().any(|c| c == "sec") {
        return true;
    }
    element.ancestors().filter_map(ElementRef::wrap).any(|a| {
        let e = a.value();
        (e.name() == "table" && e.classes().any(|c| c == "pci_c"))
            || e.classes().any(|c| c == "attachment" || c == "lai")
            || e.name() == "figure"
            || hidden(e)
    })
}

/// The pictures with their captions and credits; `src` made absolute
/// against the page's URL when that is known.
fn pictures(html: &Html, base: &str) -> Vec<Image> {
    let select = &*SELECT;
    let mut images = Vec::new();
    for picture in html.select(&select.pictures) {
        let srcs: Vec<&str> = picture
            .select(&select.images)
            .filter_map(|i| i.value().attr("src"))
            .collect();
        if srcs.is_empty() {
            continue;
        }
        let caption = picture
            .select(&select.captions)
            .map(|c| text_of(c, "\n"))
            .find(|t| !t.trim().is_empty());
        let (caption, credit) = caption.map_or((None, None), |c| split_credit(&c));
        for src in srcs {
            images.push(Image {
                caption: caption.clone(),
                credit: credit.clone(),
                src: Some(resolve(base, src)),
            });
        }
    }
    images
}

/// A caption and the credit printed with it: after a line break, or at the
/// end as "（新华社记者 某某摄）" or "新华社记者 某某 摄".
pub(super) fn split_credit(caption: &str) -> (Option<String>, Option<String>) {
    let lines: Vec<String> = caption
        .lines()
        .map(clean::squeeze)
        .filter(|l| !l.is_empty())
        .collect();
    let is_credit = |s: &str| {
        s.ends_with('摄')
            || s.starts_with("摄影")
            || s.starts_with("图片来源")
            || s.starts_with("图/")
    };
    let some = |s: String| (!s.is_empty()).then_some(s);
    if lines.len() > 1 && is_credit(lines.last().expect("two lines")) {
        let credit = lines.last().cloned();
        return (some(lines[..lines.len() - 1].join(" ")), credit);
    }
    let text = lines.join(" ");
    if let Some(inner) = text.strip_suffix(['）', ')'])
        && let Some(open) = inner.rfind(['（', '('])
    {
        let credit = inner[open..].trim_start_matches(['（', '(']).trim();
        if is_credit(credit) {
            return (
                some(inner[..open].trim().to_owned()),
                Some(credit.to_owned()),
            );
        }
    }
    if is_credit(&text) {
        // The credit is what follows the caption's last sentence.
        let cut = text
            .rfind(['。', '！', '？'])
            .map_or(0, |i| i + '。'.len_utf8());
        let credit = text[cut..].trim();
        if credit.chars().count() <= 24 {
            return (some(text[..cut].trim().to_owned()), Some(credit.to_owned()));
        }
    }
    (some(text), None)
}

/// A link made absolute against the page's URL when that is an http(s)
/// URL, as a browser resolves it (RFC 3986): `./` and `../` taken away,
/// a link of only `?query` or `#fragment` kept on the page itself, spaces
/// around it dropped, spaces and non-ASCII inside it percent-encoded. Kept
/// as written when the page's URL is a file path.
pub fn resolve(base: &str, link: &str) -> String {
    let link = link.trim_matches(|c: char| c.is_ascii_whitespace());
    if has_scheme(link) {
        return encode(link);
    }
    if !(base.starts_with("http://") || base.starts_with("https://")) {
        return link.to_owned();
    }
    let base = base.split('#').next().unwrap_or(base);
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let origin = origin(base);
    let base_path = base[origin.len()..].split('?').next().unwrap_or("");
    if link.is_empty() {
        return base.to_owned();
    }
    if link.starts_with('#') {
        return format!("{base}{}", encode(link));
    }
    if link.starts_with('?') {
        return format!("{origin}{base_path}{}", encode(link));
    }
    if let Some(rest) = link.strip_prefix("//") {
        // The scheme with its colon, then the link.
        let scheme = &base[..scheme_end - "//".len()];
        return encode(&format!("{scheme}//{rest}"));
    }
    let (path, suffix) = match link.find(['?', '#']) {
        Some(i) => (&link[..i], &link[i..]),
        None => (link, ""),
    };
    let merged = if path.starts_with('/') {
        path.to_owned()
    } else {
        let dir = &base_path[..base_path.rfind('/').map_or(0, |i| i + 1)];
        format!("/{}{path}", dir.trim_start_matches('/'))
    };
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = merged.split('/').skip(1).collect();
    let mut trailing = false;
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match *part {
            "." | "" => trailing = last,
            ".." => {
                segments.pop();
                trailing = last;
            }
            part => segments.push(part),
        }
    }
    let mut out = origin.to_owned();
    for segment in &segments {
        out.push('/');
        out.push_str(segment);
    }
    if trailing || segments.is_empty() {
        out.push('/');
    }
    out.push_str(suffix);
    encode(&out)
}

/// `http://host:port` of a URL: what two URLs share when they are on the
/// same site.
pub fn origin(url: &str) -> &str {
    let scheme_end = url.find("://").map_or(0, |i| i + 3);
    let end = url[scheme_end..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| scheme_end + i);
    &url[..end]
}

/// `javascript:`, `mailto:`, `http:`: a link that names its scheme.
fn has_scheme(link: &str) -> bool {
    let Some(colon) = link.find(':') else {
        return false;
    };
    let scheme = &link[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Spaces, controls and non-ASCII characters percent-encoded, as a
/// browser sends them.
fn encode(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_graphic() {
            out.push(c);
        } else {
            let mut buffer = [0; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

/// "作者：本报记者 某某" → "本报记者 某某"; "本报记者 某某 《人民日报》（…）"
/// loses the citation.
fn byline_text(text: &str) -> String {
    let text = clean::squeeze(text);
    let text = text.split('《').next().unwrap_or(&text).trim();
    let text = ["作者：", "作者:", "来源：", "来源:", "■"]
        .iter()
        .fold(text, |t, prefix| t.strip_prefix(prefix).unwrap_or(t).trim());
    text.to_owned()
}

/// "第 05 版" or "A05版" in a line of text: the page label.
fn page_number(text: &str) -> Option<String> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let at = text.find('版')?;
    let before = &text[..at];
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphanumeric())
        .last()
        .map(|(i, _)| i)?;
    let label = &before[start..];
    (label.chars().any(|c| c.is_ascii_digit()) && label.len() <= 4).then(|| label.to_owned())
}

/// The publication and date a dateline prints: "人民日报 2017年10月16日
/// 星期一", "《人民日报》（2026年08月03日 第 05 版）".
fn publication_and_date(html: &Html) -> (Option<String>, Option<Date>) {
    let select = &*SELECT;
    for css in &select.dated {
        for element in html.select(css) {
            let text = clean::squeeze(&text_of(element, " "));
            if let Some((at, date)) = chinese_date(&text) {
                let before = text[..at].trim();
                let named = before
                    .split_once('《')
                    .and_then(|(_, r)| r.split_once('》'))
                    .map(|(name, _)| name.trim())
                    .or_else(|| before.rsplit(' ').next())
                    .map(|name| name.trim_matches(['（', '(', ' ']))
                    .filter(|name| name.ends_with('报') || name.ends_with("日报"))
                    .map(str::to_owned);
                return (named, Some(date));
            }
        }
    }
    (None, None)
}

/// The first "2017年10月16日" in `text`: where it starts and the date.
pub fn chinese_date(text: &str) -> Option<(usize, Date)> {
    /// What is before `mark` in the next few bytes of `text`, and after.
    fn near(text: &str, mark: char) -> Option<(&str, &str)> {
        let window = prefix(text, 8);
        let at = window.find(mark)?;
        Some((&text[..at], &text[at + mark.len_utf8()..]))
    }

    let mut from = 0;
    while let Some(offset) = text[from..].find('年') {
        let year_end = from + offset;
        let digits_start = text[..year_end]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit())
            .last()
            .map(|(i, _)| i);
        from = year_end + '年'.len_utf8();
        let Some(start) = digits_start.filter(|&s| year_end - s == 4) else {
            continue;
        };
        let Ok(year) = text[start..year_end].parse::<u16>() else {
            continue;
        };
        // Month and day are a few characters each: look no further.
        let Some((month, rest)) = near(&text[from..], '月') else {
            continue;
        };
        let Some((day, _)) = near(rest, '日') else {
            continue;
        };
        if let (Ok(month), Ok(day)) = (month.trim().parse::<u8>(), day.trim().parse::<u8>())
            && let Some(date) = Date::new(year, month, day)
        {
            return Some((start, date));
        }
    }
    None
}

/// The date in a page's URL: `2017-10/16`, `202412/01`, `20171016` inside
/// a file name, or `2021-10-07`.
pub fn date_in_url(url: &str) -> Option<Date> {
    url_date(url).map(|found| found.date)
}

/// A date found in a URL, with where it is and how it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlDate {
    pub date: Date,
    pub span: std::ops::Range<usize>,
    /// The bytes after the year and after the month: `-` and `/` for
    /// `2017-10/16`, none and `/` for `202412/01`.
    separators: (Option<u8>, Option<u8>),
}

impl UrlDate {
    /// `url` with this date replaced by `date`, written the same way.
    pub fn replace(&self, url: &str, date: Date) -> String {
        let sep = |s: Option<u8>| s.map(char::from).map(String::from).unwrap_or_default();
        let written = format!(
            "{:04}{}{:02}{}{:02}",
            date.year(),
            sep(self.separators.0),
            date.month(),
            sep(self.separators.1),
            date.day()
        );
        format!(
            "{}{written}{}",
            &url[..self.span.start],
            &url[self.span.end..]
        )
    }
}

/// The first date in `url` in one of the forms the sites use.
pub fn url_date(url: &str) -> Option<UrlDate> {
    let bytes = url.as_bytes();
    let digits = |at: usize, n: usize| -> Option<u32> {
        let s = url.get(at..at + n)?;
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let separator = |at: usize| bytes.get(at).copied().filter(|b| matches!(b, b'-' | b'/'));
    for start in 0..bytes.len() {
        if start > 0 && bytes[start - 1].is_ascii_digit() {
            continue;
        }
        let Some(year) = digits(start, 4) else {
            continue;
        };
        // YYYY-MM/DD or YYYY-MM-DD; YYYYMM/DD; YYYYMMDD.
        let forms = [
            (separator(start + 4), separator(start + 7), 5, 8, 10),
            (None, separator(start + 6), 4, 7, 9),
            (None, None, 4, 6, 8),
        ];
        for (first, second, month_at, day_at, end) in forms {
            let wanted = (month_at == 5, day_at != 6);
            if (first.is_some(), second.is_some()) != wanted
                || bytes.get(start + end).is_some_and(u8::is_ascii_digit)
            {
                continue;
            }
            let (Some(month), Some(day)) = (digits(start + month_at, 2), digits(start + day_at, 2))
            else {
                continue;
            };
            if let (Ok(y), Ok(m), Ok(d)) =
                (u16::try_from(year), u8::try_from(month), u8::try_from(day))
                && (1990..=2100).contains(&y)
                && let Some(date) = Date::new(y, m, d)
            {
                return Some(UrlDate {
                    date,
                    span: start..start + end,
                    separators: (first, second),
                });
            }
        }
    }
    None
}

/// Where a `<meta http-equiv="refresh" content="0; url=…">` sends the
/// reader: an entry page such as `paperindex.htm` that points at the
/// current issue.
fn refresh(html: &Html) -> Option<String> {
    html.select(&SELECT.refresh)
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

/// The paper's name from the page title: "内蒙古日报数字报-第01版" →
/// "内蒙古日报".
fn title_publication(html: &Html) -> Option<String> {
    const SUFFIXES: [&str; 6] = [
        "数字报刊平台",
        "数字报纸",
        "数字报",
        "电子版",
        "数字版",
        "电子报",
    ];
    let title = clean::squeeze(&text_of(html.select(&SELECT.title).next()?, " "));
    let segments: Vec<&str> = title
        .split(['-', '_', '|', '—', ' ', '：', ':'])
        .filter(|s| !s.is_empty())
        .collect();
    // "江城日报数字报-第A01版" names the paper by its e-paper's name; an
    // article page's "标题--人民日报" puts it last, after a headline that
    // may itself end in 报 (公报, 捷报).
    let named = segments.iter().find_map(|segment| {
        SUFFIXES
            .iter()
            .find_map(|suffix| segment.strip_suffix(suffix))
            .filter(|name| name.ends_with('报'))
    });
    let name = named.or_else(|| segments.last().copied().filter(|s| s.ends_with('报')))?;
    (name.chars().count() <= 12).then(|| name.to_owned())
}

/// Papers known by the code in their URLs.
fn known_paper(url: &str) -> Option<String> {
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
        .map(|(_, name)| (*name).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_urls() {
        let cases = [
            (
                "http://paper.people.com.cn/rmrb/html/2017-10/16/nbs.D110000renmrb_01.htm",
                Some((2017, 10, 16)),
            ),
            (
                "https://paper.people.com.cn/rmrb/pc/layout/202412/01/node_01.html",
                Some((2024, 12, 1)),
            ),
            ("nw.D110000renmrb_20171016_1-01.htm", Some((2017, 10, 16))),
            ("resfile/2021-10-07/04/a_s.jpg", Some((2021, 10, 7))),
            ("node_20333.htm", None),
            ("content_2021131_1.htm", None),
        ];
        for (url, want) in cases {
            let want = want.and_then(|(y, m, d)| Date::new(y, m, d));
            assert_eq!(date_in_url(url), want, "{url}");
        }
    }

    #[test]
    fn dates_in_urls_are_replaced_in_their_own_form() {
        let day = Date::new(2025, 1, 6).unwrap();
        for (url, want) in [
            (
                "http://x.cn/rmrb/html/2017-10/16/nbs.D110000renmrb_01.htm",
                "http://x.cn/rmrb/html/2025-01/06/nbs.D110000renmrb_01.htm",
            ),
            (
                "http://x.cn/rmrb/pc/layout/202412/01/node_01.html",
                "http://x.cn/rmrb/pc/layout/202501/06/node_01.html",
            ),
            (
                "http://x.cn/a/20171016/b.htm",
                "http://x.cn/a/20250106/b.htm",
            ),
            (
                "http://x.cn/res/2021-10-07/x.htm",
                "http://x.cn/res/2025-01-06/x.htm",
            ),
        ] {
            let found = url_date(url).unwrap();
            assert_eq!(found.replace(url, day), want);
        }
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
    fn links_resolve_as_a_browser_resolves_them() {
        let base = "http://paper.example.cn/rmrb/html/2017-10/16/nbs.D110000renmrb_01.htm";
        assert_eq!(
            resolve(base, "nbs.D110000renmrb_02.htm"),
            "http://paper.example.cn/rmrb/html/2017-10/16/nbs.D110000renmrb_02.htm"
        );
        assert_eq!(
            resolve(base, "./nbs.D110000renmrb_03.htm"),
            "http://paper.example.cn/rmrb/html/2017-10/16/nbs.D110000renmrb_03.htm"
        );
        assert_eq!(
            resolve(base, "../../../page/2017-10/16/01/a.jpg"),
            "http://paper.example.cn/rmrb/page/2017-10/16/01/a.jpg"
        );
        assert_eq!(
            resolve(base, "/x.htm?a=1"),
            "http://paper.example.cn/x.htm?a=1"
        );
        assert_eq!(resolve(base, "https://other.cn/y"), "https://other.cn/y");
        assert_eq!(resolve("saved/page.htm", "content_1.htm"), "content_1.htm");
        let base = "http://h.cn/a/b.htm";
        for (link, want) in [
            ("./", "http://h.cn/a/"),
            ("../", "http://h.cn/"),
            ("../../..", "http://h.cn/"),
            ("x/", "http://h.cn/a/x/"),
            ("", "http://h.cn/a/b.htm"),
            ("?div=-1", "http://h.cn/a/b.htm?div=-1"),
            ("#t", "http://h.cn/a/b.htm#t"),
            ("c.htm?u=http://x", "http://h.cn/a/c.htm?u=http://x"),
            (" content_1.htm ", "http://h.cn/a/content_1.htm"),
            ("图 1.jpg", "http://h.cn/a/%E5%9B%BE%201.jpg"),
            ("//cdn.cn/p.jpg", "http://cdn.cn/p.jpg"),
            ("javascript:void(0)", "javascript:void(0)"),
        ] {
            assert_eq!(resolve(base, link), want, "{link:?}");
        }
    }

    #[test]
    fn captions_and_credits() {
        let cases = [
            (
                "农民在田间收割。\n新华社记者 某某摄",
                (Some("农民在田间收割。"), Some("新华社记者 某某摄")),
            ),
            (
                "农民在田间收割。（本报记者 某某 摄）",
                (Some("农民在田间收割。"), Some("本报记者 某某 摄")),
            ),
            (
                "农民在田间收割。 新华社记者 某某摄",
                (Some("农民在田间收割。"), Some("新华社记者 某某摄")),
            ),
            ("农民在田间收割。", (Some("农民在田间收割。"), None)),
            ("新华社记者 某某摄", (None, Some("新华社记者 某某摄"))),
        ];
        for (caption, (text, credit)) in cases {
            let got = split_credit(caption);
            assert_eq!(
                got,
                (text.map(str::to_owned), credit.map(str::to_owned)),
                "{caption}"
            );
        }
    }

    #[test]
    fn datelines() {
        assert_eq!(
            chinese_date("人民日报 2017年10月16日 星期一").map(|(at, d)| (at, d.to_string())),
            Some((13, "2017-10-16".to_owned()))
        );
        assert_eq!(chinese_date("2021年2月30日"), None);
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
        assert_eq!(
            chinese_date("公元99999年1月1日，2021年2月3日"),
            Date::new(2021, 2, 3).map(|d| (25, d))
        );
    }

    #[test]
    fn script_written_headlines() {
        assert_eq!(
            script_string(r#"document.write(view("中共中央召开<br>座谈会  "))"#).as_deref(),
            Some("中共中央召开<br>座谈会  ")
        );
    }
}
