//! Where everything goes on the screen, from the terminal's size, the zoom
//! and focus mode: a pure function that `update` uses to clamp and scroll
//! and `render` uses to draw, so the two always agree.

use ratatui::layout::Rect;

/// Below this size a one-line message replaces the layout.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// How wide the reading measure is at a zoom step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Measure {
    /// About this many hanzi a line.
    Hanzi(u16),
    /// As wide as the article pane.
    Fill,
}

/// One step of the zoom ladder: the measure, and which side panes show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Step {
    measure: Measure,
    headlines: bool,
    pages: bool,
}

const fn step(measure: Measure, headlines: bool, pages: bool) -> Step {
    Step {
        measure,
        headlines,
        pages,
    }
}

/// 缩小 from 36 hanzi down to 12; 放大 to 44, then the whole pane, then
/// without the headlines, then the whole screen.
const LADDER: [Step; 9] = [
    step(Measure::Hanzi(12), true, true),
    step(Measure::Hanzi(18), true, true),
    step(Measure::Hanzi(24), true, true),
    step(Measure::Hanzi(30), true, true),
    step(Measure::Hanzi(36), true, true),
    step(Measure::Hanzi(44), true, true),
    step(Measure::Fill, true, true),
    step(Measure::Fill, false, true),
    step(Measure::Fill, false, false),
];
const DEFAULT_STEP: i8 = 4;

/// A step of the zoom ladder, 0 being the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Zoom(i8);

impl Zoom {
    pub const MIN: Zoom = Zoom(-DEFAULT_STEP);
    #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)] // 9 steps
    pub const MAX: Zoom = Zoom(LADDER.len() as i8 - 1 - DEFAULT_STEP);

    /// The step `level` (clamped to the ladder).
    pub fn new(level: i8) -> Zoom {
        Zoom(level.clamp(Zoom::MIN.0, Zoom::MAX.0))
    }

    pub fn level(self) -> i8 {
        self.0
    }

    #[must_use]
    pub fn wider(self) -> Zoom {
        Zoom::new(self.0 + 1)
    }

    #[must_use]
    pub fn narrower(self) -> Zoom {
        Zoom::new(self.0 - 1)
    }

    fn step(self) -> Step {
        LADDER[usize::try_from(self.0 + DEFAULT_STEP).unwrap_or(0)]
    }

    /// What the top bar shows: `缩放 0 · 36字`.
    pub fn label(self) -> String {
        let measure = match self.step() {
            Step {
                measure: Measure::Hanzi(n),
                ..
            } => format!("{n}字"),
            Step { pages: false, .. } => "满屏".to_owned(),
            Step {
                headlines: false, ..
            } => "满栏·收标题".to_owned(),
            Step { .. } => "满栏".to_owned(),
        };
        if self.0 == 0 {
            format!("缩放 0 · {measure}")
        } else {
            format!("缩放 {:+} · {measure}", self.0)
        }
    }
}

/// The screen's areas. Side panes that do not show are `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Geometry {
    /// The terminal is below the minimum: only a message shows.
    pub too_small: bool,
    pub top_bar: Rect,
    pub bottom_bar: Rect,
    /// The lists and the article pane, each below its heading row.
    pub pages: Option<Rect>,
    pub headlines: Option<Rect>,
    pub article: Rect,
    /// The column the text is set in, centred in the article pane.
    pub text: Rect,
    /// The scrollbar, one column at the article pane's right edge.
    pub scrollbar: Rect,
}

impl Geometry {
    pub fn new(width: u16, height: u16, zoom: Zoom, focus_mode: bool) -> Geometry {
        let full = Rect::new(0, 0, width, height);
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return Geometry {
                too_small: true,
                top_bar: full,
                ..Geometry::default()
            };
        }
        let step = zoom.step();
        let body = Rect::new(0, 1, width, height - 2);
        let mut x = 0;
        // Side panes, each followed by a one-column rule.
        let pages_width = (width / 8).clamp(14, 20);
        let headlines_width = (width / 4).clamp(22, 34);
        let mut show_pages = step.pages && !focus_mode;
        let mut show_headlines = step.headlines && !focus_mode;
        // A narrow terminal folds the side panes before the article pane
        // gets narrower than 24 columns.
        let article_room = |pages: bool, headlines: bool| {
            width
                - u16::from(pages) * (pages_width + 1)
                - u16::from(headlines) * (headlines_width + 1)
        };
        if article_room(show_pages, show_headlines) < 24 {
            show_headlines = false;
        }
        if article_room(show_pages, show_headlines) < 24 {
            show_pages = false;
        }
        let mut side = |show: bool, pane_width: u16| {
            show.then(|| {
                let pane = Rect::new(x, body.y + 1, pane_width, body.height - 1);
                x += pane_width + 1;
                pane
            })
        };
        let pages = side(show_pages, pages_width);
        let headlines = side(show_headlines, headlines_width);
        // The article pane: a heading row, a column of margin on the left,
        // the scrollbar on the right.
        let article = Rect::new(x, body.y + 1, width - x, body.height - 1);
        let room = article.width.saturating_sub(3);
        let measure = match step.measure {
            Measure::Hanzi(n) => (n * 2).min(room),
            Measure::Fill => room,
        };
        let text = Rect::new(
            article.x + 1 + (room - measure) / 2,
            article.y,
            measure,
            article.height,
        );
        let scrollbar = Rect::new(article.right() - 1, article.y, 1, article.height);
        Geometry {
            too_small: false,
            top_bar: Rect::new(0, 0, width, 1),
            bottom_bar: Rect::new(0, height - 1, width, 1),
            pages,
            headlines,
            article,
            text,
            scrollbar,
        }
    }

    /// The pane whose area holds the point, for the mouse.
    pub fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        if self.too_small {
            return None;
        }
        // Each pane with its heading row and the rule on its right.
        let inside = |area: Rect| {
            Rect::new(area.x, area.y - 1, area.width + 1, area.height + 1).contains((x, y).into())
        };
        if self.pages.is_some_and(inside) {
            Some(Pane::Pages)
        } else if self.headlines.is_some_and(inside) {
            Some(Pane::Headlines)
        } else if inside(self.article) {
            Some(Pane::Article)
        } else {
            None
        }
    }
}

/// Where the help goes: its box, the inside of it, and its lines set out
/// in one column, or two when one does not fit the height and the screen
/// is wide enough. `update` clamps the help's scrolling with it and `ui`
/// draws with it, so the two agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelpFrame {
    pub area: Rect,
    pub inner: Rect,
    pub columns: usize,
    pub per_column: usize,
}

impl HelpFrame {
    /// The frame for `lines` lines on `screen`; `None` when there is no
    /// room at all.
    pub fn new(screen: Rect, lines: usize) -> Option<HelpFrame> {
        let columns: usize =
            if lines + 4 > usize::from(screen.height.saturating_sub(2)) && screen.width >= 100 {
                2
            } else {
                1
            };
        let per_column = lines.div_ceil(columns);
        let column_width: u16 = 60;
        let width = screen
            .width
            .saturating_sub(4)
            .min(column_width * u16::try_from(columns).unwrap_or(1) + 4);
        let height = u16::try_from(per_column + 4)
            .unwrap_or(u16::MAX)
            .min(screen.height.saturating_sub(2));
        if width < 10 || height < 3 {
            return None;
        }
        let area = Rect::new(
            screen.x + (screen.width - width) / 2,
            screen.y + (screen.height - height) / 2,
            width,
            height,
        );
        let inner = Rect::new(area.x + 2, area.y + 1, area.width - 4, area.height - 2);
        Some(HelpFrame {
            area,
            inner,
            columns,
            per_column,
        })
    }

    /// Rows of bindings that show at once.
    pub fn rows(&self) -> usize {
        usize::from(self.inner.height).saturating_sub(2)
    }

    /// How far the help can scroll: none when it fits.
    pub fn max_scroll(&self) -> usize {
        self.per_column.saturating_sub(self.rows())
    }
}

/// The three panes, which also take the keyboard focus in turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    Pages,
    Headlines,
    #[default]
    Article,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_measure_is_36_hanzi_or_the_pane() {
        let wide = Geometry::new(200, 60, Zoom::default(), false);
        assert_eq!(wide.text.width, 72);
        let narrow = Geometry::new(100, 30, Zoom::default(), false);
        assert!(narrow.text.width < 72);
        assert_eq!(narrow.text.width, narrow.article.width - 3);
    }

    #[test]
    fn zooming_in_widens_then_folds_panes() {
        let widths: Vec<(u16, bool, bool)> = (Zoom::MIN.level()..=Zoom::MAX.level())
            .map(|level| {
                let g = Geometry::new(240, 60, Zoom::new(level), false);
                (g.text.width, g.headlines.is_some(), g.pages.is_some())
            })
            .collect();
        assert_eq!(widths[0], (24, true, true));
        assert_eq!(widths[4], (72, true, true));
        assert_eq!(widths[5], (88, true, true));
        assert!(widths.windows(2).all(|w| w[0].0 <= w[1].0));
        assert_eq!((widths[7].1, widths[7].2), (false, true));
        assert_eq!((widths[8].1, widths[8].2), (false, false));
        assert_eq!(widths[8].0, 240 - 3);
    }

    #[test]
    fn every_size_gives_areas_inside_the_screen() {
        for width in 0..=120 {
            for height in 0..=40 {
                for level in Zoom::MIN.level()..=Zoom::MAX.level() {
                    for focus in [false, true] {
                        let g = Geometry::new(width, height, Zoom::new(level), focus);
                        let screen = Rect::new(0, 0, width, height);
                        for area in [
                            Some(g.top_bar),
                            Some(g.bottom_bar),
                            g.pages,
                            g.headlines,
                            Some(g.article),
                            Some(g.text),
                            Some(g.scrollbar),
                        ]
                        .into_iter()
                        .flatten()
                        {
                            assert_eq!(
                                screen.intersection(area),
                                area,
                                "{width}x{height} {level} {focus}: {area:?}"
                            );
                        }
                        assert!(g.too_small || g.text.width >= 20);
                    }
                }
            }
        }
    }

    #[test]
    fn labels() {
        assert_eq!(Zoom::default().label(), "缩放 0 · 36字");
        assert_eq!(Zoom::MIN.label(), "缩放 -4 · 12字");
        assert_eq!(Zoom::MAX.label(), "缩放 +4 · 满屏");
    }
}
