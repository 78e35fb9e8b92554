//! The issue format: its types, loading bytes into an [`Issue`], and the
//! rules a valid issue keeps (docs/FORMAT.md).
//!
//! This layer knows nothing of terminals: it must not import ratatui or
//! crossterm, and it does no I/O of its own; callers hand it bytes.

mod date;
mod diagnostic;
mod locate;
mod normalize;
pub mod size;
mod types;
mod validate;

pub use date::{Date, DateError, Weekday};
pub use diagnostic::{Diagnostic, JsonPath, LoadError, Position, Problem, Segment, Warning};
pub use normalize::is_line_break;
pub use types::{
    Article, ArticleId, ArticleRef, Image, Issue, Kind, Links, Page, PageImage, PageLabel, Section,
    SectionId,
};
pub use validate::AREA_SLACK;

/// The version of the format this build reads and writes.
pub const FORMAT: u64 = 1;

/// A valid issue and what its file said that was not used.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub issue: Issue,
    pub warnings: Vec<Warning>,
}

/// Reads an issue file's bytes: decodes, parses, normalises and validates.
pub fn load(bytes: &[u8]) -> Result<Loaded, LoadError> {
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    // simdutf8 validates at memory speed; its error says where, as std's does.
    let text = match simdutf8::compat::from_utf8(&bytes[bom..]) {
        Ok(text) => text,
        Err(error) => {
            let valid = error.valid_up_to();
            // The text up to the bad byte is valid, so it can be measured.
            let before = std::str::from_utf8(&bytes[bom..bom + valid]).unwrap_or("");
            return Err(fail(
                Problem::InvalidUtf8 {
                    offset: bom + valid,
                },
                JsonPath::root(),
                Some(locate::position_at(before, valid)),
                Vec::new(),
            ));
        }
    };
    if text.trim_ascii_start().is_empty() {
        return Err(fail(Problem::Empty, JsonPath::root(), None, Vec::new()));
    }
    if let Some(shape) = size::too_large(text.as_bytes()) {
        let problem = Problem::TooLarge {
            bytes: shape.bytes,
            objects: shape.objects,
            strings: shape.strings,
            memory: shape.memory(),
        };
        return Err(fail(problem, JsonPath::root(), None, Vec::new()));
    }

    let mut ignored = Vec::new();
    let parsed = parse(text, &mut ignored);
    let warnings = warnings(text, ignored);
    let mut issue = match parsed {
        Ok(issue) => issue,
        Err((problem, path, position)) => {
            return Err(fail(problem, path, position, warnings));
        }
    };
    if issue.format != FORMAT {
        let (found, path) = (issue.format, JsonPath::root().key("format"));
        let position = spot(text, &path);
        let problem = if found > FORMAT {
            Problem::FormatTooNew { found }
        } else {
            Problem::FormatUnknown { found }
        };
        return Err(fail(problem, path, position, warnings));
    }
    normalize::issue(&mut issue);
    let problems = validate::validate(&mut issue);
    if problems.is_empty() {
        return Ok(Loaded { issue, warnings });
    }
    let paths: Vec<&JsonPath> = problems.iter().map(|(_, path)| path).collect();
    let positions = positions(text, &paths, false);
    let mut diagnostics: Vec<Diagnostic> = problems
        .into_iter()
        .zip(positions)
        .map(|((problem, path), position)| Diagnostic {
            problem,
            path,
            position,
        })
        .collect();
    // In the order of the file, as an editor's list of problems reads.
    diagnostics.sort_by_key(|d| (d.position.is_none(), d.position));
    Err(LoadError {
        diagnostics,
        warnings,
    })
}

fn fail(
    problem: Problem,
    path: JsonPath,
    position: Option<Position>,
    warnings: Vec<Warning>,
) -> LoadError {
    LoadError {
        diagnostics: vec![Diagnostic {
            problem,
            path,
            position,
        }],
        warnings,
    }
}

type ParseFailure = (Problem, JsonPath, Option<Position>);

/// serde's pass over the text. Unknown fields are collected into `ignored`;
/// a failure carries the JSON path serde had reached.
///
/// Tracking the path costs a tenth of the parse, and only a failure needs
/// it: the first pass goes without, and a failed file is parsed once more
/// with it.
fn parse(text: &str, ignored: &mut Vec<JsonPath>) -> Result<Issue, ParseFailure> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let mut record = |path: serde_ignored::Path| ignored.push(ignored_path(&path));
    let unknown = serde_ignored::Deserializer::new(&mut deserializer, &mut record);
    // The trait's function, not the inherent one serde's `remote` makes,
    // which would take an array for the issue object.
    let parsed = <Issue as serde::Deserialize>::deserialize(unknown)
        .and_then(|issue| deserializer.end().map(|()| issue));
    parsed.map_err(|error| failure_with_path(text, &error))
}

/// The failure of a file that did not parse, with the JSON path where it
/// failed: the second pass finds the same error as the first, and where.
fn failure_with_path(text: &str, first: &serde_json::Error) -> ParseFailure {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, Issue>(&mut deserializer) {
        Err(error) => {
            let path = error_path(error.path());
            failure(text, &error.into_inner(), path)
        }
        Ok(_) => failure(text, first, JsonPath::root()),
    }
}

fn failure(text: &str, error: &serde_json::Error, path: JsonPath) -> ParseFailure {
    let position =
        (error.line() > 0).then(|| locate::position_from_serde(text, error.line(), error.column()));
    let mut problem = classify(error);
    if matches!(problem, Problem::Syntax(_))
        && locate::ends_in_lone_surrogate(text, error.line(), error.column())
    {
        problem = Problem::LoneSurrogate;
    }
    // A newer format may well not fit these types; say so first.
    if matches!(problem, Problem::Shape(_))
        && let Some(found) = declared_format(text).filter(|&f| f > FORMAT)
    {
        let path = JsonPath::root().key("format");
        let position = spot(text, &path);
        return (Problem::FormatTooNew { found }, path, position);
    }
    (problem, path, position)
}

fn classify(error: &serde_json::Error) -> Problem {
    let message = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = message.strip_suffix(&suffix).unwrap_or(&message).to_owned();
    match error.classify() {
        serde_json::error::Category::Eof => Problem::Truncated,
        serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
            Problem::Syntax(message)
        }
        serde_json::error::Category::Data => Problem::Shape(reword(&message)),
    }
}

/// serde speaks of Rust types; a file's author thinks in JSON.
fn reword(message: &str) -> String {
    let mismatch = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|rest| rest.split_once(", expected "));
    if let Some((found, expected)) = mismatch {
        let found = match found {
            "sequence" => "an array",
            "map" => "an object",
            "unit value" => "null",
            other => other,
        };
        let expected = match expected {
            "a sequence" => "an array",
            "u64" => "a whole number of 0 or more",
            other => other,
        };
        return format!("expected {expected}, found {found}");
    }
    match message.strip_prefix("missing field ") {
        Some(field) => format!("the required field {field} is missing"),
        None => message.to_owned(),
    }
}

/// The `format` a file declares, read on its own so that it can be named
/// even when the rest does not fit format 1.
fn declared_format(text: &str) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct FormatOnly {
        format: u64,
    }
    serde_json::from_str::<FormatOnly>(text)
        .ok()
        .map(|f| f.format)
}

fn error_path(path: &serde_path_to_error::Path) -> JsonPath {
    let mut json = JsonPath::root();
    for segment in path {
        match segment {
            serde_path_to_error::Segment::Seq { index } => json.push(Segment::Index(*index)),
            serde_path_to_error::Segment::Map { key } => json.push(Segment::Key(key.clone())),
            serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => {}
        }
    }
    json
}

fn ignored_path(path: &serde_ignored::Path) -> JsonPath {
    let mut segments = Vec::new();
    let mut at = path;
    loop {
        match at {
            serde_ignored::Path::Root => break,
            serde_ignored::Path::Seq { parent, index } => {
                segments.push(Segment::Index(*index));
                at = parent;
            }
            serde_ignored::Path::Map { parent, key } => {
                segments.push(Segment::Key(key.clone()));
                at = parent;
            }
            serde_ignored::Path::Some { parent }
            | serde_ignored::Path::NewtypeStruct { parent }
            | serde_ignored::Path::NewtypeVariant { parent } => at = parent,
        }
    }
    segments.reverse();
    JsonPath::from(segments)
}

fn warnings(text: &str, ignored: Vec<JsonPath>) -> Vec<Warning> {
    if ignored.is_empty() {
        return Vec::new();
    }
    let paths: Vec<&JsonPath> = ignored.iter().collect();
    let positions = positions(text, &paths, true);
    ignored
        .into_iter()
        .zip(positions)
        .map(|(path, position)| {
            let field = path.last_key().unwrap_or_default().to_owned();
            let suggestion = suggest(&path, &field);
            Warning {
                field,
                suggestion,
                path,
                position,
            }
        })
        .collect()
}

/// The known field closest to a misspelt one, at the same kind of object.
fn suggest(path: &JsonPath, field: &str) -> Option<&'static str> {
    let segments = path.segments();
    let parent = &segments[..segments.len().saturating_sub(1)];
    let known = match parent {
        [] => Issue::FIELDS,
        [Segment::Key(list), Segment::Index(_)] if list == "sections" => Section::FIELDS,
        [Segment::Key(list), Segment::Index(_)] if list == "pages" => Page::FIELDS,
        [.., Segment::Key(list), Segment::Index(_)] if list == "articles" => Article::FIELDS,
        [.., Segment::Key(list), Segment::Index(_)] if list == "images" => Image::FIELDS,
        [
            ..,
            Segment::Key(list),
            Segment::Index(_),
            Segment::Key(image),
        ] if list == "pages" && image == "image" => PageImage::FIELDS,
        _ => return None,
    };
    let field = field.to_lowercase();
    // Short names are easily one edit from another: allow more for long ones.
    known
        .iter()
        .map(|name| (edit_distance(&field, name), *name))
        .filter(|&(distance, name)| distance <= if name.len() >= 8 { 2 } else { 1 })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, name)| name)
}

/// Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`:
/// the optimal-string-alignment distance, which counts "titel" one edit
/// from "title". The field suggestions here and the command line's
/// subcommand suggestions both measure with it.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    rows[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

fn spot(text: &str, path: &JsonPath) -> Option<Position> {
    positions(text, &[path], false).pop().flatten()
}

/// Positions of values (or of their keys, for `at_key`) by path.
fn positions(text: &str, paths: &[&JsonPath], at_key: bool) -> Vec<Option<Position>> {
    let spots = locate::locate_all(text, paths);
    let offsets: Vec<Option<usize>> = spots
        .iter()
        .map(|spot| {
            spot.map(|s| {
                if at_key {
                    s.key.unwrap_or(s.value)
                } else {
                    s.value
                }
            })
        })
        .collect();
    let known: Vec<usize> = offsets.iter().flatten().copied().collect();
    let mut found = locate::positions_at(text, &known).into_iter();
    offsets
        .iter()
        .map(|offset| offset.and_then(|_| found.next()))
        .collect()
}

/// What a library lists of an issue: found without reading its pages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Header {
    pub publication: String,
    pub date: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edition: Option<String>,
    /// How many pages the issue has.
    pub pages: usize,
}

/// The number of elements of a JSON array, each skipped unread.
struct Count(usize);

impl<'de> serde::Deserialize<'de> for Count {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Count, D::Error> {
        struct Counter;
        impl<'de> serde::de::Visitor<'de> for Counter {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an array of pages")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Count, A::Error> {
                let mut count = 0;
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
                    count += 1;
                }
                Ok(Count(count))
            }
        }
        deserializer.deserialize_seq(Counter)
    }
}

/// Reads an issue file's header: publication, date, edition and the number
/// of pages, skipping the pages' contents. A file whose header reads may
/// still fail [`load`], which checks everything.
pub fn header(bytes: &[u8]) -> Result<Header, LoadError> {
    #[derive(serde::Deserialize)]
    struct File {
        format: u64,
        publication: String,
        date: Date,
        #[serde(default)]
        edition: Option<String>,
        pages: Count,
    }
    let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let body = &bytes[bom..];
    if body.trim_ascii().is_empty() {
        return Err(fail(Problem::Empty, JsonPath::root(), None, Vec::new()));
    }
    let file: File = serde_json::from_slice(body).map_err(|error| {
        let text = String::from_utf8_lossy(body);
        let position = (error.line() > 0)
            .then(|| locate::position_from_serde(&text, error.line(), error.column()));
        fail(classify(&error), JsonPath::root(), position, Vec::new())
    })?;
    let at = |field: &str| JsonPath::root().key(field);
    if file.format > FORMAT {
        return Err(fail(
            Problem::FormatTooNew { found: file.format },
            at("format"),
            None,
            Vec::new(),
        ));
    }
    if file.format != FORMAT {
        return Err(fail(
            Problem::FormatUnknown { found: file.format },
            at("format"),
            None,
            Vec::new(),
        ));
    }
    let mut publication = file.publication;
    let mut edition = file.edition;
    normalize::header_fields(&mut publication, &mut edition);
    if publication.is_empty() {
        let why = "name the paper, such as 人民日报";
        return Err(fail(
            Problem::Blank {
                field: "publication",
                why,
            },
            at("publication"),
            None,
            Vec::new(),
        ));
    }
    if file.pages.0 == 0 {
        return Err(fail(Problem::NoPages, at("pages"), None, Vec::new()));
    }
    Ok(Header {
        publication,
        date: file.date,
        edition,
        pages: file.pages.0,
    })
}
