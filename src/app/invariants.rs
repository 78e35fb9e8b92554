//! What `render` relies on after every `update`: each index it reads is in
//! range, and each pane fits the screen. One definition, checked by the
//! property tests, the monkey test and the fuzzer alike.

use ratatui::layout::Rect;

use super::State;
use super::modes::Overlay;
use super::reading::Row;

/// `Err` with what is wrong, for a test to report.
fn ensure(holds: bool, what: impl FnOnce() -> String) -> Result<(), String> {
    if holds { Ok(()) } else { Err(what()) }
}

fn inside(area: Rect, screen: Rect) -> bool {
    area.is_empty()
        || screen.contains(area.as_position())
            && area.right() <= screen.right()
            && area.bottom() <= screen.bottom()
}

impl State {
    /// Checks the invariants; the first one broken, in words.
    pub fn invariants(&self) -> Result<(), String> {
        ensure(self.entry < self.library.entries.len().max(1), || {
            format!("entry {} of {}", self.entry, self.library.entries.len())
        })?;
        let Some(issue) = &self.issue else {
            ensure(self.reader.is_none() && self.opened.is_none(), || {
                "an article open with no issue".to_owned()
            })?;
            self.geometry_fits()?;
            return self.overlay_in_range();
        };
        ensure(self.page < issue.pages.len(), || {
            format!("page {} of {}", self.page, issue.pages.len())
        })?;
        let articles = issue.pages[self.page].articles.len();
        ensure(self.selected < articles.max(1), || {
            format!("headline {} of {articles}", self.selected)
        })?;
        if let Some(opened) = self.opened {
            ensure(issue.article(opened).is_some(), || {
                format!("opened {opened:?}")
            })?;
        }
        let pages = self.pages_view.entries.len();
        ensure(self.pages_view.top < pages.max(1), || {
            format!("pages list top {} of {pages}", self.pages_view.top)
        })?;
        ensure(self.pages_view.cursor < pages.max(1), || {
            format!("pages cursor {} of {pages}", self.pages_view.cursor)
        })?;
        ensure(self.headlines_view.top < articles.max(1), || {
            format!("headlines top {} of {articles}", self.headlines_view.top)
        })?;
        self.geometry_fits()?;
        let headlines = self.geometry.headlines.map_or(0, |a| usize::from(a.height));
        ensure(self.headlines_view.rows.len() <= headlines, || {
            format!(
                "{} headline rows in {headlines}",
                self.headlines_view.rows.len()
            )
        })?;
        self.reader_in_range()?;
        self.overlay_in_range()
    }

    fn geometry_fits(&self) -> Result<(), String> {
        let screen = Rect::new(0, 0, self.size.0, self.size.1);
        let g = &self.geometry;
        let areas = [
            ("top bar", Some(g.top_bar)),
            ("bottom bar", Some(g.bottom_bar)),
            ("pages", g.pages),
            ("headlines", g.headlines),
            ("article", Some(g.article)),
            ("text", Some(g.text)),
            ("scrollbar", Some(g.scrollbar)),
        ];
        for (name, area) in areas {
            if let Some(area) = area {
                ensure(inside(area, screen), || {
                    format!("the {name} pane {area:?} is off the {screen:?} screen")
                })?;
            }
        }
        Ok(())
    }

    fn reader_in_range(&self) -> Result<(), String> {
        let Some(reader) = &self.reader else {
            return Ok(());
        };
        let height = usize::from(self.geometry.article.height);
        ensure(reader.rows.len() <= height, || {
            format!("{} article rows in {height}", reader.rows.len())
        })?;
        ensure(reader.top.block < reader.blocks.len().max(1), || {
            format!("top block {} of {}", reader.top.block, reader.blocks.len())
        })?;
        let width = usize::from(self.geometry.text.width);
        for row in &reader.rows {
            if let Row::Text { block, line } = *row {
                let text = reader.text(block);
                ensure(
                    line.start <= line.end
                        && line.end <= text.len()
                        && text.is_char_boundary(line.start)
                        && text.is_char_boundary(line.end),
                    || format!("line {line:?} outside block {block}'s {} bytes", text.len()),
                )?;
                ensure(
                    self.geometry.too_small || line.width + line.indent <= width.max(2),
                    || {
                        format!(
                            "a line of {} cells in a column of {width}",
                            line.width + line.indent
                        )
                    },
                )?;
            }
        }
        Ok(())
    }

    fn overlay_in_range(&self) -> Result<(), String> {
        match &self.overlay {
            None => Ok(()),
            Some(Overlay::Library(view)) => {
                let lists = self.library.publications.len() + 1;
                ensure(view.publication < lists, || {
                    format!("library list {} of {lists}", view.publication)
                })
            }
            Some(Overlay::Bookmarks(view)) => {
                let marks = self.memory.state().bookmarks().len();
                ensure(view.list.selected < marks.max(1), || {
                    format!("bookmark {} of {marks}", view.list.selected)
                })
            }
            Some(Overlay::Search(view)) => {
                ensure(view.list.selected < view.results.len().max(1), || {
                    format!("result {} of {}", view.list.selected, view.results.len())
                })
            }
            Some(Overlay::Map(view)) => {
                let pages = self.issue.as_ref().map_or(0, |issue| issue.pages.len());
                ensure(view.page < pages.max(1), || {
                    format!("map of page {} of {pages}", view.page)
                })
            }
        }
    }
}
