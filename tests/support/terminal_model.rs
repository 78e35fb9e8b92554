//! A terminal's screen as cells, written as a terminal writes them: a wide
//! character written over half of another erases the rest of the old one
//! in the default colours (as xterm, VTE and tmux do). The screen tests
//! play each frame's updates into it and compare it with the frame.

#![allow(dead_code, reason = "each test file uses part of it")]

use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::style::Color;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub symbol: String,
    pub bg: Color,
    /// The second half of the wide character before it.
    pub covered: bool,
}

impl Shown {
    fn blank() -> Shown {
        Shown {
            symbol: " ".to_owned(),
            bg: Color::Reset,
            covered: false,
        }
    }
}

pub struct Screen {
    pub width: u16,
    pub height: u16,
    pub cells: Vec<Shown>,
}

fn width_of(cell: &Cell) -> u16 {
    match cell.diff_option {
        CellDiffOption::ForcedWidth(width) => width.get(),
        _ => u16::try_from(cell.symbol().width()).unwrap_or(1).max(1),
    }
}

impl Screen {
    pub fn new(width: u16, height: u16) -> Screen {
        Screen {
            width,
            height,
            cells: vec![Shown::blank(); usize::from(width) * usize::from(height)],
        }
    }

    fn at(&mut self, x: u16, y: u16) -> &mut Shown {
        &mut self.cells[usize::from(y) * usize::from(self.width) + usize::from(x)]
    }

    fn get(&self, x: u16, y: u16) -> &Shown {
        &self.cells[usize::from(y) * usize::from(self.width) + usize::from(x)]
    }

    /// The width of the character starting at (x, y) on the screen.
    fn span(&self, x: u16, y: u16) -> u16 {
        let mut end = x + 1;
        while end < self.width && self.get(end, y).covered {
            end += 1;
        }
        end - x
    }

    /// Writes one cell as a terminal would.
    pub fn write(&mut self, x: u16, y: u16, cell: &Cell) {
        let width = width_of(cell).min(self.width - x);
        // Over the second half of a wide character: its first half goes.
        if self.get(x, y).covered {
            let mut start = x;
            while start > 0 && self.get(start, y).covered {
                start -= 1;
            }
            *self.at(start, y) = Shown::blank();
            let mut c = start + 1;
            while c < self.width && self.get(c, y).covered {
                *self.at(c, y) = Shown::blank();
                c += 1;
            }
        }
        // Over the first half of one reaching past the new character: the
        // rest of it goes.
        for c in x..x + width {
            if !self.get(c, y).covered {
                let span = self.span(c, y);
                for rest in (x + width)..(c + span).min(self.width) {
                    *self.at(rest, y) = Shown::blank();
                }
            }
        }
        *self.at(x, y) = Shown {
            symbol: cell.symbol().to_owned(),
            bg: cell.bg,
            covered: false,
        };
        for c in x + 1..x + width {
            *self.at(c, y) = Shown {
                symbol: String::new(),
                bg: cell.bg,
                covered: true,
            };
        }
    }

    /// The cells whose background differs from the frame's: what the user
    /// sees in the wrong colour.
    pub fn wrong_colours(&self, frame: &Buffer) -> Vec<(u16, u16)> {
        let mut wrong = Vec::new();
        for y in 0..self.height {
            for x in 0..self.width {
                if self.get(x, y).bg != frame[(x, y)].bg {
                    wrong.push((x, y));
                }
            }
        }
        wrong
    }
}
