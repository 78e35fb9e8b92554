//! Making text from a file safe to write to a terminal.
//!
//! No control character from an issue file may reach the terminal: an ESC
//! could start a sequence that clears the screen, sets the window title or
//! writes the clipboard; a bidi override could reorder what the user sees.
//! Each such character becomes a visible mark before the text is measured,
//! so widths, break positions and byte ranges all refer to what is drawn.

use std::borrow::Cow;

use crate::bytescan;

/// The mark shown for a control character that has no picture of its own.
pub const REPLACEMENT: char = '\u{FFFD}';

/// What `c` is drawn as: `None` when it is safe as it is.
pub fn replacement(c: char) -> Option<char> {
    match c {
        // Tab stops mean nothing in reflowed text: a tab is a space. The
        // line and paragraph separators too: the model splits paragraphs
        // at them, so any left are spaces.
        '\t' | '\u{2028}' | '\u{2029}' => Some(' '),
        // C0 controls: their Control Pictures, ␀ … ␟ (ESC shows as ␛).
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + u32::from(c)),
        '\u{7F}' => Some('\u{2421}'),
        // C1 controls (CSI U+009B, OSC U+009D …) and the bidi embeddings,
        // overrides and isolates.
        '\u{80}'..='\u{9F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            Some(REPLACEMENT)
        }
        _ => None,
    }
}

/// Whether any character of `text` from byte `from` on needs replacing,
/// judged on the UTF-8 bytes without decoding (see `is_control`).
fn needs_sanitizing(text: &str, from: usize) -> bool {
    let bytes = text.as_bytes();
    bytescan::find_pattern(bytes, from, |at| next_suspect_block(bytes, at), is_control).is_some()
}

/// Whether the character that starts with the bytes `a`, `b`, `c` needs
/// replacing: C0 and DEL are single bytes, C1 is 0xC2 then 0x80–0x9F, the
/// separators and bidi controls 0xE2 0x80 0xA8–0xAE and 0xE2 0x81
/// 0xA6–0xA9. The bytes after a lead byte are continuation bytes
/// (0x80–0xBF).
#[inline]
#[allow(clippy::needless_bitwise_bool)] // no branches, for the block test
fn is_control(a: u8, b: u8, c: u8) -> bool {
    let c0 = (a < 0x20) | (a == 0x7F);
    let c1 = (a == 0xC2) & (b < 0xA0);
    let separator = (a == 0xE2)
        & (((b == 0x80) & (c.wrapping_sub(0xA8) < 7)) | ((b == 0x81) & (c.wrapping_sub(0xA6) < 4)));
    c0 | c1 | separator
}

/// A cheaper test that holds wherever `is_control` does: it leaves out the
/// second byte, so it also holds for the few characters of 0xE2 xx
/// 0xA6–0xAE (… ‧ € Ⅶ ▦) and the rest of 0xC2, and the blocks with them
/// are looked at byte by byte.
#[inline]
#[allow(clippy::needless_bitwise_bool)] // no branches, for the block test
pub(super) fn may_be_control(a: u8, _: u8, c: u8) -> bool {
    (a < 0x20) | (a == 0x7F) | (a == 0xC2) | ((a == 0xE2) & (c.wrapping_sub(0xA6) < 9))
}

/// The first block from `from` that may hold a character to replace; a
/// function of its own so that the scan is vectorised (see
/// `bytescan::next_block`).
#[inline(never)]
fn next_suspect_block(bytes: &[u8], from: usize) -> Option<usize> {
    bytescan::next_block(bytes, from, |window| bytescan::any(window, may_be_control))
}

/// `text` with every control character replaced by a visible mark;
/// borrowed unchanged when there is none.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    sanitize_from(text, 0)
}

/// [`sanitize`] of a text known to need nothing replaced before byte
/// `from`.
pub(super) fn sanitize_from(text: &str, from: usize) -> Cow<'_, str> {
    if !needs_sanitizing(text, from) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| replacement(c).unwrap_or(c)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            sanitize("配强班子 “五个好” 35.8%"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn controls_become_visible_marks() {
        assert_eq!(sanitize("a\u{1b}[2Jb"), "a␛[2Jb");
        assert_eq!(sanitize("\u{7}\u{8}\r\u{0}\u{7f}"), "␇␈␍␀␡");
        assert_eq!(
            sanitize("x\u{9b}31m\u{9d}52;c;\u{9c}"),
            "x\u{fffd}31m\u{fffd}52;c;\u{fffd}"
        );
        assert_eq!(sanitize("\u{202e}evil\u{2066}"), "\u{fffd}evil\u{fffd}");
        assert_eq!(sanitize("a\tb"), "a b");
        assert_eq!(sanitize("a\u{2028}b\u{2029}"), "a b ");
    }

    #[test]
    fn the_block_test_holds_wherever_the_byte_test_does() {
        for a in 0..=255 {
            for b in 0x80..=0xBF {
                for c in 0x80..=0xBF {
                    assert!(!is_control(a, b, c) || may_be_control(a, b, c));
                }
            }
        }
    }

    #[test]
    fn every_char_agrees_with_the_byte_test() {
        for code in (0..0x3000).chain(0xFF00..0xFFFF) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let text = c.to_string();
            assert_eq!(
                needs_sanitizing(&text, 0),
                replacement(c).is_some(),
                "U+{code:04X}"
            );
        }
    }
}
