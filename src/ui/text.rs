//! Writing text into ratatui's buffer cell by cell, with the widths the
//! layout engine uses.
//!
//! ratatui counts every East Asian ambiguous character as one cell. On a
//! terminal that draws them in two, the rest of the row would shift right;
//! so, when ambiguous characters are wide, each takes two cells here, and
//! the cell says so (`CellDiffOption::ForcedWidth`) so that ratatui's diff
//! moves the cursor past both.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_width::UnicodeWidthStr;

use crate::layout::{Ambiguous, display_width, graphemes, replacement};

/// Writes `text` at (`x`, `y`), clipped to `area`; returns the column after
/// it. Zero-width clusters are left out, as ratatui leaves them out; a
/// control character shows as its mark.
pub fn put(
    buf: &mut Buffer,
    area: Rect,
    x: u16,
    y: u16,
    text: &str,
    style: Style,
    ambiguous: Ambiguous,
) -> u16 {
    let area = area.intersection(buf.area);
    if y < area.top() || y >= area.bottom() || x >= area.right() {
        return x;
    }
    let mut x = x.max(area.left());
    for grapheme in graphemes(text) {
        let safe;
        let grapheme = if grapheme.chars().any(|c| replacement(c).is_some()) {
            safe = grapheme
                .chars()
                .map(|c| replacement(c).unwrap_or(c))
                .collect::<String>();
            safe.as_str()
        } else {
            grapheme
        };
        let width = u16::try_from(display_width(grapheme, ambiguous)).unwrap_or(u16::MAX);
        if width == 0 {
            continue;
        }
        if x.saturating_add(width) > area.right() {
            break;
        }
        let cell = &mut buf[(x, y)];
        cell.set_symbol(grapheme).set_style(style);
        let ratatui_width = u16::try_from(grapheme.width()).unwrap_or(u16::MAX);
        if width != ratatui_width
            && let Some(forced) = NonZeroU16::new(width)
        {
            cell.set_diff_option(CellDiffOption::ForcedWidth(forced));
        }
        for hidden in x + 1..x + width {
            buf[(hidden, y)].reset();
            buf[(hidden, y)].set_style(style);
        }
        x += width;
    }
    x
}

/// Fills the row from `x` to the area's right edge with `style`.
pub fn fill_row(buf: &mut Buffer, area: Rect, y: u16, style: Style) {
    let area = area.intersection(buf.area);
    if y < area.top() || y >= area.bottom() {
        return;
    }
    for x in area.left()..area.right() {
        buf[(x, y)].set_style(style);
    }
}

/// Cells a buffer's cell takes on the terminal.
fn cell_width(cell: &ratatui::buffer::Cell) -> u16 {
    match cell.diff_option {
        CellDiffOption::ForcedWidth(width) => width.get(),
        _ => u16::try_from(cell.symbol().width()).unwrap_or(1).max(1),
    }
}

/// The cells of `next` that drawing it over `prev` changes on the terminal
/// though neither buffer says so, for the runner to write again after the
/// frame.
///
/// Writing a wide character over the first half of another one makes the
/// terminal erase the rest of the old one, in its default colours; when
/// the cell after the new character is the same in both buffers (often a
/// blank), the frame's diff does not write it, and it keeps the
/// terminal's background until something else changes it.
pub fn clobbered(prev: &Buffer, next: &Buffer) -> Vec<(u16, u16)> {
    let mut cells = Vec::new();
    if prev.area != next.area {
        return cells;
    }
    let area = next.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let cell = &next[(x, y)];
            let width = cell_width(cell);
            let end = x.saturating_add(width).min(area.right());
            if cell != &prev[(x, y)] {
                // An old character starting under this one and reaching
                // past its end is erased up to its own end.
                let mut erased_to = end;
                for under in x + 1..end {
                    erased_to = erased_to.max(under.saturating_add(cell_width(&prev[(under, y)])));
                }
                for after in end..erased_to.min(area.right()) {
                    if next[(after, y)] == prev[(after, y)] {
                        cells.push((after, y));
                    }
                }
            }
            x = end.max(x + 1);
        }
    }
    cells
}

/// Cells `text` takes, as `put` writes it.
pub fn width(text: &str, ambiguous: Ambiguous) -> u16 {
    u16::try_from(display_width(text, ambiguous)).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_ambiguous_characters_take_two_cells_and_say_so() {
        let area = Rect::new(0, 0, 8, 1);
        let mut buf = Buffer::empty(area);
        let end = put(
            &mut buf,
            area,
            0,
            0,
            "“好”a",
            Style::default(),
            Ambiguous::Wide,
        );
        assert_eq!(end, 7);
        assert_eq!(buf[(0, 0)].symbol(), "“");
        assert_eq!(
            buf[(0, 0)].diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::new(2).unwrap())
        );
        assert_eq!(buf[(2, 0)].symbol(), "好");
        assert_eq!(buf[(2, 0)].diff_option, CellDiffOption::None);
        assert_eq!(buf[(6, 0)].symbol(), "a");
        let mut narrow = Buffer::empty(area);
        assert_eq!(
            put(
                &mut narrow,
                area,
                0,
                0,
                "“好”a",
                Style::default(),
                Ambiguous::Narrow
            ),
            5
        );
    }

    #[test]
    fn a_wide_character_over_the_start_of_another_rewrites_what_it_erases() {
        let area = Rect::new(0, 0, 6, 1);
        let style = Style::default().bg(ratatui::style::Color::Indexed(230));
        let mut prev = Buffer::empty(area);
        prev.set_style(area, style);
        put(&mut prev, area, 3, 0, "期", style, Ambiguous::Narrow);
        let mut next = Buffer::empty(area);
        next.set_style(area, style);
        put(&mut next, area, 2, 0, "报", style, Ambiguous::Narrow);
        // 报 at 2–3 erases 期 at 3–4: cell 4, a blank in both, is written.
        assert_eq!(clobbered(&prev, &next), [(4, 0)]);
        // The same frame again changes nothing.
        assert!(clobbered(&next, &next).is_empty());
    }

    #[test]
    fn text_is_clipped_and_controls_are_shown() {
        let area = Rect::new(2, 0, 4, 1);
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        let end = put(
            &mut buf,
            area,
            0,
            0,
            "\u{1b}中文字",
            Style::default(),
            Ambiguous::Narrow,
        );
        assert_eq!(end, 5);
        assert_eq!(buf[(2, 0)].symbol(), "␛");
        assert_eq!(buf[(3, 0)].symbol(), "中");
        assert_eq!(buf[(5, 0)].symbol(), " ");
        // Nowhere to write: nothing happens, nothing panics.
        let mut tiny = Buffer::empty(Rect::new(0, 0, 1, 1));
        assert_eq!(
            put(
                &mut tiny,
                Rect::new(0, 0, 1, 1),
                0,
                0,
                "中",
                Style::default(),
                Ambiguous::Narrow
            ),
            0
        );
        assert_eq!(
            put(
                &mut tiny,
                Rect::new(0, 0, 1, 1),
                0,
                5,
                "a",
                Style::default(),
                Ambiguous::Narrow
            ),
            0
        );
    }
}
