//! The mouse: the wheel scrolls the pane under the pointer, a click opens
//! a page or a headline and gives its pane the focus. Over 往期阅读, the
//! bookmarks, search or the help, the mouse does nothing.

use super::{PagesEntry, Pane, State};

/// Rows the wheel scrolls at a time.
const WHEEL_ROWS: isize = 3;

impl State {
    pub(super) fn wheel(&mut self, x: u16, y: u16, down: bool) {
        let delta = if down { WHEEL_ROWS } else { -WHEEL_ROWS };
        if self.overlay.is_some() || self.help.is_some() || self.viewer.is_some() {
            return;
        }
        match self.geometry.pane_at(x, y) {
            Some(Pane::Article) => self.scroll_article(delta),
            Some(Pane::Pages) => {
                self.lists_follow = false;
                let last = self.pages_view.entries.len().saturating_sub(1);
                self.pages_view.top = self.pages_view.top.saturating_add_signed(delta).min(last);
            }
            Some(Pane::Headlines) => {
                self.lists_follow = false;
                let last = self.article_count(self.page).saturating_sub(1);
                self.headlines_view.top = self
                    .headlines_view
                    .top
                    .saturating_add_signed(delta.signum())
                    .min(last);
            }
            None => {}
        }
    }

    pub(super) fn click(&mut self, x: u16, y: u16) {
        if self.viewer.is_some() {
            return;
        }
        if matches!(self.overlay, Some(super::Overlay::Map(_))) && self.help.is_none() {
            self.map_click(x, y);
            return;
        }
        if self.overlay.is_some() || self.help.is_some() {
            return;
        }
        match self.geometry.pane_at(x, y) {
            Some(Pane::Pages) => {
                let Some(area) = self.geometry.pages else {
                    return;
                };
                self.focus = Pane::Pages;
                // The heading row above the list opens nothing.
                let Some(row) = y.checked_sub(area.y) else {
                    return;
                };
                let index = self.pages_view.top + usize::from(row);
                if let Some(PagesEntry::Page(page)) = self.pages_view.entries.get(index).copied() {
                    self.open_page(page);
                }
            }
            Some(Pane::Headlines) => {
                let Some(area) = self.geometry.headlines else {
                    return;
                };
                self.focus = Pane::Headlines;
                let Some(row) = y.checked_sub(area.y) else {
                    return;
                };
                let row = usize::from(row);
                if let Some(article) = self.headlines_view.rows.get(row).map(|r| r.article) {
                    self.selected = article;
                    self.open_selected();
                }
            }
            Some(Pane::Article) => self.focus = Pane::Article,
            None => {}
        }
    }
}
