//! The library: a folder of issue files listed by header, grouped by
//! publication newest first, with bad and duplicate files listed as errors,
//! and an index that spares reading unchanged files again.

use std::path::{Path, PathBuf};

use epaper::library::Library;

/// The search index, in this test program so as not to link another.
#[path = "library/search_index.rs"]
mod search_index;

/// A folder of its own under the system's temporary folder, removed after.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str) -> Folder {
        let path =
            std::env::temp_dir().join(format!("epaper-library-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Folder(path)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn issue(publication: &str, date: &str, pages: usize) -> String {
    let pages: Vec<String> = (1..=pages)
        .map(|n| format!(r#"{{"label": "{n:02}", "name": "", "articles": [{{"title": "第{n}版的文章", "paragraphs": ["正文。"]}}]}}"#))
        .collect();
    format!(
        r#"{{"format": 1, "publication": "{publication}", "date": "{date}", "pages": [{}]}}"#,
        pages.join(", ")
    )
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn good_bad_and_duplicate_issues() {
    let folder = Folder::new("mixed");
    let dir = &folder.0;
    write(
        dir,
        "a/rmrb-2024-12-01.json",
        &issue("人民日报", "2024-12-01", 20),
    );
    write(
        dir,
        "a/rmrb-2024-12-02.json",
        &issue("人民日报", "2024-12-02", 24),
    );
    write(
        dir,
        "b/gmrb-2024-11-30.json",
        &issue("光明日报", "2024-11-30", 12),
    );
    write(
        dir,
        "b/nested/deeper/rmrb-2024-11-29.json",
        &issue("人民日报", "2024-11-29", 16),
    );
    write(
        dir,
        "c/truncated.json",
        r#"{"format": 1, "publication": "人民日报", "#,
    );
    write(
        dir,
        "c/newer.json",
        r#"{"format": 3, "publication": "人民日报", "date": "2030-01-01", "pages": [1]}"#,
    );
    write(
        dir,
        "z-copy-of-1201.json",
        &issue("人民日报", "2024-12-01", 20),
    );
    write(dir, "notes.txt", "not an issue");
    write(dir, ".hidden.json", &issue("隐藏", "2024-12-01", 1));
    let library = Library::scan(dir, None).unwrap();

    let names: Vec<&str> = library
        .publications
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["人民日报", "光明日报"], "newest first");
    let dates: Vec<String> = library.publications[0]
        .issues
        .iter()
        .map(|&i| library.entries[i].header.as_ref().unwrap().date.to_string())
        .collect();
    assert_eq!(dates, ["2024-12-02", "2024-12-01", "2024-11-29"]);
    assert_eq!(
        library.entries[library.publications[0].issues[0]]
            .header
            .as_ref()
            .unwrap()
            .pages,
        24
    );

    let failures: Vec<&str> = library.failures().map(|(_, e)| e).collect();
    assert_eq!(failures.len(), 3, "{failures:#?}");
    assert!(
        failures
            .iter()
            .any(|e| e.contains("truncated.json:1:") && e.contains("truncated"))
    );
    assert!(
        failures
            .iter()
            .any(|e| e.contains("newer.json") && e.contains("needs a newer epaper"))
    );
    assert!(
        failures.iter().any(|e| e.contains("z-copy-of-1201.json")
            && e.contains("the same issue (人民日报 2024-12-01)"))
    );

    // 上一期 / 下一期 within a publication.
    let newest = library.publications[0].issues[0];
    let middle = library.neighbour(newest, false).unwrap();
    assert_eq!(
        library.entries[middle]
            .header
            .as_ref()
            .unwrap()
            .date
            .to_string(),
        "2024-12-01"
    );
    assert_eq!(library.neighbour(middle, true), Some(newest));
    assert_eq!(library.neighbour(newest, true), None);
}

#[test]
fn an_unchanged_file_is_listed_from_the_index_without_being_read() {
    let folder = Folder::new("index");
    let dir = folder.0.join("issues");
    let cache = folder.0.join("cache").join("index.json");
    let path = write(&dir, "rmrb.json", &issue("人民日报", "2024-12-01", 20));
    let first = Library::scan(&dir, Some(&cache)).unwrap();
    assert_eq!(first.publications.len(), 1);
    assert!(cache.exists());

    // The same size and time, but no longer an issue: only the index can
    // still say what it was.
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    std::fs::write(&path, "x".repeat(usize::try_from(size).unwrap())).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let second = Library::scan(&dir, Some(&cache)).unwrap();
    assert_eq!(second.publications.len(), 1, "listed from the index");

    // Changed in time: read again, and now it is not an issue.
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified + std::time::Duration::from_secs(5))
        .unwrap();
    let third = Library::scan(&dir, Some(&cache)).unwrap();
    assert_eq!(third.publications.len(), 0);
    assert_eq!(third.failures().count(), 1);
}

#[test]
fn a_file_whose_name_is_not_utf8_is_listed_and_the_index_kept() {
    use std::os::unix::ffi::OsStrExt;
    let folder = Folder::new("not-utf8");
    let dir = folder.0.join("issues");
    let cache = folder.0.join("cache").join("index.json");
    write(&dir, "rmrb.json", &issue("人民日报", "2024-12-01", 2));
    let odd = dir.join(std::ffi::OsStr::from_bytes(b"gmrb-\xff\xfe.json"));
    std::fs::write(&odd, issue("光明日报", "2024-12-01", 2)).unwrap();
    let library = Library::scan(&dir, Some(&cache)).unwrap();
    assert_eq!(library.publications.len(), 2, "both are listed");
    let index = std::fs::read_to_string(&cache).expect("the index is written");
    assert!(index.contains("rmrb.json"), "{index}");
}

#[test]
fn opening_loads_the_body_and_reports_what_the_header_did_not_see() {
    let folder = Folder::new("open");
    let dir = &folder.0;
    write(dir, "good.json", &issue("人民日报", "2024-12-01", 3));
    // A header that reads, a body that does not: two pages labelled 01.
    let bad = issue("人民日报", "2024-12-02", 2).replace("\"02\"", "\"01\"");
    write(dir, "bad.json", &bad);
    let mut library = Library::scan(dir, None).unwrap();
    assert_eq!(library.publications[0].issues.len(), 2);
    let newest = library.publications[0].issues[0];
    let error = library.open(newest).unwrap_err();
    assert!(error.contains("page label \"01\" is used twice"), "{error}");
    assert_eq!(
        library.publications[0].issues.len(),
        1,
        "now listed as failed"
    );
    let good = library.publications[0].issues[0];
    assert_eq!(library.open(good).unwrap().pages.len(), 3);
}

#[test]
fn eight_issues_stay_in_memory_the_least_recently_opened_leaving_first() {
    let folder = Folder::new("kept");
    for day in 1..=10 {
        let date = format!("2024-12-{day:02}");
        write(
            &folder.0,
            &format!("{date}.json"),
            &issue("人民日报", &date, 2),
        );
    }
    let mut library = Library::scan(&folder.0, None).unwrap();
    let entries: Vec<usize> = library.publications[0].issues.clone();
    for &entry in &entries[..8] {
        library.open(entry).unwrap();
    }
    // The first opened is opened again: now the most recent.
    library.open(entries[0]).unwrap();
    library.open(entries[8]).unwrap();
    library.open(entries[9]).unwrap();
    let kept: Vec<bool> = entries.iter().map(|&e| library.is_loaded(e)).collect();
    assert_eq!(
        kept,
        [true, false, false, true, true, true, true, true, true, true]
    );
    // One dropped is read again from its file.
    let issue = library.open(entries[1]).unwrap();
    assert_eq!(issue.pages.len(), 2);
    assert!(library.is_loaded(entries[1]));
}

/// The bytes this process has read so far.
#[cfg(target_os = "linux")]
fn read_so_far() -> u64 {
    let io = std::fs::read_to_string("/proc/self/io").expect("/proc/self/io");
    io.lines()
        .find_map(|line| line.strip_prefix("rchar: "))
        .and_then(|n| n.trim().parse().ok())
        .expect("an rchar line")
}

/// Opening one issue file reads it once: the header the library lists it
/// by comes from the load, not from a pass of its own. The bytes read are
/// counted for the whole process (Linux's /proc/self/io), so the count is
/// made in a process of its own: this test program again, running this
/// test alone.
#[cfg(target_os = "linux")]
#[test]
fn opening_one_issue_reads_its_file_once() {
    use epaper::commands::read::{Places, library};
    const ALONE: &str = "EPAPER_TEST_READ_ONCE";
    if std::env::var_os(ALONE).is_none() {
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "opening_one_issue_reads_its_file_once",
                "--nocapture",
            ])
            .env(ALONE, "1")
            .output()
            .expect("the test program runs again");
        assert!(
            out.status.success(),
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("1 passed"));
        return;
    }

    // An issue of some megabytes: the sample's pages many times over.
    let sample = include_str!("../sample-issues/nmgrb-2021-11-05.json");
    let mut issue: serde_json::Value = serde_json::from_str(sample).unwrap();
    let pages = issue["pages"].as_array().unwrap().clone();
    let many: Vec<serde_json::Value> = (0..600)
        .flat_map(|n| {
            pages.iter().map(move |page| {
                let mut page = page.clone();
                page["label"] = serde_json::Value::String(format!("{n}-{}", page["label"]));
                // Ids and the links between fragments are an issue's own.
                for article in page["articles"].as_array_mut().unwrap() {
                    let article = article.as_object_mut().unwrap();
                    article.remove("id");
                    article.remove("continues");
                }
                page
            })
        })
        .collect();
    issue["pages"] = serde_json::Value::Array(many);
    let dir = std::env::temp_dir().join(format!("epaper-read-once-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("issue.json");
    std::fs::write(&file, serde_json::to_vec(&issue).unwrap()).unwrap();
    let size = std::fs::metadata(&file).unwrap().len();
    assert!(size > 4 << 20, "{size} bytes");

    let places = Places {
        library: None,
        state: None,
        index: None,
        search: None,
    };
    let before = read_so_far();
    let (mut opened, start) = library(Some(&file), &places).expect("the issue opens");
    let read = read_so_far() - before;
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(start, Some(0));
    assert!(opened.is_loaded(0));
    assert_eq!(opened.open(0).unwrap().pages.len(), 600 * pages.len());
    assert!(
        read < size + size / 2,
        "{read} bytes read for a file of {size}"
    );
}
