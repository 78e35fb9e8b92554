//! The layout engine against the anchors, on the same input at width 60:
//! textwrap 0.16's first-fit with Unicode line breaking, and ratatui's own
//! wrapping (`Paragraph::line_count`). Then the engine alone on inputs from
//! 1 KB to 4 MB, to show its time grows linearly, and on 1 MiB paragraphs
//! built to be worst cases, which should cost about what ordinary text does.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use epaper::layout::{LayoutOptions, Line, Prepared, Scratch, lines_into};
use ratatui::widgets::{Paragraph, Wrap};
use textwrap::{WordSeparator, WrapAlgorithm};

#[path = "corpus.rs"]
mod corpus;

const WIDTH: usize = 60;
const WIDTH_CELLS: u16 = 60;

fn epaper(paragraphs: &[String]) -> usize {
    let options = LayoutOptions::new(WIDTH);
    let mut scratch = Scratch::default();
    let mut lines: Vec<Line> = Vec::new();
    let mut count = 0;
    for paragraph in paragraphs {
        let prepared = Prepared::new(paragraph, options.punctuation);
        lines.clear();
        lines_into(&prepared, &options, &mut scratch, &mut lines);
        count += lines.len();
    }
    count
}

fn textwrap_first_fit(paragraphs: &[String]) -> usize {
    let options = textwrap::Options::new(WIDTH)
        .wrap_algorithm(WrapAlgorithm::FirstFit)
        .word_separator(WordSeparator::UnicodeBreakProperties);
    paragraphs
        .iter()
        .map(|p| textwrap::wrap(p, &options).len())
        .sum()
}

fn ratatui_line_count(paragraphs: &[String]) -> usize {
    paragraphs
        .iter()
        .map(|p| {
            Paragraph::new(p.as_str())
                .wrap(Wrap { trim: false })
                .line_count(WIDTH_CELLS)
        })
        .sum()
}

fn anchors(c: &mut Criterion) {
    for (name, input) in [
        ("chinese", corpus::chinese(1 << 20)),
        ("latin", corpus::latin(1 << 20)),
        ("mixed", corpus::mixed(1 << 20)),
    ] {
        let mut group = c.benchmark_group(format!("wrap-1MB-{name}"));
        group.throughput(Throughput::Bytes(corpus::size(&input)));
        group.sample_size(20);
        group.bench_function("epaper", |b| b.iter(|| epaper(black_box(&input))));
        group.bench_function("textwrap-firstfit", |b| {
            b.iter(|| textwrap_first_fit(black_box(&input)));
        });
        group.bench_function("ratatui-line_count", |b| {
            b.iter(|| ratatui_line_count(black_box(&input)));
        });
        group.finish();
    }
}

fn growth(c: &mut Criterion) {
    let mut group = c.benchmark_group("growth-chinese");
    group.sample_size(20);
    for kib in [1, 16, 256, 1024, 4096] {
        // One paragraph of that size: the growth of a single layout.
        let paragraph = corpus::chinese(kib << 10).concat();
        group.throughput(Throughput::Bytes(paragraph.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{kib}KiB")),
            &paragraph,
            |b, p| {
                b.iter(|| epaper(std::slice::from_ref(black_box(p))));
            },
        );
    }
    group.finish();
}

/// One paragraph of about `bytes` bytes repeating `unit`.
fn repeated(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len())
}

fn hostile(c: &mut Criterion) {
    const SIZE: usize = 1 << 20;
    let mut group = c.benchmark_group("hostile-1MiB");
    group.sample_size(10);
    for (name, paragraph) in [
        ("ordinary", corpus::chinese(SIZE).concat()),
        // One URL that never ends, full of brackets to balance.
        (
            "url-brackets",
            format!("https://{}", repeated("a(b)[c]", SIZE)),
        ),
        // No break anywhere: one number.
        ("one-number", repeated("1234567890", SIZE)),
        // Every character forbidden at a line start.
        ("closing-marks", repeated("。", SIZE)),
        // Every character forbidden at a line end.
        ("opening-marks", repeated("（", SIZE)),
        // One base letter carrying every mark.
        ("combining", format!("a{}", repeated("\u{301}", SIZE))),
        // Control bytes, each shown as a picture.
        ("controls", repeated("\u{1b}[2J", SIZE)),
    ] {
        group.throughput(Throughput::Bytes(paragraph.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), &paragraph, |b, p| {
            b.iter(|| epaper(std::slice::from_ref(black_box(p))));
        });
    }
    group.finish();
}

criterion_group!(benches, anchors, growth, hostile);
criterion_main!(benches);
