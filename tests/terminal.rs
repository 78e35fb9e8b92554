//! The real binary in a pseudo-terminal: it draws the paper, answers the
//! keys, and gives the terminal back as it found it.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 30;
const COLUMNS: u16 = 100;

struct Session {
    output: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
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
    fn start(args: &[&str]) -> Session {
        static SESSIONS: AtomicUsize = AtomicUsize::new(0);
        let number = SESSIONS.fetch_add(1, Ordering::Relaxed);
        let home = std::env::temp_dir().join(format!("epaper-pty-{}-{number}", std::process::id()));
        std::fs::create_dir_all(&home).unwrap();
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLUMNS,
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
        command.env_remove("EPAPER_CONFIG");
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
            writer,
            child,
            _home: TempHome(home),
        }
    }

    fn bytes(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    /// All the output, once the process has exited and the reader thread
    /// has drained the terminal.
    fn final_bytes(&self) -> Vec<u8> {
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

    fn screen(&self) -> String {
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut parser = vt100::Parser::new(size(ROWS), size(COLUMNS), 0);
        parser.process(&self.bytes());
        parser.screen().contents()
    }

    /// Waits until the screen shows `text`.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "never showed {text:?}; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn wait_exit(&mut self) -> bool {
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
fn restored(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let left = text.rfind("\x1b[?1049l");
    let shown = text.rfind("\x1b[?25h");
    matches!((left, shown), (Some(l), Some(s)) if s > l) && text.rfind("\x1b[?1049h") < left
}

#[test]
fn read_the_guide_with_the_keys_and_quit() {
    let mut session = Session::start(&[
        "--ambiguous-width",
        "narrow",
        "sample-issues/epaper-guide.json",
    ]);
    let screen = session.wait_for("在终端里读报");
    assert!(screen.contains("第A01版：头版 (1/6)"));
    assert!(screen.contains("← 上一版"));
    session.send("\x1b[C"); // →
    session.wait_for("第A02版：要闻 (2/6)");
    session.send("]");
    session.wait_for("第A02版 · 第2篇/共5篇");
    session.send("+");
    session.wait_for("缩放 +1 · 44字");
    session.send("q");
    assert!(session.wait_exit());
    let bytes = session.final_bytes();
    let tail = String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(80)..]).into_owned();
    assert!(restored(&bytes), "the terminal was not restored: {tail:?}");
}

#[test]
fn the_ambiguous_width_is_asked_of_the_terminal() {
    let mut session = Session::start(&["sample-issues/nmgrb-2021-11-05.json"]);
    // Answer the cursor position request as a terminal that draws “ wide.
    let deadline = Instant::now() + Duration::from_secs(20);
    while !String::from_utf8_lossy(&session.bytes()).contains("\x1b[6n") {
        assert!(Instant::now() < deadline, "no cursor position request");
        std::thread::sleep(Duration::from_millis(20));
    }
    session.send("\x1b[1;3R");
    let screen = session.wait_for("配强班子");
    // Where ambiguous characters are wide, rules are drawn with `|`.
    assert!(screen.contains('|'), "{screen}");
    assert!(!screen.contains('│'));
    session.send("q");
    assert!(session.wait_exit());
    assert!(restored(&session.final_bytes()));
}

#[test]
fn a_terminal_that_does_not_answer_gets_narrow_widths() {
    let mut session = Session::start(&["sample-issues/nmgrb-2021-11-05.json"]);
    let screen = session.wait_for("配强班子");
    assert!(screen.contains('│'));
    session.send("q");
    assert!(session.wait_exit());
}

/// SIGTERM, SIGHUP and SIGINT from outside end the reader as `q` does, the
/// terminal restored, with the shell's status for a signal, 128 + its
/// number.
#[test]
fn signals_end_the_reader_with_the_terminal_restored() {
    for (signal, status) in [("TERM", 143), ("HUP", 129), ("INT", 130)] {
        let mut session = Session::start(&[
            "--ambiguous-width",
            "narrow",
            "sample-issues/epaper-guide.json",
        ]);
        session.wait_for("在终端里读报");
        let pid = session.child.process_id().expect("a process id");
        let killed = std::process::Command::new("kill")
            .args([format!("-{signal}"), pid.to_string()])
            .status()
            .expect("kill runs");
        assert!(killed.success());
        let deadline = Instant::now() + Duration::from_secs(10);
        let exit = loop {
            if let Some(exit) = session.child.try_wait().unwrap() {
                break exit;
            }
            assert!(
                Instant::now() < deadline,
                "SIG{signal} did not end the reader"
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        assert_eq!(exit.exit_code(), status, "SIG{signal}");
        assert!(
            restored(&session.final_bytes()),
            "SIG{signal} left the terminal unrestored"
        );
    }
}
