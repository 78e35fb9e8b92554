//! `epaper check FILE...`: is each file a valid issue, and if not, where
//! and why not.

use std::io::{self, Write};

use super::{Source, safe_line};
use crate::model::{self, Issue, JsonPath, Position};

/// At most this many errors are listed per file; the rest are counted.
const ERRORS_SHOWN: usize = 20;

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
                for warning in &loaded.warnings {
                    let message = warning_message(warning);
                    let line = located(&name, warning.position, "warning", &message, &warning.path);
                    safe_line(out, &format!("  {line}"))?;
                }
            }
            Err(error) => {
                all_valid = false;
                for diagnostic in error.diagnostics.iter().take(ERRORS_SHOWN) {
                    let message = diagnostic.problem.to_string();
                    let line = located(
                        &name,
                        diagnostic.position,
                        "error",
                        &message,
                        &diagnostic.path,
                    );
                    safe_line(err, &line)?;
                }
                let more = error.diagnostics.len().saturating_sub(ERRORS_SHOWN);
                if more > 0 {
                    safe_line(err, &format!("{name}: … and {more} more errors"))?;
                }
                for warning in &error.warnings {
                    let message = warning_message(warning);
                    safe_line(
                        err,
                        &located(&name, warning.position, "warning", &message, &warning.path),
                    )?;
                }
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

fn warning_message(warning: &model::Warning) -> String {
    match warning.suggestion {
        Some(suggestion) => format!(
            "unknown field `{}` is ignored; did you mean `{suggestion}`?",
            warning.field
        ),
        None => format!("unknown field `{}` is ignored", warning.field),
    }
}

/// `FILE:LINE:COL: error: message (at pages[2].label)`, the form editors
/// and terminals recognise as a place in a file.
fn located(
    name: &str,
    position: Option<Position>,
    severity: &str,
    message: &str,
    path: &JsonPath,
) -> String {
    let place = match position {
        Some(position) => format!("{name}:{position}"),
        None => name.to_owned(),
    };
    if path.is_root() {
        format!("{place}: {severity}: {message}")
    } else {
        format!("{place}: {severity}: {message} (at {path})")
    }
}
