//! epaper: a terminal reader for Chinese digital newspapers.
//!
//! The layers, lowest first: [`model`] (the issue format) and [`layout`]
//! (the text engine), which know nothing of terminals; then the commands in
//! [`commands`], reached from the command line in `main.rs`. See
//! docs/DESIGN.md.

pub mod app;
pub mod background;
mod bytescan;
pub mod cli;
pub mod commands;
pub mod config;
pub mod fetch;
pub mod import;
pub mod layout;
pub mod library;
pub mod model;
pub mod papers;
pub mod pictures;
pub mod samples;
pub mod story;
pub mod tui;
pub mod ui;
