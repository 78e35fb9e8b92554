//! `epaper cat`: the exact text it prints, its errors and exit codes, and
//! that no control byte from a file reaches its output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn epaper(args: &[&str]) -> Output {
    epaper_with(args, &[])
}

/// Runs epaper in a home of its own, with no config but what `env` names.
fn epaper_with(args: &[&str], env: &[(&str, &Path)]) -> Output {
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cat-home");
    let mut command = Command::new(env!("CARGO_BIN_EXE_epaper"));
    command
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("EPAPER_CONFIG");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("the epaper binary runs")
}

/// A folder of its own for a test, empty.
fn scratch(name: &str) -> PathBuf {
    let dir =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cat-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

const FIXTURE: &str = "tests/fixtures/good/cat.json";

#[test]
fn one_article_prints_its_headline_then_the_whole_story() {
    let output = epaper(&[
        "cat",
        FIXTURE,
        "--page",
        "1",
        "--article",
        "1",
        "--width",
        "16",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout(&output),
        "引题\n\
         配强班子\n\
         绘好蓝图\n\
         副题在此\n\
         本报记者 某某\n\
         [图] 会场一角\n\
         （某某 摄）\n\
         \n    今年以来，自\n\
         治区党委深入学\n\
         习。\n\
         \n    第二段很短。\n\
         \n（下转第03版）\n\
         \n    续文一段，\n\
         ␛[2J换届风清气\n\
         正。\n"
    );
}

#[test]
fn titles_break_between_their_phrases_and_leave_no_character_alone() {
    for ambiguous in ["narrow", "wide"] {
        let output = epaper(&[
            "cat",
            "sample-issues/nmgrb-2021-11-05.json",
            "--width",
            "40",
            "--ambiguous-width",
            ambiguous,
        ]);
        assert_eq!(output.status.code(), Some(0));
        let text = stdout(&output);
        let lines: Vec<&str> = text.lines().collect();
        assert!(!lines.contains(&"量"), "{ambiguous}: {text}");
        let title = lines
            .iter()
            .position(|l| *l == "配强班子 绘好蓝图")
            .unwrap_or_else(|| panic!("{ambiguous}: {text}"));
        assert_eq!(lines[title + 1], "凝聚开启新征程的磅礴力量");
        // At 24 cells the next title's second phrase is balanced, not left
        // with 战 alone.
        let output = epaper(&[
            "cat",
            "sample-issues/nmgrb-2021-11-05.json",
            "--page",
            "03",
            "--width",
            "24",
            "--ambiguous-width",
            ambiguous,
        ]);
        let text = stdout(&output);
        assert!(
            text.contains("严格严密落实各项防控措施\n争取早日打赢疫\n情防控歼灭战\n"),
            "{ambiguous}: {text}"
        );
    }
}

#[test]
fn a_continuation_printed_alone_says_where_it_comes_from() {
    let output = epaper(&[
        "cat",
        FIXTURE,
        "--page",
        "03",
        "--article",
        "1",
        "--width",
        "40",
    ]);
    assert_eq!(
        stdout(&output),
        "配强班子 绘好蓝图\n\n（上接第01版）\n\n    续文一段，␛[2J换届风清气正。\n"
    );
}

#[test]
fn pages_print_under_headings_with_rules_between_articles() {
    let output = epaper(&["cat", FIXTURE, "--width", "40"]);
    let text = stdout(&output);
    let rule = "─".repeat(40);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "第01版：一版要闻");
    assert_eq!(lines[1], "");
    assert_eq!(lines[2], "引题");
    let headings: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with('第'))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(headings.len(), 3);
    assert_eq!(lines[headings[1]], "第02版");
    assert_eq!(lines[headings[2]], "第03版：国内新闻•广告");
    for &heading in &headings[1..] {
        assert_eq!(
            (lines[heading - 2], lines[heading - 1]),
            ("", rule.as_str())
        );
    }
    let notice = lines.iter().position(|l| *l == "本版责编：某某").unwrap();
    assert_eq!((lines[notice - 2], lines[notice - 1]), ("", rule.as_str()));
}

#[test]
fn a_whole_issue_prints_a_continued_story_once_in_each_place() {
    let output = epaper(&["cat", FIXTURE, "--width", "40"]);
    let text = stdout(&output);
    assert_eq!(text.matches("续文一段").count(), 1, "{text}");
    let first = text.find("第01版").unwrap();
    let third = text.find("第03版").unwrap();
    let on = text.find("（下转第03版）").unwrap();
    let from = text.find("（上接第01版）").unwrap();
    let rest = text.find("续文一段").unwrap();
    assert!(first < on && on < third && third < from && from < rest);
}

#[test]
fn the_rule_takes_the_width_in_both_ambiguous_modes() {
    let output = epaper(&[
        "cat",
        FIXTURE,
        "--page",
        "01",
        "--width",
        "30",
        "--ambiguous-width",
        "wide",
    ]);
    assert!(stdout(&output).lines().any(|l| l == "─".repeat(15)));
}

#[test]
fn width_is_80_when_the_output_is_a_pipe() {
    let output = epaper(&[
        "cat",
        "sample-issues/epaper-guide.json",
        "--page",
        "A01",
        "--article",
        "1",
    ]);
    let text = stdout(&output);
    let widest = text
        .lines()
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .unwrap();
    assert!((76..=80).contains(&widest), "{widest}");
}

#[test]
fn original_punctuation_keeps_the_file_s_marks() {
    let output = epaper(&[
        "cat",
        FIXTURE,
        "--page",
        "01",
        "--article",
        "1",
        "--width",
        "60",
        "--punctuation",
        "original",
    ]);
    assert!(stdout(&output).contains("今年以来,自治区"));
}

#[test]
fn unknown_pages_and_articles_are_errors_that_say_what_there_is() {
    let output = epaper(&["cat", FIXTURE, "--page", "07"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!("epaper: {FIXTURE}: error: there is no page \"07\"; the pages are 01, 02, 03\n")
    );
    let output = epaper(&["cat", FIXTURE, "--page", "01", "--article", "3"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!("epaper: {FIXTURE}: error: page 01 has 2 articles; there is no article 3\n")
    );
    let output = epaper(&["cat", FIXTURE, "--page", "03", "--article", "2"]);
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!("epaper: {FIXTURE}: error: page 03 has 1 article; there is no article 2\n")
    );
    assert_eq!(
        epaper(&["cat", FIXTURE, "--article", "1"]).status.code(),
        Some(2)
    );
    assert_eq!(
        epaper(&["cat", FIXTURE, "--width", "0"]).status.code(),
        Some(2)
    );
}

#[test]
fn without_a_file_the_bundled_guide_is_printed() {
    let output = epaper(&["cat", "--page", "A01", "--article", "1", "--width", "60"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("在终端里读报"));
}

#[test]
fn no_control_byte_from_the_file_is_written() {
    let output = epaper(&["cat", FIXTURE, "--width", "20"]);
    let controls = output
        .stdout
        .iter()
        .filter(|&&b| b < 0x20 && b != b'\n' || b == 0x7f)
        .count();
    assert_eq!(controls, 0);
    let text = stdout(&output);
    assert!(!text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)));
    assert!(text.contains('␛'));
}

#[test]
fn options_before_cat_leave_it_the_subcommand() {
    let dir = scratch("config-first");
    let config = dir.join("config.toml");
    std::fs::write(&config, "").unwrap();
    let config = config.to_str().unwrap();
    let args = ["--page", "03", "--article", "1", "--width", "40"];
    let first = epaper(&[&["--config", config, "cat", FIXTURE][..], &args].concat());
    let after = epaper(&[&["cat", "--config", config, FIXTURE][..], &args].concat());
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        first.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(stdout(&first), stdout(&after));
    assert!(stdout(&first).contains("（上接第01版）"));
}

const SETTINGS: &str = "indent = 0\npunctuation = \"original\"\nambiguous-width = \"wide\"\n";

/// Page 01 at 26 columns, with `args` after.
fn first_article(args: &[&str], env: &[(&str, &Path)]) -> String {
    let base = ["cat", FIXTURE, "--page", "01", "--width", "26"];
    let output = epaper_with(&[&base[..], args].concat(), env);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout(&output)
}

#[test]
fn the_config_s_settings_lay_out_what_cat_prints() {
    let dir = scratch("settings");
    std::fs::create_dir_all(dir.join("epaper")).unwrap();
    let config = dir.join("epaper/config.toml");
    std::fs::write(&config, SETTINGS).unwrap();
    let plain = first_article(&[], &[]);
    assert!(plain.contains("\n    今年以来，自治区"), "{plain}");
    // Found where the reader finds it: the XDG place, EPAPER_CONFIG, --config.
    let by_xdg = first_article(&[], &[("XDG_CONFIG_HOME", &dir)]);
    let by_env = first_article(&[], &[("EPAPER_CONFIG", &config)]);
    let by_flag = first_article(&["--config", config.to_str().unwrap()], &[]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(by_xdg.contains("\n今年以来,自治区"), "{by_xdg}");
    assert!(by_xdg.lines().any(|l| l == "─".repeat(13)), "{by_xdg}");
    assert_eq!(by_env, by_xdg);
    assert_eq!(by_flag, by_xdg);
}

#[test]
fn flags_win_over_the_config() {
    let dir = scratch("flags");
    let config = dir.join("config.toml");
    std::fs::write(&config, format!("{SETTINGS}hanging = true\n")).unwrap();
    let env = [("EPAPER_CONFIG", config.as_path())];
    let flags = [
        "--indent",
        "4",
        "--punctuation",
        "fullwidth",
        "--ambiguous-width",
        "narrow",
        "--no-hanging",
    ];
    let overridden = first_article(&flags, &env);
    let from_config = first_article(&[], &env);
    // Of --hanging and --no-hanging, the last given counts.
    let not_hanging = first_article(&["--hanging", "--no-hanging"], &env);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(overridden, first_article(&[], &[]));
    // Hanging keeps two cells for 、，。 to hang in: lines break earlier.
    let settings = ["--indent", "0", "--punctuation", "original"];
    let hanging = first_article(&[&settings[..], &["--hanging"]].concat(), &[]);
    assert!(hanging.contains("\n今年以来,自治区党委深入\n"), "{hanging}");
    assert_ne!(hanging, first_article(&settings, &[]));
    let wide = ["--ambiguous-width", "wide"];
    assert_eq!(
        from_config,
        first_article(&[&settings[..], &wide, &["--hanging"]].concat(), &[])
    );
    assert_eq!(
        not_hanging,
        first_article(&[&settings[..], &wide].concat(), &[])
    );
}

#[test]
fn a_bad_config_stops_cat_and_says_where() {
    let dir = scratch("bad-config");
    let config = dir.join("config.toml");
    std::fs::write(&config, "indent = 40\n").unwrap();
    let output = epaper_with(&["cat", FIXTURE], &[("EPAPER_CONFIG", &config)]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "epaper: {}:1:10: error: `indent` must be from 0 to 16 cells\n",
            config.display()
        )
    );
}

#[test]
fn a_config_that_leaves_an_action_without_a_key_is_warned_about() {
    let dir = scratch("unbound");
    let config = dir.join("config.toml");
    std::fs::write(&config, "indent = 0\n[keys]\nnext-page = []\n").unwrap();
    let env = [("EPAPER_CONFIG", config.as_path())];
    let output = epaper_with(&["cat", FIXTURE, "--page", "01"], &env);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("\n今年以来，"));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "warning: {}:3:1: next-page has no key now\n",
            config.display()
        )
    );
    // Without a key to quit, the config is refused.
    std::fs::write(&config, "[keys]\nquit = []\n").unwrap();
    let output = epaper_with(&["cat", FIXTURE, "--page", "01"], &env);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    assert!(
        String::from_utf8_lossy(&output.stderr).starts_with(&format!(
            "epaper: {}:2:1: error: `quit` needs a key",
            config.display()
        )),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
