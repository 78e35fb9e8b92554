//! The top bar (masthead, date, page and its place, zoom) and the bottom
//! bar (key hints in the website's words, or the page being typed, or a
//! message).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::Context;
use super::text::{fill_row, put, width};
use crate::app::keymap::Action;
use crate::app::lists::{fit, page_title};
use crate::app::overlays::{Overlay, Scope};

/// `2021年11月5日 星期五`
fn chinese_date(date: crate::model::Date) -> String {
    format!(
        "{}年{}月{}日 {}",
        date.year(),
        date.month(),
        date.day(),
        date.weekday().chinese()
    )
}

pub fn top(cx: &Context<'_>, buf: &mut Buffer, area: Rect) {
    let state = cx.state;
    let issue = state.issue();
    let ambiguous = state.settings.ambiguous;
    fill_row(buf, area, area.y, cx.palette.bar);
    if !state.has_issue() {
        let (title, _) = fit(" epaper  往期阅读", usize::from(area.width), ambiguous);
        put(buf, area, area.x, area.y, &title, cx.palette.bar, ambiguous);
        return;
    }
    let mut left = format!(" {}  {}", issue.publication, chinese_date(issue.date));
    if let Some(edition) = &issue.edition {
        left.push_str("  ");
        left.push_str(edition);
    }
    // The page's title gives way before the rest: the left keeps at least
    // a third of the bar, and the page's place and the zoom always show.
    let room = usize::from(area.width);
    let fixed = format!(
        " ({}/{})  {} ",
        state.page + 1,
        issue.pages.len(),
        state.zoom.label()
    );
    let left_keeps = usize::from(width(&left, ambiguous)).min(room / 3);
    let title_room = room.saturating_sub(usize::from(width(&fixed, ambiguous)) + left_keeps + 1);
    let (title, _) = fit(&page_title(issue, state.page), title_room, ambiguous);
    let right = format!("{title}{fixed}");
    let right_width = usize::from(width(&right, ambiguous));
    let (left, _) = fit(&left, room.saturating_sub(right_width + 1), ambiguous);
    put(buf, area, area.x, area.y, &left, cx.palette.bar, ambiguous);
    if right_width < room {
        let x = area.right() - u16::try_from(right_width).unwrap_or(0);
        put(buf, area, x, area.y, &right, cx.palette.bar, ambiguous);
    } else {
        let (right, _) = fit(&right, room, ambiguous);
        put(buf, area, area.x, area.y, &right, cx.palette.bar, ambiguous);
    }
}

/// The first key bound to `action`, as the bar shows keys.
fn key_of(state: &crate::app::State, action: Action) -> String {
    state
        .keymap
        .bindings()
        .find(|(binding, _)| binding.action == action)
        .and_then(|(_, keys)| keys.first())
        .map_or_else(|| "?".to_owned(), ToString::to_string)
}

/// The hints of a view over the reader, with the keys in force.
fn view_hints(
    state: &crate::app::State,
    words: &[(Action, &'static str)],
) -> Vec<(String, &'static str)> {
    words
        .iter()
        .map(|&(action, word)| (key_of(state, action), word))
        .collect()
}

pub fn bottom(cx: &Context<'_>, buf: &mut Buffer, area: Rect) {
    let state = cx.state;
    let ambiguous = state.settings.ambiguous;
    fill_row(buf, area, area.y, cx.palette.bar);
    let x = area.x + 1;
    if let Some(Overlay::Search(view)) = &state.overlay
        && view.editing
    {
        let scope = match view.scope {
            Scope::Issue => "本期",
            Scope::Library => "往期",
        };
        let prompt = format!(
            "查找（{scope}）：{}▏   Enter 查找 · // 查往期 · Esc 取消",
            view.typed
        );
        let (prompt, _) = fit(
            &prompt,
            usize::from(area.width.saturating_sub(2)),
            ambiguous,
        );
        put(buf, area, x, area.y, &prompt, cx.palette.bar, ambiguous);
        return;
    }
    if let Some(typed) = &state.goto {
        let prompt = format!("跳转到 第{typed}▏版    Enter 确认 · Esc 取消");
        put(buf, area, x, area.y, &prompt, cx.palette.bar, ambiguous);
        return;
    }
    if let Some(message) = &state.message {
        let (message, _) = fit(
            message,
            usize::from(area.width.saturating_sub(2)),
            ambiguous,
        );
        put(buf, area, x, area.y, &message, cx.palette.bar, ambiguous);
        return;
    }
    let hints = match &state.overlay {
        Some(Overlay::Library(_)) => view_hints(
            state,
            &[
                (Action::LineDown, "选择"),
                (Action::PrevPage, "上月"),
                (Action::NextPage, "下月"),
                (Action::FocusNext, "换报纸"),
                (Action::Open, "打开"),
                (Action::Back, "返回"),
            ],
        ),
        Some(Overlay::Bookmarks(_)) => view_hints(
            state,
            &[
                (Action::LineDown, "选择"),
                (Action::Open, "打开"),
                (Action::Bookmark, "取消收藏"),
                (Action::Back, "返回"),
            ],
        ),
        Some(Overlay::Search(_)) => view_hints(
            state,
            &[
                (Action::LineDown, "选择"),
                (Action::Open, "打开"),
                (Action::Search, "重新查找"),
                (Action::Back, "返回"),
            ],
        ),
        _ => state.keymap.hints(),
    };
    // Work in the background shows at the right, the hints give way to it:
    // an issue being read first, then an update.
    let mut hints_area = area;
    let loading = state
        .loading()
        .map(|name| format!("正在打开 {}…（Esc 取消）", file_name(name)));
    if let Some(status) = loading.as_ref().or(state.background.as_ref()) {
        let room = usize::from(area.width.saturating_sub(2));
        // Half the bar at most, and room kept for a few hints.
        let most = (room / 2 + 12).min(room.saturating_sub(16));
        let (status, _) = fit(status, most, ambiguous);
        let used = width(&status, ambiguous);
        let at = area.right().saturating_sub(used + 1);
        put(buf, area, at, area.y, &status, cx.palette.bar, ambiguous);
        hints_area.width = at.saturating_sub(area.x + 1);
    }
    hint_row(cx, buf, hints_area, &hints);
}

fn hint_row(cx: &Context<'_>, buf: &mut Buffer, area: Rect, hints: &[(String, &'static str)]) {
    let ambiguous = cx.state.settings.ambiguous;
    let mut x = area.x + 1;
    for (key, word) in hints {
        let room = area.right().saturating_sub(x);
        let needed = width(key, ambiguous) + 1 + width(word, ambiguous);
        if needed > room {
            break;
        }
        x = put(buf, area, x, area.y, key, cx.palette.key, ambiguous);
        x = put(buf, area, x + 1, area.y, word, cx.palette.bar, ambiguous) + 2;
    }
}

/// The last part of a path, as the bottom bar shows a file being read.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}
