//! `epaper fetch` against the fixture sites, served on 127.0.0.1 by a
//! small server that can be slow, fail, redirect and count: each site
//! fetches into its expected issue; gaps, timeouts, retries, the cache,
//! concurrency and network failure behave as the command promises.

#[path = "support/pty.rs"]
mod pty;
#[path = "support/server.rs"]
mod server;
#[path = "support/sites.rs"]
mod sites;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use epaper::fetch::http::{Failure, Settings};
use epaper::fetch::{FetchError, Fetched, Options, Quiet, fetch};
use epaper::model::Date;
use server::{Behaviour, Server, scratch};
use sites::{SITES, Site, comparable};

fn options(dir: &Path) -> Options {
    Options {
        date: None,
        publication: None,
        out_dir: dir.join("issues"),
        cache_root: Some(dir.join("cache")),
        http: Settings {
            timeout: Duration::from_secs(10),
            retries: 3,
            backoff: Duration::from_millis(20),
        },
        workers: 4,
        delay: Duration::ZERO,
        profiles: epaper::import::Profiles::default(),
        day: None,
        // The fixture sites hold no picture files; the tests of pictures
        // serve some and turn this on.
        pictures: false,
    }
}

fn serve(site: &Site, behaviour: Behaviour) -> Server {
    Server::start(site.dir(), behaviour)
}

/// A copy of the site's files at `root`, to be changed by a test.
fn copy_site(site: &Site, root: &Path) -> PathBuf {
    for file in site.files() {
        let relative = file.strip_prefix(site.dir()).unwrap();
        std::fs::create_dir_all(root.join(relative).parent().unwrap()).unwrap();
        std::fs::copy(&file, root.join(relative)).unwrap();
    }
    root.to_owned()
}

fn gap_keys(fetched: &Fetched) -> Vec<String> {
    let mut keys: Vec<String> = fetched
        .gaps
        .iter()
        .map(|g| epaper::import::link_key(&g.url))
        .collect();
    keys.sort();
    keys
}

#[test]
fn each_site_fetches_into_its_expected_issue() {
    for site in SITES {
        let mut behaviour = Behaviour::default();
        if site.name == "rmrb-2024" {
            // The People's Daily fixture of 2024 is served as GB18030.
            behaviour
                .charsets
                .push((String::new(), "GB18030".to_owned()));
        }
        let server = serve(site, behaviour);
        let dir = scratch(site.name);
        let fetched = fetch(&server.url(site.first_page), &options(&dir), &Quiet)
            .unwrap_or_else(|e| panic!("{}: {e}", site.name));
        let written = std::fs::read(&fetched.path).unwrap();
        let issue = epaper::model::load(&written)
            .expect("the written issue loads")
            .issue;
        assert_eq!(
            issue.source.as_deref(),
            Some(server.url(site.first_page).as_str())
        );
        assert_eq!(
            comparable(issue.clone()),
            comparable(site.expected()),
            "{}",
            site.name
        );
        // Pictures are located on the site.
        for image in issue
            .pages
            .iter()
            .flat_map(|p| &p.articles)
            .flat_map(|a| &a.images)
        {
            assert!(
                image.src.as_deref().unwrap().starts_with(&server.base),
                "{image:?}"
            );
        }
        let missing: Vec<String> = site.missing.iter().map(|m| (*m).to_owned()).collect();
        assert_eq!(gap_keys(&fetched), missing, "{}", site.name);
        assert!(
            fetched
                .gaps
                .iter()
                .all(|g| g.failure == Failure::Status(404))
        );
        let name = fetched
            .path
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(name, format!("{}-{}.json", issue.publication, issue.date));
        let agents = server.seen.lock().unwrap().agents.clone();
        assert!(
            agents
                .iter()
                .all(|a| a.starts_with(&format!("epaper/{}", env!("CARGO_PKG_VERSION")))),
            "{agents:?}"
        );
    }
}

#[test]
fn an_entry_page_and_a_date_lead_to_the_day() {
    let site = &SITES[2];
    let server = serve(site, Behaviour::default());
    let dir = scratch("dated");
    let mut options = options(&dir);
    options.date = Date::new(2025, 1, 6);
    let fetched = fetch(&server.url("rmrb/pc/layout/index.html"), &options, &Quiet).unwrap();
    assert_eq!(comparable(fetched.issue), comparable(site.expected()));
    assert_eq!(
        server.requests()[0],
        "rmrb/pc/layout/202501/06/node_01.html"
    );
    // A day the site does not have.
    options.date = Date::new(2025, 1, 7);
    let error = fetch(&server.url("rmrb/pc/layout/index.html"), &options, &Quiet).unwrap_err();
    assert!(
        matches!(
            &error,
            FetchError::NoIssue {
                failure: Failure::Status(404),
                ..
            }
        ),
        "{error}"
    );
    assert!(
        error.to_string().contains("202501/07/node_01.html"),
        "{error}"
    );
}

#[test]
fn redirects_and_refreshing_entry_pages_are_followed() {
    let site = &SITES[0];
    let mut behaviour = Behaviour::default();
    behaviour
        .redirects
        .insert("today".to_owned(), "jcrb/paperindex.htm".to_owned());
    let server = serve(site, behaviour);
    let dir = scratch("redirect");
    let fetched = fetch(&server.url("today"), &options(&dir), &Quiet).unwrap();
    assert_eq!(comparable(fetched.issue), comparable(site.expected()));
    let requests = server.requests();
    assert_eq!(
        requests[..3],
        [
            "today",
            "jcrb/paperindex.htm",
            "jcrb/html/2025-03/14/node_11.htm"
        ]
    );
}

#[test]
fn a_slow_page_arrives_and_one_slower_than_the_timeout_is_a_gap() {
    let site = &SITES[0];
    let slow = "jcrb/html/2025-03/14/content_11_1002.htm";
    let slower = "jcrb/html/2025-03/14/content_13_1021.htm";
    let mut behaviour = Behaviour::default();
    behaviour
        .slow
        .insert(slow.to_owned(), Duration::from_millis(300));
    behaviour
        .slow
        .insert(slower.to_owned(), Duration::from_secs(3));
    let server = serve(site, behaviour);
    let dir = scratch("slow");
    let mut options = options(&dir);
    options.http.timeout = Duration::from_secs(1);
    options.http.retries = 1;
    let fetched = fetch(&server.url(site.first_page), &options, &Quiet).unwrap();
    assert_eq!(
        gap_keys(&fetched),
        ["content_13_1021.htm", "content_13_1022.htm"]
    );
    let timed_out = fetched
        .gaps
        .iter()
        .find(|g| g.url.ends_with("content_13_1021.htm"))
        .unwrap();
    assert_eq!(timed_out.failure, Failure::Timeout(1));
    let titles: Vec<&str> = fetched
        .issue
        .pages
        .iter()
        .flat_map(|p| &p.articles)
        .filter(|a| !a.paragraphs.is_empty())
        .map(|a| a.title.as_str())
        .collect();
    assert!(
        titles.contains(&"江城地铁三号线试运行"),
        "the slow page arrived"
    );
    // Asked twice: the first time and one retry.
    assert_eq!(server.requests().iter().filter(|p| *p == slower).count(), 2);
}

#[test]
fn transient_failures_are_retried_and_missing_pages_are_not() {
    let site = &SITES[0];
    let flaky = "jcrb/html/2025-03/14/content_12_1012.htm";
    let mut behaviour = Behaviour::default();
    behaviour.failing.insert(flaky.to_owned(), (503, 2));
    let server = serve(site, behaviour);
    let dir = scratch("retry");
    let fetched = fetch(&server.url(site.first_page), &options(&dir), &Quiet).unwrap();
    assert_eq!(gap_keys(&fetched), ["content_13_1022.htm"]);
    let requests = server.requests();
    assert_eq!(requests.iter().filter(|p| *p == flaky).count(), 3);
    let missing = "jcrb/html/2025-03/14/content_13_1022.htm";
    assert_eq!(requests.iter().filter(|p| *p == missing).count(), 1);
}

#[test]
fn an_interrupted_fetch_resumes_from_its_cache() {
    let site = &SITES[0];
    let down = "jcrb/html/2025-03/14/node_13.htm";
    let mut behaviour = Behaviour::default();
    behaviour.failing.insert(down.to_owned(), (500, 100));
    let server = serve(site, behaviour);
    let dir = scratch("resume");
    let mut options = options(&dir);
    options.http.retries = 0;
    let first = fetch(&server.url(site.first_page), &options, &Quiet).unwrap();
    assert_eq!(gap_keys(&first), ["node_13.htm"]);
    assert!(
        first.issue.pages[2].articles.is_empty(),
        "page B01 is a gap"
    );
    let asked = server.requests().len();
    server.behaviour.lock().unwrap().failing.clear();
    let second = fetch(&server.url(site.first_page), &options, &Quiet).unwrap();
    assert_eq!(gap_keys(&second), ["content_13_1022.htm"]);
    assert_eq!(comparable(second.issue), comparable(site.expected()));
    let again: Vec<String> = server.requests()[asked..].to_vec();
    // The first page, the page that failed, its articles, and the missing
    // article: nothing that had arrived is asked for again.
    let mut again_sorted = again.clone();
    again_sorted.sort();
    assert_eq!(
        again_sorted,
        [
            "jcrb/html/2025-03/14/content_13_1021.htm",
            "jcrb/html/2025-03/14/content_13_1022.htm",
            "jcrb/html/2025-03/14/node_11.htm",
            "jcrb/html/2025-03/14/node_13.htm",
        ]
    );
    assert!(second.from_cache > 0);
}

#[test]
fn no_more_than_four_requests_at_once() {
    let site = &SITES[0];
    let behaviour = Behaviour {
        pause: Duration::from_millis(60),
        ..Behaviour::default()
    };
    let server = serve(site, behaviour);
    let dir = scratch("parallel");
    let mut options = options(&dir);
    options.workers = 8;
    fetch(&server.url(site.first_page), &options, &Quiet).unwrap();
    let most = server.seen.lock().unwrap().most_at_once;
    assert!((2..=4).contains(&most), "{most} requests at once");
}

#[test]
fn the_command_reports_gaps_with_exit_status_3_and_network_failure_with_1() {
    let site = &SITES[1];
    let server = serve(site, Behaviour::default());
    let dir = scratch("command");
    let run = |url: &str| {
        Command::new(env!("CARGO_BIN_EXE_epaper"))
            .args(["fetch", url, "-o"])
            .arg(dir.join("issues"))
            // The fixture site holds no picture files.
            .args(["--delay", "0", "--no-images"])
            .env("EPAPER_CACHE_DIR", dir.join("cache"))
            .output()
            .unwrap()
    };
    let output = run(&server.url(site.first_page));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("人民日报 2024-05-20, 3 pages, 5 articles"),
        "{stderr}"
    );
    assert!(
        stderr.contains("\n1 article could not be fetched and is left out:\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("nw.D110000renmrb_20240520_1-03.htm: the server answered 404"),
        "{stderr}"
    );
    assert!(dir.join("issues/人民日报-2024-05-20.json").exists());

    // Nothing listens on the port of a server that is gone.
    let gone = server.url(site.first_page);
    drop(server);
    std::thread::sleep(Duration::from_millis(100));
    let output = run(&gone);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with(&format!("epaper: cannot fetch {gone}: ")),
        "{stderr}"
    );
    let written: Vec<_> = std::fs::read_dir(dir.join("issues")).unwrap().collect();
    assert_eq!(written.len(), 1, "no temporary file is left");
}

#[test]
fn a_fetch_killed_halfway_leaves_no_issue_and_resumes() {
    let site = &SITES[0];
    let behaviour = Behaviour {
        pause: Duration::from_millis(150),
        ..Behaviour::default()
    };
    let server = serve(site, behaviour);
    let dir = scratch("killed");
    let command = || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_epaper"));
        command
            .args(["fetch", &server.url(site.first_page), "-o"])
            .arg(dir.join("issues"))
            // The fixture site holds no picture files.
            .args(["--delay", "0", "--no-images"])
            .env("EPAPER_CACHE_DIR", dir.join("cache"));
        command
    };
    let mut child = command()
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // The first page and some of the others, then the process is killed.
    while server.requests().len() < 6 {
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let asked = server.requests().len();
    assert!(
        !dir.join("issues").exists() || std::fs::read_dir(dir.join("issues")).unwrap().count() == 0
    );
    server.behaviour.lock().unwrap().pause = Duration::ZERO;
    let output = command().output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("from the last, unfinished fetch"),
        "{stderr}"
    );
    let again = server.requests().len() - asked;
    // The whole site is fourteen requests (four pages, nine articles, one
    // missing); at least four had arrived whole before the kill, and they
    // are not asked for again (the first page always is).
    assert!(again <= 11, "{again} requests the second time");
    let written = std::fs::read(dir.join("issues/江城日报-2025-03-14.json")).unwrap();
    let issue = epaper::model::load(&written).unwrap().issue;
    assert_eq!(comparable(issue), comparable(site.expected()));
}

#[test]
fn links_off_the_site_and_not_over_http_are_not_followed() {
    let site = &SITES[0];
    let dir = scratch("offsite");
    // A copy of the site whose front page also links to an advertiser, a
    // script and a mail address.
    let root = copy_site(site, &dir.join("site"));
    let front = root.join(site.first_page);
    let page = std::fs::read_to_string(&front).unwrap().replace(
        "</UL>",
        "<LI><a href=http://ads.example.invalid/buy.htm>广告：买房</a></LI>\
         <LI><a href=\"javascript:void(0)\">上一篇</a></LI><LI><a href=mailto:x@y.cn>联系我们</a></LI></UL>",
    );
    std::fs::write(&front, page).unwrap();
    let server = Server::start(root, Behaviour::default());
    let fetched = fetch(&server.url(site.first_page), &options(&dir), &Quiet).unwrap();
    assert_eq!(gap_keys(&fetched), ["content_13_1022.htm"]);
    assert!(server.requests().iter().all(|p| p.starts_with("jcrb/")));
}

#[test]
fn a_redirect_to_another_site_is_not_followed_and_is_a_gap() {
    let site = &SITES[0];
    let dir = scratch("redirect-offsite");
    // Another site on another port: an origin of its own.
    let elsewhere = Server::start(site.dir(), Behaviour::default());
    let moved = "jcrb/html/2025-03/14/content_11_1002.htm";
    let mut behaviour = Behaviour::default();
    behaviour
        .redirects
        .insert(moved.to_owned(), elsewhere.url(moved));
    let server = serve(site, behaviour);
    let fetched = fetch(&server.url(site.first_page), &options(&dir), &Quiet).unwrap();
    assert!(
        elsewhere.requests().is_empty(),
        "the other site was asked for {:?}",
        elsewhere.requests()
    );
    assert_eq!(
        gap_keys(&fetched),
        ["content_11_1002.htm", "content_13_1022.htm"]
    );
    let gap = fetched
        .gaps
        .iter()
        .find(|g| g.url.ends_with(moved))
        .unwrap();
    assert_eq!(gap.failure, Failure::OffSite(elsewhere.url(moved)));
    assert!(
        gap.failure
            .to_string()
            .contains("redirects to another site"),
        "{}",
        gap.failure
    );
}

#[test]
fn the_cache_goes_once_only_missing_pages_remain() {
    let site = &SITES[0];
    let dir = scratch("cache-cleared");
    let server = serve(site, Behaviour::default());
    let fetched = fetch(&server.url(site.first_page), &options(&dir), &Quiet).unwrap();
    // The one gap is a 404, which asking again will not mend.
    assert_eq!(gap_keys(&fetched), ["content_13_1022.htm"]);
    let left: Vec<_> = std::fs::read_dir(dir.join("cache"))
        .map(Iterator::collect)
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_fetch_with_gaps_does_not_replace_a_more_complete_issue() {
    let site = &SITES[0];
    let dir = scratch("keep");
    let server = serve(site, Behaviour::default());
    let whole = fetch(&server.url(site.first_page), &options(&dir), &Quiet).unwrap();
    let before = std::fs::read(&whole.path).unwrap();
    server
        .behaviour
        .lock()
        .unwrap()
        .failing
        .insert("jcrb/html/2025-03/14/node_12.htm".to_owned(), (500, 100));
    let mut options = options(&dir);
    options.http.retries = 0;
    let gapped = fetch(&server.url(site.first_page), &options, &Quiet).unwrap();
    assert_eq!(gap_keys(&gapped), ["content_13_1022.htm", "node_12.htm"]);
    assert_eq!(
        std::fs::read(&whole.path).unwrap(),
        before,
        "the whole issue is kept"
    );
    assert!(
        gapped.notes.iter().any(|n| n.contains("left as it was")),
        "{:?}",
        gapped.notes
    );
}

#[test]
fn a_fetch_without_gaps_does_not_replace_a_richer_issue() {
    let site = &SITES[0];
    let dir = scratch("keep-richer");
    let root = copy_site(site, &dir.join("site"));
    let server = Server::start(root.clone(), Behaviour::default());
    let whole = fetch(&server.url(site.first_page), &options(&dir), &Quiet).unwrap();
    assert!(whole.written);
    let before = std::fs::read(&whole.path).unwrap();
    // The site now lists its front page alone, and serves all it lists.
    let front = root.join(site.first_page);
    let page: String = std::fs::read_to_string(&front)
        .unwrap()
        .lines()
        .filter(|line| {
            !line.contains("node_12") && !line.contains("node_13") && !line.contains("node_14")
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&front, page).unwrap();
    let poorer = fetch(&server.url(site.first_page), &options(&dir), &Quiet).unwrap();
    assert!(poorer.gaps.is_empty(), "{:?}", poorer.gaps);
    assert_eq!(poorer.issue.pages.len(), 1);
    assert!(!poorer.written);
    assert_eq!(
        std::fs::read(&whole.path).unwrap(),
        before,
        "the richer issue is kept"
    );
    let note = poorer
        .notes
        .iter()
        .find(|n| n.contains("left as it was"))
        .unwrap_or_else(|| panic!("{:?}", poorer.notes));
    assert!(note.contains("4 pages"), "{note}");
    assert!(note.contains("1 page and"), "{note}");
}

#[test]
fn in_a_terminal_the_progress_bar_draws_and_the_fetch_ends() {
    let site = &SITES[0];
    let server = serve(site, Behaviour::default());
    let dir = scratch("terminal");
    let out = dir.join("issues");
    let cache = dir.join("cache");
    let url = server.url(site.first_page);
    let mut session = pty::Session::start_with(
        &[
            "fetch",
            &url,
            "-o",
            out.to_str().unwrap(),
            "--delay",
            "0.05",
        ],
        100,
        10,
        &[("EPAPER_CACHE_DIR", cache.to_str().unwrap())],
    );
    // A stderr lock held while the bar's thread drew once hung it here.
    let whole = session.wait_exit();
    assert!(!whole, "exit status 3: one article is missing");
    let screen = session.screen();
    assert!(
        screen.contains("江城日报 2025-03-14, 4 pages, 10 articles"),
        "{screen}"
    );
    let bytes = String::from_utf8_lossy(&session.bytes()).into_owned();
    assert!(bytes.contains("articles ["), "the bar was drawn: {bytes:?}");
}

/// A picture of `width` × `height` in `format`, made here.
fn picture(width: u32, height: u32, format: image::ImageFormat) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(width, height, image::Rgb([200, 180, 160]))
        .write_to(&mut bytes, format)
        .expect("an encoded picture");
    bytes.into_inner()
}

/// The error page and the photo too large are gaps, saying why.
fn the_failed_pictures_are_gaps(fetched: &Fetched) {
    let failures: Vec<(String, String)> = fetched
        .gaps
        .iter()
        .filter(|g| g.what == "picture")
        .map(|g| (epaper::import::link_key(&g.url), g.failure.to_string()))
        .collect();
    assert_eq!(failures.len(), 2, "{failures:?}");
    assert!(
        failures.iter().any(|(key, why)| key == "p2.jpg"
            && why.contains("not a PNG or JPEG")
            && why.contains("HTML")),
        "{failures:?}"
    );
    assert!(
        failures
            .iter()
            .any(|(key, why)| key == "ad.jpg" && why.contains("larger than 16 MiB")),
        "{failures:?}"
    );
}

/// The founder site with its pictures: the page picture (a PNG behind a
/// .jpg name, twice the size shown, its page giving only its width), a
/// photo, an error page where a photo should be, and a photo larger than
/// a fetch takes.
fn site_with_pictures(dir: &Path) -> Server {
    let founder = &SITES[0];
    let root = copy_site(founder, &dir.join("site"));
    // The page gives only the picture's width: its height comes from the
    // file, which is twice the size shown.
    let page = root.join("jcrb/html/2025-03/14/node_11.htm");
    let html = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, html.replace(" height=575", "")).unwrap();
    let put = |path: &str, bytes: &[u8]| {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, bytes).unwrap();
    };
    // A PNG behind a .jpg name: the saved file is named by its format.
    put(
        "jcrb/page/2025-03/14/A01/a01.jpg",
        &picture(800, 1150, image::ImageFormat::Png),
    );
    put(
        "jcrb/res/2025-03-14/A01/p1.jpg",
        &picture(30, 20, image::ImageFormat::Jpeg),
    );
    // A server's error page where a photo should be.
    put(
        "jcrb/res/2025-03-14/A02/p2.jpg",
        b"<!DOCTYPE html><html><body>404 Not Found</body></html>",
    );
    let mut behaviour = Behaviour::default();
    behaviour.generated.insert(
        "jcrb/res/2025-03-14/B02/ad.jpg".to_owned(),
        server::Generated {
            head: "\u{89}PNG".to_owned(),
            unit: "0123456789abcdef".repeat(64),
            tail: String::new(),
            size: 17 << 20,
        },
    );
    Server::start(root, behaviour)
}

#[test]
fn pictures_are_saved_beside_the_issue_and_the_issue_points_at_them() {
    let founder = &SITES[0];
    let dir = scratch("pictures");
    let server = site_with_pictures(&dir);
    let mut options = options(&dir);
    options.pictures = true;
    let fetched = fetch(&server.url(founder.first_page), &options, &Quiet).unwrap();
    assert!(fetched.written);
    assert_eq!(fetched.pictures, 2, "{:?}", fetched.gaps);
    the_failed_pictures_are_gaps(&fetched);
    // The written issue is valid and every saved picture is a file beside
    // it that decodes.
    let check = Command::new(env!("CARGO_BIN_EXE_epaper"))
        .arg("check")
        .arg(&fetched.path)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    assert!(!String::from_utf8_lossy(&check.stderr).contains("warning"));
    let issue = epaper::model::load(&std::fs::read(&fetched.path).unwrap())
        .unwrap()
        .issue;
    let beside = fetched.path.parent().unwrap();
    let stem = fetched.path.file_stem().unwrap().to_str().unwrap();
    let decodes = |src: &str| {
        assert!(
            src.starts_with(&format!("{stem}.pictures/")),
            "{src} is in the folder beside the issue"
        );
        image::open(beside.join(src)).expect("a saved picture decodes")
    };
    let page = &issue.pages[0];
    let image = page.image.as_ref().expect("the page picture");
    assert!(
        Path::new(&image.src)
            .extension()
            .is_some_and(|e| e == "png"),
        "{}",
        image.src
    );
    let file = decodes(&image.src);
    assert_eq!((file.width(), file.height()), (800, 1150));
    assert_eq!((image.width, image.height), (400, 575));
    assert!(page.articles.iter().any(|a| !a.areas.is_empty()));
    let photos: Vec<&str> = issue
        .pages
        .iter()
        .flat_map(|p| &p.articles)
        .flat_map(|a| &a.images)
        .filter_map(|i| i.src.as_deref())
        .collect();
    assert_eq!(photos.len(), 3);
    let saved: Vec<&&str> = photos.iter().filter(|s| !s.starts_with("http")).collect();
    assert_eq!(saved.len(), 1, "{photos:?}");
    assert!(Path::new(saved[0]).extension().is_some_and(|e| e == "jpg"));
    decodes(saved[0]);
    // The photos that failed keep their URLs.
    assert!(photos.iter().any(|s| s.ends_with("/p2.jpg")));
    assert!(photos.iter().any(|s| s.ends_with("/ad.jpg")));
    assert_eq!(
        std::fs::read_dir(beside.join(format!("{stem}.pictures")))
            .unwrap()
            .count(),
        2,
        "only pictures are written"
    );

    // Fetched again, the saved pictures are not asked for again.
    std::fs::remove_file(&fetched.path).unwrap();
    let asked = server.seen.lock().unwrap().paths.len();
    let again = fetch(&server.url(founder.first_page), &options, &Quiet).unwrap();
    assert_eq!((again.pictures, again.pictures_kept), (2, 2));
    let paths = server.seen.lock().unwrap().paths[asked..].to_vec();
    assert!(
        !paths
            .iter()
            .any(|p| p.ends_with("a01.jpg") || p.ends_with("p1.jpg"))
    );
}

#[test]
fn with_no_images_nothing_is_downloaded_and_the_urls_stay() {
    let founder = &SITES[0];
    let bare = scratch("no-images");
    let server = site_with_pictures(&bare);
    let options = options(&bare);
    assert!(!options.pictures, "as --no-images gives");
    let stem = "江城日报-2025-03-14";
    let fetched = fetch(&server.url(founder.first_page), &options, &Quiet).unwrap();
    assert_eq!(fetched.pictures, 0);
    assert!(fetched.gaps.iter().all(|g| g.what != "picture"));
    let image = fetched.issue.pages[0].image.clone().unwrap();
    assert!(image.src.starts_with(&server.base), "{}", image.src);
    assert!(
        !bare
            .join("issues")
            .join(format!("{stem}.pictures"))
            .exists()
    );
}
