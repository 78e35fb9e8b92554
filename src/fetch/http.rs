//! One HTTP client for a fetch: timeouts, retries with backoff, a limit on
//! what a page may weigh, a User-Agent that names epaper.

use std::io::Read;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use ureq::ResponseExt;

/// A page as the server gave it.
#[derive(Debug, Clone)]
pub struct Page {
    /// Where it was found after redirects.
    pub url: String,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

/// Why a page could not be had.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    #[error("the server answered {0}")]
    Status(u16),
    #[error("no answer within {0} s")]
    Timeout(u64),
    /// Larger than the most a download may be, in bytes: reading stops
    /// there.
    #[error("it is larger than {} MiB, the most that is downloaded", .0 >> 20)]
    TooLarge(u64),
    /// The body is not a picture epaper keeps (an HTML error page).
    #[error("{0}")]
    NotAPicture(String),
    #[error("{0}")]
    Network(String),
    /// The request cannot succeed as it is: a malformed URL, a redirect
    /// loop, a TLS certificate the client refuses.
    #[error("{0}")]
    Refused(String),
    /// The site sent the request to another site, which a fetch does not
    /// follow.
    #[error("it redirects to another site, {0}, which is not followed")]
    OffSite(String),
    /// Not asked for, or not kept: the documents already kept hold as much
    /// as a fetch keeps (`fetch::MAX_KEPT`, their text and what its
    /// entries cost).
    #[error("left out: the documents kept hold {} MiB, the most a fetch keeps", .0 >> 20)]
    Full(usize),
}

impl Failure {
    /// Worth asking again: the network or the server may recover; a
    /// missing page will not.
    fn is_transient(&self) -> bool {
        match self {
            Failure::Status(code) => *code >= 500 || *code == 429 || *code == 408,
            Failure::Timeout(_) | Failure::Network(_) => true,
            Failure::TooLarge(_)
            | Failure::NotAPicture(_)
            | Failure::Refused(_)
            | Failure::OffSite(_)
            | Failure::Full(_) => false,
        }
    }

    /// Asking again later will not help: the page is not there, or cannot
    /// be asked for.
    pub fn is_permanent(&self) -> bool {
        matches!(
            self,
            Failure::Status(404 | 410)
                | Failure::TooLarge(_)
                | Failure::NotAPicture(_)
                | Failure::Refused(_)
                | Failure::OffSite(_)
                | Failure::Full(_)
        )
    }
}

/// No e-paper page or article weighs this much.
pub const MAX_PAGE: u64 = 32 << 20;

/// Pages up to this size are read by every worker at once; larger ones
/// wait their turn (see [`Client::get_gated`]). Real pages and articles
/// are a few dozen KiB.
pub const SMALL_PAGE: u64 = 4 << 20;

/// Redirects followed for one request.
const MAX_REDIRECTS: usize = 8;

/// Where a request may be redirected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redirects {
    /// Anywhere: the page the user named (an entry page that sends the
    /// reader to the paper's own host).
    Anywhere,
    /// Within the request's own site, or from http to https on the same
    /// host: the pages and articles of an issue.
    WithinSite,
}

/// How the client behaves.
#[derive(Debug, Clone)]
pub struct Settings {
    /// For the whole of one request, connection to last byte.
    pub timeout: Duration,
    /// Tries after the first, for transient failures.
    pub retries: u32,
    /// The first wait before a retry; it doubles each time.
    pub backoff: Duration,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            timeout: Duration::from_secs(30),
            retries: 3,
            backoff: Duration::from_millis(500),
        }
    }
}

pub struct Client {
    agent: ureq::Agent,
    settings: Settings,
}

/// The User-Agent: epaper, its version, and what it is.
pub fn user_agent() -> String {
    format!(
        "epaper/{} (terminal newspaper reader; +https://crates.io/crates/epaper)",
        env!("CARGO_PKG_VERSION")
    )
}

impl Client {
    pub fn new(settings: Settings) -> Client {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(settings.timeout))
            .user_agent(user_agent())
            .http_status_as_error(false)
            // Redirects are followed here, each checked against the site.
            .max_redirects(0)
            .build();
        Client {
            agent: config.into(),
            settings,
        }
    }

    /// The page at `url`, asked for again after transient failures,
    /// redirects followed as `redirects` allows.
    pub fn get(&self, url: &str, redirects: Redirects) -> Result<Page, Failure> {
        self.get_gated(url, redirects, None).map(|(page, _)| page)
    }

    /// As [`Client::get`], but a page larger than [`SMALL_PAGE`] is read
    /// past it only once `gate` is taken, and is returned with the gate
    /// held: a fetch handles its few large documents one at a time, so that
    /// its workers do not each hold one.
    pub fn get_gated<'g>(
        &self,
        url: &str,
        redirects: Redirects,
        gate: Option<&'g Mutex<()>>,
    ) -> Result<(Page, Option<MutexGuard<'g, ()>>), Failure> {
        self.asked(url, redirects, gate, MAX_PAGE)
    }

    /// A picture at `url`, of at most `limit` bytes: reading stops there.
    /// Redirects stay on the picture's own site.
    pub fn get_picture(&self, url: &str, limit: u64) -> Result<Page, Failure> {
        self.asked(url, Redirects::WithinSite, None, limit)
            .map(|(page, _)| page)
    }

    fn asked<'g>(
        &self,
        url: &str,
        redirects: Redirects,
        gate: Option<&'g Mutex<()>>,
        limit: u64,
    ) -> Result<(Page, Option<MutexGuard<'g, ()>>), Failure> {
        let mut wait = self.settings.backoff;
        let mut tries = 0;
        loop {
            match self.once(url, redirects, gate, limit) {
                Err(failure) if failure.is_transient() && tries < self.settings.retries => {
                    tries += 1;
                    std::thread::sleep(wait);
                    wait *= 2;
                }
                result => return result,
            }
        }
    }

    fn once<'g>(
        &self,
        url: &str,
        redirects: Redirects,
        gate: Option<&'g Mutex<()>>,
        limit: u64,
    ) -> Result<(Page, Option<MutexGuard<'g, ()>>), Failure> {
        let mut at = url.to_owned();
        let mut response = self
            .agent
            .get(&at)
            .call()
            .map_err(|e| self.failure(e, limit))?;
        for _ in 0..MAX_REDIRECTS {
            let status = response.status().as_u16();
            if !is_redirect(status) {
                break;
            }
            let Some(location) = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
            else {
                return Err(Failure::Status(status));
            };
            let next = crate::import::links::resolve(&at, location);
            if redirects == Redirects::WithinSite && !within_site(url, &next) {
                return Err(Failure::OffSite(next));
            }
            at = next;
            response = self
                .agent
                .get(&at)
                .call()
                .map_err(|e| self.failure(e, limit))?;
        }
        let status = response.status().as_u16();
        if is_redirect(status) {
            return Err(Failure::Refused(format!(
                "more than {MAX_REDIRECTS} redirects"
            )));
        }
        if status != 200 {
            return Err(Failure::Status(status));
        }
        let final_url = response.get_uri().to_string();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let read = |e: std::io::Error| self.failure(ureq::Error::from(e), limit);
        let mut body = response.body_mut().with_config().limit(limit).reader();
        let mut bytes = Vec::new();
        (&mut body)
            .take(SMALL_PAGE)
            .read_to_end(&mut bytes)
            .map_err(read)?;
        let mut held = None;
        if bytes.len() as u64 == SMALL_PAGE {
            held = gate.map(|gate| gate.lock().unwrap_or_else(PoisonError::into_inner));
            body.read_to_end(&mut bytes).map_err(read)?;
        }
        Ok((
            Page {
                url: final_url,
                content_type,
                bytes,
            },
            held,
        ))
    }

    fn failure(&self, error: ureq::Error, limit: u64) -> Failure {
        // (Redirects are followed in `once`.)
        match error {
            ureq::Error::StatusCode(code) => Failure::Status(code),
            ureq::Error::Timeout(_) => Failure::Timeout(self.settings.timeout.as_secs()),
            ureq::Error::BodyExceedsLimit(_) => Failure::TooLarge(limit),
            ureq::Error::HostNotFound => Failure::Network("the host is not found".to_owned()),
            ureq::Error::ConnectionFailed => Failure::Network("the connection failed".to_owned()),
            ureq::Error::Io(io) => Failure::Network(io.to_string()),
            // A broken answer may be the network's fault; a malformed URL,
            // a redirect loop or a refused certificate will not mend.
            ureq::Error::Protocol(protocol) => Failure::Network(protocol.to_string()),
            other => Failure::Refused(other.to_string()),
        }
    }
}

/// A status that sends the client elsewhere with a `Location`.
fn is_redirect(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

/// Whether a redirect from `from` to `to` stays on the site: the same
/// scheme, host and port, or the same host moved from http to https.
pub fn within_site(from: &str, to: &str) -> bool {
    let (from, to) = (
        crate::import::links::origin(from),
        crate::import::links::origin(to),
    );
    if from.eq_ignore_ascii_case(to) {
        return true;
    }
    let host = |origin: &str, scheme: &str, port: &str| {
        let rest = origin.get(scheme.len()..)?;
        if !origin[..scheme.len()].eq_ignore_ascii_case(scheme) {
            return None;
        }
        Some(rest.strip_suffix(port).unwrap_or(rest).to_ascii_lowercase())
    };
    match (host(from, "http://", ":80"), host(to, "https://", ":443")) {
        (Some(from), Some(to)) => from == to,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::within_site;

    #[test]
    fn redirects_within_the_site() {
        for (from, to, within) in [
            ("http://a.cn/x/1.htm", "http://a.cn/y/2.htm", true),
            ("http://A.cn/x", "http://a.CN/y", true),
            ("http://a.cn/x", "https://a.cn/x", true),
            ("http://a.cn:80/x", "https://a.cn/x", true),
            ("http://a.cn/x", "https://a.cn:443/x", true),
            ("https://a.cn/x", "http://a.cn/x", false),
            ("http://a.cn/x", "http://b.cn/x", false),
            ("http://a.cn/x", "https://b.cn/x", false),
            ("http://a.cn/x", "http://a.cn.evil.com/x", false),
            ("http://a.cn:8080/x", "https://a.cn/x", false),
            ("http://a.cn/x", "http://a.cn:8080/x", false),
        ] {
            assert_eq!(within_site(from, to), within, "{from} -> {to}");
        }
    }
}
