//! An article page: 引题 (kicker), 主标题 (title), 副题 (subtitle), byline,
//! the page it is on, its paragraphs and its pictures with their captions
//! and credits.
//!
//! Each part is read from the profile's sources, then from the places
//! every platform family uses (Founder's `<founder-title>` tags and its
//! `<!--enpproperty …-->` metadata, the h3/h1/h2 of an article box, People's
//! Daily's `#ozoom`), and for the body, where nothing names it, from the
//! densest block of paragraphs on a page that is not a page of headlines.

use std::collections::HashMap;
use std::sync::LazyLock;

use scraper::{ElementRef, Selector};

use super::dom::{self, hidden, in_furniture, own_text, plain, text_of};
use super::{Doc, sources};
use crate::import::explain::Explanation;
use crate::import::links::resolve;
use crate::import::profile::{ArticleSources, Source};
use crate::import::{ArticleText, clean};
use crate::model::Image;

/// Where the generic extractor looks for an article's parts.
static GENERIC: LazyLock<ArticleSources> = LazyLock::new(|| ArticleSources {
    headings: sources(&[
        "div.text_c",
        "div.article",
        "div.content",
        "div.main-content",
        "div.m-content",
        "div.article-box",
        "div.newsdetatit",
    ]),
    title: sources(&["founder-title", "enp:founder-title", "enp:title"]),
    kicker: sources(&[
        "founder-introtitle",
        "enp:founder-introtitle",
        "enp:introtitle",
    ]),
    subtitle: sources(&["founder-subtitle", "enp:founder-subtitle", "enp:subtitle"]),
    byline: sources(&[
        "founder-author",
        "enp:founder-author",
        "enp:author",
        "div.lai",
        "p.sec",
        "div.byline",
        "div.author",
        "p.author",
    ]),
    page: sources(&[
        "founder-pagenum",
        "enp:founder-pagenum",
        "#riqi_",
        "span.date",
        "p.sec",
        ".paper-bot .right",
        ".paper-top .right",
        "#date",
        "td.px12",
    ]),
    body: sources(&[
        "founder-content",
        "#ozoom",
        "#articleContent",
        "div.article",
        "div.content",
        "div.m-content",
        "div.newsdetatext",
    ]),
    pictures: sources(&["table.pci_c", "div.attachment", "figure"]),
});

static HEADINGS: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("h1, h2, h3, h4").expect("a selector"));
static PARAGRAPHS: LazyLock<Selector> = LazyLock::new(|| Selector::parse("p").expect("a selector"));
static IMAGES: LazyLock<Selector> =
    LazyLock::new(|| Selector::parse("img[src]").expect("a selector"));
static CAPTIONS: LazyLock<Selector> = LazyLock::new(|| {
    Selector::parse("div.att-content, figcaption, tr:nth-of-type(2) p, p").expect("a selector")
});

/// The article, when the document has one. A page of headlines (`page`)
/// has one only when something names its title: its lists are not a body.
pub(super) fn article(doc: &Doc<'_>, page: bool, explain: &mut Explanation) -> Option<ArticleText> {
    let profile = doc.profile.map(|p| &p.article);
    let mut text = ArticleText::default();
    let mut named = false;
    // 引题, 主标题 and 副题 from an article box's headings, then from what
    // names each part, which is surer.
    let found =
        either(profile, |a| &a.headings).find_map(|s| headings(doc, s).map(|found| (s, found)));
    if let Some((source, found)) = found {
        let from = format!("{} (the box's headings)", from(doc, source, profile));
        explain.found("title", found.title.clone(), from);
        text = found;
        named = true;
    } else if !page && let Some(found) = around_h1(doc) {
        // An article page of a layout no one has described: its h1 and
        // the headings beside it.
        explain.found(
            "title",
            found.title.clone(),
            "generic: the h1 and the headings beside it",
        );
        text = found;
        named = true;
    }
    let read = |list: fn(&ArticleSources) -> &Vec<Source>, clean: fn(String) -> String| {
        either(profile, list).find_map(|source| {
            doc.values(source)
                .into_iter()
                .map(|v| clean(v.text))
                .find(|t| !t.is_empty())
                .map(|t| (t, from(doc, source, profile)))
        })
    };
    if let Some((title, from)) = read(|a| &a.title, |t| t) {
        explain.found("title", title.clone(), from);
        text.title = title;
        named = true;
    }
    for (what, value, slot) in [
        ("kicker", read(|a| &a.kicker, |t| t), &mut text.kicker),
        ("subtitle", read(|a| &a.subtitle, |t| t), &mut text.subtitle),
        (
            "byline",
            read(|a| &a.byline, |t| byline_text(&t)),
            &mut text.byline,
        ),
    ] {
        if let Some((value, from)) = value {
            explain.found(what, value.clone(), from);
            *slot = Some(value);
        }
    }
    if page && !named {
        return None;
    }
    text.page = either(profile, |a| &a.page)
        .find_map(|source| {
            // A number alone is a page only where a field holds nothing else.
            let bare = matches!(source, Source::Enp(_))
                || matches!(source, Source::Css { written, .. } if written.ends_with("pagenum"));
            doc.values(source).into_iter().find_map(|v| {
                let label = page_number(&v.text, bare)?;
                explain.found("on page", label.clone(), from(doc, source, profile));
                Some(label)
            })
        })
        .or_else(|| {
            // "版次：A02" wherever the page prints it.
            super::lists::short_texts(doc, 24)
                .into_iter()
                .find_map(|(text, _)| {
                    if !text.starts_with("版次") {
                        return None;
                    }
                    let label = page_number(&text, false)?;
                    explain.found("on page", label.clone(), format!("generic: “{text}”"));
                    Some(label)
                })
        });
    text.paragraphs = body(doc, profile, page, explain);
    for source in either(profile, |a| &a.pictures) {
        let found = pictures(doc, source);
        if !found.is_empty() {
            explain.found(
                "pictures",
                found.len().to_string(),
                from(doc, source, profile),
            );
            text.images = found;
            break;
        }
    }
    (named || !text.paragraphs.is_empty() || !text.images.is_empty()).then_some(text)
}

/// The profile's sources for one part, then the generic extractor's.
fn either(
    profile: Option<&ArticleSources>,
    list: fn(&ArticleSources) -> &Vec<Source>,
) -> impl Iterator<Item = &Source> {
    profile
        .map(|a| list(a).as_slice())
        .into_iter()
        .chain([list(&GENERIC).as_slice()])
        .flatten()
}

/// "founder: enp:author" when the source is the profile's, else
/// "generic: …".
fn from(doc: &Doc<'_>, source: &Source, profile: Option<&ArticleSources>) -> String {
    let theirs = profile.is_some_and(|a| {
        [
            &a.headings,
            &a.title,
            &a.kicker,
            &a.subtitle,
            &a.byline,
            &a.page,
            &a.body,
            &a.pictures,
        ]
        .iter()
        .any(|list| list.iter().any(|s| std::ptr::eq(s, source)))
    });
    if theirs {
        doc.source_name(source)
    } else {
        format!("generic: {}", source.written())
    }
}

/// 引题, 主标题 and 副题 from the headings of the first box of `source`
/// that has some: h1 is the title when there is one, with the h3 before it
/// the kicker and the heading after it the subtitle; without h1, h2 is the
/// title (Founder sites); a lone h3 is the title (tqPaper's article box).
fn headings(doc: &Doc<'_>, source: &Source) -> Option<ArticleText> {
    let container = doc
        .elements(source)
        .into_iter()
        .find(|c| c.select(&HEADINGS).next().is_some())?;
    headings_in(container)
}

/// 引题, 主标题 and 副题 from the headings inside `container`.
fn headings_in(container: ElementRef<'_>) -> Option<ArticleText> {
    let all: Vec<(String, String)> = container
        .select(&HEADINGS)
        .map(|h| (h.value().name().to_owned(), plain(h)))
        .filter(|(_, text)| !text.is_empty())
        .collect();
    let title_at = all
        .iter()
        .position(|(tag, _)| tag == "h1")
        .or_else(|| all.iter().position(|(tag, _)| tag == "h2"))
        .or_else(|| (all.len() == 1).then_some(0))?;
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

/// 引题, 主标题 and 副题 from the headings of the box that holds the
/// page's first h1.
fn around_h1(doc: &Doc<'_>) -> Option<ArticleText> {
    static H1: LazyLock<Selector> = LazyLock::new(|| Selector::parse("h1").expect("a selector"));
    let h1 = doc.html.select(&H1).find(|h| !plain(*h).is_empty())?;
    let parent = h1.parent().and_then(ElementRef::wrap)?;
    headings_in(parent)
}

/// The body's paragraphs: the profile's boxes, the platforms' usual ones,
/// else (on an article page) the densest block of paragraphs.
fn body(
    doc: &Doc<'_>,
    profile: Option<&ArticleSources>,
    page: bool,
    explain: &mut Explanation,
) -> Vec<String> {
    for source in either(profile, |a| &a.body) {
        // The first few boxes: a body is the first box of its kind, and a
        // page of boxes nested in their like is not read box by box.
        for element in doc.elements(source).into_iter().take(8) {
            let paragraphs = paragraphs_in(element);
            if !paragraphs.is_empty() {
                explain.found(
                    "paragraphs",
                    paragraphs.len().to_string(),
                    from(doc, source, profile),
                );
                return paragraphs;
            }
        }
    }
    if page {
        return Vec::new();
    }
    let Some(densest) = densest(doc) else {
        return Vec::new();
    };
    let paragraphs = paragraphs_in(densest);
    if !paragraphs.is_empty() {
        explain.found(
            "paragraphs",
            paragraphs.len().to_string(),
            format!(
                "generic: the densest block of paragraphs ({})",
                dom::signature(densest, 1)
                    .trim_end_matches('<')
                    .replace('<', " in ")
            ),
        );
    }
    paragraphs
}

/// The element whose paragraphs hold the most hanzi, as readability-style
/// extractors find an article in a page of furniture: at least a few
/// sentences, and not the site's footer.
fn densest<'a>(doc: &Doc<'a>) -> Option<ElementRef<'a>> {
    let mut totals: HashMap<ego_tree::NodeId, (usize, ElementRef<'a>)> = HashMap::new();
    let mut order = Vec::new();
    for p in doc.html.select(&PARAGRAPHS) {
        let Some(parent) = p.parent().and_then(ElementRef::wrap) else {
            continue;
        };
        let hanzi = own_text(p, "")
            .chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .count();
        let entry = totals.entry(parent.id()).or_insert_with(|| {
            order.push(parent.id());
            (0, parent)
        });
        entry.0 += hanzi;
    }
    order
        .into_iter()
        .filter_map(|id| totals.get(&id).copied())
        .filter(|(hanzi, element)| *hanzi >= 20 && !in_furniture(*element))
        .max_by(|a, b| a.0.cmp(&b.0).then(std::cmp::Ordering::Greater))
        .map(|(_, element)| element)
}

/// The paragraphs of a body box, not counting captions, the byline and
/// empty paragraphs; a box without `<p>` is split at its line breaks. A
/// hidden duplicate of the body (People's Daily's `display:none` copy) is
/// not read.
fn paragraphs_in(element: ElementRef<'_>) -> Vec<String> {
    if element.select(&PARAGRAPHS).next().is_none() {
        return text_of(element, "\n")
            .lines()
            .map(|l| l.trim().to_owned())
            .filter(|l| {
                !l.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}')
                    .is_empty()
            })
            .collect();
    }
    element
        .select(&PARAGRAPHS)
        .filter(|p| !in_picture_or_byline(*p))
        .map(|p| own_text(p, "\n").trim().to_owned())
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
    element
        .ancestors()
        .filter_map(ElementRef::wrap)
        .take(16)
        .any(|a| {
            let e = a.value();
            (e.name() == "table" && e.classes().any(|c| c == "pci_c"))
                || e.classes().any(|c| c == "attachment" || c == "lai")
                || e.name() == "figure"
                || hidden(e)
        })
}

/// The pictures in the boxes of `source`, with their captions and credits;
/// `src` made absolute against the page's URL when that is known.
fn pictures(doc: &Doc<'_>, source: &Source) -> Vec<Image> {
    let mut images = Vec::new();
    for picture in doc.elements(source) {
        let srcs: Vec<&str> = picture
            .select(&IMAGES)
            .filter_map(|i| i.value().attr("src"))
            .collect();
        if srcs.is_empty() {
            continue;
        }
        let caption = picture
            .select(&CAPTIONS)
            .map(|c| text_of(c, "\n"))
            .find(|t| !t.trim().is_empty());
        let (caption, credit) = caption.map_or((None, None), |c| split_credit(&c));
        for src in srcs {
            images.push(Image {
                caption: caption.clone(),
                credit: credit.clone(),
                src: Some(resolve(doc.base, src)),
            });
        }
    }
    images
}

/// A caption and the credit printed with it: after a line break, or at the
/// end as "（新华社记者 某某摄）" or "新华社记者 某某 摄".
pub(in crate::import) fn split_credit(caption: &str) -> (Option<String>, Option<String>) {
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

/// "作者：本报记者 某某" → "本报记者 某某"; "本报记者 某某 《人民日报》（…）"
/// loses the citation; a page reference ("版次：A02") is not a byline.
fn byline_text(text: &str) -> String {
    let text = clean::squeeze(text);
    if text.starts_with("版次") {
        return String::new();
    }
    let text = text.split('《').next().unwrap_or(&text).trim();
    let text = ["作者：", "作者:", "来源：", "来源:", "■"]
        .iter()
        .fold(text, |t, prefix| t.strip_prefix(prefix).unwrap_or(t).trim());
    text.to_owned()
}

/// The page label in a line: "第 05 版", "A05版", "版次：A02", or with
/// `bare` a Founder page number alone ("01"; "01B" is page 01).
pub(super) fn page_number(text: &str, bare: bool) -> Option<String> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let fits = |label: &str| label.chars().any(|c| c.is_ascii_digit()) && label.len() <= 4;
    if let Some(rest) = text
        .strip_prefix("版次")
        .map(|r| r.trim_start_matches([':', '：']))
    {
        let label: String = rest
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        return fits(&label).then(|| founder_number(&label));
    }
    if bare
        && !text.is_empty()
        && text.len() <= 4
        && text.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return fits(&text).then(|| founder_number(&text));
    }
    let at = text.find('版')?;
    let before = &text[..at];
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphanumeric())
        .last()
        .map(|(i, _)| i)?;
    let label = &before[start..];
    fits(label).then(|| label.to_owned())
}

/// "01B" → "01": Founder's page numbers carry a letter after the digits
/// that the printed label does not.
fn founder_number(label: &str) -> String {
    let leading_digit = label.starts_with(|c: char| c.is_ascii_digit());
    if leading_digit {
        label
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .to_owned()
    } else {
        label.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn page_numbers_in_the_forms_pages_print() {
        for (text, bare, want) in [
            ("《人民日报》（2026年08月03日 第 05 版）", false, Some("05")),
            ("版次：A02", false, Some("A02")),
            ("01", true, Some("01")),
            ("01B", true, Some("01")),
            ("2024", false, None),
            ("A05版", false, Some("A05")),
            ("来源：深圳晚报 2024年08月30日", false, None),
            ("", true, None),
        ] {
            assert_eq!(page_number(text, bare).as_deref(), want, "{text}");
        }
        assert_eq!(byline_text("版次：A02"), "");
        assert_eq!(byline_text("作者：赵伟君"), "赵伟君");
    }
}
