//! The monkey test: 100,000 random keys, resizes (1×1 to 300×100), wheel
//! turns and clicks against `update` and `render`, on the sample issues
//! and on every hostile file that loads (tests/fixtures/hostile/). After
//! each event the state is checked and a frame drawn
//! (tests/support/drive.rs). The events come from a fixed seed, so a
//! failure names the event that broke, and the same run repeats it.

use std::path::Path;
use std::sync::Arc;

use epaper::model::{self, Issue};
use epaper::samples::SAMPLES;

#[path = "support/drive.rs"]
mod drive;

use drive::Event;
use proptest::prelude::*;

/// SplitMix64: a small, fixed sequence of random numbers.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u16) -> u16 {
        u16::try_from(self.next() % u64::from(n.max(1))).unwrap_or(0)
    }

    fn size(&mut self) -> (u16, u16) {
        // Mostly sizes a reader is used at, sometimes any size at all.
        if self.below(4) == 0 {
            (1 + self.below(300), 1 + self.below(100))
        } else {
            (40 + self.below(261), 10 + self.below(91))
        }
    }

    fn event(&mut self, size: (u16, u16)) -> Event {
        let (width, height) = size;
        match self.below(100) {
            0..=79 => Event::Key(usize::from(self.below(u16::MAX))),
            80..=84 => {
                let (width, height) = self.size();
                Event::Resize { width, height }
            }
            85..=89 => Event::Wheel {
                x: self.below(width),
                y: self.below(height),
                down: self.below(2) == 0,
            },
            90..=95 => Event::Click {
                x: self.below(width),
                y: self.below(height),
            },
            96..=97 => Event::Ambiguous(self.below(2) == 0),
            _ => Event::Char(
                char::from_u32(u32::try_from(self.next() % 0x3_0000).unwrap_or(0)).unwrap_or('中'),
            ),
        }
    }
}

/// The issues the monkey reads: the samples, and each hostile file that
/// loads.
fn shelves() -> Vec<Vec<(String, Arc<Issue>)>> {
    let samples = SAMPLES
        .iter()
        .map(|s| {
            (
                s.name.to_owned(),
                Arc::new(model::load(s.bytes).unwrap().issue),
            )
        })
        .collect();
    let mut shelves = vec![samples];
    let hostile = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    shelves.extend(
        drive::hostile_issues(&hostile)
            .into_iter()
            .map(|issue| vec![issue]),
    );
    shelves
}

const EVENTS: usize = 100_000;

#[test]
fn a_hundred_thousand_random_events_break_nothing() {
    let shelves = shelves();
    let mut random = Random(0x6570_6170_6572);
    let per_shelf = EVENTS / shelves.len();
    let mut done = 0;
    for shelf in shelves {
        let names: Vec<String> = shelf.iter().map(|(name, _)| name.clone()).collect();
        let size = random.size();
        let mut reader = drive::open(shelf, size.0, size.1);
        for n in 0..per_shelf {
            let event = random.event(reader.state.size());
            if let Err(broken) = drive::step(&mut reader, event) {
                panic!("{names:?}, event {n}: {broken}");
            }
            done += 1;
        }
    }
    assert!(done >= EVENTS - 100, "{done} events");
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        8 => any::<usize>().prop_map(Event::Key),
        1 => any::<char>().prop_map(Event::Char),
        1 => (1u16..=300, 1u16..=100).prop_map(|(width, height)| Event::Resize { width, height }),
        1 => (any::<u16>(), any::<u16>(), any::<bool>()).prop_map(|(x, y, down)| Event::Wheel { x, y, down }),
        1 => (any::<u16>(), any::<u16>()).prop_map(|(x, y)| Event::Click { x, y }),
        1 => any::<bool>().prop_map(Event::Ambiguous),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The same checks as the monkey's, on short runs that proptest
    /// shrinks to the fewest events that break something.
    #[test]
    fn any_events_on_any_shelf_break_nothing(
        shelf in any::<prop::sample::Index>(),
        width in 1u16..=300,
        height in 1u16..=100,
        events in proptest::collection::vec(event(), 1..80),
    ) {
        let mut shelves = shelves();
        let shelf = shelves.swap_remove(shelf.index(shelves.len()));
        let mut reader = drive::open(shelf, width, height);
        for event in events {
            let stepped = drive::step(&mut reader, event);
            prop_assert!(stepped.is_ok(), "{}", stepped.unwrap_err());
        }
    }
}
