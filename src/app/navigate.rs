//! Reading: moving through pages, articles and issues, the focus, the
//! zoom, marks and bookmarks; the keys of [`Mode::Reading`].

use std::sync::Arc;

use super::keymap::{Action, Key};
use super::loading::Then;
use super::modes::Overlay;
use super::modes::bookmarks::BookmarksView;
use super::modes::search::{Scope, SearchView};
use super::{
    Effect, Geometry, PagesEntry, Pane, State, Theme, Zoom, article_key, find_article, nav, reading,
};
use crate::layout::LayoutOptions;
use crate::library::store::{Bookmark, Place};
use crate::model::{ArticleRef, Issue};
use crate::story::Role;

/// Stories whose layout is kept after the reader moves on.
const RECENT_STORIES: usize = 16;

impl State {
    fn open_issue(&self) -> Option<Arc<Issue>> {
        self.issue.clone()
    }

    /// Goes back to where this issue was left; false if nothing is known.
    pub(super) fn restore_place(&mut self) -> bool {
        let Some(issue) = self.open_issue() else {
            return false;
        };
        let Some(place) = self.memory.state().place(&self.issue_key()).cloned() else {
            return false;
        };
        let Some(page) = issue
            .pages
            .iter()
            .position(|p| p.label.as_str() == place.page)
        else {
            return false;
        };
        let article = find_article(&issue, &place.article)
            .filter(|at| at.page == page)
            .map_or(0, |at| at.article);
        self.open_article(page, article);
        if let (Some(reader), Some(fragment)) = (&mut self.reader, &place.fragment) {
            let block = reader.blocks.iter().position(|b| {
                b.role == Role::Paragraph
                    && Some(b.index) == place.paragraph
                    && article_key(&issue, b.fragment) == *fragment
            });
            if let Some(block) = block {
                reader.go_to_text(block, place.byte);
            }
        }
        true
    }

    /// Where reading is now, as remembered.
    pub(super) fn current_place(&mut self) -> Option<Place> {
        let at = self.opened?;
        let issue = self.open_issue()?;
        let reader = self.reader.as_mut()?;
        let (block, byte) = reader.top_in_text()?;
        let b = reader.blocks[block];
        let paragraph = (b.role == Role::Paragraph).then_some(b.index);
        Some(Place {
            page: issue.pages[at.page].label.to_string(),
            article: article_key(&issue, at),
            fragment: paragraph.map(|_| article_key(&issue, b.fragment)),
            paragraph,
            byte: if paragraph.is_some() { byte } else { 0 },
        })
    }

    /// The fragments of the story open.
    pub(super) fn story_fragments(&self) -> Vec<ArticleRef> {
        let Some(reader) = &self.reader else {
            return Vec::new();
        };
        let mut fragments: Vec<ArticleRef> = reader.blocks.iter().map(|b| b.fragment).collect();
        fragments.dedup();
        fragments
    }

    pub(super) fn set_read(&mut self, fragments: &[ArticleRef], read: bool) {
        let Some(issue) = self.open_issue() else {
            return;
        };
        let key = self.issue_key();
        for &at in fragments {
            self.memory.set_read(&key, &article_key(&issue, at), read);
        }
    }

    /// The layout options for the article at the current geometry.
    pub(super) fn layout_options(&self) -> LayoutOptions {
        LayoutOptions::new(usize::from(self.geometry.text.width).max(1))
            .ambiguous(self.settings.ambiguous)
            .indent(self.settings.indent)
            .punctuation(self.settings.punctuation)
            .hanging(self.settings.hanging)
    }

    /// Opens a page at its first article.
    pub(super) fn open_page(&mut self, page: usize) {
        self.open_article(page, 0);
    }

    /// Opens a page at one of its articles.
    pub(super) fn open_article(&mut self, page: usize, article: usize) {
        let pages = self.issue.as_ref().map_or(0, |i| i.pages.len());
        self.page = page.min(pages.saturating_sub(1));
        self.selected = article.min(self.article_count(self.page).saturating_sub(1));
        self.headlines_view.top = 0;
        if let Some(cursor) = self
            .pages_view
            .entries
            .iter()
            .position(|e| *e == PagesEntry::Page(self.page))
        {
            self.pages_view.cursor = cursor;
        }
        self.open_selected();
    }

    /// Opens the selected headline in the article pane.
    pub(super) fn open_selected(&mut self) {
        let at = ArticleRef {
            page: self.page,
            article: self.selected,
        };
        let Some(issue) = self.open_issue().filter(|i| i.article(at).is_some()) else {
            self.opened = None;
            self.reader = None;
            return;
        };
        self.opened = Some(at);
        self.end_on_screen = false;
        self.match_at = None;
        self.geometry = Geometry::new(self.size.0, self.size.1, self.zoom, self.focus_mode);
        let options = self.layout_options();
        // Stories read lately keep their layout: going back to one costs no
        // layout but what the new options need.
        if let Some(reader) = self.reader.take() {
            self.recent
                .retain(|r| r.story != reader.story || !Arc::ptr_eq(r.issue(), reader.issue()));
            self.recent.push(reader);
            if self.recent.len() > RECENT_STORIES {
                self.recent.remove(0);
            }
        }
        let reader = match self.recent.iter().position(|r| r.holds(&issue, at)) {
            Some(index) => {
                let mut reader = self.recent.remove(index);
                reader.start_at(at);
                reader.set_options(options);
                reader
            }
            None => reading::Reader::open(issue, at, options),
        };
        self.reader = Some(reader);
    }

    pub(super) fn article_count(&self, page: usize) -> usize {
        self.issue
            .as_ref()
            .and_then(|i| i.pages.get(page))
            .map_or(0, |p| p.articles.len())
    }

    fn page_count(&self) -> usize {
        self.issue.as_ref().map_or(0, |i| i.pages.len())
    }

    /// The next (or previous) article, across pages with none.
    fn step_article(&mut self, forward: bool) {
        let pages = self.page_count();
        if forward && self.selected + 1 < self.article_count(self.page) {
            self.selected += 1;
        } else if !forward && self.selected > 0 && self.article_count(self.page) > 0 {
            self.selected -= 1;
        } else {
            let mut page = self.page;
            loop {
                page = if forward {
                    page + 1
                } else {
                    page.wrapping_sub(1)
                };
                if page >= pages {
                    self.say(if forward {
                        "已是最后一篇"
                    } else {
                        "已是第一篇"
                    });
                    return;
                }
                let count = self.article_count(page);
                if count > 0 {
                    self.open_article(page, if forward { 0 } else { count - 1 });
                    return;
                }
            }
        }
        self.open_selected();
    }

    fn step_page(&mut self, forward: bool) {
        let page = if forward {
            self.page + 1
        } else {
            self.page.wrapping_sub(1)
        };
        if page < self.page_count() {
            self.open_page(page);
        } else {
            self.say(if forward {
                "已是最后一版"
            } else {
                "已是第一版"
            });
        }
    }

    fn step_issue(&mut self, later: bool) {
        // From the issue being opened, when one is: `]` held steps on.
        let from = self.pending_entry().unwrap_or(self.entry);
        match self.library.neighbour(from, later) {
            Some(entry) => {
                self.request(entry, Then::Open);
            }
            None => self.say(if later {
                "已是最新一期"
            } else {
                "已是最早一期"
            }),
        }
    }

    pub(super) fn panes(&self) -> Vec<Pane> {
        let mut panes = Vec::new();
        if self.geometry.pages.is_some() {
            panes.push(Pane::Pages);
        }
        if self.geometry.headlines.is_some() {
            panes.push(Pane::Headlines);
        }
        panes.push(Pane::Article);
        panes
    }

    fn cycle_focus(&mut self, forward: bool) {
        let panes = self.panes();
        let at = panes.iter().position(|p| *p == self.focus).unwrap_or(0);
        let next = if forward {
            at + 1
        } else {
            at + panes.len() - 1
        };
        self.focus = panes[next % panes.len()];
    }

    pub(super) fn article_height(&self) -> usize {
        usize::from(self.geometry.article.height)
    }

    pub(super) fn scroll_article(&mut self, delta: isize) {
        let height = self.article_height();
        if let Some(reader) = &mut self.reader {
            reader.scroll(delta, height);
        }
    }

    /// Rows of the body below the bars, for the views over the reader.
    pub(super) fn body_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(4)).max(1)
    }

    /// Moves the cursor of the focused list, as every list moves.
    fn move_in_list(&mut self, action: Action) {
        match self.focus {
            Pane::Pages => {
                // The cursor moves over pages; section headings are passed.
                let pages: Vec<usize> = self
                    .pages_view
                    .entries
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| matches!(e, PagesEntry::Page(_)))
                    .map(|(i, _)| i)
                    .collect();
                let at = pages
                    .iter()
                    .position(|&i| i >= self.pages_view.cursor)
                    .unwrap_or(0);
                let rows = self.geometry.pages.map_or(1, |a| usize::from(a.height));
                if let Some(to) = nav::target(action, at, pages.len(), rows)
                    && let Some(&entry) = pages.get(to)
                {
                    self.pages_view.cursor = entry;
                }
            }
            Pane::Headlines => {
                // About three rows a headline.
                let rows = self.geometry.headlines.map_or(1, |a| usize::from(a.height)) / 3;
                let count = self.article_count(self.page);
                if let Some(to) = nav::target(action, self.selected, count, rows) {
                    self.selected = to;
                }
            }
            Pane::Article => {}
        }
    }

    /// Moves through the article by `action`.
    fn move_in_article(&mut self, action: Action) {
        let height = self.article_height();
        let screen = isize::try_from(height.saturating_sub(1).max(1)).unwrap_or(1);
        let half = (screen / 2).max(1);
        let Some(reader) = &mut self.reader else {
            if action == Action::ScreenDown {
                self.step_article(true);
            }
            return;
        };
        match action {
            Action::LineUp => reader.scroll(-1, height),
            Action::LineDown => reader.scroll(1, height),
            Action::ScreenUp => reader.scroll(-screen, height),
            Action::ScreenDown if reader.at_end(height) => self.step_article(true),
            Action::ScreenDown => reader.scroll(screen, height),
            Action::HalfUp => reader.scroll(-half, height),
            Action::HalfDown => reader.scroll(half, height),
            Action::Top => reader.to_top(),
            Action::Bottom => reader.to_bottom(height),
            _ => {}
        }
    }

    fn open_in_list(&mut self) {
        match self.focus {
            Pane::Pages => {
                if let Some(PagesEntry::Page(page)) =
                    self.pages_view.entries.get(self.pages_view.cursor)
                {
                    self.open_page(*page);
                    self.focus = if self.geometry.headlines.is_some() {
                        Pane::Headlines
                    } else {
                        Pane::Article
                    };
                }
            }
            Pane::Headlines => {
                self.open_selected();
                self.focus = Pane::Article;
            }
            Pane::Article => {}
        }
    }

    fn toggle_read(&mut self) {
        let fragments = match self.focus {
            Pane::Headlines => vec![ArticleRef {
                page: self.page,
                article: self.selected,
            }],
            _ => self.story_fragments(),
        };
        let Some(&first) = fragments.first() else {
            return;
        };
        let read = !self.is_read(first);
        self.set_read(&fragments, read);
        self.say(if read {
            "已标为已读"
        } else {
            "已标为未读"
        });
    }

    fn toggle_bookmark(&mut self) {
        let (Some(at), Some(issue)) = (self.opened, self.open_issue()) else {
            return;
        };
        let story = self.reader.as_ref().map_or(at, |r| r.story);
        let bookmark = Bookmark {
            publication: issue.publication.clone(),
            date: issue.date.to_string(),
            page: issue.pages[at.page].label.to_string(),
            article: article_key(&issue, at),
            title: issue
                .article(story)
                .map_or_else(String::new, |a| a.title.clone()),
        };
        let added = self.memory.toggle_bookmark(&self.issue_key(), bookmark);
        self.say(if added {
            "已收藏"
        } else {
            "已取消收藏"
        });
    }

    /// Opens the article `key` on page `page` of library entry `entry`
    /// (once it is read, when it is not in memory).
    pub(super) fn jump(&mut self, entry: usize, page: &str, key: &str) -> bool {
        if entry != self.entry || !self.has_issue() {
            let then = Then::Jump {
                page: page.to_owned(),
                key: key.to_owned(),
            };
            return self.request(entry, then);
        }
        self.forget_load();
        self.jump_within(page, key)
    }

    /// Opens the article `key` on page `page` of the issue open.
    pub(super) fn jump_within(&mut self, page: &str, key: &str) -> bool {
        let Some(issue) = self.open_issue() else {
            return false;
        };
        let Some(at) = find_article(&issue, key) else {
            if let Some(page) = issue.pages.iter().position(|p| p.label.as_str() == page) {
                self.open_page(page);
            }
            return false;
        };
        self.open_article(at.page, at.article);
        true
    }

    /// The zoom one step wider or narrower, passing over steps that would
    /// change nothing on this screen.
    fn zoom_step(&mut self, wider: bool) {
        let now = Geometry::new(self.size.0, self.size.1, self.zoom, self.focus_mode);
        let mut zoom = self.zoom;
        loop {
            let next = if wider { zoom.wider() } else { zoom.narrower() };
            if next == zoom {
                self.say(if wider {
                    "已是最宽"
                } else {
                    "已是最窄"
                });
                return;
            }
            zoom = next;
            if Geometry::new(self.size.0, self.size.1, zoom, self.focus_mode) != now {
                self.zoom = zoom;
                return;
            }
        }
    }

    /// The keys of reading.
    pub(super) fn reading_key(&mut self, key: Key, action: Option<Action>) -> Effect {
        let Some(action) = action else {
            // A letter or digit no key uses starts a page label.
            if let Some(c) = key.typed().filter(char::is_ascii_alphanumeric) {
                self.goto = Some(c.to_string());
            }
            return Effect::None;
        };
        match action {
            Action::PrevPage => self.step_page(false),
            Action::NextPage => self.step_page(true),
            Action::PrevArticle => self.step_article(false),
            Action::NextArticle => self.step_article(true),
            Action::PrevIssue => self.step_issue(false),
            Action::NextIssue => self.step_issue(true),
            Action::LineUp
            | Action::LineDown
            | Action::ScreenUp
            | Action::ScreenDown
            | Action::HalfUp
            | Action::HalfDown
            | Action::Top
            | Action::Bottom => {
                if self.focus == Pane::Article {
                    self.move_in_article(action);
                } else {
                    self.move_in_list(action);
                }
            }
            Action::FocusNext => self.cycle_focus(true),
            Action::FocusPrev => self.cycle_focus(false),
            Action::Open => self.open_in_list(),
            Action::Back => {
                self.focus = Pane::Article;
                self.search = None;
                self.match_at = None;
            }
            Action::ZoomIn => self.zoom_step(true),
            Action::ZoomOut => self.zoom_step(false),
            Action::ZoomReset => self.zoom = Zoom::default(),
            Action::FocusMode => {
                self.focus_mode = !self.focus_mode;
                self.focus = Pane::Article;
            }
            Action::Theme => {
                self.settings.theme = match self.settings.theme {
                    Theme::Paper => Theme::Dark,
                    Theme::Dark => Theme::Paper,
                };
            }
            Action::Library => self.open_library(),
            Action::ToggleRead => self.toggle_read(),
            Action::Bookmark => self.toggle_bookmark(),
            Action::Bookmarks => {
                self.overlay = Some(Overlay::Bookmarks(BookmarksView::default()));
            }
            Action::Search => self.overlay = Some(Overlay::Search(SearchView::new(Scope::Issue))),
            Action::SearchLibrary => {
                self.overlay = Some(Overlay::Search(SearchView::new(Scope::Library)));
            }
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::Update => return Effect::Update,
            Action::PageMap => self.open_map(),
            Action::Picture => self.open_picture(),
            Action::Suspend => return Effect::Suspend,
            Action::Quit => return Effect::Quit,
            Action::Help
            | Action::PrevMonth
            | Action::NextMonth
            | Action::NextPaper
            | Action::PrevPaper
            | Action::Erase
            | Action::Cancel
            | Action::Close => {}
        }
        Effect::None
    }
}
