//! `epaper [FILE]` until the reader exists: the issue's masthead and its
//! pages, one line each.

use std::io::{self, Write};

use super::{IssueSource, safe_line};
use crate::model;

/// Writes a summary of each source; returns whether all of them loaded.
pub fn run(
    sources: &[IssueSource],
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<bool> {
    let mut all_loaded = true;
    for source in sources {
        let name = source.name();
        let loaded = source
            .read()
            .map_err(|error| error.to_string())
            .and_then(|bytes| model::load(&bytes).map_err(|error| error.to_string()));
        let issue = match loaded {
            Ok(loaded) => loaded.issue,
            Err(message) => {
                all_loaded = false;
                safe_line(err, &format!("{name}: error: {message}"))?;
                continue;
            }
        };
        let date = issue.date;
        safe_line(
            out,
            &format!(
                "{}  {}年{}月{}日 {}  ({name})",
                issue.publication,
                date.year(),
                date.month(),
                date.day(),
                date.weekday().chinese()
            ),
        )?;
        for page in &issue.pages {
            safe_line(
                out,
                &format!(
                    "  第{}版：{}  {} 篇",
                    page.label,
                    page.name,
                    page.articles.len()
                ),
            )?;
        }
    }
    Ok(all_loaded)
}
