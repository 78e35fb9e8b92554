//! The views over the reader: help, 往期阅读 (the library by date), the
//! bookmarks, and search. Each is its state here; `State` routes keys to
//! the one open and `ui` draws it.

use crate::library::search::{Hit, Query};
use crate::model::Date;

/// The view over the reader, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help { scroll: usize },
    Library(LibraryView),
    Bookmarks(ListView),
    Search(SearchView),
}

/// A list with a selection and the first row shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListView {
    pub selected: usize,
    pub top: usize,
}

impl ListView {
    /// Moves the selection by `delta` within `len` entries.
    pub fn step(&mut self, delta: isize, len: usize) {
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(len.saturating_sub(1));
    }

    /// Keeps the selection within `rows` rows of the top.
    pub fn keep_in_sight(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + rows {
            self.top = self.selected + 1 - rows;
        }
    }
}

/// 往期阅读: a publication's issues by month, and the one selected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LibraryView {
    /// The publication shown; one past the last is the files that could
    /// not be listed, when there are any.
    pub publication: usize,
    pub list: ListView,
}

/// Where a search looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Issue,
    Library,
}

/// A match found, in which issue of the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub entry: usize,
    pub publication: String,
    pub date: Date,
    pub page_label: String,
    pub title: String,
    pub hit: Hit,
}

/// The query line and its results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchView {
    pub scope: Scope,
    pub typed: String,
    /// The query line has the keyboard.
    pub editing: bool,
    pub query: Option<Query>,
    pub results: Vec<Found>,
    /// Results were cut at the limit.
    pub more: bool,
    pub list: ListView,
}

impl SearchView {
    pub fn new(scope: Scope) -> SearchView {
        SearchView {
            scope,
            typed: String::new(),
            editing: true,
            query: None,
            results: Vec::new(),
            more: false,
            list: ListView::default(),
        }
    }
}

/// Results kept from one search.
pub const RESULTS: usize = 500;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_keeps_its_selection_in_sight() {
        let mut list = ListView::default();
        list.step(10, 5);
        assert_eq!(list.selected, 4);
        list.keep_in_sight(3);
        assert_eq!(list.top, 2);
        list.step(-10, 5);
        list.keep_in_sight(3);
        assert_eq!((list.selected, list.top), (0, 0));
    }
}
