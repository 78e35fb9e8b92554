//! A small HTTP server on 127.0.0.1 over a folder, for the tests of
//! `fetch` and `update`: it can be slow, fail, redirect and count.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A folder of its own for a test's site, output and cache, empty.
pub fn scratch(name: &str) -> PathBuf {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("fetch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// What the server does besides serving files.
#[derive(Default)]
pub struct Behaviour {
    /// Answered only after this long.
    pub slow: HashMap<String, Duration>,
    /// Answered with this status this many times, then served.
    pub failing: HashMap<String, (u16, usize)>,
    /// Answered with a 302 to the other path, or to the URL when it is
    /// one.
    pub redirects: HashMap<String, String>,
    /// Served from no file: the page's start, a unit repeated until the
    /// body is about this many bytes, and its end, made as it is sent.
    pub generated: HashMap<String, Generated>,
    /// The `Content-Type` charset of paths under a prefix.
    pub charsets: Vec<(String, String)>,
    /// Each request pauses this long, so that requests overlap.
    pub pause: Duration,
}

#[derive(Clone)]
pub struct Generated {
    pub head: String,
    pub unit: String,
    pub tail: String,
    pub size: usize,
}

/// A generated body, read as it is sent.
struct Body {
    parts: [Vec<u8>; 3],
    repeats: usize,
    part: usize,
    at: usize,
}

impl std::io::Read for Body {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            if self.part > 2 {
                return Ok(0);
            }
            let part = &self.parts[self.part];
            if self.at < part.len() {
                let n = buf.len().min(part.len() - self.at);
                buf[..n].copy_from_slice(&part[self.at..self.at + n]);
                self.at += n;
                return Ok(n);
            }
            self.at = 0;
            if self.part == 1 && self.repeats > 1 {
                self.repeats -= 1;
            } else {
                self.part += 1;
            }
        }
    }
}

#[derive(Default)]
pub struct Seen {
    pub paths: Vec<String>,
    pub agents: Vec<String>,
    pub in_flight: usize,
    pub most_at_once: usize,
}

pub struct Server {
    pub base: String,
    pub seen: Arc<Mutex<Seen>>,
    pub behaviour: Arc<Mutex<Behaviour>>,
    http: Arc<tiny_http::Server>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.http.unblock();
    }
}

impl Server {
    pub fn start(root: PathBuf, behaviour: Behaviour) -> Server {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("a local port"));
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let seen = Arc::new(Mutex::new(Seen::default()));
        let behaviour = Arc::new(Mutex::new(behaviour));
        let (s, b, listening) = (
            Arc::clone(&seen),
            Arc::clone(&behaviour),
            Arc::clone(&server),
        );
        std::thread::spawn(move || {
            for request in listening.incoming_requests() {
                let (seen, behaviour, root) = (Arc::clone(&s), Arc::clone(&b), root.clone());
                std::thread::spawn(move || answer(request, &root, &seen, &behaviour));
            }
        });
        Server {
            base: format!("http://127.0.0.1:{port}/"),
            seen,
            behaviour,
            http: server,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn requests(&self) -> Vec<String> {
        self.seen.lock().unwrap().paths.clone()
    }
}

fn answer(
    request: tiny_http::Request,
    root: &Path,
    seen: &Mutex<Seen>,
    behaviour: &Mutex<Behaviour>,
) {
    let path = request.url().trim_start_matches('/').to_owned();
    {
        let mut seen = seen.lock().unwrap();
        seen.paths.push(path.clone());
        let agent = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("User-Agent"));
        seen.agents.extend(agent.map(|h| h.value.to_string()));
        seen.in_flight += 1;
        seen.most_at_once = seen.most_at_once.max(seen.in_flight);
    }
    let (pause, slow, failing, redirect, charset, generated) = {
        let mut b = behaviour.lock().unwrap();
        let failing = match b.failing.get_mut(&path) {
            Some((status, left)) if *left > 0 => {
                *left -= 1;
                Some(*status)
            }
            _ => None,
        };
        let charset = b
            .charsets
            .iter()
            .find(|(prefix, _)| path.starts_with(prefix.as_str()))
            .map(|(_, c)| c.clone());
        (
            b.pause,
            b.slow.get(&path).copied(),
            failing,
            b.redirects.get(&path).cloned(),
            charset,
            b.generated.get(&path).cloned(),
        )
    };
    std::thread::sleep(pause + slow.unwrap_or_default());
    let header = |name: &str, value: &str| {
        tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap()
    };
    let result = if let Some(status) = failing {
        request.respond(tiny_http::Response::empty(status))
    } else if let Some(to) = redirect {
        let location = if to.starts_with("http") {
            to
        } else {
            format!("/{to}")
        };
        request.respond(tiny_http::Response::empty(302).with_header(header("Location", &location)))
    } else if let Some(page) = generated {
        let repeats = (page.size / page.unit.len().max(1)).max(1);
        let length = page.head.len() + repeats * page.unit.len() + page.tail.len();
        let body = Body {
            parts: [page.head.into(), page.unit.into(), page.tail.into()],
            repeats,
            part: 0,
            at: 0,
        };
        request.respond(tiny_http::Response::new(
            tiny_http::StatusCode(200),
            vec![header("Content-Type", "text/html; charset=utf-8")],
            body,
            Some(length),
            None,
        ))
    } else {
        // A query names the page to a script, not another file.
        let file = path.split('?').next().unwrap_or(&path);
        match std::fs::read(root.join(file)) {
            Ok(bytes) => {
                let kind = match charset {
                    Some(charset) => format!("text/html; charset={charset}"),
                    None => "text/html".to_owned(),
                };
                request.respond(
                    tiny_http::Response::from_data(bytes)
                        .with_header(header("Content-Type", &kind)),
                )
            }
            Err(_) => {
                request.respond(tiny_http::Response::from_string("not found").with_status_code(404))
            }
        }
    };
    drop(result);
    seen.lock().unwrap().in_flight -= 1;
}
