//! The top bar (masthead, date, page and its place, zoom) and the bottom
//! bar (key hints in the website's words, or the page being typed, or a
//! message).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::Context;
use super::text::{fill_row, put, width};
use crate::app::Pane;
use crate::app::keymap::{Action, Hint, Mode, Shown};
use crate::app::lists::{fit, page_title};
use crate::app::modes::Overlay;
use crate::app::modes::search::Scope;

/// `2021年11月5日 星期五`
fn chinese_date(date: crate::model::Date) -> String {
    format!(
        "{}年{}月{}日 {}",
        date.year(),
        date.month(),
        date.day(),
        date.weekday().chinese()
    )
}

pub fn top(cx: &Context<'_>, buf: &mut Buffer, area: Rect) {
    let state = cx.state;
    let ambiguous = state.settings().ambiguous;
    fill_row(buf, area, area.y, cx.palette.bar);
    let Some(issue) = state.issue() else {
        let (title, _) = fit(" epaper  往期阅读", usize::from(area.width), ambiguous);
        put(buf, area, area.x, area.y, &title, cx.palette.bar, ambiguous);
        return;
    };
    let mut left = format!(" {}  {}", issue.publication, chinese_date(issue.date));
    if let Some(edition) = &issue.edition {
        left.push_str("  ");
        left.push_str(edition);
    }
    // What gives way, first to last: the page's title (the left keeps a
    // third of the bar), then the left; the page's place and the zoom
    // always show.
    let room = usize::from(area.width);
    let fixed = format!(
        " ({}/{})  {} ",
        state.page() + 1,
        issue.pages.len(),
        state.zoom().label(state.geometry())
    );
    let fixed_width = usize::from(width(&fixed, ambiguous));
    let left_keeps = usize::from(width(&left, ambiguous)).min(room / 3);
    let title_room = room.saturating_sub(fixed_width + left_keeps + 1);
    let (title, _) = fit(&page_title(issue, state.page()), title_room, ambiguous);
    let title = if title == "…" { String::new() } else { title };
    let right = format!("{title}{fixed}");
    let right_width = usize::from(width(&right, ambiguous));
    let (left, _) = fit(&left, room.saturating_sub(right_width + 1), ambiguous);
    put(buf, area, area.x, area.y, &left, cx.palette.bar, ambiguous);
    let (right, _) = fit(&right, room, ambiguous);
    let right_width = width(&right, ambiguous);
    let x = area.right().saturating_sub(right_width);
    put(buf, area, x, area.y, &right, cx.palette.bar, ambiguous);
}

/// The hints of reading with a list focused: what the keys do there.
fn list_hints(state: &crate::app::State, pane: Pane) -> Vec<Shown> {
    let keymap = state.keymap();
    let word = |action, word, short, always| {
        Some(Shown {
            action,
            key: keymap.key_of(Mode::Reading, action)?.to_string(),
            hint: Hint {
                word,
                short,
                always,
            },
        })
    };
    let open = match pane {
        Pane::Pages => "看本版",
        _ => "阅读",
    };
    [
        word(Action::LineDown, "选择", "选", false),
        word(Action::Open, open, "开", false),
        word(Action::FocusNext, "切换栏目", "切换", false),
        word(Action::Help, "帮助", "帮助", true),
        word(Action::Quit, "退出", "退出", true),
    ]
    .into_iter()
    .flatten()
    .collect()
}

pub fn bottom(cx: &Context<'_>, buf: &mut Buffer, area: Rect) {
    let state = cx.state;
    let ambiguous = state.settings().ambiguous;
    fill_row(buf, area, area.y, cx.palette.bar);
    let x = area.x + 1;
    let mode = state.mode();
    let hints = match mode {
        Mode::Reading if state.focus() != Pane::Article => list_hints(state, state.focus()),
        _ => state.keymap().hints(mode),
    };
    let prompt = match (mode, state.overlay()) {
        (Mode::SearchInput, Some(Overlay::Search(view))) => {
            let scope = match view.scope {
                Scope::Issue => "本期",
                Scope::Library => "往期",
            };
            Some(format!("查找（{scope}）：{}▏", view.typed))
        }
        (Mode::PageLabel, _) => Some(format!("跳转到 第{}▏版", state.goto().unwrap_or(""))),
        _ => None,
    };
    if let Some(prompt) = prompt {
        let room = usize::from(area.width.saturating_sub(2));
        let (prompt, _) = fit(&prompt, room.saturating_sub(12).max(room / 2), ambiguous);
        let end = put(buf, area, x, area.y, &prompt, cx.palette.bar, ambiguous);
        let rest = Rect::new(end + 2, area.y, area.right().saturating_sub(end + 2), 1);
        hint_row(cx, buf, rest, &hints);
        return;
    }
    if let Some(message) = state.message() {
        let (message, _) = fit(
            message,
            usize::from(area.width.saturating_sub(2)),
            ambiguous,
        );
        put(buf, area, x, area.y, &message, cx.palette.bar, ambiguous);
        return;
    }
    // Work in the background shows at the right, the hints give way to it:
    // an issue being read first, then an update.
    let mut hints_area = area;
    let loading = state
        .loading()
        .map(|name| format!("正在打开 {}…（Esc 取消）", file_name(name)));
    let matches = state
        .match_at()
        .map(|(at, of)| format!("第{at}/{of}处 · n 下一处 N 上一处"));
    let status = loading
        .or_else(|| state.background_status().map(str::to_owned))
        .or(matches);
    if let Some(status) = status {
        let room = usize::from(area.width.saturating_sub(2));
        // Half the bar at most, and room kept for a few hints.
        let most = (room / 2 + 12).min(room.saturating_sub(16));
        let (status, _) = fit(&status, most, ambiguous);
        let used = width(&status, ambiguous);
        let at = area.right().saturating_sub(used + 1);
        put(buf, area, at, area.y, &status, cx.palette.bar, ambiguous);
        hints_area.width = at.saturating_sub(area.x + 1);
    }
    hint_row(cx, buf, hints_area, &hints);
}

/// How the hints are set in a row: their words, or the short words, with
/// the room between them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Setting {
    Full,
    Short,
}

fn hints_width(hints: &[&Shown], setting: Setting, ambiguous: crate::layout::Ambiguous) -> u16 {
    let gap = match setting {
        Setting::Full => 2,
        Setting::Short => 1,
    };
    hints
        .iter()
        .map(|shown| {
            let word = match setting {
                Setting::Full => shown.hint.word,
                Setting::Short => shown.hint.short,
            };
            width(&shown.key, ambiguous) + 1 + width(word, ambiguous) + gap
        })
        .sum()
}

/// The hints in `area`: all with their words if they fit, else with their
/// short words, else the ones that always show and as many others as fit,
/// in the table's order.
fn hint_row(cx: &Context<'_>, buf: &mut Buffer, area: Rect, hints: &[Shown]) {
    let ambiguous = cx.state.settings().ambiguous;
    let room = area.width.saturating_sub(1);
    let all: Vec<&Shown> = hints.iter().collect();
    let (shown, setting) = if hints_width(&all, Setting::Full, ambiguous) <= room {
        (all, Setting::Full)
    } else if hints_width(&all, Setting::Short, ambiguous) <= room {
        (all, Setting::Short)
    } else {
        let mut kept: Vec<&Shown> = hints.iter().filter(|s| s.hint.always).collect();
        for shown in hints.iter().filter(|s| !s.hint.always) {
            let mut more = kept.clone();
            more.push(shown);
            more.sort_by_key(|s| hints.iter().position(|h| h == *s));
            if hints_width(&more, Setting::Short, ambiguous) <= room {
                kept = more;
            }
        }
        (kept, Setting::Short)
    };
    let mut x = area.x + 1;
    for shown in shown {
        let word = match setting {
            Setting::Full => shown.hint.word,
            Setting::Short => shown.hint.short,
        };
        let needed = width(&shown.key, ambiguous) + 1 + width(word, ambiguous);
        if needed > area.right().saturating_sub(x) {
            break;
        }
        x = put(buf, area, x, area.y, &shown.key, cx.palette.key, ambiguous);
        x = put(buf, area, x + 1, area.y, word, cx.palette.bar, ambiguous);
        x += if setting == Setting::Full { 2 } else { 1 };
    }
}

/// The last part of a path, as the bottom bar shows a file being read.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}
