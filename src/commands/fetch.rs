//! `epaper fetch URL`: downloads an issue into the library, with a
//! progress bar on standard error and the gaps listed at the end.

use std::io;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use crate::fetch::{self, Fetched, Options, Progress};

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
struct Bar(ProgressBar);

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

/// Fetches, prints the explanation on `out` with `explain`, reports on
/// `err`, and says how it ended. Failing to write the report does not
/// change that.
pub fn run(
    url: &str,
    options: &Options,
    explain: bool,
    out: &mut impl io::Write,
    err: &mut impl io::Write,
) -> Outcome {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{msg:>10} [{bar:30}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    let result = fetch::fetch(url, options, &Bar(bar.clone()));
    bar.finish_and_clear();
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

fn report(fetched: &Fetched, err: &mut impl io::Write) -> io::Result<()> {
    for note in &fetched.notes {
        super::safe_line(err, &format!("warning: {note}"))?;
    }
    let issue = &fetched.issue;
    let resumed = if fetched.from_cache > 0 {
        format!(
            " ({} pages from the last, unfinished fetch)",
            fetched.from_cache
        )
    } else {
        String::new()
    };
    super::safe_line(
        err,
        &format!(
            "{}: {} {}, {} pages, {} articles{resumed}",
            fetched.path.display(),
            issue.publication,
            issue.date,
            issue.pages.len(),
            issue.article_count()
        ),
    )?;
    if !fetched.gaps.is_empty() {
        super::safe_line(
            err,
            &format!(
                "{} could not be fetched and are left out:",
                fetched.gaps.len()
            ),
        )?;
        for gap in &fetched.gaps {
            super::safe_line(err, &format!("  {} {}: {}", gap.what, gap.url, gap.failure))?;
        }
        super::safe_line(
            err,
            "Run the same command again to fetch only what is missing.",
        )?;
    }
    Ok(())
}
