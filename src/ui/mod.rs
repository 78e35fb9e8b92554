//! Drawing the state: `render(&State, &mut Frame)`, one file per part of
//! the screen. Reads the state, never changes it: everything to draw was
//! placed by `update`.

mod article;
mod bars;
mod bookmarks;
mod help;
mod library;
mod lists;
mod map;
mod overlays;
mod search;
pub mod text;
pub mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::geometry::{MIN_HEIGHT, MIN_WIDTH};
use crate::app::modes::Overlay;
use crate::app::{Pane, State};
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
        palette: palette(state.settings().theme, state.settings().color),
    };
    let area = buf.area;
    buf.set_style(area, cx.palette.base);
    let geometry = &state.geometry();
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
            state.settings().ambiguous,
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
    match state.overlay() {
        Some(Overlay::Library(view)) => library::draw(&cx, buf, body, view),
        Some(Overlay::Bookmarks(view)) => bookmarks::draw(&cx, buf, body, &view.list),
        Some(Overlay::Search(view)) if !view.editing || !view.results.is_empty() => {
            search::draw(&cx, buf, body, view);
        }
        _ => reading(&cx, buf),
    }
    if let Some(frame) = state.viewer_frame() {
        cover(buf, body, cx.palette.base);
        photo(&cx, buf, frame, body);
        let y = frame.cells.bottom().min(body.bottom().saturating_sub(1));
        let caption_row = Rect::new(body.x, y, body.width, 1);
        let ambiguous = state.settings().ambiguous;
        let (caption, _) =
            crate::app::lists::fit(&frame.caption, usize::from(body.width), ambiguous);
        let x = body.x + body.width.saturating_sub(text::width(&caption, ambiguous)) / 2;
        text::put(buf, caption_row, x, y, &caption, cx.palette.dim, ambiguous);
    }
    if let Some(help) = state.help() {
        help::draw(&cx, buf, help);
    }
}

/// The three panes of reading.
fn reading(cx: &Context<'_>, buf: &mut Buffer) {
    let state = cx.state;
    let geometry = state.geometry();
    if !state.has_issue() {
        return;
    }
    if let Some(pages) = geometry.pages {
        lists::pages(cx, buf, pages);
        rule(cx, buf, pages, state.focus() == Pane::Pages);
    }
    if let Some(headlines) = geometry.headlines {
        lists::headlines(cx, buf, headlines);
        rule(cx, buf, headlines, state.focus() == Pane::Headlines);
    }
    if matches!(state.overlay(), Some(Overlay::Map(_))) {
        map::draw(cx, buf);
    } else {
        article::draw(cx, buf);
    }
}

/// A picture where `update` placed it, within `within`: drawn once the
/// painter has it, else a line saying it is coming or why it cannot be.
fn photo(cx: &Context<'_>, buf: &mut Buffer, frame: &crate::app::photos::PhotoFrame, within: Rect) {
    use crate::app::pictures::Shown;
    use ratatui::widgets::Widget;
    // A kitty picture is sent with its first drawing only: drawn where a
    // box then covers it, it would never reach the terminal. Under the
    // help, pictures wait.
    if cx.state.help().is_some() {
        return;
    }
    let cells = frame.cells.intersection(within);
    let words = match cx.state.pictures().shown(&frame.want) {
        Shown::Drawn(drawn) => {
            ratatui_image::Image::new(&drawn.0).render(cells, buf);
            return;
        }
        Shown::Coming => "图片载入中……".to_owned(),
        Shown::Not(reason) => format!("图片无法显示：{reason}"),
    };
    let ambiguous = cx.state.settings().ambiguous;
    let (words, _) = crate::app::lists::fit(&words, usize::from(cells.width), ambiguous);
    let x = cells.x + cells.width.saturating_sub(text::width(&words, ambiguous)) / 2;
    let y = cells.y + cells.height / 2;
    text::put(buf, cells, x, y, &words, cx.palette.dim, ambiguous);
}

/// A vertical line one cell wide: `│` where the terminal draws box
/// characters in one cell, `|` where ambiguous characters take two.
pub fn vertical_line(ambiguous: crate::layout::Ambiguous) -> &'static str {
    match ambiguous {
        crate::layout::Ambiguous::Narrow => "│",
        crate::layout::Ambiguous::Wide => "|",
    }
}

/// The vertical rule right of a side pane, heading row included: in the
/// accent colour beside the pane with the focus.
fn rule(cx: &Context<'_>, buf: &mut Buffer, pane: Rect, focused: bool) {
    let x = pane.right();
    let line = vertical_line(cx.state.settings().ambiguous);
    let style = if focused {
        cx.palette.accent
    } else {
        cx.palette.dim
    };
    for y in pane.y.saturating_sub(1)..pane.bottom() {
        if buf.area.contains((x, y).into()) {
            buf[(x, y)].set_symbol(line).set_style(style);
        }
    }
}

/// Blanks `area` in `style` for a box drawn over what is there: a wide
/// character that starts left of the box and reaches into it is blanked
/// too, so that no half of one shows beside the box.
pub fn cover(buf: &mut Buffer, area: Rect, style: ratatui::style::Style) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        if area.left() > buf.area.left() {
            let left = &mut buf[(area.left() - 1, y)];
            if unicode_width::UnicodeWidthStr::width(left.symbol()) > 1
                || !matches!(left.diff_option, ratatui::buffer::CellDiffOption::None)
            {
                let kept = left.style();
                left.reset();
                left.set_style(kept);
            }
        }
        for x in area.left()..area.right() {
            buf[(x, y)].reset();
            buf[(x, y)].set_style(style);
        }
    }
}
