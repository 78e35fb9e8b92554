//! The library: listing 3,000 issues (ten years of a daily) the first time
//! (every header read) and then (from the index); and searching a 20 MB
//! issue.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use epaper::library::Library;
use epaper::library::search::{Query, search};
use epaper::model;

#[path = "corpus.rs"]
mod corpus;

/// 3,000 issue files of about 60 KB, a daily from 2016 on, in folders by
/// year as people keep them.
fn shelf() -> PathBuf {
    let root = std::env::temp_dir().join(format!("epaper-bench-shelf-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let template = corpus::issue_json(60 << 10);
    let text = String::from_utf8(template).unwrap();
    let mut date = model::Date::new(2016, 1, 1).unwrap();
    for i in 0..3000 {
        let file = root
            .join(date.year().to_string())
            .join(format!("nmgrb-{date}.json"));
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(
            &file,
            text.replacen("\"2021-11-05\"", &format!("\"{date}\""), 1),
        )
        .unwrap();
        date = next_day(date);
        assert!(i < 3000);
    }
    root
}

fn next_day(date: model::Date) -> model::Date {
    model::Date::new(date.year(), date.month(), date.day() + 1)
        .or_else(|| model::Date::new(date.year(), date.month() + 1, 1))
        .or_else(|| model::Date::new(date.year() + 1, 1, 1))
        .unwrap()
}

fn list_3000(c: &mut Criterion) {
    let root = shelf();
    let cache = root.with_extension("index.json");
    let mut group = c.benchmark_group("list-3000-issues");
    group.sample_size(10);
    group.bench_function("first-time-no-index", |b| {
        b.iter_custom(|iterations| {
            let mut total = Duration::ZERO;
            for _ in 0..iterations {
                let _ = std::fs::remove_file(&cache);
                let start = Instant::now();
                let library = Library::scan(black_box(&root), Some(&cache)).unwrap();
                total += start.elapsed();
                assert_eq!(library.publications[0].issues.len(), 3000);
            }
            total
        });
    });
    Library::scan(&root, Some(&cache)).unwrap();
    group.bench_function("from-the-index", |b| {
        b.iter(|| {
            Library::scan(black_box(&root), Some(&cache))
                .unwrap()
                .entries
                .len()
        });
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&root);
    let _ = std::fs::remove_file(&cache);
}

fn search_20mb(c: &mut Criterion) {
    let json = corpus::issue_json(20 << 20);
    let issue = model::load(&json).unwrap().issue;
    let mut group = c.benchmark_group("search-20MB-issue");
    group.throughput(criterion::Throughput::Bytes(json.len() as u64));
    // A word found in one paragraph of the corpus: every byte is searched.
    let rare = Query::new("磅礴力量").unwrap();
    group.bench_function("rare-word", |b| {
        b.iter(|| search(black_box(&issue), &rare, 500).len());
    });
    // Latin, any case, full-width forms folded: still every byte.
    let latin = Query::new("ＲＵＳＴ").unwrap();
    group.bench_function("latin-word-folded", |b| {
        b.iter(|| search(black_box(&issue), &latin, 500).len());
    });
    group.finish();
}

criterion_group!(benches, list_3000, search_20mb);
criterion_main!(benches);
