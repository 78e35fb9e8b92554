//! Reading the parsed tree: an element's text as a reader sees it (scripts,
//! styles and hidden boxes left out, walked without recursion), where an
//! element links to, the shape of an element for grouping repeated
//! entries, and what a page says outside its visible text: Founder's
//! `<!--enpproperty …-->` metadata, the strings its scripts assign, its
//! `<meta>` fields.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Node};

use crate::import::clean;
use crate::import::links::{is_not_a_page, onclick_target};

/// The text of an element, `<br>` as `br`, scripts and styles left out.
pub fn text_of(element: ElementRef<'_>, br: &str) -> String {
    let mut out = String::new();
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
                        "script" | "style" | "noscript" | "select" | "option" => {
                            skipping = Some(node.id());
                        }
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
    out
}

/// The squeezed text of an element: what a headline or a label reads.
pub fn plain(element: ElementRef<'_>) -> String {
    tidy(&text_of(element, " "))
}

/// Text squeezed, with `<br>` written out in an attribute ("第一行<br/>第二行")
/// as a space, bullets before an entry ("· ", "* ") dropped, and letter
/// spacing between single hanzi ("公 告", "综 合") closed up.
pub fn tidy(text: &str) -> String {
    let mut text = text.to_owned();
    for br in ["<br/>", "<br />", "<br>", "<BR>", "<BR/>"] {
        if text.contains(br) {
            text = text.replace(br, " ");
        }
    }
    let text = clean::squeeze(&text);
    let text = text
        .trim_start_matches(['·', '*', '•', '●', '■', '□', '◆', '▪', '►'])
        .trim_start();
    close_letter_spacing(text)
}

/// "公 告" → "公告", "时 政" → "时政": a name of single hanzi with spaces
/// between them, as sites space out two-character names. Words of more
/// than one character keep their spaces ("纹枰英豪 论剑帝都").
pub fn close_letter_spacing(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let single_hanzi = |w: &&str| {
        let mut chars = w.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if ('\u{4e00}'..='\u{9fff}').contains(&c))
    };
    if words.len() > 1 && words.len() <= 8 && words.iter().all(single_hanzi) {
        words.concat()
    } else {
        text.to_owned()
    }
}

/// An element the page hides (`style="display:none"`), such as People's
/// Daily's duplicate of the article body.
pub fn hidden(element: &scraper::node::Element) -> bool {
    element.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none")
    })
}

/// Where an entry links: its `href`, the page its `onclick` opens, else
/// the link around it or the one link inside it. Links to nowhere, to
/// PDFs and pictures are none.
pub fn link_of(element: ElementRef<'_>) -> Option<String> {
    let own = |e: ElementRef<'_>| {
        let value = e.value();
        value
            .attr("href")
            .map(str::to_owned)
            .filter(|h| !is_not_a_page(h))
            .or_else(|| value.attr("onclick").and_then(onclick_target))
            .or_else(|| scripted_link(value))
            .filter(|h| !is_not_a_page(h))
    };
    if let Some(link) = own(element) {
        return Some(link);
    }
    if let Some(link) = element
        .ancestors()
        .take(3)
        .filter_map(ElementRef::wrap)
        .find_map(own)
    {
        return Some(link);
    }
    let inside: Vec<String> = element
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter_map(own)
        .take(2)
        .collect();
    match inside.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// A page named in an attribute of the site's own (`daoxiang="Articel03002WN.htm"`,
/// `data-href`), where a script makes the element a link.
fn scripted_link(element: &scraper::node::Element) -> Option<String> {
    element.attrs().find_map(|(name, value)| {
        let page = value.split(['?', '#']).next().unwrap_or(value);
        let named = !matches!(
            name,
            "src" | "style" | "class" | "id" | "alt" | "title" | "name" | "action"
        );
        (named
            && !value.contains(char::is_whitespace)
            && [".htm", ".html", ".shtml"]
                .iter()
                .any(|ext| page.ends_with(ext)))
        .then(|| value.to_owned())
    })
}

/// The shape of an element for grouping repeated entries: its tag and
/// classes, and its parents' up to `depth`, with the numbers sites put in
/// class names (`items1`, `items2`) taken out.
pub fn signature(element: ElementRef<'_>, depth: usize) -> String {
    let mut out = String::new();
    let mut node = Some(element);
    for _ in 0..=depth {
        let Some(e) = node else { break };
        let value = e.value();
        out.push_str(value.name());
        let mut classes: Vec<String> = value
            .classes()
            .map(|c| {
                c.trim_end_matches(|ch: char| ch.is_ascii_digit())
                    .to_owned()
            })
            .filter(|c| !c.is_empty())
            .collect();
        classes.sort();
        for class in classes {
            out.push('.');
            out.push_str(&class);
        }
        out.push('<');
        node = e.parent().and_then(ElementRef::wrap);
    }
    out
}

/// Whether an element sits in the site's furniture: a footer, a copyright
/// box, the site's navigation bar.
pub fn in_furniture(element: ElementRef<'_>) -> bool {
    const WORDS: &[&str] = &[
        "foot",
        "feeter",
        "copyright",
        "bottom",
        "topnav",
        "head3",
        "menu-top",
    ];
    // Within a few dozen levels: a footer is near what it holds, and the
    // walk must not follow a page nested without end.
    element
        .ancestors()
        .take(48)
        .filter_map(ElementRef::wrap)
        .any(|a| {
            let value = a.value();
            let named = |s: &str| {
                let s = s.to_ascii_lowercase();
                WORDS.iter().any(|w| s.contains(w))
            };
            value.id().is_some_and(named) || value.classes().any(named) || value.name() == "footer"
        })
}

/// The first string literal in a script, unescaped.
pub fn script_string(code: &str) -> Option<String> {
    string_literal(code).map(|(text, _)| text)
}

/// The first string literal in `code`, unescaped, and the byte after its
/// closing quote.
fn string_literal(code: &str) -> Option<(String, usize)> {
    let open = code.find(['"', '\''])?;
    let quote = code[open..].chars().next()?;
    let mut out = String::new();
    let mut chars = code[open + 1..].char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => out.extend(chars.next().map(|(_, c)| c)),
            c if c == quote => return Some((out, open + 1 + at + c.len_utf8())),
            c => out.push(c),
        }
    }
    None
}

/// What a page says outside its visible text.
#[derive(Debug, Default)]
pub struct Hidden {
    /// Fields of `<!--enpproperty <founder-title>…</founder-title>…-->`.
    pub enp: HashMap<String, String>,
    /// Strings scripts assign: `var YMD="20240909";` → YMD.
    pub scripts: HashMap<String, String>,
    /// `<meta name=… content=…>`, names in lower case.
    pub meta: HashMap<String, String>,
}

/// Scripts longer than this are libraries, not a page's settings.
const SCRIPT_SCAN: usize = 64 << 10;

impl Hidden {
    pub fn read(html: &Html) -> Hidden {
        let mut hidden = Hidden::default();
        for node in html.tree.nodes() {
            match node.value() {
                Node::Comment(comment) => {
                    let text: &str = comment;
                    if let Some(rest) = text.trim_start().strip_prefix("enpproperty") {
                        enp_fields(rest, &mut hidden.enp);
                    }
                }
                Node::Element(e) if e.name() == "meta" => {
                    if let (Some(name), Some(content)) = (e.attr("name"), e.attr("content")) {
                        hidden
                            .meta
                            .entry(name.to_ascii_lowercase())
                            .or_insert_with(|| content.to_owned());
                    }
                }
                Node::Element(e) if e.name() == "script" => {
                    let code: String = node
                        .children()
                        .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                        .collect();
                    if code.len() <= SCRIPT_SCAN {
                        assignments(&code, &mut hidden.scripts);
                    }
                }
                _ => {}
            }
        }
        hidden
    }
}

/// `<name>value</name>` pairs, as Founder's metadata comment holds them.
fn enp_fields(text: &str, into: &mut HashMap<String, String>) {
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else { break };
        let name = &after[..close];
        if name.is_empty() || name.starts_with('/') || name.contains([' ', '<']) {
            rest = &after[close + 1..];
            continue;
        }
        let body = &after[close + 1..];
        let end_tag = format!("</{name}>");
        let Some(end) = body.find(&end_tag) else {
            rest = body;
            continue;
        };
        let value = clean::squeeze(&body[..end]);
        into.entry(name.to_owned()).or_insert(value);
        rest = &body[end + end_tag.len()..];
    }
}

/// Every `name = "string"` (or `name: "string"` in an object) in a
/// script; the first assignment of a name is kept.
fn assignments(code: &str, into: &mut HashMap<String, String>) {
    let bytes = code.as_bytes();
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$' || c == '.';
    let mut at = 0;
    while let Some(offset) = code[at..].find(['=', ':', '"', '\'']) {
        let sign = at + offset;
        at = sign + 1;
        if matches!(bytes[sign], b'"' | b'\'') {
            // A string that is not assigned: skip it whole, so that what
            // is inside it is not read as code.
            match string_literal(&code[sign..]) {
                Some((_, end)) => at = sign + end,
                None => return,
            }
            continue;
        }
        if bytes.get(sign + 1) == Some(&b'=')
            || (sign > 0 && matches!(bytes[sign - 1], b'=' | b'!' | b'<' | b'>'))
        {
            continue;
        }
        let name_end = code[..sign].trim_end().len();
        let name_start = code[..name_end]
            .char_indices()
            .rev()
            .find(|(_, c)| !ident(*c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let name = code[name_start..name_end].trim_start_matches(['.']);
        let name = name.rsplit('.').next().unwrap_or(name);
        let value_at = sign + 1 + (code[sign + 1..].len() - code[sign + 1..].trim_start().len());
        if !code[value_at..].starts_with(['"', '\'']) {
            continue;
        }
        let Some((string, end)) = string_literal(&code[value_at..]) else {
            return;
        };
        at = value_at + end;
        if !name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit()) {
            into.entry(name.to_owned()).or_insert(string);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_spacing_and_bullets() {
        assert_eq!(tidy("公 告"), "公告");
        assert_eq!(tidy("综 合"), "综合");
        assert_eq!(
            tidy("· 习近平同志《论教育》出版发行"),
            "习近平同志《论教育》出版发行"
        );
        assert_eq!(tidy("纹枰英豪 论剑帝都"), "纹枰英豪 论剑帝都");
        assert_eq!(
            tidy("市妇幼保健院与<br/>叠彩区教育局签署共建协议"),
            "市妇幼保健院与 叠彩区教育局签署共建协议"
        );
        assert_eq!(tidy("人 民 网 版 权 所 有"), "人民网版权所有");
    }

    #[test]
    fn what_a_page_says_outside_its_text() {
        let page = "<html><head><meta name=\"publishdate\" content=\"2024-09-09 \">\
            <script>var banciArray=\"001,002,003\".split(\",\"); var YMD=\"20240909\"; if (a == 'b') {}\
            var paperName = '开封日报'; obj = {date: '2022-05-19'};</script></head>\
            <body><p>x</p><!--enpproperty <founder-date>2024-11-06</founder-date><founder-author></founder-author>\
            <founder-title>本报重磅推出</founder-title> /enpproperty--></body></html>";
        let hidden = Hidden::read(&Html::parse_document(page));
        assert_eq!(
            hidden.scripts.get("banciArray").map(String::as_str),
            Some("001,002,003")
        );
        assert_eq!(
            hidden.scripts.get("YMD").map(String::as_str),
            Some("20240909")
        );
        assert_eq!(
            hidden.scripts.get("paperName").map(String::as_str),
            Some("开封日报")
        );
        assert_eq!(
            hidden.scripts.get("date").map(String::as_str),
            Some("2022-05-19")
        );
        assert!(!hidden.scripts.contains_key("a"));
        assert_eq!(
            hidden.enp.get("founder-title").map(String::as_str),
            Some("本报重磅推出")
        );
        assert_eq!(
            hidden.enp.get("founder-author").map(String::as_str),
            Some("")
        );
        assert_eq!(
            hidden.meta.get("publishdate").map(String::as_str),
            Some("2024-09-09 ")
        );
    }

    #[test]
    fn signatures_forget_numbered_classes() {
        let page =
            "<table><tr class=items1><td>a</td></tr><tr class=items2><td>b</td></tr></table>";
        let html = Html::parse_document(page);
        let rows: Vec<String> = html
            .select(&scraper::Selector::parse("tr").unwrap())
            .map(|tr| signature(tr, 2))
            .collect();
        assert_eq!(rows[0], rows[1]);
        assert!(rows[0].starts_with("tr.items<"), "{}", rows[0]);
    }

    #[test]
    fn links_from_href_onclick_and_around() {
        let page = "<a href='content_1.htm'><div id=mp1>标题</div></a>\
            <table><tr id=r onclick=\"javascript:window.location.href='../x/x_1.htm'\"><td><span id=s>标题</span></td></tr></table>\
            <a id=pdf href='../a/1.pdf'>PDF</a>";
        let html = Html::parse_document(page);
        let one = |css: &str| {
            link_of(
                html.select(&scraper::Selector::parse(css).unwrap())
                    .next()
                    .unwrap(),
            )
        };
        assert_eq!(one("#mp1").as_deref(), Some("content_1.htm"));
        assert_eq!(one("#s").as_deref(), Some("../x/x_1.htm"));
        assert_eq!(one("#pdf"), None);
    }
}
