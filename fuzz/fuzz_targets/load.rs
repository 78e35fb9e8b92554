//! Any bytes as an issue file: `load` returns an issue or errors, never
//! panics; what it accepts is consistent; and the header that listing
//! reads agrees with the full load.

#![no_main]

use epaper::model;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let header = model::header(bytes);
    let Ok(loaded) = model::load(bytes) else {
        return;
    };
    let issue = &loaded.issue;
    let header = header.expect("a file that loads has a header that reads");
    assert_eq!(header.publication, issue.publication);
    assert_eq!(header.date, issue.date);
    assert_eq!(header.pages, issue.pages.len());
    assert!(!issue.pages.is_empty());
    for (p, page) in issue.pages.iter().enumerate() {
        assert!(!page.label.0.trim().is_empty());
        for (a, article) in page.articles.iter().enumerate() {
            assert!(!article.title.trim().is_empty());
            let at = model::ArticleRef { page: p, article: a };
            // Continuation links point at real fragments on other pages.
            for linked in [article.links.continues_to, article.links.continued_from].into_iter().flatten() {
                assert!(issue.article(linked).is_some());
                assert_ne!(linked.page, at.page);
            }
        }
    }
    // A loaded issue can be read through, story by story.
    for (p, page) in issue.pages.iter().enumerate() {
        for a in 0..page.articles.len() {
            let at = model::ArticleRef { page: p, article: a };
            let blocks = epaper::story::blocks(issue, at, epaper::story::From::StoryStart);
            for block in blocks {
                let _ = block.text(issue);
            }
        }
    }
});
