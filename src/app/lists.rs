//! The two lists beside the article: the pages (版面) and the current
//! page's headlines (标题导航), as the rows that show, placed by `update`.

use crate::layout::{Ambiguous, LayoutOptions, Prepared, Punctuation, headline_lines, lines};
use crate::model::{Issue, Kind};
use crate::story;

/// An entry of the pages list: a section's heading, or a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PagesEntry {
    Section(usize),
    Page(usize),
}

/// The pages list, with a heading row above each section's pages when the
/// issue has sections, in file order.
pub fn pages_entries(issue: &Issue) -> Vec<PagesEntry> {
    let mut entries = Vec::with_capacity(issue.pages.len() + issue.sections.len());
    let mut section = None;
    for (i, page) in issue.pages.iter().enumerate() {
        if !issue.sections.is_empty() && page.section != section {
            section.clone_from(&page.section);
            if let Some(index) = page
                .section
                .as_ref()
                .and_then(|id| issue.sections.iter().position(|s| &s.id == id))
            {
                entries.push(PagesEntry::Section(index));
            }
        }
        entries.push(PagesEntry::Page(i));
    }
    entries
}

/// What a row of a headline item shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadlinePart {
    Kicker,
    Title,
    Subtitle,
    Blank,
}

/// A row of the headlines list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadlineRow {
    pub article: usize,
    pub part: HeadlinePart,
    pub text: String,
    /// Ends in `…`: the text was cut to the width.
    pub cut: bool,
}

/// Titles wrap to at most this many rows; the last is cut with `…`.
const TITLE_ROWS: usize = 3;

/// The tag before a title: what kind of entry it is.
pub fn kind_tag(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Article => None,
        Kind::Photo => Some("图"),
        Kind::Ad => Some("广告"),
        Kind::Notice => Some("启事"),
    }
}

/// The rows of headline `article` of `page`, for a list `width` cells wide.
pub fn headline_rows(
    issue: &Issue,
    page: usize,
    article: usize,
    width: usize,
    ambiguous: Ambiguous,
    punctuation: Punctuation,
) -> Vec<HeadlineRow> {
    let mut rows = Vec::new();
    let Some(a) = issue.pages.get(page).and_then(|p| p.articles.get(article)) else {
        return rows;
    };
    let row = |part, (text, cut): (String, bool)| HeadlineRow {
        article,
        part,
        text,
        cut,
    };
    if let Some(kicker) = &a.kicker {
        rows.push(row(HeadlinePart::Kicker, fit(kicker, width, ambiguous)));
    }
    let mut title = String::new();
    if let Some(tag) = kind_tag(a.kind) {
        title.push_str(tag);
        title.push('·');
    }
    title.push_str(&a.title);
    // The word joiner keeps 转 and 续 on the line of their page label.
    for (word, other) in [("转", a.links.continues_to), ("续", a.links.continued_from)] {
        if let Some(other) = other {
            title.push(' ');
            title.push_str(word);
            title.push('\u{2060}');
            title.push_str(issue.pages[other.page].label.as_str());
        }
    }
    let options = LayoutOptions::new(width.max(1))
        .indent(0)
        .ambiguous(ambiguous);
    let prepared = Prepared::new(&title, punctuation);
    let laid = headline_lines(&prepared, &options);
    for (i, line) in laid.iter().enumerate().take(TITLE_ROWS) {
        let text = &prepared.text()[line.start..line.end];
        if i + 1 == TITLE_ROWS && laid.len() > TITLE_ROWS {
            let rest = &prepared.text()[line.start..];
            let (cut, _) = fit(rest, width, ambiguous);
            rows.push(row(HeadlinePart::Title, (cut, true)));
        } else {
            rows.push(row(HeadlinePart::Title, (text.to_owned(), false)));
        }
    }
    if let Some(subtitle) = &a.subtitle {
        rows.push(row(HeadlinePart::Subtitle, fit(subtitle, width, ambiguous)));
    }
    rows.push(row(HeadlinePart::Blank, (String::new(), false)));
    rows
}

/// `text` made safe and cut to `width` cells, with `…` where it was cut.
pub fn fit(text: &str, width: usize, ambiguous: Ambiguous) -> (String, bool) {
    let text = crate::layout::sanitize(text);
    let wide = ambiguous == Ambiguous::Wide;
    let ellipsis = if wide { 2 } else { 1 };
    let cells = |s: &str| crate::layout::display_width(s, ambiguous);
    if cells(&text) <= width {
        return (text.into_owned(), false);
    }
    let mut out = String::new();
    let mut used = 0;
    for grapheme in crate::layout::graphemes(&text) {
        let w = cells(grapheme);
        if used + w + ellipsis > width {
            break;
        }
        used += w;
        out.push_str(grapheme);
    }
    if used + ellipsis <= width {
        out.push('…');
    }
    (out, true)
}

/// `text` made safe and wrapped to `width` cells with the engine's rules,
/// as it is written (no indent, its punctuation kept): for the help and
/// the messages that must be read whole.
pub fn wrap(text: &str, width: usize, ambiguous: Ambiguous) -> Vec<String> {
    let options = LayoutOptions::new(width.max(1))
        .indent(0)
        .ambiguous(ambiguous);
    let prepared = Prepared::new(text, Punctuation::Original);
    lines(&prepared, &options)
        .iter()
        .map(|line| prepared.text()[line.start..line.end].to_owned())
        .collect()
}

/// The label a page has in the lists: `01 一版要闻`.
pub fn page_line(issue: &Issue, page: usize) -> String {
    let p = &issue.pages[page];
    if p.name.is_empty() {
        p.label.to_string()
    } else {
        format!("{} {}", p.label, p.name)
    }
}

/// The page as the top bar names it: `第03版：国内新闻•广告`.
pub fn page_title(issue: &Issue, page: usize) -> String {
    let p = &issue.pages[page];
    let name = story::page_name(p.label.as_str());
    if p.name.is_empty() {
        name
    } else {
        format!("{name}：{}", p.name)
    }
}
