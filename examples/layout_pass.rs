//! Lays out one of the benches' 1 MB corpora (`chinese`, `latin` or
//! `mixed`) a given number of times at width 60, as the layout bench
//! does, and prints the lines and the time a pass took. Made for counting:
//! the instructions of a pass are those of N+1 passes less those of N,
//! which leaves out building the corpus.
//!
//! ```sh
//! cargo build --release --example layout_pass
//! valgrind --tool=callgrind target/release/examples/layout_pass chinese 1
//! valgrind --tool=callgrind target/release/examples/layout_pass chinese 2
//! ```

use std::time::Instant;

use epaper::layout::{LayoutOptions, Line, Prepared, Scratch, lines_into};

#[path = "../benches/corpus.rs"]
mod corpus;

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "chinese".to_owned());
    let passes: u32 = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let input = match which.as_str() {
        "latin" => corpus::latin(1 << 20),
        "mixed" => corpus::mixed(1 << 20),
        _ => corpus::chinese(1 << 20),
    };
    let options = LayoutOptions::new(60);
    let mut scratch = Scratch::default();
    let mut lines: Vec<Line> = Vec::new();
    let mut count = 0;
    let start = Instant::now();
    for _ in 0..passes {
        for paragraph in &input {
            let prepared = Prepared::new(paragraph, options.punctuation);
            lines.clear();
            lines_into(&prepared, &options, &mut scratch, &mut lines);
            count += lines.len();
        }
    }
    let pass = start.elapsed() / passes.max(1);
    println!("{which}: {count} lines, {pass:?} a pass");
}
