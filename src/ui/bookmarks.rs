//! The bookmarks: every article bookmarked, its issue and page, dimmed
//! when its issue is no longer in the library.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::Context;
use super::overlays::{heading, list_row};
use super::text::put;
use crate::app::nav::ListView;

pub fn draw(cx: &Context<'_>, buf: &mut Buffer, body: Rect, list: &ListView) {
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
