//! The command line: clap's types, and their translation into the options
//! of the lower layers. Options are validated here, once; commands trust
//! them.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::layout::{Ambiguous, LayoutOptions, Punctuation};
use crate::model::Date;

/// A terminal reader for Chinese digital newspapers.
///
/// Opens an issue file (format: docs/FORMAT.md); without one, the bundled
/// sample issues.
#[derive(Debug, Parser)]
#[command(name = "epaper", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The issue file to open; without one, the bundled samples.
    pub file: Option<PathBuf>,

    /// Read this config file instead of $XDG_CONFIG_HOME/epaper/config.toml
    /// (EPAPER_CONFIG also names one).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// How wide the terminal draws “ ” … — · ※ ○ ① ℃: `auto` asks the
    /// terminal [default: the config's, else auto].
    #[arg(long, value_enum, value_name = "WIDTH")]
    pub ambiguous_width: Option<AmbiguousSetting>,

    /// Print the default config file, with every setting and key, and exit.
    #[arg(long)]
    pub print_config: bool,
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
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The saved pages.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// The issue file to write.
    #[arg(short, long, value_name = "OUT.json")]
    pub output: PathBuf,

    #[command(flatten)]
    pub issue: IssueArgs,

    /// The pages' charset, as the site's HTTP header gave it (gbk, gb2312,
    /// utf-8) [default: each page's <meta> charset, else GB18030].
    #[arg(long, value_name = "CHARSET")]
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

/// The typesetting options, shared by the commands that lay out text.
#[derive(Debug, clap::Args)]
pub struct LayoutArgs {
    /// Columns per line [default: the terminal's width, or 80 when the
    /// output is not a terminal].
    #[arg(long, value_name = "COLUMNS",
          value_parser = clap::value_parser!(u16).range(2..))]
    pub width: Option<u16>,

    /// How wide the terminal draws “ ” … — · ※ ○ ① ℃ and the other East
    /// Asian ambiguous characters.
    #[arg(long, value_enum, value_name = "WIDTH", default_value_t = AmbiguousArg::Narrow)]
    pub ambiguous_width: AmbiguousArg,

    /// Cells of first-line indent for paragraphs.
    #[arg(long, value_name = "N", default_value_t = 4,
          value_parser = clap::value_parser!(u16).range(0..=16))]
    pub indent: u16,

    /// Show half-width , : ; ? ! ( ) next to hanzi full-width, as printed,
    /// or as in the file.
    #[arg(long, value_enum, value_name = "STYLE", default_value_t = PunctuationArg::Fullwidth)]
    pub punctuation: PunctuationArg,

    /// Let 、，。 hang in a two-cell right margin instead of pushing the
    /// last character down.
    #[arg(long)]
    pub hanging: bool,
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
    /// The layout options these arguments ask for. The width not given is
    /// the terminal's when standard output is one, else 80.
    pub fn options(&self) -> LayoutOptions {
        let width = self.width.map_or_else(default_width, usize::from);
        LayoutOptions::new(width)
            .ambiguous(match self.ambiguous_width {
                AmbiguousArg::Narrow => Ambiguous::Narrow,
                AmbiguousArg::Wide => Ambiguous::Wide,
            })
            .indent(usize::from(self.indent))
            .punctuation(match self.punctuation {
                PunctuationArg::Fullwidth => Punctuation::FullWidth,
                PunctuationArg::Original => Punctuation::Original,
            })
            .hanging(self.hanging)
    }
}

fn default_width() -> usize {
    const PIPE_WIDTH: usize = 80;
    if !std::io::stdout().is_terminal() {
        return PIPE_WIDTH;
    }
    crossterm::terminal::size().map_or(PIPE_WIDTH, |(columns, _)| usize::from(columns).max(2))
}
