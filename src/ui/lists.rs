//! The pages pane (版面) and the headlines pane (标题导航).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::Context;
use super::text::{fill_row, put, width};
use crate::app::Pane;
use crate::app::lists::{HeadlinePart, PagesEntry, fit, page_line};
use crate::model::ArticleRef;

/// A pane's heading row: the whole row reversed when the pane has the
/// focus, so that it is plain which list the keys move; `legend` at its
/// right says what the numbers below are.
fn heading(
    cx: &Context<'_>,
    buf: &mut Buffer,
    pane: Rect,
    title: &str,
    legend: &str,
    focused: bool,
) {
    let ambiguous = cx.state.settings().ambiguous;
    let y = pane.y.saturating_sub(1);
    let style = if focused {
        cx.palette.cursor
    } else {
        cx.palette.heading
    };
    let row = Rect::new(pane.x, y, pane.width, 1);
    if focused {
        fill_row(buf, row, y, style);
    }
    let title = if focused {
        format!("{title} ◂")
    } else {
        title.to_owned()
    };
    let end = put(buf, row, pane.x, y, &title, style, ambiguous);
    let legend_width = width(legend, ambiguous);
    if !legend.is_empty() && end + 1 + legend_width <= row.right() {
        let legend_style = if focused { style } else { cx.palette.dim };
        put(
            buf,
            row,
            row.right() - legend_width,
            y,
            legend,
            legend_style,
            ambiguous,
        );
    }
}

pub fn pages(cx: &Context<'_>, buf: &mut Buffer, pane: Rect) {
    let state = cx.state;
    let Some(issue) = state.issue() else { return };
    let ambiguous = state.settings().ambiguous;
    let focused = state.focus() == Pane::Pages;
    heading(cx, buf, pane, " 版面", "未读 ", focused);
    let view = &state.pages_view();
    for (row, index) in (view.top..view.entries.len())
        .take(usize::from(pane.height))
        .enumerate()
    {
        let y = pane.y + u16::try_from(row).unwrap_or(0);
        match view.entries[index] {
            PagesEntry::Section(section) => {
                let s = &issue.sections[section];
                let (label, _) = fit(
                    &format!("{} {}", s.id, s.name),
                    usize::from(pane.width),
                    ambiguous,
                );
                put(buf, pane, pane.x, y, &label, cx.palette.dim, ambiguous);
            }
            PagesEntry::Page(number) => {
                let current = number == state.page();
                let style = if focused && index == view.cursor {
                    cx.palette.cursor
                } else if current {
                    cx.palette.accent
                } else {
                    cx.palette.base
                };
                if focused && index == view.cursor {
                    fill_row(buf, pane, y, style);
                }
                let marker = if current { "▸" } else { " " };
                // Unread articles, as the count: a page read through shows 0.
                let unread = (0..issue.pages[number].articles.len())
                    .filter(|&article| {
                        !state.is_read(ArticleRef {
                            page: number,
                            article,
                        })
                    })
                    .count();
                let count = unread.to_string();
                let room = usize::from(pane.width)
                    .saturating_sub(usize::from(width(&count, ambiguous)) + 3);
                let (line, _) = fit(&page_line(issue, number), room, ambiguous);
                let x = put(buf, pane, pane.x, y, marker, style, ambiguous);
                put(buf, pane, x, y, &line, style, ambiguous);
                let count_x = pane.right().saturating_sub(width(&count, ambiguous));
                let count_style = if focused && index == view.cursor {
                    style
                } else if unread > 0 {
                    cx.palette.accent
                } else {
                    cx.palette.dim
                };
                put(buf, pane, count_x, y, &count, count_style, ambiguous);
            }
        }
    }
}

pub fn headlines(cx: &Context<'_>, buf: &mut Buffer, pane: Rect) {
    let state = cx.state;
    let ambiguous = state.settings().ambiguous;
    let focused = state.focus() == Pane::Headlines;
    heading(cx, buf, pane, " 标题导航", "", focused);
    let Some(issue) = state.issue() else { return };
    if issue.pages[state.page()].articles.is_empty() {
        put(
            buf,
            pane,
            pane.x + 2,
            pane.y,
            "本版无文章",
            cx.palette.dim,
            ambiguous,
        );
        return;
    }
    let opened = state
        .opened()
        .filter(|at| at.page == state.page())
        .map(|at| at.article);
    let rows = &state.headlines_view().rows;
    for (row, item) in rows.iter().enumerate().take(usize::from(pane.height)) {
        let y = pane.y + u16::try_from(row).unwrap_or(0);
        let selected = item.article == state.selected();
        let at = ArticleRef {
            page: state.page(),
            article: item.article,
        };
        let read = state.is_read(at);
        let first_title_row = item.part == HeadlinePart::Title
            && row
                .checked_sub(1)
                .and_then(|r| rows.get(r))
                .is_none_or(|before| {
                    before.part != HeadlinePart::Title || before.article != item.article
                });
        let mut style = match item.part {
            HeadlinePart::Kicker | HeadlinePart::Subtitle => cx.palette.dim,
            HeadlinePart::Title if Some(item.article) == opened => cx.palette.accent,
            // Read articles are dimmed, as visited links are.
            HeadlinePart::Title if read => cx.palette.dim,
            HeadlinePart::Title | HeadlinePart::Blank => cx.palette.base,
        };
        if focused && selected && item.part != HeadlinePart::Blank {
            style = cx.palette.cursor;
            fill_row(buf, pane, y, style);
        }
        // The markers' two cells: ▸ the selection, ★ a bookmark, both on
        // one article (where ★ takes two cells, it alone says both).
        if first_title_row {
            let bookmarked = state.is_bookmarked(at);
            let star_style = if focused && selected {
                style
            } else {
                cx.palette.accent
            };
            match (selected, bookmarked, ambiguous) {
                (true, true, crate::layout::Ambiguous::Narrow) => {
                    put(buf, pane, pane.x, y, "▸", style, ambiguous);
                    put(buf, pane, pane.x + 1, y, "★", star_style, ambiguous);
                }
                (_, true, _) => {
                    put(buf, pane, pane.x, y, "★", star_style, ambiguous);
                }
                (true, false, _) => {
                    put(buf, pane, pane.x, y, "▸", style, ambiguous);
                }
                (false, false, _) => {}
            }
        }
        let text_area = Rect::new(
            pane.x,
            y,
            pane.width
                .saturating_sub(crate::app::geometry::HEADLINES_MARGIN),
            1,
        );
        put(buf, text_area, pane.x + 2, y, &item.text, style, ambiguous);
    }
}
