//! `epaper update`: the papers followed, from the last issue in the library
//! up to today, one line per day on standard error.

use std::io::Write;
use std::sync::atomic::AtomicBool;

use super::count;
use super::fetch::{Bar, gaps_in_words};
use crate::fetch::update::{self, Day, Plan, Report, Summary};
use crate::fetch::{Options, Progress};
use crate::model::Date;
use crate::papers::{Catalogue, Paper};

/// What to update.
#[derive(Debug, Clone)]
pub struct Request {
    /// Papers by key or name; empty for those the config follows.
    pub papers: Vec<String>,
    pub follow: Vec<String>,
    pub days: u32,
    pub since: Option<Date>,
    pub until: Date,
}

/// The lines of an update, printed above the bar.
struct Lines {
    bar: Bar,
}

impl Lines {
    fn line(&self, text: &str) {
        let text = crate::layout::sanitize(text);
        self.bar.0.suspend(|| {
            let _ = writeln!(std::io::stderr(), "{text}");
        });
    }
}

impl Progress for Lines {
    fn stage(&self, what: &str, total: usize) {
        self.bar.stage(what, total);
    }

    fn advance(&self) {
        self.bar.advance();
    }
}

impl Report for Lines {
    fn paper(&self, plan: &Plan) {
        let kept = if plan.had > 0 {
            format!(", {} already here", plan.had)
        } else {
            String::new()
        };
        let what = match plan.dates.len() {
            0 => "up to date".to_owned(),
            1 => format!("1 day to fetch{kept}"),
            n => format!("{n} days to fetch{kept}"),
        };
        self.line(&format!("{} ({}): {what}", plan.paper.name, plan.paper.key));
    }

    fn starting(&self, _paper: &Paper, _date: Date) {}

    fn day(&self, _paper: &Paper, date: Date, day: &Day) {
        let text = match day {
            Day::Fetched(fetched) => {
                let gaps = if fetched.gaps.is_empty() {
                    String::new()
                } else {
                    format!(
                        ", {} could not be fetched (run again for them)",
                        gaps_in_words(&fetched.gaps)
                    )
                };
                let to = if fetched.written {
                    format!("→ {}", fetched.path.display())
                } else {
                    format!("(kept {}, which holds more)", fetched.path.display())
                };
                format!(
                    "  {date}: {}, {} {to}{gaps}",
                    count(fetched.issue.pages.len(), "page", "pages"),
                    count(fetched.issue.article_count(), "article", "articles"),
                )
            }
            Day::NoIssue(None) => format!("  {date}: no issue on the site"),
            Day::NoIssue(Some(other)) => {
                format!("  {date}: no issue on the site (it shows the issue of {other})")
            }
            Day::Failed(error) => format!("  {date}: failed: {error}"),
        };
        self.line(&text);
    }
}

/// The papers of the request, or the name that is not one.
fn papers<'c>(request: &Request, catalogue: &'c Catalogue) -> Result<Vec<&'c Paper>, String> {
    let wanted = if request.papers.is_empty() {
        &request.follow
    } else {
        &request.papers
    };
    wanted
        .iter()
        .map(|w| {
            catalogue.find(w).ok_or_else(|| {
                format!("`{w}` is not a paper epaper knows; `epaper papers` lists them")
            })
        })
        .collect()
}

/// Runs the update; the exit status.
pub fn run(
    request: &Request,
    catalogue: &Catalogue,
    options: &Options,
    index: Option<&std::path::Path>,
) -> u8 {
    let lines = Lines { bar: Bar::new() };
    let chosen = match papers(request, catalogue) {
        Ok(chosen) if chosen.is_empty() => {
            lines.line(
                "epaper: no paper is followed: name some in config.toml ([papers] follow = [\"rmrb\"]) or on the command line; `epaper papers` lists them",
            );
            return 1;
        }
        Ok(chosen) => chosen,
        Err(error) => {
            lines.line(&format!("epaper: {error}"));
            return 1;
        }
    };
    let kept = update::kept(&options.out_dir, index);
    let plans = update::plan(&chosen, &kept, request.until, request.since, request.days);
    let summary = update::run(&plans, options, &lines, &AtomicBool::new(false));
    lines.bar.0.finish_and_clear();
    lines.line(&ending(&summary));
    status(&summary)
}

/// The last line: what was done.
pub fn ending(summary: &Summary) -> String {
    let mut parts = vec![format!("{} fetched", summary.fetched + summary.with_gaps)];
    if summary.with_gaps > 0 {
        parts.push(format!("{} with gaps", summary.with_gaps));
    }
    if summary.no_issue > 0 {
        parts.push(count(
            summary.no_issue,
            "day without an issue",
            "days without an issue",
        ));
    }
    if summary.failed > 0 {
        parts.push(format!("{} failed", summary.failed));
    }
    format!("update: {}", parts.join(", "))
}

/// 4 when a day failed, 3 when an issue has gaps, else 0.
pub fn status(summary: &Summary) -> u8 {
    if summary.failed > 0 {
        4
    } else if summary.with_gaps > 0 {
        3
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_line_counts_in_words() {
        let summary = |no_issue| Summary {
            fetched: 1,
            no_issue,
            ..Summary::default()
        };
        assert_eq!(
            ending(&summary(1)),
            "update: 1 fetched, 1 day without an issue"
        );
        assert_eq!(
            ending(&summary(2)),
            "update: 1 fetched, 2 days without an issue"
        );
    }
}
