//! Asking the terminal, once at start, what it is: how wide it draws
//! ambiguous characters, whether it draws kitty graphics or sixel, and
//! how many pixels a cell is. All questions go out at once, the device
//! attributes (DA1) last: every terminal answers that one, and answers in
//! order, so its answer ends the wait. Nothing is left reading the
//! terminal after the wait, so no key typed after it is lost to it.

use std::io::{self, IsTerminal, Write};
use std::os::fd::AsFd;
use std::time::{Duration, Instant};

use crate::layout::Ambiguous;
use crate::pictures::{Graphics, ImagesSetting, Protocol};

/// How long the terminal has to answer.
const TIMEOUT: Duration = Duration::from_millis(150);

/// What to ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Questions {
    pub ambiguous: bool,
    pub graphics: bool,
}

/// What the terminal answered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Answers {
    pub ambiguous: Option<Ambiguous>,
    pub kitty: bool,
    pub sixel: bool,
    /// A cell's size in pixels, width and height.
    pub cell: Option<(u16, u16)>,
    /// Whether the device attributes came: the terminal answered all.
    pub complete: bool,
}

/// The kitty graphics query: a 1×1 picture sent to be checked, not shown.
const KITTY_QUERY: &str = "\x1b_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\x1b\\";

/// Asks the terminal. The answers come on the terminal the keys come
/// from: standard input if that is one, else /dev/tty.
pub fn ask(out: &mut impl Write, questions: Questions) -> Answers {
    let stdin = io::stdin();
    let opened;
    let fd = if stdin.is_terminal() {
        stdin.as_fd()
    } else {
        match std::fs::File::open("/dev/tty") {
            Ok(file) => {
                opened = file;
                opened.as_fd()
            }
            Err(_) => return Answers::default(),
        }
    };
    let mut query = String::new();
    if questions.ambiguous {
        query.push_str("\x1b[H\u{201C}\x1b[6n");
    }
    if questions.graphics {
        query.push_str(KITTY_QUERY);
        query.push_str("\x1b[16t");
    }
    query.push_str("\x1b[c");
    if out
        .write_all(query.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return Answers::default();
    }
    let deadline = Instant::now() + TIMEOUT;
    let mut answer = Vec::new();
    loop {
        let read = read(fd, &mut answer, deadline);
        let answers = parse(&answer);
        if answers.complete || !read {
            return answers;
        }
    }
}

/// Reads what is there before `deadline` into `answer`; false when
/// nothing more came in time.
fn read(fd: std::os::fd::BorrowedFd<'_>, answer: &mut Vec<u8>, deadline: Instant) -> bool {
    let Some(left) = deadline.checked_duration_since(Instant::now()) else {
        return false;
    };
    let timeout = rustix::event::Timespec {
        tv_sec: 0,
        tv_nsec: i64::try_from(left.as_nanos()).unwrap_or(0),
    };
    let mut fds = [rustix::event::PollFd::new(
        &fd,
        rustix::event::PollFlags::IN,
    )];
    if !matches!(rustix::event::poll(&mut fds, Some(&timeout)), Ok(n) if n > 0) {
        return false;
    }
    let mut chunk = [0u8; 256];
    match rustix::io::read(fd, &mut chunk) {
        Ok(0) | Err(_) => false,
        Ok(read) => {
            answer.extend_from_slice(&chunk[..read]);
            true
        }
    }
}

/// The answers in what the terminal sent.
pub fn parse(bytes: &[u8]) -> Answers {
    let mut answers = Answers::default();
    let mut at = 0;
    while let Some(start) = memchr::memchr(0x1b, &bytes[at..]).map(|i| at + i) {
        let rest = &bytes[start + 1..];
        match rest.first() {
            Some(b'[') => {
                // CSI: parameters, then a final byte.
                let body = &rest[1..];
                let Some(end) = body.iter().position(|b| (0x40..=0x7e).contains(b)) else {
                    break;
                };
                let params = std::str::from_utf8(&body[..end]).unwrap_or("");
                match body[end] {
                    b'R' => {
                        if let Some(column) = params
                            .split_once(';')
                            .and_then(|(_, c)| c.parse::<u16>().ok())
                        {
                            answers.ambiguous = Some(if column >= 3 {
                                Ambiguous::Wide
                            } else {
                                Ambiguous::Narrow
                            });
                        }
                    }
                    b't' => {
                        let numbers: Vec<u16> =
                            params.split(';').filter_map(|n| n.parse().ok()).collect();
                        if let [6, height, width] = numbers[..]
                            && height > 0
                            && width > 0
                        {
                            answers.cell = Some((width, height));
                        }
                    }
                    b'c' if params.starts_with('?') => {
                        answers.sixel = params[1..].split(';').any(|p| p == "4");
                        answers.complete = true;
                    }
                    _ => {}
                }
                at = start + 2 + end + 1;
            }
            Some(b'_') => {
                // APC, ended by ESC \: kitty's answer to the query.
                let body = &rest[1..];
                let end = body
                    .windows(2)
                    .position(|w| w == b"\x1b\\")
                    .unwrap_or(body.len());
                let text = &body[..end];
                if text.starts_with(b"G") && text.windows(3).any(|w| w == b";OK") {
                    answers.kitty = true;
                }
                at = (start + 2 + end + 2).min(bytes.len());
            }
            _ => at = start + 1,
        }
    }
    answers
}

/// How pictures are drawn: the config's choice, or what the terminal
/// answered. Kitty graphics first, then iTerm2's (named by the terminal
/// in the environment, as it has no query), then sixel, else half blocks.
pub fn graphics(
    setting: ImagesSetting,
    answers: &Answers,
    cell_from_size: Option<(u16, u16)>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<Graphics> {
    let cell = answers.cell.or(cell_from_size).unwrap_or((10, 20));
    let protocol = match setting {
        ImagesSetting::Off => return None,
        ImagesSetting::Use(protocol) => protocol,
        ImagesSetting::Auto => {
            let iterm2 = env("TERM_PROGRAM").is_some_and(|p| p == "iTerm.app" || p == "WezTerm")
                || env("LC_TERMINAL").is_some_and(|t| t == "iTerm2");
            if answers.kitty {
                Protocol::Kitty
            } else if iterm2 {
                Protocol::Iterm2
            } else if answers.sixel {
                Protocol::Sixel
            } else {
                Protocol::Halfblocks
            }
        }
    };
    Some(Graphics::new(protocol, cell))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_answer_is_read_wherever_it_arrives() {
        let kitty = parse(b"\x1b[1;3R\x1b_Gi=31;OK\x1b\\\x1b[6;20;10t\x1b[?62;22c");
        assert_eq!(
            kitty,
            Answers {
                ambiguous: Some(Ambiguous::Wide),
                kitty: true,
                sixel: false,
                cell: Some((10, 20)),
                complete: true,
            }
        );
        let sixel = parse(b"\x1b[12;2R\x1b[?63;1;2;4;6c");
        assert!(sixel.sixel && !sixel.kitty && sixel.complete);
        assert_eq!(sixel.ambiguous, Some(Ambiguous::Narrow));
        // A kitty error is not support; half an answer is not complete.
        let refused = parse(b"\x1b_Gi=31;ENOTSUPPORTED\x1b\\\x1b[?1;2");
        assert!(!refused.kitty && !refused.complete);
        assert_eq!(parse(b"nothing"), Answers::default());
    }

    #[test]
    fn the_config_wins_and_auto_takes_the_best_the_terminal_has() {
        let none = |_: &str| None;
        let kitty = Answers {
            kitty: true,
            sixel: true,
            cell: Some((9, 18)),
            complete: true,
            ..Answers::default()
        };
        let auto = graphics(ImagesSetting::Auto, &kitty, None, &none).unwrap();
        assert_eq!((auto.protocol, auto.cell), (Protocol::Kitty, (9, 18)));
        let forced = graphics(ImagesSetting::Use(Protocol::Sixel), &kitty, None, &none);
        assert_eq!(forced.unwrap().protocol, Protocol::Sixel);
        assert_eq!(graphics(ImagesSetting::Off, &kitty, None, &none), None);
        // Nothing answered: half blocks.
        let plain = graphics(ImagesSetting::Auto, &Answers::default(), None, &none).unwrap();
        assert_eq!(plain.protocol, Protocol::Halfblocks);
        let iterm = |name: &str| (name == "TERM_PROGRAM").then(|| "iTerm.app".to_owned());
        let auto = graphics(ImagesSetting::Auto, &Answers::default(), None, &iterm).unwrap();
        assert_eq!(auto.protocol, Protocol::Iterm2);
    }
}
