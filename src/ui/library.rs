//! 往期阅读: a month's calendar with the days that have an issue, the
//! paper's issues beside it, and the files that could not be read with
//! the selected one's error in full.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::Context;
use super::overlays::{heading, list_row, wrapped};
use super::text::put;
use crate::app::modes::LibraryView;
use crate::app::nav::ListView;
use crate::model::{Date, Weekday};

fn days_in_month(year: u16, month: u8) -> u8 {
    (28..=31)
        .rev()
        .find(|&day| Date::new(year, month, day).is_some())
        .unwrap_or(28)
}

fn column_of(weekday: Weekday) -> u16 {
    match weekday {
        Weekday::Monday => 0,
        Weekday::Tuesday => 1,
        Weekday::Wednesday => 2,
        Weekday::Thursday => 3,
        Weekday::Friday => 4,
        Weekday::Saturday => 5,
        Weekday::Sunday => 6,
    }
}

/// A month as a calendar, Monday first, the days with an issue marked
/// and `selected` reversed.
fn calendar(
    cx: &Context<'_>,
    buf: &mut Buffer,
    area: Rect,
    month: (u16, u8),
    issues: &[Date],
    selected: Date,
) {
    let ambiguous = cx.state.settings().ambiguous;
    let (year, month) = month;
    put(
        buf,
        area,
        area.x + 1,
        area.y,
        &format!("{year}年{month}月"),
        cx.palette.title,
        ambiguous,
    );
    for (i, name) in ["一", "二", "三", "四", "五", "六", "日"]
        .iter()
        .enumerate()
    {
        let x = area.x + 1 + u16::try_from(i).unwrap_or(0) * 4;
        put(buf, area, x, area.y + 1, name, cx.palette.dim, ambiguous);
    }
    let Some(first) = Date::new(year, month, 1) else {
        return;
    };
    let mut row = 0;
    let mut column = column_of(first.weekday());
    for day in 1..=days_in_month(year, month) {
        let date = Date::new(year, month, day);
        let has_issue = date.is_some_and(|d| issues.contains(&d));
        let style = if date == Some(selected) {
            cx.palette.cursor
        } else if has_issue {
            cx.palette.accent
        } else {
            cx.palette.dim
        };
        let x = area.x + column * 4;
        let y = area.y + 2 + row;
        put(buf, area, x, y, &format!("{day:>3}"), style, ambiguous);
        column += 1;
        if column == 7 {
            column = 0;
            row += 1;
        }
    }
}

pub fn draw(cx: &Context<'_>, buf: &mut Buffer, body: Rect, view: &LibraryView) {
    let state = cx.state;
    let library = &state.library();
    let failures: Vec<&str> = library.failures().map(|(_, e)| e).collect();
    let lists = library.publications.len() + usize::from(!failures.is_empty());
    let Some(publication) = library.publications.get(view.publication) else {
        heading(
            cx,
            buf,
            body,
            &format!(" 往期阅读 · 无法打开的文件 ({})", failures.len()),
        );
        let area = Rect::new(
            body.x + 1,
            body.y + 2,
            body.width.saturating_sub(2),
            body.height.saturating_sub(2),
        );
        // The list, cut to the width, and under it the selected file's
        // error whole, wrapped.
        let detail_rows = (area.height / 3).max(2);
        let list = Rect::new(
            area.x,
            area.y,
            area.width,
            area.height.saturating_sub(detail_rows + 1),
        );
        for (row, index) in (view.list.top..failures.len())
            .take(usize::from(list.height))
            .enumerate()
        {
            let y = list.y + u16::try_from(row).unwrap_or(0);
            list_row(
                cx,
                buf,
                list,
                y,
                failures[index],
                cx.palette.dim,
                index == view.list.selected,
            );
        }
        if let Some(error) = failures.get(view.list.selected) {
            let detail = Rect::new(area.x, list.bottom() + 1, area.width, detail_rows);
            wrapped(cx, buf, detail, error, cx.palette.base);
        }
        return;
    };
    heading(
        cx,
        buf,
        body,
        &format!(
            " 往期阅读 · {} · {} 期   ({}/{})",
            publication.name,
            publication.issues.len(),
            view.publication + 1,
            lists
        ),
    );
    let header = |entry: usize| library.entries[entry].header.as_ref().ok();
    let dates: Vec<Date> = publication
        .issues
        .iter()
        .filter_map(|&e| header(e).map(|h| h.date))
        .collect();
    let Some(&selected) = dates.get(view.list.selected) else {
        return;
    };
    let inner = Rect::new(
        body.x + 1,
        body.y + 2,
        body.width.saturating_sub(2),
        body.height.saturating_sub(2),
    );
    // The calendar on the left when there is room for it beside a list.
    let list_area = if inner.width >= 64 && inner.height >= 9 {
        let month = (selected.year(), selected.month());
        calendar(
            cx,
            buf,
            Rect::new(inner.x, inner.y, 30, inner.height.min(9)),
            month,
            &dates,
            selected,
        );
        Rect::new(inner.x + 32, inner.y, inner.width - 32, inner.height)
    } else {
        inner
    };
    issues(cx, buf, list_area, &publication.issues, &view.list);
}

/// A publication's issues, a line each: `▸ 2021年11月5日 星期五  12版  第24567期`.
fn issues(cx: &Context<'_>, buf: &mut Buffer, area: Rect, entries: &[usize], list: &ListView) {
    let state = cx.state;
    for (row, index) in (list.top..entries.len())
        .take(usize::from(area.height))
        .enumerate()
    {
        let entry = entries[index];
        let Ok(h) = &state.library().entries[entry].header else {
            continue;
        };
        let open = if state.has_issue() && entry == state.entry() {
            "▸"
        } else {
            " "
        };
        let mut line = format!(
            "{open} {}年{}月{}日 {}  {}版",
            h.date.year(),
            h.date.month(),
            h.date.day(),
            h.date.weekday().chinese(),
            h.pages
        );
        if let Some(edition) = &h.edition {
            line.push_str("  ");
            line.push_str(edition);
        }
        let y = area.y + u16::try_from(row).unwrap_or(0);
        list_row(
            cx,
            buf,
            area,
            y,
            &line,
            cx.palette.base,
            index == list.selected,
        );
    }
}
