//! `epaper search QUERY [DIR]`: the articles of a library that hold the
//! query, newest issue first, one line each, or JSON lines for scripts.

use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::AtomicBool;

use crate::layout::sanitize;
use crate::library::Library;
use crate::library::fulltext::{self, Event, Index, Outcome};
use crate::library::search::{Found, Query, snippet_around};

/// How a search ended, for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Found,
    Nothing,
    /// The search could not be made; the reason is on stderr.
    Error,
}

/// Characters of context each side of the match on a result's line.
const CONTEXT: usize = 20;

/// How a result's line marks its match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marks {
    /// Reverse video, for a terminal.
    Terminal,
    Plain,
}

/// What to search and how to say it.
pub struct Request<'a> {
    pub query: &'a str,
    pub dir: &'a Path,
    /// The header index, for listing the folder.
    pub headers: Option<&'a Path>,
    pub index: Option<Index>,
    pub json: bool,
    pub marks: Marks,
}

/// Searches the issues under `request.dir`, writing a line per matching
/// article to `out` as each issue is done, and what went wrong to `err`.
pub fn run(
    request: &Request<'_>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<Status> {
    let fail = |err: &mut dyn Write, line: String| {
        super::safe_line(&mut &mut *err, &format!("epaper: {line}")).map(|()| Status::Error)
    };
    let Some(query) = Query::new(request.query) else {
        return fail(err, "error: the query is empty".to_owned());
    };
    if !request.dir.is_dir() {
        return fail(
            err,
            format!("{}: error: no such folder", request.dir.display()),
        );
    }
    let library = match Library::scan(request.dir, request.headers) {
        Ok(library) => library,
        Err(error) => {
            return fail(
                err,
                format!(
                    "{}: error: cannot read the folder: {error}",
                    request.dir.display()
                ),
            );
        }
    };
    for (_, failure) in library.failures() {
        super::safe_line(err, &format!("epaper: warning: {failure}"))?;
    }
    let entries = library.newest_first();
    let targets: Vec<fulltext::Target> =
        entries.iter().filter_map(|&e| library.target(e)).collect();
    let stop = AtomicBool::new(false);
    let mut written: io::Result<()> = Ok(());
    let outcome: Outcome = fulltext::search_library(
        &targets,
        &query,
        request.index.as_ref(),
        usize::MAX,
        &stop,
        &mut |event| {
            if let (Event::Found(found), Ok(())) = (&event, &written) {
                written = found.iter().try_for_each(|f| {
                    let path = library
                        .entries
                        .get(f.entry)
                        .map(|e| e.source.name().into_owned())
                        .unwrap_or_default();
                    if request.json {
                        json_line(out, f, &path)
                    } else {
                        text_line(out, f, request.marks)
                    }
                });
            }
        },
    );
    written?;
    if let Some(index) = &request.index {
        index.tidy();
    }
    if outcome.failed > 0 {
        let line = format!(
            "epaper: warning: {} could not be read",
            super::count(outcome.failed, "issue", "issues")
        );
        super::safe_line(err, &line)?;
    }
    Ok(if outcome.matches > 0 {
        Status::Found
    } else {
        Status::Nothing
    })
}

/// The match and up to [`CONTEXT`] characters each side, from the hit's
/// snippet, made safe to print, with the match's bounds in bytes of the
/// text returned.
fn context(found: &Found) -> (String, std::ops::Range<usize>) {
    let (text, at) = snippet_around(&found.hit.snippet, &found.hit.snippet_match, CONTEXT);
    let before = sanitize(&text[..at.start]);
    let matched = sanitize(&text[at.clone()]);
    let after = sanitize(&text[at.end..]);
    let from = before.len();
    (
        format!("{before}{matched}{after}"),
        from..from + matched.len(),
    )
}

fn text_line(out: &mut impl Write, found: &Found, marks: Marks) -> io::Result<()> {
    let (context, at) = context(found);
    let shown = match marks {
        Marks::Terminal => format!(
            "{}\x1b[7m{}\x1b[27m{}",
            &context[..at.start],
            &context[at.clone()],
            &context[at.end..]
        ),
        Marks::Plain => context,
    };
    writeln!(
        out,
        "{} {} 第{}版 {}（{}处）：{shown}",
        sanitize(&found.publication),
        found.date,
        sanitize(&found.page_label),
        sanitize(&found.title),
        found.matches,
    )
}

fn json_line(out: &mut impl Write, found: &Found, file: &str) -> io::Result<()> {
    let (context, at) = context(found);
    let line = serde_json::json!({
        "publication": found.publication,
        "date": found.date.to_string(),
        "page": found.page_label,
        "article": found.hit.at.article,
        "title": found.title,
        "matches": found.matches,
        "snippet": context,
        "match": [at.start, at.end],
        "file": file,
    });
    serde_json::to_writer(&mut *out, &line)?;
    writeln!(out)
}
