//! `epaper cat` on a 20 MB issue at width 60, reading and parsing the JSON
//! included, against the same job done with textwrap: load the issue the
//! same way, wrap every title and paragraph with textwrap's first-fit and
//! Unicode line breaking, and write the lines.

use std::hint::black_box;
use std::io::{self, Write};
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use epaper::commands::Source;
use epaper::commands::cat::{self, Selection};
use epaper::layout::LayoutOptions;
use epaper::model;
use textwrap::{WordSeparator, WrapAlgorithm};

#[path = "corpus.rs"]
mod corpus;

const WIDTH: usize = 60;

fn textwrap_cat(path: &PathBuf, out: &mut impl Write) -> io::Result<()> {
    let bytes = std::fs::read(path)?;
    let issue = model::load(&bytes).expect("the issue loads").issue;
    let title = textwrap::Options::new(WIDTH)
        .wrap_algorithm(WrapAlgorithm::FirstFit)
        .word_separator(WordSeparator::UnicodeBreakProperties);
    let body = title.clone().initial_indent("    ");
    for page in &issue.pages {
        writeln!(out, "第{}版：{}\n", page.label, page.name)?;
        for article in &page.articles {
            for line in textwrap::wrap(&article.title, &title) {
                writeln!(out, "{line}")?;
            }
            for paragraph in &article.paragraphs {
                writeln!(out)?;
                for line in textwrap::wrap(paragraph, &body) {
                    writeln!(out, "{line}")?;
                }
            }
            writeln!(out, "\n{}", "─".repeat(WIDTH))?;
        }
    }
    Ok(())
}

fn cat_20mb(c: &mut Criterion) {
    let json = corpus::issue_json(20 << 20);
    let path = std::env::temp_dir().join(format!("epaper-bench-{}.json", std::process::id()));
    std::fs::write(&path, &json).expect("the temporary issue is written");
    let mut group = c.benchmark_group("cat-20MB");
    group.throughput(Throughput::Bytes(json.len() as u64));
    group.sample_size(10);
    let source = Source::File(path.clone());
    let options = LayoutOptions::new(WIDTH);
    group.bench_function("epaper", |b| {
        b.iter(|| {
            cat::run(
                black_box(&source),
                &Selection::default(),
                &options,
                &mut io::sink(),
            )
        });
    });
    group.bench_function("textwrap", |b| {
        b.iter(|| textwrap_cat(black_box(&path), &mut io::sink()));
    });
    // The part of both that is loading: validation, parsing, normalising.
    group.bench_function("load-only", |b| {
        b.iter(|| model::load(black_box(&json)).map(|loaded| loaded.issue.pages.len()));
    });
    // The scan that estimates a large file's memory before parsing (run
    // on files over 32 MiB only).
    group.bench_function("size-estimate", |b| {
        b.iter(|| model::size::Shape::of(black_box(&json)).memory());
    });
    group.finish();
    let _ = std::fs::remove_file(&path);
}

criterion_group!(benches, cat_20mb);
criterion_main!(benches);
