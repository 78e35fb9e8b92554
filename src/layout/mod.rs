//! The text engine: lays a paragraph out in lines of a given width the way
//! a careful typesetter sets Chinese (docs/DESIGN.md, "The layout engine").
//!
//! Pure functions over strings: this layer must not import ratatui or
//! crossterm, does no I/O, and allocates no string per line. Its output is
//! byte ranges into the prepared paragraph and their widths.
//!
//! ```
//! use epaper::layout::{LayoutOptions, lay_out};
//! let laid = lay_out("我们，你们", &LayoutOptions::new(4).indent(0));
//! let lines: Vec<&str> = laid.lines.iter().map(|l| &laid.text()[l.start..l.end]).collect();
//! assert_eq!(lines, ["我", "们，", "你们"]);
//! ```

mod atoms;
mod fill;
mod headline;
mod prepare;
mod props;
mod sanitize;

pub use headline::{headline_lines, headline_lines_into};
pub use prepare::{Prepared, Punctuation};
pub use sanitize::{REPLACEMENT, replacement, sanitize};

use fill::Measure;

/// How terminals draw the East Asian ambiguous characters (“ ” ‘ ’ … — ·
/// ※ ○ ① ℃): one cell, or two.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Ambiguous {
    #[default]
    Narrow,
    Wide,
}

/// The first-line indent by default: two ideographic spaces.
pub const DEFAULT_INDENT: usize = 4;

/// Cells reserved on the right for hanging punctuation.
pub const HANGING_MARGIN: usize = 2;

/// How to lay text out. Built the way textwrap's options are:
/// `LayoutOptions::new(60).ambiguous(Ambiguous::Wide).indent(2)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct LayoutOptions {
    /// Cells per line.
    pub width: usize,
    pub ambiguous: Ambiguous,
    /// Cells of first-line indent.
    pub indent: usize,
    pub punctuation: Punctuation,
    /// Let 、，。 hang in a reserved margin instead of pushing a character
    /// down.
    pub hanging: bool,
}

impl LayoutOptions {
    pub fn new(width: usize) -> LayoutOptions {
        LayoutOptions {
            width,
            ambiguous: Ambiguous::Narrow,
            indent: DEFAULT_INDENT,
            punctuation: Punctuation::FullWidth,
            hanging: false,
        }
    }

    #[must_use]
    pub fn width(mut self, width: usize) -> LayoutOptions {
        self.width = width;
        self
    }

    #[must_use]
    pub fn ambiguous(mut self, ambiguous: Ambiguous) -> LayoutOptions {
        self.ambiguous = ambiguous;
        self
    }

    #[must_use]
    pub fn indent(mut self, indent: usize) -> LayoutOptions {
        self.indent = indent;
        self
    }

    #[must_use]
    pub fn punctuation(mut self, punctuation: Punctuation) -> LayoutOptions {
        self.punctuation = punctuation;
        self
    }

    #[must_use]
    pub fn hanging(mut self, hanging: bool) -> LayoutOptions {
        self.hanging = hanging;
        self
    }

    /// The widths the filling works with. The indent shrinks so that a line
    /// keeps room for one hanzi; the hanging margin is given up below 6
    /// cells, where it would leave no room.
    fn measure(&self) -> Measure {
        let width = self.width.max(1);
        let margin = if self.hanging && width >= 6 {
            HANGING_MARGIN
        } else {
            0
        };
        let width = width - margin;
        Measure {
            width,
            indent: self.indent.min(width.saturating_sub(2)),
            margin,
        }
    }
}

/// One line: the bytes `start..end` of the prepared text, `width` cells
/// wide, drawn after `indent` cells of space. A line that ends in hanging
/// punctuation has it past the measure, in the margin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
    pub width: usize,
    pub indent: usize,
    pub hanging: bool,
}

/// A paragraph laid out: its prepared text and the lines over it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaidOut<'a> {
    pub prepared: Prepared<'a>,
    pub lines: Vec<Line>,
}

impl LaidOut<'_> {
    pub fn text(&self) -> &str {
        self.prepared.text()
    }

    /// The text of each line.
    pub fn line_texts(&self) -> impl Iterator<Item = &str> {
        self.lines
            .iter()
            .map(|line| &self.text()[line.start..line.end])
    }
}

/// Cells `text` takes on a terminal that draws ambiguous characters as
/// `ambiguous` says, measured cluster by cluster as the engine measures.
pub fn display_width(text: &str, ambiguous: Ambiguous) -> usize {
    use unicode_width::UnicodeWidthStr;
    graphemes(text)
        .map(|g| match ambiguous {
            Ambiguous::Narrow => g.width(),
            Ambiguous::Wide => g.width_cjk(),
        })
        .sum()
}

/// The grapheme clusters of `text`, as the engine and ratatui cut it.
pub fn graphemes(text: &str) -> impl Iterator<Item = &str> {
    unicode_segmentation::UnicodeSegmentation::graphemes(text, true)
}

/// Prepares `paragraph` (see [`Prepared`]) and lays it out.
pub fn lay_out<'a>(paragraph: &'a str, options: &LayoutOptions) -> LaidOut<'a> {
    let prepared = Prepared::new(paragraph, options.punctuation);
    let lines = lines(&prepared, options);
    LaidOut { prepared, lines }
}

/// The byte offsets in the prepared text where the rules allow a line to
/// break (not the fallbacks for over-long words and URLs).
pub fn break_opportunities(prepared: &Prepared<'_>) -> Vec<usize> {
    let mut scratch = Scratch::default();
    atoms::atoms(prepared.text(), false, prepared.urls(), &mut scratch.work)
        .iter()
        .filter(|atom| atom.has(atoms::BREAK))
        .map(|atom| atom.start as usize)
        .collect()
}

/// The lines of a prepared paragraph: what a change of width or ambiguous
/// width recomputes, without preparing again.
pub fn lines(prepared: &Prepared<'_>, options: &LayoutOptions) -> Vec<Line> {
    let mut lines = Vec::new();
    lines_into(prepared, options, &mut Scratch::default(), &mut lines);
    lines
}

/// Working memory of the engine, kept between paragraphs by callers that
/// lay out many, so that it is allocated once.
#[derive(Debug, Default)]
pub struct Scratch {
    work: atoms::Work,
}

/// [`lines`], appending to `lines` and reusing `scratch` between calls.
pub fn lines_into(
    prepared: &Prepared<'_>,
    options: &LayoutOptions,
    scratch: &mut Scratch,
    lines: &mut Vec<Line>,
) {
    let text = prepared.text();
    let atoms = atoms::atoms(
        text,
        options.ambiguous == Ambiguous::Wide,
        prepared.urls(),
        &mut scratch.work,
    );
    let first = lines.len();
    fill::fill(text.len(), atoms, &options.measure(), lines);
    debug_assert!(lines[first..].iter().all(|line| line.end <= text.len()));
}
