//! Reading the parsed tree: an element's text as a reader sees it (scripts,
//! styles and hidden boxes left out, walked without recursion), where an
//! element links to, the shape of an element for grouping repeated
//! entries, and what a page says outside its visible text: Founder's
//! `<!--enpproperty …-->` metadata, the strings its scripts assign, its
//! `<meta>` fields.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};

use crate::import::clean;
use crate::import::links::{is_not_a_page, onclick_target};

/// Sets and maps keyed by the tree's nodes. A node id is a small integer
/// no page chooses, so one multiplication spreads it enough; the default
/// hasher, built to resist chosen keys, was a fifth of the time spent
/// finding a page's short texts.
pub type NodeSet = HashSet<NodeId, BuildHasherDefault<IdHasher>>;
pub type NodeMap<V> = HashMap<NodeId, V, BuildHasherDefault<IdHasher>>;

#[derive(Default)]
pub struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.write_u64(u64::from(byte));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// The text of an element, `<br>` as `br`, scripts and styles left out.
pub fn text_of(element: ElementRef<'_>, br: &str) -> String {
    walk_text(element, br, None, usize::MAX, usize::MAX)
}

/// The text of a paragraph less the paragraphs inside it (HTML without a
/// doctype nests `<p>` in tables), so that each piece of text is one
/// paragraph's and reading every paragraph reads the page once.
pub fn own_text(paragraph: ElementRef<'_>, br: &str) -> String {
    walk_text(
        paragraph,
        br,
        Some(paragraph.value().name()),
        usize::MAX,
        usize::MAX,
    )
}

/// At most this many nodes are read for a value (a title, a date, a
/// label): a value is short, and a box nested in its like thousands deep
/// must not cost its square.
pub const VALUE_NODES: usize = 4096;

/// At most this many bytes of text are read for a value: a box whose
/// text is a whole page must not be copied once per box around it.
pub const VALUE_BYTES: usize = 4096;

/// The squeezed text of an element, from its first [`VALUE_NODES`] nodes
/// and [`VALUE_BYTES`] bytes.
pub fn value_text(element: ElementRef<'_>) -> String {
    tidy(&walk_text(element, " ", None, VALUE_NODES, VALUE_BYTES))
}

/// The walk under [`text_of`]: without recursion (pages nest as deep as
/// they like and the stack must not follow them), leaving out scripts,
/// styles, menus, hidden boxes and elements named `stop` below the first,
/// and ending after `most` nodes or `bytes` bytes of text.
fn walk_text(
    element: ElementRef<'_>,
    br: &str,
    stop: Option<&str>,
    most: usize,
    bytes: usize,
) -> String {
    let mut out = String::new();
    let mut skipping: Option<ego_tree::NodeId> = None;
    for (seen, edge) in element.traverse().enumerate() {
        if seen / 2 >= most {
            break;
        }
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(text) => {
                        let room = bytes.saturating_sub(out.len());
                        if room < text.len() {
                            out.push_str(crate::import::dates::prefix(text, room));
                            break;
                        }
                        out.push_str(text);
                    }
                    Node::Element(e) => match e.name() {
                        "br" => out.push_str(br),
                        "script" | "style" | "noscript" | "select" | "option" => {
                            skipping = Some(node.id());
                        }
                        name if stop == Some(name) && node.id() != element.id() => {
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
    // Through the attributes rather than `attr`, which interns the name it
    // is asked for on every call: this is asked of every element.
    element.attrs().any(|(name, style)| {
        name == "style" && {
            let style: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            style.contains("display:none")
        }
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
        .take(VALUE_NODES)
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
    string_literal(code).ok().map(|(text, _)| text)
}

/// The first string literal in `code`, unescaped, and the byte after its
/// closing quote; or, where it does not close on its line, the byte where
/// it was given up. No literal at all gives up at the end.
fn string_literal(code: &str) -> Result<(String, usize), usize> {
    let open = code.find(['"', '\'']).ok_or(code.len())?;
    let quote = code[open..].chars().next().ok_or(code.len())?;
    let mut out = String::new();
    let mut chars = code[open + 1..].char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => out.extend(chars.next().map(|(_, c)| c)),
            '\n' => return Err(open + 1 + at),
            c if c == quote => return Ok((out, open + 1 + at + c.len_utf8())),
            c => out.push(c),
        }
    }
    Err(code.len())
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
/// A value holds no `<`, so each is what runs up to the next tag: one pass
/// over the comment, whatever it holds.
fn enp_fields(text: &str, into: &mut HashMap<String, String>) {
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(['>', '<']) else {
            break;
        };
        if after.as_bytes()[close] == b'<' {
            rest = &after[close..];
            continue;
        }
        let name = &after[..close];
        let body = &after[close + 1..];
        let value_end = body.find('<').unwrap_or(body.len());
        rest = &body[value_end..];
        if name.is_empty() || name.starts_with('/') || name.contains(' ') {
            continue;
        }
        let end_tag = format!("</{name}>");
        if rest.starts_with(&end_tag) {
            into.entry(name.to_owned())
                .or_insert_with(|| clean::squeeze(&body[..value_end]));
            rest = &rest[end_tag.len()..];
        }
    }
}

/// Every `name = "string"` (or `name: "string"` in an object) in a
/// script; the first assignment of a name is kept.
fn assignments(code: &str, into: &mut HashMap<String, String>) {
    let bytes = code.as_bytes();
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$' || c == '.';
    let mut at = 0;
    while let Some(offset) = code[at..].find(['=', ':', '"', '\'', '/']) {
        let sign = at + offset;
        at = sign + 1;
        match bytes[sign] {
            b'"' | b'\'' => {
                // A string that is not assigned: skipped whole, so that
                // what is inside it is not read as code.
                at = sign
                    + string_literal(&code[sign..]).map_or_else(|gave_up| gave_up, |(_, end)| end);
                continue;
            }
            b'/' => {
                // Comments, where an apostrophe ("don't") opens no string.
                match bytes.get(sign + 1) {
                    Some(b'/') => at = code[sign..].find('\n').map_or(code.len(), |n| sign + n),
                    Some(b'*') => {
                        at = code[sign + 2..]
                            .find("*/")
                            .map_or(code.len(), |n| sign + 2 + n + 2);
                    }
                    _ => {}
                }
                continue;
            }
            _ => {}
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
        match string_literal(&code[value_at..]) {
            Ok((string, end)) => {
                at = value_at + end;
                if !name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit()) {
                    into.entry(name.to_owned()).or_insert(string);
                }
            }
            Err(gave_up) => at = value_at + gave_up,
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
        // An apostrophe in a comment opens no string; a string that does
        // not close on its line is given up at its end.
        let page = "<script>// don't cache\n/* it's */ var YMD=\"20240909\"; var x = 'open\nvar day = \"2024-01-02\";</script>";
        let hidden = Hidden::read(&Html::parse_document(page));
        assert_eq!(
            hidden.scripts.get("YMD").map(String::as_str),
            Some("20240909")
        );
        assert_eq!(
            hidden.scripts.get("day").map(String::as_str),
            Some("2024-01-02")
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
