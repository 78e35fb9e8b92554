//! Opening one issue file reads it once: the header the library lists it
//! by comes from the load, not from a pass of its own. Alone in its test
//! binary, because it counts the bytes the whole process reads (Linux's
//! /proc/self/io), which other tests running beside it would add to.

#[cfg(target_os = "linux")]
#[test]
fn opening_one_issue_reads_its_file_once() {
    use epaper::commands::read::{Places, library};

    fn read_so_far() -> u64 {
        let io = std::fs::read_to_string("/proc/self/io").expect("/proc/self/io");
        io.lines()
            .find_map(|line| line.strip_prefix("rchar: "))
            .and_then(|n| n.trim().parse().ok())
            .expect("an rchar line")
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
