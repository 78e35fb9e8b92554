//! Driving the reader as the screen tests do: the bundled samples as a
//! library, key scripts, and the screen as text or as a buffer.

#![allow(dead_code, reason = "each test file uses part of it")]

use epaper::app::{Input, Key, Keymap, Settings, State};
use epaper::layout::Ambiguous;
use epaper::library::Library;
use epaper::library::store::ReadingState;
use epaper::model;
use epaper::samples::SAMPLES;
use epaper::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

pub fn samples() -> Library {
    Library::of_issues(
        SAMPLES
            .iter()
            .map(|sample| {
                let issue = std::sync::Arc::new(model::load(sample.bytes).unwrap().issue);
                (sample.name.to_owned(), issue)
            })
            .collect(),
    )
}

/// The reader on the bundled sample whose file name starts with `prefix`.
pub fn state_on(prefix: &str, width: u16, height: u16, ambiguous: Ambiguous) -> State {
    let settings = Settings {
        ambiguous,
        ..Settings::default()
    };
    let start = SAMPLES.iter().position(|s| s.name.starts_with(prefix));
    let mut state = State::new(
        samples(),
        ReadingState::default(),
        start,
        settings,
        Keymap::default(),
        (width, height),
    );
    state.start();
    state
}

pub fn state(width: u16, height: u16, ambiguous: Ambiguous) -> State {
    state_on("epaper-guide", width, height, ambiguous)
}

/// Keys as typed: one character each, or a name in angle brackets.
pub fn press(state: &mut State, script: &str) {
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        let (key, used) = if c == '<' {
            let end = rest.find('>').expect("a closing >");
            let name = &rest[1..end];
            (name.parse::<Key>().expect("a key name"), end + 1)
        } else {
            (Key::char(c), c.len_utf8())
        };
        state.update(Input::Key(key));
        rest = &rest[used..];
    }
}

/// The screen as text, a row a line, wide characters once.
pub fn screen(state: &State) -> String {
    let (width, height) = state.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| ui::render(state, frame)).unwrap();
    text(terminal.backend().buffer())
}

pub fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut x = 0;
        let mut line = String::new();
        while x < area.width {
            let cell = &buffer[(x, y)];
            let forced = match cell.diff_option {
                ratatui::buffer::CellDiffOption::ForcedWidth(w) => Some(w.get()),
                _ => None,
            };
            line.push_str(cell.symbol());
            let width = forced.unwrap_or_else(|| u16::try_from(cell.symbol().width()).unwrap_or(1));
            x += width.max(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A library of the seed issue on several days and the guide.
pub fn shelf() -> Library {
    let seed = model::load(SAMPLES[1].bytes).unwrap().issue;
    let guide = model::load(SAMPLES[0].bytes).unwrap().issue;
    let mut issues = vec![("guide.json".to_owned(), std::sync::Arc::new(guide))];
    for day in [1, 2, 3, 4, 5, 8, 9, 10, 12, 15] {
        let mut issue = seed.clone();
        issue.date = format!("2021-11-{day:02}").parse().unwrap();
        issue.edition = Some(format!("第{}期", 24550 + day));
        issues.push((format!("nmgrb-{day}.json"), std::sync::Arc::new(issue)));
    }
    Library::of_issues(issues)
}

pub fn on_shelf(entry: usize, width: u16, height: u16) -> State {
    opened(shelf(), entry, width, height)
}

/// The reader on `library`, entry `entry` open, with default settings.
pub fn opened(library: Library, entry: usize, width: u16, height: u16) -> State {
    opened_with(library, entry, Settings::default(), width, height)
}

/// The same with `settings`.
pub fn opened_with(
    library: Library,
    entry: usize,
    settings: Settings,
    width: u16,
    height: u16,
) -> State {
    let mut state = State::new(
        library,
        ReadingState::default(),
        Some(entry),
        settings,
        Keymap::default(),
        (width, height),
    );
    state.start();
    state
}

/// The frame as `render` draws it, cell by cell.
pub fn frame(state: &State) -> Buffer {
    let (width, height) = state.size();
    let mut buffer = Buffer::empty(ratatui::layout::Rect::new(0, 0, width, height));
    ui::draw(state, &mut buffer);
    buffer
}
