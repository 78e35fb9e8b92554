//! The search index changes how much is read, never what is found: a
//! library search with the index, cold and warm, after files change and
//! go, finds what a full scan finds; `epaper search` says it in lines or
//! JSON with its exit status; and a process killed while it indexes, or
//! two at once, leave an index that is never wrong.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, SystemTime};

use epaper::library::fulltext::{Event, Index, Outcome, search_library};
use epaper::library::search::{Found, Query};
use epaper::library::{Library, Source};
use proptest::prelude::*;

/// A folder of its own under the system's temporary one.
/// A scratch folder and the library folder `issues` in it.
fn library(name: &str) -> (PathBuf, PathBuf) {
    let root = scratch(name);
    let dir = root.join("issues");
    std::fs::create_dir_all(&dir).unwrap();
    (root, dir)
}

fn scratch(name: &str) -> PathBuf {
    static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("epaper-search-{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An issue file of `articles` (each a list of paragraphs), dated day
/// `day` of 2024-01, last changed an hour ago: long enough that the index
/// keeps its filter.
fn write_issue(dir: &Path, publication: &str, day: u32, articles: &[Vec<String>]) -> PathBuf {
    let articles: Vec<serde_json::Value> = articles
        .iter()
        .enumerate()
        .map(|(i, paragraphs)| {
            serde_json::json!({"title": format!("第{i}篇"), "paragraphs": paragraphs})
        })
        .collect();
    let json = serde_json::json!({
        "format": 1,
        "publication": publication,
        "date": format!("2024-01-{day:02}"),
        "pages": [{"label": "01", "name": "要闻", "articles": articles}]
    });
    let path = dir.join(format!("{publication}-{day:02}.json"));
    std::fs::write(&path, json.to_string()).unwrap();
    age(&path);
    path
}

fn age(path: &Path) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
}

/// The articles of `all` up to its first `limit` matches.
fn first_matches(all: &[Found], limit: usize) -> Vec<Found> {
    let mut left = limit;
    let mut out = Vec::new();
    for found in all {
        if left == 0 {
            break;
        }
        let mut found = found.clone();
        found.matches = found.matches.min(left);
        left -= found.matches;
        out.push(found);
    }
    out
}

/// Everything a library search of `dir` finds, in order, and how it went.
fn find(dir: &Path, query: &Query, index: Option<&Index>) -> (Vec<Found>, Outcome) {
    find_at_most(dir, query, index, usize::MAX)
}

fn find_at_most(
    dir: &Path,
    query: &Query,
    index: Option<&Index>,
    limit: usize,
) -> (Vec<Found>, Outcome) {
    search_all(&Library::scan(dir, None).unwrap(), query, index, limit)
}

/// Everything a search of `library`'s issues, newest first, finds.
fn search_all(
    library: &Library,
    query: &Query,
    index: Option<&Index>,
    limit: usize,
) -> (Vec<Found>, Outcome) {
    let targets: Vec<_> = library
        .newest_first()
        .into_iter()
        .filter_map(|e| library.target(e))
        .collect();
    let mut found = Vec::new();
    let outcome = search_library(
        &targets,
        query,
        index,
        limit,
        &AtomicBool::new(false),
        &mut |event| {
            if let Event::Found(f) = event {
                found.extend(f);
            }
        },
    );
    (found, outcome)
}

/// Characters that fold to one another (case, full width), Chinese, and
/// punctuation, so that random text and queries meet often.
const ALPHABET: &[&str] = &[
    "换", "届", "工", "作", "党", "委", "A", "a", "Ａ", "ｂ", "b", " ", "，", ",", "。", "1", "１",
];

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..max).prop_map(|v| v.concat())
}

fn issue_texts() -> impl Strategy<Value = Vec<Vec<String>>> {
    prop::collection::vec(prop::collection::vec(text(30), 1..4), 1..4)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// With the index, cold, warm, and after one issue is rewritten and
    /// another removed, a search finds exactly what reading every issue
    /// finds.
    #[test]
    fn the_index_finds_what_a_full_scan_finds(
        issues in prop::collection::vec(issue_texts(), 1..6),
        changed in issue_texts(),
        query in text(4),
    ) {
        let Some(query) = Query::new(&query) else { return Ok(()) };
        let (root, dir) = library("prop");
        let index = Index::new(root.join("cache"));
        let paths: Vec<PathBuf> = issues
            .iter()
            .enumerate()
            .map(|(i, articles)| write_issue(&dir, "测试日报", u32::try_from(i).unwrap() + 1, articles))
            .collect();
        let (scan, _) = find(&dir, &query, None);
        let (cold, first) = find(&dir, &query, Some(&index));
        prop_assert_eq!(&cold, &scan);
        prop_assert_eq!(first.indexed, issues.len());
        let (warm, second) = find(&dir, &query, Some(&index));
        prop_assert_eq!(&warm, &scan);
        // Cut at a limit of matches, as the reader cuts: the first matches
        // in order, on as many threads as there are.
        let all: usize = scan.iter().map(|f| f.matches).sum();
        for limit in [1, 2, 5] {
            let (cut, outcome) = find_at_most(&dir, &query, Some(&index), limit);
            prop_assert_eq!(&cut, &first_matches(&scan, limit));
            prop_assert_eq!(outcome.more, all > limit);
        }
        prop_assert_eq!(second.indexed, 0);
        prop_assert_eq!(second.read + second.passed_over, issues.len());
        // Rewritten (its stamp changes) and removed.
        write_issue(&dir, "测试日报", 1, &changed);
        if paths.len() > 1 {
            std::fs::remove_file(&paths[paths.len() - 1]).unwrap();
        }
        let (scan, _) = find(&dir, &query, None);
        let (after, _) = find(&dir, &query, Some(&index));
        prop_assert_eq!(&after, &scan);
        // The pack written again kept the unchanged issues' filters whole.
        let (again, third) = find(&dir, &query, Some(&index));
        prop_assert_eq!(&again, &scan);
        prop_assert_eq!(third.indexed, 0);
        let _ = std::fs::remove_dir_all(&root);
    }
}

/// A library where one issue in many holds a word of its own, and all
/// hold a common one: the index passes over the issues without the word.
#[test]
fn a_rare_word_reads_only_the_issues_that_may_hold_it() {
    let (root, dir) = library("rare");
    for day in 1..=20 {
        let mut paragraphs = vec!["自治区党委深入学习，认真落实。".repeat(20)];
        if day == 7 {
            paragraphs.push("本期独有的词：鲲鹏展翅。".to_owned());
        }
        write_issue(&dir, "测试日报", day, &[paragraphs]);
    }
    let index = Index::new(root.join("cache"));
    let rare = Query::new("鲲鹏").unwrap();
    let (found, cold) = find(&dir, &rare, Some(&index));
    assert_eq!(cold.read, 20);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].date.to_string(), "2024-01-07");
    let (again, warm) = find(&dir, &rare, Some(&index));
    assert_eq!(again, found);
    assert!(warm.read <= 2, "{warm:?}");
    assert!(warm.passed_over >= 18, "{warm:?}");
    let common = Query::new("党委").unwrap();
    let (all, _) = find(&dir, &common, Some(&index));
    // Newest first.
    let dates: Vec<String> = all.iter().map(|f| f.date.to_string()).collect();
    assert_eq!(dates.len(), 20);
    assert_eq!(dates[0], "2024-01-20");
    assert_eq!(dates[19], "2024-01-01");
    let _ = std::fs::remove_dir_all(&root);
}

fn epaper(args: &[&str], cache: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_epaper"))
        .args(args)
        .env("XDG_CACHE_HOME", cache)
        .env_remove("EPAPER_CACHE_DIR")
        .output()
        .expect("epaper runs")
}

#[test]
fn the_command_says_what_it_found_and_exits_by_it() {
    let (root, dir) = library("command");
    write_issue(
        &dir,
        "测试日报",
        2,
        &[vec!["做好换届工作，换届圆满完成。".to_owned()]],
    );
    write_issue(&dir, "测试日报", 3, &[vec!["没有那个词。".to_owned()]]);
    write_issue(&dir, "另一报", 5, &[vec!["换届之后。".to_owned()]]);
    let cache = root.join("cache");
    let d = dir.to_str().unwrap();
    let found = epaper(&["search", "换届", d], &cache);
    assert_eq!(found.status.code(), Some(0));
    let out = String::from_utf8(found.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "另一报 2024-01-05 第01版 第0篇（1处）：换届之后。",
            "测试日报 2024-01-02 第01版 第0篇（2处）：做好换届工作，换届圆满完成。",
        ]
    );
    // One pack for the folder's three issues.
    assert_eq!(cache.join("epaper/search").read_dir().unwrap().count(), 1);
    let json = epaper(&["search", "--json", "换届", d], &cache);
    assert_eq!(json.status.code(), Some(0));
    let first: serde_json::Value = serde_json::from_str(
        String::from_utf8(json.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(first["publication"], "另一报");
    assert_eq!(first["date"], "2024-01-05");
    assert_eq!(first["matches"], 1);
    let none = epaper(&["search", "鲲鹏", d], &cache);
    assert_eq!(none.status.code(), Some(1));
    assert!(none.stdout.is_empty());
    let empty = epaper(&["search", " ", d], &cache);
    assert_eq!(empty.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("the query is empty"));
    let missing = epaper(
        &["search", "换届", root.join("nowhere").to_str().unwrap()],
        &cache,
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such folder"));
    let _ = std::fs::remove_dir_all(&root);
}

/// A library big enough that indexing it takes a while.
fn big_library(dir: &Path) -> Vec<PathBuf> {
    (1..=28)
        .map(|day| {
            let paragraphs: Vec<String> = (0..60)
                .map(|p| {
                    format!("第{day}期第{p}段：自治区党委深入学习，认真落实党中央部署要求。")
                        .repeat(8)
                })
                .collect();
            let articles = vec![paragraphs; 6];
            write_issue(dir, "测试日报", day, &articles)
        })
        .collect()
}

/// `epaper search` killed at many moments while it indexes (half the
/// library changed since the index was built, so the old pack is read,
/// filters are built and the pack is written again), then run to its end:
/// every answer after is a full scan's.
#[test]
fn a_kill_while_indexing_leaves_the_index_never_wrong() {
    let (root, dir) = library("kill");
    let paths = big_library(&dir);
    let cache = root.join("cache");
    let d = dir.to_str().unwrap();
    let mut landed_inside = 0;
    for round in 0..6u64 {
        // The index whole, then half the issues written again, with a word
        // of this round's.
        assert_eq!(
            epaper(&["search", "鲲鹏", d], &cache).status.code(),
            Some(1)
        );
        for (day, path) in paths
            .iter()
            .enumerate()
            .filter(|(day, _)| *day as u64 % 2 == round % 2)
        {
            let text = std::fs::read_to_string(path).unwrap();
            let marked = text.replacen("自治区", &format!("第{round}轮{day}号自治区"), 1);
            std::fs::write(path, marked).unwrap();
            age(path);
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_epaper"))
            .args(["search", "第17期第3段", d])
            .env("XDG_CACHE_HOME", &cache)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // From early in the run to about its end, as the rounds go.
        std::thread::sleep(Duration::from_millis(5 + 40 * round));
        if child.try_wait().unwrap().is_none() {
            landed_inside += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        let index = Index::new(cache.join("epaper/search"));
        for query in [
            format!("第{round}轮"),
            format!("第{round}轮3号"),
            "第17期第3段".to_owned(),
            "鲲鹏".to_owned(),
        ] {
            let query = Query::new(&query).unwrap();
            let (scan, _) = find(&dir, &query, None);
            let (indexed, _) = find(&dir, &query, Some(&index));
            assert_eq!(indexed, scan, "round {round}: {}", query.text);
        }
    }
    assert!(
        landed_inside > 0,
        "no kill came while the search was running"
    );
    let out = epaper(&["search", "第17期第3段", d], &cache);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 6);
    // Now whole: a warm search reads only what may match.
    let index = Index::new(cache.join("epaper/search"));
    let (_, warm) = find(&dir, &Query::new("第17期").unwrap(), Some(&index));
    assert!(warm.read <= 3 && warm.indexed == 0, "{warm:?}");
    let _ = std::fs::remove_dir_all(&root);
}

/// Two processes searching and indexing one library at once both answer
/// as a full scan does, and so does the index they leave.
#[test]
fn two_searches_at_once_share_the_index() {
    let (root, dir) = library("two");
    big_library(&dir);
    let cache = root.join("cache");
    let d = dir.to_str().unwrap().to_owned();
    let run = |query: &'static str| {
        let (d, cache) = (d.clone(), cache.clone());
        std::thread::spawn(move || epaper(&["search", "--json", query, &d], &cache))
    };
    let (a, b) = (run("第9期第5段"), run("第9期第5段"));
    let (a, b) = (a.join().unwrap(), b.join().unwrap());
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(String::from_utf8(a.stdout).unwrap().lines().count(), 6);
    let index = Index::new(cache.join("epaper/search"));
    let query = Query::new("第9期第5段").unwrap();
    let (scan, _) = find(&dir, &query, None);
    let (indexed, warm) = find(&dir, &query, Some(&index));
    assert_eq!(indexed, scan);
    assert_eq!(warm.indexed, 0, "{warm:?}");
    let _ = std::fs::remove_dir_all(&root);
}

/// The samples are searched too: a search of the built-in samples has no
/// file to index.
#[test]
fn issues_without_a_file_are_searched_without_the_index() {
    let library = Library::of_issues(
        epaper::samples::SAMPLES
            .iter()
            .map(|s| {
                let issue = epaper::model::load(s.bytes).unwrap().issue;
                (s.name.to_owned(), std::sync::Arc::new(issue))
            })
            .collect(),
    );
    let targets: Vec<_> = library
        .newest_first()
        .into_iter()
        .filter_map(|e| library.target(e))
        .collect();
    assert!(targets.iter().all(|t| t.issue.is_some()));
    assert!(matches!(targets[0].source, Source::File(_)));
    let root = scratch("samples");
    let index = Index::new(root.clone());
    let query = Query::new("换届").unwrap();
    let (found, outcome) = search_all(&library, &query, Some(&index), usize::MAX);
    assert!(found.len() >= 2);
    assert_eq!(outcome.indexed, 0);
    let _ = std::fs::remove_dir_all(&root);
}
