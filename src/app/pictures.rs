//! The pictures the reader shows: where an issue's pictures are, their
//! sizes once measured, and the encodings the painter has sent back for
//! the screen. `update` says what the screen wants; the runner passes the
//! jobs to the painter's thread and its answers back as
//! [`Input::Picture`](super::Input::Picture).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::pictures::{Drawn, Got, Graphics, Job, Want};

/// A picture as the screen has it now.
#[derive(Debug, Clone, Copy)]
pub enum Shown<'a> {
    /// Encoded for this terminal: draw it.
    Drawn(&'a Arc<Drawn>),
    /// Being read or drawn.
    Coming,
    /// Cannot be shown: a URL (pictures are read from disk only), a
    /// missing file, one that is not a picture.
    Not(&'a str),
}

impl PartialEq for Shown<'_> {
    fn eq(&self, other: &Shown<'_>) -> bool {
        match (self, other) {
            (Shown::Drawn(a), Shown::Drawn(b)) => Arc::ptr_eq(a, b),
            (Shown::Coming, Shown::Coming) => true,
            (Shown::Not(a), Shown::Not(b)) => a == b,
            _ => false,
        }
    }
}

/// Pictures asked for and got.
#[derive(Debug, Default)]
pub struct Shelf {
    /// How pictures are drawn; none when they are not.
    pub graphics: Option<Graphics>,
    sizes: HashMap<PathBuf, Result<(u32, u32), String>>,
    measuring: HashSet<PathBuf>,
    drawn: HashMap<Want, Result<Arc<Drawn>, String>>,
    /// What the screen shows now, as last sent.
    screen: Vec<Want>,
    outbox: Vec<Job>,
}

/// Encodings kept beyond the screen's, for flipping back.
const KEPT: usize = 8;

impl Shelf {
    pub fn new(graphics: Option<Graphics>) -> Shelf {
        Shelf {
            graphics,
            ..Shelf::default()
        }
    }

    /// The size of the picture at `path`, once measured; asks for it the
    /// first time.
    pub fn size(&mut self, path: &Path) -> Option<Result<(u32, u32), &str>> {
        if let Some(size) = self.sizes.get(path) {
            return Some(size.as_ref().map(|s| *s).map_err(String::as_str));
        }
        if self.graphics.is_some() && self.measuring.insert(path.to_owned()) {
            self.outbox.push(Job::Measure(path.to_owned()));
        }
        None
    }

    /// The size of the picture at `path`, if measured.
    pub fn known_size(&self, path: &Path) -> Option<(u32, u32)> {
        self.sizes.get(path).and_then(|s| s.as_ref().ok()).copied()
    }

    /// Says what the screen shows; asks for what is new.
    pub fn want(&mut self, screen: Vec<Want>) {
        if screen == self.screen || self.graphics.is_none() {
            return;
        }
        let new: Vec<Want> = screen
            .iter()
            .filter(|w| !self.drawn.contains_key(w))
            .cloned()
            .collect();
        if !new.is_empty() || !self.screen.is_empty() {
            self.outbox.push(Job::Screen(new));
        }
        self.screen = screen;
        if self.drawn.len() > self.screen.len() + KEPT {
            let screen = &self.screen;
            self.drawn.retain(|want, _| screen.contains(want));
        }
    }

    /// How `want` shows now.
    pub fn shown(&self, want: &Want) -> Shown<'_> {
        match self.drawn.get(want) {
            Some(Ok(drawn)) => Shown::Drawn(drawn),
            Some(Err(reason)) => Shown::Not(reason),
            None => match self.sizes.get(&want.path) {
                Some(Err(reason)) => Shown::Not(reason),
                _ => Shown::Coming,
            },
        }
    }

    /// An answer of the painter.
    pub fn got(&mut self, got: Got) {
        match got {
            Got::Size { path, size } => {
                self.measuring.remove(&path);
                self.sizes.insert(path, size);
            }
            Got::Drawn { want, drawn } => {
                self.drawn.insert(want, drawn);
            }
        }
    }

    /// Whether pictures asked for have not come yet.
    pub fn waiting(&self) -> bool {
        !self.measuring.is_empty() || self.screen.iter().any(|w| !self.drawn.contains_key(w))
    }

    /// The jobs for the painter since last asked.
    pub fn jobs(&mut self) -> Vec<Job> {
        std::mem::take(&mut self.outbox)
    }
}

/// Where the picture `src` of an issue read from `issue_file` is on disk:
/// beside the issue for a relative path. A URL is not read: the reader
/// works offline, and `fetch` brings pictures down with the issue.
pub fn picture_path(issue_file: Option<&Path>, src: &str) -> Option<PathBuf> {
    let src = src.trim();
    if src.is_empty() || src.contains("://") || src.starts_with("data:") {
        return None;
    }
    let path = Path::new(src);
    if path.is_absolute() {
        return Some(path.to_owned());
    }
    Some(issue_file?.parent()?.join(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_are_found_beside_the_issue_and_urls_are_not_read() {
        let issue = Path::new("/lib/rmrb/2025-01-01.json");
        assert_eq!(
            picture_path(Some(issue), "2025-01-01.pictures/a.jpg"),
            Some(PathBuf::from("/lib/rmrb/2025-01-01.pictures/a.jpg"))
        );
        assert_eq!(picture_path(Some(issue), "https://x.cn/a.jpg"), None);
        assert_eq!(picture_path(Some(issue), ""), None);
        // A sample has no folder: only an absolute path is found.
        assert_eq!(picture_path(None, "a.jpg"), None);
        assert_eq!(
            picture_path(None, "/tmp/a.jpg"),
            Some(PathBuf::from("/tmp/a.jpg"))
        );
    }

    #[test]
    fn a_screen_asks_only_for_what_it_has_not_got() {
        let mut shelf = Shelf::new(Some(Graphics::halfblocks()));
        let want = Want::whole(PathBuf::from("/a.png"), (10, 5));
        shelf.want(vec![want.clone()]);
        assert!(matches!(&shelf.jobs()[..], [Job::Screen(w)] if w == &vec![want.clone()]));
        assert_eq!(shelf.shown(&want), Shown::Coming);
        shelf.got(Got::Drawn {
            want: want.clone(),
            drawn: Err("not a PNG or JPEG picture".into()),
        });
        assert_eq!(shelf.shown(&want), Shown::Not("not a PNG or JPEG picture"));
        // The same screen again asks nothing.
        shelf.want(vec![want.clone()]);
        assert!(shelf.jobs().is_empty());
        // Pictures off: nothing is asked.
        let mut off = Shelf::new(None);
        off.want(vec![want]);
        assert!(off.size(Path::new("/a.png")).is_none());
        assert!(off.jobs().is_empty());
    }
}
