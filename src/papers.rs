//! The catalogue of papers: what `epaper papers` lists, what `epaper fetch
//! 人民日报` and `epaper update` fetch. Each paper has a short key (`rmrb`),
//! its name, and the URL of an issue's first page for a day, written as a
//! template; a site that changed its layout has one per period. The
//! built-in catalogue (`src/papers.toml`) is compiled in; the config adds
//! papers or replaces them (`[catalogue.KEY]`, the same fields).
//!
//! Only dates and strings live here: fetching is `fetch`'s, the config
//! file `config`'s.

use std::collections::BTreeMap;
use std::sync::LazyLock;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Deserialize;
use toml::Spanned;

use crate::model::Date;

/// One paper of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paper {
    /// What the command line calls it: `rmrb`.
    pub key: String,
    /// The paper's name, as its issues are filed: 人民日报.
    pub name: String,
    /// "national", "provincial", "city" or "trade", for the list.
    pub scope: String,
    /// The site profile its URLs suggest its pages fit.
    pub platform: String,
    /// Something a user should know about its site.
    pub note: Option<String>,
    /// The first page's URL for a day, by period, in the order tried.
    pub issues: Vec<IssueUrl>,
    /// Added or changed by the user's config.
    pub from_config: bool,
}

/// The URL of an issue's first page for the days of one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueUrl {
    pub since: Option<Date>,
    pub until: Option<Date>,
    /// With `{yyyy}`, `{mm}` and `{dd}` for the date.
    pub template: String,
}

impl IssueUrl {
    fn covers(&self, date: Date) -> bool {
        self.since.is_none_or(|since| since <= date) && self.until.is_none_or(|until| date <= until)
    }

    /// The URL for `date`.
    pub fn for_date(&self, date: Date) -> String {
        self.template
            .replace("{yyyy}", &format!("{:04}", date.year()))
            .replace("{mm}", &format!("{:02}", date.month()))
            .replace("{dd}", &format!("{:02}", date.day()))
    }
}

impl Paper {
    /// The URLs of the first page of the issue of `date`, in the order to
    /// try them: those of every period that holds the day.
    pub fn urls(&self, date: Date) -> Vec<String> {
        self.issues
            .iter()
            .filter(|u| u.covers(date))
            .map(|u| u.for_date(date))
            .collect()
    }

    /// The template for today's issues, for the list.
    pub fn current_template(&self) -> Option<&str> {
        let today = today();
        self.issues
            .iter()
            .find(|u| u.covers(today))
            .or_else(|| self.issues.first())
            .map(|u| u.template.as_str())
    }
}

/// The papers, by key.
#[derive(Clone)]
pub struct Catalogue {
    /// None for the built-in catalogue as it is, which is read from its
    /// TOML only when first looked at: most commands that read the config
    /// (`cat`, the reader) never do.
    papers: Option<Vec<Paper>>,
}

impl PartialEq for Catalogue {
    fn eq(&self, other: &Catalogue) -> bool {
        self.papers() == other.papers()
    }
}

impl Eq for Catalogue {}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogue")
            .field("papers", &self.papers())
            .finish()
    }
}

/// A paper as a catalogue file writes it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPaper {
    name: Spanned<String>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    platform: Option<String>,
    #[serde(default)]
    note: Option<String>,
    /// One URL for every day.
    #[serde(default)]
    url: Option<Spanned<String>>,
    /// URLs by period.
    #[serde(default)]
    issue: Vec<RawIssueUrl>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIssueUrl {
    url: Spanned<String>,
    #[serde(default)]
    since: Option<Spanned<String>>,
    #[serde(default)]
    until: Option<Spanned<String>>,
}

/// What is wrong with an entry, and the byte span it is at.
pub type EntryError = (std::ops::Range<usize>, String);

impl RawPaper {
    /// The paper, checked: a name, at least one URL, each an http(s)
    /// URL with the date's three parts and no other placeholder.
    pub fn paper(&self, key: &str, from_config: bool) -> Result<Paper, EntryError> {
        let name = self.name.get_ref().trim();
        if name.is_empty() {
            return Err((
                self.name.span(),
                format!("catalogue.{key}: `name` is empty"),
            ));
        }
        let mut issues = Vec::new();
        let date = |field: &Option<Spanned<String>>| -> Result<Option<Date>, EntryError> {
            field
                .as_ref()
                .map(|d| {
                    d.get_ref()
                        .parse::<Date>()
                        .map_err(|e| (d.span(), e.to_string()))
                })
                .transpose()
        };
        for (url, since, until) in self.url.iter().map(|u| (u, Ok(None), Ok(None))).chain(
            self.issue
                .iter()
                .map(|i| (&i.url, date(&i.since), date(&i.until))),
        ) {
            check_template(url.get_ref()).map_err(|message| (url.span(), message))?;
            issues.push(IssueUrl {
                since: since?,
                until: until?,
                template: url.get_ref().clone(),
            });
        }
        if issues.is_empty() {
            return Err((
                self.name.span(),
                format!(
                    "catalogue.{key}: no `url` (the first page's URL for a day, with {{yyyy}}, {{mm}} and {{dd}})"
                ),
            ));
        }
        Ok(Paper {
            key: key.to_owned(),
            name: name.to_owned(),
            scope: self.scope.clone().unwrap_or_default(),
            platform: self
                .platform
                .clone()
                .unwrap_or_else(|| "generic".to_owned()),
            note: self.note.clone(),
            issues,
            from_config,
        })
    }
}

/// An issue URL template's rules.
fn check_template(template: &str) -> Result<(), String> {
    if !(template.starts_with("http://") || template.starts_with("https://")) {
        return Err(format!("`{template}` is not an http or https URL"));
    }
    for part in ["{yyyy}", "{mm}", "{dd}"] {
        if !template.contains(part) {
            return Err(format!(
                "`{template}` has no {part}: an issue's URL holds its date as {{yyyy}}, {{mm}} and {{dd}}"
            ));
        }
    }
    let rest = template
        .replace("{yyyy}", "")
        .replace("{mm}", "")
        .replace("{dd}", "");
    if let Some(at) = rest.find('{') {
        let other: String = rest[at..]
            .chars()
            .take_while(|&c| c != '}')
            .chain(['}'])
            .collect();
        return Err(format!(
            "`{other}` in `{template}` is not a part of a date; the parts are {{yyyy}}, {{mm}} and {{dd}}"
        ));
    }
    Ok(())
}

static BUILTIN: LazyLock<Catalogue> = LazyLock::new(|| {
    let text = include_str!("papers.toml");
    let raw: BTreeMap<String, RawPaper> =
        toml::from_str(text).expect("the built-in catalogue is TOML");
    let mut papers: Vec<Paper> = raw
        .iter()
        .map(|(key, paper)| {
            paper
                .paper(key, false)
                .unwrap_or_else(|(_, e)| panic!("{e}"))
        })
        .collect();
    // In each scope, as the file lists them (the national papers by
    // standing, the others as they came): the tables' headers, in one pass.
    let listed: Vec<&str> = text
        .lines()
        .filter_map(|line| Some(line.strip_prefix('[')?.split_once(']')?.0))
        .collect();
    order(&mut papers, |key| {
        listed.iter().position(|k| *k == key).unwrap_or(usize::MAX)
    });
    Catalogue {
        papers: Some(papers),
    }
});

/// National papers first, then provincial, city and trade ones; in each,
/// by `place`, then by key.
fn order(papers: &mut [Paper], place: impl Fn(&str) -> usize) {
    let rank = |scope: &str| match scope {
        "national" => 0,
        "provincial" => 1,
        "city" => 2,
        "trade" => 3,
        _ => 4,
    };
    // Each paper's place once, not at every comparison.
    papers.sort_by_cached_key(|p| (rank(&p.scope), place(&p.key), p.key.clone()));
}

impl Catalogue {
    pub fn builtin() -> &'static Catalogue {
        &BUILTIN
    }

    /// The built-in catalogue with the config's papers added; one with
    /// the key of a built-in one replaces it.
    pub fn with(added: Vec<Paper>) -> Catalogue {
        let mut papers: Vec<Paper> = Catalogue::builtin()
            .papers()
            .iter()
            .filter(|p| !added.iter().any(|a| a.key == p.key))
            .cloned()
            .collect();
        papers.extend(added);
        let builtin = Catalogue::builtin();
        let place = |key: &str| {
            builtin
                .papers()
                .iter()
                .position(|p| p.key == key)
                .unwrap_or(usize::MAX)
        };
        order(&mut papers, place);
        Catalogue {
            papers: Some(papers),
        }
    }

    fn papers(&self) -> &[Paper] {
        match &self.papers {
            Some(papers) => papers,
            // The built-in one always holds its papers.
            None => Catalogue::builtin().papers(),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Paper> {
        self.papers().iter()
    }

    /// The paper a person means: its key in any case, or its name.
    pub fn find(&self, wanted: &str) -> Option<&Paper> {
        let wanted = wanted.trim();
        self.papers()
            .iter()
            .find(|p| p.key.eq_ignore_ascii_case(wanted) || p.name == wanted)
    }
}

impl Default for Catalogue {
    /// The built-in catalogue, read when first looked at.
    fn default() -> Catalogue {
        Catalogue { papers: None }
    }
}

/// Today in China (UTC+8), where the papers are dated.
pub fn today() -> Date {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (seconds + 8 * 3600) / 86_400;
    Date::from_days_since_epoch(i64::try_from(days).unwrap_or(0)).unwrap_or(Date::FIRST)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn the_built_in_catalogue_reads() {
        let catalogue = Catalogue::builtin();
        for key in ["rmrb", "gmrb", "jjrb", "kjrb", "zgqnb"] {
            let paper = catalogue.find(key).unwrap_or_else(|| panic!("{key}"));
            assert_eq!(paper.scope, "national", "{key}");
        }
        assert_eq!(
            catalogue.find("人民日报").map(|p| p.key.as_str()),
            Some("rmrb")
        );
        assert_eq!(catalogue.find("RMRB").map(|p| p.key.as_str()), Some("rmrb"));
        assert!(catalogue.find("不存在日报").is_none());
        let first = catalogue.iter().next().unwrap();
        assert_eq!(first.key, "rmrb", "the catalogue's own order");
    }

    #[test]
    fn a_paper_that_changed_its_layout_has_a_url_for_each_period() {
        let rmrb = Catalogue::builtin().find("rmrb").unwrap();
        assert_eq!(
            rmrb.urls(day("2026-03-10")),
            ["https://paper.people.com.cn/rmrb/pc/layout/202603/10/node_01.html"]
        );
        assert_eq!(
            rmrb.urls(day("2017-10-16")),
            ["http://paper.people.com.cn/rmrb/html/2017-10/16/nbs.D110000renmrb_01.htm"]
        );
        let gmrb = Catalogue::builtin().find("gmrb").unwrap();
        assert_eq!(
            gmrb.urls(day("2025-11-01")).len(),
            2,
            "both forms in the changeover"
        );
        let kjrb = Catalogue::builtin().find("kjrb").unwrap();
        assert!(kjrb.urls(day("2026-01-01")).is_empty());
    }

    #[test]
    fn templates_are_checked() {
        let entry = |text: &str| -> Result<Paper, String> {
            let raw: BTreeMap<String, RawPaper> =
                toml::from_str(text).map_err(|e| e.to_string())?;
            let (key, paper) = raw.iter().next().unwrap();
            paper.paper(key, true).map_err(|(_, e)| e)
        };
        assert!(
            entry("[x]\nname = \"某报\"\nurl = \"https://a.cn/{yyyy}-{mm}/{dd}/node_1.htm\"\n")
                .is_ok()
        );
        let error =
            entry("[x]\nname = \"某报\"\nurl = \"https://a.cn/{yyyy}/node_1.htm\"\n").unwrap_err();
        assert!(error.contains("{mm}"), "{error}");
        let error =
            entry("[x]\nname = \"某报\"\nurl = \"https://a.cn/{yyyy}{mm}{dd}/{page}.htm\"\n")
                .unwrap_err();
        assert!(error.contains("{page}"), "{error}");
        let error =
            entry("[x]\nname = \"某报\"\nurl = \"ftp://a.cn/{yyyy}{mm}{dd}\"\n").unwrap_err();
        assert!(error.contains("http"), "{error}");
        let error = entry("[x]\nname = \"某报\"\n").unwrap_err();
        assert!(error.contains("no `url`"), "{error}");
    }

    #[test]
    fn a_paper_of_the_config_replaces_the_built_in_one() {
        let mine = Paper {
            key: "rmrb".to_owned(),
            name: "人民日报".to_owned(),
            scope: "national".to_owned(),
            platform: "generic".to_owned(),
            note: None,
            issues: vec![IssueUrl {
                since: None,
                until: None,
                template: "http://127.0.0.1/{yyyy}{mm}{dd}.htm".to_owned(),
            }],
            from_config: true,
        };
        let catalogue = Catalogue::with(vec![mine]);
        assert_eq!(
            catalogue.find("rmrb").unwrap().urls(day("2026-01-02")),
            ["http://127.0.0.1/20260102.htm"]
        );
        assert_eq!(catalogue.iter().filter(|p| p.key == "rmrb").count(), 1);
    }
}
