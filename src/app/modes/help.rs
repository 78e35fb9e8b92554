//! The help: the keys of the mode it was opened over, scrolled as every
//! list scrolls.

use crate::app::geometry::HelpFrame;
use crate::app::keymap::{Action, Mode};
use crate::app::{State, nav};

/// The help open, over `under`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelpView {
    /// The mode whose keys it lists.
    pub under: Mode,
    /// The first line shown.
    pub scroll: usize,
}

impl HelpView {
    pub fn over(under: Mode) -> HelpView {
        HelpView { under, scroll: 0 }
    }
}

/// The help's lines: each binding with keys of the mode, its keys joined.
pub fn lines(state: &State, under: Mode) -> Vec<(String, &'static str)> {
    let mut lines: Vec<(String, &'static str)> = state
        .keymap()
        .bindings(under)
        .filter(|(_, keys)| !keys.is_empty())
        .map(|(binding, keys)| {
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            (keys.join(" / "), binding.help)
        })
        .collect();
    match under {
        Mode::Reading => lines.push((
            "3 A5 …".to_owned(),
            "跳转 type a page's label, then Enter: 3 → 第03版, a5 → 第A05版",
        )),
        Mode::SearchInput | Mode::PageLabel => {
            lines.push(("其他键".to_owned(), "输入 type into the line"));
        }
        _ => {}
    }
    lines.push(("Ctrl-c".to_owned(), "退出 quit, from every mode"));
    lines.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    lines
}

impl State {
    /// Places the help for this size, once a change: its lines wrapped
    /// into its box, and its scrolling kept within them.
    pub(crate) fn place_help(&mut self) {
        let Some(under) = self.help.map(|h| h.under) else {
            self.help_frame = None;
            return;
        };
        let screen = ratatui::layout::Rect::new(0, 0, self.size.0, self.size.1);
        self.help_frame = HelpFrame::new(screen, &lines(self, under), self.settings.ambiguous);
        let max = self.help_frame.as_ref().map_or(0, HelpFrame::max_scroll);
        if let Some(help) = &mut self.help {
            help.scroll = help.scroll.min(max);
        }
    }

    /// The keys of the help.
    pub(crate) fn help_key(&mut self, action: Option<Action>) {
        let Some(mut view) = self.help else { return };
        match action {
            Some(Action::Close | Action::Help) => {
                self.help = None;
                return;
            }
            Some(action) => {
                // Placed by the last change, at this size and for this mode.
                let frame = self.help_frame.as_ref();
                let max = frame.map_or(0, HelpFrame::max_scroll);
                let rows = frame.map_or(1, HelpFrame::visible);
                if let Some(to) = nav::target(action, view.scroll, max + 1, rows) {
                    view.scroll = to;
                }
            }
            None => {}
        }
        self.help = Some(view);
    }
}
