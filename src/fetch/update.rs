//! Following papers day by day: for each paper followed, the days from its
//! last issue in the library up to today (at most a few days back), less
//! the days the library has, each fetched from the catalogue's URL for that
//! day. `epaper update` runs it from the command line, and `R` in the
//! reader runs it in the background; both report through [`Report`].

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use super::{FetchError, Fetched, Options, Progress, http::Failure};
use crate::library::Library;
use crate::model::Date;
use crate::papers::Paper;

/// The days to fetch of one paper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub paper: Paper,
    /// Oldest first.
    pub dates: Vec<Date>,
    /// Days of the span the library already has.
    pub had: usize,
}

/// The days to fetch for each paper: from the day after its newest issue
/// in `have` (publication and date of every issue kept) to `until`, but
/// not more than `days` days back from `until`, or from `since` when it
/// is given; a paper with no issue kept gets `until` alone. Days already
/// kept are left out.
pub fn plan(
    papers: &[&Paper],
    have: &[(String, Date)],
    until: Date,
    since: Option<Date>,
    days: u32,
) -> Vec<Plan> {
    let earliest = until
        .plus_days(-i64::from(days.max(1)) + 1)
        .unwrap_or(until);
    papers
        .iter()
        .map(|paper| {
            let kept: HashSet<Date> = have
                .iter()
                .filter(|(name, _)| *name == paper.name)
                .map(|(_, date)| *date)
                .collect();
            let newest = kept.iter().copied().filter(|d| *d <= until).max();
            let start = match (since, newest) {
                (Some(since), _) => since,
                (None, Some(newest)) => newest.plus_days(1).unwrap_or(until).max(earliest),
                (None, None) => until,
            };
            let mut dates = Vec::new();
            let mut had = 0;
            let mut day = start;
            while day <= until {
                if kept.contains(&day) {
                    had += 1;
                } else {
                    dates.push(day);
                }
                match day.plus_days(1) {
                    Some(next) => day = next,
                    None => break,
                }
            }
            Plan {
                paper: (*paper).clone(),
                dates,
                had,
            }
        })
        .collect()
}

/// The issues a library folder holds: publication and date of each.
pub fn kept(dir: &Path, index: Option<&Path>) -> Vec<(String, Date)> {
    Library::scan(dir, index)
        .map(|library| {
            library
                .entries
                .iter()
                .filter_map(|e| e.header.as_ref().ok())
                .map(|h| (h.publication.clone(), h.date))
                .collect()
        })
        .unwrap_or_default()
}

/// How one day of one paper went.
#[derive(Debug)]
pub enum Day {
    /// Written, whole or with gaps.
    Fetched(Box<Fetched>),
    /// The site has no issue that day (its first page is not there, or
    /// shows another day's issue, which day): a day the paper does not
    /// appear, or not yet.
    NoIssue(Option<Date>),
    /// Something that may mend: the network, the site, a page that is not
    /// the paper's.
    Failed(String),
}

/// What an update says as it goes.
pub trait Report: Progress {
    /// A paper's days are about to be fetched.
    fn paper(&self, plan: &Plan);
    /// One day is about to be fetched.
    fn starting(&self, paper: &Paper, date: Date);
    /// One day is done.
    fn day(&self, paper: &Paper, date: Date, day: &Day);
}

/// How an update ended, for its exit status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub fetched: usize,
    pub with_gaps: usize,
    pub no_issue: usize,
    pub failed: usize,
    /// Days left undone because the update was stopped.
    pub stopped: usize,
}

/// Fetches every planned day, paper by paper; `stop` ends it between two
/// days.
pub fn run(plans: &[Plan], options: &Options, report: &dyn Report, stop: &AtomicBool) -> Summary {
    let mut summary = Summary::default();
    for plan in plans {
        report.paper(plan);
        for &date in &plan.dates {
            if stop.load(Ordering::Relaxed) {
                summary.stopped += 1;
                continue;
            }
            report.starting(&plan.paper, date);
            let day = match paper_issue(&plan.paper, date, options, report) {
                Ok(fetched) => {
                    if fetched.gaps.is_empty() {
                        summary.fetched += 1;
                    } else {
                        summary.with_gaps += 1;
                    }
                    Day::Fetched(Box::new(fetched))
                }
                Err(PaperError::NoIssue(other)) => {
                    summary.no_issue += 1;
                    Day::NoIssue(other)
                }
                Err(PaperError::NoUrl(note)) => {
                    // Not the site's doing: the catalogue cannot reach the
                    // day, which asking again will not mend.
                    summary.failed += 1;
                    let note = note.map(|n| format!(": {n}")).unwrap_or_default();
                    Day::Failed(format!("the catalogue has no URL for this day{note}"))
                }
                Err(PaperError::Fetch(error)) => {
                    summary.failed += 1;
                    Day::Failed(error.to_string())
                }
            };
            report.day(&plan.paper, date, &day);
        }
    }
    summary
}

/// Why a paper's issue of a day was not written.
#[derive(Debug, thiserror::Error)]
pub enum PaperError {
    /// No first page at the day's URLs, or only one showing another day's
    /// issue (which day).
    #[error("the site has no issue that day")]
    NoIssue(Option<Date>),
    /// The catalogue has no URL for the day, with the paper's note.
    #[error("the catalogue has no URL for that day")]
    NoUrl(Option<String>),
    #[error(transparent)]
    Fetch(#[from] FetchError),
}

/// The paper's issue of `date`: each of the catalogue's URLs for the day in
/// turn, the next one when the site has no first page at the one before,
/// or shows another day's issue there (which is not written). The issue is
/// filed under the catalogue's name unless `options` names it.
pub fn paper_issue(
    paper: &Paper,
    date: Date,
    options: &Options,
    progress: &dyn Progress,
) -> Result<Fetched, PaperError> {
    let options = Options {
        date: None,
        publication: options
            .publication
            .clone()
            .or_else(|| Some(paper.name.clone())),
        day: Some(date),
        ..options.clone()
    };
    let urls = paper.urls(date);
    if urls.is_empty() {
        return Err(PaperError::NoUrl(paper.note.clone()));
    }
    let mut other = None;
    for url in urls {
        match super::fetch(&url, &options, progress) {
            Err(FetchError::Start {
                failure: Failure::Status(404 | 410),
                ..
            }) => {}
            Err(FetchError::OtherDay { got, .. }) => other = Some(got),
            result => return result.map_err(PaperError::Fetch),
        }
    }
    Err(PaperError::NoIssue(other))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::papers::IssueUrl;

    fn paper(name: &str) -> Paper {
        Paper {
            key: "x".to_owned(),
            name: name.to_owned(),
            scope: String::new(),
            platform: String::new(),
            note: None,
            issues: vec![IssueUrl {
                since: None,
                until: None,
                template: "http://x.cn/{yyyy}{mm}{dd}.htm".to_owned(),
            }],
            from_config: false,
        }
    }

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn days_from_the_last_kept_to_today_at_most_a_week() {
        let rmrb = paper("人民日报");
        let have = vec![
            ("人民日报".to_owned(), day("2026-11-27")),
            ("人民日报".to_owned(), day("2026-11-29")),
            ("光明日报".to_owned(), day("2026-11-30")),
        ];
        let plans = plan(&[&rmrb], &have, day("2026-12-01"), None, 7);
        assert_eq!(plans[0].dates, [day("2026-11-30"), day("2026-12-01")]);
        // Long unread: a week back at most.
        let have = vec![("人民日报".to_owned(), day("2026-10-01"))];
        let plans = plan(&[&rmrb], &have, day("2026-12-01"), None, 7);
        assert_eq!(plans[0].dates.first(), Some(&day("2026-11-25")));
        assert_eq!(plans[0].dates.len(), 7);
        // Never fetched: today.
        let plans = plan(&[&rmrb], &[], day("2026-12-01"), None, 7);
        assert_eq!(plans[0].dates, [day("2026-12-01")]);
        // Told where to start: from there, less what is kept.
        let have = vec![("人民日报".to_owned(), day("2026-11-02"))];
        let plans = plan(
            &[&rmrb],
            &have,
            day("2026-11-03"),
            Some(day("2026-11-01")),
            7,
        );
        assert_eq!(plans[0].dates, [day("2026-11-01"), day("2026-11-03")]);
        assert_eq!(plans[0].had, 1);
        // Up to date.
        let have = vec![("人民日报".to_owned(), day("2026-12-01"))];
        assert!(
            plan(&[&rmrb], &have, day("2026-12-01"), None, 7)[0]
                .dates
                .is_empty()
        );
    }
}
