//! The command line: clap's types, and the dispatch from them to the
//! commands. Options are validated here, once; commands trust them.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

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
}
