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

use crate::app::keymap::{self, Action, Key, action_named};
use crate::app::{Theme, Zoom};
use crate::layout::{DEFAULT_INDENT, Punctuation};
use crate::papers::{Catalogue, RawPaper};

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
            keys: Vec::new(),
            follow: Vec::new(),
            update_days: UPDATE_DAYS,
            catalogue: Catalogue::default(),
            sites: None,
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
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    theme: Option<ThemeName>,
    zoom: Option<Spanned<i64>>,
    ambiguous_width: Option<AmbiguousName>,
    indent: Option<Spanned<i64>>,
    punctuation: Option<PunctuationName>,
    hanging: Option<bool>,
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
        let place = error.span().map(|span| line_column(text, span.start));
        (place, error.message().trim_end().to_owned())
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
    for (name, keys) in file.keys.unwrap_or_default() {
        let action = action_named(name.get_ref()).ok_or_else(|| {
            let names: Vec<&str> = Action::ALL.iter().map(|a| a.name()).collect();
            (
                at(name.span()),
                format!(
                    "`{}` is not an action; the actions are {}",
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
    }
    papers(file.papers, file.catalogue, &mut config, &at)?;
    Ok(config)
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
            ("themes = \"dark\"\n", (1, 1), "unknown field `themes`"),
            ("theme = \"sepia\"\n", (1, 9), "unknown variant `sepia`"),
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
            ("zoom = \n", (1, 8), "string values must be quoted"),
        ];
        for (text, place, words) in cases {
            let (found, message) = parse(text).unwrap_err();
            assert_eq!(found, Some(place), "{text}: {message}");
            assert!(message.contains(words), "{text}: {message}");
        }
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
