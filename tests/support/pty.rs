//! The real binary in a pseudo-terminal, for the end-to-end tests: keys
//! in, the bytes it writes out, and the screen they draw (vt100).

#![allow(dead_code, reason = "each test file uses part of it")]

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

pub const ROWS: u16 = 30;
pub const COLUMNS: u16 = 100;

pub struct Session {
    output: Arc<Mutex<Vec<u8>>>,
    size: (u16, u16),
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    _home: TempHome,
}

/// An empty home, so that no config of the machine's is read.
struct TempHome(PathBuf);

impl Drop for TempHome {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Session {
    /// epaper with `args`, in a 100×30 terminal.
    pub fn start(args: &[&str]) -> Session {
        Session::start_at(args, COLUMNS, ROWS)
    }

    /// epaper with `args`, in a terminal `columns` by `rows`, its home,
    /// config, library and state in a folder of its own.
    pub fn start_at(args: &[&str], columns: u16, rows: u16) -> Session {
        Session::start_with(args, columns, rows, &[])
    }

    /// The same, with more environment variables.
    pub fn start_with(args: &[&str], columns: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        static SESSIONS: AtomicUsize = AtomicUsize::new(0);
        let number = SESSIONS.fetch_add(1, Ordering::Relaxed);
        let home = std::env::temp_dir().join(format!("epaper-pty-{}-{number}", std::process::id()));
        std::fs::create_dir_all(&home).unwrap();
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols: columns,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_epaper"));
        command.args(args);
        command.cwd(env!("CARGO_MANIFEST_DIR"));
        command.env("TERM", "xterm-256color");
        command.env("HOME", &home);
        command.env("XDG_CONFIG_HOME", &home);
        command.env("XDG_STATE_HOME", &home);
        command.env("XDG_DATA_HOME", &home);
        command.env("XDG_CACHE_HOME", &home);
        for variable in [
            "EPAPER_CONFIG",
            "EPAPER_LIBRARY",
            "EPAPER_STATE_DIR",
            "EPAPER_CACHE_DIR",
        ] {
            command.env_remove(variable);
        }
        for (variable, value) in env {
            command.env(variable, value);
        }
        let child = pair.slave.spawn_command(command).expect("epaper starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
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
        // The master must outlive the child: keep it in the reader thread's
        // reach by leaking it into the session's lifetime.
        std::mem::forget(pair.master);
        Session {
            output,
            size: (columns, rows),
            writer,
            child,
            _home: TempHome(home),
        }
    }

    pub fn bytes(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    /// All the output, once the process has exited and the reader thread
    /// has drained the terminal.
    pub fn final_bytes(&self) -> Vec<u8> {
        let deadline = Instant::now() + Duration::from_secs(5);
        let mut last = self.bytes().len();
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let now = self.bytes().len();
            if (now == last && restored(&self.bytes())) || Instant::now() > deadline {
                return self.bytes();
            }
            last = now;
        }
    }

    pub fn screen(&self) -> String {
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut parser = vt100::Parser::new(size(self.size.1), size(self.size.0), 0);
        parser.process(&self.bytes());
        parser.screen().contents()
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_for_all(&[text])
    }

    /// Waits until the screen shows every one of `texts` at once. A frame
    /// can reach the pseudo-terminal in more than one read, so what else a
    /// test expects of a screen is waited for too, not read from the first
    /// part that arrived.
    pub fn wait_for_all(&self, texts: &[&str]) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if texts.iter().all(|text| screen.contains(text)) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "never showed all of {texts:?}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.success();
            }
            assert!(Instant::now() < deadline, "epaper did not exit");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// Whether the output ends by leaving the alternate screen and showing the
/// cursor, in that order.
pub fn restored(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let left = text.rfind("\x1b[?1049l");
    let shown = text.rfind("\x1b[?25h");
    matches!((left, shown), (Some(l), Some(s)) if s > l) && text.rfind("\x1b[?1049h") < left
}
