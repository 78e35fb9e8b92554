//! The article pane: the story's rows as `update` placed them, a heading
//! row with the article's place and the reading position, a scrollbar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::text::{put, width};
use super::{Context, vertical_line};
use crate::app::Pane;
use crate::app::lists::fit;
use crate::app::reading::{Reader, Row};
use crate::story::{Role, page_name};

pub fn draw(cx: &Context<'_>, buf: &mut Buffer) {
    let state = cx.state;
    let area = state.geometry().article;
    let ambiguous = state.settings().ambiguous;
    let heading_row = Rect::new(area.x, area.y.saturating_sub(1), area.width, 1);
    let heading_style = if state.focus() == Pane::Article
        && (state.geometry().pages.is_some() || state.geometry().headlines.is_some())
    {
        cx.palette.cursor
    } else {
        cx.palette.heading
    };
    let Some(reader) = &state.reader() else {
        put(
            buf,
            heading_row,
            area.x + 1,
            heading_row.y,
            "正文",
            heading_style,
            ambiguous,
        );
        let text = state.geometry().text;
        put(
            buf,
            text,
            text.x,
            text.y,
            "本版无文章",
            cx.palette.dim,
            ambiguous,
        );
        return;
    };
    let Some(issue) = state.issue() else { return };
    let place = state.opened().map_or_else(String::new, |at| {
        let page = &issue.pages[at.page];
        format!(
            " {} · 第{}篇/共{}篇",
            page_name(page.label.as_str()),
            at.article + 1,
            page.articles.len()
        )
    });
    let bookmarked = state.opened().is_some_and(|at| state.is_bookmarked(at));
    let place = if bookmarked {
        format!("{place}  ★ 已收藏")
    } else {
        place
    };
    // At the story's end it has all been read: 100%, whatever share of
    // it the top line is at.
    let progress = if state.at_end() {
        1.0
    } else {
        reader.progress()
    };
    let percent = format!(" {:.0}% ", progress * 100.0);
    let percent_width = width(&percent, ambiguous);
    let (place, _) = fit(
        &place,
        usize::from(area.width.saturating_sub(percent_width)),
        ambiguous,
    );
    put(
        buf,
        heading_row,
        area.x,
        heading_row.y,
        &place,
        heading_style,
        ambiguous,
    );
    let percent_x = area.right().saturating_sub(percent_width);
    put(
        buf,
        heading_row,
        percent_x,
        heading_row.y,
        &percent,
        cx.palette.dim,
        ambiguous,
    );
    rows(cx, buf, reader);
    title_only(cx, buf, reader);
    scrollbar(cx, buf, reader);
}

fn style_of(cx: &Context<'_>, role: Role) -> Style {
    match role {
        Role::Title => cx.palette.title,
        Role::Kicker | Role::Subtitle | Role::Byline | Role::Image => cx.palette.dim,
        Role::Paragraph => cx.palette.base,
        Role::ContinuesOn | Role::ContinuedFrom => cx.palette.accent,
    }
}

fn rows(cx: &Context<'_>, buf: &mut Buffer, reader: &Reader) {
    let state = cx.state;
    let Some(issue) = state.issue() else { return };
    let column = state.geometry().text;
    let ambiguous = state.settings().ambiguous;
    for (i, row) in reader.rows.iter().enumerate() {
        let Ok(offset) = u16::try_from(i) else { break };
        let y = column.y + offset;
        match *row {
            Row::Text { block, line } => {
                let role = reader.blocks[block].role;
                let text = reader.text(block).get(line.start..line.end).unwrap_or("");
                let line_width = u16::try_from(line.indent + line.width).unwrap_or(u16::MAX);
                // Kicker, title and subtitle are centred, as a paper sets
                // them; the rest starts at the left of the column.
                let x = if matches!(role, Role::Kicker | Role::Title | Role::Subtitle) {
                    column.x + column.width.saturating_sub(line_width) / 2
                } else {
                    column.x + u16::try_from(line.indent).unwrap_or(0)
                };
                // A hanging mark goes past the column, into the margin.
                let row_area = Rect::new(column.x, y, column.width + 2, 1)
                    .intersection(state.geometry().article);
                let style = style_of(cx, role);
                let full = reader.text(block);
                // The line in pieces: outside and inside the matches.
                let mut x = x;
                let mut at = line.start;
                let marks = reader.highlights.iter().filter(|(b, range)| {
                    *b == block && range.start < line.end && range.end > line.start
                });
                for (_, range) in marks {
                    let (start, end) = (range.start.max(at), range.end.min(line.end));
                    x = put(
                        buf,
                        row_area,
                        x,
                        y,
                        full.get(at..start).unwrap_or(""),
                        style,
                        ambiguous,
                    );
                    x = put(
                        buf,
                        row_area,
                        x,
                        y,
                        full.get(start..end).unwrap_or(""),
                        cx.palette.highlight,
                        ambiguous,
                    );
                    at = end;
                }
                let rest =
                    full.get(at..line.end)
                        .unwrap_or(if at == line.start { text } else { "" });
                put(buf, row_area, x, y, rest, style, ambiguous);
            }
            Row::Marker { block } => {
                let b = reader.blocks[block];
                let label = page_name(&b.text(issue));
                let words = match b.role {
                    Role::ContinuesOn => format!("── 下转{label} ──"),
                    _ => format!("── 上接{label} ──"),
                };
                let marker_width = width(&words, ambiguous);
                let x = column.x + column.width.saturating_sub(marker_width) / 2;
                put(buf, column, x, y, &words, cx.palette.accent, ambiguous);
            }
            Row::Picture { .. } | Row::Blank => {}
        }
    }
    // Under the picture shown alone, the article's are not drawn (see
    // `super::photo`).
    if state.viewer_frame().is_none() {
        for photo in state.photo_frames() {
            super::photo(cx, buf, photo, state.geometry().article);
        }
    }
}

/// Under an entry with no text (a title, a photo's caption), a line that
/// says so, so that an empty pane is not taken for a failure.
fn title_only(cx: &Context<'_>, buf: &mut Buffer, reader: &Reader) {
    let state = cx.state;
    if reader.blocks.iter().any(|b| b.role == Role::Paragraph) {
        return;
    }
    let column = state.geometry().text;
    let Ok(shown) = u16::try_from(reader.rows.len() + 1) else {
        return;
    };
    if shown >= column.height {
        return;
    }
    let note = "（此条仅有标题，没有正文）";
    let ambiguous = state.settings().ambiguous;
    let x = column.x + column.width.saturating_sub(width(note, ambiguous)) / 2;
    put(
        buf,
        column,
        x,
        column.y + shown,
        note,
        cx.palette.dim,
        ambiguous,
    );
}

fn scrollbar(cx: &Context<'_>, buf: &mut Buffer, reader: &Reader) {
    let bar = cx.state.geometry().scrollbar;
    let height = usize::from(bar.height);
    if height == 0 {
        return;
    }
    let total = reader.rows_estimate().max(height);
    let thumb = (height * height / total).clamp(1, height);
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let start = ((height - thumb) as f64 * reader.progress()).round() as usize;
    let line = vertical_line(cx.state.settings().ambiguous);
    for i in 0..height {
        let y = bar.y + u16::try_from(i).unwrap_or(0);
        let cell = &mut buf[(bar.x, y)];
        if (start..start + thumb).contains(&i) {
            cell.set_symbol(" ").set_style(cx.palette.cursor);
        } else {
            cell.set_symbol(line).set_style(cx.palette.dim);
        }
    }
}
