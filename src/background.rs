//! Work the reader does away from the screen: `R` fetches the papers
//! followed on a thread of its own, as `epaper update` would, and sends
//! its progress and its end to the event loop, which hands them to the
//! app as [`Background`] events. Keys never wait for it.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use crate::app::Background;
use crate::fetch::update::{self, Day, Plan, Report};
use crate::fetch::{Options, Progress};
use crate::library::Library;
use crate::model::Date;
use crate::papers::{Catalogue, Paper, today};

/// What an update from the reader needs.
#[derive(Debug, Clone)]
pub struct UpdateSetup {
    pub catalogue: Catalogue,
    /// The papers followed, by key.
    pub follow: Vec<String>,
    pub days: u32,
    pub options: Options,
    /// The header index, for listing what the library holds.
    pub index: Option<PathBuf>,
    /// Whether the reader shows the library the update writes to, so that
    /// it is read again at the end.
    pub rescan: bool,
}

/// An update running, or none.
#[derive(Default)]
pub struct Updater {
    events: Option<Receiver<Background>>,
    stop: Arc<AtomicBool>,
}

impl Updater {
    /// Starts an update; the message to show when it cannot start.
    pub fn start(&mut self, setup: Option<&UpdateSetup>) -> Result<(), String> {
        if self.events.is_some() {
            return Err("正在更新，请稍候".to_owned());
        }
        let Some(setup) = setup.filter(|s| !s.follow.is_empty()) else {
            return Err(
                "没有关注的报纸：在 config.toml 的 [papers] follow 中加入（epaper papers 列出可选的报纸）"
                    .to_owned(),
            );
        };
        let (send, events) = channel();
        let setup = setup.clone();
        self.stop = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&self.stop);
        std::thread::spawn(move || run(&setup, &send, &stop));
        self.events = Some(events);
        Ok(())
    }

    /// The events that have come since the last call; the update is over
    /// once its `Done` has come.
    pub fn events(&mut self) -> Vec<Background> {
        let Some(events) = &self.events else {
            return Vec::new();
        };
        let mut out: Vec<Background> = Vec::new();
        let mut gone = false;
        loop {
            match events.try_recv() {
                Ok(event) => out.push(event),
                Err(std::sync::mpsc::TryRecvError::Empty) => break,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    gone = true;
                    break;
                }
            }
        }
        let ended = out.iter().any(|e| matches!(e, Background::Done { .. }));
        if ended || gone {
            self.events = None;
            if !ended {
                out.push(Background::Done {
                    summary: "更新意外中止".to_owned(),
                    library: None,
                });
            }
        }
        out
    }

    /// Asks a running update to stop after the day it is fetching.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Sends progress as the update goes.
struct Sending {
    send: Mutex<Sender<Background>>,
    /// "人民日报 2026-11-30": what is being fetched.
    doing: Mutex<String>,
    stage: Mutex<(String, usize)>,
    done: AtomicUsize,
}

impl Sending {
    fn tell(&self) {
        let doing = self.doing.lock().map(|d| d.clone()).unwrap_or_default();
        let (what, total) = self.stage.lock().map(|s| s.clone()).unwrap_or_default();
        let done = self.done.load(Ordering::Relaxed);
        let stage = match what.as_str() {
            "pages" => "版面",
            "articles" => "文章",
            _ => "首页",
        };
        let text = format!("更新 {doing} · {stage} {done}/{total}");
        if let Ok(send) = self.send.lock() {
            let _ = send.send(Background::Progress(text));
        }
    }
}

impl Progress for Sending {
    fn stage(&self, what: &str, total: usize) {
        if let Ok(mut stage) = self.stage.lock() {
            *stage = (what.to_owned(), total);
        }
        self.done.store(0, Ordering::Relaxed);
        self.tell();
    }

    fn advance(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        // Every tenth page is enough for the bar.
        if done.is_multiple_of(10) {
            self.tell();
        }
    }
}

impl Report for Sending {
    fn paper(&self, _plan: &Plan) {}

    fn starting(&self, paper: &Paper, date: Date) {
        if let Ok(mut doing) = self.doing.lock() {
            *doing = format!("{} {date}", paper.name);
        }
        self.tell();
    }

    fn day(&self, _paper: &Paper, _date: Date, _day: &Day) {}
}

/// The update itself, on its thread.
fn run(setup: &UpdateSetup, send: &Sender<Background>, stop: &AtomicBool) {
    let chosen: Vec<&Paper> = setup
        .follow
        .iter()
        .filter_map(|k| setup.catalogue.find(k))
        .collect();
    let kept = update::kept(&setup.options.out_dir, setup.index.as_deref());
    let plans = update::plan(&chosen, &kept, today(), None, setup.days);
    let sending = Sending {
        send: Mutex::new(send.clone()),
        doing: Mutex::new(String::new()),
        stage: Mutex::new((String::new(), 0)),
        done: AtomicUsize::new(0),
    };
    let summary = update::run(&plans, &setup.options, &sending, stop);
    let library = setup
        .rescan
        .then(|| Library::scan(&setup.options.out_dir, setup.index.as_deref()).ok())
        .flatten();
    let _ = send.send(Background::Done {
        summary: words(&summary),
        library,
    });
}

/// The end of an update in the reader's words.
fn words(summary: &update::Summary) -> String {
    let fetched = summary.fetched + summary.with_gaps;
    let mut parts = vec![if fetched == 0 && summary.failed == 0 {
        "已是最新".to_owned()
    } else {
        format!("新到 {fetched} 期")
    }];
    if summary.with_gaps > 0 {
        parts.push(format!("{} 期缺页", summary.with_gaps));
    }
    if summary.failed > 0 {
        parts.push(format!("{} 期未能下载", summary.failed));
    }
    format!("更新完毕：{}；按 i 往期阅读", parts.join("，"))
}
