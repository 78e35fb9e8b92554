//! An article as it is read: its headline, its pictures, its paragraphs,
//! and a continued story followed from fragment to fragment, as a list of
//! blocks of text. `epaper cat` prints these blocks and the reader draws
//! them; both lay each one out with the layout engine.
//!
//! Knows the model and nothing of terminals.

use std::borrow::Cow;

use crate::model::{Article, ArticleRef, Issue};

/// What a block is, which decides how it is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 引题, above the title.
    Kicker,
    Title,
    /// 副题, below the title.
    Subtitle,
    Byline,
    /// `[图] caption — credit`.
    Image,
    Paragraph,
    /// The story goes on on another page ("下转第03版"); the next blocks
    /// are that fragment's paragraphs.
    ContinuesOn,
    /// This fragment takes the story on from another page ("上接第01版").
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

/// One block: its role and text. For the two continuation markers the text
/// is the label of the other page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block<'a> {
    pub role: Role,
    pub text: Cow<'a, str>,
    /// The fragment the block comes from.
    pub fragment: ArticleRef,
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
}

/// The page label as a page is named in print: `第03版`.
pub fn page_name(label: &str) -> String {
    format!("第{label}版")
}

fn headline<'a>(article: &'a Article, at: ArticleRef, blocks: &mut Vec<Block<'a>>) {
    let lines = [
        (Role::Kicker, article.kicker.as_deref()),
        (Role::Title, Some(article.title.as_str())),
        (Role::Subtitle, article.subtitle.as_deref()),
        (Role::Byline, article.byline.as_deref()),
    ];
    for (role, text) in lines {
        if let Some(text) = text {
            blocks.push(Block {
                role,
                text: Cow::Borrowed(text),
                fragment: at,
            });
        }
    }
    for image in &article.images {
        let words: Vec<&str> = [&image.caption, &image.credit]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        let text = if words.is_empty() {
            "[图]".to_owned()
        } else {
            format!("[图] {}", words.join(" — "))
        };
        blocks.push(Block {
            role: Role::Image,
            text: Cow::Owned(text),
            fragment: at,
        });
    }
}

fn paragraphs<'a>(article: &'a Article, at: ArticleRef, blocks: &mut Vec<Block<'a>>) {
    blocks.extend(article.paragraphs.iter().map(|p| Block {
        role: Role::Paragraph,
        text: Cow::Borrowed(p.as_str()),
        fragment: at,
    }));
}

fn label(issue: &Issue, at: ArticleRef) -> Cow<'_, str> {
    Cow::Borrowed(issue.pages[at.page].label.as_str())
}

/// The blocks of the article at `at` (which must be in `issue`).
pub fn blocks(issue: &Issue, at: ArticleRef, from: From) -> Vec<Block<'_>> {
    let mut first = at;
    if from == From::StoryStart {
        while let Some(previous) = issue.article(first).and_then(|a| a.links.continued_from) {
            first = previous;
        }
    }
    let mut blocks = Vec::new();
    let Some(article) = issue.article(first) else {
        return blocks;
    };
    headline(article, first, &mut blocks);
    if let Some(previous) = article.links.continued_from {
        blocks.push(Block {
            role: Role::ContinuedFrom,
            text: label(issue, previous),
            fragment: first,
        });
    }
    paragraphs(article, first, &mut blocks);
    let mut here = first;
    // The validator refuses circles, so this ends.
    while let Some(next) = issue.article(here).and_then(|a| a.links.continues_to) {
        let Some(fragment) = issue.article(next) else {
            break;
        };
        blocks.push(Block {
            role: Role::ContinuesOn,
            text: label(issue, next),
            fragment: here,
        });
        if from == From::StoryStart {
            blocks.push(Block {
                role: Role::ContinuedFrom,
                text: label(issue, here),
                fragment: next,
            });
        }
        paragraphs(fragment, next, &mut blocks);
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

    fn roles(blocks: &[Block<'_>]) -> Vec<(Role, String)> {
        blocks
            .iter()
            .filter(|b| b.role != Role::Paragraph)
            .map(|b| (b.role, b.text.chars().take(8).collect()))
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
            roles(&blocks),
            [
                (Role::Title, "配强班子 绘好蓝".to_owned()),
                (Role::Byline, "蒙组轩".to_owned()),
                (Role::ContinuesOn, "03".to_owned()),
                (Role::ContinuedFrom, "01".to_owned()),
            ]
        );
        assert_eq!(
            blocks.iter().filter(|b| b.role == Role::Paragraph).count(),
            7
        );
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
            roles(&fragment),
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
}
