//! Import: a large Founder-style issue (24 pages of 30 articles, each of
//! ten paragraphs, about 6 MB of HTML) parsed and assembled, and the same
//! split into parsing (html5ever and the selectors) and assembly.

use std::fmt::Write;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use epaper::import::assemble::{Given, Source};
use epaper::import::{Document, assemble};

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
    let issue = assemble(&sources, &Given::default())
        .expect("the site assembles")
        .issue;
    assert_eq!(issue.article_count(), PAGES * ARTICLES);
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

criterion_group!(benches, import);
criterion_main!(benches);
