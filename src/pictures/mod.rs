//! Pictures: page pictures (版面图) and photos, read from their files,
//! decoded, fitted to cells and encoded for the terminal's graphics
//! protocol, on a thread of their own so that the reader never waits on
//! one.
//!
//! The reader asks for what its screen shows ([`Job::Screen`]) and for
//! pictures' sizes ([`Job::Measure`]); answers come back as [`Got`]. A
//! picture file is only ever decoded: what reaches the terminal is the
//! chosen protocol's encoding of the decoded pixels, never the file.
//!
//! Knows the model's shapes of areas and nothing of the reader's state.

mod draw;
pub mod marks;

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError};

pub use draw::{decode, measure};
pub use marks::Marks;

/// A graphics protocol, as the config names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Protocol {
    Kitty,
    Sixel,
    Iterm2,
    /// `▀` cells with a colour above and below: every terminal, tmux too.
    Halfblocks,
}

impl Protocol {
    pub fn name(self) -> &'static str {
        match self {
            Protocol::Kitty => "kitty",
            Protocol::Sixel => "sixel",
            Protocol::Iterm2 => "iterm2",
            Protocol::Halfblocks => "halfblocks",
        }
    }
}

/// The config's `images`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ImagesSetting {
    /// Ask the terminal what it can draw.
    #[default]
    Auto,
    Use(Protocol),
    /// No pictures: captions and the page map's boxes only.
    Off,
}

/// How pictures are drawn on this terminal: the protocol, and a cell's
/// size in the pixels pictures are fitted in (for half blocks, one pixel
/// wide and two high: the two halves of the cell).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Graphics {
    pub protocol: Protocol,
    pub cell: (u16, u16),
}

impl Graphics {
    /// Half blocks, which need nothing of the terminal.
    pub fn halfblocks() -> Graphics {
        Graphics {
            protocol: Protocol::Halfblocks,
            cell: (1, 2),
        }
    }

    /// `protocol` with cells of `cell` pixels (half blocks have their own).
    /// Inside tmux, ratatui-image wraps the sequences for its passthrough
    /// by itself.
    pub fn new(protocol: Protocol, cell: (u16, u16)) -> Graphics {
        if protocol == Protocol::Halfblocks {
            return Graphics::halfblocks();
        }
        Graphics {
            protocol,
            cell: (cell.0.max(1), cell.1.max(1)),
        }
    }

    /// The rows a picture of `size` pixels takes at `columns` cells wide,
    /// its shape kept, at least one.
    pub fn rows_for(&self, size: (u32, u32), columns: u16) -> u16 {
        let (w, h) = (f64::from(size.0.max(1)), f64::from(size.1));
        let (cw, ch) = (f64::from(self.cell.0), f64::from(self.cell.1));
        let rows = (f64::from(columns) * cw * h / w / ch).round();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let rows = rows.clamp(1.0, f64::from(u16::MAX)) as u16;
        rows
    }

    /// The largest box of cells within `cells` that a picture of `size`
    /// pixels fills with its shape kept.
    pub fn fit(&self, size: (u32, u32), cells: (u16, u16)) -> (u16, u16) {
        // No room (a terminal below the minimum): nothing to draw.
        if cells.0 == 0 || cells.1 == 0 {
            return (0, 0);
        }
        let rows = self.rows_for(size, cells.0);
        if rows <= cells.1 {
            return (cells.0, rows);
        }
        let (w, h) = (f64::from(size.0), f64::from(size.1.max(1)));
        let (cw, ch) = (f64::from(self.cell.0), f64::from(self.cell.1));
        let columns = (f64::from(cells.1) * ch * w / h / cw).floor();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let columns = columns.clamp(1.0, f64::from(cells.0)) as u16;
        (columns, cells.1)
    }
}

/// A picture as the screen wants it: which file, fitted to a box of
/// `cells` (columns, rows), of which the rows `visible` show (a photo
/// half scrolled off shows its lower part), with the page map's marks on
/// it or not.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Want {
    pub path: PathBuf,
    pub cells: (u16, u16),
    pub visible: std::ops::Range<u16>,
    pub marks: Option<Marks>,
}

impl Want {
    /// The whole picture in `cells`.
    pub fn whole(path: PathBuf, cells: (u16, u16)) -> Want {
        Want {
            path,
            cells,
            visible: 0..cells.1,
            marks: None,
        }
    }

    /// The cells the drawn picture takes: all its columns, the visible
    /// rows.
    pub fn shown(&self) -> (u16, u16) {
        (
            self.cells.0,
            self.visible.end.saturating_sub(self.visible.start),
        )
    }
}

/// A picture encoded for the terminal, ready to draw into its cells.
#[derive(Clone)]
pub struct Drawn(pub ratatui_image::protocol::Protocol);

impl std::fmt::Debug for Drawn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Drawn({:?})", self.0.size())
    }
}

/// What the reader asks of the painter.
#[derive(Debug, Clone)]
pub enum Job {
    /// A picture's size in pixels, from its header.
    Measure(PathBuf),
    /// The pictures the screen shows now; a newer screen replaces one
    /// not yet drawn.
    Screen(Vec<Want>),
}

/// What the painter answers.
#[derive(Debug, Clone)]
pub enum Got {
    Size {
        path: PathBuf,
        size: Result<(u32, u32), String>,
    },
    Drawn {
        want: Want,
        drawn: Result<Arc<Drawn>, String>,
    },
}

impl PartialEq for Got {
    fn eq(&self, other: &Got) -> bool {
        match (self, other) {
            (Got::Size { path: a, size: x }, Got::Size { path: b, size: y }) => a == b && x == y,
            (Got::Drawn { want: a, drawn: x }, Got::Drawn { want: b, drawn: y }) => {
                a == b
                    && match (x, y) {
                        (Ok(x), Ok(y)) => Arc::ptr_eq(x, y),
                        (Err(x), Err(y)) => x == y,
                        _ => false,
                    }
            }
            _ => false,
        }
    }
}

impl Eq for Got {}

/// The painter thread's name: the panic hook leaves the terminal alone
/// for it, as its panics become answers.
pub const THREAD: &str = "pictures";

/// `work`, with a panic in the decoders or encoders turned into a reason
/// the screen shows where the picture would be: one bad picture costs
/// that picture, never the reader.
fn guarded<T>(work: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
        .unwrap_or_else(|payload| Err(panic_reason(payload.as_ref())))
}

fn panic_reason(payload: &(dyn std::any::Any + Send)) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    format!(
        "the picture could not be drawn ({})",
        crate::layout::sanitize(&message)
    )
}

/// Decoded pictures kept for drawing again at another size or with other
/// marks, up to this many bytes of pixels.
const KEPT_PIXELS: usize = 192 << 20;
/// Encodings kept for a screen seen again: a kitty page map of a large
/// screen is some 4 MB of encoding.
const KEPT_DRAWN: usize = 16;

/// The painter's memory: decoded pictures and encodings, the least
/// recently used dropped first.
struct Memory {
    decoded: VecDeque<(PathBuf, Arc<image::RgbaImage>)>,
    drawn: VecDeque<(Want, Arc<Drawn>)>,
    /// ratatui-image's picker, for the protocols that need one.
    picker: Option<ratatui_image::picker::Picker>,
    measured: HashMap<PathBuf, Result<(u32, u32), String>>,
}

impl Memory {
    fn new(graphics: Graphics) -> Memory {
        Memory {
            decoded: VecDeque::new(),
            drawn: VecDeque::new(),
            picker: (graphics.protocol != Protocol::Halfblocks).then(|| draw::picker(graphics)),
            measured: HashMap::new(),
        }
    }

    /// A picture's size, measured once.
    fn size(&mut self, path: &Path) -> Result<(u32, u32), String> {
        self.measured
            .entry(path.to_owned())
            .or_insert_with(|| guarded(|| measure(path)))
            .clone()
    }

    /// A picture drawn as `want` asks, a panic while drawing a reason.
    fn drawn(&mut self, graphics: Graphics, want: &Want) -> Result<Arc<Drawn>, String> {
        guarded(|| self.draw(graphics, want))
    }
}

impl Memory {
    fn decoded(&mut self, path: &Path) -> Result<Arc<image::RgbaImage>, String> {
        if let Some(at) = self.decoded.iter().position(|(p, _)| p == path) {
            let kept = self.decoded.remove(at).expect("a position found");
            let picture = Arc::clone(&kept.1);
            self.decoded.push_back(kept);
            return Ok(picture);
        }
        let picture = Arc::new(decode(path)?);
        self.decoded
            .push_back((path.to_owned(), Arc::clone(&picture)));
        let mut bytes: usize = self.decoded.iter().map(|(_, p)| p.as_raw().len()).sum();
        while bytes > KEPT_PIXELS && self.decoded.len() > 1 {
            if let Some((_, dropped)) = self.decoded.pop_front() {
                bytes -= dropped.as_raw().len();
            }
        }
        Ok(picture)
    }

    fn draw(&mut self, graphics: Graphics, want: &Want) -> Result<Arc<Drawn>, String> {
        if let Some((_, drawn)) = self.drawn.iter().find(|(w, _)| w == want) {
            return Ok(Arc::clone(drawn));
        }
        let picture = self.decoded(&want.path)?;
        let drawn = Arc::new(draw::encode(
            graphics,
            self.picker.as_ref(),
            &picture,
            want,
        )?);
        self.drawn.push_back((want.clone(), Arc::clone(&drawn)));
        if self.drawn.len() > KEPT_DRAWN {
            self.drawn.pop_front();
        }
        Ok(drawn)
    }
}

/// Does `job` at once, on this thread: what the painter's thread does,
/// for tests and benches.
pub fn answer(graphics: &Graphics, job: &Job) -> Vec<Got> {
    let mut memory = Memory::new(*graphics);
    match job {
        Job::Measure(path) => vec![Got::Size {
            path: path.clone(),
            size: memory.size(path),
        }],
        Job::Screen(wants) => wants
            .iter()
            .map(|want| Got::Drawn {
                want: want.clone(),
                drawn: memory.drawn(*graphics, want),
            })
            .collect(),
    }
}

/// The painter's thread, and the ends of its two channels.
pub struct Painter {
    jobs: Sender<Job>,
    got: Receiver<Got>,
}

impl Painter {
    /// Starts the thread that draws with `graphics`.
    pub fn start(graphics: Graphics) -> std::io::Result<Painter> {
        let (jobs, jobs_rx) = std::sync::mpsc::channel::<Job>();
        let (got_tx, got) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name(THREAD.into())
            .spawn(move || work(graphics, &jobs_rx, &got_tx))?;
        Ok(Painter { jobs, got })
    }

    pub fn send(&self, job: Job) {
        // The thread ends only with the painter; a send to it cannot fail
        // while this end lives, and a picture not drawn is only a caption.
        let _ = self.jobs.send(job);
    }

    /// What has been drawn or measured since last asked.
    pub fn answers(&self) -> Vec<Got> {
        self.got.try_iter().collect()
    }
}

/// The thread's loop: measures as they come, and the newest screen's
/// pictures one at a time, so that a screen left while its pictures were
/// drawn is given up for the next.
fn work(graphics: Graphics, jobs: &Receiver<Job>, got: &Sender<Got>) {
    let mut memory = Memory::new(graphics);
    let mut screen: VecDeque<Want> = VecDeque::new();
    loop {
        let mut incoming = Vec::new();
        if screen.is_empty() {
            match jobs.recv() {
                Ok(job) => incoming.push(job),
                Err(_) => return,
            }
        }
        loop {
            match jobs.try_recv() {
                Ok(job) => incoming.push(job),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => return,
            }
        }
        for job in incoming {
            match job {
                Job::Measure(path) => {
                    let size = memory.size(&path);
                    if got.send(Got::Size { path, size }).is_err() {
                        return;
                    }
                }
                Job::Screen(wants) => screen = wants.into(),
            }
        }
        if let Some(want) = screen.pop_front() {
            let drawn = memory.drawn(graphics, &want);
            if got.send(Got::Drawn { want, drawn }).is_err() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_while_drawing_is_a_reason_not_the_end() {
        let reason = guarded::<()>(|| panic!("bad \x1b[2J sixel"));
        assert_eq!(
            reason,
            Err("the picture could not be drawn (bad ␛[2J sixel)".to_owned())
        );
        assert_eq!(guarded(|| Ok(3)), Ok(3));
    }

    #[test]
    fn pictures_fit_their_box_with_their_shape_and_no_box_is_no_picture() {
        let halfblocks = Graphics::halfblocks();
        // 300×200 at 60 columns: 60 × 200/300 / 2 = 20 rows.
        assert_eq!(halfblocks.fit((300, 200), (60, 40)), (60, 20));
        // Too high for 10 rows: 10 × 2 × 300/200 = 30 columns.
        assert_eq!(halfblocks.fit((300, 200), (60, 10)), (30, 10));
        assert_eq!(halfblocks.fit((300, 200), (0, 10)), (0, 0));
        assert_eq!(halfblocks.fit((300, 200), (10, 0)), (0, 0));
        assert_eq!(halfblocks.fit((1, 100_000), (1, 1)), (1, 1));
    }
}
