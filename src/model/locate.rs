//! Finding places in the JSON text after serde has read it.
//!
//! serde reports line and column only for the errors it finds itself. Rules
//! checked after parsing (a duplicate label, a dangling `continues`) and the
//! unknown-field warnings know a JSON path instead; this module walks the
//! text once to turn paths into byte offsets, and offsets into positions.
//! It runs only when there is something to report, never on a clean load.

use std::collections::HashMap;

use super::diagnostic::{JsonPath, Position, Segment};

/// Where a value stands: the offset of its key (inside an object) and of
/// the value itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    pub key: Option<usize>,
    pub value: usize,
}

/// Finds each wanted path in one pass over `text`. Paths not present (or
/// text that stops being JSON before them) give `None`.
pub fn locate_all(text: &str, wanted: &[&JsonPath]) -> Vec<Option<Spot>> {
    let mut found = vec![None; wanted.len()];
    if wanted.is_empty() {
        return found;
    }
    let mut index: HashMap<&[Segment], Vec<usize>> = HashMap::new();
    for (i, path) in wanted.iter().enumerate() {
        index.entry(path.segments()).or_default().push(i);
    }
    let deepest = wanted.iter().map(|p| p.segments().len()).max().unwrap_or(0);
    let mut remaining = wanted.len();
    walk(text, |path, spot| {
        if path.len() <= deepest
            && let Some(slots) = index.get(path)
        {
            for &slot in slots {
                if found[slot].is_none() {
                    found[slot] = Some(spot);
                    remaining -= 1;
                }
            }
        }
        remaining > 0
    });
    found
}

enum Frame {
    Object,
    Array(usize),
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn skip_space(&mut self) -> Option<u8> {
        while let Some(&b) = self.bytes.get(self.at) {
            if matches!(b, b' ' | b'\t' | b'\n' | b'\r') {
                self.at += 1;
            } else {
                return Some(b);
            }
        }
        None
    }

    /// Skips a string starting at the opening quote; returns its raw body.
    fn string(&mut self) -> Option<&[u8]> {
        let start = self.at + 1;
        let mut i = start;
        while let Some(&b) = self.bytes.get(i) {
            match b {
                b'\\' => i += 2,
                b'"' => {
                    self.at = i + 1;
                    return self.bytes.get(start..i);
                }
                _ => i += 1,
            }
        }
        None
    }

    fn scalar(&mut self) {
        while let Some(&b) = self.bytes.get(self.at) {
            if matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r') {
                return;
            }
            self.at += 1;
        }
    }

    /// Reads `"key" :` and leaves the cursor on the value.
    fn key(&mut self) -> Option<(String, usize)> {
        let key_at = self.at;
        let raw = self.string()?;
        let key = if raw.contains(&b'\\') {
            let quoted = self.bytes.get(key_at..self.at)?;
            serde_json::from_slice::<String>(quoted).ok()?
        } else {
            String::from_utf8(raw.to_vec()).ok()?
        };
        if self.skip_space()? != b':' {
            return None;
        }
        self.at += 1;
        self.skip_space()?;
        Some((key, key_at))
    }
}

/// Calls `visit` with the path and spot of every value, in text order, until
/// it returns `false` or the text ends. Iterative, so no nesting depth can
/// exhaust the stack.
fn walk(text: &str, mut visit: impl FnMut(&[Segment], Spot) -> bool) {
    let mut cursor = Cursor {
        bytes: text.as_bytes(),
        at: 0,
    };
    let mut frames: Vec<Frame> = Vec::new();
    let mut path: Vec<Segment> = Vec::new();
    let mut key_at = None;
    if cursor.skip_space().is_none() {
        return;
    }
    'value: loop {
        // The cursor is on the first byte of a value.
        if !visit(
            &path,
            Spot {
                key: key_at.take(),
                value: cursor.at,
            },
        ) {
            return;
        }
        match cursor.bytes.get(cursor.at) {
            Some(b'{') => {
                cursor.at += 1;
                match cursor.skip_space() {
                    Some(b'}') => cursor.at += 1,
                    Some(b'"') => {
                        let Some((key, at)) = cursor.key() else {
                            return;
                        };
                        frames.push(Frame::Object);
                        path.push(Segment::Key(key));
                        key_at = Some(at);
                        continue 'value;
                    }
                    _ => return,
                }
            }
            Some(b'[') => {
                cursor.at += 1;
                match cursor.skip_space() {
                    Some(b']') => cursor.at += 1,
                    Some(_) => {
                        frames.push(Frame::Array(0));
                        path.push(Segment::Index(0));
                        continue 'value;
                    }
                    None => return,
                }
            }
            Some(b'"') => {
                if cursor.string().is_none() {
                    return;
                }
            }
            Some(_) => cursor.scalar(),
            None => return,
        }
        // A value has ended: go on to its next sibling or close containers.
        loop {
            let Some(frame) = frames.last_mut() else {
                return;
            };
            path.pop();
            let next = cursor.skip_space();
            match (frame, next) {
                (Frame::Object, Some(b',')) => {
                    cursor.at += 1;
                    if cursor.skip_space() != Some(b'"') {
                        return;
                    }
                    let Some((key, at)) = cursor.key() else {
                        return;
                    };
                    path.push(Segment::Key(key));
                    key_at = Some(at);
                    continue 'value;
                }
                (Frame::Array(index), Some(b',')) => {
                    cursor.at += 1;
                    *index += 1;
                    let index = *index;
                    if cursor.skip_space().is_none() {
                        return;
                    }
                    path.push(Segment::Index(index));
                    continue 'value;
                }
                (Frame::Object, Some(b'}')) | (Frame::Array(_), Some(b']')) => {
                    cursor.at += 1;
                    frames.pop();
                }
                _ => return,
            }
        }
    }
}

/// Line and character column of each byte offset, in one pass over the
/// text however many offsets there are (a minified file is one long line).
pub fn positions_at(text: &str, offsets: &[usize]) -> Vec<Position> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut positions = vec![Position { line: 1, column: 1 }; offsets.len()];
    // Where the scan is: its offset, line, and the column's count so far.
    let (mut scanned, mut line, mut column) = (0, 1, 1);
    for i in order {
        let offset = floor_char_boundary(text, offsets[i]);
        for c in text[scanned..offset].chars() {
            if c == '\n' {
                line += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        scanned = offset;
        positions[i] = Position { line, column };
    }
    positions
}

pub fn position_at(text: &str, offset: usize) -> Position {
    positions_at(text, &[offset])[0]
}

/// `serde_json` counts columns in bytes; editors and people count
/// characters. The byte column names the last byte serde consumed.
pub fn position_from_serde(text: &str, line: usize, byte_column: usize) -> Position {
    let line_text = text.split('\n').nth(line.saturating_sub(1)).unwrap_or("");
    let end = ceil_char_boundary(line_text, byte_column.min(line_text.len()));
    Position {
        line: line.max(1),
        column: line_text[..end].chars().count().max(1),
    }
}

/// Whether the text just before serde's error position is a `\\uXXXX`
/// escape of a UTF-16 surrogate, which serde reports only as a bad escape.
pub fn ends_in_lone_surrogate(text: &str, line: usize, byte_column: usize) -> bool {
    let Some(line_text) = text.split('\n').nth(line.saturating_sub(1)) else {
        return false;
    };
    let end = byte_column.min(line_text.len());
    let window = &line_text.as_bytes()[end.saturating_sub(13)..end];
    window.windows(6).any(|w| {
        w[0] == b'\\'
            && w[1] == b'u'
            && w[2].eq_ignore_ascii_case(&b'd')
            && matches!(w[3].to_ascii_lowercase(), b'8'..=b'9' | b'a'..=b'f')
            && w[4..].iter().all(u8::is_ascii_hexdigit)
    })
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(text: &str) -> JsonPath {
        let mut path = JsonPath::root();
        for part in text.split('.').filter(|p| !p.is_empty()) {
            match part.parse() {
                Ok(index) => path.push(Segment::Index(index)),
                Err(_) => path.push(Segment::Key(part.to_owned())),
            }
        }
        path
    }

    fn spot(text: &str, wanted: &str) -> Option<Spot> {
        locate_all(text, &[&path(wanted)])[0]
    }

    const DOC: &str = r#"{
  "pages": [
    {"label": "01", "articles": []},
    {"label": "02", "articles": [{"title": "标题", "x\"y": [1, {"z": null}]}]}
  ]
}"#;

    #[test]
    fn finds_values_and_keys_by_path() {
        let found = spot(DOC, "pages.1.label").unwrap();
        assert_eq!(&DOC[found.value..found.value + 4], "\"02\"");
        assert_eq!(
            &DOC[found.key.unwrap()..found.key.unwrap() + 7],
            "\"label\""
        );
        let title = spot(DOC, "pages.1.articles.0.title").unwrap();
        assert_eq!(
            position_at(DOC, title.value),
            Position {
                line: 4,
                column: 44
            }
        );
        let z = spot(DOC, "pages.1.articles.0.x\"y.1.z").unwrap();
        assert_eq!(&DOC[z.value..z.value + 4], "null");
        assert_eq!(spot(DOC, "").unwrap().value, 0);
        assert_eq!(
            spot(DOC, "pages.0.articles").map(|s| &DOC[s.value..s.value + 2]),
            Some("[]")
        );
        assert_eq!(spot(DOC, "pages.2"), None);
        assert_eq!(spot(DOC, "pages.0.articles.0"), None);
    }

    #[test]
    fn finds_many_paths_in_one_pass() {
        let wanted = [
            path("pages.1.label"),
            path("nothing"),
            path("pages.0.label"),
        ];
        let found = locate_all(DOC, &wanted.iter().collect::<Vec<_>>());
        assert!(found[0].is_some() && found[1].is_none() && found[2].is_some());
        assert!(found[2].unwrap().value < found[0].unwrap().value);
    }

    #[test]
    fn stops_quietly_on_broken_or_deep_text() {
        for text in [
            "",
            "{",
            "{\"a\"",
            "{\"a\":",
            "[1,",
            "[[[[[[",
            "\"abc",
            "{\"a\" 1}",
            "{,}",
        ] {
            assert_eq!(spot(text, "a.0"), None, "{text}");
        }
        let deep = "[".repeat(100_000);
        assert_eq!(spot(&deep, "0.0.0").map(|s| s.value), Some(3));
    }

    #[test]
    fn positions_count_characters() {
        let text = "ab\n中文x\n";
        assert_eq!(position_at(text, 0), Position { line: 1, column: 1 });
        assert_eq!(position_at(text, 3), Position { line: 2, column: 1 });
        assert_eq!(position_at(text, 9), Position { line: 2, column: 3 });
        assert_eq!(position_at(text, 4), Position { line: 2, column: 1 });
        assert_eq!(
            position_from_serde(text, 2, 6),
            Position { line: 2, column: 2 }
        );
        assert_eq!(
            position_from_serde(text, 2, 5),
            Position { line: 2, column: 2 }
        );
        assert_eq!(
            position_from_serde(text, 9, 5),
            Position { line: 9, column: 1 }
        );
    }
}
