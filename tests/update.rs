//! Papers by name: `epaper papers`, `epaper fetch KEY`, `epaper update`
//! and `R` in the reader, against the project's fixture sites and the real
//! pages, served on 127.0.0.1 where the catalogue's URLs point.

#[path = "support/pty.rs"]
mod pty;
#[path = "support/server.rs"]
mod server;
#[path = "support/sites.rs"]
mod sites;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use epaper::fetch::http::Settings;
use epaper::fetch::{Options, Quiet, fetch};
use epaper::import::Profiles;
use server::{Behaviour, Server};
use sites::{SITES, comparable, root};

/// A folder of its own for a test: config, library, cache.
struct Home(PathBuf);

impl Home {
    fn new(name: &str) -> Home {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("update-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("epaper")).unwrap();
        Home(dir)
    }

    fn config(&self, text: &str) {
        std::fs::write(self.0.join("epaper/config.toml"), text).unwrap();
    }

    fn library(&self) -> PathBuf {
        self.0.join("issues")
    }

    fn epaper(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_epaper"))
            .args(args)
            .env("HOME", &self.0)
            .env("XDG_CONFIG_HOME", &self.0)
            .env("EPAPER_LIBRARY", self.library())
            .env("EPAPER_CACHE_DIR", self.0.join("cache"))
            .env("EPAPER_STATE_DIR", self.0.join("state"))
            .env_remove("EPAPER_CONFIG")
            .output()
            .expect("epaper runs")
    }

    fn issues(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.library())
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn site(name: &str) -> &'static sites::Site {
    SITES.iter().find(|s| s.name == name).unwrap()
}

/// A config whose catalogue points 人民日报 (rmrb) at the People's Daily
/// fixture site and 江城日报 (jcrb) at the Founder one, and follows
/// `follow`.
fn catalogue(rmrb: &Server, jcrb: &Server, follow: &[&str]) -> String {
    let follow: Vec<String> = follow.iter().map(|f| format!("\"{f}\"")).collect();
    format!(
        "[papers]\nfollow = [{}]\n\n\
         [catalogue.rmrb]\nname = \"人民日报\"\nscope = \"national\"\nplatform = \"people-daily-pc\"\n\
         url = \"{}rmrb/pc/layout/{{yyyy}}{{mm}}/{{dd}}/node_01.html\"\n\n\
         [catalogue.jcrb]\nname = \"江城日报\"\nscope = \"city\"\nplatform = \"founder\"\n\
         url = \"{}jcrb/html/{{yyyy}}-{{mm}}/{{dd}}/node_11.htm\"\n",
        follow.join(", "),
        rmrb.base,
        jcrb.base
    )
}

#[test]
fn papers_lists_the_catalogue_with_what_the_config_adds_and_follows() {
    let home = Home::new("papers");
    let output = home.epaper(&["papers"]);
    assert!(output.status.success());
    let listed = text(&output.stdout);
    for (key, name) in [
        ("rmrb", "人民日报"),
        ("gmrb", "光明日报"),
        ("jjrb", "经济日报"),
        ("kjrb", "科技日报"),
        ("zgqnb", "中国青年报"),
    ] {
        let line = listed
            .lines()
            .find(|l| l.split_whitespace().next() == Some(key));
        assert!(
            line.is_some_and(|l| l.contains(name)),
            "{key} {name}:\n{listed}"
        );
    }
    home.config(
        "[papers]\nfollow = [\"光明日报\"]\n[catalogue.jhrb]\nname = \"江湖日报\"\nurl = \"http://127.0.0.1:9/html/{yyyy}-{mm}/{dd}/node_2.htm\"\n",
    );
    let listed = text(&home.epaper(&["papers"]).stdout);
    assert!(listed.lines().any(|l| l.starts_with("* gmrb")), "{listed}");
    assert!(
        listed
            .lines()
            .any(|l| l.starts_with("+ jhrb") && l.contains("江湖日报")),
        "{listed}"
    );
    // A followed name the catalogue lacks is an error at its place.
    home.config("[papers]\nfollow = [\"无名报\"]\n");
    let output = home.epaper(&["papers"]);
    assert!(!output.status.success());
    assert!(
        text(&output.stderr).contains("config.toml:2:11"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn papers_reads_the_config_named_by_config_before_or_after_it() {
    let home = Home::new("papers-config");
    let other = home.0.join("other.toml");
    std::fs::write(&other, "[papers]\nfollow = [\"kjrb\"]\n").unwrap();
    let other = other.to_str().unwrap();
    for args in [["--config", other, "papers"], ["papers", "--config", other]] {
        let output = home.epaper(&args);
        assert!(output.status.success(), "{}", text(&output.stderr));
        let listed = text(&output.stdout);
        assert!(listed.lines().any(|l| l.starts_with("* kjrb")), "{listed}");
    }
}

#[test]
fn a_paper_is_fetched_by_its_key_or_its_name() {
    let rmrb = Server::start(site("rmrb-2025").dir(), Behaviour::default());
    let jcrb = Server::start(site("founder").dir(), Behaviour::default());
    let home = Home::new("by-name");
    home.config(&catalogue(&rmrb, &jcrb, &[]));
    let output = home.epaper(&[
        "fetch",
        "rmrb",
        "--date",
        "2025-01-06",
        "--delay",
        "0",
        "--no-images",
    ]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let path = home.library().join("人民日报-2025-01-06.json");
    let issue = epaper::model::load(&std::fs::read(&path).unwrap())
        .unwrap()
        .issue;
    assert_eq!(comparable(issue), comparable(site("rmrb-2025").expected()));
    // By name, a day the site has no issue of.
    let output = home.epaper(&[
        "fetch",
        "人民日报",
        "--date",
        "2025-01-07",
        "--delay",
        "0",
        "--no-images",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let said = text(&output.stderr);
    assert!(
        said.contains("no issue of 人民日报 on 2025-01-07"),
        "{said}"
    );
    assert!(said.contains("202501/07/node_01.html"), "{said}");
    // Neither a URL nor a paper.
    let output = home.epaper(&["fetch", "无名报"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("`epaper papers` lists them"));
}

#[test]
fn update_fetches_the_days_the_library_lacks_and_says_how_it_went() {
    let rmrb = Server::start(site("rmrb-2025").dir(), Behaviour::default());
    let jcrb = Server::start(site("founder").dir(), Behaviour::default());
    let home = Home::new("update");
    home.config(&catalogue(&rmrb, &jcrb, &["rmrb"]));
    // Nothing kept yet: the day asked for alone.
    let output = home.epaper(&[
        "update",
        "--until",
        "2025-01-06",
        "--delay",
        "0",
        "--no-images",
    ]);
    let said = text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert!(said.contains("人民日报 (rmrb): 1 day to fetch"), "{said}");
    assert!(said.contains("2025-01-06: 2 pages"), "{said}");
    assert_eq!(home.issues(), ["人民日报-2025-01-06.json"]);
    // Again: up to date, and the site is not asked.
    let asked = rmrb.requests().len();
    let output = home.epaper(&[
        "update",
        "--until",
        "2025-01-06",
        "--delay",
        "0",
        "--no-images",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        text(&output.stderr).contains("up to date"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(rmrb.requests().len(), asked);
    // Two days on from the last kept: both asked for, neither there.
    let output = home.epaper(&[
        "update",
        "--until",
        "2025-01-08",
        "--delay",
        "0",
        "--no-images",
    ]);
    let said = text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert!(said.contains("2025-01-07: no issue on the site"), "{said}");
    assert!(said.contains("2025-01-08: no issue on the site"), "{said}");
    // Told where to start: the kept day is skipped.
    let output = home.epaper(&[
        "update",
        "rmrb",
        "--since",
        "2025-01-05",
        "--until",
        "2025-01-06",
        "--delay",
        "0",
        "--no-images",
    ]);
    let said = text(&output.stderr);
    assert!(said.contains("1 day to fetch, 1 already here"), "{said}");
    // A paper whose issue has a gap: exit status 3.
    let output = home.epaper(&[
        "update",
        "jcrb",
        "--until",
        "2025-03-14",
        "--delay",
        "0",
        "--no-images",
    ]);
    let said = text(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{said}");
    assert!(said.contains("could not be fetched"), "{said}");
    assert!(
        home.issues()
            .contains(&"江城日报-2025-03-14.json".to_owned())
    );
}

#[test]
fn a_site_that_answers_a_missing_day_with_another_day_s_issue_gets_nothing_filed() {
    let mut behaviour = Behaviour::default();
    behaviour.redirects.insert(
        "rmrb/pc/layout/202501/07/node_01.html".to_owned(),
        "rmrb/pc/layout/202501/06/node_01.html".to_owned(),
    );
    let rmrb = Server::start(site("rmrb-2025").dir(), behaviour);
    let jcrb = Server::start(root().join("none"), Behaviour::default());
    let home = Home::new("other-day");
    home.config(&catalogue(&rmrb, &jcrb, &["rmrb"]));
    let output = home.epaper(&[
        "update",
        "--until",
        "2025-01-07",
        "--delay",
        "0",
        "--no-images",
    ]);
    let said = text(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{said}");
    assert!(
        said.contains("2025-01-07: no issue on the site (it shows the issue of 2025-01-06)"),
        "{said}"
    );
    assert!(home.issues().is_empty(), "{:?}", home.issues());
    let output = home.epaper(&[
        "fetch",
        "rmrb",
        "--date",
        "2025-01-07",
        "--delay",
        "0",
        "--no-images",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("shows the issue of 2025-01-06"),
        "{}",
        text(&output.stderr)
    );
    // A day the catalogue has no URL for is a failure that names why.
    home.config("[papers]\nfollow = [\"kjrb\"]\n");
    let output = home.epaper(&[
        "update",
        "--until",
        "2026-01-03",
        "--delay",
        "0",
        "--no-images",
    ]);
    let said = text(&output.stderr);
    assert_eq!(output.status.code(), Some(4), "{said}");
    assert!(
        said.contains("the catalogue has no URL for this day: the site moved"),
        "{said}"
    );
}

#[test]
fn update_says_which_day_failed_with_exit_status_4_and_1_when_nothing_is_followed() {
    let home = Home::new("failed");
    home.config("[papers]\nfollow = [\"gone\"]\n[catalogue.gone]\nname = \"停刊日报\"\nurl = \"http://127.0.0.1:9/{yyyy}{mm}{dd}/node_1.htm\"\n");
    let output = home.epaper(&[
        "update",
        "--until",
        "2025-01-06",
        "--delay",
        "0",
        "--timeout",
        "1",
    ]);
    let said = text(&output.stderr);
    assert_eq!(output.status.code(), Some(4), "{said}");
    assert!(said.contains("2025-01-06: failed: cannot fetch"), "{said}");
    home.config("");
    let output = home.epaper(&["update"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("no paper is followed"),
        "{}",
        text(&output.stderr)
    );
}

/// Options for fetching in the test's process.
fn options(out: &Path) -> Options {
    Options {
        date: None,
        publication: None,
        out_dir: out.to_owned(),
        cache_root: None,
        http: Settings {
            timeout: Duration::from_secs(5),
            retries: 0,
            backoff: Duration::from_millis(10),
        },
        workers: 4,
        delay: Duration::ZERO,
        profiles: Profiles::default(),
        day: None,
        // The fixture sites hold no picture files.
        pictures: false,
    }
}

#[test]
fn the_real_pages_served_where_their_sites_put_them_fetch_as_they_import() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-pages");
    if !dir.is_dir() {
        eprintln!(
            "skipped: {} is not here, so the real pages are not fetched",
            dir.display()
        );
        return;
    }
    let server = Server::start(dir.clone(), Behaviour::default());
    let out = Home::new("real");
    let pages = [
        ("kjrb/kjrb/html/2023-02/10/node_2.htm", "科技日报", 8, 5),
        (
            "rmrb/rmrb/pc/layout/202603/10/node_01.html",
            "人民日报",
            20,
            7,
        ),
        ("lswb/pc/layout/202408/19/node_A01.html", "辽沈晚报", 7, 7),
        ("glrb/20241011/Page01BC.htm", "桂林日报", 8, 8),
        (
            "nmrb/html/20240909/20240909_001/20240909_001.htm",
            "农民日报",
            8,
            9,
        ),
        ("shannanbao/html/2024-07/19/node_7.htm", "山南报", 4, 6),
        ("kfrb/newspaper.html", "开封日报", 8, 0),
        ("yyrb/newsepaper/node_1.html", "岳阳日报", 4, 13),
    ];
    for (path, name, page_count, headlines) in pages {
        let fetched = fetch(&server.url(path), &options(&out.library()), &Quiet)
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        let issue = &fetched.issue;
        assert_eq!(issue.publication, name, "{path}");
        assert_eq!(issue.pages.len(), page_count, "{path}");
        assert_eq!(issue.pages[0].articles.len(), headlines, "{path}");
        // The other pages and the articles are not in the folder: gaps,
        // each a page of the site the first page links to.
        assert!(
            fetched.gaps.iter().all(|g| g.url.starts_with(&server.base)),
            "{path}"
        );
    }
    // The banci system's page list is a script's array: the other pages'
    // URLs are the first page's with the label changed, and were asked for.
    let asked = server.requests();
    assert!(
        asked
            .iter()
            .any(|p| p.ends_with("20240909_002/20240909_002.htm")),
        "{asked:?}"
    );
    // The headlines of rows with an onclick were followed to their articles.
    assert!(
        asked
            .iter()
            .any(|p| p.ends_with("20240909_001/20240909_001_1.htm")),
        "{asked:?}"
    );
}

#[test]
fn r_in_the_reader_fetches_the_papers_followed_in_the_background() {
    // R fetches today's issue: the People's Daily fixture, dated today.
    let today = epaper::papers::today();
    let (yyyy, mm, dd) = (
        format!("{:04}", today.year()),
        format!("{:02}", today.month()),
        format!("{:02}", today.day()),
    );
    let site = Home::new("reader-site");
    let from = site_of_today(&site.0, &yyyy, &mm, &dd);
    let rmrb = Server::start(from, Behaviour::default());
    let jcrb = Server::start(root().join("none"), Behaviour::default());
    let home = Home::new("reader");
    home.config(&catalogue(&rmrb, &jcrb, &["rmrb"]));
    let config = home.0.join("epaper/config.toml");
    let library = home.library();
    let mut session = pty::Session::start_with(
        &["--ambiguous-width", "narrow"],
        100,
        30,
        &[
            ("EPAPER_CONFIG", config.to_str().unwrap()),
            ("EPAPER_LIBRARY", library.to_str().unwrap()),
        ],
    );
    // The library is empty: the samples show.
    session.wait_for("第A01版");
    session.send("R");
    session.wait_for_all(&["更新完毕", "新到 1 期"]);
    assert!(library.join(format!("人民日报-{today}.json")).is_file());
    // The new issue is open, and in 往期阅读.
    session.wait_for("人民日报");
    session.send("i");
    session.wait_for(&yyyy);
    session.send("q");
    session.send("q");
    assert!(session.wait_exit());
}

/// The People's Daily fixture site copied under `dir`, its day (folders,
/// links and printed dates) made the one given.
fn site_of_today(dir: &Path, yyyy: &str, mm: &str, dd: &str) -> PathBuf {
    let root = site("rmrb-2025").dir();
    let mut stack = vec![root.clone()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let moved = relative.replace("202501/06", &format!("{yyyy}{mm}/{dd}"));
            let text = std::fs::read_to_string(&path)
                .unwrap()
                .replace("202501/06", &format!("{yyyy}{mm}/{dd}"))
                .replace("2025年01月06日", &format!("{yyyy}年{mm}月{dd}日"));
            let to = dir.join(moved);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::write(to, text).unwrap();
        }
    }
    dir.to_owned()
}
