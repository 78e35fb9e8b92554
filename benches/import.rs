//! Import: a large Founder-style issue (24 pages of 30 articles, each of
//! ten paragraphs, about 6 MB of HTML) parsed and assembled, and the same
//! split into parsing (html5ever and the selectors) and assembly.

use std::fmt::Write;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use epaper::import::assemble::{Given, Source};
use epaper::import::{Document, assemble};

#[path = "../tests/support/slow_pages.rs"]
mod slow_pages;

const PAGES: usize = 24;
const ARTICLES: usize = 30;

fn paragraph(seed: usize) -> String {
    let words = [
        "春耕备耕全面展开，",
        "农机手下田作业，",
        "据统计，截至3月13日，",
        "全市已完成春耕面积38.6万亩，",
        "占计划的42%。",
    ];
    (0..12).map(|i| words[(seed + i) % words.len()]).collect()
}

/// The site's documents: page files with page list and headlines, and
/// article files with founder tags.
fn site() -> Vec<Document> {
    let mut list = String::new();
    for p in 1..=PAGES {
        let _ = writeln!(
            list,
            "<TR><TD class=default><a id=pageLink href=node_{p}.htm>第{p:02}版：要闻</a></TD></TR>"
        );
    }
    let mut documents = Vec::new();
    for p in 1..=PAGES {
        let mut headlines = String::new();
        for a in 1..=ARTICLES {
            let _ = writeln!(
                headlines,
                "<LI><a href=content_{p}_{a}.htm><div id=mp{a}>第{p}版第{a}篇的标题</div></a></LI>"
            );
        }
        let page = format!(
            "<HTML><HEAD><META http-equiv=Content-Type content=\"text/html; charset=utf-8\"><TITLE>江城日报数字报</TITLE></HEAD><BODY>\
             <TD class=px12>2025年3月14日 星期五</TD><TABLE>{list}</TABLE><UL class=main-ed-articlenav-list>{headlines}</UL></BODY></HTML>"
        );
        documents.push(Document {
            location: format!("jcrb/html/2025-03/14/node_{p}.htm"),
            bytes: page.into_bytes(),
            content_type: None,
        });
        for a in 1..=ARTICLES {
            let mut body = String::new();
            for i in 0..10 {
                let _ = writeln!(body, "<P>　　{}</P>", paragraph(p * a + i));
            }
            let article = format!(
                "<HTML><HEAD><META http-equiv=Content-Type content=\"text/html; charset=utf-8\"></HEAD><BODY>\
                 <founder-title>第{p}版第{a}篇的标题</founder-title><founder-author>本报记者 林晓</founder-author>\
                 <founder-content>{body}</founder-content></BODY></HTML>"
            );
            documents.push(Document {
                location: format!("jcrb/html/2025-03/14/content_{p}_{a}.htm"),
                bytes: article.into_bytes(),
                content_type: None,
            });
        }
    }
    documents
}

fn parse(documents: &[Document]) -> Vec<Source> {
    documents
        .iter()
        .map(|d| Source {
            key: d.key(),
            parsed: d.parse(epaper::import::Profiles::builtin()),
        })
        .collect()
}

fn import(c: &mut Criterion) {
    let documents = site();
    let bytes: usize = documents.iter().map(|d| d.bytes.len()).sum();
    eprintln!("{} documents, {bytes} bytes", documents.len());
    let sources = parse(&documents);
    let imported = assemble(&sources, &Given::default()).expect("the site assembles");
    // Every headline found on its page and filled by its article.
    assert!(
        imported.notes.is_empty(),
        "{:?}",
        &imported.notes[..3.min(imported.notes.len())]
    );
    assert!(
        imported
            .issue
            .pages
            .iter()
            .all(|p| p.articles.len() == ARTICLES)
    );
    let mut group = c.benchmark_group("import-720-articles");
    group.sample_size(10);
    group.bench_function("parse-and-assemble", |b| {
        b.iter(|| assemble(&parse(black_box(&documents)), &Given::default()).unwrap());
    });
    group.bench_function("parse", |b| b.iter(|| parse(black_box(&documents))));
    group.bench_function("assemble", |b| {
        b.iter(|| assemble(black_box(&sources), &Given::default()).unwrap());
    });
    group.finish();
}

/// Each real page of ../shared/real-pages (read in place, not copied),
/// parsed and assembled with the built-in profiles, and with none (the
/// generic extractor alone). Skipped when the folder is absent.
fn real_pages(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-pages");
    let mut paths = Vec::new();
    let mut stack = vec![dir.clone()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "htm" || e == "html") {
                paths.push(path);
            }
        }
    }
    if paths.is_empty() {
        eprintln!("skipped: no real pages at {}", dir.display());
        return;
    }
    paths.sort();
    let none = epaper::import::Profiles::none();
    let mut group = c.benchmark_group("real-page");
    for path in paths {
        let name = path
            .strip_prefix(&dir)
            .ok()
            .and_then(|p| p.components().next())
            .map_or_else(String::new, |c| {
                c.as_os_str().to_string_lossy().into_owned()
            });
        let document = Document {
            location: path.display().to_string(),
            bytes: std::fs::read(&path).expect("a real page"),
            content_type: None,
        };
        for (which, profiles) in [
            ("profiles", epaper::import::Profiles::builtin()),
            ("generic", &none),
        ] {
            group.bench_function(format!("{name}/{which}"), |b| {
                b.iter(|| {
                    let source = Source {
                        key: document.key(),
                        parsed: black_box(&document).parse(profiles),
                    };
                    assemble(&[source], &Given::default()).unwrap()
                });
            });
        }
    }
    group.finish();
}

/// Pages of 1 MiB built to be slow (tests/support/slow_pages.rs), each
/// parsed and assembled as `epaper import` would.
fn slow_pages(c: &mut Criterion) {
    let mut group = c.benchmark_group("slow-page");
    group.sample_size(10);
    let given = Given {
        publication: Some("测试报".to_owned()),
        date: epaper::model::Date::new(2025, 1, 1),
        source: None,
    };
    for (shape, page) in slow_pages::pages(1024 * 1024) {
        let document = Document {
            location: "node_1.htm".to_owned(),
            bytes: page.into_bytes(),
            content_type: Some("utf-8".to_owned()),
        };
        group.bench_function(shape, |b| {
            b.iter(|| {
                let source = Source {
                    key: document.key(),
                    parsed: black_box(&document).parse(epaper::import::Profiles::builtin()),
                };
                assemble(&[source], &given).ok()
            });
        });
    }
    group.finish();
}

criterion_group!(benches, import, real_pages, slow_pages);
criterion_main!(benches);
