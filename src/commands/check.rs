//! `epaper check FILE...`: is each file a valid issue, and if not, where
//! and why not.

use std::io::{self, Write};

use super::{Source, safe_line};
use crate::model::{self, Issue};

/// At most this many errors, and warnings, are listed per file; the rest
/// are counted.
const SHOWN: usize = 20;

/// Writes `lines`, at most [`SHOWN`], then how many more there are.
fn some(
    out: &mut impl Write,
    indent: &str,
    name: &str,
    lines: impl ExactSizeIterator<Item = String>,
    what: &str,
) -> io::Result<()> {
    let count = lines.len();
    for line in lines.take(SHOWN) {
        safe_line(out, &format!("{indent}{line}"))?;
    }
    if count > SHOWN {
        safe_line(
            out,
            &format!("{indent}{name}: … and {} more {what}", count - SHOWN),
        )?;
    }
    Ok(())
}

/// Checks each source; writes `ok` lines and warnings to `out`, errors to
/// `err`. Returns whether every source is a valid issue.
pub fn run(sources: &[Source], out: &mut impl Write, err: &mut impl Write) -> io::Result<bool> {
    let mut all_valid = true;
    for source in sources {
        let name = source.name();
        let bytes = match source.read() {
            Ok(bytes) => bytes,
            Err(error) => {
                all_valid = false;
                safe_line(err, &format!("{name}: error: {error}"))?;
                continue;
            }
        };
        match model::load(&bytes) {
            Ok(loaded) => {
                safe_line(out, &format!("ok  {name}  {}", summary(&loaded.issue)))?;
                let warnings = loaded.warnings.iter().map(|w| w.describe(&name));
                some(out, "  ", &name, warnings, "warnings")?;
            }
            Err(error) => {
                all_valid = false;
                let errors = error.diagnostics.iter().map(|d| d.describe(&name));
                some(err, "", &name, errors, "errors")?;
                let warnings = error.warnings.iter().map(|w| w.describe(&name));
                some(err, "", &name, warnings, "warnings")?;
            }
        }
    }
    Ok(all_valid)
}

/// `内蒙古日报 2021-11-05: 12 pages, 8 articles`
pub fn summary(issue: &Issue) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{} {}: {}, {}",
        issue.publication,
        issue.date,
        plural(issue.pages.len(), "page"),
        plural(issue.article_count(), "article"),
    )
}
