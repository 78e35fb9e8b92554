//! A small HTTP server on 127.0.0.1 over a folder, for the tests of
//! `fetch` and `update`: it can be slow, fail, redirect and count.

#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the server does besides serving files.
#[derive(Default)]
pub struct Behaviour {
    /// Answered only after this long.
    pub slow: HashMap<String, Duration>,
    /// Answered with this status this many times, then served.
    pub failing: HashMap<String, (u16, usize)>,
    /// Answered with a 302 to the other path.
    pub redirects: HashMap<String, String>,
    /// The `Content-Type` charset of paths under a prefix.
    pub charsets: Vec<(String, String)>,
    /// Each request pauses this long, so that requests overlap.
    pub pause: Duration,
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
    let (pause, slow, failing, redirect, charset) = {
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
        )
    };
    std::thread::sleep(pause + slow.unwrap_or_default());
    let header = |name: &str, value: &str| {
        tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap()
    };
    let result = if let Some(status) = failing {
        request.respond(tiny_http::Response::empty(status))
    } else if let Some(to) = redirect {
        request.respond(
            tiny_http::Response::empty(302).with_header(header("Location", &format!("/{to}"))),
        )
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
