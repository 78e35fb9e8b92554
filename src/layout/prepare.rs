//! Turning a paragraph from a file into the text the engine lays out: the
//! control characters made visible, half-width punctuation between hanzi
//! made full-width (unless asked not to), and the URLs found.

use std::borrow::Cow;
use std::ops::Range;

use super::props::props;
use super::sanitize::sanitize;

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
        if punctuation == Punctuation::FullWidth
            && let Some(converted) = full_width(&text)
        {
            text = Cow::Owned(converted);
        }
        let urls = urls(&text);
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

fn full_form(c: u8) -> Option<char> {
    Some(match c {
        b',' => '，',
        b':' => '：',
        b';' => '；',
        b'?' => '？',
        b'!' => '！',
        b'(' => '（',
        b')' => '）',
        _ => return None,
    })
}

/// The text with half-width punctuation beside hanzi made full-width, or
/// `None` when nothing changes.
///
/// A mark is converted when the character before or after it is Chinese
/// (East Asian wide, not an emoji), except , : ; ? ! between two ASCII
/// digits ("3:2" is a score, "1,234" a number). Inside a URL nothing is.
fn full_width(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    if !bytes.iter().any(|&b| full_form(b).is_some()) {
        return None;
    }
    let url_spans = urls(text);
    let mut out = String::with_capacity(text.len() + 16);
    let mut copied = 0;
    let mut changed = false;
    for (at, &b) in bytes.iter().enumerate() {
        let Some(full) = full_form(b) else { continue };
        if url_spans.iter().any(|url| url.contains(&at)) {
            continue;
        }
        let before = text[..at].chars().next_back();
        let after = text[at + 1..].chars().next();
        let chinese = |c: Option<char>| c.is_some_and(|c| props(c).cjk());
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let between_digits = !matches!(b, b'(' | b')') && digit(before) && digit(after);
        if (chinese(before) || chinese(after)) && !between_digits {
            out.push_str(&text[copied..at]);
            out.push(full);
            copied = at + 1;
            changed = true;
        }
    }
    changed.then(|| {
        out.push_str(&text[copied..]);
        out
    })
}

/// Byte ranges of the URLs in `text`: from `http://`, `https://` or `www.`
/// (not inside a word) to the first space or non-ASCII character, less
/// trailing sentence punctuation and an unmatched closing parenthesis.
pub fn urls(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = find_start(&bytes[from..]) {
        let start = from + offset;
        let mut end = start;
        while end < bytes.len() && bytes[end].is_ascii_graphic() {
            end += 1;
        }
        while end > start {
            let last = bytes[end - 1];
            let unmatched_paren = last == b')' && !bytes[start..end].contains(&b'(');
            if matches!(last, b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'"')
                || unmatched_paren
            {
                end -= 1;
            } else {
                break;
            }
        }
        if end > start {
            found.push(start..end);
        }
        from = end.max(start + 1);
    }
    found
}

fn find_start(bytes: &[u8]) -> Option<usize> {
    let mut at = 0;
    while at < bytes.len() {
        let rest = &bytes[at..];
        let candidate = rest.starts_with(b"https://")
            || rest.starts_with(b"http://")
            || rest.starts_with(b"www.");
        let word_start = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        if candidate && word_start {
            return Some(at);
        }
        at += 1;
    }
    None
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
    }
}
