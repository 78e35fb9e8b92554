//! How much memory an issue file would take once loaded, estimated from
//! its bytes before it is parsed, so that a file built to exhaust memory
//! is refused up front instead of ending in an out-of-memory kill.
//!
//! Text costs about its own size. What can cost many times its size is
//! structure: a minimal article, `{"title":"a"}`, is 13 bytes of JSON and
//! about 290 bytes loaded (measured: 2,000,000 of them, 28 MB of JSON,
//! peak 578 MB). So the estimate counts objects and strings, outside
//! strings, and charges each what it costs at most; and every comma, since
//! an array's numbers (an article's areas) cost up to 16 bytes each loaded
//! for the two (`1,`) they take in the file.

/// The largest issue file epaper reads: some fifty times the largest real
/// daily, and a fraction of what one loaded may take ([`MAX_MEMORY`]).
/// What import and fetch write is held to it too.
pub const MAX_FILE: u64 = 256 << 20;

/// The most memory an issue may take loaded, by the estimate.
pub const MAX_MEMORY: usize = 1 << 30;

/// Files up to this size cannot reach [`MAX_MEMORY`] however they are
/// built (13 bytes an article at 320 bytes each is under 25 times), so
/// they are not scanned.
const SCAN_ABOVE: usize = MAX_MEMORY / 32;

/// The most an object (an article, with its fields) costs loaded.
const PER_OBJECT: usize = 320;
/// The most a string costs beyond its text: its `String` and allocation.
const PER_STRING: usize = 48;
/// The most an element of an array costs beyond its text: a number's
/// eight bytes, twice over while its `Vec` grows.
const PER_ELEMENT: usize = 16;

/// What a file holds, for the estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub bytes: usize,
    pub objects: usize,
    pub strings: usize,
    /// Commas: one for each element after an array's or object's first
    /// (and any in strings, which errs towards refusing).
    pub commas: usize,
}

impl Shape {
    /// Counts the objects and strings of JSON `text`, skipping what is
    /// inside strings. Malformed JSON is counted as far as it goes: the
    /// parser reports it.
    pub fn of(text: &[u8]) -> Shape {
        let mut shape = Shape {
            bytes: text.len(),
            objects: 0,
            strings: 0,
            commas: 0,
        };
        // Every comma, inside strings too (Chinese text uses ，): counted
        // apart, as a plain loop the compiler vectorises, so that a file
        // dense with them is scanned as fast as any other.
        shape.commas = text
            .chunks(255)
            .map(|chunk| {
                let commas = chunk.iter().fold(0u8, |n, &b| n + u8::from(b == b','));
                usize::from(commas)
            })
            .sum();
        let mut at = 0;
        while let Some(found) = memchr::memchr2(b'"', b'{', &text[at..]) {
            at += found + 1;
            if text[at - 1] == b'{' {
                shape.objects += 1;
                continue;
            }
            shape.strings += 1;
            // To the closing quote, passing escaped characters.
            loop {
                let Some(found) = memchr::memchr2(b'"', b'\\', &text[at..]) else {
                    return shape;
                };
                at += found + 1;
                if text[at - 1] == b'"' {
                    break;
                }
                at += 1;
                if at >= text.len() {
                    return shape;
                }
            }
        }
        shape
    }

    /// The estimate: the file's bytes and the text copied out of them, and
    /// the most each object and string costs.
    pub fn memory(&self) -> usize {
        self.bytes
            .saturating_mul(2)
            .saturating_add(self.objects.saturating_mul(PER_OBJECT))
            .saturating_add(self.strings.saturating_mul(PER_STRING))
            .saturating_add(self.commas.saturating_mul(PER_ELEMENT))
    }
}

/// The shape of `text` when it could take more than [`MAX_MEMORY`] loaded.
pub fn too_large(text: &[u8]) -> Option<Shape> {
    if text.len() <= SCAN_ABOVE {
        return None;
    }
    let shape = Shape::of(text);
    (shape.memory() > MAX_MEMORY).then_some(shape)
}

/// A number of bytes as people read it: `512 B`, `3.5 KiB`, `1 GiB`.
pub fn in_words(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes;
    let mut unit = 0;
    while value >= 1024 * 1024 && unit + 2 < UNITS.len() {
        value /= 1024;
        unit += 1;
    }
    if value < 1024 {
        return format!("{value} {}", UNITS[unit]);
    }
    // One decimal, from integers: tenths of the next unit.
    let tenths = (value * 10 + 512) / 1024;
    match tenths % 10 {
        0 => format!("{} {}", tenths / 10, UNITS[unit + 1]),
        tenth => format!("{}.{tenth} {}", tenths / 10, UNITS[unit + 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_and_strings_are_counted_outside_strings_only_commas_everywhere() {
        let shape = Shape::of(br#"{"a": "{\"}{,", "b": [{}, {"c": "\\"}], "d": 1}"#);
        assert_eq!((shape.objects, shape.strings, shape.commas), (3, 6, 4));
    }

    #[test]
    fn an_unterminated_string_ends_the_count() {
        assert_eq!(Shape::of(br#"{"a": "\"#).strings, 2);
        assert_eq!(Shape::of(br#"{"a"#).strings, 1);
    }

    #[test]
    fn dense_structure_is_refused_and_plain_text_is_not() {
        let article = br#"{"title":"a"},"#;
        let dense: Vec<u8> = article.repeat(2 * SCAN_ABOVE / article.len());
        let shape = too_large(&dense).expect("dense articles are too large");
        assert!(shape.memory() > MAX_MEMORY);
        let mut text = b"{\"p\": [\"".to_vec();
        text.resize(SCAN_ABOVE * 4, b'a');
        text.extend_from_slice(b"\"]}");
        assert_eq!(too_large(&text), None);
    }

    /// Numbers cost four to eight times their two bytes loaded: a file
    /// of little but numbers is refused as dense structure is.
    #[test]
    fn dense_numbers_are_refused() {
        let mut areas = br#"{"areas": [["#.to_vec();
        areas.extend(b"1,".repeat(SCAN_ABOVE * 2));
        areas.extend_from_slice(b"1]]}");
        let shape = too_large(&areas).expect("numbers are charged");
        assert!(shape.commas >= SCAN_ABOVE * 2);
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(in_words(512), "512 B");
        assert_eq!(in_words(1536), "1.5 KiB");
        assert_eq!(in_words(256 << 20), "256 MiB");
        assert_eq!(in_words(1 << 30), "1 GiB");
        assert_eq!(in_words((1 << 30) + (1 << 29)), "1.5 GiB");
    }
}
