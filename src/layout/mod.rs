//! The text engine: what a character is drawn as and how wide it is.
//!
//! Pure functions over strings: this layer must not import ratatui or
//! crossterm, and does no I/O.

mod sanitize;

pub use sanitize::{REPLACEMENT, replacement, sanitize};
