//! The modes over reading, one file each with its state, its keys and
//! what it does: the help, 往期阅读 (the library by date), the bookmarks,
//! search (its query line and its results), and a page label being typed.
//! Their keys are their tables in the keymap; `ui` draws each.

pub mod bookmarks;
pub mod help;
pub mod label;
pub mod library;
pub mod map;
pub mod search;

pub use bookmarks::BookmarksView;
pub use library::LibraryView;
pub use search::SearchView;

/// The view over the reader, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Library(LibraryView),
    Bookmarks(BookmarksView),
    Search(SearchView),
    /// The page map (版面图).
    Map(map::MapView),
}
