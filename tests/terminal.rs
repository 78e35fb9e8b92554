//! The real binary in a pseudo-terminal: it draws the paper, answers the
//! keys, and gives the terminal back as it found it.

#[path = "support/pty.rs"]
mod pty;

use pty::{Session, restored};
use std::io::Write;
use std::time::{Duration, Instant};

#[test]
fn read_the_guide_with_the_keys_and_quit() {
    let mut session = Session::start(&[
        "--ambiguous-width",
        "narrow",
        "sample-issues/epaper-guide.json",
    ]);
    session.wait_for_all(&["在终端里读报", "第A01版：头版 (1/6)", "← 上一版"]);
    session.send("\x1b[C"); // →
    session.wait_for("第A02版：要闻 (2/6)");
    session.send("]");
    session.wait_for("第A02版 · 第2篇/共5篇");
    session.send("+");
    session.wait_for("缩放 +1 · 41字");
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
    // Where ambiguous characters are wide, rules are drawn with `|`.
    let screen = session.wait_for_all(&["配强班子", "|"]);
    assert!(!screen.contains('│'));
    session.send("q");
    assert!(session.wait_exit());
    assert!(restored(&session.final_bytes()));
}

#[test]
fn a_terminal_that_does_not_answer_gets_narrow_widths() {
    let mut session = Session::start(&["sample-issues/nmgrb-2021-11-05.json"]);
    session.wait_for_all(&["配强班子", "│"]);
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

#[test]
fn a_panic_restores_the_terminal_before_its_message() {
    let mut session = Session::start_with(
        &[
            "--ambiguous-width",
            "narrow",
            "sample-issues/epaper-guide.json",
        ],
        pty::COLUMNS,
        pty::ROWS,
        &[("EPAPER_TEST_PANIC", "1")],
    );
    assert!(!session.wait_exit(), "a panic is a failure");
    let stream = session.final_bytes();
    assert!(restored(&stream), "the panic left the terminal unrestored");
    let text = String::from_utf8_lossy(&stream);
    assert_eq!(
        text.matches("\x1b[?1049l").count(),
        1,
        "restored more than once"
    );
    let left = text.find("\x1b[?1049l").unwrap();
    let message = text
        .find("EPAPER_TEST_PANIC is set")
        .expect("the panic message");
    assert!(
        left < message,
        "the message was written into the alternate screen"
    );
}

/// The terminal going away while epaper writes to it (the window closed
/// with output still on its way): the documented hang-up exit, 129, with
/// the reading state saved, and no panic.
#[test]
fn the_terminal_going_away_mid_output_is_a_hang_up() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let dir = std::env::temp_dir().join(format!("epaper-gone-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // An issue whose every page is long, so that each key redraws a full
    // screen.
    let guide = std::fs::read_to_string("sample-issues/epaper-guide.json").unwrap();
    let mut issue: serde_json::Value = serde_json::from_str(&guide).unwrap();
    for page in issue["pages"].as_array_mut().unwrap() {
        for article in page["articles"].as_array_mut().unwrap() {
            let paragraphs = article["paragraphs"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let many = (0..50).flat_map(|_| paragraphs.iter().cloned()).collect();
            article["paragraphs"] = serde_json::Value::Array(many);
        }
    }
    let file = dir.join("long.json");
    std::fs::write(&file, serde_json::to_vec(&issue).unwrap()).unwrap();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 60,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_epaper"));
    command.args(["--ambiguous-width", "narrow"]);
    command.arg(&file);
    command.env("TERM", "xterm-256color");
    command.env("HOME", &dir);
    command.env("XDG_CONFIG_HOME", &dir);
    command.env("EPAPER_STATE_DIR", dir.join("state"));
    command.env_remove("EPAPER_CONFIG");
    let mut child = pair.slave.spawn_command(command).unwrap();
    drop(pair.slave);
    let mut writer = pair.master.take_writer().unwrap();
    // Nothing is read: what epaper writes backs up in the terminal.
    std::thread::sleep(Duration::from_millis(500));
    for _ in 0..20 {
        let _ = writer.write_all(b"jjjjjl");
        let _ = writer.flush();
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(writer);
    drop(pair.master);
    let deadline = Instant::now() + Duration::from_secs(10);
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        assert!(Instant::now() < deadline, "epaper did not exit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(exit.exit_code(), 129, "not the hang-up exit");
    let state = std::fs::read_to_string(dir.join("state/state.json")).expect("state saved");
    assert!(state.contains("\"place\""), "{state}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A state file that cannot be read: the bottom bar says so in a few
/// words, and the command line has the whole message, both paths whole.
#[test]
fn a_state_file_that_cannot_be_read_is_said_short_and_whole() {
    let dir = std::env::temp_dir().join(format!(
        "epaper-unreadable-state-{}/a folder with a long name",
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let state = dir.join("state.json");
    std::fs::write(&state, "not json").unwrap();
    let mut session = Session::start_with(
        &[
            "--ambiguous-width",
            "narrow",
            "sample-issues/epaper-guide.json",
        ],
        60,
        pty::ROWS,
        &[("EPAPER_STATE_DIR", dir.to_str().unwrap())],
    );
    session.wait_for("阅读记录无法读取，已另存一旁，从头记录");
    session.send("q");
    assert!(session.wait_exit());
    let text = String::from_utf8_lossy(&session.final_bytes()).into_owned();
    let aside = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().contains("state.json.bad-"))
        .expect("the file set aside");
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
    let said = format!(
        "epaper: the reading state {} cannot be read (it is not JSON from line 1, column 2 on); it was moved to {}, and reading starts afresh\r\n",
        state.display(),
        aside.display()
    );
    let at = text
        .find(&said)
        .unwrap_or_else(|| panic!("{said:?} in {text:?}"));
    assert!(
        at < text.find("\x1b[?1049h").unwrap(),
        "said inside the screen"
    );
}

/// A reading state that cannot be saved: said whole after the screen is
/// given back, where it can be read.
#[test]
fn a_state_that_cannot_be_saved_is_said_when_the_reader_ends() {
    let dir = std::env::temp_dir().join(format!("epaper-unsaved-state-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // The state's folder is a file: nothing can be written under it.
    let blocked = dir.join("state");
    std::fs::write(&blocked, "a file where a folder should be").unwrap();
    let mut session = Session::start_with(
        &[
            "--ambiguous-width",
            "narrow",
            "sample-issues/epaper-guide.json",
        ],
        pty::COLUMNS,
        pty::ROWS,
        &[("EPAPER_STATE_DIR", blocked.to_str().unwrap())],
    );
    session.wait_for("在终端里读报");
    session.send("]");
    session.wait_for("第2篇");
    session.send("q");
    assert!(session.wait_exit());
    let text = String::from_utf8_lossy(&session.final_bytes()).into_owned();
    let _ = std::fs::remove_dir_all(&dir);
    let said = format!(
        "epaper: the reading state could not be saved to {}: ",
        blocked.join("state.json").display()
    );
    let at = text
        .rfind(&said)
        .unwrap_or_else(|| panic!("{said:?} in {text:?}"));
    assert!(
        at > text.rfind("\x1b[?1049l").unwrap(),
        "said inside the screen"
    );
}
