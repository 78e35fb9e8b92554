//! Saved pages as `import` reads them: any bytes, split into up to four
//! documents (a page, its articles) with names the sites use, parsed as
//! HTML or as a capture, and assembled. Never a panic; what assembles is
//! an issue the loader accepts.

#![no_main]

use epaper::import::assemble::{Given, Source};
use epaper::import::{Document, assemble};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 4] = [
    "jcrb/html/2025-03/14/node_1.htm",
    "jcrb/html/2025-03/14/node_2.htm",
    "jcrb/html/2025-03/14/content_1_1.htm",
    "jcrb/html/2025-03/14/content_2_1.htm",
];

fuzz_target!(|bytes: &[u8]| {
    // Documents are separated by a NUL byte.
    let sources: Vec<Source> = bytes
        .split(|&b| b == 0)
        .take(NAMES.len())
        .zip(NAMES)
        .map(|(part, name)| {
            let document = Document {
                location: name.to_owned(),
                bytes: part.to_vec(),
                content_type: None,
            };
            Source {
                key: document.key(),
                parsed: document.parse(epaper::import::Profiles::builtin()),
            }
        })
        .collect();
    let given = Given {
        publication: Some("江城日报".to_owned()),
        date: epaper::model::Date::new(2025, 3, 14),
        source: None,
    };
    if let Ok(imported) = assemble(&sources, &given) {
        assert!(
            epaper::model::load(&imported.json).is_ok(),
            "import wrote an issue the loader refuses"
        );
    }
});
