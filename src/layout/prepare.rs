//! Turning a paragraph from a file into the text the engine lays out: the
//! control characters made visible, the half-width punctuation of its
//! Chinese made full-width (unless asked not to), and the URLs found.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use memchr::memmem;

use super::props::props;
use super::sanitize::{may_be_control, sanitize_from};
use crate::bytescan;

/// How half-width punctuation in Chinese text is shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Punctuation {
    /// , : ; ? ! ( ) of Chinese text shown as ，：；？！（）, as printed;
    /// those of Latin text, and marks standing for themselves, kept.
    #[default]
    FullWidth,
    /// Kept as in the file.
    Original,
}

/// A paragraph ready to lay out at any width. Byte ranges of lines refer
/// to [`Prepared::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared<'a> {
    text: Cow<'a, str>,
    urls: Vec<Range<usize>>,
}

impl<'a> Prepared<'a> {
    pub fn new(paragraph: &'a str, punctuation: Punctuation) -> Prepared<'a> {
        // One scan finds the first block with a control character or a
        // half-width mark; most paragraphs have neither, and are taken as
        // they are.
        let Some(first) = next_special_block(paragraph.as_bytes(), 0) else {
            return Prepared {
                text: Cow::Borrowed(paragraph),
                urls: urls(paragraph),
            };
        };
        let mut text = sanitize_from(paragraph, first);
        let mut urls = urls(&text);
        // Replacing a control character moves the bytes after it.
        let marks_from = if matches!(text, Cow::Borrowed(_)) {
            first
        } else {
            0
        };
        if punctuation == Punctuation::FullWidth
            && let Some(converted) = full_width(&text, marks_from, &mut urls)
        {
            text = Cow::Owned(converted);
        }
        Prepared { text, urls }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn urls(&self) -> &[Range<usize>] {
        &self.urls
    }

    pub fn into_owned(self) -> Prepared<'static> {
        Prepared {
            text: Cow::Owned(self.text.into_owned()),
            urls: self.urls,
        }
    }
}

/// The full-width form of the half-width marks that are converted, by
/// byte: a table, as the scan looks at every byte.
const FULL_FORMS: [Option<char>; 128] = {
    let mut forms = [None; 128];
    forms[b',' as usize] = Some('，');
    forms[b':' as usize] = Some('：');
    forms[b';' as usize] = Some('；');
    forms[b'?' as usize] = Some('？');
    forms[b'!' as usize] = Some('！');
    forms[b'(' as usize] = Some('（');
    forms[b')' as usize] = Some('）');
    forms
};

fn full_form(byte: u8) -> Option<char> {
    FULL_FORMS.get(usize::from(byte)).copied().flatten()
}

/// The offset of the first mark of [`FULL_FORMS`] in `bytes` from `from`.
/// Most blocks of Chinese text have none and are passed over whole.
fn next_mark(bytes: &[u8], from: usize) -> Option<usize> {
    bytescan::find_byte(
        bytes,
        from,
        |at| next_mark_block(bytes, at),
        |i| full_form(bytes[i]).is_some(),
    )
}

/// The first block from `from` that may hold a control character or holds
/// a mark, in one scan; a function of its own so that the scan is
/// vectorised (see `bytescan::next_block`).
#[inline(never)]
fn next_special_block(bytes: &[u8], from: usize) -> Option<usize> {
    bytescan::next_block(bytes, from, |window| {
        bytescan::any(window, |a, b, c| may_be_control(a, b, c) | is_mark(a))
    })
}

/// The first block from `from` with a mark; a function of its own so that
/// the scan is vectorised (see `bytescan::next_block`).
#[inline(never)]
fn next_mark_block(bytes: &[u8], from: usize) -> Option<usize> {
    bytescan::next_block(bytes, from, |window| {
        bytescan::any(window, |a, _, _| is_mark(a))
    })
}

/// Whether `byte` is a mark of [`FULL_FORMS`] (a test checks it against
/// the table): ! ( ) , in row 0x2_, : ; ? in row 0x3_. Written on the two
/// halves of the byte, as compares a block test makes sixteen bytes at a
/// time: written as seven compares of the byte, the compiler turned them
/// into a bit test, which it could not vectorise.
#[inline]
#[allow(clippy::needless_bitwise_bool)] // no branches: see above
fn is_mark(byte: u8) -> bool {
    let (high, low) = (byte & 0xF0, byte & 0x0F);
    let row_2 = (low == 0x1) | (low & 0xE == 0x8) | (low == 0xC);
    let row_3 = (low & 0xE == 0xA) | (low == 0xF);
    ((high == 0x20) & row_2) | ((high == 0x30) & row_3)
}

/// What the character beside a mark says of the text the mark belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// A Chinese character, or a mark shown full-width.
    Chinese,
    /// White space that is not Chinese (the ideographic space is).
    Space,
    /// A half-width mark kept as it is.
    Kept,
    /// Letters, digits, other symbols.
    Latin,
    /// The start or end of the text, or a half-width mark whose form is
    /// not known yet.
    Nothing,
}

#[inline]
fn side(c: Option<char>) -> Side {
    let Some(c) = c else {
        return Side::Nothing;
    };
    // ASCII, the neighbour of most marks, is told without the table.
    if let Ok(b) = u8::try_from(c)
        && b.is_ascii()
    {
        return if b.is_ascii_whitespace() {
            Side::Space
        } else if full_form(b).is_some() {
            Side::Nothing
        } else {
            Side::Latin
        };
    }
    if props(c).cjk() {
        Side::Chinese
    } else if c.is_whitespace() {
        Side::Space
    } else {
        Side::Latin
    }
}

/// The marks converted so far, by byte offset, in order: what the marks
/// after them read their neighbours' forms from.
struct Converted(Vec<usize>);

impl Converted {
    /// The side the character ending at byte `end` of `text` makes, as it
    /// is shown: a half-width mark before it has had its form decided.
    fn before(&self, text: &str, end: usize) -> Side {
        let c = text[..end].chars().next_back();
        match side(c) {
            Side::Nothing if c.is_some() => {
                if self.0.binary_search(&(end - 1)).is_ok() {
                    Side::Chinese
                } else {
                    Side::Kept
                }
            }
            other => other,
        }
    }

    /// [`Converted::before`], past any spaces.
    fn before_spaces(&self, text: &str, end: usize) -> Side {
        let trimmed = text[..end].trim_end_matches(|c: char| side(Some(c)) == Side::Space);
        self.before(text, trimmed.len())
    }
}

fn after(text: &str, start: usize) -> Side {
    side(text[start..].chars().next())
}

fn after_spaces(text: &str, start: usize) -> Side {
    let rest = text[start..].trim_start_matches(|c: char| side(Some(c)) == Side::Space);
    side(rest.chars().next())
}

/// Whether a pause or stop mark , : ; ? ! (or a closing bracket without
/// its opening one) at byte `at` is Chinese. It belongs to what it follows:
/// a Chinese character, or a run of marks made full-width; after Latin, to
/// the Chinese text it leads into. One set apart by a space stands for
/// itself ("按 ?。"), as does one in a run of marks kept half-width.
fn stop_is_chinese(text: &str, at: usize, converted: &Converted) -> bool {
    match converted.before(text, at) {
        Side::Chinese => true,
        Side::Space | Side::Kept => false,
        Side::Latin | Side::Nothing => after(text, at + 1) == Side::Chinese,
    }
}

/// Whether the bracket pair opening at byte `open` and closing at `close`
/// (or unclosed, `None`) is Chinese. A pair belongs to the text around it,
/// not to what it holds: it is Chinese when a Chinese character touches it
/// outside, Latin when a Latin one does. Set apart by spaces, it is what
/// lies beyond the spaces: Latin in "newspaper (电子报) the way", Chinese
/// between a headline's phrases. Only where that says nothing (nothing
/// around it, as "(蒙组轩)", or Latin on one side and Chinese on the other)
/// does it take the form of what it holds.
fn pair_is_chinese(text: &str, open: usize, close: Option<usize>, converted: &Converted) -> bool {
    let outside_before = converted.before(text, open);
    let outside_after = close.map_or(Side::Nothing, |close| after(text, close + 1));
    let outside = [outside_before, outside_after];
    if outside.contains(&Side::Chinese) {
        return true;
    }
    if outside.contains(&Side::Latin) {
        return false;
    }
    if close.is_none() && outside_before == Side::Space && after(text, open + 1) == Side::Space {
        // An opening bracket alone between spaces is a symbol: "按 ( 键".
        return false;
    }
    let beyond = [
        if outside_before == Side::Space {
            converted.before_spaces(text, open)
        } else {
            Side::Nothing
        },
        match close {
            Some(close) if outside_after == Side::Space => after_spaces(text, close + 1),
            _ => Side::Nothing,
        },
    ];
    match (
        beyond.contains(&Side::Chinese),
        beyond.contains(&Side::Latin),
    ) {
        (true, false) => return true,
        (false, true) => return false,
        // Chinese on one side, Latin on the other, or nothing on either:
        // what the pair holds decides.
        _ => {}
    }
    after(text, open + 1) == Side::Chinese
        || close.is_some_and(|close| converted.before(text, close) == Side::Chinese)
}

/// The ASCII brackets of `text` outside the URLs, in order, each with the
/// index of its partner in the list when it has one.
fn bracket_pairs(bytes: &[u8], urls: &[Range<usize>]) -> (Vec<usize>, Vec<Option<usize>>) {
    let mut at = Vec::new();
    let mut partner = Vec::new();
    let mut open = Vec::new();
    let mut next_url = 0;
    for i in memchr::memchr2_iter(b'(', b')', bytes) {
        while urls.get(next_url).is_some_and(|url| url.end <= i) {
            next_url += 1;
        }
        if urls.get(next_url).is_some_and(|url| url.contains(&i)) {
            continue;
        }
        let k = at.len();
        at.push(i);
        partner.push(None);
        if bytes[i] == b'(' {
            open.push(k);
        } else if let Some(o) = open.pop() {
            partner[o] = Some(k);
            partner[k] = Some(o);
        }
    }
    (at, partner)
}

/// The text with the half-width punctuation of its Chinese made
/// full-width, or `None` when nothing changes; `urls` are moved to match.
///
/// Which text a mark belongs to is read from its neighbours (see
/// `stop_is_chinese` and `pair_is_chinese`): "他说,好" and "（注:见上）" are
/// Chinese, "e.g. foo, bar", "按 ?。" and "newspaper (电子报) the way" keep
/// their marks. Inside a URL nothing is converted. The text has no mark
/// before byte `from`.
fn full_width(text: &str, from: usize, urls: &mut [Range<usize>]) -> Option<String> {
    let bytes = text.as_bytes();
    let mut next = Some(next_mark(bytes, from)?);
    let (brackets, partner) = bracket_pairs(bytes, urls);
    // Whether each bracket is Chinese: a pair's closing bracket is decided
    // with its opening one.
    let mut chinese_bracket = vec![false; brackets.len()];
    let mut next_bracket = 0;
    let mut out = String::new();
    let mut copied = 0;
    // Each conversion makes the text 2 bytes longer (1 byte becomes 3).
    let mut converted = Converted(Vec::new());
    // The URLs are in order: the one that may hold a mark is followed
    // along, not searched for.
    let mut next_url = 0;
    while let Some(at) = next {
        next = next_mark(bytes, at + 1);
        let b = bytes[at];
        let Some(full) = full_form(b) else { continue };
        while urls.get(next_url).is_some_and(|url| url.end <= at) {
            next_url += 1;
        }
        if urls.get(next_url).is_some_and(|url| url.contains(&at)) {
            continue;
        }
        let chinese = if matches!(b, b'(' | b')') {
            while brackets[next_bracket] < at {
                next_bracket += 1;
            }
            let k = next_bracket;
            match (b, partner[k]) {
                (b'(', close) => {
                    let chinese = pair_is_chinese(text, at, close.map(|c| brackets[c]), &converted);
                    if let Some(close) = close {
                        chinese_bracket[close] = chinese;
                    }
                    chinese
                }
                (_, Some(_)) => chinese_bracket[k],
                (_, None) => stop_is_chinese(text, at, &converted),
            }
        } else {
            stop_is_chinese(text, at, &converted)
        };
        if chinese {
            if out.is_empty() {
                out.reserve(text.len() + 16);
            }
            out.push_str(&text[copied..at]);
            out.push(full);
            copied = at + 1;
            converted.0.push(at);
        }
    }
    let converted = converted.0;
    if converted.is_empty() {
        return None;
    }
    out.push_str(&text[copied..]);
    for url in urls.iter_mut() {
        let shift = 2 * converted.partition_point(|&at| at < url.start);
        *url = url.start + shift..url.end + shift;
    }
    Some(out)
}

/// Byte ranges of the URLs in `text`: from `http://`, `https://` or `www.`
/// (not inside a word) to the first space or non-ASCII character, less
/// trailing sentence punctuation and an unmatched closing parenthesis.
pub fn urls(text: &str) -> Vec<Range<usize>> {
    static SCHEME: OnceLock<memmem::Finder<'static>> = OnceLock::new();
    static WWW: OnceLock<memmem::Finder<'static>> = OnceLock::new();
    let scheme = SCHEME.get_or_init(|| memmem::Finder::new(b"://"));
    let www = WWW.get_or_init(|| memmem::Finder::new(b"www."));
    let bytes = text.as_bytes();
    let mut found: Vec<Range<usize>> = Vec::new();
    // Every URL has the ':' of "://" or the '.' of "www.": most paragraphs
    // have neither, and one pass over them for two bytes is cheaper than
    // the two searches for the strings. The searches start at the first
    // of the two, less the "www" before a '.'.
    let Some(first) = memchr::memchr2(b':', b'.', bytes) else {
        return found;
    };
    let from = first.saturating_sub(3);
    let schemes = scheme.find_iter(&bytes[from..]).filter_map(|colon| {
        let colon = from + colon;
        [b"https".as_slice(), b"http"]
            .into_iter()
            .find(|scheme| bytes[..colon].ends_with(scheme))
            .map(|scheme| colon - scheme.len())
    });
    let wwws = www.find_iter(&bytes[from..]).map(|start| from + start);
    let mut starts: Vec<usize> = schemes.chain(wwws).collect();
    starts.sort_unstable();
    for start in starts {
        let inside_word = start > 0 && bytes[start - 1].is_ascii_alphanumeric();
        let inside_url = found.last().is_some_and(|url| url.end > start);
        if inside_word || inside_url {
            continue;
        }
        let mut end = start;
        while end < bytes.len() && bytes[end].is_ascii_graphic() {
            end += 1;
        }
        // Parentheses counted once, then as the end moves in.
        let count = |c: u8| memchr::memchr_iter(c, &bytes[start..end]).count();
        let (opening, mut closing) = (count(b'('), count(b')'));
        while end > start {
            let last = bytes[end - 1];
            let unmatched_paren = last == b')' && closing > opening;
            let sentence_mark =
                matches!(last, b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'"');
            if !(sentence_mark || unmatched_paren) {
                break;
            }
            if last == b')' {
                closing -= 1;
            }
            end -= 1;
        }
        if end > start {
            found.push(start..end);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prepared(text: &str) -> String {
        Prepared::new(text, Punctuation::FullWidth)
            .text()
            .to_owned()
    }

    #[test]
    fn controls_and_marks_are_found_in_any_block_of_the_paragraph() {
        // 60 bytes: the control character and the mark in the same block,
        // in different blocks, either first.
        let long = "中".repeat(20);
        let cases = [
            (format!("中,文\u{7}{long}"), format!("中，文␇{long}")),
            (format!("{long}\u{1b}中,文"), format!("{long}␛中，文")),
            (format!("中,{long}文\u{7}"), format!("中，{long}文␇")),
            (format!("\u{7}{long}中,文"), format!("␇{long}中，文")),
            (format!("{long}中,文"), format!("{long}中，文")),
            (format!("{long}{long}\u{7f}"), format!("{long}{long}␡")),
        ];
        for (text, shown) in cases {
            assert_eq!(prepared(&text), shown);
        }
    }

    #[test]
    fn the_block_test_knows_the_marks_of_the_table() {
        for byte in 0..=255 {
            assert_eq!(is_mark(byte), full_form(byte).is_some(), "{byte:#x}");
        }
    }

    #[test]
    fn half_width_marks_beside_hanzi_become_full_width() {
        assert_eq!(prepared("今年以来,自治区党委"), "今年以来，自治区党委");
        assert_eq!(
            prepared("新在哪里?释放什么信号?"),
            "新在哪里？释放什么信号？"
        );
        assert_eq!(prepared("截至9月底,全区"), "截至9月底，全区");
        assert_eq!(prepared("到2021,也是"), "到2021，也是");
        assert_eq!(prepared("(蒙组轩)"), "（蒙组轩）");
        assert_eq!(prepared("用(Rust)写"), "用（Rust）写");
    }

    #[test]
    fn other_half_width_marks_are_kept() {
        for text in [
            "ratatui, crossterm",
            "比分3:2",
            "1,234,567",
            "f(x)",
            "中文 , 英文",
        ] {
            assert_eq!(prepared(text), text);
        }
        assert!(matches!(
            Prepared::new("今年以来,自治区", Punctuation::Original).text,
            Cow::Borrowed("今年以来,自治区")
        ));
    }

    #[test]
    fn a_mark_set_apart_by_a_space_is_a_symbol_and_keeps_its_form() {
        for text in [
            "按 ?。帮助浮层",
            "按 ? 键",
            "按 ( 键",
            "中文 , 英文",
            "你好 !",
        ] {
            assert_eq!(prepared(text), text);
        }
    }

    #[test]
    fn brackets_take_the_form_of_the_text_outside_them() {
        // Latin around, Chinese inside: the pair is the Latin text's.
        for text in [
            "newspaper (电子报) the way",
            "a newspaper (电子报)",
            "(电子报) is",
            "newspaper (电子报)the",
            "f(x)",
        ] {
            assert_eq!(prepared(text), text);
        }
        // A hanzi touching a bracket makes the pair Chinese, the closing one
        // too, whatever is inside.
        assert_eq!(prepared("中文(English)"), "中文（English）");
        assert_eq!(prepared("(1)中文"), "（1）中文");
        assert_eq!(
            prepared("newspaper (电子报)中文"),
            "newspaper （电子报）中文"
        );
        // Set apart by spaces between Chinese, as in a headline.
        assert_eq!(prepared("配强班子 (图) 绘好"), "配强班子 （图） 绘好");
        // Latin on one side, Chinese on the other: what it holds decides.
        assert_eq!(
            prepared("使用 ratatui (一个 Rust 库) 编写"),
            "使用 ratatui （一个 Rust 库） 编写"
        );
        assert_eq!(
            prepared("Rust (the language) 编写"),
            "Rust (the language) 编写"
        );
        // Alone, the pair is what it holds.
        assert_eq!(prepared("(蒙组轩)"), "（蒙组轩）");
        assert_eq!(prepared("(Rust)"), "(Rust)");
        // A mark after a Chinese pair is Chinese too.
        assert_eq!(prepared("(注),"), "（注），");
    }

    #[test]
    fn marks_inside_latin_text_keep_their_form() {
        for text in [
            "e.g. foo, bar",
            "ratatui, crossterm: a TUI",
            "Is it? Yes!",
            "见 e.g. foo, bar 等",
        ] {
            assert_eq!(prepared(text), text);
        }
    }

    #[test]
    fn marks_of_chinese_text_become_full_width() {
        assert_eq!(prepared("“他说,好”"), "“他说，好”");
        assert_eq!(prepared("（注:见上）"), "（注：见上）");
        assert_eq!(prepared("真的吗?!"), "真的吗？！");
        assert_eq!(prepared("中文,(注)"), "中文，（注）");
        assert_eq!(prepared("中文, English"), "中文， English");
        assert_eq!(prepared("用Rust,也用C"), "用Rust，也用C");
        assert_eq!(prepared(",中文"), "，中文");
    }

    #[test]
    fn urls_are_found_and_left_alone() {
        let text = "见https://example.com/a?b=1,c。也见www.example.org.和(http://x.y/z)";
        let spans: Vec<&str> = urls(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            spans,
            [
                "https://example.com/a?b=1,c",
                "www.example.org",
                "http://x.y/z"
            ]
        );
        assert_eq!(
            prepared("访问https://a.com/?q=1,2:3"),
            "访问https://a.com/?q=1,2:3"
        );
        assert!(urls("nothttp://x").is_empty());
        assert_eq!(urls("https://www.a.com").len(), 1);
        assert_eq!(urls("https://www.a.com")[0], 0..17);
        let nested = "(see https://x.org/A_(B))";
        assert_eq!(&nested[urls(nested)[0].clone()], "https://x.org/A_(B)");
    }

    #[test]
    fn url_ranges_follow_the_conversions_before_them() {
        let text = "中,文（见https://x.org/wiki/A_(B)）中";
        let prepared = Prepared::new(text, Punctuation::FullWidth);
        assert_eq!(prepared.text(), "中，文（见https://x.org/wiki/A_(B)）中");
        let url = prepared.urls()[0].clone();
        assert_eq!(&prepared.text()[url], "https://x.org/wiki/A_(B)");
    }
}
