//! The subcommands: each reads its input, calls the lower layers and
//! writes a report. What they write passes through [`crate::layout::sanitize`]
//! wherever it may hold text from a file.

pub mod cat;
pub mod check;
pub mod fetch;
pub mod import;
pub mod papers;
pub mod read;
pub mod search;
pub mod update;

use std::io;

pub use crate::library::{ReadError, Source};

/// The site profiles: the user's, in `sites/` beside the config file
/// (`--config`, `EPAPER_CONFIG` or the XDG place), over the built-in ones.
pub fn site_profiles(
    given: Option<&std::path::Path>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<crate::import::Profiles, crate::import::profile::ProfileError> {
    let dir = crate::config::location(given, env).map(|l| crate::config::sites_dir(&l));
    crate::import::Profiles::load(dir.as_deref())
}

/// A count and its noun: `1 page`, `3 pages`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A line of output with any control character from a file made visible.
pub fn safe_line(out: &mut impl io::Write, line: &str) -> io::Result<()> {
    writeln!(out, "{}", crate::layout::sanitize(line))
}
