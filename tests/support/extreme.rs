//! Hostile issue files too large to keep in the repository, made the same
//! way every time: valid JSON at the limits of what a file may hold.

#![allow(dead_code, reason = "each test file uses part of it")]

use std::fmt::Write;

/// An issue of `pages`, each a JSON object already written.
fn issue(publication: &str, pages: &[String]) -> Vec<u8> {
    format!(
        r#"{{"format": 1, "publication": "{publication}", "date": "2024-12-01", "pages": [{}]}}"#,
        pages.join(",\n")
    )
    .into_bytes()
}

fn page(label: &str, articles: &str) -> String {
    format!(r#"{{"label": "{label}", "name": "", "articles": [{articles}]}}"#)
}

/// One paragraph of 1 MB with no break opportunity: one number.
pub fn no_break_paragraph() -> Vec<u8> {
    let number = "1234567890".repeat(100_000);
    issue(
        "无断点",
        &[page(
            "01",
            &format!(r#"{{"title": "一个数", "paragraphs": ["{number}"]}}"#),
        )],
    )
}

/// A title of 10,000 characters.
pub fn long_title() -> Vec<u8> {
    let title = "很长的标题，".repeat(1_700);
    issue(
        "长标题",
        &[page(
            "01",
            &format!(r#"{{"title": "{title}", "paragraphs": ["正文。"]}}"#),
        )],
    )
}

/// 100,000 articles on one page.
pub fn many_articles() -> Vec<u8> {
    let mut articles = String::new();
    for i in 0..100_000 {
        if i > 0 {
            articles.push(',');
        }
        let _ = write!(
            articles,
            r#"{{"title": "第{i}篇", "paragraphs": ["第{i}篇的正文。"]}}"#
        );
    }
    issue("十万篇", &[page("01", &articles)])
}

/// 10,000 pages.
pub fn many_pages() -> Vec<u8> {
    let pages: Vec<String> = (0..10_000)
        .map(|i| page(&format!("{i:05}"), r#"{"title": "一篇"}"#))
        .collect();
    issue("万版", &pages)
}

/// A story continued across 1,000 pages, a fragment on each.
pub fn long_story() -> Vec<u8> {
    let pages: Vec<String> = (0..1_000)
        .map(|i| {
            let continues = if i + 1 < 1_000 {
                format!(r#", "continues": "f{}""#, i + 1)
            } else {
                String::new()
            };
            page(
                &format!("{i:04}"),
                &format!(
                    r#"{{"id": "f{i}", "title": "接力", "paragraphs": ["第{i}段。"]{continues}}}"#
                ),
            )
        })
        .collect();
    issue("千版接力", &pages)
}

/// Every one, by a file name.
pub fn all() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("no-break-paragraph.json", no_break_paragraph()),
        ("long-title.json", long_title()),
        ("many-articles.json", many_articles()),
        ("many-pages.json", many_pages()),
        ("long-story.json", long_story()),
    ]
}
