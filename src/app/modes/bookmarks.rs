//! The bookmarks (收藏夹): every article bookmarked, in every issue, newest
//! first; opening one opens its issue at it.

use crate::app::State;
use crate::app::keymap::Action;
use crate::app::modes::Overlay;
use crate::app::nav::ListView;
use crate::library::store::Bookmark;

/// The bookmarks open: the one selected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BookmarksView {
    pub list: ListView,
}

impl State {
    /// The keys of the bookmarks.
    pub(crate) fn bookmarks_key(&mut self, action: Option<Action>) {
        let Some(Overlay::Bookmarks(mut view)) = self.overlay.take() else {
            return;
        };
        let marks: Vec<Bookmark> = self
            .memory
            .state()
            .bookmarks()
            .into_iter()
            .map(|(_, b)| b.clone())
            .collect();
        let rows = self.body_rows();
        let Some(action) = action else {
            self.overlay = Some(Overlay::Bookmarks(view));
            return;
        };
        if view.list.navigate(action, marks.len(), rows) {
            self.overlay = Some(Overlay::Bookmarks(view));
            return;
        }
        match action {
            Action::Open => {
                if let Some(mark) = marks.get(view.list.selected) {
                    let key = format!("{} {}", mark.publication, mark.date);
                    match self.library.find(&key) {
                        Some(entry)
                            if self.jump(entry, &mark.page, &mark.article)
                                && self.pending.is_none() =>
                        {
                            return;
                        }
                        // Read away from the screen: the list stays until
                        // the issue opens.
                        Some(_) if self.pending.is_some() => {}
                        Some(_) => self.say("这篇文章已不在这一期"),
                        None => self.say("这一期已不在书架"),
                    }
                }
            }
            Action::Bookmark => {
                if let Some(mark) = marks.get(view.list.selected) {
                    let issue = format!("{} {}", mark.publication, mark.date);
                    self.memory.toggle_bookmark(&issue, mark.clone());
                    view.list.clamp(marks.len() - 1);
                    self.say("已取消收藏");
                }
            }
            Action::Close | Action::Bookmarks => return,
            _ => {}
        }
        view.list.keep_in_sight(rows);
        self.overlay = Some(Overlay::Bookmarks(view));
    }
}
