//! Bytes of a saved or fetched page to text. The encoding is decided by
//! what the page says, never guessed from its bytes: a byte-order mark,
//! then the HTTP header's charset (or the one the user names), then a
//! `<meta>` charset in the page's first 1024 bytes, then GB18030, which
//! every Chinese site's legacy encoding (GB2312, GBK) is a subset of.
//! A plain-text capture has no `<meta>`: it is read as UTF-8 when it is
//! valid UTF-8 from end to end, a yes-or-no test rather than a guess, and as
//! GB18030 otherwise.

use encoding_rs::{Encoding, GB18030, UTF_8};

/// Where the encoding came from, for messages and the notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decided {
    ByteOrderMark,
    Header,
    Meta,
    /// A plain-text file that is valid UTF-8.
    Valid,
    Fallback,
}

/// The text of `bytes`, the encoding used and how it was decided.
/// `declared` is the HTTP header's `Content-Type` (or a bare charset
/// label the user gave); `html` enables the `<meta>` scan.
pub fn decode<'a>(
    bytes: &'a [u8],
    declared: Option<&str>,
    html: bool,
) -> (std::borrow::Cow<'a, str>, &'static Encoding, Decided) {
    let (encoding, decided) = choose(bytes, declared, html);
    // A BOM for the chosen encoding is removed; malformed sequences become
    // U+FFFD, which the reader shows as it is. Valid UTF-8 is not copied.
    let (text, _, _) = encoding.decode(bytes);
    (text, encoding, decided)
}

fn choose(bytes: &[u8], declared: Option<&str>, html: bool) -> (&'static Encoding, Decided) {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return (encoding, Decided::ByteOrderMark);
    }
    if let Some(encoding) = declared.and_then(header_charset) {
        return (encoding, Decided::Header);
    }
    if html {
        if let Some(encoding) = meta_charset(bytes) {
            return (encoding, Decided::Meta);
        }
    } else if simdutf8::basic::from_utf8(bytes).is_ok() {
        return (UTF_8, Decided::Valid);
    }
    (GB18030, Decided::Fallback)
}

/// The encoding a `Content-Type` value names (`text/html; charset=GBK`),
/// or a bare label (`gb2312`).
pub fn header_charset(value: &str) -> Option<&'static Encoding> {
    let lower = value.to_ascii_lowercase();
    let label = match lower.find("charset=") {
        Some(at) => lower[at + "charset=".len()..]
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches(['"', '\'']),
        None if !lower.contains('/') => lower.trim(),
        None => return None,
    };
    Encoding::for_label(label.as_bytes()).map(utf16_as_utf8)
}

/// A `<meta charset=…>` or `<meta http-equiv=content-type content="…;
/// charset=…">` in the first 1024 bytes.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + at;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = memchr::memmem::find(tag, b"charset") {
            let value = &tag[c + b"charset".len()..];
            let value = value.trim_ascii_start();
            if let Some(value) = value.strip_prefix(b"=") {
                let value = value.trim_ascii_start();
                let value = value
                    .strip_prefix(b"\"")
                    .or_else(|| value.strip_prefix(b"'"))
                    .unwrap_or(value);
                let label_end = value
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .unwrap_or(value.len());
                if let Some(encoding) = Encoding::for_label(&value[..label_end]) {
                    return Some(utf16_as_utf8(encoding));
                }
            }
        }
        from = end;
    }
    None
}

/// A page that declares UTF-16 in ASCII bytes is not UTF-16 (HTML's rule).
fn utf16_as_utf8(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        UTF_8
    } else {
        encoding
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(text: &str) -> Vec<u8> {
        GB18030.encode(text).0.into_owned()
    }

    #[test]
    fn the_header_comes_before_the_meta() {
        let page = [b"<meta charset=utf-8>".as_slice(), &gbk("第01版")].concat();
        let (text, encoding, decided) = decode(&page, Some("text/html; charset=GBK"), true);
        assert_eq!(decided, Decided::Header);
        assert_eq!(encoding, encoding_rs::GBK);
        assert!(text.ends_with("第01版"));
    }

    #[test]
    fn the_meta_in_both_forms() {
        for meta in [
            "<meta charset=\"gb2312\">",
            "<META http-equiv=Content-Type content=\"text/html; charset=gb2312\">",
            "<meta content='text/html;charset=GB2312' http-equiv='content-type'/>",
        ] {
            let page = [meta.as_bytes(), &gbk("要闻")].concat();
            let (text, _, decided) = decode(&page, None, true);
            assert_eq!(decided, Decided::Meta, "{meta}");
            assert!(text.ends_with("要闻"), "{meta}");
        }
    }

    #[test]
    fn without_a_declaration_gb18030() {
        let page = gbk("人民日报");
        let (text, encoding, decided) = decode(&page, None, true);
        assert_eq!((encoding, decided), (GB18030, Decided::Fallback));
        assert_eq!(text, "人民日报");
    }

    #[test]
    fn a_byte_order_mark_wins() {
        let page = [b"\xEF\xBB\xBF".as_slice(), "光明日报".as_bytes()].concat();
        let (text, _, decided) = decode(&page, Some("text/html; charset=gbk"), true);
        assert_eq!(decided, Decided::ByteOrderMark);
        assert_eq!(text, "光明日报");
    }

    #[test]
    fn plain_text_is_utf8_when_valid_and_gb18030_otherwise() {
        let utf8 = "第03版：国内新闻".as_bytes();
        assert_eq!(decode(utf8, None, false).2, Decided::Valid);
        let page = gbk("第03版：国内新闻");
        let (text, _, decided) = decode(&page, None, false);
        assert_eq!((&*text, decided), ("第03版：国内新闻", Decided::Fallback));
        // In HTML the same valid UTF-8 without a declaration is GB18030.
        assert_eq!(decode(utf8, None, true).2, Decided::Fallback);
    }

    #[test]
    fn a_meta_after_1024_bytes_is_not_read() {
        let page = format!("{}<meta charset=utf-8>", " ".repeat(1100));
        assert_eq!(decode(page.as_bytes(), None, true).2, Decided::Fallback);
    }
}
