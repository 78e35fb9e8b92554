//! Takes a screenshot of the real program for the README: runs the release
//! binary in a 100×30 pseudo-terminal on the guide, presses a few keys,
//! reads the screen back with a terminal emulator (vt100) and writes it
//! as an SVG image, cell by cell, in the colours the program drew.
//!
//! Run by `scripts/screenshot.sh`.

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 30;
const COLUMNS: u16 = 100;
const CELL_WIDTH: f64 = 9.0;
const CELL_HEIGHT: f64 = 19.0;

/// The xterm colour of a 256-colour palette index.
fn indexed(index: u8) -> (u8, u8, u8) {
    const BASIC: [(u8, u8, u8); 16] = [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ];
    match index {
        0..=15 => BASIC[usize::from(index)],
        16..=231 => {
            let i = index - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            (level(i / 36), level((i / 6) % 6), level(i % 6))
        }
        _ => {
            let grey = 8 + (index - 232) * 10;
            (grey, grey, grey)
        }
    }
}

fn colour(colour: vt100::Color, default: (u8, u8, u8)) -> String {
    let (r, g, b) = match colour {
        vt100::Color::Default => default,
        vt100::Color::Idx(i) => indexed(i),
        vt100::Color::Rgb(r, g, b) => (r, g, b),
    };
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn capture(keys: &[&str]) -> vt100::Parser {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLUMNS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let mut command = CommandBuilder::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/target/release/epaper"
    ));
    command.args([
        "--ambiguous-width",
        "narrow",
        "sample-issues/epaper-guide.json",
    ]);
    command.cwd(env!("CARGO_MANIFEST_DIR"));
    command.env("TERM", "xterm-256color");
    command.env("XDG_CONFIG_HOME", std::env::temp_dir());
    let mut child = pair
        .slave
        .spawn_command(command)
        .expect("target/release/epaper runs (cargo build --release)");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let output = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&output);
    std::thread::spawn(move || {
        let mut chunk = [0u8; 4096];
        while let Ok(n) = reader.read(&mut chunk) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&chunk[..n]);
        }
    });
    let settle = || std::thread::sleep(Duration::from_millis(600));
    settle();
    for key in keys {
        writer.write_all(key.as_bytes()).unwrap();
        writer.flush().unwrap();
        settle();
    }
    let size = |n: u16| NonZeroU16::new(n).unwrap();
    let mut parser = vt100::Parser::new(size(ROWS), size(COLUMNS), 0);
    parser.process(&output.lock().unwrap());
    writer.write_all(b"q").unwrap();
    writer.flush().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    parser
}

fn svg(parser: &vt100::Parser) -> String {
    let screen = parser.screen();
    let (width, height) = (
        f64::from(COLUMNS) * CELL_WIDTH,
        f64::from(ROWS) * CELL_HEIGHT,
    );
    let (ink, paper) = ((235, 235, 235), (24, 24, 24));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         font-family=\"'Sarasa Mono SC', 'Noto Sans Mono CJK SC', 'Source Han Mono', monospace\" font-size=\"15\">"
    );
    let _ = writeln!(
        out,
        "<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
        colour(vt100::Color::Default, paper)
    );
    for row in 0..ROWS {
        let y = f64::from(row) * CELL_HEIGHT;
        let mut column = 0;
        while column < COLUMNS {
            let Some(cell) = screen.cell(row, column) else {
                break;
            };
            let wide = cell.is_wide();
            let span = if wide { 2.0 } else { 1.0 };
            let x = f64::from(column) * CELL_WIDTH;
            let (mut fg, mut bg) = (cell.fgcolor(), cell.bgcolor());
            if cell.inverse() {
                std::mem::swap(&mut fg, &mut bg);
            }
            if bg != vt100::Color::Default || cell.inverse() {
                let fill = colour(bg, if cell.inverse() { ink } else { paper });
                let _ = writeln!(
                    out,
                    "<rect x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{CELL_HEIGHT}\" fill=\"{fill}\"/>",
                    CELL_WIDTH * span
                );
            }
            let text = cell.contents();
            if !text.trim().is_empty() {
                let fill = colour(fg, if cell.inverse() { paper } else { ink });
                let weight = if cell.bold() {
                    " font-weight=\"bold\""
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    "<text x=\"{x}\" y=\"{}\" textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\" fill=\"{fill}\"{weight}>{}</text>",
                    y + CELL_HEIGHT * 0.78,
                    CELL_WIDTH * span,
                    escape(text)
                );
            }
            column += if wide { 2 } else { 1 };
        }
    }
    out.push_str("</svg>\n");
    out
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "docs/screenshot.svg".to_owned());
    // Page A02 of the guide, its first article a little way down.
    let parser = capture(&["\x1b[C", "j", "j", "j"]);
    std::fs::write(&path, svg(&parser)).expect("the image is written");
    eprintln!("wrote {path}");
}
