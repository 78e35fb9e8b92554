//! The top bar (masthead, date, page and its place, zoom) and the bottom
//! bar (key hints in the website's words, or the page being typed, or a
//! message).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::Context;
use super::text::{fill_row, put, width};
use crate::app::lists::{fit, page_title};

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
    let mut left = format!(" {}  {}", issue.publication, chinese_date(issue.date));
    if let Some(edition) = &issue.edition {
        left.push_str("  ");
        left.push_str(edition);
    }
    let page = format!(
        "{} ({}/{})",
        page_title(issue, state.page),
        state.page + 1,
        issue.pages.len()
    );
    let right = format!("{}  {} ", page, state.zoom.label());
    let room = usize::from(area.width);
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

pub fn bottom(cx: &Context<'_>, buf: &mut Buffer, area: Rect) {
    let state = cx.state;
    let ambiguous = state.settings.ambiguous;
    fill_row(buf, area, area.y, cx.palette.bar);
    let mut x = area.x + 1;
    if let Some(typed) = &state.goto {
        let prompt = format!("跳转到 第{typed}▏版    Enter 确认 · Esc 取消");
        put(buf, area, x, area.y, &prompt, cx.palette.bar, ambiguous);
        return;
    }
    if let Some(message) = &state.message {
        put(buf, area, x, area.y, message, cx.palette.bar, ambiguous);
        return;
    }
    for (key, word) in state.keymap.hints() {
        let room = area.right().saturating_sub(x);
        let needed = width(&key, ambiguous) + 1 + width(word, ambiguous);
        if needed > room {
            break;
        }
        x = put(buf, area, x, area.y, &key, cx.palette.key, ambiguous);
        x = put(buf, area, x + 1, area.y, word, cx.palette.bar, ambiguous) + 2;
    }
}
