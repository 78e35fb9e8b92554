//! `epaper [FILE]`: loads the issue (or the bundled samples) and the
//! config, and runs the reader in the terminal.

use std::io::{self, IsTerminal, Write};

use super::{IssueSource, safe_line};
use crate::app::keymap::Keymap;
use crate::app::{OpenIssue, Settings};
use crate::config::{AmbiguousSetting, Config};
use crate::layout::Ambiguous;
use crate::model;

/// Why the reader did not start.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("the reader needs a terminal; to print articles into a pipe, use `epaper cat`")]
    NotATerminal,
    #[error("{0}")]
    Config(#[from] crate::config::ConfigError),
    /// The issue did not load; the lines to show say why.
    #[error("{}", .0.join("\n"))]
    Load(Vec<String>),
    #[error(transparent)]
    Terminal(#[from] io::Error),
}

/// Loads every source; each failure is a line saying where and why.
fn load(sources: &[IssueSource]) -> Result<(Vec<OpenIssue>, usize), ReadError> {
    let mut issues = Vec::new();
    let mut warnings = 0;
    let mut errors = Vec::new();
    for source in sources {
        let name = source.name().into_owned();
        let loaded = source
            .read()
            .map_err(|error| vec![format!("{name}: error: {error}")])
            .and_then(|bytes| {
                model::load(&bytes).map_err(|error| {
                    error
                        .diagnostics
                        .iter()
                        .take(5)
                        .map(|d| match d.position {
                            Some(p) => format!("{name}:{p}: error: {} (at {})", d.problem, d.path),
                            None => format!("{name}: error: {} (at {})", d.problem, d.path),
                        })
                        .collect()
                })
            });
        match loaded {
            Ok(loaded) => {
                warnings += loaded.warnings.len();
                issues.push(OpenIssue {
                    issue: std::sync::Arc::new(loaded.issue),
                    name,
                });
            }
            Err(lines) => errors.extend(lines),
        }
    }
    if issues.is_empty() || !errors.is_empty() {
        return Err(ReadError::Load(errors));
    }
    Ok((issues, warnings))
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
    };
    (settings, ambiguous == AmbiguousSetting::Auto)
}

/// Runs the reader; returns the signal that ended it, if one did.
pub fn run(
    sources: &[IssueSource],
    config: &Config,
    ambiguous: Option<AmbiguousSetting>,
    err: &mut impl Write,
) -> Result<Option<i32>, ReadError> {
    if !io::stdout().is_terminal() {
        return Err(ReadError::NotATerminal);
    }
    let (issues, warnings) = load(sources)?;
    if warnings > 0 {
        safe_line(
            err,
            &format!("epaper: {warnings} unknown fields ignored; `epaper check` lists them"),
        )?;
    }
    let (settings, probe) = settings(config, ambiguous);
    let keymap = Keymap::new(&config.keys);
    Ok(crate::tui::run(issues, settings, probe, keymap)?)
}
