//! An article as it is read: its headline, its pictures, its paragraphs,
//! and a continued story followed from fragment to fragment, as a list of
//! blocks. `epaper cat` prints these blocks and the reader draws them;
//! both lay each one out with the layout engine.
//!
//! A block names where its text is in the issue rather than holding it, so
//! that the reader's state can keep a story's blocks beside the issue.
//! Knows the model and nothing of terminals.

use std::borrow::Cow;

use crate::model::{ArticleRef, Issue};

/// What a block is, which decides how it is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 引题, above the title.
    Kicker,
    Title,
    /// 副题, below the title.
    Subtitle,
    Byline,
    /// `[图] caption（credit）`.
    Image,
    Paragraph,
    /// The story goes on on another page ("下转第03版"); the next blocks
    /// are that fragment's paragraphs. Its text is that page's label.
    ContinuesOn,
    /// This fragment takes the story on from another page ("上接第01版").
    /// Its text is that page's label.
    ContinuedFrom,
}

impl Role {
    /// Whether the block belongs to the headline block at the top.
    pub fn is_headline(self) -> bool {
        matches!(
            self,
            Role::Kicker | Role::Title | Role::Subtitle | Role::Byline | Role::Image
        )
    }
}

/// One block of a story: its role, the fragment it comes from, and, for
/// pictures and paragraphs, which one of the fragment's; for the markers,
/// the page they name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub role: Role,
    pub fragment: ArticleRef,
    /// The index of the picture or paragraph in the fragment, or of the
    /// page a marker names.
    pub index: usize,
}

impl Block {
    /// The block's text in `issue`, the issue the story was made from.
    pub fn text<'i>(&self, issue: &'i Issue) -> Cow<'i, str> {
        let Some(article) = issue.article(self.fragment) else {
            return Cow::Borrowed("");
        };
        let field = |field: &'i Option<String>| Cow::Borrowed(field.as_deref().unwrap_or(""));
        match self.role {
            Role::Kicker => field(&article.kicker),
            Role::Title => Cow::Borrowed(&article.title),
            Role::Subtitle => field(&article.subtitle),
            Role::Byline => field(&article.byline),
            Role::Image => {
                let Some(image) = article.images.get(self.index) else {
                    return Cow::Borrowed("");
                };
                let caption = image.caption.as_deref().map(str::trim);
                let credit = image.credit.as_deref().map(str::trim);
                match (
                    caption.filter(|c| !c.is_empty()),
                    credit.filter(|c| !c.is_empty()),
                ) {
                    (None, None) => Cow::Borrowed("[图]"),
                    (Some(caption), None) => Cow::Owned(format!("[图] {caption}")),
                    (None, Some(credit)) => Cow::Owned(format!("[图]（{credit}）")),
                    (Some(caption), Some(credit)) => {
                        Cow::Owned(format!("[图] {caption}（{credit}）"))
                    }
                }
            }
            Role::Paragraph => Cow::Borrowed(
                article
                    .paragraphs
                    .get(self.index)
                    .map_or("", String::as_str),
            ),
            Role::ContinuesOn | Role::ContinuedFrom => Cow::Borrowed(
                issue
                    .pages
                    .get(self.index)
                    .map_or("", |page| page.label.as_str()),
            ),
        }
    }
}

/// Where a story's blocks start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum From {
    /// At the story's first fragment, whichever fragment was asked for:
    /// the reader shows a continued story whole.
    StoryStart,
    /// At the fragment asked for, with a "上接" marker if it continues
    /// another: what `epaper cat` prints for one article.
    Fragment,
    /// The fragment asked for alone, between its "上接" and "下转" markers:
    /// what a page shows, where the rest of the story is on its own page.
    Alone,
}

/// The page label as a page is named in print: `第03版`.
pub fn page_name(label: &str) -> String {
    format!("第{label}版")
}

/// The first fragment of the story `at` belongs to.
pub fn story_start(issue: &Issue, at: ArticleRef) -> ArticleRef {
    let mut first = at;
    // The validator refuses circles, so this ends.
    while let Some(previous) = issue.article(first).and_then(|a| a.links.continued_from) {
        first = previous;
    }
    first
}

fn headline(issue: &Issue, at: ArticleRef, blocks: &mut Vec<Block>) {
    let Some(article) = issue.article(at) else {
        return;
    };
    let block = |role, index| Block {
        role,
        fragment: at,
        index,
    };
    if article.kicker.is_some() {
        blocks.push(block(Role::Kicker, 0));
    }
    blocks.push(block(Role::Title, 0));
    if article.subtitle.is_some() {
        blocks.push(block(Role::Subtitle, 0));
    }
    if article.byline.is_some() {
        blocks.push(block(Role::Byline, 0));
    }
    blocks.extend((0..article.images.len()).map(|i| block(Role::Image, i)));
}

fn paragraphs(issue: &Issue, at: ArticleRef, blocks: &mut Vec<Block>) {
    let count = issue.article(at).map_or(0, |a| a.paragraphs.len());
    blocks.extend((0..count).map(|index| Block {
        role: Role::Paragraph,
        fragment: at,
        index,
    }));
}

/// The blocks of the article at `at`.
pub fn blocks(issue: &Issue, at: ArticleRef, from: From) -> Vec<Block> {
    let first = match from {
        From::StoryStart => story_start(issue, at),
        From::Fragment | From::Alone => at,
    };
    let mut blocks = Vec::new();
    let Some(article) = issue.article(first) else {
        return blocks;
    };
    headline(issue, first, &mut blocks);
    if let Some(previous) = article.links.continued_from {
        blocks.push(Block {
            role: Role::ContinuedFrom,
            fragment: first,
            index: previous.page,
        });
    }
    paragraphs(issue, first, &mut blocks);
    if from == From::Alone {
        if let Some(next) = article.links.continues_to {
            blocks.push(Block {
                role: Role::ContinuesOn,
                fragment: first,
                index: next.page,
            });
        }
        return blocks;
    }
    let mut here = first;
    while let Some(next) = issue.article(here).and_then(|a| a.links.continues_to) {
        blocks.push(Block {
            role: Role::ContinuesOn,
            fragment: here,
            index: next.page,
        });
        if from == From::StoryStart {
            blocks.push(Block {
                role: Role::ContinuedFrom,
                fragment: next,
                index: here.page,
            });
        }
        paragraphs(issue, next, &mut blocks);
        here = next;
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::SAMPLES;

    fn seed() -> Issue {
        let sample = SAMPLES
            .iter()
            .find(|s| s.name.starts_with("nmgrb"))
            .unwrap();
        crate::model::load(sample.bytes).unwrap().issue
    }

    fn roles(issue: &Issue, blocks: &[Block]) -> Vec<(Role, String)> {
        blocks
            .iter()
            .filter(|b| b.role != Role::Paragraph)
            .map(|b| (b.role, b.text(issue).chars().take(8).collect()))
            .collect()
    }

    #[test]
    fn a_continued_story_reads_on_across_the_seam() {
        let issue = seed();
        let front = ArticleRef {
            page: 0,
            article: 0,
        };
        let blocks = blocks(&issue, front, From::StoryStart);
        assert_eq!(
            roles(&issue, &blocks),
            [
                (Role::Title, "配强班子 绘好蓝".to_owned()),
                (Role::Byline, "蒙组轩".to_owned()),
                (Role::ContinuesOn, "03".to_owned()),
                (Role::ContinuedFrom, "01".to_owned()),
            ]
        );
        let paragraphs: Vec<_> = blocks
            .iter()
            .filter(|b| b.role == Role::Paragraph)
            .collect();
        assert_eq!(paragraphs.len(), 7);
        assert!(paragraphs[3].text(&issue).starts_with("坚持考实评准"));
    }

    #[test]
    fn from_the_continuation_the_reader_gets_the_whole_story_and_cat_the_fragment() {
        let issue = seed();
        let rest = ArticleRef {
            page: 2,
            article: 4,
        };
        let front = ArticleRef {
            page: 0,
            article: 0,
        };
        assert_eq!(
            blocks(&issue, rest, From::StoryStart),
            blocks(&issue, front, From::StoryStart)
        );
        let fragment = blocks(&issue, rest, From::Fragment);
        assert_eq!(
            roles(&issue, &fragment),
            [
                (Role::Title, "配强班子 绘好蓝".to_owned()),
                (Role::ContinuedFrom, "01".to_owned())
            ]
        );
        assert_eq!(
            fragment
                .iter()
                .filter(|b| b.role == Role::Paragraph)
                .count(),
            4
        );
    }

    #[test]
    fn alone_a_fragment_stops_at_its_seam() {
        let issue = seed();
        let front = ArticleRef {
            page: 0,
            article: 0,
        };
        let alone = blocks(&issue, front, From::Alone);
        assert_eq!(alone.last().map(|b| b.role), Some(Role::ContinuesOn));
        assert_eq!(
            alone.iter().filter(|b| b.role == Role::Paragraph).count(),
            3
        );
    }
}
