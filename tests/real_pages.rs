//! Pages written by eighteen real papers' own e-paper sites, read from
//! ../shared/real-pages (they are other people's data and are not copied
//! into the project): each imports, with no option given, into the issue
//! the page shows. The facts asserted here (the paper's name, the date, the
//! page list, how many headlines each page has, an article's parts) were
//! read off the pages themselves. Where the folder is absent the tests say
//! so and pass.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use epaper::import::assemble::{Given, Source};
use epaper::import::{Document, Imported, Profiles, assemble};
use epaper::model::{Issue, Kind};

/// What one real page shows.
struct Shows {
    path: &'static str,
    publication: &'static str,
    date: &'static str,
    pages: usize,
    first: (&'static str, &'static str),
    last: (&'static str, &'static str),
    /// Headlines per page label, for the pages the document lists them of.
    headlines: &'static [(&'static str, usize)],
    /// For an article page: its page, whether it has a kicker and a
    /// subtitle, its byline, how many paragraphs.
    article: Option<(&'static str, bool, bool, Option<&'static str>, usize)>,
    /// What the import warns of (a part of each warning).
    warns: &'static [&'static str],
}

const PAGES: &[Shows] = &[
    Shows {
        path: "ahrbncb/pc/layout/202409/20/node_1.html",
        publication: "安徽日报农村版",
        date: "2024-09-20",
        pages: 8,
        first: ("1", ""),
        last: ("8", ""),
        headlines: &[("1", 5)],
        article: None,
        warns: &[],
    },
    Shows {
        path: "fzrb/html/20240822/20240822_001/20240822_001.htm",
        publication: "福州日报",
        date: "2024-08-22",
        pages: 8,
        first: ("001", "要闻"),
        last: ("008", ""),
        headlines: &[("001", 6)],
        article: None,
        warns: &[],
    },
    Shows {
        path: "glrb/20241011/Page01BC.htm",
        publication: "桂林日报",
        date: "2024-10-11",
        pages: 8,
        first: ("01", "头版"),
        last: ("08", "健康讲堂"),
        headlines: &[
            ("01", 8),
            ("02", 7),
            ("03", 6),
            ("04", 6),
            ("05", 8),
            ("06", 7),
            ("07", 5),
            ("08", 8),
        ],
        article: None,
        warns: &[],
    },
    Shows {
        path: "kfrb/newspaper.html",
        publication: "开封日报",
        date: "2022-05-19",
        pages: 8,
        first: ("01", "要闻"),
        last: ("08", "中国·国际"),
        headlines: &[("01", 0)],
        article: None,
        warns: &["no headline was found", "no site profile fits"],
    },
    Shows {
        path: "kjrb/kjrb/html/2023-02/10/node_2.htm",
        publication: "科技日报",
        date: "2023-02-10",
        pages: 8,
        first: ("01", "今日要闻"),
        last: ("08", "文化"),
        headlines: &[("01", 5)],
        article: None,
        warns: &[],
    },
    Shows {
        path: "lswb/pc/layout/202408/19/node_A01.html",
        publication: "辽沈晚报",
        date: "2024-08-19",
        pages: 7,
        first: ("A01", "头版"),
        last: ("A08", "社会"),
        headlines: &[("A01", 7)],
        article: None,
        warns: &[],
    },
    Shows {
        path: "lywb/lywb/html/2014-08/22/node_4108.htm",
        publication: "洛阳晚报",
        date: "2014-08-22",
        pages: 47,
        first: ("A01", "首版"),
        last: ("D08", "消费·综合"),
        headlines: &[("A01", 1)],
        article: None,
        warns: &[],
    },
    Shows {
        path: "nmrb/html/20240909/20240909_001/20240909_001.htm",
        publication: "农民日报",
        date: "2024-09-09",
        pages: 8,
        first: ("001", "要闻"),
        last: ("008", ""),
        headlines: &[("001", 9)],
        article: None,
        warns: &[],
    },
    Shows {
        path: "rmrb/rmrb/pc/layout/202603/10/node_01.html",
        publication: "人民日报",
        date: "2026-03-10",
        pages: 20,
        first: ("01", "要闻"),
        last: ("20", "广告"),
        headlines: &[("01", 7)],
        article: None,
        warns: &[],
    },
    Shows {
        path: "sczxb/html/2024-08/27/node_2.htm",
        publication: "四川政协报",
        date: "2024-08-27",
        pages: 4,
        first: ("01", ""),
        last: ("04", ""),
        headlines: &[("01", 7)],
        article: None,
        warns: &[],
    },
    Shows {
        path: "shannanbao/html/2024-07/19/node_7.htm",
        publication: "山南报",
        date: "2024-07-19",
        pages: 4,
        first: ("01", "头版"),
        last: ("04", "时政新闻"),
        headlines: &[("01", 6)],
        article: None,
        warns: &[],
    },
    Shows {
        path: "srrb/srrb/html/2024-01/01/node_2.htm",
        publication: "上饶日报",
        date: "2024-01-01",
        pages: 4,
        first: ("01", "头版"),
        last: ("04", "区域新闻"),
        headlines: &[("01", 6)],
        article: None,
        warns: &[],
    },
    Shows {
        path: "sxjjrb/html/2024-11/06/content_279424.htm",
        publication: "山西经济日报",
        date: "2024-11-06",
        pages: 4,
        first: ("01", "要闻"),
        last: ("04", "“千万工程”看山西 摄影特刊"),
        headlines: &[("01", 4)],
        article: Some(("01", true, false, None, 6)),
        warns: &[],
    },
    Shows {
        path: "szwb/PC/content/202408/30/content_3251363.html",
        publication: "深圳晚报",
        date: "2024-08-30",
        pages: 1,
        first: ("A02", ""),
        last: ("A02", ""),
        headlines: &[("A02", 1)],
        article: Some(("A02", false, true, Some("赵伟君"), 4)),
        warns: &[],
    },
    Shows {
        path: "yicai/epaper/pc/layout/202408/22/node_A01.html",
        publication: "第一财经日报",
        date: "2024-08-22",
        pages: 12,
        first: ("A01", "头版"),
        last: ("A12", "商业人文"),
        headlines: &[("A01", 3)],
        article: None,
        warns: &[],
    },
    Shows {
        path: "ylkqb/20240912/index.html",
        publication: "伊犁垦区报",
        date: "2024-09-12",
        pages: 4,
        first: ("01", "要闻"),
        last: ("04", "伊犁风"),
        headlines: &[("01", 4), ("02", 8), ("03", 1), ("04", 4)],
        article: None,
        warns: &[],
    },
    Shows {
        path: "yyrb/newsepaper/node_1.html",
        publication: "岳阳日报",
        date: "2007-07-08",
        pages: 4,
        first: ("1", "要闻"),
        last: ("4", "专题"),
        headlines: &[("1", 13)],
        article: None,
        warns: &["no site profile fits"],
    },
    Shows {
        path: "zghjb/html/2024-08/12/node_2.htm",
        publication: "中国环境报",
        date: "2024-08-12",
        pages: 8,
        first: ("01", "一版要闻"),
        last: ("08", "境界-知行"),
        headlines: &[("01", 5)],
        article: None,
        warns: &[],
    },
];

/// The folder of real pages, or None (and a line saying so) when this
/// checkout has none beside it.
fn folder() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-pages");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} is not here, so the real pages are not tried",
            dir.display()
        );
        None
    }
}

fn import(dir: &Path, path: &str, profiles: &Profiles) -> Imported {
    let location = dir.join(path);
    let document = Document {
        location: location.display().to_string(),
        bytes: std::fs::read(&location).expect("a real page"),
        content_type: None,
    };
    let source = Source {
        key: document.key(),
        parsed: document.parse(profiles),
    };
    assemble(&[source], &Given::default()).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn headlines_on(issue: &Issue, label: &str) -> usize {
    issue
        .pages
        .iter()
        .find(|p| p.label.as_str() == label)
        .map_or(usize::MAX, |p| p.articles.len())
}

/// Words of the sites' navigation and furniture that a headline list
/// must not take for headlines.
const FURNITURE: &[&str] = &[
    "上一版",
    "下一版",
    "上一篇",
    "下一篇",
    "上一期",
    "下一期",
    "上期",
    "下期",
    "返回",
    "首页",
    "PDF",
    "版面导航",
    "标题导航",
    "往期",
    "放大",
    "缩小",
    "默认",
    "历史沿革",
    "联系我们",
    "返回上一页",
];

#[test]
fn every_real_page_imports_as_the_page_shows() {
    let Some(dir) = folder() else { return };
    let wrong: Vec<String> = PAGES
        .iter()
        .flat_map(|shows| differences(shows, &import(&dir, shows.path, Profiles::builtin())))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Where the imported issue differs from what the page shows.
fn differences(shows: &Shows, imported: &Imported) -> Vec<String> {
    let issue = &imported.issue;
    let mut wrong = Vec::new();
    let mut check = |what: &str, ok: bool, got: String| {
        if !ok {
            wrong.push(format!("{}: {what}: got {got}", shows.path));
        }
    };
    check(
        "publication",
        issue.publication == shows.publication,
        issue.publication.clone(),
    );
    check(
        "date",
        issue.date.to_string() == shows.date,
        issue.date.to_string(),
    );
    check(
        "pages",
        issue.pages.len() == shows.pages,
        issue.pages.len().to_string(),
    );
    let label = |i: usize| {
        issue
            .pages
            .get(i)
            .map(|p| (p.label.as_str().to_owned(), p.name.clone()))
            .unwrap_or_default()
    };
    let (first, last) = (label(0), label(issue.pages.len().saturating_sub(1)));
    let wanted = |(label, name): (&str, &str)| (label.to_owned(), name.to_owned());
    check(
        "first page",
        first == wanted(shows.first),
        format!("{first:?}"),
    );
    check("last page", last == wanted(shows.last), format!("{last:?}"));
    for (page, count) in shows.headlines {
        let got = headlines_on(issue, page);
        check(
            &format!("headlines on {page}"),
            got == *count,
            got.to_string(),
        );
    }
    for article in issue.pages.iter().flat_map(|p| &p.articles) {
        let furniture =
            FURNITURE.iter().any(|w| article.title == *w) || article.title.starts_with("PDF");
        check(
            "a headline that is the site's furniture",
            !furniture,
            article.title.clone(),
        );
    }
    if let Some(article) = shows.article {
        article_differences(issue, article, &mut check);
    }
    for warning in shows.warns {
        let said = imported.notes.iter().any(|n| n.contains(warning));
        check(
            &format!("the warning “{warning}”"),
            said,
            format!("{:?}", imported.notes),
        );
    }
    let unexpected: Vec<&String> = imported
        .notes
        .iter()
        .filter(|n| !n.contains("is not among the documents"))
        .filter(|n| !shows.warns.iter().any(|w| n.contains(w)))
        .collect();
    check(
        "no other warning",
        unexpected.is_empty(),
        format!("{unexpected:?}"),
    );
    wrong
}

/// Where an article page's article differs from what the page shows.
fn article_differences(
    issue: &Issue,
    (page, kicker, subtitle, byline, paragraphs): (&str, bool, bool, Option<&str>, usize),
    check: &mut impl FnMut(&str, bool, String),
) {
    let found = issue
        .pages
        .iter()
        .filter(|p| p.label.as_str() == page)
        .flat_map(|p| &p.articles)
        .find(|a| !a.paragraphs.is_empty());
    let Some(a) = found else {
        check("the article", false, "no article with text".to_owned());
        return;
    };
    check(
        "kicker",
        a.kicker.is_some() == kicker,
        format!("{:?}", a.kicker),
    );
    check(
        "subtitle",
        a.subtitle.is_some() == subtitle,
        format!("{:?}", a.subtitle),
    );
    check(
        "byline",
        a.byline.as_deref() == byline,
        format!("{:?}", a.byline),
    );
    check(
        "paragraphs",
        a.paragraphs.len() == paragraphs,
        a.paragraphs.len().to_string(),
    );
    check("title", !a.title.is_empty(), a.title.clone());
}

#[test]
fn the_generic_extractor_alone_gives_every_real_page_its_name_and_date() {
    // With no profile at all, as for a paper no one has written one for:
    // a guessed issue with a warning, never a refusal.
    let Some(dir) = folder() else { return };
    let mut wrong = Vec::new();
    let mut same_lists = 0;
    for shows in PAGES {
        let imported = import(&dir, shows.path, &Profiles::none());
        let issue = &imported.issue;
        if issue.publication != shows.publication || issue.date.to_string() != shows.date {
            wrong.push(format!(
                "{}: {} {}",
                shows.path, issue.publication, issue.date
            ));
        }
        if !imported
            .notes
            .iter()
            .any(|n| n.contains("no site profile fits"))
        {
            wrong.push(format!("{}: not marked as guessed", shows.path));
        }
        let profiled = import(&dir, shows.path, Profiles::builtin()).issue;
        let shape = |i: &Issue| -> Vec<(String, usize)> {
            i.pages
                .iter()
                .map(|p| (p.label.as_str().to_owned(), p.articles.len()))
                .collect()
        };
        if shape(issue) == shape(&profiled) {
            same_lists += 1;
        } else {
            eprintln!("generic differs on {}: {:?}", shows.path, shape(issue));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    eprintln!(
        "the generic extractor alone finds the same pages and headlines on {same_lists} of {}",
        PAGES.len()
    );
    // 16 when this was written: the banci system's page list is a script's
    // array, which only its profile reads.
    assert!(same_lists >= 16, "only {same_lists} of {}", PAGES.len());
}

#[test]
fn every_real_page_imports_through_the_command_with_no_option() {
    let Some(dir) = folder() else { return };
    let out = std::env::temp_dir().join(format!("epaper-real-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    for shows in PAGES {
        let written = out.join("issue.json");
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_epaper"))
            .arg("import")
            .arg(dir.join(shows.path))
            .arg("-o")
            .arg(&written)
            .env("XDG_CONFIG_HOME", &out)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}: {}",
            shows.path,
            String::from_utf8_lossy(&output.stderr)
        );
        let check = std::process::Command::new(env!("CARGO_BIN_EXE_epaper"))
            .arg("check")
            .arg(&written)
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "{}: {}",
            shows.path,
            String::from_utf8_lossy(&check.stdout)
        );
    }
    let _ = std::fs::remove_dir_all(out);
}

#[test]
fn kinds_the_pages_mark() {
    let Some(dir) = folder() else { return };
    let kind_of = |path: &str, title: &str| {
        let issue = import(&dir, path, Profiles::builtin()).issue;
        issue
            .pages
            .iter()
            .flat_map(|p| &p.articles)
            .find(|a| a.title == title)
            .map(|a| a.kind)
    };
    assert_eq!(
        kind_of("rmrb/rmrb/pc/layout/202603/10/node_01.html", "图片报道"),
        Some(Kind::Photo)
    );
    assert_eq!(
        kind_of("fzrb/html/20240822/20240822_001/20240822_001.htm", "编辑"),
        Some(Kind::Notice)
    );
}

#[test]
fn no_real_page_nests_deep_enough_to_be_cut() {
    let Some(dir) = folder() else { return };
    for shows in PAGES {
        let bytes = std::fs::read(dir.join(shows.path)).expect("a real page");
        // Tags are ASCII in every encoding the sites use.
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            matches!(
                epaper::import::html::nesting::bounded(&text),
                std::borrow::Cow::Borrowed(_)
            ),
            "{}: the bound on nesting cut a real page",
            shows.path
        );
    }
}

/// The `<area>`s of the maps a page's `img[usemap]` uses that link to a
/// headline of the page: what the issue must outline, by link key.
fn mapped_areas(text: &str, headlines: &HashSet<String>) -> usize {
    let html = scraper::Html::parse_document(text);
    let select = |s: &str| scraper::Selector::parse(s).expect("a selector");
    let used: HashSet<String> = html
        .select(&select("img[usemap]"))
        .filter_map(|img| img.value().attr("usemap"))
        .map(|m| m.trim_start_matches('#').to_ascii_lowercase())
        .collect();
    html.select(&select("map"))
        .filter(|map| {
            map.value()
                .attr("name")
                .is_some_and(|n| used.contains(&n.to_ascii_lowercase()))
        })
        .flat_map(|map| {
            map.select(&select("area[href][coords]"))
                .collect::<Vec<_>>()
        })
        .filter(|area| {
            let href = area.value().attr("href").unwrap_or_default();
            headlines.contains(&epaper::import::link_key(href))
        })
        .count()
}

#[test]
fn every_real_page_with_a_map_keeps_its_picture_and_areas() {
    let Some(dir) = folder() else { return };
    let mut with_maps = 0;
    for shows in PAGES {
        let bytes = std::fs::read(dir.join(shows.path)).expect("a real page");
        let text = String::from_utf8_lossy(&bytes);
        let lower = text.to_ascii_lowercase();
        if !(lower.contains("usemap") && lower.contains("<area")) {
            continue;
        }
        with_maps += 1;
        let location = dir.join(shows.path).display().to_string();
        let parsed = Document {
            location,
            bytes: bytes.clone(),
            content_type: None,
        }
        .parse(Profiles::builtin());
        let headlines: HashSet<String> = parsed
            .headlines
            .iter()
            .filter_map(|h| h.href.as_deref())
            .map(epaper::import::link_key)
            .collect();
        let issue = import(&dir, shows.path, Profiles::builtin()).issue;
        let pictured: Vec<_> = issue.pages.iter().filter(|p| p.image.is_some()).collect();
        assert_eq!(pictured.len(), 1, "{}: one page with a picture", shows.path);
        let page = pictured[0];
        let image = page.image.as_ref().expect("a picture");
        assert!(!image.src.is_empty(), "{}", shows.path);
        let areas: Vec<&Vec<f64>> = page.articles.iter().flat_map(|a| &a.areas).collect();
        assert_eq!(
            areas.len(),
            mapped_areas(&text, &headlines),
            "{}: an area for each <area> that links to a headline",
            shows.path
        );
        for area in areas {
            assert!(area.len() >= 6 && area.len() % 2 == 0, "{}", shows.path);
            for point in area.chunks_exact(2) {
                assert!(
                    (-16.0..=f64::from(image.width) + 16.0).contains(&point[0])
                        && (-16.0..=f64::from(image.height) + 16.0).contains(&point[1]),
                    "{}: {point:?} is outside the picture's {}×{}",
                    shows.path,
                    image.width,
                    image.height
                );
            }
        }
    }
    assert_eq!(with_maps, 14, "the real pages with an image map");
    // People's Daily gives the picture's size and outlines the first
    // headline with a polygon that has no repeated point; coordinates are
    // kept to a hundredth of a pixel.
    let issue = import(
        &dir,
        "rmrb/rmrb/pc/layout/202603/10/node_01.html",
        Profiles::builtin(),
    )
    .issue;
    let page = &issue.pages[0];
    let image = page.image.as_ref().expect("the page picture");
    assert_eq!(
        (image.src.as_str(), image.width, image.height),
        (
            "../../../pic/202603/10/9d20b490-7da2-46a6-b9c2-890d9bd8b284.jpg.2",
            400,
            575
        )
    );
    assert_eq!(
        page.articles[0].areas,
        vec![vec![
            194.87, 182.18, 194.87, 92.99, 3.77, 92.99, 3.77, 182.18, 3.77, 182.81, 3.77, 321.97,
            3.77, 417.49, 194.87, 417.49
        ]]
    );
}
