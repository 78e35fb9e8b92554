//! Inputs the benches share: Chinese news prose from the two samples, the
//! guide's English page, and its mixed Chinese and Latin pages, each
//! repeated to the size asked for.

#![allow(dead_code)] // each bench uses a part

use epaper::model::{self, Issue};
use epaper::samples::SAMPLES;

fn sample(prefix: &str) -> Issue {
    let sample = SAMPLES
        .iter()
        .find(|s| s.name.starts_with(prefix))
        .expect("a sample");
    model::load(sample.bytes).expect("the samples load").issue
}

fn paragraphs(issue: &Issue, page_filter: impl Fn(&str) -> bool) -> Vec<String> {
    issue
        .pages
        .iter()
        .filter(|page| page_filter(page.label.as_str()))
        .flat_map(|page| &page.articles)
        .flat_map(|article| article.paragraphs.iter().cloned())
        .collect()
}

/// Paragraphs cycled until they hold at least `bytes` bytes.
fn repeat(source: &[String], bytes: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut total = 0;
    for paragraph in source.iter().cycle() {
        if total >= bytes {
            break;
        }
        total += paragraph.len();
        out.push(paragraph.clone());
    }
    out
}

/// News prose: the seed story, as captured, and the guide's Chinese pages.
pub fn chinese(bytes: usize) -> Vec<String> {
    let mut source = paragraphs(&sample("nmgrb"), |_| true);
    source.extend(paragraphs(&sample("epaper-guide"), |label| {
        label.starts_with('A')
    }));
    repeat(&source, bytes)
}

/// The guide's English page.
pub fn latin(bytes: usize) -> Vec<String> {
    repeat(
        &paragraphs(&sample("epaper-guide"), |label| label == "B02"),
        bytes,
    )
}

/// The guide's technical page: Chinese with Latin words, numbers, URLs.
pub fn mixed(bytes: usize) -> Vec<String> {
    repeat(
        &paragraphs(&sample("epaper-guide"), |label| label == "B01"),
        bytes,
    )
}

pub fn size(paragraphs: &[String]) -> u64 {
    paragraphs.iter().map(|p| p.len() as u64).sum()
}

/// An issue of about `bytes` bytes of JSON: pages of 20 articles, each of
/// a title and 12 paragraphs of the Chinese prose.
pub fn issue_json(bytes: usize) -> Vec<u8> {
    use epaper::model::{Article, ArticleId, Kind, Links, Page, PageLabel};
    let prose = chinese(bytes);
    let mut issue = sample("nmgrb");
    issue.pages.clear();
    for (number, chunk) in prose.chunks(12 * 20).enumerate() {
        let articles = chunk
            .chunks(12)
            .enumerate()
            .map(|(i, paragraphs)| Article {
                id: Some(ArticleId(format!("{number}-{i}"))),
                kind: Kind::Article,
                kicker: None,
                title: paragraphs[0].chars().take(20).collect(),
                subtitle: None,
                byline: Some("本报记者".to_owned()),
                paragraphs: paragraphs.to_vec(),
                images: Vec::new(),
                areas: Vec::new(),
                continues: None,
                links: Links::default(),
            })
            .collect();
        issue.pages.push(Page {
            label: PageLabel(format!("{:03}", number + 1)),
            name: "要闻".to_owned(),
            section: None,
            image: None,
            articles,
        });
    }
    serde_json::to_vec(&issue).expect("an issue serialises")
}
