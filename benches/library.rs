//! The library: listing 3,000 issues (ten years of a daily) the first time
//! (every header read) and then (from the index); searching a 20 MB
//! issue; and searching libraries of 300, 3,000 and 10,000 issues, with
//! the search index cold (built as it searches) and warm, without it, and
//! ripgrep (`rg -l`) and `epaper search` on the same files.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use epaper::library::Library;
use epaper::library::fulltext::{Event, Index, search_library};
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

/// A word of three rare hanzi for issue `n`, its digits in base 64: each
/// issue has its own, and each pair of its characters is shared by 64.
fn marker(n: usize) -> String {
    const RARE: [char; 64] = [
        '鲲', '鹏', '鹍', '鹓', '鹔', '鹴', '鹡', '鸰', '鹣', '鹩', '鹪', '鹫', '鹬', '鹭', '鹮',
        '鹯', '鹲', '鹳', '麂', '麇', '麈', '麋', '麝', '麟', '黉', '黍', '黢', '黩', '黪', '黯',
        '鼋', '鼍', '鼗', '鼙', '鼹', '齁', '齑', '齮', '龃', '龉', '龊', '龌', '龠', '夔', '犴',
        '犼', '狴', '狻', '猊', '猞', '猁', '猃', '猗', '猱', '獍', '獬', '獯', '獾', '玃', '瑀',
        '瑄', '瑗', '瑭', '瑾',
    ];
    [n / 4096 % 64, n / 64 % 64, n % 64]
        .iter()
        .map(|&d| RARE[d])
        .collect()
}

/// `count` issue files of about 60 KB, each with its own [`marker`].
fn shelf_of(count: usize) -> PathBuf {
    let root = std::env::temp_dir().join(format!(
        "epaper-bench-library-{count}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&root);
    let text = String::from_utf8(corpus::issue_json(60 << 10)).unwrap();
    let mut date = model::Date::new(1990, 1, 1).unwrap();
    for n in 0..count {
        let file = root
            .join(date.year().to_string())
            .join(format!("nmgrb-{date}.json"));
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        let body = text
            .replacen("\"2021-11-05\"", &format!("\"{date}\""), 1)
            .replacen("党委", &format!("{}党委", marker(n)), 1);
        std::fs::write(&file, body).unwrap();
        // Old enough that the index keeps its filter.
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(std::time::SystemTime::now() - Duration::from_secs(3600))
            .unwrap();
        date = next_day(date);
    }
    root
}

/// Runs a command to its end, its output thrown away.
fn run(command: &mut std::process::Command) {
    let status = command
        .stdout(std::process::Stdio::null())
        .status()
        .expect("the command runs");
    assert!(
        status.code().is_some_and(|c| c <= 1),
        "{command:?}: {status}"
    );
}

fn has_ripgrep() -> bool {
    std::process::Command::new("rg")
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn search_libraries(c: &mut Criterion) {
    for count in [300, 3000, 10_000] {
        let root = shelf_of(count);
        let cache_home = root.with_extension("cache");
        let index = Index::new(cache_home.join("epaper/search"));
        let library = Library::scan(&root, None).unwrap();
        let targets: Vec<_> = library
            .newest_first()
            .into_iter()
            .filter_map(|e| library.target(e))
            .collect();
        let rare_word = marker(count / 3);
        let rare = Query::new(&rare_word).unwrap();
        let common = Query::new("党委").unwrap();
        let stop = std::sync::atomic::AtomicBool::new(false);
        let find = |query: &Query, index: Option<&Index>, limit: usize| {
            let mut articles = 0;
            search_library(&targets, query, index, limit, &stop, &mut |event| {
                if let Event::Found(found) = event {
                    articles += found.len();
                }
            });
            articles
        };
        let mut group = c.benchmark_group(format!("search-{count}-issues"));
        group.sample_size(10);
        group.bench_function("index-cold-rare", |b| {
            b.iter_custom(|iterations| {
                let mut total = Duration::ZERO;
                for _ in 0..iterations {
                    let _ = std::fs::remove_dir_all(index.dir());
                    let start = Instant::now();
                    assert_eq!(find(&rare, Some(&index), usize::MAX), 1);
                    total += start.elapsed();
                }
                total
            });
        });
        let _ = std::fs::remove_dir_all(index.dir());
        find(&rare, Some(&index), usize::MAX);
        group.bench_function("index-warm-rare", |b| {
            b.iter(|| assert_eq!(find(&rare, Some(&index), usize::MAX), 1));
        });
        group.bench_function("index-warm-common-first-2000", |b| {
            b.iter(|| find(&common, Some(&index), 2000));
        });
        group.bench_function("index-warm-common-all", |b| {
            b.iter(|| find(&common, Some(&index), usize::MAX));
        });
        group.bench_function("no-index-rare", |b| {
            b.iter(|| assert_eq!(find(&rare, None, usize::MAX), 1));
        });
        let epaper = |word: &str| {
            let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_epaper"));
            command
                .args(["search", word])
                .arg(&root)
                .env("XDG_CACHE_HOME", &cache_home);
            command
        };
        group.bench_function("epaper-search-warm-rare", |b| {
            b.iter(|| run(&mut epaper(&rare_word)));
        });
        if has_ripgrep() {
            let rg = |word: &str| {
                let mut command = std::process::Command::new("rg");
                command.args(["-l", "-F", word]).arg(&root);
                command
            };
            group.bench_function("rg-l-rare", |b| b.iter(|| run(&mut rg(&rare_word))));
            group.bench_function("rg-l-common", |b| b.iter(|| run(&mut rg("党委"))));
        } else {
            eprintln!("ripgrep (rg) is not installed: its figures are left out");
        }
        group.finish();
        let _ = std::fs::remove_dir_all(&root);
        let _ = std::fs::remove_dir_all(&cache_home);
    }
}

criterion_group!(benches, list_3000, search_20mb, search_libraries);
criterion_main!(benches);
