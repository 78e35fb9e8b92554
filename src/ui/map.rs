//! The page map in the article pane: the page picture with its marks as
//! the painter drew it, or, until it comes or when it cannot, the areas
//! as boxes of cells with their numbers and titles.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::overlays::outline;
use super::text::{fill_row, put};
use super::{Context, cover};
use crate::app::lists::fit;
use crate::app::modes::map::MapFrame;
use crate::app::pictures::Shown;
use crate::layout::Ambiguous;
use crate::story::page_name;

pub fn draw(cx: &Context<'_>, buf: &mut Buffer) {
    let state = cx.state;
    let area = state.geometry().article;
    let ambiguous = state.settings().ambiguous;
    cover(buf, area, cx.palette.base);
    let (Some(frame), Some(issue)) = (state.map_frame(), state.issue()) else {
        return;
    };
    let heading = Rect::new(area.x, area.y.saturating_sub(1), area.width, 1);
    fill_row(buf, heading, heading.y, cx.palette.cursor);
    let page = state.map_selection().map_or(state.page(), |at| at.page);
    let mut words = format!(" 版面图 · {}", page_name(issue.pages[page].label.as_str()));
    if let Some(at) = state.map_selection()
        && let Some(article) = issue.article(at)
    {
        let count = frame.boxes.len();
        let place = frame.selected.map_or(0, |s| s + 1);
        let _ = write!(
            words,
            " · {place}/{count} {}. {}",
            at.article + 1,
            article.title
        );
    }
    let (words, _) = fit(&words, usize::from(heading.width), ambiguous);
    put(
        buf,
        heading,
        heading.x,
        heading.y,
        &words,
        cx.palette.cursor,
        ambiguous,
    );
    let drawn = frame
        .want
        .as_ref()
        .map(|want| (want, state.pictures().shown(want)));
    match drawn {
        // Under the help the picture waits (see `super::photo`).
        Some((want, Shown::Drawn(drawn))) if state.help().is_none() => {
            let (width, height) = want.shown();
            let at = Rect::new(frame.picture.x, frame.picture.y, width, height);
            ratatui_image::Image::new(&drawn.0).render(at.intersection(area), buf);
        }
        _ => boxes(cx, buf, frame, ambiguous),
    }
    if let Some(note) = &frame.note {
        let y = area.bottom().saturating_sub(1);
        let (note, _) = fit(note, usize::from(area.width), ambiguous);
        fill_row(buf, area, y, cx.palette.base);
        put(buf, area, area.x, y, &note, cx.palette.dim, ambiguous);
    }
}

/// Each area's box, numbered and titled; the selected one reversed.
fn boxes(cx: &Context<'_>, buf: &mut Buffer, frame: &MapFrame, ambiguous: Ambiguous) {
    let Some(issue) = cx.state.issue() else {
        return;
    };
    let page = cx
        .state
        .map_selection()
        .map_or(cx.state.page(), |at| at.page);
    // The selected box last, so its frame is whole.
    let selected_box = frame
        .boxes
        .iter()
        .filter(|b| Some(b.place) == frame.selected);
    let order = frame
        .boxes
        .iter()
        .filter(|b| Some(b.place) != frame.selected)
        .chain(selected_box);
    for b in order {
        let selected = Some(b.place) == frame.selected;
        let cells = b.cells.intersection(frame.picture);
        if cells.width == 0 || cells.height == 0 {
            continue;
        }
        let style = if selected {
            cx.palette.cursor
        } else {
            cx.palette.dim
        };
        if selected {
            for y in cells.top()..cells.bottom() {
                fill_row(buf, cells, y, style);
            }
        }
        outline(buf, cells, style, ambiguous);
        // The number, then as much of the title as the box holds.
        let inner = if cells.width > 2 && cells.height > 2 {
            Rect::new(cells.x + 1, cells.y + 1, cells.width - 2, cells.height - 2)
        } else {
            cells
        };
        let title = issue
            .pages
            .get(page)
            .and_then(|p| p.articles.get(b.article))
            .map_or("", |a| a.title.as_str());
        let label = format!("{} {title}", b.number);
        let text_style = if selected {
            cx.palette.cursor
        } else {
            cx.palette.base
        };
        let lines = crate::app::lists::wrap(&label, usize::from(inner.width), ambiguous);
        for (row, line) in lines.iter().take(usize::from(inner.height)).enumerate() {
            let y = inner.y + u16::try_from(row).unwrap_or(0);
            put(buf, inner, inner.x, y, line, text_style, ambiguous);
        }
    }
}
