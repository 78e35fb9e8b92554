//! The help: the keys of the mode beneath it, in a framed box that covers
//! what it stands over, its lines wrapped to the box.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::overlays::outline;
use super::text::{put, width};
use super::{Context, cover};
use crate::app::modes::help::HelpView;

pub fn draw(cx: &Context<'_>, buf: &mut Buffer, view: &HelpView) {
    let state = cx.state;
    let ambiguous = state.settings().ambiguous;
    // Placed by `update`: the box and the lines wrapped into it.
    let Some(help) = state.help_frame() else {
        return;
    };
    let area = help.area;
    cover(buf, area, cx.palette.overlay);
    let style = cx.palette.overlay_heading;
    outline(buf, area, style, ambiguous);
    let (left, right, top, bottom) = (area.left(), area.right() - 1, area.top(), area.bottom() - 1);
    let scrolls = help.max_scroll() > 0;
    let title = format!(" 帮助 · {} ", view.under.title());
    let close = if scrolls {
        " ↑↓ 滚动 · Esc 关闭 "
    } else {
        " Esc 关闭 "
    };
    let border = Rect::new(left + 1, top, area.width.saturating_sub(2), 1);
    put(buf, border, left + 2, top, &title, style, ambiguous);
    let bottom_row = Rect::new(left + 1, bottom, area.width.saturating_sub(2), 1);
    let close_x = right.saturating_sub(width(close, ambiguous) + 1);
    put(buf, bottom_row, close_x, bottom, close, style, ambiguous);
    let inner = help.inner;
    for (row, (keys, text)) in help
        .rows
        .iter()
        .skip(view.scroll)
        .take(help.visible())
        .enumerate()
    {
        let y = inner.y + u16::try_from(row).unwrap_or(0);
        if let Some(keys) = keys {
            let (keys, _) = crate::app::lists::fit(
                keys,
                usize::from(help.key_column.saturating_sub(1)),
                ambiguous,
            );
            put(buf, inner, inner.x, y, &keys, style, ambiguous);
        }
        put(
            buf,
            inner,
            inner.x + help.key_column,
            y,
            text,
            cx.palette.overlay,
            ambiguous,
        );
    }
}
