//! The help overlay: every binding of the keymap in force, with its keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::Context;
use super::text::{fill_row, put};
use crate::app::geometry::HelpFrame;
use crate::app::lists::fit;

pub fn draw(cx: &Context<'_>, buf: &mut Buffer, screen: Rect, scroll: usize) {
    let state = cx.state;
    let ambiguous = state.settings.ambiguous;
    let lines: Vec<(String, &str)> = state
        .keymap
        .bindings()
        .filter(|(_, keys)| !keys.is_empty())
        .map(|(binding, keys)| {
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            (keys.join(" / "), binding.help)
        })
        .collect();
    let Some(HelpFrame {
        area,
        inner,
        columns,
        per_column,
    }) = HelpFrame::new(screen, lines.len())
    else {
        return;
    };
    // The box stands out by its colour, not by a frame: box-drawing
    // characters are ambiguous in width, and a frame drawn in one cell
    // would break where they take two.
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            buf[(x, y)].reset();
        }
        fill_row(buf, area, y, cx.palette.overlay);
    }
    let frame = HelpFrame::new(screen, lines.len());
    let fits = frame.is_some_and(|f| f.max_scroll() == 0);
    let title = if fits {
        "帮助 · Esc 或 ? 关闭"
    } else {
        "帮助 · ↑↓ 滚动 · Esc 或 ? 关闭"
    };
    // `update` keeps the scroll within the frame.
    let skip = scroll;
    put(
        buf,
        inner,
        inner.x,
        inner.y,
        title,
        cx.palette.overlay_heading,
        ambiguous,
    );
    let slot = inner.width / u16::try_from(columns).unwrap_or(1);
    let key_column = 14.min(slot / 2);
    for (i, (keys, help)) in lines.iter().enumerate() {
        let column = u16::try_from(i / per_column).unwrap_or(0);
        let Some(row) = (i % per_column).checked_sub(skip) else {
            continue;
        };
        let Some(y) = inner
            .y
            .checked_add(u16::try_from(row + 2).unwrap_or(u16::MAX))
        else {
            break;
        };
        if y >= inner.bottom() {
            continue;
        }
        let x = inner.x + column * slot;
        let (keys, _) = fit(keys, usize::from(key_column.saturating_sub(1)), ambiguous);
        put(
            buf,
            inner,
            x,
            y,
            &keys,
            cx.palette.overlay_heading,
            ambiguous,
        );
        let (help, _) = fit(
            help,
            usize::from(slot.saturating_sub(key_column + 1)),
            ambiguous,
        );
        put(
            buf,
            inner,
            x + key_column,
            y,
            &help,
            cx.palette.overlay,
            ambiguous,
        );
    }
}
