//! The page map (版面图): the page as printed, each article's area
//! outlined and numbered, one selected; Enter or a click opens it, ←/→
//! turn to the next page's map.
//!
//! Where the page's picture cannot be shown (pictures off, a picture not
//! downloaded, a file that is not a picture), the areas are drawn as
//! boxes of cells with their numbers and titles, in the same places.

use ratatui::layout::Rect;

use crate::app::keymap::Action;
use crate::app::modes::Overlay;
use crate::app::pictures::{Shown, picture_path};
use crate::app::{Effect, State};
use crate::model::{Article, ArticleRef, Page};
use crate::pictures::marks::Area;
use crate::pictures::{Graphics, Marks, Want};

/// The page map open: its page, and which of its mapped articles is
/// selected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MapView {
    pub page: usize,
    /// An index into the page's mapped articles ([`mapped`]).
    pub selected: usize,
}

/// One article's place on the map, in cells: the box around its areas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapBox {
    /// Its place among the page's mapped articles ([`mapped`]).
    pub place: usize,
    pub article: usize,
    /// The number the map shows: the article's place on the page.
    pub number: u16,
    pub cells: Rect,
}

/// The map as `ui` draws it, placed by `update`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapFrame {
    /// The page's frame fitted in the cells the map has, centred.
    pub picture: Rect,
    pub boxes: Vec<MapBox>,
    /// Which of the page's mapped articles is selected.
    pub selected: Option<usize>,
    /// The picture with its marks, when there is a file to draw.
    pub want: Option<Want>,
    /// What stands in for the picture: there is none, or why it cannot
    /// be shown.
    pub note: Option<String>,
}

/// The articles of `page` that have areas, in reading order.
pub fn mapped(page: &Page) -> Vec<usize> {
    page.articles
        .iter()
        .enumerate()
        .filter(|(_, a)| !a.areas.is_empty())
        .map(|(i, _)| i)
        .collect()
}

/// The box around an article's areas in a frame of `frame` pixels shown
/// in the cells of `picture`.
fn cells_of(article: &Article, frame: (u32, u32), picture: Rect) -> Option<Rect> {
    let xs = article.areas.iter().flat_map(|a| a.iter().step_by(2));
    let ys = article
        .areas
        .iter()
        .flat_map(|a| a.iter().skip(1).step_by(2));
    let (x0, x1) = xs.fold((f64::MAX, f64::MIN), |(lo, hi), &x| (lo.min(x), hi.max(x)));
    let (y0, y1) = ys.fold((f64::MAX, f64::MIN), |(lo, hi), &y| (lo.min(y), hi.max(y)));
    if x0 > x1 || y0 > y1 {
        return None;
    }
    let (fw, fh) = (f64::from(frame.0.max(1)), f64::from(frame.1.max(1)));
    let (pw, ph) = (f64::from(picture.width), f64::from(picture.height));
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let cell = |v: f64, of: f64, cells: f64| (v / of * cells).clamp(0.0, cells) as u16;
    let (left, right) = (cell(x0, fw, pw), cell(x1, fw, pw));
    let (top, bottom) = (cell(y0, fh, ph), cell(y1, fh, ph));
    Some(Rect::new(
        picture.x + left,
        picture.y + top,
        right.saturating_sub(left).max(1),
        bottom.saturating_sub(top).max(1),
    ))
}

/// Whether the point is inside the polygon `x1, y1, x2, y2, …` (even-odd).
fn inside(polygon: &[f64], (x, y): (f64, f64)) -> bool {
    let points: Vec<(f64, f64)> = polygon.chunks_exact(2).map(|p| (p[0], p[1])).collect();
    let mut odd = false;
    for (i, &(x0, y0)) in points.iter().enumerate() {
        let (x1, y1) = points[(i + 1) % points.len()];
        if (y0 > y) != (y1 > y) && x < x0 + (y - y0) / (y1 - y0) * (x1 - x0) {
            odd = !odd;
        }
    }
    odd
}

impl State {
    /// Opens the map of the page being read, at the article selected.
    pub(crate) fn open_map(&mut self) {
        let Some(issue) = &self.issue else { return };
        let Some(page) = issue.pages.get(self.page) else {
            return;
        };
        let selected = mapped(page)
            .iter()
            .position(|&a| a == self.selected)
            .unwrap_or(0);
        self.overlay = Some(Overlay::Map(MapView {
            page: self.page,
            selected,
        }));
    }

    /// The keys of the page map.
    pub(crate) fn map_key(&mut self, action: Option<Action>) -> Effect {
        let Some(Overlay::Map(mut view)) = self.overlay.take() else {
            return Effect::None;
        };
        let count = self
            .issue
            .as_ref()
            .and_then(|issue| issue.pages.get(view.page))
            .map_or(0, |page| mapped(page).len());
        let last = count.saturating_sub(1);
        match action {
            Some(Action::LineDown | Action::NextArticle) => {
                view.selected = (view.selected + 1).min(last);
            }
            Some(Action::LineUp | Action::PrevArticle) => {
                view.selected = view.selected.saturating_sub(1);
            }
            Some(Action::Top) => view.selected = 0,
            Some(Action::Bottom) => view.selected = last,
            Some(Action::NextPage | Action::PrevPage) => {
                let forward = action == Some(Action::NextPage);
                let pages = self.issue.as_ref().map_or(0, |i| i.pages.len());
                let page = if forward {
                    (view.page + 1 < pages).then_some(view.page + 1)
                } else {
                    view.page.checked_sub(1)
                };
                match page {
                    Some(page) => {
                        self.open_page(page);
                        view = MapView { page, selected: 0 };
                    }
                    None if forward => self.say("已是最后一版"),
                    None => self.say("已是第一版"),
                }
            }
            Some(Action::Open) => {
                self.open_mapped(view, view.selected);
                return Effect::None;
            }
            Some(Action::Close | Action::PageMap) => return Effect::None,
            _ => {}
        }
        self.overlay = Some(Overlay::Map(view));
        Effect::None
    }

    /// Opens the `index`th mapped article of the map's page; the map
    /// closes.
    fn open_mapped(&mut self, view: MapView, index: usize) {
        let Some(issue) = &self.issue else { return };
        let Some(page) = issue.pages.get(view.page) else {
            return;
        };
        if let Some(&article) = mapped(page).get(index) {
            self.overlay = None;
            self.open_article(view.page, article);
        } else {
            self.say("本版没有可点选的文章区域");
            self.overlay = Some(Overlay::Map(view));
        }
    }

    /// A click on the map: the article whose area holds the point opens.
    pub(crate) fn map_click(&mut self, x: u16, y: u16) {
        let (Some(Overlay::Map(view)), Some(frame)) = (&self.overlay, &self.map_frame) else {
            return;
        };
        let view = *view;
        let picture = frame.picture;
        let Some(issue) = &self.issue else { return };
        let Some(page) = issue.pages.get(view.page) else {
            return;
        };
        if !picture.contains(ratatui::layout::Position { x, y }) {
            return;
        }
        let Some(image) = &page.image else { return };
        // The cell's middle, in the frame's pixels.
        let point = (
            (f64::from(x - picture.x) + 0.5) / f64::from(picture.width) * f64::from(image.width),
            (f64::from(y - picture.y) + 0.5) / f64::from(picture.height) * f64::from(image.height),
        );
        let list = mapped(page);
        let hit = list.iter().position(|&a| {
            page.articles[a]
                .areas
                .iter()
                .any(|polygon| inside(polygon, point))
        });
        // Else the box the cell is in, for an area smaller than a cell.
        let hit = hit.or_else(|| {
            frame
                .boxes
                .iter()
                .find(|b| b.cells.contains(ratatui::layout::Position { x, y }))
                .map(|b| b.place)
        });
        if let Some(index) = hit {
            self.open_mapped(view, index);
        }
    }

    /// Places the map for `ui`, and says which picture it wants.
    pub(crate) fn place_map(&mut self, wants: &mut Vec<Want>) {
        self.map_frame = None;
        let Some(Overlay::Map(view)) = &self.overlay else {
            return;
        };
        let view = *view;
        let Some(issue) = self.issue.clone() else {
            return;
        };
        let Some(page) = issue.pages.get(view.page) else {
            return;
        };
        let region = self.geometry.article;
        let Some(image) = &page.image else {
            self.map_frame = Some(MapFrame {
                picture: region,
                boxes: Vec::new(),
                selected: None,
                want: None,
                note: Some("本版没有版面图".to_owned()),
            });
            return;
        };
        let frame = (image.width, image.height);
        let graphics = self.pictures.graphics.unwrap_or_else(Graphics::halfblocks);
        let (width, height) = graphics.fit(frame, (region.width, region.height));
        let picture = Rect::new(
            region.x + (region.width - width) / 2,
            region.y + (region.height - height) / 2,
            width,
            height,
        );
        let list = mapped(page);
        let selected = view.selected.min(list.len().saturating_sub(1));
        let boxes: Vec<MapBox> = list
            .iter()
            .enumerate()
            .filter_map(|(place, &a)| {
                Some(MapBox {
                    place,
                    article: a,
                    number: u16::try_from(a + 1).unwrap_or(u16::MAX),
                    cells: cells_of(&page.articles[a], frame, picture)?,
                })
            })
            .collect();
        let path = picture_path(self.issue_file().as_deref(), &image.src);
        let (want, note) = match (&path, self.pictures.graphics) {
            (Some(path), Some(_)) => {
                let marks = Marks {
                    frame,
                    areas: list
                        .iter()
                        .flat_map(|&a| {
                            let number = u16::try_from(a + 1).unwrap_or(u16::MAX);
                            page.articles[a]
                                .areas
                                .iter()
                                .map(move |polygon| Area::new(number, polygon))
                        })
                        .collect(),
                    selected: None,
                };
                let marks = select_areas(marks, page, &list, selected);
                let want = Want {
                    marks: Some(marks),
                    ..Want::whole(path.clone(), (width, height))
                };
                wants.push(want.clone());
                (Some(want), None)
            }
            (None, _) => (None, Some("版面图未下载，以方框示意".to_owned())),
            (Some(_), None) => (None, Some("图片显示已关闭，以方框示意".to_owned())),
        };
        let note = note.or_else(|| match want.as_ref().map(|w| self.pictures.shown(w)) {
            Some(Shown::Not(reason)) => Some(format!("版面图无法显示（{reason}），以方框示意")),
            _ => None,
        });
        self.map_frame = Some(MapFrame {
            picture,
            selected: (!boxes.is_empty()).then_some(selected),
            boxes,
            want,
            note,
        });
    }

    /// The article selected on the map, for the bars.
    pub fn map_selection(&self) -> Option<ArticleRef> {
        let Some(Overlay::Map(view)) = &self.overlay else {
            return None;
        };
        let issue = self.issue.as_ref()?;
        let page = issue.pages.get(view.page)?;
        let article = *mapped(page).get(view.selected)?;
        Some(ArticleRef {
            page: view.page,
            article,
        })
    }
}

/// Which painted area is the selected article's: its first polygon (an
/// article in several pieces has each outlined, the first tinted).
fn select_areas(mut marks: Marks, page: &Page, list: &[usize], selected: usize) -> Marks {
    let before: usize = list
        .iter()
        .take(selected)
        .map(|&a| page.articles[a].areas.len())
        .sum();
    marks.selected = (selected < list.len()).then_some(before);
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_inside_polygons_as_the_even_odd_rule_says() {
        let square = [0.0, 0.0, 10.0, 0.0, 10.0, 10.0, 0.0, 10.0];
        assert!(inside(&square, (5.0, 5.0)));
        assert!(!inside(&square, (15.0, 5.0)));
        // An L: the notch is outside.
        let l = [
            0.0, 0.0, 4.0, 0.0, 4.0, 6.0, 10.0, 6.0, 10.0, 10.0, 0.0, 10.0,
        ];
        assert!(inside(&l, (2.0, 2.0)));
        assert!(!inside(&l, (8.0, 2.0)));
        assert!(inside(&l, (8.0, 8.0)));
    }
}
