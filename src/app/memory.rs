//! What the reader remembers of reading, and whether that has changed since
//! it was last saved.

use crate::library::store::{Bookmark, Clock, Place, ReadingState};

#[derive(Debug, Default)]
pub struct Memory {
    state: ReadingState,
    /// Changed since loaded or last saved.
    unsaved: bool,
    clock: Clock,
}

impl Memory {
    pub fn new(state: ReadingState) -> Memory {
        Memory {
            state,
            unsaved: false,
            clock: Clock::default(),
        }
    }

    pub fn state(&self) -> &ReadingState {
        &self.state
    }

    /// Whether there are changes not yet saved.
    pub fn unsaved(&self) -> bool {
        self.unsaved
    }

    pub fn set_read(&mut self, issue: &str, article: &str, read: bool) {
        self.unsaved |= self.state.set_read(issue, article, read, &mut self.clock);
    }

    pub fn set_place(&mut self, issue: &str, place: Place) {
        self.unsaved |= self.state.set_place(issue, place, &mut self.clock);
    }

    /// Adds the bookmark, or takes it away if there; true if added.
    pub fn toggle_bookmark(&mut self, issue: &str, bookmark: Bookmark) -> bool {
        self.unsaved = true;
        self.state.toggle_bookmark(issue, bookmark, &mut self.clock)
    }

    /// Takes the state a save wrote, which merged in other processes'
    /// changes.
    pub fn saved(&mut self, merged: ReadingState) {
        self.state = merged;
        self.unsaved = false;
    }
}
