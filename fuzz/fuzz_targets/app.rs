//! An issue (a sample, a hostile fixture, or the fuzzer's own bytes when
//! they load) and a stream of keys, resizes, wheel turns and clicks: after
//! each event the invariants hold, a frame draws without a control
//! character in any cell, and a re-layout keeps the top line
//! (tests/support/drive.rs, shared with the monkey test).

#![no_main]

use std::path::Path;
use std::sync::{Arc, OnceLock};

use arbitrary::Arbitrary;
use epaper::model::{self, Issue};
use epaper::samples::SAMPLES;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/drive.rs"]
mod drive;

#[derive(Debug, Arbitrary)]
enum Source {
    /// A sample or a hostile fixture, by index.
    Known(u8),
    /// Bytes that are read when they load as an issue.
    Bytes(Vec<u8>),
}

#[derive(Debug, Arbitrary)]
enum Event {
    Key(u8),
    Char(char),
    Resize(u16, u16),
    Wheel(u16, u16, bool),
    Click(u16, u16),
    Ambiguous(bool),
}

#[derive(Debug, Arbitrary)]
struct Input {
    source: Source,
    width: u16,
    height: u16,
    events: Vec<Event>,
}

/// The samples and every hostile fixture that loads.
fn known() -> &'static [Arc<Issue>] {
    static KNOWN: OnceLock<Vec<Arc<Issue>>> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let mut issues: Vec<Arc<Issue>> = SAMPLES
            .iter()
            .map(|s| Arc::new(model::load(s.bytes).expect("a sample loads").issue))
            .collect();
        let hostile = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/hostile");
        issues.extend(
            drive::hostile_issues(&hostile)
                .into_iter()
                .map(|(_, issue)| issue),
        );
        issues
    })
}

fn size(width: u16, height: u16) -> (u16, u16) {
    (1 + width % 300, 1 + height % 100)
}

fuzz_target!(|input: Input| {
    let known = known();
    let issue = match input.source {
        Source::Known(k) => Arc::clone(&known[usize::from(k) % known.len()]),
        Source::Bytes(bytes) => match model::load(&bytes) {
            Ok(loaded) => Arc::new(loaded.issue),
            Err(_) => Arc::clone(&known[0]),
        },
    };
    let (width, height) = size(input.width, input.height);
    let mut reader = drive::open(vec![("fuzz.json".to_owned(), issue)], width, height);
    for event in input.events.into_iter().take(300) {
        let event = match event {
            Event::Key(k) => drive::Event::Key(usize::from(k)),
            Event::Char(c) => drive::Event::Char(c),
            Event::Resize(w, h) => {
                let (width, height) = size(w, h);
                drive::Event::Resize { width, height }
            }
            Event::Wheel(x, y, down) => drive::Event::Wheel { x, y, down },
            Event::Click(x, y) => drive::Event::Click { x, y },
            Event::Ambiguous(wide) => drive::Event::Ambiguous(wide),
        };
        if let Err(broken) = drive::step(&mut reader, event) {
            panic!("{broken}");
        }
    }
});
