//! Turning a paragraph from a file into the text the engine lays out: the
//! control characters made visible, half-width punctuation between hanzi
//! made full-width (unless asked not to), and the URLs found.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use memchr::memmem;

use super::props::props;
use super::sanitize::sanitize;
use crate::bytescan;

/// How half-width punctuation in Chinese text is shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Punctuation {
    /// , : ; ? ! ( ) next to hanzi shown as ，：；？！（）, as printed.
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
        let mut text = sanitize(paragraph);
        let mut urls = urls(&text);
        if punctuation == Punctuation::FullWidth
            && let Some(converted) = full_width(&text, &mut urls)
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

/// The text with half-width punctuation beside hanzi made full-width, or
/// `None` when nothing changes; `urls` are moved to match.
///
/// A mark is converted when the character before or after it is Chinese
/// (East Asian wide, not an emoji), except , : ; ? ! between two ASCII
/// digits ("3:2" is a score, "1,234" a number). Inside a URL nothing is.
fn full_width(text: &str, urls: &mut [Range<usize>]) -> Option<String> {
    let bytes = text.as_bytes();
    // The marks are all below 0x40: most words of Chinese text have no such
    // byte and are passed over whole.
    if !bytescan::any_byte(
        bytes,
        |word| bytescan::has_less_than(word, 0x40),
        |i| full_form(bytes[i]).is_some(),
    ) {
        return None;
    }
    let mut out = String::new();
    let mut copied = 0;
    // Each conversion makes the text 2 bytes longer (1 byte becomes 3).
    let mut converted_before = Vec::new();
    // The URLs are in order: the one that may hold a mark is followed
    // along, not searched for.
    let mut next_url = 0;
    for (at, &b) in bytes.iter().enumerate() {
        let Some(full) = full_form(b) else { continue };
        while urls.get(next_url).is_some_and(|url| url.end <= at) {
            next_url += 1;
        }
        if urls.get(next_url).is_some_and(|url| url.contains(&at)) {
            continue;
        }
        let before = text[..at].chars().next_back();
        let after = text[at + 1..].chars().next();
        let chinese = |c: Option<char>| c.is_some_and(|c| props(c).cjk());
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let between_digits = !matches!(b, b'(' | b')') && digit(before) && digit(after);
        if (chinese(before) || chinese(after)) && !between_digits {
            if out.is_empty() {
                out.reserve(text.len() + 16);
            }
            out.push_str(&text[copied..at]);
            out.push(full);
            copied = at + 1;
            converted_before.push(at);
        }
    }
    if converted_before.is_empty() {
        return None;
    }
    out.push_str(&text[copied..]);
    for url in urls.iter_mut() {
        let shift = 2 * converted_before.partition_point(|&at| at < url.start);
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
    let schemes = scheme.find_iter(bytes).filter_map(|colon| {
        [b"https".as_slice(), b"http"]
            .into_iter()
            .find(|scheme| bytes[..colon].ends_with(scheme))
            .map(|scheme| colon - scheme.len())
    });
    let mut starts: Vec<usize> = schemes.chain(www.find_iter(bytes)).collect();
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
