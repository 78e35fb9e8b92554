//! Driving `update` and `render` with any events, and checking after each
//! one what a user would see break: an index out of range
//! (`State::invariants`), a panic in drawing, a control character drawn
//! into a cell, or the reading position lost across a re-layout. Shared
//! by the monkey test (tests/monkey.rs) and the app fuzzer (fuzz/).

use std::sync::Arc;

use epaper::app::{Input, Key, Keymap, Settings, State};
use epaper::layout::Ambiguous;
use epaper::library::Library;
use epaper::library::store::ReadingState;
use epaper::model::Issue;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Every default key, and characters a page label or a query is typed
/// with.
pub const KEYS: &[&str] = &[
    "Left",
    "Right",
    "h",
    "l",
    "[",
    "]",
    "K",
    "J",
    "{",
    "}",
    "i",
    "Up",
    "Down",
    "k",
    "j",
    "PageUp",
    "PageDown",
    "b",
    "Space",
    "Ctrl-u",
    "Ctrl-d",
    "Home",
    "End",
    "g",
    "G",
    "Tab",
    "BackTab",
    "Enter",
    "Esc",
    "+",
    "-",
    "=",
    "z",
    "?",
    "t",
    "u",
    "m",
    "'",
    "/",
    "Ctrl-_",
    "n",
    "N",
    "Backspace",
    "0",
    "1",
    "3",
    "A",
    "B",
    "a",
    "换",
    "ｒ",
    "q",
    "Ctrl-c",
    "Ctrl-z",
    "F1",
];

/// One thing a user or the terminal does.
#[derive(Debug, Clone, Copy)]
pub enum Event {
    /// A key of [`KEYS`], by index (taken modulo its length).
    Key(usize),
    /// A key typed as itself.
    Char(char),
    Resize {
        width: u16,
        height: u16,
    },
    Wheel {
        x: u16,
        y: u16,
        down: bool,
    },
    Click {
        x: u16,
        y: u16,
    },
    Ambiguous(bool),
}

/// Every file of the hostile corpus in `dir` that loads, by file name, in
/// name order: what the monkey test and the `app` fuzz target read.
pub fn hostile_issues(dir: &std::path::Path) -> Vec<(String, Arc<Issue>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|dir| dir.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let loaded = epaper::model::load(&std::fs::read(&path).ok()?).ok()?;
            let name = path.file_name()?.to_string_lossy().into_owned();
            Some((name, Arc::new(loaded.issue)))
        })
        .collect()
}

/// The reader and the screen it draws on.
pub struct Reader {
    pub state: State,
    screen: Terminal<TestBackend>,
}

/// The reader over `issues`, at the first, `width` by `height`.
pub fn open(issues: Vec<(String, Arc<Issue>)>, width: u16, height: u16) -> Reader {
    let mut state = State::new(
        Library::of_issues(issues),
        ReadingState::default(),
        Some(0),
        Settings::default(),
        Keymap::default(),
        (width, height),
    );
    state.start();
    let screen = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    Reader { state, screen }
}

/// Whether `input` lays the article out again at another width, which
/// must keep the line at the top.
fn relays_out(state: &State, input: &Input) -> bool {
    if state.overlay().is_some() || state.goto().is_some() || state.geometry().too_small {
        return false;
    }
    match input {
        Input::Resize { .. } | Input::AmbiguousWidth(_) => true,
        Input::Key(key) => {
            !key.ctrl
                && !key.alt
                && matches!(key.code, epaper::app::KeyCode::Char('+' | '-' | '=' | 'z'))
        }
        _ => false,
    }
}

/// Applies `event`, then checks and draws.
pub fn step(reader: &mut Reader, event: Event) -> Result<(), String> {
    let state = &mut reader.state;
    let input = match event {
        Event::Key(index) => Input::Key(
            KEYS[index % KEYS.len()]
                .parse::<Key>()
                .map_err(|e| e.to_string())?,
        ),
        Event::Char(c) => Input::Key(Key::char(c)),
        Event::Resize { width, height } => Input::Resize { width, height },
        Event::Wheel { x, y, down } => Input::Wheel { x, y, down },
        Event::Click { x, y } => Input::Click { x, y },
        Event::Ambiguous(wide) => Input::AmbiguousWidth(if wide {
            Ambiguous::Wide
        } else {
            Ambiguous::Narrow
        }),
    };
    let watch = relays_out(state, &input);
    let before = state
        .reader()
        .as_ref()
        .and_then(|r| Some((r.story, r.top_line()?)));
    state.update(input);
    state
        .invariants()
        .map_err(|broken| format!("after {event:?}: {broken}"))?;
    if watch && !state.geometry().too_small && state.overlay().is_none() {
        let after = state
            .reader()
            .as_ref()
            .and_then(|r| Some((r.story, r.top_line()?)));
        if let (Some((story, (block, span))), Some((new_story, (new_block, new_span)))) =
            (before, after)
        {
            let kept = story != new_story
                || (new_block == block
                    && (new_span.contains(&span.start) || new_span.start == span.start));
            if !kept {
                return Err(format!(
                    "after {event:?}: the top line {block}:{span:?} became {new_block}:{new_span:?}"
                ));
            }
        }
    }
    draw(state, &mut reader.screen).map_err(|broken| format!("after {event:?}: {broken}"))
}

/// Draws a frame as the terminal would get it; no cell may hold a control
/// character or a bidi override.
fn draw(state: &State, terminal: &mut Terminal<TestBackend>) -> Result<(), String> {
    let (width, height) = state.size();
    if terminal.backend().buffer().area.as_size() != ratatui::layout::Size::new(width, height) {
        terminal.backend_mut().resize(width, height);
    }
    let frame = terminal
        .draw(|frame| epaper::ui::render(state, frame))
        .map_err(|e| e.to_string())?;
    for (i, cell) in frame.buffer.content.iter().enumerate() {
        let symbol = cell.symbol();
        if let Some(c) = symbol.chars().find(|&c| {
            c.is_control()
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        }) {
            return Err(format!(
                "{c:?} drawn at cell {i} of a {width}x{height} screen"
            ));
        }
    }
    Ok(())
}
