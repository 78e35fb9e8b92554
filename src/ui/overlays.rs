//! The views over the reader: 往期阅读 (a month calendar and the issues of
//! a publication), the bookmarks, and search results.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::Context;
use super::text::{fill_row, put};
use crate::app::lists::fit;
use crate::app::modes::LibraryView;
use crate::app::modes::search::{Found, RESULT_ROWS, Scope, SearchView};
use crate::app::nav::ListView;
use crate::layout::Prepared;
use crate::model::{Date, Weekday};

/// The view's heading on the body's first row.
fn heading(cx: &Context<'_>, buf: &mut Buffer, body: Rect, text: &str) {
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
fn list_row(
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
fn wrapped(cx: &Context<'_>, buf: &mut Buffer, area: Rect, text: &str, style: Style) {
    let ambiguous = cx.state.settings().ambiguous;
    let options = crate::layout::LayoutOptions::new(usize::from(area.width).max(1))
        .indent(0)
        .ambiguous(ambiguous);
    let prepared = Prepared::new(text, crate::layout::Punctuation::Original);
    for (row, line) in crate::layout::lines(&prepared, &options)
        .iter()
        .take(usize::from(area.height))
        .enumerate()
    {
        let y = area.y + u16::try_from(row).unwrap_or(0);
        put(
            buf,
            area,
            area.x,
            y,
            &prepared.text()[line.start..line.end],
            style,
            ambiguous,
        );
    }
}

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

pub fn library(cx: &Context<'_>, buf: &mut Buffer, body: Rect, view: &LibraryView) {
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

pub fn bookmarks(cx: &Context<'_>, buf: &mut Buffer, body: Rect, list: &ListView) {
    let state = cx.state;
    let marks = state.memory().state().bookmarks();
    heading(cx, buf, body, &format!(" 收藏夹 · {} 篇", marks.len()));
    let area = Rect::new(
        body.x + 1,
        body.y + 2,
        body.width.saturating_sub(2),
        body.height.saturating_sub(2),
    );
    if marks.is_empty() {
        put(
            buf,
            area,
            area.x,
            area.y,
            "还没有收藏；读文章时按 m 收藏",
            cx.palette.dim,
            state.settings().ambiguous,
        );
        return;
    }
    for (row, index) in (list.top..marks.len())
        .take(usize::from(area.height))
        .enumerate()
    {
        let (_, mark) = marks[index];
        let missing = if state.bookmark_present(mark) {
            ""
        } else {
            "  （这一期已不在书架）"
        };
        let line = format!(
            "{} {}  第{}版  {}{missing}",
            mark.publication, mark.date, mark.page, mark.title
        );
        let style = if missing.is_empty() {
            cx.palette.base
        } else {
            cx.palette.dim
        };
        let y = area.y + u16::try_from(row).unwrap_or(0);
        list_row(cx, buf, area, y, &line, style, index == list.selected);
    }
}

pub fn search(cx: &Context<'_>, buf: &mut Buffer, body: Rect, view: &SearchView) {
    let state = cx.state;
    let ambiguous = state.settings().ambiguous;
    let query = view.query.as_ref().map_or("", |q| q.text.as_str());
    let scope = match view.scope {
        Scope::Issue => "本期",
        Scope::Library => "往期",
    };
    let more = if view.more { " 以上" } else { "" };
    heading(
        cx,
        buf,
        body,
        &format!(
            " 查找（{scope}）“{query}”：{} 篇 {} 处{more}",
            view.results.len(),
            view.matches
        ),
    );
    let area = Rect::new(
        body.x + 1,
        body.y + 2,
        body.width.saturating_sub(2),
        body.height.saturating_sub(2),
    );
    if view.results.is_empty() {
        put(
            buf,
            area,
            area.x,
            area.y,
            "没有找到",
            cx.palette.dim,
            ambiguous,
        );
        return;
    }
    let results = usize::from(area.height) / RESULT_ROWS;
    for (slot, index) in (view.list.top..view.results.len())
        .take(results)
        .enumerate()
    {
        let found = &view.results[index];
        let y = area.y + u16::try_from(slot * RESULT_ROWS).unwrap_or(0);
        let selected = index == view.list.selected;
        let count = if found.matches > 1 {
            format!("  （{} 处）", found.matches)
        } else {
            String::new()
        };
        let place = match view.scope {
            Scope::Issue => format!("第{}版  {}{count}", found.page_label, found.title),
            Scope::Library => format!(
                "{} {}  第{}版  {}{count}",
                found.publication, found.date, found.page_label, found.title
            ),
        };
        list_row(cx, buf, area, y, &place, cx.palette.title, selected);
        snippet(cx, buf, area, y + 1, found);
    }
}

/// A result's snippet on the row `y`, across the width: the match a third
/// of the way in, as much text each side as fits.
fn snippet(cx: &Context<'_>, buf: &mut Buffer, area: Rect, y: u16, found: &Found) {
    let state = cx.state;
    let ambiguous = state.settings().ambiguous;
    let punctuation = state.settings().punctuation;
    let snippet = &found.hit.snippet;
    let range = found.hit.snippet_match.clone();
    let room = usize::from(area.width.saturating_sub(2));
    let before = Prepared::new(&snippet[..range.start], punctuation);
    let matched = Prepared::new(&snippet[range.clone()], punctuation);
    let after = Prepared::new(&snippet[range.end..], punctuation);
    let cells = |text: &str| crate::layout::display_width(text, ambiguous);
    // The text before the match, cut from its start to a third of the row.
    let mut before_text = before.text();
    let keep = room / 3;
    let mut cut = false;
    while cells(before_text) > keep {
        let mut chars = before_text.chars();
        chars.next();
        before_text = chars.as_str();
        cut = true;
    }
    let before_text = if cut {
        format!("…{}", before_text.trim_start_matches('…'))
    } else {
        before_text.to_owned()
    };
    let mut x = area.x + 2;
    for (text, style) in [
        (before_text.as_str(), cx.palette.dim),
        (matched.text(), cx.palette.highlight),
        (after.text(), cx.palette.dim),
    ] {
        let room = usize::from(area.right().saturating_sub(x));
        let (text, _) = fit(text, room, ambiguous);
        x = put(buf, area, x, y, &text, style, ambiguous);
    }
}
