//! One way of moving through a list, for every list of the reader: the
//! pages, the headlines, 往期阅读, the bookmarks, the search results and
//! the help's lines all move by the same actions the same distances.

use super::keymap::Action;

/// Where a cursor at `at` in a list of `len` goes for `action`, when
/// `rows` entries show at once; `None` when the action does not move
/// through lists.
pub fn target(action: Action, at: usize, len: usize, rows: usize) -> Option<usize> {
    let rows = rows.max(1);
    let half = (rows / 2).max(1);
    let last = len.saturating_sub(1);
    let to = match action {
        Action::LineUp => at.saturating_sub(1),
        Action::LineDown => at + 1,
        Action::ScreenUp => at.saturating_sub(rows),
        Action::ScreenDown => at + rows,
        Action::HalfUp => at.saturating_sub(half),
        Action::HalfDown => at + half,
        Action::Top => 0,
        Action::Bottom => last,
        _ => return None,
    };
    Some(to.min(last))
}

/// A list with a selection and the first row shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListView {
    pub selected: usize,
    pub top: usize,
}

impl ListView {
    /// Moves the selection for `action` in a list of `len` entries of which
    /// `rows` show, keeping it in sight; false when the action is not a
    /// movement.
    pub fn navigate(&mut self, action: Action, len: usize, rows: usize) -> bool {
        let Some(to) = target(action, self.selected, len, rows) else {
            return false;
        };
        self.selected = to;
        self.keep_in_sight(rows);
        true
    }

    /// Keeps the selection within `len` entries and within `rows` rows of
    /// the top.
    pub fn keep_in_sight(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + rows {
            self.top = self.selected + 1 - rows;
        }
    }

    /// After entries went away: the selection within the `len` left.
    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
        self.top = self.top.min(self.selected);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_movement_goes_as_far_in_every_list() {
        let cases = [
            (Action::LineDown, 3, 4),
            (Action::LineUp, 3, 2),
            (Action::LineUp, 0, 0),
            (Action::ScreenDown, 3, 13),
            (Action::ScreenUp, 13, 3),
            (Action::ScreenUp, 5, 0),
            (Action::HalfDown, 3, 8),
            (Action::HalfUp, 8, 3),
            (Action::Top, 17, 0),
            (Action::Bottom, 3, 19),
            (Action::ScreenDown, 15, 19),
        ];
        for (action, at, to) in cases {
            assert_eq!(target(action, at, 20, 10), Some(to), "{action:?} from {at}");
        }
        assert_eq!(target(Action::Open, 3, 20, 10), None);
        assert_eq!(target(Action::Bottom, 0, 0, 10), Some(0));
    }

    #[test]
    fn a_list_keeps_its_selection_in_sight() {
        let mut list = ListView::default();
        assert!(list.navigate(Action::Bottom, 5, 3));
        assert_eq!((list.selected, list.top), (4, 2));
        assert!(list.navigate(Action::ScreenUp, 5, 3));
        assert_eq!((list.selected, list.top), (1, 1));
        assert!(!list.navigate(Action::Open, 5, 3));
        list.clamp(1);
        assert_eq!((list.selected, list.top), (0, 0));
    }
}
