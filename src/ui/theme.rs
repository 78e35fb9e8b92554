//! The two themes: "paper", dark ink on newsprint with the masthead in a
//! paper's red, and "dark", light ink on the terminal's own background.
//! With `NO_COLOR` set, neither uses a colour: only bold, dim and reverse.
//! Colours are from the 256-colour palette, which far more terminals draw
//! faithfully than 24-bit colour.

use ratatui::style::{Color, Modifier, Style};

use crate::app::Theme;

/// Every style the screen uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Text, and the background of everything.
    pub base: Style,
    /// The top and bottom bars.
    pub bar: Style,
    /// Key names in the bottom bar.
    pub key: Style,
    /// Kickers, subtitles, bylines, counts, rules.
    pub dim: Style,
    /// Titles.
    pub title: Style,
    /// The current page, the open article, markers.
    pub accent: Style,
    /// A list's cursor when the list has the focus.
    pub cursor: Style,
    /// Pane headings.
    pub heading: Style,
    /// The help box, and its title and keys.
    pub overlay: Style,
    pub overlay_heading: Style,
    /// Matches of a search.
    pub highlight: Style,
}

pub fn palette(theme: Theme, color: bool) -> Palette {
    if !color {
        let plain = Style::default();
        return Palette {
            base: plain,
            bar: plain.add_modifier(Modifier::REVERSED),
            key: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            dim: plain.add_modifier(Modifier::DIM),
            title: plain.add_modifier(Modifier::BOLD),
            accent: plain.add_modifier(Modifier::BOLD),
            cursor: plain.add_modifier(Modifier::REVERSED),
            heading: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            overlay: plain.add_modifier(Modifier::REVERSED),
            overlay_heading: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            highlight: plain.add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
        };
    }
    let (ink, paper, faint, red) = match theme {
        Theme::Paper => (
            Color::Indexed(235),
            Color::Indexed(230),
            Color::Indexed(242),
            Color::Indexed(124),
        ),
        Theme::Dark => (
            Color::Indexed(252),
            Color::Reset,
            Color::Indexed(245),
            Color::Indexed(174),
        ),
    };
    let base = Style::default().fg(ink).bg(paper);
    let bar_background = match theme {
        Theme::Paper => Color::Indexed(124),
        Theme::Dark => Color::Indexed(52),
    };
    Palette {
        base,
        bar: Style::default().fg(Color::Indexed(231)).bg(bar_background),
        key: Style::default()
            .fg(Color::Indexed(231))
            .bg(bar_background)
            .add_modifier(Modifier::BOLD),
        dim: base.fg(faint),
        title: base.add_modifier(Modifier::BOLD),
        accent: base.fg(red).add_modifier(Modifier::BOLD),
        cursor: base.add_modifier(Modifier::REVERSED),
        heading: base.fg(red).add_modifier(Modifier::BOLD),
        overlay: Style::default()
            .fg(Color::Indexed(231))
            .bg(Color::Indexed(237)),
        overlay_heading: Style::default()
            .fg(Color::Indexed(223))
            .bg(Color::Indexed(237))
            .add_modifier(Modifier::BOLD),
        highlight: base.bg(match theme {
            Theme::Paper => Color::Indexed(222),
            Theme::Dark => Color::Indexed(94),
        }),
    }
}
