//! The loader through the library: normalisation as docs/FORMAT.md states
//! it, continuation links, and the embedded samples.

use epaper::model::{self, ArticleRef, Kind};

use epaper::samples::SAMPLES;
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn paragraphs_and_one_line_fields_are_normalised() {
    let issue = model::load(&fixture("good/normalise.json")).unwrap().issue;
    let article = &issue.pages[0].articles[1];
    assert_eq!(
        article.paragraphs,
        [
            "第一段带全角空格缩进。",
            "第二段",
            "第三段由换行分出。",
            "第四段。"
        ]
    );
    assert_eq!(article.title, "标题 第二行");
    assert_eq!(article.kicker, None);
}

#[test]
fn continuation_links_run_both_ways() {
    let issue = model::load(&fixture("good/minimal.json")).unwrap().issue;
    let first = ArticleRef {
        page: 0,
        article: 0,
    };
    let second = ArticleRef {
        page: 1,
        article: 0,
    };
    assert_eq!(
        issue.article(first).unwrap().links.continues_to,
        Some(second)
    );
    assert_eq!(
        issue.article(second).unwrap().links.continued_from,
        Some(first)
    );
    assert_eq!(issue.pages[0].articles[1].links, model::Links::default());
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(fixture("good/minimal.json"));
    assert!(model::load(&bytes).is_ok());
}

#[test]
fn the_seed_sample_is_the_captured_story_in_two_fragments() {
    let bytes = std::fs::read(format!(
        "{}/sample-issues/nmgrb-2021-11-05.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let issue = model::load(&bytes).unwrap().issue;
    assert_eq!(issue.publication, "内蒙古日报");
    let names: Vec<&str> = issue.pages.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "一版要闻",
            "要闻",
            "国内新闻•广告",
            "要闻",
            "草原号",
            "云上103",
            "出彩",
            "生态环保",
            "北国风光",
            "文艺评论",
            "视界",
            "收藏"
        ]
    );
    let front = &issue.pages[0].articles[0];
    assert_eq!(front.title, "配强班子 绘好蓝图 凝聚开启新征程的磅礴力量");
    assert_eq!(front.byline.as_deref(), Some("蒙组轩"));
    assert!(front.paragraphs.last().unwrap().ends_with("挡在门外。"));
    let rest = issue.article(front.links.continues_to.unwrap()).unwrap();
    assert_eq!(issue.pages[2].articles[4].title, rest.title);
    assert!(rest.paragraphs[0].starts_with("坚持考实评准"));
    assert!(
        rest.paragraphs
            .last()
            .unwrap()
            .ends_with("确保换届风清气正。")
    );
    assert_eq!(issue.pages[2].articles.len(), 7);
    assert_eq!(issue.pages[2].articles[6].kind, Kind::Ad);
}

#[path = "support/load_checks.rs"]
mod load_checks;

/// A small issue whose fragments continue into one another at random, so
/// chains, cycles, double continuations, missing targets and same-page
/// links all come up, and about half the issues load.
fn linked_issue() -> impl Strategy<Value = String> {
    let article = (
        proptest::option::weighted(0.4, (0u8..5, 0u8..4)),
        "[a-z一-十]{1,3}",
    );
    let page = proptest::collection::vec(article, 0..4);
    proptest::collection::vec(page, 1..5).prop_map(|pages| {
        let pages: Vec<String> = pages
            .iter()
            .enumerate()
            .map(|(p, articles)| {
                let articles: Vec<String> = articles
                    .iter()
                    .enumerate()
                    .map(|(a, (continues, title))| {
                        let continues = continues.map_or_else(String::new, |(p, a)| {
                            format!(r#", "continues": "f{p}-{a}""#)
                        });
                        format!(r#"{{"id": "f{p}-{a}", "title": "{title}", "paragraphs": ["段"]{continues}}}"#)
                    })
                    .collect();
                format!(r#"{{"label": "{p:02}", "name": "", "articles": [{}]}}"#, articles.join(", "))
            })
            .collect();
        format!(
            r#"{{"format": 1, "publication": "报", "date": "2024-12-01", "pages": [{}]}}"#,
            pages.join(", ")
        )
    })
}

/// A sample issue with a few bytes changed, inserted or removed.
fn mutated_sample() -> impl Strategy<Value = Vec<u8>> {
    let edit = (
        any::<prop::sample::Index>(),
        0u8..3,
        proptest::collection::vec(
            prop_oneof![
                Just(b'{'),
                Just(b'}'),
                Just(b'['),
                Just(b']'),
                Just(b'"'),
                Just(b','),
                Just(b':'),
                Just(b'\\'),
                any::<u8>()
            ],
            0..4,
        ),
    );
    proptest::collection::vec(edit, 1..6).prop_map(|edits| {
        let mut bytes = SAMPLES[0].bytes.to_vec();
        for (at, kind, new) in edits {
            let at = at.index(bytes.len());
            match kind {
                0 => {
                    bytes.splice(at..at, new);
                }
                1 => {
                    let end = (at + new.len().max(1)).min(bytes.len());
                    bytes.drain(at..end);
                }
                _ => {
                    for (k, b) in new.into_iter().enumerate() {
                        if let Some(slot) = bytes.get_mut(at + k) {
                            *slot = b;
                        }
                    }
                }
            }
        }
        bytes
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_load_or_fail_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        prop_assert_eq!(load_checks::check(&bytes), Ok(()));
    }

    #[test]
    fn a_damaged_issue_loads_consistently_or_fails_cleanly(bytes in mutated_sample()) {
        prop_assert_eq!(load_checks::check(&bytes), Ok(()));
    }

    #[test]
    fn continuation_links_are_valid_whenever_an_issue_loads(json in linked_issue()) {
        prop_assert_eq!(load_checks::check(json.as_bytes()), Ok(()));
    }
}
