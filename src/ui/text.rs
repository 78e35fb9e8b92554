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
