//! The command line: clap's types, and their translation into the options
//! of the lower layers. Options are validated here, once; commands trust
//! them.

use std::ffi::{OsStr, OsString};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::error::ErrorKind;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::config::{self, Config};
use crate::layout::{Ambiguous, LayoutOptions, Punctuation};
use crate::model::Date;

/// A terminal reader for Chinese digital newspapers.
///
/// Opens an issue file (format: docs/FORMAT.md); without one, the bundled
/// sample issues.
#[derive(Debug, Parser)]
#[command(
    name = "epaper",
    version,
    override_usage = "epaper [OPTIONS] [FILE]\n       epaper [--config FILE] <COMMAND>"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The issue file to open; without one, the bundled samples.
    pub file: Option<PathBuf>,

    /// Read this config file instead of $XDG_CONFIG_HOME/epaper/config.toml
    /// (EPAPER_CONFIG also names one), and the site profiles in `sites/`
    /// beside it.
    #[arg(long, value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// How wide the terminal draws “ ” … — · ※ ○ ① ℃: `auto` asks the
    /// terminal [default: the config's, else auto].
    #[arg(long, value_enum, value_name = "WIDTH")]
    pub ambiguous_width: Option<AmbiguousSetting>,

    /// Print the default config file, with every setting and key, and exit.
    #[arg(long)]
    pub print_config: bool,
}

impl Cli {
    /// The command line of this process; a usage error is printed and
    /// exits with status 2.
    pub fn from_env() -> Cli {
        Cli::parse_args(std::env::args_os()).unwrap_or_else(|error| error.exit())
    }

    /// Reads a command line, the program's name first.
    ///
    /// A word where a subcommand or the file goes is a subcommand when it
    /// is one's name, whatever options come before it (`epaper --config X
    /// cat`), and the file otherwise; a word that names no file but is
    /// close to a subcommand's name is taken for a mistyped subcommand.
    /// The reader's own arguments (the file, `--ambiguous-width`,
    /// `--print-config`) cannot come with a subcommand.
    pub fn parse_args<I, T>(args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<OsString>,
    {
        let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
        let mut command = Cli::command();
        command.build();
        if let Some(word) = first_word(&command, &args).and_then(OsStr::to_str) {
            let names: Vec<&str> = command
                .get_subcommands()
                .map(clap::Command::get_name)
                .collect();
            let unknown = !names.contains(&word) && !Path::new(word).exists();
            if let Some(name) = closest(word, &names).filter(|_| unknown) {
                return Err(command.error(
                    ErrorKind::InvalidSubcommand,
                    format!("no subcommand or file '{word}'; did you mean '{name}'?"),
                ));
            }
        }
        let matches = command.try_get_matches_from_mut(&args)?;
        let cli = Cli::from_arg_matches(&matches).map_err(|error| error.format(&mut command))?;
        if let Some((name, _)) = matches.subcommand() {
            let reader_only = [
                cli.file
                    .as_ref()
                    .map(|file| format!("the file '{}'", file.display())),
                cli.ambiguous_width.map(|_| "--ambiguous-width".to_owned()),
                cli.print_config.then(|| "--print-config".to_owned()),
            ];
            if let Some(given) = reader_only.into_iter().flatten().next() {
                return Err(command.error(
                    ErrorKind::ArgumentConflict,
                    format!(
                        "{given} is for the reader and cannot come before the subcommand '{name}'; \
                         give {name}'s own arguments after its name: epaper {name} …"
                    ),
                ));
            }
        }
        Ok(cli)
    }
}

/// The first argument that is neither an option of `command` nor an
/// option's value: where a subcommand's name or the file goes. None when
/// there is none, or when only files follow (`--`).
fn first_word<'a>(command: &clap::Command, args: &'a [OsString]) -> Option<&'a OsStr> {
    let takes_value = |arg: Option<&clap::Arg>| arg.is_some_and(|a| a.get_action().takes_values());
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        let Some(text) = arg.to_str() else {
            return Some(arg);
        };
        if text == "--" {
            return None;
        }
        if let Some(long) = text.strip_prefix("--") {
            let arg = command.get_arguments().find(|a| a.get_long() == Some(long));
            if takes_value(arg) {
                rest.next();
            }
        } else if let Some(shorts) = text.strip_prefix('-').filter(|s| !s.is_empty()) {
            // `-o FILE`, but not `-oFILE`, takes the next argument.
            let mut chars = shorts.chars();
            let (first, more) = (chars.next(), chars.next());
            let arg = command
                .get_arguments()
                .find(|a| a.get_short().is_some() && a.get_short() == first);
            if more.is_none() && takes_value(arg) {
                rest.next();
            }
        } else {
            return Some(arg);
        }
    }
    None
}

/// The name in `names` that `word` is a slip of the keyboard from, if
/// one is near enough: at most one edit in a short name, one in three in
/// a longer one, case aside.
fn closest<'n>(word: &str, names: &[&'n str]) -> Option<&'n str> {
    let word = word.to_lowercase();
    names
        .iter()
        .map(|name| (crate::model::edit_distance(&word, name), *name))
        .filter(|(edits, name)| *edits <= (name.chars().count() / 3).max(1))
        .min_by_key(|(edits, _)| *edits)
        .map(|(_, name)| name)
}

/// `--ambiguous-width` of the reader, which can also ask the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AmbiguousSetting {
    Auto,
    Narrow,
    Wide,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check issue files against the format: `ok` and a summary for each
    /// valid file, errors with line, column and JSON path for the others.
    ///
    /// Exit status: 0 when every file is valid, 1 when any is not.
    Check {
        /// The issue files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print articles laid out as the reader sets them, for pipes, `less`
    /// and printing.
    ///
    /// Without --page, the whole issue, page by page; with --page, that
    /// page; with --page and --article, one article, a continued story to
    /// its end.
    Cat(CatArgs),
    /// Make one issue file from saved e-paper pages: plain-text captures,
    /// or the HTML of Founder (方正) sites and of People's Daily.
    ///
    /// Give the page (版面) files and the article files together; headlines
    /// are matched to articles by the files' names, as the sites link them.
    Import(ImportArgs),
    /// Download an issue from its e-paper website into the library.
    ///
    /// URL|PAPER is the issue's first page (版面), or with --date any page
    /// of the site whose URL holds a date, or People's Daily's
    /// …/layout/index.html; or a paper of `epaper papers`, by its key
    /// (`rmrb`) or its name (人民日报), for the issue of --date or today.
    /// Pages that fail are left out and listed.
    ///
    /// Exit status: 0 when the whole issue arrived, 3 when it was written
    /// with gaps, 1 when nothing was written.
    Fetch(FetchArgs),
    /// List the papers epaper knows by name: their keys, names and the
    /// URL of an issue's first page. The config adds more
    /// (`[catalogue.KEY]`) and names those followed (`[papers] follow`).
    Papers,
    /// Fetch the papers followed (`[papers] follow` in config.toml) from the
    /// last issue in the library up to today, at most a week back (--days),
    /// skipping the days the library has. For cron or a systemd timer.
    ///
    /// Exit status: 0 when every day asked for arrived, is already kept,
    /// or has no issue on the site; 3 when an issue was written with gaps;
    /// 4 when a day could not be fetched; 1 when nothing could be done
    /// (no paper followed, a config error).
    Update(UpdateArgs),
    /// Find words in every issue of the library: one line per matching
    /// article (paper, date, page, title, how many matches, and the first
    /// in context), newest first. Chinese is matched as written, Latin
    /// without regard to case or full-width forms, as `/` in the reader.
    ///
    /// An index of the issues ($XDG_CACHE_HOME/epaper/search) lets it read
    /// only the issues that may match; it is built as needed.
    ///
    /// Exit status: 0 when something was found, 1 when nothing was, 2 on
    /// an error (an empty query, no such folder).
    Search(SearchArgs),
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// What to find.
    #[arg(value_name = "QUERY")]
    pub query: String,

    /// The folder of issues [default: the library, $XDG_DATA_HOME/epaper/issues
    /// or EPAPER_LIBRARY].
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// One JSON object per matching article, a line each, for scripts.
    #[arg(long)]
    pub json: bool,

    /// Read every issue, without the index (neither read nor written).
    #[arg(long)]
    pub no_index: bool,
}

/// How the commands that download talk to the sites.
#[derive(Debug, clap::Args)]
pub struct NetArgs {
    /// Seconds one request may take, connection to last byte.
    #[arg(long, value_name = "SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,

    /// Requests at once.
    #[arg(long, value_name = "N", default_value_t = 4,
          value_parser = clap::value_parser!(u8).range(1..=4))]
    pub jobs: u8,

    /// Seconds each request waits after the one before, to spare the site.
    #[arg(long, value_name = "SECONDS", default_value_t = 0.5, value_parser = parse_delay)]
    pub delay: f64,

    /// Neither read nor keep downloaded pages in the cache
    /// ($XDG_CACHE_HOME/epaper/fetch), so an interrupted fetch starts over.
    #[arg(long)]
    pub no_cache: bool,

    /// Do not download the page pictures and photos into the folder
    /// beside the issue file (`<issue>.pictures/`); the issue keeps their
    /// URLs.
    #[arg(long)]
    pub no_images: bool,

    /// The folder to write `<publication>-<date>.json` into [default: the
    /// library, $XDG_DATA_HOME/epaper/issues or EPAPER_LIBRARY].
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

impl NetArgs {
    /// A fetch's options: the output folder is the library's unless one
    /// is given, the cache beside the library index. None when neither
    /// folder is known.
    pub fn options(
        &self,
        places: &crate::commands::read::Places,
        profiles: crate::import::Profiles,
    ) -> Option<crate::fetch::Options> {
        let out_dir = self.output.clone().or_else(|| places.library.clone())?;
        let cache_root = places
            .index
            .as_deref()
            .and_then(std::path::Path::parent)
            .map(|dir| dir.join("fetch"))
            .filter(|_| !self.no_cache);
        Some(crate::fetch::Options {
            date: None,
            publication: None,
            out_dir,
            cache_root,
            http: crate::fetch::http::Settings {
                timeout: std::time::Duration::from_secs(self.timeout),
                ..crate::fetch::http::Settings::default()
            },
            workers: usize::from(self.jobs),
            delay: std::time::Duration::from_secs_f64(self.delay),
            profiles,
            day: None,
            pictures: !self.no_images,
        })
    }
}

#[derive(Debug, clap::Args)]
pub struct UpdateArgs {
    /// Only these papers, by key or name [default: those the config
    /// follows].
    #[arg(value_name = "PAPER")]
    pub papers: Vec<String>,

    /// Look at most this many days back from --until [default: the
    /// config's papers.days, else 7].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=366))]
    pub days: Option<u32>,

    /// Fetch from this day on, whatever the library holds.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub since: Option<Date>,

    /// The last day to fetch [default: today in China, UTC+8].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub until: Option<Date>,

    #[command(flatten)]
    pub net: NetArgs,
}

#[derive(Debug, clap::Args)]
pub struct FetchArgs {
    /// The issue's first page (or an entry page with --date), or a paper
    /// of `epaper papers` by key or name.
    #[arg(value_name = "URL|PAPER")]
    pub target: String,

    /// Fetch the issue of this day: the date in URL is changed to it (or
    /// People's Daily's entry page leads to it); for a paper, the day's
    /// issue [default for a paper: today in China].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<Date>,

    /// The publication's name, when the pages do not print it.
    #[arg(long, value_name = "NAME")]
    pub publication: Option<String>,

    /// Print which site profile fitted the first page and an article, and
    /// where each thing was found on them, and which profile read how many
    /// of the pages.
    #[arg(long)]
    pub explain: bool,

    #[command(flatten)]
    pub net: NetArgs,
}

impl ImportArgs {
    pub fn options(&self, profiles: crate::import::Profiles) -> crate::commands::import::Options {
        crate::commands::import::Options {
            profiles,
            given: crate::import::assemble::Given {
                publication: self.issue.publication.clone(),
                date: self.issue.date,
                source: None,
            },
            encoding: self.encoding.clone(),
        }
    }
}

impl FetchArgs {
    /// The fetch's options, as [`NetArgs::options`] gives them, with the
    /// day and the publication asked for.
    pub fn options(
        &self,
        places: &crate::commands::read::Places,
        profiles: crate::import::Profiles,
    ) -> Option<crate::fetch::Options> {
        self.net
            .options(places, profiles)
            .map(|options| crate::fetch::Options {
                date: self.date,
                publication: self.publication.clone(),
                ..options
            })
    }
}

fn parse_charset(text: &str) -> Result<String, String> {
    match crate::import::encoding::header_charset(text) {
        Some(_) => Ok(text.to_owned()),
        None => Err(format!(
            "`{text}` is not a character set epaper knows (utf-8, gbk, gb2312, gb18030, big5…)"
        )),
    }
}

fn parse_delay(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(seconds) if (0.0..=60.0).contains(&seconds) => Ok(seconds),
        _ => Err(format!("`{text}` is not a number of seconds from 0 to 60")),
    }
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The saved pages.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// The issue file to write (optional with --explain).
    #[arg(
        short,
        long,
        value_name = "OUT.json",
        required_unless_present = "explain"
    )]
    pub output: Option<PathBuf>,

    /// Print, for each file, which site profile fitted it and where each
    /// thing was found: the paper's name, the date, the page list, the
    /// headlines, the article's parts.
    #[arg(long)]
    pub explain: bool,

    #[command(flatten)]
    pub issue: IssueArgs,

    /// The pages' charset, as the site's HTTP header gave it (gbk, gb2312,
    /// utf-8) [default: each page's <meta> charset, else GB18030].
    #[arg(long, value_name = "CHARSET", value_parser = parse_charset)]
    pub encoding: Option<String>,
}

/// What the user says about an issue, over what its pages say.
#[derive(Debug, clap::Args)]
pub struct IssueArgs {
    /// The publication's name, when the pages do not print it.
    #[arg(long, value_name = "NAME")]
    pub publication: Option<String>,

    /// The issue's date, when the pages do not give it.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<Date>,
}

fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>().map_err(|e| e.to_string())
}

#[derive(Debug, clap::Args)]
pub struct CatArgs {
    /// The issue file; without one, the bundled guide.
    pub file: Option<PathBuf>,

    /// The page to print, by its label ("03", "A05"; "3" finds "03").
    #[arg(long, value_name = "LABEL")]
    pub page: Option<String>,

    /// The article to print, counted from 1 on the page.
    #[arg(long, value_name = "N", requires = "page",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub article: Option<u32>,

    #[command(flatten)]
    pub layout: LayoutArgs,
}

/// The typesetting options, shared by the commands that lay out text. What
/// is not given comes from the config file, as the reader's does.
#[derive(Debug, clap::Args)]
pub struct LayoutArgs {
    /// Columns per line [default: the terminal's width, or 80 when the
    /// output is not a terminal].
    #[arg(long, value_name = "COLUMNS",
          value_parser = clap::value_parser!(u16).range(2..))]
    pub width: Option<u16>,

    /// How wide the terminal draws “ ” … — · ※ ○ ① ℃ and the other East
    /// Asian ambiguous characters [default: the config's, narrow for its
    /// `auto`].
    #[arg(long, value_enum, value_name = "WIDTH")]
    pub ambiguous_width: Option<AmbiguousArg>,

    /// Cells of first-line indent for paragraphs [default: the config's,
    /// else 4].
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u16).range(0..=16))]
    pub indent: Option<u16>,

    /// Show half-width , : ; ? ! ( ) next to hanzi full-width, as printed,
    /// or as in the file [default: the config's, else fullwidth].
    #[arg(long, value_enum, value_name = "STYLE")]
    pub punctuation: Option<PunctuationArg>,

    /// Let 、，。 hang in a two-cell right margin instead of pushing the
    /// last character down [default: the config's `hanging`].
    #[arg(long, overrides_with = "no_hanging")]
    pub hanging: bool,

    /// Push the last character down rather than let 、，。 hang, whatever
    /// the config says.
    #[arg(long, overrides_with = "hanging")]
    pub no_hanging: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AmbiguousArg {
    Narrow,
    Wide,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PunctuationArg {
    Fullwidth,
    Original,
}

impl LayoutArgs {
    /// The layout options these arguments ask for, the config's where they
    /// say nothing. The width not given is the terminal's when standard
    /// output is one, else 80; the config's `auto` ambiguous width is
    /// narrow, as no terminal is asked.
    pub fn options(&self, config: &Config) -> LayoutOptions {
        let width = self.width.map_or_else(default_width, usize::from);
        let ambiguous = match self.ambiguous_width {
            Some(AmbiguousArg::Wide) => Ambiguous::Wide,
            Some(AmbiguousArg::Narrow) => Ambiguous::Narrow,
            None => match config.ambiguous {
                config::AmbiguousSetting::Wide => Ambiguous::Wide,
                config::AmbiguousSetting::Narrow | config::AmbiguousSetting::Auto => {
                    Ambiguous::Narrow
                }
            },
        };
        let punctuation = match self.punctuation {
            Some(PunctuationArg::Fullwidth) => Punctuation::FullWidth,
            Some(PunctuationArg::Original) => Punctuation::Original,
            None => config.punctuation,
        };
        let hanging = if self.hanging || self.no_hanging {
            self.hanging
        } else {
            config.hanging
        };
        LayoutOptions::new(width)
            .ambiguous(ambiguous)
            .indent(self.indent.map_or(config.indent, usize::from))
            .punctuation(punctuation)
            .hanging(hanging)
    }
}

fn default_width() -> usize {
    const PIPE_WIDTH: usize = 80;
    if !std::io::stdout().is_terminal() {
        return PIPE_WIDTH;
    }
    crossterm::terminal::size().map_or(PIPE_WIDTH, |(columns, _)| usize::from(columns).max(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::parse_args(std::iter::once("epaper").chain(args.iter().copied()))
    }

    #[test]
    fn the_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_mistyped_subcommand_is_named_and_the_right_one_suggested() {
        for (args, word, meant) in [
            (&["chek", "issue.json"][..], "chek", "check"),
            (&["chek"], "chek", "check"),
            (&["--config", "c.toml", "updat"], "updat", "update"),
            (&["Fecth", "rmrb"], "Fecth", "fetch"),
            (&["imoprt", "-o", "x.json", "a.htm"], "imoprt", "import"),
        ] {
            let error = parse(args).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidSubcommand, "{args:?}");
            assert_eq!(error.exit_code(), 2);
            assert_eq!(
                error.to_string().lines().next(),
                Some(
                    format!("error: no subcommand or file '{word}'; did you mean '{meant}'?")
                        .as_str()
                ),
            );
        }
    }

    #[test]
    fn a_word_that_names_a_file_or_no_subcommand_is_the_file() {
        // `src` is this crate's folder, not a mistyped subcommand.
        let cli = parse(&["src"]).unwrap();
        assert_eq!(cli.file, Some(PathBuf::from("src")));
        let cli = parse(&["issue.json"]).unwrap();
        assert_eq!(cli.file, Some(PathBuf::from("issue.json")));
        let cli = parse(&["--", "chek"]).unwrap();
        assert_eq!(cli.file, Some(PathBuf::from("chek")));
    }

    #[test]
    fn options_before_a_subcommand_leave_it_a_subcommand() {
        let cli = parse(&["--config", "c.toml", "cat", "f.json", "--page", "2"]).unwrap();
        assert_eq!(cli.config, Some(PathBuf::from("c.toml")));
        let Some(Command::Cat(args)) = cli.command else {
            panic!("{:?}", cli.command)
        };
        assert_eq!(args.file, Some(PathBuf::from("f.json")));
        assert_eq!(args.page.as_deref(), Some("2"));
        let cli = parse(&["cat", "--config=c.toml", "f.json"]).unwrap();
        assert_eq!(cli.config, Some(PathBuf::from("c.toml")));
        assert!(matches!(cli.command, Some(Command::Cat(_))));
        let cli = parse(&["--config", "c.toml"]).unwrap();
        assert!(cli.command.is_none());
    }

    #[test]
    fn the_reader_s_arguments_do_not_go_with_a_subcommand() {
        for args in [
            &["f.json", "cat"][..],
            &["--ambiguous-width", "wide", "cat", "f.json"],
            &["--print-config", "check", "f.json"],
        ] {
            let error = parse(args).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::ArgumentConflict, "{args:?}");
            assert!(
                error
                    .to_string()
                    .contains("cannot come before the subcommand"),
                "{error}"
            );
        }
    }

    #[test]
    fn near_names_are_those_a_slip_of_the_keyboard_gives() {
        let names = [
            "check", "cat", "import", "fetch", "papers", "update", "help",
        ];
        assert_eq!(closest("cta", &names), Some("cat"));
        assert_eq!(closest("chekc", &names), Some("check"));
        assert_eq!(closest("paprs", &names), Some("papers"));
        assert_eq!(closest("CAT", &names), Some("cat"));
        assert_eq!(closest("issue.json", &names), None);
        assert_eq!(closest("cat.json", &names), None);
        assert_eq!(closest("rmrb", &names), None);
        assert_eq!(crate::model::edit_distance("abc", "abc"), 0);
        assert_eq!(crate::model::edit_distance("abc", "acb"), 1);
        assert_eq!(crate::model::edit_distance("", "abc"), 3);
        assert_eq!(crate::model::edit_distance("kitten", "sitting"), 3);
    }
}
