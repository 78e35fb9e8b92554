//! Site profiles: what differs from one e-paper platform to the next,
//! written as data. A profile says how to recognise the platform's pages
//! (URL patterns, markup, words in the source) and where each thing the
//! importer wants is found on them: the paper's name and the date, the
//! page list, the current page, the headlines, the page picture's map and
//! an article's parts. The built-in profiles (`src/import/sites/*.toml`)
//! are compiled in; a user adds one as `sites/NAME.toml` beside the config
//! file, and may build it on a built-in one with `extends`. The format is
//! docs/SITES.md.
//!
//! What is common to every site stays code (`html/`): reading labels and
//! dates, cleaning text, and the generic extractor that scores candidates
//! where no profile says where to look.

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use scraper::Selector;
use serde::Deserialize;
use toml::Spanned;

/// The built-in profiles, by file name.
const BUILTIN: &[(&str, &str)] = &[
    ("founder", include_str!("sites/founder.toml")),
    (
        "people-daily-nbs",
        include_str!("sites/people-daily-nbs.toml"),
    ),
    (
        "people-daily-pc",
        include_str!("sites/people-daily-pc.toml"),
    ),
    ("tqpaper", include_str!("sites/tqpaper.toml")),
    ("pagenn", include_str!("sites/pagenn.toml")),
    ("banci", include_str!("sites/banci.toml")),
];

/// Where a value is read from: a CSS selector (the element's text, or one
/// of its attributes after ` @`), the page title, the document's URL, a
/// field of a Founder `<!--enpproperty …-->` comment, a string a script
/// assigns to a variable, or a `<meta name=…>`.
#[derive(Debug, Clone)]
pub enum Source {
    Css {
        selector: Box<Selector>,
        attr: Option<String>,
        written: String,
        /// What a document must have for the selector to match anything.
        needs: Needs,
    },
    Title,
    Url,
    Enp(String),
    Script(String),
    Meta(String),
}

impl Source {
    /// The source as the profile writes it, for explanations.
    pub fn written(&self) -> String {
        match self {
            Source::Css { written, .. } => written.clone(),
            Source::Title => "<title>".to_owned(),
            Source::Url => "url".to_owned(),
            Source::Enp(name) => format!("enp:{name}"),
            Source::Script(name) => format!("script:{name}"),
            Source::Meta(name) => format!("meta:{name}"),
        }
    }

    /// A source the program itself writes, which is known to be valid.
    pub(crate) fn parse_builtin(text: &str) -> Source {
        Source::parse(text).unwrap_or_else(|e| panic!("the built-in source {text}: {e}"))
    }

    /// Reads a source as written: `css` with an optional ` @attr`, or one
    /// of the prefixed forms.
    pub(crate) fn parse(text: &str) -> Result<Source, String> {
        let text = text.trim();
        let field = |prefix: &str| {
            text.strip_prefix(prefix)
                .map(str::trim)
                .filter(|rest| !rest.is_empty())
                .map(str::to_owned)
        };
        if text == "<title>" {
            return Ok(Source::Title);
        }
        if text == "url" {
            return Ok(Source::Url);
        }
        if let Some(name) = field("enp:") {
            return Ok(Source::Enp(name));
        }
        if let Some(name) = field("script:") {
            return Ok(Source::Script(name));
        }
        if let Some(name) = field("meta:") {
            return Ok(Source::Meta(name.to_ascii_lowercase()));
        }
        let (css, attr) = match text.rsplit_once(" @") {
            Some((css, attr))
                if !attr.is_empty()
                    && attr
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':')) =>
            {
                (css.trim(), Some(attr.to_ascii_lowercase()))
            }
            _ => (text, None),
        };
        if css.is_empty() {
            return Err("an empty selector".to_owned());
        }
        let selector = Selector::parse(css)
            .map_err(|e| format!("`{css}` is not a CSS selector the importer can use ({e})"))?;
        Ok(Source::Css {
            selector: Box::new(selector),
            attr,
            written: text.to_owned(),
            needs: Needs::of(css),
        })
    }
}

/// The tag names, ids and classes a selector asks for, in lower case,
/// where it is simple enough to say: a document without one of them
/// cannot match it, and is not searched. None says nothing (a selector
/// with `,`, `:not` and the like).
#[derive(Debug, Clone, Default)]
pub struct Needs(Option<Vec<String>>);

impl Needs {
    fn of(css: &str) -> Needs {
        let lower = css.to_ascii_lowercase();
        if [",", ":not", ":is", ":where", ":has", "\\"]
            .iter()
            .any(|t| lower.contains(t))
        {
            return Needs(None);
        }
        let mut needs = Vec::new();
        let mut token = String::new();
        let mut kind = ' ';
        let mut depth = 0usize;
        let mut flush = |token: &mut String, kind: char| {
            if !token.is_empty() && matches!(kind, 't' | '.' | '#') {
                needs.push(if kind == 't' {
                    token.clone()
                } else {
                    format!("{kind}{token}")
                });
            }
            token.clear();
        };
        for c in lower.chars() {
            match c {
                '[' | '(' => {
                    flush(&mut token, kind);
                    depth += 1;
                    kind = ' ';
                }
                ']' | ')' => {
                    depth = depth.saturating_sub(1);
                    kind = ' ';
                }
                _ if depth > 0 => {}
                '.' | '#' | ':' => {
                    flush(&mut token, kind);
                    kind = c;
                }
                ' ' | '>' | '+' | '~' | '*' => {
                    flush(&mut token, kind);
                    kind = 'b';
                }
                c if c.is_ascii_alphanumeric() || c == '-' || c == '_' => {
                    if matches!(kind, 'b' | ' ') && token.is_empty() {
                        kind = 't';
                    }
                    token.push(c);
                }
                _ => return Needs(None),
            }
        }
        flush(&mut token, kind);
        Needs(Some(needs))
    }

    /// Whether a document with what `present` holds may match.
    pub fn met(&self, present: &Present) -> bool {
        self.0
            .as_ref()
            .is_none_or(|needs| needs.iter().all(|n| present.has(n)))
    }
}

/// The tag names, ids and classes a document has, in lower case, read in
/// one walk: what [`Needs`] is checked against.
#[derive(Debug, Default)]
pub struct Present {
    names: std::collections::HashSet<String>,
}

impl Present {
    pub fn of(html: &scraper::Html) -> Present {
        let mut names = std::collections::HashSet::new();
        for node in html.tree.nodes() {
            let Some(element) = node.value().as_element() else {
                continue;
            };
            names.insert(element.name().to_ascii_lowercase());
            if let Some(id) = element.id() {
                names.insert(format!("#{}", id.to_ascii_lowercase()));
            }
            for class in element.classes() {
                names.insert(format!(".{}", class.to_ascii_lowercase()));
            }
        }
        Present { names }
    }

    fn has(&self, name: &str) -> bool {
        self.names.contains(name)
    }
}

/// How a profile recognises a platform's documents.
#[derive(Debug, Clone, Default)]
pub struct Detect {
    /// Patterns the document's URL or path matches: `*` any run of
    /// characters, `?` one.
    pub urls: Vec<String>,
    /// Selectors that find something in the document.
    pub html: Vec<(Selector, String, Needs)>,
    /// Words in the document's source (comments and scripts included).
    pub text: Vec<String>,
}

/// Where an article page's parts are.
#[derive(Debug, Clone, Default)]
pub struct ArticleSources {
    /// Boxes whose h1–h4 give 引题, 主标题 and 副题 by their order.
    pub headings: Vec<Source>,
    pub title: Vec<Source>,
    pub kicker: Vec<Source>,
    pub subtitle: Vec<Source>,
    pub byline: Vec<Source>,
    /// The page label the article page names.
    pub page: Vec<Source>,
    /// Boxes whose paragraphs are the body.
    pub body: Vec<Source>,
    /// Boxes each holding a picture and its caption.
    pub pictures: Vec<Source>,
}

/// A platform, as a profile describes it.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub name: String,
    pub about: String,
    /// The profile's file, or None for a built-in one.
    pub file: Option<PathBuf>,
    pub detect: Detect,
    pub publication: Vec<Source>,
    pub date: Vec<Source>,
    /// Page-list entries: "第A01版：头版", with their links.
    pub pages: Vec<Source>,
    /// Where the page a document shows is named.
    pub current: Vec<Source>,
    /// The current page's headline entries.
    pub headlines: Vec<Source>,
    /// Boxes in which page labels head the headlines of their page, for
    /// sites that list every page's headlines in one document.
    pub grouped: Vec<Source>,
    /// The page picture's hotspots.
    pub map: Vec<Source>,
    pub article: ArticleSources,
}

/// How well a profile fits a document: the signals that matched.
#[derive(Debug, Clone)]
pub struct Fit<'a> {
    pub profile: &'a Profile,
    pub signals: Vec<String>,
}

/// A profile fits a document when at least this many of its signals
/// match: one class name in common is how sites borrow from each other,
/// not proof of a platform.
pub const FIT: usize = 2;

/// A profile that cannot be used: where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: error: {message}", path.display(), place.map(|(line, column)| format!(":{line}:{column}")).unwrap_or_default())]
pub struct ProfileError {
    pub path: PathBuf,
    /// Line and column, from 1.
    pub place: Option<(usize, usize)>,
    pub message: String,
}

/// Every profile the importer knows: the user's, then the built-in ones.
/// Cheap to clone: fetch's workers share one.
#[derive(Debug, Clone)]
pub struct Profiles {
    list: Arc<Vec<Profile>>,
}

impl Default for Profiles {
    /// The built-in profiles.
    fn default() -> Profiles {
        Profiles::builtin().clone()
    }
}

static BUILTIN_PROFILES: LazyLock<Profiles> = LazyLock::new(|| {
    let files: Vec<RawFile> = BUILTIN
        .iter()
        .map(|(name, text)| RawFile {
            name: (*name).to_owned(),
            path: PathBuf::from(format!("src/import/sites/{name}.toml")),
            text: (*text).to_owned(),
            builtin: true,
        })
        .collect();
    Profiles::build(&files).expect("the built-in site profiles are valid")
});

/// One profile file before it is compiled.
struct RawFile {
    name: String,
    path: PathBuf,
    text: String,
    builtin: bool,
}

impl Profiles {
    /// The built-in profiles alone.
    pub fn builtin() -> &'static Profiles {
        &BUILTIN_PROFILES
    }

    /// No profile at all: every document goes to the generic extractor.
    pub fn none() -> Profiles {
        Profiles {
            list: Arc::new(Vec::new()),
        }
    }

    /// The user's profiles in `dir` (each `NAME.toml`), then the built-in
    /// ones; a user's profile named like a built-in one replaces it. A
    /// missing folder is no profile of the user's.
    pub fn load(dir: Option<&Path>) -> Result<Profiles, ProfileError> {
        let mut user = Vec::new();
        if let Some(dir) = dir {
            let entries = match std::fs::read_dir(dir) {
                Ok(entries) => entries.filter_map(Result::ok).collect::<Vec<_>>(),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => Vec::new(),
                Err(error) => {
                    return Err(ProfileError {
                        path: dir.to_owned(),
                        place: None,
                        message: format!("cannot read the site profiles: {error}"),
                    });
                }
            };
            let mut paths: Vec<PathBuf> = entries
                .into_iter()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect();
            paths.sort();
            for path in paths {
                let fail = |message: String| ProfileError {
                    path: path.clone(),
                    place: None,
                    message,
                };
                let bytes = crate::library::read_limited(&path, 1 << 20, "site profiles")
                    .map_err(|e| fail(format!("cannot read it: {}", e.reason())))?;
                let text = String::from_utf8(bytes)
                    .map_err(|_| fail("it is not UTF-8 text".to_owned()))?;
                let name = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                user.push(RawFile {
                    name,
                    path,
                    text,
                    builtin: false,
                });
            }
        }
        if user.is_empty() {
            return Ok(Profiles::builtin().clone());
        }
        user.extend(BUILTIN.iter().map(|(name, text)| RawFile {
            name: (*name).to_owned(),
            path: PathBuf::from(format!("src/import/sites/{name}.toml")),
            text: (*text).to_owned(),
            builtin: true,
        }));
        Profiles::build(&user)
    }

    /// Compiles the files, user's first, resolving `extends`; a built-in
    /// profile that a user's of the same name replaces is left out, but
    /// can still be extended.
    fn build(files: &[RawFile]) -> Result<Profiles, ProfileError> {
        let mut raw: Vec<(&RawFile, RawProfile)> = Vec::with_capacity(files.len());
        for file in files {
            let parsed: RawProfile = toml::from_str(&file.text).map_err(|error| ProfileError {
                path: file.path.clone(),
                place: error.span().map(|span| line_column(&file.text, span.start)),
                message: error.message().trim_end().to_owned(),
            })?;
            raw.push((file, parsed));
        }
        let mut list = Vec::with_capacity(raw.len());
        for (i, (file, _)) in raw.iter().enumerate() {
            let replaced = file.builtin && files.iter().any(|f| !f.builtin && f.name == file.name);
            if !replaced {
                list.push(compile(i, &raw)?);
            }
        }
        Ok(Profiles {
            list: Arc::new(list),
        })
    }

    pub fn iter(&self) -> impl Iterator<Item = &Profile> {
        self.list.iter()
    }

    pub fn get(&self, name: &str) -> Option<&Profile> {
        self.list.iter().find(|p| p.name == name)
    }

    /// Every profile's fit to a document, best first; those with fewer
    /// than [`FIT`] signals are left out.
    pub fn fits<'a>(
        &'a self,
        location: &str,
        source: &str,
        html: &scraper::Html,
        present: &Present,
    ) -> Vec<Fit<'a>> {
        let mut fits: Vec<Fit<'a>> = self
            .list
            .iter()
            .map(|profile| Fit {
                profile,
                signals: profile.signals(location, source, html, present),
            })
            .filter(|fit| fit.signals.len() >= FIT)
            .collect();
        // Stable: among equal fits the user's profiles, then file order.
        fits.sort_by_key(|fit| std::cmp::Reverse(fit.signals.len()));
        fits
    }
}

impl Profile {
    /// The signals of this profile that `location`, the document's source
    /// and its parsed tree show.
    fn signals(
        &self,
        location: &str,
        source: &str,
        html: &scraper::Html,
        present: &Present,
    ) -> Vec<String> {
        let mut found = Vec::new();
        let lower = location.replace('\\', "/").to_ascii_lowercase();
        for pattern in &self.detect.urls {
            if glob(&pattern.to_ascii_lowercase(), &lower) {
                found.push(format!("url {pattern}"));
            }
        }
        for (selector, written, needs) in &self.detect.html {
            if needs.met(present) && html.select(selector).next().is_some() {
                found.push(written.clone());
            }
        }
        for word in &self.detect.text {
            if source.contains(word.as_str()) {
                found.push(format!("“{word}”"));
            }
        }
        found
    }
}

/// `*` matches any run of characters, `?` any one, `#` one ASCII digit;
/// the pattern matches the whole text (start it with `*` to match its end).
/// Backtracks to the last `*` only, so it is linear in the text for each
/// `*`, as patterns are short.
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let one = |p: char, t: char| p == '?' || p == t || (p == '#' && t.is_ascii_digit());
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] != '*' && one(p[pi], t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

type Sources = Option<Vec<Spanned<String>>>;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawProfile {
    about: Option<String>,
    extends: Option<Spanned<String>>,
    #[serde(default)]
    detect: RawDetect,
    #[serde(default)]
    issue: RawIssue,
    #[serde(default)]
    pages: RawPages,
    #[serde(default)]
    headlines: RawHeadlines,
    #[serde(default)]
    article: RawArticle,
}

#[derive(Deserialize, Default, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawDetect {
    url: Option<Vec<String>>,
    html: Sources,
    text: Option<Vec<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawIssue {
    publication: Sources,
    date: Sources,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPages {
    list: Sources,
    current: Sources,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawHeadlines {
    list: Sources,
    grouped: Sources,
    map: Sources,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawArticle {
    headings: Sources,
    title: Sources,
    kicker: Sources,
    subtitle: Sources,
    byline: Sources,
    page: Sources,
    body: Sources,
    pictures: Sources,
}

/// The profile at `at`, with what it extends filled in under it.
fn compile(at: usize, raw: &[(&RawFile, RawProfile)]) -> Result<Profile, ProfileError> {
    let file = raw[at].0;
    let mut profile = Profile {
        name: file.name.clone(),
        file: (!file.builtin).then(|| file.path.clone()),
        ..Profile::default()
    };
    // From the farthest ancestor down, each level over the one before.
    for &level in chain(at, raw)?.iter().rev() {
        let (level_file, level_raw) = &raw[level];
        over(&mut profile, level_file, level_raw)?;
    }
    Ok(profile)
}

/// The profile at `at` and those it extends, nearest first.
fn chain(at: usize, raw: &[(&RawFile, RawProfile)]) -> Result<Vec<usize>, ProfileError> {
    let mut chain = vec![at];
    loop {
        let child = *chain.last().expect("one");
        let Some(parent) = raw[child].1.extends.as_ref() else {
            return Ok(chain);
        };
        let child_file = raw[child].0;
        let name = parent.get_ref();
        let fail = |message: String| ProfileError {
            path: child_file.path.clone(),
            place: Some(line_column(&child_file.text, parent.span().start)),
            message,
        };
        // A user's profile may extend the built-in one it replaces.
        let Some(found) = raw
            .iter()
            .enumerate()
            .position(|(i, (f, _))| &f.name == name && i != child)
        else {
            let names: Vec<&str> = raw.iter().map(|(f, _)| f.name.as_str()).collect();
            return Err(fail(format!(
                "`extends = \"{name}\"`: there is no profile of that name; the profiles are {}",
                names.join(", ")
            )));
        };
        if chain.contains(&found) {
            return Err(fail(format!(
                "`extends = \"{name}\"` goes round in a circle"
            )));
        }
        chain.push(found);
    }
}

/// One level of a profile written over what is below it: each list it
/// gives replaces the one below; detection signals add up, so a paper's
/// profile fits on its platform's signals and its own.
fn over(profile: &mut Profile, file: &RawFile, raw: &RawProfile) -> Result<(), ProfileError> {
    let at = |span: std::ops::Range<usize>| Some(line_column(&file.text, span.start));
    let sources = |list: &Sources| -> Result<Option<Vec<Source>>, ProfileError> {
        let Some(list) = list else { return Ok(None) };
        list.iter()
            .map(|s| {
                Source::parse(s.get_ref()).map_err(|message| ProfileError {
                    path: file.path.clone(),
                    place: at(s.span()),
                    message,
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    };
    let set = |slot: &mut Vec<Source>, list: Option<Vec<Source>>| {
        if let Some(list) = list {
            *slot = list;
        }
    };
    if let Some(about) = &raw.about {
        profile.about.clone_from(about);
    }
    let detect = &raw.detect;
    profile
        .detect
        .urls
        .extend(detect.url.iter().flatten().cloned());
    profile
        .detect
        .text
        .extend(detect.text.iter().flatten().cloned());
    for selector in detect.html.iter().flatten() {
        let parsed = Selector::parse(selector.get_ref()).map_err(|e| ProfileError {
            path: file.path.clone(),
            place: at(selector.span()),
            message: format!(
                "`{}` is not a CSS selector the importer can use ({e})",
                selector.get_ref()
            ),
        })?;
        let needs = Needs::of(selector.get_ref());
        profile
            .detect
            .html
            .push((parsed, selector.get_ref().clone(), needs));
    }
    set(&mut profile.publication, sources(&raw.issue.publication)?);
    set(&mut profile.date, sources(&raw.issue.date)?);
    set(&mut profile.pages, sources(&raw.pages.list)?);
    set(&mut profile.current, sources(&raw.pages.current)?);
    set(&mut profile.headlines, sources(&raw.headlines.list)?);
    set(&mut profile.grouped, sources(&raw.headlines.grouped)?);
    set(&mut profile.map, sources(&raw.headlines.map)?);
    let article = &raw.article;
    let into = &mut profile.article;
    set(&mut into.headings, sources(&article.headings)?);
    set(&mut into.title, sources(&article.title)?);
    set(&mut into.kicker, sources(&article.kicker)?);
    set(&mut into.subtitle, sources(&article.subtitle)?);
    set(&mut into.byline, sources(&article.byline)?);
    set(&mut into.page, sources(&article.page)?);
    set(&mut into.body, sources(&article.body)?);
    set(&mut into.pictures, sources(&article.pictures)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_profiles_compile() {
        let profiles = Profiles::builtin();
        assert_eq!(profiles.iter().count(), BUILTIN.len());
        for profile in profiles.iter() {
            assert!(!profile.about.is_empty(), "{}", profile.name);
            assert!(
                profile.detect.urls.len() + profile.detect.html.len() + profile.detect.text.len()
                    >= FIT,
                "{} can never fit",
                profile.name
            );
        }
    }

    #[test]
    fn what_selectors_need() {
        let page = scraper::Html::parse_document(
            "<div class=\"Newslist a\"><a id=pageLink>x</a><area class=areablock></div>",
        );
        let present = Present::of(&page);
        for (css, met) in [
            ("a#pageLink", true),
            ("div.newslist li h3 a", false),
            ("div.newslist a", true),
            ("map area", false),
            ("area.areablock", true),
            ("td.px12 div", false),
            ("div[id^=mp]", true),
            ("div.newsdetatit > p:first-child", false),
            ("tr:nth-of-type(2) p", false),
            ("a, td.px12", true),
            ("img[alt*=报名]", false),
        ] {
            assert_eq!(Needs::of(css).met(&present), met, "{css}");
        }
    }

    #[test]
    fn globs() {
        assert!(glob(
            "*/html/*/node_*.htm",
            "http://x.cn/kjrb/html/2023-02/10/node_2.htm"
        ));
        assert!(glob("*content_*", "a/content_1.htm?div=-1"));
        assert!(!glob(
            "*/html/*/node_*.htm",
            "http://x.cn/pc/layout/202603/10/node_01.html"
        ));
        assert!(glob("*node_??.html", "x/node_A1.html"));
        assert!(!glob("node_?.html", "x/node_A1.html"));
        assert!(glob("*/page##*.htm", "x/20241011/page01bc.htm"));
        assert!(!glob(
            "*/page##*.htm",
            "x/pagenn/lcrb/20250314/articel01001nr.htm"
        ));
    }

    #[test]
    fn sources_in_their_written_forms() {
        for written in [
            "<title>",
            "url",
            "enp:founder-title",
            "script:banciArray",
            "meta:author",
            "map area @title",
            "a#pageLink",
        ] {
            let source = Source::parse(written).unwrap();
            assert_eq!(source.written(), written);
        }
        assert!(Source::parse("div[").is_err());
        assert!(Source::parse(" @title").is_err());
    }

    fn user_files(files: &[(&str, &str)]) -> Result<Profiles, ProfileError> {
        let dir = std::env::temp_dir().join(format!(
            "epaper-profiles-{}-{}",
            std::process::id(),
            files.iter().map(|f| f.0).collect::<Vec<_>>().join("-")
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for (name, text) in files {
            std::fs::write(dir.join(format!("{name}.toml")), text).unwrap();
        }
        let loaded = Profiles::load(Some(&dir));
        let _ = std::fs::remove_dir_all(&dir);
        loaded
    }

    #[test]
    fn a_user_profile_extends_a_built_in_one() {
        let profiles = user_files(&[(
            "jhrb",
            "about = \"江湖日报\"\nextends = \"founder\"\n[detect]\nurl = [\"*jhrb.example.cn*\"]\n[issue]\npublication = [\"div.masthead\"]\n",
        )])
        .unwrap();
        let jhrb = profiles.get("jhrb").unwrap();
        let founder = profiles.get("founder").unwrap();
        assert_eq!(jhrb.publication.len(), 1);
        assert_eq!(jhrb.pages.len(), founder.pages.len());
        assert_eq!(jhrb.detect.urls.len(), founder.detect.urls.len() + 1);
        assert!(jhrb.file.is_some() && founder.file.is_none());
        // The user's come first, so they win a tie.
        assert_eq!(profiles.iter().next().unwrap().name, "jhrb");
    }

    #[test]
    fn errors_in_a_user_profile_name_the_line_and_column() {
        let error = user_files(&[(
            "bad",
            "about = \"x\"\n[pages]\nlist = [\"a#pageLink\", \"td[\"]\n",
        )])
        .unwrap_err();
        assert_eq!(error.place, Some((3, 23)), "{error}");
        assert!(error.message.contains("td["), "{error}");
        let error = user_files(&[("typo", "about = \"x\"\n[pages]\nlsit = []\n")]).unwrap_err();
        assert_eq!(error.place.map(|p| p.0), Some(3), "{error}");
        assert!(error.message.contains("lsit"), "{error}");
        let error = user_files(&[("orphan", "extends = \"nothing\"\n")]).unwrap_err();
        assert_eq!(error.place, Some((1, 11)), "{error}");
        let error =
            user_files(&[("a", "extends = \"b\"\n"), ("b", "extends = \"a\"\n")]).unwrap_err();
        assert!(error.message.contains("circle"), "{error}");
    }
}
