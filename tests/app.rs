//! `update` on its own: page and article boundaries, scroll clamping, and
//! the reading position under zoom, resize and ambiguous-width changes.

use epaper::app::reading::{Reader, Row, Spot};
use epaper::app::{Input, Key, KeyCode, Keymap, Settings, State};
use epaper::layout::Ambiguous;
use epaper::library::Library;
use epaper::library::store::ReadingState;
use epaper::model;
use epaper::samples::SAMPLES;
use proptest::prelude::*;

fn open(names: &[&str], width: u16, height: u16) -> State {
    let mut state = State::new(
        library_of(names),
        ReadingState::default(),
        Some(0),
        Settings::default(),
        Keymap::default(),
        (width, height),
    );
    state.start();
    state
}

fn key(state: &mut State, code: KeyCode) {
    state.update(Input::Key(Key::plain(code)));
}

fn char(state: &mut State, c: char) {
    state.update(Input::Key(Key::char(c)));
}

#[test]
fn paging_stops_at_the_first_and_last_page() {
    let mut state = open(&["nmgrb"], 100, 30);
    key(&mut state, KeyCode::Left);
    assert_eq!(state.page(), 0);
    assert_eq!(state.message(), Some("已是第一版"));
    for _ in 0..20 {
        key(&mut state, KeyCode::Right);
    }
    assert_eq!(state.page(), 11);
    assert_eq!(state.message(), Some("已是最后一版"));
    assert!(state.reader().is_none(), "page 12 has no articles");
}

#[test]
fn next_article_crosses_pages_and_passes_empty_ones() {
    let mut state = open(&["nmgrb"], 100, 30);
    assert_eq!((state.page(), state.selected()), (0, 0));
    char(&mut state, ']');
    assert_eq!((state.page(), state.selected()), (2, 0), "page 02 is empty");
    char(&mut state, '[');
    assert_eq!((state.page(), state.selected()), (0, 0));
    char(&mut state, '[');
    assert_eq!(state.message(), Some("已是第一篇"));
    for _ in 0..7 {
        char(&mut state, ']');
    }
    assert_eq!((state.page(), state.selected()), (2, 6));
    char(&mut state, ']');
    assert_eq!(state.message(), Some("已是最后一篇"));
}

#[test]
fn scrolling_stops_at_the_end_of_the_story() {
    let mut state = open(&["nmgrb"], 100, 30);
    let height = usize::from(state.geometry().article.height);
    for _ in 0..2000 {
        char(&mut state, 'j');
    }
    let reader = state.reader().unwrap();
    assert_eq!(reader.rows.len(), height, "the last screen is full");
    let last = reader.blocks.len() - 1;
    assert!(matches!(reader.rows.last(), Some(Row::Text { block, .. }) if *block == last));
    let top = reader.top;
    char(&mut state, 'j');
    assert_eq!(state.reader().unwrap().top, top);
    char(&mut state, 'g');
    assert_eq!(state.reader().unwrap().top.block, 0);
    char(&mut state, 'k');
    assert_eq!(state.reader().unwrap().top.block, 0);
}

#[test]
fn the_position_percentage_only_grows_while_scrolling_down() {
    // Narrow, so blank rows between paragraphs come to the top too.
    let mut state = open(&["nmgrb"], 40, 12);
    let progress = |state: &State| state.reader().unwrap().progress();
    assert!(progress(&state) < 0.01);
    let mut last = progress(&state);
    let mut gaps = 0;
    for _ in 0..2000 {
        char(&mut state, 'j');
        let now = progress(&state);
        assert!(now >= last, "went back from {last} to {now}");
        assert!(now <= 1.0);
        gaps += usize::from(state.reader().unwrap().top.spot == Spot::Gap);
        last = now;
    }
    assert!(gaps > 0, "a blank row was at the top on the way");
    assert!(last > 0.8, "the last screen's top is near the end: {last}");
}

#[test]
fn space_at_the_end_opens_the_next_article() {
    let mut state = open(&["nmgrb"], 100, 30);
    key(&mut state, KeyCode::End);
    assert_eq!(state.page(), 0);
    char(&mut state, ' ');
    assert_eq!((state.page(), state.selected()), (2, 0));
}

#[test]
fn the_continuation_opens_at_its_marker() {
    let mut state = open(&["nmgrb"], 100, 30);
    for c in "03".chars() {
        char(&mut state, c);
    }
    key(&mut state, KeyCode::Enter);
    for _ in 0..4 {
        char(&mut state, ']');
    }
    let reader = state.reader().unwrap();
    assert!(matches!(reader.rows.first(), Some(Row::Marker { .. })));
    assert_eq!(
        reader.story,
        model::ArticleRef {
            page: 0,
            article: 0
        }
    );
}

#[derive(Debug, Clone)]
enum Op {
    Scroll(u8),
    ZoomIn,
    ZoomOut,
    Resize(u16, u16),
    Ambiguous(bool),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (1u8..40).prop_map(Op::Scroll),
        1 => Just(Op::ZoomIn),
        1 => Just(Op::ZoomOut),
        2 => (40u16..220, 10u16..70).prop_map(|(w, h)| Op::Resize(w, h)),
        1 => any::<bool>().prop_map(Op::Ambiguous),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    /// After a zoom, a resize or a change of ambiguous width, the line at
    /// the top holds the character that was at the top.
    #[test]
    fn the_reading_position_holds(ops in proptest::collection::vec(op(), 1..25)) {
        let mut state = open(&["epaper-guide"], 120, 40);
        // The guide's longest article: the English page's first.
        for c in "B02".chars() {
            char(&mut state, c);
        }
        key(&mut state, KeyCode::Enter);
        for op in ops {
            if let Op::Scroll(n) = op {
                for _ in 0..n {
                    char(&mut state, 'j');
                }
                continue;
            }
            let before = state.reader().and_then(Reader::top_line);
            match op {
                Op::ZoomIn => char(&mut state, '+'),
                Op::ZoomOut => char(&mut state, '-'),
                Op::Resize(width, height) => { state.update(Input::Resize { width, height }); }
                Op::Ambiguous(wide) => {
                    let ambiguous = if wide { Ambiguous::Wide } else { Ambiguous::Narrow };
                    state.update(Input::AmbiguousWidth(ambiguous));
                }
                Op::Scroll(_) => unreachable!(),
            }
            if let Some((block, before)) = before {
                let after = state.reader().and_then(Reader::top_line);
                let (new_block, span) = after.expect("a text line at the top");
                prop_assert_eq!(new_block, block);
                prop_assert!(span.contains(&before.start) || span.start == before.start,
                    "the top's first byte {} left the top line {:?}", before.start, span);
            }
        }
    }

    /// Any keys and sizes: no panic, and what `render` reads stays in range.
    #[test]
    fn any_keys_keep_the_state_in_range(
        keys in proptest::collection::vec(proptest::sample::select(vec![
            "Left", "Right", "[", "]", "{", "}", "j", "k", "Space", "b", "Ctrl-d", "Ctrl-u", "g", "G",
            "Tab", "BackTab", "Enter", "Esc", "+", "-", "=", "z", "?", "t", "3", "A", "0", "Backspace",
            "i", "'", "/", "m", "u", "n", "N", "Ctrl-_",
        ]), 1..60),
        width in 1u16..200,
        height in 1u16..80,
    ) {
        let mut state = open(&["epaper-guide", "nmgrb"], width, height);
        for name in keys {
            let key: Key = name.parse().unwrap();
            state.update(Input::Key(key));
            if let Err(broken) = state.invariants() {
                prop_assert!(false, "after {}: {}", name, broken);
            }
        }
    }
}

#[test]
fn a_click_opens_a_page_or_a_headline_and_the_wheel_scrolls_what_is_under_it() {
    let mut state = open(&["nmgrb"], 100, 30);
    let pages = state.geometry().pages.unwrap();
    // The third row of the pages list is page 03.
    state.update(Input::Click {
        x: pages.x + 2,
        y: pages.y + 2,
    });
    assert_eq!(state.page(), 2);
    let headlines = state.geometry().headlines.unwrap();
    let row = state
        .headlines_view()
        .rows
        .iter()
        .position(|r| r.article == 3)
        .unwrap();
    state.update(Input::Click {
        x: headlines.x + 3,
        y: headlines.y + u16::try_from(row).unwrap(),
    });
    assert_eq!(
        state.opened(),
        Some(model::ArticleRef {
            page: 2,
            article: 3
        })
    );
    // Back to the long story; the wheel over the article scrolls it.
    state.update(Input::Click {
        x: pages.x + 2,
        y: pages.y,
    });
    let article = state.geometry().article;
    let top = state.reader().unwrap().top;
    state.update(Input::Wheel {
        x: article.x + 5,
        y: article.y + 5,
        down: true,
    });
    assert_ne!(state.reader().unwrap().top, top);
    // The wheel over the pages list moves the list, not the article.
    let top = state.reader().unwrap().top;
    state.update(Input::Wheel {
        x: pages.x + 1,
        y: pages.y + 1,
        down: true,
    });
    assert_eq!(state.reader().unwrap().top, top);
}

#[test]
fn the_wheel_scrolls_a_list_past_its_selection_until_the_next_key() {
    // Too short for the twelve pages: the list scrolls.
    let mut state = open(&["nmgrb"], 100, 10);
    let pages = state.geometry().pages.unwrap();
    assert_eq!(state.pages_view().top, 0);
    for _ in 0..3 {
        state.update(Input::Wheel {
            x: pages.x + 1,
            y: pages.y + 1,
            down: true,
        });
    }
    let top = state.pages_view().top;
    assert!(top > 0, "the list moved");
    assert_eq!(state.page(), 0, "the selection stayed");
    // A key brings the selection back into sight.
    char(&mut state, 'j');
    assert_eq!(state.pages_view().top, 0);
}

#[test]
fn going_back_to_a_story_reuses_its_layout_and_starts_it_again() {
    let mut state = open(&["nmgrb"], 100, 30);
    for _ in 0..30 {
        char(&mut state, 'j');
    }
    char(&mut state, ']');
    char(&mut state, '[');
    let reader = state.reader().unwrap();
    assert_eq!(reader.top.block, 0);
    assert!(matches!(reader.rows.first(), Some(Row::Text { .. })));
}

/// The issue of the seed capture, 内蒙古日报 of 2021-11-05.
fn seed() -> model::Issue {
    model::load(
        SAMPLES
            .iter()
            .find(|s| s.name.starts_with("nmgrb"))
            .unwrap()
            .bytes,
    )
    .unwrap()
    .issue
}

/// A library of the seed issue on three days.
fn three_days_library() -> Library {
    let seed = seed();
    let issues = [3, 4, 5]
        .into_iter()
        .map(|day| {
            let mut issue = seed.clone();
            issue.date = format!("2021-11-0{day}").parse().unwrap();
            (format!("nmgrb-{day}.json"), std::sync::Arc::new(issue))
        })
        .collect();
    Library::of_issues(issues)
}

fn three_days() -> State {
    let mut state = State::new(
        three_days_library(),
        ReadingState::default(),
        None,
        Settings::default(),
        Keymap::default(),
        (100, 30),
    );
    state.start();
    state
}

#[test]
fn the_newest_issue_opens_and_braces_step_by_date() {
    let mut state = three_days();
    assert_eq!(state.issue().unwrap().date.to_string(), "2021-11-05");
    char(&mut state, '}');
    assert_eq!(state.message(), Some("已是最新一期"));
    char(&mut state, '{');
    assert_eq!(state.issue().unwrap().date.to_string(), "2021-11-04");
    char(&mut state, '{');
    char(&mut state, '{');
    assert_eq!(state.issue().unwrap().date.to_string(), "2021-11-03");
    assert_eq!(state.message(), Some("已是最早一期"));
}

/// Where reading was left in each issue comes back, in a new process (a
/// new `State` from the saved reading state) as in this one.
#[test]
fn reading_resumes_where_it_was_left() {
    let mut state = three_days();
    char(&mut state, '{');
    for _ in 0..23 {
        char(&mut state, 'j');
    }
    let top = state.reader().unwrap().rows[0];
    char(&mut state, '}');
    assert_ne!(state.reader().unwrap().rows[0], top);
    char(&mut state, '{');
    assert_eq!(state.reader().unwrap().rows[0], top, "back in this process");
    assert!(state.memory().unsaved());
    let saved = state.memory().state().clone();
    let mut again = State::new(
        three_days_library(),
        saved,
        None,
        Settings::default(),
        Keymap::default(),
        (100, 30),
    );
    again.start();
    assert_eq!(
        again.issue().unwrap().date.to_string(),
        "2021-11-04",
        "the issue read last"
    );
    assert_eq!(
        again.reader().as_ref().unwrap().rows[0],
        top,
        "the same line at the top"
    );
    // At a narrower width the same text is still at the top.
    again.update(Input::Resize {
        width: 70,
        height: 30,
    });
    let Row::Text { block, line } = again.reader().as_ref().unwrap().rows[0] else {
        panic!()
    };
    let Row::Text {
        block: old_block,
        line: old,
    } = top
    else {
        panic!()
    };
    assert_eq!(block, old_block);
    assert!(line.start <= old.start);
}

#[test]
fn an_article_is_read_once_its_end_was_on_screen() {
    let mut state = three_days();
    let front = model::ArticleRef {
        page: 0,
        article: 0,
    };
    assert!(!state.is_read(front));
    key(&mut state, KeyCode::End);
    assert!(state.is_read(front));
    assert!(
        state.is_read(model::ArticleRef {
            page: 2,
            article: 4
        }),
        "its continuation too"
    );
    char(&mut state, 'u');
    assert!(!state.is_read(front));
    assert_eq!(state.message(), Some("已标为未读"));
    // Headline-only entries are read when opened.
    char(&mut state, ']');
    assert!(state.is_read(model::ArticleRef {
        page: 2,
        article: 0
    }));
}

#[test]
fn bookmarks_are_kept_and_open_their_article() {
    let mut state = three_days();
    char(&mut state, 'm');
    assert_eq!(state.message(), Some("已收藏"));
    assert!(state.is_bookmarked(model::ArticleRef {
        page: 0,
        article: 0
    }));
    char(&mut state, '{');
    for c in "03".chars() {
        char(&mut state, c);
    }
    key(&mut state, KeyCode::Enter);
    assert_eq!(state.issue().unwrap().date.to_string(), "2021-11-04");
    char(&mut state, '\'');
    key(&mut state, KeyCode::Enter);
    assert_eq!(state.issue().unwrap().date.to_string(), "2021-11-05");
    assert_eq!(
        state.opened(),
        Some(model::ArticleRef {
            page: 0,
            article: 0
        })
    );
    assert!(state.overlay().is_none());
    // m in the list removes it.
    char(&mut state, '\'');
    char(&mut state, 'm');
    assert!(state.memory().state().bookmarks().is_empty());
}

#[test]
fn search_opens_the_article_at_the_match_and_n_steps_through_matches() {
    let mut state = three_days();
    char(&mut state, '/');
    for c in "考实".chars() {
        char(&mut state, c);
    }
    key(&mut state, KeyCode::Enter);
    key(&mut state, KeyCode::Enter);
    let reader = state.reader().unwrap();
    let Row::Text { block, line } = reader.rows[0] else {
        panic!("text at the top")
    };
    assert!(
        reader
            .highlights
            .iter()
            .any(|(b, r)| *b == block && r.start >= line.start)
    );
    let first = reader.rows[0];
    char(&mut state, 'n');
    assert_ne!(state.reader().unwrap().rows[0], first);
    char(&mut state, 'N');
    assert_eq!(state.reader().unwrap().rows[0], first);
    key(&mut state, KeyCode::Esc);
    assert!(state.search().is_none());
}

/// Found by the monkey test: a jump (to a search match, to a saved place)
/// puts the top inside a line; a resize then kept that byte on the top
/// line but not the start of the line that had been showing.
#[test]
fn after_a_jump_inside_a_line_a_resize_keeps_the_line_that_was_shown() {
    let mut state = open(&["nmgrb"], 287, 52);
    // A few characters from the end of a line in the middle of the
    // screen: a search jumps there, inside the line.
    let reader = state.reader().unwrap();
    let (block, line) = reader
        .rows
        .iter()
        .filter_map(|row| match *row {
            Row::Text { block, line } => Some((block, line)),
            _ => None,
        })
        .nth(20)
        .unwrap();
    let text = reader.text(block)[line.start..line.end].to_owned();
    let words: String = text
        .chars()
        .rev()
        .skip(1)
        .take(5)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    char(&mut state, '/');
    for c in words.chars() {
        char(&mut state, c);
    }
    key(&mut state, KeyCode::Enter);
    key(&mut state, KeyCode::Enter);
    let (jumped, before) = state.reader().and_then(Reader::top_line).unwrap();
    assert_eq!(jumped, block, "the search found the line's words");
    assert_eq!(
        before.start, line.start,
        "the top shows the line from its start"
    );
    state.update(Input::Resize {
        width: 287,
        height: 52,
    });
    let (_, shown) = state.reader().and_then(Reader::top_line).unwrap();
    assert_eq!(shown.start, line.start, "the line holding the jump shows");
    state.update(Input::Resize {
        width: 81,
        height: 42,
    });
    let (new_block, span) = state.reader().and_then(Reader::top_line).unwrap();
    assert_eq!(new_block, block);
    assert!(
        span.contains(&line.start),
        "the top line {span:?} lost byte {}",
        line.start
    );
}

/// The samples whose names begin so, loaded, as a library.
fn library_of(names: &[&str]) -> Library {
    let issues = names
        .iter()
        .map(|prefix| {
            let sample = SAMPLES.iter().find(|s| s.name.starts_with(prefix)).unwrap();
            let issue = std::sync::Arc::new(model::load(sample.bytes).unwrap().issue);
            (sample.name.to_owned(), issue)
        })
        .collect();
    Library::of_issues(issues)
}

/// The titles the headlines pane shows.
fn headline_rows(state: &State) -> Vec<String> {
    state
        .headlines_view()
        .rows
        .iter()
        .map(|row| row.text.clone())
        .collect()
}

#[test]
fn an_update_in_the_background_shows_its_progress_and_brings_the_new_library() {
    use epaper::app::Background;
    let mut state = open(&["epaper-guide"], 120, 35);
    state.update(Input::Key(Key::char('R')));
    state.background(Background::Progress(
        "更新 人民日报 2026-12-01 · 文章 3/20".to_owned(),
    ));
    assert_eq!(
        state.background_status(),
        Some("更新 人民日报 2026-12-01 · 文章 3/20")
    );
    // Keys still work while it runs.
    key(&mut state, KeyCode::Right);
    assert_eq!(state.page(), 1);
    key(&mut state, KeyCode::Left);
    // At its end, the library it wrote to: the issue read is not in it, so
    // its newest opens, with its own headlines (not those laid out for the
    // entry of the same number before).
    state.background(Background::Done {
        summary: "更新完毕：新到 1 期".to_owned(),
        library: Some(library_of(&["nmgrb"])),
    });
    assert_eq!(state.background_status(), None);
    assert_eq!(state.message(), Some("更新完毕：新到 1 期"));
    assert_eq!(state.issue().unwrap().publication, "内蒙古日报");
    let first = &state.issue().unwrap().pages[state.page()].articles[0].title;
    let shown = headline_rows(&state);
    assert!(
        shown
            .iter()
            .map(|row| row.trim_end_matches('…'))
            .any(|row| !row.is_empty() && first.starts_with(row)),
        "{first} not in {shown:?}"
    );
}

#[test]
fn a_new_library_keeps_the_issue_being_read_at_its_new_place() {
    use epaper::app::Background;
    let mut state = open(&["nmgrb"], 120, 35);
    key(&mut state, KeyCode::Right);
    let page = state.page();
    state.background(Background::Done {
        summary: "更新完毕：新到 1 期".to_owned(),
        library: Some(library_of(&["epaper-guide", "nmgrb"])),
    });
    assert_eq!(state.issue().unwrap().publication, "内蒙古日报");
    assert_eq!(state.entry(), 1);
    assert_eq!(state.page(), page);
    assert_eq!(state.library().entries.len(), 2);
}

/// What the screen shows, as text without spaces.
fn screen_text(state: &State) -> String {
    let (width, height) = state.size();
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| epaper::ui::render(state, frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    buffer
        .content()
        .chunks(usize::from(width))
        // Wide characters are followed by a blank cell: left out.
        .map(|row| {
            row.iter()
                .map(ratatui::buffer::Cell::symbol)
                .collect::<String>()
                .replace(' ', "")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn issues_are_read_away_from_the_screen_and_keys_never_wait() {
    use epaper::app::Effect;
    let dir = std::env::temp_dir().join(format!("epaper-app-loading-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for sample in SAMPLES {
        std::fs::write(dir.join(sample.name), sample.bytes).unwrap();
    }
    let library = Library::scan(&dir, None).unwrap();
    let mut state = State::in_background(
        library,
        ReadingState::default(),
        None,
        Settings::default(),
        Keymap::default(),
        (120, 35),
    );
    state.start();
    // Nothing has been read: the newest issue is asked for, and the screen
    // says so at once.
    assert!(!state.has_issue());
    assert!(state.loading().is_some());
    assert!(
        screen_text(&state).contains("正在打开"),
        "{}",
        screen_text(&state)
    );
    let (first, loader) = state.load_request().expect("a load is asked for");
    assert!(state.load_request().is_none(), "and asked for once");
    // While it is read, keys are answered: q quits, Esc gives it up.
    assert!(matches!(
        state.update(Input::Key(Key::char('q'))),
        Effect::Quit
    ));
    key(&mut state, KeyCode::Esc);
    assert_eq!(state.loading(), None);
    assert_eq!(state.message(), Some("已取消打开"));
    // What it read arrives late, and is not opened.
    state.loaded(first, loader.load());
    assert!(!state.has_issue());
    // The library view is open: Enter asks for its issue, which a thread
    // reads, and it opens when it is handed back.
    key(&mut state, KeyCode::Enter);
    let (ticket, loader) = state.load_request().expect("a load is asked for");
    let read = std::thread::spawn(move || loader.load()).join().unwrap();
    state.loaded(ticket, read);
    assert!(state.has_issue());
    assert_eq!(state.loading(), None);
    assert!(!screen_text(&state).contains("正在打开"));
    // An issue that is gone by the time it is read says so, and the issue
    // open stays.
    let open = state.issue().unwrap().publication.clone();
    for sample in SAMPLES {
        std::fs::remove_file(dir.join(sample.name)).unwrap();
    }
    char(&mut state, '{');
    char(&mut state, '}');
    if let Some((ticket, loader)) = state.load_request() {
        state.loaded(ticket, loader.load());
        assert!(
            state.message().unwrap_or("").contains("error"),
            "{:?}",
            state.message()
        );
    }
    assert_eq!(state.issue().unwrap().publication, open);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn one_issue_is_read_at_a_time_and_the_latest_asked_for_opens() {
    let dir = std::env::temp_dir().join(format!("epaper-app-one-read-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let seed = seed();
    for day in 1..=5 {
        let mut issue = seed.clone();
        issue.date = format!("2021-11-0{day}").parse().unwrap();
        std::fs::write(
            dir.join(format!("nmgrb-{day}.json")),
            serde_json::to_vec(&issue).unwrap(),
        )
        .unwrap();
    }
    let mut state = State::in_background(
        Library::scan(&dir, None).unwrap(),
        ReadingState::default(),
        None,
        Settings::default(),
        Keymap::default(),
        (120, 35),
    );
    state.start();
    let (ticket, loader) = state.load_request().unwrap();
    state.loaded(ticket, loader.load());
    assert_eq!(state.issue().unwrap().date.to_string(), "2021-11-05");
    // `{` three times while the first read is out: one read at a time,
    // each step from the issue asked for last.
    char(&mut state, '{');
    let (first, loader) = state.load_request().unwrap();
    char(&mut state, '{');
    char(&mut state, '{');
    assert!(
        state.load_request().is_none(),
        "a second read while one is out"
    );
    state.loaded(first, loader.load());
    assert_eq!(
        state.issue().unwrap().date.to_string(),
        "2021-11-05",
        "overtaken"
    );
    let (latest, loader) = state.load_request().unwrap();
    state.loaded(latest, loader.load());
    assert_eq!(state.issue().unwrap().date.to_string(), "2021-11-02");
    let _ = std::fs::remove_dir_all(&dir);
}
