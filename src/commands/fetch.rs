//! `epaper fetch URL|PAPER`: downloads an issue into the library, with a
//! progress bar on standard error and the gaps listed at the end. A paper
//! is named by its key or name in the catalogue.

use std::io;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use super::count;
use crate::fetch::update::{PaperError, paper_issue};
use crate::fetch::{self, Fetched, Gap, Options, Progress};
use crate::papers::{self, Catalogue};

/// How the command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every page and article arrived.
    Whole,
    /// The issue is written, without the pages listed as gaps.
    WithGaps,
    /// Nothing was written.
    Failed,
}

/// A bar on standard error; indicatif draws nothing when that is not a
/// terminal.
pub(super) struct Bar(pub ProgressBar);

impl Bar {
    /// A bar that redraws itself while a page is slow to come.
    pub(super) fn new() -> Bar {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.enable_steady_tick(Duration::from_millis(200));
        Bar(bar)
    }
}

impl Progress for Bar {
    fn stage(&self, what: &str, total: usize) {
        self.0.reset();
        self.0.set_length(total as u64);
        self.0.set_position(0);
        self.0.set_message(what.to_owned());
    }

    fn advance(&self) {
        self.0.inc(1);
    }
}

/// Fetches the issue `target` names (a URL, or a paper of `catalogue`),
/// prints the explanation on `out` with `explain`, reports on `err`, and
/// says how it ended. Failing to write the report does not change that.
pub fn run(
    target: &str,
    catalogue: &Catalogue,
    options: &Options,
    explain: bool,
    out: &mut impl io::Write,
    err: &mut impl io::Write,
) -> Outcome {
    let bar = Bar::new();
    let result = if target.contains("://") {
        fetch::fetch(target, options, &bar).map_err(|e| e.to_string())
    } else if let Some(paper) = catalogue.find(target) {
        let date = options.date.unwrap_or_else(papers::today);
        paper_issue(paper, date, options, &bar).map_err(|error| match error {
            PaperError::NoUrl(note) => format!(
                "{} ({}) has no URL for {date} in the catalogue{}",
                paper.name,
                paper.key,
                note.map(|n| format!(": {n}")).unwrap_or_default()
            ),
            PaperError::NoIssue(None) => format!(
                "no issue of {} on {date}: the site has no page at {}",
                paper.name,
                paper.urls(date).join(" or ")
            ),
            PaperError::NoIssue(Some(other)) => format!(
                "no issue of {} on {date}: {} shows the issue of {other}",
                paper.name,
                paper.urls(date).join(" or ")
            ),
            PaperError::Fetch(error) => error.to_string(),
        })
    } else {
        Err(format!(
            "`{target}` is neither a URL nor a paper epaper knows; `epaper papers` lists them"
        ))
    };
    bar.0.finish_and_clear();
    let fetched = match result {
        Ok(fetched) => fetched,
        Err(error) => {
            let _ = super::safe_line(err, &format!("epaper: {error}"));
            return Outcome::Failed;
        }
    };
    // The issue is written: a report that cannot be printed (stderr closed)
    // does not change how the fetch ended.
    if explain {
        let _ = explanation(&fetched, out);
    }
    let _ = report(&fetched, err);
    if fetched.gaps.is_empty() {
        Outcome::Whole
    } else {
        Outcome::WithGaps
    }
}

fn explanation(fetched: &Fetched, out: &mut impl io::Write) -> io::Result<()> {
    for (document, explanation) in &fetched.explained {
        for line in explanation.render(document).lines() {
            super::safe_line(out, line)?;
        }
    }
    let used: Vec<String> = fetched
        .profiles_used
        .iter()
        .map(|(name, count)| format!("{name} {count}"))
        .collect();
    super::safe_line(
        out,
        &format!("documents read by profile: {}", used.join(", ")),
    )
}

/// How many of each thing the gaps are: `1 page and 2 articles`.
pub(super) fn gaps_in_words(gaps: &[Gap]) -> String {
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for gap in gaps {
        match kinds.iter_mut().find(|(what, _)| *what == gap.what) {
            Some((_, n)) => *n += 1,
            None => kinds.push((gap.what, 1)),
        }
    }
    let parts: Vec<String> = kinds
        .iter()
        .map(|&(what, n)| count(n, what, &format!("{what}s")))
        .collect();
    match parts.as_slice() {
        [rest @ .., last] if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => parts.concat(),
    }
}

/// The line over the gaps: what could not be fetched, and what became of
/// it. A page or an article that failed is not in the issue; a picture
/// that failed is, by its caption and its URL.
fn gaps_heading(gaps: &[Gap]) -> String {
    let pictures = gaps.iter().filter(|g| g.what == "picture").count();
    let left_out = gaps.len() - pictures;
    let what = match (left_out, pictures) {
        (1, 0) => "is left out",
        (_, 0) => "are left out",
        (0, 1) => "keeps its link and caption",
        (0, _) => "keep their links and captions",
        _ => "are left out (the pictures keep their links and captions)",
    };
    format!("{} could not be fetched and {what}:", gaps_in_words(gaps))
}

pub(super) fn report(fetched: &Fetched, err: &mut impl io::Write) -> io::Result<()> {
    for note in &fetched.notes {
        super::safe_line(err, &format!("warning: {note}"))?;
    }
    let issue = &fetched.issue;
    let resumed = if fetched.from_cache > 0 {
        format!(
            " ({} from the last, unfinished fetch)",
            count(fetched.from_cache, "page", "pages")
        )
    } else {
        String::new()
    };
    let pictures = match (fetched.pictures, fetched.pictures_kept) {
        (0, _) => String::new(),
        (n, 0) => format!(", {}", count(n, "picture", "pictures")),
        (n, kept) => format!(
            ", {} ({kept} saved by an earlier fetch)",
            count(n, "picture", "pictures")
        ),
    };
    let found = format!(
        "{} {}, {}, {}{pictures}{resumed}",
        issue.publication,
        issue.date,
        count(issue.pages.len(), "page", "pages"),
        count(issue.article_count(), "article", "articles")
    );
    let line = if fetched.written {
        format!("{}: {found}", fetched.path.display())
    } else {
        format!(
            "fetched {found}; not written over {}",
            fetched.path.display()
        )
    };
    super::safe_line(err, &line)?;
    if !fetched.gaps.is_empty() {
        super::safe_line(err, &gaps_heading(&fetched.gaps))?;
        for gap in &fetched.gaps {
            super::safe_line(err, &format!("  {} {}: {}", gap.what, gap.url, gap.failure))?;
        }
        if fetched.gaps.iter().any(|gap| !gap.failure.is_permanent()) {
            super::safe_line(
                err,
                "Run the same command again to fetch only what is missing.",
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fetch::http::Failure;

    fn gap(what: &'static str) -> Gap {
        Gap {
            what,
            url: format!("https://a.cn/{what}.htm"),
            failure: Failure::Status(404),
        }
    }

    #[test]
    fn gaps_are_counted_by_what_they_are() {
        assert_eq!(gaps_in_words(&[gap("page")]), "1 page");
        assert_eq!(
            gaps_in_words(&[gap("article"), gap("article")]),
            "2 articles"
        );
        assert_eq!(
            gaps_in_words(&[gap("page"), gap("article"), gap("article")]),
            "1 page and 2 articles"
        );
    }

    #[test]
    fn pictures_that_failed_are_said_to_keep_their_captions() {
        assert_eq!(
            gaps_heading(&[gap("article")]),
            "1 article could not be fetched and is left out:"
        );
        assert_eq!(
            gaps_heading(&[gap("picture")]),
            "1 picture could not be fetched and keeps its link and caption:"
        );
        assert_eq!(
            gaps_heading(&[gap("article"), gap("picture"), gap("picture")]),
            "1 article and 2 pictures could not be fetched and are left out \
             (the pictures keep their links and captions):"
        );
    }
}
