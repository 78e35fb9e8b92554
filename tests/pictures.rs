//! Pictures as a reader meets them: the page map (版面图) picked with keys
//! and clicks, photos inside the article and alone, pictures off, files
//! that are not pictures, and the bytes each graphics protocol writes to
//! a real terminal.

#[path = "support/pictures.rs"]
mod fixture;
#[path = "support/pty.rs"]
mod pty;
#[path = "support/screen.rs"]
mod support;

use std::time::{Duration, Instant};

use epaper::app::{Input, Mode, Settings, State};
use epaper::library::Library;
use epaper::pictures::{self, Graphics};
use fixture::Folder;
use support::{frame, press, screen};

fn reader(dir: &std::path::Path, graphics: Option<Graphics>, width: u16, height: u16) -> State {
    let settings = Settings {
        graphics,
        ..Settings::default()
    };
    support::opened_with(
        Library::scan(dir, None).unwrap(),
        0,
        settings,
        width,
        height,
    )
}

/// Plays the painter's part at once, until the screen asks nothing more.
fn paint(state: &mut State) {
    let Some(graphics) = state.settings().graphics else {
        return;
    };
    for _ in 0..8 {
        let jobs = state.picture_jobs();
        if jobs.is_empty() {
            return;
        }
        for job in jobs {
            for got in pictures::answer(&graphics, &job) {
                state.update(Input::Picture(got));
            }
        }
    }
}

fn heading(state: &State) -> String {
    screen(state).lines().nth(1).unwrap_or("").to_owned()
}

#[test]
fn the_page_map_picks_articles_with_keys_and_clicks() {
    let folder = Folder::new("map-keys");
    fixture::write_issue(&folder.0);
    let mut state = reader(&folder.0, Some(Graphics::halfblocks()), 100, 30);
    press(&mut state, "v");
    paint(&mut state);
    assert_eq!(state.mode(), Mode::PageMap);
    assert!(
        heading(&state).contains("版面图 · 第01版 · 1/3 1. 头条新闻"),
        "{}",
        heading(&state)
    );
    press(&mut state, "]");
    assert!(
        heading(&state).contains("2/3 2. 左栏报道"),
        "{}",
        heading(&state)
    );
    press(&mut state, "<Down>");
    assert!(heading(&state).contains("3/3 3. 右栏报道"));
    // Past the last area the selection stays.
    press(&mut state, "]");
    assert!(heading(&state).contains("3/3"));
    press(&mut state, "<Enter>");
    assert_eq!(state.mode(), Mode::Reading);
    assert_eq!(state.opened().map(|at| at.article), Some(2));
    assert!(screen(&state).contains("右栏正文"));
    // The map opens at the article being read; a click on the left
    // column's area opens that one.
    press(&mut state, "v");
    assert!(heading(&state).contains("3/3"));
    let picture = state.map_frame().unwrap().picture;
    let x = picture.x + picture.width / 4;
    let y = picture.y + picture.height * 2 / 3;
    state.update(Input::Click { x, y });
    assert_eq!(state.mode(), Mode::Reading);
    assert_eq!(state.opened().map(|at| at.article), Some(1));
    // A click beside the page opens nothing.
    press(&mut state, "v");
    let picture = state.map_frame().unwrap().picture;
    assert!(picture.x > state.geometry().article.x);
    state.update(Input::Click {
        x: picture.x - 1,
        y: picture.y + 2,
    });
    assert_eq!(state.mode(), Mode::PageMap);
    press(&mut state, "<Esc>");
    assert_eq!(state.mode(), Mode::Reading);
}

#[test]
fn the_map_turns_pages_and_says_what_it_cannot_show() {
    let folder = Folder::new("map-pages");
    fixture::write_issue(&folder.0);
    let mut state = reader(&folder.0, Some(Graphics::halfblocks()), 100, 30);
    press(&mut state, "v<Right>");
    paint(&mut state);
    // Page 02's picture is a URL, never downloaded: its area as a box.
    let shown = screen(&state);
    assert!(shown.contains("版面图 · 第02版"), "{shown}");
    assert!(shown.contains("版面图未下载，以方框示意"), "{shown}");
    assert!(
        shown.contains("┌") && shown.contains("1 未下载版面图上的"),
        "{shown}"
    );
    press(&mut state, "<Right>");
    assert!(screen(&state).contains("本版没有版面图"));
    press(&mut state, "<Right>");
    assert!(screen(&state).contains("已是最后一版"));
    press(&mut state, "<Left><Left>");
    assert!(heading(&state).contains("第01版"));
    press(&mut state, "q");
    assert_eq!(state.mode(), Mode::Reading);
    assert_eq!(state.page(), 0);
}

/// The page map in half blocks, as the screen shows it at 80×24: the
/// page's columns and the first area's outline in the accent red.
#[test]
fn the_page_map_in_half_blocks() {
    let folder = Folder::new("map-halfblocks");
    fixture::write_issue(&folder.0);
    let mut state = reader(&folder.0, Some(Graphics::halfblocks()), 80, 24);
    press(&mut state, "v");
    paint(&mut state);
    insta::assert_snapshot!("page_map_halfblocks_80x24", screen(&state));
    let buffer = frame(&state);
    let red = ratatui::style::Color::Rgb(200, 30, 30);
    let outlined = buffer
        .content()
        .iter()
        .filter(|cell| cell.fg == red || cell.bg == red)
        .count();
    assert!(outlined > 40, "{outlined} cells of outline");
}

#[test]
fn photos_show_in_the_article_and_alone() {
    let folder = Folder::new("photos");
    fixture::write_issue(&folder.0);
    let mut state = reader(&folder.0, Some(Graphics::halfblocks()), 100, 30);
    press(&mut state, "]");
    paint(&mut state);
    let shown = screen(&state);
    let lines: Vec<&str> = shown.lines().collect();
    let caption = lines
        .iter()
        .position(|l| l.contains("[图] 会场一角（本报记者 某某摄）"))
        .expect("the caption");
    // The picture's rows are above its caption: half blocks, at most half
    // the pane.
    let picture_rows = lines[..caption]
        .iter()
        .filter(|l| l.contains('▀') || l.contains('▄'))
        .count();
    assert!(
        (4..=14).contains(&picture_rows),
        "{picture_rows} rows:\n{shown}"
    );
    press(&mut state, "p");
    paint(&mut state);
    assert_eq!(state.mode(), Mode::Picture);
    let alone = state.viewer_frame().unwrap().cells;
    assert!(alone.height > 20 || alone.width > 90, "{alone:?}");
    assert!(screen(&state).contains("会场一角"));
    press(&mut state, "<Esc>");
    assert_eq!(state.mode(), Mode::Reading);
}

#[test]
fn with_pictures_off_captions_and_boxes_stand_in() {
    let folder = Folder::new("pictures-off");
    fixture::write_issue(&folder.0);
    let mut state = reader(&folder.0, None, 100, 30);
    press(&mut state, "]");
    assert!(screen(&state).contains("[图] 会场一角（本报记者 某某摄）"));
    assert!(state.picture_jobs().is_empty());
    press(&mut state, "p");
    assert!(screen(&state).contains("图片显示已关闭"));
    press(&mut state, "v");
    let shown = screen(&state);
    assert!(shown.contains("图片显示已关闭，以方框示意"), "{shown}");
    assert!(shown.contains("2 左栏报道"), "{shown}");
}

#[test]
fn a_file_that_is_not_a_picture_is_said_so_and_never_shown() {
    let folder = Folder::new("not-a-picture");
    fixture::write_issue(&folder.0);
    std::fs::write(
        folder.0.join("2025-03-14.pictures/page-01.png"),
        b"<html>\x1b]52;c;bad\x07 not found</html>",
    )
    .unwrap();
    let mut state = reader(&folder.0, Some(Graphics::halfblocks()), 100, 30);
    press(&mut state, "v");
    paint(&mut state);
    let shown = screen(&state);
    assert!(
        shown.contains("版面图无法显示（not a PNG or JPEG picture），以方框示意"),
        "{shown}"
    );
    assert!(!shown.contains("html"));
}

#[test]
fn huge_pictures_are_refused_before_they_are_decoded() {
    let folder = Folder::new("huge");
    // A PNG header claiming 30,000 × 30,000 pixels (3.6 GB decoded).
    let mut png = Vec::new();
    image::RgbImage::new(1, 1)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png[16..20].copy_from_slice(&30_000u32.to_be_bytes());
    png[20..24].copy_from_slice(&30_000u32.to_be_bytes());
    let path = folder.0.join("huge.png");
    std::fs::write(&path, &png).unwrap();
    let started = Instant::now();
    let error = pictures::decode(&path).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(!error.is_empty());
    assert!(pictures::measure(&path).is_err());
    // A 4000 × 6000 page is decoded and kept at most 2,560 on its side.
    let page = image::RgbImage::from_pixel(4000, 6000, image::Rgb([200, 200, 200]));
    let big = folder.0.join("big.jpg");
    page.save(&big).unwrap();
    assert_eq!(pictures::measure(&big), Ok((4000, 6000)));
    let kept = pictures::decode(&big).unwrap();
    assert_eq!((kept.width(), kept.height()), (1707, 2560));
}

/// The protocol's sequences in what the reader wrote, and the others'.
fn sequences(bytes: &[u8]) -> (usize, usize, usize) {
    let count = |needle: &[u8]| bytes.windows(needle.len()).filter(|w| w == &needle).count();
    // kitty's picture data (its query at start is a=q), sixel's DCS, and
    // iTerm2's inline file.
    let kitty = count(b"\x1b_Ga=T") + count(b",a=T,");
    let sixel = count(b"\x1bP");
    let iterm2 = count(b"\x1b]1337;File=");
    (kitty, sixel, iterm2)
}

/// Starts the reader on the fixture issue in a pseudo-terminal that
/// answers the start's questions with `answer`, opens the page map and
/// waits for the picture; returns all it wrote.
fn drawn_in_a_terminal(
    name: &str,
    config: &str,
    answer: Option<&str>,
    shows: impl Fn(&[u8]) -> bool,
) -> Vec<u8> {
    let folder = Folder::new(name);
    let file = fixture::write_issue(&folder.0);
    let config_file = folder.0.join("config.toml");
    std::fs::write(&config_file, config).unwrap();
    let mut session = pty::Session::start_at(
        &[
            "--config",
            config_file.to_str().unwrap(),
            "--ambiguous-width",
            "narrow",
            file.to_str().unwrap(),
        ],
        100,
        30,
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    if let Some(answer) = answer {
        while !String::from_utf8_lossy(&session.bytes()).contains("\x1b[c") {
            assert!(Instant::now() < deadline, "the terminal was not asked");
            std::thread::sleep(Duration::from_millis(10));
        }
        session.send(answer);
    }
    session.wait_for("头条新闻");
    session.send("v");
    while !shows(&session.bytes()) {
        assert!(Instant::now() < deadline, "the picture was not drawn");
        std::thread::sleep(Duration::from_millis(50));
    }
    session.send("q");
    std::thread::sleep(Duration::from_millis(200));
    session.send("q");
    assert!(session.wait_exit());
    let bytes = session.final_bytes();
    assert!(pty::restored(&bytes));
    bytes
}

#[test]
fn a_kitty_terminal_gets_kitty_graphics_and_nothing_else() {
    let bytes = drawn_in_a_terminal(
        "pty-kitty",
        "",
        Some("\x1b_Gi=31;OK\x1b\\\x1b[6;20;10t\x1b[?62;22c"),
        |b| sequences(b).0 > 0,
    );
    let (kitty, sixel, iterm2) = sequences(&bytes);
    assert!(kitty > 0);
    assert_eq!((sixel, iterm2), (0, 0));
}

#[test]
fn a_sixel_terminal_gets_sixel_and_nothing_else() {
    let bytes = drawn_in_a_terminal("pty-sixel", "", Some("\x1b[6;20;10t\x1b[?62;4;22c"), |b| {
        sequences(b).1 > 0
    });
    let (kitty, sixel, iterm2) = sequences(&bytes);
    assert!(sixel > 0);
    assert_eq!((kitty, iterm2), (0, 0));
}

#[test]
fn a_terminal_that_answers_nothing_gets_half_blocks() {
    let bytes = drawn_in_a_terminal("pty-plain", "", None, |b| {
        String::from_utf8_lossy(b).contains('▀')
    });
    assert_eq!(sequences(&bytes), (0, 0, 0));
}

#[test]
fn the_config_chooses_the_protocol_whatever_the_terminal_says() {
    // Told to use sixel, the reader asks nothing and draws sixel.
    let bytes = drawn_in_a_terminal("pty-config", "images = \"sixel\"\n", None, |b| {
        sequences(b).1 > 0
    });
    assert!(!String::from_utf8_lossy(&bytes).contains("\x1b[c"));
    let (kitty, sixel, iterm2) = sequences(&bytes);
    assert!(sixel > 0);
    assert_eq!((kitty, iterm2), (0, 0));
}

#[test]
fn iterm2_is_drawn_with_its_inline_files_and_nothing_else() {
    // iTerm2 has no query: named by the config here (by TERM_PROGRAM in
    // real use).
    let bytes = drawn_in_a_terminal("pty-iterm2", "images = \"iterm2\"\n", None, |b| {
        sequences(b).2 > 0
    });
    let (kitty, sixel, iterm2) = sequences(&bytes);
    assert!(iterm2 > 0);
    assert_eq!((kitty, sixel), (0, 0));
}

/// The map, the photos and a picture alone at every size down to one
/// cell, and through resizes while they show: no panic, every frame drawn.
#[test]
fn pictures_survive_any_terminal_size() {
    let folder = Folder::new("sizes");
    fixture::write_issue(&folder.0);
    for (width, height) in [
        (1, 1),
        (2, 3),
        (10, 5),
        (39, 9),
        (40, 10),
        (41, 12),
        (200, 60),
    ] {
        let mut state = reader(&folder.0, Some(Graphics::halfblocks()), width, height);
        for script in ["v", "]", "<Right>", "<Esc>", "]", "p", "<Esc>", "v"] {
            press(&mut state, script);
            paint(&mut state);
            frame(&state);
        }
        for (w, h) in [(3, 2), (80, 24), (0, 0), (width, height)] {
            state.update(Input::Resize {
                width: w,
                height: h,
            });
            paint(&mut state);
            frame(&state);
        }
    }
}

/// The picture alone takes no clicks meant for what is under it; one
/// that cannot be read is said so and not opened; under the help no
/// picture is drawn (a kitty picture is sent with its first drawing, and
/// a box over it would lose it for good).
#[test]
fn pictures_alone_and_under_the_help_behave() {
    let folder = Folder::new("viewer");
    fixture::write_issue(&folder.0);
    let mut state = reader(&folder.0, Some(Graphics::halfblocks()), 100, 30);
    press(&mut state, "]");
    paint(&mut state);
    let opened = state.opened();
    press(&mut state, "p");
    paint(&mut state);
    assert_eq!(state.mode(), Mode::Picture);
    // Over the pages list, which would open a page.
    state.update(Input::Click { x: 2, y: 3 });
    assert_eq!(state.mode(), Mode::Picture);
    assert_eq!(state.opened(), opened);
    press(&mut state, "<Esc>v");
    paint(&mut state);
    assert!(screen(&state).contains('▀'));
    press(&mut state, "?");
    let shown = screen(&state);
    assert!(!shown.contains('▀') && !shown.contains('▄'), "{shown}");
    press(&mut state, "<Esc>");
    assert!(screen(&state).contains('▀'));

    std::fs::write(
        folder.0.join("2025-03-14.pictures/photo.jpg"),
        b"not a picture",
    )
    .unwrap();
    let mut state = reader(&folder.0, Some(Graphics::halfblocks()), 100, 30);
    press(&mut state, "]");
    paint(&mut state);
    press(&mut state, "p");
    assert_eq!(state.mode(), Mode::Reading);
    assert!(
        screen(&state).contains("图片无法显示"),
        "{}",
        screen(&state)
    );
}
