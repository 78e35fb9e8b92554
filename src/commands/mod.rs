//! The subcommands: each reads its input, calls the lower layers and
//! writes a report. What they write passes through [`crate::layout::sanitize`]
//! wherever it may hold text from a file.

pub mod cat;
pub mod check;
pub mod fetch;
pub mod import;
pub mod read;

use std::io;

pub use crate::library::{ReadError, Source};

/// A line of output with any control character from a file made visible.
pub fn safe_line(out: &mut impl io::Write, line: &str) -> io::Result<()> {
    writeln!(out, "{}", crate::layout::sanitize(line))
}
