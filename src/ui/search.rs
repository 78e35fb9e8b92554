//! Search results: one row an article with its number of matches, and a
//! snippet across the width with the match a third of the way in.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::Context;
use super::overlays::{heading, list_row};
use super::text::put;
use crate::app::lists::fit;
use crate::app::modes::search::{Found, RESULT_ROWS, Scope, SearchView};
use crate::layout::Prepared;

pub fn draw(cx: &Context<'_>, buf: &mut Buffer, body: Rect, view: &SearchView) {
    let state = cx.state;
    let ambiguous = state.settings().ambiguous;
    let query = view.query.as_ref().map_or("", |q| q.text.as_str());
    let scope = match view.scope {
        Scope::Issue => "本期",
        Scope::Library => "往期",
    };
    let more = if view.more { " 以上" } else { "" };
    // While the library is searched: how far it has got, and how to stop.
    let running = view.progress.map_or_else(String::new, |(done, total)| {
        format!(" · 已查 {done}/{total} 期 · Esc 停止")
    });
    heading(
        cx,
        buf,
        body,
        &format!(
            " 查找（{scope}）“{query}”：{} 篇 {} 处{more}{running}",
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
        let said = if view.progress.is_some() {
            "正在查找…"
        } else {
            "没有找到"
        };
        put(buf, area, area.x, area.y, said, cx.palette.dim, ambiguous);
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
    // The text before the match, cut from its start to a third of the row:
    // as many characters back from the match as fit.
    let text = before.text();
    let keep = room / 3;
    let mut used = 0;
    let mut start = text.len();
    for (at, c) in text.char_indices().rev() {
        let width = cells(&text[at..at + c.len_utf8()]);
        if used + width > keep {
            break;
        }
        used += width;
        start = at;
    }
    let before_text = if start > 0 {
        format!("…{}", text[start..].trim_start_matches('…'))
    } else {
        text.to_owned()
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
