//! What a demanding user of the reader notices, each as the screen shows
//! it: colours on every cell, labels that tell the truth, the keys that
//! always show, the help, page labels as typed, marks, search results, and
//! the panes at common sizes.

#[path = "support/screen.rs"]
mod support;
#[path = "support/terminal_model.rs"]
mod terminal_model;

use epaper::app::{Action, Effect, Input, Key, KeyCode, Keymap, Mode, Settings, State};
use epaper::layout::Ambiguous;
use epaper::library::store::ReadingState;
use epaper::ui;
use support::*;

/// The bottom row of the screen.
fn bottom_bar(state: &State) -> String {
    screen(state).lines().last().unwrap_or("").to_owned()
}

fn top_bar(state: &State) -> String {
    screen(state).lines().next().unwrap_or("").to_owned()
}

/// Every frame of a key script, played into a terminal as the runner
/// draws it (the frame's diff, then the cells it erased), leaves every
/// cell in the colours the frame has: none on the terminal's default.
#[test]
fn every_cell_keeps_the_theme_through_a_session() {
    let (width, height) = (120, 35);
    let mut state = on_shelf(0, width, height);
    let mut terminal = terminal_model::Screen::new(width, height);
    let mut before =
        ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, width, height));
    let keys = [
        "", "i", "<Tab>", "<Enter>", "<Right>", "<Right>", "<Left>", "i", "<Tab>", "<Enter>", "]",
        "]", "<Tab>", "<Tab>", "j", "<Enter>", "+", "-", "?", "<Esc>", "'", "<Esc>",
    ];
    for script in keys {
        press(&mut state, script);
        let next = frame(&state);
        for (x, y, cell) in before.diff(&next) {
            terminal.write(x, y, cell);
        }
        for (x, y) in ui::text::clobbered(&before, &next) {
            terminal.write(x, y, &next[(x, y)]);
        }
        let wrong = terminal.wrong_colours(&next);
        assert!(wrong.is_empty(), "after {script:?}: {wrong:?}");
        before = next;
    }
    // And every cell of every frame is the theme's.
    let palette = ui::theme::palette(state.settings().theme, state.settings().color);
    let bg = palette.base.bg.unwrap();
    assert!(
        frame(&state)
            .content()
            .iter()
            .all(|cell| cell.bg != ratatui::style::Color::Reset)
    );
    assert_ne!(bg, ratatui::style::Color::Reset);
}

/// The hanzi a line of the article holds, from the widest line shown.
fn widest_line(state: &State) -> u16 {
    let text = state.geometry().text;
    let buffer = frame(state);
    (text.top()..text.bottom())
        .map(|y| {
            // The last cell with something on it, wide characters once.
            let mut x = text.left();
            let mut end = 0;
            while x < text.right() {
                let symbol = buffer[(x, y)].symbol();
                let width =
                    u16::try_from(unicode_width::UnicodeWidthStr::width(symbol)).unwrap_or(1);
                if symbol != " " {
                    end = x + width.max(1) - text.left();
                }
                x += width.max(1);
            }
            end
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn the_zoom_label_says_the_width_the_text_is_set_at() {
    for (width, height) in [(200, 60), (120, 35), (80, 24), (60, 20), (40, 12)] {
        let mut state = state(width, height, Ambiguous::Narrow);
        for _ in 0..6 {
            let label = top_bar(&state);
            let hanzi = widest_line(&state) / 2;
            assert!(
                label.contains(&format!("{hanzi}字")),
                "{width}x{height}: lines hold {hanzi} hanzi, the bar says {label}"
            );
            let before = screen(&state);
            press(&mut state, "+");
            let after = screen(&state);
            // A zoom step either changes the text or says it cannot.
            assert!(
                after != before || bottom_bar(&state).contains("已是最宽"),
                "{width}x{height}: + changed nothing and said nothing"
            );
        }
    }
}

#[test]
fn help_and_quit_always_show_in_the_bottom_bar() {
    for (width, height) in [(200, 60), (120, 35), (80, 24), (60, 20), (40, 12)] {
        let mut state = state(width, height, Ambiguous::Narrow);
        for script in ["", "<Tab>", "i", "<Esc>", "'", "<Esc>", "/", "<Esc>", "3"] {
            press(&mut state, script);
            let bar = bottom_bar(&state);
            assert!(
                bar.contains("? 帮助") || state.mode().takes_text(),
                "{width}x{height} {script}: {bar}"
            );
            let out = ["q 退出", "Esc 返回", "Esc 取消", "q 关闭", "Esc 关闭"];
            assert!(
                out.iter().any(|way| bar.contains(way)),
                "{width}x{height} after {script:?}: no way out in {bar}"
            );
        }
        let top = top_bar(&state);
        assert!(
            top.contains("缩放"),
            "{width}x{height}: the zoom was cut: {top}"
        );
    }
}

#[test]
fn the_help_wraps_its_lines_frames_them_and_covers_the_screen_under_it() {
    for (width, height) in [(120, 35), (80, 24), (60, 20), (40, 12)] {
        let mut state = state(width, height, Ambiguous::Narrow);
        press(&mut state, "?");
        let mut shown = String::new();
        // Everything the help has, scrolled through, with its wrapped rows
        // joined back.
        for _ in 0..40 {
            let text = screen(&state);
            for line in text.lines().filter(|l| l.contains('│')) {
                shown.push_str(line);
                shown.push('\n');
            }
            press(&mut state, "<PageDown>");
        }
        let joined: String = shown
            .replace('│', " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for words in [
            "Ctrl-/",
            "Ctrl-_",
            "Ctrl-7",
            "查找往期 find in every issue",
            "type a page's label, then Enter",
            "focus: pages → headlines → article",
        ] {
            // Its words in order, whatever the keys' column holds between
            // its rows.
            let mut rest = joined.as_str();
            for word in words.split_whitespace() {
                let at = rest.find(word).unwrap_or_else(|| {
                    panic!("{width}x{height}: the help lost {word:?} of {words:?}")
                });
                rest = &rest[at + word.len()..];
            }
        }
        // Framed: the box has its four corners, and nothing under it shows
        // between its sides.
        let text = screen(&state);
        assert!(
            text.contains('┌') && text.contains('┘'),
            "{width}x{height}:\n{text}"
        );
        for line in text.lines().filter(|l| l.contains("│ ")) {
            let inside: Vec<&str> = line.split('│').collect();
            assert!(inside.len() >= 3, "{width}x{height}: {line}");
        }
    }
}

#[test]
fn page_labels_are_gone_to_as_typed() {
    // The guide's pages are A01–A04, B01, B02.
    let cases = [
        ("a04<Enter>", "第A04版"),
        ("A4<Enter>", "第A04版"),
        ("<Right><Right>a1<Enter>", "第A01版"),
        // No label is 5: the fifth page.
        ("5<Enter>", "第B01版"),
        ("2<Enter>", "第A02版"),
    ];
    for (script, page) in cases {
        let mut state = state(120, 35, Ambiguous::Narrow);
        press(&mut state, script);
        let top = top_bar(&state);
        assert!(top.contains(page), "{script}: {top}");
    }
}

#[test]
fn the_article_being_read_shows_its_bookmark_star() {
    let mut state = state(120, 35, Ambiguous::Narrow);
    press(&mut state, "m");
    let text = screen(&state);
    let row = text
        .lines()
        .find(|line| line.contains("▸★"))
        .unwrap_or_else(|| panic!("no ▸★ row:\n{text}"));
    assert!(row.contains("在终端里读报"), "{row}");
}

#[test]
fn an_article_read_to_its_end_says_100_percent() {
    let mut state = state(120, 35, Ambiguous::Narrow);
    press(&mut state, "G");
    let text = screen(&state);
    let heading = text.lines().nth(1).unwrap();
    assert!(heading.contains("100%"), "{heading}");
}

#[test]
fn no_config_can_take_ctrl_c_away() {
    let keymap = Keymap::new(&[(Action::Quit, vec![])]);
    let mut state = State::new(
        samples(),
        ReadingState::default(),
        Some(0),
        Settings::default(),
        keymap,
        (120, 35),
    );
    state.start();
    let ctrl_c = Key {
        code: KeyCode::Char('c'),
        ctrl: true,
        alt: false,
    };
    for script in ["", "?", "i", "/", "3"] {
        press(&mut state, "<Esc>");
        press(&mut state, script);
        assert_eq!(
            state.update(Input::Key(ctrl_c)),
            Effect::Quit,
            "in {:?}",
            state.mode()
        );
    }
}

#[test]
fn focus_is_plain_to_see_and_the_bottom_bar_follows_it() {
    let mut state = state(120, 35, Ambiguous::Narrow);
    let pages = state.geometry().pages.unwrap();
    state.update(Input::Click {
        x: pages.x + 2,
        y: pages.y + 2,
    });
    let text = screen(&state);
    assert!(text.lines().nth(1).unwrap().contains("版面 ◂"), "{text}");
    assert!(
        bottom_bar(&state).contains("看本版"),
        "{}",
        bottom_bar(&state)
    );
    // The whole heading row of the focused pane is in the cursor's style.
    let palette = ui::theme::palette(state.settings().theme, state.settings().color);
    let buffer = frame(&state);
    let reversed = ratatui::style::Modifier::REVERSED;
    assert!(palette.cursor.add_modifier.contains(reversed));
    assert!(
        (pages.left()..pages.right()).all(|x| buffer[(x, pages.y - 1)].modifier.contains(reversed))
    );
    press(&mut state, "<Tab><Tab>");
    assert!(
        bottom_bar(&state).contains("上一版"),
        "{}",
        bottom_bar(&state)
    );
}

#[test]
fn search_results_are_one_row_an_article_with_a_match_counter() {
    let mut state = on_shelf(5, 120, 35);
    press(&mut state, "/换届<Enter>");
    let text = screen(&state);
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with(" 第0")).collect();
    assert_eq!(rows.len(), 2, "{text}");
    assert!(rows[0].contains("处）"), "{}", rows[0]);
    // The snippet uses the row: past half of it.
    let snippet = text.lines().nth(4).unwrap();
    assert!(
        unicode_width::UnicodeWidthStr::width(snippet) > 80,
        "{snippet}"
    );
    press(&mut state, "<Enter>");
    assert_eq!(state.match_at().map(|(at, _)| at), Some(1));
    press(&mut state, "n");
    let (at, of) = state.match_at().unwrap();
    assert_eq!(at, 2);
    assert!(
        bottom_bar(&state).contains(&format!("第2/{of}处")),
        "{}",
        bottom_bar(&state)
    );
}

#[test]
fn the_panes_are_sized_for_the_reading_width_first() {
    let common = state(80, 24, Ambiguous::Narrow);
    assert!(
        common.geometry().article.width >= 60,
        "{:?}",
        common.geometry()
    );
    let wide = state(200, 60, Ambiguous::Narrow);
    let g = wide.geometry();
    assert_eq!(g.text.width, 72);
    assert!(g.article.width - g.text.width < 50, "{g:?}");
}

#[test]
fn every_mode_lists_its_own_keys_in_the_help() {
    let mut state = state(120, 35, Ambiguous::Narrow);
    press(&mut state, "i?");
    let text = screen(&state);
    assert!(text.contains("往期阅读 past issues"), "{text}");
    assert!(text.contains("上月 the month before"), "{text}");
    press(&mut state, "<Esc>");
    assert_eq!(state.mode(), Mode::Library);
}

/// README's key tables are the keymap's, so they cannot drift from the
/// keys that work.
#[test]
fn readme_lists_the_keys_of_every_mode_as_the_keymap_has_them() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start_marker = "<!-- keys: from the keymap";
    let end_marker = "<!-- end of keys -->";
    let start = readme.find(start_marker).expect("the keys' start marker");
    let start = start + readme[start..].find('\n').unwrap() + 1;
    let end = readme.find(end_marker).expect("the keys' end marker");
    let tables = Keymap::default().markdown();
    let want = format!("{}\n", tables.trim());
    if std::env::var_os("EPAPER_BLESS").is_some() {
        let rewritten = format!("{}{want}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, rewritten).unwrap();
        return;
    }
    assert_eq!(
        readme[start..end],
        want,
        "README's keys differ from the keymap; EPAPER_BLESS=1 cargo test --test reader readme rewrites them"
    );
}

/// A file of the library that cannot be read: its whole error can be read
/// in 往期阅读, however long, not only the part the bar has room for.
#[test]
fn a_bad_library_file_can_be_read_whole() {
    let dir = std::env::temp_dir().join(format!("epaper-bad-library-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let long_name = format!("{}.json", "一份名字很长的报纸文件".repeat(4));
    std::fs::write(dir.join(&long_name), "{\"format\": 1, \"publication\": ").unwrap();
    let library = epaper::library::Library::scan(&dir, None).unwrap();
    let mut state = opened(library, 0, 80, 24);
    press(&mut state, "<Tab>");
    let text = screen(&state).replace(['\n', ' '], "");
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(text.contains(&long_name.replace(' ', "")), "{text}");
}

/// The headlines pane sets a title as the paper set it: never a line of
/// one character ("量" alone under "…磅礴力"), at any width it shows at.
#[test]
fn headlines_in_their_pane_leave_no_character_alone() {
    for width in (100..=200).step_by(7) {
        let state = state_on("nmgrb", width, 35, Ambiguous::Narrow);
        let Some(pane) = state.geometry().headlines else {
            continue;
        };
        for row in &state.headlines_view().rows {
            let text = row.text.split(" 转").next().unwrap_or("").trim();
            assert!(
                text.chars().count() != 1,
                "{width} columns, a pane {} wide: {:?} alone",
                pane.width,
                row.text
            );
        }
    }
}

/// A library search runs away from the screen: the screen says how far it
/// has got and shows the first results as they come, newest issue first;
/// Esc stops it, and what a stopped search still sends is not shown.
#[test]
fn a_library_search_shows_its_progress_and_stops_at_esc() {
    use epaper::app::modes::search::Searched;
    let mut state = State::in_background(
        shelf(),
        ReadingState::default(),
        Some(1),
        Settings::default(),
        Keymap::default(),
        (120, 35),
    );
    state.start();
    if let Some((ticket, loader)) = state.load_request() {
        state.loaded(ticket, loader.load());
    }
    press(&mut state, "//换届<Enter>");
    assert!(state.searching());
    let text = screen(&state);
    assert!(text.contains("已查 0/11 期 · Esc 停止"), "{text}");
    assert!(text.contains("正在查找"), "{text}");
    let job = state.search_request().expect("a search for the runner");
    assert!(state.search_request().is_none(), "asked for once");
    let ticket = job.ticket();
    let mut reports = Vec::new();
    job.run(&mut |searched| reports.push((ticket, searched)));
    // What came up to the first issue's results.
    let first = reports
        .iter()
        .position(|(_, s)| matches!(s, Searched::Event(e) if matches!(e, epaper::library::fulltext::Event::Found(_))))
        .unwrap();
    let rest = reports.split_off(first + 1);
    state.searched(reports);
    let text = screen(&state);
    assert!(text.contains("2021-11-15"), "{text}");
    assert!(!text.contains("2021-11-12"), "{text}");
    assert!(text.contains("Esc 停止"), "{text}");
    // Keys work on the results while more come.
    press(&mut state, "j");
    state.searched(rest);
    assert!(!state.searching());
    let text = screen(&state);
    assert!(!text.contains("Esc 停止"), "{text}");
    assert!(text.contains("：20 篇"), "{text}");
    // Newest first: the first result is of the newest issue.
    let rows: Vec<&str> = text.lines().filter(|l| l.contains("2021-11-")).collect();
    assert!(rows[0].contains("2021-11-15"), "{rows:?}");
    // A second search, stopped by Esc before the runner has run it.
    press(&mut state, "<Esc>//换届<Enter>");
    let job = state.search_request().expect("a second search");
    press(&mut state, "<Esc>");
    assert!(!state.searching());
    assert_eq!(state.mode(), Mode::Reading);
    let ticket = job.ticket();
    let mut late = Vec::new();
    job.run(&mut |searched| late.push((ticket, searched)));
    assert!(
        matches!(late.last(), Some((_, Searched::Done(outcome))) if outcome.stopped),
        "{late:?}"
    );
    state.searched(late);
    assert_eq!(state.mode(), Mode::Reading);
}
