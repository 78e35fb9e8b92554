//! The terminal: set up and restored in one place, whatever happens (a
//! quit, a panic, SIGTERM, SIGHUP, SIGINT), suspended with Ctrl-Z, and the
//! event loop that turns terminal events into `app::Input`.

mod probe;

use std::io::{self, Write};
use std::os::fd::AsFd;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, KeyModifiers, MouseButton,
    MouseEventKind,
};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute, terminal};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::{Effect, Input, Key, KeyCode, Keymap, Settings, State};
use crate::background::{UpdateSetup, Updater};
use crate::layout::Ambiguous;
use crate::library::Library;
use crate::library::store::{ReadingState, Store};
use crate::pictures::{ImagesSetting, Painter};
use crate::ui;

/// How often the loop looks at the signal flags when no event comes.
const TICK: Duration = Duration::from_millis(200);

/// Puts the terminal in the reader's mode: raw, on the alternate screen,
/// with the mouse reported and the cursor hidden.
fn enter(out: &mut impl Write) -> io::Result<()> {
    ENTERED.store(true, Ordering::SeqCst);
    terminal::enable_raw_mode()?;
    execute!(out, EnterAlternateScreen, EnableMouseCapture, cursor::Hide)
}

/// Whether the terminal is in the reader's mode, so that restoring writes
/// its sequences once: leaving the alternate screen twice would move the
/// cursor back over what was printed between (a panic's message).
static ENTERED: AtomicBool = AtomicBool::new(false);

/// Standard output written to without std's lock, which another thread
/// may hold: restoring must work from the panic hook and the watchdog
/// whatever the event loop is doing.
struct UnlockedStdout;

impl Write for UnlockedStdout {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        Ok(rustix::io::write(io::stdout().as_fd(), bytes)?)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Gives the terminal back as it was. Safe to call more than once (only
/// the first call after `enter` does anything), from any thread, and from
/// a panic hook.
pub fn restore() {
    if !ENTERED.swap(false, Ordering::SeqCst) {
        return;
    }
    let _ = execute!(
        UnlockedStdout,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
}

/// Restores the terminal when dropped, so every way out of `run` restores.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        restore();
    }
}

/// A panic leaves the terminal usable before its message prints.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // The painter turns its panics into a line where the picture
        // would be; the reader goes on.
        if std::thread::current().name() == Some(crate::pictures::THREAD) {
            return;
        }
        restore();
        previous(info);
    }));
}

/// The number of the last of SIGTERM, SIGHUP and SIGINT to arrive, or 0:
/// any of them ends the loop the way `q` does.
fn stop_signal() -> io::Result<Arc<AtomicUsize>> {
    let signal = Arc::new(AtomicUsize::new(0));
    for number in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        let value = usize::try_from(number).unwrap_or(1);
        signal_hook::flag::register_usize(number, Arc::clone(&signal), value)?;
    }
    Ok(signal)
}

/// How long the event loop has to stop by itself after a signal or a
/// hang-up before the watchdog ends the process.
const GRACE: Duration = Duration::from_millis(500);

/// Whether the terminal has gone away (the window closed, the connection
/// dropped): `/dev/tty` reports a hang-up.
fn hung_up(tty: &std::fs::File) -> bool {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let mut fds = [PollFd::new(tty, PollFlags::empty())];
    let now = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    poll(&mut fds, Some(&now)).is_ok()
        && fds[0]
            .revents()
            .intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL)
}

/// Ends the process when the event loop cannot: crossterm 0.29 spins in
/// its read loop, never returning from `event::poll`, once the terminal
/// is gone (crossterm issue #793). The watchdog looks for a signal or a
/// hang-up; if the loop has not ended the process within [`GRACE`], it
/// restores what it can of the terminal and exits, 128 + the signal.
fn watchdog(signal: Arc<AtomicUsize>) {
    let tty = std::fs::File::open("/dev/tty").ok();
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let received = signal.load(Ordering::Relaxed);
            if received != 0 || tty.as_ref().is_some_and(hung_up) {
                std::thread::sleep(GRACE);
                restore();
                let number = if received == 0 {
                    signal_hook::consts::SIGHUP
                } else {
                    i32::try_from(received).unwrap_or(1)
                };
                std::process::exit(128 + number);
            }
        }
    });
}

fn key_of(event: crossterm::event::KeyEvent) -> Option<Key> {
    use crossterm::event::KeyCode as Code;
    let code = match event.code {
        Code::Char(c) => KeyCode::Char(if event.modifiers.contains(KeyModifiers::CONTROL) {
            c.to_ascii_lowercase()
        } else {
            c
        }),
        Code::Left => KeyCode::Left,
        Code::Right => KeyCode::Right,
        Code::Up => KeyCode::Up,
        Code::Down => KeyCode::Down,
        Code::PageUp => KeyCode::PageUp,
        Code::PageDown => KeyCode::PageDown,
        Code::Home => KeyCode::Home,
        Code::End => KeyCode::End,
        Code::Enter => KeyCode::Enter,
        Code::Esc => KeyCode::Esc,
        Code::Tab => KeyCode::Tab,
        Code::BackTab => KeyCode::BackTab,
        Code::Backspace => KeyCode::Backspace,
        Code::F(n) => KeyCode::F(n),
        _ => return None,
    };
    Some(Key {
        code,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        alt: event.modifiers.contains(KeyModifiers::ALT),
    })
}

/// The input an event means, if any: key presses (not releases or
/// repeats' releases), resizes, the wheel and left clicks.
fn input_of(event: &Event) -> Option<Input> {
    match *event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_of(key).map(Input::Key),
        Event::Resize(width, height) => Some(Input::Resize { width, height }),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => Some(Input::Wheel {
                x: mouse.column,
                y: mouse.row,
                down: mouse.kind == MouseEventKind::ScrollDown,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Input::Click {
                x: mouse.column,
                y: mouse.row,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// Stops the process as the shell's job control expects (Ctrl-Z), the
/// terminal restored; sets it up again when `fg` continues it.
fn suspend(out: &mut impl Write) -> io::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    enter(out)
}

/// A cleared screen and a terminal whose buffers know nothing of what was
/// on it, so the next frame is drawn whole. (ratatui's own `clear` asks
/// the terminal for the cursor position and fails where none is given.)
fn fresh_terminal() -> io::Result<Terminal<CrosstermBackend<io::Stdout>>> {
    let mut out = io::stdout();
    execute!(out, terminal::Clear(terminal::ClearType::All))?;
    Terminal::new(CrosstermBackend::new(out))
}

/// What the reader starts with.
pub struct Session {
    pub library: Library,
    pub reading: ReadingState,
    /// The library entry to open; else where reading was left.
    pub start: Option<usize>,
    /// Where the reading state is saved; `None` keeps it in memory only.
    pub store: Option<Store>,
    pub settings: Settings,
    /// Whether to ask the terminal how wide it draws ambiguous characters.
    pub probe: bool,
    /// How pictures are to be drawn: `Auto` asks the terminal.
    pub images: ImagesSetting,
    pub keymap: Keymap,
    /// For the bottom bar at start.
    pub message: Option<String>,
    /// What `R` needs to fetch the papers followed; None without a library
    /// folder to fetch into.
    pub update: Option<UpdateSetup>,
    /// The library search index's folder, where there is one.
    pub search_index: Option<crate::library::fulltext::Index>,
}

/// The reading state is saved at most this often while reading, and on
/// the way out.
const SAVE_EVERY: Duration = Duration::from_secs(2);
/// After a failed save (a read-only or full disk), the next try is this
/// much later.
const RETRY_AFTER: Duration = Duration::from_secs(10);

/// Saving the reading state: when, and after a failure, when again.
struct Saver {
    store: Option<Store>,
    last: Instant,
    retry_at: Option<Instant>,
    /// What the bottom bar said short, whole for the command line at the
    /// end: files set aside.
    said: Vec<String>,
    /// Why the last save failed, unless one has succeeded since.
    failed: Option<String>,
}

impl Saver {
    /// Saves if there is something to save and it is time, or `now_anyway`.
    fn save(&mut self, state: &mut State, now_anyway: bool) {
        let Some(store) = &self.store else { return };
        if !state.memory().unsaved() {
            return;
        }
        let now = Instant::now();
        let due =
            now.duration_since(self.last) >= SAVE_EVERY && self.retry_at.is_none_or(|at| now >= at);
        if !due && !now_anyway {
            return;
        }
        self.last = now;
        let mut reading = state.memory().state().clone();
        match store.save(&mut reading) {
            Ok(trouble) => {
                state.memory_mut().saved(reading);
                self.retry_at = None;
                self.failed = None;
                if let Some(trouble) = trouble {
                    state.update(Input::Notice(trouble.note().to_owned()));
                    self.said.push(trouble.to_string());
                }
            }
            Err(error) => {
                self.retry_at = Some(now + RETRY_AFTER);
                state.update(Input::Notice(
                    "阅读记录未能保存，稍后重试；详情退出后见终端".to_owned(),
                ));
                self.failed = Some(format!(
                    "the reading state could not be saved to {}: {error}",
                    store.path.display()
                ));
            }
        }
    }
}

/// Runs the reader until the user quits or a signal ends it; returns the
/// signal's number if one did.
pub fn run(session: Session) -> io::Result<Option<i32>> {
    install_panic_hook();
    let stop = stop_signal()?;
    watchdog(Arc::clone(&stop));
    let mut out = io::stdout();
    // Restores whatever `enter` managed to set up if it fails halfway.
    let _restore = Restore;
    enter(&mut out)?;
    let mut settings = session.settings;
    let questions = probe::Questions {
        ambiguous: session.probe,
        graphics: session.images == ImagesSetting::Auto,
    };
    let answers = if questions.ambiguous || questions.graphics {
        probe::ask(&mut out, questions)
    } else {
        probe::Answers::default()
    };
    if session.probe {
        settings.ambiguous = answers.ambiguous.unwrap_or(Ambiguous::Narrow);
    }
    let cell = terminal::window_size().ok().and_then(|size| {
        (size.width > 0 && size.columns > 0 && size.height > 0 && size.rows > 0)
            .then(|| (size.width / size.columns, size.height / size.rows))
    });
    settings.graphics = probe::graphics(session.images, &answers, cell, &|name| {
        std::env::var(name).ok()
    });
    // Pictures are drawn on a thread of their own; without it they are
    // captions.
    let painter = settings
        .graphics
        .and_then(|graphics| Painter::start(graphics).ok());
    if painter.is_none() {
        settings.graphics = None;
    }
    let mut terminal = fresh_terminal()?;
    let size = terminal.size()?;
    let mut state = State::in_background(
        session.library,
        session.reading,
        session.start,
        settings,
        session.keymap,
        (size.width, size.height),
    );
    state.set_search_index(session.search_index);
    state.start();
    if let Some(message) = session.message {
        state.update(Input::Notice(message));
    }
    let mut saver = Saver {
        store: session.store,
        last: Instant::now(),
        retry_at: None,
        said: Vec::new(),
        failed: None,
    };
    let mut updater = Background {
        setup: session.update,
        updater: Updater::default(),
    };
    // Whatever ends the loop, an error included, what was read is saved.
    let ended = event_loop(
        &mut state,
        &mut saver,
        &mut updater,
        painter.as_ref(),
        &stop,
        &mut terminal,
    );
    updater.updater.stop();
    saver.save(&mut state, true);
    release(terminal);
    // What the bar said short is said whole once the screen is given back.
    restore();
    let mut stderr = io::stderr();
    for line in saver.said.iter().chain(&saver.failed) {
        let _ = writeln!(stderr, "epaper: {}", crate::layout::sanitize(line));
    }
    let signal = stop.load(Ordering::Relaxed);
    match ended {
        // The terminal went away (the window closed, the connection
        // dropped) while epaper was writing to it: a hang-up, whether or
        // not its SIGHUP has arrived yet.
        Err(error) if terminal_gone(&error) => Ok(Some(signal_hook::consts::SIGHUP)),
        Err(error) => Err(error),
        Ok(()) => Ok((signal != 0).then(|| i32::try_from(signal).unwrap_or(1))),
    }
}

/// Lets the terminal go. ratatui shows the cursor when its terminal is
/// dropped and prints to stderr if it cannot, which panics when stderr is
/// the terminal that has gone; the cursor is shown here instead, and a
/// terminal that cannot show it is not dropped (the process is ending).
fn release(mut terminal: Terminal<CrosstermBackend<io::Stdout>>) {
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
}

/// Whether `error` says the terminal is gone: a write that fails with EIO
/// or ENXIO (the other end of the pseudo-terminal closed), a broken pipe,
/// or `/dev/tty` reporting a hang-up.
fn terminal_gone(error: &io::Error) -> bool {
    use rustix::io::Errno;
    error.kind() == io::ErrorKind::BrokenPipe
        || matches!(Errno::from_io_error(error), Some(Errno::IO | Errno::NXIO))
        || std::fs::File::open("/dev/tty").is_ok_and(|tty| hung_up(&tty))
}

/// The update `R` starts, and what it needs.
struct Background {
    setup: Option<UpdateSetup>,
    updater: Updater,
}

/// Draws a frame, then writes again the cells the terminal erased while
/// drawing it over `before` that the frame's diff did not write
/// ([`ui::text::clobbered`]); returns the frame as drawn.
fn draw(
    terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
    state: &State,
    before: Option<&ratatui::buffer::Buffer>,
) -> io::Result<ratatui::buffer::Buffer> {
    let frame = terminal
        .draw(|frame| ui::render(state, frame))?
        .buffer
        .clone();
    if let Some(before) = before {
        let cells = ui::text::clobbered(before, &frame);
        if !cells.is_empty() {
            let backend = terminal.backend_mut();
            ratatui::backend::Backend::draw(
                backend,
                cells.iter().map(|&(x, y)| (x, y, &frame[(x, y)])),
            )?;
            ratatui::backend::Backend::flush(backend)?;
        }
    }
    Ok(frame)
}

/// Reads events and draws until the user quits or a signal comes.
fn event_loop(
    state: &mut State,
    saver: &mut Saver,
    background: &mut Background,
    painter: Option<&Painter>,
    stop: &AtomicUsize,
    terminal: &mut Terminal<CrosstermBackend<io::Stdout>>,
) -> io::Result<()> {
    // Issues are read on threads of their own and handed back here.
    let (read_tx, read_rx) = std::sync::mpsc::channel();
    let read_away = |state: &mut State| {
        if let Some((ticket, loader)) = state.load_request() {
            let tx = read_tx.clone();
            std::thread::spawn(move || {
                let _ = tx.send((ticket, loader.load()));
            });
        }
    };
    read_away(state);
    // Library searches too, each reporting as it goes.
    let (search_tx, search_rx) = std::sync::mpsc::channel();
    let search_away = |state: &mut State| {
        if let Some(job) = state.search_request() {
            let tx = search_tx.clone();
            let ticket = job.ticket();
            std::thread::spawn(move || {
                job.run(&mut |searched| {
                    let _ = tx.send((ticket, searched));
                });
            });
        }
    };
    let mut shown = draw(terminal, state, None)?;
    // Debug builds panic here on request, so the end-to-end tests can see
    // a panic leave the terminal restored.
    assert!(
        !(cfg!(debug_assertions) && std::env::var_os("EPAPER_TEST_PANIC").is_some()),
        "EPAPER_TEST_PANIC is set"
    );
    while stop.load(Ordering::Relaxed) == 0 {
        // While an issue is being read or a picture drawn, look for it
        // often.
        let tick = if state.loading().is_some() || state.pictures().waiting() || state.searching() {
            Duration::from_millis(20)
        } else {
            TICK
        };
        let input = if event::poll(tick)? {
            input_of(&event::read()?)
        } else {
            None
        };
        let had_input = input.is_some();
        let effect = input.map_or(Effect::None, |input| state.update(input));
        match effect {
            Effect::Quit => break,
            Effect::Suspend => {
                saver.save(state, true);
                suspend(&mut io::stdout())?;
                release(std::mem::replace(terminal, fresh_terminal()?));
                let size = terminal.size()?;
                state.update(Input::Resize {
                    width: size.width,
                    height: size.height,
                });
            }
            Effect::Update => {
                if let Err(message) = background.updater.start(background.setup.as_ref()) {
                    state.update(Input::Notice(message));
                }
            }
            Effect::None => {}
        }
        let events = background.updater.events();
        let mut changed = !events.is_empty();
        for event in events {
            state.background(event);
        }
        search_away(state);
        let reports: Vec<_> = search_rx.try_iter().collect();
        if !reports.is_empty() {
            state.searched(reports);
            changed = true;
        }
        for (ticket, result) in read_rx.try_iter() {
            state.loaded(ticket, result);
            changed = true;
        }
        read_away(state);
        if let Some(painter) = painter {
            for got in painter.answers() {
                state.update(Input::Picture(got));
                changed = true;
            }
            for job in state.picture_jobs() {
                painter.send(job);
            }
        }
        let had_message = state.message().map(str::to_owned);
        saver.save(state, false);
        if had_input || changed || state.message() != had_message.as_deref() {
            shown = draw(terminal, state, Some(&shown))?;
        }
    }
    Ok(())
}
