//! Finding words in issues. Chinese is matched as it is written; letters
//! without regard to case; the full-width forms of ASCII (ＡＢＣ, ２０２１, ，)
//! as their half-width forms, and the ideographic space as a space. Text
//! and query are folded the same way, a character for a character, so a
//! match in the folded text is a match in the original.

use std::ops::Range;

use memchr::memmem;

use crate::model::{Article, ArticleRef, Date, Issue};

/// The character `c` is compared as.
pub fn fold(c: char) -> char {
    let c = match c {
        // The blocks of Chinese text, which have no case: no table to look
        // up for the characters that are most of every search.
        '\u{3001}'..='\u{A63F}' | '\u{AC00}'..='\u{D7FF}' | '\u{F900}'..='\u{FAFF}' => return c,
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(single), None) => single,
        _ => c,
    }
}

/// `text` folded into `out` (cleared first).
pub fn fold_into(text: &str, out: &mut String) {
    out.clear();
    out.extend(text.chars().map(fold));
}

/// A query, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    folded: String,
    /// No other character folds to any of the query's, so the text needs
    /// no folding to be searched: true of most Chinese queries.
    direct: bool,
}

/// Whether only `c` itself folds to `c`: not ASCII or a space (the
/// full-width forms fold to those), not a lower-case letter (capitals
/// fold to those), and folding leaves it.
fn folds_only_from_itself(c: char) -> bool {
    !c.is_ascii() && !c.is_whitespace() && !c.is_lowercase() && fold(c) == c
}

impl Query {
    /// The query for `text`, or `None` when it has nothing to find.
    pub fn new(text: &str) -> Option<Query> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let folded: String = text.chars().map(fold).collect();
        Some(Query {
            text: text.to_owned(),
            direct: folded.chars().all(folds_only_from_itself),
            folded,
        })
    }

    /// The query as the text is compared: each character folded.
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// The byte ranges of the matches in `text`, in `text`'s own offsets;
    /// `scratch` is working memory kept between calls.
    pub fn find(&self, text: &str, scratch: &mut String) -> Vec<Range<usize>> {
        if self.direct {
            let length = self.folded.len();
            return memmem::find_iter(text.as_bytes(), self.folded.as_bytes())
                .map(|start| start..start + length)
                .collect();
        }
        fold_into(text, scratch);
        let starts: Vec<usize> =
            memmem::find_iter(scratch.as_bytes(), self.folded.as_bytes()).collect();
        if starts.is_empty() {
            return Vec::new();
        }
        // Folding keeps characters one for one: walk both texts together
        // to carry the folded offsets back to the original.
        let needle_chars = self.folded.chars().count();
        let original: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let folded: Vec<usize> = scratch.char_indices().map(|(i, _)| i).collect();
        starts
            .into_iter()
            .filter_map(|start| {
                let char_index = folded.binary_search(&start).ok()?;
                let end = *original.get(char_index + needle_chars)?;
                Some(original[char_index]..end)
            })
            .collect()
    }
}

/// Where a match is in an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Kicker,
    Title,
    Subtitle,
    Paragraph(usize),
}

/// One match: where it is, and a snippet of text around it with the match
/// at `snippet_match`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub at: ArticleRef,
    pub field: Field,
    pub range: Range<usize>,
    pub snippet: String,
    pub snippet_match: Range<usize>,
}

/// Characters of context each side of a match in a snippet.
const CONTEXT: usize = 60;

fn snippet(text: &str, range: &Range<usize>) -> (String, Range<usize>) {
    snippet_around(text, range, CONTEXT)
}

/// The match at `range` of `text` with up to `context` characters each
/// side, `…` where text was left out; and where the match is in it.
pub fn snippet_around(text: &str, range: &Range<usize>, context: usize) -> (String, Range<usize>) {
    let before_start = text[..range.start]
        .char_indices()
        .rev()
        .nth(context.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    let after_end = text[range.end..]
        .char_indices()
        .nth(context)
        .map_or(text.len(), |(i, _)| range.end + i);
    let mut out = String::new();
    if before_start > 0 {
        out.push('…');
    }
    let start = out.len() + (range.start - before_start);
    out.push_str(&text[before_start..after_end]);
    let end = start + (range.end - range.start);
    if after_end < text.len() {
        out.push('…');
    }
    (out, start..end)
}

/// The fields of an article that are searched, in reading order.
pub fn fields(article: &Article) -> impl Iterator<Item = (Field, &str)> {
    [
        (Field::Kicker, article.kicker.as_deref()),
        (Field::Title, Some(article.title.as_str())),
        (Field::Subtitle, article.subtitle.as_deref()),
    ]
    .into_iter()
    .filter_map(|(field, text)| Some((field, text?)))
    .chain(
        article
            .paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| (Field::Paragraph(i), p.as_str())),
    )
}

/// Every match of `query` in the titles and paragraphs of `issue`, in
/// reading order, at most `limit`.
pub fn search(issue: &Issue, query: &Query, limit: usize) -> Vec<Hit> {
    let mut hits = Vec::new();
    let mut scratch = String::new();
    for (page, p) in issue.pages.iter().enumerate() {
        for (article, a) in p.articles.iter().enumerate() {
            let at = ArticleRef { page, article };
            for (field, text) in fields(a) {
                for range in query.find(text, &mut scratch) {
                    if hits.len() >= limit {
                        return hits;
                    }
                    let (snippet, snippet_match) = snippet(text, &range);
                    hits.push(Hit {
                        at,
                        field,
                        range,
                        snippet,
                        snippet_match,
                    });
                }
            }
        }
    }
    hits
}

/// An article with matches, in which issue of the library: its first
/// match, and how many it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub entry: usize,
    pub publication: String,
    pub date: Date,
    pub page_label: String,
    pub title: String,
    pub hit: Hit,
    pub matches: usize,
}

/// The articles of `issue` (the library's entry `entry`) with matches of
/// `query`, in reading order, counting at most `limit` matches in all;
/// and whether there were more than that.
pub fn articles(issue: &Issue, entry: usize, query: &Query, limit: usize) -> (Vec<Found>, bool) {
    let hits = search(issue, query, limit.saturating_add(1));
    let more = hits.len() > limit;
    let mut found: Vec<Found> = Vec::new();
    for hit in hits.into_iter().take(limit) {
        if let Some(last) = found.last_mut()
            && last.hit.at == hit.at
        {
            last.matches += 1;
            continue;
        }
        found.push(Found {
            entry,
            publication: issue.publication.clone(),
            date: issue.date,
            page_label: issue.pages[hit.at.page].label.to_string(),
            title: issue
                .article(hit.at)
                .map_or_else(String::new, |a| a.title.clone()),
            hit,
            matches: 1,
        });
    }
    (found, more)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_table() {
        let cases = [
            ('Ａ', 'a'),
            ('ａ', 'a'),
            ('A', 'a'),
            ('２', '2'),
            ('，', ','),
            ('：', ':'),
            ('（', '('),
            ('\u{3000}', ' '),
            ('É', 'é'),
            ('中', '中'),
            ('。', '。'),
            ('“', '“'),
        ];
        for (c, folded) in cases {
            assert_eq!(fold(c), folded, "{c}");
        }
    }

    #[test]
    fn matches_fold_and_keep_original_offsets() {
        let mut scratch = String::new();
        let query = Query::new("abc2021").unwrap();
        let text = "前言ＡＢＣ２０２１和abc2021";
        let found = query.find(text, &mut scratch);
        let words: Vec<&str> = found.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(words, ["ＡＢＣ２０２１", "abc2021"]);
        let comma = Query::new("今年以来，").unwrap();
        let text = "今年以来,自治区";
        assert_eq!(comma.find(text, &mut scratch).first(), Some(&(0..13)));
        assert!(Query::new("  ").is_none());
        // Searched without folding, and still found only where it is.
        let chinese = Query::new("换届工作").unwrap();
        assert!(chinese.direct);
        assert_eq!(chinese.find("做好换届工作的", &mut scratch), vec![6..18]);
        assert!(!Query::new("今年，").unwrap().direct);
        assert!(!Query::new("é").unwrap().direct);
        assert!(
            Query::new("换届")
                .unwrap()
                .find("无关", &mut scratch)
                .is_empty()
        );
    }

    #[test]
    fn snippets_show_the_match_in_context() {
        let text = "一二三四五六七八九十".repeat(7) + "关键词" + &"一二三四五六七八九十".repeat(7);
        let text = text.as_str();
        let start = text.find("关键词").unwrap();
        let (snippet, at) = snippet(text, &(start..start + "关键词".len()));
        assert_eq!(&snippet[at], "关键词");
        assert!(snippet.starts_with('…') && snippet.ends_with('…'));
        assert_eq!(snippet.chars().count(), 1 + CONTEXT + 3 + CONTEXT + 1);
    }
}
