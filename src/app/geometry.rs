//! Where everything goes on the screen, from the terminal's size, the zoom
//! and focus mode: a pure function that `update` uses to clamp and scroll
//! and `render` uses to draw, so the two always agree.

use ratatui::layout::Rect;

/// Below this size a one-line message replaces the layout.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// Cells kept free at the right of the headlines, before the rule.
pub const HEADLINES_MARGIN: u16 = 1;

/// Cells of the markers (▸, ★) left of a headline.
pub const HEADLINES_MARKERS: u16 = 2;

/// The article pane is never narrower than this while side panes show.
const MIN_ARTICLE: u16 = 24;

/// The pages pane's least and greatest width.
const PAGES: (u16, u16) = (14, 28);

/// The headlines pane's least and greatest width.
const HEADLINES: (u16, u16) = (22, 56);

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
/// Hanzi a line at the default step.
const DEFAULT_MEASURE: u16 = 36;

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

    /// The zoom's step and what the text is set at on `geometry`, as the
    /// top bar shows it: `缩放 0 · 36字`, `缩放 +3 · 满栏 41字`. The
    /// count is of hanzi a line really holds, not the step's aim.
    pub fn label(self, geometry: &Geometry) -> String {
        let hanzi = geometry.text.width / 2;
        let measure = match self.step() {
            Step {
                measure: Measure::Hanzi(_),
                ..
            } => format!("{hanzi}字"),
            Step { pages: false, .. } => format!("满屏 {hanzi}字"),
            Step {
                headlines: false, ..
            } => format!("满栏·收标题 {hanzi}字"),
            Step { .. } => format!("满栏 {hanzi}字"),
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
        // The reading measure first: the article pane (a column of margin,
        // the text, a column of space and the scrollbar) gets the columns
        // its measure needs, or four fifths of them; the side panes fold
        // (headlines first) when it would get fewer, and share what the
        // measure leaves.
        let desired = match step.measure {
            Measure::Hanzi(n) => n * 2 + 3,
            Measure::Fill => width,
        };
        // Past the widest measure, the panes show where they show at the
        // default one: zooming in never brings a pane back.
        let need = match step.measure {
            Measure::Hanzi(n) => ((n * 2 + 3) * 4 / 5).max(MIN_ARTICLE),
            Measure::Fill => (DEFAULT_MEASURE * 2 + 3) * 4 / 5,
        };
        let mut show_pages = step.pages && !focus_mode;
        let mut show_headlines = step.headlines && !focus_mode;
        let room = |pages: bool, headlines: bool| {
            width
                .saturating_sub(u16::from(pages) * (PAGES.0 + 1))
                .saturating_sub(u16::from(headlines) * (HEADLINES.0 + 1))
        };
        if room(show_pages, show_headlines) < need {
            show_headlines = false;
        }
        if room(show_pages, show_headlines) < need {
            show_pages = false;
        }
        let mut spare = room(show_pages, show_headlines).saturating_sub(desired);
        let mut widen = |show: bool, (least, most): (u16, u16)| {
            if !show {
                return least;
            }
            let more = spare.min(most - least);
            spare -= more;
            least + more
        };
        let headlines_width = widen(show_headlines, HEADLINES);
        let pages_width = widen(show_pages, PAGES);
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

/// Where the help goes: its framed box, the inside of it, and its lines
/// wrapped to the inside's width, each binding's keys in a column of their
/// own. `update` clamps the help's scrolling with it and `ui` draws with
/// it, so the two agree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpFrame {
    /// The box, its frame included.
    pub area: Rect,
    /// Inside the frame and a column of margin each side.
    pub inner: Rect,
    /// Cells of the keys' column.
    pub key_column: u16,
    /// Each row: the keys on a binding's first row, and its text.
    pub rows: Vec<(Option<String>, String)>,
}

impl HelpFrame {
    /// The frame for `lines` (keys, what they do) on `screen`; `None`
    /// when there is no room at all.
    pub fn new(
        screen: Rect,
        lines: &[(String, &str)],
        ambiguous: crate::layout::Ambiguous,
    ) -> Option<HelpFrame> {
        let width = screen.width.saturating_sub(4).min(92);
        if width < 16 || screen.height < 5 {
            return None;
        }
        let inner_width = width - 4;
        let cells = |text: &str| {
            u16::try_from(crate::layout::display_width(text, ambiguous)).unwrap_or(u16::MAX)
        };
        let widest = lines.iter().map(|(keys, _)| cells(keys)).max().unwrap_or(0);
        let key_column = (widest + 2).min(inner_width / 3);
        let text_width = usize::from(inner_width - key_column).max(1);
        let mut rows = Vec::new();
        let key_room = key_column.saturating_sub(1);
        for (keys, text) in lines {
            // The keys, as many a row as the column holds.
            let mut key_rows: Vec<String> = Vec::new();
            for key in keys.split(" / ") {
                match key_rows.last_mut() {
                    Some(row) if cells(row) + 3 + cells(key) <= key_room => {
                        row.push_str(" / ");
                        row.push_str(key);
                    }
                    _ => key_rows.push(key.to_owned()),
                }
            }
            let text_rows = super::lists::wrap(text, text_width, ambiguous);
            for i in 0..key_rows.len().max(text_rows.len()) {
                rows.push((
                    key_rows.get(i).cloned(),
                    text_rows.get(i).cloned().unwrap_or_default(),
                ));
            }
        }
        let height = u16::try_from(rows.len() + 2)
            .unwrap_or(u16::MAX)
            .min(screen.height.saturating_sub(2));
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
            key_column,
            rows,
        })
    }

    /// Rows of bindings that show at once.
    pub fn visible(&self) -> usize {
        usize::from(self.inner.height).max(1)
    }

    /// How far the help can scroll: none when it fits.
    pub fn max_scroll(&self) -> usize {
        self.rows.len().saturating_sub(self.visible())
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
        let narrow = Geometry::new(70, 30, Zoom::default(), false);
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
    fn the_label_says_what_the_text_is_set_at() {
        let cases = [
            ((200, 60), Zoom::default(), "缩放 0 · 36字"),
            ((120, 35), Zoom::default(), "缩放 0 · 36字"),
            ((80, 24), Zoom::default(), "缩放 0 · 31字"),
            ((40, 12), Zoom::default(), "缩放 0 · 18字"),
            ((200, 60), Zoom::MIN, "缩放 -4 · 12字"),
            ((200, 60), Zoom::MAX, "缩放 +4 · 满屏 98字"),
        ];
        for ((width, height), zoom, label) in cases {
            let geometry = Geometry::new(width, height, zoom, false);
            assert_eq!(zoom.label(&geometry), label, "{width}x{height}");
        }
    }

    #[test]
    fn the_measure_comes_before_the_side_panes() {
        // Wide: the side panes take what the measure leaves.
        let wide = Geometry::new(200, 60, Zoom::default(), false);
        assert_eq!(wide.text.width, 72);
        let sides = wide.pages.unwrap().width + wide.headlines.unwrap().width;
        assert!(wide.article.width - wide.text.width < 50, "{wide:?}");
        assert!(sides >= 80, "{wide:?}");
        // Common: the headlines fold before the article gets narrow.
        let common = Geometry::new(80, 24, Zoom::default(), false);
        assert!(common.headlines.is_none());
        assert!(common.pages.is_some());
        assert!(common.article.width >= 60, "{common:?}");
    }
}
