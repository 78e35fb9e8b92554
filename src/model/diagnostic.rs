//! What the loader says about a file: errors that stop it and warnings that
//! do not, each with the JSON path of the value concerned and, where the
//! text allows, its line and column.

use std::fmt;

/// A path into the JSON document, written as in `pages[2].articles[0].title`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct JsonPath(Vec<Segment>);

/// One step of a [`JsonPath`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    Key(String),
    Index(usize),
}

impl JsonPath {
    pub fn root() -> JsonPath {
        JsonPath(Vec::new())
    }

    #[must_use]
    pub fn key(mut self, key: &str) -> JsonPath {
        self.0.push(Segment::Key(key.to_owned()));
        self
    }

    #[must_use]
    pub fn index(mut self, index: usize) -> JsonPath {
        self.0.push(Segment::Index(index));
        self
    }

    pub fn push(&mut self, segment: Segment) {
        self.0.push(segment);
    }

    pub fn segments(&self) -> &[Segment] {
        &self.0
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// The key this path ends in, if it ends in one.
    pub fn last_key(&self) -> Option<&str> {
        match self.0.last() {
            Some(Segment::Key(key)) => Some(key),
            _ => None,
        }
    }
}

impl From<Vec<Segment>> for JsonPath {
    fn from(segments: Vec<Segment>) -> JsonPath {
        JsonPath(segments)
    }
}

fn is_plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("the top level");
        }
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if is_plain_key(key) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                }
                // Keys a reader could misparse are quoted as JSON strings.
                Segment::Key(key) => write!(f, "[{}]", serde_json::Value::from(key.as_str()))?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// A place in the text: 1-based line, and 1-based column counted in
/// characters (not bytes), as editors count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Everything that makes a file unreadable as an issue, in words that say
/// what to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("the file is empty; an issue file holds one JSON object")]
    Empty,
    #[error("invalid UTF-8 at byte {offset}; issue files must be UTF-8")]
    InvalidUtf8 { offset: usize },
    #[error(
        "too large to open: {} of JSON holding {objects} objects and {strings} strings would take about {} of memory loaded; epaper opens issues that take up to {}",
        super::size::in_words(*bytes as u64),
        super::size::in_words(*memory as u64),
        super::size::in_words(super::size::MAX_MEMORY as u64)
    )]
    TooLarge {
        bytes: usize,
        objects: usize,
        strings: usize,
        memory: usize,
    },
    #[error("the JSON ends too early: the file looks truncated")]
    Truncated,
    #[error("this is not valid JSON: {0}")]
    Syntax(String),
    #[error(
        "a lone UTF-16 surrogate escape (such as \\ud800) is not a character; pair it or remove it"
    )]
    LoneSurrogate,
    #[error("{0}")]
    Shape(String),
    #[error(
        "this file is format {found}, which needs a newer epaper (this one reads format {})",
        super::FORMAT
    )]
    FormatTooNew { found: u64 },
    #[error(
        "`format` is {found}, but the only format there is is {}",
        super::FORMAT
    )]
    FormatUnknown { found: u64 },
    #[error("`{field}` is empty; {why}")]
    Blank {
        field: &'static str,
        why: &'static str,
    },
    #[error("`pages` is empty; an issue needs at least one page")]
    NoPages,
    #[error("page label \"{label}\" is used twice (first at {first}); labels must be unique")]
    DuplicateLabel { label: String, first: JsonPath },
    #[error("section \"{id}\" is declared twice (first at {first})")]
    DuplicateSection { id: String, first: JsonPath },
    #[error("{}", unknown_section(section, declared))]
    UnknownSection {
        section: String,
        declared: Vec<String>,
    },
    #[error("article id \"{id}\" is used twice (first at {first}); ids must be unique in an issue")]
    DuplicateId { id: String, first: JsonPath },
    #[error("`continues` names \"{id}\", but no article has that id")]
    ContinuesMissing { id: String },
    #[error(
        "`continues` names \"{id}\", which is on the same page; a story continues on another page"
    )]
    ContinuesSamePage { id: String },
    #[error("\"{id}\" is continued twice (first by {first}); a fragment has one predecessor")]
    ContinuedTwice { id: String, first: JsonPath },
    #[error("the stories {} continue in a circle", cycle.join(" → "))]
    Cycle { cycle: Vec<String> },
    #[error("the page picture's `{field}` is 0; give its size in pixels")]
    ZeroSize { field: &'static str },
    #[error(
        "an area needs at least three points, as x, y pairs: this one has {numbers} number{}",
        if *numbers == 1 { "" } else { "s" }
    )]
    FewPoints { numbers: usize },
    #[error("an area's numbers come in x, y pairs: this one has {numbers}, an odd count")]
    OddPoints { numbers: usize },
    #[error("the point {point} is outside the page picture, which is {width}×{height} pixels")]
    OutsidePicture {
        point: String,
        width: u32,
        height: u32,
    },
    #[error("this article has `areas`, but its page has no `image` for them to be on")]
    AreasWithoutImage,
}

fn unknown_section(section: &str, declared: &[String]) -> String {
    if declared.is_empty() {
        format!("`section` is \"{section}\", but the issue declares no `sections`")
    } else {
        format!(
            "`section` is \"{section}\", which is not declared; the sections are {}",
            declared
                .iter()
                .map(|id| format!("\"{id}\""))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

/// One error, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub problem: Problem,
    /// The value concerned; the root for problems of the whole file.
    pub path: JsonPath,
    pub position: Option<Position>,
}

/// `FILE:LINE:COL: error: message (at pages[2].label)`, the form editors
/// and terminals recognise as a place in a file: how every command says
/// what is wrong with a file.
fn located(
    file: &str,
    position: Option<Position>,
    severity: &str,
    message: &str,
    path: &JsonPath,
) -> String {
    let place = match (file.is_empty(), position) {
        (false, Some(position)) => format!("{file}:{position}: "),
        (false, None) => format!("{file}: "),
        (true, Some(position)) => format!("{position}: "),
        (true, None) => String::new(),
    };
    if path.is_root() {
        format!("{place}{severity}: {message}")
    } else {
        format!("{place}{severity}: {message} (at {path})")
    }
}

impl Diagnostic {
    /// The error as one line about `file`.
    pub fn describe(&self, file: &str) -> String {
        located(
            file,
            self.position,
            "error",
            &self.problem.to_string(),
            &self.path,
        )
    }
}

/// A file that is not a valid issue: at least one diagnostic, in the order
/// found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
    /// Unknown fields met before loading stopped.
    pub warnings: Vec<Warning>,
}

impl LoadError {
    pub fn first(&self) -> &Diagnostic {
        &self.diagnostics[0]
    }
}

impl LoadError {
    /// The first error as one line about `file`, with how many more there
    /// are.
    pub fn describe(&self, file: &str) -> String {
        let first = self.first().describe(file);
        match self.diagnostics.len() {
            1 => first,
            2 => format!("{first} (and 1 more error)"),
            n => format!("{first} (and {} more errors)", n - 1),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(""))
    }
}

impl std::error::Error for LoadError {}

/// Something a file says that epaper ignores, such as a misspelt field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub field: String,
    /// The closest field epaper knows at that place, when one is close.
    pub suggestion: Option<&'static str>,
    pub path: JsonPath,
    pub position: Option<Position>,
}

impl Warning {
    /// The warning as one line about `file`.
    pub fn describe(&self, file: &str) -> String {
        let message = match self.suggestion {
            Some(suggestion) => format!(
                "unknown field `{}` is ignored; did you mean `{suggestion}`?",
                self.field
            ),
            None => format!("unknown field `{}` is ignored", self.field),
        };
        located(file, self.position, "warning", &message, &self.path)
    }
}
