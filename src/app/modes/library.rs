//! 往期阅读: a paper's issues by month, newest first, with the files that
//! could not be read as a list of their own; and its keys.

use crate::app::keymap::Action;
use crate::app::loading::Then;
use crate::app::modes::Overlay;
use crate::app::nav::ListView;
use crate::app::{Effect, State};
use crate::library::Library;

/// 往期阅读: the publication shown, and the issue selected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LibraryView {
    /// The publication shown; one past the last is the files that could
    /// not be listed, when there are any.
    pub publication: usize,
    pub list: ListView,
}

impl State {
    /// 往期阅读, at the issue open.
    pub(crate) fn open_library(&mut self) {
        let mut view = LibraryView::default();
        if let Some((publication, at)) = self.library.place(self.entry) {
            view.publication = publication;
            view.list.selected = at;
        }
        self.overlay = Some(Overlay::Library(view));
    }

    /// The keys of 往期阅读.
    pub(crate) fn library_key(&mut self, action: Option<Action>) -> Effect {
        let Some(Overlay::Library(mut view)) = self.overlay.take() else {
            return Effect::None;
        };
        let publications = self.library.publications.len();
        let failures = self.library.failures().count();
        let lists = publications + usize::from(failures > 0);
        let len = match self.library.publications.get(view.publication) {
            Some(p) => p.issues.len(),
            None => failures,
        };
        let rows = self.body_rows();
        let Some(action) = action else {
            self.overlay = Some(Overlay::Library(view));
            return Effect::None;
        };
        if view.list.navigate(action, len, rows) {
            self.overlay = Some(Overlay::Library(view));
            return Effect::None;
        }
        match action {
            Action::PrevMonth | Action::NextMonth => {
                if let Some(publication) = self.library.publications.get(view.publication)
                    && let Some(at) = month_step(
                        &self.library,
                        &publication.issues,
                        view.list.selected,
                        action == Action::NextMonth,
                    )
                {
                    view.list.selected = at;
                }
            }
            Action::NextPaper | Action::PrevPaper if lists > 0 => {
                view.publication = if action == Action::NextPaper {
                    (view.publication + 1) % lists
                } else {
                    (view.publication + lists - 1) % lists
                };
                view.list = ListView::default();
            }
            Action::Open => {
                if let Some(&entry) = self
                    .library
                    .publications
                    .get(view.publication)
                    .and_then(|p| p.issues.get(view.list.selected))
                    && self.request(entry, Then::Open)
                    && self.pending.is_none()
                {
                    return Effect::None;
                }
            }
            // With no issue open there is nothing to go back to: back
            // leaves the reader.
            Action::Close if !self.has_issue() => return Effect::Quit,
            Action::Close | Action::Library if self.has_issue() => return Effect::None,
            _ => {}
        }
        view.list.keep_in_sight(rows);
        self.overlay = Some(Overlay::Library(view));
        Effect::None
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
