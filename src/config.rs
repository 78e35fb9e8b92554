//! The config file: `$XDG_CONFIG_HOME/epaper/config.toml` (or
//! `~/.config/epaper/config.toml`; `EPAPER_CONFIG` or `--config` name
//! another). Everything in it is optional; what it sets goes over the
//! defaults, key bindings action by action. An invalid file is an error
//! that names the line and the key, never a silent fallback.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::app::keymap::{self, Action, Key, Keymap, action_named};
use crate::app::{Theme, Zoom};
use crate::layout::{DEFAULT_INDENT, Punctuation};
use crate::papers::{Catalogue, RawPaper};
use crate::pictures::{ImagesSetting, Protocol};

/// How the ambiguous width is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AmbiguousSetting {
    /// Ask the terminal at start.
    #[default]
    Auto,
    Narrow,
    Wide,
}

/// The config, as read and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub theme: Theme,
    pub zoom: Zoom,
    pub ambiguous: AmbiguousSetting,
    pub indent: usize,
    pub punctuation: Punctuation,
    pub hanging: bool,
    /// How pictures are drawn.
    pub images: ImagesSetting,
    /// Actions bound to other keys than the defaults.
    pub keys: Vec<(Action, Vec<Key>)>,
    /// The papers the user follows, by their catalogue keys, for `epaper
    /// update` and `R` in the reader.
    pub follow: Vec<String>,
    /// How many days back `update` looks at most.
    pub update_days: u32,
    /// The papers known by name: the built-in catalogue with the config's.
    pub catalogue: Catalogue,
    /// The folder of the user's site profiles: `sites/` beside the file
    /// read (None when none was).
    pub sites: Option<PathBuf>,
    /// What the file sets that works but may not be meant, each with its
    /// place: `PATH:LINE:COL: next-page has no key now`.
    pub warnings: Vec<String>,
}

/// Days `update` looks back at most, unless told otherwise.
pub const UPDATE_DAYS: u32 = 7;

impl Default for Config {
    fn default() -> Config {
        Config {
            theme: Theme::Paper,
            zoom: Zoom::default(),
            ambiguous: AmbiguousSetting::Auto,
            indent: DEFAULT_INDENT,
            punctuation: Punctuation::FullWidth,
            hanging: false,
            images: ImagesSetting::Auto,
            keys: Vec::new(),
            follow: Vec::new(),
            update_days: UPDATE_DAYS,
            catalogue: Catalogue::default(),
            sites: None,
            warnings: Vec::new(),
        }
    }
}

/// A config that cannot be used: where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: error: {message}", path.display(), place.map(|(line, column)| format!(":{line}:{column}")).unwrap_or_default())]
pub struct ConfigError {
    pub path: PathBuf,
    /// Line and column, from 1.
    pub place: Option<(usize, usize)>,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum ThemeName {
    Paper,
    Dark,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum AmbiguousName {
    Auto,
    Narrow,
    Wide,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum PunctuationName {
    Fullwidth,
    Original,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum ImagesName {
    Auto,
    Kitty,
    Sixel,
    Iterm2,
    Halfblocks,
    Off,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    theme: Option<ThemeName>,
    zoom: Option<Spanned<i64>>,
    ambiguous_width: Option<AmbiguousName>,
    indent: Option<Spanned<i64>>,
    punctuation: Option<PunctuationName>,
    hanging: Option<bool>,
    images: Option<ImagesName>,
    keys: Option<BTreeMap<Spanned<String>, Vec<Spanned<String>>>>,
    papers: Option<PapersTable>,
    catalogue: Option<BTreeMap<String, RawPaper>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PapersTable {
    follow: Option<Vec<Spanned<String>>>,
    days: Option<Spanned<i64>>,
}

/// Where the config is read from, and whether it must exist there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    /// Named by `--config` or `EPAPER_CONFIG`: missing is an error.
    pub required: bool,
}

/// The config file to read: `--config`, else `EPAPER_CONFIG`, else the
/// XDG place; `None` when there is no home to find one in.
pub fn location(given: Option<&Path>, env: impl Fn(&str) -> Option<String>) -> Option<Location> {
    if let Some(path) = given {
        return Some(Location {
            path: path.to_owned(),
            required: true,
        });
    }
    if let Some(path) = env("EPAPER_CONFIG").filter(|p| !p.is_empty()) {
        return Some(Location {
            path: PathBuf::from(path),
            required: true,
        });
    }
    let base = env("XDG_CONFIG_HOME")
        .filter(|p| Path::new(p).is_absolute())
        .map(PathBuf::from)
        .or_else(|| {
            env("HOME")
                .filter(|h| !h.is_empty())
                .map(|home| Path::new(&home).join(".config"))
        })?;
    Some(Location {
        path: base.join("epaper").join("config.toml"),
        required: false,
    })
}

/// The folder of the user's site profiles: `sites/` beside the config
/// file.
pub fn sites_dir(location: &Location) -> PathBuf {
    location
        .path
        .parent()
        .map_or_else(|| PathBuf::from("sites"), |dir| dir.join("sites"))
}

/// Reads the config at `location`: the defaults when an optional file is
/// not there.
pub fn load(location: &Location) -> Result<Config, ConfigError> {
    let fail = |place, message: String| ConfigError {
        path: location.path.clone(),
        place,
        message,
    };
    let bytes = match crate::library::read_limited(&location.path, MAX_CONFIG, "config files") {
        Ok(bytes) => bytes,
        Err(error) if error.is_missing() && !location.required => {
            return Ok(Config {
                sites: Some(sites_dir(location)),
                ..Config::default()
            });
        }
        Err(error) => {
            return Err(fail(
                None,
                format!("cannot read the config: {}", error.reason()),
            ));
        }
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| fail(None, "the config is not UTF-8 text".to_owned()))?;
    let mut config = parse(&text).map_err(|(place, message)| fail(place, message))?;
    config.sites = Some(sites_dir(location));
    for warning in &mut config.warnings {
        *warning = format!("{}:{warning}", location.path.display());
    }
    Ok(config)
}

/// The largest config file read: a config is a few dozen lines.
const MAX_CONFIG: u64 = 1 << 20;

type Failure = (Option<(usize, usize)>, String);

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Reads config text.
pub fn parse(text: &str) -> Result<Config, Failure> {
    let file: File = toml::from_str(text).map_err(|error| {
        let offset = error.span().map(|span| span.start);
        let place = offset.map(|offset| line_column(text, offset));
        let message = plain(text, offset.unwrap_or(0), error.message().trim_end());
        (place, message)
    })?;
    let at = |span: std::ops::Range<usize>| Some(line_column(text, span.start));
    let mut config = Config::default();
    if let Some(theme) = file.theme {
        config.theme = match theme {
            ThemeName::Paper => Theme::Paper,
            ThemeName::Dark => Theme::Dark,
        };
    }
    if let Some(zoom) = file.zoom {
        let (min, max) = (Zoom::MIN.level(), Zoom::MAX.level());
        let level = i8::try_from(*zoom.get_ref())
            .ok()
            .filter(|level| (min..=max).contains(level))
            .ok_or_else(|| {
                (
                    at(zoom.span()),
                    format!("`zoom` must be from {min} to {max}"),
                )
            })?;
        config.zoom = Zoom::new(level);
    }
    if let Some(ambiguous) = file.ambiguous_width {
        config.ambiguous = match ambiguous {
            AmbiguousName::Auto => AmbiguousSetting::Auto,
            AmbiguousName::Narrow => AmbiguousSetting::Narrow,
            AmbiguousName::Wide => AmbiguousSetting::Wide,
        };
    }
    if let Some(indent) = file.indent {
        config.indent = usize::try_from(*indent.get_ref())
            .ok()
            .filter(|indent| *indent <= 16)
            .ok_or_else(|| {
                (
                    at(indent.span()),
                    "`indent` must be from 0 to 16 cells".to_owned(),
                )
            })?;
    }
    if let Some(punctuation) = file.punctuation {
        config.punctuation = match punctuation {
            PunctuationName::Fullwidth => Punctuation::FullWidth,
            PunctuationName::Original => Punctuation::Original,
        };
    }
    if let Some(hanging) = file.hanging {
        config.hanging = hanging;
    }
    if let Some(images) = file.images {
        config.images = match images {
            ImagesName::Auto => ImagesSetting::Auto,
            ImagesName::Kitty => ImagesSetting::Use(Protocol::Kitty),
            ImagesName::Sixel => ImagesSetting::Use(Protocol::Sixel),
            ImagesName::Iterm2 => ImagesSetting::Use(Protocol::Iterm2),
            ImagesName::Halfblocks => ImagesSetting::Use(Protocol::Halfblocks),
            ImagesName::Off => ImagesSetting::Off,
        };
    }
    let mut places = Vec::new();
    for (name, keys) in file.keys.unwrap_or_default() {
        let action = action_named(name.get_ref()).ok_or_else(|| {
            let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
            (
                at(name.span()),
                format!(
                    "`{}` is not an action in [keys]; the actions are {}",
                    name.get_ref(),
                    names.join(", ")
                ),
            )
        })?;
        let keys = keys
            .iter()
            .map(|key| {
                key.get_ref().parse::<Key>().map_err(|error| {
                    (
                        at(key.span()),
                        format!("{error} (in keys.{})", name.get_ref()),
                    )
                })
            })
            .collect::<Result<Vec<Key>, Failure>>()?;
        config.keys.push((action, keys));
        places.push(at(name.span()));
    }
    config.warnings = left_without_keys(&config.keys, &places)?;
    papers(file.papers, file.catalogue, &mut config, &at)?;
    Ok(config)
}

/// The tables of the config file, as toml names them when one is unknown.
const TABLES: &[&str] = &["keys", "papers", "catalogue"];

/// toml's message about the text at `offset`, in plain words: what is
/// wrong there and how it is written instead.
fn plain(text: &str, offset: usize, message: &str) -> String {
    let (what, expected) = message
        .split_once(", expected ")
        .map_or((message, ""), |(what, expected)| (what, expected));
    let at = Place::of(text, offset);
    let setting = at.setting.as_deref().unwrap_or("this setting");
    let table = at.table.as_deref();
    if let Some(name) = what.strip_prefix("unknown field ") {
        let name = name.trim_matches('`');
        let names = quoted_names(expected);
        if at.header {
            return if names.iter().any(|n| TABLES.contains(&n.as_str())) {
                format!(
                    "there is no table [{name}]; the tables are [keys], [papers] and [catalogue.NAME]"
                )
            } else {
                let header = at.setting.as_deref().unwrap_or(name);
                let parent = header.rsplit_once('.').map_or(header, |(parent, _)| parent);
                format!(
                    "there is no table [{header}]; the settings of [{parent}] are {}",
                    names.join(", ")
                )
            };
        }
        let (settings, tables): (Vec<&str>, Vec<&str>) = names
            .iter()
            .map(String::as_str)
            .partition(|n| !TABLES.contains(n));
        let mut listed = settings.join(", ");
        if !tables.is_empty() {
            listed.push_str(", and the tables [keys], [papers] and [catalogue.NAME]");
        }
        return match table {
            Some(table) => {
                format!("unknown setting `{name}` in {table}; the settings are {listed}")
            }
            None => format!("unknown setting `{name}`; the settings are {listed}"),
        };
    }
    if let Some(value) = what.strip_prefix("unknown variant ") {
        let names: Vec<String> = quoted_names(expected)
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect();
        return format!(
            "`{setting}` is {}, not \"{}\"",
            or_list(&names),
            value.trim_matches('`')
        );
    }
    if let Some(found) = what.strip_prefix("invalid type: ") {
        let (takes, found) = (kind_wanted(expected), kind_found(found));
        return if at.in_list {
            format!("the items of `{setting}` are {takes}, not {found}")
        } else {
            format!("`{setting}` takes {takes}, not {found}")
        };
    }
    if let Some(name) = what.strip_prefix("missing field ") {
        let name = name.trim_matches('`');
        let table = if at.header {
            Some(at.line.trim())
        } else {
            table
        };
        return format!("{} needs `{name}`", table.unwrap_or("the file"));
    }
    if what == "duplicate key" || what.starts_with("duplicate field") {
        return if at.header {
            format!(
                "the table {} is given twice; put its settings under one",
                at.line.trim()
            )
        } else {
            format!("`{setting}` is set twice; keep one")
        };
    }
    syntax(what, &at).unwrap_or_else(|| format!("this cannot be read here: {what}"))
}

/// The plain words for one of toml's syntax errors, when it is one.
fn syntax(what: &str, at: &Place<'_>) -> Option<String> {
    const NOT_A_SETTING: &str = "this is not a setting: write `name = value`";
    let message = match what {
        "key with no value"
        | "missing assignment between key-value pairs"
        | "invalid key-value pair" => NOT_A_SETTING.to_owned(),
        "string values must be quoted" | "missing value" | "missing value for key" => {
            match (&at.setting, at.value.split('#').next().unwrap_or("").trim()) {
                (Some(setting), "") => format!("`{setting}` has no value: write `{setting} = value`"),
                (_, "") => NOT_A_SETTING.to_owned(),
                (_, value) => format!(
                    "`{value}` is not a value: text goes in quotes (\"{value}\"); numbers, true and false do not"
                ),
            }
        }
        "unquoted keys cannot be empty" => {
            "a setting has no name before `=`: write `name = value`".to_owned()
        }
        "invalid unquoted key"
        | "keys cannot be multi-line basic strings"
        | "keys cannot be multi-line literal strings" => {
            "a setting's name is letters, digits, `-` and `_`; put any other name in quotes"
                .to_owned()
        }
        "unclosed table" | "missing table open" => {
            "the table's name is not closed: write `[name]`".to_owned()
        }
        "unclosed array table" => "the table's name is not closed: write `[[name]]`".to_owned(),
        "unclosed array"
        | "missing comma between array elements"
        | "missing array opening"
        | "unexpected `=` in array"
        | "extra comma in array" => {
            "the list is not written right: write [\"a\", \"b\"], the items between commas, closed with `]`"
                .to_owned()
        }
        "unclosed inline table"
        | "missing comma between key-value pairs"
        | "missing key for inline table element"
        | "missing inline table opening"
        | "invalid inline table element"
        | "extra comma in inline table" => {
            "the table in braces is not written right: write { name = value, name = value } on one line"
                .to_owned()
        }
        "unexpected key or value"
        | "unexpected content"
        | "extra assignment between key-value pairs"
        | "extra `=`"
        | "unexpected content between comment and newline"
        | "missing comment start" => {
            "there is more here than one setting: write one `name = value` a line; a comment starts with #"
                .to_owned()
        }
        "invalid basic string"
        | "invalid literal string"
        | "invalid multi-line basic string"
        | "invalid multi-line literal string"
        | "missing opening quote"
        | "missing closing quote" => {
            "the text in quotes is not closed: end it on the same line with the quote it starts with"
                .to_owned()
        }
        "missing escaped value" | "too few unicode value digits" | "invalid escape sequence" => {
            "a backslash in \"…\" starts an escape such as \\n or \\u4E2D: write \\\\ for a backslash, or put the text in '…'"
                .to_owned()
        }
        "carriage return must be followed by newline" => {
            "a carriage return without a new line after it: save the file with ordinary line ends"
                .to_owned()
        }
        "invalid comment character" => "a comment holds a control character".to_owned(),
        "unexpected leading zero"
        | "redundant numeric sign"
        | "`_` may only go between digits"
        | "integers with a radix cannot be signed"
        | "radix must be lowercase"
        | "unexpected sign"
        | "redundant integer number prefix" => {
            "this number is not written right: write digits, like 3 or -2".to_owned()
        }
        "invalid value" => "this is not a value: write text in quotes, a number, true or false, or a list in brackets".to_owned(),
        "cannot recurse further; max recursion depth met" => {
            "the lists or tables are nested too deep".to_owned()
        }
        _ => return None,
    };
    Some(message)
}

/// What an error's place in the file is in: the line, the setting whose
/// value it is in, and the table.
struct Place<'t> {
    /// The whole line.
    line: &'t str,
    /// Whether the line is a table's header, `[papers]`.
    header: bool,
    /// The setting: the name before `=` on the line, or on the line the
    /// list around the place starts on; a header's table.
    setting: Option<String>,
    /// What follows the setting's `=` on its line.
    value: &'t str,
    /// Whether the place is inside a list, past the `[` after `=`.
    in_list: bool,
    /// The header of the table the line is in, `[papers]`; None at the top.
    table: Option<String>,
}

impl<'t> Place<'t> {
    fn of(text: &'t str, offset: usize) -> Place<'t> {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = &text[start..end];
        let is_header = |line: &str| line.trim_start().starts_with('[');
        // The lines before this one, nearest first.
        let before = || text[..start].lines().rev();
        let table = before()
            .find(|l| is_header(l))
            .map(|l| l.split('#').next().unwrap_or("").trim().to_owned());
        let mut place = Place {
            line,
            header: is_header(line),
            setting: None,
            value: "",
            in_list: false,
            table,
        };
        if place.header {
            let name = line.trim().trim_matches(['[', ']']);
            place.setting = Some(name.split(']').next().unwrap_or(name).trim().to_owned());
            return place;
        }
        // This line up to the place, then the lines before, back to a
        // header: the first with `name =` holds the setting.
        let here = std::iter::once(&line[..offset - start]);
        for (n, current) in here.chain(before()).enumerate() {
            if is_header(current) {
                break;
            }
            let Some(eq) = current.find('=') else {
                continue;
            };
            let name = current[..eq].trim().trim_matches(['"', '\'']);
            if name.is_empty() || name.contains(['[', '{', ',', '"']) {
                continue;
            }
            place.setting = Some(name.to_owned());
            place.value = if n == 0 { &line[eq + 1..] } else { "" };
            place.in_list = n > 0 || current[eq + 1..].contains('[');
            break;
        }
        place
    }
}

/// The names in backticks in serde's list of what it expected:
/// "one of `a`, `b`" or "`a` or `b`".
fn quoted_names(expected: &str) -> Vec<String> {
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// What serde says was expected, as the config's reader would say it.
fn kind_wanted(expected: &str) -> String {
    match expected {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => {
            "a whole number".to_owned()
        }
        "a boolean" => "true or false".to_owned(),
        "a string" => "text in quotes".to_owned(),
        "a sequence" => "a list in brackets, [\"a\", \"b\"]".to_owned(),
        "a map" => "a table".to_owned(),
        other if other.starts_with("struct ") => "a table".to_owned(),
        other => other.to_owned(),
    }
}

/// What serde says was found instead.
fn kind_found(found: &str) -> String {
    let quoted = |prefix: &str| {
        found
            .strip_prefix(prefix)
            .map(|rest| rest.split('`').nth(1).unwrap_or(rest).to_owned())
    };
    if let Some(number) = quoted("integer ").or_else(|| quoted("floating point ")) {
        return format!("the number {number}");
    }
    if let Some(truth) = quoted("boolean ") {
        return truth;
    }
    if let Some(text) = found.strip_prefix("string ") {
        return format!("the text {text}");
    }
    match found {
        "sequence" => "a list".to_owned(),
        "map" => "a table".to_owned(),
        other => other.to_owned(),
    }
}

/// The actions the rebindings leave with no key, as warnings `LINE:COL:
/// next-page has no key now` at the binding that took the last one; an
/// error when quit is one of them, for a reader that cannot be left.
fn left_without_keys(
    keys: &[(Action, Vec<Key>)],
    places: &[Option<(usize, usize)>],
) -> Result<Vec<String>, Failure> {
    // For each action with no key, the binding after which it has had none.
    let mut since: Vec<(&'static str, usize)> = Vec::new();
    for done in 1..=keys.len() {
        let unbound = Keymap::new(&keys[..done]).unbound();
        since.retain(|(name, _)| unbound.contains(name));
        for name in unbound {
            if !since.iter().any(|(had, _)| *had == name) {
                since.push((name, done - 1));
            }
        }
    }
    let taker = |binding: usize| keys[binding].0.name();
    if let Some(&(name, binding)) = since.iter().find(|(name, _)| *name == "quit") {
        let message = if taker(binding) == name {
            "`quit` needs a key, or the reader cannot be left: give it one, like quit = [\"q\"]"
                .to_owned()
        } else {
            format!(
                "`{}` takes the last key of `quit`, which needs one, or the reader cannot be left: \
                 give quit a key of its own, like quit = [\"Q\"]",
                taker(binding)
            )
        };
        return Err((places[binding], message));
    }
    let warnings = since
        .iter()
        .map(|&(name, binding)| {
            let (line, column) = places[binding].unwrap_or((1, 1));
            let by_whom = if taker(binding) == name {
                String::new()
            } else {
                format!(": `{}` took its last", taker(binding))
            };
            format!("{line}:{column}: {name} has no key now{by_whom}")
        })
        .collect();
    Ok(warnings)
}

/// The catalogue with the config's papers, and the papers followed, each
/// one the catalogue knows.
fn papers(
    table: Option<PapersTable>,
    catalogue: Option<BTreeMap<String, RawPaper>>,
    config: &mut Config,
    at: &impl Fn(std::ops::Range<usize>) -> Option<(usize, usize)>,
) -> Result<(), Failure> {
    let added = catalogue
        .unwrap_or_default()
        .iter()
        .map(|(key, raw)| {
            raw.paper(key, true)
                .map_err(|(span, message)| (at(span), message))
        })
        .collect::<Result<Vec<_>, Failure>>()?;
    if !added.is_empty() {
        config.catalogue = Catalogue::with(added);
    }
    let Some(table) = table else { return Ok(()) };
    if let Some(days) = table.days {
        config.update_days = u32::try_from(*days.get_ref())
            .ok()
            .filter(|d| (1..=366).contains(d))
            .ok_or_else(|| {
                (
                    at(days.span()),
                    "`papers.days` must be from 1 to 366".to_owned(),
                )
            })?;
    }
    for wanted in table.follow.unwrap_or_default() {
        let paper = config.catalogue.find(wanted.get_ref()).ok_or_else(|| {
            (
                at(wanted.span()),
                format!(
                    "`{}` is not a paper epaper knows; `epaper papers` lists them, and [catalogue.KEY] adds one",
                    wanted.get_ref()
                ),
            )
        })?;
        if !config.follow.contains(&paper.key) {
            config.follow.push(paper.key.clone());
        }
    }
    Ok(())
}

/// The defaults, as a config file with every setting and binding, for
/// `epaper --print-config`.
pub fn defaults_text() -> String {
    let mut text = String::from(
        "# epaper configuration: $XDG_CONFIG_HOME/epaper/config.toml\n\
         # Every setting is optional; these are the defaults.\n\n\
         # \"paper\" (dark ink on newsprint) or \"dark\"\n\
         theme = \"paper\"\n\n\
         # The reading width: -4 (12 hanzi a line) … 0 (36) … +1 (44), +2 the whole\n\
         # article pane, +3 without the headlines pane, +4 the whole screen\n\
         zoom = 0\n\n\
         # How the terminal draws “ ” … — · ※ ○ ① ℃: \"auto\" asks it at start,\n\
         # \"narrow\" is one cell, \"wide\" two\n\
         ambiguous-width = \"auto\"\n\n\
         # Cells of first-line indent (4: two hanzi)\n\
         indent = 4\n\n\
         # \"fullwidth\" shows half-width , : ; ? ! ( ) next to hanzi as ，：；？！（）\n\
         punctuation = \"fullwidth\"\n\n\
         # Let 、，。 hang in a two-cell right margin instead of pushing a character down\n\
         hanging = false\n\n\
         # How pictures (the page map, photos) are drawn: \"auto\" asks the terminal;\n\
         # \"kitty\", \"sixel\", \"iterm2\", \"halfblocks\" (any terminal, tmux too), \"off\"\n\
         images = \"auto\"\n\n\
         # Key bindings: action = [keys]. A binding given here replaces the\n\
         # action's defaults; a key given to one action is taken from the others.\n\
         # Keys: a character (\"j\", \"?\"), a name (Left Right Up Down PageUp PageDown\n\
         # Home End Enter Esc Tab BackTab Backspace Space F1 … F24), Ctrl- or Alt- before one.\n\
         [keys]\n",
    );
    for binding in keymap::actions() {
        let keys: Vec<String> = binding.keys.iter().map(|k| format!("\"{k}\"")).collect();
        let pad = 14usize.saturating_sub(binding.name().len());
        let _ = writeln!(
            text,
            "{}{} = [{}]  # {}",
            binding.name(),
            " ".repeat(pad),
            keys.join(", "),
            binding.help
        );
    }
    let _ = write!(
        text,
        "\n# The papers `epaper update` and R in the reader fetch, by key or name\n\
         # (`epaper papers` lists them), and how many days back update looks at most.\n\
         [papers]\n\
         follow = []\n\
         days = {UPDATE_DAYS}\n\n\
         # A paper of your own, or a change to one of the catalogue's: its first\n\
         # page's URL for a day, with {{yyyy}}, {{mm}} and {{dd}} for the date.\n\
         # [catalogue.jhrb]\n\
         # name = \"江湖日报\"\n\
         # url = \"https://epaper.example.cn/html/{{yyyy}}-{{mm}}/{{dd}}/node_2.htm\"\n"
    );
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::Keymap;

    #[test]
    fn papers_followed_and_added() {
        let config = parse(
            "[papers]\nfollow = [\"人民日报\", \"kjrb\", \"rmrb\"]\ndays = 3\n\
             [catalogue.jhrb]\nname = \"江湖日报\"\nurl = \"http://127.0.0.1:1/html/{yyyy}-{mm}/{dd}/node_2.htm\"\n",
        )
        .unwrap();
        assert_eq!(config.follow, ["rmrb", "kjrb"]);
        assert_eq!(config.update_days, 3);
        let jhrb = config.catalogue.find("江湖日报").unwrap();
        assert!(jhrb.from_config);
        assert!(config.catalogue.find("rmrb").is_some());
        let error = parse("[papers]\nfollow = [\"rmrb\", \"无名报\"]\n").unwrap_err();
        assert_eq!(error.0, Some((2, 19)), "{error:?}");
        assert!(error.1.contains("epaper papers"), "{error:?}");
        let error =
            parse("[catalogue.x]\nname = \"某报\"\nurl = \"https://a.cn/{yyyy}/{page}.htm\"\n")
                .unwrap_err();
        assert_eq!(error.0.map(|p| p.0), Some(3), "{error:?}");
        let error = parse("[papers]\ndays = 0\n").unwrap_err();
        assert_eq!(error.0, Some((2, 8)), "{error:?}");
        let error = parse("[catalogue.x]\nname = \"某报\"\nurls = []\n").unwrap_err();
        assert!(error.1.contains("urls"), "{error:?}");
    }

    #[test]
    fn the_printed_defaults_read_back_as_the_defaults() {
        let config = parse(&defaults_text()).unwrap();
        assert_eq!(
            Config {
                keys: Vec::new(),
                ..config.clone()
            },
            Config::default()
        );
        let keymap = Keymap::new(&config.keys);
        let default = Keymap::default();
        let pairs = |k: &Keymap| {
            crate::app::Mode::ALL
                .iter()
                .flat_map(|&mode| {
                    k.bindings(mode)
                        .map(|(b, keys)| (b.action, keys.to_vec()))
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(pairs(&keymap), pairs(&default));
    }

    #[test]
    fn settings_and_keys_are_read() {
        let config = parse("theme = \"dark\"\nzoom = -2\nindent = 2\nambiguous-width = \"wide\"\n[keys]\nnext-page = [\"n\", \"Ctrl-n\"]\n").unwrap();
        assert_eq!(config.theme, Theme::Dark);
        assert_eq!(config.zoom, Zoom::new(-2));
        assert_eq!(config.indent, 2);
        assert_eq!(config.ambiguous, AmbiguousSetting::Wide);
        assert_eq!(
            config.keys,
            vec![(
                Action::NextPage,
                vec![Key::char('n'), "Ctrl-n".parse().unwrap()]
            )]
        );
    }

    #[test]
    fn errors_name_the_line_and_the_key() {
        let cases = [
            ("themes = \"dark\"\n", (1, 1), "unknown setting `themes`"),
            (
                "theme = \"sepia\"\n",
                (1, 9),
                "`theme` is \"paper\" or \"dark\", not \"sepia\"",
            ),
            ("\nzoom = 9\n", (2, 8), "`zoom` must be from -4 to 4"),
            (
                "indent = -1\n",
                (1, 10),
                "`indent` must be from 0 to 16 cells",
            ),
            (
                "[keys]\nnext-pag = [\"n\"]\n",
                (2, 1),
                "`next-pag` is not an action",
            ),
            (
                "[keys]\nquit = [\"Hyper-q\"]\n",
                (2, 9),
                "\"Hyper-q\" is not a key",
            ),
            ("zoom = \n", (1, 8), "`zoom` has no value"),
        ];
        for (text, place, words) in cases {
            let (found, message) = parse(text).unwrap_err();
            assert_eq!(found, Some(place), "{text}: {message}");
            assert!(message.contains(words), "{text}: {message}");
        }
    }

    /// (config text, line and column, words of the message).
    const PLAIN: &[(&str, (usize, usize), &str)] = &[
        (
            "theme dark\n",
            (1, 7),
            "this is not a setting: write `name = value`",
        ),
        (
            "[keys]\nfoo = []\n",
            (2, 1),
            "`foo` is not an action in [keys]; the actions are prev-page, next-page,",
        ),
        (
            "[papers]\nfolow = []\n",
            (2, 1),
            "unknown setting `folow` in [papers]; the settings are follow, days",
        ),
        (
            "[foo]\n",
            (1, 2),
            "there is no table [foo]; the tables are [keys], [papers] and [catalogue.NAME]",
        ),
        (
            "[papers.x]\n",
            (1, 9),
            "there is no table [papers.x]; the settings of [papers] are follow, days",
        ),
        (
            "zoom = \"big\"\n",
            (1, 8),
            "`zoom` takes a whole number, not the text \"big\"",
        ),
        (
            "hanging = 1\n",
            (1, 11),
            "`hanging` takes true or false, not the number 1",
        ),
        (
            "hanging = yes\n",
            (1, 11),
            "`yes` is not a value: text goes in quotes (\"yes\")",
        ),
        (
            "[keys]\nquit = \"q\"\n",
            (2, 8),
            "`quit` takes a list in brackets, [\"a\", \"b\"], not the text \"q\"",
        ),
        (
            "[keys]\nquit = [\n  \"q\",\n  3,\n]\n",
            (4, 3),
            "the items of `quit` are text in quotes, not the number 3",
        ),
        (
            "ambiguous-width = \"wid\"\n",
            (1, 19),
            "`ambiguous-width` is \"auto\", \"narrow\" or \"wide\", not \"wid\"",
        ),
        (
            "theme = \"dark\"\ntheme = \"paper\"\n",
            (2, 1),
            "`theme` is set twice",
        ),
        (
            "[papers]\n[papers]\n",
            (2, 2),
            "the table [papers] is given twice",
        ),
        (
            "[keys\n",
            (1, 6),
            "the table's name is not closed: write `[name]`",
        ),
        (
            "theme = 'dark\n",
            (1, 14),
            "the text in quotes is not closed",
        ),
        (
            "theme = \"dark\" x\n",
            (1, 16),
            "write one `name = value` a line",
        ),
        ("zoom = 01\n", (1, 8), "this number is not written right"),
        (
            "[catalogue.x]\nurl = \"https://a.cn/{yyyy}.htm\"\n",
            (1, 1),
            "[catalogue.x] needs `name`",
        ),
    ];

    #[test]
    fn toml_s_words_are_put_plainly() {
        for &(text, place, words) in PLAIN {
            let (found, message) = parse(text).unwrap_err();
            assert_eq!(found, Some(place), "{text}: {message}");
            assert!(message.contains(words), "{text}: {message}");
            for jargon in [
                "expected",
                "invalid type",
                "unknown field",
                "variant",
                "i64",
                "sequence",
                // toml's "a map", not the action page-map.
                " map",
                "key-value",
            ] {
                assert!(!message.contains(jargon), "{text}: {message}");
            }
        }
    }

    #[test]
    fn a_config_error_names_the_file_the_line_and_the_column() {
        let dir = std::env::temp_dir().join(format!("epaper-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("config.toml");
        std::fs::write(&path, "theme = \"dark\"\n[keys]\nquit = \"q\"\n").unwrap();
        let error = load(&Location {
            path: path.clone(),
            required: true,
        })
        .unwrap_err();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(
            error.to_string(),
            format!(
                "{}:3:8: error: `quit` takes a list in brackets, [\"a\", \"b\"], not the text \"q\"",
                path.display()
            )
        );
    }

    #[test]
    fn quit_keeps_a_key() {
        let error = parse("theme = \"dark\"\n[keys]\nquit = []\n").unwrap_err();
        assert_eq!(error.0, Some((3, 1)), "{error:?}");
        assert!(error.1.starts_with("`quit` needs a key"), "{error:?}");
        let error = parse("[keys]\nhelp = [\"?\", \"q\", \"Ctrl-c\"]\n").unwrap_err();
        assert_eq!(error.0, Some((2, 1)), "{error:?}");
        assert!(
            error.1.starts_with("`help` takes the last key of `quit`"),
            "{error:?}"
        );
        // A key of quit's taken, another left: nothing to say.
        let config = parse("[keys]\nhelp = [\"?\", \"q\"]\n").unwrap();
        assert_eq!(config.warnings, Vec::<String>::new());
    }

    #[test]
    fn an_action_left_with_no_key_is_warned_about() {
        // `l` goes to quit; next-page still has Right.
        let config = parse("[keys]\nquit = [\"l\"]\n").unwrap();
        assert_eq!(config.warnings, Vec::<String>::new());
        let config = parse("[keys]\nnext-page = []\n").unwrap();
        assert_eq!(config.warnings, ["2:1: next-page has no key now"]);
        let config = parse("[keys]\n\nquit = [\"q\", \"l\", \"Right\", \"{\"]\n").unwrap();
        assert_eq!(
            config.warnings,
            [
                "3:1: next-page has no key now: `quit` took its last",
                "3:1: prev-issue has no key now: `quit` took its last",
            ]
        );
        // Bound again by a binding of its own, an action has a key.
        let config =
            parse("[keys]\nnext-page = [\"n\"]\nquit = [\"q\", \"l\", \"Right\"]\n").unwrap();
        assert_eq!(
            config.warnings,
            ["2:1: next-match has no key now: `next-page` took its last"]
        );
        let unbound = Keymap::new(&config.keys).unbound();
        assert_eq!(unbound, ["next-match"]);
        assert_eq!(Keymap::default().unbound(), Vec::<&str>::new());
    }

    #[test]
    fn the_file_is_found_where_xdg_says() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        let found = location(None, env(&[("HOME", "/home/u")])).unwrap();
        assert_eq!(
            found.path,
            PathBuf::from("/home/u/.config/epaper/config.toml")
        );
        assert!(!found.required);
        let found = location(None, env(&[("HOME", "/home/u"), ("XDG_CONFIG_HOME", "/x")])).unwrap();
        assert_eq!(found.path, PathBuf::from("/x/epaper/config.toml"));
        let found = location(
            None,
            env(&[("XDG_CONFIG_HOME", "relative"), ("HOME", "/h")]),
        )
        .unwrap();
        assert_eq!(found.path, PathBuf::from("/h/.config/epaper/config.toml"));
        let found = location(None, env(&[("EPAPER_CONFIG", "/e.toml"), ("HOME", "/h")])).unwrap();
        assert_eq!(
            (found.path, found.required),
            (PathBuf::from("/e.toml"), true)
        );
        let found = location(
            Some(Path::new("/c.toml")),
            env(&[("EPAPER_CONFIG", "/e.toml")]),
        )
        .unwrap();
        assert_eq!(found.path, PathBuf::from("/c.toml"));
        assert_eq!(location(None, env(&[])), None);
    }
}
