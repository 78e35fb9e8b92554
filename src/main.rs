//! The `epaper` binary: parses the command line and runs the command.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use epaper::cli::{
    AmbiguousSetting, CatArgs, Cli, Command, FetchArgs, ImportArgs, SearchArgs, UpdateArgs,
};
use epaper::commands::{self, Source};
use epaper::config;
use epaper::samples::SAMPLES;

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

fn main() -> ExitCode {
    let cli = Cli::from_env();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr().lock();
    let result = match cli.command {
        Some(Command::Check { files }) => {
            let sources: Vec<Source> = files.into_iter().map(Source::File).collect();
            commands::check::run(&sources, &mut out, &mut err)
        }
        Some(Command::Cat(args)) => match user_config(cli.config.as_deref()) {
            Ok(config) => {
                warn(&mut err, &config).and_then(|()| cat(&args, &config, &mut out, &mut err))
            }
            Err(error) => said(&mut err, &error),
        },
        Some(Command::Import(args)) => import(&args, cli.config.as_deref(), &mut out, &mut err),
        Some(Command::Fetch(args)) => {
            // The progress bar draws on stderr from a thread of its own: a
            // lock on stderr held here would stop it, and the fetch with it.
            drop(err);
            return fetch(&args, cli.config.as_deref(), &mut out);
        }
        Some(Command::Papers) => match user_config(cli.config.as_deref()) {
            Ok(config) => warn(&mut err, &config)
                .and_then(|()| commands::papers::run(&config.catalogue, &config.follow, &mut out)),
            Err(error) => said(&mut err, &error),
        },
        Some(Command::Update(args)) => {
            drop(err);
            return update(&args, cli.config.as_deref());
        }
        Some(Command::Search(args)) => {
            let code = search(&args, &mut out, &mut err);
            let _ = out.flush();
            return code;
        }
        None if cli.print_config => out
            .write_all(config::defaults_text().as_bytes())
            .map(|()| true),
        None => match read(&cli, &mut err) {
            Ok(code) => return code,
            Err(error) => Err(error),
        },
    };
    finish(result.and_then(|ok| out.flush().map(|()| ok)), &mut err)
}

/// The exit status of a command that reports success, failure or an
/// error writing its output.
fn finish(result: io::Result<bool>, err: &mut impl Write) -> ExitCode {
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

/// The config's warnings, on stderr.
fn warn(err: &mut impl Write, config: &config::Config) -> io::Result<()> {
    for warning in &config.warnings {
        commands::safe_line(err, &format!("warning: {warning}"))?;
    }
    Ok(())
}

/// An error that ends a command, said on stderr: the command failed.
fn said(err: &mut impl Write, error: &dyn std::fmt::Display) -> io::Result<bool> {
    commands::safe_line(err, &format!("epaper: {error}")).map(|()| false)
}

/// `epaper search`: 0 found, 1 nothing found, 2 an error.
fn search(args: &SearchArgs, out: &mut impl Write, err: &mut impl Write) -> ExitCode {
    use commands::search::{Marks, Request, Status};
    use std::io::IsTerminal;
    let places = commands::read::Places::from_env(&env);
    let Some(dir) = args.dir.clone().or_else(|| places.library.clone()) else {
        let _ = writeln!(
            err,
            "epaper: error: no folder given, and no library folder known (set HOME or EPAPER_LIBRARY)"
        );
        return ExitCode::from(2);
    };
    let request = Request {
        query: &args.query,
        dir: &dir,
        headers: places.index.as_deref(),
        index: places
            .search
            .clone()
            .filter(|_| !args.no_index)
            .map(epaper::library::fulltext::Index::new),
        json: args.json,
        marks: if io::stdout().is_terminal() {
            Marks::Terminal
        } else {
            Marks::Plain
        },
    };
    match commands::search::run(&request, out, err).and_then(|s| out.flush().map(|()| s)) {
        Ok(Status::Found) => ExitCode::SUCCESS,
        Ok(Status::Nothing) => ExitCode::FAILURE,
        Ok(Status::Error) => ExitCode::from(2),
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(err, "epaper: {error}");
            ExitCode::from(2)
        }
    }
}

fn cat(
    args: &CatArgs,
    config: &config::Config,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<bool> {
    let source = args
        .file
        .clone()
        .map_or(Source::Sample(SAMPLES[0]), Source::File);
    let selection = commands::cat::Selection {
        page: args.page.clone(),
        article: args.article.map(|n| n as usize),
    };
    match commands::cat::run(&source, &selection, &args.layout.options(config), out) {
        Ok(()) => Ok(true),
        Err(commands::cat::CatError::Write(error)) => Err(error),
        Err(error) => {
            let _ = out.flush();
            let line = format!("epaper: {}", error.describe(&source.name()));
            let _ = commands::safe_line(err, &line);
            Ok(false)
        }
    }
}

fn import(
    args: &ImportArgs,
    given: Option<&Path>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<bool> {
    match commands::site_profiles(given, env) {
        Ok(profiles) => commands::import::run(
            &args.files,
            args.output.as_deref(),
            &args.options(profiles),
            args.explain,
            out,
            err,
        ),
        Err(error) => said(err, &error),
    }
}

/// The config file for the commands: the one `--config` (`given`),
/// `EPAPER_CONFIG` or the XDG place names, as the reader's.
fn user_config(given: Option<&Path>) -> Result<config::Config, config::ConfigError> {
    match config::location(given, env) {
        Some(location) => config::load(&location),
        None => Ok(config::Config::default()),
    }
}

/// What a command that downloads needs: the config and the site
/// profiles; the error already said when there is none.
fn setup(
    given: Option<&Path>,
    err: &mut impl Write,
) -> Option<(config::Config, epaper::import::Profiles)> {
    let said = |err: &mut dyn Write, error: &dyn std::fmt::Display| {
        let _ = writeln!(
            err,
            "epaper: {}",
            epaper::layout::sanitize(&error.to_string())
        );
    };
    let config = user_config(given).map_err(|e| said(err, &e)).ok()?;
    let _ = warn(err, &config);
    let profiles = commands::site_profiles(given, env)
        .map_err(|e| said(err, &e))
        .ok()?;
    Some((config, profiles))
}

const NO_LIBRARY: &str =
    "epaper: no library folder is known (HOME is not set); give one with -o DIR";

fn fetch(args: &FetchArgs, given: Option<&Path>, out: &mut impl Write) -> ExitCode {
    let mut err = io::stderr();
    let Some((config, profiles)) = setup(given, &mut err) else {
        return ExitCode::FAILURE;
    };
    let places = commands::read::Places::from_env(&env);
    let Some(options) = args.options(&places, profiles) else {
        let _ = writeln!(err, "{NO_LIBRARY}");
        return ExitCode::FAILURE;
    };
    let outcome = commands::fetch::run(
        &args.target,
        &config.catalogue,
        &options,
        args.explain,
        out,
        &mut err,
    );
    let _ = out.flush();
    match outcome {
        commands::fetch::Outcome::Whole => ExitCode::SUCCESS,
        commands::fetch::Outcome::WithGaps => ExitCode::from(3),
        commands::fetch::Outcome::Failed => ExitCode::FAILURE,
    }
}

fn update(args: &UpdateArgs, given: Option<&Path>) -> ExitCode {
    let mut err = io::stderr();
    let Some((config, profiles)) = setup(given, &mut err) else {
        return ExitCode::FAILURE;
    };
    let places = commands::read::Places::from_env(&env);
    let Some(options) = args.net.options(&places, profiles) else {
        let _ = writeln!(err, "{NO_LIBRARY}");
        return ExitCode::FAILURE;
    };
    let request = commands::update::Request {
        papers: args.papers.clone(),
        follow: config.follow.clone(),
        days: args.days.unwrap_or(config.update_days),
        since: args.since,
        until: args.until.unwrap_or_else(epaper::papers::today),
    };
    ExitCode::from(commands::update::run(
        &request,
        &config.catalogue,
        &options,
        places.index.as_deref(),
    ))
}

/// The reader: its exit status, or an error writing to the terminal.
fn read(cli: &Cli, err: &mut impl Write) -> io::Result<ExitCode> {
    let location = config::location(cli.config.as_deref(), env);
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
        .and_then(|config| commands::read::run(cli.file.as_deref(), &config, ambiguous, err));
    match run {
        // Ended by a signal: the shell's convention, 128 + its number.
        Ok(Some(signal)) => Ok(ExitCode::from(u8::try_from(128 + signal).unwrap_or(1))),
        Ok(None) => Ok(ExitCode::SUCCESS),
        Err(commands::read::ReadError::Terminal(error)) => Err(error),
        Err(error) => {
            for line in error.to_string().lines() {
                let _ = commands::safe_line(err, &format!("epaper: {line}"));
            }
            Ok(ExitCode::FAILURE)
        }
    }
}
