//! What loading any bytes must keep, shared by the property tests
//! (tests/load.rs) and the load fuzzer (fuzz/): no panic; an issue that
//! loads keeps the format's rules; and the header that listing reads
//! agrees with the full load.

use epaper::model::{self, ArticleRef};
use epaper::story::{self, From};

macro_rules! ensure {
    ($holds:expr, $($what:tt)+) => {
        if !$holds {
            return Err(format!($($what)+));
        }
    };
}

pub fn check(bytes: &[u8]) -> Result<(), String> {
    let header = model::header(bytes);
    let Ok(loaded) = model::load(bytes) else {
        return Ok(());
    };
    let issue = &loaded.issue;
    let Ok(header) = header else {
        return Err("a file that loads has a header that does not read".to_owned());
    };
    ensure!(
        header.publication == issue.publication,
        "the header's publication differs"
    );
    ensure!(header.date == issue.date, "the header's date differs");
    ensure!(
        header.pages == issue.pages.len(),
        "the header counts {} pages of {}",
        header.pages,
        issue.pages.len()
    );
    ensure!(!issue.pages.is_empty(), "an issue without pages");
    ensure!(!issue.publication.trim().is_empty(), "a blank publication");
    for (p, page) in issue.pages.iter().enumerate() {
        ensure!(!page.label.0.trim().is_empty(), "a blank label on page {p}");
        for (a, article) in page.articles.iter().enumerate() {
            ensure!(!article.title.trim().is_empty(), "a blank title at {p}/{a}");
            for linked in [article.links.continues_to, article.links.continued_from]
                .into_iter()
                .flatten()
            {
                ensure!(
                    issue.article(linked).is_some(),
                    "a link from {p}/{a} to nothing"
                );
                ensure!(linked.page != p, "a link from {p}/{a} to its own page");
            }
        }
    }
    // Every story reads through, whichever fragment it is opened at.
    for (p, page) in issue.pages.iter().enumerate() {
        for a in 0..page.articles.len() {
            let at = ArticleRef {
                page: p,
                article: a,
            };
            for block in story::blocks(issue, at, From::StoryStart) {
                let _ = block.text(issue);
            }
        }
    }
    Ok(())
}
