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
        let mut clock = Clock::default();
        clock.observe(state.latest());
        Memory {
            state,
            unsaved: false,
            clock,
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
        self.clock.observe(merged.latest());
        self.state = merged;
        self.unsaved = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISSUE: &str = "人民日报 2024-12-01";

    fn mark() -> Bookmark {
        Bookmark {
            publication: "人民日报".into(),
            date: "2024-12-01".into(),
            page: "01".into(),
            article: "01-1".into(),
            title: "标题".into(),
        }
    }

    #[test]
    fn a_change_after_a_value_stamped_ahead_of_the_clock_wins() {
        // Another machine, its clock a day ahead, bookmarked an article and
        // marked another read.
        let day = 24 * 60 * 60 * 1000;
        let mut ahead = Clock::default();
        ahead.observe(Clock::default().now() + day);
        let mut disk = ReadingState::default();
        disk.toggle_bookmark(ISSUE, mark(), &mut ahead);
        disk.set_read(ISSUE, "01-2", true, &mut ahead);
        // Here the user sees both and undoes them.
        let mut memory = Memory::new(disk.clone());
        assert!(!memory.toggle_bookmark(ISSUE, mark()), "removed");
        memory.set_read(ISSUE, "01-2", false);
        // Saving merges with the file, which still says otherwise.
        let mut merged = memory.state().clone();
        merged.merge(&disk);
        assert!(!merged.is_bookmarked(ISSUE, "01-1"), "the removal stands");
        assert!(!merged.is_read(ISSUE, "01-2"), "the unmark stands");
        // And after a save that took in a later stamp, the next change is
        // later still.
        let mut later = ReadingState::default();
        later.toggle_bookmark(ISSUE, mark(), &mut ahead);
        memory.saved(later.clone());
        memory.toggle_bookmark(ISSUE, mark());
        let mut merged = memory.state().clone();
        merged.merge(&later);
        assert!(!merged.is_bookmarked(ISSUE, "01-1"));
    }
}
