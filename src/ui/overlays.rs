//! What the views over the reader share: a heading row, a list row with
//! its cursor, and text wrapped to an area. Each view is drawn in a file
//! of its own: `library.rs` (往期阅读), `bookmarks.rs`, `search.rs`, and the
//! help in `help.rs`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::Context;
use super::text::{fill_row, put};
use crate::app::lists::{fit, wrap};
use crate::layout::Ambiguous;

/// The view's heading on the body's first row.
pub(super) fn heading(cx: &Context<'_>, buf: &mut Buffer, body: Rect, text: &str) {
    fill_row(buf, body, body.y, cx.palette.heading);
    let (text, _) = fit(text, usize::from(body.width), cx.state.settings().ambiguous);
    put(
        buf,
        body,
        body.x,
        body.y,
        &text,
        cx.palette.heading,
        cx.state.settings().ambiguous,
    );
}

/// One row of a list: cut to the width, the selection reversed.
pub(super) fn list_row(
    cx: &Context<'_>,
    buf: &mut Buffer,
    area: Rect,
    y: u16,
    text: &str,
    style: Style,
    selected: bool,
) {
    let ambiguous = cx.state.settings().ambiguous;
    let style = if selected { cx.palette.cursor } else { style };
    if selected {
        fill_row(buf, area, y, style);
    }
    let (text, _) = fit(text, usize::from(area.width), ambiguous);
    put(buf, area, area.x, y, &text, style, ambiguous);
}

/// `text` wrapped to `area`'s width, as many rows as it has.
pub(super) fn wrapped(cx: &Context<'_>, buf: &mut Buffer, area: Rect, text: &str, style: Style) {
    let ambiguous = cx.state.settings().ambiguous;
    for (row, line) in wrap(text, usize::from(area.width), ambiguous)
        .iter()
        .take(usize::from(area.height))
        .enumerate()
    {
        let y = area.y + u16::try_from(row).unwrap_or(0);
        put(buf, area, area.x, y, line, style, ambiguous);
    }
}

/// A frame around `area`, on its outer cells: box-drawing characters
/// where the terminal draws them in one cell, ASCII where ambiguous
/// characters take two. An area under two cells a side gets none.
pub(super) fn outline(buf: &mut Buffer, area: Rect, style: Style, ambiguous: Ambiguous) {
    let area = area.intersection(buf.area);
    if area.width < 2 || area.height < 2 {
        return;
    }
    let (corners, across, down) = match ambiguous {
        Ambiguous::Narrow => (["┌", "┐", "└", "┘"], "─", "│"),
        Ambiguous::Wide => (["+", "+", "+", "+"], "-", "|"),
    };
    let (left, right, top, bottom) = (area.left(), area.right() - 1, area.top(), area.bottom() - 1);
    for x in left + 1..right {
        buf[(x, top)].set_symbol(across).set_style(style);
        buf[(x, bottom)].set_symbol(across).set_style(style);
    }
    for y in top + 1..bottom {
        buf[(left, y)].set_symbol(down).set_style(style);
        buf[(right, y)].set_symbol(down).set_style(style);
    }
    for (symbol, (x, y)) in
        corners
            .iter()
            .zip([(left, top), (right, top), (left, bottom), (right, bottom)])
    {
        buf[(x, y)].set_symbol(symbol).set_style(style);
    }
}
