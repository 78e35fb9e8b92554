//! The reader's speed: a key press to a frame (update, then drawing a
//! 200×60 screen) in a 10 KB and a 10 MB article; a zoom in a 10 MB
//! article; and the first frame of a 100 MB issue, in the real binary in a
//! pseudo-terminal, with its peak memory; and a 4000×6000 page picture:
//! measured, decoded, fitted and encoded for each protocol, and shown as
//! the page map by the real binary, with its peak memory.

use std::hint::black_box;
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use epaper::app::{Input, Key, Keymap, Settings, State};
use epaper::library::Library;
use epaper::library::store::ReadingState;
use epaper::model::{self, Article, Issue, Links, Page, PageLabel};
use epaper::ui;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

#[path = "corpus.rs"]
mod corpus;
#[path = "../tests/support/pictures.rs"]
mod fixture;

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

/// An issue of one page with one article of about `bytes` of prose.
fn one_article(bytes: usize) -> Issue {
    article_of(corpus::chinese(bytes))
}

/// The same, all in one paragraph.
fn one_paragraph(bytes: usize) -> Issue {
    article_of(vec![corpus::chinese(bytes).concat()])
}

fn article_of(paragraphs: Vec<String>) -> Issue {
    let sample = epaper::samples::SAMPLES[1];
    let mut issue = model::load(sample.bytes).unwrap().issue;
    issue.pages = vec![Page {
        label: PageLabel("01".to_owned()),
        name: "要闻".to_owned(),
        section: None,
        image: None,
        articles: vec![Article {
            id: None,
            kind: model::Kind::Article,
            kicker: None,
            title: "长文".to_owned(),
            subtitle: None,
            byline: None,
            paragraphs,
            images: Vec::new(),
            areas: Vec::new(),
            continues: None,
            links: Links::default(),
        }],
    }];
    issue
}

fn reader_on(issue: Issue) -> State {
    let library = Library::of_issues(vec![("bench".to_owned(), Arc::new(issue))]);
    let mut state = State::new(
        library,
        ReadingState::default(),
        Some(0),
        Settings::default(),
        Keymap::default(),
        (WIDTH, HEIGHT),
    );
    state.start();
    // Into the middle of the article, as a reader would be.
    state.update(Input::Key("End".parse().unwrap()));
    for _ in 0..3 {
        state.update(Input::Key("PageUp".parse().unwrap()));
    }
    state
}

fn frame(state: &State, buffer: &mut Buffer) {
    buffer.reset();
    ui::draw(state, buffer);
}

fn key_to_frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("key-to-frame-200x60");
    for (name, issue) in [
        ("10KB", one_article(10 << 10)),
        ("10MB", one_article(10 << 20)),
        ("4MB-paragraph", one_paragraph(4 << 20)),
    ] {
        let mut state = reader_on(issue);
        let mut buffer = Buffer::empty(Rect::new(0, 0, WIDTH, HEIGHT));
        let (down, up) = (Key::char('j'), Key::char('k'));
        let mut flip = false;
        group.bench_function(name, |b| {
            b.iter(|| {
                flip = !flip;
                state.update(Input::Key(if flip { down } else { up }));
                frame(black_box(&state), &mut buffer);
            });
        });
    }
    group.finish();
}

fn zoom(c: &mut Criterion) {
    let mut group = c.benchmark_group("zoom-10MB-200x60");
    let mut state = reader_on(one_article(10 << 20));
    let mut buffer = Buffer::empty(Rect::new(0, 0, WIDTH, HEIGHT));
    let mut flip = false;
    group.bench_function("zoom-in-or-out", |b| {
        b.iter(|| {
            flip = !flip;
            state.update(Input::Key(Key::char(if flip { '+' } else { '-' })));
            frame(black_box(&state), &mut buffer);
        });
    });
    group.finish();
}

/// Runs the real binary on `path` in a 200×60 pseudo-terminal until its
/// first frame shows; returns the time it took and the process's peak
/// resident memory in bytes.
fn first_frame(path: &std::path::Path) -> (Duration, u64) {
    in_pty(path, None)
}

/// The same, and then, given `then`, presses its keys and times from
/// there until the screen shows its text.
fn in_pty(path: &std::path::Path, then: Option<(&[u8], &str)>) -> (Duration, u64) {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: HEIGHT,
            cols: WIDTH,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_epaper"));
    command.args(["--ambiguous-width", "narrow"]);
    command.arg(path);
    command.env("TERM", "xterm-256color");
    command.env("XDG_CONFIG_HOME", std::env::temp_dir());
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(command).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&seen);
    std::thread::spawn(move || {
        let mut chunk = [0u8; 8192];
        while let Ok(n) = reader.read(&mut chunk) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&chunk[..n]);
        }
    });
    // The bottom bar's last hint is drawn last in the first frame.
    let size = |n: u16| std::num::NonZeroU16::new(n).unwrap();
    let elapsed = loop {
        let mut screen = vt100::Parser::new(size(HEIGHT), size(WIDTH), 0);
        screen.process(&seen.lock().unwrap());
        if screen.screen().contents().contains("q 退出") {
            break start.elapsed();
        }
        assert!(start.elapsed() < Duration::from_secs(60), "no first frame");
        std::thread::sleep(Duration::from_millis(2));
    };
    let elapsed = match then {
        None => elapsed,
        Some((keys, shows)) => {
            writer.write_all(keys).unwrap();
            writer.flush().unwrap();
            let pressed = Instant::now();
            loop {
                let mut screen = vt100::Parser::new(size(HEIGHT), size(WIDTH), 0);
                screen.process(&seen.lock().unwrap());
                if screen.screen().contents().contains(shows) {
                    break pressed.elapsed();
                }
                assert!(
                    pressed.elapsed() < Duration::from_secs(60),
                    "never showed {shows}"
                );
                std::thread::sleep(Duration::from_millis(2));
            }
        }
    };
    // Out of the view the keys opened (q closes it), then q quits.
    if then.is_some() {
        writer.write_all(b"q").unwrap();
        writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(100));
    }
    let pid = child.process_id().unwrap();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let peak_kb: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.split_whitespace().next()?.parse().ok())
        .unwrap_or(0);
    writer.write_all(b"q").unwrap();
    writer.flush().unwrap();
    child.wait().unwrap();
    drop(pair.master);
    (elapsed, peak_kb * 1024)
}

fn first_frame_100mb(c: &mut Criterion) {
    let json = corpus::issue_json(100 << 20);
    let path = std::env::temp_dir().join(format!("epaper-bench-100mb-{}.json", std::process::id()));
    std::fs::write(&path, &json).unwrap();
    let size = json.len() as u64;
    drop(json);
    let mut group = c.benchmark_group("first-frame-100MB");
    group.sample_size(10);
    let mut peak = 0;
    group.bench_function("binary-in-pty", |b| {
        b.iter_custom(|iterations| {
            (0..iterations)
                .map(|_| {
                    let (elapsed, memory) = first_frame(&path);
                    peak = peak.max(memory);
                    elapsed
                })
                .sum()
        });
    });
    group.finish();
    #[allow(clippy::cast_precision_loss)] // a ratio to print
    let ratio = peak as f64 / size as f64;
    eprintln!(
        "first-frame-100MB: file {size} bytes, peak resident memory {peak} bytes, {ratio:.2} times the file"
    );
    let _ = std::fs::remove_file(&path);
}

/// A page picture of 4000×6000 pixels, as a JPEG beside an issue whose
/// first page it is: the painter's steps one by one, then the page map in
/// the real binary (half blocks, in a pseudo-terminal that answers
/// nothing), with the process's peak memory against the issue alone.
fn page_picture(c: &mut Criterion) {
    use epaper::pictures::{self, Graphics, Job, Marks, Protocol, Want};
    let folder = fixture::Folder::new("bench-picture");
    let file = fixture::write_issue(&folder.0);
    let path = folder.0.join("2025-03-14.pictures/page-01.png");
    let big = folder.0.join("2025-03-14.pictures/page-01.jpg");
    fixture::page_picture(10).save(&big).unwrap();
    std::fs::rename(&big, &path).unwrap();
    let mut group = c.benchmark_group("page-picture-4000x6000");
    group.sample_size(10);
    group.bench_function("measure", |b| {
        b.iter(|| black_box(pictures::measure(&path).unwrap()));
    });
    group.bench_function("decode", |b| {
        b.iter(|| black_box(pictures::decode(&path).unwrap()));
    });
    let areas = fixture::AREAS
        .iter()
        .enumerate()
        .map(|(i, a)| pictures::marks::Area::new(u16::try_from(i + 1).unwrap(), a))
        .collect();
    let marks = Marks {
        frame: fixture::FRAME,
        areas,
        selected: Some(1),
    };
    for (name, graphics) in [
        ("map-halfblocks", Graphics::halfblocks()),
        ("map-kitty", Graphics::new(Protocol::Kitty, (10, 20))),
        ("map-sixel", Graphics::new(Protocol::Sixel, (10, 20))),
    ] {
        // The page map at 200×60: the article pane's 58 rows.
        let (columns, rows) = graphics.fit(fixture::FRAME, (114, 58));
        let want = Want {
            marks: Some(marks.clone()),
            ..Want::whole(path.clone(), (columns, rows))
        };
        group.bench_function(name, |b| {
            b.iter(|| {
                let got = pictures::answer(&graphics, &Job::Screen(vec![want.clone()]));
                black_box(got)
            });
        });
    }
    let mut alone = 0;
    let mut mapped = 0;
    group.bench_function("map-in-pty", |b| {
        b.iter_custom(|iterations| {
            (0..iterations)
                .map(|_| {
                    let (_, memory) = in_pty(&file, None);
                    alone = alone.max(memory);
                    let (elapsed, memory) = in_pty(&file, Some((b"v", "▀")));
                    mapped = mapped.max(memory);
                    elapsed
                })
                .sum()
        });
    });
    group.finish();
    eprintln!(
        "page-picture-4000x6000: peak resident memory {mapped} bytes with the page map shown, {alone} bytes without"
    );
}

criterion_group!(benches, key_to_frame, zoom, first_frame_100mb, page_picture);
criterion_main!(benches);
