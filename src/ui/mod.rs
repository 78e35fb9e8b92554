//! Drawing the state: `render(&State, &mut Frame)`, one file per part of
//! the screen. Reads the state, never changes it: everything to draw was
//! placed by `update`.

mod article;
mod bars;
mod help;
mod lists;
mod overlays;
pub mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::State;
use crate::app::geometry::{MIN_HEIGHT, MIN_WIDTH};
use crate::app::overlays::Overlay;
use theme::{Palette, palette};

/// What every part of the screen draws with.
pub struct Context<'s> {
    pub state: &'s State,
    pub palette: Palette,
}

pub fn render(state: &State, frame: &mut Frame<'_>) {
    draw(state, frame.buffer_mut());
}

/// Draws the whole screen into `buf`.
pub fn draw(state: &State, buf: &mut Buffer) {
    let cx = Context {
        state,
        palette: palette(state.settings.theme, state.settings.color),
    };
    let area = buf.area;
    buf.set_style(area, cx.palette.base);
    let geometry = &state.geometry;
    if geometry.too_small {
        let message = format!(
            "窗口太小：至少 {MIN_WIDTH}×{MIN_HEIGHT}，现为 {}×{}",
            area.width, area.height
        );
        text::put(
            buf,
            area,
            area.x,
            area.y,
            &message,
            cx.palette.base,
            state.settings.ambiguous,
        );
        return;
    }
    bars::top(&cx, buf, geometry.top_bar);
    bars::bottom(&cx, buf, geometry.bottom_bar);
    let body = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(2),
    );
    match &state.overlay {
        Some(Overlay::Library(view)) => return overlays::library(&cx, buf, body, view),
        Some(Overlay::Bookmarks(list)) => return overlays::bookmarks(&cx, buf, body, list),
        Some(Overlay::Search(view)) if !view.editing || !view.results.is_empty() => {
            return overlays::search(&cx, buf, body, view);
        }
        _ => {}
    }
    if let Some(pages) = geometry.pages {
        lists::pages(&cx, buf, pages);
        rule(&cx, buf, pages);
    }
    if let Some(headlines) = geometry.headlines {
        lists::headlines(&cx, buf, headlines);
        rule(&cx, buf, headlines);
    }
    article::draw(&cx, buf);
    if let Some(Overlay::Help { scroll }) = &state.overlay {
        help::draw(&cx, buf, area, *scroll);
    }
}

/// A vertical line one cell wide: `│` where the terminal draws box
/// characters in one cell, `|` where ambiguous characters take two.
pub fn vertical_line(ambiguous: crate::layout::Ambiguous) -> &'static str {
    match ambiguous {
        crate::layout::Ambiguous::Narrow => "│",
        crate::layout::Ambiguous::Wide => "|",
    }
}

/// The vertical rule right of a side pane, heading row included.
fn rule(cx: &Context<'_>, buf: &mut Buffer, pane: Rect) {
    let x = pane.right();
    let line = vertical_line(cx.state.settings.ambiguous);
    for y in pane.y.saturating_sub(1)..pane.bottom() {
        if buf.area.contains((x, y).into()) {
            buf[(x, y)].set_symbol(line).set_style(cx.palette.dim);
        }
    }
}
