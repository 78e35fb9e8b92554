//! Hostile issue files (tests/fixtures/hostile/, and the large ones of
//! tests/support/extreme.rs): each gets its verdict from `epaper check`;
//! neither `check` nor `cat` writes a control byte but the newline; and
//! the reader, in a pseudo-terminal, shows the text with visible marks and
//! writes no escape sequence but its own: no window title, clipboard,
//! hyperlink or device string, whatever the file holds.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

#[path = "support/extreme.rs"]
mod extreme;
#[path = "support/pty.rs"]
mod pty;

/// A hostile file and what epaper does with it.
struct Case {
    file: &'static str,
    /// `None`: `check` accepts it; else the words of its error.
    error: Option<&'static str>,
    /// What `cat` prints of it.
    prints: &'static str,
    /// What the reader's first screen shows of it (as vt100 reads the
    /// screen: it drops U+FFFD, which terminals draw as �).
    shows: &'static str,
}

const CASES: &[Case] = &[
    Case {
        file: "csi-everywhere.json",
        error: None,
        prints: "␛[2J␛[H␛[31;1m",
        shows: "␛[2J␛[H␛[31;1m",
    },
    Case {
        file: "osc-window-title.json",
        error: None,
        prints: "␛]0;pwned␇",
        shows: "␛]0;pwned␇",
    },
    Case {
        file: "osc52-clipboard.json",
        error: None,
        prints: "␛]52;c;cm0gLXJmIH4=␇",
        shows: "␛]52;c;cm0gLXJmIH4=␇",
    },
    Case {
        file: "osc8-hyperlink.json",
        error: None,
        prints: "␛]8;;https://evil.example/",
        shows: "␛]8;;https://evil.example/",
    },
    Case {
        file: "dcs-apc.json",
        error: None,
        prints: "␛Pq#0;2;0;0;0#1!14@␛\\",
        shows: "␛Pq#0;2;0;0;0#1!14@␛\\",
    },
    Case {
        file: "c1-controls.json",
        error: None,
        prints: "一版�2J�0;title� �q�",
        shows: "八位控制2J0;title q",
    },
    Case {
        file: "c0-controls.json",
        error: None,
        prints: "␇响铃␈退格",
        shows: "␇响铃␈退格",
    },
    Case {
        file: "bidi-overrides.json",
        error: None,
        prints: "�反转�",
        shows: "txt.exe",
    },
    Case {
        file: "zero-width.json",
        error: None,
        prints: "标题零\u{200d}宽\u{200c}字",
        shows: "零宽",
    },
    Case {
        file: "combining-stack.json",
        error: None,
        prints: "副题字\u{300}\u{301}",
        shows: "组合字",
    },
    Case {
        file: "emoji.json",
        error: None,
        prints: "标题👨\u{200d}👩\u{200d}👧\u{200d}👦",
        shows: "表情👨",
    },
    Case {
        file: "private-unassigned.json",
        error: None,
        prints: "标题\u{e000}\u{f8ff}",
        shows: "私用",
    },
    Case {
        file: "empty-optionals.json",
        error: None,
        prints: "只有标题",
        shows: "只有标题",
    },
    Case {
        file: "lone-surrogate.json",
        error: Some(
            "1:114: error: a lone UTF-16 surrogate escape (such as \\ud800) is not a character",
        ),
        prints: "",
        shows: "",
    },
    Case {
        file: "long-labels.json",
        error: None,
        prints: "长长长长",
        shows: "长长长长",
    },
    Case {
        file: "no-break-paragraph.json",
        error: None,
        prints: "1234567890123456789",
        shows: "1234567890123456789",
    },
    Case {
        file: "long-title.json",
        error: None,
        prints: "很长的标题，很长的标题，",
        shows: "很长的标题，很长的标题，",
    },
    Case {
        file: "many-articles.json",
        error: None,
        prints: "第99999篇",
        shows: "共100000篇",
    },
    Case {
        file: "many-pages.json",
        error: None,
        prints: "第09999版",
        shows: "00000",
    },
    Case {
        file: "long-story.json",
        error: None,
        prints: "下转第0001版",
        shows: "下转第0001版",
    },
];

/// Where the case's file is: in the repository, or written once into a
/// temporary folder from tests/support/extreme.rs.
fn path(file: &str) -> PathBuf {
    static MADE: OnceLock<PathBuf> = OnceLock::new();
    let kept = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(file);
    if kept.exists() {
        return kept;
    }
    let folder = MADE.get_or_init(|| {
        let folder = std::env::temp_dir().join(format!("epaper-extreme-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        for (name, bytes) in extreme::all() {
            std::fs::write(folder.join(name), bytes).unwrap();
        }
        folder
    });
    folder.join(file)
}

fn epaper(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_epaper"))
        .args(args)
        .env("HOME", std::env::temp_dir())
        .env_remove("EPAPER_CONFIG")
        .output()
        .expect("the epaper binary runs")
}

/// The first character of `bytes` that is a control character other than
/// the newline, or a bidi control, with its offset.
fn control_byte(bytes: &[u8]) -> Option<(usize, char)> {
    let text = String::from_utf8_lossy(bytes);
    text.char_indices().find(|&(_, c)| {
        (c.is_control() && c != '\n')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

#[test]
fn check_gives_each_file_its_verdict_in_clean_words() {
    for case in CASES {
        let file = path(case.file);
        let output = epaper(&["check", file.to_str().unwrap()]);
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        match case.error {
            None => {
                assert_eq!(output.status.code(), Some(0), "{}: {stderr}", case.file);
                assert!(stdout.starts_with("ok  "), "{}: {stdout}", case.file);
            }
            Some(error) => {
                assert_eq!(output.status.code(), Some(1), "{}", case.file);
                assert!(stderr.contains(error), "{}: {stderr}", case.file);
            }
        }
        for (stream, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
            assert_eq!(control_byte(bytes), None, "{}: check's {stream}", case.file);
        }
    }
}

#[test]
fn cat_writes_no_control_byte_but_the_newline() {
    for case in CASES.iter().filter(|case| case.error.is_none()) {
        let file = path(case.file);
        for ambiguous in ["narrow", "wide"] {
            let output = epaper(&[
                "cat",
                file.to_str().unwrap(),
                "--width",
                "60",
                "--ambiguous-width",
                ambiguous,
            ]);
            assert_eq!(output.status.code(), Some(0), "{}", case.file);
            assert_eq!(
                control_byte(&output.stdout),
                None,
                "{}: cat's output",
                case.file
            );
            assert!(
                String::from_utf8_lossy(&output.stdout).contains(case.prints),
                "{}: cat does not print {:?}",
                case.file,
                case.prints
            );
        }
    }
}

/// The first escape sequence in `stream` that is not one epaper writes: it
/// writes control sequences (ESC [ parameters intermediates final) and
/// nothing else; no OSC (titles, clipboard, hyperlinks), DCS, APC, PM or
/// SOS string, no 8-bit C1 control, no C0 control but ESC, CR and LF, and
/// no bidi control.
fn foreign_sequence(stream: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(stream);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let around = || {
            let nearby: String = chars[i.saturating_sub(10)..(i + 30).min(chars.len())]
                .iter()
                .map(|&(_, c)| c)
                .collect();
            format!("at byte {at}: {nearby:?}")
        };
        match c {
            '\u{1b}' => {
                if chars.get(i + 1).map(|&(_, c)| c) != Some('[') {
                    return Some(format!("an escape other than CSI {}", around()));
                }
                let mut j = i + 2;
                while chars
                    .get(j)
                    .is_some_and(|&(_, c)| ('\u{30}'..='\u{3f}').contains(&c))
                {
                    j += 1;
                }
                while chars
                    .get(j)
                    .is_some_and(|&(_, c)| ('\u{20}'..='\u{2f}').contains(&c))
                {
                    j += 1;
                }
                if !chars
                    .get(j)
                    .is_some_and(|&(_, c)| ('\u{40}'..='\u{7e}').contains(&c))
                {
                    return Some(format!("an unfinished control sequence {}", around()));
                }
                i = j + 1;
                continue;
            }
            '\r' | '\n' => {}
            c if c.is_control() => return Some(format!("the control {c:?} {}", around())),
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                return Some(format!("the bidi control {c:?} {}", around()));
            }
            _ => {}
        }
        i += 1;
    }
    None
}

#[test]
fn the_stream_check_finds_what_a_file_could_smuggle() {
    assert_eq!(
        foreign_sequence(b"\x1b[2J\x1b[?1049h\x1b[38;5;12mtext\r\n"),
        None
    );
    for smuggled in [
        &b"\x1b]0;title\x07"[..],
        b"\x1b]52;c;cm0=\x07",
        b"\x1b]8;;http://x\x1b\\",
        b"\x1bPq\x1b\\",
        b"\x1b_G\x1b\\",
        b"\xc2\x9b2J",
        b"\x07",
        "\u{202e}".as_bytes(),
    ] {
        assert!(foreign_sequence(smuggled).is_some(), "{smuggled:?}");
    }
}

/// Keys that go through the whole file: every page, every article, the
/// help, the library, a bookmark and its list, a search, the zoom.
const WALK: &[&str] = &[
    "]", "]", "]", "j", "j", " ", "l", "l", "l", "?", "\x1b", "i", "\t", "\x1b", "m", "'", "\x1b",
    "/", "标题", "\r", "\r", "n", "z", "+", "+", "-", "=", "z", "G", "g", "h", "[", "\t", "j",
    "\r",
];

#[test]
fn the_reader_shows_marks_and_writes_no_sequence_but_its_own() {
    for case in CASES.iter().filter(|case| case.error.is_none()) {
        eprintln!("reading {}", case.file);
        let file = path(case.file);
        let mut session =
            pty::Session::start(&["--ambiguous-width", "narrow", file.to_str().unwrap()]);
        let screen = session.wait_for(case.shows);
        assert!(screen.contains(case.shows), "{}", case.file);
        for key in WALK {
            session.send(key);
            std::thread::sleep(std::time::Duration::from_millis(15));
        }
        // Out of whatever overlay the walk left open, then quit. An Esc
        // that reaches the reader in the same read as the next key is that
        // key with Alt, so each waits for the reader to be idle; and a
        // busy machine gets more than one try.
        for _ in 0..10 {
            session.send("\x1b");
            std::thread::sleep(std::time::Duration::from_millis(150));
            session.send("\x1b");
            std::thread::sleep(std::time::Duration::from_millis(150));
            session.send("q");
            std::thread::sleep(std::time::Duration::from_millis(300));
            if session.child.try_wait().unwrap().is_some() {
                break;
            }
        }
        assert!(session.wait_exit(), "{}: epaper failed", case.file);
        let stream = session.final_bytes();
        assert!(
            pty::restored(&stream),
            "{}: the terminal was not restored",
            case.file
        );
        // The reader's own question at start, whether the terminal draws
        // kitty graphics, is the one APC it may write.
        let query = b"\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\";
        let asked = stream.windows(query.len()).filter(|w| w == query).count();
        assert!(asked <= 1, "{}: asked {asked} times", case.file);
        let stream: Vec<u8> = match stream.windows(query.len()).position(|w| w == query) {
            Some(at) => [&stream[..at], &stream[at + query.len()..]].concat(),
            None => stream,
        };
        if let Some(foreign) = foreign_sequence(&stream) {
            panic!("{}: {foreign}", case.file);
        }
    }
}

/// A file of `bytes` bytes that takes no room on disk.
fn sparse(name: &str, bytes: u64) -> PathBuf {
    let path = std::env::temp_dir().join(format!("epaper-{name}-{}.json", std::process::id()));
    std::fs::File::create(&path)
        .unwrap()
        .set_len(bytes)
        .unwrap();
    path
}

#[test]
fn a_one_gigabyte_file_is_refused_up_front_naming_its_size() {
    let file = sparse("gigabyte", 1 << 30);
    let name = file.to_str().unwrap();
    let said = format!(
        "{name}: error: cannot read the file: the file is 1 GiB; issue files may be up to 256 MiB"
    );
    let check = epaper(&["check", name]);
    assert_eq!(check.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&check.stderr).contains(&said));
    let cat = epaper(&["cat", name]);
    assert_eq!(cat.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&cat.stderr).contains(&said));
    // The reader says so where the command was typed, the screen untouched.
    let mut session = pty::Session::start(&[name]);
    assert!(!session.wait_exit());
    let stream = session.final_bytes();
    let text = String::from_utf8_lossy(&stream);
    assert!(text.contains("the file is 1 GiB"), "{text}");
    assert!(!text.contains("\x1b[?1049h"), "the screen was taken");
    let _ = std::fs::remove_file(&file);
}

#[test]
fn a_file_built_to_exhaust_memory_is_refused_before_it_is_parsed() {
    // 48 MB of the smallest articles: some 3,500,000 objects, which would
    // take about a gigabyte and a half loaded.
    let article = r#"{"title":"a"},"#;
    let articles = article.repeat((48 << 20) / article.len());
    let json = format!(
        r#"{{"format":1,"publication":"密","date":"2024-12-01","pages":[{{"label":"01","name":"","articles":[{articles}{{"title":"b"}}]}}]}}"#
    );
    let file = std::env::temp_dir().join(format!("epaper-dense-{}.json", std::process::id()));
    std::fs::write(&file, json).unwrap();
    let check = epaper(&["check", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stderr.contains("error: too large to open: 48 MiB of JSON holding"),
        "{stderr}"
    );
    assert!(
        stderr.contains("epaper opens issues that take up to 1 GiB"),
        "{stderr}"
    );
    let _ = std::fs::remove_file(&file);
}
