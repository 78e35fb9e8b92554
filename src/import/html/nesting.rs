//! Bounding what the HTML parser is given, so that its work and ours stay
//! linear in the page's size whatever its markup.
//!
//! The HTML tree builder looks through its stack of open elements for
//! almost every tag (is a `<p>` open to close, is this end tag's element in
//! scope), so a page nesting 40,000 elements costs it the square of that;
//! and every extractor that reads an element's subtree reads a nested
//! element's text once per ancestor. A browser caps the depth of the tree
//! it builds (Chromium at 512); epaper caps what it hands the parser.
//!
//! One pass over the text follows the elements a tag opens and closes, as
//! the tree builder would in the cases that matter for depth: elements
//! that never hold children, raw-text elements, a `<p>` or `<li>` closed by
//! the next one, table cells and rows closing each other, formatting
//! elements closed out of order. Where that count reaches [`MOST_DEPTH`],
//! further start tags are left out (their text stays, in the element that
//! holds it) with the end tags that close them, but for the few elements
//! a reader sees (links, paragraphs, list items, cells, headings), which
//! close each other and so add no depth. Tags with more than
//! [`MOST_ATTRIBUTES`] attributes keep their first ones: the tokenizer
//! compares each new attribute's name with every earlier one's.
//!
//! The count errs on the deep side where the tree builder's rules are
//! subtler than this pass (adoption of misnested formatting elements, foster
//! parenting in tables); an ordinary page never comes near the bound.

use std::borrow::Cow;
use std::collections::HashMap;

/// The deepest nesting handed to the parser. The eighteen real pages the
/// tests read nest 9 to 30 elements deep; the tree builder's work per tag
/// grows with this.
pub const MOST_DEPTH: usize = 128;

/// The most attributes one tag keeps.
pub const MOST_ATTRIBUTES: usize = 64;

/// `text` with start tags beyond [`MOST_DEPTH`], their end tags, and
/// attributes beyond [`MOST_ATTRIBUTES`] left out; borrowed when nothing
/// had to be.
pub fn bounded(text: &str) -> Cow<'_, str> {
    let mut pass = Pass {
        text: text.as_bytes(),
        out: None,
        copied: 0,
        open: Vec::new(),
        left_out: HashMap::new(),
    };
    pass.run();
    match pass.out {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.extend_from_slice(&pass.text[pass.copied..]);
            // Only whole tags (which start at `<` and end after `>`) or
            // whole attributes (after ASCII whitespace) are cut, so what is
            // left is still UTF-8.
            Cow::Owned(String::from_utf8(out).expect("cuts fall on ASCII bytes"))
        }
    }
}

/// An element name, lower-cased and cut to its first 15 bytes: enough to
/// tell every element the rules below name, without allocating.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Name {
    bytes: [u8; 15],
    len: u8,
    /// Whether it is one of [`SPECIAL`], and of [`SCOPE`]: asked of each
    /// open element in the searches down the stack, so found once.
    special: bool,
    scope: bool,
}

impl Name {
    fn of(raw: &[u8]) -> Name {
        let mut bytes = [0; 15];
        let len = raw.len().min(15);
        for (to, from) in bytes.iter_mut().zip(&raw[..len]) {
            *to = from.to_ascii_lowercase();
        }
        let name = &bytes[..len];
        let among = |list: &[&str]| list.iter().any(|s| s.as_bytes() == name);
        Name {
            bytes,
            len: u8::try_from(len).expect("at most 15"),
            special: among(SPECIAL),
            scope: among(SCOPE),
        }
    }

    fn is(self, name: &str) -> bool {
        &self.bytes[..usize::from(self.len)] == name.as_bytes()
    }

    fn any(self, names: &[&str]) -> bool {
        names.iter().any(|name| self.is(name))
    }
}

/// Elements that never hold children.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is text up to their own end tag.
const RAW: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dd",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// Elements a search for an open element "in scope" does not look past.
const SCOPE: &[&str] = &[
    "applet", "caption", "html", "marquee", "object", "table", "td", "th", "template",
];

/// The same, and `button`: the scope an open `<p>` is looked for in.
const BUTTON_SCOPE: &[&str] = &[
    "applet", "caption", "html", "marquee", "object", "table", "td", "th", "template", "button",
];

/// The elements HTML calls special: an end tag for an element that is
/// not one does not close past one, and a new list item does not close an
/// item past one (but for address, div and p).
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

/// Where the search for an open list item ends: a special element other
/// than address, div and p.
fn ends_item_search(name: Name) -> bool {
    name.special && !name.any(&["address", "div", "p"])
}

/// Elements the tree builder closes out of order without closing what they
/// hold.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Elements kept past the bound: links, paragraphs, items, cells and
/// headings carry what a reader sees, and each closes the one before it
/// of its kind, so they add no depth of their own.
const KEPT_DEEP: &[&str] = &[
    "a", "p", "li", "dt", "dd", "tr", "td", "th", "option", "h1", "h2", "h3", "h4", "h5", "h6",
];

/// How far past [`MOST_DEPTH`] those may go, where closing each other
/// does not hold them (a cell in an item in a link).
const KEPT_BEYOND: usize = 8;

/// Start tags the tree builder merges into the one element it already has.
const SINGLE: &[&str] = &["html", "head", "body", "frameset"];

struct Pass<'a> {
    text: &'a [u8],
    /// What is kept so far, once something has been left out.
    out: Option<Vec<u8>>,
    /// How much of `text` is in `out` (or would be).
    copied: usize,
    /// The elements open, as this pass counts them.
    open: Vec<Name>,
    /// Elements whose start tags were left out and whose end tags are still
    /// to come, with how many of each.
    left_out: HashMap<Name, usize>,
}

impl Pass<'_> {
    fn run(&mut self) {
        let text = self.text;
        let mut at = 0;
        while let Some(found) = memchr::memchr(b'<', &text[at..]) {
            let start = at + found;
            let rest = &text[start + 1..];
            at = match rest.first() {
                Some(b'!') if rest.starts_with(b"!--") => comment_end(text, start + 4),
                Some(b'!' | b'?') => find(text, start, b">").map_or(text.len(), |end| end + 1),
                Some(b'/') if rest.get(1).is_some_and(u8::is_ascii_alphabetic) => {
                    self.end_tag(start)
                }
                Some(byte) if byte.is_ascii_alphabetic() => self.start_tag(start),
                _ => start + 1,
            };
        }
    }

    /// Leaves `text[from..to]` out of what the parser is given.
    fn leave_out(&mut self, from: usize, to: usize) {
        let out = self
            .out
            .get_or_insert_with(|| Vec::with_capacity(self.text.len()));
        out.extend_from_slice(&self.text[self.copied..from]);
        self.copied = to;
    }

    /// The start tag at `start`; returns where scanning goes on.
    fn start_tag(&mut self, start: usize) -> usize {
        let text = self.text;
        let name_end = name_end(text, start + 1);
        let name = Name::of(&text[start + 1..name_end]);
        let (end, cut) = attributes(text, name_end);
        // The attributes past the bound go, unless the whole tag does.
        let keep_tag = |pass: &mut Pass<'_>| {
            if let Some(from) = cut {
                pass.leave_out(from, end - 1);
            }
        };
        if name.any(RAW) {
            keep_tag(self);
            // Its content is not markup: on to its end tag.
            return raw_end(text, end, name);
        }
        if name.any(VOID) || name.any(SINGLE) {
            keep_tag(self);
            return end;
        }
        // A self-closing `<div/>` opens a div all the same (only inside
        // svg and math does it not, where counting it open errs deep).
        self.close_implied(name);
        let kept = name.any(KEPT_DEEP) && self.open.len() < MOST_DEPTH + KEPT_BEYOND;
        if self.open.len() >= MOST_DEPTH && !kept {
            self.leave_out(start, end);
            *self.left_out.entry(name).or_insert(0) += 1;
            return end;
        }
        keep_tag(self);
        self.open.push(name);
        end
    }

    /// What a new element `name` closes before it opens.
    fn close_implied(&mut self, name: Name) {
        if name.any(CLOSES_P) {
            self.close_in_scope(|n| n.is("p"), |n| n.any(BUTTON_SCOPE));
        }
        if name.is("li") {
            self.close_in_scope(|n| n.is("li"), ends_item_search);
        } else if name.any(&["dd", "dt"]) {
            self.close_in_scope(|n| n.any(&["dd", "dt"]), ends_item_search);
        } else if name.any(&["td", "th"]) {
            self.close_in_scope(
                |n| n.any(&["td", "th"]),
                |n| n.any(&["tr", "table", "html"]),
            );
        } else if name.is("tr") {
            self.close_in_scope(|n| n.is("tr"), |n| n.any(&["table", "html"]));
        } else if name.any(&["tbody", "thead", "tfoot"]) {
            self.close_in_scope(
                |n| n.any(&["tbody", "thead", "tfoot"]),
                |n| n.any(&["table", "html"]),
            );
        } else if name.any(&["option", "optgroup"]) {
            // An option closes only an option it is in directly.
            if self.open.last().is_some_and(|top| top.is("option")) {
                self.open.pop();
            }
        } else if name.any(&["a", "nobr"]) {
            // A link inside a link closes the first: the tree builder
            // takes the first out of its stack.
            if let Some(at) = self.open.iter().rposition(|open| *open == name) {
                self.open.remove(at);
            }
        } else if name.any(&["h1", "h2", "h3", "h4", "h5", "h6"])
            && self
                .open
                .last()
                .is_some_and(|top| top.any(&["h1", "h2", "h3", "h4", "h5", "h6"]))
        {
            self.open.pop();
        }
    }

    /// Closes the nearest open element that is a `target` and all above
    /// it, unless a `limit` comes first. (The search ends at the first of
    /// either, and each element is closed once, so the work is bounded by
    /// the stack's depth, itself bounded.)
    fn close_in_scope(&mut self, target: impl Fn(Name) -> bool, limit: impl Fn(Name) -> bool) {
        for at in (0..self.open.len()).rev() {
            let open = self.open[at];
            if target(open) {
                self.open.truncate(at);
                return;
            }
            if limit(open) {
                return;
            }
        }
    }

    /// The end tag at `start`; returns where scanning goes on.
    fn end_tag(&mut self, start: usize) -> usize {
        let text = self.text;
        let name_end = name_end(text, start + 2);
        let name = Name::of(&text[start + 2..name_end]);
        let end = find(text, name_end, b">").map_or(text.len(), |end| end + 1);
        if let Some(count) = self.left_out.get_mut(&name) {
            *count -= 1;
            if *count == 0 {
                self.left_out.remove(&name);
            }
            self.leave_out(start, end);
            return end;
        }
        if name.any(FORMATTING) {
            // Closed out of order, a formatting element goes alone: what it
            // held stays open.
            if let Some(at) = self.open.iter().rposition(|open| *open == name) {
                self.open.remove(at);
            }
        } else if name.special {
            // Closes its element if one is open in scope.
            self.close_in_scope(|open| open == name, |open| open.scope);
        } else {
            // Any other end tag closes its element only if no special
            // element is open inside it.
            self.close_in_scope(|open| open == name, |open| open.special);
        }
        end
    }
}

/// Reads the attributes of a tag from `at`: where the tag ends (after its
/// `>`), and where its attributes past [`MOST_ATTRIBUTES`] begin, when it
/// has more.
fn attributes(text: &[u8], mut at: usize) -> (usize, Option<usize>) {
    let mut count = 0;
    let mut cut_from = None;
    loop {
        while at < text.len() && (text[at].is_ascii_whitespace() || text[at] == b'/') {
            at += 1;
        }
        if at >= text.len() {
            // A tag the text ends in: nothing past it to keep apart.
            return (text.len(), None);
        }
        if text[at] == b'>' {
            return (at + 1, cut_from);
        }
        let attribute = at;
        // The name: up to whitespace, `/`, `>` or `=` (a leading `=`
        // belongs to it).
        at += 1;
        while at < text.len()
            && !matches!(
                text[at],
                b'\t' | b'\n' | 0x0C | b'\r' | b' ' | b'/' | b'>' | b'='
            )
        {
            at += 1;
        }
        let mut after = at;
        while after < text.len() && text[after].is_ascii_whitespace() {
            after += 1;
        }
        if text.get(after) == Some(&b'=') {
            at = after + 1;
            while at < text.len() && text[at].is_ascii_whitespace() {
                at += 1;
            }
            match text.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    at = memchr::memchr(quote, &text[at + 1..])
                        .map_or(text.len(), |q| at + 1 + q + 1);
                }
                _ => {
                    while at < text.len() && !text[at].is_ascii_whitespace() && text[at] != b'>' {
                        at += 1;
                    }
                }
            }
        }
        count += 1;
        if count == MOST_ATTRIBUTES + 1 {
            cut_from = Some(attribute);
        }
    }
}

/// Where the tag name that starts at `at` ends.
fn name_end(text: &[u8], mut at: usize) -> usize {
    while at < text.len() && !matches!(text[at], b'\t' | b'\n' | 0x0C | b'\r' | b' ' | b'/' | b'>')
    {
        at += 1;
    }
    at
}

/// Where a comment whose text starts at `at` ends, as the tokenizer ends
/// it: `<!-->` and `<!--->` are empty comments, and `--!>` ends one as
/// `-->` does.
fn comment_end(text: &[u8], at: usize) -> usize {
    let rest = &text[at.min(text.len())..];
    if rest.starts_with(b">") {
        return at + 1;
    }
    if rest.starts_with(b"->") {
        return at + 2;
    }
    let mut from = at;
    while let Some(dashes) = find(text, from, b"--") {
        match &text[dashes + 2..] {
            [b'>', ..] => return dashes + 3,
            [b'!', b'>', ..] => return dashes + 4,
            _ => from = dashes + 1,
        }
    }
    text.len()
}

/// Where the raw text of element `name`, which starts at `at`, ends: after
/// its end tag, or at the end of the text.
fn raw_end(text: &[u8], mut at: usize, name: Name) -> usize {
    let wanted = &name.bytes[..usize::from(name.len)];
    while let Some(found) = find(text, at, b"</") {
        let from = found + 2;
        let candidate = &text[from..text.len().min(from + wanted.len())];
        let after = text.get(from + wanted.len());
        let whole = after.is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'));
        if candidate.eq_ignore_ascii_case(wanted) && whole {
            return find(text, from, b">").map_or(text.len(), |end| end + 1);
        }
        at = from;
    }
    text.len()
}

/// The first `needle` in `text` at or after `from`.
fn find(text: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(text.get(from..)?, needle).map(|at| from + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The depth of the deepest element of the parsed text.
    fn depth(text: &str) -> usize {
        let html = scraper::Html::parse_document(&bounded(text));
        html.tree
            .nodes()
            .map(|node| node.ancestors().count())
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn an_ordinary_page_is_given_as_it_is() {
        let page = "<html><head><title>t</title><script>if (a<b) x='</div>'</script></head>\
                    <body><table><tr><td><p>一<p>二<ul><li>a<li>b</ul><img src=x>\
                    <a href=1>x<a href=2>y</a></table><!-- <div> --></body></html>";
        assert!(matches!(bounded(page), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_cut_at_the_bound_and_keeps_its_text() {
        let n = 5_000;
        let page = format!(
            "<body>{}{}</body>",
            "<span class=date>日".repeat(n),
            "</span>".repeat(n)
        );
        let kept = bounded(&page);
        assert!(depth(&page) <= MOST_DEPTH + 4, "{}", depth(&page));
        assert_eq!(kept.matches('日').count(), n, "no text is lost");
        assert_eq!(kept.matches("<span").count(), MOST_DEPTH);
        assert_eq!(kept.matches("</span>").count(), MOST_DEPTH);
    }

    #[test]
    fn sloppy_but_real_markup_is_not_cut() {
        // Paragraphs, list items and cells left open, fonts closed out of
        // order: each closes before the next, and nothing is left out.
        for unit in [
            "<p>段落",
            "<li>条目",
            "<tr><td>一<td>二",
            "<font><p>段落</font></p>",
            "<p><font>x</p></font>",
            "<a href=1><div>x</a></div>",
            "<option>x",
        ] {
            let page = format!("<body><table>{}</table></body>", unit.repeat(2_000));
            assert!(matches!(bounded(&page), Cow::Borrowed(_)), "{unit} was cut");
        }
    }

    #[test]
    fn a_tag_past_the_bound_with_many_attributes_goes_whole() {
        let many: Vec<String> = (0..100).map(|i| format!("a{i}=1")).collect();
        let tag = format!("<div {}>", many.join(" "));
        let page = format!(
            "{}{tag}正文</div>{}",
            "<div>".repeat(200),
            "</div>".repeat(200)
        );
        let kept = bounded(&page);
        assert!(kept.contains("正文"));
        assert!(
            !kept.contains("a0=1"),
            "the tag past the bound is left out whole"
        );
        // And within the bound, the tag stays with its first attributes.
        let page = format!("{tag}正文</div>");
        let kept = bounded(&page);
        assert!(
            kept.contains("a63=1>正文") || kept.contains("a63=1 >正文"),
            "{kept}"
        );
    }

    #[test]
    fn attributes_past_the_bound_are_left_out() {
        let many: Vec<String> = (0..200).map(|i| format!("a{i}=\"{i}\"")).collect();
        let page = format!("<div {} id=last>x</div><p class=k>y", many.join(" "));
        let kept = bounded(&page);
        assert!(kept.contains("a63=\"63\""));
        assert!(!kept.contains("a64="));
        assert!(kept.contains(">x</div><p class=k>y"));
        let html = scraper::Html::parse_document(&kept);
        let div = html
            .select(&scraper::Selector::parse("div").unwrap())
            .next()
            .unwrap();
        assert_eq!(div.value().attrs().count(), MOST_ATTRIBUTES);
    }

    #[test]
    fn a_page_cut_anywhere_stays_text() {
        let page = "<div a=\"一\" b='二'>三<span>四</span></div><!-- 五";
        for end in (0..=page.len()).filter(|&i| page.is_char_boundary(i)) {
            let _ = bounded(&page[..end]);
        }
    }
}
