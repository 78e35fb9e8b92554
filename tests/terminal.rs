//! The real binary in a pseudo-terminal: it draws the paper, answers the
//! keys, and gives the terminal back as it found it.

#[path = "support/pty.rs"]
mod pty;

use pty::{Session, restored};
use std::time::{Duration, Instant};

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
