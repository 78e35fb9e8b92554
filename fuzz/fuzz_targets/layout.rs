//! Any text, width and options: the layout engine keeps its guarantees
//! (tests/support/layout_guarantees.rs), the same checks the property
//! tests make.

#![no_main]

use arbitrary::Arbitrary;
use epaper::layout::{Ambiguous, LayoutOptions, Punctuation};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/layout_guarantees.rs"]
mod guarantees;

#[derive(Debug, Arbitrary)]
struct Input {
    width: u8,
    wide: bool,
    indent: u8,
    hanging: bool,
    original: bool,
    text: String,
}

fuzz_target!(|input: Input| {
    let options = LayoutOptions::new(usize::from(input.width % 120) + 1)
        .ambiguous(if input.wide {
            Ambiguous::Wide
        } else {
            Ambiguous::Narrow
        })
        .indent(usize::from(input.indent % 7))
        .hanging(input.hanging)
        .punctuation(if input.original {
            Punctuation::Original
        } else {
            Punctuation::FullWidth
        });
    if let Err(broken) = guarantees::all(&input.text, &options) {
        panic!("{broken}\ntext: {:?}\noptions: {options:?}", input.text);
    }
});
