//! What the reader is showing and how it changes: `State`, every input
//! (`Input`), and `update`, the one place state changes.
//!
//! Knows the model and the layout engine, and nothing of how the screen is
//! drawn: `ui` reads `State` and draws it; `tui` turns terminal events
//! into `Input`. Everything `render` needs, `update` has computed: the
//! geometry, the rows of the article and of the lists.

pub mod geometry;
mod invariants;
pub mod keymap;
pub mod lists;
pub mod memory;
pub mod overlays;
pub mod reading;

use std::sync::Arc;

use crate::layout::{Ambiguous, DEFAULT_INDENT, LayoutOptions, Punctuation};
use crate::library::search::{self, Field, Query};
use crate::library::store::{Bookmark, Place, ReadingState};
use crate::library::{Library, Loader, issue_key};
use crate::model::{ArticleRef, Issue};
use crate::story::Role;
pub use geometry::{Geometry, Pane, Zoom};
pub use keymap::{Action, Key, KeyCode, Keymap};
use lists::{HeadlineRow, PagesEntry};
use memory::Memory;
use overlays::{Found, LibraryView, ListView, Overlay, RESULTS, Scope, SearchView};
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
    /// Fetch the papers followed, in the background.
    Update,
    Quit,
}

/// How an issue not in memory is read when the reader opens it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Loading {
    /// At once, in `update`: for tests and tools that drive the state.
    #[default]
    Inline,
    /// By whoever runs the reader, away from the screen's thread (see
    /// [`State::load_request`] and [`State::loaded`]), so that a slow disk
    /// never holds up a key.
    Background,
}

/// What opening an issue was for, done once it is loaded.
#[derive(Debug, Clone)]
enum Then {
    /// Where its reading was left.
    Open,
    /// An article of it (a bookmark).
    Jump { page: String, key: String },
    /// A search result in it.
    Found { found: Found, query: Query },
}

/// An issue being read away from the screen.
#[derive(Debug)]
struct Pending {
    ticket: u64,
    entry: usize,
    then: Then,
    /// Its file's name, for the bottom bar.
    name: String,
    /// Entries to try in turn if it cannot be read (at start: where
    /// reading was left, then the newest).
    fallbacks: Vec<usize>,
    /// The job, until the runner takes it.
    job: Option<Loader>,
}

/// What work done away from the screen (an update of the papers
/// followed) reports to it.
#[derive(Debug)]
pub enum Background {
    /// How far it has got, for the bottom bar.
    Progress(String),
    /// It has ended: what it did, and the library as it is now when the
    /// library read is the one it wrote to.
    Done {
        summary: String,
        library: Option<Library>,
    },
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
    /// Each headline's rows, laid out once for the page and width in `key`.
    key: Option<HeadlinesKey>,
    items: std::collections::HashMap<usize, Vec<HeadlineRow>>,
}

/// What the rows of a page's headlines depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct HeadlinesKey {
    entry: usize,
    page: usize,
    width: usize,
    ambiguous: Ambiguous,
    punctuation: Punctuation,
}

/// Stories whose layout is kept after the reader moves on.
const RECENT_STORIES: usize = 16;

/// Rows the wheel scrolls at a time.
const WHEEL_ROWS: isize = 3;

/// The key an article is remembered by in an issue: its id, or its page
/// label and place on the page.
pub fn article_key(issue: &Issue, at: ArticleRef) -> String {
    match issue.article(at).and_then(|a| a.id.as_ref()) {
        Some(id) => id.to_string(),
        None => format!("{}#{}", issue.pages[at.page].label, at.article + 1),
    }
}

/// The article with `key` in `issue`.
fn find_article(issue: &Issue, key: &str) -> Option<ArticleRef> {
    issue.pages.iter().enumerate().find_map(|(page, p)| {
        (0..p.articles.len())
            .map(|article| ArticleRef { page, article })
            .find(|&at| article_key(issue, at) == key)
    })
}

#[derive(Debug)]
pub struct State {
    pub library: Library,
    /// The library entry of the issue open.
    pub entry: usize,
    issue: Arc<Issue>,
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
    pub overlay: Option<Overlay>,
    /// A page label being typed, to go to with Enter.
    pub goto: Option<String>,
    /// A one-line message for the bottom bar, until the next key.
    pub message: Option<String>,
    /// What work in the background is doing, for the bottom bar while it
    /// runs.
    pub background: Option<String>,
    pub settings: Settings,
    pub keymap: Keymap,
    pub size: (u16, u16),
    pub geometry: Geometry,
    pub pages_view: PagesView,
    pub headlines_view: HeadlinesView,
    /// What is remembered of reading.
    pub memory: Memory,
    /// The search whose matches the article shows and `n` steps through.
    pub search: Option<Query>,
    /// How issues not in memory are read.
    load_mode: Loading,
    /// The issue being read, when one is.
    pending: Option<Pending>,
    /// The number of the last load asked for: a result for an older one
    /// (cancelled, or overtaken) is not opened.
    tickets: u64,
    /// The load the runner is reading now, until its result comes back.
    in_flight: Option<u64>,
    /// The story's end is on screen: it was marked read when it came, and
    /// is not again until it has left (so `u` can mark it unread).
    end_on_screen: bool,
    /// The lists scroll to keep the selection in sight; not after the
    /// wheel has scrolled them, until the next key.
    lists_follow: bool,
}

impl State {
    /// The reader over `library`, at entry `start` if given, else where
    /// reading was left last, else at the newest issue, read at once.
    pub fn new(
        library: Library,
        reading: ReadingState,
        start: Option<usize>,
        settings: Settings,
        keymap: Keymap,
        size: (u16, u16),
    ) -> State {
        let mut state = State::unopened(library, reading, settings, keymap, size);
        state.open_first(&state.wanted(start));
        state
    }

    /// The same reader as the terminal runs it: issues not in memory are
    /// read away from the screen, the first one included, so that the
    /// first frame and every key come at once however slow the disk.
    pub fn in_background(
        library: Library,
        reading: ReadingState,
        start: Option<usize>,
        settings: Settings,
        keymap: Keymap,
        size: (u16, u16),
    ) -> State {
        let mut state = State::unopened(library, reading, settings, keymap, size);
        state.load_mode = Loading::Background;
        state.open_first(&state.wanted(start));
        state
    }

    /// Opens the first of `wanted` that opens, where its reading was left;
    /// read in the background, the others are kept to try in turn if it
    /// cannot be read. With none, 往期阅读.
    fn open_first(&mut self, wanted: &[usize]) {
        for (at, &entry) in wanted.iter().enumerate() {
            if self.request(entry, Then::Open) {
                if let Some(pending) = &mut self.pending {
                    pending.fallbacks = wanted[at + 1..].to_vec();
                }
                self.say_failures();
                return;
            }
        }
        if !self.has_issue() {
            self.overlay = Some(Overlay::Library(LibraryView::default()));
        }
        self.say_failures();
    }

    /// The state before any issue is open.
    fn unopened(
        library: Library,
        reading: ReadingState,
        settings: Settings,
        keymap: Keymap,
        size: (u16, u16),
    ) -> State {
        State {
            library,
            entry: 0,
            issue: Arc::new(empty_issue()),
            page: 0,
            selected: 0,
            opened: None,
            reader: None,
            recent: Vec::new(),
            focus: Pane::Article,
            zoom: settings.zoom,
            focus_mode: false,
            overlay: None,
            goto: None,
            message: None,
            settings,
            keymap,
            size,
            geometry: Geometry::default(),
            pages_view: PagesView::default(),
            headlines_view: HeadlinesView::default(),
            memory: Memory::new(reading),
            search: None,
            background: None,
            end_on_screen: false,
            lists_follow: true,
            load_mode: Loading::Inline,
            pending: None,
            tickets: 0,
            in_flight: None,
        }
    }

    /// The entries to open at start, in turn until one opens: `start`,
    /// where reading was left last, the newest.
    fn wanted(&self, start: Option<usize>) -> Vec<usize> {
        let mut wanted = Vec::new();
        for entry in [start, self.last_read(), self.library.newest()]
            .into_iter()
            .flatten()
        {
            if !wanted.contains(&entry) {
                wanted.push(entry);
            }
        }
        wanted
    }

    /// Says on the bottom bar how many files of the library cannot be read.
    fn say_failures(&mut self) {
        let failures = self.library.failures().count();
        if failures > 0 && self.message.is_none() {
            self.message = Some(format!("{failures} 个文件无法打开；按 i 往期阅读查看"));
        }
    }

    pub fn issue(&self) -> &Arc<Issue> {
        &self.issue
    }

    /// Whether an issue is open: none is when no file of the library
    /// could be opened. (The stand-in has no publication, which a loaded
    /// issue always has.)
    pub fn has_issue(&self) -> bool {
        !self.issue.publication.is_empty()
    }

    /// The reading-state key of the issue open.
    pub fn issue_key(&self) -> String {
        issue_key(&self.issue.publication, self.issue.date)
    }

    /// The entry read last, by the reading state.
    fn last_read(&self) -> Option<usize> {
        let reading = self.memory.state();
        self.library
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| {
                let at = reading.issues.get(&entry.key()?)?.place.as_ref()?.at;
                Some((at, i))
            })
            .max()
            .map(|(_, i)| i)
    }

    /// Opens a library entry and does `then` in it: now when it is in
    /// memory or issues are read inline, else once it has been read. False
    /// (and a message) when it cannot be read now.
    fn request(&mut self, entry: usize, then: Then) -> bool {
        if let Some(issue) = self.library.cached(entry) {
            self.pending = None;
            self.show(entry, issue, then);
            return true;
        }
        match self.load_mode {
            Loading::Inline => match self.library.open(entry) {
                Ok(issue) => {
                    self.show(entry, issue, then);
                    true
                }
                Err(error) => {
                    self.message = Some(error);
                    false
                }
            },
            Loading::Background => {
                if let Some(pending) = self.pending.as_mut().filter(|p| p.entry == entry) {
                    pending.then = then;
                    return true;
                }
                let Some(job) = self.library.loader(entry) else {
                    return false;
                };
                self.tickets += 1;
                self.pending = Some(Pending {
                    ticket: self.tickets,
                    entry,
                    then,
                    name: job.name(),
                    fallbacks: Vec::new(),
                    job: Some(job),
                });
                true
            }
        }
    }

    /// The issue to read now, for the runner of the reader to read away
    /// from the screen and hand back to [`State::loaded`] with its ticket.
    ///
    /// One read at a time: while one is out, a later request waits here
    /// (the latest only), so that `]` held does not start a read of every
    /// issue it passes.
    pub fn load_request(&mut self) -> Option<(u64, Loader)> {
        if self.in_flight.is_some() {
            return None;
        }
        let pending = self.pending.as_mut()?;
        let job = pending.job.take()?;
        self.in_flight = Some(pending.ticket);
        Some((pending.ticket, job))
    }

    /// The name of the issue being read, while one is.
    pub fn loading(&self) -> Option<&str> {
        self.pending.as_ref().map(|p| p.name.as_str())
    }

    /// Takes in what a load asked for by [`State::load_request`] read: the
    /// issue is opened and what it was opened for done, unless the load was
    /// cancelled or another was asked for since.
    pub fn loaded(&mut self, ticket: u64, result: Result<(Issue, u64), String>) {
        if self.in_flight == Some(ticket) {
            self.in_flight = None;
        }
        let Some(pending) = self.pending.take_if(|p| p.ticket == ticket) else {
            return;
        };
        match self.library.keep(pending.entry, result) {
            Ok(issue) => {
                // The list it was opened from goes once it is open.
                if matches!(
                    self.overlay,
                    Some(Overlay::Library(_) | Overlay::Bookmarks(_) | Overlay::Search(_))
                ) {
                    self.overlay = None;
                }
                self.show(pending.entry, issue, pending.then);
            }
            Err(error) => {
                self.message = Some(error);
                self.open_first(&pending.fallbacks);
            }
        }
        self.refresh();
    }

    /// Shows the issue of `entry`, and does what it was opened for.
    fn show(&mut self, entry: usize, issue: Arc<Issue>, then: Then) {
        // What is shown now is what the user asked for last.
        self.pending = None;
        self.entry = entry;
        self.issue = issue;
        self.pages_view = PagesView {
            entries: lists::pages_entries(&self.issue),
            top: 0,
            cursor: 0,
        };
        self.search = None;
        match then {
            Then::Open => {
                if !self.restore_place() {
                    self.open_page(0);
                }
            }
            Then::Jump { page, key } => {
                if !self.jump_within(&page, &key) {
                    if !self.restore_place() && self.opened.is_none() {
                        self.open_page(0);
                    }
                    self.message = Some("这篇文章已不在这一期".to_owned());
                }
            }
            Then::Found { found, query } => self.found_within(&found, &query),
        }
    }

    /// Goes back to where this issue was left; false if nothing is known.
    fn restore_place(&mut self) -> bool {
        let Some(place) = self.memory.state().place(&self.issue_key()).cloned() else {
            return false;
        };
        let Some(page) = self
            .issue
            .pages
            .iter()
            .position(|p| p.label.as_str() == place.page)
        else {
            return false;
        };
        let article = find_article(&self.issue, &place.article)
            .filter(|at| at.page == page)
            .map_or(0, |at| at.article);
        self.open_article(page, article);
        let issue = Arc::clone(&self.issue);
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
    fn current_place(&mut self) -> Option<Place> {
        let at = self.opened?;
        let issue = Arc::clone(&self.issue);
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

    /// Whether the article at `at` of the issue open has been read.
    pub fn is_read(&self, at: ArticleRef) -> bool {
        self.memory
            .state()
            .is_read(&self.issue_key(), &article_key(&self.issue, at))
    }

    /// Whether the article at `at` of the issue open is bookmarked.
    pub fn is_bookmarked(&self, at: ArticleRef) -> bool {
        self.memory
            .state()
            .is_bookmarked(&self.issue_key(), &article_key(&self.issue, at))
    }

    /// The fragments of the story open.
    fn story_fragments(&self) -> Vec<ArticleRef> {
        let Some(reader) = &self.reader else {
            return Vec::new();
        };
        let mut fragments: Vec<ArticleRef> = reader.blocks.iter().map(|b| b.fragment).collect();
        fragments.dedup();
        fragments
    }

    fn set_read(&mut self, fragments: &[ArticleRef], read: bool) {
        let key = self.issue_key();
        for &at in fragments {
            let article = article_key(&self.issue, at);
            self.memory.set_read(&key, &article, read);
        }
    }

    /// The layout options for the article at the current geometry.
    fn layout_options(&self) -> LayoutOptions {
        LayoutOptions::new(usize::from(self.geometry.text.width).max(1))
            .ambiguous(self.settings.ambiguous)
            .indent(self.settings.indent)
            .punctuation(self.settings.punctuation)
            .hanging(self.settings.hanging)
    }

    /// Opens a page at its first article.
    fn open_page(&mut self, page: usize) {
        self.open_article(page, 0);
    }

    /// Opens a page at one of its articles.
    fn open_article(&mut self, page: usize, article: usize) {
        let pages = self.issue.pages.len();
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
    fn open_selected(&mut self) {
        let at = ArticleRef {
            page: self.page,
            article: self.selected,
        };
        if self.issue.article(at).is_none() {
            self.opened = None;
            self.reader = None;
            return;
        }
        self.opened = Some(at);
        self.end_on_screen = false;
        self.geometry = Geometry::new(self.size.0, self.size.1, self.zoom, self.focus_mode);
        let options = self.layout_options();
        let issue = Arc::clone(&self.issue);
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
        self.issue.pages.get(page).map_or(0, |p| p.articles.len())
    }

    /// The next (or previous) article, across pages with none.
    fn step_article(&mut self, forward: bool) {
        let pages = self.issue.pages.len();
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
                    self.open_article(page, if forward { 0 } else { count - 1 });
                    return;
                }
            }
        }
        self.open_selected();
    }

    fn step_page(&mut self, forward: bool) {
        let pages = self.issue.pages.len();
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

    fn step_issue(&mut self, later: bool) {
        // From the issue being opened, when one is: `]` held steps on.
        let from = self.pending.as_ref().map_or(self.entry, |p| p.entry);
        match self.library.neighbour(from, later) {
            Some(entry) => {
                self.request(entry, Then::Open);
            }
            None => {
                self.message = Some(
                    if later {
                        "已是最新一期"
                    } else {
                        "已是最早一期"
                    }
                    .to_owned(),
                );
            }
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

    /// Rows of the body below the bars, for the views over the reader.
    fn body_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(4)).max(1)
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
        match self.issue.find_page(&typed) {
            Some(page) => self.open_page(page),
            None => self.message = Some(format!("没有第{typed}版")),
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
        self.message = Some(
            if read {
                "已标为已读"
            } else {
                "已标为未读"
            }
            .to_owned(),
        );
    }

    fn toggle_bookmark(&mut self) {
        let Some(at) = self.opened else { return };
        let issue = Arc::clone(&self.issue);
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
        self.message = Some(
            if added {
                "已收藏"
            } else {
                "已取消收藏"
            }
            .to_owned(),
        );
    }

    /// Opens the article `key` on page `page` of library entry `entry`
    /// (once it is read, when it is not in memory).
    fn jump(&mut self, entry: usize, page: &str, key: &str) -> bool {
        if entry != self.entry {
            let then = Then::Jump {
                page: page.to_owned(),
                key: key.to_owned(),
            };
            return self.request(entry, then);
        }
        self.pending = None;
        self.jump_within(page, key)
    }

    /// Opens the article `key` on page `page` of the issue open.
    fn jump_within(&mut self, page: &str, key: &str) -> bool {
        let Some(at) = find_article(&self.issue, key) else {
            if let Some(page) = self
                .issue
                .pages
                .iter()
                .position(|p| p.label.as_str() == page)
            {
                self.open_page(page);
            }
            return false;
        };
        self.open_article(at.page, at.article);
        true
    }

    /// Steps to the next (or previous) match of the search in the story.
    fn step_match(&mut self, forward: bool) {
        let Some(query) = self.search.clone() else {
            self.message = Some("没有在查找；按 / 查找".to_owned());
            return;
        };
        let Some(reader) = &mut self.reader else {
            return;
        };
        let matches = reader.matches(&query);
        // The top line: a match on it is the one at hand, so `n` goes past
        // it and `N` before it.
        let (block, start, end) = match reader.rows.first() {
            Some(reading::Row::Text { block, line }) => (*block, line.start, line.end),
            _ => (reader.top.block, 0, 0),
        };
        let next = if forward {
            matches
                .iter()
                .find(|(b, range)| (*b, range.start) >= (block, end.max(start + 1)))
        } else {
            matches
                .iter()
                .rev()
                .find(|(b, range)| (*b, range.start) < (block, start))
        };
        let wrapped = next.or(if forward {
            matches.first()
        } else {
            matches.last()
        });
        match wrapped {
            Some((block, range)) => {
                reader.go_to_prepared(*block, range.start);
                let height = usize::from(self.geometry.article.height);
                reader.clamp(height);
            }
            None => self.message = Some(format!("本文中没有“{}”", query.text)),
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
            Action::PrevIssue => self.step_issue(false),
            Action::NextIssue => self.step_issue(true),
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
            Action::Back => {
                self.focus = Pane::Article;
                self.search = None;
            }
            Action::ZoomIn => self.zoom = self.zoom.wider(),
            Action::ZoomOut => self.zoom = self.zoom.narrower(),
            Action::ZoomReset => self.zoom = Zoom::default(),
            Action::FocusMode => {
                self.focus_mode = !self.focus_mode;
                self.focus = Pane::Article;
            }
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Theme => {
                self.settings.theme = match self.settings.theme {
                    Theme::Paper => Theme::Dark,
                    Theme::Dark => Theme::Paper,
                };
            }
            Action::Library => self.open_library(),
            Action::ToggleRead => self.toggle_read(),
            Action::Bookmark => self.toggle_bookmark(),
            Action::Bookmarks => self.overlay = Some(Overlay::Bookmarks(ListView::default())),
            Action::Search => self.overlay = Some(Overlay::Search(SearchView::new(Scope::Issue))),
            Action::SearchLibrary => {
                self.overlay = Some(Overlay::Search(SearchView::new(Scope::Library)));
            }
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::Update => return Effect::Update,
            Action::Suspend => return Effect::Suspend,
            Action::Quit => return Effect::Quit,
        }
        Effect::None
    }

    /// What work in the background reports: its progress in the bottom
    /// bar; at its end, what it did, and the library with what it brought.
    pub fn background(&mut self, event: Background) {
        match event {
            Background::Progress(text) => self.background = Some(text),
            Background::Done { summary, library } => {
                self.background = None;
                self.message = Some(summary);
                if let Some(library) = library {
                    self.replace_library(library);
                }
            }
        }
        self.refresh();
    }

    /// The library read again: the issue open stays open, at its new
    /// place in the list; 往期阅读 is placed again if it shows, and search
    /// results, which name issues by their place, are closed. When the
    /// issue open is not in the new library (the samples were read, the
    /// library was empty), its newest issue is opened.
    fn replace_library(&mut self, library: Library) {
        let key = self.has_issue().then(|| self.issue_key());
        // Entries have new numbers: a load asked for by the old ones is
        // given up.
        self.pending = None;
        let old = std::mem::replace(&mut self.library, library);
        // The headlines laid out are keyed by entry, and entries have new
        // numbers now.
        self.headlines_view.key = None;
        if let Some(entry) = key.and_then(|key| self.library.find(&key)) {
            self.entry = entry;
        } else {
            // The issue read is gone from the new library: its newest,
            // read now (the update that brought it has just written it),
            // so that the entry shown is one of the new library's, or the
            // old library stays.
            let mode = std::mem::replace(&mut self.load_mode, Loading::Inline);
            let opened = self
                .library
                .newest()
                .is_some_and(|newest| self.request(newest, Then::Open));
            self.load_mode = mode;
            if !opened {
                self.library = old;
                return;
            }
        }
        match self.overlay {
            Some(Overlay::Library(_)) => self.open_library(),
            Some(Overlay::Search(_)) => self.overlay = None,
            _ => {}
        }
    }

    /// 往期阅读, at the issue open.
    fn open_library(&mut self) {
        let mut view = LibraryView::default();
        if let Some((publication, at)) = self.library.place(self.entry) {
            view.publication = publication;
            view.list.selected = at;
        }
        self.overlay = Some(Overlay::Library(view));
    }

    /// Keys while 往期阅读 is open.
    fn library_key(&mut self, mut view: LibraryView, action: Option<Action>) -> Option<Overlay> {
        let publications = self.library.publications.len();
        let failures = self.library.failures().count();
        let lists = publications + usize::from(failures > 0);
        let len = match self.library.publications.get(view.publication) {
            Some(p) => p.issues.len(),
            None => failures,
        };
        let rows = self.body_rows();
        match action {
            Some(Action::LineUp) => view.list.step(-1, len),
            Some(Action::LineDown) => view.list.step(1, len),
            Some(Action::ScreenUp) => view.list.step(-isize::try_from(rows).unwrap_or(1), len),
            Some(Action::ScreenDown) => view.list.step(isize::try_from(rows).unwrap_or(1), len),
            Some(Action::Top) => view.list.selected = 0,
            Some(Action::Bottom) => view.list.selected = len.saturating_sub(1),
            Some(Action::PrevPage | Action::NextPage) => {
                let later = action == Some(Action::NextPage);
                if let Some(publication) = self.library.publications.get(view.publication)
                    && let Some(at) = month_step(
                        &self.library,
                        &publication.issues,
                        view.list.selected,
                        later,
                    )
                {
                    view.list.selected = at;
                }
            }
            Some(Action::FocusNext | Action::FocusPrev) if lists > 0 => {
                let forward = action == Some(Action::FocusNext);
                view.publication = if forward {
                    (view.publication + 1) % lists
                } else {
                    (view.publication + lists - 1) % lists
                };
                view.list = ListView::default();
            }
            Some(Action::Open) => {
                if let Some(&entry) = self
                    .library
                    .publications
                    .get(view.publication)
                    .and_then(|p| p.issues.get(view.list.selected))
                    && self.request(entry, Then::Open)
                    && self.pending.is_none()
                {
                    return None;
                }
            }
            Some(Action::Back | Action::Library | Action::Quit) => return None,
            _ => {}
        }
        view.list.keep_in_sight(rows);
        Some(Overlay::Library(view))
    }

    /// Keys while the bookmarks are open.
    fn bookmarks_key(&mut self, mut list: ListView, action: Option<Action>) -> Option<Overlay> {
        let marks: Vec<(String, Bookmark)> = self
            .memory
            .state()
            .bookmarks()
            .into_iter()
            .map(|(key, b)| (key.to_owned(), b.clone()))
            .collect();
        let rows = self.body_rows();
        match action {
            Some(Action::LineUp) => list.step(-1, marks.len()),
            Some(Action::LineDown) => list.step(1, marks.len()),
            Some(Action::Top) => list.selected = 0,
            Some(Action::Bottom) => list.selected = marks.len().saturating_sub(1),
            Some(Action::Open) => {
                if let Some((_, mark)) = marks.get(list.selected) {
                    let key = format!("{} {}", mark.publication, mark.date);
                    match self.library.find(&key) {
                        Some(entry)
                            if self.jump(entry, &mark.page, &mark.article)
                                && self.pending.is_none() =>
                        {
                            return None;
                        }
                        // Read away from the screen: the list stays until
                        // the issue opens.
                        Some(_) if self.pending.is_some() => {}
                        Some(_) => self.message = Some("这篇文章已不在这一期".to_owned()),
                        None => self.message = Some("这一期已不在书架".to_owned()),
                    }
                }
            }
            Some(Action::Bookmark) => {
                if let Some((_, mark)) = marks.get(list.selected) {
                    let issue = format!("{} {}", mark.publication, mark.date);
                    self.memory.toggle_bookmark(&issue, mark.clone());
                    list.step(0, marks.len() - 1);
                }
            }
            Some(Action::Back | Action::Bookmarks | Action::Quit) => return None,
            _ => {}
        }
        list.keep_in_sight(rows);
        Some(Overlay::Bookmarks(list))
    }

    /// Whether the library entry still has a bookmark's issue.
    pub fn bookmark_present(&self, mark: &Bookmark) -> bool {
        self.library
            .find(&format!("{} {}", mark.publication, mark.date))
            .is_some()
    }

    /// Runs the search typed.
    fn run_search(&mut self, view: &mut SearchView) {
        view.editing = false;
        view.query = Query::new(&view.typed);
        view.results.clear();
        view.list = ListView::default();
        view.more = false;
        let Some(query) = view.query.clone() else {
            view.editing = true;
            return;
        };
        let entries: Vec<usize> = match view.scope {
            Scope::Issue => vec![self.entry],
            Scope::Library => self
                .library
                .publications
                .iter()
                .flat_map(|p| p.issues.iter().copied())
                .collect(),
        };
        for entry in entries {
            let Ok(issue) = self.library.open(entry) else {
                continue;
            };
            let left = RESULTS - view.results.len();
            let hits = search::search(&issue, &query, left + 1);
            for hit in hits {
                if view.results.len() == RESULTS {
                    view.more = true;
                    break;
                }
                view.results.push(Found {
                    entry,
                    publication: issue.publication.clone(),
                    date: issue.date,
                    page_label: issue.pages[hit.at.page].label.to_string(),
                    title: issue
                        .article(hit.at)
                        .map_or_else(String::new, |a| a.title.clone()),
                    hit,
                });
            }
            if view.more {
                break;
            }
        }
    }

    /// Opens a search result, its match at the top and highlighted.
    fn open_found(&mut self, found: &Found, query: &Query) {
        if found.entry != self.entry {
            let then = Then::Found {
                found: found.clone(),
                query: query.clone(),
            };
            self.request(found.entry, then);
            return;
        }
        self.pending = None;
        self.found_within(found, query);
    }

    /// Opens a search result of the issue open.
    fn found_within(&mut self, found: &Found, query: &Query) {
        self.open_article(found.hit.at.page, found.hit.at.article);
        self.search = Some(query.clone());
        self.focus = Pane::Article;
        let Some(reader) = &mut self.reader else {
            return;
        };
        let at = found.hit.at;
        let block = reader.blocks.iter().position(|b| {
            b.fragment == at
                && match found.hit.field {
                    Field::Kicker => b.role == Role::Kicker,
                    Field::Title => b.role == Role::Title,
                    Field::Subtitle => b.role == Role::Subtitle,
                    Field::Paragraph(i) => b.role == Role::Paragraph && b.index == i,
                }
        });
        if let Some(block) = block {
            reader.go_to_text(block, found.hit.range.start);
            let height = usize::from(self.geometry.article.height);
            reader.clamp(height);
        }
    }

    /// Keys while searching.
    fn search_key(
        &mut self,
        mut view: SearchView,
        key: Key,
        action: Option<Action>,
    ) -> Option<Overlay> {
        if view.editing {
            match key.code {
                KeyCode::Esc => return None,
                KeyCode::Enter => self.run_search(&mut view),
                KeyCode::Backspace => {
                    view.typed.pop();
                }
                // `//`: a slash first switches to every issue.
                KeyCode::Char('/') if view.typed.is_empty() && view.scope == Scope::Issue => {
                    view.scope = Scope::Library;
                }
                KeyCode::Char(c)
                    if !key.ctrl
                        && !key.alt
                        && !c.is_control()
                        && view.typed.chars().count() < 64 =>
                {
                    view.typed.push(c);
                }
                _ => {}
            }
            return Some(Overlay::Search(view));
        }
        let rows = self.body_rows();
        match action {
            Some(Action::LineUp) => view.list.step(-1, view.results.len()),
            Some(Action::LineDown) => view.list.step(1, view.results.len()),
            Some(Action::ScreenUp) => view
                .list
                .step(-isize::try_from(rows).unwrap_or(1), view.results.len()),
            Some(Action::ScreenDown) => view
                .list
                .step(isize::try_from(rows).unwrap_or(1), view.results.len()),
            Some(Action::Top) => view.list.selected = 0,
            Some(Action::Bottom) => view.list.selected = view.results.len().saturating_sub(1),
            Some(Action::Open) => {
                if let (Some(found), Some(query)) = (
                    view.results.get(view.list.selected).cloned(),
                    view.query.clone(),
                ) {
                    self.open_found(&found, &query);
                    return None;
                }
            }
            Some(Action::Search | Action::SearchLibrary) => view.editing = true,
            Some(Action::Back | Action::Quit) => return None,
            _ => {}
        }
        view.list.keep_in_sight(rows / 2);
        Some(Overlay::Search(view))
    }

    fn key(&mut self, key: Key) -> Effect {
        let action = self.keymap.action(key);
        if let Some(overlay) = self.overlay.take() {
            // Ctrl-C quits and Ctrl-Z suspends from anywhere; other keys
            // belong to the view.
            if action == Some(Action::Quit) && key.ctrl {
                return Effect::Quit;
            }
            if action == Some(Action::Suspend) {
                self.overlay = Some(overlay);
                return Effect::Suspend;
            }
            self.overlay = match overlay {
                Overlay::Help { scroll } => {
                    let screen = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
                    let lines = self
                        .keymap
                        .bindings()
                        .filter(|(_, keys)| !keys.is_empty())
                        .count();
                    let max = geometry::HelpFrame::new(screen, lines).map_or(0, |f| f.max_scroll());
                    match action {
                        Some(Action::Help | Action::Back | Action::Quit) => None,
                        Some(Action::LineDown | Action::ScreenDown | Action::HalfDown) => {
                            Some(Overlay::Help {
                                scroll: (scroll + 1).min(max),
                            })
                        }
                        Some(Action::LineUp | Action::ScreenUp | Action::HalfUp) => {
                            Some(Overlay::Help {
                                scroll: scroll.saturating_sub(1),
                            })
                        }
                        _ => Some(Overlay::Help { scroll }),
                    }
                }
                Overlay::Library(view) => self.library_key(view, action),
                Overlay::Bookmarks(list) => self.bookmarks_key(list, action),
                Overlay::Search(view) => self.search_key(view, key, action),
            };
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
        if self.overlay.is_some() {
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

    fn click(&mut self, x: u16, y: u16) {
        if self.overlay.is_some() {
            return;
        }
        match self.geometry.pane_at(x, y) {
            Some(Pane::Pages) => {
                let Some(area) = self.geometry.pages else {
                    return;
                };
                // The heading row above the list opens nothing.
                let Some(row) = y.checked_sub(area.y) else {
                    self.focus = Pane::Pages;
                    return;
                };
                let index = self.pages_view.top + usize::from(row);
                if let Some(PagesEntry::Page(page)) = self.pages_view.entries.get(index).copied() {
                    self.focus = Pane::Pages;
                    self.open_page(page);
                }
            }
            Some(Pane::Headlines) => {
                let Some(area) = self.geometry.headlines else {
                    return;
                };
                let Some(row) = y.checked_sub(area.y) else {
                    self.focus = Pane::Headlines;
                    return;
                };
                let row = usize::from(row);
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

    /// Recomputes what depends on the size and settings, places the rows
    /// that show, and notes where reading is and what has been read.
    fn refresh(&mut self) {
        self.geometry = Geometry::new(self.size.0, self.size.1, self.zoom, self.focus_mode);
        if !self.panes().contains(&self.focus) {
            self.focus = Pane::Article;
        }
        let options = self.layout_options();
        let height = self.article_height();
        let mut at_end = false;
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
        let Some(area) = self.geometry.headlines else {
            self.headlines_view.rows.clear();
            return;
        };
        let height = usize::from(area.height);
        let width = usize::from(area.width).saturating_sub(2).max(1);
        let count = self.article_count(self.page);
        let key = HeadlinesKey {
            entry: self.entry,
            page: self.page,
            width,
            ambiguous: self.settings.ambiguous,
            punctuation: self.settings.punctuation,
        };
        let issue = Arc::clone(&self.issue);
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

    /// Handles one input. The only place state changes.
    pub fn update(&mut self, input: Input) -> Effect {
        let effect = match input {
            Input::Key(key) if key.code == KeyCode::Esc && self.pending.is_some() => {
                // Esc gives up the issue being read; the one open stays.
                // A read that hangs (a disk gone away) no longer holds up
                // the next one.
                self.pending = None;
                self.in_flight = None;
                self.message = Some("已取消打开".to_owned());
                if !self.has_issue() && self.overlay.is_none() {
                    self.overlay = Some(Overlay::Library(LibraryView::default()));
                }
                Effect::None
            }
            Input::Key(key) => {
                self.message = None;
                self.lists_follow = true;
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
            Input::Click { .. } if self.overlay.is_some() => Effect::None,
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

/// The newest issue of the next later (or earlier) month with issues, in a
/// list of entries newest first.
fn month_step(library: &Library, issues: &[usize], selected: usize, later: bool) -> Option<usize> {
    let month = |i: usize| {
        let date = library.entries[issues[i]].header.as_ref().ok()?.date;
        Some((date.year(), date.month()))
    };
    let current = month(selected)?;
    let target = (0..issues.len())
        .filter_map(|i| month(i).map(|m| (m, i)))
        .filter(|(m, _)| if later { *m > current } else { *m < current })
        .map(|(m, _)| m)
        .reduce(|a, b| if later { a.min(b) } else { a.max(b) })?;
    (0..issues.len()).find(|&i| month(i) == Some(target))
}

/// The issue shown before any is opened: never drawn with content, since
/// an empty library opens 往期阅读.
fn empty_issue() -> Issue {
    Issue {
        format: crate::model::FORMAT,
        publication: String::new(),
        date: crate::model::Date::FIRST,
        edition: None,
        source: None,
        sections: Vec::new(),
        pages: vec![crate::model::Page {
            label: crate::model::PageLabel("01".to_owned()),
            name: String::new(),
            section: None,
            articles: Vec::new(),
        }],
    }
}
