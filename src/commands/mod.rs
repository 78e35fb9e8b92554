//! The subcommands: each reads its input, calls the lower layers and
//! writes a report. What they write passes through [`crate::layout::sanitize`]
//! wherever it may hold text from a file.

pub mod cat;
pub mod check;
pub mod read;

use std::borrow::Cow;
use std::io;
use std::path::{Path, PathBuf};

use crate::samples::Sample;

/// Where an issue comes from: a file, or a sample built into the binary.
#[derive(Debug, Clone)]
pub enum IssueSource {
    File(PathBuf),
    Sample(Sample),
}

impl IssueSource {
    /// The name to show for the source: the path as given, or the sample's
    /// file name.
    pub fn name(&self) -> Cow<'_, str> {
        match self {
            IssueSource::File(path) => path.to_string_lossy(),
            IssueSource::Sample(sample) => Cow::Borrowed(sample.name),
        }
    }

    pub fn read(&self) -> Result<Cow<'static, [u8]>, ReadError> {
        match self {
            IssueSource::File(path) => std::fs::read(path)
                .map(Cow::Owned)
                .map_err(|error| ReadError::new(path, &error)),
            IssueSource::Sample(sample) => Ok(Cow::Borrowed(sample.bytes)),
        }
    }
}

/// A file that could not be read, in words for the user.
#[derive(Debug, thiserror::Error)]
#[error("cannot read the file: {reason}")]
pub struct ReadError {
    reason: String,
}

impl ReadError {
    fn new(path: &Path, error: &io::Error) -> ReadError {
        let reason = match error.kind() {
            io::ErrorKind::NotFound => "no such file".to_owned(),
            io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            _ if path.is_dir() => "it is a directory".to_owned(),
            _ => error.to_string(),
        };
        ReadError { reason }
    }
}

/// A line of output with any control character from a file made visible.
pub fn safe_line(out: &mut impl io::Write, line: &str) -> io::Result<()> {
    writeln!(out, "{}", crate::layout::sanitize(line))
}
