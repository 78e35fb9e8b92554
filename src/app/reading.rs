//! The article pane's content: a story's blocks, laid out lazily and
//! cached, and the reading position.
//!
//! Only the blocks around what is on screen are ever laid out, so a key
//! press costs the same in a 10 KB article as in a 10 MB one. The position
//! is a block and a byte offset in its text, never a screen line: after a
//! zoom, a resize or a change of ambiguous width the line holding that
//! byte is at the top again.

use std::sync::Arc;

use crate::layout::{
    LayoutOptions, Line, Prepared, Punctuation, Scratch, headline_lines_into, lines_into,
};
use crate::library::search::Query;
use crate::model::{ArticleRef, Issue};
use crate::story::{self, Block, From, Role};

/// A block laid out at the options of the reader's cache.
#[derive(Debug)]
struct Laid {
    prepared: Prepared<'static>,
    /// `None` until laid out at the current options.
    lines: Option<Vec<Line>>,
}

/// A row of the reading position: the line holding a byte of a block's
/// prepared text, or the blank row after the block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    Line {
        byte: usize,
    },
    /// A row of a block's picture, above its caption.
    Picture {
        row: u16,
    },
    Gap,
}

/// Where the top row of the article pane is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub block: usize,
    pub spot: Spot,
}

/// One row of the article pane as `render` draws it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Text {
        block: usize,
        line: Line,
    },
    /// A continuation marker, drawn as `── 下转第03版 ──`.
    Marker {
        block: usize,
    },
    /// A row of the picture of an image block.
    Picture {
        block: usize,
        row: u16,
    },
    Blank,
}

/// A byte of a block's prepared text and the byte of the issue's text
/// that starts the same character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TextAt {
    block: usize,
    prepared: usize,
    original: usize,
}

/// The largest character boundary of `text` at or before `byte`.
fn floor_boundary(text: &str, byte: usize) -> usize {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

/// Row coordinates within the story: a block and a row of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct At {
    block: usize,
    row: usize,
}

#[derive(Debug)]
pub struct Reader {
    issue: Arc<Issue>,
    /// The story's first fragment.
    pub story: ArticleRef,
    pub blocks: Vec<Block>,
    laid: Vec<Option<Laid>>,
    punctuation: Punctuation,
    /// What the cached lines are laid out at: the paragraphs' options (the
    /// headline blocks are the same without indent).
    options: LayoutOptions,
    scratch: Scratch,
    /// Bytes of text before each block, and in all, for the position.
    before: Vec<usize>,
    total: usize,
    pub top: Place,
    /// The rows on screen, from `top`, as `update` last placed them.
    pub rows: Vec<Row>,
    /// The rows each block's picture takes above its caption: none until
    /// the picture's size is known, and none where pictures are off.
    figures: Vec<u16>,
    /// Matches of the search in the blocks on screen: block and byte range
    /// in its prepared text.
    pub highlights: Vec<(usize, std::ops::Range<usize>)>,
    /// Where `top_in_text` last carried the top over to the issue's text.
    text_at: Option<TextAt>,
}

impl Reader {
    /// The story of the article at `at`, at its start; or, opened from a
    /// later fragment, at that fragment's "上接" marker.
    pub fn open(issue: Arc<Issue>, at: ArticleRef, options: LayoutOptions) -> Reader {
        let story = story::story_start(&issue, at);
        let blocks = story::blocks(&issue, at, From::StoryStart);
        let mut before = Vec::with_capacity(blocks.len());
        let mut total = 0;
        for block in &blocks {
            before.push(total);
            total += block.text(&issue).len();
        }
        let mut reader = Reader {
            laid: (0..blocks.len()).map(|_| None).collect(),
            punctuation: options.punctuation,
            issue,
            story,
            blocks,
            options,
            scratch: Scratch::default(),
            before,
            total,
            top: Place {
                block: 0,
                spot: Spot::Line { byte: 0 },
            },
            rows: Vec::new(),
            highlights: Vec::new(),
            figures: Vec::new(),
            text_at: None,
        };
        reader.start_at(at);
        reader
    }

    /// The top line's block and the byte it starts at in the block's text
    /// as the issue has it (not as prepared for display).
    pub fn top_in_text(&mut self) -> Option<(usize, usize)> {
        if self.blocks.is_empty() {
            return None;
        }
        let at = self.resolve(self.top);
        let byte = match self.row(at) {
            Row::Text { line, .. } => line.start,
            _ => 0,
        };
        self.lay_out(at.block);
        let prepared = self.text(at.block);
        let byte = floor_boundary(prepared, byte);
        let original = self.blocks[at.block].text(&self.issue);
        // Preparing keeps the characters one for one, so the top's byte
        // carries over by its count of characters. That count is kept from
        // the last call and moved by the distance from there: a key costs
        // the lines it scrolls, not the paragraph before them.
        let from = match self.text_at {
            Some(known) if known.block == at.block => known,
            _ => TextAt {
                block: at.block,
                prepared: 0,
                original: 0,
            },
        };
        let original_byte = if byte >= from.prepared {
            let steps = prepared[from.prepared..byte].chars().count();
            original[from.original..]
                .char_indices()
                .nth(steps)
                .map_or(original.len(), |(i, _)| from.original + i)
        } else {
            let steps = prepared[byte..from.prepared].chars().count();
            original[..from.original]
                .char_indices()
                .rev()
                .nth(steps - 1)
                .map_or(0, |(i, _)| i)
        };
        self.text_at = Some(TextAt {
            block: at.block,
            prepared: byte,
            original: original_byte,
        });
        Some((at.block, original_byte))
    }

    /// Puts the line holding byte `byte` of block `block`'s text (as the
    /// issue has it) at the top.
    pub fn go_to_text(&mut self, block: usize, byte: usize) {
        if block >= self.blocks.len() {
            return;
        }
        let original = self.blocks[block].text(&self.issue);
        let chars = original
            .get(..byte)
            .map_or(0, |before| before.chars().count());
        self.lay_out(block);
        let prepared = self.text(block);
        let byte = prepared
            .char_indices()
            .nth(chars)
            .map_or(prepared.len(), |(i, _)| i);
        self.top = Place {
            block,
            spot: Spot::Line { byte },
        };
    }

    /// Every match of `query` in the story, in order: block and byte range
    /// in its prepared text. Prepares every block.
    pub fn matches(&mut self, query: &Query) -> Vec<(usize, std::ops::Range<usize>)> {
        let mut scratch = String::new();
        let mut found = Vec::new();
        for block in 0..self.blocks.len() {
            if matches!(
                self.blocks[block].role,
                Role::ContinuesOn | Role::ContinuedFrom
            ) {
                continue;
            }
            self.lay_out(block);
            let text = self.text(block).to_owned();
            found.extend(
                query
                    .find(&text, &mut scratch)
                    .into_iter()
                    .map(|r| (block, r)),
            );
        }
        found
    }

    /// Puts the line holding a byte of a block's prepared text at the top.
    pub fn go_to_prepared(&mut self, block: usize, byte: usize) {
        self.top = Place {
            block: block.min(self.blocks.len().saturating_sub(1)),
            spot: Spot::Line { byte },
        };
    }

    /// Marks the matches of `query` in the blocks on screen.
    pub fn highlight(&mut self, query: Option<&Query>) {
        self.highlights.clear();
        let Some(query) = query else { return };
        let mut scratch = String::new();
        let mut blocks: Vec<usize> = self
            .rows
            .iter()
            .filter_map(|row| match row {
                Row::Text { block, .. } => Some(*block),
                _ => None,
            })
            .collect();
        blocks.dedup();
        for block in blocks {
            let found = query.find(self.text(block), &mut scratch);
            self.highlights
                .extend(found.into_iter().map(|range| (block, range)));
        }
    }

    /// Whether this is the story of fragment `at` of `issue`.
    pub fn holds(&self, issue: &Arc<Issue>, at: ArticleRef) -> bool {
        Arc::ptr_eq(&self.issue, issue) && story::story_start(issue, at) == self.story
    }

    /// Puts the top where opening fragment `at` starts: the story's start,
    /// or, for a later fragment, its "上接" marker.
    pub fn start_at(&mut self, at: ArticleRef) {
        let block = self
            .blocks
            .iter()
            .position(|b| at != self.story && b.role == Role::ContinuedFrom && b.fragment == at)
            .unwrap_or(0);
        self.top = Place {
            block,
            spot: Spot::Line { byte: 0 },
        };
    }

    /// Lays out again at new options, if they differ; the top line then is
    /// the one holding the byte that was at the top.
    pub fn set_options(&mut self, options: LayoutOptions) {
        if options == self.options {
            return;
        }
        // The prepared text, which positions are in, is made once per
        // reader: punctuation is not an option that changes while reading.
        debug_assert_eq!(options.punctuation, self.punctuation);
        for laid in self.laid.iter_mut().flatten() {
            laid.lines = None;
        }
        self.options = options;
        // The top is now the start of the line that holds the old top: what
        // is at the top after this change is what the next one keeps.
        if !self.blocks.is_empty() {
            let at = self.resolve(self.top);
            self.top = self.place(at);
        }
    }

    pub fn options(&self) -> &LayoutOptions {
        &self.options
    }

    pub fn issue(&self) -> &Arc<Issue> {
        &self.issue
    }

    /// The prepared text of a block that has been laid out.
    pub fn text(&self, block: usize) -> &str {
        self.laid
            .get(block)
            .and_then(Option::as_ref)
            .map_or("", |laid| laid.prepared.text())
    }

    fn lay_out(&mut self, block: usize) -> &[Line] {
        let role = self.blocks[block].role;
        if self.laid[block].is_none() {
            let text = self.blocks[block].text(&self.issue);
            self.laid[block] = Some(Laid {
                prepared: Prepared::new(&text, self.punctuation).into_owned(),
                lines: None,
            });
        }
        let Some(laid) = self.laid[block].as_mut() else {
            return &[];
        };
        if laid.lines.is_none() {
            let indent = if role == Role::Paragraph {
                self.options.indent
            } else {
                0
            };
            let mut lines = Vec::new();
            // Kicker, title and subtitle are set as a headline.
            let set = if matches!(role, Role::Kicker | Role::Title | Role::Subtitle) {
                headline_lines_into
            } else {
                lines_into
            };
            set(
                &laid.prepared,
                &self.options.indent(indent),
                &mut self.scratch,
                &mut lines,
            );
            laid.lines = Some(lines);
        }
        laid.lines.as_deref().unwrap_or_default()
    }

    /// Gives the image blocks' pictures these many rows (by block; a
    /// block not named has none). The top keeps its text; a top inside a
    /// picture that has shrunk stays in it.
    pub fn set_figures(&mut self, figures: Vec<u16>) {
        self.figures = figures;
    }

    /// The rows of `block`'s picture.
    pub fn figure(&self, block: usize) -> u16 {
        self.figures.get(block).copied().unwrap_or(0)
    }

    /// Rows of a block: its picture, its lines (or the marker), then the
    /// blank after it.
    fn rows_of(&mut self, block: usize) -> usize {
        let own = match self.blocks[block].role {
            Role::ContinuesOn | Role::ContinuedFrom => 1,
            _ => usize::from(self.figure(block)) + self.lay_out(block).len(),
        };
        own + usize::from(self.gap_after(block))
    }

    /// A blank row follows the headline block and each block of the body,
    /// but the last.
    fn gap_after(&self, block: usize) -> bool {
        let Some(next) = self.blocks.get(block + 1) else {
            return false;
        };
        !self.blocks[block].role.is_headline() || !next.role.is_headline()
    }

    fn row(&mut self, at: At) -> Row {
        match self.blocks[at.block].role {
            Role::ContinuesOn | Role::ContinuedFrom if at.row == 0 => {
                Row::Marker { block: at.block }
            }
            Role::ContinuesOn | Role::ContinuedFrom => Row::Blank,
            _ if at.row < usize::from(self.figure(at.block)) => Row::Picture {
                block: at.block,
                row: u16::try_from(at.row).unwrap_or(u16::MAX),
            },
            _ => {
                let figure = usize::from(self.figure(at.block));
                match self.lay_out(at.block).get(at.row - figure) {
                    Some(&line) => Row::Text {
                        block: at.block,
                        line,
                    },
                    None => Row::Blank,
                }
            }
        }
    }

    fn resolve(&mut self, place: Place) -> At {
        if self.blocks.is_empty() {
            return At { block: 0, row: 0 };
        }
        let block = place.block.min(self.blocks.len() - 1);
        let rows = self.rows_of(block);
        let figure = usize::from(self.figure(block));
        let row = match (self.blocks[block].role, place.spot) {
            (_, Spot::Gap) => rows.saturating_sub(1),
            (Role::ContinuesOn | Role::ContinuedFrom, _) => 0,
            (_, Spot::Picture { row }) => usize::from(row).min(figure),
            // The line holding the byte: the last one starting at or before
            // it (a space dropped at a break belongs to the line before).
            (_, Spot::Line { byte }) => {
                figure
                    + self
                        .lay_out(block)
                        .partition_point(|line| line.start <= byte)
                        .saturating_sub(1)
            }
        };
        At { block, row }
    }

    fn place(&mut self, at: At) -> Place {
        let spot = match self.row(at) {
            Row::Text { line, .. } => Spot::Line { byte: line.start },
            Row::Marker { .. } => Spot::Line { byte: 0 },
            Row::Picture { row, .. } => Spot::Picture { row },
            Row::Blank => Spot::Gap,
        };
        Place {
            block: at.block,
            spot,
        }
    }

    fn forward(&mut self, mut at: At, mut steps: usize) -> At {
        while steps > 0 {
            let rows = self.rows_of(at.block);
            if at.row + steps < rows {
                at.row += steps;
                break;
            }
            if at.block + 1 >= self.blocks.len() {
                at.row = rows.saturating_sub(1);
                break;
            }
            steps -= rows - at.row;
            at = At {
                block: at.block + 1,
                row: 0,
            };
        }
        at
    }

    fn backward(&mut self, mut at: At, mut steps: usize) -> At {
        while steps > 0 {
            if at.row >= steps {
                at.row -= steps;
                break;
            }
            if at.block == 0 {
                at.row = 0;
                break;
            }
            steps -= at.row + 1;
            let block = at.block - 1;
            at = At {
                block,
                row: self.rows_of(block) - 1,
            };
        }
        at
    }

    /// The last row of the story.
    fn end(&mut self) -> At {
        let block = self.blocks.len().saturating_sub(1);
        At {
            block,
            row: self.rows_of(block).saturating_sub(1),
        }
    }

    /// The lowest top that still fills `height` rows.
    fn last_top(&mut self, height: usize) -> At {
        let end = self.end();
        self.backward(end, height.saturating_sub(1))
    }

    fn before(a: At, b: At) -> bool {
        (a.block, a.row) < (b.block, b.row)
    }

    /// Moves the top by `delta` rows, within the story.
    pub fn scroll(&mut self, delta: isize, height: usize) {
        let at = self.resolve(self.top);
        let moved = if delta >= 0 {
            self.forward(at, delta.unsigned_abs())
        } else {
            self.backward(at, delta.unsigned_abs())
        };
        self.top = self.place(moved);
        self.clamp(height);
    }

    pub fn to_top(&mut self) {
        self.top = Place {
            block: 0,
            spot: Spot::Line { byte: 0 },
        };
    }

    pub fn to_bottom(&mut self, height: usize) {
        let last = self.last_top(height);
        self.top = self.place(last);
    }

    /// Keeps the top above the last full screen.
    pub fn clamp(&mut self, height: usize) {
        let at = self.resolve(self.top);
        let last = self.last_top(height);
        if Self::before(last, at) {
            self.top = self.place(last);
        } else {
            self.top = self.place(at);
        }
    }

    /// Places the rows that show from the top, `height` of them at most.
    pub fn fill(&mut self, height: usize) {
        let mut rows = std::mem::take(&mut self.rows);
        rows.clear();
        if !self.blocks.is_empty() {
            let mut at = self.resolve(self.top);
            // A jump may have put the top inside a line (at a match, at a
            // place saved at another width): the top is what the screen
            // starts with, so the next re-layout keeps that line's start.
            self.top = self.place(at);
            let end = self.end();
            while rows.len() < height {
                rows.push(self.row(at));
                if at == end {
                    break;
                }
                at = self.forward(at, 1);
            }
        }
        self.rows = rows;
    }

    /// Whether the story's last row is on screen.
    pub fn at_end(&mut self, height: usize) -> bool {
        let at = self.resolve(self.top);
        let last = self.last_top(height);
        !Self::before(at, last)
    }

    /// About how many rows the whole story takes, from the bytes a row
    /// holds on screen: for the scrollbar's thumb, without laying out what
    /// is not on screen.
    pub fn rows_estimate(&self) -> usize {
        let (bytes, rows) = self
            .rows
            .iter()
            .fold((0, 0), |(bytes, rows), row| match row {
                Row::Text { line, .. } => (bytes + (line.end - line.start), rows + 1),
                _ => (bytes, rows + 1),
            });
        if bytes == 0 {
            return rows;
        }
        self.total.saturating_mul(rows) / bytes
    }

    /// The top row, when it is a line of text: its block, and the bytes of
    /// the prepared text from its start to the next line's start (or the
    /// block's end). A re-layout keeps the old top's first byte in here.
    pub fn top_line(&self) -> Option<(usize, std::ops::Range<usize>)> {
        let Spot::Line { .. } = self.top.spot else {
            return None;
        };
        let Some(Row::Text { block, line }) = self.rows.first().copied() else {
            return None;
        };
        let end = match self.rows.get(1) {
            Some(Row::Text {
                block: b,
                line: next,
            }) if *b == block => next.start,
            _ => self.text(block).len(),
        };
        Some((block, line.start..end))
    }

    /// How far into the story the top is, by text, from 0 to 1.
    pub fn progress(&self) -> f64 {
        if self.total == 0 {
            return 1.0;
        }
        let block = self.top.block;
        let Some(&before) = self.before.get(block) else {
            return 1.0;
        };
        let length = self.blocks[block].text(&self.issue).len();
        // The top's byte is in the prepared text, which may differ in length
        // from the issue's; its share of that carries over.
        let within = match self.top.spot {
            Spot::Gap => length,
            Spot::Picture { .. } => 0,
            Spot::Line { byte } => {
                let prepared = self.text(block).len();
                (byte.min(prepared) * length)
                    .checked_div(prepared)
                    .unwrap_or(0)
            }
        };
        #[allow(clippy::cast_precision_loss)] // a fraction for a percentage
        let share = (before + within).min(self.total) as f64 / self.total as f64;
        share
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The top carried over to the issue's text by counting characters
    /// from the paragraph's start, as the position was before it was kept
    /// from one call to the next.
    fn counted(reader: &mut Reader) -> (usize, usize) {
        let at = reader.resolve(reader.top);
        let byte = match reader.row(at) {
            Row::Text { line, .. } => line.start,
            _ => 0,
        };
        let chars = reader.text(at.block)[..byte].chars().count();
        let original = reader.blocks[at.block].text(&reader.issue);
        let byte = original
            .char_indices()
            .nth(chars)
            .map_or(original.len(), |(i, _)| i);
        (at.block, byte)
    }

    #[test]
    fn the_top_in_the_issues_text_follows_every_scroll() {
        // Half-width commas become full-width ones when prepared: the two
        // texts differ in bytes, not in characters.
        let paragraph = "今年以来,自治区党委深入学习,认真落实党中央部署要求。".repeat(40);
        let json = serde_json::json!({
            "format": 1,
            "publication": "测试日报",
            "date": "2024-01-02",
            "pages": [{"label": "01", "name": "要闻", "articles": [
                {"title": "长文", "paragraphs": ["短段。", paragraph, "末段,完。"]}
            ]}]
        });
        let issue = crate::model::load(json.to_string().as_bytes())
            .expect("the issue loads")
            .issue;
        let mut reader = Reader::open(
            Arc::new(issue),
            ArticleRef {
                page: 0,
                article: 0,
            },
            LayoutOptions::new(16),
        );
        let height = 5;
        let steps = [1, 1, 3, -1, 7, -4, 1, 20, -30, 2, 100, -3, -100, 5];
        for (i, &delta) in steps.iter().cycle().take(80).enumerate() {
            reader.scroll(delta, height);
            assert_eq!(reader.top_in_text(), Some(counted(&mut reader)), "step {i}");
        }
        // Across a change of width, and back to the first block.
        reader.set_options(LayoutOptions::new(11));
        assert_eq!(reader.top_in_text(), Some(counted(&mut reader)));
        reader.to_top();
        assert_eq!(reader.top_in_text(), Some((0, 0)));
    }
}
