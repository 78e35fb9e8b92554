//! The `epaper` binary: parses the command line and runs the command.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use epaper::cli::{AmbiguousSetting, Cli, Command};
use epaper::commands::{self, Source};
use epaper::config;
use epaper::samples::SAMPLES;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr().lock();
    let result = match cli.command {
        Some(Command::Check { files }) => {
            let sources: Vec<Source> = files.into_iter().map(Source::File).collect();
            commands::check::run(&sources, &mut out, &mut err)
        }
        Some(Command::Cat(args)) => {
            let source = args.file.map_or(Source::Sample(SAMPLES[0]), Source::File);
            let selection = commands::cat::Selection {
                page: args.page,
                article: args.article.map(|n| n as usize),
            };
            match commands::cat::run(&source, &selection, &args.layout.options(), &mut out) {
                Ok(()) => Ok(true),
                Err(commands::cat::CatError::Write(error)) => Err(error),
                Err(error) => {
                    let _ = out.flush();
                    let line = format!("epaper: {}", error.describe(&source.name()));
                    let _ = commands::safe_line(&mut err, &line);
                    Ok(false)
                }
            }
        }
        Some(Command::Import(args)) => {
            commands::import::run(&args.files, &args.output, &args.options(), &mut err)
        }
        Some(Command::Fetch(args)) => {
            let places = commands::read::Places::from_env(&|name| std::env::var(name).ok());
            let Some(options) = args.options(&places) else {
                let _ = writeln!(
                    err,
                    "epaper: no library folder is known (HOME is not set); give one with -o DIR"
                );
                return ExitCode::FAILURE;
            };
            // The progress bar draws on stderr from a thread of its own: a
            // lock on stderr held here would stop it, and the fetch with it.
            drop(err);
            return match commands::fetch::run(&args.url, &options, &mut io::stderr()) {
                commands::fetch::Outcome::Whole => ExitCode::SUCCESS,
                commands::fetch::Outcome::WithGaps => ExitCode::from(3),
                commands::fetch::Outcome::Failed => ExitCode::FAILURE,
            };
        }
        None if cli.print_config => out
            .write_all(config::defaults_text().as_bytes())
            .map(|()| true),
        None => {
            let location = config::location(cli.config.as_deref(), |name| std::env::var(name).ok());
            let loaded = match &location {
                Some(location) => config::load(location),
                None => Ok(config::Config::default()),
            };
            let ambiguous = cli.ambiguous_width.map(|setting| match setting {
                AmbiguousSetting::Auto => config::AmbiguousSetting::Auto,
                AmbiguousSetting::Narrow => config::AmbiguousSetting::Narrow,
                AmbiguousSetting::Wide => config::AmbiguousSetting::Wide,
            });
            let run = loaded
                .map_err(commands::read::ReadError::from)
                .and_then(|config| {
                    commands::read::run(cli.file.as_deref(), &config, ambiguous, &mut err)
                });
            match run {
                // Ended by a signal: the shell's convention, 128 + its number.
                Ok(Some(signal)) => {
                    return ExitCode::from(u8::try_from(128 + signal).unwrap_or(1));
                }
                Ok(None) => Ok(true),
                Err(commands::read::ReadError::Terminal(error)) => Err(error),
                Err(error) => {
                    for line in error.to_string().lines() {
                        let _ = commands::safe_line(&mut err, &format!("epaper: {line}"));
                    }
                    Ok(false)
                }
            }
        }
    };
    let result = result.and_then(|ok| out.flush().map(|()| ok));
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        // A reader that stopped reading (`epaper check … | head`) is not an error.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(err, "epaper: {error}");
            ExitCode::FAILURE
        }
    }
}
