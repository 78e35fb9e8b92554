//! What the reader is showing and how it changes: `State`, every input
//! (`Input`), and `update`, the one place state changes.
//!
//! Knows the model and the layout engine, and nothing of how the screen is
//! drawn: `ui` reads `State` and draws it; `tui` turns terminal events
//! into `Input`. Everything `render` needs, `update` has computed: the
//! geometry, the rows of the article and of the lists.
//!
//! The reader is always in one [`Mode`] (reading, help, 往期阅读, …); each
//! mode's keys are a table of the keymap, and each mode's state and key
//! handling are in one file of `modes/`. Around them: `loading` (opening
//! issues, away from the screen), `navigate` (pages, articles, issues),
//! `mouse`, and `place` (what shows after each change).

pub mod geometry;
mod invariants;
pub mod keymap;
pub mod lists;
mod loading;
pub mod memory;
pub mod modes;
mod mouse;
pub mod nav;
mod navigate;
pub mod photos;
pub mod pictures;
mod place;
pub mod reading;

use std::sync::Arc;

use crate::layout::{Ambiguous, DEFAULT_INDENT, Punctuation};
use crate::library::Library;
use crate::library::search::Query;
use crate::library::store::ReadingState;
use crate::model::{ArticleRef, Issue};
pub use geometry::{Geometry, Pane, Zoom};
pub use keymap::{Action, Key, KeyCode, Keymap, Mode};
pub use lists::{HeadlineRow, PagesEntry};
pub use loading::{Background, Loading};
use memory::Memory;
use modes::Overlay;
use modes::help::HelpView;
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
    /// How pictures are drawn; none when they are not.
    pub graphics: Option<crate::pictures::Graphics>,
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
            graphics: None,
        }
    }
}

/// Everything the user does, and everything the reader is told, as the
/// app sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// Something the user should know, for the bottom bar (the reading
    /// state could not be saved, a config warning).
    Notice(String),
    /// The painter measured or drew a picture.
    Picture(crate::pictures::Got),
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
    key: Option<place::HeadlinesKey>,
    items: std::collections::HashMap<usize, Vec<HeadlineRow>>,
}

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

/// The reader's whole state. Its fields are private: `update` is the one
/// writer, and `ui` reads through the methods below.
#[derive(Debug)]
pub struct State {
    library: Library,
    /// The library entry of the issue open.
    entry: usize,
    /// The issue open; none when no file of the library could be opened.
    issue: Option<Arc<Issue>>,
    page: usize,
    /// The headline selected on the page.
    selected: usize,
    /// The fragment opened, which the article pane shows the story of.
    opened: Option<ArticleRef>,
    reader: Option<Reader>,
    /// Stories read before, with their layout, most recent last.
    recent: Vec<Reader>,
    focus: Pane,
    zoom: Zoom,
    focus_mode: bool,
    /// 往期阅读, the bookmarks or search, over the reader.
    overlay: Option<Overlay>,
    /// The help, over whatever mode it tells the keys of.
    help: Option<HelpView>,
    /// Where the help's lines go, wrapped, while it is open: placed by
    /// `update` for `ui` to draw.
    help_frame: Option<geometry::HelpFrame>,
    /// A page label being typed, to go to with Enter.
    goto: Option<String>,
    /// Pictures asked for and drawn.
    pictures: pictures::Shelf,
    /// The page map as placed for `ui`, while it is open.
    map_frame: Option<modes::map::MapFrame>,
    /// The article's photos on screen, placed for `ui`.
    photo_frames: Vec<photos::PhotoFrame>,
    /// A picture of the story shown alone, and where it goes.
    viewer: Option<photos::PictureView>,
    viewer_frame: Option<photos::PhotoFrame>,
    /// A one-line message for the bottom bar, until the next key.
    message: Option<String>,
    /// What work in the background is doing, for the bottom bar while it
    /// runs.
    background: Option<String>,
    settings: Settings,
    keymap: Keymap,
    size: (u16, u16),
    geometry: Geometry,
    pages_view: PagesView,
    headlines_view: HeadlinesView,
    /// What is remembered of reading.
    memory: Memory,
    /// The search whose matches the article shows and `n` steps through.
    search: Option<Query>,
    /// Which match of the search `n`/`N` is at, of how many in the story.
    match_at: Option<(usize, usize)>,
    /// How issues not in memory are read.
    load_mode: Loading,
    /// The issue being read, when one is.
    pending: Option<loading::Pending>,
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
    /// The library's search index, where there is a cache folder for it.
    search_index: Option<crate::library::fulltext::Index>,
    /// A library search asked for, until the runner takes it.
    search_job: Option<modes::search::SearchJob>,
    /// What stops the library search running.
    search_stop: Option<Arc<std::sync::atomic::AtomicBool>>,
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
        let state = State::unopened(library, reading, settings, keymap, size);
        state.opening(start, Loading::Inline)
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
        let state = State::unopened(library, reading, settings, keymap, size);
        state.opening(start, Loading::Background)
    }

    /// The state reading issues so, opening the first it can.
    fn opening(mut self, start: Option<usize>, load_mode: Loading) -> State {
        self.load_mode = load_mode;
        self.open_first(&self.wanted(start));
        self
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
            issue: None,
            page: 0,
            selected: 0,
            opened: None,
            reader: None,
            recent: Vec::new(),
            focus: Pane::Article,
            zoom: settings.zoom,
            focus_mode: false,
            overlay: None,
            help: None,
            help_frame: None,
            goto: None,
            pictures: pictures::Shelf::new(settings.graphics),
            map_frame: None,
            photo_frames: Vec::new(),
            viewer: None,
            viewer_frame: None,
            message: None,
            settings,
            keymap,
            size,
            geometry: Geometry::default(),
            pages_view: PagesView::default(),
            headlines_view: HeadlinesView::default(),
            memory: Memory::new(reading),
            search: None,
            match_at: None,
            background: None,
            end_on_screen: false,
            lists_follow: true,
            load_mode: Loading::Inline,
            pending: None,
            tickets: 0,
            in_flight: None,
            search_index: None,
            search_job: None,
            search_stop: None,
        }
    }

    // What `ui` and the runner read.

    pub fn library(&self) -> &Library {
        &self.library
    }

    /// The library entry of the issue open.
    pub fn entry(&self) -> usize {
        self.entry
    }

    /// The issue open, if one is.
    pub fn issue(&self) -> Option<&Arc<Issue>> {
        self.issue.as_ref()
    }

    /// Whether an issue is open: none is when no file of the library
    /// could be opened.
    pub fn has_issue(&self) -> bool {
        self.issue.is_some()
    }

    pub fn page(&self) -> usize {
        self.page
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn opened(&self) -> Option<ArticleRef> {
        self.opened
    }

    pub fn reader(&self) -> Option<&Reader> {
        self.reader.as_ref()
    }

    pub fn focus(&self) -> Pane {
        self.focus
    }

    pub fn zoom(&self) -> Zoom {
        self.zoom
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    pub fn help(&self) -> Option<&HelpView> {
        self.help.as_ref()
    }

    /// The help's box and its wrapped lines, while it is open.
    pub fn help_frame(&self) -> Option<&geometry::HelpFrame> {
        self.help_frame.as_ref()
    }

    pub fn pictures(&self) -> &pictures::Shelf {
        &self.pictures
    }

    /// What the runner is to pass to the painter.
    pub fn picture_jobs(&mut self) -> Vec<crate::pictures::Job> {
        self.pictures.jobs()
    }

    /// The page map as placed, while it is open.
    pub fn map_frame(&self) -> Option<&modes::map::MapFrame> {
        self.map_frame.as_ref()
    }

    /// The article's photos on screen.
    pub fn photo_frames(&self) -> &[photos::PhotoFrame] {
        &self.photo_frames
    }

    /// The picture shown alone, while one is.
    pub fn viewer_frame(&self) -> Option<&photos::PhotoFrame> {
        self.viewer_frame.as_ref()
    }

    /// The file the issue open was read from, if it was read from one.
    pub fn issue_file(&self) -> Option<std::path::PathBuf> {
        match &self.library.entries.get(self.entry)?.source {
            crate::library::Source::File(path) => Some(path.clone()),
            crate::library::Source::Sample(_) => None,
        }
    }

    /// The page label being typed.
    pub fn goto(&self) -> Option<&str> {
        self.goto.as_deref()
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub fn background_status(&self) -> Option<&str> {
        self.background.as_deref()
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    pub fn geometry(&self) -> &Geometry {
        &self.geometry
    }

    pub fn pages_view(&self) -> &PagesView {
        &self.pages_view
    }

    pub fn headlines_view(&self) -> &HeadlinesView {
        &self.headlines_view
    }

    pub fn memory(&self) -> &Memory {
        &self.memory
    }

    /// What is remembered, for the runner to save; saving changes nothing
    /// the screen shows.
    pub fn memory_mut(&mut self) -> &mut Memory {
        &mut self.memory
    }

    pub fn search(&self) -> Option<&Query> {
        self.search.as_ref()
    }

    /// Which match of the search the reader is at, of how many.
    pub fn match_at(&self) -> Option<(usize, usize)> {
        self.match_at
    }

    /// Whether the end of the story open is on screen.
    pub fn at_end(&self) -> bool {
        self.end_on_screen
    }

    /// What the keys do now.
    pub fn mode(&self) -> Mode {
        if self.help.is_some() {
            return Mode::Help;
        }
        if self.viewer.is_some() {
            return Mode::Picture;
        }
        match &self.overlay {
            Some(Overlay::Library(_)) => Mode::Library,
            Some(Overlay::Bookmarks(_)) => Mode::Bookmarks,
            Some(Overlay::Search(view)) if view.editing => Mode::SearchInput,
            Some(Overlay::Search(_)) => Mode::SearchResults,
            Some(Overlay::Map(_)) => Mode::PageMap,
            None if self.goto.is_some() => Mode::PageLabel,
            None => Mode::Reading,
        }
    }

    /// The reading-state key of the issue open.
    pub fn issue_key(&self) -> String {
        self.issue
            .as_ref()
            .map(|issue| crate::library::issue_key(&issue.publication, issue.date))
            .unwrap_or_default()
    }

    /// Whether the article at `at` of the issue open has been read.
    pub fn is_read(&self, at: ArticleRef) -> bool {
        self.issue.as_ref().is_some_and(|issue| {
            self.memory
                .state()
                .is_read(&self.issue_key(), &article_key(issue, at))
        })
    }

    /// Whether the article at `at` of the issue open is bookmarked.
    pub fn is_bookmarked(&self, at: ArticleRef) -> bool {
        self.issue.as_ref().is_some_and(|issue| {
            self.memory
                .state()
                .is_bookmarked(&self.issue_key(), &article_key(issue, at))
        })
    }

    /// Whether the library still has a bookmark's issue.
    pub fn bookmark_present(&self, mark: &crate::library::store::Bookmark) -> bool {
        self.library
            .find(&format!("{} {}", mark.publication, mark.date))
            .is_some()
    }

    /// Says on the bottom bar how many files of the library cannot be read.
    fn say_failures(&mut self) {
        let failures = self.library.failures().count();
        if failures > 0 && self.message.is_none() {
            self.message = Some(format!("{failures} 个文件无法打开；按 i 往期阅读查看"));
        }
    }

    fn say(&mut self, message: impl Into<String>) {
        self.message = Some(message.into());
    }

    /// Handles one key in the mode it is pressed in.
    fn key(&mut self, key: Key) -> Effect {
        // Ctrl-C quits from every mode, whatever the config binds.
        if key == keymap::ALWAYS_QUITS {
            return Effect::Quit;
        }
        let mode = self.mode();
        let action = self.keymap.action(mode, key);
        match action {
            Some(Action::Suspend) => return Effect::Suspend,
            Some(Action::Help) if mode != Mode::Help => {
                self.help = Some(HelpView::over(mode));
                return Effect::None;
            }
            _ => {}
        }
        match mode {
            Mode::Reading => return self.reading_key(key, action),
            Mode::PageLabel => return self.label_key(key, action),
            Mode::Library => return self.library_key(action),
            Mode::PageMap => return self.map_key(action),
            Mode::Picture => self.picture_key(action),
            Mode::Help => self.help_key(action),
            Mode::Bookmarks => self.bookmarks_key(action),
            Mode::SearchInput => self.search_input_key(key, action),
            Mode::SearchResults => self.search_results_key(action),
        }
        Effect::None
    }

    /// Handles one input. The only place state changes.
    pub fn update(&mut self, input: Input) -> Effect {
        let effect = match input {
            Input::Key(key) if key.code == KeyCode::Esc && self.pending.is_some() => {
                self.cancel_load();
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
            Input::Click { x, y } => {
                self.click(x, y);
                Effect::None
            }
            Input::AmbiguousWidth(ambiguous) => {
                self.settings.ambiguous = ambiguous;
                Effect::None
            }
            Input::Notice(text) => {
                self.message = Some(text);
                Effect::None
            }
            Input::Picture(got) => {
                self.pictures.got(got);
                Effect::None
            }
        };
        self.stop_unseen_search();
        self.refresh();
        effect
    }

    /// Library searches use the index in `index`.
    pub fn set_search_index(&mut self, index: Option<crate::library::fulltext::Index>) {
        self.search_index = index;
    }

    /// Places everything for the first frame.
    pub fn start(&mut self) {
        self.refresh();
    }
}
