//! After every change: the geometry for the size and zoom, the article's
//! rows, what has been read and where reading is, and the rows of the two
//! lists that show.

use std::sync::Arc;

use super::{Geometry, PagesEntry, Pane, State, geometry, lists};
use crate::layout::{Ambiguous, Punctuation};

/// What the rows of a page's headlines depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct HeadlinesKey {
    entry: usize,
    page: usize,
    width: usize,
    ambiguous: Ambiguous,
    punctuation: Punctuation,
}

impl State {
    /// Recomputes what depends on the size and settings, places the rows
    /// that show, and notes where reading is and what has been read.
    pub(super) fn refresh(&mut self) {
        self.geometry = Geometry::new(self.size.0, self.size.1, self.zoom, self.focus_mode);
        if !self.panes().contains(&self.focus) {
            self.focus = Pane::Article;
        }
        let options = self.layout_options();
        let height = self.article_height();
        let mut at_end = false;
        self.place_figures();
        if let Some(reader) = &mut self.reader {
            // Not clamped: after a zoom or a resize the top keeps its line,
            // even if the story now ends before the pane does.
            reader.set_options(options);
            reader.fill(height);
            reader.highlight(self.search.as_ref());
            at_end = !self.geometry.too_small && reader.at_end(height);
        }
        // An article is read once its end has been on screen.
        if at_end && !self.end_on_screen {
            let fragments = self.story_fragments();
            self.set_read(&fragments, true);
        }
        self.end_on_screen = at_end;
        if let Some(place) = self.current_place() {
            let key = self.issue_key();
            self.memory.set_place(&key, place);
        }
        self.place_help();
        self.place_pages();
        self.place_headlines();
        let mut wants = Vec::new();
        self.place_map(&mut wants);
        self.place_photos(&mut wants);
        self.place_viewer(&mut wants);
        self.pictures.want(wants);
    }

    fn place_pages(&mut self) {
        let rows = self
            .geometry
            .pages
            .map_or(1, |a| usize::from(a.height).max(1));
        let view = &mut self.pages_view;
        let last = view.entries.len().saturating_sub(1);
        view.cursor = view.cursor.min(last);
        // Keep the cursor, or else the current page, in sight.
        let target = if self.focus == Pane::Pages {
            view.cursor
        } else {
            view.entries
                .iter()
                .position(|e| *e == PagesEntry::Page(self.page))
                .unwrap_or(0)
        };
        if self.lists_follow {
            if target < view.top {
                view.top = target;
            } else if target >= view.top + rows {
                view.top = target + 1 - rows;
            }
        }
        view.top = view.top.min(view.entries.len().saturating_sub(rows));
    }

    fn place_headlines(&mut self) {
        let (Some(area), Some(issue)) = (self.geometry.headlines, self.issue.as_ref()) else {
            self.headlines_view.rows.clear();
            return;
        };
        let issue = Arc::clone(issue);
        let height = usize::from(area.height);
        let width = usize::from(
            area.width
                .saturating_sub(geometry::HEADLINES_MARKERS + geometry::HEADLINES_MARGIN),
        )
        .max(1);
        let count = self.article_count(self.page);
        let key = HeadlinesKey {
            entry: self.entry,
            page: self.page,
            width,
            ambiguous: self.settings.ambiguous,
            punctuation: self.settings.punctuation,
        };
        let view = &mut self.headlines_view;
        if view.key != Some(key) {
            view.key = Some(key);
            view.items.clear();
        }
        let items = &mut view.items;
        let mut rows_of = |article: usize| -> usize {
            items
                .entry(article)
                .or_insert_with(|| {
                    lists::headline_rows(
                        &issue,
                        key.page,
                        article,
                        key.width,
                        key.ambiguous,
                        key.punctuation,
                    )
                })
                .len()
        };
        view.top = view.top.min(count.saturating_sub(1));
        // Keep the selection in sight: up to it, or down until it fits.
        if self.lists_follow {
            if self.selected < view.top {
                view.top = self.selected;
            } else {
                let last = self.selected.min(count.saturating_sub(1));
                let mut used: usize = (view.top..=last).map(&mut rows_of).sum();
                while used > height && view.top < self.selected {
                    used -= rows_of(view.top);
                    view.top += 1;
                }
            }
        }
        let mut shown = 0;
        let mut article = view.top;
        while shown < height && article < count {
            shown += rows_of(article);
            article += 1;
        }
        let mut rows = Vec::with_capacity(shown);
        for article in view.top..article {
            rows.extend(view.items[&article].iter().cloned());
        }
        rows.truncate(height);
        view.rows = rows;
    }
}
