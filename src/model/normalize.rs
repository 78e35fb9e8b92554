//! Normalisation on load (docs/FORMAT.md, "Normalisation"): what the file
//! may write loosely and the program reads one way only.
//!
//! - Paragraphs lose leading and trailing white space, U+3000 and U+00A0
//!   included (the reader draws its own first-line indent); a line break
//!   inside a paragraph splits it; empty paragraphs are dropped.
//! - One-line fields (titles, names, bylines …) lose outer white space and
//!   have each inner line break, with the white space around it, folded into
//!   one space.
//! - Optional strings and ids that are empty after trimming count as absent.
//!
//! Text that is already clean is kept as it is, without copying.

use crate::bytescan;

use super::types::{Article, ArticleId, Image, Issue, Page, PageLabel, Section, SectionId};

/// The characters that end a line of text: LF, CR, VT, FF, NEL, and the
/// Unicode line and paragraph separators.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn is_clean(text: &str) -> bool {
    let starts_clean = text.chars().next().is_none_or(|c| !c.is_whitespace());
    let ends_clean = text.chars().next_back().is_none_or(|c| !c.is_whitespace());
    starts_clean && ends_clean && !has_line_break(text)
}

/// Whether `text` holds a line break, on the bytes: LF, VT, FF and CR are
/// 0x0A–0x0D, NEL is 0xC2 0x85, the separators 0xE2 0x80 0xA8–0xA9.
fn has_line_break(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytescan::find_pattern(
        bytes,
        0,
        |at| next_break_block(bytes, at),
        starts_line_break,
    )
    .is_some()
}

/// Whether a line break starts with the bytes `a`, `b`, `c`, without a
/// branch.
#[inline]
#[allow(clippy::needless_bitwise_bool)] // no branches, for the block test
fn starts_line_break(a: u8, b: u8, c: u8) -> bool {
    (a.wrapping_sub(0x0A) < 4)
        | ((a == 0xC2) & (b == 0x85))
        | ((a == 0xE2) & (b == 0x80) & (c & 0xFE == 0xA8))
}

/// The first block from `from` with a line break; a function of its own so
/// that the scan is vectorised (see `bytescan::next_block`).
#[inline(never)]
fn next_break_block(bytes: &[u8], from: usize) -> Option<usize> {
    bytescan::next_block(bytes, from, |window| {
        bytescan::any(window, starts_line_break)
    })
}

fn one_line(text: &mut String) {
    if is_clean(text) {
        return;
    }
    let folded: Vec<&str> = text
        .split(is_line_break)
        .map(str::trim)
        .filter(|piece| !piece.is_empty())
        .collect();
    *text = folded.join(" ");
}

fn optional_line(text: &mut Option<String>) {
    if let Some(inner) = text {
        one_line(inner);
        if inner.is_empty() {
            *text = None;
        }
    }
}

fn optional_id<T>(id: &mut Option<T>, inner: impl Fn(&mut T) -> &mut String) {
    if let Some(value) = id {
        one_line(inner(value));
        if inner(value).is_empty() {
            *id = None;
        }
    }
}

/// Splits, trims and drops as the rules say; clean paragraphs are moved,
/// not copied.
pub fn paragraphs(paragraphs: &mut Vec<String>) {
    if paragraphs.iter().all(|p| !p.is_empty() && is_clean(p)) {
        return;
    }
    let mut normalised = Vec::with_capacity(paragraphs.len());
    for paragraph in paragraphs.drain(..) {
        if is_clean(&paragraph) {
            if !paragraph.is_empty() {
                normalised.push(paragraph);
            }
            continue;
        }
        normalised.extend(
            paragraph
                .split(is_line_break)
                .map(str::trim)
                .filter(|piece| !piece.is_empty())
                .map(str::to_owned),
        );
    }
    *paragraphs = normalised;
}

/// The header's fields as [`issue`] normalises them.
pub fn header_fields(publication: &mut String, edition: &mut Option<String>) {
    one_line(publication);
    optional_line(edition);
}

pub fn issue(issue: &mut Issue) {
    one_line(&mut issue.publication);
    optional_line(&mut issue.edition);
    optional_line(&mut issue.source);
    for Section { id, name } in &mut issue.sections {
        one_line(&mut id.0);
        one_line(name);
    }
    for page in &mut issue.pages {
        self::page(page);
    }
}

fn page(page: &mut Page) {
    let PageLabel(label) = &mut page.label;
    one_line(label);
    one_line(&mut page.name);
    optional_id(&mut page.section, |SectionId(id)| id);
    for article in &mut page.articles {
        self::article(article);
    }
}

fn article(article: &mut Article) {
    optional_id(&mut article.id, |ArticleId(id)| id);
    optional_id(&mut article.continues, |ArticleId(id)| id);
    optional_line(&mut article.kicker);
    one_line(&mut article.title);
    optional_line(&mut article.subtitle);
    optional_line(&mut article.byline);
    paragraphs(&mut article.paragraphs);
    for Image {
        caption,
        credit,
        src,
    } in &mut article.images
    {
        optional_line(caption);
        optional_line(credit);
        optional_line(src);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn normalised(input: &[&str]) -> Vec<String> {
        let mut list = input.iter().map(|p| (*p).to_owned()).collect();
        paragraphs(&mut list);
        list
    }

    #[test]
    fn paragraphs_lose_outer_space_of_every_kind() {
        assert_eq!(
            normalised(&[
                "\u{3000}\u{3000}今年以来，",
                "\u{a0}\u{a0}第二段 \t",
                "  第三段\u{3000}"
            ]),
            ["今年以来，", "第二段", "第三段"]
        );
    }

    #[test]
    fn line_breaks_split_paragraphs_and_empty_ones_go() {
        assert_eq!(
            normalised(&[
                "一\n二\r\n三\u{2029}四",
                "",
                "   ",
                "\u{3000}",
                "五\n\n\n六"
            ]),
            ["一", "二", "三", "四", "五", "六"]
        );
    }

    #[test]
    fn the_byte_test_finds_every_line_break() {
        for c in (0..0x3000).filter_map(char::from_u32) {
            let text = format!("中文{c}中文");
            assert_eq!(
                has_line_break(&text),
                is_line_break(c),
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn inner_space_is_kept() {
        assert_eq!(
            normalised(&["我用 ratatui  写界面"]),
            ["我用 ratatui  写界面"]
        );
    }

    #[test]
    fn one_line_fields_fold_line_breaks() {
        let mut title = " 配强班子\n 绘好蓝图 ".to_owned();
        one_line(&mut title);
        assert_eq!(title, "配强班子 绘好蓝图");
        let mut kicker = Some("\u{3000} ".to_owned());
        optional_line(&mut kicker);
        assert_eq!(kicker, None);
    }
}
