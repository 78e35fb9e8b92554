//! `epaper check` on the samples, on one bad file per rule of the format,
//! and on files with unknown fields: exit codes and the exact place and
//! words of each message.

use std::path::Path;
use std::process::{Command, Output};

fn epaper(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_epaper"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the epaper binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("epaper writes UTF-8")
}

#[test]
fn both_samples_pass() {
    let output = epaper(&[
        "check",
        "sample-issues/nmgrb-2021-11-05.json",
        "sample-issues/epaper-guide.json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "ok  sample-issues/nmgrb-2021-11-05.json  内蒙古日报 2021-11-05: 12 pages, 8 articles\n\
         ok  sample-issues/epaper-guide.json  epaper 使用指南 2026-11-29: 6 pages, 27 articles\n"
    );
    assert_eq!(text(&output.stderr), "");
}

/// (file in tests/fixtures/bad, `LINE:COL` or "" where there is none, the
/// message, the JSON path or "" for the top level).
const BAD: &[(&str, &str, &str, &str)] = &[
    (
        "not-json.json",
        "1:1",
        "this is not valid JSON: expected value",
        "",
    ),
    (
        "empty.json",
        "",
        "the file is empty; an issue file holds one JSON object",
        "",
    ),
    (
        "truncated.json",
        "35:15",
        "the JSON ends too early: the file looks truncated",
        "pages[1].label",
    ),
    (
        "wrong-type.json",
        "41:20",
        "expected a string, found integer `3`",
        "pages[1].articles[0].title",
    ),
    (
        "top-level-array.json",
        "1:1",
        "expected an issue: one JSON object {…}, found an array",
        "",
    ),
    // The whole issue as arrays of field values, which serde's derive reads.
    (
        "array-form.json",
        "1:1",
        "expected an issue: one JSON object {…}, found an array",
        "",
    ),
    (
        "trailing-characters.json",
        "50:1",
        "this is not valid JSON: trailing characters",
        "",
    ),
    (
        "invalid-utf8.json",
        "27:21",
        "invalid UTF-8 at byte 483; issue files must be UTF-8",
        "",
    ),
    (
        "deep-nesting.json",
        "2:11",
        "expected a page object {\"label\": …, \"name\": …, \"articles\": […]}, found an array",
        "pages[0]",
    ),
    (
        "format-too-new.json",
        "2:13",
        "this file is format 2, which needs a newer epaper (this one reads format 1)",
        "format",
    ),
    (
        "format-zero.json",
        "2:13",
        "`format` is 0, but the only format there is is 1",
        "format",
    ),
    (
        "format-string.json",
        "2:15",
        "expected a whole number of 0 or more, found string \"1\"",
        "format",
    ),
    (
        "blank-publication.json",
        "3:18",
        "`publication` is empty; name the paper, such as 人民日报",
        "publication",
    ),
    (
        "blank-title.json",
        "27:20",
        "`title` is empty; every article needs a title (a photo or notice too)",
        "pages[0].articles[1].title",
    ),
    (
        "missing-title.json",
        "30:9",
        "the required field `title` is missing",
        "pages[0].articles[1]",
    ),
    (
        "not-a-date.json",
        "4:22",
        "`2021-02-30` is not a calendar date: February 2021 has 28 days",
        "date",
    ),
    (
        "date-form.json",
        "4:22",
        "`2021年11月5日` is not a date in the form YYYY-MM-DD (for example 2021-11-05)",
        "date",
    ),
    (
        "no-pages.json",
        "11:12",
        "`pages` is empty; an issue needs at least one page",
        "pages",
    ),
    (
        "missing-pages.json",
        "11:1",
        "the required field `pages` is missing",
        "",
    ),
    (
        "blank-label.json",
        "35:16",
        "`label` is empty; give the page number as printed, such as \"03\" or \"A01\"",
        "pages[1].label",
    ),
    (
        "duplicate-label.json",
        "35:16",
        "page label \"01\" is used twice (first at pages[0].label); labels must be unique",
        "pages[1].label",
    ),
    (
        "unknown-section.json",
        "37:18",
        "`section` is \"B\", which is not declared; the sections are \"A\"",
        "pages[1].section",
    ),
    (
        "duplicate-section.json",
        "11:13",
        "section \"A\" is declared twice (first at sections[0].id)",
        "sections[1].id",
    ),
    (
        "duplicate-id.json",
        "40:17",
        "article id \"02-1\" is used twice (first at pages[0].articles[1].id); ids must be unique in an issue",
        "pages[1].articles[0].id",
    ),
    (
        "continues-missing.json",
        "23:24",
        "`continues` names \"09-9\", but no article has that id",
        "pages[0].articles[0].continues",
    ),
    (
        "continues-same-page.json",
        "23:24",
        "`continues` names \"01-2\", which is on the same page; a story continues on another page",
        "pages[0].articles[0].continues",
    ),
    (
        "continued-twice.json",
        "31:24",
        "\"02-1\" is continued twice (first by pages[0].articles[0].continues); a fragment has one predecessor",
        "pages[0].articles[1].continues",
    ),
    (
        "cycle.json",
        "23:24",
        "the stories 01-1 → 02-1 → 01-1 continue in a circle",
        "pages[0].articles[0].continues",
    ),
    (
        "unknown-kind.json",
        "31:29",
        "unknown variant `editorial`, expected one of `article`, `photo`, `ad`, `notice`",
        "pages[0].articles[1].kind",
    ),
    (
        "area-few-points.json",
        "21:13",
        "an area needs at least three points, as x, y pairs: this one has 4 numbers",
        "pages[0].articles[0].areas[0]",
    ),
    (
        "area-odd-points.json",
        "21:13",
        "an area's numbers come in x, y pairs: this one has 5, an odd count",
        "pages[0].articles[0].areas[0]",
    ),
    (
        "area-outside.json",
        "21:13",
        "the point (590, 1200) is outside the page picture, which is 600×1000 pixels",
        "pages[0].articles[0].areas[0]",
    ),
    (
        "areas-without-image.json",
        "15:20",
        "this article has `areas`, but its page has no `image` for them to be on",
        "pages[0].articles[0].areas",
    ),
    (
        "picture-zero-size.json",
        "11:18",
        "the page picture's `width` is 0; give its size in pixels",
        "pages[0].image.width",
    ),
    (
        "lone-surrogate.json",
        "27:29",
        "a lone UTF-16 surrogate escape (such as \\ud800) is not a character; pair it or remove it",
        "pages[0].articles[1].title",
    ),
];

#[test]
fn every_bad_file_is_refused_where_it_is_wrong() {
    for (file, position, message, path) in BAD {
        let name = format!("tests/fixtures/bad/{file}");
        let output = epaper(&["check", &name]);
        let place = if position.is_empty() {
            name.clone()
        } else {
            format!("{name}:{position}")
        };
        let at = if path.is_empty() {
            String::new()
        } else {
            format!(" (at {path})")
        };
        let expected = format!("{place}: error: {message}{at}\n");
        assert_eq!(output.status.code(), Some(1), "{file}");
        assert_eq!(
            text(&output.stderr)
                .lines()
                .next()
                .map(|l| format!("{l}\n")),
            Some(expected),
            "{file}"
        );
        assert_eq!(text(&output.stdout), "", "{file}");
    }
}

/// A page picture and its articles' areas are the format's, not unknown
/// fields: `check` takes them without a warning, and they load as given.
#[test]
fn a_page_picture_and_its_areas_are_checked_and_kept() {
    let name = "tests/fixtures/good/page-picture.json";
    let output = epaper(&["check", name]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(text(&output.stderr), "", "no warnings");
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap();
    let issue = epaper::model::load(&bytes).unwrap().issue;
    let page = &issue.pages[0];
    let image = page.image.as_ref().unwrap();
    assert_eq!(
        (image.src.as_str(), image.width, image.height),
        ("pictures/01.jpg", 600, 1000)
    );
    assert_eq!(page.articles[0].areas.len(), 2);
    assert_eq!(
        page.articles[0].areas[1],
        [20.5, 600.0, 300.0, 600.0, 160.0, 700.0]
    );
    // Written out and read back, they are the same.
    let again = epaper::model::load(serde_json::to_string(&issue).unwrap().as_bytes())
        .unwrap()
        .issue;
    assert_eq!(again.pages[0], issue.pages[0]);
}

#[test]
fn the_table_covers_every_bad_fixture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut listed: Vec<String> = BAD.iter().map(|(file, ..)| (*file).to_owned()).collect();
    listed.sort();
    assert_eq!(files, listed);
}

#[test]
fn unknown_fields_are_warned_about_under_the_ok_line() {
    let output = epaper(&["check", "tests/fixtures/good/unknown-fields.json"]);
    assert_eq!(output.status.code(), Some(0));
    let name = "tests/fixtures/good/unknown-fields.json";
    assert_eq!(
        text(&output.stdout),
        format!(
            "ok  {name}  测试日报 2021-11-05: 2 pages, 3 articles\n  \
             {name}:31:11: warning: unknown field `paragraph` is ignored; did you mean `paragraphs`? (at pages[0].articles[1].paragraph)\n  \
             {name}:50:7: warning: unknown field `Name` is ignored; did you mean `name`? (at pages[1].Name)\n  \
             {name}:53:3: warning: unknown field `editor` is ignored (at editor)\n"
        )
    );
}

#[test]
fn a_deeply_nested_unknown_field_is_skipped_not_recursed() {
    let output = epaper(&["check", "tests/fixtures/good/deep-unknown-field.json"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("warning: unknown field `extra` is ignored"));
}

#[test]
fn one_bad_file_among_good_ones_fails_the_run_and_the_rest_are_checked() {
    let output = epaper(&[
        "check",
        "tests/fixtures/bad/cycle.json",
        "no/such/file.json",
        "tests/fixtures/good/minimal.json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stdout).starts_with("ok  tests/fixtures/good/minimal.json"));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("tests/fixtures/bad/cycle.json:23:24: error:"));
    assert!(stderr.contains("no/such/file.json: error: cannot read the file: no such file"));
}

#[test]
fn usage_errors_exit_2_and_help_and_version_work() {
    assert_eq!(epaper(&["check"]).status.code(), Some(2));
    assert_eq!(epaper(&["--no-such-flag"]).status.code(), Some(2));
    let help = epaper(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(text(&help.stdout).contains("check"));
    let version = epaper(&["--version"]);
    assert_eq!(
        text(&version.stdout),
        format!("epaper {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn a_saved_page_is_told_apart_and_import_pointed_to() {
    let capture = "tests/fixtures/sites/capture/nmgrb-2021-11-05-03.txt";
    let html = "tests/fixtures/sites/founder/jcrb/paperindex.htm";
    let output = epaper(&["check", capture, html]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        format!(
            "{capture}: error: this looks like a saved e-paper page (a plain-text capture), \
             not an issue file; make an issue file of it with `epaper import {capture} -o OUT.json`\n\
             {html}: error: this looks like a saved web page (HTML), not an issue file; \
             if it is an e-paper page, make an issue file of it with `epaper import {html} -o OUT.json`\n"
        )
    );
    // A name the shell would split is quoted in the command to type.
    let dir = std::env::temp_dir().join(format!("epaper-capture-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spaced = dir.join("第3版 page.txt");
    std::fs::copy(capture, &spaced).unwrap();
    let output = epaper(&["check", spaced.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(
        text(&output.stderr).contains(&format!(
            "`epaper import '{}' -o OUT.json`",
            spaced.display()
        )),
        "{}",
        text(&output.stderr)
    );
    // Text that is no page of a paper is still just not JSON.
    let output = epaper(&["check", "tests/fixtures/bad/not-json.json"]);
    assert!(text(&output.stderr).contains("this is not valid JSON"));
}

#[test]
fn a_mistyped_subcommand_is_not_taken_for_a_file() {
    let output = epaper(&["chek", "tests/fixtures/good/minimal.json"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(text(&output.stdout), "");
    assert!(
        text(&output.stderr)
            .starts_with("error: no subcommand or file 'chek'; did you mean 'check'?\n"),
        "{}",
        text(&output.stderr)
    );
}

#[test]
fn text_from_the_file_cannot_reach_the_terminal_as_control_bytes() {
    let dir = std::env::temp_dir().join(format!("epaper-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("escape.json");
    let minimal = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/minimal.json"),
    )
    .unwrap();
    // An OSC title sequence in two labels (so the duplicate is reported),
    // a CSI in an unknown field's name.
    let hostile = minimal
        .replace("\"label\": \"0", "\"label\": \"\\u001b]0;pwned\\u0007")
        .replace("pwned\\u00072", "pwned\\u00071")
        .replacen("\"format\"", "\"x\\u001b[2J\": 1, \"format\"", 1);
    std::fs::write(&file, hostile).unwrap();
    let output = epaper(&["check", file.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    let all = [output.stdout, output.stderr].concat();
    assert!(
        !all.iter().any(|&b| b == 0x1b || b == 0x07),
        "{}",
        String::from_utf8_lossy(&all)
    );
    assert!(String::from_utf8_lossy(&all).contains("page label \"␛]0;pwned␇1\" is used twice"));
}

/// Runs epaper with `args` and `env`, and gives up on it after ten
/// seconds (a read that blocks would otherwise hang the test).
fn epaper_within(args: &[&std::ffi::OsStr], env: &[(&str, &Path)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_epaper"));
    command
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("epaper {args:?} blocked");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_fifo_or_a_device_is_refused_at_once() {
    let dir = std::env::temp_dir().join(format!("epaper-fifo-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("issue.json");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    // No one writes to the FIFO: opening it the ordinary way waits for ever.
    let output = epaper_within(&["check".as_ref(), fifo.as_os_str()], &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("a FIFO (a named pipe), not a regular file"),
        "{stderr}"
    );
    let output = epaper_within(&["check".as_ref(), "/dev/zero".as_ref()], &[]);
    assert!(
        text(&output.stderr).contains("a device, not a regular file"),
        "{}",
        text(&output.stderr)
    );
    // epaper's own files alike: a config that is a device is refused.
    let output = epaper_within(
        &["papers".as_ref()],
        &[("EPAPER_CONFIG", Path::new("/dev/zero"))],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("a device, not a regular file"),
        "{}",
        text(&output.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
