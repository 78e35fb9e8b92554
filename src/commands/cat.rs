//! `epaper cat`: articles laid out by the reader's engine, as plain text
//! for pipes, `less`, printing and scripts.
//!
//! One article prints its headline block (kicker, title, subtitle, byline,
//! pictures), an empty line, then its paragraphs with an empty line between
//! them; a continued story prints on to its end, each seam marked
//! `（下转第03版）`. Several articles print page by page under headings such
//! as `第03版：国内新闻•广告`, separated by an empty line and a rule.

use std::io::{self, Write};

use super::{ReadError, Source};
use crate::layout::{
    Ambiguous, LayoutOptions, Line, Prepared, Scratch, headline_lines_into, lines_into,
};
use crate::model::{self, ArticleRef, Issue, LoadError};
use crate::story::{self, From, Role};

/// Which articles to print.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// A page label as typed (`3` finds `03`); all pages without one.
    pub page: Option<String>,
    /// 1-based article on that page; the whole page without one.
    pub article: Option<usize>,
}

#[derive(Debug, thiserror::Error)]
pub enum CatError {
    #[error("{0}")]
    Read(#[from] ReadError),
    #[error("{0}")]
    Load(#[from] LoadError),
    #[error("there is no page \"{wanted}\"; the pages are {labels}")]
    NoSuchPage { wanted: String, labels: String },
    #[error("page {page} has {}; there is no article {wanted}", super::count(*.count, "article", "articles"))]
    NoSuchArticle {
        page: String,
        count: usize,
        wanted: usize,
    },
    #[error(transparent)]
    Write(#[from] io::Error),
}

impl CatError {
    /// The error as one line about `file`: `FILE:LINE:COL: error: …` for an
    /// invalid issue, `FILE: error: …` for the rest.
    pub fn describe(&self, file: &str) -> String {
        match self {
            CatError::Load(error) => error.describe(file),
            other => format!("{file}: error: {other}"),
        }
    }
}

pub fn run(
    source: &Source,
    selection: &Selection,
    options: &LayoutOptions,
    out: &mut impl Write,
) -> Result<(), CatError> {
    let bytes = source.read()?;
    let issue = model::load(&bytes)?.issue;
    let mut printer = Printer::new(out, options);
    let Some(wanted) = &selection.page else {
        for page in 0..issue.pages.len() {
            printer.page(&issue, page)?;
        }
        return Ok(());
    };
    let page = issue
        .find_page(wanted)
        .ok_or_else(|| CatError::NoSuchPage {
            wanted: wanted.clone(),
            labels: issue
                .pages
                .iter()
                .map(|p| p.label.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })?;
    match selection.article {
        None => printer.page(&issue, page)?,
        Some(number) => {
            let count = issue.pages[page].articles.len();
            if number == 0 || number > count {
                return Err(CatError::NoSuchArticle {
                    page: issue.pages[page].label.to_string(),
                    count,
                    wanted: number,
                });
            }
            printer.article(
                &issue,
                ArticleRef {
                    page,
                    article: number - 1,
                },
                From::Fragment,
            )?;
        }
    }
    Ok(())
}

/// How a block's lines are found: filled as a paragraph, or set as a
/// headline.
type SetLines = fn(&Prepared<'_>, &LayoutOptions, &mut Scratch, &mut Vec<Line>);

/// Spaces for indents, which the command line limits to 16 cells.
const SPACES: &[u8] = b"                ";

struct Printer<'o, W: Write> {
    out: &'o mut W,
    options: LayoutOptions,
    scratch: Scratch,
    lines: Vec<Line>,
    /// Whether anything has been printed, so separators go between blocks.
    started: bool,
}

impl<'o, W: Write> Printer<'o, W> {
    fn new(out: &'o mut W, options: &LayoutOptions) -> Self {
        Printer {
            out,
            options: *options,
            scratch: Scratch::default(),
            lines: Vec::new(),
            started: false,
        }
    }

    fn rule(&mut self) -> io::Result<()> {
        // ─ is ambiguous: it takes two cells where ambiguous means wide.
        let cells = if self.options.ambiguous == Ambiguous::Wide {
            2
        } else {
            1
        };
        writeln!(
            self.out,
            "{}",
            "─".repeat((self.options.width / cells).max(1))
        )
    }

    fn separator(&mut self) -> io::Result<()> {
        if self.started {
            writeln!(self.out)?;
            self.rule()?;
        }
        self.started = true;
        Ok(())
    }

    fn page(&mut self, issue: &Issue, page: usize) -> io::Result<()> {
        let p = &issue.pages[page];
        self.separator()?;
        let heading = if p.name.is_empty() {
            story::page_name(p.label.as_str())
        } else {
            format!("{}：{}", story::page_name(p.label.as_str()), p.name)
        };
        self.text(&heading, 0)?;
        for article in 0..p.articles.len() {
            if article == 0 {
                writeln!(self.out)?;
            } else {
                self.separator()?;
            }
            // On a page, a continued story stops at its seam: the rest is
            // printed on its own page.
            self.article(issue, ArticleRef { page, article }, From::Alone)?;
        }
        Ok(())
    }

    /// Prints an article: alone, as its page has it (`From::Alone`), or
    /// with the rest of its story (`From::Fragment`).
    fn article(&mut self, issue: &Issue, at: ArticleRef, from: From) -> io::Result<()> {
        self.started = true;
        let blocks = story::blocks(issue, at, from);
        for block in &blocks {
            if !block.role.is_headline() {
                // One empty line after the headline block and between the
                // blocks of the body.
                writeln!(self.out)?;
            }
            let text = block.text(issue);
            match block.role {
                Role::ContinuesOn => {
                    self.text(&format!("（下转{}）", story::page_name(&text)), 0)?;
                }
                Role::ContinuedFrom => {
                    self.text(&format!("（上接{}）", story::page_name(&text)), 0)?;
                }
                Role::Paragraph => self.text(&text, self.options.indent)?,
                Role::Kicker | Role::Title | Role::Subtitle => self.headline(&text)?,
                _ => self.text(&text, 0)?,
            }
        }
        Ok(())
    }

    /// Lays `text` out and writes its lines.
    fn text(&mut self, text: &str, indent: usize) -> io::Result<()> {
        self.set(text, indent, lines_into)
    }

    /// Sets a kicker, title or subtitle as a headline and writes its lines.
    fn headline(&mut self, text: &str) -> io::Result<()> {
        self.set(text, 0, headline_lines_into)
    }

    fn set(&mut self, text: &str, indent: usize, set: SetLines) -> io::Result<()> {
        let prepared = Prepared::new(text, self.options.punctuation);
        let options = self.options.indent(indent);
        self.lines.clear();
        set(&prepared, &options, &mut self.scratch, &mut self.lines);
        for line in &self.lines {
            self.out
                .write_all(&SPACES[..line.indent.min(SPACES.len())])?;
            self.out
                .write_all(&prepared.text().as_bytes()[line.start..line.end])?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }
}
