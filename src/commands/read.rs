//! `epaper [FILE|DIR]`: finds the issues (a file, a folder of them, the
//! library, or the bundled samples), the reading state and the config, and
//! runs the reader in the terminal.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::safe_line;
use crate::app::Settings;
use crate::app::keymap::Keymap;
use crate::background::UpdateSetup;
use crate::config::{AmbiguousSetting, Config};
use crate::layout::Ambiguous;
use crate::library::files::{epaper_dir, process_env};
use crate::library::store::{Store, Trouble};
use crate::library::{Entry, Library, Source};
use crate::model;
use crate::samples::SAMPLES;
use crate::tui::Session;

/// Why the reader did not start.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("the reader needs a terminal; to print articles into a pipe, use `epaper cat`")]
    NotATerminal,
    #[error("{0}")]
    Config(#[from] crate::config::ConfigError),
    /// Nothing to read; the lines say why.
    #[error("{}", .0.join("\n"))]
    Load(Vec<String>),
    #[error(transparent)]
    Terminal(#[from] io::Error),
}

/// Where the library, the reading state and the index are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    pub library: Option<PathBuf>,
    pub state: Option<PathBuf>,
    pub index: Option<PathBuf>,
    /// The search index's folder.
    pub search: Option<PathBuf>,
}

impl Places {
    /// The XDG places, or those the `EPAPER_*` variables name.
    pub fn from_env(env: &impl Fn(&str) -> Option<String>) -> Places {
        let cache = epaper_dir(env, "EPAPER_CACHE_DIR", "XDG_CACHE_HOME", ".cache", None);
        Places {
            library: epaper_dir(
                env,
                "EPAPER_LIBRARY",
                "XDG_DATA_HOME",
                ".local/share",
                Some("issues"),
            ),
            state: epaper_dir(
                env,
                "EPAPER_STATE_DIR",
                "XDG_STATE_HOME",
                ".local/state",
                None,
            ),
            index: cache.as_ref().map(|dir| dir.join("index.json")),
            search: cache.map(|dir| dir.join("search")),
        }
    }
}

/// The samples built in, as a library.
fn samples() -> Library {
    let entries = SAMPLES
        .iter()
        .map(|sample| Entry {
            source: Source::Sample(*sample),
            header: model::header(sample.bytes)
                .map_err(|error| crate::library::error_line(sample.name, &error)),
        })
        .collect();
    Library::new(None, entries)
}

/// The library to read and the entry to open first: one file, a folder,
/// the library folder when it holds issues, else the samples.
pub fn library(
    file: Option<&Path>,
    places: &Places,
) -> Result<(Library, Option<usize>), ReadError> {
    let index = places.index.as_deref();
    match file {
        Some(path) if path.is_dir() => {
            let library = Library::scan(path, index).map_err(|error| {
                ReadError::Load(vec![format!(
                    "{}: error: cannot read the folder: {error}",
                    path.display()
                )])
            })?;
            if library.publications.is_empty() {
                let mut lines: Vec<String> =
                    library.failures().map(|(_, e)| e.to_owned()).collect();
                lines.push(format!("{}: error: no issue files here", path.display()));
                return Err(ReadError::Load(lines));
            }
            Ok((library, None))
        }
        Some(path) => {
            // One file is opened before the screen is taken, so a file that
            // fails says why where the command was typed. It is read once:
            // its header is the loaded issue's.
            let source = Source::File(path.to_owned());
            let loaded = crate::library::Loader::new(source.clone())
                .load()
                .map_err(|error| ReadError::Load(vec![error]))?;
            let entry = Entry {
                source,
                header: Ok(loaded.0.header()),
            };
            let mut library = Library::new(None, vec![entry]);
            library
                .keep(0, Ok(loaded))
                .map_err(|error| ReadError::Load(vec![error]))?;
            Ok((library, Some(0)))
        }
        None => {
            let shelf = places
                .library
                .as_deref()
                .filter(|dir| dir.is_dir())
                .and_then(|dir| Library::scan(dir, index).ok())
                .filter(|library| !library.publications.is_empty());
            Ok((shelf.unwrap_or_else(samples), None))
        }
    }
}

/// Settings from the config, with the command line's ambiguous width over
/// it; and whether the terminal is to be asked.
pub fn settings(config: &Config, ambiguous: Option<AmbiguousSetting>) -> (Settings, bool) {
    let ambiguous = ambiguous.unwrap_or(config.ambiguous);
    let settings = Settings {
        ambiguous: match ambiguous {
            AmbiguousSetting::Wide => Ambiguous::Wide,
            AmbiguousSetting::Auto | AmbiguousSetting::Narrow => Ambiguous::Narrow,
        },
        indent: config.indent,
        punctuation: config.punctuation,
        hanging: config.hanging,
        theme: config.theme,
        color: std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty()),
        zoom: config.zoom,
        // The runner decides, once it has asked the terminal.
        graphics: None,
    };
    (settings, ambiguous == AmbiguousSetting::Auto)
}

/// What `R` needs: the papers followed and how to fetch them into the
/// library folder, which is read again at the end when it is the folder
/// shown. None without a library folder; the second value says why the
/// site profiles could not be read, when they could not.
fn update_setup(
    config: &Config,
    places: &Places,
    library: &Library,
) -> (Option<UpdateSetup>, Option<String>) {
    let Some(out_dir) = places.library.clone() else {
        return (None, None);
    };
    // The profiles beside the config read, whichever named it.
    let profiles = match crate::import::Profiles::load(config.sites.as_deref()) {
        Ok(profiles) => profiles,
        Err(error) => return (None, Some(error.to_string())),
    };
    // The folder shown, or the samples shown because it held nothing yet.
    let samples = library
        .entries
        .iter()
        .all(|e| matches!(e.source, Source::Sample(_)));
    let rescan = library.root.as_deref() == Some(out_dir.as_path()) || samples;
    let options = crate::fetch::Options {
        date: None,
        publication: None,
        cache_root: places
            .index
            .as_deref()
            .and_then(Path::parent)
            .map(|dir| dir.join("fetch")),
        out_dir,
        http: crate::fetch::http::Settings::default(),
        workers: 4,
        delay: std::time::Duration::from_millis(500),
        profiles,
        day: None,
        pictures: true,
    };
    let setup = UpdateSetup {
        catalogue: config.catalogue.clone(),
        follow: config.follow.clone(),
        days: config.update_days,
        options,
        index: places.index.clone(),
        rescan,
    };
    (Some(setup), None)
}

/// Runs the reader; returns the signal that ended it, if one did.
pub fn run(
    file: Option<&Path>,
    config: &Config,
    ambiguous: Option<AmbiguousSetting>,
    err: &mut impl Write,
) -> Result<Option<i32>, ReadError> {
    if !io::stdout().is_terminal() {
        return Err(ReadError::NotATerminal);
    }
    let places = Places::from_env(&process_env);
    let (library, start) = library(file, &places)?;
    let mut store = places.state.as_deref().map(Store::new);
    let (reading, trouble) = store.as_ref().map(Store::load).unwrap_or_default();
    if matches!(trouble, Some(Trouble::Newer { .. })) {
        store = None;
    }
    // Said whole where the command was typed, which the screen gives back
    // at the end; the bottom bar, too narrow for a path, says it short.
    if let Some(trouble) = &trouble {
        safe_line(err, &format!("epaper: {trouble}"))?;
    }
    let message = trouble.map(|trouble| trouble.note().to_owned());
    let (settings, probe) = settings(config, ambiguous);
    let (update, profile_error) = update_setup(config, &places, &library);
    let message = message.or(profile_error);
    let session = Session {
        library,
        reading,
        start,
        store,
        settings,
        probe,
        images: config.images,
        keymap: Keymap::new(&config.keys),
        message,
        update,
        search_index: places
            .search
            .clone()
            .map(crate::library::fulltext::Index::new),
    };
    Ok(crate::tui::run(session)?)
}
