//! The `epaper` binary: parses the command line and runs the command.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use epaper::cli::{Cli, Command};
use epaper::commands::{self, IssueSource};
use epaper::samples::SAMPLES;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr().lock();
    let result = match cli.command {
        Some(Command::Check { files }) => {
            let sources: Vec<IssueSource> = files.into_iter().map(IssueSource::File).collect();
            commands::check::run(&sources, &mut out, &mut err)
        }
        None => {
            let sources: Vec<IssueSource> = match cli.file {
                Some(file) => vec![IssueSource::File(file)],
                None => SAMPLES.iter().copied().map(IssueSource::Sample).collect(),
            };
            commands::summary::run(&sources, &mut out, &mut err)
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
