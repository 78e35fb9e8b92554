//! `epaper import`: the seed capture and each fixture site become the
//! issues they show; what cannot be imported is refused in words.

#[path = "support/sites.rs"]
mod sites;
#[path = "support/slow_pages.rs"]
mod slow_pages;

use std::path::Path;
use std::process::{Command, Output};

use epaper::commands::import::{ImportError, Options, import};
use epaper::import::assemble::{AssembleError, Given};
use epaper::model::{self, Date, Kind};
use sites::{SITES, comparable, root};

fn epaper(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_epaper"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the epaper binary runs")
}

fn capture() -> std::path::PathBuf {
    root().join("capture/nmgrb-2021-11-05-03.txt")
}

fn seed_given() -> Options {
    Options {
        given: Given {
            publication: Some("内蒙古日报".to_owned()),
            date: Date::new(2021, 11, 5),
            source: None,
        },
        ..Options::default()
    }
}

#[test]
fn the_seed_capture_imports_as_the_sample_reads() {
    let imported = import(&[capture()], &seed_given()).expect("the capture imports");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-issues/nmgrb-2021-11-05.json");
    let mut sample = model::load(&std::fs::read(sample).unwrap()).unwrap().issue;
    // The sample marks the lottery notice as an ad, which nothing in the
    // capture says.
    sample.pages[2].articles[6].kind = Kind::Article;
    assert_eq!(imported.issue, sample);
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
}

#[test]
fn a_capture_splits_a_continued_story_at_its_marks() {
    let issue = import(&[capture()], &seed_given()).unwrap().issue;
    let lead = &issue.pages[0].articles[0];
    let rest = &issue.pages[2].articles[4];
    assert_eq!(
        lead.continues
            .as_ref()
            .map(epaper::model::ArticleId::as_str),
        Some("03-5")
    );
    assert!(lead.paragraphs.last().unwrap().ends_with("挡在门外。"));
    assert!(rest.paragraphs[0].starts_with("坚持考实评准"));
    let all: String = issue
        .pages
        .iter()
        .flat_map(|p| &p.articles)
        .flat_map(|a| &a.paragraphs)
        .map(String::as_str)
        .collect();
    assert!(!all.contains('■'), "no mark is left in the text");
    assert_eq!(lead.byline.as_deref(), Some("蒙组轩"));
    assert!(
        rest.paragraphs.last().unwrap().ends_with("风清气正。"),
        "the byline left the text"
    );
}

#[test]
fn each_fixture_site_imports_into_its_expected_issue() {
    for site in SITES {
        let imported = import(&site.files(), &Options::default())
            .unwrap_or_else(|e| panic!("{}: {e}", site.name));
        assert_eq!(
            comparable(imported.issue),
            comparable(site.expected()),
            "{}",
            site.name
        );
        for missing in site.missing {
            assert!(
                imported.notes.iter().any(|n| n.contains(missing)),
                "{}: no note for {missing}: {:?}",
                site.name,
                imported.notes
            );
        }
        assert_eq!(
            imported.notes.len(),
            site.missing.len() + usize::from(site.unfitted),
            "{}: {:?}",
            site.name,
            imported.notes
        );
        assert_eq!(
            imported
                .notes
                .iter()
                .any(|n| n.contains("no site profile fits")),
            site.unfitted,
            "{}: {:?}",
            site.name,
            imported.notes
        );
    }
}

#[test]
fn the_founder_site_keeps_sections_kinds_and_hotspot_articles() {
    let site = &SITES[0];
    let issue = import(&site.files(), &Options::default()).unwrap().issue;
    let sections: Vec<_> = issue.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sections, ["A", "B"]);
    let kinds: Vec<_> = issue
        .pages
        .iter()
        .flat_map(|p| &p.articles)
        .map(|a| (a.title.as_str(), a.kind))
        .collect();
    assert!(kinds.contains(&("本版责编：周明 版式设计：吴双", Kind::Notice)));
    assert!(kinds.contains(&("图片报道", Kind::Photo)));
    assert!(kinds.contains(&("广告", Kind::Ad)));
    // Only the page image's hotspots link to this one.
    assert!(
        kinds
            .iter()
            .any(|(title, _)| *title == "江城发布首批科技创新券")
    );
    // <br> in a title is a space; the ■ byline paragraph is the byline.
    let a01 = &issue.pages[0].articles;
    assert_eq!(a01[0].title, "春耕备耕全面展开 农机下田抢农时");
    assert_eq!(a01[1].byline.as_deref(), Some("本报记者 王静"));
    assert!(
        a01[1]
            .paragraphs
            .iter()
            .all(|p| !p.starts_with('■') && !p.starts_with('\u{a0}'))
    );
}

#[test]
fn the_gb18030_site_reads_by_its_meta_charset() {
    let site = &SITES[1];
    let first = site
        .files()
        .into_iter()
        .find(|f| f.ends_with("nbs.D110000renmrb_01.htm"))
        .unwrap();
    let bytes = std::fs::read(&first).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture is not UTF-8"
    );
    let issue = import(&site.files(), &Options::default()).unwrap().issue;
    assert_eq!(issue.publication, "人民日报");
    assert_eq!(
        issue.pages[0].articles[0].kicker.as_deref(),
        Some("农业农村部调度显示")
    );
    // Named wrongly, the same pages give other text: the charset given
    // wins over the page's own.
    let wrong = Options {
        encoding: Some("utf-8".to_owned()),
        ..Options::default()
    };
    let garbled = import(&site.files(), &wrong);
    assert!(garbled.map_or(true, |i| {
        i.issue
            .pages
            .iter()
            .flat_map(|p| &p.articles)
            .all(|a| a.kicker.as_deref() != Some("农业农村部调度显示"))
    }));
}

#[test]
fn a_capture_without_its_publication_or_date_asks_for_them() {
    let error = import(&[capture()], &Options::default()).unwrap_err();
    assert!(
        matches!(error, ImportError::Assemble(AssembleError::NoPublication)),
        "{error}"
    );
    let only_name = Options {
        given: Given {
            publication: Some("内蒙古日报".to_owned()),
            ..Given::default()
        },
        ..Options::default()
    };
    let error = import(&[capture()], &only_name).unwrap_err();
    assert!(error.to_string().contains("--date"), "{error}");
}

#[test]
fn the_command_writes_a_valid_issue_and_reports_it() {
    let dir = tempdir();
    let out = dir.join("nmgrb.json");
    let output = epaper(&[
        "import",
        capture().to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--publication",
        "内蒙古日报",
        "--date",
        "2021-11-05",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("内蒙古日报 2021-11-05, 12 pages, 8 articles"),
        "{stderr}"
    );
    let check = epaper(&["check", out.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0));
}

#[test]
fn a_failed_import_writes_nothing_and_says_why() {
    let dir = tempdir();
    let page = dir.join("page.html");
    std::fs::write(&page, "<html><body><p>No e-paper here.</p></body></html>").unwrap();
    let out = dir.join("out.json");
    let output = epaper(&[
        "import",
        page.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("not e-paper pages"), "{stderr}");
    assert!(!out.exists());
    let missing = dir.join("absent.htm");
    let output = epaper(&[
        "import",
        missing.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr.contains("absent.htm"), "{stderr}");
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "no temporary file is left"
    );
}

/// A fresh directory under the target directory, removed at the next run.
fn tempdir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "import-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

mod properties {
    use epaper::commands::import::Options;
    use epaper::import::Document;
    use epaper::import::assemble::{Source, assemble};
    use proptest::prelude::*;

    use super::sites::SITES;

    /// Text that looks enough like e-paper pages to reach the parsers'
    /// corners: tags of the platforms, labels, marks, dates, hanzi.
    fn pieces() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("<a id=pageLink href=node_2.htm>第A02版：要闻</a>".to_owned()),
            Just("<founder-title>标题<br>二</founder-title>".to_owned()),
            Just("<founder-content><P>　　■下转第二版</P>".to_owned()),
            Just("<div class=\"text_c\"><h3>引</h3><h1>题</h1><h2>副</h2>".to_owned()),
            Just("<table class=pci_c><tr><td><img src=a.jpg></td></tr><tr><td><p>说明。新华社记者 某摄</p>".to_owned()),
            Just("<meta charset=gbk><!-- saved from url=(0040)http://x.cn/2024-05/20/a.htm -->".to_owned()),
            Just("（上接第一版）■上接A1版 当前版：03版 2024年05月20日".to_owned()),
            Just("<script>document.write(view(\"标题  \"))</script>".to_owned()),
            "\\PC{0,40}",
            any::<char>().prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..40).prop_map(|p| p.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Any text, as HTML and as a capture, parses without a panic,
        /// and what assembles from it is a valid issue.
        #[test]
        fn any_page_parses(text in pieces(), html in any::<bool>()) {
            let text = if html { format!("<html>{text}") } else { text };
            let document = Document { location: "x/node_1.htm".to_owned(), bytes: text.into_bytes(), content_type: None };
            let parsed = document.parse(epaper::import::Profiles::builtin());
            let sources = [Source { key: document.key(), parsed }];
            let given = epaper::import::assemble::Given {
                publication: Some("报".to_owned()),
                date: epaper::model::Date::new(2024, 5, 20),
                source: None,
            };
            if let Ok(imported) = assemble(&sources, &given) {
                prop_assert!(epaper::model::load(&imported.json).is_ok());
            }
        }

        /// A fixture site with one file cut short or with text spliced in
        /// still imports into a valid issue, or is refused in words.
        #[test]
        fn a_damaged_site_imports_or_is_refused(
            site in 0..SITES.len(),
            file in any::<prop::sample::Index>(),
            at in any::<prop::sample::Index>(),
            splice in pieces(),
            cut in any::<bool>(),
        ) {
            let files = SITES[site].files();
            let target = file.index(files.len());
            let dir = std::env::temp_dir().join(format!("epaper-damaged-{}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let mut paths = Vec::new();
            for (i, path) in files.iter().enumerate() {
                let mut bytes = std::fs::read(path).unwrap();
                if i == target {
                    let at = at.index(bytes.len() + 1);
                    if cut {
                        bytes.truncate(at);
                    } else {
                        bytes.splice(at..at, splice.bytes());
                    }
                }
                let copy = dir.join(path.file_name().unwrap());
                std::fs::write(&copy, bytes).unwrap();
                paths.push(copy);
            }
            match epaper::commands::import::import(&paths, &Options::default()) {
                Ok(imported) => {
                    prop_assert!(epaper::model::load(&imported.json).is_ok());
                }
                Err(error) => prop_assert!(!error.to_string().is_empty()),
            }
        }
    }
}

/// Documents given as text, parsed and assembled as `import` does.
fn assemble_texts(documents: &[(&str, &str)]) -> epaper::import::Imported {
    let sources: Vec<_> = documents
        .iter()
        .map(|(name, text)| {
            let document = epaper::import::Document {
                location: (*name).to_owned(),
                bytes: text.as_bytes().to_vec(),
                content_type: Some("utf-8".to_owned()),
            };
            epaper::import::assemble::Source {
                key: document.key(),
                parsed: document.parse(epaper::import::Profiles::builtin()),
            }
        })
        .collect();
    let given = Given {
        publication: Some("江城日报".to_owned()),
        date: Date::new(2025, 3, 14),
        source: None,
    };
    epaper::import::assemble(&sources, &given).expect("the documents assemble")
}

const FOUNDER_LIST: &str = "<a id=pageLink href=node_1.htm>第A01版：头版</a>\
    <a id=pageLink href=node_2.htm>第A02版：要闻</a><a id=pageLink href=node_5.htm>第A05版：经济</a>";

#[test]
fn a_mark_in_brackets_at_the_end_is_a_mark_not_a_byline() {
    let capture = "当前版: 01版\n标题甲\n  第一段。\n  有序推进。（下转第二版）\n上一篇 下一篇\n第01版:要闻\n第02版:要闻\n";
    let imported = assemble_texts(&[("a.txt", capture)]);
    let article = &imported.issue.pages[0].articles[0];
    assert_eq!(article.byline, None);
    assert_eq!(
        article.paragraphs.last().map(String::as_str),
        Some("有序推进。")
    );
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.contains("continues on page 02")),
        "{:?}",
        imported.notes
    );
}

#[test]
fn a_numbered_paragraph_stays_in_the_article() {
    let capture = "当前版: 01版\n标题甲\n  导语。\n  1：坚持问题导向。\n  10:30 会议开始。\n上一篇 下一篇\n第01版:要闻\n标题甲\n";
    let imported = assemble_texts(&[("a.txt", capture)]);
    let paragraphs = &imported.issue.pages[0].articles[0].paragraphs;
    assert_eq!(paragraphs.len(), 3, "{paragraphs:?}");
    assert_eq!(imported.issue.pages.len(), 1);
}

#[test]
fn two_fragments_that_continue_each_other_are_not_linked_in_a_circle() {
    let page = |href: &str| {
        format!(
            "<html><body>{FOUNDER_LIST}<ul class=main-ed-articlenav-list><li><a href={href}>甲</a></li></ul></body></html>"
        )
    };
    let article = |text: &str| {
        format!(
            "<html><body><founder-title>甲</founder-title><founder-content><P>{text}</P></founder-content></body></html>"
        )
    };
    let imported = assemble_texts(&[
        ("node_1.htm", &page("content_1.htm")),
        ("node_2.htm", &page("content_2.htm")),
        ("content_1.htm", &article("开头。■下转A02版")),
        ("content_2.htm", &article("中间。■下转A01版")),
    ]);
    let linked = imported
        .issue
        .pages
        .iter()
        .flat_map(|p| &p.articles)
        .filter(|a| a.continues.is_some())
        .count();
    assert_eq!(linked, 1, "one of the two links is kept");
    assert!(
        imported.notes.iter().any(|n| n.contains("circle")),
        "{:?}",
        imported.notes
    );
}

#[test]
fn an_article_linked_from_a_teaser_is_placed_on_its_own_page() {
    let front = format!(
        "<html><body>{FOUNDER_LIST}<ul class=main-ed-articlenav-list><li><a href=content_9.htm>导读：新能源汽车销量>>>详见A05版</a></li></ul></body></html>"
    );
    let economy = format!(
        "<html><body>{FOUNDER_LIST}<ul class=main-ed-articlenav-list><li><a href=content_9.htm>新能源汽车销量增长</a></li></ul></body></html>"
    );
    let article = "<html><body><founder-title>新能源汽车销量增长</founder-title><founder-pagenum>A05</founder-pagenum>\
        <founder-content><P>正文。</P></founder-content></body></html>";
    let imported = assemble_texts(&[
        ("node_1.htm", &front),
        ("node_5.htm", &economy),
        ("content_9.htm", article),
    ]);
    let pages = &imported.issue.pages;
    let a05 = pages.iter().find(|p| p.label.as_str() == "A05").unwrap();
    assert_eq!(a05.articles[0].paragraphs, ["正文。"]);
    let a01 = pages.iter().find(|p| p.label.as_str() == "A01").unwrap();
    assert!(
        a01.articles[0].paragraphs.is_empty(),
        "the teaser keeps only its headline"
    );
    assert!(imported.notes.is_empty(), "{:?}", imported.notes);
}

#[test]
fn a_page_nested_two_hundred_thousand_deep_imports() {
    // The headline deep in the page: every walk up the tree is bounded and
    // every walk down is iterative.
    let deep = format!(
        "<html><body>{FOUNDER_LIST}{}<a href=content_1.htm>甲</a>{}</body></html>",
        "<span>".repeat(200_000),
        "</span>".repeat(200_000)
    );
    let imported = assemble_texts(&[("node_1.htm", &deep)]);
    assert_eq!(
        imported.issue.pages[0].articles[0].title, "甲",
        "{:?}",
        imported.notes
    );
    // A headline under 200,000 boxes of its own: read no further than a
    // headline's few nodes, so it is no headline, and the import still
    // ends with the page list.
    let buried = format!(
        "<html><body>{FOUNDER_LIST}<a href=content_1.htm>{}甲{}</a></body></html>",
        "<span>".repeat(200_000),
        "</span>".repeat(200_000)
    );
    let imported = assemble_texts(&[("node_1.htm", &buried)]);
    assert_eq!(imported.issue.pages.len(), 3);
}

/// The deepest element of `html`, counting from the document.
fn depth_of(html: &scraper::Html) -> usize {
    html.tree
        .nodes()
        .map(|node| node.ancestors().count())
        .max()
        .unwrap_or(0)
}

#[test]
fn pages_built_to_be_slow_reach_the_parser_bounded() {
    // Each shape, a quarter of a MiB: before the bound, several nested
    // tens of thousands deep and took the tree builder and the extractors
    // the square of that (a 1 MiB page of nested boxes took over 20 s).
    use epaper::import::html::nesting::{MOST_ATTRIBUTES, MOST_DEPTH, bounded};
    for (shape, page) in slow_pages::pages(256 * 1024) {
        let html = scraper::Html::parse_document(&bounded(&page));
        let depth = depth_of(&html);
        assert!(depth <= 2 * MOST_DEPTH, "{shape}: nested {depth} deep");
        let most_attributes = html
            .tree
            .nodes()
            .filter_map(|n| n.value().as_element().map(|e| e.attrs().count()))
            .max()
            .unwrap_or(0);
        assert!(
            most_attributes <= MOST_ATTRIBUTES,
            "{shape}: {most_attributes} attributes"
        );
        // And the whole import ends, with an issue or a refusal in words.
        let document = epaper::import::Document {
            location: "node_1.htm".to_owned(),
            bytes: page.into_bytes(),
            content_type: Some("utf-8".to_owned()),
        };
        let source = epaper::import::assemble::Source {
            key: document.key(),
            parsed: document.parse(epaper::import::Profiles::builtin()),
        };
        let given = Given {
            publication: Some("测试报".to_owned()),
            date: Date::new(2025, 1, 1),
            source: None,
        };
        if let Err(error) = epaper::import::assemble(&[source], &given) {
            assert!(!error.to_string().is_empty(), "{shape}");
        }
    }
}

#[test]
fn an_issue_larger_than_the_reader_takes_is_not_made() {
    // Three pages of one article of 90 MiB each: the file would be over
    // the 256 MiB that check, cat and the reader read.
    use epaper::import::{ArticleText, Headline, PageLink, Parsed};
    let pages: Vec<PageLink> = (1..=3)
        .map(|n| PageLink {
            label: format!("0{n}"),
            name: "要闻".to_owned(),
            href: Some(format!("node_{n}.htm")),
        })
        .collect();
    let paragraph = "全市经济运行总体平稳。".repeat(3 * 1024);
    let sources: Vec<epaper::import::assemble::Source> = (1..=3)
        .flat_map(|n| {
            let page = Parsed {
                pages: pages.clone(),
                current: Some(format!("0{n}")),
                headlines: vec![Headline {
                    title: format!("报道{n}"),
                    href: Some(format!("content_{n}.htm")),
                    page: None,
                }],
                ..Parsed::default()
            };
            let article = Parsed {
                article: Some(ArticleText {
                    title: format!("报道{n}"),
                    paragraphs: vec![paragraph.clone(); 3 * 1024],
                    ..ArticleText::default()
                }),
                ..Parsed::default()
            };
            [
                epaper::import::assemble::Source {
                    key: format!("node_{n}.htm"),
                    parsed: page,
                },
                epaper::import::assemble::Source {
                    key: format!("content_{n}.htm"),
                    parsed: article,
                },
            ]
        })
        .collect();
    let given = Given {
        publication: Some("江城日报".to_owned()),
        date: Date::new(2025, 3, 14),
        source: None,
    };
    let error = epaper::import::assemble(&sources, &given).unwrap_err();
    assert_eq!(error, AssembleError::TooLarge);
    assert!(error.to_string().contains("more than 256 MiB"), "{error}");
}
