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
