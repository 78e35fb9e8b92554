//! What the reader is showing and how it changes: `State`, every input
//! (`Input`), and `update`, the one place state changes.
//!
//! Knows the model and the layout engine, and nothing of how the screen is
//! drawn: `ui` reads `State` and draws it; `tui` turns terminal events
//! into `Input`. Everything `render` needs, `update` has computed: the
//! geometry, the rows of the article and of the lists.

pub mod geometry;
pub mod keymap;
pub mod lists;
pub mod reading;

use std::sync::Arc;

use crate::layout::{Ambiguous, DEFAULT_INDENT, LayoutOptions, Punctuation};
use crate::model::{ArticleRef, Issue};
pub use geometry::{Geometry, Pane, Zoom};
pub use keymap::{Action, Key, KeyCode, Keymap};
use lists::{HeadlineRow, PagesEntry};
use reading::Reader;

/// The two looks: a light one like newsprint, and a dark one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Paper,
    Dark,
}

/// How text is set; from the command line and config.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub ambiguous: Ambiguous,
    pub indent: usize,
    pub punctuation: Punctuation,
    pub hanging: bool,
    pub theme: Theme,
    /// Whether colours may be used (`NO_COLOR` says not).
    pub color: bool,
    pub zoom: Zoom,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            ambiguous: Ambiguous::Narrow,
            indent: DEFAULT_INDENT,
            punctuation: Punctuation::FullWidth,
            hanging: false,
            theme: Theme::Paper,
            color: true,
            zoom: Zoom::default(),
        }
    }
}

/// An issue the reader has open, with the name it came by.
#[derive(Debug, Clone)]
pub struct OpenIssue {
    pub issue: Arc<Issue>,
    pub name: String,
}

/// Everything the user does, as the app sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Key(Key),
    Resize {
        width: u16,
        height: u16,
    },
    Wheel {
        x: u16,
        y: u16,
        down: bool,
    },
    Click {
        x: u16,
        y: u16,
    },
    /// The terminal turned out to draw ambiguous characters so.
    AmbiguousWidth(Ambiguous),
}

/// What `update` asks of the terminal loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    None,
    Suspend,
    Quit,
}

/// The pages list: which entry shows first, and the rows that show.
#[derive(Debug, Clone, Default)]
pub struct PagesView {
    pub entries: Vec<PagesEntry>,
    pub top: usize,
    /// The entry the keyboard cursor is on when the list has focus.
    pub cursor: usize,
}

/// The headlines list: which item shows first and the rows that show.
#[derive(Debug, Clone, Default)]
pub struct HeadlinesView {
    pub top: usize,
    pub rows: Vec<HeadlineRow>,
}

/// Stories whose layout is kept after the reader moves on.
const RECENT_STORIES: usize = 16;

/// Rows the wheel scrolls at a time.
const WHEEL_ROWS: isize = 3;

#[derive(Debug)]
pub struct State {
    pub issues: Vec<OpenIssue>,
    pub current: usize,
    pub page: usize,
    /// The headline selected on the page.
    pub selected: usize,
    /// The fragment opened, which the article pane shows the story of.
    pub opened: Option<ArticleRef>,
    pub reader: Option<Reader>,
    /// Stories read before, with their layout, most recent last.
    recent: Vec<Reader>,
    pub focus: Pane,
    pub zoom: Zoom,
    pub focus_mode: bool,
    pub help: bool,
    /// The first help line shown, when the help does not fit the screen.
    pub help_scroll: usize,
    /// A page label being typed, to go to with Enter.
    pub goto: Option<String>,
    /// A one-line message for the bottom bar, until the next key.
    pub message: Option<String>,
    pub settings: Settings,
    pub keymap: Keymap,
    pub size: (u16, u16),
    pub geometry: Geometry,
    pub pages_view: PagesView,
    pub headlines_view: HeadlinesView,
}

impl State {
    /// The reader with `issues` open, at the first page of the first.
    pub fn new(
        issues: Vec<OpenIssue>,
        settings: Settings,
        keymap: Keymap,
        size: (u16, u16),
    ) -> State {
        let mut state = State {
            issues,
            current: 0,
            page: 0,
            selected: 0,
            opened: None,
            reader: None,
            recent: Vec::new(),
            focus: Pane::Article,
            zoom: settings.zoom,
            focus_mode: false,
            help: false,
            help_scroll: 0,
            goto: None,
            message: None,
            settings,
            keymap,
            size,
            geometry: Geometry::default(),
            pages_view: PagesView::default(),
            headlines_view: HeadlinesView::default(),
        };
        state.show_issue(0);
        state
    }

    pub fn issue(&self) -> &Arc<Issue> {
        &self.issues[self.current].issue
    }

    fn show_issue(&mut self, index: usize) {
        self.current = index.min(self.issues.len().saturating_sub(1));
        self.pages_view = PagesView {
            entries: lists::pages_entries(self.issue()),
            top: 0,
            cursor: 0,
        };
        self.open_page(0);
    }

    /// The layout options for the article at the current geometry.
    fn layout_options(&self) -> LayoutOptions {
        LayoutOptions::new(usize::from(self.geometry.text.width).max(1))
            .ambiguous(self.settings.ambiguous)
            .indent(self.settings.indent)
            .punctuation(self.settings.punctuation)
            .hanging(self.settings.hanging)
    }

    fn open_page(&mut self, page: usize) {
        let pages = self.issue().pages.len();
        self.page = page.min(pages.saturating_sub(1));
        self.selected = 0;
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
    fn open_selected(&mut self) {
        let at = ArticleRef {
            page: self.page,
            article: self.selected,
        };
        if self.issue().article(at).is_none() {
            self.opened = None;
            self.reader = None;
            return;
        }
        self.opened = Some(at);
        self.geometry = Geometry::new(self.size.0, self.size.1, self.zoom, self.focus_mode);
        let options = self.layout_options();
        let issue = Arc::clone(self.issue());
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
            None => Reader::open(issue, at, options),
        };
        self.reader = Some(reader);
    }

    fn article_count(&self, page: usize) -> usize {
        self.issue().pages.get(page).map_or(0, |p| p.articles.len())
    }

    /// The next (or previous) article, across pages with none.
    fn step_article(&mut self, forward: bool) {
        let pages = self.issue().pages.len();
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
                    self.message = Some(
                        if forward {
                            "已是最后一篇"
                        } else {
                            "已是第一篇"
                        }
                        .to_owned(),
                    );
                    return;
                }
                let count = self.article_count(page);
                if count > 0 {
                    self.open_page(page);
                    self.selected = if forward { 0 } else { count - 1 };
                    break;
                }
            }
        }
        self.open_selected();
    }

    fn step_page(&mut self, forward: bool) {
        let pages = self.issue().pages.len();
        let page = if forward {
            self.page + 1
        } else {
            self.page.wrapping_sub(1)
        };
        if page < pages {
            self.open_page(page);
        } else {
            self.message = Some(
                if forward {
                    "已是最后一版"
                } else {
                    "已是第一版"
                }
                .to_owned(),
            );
        }
    }

    fn panes(&self) -> Vec<Pane> {
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

    fn article_height(&self) -> usize {
        usize::from(self.geometry.article.height)
    }

    fn scroll_article(&mut self, delta: isize) {
        let height = self.article_height();
        if let Some(reader) = &mut self.reader {
            reader.scroll(delta, height);
        }
    }

    fn list_rows(pane: Option<ratatui::layout::Rect>) -> usize {
        pane.map_or(1, |area| usize::from(area.height).max(1))
    }

    /// Moves the cursor of the focused list by `delta` entries.
    fn move_in_list(&mut self, delta: isize) {
        match self.focus {
            Pane::Pages => {
                let entries = &self.pages_view.entries;
                let mut cursor = self.pages_view.cursor;
                let mut left = delta.unsigned_abs();
                // Section headings are passed over.
                while left > 0 {
                    let next = if delta > 0 {
                        cursor + 1
                    } else {
                        cursor.wrapping_sub(1)
                    };
                    let Some(entry) = entries.get(next) else {
                        break;
                    };
                    cursor = next;
                    if matches!(entry, PagesEntry::Page(_)) {
                        left -= 1;
                    }
                }
                if matches!(entries.get(cursor), Some(PagesEntry::Page(_))) {
                    self.pages_view.cursor = cursor;
                }
            }
            Pane::Headlines => {
                let count = self.article_count(self.page);
                let target = self.selected.saturating_add_signed(delta);
                self.selected = target.min(count.saturating_sub(1));
            }
            Pane::Article => self.scroll_article(delta),
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

    fn go_to_typed_page(&mut self) {
        let Some(typed) = self.goto.take() else {
            return;
        };
        match self.issue().find_page(&typed) {
            Some(page) => self.open_page(page),
            None => self.message = Some(format!("没有第{typed}版")),
        }
    }

    fn act(&mut self, action: Action) -> Effect {
        let height = self.article_height();
        let screen = isize::try_from(height.saturating_sub(1).max(1)).unwrap_or(1);
        let half = (screen / 2).max(1);
        let list_screen = isize::try_from(match self.focus {
            Pane::Pages => Self::list_rows(self.geometry.pages),
            _ => Self::list_rows(self.geometry.headlines) / 3,
        })
        .unwrap_or(1)
        .max(1);
        match action {
            Action::PrevPage => self.step_page(false),
            Action::NextPage => self.step_page(true),
            Action::PrevArticle => self.step_article(false),
            Action::NextArticle => self.step_article(true),
            Action::PrevIssue | Action::NextIssue => {
                let count = self.issues.len();
                let next = if action == Action::NextIssue {
                    self.current + 1
                } else {
                    self.current + count - 1
                };
                if count > 1 {
                    self.show_issue(next % count);
                } else {
                    self.message = Some("只打开了这一期".to_owned());
                }
            }
            Action::LineUp => self.move_in_list(-1),
            Action::LineDown => self.move_in_list(1),
            Action::ScreenUp if self.focus == Pane::Article => self.scroll_article(-screen),
            Action::ScreenDown if self.focus == Pane::Article => {
                let at_end = self.reader.as_mut().is_none_or(|r| r.at_end(height));
                if at_end {
                    self.step_article(true);
                } else {
                    self.scroll_article(screen);
                }
            }
            Action::ScreenUp => self.move_in_list(-list_screen),
            Action::ScreenDown => self.move_in_list(list_screen),
            Action::HalfUp if self.focus == Pane::Article => self.scroll_article(-half),
            Action::HalfDown if self.focus == Pane::Article => self.scroll_article(half),
            Action::HalfUp => self.move_in_list(-(list_screen / 2).max(1)),
            Action::HalfDown => self.move_in_list((list_screen / 2).max(1)),
            Action::Top if self.focus == Pane::Article => {
                if let Some(reader) = &mut self.reader {
                    reader.to_top();
                }
            }
            Action::Bottom if self.focus == Pane::Article => {
                if let Some(reader) = &mut self.reader {
                    reader.to_bottom(height);
                }
            }
            Action::Top => self.move_in_list(isize::MIN / 2),
            Action::Bottom => self.move_in_list(isize::MAX / 2),
            Action::FocusNext => self.cycle_focus(true),
            Action::FocusPrev => self.cycle_focus(false),
            Action::Open => self.open_in_list(),
            Action::Back => self.focus = Pane::Article,
            Action::ZoomIn => self.zoom = self.zoom.wider(),
            Action::ZoomOut => self.zoom = self.zoom.narrower(),
            Action::ZoomReset => self.zoom = Zoom::default(),
            Action::FocusMode => {
                self.focus_mode = !self.focus_mode;
                self.focus = Pane::Article;
            }
            Action::Help => {
                self.help = !self.help;
                self.help_scroll = 0;
            }
            Action::Theme => {
                self.settings.theme = match self.settings.theme {
                    Theme::Paper => Theme::Dark,
                    Theme::Dark => Theme::Paper,
                };
            }
            Action::Suspend => return Effect::Suspend,
            Action::Quit => return Effect::Quit,
        }
        Effect::None
    }

    fn key(&mut self, key: Key) -> Effect {
        let action = self.keymap.action(key);
        if self.help {
            // The help closes with Esc, ? or the quit key, and scrolls when
            // it does not fit; nothing else acts.
            let lines = self.keymap.bindings().count();
            match action {
                Some(Action::Quit) if key.ctrl => return Effect::Quit,
                Some(Action::Help | Action::Back | Action::Quit) => self.help = false,
                Some(Action::LineDown | Action::ScreenDown | Action::HalfDown) => {
                    self.help_scroll = (self.help_scroll + 1).min(lines.saturating_sub(1));
                }
                Some(Action::LineUp | Action::ScreenUp | Action::HalfUp) => {
                    self.help_scroll = self.help_scroll.saturating_sub(1);
                }
                _ => {}
            }
            return Effect::None;
        }
        if let Some(typed) = &mut self.goto {
            match key.code {
                KeyCode::Char(c) if c.is_ascii_alphanumeric() && !key.ctrl && !key.alt => {
                    if typed.len() < 8 {
                        typed.push(c);
                    }
                    return Effect::None;
                }
                KeyCode::Backspace => {
                    typed.pop();
                    if typed.is_empty() {
                        self.goto = None;
                    }
                    return Effect::None;
                }
                KeyCode::Enter => {
                    self.go_to_typed_page();
                    return Effect::None;
                }
                KeyCode::Esc => {
                    self.goto = None;
                    return Effect::None;
                }
                _ => self.goto = None,
            }
        }
        if let Some(action) = action {
            return self.act(action);
        }
        // A digit, or a capital letter no key uses, starts a label.
        if let KeyCode::Char(c) = key.code
            && !key.ctrl
            && !key.alt
            && (c.is_ascii_digit() || c.is_ascii_uppercase())
        {
            self.goto = Some(c.to_string());
        }
        Effect::None
    }

    fn wheel(&mut self, x: u16, y: u16, down: bool) {
        let delta = if down { WHEEL_ROWS } else { -WHEEL_ROWS };
        match self.geometry.pane_at(x, y) {
            Some(Pane::Article) => self.scroll_article(delta),
            Some(Pane::Pages) => {
                let last = self.pages_view.entries.len().saturating_sub(1);
                self.pages_view.top = self.pages_view.top.saturating_add_signed(delta).min(last);
            }
            Some(Pane::Headlines) => {
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

    fn click(&mut self, x: u16, y: u16) {
        match self.geometry.pane_at(x, y) {
            Some(Pane::Pages) => {
                let Some(area) = self.geometry.pages else {
                    return;
                };
                let index = self.pages_view.top + usize::from(y.saturating_sub(area.y));
                if let Some(PagesEntry::Page(page)) = self.pages_view.entries.get(index).copied() {
                    self.focus = Pane::Pages;
                    self.open_page(page);
                }
            }
            Some(Pane::Headlines) => {
                let Some(area) = self.geometry.headlines else {
                    return;
                };
                let row = usize::from(y.saturating_sub(area.y));
                if let Some(article) = self.headlines_view.rows.get(row).map(|r| r.article) {
                    self.focus = Pane::Headlines;
                    self.selected = article;
                    self.open_selected();
                }
            }
            Some(Pane::Article) => self.focus = Pane::Article,
            None => {}
        }
    }

    /// Recomputes what depends on the size and settings, and places the
    /// rows that show.
    fn refresh(&mut self) {
        self.geometry = Geometry::new(self.size.0, self.size.1, self.zoom, self.focus_mode);
        if !self.panes().contains(&self.focus) {
            self.focus = Pane::Article;
        }
        let options = self.layout_options();
        let height = self.article_height();
        if let Some(reader) = &mut self.reader {
            // Not clamped: after a zoom or a resize the top keeps its line,
            // even if the story now ends before the pane does.
            reader.set_options(options);
            reader.fill(height);
        }
        self.place_pages();
        self.place_headlines();
    }

    fn place_pages(&mut self) {
        let rows = Self::list_rows(self.geometry.pages);
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
        if target < view.top {
            view.top = target;
        } else if target >= view.top + rows {
            view.top = target + 1 - rows;
        }
        view.top = view.top.min(view.entries.len().saturating_sub(rows));
    }

    fn place_headlines(&mut self) {
        let Some(area) = self.geometry.headlines else {
            self.headlines_view.rows.clear();
            return;
        };
        let height = usize::from(area.height);
        let width = usize::from(area.width).saturating_sub(2).max(1);
        let count = self.article_count(self.page);
        let ambiguous = self.settings.ambiguous;
        let issue = Arc::clone(self.issue());
        let page = self.page;
        let item = |article: usize| lists::headline_rows(&issue, page, article, width, ambiguous);
        let view = &mut self.headlines_view;
        view.top = view.top.min(count.saturating_sub(1));
        // Keep the selection in sight: up to it, or down until it fits.
        if self.selected < view.top {
            view.top = self.selected;
        } else {
            let mut used: usize = (view.top..=self.selected.min(count.saturating_sub(1)))
                .map(|i| item(i).len())
                .sum();
            while used > height && view.top < self.selected {
                used -= item(view.top).len();
                view.top += 1;
            }
        }
        view.rows.clear();
        let mut article = view.top;
        while view.rows.len() < height && article < count {
            view.rows.extend(item(article));
            article += 1;
        }
        view.rows.truncate(height);
    }

    /// Handles one input. The only place state changes.
    pub fn update(&mut self, input: Input) -> Effect {
        let effect = match input {
            Input::Key(key) => {
                self.message = None;
                self.key(key)
            }
            Input::Resize { width, height } => {
                self.size = (width, height);
                Effect::None
            }
            Input::Wheel { x, y, down } => {
                self.wheel(x, y, down);
                Effect::None
            }
            Input::Click { x, y } => {
                self.click(x, y);
                Effect::None
            }
            Input::AmbiguousWidth(ambiguous) => {
                self.settings.ambiguous = ambiguous;
                Effect::None
            }
        };
        self.refresh();
        effect
    }

    /// Places everything for the first frame.
    pub fn start(&mut self) {
        self.refresh();
    }
}
